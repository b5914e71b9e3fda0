//! Reads statement nodes and actor descriptions back from the store as [`StatementRecord`]s.

use super::{KgStore, StatementFilter};
use crate::error::{Error, Result};
use crate::model::Stance;
use crate::model::{ActorId, ActorKind, ActorRef, Modality, StanceRecord, StatementRecord};
use crate::vocab;
use chrono::NaiveDate;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, QuerySolution};
use std::collections::{BTreeMap, BTreeSet};

/// Runs a SELECT query and collects its solutions.
pub(crate) fn select(store: &KgStore, query: &str) -> Result<Vec<QuerySolution>> {
    match store.query(query)? {
        QueryResults::Solutions(solutions) => Ok(solutions.collect::<Result<Vec<_>, _>>()?),
        _ => Err(Error::Query("expected a SELECT query".to_owned())),
    }
}

/// The IRI of a named node, the lexical value of a literal.
pub(crate) fn term_str<'a>(s: &'a QuerySolution, var: &str) -> Option<&'a str> {
    match s.get(var)? {
        Term::NamedNode(n) => Some(n.as_str()),
        Term::Literal(l) => Some(l.value()),
        Term::BlankNode(b) => Some(b.as_str()),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// The id encoded in an actor or issue IRI (the inverse of [`vocab::iri_segment`]).
pub(crate) fn id_from_iri(iri: &str) -> String {
    let last = iri.rsplit('/').next().unwrap_or(iri);
    vocab::decode_segment(last)
}

/// What the store says about one actor or issue.
#[derive(Clone, Debug, Default)]
pub(crate) struct Description {
    pub id: Option<String>,
    pub label: Option<String>,
    pub kind: Option<String>,
    pub code: Option<String>,
    pub qid: Option<String>,
    pub represents: Option<String>,
    pub agent: Option<String>,
}

/// Keeps the smallest value, so that multi-valued data still reads back deterministically.
fn keep_min(slot: &mut Option<String>, value: Option<&str>) {
    if let Some(v) = value {
        if slot.as_deref().is_none_or(|old| v < old) {
            *slot = Some(v.to_owned());
        }
    }
}

/// Descriptions of actors and issues, per (graph, node IRI).
pub(crate) fn descriptions(store: &KgStore) -> Result<BTreeMap<(String, String), Description>> {
    descriptions_in(store, None)
}

/// [`descriptions`] of one graph (`Some`), or of every graph.
fn descriptions_in(
    store: &KgStore,
    graph: Option<&str>,
) -> Result<BTreeMap<(String, String), Description>> {
    let (select_g, g_term) = match graph {
        Some(g) => ("", format!("<{g}>")),
        None => ("?g", "?g".to_owned()),
    };
    let q = format!(
        "SELECT {select_g} ?a ?id ?label ?kind ?code ?qid ?rep ?agent WHERE {{ GRAPH {g_term} {{
            ?a <{kind}> ?kind .
            OPTIONAL {{ ?a <{ident}> ?id }}
            OPTIONAL {{ ?a <{label}> ?label }}
            OPTIONAL {{ ?a <{code}> ?code }}
            OPTIONAL {{ ?a <{same}> ?qid }}
            OPTIONAL {{ ?a <{rep}> ?rep }}
            OPTIONAL {{ ?a <{agent}> ?agent }}
        }} }}",
        kind = vocab::P_KIND,
        ident = vocab::DCT_IDENTIFIER,
        label = vocab::RDFS_LABEL,
        code = vocab::P_CODE,
        same = vocab::OWL_SAME_AS,
        rep = vocab::P_REPRESENTS,
        agent = vocab::P_AGENT,
    );
    let mut out: BTreeMap<(String, String), Description> = BTreeMap::new();
    for s in select(store, &q)? {
        let (Some(g), Some(a)) = (term_str(&s, "g").or(graph), term_str(&s, "a")) else {
            continue;
        };
        let d = out.entry((g.to_owned(), a.to_owned())).or_default();
        keep_min(&mut d.id, term_str(&s, "id"));
        keep_min(&mut d.label, term_str(&s, "label"));
        keep_min(&mut d.kind, term_str(&s, "kind"));
        keep_min(&mut d.code, term_str(&s, "code"));
        keep_min(
            &mut d.qid,
            term_str(&s, "qid").and_then(|q| q.strip_prefix(vocab::WD)),
        );
        keep_min(
            &mut d.represents,
            term_str(&s, "rep").map(id_from_iri).as_deref(),
        );
        keep_min(&mut d.agent, term_str(&s, "agent"));
    }
    Ok(out)
}

fn parse_date(s: Option<&str>) -> Option<String> {
    let s = s?;
    Some(
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(|d| d.to_string())
            .unwrap_or_else(|_| s.to_owned()),
    )
}

fn parse_usize(s: Option<&str>) -> usize {
    s.and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn actor_ref(
    descs: &BTreeMap<(String, String), Description>,
    any_graph: &BTreeMap<String, Description>,
    graph: &str,
    iri: &str,
    mention: Option<&str>,
    code: Option<&str>,
) -> ActorRef {
    let d = descs
        .get(&(graph.to_owned(), iri.to_owned()))
        .or_else(|| any_graph.get(iri))
        .cloned()
        .unwrap_or_default();
    let id = d.id.unwrap_or_else(|| id_from_iri(iri));
    let kind = d.kind.as_deref().and_then(ActorKind::parse).unwrap_or(
        if iri.starts_with(&vocab::issue_iri("")) {
            ActorKind::Issue
        } else {
            ActorKind::State
        },
    );
    ActorRef {
        name: d.label.unwrap_or_else(|| id.clone()),
        id: ActorId(id),
        kind,
        code: code.map(str::to_owned).or(d.code),
        qid: d.qid,
        mention: mention.unwrap_or_default().to_owned(),
        represents: d.represents.map(ActorId),
        agent: d.agent,
    }
}

/// The `n` of a statement IRI `…/statement/<doc>/<sentence>-<n>`.
fn statement_index(iri: &str) -> usize {
    iri.rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

pub(super) fn statements(
    store: &KgStore,
    filter: &StatementFilter,
) -> Result<Vec<StatementRecord>> {
    let solutions = select(store, &statements_query(None))?;
    let descs = descriptions(store)?;
    let mut any_graph: BTreeMap<String, Description> = BTreeMap::new();
    for ((_, a), d) in &descs {
        any_graph.entry(a.clone()).or_insert_with(|| d.clone());
    }
    let mut out = BTreeMap::new();
    records_of(&solutions, None, &descs, &any_graph, filter, &mut out)?;
    Ok(out.into_values().collect())
}

/// The first `limit` statements matching `filter` in the order of [`statements`] (document,
/// sentence, index), read one article graph at a time in document order, so that a store of a
/// million statements is not read whole; and whether more statements match.
pub(super) fn first_statements(
    store: &KgStore,
    filter: &StatementFilter,
    limit: usize,
) -> Result<(Vec<StatementRecord>, bool)> {
    use rayon::prelude::*;
    let q = format!(
        "SELECT DISTINCT ?doc WHERE {{ GRAPH ?g {{ ?art a <{}> ; <{}> ?doc }} }}",
        vocab::ARTICLE,
        vocab::DCT_IDENTIFIER
    );
    let mut docs: Vec<String> = select(store, &q)?
        .iter()
        .filter_map(|s| term_str(s, "doc").map(str::to_owned))
        .filter(|d| filter.doc.as_deref().is_none_or(|f| f == d))
        .collect();
    docs.sort();
    docs.dedup();
    // the description of a node in the first graph (by IRI) that describes it, for nodes
    // their own graph does not describe (as `statements` takes it)
    let fallback: std::sync::Mutex<BTreeMap<String, Option<Description>>> = Default::default();
    let mut out: Vec<StatementRecord> = Vec::new();
    for chunk in docs.chunks(32) {
        type Batch = BTreeMap<(String, usize, usize, String, String), StatementRecord>;
        let found: Vec<Result<Batch>> = chunk
            .par_iter()
            .map(|doc| {
                let g = vocab::article_graph_iri(doc);
                let solutions = select(store, &statements_query(Some(&g)))?;
                let descs = descriptions_in(store, Some(&g))?;
                let mut any_graph: BTreeMap<String, Description> = BTreeMap::new();
                for s in &solutions {
                    for v in ["actor", "target"] {
                        let Some(iri) = term_str(s, v) else { continue };
                        if descs.contains_key(&(g.clone(), iri.to_owned()))
                            || any_graph.contains_key(iri)
                        {
                            continue;
                        }
                        let cached = fallback.lock().ok().and_then(|m| m.get(iri).cloned());
                        let d = match cached {
                            Some(d) => d,
                            None => {
                                let d = first_description(store, iri)?;
                                if let Ok(mut m) = fallback.lock() {
                                    m.insert(iri.to_owned(), d.clone());
                                }
                                d
                            }
                        };
                        if let Some(d) = d {
                            any_graph.insert(iri.to_owned(), d);
                        }
                    }
                }
                let mut batch = BTreeMap::new();
                records_of(&solutions, Some(&g), &descs, &any_graph, filter, &mut batch)?;
                Ok(batch)
            })
            .collect();
        for batch in found {
            out.extend(batch?.into_values());
        }
        if out.len() > limit {
            out.truncate(limit);
            return Ok((out, true));
        }
    }
    Ok((out, false))
}

/// The description of a node in the first graph (by IRI) that describes it.
fn first_description(store: &KgStore, iri: &str) -> Result<Option<Description>> {
    let q = format!(
        "SELECT ?g WHERE {{ GRAPH ?g {{ <{iri}> <{}> ?kind }} }} ORDER BY ?g LIMIT 1",
        vocab::P_KIND
    );
    let Some(g) = select(store, &q)?
        .first()
        .and_then(|s| term_str(s, "g").map(str::to_owned))
    else {
        return Ok(None);
    };
    Ok(descriptions_in(store, Some(&g))?.remove(&(g, iri.to_owned())))
}

/// The SPARQL reading statement records, of one graph or of all.
fn statements_query(graph: Option<&str>) -> String {
    let (select_g, g_term) = match graph {
        Some(g) => ("", format!("<{g}>")),
        None => ("?g", "?g".to_owned()),
    };
    format!(
        "SELECT {select_g} ?s ?doc ?actor ?target ?stance ?sent ?start ?end ?text ?date ?adate ?conf
                ?neg ?mod ?am ?tm ?ac ?tc ?cue ?rule ?ev
         WHERE {{ GRAPH {g_term} {{
            ?s a <{statement}> ; <{actor}> ?actor ; <{target}> ?target ; <{stance}> ?stance ;
               <{article}> ?art ; <{sent}> ?sent .
            ?art <{ident}> ?doc .
            OPTIONAL {{ ?s <{start}> ?start }}
            OPTIONAL {{ ?s <{end}> ?end }}
            OPTIONAL {{ ?s <{evidence}> ?text }}
            OPTIONAL {{ ?s <{date}> ?date }}
            OPTIONAL {{ ?s <{adate}> ?adate }}
            OPTIONAL {{ ?s <{conf}> ?conf }}
            OPTIONAL {{ ?s <{neg}> ?neg }}
            OPTIONAL {{ ?s <{modality}> ?mod }}
            OPTIONAL {{ ?s <{am}> ?am }}
            OPTIONAL {{ ?s <{tm}> ?tm }}
            OPTIONAL {{ ?s <{ac}> ?ac }}
            OPTIONAL {{ ?s <{tc}> ?tc }}
            OPTIONAL {{ ?s <{cue}> ?cue }}
            OPTIONAL {{ ?s <{rule}> ?rule }}
            OPTIONAL {{ ?s <{pol}> ?pol }}
            OPTIONAL {{ ?s <{prec}> ?prec }}
            OPTIONAL {{ ?s <{ev}> ?ev }}
         }} }}",
        statement = vocab::STATEMENT,
        actor = vocab::P_ACTOR,
        target = vocab::P_TARGET,
        stance = vocab::P_STANCE,
        article = vocab::P_ARTICLE,
        sent = vocab::P_SENTENCE_INDEX,
        ident = vocab::DCT_IDENTIFIER,
        start = vocab::P_SPAN_START,
        end = vocab::P_SPAN_END,
        evidence = vocab::P_EVIDENCE,
        date = vocab::P_DATE,
        adate = vocab::P_ARTICLE_DATE,
        conf = vocab::P_CONFIDENCE,
        neg = vocab::P_NEGATED,
        modality = vocab::P_MODALITY,
        am = vocab::P_ACTOR_MENTION,
        tm = vocab::P_TARGET_MENTION,
        ac = vocab::P_ACTOR_CODE,
        tc = vocab::P_TARGET_CODE,
        cue = vocab::P_CUE,
        rule = vocab::P_RULE,
        pol = vocab::P_TARGET_POLARITY,
        prec = vocab::P_DATE_PRECISION,
        ev = vocab::P_CAMEO_EVENT,
    )
}

/// Adds the records of query solutions that match `filter` to `out`; `graph` is the graph of
/// them all when the query names one. Keyed by (doc, sentence, n, graph, node) so the order is
/// the documented one and a statement node matched twice (malformed multi-valued data) is kept
/// once.
fn records_of(
    solutions: &[QuerySolution],
    graph: Option<&str>,
    descs: &BTreeMap<(String, String), Description>,
    any_graph: &BTreeMap<String, Description>,
    filter: &StatementFilter,
    out: &mut BTreeMap<(String, usize, usize, String, String), StatementRecord>,
) -> Result<()> {
    for s in solutions {
        let (Some(g), Some(node), Some(doc)) = (
            term_str(s, "g").or(graph),
            term_str(s, "s"),
            term_str(s, "doc"),
        ) else {
            continue;
        };
        let Some(stance) = term_str(s, "stance")
            .and_then(|i| i.strip_prefix(vocab::STANCE))
            .and_then(|id| id.parse::<Stance>().ok())
        else {
            return Err(Error::Store(format!(
                "statement <{node}> has an unknown stance {:?}",
                term_str(s, "stance")
            )));
        };
        let sentence = parse_usize(term_str(s, "sent"));
        let key = (
            doc.to_owned(),
            sentence,
            statement_index(node),
            g.to_owned(),
            node.to_owned(),
        );
        if out.contains_key(&key) {
            continue;
        }
        let (Some(actor), Some(target)) = (term_str(s, "actor"), term_str(s, "target")) else {
            continue;
        };
        let modality = term_str(s, "mod")
            .and_then(|m| m.strip_prefix(vocab::GK))
            .and_then(Modality::parse)
            .unwrap_or(Modality::Asserted);
        let record = StatementRecord {
            doc: doc.to_owned(),
            date: parse_date(term_str(s, "date")),
            date_precision: term_str(s, "prec").and_then(crate::model::Precision::parse),
            article_date: parse_date(term_str(s, "adate")),
            sentence,
            span: [
                parse_usize(term_str(s, "start")),
                parse_usize(term_str(s, "end")),
            ],
            text: term_str(s, "text").unwrap_or_default().to_owned(),
            actor: actor_ref(
                descs,
                any_graph,
                g,
                actor,
                term_str(s, "am"),
                term_str(s, "ac"),
            ),
            stance: StanceRecord::of(stance),
            target: actor_ref(
                descs,
                any_graph,
                g,
                target,
                term_str(s, "tm"),
                term_str(s, "tc"),
            ),
            negated: term_str(s, "neg") == Some("true") || term_str(s, "neg") == Some("1"),
            modality,
            confidence: term_str(s, "conf")
                .and_then(|c| c.parse().ok())
                .unwrap_or(0.0),
            cue: term_str(s, "cue").unwrap_or_default().to_owned(),
            rule: term_str(s, "rule").unwrap_or_default().to_owned(),
            polarity: term_str(s, "pol").and_then(crate::model::Polarity::parse),
            event: term_str(s, "ev").and_then(crate::model::EventRecord::of),
        };
        if filter.matches(&record) {
            out.insert(key, record);
        }
    }
    Ok(())
}

/// The memberships recorded in the actors graph ([`vocab::ACTORS_GRAPH`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Memberships {
    /// Actor id -> the codes of the organisations it is a member of.
    pub member_of: BTreeMap<String, BTreeSet<String>>,
    /// Organisation code -> its label (when the store has one).
    pub labels: BTreeMap<String, String>,
}

impl Memberships {
    /// The organisation codes `actor` is a member of (empty when none are recorded).
    pub fn of(&self, actor: &str) -> impl Iterator<Item = &str> {
        self.member_of
            .get(actor)
            .into_iter()
            .flat_map(|s| s.iter().map(String::as_str))
    }
}

impl KgStore {
    /// The gazetteer memberships loaded by [`KgStore::load_memberships`]; empty for a store
    /// built before they were recorded.
    pub fn memberships(&self) -> Result<Memberships> {
        let q = format!(
            "SELECT ?m ?o ?label ?code WHERE {{ GRAPH <{graph}> {{
                ?m <{member}> ?o .
                OPTIONAL {{ ?o <{label}> ?label }}
                OPTIONAL {{ ?o <{code}> ?code }}
            }} }}",
            graph = vocab::ACTORS_GRAPH,
            member = vocab::P_MEMBER_OF,
            label = vocab::RDFS_LABEL,
            code = vocab::P_CODE,
        );
        let mut out = Memberships::default();
        for s in select(self, &q)? {
            let (Some(m), Some(o)) = (term_str(&s, "m"), term_str(&s, "o")) else {
                continue;
            };
            let code = term_str(&s, "code").map_or_else(|| id_from_iri(o), str::to_owned);
            if let Some(label) = term_str(&s, "label") {
                let slot = out
                    .labels
                    .entry(code.clone())
                    .or_insert_with(|| label.to_owned());
                if label < slot.as_str() {
                    label.clone_into(slot);
                }
            }
            out.member_of
                .entry(id_from_iri(m))
                .or_default()
                .insert(code);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_decode_from_iris() {
        assert_eq!(id_from_iri(&vocab::actor_iri("a b/c")), "a b/c");
        assert_eq!(
            id_from_iri(&vocab::issue_iri("nato-enlargement")),
            "nato-enlargement"
        );
        assert_eq!(vocab::decode_segment("x%C3%A9"), "xé");
    }

    #[test]
    fn statement_index_is_the_last_number() {
        assert_eq!(statement_index(&vocab::statement_iri("d-1", 12, 3)), 3);
    }
}
