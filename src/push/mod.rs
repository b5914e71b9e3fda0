//! `geokg push`: sends the store's named graphs to a SPARQL 1.1 Graph Store HTTP Protocol
//! endpoint, one `PUT ENDPOINT?graph=IRI` per graph, so that pushing again replaces each graph
//! instead of adding to it.
//!
//! Every article graph is sent, and so are the other named graphs of the store (the ontology)
//! and the default graph when it is not empty (`PUT ENDPOINT?default`): afterwards the server
//! holds the same quads as the store. A request that fails on the network, times out or gets
//! HTTP 408, 429 or 5xx is retried with exponential backoff; other failures are final. The
//! report lists every graph with its outcome. `https://` endpoints are reached with rustls
//! (see [`http::tls_config`]).

pub mod http;

use crate::error::{Error, Result};
use crate::store::KgStore;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedOrBlankNode, Triple};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How to push.
#[derive(Clone, Debug, PartialEq)]
pub struct PushOptions {
    /// The Graph Store endpoint, e.g. `http://localhost:7878/store` (oxigraph),
    /// `http://host:3030/ds/data` (Fuseki), `http://host:7200/repositories/REPO/rdf-graphs/service`
    /// (GraphDB).
    pub endpoint: String,
    /// HTTP basic authentication.
    pub user: Option<String>,
    pub password: Option<String>,
    /// Further attempts after a retryable failure.
    pub retries: u32,
    /// Wait before the first retry; doubles for each further one (at most 60 s).
    pub backoff: Duration,
    /// Timeout of one request (connect, send, receive).
    pub timeout: Duration,
    /// How the graphs are sent: N-Triples (default) or Turtle.
    pub format: RdfFormat,
    /// PEM files of further CA certificates to trust for `https://` (private CAs), beside
    /// the system's roots and webpki's bundled ones.
    pub ca_certs: Vec<PathBuf>,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            endpoint: String::new(),
            user: None,
            password: None,
            retries: 3,
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(60),
            format: RdfFormat::NTriples,
            ca_certs: Vec::new(),
        }
    }
}

/// What happened to one graph.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphOutcome {
    /// The graph IRI, or `None` for the default graph.
    pub graph: Option<String>,
    pub triples: usize,
    /// Requests made (1 when the first one settled it).
    pub attempts: u32,
    /// The final HTTP status on success, the reason on failure.
    pub result: std::result::Result<u16, String>,
}

impl GraphOutcome {
    pub fn name(&self) -> &str {
        self.graph.as_deref().unwrap_or("(default graph)")
    }
}

/// What a push did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PushReport {
    pub graphs: Vec<GraphOutcome>,
}

impl PushReport {
    pub fn failed(&self) -> impl Iterator<Item = &GraphOutcome> {
        self.graphs.iter().filter(|g| g.result.is_err())
    }
    pub fn succeeded(&self) -> usize {
        self.graphs.iter().filter(|g| g.result.is_ok()).count()
    }
    pub fn triples_sent(&self) -> usize {
        self.graphs
            .iter()
            .filter(|g| g.result.is_ok())
            .map(|g| g.triples)
            .sum()
    }
}

/// The graphs to push, sorted: the default graph first when it has quads, then every named
/// graph by IRI.
pub fn graphs(store: &KgStore) -> Result<Vec<GraphName>> {
    let mut named = store
        .inner()
        .named_graphs()
        .collect::<std::result::Result<Vec<NamedOrBlankNode>, _>>()?;
    named.sort_by_cached_key(|g| g.to_string());
    let mut out = Vec::with_capacity(named.len() + 1);
    let default_has_quads = store
        .inner()
        .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        .next()
        .is_some();
    if default_has_quads {
        out.push(GraphName::DefaultGraph);
    }
    out.extend(named.into_iter().map(|g| match g {
        NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
        NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
    }));
    Ok(out)
}

/// The URL of one graph at the endpoint: `?graph=IRI` (percent-encoded) or `?default`, added
/// to any query the endpoint URL already has.
pub fn graph_url(endpoint: &str, graph: Option<&str>) -> Result<String> {
    http::parse_url(endpoint).map_err(|e| Error::Other(format!("bad endpoint URL: {e}")))?;
    let base = endpoint.split('#').next().unwrap_or(endpoint);
    let sep = if base.contains('?') { '&' } else { '?' };
    Ok(match graph {
        Some(iri) => format!(
            "{base}{sep}graph={}",
            form_urlencoded::byte_serialize(iri.as_bytes()).collect::<String>()
        ),
        None => format!("{base}{sep}default"),
    })
}

/// The `Authorization` header value of HTTP basic authentication.
pub fn basic_auth(user: &str, password: &str) -> String {
    format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
}

/// Standard base64 with padding (RFC 4648 §4).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The triples of one graph in `format`, sorted.
pub fn graph_body(
    store: &KgStore,
    graph: &GraphName,
    format: RdfFormat,
) -> Result<(Vec<u8>, usize)> {
    let mut triples: Vec<Triple> = store
        .graph_quads(graph.as_ref())?
        .into_iter()
        .map(Triple::from)
        .collect();
    triples.dedup();
    let mut serializer = RdfSerializer::from_format(format);
    if format == RdfFormat::Turtle {
        for (prefix, iri) in crate::vocab::PREFIXES {
            serializer = serializer
                .with_prefix(prefix, iri)
                .map_err(|e| Error::Other(format!("prefix {prefix}: {e}")))?;
        }
    }
    let mut w = serializer.for_writer(Vec::new());
    let io = |e: std::io::Error| Error::Other(format!("{} serialization: {e}", format.name()));
    for t in &triples {
        w.serialize_triple(t).map_err(io)?;
    }
    Ok((w.finish().map_err(io)?, triples.len()))
}

/// One request's outcome: success, or a failure that may or may not be worth retrying.
enum Attempt {
    Done(u16),
    Retry(String),
    Fail(String),
}

fn put(
    url: &str,
    body: &[u8],
    opts: &PushOptions,
    tls: Option<&Arc<rustls::ClientConfig>>,
) -> Attempt {
    let auth = opts
        .user
        .as_ref()
        .map(|u| basic_auth(u, opts.password.as_deref().unwrap_or("")));
    let mut headers = vec![("Content-Type", opts.format.media_type())];
    if let Some(a) = &auth {
        headers.push(("Authorization", a.as_str()));
    }
    let response = match http::request_with("PUT", url, &headers, body, opts.timeout, tls) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            return Attempt::Fail(e.to_string())
        }
        // a certificate the client does not trust stays untrusted on a retry
        Err(e)
            if e.get_ref()
                .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some()) =>
        {
            return Attempt::Fail(format!(
                "TLS: {e} (a server with a certificate from a private CA needs --ca-cert FILE)"
            ))
        }
        Err(e) => return Attempt::Retry(e.to_string()),
    };
    let status = response.status;
    if (200..300).contains(&status) {
        return Attempt::Done(status);
    }
    let text = response.text();
    let text: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(600)
        .collect();
    let head = format!("HTTP {status} {}", response.reason)
        .trim_end()
        .to_owned();
    let msg = if text.is_empty() {
        head
    } else {
        format!("{head}: {text}")
    };
    if status >= 500 || status == 408 || status == 429 {
        Attempt::Retry(msg)
    } else {
        Attempt::Fail(msg)
    }
}

/// Pushes every graph of [`graphs`]; `on_graph` is called after each one. An error is returned
/// only when nothing could be tried (a bad endpoint URL, an unreadable store); failures of
/// single graphs are in the report.
pub fn push(
    store: &KgStore,
    opts: &PushOptions,
    on_graph: &dyn Fn(&GraphOutcome),
) -> Result<PushReport> {
    graph_url(&opts.endpoint, None)?;
    let tls = match http::parse_url(&opts.endpoint) {
        Ok(u) if u.tls => Some(http::tls_config(&opts.ca_certs).map_err(Error::Other)?),
        _ if !opts.ca_certs.is_empty() => {
            return Err(Error::Other(
                "--ca-cert is for https:// endpoints; this one is http://".to_owned(),
            ))
        }
        _ => None,
    };
    let mut report = PushReport::default();
    for graph in graphs(store)? {
        let iri = match &graph {
            GraphName::NamedNode(n) => Some(n.as_str().to_owned()),
            GraphName::BlankNode(b) => {
                let outcome = GraphOutcome {
                    graph: Some(format!("_:{}", b.as_str())),
                    triples: 0,
                    attempts: 0,
                    result: Err("a blank-node graph name cannot be addressed over HTTP".to_owned()),
                };
                on_graph(&outcome);
                report.graphs.push(outcome);
                continue;
            }
            GraphName::DefaultGraph => None,
        };
        let url = graph_url(&opts.endpoint, iri.as_deref())?;
        let (body, triples) = graph_body(store, &graph, opts.format)?;
        let mut attempts = 0;
        let mut wait = opts.backoff;
        let result = loop {
            attempts += 1;
            match put(&url, &body, opts, tls.as_ref()) {
                Attempt::Done(status) => break Ok(status),
                Attempt::Fail(msg) => break Err(msg),
                Attempt::Retry(msg) if attempts > opts.retries => {
                    break Err(format!("{msg} (gave up after {attempts} attempts)"))
                }
                Attempt::Retry(_) => {
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_secs(60));
                }
            }
        };
        let outcome = GraphOutcome {
            graph: iri,
            triples,
            attempts,
            result,
        };
        on_graph(&outcome);
        report.graphs.push(outcome);
    }
    Ok(report)
}

#[cfg(test)]
mod tests;
