//! `geokg push`: sends each named graph of the store to a SPARQL 1.1 Graph Store endpoint
//! with HTTP PUT, and reports what failed.

use super::{open_existing, StoreArgs, FAILURE, PARTIAL};
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use geokg::push::{push, PushOptions};
use oxigraph::io::RdfFormat;
use std::io::Write;
use std::time::Duration;

/// Where `--password` can come from instead of the command line.
const PASSWORD_ENV: &str = "GEOKG_PUSH_PASSWORD";

#[derive(Copy, Clone, Debug, ValueEnum)]
enum PushFormat {
    /// N-Triples (application/n-triples).
    Nt,
    /// Turtle (text/turtle).
    Ttl,
}

#[derive(Args, Debug)]
pub(super) struct PushArgs {
    /// The Graph Store Protocol endpoint, e.g. http://localhost:7878/store (oxigraph serve)
    /// or https://host/repositories/REPO/rdf-graphs/service.
    #[arg(long, value_name = "URL")]
    endpoint: String,
    /// A PEM file of CA certificates to trust for an https:// endpoint (a private CA), beside
    /// the system's roots and the bundled webpki roots; repeatable.
    #[arg(long = "ca-cert", value_name = "FILE")]
    ca_cert: Vec<std::path::PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    /// User name for HTTP basic authentication.
    #[arg(long)]
    user: Option<String>,
    /// Password for HTTP basic authentication (or set GEOKG_PUSH_PASSWORD).
    #[arg(long)]
    password: Option<String>,
    /// Retries after a network error, a timeout or HTTP 408, 429 or 5xx.
    #[arg(long, default_value_t = 3)]
    retries: u32,
    /// Seconds before the first retry; doubled for each further one.
    #[arg(long, value_name = "SECONDS", default_value_t = 0.5)]
    backoff: f64,
    /// Seconds one request may take.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    timeout: f64,
    /// How the graphs are sent.
    #[arg(long, value_enum, default_value = "nt")]
    format: PushFormat,
}

fn seconds(name: &str, v: f64) -> Result<Duration> {
    if !(v.is_finite() && v >= 0.0) {
        bail!("--{name} must be a non-negative number of seconds (got {v})");
    }
    Ok(Duration::from_secs_f64(v))
}

pub(super) fn run(a: PushArgs) -> Result<u8> {
    if a.password.is_some() && a.user.is_none() {
        bail!("--password needs --user");
    }
    let password = a.user.as_ref().map(|_| {
        a.password
            .clone()
            .or_else(|| std::env::var(PASSWORD_ENV).ok())
            .unwrap_or_default()
    });
    let opts = PushOptions {
        endpoint: a.endpoint.clone(),
        user: a.user.clone(),
        password,
        retries: a.retries,
        backoff: seconds("backoff", a.backoff)?,
        timeout: seconds("timeout", a.timeout)?,
        format: match a.format {
            PushFormat::Nt => RdfFormat::NTriples,
            PushFormat::Ttl => RdfFormat::Turtle,
        },
        ca_certs: a.ca_cert.clone(),
    };
    // check the endpoint before opening the store
    geokg::push::graph_url(&opts.endpoint, None)?;
    let kg = open_existing(&a.store.store)?;
    let report = push(&kg, &opts, &|g| match &g.result {
        Ok(status) => println!(
            "pushed {} ({} triples, HTTP {status}{})",
            g.name(),
            g.triples,
            if g.attempts > 1 {
                format!(", after {} attempts", g.attempts)
            } else {
                String::new()
            }
        ),
        Err(e) => eprintln!("geokg: push failed: {}: {e}", g.name()),
    })?;
    let failed = report.failed().count();
    let total = report.graphs.len();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "pushed {} of {total} graphs ({} triples) to {}",
        report.succeeded(),
        report.triples_sent(),
        opts.endpoint
    )?;
    if failed > 0 {
        eprintln!("geokg: {failed} of {total} graphs failed:");
        for g in report.failed() {
            eprintln!(
                "  {}: {}",
                g.name(),
                g.result.as_ref().err().map_or("", String::as_str)
            );
        }
    }
    Ok(match (failed, report.succeeded()) {
        (0, _) => 0,
        (_, 0) => FAILURE,
        _ => PARTIAL,
    })
}
