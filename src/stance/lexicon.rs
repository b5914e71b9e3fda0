//! The cue lexicon (data/lexicon/cues.tsv): cues with derived inflections, matched with Aho-Corasick.

use super::Stance;
use crate::error::{Error, Result};
use crate::text::Token;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::{BTreeMap, HashMap};

pub const BUNDLED_CUES: (&str, &str) = (
    "data/lexicon/cues.tsv",
    include_str!("../../data/lexicon/cues.tsv"),
);
pub const BUNDLED_IRREGULAR: (&str, &str) = (
    "data/lexicon/irregular_verbs.tsv",
    include_str!("../../data/lexicon/irregular_verbs.tsv"),
);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pos {
    Verb,
    Noun,
}

/// The grammatical form a verb cue appeared in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    Base,
    Third,
    Past,
    Participle,
    Gerund,
    Singular,
    Plural,
}

/// Where the target of a cue may stand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The direct object.
    Obj,
    /// The subject of a complement clause ("demanded that Nato ...").
    That,
    /// A preposition ("with", "on", "against").
    Prep(String),
}

/// One row of the lexicon.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    pub lemma: String,
    pub pos: Pos,
    pub stance: Stance,
    pub slots: Vec<Slot>,
    /// `file:line` of the row.
    pub origin: String,
}

/// A cue found in a sentence, over tokens `[start, end)`.
#[derive(Clone, Debug, PartialEq)]
pub struct CueMatch {
    pub start: usize,
    pub end: usize,
    pub cue: usize,
    pub form: Form,
}

/// The compiled lexicon.
pub struct Lexicon {
    pub cues: Vec<Cue>,
    matcher: AhoCorasick,
    /// For each pattern: the (cue, form) readings, verbs first.
    readings: Vec<Vec<(usize, Form)>>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lexicon({} cues)", self.cues.len())
    }
}

/// Irregular verb forms: lemma -> (past, participle, third, gerund).
type Irregulars = HashMap<String, [Option<String>; 4]>;

fn parse_irregulars(path: &str, content: &str) -> Result<Irregulars> {
    let mut out = HashMap::new();
    for (i, line) in data_rows(content) {
        let c: Vec<&str> = line.split('\t').map(str::trim).collect();
        if c.len() < 3 {
            return Err(Error::data(
                path,
                i,
                "expected lemma, past, participle[, third, gerund]",
            ));
        }
        let o = |k: usize| c.get(k).filter(|s| !s.is_empty()).map(|s| s.to_string());
        out.insert(c[0].to_owned(), [o(1), o(2), o(3), o(4)]);
    }
    Ok(out)
}

/// Non-comment, non-blank rows after the header, with 1-based line numbers.
fn data_rows(content: &str) -> impl Iterator<Item = (usize, &str)> {
    content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|(i, l)| (i + 1, l))
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Inflections of a verb lemma: (form, word).
pub fn verb_forms(lemma: &str, irr: &Irregulars) -> Vec<(Form, String)> {
    let get = |k: usize| irr.get(lemma).and_then(|v| v[k].clone());
    let chars: Vec<char> = lemma.chars().collect();
    let last = *chars.last().unwrap_or(&' ');
    let before = chars.len().checked_sub(2).map(|i| chars[i]);
    let third = get(2).unwrap_or_else(|| {
        if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") {
            format!("{lemma}es")
        } else if last == 'y' && before.is_some_and(|b| !is_vowel(b)) {
            format!("{}ies", &lemma[..lemma.len() - 1])
        } else {
            format!("{lemma}s")
        }
    });
    let past_regular = if last == 'e' {
        format!("{lemma}d")
    } else if last == 'y' && before.is_some_and(|b| !is_vowel(b)) {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ed")
    };
    let gerund = get(3).unwrap_or_else(|| {
        if last == 'e' && !lemma.ends_with("ee") && lemma.len() > 2 {
            format!("{}ing", &lemma[..lemma.len() - 1])
        } else {
            format!("{lemma}ing")
        }
    });
    let past = get(0).unwrap_or_else(|| past_regular.clone());
    let part = get(1).unwrap_or(past_regular);
    vec![
        (Form::Base, lemma.to_owned()),
        (Form::Third, third),
        (Form::Past, past),
        (Form::Participle, part),
        (Form::Gerund, gerund),
    ]
}

/// Singular and plural of a noun.
pub fn noun_forms(noun: &str) -> Vec<(Form, String)> {
    let plural = if noun.ends_with('s') {
        noun.to_owned()
    } else if noun.ends_with(['x', 'z']) || noun.ends_with("ch") || noun.ends_with("sh") {
        format!("{noun}es")
    } else if noun.ends_with('y')
        && !noun.ends_with("ey")
        && !noun.ends_with("ay")
        && !noun.ends_with("oy")
    {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    };
    vec![(Form::Singular, noun.to_owned()), (Form::Plural, plural)]
}

impl Lexicon {
    pub fn bundled() -> Result<Lexicon> {
        Lexicon::parse(BUNDLED_CUES, BUNDLED_IRREGULAR)
    }

    pub fn parse(cues: (&str, &str), irregular: (&str, &str)) -> Result<Lexicon> {
        let irr = parse_irregulars(irregular.0, irregular.1)?;
        let mut list = Vec::new();
        for (line, row) in data_rows(cues.1) {
            let c: Vec<&str> = row.split('\t').map(str::trim).collect();
            let err = |m: String| Error::data(cues.0, line, m);
            if c.len() != 4 {
                return Err(err(format!(
                    "{} fields; expected cue, pos, stance, slots",
                    c.len()
                )));
            }
            let pos = match c[1] {
                "verb" => Pos::Verb,
                "noun" => Pos::Noun,
                p => return Err(err(format!("pos '{p}' is not verb or noun"))),
            };
            let stance: Stance = c[2].parse().map_err(err)?;
            let slots = c[3]
                .split('|')
                .filter(|s| !s.is_empty())
                .map(|s| match s {
                    "obj" => Slot::Obj,
                    "that" => Slot::That,
                    p => Slot::Prep(p.to_owned()),
                })
                .collect();
            if c[0].is_empty() || c[0] != c[0].to_lowercase() {
                return Err(err(format!("cue '{}' must be non-empty lowercase", c[0])));
            }
            list.push(Cue {
                lemma: c[0].to_owned(),
                pos,
                stance,
                slots,
                origin: format!("{}:{line}", cues.0),
            });
        }
        let mut patterns: BTreeMap<String, Vec<(usize, Form)>> = BTreeMap::new();
        for (i, cue) in list.iter().enumerate() {
            let words: Vec<&str> = cue.lemma.split(' ').collect();
            let forms = match cue.pos {
                Pos::Verb => verb_forms(words[0], &irr)
                    .into_iter()
                    .map(|(f, w)| {
                        (
                            f,
                            std::iter::once(w.as_str())
                                .chain(words[1..].iter().copied())
                                .collect::<Vec<_>>()
                                .join(" "),
                        )
                    })
                    .collect::<Vec<_>>(),
                Pos::Noun => {
                    let (head, last) = words.split_at(words.len() - 1);
                    // "channels of communication": the first word is the head that takes the plural
                    if words.len() > 2 && words[1] == "of" {
                        noun_forms(words[0])
                            .into_iter()
                            .map(|(f, w)| {
                                (
                                    f,
                                    std::iter::once(w.as_str())
                                        .chain(words[1..].iter().copied())
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                )
                            })
                            .collect()
                    } else {
                        noun_forms(last[0])
                            .into_iter()
                            .map(|(f, w)| {
                                (
                                    f,
                                    head.iter()
                                        .copied()
                                        .chain(std::iter::once(w.as_str()))
                                        .collect::<Vec<_>>()
                                        .join(" "),
                                )
                            })
                            .collect()
                    }
                }
            };
            for (form, text) in forms {
                let v = patterns.entry(text).or_default();
                if !v.iter().any(|(c, _)| *c == i) {
                    v.push((i, form));
                }
            }
        }
        let (texts, readings): (Vec<String>, Vec<Vec<(usize, Form)>>) =
            patterns.into_iter().unzip();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&texts)
            .map_err(|e| Error::Other(format!("cue matcher: {e}")))?;
        Ok(Lexicon {
            cues: list,
            matcher,
            readings,
        })
    }

    /// Finds cues in a normalised sentence. Where a surface form is both a verb and a noun
    /// ("offer", "meeting"), a preceding determiner or possessive selects the noun.
    pub fn find(&self, norm: &str, toks: &[Token]) -> Vec<CueMatch> {
        let starts: HashMap<usize, usize> =
            toks.iter().enumerate().map(|(i, t)| (t.start, i)).collect();
        let ends: HashMap<usize, usize> =
            toks.iter().enumerate().map(|(i, t)| (t.end, i)).collect();
        let mut out = Vec::new();
        for m in self.matcher.find_iter(norm) {
            let (Some(&a), Some(&b)) = (starts.get(&m.start()), ends.get(&m.end())) else {
                continue;
            };
            let readings = &self.readings[m.pattern().as_usize()];
            let prev = a.checked_sub(1).map(|p| toks[p].lower.as_str());
            let nominal_context = matches!(
                prev,
                Some(
                    "a" | "an"
                        | "the"
                        | "its"
                        | "their"
                        | "his"
                        | "her"
                        | "our"
                        | "'s"
                        | "'"
                        | "any"
                        | "no"
                        | "new"
                        | "of"
                        | "further"
                )
            );
            let pick = readings
                .iter()
                .find(|(c, _)| (self.cues[*c].pos == Pos::Noun) == nominal_context)
                .or_else(|| readings.first());
            if let Some(&(cue, form)) = pick {
                out.push(CueMatch {
                    start: a,
                    end: b + 1,
                    cue,
                    form,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_are_derived() {
        let irr = parse_irregulars(BUNDLED_IRREGULAR.0, BUNDLED_IRREGULAR.1).unwrap();
        let f = |l: &str| {
            verb_forms(l, &irr)
                .into_iter()
                .map(|(_, w)| w)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            f("reject"),
            ["reject", "rejects", "rejected", "rejected", "rejecting"]
        );
        assert_eq!(f("urge"), ["urge", "urges", "urged", "urged", "urging"]);
        assert_eq!(f("deny"), ["deny", "denies", "denied", "denied", "denying"]);
        assert_eq!(f("meet"), ["meet", "meets", "met", "met", "meeting"]);
        assert_eq!(
            f("criticize"),
            [
                "criticize",
                "criticizes",
                "criticized",
                "criticized",
                "criticizing"
            ]
        );
        assert_eq!(noun_forms("policy")[1].1, "policies");
        assert_eq!(noun_forms("talks")[1].1, "talks");
    }

    #[test]
    fn every_root_has_cues_and_bad_rows_are_located() {
        let lex = Lexicon::bundled().unwrap();
        for root in 1..=20 {
            let r = format!("{root:02}");
            assert!(
                lex.cues.iter().any(|c| c.stance.cameo_root() == r),
                "no cue for CAMEO root {r}"
            );
        }
        let e = Lexicon::parse(
            ("c.tsv", "cue\tpos\tstance\tslots\nfoo\tverb\tcajole\tobj\n"),
            BUNDLED_IRREGULAR,
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("c.tsv:2: unknown stance 'cajole'"),
            "{e}"
        );
    }
}
