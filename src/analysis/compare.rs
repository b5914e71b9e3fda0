//! `geokg compare A B`: two actors side by side over the targets both address.

use super::metrics::{self, Agreement};
use super::{r4, Labeler, Named, Stat};
use crate::error::Result;
use crate::graph::{self, Edge, Evidence, Key, Scope, StanceGraph, Window};
use crate::store::KgStore;
use serde::Serialize;
use std::collections::BTreeMap;

/// One shared target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedRow {
    pub target: Named,
    pub a: Stat,
    pub b: Stat,
    /// Δ = S(A, t) − S(B, t).
    pub delta: f64,
}

/// One of the largest divergences, with the evidence on each side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Divergence {
    pub target: Named,
    pub delta: f64,
    pub a_evidence: Vec<Evidence>,
    pub b_evidence: Vec<Evidence>,
}

/// How A and B treat each other.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dyad {
    pub a_to_b: Option<Stat>,
    pub b_to_a: Option<Stat>,
    pub a_to_b_evidence: Vec<Evidence>,
    pub b_to_a_evidence: Vec<Evidence>,
}

/// The comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub a: Named,
    pub b: Named,
    /// The one target the comparison was narrowed to (`--on`).
    pub on: Option<Named>,
    pub window: Window,
    /// The targets both address (A and B themselves excluded), by |Δ| descending, then id.
    pub shared: Vec<SharedRow>,
    /// Targets only A, only B addresses.
    pub only_a: usize,
    pub only_b: usize,
    /// Agreement over the shared targets only.
    pub agreement: Agreement,
    pub dyad: Dyad,
    /// The three largest |Δ| (non-zero).
    pub divergences: Vec<Divergence>,
}

fn rounded(a: Agreement) -> Agreement {
    Agreement {
        shared: a.shared,
        same_sign: a.same_sign.map(r4),
        s_score: a.s_score.map(r4),
        kappa: a.kappa.map(r4),
        cosine: a.cosine.map(r4),
    }
}

/// The shared agenda of `a` and `b` in `net`: (target, cell of a, cell of b), sorted by target,
/// excluding `a` and `b` themselves.
pub fn shared<'n>(net: &'n StanceGraph, a: &Key, b: &Key) -> Vec<(&'n Key, &'n Edge, &'n Edge)> {
    let tb: BTreeMap<&Key, &Edge> = net.targets_of(b).into_iter().collect();
    net.targets_of(a)
        .into_iter()
        .filter(|(t, _)| *t != a && *t != b)
        .filter_map(|(t, ca)| tb.get(t).map(|cb| (t, ca, *cb)))
        .collect()
}

/// Agreement of `a` and `b` over their shared agenda in `net`.
pub fn agreement_of(net: &StanceGraph, a: &Key, b: &Key) -> Agreement {
    let pairs: Vec<(f64, f64)> = shared(net, a, b)
        .iter()
        .map(|(_, ca, cb)| (ca.sums.score(), cb.sums.score()))
        .collect();
    metrics::agreement(&pairs)
}

/// Compares `a` and `b`, optionally on one target.
pub fn compare(
    store: &KgStore,
    labels: &Labeler<'_>,
    a: &Key,
    b: &Key,
    on: Option<&Key>,
    w: &Window,
    evidence: usize,
) -> Result<Comparison> {
    let scope = Scope {
        actors: Some(vec![a.clone(), b.clone()]),
        targets: on.map(|t| vec![t.clone(), a.clone(), b.clone()]),
        ..Scope::default()
    };
    let mut net = StanceGraph::build(store, &scope, w, evidence)?;
    let delta = |ca: &Edge, cb: &Edge| ca.sums.score() - cb.sums.score();
    // the shared agenda (by target)
    let mut order: Vec<(&Key, &Edge, &Edge)> = shared(&net, a, b)
        .into_iter()
        .filter(|(t, _, _)| on.is_none_or(|o| *t == o))
        .collect();
    // agreement over the shared agenda, in target order
    let pairs: Vec<(f64, f64)> = order
        .iter()
        .map(|(_, ca, cb)| (ca.sums.score(), cb.sums.score()))
        .collect();
    let agreement = rounded(metrics::agreement(&pairs));
    // largest |Δ| first, then by target
    order.sort_by(|x, y| {
        delta(y.1, y.2)
            .abs()
            .total_cmp(&delta(x.1, x.2).abs())
            .then_with(|| x.0.cmp(y.0))
    });
    // the three largest non-zero divergences get evidence
    let top_keys: Vec<Key> = order
        .iter()
        .filter(|(_, ca, cb)| metrics::sign(delta(ca, cb).abs()) != 0)
        .take(3)
        .map(|(t, _, _)| (*t).clone())
        .collect();
    let order: Vec<Key> = order.into_iter().map(|(t, _, _)| t.clone()).collect();
    let mut wanted = vec![(a.clone(), b.clone()), (b.clone(), a.clone())];
    for t in &top_keys {
        wanted.push((a.clone(), t.clone()));
        wanted.push((b.clone(), t.clone()));
    }
    net.fill_top(store, w, &wanted, evidence)?;
    let cells_of = |t: &Key| Some((net.cell(a, t)?, net.cell(b, t)?));
    let rows: Vec<(&Key, &Edge, &Edge)> = order
        .iter()
        .filter_map(|t| cells_of(t).map(|(ca, cb)| (t, ca, cb)))
        .collect();
    let in_scope = |t: &Key| t != a && t != b && on.is_none_or(|o| t == o);
    let ta: Vec<&Key> = net.targets_of(a).into_iter().map(|(t, _)| t).collect();
    let tb: Vec<&Key> = net.targets_of(b).into_iter().map(|(t, _)| t).collect();
    let only_a = ta.iter().filter(|t| in_scope(t) && !tb.contains(t)).count();
    let only_b = tb.iter().filter(|t| in_scope(t) && !ta.contains(t)).count();

    let cab = net.cell(a, b);
    let cba = net.cell(b, a);
    let top: Vec<(&Key, &Edge, &Edge)> = top_keys
        .iter()
        .filter_map(|t| cells_of(t).map(|(ca, cb)| (t, ca, cb)))
        .collect();
    let mut nodes: Vec<&str> = Vec::new();
    for c in top
        .iter()
        .flat_map(|(_, ca, cb)| [*ca, *cb])
        .chain(cab)
        .chain(cba)
    {
        nodes.extend(c.top.iter().map(|x| x.node.as_str()));
    }
    let found = graph::evidence(store, &nodes)?;
    let ev = |c: &Edge| -> Vec<Evidence> {
        c.top
            .iter()
            .filter_map(|x| found.get(&x.node).cloned())
            .collect()
    };
    let mut shared_rows = Vec::with_capacity(rows.len());
    for (t, ca, cb) in &rows {
        shared_rows.push(SharedRow {
            target: labels.named(t)?,
            a: Stat::of(ca),
            b: Stat::of(cb),
            delta: r4(delta(ca, cb)),
        });
    }
    let mut divergences = Vec::new();
    for (t, ca, cb) in &top {
        divergences.push(Divergence {
            target: labels.named(t)?,
            delta: r4(delta(ca, cb)),
            a_evidence: ev(ca),
            b_evidence: ev(cb),
        });
    }
    Ok(Comparison {
        a: labels.named(a)?,
        b: labels.named(b)?,
        on: on.map(|t| labels.named(t)).transpose()?,
        window: w.clone(),
        shared: shared_rows,
        only_a,
        only_b,
        agreement,
        dyad: Dyad {
            a_to_b: cab.map(Stat::of),
            b_to_a: cba.map(Stat::of),
            a_to_b_evidence: cab.map(ev).unwrap_or_default(),
            b_to_a_evidence: cba.map(ev).unwrap_or_default(),
        },
        divergences,
    })
}
