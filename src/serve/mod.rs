//! `geokg serve`: the store over the SPARQL 1.1 Protocol, and the HTML report at `/`.
//!
//! Routes: `/query` and `/sparql` (GET with `?query=`, POST as `application/sparql-query` or
//! an HTML form), `/update` (POST as `application/sparql-update` or a form; only when updates
//! are allowed), `/` (the report of [`crate::report`], rebuilt after each update). Results are
//! negotiated from the `Accept` header (or a `format` parameter): SELECT and ASK as SPARQL
//! JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle, JSON-LD, N-Triples or RDF/XML.
//!
//! Queries see the store as `geokg query` does: the geokg prefixes are predeclared and, unless
//! the query (`FROM`) or the request (`default-graph-uri`, `named-graph-uri`) names a
//! dataset, the default graph is the union of all graphs. Every query and update runs under a
//! timeout and is cancelled when it runs out (HTTP 503).
//!
//! Protection against misuse: an update must carry the server's token as
//! `Authorization: Bearer TOKEN` (401 otherwise; compared in constant time), request bodies
//! are limited in size (413), and at most [`ServeOptions::max_queries`] queries run at once
//! with at most [`ServeOptions::queue`] waiting behind them (503 beyond that), so that a flood
//! of requests cannot exhaust memory or threads.

mod limits;
mod negotiate;

pub use limits::{constant_time_eq, Gate, Permit, Refusal};

pub use negotiate::{negotiate, parse_accept, MediaRange};

use crate::error::{Error, Result};
use crate::report::{self, ReportOptions};
use crate::store::KgStore;
use crate::vocab;
use oxhttp::model::header::{
    ALLOW, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE,
};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxhttp::{ListeningServer, Server};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use std::io::Read;
use std::net::SocketAddr;
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Result formats offered for SELECT and ASK, in order of preference.
const RESULTS_OFFERS: [&str; 7] = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
    "text/xml",
];

/// Graph formats offered for CONSTRUCT and DESCRIBE, in order of preference.
const GRAPH_OFFERS: [&str; 5] = [
    "text/turtle",
    "application/ld+json",
    "application/n-triples",
    "application/rdf+xml",
    "text/plain",
];

/// How the server behaves.
#[derive(Clone, Debug, PartialEq)]
pub struct ServeOptions {
    /// Accept SPARQL updates at `/update` (otherwise 403).
    pub allow_update: bool,
    /// The bearer token an update must carry. Updates are refused (403) without one, even
    /// with `allow_update`, and [`spawn`] refuses to start such a server.
    pub update_token: Option<String>,
    /// How long a query or update may run before it is cancelled.
    pub timeout: Duration,
    /// Largest request body accepted, in bytes (413 beyond).
    pub max_body: usize,
    /// At most this many connections are served at once (the others wait in the listen
    /// backlog).
    pub max_connections: usize,
    /// At most this many queries, updates and report renderings run at once.
    pub max_queries: usize,
    /// At most this many requests wait for a free slot (up to the timeout); a request beyond
    /// gets 503 at once.
    pub queue: usize,
    /// What the report at `/` shows.
    pub report: ReportOptions,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            allow_update: false,
            update_token: None,
            timeout: Duration::from_secs(30),
            max_body: DEFAULT_MAX_BODY,
            max_connections: 64,
            max_queries: default_max_queries(),
            queue: DEFAULT_QUEUE,
            report: ReportOptions::default(),
        }
    }
}

/// The default request body limit: 16 MiB.
pub const DEFAULT_MAX_BODY: usize = 16 << 20;

/// The default number of requests that may wait for a query slot.
pub const DEFAULT_QUEUE: usize = 16;

/// The default number of queries that run at once: the number of CPUs, at least 2.
pub fn default_max_queries() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .max(2)
}

/// The SPARQL service over one store. [`Service::handle`] answers one request; [`spawn`]
/// puts it behind an HTTP server.
pub struct Service {
    kg: KgStore,
    opts: ServeOptions,
    report: Mutex<Option<Arc<String>>>,
    gate: Gate,
}

/// A dataset named by the protocol parameters.
#[derive(Clone, Debug, Default, PartialEq)]
struct ProtocolDataset {
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

/// The parameters of a query or update request.
#[derive(Debug, Default)]
struct Params {
    operation: Vec<String>,
    dataset: ProtocolDataset,
    using: bool,
    format: Option<String>,
}

fn text_response(status: StatusCode, message: impl Into<String>) -> Response<Body> {
    let mut message = message.into();
    if !message.ends_with('\n') {
        message.push('\n');
    }
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(message))
        .expect("valid response")
}

fn body_response(content_type: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(StatusCode::OK)
        .header(CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("valid response")
}

fn method_not_allowed(allow: &'static str) -> Response<Body> {
    let mut r = text_response(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method not allowed here; use {allow}"),
    );
    r.headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    r
}

/// Cancels a token when the timeout runs out, unless dropped first.
struct Deadline {
    _done: Sender<()>,
}

impl Deadline {
    fn arm(timeout: Duration, token: CancellationToken) -> Deadline {
        let (tx, rx) = channel::<()>();
        std::thread::spawn(move || {
            if let Err(RecvTimeoutError::Timeout) = rx.recv_timeout(timeout) {
                token.cancel();
            }
        });
        Deadline { _done: tx }
    }
}

/// Why a request failed, as an HTTP answer.
struct Failure(StatusCode, String);

impl Failure {
    fn bad(msg: impl Into<String>) -> Failure {
        Failure(StatusCode::BAD_REQUEST, msg.into())
    }
    fn response(self) -> Response<Body> {
        let status = self.0;
        let mut r = text_response(status, self.1);
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"geokg update\""),
            );
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            r.headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
        }
        r
    }
}

impl Service {
    pub fn new(kg: KgStore, opts: ServeOptions) -> Service {
        let gate = Gate::new(opts.max_queries, opts.queue);
        Service {
            kg,
            opts,
            report: Mutex::new(None),
            gate,
        }
    }

    pub fn options(&self) -> &ServeOptions {
        &self.opts
    }

    /// Answers one request.
    pub fn handle(&self, req: &mut Request<Body>) -> Response<Body> {
        let path = req.uri().path().to_owned();
        let method = req.method().clone();
        match path.as_str() {
            "/" => match method {
                Method::GET => match self.slot() {
                    Ok(_permit) => self.report_page(),
                    Err(f) => f.response(),
                },
                _ => method_not_allowed("GET"),
            },
            "/query" | "/sparql" => match method {
                Method::GET | Method::POST => match self.query_request(req) {
                    Ok(r) => r,
                    Err(f) => f.response(),
                },
                _ => method_not_allowed("GET, POST"),
            },
            "/update" => match method {
                Method::POST => match self.update_request(req) {
                    Ok(r) => r,
                    Err(f) => f.response(),
                },
                _ => method_not_allowed("POST"),
            },
            _ => text_response(
                StatusCode::NOT_FOUND,
                format!("no resource at {path}; the SPARQL endpoint is /query (also /sparql), updates go to /update, the report is at /"),
            ),
        }
    }

    /// Waits for a query slot (see [`Gate`]); 503 when the queue is full or the wait
    /// outlasts the timeout.
    fn slot(&self) -> Result<Permit<'_>, Failure> {
        self.gate.acquire(self.opts.timeout).map_err(|r| {
            Failure(
                StatusCode::SERVICE_UNAVAILABLE,
                match r {
                    Refusal::QueueFull => format!(
                        "the server is busy: {} queries are running and {} waiting (--max-queries, --queue); try again later",
                        self.opts.max_queries, self.opts.queue
                    ),
                    Refusal::WaitedOut => format!(
                        "the server is busy: no query slot came free within the timeout of {} s; try again later",
                        self.opts.timeout.as_secs_f64()
                    ),
                },
            )
        })
    }

    /// Checks the `Authorization: Bearer TOKEN` header of an update.
    fn authorize_update(&self, req: &Request<Body>) -> Result<(), Failure> {
        let Some(token) = self.opts.update_token.as_deref() else {
            return Err(Failure(
                StatusCode::FORBIDDEN,
                "updates need a token: start `geokg serve --allow-update` with --update-token-file FILE or GEOKG_UPDATE_TOKEN".to_owned(),
            ));
        };
        let given = req
            .headers()
            .get(AUTHORIZATION)
            .map(|v| v.as_bytes())
            .and_then(|v| {
                let (scheme, rest) = v.split_at(v.iter().position(|b| *b == b' ')?);
                scheme
                    .eq_ignore_ascii_case(b"bearer")
                    .then(|| rest.trim_ascii())
            });
        match given {
            Some(g) if constant_time_eq(g, token.as_bytes()) => Ok(()),
            Some(_) => Err(Failure(
                StatusCode::UNAUTHORIZED,
                "wrong update token".to_owned(),
            )),
            None => Err(Failure(
                StatusCode::UNAUTHORIZED,
                "an update needs the header 'Authorization: Bearer TOKEN' with the server's update token".to_owned(),
            )),
        }
    }

    fn report_page(&self) -> Response<Body> {
        let cached = self.report.lock().map(|g| g.clone()).unwrap_or(None);
        let html = match cached {
            Some(html) => html,
            None => match report::render(&self.kg, &self.opts.report) {
                Ok(r) => {
                    let html = Arc::new(r.html);
                    if let Ok(mut g) = self.report.lock() {
                        *g = Some(Arc::clone(&html));
                    }
                    html
                }
                Err(e) => {
                    return text_response(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        format!("cannot build the report: {e}"),
                    )
                }
            },
        };
        body_response("text/html; charset=utf-8", html.as_bytes().to_vec())
    }

    /// Reads the request body, refusing one larger than the limit (by its `Content-Length`
    /// before reading, or once more than the limit has arrived).
    fn read_body(&self, req: &mut Request<Body>) -> Result<String, Failure> {
        let limit = self.opts.max_body;
        let too_large = || {
            Failure(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body larger than {limit} bytes (the server's --max-body)"),
            )
        };
        let declared = req
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit as u64) {
            return Err(too_large());
        }
        let mut buf = Vec::new();
        req.body_mut()
            .take(limit as u64 + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Failure::bad(format!("cannot read the request body: {e}")))?;
        if buf.len() > limit {
            return Err(too_large());
        }
        String::from_utf8(buf).map_err(|e| Failure::bad(format!("request body is not UTF-8: {e}")))
    }

    /// The parameters of a GET or POST request; `key` is `query` or `update`.
    fn params(&self, req: &mut Request<Body>, key: &str) -> Result<Params, Failure> {
        let mut p = Params::default();
        let add = |k: &str, v: String, p: &mut Params| match k {
            k if k == key => p.operation.push(v),
            "default-graph-uri" => p.dataset.default_graphs.push(v),
            "named-graph-uri" => p.dataset.named_graphs.push(v),
            "using-graph-uri" | "using-named-graph-uri" => p.using = true,
            "format" => p.format = Some(v),
            _ => {}
        };
        if let Some(q) = req.uri().query() {
            for (k, v) in form_urlencoded::parse(q.as_bytes()) {
                add(&k, v.into_owned(), &mut p);
            }
        }
        if req.method() == Method::POST {
            let content_type = req
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            let direct = format!("application/sparql-{key}");
            if content_type == direct {
                let body = self.read_body(req)?;
                p.operation.push(body);
            } else if content_type == "application/x-www-form-urlencoded" {
                let body = self.read_body(req)?;
                for (k, v) in form_urlencoded::parse(body.as_bytes()) {
                    add(&k, v.into_owned(), &mut p);
                }
            } else {
                return Err(Failure(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("POST a {key} as {direct} or application/x-www-form-urlencoded (got '{content_type}')"),
                ));
            }
        }
        Ok(p)
    }

    fn evaluator(&self, token: &CancellationToken) -> Result<SparqlEvaluator, Failure> {
        let mut evaluator = SparqlEvaluator::new().with_cancellation_token(token.clone());
        for (prefix, iri) in vocab::PREFIXES {
            evaluator = evaluator.with_prefix(prefix, iri).map_err(|e| {
                Failure(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("prefix {prefix}: {e}"),
                )
            })?;
        }
        Ok(evaluator)
    }

    fn timeout_message(&self, what: &str) -> Failure {
        Failure(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the {what} ran longer than the timeout of {} s and was cancelled",
                self.opts.timeout.as_secs_f64()
            ),
        )
    }

    fn evaluation_failure(&self, e: QueryEvaluationError) -> Failure {
        match e {
            QueryEvaluationError::Cancelled => self.timeout_message("query"),
            e => Failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("SPARQL evaluation failed: {e}"),
            ),
        }
    }

    fn query_request(&self, req: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        let accept = req
            .headers()
            .get(oxhttp::model::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let p = self.params(req, "query")?;
        let _permit = self.slot()?;
        let query = match p.operation.as_slice() {
            [q] => q.as_str(),
            [] => return Err(Failure::bad("missing the 'query' parameter (SPARQL 1.1 Protocol: GET /query?query=..., or POST)")),
            _ => return Err(Failure::bad("more than one query given")),
        };
        let token = CancellationToken::new();
        let mut prepared = self
            .evaluator(&token)?
            .parse_query(query)
            .map_err(|e| Failure::bad(format!("SPARQL syntax error: {e}")))?;
        if p.dataset != ProtocolDataset::default() {
            let named = |s: &str| {
                NamedNode::new(s).map_err(|e| Failure::bad(format!("bad graph IRI '{s}': {e}")))
            };
            let default: Vec<GraphName> = p
                .dataset
                .default_graphs
                .iter()
                .map(|g| named(g).map(GraphName::from))
                .collect::<Result<_, _>>()?;
            let named_graphs: Vec<NamedOrBlankNode> = p
                .dataset
                .named_graphs
                .iter()
                .map(|g| named(g).map(NamedOrBlankNode::from))
                .collect::<Result<_, _>>()?;
            let dataset = prepared.dataset_mut();
            dataset.set_default_graph(default);
            dataset.set_available_named_graphs(named_graphs);
        } else if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        let _deadline = Deadline::arm(self.opts.timeout, token);
        let results = prepared
            .on_store(self.kg.inner())
            .execute()
            .map_err(|e| self.evaluation_failure(e))?;
        let wanted = |offers: &[&'static str]| -> Result<&'static str, Failure> {
            if let Some(f) = &p.format {
                return format_param(f, offers).ok_or_else(|| {
                    Failure::bad(format!(
                        "unknown format '{f}' for this query; one of: {}",
                        offers.join(", ")
                    ))
                });
            }
            negotiate(accept.as_deref(), offers).ok_or_else(|| {
                Failure(
                    StatusCode::NOT_ACCEPTABLE,
                    format!(
                        "none of the accepted types is available; this query can answer as {}",
                        offers.join(", ")
                    ),
                )
            })
        };
        match results {
            QueryResults::Boolean(b) => {
                let media = wanted(&RESULTS_OFFERS)?;
                let format = results_format(media);
                let body = QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(Vec::new(), b)
                    .map_err(|e| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
                Ok(body_response(&content_type(media), body))
            }
            QueryResults::Solutions(solutions) => {
                let media = wanted(&RESULTS_OFFERS)?;
                let format = results_format(media);
                let io =
                    |e: std::io::Error| Failure(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
                let mut w = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(Vec::new(), solutions.variables().to_vec())
                    .map_err(io)?;
                for s in solutions {
                    let s = s.map_err(|e| self.evaluation_failure(e))?;
                    w.serialize(&s).map_err(io)?;
                }
                Ok(body_response(&content_type(media), w.finish().map_err(io)?))
            }
            QueryResults::Graph(triples) => {
                let media = wanted(&GRAPH_OFFERS)?;
                let format = rdf_format(media);
                let mut all = Vec::new();
                for t in triples {
                    all.push(t.map_err(|e| self.evaluation_failure(e))?);
                }
                Ok(body_response(
                    &content_type(media),
                    serialize_triples(all, format)?,
                ))
            }
        }
    }

    fn update_request(&self, req: &mut Request<Body>) -> Result<Response<Body>, Failure> {
        if !self.opts.allow_update {
            return Err(Failure(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only; start `geokg serve --allow-update` to accept SPARQL updates".to_owned(),
            ));
        }
        self.authorize_update(req)?;
        let p = self.params(req, "update")?;
        let _permit = self.slot()?;
        if p.using {
            return Err(Failure::bad(
                "using-graph-uri and using-named-graph-uri are not supported; write USING clauses in the update",
            ));
        }
        let update = match p.operation.as_slice() {
            [u] => u.as_str(),
            [] => return Err(Failure::bad("missing the 'update' parameter")),
            _ => return Err(Failure::bad("more than one update given")),
        };
        let token = CancellationToken::new();
        let prepared = self
            .evaluator(&token)?
            .parse_update(update)
            .map_err(|e| Failure::bad(format!("SPARQL syntax error: {e}")))?;
        let _deadline = Deadline::arm(self.opts.timeout, token.clone());
        let result = prepared.on_store(self.kg.inner()).execute();
        // the update may have changed statements: recompute the tallies from them
        if result.is_ok() {
            self.kg.rebuild_tallies().map_err(|e| {
                Failure(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("the update was applied, but rebuilding the tallies failed: {e}"),
                )
            })?;
        }
        if let Ok(mut g) = self.report.lock() {
            *g = None;
        }
        match result {
            Ok(()) => Ok(Response::builder()
                .status(StatusCode::NO_CONTENT)
                .body(Body::empty())
                .expect("valid response")),
            Err(_) if token.is_cancelled() => Err(self.timeout_message("update")),
            Err(e) => Err(Failure(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("SPARQL update failed: {e}"),
            )),
        }
    }
}

/// The `format` parameter: a short name or a media type among `offers`.
fn format_param(f: &str, offers: &[&'static str]) -> Option<&'static str> {
    let f = f.trim().to_ascii_lowercase();
    let media = match f.as_str() {
        "json" | "srj" => "application/sparql-results+json",
        "xml" | "srx" => "application/sparql-results+xml",
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "ttl" | "turtle" => "text/turtle",
        "jsonld" | "json-ld" => "application/ld+json",
        "nt" | "ntriples" | "n-triples" => "application/n-triples",
        "rdf" | "rdfxml" | "rdf/xml" => "application/rdf+xml",
        other => other,
    };
    offers.iter().copied().find(|o| *o == media)
}

fn results_format(media: &str) -> QueryResultsFormat {
    match media {
        "application/sparql-results+xml" | "application/xml" | "text/xml" => {
            QueryResultsFormat::Xml
        }
        "text/csv" => QueryResultsFormat::Csv,
        "text/tab-separated-values" => QueryResultsFormat::Tsv,
        _ => QueryResultsFormat::Json,
    }
}

fn rdf_format(media: &str) -> RdfFormat {
    match media {
        "application/ld+json" => RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        },
        "application/n-triples" | "text/plain" => RdfFormat::NTriples,
        "application/rdf+xml" => RdfFormat::RdfXml,
        _ => RdfFormat::Turtle,
    }
}

fn content_type(media: &str) -> String {
    if media.starts_with("text/") || media.ends_with("json") {
        format!("{media}; charset=utf-8")
    } else {
        media.to_owned()
    }
}

/// Triples sorted and deduplicated, in `format` (with the geokg prefixes where it has them).
fn serialize_triples(mut triples: Vec<Triple>, format: RdfFormat) -> Result<Vec<u8>, Failure> {
    triples.sort_by_cached_key(|t| {
        (
            t.subject.to_string(),
            t.predicate.to_string(),
            t.object.to_string(),
        )
    });
    triples.dedup();
    let fail = |e: String| Failure(StatusCode::INTERNAL_SERVER_ERROR, e);
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(format, RdfFormat::Turtle | RdfFormat::RdfXml) {
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer
                .with_prefix(prefix, iri)
                .map_err(|e| fail(format!("prefix {prefix}: {e}")))?;
        }
    }
    let mut w = serializer.for_writer(Vec::new());
    for t in &triples {
        w.serialize_triple(t)
            .map_err(|e| fail(format!("{} serialization: {e}", format.name())))?;
    }
    w.finish()
        .map_err(|e| fail(format!("{} serialization: {e}", format.name())))
}

/// Starts the HTTP server on `addrs`; the returned handle runs until the process ends.
pub fn spawn(service: Arc<Service>, addrs: &[SocketAddr]) -> Result<ListeningServer> {
    if addrs.is_empty() {
        return Err(Error::Other("no address to bind".to_owned()));
    }
    if service.opts.allow_update
        && service
            .opts
            .update_token
            .as_deref()
            .unwrap_or("")
            .is_empty()
    {
        return Err(Error::Other(
            "updates are allowed but no update token is set; give --update-token-file FILE or GEOKG_UPDATE_TOKEN".to_owned(),
        ));
    }
    let max = service.opts.max_connections;
    let socket_timeout = service.opts.timeout + Duration::from_secs(60);
    let handler = Arc::clone(&service);
    let mut server = Server::new(move |req| handler.handle(req))
        .with_global_timeout(socket_timeout)
        .with_max_concurrent_connections(max)
        .with_server_name(concat!("geokg/", env!("CARGO_PKG_VERSION")))
        .map_err(|e| Error::Other(format!("server name: {e}")))?;
    for a in addrs {
        server = server.bind(*a);
    }
    server.spawn().map_err(|e| {
        Error::Other(format!(
            "cannot listen on {}: {e}",
            addrs
                .iter()
                .map(SocketAddr::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

#[cfg(test)]
mod tests;
