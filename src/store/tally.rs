//! Tallies: totals of the direct statements per (actor, target, period), kept in the store
//! beside the article graphs and rewritten in the same transaction as them.
//!
//! A tally is a pure function of the direct statements (not negated; asserted or future) of
//! the article graphs: every sum is an integer (confidence in thousandths, Goldstein values
//! in hundredths), so adding and removing articles in any order gives the same tallies as a
//! rebuild, byte for byte. Two families × two levels, each in its own named graph
//! ([`vocab::tally_graph_iri`]):
//!
//! - family `node`: keyed by the statement's actor and target nodes; family `rolled`: each side
//!   keyed by its code on the statement date (`gk:actorCode`), or by its node when it has none;
//! - level `all`: one tally for all time; level `month`: one per month of the statement date
//!   (else the article date), or `undated`.
//!
//! Inside a tally the sums are split by confidence band (width 0.05), so a confidence floor
//! on a band edge is answered from tallies too. Beside the sums, `gk:tallyDetail` counts the
//! statements per stance and per day (all bands together), what the graph exports and the
//! report show of an edge. Each direct statement links to its `node` `month` tally with
//! `gk:tally`. `ontology/README.md` documents both literals.

use super::KgStore;
use crate::error::{Error, Result};
use crate::model::Stance;
use crate::model::{Extraction, Statement};
use crate::vocab;
use chrono::{Datelike, NaiveDate};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Transaction;
use std::collections::{BTreeMap, BTreeSet};

/// Confidence bands: band `b` holds confidences in [b·0.05, (b+1)·0.05); 1.0 is band 20.
pub const BANDS: u8 = 21;
/// Confidence thousandths per band.
pub const BAND_MILLI: i64 = 50;

/// Fields of one band: statements, articles whose highest band in the tally is this one,
/// Σ confidence (‰), Σ confidence² (millionths), Σ confidence·polarity (‰), Σ Goldstein
/// (hundredths), statements per polarity (−, 0, +), statements per QuadClass 1–4.
pub const FIELDS: usize = 13;
pub const N: usize = 0;
pub const ARTICLES_TOP: usize = 1;
pub const C: usize = 2;
pub const C2: usize = 3;
pub const CP: usize = 4;
pub const G: usize = 5;
pub const NEG: usize = 6;
pub const QUAD1: usize = 9;

/// Which side keys a tally family uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// The actor and target nodes.
    Node,
    /// Codes on the statement date (people roll up to what they represent).
    Rolled,
}

/// One side of a tally key.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// An actor or issue node IRI.
    Node(String),
    /// An actor code.
    Code(String),
}

impl Side {
    fn segment(&self) -> String {
        match self {
            // actor/RUS or issue/nato-enlargement
            Side::Node(iri) => iri.strip_prefix(vocab::ID).unwrap_or(iri).to_owned(),
            Side::Code(c) => format!("code/{}", vocab::iri_segment(c)),
        }
    }
}

/// The period of a tally.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    All,
    /// A month (its first day).
    Month(NaiveDate),
    /// Month level, for statements without any date.
    Undated,
}

impl Period {
    pub fn label(self) -> String {
        match self {
            Period::All => "all".to_owned(),
            Period::Month(d) => d.format("%Y-%m").to_string(),
            Period::Undated => "undated".to_owned(),
        }
    }

    /// The month of a day.
    pub fn month_of(day: Option<NaiveDate>) -> Period {
        match day.and_then(|d| d.with_day(1)) {
            Some(m) => Period::Month(m),
            None => Period::Undated,
        }
    }

    /// Reads a label back.
    pub fn parse(s: &str) -> Option<Period> {
        match s {
            "all" => Some(Period::All),
            "undated" => Some(Period::Undated),
            _ => NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
                .ok()
                .map(Period::Month),
        }
    }
}

/// What a tally totals.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TallyKey {
    pub family: Family,
    pub period: Period,
    pub actor: Side,
    pub target: Side,
}

impl TallyKey {
    pub fn iri(&self) -> String {
        format!(
            "{}tally/{}/{}/{}/{}",
            vocab::ID,
            match self.family {
                Family::Node => "node",
                Family::Rolled => "rolled",
            },
            self.period.label(),
            self.actor.segment(),
            self.target.segment()
        )
    }

    pub fn graph(&self) -> String {
        vocab::tally_graph_iri(self.family == Family::Rolled, self.period != Period::All)
    }
}

/// The statements of one tally per stance and per day (the statement date, else the article
/// date; undated statements count in no day), all confidence bands together: the
/// `gk:tallyDetail` literal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Detail {
    pub stances: BTreeMap<Stance, i64>,
    pub days: BTreeMap<NaiveDate, i64>,
}

impl Detail {
    pub fn add(&mut self, o: &Detail) {
        for (s, n) in &o.stances {
            *self.stances.entry(*s).or_insert(0) += n;
        }
        for (d, n) in &o.days {
            *self.days.entry(*d).or_insert(0) += n;
        }
    }

    pub fn sub(&mut self, o: &Detail) {
        for (s, n) in &o.stances {
            *self.stances.entry(*s).or_insert(0) -= n;
        }
        for (d, n) in &o.days {
            *self.days.entry(*d).or_insert(0) -= n;
        }
        self.stances.retain(|_, n| *n != 0);
        self.days.retain(|_, n| *n != 0);
    }

    pub fn is_empty(&self) -> bool {
        self.stances.is_empty() && self.days.is_empty()
    }

    /// The `gk:tallyDetail` literal: `STANCE=N` per stance (in the order of [`Stance::ALL`]),
    /// then `YYYY-MM-DD=N` per day ascending, space-separated.
    ///
    /// Written without chrono's format strings, which parse `%Y-%m-%d` again for every day:
    /// the batched path writes this literal anew for every tally a batch touches, and an
    /// all-time tally holds one entry per day of the corpus.
    pub fn literal(&self) -> String {
        use std::fmt::Write;
        let mut out = String::with_capacity(16 * (self.stances.len() + self.days.len()));
        for (s, n) in &self.stances {
            if !out.is_empty() {
                out.push(' ');
            }
            let _ = write!(out, "{}={n}", s.id());
        }
        for (d, n) in &self.days {
            if !out.is_empty() {
                out.push(' ');
            }
            if (0..=9999).contains(&d.year()) {
                let _ = write!(out, "{:04}-{:02}-{:02}={n}", d.year(), d.month(), d.day());
            } else {
                // chrono's sign and width outside four-digit years
                let _ = write!(out, "{}={n}", d.format("%Y-%m-%d"));
            }
        }
        out
    }

    /// Reads a `gk:tallyDetail` literal.
    pub fn parse(s: &str) -> Option<Detail> {
        let mut d = Detail::default();
        for part in s.split_whitespace() {
            let (k, n) = part.split_once('=')?;
            let n: i64 = n.parse().ok()?;
            if k.starts_with(|c: char| c.is_ascii_digit()) {
                let day = parse_day(k)?;
                *d.days.entry(day).or_insert(0) += n;
            } else {
                *d.stances.entry(k.parse::<Stance>().ok()?).or_insert(0) += n;
            }
        }
        Some(d)
    }
}

/// A `YYYY-MM-DD` day, read without chrono's format parser (the exports read every day of
/// every tally).
fn parse_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The sums of one tally, by confidence band, and its [`Detail`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TallyValue {
    pub bands: BTreeMap<u8, [i64; FIELDS]>,
    pub detail: Detail,
}

impl TallyValue {
    pub fn add(&mut self, o: &TallyValue) {
        for (b, v) in &o.bands {
            let mine = self.bands.entry(*b).or_insert([0; FIELDS]);
            for i in 0..FIELDS {
                mine[i] += v[i];
            }
        }
        self.detail.add(&o.detail);
    }

    pub fn sub(&mut self, o: &TallyValue) {
        for (b, v) in &o.bands {
            let mine = self.bands.entry(*b).or_insert([0; FIELDS]);
            for i in 0..FIELDS {
                mine[i] -= v[i];
            }
        }
        self.bands.retain(|_, v| v.iter().any(|x| *x != 0));
        self.detail.sub(&o.detail);
    }

    pub fn is_empty(&self) -> bool {
        self.bands.is_empty() && self.detail.is_empty()
    }

    /// Statements in every band.
    pub fn n(&self) -> i64 {
        self.bands.values().map(|v| v[N]).sum()
    }

    /// The fields summed over the bands from `band` up.
    pub fn from_band(&self, band: u8) -> [i64; FIELDS] {
        let mut out = [0; FIELDS];
        for v in self.bands.range(band..).map(|(_, v)| v) {
            for i in 0..FIELDS {
                out[i] += v[i];
            }
        }
        out
    }

    /// The `gk:tallySums` literal: `band:f0,f1,…,f12` per band, space-separated, bands ascending.
    pub fn literal(&self) -> String {
        let parts: Vec<String> = self
            .bands
            .iter()
            .map(|(b, v)| {
                let f: Vec<String> = v.iter().map(i64::to_string).collect();
                format!("{b}:{}", f.join(","))
            })
            .collect();
        parts.join(" ")
    }

    /// The fields of a `gk:tallySums` literal summed over the bands from `band` up, without
    /// building the value (the analyses' hot path).
    pub fn parse_from_band(s: &str, band: u8) -> Option<[i64; FIELDS]> {
        let mut out = [0i64; FIELDS];
        for part in s.split_whitespace() {
            let (b, rest) = part.split_once(':')?;
            let b: u8 = b.parse().ok().filter(|b| *b < BANDS)?;
            let mut n = 0;
            for (i, x) in rest.split(',').enumerate() {
                let x: i64 = x.parse().ok()?;
                if b >= band {
                    *out.get_mut(i)? += x;
                }
                n += 1;
            }
            if n != FIELDS {
                return None;
            }
        }
        Some(out)
    }

    /// Reads a `gk:tallySums` literal.
    pub fn parse(s: &str) -> Option<TallyValue> {
        let mut bands = BTreeMap::new();
        for part in s.split_whitespace() {
            let (b, rest) = part.split_once(':')?;
            let b: u8 = b.parse().ok().filter(|b| *b < BANDS)?;
            let mut v = [0i64; FIELDS];
            let mut n = 0;
            for (i, x) in rest.split(',').enumerate() {
                *v.get_mut(i)? = x.parse().ok()?;
                n += 1;
            }
            if n != FIELDS {
                return None;
            }
            bands.insert(b, v);
        }
        Some(TallyValue {
            bands,
            detail: Detail::default(),
        })
    }
}

/// The band of a confidence in thousandths.
pub fn band_of(milli: i64) -> u8 {
    (milli.clamp(0, 1000) / BAND_MILLI) as u8
}

/// Thousandths of a confidence, as its `xsd:decimal` literal (three decimals) spells it.
pub fn milli(confidence: f64) -> i64 {
    let x = if confidence.is_finite() {
        confidence
    } else {
        0.0
    };
    format!("{x:.3}")
        .parse::<f64>()
        .map_or(0, |v| (v * 1000.0).round() as i64)
}

/// The sign a statement-level polarity stands for: `support`/`oppose` (any case, as a literal
/// or the last segment of an IRI), or a number whose sign is taken.
pub fn parse_polarity(v: &str) -> Option<i8> {
    let last = v.rsplit(['/', '#']).next().unwrap_or(v).to_lowercase();
    if let Some(p) = crate::model::Polarity::parse(&last) {
        return Some(p.sign());
    }
    v.parse::<f64>().ok().map(crate::analysis::metrics::sign)
}

/// One direct statement, as the tallies see it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Its article graph.
    pub graph: String,
    /// Its statement node, when read from the store (empty otherwise).
    pub node: String,
    pub actor: String,
    pub target: String,
    pub actor_code: Option<String>,
    pub target_code: Option<String>,
    /// The statement date, else the article date.
    pub day: Option<NaiveDate>,
    pub confidence_milli: i64,
    /// -1, 0 or 1: the issue polarity when the statement has one, else the stance's sign.
    pub polarity: i8,
    pub stance: Stance,
}

impl Fact {
    /// The fact of a direct statement (`None` for one that is not direct).
    pub fn of(st: &Statement, graph: &str) -> Option<Fact> {
        if !st.is_direct() {
            return None;
        }
        Some(Fact {
            graph: graph.to_owned(),
            node: String::new(),
            actor: super::node_iri(&st.actor),
            target: super::node_iri(&st.target),
            actor_code: st.actor.code.clone(),
            target_code: st.target.code.clone(),
            day: st.date.or(st.article_date),
            confidence_milli: milli(st.confidence),
            polarity: st
                .polarity
                .map_or_else(|| st.stance.polarity(), |p| p.sign()),
            stance: st.stance,
        })
    }

    /// The `node` `month` tally the statement links to with `gk:tally`.
    pub fn month_key(&self) -> TallyKey {
        self.key(Family::Node, Period::month_of(self.day))
    }

    /// The `rolled` `month` tally the statement links to with `gk:rolledUpTally`.
    pub fn rolled_month_key(&self) -> TallyKey {
        self.key(Family::Rolled, Period::month_of(self.day))
    }

    fn key(&self, family: Family, period: Period) -> TallyKey {
        let side = |node: &str, code: &Option<String>| match (family, code) {
            (Family::Rolled, Some(c)) => Side::Code(c.clone()),
            _ => Side::Node(node.to_owned()),
        };
        TallyKey {
            family,
            period,
            actor: side(&self.actor, &self.actor_code),
            target: side(&self.target, &self.target_code),
        }
    }

    /// The four tallies the statement counts in.
    pub fn keys(&self) -> [TallyKey; 4] {
        let month = Period::month_of(self.day);
        [
            self.key(Family::Node, Period::All),
            self.key(Family::Node, month),
            self.key(Family::Rolled, Period::All),
            self.key(Family::Rolled, month),
        ]
    }

    fn band_values(&self) -> [i64; FIELDS] {
        band_fields(self.stance, self.confidence_milli, self.polarity)
    }
}

/// The fields of one statement (its article count left at 0).
pub fn band_fields(stance: Stance, confidence_milli: i64, polarity: i8) -> [i64; FIELDS] {
    let c = confidence_milli;
    let p = i64::from(polarity.clamp(-1, 1));
    let mut v = [0i64; FIELDS];
    v[N] = 1;
    v[C] = c;
    v[C2] = c * c;
    v[CP] = c * p;
    v[G] = (stance.goldstein() * 100.0).round() as i64;
    v[NEG + (p + 1) as usize] = 1;
    v[QUAD1 + (stance.quad_class_number().clamp(1, 4) - 1) as usize] = 1;
    v
}

/// The tallies of a set of facts: every key they count in, with its sums.
pub fn contributions<'a>(
    facts: impl IntoIterator<Item = &'a Fact>,
) -> BTreeMap<TallyKey, TallyValue> {
    let mut out: BTreeMap<TallyKey, TallyValue> = BTreeMap::new();
    // (key, graph) -> highest band, for the article counts
    let mut top: BTreeMap<(TallyKey, &str), u8> = BTreeMap::new();
    for f in facts {
        let band = band_of(f.confidence_milli);
        let v = f.band_values();
        for k in f.keys() {
            let value = out.entry(k.clone()).or_default();
            *value.detail.stances.entry(f.stance).or_insert(0) += 1;
            if let Some(d) = f.day {
                *value.detail.days.entry(d).or_insert(0) += 1;
            }
            let slot = value.bands.entry(band).or_insert([0; FIELDS]);
            for i in 0..FIELDS {
                slot[i] += v[i];
            }
            let t = top.entry((k, f.graph.as_str())).or_insert(band);
            *t = (*t).max(band);
        }
    }
    for ((k, _), band) in top {
        if let Some(slot) = out.get_mut(&k).and_then(|v| v.bands.get_mut(&band)) {
            slot[ARTICLES_TOP] += 1;
        }
    }
    out
}

fn nn(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// The quads of one tally.
pub fn tally_quads(key: &TallyKey, value: &TallyValue) -> Vec<Quad> {
    let node = nn(&key.iri());
    let graph = GraphName::NamedNode(nn(&key.graph()));
    let q = |p: &str, o: Term| Quad::new(node.clone(), nn(p), o, graph.clone());
    let class = match key.family {
        Family::Node => vocab::TALLY,
        Family::Rolled => vocab::ROLLED_UP_TALLY,
    };
    let mut out = vec![
        q(vocab::RDF_TYPE, nn(class).into()),
        q(
            vocab::P_PERIOD,
            Literal::new_simple_literal(key.period.label()).into(),
        ),
        q(
            vocab::P_STATEMENT_COUNT,
            Literal::new_typed_literal(value.n().to_string(), nn(vocab::XSD_INTEGER)).into(),
        ),
        q(
            vocab::P_TALLY_SUMS,
            Literal::new_simple_literal(value.literal()).into(),
        ),
        q(
            vocab::P_TALLY_DETAIL,
            Literal::new_simple_literal(value.detail.literal()).into(),
        ),
    ];
    if key.period != Period::All {
        let all = TallyKey {
            period: Period::All,
            ..key.clone()
        };
        out.push(q(vocab::P_WITHIN, nn(&all.iri()).into()));
    }
    for (side, p_node, p_code) in [
        (&key.actor, vocab::P_ACTOR, vocab::P_ACTOR_CODE),
        (&key.target, vocab::P_TARGET, vocab::P_TARGET_CODE),
    ] {
        out.push(match side {
            Side::Node(iri) => q(p_node, nn(iri).into()),
            Side::Code(c) => q(p_code, Literal::new_simple_literal(c).into()),
        });
    }
    out
}

/// The article graph of an extraction and the facts of its direct statements.
pub(crate) fn extraction_facts(ex: &Extraction) -> (String, Vec<Fact>) {
    let g = vocab::article_graph_iri(ex.doc.id.as_str());
    let facts = ex
        .statements
        .iter()
        .filter_map(|s| Fact::of(s, &g))
        .collect();
    (g, facts)
}

/// Adds up the tallies of many extractions in memory, for a bulk load into an empty store
/// (`store::Loader`'s bulk path, the benchmarks): the tallies are written once, at the end.
#[derive(Default)]
pub struct TallyBuilder {
    tallies: BTreeMap<TallyKey, TallyValue>,
    /// Estimated heap bytes of `tallies` (see [`TallyBuilder::bytes`]).
    bytes: usize,
}

// Estimated heap bytes of a tally (its key, its strings, its empty maps, its share of the map's
// nodes) and of one sum of a band, a stance and a day in the maps' nodes.
const TALLY_BYTES: usize = 240;
const BAND_BYTES: usize = 136;
const STANCE_BYTES: usize = 24;
const DAY_BYTES: usize = 24;

impl TallyBuilder {
    pub fn add(&mut self, ex: &Extraction) {
        let (_, facts) = extraction_facts(ex);
        self.add_facts(&facts);
    }

    /// Adds the facts of one article (or of several whole articles).
    pub fn add_facts(&mut self, facts: &[Fact]) {
        for (k, v) in contributions(facts) {
            let strings = match (&k.actor, &k.target) {
                (Side::Node(a) | Side::Code(a), Side::Node(t) | Side::Code(t)) => a.len() + t.len(),
            };
            let mine = match self.tallies.entry(k) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    self.bytes += TALLY_BYTES + strings;
                    e.insert(TallyValue::default())
                }
            };
            let before = (
                mine.bands.len(),
                mine.detail.stances.len(),
                mine.detail.days.len(),
            );
            mine.add(&v);
            self.bytes += (mine.bands.len() - before.0) * BAND_BYTES
                + (mine.detail.stances.len() - before.1) * STANCE_BYTES
                + (mine.detail.days.len() - before.2) * DAY_BYTES;
        }
    }

    /// Estimated heap bytes of the sums held: the count of tallies, band sums, stance counts
    /// and day counts, each times its typical size (what [`super::spill`] bounds).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Takes the sums out, in key order, leaving the builder empty.
    pub(crate) fn take(&mut self) -> BTreeMap<TallyKey, TallyValue> {
        self.bytes = 0;
        std::mem::take(&mut self.tallies)
    }

    /// Number of tallies.
    pub fn len(&self) -> usize {
        self.tallies.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty()
    }

    /// The quads of every tally.
    pub fn quads(&self) -> impl Iterator<Item = Quad> + '_ {
        self.tallies.iter().flat_map(|(k, v)| tally_quads(k, v))
    }
}

/// The names of the four tally graphs.
pub fn tally_graphs() -> [String; 4] {
    [
        vocab::tally_graph_iri(false, false),
        vocab::tally_graph_iri(false, true),
        vocab::tally_graph_iri(true, false),
        vocab::tally_graph_iri(true, true),
    ]
}

/// The SPARQL pattern of a direct statement `?s` (not negated; asserted or future) with its
/// actor `?a`, target `?t`, stance `?st` and confidence `?c`; shared with the analyses' scan.
pub(crate) fn direct_pattern() -> String {
    format!(
        "?s <{actor}> ?a ; <{target}> ?t ; <{stance}> ?st ; <{conf}> ?c ; <{neg}> false ; <{modality}> ?m .\n\
         FILTER(?m = <{asserted}> || ?m = <{future}>)\n",
        actor = vocab::P_ACTOR,
        target = vocab::P_TARGET,
        stance = vocab::P_STANCE,
        conf = vocab::P_CONFIDENCE,
        neg = vocab::P_NEGATED,
        modality = vocab::P_MODALITY,
        asserted = vocab::ASSERTED,
        future = vocab::FUTURE,
    )
}

/// SPARQL reading the direct statements (of one graph, or of all) as facts. The graph of one
/// article is a constant of the pattern (`GRAPH <iri>`), so oxigraph reads only that graph's
/// quads: binding it with `VALUES` instead is evaluated after the pattern and scans every
/// statement in the store (what made builds quadratic).
fn facts_query(graph: Option<&str>) -> String {
    let (select_g, graph) = match graph {
        Some(g) => ("", format!("<{g}>")),
        None => ("?g", "?g".to_owned()),
    };
    format!(
        "SELECT {select_g} ?s ?a ?t ?ac ?tc ?st ?c ?d ?ad ?ip WHERE {{ GRAPH {graph} {{
           ?s a <{statement}> .
           {direct}
           OPTIONAL {{ ?s <{ac}> ?ac }} OPTIONAL {{ ?s <{tc}> ?tc }}
           OPTIONAL {{ ?s <{date}> ?d }} OPTIONAL {{ ?s <{adate}> ?ad }}
           OPTIONAL {{ ?s <{pol}> ?ip }} }} }}",
        statement = vocab::STATEMENT,
        direct = direct_pattern(),
        ac = vocab::P_ACTOR_CODE,
        tc = vocab::P_TARGET_CODE,
        date = vocab::P_DATE,
        adate = vocab::P_ARTICLE_DATE,
        pol = vocab::P_TARGET_POLARITY,
    )
}

/// The facts of query results; `graph` is the graph of them all when the query names one.
fn facts_of(results: QueryResults<'_>, graph: Option<&str>) -> Result<Vec<Fact>> {
    let QueryResults::Solutions(solutions) = results else {
        return Err(Error::Query("expected solutions".to_owned()));
    };
    let mut out = Vec::new();
    for s in solutions {
        let s = s?;
        let get = |v: &str| super::read::term_str(&s, v);
        let (Some(g), Some(a), Some(t), Some(st), Some(c)) =
            (get("g").or(graph), get("a"), get("t"), get("st"), get("c"))
        else {
            continue;
        };
        let Some(stance) = st
            .strip_prefix(vocab::STANCE)
            .and_then(|x| x.parse::<Stance>().ok())
        else {
            return Err(Error::Store(format!(
                "a statement has an unknown stance <{st}>"
            )));
        };
        let day = get("d")
            .or_else(|| get("ad"))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        out.push(Fact {
            graph: g.to_owned(),
            node: get("s").unwrap_or_default().to_owned(),
            actor: a.to_owned(),
            target: t.to_owned(),
            actor_code: get("ac").map(str::to_owned),
            target_code: get("tc").map(str::to_owned),
            day,
            confidence_milli: milli(c.parse().unwrap_or(0.0)),
            polarity: get("ip")
                .and_then(parse_polarity)
                .unwrap_or_else(|| stance.polarity()),
            stance,
        });
    }
    Ok(out)
}

/// The facts of one article graph, read from the committed store.
pub(crate) fn facts_in_store(store: &oxigraph::store::Store, graph: &str) -> Result<Vec<Fact>> {
    let results = SparqlEvaluator::new()
        .parse_query(&facts_query(Some(graph)))?
        .on_store(store)
        .execute()?;
    facts_of(results, Some(graph))
}

/// The facts of one article graph, read inside a transaction.
pub(crate) fn facts_in_tx(tx: &Transaction<'_>, graph: &str) -> Result<Vec<Fact>> {
    let results = SparqlEvaluator::new()
        .parse_query(&facts_query(Some(graph)))?
        .on_transaction(tx)
        .execute()?;
    facts_of(results, Some(graph))
}

/// Applies `new − old` to the stored tallies, inside the transaction: only the tallies that
/// the facts count in are read and rewritten, each once.
pub(crate) fn apply(tx: &mut Transaction<'_>, old: &[Fact], new: &[Fact]) -> Result<()> {
    let (remove, insert) = changes(
        |node, graph| {
            tx.quads_for_pattern(Some(node.into()), None, None, Some(graph.into()))
                .collect::<std::result::Result<_, _>>()
                .map_err(Error::from)
        },
        old,
        new,
    )?;
    for q in &remove {
        tx.remove(q);
    }
    for q in &insert {
        tx.insert(q);
    }
    Ok(())
}

/// The tally quads to remove and to insert so that the stored tallies get `new − old`; `read`
/// gives the stored quads of a tally (its node in its graph). Only the tallies that the facts
/// count in are read, each once, and only the quads that change are listed: a tally's type,
/// sides, period and `gk:within` stay as they are, and so does a literal left equal.
pub(crate) fn changes(
    mut read: impl FnMut(NamedNodeRef<'_>, NamedNodeRef<'_>) -> Result<Vec<Quad>>,
    old: &[Fact],
    new: &[Fact],
) -> Result<(Vec<Quad>, Vec<Quad>)> {
    let old = contributions(old);
    let new = contributions(new);
    let keys: BTreeSet<&TallyKey> = old.keys().chain(new.keys()).collect();
    let sums = nn(vocab::P_TALLY_SUMS);
    let detail = nn(vocab::P_TALLY_DETAIL);
    let (mut remove, mut insert) = (Vec::new(), Vec::new());
    for k in keys {
        let node = nn(&k.iri());
        let graph = nn(&k.graph());
        let stored = read(node.as_ref(), graph.as_ref())?;
        let mut value = TallyValue::default();
        let mut stored_detail = Detail::default();
        for q in &stored {
            let Term::Literal(l) = &q.object else {
                continue;
            };
            if q.predicate == sums {
                value = TallyValue::parse(l.value()).ok_or_else(|| {
                    Error::Store(format!("tally <{node}> has a malformed gk:tallySums"))
                })?;
            } else if q.predicate == detail {
                stored_detail = Detail::parse(l.value()).ok_or_else(|| {
                    Error::Store(format!("tally <{node}> has a malformed gk:tallyDetail"))
                })?;
            }
        }
        value.detail = stored_detail;
        if let Some(v) = new.get(k) {
            value.add(v);
        }
        // sub drops the bands left at zero
        value.sub(old.get(k).unwrap_or(&TallyValue::default()));
        let wanted = if value.is_empty() {
            Vec::new()
        } else {
            tally_quads(k, &value)
        };
        remove.extend(stored.iter().filter(|q| !wanted.contains(q)).cloned());
        insert.extend(wanted.into_iter().filter(|q| !stored.contains(q)));
    }
    Ok((remove, insert))
}

impl KgStore {
    /// The tally quads the article graphs call for, and the `gk:tally` links of their
    /// statements, recomputed from every direct statement; both sorted.
    pub fn expected_tallies(&self) -> Result<(Vec<Quad>, Vec<Quad>)> {
        let facts = facts_of(self.query(&facts_query(None))?, None)?;
        let mut quads: Vec<Quad> = contributions(&facts)
            .iter()
            .flat_map(|(k, v)| tally_quads(k, v))
            .collect();
        super::sort_quads(&mut quads);
        let mut links: Vec<Quad> = facts
            .iter()
            .flat_map(|f| {
                let g = GraphName::NamedNode(nn(&f.graph));
                [
                    Quad::new(
                        nn(&f.node),
                        nn(vocab::P_TALLY),
                        nn(&f.month_key().iri()),
                        g.clone(),
                    ),
                    Quad::new(
                        nn(&f.node),
                        nn(vocab::P_ROLLED_UP_TALLY),
                        nn(&f.rolled_month_key().iri()),
                        g,
                    ),
                ]
            })
            .collect();
        super::sort_quads(&mut links);
        Ok((quads, links))
    }

    /// The tally quads and the `gk:tally` links in the store, sorted.
    pub fn stored_tallies(&self) -> Result<(Vec<Quad>, Vec<Quad>)> {
        let mut quads = Vec::new();
        for g in tally_graphs() {
            quads.extend(self.graph_quads(NamedNodeRef::new_unchecked(&g).into())?);
        }
        super::sort_quads(&mut quads);
        let mut links = Vec::new();
        for p in [vocab::P_TALLY, vocab::P_ROLLED_UP_TALLY] {
            for q in
                self.store
                    .quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(p)), None, None)
            {
                links.push(q?);
            }
        }
        super::sort_quads(&mut links);
        Ok((quads, links))
    }

    /// Compares the stored tallies and links with a recomputation: the tallies that differ
    /// (missing, extra or with other sums) and the statements whose link differs, as IRIs,
    /// sorted. Empty when the tallies agree with the statements.
    pub fn check_tallies(&self) -> Result<Vec<String>> {
        let (eq, el) = self.expected_tallies()?;
        let (sq, sl) = self.stored_tallies()?;
        let subjects = |quads: Vec<Quad>| -> BTreeMap<String, Vec<Quad>> {
            let mut m: BTreeMap<String, Vec<Quad>> = BTreeMap::new();
            for q in quads {
                m.entry(q.subject.to_string()).or_default().push(q);
            }
            m
        };
        let mut out = BTreeSet::new();
        for (e, s) in [(subjects(eq), subjects(sq)), (subjects(el), subjects(sl))] {
            let all: BTreeSet<&String> = e.keys().chain(s.keys()).collect();
            out.extend(
                all.into_iter()
                    .filter(|k| e.get(*k) != s.get(*k))
                    .map(|k| k.trim_matches(['<', '>']).to_owned()),
            );
        }
        Ok(out.into_iter().collect())
    }

    /// Rewrites every tally and every `gk:tally` link from the statements, in one transaction
    /// (after writes that went around geokg, such as a SPARQL update). Returns the number of
    /// tallies.
    pub fn rebuild_tallies(&self) -> Result<usize> {
        let (quads, links) = self.expected_tallies()?;
        let (_, old_links) = self.stored_tallies()?;
        let mut tx = self.store.start_transaction()?;
        for g in tally_graphs() {
            tx.clear_graph(NamedNodeRef::new_unchecked(&g))?;
        }
        for q in &old_links {
            tx.remove(q);
        }
        tx.extend(&quads);
        tx.extend(&links);
        tx.commit()?;
        let rdf_type = nn(vocab::RDF_TYPE);
        Ok(quads.iter().filter(|q| q.predicate == rdf_type).count())
    }

    /// Whether the store has any tally (a store written before tallies existed has none).
    pub fn has_tallies(&self) -> Result<bool> {
        let g = vocab::tally_graph_iri(false, false);
        Ok(self
            .store
            .quads_for_pattern(
                None,
                None,
                None,
                Some(NamedNodeRef::new_unchecked(&g).into()),
            )
            .next()
            .transpose()?
            .is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_literal_round_trips() {
        let mut v = TallyValue::default();
        v.bands
            .insert(18, [2, 1, 1800, 1_620_000, 1800, 600, 0, 0, 2, 1, 1, 0, 0]);
        v.bands
            .insert(14, [1, 0, 720, 518_400, -720, -440, 1, 0, 0, 0, 0, 0, 1]);
        let s = v.literal();
        assert_eq!(
            s,
            "14:1,0,720,518400,-720,-440,1,0,0,0,0,0,1 18:2,1,1800,1620000,1800,600,0,0,2,1,1,0,0"
        );
        assert_eq!(TallyValue::parse(&s), Some(v.clone()));
        assert_eq!(TallyValue::parse("14:1,2"), None);
        assert_eq!(TallyValue::parse("99:1,0,0,0,0,0,0,0,0,0,0,0,0"), None);
        assert_eq!(v.from_band(15)[N], 2);
        assert_eq!(TallyValue::parse_from_band(&s, 15), Some(v.from_band(15)));
        assert_eq!(TallyValue::parse_from_band(&s, 0), Some(v.from_band(0)));
        assert_eq!(TallyValue::parse_from_band("14:1,x", 0), None);
        assert_eq!(v.from_band(0)[N], 3);
        let mut w = v.clone();
        w.sub(&v);
        assert!(w.is_empty());
    }

    #[test]
    fn detail_literal_round_trips_and_cancels() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut d = Detail::default();
        d.stances.insert(Stance::Criticize, 3);
        d.stances.insert(Stance::Comment, 1);
        d.days.insert(day("2022-03-01"), 2);
        d.days.insert(day("2021-12-31"), 1);
        let s = d.literal();
        assert_eq!(s, "comment=1 criticize=3 2021-12-31=1 2022-03-01=2");
        assert_eq!(Detail::parse(&s), Some(d.clone()));
        assert_eq!(Detail::parse(""), Some(Detail::default()));
        assert_eq!(Detail::parse("nonsense=1"), None);
        assert_eq!(Detail::parse("2022-02-30=1"), None);
        assert_eq!(Detail::parse("criticize"), None);
        let mut e = d.clone();
        e.add(&d);
        e.sub(&d);
        assert_eq!(e, d);
        e.sub(&d);
        assert!(e.is_empty());
    }

    /// Days are written as chrono's `%Y-%m-%d` writes them, padded years and all.
    #[test]
    fn detail_days_are_written_as_chrono_writes_them() {
        for (y, m, dd) in [
            (2022, 1, 10),
            (987, 3, 4),
            (1, 12, 31),
            (9999, 12, 31),
            (0, 1, 1),
        ] {
            let day = NaiveDate::from_ymd_opt(y, m, dd).unwrap();
            let mut d = Detail::default();
            d.days.insert(day, 7);
            assert_eq!(d.literal(), format!("{}=7", day.format("%Y-%m-%d")));
            assert_eq!(Detail::parse(&d.literal()).map(|p| p.days), Some(d.days));
        }
    }

    #[test]
    fn bands_and_thousandths() {
        assert_eq!(milli(0.729), 729);
        assert_eq!(milli(0.65025), 650);
        assert_eq!(band_of(899), 17);
        assert_eq!(band_of(900), 18);
        assert_eq!(band_of(1000), 20);
        assert_eq!(
            Period::parse("2022-01"),
            Period::month_of(NaiveDate::from_ymd_opt(2022, 1, 31)).into()
        );
        assert_eq!(Period::parse("undated"), Some(Period::Undated));
        assert_eq!(Period::parse("2022-13"), None);
    }
}
