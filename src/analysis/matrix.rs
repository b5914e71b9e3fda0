//! `geokg matrix [ACTOR...]`: the actor × actor agreement matrix and each actor's nearest and
//! farthest actors.

use super::compare::agreement_of;
use super::metrics::Measure;
use super::{r4, Labeler, Named};
use crate::error::Result;
use crate::graph::{Key, Scope, StanceGraph, Window};
use crate::store::KgStore;
use serde::Serialize;

/// Another actor and the agreement with it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Neighbour {
    pub id: String,
    pub value: f64,
    pub shared: usize,
}

/// The most and least similar actors of one actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Nearest {
    pub id: String,
    pub most: Option<Neighbour>,
    pub least: Option<Neighbour>,
}

/// The matrix.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Matrix {
    pub measure: Measure,
    pub window: Window,
    /// A cell needs at least this many shared targets.
    pub min_shared: usize,
    pub actors: Vec<Named>,
    /// values[i][j]: agreement of actors i and j over their shared targets (None on the
    /// diagonal, and where undefined or too few targets are shared).
    pub values: Vec<Vec<Option<f64>>>,
    /// shared[i][j]: number of targets both address.
    pub shared: Vec<Vec<usize>>,
    pub nearest: Vec<Nearest>,
}

/// How the actors of the matrix are chosen.
#[derive(Clone, Debug, PartialEq)]
pub enum Actors {
    /// These keys, in this order.
    Given(Vec<Key>),
    /// The `n` actors with the most statements (ties by id), in id order.
    Top(usize),
}

/// Builds the matrix.
pub fn matrix(
    store: &KgStore,
    labels: &Labeler<'_>,
    actors: &Actors,
    measure: Measure,
    min_shared: usize,
    w: &Window,
) -> Result<Matrix> {
    let scope = match actors {
        Actors::Given(k) => Scope {
            actors: Some(k.clone()),
            ..Scope::default()
        },
        Actors::Top(_) => Scope::default(),
    };
    let net = StanceGraph::build(store, &scope, w, 0)?;
    let keys: Vec<Key> = match actors {
        Actors::Given(k) => k.clone(),
        Actors::Top(n) => {
            let mut all: Vec<(usize, &Key)> = net
                .keys()
                .into_iter()
                .filter(|k| !k.issue)
                .map(|k| (net.out_count(k), k))
                .filter(|(c, _)| *c > 0)
                .collect();
            all.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.cmp(y.1)));
            let mut top: Vec<Key> = all.into_iter().take(*n).map(|(_, k)| k.clone()).collect();
            top.sort();
            top
        }
    };
    let n = keys.len();
    let mut values = vec![vec![None; n]; n];
    let mut shared = vec![vec![0usize; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let a = agreement_of(&net, &keys[i], &keys[j]);
            shared[i][j] = a.shared;
            shared[j][i] = a.shared;
            if a.shared >= min_shared.max(1) {
                let v = measure.of(&a).map(r4);
                values[i][j] = v;
                values[j][i] = v;
            }
        }
    }
    let mut nearest = Vec::with_capacity(n);
    for i in 0..n {
        let mut cands: Vec<Neighbour> = (0..n)
            .filter_map(|j| {
                values[i][j].map(|v| Neighbour {
                    id: keys[j].id.clone(),
                    value: v,
                    shared: shared[i][j],
                })
            })
            .collect();
        // ties: more shared targets first, then id
        cands.sort_by(|x, y| {
            y.value
                .total_cmp(&x.value)
                .then_with(|| y.shared.cmp(&x.shared))
                .then_with(|| x.id.cmp(&y.id))
        });
        let most = cands.first().cloned();
        let least = cands
            .iter()
            .min_by(|x, y| {
                x.value
                    .total_cmp(&y.value)
                    .then_with(|| y.shared.cmp(&x.shared))
                    .then_with(|| x.id.cmp(&y.id))
            })
            .cloned();
        nearest.push(Nearest {
            id: keys[i].id.clone(),
            most,
            least,
        });
    }
    let mut named = Vec::with_capacity(n);
    for k in &keys {
        named.push(labels.named(k)?);
    }
    Ok(Matrix {
        measure,
        window: w.clone(),
        min_shared: min_shared.max(1),
        actors: named,
        values,
        shared,
        nearest,
    })
}
