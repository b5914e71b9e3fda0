//! How a [`StanceGraph`] is read from the store: the tallies (or the direct statements) of a
//! window, aggregated into (actor, target) cells; evidence sentences, node descriptions and
//! labels.
//!
//! Nothing is cached between runs: every build reads the store it is given. The tallies
//! (`store/tally.rs`) live in the store and change in the same transaction as the statements,
//! so they cannot drift from them; [`rows`] reads them where they answer the window exactly and
//! the statements elsewhere ([`scan`]: only the values an aggregate needs per statement). The
//! evidence of the rows shown is found afterwards ([`find_tops`], [`evidence`]).

use super::{Edge, Key, Node, Scope, StanceGraph, Sums, Window};
use crate::error::{Error, Result};
use crate::model::Stance;
use crate::store::read::{select, term_str};
use crate::store::{tally, KgStore};
use crate::vocab;
use chrono::{Datelike, NaiveDate};
use oxigraph::sparql::{QueryResults, QuerySolution};
use petgraph::graph::NodeIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// One statement as the scan sees it.
#[derive(Clone, Debug)]
pub struct Obs {
    pub actor: usize,
    pub target: usize,
    pub stance: Stance,
    /// -1, 0 or 1: the issue polarity when the statement carries one, else the sign of the
    /// stance's Goldstein value.
    pub polarity: i8,
    pub confidence: f64,
    /// Index of the article graph.
    pub graph: usize,
    /// The statement date, else the article date (only read when the scope asks for dates).
    pub date: Option<NaiveDate>,
}

/// A candidate evidence statement of a cell: the highest confidences first.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub confidence: f64,
    pub node: String,
}

/// The key of an actor or issue IRI.
pub fn key_of_iri(iri: &str) -> Key {
    let issue_prefix = vocab::issue_iri("");
    let last = iri.rsplit('/').next().unwrap_or(iri);
    Key {
        issue: iri.starts_with(&issue_prefix),
        id: vocab::decode_segment(last),
    }
}

/// SPARQL for a string literal.
pub(crate) fn lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The pattern restricting one side (`actor` or `target`) to `keys`. Without roll-up a key is
/// the node; with roll-up an actor key is matched by the statement's code, or by the node for
/// statements whose side has no code (issues, people without a role). With `codes_too`
/// (without roll-up), a key also matches the statements whose side has it as its code.
fn side_pattern(side: &str, keys: &[Key], roll_up: bool, codes_too: bool) -> String {
    let (var, prop, code_prop) = match side {
        "actor" => ("?a", vocab::P_ACTOR, vocab::P_ACTOR_CODE),
        _ => ("?t", vocab::P_TARGET, vocab::P_TARGET_CODE),
    };
    let iris: Vec<String> = keys.iter().map(|k| format!("<{}>", k.iri())).collect();
    let codes: Vec<String> = keys
        .iter()
        .filter(|k| !k.issue)
        .map(|k| lit(&k.id))
        .collect();
    if !roll_up {
        let by_node = format!("VALUES {var} {{ {} }} ?s <{prop}> {var} .", iris.join(" "));
        if !codes_too || codes.is_empty() {
            return by_node;
        }
        // the second branch leaves out the statements the first one has
        return format!(
            "{{ {by_node} }} UNION {{ VALUES ?scope_{side} {{ {} }} ?s <{code_prop}> ?scope_{side} ; <{prop}> ?other_{side} FILTER(?other_{side} NOT IN ({})) }}",
            codes.join(" "),
            iris.join(", ")
        );
    }
    let by_node = format!(
        "{{ VALUES {var} {{ {} }} ?s <{prop}> {var} FILTER NOT EXISTS {{ ?s <{code_prop}> ?no_{side} }} }}",
        iris.join(" ")
    );
    if codes.is_empty() {
        return by_node;
    }
    format!(
        "{{ VALUES ?scope_{side} {{ {} }} ?s <{code_prop}> ?scope_{side} }} UNION {by_node}",
        codes.join(" ")
    )
}

fn date_lit(d: NaiveDate) -> String {
    format!("\"{}\"^^<{}>", d.format("%Y-%m-%d"), vocab::XSD_DATE)
}

/// Binds `?day`, the date of statement `?s` (else its article's date), and keeps it within the
/// window's bounds.
fn day_pattern(w: &Window) -> String {
    let mut q = format!(
        "OPTIONAL {{ ?s <{}> ?d }} OPTIONAL {{ ?s <{}> ?ad }} BIND(COALESCE(?d, ?ad) AS ?day)\n",
        vocab::P_DATE,
        vocab::P_ARTICLE_DATE
    );
    if let Some(f) = w.from {
        q.push_str(&format!("FILTER(?day >= {})\n", date_lit(f)));
    }
    if let Some(t) = w.to {
        q.push_str(&format!("FILTER(?day <= {})\n", date_lit(t)));
    }
    q
}

/// Whether any statement node carries its own polarity (issue statements: gk:targetPolarity
/// support/oppose).
fn has_statement_polarity(store: &KgStore) -> Result<bool> {
    let q = format!(
        "ASK {{ ?s <{}> ?p ; <{}> ?a }}",
        vocab::P_TARGET_POLARITY,
        vocab::P_ACTOR
    );
    match store.query(&q)? {
        QueryResults::Boolean(b) => Ok(b),
        _ => Ok(false),
    }
}

pub use crate::store::tally::parse_polarity;

/// A scan is split into at most this many queries, run in parallel: by stance for a scan of
/// everything, by actor for a scope of several actors. The split depends on the scope only
/// (not on the number of cores), so sums are added in the same order on every machine.
pub const PARTS: usize = 4;

/// The stances of part `k` of [`PARTS`]: every PARTS-th stance of [`Stance::ALL`].
pub fn part_stances(k: usize) -> Vec<Stance> {
    Stance::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| i % PARTS == k)
        .map(|(_, s)| *s)
        .collect()
}

/// The SPARQL of one part of a scan (public for the benchmark's notes and for debugging).
pub fn scan_query(scope: &Scope, w: &Window, polarity: bool, stances: Option<&[Stance]>) -> String {
    let mut q = String::from("SELECT ?s ?g ?a ?t ?st ?c");
    let dates = scope.dates || w.from.is_some() || w.to.is_some();
    if w.roll_up {
        q.push_str(" ?ac ?tc");
    }
    if dates {
        q.push_str(" ?day");
    }
    if polarity {
        q.push_str(" ?ip");
    }
    q.push_str(" WHERE { GRAPH ?g {\n");
    if let Some(stances) = stances {
        let values: Vec<String> = stances
            .iter()
            .map(|s| format!("<{}>", vocab::stance_iri(s.id())))
            .collect();
        q.push_str(&format!("VALUES ?st {{ {} }}\n", values.join(" ")));
    }
    match (&scope.actors, &scope.targets) {
        // one actor and one target: both constant, looked up first (a dyad)
        (Some(a), Some(t)) if a.len() == 1 && t.len() == 1 && !w.roll_up && !scope.actor_codes => {
            let (ai, ti) = (a[0].iri(), t[0].iri());
            q.push_str(&format!(
                "?s <{}> <{ai}> . ?s <{}> <{ti}> . BIND(<{ai}> AS ?a) BIND(<{ti}> AS ?t)\n",
                vocab::P_ACTOR,
                vocab::P_TARGET
            ));
        }
        (actors, targets) => {
            if let Some(a) = actors {
                q.push_str(&side_pattern("actor", a, w.roll_up, scope.actor_codes));
                q.push('\n');
            }
            if let Some(t) = targets {
                q.push_str(&side_pattern("target", t, w.roll_up, false));
                q.push('\n');
            }
        }
    }
    q.push_str(&tally::direct_pattern());
    if let Some(m) = w.min_confidence {
        q.push_str(&format!("FILTER(?c >= {m:.6})\n"));
    }
    if w.roll_up {
        q.push_str(&format!(
            "OPTIONAL {{ ?s <{}> ?ac }} OPTIONAL {{ ?s <{}> ?tc }}\n",
            vocab::P_ACTOR_CODE,
            vocab::P_TARGET_CODE
        ));
    }
    if dates {
        q.push_str(&day_pattern(w));
    }
    if polarity {
        q.push_str(&format!(
            "OPTIONAL {{ ?s <{}> ?ip }}\n",
            vocab::P_TARGET_POLARITY
        ));
    }
    if scope.periods.is_some() {
        q.push_str(&format!("?s <{}> ?month .\n", vocab::P_TALLY));
    }
    q.push_str("} ");
    if let Some(periods) = &scope.periods {
        let values: Vec<String> = periods.iter().map(|p| lit(p)).collect();
        q.push_str(&format!(
            "VALUES ?period {{ {} }} ?month <{}> ?period ",
            values.join(" "),
            vocab::P_PERIOD
        ));
    }
    q.push('}');
    q
}

/// Interns keys by the raw term text they come from.
#[derive(Default)]
struct Interner {
    keys: Vec<Key>,
    by_key: HashMap<Key, usize>,
    by_iri: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
    graphs: HashMap<String, usize>,
    stances: HashMap<String, Stance>,
    /// Tally IRI sides (`actor/USA`, `issue/x`, `code/USA`) and periods.
    by_side: HashMap<String, usize>,
    periods: HashMap<String, Option<NaiveDate>>,
}

impl Interner {
    fn key(&mut self, k: Key) -> usize {
        if let Some(&i) = self.by_key.get(&k) {
            return i;
        }
        self.keys.push(k.clone());
        self.by_key.insert(k, self.keys.len() - 1);
        self.keys.len() - 1
    }
    fn iri(&mut self, iri: &str) -> usize {
        if let Some(&i) = self.by_iri.get(iri) {
            return i;
        }
        let i = self.key(key_of_iri(iri));
        self.by_iri.insert(iri.to_owned(), i);
        i
    }
    fn code(&mut self, code: &str) -> usize {
        if let Some(&i) = self.by_code.get(code) {
            return i;
        }
        let i = self.key(Key::actor(code));
        self.by_code.insert(code.to_owned(), i);
        i
    }
    /// The key of a tally IRI's side (`actor/USA`, `issue/x` or `code/USA`).
    fn side(&mut self, side: &str) -> Option<usize> {
        if let Some(&i) = self.by_side.get(side) {
            return Some(i);
        }
        let (kind, v) = side.split_once('/')?;
        let k = match kind {
            "actor" | "code" => Key::actor(&vocab::decode_segment(v)),
            "issue" => Key::issue(&vocab::decode_segment(v)),
            _ => return None,
        };
        let i = self.key(k);
        self.by_side.insert(side.to_owned(), i);
        Some(i)
    }

    /// The first day of a tally period label (`None` for `all` and `undated`).
    fn period(&mut self, label: &str) -> Option<NaiveDate> {
        if let Some(p) = self.periods.get(label) {
            return *p;
        }
        let p = match tally::Period::parse(label) {
            Some(tally::Period::Month(d)) => Some(d),
            _ => None,
        };
        self.periods.insert(label.to_owned(), p);
        p
    }

    fn graph(&mut self, g: &str) -> usize {
        if let Some(&i) = self.graphs.get(g) {
            return i;
        }
        let i = self.graphs.len();
        self.graphs.insert(g.to_owned(), i);
        i
    }
    fn stance(&mut self, iri: &str) -> Option<Stance> {
        if let Some(&s) = self.stances.get(iri) {
            return Some(s);
        }
        let s = iri.strip_prefix(vocab::STANCE)?.parse::<Stance>().ok()?;
        self.stances.insert(iri.to_owned(), s);
        Some(s)
    }
}

/// One part of a scan, with its own interner.
#[derive(Default)]
struct Part {
    int: Interner,
    rows: Vec<(Obs, String)>,
}

fn scan_part(
    store: &KgStore,
    scope: &Scope,
    w: &Window,
    polarity: bool,
    stances: Option<&[Stance]>,
) -> Result<Part> {
    let q = scan_query(scope, w, polarity, stances);
    let dates = scope.dates || w.from.is_some() || w.to.is_some();
    let QueryResults::Solutions(solutions) = store.query(&q)? else {
        return Err(Error::Query("expected solutions".to_owned()));
    };
    let mut part = Part::default();
    let int = &mut part.int;
    for s in solutions {
        let s = s?;
        let (Some(node), Some(g), Some(a), Some(t), Some(st), Some(c)) = (
            term_str(&s, "s"),
            term_str(&s, "g"),
            term_str(&s, "a"),
            term_str(&s, "t"),
            term_str(&s, "st"),
            term_str(&s, "c"),
        ) else {
            continue;
        };
        let Some(stance) = int.stance(st) else {
            return Err(Error::Store(format!(
                "statement <{node}> has an unknown stance <{st}>"
            )));
        };
        let actor = match (w.roll_up, term_str(&s, "ac")) {
            (true, Some(code)) => int.code(code),
            _ => int.iri(a),
        };
        let target = match (w.roll_up, term_str(&s, "tc")) {
            (true, Some(code)) => int.code(code),
            _ => int.iri(t),
        };
        let polarity = term_str(&s, "ip")
            .and_then(parse_polarity)
            .unwrap_or_else(|| stance.polarity());
        let obs = Obs {
            actor,
            target,
            stance,
            polarity,
            confidence: c.parse().unwrap_or(0.0),
            graph: int.graph(g),
            date: if dates {
                term_str(&s, "day").and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            } else {
                None
            },
        };
        part.rows.push((obs, node.to_owned()));
    }
    Ok(part)
}

/// Reads the direct statements of `scope` in the window, calling `f` with each and its node
/// IRI, in a fixed order. Returns the keys the observations index.
///
/// The read is [`PARTS`] SPARQL queries, one per group of stances, evaluated in parallel
/// (rayon); their rows are then passed to `f` part by part.
pub fn scan(
    store: &KgStore,
    scope: &Scope,
    w: &Window,
    mut f: impl FnMut(&Obs, &str),
) -> Result<Vec<Key>> {
    use rayon::prelude::*;
    if scope.actors.as_ref().is_some_and(Vec::is_empty)
        || scope.targets.as_ref().is_some_and(Vec::is_empty)
    {
        return Ok(Vec::new());
    }
    let polarity = has_statement_polarity(store)?;
    // (scope, stances) of each part
    let plan: Vec<(Scope, Option<Vec<Stance>>)> = match &scope.actors {
        None if scope.targets.is_none() => (0..PARTS)
            .map(|k| (scope.clone(), Some(part_stances(k))))
            .collect(),
        // a few actors toward a few targets (dyad, compare --on): one part per actor
        Some(actors) if actors.len() > 1 && actors.len() <= PARTS && scope.targets.is_some() => {
            actors
                .iter()
                .filter_map(|a| {
                    let targets: Vec<Key> = scope
                        .targets
                        .iter()
                        .flatten()
                        .filter(|t| *t != a)
                        .cloned()
                        .collect();
                    (!targets.is_empty()).then(|| {
                        (
                            Scope {
                                actors: Some(vec![a.clone()]),
                                targets: Some(targets),
                                ..scope.clone()
                            },
                            None,
                        )
                    })
                })
                .collect()
        }
        Some(actors) if actors.len() > 1 => {
            let n = actors.len().min(PARTS);
            (0..n)
                .map(|k| {
                    let group = actors.iter().skip(k).step_by(n).cloned().collect();
                    (
                        Scope {
                            actors: Some(group),
                            ..scope.clone()
                        },
                        None,
                    )
                })
                .collect()
        }
        _ => vec![(scope.clone(), None)],
    };
    let parts: Vec<Result<Part>> = plan
        .par_iter()
        .map(|(sc, st)| scan_part(store, sc, w, polarity, st.as_deref()))
        .collect();
    // merge the parts' keys and graphs into one numbering
    let mut keys: Vec<Key> = Vec::new();
    let mut key_ix: HashMap<Key, usize> = HashMap::new();
    let mut graph_ix: HashMap<String, usize> = HashMap::new();
    for part in parts {
        let part = part?;
        let kmap: Vec<usize> = part
            .int
            .keys
            .into_iter()
            .map(|k| {
                *key_ix.entry(k.clone()).or_insert_with(|| {
                    keys.push(k);
                    keys.len() - 1
                })
            })
            .collect();
        let mut gmap = vec![0; part.int.graphs.len()];
        for (g, i) in part.int.graphs {
            let n = graph_ix.len();
            gmap[i] = *graph_ix.entry(g).or_insert(n);
        }
        for (mut o, node) in part.rows {
            o.actor = kmap[o.actor];
            o.target = kmap[o.target];
            o.graph = gmap[o.graph];
            f(&o, &node);
        }
    }
    Ok(keys)
}

/// The sentence part of a statement IRI (`…/statement/<doc>/<sentence>`), to keep one
/// evidence statement per sentence.
fn sentence_of(node: &str) -> &str {
    node.rsplit_once('-').map_or(node, |(s, _)| s)
}

fn better(a: &Candidate, b: &Candidate) -> bool {
    a.confidence > b.confidence || (a.confidence == b.confidence && a.node < b.node)
}

/// Keeps the `k` best candidates, one per sentence.
fn offer(top: &mut Vec<Candidate>, k: usize, c: f64, node: &str) {
    if k == 0 {
        return;
    }
    let cand = Candidate {
        confidence: c,
        node: String::new(),
    };
    if top.len() >= k && !top.iter().any(|t| better(&cand, t)) {
        return;
    }
    let cand = Candidate {
        confidence: c,
        node: node.to_owned(),
    };
    if let Some(i) = top
        .iter()
        .position(|t| sentence_of(&t.node) == sentence_of(node))
    {
        if better(&cand, &top[i]) {
            top[i] = cand;
        } else {
            return;
        }
    } else {
        top.push(cand);
    }
    top.sort_by(|x, y| {
        y.confidence
            .total_cmp(&x.confidence)
            .then_with(|| x.node.cmp(&y.node))
    });
    top.truncate(k);
}

/// How finely a read keeps dates: not at all, by month, or by day (a day grain always reads
/// statements, since tallies are monthly).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grain {
    None,
    Month,
    Day,
}

/// One row of a read: a tally, or one statement when the read goes to the statements.
#[derive(Clone, Debug)]
pub struct Row {
    pub actor: usize,
    pub target: usize,
    /// A statement's date; a month tally's first day; `None` for an all-time tally or an
    /// undated statement or tally.
    pub day: Option<NaiveDate>,
    /// The sums ([`tally::FIELDS`]); a tally's article count is in `ARTICLES_TOP`.
    pub fields: [i64; tally::FIELDS],
    /// A statement's (article graph, month) and node IRI; `None` for a tally.
    pub statement: Option<(usize, Option<NaiveDate>, String)>,
    /// A statement's stance; `None` for a tally.
    pub stance: Option<Stance>,
    /// A tally's statements per stance and per day, when the read asks for them
    /// (`Scope::detail`); `None` for a statement.
    pub detail: Option<tally::Detail>,
}

/// The lowest confidence band the window reads when tallies can answer it: the store has
/// tallies, `--no-tallies` is off, and the confidence floor (if any) is on a band edge.
fn tally_band(store: &KgStore, w: &Window) -> Result<Option<u8>> {
    if w.no_tallies || !store.has_tallies()? {
        return Ok(None);
    }
    let Some(m) = w.min_confidence else {
        return Ok(Some(0));
    };
    if m <= 0.0 {
        return Ok(Some(0));
    }
    if m > 1.0 {
        return Ok(Some(tally::BANDS));
    }
    let x = m * 1000.0 / tally::BAND_MILLI as f64;
    Ok(((x - x.round()).abs() < 1e-9).then(|| x.round() as u8))
}

/// The months a window covers fully, as a `gk:period` range, and the labels of the months it
/// covers in part (read from statements).
fn months(w: &Window) -> (Option<String>, Option<String>, Vec<String>) {
    let label = |d: NaiveDate| d.format("%Y-%m").to_string();
    let mut partial = Vec::new();
    let lo = w.from.map(|f| {
        if f.day() == 1 {
            label(f)
        } else {
            partial.push(label(f));
            // the next month
            label(
                f.with_day(1)
                    .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                    .unwrap_or(f),
            )
        }
    });
    let hi = w.to.map(|t| {
        let last = t
            .with_day(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .and_then(|d| d.pred_opt());
        if last == Some(t) {
            label(t)
        } else {
            if !partial.contains(&label(t)) {
                partial.push(label(t));
            }
            // the month before ("YYYY-MM" compares as text, so one before works as a bound)
            label(t.with_day(1).and_then(|d| d.pred_opt()).unwrap_or(t))
        }
    });
    (lo, hi, partial)
}

/// A tally IRI's (period, actor side, target side): `…/tally/FAMILY/PERIOD/K/V/K/V`.
fn split_tally_iri(iri: &str) -> Option<(&str, &str, &str)> {
    let rest = iri.strip_prefix(vocab::ID)?.strip_prefix("tally/")?;
    let (_family, rest) = rest.split_once('/')?;
    let (period, sides) = rest.split_once('/')?;
    let cut = sides.match_indices('/').nth(1)?.0;
    Some((period, &sides[..cut], &sides[cut + 1..]))
}

/// The all-time tally IRIs (as `<iri>`) the cell (a, t) may have: under roll-up each actor
/// side may be keyed by its code or, without one, by its node.
fn cell_tallies(a: &Key, t: &Key, roll_up: bool) -> Vec<String> {
    let family = if roll_up {
        tally::Family::Rolled
    } else {
        tally::Family::Node
    };
    let sides = |k: &Key| -> Vec<tally::Side> {
        let mut v = vec![tally::Side::Node(k.iri())];
        if roll_up && !k.issue {
            v.push(tally::Side::Code(k.id.clone()));
        }
        v
    };
    let mut out = Vec::new();
    for sa in sides(a) {
        for st in sides(t) {
            let key = tally::TallyKey {
                family,
                period: tally::Period::All,
                actor: sa.clone(),
                target: st,
            };
            out.push(format!("<{}>", key.iri()));
        }
    }
    out
}

/// Keeps tally `?k` to the months from `lo` to `hi` (`YYYY-MM`, either open; "undated" sorts
/// after every month, so an open end still leaves it out).
fn period_filter(lo: Option<&str>, hi: Option<&str>) -> String {
    let mut q = format!("?k <{}> ?p .\n", vocab::P_PERIOD);
    if let Some(lo) = lo {
        q.push_str(&format!("FILTER(?p >= {})\n", lit(lo)));
    }
    q.push_str(&format!("FILTER(?p <= {})\n", lit(hi.unwrap_or("9999-12"))));
    q
}

/// Which tallies a read takes: all-time ones, or month ones whose `gk:period` is in `range`
/// (either bound open), summed from confidence band `band` up; with `detail`, with their
/// `gk:tallyDetail` too.
struct TallyRead<'a> {
    month: bool,
    range: (Option<&'a str>, Option<&'a str>),
    band: u8,
    detail: bool,
}

/// Reads the tallies of `scope` that `r` asks for.
fn read_tallies(
    store: &KgStore,
    scope: &Scope,
    w: &Window,
    r: &TallyRead<'_>,
    int: &mut Interner,
    f: &mut dyn FnMut(Row),
) -> Result<()> {
    let (month, range, band) = (r.month, r.range, r.band);
    let graph = vocab::tally_graph_iri(w.roll_up, month);
    if r.detail && !month && scope.actors.is_none() && scope.targets.is_none() {
        return read_all_time_detail(store, &graph, band, int, f);
    }
    let (select_x, detail) = if r.detail {
        (" ?x", format!(" ?k <{}> ?x .", vocab::P_TALLY_DETAIL))
    } else {
        ("", String::new())
    };
    // One pattern per key with the key written in (oxigraph plans a VALUES block after the
    // other patterns, so a constant is what makes the query start from the key's tallies);
    // under roll-up a side is a code or (without one) a node.
    let variants = |side: &str, keys: &Option<Vec<Key>>| -> Vec<String> {
        let Some(keys) = keys else {
            return vec![String::new()];
        };
        let (prop, code_prop) = match side {
            "actor" => (vocab::P_ACTOR, vocab::P_ACTOR_CODE),
            _ => (vocab::P_TARGET, vocab::P_TARGET_CODE),
        };
        let mut out = Vec::new();
        for k in keys {
            out.push(format!("?k <{prop}> <{}> .\n", k.iri()));
            if w.roll_up && !k.issue {
                out.push(format!("?k <{code_prop}> {} .\n", lit(&k.id)));
            }
        }
        out
    };
    // A few (actor, target) cells at month level (a dyad): their month tallies are the ones
    // `gk:within` each cell's all-time tally, a direct lookup.
    let cells: Option<Vec<String>> = match (&scope.actors, &scope.targets) {
        (Some(a), Some(t)) if month && a.len() * t.len() <= 16 => Some(
            a.iter()
                .flat_map(|ka| t.iter().flat_map(move |kt| cell_tallies(ka, kt, w.roll_up)))
                .map(|cell| format!("?k <{}> {cell} .\n", vocab::P_WITHIN))
                .collect(),
        ),
        _ => None,
    };
    // A window over many keys (or all of them): one query per month with the month written
    // in, the keys checked here; a key's every month filtered by period would read far more.
    let many = |k: &Option<Vec<Key>>| k.as_ref().is_none_or(|v| v.len() > 8);
    let by_month: Option<Vec<String>> = match range {
        (Some(lo), Some(hi))
            if month && cells.is_none() && many(&scope.actors) && many(&scope.targets) =>
        {
            months_between(lo, hi)
        }
        _ => None,
    };
    let set = |k: &Option<Vec<Key>>| -> Option<std::collections::HashSet<Key>> {
        k.as_ref().map(|v| v.iter().cloned().collect())
    };
    // the keys a query did not restrict to, checked on its rows
    let (mut actors, mut targets) = (None, None);
    let queries: Vec<String> = if let Some(months) = by_month {
        (actors, targets) = (set(&scope.actors), set(&scope.targets));
        months
            .iter()
            .map(|m| {
                format!(
                    "SELECT ?k ?v{select_x} WHERE {{ GRAPH <{graph}> {{ ?k <{}> {} . ?k <{}> ?v .{detail} }} }}",
                    vocab::P_PERIOD,
                    lit(m),
                    vocab::P_TALLY_SUMS
                )
            })
            .collect()
    } else {
        let heads = cells.unwrap_or_else(|| {
            let targets = variants("target", &scope.targets);
            variants("actor", &scope.actors)
                .iter()
                .flat_map(|pa| targets.iter().map(move |pt| format!("{pa}{pt}")))
                .collect()
        });
        let period = if range.0.is_some() || range.1.is_some() {
            period_filter(range.0, range.1)
        } else {
            String::new()
        };
        heads
            .iter()
            .map(|head| {
                format!(
                    "SELECT ?k ?v{select_x} WHERE {{ GRAPH <{graph}> {{\n{head}?k <{}> ?v .{detail}\n{period}}} }}",
                    vocab::P_TALLY_SUMS
                )
            })
            .collect()
    };
    let keep = |a: &Key, t: &Key| {
        actors.as_ref().is_none_or(|s| s.contains(a))
            && targets.as_ref().is_none_or(|s| s.contains(t))
    };
    // the queries in parallel; their rows in query order
    use rayon::prelude::*;
    let results: Vec<Result<Vec<QuerySolution>>> =
        queries.par_iter().map(|q| select(store, q)).collect();
    for rows in results {
        read_tally_rows(rows?, band, r.detail, int, &keep, f)?;
    }
    Ok(())
}

/// Every all-time tally of `graph` with its sums and detail (an open-window export or report),
/// read by two quad scans in parallel, one per property, joined by tally: SPARQL's join of the
/// two costs about twice as much.
fn read_all_time_detail(
    store: &KgStore,
    graph: &str,
    band: u8,
    int: &mut Interner,
    f: &mut dyn FnMut(Row),
) -> Result<()> {
    use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Term};
    let g = NamedNodeRef::new_unchecked(graph);
    let scan = |p: &str| -> Result<Vec<(String, String)>> {
        let mut out = Vec::new();
        for q in store.inner().quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(p)),
            None,
            Some(g.into()),
        ) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(k), Term::Literal(l)) = (q.subject, q.object) {
                out.push((k.into_string(), l.value().to_owned()));
            }
        }
        Ok(out)
    };
    let (sums, detail) = rayon::join(|| scan(vocab::P_TALLY_SUMS), || scan(vocab::P_TALLY_DETAIL));
    let detail: HashMap<String, String> = detail?.into_iter().collect();
    let mut sums = sums?;
    // the order of SPARQL's answer does not matter (a cell adds integers and sets), but a
    // fixed one keeps the interned keys' numbering the same from run to run
    sums.sort_unstable();
    let rows = sums.iter().map(|(k, v)| {
        (
            k.as_str(),
            v.as_str(),
            Some(detail.get(k).map_or("", String::as_str)),
        )
    });
    tally_rows(rows, band, true, int, &|_, _| true, f)
}

/// The months from `lo` to `hi` (`YYYY-MM`, inclusive), at most 600 (else `None`).
fn months_between(lo: &str, hi: &str) -> Option<Vec<String>> {
    let first = |s: &str| NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok();
    let (mut m, end) = (first(lo)?, first(hi)?);
    let mut out = Vec::new();
    while m <= end {
        if out.len() >= 600 {
            return None;
        }
        out.push(m.format("%Y-%m").to_string());
        m = m.checked_add_months(chrono::Months::new(1))?;
    }
    Some(out)
}

fn read_tally_rows(
    rows: Vec<QuerySolution>,
    band: u8,
    detail: bool,
    int: &mut Interner,
    keep: &dyn Fn(&Key, &Key) -> bool,
    f: &mut dyn FnMut(Row),
) -> Result<()> {
    let rows = rows
        .iter()
        .filter_map(|s| Some((term_str(s, "k")?, term_str(s, "v")?, term_str(s, "x"))));
    tally_rows(rows, band, detail, int, keep, f)
}

/// Rows of tallies given as (IRI, `gk:tallySums`, `gk:tallyDetail`).
fn tally_rows<'a>(
    rows: impl Iterator<Item = (&'a str, &'a str, Option<&'a str>)>,
    band: u8,
    detail: bool,
    int: &mut Interner,
    keep: &dyn Fn(&Key, &Key) -> bool,
    f: &mut dyn FnMut(Row),
) -> Result<()> {
    for (k, v, x) in rows {
        let parsed = split_tally_iri(k)
            .and_then(|(period, a, t)| Some((int.period(period), int.side(a)?, int.side(t)?)));
        let Some((day, actor, target)) = parsed else {
            return Err(Error::Store(format!("unexpected tally IRI <{k}>")));
        };
        if !keep(&int.keys[actor], &int.keys[target]) {
            continue;
        }
        let Some(fields) = tally::TallyValue::parse_from_band(v, band) else {
            return Err(Error::Store(format!(
                "tally <{k}> has a malformed gk:tallySums \"{v}\""
            )));
        };
        if fields[tally::N] == 0 {
            continue;
        }
        let detail = if detail {
            let x = x.unwrap_or_default();
            Some(tally::Detail::parse(x).ok_or_else(|| {
                Error::Store(format!(
                    "tally <{k}> has a malformed gk:tallyDetail \"{x}\""
                ))
            })?)
        } else {
            None
        };
        f(Row {
            actor,
            target,
            day,
            fields,
            statement: None,
            stance: None,
            detail,
        });
    }
    Ok(())
}

/// The sums of one statement.
fn statement_fields(o: &Obs) -> [i64; tally::FIELDS] {
    tally::band_fields(o.stance, tally::milli(o.confidence), o.polarity)
}

/// Reads the direct statements of `scope` in the window as [`Row`]s: from the tallies where
/// they can answer (whole months, a confidence floor on a band edge), from the statements
/// otherwise (the partial months at the edges of the window, `--no-tallies`, a floor off
/// a band edge, a day grain). Returns the keys the rows index and whether tallies were read.
pub fn rows(
    store: &KgStore,
    scope: &Scope,
    w: &Window,
    grain: Grain,
    mut f: impl FnMut(Row),
) -> Result<(Vec<Key>, bool)> {
    if scope.actors.as_ref().is_some_and(Vec::is_empty)
        || scope.targets.as_ref().is_some_and(Vec::is_empty)
    {
        return Ok((Vec::new(), false));
    }
    let bounded = w.from.is_some() || w.to.is_some();
    // tallies hold no statement codes; their stances and days (`gk:tallyDetail`) are for all
    // confidence bands together, so a detailed read takes them only without a floor
    let band = if grain == Grain::Day || scope.actor_codes {
        None
    } else {
        tally_band(store, w)?.filter(|b| !scope.detail || *b == 0)
    };
    let by_month = bounded || grain != Grain::None;
    let Some(band) = band else {
        let keys = scan(store, scope, w, |o, node| {
            f(Row {
                actor: o.actor,
                target: o.target,
                day: o.date,
                fields: statement_fields(o),
                statement: Some((
                    o.graph,
                    by_month
                        .then(|| o.date.and_then(|d| d.with_day(1)))
                        .flatten(),
                    node.to_owned(),
                )),
                stance: Some(o.stance),
                detail: None,
            })
        })?;
        return Ok((keys, false));
    };
    let mut int = Interner::default();
    let (lo, hi, partial) = months(w);
    if !bounded {
        let r = TallyRead {
            month: by_month,
            range: (None, None),
            band,
            detail: scope.detail,
        };
        read_tallies(store, scope, w, &r, &mut int, &mut f)?;
    } else if lo.as_deref().zip(hi.as_deref()).is_none_or(|(l, h)| l <= h) {
        let r = TallyRead {
            month: true,
            range: (lo.as_deref().or(Some("0000-01")), hi.as_deref()),
            band,
            detail: scope.detail,
        };
        read_tallies(store, scope, w, &r, &mut int, &mut f)?;
    }
    let mut keys = int.keys.clone();
    if !partial.is_empty() {
        let edge = Scope {
            periods: Some(partial),
            ..scope.clone()
        };
        let mut ix: HashMap<Key, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let mut found = Vec::new();
        let edge_keys = scan(store, &edge, w, |o, node| {
            found.push((o.clone(), node.to_owned()));
        })?;
        let map: Vec<usize> = edge_keys
            .into_iter()
            .map(|k| {
                *ix.entry(k.clone()).or_insert_with(|| {
                    keys.push(k);
                    keys.len() - 1
                })
            })
            .collect();
        // edge statements' graphs are numbered after the tallies (which have none)
        for (o, node) in found {
            f(Row {
                actor: map[o.actor],
                target: map[o.target],
                day: o.date,
                fields: statement_fields(&o),
                statement: Some((o.graph, o.date.and_then(|d| d.with_day(1)), node)),
                stance: Some(o.stance),
                detail: None,
            });
        }
    }
    Ok((keys, true))
}

/// The [`Sums`] of summed fields.
pub fn sums_of(f: &[i64; tally::FIELDS]) -> Sums {
    Sums {
        n: f[tally::N].max(0) as usize,
        c: f[tally::C] as f64 / 1e3,
        c2: f[tally::C2] as f64 / 1e6,
        cp: f[tally::CP] as f64 / 1e3,
        goldstein: f[tally::G] as f64 / 1e2,
        by_polarity: [0, 1, 2].map(|i| f[tally::NEG + i].max(0) as usize),
    }
}

/// The statements per QuadClass of summed fields.
pub fn quads_of(f: &[i64; tally::FIELDS]) -> [usize; 4] {
    [0, 1, 2, 3].map(|i| f[tally::QUAD1 + i].max(0) as usize)
}

/// Reads `scope` into a [`StanceGraph`] (see [`StanceGraph::build`]).
///
/// Articles: the distinct articles of a cell; in a window with bounds, the distinct
/// (article, month) pairs, which is what month tallies can add up exactly.
pub fn build(store: &KgStore, scope: &Scope, w: &Window, evidence: usize) -> Result<StanceGraph> {
    #[derive(Default)]
    struct Acc {
        fields: [i64; tally::FIELDS],
        units: Vec<(usize, Option<NaiveDate>)>,
        top: Vec<Candidate>,
        stances: BTreeMap<Stance, usize>,
        days: BTreeSet<NaiveDate>,
    }
    let scope = Scope {
        dates: scope.dates || scope.detail,
        ..scope.clone()
    };
    let detail = scope.detail;
    let mut cells: HashMap<(usize, usize), Acc> = HashMap::new();
    let (keys, from_tallies) = rows(store, &scope, w, Grain::None, |r| {
        if r.actor == r.target {
            return;
        }
        let acc = cells.entry((r.actor, r.target)).or_default();
        for i in 0..tally::FIELDS {
            acc.fields[i] += r.fields[i];
        }
        if let Some((g, month, node)) = &r.statement {
            if acc.units.last() != Some(&(*g, *month)) {
                acc.units.push((*g, *month));
            }
            offer(
                &mut acc.top,
                evidence,
                r.fields[tally::C] as f64 / 1e3,
                node,
            );
        }
        if detail {
            if let Some(x) = &r.detail {
                // a tally: its own counts (its `day` is the first of its month)
                for (st, n) in &x.stances {
                    *acc.stances.entry(*st).or_insert(0) += (*n).max(0) as usize;
                }
                acc.days.extend(x.days.keys().copied());
            } else if r.statement.is_some() {
                if let Some(st) = r.stance {
                    *acc.stances.entry(st).or_insert(0) += 1;
                }
                if let Some(d) = r.day {
                    acc.days.insert(d);
                }
            }
        }
    })?;
    let mut used: Vec<usize> = cells.keys().flat_map(|&(a, t)| [a, t]).collect();
    used.sort_unstable_by(|x, y| keys[*x].cmp(&keys[*y]));
    used.dedup();
    let mut g = StanceGraph {
        from_tallies,
        evidence,
        ..StanceGraph::default()
    };
    let mut node_of: HashMap<usize, NodeIndex> = HashMap::new();
    for i in used {
        let ix = g.graph.add_node(Node::of(keys[i].clone()));
        g.index.insert(keys[i].clone(), ix);
        node_of.insert(i, ix);
    }
    let mut edges: Vec<((usize, usize), Acc)> = cells.into_iter().collect();
    edges.sort_by(|x, y| (&keys[x.0 .0], &keys[x.0 .1]).cmp(&(&keys[y.0 .0], &keys[y.0 .1])));
    for ((a, t), mut acc) in edges {
        acc.units.sort_unstable();
        acc.units.dedup();
        let edge = Edge {
            sums: sums_of(&acc.fields),
            articles: acc.fields[tally::ARTICLES_TOP].max(0) as usize + acc.units.len(),
            quad: quads_of(&acc.fields),
            top: acc.top,
            stances: acc.stances,
            days: acc.days,
        };
        g.statements += edge.sums.n;
        g.graph.add_edge(node_of[&a], node_of[&t], edge);
    }
    Ok(g)
}

/// What the store says about a node: the smallest value of each property over the first
/// article graphs that describe it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Description {
    pub label: Option<String>,
    pub kind: Option<String>,
    pub code: Option<String>,
    pub qid: Option<String>,
    /// The CAMEO agent code of a sub-state actor ("COP" for "Iraqi police").
    pub agent: Option<String>,
}

/// The descriptions of the given keys, one query per key (in parallel), each reading at most
/// 16 article graphs.
pub fn describe(store: &KgStore, keys: &[Key]) -> Result<HashMap<Key, Description>> {
    use rayon::prelude::*;
    let found: Vec<Result<(Key, Description)>> = keys
        .par_iter()
        .map(|k| {
            let q = format!(
                "SELECT ?label ?kind ?code ?qid ?agent WHERE {{ GRAPH ?g {{ <{iri}> <{kind}> ?kind .
                   OPTIONAL {{ <{iri}> <{label}> ?label }}
                   OPTIONAL {{ <{iri}> <{agent}> ?agent }}
                   OPTIONAL {{ <{iri}> <{code}> ?code }}
                   OPTIONAL {{ <{iri}> <{same}> ?qid }} }} }} LIMIT 16",
                iri = k.iri(),
                kind = vocab::P_KIND,
                label = vocab::RDFS_LABEL,
                code = vocab::P_CODE,
                same = vocab::OWL_SAME_AS,
                agent = vocab::P_AGENT,
            );
            let mut d = Description::default();
            let keep = |slot: &mut Option<String>, v: Option<&str>| {
                if let Some(v) = v {
                    if slot.as_deref().is_none_or(|old| v < old) {
                        *slot = Some(v.to_owned());
                    }
                }
            };
            for s in select(store, &q)? {
                keep(&mut d.label, term_str(&s, "label"));
                keep(&mut d.kind, term_str(&s, "kind"));
                keep(&mut d.code, term_str(&s, "code"));
                keep(&mut d.agent, term_str(&s, "agent"));
                keep(
                    &mut d.qid,
                    term_str(&s, "qid").and_then(|q| q.strip_prefix(vocab::WD)),
                );
            }
            Ok((k.clone(), d))
        })
        .collect();
    found.into_iter().collect()
}

/// How many statements a cell's evidence is chosen from, at most: [`find_tops`] reads the
/// cell's month tallies newest first, and the statements linked to each, until it has read
/// this many. The cost of finding evidence is thereby bounded whatever the number of
/// statements in a cell (a cell of a news archive can hold a hundred thousand).
pub const EVIDENCE_READ: usize = 32;

/// The `k` best evidence candidates (by confidence, one per sentence) of the given cells, among
/// at most [`EVIDENCE_READ`] statements of each: one query per cell lists its month tallies in
/// the window (`gk:within` its all-time tally), then the statements linked to them (`gk:tally`,
/// or `gk:rolledUpTally` under roll-up) are read month by month, newest first ("undated" last),
/// each month in the store's index order, until the budget is spent. The choice depends only
/// on what the store holds, so every store of the same quads gives the same evidence; a cell
/// of at most [`EVIDENCE_READ`] statements gets the best of all of them, as `--no-tallies` does.
pub fn find_tops(
    store: &KgStore,
    w: &Window,
    pairs: &[(Key, Key)],
    k: usize,
) -> Result<HashMap<(Key, Key), Vec<Candidate>>> {
    Ok(find_tops_within(store, w, pairs, k, EVIDENCE_READ)?
        .into_iter()
        .map(|(cell, (top, _))| (cell, top))
        .collect())
}

/// A cell's evidence candidates and the number of statements read to choose them.
pub(crate) type CellTop = (Vec<Candidate>, usize);

/// [`find_tops`] with the budget given, and with the number of statements read per cell.
pub(crate) fn find_tops_within(
    store: &KgStore,
    w: &Window,
    pairs: &[(Key, Key)],
    k: usize,
    budget: usize,
) -> Result<HashMap<(Key, Key), CellTop>> {
    use rayon::prelude::*;
    if k == 0 || pairs.is_empty() {
        return Ok(HashMap::new());
    }
    let graph = vocab::tally_graph_iri(w.roll_up, true);
    let link = if w.roll_up {
        vocab::P_ROLLED_UP_TALLY
    } else {
        vocab::P_TALLY
    };
    let label = |d: NaiveDate| d.format("%Y-%m").to_string();
    let mut tail = String::new();
    if let Some(m) = w.min_confidence {
        tail.push_str(&format!("FILTER(?c >= {m:.6})\n"));
    }
    let mut period = format!("?k <{}> ?p .\n", vocab::P_PERIOD);
    if w.from.is_some() || w.to.is_some() {
        period = period_filter(w.from.map(label).as_deref(), w.to.map(label).as_deref());
        tail.push_str(&day_pattern(w));
    }
    let found: Vec<Result<((Key, Key), CellTop)>> = pairs
        .par_iter()
        .map(|(a, t)| {
            // the cell's month tallies in the window, each cell IRI a constant of its pattern
            let mut months: Vec<(bool, String, String)> = Vec::new();
            for cell in cell_tallies(a, t, w.roll_up) {
                let q = format!(
                    "SELECT ?k ?p WHERE {{ GRAPH <{graph}> {{ ?k <{}> {cell} .\n{period}}} }}",
                    vocab::P_WITHIN,
                );
                for s in select(store, &q)? {
                    if let (Some(m), Some(p)) = (term_str(&s, "k"), term_str(&s, "p")) {
                        months.push((p == "undated", p.to_owned(), m.to_owned()));
                    }
                }
            }
            // newest first, "undated" last
            months.sort_by(|x, y| {
                x.0.cmp(&y.0)
                    .then_with(|| y.1.cmp(&x.1))
                    .then_with(|| x.2.cmp(&y.2))
            });
            let mut top = Vec::new();
            let mut read = 0;
            for (_, _, m) in months {
                if read >= budget {
                    break;
                }
                let q = format!(
                    "SELECT ?s ?c WHERE {{ ?s <{link}> <{m}> ; <{}> ?c .\n{tail}}} LIMIT {}",
                    vocab::P_CONFIDENCE,
                    budget - read,
                );
                for s in select(store, &q)? {
                    read += 1;
                    if let (Some(node), Some(c)) = (term_str(&s, "s"), term_str(&s, "c")) {
                        let c = tally::milli(c.parse().unwrap_or(0.0)) as f64 / 1e3;
                        offer(&mut top, k, c, node);
                    }
                }
            }
            Ok(((a.clone(), t.clone()), (top, read)))
        })
        .collect();
    found.into_iter().collect()
}

/// One evidence sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub doc: String,
    /// The statement date, else the article date.
    pub date: Option<String>,
    pub sentence: usize,
    pub stance: String,
    pub confidence: f64,
    pub text: String,
    /// The statement node, to look it up with SPARQL.
    pub statement: String,
}

/// The evidence of the given statement nodes, by node IRI.
pub fn evidence(store: &KgStore, nodes: &[&str]) -> Result<BTreeMap<String, Evidence>> {
    let mut out = BTreeMap::new();
    for chunk in nodes.chunks(500) {
        let values: Vec<String> = chunk.iter().map(|n| format!("<{n}>")).collect();
        let q = format!(
            "SELECT ?s ?text ?doc ?sent ?st ?c ?d ?ad WHERE {{ VALUES ?s {{ {values} }}
               ?s <{ev}> ?text ; <{art}> ?art ; <{si}> ?sent ; <{stance}> ?st ; <{conf}> ?c .
               ?art <{ident}> ?doc .
               OPTIONAL {{ ?s <{date}> ?d }} OPTIONAL {{ ?s <{adate}> ?ad }} }}",
            values = values.join(" "),
            ev = vocab::P_EVIDENCE,
            art = vocab::P_ARTICLE,
            si = vocab::P_SENTENCE_INDEX,
            stance = vocab::P_STANCE,
            conf = vocab::P_CONFIDENCE,
            ident = vocab::DCT_IDENTIFIER,
            date = vocab::P_DATE,
            adate = vocab::P_ARTICLE_DATE,
        );
        for s in select(store, &q)? {
            let Some(node) = term_str(&s, "s") else {
                continue;
            };
            let e = Evidence {
                doc: term_str(&s, "doc").unwrap_or_default().to_owned(),
                date: term_str(&s, "d")
                    .or_else(|| term_str(&s, "ad"))
                    .map(str::to_owned),
                sentence: term_str(&s, "sent")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0),
                stance: term_str(&s, "st")
                    .and_then(|v| v.strip_prefix(vocab::STANCE))
                    .unwrap_or_default()
                    .to_owned(),
                confidence: term_str(&s, "c")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0.0),
                text: term_str(&s, "text").unwrap_or_default().to_owned(),
                statement: node.to_owned(),
            };
            // multi-valued data: keep the smallest reading, deterministically
            match out.get(node) {
                Some(old) if format!("{old:?}") <= format!("{e:?}") => {}
                _ => {
                    out.insert(node.to_owned(), e);
                }
            }
        }
    }
    Ok(out)
}

/// The evidence of a cell, best first.
pub fn cell_evidence(store: &KgStore, cell: &Edge) -> Result<Vec<Evidence>> {
    let nodes: Vec<&str> = cell.top.iter().map(|c| c.node.as_str()).collect();
    let found = evidence(store, &nodes)?;
    Ok(cell
        .top
        .iter()
        .filter_map(|c| found.get(&c.node).cloned())
        .collect())
}

/// The store's label of a key's node (the smallest one seen in the first article graphs that
/// describe it), if any.
pub fn store_label(store: &KgStore, k: &Key) -> Result<Option<String>> {
    let q = format!(
        "SELECT ?l WHERE {{ <{}> <{}> ?l }} LIMIT 16",
        k.iri(),
        vocab::RDFS_LABEL
    );
    Ok(select(store, &q)?
        .iter()
        .filter_map(|s| term_str(s, "l").map(str::to_owned))
        .min())
}

/// Whether the store has a statement with this actor or issue on either side (by node, or
/// under roll-up by code).
pub fn in_store(store: &KgStore, k: &Key, roll_up: bool) -> Result<bool> {
    let iri = k.iri();
    let mut q = format!(
        "ASK {{ {{ ?s <{}> <{iri}> }} UNION {{ ?s <{}> <{iri}> }}",
        vocab::P_ACTOR,
        vocab::P_TARGET
    );
    if roll_up && !k.issue {
        q.push_str(&format!(
            " UNION {{ ?s <{}> {} }}",
            vocab::P_ACTOR_CODE,
            lit(&k.id)
        ));
    }
    q.push_str(" }");
    match store.query(&q)? {
        QueryResults::Boolean(b) => Ok(b),
        _ => Ok(false),
    }
}

/// The ids and labels of every actor and issue in the store (for suggestions on unknown input).
pub fn store_names(store: &KgStore) -> Result<Vec<(Key, String)>> {
    let q = format!(
        "SELECT DISTINCT ?x ?l WHERE {{ ?x <{}> ?k ; <{}> ?l }}",
        vocab::P_KIND,
        vocab::RDFS_LABEL
    );
    let mut out: Vec<(Key, String)> = select(store, &q)?
        .iter()
        .filter_map(|s| Some((key_of_iri(term_str(s, "x")?), term_str(s, "l")?.to_owned())))
        .collect();
    out.sort();
    out.dedup();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Polarity;

    #[test]
    fn keys_decode_from_iris() {
        assert_eq!(key_of_iri(&vocab::actor_iri("a b")), Key::actor("a b"));
        assert_eq!(
            key_of_iri(&vocab::issue_iri("nato-enlargement")),
            Key::issue("nato-enlargement")
        );
    }

    #[test]
    fn polarity_values_parse() {
        assert_eq!(parse_polarity("support"), Some(1));
        assert_eq!(
            parse_polarity("https://w3id.org/geokg/ontology#Oppose"),
            Some(-1)
        );
        assert_eq!(parse_polarity("-1"), Some(-1));
        assert_eq!(parse_polarity("0"), Some(0));
        assert_eq!(parse_polarity("maybe"), None);
        assert_eq!(Polarity::Oppose.sign(), -1);
    }

    #[test]
    fn candidates_keep_one_per_sentence() {
        let mut top = Vec::new();
        offer(&mut top, 2, 0.5, "x/statement/d/1-0");
        offer(&mut top, 2, 0.9, "x/statement/d/1-1");
        offer(&mut top, 2, 0.6, "x/statement/d/2-0");
        offer(&mut top, 2, 0.4, "x/statement/d/3-0");
        let nodes: Vec<&str> = top.iter().map(|c| c.node.as_str()).collect();
        assert_eq!(nodes, ["x/statement/d/1-1", "x/statement/d/2-0"]);
        // ties go to the smaller IRI
        let mut top = Vec::new();
        offer(&mut top, 1, 0.5, "b/statement/d/1-0");
        offer(&mut top, 1, 0.5, "a/statement/d/1-0");
        assert_eq!(top[0].node, "a/statement/d/1-0");
    }

    #[test]
    fn windows_split_into_whole_and_partial_months() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let w = |f: &str, t: &str| Window {
            from: d(f),
            to: d(t),
            ..Window::default()
        };
        // whole months only
        assert_eq!(
            months(&w("2022-01-01", "2022-03-31")),
            (Some("2022-01".into()), Some("2022-03".into()), vec![])
        );
        // both ends cut a month: the whole months between, the two ends from statements
        assert_eq!(
            months(&w("2022-01-15", "2022-03-30")),
            (
                Some("2022-02".into()),
                Some("2022-02".into()),
                vec!["2022-01".into(), "2022-03".into()]
            )
        );
        // inside one month: no whole month (lo > hi), the month from statements
        assert_eq!(
            months(&w("2022-01-05", "2022-01-20")),
            (
                Some("2022-02".into()),
                Some("2021-12".into()),
                vec!["2022-01".into()]
            )
        );
        assert_eq!(
            months_between("2021-11", "2022-02").unwrap(),
            ["2021-11", "2021-12", "2022-01", "2022-02"]
        );
        assert_eq!(
            months_between("2022-03", "2022-02").unwrap(),
            Vec::<String>::new()
        );
        assert!(months_between("0000-01", "2022-02").is_none());
    }

    #[test]
    fn tally_iris_split_into_period_and_sides() {
        let k = tally::TallyKey {
            family: tally::Family::Rolled,
            period: tally::Period::parse("2022-01").unwrap(),
            actor: tally::Side::Code("RUS".into()),
            target: tally::Side::Node(vocab::issue_iri("nato-enlargement")),
        };
        assert_eq!(
            split_tally_iri(&k.iri()),
            Some(("2022-01", "code/RUS", "issue/nato-enlargement"))
        );
        let mut int = Interner::default();
        let a = int.side("code/RUS").unwrap();
        let t = int.side("issue/nato-enlargement").unwrap();
        assert_eq!(int.keys[a], Key::actor("RUS"));
        assert_eq!(int.keys[t], Key::issue("nato-enlargement"));
        assert_eq!(int.side("graph/x"), None);
    }

    #[test]
    fn literals_escape() {
        assert_eq!(lit("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
