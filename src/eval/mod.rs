//! Scoring extraction against hand-coded gold (`geokg-gold/1`, the format of seed.gold.json).
//!
//! Semantics: per document, unique (actor code, CAMEO root, target code) triples of the
//! non-negated predictions whose target has a code; precision = predicted triples matching
//! any gold item / predicted triples; recall = required gold items matched / required items.
//! Documents absent from the gold file are ignored.

pub mod petrarch;

use crate::error::{Error, Result};
use crate::model::StatementRecord;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldFile {
    pub format: Option<String>,
    #[serde(default)]
    pub about: Option<String>,
    pub docs: BTreeMap<String, GoldDoc>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldDoc {
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    pub statements: Vec<GoldItem>,
}

/// One gold statement: the acceptable actors, CAMEO roots and targets.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct GoldItem {
    pub actor: Vec<String>,
    pub stance: Vec<String>,
    pub target: Vec<String>,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub evidence: String,
}

fn yes() -> bool {
    true
}

impl GoldItem {
    fn matches(&self, t: &Triple) -> bool {
        self.actor.contains(&t.0) && self.stance.contains(&t.1) && self.target.contains(&t.2)
    }
}

/// (actor code, CAMEO root, target code).
pub type Triple = (String, String, String);

#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub predicted: usize,
    pub correct: usize,
    pub required: usize,
    pub required_found: usize,
    pub optional_found: usize,
    pub false_positives: Vec<(String, Triple)>,
    pub misses: Vec<(String, String)>,
}

pub fn parse_gold(path: &str, content: &str) -> Result<GoldFile> {
    serde_json::from_str(content)
        .map_err(|e| Error::data(path, e.line(), format!("invalid gold file: {e}")))
}

/// The scored triples of the predictions, per document.
pub fn triples(records: &[StatementRecord]) -> BTreeMap<String, BTreeSet<Triple>> {
    let mut out: BTreeMap<String, BTreeSet<Triple>> = BTreeMap::new();
    for r in records {
        if r.negated {
            continue;
        }
        let (Some(a), Some(t)) = (&r.actor.code, &r.target.code) else {
            continue;
        };
        out.entry(r.doc.clone()).or_default().insert((
            a.clone(),
            r.stance.cameo_root.clone(),
            t.clone(),
        ));
    }
    out
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

pub fn score(gold: &GoldFile, records: &[StatementRecord]) -> Score {
    let pred = triples(records);
    let empty = BTreeSet::new();
    let mut s = Score::default();
    let (mut tp, mut fp) = (0, 0);
    for (doc, spec) in &gold.docs {
        let p = pred.get(doc).unwrap_or(&empty);
        for t in p {
            if spec.statements.iter().any(|it| it.matches(t)) {
                tp += 1;
            } else {
                fp += 1;
                s.false_positives.push((doc.clone(), t.clone()));
            }
        }
        for it in &spec.statements {
            let hit = p.iter().any(|t| it.matches(t));
            if it.required {
                s.required += 1;
                s.required_found += usize::from(hit);
                if !hit {
                    s.misses.push((
                        doc.clone(),
                        format!(
                            "{} -{}-> {}   ({})",
                            it.actor.join("|"),
                            it.stance.join("|"),
                            it.target.join("|"),
                            it.evidence.chars().take(90).collect::<String>()
                        ),
                    ));
                }
            } else {
                s.optional_found += usize::from(hit);
            }
        }
    }
    s.predicted = tp + fp;
    s.correct = tp;
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if s.required > 0 {
        s.required_found as f64 / s.required as f64
    } else {
        0.0
    };
    s.precision = round4(p);
    s.recall = round4(r);
    s.f1 = round4(if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    });
    s
}

/// The capabilities a statement exercises, for `geokg eval --by capability`: `agents` (a
/// sub-state side), `nominal` (a nominal cue), `control` (an intention, refusal, threat or
/// obligation read from the verb that governs the cue, or a subject inherited by a
/// coordinated or reported verb), `speech` (the speaker is the actor), `domestic` (both
/// sides of one state).
pub fn capabilities(r: &StatementRecord) -> Vec<&'static str> {
    let mut out = Vec::new();
    if r.actor.agent.is_some() || r.target.agent.is_some() {
        out.push("agents");
    }
    if r.rule.starts_with("nominal")
        || matches!(
            r.rule.as_str(),
            "passive-nominal" | "tree-nominal" | "tree-nominal-object"
        )
    {
        out.push("nominal");
    }
    if matches!(
        r.rule.as_str(),
        "refusal" | "intent" | "vow" | "verb-inherited" | "conditional-threat" | "tree-xcomp"
    ) {
        out.push("control");
    }
    if matches!(
        r.rule.as_str(),
        "nominal-speaker"
            | "evaluative"
            | "speech-must"
            | "rejected-charge"
            | "tree-ccomp-speech"
            | "tree-evaluative"
            | "tree-reported-accusation"
    ) {
        out.push("speech");
    }
    if r.actor.code.is_some() && r.actor.code == r.target.code {
        out.push("domestic");
    }
    out
}

/// Precision and recall of one group of statements (a rule or a capability).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct GroupScore {
    pub group: String,
    /// Distinct scored triples the group produced.
    pub predicted: usize,
    pub correct: usize,
    /// Required gold items matched by a triple the group produced.
    pub required_found: usize,
    pub precision: f64,
    /// `required_found` over all required items: the group's share of the recall.
    pub recall: f64,
}

/// Scores per rule (`by = "rule"`) or per capability (`by = "capability"`): each scored
/// triple counts for every group of the statements that produced it.
pub fn score_by(gold: &GoldFile, records: &[StatementRecord], by: &str) -> Vec<GroupScore> {
    // (doc, triple) -> groups
    let mut groups: BTreeMap<(String, Triple), BTreeSet<String>> = BTreeMap::new();
    for r in records {
        if r.negated || !gold.docs.contains_key(&r.doc) {
            continue;
        }
        let (Some(a), Some(t)) = (&r.actor.code, &r.target.code) else {
            continue;
        };
        let key = (
            r.doc.clone(),
            (a.clone(), r.stance.cameo_root.clone(), t.clone()),
        );
        let names: Vec<String> = if by == "rule" {
            vec![r.rule.clone()]
        } else {
            capabilities(r).into_iter().map(str::to_owned).collect()
        };
        groups.entry(key).or_default().extend(names);
    }
    let required: usize = gold
        .docs
        .values()
        .map(|d| d.statements.iter().filter(|i| i.required).count())
        .sum();
    let mut acc: BTreeMap<String, GroupScore> = BTreeMap::new();
    for ((doc, t), names) in &groups {
        let spec = &gold.docs[doc];
        let correct = spec.statements.iter().any(|it| it.matches(t));
        for n in names {
            let g = acc.entry(n.clone()).or_insert_with(|| GroupScore {
                group: n.clone(),
                ..GroupScore::default()
            });
            g.predicted += 1;
            g.correct += usize::from(correct);
        }
    }
    // required items found, per group: an item counts once for each group that found it
    for (doc, spec) in &gold.docs {
        for it in spec.statements.iter().filter(|i| i.required) {
            let mut found: BTreeSet<&String> = BTreeSet::new();
            for ((d, t), names) in &groups {
                if d == doc && it.matches(t) {
                    found.extend(names);
                }
            }
            for n in found {
                if let Some(g) = acc.get_mut(n) {
                    g.required_found += 1;
                }
            }
        }
    }
    acc.into_values()
        .map(|mut g| {
            g.precision = round4(if g.predicted > 0 {
                g.correct as f64 / g.predicted as f64
            } else {
                0.0
            });
            g.recall = round4(if required > 0 {
                g.required_found as f64 / required as f64
            } else {
                0.0
            });
            g
        })
        .collect()
}
