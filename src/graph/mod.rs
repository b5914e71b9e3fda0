//! The petgraph model: actors and issues as nodes, aggregated direct stances as edges.
//!
//! Built from the store's statement nodes (via SPARQL), keeping only the statements that have
//! a direct triple (not negated, asserted or future). Nodes and edges are inserted in sorted
//! order, so the same store always gives the same graph, node indices included.

use crate::error::Result;
use crate::model::{ActorKind, ActorRef, Modality, StatementRecord};
use crate::stance::Stance;
use crate::store::{KgStore, StatementFilter};
use chrono::NaiveDate;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

/// An actor or an issue.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub kind: ActorKind,
    pub code: Option<String>,
    pub qid: Option<String>,
    /// The CAMEO agent code of a sub-state actor ("COP" for "Iraqi police").
    pub agent: Option<String>,
}

impl Node {
    fn of(a: &ActorRef) -> Node {
        Node {
            id: a.id.as_str().to_owned(),
            label: a.name.clone(),
            kind: a.kind,
            code: a.code.clone(),
            qid: a.qid.clone(),
            agent: a.agent.clone(),
        }
    }
}

/// All direct statements of one (actor, target) pair.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edge {
    pub count: usize,
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
    pub stances: BTreeMap<Stance, usize>,
    pub articles: BTreeSet<String>,
    pub first_date: Option<NaiveDate>,
    pub last_date: Option<NaiveDate>,
}

impl Edge {
    fn add(&mut self, r: &StatementRecord, stance: Stance) {
        self.count += 1;
        self.goldstein_sum += stance.goldstein();
        self.goldstein_mean = self.goldstein_sum / self.count as f64;
        *self.stances.entry(stance).or_insert(0) += 1;
        self.articles.insert(r.doc.clone());
        let date = r
            .date
            .as_deref()
            .or(r.article_date.as_deref())
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if let Some(d) = date {
            self.first_date = Some(self.first_date.map_or(d, |f| f.min(d)));
            self.last_date = Some(self.last_date.map_or(d, |l| l.max(d)));
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

    /// Sign of the mean Goldstein value: 1, 0 or -1.
    pub fn polarity(&self) -> i8 {
        if self.goldstein_mean > 0.0 {
            1
        } else if self.goldstein_mean < 0.0 {
            -1
        } else {
            0
        }
    }
}

/// Who takes what stance toward whom, aggregated over articles.
#[derive(Clone, Debug, Default)]
pub struct StanceGraph {
    pub graph: DiGraph<Node, Edge>,
    index: BTreeMap<String, NodeIndex>,
}

impl StanceGraph {
    /// Builds the graph from the direct statements of the store that match `filter`.
    pub fn from_store(store: &KgStore, filter: &StatementFilter) -> Result<StanceGraph> {
        let filter = StatementFilter {
            direct_only: true,
            ..filter.clone()
        };
        Ok(StanceGraph::from_records(&store.statements(&filter)?))
    }

    /// Builds the graph from statement records; records without a direct triple are skipped.
    /// Node attributes come from the first record (in the given order) naming the node.
    pub fn from_records(records: &[StatementRecord]) -> StanceGraph {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
        for r in records {
            if r.negated || !matches!(r.modality, Modality::Asserted | Modality::Future) {
                continue;
            }
            let Ok(stance) = r.stance.id.parse::<Stance>() else {
                continue;
            };
            for a in [&r.actor, &r.target] {
                nodes
                    .entry(a.id.as_str().to_owned())
                    .or_insert_with(|| Node::of(a));
            }
            edges
                .entry((r.actor.id.0.clone(), r.target.id.0.clone()))
                .or_default()
                .add(r, stance);
        }
        let mut g = StanceGraph::default();
        for (id, node) in nodes {
            let ix = g.graph.add_node(node);
            g.index.insert(id, ix);
        }
        for ((a, t), edge) in edges {
            g.graph.add_edge(g.index[&a], g.index[&t], edge);
        }
        g
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The node of an actor or issue id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&ix| &self.graph[ix])
    }

    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The edge from `actor` to `target`, if any.
    pub fn edge(&self, actor: &str, target: &str) -> Option<&Edge> {
        let (a, t) = (self.node_index(actor)?, self.node_index(target)?);
        self.graph.find_edge(a, t).map(|e| &self.graph[e])
    }

    /// Nodes in id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.index.values().map(|&ix| &self.graph[ix])
    }

    /// Edges as (actor id, target id, edge), sorted by the two ids.
    pub fn edges(&self) -> Vec<(&str, &str, &Edge)> {
        let mut out: Vec<(&str, &str, &Edge)> = self
            .graph
            .edge_references()
            .map(|e| {
                (
                    self.graph[e.source()].id.as_str(),
                    self.graph[e.target()].id.as_str(),
                    e.weight(),
                )
            })
            .collect();
        out.sort_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        out
    }

    /// The `n` pairs with the most statements: by count descending, then actor and target id.
    pub fn top_dyads(&self, n: usize) -> Vec<(String, String, &Edge)> {
        let mut all = self.edges();
        all.sort_by(|x, y| y.2.count.cmp(&x.2.count).then((x.0, x.1).cmp(&(y.0, y.1))));
        all.into_iter()
            .take(n)
            .map(|(a, t, e)| (a.to_owned(), t.to_owned(), e))
            .collect()
    }

    /// See [`Edge::dominant_stance`].
    pub fn dominant_stance(edge: &Edge) -> Option<Stance> {
        edge.dominant_stance()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::{d1, d2};

    fn graph() -> StanceGraph {
        let store = KgStore::memory().unwrap();
        store.load_ontology().unwrap();
        store.load_extraction(&d1()).unwrap();
        store.load_extraction(&d2()).unwrap();
        StanceGraph::from_store(&store, &StatementFilter::default()).unwrap()
    }

    #[test]
    fn aggregates_direct_statements() {
        let g = graph();
        // RUS, UKR, USA, nato-enlargement; Lavrov's and the negated statement are not direct.
        assert_eq!(g.node_count(), 4);
        assert_eq!(g.edge_count(), 3);
        let ids: Vec<&str> = g.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["RUS", "UKR", "USA", "nato-enlargement"]);
        assert_eq!(g.node("nato-enlargement").unwrap().kind, ActorKind::Issue);
        assert_eq!(g.node("RUS").unwrap().qid.as_deref(), Some("Q159"));

        let e = g.edge("RUS", "UKR").unwrap();
        assert_eq!(e.count, 2);
        assert!((e.goldstein_sum - -6.4).abs() < 1e-9);
        assert!((e.goldstein_mean - -3.2).abs() < 1e-9);
        assert_eq!(e.stances.get(&Stance::Threaten), Some(&1));
        assert_eq!(e.stances.get(&Stance::Accuse), Some(&1));
        // A tie: the stance listed first in Stance::ALL wins.
        assert_eq!(StanceGraph::dominant_stance(e), Some(Stance::Accuse));
        assert_eq!(e.articles.iter().collect::<Vec<_>>(), ["d1", "d2"]);
        assert_eq!(e.first_date.unwrap().to_string(), "2022-01-05");
        assert_eq!(e.last_date.unwrap().to_string(), "2022-01-06");
        assert!(g.edge("USA", "RUS").is_none());
        assert_eq!(g.edge("USA", "UKR").unwrap().polarity(), 1);

        let top = g.top_dyads(2);
        let pairs: Vec<(&str, &str, usize)> = top
            .iter()
            .map(|(a, t, e)| (a.as_str(), t.as_str(), e.count))
            .collect();
        assert_eq!(pairs, [("RUS", "UKR", 2), ("RUS", "nato-enlargement", 2)]);
    }

    #[test]
    fn filters_apply() {
        let store = KgStore::memory().unwrap();
        store.load_extraction(&d1()).unwrap();
        store.load_extraction(&d2()).unwrap();
        let g = StanceGraph::from_store(
            &store,
            &StatementFilter {
                to: Some(crate::store::testutil::date("2022-01-05")),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(g.edge_count(), 2);
        assert_eq!(g.edge("RUS", "UKR").unwrap().count, 1);
    }
}
