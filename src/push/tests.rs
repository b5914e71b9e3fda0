//! Unit tests of `geokg push`: URLs, basic auth, the graph list, retries and failures against
//! an in-process HTTP server on 127.0.0.1.

use super::*;
use crate::store::testutil::{d1, d2};
use crate::vocab;
use oxhttp::model::header::{AUTHORIZATION, CONTENT_TYPE};
use oxhttp::model::{Body, Response};
use oxhttp::Server;
use std::io::Read;
use std::sync::{Arc, Mutex};

fn store() -> KgStore {
    let kg = KgStore::memory().unwrap();
    kg.load_ontology().unwrap();
    kg.load_extraction(&d1()).unwrap();
    kg.load_extraction(&d2()).unwrap();
    kg
}

#[test]
fn base64_matches_rfc_4648_vectors() {
    for (input, out) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(input.as_bytes()), out, "{input}");
    }
    assert_eq!(
        basic_auth("Aladdin", "open sesame"),
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
    );
}

#[test]
fn graph_urls_encode_the_iri() {
    assert_eq!(
        graph_url("http://localhost:7878/store", Some("https://w3id.org/geokg/id/graph/article/a b")).unwrap(),
        "http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fgeokg%2Fid%2Fgraph%2Farticle%2Fa+b"
    );
    assert_eq!(
        graph_url("http://h/repositories/r/rdf-graphs/service?x=1", None).unwrap(),
        "http://h/repositories/r/rdf-graphs/service?x=1&default"
    );
    assert!(graph_url("ftp://h/store", None)
        .unwrap_err()
        .to_string()
        .contains("only http://"));
    assert!(graph_url("not a url", None).is_err());
}

#[test]
fn every_named_graph_is_listed_in_order() {
    let kg = store();
    let names: Vec<String> = graphs(&kg).unwrap().iter().map(|g| g.to_string()).collect();
    assert_eq!(
        names,
        [
            format!("<{}>", vocab::article_graph_iri("d1")),
            format!("<{}>", vocab::article_graph_iri("d2")),
            format!("<{}>", vocab::ONTOLOGY_GRAPH),
            format!("<{}>", vocab::tally_graph_iri(false, false)),
            format!("<{}>", vocab::tally_graph_iri(false, true)),
            format!("<{}>", vocab::tally_graph_iri(true, false)),
            format!("<{}>", vocab::tally_graph_iri(true, true)),
        ]
    );
    let (body, n) = graph_body(&kg, &graphs(&kg).unwrap()[0], RdfFormat::NTriples).unwrap();
    let text = String::from_utf8(body).unwrap();
    assert_eq!(text.lines().count(), n);
    assert_eq!(
        n,
        kg.graph_quads(graphs(&kg).unwrap()[0].as_ref())
            .unwrap()
            .len()
    );
}

#[derive(Clone, Debug)]
struct Seen {
    method: String,
    uri: String,
    auth: Option<String>,
    content_type: Option<String>,
    lines: usize,
}

/// A Graph Store stand-in on 127.0.0.1: answers `status_for(uri, nth request for that uri)`.
fn server(status_for: fn(&str, usize) -> u16) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
    let log = Arc::clone(&seen);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    Server::new(move |req| {
        let mut body = String::new();
        req.body_mut().read_to_string(&mut body).unwrap();
        let header = |h| {
            req.headers()
                .get(h)
                .map(|v: &oxhttp::model::HeaderValue| v.to_str().unwrap().to_owned())
        };
        let uri = req.uri().to_string();
        let mut log = log.lock().unwrap();
        let nth = log.iter().filter(|s| s.uri == uri).count();
        log.push(Seen {
            method: req.method().to_string(),
            uri: uri.clone(),
            auth: header(AUTHORIZATION),
            content_type: header(CONTENT_TYPE),
            lines: body.lines().count(),
        });
        Response::builder()
            .status(status_for(&uri, nth))
            .body(Body::from("stand-in says no"))
            .unwrap()
    })
    .bind(([127, 0, 0, 1], port))
    .spawn()
    .unwrap();
    (format!("http://127.0.0.1:{port}/store"), seen)
}

fn opts(endpoint: String) -> PushOptions {
    PushOptions {
        endpoint,
        backoff: Duration::from_millis(10),
        timeout: Duration::from_secs(10),
        ..PushOptions::default()
    }
}

#[test]
fn puts_each_graph_with_auth_and_retries_server_errors() {
    // d2's graph fails twice with 503, then succeeds
    let (endpoint, seen) = server(|uri, nth| {
        if uri.contains("article%2Fd2") && nth < 2 {
            503
        } else {
            201
        }
    });
    let kg = store();
    let o = PushOptions {
        user: Some("geo".to_owned()),
        password: Some("s3cret".to_owned()),
        ..opts(endpoint)
    };
    let calls = std::cell::Cell::new(0);
    let report = push(&kg, &o, &|_| calls.set(calls.get() + 1)).unwrap();
    // two articles, the ontology and the four tally graphs
    assert_eq!(calls.get(), 7);
    assert_eq!(report.failed().count(), 0, "{report:?}");
    assert_eq!(report.succeeded(), 7);
    let attempts: Vec<u32> = report.graphs.iter().map(|g| g.attempts).collect();
    assert_eq!(attempts, [1, 3, 1, 1, 1, 1, 1]);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 9);
    for s in seen.iter() {
        assert_eq!(s.method, "PUT");
        assert_eq!(s.auth.as_deref(), Some("Basic Z2VvOnMzY3JldA=="));
        assert_eq!(s.content_type.as_deref(), Some("application/n-triples"));
        assert!(s.uri.contains("?graph="), "{}", s.uri);
    }
    let total: usize = report.graphs.iter().map(|g| g.triples).sum();
    assert_eq!(total, kg.len().unwrap());
    assert_eq!(report.triples_sent(), total);
    assert_eq!(seen.last().unwrap().lines, report.graphs[6].triples);
}

#[test]
fn client_errors_are_final_and_retries_give_up() {
    let (endpoint, seen) = server(|uri, _| if uri.contains("ontology") { 500 } else { 401 });
    let kg = store();
    let report = push(&kg, &opts(endpoint), &|_| {}).unwrap();
    assert_eq!(report.succeeded(), 0);
    let failed: Vec<&GraphOutcome> = report.failed().collect();
    assert_eq!(failed.len(), 7);
    assert_eq!(failed[0].attempts, 1, "401 is not retried");
    assert!(
        failed[0].result.as_ref().unwrap_err().contains("401")
            && failed[0]
                .result
                .as_ref()
                .unwrap_err()
                .contains("stand-in says no"),
        "{:?}",
        failed[0]
    );
    assert_eq!(failed[2].attempts, 4, "500: the first try and 3 retries");
    assert!(failed[2]
        .result
        .as_ref()
        .unwrap_err()
        .contains("gave up after 4 attempts"));
    // two articles (401, once each), the ontology (500, 4 tries), four tally graphs (401)
    assert_eq!(seen.lock().unwrap().len(), 1 + 1 + 4 + 4);
}

#[test]
fn an_unreachable_endpoint_is_reported_per_graph() {
    // nothing listens on this port
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let kg = store();
    let o = PushOptions {
        retries: 1,
        ..opts(format!("http://127.0.0.1:{port}/store"))
    };
    let report = push(&kg, &o, &|_| {}).unwrap();
    assert_eq!(report.failed().count(), 7);
    assert!(report.graphs.iter().all(|g| g.attempts == 2));
    assert!(push(&kg, &opts("nope".to_owned()), &|_| {}).is_err());
}

#[test]
fn ca_certificates_are_for_https() {
    let kg = store();
    let o = PushOptions {
        ca_certs: vec!["ca.pem".into()],
        ..opts("http://127.0.0.1:9/store".to_owned())
    };
    let e = push(&kg, &o, &|_| {}).unwrap_err().to_string();
    assert!(e.contains("--ca-cert is for https://"), "{e}");
    let o = PushOptions {
        ca_certs: vec!["/nonexistent/ca.pem".into()],
        ..opts("https://127.0.0.1:9/store".to_owned())
    };
    let e = push(&kg, &o, &|_| {}).unwrap_err().to_string();
    assert!(e.contains("/nonexistent/ca.pem"), "{e}");
}
