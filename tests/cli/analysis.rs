//! The analysis commands (`profile`, `compare`, `matrix`, `dyad`, `blocs`) on a store built
//! from the bundled articles: known values, golden tables, CSV and SVG charts, bad input.

use super::*;
use serde_json::Value;

/// Builds a store of the bundled articles in a fresh folder.
fn bundled_store() -> (tempfile::TempDir, String) {
    let t = tmp();
    let store = t.path().join("store");
    let o = geokg(
        &["build", "--store", store.to_str().unwrap(), "--no-exports"],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s = store.to_str().unwrap().to_owned();
    (t, s)
}

fn run(args: &[&str]) -> String {
    let o = geokg(args, &root());
    assert!(o.status.success(), "{:?}: {}", args, stderr(&o));
    stdout(&o)
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&run(args)).expect("valid JSON")
}

#[test]
fn profile_nato_shows_the_rejection_of_russias_demand() {
    let (_t, s) = bundled_store();
    let p = json(&["profile", "NATO", "--store", &s, "--format", "json"]);
    assert_eq!(p["actor"]["id"], "NATO");
    let rows = p["rows"].as_array().unwrap();
    let rus = rows
        .iter()
        .find(|r| r["target"]["id"] == "RUS")
        .expect("NATO addresses Russia");
    let ev = rus["evidence"].as_array().unwrap();
    let reject = ev
        .iter()
        .find(|e| e["stance"] == "reject")
        .expect("a rejection among the evidence");
    assert_eq!(reject["doc"], "000_cca40fcf012346ae");
    assert_eq!(reject["date"], "2022-01-10");
    assert!(reject["text"]
        .as_str()
        .unwrap()
        .contains("a demand rejected by Nato"));
    // every number of the row is within its bounds
    let (sv, lo, hi) = (
        rus["s"].as_f64().unwrap(),
        rus["s_low"].as_f64().unwrap(),
        rus["s_high"].as_f64().unwrap(),
    );
    assert!((-1.0..=1.0).contains(&sv) && lo <= sv && sv <= hi);

    // the terminal table prints the same sentence under the row
    let t = run(&["profile", "nato", "--store", &s]);
    assert!(t.contains("North Atlantic Treaty Organization (NATO)"));
    assert!(t.contains("reject 0.75: \"The Russian delegation said Moscow was seeking"));
    check_golden(&root().join("tests/golden/profile_nato.txt"), t.as_bytes());
    // a QID and an alias name the same actor
    assert_eq!(run(&["profile", "Q7184", "--store", &s]), t);
}

#[test]
fn compare_usa_russia_diverges_on_nato_and_nato_enlargement() {
    let (_t, s) = bundled_store();
    let c = json(&[
        "compare",
        "USA",
        "RUS",
        "--roll-up",
        "--store",
        &s,
        "--format",
        "json",
    ]);
    let shared = c["shared"].as_array().unwrap();
    let nato = shared
        .iter()
        .find(|r| r["target"]["id"] == "NATO")
        .expect("with --roll-up both address NATO");
    let (sa, sb, d) = (
        nato["a"]["s"].as_f64().unwrap(),
        nato["b"]["s"].as_f64().unwrap(),
        nato["delta"].as_f64().unwrap(),
    );
    assert!(sa > sb && d > 0.5, "USA {sa} vs RUS {sb}");
    assert!((d - (sa - sb)).abs() < 1e-3);
    // on NATO enlargement: the US for the freedom of nations to choose their alliances, Russia
    // demanding a ban on further expansion (both in the seed article)
    let enl = shared
        .iter()
        .find(|r| r["target"]["id"] == "nato-enlargement")
        .expect("both take a stance on NATO enlargement");
    assert!(enl["a"]["s"].as_f64().unwrap() > 0.0, "{enl}");
    assert!(enl["b"]["s"].as_f64().unwrap() < 0.0, "{enl}");
    assert!(enl["delta"].as_f64().unwrap() > 1.0, "{enl}");
    // the agreement is computed on the shared targets only, and says how many
    let g = &c["agreement"];
    assert_eq!(g["shared"].as_u64().unwrap() as usize, shared.len());
    for k in ["same_sign", "s_score"] {
        let v = g[k].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&v), "{k} {v}");
    }
    // the largest divergences come with evidence on both sides
    for d in c["divergences"].as_array().unwrap() {
        assert!(!d["a_evidence"].as_array().unwrap().is_empty());
        assert!(!d["b_evidence"].as_array().unwrap().is_empty());
    }
    let t = run(&["compare", "USA", "RUS", "--roll-up", "--store", &s]);
    assert!(t.contains("agreement over the") && t.contains("shared targets only"));
    check_golden(
        &root().join("tests/golden/compare_usa_rus.txt"),
        t.as_bytes(),
    );

    // narrowed to NATO
    let on = json(&[
        "compare",
        "USA",
        "RUS",
        "--roll-up",
        "--on",
        "NATO",
        "--store",
        &s,
        "--format",
        "json",
    ]);
    assert_eq!(on["shared"].as_array().unwrap().len(), 1);
    assert_eq!(on["on"]["id"], "NATO");
    // the CSV has one line per shared target
    let csv = run(&[
        "compare",
        "USA",
        "RUS",
        "--roll-up",
        "--store",
        &s,
        "--format",
        "csv",
    ]);
    assert_eq!(csv.lines().count(), shared.len() + 1);
    assert!(csv.starts_with("target,label,kind,n_a,s_a,"));
}

#[test]
fn matrix_and_dyad_write_csv_and_svg() {
    let (t, s) = bundled_store();
    let csv = t.path().join("m.csv");
    let svg = t.path().join("m.svg");
    let out = run(&[
        "matrix",
        "USA",
        "GBR",
        "NATO",
        "UKR",
        "RUS",
        "--roll-up",
        "--store",
        &s,
        "--csv",
        csv.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(out.contains("most and least similar"));
    check_golden(&root().join("tests/golden/matrix.txt"), out.as_bytes());
    let csv_text = std::fs::read_to_string(&csv).unwrap();
    assert!(csv_text.starts_with("actor,label,USA,GBR,NATO,UKR,RUS\r\n"));
    assert_eq!(csv_text.lines().count(), 6);
    let svg_text = std::fs::read(&svg).unwrap();
    check_golden(&root().join("tests/golden/matrix.svg"), &svg_text);
    let m = json(&[
        "matrix",
        "USA",
        "GBR",
        "NATO",
        "UKR",
        "RUS",
        "--roll-up",
        "--store",
        &s,
        "--format",
        "json",
        "--measure",
        "cosine",
    ]);
    assert_eq!(m["measure"], "cosine");
    let values = m["values"].as_array().unwrap();
    for (i, row) in values.iter().enumerate() {
        for (j, v) in row.as_array().unwrap().iter().enumerate() {
            assert_eq!(v, &values[j][i], "symmetric");
            if let Some(x) = v.as_f64() {
                assert!((-1.0..=1.0).contains(&x));
            }
        }
    }

    let dcsv = t.path().join("d.csv");
    let dsvg = t.path().join("d.svg");
    let out = run(&[
        "dyad",
        "USA",
        "RUS",
        "--roll-up",
        "--by",
        "quarter",
        "--store",
        &s,
        "--csv",
        dcsv.to_str().unwrap(),
        "--svg",
        dsvg.to_str().unwrap(),
    ]);
    check_golden(
        &root().join("tests/golden/dyad_usa_rus.txt"),
        out.as_bytes(),
    );
    let d = std::fs::read_to_string(&dcsv).unwrap();
    assert!(d.starts_with("period,start,actor,target,n,q1,q2,q3,q4,goldstein_mean\r\n"));
    // two lines per quarter, quarters contiguous from the first statement to the last
    let quarters: Vec<&str> = d.lines().skip(1).step_by(2).map(|l| &l[..7]).collect();
    assert!(quarters.len() > 4 && quarters.first() < quarters.last());
    let total: usize = d
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap().parse::<usize>().unwrap())
        .sum();
    let j = json(&[
        "dyad",
        "USA",
        "RUS",
        "--roll-up",
        "--by",
        "quarter",
        "--store",
        &s,
        "--format",
        "json",
    ]);
    assert_eq!(
        total as u64,
        j["total_a_to_b"]["n"].as_u64().unwrap() + j["total_b_to_a"]["n"].as_u64().unwrap()
            - j["undated"].as_u64().unwrap()
    );
    let svg_text = std::fs::read(&dsvg).unwrap();
    let text = String::from_utf8_lossy(&svg_text);
    assert!(text.contains("mean Goldstein") && text.contains("USA → RUS"));
    check_golden(&root().join("tests/golden/dyad.svg"), &svg_text);
}

#[test]
fn blocs_report_balance_camps_and_ranks() {
    let (_t, s) = bundled_store();
    let b = json(&["blocs", "--roll-up", "--store", &s, "--format", "json"]);
    let triads = b["triads"].as_u64().unwrap();
    let balanced = b["balanced"].as_u64().unwrap();
    assert!(triads > 0 && balanced <= triads);
    let ratio = b["balance_ratio"].as_f64().unwrap();
    assert!((ratio - balanced as f64 / triads as f64).abs() < 1e-3);
    assert_eq!(b["unbalanced_total"].as_u64().unwrap(), triads - balanced);
    for t in b["unbalanced"].as_array().unwrap() {
        let signs: Vec<&str> = t["ties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["sign"].as_str().unwrap())
            .collect();
        let negatives = signs.iter().filter(|s| **s == "-").count();
        assert!(
            negatives == 1 || negatives == 3,
            "{signs:?} is not unbalanced"
        );
        assert!(t["ties"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| !x["evidence"].as_array().unwrap().is_empty()));
    }
    let pr: f64 = b["pagerank"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .sum();
    assert!((pr - 1.0).abs() < 1e-3);
    let t = run(&["blocs", "--roll-up", "--store", &s]);
    check_golden(&root().join("tests/golden/blocs.txt"), t.as_bytes());
    // the CSV is the signed tie list
    let csv = run(&["blocs", "--roll-up", "--store", &s, "--format", "csv"]);
    assert_eq!(
        csv.lines().count() as u64,
        b["ties"].as_array().unwrap().len() as u64 + 1
    );
}

#[test]
fn bad_input_gets_clear_messages() {
    let (_t, s) = bundled_store();
    // an unknown actor: exit 2 with the closest names
    let o = geokg(&["profile", "Rusia", "--store", &s], &root());
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("unknown actor or issue 'Rusia'") && e.contains("Russia (RUS)"),
        "{e}"
    );
    assert!(stdout(&o).is_empty());
    let o = geokg(
        &["compare", "USA", "Untied Kingdom", "--store", &s],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("United Kingdom (GBR)"),
        "{}",
        stderr(&o)
    );
    // an empty result says so, in every format, and is not an error
    let o = geokg(
        &["profile", "NATO", "--from", "2030-01-01", "--store", &s],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains(
        "no statements by North Atlantic Treaty Organization (NATO) in the store (from 2030-01-01)"
    ));
    let o = geokg(
        &[
            "dyad",
            "USA",
            "RUS",
            "--to",
            "2000-01-01",
            "--store",
            &s,
            "--format",
            "json",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("no statements between"));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["periods"].as_array().unwrap().len(), 0);
    // (statements dated by the sentence go back to 1905, "in 1905"; nothing is older than 1800)
    let o = geokg(&["blocs", "--to", "1800-01-01", "--store", &s], &root());
    assert!(stdout(&o).contains("no signed tie between actors"));
    let o = geokg(&["compare", "MNG", "USA", "--store", &s], &root());
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("address no common target"));
    // bad options
    let o = geokg(
        &["profile", "NATO", "--min-confidence", "2", "--store", &s],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--min-confidence 2 is not between 0 and 1"));
    let o = geokg(
        &[
            "profile",
            "NATO",
            "--from",
            "2022-03-01",
            "--to",
            "2022-01-01",
            "--store",
            &s,
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    let o = geokg(&["compare", "USA", "United States", "--store", &s], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("the same actor"));
    let o = geokg(&["matrix", "--store", "/nonexistent/store"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no store at /nonexistent/store"));
}

#[test]
fn windows_change_the_numbers() {
    let (_t, s) = bundled_store();
    // January 2022 (the seed article) against March 2025 (the VOA ceasefire stories)
    let jan = json(&[
        "profile",
        "RUS",
        "--from",
        "2022-01-01",
        "--to",
        "2022-01-31",
        "--store",
        &s,
        "--format",
        "json",
        "--limit",
        "0",
    ]);
    let mar = json(&[
        "profile",
        "RUS",
        "--from",
        "2025-03-01",
        "--to",
        "2025-03-31",
        "--store",
        &s,
        "--format",
        "json",
        "--limit",
        "0",
    ]);
    let all = json(&[
        "profile", "RUS", "--store", &s, "--format", "json", "--limit", "0",
    ]);
    let n = |v: &Value| v["statements"].as_u64().unwrap();
    assert!(n(&jan) > 0 && n(&mar) > 0);
    assert!(n(&jan) + n(&mar) <= n(&all));
    for r in jan["rows"].as_array().unwrap() {
        for e in r["evidence"].as_array().unwrap() {
            assert!(e["date"].as_str().unwrap().starts_with("2022-01"));
        }
    }
}

/// The analyses read tallies where they can; `--no-tallies` reads every statement. Both give
/// the same report, byte for byte, over windows that cut months, confidence floors on and off
/// a band edge, and roll-up.
#[test]
fn tallies_and_statements_give_the_same_reports() {
    let (_t, s) = bundled_store();
    let runs: &[&[&str]] = &[
        &["profile", "NATO"],
        &["profile", "USA", "--roll-up"],
        &[
            "profile",
            "RUS",
            "--from",
            "2022-01-05",
            "--to",
            "2022-02-20",
        ],
        &["profile", "USA", "--min-confidence", "0.8"],
        &["profile", "USA", "--min-confidence", "0.77", "--roll-up"],
        &["compare", "USA", "RUS", "--roll-up"],
        &[
            "compare",
            "RUS",
            "UKR",
            "--from",
            "2022-01-05",
            "--to",
            "2022-02-20",
            "--roll-up",
        ],
        &[
            "compare",
            "USA",
            "RUS",
            "--on",
            "NATO",
            "--min-confidence",
            "0.75",
        ],
        &["matrix", "--from", "2022-01-15"],
        &[
            "matrix",
            "--from",
            "2021-12-01",
            "--to",
            "2022-03-31",
            "--roll-up",
        ],
        &[
            "dyad",
            "USA",
            "RUS",
            "--by",
            "month",
            "--roll-up",
            "--from",
            "2021-12-10",
        ],
        &["dyad", "USA", "RUS", "--by", "quarter"],
        &["dyad", "USA", "RUS", "--by", "week", "--to", "2022-03-31"],
        &["blocs", "--limit", "3"],
        &[
            "blocs",
            "--roll-up",
            "--from",
            "2022-01-15",
            "--to",
            "2022-03-31",
        ],
    ];
    for args in runs {
        let mut with: Vec<&str> = args.to_vec();
        with.extend(["--store", &s, "--format", "json"]);
        let tallies = run(&with);
        with.push("--no-tallies");
        let statements = run(&with);
        assert_eq!(tallies, statements, "{args:?}");
    }
}

#[test]
fn tallies_check_and_rebuild() {
    let (_t, s) = bundled_store();
    let o = geokg(&["tallies", "--store", &s], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("the tallies agree with the statements"));
    // a SPARQL-level change behind geokg's back: drop one tally
    let kg = geokg::store::KgStore::open(std::path::Path::new(&s)).unwrap();
    let g = geokg::vocab::tally_graph_iri(false, false);
    let victim = kg
        .stored_tallies()
        .unwrap()
        .0
        .into_iter()
        .find(|q| q.graph_name.to_string() == format!("<{g}>"))
        .unwrap();
    kg.inner().remove(&victim).unwrap();
    drop(kg);
    let o = geokg(&["tallies", "--store", &s], &root());
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stderr(&o).contains(
        &victim
            .subject
            .to_string()
            .trim_matches(['<', '>'])
            .to_owned()
    ));
    assert!(stderr(&o).contains("geokg tallies --rebuild"));
    let o = geokg(&["tallies", "--rebuild", "--store", &s], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    let o = geokg(&["tallies", "--store", &s], &root());
    assert!(o.status.success(), "{}", stderr(&o));
}
