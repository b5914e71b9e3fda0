//! `geokg centrality`: who is central in the support and the conflict graphs between actors:
//! degree, betweenness and PageRank per actor, the strongly connected components of each
//! graph, and the signed balance and two-camp split that `blocs` reports in detail.

use super::metrics::{self, SignedEdge};
use super::{r4, Labeler, Named};
use crate::error::Result;
use crate::graph::algo::{Kind, Sub};
use crate::graph::{Key, Scope, StanceGraph, Sums, Window};
use crate::store::KgStore;
use serde::Serialize;
use std::collections::BTreeMap;

/// The figures of one actor in one subgraph (zero when the actor has no tie there).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Role {
    /// Actors it has a tie toward.
    pub out_degree: usize,
    /// Actors that have a tie toward it.
    pub in_degree: usize,
    /// Betweenness over shortest directed paths, divided by (n − 1)(n − 2).
    pub betweenness: f64,
    /// PageRank weighted by |Σ c·p| (d = 0.85).
    pub pagerank: f64,
}

/// One actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRow {
    #[serde(flatten)]
    pub actor: Named,
    pub support: Role,
    pub conflict: Role,
}

/// One subgraph's summary.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubSummary {
    pub actors: usize,
    pub ties: usize,
    /// Strongly connected components with at least two actors, largest first.
    pub components: Vec<Vec<String>>,
}

/// The signed graph (both directions of a pair pooled, as in `blocs`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Signed {
    pub actors: usize,
    pub ties: usize,
    pub triads: usize,
    pub balanced: usize,
    pub balance_ratio: Option<f64>,
    /// The two camps of the largest connected part (by ids), when it has any tie.
    pub camp1: Vec<String>,
    pub camp2: Vec<String>,
    /// Negative ties that contradict that split.
    pub violations: usize,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Centrality {
    pub window: Window,
    /// |S| must exceed this for a tie to count as support (S > threshold) or conflict
    /// (S < −threshold).
    pub threshold: f64,
    /// By support PageRank, then conflict PageRank, then id.
    pub actors: Vec<ActorRow>,
    pub support: SubSummary,
    pub conflict: SubSummary,
    pub signed: Signed,
}

fn roles(sub: &Sub) -> BTreeMap<&Key, Role> {
    let deg = sub.degrees();
    let bet = sub.betweenness_normalised();
    let pr = sub.pagerank(0.85);
    sub.keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                k,
                Role {
                    out_degree: deg[i].0,
                    in_degree: deg[i].1,
                    betweenness: r4(bet[i]),
                    pagerank: (pr[i] * 1e6).round() / 1e6,
                },
            )
        })
        .collect()
}

fn summary(sub: &Sub) -> SubSummary {
    SubSummary {
        actors: sub.len(),
        ties: sub.edges.len(),
        components: sub
            .components()
            .into_iter()
            .map(|c| c.into_iter().map(|i| sub.keys[i].id.clone()).collect())
            .collect(),
    }
}

/// The signed ties between actors: both directions of a pair pooled, signed by the pooled S
/// when |S| > `threshold`.
pub fn signed_ties(g: &StanceGraph, threshold: f64) -> (Vec<&Key>, Vec<SignedEdge>) {
    use petgraph::visit::EdgeRef;
    let mut pooled: BTreeMap<(&Key, &Key), Sums> = BTreeMap::new();
    for e in g.graph.edge_references() {
        let (a, t) = (g.key(e.source()), g.key(e.target()));
        if a.issue || t.issue || a == t {
            continue;
        }
        let pair = if a < t { (a, t) } else { (t, a) };
        pooled.entry(pair).or_default().merge(&e.weight().sums);
    }
    let ties: Vec<(&Key, &Key, i8)> = pooled
        .iter()
        .filter_map(|(&(a, b), s)| {
            let sc = s.score();
            (sc.abs() > threshold).then_some((a, b, if sc > 0.0 { 1 } else { -1 }))
        })
        .collect();
    let mut nodes: Vec<&Key> = ties.iter().flat_map(|t| [t.0, t.1]).collect();
    nodes.sort();
    nodes.dedup();
    let idx = |k: &Key| nodes.binary_search(&k).unwrap_or(0);
    let edges = ties
        .iter()
        .map(|t| {
            let (u, v) = (idx(t.0), idx(t.1));
            SignedEdge {
                u: u.min(v),
                v: u.max(v),
                sign: t.2,
            }
        })
        .collect();
    (nodes, edges)
}

/// Builds the report from the graph of the window (every actor; tallies where they answer).
pub fn centrality(
    store: &KgStore,
    labels: &Labeler<'_>,
    w: &Window,
    threshold: f64,
) -> Result<Centrality> {
    let g = StanceGraph::build(store, &Scope::default(), w, 0)?;
    analyse(labels, &g, w, threshold)
}

/// The analysis of a graph.
pub fn analyse(
    labels: &Labeler<'_>,
    g: &StanceGraph,
    w: &Window,
    threshold: f64,
) -> Result<Centrality> {
    let thr = threshold.max(metrics::EPS);
    let support = Sub::of(g, Kind::Support, thr, Sums::score);
    let conflict = Sub::of(g, Kind::Conflict, thr, Sums::score);
    let (rs, rc) = (roles(&support), roles(&conflict));
    let mut keys: Vec<&Key> = rs.keys().chain(rc.keys()).copied().collect();
    keys.sort();
    keys.dedup();
    let mut actors = Vec::with_capacity(keys.len());
    for k in keys {
        actors.push(ActorRow {
            actor: labels.named(k)?,
            support: rs.get(k).cloned().unwrap_or_default(),
            conflict: rc.get(k).cloned().unwrap_or_default(),
        });
    }
    actors.sort_by(|x, y| {
        y.support
            .pagerank
            .total_cmp(&x.support.pagerank)
            .then(y.conflict.pagerank.total_cmp(&x.conflict.pagerank))
            .then_with(|| x.actor.id.cmp(&y.actor.id))
    });

    let (nodes, edges) = signed_ties(g, thr);
    // counted, not stored (a dense graph has millions of triads)
    let bal = metrics::balance_ranked(nodes.len(), &edges, &|_, _| 0.0, 0);
    let (fronts, _) = metrics::camps(nodes.len(), &edges);
    let largest = fronts.iter().max_by(|x, y| {
        (x.camp1.len() + x.camp2.len())
            .cmp(&(y.camp1.len() + y.camp2.len()))
            .then_with(|| y.camp1.cmp(&x.camp1))
    });
    let ids = |c: &[usize]| -> Vec<String> {
        let mut v: Vec<String> = c.iter().map(|&i| nodes[i].id.clone()).collect();
        v.sort();
        v
    };
    let signed = Signed {
        actors: nodes.len(),
        ties: edges.len(),
        triads: bal.triads,
        balanced: bal.balanced,
        balance_ratio: bal.ratio().map(r4),
        camp1: largest.map_or_else(Vec::new, |f| ids(&f.camp1)),
        camp2: largest.map_or_else(Vec::new, |f| ids(&f.camp2)),
        violations: largest.map_or(0, |f| f.violations.len()),
    };
    Ok(Centrality {
        window: w.clone(),
        threshold,
        actors,
        support: summary(&support),
        conflict: summary(&conflict),
        signed,
    })
}
