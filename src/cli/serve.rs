//! `geokg serve`: the store over the SPARQL 1.1 Protocol, with the HTML report at `/`.

use super::{open_existing, StoreArgs};
use anyhow::{bail, Context, Result};
use clap::Args;
use geokg::serve::{spawn, ServeOptions, Service};
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

#[derive(Args, Debug)]
pub(super) struct ServeArgs {
    #[command(flatten)]
    store: StoreArgs,
    /// Address and port to listen on (HOST:PORT); every address the host resolves to is bound.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7878")]
    bind: String,
    /// Accept SPARQL updates at /update (the endpoint is read-only otherwise).
    #[arg(long)]
    allow_update: bool,
    /// Seconds a query or update may run before it is cancelled (HTTP 503).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    timeout: f64,
}

/// Adds the usual cause to a store that is locked: another process has it open.
pub(super) fn lock_hint(e: anyhow::Error) -> anyhow::Error {
    if format!("{e:#}").contains("LOCK") {
        e.context("the store is open in another process (a running `geokg serve` or `oxigraph serve`?); RocksDB allows one at a time")
    } else {
        e
    }
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
    let kg = open_existing(&a.store.store).map_err(lock_hint)?;
    let opts = ServeOptions {
        allow_update: a.allow_update,
        timeout: Duration::from_secs_f64(a.timeout),
        ..ServeOptions::default()
    };
    let server = spawn(Arc::new(Service::new(kg, opts)), &addrs)?;
    let public = addrs.iter().any(|a| !a.ip().is_loopback());
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
    if public && a.allow_update {
        eprintln!(
            "geokg: warning: updates are open to every host that reaches {}",
            a.bind
        );
    }
    server.join().context("the HTTP server stopped")?;
    Ok(0)
}
