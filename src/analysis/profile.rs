//! `geokg profile ACTOR`: the actor's stance toward each target, with evidence.

use super::{Labeler, Named, Stat};
use crate::error::Result;
use crate::graph::{self, Edge, Evidence, Key, Scope, StanceGraph, Window};
use crate::store::KgStore;
use serde::Serialize;

/// One target of the profile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProfileRow {
    pub target: Named,
    #[serde(flatten)]
    pub stat: Stat,
    pub evidence: Vec<Evidence>,
}

/// An actor's stances toward its targets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Profile {
    pub actor: Named,
    pub window: Window,
    /// Statements by the actor in the window.
    pub statements: usize,
    /// Targets addressed (all of them, even when `rows` is limited).
    pub targets: usize,
    /// By number of statements, then target id; at most `limit` (0 = all).
    pub rows: Vec<ProfileRow>,
}

/// Builds the profile of `actor`: every target it addresses, the `limit` busiest shown, each
/// with up to `evidence` sentences.
pub fn profile(
    store: &KgStore,
    labels: &Labeler<'_>,
    actor: &Key,
    w: &Window,
    limit: usize,
    evidence: usize,
) -> Result<Profile> {
    let scope = Scope {
        actors: Some(vec![actor.clone()]),
        ..Scope::default()
    };
    let mut net = StanceGraph::build(store, &scope, w, evidence)?;
    // by number of statements, then target id
    let mut order: Vec<(&Key, &Edge)> = net.targets_of(actor);
    order.sort_by(|x, y| y.1.sums.n.cmp(&x.1.sums.n).then_with(|| x.0.cmp(y.0)));
    let mut order: Vec<Key> = order.into_iter().map(|(t, _)| t.clone()).collect();
    let targets = order.len();
    if limit > 0 {
        order.truncate(limit);
    }
    let shown: Vec<(Key, Key)> = order.iter().map(|t| (actor.clone(), t.clone())).collect();
    net.fill_top(store, w, &shown, evidence)?;
    let cells: Vec<(&Key, &Edge)> = order
        .iter()
        .filter_map(|t| Some((t, net.cell(actor, t)?)))
        .collect();
    let nodes: Vec<&str> = cells
        .iter()
        .flat_map(|(_, c)| c.top.iter().map(|t| t.node.as_str()))
        .collect();
    let found = graph::evidence(store, &nodes)?;
    let mut rows = Vec::with_capacity(cells.len());
    for (t, c) in cells {
        rows.push(ProfileRow {
            target: labels.named(t)?,
            stat: Stat::of(c),
            evidence: c
                .top
                .iter()
                .filter_map(|x| found.get(&x.node).cloned())
                .collect(),
        });
    }
    Ok(Profile {
        actor: labels.named(actor)?,
        window: w.clone(),
        statements: net.statements,
        targets,
        rows,
    })
}
