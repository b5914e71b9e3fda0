//! Tests of the stance graph built from a small store (`store::testutil`'s d1 and d2).

use super::*;
use crate::store::testutil::{d1, d2, date};

fn store() -> KgStore {
    let store = KgStore::memory().unwrap();
    store.load_ontology().unwrap();
    store.load_extraction(&d1()).unwrap();
    store.load_extraction(&d2()).unwrap();
    store
}

fn detail() -> Scope {
    Scope {
        detail: true,
        ..Scope::default()
    }
}

#[test]
fn aggregates_direct_statements() {
    let store = store();
    let mut g = StanceGraph::build(&store, &detail(), &Window::default(), 0).unwrap();
    g.describe(&store).unwrap();
    assert!(
        g.from_tallies,
        "per-stance counts and days come from the tallies' gk:tallyDetail"
    );
    // RUS, UKR, USA, nato-enlargement; Lavrov's and the negated statement are not direct.
    assert_eq!(g.node_count(), 4);
    assert_eq!(g.edge_count(), 3);
    assert_eq!(g.statements, 5);
    let ids: Vec<&str> = g.nodes().iter().map(|n| n.id()).collect();
    assert_eq!(ids, ["RUS", "UKR", "USA", "nato-enlargement"]);
    let issue = g.node(&Key::issue("nato-enlargement")).unwrap();
    assert_eq!(issue.kind, ActorKind::Issue);
    assert_eq!(issue.label, "NATO enlargement");
    let rus = g.node(&Key::actor("RUS")).unwrap();
    assert_eq!(rus.qid.as_deref(), Some("Q159"));
    assert_eq!(rus.code.as_deref(), Some("RUS"));
    assert_eq!(rus.label, "Russia");

    let e = g.edge("RUS", "UKR").unwrap();
    assert_eq!(e.count(), 2);
    // threaten and accuse: -4.4 and -2.0
    assert!(
        (e.goldstein_sum() - -6.4).abs() < 1e-9,
        "{}",
        e.goldstein_sum()
    );
    assert!((e.goldstein_mean() - -3.2).abs() < 1e-9);
    assert_eq!(e.stances.get(&Stance::Threaten), Some(&1));
    assert_eq!(e.stances.get(&Stance::Accuse), Some(&1));
    // A tie: the stance listed first in Stance::ALL wins.
    assert_eq!(e.dominant_stance(), Some(Stance::Accuse));
    assert_eq!(e.articles, 2);
    assert_eq!(e.first_date(), Some(date("2022-01-05")));
    assert_eq!(e.last_date(), Some(date("2022-01-06")));
    // both are verbal or material conflict
    assert_eq!(e.quad[0] + e.quad[1], 0);
    assert!(g.edge("USA", "RUS").is_none(), "the sanction is negated");
    assert_eq!(g.edge("USA", "UKR").unwrap().polarity(), 1);
    assert_eq!(g.out_count(&Key::actor("RUS")), 4);
    assert_eq!(g.in_count(&Key::actor("UKR")), 3);

    let top = g.top_dyads(2);
    let pairs: Vec<(&str, &str, usize)> = top
        .iter()
        .map(|(a, t, e)| (a.id(), t.id(), e.count()))
        .collect();
    assert_eq!(pairs, [("RUS", "UKR", 2), ("RUS", "nato-enlargement", 2)]);

    g.retain_min_count(2);
    assert_eq!(g.edge_count(), 2);
    assert!(g.node(&Key::actor("USA")).is_none());
}

#[test]
fn tallies_and_statements_give_the_same_cells() {
    let store = store();
    let tallied = StanceGraph::build(&store, &Scope::default(), &Window::default(), 0).unwrap();
    assert!(tallied.from_tallies);
    let scanned = StanceGraph::build(&store, &detail(), &Window::default(), 0).unwrap();
    assert_eq!(tallied.edge_count(), scanned.edge_count());
    for (a, t, e) in scanned.edges() {
        let f = tallied.cell(&a.key, &t.key).unwrap();
        assert_eq!(f.count(), e.count());
        assert!((f.goldstein_sum() - e.goldstein_sum()).abs() < 1e-9);
        assert_eq!(f.quad, e.quad);
        assert_eq!(f.articles, e.articles);
        assert!(f.stances.is_empty(), "tallies have no per-stance counts");
    }
}

#[test]
fn windows_and_actor_filters_apply() {
    let store = store();
    let w = Window {
        to: Some(date("2022-01-05")),
        ..Window::default()
    };
    let g = StanceGraph::build(&store, &detail(), &w, 0).unwrap();
    assert_eq!(g.edge_count(), 2);
    assert_eq!(g.edge("RUS", "UKR").unwrap().count(), 1);
    // --actor by node or code (without roll-up): Russia's statements, and its officials' (Lavrov's
    // is not direct here).
    let by_code = Scope {
        actors: Some(vec![Key::actor("RUS")]),
        actor_codes: true,
        ..detail()
    };
    let g = StanceGraph::build(&store, &by_code, &Window::default(), 0).unwrap();
    let actors: Vec<&str> = g.edges().iter().map(|(a, _, _)| a.id()).collect();
    assert_eq!(actors, ["RUS", "RUS"]);
    // a statement matched by node and by code counts once
    assert_eq!(g.edge("RUS", "UKR").unwrap().count(), 2);
}

/// Every cell of a detailed graph, as text: counts, sums, stances, days and articles.
fn cells(g: &StanceGraph) -> Vec<String> {
    g.edges()
        .iter()
        .map(|(a, t, e)| {
            format!(
                "{} {} n={} g={:.2} q={:?} art={} st={:?} days={:?}",
                a.id(),
                t.id(),
                e.count(),
                e.goldstein_sum(),
                e.quad,
                e.articles,
                e.stances,
                e.days
            )
        })
        .collect()
}

#[test]
fn detail_from_tallies_equals_detail_from_statements() {
    let store = store();
    let windows = [
        Window::default(),
        Window {
            roll_up: true,
            ..Window::default()
        },
        // a whole month, and a window cutting months (edge months from statements)
        Window {
            from: Some(date("2022-01-01")),
            to: Some(date("2022-01-31")),
            ..Window::default()
        },
        Window {
            from: Some(date("2022-01-06")),
            to: Some(date("2022-03-20")),
            roll_up: true,
            ..Window::default()
        },
        // a floor: the detail is not split by band, so this reads statements
        Window {
            min_confidence: Some(0.8),
            ..Window::default()
        },
    ];
    for w in windows {
        let tallied = StanceGraph::build(&store, &detail(), &w, 0).unwrap();
        let scanned = StanceGraph::build(
            &store,
            &detail(),
            &Window {
                no_tallies: true,
                ..w.clone()
            },
            0,
        )
        .unwrap();
        assert_eq!(tallied.from_tallies, w.min_confidence.is_none(), "{w:?}");
        assert!(!scanned.from_tallies);
        assert!(!cells(&scanned).is_empty() || w.from.is_some(), "{w:?}");
        assert_eq!(cells(&tallied), cells(&scanned), "{w:?}");
    }
}

/// 40 articles, each with one statement Russia → Ukraine, ten days apart (14 months, from
/// 2021-01-01), of confidences 0.50 … 0.80, in an on-disk store (whose index order, unlike the
/// memory store's, is the order of the encoded terms, whatever order they were written in).
fn busy_cell(dir: &std::path::Path, reverse: bool) -> KgStore {
    use crate::store::testutil::{extraction, russia, statement, ukraine};
    let store = KgStore::open(dir).unwrap();
    store.load_ontology().unwrap();
    let mut order: Vec<usize> = (0..40).collect();
    if reverse {
        order.reverse();
    }
    for i in order {
        let day = (date("2021-01-01") + chrono::Duration::days(10 * i as i64))
            .format("%Y-%m-%d")
            .to_string();
        let doc = format!("b{i:02}");
        let mut st = statement(
            &doc,
            &day,
            0,
            russia(),
            crate::model::Stance::Threaten,
            ukraine(),
            false,
            crate::model::Modality::Asserted,
        );
        st.confidence = 0.5 + (i % 7) as f64 * 0.05;
        store
            .load_extraction(&extraction(&doc, &day, vec![st]))
            .unwrap();
    }
    store
}

#[test]
fn evidence_reads_a_bounded_number_of_statements_newest_months_first() {
    use super::read::find_tops_within;
    let tmp = tempfile::tempdir().unwrap();
    let store = busy_cell(&tmp.path().join("a"), false);
    let other = busy_cell(&tmp.path().join("b"), true);
    let cell = (Key::actor("RUS"), Key::actor("UKR"));
    // the month of the i-th statement of the busy cell, and of the statement node of a candidate
    let month = |i: i64| {
        (date("2021-01-01") + chrono::Duration::days(10 * i))
            .format("%Y-%m")
            .to_string()
    };
    let month_of = |node: &str| month(node.split("/b").nth(1).unwrap()[..2].parse().unwrap());
    let all: Vec<String> = (0..40).map(month).collect();
    for budget in [1, 5, 10, 25] {
        let found = find_tops_within(
            &store,
            &Window::default(),
            std::slice::from_ref(&cell),
            3,
            budget,
        )
        .unwrap();
        let (top, read) = &found[&cell];
        assert_eq!(*read, budget, "the cell holds 40 statements");
        assert_eq!(top.len(), budget.min(3));
        // the months read: the newest ones whose statements fill the budget
        let mut months = all.clone();
        months.sort();
        months.reverse();
        let mut newest = std::collections::BTreeSet::new();
        let mut n = 0;
        for m in &months {
            if n >= budget {
                break;
            }
            if newest.insert(m.clone()) {
                n += all.iter().filter(|x| *x == m).count();
            }
        }
        for c in top {
            assert!(newest.contains(&month_of(&c.node)), "{budget}: {c:?}");
        }
        // best first
        assert!(top.windows(2).all(|p| p[0].confidence >= p[1].confidence));
        // a store of the same quads loaded in another order chooses the same evidence
        let again = find_tops_within(
            &other,
            &Window::default(),
            std::slice::from_ref(&cell),
            3,
            budget,
        )
        .unwrap();
        assert_eq!(again[&cell], found[&cell]);
    }
    // a budget above the cell's size reads every statement: the same evidence as the scan
    let found = find_tops_within(
        &store,
        &Window::default(),
        std::slice::from_ref(&cell),
        3,
        100,
    )
    .unwrap();
    assert_eq!(found[&cell].1, 40);
    let scanned = StanceGraph::build(
        &store,
        &Scope::default(),
        &Window {
            no_tallies: true,
            ..Window::default()
        },
        3,
    )
    .unwrap();
    let e = scanned.edge("RUS", "UKR").unwrap();
    assert_eq!(found[&cell].0, e.top);
    assert!(e.top.iter().all(|c| (c.confidence - 0.8).abs() < 1e-9));
}
