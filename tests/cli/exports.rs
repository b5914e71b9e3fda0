//! `geokg export`: every graph and RDF format of the bundled build read back by tools that are
//! not geokg's (rapper, N3.js, rdflib, NetworkX, pySHACL, GraphViz), the filters, format
//! inference and errors, and the committed samples in exports/ (graph.graphml, graph.gexf,
//! graph.cyjs, seed.svg; tests/cli/main.rs checks the others).
//!
//! A missing external tool skips its check on a developer machine and fails under CI (`CI`
//! set), where .ci/run installs all of them.

use super::*;
use std::collections::BTreeMap;

struct Built {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    store: PathBuf,
    out: PathBuf,
}

/// `geokg build` of the bundled articles into a fresh store and exports folder.
fn build_bundled() -> Built {
    let dir = tmp();
    let store = dir.path().join("store");
    let out = dir.path().join("exports");
    let o = geokg(
        &[
            "build",
            "--store",
            store.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    Built {
        dir: dir.path().to_owned(),
        _dir: dir,
        store,
        out,
    }
}

/// `geokg export --store STORE ARGS…`.
fn export(store: &Path, args: &[&str]) -> Output {
    let mut all = vec!["export", "--store", store.to_str().unwrap()];
    all.extend_from_slice(args);
    geokg(&all, &root())
}

/// Exports to `dir/name` and returns the path.
fn export_file(store: &Path, dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut all = args.to_vec();
    all.extend_from_slice(&["-o", path.to_str().unwrap()]);
    let o = export(store, &all);
    assert!(o.status.success(), "export {name} {args:?}: {}", stderr(&o));
    path
}

/// Whether an external tool is there; under CI a missing one is a failure.
fn have(what: &str, present: bool) -> bool {
    if !present {
        assert!(
            std::env::var_os("CI").is_none(),
            "{what} is required in CI (.ci/run installs it)"
        );
        eprintln!("skipping the {what} check: not installed");
    }
    present
}

fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn python(script: &str, args: &[&str]) -> String {
    let o = Command::new("python3")
        .arg("-c")
        .arg(script)
        .args(args)
        .output()
        .expect("run python3");
    assert!(
        o.status.success(),
        "python failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Where the `n3` npm package is (`GEOKG_NODE_MODULES`, else the folder .ci/run installs to).
fn n3_modules() -> Option<PathBuf> {
    let dir = std::env::var_os("GEOKG_NODE_MODULES")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/geokg/node/node_modules"))
        })?;
    (which("node") && dir.join("n3").is_dir()).then_some(dir)
}

/// (count, triple terms) by N3.js.
fn n3_count(modules: &Path, file: &Path, format: &str) -> (usize, usize) {
    let o = Command::new("node")
        .arg(root().join("tests/tools/n3_count.js"))
        .arg(file)
        .arg(format)
        .env("NODE_PATH", modules)
        .output()
        .expect("run node");
    assert!(
        o.status.success(),
        "N3.js failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    let n: Vec<usize> = out.split_whitespace().map(|x| x.parse().unwrap()).collect();
    (n[0], n[1])
}

/// Triples or quads counted by rapper.
fn rapper_count(file: &Path, parser: &str) -> usize {
    let r = Command::new("rapper")
        .args(["-i", parser, "-c", file.to_str().unwrap()])
        .output()
        .unwrap();
    let msg = String::from_utf8_lossy(&r.stderr);
    assert!(r.status.success(), "rapper -i {parser} failed: {msg}");
    msg.split("returned ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{msg}"))
}

fn lines(path: &Path) -> usize {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count()
}

const RDFLIB_COUNT: &str = r#"
import sys, rdflib
ds = rdflib.Dataset()
ds.parse(sys.argv[1], format=sys.argv[2])
print(sum(1 for _ in ds.quads((None, None, None, None))))
"#;

/// Every RDF format in both versions: the counts of independent parsers equal what geokg
/// wrote, and RDF 1.2 differs from 1.1 by exactly one reifier per statement.
#[test]
fn every_rdf_export_parses_with_an_independent_parser() {
    let b = build_bundled();
    let d = &b.dir;
    let statements = lines(&b.out.join("statements.jsonl"));
    assert!(statements > 100, "{statements} statements");

    let nt11 = export_file(&b.store, d, "v11.nt", &["--rdf", "1.1"]);
    let nq11 = export_file(&b.store, d, "v11.nq", &["--rdf", "1.1"]);
    let nt12 = export_file(&b.store, d, "v12.nt", &["--rdf", "1.2"]);
    let nq12 = export_file(&b.store, d, "v12.nq", &["--rdf", "1.2"]);
    // RDF 1.1 is the default of every format
    for (name, explicit) in [("default.nt", &nt11), ("default.nq", &nq11)] {
        let default = export_file(&b.store, d, name, &[]);
        assert!(
            std::fs::read(default).unwrap() == std::fs::read(explicit).unwrap(),
            "{name} is RDF 1.1"
        );
    }
    let (triples11, quads11) = (lines(&nt11), lines(&nq11));
    let (triples12, quads12) = (lines(&nt12), lines(&nq12));
    assert_eq!(
        quads12 - quads11,
        statements,
        "one rdf:reifies per statement"
    );
    assert_eq!(triples12 - triples11, statements);
    // RDF 1.1 has no rdf:reifies; the committed-style sample kg.trig is the RDF 1.1 TriG.
    let reifies = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies>";
    let nq = std::fs::read_to_string(&nq11).unwrap();
    assert!(!nq.lines().any(|l| l.contains(reifies)));
    let trig11 = export_file(&b.store, d, "v11.trig", &["--rdf", "1.1"]);
    assert!(std::fs::read(trig11).unwrap() == std::fs::read(b.out.join("kg.trig")).unwrap());

    if have("rapper", which("rapper")) {
        for (file, args, parser, expected) in [
            // the default export, as a user who has never heard of --rdf writes it
            ("a.ttl", vec![], "turtle", triples11),
            ("a.nt", vec![], "ntriples", triples11),
            ("a.nq", vec!["--rdf", "1.1"], "nquads", quads11),
            ("b.ttl", vec!["--rdf", "1.1"], "turtle", triples11),
            ("a.trig", vec!["--rdf", "1.1"], "trig", quads11),
            ("b.trig", vec![], "trig", quads11),
            // RDF/XML is RDF 1.1 without being asked
            ("a.rdf", vec![], "rdfxml", triples11),
        ] {
            let path = export_file(&b.store, d, file, &args);
            assert_eq!(rapper_count(&path, parser), expected, "{file}");
        }
        assert_eq!(rapper_count(&b.out.join("kg.trig"), "trig"), quads11);
        // what README and `export --help` say: rapper does not read RDF 1.2
        let v12 = export_file(&b.store, d, "v12.ttl", &["--rdf", "1.2"]);
        let r = Command::new("rapper")
            .args(["-i", "turtle", "-c", v12.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            !r.status.success(),
            "rapper now reads RDF 1.2 Turtle: update README and `export --help`"
        );
    }
    if have("rdflib", python_has("rdflib")) {
        // JSON-LD is RDF 1.1 without being asked; rapper does not read it
        let path = export_file(&b.store, d, "a.jsonld", &[]);
        let n: usize = python(RDFLIB_COUNT, &[path.to_str().unwrap(), "json-ld"])
            .trim()
            .parse()
            .unwrap();
        assert_eq!(n, quads11, "rdflib on JSON-LD");
    }
    if let Some(modules) = have_n3() {
        for (file, format, expected) in [
            ("c.nt", "N-Triples", triples12),
            ("c.nq", "N-Quads", quads12),
            ("c.ttl", "Turtle", triples12),
            ("c.trig", "TriG", quads12),
        ] {
            let path = export_file(&b.store, d, file, &["--rdf", "1.2"]);
            let (n, terms) = n3_count(&modules, &path, format);
            assert_eq!(n, expected, "N3.js on {file}");
            assert_eq!(terms, statements, "triple terms in {file}");
        }
        // and the default RDF 1.1 files, with no triple term
        for (file, format, expected) in
            [("d.ttl", "Turtle", triples11), ("d.trig", "TriG", quads11)]
        {
            let path = export_file(&b.store, d, file, &[]);
            assert_eq!(
                n3_count(&modules, &path, format),
                (expected, 0),
                "N3.js on {file}"
            );
        }
    }
    if have("rdflib", python_has("rdflib")) {
        // rdflib reads the RDF 1.1 Turtle and TriG too
        for (file, format, expected) in
            [("e.ttl", "turtle", triples11), ("e.trig", "trig", quads11)]
        {
            let path = export_file(&b.store, d, file, &[]);
            let n: usize = python(RDFLIB_COUNT, &[path.to_str().unwrap(), format])
                .trim()
                .parse()
                .unwrap();
            assert_eq!(n, expected, "rdflib on {file}");
        }
        // what README and `export --help` say: rdflib 7 does not read RDF 1.2
        let v12 = export_file(&b.store, d, "f.ttl", &["--rdf", "1.2"]);
        let o = Command::new("python3")
            .arg("-c")
            .arg(RDFLIB_COUNT)
            .args([v12.to_str().unwrap(), "turtle"])
            .output()
            .unwrap();
        assert!(
            !o.status.success(),
            "rdflib now reads RDF 1.2 Turtle: update README and `export --help`"
        );
    }

    // RDF 1.2 is refused where it cannot be written, with the way out.
    for f in ["jsonld", "rdfxml"] {
        let o = export(&b.store, &["--format", f, "--rdf", "1.2"]);
        assert_eq!(o.status.code(), Some(2), "{f}");
        assert!(stderr(&o).contains("--rdf 1.1"), "{}", stderr(&o));
    }
}

fn have_n3() -> Option<PathBuf> {
    let found = n3_modules();
    have("N3.js (node + the n3 package)", found.is_some());
    found
}

/// The SHACL shapes accept the bundled export and reject a damaged copy for the right
/// reasons.
#[test]
fn shacl_shapes_validate_the_bundled_export() {
    if !have("pySHACL", python_has("pyshacl")) {
        return;
    }
    let b = build_bundled();
    let shapes = root().join("ontology/shapes.ttl");
    let nt = export_file(&b.store, &b.dir, "kg.nt", &["--rdf", "1.1"]);
    let validate = |file: &Path| {
        Command::new("python3")
            .args(["-m", "pyshacl", "-s"])
            .arg(&shapes)
            .args(["-df", "nt"])
            .arg(file)
            .output()
            .unwrap()
    };
    let o = validate(&nt);
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success() && report.contains("Conforms: True"),
        "{report}{}",
        String::from_utf8_lossy(&o.stderr)
    );

    // Damage: one statement loses its actor, another gets a confidence of 1.5, and one direct
    // triple disappears.
    let text = std::fs::read_to_string(&nt).unwrap();
    let actor = "<https://w3id.org/geokg/ontology#actor>";
    let conf = "<https://w3id.org/geokg/ontology#confidence>";
    let stance_ns = "> <https://w3id.org/geokg/stance/";
    let (mut dropped_actor, mut changed_conf, mut dropped_direct) = (None, None, None);
    let mut out = String::new();
    for line in text.lines() {
        let subject = line.split(' ').next().unwrap_or_default().to_owned();
        if dropped_actor.is_none() && line.contains(actor) {
            dropped_actor = Some(subject);
            continue;
        }
        if changed_conf.is_none()
            && line.contains(conf)
            && dropped_actor.as_deref() != Some(subject.as_str())
        {
            changed_conf = Some(subject.clone());
            out.push_str(&format!(
                "{subject} {conf} \"1.500\"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n"
            ));
            continue;
        }
        if dropped_direct.is_none()
            && line.starts_with("<https://w3id.org/geokg/id/actor/")
            && line.contains(stance_ns)
        {
            dropped_direct = Some(line.to_owned());
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    let bad = b.dir.join("bad.nt");
    std::fs::write(&bad, out).unwrap();
    let o = validate(&bad);
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(!o.status.success(), "{report}");
    assert!(report.contains("Conforms: False"), "{report}");
    let focus = |s: &str| s.trim_start_matches('<').trim_end_matches('>').to_owned();
    for (node, message) in [
        (dropped_actor.unwrap(), "exactly one gk:actor"),
        (changed_conf.unwrap(), "between 0 and 1"),
    ] {
        let node = focus(&node);
        assert!(
            report
                .split("Constraint Violation")
                .any(|v| v.contains(&node) && v.contains(message)),
            "no violation '{message}' for {node}:\n{report}"
        );
    }
    assert!(
        report.contains("has its direct triple"),
        "removing {} went unnoticed:\n{report}",
        dropped_direct.unwrap()
    );
}

const NETWORKX_READ: &str = r#"
import json, sys
import networkx as nx
g = nx.read_graphml(sys.argv[1])
x = nx.read_gexf(sys.argv[2], version="1.3")
def summary(h):
    return {
        "nodes": h.number_of_nodes(),
        "edges": h.number_of_edges(),
        "count": sum(d["count"] for _, _, d in h.edges(data=True)),
        "kinds": sorted({d["kind"] for _, d in h.nodes(data=True)}),
        "qids": sum(1 for _, d in h.nodes(data=True) if "qid" in d),
        "directed": h.is_directed(),
        "edge_keys": sorted(set().union(*(d.keys() for _, _, d in h.edges(data=True)))),
    }
print(json.dumps({"graphml": summary(g), "gexf": summary(x),
                  "gexf_spells": all("spells" in d for _, _, d in x.edges(data=True))}))
"#;

const GEXF_VIZ: &str = r#"
import sys, xml.etree.ElementTree as ET
ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
root = ET.parse(sys.argv[1]).getroot()
assert root.get("version") == "1.3", root.get("version")
graph = root.find("g:graph", ns)
assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"
spells = {}
for n in graph.iterfind("g:nodes/g:node", ns):
    for tag in ("color", "size", "shape"):
        assert n.find("viz:" + tag, ns) is not None, (n.get("id"), tag)
    spells[n.get("id")] = [(s.get("start"), s.get("end")) for s in n.iterfind("g:spells/g:spell", ns)]
edges = 0
for e in graph.iterfind("g:edges/g:edge", ns):
    edges += 1
    assert e.find("viz:color", ns) is not None and e.find("viz:thickness", ns) is not None
    for s in e.iterfind("g:spells/g:spell", ns):
        # an edge exists only while both its nodes do
        for end in (e.get("source"), e.get("target")):
            assert any(a <= s.get("start") and s.get("end") <= b for a, b in spells[end]), (e.get("id"), end)
print(len(spells), edges)
"#;

/// The graph formats describe the same graph: DOT, GraphML and GEXF (read by NetworkX) and
/// Cytoscape.js JSON agree on nodes, edges and statement counts, and the committed samples
/// are current.
#[test]
fn graph_formats_agree_and_samples_are_current() {
    let b = build_bundled();
    for f in ["graph.graphml", "graph.gexf", "graph.cyjs"] {
        let actual = std::fs::read(b.out.join(f)).unwrap();
        check_golden(&root().join("exports").join(f), &actual);
    }

    // Direct statements (not negated, asserted or future) make the edges.
    let jsonl = std::fs::read_to_string(b.out.join("statements.jsonl")).unwrap();
    let direct = jsonl
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|v| {
            v["negated"] == false && matches!(v["modality"].as_str(), Some("asserted" | "future"))
        })
        .count();

    let dot = std::fs::read_to_string(b.out.join("graph.dot")).unwrap();
    let dot_edges = dot.lines().filter(|l| l.contains(" -> ")).count();
    let dot_count: usize = dot
        .lines()
        .filter(|l| l.contains(" -> "))
        .map(|l| {
            let label = l.split("label=\"").nth(1).unwrap();
            let n = label.split('×').nth(1).unwrap();
            n.split('"').next().unwrap().parse::<usize>().unwrap()
        })
        .sum();
    assert_eq!(dot_count, direct);
    // Alliance clusters from the gazetteer's memberships.
    let nato = dot
        .split("subgraph \"cluster_NATO\" {")
        .nth(1)
        .expect("a NATO cluster");
    assert!(
        nato.split("  }").next().unwrap().contains("\"USA\" ["),
        "{nato}"
    );
    assert!(
        dot.contains("subgraph \"cluster_CSTO+SCO\""),
        "Russia's cluster"
    );

    let cyjs: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(b.out.join("graph.cyjs")).unwrap()).unwrap();
    let cy_nodes = cyjs["elements"]["nodes"].as_array().unwrap();
    let cy_edges = cyjs["elements"]["edges"].as_array().unwrap();
    assert_eq!(cy_edges.len(), dot_edges);
    let cy_count: u64 = cy_edges
        .iter()
        .map(|e| e["data"]["count"].as_u64().unwrap())
        .sum();
    assert_eq!(cy_count as usize, direct);
    let ids: std::collections::BTreeSet<&str> = cy_nodes
        .iter()
        .map(|n| n["data"]["id"].as_str().unwrap())
        .collect();
    for e in cy_edges {
        assert!(ids.contains(e["data"]["source"].as_str().unwrap()));
        assert!(ids.contains(e["data"]["target"].as_str().unwrap()));
    }
    let rus = cy_nodes.iter().find(|n| n["data"]["id"] == "RUS").unwrap();
    assert_eq!(rus["data"]["qid"], "Q159");
    assert!(rus["data"]["member_of"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "CSTO"));

    if have("NetworkX", python_has("networkx")) {
        let out = python(
            NETWORKX_READ,
            &[
                b.out.join("graph.graphml").to_str().unwrap(),
                b.out.join("graph.gexf").to_str().unwrap(),
            ],
        );
        let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        for f in ["graphml", "gexf"] {
            assert_eq!(
                v[f]["nodes"].as_u64().unwrap() as usize,
                cy_nodes.len(),
                "{f}"
            );
            assert_eq!(v[f]["edges"].as_u64().unwrap() as usize, dot_edges, "{f}");
            assert_eq!(v[f]["count"].as_u64().unwrap() as usize, direct, "{f}");
            assert_eq!(v[f]["directed"], true);
            assert!(v[f]["qids"].as_u64().unwrap() > 20, "{f}: {}", v[f]);
            let kinds = v[f]["kinds"].to_string();
            for k in ["state", "organization", "person"] {
                assert!(kinds.contains(k), "{f}: {kinds}");
            }
            let keys = v[f]["edge_keys"].to_string();
            for k in ["goldstein_mean", "stances", "dominant_stance", "articles"] {
                assert!(keys.contains(k), "{f}: {keys}");
            }
        }
        assert_eq!(v["gexf_spells"], true);
        let out = python(GEXF_VIZ, &[b.out.join("graph.gexf").to_str().unwrap()]);
        assert_eq!(
            out.trim(),
            format!("{} {dot_edges}", cy_nodes.len()),
            "GEXF viz and spells"
        );
    }
}

/// Reads the statements of a JSON Lines export.
fn records(o: &Output) -> Vec<serde_json::Value> {
    assert!(o.status.success(), "{}", stderr(o));
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn filters_select_statements_and_edges() {
    let b = build_bundled();
    let s = &b.store;
    let all = records(&export(s, &["--format", "jsonl"]));

    let rus = records(&export(s, &["--format", "jsonl", "--actor", "RUS"]));
    assert!(!rus.is_empty() && rus.len() < all.len());
    assert!(rus
        .iter()
        .all(|r| r["actor"]["id"] == "RUS" || r["actor"]["code"] == "RUS"));
    assert!(
        rus.iter().any(|r| r["actor"]["kind"] == "person"),
        "Russian officials are selected by their code"
    );

    let range = records(&export(
        s,
        &[
            "--format",
            "jsonl",
            "--from",
            "2022-01-01",
            "--to",
            "2022-12-31",
        ],
    ));
    assert!(!range.is_empty() && range.len() < all.len());
    for r in &range {
        let d = r["date"].as_str().or(r["article_date"].as_str()).unwrap();
        assert!(("2022-01-01"..="2022-12-31").contains(&d), "{d}");
    }

    let confident = records(&export(
        s,
        &["--format", "jsonl", "--min-confidence", "0.85"],
    ));
    assert!(!confident.is_empty() && confident.len() < all.len());
    assert!(confident
        .iter()
        .all(|r| r["confidence"].as_f64().unwrap() >= 0.85));

    let frequent = records(&export(s, &["--format", "jsonl", "--min-count", "2"]));
    let mut dyads: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &frequent {
        *dyads
            .entry((r["actor"]["id"].to_string(), r["target"]["id"].to_string()))
            .or_insert(0) += 1;
    }
    assert!(!dyads.is_empty() && frequent.len() < all.len());
    assert!(dyads.values().all(|&n| n >= 2), "{dyads:?}");

    // The graph: every edge of --min-count 2 has two statements or more, and --actor keeps
    // the edges of that actor's side.
    let o = export(s, &["--format", "dot", "--min-count", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = stdout(&o);
    let edges: Vec<&str> = dot.lines().filter(|l| l.contains(" -> ")).collect();
    assert!(!edges.is_empty());
    for e in &edges {
        let n: usize = e
            .split('×')
            .nth(1)
            .and_then(|x| x.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        assert!(n >= 2, "{e}");
    }
    let o = export(s, &["--format", "cyjs", "--actor", "RUS"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let cy: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let nodes: BTreeMap<&str, &serde_json::Value> = cy["elements"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["data"]["id"].as_str().unwrap(), &n["data"]))
        .collect();
    let cy_edges = cy["elements"]["edges"].as_array().unwrap();
    assert!(!cy_edges.is_empty());
    for e in cy_edges {
        let src = nodes[e["data"]["source"].as_str().unwrap()];
        assert!(src["id"] == "RUS" || src["code"] == "RUS", "{e}");
    }

    // The RDF formats are the whole store: a filter there is an error, not ignored.
    let o = export(s, &["--format", "trig", "--actor", "RUS"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("whole store"), "{}", stderr(&o));
}

#[test]
fn formats_come_from_extensions_and_errors_are_clear() {
    let b = build_bundled();
    let s = &b.store;
    for (name, starts) in [
        ("g.graphml", "<?xml"),
        ("g.gexf", "<?xml"),
        ("g.cyjs", "{"),
        ("g.gv", "digraph geokg {"),
        ("s.csv", "doc,date,"),
        ("s.tsv", "doc\tdate\t"),
    ] {
        let path = export_file(s, &b.dir, name, &[]);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(starts), "{name}: {}", &text[..80]);
    }
    let gexf = std::fs::read_to_string(b.dir.join("g.gexf")).unwrap();
    assert!(gexf.contains("<gexf xmlns=\"http://gexf.net/1.3\""));

    let o = export(s, &["-o", b.dir.join("g.xyz").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("give --format"), "{}", stderr(&o));
    let o = export(s, &["--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("graphml, gexf, cyjs"), "{}", stderr(&o));
    let o = export(s, &["--format", "dot", "--rdf", "1.1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--rdf applies to the RDF formats"));
    let o = export(s, &["--format", "dot", "--layout", "circo"]);
    assert_eq!(o.status.code(), Some(2));
    let o = export(s, &["--format", "dot", "--min-confidence", "2"]);
    assert_eq!(o.status.code(), Some(2));

    // Layouts and clusters.
    let o = export(
        s,
        &["--format", "dot", "--layout", "neato", "--clusters", "none"],
    );
    let dot = stdout(&o);
    assert!(
        dot.contains("layout=neato") && !dot.contains("subgraph"),
        "{dot}"
    );
    let o = export(s, &["--format", "dot", "--clusters", "EU"]);
    let dot = stdout(&o);
    assert!(dot.contains("subgraph \"cluster_EU\"") && !dot.contains("cluster_NATO"));

    // SVG and PNG come from GraphViz; without it the message says what to install.
    let empty = b.dir.join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["export", "--store", s.to_str().unwrap(), "--format", "svg"])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("install graphviz"), "{}", stderr(&o));
    if have("GraphViz", which("dot")) {
        let png = export_file(s, &b.dir, "g.png", &["--layout", "sfdp"]);
        let bytes = std::fs::read(png).unwrap();
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let svg = export_file(s, &b.dir, "g.svg", &[]);
        let svg = std::fs::read_to_string(svg).unwrap();
        assert!(svg.contains("<svg") && svg.contains("<title>cluster_NATO</title>"));
    }
}

/// README.md shows exports/seed.svg, made by the two commands it lists.
#[test]
fn readme_seed_svg_is_current() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("![") && readme.contains("(exports/seed.svg)"));
    let build = format!("geokg build {SEED} --store .geokg/seed --no-exports");
    let export_cmd = "geokg export --store .geokg/seed -o exports/seed.svg";
    assert!(
        readme.contains(&build) && readme.contains(export_cmd),
        "README.md must list the commands that make exports/seed.svg"
    );
    if !have("GraphViz", which("dot")) {
        return;
    }
    let t = tmp();
    let store = t.path().join("seed");
    let o = geokg(
        &[
            "build",
            SEED,
            "--store",
            store.to_str().unwrap(),
            "--no-exports",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = export_file(&store, t.path(), "seed.svg", &[]);
    let bytes = std::fs::read(svg).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("Russia (RUS)") && text.contains("<title>cluster_NATO</title>"));
    check_golden(&root().join("exports/seed.svg"), &bytes);
}

/// The examples of ontology/README.md are valid: every TriG block parses as RDF 1.2 TriG, and
/// every SPARQL query runs on the seed article's store.
#[test]
fn ontology_readme_examples_are_valid() {
    let doc = std::fs::read_to_string(root().join("ontology/README.md")).unwrap();
    let blocks = |lang: &str| -> Vec<String> {
        doc.split(&format!("```{lang}\n"))
            .skip(1)
            .map(|s| s.split("```").next().unwrap().to_owned())
            .collect()
    };
    let trig = blocks("trig");
    assert!(trig.len() >= 2);
    for t in &trig {
        let quads = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::TriG)
            .for_slice(t.as_bytes())
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{e}\n{t}"));
        assert!(quads.len() > 5);
    }
    assert!(trig.iter().any(|t| t.contains("rdf:reifies <<(")));
    let t = tmp();
    let store = t.path().join("seed");
    let o = geokg(
        &[
            "build",
            SEED,
            "--store",
            store.to_str().unwrap(),
            "--no-exports",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let queries: Vec<String> = blocks("sparql")
        .iter()
        .flat_map(|b| {
            // a block may hold several queries, each after a comment line
            b.split("\n\n").map(str::to_owned).collect::<Vec<_>>()
        })
        .filter(|q| q.contains("SELECT"))
        .collect();
    assert!(queries.len() >= 5, "{queries:?}");
    for q in queries {
        let o = geokg(
            &[
                "query",
                "--store",
                store.to_str().unwrap(),
                "--format",
                "tsv",
                &q,
            ],
            &root(),
        );
        assert!(o.status.success(), "{q}\n{}", stderr(&o));
    }
}

/// The shapes use only the ontology's terms (a typo in a shape would silently check nothing).
#[test]
fn shapes_use_only_ontology_terms() {
    let text = std::fs::read_to_string(root().join("ontology/shapes.ttl")).unwrap();
    let quads = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::Turtle)
        .for_slice(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let mut used = std::collections::BTreeSet::new();
    for q in &quads {
        for term in [
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        ] {
            if let Some(iri) = term.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
                if iri.starts_with(geokg::vocab::GK) {
                    used.insert(iri.to_owned());
                }
            }
        }
    }
    assert!(used.len() > 20, "{used:?}");
    for iri in &used {
        assert!(
            geokg::vocab::ALL_TERMS.contains(&iri.as_str()),
            "shapes.ttl uses {iri}, which the ontology does not define"
        );
    }
}
