//! Every analysis on a small fixture store whose statements are written out below, checked
//! against numbers computed by hand in the comments.
//!
//! Goldstein values (CAMEO): support 3.4 (QuadClass 1), consult 1.0 (1), aid 7.0 (2),
//! demand -5.0 (3), criticize -2.0 (3), accuse -2.0 (3), reject -4.0 (3), threaten -4.4 (3).
//! Polarity p is the sign of the Goldstein value.
//!
//! Article a1, 2022-01-10                      Article a2, 2022-03-15
//!  s0  USA  support   nato-enlargement 0.9     s0  USA  criticize RUS  0.8
//!  s1  RUS  reject    nato-enlargement 0.8     s1  RUS  accuse    USA  0.6
//!  s2  RUS  demand    NATO             0.6     s2  RUS  consult   NATO 0.4
//!  s3  USA  support   NATO             0.9     s3  DEU  support   UKR  0.8
//!  s4  NATO reject    RUS              0.7     s4  DEU  support   NATO 0.7
//!  s5  RUS  threaten  UKR              0.5     s5  DEU  criticize RUS  0.9
//!  s6  USA  aid       UKR              1.0     s6  RUS  threaten  NATO 0.9 hypothetical (not counted)
//!  s7  USA  consult   RUS              0.9     s7  Lavrov (RUS) criticize USA 0.9
//!  s8  USA  sanction  RUS  negated (not counted) s8 UKR support   NATO 0.8
//!  s9  UKR  support   USA              0.7     s9  RUS  support   CHN  0.9
//!                                              s10 USA  criticize CHN  0.5
//!                                              s11 DEU  criticize USA  0.5

use super::blocs::blocs;
use super::compare::compare;
use super::dyad::{dyad, Period};
use super::matrix::{matrix, Actors};
use super::metrics::{Measure, Violation, Z95};
use super::profile::profile;
use super::{resolve, Labeler};
use crate::actors::Gazetteer;
use crate::graph::{Key, Scope, StanceGraph, Window};
use crate::model::Stance;
use crate::model::{ActorKind, ActorRef, Modality, Statement};
use crate::store::testutil::{
    actor, extraction, lavrov, nato_enlargement, russia, statement, ukraine, usa,
};
use crate::store::KgStore;
use crate::vocab;
use chrono::NaiveDate;

fn nato() -> ActorRef {
    actor(
        "NATO",
        "North Atlantic Treaty Organization",
        ActorKind::Organization,
        Some("NATO"),
    )
}
fn germany() -> ActorRef {
    actor("DEU", "Germany", ActorKind::State, Some("DEU"))
}
fn china() -> ActorRef {
    actor("CHN", "China", ActorKind::State, Some("CHN"))
}

type Row = (ActorRef, Stance, ActorRef, f64, bool, Modality);

fn st(doc: &str, day: &str, i: usize, r: Row) -> Statement {
    let mut s = statement(doc, day, i, r.0, r.1, r.2, r.4, r.5);
    s.confidence = r.3;
    s
}

fn a(actor: ActorRef, stance: Stance, target: ActorRef, c: f64) -> Row {
    (actor, stance, target, c, false, Modality::Asserted)
}

fn fixture() -> KgStore {
    use Stance::*;
    let a1: Vec<Row> = vec![
        a(usa(), Support, nato_enlargement(), 0.9),
        a(russia(), Reject, nato_enlargement(), 0.8),
        a(russia(), Demand, nato(), 0.6),
        a(usa(), Support, nato(), 0.9),
        a(nato(), Reject, russia(), 0.7),
        a(russia(), Threaten, ukraine(), 0.5),
        a(usa(), Aid, ukraine(), 1.0),
        a(usa(), Consult, russia(), 0.9),
        (usa(), Sanction, russia(), 0.9, true, Modality::Asserted),
        a(ukraine(), Support, usa(), 0.7),
    ];
    let a2: Vec<Row> = vec![
        a(usa(), Criticize, russia(), 0.8),
        a(russia(), Accuse, usa(), 0.6),
        a(russia(), Consult, nato(), 0.4),
        a(germany(), Support, ukraine(), 0.8),
        a(germany(), Support, nato(), 0.7),
        a(germany(), Criticize, russia(), 0.9),
        (
            russia(),
            Threaten,
            nato(),
            0.9,
            false,
            Modality::Hypothetical,
        ),
        a(lavrov(), Criticize, usa(), 0.9),
        a(ukraine(), Support, nato(), 0.8),
        a(russia(), Support, china(), 0.9),
        a(usa(), Criticize, china(), 0.5),
        a(germany(), Criticize, usa(), 0.5),
    ];
    let store = KgStore::memory().unwrap();
    store.load_ontology().unwrap();
    for (doc, day, rows) in [("a1", "2022-01-10", a1), ("a2", "2022-03-15", a2)] {
        let sts = rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| st(doc, day, i, r))
            .collect();
        store.load_extraction(&extraction(doc, day, sts)).unwrap();
    }
    store
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-4
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The Wilson interval of S computed step by step, as README.md writes it.
fn wilson(s: f64, c: &[f64]) -> (f64, f64) {
    let sc: f64 = c.iter().sum();
    let sc2: f64 = c.iter().map(|x| x * x).sum();
    let n = sc * sc / sc2;
    let x = (s + 1.0) / 2.0;
    let z2 = Z95 * Z95;
    let centre = (x + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = Z95 * (x * (1.0 - x) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    (2.0 * (centre - half) - 1.0, 2.0 * (centre + half) - 1.0)
}

#[test]
fn profile_by_hand() {
    let store = fixture();
    let g = Gazetteer::bundled().unwrap();
    let labels = Labeler::new(&store, &g);
    let p = profile(
        &store,
        &labels,
        &Key::actor("USA"),
        &Window::default(),
        0,
        2,
    )
    .unwrap();
    // USA: RUS (2), then one each: CHN, NATO, UKR, and the issue last; the negated sanction
    // is not counted.
    let ids: Vec<&str> = p.rows.iter().map(|r| r.target.id.as_str()).collect();
    assert_eq!(ids, ["RUS", "CHN", "NATO", "UKR", "nato-enlargement"]);
    assert_eq!(p.statements, 6);
    assert_eq!(p.actor.label, "United States");
    let rus = &p.rows[0];
    // consult +1 at 0.9, criticize -1 at 0.8: S = (0.9 - 0.8) / 1.7 = 0.0588
    assert_eq!(rus.stat.n, 2);
    assert_eq!(rus.stat.articles, 2);
    assert!(close(rus.stat.s, 0.1 / 1.7));
    // mean Goldstein (1.0 - 2.0) / 2
    assert!(close(rus.stat.goldstein_mean, -0.5));
    let (lo, hi) = wilson(0.1 / 1.7, &[0.9, 0.8]);
    assert!(close(rus.stat.s_low, lo) && close(rus.stat.s_high, hi));
    assert_eq!(rus.stat.quad_class, [1, 0, 1, 0]);
    // evidence: the best confidence first, with article and date
    assert_eq!(rus.evidence.len(), 2);
    assert_eq!(rus.evidence[0].doc, "a1");
    assert_eq!(rus.evidence[0].sentence, 7);
    assert_eq!(rus.evidence[0].date.as_deref(), Some("2022-01-10"));
    assert_eq!(rus.evidence[0].stance, "consult");
    assert_eq!(
        rus.evidence[0].text,
        "Washington consult Russia, sentence 7."
    );
    assert_eq!(rus.evidence[1].doc, "a2");
    let issue = &p.rows[4];
    assert_eq!(issue.target.kind, "issue");
    assert_eq!(issue.target.label, "NATO enlargement");
    assert!(close(issue.stat.s, 1.0));

    // the window: until January only the consult counts; a confidence floor drops 0.8
    let jan = Window {
        to: Some(date("2022-01-31")),
        ..Window::default()
    };
    let p = profile(&store, &labels, &Key::actor("USA"), &jan, 0, 1).unwrap();
    let ids: Vec<&str> = p.rows.iter().map(|r| r.target.id.as_str()).collect();
    assert_eq!(ids, ["NATO", "RUS", "UKR", "nato-enlargement"]);
    let rus = p.rows.iter().find(|r| r.target.id == "RUS").unwrap();
    assert_eq!(rus.stat.n, 1);
    assert!(close(rus.stat.s, 1.0));
    let floor = Window {
        min_confidence: Some(0.85),
        ..Window::default()
    };
    let p = profile(&store, &labels, &Key::actor("USA"), &floor, 0, 1).unwrap();
    let rus = p.rows.iter().find(|r| r.target.id == "RUS").unwrap();
    assert_eq!(rus.stat.n, 1);
    assert!(p.rows.iter().all(|r| r.target.id != "CHN"), "0.5 < 0.85");

    // limit keeps the busiest targets but counts them all
    let p = profile(
        &store,
        &labels,
        &Key::actor("USA"),
        &Window::default(),
        2,
        0,
    )
    .unwrap();
    assert_eq!(p.rows.len(), 2);
    assert_eq!(p.targets, 5);
    assert!(p.rows[0].evidence.is_empty());
}

#[test]
fn roll_up_counts_people_as_what_they_represent() {
    let store = fixture();
    let g = Gazetteer::bundled().unwrap();
    let labels = Labeler::new(&store, &g);
    let plain = profile(
        &store,
        &labels,
        &Key::actor("RUS"),
        &Window::default(),
        0,
        0,
    )
    .unwrap();
    let usa_row = plain.rows.iter().find(|r| r.target.id == "USA").unwrap();
    assert_eq!(usa_row.stat.n, 1);
    let w = Window {
        roll_up: true,
        ..Window::default()
    };
    let rolled = profile(&store, &labels, &Key::actor("RUS"), &w, 0, 0).unwrap();
    let usa_row = rolled.rows.iter().find(|r| r.target.id == "USA").unwrap();
    // + Lavrov's criticism: accuse -1 at 0.6, criticize -1 at 0.9
    assert_eq!(usa_row.stat.n, 2);
    assert!(close(usa_row.stat.s, -1.0));
    assert!(close(usa_row.stat.goldstein_mean, -2.0));
    // the person alone without roll-up; under roll-up the name resolves to RUS
    let lav = profile(
        &store,
        &labels,
        &Key::actor("sergey-lavrov"),
        &Window::default(),
        0,
        0,
    )
    .unwrap();
    assert_eq!(lav.statements, 1);
    let r = resolve(&store, &g, "Sergey Lavrov", &w).unwrap();
    assert_eq!(r.key, Key::actor("RUS"));
    assert!(r.note.unwrap().contains("rolls up to RUS"));
    // an id found only in the store (the fixture's Lavrov is not the gazetteer's
    // sergei-lavrov) resolves to itself
    let r = resolve(&store, &g, "sergey-lavrov", &Window::default()).unwrap();
    assert_eq!(r.key, Key::actor("sergey-lavrov"));
}

#[test]
fn compare_by_hand() {
    let store = fixture();
    let g = Gazetteer::bundled().unwrap();
    let labels = Labeler::new(&store, &g);
    let (usa, rus) = (Key::actor("USA"), Key::actor("RUS"));
    let c = compare(&store, &labels, &usa, &rus, None, &Window::default(), 2).unwrap();
    // shared targets: NATO, UKR, CHN, nato-enlargement
    //   S(USA): +1, +1, -1, +1      S(RUS): (-0.6 + 0.4)/1.0 = -0.2, -1, +1, -1
    //   Δ:      1.2, 2, -2, 2
    let got: Vec<(&str, f64)> = c
        .shared
        .iter()
        .map(|r| (r.target.id.as_str(), r.delta))
        .collect();
    assert_eq!(
        got,
        [
            ("CHN", -2.0),
            ("UKR", 2.0),
            ("nato-enlargement", 2.0),
            ("NATO", 1.2)
        ]
    );
    let nato_row = &c.shared[3];
    assert!(close(nato_row.b.s, -0.2));
    assert_eq!((c.only_a, c.only_b), (0, 0));
    let g4 = &c.agreement;
    assert_eq!(g4.shared, 4);
    // no target with the same sign
    assert_eq!(g4.same_sign, Some(0.0));
    // S-score 1 - (1.2 + 2 + 2 + 2) / 4 = -0.8
    assert!(close(g4.s_score.unwrap(), -0.8));
    // signs USA + + − +, RUS − − + −: p_o = 0, p_e = (1/4)(3/4) + (3/4)(1/4) = 0.375,
    // κ = (0 − 0.375) / (1 − 0.375) = −0.6
    assert!(close(g4.kappa.unwrap(), -0.6));
    // cosine: (−0.2 − 1 − 1 − 1) / (2 · √3.04)
    assert!(close(g4.cosine.unwrap(), -3.2 / (2.0 * 3.04f64.sqrt())));
    // the dyad: USA→RUS S = 0.1/1.7 (n 2), RUS→USA −1 (n 1, Lavrov not rolled up)
    let ab = c.dyad.a_to_b.as_ref().unwrap();
    assert!(close(ab.s, 0.1 / 1.7));
    assert_eq!(c.dyad.b_to_a.as_ref().unwrap().n, 1);
    assert_eq!(c.dyad.b_to_a_evidence[0].stance, "accuse");
    // the three largest divergences with evidence on each side
    let div: Vec<&str> = c.divergences.iter().map(|d| d.target.id.as_str()).collect();
    assert_eq!(div, ["CHN", "UKR", "nato-enlargement"]);
    assert_eq!(c.divergences[2].a_evidence[0].stance, "support");
    assert_eq!(c.divergences[2].b_evidence[0].stance, "reject");

    // on one target: S-score 1 − 1.2 = −0.2, cosine −1, κ = (0 − 0)/(1 − 0) = 0
    let on = Key::actor("NATO");
    let c = compare(
        &store,
        &labels,
        &usa,
        &rus,
        Some(&on),
        &Window::default(),
        1,
    )
    .unwrap();
    assert_eq!(c.shared.len(), 1);
    assert!(close(c.agreement.s_score.unwrap(), -0.2));
    assert!(close(c.agreement.cosine.unwrap(), -1.0));
    assert!(close(c.agreement.kappa.unwrap(), 0.0));
    assert!(c.dyad.a_to_b.is_some(), "the dyad is kept with --on");

    // January only: NATO (+1 vs −1) and the issue (+1 vs −1), UKR (+1 vs −1)
    let jan = Window {
        to: Some(date("2022-01-31")),
        ..Window::default()
    };
    let c = compare(&store, &labels, &usa, &rus, None, &jan, 0).unwrap();
    assert_eq!(c.agreement.shared, 3);
    assert!(close(c.agreement.s_score.unwrap(), -1.0));
}

#[test]
fn matrix_by_hand() {
    let store = fixture();
    let g = Gazetteer::bundled().unwrap();
    let labels = Labeler::new(&store, &g);
    let keys = vec![Key::actor("USA"), Key::actor("RUS"), Key::actor("DEU")];
    let m = matrix(
        &store,
        &labels,
        &Actors::Given(keys),
        Measure::SScore,
        1,
        &Window::default(),
    )
    .unwrap();
    // USA–RUS −0.8 (see compare); USA–DEU over NATO, RUS, UKR: 1 − (0 + (1 + 0.1/1.7) + 0)/3;
    // RUS–DEU over NATO, UKR, USA: 1 − (1.2 + 2 + 0)/3
    let usa_deu = 1.0 - (1.0 + 0.1 / 1.7) / 3.0;
    assert!(close(m.values[0][1].unwrap(), -0.8));
    assert!(close(m.values[0][2].unwrap(), usa_deu));
    assert!(close(m.values[2][0].unwrap(), usa_deu));
    assert!(close(m.values[1][2].unwrap(), 1.0 - 3.2 / 3.0));
    assert_eq!(m.values[0][0], None);
    assert_eq!(m.shared[0][2], 3);
    // the NATO members are closer to each other than to Russia
    assert_eq!(m.nearest[0].most.as_ref().unwrap().id, "DEU");
    assert_eq!(m.nearest[0].least.as_ref().unwrap().id, "RUS");
    assert_eq!(m.nearest[1].most.as_ref().unwrap().id, "DEU");
    assert_eq!(m.nearest[2].least.as_ref().unwrap().id, "RUS");
    // too few shared targets leave a cell undefined
    let m3 = matrix(
        &store,
        &labels,
        &Actors::Given(vec![Key::actor("RUS"), Key::actor("DEU")]),
        Measure::Cosine,
        4,
        &Window::default(),
    )
    .unwrap();
    assert_eq!(m3.values[0][1], None);
    // the top actors by statements: USA 6, RUS 6 (7 with the hypothetical, not counted), DEU 4
    let top = matrix(
        &store,
        &labels,
        &Actors::Top(3),
        Measure::Kappa,
        1,
        &Window::default(),
    )
    .unwrap();
    let ids: Vec<&str> = top.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["DEU", "RUS", "USA"]);
    // κ of USA and RUS over 4 targets is −0.6
    assert!(close(top.values[1][2].unwrap(), -0.6));
    let svg = super::charts::heatmap_svg(&top).unwrap();
    std::fs::write("/tmp/heat.svg", &svg).unwrap();
    std::fs::write("/tmp/heat.svg", &svg).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("\nDEU\n") && svg.contains("kappa"));
}

#[test]
fn dyad_by_hand() {
    let store = fixture();
    let g = Gazetteer::bundled().unwrap();
    let labels = Labeler::new(&store, &g);
    let (usa, rus) = (Key::actor("USA"), Key::actor("RUS"));
    let d = dyad(
        &store,
        &labels,
        &usa,
        &rus,
        Period::Month,
        &Window::default(),
    )
    .unwrap();
    // 2022-01: USA→RUS consult (Q1, 1.0); 2022-02: nothing; 2022-03: criticize and accuse (Q3, −2)
    let p: Vec<&str> = d.periods.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(p, ["2022-01", "2022-02", "2022-03"]);
    assert_eq!(d.periods[0].a_to_b.quad_class, [1, 0, 0, 0]);
    assert_eq!(d.periods[0].a_to_b.goldstein_mean, Some(1.0));
    assert_eq!(d.periods[0].b_to_a.n, 0);
    assert_eq!(d.periods[1].a_to_b.goldstein_mean, None);
    assert_eq!(d.periods[2].a_to_b.quad_class, [0, 0, 1, 0]);
    assert_eq!(d.periods[2].b_to_a.goldstein_mean, Some(-2.0));
    assert_eq!((d.total_a_to_b.n, d.total_b_to_a.n), (2, 1));
    assert_eq!(d.total_a_to_b.goldstein_mean, Some(-0.5));
    let q = dyad(
        &store,
        &labels,
        &usa,
        &rus,
        Period::Quarter,
        &Window::default(),
    )
    .unwrap();
    assert_eq!(q.periods.len(), 1);
    assert_eq!(q.periods[0].period, "2022-Q1");
    assert_eq!(q.periods[0].a_to_b.n, 2);
    // roll-up adds Lavrov's criticism of the US to RUS→USA in March
    let w = Window {
        roll_up: true,
        from: Some(date("2022-02-01")),
        ..Window::default()
    };
    let r = dyad(&store, &labels, &usa, &rus, Period::Month, &w).unwrap();
    let p: Vec<&str> = r.periods.iter().map(|r| r.period.as_str()).collect();
    assert_eq!(p, ["2022-02", "2022-03"]);
    assert_eq!(r.periods[1].b_to_a.n, 2);
    let svg = super::charts::dyad_svg(&d).unwrap();
    std::fs::write("/tmp/dyad.svg", &svg).unwrap();
    assert!(svg.contains("USA → RUS") && svg.contains("mean Goldstein") && svg.contains("2022-03"));
}

#[test]
fn blocs_by_hand() {
    let store = fixture();
    let g = Gazetteer::bundled().unwrap();
    let labels = Labeler::new(&store, &g);
    let b = blocs(&store, &labels, &Window::default(), 0.0, 10, 1).unwrap();
    // Pooled ties (both directions): USA–RUS: (0.9 − 0.8 − 0.6)/2.3 < 0; RUS–NATO:
    // (−0.6 + 0.4 − 0.7)/1.7 < 0; the others have one sign each. 13 ties between 7 actors:
    // CHN–RUS +, CHN–USA −, DEU–NATO +, DEU–RUS −, DEU–UKR +, DEU–USA −, NATO–RUS −,
    // NATO–UKR +, NATO–USA +, RUS–UKR −, RUS–USA −, UKR–USA +, USA–sergey-lavrov −.
    assert_eq!(b.actors, 7);
    assert_eq!(b.ties.len(), 13);
    let usa_rus = b
        .ties
        .iter()
        .find(|t| t.a == "RUS" && t.b == "USA")
        .unwrap();
    assert_eq!(usa_rus.sign, "-");
    assert!(close(usa_rus.s, -0.5 / 2.3));
    // 11 triangles, 8 balanced; unbalanced: DEU/NATO/USA (+ + −, NATO friendly with both),
    // DEU/UKR/USA (+ + −, UKR), DEU/RUS/USA (− − −).
    assert_eq!((b.triads, b.balanced), (11, 8));
    assert!(close(b.balance_ratio.unwrap(), 8.0 / 11.0));
    let mut un: Vec<(String, String, Option<String>)> = b
        .unbalanced
        .iter()
        .map(|t| (t.actors.join("/"), t.kind.clone(), t.pivot.clone()))
        .collect();
    un.sort();
    assert_eq!(
        un,
        [
            (
                "DEU/NATO/USA".to_owned(),
                "friend of my enemy".to_owned(),
                Some("NATO".to_owned())
            ),
            ("DEU/RUS/USA".to_owned(), "all enemies".to_owned(), None),
            (
                "DEU/UKR/USA".to_owned(),
                "friend of my enemy".to_owned(),
                Some("UKR".to_owned())
            ),
        ]
    );
    let t = b.unbalanced.iter().find(|t| t.actors[1] == "NATO").unwrap();
    assert!(t.ties.iter().all(|tie| !tie.evidence.is_empty()));
    // camps: positive groups {CHN, RUS}, {DEU, NATO, UKR, USA}, {Lavrov}; BFS from CHN
    assert_eq!(b.fronts.len(), 1);
    let ids = |v: &[super::Named]| v.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&b.fronts[0].camp1), ["CHN", "RUS", "sergey-lavrov"]);
    assert_eq!(ids(&b.fronts[0].camp2), ["DEU", "NATO", "UKR", "USA"]);
    // DEU criticised the US: a negative tie inside the western group
    assert_eq!(b.fronts[0].violations_total, 1);
    let v = &b.fronts[0].violations[0];
    assert_eq!((v.tie.a.as_str(), v.tie.b.as_str()), ("DEU", "USA"));
    assert_eq!(v.reason, Violation::NegativeInsideGroup);
    assert_eq!(
        v.tie.evidence[0].text,
        "Germany criticize Washington, sentence 11."
    );
    // mutual support: USA→UKR (aid) and UKR→USA (support)
    assert_eq!(
        b.support_components,
        vec![vec!["UKR".to_owned(), "USA".to_owned()]]
    );
    // PageRank: NATO receives support from USA, DEU and UKR and ranks first; DEU receives none
    assert_eq!(b.pagerank[0].id, "NATO");
    assert_eq!(b.pagerank.last().unwrap().id, "DEU");
    let total: f64 = b.pagerank.iter().map(|r| r.score).sum();
    assert!((total - 1.0).abs() < 1e-5);
    // a threshold of 0.3 drops the weak USA–RUS tie (|S| = 0.217)
    let b = blocs(&store, &labels, &Window::default(), 0.3, 10, 0).unwrap();
    assert_eq!(b.ties.len(), 12);
}

#[test]
fn a_statement_polarity_overrides_the_stance_sign() {
    use oxigraph::model::{GraphNameRef, Literal, NamedNodeRef, QuadRef};
    let store = fixture();
    let day = "2022-02-01";
    let ex = extraction(
        "a3",
        day,
        vec![st(
            "a3",
            day,
            0,
            a(ukraine(), Stance::Demand, nato_enlargement(), 0.9),
        )],
    );
    store.load_extraction(&ex).unwrap();
    let g = Gazetteer::bundled().unwrap();
    let labels = Labeler::new(&store, &g);
    let s = |store: &KgStore| {
        let p = profile(store, &labels, &Key::actor("UKR"), &Window::default(), 0, 0).unwrap();
        p.rows
            .iter()
            .find(|r| r.target.id == "nato-enlargement")
            .unwrap()
            .stat
            .s
    };
    // demand has a negative Goldstein value
    assert!(close(s(&store), -1.0));
    // "Ukraine demands NATO membership" is support for the issue
    let node = vocab::statement_iri("a3", 0, 0);
    let graph = vocab::article_graph_iri("a3");
    let lit = Literal::new_simple_literal("support");
    store
        .inner()
        .insert(QuadRef::new(
            NamedNodeRef::new_unchecked(&node),
            NamedNodeRef::new_unchecked(vocab::P_TARGET_POLARITY),
            &lit,
            GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(&graph)),
        ))
        .unwrap();
    // a write around geokg: the statements say +1 at once, the tallies lag until rebuilt
    let scan = Window {
        no_tallies: true,
        ..Window::default()
    };
    let net = StanceGraph::build(&store, &Scope::default(), &scan, 0).unwrap();
    let cell = net
        .cell(&Key::actor("UKR"), &Key::issue("nato-enlargement"))
        .unwrap();
    assert!(close(cell.sums.score(), 1.0));
    assert!(close(s(&store), -1.0));
    let stale = store.check_tallies().unwrap();
    assert!(
        stale
            .iter()
            .any(|t| t.contains("/tally/node/all/actor/UKR/issue/nato-enlargement")),
        "{stale:?}"
    );
    store.rebuild_tallies().unwrap();
    assert!(store.check_tallies().unwrap().is_empty());
    assert!(close(s(&store), 1.0));
}

#[test]
fn names_resolve_and_unknown_ones_are_explained() {
    let store = fixture();
    let g = Gazetteer::bundled().unwrap();
    let w = Window::default();
    for q in ["USA", "United States", "Q30", "usa"] {
        assert_eq!(
            resolve(&store, &g, q, &w).unwrap().key,
            Key::actor("USA"),
            "{q}"
        );
    }
    assert_eq!(
        resolve(&store, &g, "nato-enlargement", &w).unwrap().key,
        Key::issue("nato-enlargement")
    );
    assert_eq!(
        resolve(&store, &g, "NATO enlargement", &w).unwrap().key,
        Key::issue("nato-enlargement")
    );
    let e = resolve(&store, &g, "Untied States", &w)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("unknown actor") && e.contains("United States (USA)"),
        "{e}"
    );
    let e = resolve(&store, &g, "nato-enlargment", &w)
        .unwrap_err()
        .to_string();
    assert!(e.contains("(nato-enlargement)"), "{e}");
}

#[test]
fn an_empty_window_gives_empty_reports() {
    let store = fixture();
    let g = Gazetteer::bundled().unwrap();
    let labels = Labeler::new(&store, &g);
    let w = Window {
        from: Some(date("2023-01-01")),
        ..Window::default()
    };
    let p = profile(&store, &labels, &Key::actor("USA"), &w, 0, 2).unwrap();
    assert!(p.rows.is_empty() && p.statements == 0);
    let b = blocs(&store, &labels, &w, 0.0, 10, 1).unwrap();
    assert!(b.ties.is_empty() && b.balance_ratio.is_none() && b.pagerank.is_empty());
    let d = dyad(
        &store,
        &labels,
        &Key::actor("USA"),
        &Key::actor("RUS"),
        Period::Week,
        &w,
    )
    .unwrap();
    assert_eq!(d.total_a_to_b.n, 0);
}
