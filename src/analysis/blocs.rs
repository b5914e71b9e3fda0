//! `geokg blocs`: the signed actor graph, its balance, two camps, mutual-support components
//! and PageRank on support.

use super::metrics::{self, SignedEdge, Violation};
use super::{r4, Labeler, Named};
use crate::error::Result;
use crate::graph::{self, Edge, Evidence, Key, Scope, StanceGraph, Sums, Window};
use crate::store::KgStore;
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::collections::BTreeMap;

/// One signed, undirected edge: both directions of a pair pooled.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tie {
    pub a: String,
    pub b: String,
    /// "+" or "-".
    pub sign: String,
    /// Pooled S of both directions.
    pub s: f64,
    /// Statements in both directions.
    pub n: usize,
    /// Σ confidence of both directions.
    pub weight: f64,
}

/// The best sentence of each direction of a tie.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TieEvidence {
    pub a: String,
    pub b: String,
    pub sign: String,
    pub s: f64,
    pub evidence: Vec<Evidence>,
}

/// An unbalanced triangle.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Triad {
    /// The three actors, sorted.
    pub actors: [String; 3],
    /// "friend of my enemy" (two positive ties and one negative) or "all enemies" (three
    /// negative ties).
    pub kind: String,
    /// For "friend of my enemy": the actor friendly with both enemies.
    pub pivot: Option<String>,
    pub ties: Vec<TieEvidence>,
}

/// Two camps of one connected part of the signed graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrontOut {
    pub camp1: Vec<Named>,
    pub camp2: Vec<Named>,
    /// Negative ties that contradict the partition: the strongest ones, with evidence.
    pub violations: Vec<ViolationOut>,
    pub violations_total: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ViolationOut {
    pub reason: Violation,
    #[serde(flatten)]
    pub tie: TieEvidence,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rank {
    pub id: String,
    pub label: String,
    pub score: f64,
}

/// The report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blocs {
    pub window: Window,
    /// |S| must exceed this for a tie to be signed.
    pub threshold: f64,
    /// Actors with at least one signed tie.
    pub actors: usize,
    pub ties: Vec<Tie>,
    pub triads: usize,
    pub balanced: usize,
    /// balanced / triads.
    pub balance_ratio: Option<f64>,
    pub unbalanced_total: usize,
    /// The best-supported unbalanced triads (by their weakest tie's weight), at most `limit`.
    pub unbalanced: Vec<Triad>,
    /// Largest first.
    pub fronts: Vec<FrontOut>,
    /// Groups joined by positive ties with no negative tie to anyone.
    pub coalitions: Vec<Vec<String>>,
    /// Strongly connected components (size ≥ 2) of the directed support graph (S(a, b) > threshold).
    pub support_components: Vec<Vec<String>>,
    /// PageRank on the support graph, weighted by Σ c·p, highest first.
    pub pagerank: Vec<Rank>,
}

fn sign_str(s: i8) -> String {
    if s > 0 { "+" } else { "-" }.to_owned()
}

/// Builds the report; `limit` bounds the listed triads and violations, `evidence` the
/// sentences per direction of a tie.
pub fn blocs(
    store: &KgStore,
    labels: &Labeler<'_>,
    w: &Window,
    threshold: f64,
    limit: usize,
    evidence: usize,
) -> Result<Blocs> {
    let net = StanceGraph::build(store, &Scope::default(), w, evidence)?;
    analyse(store, labels, &net, w, threshold, limit)
}

/// The analysis of a network (public for the benchmark, which reuses one scan).
pub fn analyse(
    store: &KgStore,
    labels: &Labeler<'_>,
    net: &StanceGraph,
    w: &Window,
    threshold: f64,
    limit: usize,
) -> Result<Blocs> {
    let thr = threshold.max(metrics::EPS);
    // pooled undirected ties between actors
    let mut pooled: BTreeMap<(&Key, &Key), Sums> = BTreeMap::new();
    let mut directed: Vec<(&Key, &Key, &Edge)> = Vec::new();
    for e in net.graph.edge_references() {
        let (a, t) = (net.key(e.source()), net.key(e.target()));
        if a.issue || t.issue || a == t {
            continue;
        }
        directed.push((a, t, e.weight()));
        let pair = if a < t { (a, t) } else { (t, a) };
        pooled.entry(pair).or_default().merge(&e.weight().sums);
    }
    let ties_all: Vec<(&Key, &Key, i8, f64, &Sums)> = pooled
        .iter()
        .filter_map(|(&(a, b), s)| {
            let sc = s.score();
            (sc.abs() > thr).then_some((a, b, if sc > 0.0 { 1 } else { -1 }, sc, s))
        })
        .collect();
    let mut nodes: Vec<&Key> = ties_all.iter().flat_map(|t| [t.0, t.1]).collect();
    nodes.sort();
    nodes.dedup();
    let idx = |k: &Key| nodes.binary_search(&k).unwrap_or(0);
    let edges: Vec<SignedEdge> = ties_all
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
    let edge_of: BTreeMap<(usize, usize), usize> = edges
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.u, e.v), i))
        .collect();

    // the weight (Σ c) of each tie, by node pair
    let n = nodes.len();
    let mut weights = vec![0.0f64; n * n];
    for (e, t) in edges.iter().zip(&ties_all) {
        weights[e.u * n + e.v] = t.4.c;
        weights[e.v * n + e.u] = t.4.c;
    }
    let weight = |u: usize, v: usize| weights[u * n + v];
    // balance, keeping the best supported unbalanced triads: by the weakest tie's weight,
    // then by the actors
    let bal = metrics::balance_ranked(n, &edges, &weight, limit);
    let unbalanced: Vec<([usize; 3], [i8; 3])> = bal.unbalanced.clone();

    // camps
    let (fronts, coalitions) = metrics::camps(nodes.len(), &edges);

    // evidence for the listed ties
    let mut pairs: Vec<(Key, Key)> = Vec::new();
    let mut want = |u: usize, v: usize| {
        for (x, y) in [(nodes[u], nodes[v]), (nodes[v], nodes[u])] {
            if net.cell(x, y).is_some() {
                pairs.push((x.clone(), y.clone()));
            }
        }
    };
    for t in &unbalanced {
        let [a, b, c] = t.0;
        for (u, v) in [(a, b), (b, c), (a, c)] {
            want(u, v);
        }
    }
    let mut front_violations: Vec<Vec<(usize, Violation)>> = Vec::new();
    for f in &fronts {
        let mut v = f.violations.clone();
        v.sort_by(|x, y| {
            ties_all[y.0]
                .4
                .c
                .total_cmp(&ties_all[x.0].4.c)
                .then_with(|| x.0.cmp(&y.0))
        });
        v.truncate(limit);
        for (k, _) in &v {
            want(edges[*k].u, edges[*k].v);
        }
        front_violations.push(v);
    }
    pairs.sort();
    pairs.dedup();
    let tops = net.tops(store, w, &pairs)?;
    let wanted: Vec<&str> = tops
        .values()
        .flat_map(|t| t.iter().map(|c| c.node.as_str()))
        .collect();
    let found = graph::evidence(store, &wanted)?;
    let no_top: Vec<graph::Candidate> = Vec::new();
    let top_of = |a: &Key, b: &Key| tops.get(&(a.clone(), b.clone())).unwrap_or(&no_top);
    let tie_evidence = |u: usize, v: usize| -> TieEvidence {
        let t = &ties_all[edge_of[&(u.min(v), u.max(v))]];
        let mut ev: Vec<Evidence> = Vec::new();
        for (x, y) in [(t.0, t.1), (t.1, t.0)] {
            {
                for e in top_of(x, y).iter().filter_map(|n| found.get(&n.node)) {
                    // a reciprocal sentence ("A and B met") backs both directions: show it once
                    if !ev
                        .iter()
                        .any(|o| o.doc == e.doc && o.sentence == e.sentence)
                    {
                        ev.push(e.clone());
                    }
                }
            }
        }
        TieEvidence {
            a: t.0.id.clone(),
            b: t.1.id.clone(),
            sign: sign_str(t.2),
            s: r4(t.3),
            evidence: ev,
        }
    };

    let mut triads = Vec::new();
    for ([a, b, c], [sab, sbc, sac]) in &unbalanced {
        let positives = [*sab, *sbc, *sac].iter().filter(|s| **s > 0).count();
        let pivot = if positives == 2 {
            // the node on both positive ties
            Some(if *sac < 0 {
                b
            } else if *sab < 0 {
                c
            } else {
                a
            })
        } else {
            None
        };
        triads.push(Triad {
            actors: [
                nodes[*a].id.clone(),
                nodes[*b].id.clone(),
                nodes[*c].id.clone(),
            ],
            kind: if positives == 2 {
                "friend of my enemy"
            } else {
                "all enemies"
            }
            .to_owned(),
            pivot: pivot.map(|p| nodes[*p].id.clone()),
            ties: vec![
                tie_evidence(*a, *b),
                tie_evidence(*b, *c),
                tie_evidence(*a, *c),
            ],
        });
    }

    let mut fronts_out = Vec::new();
    for (f, v) in fronts.iter().zip(&front_violations) {
        let mut camp1 = Vec::new();
        for &i in &f.camp1 {
            camp1.push(labels.named(nodes[i])?);
        }
        let mut camp2 = Vec::new();
        for &i in &f.camp2 {
            camp2.push(labels.named(nodes[i])?);
        }
        fronts_out.push(FrontOut {
            camp1,
            camp2,
            violations: v
                .iter()
                .map(|(k, r)| ViolationOut {
                    reason: *r,
                    tie: tie_evidence(edges[*k].u, edges[*k].v),
                })
                .collect(),
            violations_total: f.violations.len(),
        });
    }
    fronts_out.sort_by(|x, y| {
        (y.camp1.len() + y.camp2.len())
            .cmp(&(x.camp1.len() + x.camp2.len()))
            .then_with(|| x.camp1.cmp(&y.camp1))
    });

    // support graph: directed, S > threshold, weight Σ c·p
    let mut support_nodes: Vec<&Key> = directed
        .iter()
        .filter(|(_, _, c)| c.sums.score() > thr)
        .flat_map(|(a, t, _)| [*a, *t])
        .collect();
    support_nodes.sort();
    support_nodes.dedup();
    let sidx = |k: &Key| support_nodes.binary_search(&k).unwrap_or(0);
    let mut sg: DiGraph<usize, f64> = DiGraph::new();
    let ix: Vec<_> = (0..support_nodes.len()).map(|i| sg.add_node(i)).collect();
    let mut weighted = Vec::new();
    for (a, t, c) in &directed {
        if c.sums.score() > thr {
            let (u, v) = (sidx(a), sidx(t));
            sg.add_edge(ix[u], ix[v], c.sums.cp);
            weighted.push((u, v, c.sums.cp));
        }
    }
    let mut sccs: Vec<Vec<String>> = tarjan_scc(&sg)
        .into_iter()
        .filter(|c| c.len() >= 2)
        .map(|c| {
            let mut ids: Vec<String> = c.iter().map(|n| support_nodes[sg[*n]].id.clone()).collect();
            ids.sort();
            ids
        })
        .collect();
    sccs.sort_by(|x, y| y.len().cmp(&x.len()).then_with(|| x.cmp(y)));
    let pr = crate::graph::algo::pagerank(support_nodes.len(), &weighted, 0.85);
    let mut ranks: Vec<(usize, f64)> = pr.into_iter().enumerate().collect();
    ranks.sort_by(|x, y| {
        y.1.total_cmp(&x.1)
            .then_with(|| support_nodes[x.0].cmp(support_nodes[y.0]))
    });
    let mut pagerank = Vec::with_capacity(ranks.len());
    for (i, s) in ranks {
        let n = labels.named(support_nodes[i])?;
        pagerank.push(Rank {
            id: n.id,
            label: n.label,
            score: (s * 1e6).round() / 1e6,
        });
    }

    Ok(Blocs {
        window: w.clone(),
        threshold,
        actors: nodes.len(),
        ties: ties_all
            .iter()
            .map(|t| Tie {
                a: t.0.id.clone(),
                b: t.1.id.clone(),
                sign: sign_str(t.2),
                s: r4(t.3),
                n: t.4.n,
                weight: r4(t.4.c),
            })
            .collect(),
        triads: bal.triads,
        balanced: bal.balanced,
        balance_ratio: bal.ratio().map(r4),
        unbalanced_total: bal.unbalanced_total,
        unbalanced: triads,
        fronts: fronts_out,
        coalitions: coalitions
            .into_iter()
            .map(|c| c.into_iter().map(|i| nodes[i].id.clone()).collect())
            .collect(),
        support_components: sccs,
        pagerank,
    })
}
