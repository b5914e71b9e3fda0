//! Graph algorithms on the stance network: the support and conflict subgraphs between actors,
//! degree and betweenness centrality (Brandes), weighted PageRank, and strongly connected
//! components (petgraph's Tarjan).
//!
//! Each works on a [`Sub`]: actors as nodes `0..n` (sorted keys) and directed weighted edges,
//! so the algorithms are plain functions tested against hand computations.

use super::{Key, StanceGraph};
use petgraph::algo::tarjan_scc;
use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;
use std::collections::VecDeque;

/// Which ties a subgraph keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Cells whose stance score S exceeds the threshold; weight Σ c·p (> 0).
    Support,
    /// Cells whose S is below minus the threshold; weight −Σ c·p (> 0).
    Conflict,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Support => "support",
            Kind::Conflict => "conflict",
        }
    }
}

/// A directed subgraph between actors (issues left out).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sub {
    /// The nodes, sorted.
    pub keys: Vec<Key>,
    /// (from, to, weight) over positions in `keys`, sorted.
    pub edges: Vec<(usize, usize, f64)>,
}

impl Sub {
    /// The ties of `kind` between actors: S(a, t) beyond `threshold` (score `score` of a
    /// cell's sums; the formula lives with the analyses).
    pub fn of(
        g: &StanceGraph,
        kind: Kind,
        threshold: f64,
        score: impl Fn(&super::Sums) -> f64,
    ) -> Sub {
        let mut ties: Vec<(&Key, &Key, f64)> = Vec::new();
        for e in g.graph.edge_references() {
            let (a, t) = (g.key(e.source()), g.key(e.target()));
            if a.issue || t.issue || a == t {
                continue;
            }
            let s = score(&e.weight().sums);
            let cp = e.weight().sums.cp;
            match kind {
                Kind::Support if s > threshold => ties.push((a, t, cp)),
                Kind::Conflict if s < -threshold => ties.push((a, t, -cp)),
                _ => {}
            }
        }
        let mut keys: Vec<Key> = ties
            .iter()
            .flat_map(|t| [t.0.clone(), t.1.clone()])
            .collect();
        keys.sort();
        keys.dedup();
        let ix = |k: &Key| keys.binary_search(k).unwrap_or(0);
        let mut edges: Vec<(usize, usize, f64)> =
            ties.iter().map(|t| (ix(t.0), ix(t.1), t.2)).collect();
        edges.sort_by_key(|e| (e.0, e.1));
        Sub { keys, edges }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Out- and in-degree (number of ties) of each node.
    pub fn degrees(&self) -> Vec<(usize, usize)> {
        let mut d = vec![(0, 0); self.len()];
        for &(u, v, _) in &self.edges {
            d[u].0 += 1;
            d[v].1 += 1;
        }
        d
    }

    /// Betweenness centrality of each node: Σ over ordered pairs (s, t), s ≠ v ≠ t, of the
    /// share of shortest directed paths (in ties, unweighted) from s to t that pass through v
    /// (Brandes 2001). Not normalised.
    pub fn betweenness(&self) -> Vec<f64> {
        let n = self.len();
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(u, v, _) in &self.edges {
            if u != v && !adj[u].contains(&v) {
                adj[u].push(v);
            }
        }
        let mut cb = vec![0.0; n];
        for s in 0..n {
            let mut stack = Vec::with_capacity(n);
            let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
            let mut sigma = vec![0.0f64; n];
            let mut dist = vec![usize::MAX; n];
            sigma[s] = 1.0;
            dist[s] = 0;
            let mut queue = VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                stack.push(v);
                for &w in &adj[v] {
                    if dist[w] == usize::MAX {
                        dist[w] = dist[v] + 1;
                        queue.push_back(w);
                    }
                    if dist[w] == dist[v] + 1 {
                        sigma[w] += sigma[v];
                        pred[w].push(v);
                    }
                }
            }
            let mut delta = vec![0.0f64; n];
            while let Some(w) = stack.pop() {
                for &v in &pred[w] {
                    delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
                }
                if w != s {
                    cb[w] += delta[w];
                }
            }
        }
        cb
    }

    /// Betweenness divided by (n − 1)(n − 2), the number of ordered pairs a node can lie
    /// between, so values are in [0, 1] (0 with fewer than three nodes).
    pub fn betweenness_normalised(&self) -> Vec<f64> {
        let n = self.len() as f64;
        let pairs = (n - 1.0) * (n - 2.0);
        self.betweenness()
            .into_iter()
            .map(|b| if pairs > 0.0 { b / pairs } else { 0.0 })
            .collect()
    }

    /// PageRank with the tie weights (see [`pagerank`]).
    pub fn pagerank(&self, damping: f64) -> Vec<f64> {
        pagerank(self.len(), &self.edges, damping)
    }

    /// Strongly connected components with at least two nodes (petgraph's Tarjan), each sorted,
    /// largest first, then by their nodes.
    pub fn components(&self) -> Vec<Vec<usize>> {
        let mut g: DiGraph<usize, ()> = DiGraph::new();
        let ix: Vec<_> = (0..self.len()).map(|i| g.add_node(i)).collect();
        for &(u, v, _) in &self.edges {
            g.add_edge(ix[u], ix[v], ());
        }
        let mut out: Vec<Vec<usize>> = tarjan_scc(&g)
            .into_iter()
            .filter(|c| c.len() >= 2)
            .map(|c| {
                let mut c: Vec<usize> = c.iter().map(|n| g[*n]).collect();
                c.sort_unstable();
                c
            })
            .collect();
        out.sort_by(|x, y| y.len().cmp(&x.len()).then_with(|| x.cmp(y)));
        out
    }
}

/// PageRank with edge weights w(u, v), damping d: PR(v) = (1 − d)/N + d·(Σ_{u→v}
/// PR(u)·w(u, v)/W(u) + Σ_{u dangling} PR(u)/N), W(u) the out-weight of u; iterated from 1/N
/// until the L1 change is below 10⁻¹², at most 1000 times. Non-positive weights are ignored.
pub fn pagerank(n: usize, edges: &[(usize, usize, f64)], d: f64) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let mut out_w = vec![0.0; n];
    for &(u, _, w) in edges {
        if w > 0.0 {
            out_w[u] += w;
        }
    }
    let mut pr = vec![1.0 / nf; n];
    for _ in 0..1000 {
        let dangling: f64 = (0..n).filter(|&u| out_w[u] <= 0.0).map(|u| pr[u]).sum();
        let mut next = vec![(1.0 - d) / nf + d * dangling / nf; n];
        for &(u, v, w) in edges {
            if w > 0.0 && out_w[u] > 0.0 {
                next[v] += d * pr[u] * w / out_w[u];
            }
        }
        let change: f64 = next.iter().zip(&pr).map(|(a, b)| (a - b).abs()).sum();
        pr = next;
        if change < 1e-12 {
            break;
        }
    }
    pr
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(n: usize, edges: &[(usize, usize)]) -> Sub {
        Sub {
            keys: (0..n).map(|i| Key::actor(&format!("A{i}"))).collect(),
            edges: edges.iter().map(|&(u, v)| (u, v, 1.0)).collect(),
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn subgraphs_split_ties_by_sign_and_leave_issues_out() {
        use crate::graph::{Edge, Sums};
        let edge = |stmts: &[(f64, i8)]| {
            let mut sums = Sums::default();
            for &(c, p) in stmts {
                sums.add(c, p, 0.0);
            }
            Edge {
                sums,
                ..Edge::default()
            }
        };
        let (a, b, c) = (Key::actor("A"), Key::actor("B"), Key::actor("C"));
        let g = StanceGraph::from_parts(
            Vec::new(),
            vec![
                // S = (0.8 − 0.2) / 1.0 = 0.6: support, weight Σ c·p = 0.6
                (a.clone(), b.clone(), edge(&[(0.8, 1), (0.2, -1)])),
                // S = −1: conflict, weight 0.5
                (b.clone(), a.clone(), edge(&[(0.5, -1)])),
                // S = 0: neither
                (c.clone(), a.clone(), edge(&[(0.4, 1), (0.4, -1)])),
                // an issue target: left out
                (a.clone(), Key::issue("x"), edge(&[(0.9, 1)])),
            ],
        );
        let support = Sub::of(&g, Kind::Support, 1e-9, |s| s.cp / s.c);
        assert_eq!(support.keys, [a.clone(), b.clone()]);
        assert_eq!(support.edges.len(), 1);
        assert_eq!((support.edges[0].0, support.edges[0].1), (0, 1));
        assert!(close(support.edges[0].2, 0.6));
        let conflict = Sub::of(&g, Kind::Conflict, 1e-9, |s| s.cp / s.c);
        assert_eq!(conflict.keys, [a, b]);
        assert_eq!((conflict.edges[0].0, conflict.edges[0].1), (1, 0));
        assert!(close(conflict.edges[0].2, 0.5));
        // a threshold above |S| keeps nothing
        assert!(Sub::of(&g, Kind::Support, 0.7, |s| s.cp / s.c).is_empty());
    }

    #[test]
    fn betweenness_on_a_directed_path() {
        // 0 -> 1 -> 2 -> 3: node 1 lies on 0->2 and 0->3; node 2 on 0->3 and 1->3
        let s = sub(4, &[(0, 1), (1, 2), (2, 3)]);
        assert_eq!(s.betweenness(), [0.0, 2.0, 2.0, 0.0]);
        // (n-1)(n-2) = 6
        let b = s.betweenness_normalised();
        assert!(close(b[1], 2.0 / 6.0));
    }

    #[test]
    fn betweenness_splits_over_equal_paths() {
        // 0 -> 1 -> 3 and 0 -> 2 -> 3: two shortest paths from 0 to 3, one through each of 1
        // and 2, so each gets 1/2; nothing else passes through anyone
        let s = sub(4, &[(0, 1), (0, 2), (1, 3), (2, 3)]);
        assert_eq!(s.betweenness(), [0.0, 0.5, 0.5, 0.0]);
        // edges 1 -> 0, 3 -> 0, 0 -> 2: the centre is on 1 -> 2 and 3 -> 2
        let star = sub(4, &[(1, 0), (3, 0), (0, 2)]);
        assert_eq!(star.betweenness(), [2.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn degrees_count_ties() {
        let s = sub(3, &[(0, 1), (0, 2), (2, 1)]);
        assert_eq!(s.degrees(), [(2, 0), (0, 2), (1, 1)]);
    }

    #[test]
    fn components_are_strongly_connected_parts() {
        // 0 <-> 1, 1 -> 2, 2 <-> 3 <-> 4 -> 2 … : {0, 1} and {2, 3, 4}; 5 alone
        let s = sub(6, &[(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2), (4, 5)]);
        assert_eq!(s.components(), [vec![2, 3, 4], vec![0, 1]]);
    }

    #[test]
    fn pagerank_by_hand() {
        // 0 -> 1 (weight 1), 0 -> 2 (weight 3), 1 and 2 dangling; d = 0.5, N = 3.
        // Fixed point: PR(0) = 1/6 + (PR(1) + PR(2))/6, PR(1) = PR(0)/6 + 1/6 + PR(0)·(1/4)/2,
        // PR(2) = PR(0)/6 + 1/6 + PR(0)·(3/4)/2 … with PR sums to 1:
        // let x = PR(0): 1 − x = PR(1) + PR(2), so x = 1/6 + (1 − x)/6 -> x = 2/7.
        // PR(1) = 1/6 + (1 − x)/6 + x/8 = 2/7 + 1/28 = 9/28; PR(2) = 2/7 + 3/28 = 11/28.
        let pr = pagerank(3, &[(0, 1, 1.0), (0, 2, 3.0)], 0.5);
        assert!(close(pr[0], 2.0 / 7.0), "{pr:?}");
        assert!(close(pr[1], 9.0 / 28.0), "{pr:?}");
        assert!(close(pr[2], 11.0 / 28.0), "{pr:?}");
        assert!(close(pr.iter().sum::<f64>(), 1.0));
    }

    #[test]
    fn pagerank_of_small_graphs() {
        // 0 -> 1 (w 1), 1 -> 0 (w 1): symmetric, 0.5 each
        let pr = pagerank(2, &[(0, 1, 1.0), (1, 0, 1.0)], 0.85);
        assert!(close(pr[0], 0.5) && close(pr[1], 0.5));
        // 0 -> 1, 1 dangling. Fixed point: a = 0.075 + 0.85·b/2, b = 0.075 + 0.85·a + 0.85·b/2
        // with a + b = 1: a = 0.075 + 0.425 b, b = 1 − a  => a = 0.5/1.425
        let pr = pagerank(2, &[(0, 1, 1.0)], 0.85);
        assert!(close(pr[0], 0.5 / 1.425), "{pr:?}");
        assert!(close(pr[0] + pr[1], 1.0));
        // weights split the rank: 0 -> 1 (3), 0 -> 2 (1), 1 and 2 -> 0 (1)
        let pr = pagerank(
            3,
            &[(0, 1, 3.0), (0, 2, 1.0), (1, 0, 1.0), (2, 0, 1.0)],
            0.85,
        );
        assert!(pr[1] > pr[2]);
        assert!(close(pr.iter().sum::<f64>(), 1.0));
    }
}
