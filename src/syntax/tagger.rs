//! Part-of-speech tagger: greedy left-to-right averaged perceptron over word, affix, shape and
//! context features, predicting the (UPOS, XPOS) pair; a tag dictionary settles frequent
//! unambiguous words.

use super::perceptron::{
    hash_chars, hash_str, key, mix, put_str, put_u32, put_var, FastMap, Frozen, Reader, Trainer,
};
use std::collections::HashMap;

/// Hashed lexical views of one word, computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordInfo {
    pub form: u64,
    pub lower: u64,
    pub shape: u64,
    pub suf: [u64; 5],
    pub pre: [u64; 3],
}

const BOS: u64 = 0x1234_5678_9abc_def1;
const EOS: u64 = 0x0fed_cba9_8765_4321;

/// Lowercased form with digits folded to `0`.
pub fn norm_lower(form: &str) -> String {
    form.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The word's shape (`Xxxx`, `dd.d`): character classes, runs longer than two cut to two.
fn shape_chars(form: &str) -> impl Iterator<Item = char> + '_ {
    let mut last = ' ';
    let mut run = 0;
    form.chars().filter_map(move |c| {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
            if run > 1 {
                return None;
            }
        } else {
            run = 0;
        }
        last = k;
        Some(k)
    })
}

impl WordInfo {
    /// The views of `form`; affixes and shape are hashed straight from the lowercased form,
    /// without building a string for each.
    pub fn new(form: &str) -> WordInfo {
        let lower = norm_lower(form);
        // byte offsets of the first three and the last five characters
        let n = lower.chars().count();
        let offset = |c: usize| -> usize {
            if c >= n {
                lower.len()
            } else {
                lower.char_indices().nth(c).map_or(lower.len(), |x| x.0)
            }
        };
        let mut suf = [0u64; 5];
        for (k, s) in suf.iter_mut().enumerate() {
            let len = (k + 1).min(n);
            *s = mix(hash_str(&lower[offset(n - len)..]), k as u64 + 1);
        }
        let mut pre = [0u64; 3];
        for (k, p) in pre.iter_mut().enumerate() {
            let len = (k + 1).min(n);
            *p = mix(hash_str(&lower[..offset(len)]), k as u64 + 11);
        }
        WordInfo {
            form: hash_str(form),
            lower: hash_str(&lower),
            shape: hash_chars(shape_chars(form)),
            suf,
            pre,
        }
    }
}

/// The tagger's classes and weights.
pub struct Tagger {
    /// Class -> (UPOS, XPOS).
    pub classes: Vec<(String, String)>,
    /// Frequent unambiguous forms -> class.
    pub dict: FastMap<String, u16>,
    /// Lowercased-form hash -> hash of the set of classes seen with it in training.
    pub amb: FastMap<u64, u64>,
    pub model: Frozen,
    /// Second pass: the same features plus the first pass's tags on both sides.
    pub second: Option<Frozen>,
}

#[inline(always)]
fn f(t: u64, a: u64) -> u32 {
    key(mix(mix(0x7a67, t), a))
}
#[inline(always)]
fn f2(t: u64, a: u64, b: u64) -> u32 {
    key(mix(mix(mix(0x7a67, t), a), b))
}

/// The first features of every word read the word alone (bias, forms, affixes, shape).
const WORD_FEATURES: usize = 12;
/// Word types whose prefix scores a thread keeps per model, before it starts afresh.
const MAX_PREFIXES: usize = 1 << 16;

type PrefixCache = FastMap<u64, FastMap<Box<str>, Box<[f32]>>>;

thread_local! {
    /// Per model ([`Frozen::id`]) and word form: the scores after the [`WORD_FEATURES`] word
    /// features. Rows are added feature by feature in order, so starting from these and adding
    /// the context features gives every score bit for bit.
    static PREFIXES: std::cell::RefCell<PrefixCache> = Default::default();
}

/// Features of word `i` given the tags already assigned to words before it.
fn features(
    ws: &[WordInfo],
    amb: &[u64],
    tags: &[u16],
    p1: Option<&[u16]>,
    i: usize,
    out: &mut Vec<u32>,
) {
    out.clear();
    let n = ws.len();
    let w = &ws[i];
    let get = |j: isize| -> Option<&WordInfo> {
        if j < 0 || j as usize >= n {
            None
        } else {
            Some(&ws[j as usize])
        }
    };
    let ii = i as isize;
    let lw = |j: isize| get(j).map_or(if j < 0 { BOS } else { EOS }, |x| x.lower);
    let ls3 = |j: isize| get(j).map_or(if j < 0 { BOS } else { EOS }, |x| x.suf[2]);
    let lsh = |j: isize| get(j).map_or(if j < 0 { BOS } else { EOS }, |x| x.shape);
    let t1 = if i >= 1 { tags[i - 1] as u64 + 1 } else { 0 };
    let t2 = if i >= 2 { tags[i - 2] as u64 + 1 } else { 0 };
    out.push(f(0, 0));
    out.push(f(1, w.lower));
    out.push(f(2, w.form));
    for (k, s) in w.suf.iter().enumerate() {
        out.push(f(3 + k as u64, *s));
    }
    for (k, p) in w.pre.iter().enumerate() {
        out.push(f(8 + k as u64, *p));
    }
    out.push(f(11, w.shape));
    out.push(f(12, lw(ii - 1)));
    out.push(f(13, lw(ii + 1)));
    out.push(f(14, lw(ii - 2)));
    out.push(f(15, lw(ii + 2)));
    out.push(f(16, ls3(ii - 1)));
    out.push(f(17, ls3(ii + 1)));
    out.push(f(18, t1));
    out.push(f2(19, t1, t2));
    out.push(f2(20, t1, w.lower));
    out.push(f2(21, lw(ii - 1), w.lower));
    out.push(f2(22, w.lower, lw(ii + 1)));
    out.push(f(23, lsh(ii - 1)));
    out.push(f(24, lsh(ii + 1)));
    out.push(f2(25, (i == 0) as u64, w.shape));
    out.push(f2(26, t1, w.suf[2]));
    out.push(f2(27, t1, lw(ii + 1)));
    out.push(f2(28, lw(ii + 1), lw(ii + 2)));
    out.push(f2(29, w.suf[1], lw(ii + 1)));
    out.push(f2(30, t1, w.shape));
    let am = |j: isize| {
        if j < 0 {
            BOS
        } else if j as usize >= n {
            EOS
        } else {
            amb[j as usize]
        }
    };
    out.push(f(31, am(ii)));
    out.push(f(32, am(ii + 1)));
    out.push(f(33, am(ii + 2)));
    out.push(f2(34, am(ii), am(ii + 1)));
    out.push(f2(35, t1, am(ii)));
    out.push(f2(36, am(ii + 1), w.lower));
    out.push(f2(37, am(ii), w.suf[2]));
    out.push(f2(38, am(ii - 1), am(ii)));
    if let Some(p) = p1 {
        let pt = |j: isize| -> u64 {
            if j < 0 {
                0
            } else if j as usize >= n {
                1
            } else {
                p[j as usize] as u64 + 2
            }
        };
        out.push(f(40, pt(ii)));
        out.push(f(41, pt(ii + 1)));
        out.push(f(42, pt(ii + 2)));
        out.push(f2(43, pt(ii + 1), pt(ii + 2)));
        out.push(f2(44, t1, pt(ii + 1)));
        out.push(f2(45, pt(ii + 1), w.lower));
        out.push(f2(46, pt(ii), w.lower));
        out.push(f2(47, pt(ii), pt(ii + 1)));
        out.push(f2(48, pt(ii), w.suf[2]));
        out.push(f2(49, t1, pt(ii)));
    }
}

/// Ambiguity classes: for each lowercased form, the hash of the classes seen with it (classes
/// under 5% of the form's count are left out).
pub fn build_amb(sents: &[&TagSent]) -> FastMap<u64, u64> {
    let mut counts: HashMap<u64, HashMap<u16, usize>> = HashMap::new();
    for s in sents {
        for (w, &g) in s.ws.iter().zip(&s.gold) {
            *counts.entry(w.lower).or_default().entry(g).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(_, cs)| cs.values().sum::<usize>() >= 10)
        .map(|(w, cs)| {
            let total: usize = cs.values().sum();
            let mut keep: Vec<u16> = cs
                .into_iter()
                .filter(|(_, n)| *n * 20 >= total)
                .map(|(c, _)| c)
                .collect();
            keep.sort_unstable();
            let mut h = 0xa3b1u64;
            for c in keep {
                h = mix(h, c as u64 + 1);
            }
            (w, h)
        })
        .collect()
}

impl Tagger {
    /// Tags a sentence (class ids).
    pub fn tag(&self, forms: &[&str], ws: &[WordInfo]) -> Vec<u16> {
        self.tag_fixed(forms, ws, None)
    }

    /// Tags a sentence, letting `fix` replace the class chosen for a word (by its index)
    /// before the next word reads it: what is known of the sentence beforehand (a gazetteer
    /// name is a proper noun) then steers the tags around it too.
    pub fn tag_fixed(
        &self,
        forms: &[&str],
        ws: &[WordInfo],
        fix: Option<&dyn Fn(usize, u16) -> u16>,
    ) -> Vec<u16> {
        let amb: Vec<u64> = ws
            .iter()
            .map(|w| *self.amb.get(&w.lower).unwrap_or(&0))
            .collect();
        let p1 = self.pass(&self.model, forms, ws, &amb, None, fix);
        match &self.second {
            Some(m) => self.pass(m, forms, ws, &amb, Some(&p1), fix),
            None => p1,
        }
    }

    /// The second pass alone, reading the given first-pass tags.
    pub fn tag_second(&self, forms: &[&str], ws: &[WordInfo], p1: &[u16]) -> Vec<u16> {
        let amb: Vec<u64> = ws
            .iter()
            .map(|w| *self.amb.get(&w.lower).unwrap_or(&0))
            .collect();
        match &self.second {
            Some(m) => self.pass(m, forms, ws, &amb, Some(p1), None),
            None => self.pass(&self.model, forms, ws, &amb, None, None),
        }
    }

    fn pass(
        &self,
        model: &Frozen,
        forms: &[&str],
        ws: &[WordInfo],
        amb: &[u64],
        p1: Option<&[u16]>,
        fix: Option<&dyn Fn(usize, u16) -> u16>,
    ) -> Vec<u16> {
        let mut tags = vec![0u16; ws.len()];
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; self.classes.len()];
        PREFIXES.with(|cache| {
            let mut cache = cache.borrow_mut();
            // (training freezes a new table every epoch: keep the few latest)
            if cache.len() >= 4 && !cache.contains_key(&model.id()) {
                cache.clear();
            }
            let cache = cache.entry(model.id()).or_default();
            if cache.len() > MAX_PREFIXES {
                cache.clear();
            }
            for i in 0..ws.len() {
                if let Some(&c) = self.dict.get(forms[i]) {
                    tags[i] = fix.map_or(c, |f| f(i, c));
                    continue;
                }
                features(ws, amb, &tags, p1, i, &mut feats);
                let (word, context) = feats.split_at(WORD_FEATURES);
                match cache.get(forms[i]) {
                    Some(prefix) => scores.copy_from_slice(prefix),
                    None => {
                        scores.iter_mut().for_each(|s| *s = 0.0);
                        model.score(word, &mut scores);
                        cache.insert(forms[i].into(), scores.as_slice().into());
                    }
                }
                model.score(context, &mut scores);
                tags[i] = argmax(&scores) as u16;
                if let Some(f) = fix {
                    tags[i] = f(i, tags[i]);
                }
            }
        });
        tags
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        put_u32(out, self.classes.len() as u32);
        for (u, x) in &self.classes {
            put_str(out, u);
            put_str(out, x);
        }
        let mut d: Vec<(&String, &u16)> = self.dict.iter().collect();
        d.sort();
        put_u32(out, d.len() as u32);
        for (w, c) in d {
            put_str(out, w);
            put_var(out, *c as u64);
        }
        let mut a: Vec<(&u64, &u64)> = self.amb.iter().collect();
        a.sort();
        put_u32(out, a.len() as u32);
        for (w, h) in a {
            out.extend_from_slice(&w.to_le_bytes());
            out.extend_from_slice(&h.to_le_bytes());
        }
        self.model.write(out);
        match &self.second {
            Some(m) => {
                out.push(1);
                m.write(out);
            }
            None => out.push(0),
        }
    }

    pub fn read(rd: &mut Reader) -> Result<Tagger, String> {
        let n = rd.count(2)?;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            classes.push((rd.str()?, rd.str()?));
        }
        let nd = rd.count(2)?;
        let mut dict = FastMap::with_capacity_and_hasher(nd, Default::default());
        for _ in 0..nd {
            let w = rd.str()?;
            let c = rd.var()? as u16;
            if c as usize >= n {
                return Err("tag dictionary class out of range".into());
            }
            dict.insert(w, c);
        }
        let na = rd.count(16)?;
        let mut amb = FastMap::with_capacity_and_hasher(na, Default::default());
        for _ in 0..na {
            let w = u64::from_le_bytes(rd.bytes(8)?.try_into().unwrap());
            let h = u64::from_le_bytes(rd.bytes(8)?.try_into().unwrap());
            amb.insert(w, h);
        }
        let model = Frozen::read(rd)?;
        let second = match rd.bytes(1)?[0] {
            0 => None,
            _ => Some(Frozen::read(rd)?),
        };
        Ok(Tagger {
            second,
            classes,
            dict,
            amb,
            model,
        })
    }
}

pub fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate().skip(1) {
        if *v > s[best] {
            best = i;
        }
    }
    best
}

/// A training sentence for the tagger: forms, lexical views and gold classes.
pub struct TagSent {
    pub forms: Vec<String>,
    pub ws: Vec<WordInfo>,
    pub gold: Vec<u16>,
}

/// Builds the tag dictionary: forms seen at least `min` times with one class >= 99% of the time.
pub fn build_dict(sents: &[&TagSent], min: usize) -> FastMap<String, u16> {
    let mut counts: HashMap<&str, HashMap<u16, usize>> = HashMap::new();
    for s in sents {
        for (w, &g) in s.forms.iter().zip(&s.gold) {
            *counts.entry(w).or_default().entry(g).or_default() += 1;
        }
    }
    let mut dict = FastMap::default();
    for (w, cs) in counts {
        let total: usize = cs.values().sum();
        let (&c, &n) = cs
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
            .unwrap();
        if total >= min && n as f64 >= 0.99 * total as f64 {
            dict.insert(w.to_string(), c);
        }
    }
    dict
}

/// Trains a tagger for `epochs` passes in a seeded shuffled order.
pub fn train(
    sents: &[&TagSent],
    classes: &[(String, String)],
    epochs: usize,
    seed: u64,
    first: Option<(&[Vec<u16>], &Frozen)>,
    mut on_epoch: impl FnMut(usize, &Tagger),
) -> Tagger {
    let ncls = classes.len();
    let mut tr = Trainer::new(ncls);
    let dict = build_dict(sents, 20);
    let amb_map = build_amb(sents);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = super::Rng::new(seed);
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; ncls];
    let mut result = None;
    for ep in 0..epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let s = sents[si];
            let mut tags = vec![0u16; s.ws.len()];
            let amb: Vec<u64> =
                s.ws.iter()
                    .map(|w| *amb_map.get(&w.lower).unwrap_or(&0))
                    .collect();
            for i in 0..s.ws.len() {
                if let Some(&c) = dict.get(s.forms[i].as_str()) {
                    tags[i] = c;
                    continue;
                }
                let p1 = first.map(|f| f.0[si].as_slice());
                features(&s.ws, &amb, &tags, p1, i, &mut feats);
                tr.score(&feats, &mut scores);
                let g = argmax(&scores);
                tr.update(&feats, s.gold[i] as usize, g);
                tr.tick();
                tags[i] = g as u16;
            }
        }
        let frozen = tr.freeze(0.0);
        let t = match first {
            Some((_, m1)) => Tagger {
                classes: classes.to_vec(),
                dict: dict.clone(),
                amb: amb_map.clone(),
                model: m1.clone(),
                second: Some(frozen),
            },
            None => Tagger {
                classes: classes.to_vec(),
                dict: dict.clone(),
                amb: amb_map.clone(),
                model: frozen,
                second: None,
            },
        };
        on_epoch(ep, &t);
        result = Some(t);
    }
    result.unwrap_or_else(|| Tagger {
        classes: classes.to_vec(),
        dict,
        amb: amb_map,
        model: tr.freeze(0.0),
        second: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tagging with the cached word-feature scores gives the tags of scoring every feature
    /// afresh, the first time a word is seen and after (bundled model, EWT dev sample).
    #[test]
    fn cached_word_scores_tag_like_fresh_scoring() {
        let gold = super::super::conllu::dev_sample();
        let tagger = &super::super::Parser::bundled()
            .expect("bundled model")
            .tagger;
        let mut scored = 0;
        for s in &gold {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            let ws: Vec<WordInfo> = forms.iter().map(|f| WordInfo::new(f)).collect();
            let amb: Vec<u64> = ws
                .iter()
                .map(|w| *tagger.amb.get(&w.lower).unwrap_or(&0))
                .collect();
            let mut want = vec![0u16; ws.len()];
            let (mut feats, mut scores) = (Vec::new(), vec![0f32; tagger.classes.len()]);
            for i in 0..ws.len() {
                if let Some(&c) = tagger.dict.get(forms[i]) {
                    want[i] = c;
                    continue;
                }
                features(&ws, &amb, &want, None, i, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                tagger.model.score(&feats, &mut scores);
                want[i] = argmax(&scores) as u16;
                scored += 1;
            }
            assert_eq!(tagger.tag(&forms, &ws), want, "{}", s.id);
            assert_eq!(tagger.tag(&forms, &ws), want, "{} (cached)", s.id);
        }
        assert!(scored > 1000, "{scored} words scored");
    }
}
