//! What the graph exports draw: the stance graph ([`StanceGraph`], built for the export
//! filters), alliance memberships, and the per-node and per-edge figures every graph format
//! carries.

use crate::error::Result;
use crate::graph::{Edge, Key, Node, Scope, StanceGraph, Window};
use crate::model::StatementRecord;
use crate::store::{KgStore, Memberships, StatementFilter};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The organisations whose memberships become DOT clusters unless `--clusters` says otherwise:
/// military alliances and regional unions that do not nest into one another.
pub const DEFAULT_CLUSTERS: [&str; 7] = ["NATO", "EU", "CSTO", "SCO", "AU", "ASEAN", "GCC"];

/// The export filters (`--actor`, `--from`, `--to`, `--min-confidence`, `--min-count`,
/// `--roll-up`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportFilter {
    /// The statement's actor has this id or this code (a person's code is the state or
    /// organisation they represent, so `RUS` also selects Russian officials).
    pub actor: Option<String>,
    /// Inclusive date bounds (the statement date, else the article date).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub min_confidence: Option<f64>,
    /// Dyads (actor, target) with fewer statements are left out: direct statements for the
    /// graph formats, the rows of the dyad for the statement tables.
    pub min_count: Option<usize>,
    /// Graph formats: each side is keyed by its code on the statement date (people count as
    /// what they represent), as `profile --roll-up` counts them.
    pub roll_up: bool,
}

impl ExportFilter {
    /// Whether any filter is set.
    pub fn is_set(&self) -> bool {
        *self != ExportFilter::default()
    }

    fn statement_filter(&self) -> StatementFilter {
        StatementFilter {
            from: self.from,
            to: self.to,
            min_confidence: self.min_confidence,
            ..StatementFilter::default()
        }
    }

    /// The window the graph formats read.
    pub fn window(&self) -> Window {
        Window {
            from: self.from,
            to: self.to,
            min_confidence: self.min_confidence,
            roll_up: self.roll_up,
            no_tallies: false,
        }
    }

    fn actor_matches(&self, r: &StatementRecord) -> bool {
        self.actor
            .as_deref()
            .is_none_or(|a| r.actor.id.as_str() == a || r.actor.code.as_deref() == Some(a))
    }

    /// The statements of the store that pass the filters (all of them: negated, hypothetical
    /// and denied included), in the store's order.
    pub fn records(&self, store: &KgStore) -> Result<Vec<StatementRecord>> {
        let records: Vec<StatementRecord> = store
            .statements(&self.statement_filter())?
            .into_iter()
            .filter(|r| self.actor_matches(r))
            .collect();
        Ok(self.apply_min_count(records))
    }

    /// Keeps the records of the dyads with at least `min_count` records.
    fn apply_min_count(&self, records: Vec<StatementRecord>) -> Vec<StatementRecord> {
        let Some(min) = self.min_count else {
            return records;
        };
        let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for r in &records {
            *counts
                .entry((r.actor.id.as_str(), r.target.id.as_str()))
                .or_insert(0) += 1;
        }
        let keep: BTreeSet<(String, String)> = counts
            .into_iter()
            .filter(|&(_, n)| n >= min)
            .map(|((a, t), _)| (a.to_owned(), t.to_owned()))
            .collect();
        records
            .into_iter()
            .filter(|r| keep.contains(&(r.actor.id.0.clone(), r.target.id.0.clone())))
            .collect()
    }
}

/// The statement's date, else the article's.
pub fn record_date(r: &StatementRecord) -> Option<NaiveDate> {
    r.date
        .as_deref()
        .or(r.article_date.as_deref())
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

/// The stance graph with what the graph formats add to it.
#[derive(Clone, Debug, Default)]
pub struct GraphView {
    pub graph: StanceGraph,
    pub memberships: Memberships,
}

impl GraphView {
    /// The graph of the store's direct statements that pass `filter` (its dyads with at least
    /// `filter.min_count` statements), described, with the store's memberships.
    pub fn from_store(store: &KgStore, filter: &ExportFilter) -> Result<GraphView> {
        GraphView::read(store, filter, false)
    }

    /// [`GraphView::from_store`], reading the statements (`no_tallies`) or, where they answer
    /// the window, the tallies with their `gk:tallyDetail`: the same view either way.
    pub fn read(store: &KgStore, filter: &ExportFilter, no_tallies: bool) -> Result<GraphView> {
        let w = Window {
            no_tallies,
            ..filter.window()
        };
        let scope = Scope {
            actors: filter.actor.as_deref().map(|a| vec![Key::actor(a)]),
            actor_codes: filter.actor.is_some() && !filter.roll_up,
            detail: true,
            ..Scope::default()
        };
        let mut graph = StanceGraph::build(store, &scope, &w, 0)?;
        if let Some(min) = filter.min_count {
            graph.retain_min_count(min);
        }
        graph.describe(store)?;
        Ok(GraphView {
            graph,
            memberships: store.memberships()?,
        })
    }

    /// A view of a graph built elsewhere, without memberships.
    pub fn of_graph(graph: &StanceGraph) -> GraphView {
        GraphView {
            graph: graph.clone(),
            ..GraphView::default()
        }
    }

    /// Nodes in id order.
    pub fn nodes(&self) -> Vec<&Node> {
        self.graph.nodes()
    }

    /// Edges as (actor id, target id, edge), sorted by the two ids.
    pub fn edges(&self) -> Vec<(&str, &str, &Edge)> {
        self.graph
            .edges()
            .into_iter()
            .map(|(a, t, e)| (a.id(), t.id(), e))
            .collect()
    }

    /// Direct statements the node makes.
    pub fn out_count(&self, n: &Node) -> usize {
        self.graph.out_count(&n.key)
    }

    /// Direct statements the node receives.
    pub fn in_count(&self, n: &Node) -> usize {
        self.graph.in_count(&n.key)
    }

    /// The dates on which a node makes or receives a statement.
    pub fn node_dates(&self, n: &Node) -> BTreeSet<NaiveDate> {
        self.graph
            .edges()
            .into_iter()
            .filter(|(a, t, _)| a.key == n.key || t.key == n.key)
            .flat_map(|(_, _, e)| e.days.iter().copied())
            .collect()
    }

    /// The organisation codes a node is a member of, sorted.
    pub fn member_of(&self, n: &Node) -> Vec<&str> {
        self.memberships.of(n.id()).collect()
    }

    /// Clusters for `alliances`: each node that belongs to at least one of them goes into the
    /// cluster of the exact set it belongs to ("NATO + EU", "NATO", "EU" …), so every cluster
    /// says something true of all its nodes. Keys are positions in `alliances`, sorted.
    pub fn clusters(&self, alliances: &[String]) -> BTreeMap<Vec<usize>, Vec<&Node>> {
        let mut out: BTreeMap<Vec<usize>, Vec<&Node>> = BTreeMap::new();
        for n in self.graph.nodes() {
            let set: BTreeSet<&str> = self.member_of(n).into_iter().collect();
            let key: Vec<usize> = alliances
                .iter()
                .enumerate()
                .filter(|(_, a)| set.contains(a.as_str()))
                .map(|(i, _)| i)
                .collect();
            if !key.is_empty() {
                out.entry(key).or_default().push(n);
            }
        }
        out
    }
}

/// Spells of consecutive days: each run of dates one day apart becomes one inclusive
/// (start, end) interval.
pub fn spells(dates: &BTreeSet<NaiveDate>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &d in dates {
        match out.last_mut() {
            Some((_, end)) if end.succ_opt() == Some(d) => *end = d,
            _ => out.push((d, d)),
        }
    }
    out
}

/// "reject:2 threaten:1": an edge's stances with their counts, most frequent first.
pub fn stance_summary(e: &Edge) -> String {
    let mut v: Vec<(&crate::model::Stance, &usize)> = e.stances.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(s, n)| format!("{}:{n}", s.id()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A float rounded to three decimals (so that sums of tenths print as tenths).
pub fn round3(x: f64) -> f64 {
    let r = (x * 1000.0).round() / 1000.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A view of a memory store loaded with `extractions` (for the writers' tests).
#[cfg(test)]
pub(crate) fn test_view(
    extractions: &[crate::model::Extraction],
    memberships: Memberships,
) -> GraphView {
    let store = KgStore::memory().unwrap();
    for ex in extractions {
        store.load_extraction(ex).unwrap();
    }
    let mut v = GraphView::from_store(&store, &ExportFilter::default()).unwrap();
    v.memberships = memberships;
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::{d1, d2, date};

    fn store() -> KgStore {
        let store = KgStore::memory().unwrap();
        store.load_extraction(&d1()).unwrap();
        store.load_extraction(&d2()).unwrap();
        store
    }

    #[test]
    fn filters_select_statements_and_dyads() {
        let s = store();
        let all = ExportFilter::default().records(&s).unwrap();
        assert_eq!(all.len(), 7);
        let rus = ExportFilter {
            actor: Some("RUS".to_owned()),
            ..Default::default()
        };
        let by_rus = rus.records(&s).unwrap();
        // Russia's own statements and Lavrov's (his code is RUS)
        assert!(by_rus
            .iter()
            .any(|r| r.actor.id.as_str() == "sergey-lavrov"));
        assert!(by_rus
            .iter()
            .all(|r| r.actor.code.as_deref() == Some("RUS")));
        assert!(by_rus.len() < all.len());
        let two = ExportFilter {
            min_count: Some(2),
            ..Default::default()
        };
        let v = GraphView::from_store(&s, &two).unwrap();
        let pairs: Vec<(&str, &str)> = v.edges().iter().map(|(a, t, _)| (*a, *t)).collect();
        assert_eq!(pairs, [("RUS", "UKR"), ("RUS", "nato-enlargement")]);
        assert!(
            v.graph.node_by_id("USA").is_none(),
            "USA's only edge has one statement"
        );
        let rus_node = v.graph.node_by_id("RUS").unwrap();
        assert_eq!(v.out_count(rus_node), 4);
        let e = v.graph.edge("RUS", "UKR").unwrap();
        assert_eq!(
            e.days.iter().copied().collect::<Vec<_>>(),
            [date("2022-01-05"), date("2022-01-06")]
        );
        let early = ExportFilter {
            to: Some(date("2022-01-05")),
            ..Default::default()
        };
        assert!(early
            .records(&s)
            .unwrap()
            .iter()
            .all(|r| r.date.as_deref() == Some("2022-01-05")));
        let v = GraphView::from_store(&s, &early).unwrap();
        assert_eq!(v.graph.edge("RUS", "UKR").unwrap().count(), 1);
        // --actor RUS keeps the actor's own node and its officials' (none direct here)
        let v = GraphView::from_store(&s, &rus).unwrap();
        let pairs: Vec<(&str, &str)> = v.edges().iter().map(|(a, t, _)| (*a, *t)).collect();
        assert_eq!(pairs, [("RUS", "UKR"), ("RUS", "nato-enlargement")]);
    }

    #[test]
    fn spells_merge_consecutive_days() {
        let dates: BTreeSet<NaiveDate> = ["2022-01-05", "2022-01-06", "2022-01-09"]
            .iter()
            .map(|d| date(d))
            .collect();
        assert_eq!(
            spells(&dates),
            [
                (date("2022-01-05"), date("2022-01-06")),
                (date("2022-01-09"), date("2022-01-09"))
            ]
        );
    }

    #[test]
    fn clusters_group_by_exact_membership() {
        let mut v = GraphView::from_store(&store(), &ExportFilter::default()).unwrap();
        for (id, orgs) in [
            ("USA", vec!["NATO"]),
            ("UKR", vec!["EU", "X"]),
            ("RUS", vec!["CSTO"]),
        ] {
            v.memberships
                .member_of
                .insert(id.to_owned(), orgs.into_iter().map(str::to_owned).collect());
        }
        let alliances: Vec<String> = ["NATO", "EU"].iter().map(|s| s.to_string()).collect();
        let c = v.clusters(&alliances);
        let got: Vec<(Vec<usize>, Vec<&str>)> = c
            .iter()
            .map(|(k, ns)| (k.clone(), ns.iter().map(|n| n.id()).collect()))
            .collect();
        assert_eq!(got, [(vec![0], vec!["USA"]), (vec![1], vec!["UKR"])]);
    }
}
