//! Turns one [`Extraction`] into the quads of its article graph, deterministically.

use super::KgStore;
use crate::actors::Gazetteer;
use crate::error::{Error, Result};
use crate::model::{ActorKind, ActorRef, Extraction, Statement};
use crate::vocab;
use chrono::NaiveDate;
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term, Triple};
use std::collections::{BTreeMap, HashSet};

/// The `gk:extractor` value written on every statement node.
pub fn extractor_name() -> String {
    format!("geokg {}", env!("CARGO_PKG_VERSION"))
}

pub(crate) fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn string(s: &str) -> Term {
    Literal::new_simple_literal(s).into()
}

fn integer(n: usize) -> Term {
    Literal::new_typed_literal(n.to_string(), iri(vocab::XSD_INTEGER)).into()
}

fn date(d: NaiveDate) -> Term {
    Literal::new_typed_literal(d.format("%Y-%m-%d").to_string(), iri(vocab::XSD_DATE)).into()
}

fn boolean(b: bool) -> Term {
    Literal::new_typed_literal(if b { "true" } else { "false" }, iri(vocab::XSD_BOOLEAN)).into()
}

/// A confidence as `xsd:decimal` rounded to three decimals, in the canonical form the store
/// keeps (`0.9`, not `0.900`), so the quads of an article (`geokg extract --format nq`) are
/// those the store gives back.
fn decimal3(x: f64) -> Term {
    let x = if x.is_finite() { x } else { 0.0 };
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let s = match s {
        "" | "-0" => "0",
        s => s,
    };
    Literal::new_typed_literal(s, iri(vocab::XSD_DECIMAL)).into()
}

/// The IRI of an actor or an issue.
pub fn node_iri(actor: &ActorRef) -> String {
    match actor.kind {
        ActorKind::Issue => vocab::issue_iri(actor.id.as_str()),
        _ => vocab::actor_iri(actor.id.as_str()),
    }
}

/// The class of an actor kind.
pub fn kind_class(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => vocab::STATE,
        ActorKind::Organization => vocab::ORGANIZATION,
        ActorKind::Person => vocab::PERSON,
        ActorKind::Group => vocab::GROUP,
        ActorKind::Issue => vocab::ISSUE,
    }
}

fn checked_iri(s: &str, what: &str) -> Result<NamedNode> {
    NamedNode::new(s).map_err(|e| Error::Store(format!("invalid {what} IRI <{s}>: {e}")))
}

struct Quads {
    graph: GraphName,
    out: Vec<Quad>,
}

impl Quads {
    fn add(&mut self, s: &NamedNode, p: &str, o: impl Into<Term>) {
        self.out
            .push(Quad::new(s.clone(), iri(p), o.into(), self.graph.clone()));
    }
}

/// All quads of the article graph of `ex`, sorted and without duplicates.
pub fn extraction_quads(ex: &Extraction) -> Result<Vec<Quad>> {
    let mut quads = article_quads(ex)?;
    super::sort_quads(&mut quads);
    Ok(quads)
}

/// The quads of [`extraction_quads`] without duplicates but unsorted (in the order written,
/// first occurrence kept): what the loaders need, without the cost of sorting by spelling.
pub(crate) fn article_quads(ex: &Extraction) -> Result<Vec<Quad>> {
    let doc = ex.doc.id.as_str();
    let mut q = Quads {
        graph: GraphName::NamedNode(iri(&vocab::article_graph_iri(doc))),
        out: Vec::new(),
    };

    // The article.
    let article = iri(&vocab::article_iri(doc));
    q.add(&article, vocab::RDF_TYPE, iri(vocab::ARTICLE));
    q.add(&article, vocab::DCT_IDENTIFIER, string(doc));
    if let Some(title) = &ex.doc.title {
        q.add(&article, vocab::DCT_TITLE, string(title));
    }
    if let Some(d) = ex.doc.date {
        q.add(&article, vocab::DCT_DATE, date(d));
    }
    if let Some(url) = &ex.doc.url {
        match NamedNode::new(url.as_str()) {
            Ok(u) => q.add(&article, vocab::DCT_SOURCE, u),
            Err(_) => q.add(&article, vocab::DCT_SOURCE, string(url)),
        }
    }
    q.add(
        &article,
        vocab::P_SENTENCE_COUNT,
        integer(ex.sentence_count),
    );

    // Actors and issues: every value seen is written (a set), so the order of statements
    // does not matter.
    for st in &ex.statements {
        for a in [&st.actor, &st.target] {
            describe(&mut q, a)?;
        }
    }

    // Statement nodes, numbered within their sentence in the order given.
    let mut per_sentence: BTreeMap<usize, usize> = BTreeMap::new();
    let extractor = extractor_name();
    for st in &ex.statements {
        let n = per_sentence.entry(st.sentence).or_insert(0);
        let node = iri(&vocab::statement_iri(doc, st.sentence, *n));
        *n += 1;
        statement(&mut q, &node, &article, st, &extractor);
    }
    let keep: Vec<bool> = {
        let mut seen = HashSet::with_capacity(q.out.len());
        q.out.iter().map(|x| seen.insert(x)).collect()
    };
    let mut keep = keep.into_iter();
    let mut quads = q.out;
    quads.retain(|_| keep.next().unwrap_or(false));
    Ok(quads)
}

fn describe(q: &mut Quads, a: &ActorRef) -> Result<()> {
    let node = iri(&node_iri(a));
    q.add(&node, vocab::RDF_TYPE, iri(kind_class(a.kind)));
    q.add(&node, vocab::RDFS_LABEL, string(&a.name));
    q.add(&node, vocab::DCT_IDENTIFIER, string(a.id.as_str()));
    q.add(&node, vocab::P_KIND, string(a.kind.as_str()));
    if let Some(code) = &a.code {
        q.add(&node, vocab::P_CODE, string(code));
    }
    if let Some(agent) = &a.agent {
        q.add(&node, vocab::P_AGENT, string(agent));
    }
    if let Some(qid) = &a.qid {
        q.add(
            &node,
            vocab::OWL_SAME_AS,
            checked_iri(&vocab::wikidata_iri(qid), "Wikidata")?,
        );
    }
    if let Some(rep) = &a.represents {
        q.add(
            &node,
            vocab::P_REPRESENTS,
            iri(&vocab::actor_iri(rep.as_str())),
        );
    }
    Ok(())
}

fn statement(
    q: &mut Quads,
    node: &NamedNode,
    article: &NamedNode,
    st: &Statement,
    extractor: &str,
) {
    let actor = iri(&node_iri(&st.actor));
    let target = iri(&node_iri(&st.target));
    let stance = iri(&vocab::stance_iri(st.stance.id()));
    q.add(node, vocab::RDF_TYPE, iri(vocab::STATEMENT));
    q.add(node, vocab::P_ACTOR, actor.clone());
    q.add(node, vocab::P_TARGET, target.clone());
    q.add(node, vocab::P_STANCE, stance.clone());
    q.add(node, vocab::P_ARTICLE, article.clone());
    q.add(node, vocab::P_SENTENCE_INDEX, integer(st.sentence));
    q.add(node, vocab::P_SPAN_START, integer(st.span.0));
    q.add(node, vocab::P_SPAN_END, integer(st.span.1));
    q.add(node, vocab::P_EVIDENCE, string(&st.text));
    if let Some(d) = st.date {
        q.add(node, vocab::P_DATE, date(d));
    }
    if let Some(d) = st.article_date {
        q.add(node, vocab::P_ARTICLE_DATE, date(d));
    }
    q.add(node, vocab::P_CONFIDENCE, decimal3(st.confidence));
    q.add(node, vocab::P_NEGATED, boolean(st.negated));
    q.add(
        node,
        vocab::P_MODALITY,
        iri(&vocab::modality_iri(st.modality.local_name())),
    );
    q.add(node, vocab::P_EXTRACTOR, string(extractor));
    q.add(node, vocab::P_ACTOR_MENTION, string(&st.actor.mention));
    q.add(node, vocab::P_TARGET_MENTION, string(&st.target.mention));
    if let Some(code) = &st.actor.code {
        q.add(node, vocab::P_ACTOR_CODE, string(code));
    }
    if let Some(code) = &st.target.code {
        q.add(node, vocab::P_TARGET_CODE, string(code));
    }
    q.add(node, vocab::P_CUE, string(&st.cue));
    q.add(node, vocab::P_RULE, string(&st.rule));
    if let Some(p) = st.date_precision {
        q.add(node, vocab::P_DATE_PRECISION, string(p.as_str()));
    }
    if let Some(p) = st.polarity {
        q.add(node, vocab::P_TARGET_POLARITY, string(p.as_str()));
    }
    if let Some(e) = &st.event {
        q.add(node, vocab::P_CAMEO_EVENT, string(e));
    }
    // RDF 1.2: the statement node is a reifier of the (unasserted) triple term; the direct
    // triple below asserts it only when the text does.
    q.add(
        node,
        rdf::REIFIES.as_str(),
        Term::Triple(Box::new(Triple::new(
            actor.clone(),
            stance.clone(),
            target.clone(),
        ))),
    );
    if let Some(fact) = super::tally::Fact::of(st, "") {
        q.add(node, vocab::P_TALLY, iri(&fact.month_key().iri()));
        q.add(
            node,
            vocab::P_ROLLED_UP_TALLY,
            iri(&fact.rolled_month_key().iri()),
        );
    }
    if st.is_direct() {
        q.add(&actor, stance.as_str(), target);
    }
}

/// The quads of the actors graph ([`vocab::ACTORS_GRAPH`]): every `gk:memberOf` of the
/// gazetteer (`member_of` column), with the `rdfs:label` and `gk:code` of each organisation
/// named there. Memberships are the gazetteer's (undated), not the articles'.
pub fn membership_quads(gazetteer: &Gazetteer) -> Vec<Quad> {
    let mut q = Quads {
        graph: GraphName::NamedNode(iri(vocab::ACTORS_GRAPH)),
        out: Vec::new(),
    };
    for e in gazetteer.entries() {
        if e.member_of.is_empty() {
            continue;
        }
        let member = iri(&vocab::actor_iri(e.id.as_str()));
        for code in &e.member_of {
            let org = gazetteer.get(code).or_else(|| gazetteer.by_code(code));
            let org_id = org.map_or(code.as_str(), |o| o.id.as_str());
            let org_node = iri(&vocab::actor_iri(org_id));
            q.add(&member, vocab::P_MEMBER_OF, org_node.clone());
            if let Some(o) = org {
                q.add(&org_node, vocab::RDFS_LABEL, string(&o.name));
                q.add(
                    &org_node,
                    vocab::P_CODE,
                    string(o.code.as_deref().unwrap_or(org_id)),
                );
            }
        }
    }
    let mut quads = q.out;
    super::sort_quads(&mut quads);
    quads
}

impl KgStore {
    /// Replaces the actors graph with the gazetteer's memberships ([`membership_quads`]), in
    /// one transaction. Returns the number of quads written.
    pub fn load_memberships(&self, gazetteer: &Gazetteer) -> Result<usize> {
        let quads = membership_quads(gazetteer);
        let graph = NamedNodeRef::new_unchecked(vocab::ACTORS_GRAPH);
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(graph)?;
        tx.extend(&quads);
        tx.commit()?;
        Ok(quads.len())
    }
}
