//! `geokg serve` and `geokg push` over real HTTP on 127.0.0.1, and the store directory opened
//! by the official `oxigraph serve` (oxigraph-cli, from the `oxigraph` package on PyPI).

use super::*;
use geokg::push::http;
use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A port nothing listens on right now.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server process, killed when dropped (also when a test panics).
pub(crate) struct Running {
    pub(crate) child: Child,
    what: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts a server and waits until its port accepts connections.
pub(crate) fn start(mut cmd: Command, port: u16, what: &str) -> Running {
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let mut running = Running {
        child,
        what: what.to_owned(),
    };
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = running.child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = running.child.stderr.take() {
                use std::io::Read;
                let _ = e.read_to_string(&mut err);
            }
            panic!("{} exited with {status}: {err}", running.what);
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{} did not listen on port {port} within 60 s",
            running.what
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    running
}

/// An HTTP request on 127.0.0.1; returns (status, content type, body).
pub(crate) fn call(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let r = http::request(
        method,
        url,
        headers,
        body.as_bytes(),
        Duration::from_secs(60),
    )
    .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let ct = r.header("content-type").unwrap_or("").to_owned();
    (r.status, ct, r.text())
}

pub(crate) fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

pub(crate) fn build_store(dir: &Path, inputs: &[&str]) {
    let mut args = vec!["build", "--store", dir.to_str().unwrap(), "--no-exports"];
    args.extend_from_slice(inputs);
    let o = geokg(&args, &root());
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Quads counted by `geokg query` (the store must not be open elsewhere).
pub(crate) fn geokg_count(store: &Path, q: &str) -> u64 {
    let o = geokg(
        &[
            "query",
            "--store",
            store.to_str().unwrap(),
            "--format",
            "csv",
            q,
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().nth(1).unwrap().trim().parse().unwrap()
}

/// The update token of the tests' servers.
pub(crate) const TOKEN: &str = "geokg-test-token-0123456789";

pub(crate) const COUNT_QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";

pub(crate) fn sparql_count(base: &str, q: &str) -> u64 {
    let (status, _, body) = call(
        "GET",
        &format!("{base}/query?query={}", enc(q)),
        &[("Accept", "text/csv")],
        "",
    );
    assert_eq!(status, 200, "{body}");
    body.lines().nth(1).unwrap().trim().parse().unwrap()
}

#[test]
fn geokg_serve_speaks_the_sparql_protocol() {
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let quads = geokg_count(&store, COUNT_QUADS);
    let nato_query = "SELECT DISTINCT ?stance ?target WHERE { ?s a gk:StanceStatement ; gk:actorCode \"NATO\" ; gk:stance ?st ; gk:target ?t . ?st skos:prefLabel ?stance . ?t rdfs:label ?target } ORDER BY ?stance ?target";
    let expected_tsv = stdout(&geokg(
        &[
            "query",
            "--store",
            store.to_str().unwrap(),
            "--format",
            "tsv",
            nato_query,
        ],
        &root(),
    ));

    let port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_geokg"));
    cmd.current_dir(root()).args([
        "serve",
        "--store",
        store.to_str().unwrap(),
        "--bind",
        &format!("127.0.0.1:{port}"),
        "--timeout",
        "2",
    ]);
    let _server = start(cmd, port, "geokg serve");
    let base = format!("http://127.0.0.1:{port}");

    assert_eq!(sparql_count(&base, COUNT_QUADS), quads);
    // the same answer as `geokg query`, by GET and by POST, with the predeclared prefixes
    let (status, ct, tsv) = call(
        "GET",
        &format!("{base}/sparql?query={}", enc(nato_query)),
        &[("Accept", "text/tab-separated-values")],
        "",
    );
    assert_eq!(
        (status, ct.as_str()),
        (200, "text/tab-separated-values; charset=utf-8")
    );
    assert_eq!(tsv, expected_tsv);
    assert!(
        tsv.lines().count() > 1,
        "NATO has stances in the seed article"
    );
    let (status, ct, json) = call(
        "POST",
        &format!("{base}/query"),
        &[("Content-Type", "application/sparql-query")],
        nato_query,
    );
    assert_eq!(
        (status, ct.as_str()),
        (200, "application/sparql-results+json; charset=utf-8")
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        v["results"]["bindings"].as_array().unwrap().len(),
        tsv.lines().count() - 1
    );
    let (status, _, xml) = call(
        "POST",
        &format!("{base}/query"),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept", "application/sparql-results+xml"),
        ],
        &format!("query={}", enc(nato_query)),
    );
    assert_eq!(status, 200);
    assert!(xml.contains("<sparql") && xml.contains("<literal"), "{xml}");
    // CONSTRUCT as Turtle and JSON-LD
    let construct = enc("CONSTRUCT { ?a stance:reject ?t } WHERE { ?a stance:reject ?t }");
    let (status, ct, ttl) = call(
        "GET",
        &format!("{base}/query?query={construct}"),
        &[("Accept", "text/turtle")],
        "",
    );
    assert_eq!((status, ct.as_str()), (200, "text/turtle; charset=utf-8"));
    assert!(ttl.contains("stance:reject"), "{ttl}");
    let (status, ct, jsonld) = call(
        "GET",
        &format!("{base}/query?query={construct}"),
        &[("Accept", "application/ld+json")],
        "",
    );
    assert_eq!(
        (status, ct.as_str()),
        (200, "application/ld+json; charset=utf-8")
    );
    assert!(
        serde_json::from_str::<serde_json::Value>(&jsonld).is_ok(),
        "{jsonld}"
    );

    // read-only without --allow-update; the store is unchanged
    let (status, _, body) = call(
        "POST",
        &format!("{base}/update"),
        &[("Content-Type", "application/sparql-update")],
        "CLEAR ALL",
    );
    assert_eq!(status, 403, "{body}");
    assert_eq!(sparql_count(&base, COUNT_QUADS), quads);
    // the timeout cancels a runaway query
    let started = Instant::now();
    let (status, _, body) = call(
        "GET",
        &format!(
            "{base}/query?query={}",
            enc("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
        ),
        &[],
        "",
    );
    assert_eq!(status, 503, "{body}");
    assert!(started.elapsed() < Duration::from_secs(30));

    // the report at /
    let (status, ct, page) = call("GET", &format!("{base}/"), &[], "");
    assert_eq!((status, ct.as_str()), (200, "text/html; charset=utf-8"));
    assert!(page.contains("id=\"statement-table\""));
    assert_eq!(page.contains("<svg"), which("dot"));
}

#[test]
fn geokg_serve_allows_updates_only_when_asked_and_reports_bind_errors() {
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_geokg"));
    cmd.current_dir(root())
        .args([
            "serve",
            "--store",
            store.to_str().unwrap(),
            "--bind",
            &format!("127.0.0.1:{port}"),
            "--allow-update",
        ])
        .env("GEOKG_UPDATE_TOKEN", TOKEN);
    let server = start(cmd, port, "geokg serve --allow-update");
    let base = format!("http://127.0.0.1:{port}");
    let before = sparql_count(&base, COUNT_QUADS);
    let (status, _, body) = call(
        "POST",
        &format!("{base}/update"),
        &[
            ("Content-Type", "application/sparql-update"),
            ("Authorization", &format!("Bearer {TOKEN}")),
        ],
        "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> rdfs:label \"x\" } }",
    );
    assert_eq!(status, 204, "{body}");
    assert_eq!(sparql_count(&base, COUNT_QUADS), before + 1);

    // while the server holds the store, other commands say why they cannot open it
    let o = geokg(&["report", "--store", store.to_str().unwrap()], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("open in another process"),
        "{}",
        stderr(&o)
    );
    // … and name the holder: this very server
    assert!(
        stderr(&o).contains(&format!("pid {}: geokg serve", server.child.id())),
        "{}",
        stderr(&o)
    );

    // a second server on the same port fails with a message and exit code 2
    let t2 = tmp();
    let other = t2.path().join("store");
    build_store(&other, &[SEED]);
    let o = geokg(
        &[
            "serve",
            "--store",
            other.to_str().unwrap(),
            "--bind",
            &format!("127.0.0.1:{port}"),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot listen on"), "{}", stderr(&o));
    drop(server);
    // the update was written to disk
    assert_eq!(geokg_count(&store, COUNT_QUADS), before + 1);
}

pub(crate) fn oxigraph() -> bool {
    if which("oxigraph") {
        true
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "the oxigraph CLI is required in CI (.ci/run installs it)"
        );
        eprintln!("skipping: the oxigraph CLI is not installed (pip install oxigraph==0.5.13)");
        false
    }
}

pub(crate) fn oxigraph_serve(args: &[&str], port: u16) -> Running {
    let mut cmd = Command::new("oxigraph");
    cmd.arg("serve")
        .args(args)
        .args(["--bind", &format!("127.0.0.1:{port}")]);
    start(cmd, port, "oxigraph serve")
}

#[test]
fn the_store_directory_opens_with_oxigraph_serve() {
    if !oxigraph() {
        return;
    }
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let quads = geokg_count(&store, COUNT_QUADS);
    let query = "PREFIX gk: <https://w3id.org/geokg/ontology#>\nSELECT ?actor ?target (COUNT(?s) AS ?n) WHERE { ?s a gk:StanceStatement ; gk:actorCode ?actor ; gk:targetCode ?target } GROUP BY ?actor ?target ORDER BY DESC(?n) ?actor ?target";
    let expected = stdout(&geokg(
        &[
            "query",
            "--store",
            store.to_str().unwrap(),
            "--format",
            "csv",
            query,
        ],
        &root(),
    ));
    assert!(expected.lines().count() > 3);

    let port = free_port();
    let server = oxigraph_serve(
        &[
            "--location",
            store.to_str().unwrap(),
            "--union-default-graph",
        ],
        port,
    );
    let base = format!("http://127.0.0.1:{port}");
    assert_eq!(sparql_count(&base, COUNT_QUADS), quads);
    let (status, _, csv) = call(
        "GET",
        &format!("{base}/query?query={}", enc(query)),
        &[("Accept", "text/csv")],
        "",
    );
    assert_eq!(status, 200, "{csv}");
    assert_eq!(csv.replace("\r\n", "\n"), expected.replace("\r\n", "\n"));
    drop(server);
    // and geokg opens it again afterwards
    assert_eq!(geokg_count(&store, COUNT_QUADS), quads);
}

/// The server's whole dataset as a set of N-Quads lines.
pub(crate) fn server_quads(base: &str) -> BTreeSet<String> {
    let (status, _, nq) = call(
        "GET",
        &format!("{base}/store"),
        &[("Accept", "application/n-quads")],
        "",
    );
    assert_eq!(status, 200, "{nq}");
    nq.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn push_replaces_graphs_on_an_oxigraph_server() {
    if !oxigraph() {
        return;
    }
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED, "data/articles/wikinews.jsonl"]);
    let local: BTreeSet<String> = String::from_utf8(dump_nq(&store))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    assert!(local.len() > 1000);

    let port = free_port();
    let _server = oxigraph_serve(&[], port);
    let base = format!("http://127.0.0.1:{port}");
    let endpoint = format!("{base}/store");
    let push = || {
        geokg(
            &[
                "push",
                "--store",
                store.to_str().unwrap(),
                "--endpoint",
                &endpoint,
            ],
            &root(),
        )
    };
    let o = push();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let graphs = out
        .lines()
        .filter(|l| l.starts_with("pushed <") || l.starts_with("pushed http"))
        .count();
    assert!(graphs > 50, "{out}");
    assert!(
        out.contains(&format!("pushed {graphs} of {graphs} graphs")),
        "{out}"
    );
    assert_eq!(
        server_quads(&base),
        local,
        "the server holds the store's quads"
    );

    // a stray triple in one article graph on the server is gone after the next push, and a
    // second push leaves the count unchanged
    let article_graph = "https://w3id.org/geokg/id/graph/article/000_cca40fcf012346ae";
    let (status, _, body) = call(
        "POST",
        &format!("{base}/update"),
        &[("Content-Type", "application/sparql-update")],
        &format!("INSERT DATA {{ GRAPH <{article_graph}> {{ <http://example.org/s> <http://example.org/p> \"stray\" }} }}"),
    );
    assert_eq!(status, 204, "{body}");
    assert_eq!(server_quads(&base).len(), local.len() + 1);
    let o = push();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(server_quads(&base), local);
    assert_eq!(sparql_count(&base, COUNT_QUADS), local.len() as u64);
}

#[test]
fn push_reports_failures_and_exits_non_zero() {
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let port = free_port(); // nothing listens here
    let o = geokg(
        &[
            "push",
            "--store",
            store.to_str().unwrap(),
            "--endpoint",
            &format!("http://127.0.0.1:{port}/store"),
            "--retries",
            "1",
            "--backoff",
            "0.05",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("push failed: https://w3id.org/geokg/id/graph/article/000_cca40fcf012346ae"),
        "{err}"
    );
    assert!(err.contains("gave up after 2 attempts"), "{err}");
    assert!(
        stdout(&o).contains("pushed 0 of 7 graphs"),
        "{}",
        stdout(&o)
    );
    let o = geokg(
        &[
            "push",
            "--store",
            store.to_str().unwrap(),
            "--endpoint",
            "ftp://example.org/store",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("only http://"), "{}", stderr(&o));
}
