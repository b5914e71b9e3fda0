//! Averaged perceptron over hashed features: a sparse trainable form and a frozen, compact form
//! (open-addressing table of 32-bit feature keys -> sparse rows of quantised class weights).

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
        let c = self.c;
        for f in feats {
            let row = self.map.entry(*f).or_default();
            for (cls, d) in [(truth, 1i32), (guess, -1i32)] {
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
    }

    /// The averaged weights, frozen and quantised (weights below `prune` of the largest are
    /// dropped).
    pub fn freeze(&self, prune: f32) -> Frozen {
        let c = self.c as f64;
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = Vec::with_capacity(self.map.len());
        let mut maxw = 0f32;
        for (k, row) in &self.map {
            let mut r: Vec<(u8, f32)> = row
                .iter()
                .map(|e| (e.cls as u8, (e.w as f64 - e.u as f64 / c) as f32))
                .filter(|(_, w)| *w != 0.0)
                .collect();
            r.sort_by_key(|e| e.0);
            for e in &r {
                maxw = maxw.max(e.1.abs());
            }
            if !r.is_empty() {
                rows.push((*k, r));
            }
        }
        rows.sort_by_key(|r| r.0);
        let scale = if maxw > 0.0 { maxw / 32767.0 } else { 1.0 };
        let min_q = (prune * 32767.0).round() as i32;
        let mut q_rows: Vec<(u32, Vec<(u8, i16)>)> = Vec::with_capacity(rows.len());
        for (k, r) in rows {
            let q: Vec<(u8, i16)> = r
                .into_iter()
                .map(|(c, w)| (c, (w / scale).round() as i32))
                .filter(|(_, q)| q.abs() > min_q.max(0))
                .map(|(c, q)| (c, q.clamp(-32767, 32767) as i16))
                .collect();
            if !q.is_empty() {
                q_rows.push((k, q));
            }
        }
        Frozen::from_rows(self.ncls, scale, q_rows)
    }
}

/// A frozen classifier: open addressing over feature keys, sparse rows of (class, weight).
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot3 {
    key: u32,
    w: [f32; 3],
}

/// Row start and length packed in one word: `start | len << 25`.
const START_BITS: u32 = 25;

#[derive(Clone)]
pub struct Frozen {
    ncls: usize,
    scale: f32,
    mask: usize,
    /// Slot: key (0 = empty) and packed row (start, length) into `entries`.
    slots: Vec<(u32, u32)>,
    /// (class, weight) pairs of all rows.
    entries: Vec<(u32, f32)>,
    /// For three-class classifiers: the weights inline in the slots (one memory access per
    /// feature).
    dense: Vec<Slot3>,
    /// Sorted quantised rows, kept for writing.
    rows: Vec<(u32, Vec<(u8, i16)>)>,
}

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

impl Frozen {
    fn from_rows(ncls: usize, scale: f32, rows: Vec<(u32, Vec<(u8, i16)>)>) -> Frozen {
        let cap = (rows.len() * 3 / 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = Vec::new();
        let mut entries = Vec::new();
        let mut dense = Vec::new();
        if ncls == 3 {
            dense = vec![Slot3::default(); cap];
            for (k, r) in &rows {
                let mut w = [0f32; 3];
                for (c, q) in r {
                    w[*c as usize] = *q as f32 * scale;
                }
                let mut i = slot_of(*k) & mask;
                while dense[i].key != 0 {
                    i = (i + 1) & mask;
                }
                dense[i] = Slot3 { key: *k, w };
            }
        } else {
            slots = vec![(0u32, 0u32); cap];
            for (k, r) in &rows {
                let start = entries.len() as u32;
                for (c, q) in r {
                    entries.push((*c as u32, *q as f32 * scale));
                }
                let mut i = slot_of(*k) & mask;
                while slots[i].0 != 0 {
                    i = (i + 1) & mask;
                }
                slots[i] = (*k, start | ((r.len() as u32) << START_BITS));
            }
        }
        Frozen {
            ncls,
            scale,
            mask,
            slots,
            entries,
            dense,
            rows,
        }
    }

    pub fn ncls(&self) -> usize {
        self.ncls
    }

    /// Adds the weights of `feats` into `scores` (which the caller zeroes). The slots of all
    /// features are prefetched first, so their cache misses overlap.
    #[inline]
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        if !self.dense.is_empty() {
            for &f in feats {
                prefetch(&self.dense[slot_of(f) & self.mask]);
            }
            let mut acc = [0f32; 3];
            for &f in feats {
                let mut i = slot_of(f) & self.mask;
                loop {
                    let s = &self.dense[i];
                    if s.key == f {
                        acc[0] += s.w[0];
                        acc[1] += s.w[1];
                        acc[2] += s.w[2];
                        break;
                    }
                    if s.key == 0 {
                        break;
                    }
                    i = (i + 1) & self.mask;
                }
            }
            for k in 0..3 {
                scores[k] += acc[k];
            }
            return;
        }
        for &f in feats {
            prefetch(&self.slots[slot_of(f) & self.mask]);
        }
        let mut found = [0u32; 64];
        let mut nf = 0;
        for &f in feats {
            let mut i = slot_of(f) & self.mask;
            loop {
                let s = self.slots[i];
                if s.0 == f {
                    if nf < found.len() {
                        found[nf] = s.1;
                        nf += 1;
                        prefetch(&self.entries[(s.1 & ((1 << START_BITS) - 1)) as usize]);
                    } else {
                        self.add_row(s.1, scores);
                    }
                    break;
                }
                if s.0 == 0 {
                    break;
                }
                i = (i + 1) & self.mask;
            }
        }
        for &r in &found[..nf] {
            self.add_row(r, scores);
        }
    }

    #[inline(always)]
    fn add_row(&self, packed: u32, scores: &mut [f32]) {
        let a = (packed & ((1 << START_BITS) - 1)) as usize;
        let b = a + (packed >> START_BITS) as usize;
        for &(c, w) in &self.entries[a..b] {
            scores[c as usize] += w;
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
        let scale = f32::from_le_bytes(rd.bytes(4)?.try_into().unwrap());
        let n = rd.u32()? as usize;
        let mut heads = Vec::with_capacity(n);
        let mut prev = 0u32;
        let mut total = 0usize;
        for _ in 0..n {
            let k = prev
                .checked_add(rd.var()? as u32)
                .ok_or("bad feature key")?;
            prev = k;
            let len = rd.var()? as usize;
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

#[inline(always)]
fn slot_of(k: u32) -> usize {
    (k as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(32) as usize
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
