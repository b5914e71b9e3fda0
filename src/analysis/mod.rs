//! Stance comparison and graph analytics: how actors' stances agree, differ and change.
//!
//! Every analysis reads the stance network ([`crate::graph::StanceGraph`], built from the
//! store's tallies where they can answer and from the statements otherwise) and reports on it;
//! the formulas live in [`metrics`] and are written out in README.md ("Comparing actors").
//! Every cell leads back to its statements (through the tallies' `gk:within` and the
//! statements' `gk:tally` links), so the evidence sentences come back from the store with
//! every report.
//!
//! Only direct statements count (not negated; asserted or future), as for the direct triples.

pub mod blocs;
pub mod centrality;
pub mod charts;
pub mod compare;
pub mod dyad;
#[cfg(test)]
mod fixture_tests;
pub mod matrix;
pub mod metrics;
pub mod profile;

pub use metrics::{Agreement, Measure};

use crate::actors::Gazetteer;
use crate::error::{Error, Result};
use crate::graph::{self, Edge, Key, Sums, Window};
use crate::model::ActorKind;
use crate::store::KgStore;
use chrono::NaiveDate;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;

/// Writes a date as `YYYY-MM-DD`.
pub(crate) fn ser_date<S: serde::Serializer>(
    d: &NaiveDate,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&d.format("%Y-%m-%d").to_string())
}

/// Rounds to 4 decimals, so reports are stable and readable.
pub fn r4(x: f64) -> f64 {
    let r = (x * 10_000.0).round() / 10_000.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// An actor or issue as reports print it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Named {
    pub id: String,
    pub label: String,
    /// state, organization, person, group, issue, or actor when the gazetteer does not know it.
    pub kind: String,
}

/// The figures of one (actor, target) pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stat {
    /// Statements.
    pub n: usize,
    /// Distinct articles.
    pub articles: usize,
    pub goldstein_mean: f64,
    /// Confidence-weighted mean polarity S.
    pub s: f64,
    /// 95% interval of S.
    pub s_low: f64,
    pub s_high: f64,
    /// Statements per QuadClass (1 verbal cooperation .. 4 material conflict).
    pub quad_class: [usize; 4],
}

impl Stat {
    pub fn of(cell: &Edge) -> Stat {
        Stat::from_sums(&cell.sums, cell.articles, cell.quad)
    }

    pub fn from_sums(s: &Sums, articles: usize, quad: [usize; 4]) -> Stat {
        let (lo, hi) = s.interval();
        Stat {
            n: s.n,
            articles,
            goldstein_mean: r4(s.goldstein_mean()),
            s: r4(s.score()),
            s_low: r4(lo),
            s_high: r4(hi),
            quad_class: quad,
        }
    }
}

/// Names keys for reports: the gazetteer's name where it knows the id or code, else the
/// store's label, else the id. Cached per run.
pub struct Labeler<'a> {
    pub store: &'a KgStore,
    pub gazetteer: &'a Gazetteer,
    cache: RefCell<HashMap<Key, Named>>,
}

impl<'a> Labeler<'a> {
    pub fn new(store: &'a KgStore, gazetteer: &'a Gazetteer) -> Labeler<'a> {
        Labeler {
            store,
            gazetteer,
            cache: RefCell::new(HashMap::new()),
        }
    }

    pub fn named(&self, k: &Key) -> Result<Named> {
        if let Some(n) = self.cache.borrow().get(k) {
            return Ok(n.clone());
        }
        let entry = (!k.issue)
            .then(|| {
                self.gazetteer
                    .get(&k.id)
                    .or_else(|| self.gazetteer.by_code(&k.id))
            })
            .flatten();
        let named = match entry {
            Some(e) => Named {
                id: k.id.clone(),
                label: e.name.clone(),
                kind: e.kind.as_str().to_owned(),
            },
            None => Named {
                id: k.id.clone(),
                label: graph::store_label(self.store, k)?.unwrap_or_else(|| k.id.clone()),
                kind: if k.issue { "issue" } else { "actor" }.to_owned(),
            },
        };
        self.cache.borrow_mut().insert(k.clone(), named.clone());
        Ok(named)
    }
}

/// An actor or issue named on the command line, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub key: Key,
    /// Said on stderr: how the name was read ("Sergey Lavrov rolls up to RUS").
    pub note: Option<String>,
}

/// Resolves what the user typed: a gazetteer code, id, name, alias or QID (see
/// [`Gazetteer::lookup`]), or an actor or issue id present in the store. Under roll-up a
/// person resolves to what they represent at the end of the window (or their latest role).
/// Unknown names are an error that suggests the closest known names.
pub fn resolve(store: &KgStore, gaz: &Gazetteer, query: &str, w: &Window) -> Result<Resolved> {
    let q = query.trim();
    if q.is_empty() {
        return Err(Error::Other("an empty actor name".to_owned()));
    }
    if let Some(e) = gaz.lookup(q) {
        if !w.roll_up {
            return Ok(Resolved {
                key: Key::actor(e.id.as_str()),
                note: None,
            });
        }
        if e.kind == ActorKind::Person {
            if let Some(role) = e.role_on(w.to) {
                let code = role.represents.clone();
                let name = gaz.by_code(&code).map_or(code.clone(), |r| r.name.clone());
                return Ok(Resolved {
                    note: Some(format!(
                        "{} ({}) rolls up to {code} ({name}) with --roll-up",
                        e.name, e.id
                    )),
                    key: Key::actor(&code),
                });
            }
            return Ok(Resolved {
                key: Key::actor(e.id.as_str()),
                note: None,
            });
        }
        return Ok(Resolved {
            key: Key::actor(e.code.as_deref().unwrap_or(e.id.as_str())),
            note: None,
        });
    }
    let slug: String = q
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    for k in [Key::actor(q), Key::issue(q), Key::issue(&slug)] {
        if graph::in_store(store, &k, w.roll_up)? {
            return Ok(Resolved { key: k, note: None });
        }
    }
    let names = graph::store_names(store)?;
    Err(Error::Other(unknown_message(q, gaz, &names)))
}

/// "unknown actor 'Rusia'; closest known names: Russia (RUS), Prussia …".
pub fn unknown_message(q: &str, gaz: &Gazetteer, store_names: &[(Key, String)]) -> String {
    let lq = q.to_lowercase();
    let mut best: HashMap<String, f64> = HashMap::new();
    let mut consider = |form: &str, shown: String| {
        let score = strsim::jaro_winkler(&lq, &form.to_lowercase());
        let slot = best.entry(shown).or_insert(0.0);
        if score > *slot {
            *slot = score;
        }
    };
    for e in gaz.entries() {
        let shown = format!("{} ({})", e.name, e.id);
        consider(e.id.as_str(), shown.clone());
        consider(&e.name, shown.clone());
        if let Some(c) = &e.code {
            consider(c, shown.clone());
        }
        for a in &e.aliases {
            consider(a, shown.clone());
        }
    }
    for (k, label) in store_names {
        let shown = format!("{label} ({})", k.id);
        consider(&k.id, shown.clone());
        consider(label, shown);
    }
    let mut ranked: Vec<(String, f64)> = best.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let close: Vec<&str> = ranked
        .iter()
        .filter(|(_, s)| *s >= 0.8)
        .take(5)
        .map(|(n, _)| n.as_str())
        .collect();
    let shown: Vec<&str> = if close.is_empty() {
        ranked.iter().take(3).map(|(n, _)| n.as_str()).collect()
    } else {
        close
    };
    format!(
        "unknown actor or issue '{q}' (not a code, id, name, alias or QID in the gazetteer, nor an id in the store); closest known names: {}",
        shown.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_describe_themselves() {
        assert_eq!(Window::default().suffix(), "");
        let w = Window {
            from: NaiveDate::from_ymd_opt(2022, 1, 1),
            to: None,
            min_confidence: Some(0.5),
            roll_up: true,
            no_tallies: false,
        };
        assert_eq!(
            w.describe(),
            "from 2022-01-01, confidence >= 0.5, people rolled up"
        );
    }

    #[test]
    fn unknown_names_get_suggestions() {
        let g = Gazetteer::bundled().unwrap();
        let m = unknown_message("Rusia", &g, &[]);
        assert!(m.contains("Russia (RUS)"), "{m}");
        let m = unknown_message(
            "NATO enlargment",
            &g,
            &[(Key::issue("nato-enlargement"), "NATO enlargement".into())],
        );
        assert!(m.contains("NATO enlargement (nato-enlargement)"), "{m}");
    }

    #[test]
    fn rounding_is_to_four_decimals() {
        assert_eq!(r4(0.123_456), 0.1235);
        assert_eq!(r4(-0.000_01), 0.0);
    }
}
