//! `geokg serve`: the store over the SPARQL 1.1 Protocol, with the HTML report at `/`.

use super::{open_existing, StoreArgs};
use anyhow::{bail, Context, Result};
use clap::Args;
use geokg::serve::{spawn, ServeOptions, Service, DEFAULT_MAX_BODY, DEFAULT_QUEUE};
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Where the update token can come from instead of a file.
const TOKEN_ENV: &str = "GEOKG_UPDATE_TOKEN";

/// The shortest update token accepted.
const MIN_TOKEN: usize = 16;

#[derive(Args, Debug)]
pub(super) struct ServeArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Address and port to listen on (HOST:PORT); every address the host resolves to is bound.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
    bind: String,
    /// Accept SPARQL updates at /update (the endpoint is read-only otherwise). Needs an update
    /// token: --update-token-file or GEOKG_UPDATE_TOKEN; clients send it as
    /// `Authorization: Bearer TOKEN`.
    #[arg(long)]
    allow_update: bool,
    /// File holding the update token (its first line; at least 16 characters). Without it,
    /// the token comes from the GEOKG_UPDATE_TOKEN environment variable.
    #[arg(long, value_name = "FILE")]
    update_token_file: Option<PathBuf>,
    /// Seconds a query or update may run before it is cancelled (HTTP 503).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
    /// Largest request body accepted (HTTP 413 beyond), in bytes or with a K, M or G suffix.
    #[arg(long, value_name = "BYTES", default_value_t = format!("{}M", DEFAULT_MAX_BODY >> 20))]
    max_body: String,
    /// Queries and updates that run at once (default: the number of CPUs, at least 2).
    #[arg(long, value_name = "N")]
    max_queries: Option<usize>,
    /// Requests that may wait for a free query slot (up to --timeout); beyond, HTTP 503.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_QUEUE)]
    queue: usize,
}

/// `1048576`, `512K`, `16M`, `1G` (powers of 1024).
fn parse_size(s: &str) -> Result<usize> {
    let t = s.trim();
    let (digits, unit) = match t.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&t[..i], c.to_ascii_uppercase()),
        _ => (t, 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => bail!("--max-body '{s}': give bytes, or a number with K, M or G"),
    };
    let n: usize = digits
        .trim()
        .parse()
        .with_context(|| format!("--max-body '{s}': give bytes, or a number with K, M or G"))?;
    n.checked_mul(1 << shift)
        .filter(|n| *n > 0)
        .with_context(|| format!("--max-body '{s}' must be positive and fit in memory"))
}

/// The update token from `--update-token-file`, else from GEOKG_UPDATE_TOKEN.
fn update_token(file: Option<&PathBuf>) -> Result<Option<String>> {
    let (token, origin) = match file {
        Some(f) => {
            let text = std::fs::read_to_string(f)
                .with_context(|| format!("reading the update token file {}", f.display()))?;
            (
                text.lines().next().unwrap_or("").trim().to_owned(),
                f.display().to_string(),
            )
        }
        None => match std::env::var(TOKEN_ENV) {
            Ok(t) => (t.trim().to_owned(), TOKEN_ENV.to_owned()),
            Err(_) => return Ok(None),
        },
    };
    if token.chars().count() < MIN_TOKEN {
        bail!(
            "the update token in {origin} is shorter than {MIN_TOKEN} characters; make one with `openssl rand -hex 32`"
        );
    }
    if token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("the update token in {origin} has spaces or control characters");
    }
    Ok(Some(token))
}

pub(super) fn run(a: ServeArgs) -> Result<u8> {
    if !(a.timeout.is_finite() && a.timeout > 0.0) {
        bail!(
            "--timeout must be a positive number of seconds (got {})",
            a.timeout
        );
    }
    let addrs: Vec<SocketAddr> = a
        .bind
        .to_socket_addrs()
        .with_context(|| format!("cannot resolve --bind '{}' (give HOST:PORT)", a.bind))?
        .collect();
    let max_body = parse_size(&a.max_body)?;
    if a.max_queries == Some(0) {
        bail!("--max-queries must be at least 1");
    }
    let update_token = if a.allow_update {
        let token = update_token(a.update_token_file.as_ref())?;
        if token.is_none() {
            bail!(
                "--allow-update needs an update token: give --update-token-file FILE or set {TOKEN_ENV} (at least {MIN_TOKEN} characters, e.g. from `openssl rand -hex 32`); clients send it as 'Authorization: Bearer TOKEN'"
            );
        }
        token
    } else {
        if a.update_token_file.is_some() {
            bail!("--update-token-file is only used with --allow-update");
        }
        None
    };
    let kg = open_existing(&a.store.store)?;
    let defaults = ServeOptions::default();
    let opts = ServeOptions {
        allow_update: a.allow_update,
        update_token,
        timeout: Duration::from_secs_f64(a.timeout),
        max_body,
        max_queries: a.max_queries.unwrap_or(defaults.max_queries),
        queue: a.queue,
        ..defaults
    };
    let public: Vec<String> = addrs
        .iter()
        .filter(|a| !a.ip().is_loopback())
        .map(SocketAddr::to_string)
        .collect();
    let server = spawn(Arc::new(Service::new(kg, opts)), &addrs)?;
    eprintln!(
        "geokg: serving {} at http://{}/ : SPARQL at /query and /sparql, {}; the report at /; Ctrl-C stops",
        a.store.store.display(),
        a.bind,
        if a.allow_update {
            "updates at /update"
        } else {
            "read-only"
        }
    );
    if !public.is_empty() {
        eprintln!(
            "geokg: warning: listening on a non-loopback address ({}): every host that reaches it can query the store{}; geokg serve speaks plain HTTP, so put a TLS proxy in front of it or bind 127.0.0.1",
            public.join(", "),
            if a.allow_update {
                ", and the update token travels unencrypted"
            } else {
                ""
            }
        );
    }
    server.join().context("the HTTP server stopped")?;
    Ok(0)
}
