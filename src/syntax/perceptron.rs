//! Averaged perceptron over hashed features: a sparse trainable form and a frozen, compact form
//! (hash table of 32-bit feature keys in one-cache-line buckets -> quantised class weights).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Mixes a value into a running feature hash.
#[inline(always)]
pub fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(26) ^ x).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Hash of a string (FNV-1a then mixed); stable across runs and platforms.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    fin(h)
}

/// Final avalanche (murmur3 fmix64).
#[inline(always)]
pub fn fin(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// The 32-bit key of a feature hash (never 0, which marks an empty slot).
#[inline(always)]
pub fn key(h: u64) -> u32 {
    let k = (fin(h) >> 32) as u32;
    if k == 0 {
        1
    } else {
        k
    }
}

#[derive(Default)]
struct IdHasher(u64);
impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("only u32 keys")
    }
    fn write_u32(&mut self, k: u32) {
        self.0 = (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

#[derive(Clone, Copy)]
struct Entry {
    cls: u16,
    w: i32,
    u: i64,
}

/// A trainable averaged perceptron (integer updates, exact averaging).
pub struct Trainer {
    ncls: usize,
    map: HashMap<u32, Vec<Entry>, BuildHasherDefault<IdHasher>>,
    /// Instances seen (the averaging clock).
    c: i64,
}

impl Trainer {
    pub fn new(ncls: usize) -> Trainer {
        Trainer {
            ncls,
            map: HashMap::default(),
            c: 1,
        }
    }

    pub fn ncls(&self) -> usize {
        self.ncls
    }

    /// Current (non-averaged) scores.
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(row) = self.map.get(f) {
                for e in row {
                    scores[e.cls as usize] += e.w as f32;
                }
            }
        }
    }

    /// Advances the averaging clock by one instance.
    pub fn tick(&mut self) {
        self.c += 1;
    }

    /// Perceptron update: +1 for `truth`, -1 for `guess`.
    pub fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        // per feature row the truth's entry comes before the guess's, as when both were
        // updated feature by feature
        self.add(feats, truth, 1);
        self.add(feats, guess, -1);
    }

    /// Adds `d` to the weight of class `cls` for every feature (one side of a structured
    /// perceptron update).
    pub fn add(&mut self, feats: &[u32], cls: usize, d: i32) {
        let c = self.c;
        for f in feats {
            let row = self.map.entry(*f).or_default();
            match row.iter_mut().find(|e| e.cls as usize == cls) {
                Some(e) => {
                    e.w += d;
                    e.u += c * d as i64;
                }
                None => row.push(Entry {
                    cls: cls as u16,
                    w: d,
                    u: c * d as i64,
                }),
            }
        }
    }

    /// The averaged weights, frozen and quantised (weights below `prune` of the largest are
    /// dropped).
    pub fn freeze(&self, prune: f32) -> Frozen {
        Trainer::freeze_mean(&[self], prune)
    }

    /// The mean of several trainers' averaged weights, frozen and quantised: a linear model
    /// whose every score is the mean of theirs (an ensemble at the cost of one model). All
    /// trainers must have the same classes.
    pub fn freeze_mean(trainers: &[&Trainer], prune: f32) -> Frozen {
        let ncls = trainers.first().map_or(1, |t| t.ncls);
        let k = trainers.len().max(1) as f64;
        let mut sums: HashMap<u32, Vec<(u8, f64)>, BuildHasherDefault<IdHasher>> =
            HashMap::default();
        for t in trainers {
            let c = t.c as f64;
            for (key, row) in &t.map {
                let acc = sums.entry(*key).or_default();
                for e in row {
                    let v = e.w as f64 - e.u as f64 / c;
                    match acc.iter_mut().find(|a| a.0 as u16 == e.cls) {
                        Some(a) => a.1 += v,
                        None => acc.push((e.cls as u8, v)),
                    }
                }
            }
        }
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = Vec::with_capacity(sums.len());
        let mut maxw = 0f32;
        for (key, acc) in sums {
            let mut r: Vec<(u8, f32)> = acc
                .into_iter()
                .map(|(c, v)| (c, (v / k) as f32))
                .filter(|(_, w)| *w != 0.0)
                .collect();
            r.sort_by_key(|e| e.0);
            for e in &r {
                maxw = maxw.max(e.1.abs());
            }
            if !r.is_empty() {
                rows.push((key, r));
            }
        }
        rows.sort_by_key(|r| r.0);
        let scale = if maxw > 0.0 { maxw / 32767.0 } else { 1.0 };
        let min_q = (prune * 32767.0).round() as i32;
        let mut q_rows: Vec<(u32, Vec<(u8, i16)>)> = Vec::with_capacity(rows.len());
        for (key, r) in rows {
            let q: Vec<(u8, i16)> = r
                .into_iter()
                .map(|(c, w)| (c, (w / scale).round() as i32))
                .filter(|(_, q)| q.abs() > min_q.max(0))
                .map(|(c, q)| (c, q.clamp(-32767, 32767) as i16))
                .collect();
            if !q.is_empty() {
                q_rows.push((key, q));
            }
        }
        Frozen::from_rows(ncls, scale, q_rows)
    }
}

/// Row start and length packed in one word: `start | len << 25`.
const START_BITS: u32 = 25;

/// Features scored per batch: all buckets of a batch are prefetched before any is read, and
/// the rows found are added in feature order.
const BATCH: usize = 256;

/// Keys per bucket of a three-class table: six keys and their six weight triples fill one
/// 64-byte cache line, so finding a feature and reading its weights touch one line.
const KEYS3: usize = 6;
/// Keys per bucket of a sparse table: eight keys and their eight packed rows (one line).
const KEYS_S: usize = 8;

/// One cache line of a three-class table: keys (0 = empty; filled from the front) and the
/// quantised weights of each.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Bucket3 {
    keys: [u32; KEYS3],
    w: [[i16; 3]; KEYS3],
}

/// One cache line of a sparse table: keys (0 = empty; filled from the front) and their packed
/// rows (start, length) into `entries`.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct BucketS {
    keys: [u32; KEYS_S],
    rows: [u32; KEYS_S],
}

/// A frozen classifier: a hash table of 32-bit feature keys in buckets of one cache line each
/// (a key goes to its home bucket, or the next one with room: a lookup reads one line, rarely
/// two). Weights stay quantised in memory (16 bits) and are scaled as they are read,
/// `q as f32 * scale`, the same value a table of `f32`s would hold; the tables are two to four
/// times smaller, so more of them stays in cache.
#[derive(Clone)]
pub struct Frozen {
    ncls: usize,
    scale: f32,
    /// Number of buckets (of `b3` or `bs`, whichever the table uses).
    nb: usize,
    /// Three-class classifiers: keys and weights inline, plus one all-zero bucket at the end
    /// (the slot of an absent feature for `score_slots`).
    b3: Vec<Bucket3>,
    /// Other classifiers: keys and packed rows into `entries`.
    bs: Vec<BucketS>,
    /// Entries of all sparse rows: class in the low 8 bits, quantised weight in the high 16.
    entries: Vec<u32>,
    /// Sorted quantised rows, kept for writing.
    rows: Vec<(u32, Vec<(u8, i16)>)>,
    /// Unique per table built (clones share it: same weights), for caches of its scores.
    id: u64,
}

static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// The home bucket of key `k` among `nb` (multiply-shift range reduction of a mixed hash).
#[inline(always)]
fn home(k: u32, nb: usize) -> usize {
    let h = (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
    ((h * nb as u64) >> 32) as usize
}

/// The index of `f` among `keys`, if there.
#[inline(always)]
fn find_in<const N: usize>(keys: &[u32; N], f: u32) -> Option<usize> {
    let mut hit = N;
    for (j, &k) in keys.iter().enumerate() {
        if k == f {
            hit = j;
        }
    }
    (hit < N).then_some(hit)
}

impl Frozen {
    fn from_rows(ncls: usize, scale: f32, rows: Vec<(u32, Vec<(u8, i16)>)>) -> Frozen {
        let mut entries = Vec::new();
        let mut b3 = Vec::new();
        let mut bs = Vec::new();
        // (key 0 marks an empty place; no feature hashes to it)
        let live = rows.iter().filter(|(k, _)| *k != 0);
        let nb;
        if ncls == 3 {
            // 40% full: about 1% of the home buckets overflow (half full was slower, two
            // thirds slower still, on `geokg extract`)
            nb = (rows.len() * 5).div_ceil(KEYS3 * 2).max(1);
            b3 = vec![Bucket3::default(); nb + 1];
            for (k, r) in live {
                let (b, j) = free_place(nb, *k, |b| b3[b].keys);
                b3[b].keys[j] = *k;
                for (c, q) in r {
                    b3[b].w[j][*c as usize] = *q;
                }
            }
        } else {
            // 40% full too (half full was 3% slower on `geokg extract`)
            nb = (rows.len() * 5).div_ceil(KEYS_S * 2).max(1);
            bs = vec![BucketS::default(); nb];
            for (k, r) in live {
                let start = entries.len() as u32;
                for (c, q) in r {
                    entries.push(*c as u32 | ((*q as u16 as u32) << 16));
                }
                let (b, j) = free_place(nb, *k, |b| bs[b].keys);
                bs[b].keys[j] = *k;
                bs[b].rows[j] = start | ((r.len() as u32) << START_BITS);
            }
        }
        Frozen {
            ncls,
            scale,
            nb,
            b3,
            bs,
            entries,
            rows,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// An id unique to this table's weights (see the field).
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn ncls(&self) -> usize {
        self.ncls
    }

    /// The (bucket, index) holding `f` in a three-class table.
    #[inline(always)]
    fn find3(&self, f: u32) -> Option<(usize, usize)> {
        find_place(self.nb, f, |b| &self.b3[b].keys)
    }

    /// The packed row of `f` in a sparse table.
    #[inline(always)]
    fn find_s(&self, f: u32) -> Option<u32> {
        find_place(self.nb, f, |b| &self.bs[b].keys).map(|(b, j)| self.bs[b].rows[j])
    }

    /// Adds the weights of `feats` into `scores` (which the caller zeroes), feature by feature
    /// in order. The buckets of a batch of features are prefetched first, so their cache misses
    /// overlap, then the rows found.
    #[inline]
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        if !self.b3.is_empty() {
            let mut acc = [0f32; 3];
            let sc = self.scale;
            for batch in feats.chunks(BATCH) {
                for &f in batch {
                    prefetch(&self.b3[home(f, self.nb)]);
                }
                for &f in batch {
                    if let Some((b, j)) = self.find3(f) {
                        let w = self.b3[b].w[j];
                        acc[0] += w[0] as f32 * sc;
                        acc[1] += w[1] as f32 * sc;
                        acc[2] += w[2] as f32 * sc;
                    }
                }
            }
            for (s, a) in scores.iter_mut().zip(acc) {
                *s += a;
            }
            return;
        }
        let mut found = [0u32; BATCH];
        for batch in feats.chunks(BATCH) {
            for &f in batch {
                prefetch(&self.bs[home(f, self.nb)]);
            }
            let mut nf = 0;
            for &f in batch {
                if let Some(row) = self.find_s(f) {
                    found[nf] = row;
                    nf += 1;
                    prefetch(&self.entries[(row & ((1 << START_BITS) - 1)) as usize]);
                }
            }
            for &r in &found[..nf] {
                self.add_row(r, scores);
            }
        }
    }

    /// Prefetches the bucket of feature `f` (three-class tables).
    #[inline(always)]
    pub fn prefetch3(&self, f: u32) {
        prefetch(&self.b3[home(f, self.nb)]);
    }

    /// The weight slot of feature `f` in a three-class table, for [`Frozen::score_slots`]: its
    /// place (bucket and index), or the all-zero bucket past the table when it is absent.
    #[inline(always)]
    pub fn slot3(&self, f: u32) -> u32 {
        match self.find3(f) {
            Some((b, j)) => (b * 8 + j) as u32,
            None => (self.nb * 8) as u32,
        }
    }

    /// Adds the weights of the given slots ([`Frozen::slot3`]) into `scores` (which the caller
    /// zeroes), in order: the same sums, bit for bit, as [`Frozen::score`] over the features
    /// (an absent feature's zero row adds +0.0, which changes no sum: a running sum that
    /// starts at +0.0 and adds quantised products never becomes -0.0).
    #[inline]
    pub fn score_slots(&self, slots: &[u32], scores: &mut [f32]) {
        let mut acc = [0f32; 3];
        let sc = self.scale;
        for &i in slots {
            let w = self.b3[(i / 8) as usize].w[(i % 8) as usize];
            acc[0] += w[0] as f32 * sc;
            acc[1] += w[1] as f32 * sc;
            acc[2] += w[2] as f32 * sc;
        }
        for (s, a) in scores.iter_mut().zip(acc) {
            *s += a;
        }
    }

    #[inline(always)]
    fn add_row(&self, packed: u32, scores: &mut [f32]) {
        let a = (packed & ((1 << START_BITS) - 1)) as usize;
        let b = a + (packed >> START_BITS) as usize;
        for &e in &self.entries[a..b] {
            scores[(e & 0xff) as usize] += (e >> 16) as u16 as i16 as f32 * self.scale;
        }
    }

    /// Drops weights whose quantised magnitude is below `min_q` (and features left empty).
    pub fn pruned(&self, min_q: i16) -> Frozen {
        let rows: Vec<(u32, Vec<(u8, i16)>)> = self
            .rows
            .iter()
            .map(|(k, r)| {
                let r: Vec<(u8, i16)> = r
                    .iter()
                    .copied()
                    .filter(|(_, q)| q.unsigned_abs() >= min_q as u16)
                    .collect();
                (*k, r)
            })
            .filter(|(_, r)| !r.is_empty())
            .collect();
        Frozen::from_rows(self.ncls, self.scale, rows)
    }

    /// Number of features and of weights kept.
    pub fn size(&self) -> (usize, usize) {
        (self.rows.len(), self.rows.iter().map(|r| r.1.len()).sum())
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.ncls as u32);
        out.extend_from_slice(&self.scale.to_le_bytes());
        put_u32(out, self.rows.len() as u32);
        let mut prev = 0u32;
        for (k, r) in &self.rows {
            put_var(out, (k - prev) as u64);
            prev = *k;
            put_var(out, r.len() as u64);
        }
        for (_, r) in &self.rows {
            for (c, _) in r {
                out.push(*c);
            }
        }
        for (_, r) in &self.rows {
            for (_, q) in r {
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
    }

    pub fn read(rd: &mut Reader) -> Result<Frozen, String> {
        let ncls = rd.u32()? as usize;
        if ncls == 0 || ncls > 256 {
            return Err("bad class count".into());
        }
        let scale = f32::from_le_bytes(rd.bytes(4)?.try_into().unwrap());
        let n = rd.count(2)?;
        let mut heads = Vec::with_capacity(n);
        let mut prev = 0u32;
        let mut total = 0usize;
        for _ in 0..n {
            let k = prev
                .checked_add(rd.var()? as u32)
                .ok_or("bad feature key")?;
            prev = k;
            let len = rd.var()? as usize;
            if len > ncls {
                return Err("row longer than its class count".into());
            }
            total += len;
            heads.push((k, len));
        }
        let cls = rd.bytes(total)?.to_vec();
        let ws = rd.bytes(total * 2)?;
        let mut rows = Vec::with_capacity(n);
        let mut j = 0;
        for (k, len) in heads {
            let mut r = Vec::with_capacity(len);
            for _ in 0..len {
                if cls[j] as usize >= ncls {
                    return Err("class out of range".into());
                }
                r.push((cls[j], i16::from_le_bytes([ws[2 * j], ws[2 * j + 1]])));
                j += 1;
            }
            rows.push((k, r));
        }
        Ok(Frozen::from_rows(ncls, scale, rows))
    }
}

/// The place (bucket, index) of key `f` in a table of `nb` buckets: its home bucket, or the
/// next ones while each is full (`keys` gives a bucket's keys, filled from the front).
#[inline(always)]
fn find_place<'a, const N: usize>(
    nb: usize,
    f: u32,
    keys: impl Fn(usize) -> &'a [u32; N],
) -> Option<(usize, usize)> {
    let mut b = home(f, nb);
    loop {
        let ks = keys(b);
        if let Some(j) = find_in(ks, f) {
            return Some((b, j));
        }
        if ks[N - 1] == 0 {
            return None;
        }
        b = if b + 1 == nb { 0 } else { b + 1 };
    }
}

/// The first free place (bucket, index) for key `k` in a table of `nb` buckets: in its home
/// bucket, or the next one with room (`keys` gives a bucket's keys, 0 marking a free place).
fn free_place<const N: usize>(
    nb: usize,
    k: u32,
    keys: impl Fn(usize) -> [u32; N],
) -> (usize, usize) {
    let mut b = home(k, nb);
    loop {
        if let Some(j) = keys(b).iter().position(|&x| x == 0) {
            return (b, j);
        }
        b = if b + 1 == nb { 0 } else { b + 1 };
    }
}

pub fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

pub fn put_var(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_var(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over model bytes.
pub struct Reader<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}

impl<'a> Reader<'a> {
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.pos + n > self.buf.len() {
            return Err("model file truncated".into());
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    /// A count of items that take at least `each` bytes apiece: checked against what is left,
    /// so a corrupt file cannot ask for a huge allocation.
    pub fn count(&mut self, each: usize) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n.saturating_mul(each.max(1)) > self.buf.len() - self.pos {
            return Err("model file truncated or corrupt (count too large)".into());
        }
        Ok(n)
    }
    pub fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.bytes(4)?.try_into().unwrap()))
    }
    pub fn var(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.bytes(1)?[0];
            if shift > 63 {
                return Err("bad varint".into());
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(v);
            }
            shift += 7;
        }
    }
    pub fn str(&mut self) -> Result<String, String> {
        let n = self.var()? as usize;
        String::from_utf8(self.bytes(n)?.to_vec()).map_err(|_| "bad string".to_string())
    }
}

/// A fast hasher for the string-keyed tables read per word (tag dictionary, lemma table):
/// FxHash-style multiply-rotate over 8-byte chunks. Not DoS-resistant; the keys come from the
/// model.
#[derive(Default, Clone, Copy)]
pub struct StrHasher(u64);

const FX: u64 = 0x517c_c1b7_2722_0a95;

impl Hasher for StrHasher {
    #[inline]
    fn finish(&self) -> u64 {
        fin(self.0)
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(FX);
        }
        let mut tail = 0u64;
        for (i, b) in chunks.remainder().iter().enumerate() {
            tail |= (*b as u64) << (8 * i);
        }
        self.0 = (self.0.rotate_left(5) ^ tail ^ ((bytes.len() as u64) << 56)).wrapping_mul(FX);
    }
    #[inline]
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(FX);
    }
    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(FX);
    }
    #[inline]
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
}

/// A hash map with [`StrHasher`] (string keys, or `u64` keys that are hashes already).
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<StrHasher>>;

/// [`hash_str`] of [`super::tagger::norm_lower`]`(s)`, without building the string.
pub fn hash_norm_lower(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in s.chars().flat_map(|c| c.to_lowercase()) {
        let c = if c.is_ascii_digit() { '0' } else { c };
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fin(h)
}

/// [`hash_str`] of a string given as chars, without building it.
pub fn hash_chars(cs: impl Iterator<Item = char>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in cs {
        for b in c.encode_utf8(&mut buf).bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fin(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compact tables score exactly (bit for bit) what adding each present feature's row
    /// in feature order gives, for three-class (inline) and many-class (sparse) classifiers,
    /// with absent and repeated features, and more features than one prefetch batch. The
    /// 5,000 random keys overflow some of their home buckets, so
    /// the lookups past a full bucket are checked too.
    #[test]
    fn compact_tables_score_exactly_like_the_rows() {
        let mut rng = super::super::Rng::new(7);
        for ncls in [3usize, 17, 50] {
            let scale = 0.000_731_f32;
            let mut rows: Vec<(u32, Vec<(u8, i16)>)> = Vec::new();
            let mut k = 0u32;
            for _ in 0..5000 {
                k += 1 + (rng.next_u64() % 50_000) as u32;
                let mut r: Vec<(u8, i16)> = Vec::new();
                for c in 0..ncls {
                    let (keep, q) = (rng.next_u64().is_multiple_of(3), rng.next_u64() % 65_535);
                    if keep {
                        r.push((c as u8, (q as i32 - 32_767) as i16));
                    }
                }
                if r.is_empty() {
                    r.push(((rng.next_u64() % ncls as u64) as u8, -5));
                }
                rows.push((k, r));
            }
            let table: HashMap<u32, &Vec<(u8, i16)>> = rows.iter().map(|(k, r)| (*k, r)).collect();
            let frozen = Frozen::from_rows(ncls, scale, rows.clone());
            let away = rows
                .iter()
                .filter(|(k, _)| match ncls {
                    3 => frozen.find3(*k).map(|p| p.0),
                    _ => frozen.bs.iter().position(|b| b.keys.contains(k)),
                } != Some(home(*k, frozen.nb)))
                .count();
            assert!(away > 0, "no key past its home bucket ({ncls} classes)");
            for len in [0usize, 1, 40, 300, 700] {
                let mut feats: Vec<u32> = Vec::with_capacity(len);
                for _ in 0..len {
                    let (pick, r) = (rng.next_u64() % 3, rng.next_u64());
                    feats.push(match pick {
                        0 => rows[(r % rows.len() as u64) as usize].0,
                        _ => (r as u32).max(1),
                    });
                }
                let mut want = vec![0f32; ncls];
                for f in &feats {
                    if let Some(r) = table.get(f) {
                        for (c, q) in r.iter() {
                            want[*c as usize] += *q as f32 * scale;
                        }
                    }
                }
                let mut got = vec![0f32; ncls];
                frozen.score(&feats, &mut got);
                let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                assert_eq!(bits(&got), bits(&want), "{ncls} classes, {len} features");
                if ncls == 3 {
                    // the parser's path: slots first, then their weights
                    let slots: Vec<u32> = feats.iter().map(|&f| frozen.slot3(f)).collect();
                    let mut by_slot = vec![0f32; 3];
                    frozen.score_slots(&slots, &mut by_slot);
                    assert_eq!(bits(&by_slot), bits(&want), "slots, {len} features");
                }
            }
        }
    }

    /// The allocation-free hashes equal hashing the built strings.
    #[test]
    fn streamed_hashes_match_string_hashes() {
        for s in [
            "",
            "U.S.",
            "Naïve",
            "İstanbul",
            "ÅNGSTRÖM 1990s",
            "n't",
            "Москва-2024",
        ] {
            assert_eq!(
                hash_norm_lower(s),
                hash_str(&super::super::tagger::norm_lower(s)),
                "{s}"
            );
            assert_eq!(hash_chars(s.chars()), hash_str(s), "{s}");
        }
    }

    /// The mean of several trainers scores every input with the mean of their scores (up to
    /// the 16-bit quantisation), and the mean of one trainer is that trainer.
    #[test]
    fn mean_of_trainers_scores_the_mean() {
        let mut a = Trainer::new(3);
        let mut b = Trainer::new(3);
        // different updates on overlapping features
        for i in 0..200u32 {
            let f = [i % 17 + 1, i % 5 + 100, 1000 + i % 3];
            a.update(&f, (i % 3) as usize, ((i + 1) % 3) as usize);
            a.tick();
            if i % 2 == 0 {
                b.update(&f[..2], ((i / 2) % 3) as usize, ((i + 2) % 3) as usize);
            }
            b.tick();
        }
        let (fa, fb) = (a.freeze(0.0), b.freeze(0.0));
        let fm = Trainer::freeze_mean(&[&a, &b], 0.0);
        let one = Trainer::freeze_mean(&[&a], 0.0);
        assert_eq!(one.rows, fa.rows);
        assert_eq!(one.scale.to_bits(), fa.scale.to_bits());
        let tol = 4.0 * (fa.scale + fb.scale + fm.scale);
        let mut differ = 0;
        for i in 0..40u32 {
            let f = [i % 17 + 1, i % 5 + 100, 1000 + i % 3, 5000 + i];
            let (mut sa, mut sb, mut sm) = ([0f32; 3], [0f32; 3], [0f32; 3]);
            fa.score(&f, &mut sa);
            fb.score(&f, &mut sb);
            fm.score(&f, &mut sm);
            for c in 0..3 {
                let want = (sa[c] + sb[c]) / 2.0;
                assert!((sm[c] - want).abs() <= tol, "{:?} {:?} {:?}", sa, sb, sm);
                differ += ((sa[c] - sb[c]).abs() > 10.0 * tol) as usize;
            }
        }
        assert!(differ > 0, "the two trainers should disagree somewhere");
    }
}
