//! The graph exports and the analyses read one stance graph: for windows (whole and partial
//! months), confidence floors (on and off a 0.05 band edge), `--roll-up` and `--actor`, the
//! edge counts and Goldstein sums of the exported GraphML equal the rows `profile` reports,
//! and the shared targets it implies equal the ones `matrix` reports (on the bundled store).
//! The analyses read the tallies where they answer; the exports read the statements.

use super::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn run(args: &[&str]) -> String {
    let o = geokg(args, &root());
    assert!(o.status.success(), "{:?}: {}", args, stderr(&o));
    stdout(&o)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// (source, target) -> (count, Goldstein sum) of a GraphML document.
fn graphml_edges(doc: &str) -> BTreeMap<(String, String), (usize, f64)> {
    let mut out = BTreeMap::new();
    for part in doc.split("<edge id=").skip(1) {
        let attr = |name: &str| -> String {
            let start = part.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            unescape(&part[start..start + part[start..].find('"').unwrap()])
        };
        let data = |key: &str| -> String {
            let tag = format!("<data key=\"{key}\">");
            let start = part.find(&tag).unwrap_or_else(|| panic!("{key} in {part}")) + tag.len();
            part[start..start + part[start..].find('<').unwrap()].to_owned()
        };
        out.insert(
            (attr("source"), attr("target")),
            (
                data("count").parse().unwrap(),
                data("goldstein_sum").parse().unwrap(),
            ),
        );
    }
    out
}

struct Case {
    window: &'static [&'static str],
    floor: Option<&'static str>,
    roll_up: bool,
    actor: Option<&'static str>,
}

impl Case {
    fn flags(&self) -> Vec<&'static str> {
        let mut f: Vec<&'static str> = self.window.to_vec();
        if let Some(c) = self.floor {
            f.extend(["--min-confidence", c]);
        }
        if self.roll_up {
            f.push("--roll-up");
        }
        f
    }
}

#[test]
fn graphml_edges_equal_profile_and_matrix() {
    let t = tmp();
    let store = t.path().join("store");
    let s = store.to_str().unwrap();
    let o = geokg(&["build", "--store", s, "--no-exports"], &root());
    assert!(o.status.success(), "{}", stderr(&o));

    const WHOLE: &[&str] = &["--from", "2019-09-01", "--to", "2020-01-31"];
    const PARTIAL: &[&str] = &["--from", "2019-10-10", "--to", "2025-03-20"];
    let cases = [
        Case {
            window: &[],
            floor: None,
            roll_up: false,
            actor: None,
        },
        Case {
            window: &[],
            floor: None,
            roll_up: true,
            actor: None,
        },
        Case {
            window: WHOLE,
            floor: Some("0.55"),
            roll_up: false,
            actor: None,
        },
        Case {
            window: PARTIAL,
            floor: Some("0.82"),
            roll_up: true,
            actor: None,
        },
        Case {
            window: PARTIAL,
            floor: Some("0.8"),
            roll_up: false,
            actor: Some("RUS"),
        },
        Case {
            window: &[],
            floor: Some("0.83"),
            roll_up: true,
            actor: Some("RUS"),
        },
        Case {
            window: WHOLE,
            floor: None,
            roll_up: true,
            actor: Some("USA"),
        },
    ];
    let mut checked = 0;
    for case in &cases {
        let flags = case.flags();
        let mut args = vec!["export", "--format", "graphml", "--store", s];
        args.extend(&flags);
        if let Some(a) = case.actor {
            args.extend(["--actor", a]);
        }
        let edges = graphml_edges(&run(&args));
        assert!(!edges.is_empty(), "{args:?} exports no edge");

        // each source's edges against its profile (the busiest eight sources)
        let mut out: BTreeMap<&str, usize> = BTreeMap::new();
        for ((a, _), (n, _)) in &edges {
            *out.entry(a.as_str()).or_default() += n;
        }
        let mut sources: Vec<(&str, usize)> = out.into_iter().collect();
        sources.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        for &(a, _) in sources.iter().take(8) {
            let mut pargs = vec![
                "profile",
                a,
                "--limit",
                "0",
                "--evidence",
                "0",
                "--format",
                "json",
                "--store",
                s,
            ];
            pargs.extend(&flags);
            let p: Value = serde_json::from_str(&run(&pargs)).unwrap();
            let rows: BTreeMap<String, (usize, f64)> = p["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    let n = r["n"].as_u64().unwrap() as usize;
                    let mean = r["goldstein_mean"].as_f64().unwrap();
                    (r["target"]["id"].as_str().unwrap().to_owned(), (n, mean))
                })
                .collect();
            let mine: BTreeMap<String, (usize, f64)> = edges
                .iter()
                .filter(|((x, _), _)| x == a)
                .map(|((_, t), v)| (t.clone(), *v))
                .collect();
            let targets: BTreeSet<&String> = mine.keys().collect();
            assert_eq!(
                targets,
                rows.keys().collect::<BTreeSet<_>>(),
                "{a} {flags:?}: the targets of the export and of profile"
            );
            for (t, (n, sum)) in &mine {
                let (pn, mean) = rows[t];
                assert_eq!(*n, pn, "{a} -> {t} {flags:?}: statements");
                // profile rounds the mean to 4 decimals, the export the sum to 3
                assert!(
                    (sum - mean * pn as f64).abs() <= 5e-5 * pn as f64 + 5e-4,
                    "{a} -> {t} {flags:?}: Goldstein sum {sum} against mean {mean} × {pn}"
                );
                checked += 1;
            }
        }

        // shared targets of the busiest actors against matrix (over the whole graph only)
        if case.actor.is_none() {
            let actors: Vec<&str> = sources.iter().take(6).map(|x| x.0).collect();
            let mut margs = vec!["matrix"];
            margs.extend(&actors);
            margs.extend(["--format", "json", "--store", s]);
            margs.extend(&flags);
            let m: Value = serde_json::from_str(&run(&margs)).unwrap();
            let ids: Vec<&str> = m["actors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["id"].as_str().unwrap())
                .collect();
            assert_eq!(ids, actors, "{flags:?}");
            let targets = |a: &str| -> BTreeSet<&str> {
                edges
                    .keys()
                    .filter(|(x, _)| x == a)
                    .map(|(_, t)| t.as_str())
                    .collect()
            };
            for (i, a) in actors.iter().enumerate() {
                for (j, b) in actors.iter().enumerate() {
                    if i == j {
                        continue;
                    }
                    let shared = targets(a)
                        .intersection(&targets(b))
                        .filter(|t| *t != a && *t != b)
                        .count();
                    assert_eq!(
                        m["shared"][i][j].as_u64().unwrap() as usize,
                        shared,
                        "{a} and {b} {flags:?}: shared targets"
                    );
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} edges compared");

    // the statement tables keep each row's own actor: --roll-up is refused there
    let o = geokg(
        &["export", "--format", "csv", "--roll-up", "--store", s],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--roll-up"), "{}", stderr(&o));
}

#[test]
fn centrality_agrees_with_blocs_and_prints_csv() {
    let t = tmp();
    let store = t.path().join("store");
    let s = store.to_str().unwrap();
    let o = geokg(&["build", "--store", s, "--no-exports"], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    for flags in [&[][..], &["--roll-up", "--threshold", "0.2"][..]] {
        let mut cargs = vec!["centrality", "--format", "json", "--store", s];
        cargs.extend(flags);
        let c: Value = serde_json::from_str(&run(&cargs)).unwrap();
        let mut bargs = vec!["blocs", "--format", "json", "--store", s];
        bargs.extend(flags);
        let b: Value = serde_json::from_str(&run(&bargs)).unwrap();
        // the same support graph: the same components and PageRank
        assert_eq!(
            c["support"]["components"], b["support_components"],
            "{flags:?}"
        );
        let ranks: BTreeMap<&str, f64> = b["pagerank"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["id"].as_str().unwrap(), r["score"].as_f64().unwrap()))
            .collect();
        let actors = c["actors"].as_array().unwrap();
        assert!(!ranks.is_empty());
        for (id, score) in &ranks {
            let row = actors.iter().find(|a| a["id"] == *id).unwrap();
            let pr = row["support"]["pagerank"].as_f64().unwrap();
            assert!((pr - score).abs() < 1e-6, "{id}: {pr} against {score}");
            assert!(
                row["support"]["out_degree"].as_u64().unwrap()
                    + row["support"]["in_degree"].as_u64().unwrap()
                    > 0
            );
        }
        // and the same signed graph
        assert_eq!(c["signed"]["triads"], b["triads"]);
        assert_eq!(c["signed"]["balanced"], b["balanced"]);
        assert_eq!(
            c["signed"]["ties"].as_u64().unwrap() as usize,
            b["ties"].as_array().unwrap().len()
        );
        // betweenness is normalised
        for a in actors {
            for g in ["support", "conflict"] {
                let x = a[g]["betweenness"].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&x), "{a}");
            }
        }
        let mut csv_args = vec!["centrality", "--format", "csv", "--store", s];
        csv_args.extend(flags);
        let csv = run(&csv_args);
        assert!(csv.starts_with("id,label,kind,support_out,"));
        assert_eq!(csv.lines().count(), actors.len() + 1);
    }
}

/// The graph exports read from the tallies (their `gk:tallyDetail` for stances and days) are
/// the bytes of the ones read from the statements, on the bundled store: open and bounded
/// windows (whole and partial months), `--roll-up`, `--actor`, `--min-count`, and a floor.
#[test]
fn graph_exports_from_tallies_equal_exports_from_statements() {
    use geokg::export::{
        export, export_from_statements, ExportFilter, ExportFormat, ExportOptions,
    };
    let t = tmp();
    let store = t.path().join("store");
    let o = geokg(
        &["build", "--store", store.to_str().unwrap(), "--no-exports"],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let kg = geokg::store::KgStore::open(&store).unwrap();
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    let filters = [
        ExportFilter::default(),
        ExportFilter {
            roll_up: true,
            ..ExportFilter::default()
        },
        ExportFilter {
            from: d("2019-09-01"),
            to: d("2020-01-31"),
            ..ExportFilter::default()
        },
        ExportFilter {
            from: d("2019-10-10"),
            to: d("2025-03-20"),
            roll_up: true,
            ..ExportFilter::default()
        },
        ExportFilter {
            min_count: Some(2),
            roll_up: true,
            ..ExportFilter::default()
        },
        ExportFilter {
            actor: Some("RUS".to_owned()),
            roll_up: true,
            from: d("2022-01-01"),
            ..ExportFilter::default()
        },
        // a floor: both read the statements
        ExportFilter {
            min_confidence: Some(0.8),
            ..ExportFilter::default()
        },
    ];
    let formats = [
        ExportFormat::Dot,
        ExportFormat::GraphMl,
        ExportFormat::Gexf,
        ExportFormat::Cyjs,
    ];
    for filter in filters {
        for format in formats {
            let opts = ExportOptions {
                filter: filter.clone(),
                ..ExportOptions::default()
            };
            let tallied = export(&kg, format, &opts).unwrap();
            let scanned = export_from_statements(&kg, format, &opts).unwrap();
            assert!(
                tallied == scanned,
                "{format} with {filter:?}:\n--- tallies\n{}\n--- statements\n{}",
                String::from_utf8_lossy(&tallied),
                String::from_utf8_lossy(&scanned)
            );
        }
        // not an empty graph: the comparison says something
        let opts = ExportOptions {
            filter: filter.clone(),
            ..ExportOptions::default()
        };
        let doc = String::from_utf8(export(&kg, ExportFormat::GraphMl, &opts).unwrap()).unwrap();
        assert!(doc.contains("<edge id="), "{filter:?}");
        assert!(doc.contains("first_date"), "{filter:?}");
    }
}
