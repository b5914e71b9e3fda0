//! Unit tests of the SPARQL service, calling [`Service::handle`] without a network.

use super::*;
use crate::store::testutil::{d1, d2};

fn service(allow_update: bool) -> Service {
    let kg = KgStore::memory().unwrap();
    kg.load_ontology().unwrap();
    kg.load_extraction(&d1()).unwrap();
    kg.load_extraction(&d2()).unwrap();
    Service::new(
        kg,
        ServeOptions {
            allow_update,
            update_token: allow_update.then(|| TOKEN.to_owned()),
            ..ServeOptions::default()
        },
    )
}

const TOKEN: &str = "test-token-0123456789abcdef";
const BEARER: &str = "Bearer test-token-0123456789abcdef";

fn request(method: Method, uri: &str, headers: &[(&str, &str)], body: &str) -> Request<Body> {
    let mut b = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(Body::from(body.to_owned())).unwrap()
}

fn call(s: &Service, mut req: Request<Body>) -> (u16, String, String) {
    let r = s.handle(&mut req);
    let ct = r
        .headers()
        .get(CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let status = r.status().as_u16();
    (status, ct, r.into_body().to_string().unwrap())
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

const SELECT: &str = "SELECT ?t WHERE { <https://w3id.org/geokg/id/actor/RUS> stance:threaten ?t }";

#[test]
fn get_and_post_queries_negotiate_every_results_format() {
    let s = service(false);
    let uri = format!("/query?query={}", enc(SELECT));
    let (status, ct, body) = call(&s, request(Method::GET, &uri, &[], ""));
    assert_eq!(status, 200, "{body}");
    assert_eq!(ct, "application/sparql-results+json; charset=utf-8");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    // the union default graph: RUS threatens UKR in d1
    assert_eq!(
        v["results"]["bindings"][0]["t"]["value"],
        "https://w3id.org/geokg/id/actor/UKR"
    );
    for (accept, expected_ct, needle) in [
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<uri>https://w3id.org/geokg/id/actor/UKR</uri>",
        ),
        (
            "text/csv",
            "text/csv; charset=utf-8",
            "t\r\nhttps://w3id.org/geokg/id/actor/UKR\r\n",
        ),
        (
            "text/tab-separated-values",
            "text/tab-separated-values; charset=utf-8",
            "?t\n<https://w3id.org/geokg/id/actor/UKR>\n",
        ),
    ] {
        let (status, ct, body) = call(
            &s,
            request(
                Method::POST,
                "/sparql",
                &[
                    ("Content-Type", "application/sparql-query"),
                    ("Accept", accept),
                ],
                SELECT,
            ),
        );
        assert_eq!((status, ct.as_str()), (200, expected_ct), "{body}");
        assert!(body.contains(needle), "{accept}: {body}");
    }
    // an HTML form post, with the format parameter overriding Accept
    let (status, ct, body) = call(
        &s,
        request(
            Method::POST,
            "/query",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "text/csv"),
            ],
            &format!("query={}&format=tsv", enc(SELECT)),
        ),
    );
    assert_eq!(status, 200, "{body}");
    assert!(ct.starts_with("text/tab-separated-values"));
    // ASK
    let (status, _, body) = call(
        &s,
        request(
            Method::GET,
            &format!("/query?query={}", enc("ASK { ?a stance:aid ?t }")),
            &[],
            "",
        ),
    );
    assert_eq!(status, 200);
    assert_eq!(body, "{\"head\":{},\"boolean\":true}");
}

#[test]
fn construct_as_turtle_and_json_ld() {
    let s = service(false);
    let q = enc("CONSTRUCT { ?a stance:threaten ?t } WHERE { ?a stance:threaten ?t }");
    let (status, ct, ttl) = call(
        &s,
        request(Method::GET, &format!("/query?query={q}"), &[], ""),
    );
    assert_eq!(status, 200, "{ttl}");
    assert_eq!(ct, "text/turtle; charset=utf-8");
    assert!(ttl.contains("stance:threaten"), "{ttl}");
    let (status, ct, jsonld) = call(
        &s,
        request(
            Method::GET,
            &format!("/query?query={q}"),
            &[("Accept", "application/ld+json")],
            "",
        ),
    );
    assert_eq!(status, 200, "{jsonld}");
    assert_eq!(ct, "application/ld+json; charset=utf-8");
    let v: serde_json::Value = serde_json::from_str(&jsonld).unwrap();
    assert!(
        v.to_string()
            .contains("https://w3id.org/geokg/stance/threaten"),
        "{v}"
    );
    // a graph cannot be CSV
    let (status, _, body) = call(
        &s,
        request(
            Method::GET,
            &format!("/query?query={q}"),
            &[("Accept", "text/csv")],
            "",
        ),
    );
    assert_eq!(status, 406, "{body}");
    assert!(body.contains("text/turtle"));
}

#[test]
fn protocol_dataset_parameters_replace_the_union() {
    let s = service(false);
    let q = enc("SELECT (COUNT(*) AS ?n) WHERE { ?a stance:reject ?t }");
    let count = |uri: String| -> String {
        let (status, _, body) = call(
            &s,
            request(Method::GET, &uri, &[("Accept", "text/csv")], ""),
        );
        assert_eq!(status, 200, "{body}");
        body.lines().nth(1).unwrap().to_owned()
    };
    // the union: one reject triple in each of d1 and d2
    assert_eq!(count(format!("/query?query={q}")), "2");
    let g1 = enc(&vocab::article_graph_iri("d1"));
    assert_eq!(
        count(format!("/query?query={q}&default-graph-uri={g1}")),
        "1"
    );
    // the store's real default graph is empty
    let (status, _, body) = call(
        &s,
        request(
            Method::GET,
            &format!("/query?query={q}&default-graph-uri=not%20an%20iri"),
            &[],
            "",
        ),
    );
    assert_eq!(status, 400);
    assert!(body.contains("bad graph IRI"), "{body}");
}

#[test]
fn errors_name_what_is_wrong() {
    let s = service(false);
    let (status, _, body) = call(&s, request(Method::GET, "/query", &[], ""));
    assert_eq!(status, 400);
    assert!(body.contains("missing the 'query' parameter"));
    let (status, _, body) = call(
        &s,
        request(
            Method::GET,
            &format!("/query?query={}", enc("SELECT ?x WHERE { ?x ?y }")),
            &[],
            "",
        ),
    );
    assert_eq!(status, 400);
    assert!(body.contains("syntax error"), "{body}");
    let (status, _, _) = call(
        &s,
        request(
            Method::POST,
            "/query",
            &[("Content-Type", "text/plain")],
            SELECT,
        ),
    );
    assert_eq!(status, 415);
    let (status, _, _) = call(&s, request(Method::DELETE, "/query", &[], ""));
    assert_eq!(status, 405);
    let (status, _, _) = call(&s, request(Method::GET, "/nope", &[], ""));
    assert_eq!(status, 404);
    let (status, _, _) = call(
        &s,
        request(
            Method::GET,
            &format!("/query?query={}", enc(SELECT)),
            &[("Accept", "image/png")],
            "",
        ),
    );
    assert_eq!(status, 406);
}

#[test]
fn updates_need_allow_update_and_refresh_the_report() {
    let insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> rdfs:label \"added by update\" } }";
    let ro = service(false);
    let (status, _, body) = call(
        &ro,
        request(
            Method::POST,
            "/update",
            &[("Content-Type", "application/sparql-update")],
            insert,
        ),
    );
    assert_eq!(status, 403);
    assert!(body.contains("--allow-update"));
    let (status, _, _) = call(&ro, request(Method::GET, "/update", &[], ""));
    assert_eq!(status, 405);

    let rw = service(true);
    let (status, ct, page) = call(&rw, request(Method::GET, "/", &[], ""));
    assert_eq!((status, ct.as_str()), (200, "text/html; charset=utf-8"));
    assert!(page.contains("id=\"statement-table\""));
    assert!(
        page.contains(">7</span> statements"),
        "7 statements in d1 and d2"
    );
    // delete d2's graph through the endpoint
    let drop = format!("DROP GRAPH <{}>", vocab::article_graph_iri("d2"));
    let (status, _, body) = call(
        &rw,
        request(
            Method::POST,
            "/update",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Authorization", BEARER),
            ],
            &format!("update={}", enc(&drop)),
        ),
    );
    assert_eq!(status, 204, "{body}");
    let (status, _, body) = call(
        &rw,
        request(
            Method::POST,
            "/update",
            &[
                ("Content-Type", "application/sparql-update"),
                ("Authorization", BEARER),
            ],
            insert,
        ),
    );
    assert_eq!(status, 204, "{body}");
    let (_, _, page) = call(&rw, request(Method::GET, "/", &[], ""));
    assert!(
        page.contains(">4</span> statements"),
        "the report was rebuilt after the update"
    );
    let (_, _, csv) = call(
        &rw,
        request(
            Method::GET,
            &format!(
                "/query?query={}",
                enc("SELECT ?l WHERE { <http://example.org/s> rdfs:label ?l }")
            ),
            &[("Accept", "text/csv")],
            "",
        ),
    );
    assert_eq!(csv, "l\r\nadded by update\r\n");
    let (status, _, body) = call(
        &rw,
        request(
            Method::POST,
            "/update",
            &[
                ("Content-Type", "application/sparql-update"),
                ("Authorization", BEARER),
            ],
            "INSERT DATA {",
        ),
    );
    assert_eq!(status, 400, "{body}");
}

#[test]
fn updates_need_the_bearer_token() {
    let rw = service(true);
    let update = "INSERT DATA { <http://example.org/s> rdfs:label \"x\" }";
    let count = |s: &Service| {
        let (_, _, csv) = call(
            s,
            request(
                Method::GET,
                &format!(
                    "/query?query={}",
                    enc("SELECT (COUNT(*) AS ?n) WHERE { <http://example.org/s> ?p ?o }")
                ),
                &[("Accept", "text/csv")],
                "",
            ),
        );
        csv
    };
    for (auth, status, says) in [
        (None, 401, "Authorization: Bearer"),
        (
            Some("Bearer wrong-token-0123456789abcdef"),
            401,
            "wrong update token",
        ),
        (
            Some(&TOKEN[..TOKEN.len() - 1]),
            401,
            "Authorization: Bearer",
        ),
        (Some("Basic dGVzdDp0ZXN0"), 401, "Authorization: Bearer"),
        (Some(&format!("Bearer {TOKEN}x")), 401, "wrong update token"),
    ] {
        let mut headers = vec![("Content-Type", "application/sparql-update")];
        if let Some(a) = auth {
            headers.push(("Authorization", a));
        }
        let mut req = request(Method::POST, "/update", &headers, update);
        let r = rw.handle(&mut req);
        assert_eq!(r.status().as_u16(), status, "{auth:?}");
        assert_eq!(
            r.headers().get("www-authenticate").unwrap(),
            "Bearer realm=\"geokg update\""
        );
        let body = r.into_body().to_string().unwrap();
        assert!(body.contains(says), "{auth:?}: {body}");
    }
    assert_eq!(count(&rw), "n\r\n0\r\n", "no update got through");
    // the scheme is case-insensitive
    let (status, _, body) = call(
        &rw,
        request(
            Method::POST,
            "/update",
            &[
                ("Content-Type", "application/sparql-update"),
                ("Authorization", &format!("bearer {TOKEN}")),
            ],
            update,
        ),
    );
    assert_eq!(status, 204, "{body}");
    assert_eq!(count(&rw), "n\r\n1\r\n");

    // updates allowed without a token: refused, and no server starts
    let kg = KgStore::memory().unwrap();
    let open = Service::new(
        kg,
        ServeOptions {
            allow_update: true,
            ..ServeOptions::default()
        },
    );
    let (status, _, body) = call(
        &open,
        request(
            Method::POST,
            "/update",
            &[("Content-Type", "application/sparql-update")],
            update,
        ),
    );
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("--update-token-file"), "{body}");
    let addr: SocketAddr = "127.0.0.1:0".parse().unwrap();
    let e = spawn(Arc::new(open), &[addr]).err().expect("refused");
    assert!(e.to_string().contains("no update token"), "{e}");
}

#[test]
fn bodies_over_the_limit_get_413() {
    let kg = KgStore::memory().unwrap();
    let s = Service::new(
        kg,
        ServeOptions {
            max_body: 100,
            ..ServeOptions::default()
        },
    );
    let long = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(100));
    let (status, _, body) = call(
        &s,
        request(
            Method::POST,
            "/query",
            &[("Content-Type", "application/sparql-query")],
            &long,
        ),
    );
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("larger than 100 bytes"), "{body}");
    // a declared length over the limit is refused before reading
    let (status, _, _) = call(
        &s,
        request(
            Method::POST,
            "/query",
            &[
                ("Content-Type", "application/sparql-query"),
                ("Content-Length", "1000000"),
            ],
            "ASK {}",
        ),
    );
    assert_eq!(status, 413);
    let (status, _, body) = call(
        &s,
        request(
            Method::POST,
            "/query",
            &[("Content-Type", "application/sparql-query")],
            "ASK {}",
        ),
    );
    assert_eq!(
        (status, body.as_str()),
        (200, "{\"head\":{},\"boolean\":true}")
    );
}

#[test]
fn slow_queries_are_cancelled_at_the_timeout() {
    let kg = KgStore::memory().unwrap();
    kg.load_ontology().unwrap();
    let s = Service::new(
        kg,
        ServeOptions {
            timeout: Duration::from_millis(300),
            ..ServeOptions::default()
        },
    );
    // the ontology graph's quads, cubed: far more than 300 ms of work
    let q = enc("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
    let started = std::time::Instant::now();
    let (status, _, body) = call(
        &s,
        request(Method::GET, &format!("/query?query={q}"), &[], ""),
    );
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("timeout"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(20));
}
