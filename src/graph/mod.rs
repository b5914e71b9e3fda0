//! The petgraph stance network every reader shares: actors and issues as nodes, (actor,
//! target) cells as edges with the aggregate of their direct statements.
//!
//! One type, [`StanceGraph`], built by one function, [`StanceGraph::build`], for a [`Window`]
//! (dates, a confidence floor, `--roll-up`) and a [`Scope`] (actor and target filters, and
//! whether the per-stance counts and days are wanted). It reads the store's tallies where they
//! answer the window exactly and the statements elsewhere ([`read`]). The graph exports
//! (DOT, GraphML, GEXF, Cytoscape.js), the HTML report and the analyses (`profile`, `compare`,
//! `matrix`, `dyad`, `blocs`, `centrality`) all read it; [`algo`] holds the graph algorithms.
//!
//! Only direct statements count (not negated; asserted or future), as for the direct triples.
//! Nodes and edges are inserted in key order, so the same store always gives the same graph,
//! node indices included.

pub mod algo;
pub mod read;

pub use read::{
    cell_evidence, evidence, find_tops, in_store, store_label, store_names, Candidate, Evidence,
    Grain, Row,
};

use crate::error::Result;
use crate::model::{ActorKind, Stance};
use crate::store::KgStore;
use crate::vocab;
use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a node stands for: an actor (its id, or under `--roll-up` the code it has on the
/// statement date) or an issue (its id).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Key {
    /// Issues sort after actors.
    #[serde(skip)]
    pub issue: bool,
    pub id: String,
}

impl Key {
    pub fn actor(id: &str) -> Key {
        Key {
            issue: false,
            id: id.to_owned(),
        }
    }
    pub fn issue(id: &str) -> Key {
        Key {
            issue: true,
            id: id.to_owned(),
        }
    }
    /// The IRI of the node this key names.
    pub fn iri(&self) -> String {
        if self.issue {
            vocab::issue_iri(&self.id)
        } else {
            vocab::actor_iri(&self.id)
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)
    }
}

/// The statements a graph is built from: a date window, a confidence floor, and whether
/// people roll up to what they represent.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Window {
    /// Inclusive bounds on the statement date (the article date when the statement has none).
    #[serde(serialize_with = "ser_opt_date")]
    pub from: Option<NaiveDate>,
    #[serde(serialize_with = "ser_opt_date")]
    pub to: Option<NaiveDate>,
    pub min_confidence: Option<f64>,
    /// Key each side by its code on the statement date, so a person counts as the state or
    /// organisation they represent.
    pub roll_up: bool,
    /// Read every statement instead of the tallies (same figures, slower; for checking).
    #[serde(skip)]
    pub no_tallies: bool,
}

impl Window {
    /// "between 2022-01-01 and 2022-03-31, confidence ≥ 0.5, people rolled up" (empty when
    /// the window is open).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (self.from, self.to) {
            (Some(f), Some(t)) => parts.push(format!("between {f} and {t}")),
            (Some(f), None) => parts.push(format!("from {f}")),
            (None, Some(t)) => parts.push(format!("until {t}")),
            (None, None) => {}
        }
        if let Some(c) = self.min_confidence {
            parts.push(format!("confidence >= {c}"));
        }
        if self.roll_up {
            parts.push("people rolled up".to_owned());
        }
        parts.join(", ")
    }

    /// " (between …)" or "".
    pub fn suffix(&self) -> String {
        let d = self.describe();
        if d.is_empty() {
            d
        } else {
            format!(" ({d})")
        }
    }
}

/// Writes a date as `YYYY-MM-DD` (or null).
pub(crate) fn ser_opt_date<S: serde::Serializer>(
    d: &Option<NaiveDate>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
        None => s.serialize_none(),
    }
}

/// Which statements a build reads, besides the window.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// Only statements whose actor side is one of these keys.
    pub actors: Option<Vec<Key>>,
    /// Only statements whose target side is one of these keys.
    pub targets: Option<Vec<Key>>,
    /// Without roll-up, an actor key also selects the statements whose actor code is the key
    /// (a state's officials), keeping their own nodes (the exports' `--actor`). Read from the
    /// statements.
    pub actor_codes: bool,
    /// Read the date of every statement (always read when the window has bounds).
    pub dates: bool,
    /// Keep the statements per stance and the days of each edge ([`Edge::stances`],
    /// [`Edge::days`]): the graph exports and the report draw them. Tallies hold neither, so
    /// such a build reads the statements.
    pub detail: bool,
    /// Only statements whose month tally (`gk:tally`) has one of these `gk:period` labels
    /// (the partial months at the edges of a window answered from tallies).
    pub periods: Option<Vec<String>>,
}

/// Running sums of the statements of one (actor, target) pair, from which every per-pair
/// figure is computed (the formulas over them are in `analysis::metrics`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sums {
    /// Number of statements.
    pub n: usize,
    /// Σ c (confidence).
    pub c: f64,
    /// Σ c².
    pub c2: f64,
    /// Σ c·p (p the polarity, -1, 0 or 1).
    pub cp: f64,
    /// Σ Goldstein value.
    pub goldstein: f64,
    /// Statements per polarity: [negative, neutral, positive].
    pub by_polarity: [usize; 3],
}

impl Sums {
    /// Adds one statement with confidence `c`, polarity `p` and Goldstein value `g`.
    pub fn add(&mut self, c: f64, p: i8, g: f64) {
        self.n += 1;
        self.c += c;
        self.c2 += c * c;
        self.cp += c * f64::from(p);
        self.goldstein += g;
        self.by_polarity[(p.clamp(-1, 1) + 1) as usize] += 1;
    }

    /// Merges another pair's sums (used to pool both directions of a dyad).
    pub fn merge(&mut self, o: &Sums) {
        self.n += o.n;
        self.c += o.c;
        self.c2 += o.c2;
        self.cp += o.cp;
        self.goldstein += o.goldstein;
        for i in 0..3 {
            self.by_polarity[i] += o.by_polarity[i];
        }
    }

    /// Mean Goldstein value (unweighted).
    pub fn goldstein_mean(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            self.goldstein / self.n as f64
        }
    }
}

/// An actor or issue. `key` is all a build knows; [`StanceGraph::describe`] adds what the
/// store says about it (the exports and the report print it). New attributes go here.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub key: Key,
    /// The store's label (else the id).
    pub label: String,
    pub kind: ActorKind,
    /// The actor's code (for a person, the code of what they represent).
    pub code: Option<String>,
    pub qid: Option<String>,
    /// The CAMEO agent code of a sub-state actor ("COP" for "Iraqi police").
    pub agent: Option<String>,
    /// The organisations it is a member of (the store's memberships), sorted.
    pub member_of: Vec<String>,
}

impl Node {
    fn of(key: Key) -> Node {
        Node {
            label: key.id.clone(),
            kind: if key.issue {
                ActorKind::Issue
            } else {
                ActorKind::State
            },
            code: None,
            qid: None,
            agent: None,
            member_of: Vec::new(),
            key,
        }
    }

    pub fn id(&self) -> &str {
        &self.key.id
    }
}

/// All direct statements of one (actor, target) pair in the window.
#[derive(Clone, Debug, Default)]
pub struct Edge {
    pub sums: Sums,
    /// Distinct articles; in a window with bounds, distinct (article, month) pairs, which is
    /// what month tallies can add up exactly.
    pub articles: usize,
    /// Statements per QuadClass 1..4.
    pub quad: [usize; 4],
    /// The best evidence candidates, one per sentence, by confidence then statement IRI.
    pub top: Vec<Candidate>,
    /// Statements per stance (only with [`Scope::detail`]).
    pub stances: BTreeMap<Stance, usize>,
    /// The days of the statements (only with [`Scope::detail`]).
    pub days: BTreeSet<NaiveDate>,
}

impl Edge {
    /// Number of statements.
    pub fn count(&self) -> usize {
        self.sums.n
    }

    pub fn goldstein_sum(&self) -> f64 {
        self.sums.goldstein
    }

    pub fn goldstein_mean(&self) -> f64 {
        self.sums.goldstein_mean()
    }

    /// Sign of the mean Goldstein value: 1, 0 or -1.
    pub fn polarity(&self) -> i8 {
        let m = self.goldstein_mean();
        if m > 0.0 {
            1
        } else if m < 0.0 {
            -1
        } else {
            0
        }
    }

    /// The most frequent stance; ties go to the stance listed first in [`Stance::ALL`].
    pub fn dominant_stance(&self) -> Option<Stance> {
        let mut best: Option<(Stance, usize)> = None;
        for (&s, &n) in &self.stances {
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((s, n));
            }
        }
        best.map(|(s, _)| s)
    }

    pub fn first_date(&self) -> Option<NaiveDate> {
        self.days.first().copied()
    }

    pub fn last_date(&self) -> Option<NaiveDate> {
        self.days.last().copied()
    }
}

/// Ids in text order (an actor before an issue of the same id).
fn id_order(a: &Key, b: &Key) -> std::cmp::Ordering {
    a.id.cmp(&b.id).then(a.issue.cmp(&b.issue))
}

/// Who takes what stance toward whom: keys as nodes, cells as edges.
#[derive(Clone, Debug, Default)]
pub struct StanceGraph {
    pub graph: DiGraph<Node, Edge>,
    index: HashMap<Key, NodeIndex>,
    /// Statements read.
    pub statements: usize,
    /// Whether the cells were read from tallies; their evidence then comes from
    /// [`StanceGraph::fill_top`].
    pub from_tallies: bool,
    /// Evidence candidates kept per cell.
    pub evidence: usize,
}

impl StanceGraph {
    /// Reads `scope` in window `w` into a graph of (actor, target) cells: from the tallies
    /// where they answer, from the statements otherwise (see [`read::rows`]). Self-statements
    /// (actor = target after roll-up) are dropped. Read from statements, each cell keeps its
    /// `evidence` best candidates; read from tallies, [`StanceGraph::fill_top`] finds them for
    /// the cells shown.
    pub fn build(store: &KgStore, scope: &Scope, w: &Window, evidence: usize) -> Result<Self> {
        read::build(store, scope, w, evidence)
    }

    /// A graph of the given nodes and edges (keys sorted on insertion); for tests and for
    /// graphs made elsewhere.
    pub fn from_parts(nodes: Vec<Node>, edges: Vec<(Key, Key, Edge)>) -> StanceGraph {
        let mut g = StanceGraph::default();
        let mut nodes = nodes;
        let mut known: std::collections::HashSet<Key> =
            nodes.iter().map(|n| n.key.clone()).collect();
        for (a, t, _) in &edges {
            for k in [a, t] {
                if known.insert(k.clone()) {
                    nodes.push(Node::of(k.clone()));
                }
            }
        }
        nodes.sort_by(|x, y| x.key.cmp(&y.key));
        nodes.dedup_by(|x, y| x.key == y.key);
        for n in nodes {
            let k = n.key.clone();
            let ix = g.graph.add_node(n);
            g.index.insert(k, ix);
        }
        let mut edges = edges;
        edges.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
        for (a, t, e) in edges {
            g.statements += e.count();
            g.graph.add_edge(g.index[&a], g.index[&t], e);
        }
        g
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn node_index(&self, k: &Key) -> Option<NodeIndex> {
        self.index.get(k).copied()
    }

    /// The node of a key.
    pub fn node(&self, k: &Key) -> Option<&Node> {
        self.node_index(k).map(|ix| &self.graph[ix])
    }

    pub fn node_mut(&mut self, k: &Key) -> Option<&mut Node> {
        let ix = self.node_index(k)?;
        Some(&mut self.graph[ix])
    }

    /// The node whose id is `id` (an actor or, failing that, an issue).
    pub fn node_by_id(&self, id: &str) -> Option<&Node> {
        self.node(&Key::actor(id))
            .or_else(|| self.node(&Key::issue(id)))
    }

    pub fn key(&self, n: NodeIndex) -> &Key {
        &self.graph[n].key
    }

    /// The cell of (actor, target).
    pub fn cell(&self, a: &Key, t: &Key) -> Option<&Edge> {
        let (a, t) = (self.node_index(a)?, self.node_index(t)?);
        self.graph.find_edge(a, t).map(|e| &self.graph[e])
    }

    /// The edge between two ids (actors or issues), as the exports name nodes.
    pub fn edge(&self, actor: &str, target: &str) -> Option<&Edge> {
        let a = self.node_by_id(actor)?.key.clone();
        let t = self.node_by_id(target)?.key.clone();
        self.cell(&a, &t)
    }

    /// The targets of `a` with their cells, sorted by target key.
    pub fn targets_of(&self, a: &Key) -> Vec<(&Key, &Edge)> {
        let Some(n) = self.node_index(a) else {
            return Vec::new();
        };
        let mut out: Vec<(&Key, &Edge)> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .map(|e| (&self.graph[e.target()].key, e.weight()))
            .collect();
        out.sort_by(|x, y| x.0.cmp(y.0));
        out
    }

    /// Number of statements with `k` on the actor side.
    pub fn out_count(&self, k: &Key) -> usize {
        self.count_dir(k, Direction::Outgoing)
    }

    /// Number of statements with `k` on the target side.
    pub fn in_count(&self, k: &Key) -> usize {
        self.count_dir(k, Direction::Incoming)
    }

    fn count_dir(&self, k: &Key, d: Direction) -> usize {
        self.node_index(k).map_or(0, |n| {
            self.graph
                .edges_directed(n, d)
                .map(|e| e.weight().count())
                .sum()
        })
    }

    /// Keys in sorted order.
    pub fn keys(&self) -> Vec<&Key> {
        let mut k: Vec<&Key> = self.graph.node_weights().map(|n| &n.key).collect();
        k.sort();
        k
    }

    /// Nodes in id order (the order the exports write them).
    pub fn nodes(&self) -> Vec<&Node> {
        let mut n: Vec<&Node> = self.graph.node_weights().collect();
        n.sort_by(|x, y| id_order(&x.key, &y.key));
        n
    }

    /// Edges as (actor, target, edge), sorted by the two ids.
    pub fn edges(&self) -> Vec<(&Node, &Node, &Edge)> {
        let mut out: Vec<(&Node, &Node, &Edge)> = self
            .graph
            .edge_references()
            .map(|e| (&self.graph[e.source()], &self.graph[e.target()], e.weight()))
            .collect();
        out.sort_by(|x, y| id_order(&x.0.key, &y.0.key).then(id_order(&x.1.key, &y.1.key)));
        out
    }

    /// The `n` pairs with the most statements: by count descending, then actor and target id.
    pub fn top_dyads(&self, n: usize) -> Vec<(&Node, &Node, &Edge)> {
        let mut all = self.edges();
        all.sort_by(|x, y| {
            y.2.count()
                .cmp(&x.2.count())
                .then(id_order(&x.0.key, &y.0.key))
                .then(id_order(&x.1.key, &y.1.key))
        });
        all.truncate(n);
        all
    }

    /// Keeps the edges with at least `min` statements and the nodes they touch (`--min-count`).
    pub fn retain_min_count(&mut self, min: usize) {
        if min <= 1 {
            return;
        }
        let nodes: Vec<Node> = self.graph.node_weights().cloned().collect();
        let edges: Vec<(Key, Key, Edge)> = self
            .graph
            .edge_references()
            .filter(|e| e.weight().count() >= min)
            .map(|e| {
                (
                    self.graph[e.source()].key.clone(),
                    self.graph[e.target()].key.clone(),
                    e.weight().clone(),
                )
            })
            .collect();
        let used: BTreeSet<&Key> = edges.iter().flat_map(|(a, t, _)| [a, t]).collect();
        let nodes: Vec<Node> = nodes
            .into_iter()
            .filter(|n| used.contains(&n.key))
            .collect();
        let rebuilt = StanceGraph::from_parts(nodes, edges);
        self.graph = rebuilt.graph;
        self.index = rebuilt.index;
        self.statements = rebuilt.statements;
    }

    /// Keeps the `n` edges with the most statements (as [`StanceGraph::top_dyads`] orders them)
    /// and the nodes they touch.
    pub fn retain_top(&mut self, n: usize) {
        if self.edge_count() <= n {
            return;
        }
        let keep: Vec<(Key, Key, Edge)> = self
            .top_dyads(n)
            .into_iter()
            .map(|(a, t, e)| (a.key.clone(), t.key.clone(), e.clone()))
            .collect();
        let used: BTreeSet<&Key> = keep.iter().flat_map(|(a, t, _)| [a, t]).collect();
        let nodes: Vec<Node> = self
            .graph
            .node_weights()
            .filter(|n| used.contains(&n.key))
            .cloned()
            .collect();
        let rebuilt = StanceGraph::from_parts(nodes, keep);
        self.graph = rebuilt.graph;
        self.index = rebuilt.index;
        self.statements = rebuilt.statements;
    }

    /// Sets each node's label, kind, code, QID and memberships from the store.
    pub fn describe(&mut self, store: &KgStore) -> Result<()> {
        let keys: Vec<Key> = self.keys().into_iter().cloned().collect();
        let found = read::describe(store, &keys)?;
        let memberships = store.memberships()?;
        for ix in self.graph.node_indices().collect::<Vec<_>>() {
            let node = &mut self.graph[ix];
            if let Some(d) = found.get(&node.key) {
                if let Some(l) = &d.label {
                    node.label = l.clone();
                }
                if let Some(k) = d.kind.as_deref().and_then(ActorKind::parse) {
                    node.kind = k;
                }
                node.code = d.code.clone();
                node.qid = d.qid.clone();
                node.agent = d.agent.clone();
            }
            node.member_of = memberships.of(&node.key.id).map(str::to_owned).collect();
        }
        Ok(())
    }

    /// Sets the `k` best evidence candidates of the given cells when the graph was read from
    /// tallies (a read from statements has them already); see [`find_tops`].
    pub fn fill_top(
        &mut self,
        store: &KgStore,
        w: &Window,
        pairs: &[(Key, Key)],
        k: usize,
    ) -> Result<()> {
        if !self.from_tallies {
            return Ok(());
        }
        for ((a, t), top) in find_tops(store, w, pairs, k)? {
            if let (Some(na), Some(nt)) = (self.node_index(&a), self.node_index(&t)) {
                if let Some(e) = self.graph.find_edge(na, nt) {
                    self.graph[e].top = top;
                }
            }
        }
        Ok(())
    }

    /// The best evidence candidates of the given cells: their own when the graph was read
    /// from statements, else found with [`find_tops`].
    pub fn tops(
        &self,
        store: &KgStore,
        w: &Window,
        pairs: &[(Key, Key)],
    ) -> Result<HashMap<(Key, Key), Vec<Candidate>>> {
        if self.from_tallies {
            return find_tops(store, w, pairs, self.evidence);
        }
        Ok(pairs
            .iter()
            .filter_map(|(a, t)| Some(((a.clone(), t.clone()), self.cell(a, t)?.top.clone())))
            .collect())
    }
}

#[cfg(test)]
mod tests;
