//! The analysis subcommands: `profile`, `compare`, `matrix`, `dyad`, `blocs` and `centrality` — arguments,
//! and printing as a terminal table, JSON or CSV. The numbers come from `geokg::analysis`.

use super::{open_existing, parse_date, StoreArgs};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use geokg::actors::Gazetteer;
use geokg::analysis::{
    self, blocs, centrality, charts, compare, dyad, matrix, profile, Labeler, Measure, Named, Stat,
};
use geokg::export::table::csv_field;
use geokg::graph::{Evidence, Key, Window};
use geokg::store::KgStore;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Copy, Clone, Debug, ValueEnum, PartialEq)]
pub(crate) enum OutFormat {
    /// A readable table.
    Table,
    /// JSON (the whole report).
    Json,
    /// CSV (the main table of the report).
    Csv,
}

/// Options every analysis takes.
#[derive(Args, Debug, Clone)]
pub(crate) struct CommonArgs {
    /// Only statements dated on or after this day (YYYY-MM-DD; the article date when the
    /// statement has none).
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Only statements dated on or before this day.
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// Only statements with at least this confidence (0-1).
    #[arg(long, value_name = "X")]
    min_confidence: Option<f64>,
    /// Count a person as the state or organisation they represent on the statement date.
    #[arg(long)]
    roll_up: bool,
    /// Read every statement instead of the store's tallies (the same figures, slower; to
    /// check the tallies, or for a store written around geokg without `geokg tallies
    /// --rebuild`).
    #[arg(long)]
    no_tallies: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: OutFormat,
    #[command(flatten)]
    store: StoreArgs,
}

impl CommonArgs {
    fn window(&self) -> Result<Window> {
        if let Some(c) = self.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                bail!("--min-confidence {c} is not between 0 and 1");
            }
        }
        if let (Some(f), Some(t)) = (self.from, self.to) {
            if f > t {
                bail!("--from {f} is after --to {t}");
            }
        }
        Ok(Window {
            from: self.from,
            to: self.to,
            min_confidence: self.min_confidence,
            roll_up: self.roll_up,
            no_tallies: self.no_tallies,
        })
    }
}

#[derive(Args, Debug)]
pub(crate) struct ProfileArgs {
    /// The actor: a code, id, name, alias or Wikidata QID (or an id in the store).
    actor: String,
    /// Show the N targets with the most statements (0: all).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Evidence sentences per target.
    #[arg(long, default_value_t = 2)]
    evidence: usize,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args, Debug)]
pub(crate) struct CompareArgs {
    /// The first actor.
    a: String,
    /// The second actor.
    b: String,
    /// Narrow the comparison to one target (actor or issue).
    #[arg(long, value_name = "TARGET")]
    on: Option<String>,
    /// Evidence sentences per side.
    #[arg(long, default_value_t = 2)]
    evidence: usize,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub(crate) enum MeasureArg {
    /// Signorino–Ritter S-score.
    SScore,
    /// Cohen's kappa over the signs.
    Kappa,
    /// Cosine of the score vectors.
    Cosine,
}

#[derive(Args, Debug)]
pub(crate) struct MatrixArgs {
    /// The actors (default: the --top actors with the most statements).
    actors: Vec<String>,
    #[arg(long, value_enum, default_value = "s-score")]
    measure: MeasureArg,
    /// Without actors: take the N actors with the most statements.
    #[arg(long, default_value_t = 12)]
    top: usize,
    /// A cell needs at least N shared targets.
    #[arg(long, default_value_t = 1)]
    min_shared: usize,
    /// Also write the matrix as CSV to FILE.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write the heatmap as SVG to FILE.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub(crate) enum ByArg {
    Week,
    Month,
    Quarter,
}

#[derive(Args, Debug)]
pub(crate) struct DyadArgs {
    a: String,
    b: String,
    #[arg(long, value_enum, default_value = "month")]
    by: ByArg,
    /// Also write the series as CSV to FILE.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write the line chart as SVG to FILE.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args, Debug)]
pub(crate) struct BlocsArgs {
    /// A tie is signed only when |S| exceeds this.
    #[arg(long, default_value_t = 0.0)]
    threshold: f64,
    /// List at most N unbalanced triads and N violations per front.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Evidence sentences per direction of a tie.
    #[arg(long, default_value_t = 1)]
    evidence: usize,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args, Debug)]
pub(crate) struct CentralityArgs {
    /// A tie counts as support when S exceeds this, as conflict when S is below minus this.
    #[arg(long, default_value_t = 0.0)]
    threshold: f64,
    /// Show the N most central actors in the table (0: all).
    #[arg(long, default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    common: CommonArgs,
}

struct Ctx {
    store: KgStore,
    gazetteer: Gazetteer,
}

impl Ctx {
    fn open(c: &CommonArgs) -> Result<Ctx> {
        Ok(Ctx {
            store: open_existing(&c.store.store)?,
            gazetteer: Gazetteer::bundled()?,
        })
    }

    fn resolve(&self, name: &str, w: &Window) -> Result<Key> {
        let r = analysis::resolve(&self.store, &self.gazetteer, name, w)?;
        if let Some(n) = r.note {
            eprintln!("geokg: note: {n}");
        }
        Ok(r.key)
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    Ok(serde_json::to_string_pretty(v)? + "\n")
}

fn csv_line(fields: &[String]) -> String {
    let f: Vec<String> = fields.iter().map(|s| csv_field(s)).collect();
    f.join(",") + "\r\n"
}

fn opt(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

fn signed(v: f64) -> String {
    format!("{v:+.2}")
}

fn signed_opt(v: Option<f64>) -> String {
    v.map_or("-".to_owned(), signed)
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n.saturating_sub(1)).collect::<String>() + "…"
    }
}

/// A plain text table: the first column left-aligned, the others right-aligned unless told.
struct Table {
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Lines printed under each row (evidence).
    below: Vec<String>,
    left: Vec<bool>,
}

impl Table {
    fn new(head: &[&str], left: &[usize]) -> Table {
        Table {
            head: head.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
            below: Vec::new(),
            left: (0..head.len()).map(|i| left.contains(&i)).collect(),
        }
    }
    fn row(&mut self, r: Vec<String>) {
        self.rows.push(r);
        self.below.push(String::new());
    }
    fn row_with(&mut self, r: Vec<String>, below: String) {
        self.rows.push(r);
        self.below.push(below);
    }
    fn render(&self, indent: &str) -> String {
        let n = self.head.len();
        let mut w = vec![0; n];
        for r in std::iter::once(&self.head).chain(&self.rows) {
            for (i, c) in r.iter().enumerate().take(n) {
                w[i] = w[i].max(c.chars().count());
            }
        }
        let line = |r: &Vec<String>| -> String {
            let cells: Vec<String> = (0..n)
                .map(|i| {
                    let c = r.get(i).map(String::as_str).unwrap_or("");
                    let pad = w[i] - c.chars().count();
                    if self.left[i] {
                        format!("{c}{}", " ".repeat(pad))
                    } else {
                        format!("{}{c}", " ".repeat(pad))
                    }
                })
                .collect();
            format!("{indent}{}\n", cells.join("  ").trim_end())
        };
        let mut out = line(&self.head);
        let total: usize = w.iter().sum::<usize>() + 2 * n.saturating_sub(1);
        out.push_str(&format!("{indent}{}\n", "-".repeat(total)));
        for (r, b) in self.rows.iter().zip(&self.below) {
            out.push_str(&line(r));
            out.push_str(b);
        }
        out
    }
}

fn who(n: &Named) -> String {
    if n.label == n.id {
        n.id.clone()
    } else {
        format!("{} ({})", n.label, n.id)
    }
}

fn evidence_lines(ev: &[Evidence], indent: &str) -> String {
    let mut out = String::new();
    for e in ev {
        out.push_str(&format!(
            "{indent}[{} {} s{}] {} {:.2}: \"{}\"\n",
            e.doc,
            e.date.as_deref().unwrap_or("undated"),
            e.sentence,
            e.stance,
            e.confidence,
            clip(&e.text, 220)
        ));
    }
    out
}

fn stat_cells(s: &Stat) -> Vec<String> {
    vec![
        s.n.to_string(),
        s.articles.to_string(),
        format!("{:+.2}", s.goldstein_mean),
        signed(s.s),
        format!("[{:+.2}, {:+.2}]", s.s_low, s.s_high),
    ]
}

fn emit(out: &str) -> Result<()> {
    let mut o = std::io::stdout().lock();
    o.write_all(out.as_bytes())?;
    o.flush()?;
    Ok(())
}

fn empty_note(format: OutFormat, msg: &str, out: &mut String) {
    if format == OutFormat::Table {
        out.push_str(msg);
        out.push('\n');
    } else {
        eprintln!("geokg: note: {msg}");
    }
}

pub(crate) fn profile(a: ProfileArgs) -> Result<u8> {
    let w = a.common.window()?;
    let ctx = Ctx::open(&a.common)?;
    let key = ctx.resolve(&a.actor, &w)?;
    let labels = Labeler::new(&ctx.store, &ctx.gazetteer);
    let p = profile::profile(&ctx.store, &labels, &key, &w, a.limit, a.evidence)?;
    let mut out = String::new();
    match a.common.format {
        OutFormat::Json => out = json(&p)?,
        OutFormat::Csv => {
            out.push_str(&csv_line(
                &[
                    "target",
                    "label",
                    "kind",
                    "n",
                    "articles",
                    "goldstein_mean",
                    "s",
                    "s_low",
                    "s_high",
                    "q1",
                    "q2",
                    "q3",
                    "q4",
                    "evidence_doc",
                    "evidence_date",
                    "evidence_sentence",
                    "evidence_text",
                ]
                .map(String::from),
            ));
            for r in &p.rows {
                let e = r.evidence.first();
                let mut f = vec![
                    r.target.id.clone(),
                    r.target.label.clone(),
                    r.target.kind.clone(),
                    r.stat.n.to_string(),
                    r.stat.articles.to_string(),
                    r.stat.goldstein_mean.to_string(),
                    r.stat.s.to_string(),
                    r.stat.s_low.to_string(),
                    r.stat.s_high.to_string(),
                ];
                f.extend(r.stat.quad_class.iter().map(|q| q.to_string()));
                f.extend([
                    e.map(|e| e.doc.clone()).unwrap_or_default(),
                    e.and_then(|e| e.date.clone()).unwrap_or_default(),
                    e.map(|e| e.sentence.to_string()).unwrap_or_default(),
                    e.map(|e| e.text.clone()).unwrap_or_default(),
                ]);
                out.push_str(&csv_line(&f));
            }
        }
        OutFormat::Table => {
            out.push_str(&format!(
                "{}: {} statements toward {} targets{}\n",
                who(&p.actor),
                p.statements,
                p.targets,
                w.suffix()
            ));
            if !p.rows.is_empty() {
                out.push_str(
                    "S = confidence-weighted mean polarity in [-1, 1], with its 95% interval\n\n",
                );
            }
            let mut t = Table::new(
                &[
                    "target",
                    "name",
                    "n",
                    "articles",
                    "goldstein",
                    "S",
                    "95% interval",
                ],
                &[0, 1],
            );
            for r in &p.rows {
                let mut cells = vec![r.target.id.clone(), clip(&r.target.label, 32)];
                cells.extend(stat_cells(&r.stat));
                t.row_with(cells, evidence_lines(&r.evidence, "    "));
            }
            if !p.rows.is_empty() {
                out.push_str(&t.render(""));
            }
            if p.targets > p.rows.len() {
                out.push_str(&format!(
                    "({} more targets; --limit 0 shows all)\n",
                    p.targets - p.rows.len()
                ));
            }
        }
    }
    if p.rows.is_empty() {
        empty_note(
            a.common.format,
            &format!(
                "no statements by {} in the store{}",
                who(&p.actor),
                w.suffix()
            ),
            &mut out,
        );
    }
    emit(&out)?;
    Ok(0)
}

pub(crate) fn compare(a: CompareArgs) -> Result<u8> {
    let w = a.common.window()?;
    let ctx = Ctx::open(&a.common)?;
    let ka = ctx.resolve(&a.a, &w)?;
    let kb = ctx.resolve(&a.b, &w)?;
    if ka == kb {
        bail!("'{}' and '{}' are the same actor ({ka})", a.a, a.b);
    }
    let on = a.on.as_deref().map(|t| ctx.resolve(t, &w)).transpose()?;
    let labels = Labeler::new(&ctx.store, &ctx.gazetteer);
    let c = compare::compare(&ctx.store, &labels, &ka, &kb, on.as_ref(), &w, a.evidence)?;
    let mut out = String::new();
    match a.common.format {
        OutFormat::Json => out = json(&c)?,
        OutFormat::Csv => {
            out.push_str(&csv_line(
                &[
                    "target",
                    "label",
                    "kind",
                    "n_a",
                    "s_a",
                    "s_a_low",
                    "s_a_high",
                    "goldstein_a",
                    "n_b",
                    "s_b",
                    "s_b_low",
                    "s_b_high",
                    "goldstein_b",
                    "delta",
                ]
                .map(String::from),
            ));
            for r in &c.shared {
                out.push_str(&csv_line(&[
                    r.target.id.clone(),
                    r.target.label.clone(),
                    r.target.kind.clone(),
                    r.a.n.to_string(),
                    r.a.s.to_string(),
                    r.a.s_low.to_string(),
                    r.a.s_high.to_string(),
                    r.a.goldstein_mean.to_string(),
                    r.b.n.to_string(),
                    r.b.s.to_string(),
                    r.b.s_low.to_string(),
                    r.b.s_high.to_string(),
                    r.b.goldstein_mean.to_string(),
                    r.delta.to_string(),
                ]));
            }
        }
        OutFormat::Table => {
            let (ia, ib) = (&c.a.id, &c.b.id);
            out.push_str(&format!(
                "{} vs {}{}{}\n",
                who(&c.a),
                who(&c.b),
                c.on.as_ref()
                    .map(|o| format!(" on {}", who(o)))
                    .unwrap_or_default(),
                w.suffix()
            ));
            out.push_str(&format!(
                "shared targets: {}   only {ia}: {}   only {ib}: {}\n\n",
                c.shared.len(),
                c.only_a,
                c.only_b
            ));
            if !c.shared.is_empty() {
                let sa = format!("S({ia})");
                let sb = format!("S({ib})");
                let na = format!("n {ia}");
                let nb = format!("n {ib}");
                let mut t = Table::new(
                    &[
                        "target",
                        "name",
                        &na,
                        &sa,
                        "95% interval",
                        &nb,
                        &sb,
                        "95% interval",
                        "Δ",
                    ],
                    &[0, 1],
                );
                for r in &c.shared {
                    t.row(vec![
                        r.target.id.clone(),
                        clip(&r.target.label, 32),
                        r.a.n.to_string(),
                        signed(r.a.s),
                        format!("[{:+.2}, {:+.2}]", r.a.s_low, r.a.s_high),
                        r.b.n.to_string(),
                        signed(r.b.s),
                        format!("[{:+.2}, {:+.2}]", r.b.s_low, r.b.s_high),
                        signed(r.delta),
                    ]);
                }
                out.push_str(&t.render(""));
                let g = &c.agreement;
                out.push_str(&format!(
                    "\nagreement over the {} shared targets only:\n  same sign {}   S-score {}   Cohen's kappa {}   cosine {}\n",
                    g.shared,
                    g.same_sign.map_or("-".to_owned(), |v| format!("{:.0}%", v * 100.0)),
                    signed_opt(g.s_score),
                    signed_opt(g.kappa),
                    signed_opt(g.cosine),
                ));
            }
            out.push_str(&format!("\nhow {ia} and {ib} treat each other:\n"));
            for (label, s, ev) in [
                (
                    format!("{ia} -> {ib}"),
                    &c.dyad.a_to_b,
                    &c.dyad.a_to_b_evidence,
                ),
                (
                    format!("{ib} -> {ia}"),
                    &c.dyad.b_to_a,
                    &c.dyad.b_to_a_evidence,
                ),
            ] {
                match s {
                    Some(s) => {
                        out.push_str(&format!(
                            "  {label}: n {}  S {} [{:+.2}, {:+.2}]  goldstein {:+.2}\n",
                            s.n,
                            signed(s.s),
                            s.s_low,
                            s.s_high,
                            s.goldstein_mean
                        ));
                        out.push_str(&evidence_lines(ev, "      "));
                    }
                    None => out.push_str(&format!("  {label}: no statements\n")),
                }
            }
            if !c.divergences.is_empty() {
                out.push_str("\nlargest divergences:\n");
                for d in &c.divergences {
                    out.push_str(&format!("  {}  Δ {}\n", who(&d.target), signed(d.delta)));
                    out.push_str(&format!("    {ia}:\n"));
                    out.push_str(&evidence_lines(&d.a_evidence, "      "));
                    out.push_str(&format!("    {ib}:\n"));
                    out.push_str(&evidence_lines(&d.b_evidence, "      "));
                }
            }
        }
    }
    if c.shared.is_empty() {
        empty_note(
            a.common.format,
            &format!(
                "{} and {} address no common target{}{}",
                who(&c.a),
                who(&c.b),
                c.on.as_ref()
                    .map(|o| format!(" (narrowed to {})", who(o)))
                    .unwrap_or_default(),
                w.suffix()
            ),
            &mut out,
        );
    }
    emit(&out)?;
    Ok(0)
}

fn matrix_csv(m: &matrix::Matrix) -> String {
    let mut head = vec!["actor".to_owned(), "label".to_owned()];
    head.extend(m.actors.iter().map(|a| a.id.clone()));
    let mut out = csv_line(&head);
    for (i, a) in m.actors.iter().enumerate() {
        let mut f = vec![a.id.clone(), a.label.clone()];
        f.extend(m.values[i].iter().map(|v| opt(*v)));
        out.push_str(&csv_line(&f));
    }
    out
}

pub(crate) fn matrix(a: MatrixArgs) -> Result<u8> {
    let w = a.common.window()?;
    let ctx = Ctx::open(&a.common)?;
    let measure = match a.measure {
        MeasureArg::SScore => Measure::SScore,
        MeasureArg::Kappa => Measure::Kappa,
        MeasureArg::Cosine => Measure::Cosine,
    };
    let actors = if a.actors.is_empty() {
        if a.top < 2 {
            bail!("--top {} leaves fewer than two actors to compare", a.top);
        }
        matrix::Actors::Top(a.top)
    } else {
        let mut keys: Vec<Key> = Vec::new();
        for n in &a.actors {
            let k = ctx.resolve(n, &w)?;
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        if keys.len() < 2 {
            bail!("a matrix needs at least two different actors");
        }
        matrix::Actors::Given(keys)
    };
    let labels = Labeler::new(&ctx.store, &ctx.gazetteer);
    let m = matrix::matrix(&ctx.store, &labels, &actors, measure, a.min_shared, &w)?;
    if let Some(p) = &a.csv {
        write_file(p, matrix_csv(&m).as_bytes())?;
    }
    if let Some(p) = &a.svg {
        write_file(p, charts::heatmap_svg(&m)?.as_bytes())?;
    }
    let defined = m.values.iter().flatten().filter(|v| v.is_some()).count();
    let mut out = String::new();
    match a.common.format {
        OutFormat::Json => out = json(&m)?,
        OutFormat::Csv => out = matrix_csv(&m),
        OutFormat::Table => {
            out.push_str(&format!(
                "agreement matrix: {} over shared targets (at least {}){}\n\n",
                measure.name(),
                m.min_shared,
                w.suffix()
            ));
            let ids: Vec<String> = m.actors.iter().map(|a| a.id.clone()).collect();
            let mut head: Vec<&str> = vec![""];
            head.extend(ids.iter().map(String::as_str));
            let mut t = Table::new(&head, &[0]);
            for (i, id) in ids.iter().enumerate() {
                let mut r = vec![id.clone()];
                r.extend((0..ids.len()).map(|j| {
                    if i == j {
                        "·".to_owned()
                    } else {
                        signed_opt(m.values[i][j])
                    }
                }));
                t.row(r);
            }
            out.push_str(&t.render(""));
            out.push_str("\nmost and least similar (shared targets in brackets):\n");
            let mut t = Table::new(
                &["actor", "name", "most similar", "least similar"],
                &[0, 1, 2, 3],
            );
            for (n, a) in m.nearest.iter().zip(&m.actors) {
                let f = |x: &Option<matrix::Neighbour>| {
                    x.as_ref().map_or("-".to_owned(), |x| {
                        format!("{} {} [{}]", x.id, signed(x.value), x.shared)
                    })
                };
                t.row(vec![
                    a.id.clone(),
                    clip(&a.label, 32),
                    f(&n.most),
                    f(&n.least),
                ]);
            }
            out.push_str(&t.render(""));
        }
    }
    if m.actors.len() < 2 {
        empty_note(
            a.common.format,
            &format!("fewer than two actors have statements{}", w.suffix()),
            &mut out,
        );
    } else if defined == 0 {
        empty_note(
            a.common.format,
            &format!(
                "no pair of these actors shares {} target(s){}: every cell is undefined",
                m.min_shared,
                w.suffix()
            ),
            &mut out,
        );
    }
    emit(&out)?;
    Ok(0)
}

fn dyad_csv(d: &dyad::DyadSeries) -> String {
    let mut out = csv_line(
        &[
            "period",
            "start",
            "actor",
            "target",
            "n",
            "q1",
            "q2",
            "q3",
            "q4",
            "goldstein_mean",
        ]
        .map(String::from),
    );
    for p in &d.periods {
        for (x, y, b) in [(&d.a.id, &d.b.id, &p.a_to_b), (&d.b.id, &d.a.id, &p.b_to_a)] {
            let mut f = vec![
                p.period.clone(),
                p.start.format("%Y-%m-%d").to_string(),
                x.clone(),
                y.clone(),
                b.n.to_string(),
            ];
            f.extend(b.quad_class.iter().map(|q| q.to_string()));
            f.push(opt(b.goldstein_mean));
            out.push_str(&csv_line(&f));
        }
    }
    out
}

pub(crate) fn dyad(a: DyadArgs) -> Result<u8> {
    let w = a.common.window()?;
    let ctx = Ctx::open(&a.common)?;
    let ka = ctx.resolve(&a.a, &w)?;
    let kb = ctx.resolve(&a.b, &w)?;
    if ka == kb {
        bail!("'{}' and '{}' are the same actor ({ka})", a.a, a.b);
    }
    let by = match a.by {
        ByArg::Week => dyad::Period::Week,
        ByArg::Month => dyad::Period::Month,
        ByArg::Quarter => dyad::Period::Quarter,
    };
    let labels = Labeler::new(&ctx.store, &ctx.gazetteer);
    let d = dyad::dyad(&ctx.store, &labels, &ka, &kb, by, &w)?;
    if let Some(p) = &a.csv {
        write_file(p, dyad_csv(&d).as_bytes())?;
    }
    if let Some(p) = &a.svg {
        write_file(p, charts::dyad_svg(&d)?.as_bytes())?;
    }
    let empty = d.total_a_to_b.n + d.total_b_to_a.n == 0;
    let mut out = String::new();
    match a.common.format {
        OutFormat::Json => out = json(&d)?,
        OutFormat::Csv => out = dyad_csv(&d),
        OutFormat::Table => {
            let (ia, ib) = (&d.a.id, &d.b.id);
            out.push_str(&format!(
                "{} and {}{}\nQ1 verbal cooperation, Q2 material cooperation, Q3 verbal conflict, Q4 material conflict\n\n",
                who(&d.a),
                who(&d.b),
                w.suffix()
            ));
            if !empty {
                let ab = format!("{ia}->{ib}");
                let ba = format!("{ib}->{ia}");
                let mut t = Table::new(
                    &[
                        "period",
                        &ab,
                        "Q1",
                        "Q2",
                        "Q3",
                        "Q4",
                        "goldstein",
                        &ba,
                        "Q1",
                        "Q2",
                        "Q3",
                        "Q4",
                        "goldstein",
                    ],
                    &[0],
                );
                let cells = |b: &dyad::Bucket| -> Vec<String> {
                    let mut v = vec![b.n.to_string()];
                    v.extend(b.quad_class.iter().map(|q| q.to_string()));
                    v.push(
                        b.goldstein_mean
                            .map_or("-".to_owned(), |g| format!("{g:+.2}")),
                    );
                    v
                };
                for p in &d.periods {
                    let mut r = vec![p.period.clone()];
                    r.extend(cells(&p.a_to_b));
                    r.extend(cells(&p.b_to_a));
                    t.row(r);
                }
                let mut r = vec!["total".to_owned()];
                r.extend(cells(&d.total_a_to_b));
                r.extend(cells(&d.total_b_to_a));
                t.row(r);
                out.push_str(&t.render(""));
                if d.undated > 0 {
                    out.push_str(&format!(
                        "({} undated statements are in the totals only)\n",
                        d.undated
                    ));
                }
            }
        }
    }
    if empty {
        empty_note(
            a.common.format,
            &format!(
                "no statements between {} and {}{}",
                who(&d.a),
                who(&d.b),
                w.suffix()
            ),
            &mut out,
        );
    }
    emit(&out)?;
    Ok(0)
}

pub(crate) fn blocs(a: BlocsArgs) -> Result<u8> {
    let w = a.common.window()?;
    if !(0.0..1.0).contains(&a.threshold) {
        bail!("--threshold {} is not in [0, 1)", a.threshold);
    }
    let ctx = Ctx::open(&a.common)?;
    let labels = Labeler::new(&ctx.store, &ctx.gazetteer);
    let b = blocs::blocs(&ctx.store, &labels, &w, a.threshold, a.limit, a.evidence)?;
    let mut out = String::new();
    match a.common.format {
        OutFormat::Json => out = json(&b)?,
        OutFormat::Csv => {
            out.push_str(&csv_line(
                &["a", "b", "sign", "s", "n", "weight"].map(String::from),
            ));
            for t in &b.ties {
                out.push_str(&csv_line(&[
                    t.a.clone(),
                    t.b.clone(),
                    t.sign.clone(),
                    t.s.to_string(),
                    t.n.to_string(),
                    t.weight.to_string(),
                ]));
            }
        }
        OutFormat::Table => {
            let pos = b.ties.iter().filter(|t| t.sign == "+").count();
            out.push_str(&format!(
                "signed actor graph{}: {} actors, {} ties ({} positive, {} negative; both directions pooled, |S| > {})\n",
                w.suffix(),
                b.actors,
                b.ties.len(),
                pos,
                b.ties.len() - pos,
                b.threshold
            ));
            out.push_str(&format!(
                "triad balance: {} of {} triangles balanced ({})\n",
                b.balanced,
                b.triads,
                b.balance_ratio
                    .map_or("no triangle".to_owned(), |r| format!("{:.0}%", r * 100.0))
            ));
            if !b.unbalanced.is_empty() {
                out.push_str(&format!(
                    "\nunbalanced triads ({} in all, the best supported first):\n",
                    b.unbalanced_total
                ));
                for t in &b.unbalanced {
                    out.push_str(&format!(
                        "  {} / {} / {}: {}{}\n",
                        t.actors[0],
                        t.actors[1],
                        t.actors[2],
                        t.kind,
                        t.pivot
                            .as_ref()
                            .map(|p| format!(" ({p} is friendly with both enemies)"))
                            .unwrap_or_default()
                    ));
                    for tie in &t.ties {
                        out.push_str(&format!(
                            "    {} {} {}  S {}\n",
                            tie.a,
                            tie.sign,
                            tie.b,
                            signed(tie.s)
                        ));
                        out.push_str(&evidence_lines(&tie.evidence, "      "));
                    }
                }
            }
            for (i, f) in b.fronts.iter().enumerate() {
                let names = |c: &[Named]| {
                    c.iter()
                        .map(|n| n.id.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.push_str(&format!(
                    "\nfront {}: camp 1 [{}]  vs  camp 2 [{}]\n",
                    i + 1,
                    names(&f.camp1),
                    names(&f.camp2)
                ));
                if f.violations_total == 0 {
                    out.push_str("  no tie contradicts the two camps\n");
                } else {
                    out.push_str(&format!(
                        "  {} negative ties contradict the camps:\n",
                        f.violations_total
                    ));
                    for v in &f.violations {
                        out.push_str(&format!(
                            "    {} - {}  S {}  ({})\n",
                            v.tie.a,
                            v.tie.b,
                            signed(v.tie.s),
                            match v.reason {
                                analysis::metrics::Violation::NegativeInsideGroup =>
                                    "negative inside a group joined by positive ties",
                                analysis::metrics::Violation::NegativeWithinCamp =>
                                    "negative between two groups of the same camp",
                            }
                        ));
                        out.push_str(&evidence_lines(&v.tie.evidence, "      "));
                    }
                }
            }
            if !b.coalitions.is_empty() {
                out.push_str("\ncoalitions with no negative tie:\n");
                for c in &b.coalitions {
                    out.push_str(&format!("  [{}]\n", c.join(", ")));
                }
            }
            out.push_str("\nmutual support (strongly connected components of S > threshold):\n");
            if b.support_components.is_empty() {
                out.push_str("  none\n");
            }
            for c in &b.support_components {
                out.push_str(&format!("  [{}]\n", c.join(", ")));
            }
            if !b.pagerank.is_empty() {
                out.push_str("\nPageRank on the support graph:\n");
                let mut t = Table::new(&["actor", "name", "PageRank"], &[0, 1]);
                for r in b.pagerank.iter().take(a.limit.max(1)) {
                    t.row(vec![
                        r.id.clone(),
                        clip(&r.label, 32),
                        format!("{:.4}", r.score),
                    ]);
                }
                out.push_str(&t.render("  "));
            }
        }
    }
    if b.ties.is_empty() {
        empty_note(
            a.common.format,
            &format!("no signed tie between actors{}", w.suffix()),
            &mut out,
        );
    }
    emit(&out)?;
    Ok(0)
}

pub(crate) fn centrality(a: CentralityArgs) -> Result<u8> {
    let w = a.common.window()?;
    if !(0.0..1.0).contains(&a.threshold) {
        bail!("--threshold {} is not in [0, 1)", a.threshold);
    }
    let ctx = Ctx::open(&a.common)?;
    let labels = Labeler::new(&ctx.store, &ctx.gazetteer);
    let c = centrality::centrality(&ctx.store, &labels, &w, a.threshold)?;
    let mut out = String::new();
    match a.common.format {
        OutFormat::Json => out = json(&c)?,
        OutFormat::Csv => {
            out.push_str(&csv_line(
                &[
                    "id",
                    "label",
                    "kind",
                    "support_out",
                    "support_in",
                    "support_betweenness",
                    "support_pagerank",
                    "conflict_out",
                    "conflict_in",
                    "conflict_betweenness",
                    "conflict_pagerank",
                ]
                .map(String::from),
            ));
            for r in &c.actors {
                out.push_str(&csv_line(&[
                    r.actor.id.clone(),
                    r.actor.label.clone(),
                    r.actor.kind.clone(),
                    r.support.out_degree.to_string(),
                    r.support.in_degree.to_string(),
                    r.support.betweenness.to_string(),
                    r.support.pagerank.to_string(),
                    r.conflict.out_degree.to_string(),
                    r.conflict.in_degree.to_string(),
                    r.conflict.betweenness.to_string(),
                    r.conflict.pagerank.to_string(),
                ]));
            }
        }
        OutFormat::Table => {
            out.push_str(&format!(
                "support graph{}: {} actors, {} ties (S > {}); conflict graph: {} actors, {} ties (S < {})\n",
                w.suffix(),
                c.support.actors,
                c.support.ties,
                c.threshold,
                c.conflict.actors,
                c.conflict.ties,
                if c.threshold > 0.0 {
                    format!("-{}", c.threshold)
                } else {
                    "0".to_owned()
                }
            ));
            let s = &c.signed;
            out.push_str(&format!(
                "signed graph: {} actors, {} ties; {} of {} triangles balanced ({}); camps [{}] vs [{}], {} ties contradict them\n",
                s.actors,
                s.ties,
                s.balanced,
                s.triads,
                s.balance_ratio
                    .map_or("no triangle".to_owned(), |r| format!("{:.0}%", r * 100.0)),
                s.camp1.join(", "),
                s.camp2.join(", "),
                s.violations
            ));
            if !c.actors.is_empty() {
                out.push('\n');
                let mut t = Table::new(
                    &[
                        "actor", "name", "sup out", "sup in", "sup betw", "sup PR", "con out",
                        "con in", "con betw", "con PR",
                    ],
                    &[0, 1],
                );
                let n = if a.limit == 0 {
                    c.actors.len()
                } else {
                    a.limit
                };
                for r in c.actors.iter().take(n) {
                    t.row(vec![
                        r.actor.id.clone(),
                        clip(&r.actor.label, 28),
                        r.support.out_degree.to_string(),
                        r.support.in_degree.to_string(),
                        format!("{:.3}", r.support.betweenness),
                        format!("{:.4}", r.support.pagerank),
                        r.conflict.out_degree.to_string(),
                        r.conflict.in_degree.to_string(),
                        format!("{:.3}", r.conflict.betweenness),
                        format!("{:.4}", r.conflict.pagerank),
                    ]);
                }
                out.push_str(&t.render(""));
            }
            for (name, sub) in [("support", &c.support), ("conflict", &c.conflict)] {
                out.push_str(&format!(
                    "\nstrongly connected components of the {name} graph:\n"
                ));
                if sub.components.is_empty() {
                    out.push_str("  none\n");
                }
                for comp in &sub.components {
                    out.push_str(&format!("  [{}]\n", comp.join(", ")));
                }
            }
        }
    }
    if c.actors.is_empty() {
        empty_note(
            a.common.format,
            &format!("no support or conflict tie between actors{}", w.suffix()),
            &mut out,
        );
    }
    emit(&out)?;
    Ok(0)
}
