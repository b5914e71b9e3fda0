//! Lemmatiser: a (form, UPOS) -> lemma table from the training treebank, and for unseen words
//! suffix rules (strip k characters, append a string) learnt per UPOS and suffix.

use super::perceptron::{put_str, put_u32, put_var, FastMap, Reader};
use std::collections::HashMap;

#[derive(Clone)]
pub struct Lemmatizer {
    /// "UPOS\tform" -> lemma.
    table: FastMap<String, String>,
    /// "UPOS\tsuffix" -> (strip, append, lowercase).
    rules: FastMap<String, (u8, String, bool)>,
}

const MAX_SUF: usize = 5;

/// The rule that turns `form` into `lemma`: characters stripped, appended, lowercased first.
fn rule_of(form: &str, lemma: &str) -> (u8, String, bool) {
    let lower = form.to_lowercase();
    let (base, lc) = if lemma.starts_with(|c: char| c.is_uppercase()) || lower == form {
        (form.to_string(), false)
    } else {
        (lower, true)
    };
    let bc: Vec<char> = base.chars().collect();
    let lcs: Vec<char> = lemma.chars().collect();
    let mut p = 0;
    while p < bc.len() && p < lcs.len() && bc[p] == lcs[p] {
        p += 1;
    }
    let strip = (bc.len() - p).min(255) as u8;
    (strip, lcs[p..].iter().collect(), lc)
}

fn apply_rule(form: &str, r: &(u8, String, bool)) -> String {
    let base = if r.2 {
        form.to_lowercase()
    } else {
        form.to_string()
    };
    let chars: Vec<char> = base.chars().collect();
    if (r.0 as usize) > chars.len() {
        return base;
    }
    let mut s: String = chars[..chars.len() - r.0 as usize].iter().collect();
    s.push_str(&r.1);
    if s.is_empty() {
        base
    } else {
        s
    }
}

fn suffix(lower: &str, k: usize) -> Option<&str> {
    let idx = lower.char_indices().rev().nth(k - 1)?.0;
    Some(&lower[idx..])
}

impl Lemmatizer {
    /// Learns from (form, UPOS, lemma) triples.
    pub fn train<'a>(words: impl Iterator<Item = (&'a str, &'a str, &'a str)>) -> Lemmatizer {
        let mut table_c: HashMap<String, HashMap<String, usize>> = HashMap::new();
        let mut rule_c: HashMap<String, HashMap<(u8, String, bool), usize>> = HashMap::new();
        for (form, upos, lemma) in words {
            if lemma == "_" {
                continue;
            }
            *table_c
                .entry(format!("{upos}\t{form}"))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            let r = rule_of(form, lemma);
            let lower = form.to_lowercase();
            for k in 1..=MAX_SUF {
                if let Some(s) = suffix(&lower, k) {
                    *rule_c
                        .entry(format!("{upos}\t{s}"))
                        .or_default()
                        .entry(r.clone())
                        .or_default() += 1;
                }
            }
            *rule_c
                .entry(format!("{upos}\t"))
                .or_default()
                .entry(r)
                .or_default() += 1;
        }
        let best = |m: HashMap<String, usize>| {
            m.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .unwrap()
                .0
        };
        let table = table_c.into_iter().map(|(k, v)| (k, best(v))).collect();
        let rules = rule_c
            .into_iter()
            .filter(|(_, v)| v.values().sum::<usize>() >= 2 || v.len() == 1)
            .map(|(k, v)| {
                (
                    k,
                    v.into_iter()
                        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                        .unwrap()
                        .0,
                )
            })
            .collect();
        Lemmatizer { table, rules }
    }

    pub fn lemma(&self, form: &str, upos: &str) -> String {
        let mut k = String::with_capacity(upos.len() + form.len() + 1);
        k.push_str(upos);
        k.push('\t');
        let base = k.len();
        k.push_str(form);
        if let Some(l) = self.table.get(&k) {
            return l.clone();
        }
        let lower = form.to_lowercase();
        k.truncate(base);
        k.push_str(&lower);
        if let Some(l) = self.table.get(&k) {
            return l.clone();
        }
        for s in (1..=MAX_SUF).rev() {
            if let Some(suf) = suffix(&lower, s) {
                k.truncate(base);
                k.push_str(suf);
                if let Some(r) = self.rules.get(&k) {
                    return apply_rule(form, r);
                }
            }
        }
        k.truncate(base);
        match self.rules.get(&k) {
            Some(r) => apply_rule(form, r),
            None => form.to_string(),
        }
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut t: Vec<_> = self.table.iter().collect();
        t.sort();
        put_u32(out, t.len() as u32);
        for (k, v) in t {
            put_str(out, k);
            put_str(out, v);
        }
        let mut r: Vec<_> = self.rules.iter().collect();
        r.sort();
        put_u32(out, r.len() as u32);
        for (k, (s, a, lc)) in r {
            put_str(out, k);
            put_var(out, *s as u64);
            put_str(out, a);
            out.push(*lc as u8);
        }
    }

    pub fn read(rd: &mut Reader) -> Result<Lemmatizer, String> {
        let n = rd.count(2)?;
        let mut table = FastMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = rd.str()?;
            table.insert(k, rd.str()?);
        }
        let n = rd.count(4)?;
        let mut rules = FastMap::with_capacity_and_hasher(n, Default::default());
        for _ in 0..n {
            let k = rd.str()?;
            let s = rd.var()?.min(255) as u8;
            let a = rd.str()?;
            let lc = rd.bytes(1)?[0] != 0;
            rules.insert(k, (s, a, lc));
        }
        Ok(Lemmatizer { table, rules })
    }
}
