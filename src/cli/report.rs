//! `geokg report`: writes the self-contained HTML report of the store.

use super::{open_existing, parse_date, StoreArgs};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Args;
use geokg::report::{self, ReportOptions};
use geokg::store::StatementFilter;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub(super) struct ReportArgs {
    /// Output file; default stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    /// Only statements by this actor id.
    #[arg(long)]
    actor: Option<String>,
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    #[arg(long)]
    min_confidence: Option<f64>,
    /// The page title.
    #[arg(long)]
    title: Option<String>,
    /// How many dyads the "Top dyads" table lists.
    #[arg(long, default_value_t = 15)]
    top: usize,
}

pub(super) fn run(a: ReportArgs) -> Result<u8> {
    let kg = open_existing(&a.store.store)?;
    let defaults = ReportOptions::default();
    let opts = ReportOptions {
        title: a.title.clone().unwrap_or(defaults.title.clone()),
        top_dyads: a.top,
        filter: StatementFilter {
            actor: a.actor.clone(),
            from: a.from,
            to: a.to,
            min_confidence: a.min_confidence,
            ..StatementFilter::default()
        },
        ..defaults
    };
    let r = report::render(&kg, &opts)?;
    for n in &r.notes {
        eprintln!("geokg: note: {n}");
    }
    match &a.output {
        Some(p) => std::fs::write(p, r.html.as_bytes())
            .with_context(|| format!("writing {}", p.display()))?,
        None => std::io::stdout().lock().write_all(r.html.as_bytes())?,
    }
    Ok(0)
}
