//! Greedy arc-hybrid dependency parser: an averaged perceptron picks SHIFT / LEFT / RIGHT from
//! rich stack and buffer features, a second perceptron labels each arc as it is made; trained
//! with a dynamic oracle and exploration.
//!
//! The root is word 0 at the bottom of the stack; it takes its single child only when the
//! buffer is empty and one word is left, so every tree has exactly one root.

use super::perceptron::{key, mix, put_str, put_u32, Frozen, Reader, Trainer};
use super::tagger::argmax;

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;

/// What the parser reads of each word: hashed word, lemma and tag (index 0 is the root, index
/// `n + 1` the "none" sentinel).
pub struct Input {
    pub w: Vec<u64>,
    pub lem: Vec<u64>,
    pub t: Vec<u64>,
    /// Coarse tag (UPOS id).
    pub u: Vec<u64>,
    /// Hashed suffix of the lowercased form.
    pub suf: Vec<u64>,
    /// `punct[i]`: punctuation words among words 1..i.
    pub punct: Vec<u16>,
}

impl Input {
    /// `words`: (lower-form hash, lemma hash, tag class, UPOS id, suffix hash) of words 1..=n;
    /// `punct_upos` is the UPOS id of punctuation.
    pub fn new(words: &[(u64, u64, u16, u16, u64)], punct_upos: u16) -> Input {
        let n = words.len();
        let mut w = Vec::with_capacity(n + 2);
        let mut lem = Vec::with_capacity(n + 2);
        let mut t = Vec::with_capacity(n + 2);
        let mut u = Vec::with_capacity(n + 2);
        let mut suf = Vec::with_capacity(n + 2);
        let mut punct = Vec::with_capacity(n + 2);
        w.push(0x5007);
        lem.push(0x5007);
        t.push(1);
        u.push(1);
        suf.push(0x5007);
        punct.push(0);
        let mut np = 0u16;
        for &(a, b, c, d, e) in words {
            w.push(a);
            lem.push(b);
            t.push(c as u64 + 2);
            u.push(d as u64 + 2);
            suf.push(e);
            np = np.saturating_add((d == punct_upos) as u16);
            punct.push(np);
        }
        w.push(0);
        lem.push(0);
        t.push(0);
        u.push(0);
        suf.push(0);
        punct.push(np);
        Input {
            w,
            lem,
            t,
            u,
            suf,
            punct,
        }
    }
    /// Number of words (without the root and the sentinel).
    pub fn words(&self) -> usize {
        self.w.len() - 2
    }
}

/// A parser configuration.
#[derive(Clone)]
pub struct State {
    pub n: usize,
    pub stack: Vec<usize>,
    /// First word of the buffer (the buffer is `b..=n`).
    pub b: usize,
    pub head: Vec<usize>,
    pub label: Vec<u8>,
    l1: Vec<usize>,
    l2: Vec<usize>,
    r1: Vec<usize>,
    r2: Vec<usize>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

pub const NOLABEL: u8 = 255;

impl State {
    pub fn new(n: usize) -> State {
        let none = n + 1;
        State {
            n,
            stack: vec![0],
            b: 1,
            head: vec![none; n + 2],
            label: vec![NOLABEL; n + 2],
            l1: vec![none; n + 2],
            l2: vec![none; n + 2],
            r1: vec![none; n + 2],
            r2: vec![none; n + 2],
            nl: vec![0; n + 2],
            nr: vec![0; n + 2],
            lset: vec![0; n + 2],
            rset: vec![0; n + 2],
        }
    }

    pub fn terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    #[inline]
    fn s(&self, k: usize) -> usize {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            self.n + 1
        }
    }
    #[inline]
    fn nb(&self, k: usize) -> usize {
        if self.b + k <= self.n {
            self.b + k
        } else {
            self.n + 1
        }
    }

    pub fn valid(&self) -> [bool; 3] {
        let buf = self.b <= self.n;
        let l = self.stack.len();
        [buf, buf && l >= 2, l >= 3 || (l == 2 && !buf)]
    }

    /// The (head, dependent) of an arc move.
    pub fn arc(&self, mv: usize) -> (usize, usize) {
        let s0 = self.s(0);
        if mv == LEFT {
            (self.b, s0)
        } else {
            (self.s(1), s0)
        }
    }

    pub fn apply(&mut self, mv: usize, lab: u8) {
        if mv == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let (h, d) = self.arc(mv);
        self.stack.pop();
        self.head[d] = h;
        self.label[d] = lab;
        let bit = 1u64 << (lab as u64 & 63);
        if d < h {
            self.l2[h] = self.l1[h];
            self.l1[h] = d;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }
}

#[inline(always)]
fn dist(a: usize, b: usize, n: usize) -> u64 {
    if a > n || b > n {
        return 0;
    }
    let d = a.abs_diff(b);
    match d {
        0..=4 => d as u64 + 1,
        5..=6 => 6,
        7..=9 => 7,
        _ => 8,
    }
}

/// Where the transition features of a configuration go: hashed into keys (training, and
/// [`features`]), or resolved to table slots with the single-word features memoised
/// ([`SlotSink`]). `m1`..`m3` are features whose value is a function of one word index `i`
/// alone (its form, tag, lemma, suffix, or its label once it is a dependent; the buffer's
/// second and third words are a function of its first, and the words under the top of the
/// stack a function of the top: they stay put while it is there, and a word is pushed once),
/// `id` numbering them.
trait Sink {
    fn p1(&mut self, t: u64, a: u64);
    fn p2(&mut self, t: u64, a: u64, b: u64);
    fn p3(&mut self, t: u64, a: u64, b: u64, c: u64);
    #[inline(always)]
    fn m1(&mut self, _id: usize, _i: usize, t: u64, a: u64) {
        self.p1(t, a)
    }
    #[inline(always)]
    fn m2(&mut self, _id: usize, _i: usize, t: u64, a: u64, b: u64) {
        self.p2(t, a, b)
    }
    #[inline(always)]
    fn m3(&mut self, _id: usize, _i: usize, t: u64, a: u64, b: u64, c: u64) {
        self.p3(t, a, b, c)
    }
}

#[inline(always)]
fn k1(t: u64, a: u64) -> u32 {
    key(mix(mix(0x9a11, t), a))
}
#[inline(always)]
fn k2(t: u64, a: u64, b: u64) -> u32 {
    key(mix(mix(mix(0x9a11, t), a), b))
}
#[inline(always)]
fn k3(t: u64, a: u64, b: u64, c: u64) -> u32 {
    key(mix(mix(mix(mix(0x9a11, t), a), b), c))
}

struct F<'a> {
    out: &'a mut Vec<u32>,
}
impl F<'_> {
    #[inline(always)]
    fn p1(&mut self, t: u64, a: u64) {
        self.out.push(k1(t, a));
    }
    #[inline(always)]
    fn p2(&mut self, t: u64, a: u64, b: u64) {
        self.out.push(k2(t, a, b));
    }
    #[inline(always)]
    fn p3(&mut self, t: u64, a: u64, b: u64, c: u64) {
        self.out.push(k3(t, a, b, c));
    }
}
impl Sink for F<'_> {
    #[inline(always)]
    fn p1(&mut self, t: u64, a: u64) {
        F::p1(self, t, a)
    }
    #[inline(always)]
    fn p2(&mut self, t: u64, a: u64, b: u64) {
        F::p2(self, t, a, b)
    }
    #[inline(always)]
    fn p3(&mut self, t: u64, a: u64, b: u64, c: u64) {
        F::p3(self, t, a, b, c)
    }
}

/// Number of memoised single-word transition features (the `id`s of [`Sink::m1`]).
const MEMO_FEATURES: usize = 64;
/// A memo entry not computed yet.
const UNSET: u32 = u32::MAX;

/// Resolves transition features to slots of the transition table, in feature order; the
/// single-word and stack-only ones (the `m` calls of [`Sink`]) are looked up once per word and
/// sentence (`memo`, `MEMO_FEATURES` rows of `n + 2` words), the others collected for one
/// prefetched batch of probes.
struct SlotSink<'a, const BEAM: bool> {
    table: &'a Frozen,
    stride: usize,
    memo: &'a mut [u32],
    /// Table slot of each feature, in order (filled for pending features after probing).
    slots: &'a mut Vec<u32>,
    /// Features still to probe: (position in `slots`, key, memo index or `UNSET`).
    pending: &'a mut Vec<(u32, u32, u32)>,
}

/// Memo ids whose value is not a function of their word alone once configurations can differ
/// in their history (beam search): children's labels, and the stack-top features that read
/// the words under the top (in a beam, the same word can sit on different stacks).
const BEAM_UNSAFE: u64 = (1 << 23)
    | (1 << 26)
    | (1 << 29)
    | (1 << 32)
    | (1 << 34)
    | (1 << 37)
    | (1 << 39)
    | (1 << 41)
    | !((1u64 << 46) - 1);

impl<const BEAM: bool> SlotSink<'_, BEAM> {
    #[inline(always)]
    fn push(&mut self, k: u32) {
        self.table.prefetch3(k);
        self.pending.push((self.slots.len() as u32, k, UNSET));
        self.slots.push(UNSET);
    }
    #[inline(always)]
    fn memo(&mut self, id: usize, i: usize, k: impl FnOnce() -> u32) {
        if BEAM && BEAM_UNSAFE & (1 << id) != 0 {
            self.push(k());
            return;
        }
        let at = id * self.stride + i;
        let v = self.memo[at];
        if v != UNSET {
            self.slots.push(v);
        } else {
            let k = k();
            self.table.prefetch3(k);
            self.pending.push((self.slots.len() as u32, k, at as u32));
            self.slots.push(UNSET);
        }
    }
    /// Probes the pending features and fills their slots (and memo entries).
    fn resolve(&mut self) {
        for &(pos, k, at) in self.pending.iter() {
            let slot = self.table.slot3(k);
            self.slots[pos as usize] = slot;
            if at != UNSET {
                self.memo[at as usize] = slot;
            }
        }
        self.pending.clear();
    }
}

impl<const BEAM: bool> Sink for SlotSink<'_, BEAM> {
    #[inline(always)]
    fn p1(&mut self, t: u64, a: u64) {
        self.push(k1(t, a))
    }
    #[inline(always)]
    fn p2(&mut self, t: u64, a: u64, b: u64) {
        self.push(k2(t, a, b))
    }
    #[inline(always)]
    fn p3(&mut self, t: u64, a: u64, b: u64, c: u64) {
        self.push(k3(t, a, b, c))
    }
    #[inline(always)]
    fn m1(&mut self, id: usize, i: usize, t: u64, a: u64) {
        self.memo(id, i, || k1(t, a))
    }
    #[inline(always)]
    fn m2(&mut self, id: usize, i: usize, t: u64, a: u64, b: u64) {
        self.memo(id, i, || k2(t, a, b))
    }
    #[inline(always)]
    fn m3(&mut self, id: usize, i: usize, t: u64, a: u64, b: u64, c: u64) {
        self.memo(id, i, || k3(t, a, b, c))
    }
}

/// Transition features of a configuration.
pub fn features(x: &Input, st: &State, out: &mut Vec<u32>) {
    out.clear();
    emit(x, st, &mut F { out });
}

#[inline(always)]
fn emit<S: Sink>(x: &Input, st: &State, f: &mut S) {
    let n = st.n;
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (n0, n1, n2) = (st.nb(0), st.nb(1), st.nb(2));
    let w = |i: usize| x.w[i];
    let t = |i: usize| x.t[i];
    let l = |i: usize| st.label[i] as u64;
    let wt = |i: usize| mix(x.w[i], x.t[i]);
    let (s0l1, s0l2, s0r1, s0r2) = (st.l1[s0], st.l2[s0], st.r1[s0], st.r2[s0]);
    let (s1l1, s1r1, s1r2) = (st.l1[s1], st.r1[s1], st.r2[s1]);
    let (n0l1, n0l2) = (st.l1[n0], st.l2[n0]);
    // singles
    f.m1(0, s0, 1, w(s0));
    f.m1(1, s0, 2, t(s0));
    f.m1(2, s0, 3, wt(s0));
    f.m1(3, n0, 4, w(n0));
    f.m1(4, n0, 5, t(n0));
    f.m1(5, n0, 6, wt(n0));
    f.m1(6, n1, 7, w(n1));
    f.m1(7, n1, 8, t(n1));
    f.m1(8, n1, 9, wt(n1));
    f.m1(9, n2, 10, w(n2));
    f.m1(10, n2, 11, t(n2));
    f.m1(11, s1, 12, w(s1));
    f.m1(12, s1, 13, t(s1));
    f.m1(13, s1, 14, wt(s1));
    f.m1(14, s2, 15, t(s2));
    f.m1(15, s2, 16, w(s2));
    f.m1(16, s0, 17, x.lem[s0]);
    f.m1(17, n0, 18, x.lem[n0]);
    f.m1(18, s1, 19, x.lem[s1]);
    // pairs s0-n0
    f.p2(20, wt(s0), wt(n0));
    f.p2(21, wt(s0), w(n0));
    f.p2(22, w(s0), wt(n0));
    f.p2(23, wt(s0), t(n0));
    f.p2(24, t(s0), wt(n0));
    f.p2(25, w(s0), w(n0));
    f.p2(26, t(s0), t(n0));
    f.m2(19, n0, 27, t(n0), t(n1));
    // pairs s1-s0
    f.m2(46, s0, 28, wt(s1), wt(s0));
    f.m2(47, s0, 29, wt(s1), w(s0));
    f.m2(48, s0, 30, w(s1), wt(s0));
    f.m2(49, s0, 31, wt(s1), t(s0));
    f.m2(50, s0, 32, t(s1), wt(s0));
    f.m2(51, s0, 33, w(s1), w(s0));
    f.m2(52, s0, 34, t(s1), t(s0));
    f.m2(53, s0, 35, x.lem[s1], x.lem[s0]);
    f.p2(36, x.lem[s0], x.lem[n0]);
    // triples
    f.m3(20, n0, 40, t(n0), t(n1), t(n2));
    f.p3(41, t(s0), t(n0), t(n1));
    f.p3(42, t(s1), t(s0), t(n0));
    f.m3(54, s0, 43, t(s2), t(s1), t(s0));
    f.p3(44, t(s0), t(s0l1), t(n0));
    f.p3(45, t(s0), t(s0r1), t(n0));
    f.p3(46, t(s0), t(n0), t(n0l1));
    f.p3(47, t(s1), t(s1r1), t(s0));
    f.p3(48, t(s1), t(s1l1), t(s0));
    f.p3(49, t(s1), t(s0), t(s0l1));
    f.p3(50, t(s1), t(s0), t(s0r1));
    f.p3(51, w(s1), t(s0), t(n0));
    f.p3(52, t(s1), w(s0), t(n0));
    f.p3(53, t(s1), t(s0), w(n0));
    f.p3(54, x.u[s1], x.u[s0], x.u[n0]);
    // distance
    let d1 = dist(s0, n0, n);
    let d2 = dist(s1, s0, n);
    f.p2(60, w(s0), d1);
    f.p2(61, t(s0), d1);
    f.p2(62, w(n0), d1);
    f.p2(63, t(n0), d1);
    f.p3(64, t(s0), t(n0), d1);
    f.p3(65, w(s0), w(n0), d1);
    f.m3(55, s0, 66, t(s1), t(s0), d2);
    f.m3(56, s0, 67, w(s1), w(s0), d2);
    f.m2(57, s0, 68, w(s1), d2);
    f.m2(58, s0, 69, w(s0), d2);
    // valency
    let (vl, vr) = (|i: usize| st.nl[i] as u64, |i: usize| st.nr[i] as u64);
    f.p2(70, w(s0), vr(s0));
    f.p2(71, t(s0), vr(s0));
    f.p2(72, w(s0), vl(s0));
    f.p2(73, t(s0), vl(s0));
    f.p2(74, w(n0), vl(n0));
    f.p2(75, t(n0), vl(n0));
    f.p2(76, w(s1), vr(s1));
    f.p2(77, t(s1), vr(s1));
    f.p2(78, t(s1), vl(s1));
    // children
    f.m1(21, s0l1, 80, w(s0l1));
    f.m1(22, s0l1, 81, t(s0l1));
    f.m1(23, s0l1, 82, l(s0l1));
    f.m1(24, s0r1, 83, w(s0r1));
    f.m1(25, s0r1, 84, t(s0r1));
    f.m1(26, s0r1, 85, l(s0r1));
    f.m1(27, n0l1, 86, w(n0l1));
    f.m1(28, n0l1, 87, t(n0l1));
    f.m1(29, n0l1, 88, l(n0l1));
    f.m1(30, s1r1, 89, w(s1r1));
    f.m1(31, s1r1, 90, t(s1r1));
    f.m1(32, s1r1, 91, l(s1r1));
    f.m1(33, s1l1, 92, t(s1l1));
    f.m1(34, s1l1, 93, l(s1l1));
    // second children
    f.m1(35, s0l2, 100, w(s0l2));
    f.m1(36, s0l2, 101, t(s0l2));
    f.m1(37, s0l2, 102, l(s0l2));
    f.m1(38, s0r2, 103, t(s0r2));
    f.m1(39, s0r2, 104, l(s0r2));
    f.m1(40, n0l2, 105, t(n0l2));
    f.m1(41, n0l2, 106, l(n0l2));
    f.p3(107, t(s0), t(s0l1), t(s0l2));
    f.p3(108, t(s0), t(s0r1), t(s0r2));
    f.p3(109, t(n0), t(n0l1), t(n0l2));
    f.m1(42, s1r2, 110, t(s1r2));
    f.p3(111, t(s1), t(s1r1), t(s1r2));
    // label sets
    f.p2(120, w(s0), st.rset[s0]);
    f.p2(121, t(s0), st.rset[s0]);
    f.p2(122, w(s0), st.lset[s0]);
    f.p2(123, t(s0), st.lset[s0]);
    f.p2(124, w(n0), st.lset[n0]);
    f.p2(125, t(n0), st.lset[n0]);
    f.p2(126, t(s1), st.rset[s1]);
    f.p2(127, t(s1), st.lset[s1]);
    // combinations with children labels
    f.p3(130, t(s0), l(s0l1), t(n0));
    f.p3(131, t(s0), l(s0r1), t(n0));
    f.p3(132, t(s1), l(s1r1), t(s0));
    f.p3(133, t(s0), t(n0), l(n0l1));
    f.m2(43, n0, 134, wt(n0), wt(n1));
    f.p3(135, t(s0), (st.b > n) as u64, st.stack.len().min(4) as u64);
    // coarse tags and suffixes (robust to tagging errors)
    let u = |i: usize| x.u[i];
    let sf = |i: usize| x.suf[i];
    f.m1(44, s0, 140, sf(s0));
    f.m1(45, n0, 141, sf(n0));
    f.p2(142, sf(s0), t(n0));
    f.p2(143, t(s0), sf(n0));
    f.p2(144, u(s0), u(n0));
    f.m2(59, s0, 145, u(s1), u(s0));
    f.p2(146, w(s0), u(n0));
    f.p2(147, u(s0), w(n0));
    f.m2(60, s0, 148, w(s1), u(s0));
    f.m2(61, s0, 149, u(s1), w(s0));
    f.p3(150, u(s0), u(n0), d1);
    f.m3(62, s0, 151, u(s1), u(s0), d2);
    f.p3(152, u(s0), u(n0), u(n1));
    // punctuation between the candidates
    let between = |a: usize, b: usize| -> u64 {
        if a > n || b > n || a == b {
            return 9;
        }
        let (lo, hi) = (a.min(b), a.max(b));
        (x.punct[hi - 1] - x.punct[lo]).min(3) as u64
    };
    f.p3(153, t(s0), t(n0), between(s0, n0));
    f.m3(63, s0, 154, t(s1), t(s0), between(s1, s0));
}

/// Label features of an arc `h -> d` about to be made.
pub fn label_features(x: &Input, st: &State, h: usize, d: usize, out: &mut Vec<u32>) {
    out.clear();
    let n = st.n;
    let w = |i: usize| x.w[i];
    let t = |i: usize| x.t[i];
    let l = |i: usize| st.label[i] as u64;
    let dir = (d < h) as u64;
    let dd = dist(h, d, n);
    let nxt = |i: usize| if i < n { i + 1 } else { n + 1 };
    let prv = |i: usize| if (1..=n).contains(&i) { i - 1 } else { n + 1 };
    let mut f = F { out };
    f.p1(1, dir);
    f.p2(2, w(h), dir);
    f.p2(3, t(h), dir);
    f.p2(4, w(d), dir);
    f.p2(5, t(d), dir);
    f.p3(6, w(h), t(h), dir);
    f.p3(7, w(d), t(d), dir);
    f.p3(8, t(h), t(d), dir);
    f.p3(9, w(h), t(d), dir);
    f.p3(10, t(h), w(d), dir);
    f.p3(11, w(h), w(d), dir);
    f.p3(12, t(h), t(d), dd + 10 * dir);
    f.p3(13, x.lem[h], t(d), dir);
    f.p3(14, t(h), x.lem[d], dir);
    f.p3(15, x.u[h], x.u[d], dir);
    // the dependent's (complete) subtree
    let (dl1, dl2, dr1) = (st.l1[d], st.l2[d], st.r1[d]);
    f.p3(20, t(d), w(dl1), dir);
    f.p3(21, t(d), l(dl1), dir);
    f.p3(22, t(d), l(dr1), dir);
    f.p3(23, t(d), st.lset[d], dir);
    f.p3(24, t(d), st.rset[d], dir);
    f.p3(25, w(dl1), t(h), dir);
    f.p3(26, w(dl2), t(d), dir);
    f.p3(27, t(h), st.lset[d], dir);
    f.p3(28, w(dl1), x.lem[h], dir);
    f.p3(29, w(dr1), t(d), dir);
    // the head's children so far
    let (hl1, hr1) = (st.l1[h], st.r1[h]);
    f.p3(30, t(h), st.lset[h], dir);
    f.p3(31, t(h), st.rset[h], dir);
    f.p3(32, t(h), l(hl1), dir);
    f.p3(33, t(h), w(hl1), dir);
    f.p3(34, t(h), l(hr1), dir);
    f.p3(35, st.lset[h], t(d), dir);
    f.p3(36, w(hl1), t(d), dir);
    // context
    f.p3(40, t(d), t(nxt(d)), dir);
    f.p3(41, t(d), t(prv(d)), dir);
    f.p3(42, t(h), t(nxt(h)), dir);
    f.p3(43, t(h), t(prv(h)), dir);
    f.p3(44, w(prv(d)), t(d), dir);
    f.p3(45, t(d), st.nl[d] as u64 * 16 + st.nr[d] as u64, dir);
    f.p3(46, t(h), t(d), (h == 0) as u64);
}

/// The parser's two classifiers.
pub struct ArcParser {
    pub trans: Frozen,
    pub labels: Frozen,
    pub label_names: Vec<String>,
    /// The id of `root`.
    pub root: u8,
    /// Beam width of the transition search (1: greedy).
    pub beam: usize,
    /// Beam threshold: a candidate whose score is more than this below the best one's is
    /// dropped, so the beam is often one configuration wide where the model is sure
    /// (`f32::INFINITY`: a plain beam).
    pub margin: f32,
}

impl ArcParser {
    /// Parses one sentence: heads (0 = root) and label ids of words 1..=n.
    pub fn parse(&self, x: &Input) -> (Vec<usize>, Vec<u8>) {
        if self.beam > 1 {
            self.parse_beam(x, self.beam)
        } else {
            self.parse_greedy(x)
        }
    }

    /// The greedy search.
    /// The greedy search.
    fn parse_greedy(&self, x: &Input) -> (Vec<usize>, Vec<u8>) {
        let n = x.words();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(160);
        let mut lscores = vec![0f32; self.label_names.len()];
        let mut memo = vec![UNSET; MEMO_FEATURES * (n + 2)];
        let mut slots = Vec::with_capacity(160);
        let mut pending = Vec::with_capacity(160);
        while !st.terminal() {
            slots.clear();
            let mut sink = SlotSink::<false> {
                table: &self.trans,
                stride: n + 2,
                memo: &mut memo,
                slots: &mut slots,
                pending: &mut pending,
            };
            emit(x, &st, &mut sink);
            sink.resolve();
            let mut scores = [0f32; 3];
            self.trans.score_slots(&slots, &mut scores);
            let valid = st.valid();
            let mv = best_valid(&scores, &valid);
            let lab = if mv == SHIFT {
                NOLABEL
            } else {
                let (h, d) = st.arc(mv);
                self.label(x, &st, h, d, &mut feats, &mut lscores)
            };
            st.apply(mv, lab);
        }
        (st.head[1..=n].to_vec(), st.label[1..=n].to_vec())
    }

    /// Beam search over transition sequences (all of length `2n`, so the sums of move scores
    /// compare directly); each arc of a kept configuration is labelled greedily.
    fn parse_beam(&self, x: &Input, width: usize) -> (Vec<usize>, Vec<u8>) {
        let n = x.words();
        let mut cur: Vec<(State, f32)> = (0..width).map(|_| (State::new(n), 0.0)).collect();
        let mut next: Vec<(State, f32)> = (0..width).map(|_| (State::new(n), 0.0)).collect();
        let mut live = 1;
        let mut feats = Vec::with_capacity(160);
        let mut lscores = vec![0f32; self.label_names.len()];
        let mut memo = vec![UNSET; MEMO_FEATURES * (n + 2)];
        let mut slots = Vec::with_capacity(160);
        let mut pending = Vec::with_capacity(160);
        let mut cands: Vec<(f32, usize, usize)> = Vec::with_capacity(3 * width);
        while !cur[0].0.terminal() {
            cands.clear();
            for (k, (st, sc)) in cur[..live].iter().enumerate() {
                slots.clear();
                let mut sink = SlotSink::<true> {
                    table: &self.trans,
                    stride: n + 2,
                    memo: &mut memo,
                    slots: &mut slots,
                    pending: &mut pending,
                };
                emit(x, st, &mut sink);
                sink.resolve();
                let mut scores = [0f32; 3];
                self.trans.score_slots(&slots, &mut scores);
                let valid = st.valid();
                for m in 0..3 {
                    if valid[m] {
                        cands.push((sc + scores[m], k, m));
                    }
                }
            }
            top_candidates(&mut cands, width);
            let floor = cands[0].0 - self.margin;
            cands.retain(|c| c.0 >= floor);
            for (j, &(sc, k, m)) in cands.iter().enumerate() {
                let lab = if m == SHIFT {
                    NOLABEL
                } else {
                    let (h, d) = cur[k].0.arc(m);
                    self.label(x, &cur[k].0, h, d, &mut feats, &mut lscores)
                };
                next[j].0.clone_from(&cur[k].0);
                next[j].1 = sc;
                next[j].0.apply(m, lab);
            }
            live = cands.len();
            std::mem::swap(&mut cur, &mut next);
        }
        let st = &cur[0].0;
        (st.head[1..=n].to_vec(), st.label[1..=n].to_vec())
    }

    fn label(
        &self,
        x: &Input,
        st: &State,
        h: usize,
        d: usize,
        feats: &mut Vec<u32>,
        lscores: &mut [f32],
    ) -> u8 {
        if h == 0 {
            return self.root;
        }
        label_features(x, st, h, d, feats);
        lscores.iter_mut().for_each(|s| *s = 0.0);
        self.labels.score(feats, lscores);
        lscores[self.root as usize] = f32::NEG_INFINITY;
        argmax(lscores) as u8
    }

    /// Writes the parser; format version 2 adds the beam width and threshold after the root
    /// label (version 1, the greedy parser's, has neither).
    pub fn write(&self, out: &mut Vec<u8>, version: u32) {
        put_u32(out, self.label_names.len() as u32);
        for l in &self.label_names {
            put_str(out, l);
        }
        out.push(self.root);
        if version >= 2 {
            put_u32(out, self.beam as u32);
            put_u32(out, self.margin.to_bits());
        }
        self.trans.write(out);
        self.labels.write(out);
    }

    pub fn read(rd: &mut Reader, version: u32) -> Result<ArcParser, String> {
        let n = rd.count(1)?;
        if n >= NOLABEL as usize {
            return Err("too many relation labels".into());
        }
        let mut label_names = Vec::with_capacity(n);
        for _ in 0..n {
            label_names.push(rd.str()?);
        }
        let root = rd.bytes(1)?[0];
        if root as usize >= n {
            return Err("root label out of range".into());
        }
        let (beam, margin) = if version >= 2 {
            (rd.u32()? as usize, f32::from_bits(rd.u32()?))
        } else {
            (1, f32::INFINITY)
        };
        if margin.is_nan() || margin < 0.0 {
            return Err(format!(
                "beam threshold {margin} is not a number of 0 or more"
            ));
        }
        if !(1..=MAX_BEAM).contains(&beam) {
            return Err(format!("beam width {beam} out of range (1 to {MAX_BEAM})"));
        }
        let trans = Frozen::read(rd)?;
        let labels = Frozen::read(rd)?;
        if trans.ncls() != 3 || labels.ncls() != n {
            return Err("parser classifier sizes do not match".into());
        }

        Ok(ArcParser {
            trans,
            labels,
            label_names,
            root,
            beam,
            margin,
        })
    }
}

/// The widest beam a model file may ask for.
pub const MAX_BEAM: usize = 64;

/// Keeps the `width` best candidates (score, configuration, move), best first; ties go to the
/// earlier configuration, then the lower move, so the search is deterministic.
fn top_candidates(cands: &mut Vec<(f32, usize, usize)>, width: usize) {
    cands.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    cands.truncate(width);
}

fn best_valid(scores: &[f32; 3], valid: &[bool; 3]) -> usize {
    let mut best = usize::MAX;
    for (m, ok) in valid.iter().enumerate() {
        if *ok && (best == usize::MAX || scores[m] > scores[best]) {
            best = m;
        }
    }
    best
}

/// Makes a gold tree projective by lifting non-projective arcs to the grandparent (shortest
/// arcs first); labels stay. `heads[i]` is the head of word `i + 1`.
pub fn projectivize(heads: &[usize]) -> Vec<usize> {
    let n = heads.len();
    let mut h: Vec<usize> = std::iter::once(0).chain(heads.iter().copied()).collect();
    let dominates = |h: &[usize], a: usize, mut k: usize| -> bool {
        let mut steps = 0;
        while k != 0 && steps <= n {
            k = h[k];
            if k == a {
                return true;
            }
            steps += 1;
        }
        a == 0
    };
    for _ in 0..n * n {
        let mut worst: Option<(usize, usize)> = None;
        for d in 1..=n {
            let hd = h[d];
            let (a, b) = (hd.min(d), hd.max(d));
            let nonproj = (a + 1..b).any(|k| !dominates(&h, hd, k));
            if nonproj && worst.is_none_or(|(_, span)| b - a < span) {
                worst = Some((d, b - a));
            }
        }
        match worst {
            Some((d, _)) => h[d] = h[h[d]],
            None => break,
        }
    }
    h[1..].to_vec()
}

/// Costs of the three moves under the dynamic oracle (arc-hybrid), for gold heads `g`
/// (`g[i]` for word `i`, index 0 unused). Invalid moves get `usize::MAX`.
pub fn costs(st: &State, g: &[usize], on_stack: &[bool]) -> [usize; 3] {
    let valid = st.valid();
    let mut c = [usize::MAX; 3];
    let n = st.n;
    let s0 = st.s(0);
    let b = st.b;
    let in_buf = |k: usize| k >= b.max(1) && k <= n;
    if valid[SHIFT] {
        let mut cost = 0;
        for &k in &st.stack {
            if k != 0 && g[k] == b {
                cost += 1;
            }
        }
        if on_stack[g[b]] && g[b] != s0 {
            cost += 1;
        }
        c[SHIFT] = cost;
    }
    if valid[LEFT] || valid[RIGHT] {
        let deps_in_buf = (b..=n).filter(|&k| g[k] == s0).count();
        let s1 = st.s(1);
        if valid[LEFT] {
            let lost = g[s0] != b && (g[s0] == s1 || in_buf(g[s0]));
            c[LEFT] = deps_in_buf + lost as usize;
        }
        if valid[RIGHT] {
            let lost = g[s0] != s1 && in_buf(g[s0]);
            c[RIGHT] = deps_in_buf + lost as usize;
        }
    }
    c
}

/// One training sentence for the parser: its input and gold (projective) heads and labels,
/// index 0 unused.
pub struct ParseSent {
    pub x: Input,
    pub heads: Vec<usize>,
    pub labels: Vec<u8>,
}

pub struct ParserTrainer {
    pub trans: Trainer,
    pub labels: Trainer,
    pub root: u8,
}

impl ParserTrainer {
    pub fn new(nlabels: usize, root: u8) -> ParserTrainer {
        ParserTrainer {
            trans: Trainer::new(3),
            labels: Trainer::new(nlabels),
            root,
        }
    }

    /// One pass over a sentence; `explore` is the probability of following the model's own
    /// (possibly wrong) move.
    pub fn train_sentence(&mut self, s: &ParseSent, explore: f64, rng: &mut super::Rng) {
        let x = &s.x;
        let n = x.words();
        let mut st = State::new(n);
        let mut on_stack = vec![false; n + 2];
        on_stack[0] = true;
        let mut feats = Vec::with_capacity(160);
        let mut lfeats = Vec::with_capacity(64);
        let mut scores = [0f32; 3];
        let mut lscores = vec![0f32; self.labels.ncls()];
        while !st.terminal() {
            features(x, &st, &mut feats);
            self.trans.score(&feats, &mut scores);
            let valid = st.valid();
            let c = costs(&st, &s.heads, &on_stack);
            let pred = best_valid(&scores, &valid);
            let minc = *c.iter().min().unwrap();
            let mut gold = usize::MAX;
            for (m, cost) in c.iter().enumerate() {
                if *cost == minc && (gold == usize::MAX || scores[m] > scores[gold]) {
                    gold = m;
                }
            }
            if c[pred] > minc {
                self.trans.update(&feats, gold, pred);
            }
            self.trans.tick();
            let mv = if c[pred] == minc || rng.f64() < explore {
                pred
            } else {
                gold
            };
            let lab = if mv == SHIFT {
                NOLABEL
            } else {
                let (h, d) = st.arc(mv);
                if h == 0 {
                    self.root
                } else {
                    label_features(x, &st, h, d, &mut lfeats);
                    self.labels.score(&lfeats, &mut lscores);
                    lscores[self.root as usize] = f32::NEG_INFINITY;
                    let guess = argmax(&lscores);
                    if s.heads[d] == h {
                        let g = s.labels[d] as usize;
                        if g != self.root as usize {
                            self.labels.update(&lfeats, g, guess);
                        }
                        self.labels.tick();
                    }
                    guess as u8
                }
            };
            if mv == SHIFT {
                on_stack[st.b] = true;
            } else {
                on_stack[st.s(0)] = false;
            }
            st.apply(mv, lab);
        }
    }
}

/// A configuration of the training beam: its state, stack membership (for the oracle), score,
/// arcs lost so far, and its last node in the history arena.
#[derive(Clone)]
struct BeamItem {
    st: State,
    on_stack: Vec<bool>,
    score: f32,
    loss: usize,
    node: usize,
}

/// One move in the history arena: the previous node, the features of the configuration it
/// was made from (`feats[start..start + len]`) and the move.
struct Node {
    parent: usize,
    start: usize,
    len: usize,
    mv: usize,
}

impl ParserTrainer {
    /// Predicts the label of an arc with the current label weights (root arcs get `root`); on a
    /// correct arc (`gold` set) the label classifier is also trained.
    fn label_arc(
        &mut self,
        s: &ParseSent,
        st: &State,
        mv: usize,
        train: bool,
        lfeats: &mut Vec<u32>,
        lscores: &mut [f32],
    ) -> u8 {
        if mv == SHIFT {
            return NOLABEL;
        }
        let (h, d) = st.arc(mv);
        if h == 0 {
            return self.root;
        }
        label_features(&s.x, st, h, d, lfeats);
        self.labels.score(lfeats, lscores);
        lscores[self.root as usize] = f32::NEG_INFINITY;
        let guess = argmax(lscores);
        if train && s.heads[d] == h {
            let g = s.labels[d] as usize;
            if g != self.root as usize {
                self.labels.update(lfeats, g, guess);
            }
            self.labels.tick();
        }
        guess as u8
    }

    /// One pass over a sentence with beam search and a max-violation structured perceptron
    /// update (Huang, Fayong and Guo 2012): the reference is the best-scoring zero-cost
    /// sequence under the dynamic oracle, followed step by step; the update is made at the
    /// step where the best wrong configuration in the beam leads the reference by most. Labels
    /// are trained locally, on the reference's arcs.
    pub fn train_sentence_beam(&mut self, s: &ParseSent, width: usize) {
        let x = &s.x;
        let n = x.words();
        let mut arena: Vec<Node> = Vec::with_capacity(4 * n * (width + 1));
        let mut fbuf: Vec<u32> = Vec::with_capacity(4 * n * (width + 1) * 130);
        let mut feats = Vec::with_capacity(160);
        let mut lfeats = Vec::with_capacity(64);
        let mut lscores = vec![0f32; self.labels.ncls()];
        let mut on_stack = vec![false; n + 2];
        on_stack[0] = true;
        let start = BeamItem {
            st: State::new(n),
            on_stack,
            score: 0.0,
            loss: 0,
            node: usize::MAX,
        };
        let mut gold = start.clone();
        let mut beam = vec![start];
        let mut cands: Vec<(f32, usize, usize)> = Vec::with_capacity(3 * width);
        let mut item_feats: Vec<(usize, usize, [f32; 3], [usize; 3])> = Vec::new();
        // (violation, beam node, reference node)
        let mut worst: Option<(f32, usize, usize)> = None;
        while !gold.st.terminal() {
            // the reference's move: the best-scoring zero-cost one
            features(x, &gold.st, &mut feats);
            let mut scores = [0f32; 3];
            self.trans.score(&feats, &mut scores);
            let c = costs(&gold.st, &s.heads, &gold.on_stack);
            let mut gm = usize::MAX;
            for m in 0..3 {
                if c[m] == 0 && (gm == usize::MAX || scores[m] > scores[gm]) {
                    gm = m;
                }
            }
            let at = fbuf.len();
            fbuf.extend_from_slice(&feats);
            arena.push(Node {
                parent: gold.node,
                start: at,
                len: feats.len(),
                mv: gm,
            });
            gold.node = arena.len() - 1;
            gold.score += scores[gm];
            let lab = self.label_arc(s, &gold.st, gm, true, &mut lfeats, &mut lscores);
            step(&mut gold, gm, lab);

            // the beam
            cands.clear();
            item_feats.clear();
            for (k, it) in beam.iter().enumerate() {
                features(x, &it.st, &mut feats);
                let mut scores = [0f32; 3];
                self.trans.score(&feats, &mut scores);
                let c = costs(&it.st, &s.heads, &it.on_stack);
                let at = fbuf.len();
                fbuf.extend_from_slice(&feats);
                item_feats.push((at, feats.len(), scores, c));
                let valid = it.st.valid();
                for m in 0..3 {
                    if valid[m] {
                        cands.push((it.score + scores[m], k, m));
                    }
                }
            }
            top_candidates(&mut cands, width);
            let mut next = Vec::with_capacity(cands.len());
            for &(sc, k, m) in cands.iter() {
                let (at, len, _, c) = item_feats[k];
                let mut it = beam[k].clone();
                arena.push(Node {
                    parent: it.node,
                    start: at,
                    len,
                    mv: m,
                });
                it.node = arena.len() - 1;
                it.score = sc;
                it.loss += c[m];
                let lab = self.label_arc(s, &it.st, m, false, &mut lfeats, &mut lscores);
                step(&mut it, m, lab);
                next.push(it);
            }
            beam = next;
            let best = &beam[0];
            if best.loss > 0 {
                let v = best.score - gold.score;
                if v >= 0.0 && worst.is_none_or(|w| v > w.0) {
                    worst = Some((v, best.node, gold.node));
                }
            }
        }
        if let Some((_, bad, good)) = worst {
            let path = |mut k: usize| {
                let mut p = Vec::new();
                while k != usize::MAX {
                    p.push(k);
                    k = arena[k].parent;
                }
                p.reverse();
                p
            };
            let (pb, pg) = (path(bad), path(good));
            // identical moves from the start make identical configurations: skip them
            let same = pb
                .iter()
                .zip(&pg)
                .take_while(|(a, b)| arena[**a].mv == arena[**b].mv)
                .count();
            for &k in &pg[same..] {
                let nd = &arena[k];
                self.trans.add(&fbuf[nd.start..nd.start + nd.len], nd.mv, 1);
            }
            for &k in &pb[same..] {
                let nd = &arena[k];
                self.trans
                    .add(&fbuf[nd.start..nd.start + nd.len], nd.mv, -1);
            }
        }
        self.trans.tick();
    }
}

/// Applies a move to a training configuration (and its stack membership).
fn step(it: &mut BeamItem, mv: usize, lab: u8) {
    if mv == SHIFT {
        it.on_stack[it.st.b] = true;
    } else {
        it.on_stack[it.st.s(0)] = false;
    }
    it.st.apply(mv, lab);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The memoised slot path ([`ArcParser::parse`]) scores every configuration bit for bit as
    /// hashing all features and scoring them with [`Frozen::score`] does, along the parses of
    /// the EWT dev sample (bundled model, gold tags and lemmas), and so makes the same trees.
    #[test]
    fn memoised_slots_score_like_plain_features() {
        let gold = super::super::conllu::dev_sample();
        let model = super::super::Parser::bundled().expect("bundled model");
        let p = &model.parser;
        let mut steps = 0;
        for s in &gold {
            let words: Vec<(u64, u64, u16, u16, u64)> = s
                .words
                .iter()
                .map(|w| {
                    let info = super::super::tagger::WordInfo::new(&w.form);
                    let class = model
                        .tagger
                        .classes
                        .iter()
                        .position(|c| c.0 == w.upos && c.1 == w.xpos)
                        .unwrap_or(0) as u16;
                    let lemma = super::super::perceptron::hash_norm_lower(&w.lemma);
                    (
                        info.lower,
                        lemma,
                        class,
                        super::super::upos_id(&w.upos),
                        info.suf[2],
                    )
                })
                .collect();
            let x = Input::new(&words, super::super::PUNCT_UPOS);
            let n = x.words();
            let mut st = State::new(n);
            let (mut feats, mut slots, mut pending) = (Vec::new(), Vec::new(), Vec::new());
            let mut memo = vec![UNSET; MEMO_FEATURES * (n + 2)];
            let mut lscores = vec![0f32; p.label_names.len()];
            while !st.terminal() {
                features(&x, &st, &mut feats);
                let mut want = [0f32; 3];
                p.trans.score(&feats, &mut want);
                slots.clear();
                let mut sink = SlotSink::<false> {
                    table: &p.trans,
                    stride: n + 2,
                    memo: &mut memo,
                    slots: &mut slots,
                    pending: &mut pending,
                };
                emit(&x, &st, &mut sink);
                sink.resolve();
                assert_eq!(slots.len(), feats.len());
                let mut got = [0f32; 3];
                p.trans.score_slots(&slots, &mut got);
                assert_eq!(got.map(f32::to_bits), want.map(f32::to_bits), "{}", s.id);
                let mv = best_valid(&want, &st.valid());
                let lab = if mv == SHIFT {
                    NOLABEL
                } else {
                    let (h, d) = st.arc(mv);
                    p.label(&x, &st, h, d, &mut feats, &mut lscores)
                };
                st.apply(mv, lab);
                steps += 1;
            }
            assert_eq!(p.parse(&x).0, st.head[1..=n].to_vec(), "{}", s.id);
            // the beam search with one configuration is the greedy search
            assert_eq!(p.parse_beam(&x, 1), p.parse_greedy(&x), "{}", s.id);
        }
        assert!(steps > 5000, "{steps} transitions");
    }

    /// Following zero-cost moves from the start rebuilds every projective gold tree exactly.
    #[test]
    fn oracle_rebuilds_projective_trees() {
        let gold = super::super::conllu::dev_sample();
        let mut checked = 0;
        for s in &gold {
            let n = s.words.len();
            let heads: Vec<usize> = s.words.iter().map(|w| w.head).collect();
            let proj = projectivize(&heads);
            let mut g = vec![0usize];
            g.extend(&proj);
            g.push(0);
            let mut st = State::new(n);
            let mut on_stack = vec![false; n + 2];
            on_stack[0] = true;
            while !st.terminal() {
                let c = costs(&st, &g, &on_stack);
                let mv = (0..3).min_by_key(|&m| c[m]).unwrap();
                assert_eq!(c[mv], 0, "sentence {} has no zero-cost move", s.id);
                if mv == SHIFT {
                    on_stack[st.b] = true;
                } else {
                    on_stack[st.s(0)] = false;
                }
                st.apply(mv, 0);
            }
            assert_eq!(&st.head[1..=n], &proj[..], "sentence {}", s.id);
            checked += 1;
        }
        assert_eq!(checked, 300);
    }
}
