//! The formulas of the analyses, as pure functions (README.md "Comparing actors" writes each out).
//!
//! Nothing here touches the store: the stance score and its interval, the agreement measures
//! over a shared agenda, structural balance, the two-camp partition work on plain
//! numbers, so each is tested against a hand computation.

use crate::graph::Sums;
use std::collections::BTreeMap;

/// z for a two-sided 95% interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Values below this are treated as zero when taking signs.
pub const EPS: f64 = 1e-9;

/// Sign of a score: 1, 0 or -1 (|x| < [`EPS`] is 0).
pub fn sign(x: f64) -> i8 {
    if x > EPS {
        1
    } else if x < -EPS {
        -1
    } else {
        0
    }
}

/// The formulas over the sums of one (actor, target) pair ([`Sums`] itself is the graph's
/// edge aggregate).
impl Sums {
    /// S = Σ c·p / Σ c, the confidence-weighted mean polarity, in [-1, 1]. When every
    /// confidence is 0 it is the unweighted mean polarity; with no statement it is 0.
    pub fn score(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        if self.c > 0.0 {
            (self.cp / self.c).clamp(-1.0, 1.0)
        } else {
            (self.by_polarity[2] as f64 - self.by_polarity[0] as f64) / self.n as f64
        }
    }

    /// Kish's effective sample size n_eff = (Σ c)² / Σ c² (n when every confidence is 0).
    pub fn effective_n(&self) -> f64 {
        if self.c2 > 0.0 {
            self.c * self.c / self.c2
        } else {
            self.n as f64
        }
    }

    /// The 95% interval of S: the Wilson score interval of x = (S + 1) / 2 with n = n_eff,
    /// mapped back to [-1, 1].
    pub fn interval(&self) -> (f64, f64) {
        wilson_interval(self.score(), self.effective_n(), Z95)
    }
}

/// Wilson score interval for a score `s` in [-1, 1] observed over `n` (effective)
/// observations: with x = (s + 1) / 2,
/// centre = (x + z²/2n) / (1 + z²/n), half = z·√(x(1−x)/n + z²/4n²) / (1 + z²/n),
/// and the interval is (2(centre − half) − 1, 2(centre + half) − 1). With n = 0 it is (-1, 1).
pub fn wilson_interval(s: f64, n: f64, z: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (-1.0, 1.0);
    }
    let x = ((s + 1.0) / 2.0).clamp(0.0, 1.0);
    let z2 = z * z;
    let denom = 1.0 + z2 / n;
    let centre = (x + z2 / (2.0 * n)) / denom;
    let half = z * (x * (1.0 - x) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    (
        (2.0 * (centre - half) - 1.0).clamp(-1.0, 1.0),
        (2.0 * (centre + half) - 1.0).clamp(-1.0, 1.0),
    )
}

/// Agreement of two actors over their shared agenda: the scores (S_A(t), S_B(t)) of the
/// targets both address. Each measure is `None` where it is undefined.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Agreement {
    /// Number of shared targets.
    pub shared: usize,
    /// Share of shared targets where sgn S_A = sgn S_B.
    pub same_sign: Option<f64>,
    /// Signorino–Ritter S = 1 − Σ|S_A − S_B| / n (equal weights, distance range 2 per target).
    pub s_score: Option<f64>,
    /// Cohen's κ over the signs (-1, 0, 1).
    pub kappa: Option<f64>,
    /// Cosine of the two score vectors.
    pub cosine: Option<f64>,
}

/// Which agreement measure a matrix shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    SScore,
    Kappa,
    Cosine,
    SameSign,
}

impl Measure {
    pub fn name(self) -> &'static str {
        match self {
            Measure::SScore => "s-score",
            Measure::Kappa => "kappa",
            Measure::Cosine => "cosine",
            Measure::SameSign => "same-sign",
        }
    }

    pub fn parse(s: &str) -> Option<Measure> {
        Some(match s {
            "s-score" | "sscore" | "s" => Measure::SScore,
            "kappa" | "k" => Measure::Kappa,
            "cosine" | "cos" => Measure::Cosine,
            "same-sign" => Measure::SameSign,
            _ => return None,
        })
    }

    pub fn of(self, a: &Agreement) -> Option<f64> {
        match self {
            Measure::SScore => a.s_score,
            Measure::Kappa => a.kappa,
            Measure::Cosine => a.cosine,
            Measure::SameSign => a.same_sign,
        }
    }
}

/// Computes every agreement measure over `pairs` = (S_A(t), S_B(t)) for the shared targets t.
pub fn agreement(pairs: &[(f64, f64)]) -> Agreement {
    let n = pairs.len();
    if n == 0 {
        return Agreement::default();
    }
    let nf = n as f64;
    let same = pairs.iter().filter(|(a, b)| sign(*a) == sign(*b)).count() as f64 / nf;
    let dist: f64 = pairs.iter().map(|(a, b)| (a - b).abs()).sum();
    let s_score = 1.0 - dist / nf;

    // Cohen's kappa over the three sign categories.
    let mut ca = [0usize; 3];
    let mut cb = [0usize; 3];
    for (a, b) in pairs {
        ca[(sign(*a) + 1) as usize] += 1;
        cb[(sign(*b) + 1) as usize] += 1;
    }
    let pe: f64 = (0..3)
        .map(|k| (ca[k] as f64 / nf) * (cb[k] as f64 / nf))
        .sum();
    let kappa = if (1.0 - pe).abs() < EPS {
        None
    } else {
        Some((same - pe) / (1.0 - pe))
    };

    let dot: f64 = pairs.iter().map(|(a, b)| a * b).sum();
    let na: f64 = pairs.iter().map(|(a, _)| a * a).sum::<f64>().sqrt();
    let nb: f64 = pairs.iter().map(|(_, b)| b * b).sum::<f64>().sqrt();
    let cosine = if na < EPS || nb < EPS {
        None
    } else {
        Some((dot / (na * nb)).clamp(-1.0, 1.0))
    };
    Agreement {
        shared: n,
        same_sign: Some(same),
        s_score: Some(s_score),
        kappa,
        cosine,
    }
}

/// Union-find over `0..n` with path halving and union by size; the smallest index of a set
/// is its representative, so results do not depend on the order of unions.
#[derive(Clone, Debug)]
pub struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    pub fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

/// A signed, undirected edge between two nodes (u < v).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SignedEdge {
    pub u: usize,
    pub v: usize,
    /// 1 or -1.
    pub sign: i8,
}

/// Triangles of a signed graph and their balance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Balance {
    pub triads: usize,
    pub balanced: usize,
    /// Number of unbalanced triads.
    pub unbalanced_total: usize,
    /// (a, b, c) with a < b < c and the signs of (ab, bc, ac): the unbalanced triads kept,
    /// best supported first (see [`balance_ranked`]).
    pub unbalanced: Vec<([usize; 3], [i8; 3])>,
}

impl Balance {
    /// balanced / triads; `None` without triads.
    pub fn ratio(&self) -> Option<f64> {
        (self.triads > 0).then(|| self.balanced as f64 / self.triads as f64)
    }
}

/// Enumerates every triangle of the signed graph: balanced when the product of its three
/// signs is positive (Cartwright–Harary). Keeps every unbalanced triad, in (a, b, c) order.
pub fn balance(n: usize, edges: &[SignedEdge]) -> Balance {
    balance_ranked(n, edges, &|_, _| 0.0, usize::MAX)
}

/// [`balance`], keeping only the `keep` unbalanced triads whose weakest tie is the heaviest
/// (`weight(u, v)` of each tie; ties broken by (a, b, c)), so a dense graph's millions of
/// triads are counted without being stored.
pub fn balance_ranked(
    n: usize,
    edges: &[SignedEdge],
    weight: &dyn Fn(usize, usize) -> f64,
    keep: usize,
) -> Balance {
    use std::collections::BinaryHeap;
    /// Orders triads worst first, so the heap's top is the one to drop.
    struct Item(f64, [usize; 3], [i8; 3]);
    impl PartialEq for Item {
        fn eq(&self, o: &Self) -> bool {
            self.cmp(o) == std::cmp::Ordering::Equal
        }
    }
    impl Eq for Item {}
    impl PartialOrd for Item {
        fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
            Some(self.cmp(o))
        }
    }
    impl Ord for Item {
        fn cmp(&self, o: &Self) -> std::cmp::Ordering {
            o.0.total_cmp(&self.0).then_with(|| self.1.cmp(&o.1))
        }
    }
    // a dense sign matrix (0 = no edge) and sorted neighbour lists
    let mut sign_of = vec![0i8; n * n];
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges {
        if sign_of[e.u * n + e.v] == 0 {
            adj[e.u].push(e.v);
            adj[e.v].push(e.u);
        }
        sign_of[e.u * n + e.v] = e.sign;
        sign_of[e.v * n + e.u] = e.sign;
    }
    for a in &mut adj {
        a.sort_unstable();
    }
    let mut out = Balance::default();
    let mut heap: BinaryHeap<Item> = BinaryHeap::new();
    for a in 0..n {
        for &b in adj[a].iter().filter(|&&b| b > a) {
            let sab = sign_of[a * n + b];
            for &c in adj[b].iter().filter(|&&c| c > b) {
                let sac = sign_of[a * n + c];
                if sac == 0 {
                    continue;
                }
                let sbc = sign_of[b * n + c];
                out.triads += 1;
                if sab * sbc * sac > 0 {
                    out.balanced += 1;
                } else {
                    out.unbalanced_total += 1;
                    if keep == 0 {
                        continue;
                    }
                    let w = weight(a, b).min(weight(b, c)).min(weight(a, c));
                    let item = Item(w, [a, b, c], [sab, sbc, sac]);
                    if heap.len() >= keep {
                        // only worth pushing when better than the worst kept
                        if heap.peek().is_some_and(|worst| item >= *worst) {
                            continue;
                        }
                        heap.pop();
                    }
                    heap.push(item);
                }
            }
        }
    }
    out.unbalanced = heap
        .into_sorted_vec()
        .into_iter()
        .map(|Item(_, t, s)| (t, s))
        .collect();
    out
}

/// Why an edge contradicts the two-camp partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Violation {
    /// A negative edge inside a group joined by positive edges.
    NegativeInsideGroup,
    /// A negative edge between two groups put in the same camp (an odd cycle of negative
    /// edges between groups).
    NegativeWithinCamp,
}

/// A two-camp partition of one connected part of the signed graph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Front {
    /// Nodes of camp 1 (the camp of the smallest node), sorted.
    pub camp1: Vec<usize>,
    /// Nodes of camp 2, sorted.
    pub camp2: Vec<usize>,
    /// Edges (index into the input edges) that contradict the partition.
    pub violations: Vec<(usize, Violation)>,
}

/// Two camps per connected part of a signed graph: positive edges are contracted with
/// union-find into groups; the groups are then 2-coloured along negative edges by breadth-first
/// search from the smallest node. Negative edges inside a group, and negative edges between
/// groups of the same colour, are reported as violations. Parts without a negative edge are
/// returned separately as coalitions (sorted node lists), and isolated nodes are dropped.
pub fn camps(n: usize, edges: &[SignedEdge]) -> (Vec<Front>, Vec<Vec<usize>>) {
    let mut uf = UnionFind::new(n);
    for e in edges.iter().filter(|e| e.sign > 0) {
        uf.union(e.u, e.v);
    }
    let group: Vec<usize> = (0..n).map(|i| uf.find(i)).collect();
    // negative adjacency between groups
    let mut neg: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for e in edges.iter().filter(|e| e.sign < 0) {
        let (gu, gv) = (group[e.u], group[e.v]);
        if gu != gv {
            neg.entry(gu).or_default().push(gv);
            neg.entry(gv).or_default().push(gu);
        }
    }
    for v in neg.values_mut() {
        v.sort_unstable();
        v.dedup();
    }
    // touched nodes: any edge
    let mut touched = vec![false; n];
    for e in edges {
        touched[e.u] = true;
        touched[e.v] = true;
    }
    let has_neg: Vec<bool> = {
        let mut h = vec![false; n];
        for e in edges.iter().filter(|e| e.sign < 0) {
            h[group[e.u]] = true;
            h[group[e.v]] = true;
        }
        h
    };
    let mut colour: Vec<Option<u8>> = vec![None; n];
    let mut part: Vec<Option<usize>> = vec![None; n]; // group -> front index
    let mut fronts: Vec<Front> = Vec::new();
    for root in 0..n {
        if group[root] != root || !has_neg[root] || colour[root].is_some() {
            continue;
        }
        let idx = fronts.len();
        fronts.push(Front::default());
        colour[root] = Some(0);
        part[root] = Some(idx);
        let mut queue = std::collections::VecDeque::from([root]);
        while let Some(g) = queue.pop_front() {
            for &h in neg.get(&g).map(Vec::as_slice).unwrap_or(&[]) {
                if colour[h].is_none() {
                    colour[h] = Some(1 - colour[g].unwrap_or(0));
                    part[h] = Some(idx);
                    queue.push_back(h);
                }
            }
        }
    }
    let mut coalitions: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        if !touched[i] {
            continue;
        }
        let g = group[i];
        match (part[g], colour[g]) {
            (Some(f), Some(0)) => fronts[f].camp1.push(i),
            (Some(f), Some(_)) => fronts[f].camp2.push(i),
            _ => coalitions.entry(g).or_default().push(i),
        }
    }
    for (k, e) in edges.iter().enumerate().filter(|(_, e)| e.sign < 0) {
        let (gu, gv) = (group[e.u], group[e.v]);
        let Some(f) = part[gu] else { continue };
        if gu == gv {
            fronts[f]
                .violations
                .push((k, Violation::NegativeInsideGroup));
        } else if colour[gu] == colour[gv] {
            fronts[f]
                .violations
                .push((k, Violation::NegativeWithinCamp));
        }
    }
    (fronts, coalitions.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn score_and_interval_by_hand() {
        // three statements: +1 at 0.9, -1 at 0.6, +1 at 0.5
        let mut s = Sums::default();
        s.add(0.9, 1, 3.0);
        s.add(0.6, -1, -5.0);
        s.add(0.5, 1, 4.0);
        // S = (0.9 - 0.6 + 0.5) / 2.0 = 0.4
        assert!(close(s.score(), 0.4));
        assert!(close(s.goldstein_mean(), 2.0 / 3.0));
        // n_eff = 2.0² / (0.81 + 0.36 + 0.25) = 4 / 1.42
        let n = 4.0 / 1.42;
        assert!(close(s.effective_n(), n));
        // Wilson at x = 0.7 with that n, computed step by step
        let z2 = Z95 * Z95;
        let centre = (0.7 + z2 / (2.0 * n)) / (1.0 + z2 / n);
        let half = Z95 * (0.7 * 0.3 / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
        let (lo, hi) = s.interval();
        assert!(close(lo, 2.0 * (centre - half) - 1.0));
        assert!(close(hi, 2.0 * (centre + half) - 1.0));
        assert!(lo < 0.4 && 0.4 < hi && lo >= -1.0 && hi <= 1.0);
        assert_eq!(s.by_polarity, [1, 0, 2]);
    }

    #[test]
    fn one_statement_interval_is_wide_and_bounded() {
        let mut s = Sums::default();
        s.add(0.8, -1, -4.0);
        let (lo, hi) = s.interval();
        assert_eq!(lo, -1.0);
        // Wilson upper bound for x = 0 and n = 1: z²/(1+z²) -> 2·that − 1
        let z2 = Z95 * Z95;
        assert!(close(hi, 2.0 * (z2 / (1.0 + z2)) - 1.0));
        assert_eq!(wilson_interval(0.0, 0.0, Z95), (-1.0, 1.0));
    }

    #[test]
    fn zero_confidence_falls_back_to_unweighted() {
        let mut s = Sums::default();
        s.add(0.0, 1, 1.0);
        s.add(0.0, 1, 1.0);
        s.add(0.0, -1, -1.0);
        assert!(close(s.score(), 1.0 / 3.0));
        assert!(close(s.effective_n(), 3.0));
    }

    #[test]
    fn agreement_by_hand() {
        // targets: (0.5, 1.0) same sign, (-1, 1) opposite, (0, -0.5) opposite (0 vs -), (-0.4, -0.2) same
        let pairs = [(0.5, 1.0), (-1.0, 1.0), (0.0, -0.5), (-0.4, -0.2)];
        let a = agreement(&pairs);
        assert_eq!(a.shared, 4);
        assert!(close(a.same_sign.unwrap(), 0.5));
        // S = 1 − (0.5 + 2 + 0.5 + 0.2) / 4 = 1 − 0.8 = 0.2
        assert!(close(a.s_score.unwrap(), 0.2));
        // signs A: + − 0 −  -> counts [-:2, 0:1, +:1]; B: + + − − -> [-:2, 0:0, +:2]
        // p_e = (2/4)(2/4) + (1/4)(0) + (1/4)(2/4) = 0.25 + 0.125 = 0.375
        // κ = (0.5 − 0.375) / (1 − 0.375) = 0.2
        assert!(close(a.kappa.unwrap(), 0.2));
        // cosine = (0.5 − 1 + 0 + 0.08) / (√(0.25+1+0+0.16) · √(1+1+0.25+0.04))
        let cos = (0.5 - 1.0 + 0.08) / ((1.41f64).sqrt() * (2.29f64).sqrt());
        assert!(close(a.cosine.unwrap(), cos));
    }

    #[test]
    fn undefined_measures_are_none() {
        assert_eq!(agreement(&[]), Agreement::default());
        // both all-positive: p_e = 1, κ undefined; a zero vector has no cosine
        let a = agreement(&[(1.0, 0.5), (0.2, 0.7)]);
        assert_eq!(a.kappa, None);
        assert!(close(a.same_sign.unwrap(), 1.0));
        let b = agreement(&[(0.0, 0.5)]);
        assert_eq!(b.cosine, None);
    }

    #[test]
    fn measures_parse_by_name() {
        for m in [
            Measure::SScore,
            Measure::Kappa,
            Measure::Cosine,
            Measure::SameSign,
        ] {
            assert_eq!(Measure::parse(m.name()), Some(m));
        }
        assert_eq!(Measure::parse("pearson"), None);
    }

    fn e(u: usize, v: usize, sign: i8) -> SignedEdge {
        SignedEdge { u, v, sign }
    }

    #[test]
    fn balance_by_hand() {
        // 0-1 +, 1-2 +, 0-2 −  (friend of my friend is my enemy: unbalanced)
        // 2-3 −, 1-3 −         (triangle 1,2,3: + − − balanced)
        let edges = [
            e(0, 1, 1),
            e(1, 2, 1),
            e(0, 2, -1),
            e(2, 3, -1),
            e(1, 3, -1),
        ];
        let b = balance(4, &edges);
        assert_eq!(b.triads, 2);
        assert_eq!(b.balanced, 1);
        assert_eq!(b.unbalanced, vec![([0, 1, 2], [1, 1, -1])]);
        assert_eq!(b.ratio(), Some(0.5));
        assert_eq!(balance(2, &[e(0, 1, -1)]).ratio(), None);
    }

    #[test]
    fn camps_by_hand() {
        // groups {0,1} and {2,3} by positive edges; 0-2 and 1-3 negative: two camps.
        // 4 is negative to both 0 and 2: an odd cycle, one violation.
        // 5-6 positive only: a coalition. 7 is isolated.
        let edges = [
            e(0, 1, 1),
            e(2, 3, 1),
            e(0, 2, -1),
            e(1, 3, -1),
            e(0, 4, -1),
            e(2, 4, -1),
            e(5, 6, 1),
        ];
        let (fronts, coalitions) = camps(8, &edges);
        assert_eq!(fronts.len(), 1);
        assert_eq!(fronts[0].camp1, vec![0, 1]);
        assert_eq!(fronts[0].camp2, vec![2, 3, 4]);
        // BFS from group 0: neighbours 2 and 4 get colour 1; edge 2-4 is then within a camp.
        assert_eq!(
            fronts[0].violations,
            vec![(5, Violation::NegativeWithinCamp)]
        );
        assert_eq!(coalitions, vec![vec![5, 6]]);

        // a negative edge inside a positive group
        let (fronts, _) = camps(3, &[e(0, 1, 1), e(1, 2, 1), e(0, 2, -1)]);
        assert_eq!(fronts.len(), 1);
        assert_eq!(fronts[0].camp1, vec![0, 1, 2]);
        assert!(fronts[0].camp2.is_empty());
        assert_eq!(
            fronts[0].violations,
            vec![(2, Violation::NegativeInsideGroup)]
        );
        let (fronts, _) = camps(4, &[e(0, 1, 1), e(0, 1, -1), e(1, 2, -1)]);
        assert_eq!(fronts[0].camp1, vec![0, 1]);
        assert_eq!(fronts[0].camp2, vec![2]);
        assert_eq!(
            fronts[0].violations,
            vec![(1, Violation::NegativeInsideGroup)]
        );
    }

    #[test]
    fn union_find_representative_is_smallest() {
        let mut uf = UnionFind::new(5);
        uf.union(4, 3);
        uf.union(3, 1);
        assert_eq!(uf.find(4), 1);
        assert_eq!(uf.find(0), 0);
    }
}
