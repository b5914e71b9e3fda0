//! Command-line front end: argument parsing, progress, printing. No pipeline logic lives here.

mod analysis;
mod push;
mod report;
mod serve;
mod syntax;

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use geokg::export::{self, ExportFormat, RdfVersion, ResultsFormat};
use geokg::graph::{Scope, StanceGraph, Window};
use geokg::input::{read_inputs, InputOptions};
use geokg::model::StatementRecord;
use geokg::store::KgStore;
use geokg::{DictionaryOptions, Pipeline};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit codes: 0 success, 1 partial (some records bad), 2 error.
const PARTIAL: u8 = 1;
const FAILURE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "geokg",
    version,
    about = "Build a knowledge graph of geopolitical actors' stances from news articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract statements, load them into the store and write the exports (the main job).
    Build(BuildArgs),
    /// Extract statements and print them, with no store: a streaming filter (JSON Lines articles
    /// on stdin, statements or N-Quads on stdout) for Spark, Hadoop streaming and the like.
    Extract(ExtractArgs),
    /// Load statements written by `geokg extract --format jsonl --articles` into the store
    /// (the same store `geokg build` gives, without extracting again).
    Load(LoadArgs),
    /// Remove articles (their graphs and their share of the tallies) from the store, in one
    /// transaction.
    Remove(RemoveArgs),
    /// Compact the store on disk (RocksDB full compaction). Run it once after a large bulk
    /// build: queries on a freshly bulk-loaded store merge its files as they read.
    Optimize(OptimizeArgs),
    /// Run a SPARQL 1.1 query over the store.
    Query(QueryArgs),
    /// Export the store: the graph (DOT, SVG, PNG, GraphML, GEXF, Cytoscape.js), RDF or a table.
    Export(ExportArgs),
    /// Score extraction against a gold file (geokg-gold/1).
    Eval(EvalArgs),
    /// Write the self-contained HTML report of the store.
    Report(report::ReportArgs),
    /// Serve the store over the SPARQL 1.1 Protocol, with the HTML report at /.
    Serve(serve::ServeArgs),
    /// Send each named graph of the store to a SPARQL Graph Store endpoint with HTTP PUT.
    Push(push::PushArgs),
    /// An actor's stances toward each target, with evidence.
    Profile(analysis::ProfileArgs),
    /// Two actors side by side over the targets both address.
    Compare(analysis::CompareArgs),
    /// The actor x actor agreement matrix (table, CSV, SVG heatmap).
    Matrix(analysis::MatrixArgs),
    /// The interactions of two actors over time (table, CSV, SVG line chart).
    Dyad(analysis::DyadArgs),
    /// Balance, camps, mutual support and PageRank of the signed actor graph.
    Blocs(analysis::BlocsArgs),
    /// Degree, betweenness and PageRank of each actor in the support and conflict graphs,
    /// their strongly connected components, and the signed balance.
    Centrality(analysis::CentralityArgs),
    /// Tag, lemmatise and parse articles into CoNLL-U (Universal Dependencies), or score the
    /// syntax model on a gold treebank (--eval).
    Parse(syntax::ParseArgs),
    /// Train the syntax model (tagger, lemmatiser, parser) on a UD treebank.
    TrainSyntax(syntax::TrainSyntaxArgs),
    /// Check the store's tallies (the totals the analyses read) against its statements, or
    /// rebuild them.
    Tallies(TalliesArgs),
}

#[derive(Args, Debug)]
struct EvalArgs {
    /// The gold file.
    gold: PathBuf,
    /// Article files or directories holding the gold documents (not needed for PETRARCH
    /// validation records, which carry their text).
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    dict: DictArgs,
    /// List false positives and misses.
    #[arg(long)]
    show: bool,
    /// Print the score as JSON.
    #[arg(long)]
    json: bool,
    /// Also report precision and recall per rule, or per capability (agents, nominal,
    /// control, speech, domestic).
    #[arg(long, value_parser = ["rule", "capability"])]
    by: Option<String>,
}

#[derive(Args, Debug, Clone)]
struct DictArgs {
    /// An extra gazetteer file (geokg-actors/1 TSV); repeatable. Rows extend bundled entries.
    #[arg(long = "actors", value_name = "FILE")]
    actors: Vec<PathBuf>,
    /// Use only the --actors files, not the bundled gazetteer.
    #[arg(long)]
    no_default_actors: bool,
    /// A CAMEO/PETRARCH-format actor dictionary (e.g. Phoenix's); repeatable.
    #[arg(long = "actors-cameo", value_name = "FILE")]
    actors_cameo: Vec<PathBuf>,
    /// Date for plain-text articles without a `date` header (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
}

#[derive(Args, Debug, Clone)]
struct StoreArgs {
    /// The store directory (RocksDB).
    #[arg(long, value_name = "DIR", default_value = ".geokg/store")]
    store: PathBuf,
}

#[derive(Args, Debug)]
struct BuildArgs {
    /// Article files, directories or `-`; default: the bundled articles in data/articles.
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    dict: DictArgs,
    #[command(flatten)]
    store: StoreArgs,
    /// Keep the store in memory instead of on disk.
    #[arg(long)]
    memory: bool,
    /// Where to write the exports.
    #[arg(long, value_name = "DIR", default_value = "exports")]
    out: PathBuf,
    /// Do not write exports.
    #[arg(long)]
    no_exports: bool,
    #[command(flatten)]
    load: LoadOptions,
}

#[derive(Args, Debug, Clone)]
struct LoadOptions {
    /// Empty the store first, then load in bulk (a store without articles is always loaded in
    /// bulk; one with articles gets one transaction per batch).
    #[arg(long)]
    rebuild: bool,
    /// Articles per batch: extracted together and, into a store that has articles, written in
    /// one transaction (the first batches are smaller, from a quarter of N up, so that writing
    /// starts early).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    batch: usize,
}

impl LoadOptions {
    fn options(&self) -> geokg::BuildOptions {
        geokg::BuildOptions {
            rebuild: self.rebuild,
            batch: self.batch.max(1),
            bulk: None,
        }
    }
}

#[derive(Args, Debug)]
struct LoadArgs {
    /// Statement files (JSON Lines with article records, from `geokg extract --format jsonl
    /// --articles`), or `-` for stdin.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    dict: DictArgs,
    #[command(flatten)]
    store: StoreArgs,
    #[command(flatten)]
    load: LoadOptions,
}

#[derive(Args, Debug)]
struct OptimizeArgs {
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Args, Debug)]
struct RemoveArgs {
    /// The ids of the articles to remove.
    #[arg(required = true)]
    docs: Vec<String>,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum StatementFormat {
    Jsonl,
    Tsv,
    Table,
    Csv,
    /// Each article's named graph as N-Quads, as `geokg build` stores it.
    Nq,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
enum Dump {
    /// The sentences after the text stage, with their spans.
    Sentences,
    /// The actor mentions found in each sentence.
    Mentions,
    /// The cues found in each sentence.
    Cues,
    /// The dependency tree of each sentence (words with span, UPOS, XPOS, lemma, head, deprel).
    Syntax,
}

#[derive(Args, Debug)]
struct ExtractArgs {
    /// Article files, directories or `-`; default: stdin.
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    dict: DictArgs,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: StatementFormat,
    /// With --format jsonl: write each article's record (id, date, title, url, sentences)
    /// before its statements, which `geokg load` needs to rebuild the store exactly.
    #[arg(long)]
    articles: bool,
    /// Articles extracted together (in parallel) before their output is written.
    #[arg(long, value_name = "N", default_value_t = 1000)]
    batch: usize,
    /// Print one stage's intermediate output (JSON Lines) instead of statements.
    #[arg(long, value_enum)]
    dump: Option<Dump>,
}

#[derive(Args, Debug)]
struct QueryArgs {
    /// The SPARQL query text.
    query: Option<String>,
    /// Read the query from a file.
    #[arg(long, value_name = "Q.rq", conflicts_with = "query")]
    file: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    /// table, csv, tsv or json (SELECT/ASK); CONSTRUCT and DESCRIBE print Turtle.
    #[arg(long, default_value = "table")]
    format: String,
}

#[derive(Args, Debug)]
struct TalliesArgs {
    /// Rewrite every tally from the statements (after writes that went around geokg).
    #[arg(long)]
    rebuild: bool,
    #[command(flatten)]
    store: StoreArgs,
}

#[derive(Args, Debug)]
struct ExportArgs {
    /// dot, svg, png, graphml, gexf, cyjs, csv, tsv, jsonl, ttl, nt, nq, trig, rdfxml, jsonld;
    /// default: from -o's extension.
    #[arg(long)]
    format: Option<String>,
    /// Output file; default stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArgs,
    /// Only statements by this actor id or code (a person's code is the state or organisation
    /// they represent).
    #[arg(long)]
    actor: Option<String>,
    /// Only statements dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Only statements dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// Leave out the (actor, target) pairs with fewer statements.
    #[arg(long, value_name = "N")]
    min_count: Option<usize>,
    /// Only statements with at least this confidence (0-1).
    #[arg(long, value_name = "X")]
    min_confidence: Option<f64>,
    /// Graph formats: key each side by its code on the statement date, so a person counts as
    /// the state or organisation they represent (as `profile --roll-up` does).
    #[arg(long)]
    roll_up: bool,
    /// GraphViz layout for dot, svg and png: dot (draws alliance clusters), neato or sfdp.
    #[arg(long, default_value = "dot")]
    layout: String,
    /// Organisation codes whose members are drawn as clusters, comma-separated, or `none`;
    /// default NATO,EU,CSTO,SCO,AU,ASEAN,GCC.
    #[arg(long, value_name = "CODES")]
    clusters: Option<String>,
    /// With --format parquet: one file per month of the statement date (else the article
    /// date) in Hive style under the -o folder (`month=2022-01/part-0.parquet`).
    #[arg(long, value_name = "month")]
    partition_by: Option<String>,
    /// RDF version of the RDF formats. 1.1 (default): the statement nodes carry the
    /// provenance; read by every RDF tool (rapper/raptor, rdflib, Jena, GraphDB, Stardog,
    /// Virtuoso, Fuseki, oxigraph, N3.js). 1.2 (ttl, nt, nq, trig only): the statement nodes
    /// are also RDF 1.2 reifiers (`rdf:reifies <<( s p o )>>`); read by oxigraph 0.5 and
    /// N3.js, refused by rapper and rdflib 7 (and most stores: check yours). rdfxml and jsonld
    /// are always 1.1.
    #[arg(long, value_name = "1.1|1.2")]
    rdf: Option<String>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    geokg::input::parse_date(s)
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(a) => build(a),
        Command::Extract(a) => extract(a),
        Command::Load(a) => load(a),
        Command::Remove(a) => remove(a),
        Command::Optimize(a) => optimize(a),
        Command::Query(a) => query(a),
        Command::Export(a) => export_cmd(a),
        Command::Eval(a) => eval(a),
        Command::Report(a) => report::run(a),
        Command::Serve(a) => serve::run(a),
        Command::Push(a) => push::run(a),
        Command::Profile(a) => analysis::profile(a),
        Command::Compare(a) => analysis::compare(a),
        Command::Matrix(a) => analysis::matrix(a),
        Command::Dyad(a) => analysis::dyad(a),
        Command::Blocs(a) => analysis::blocs(a),
        Command::Centrality(a) => analysis::centrality(a),
        Command::Tallies(a) => tallies(a),
        Command::Parse(a) => syntax::parse(a),
        Command::TrainSyntax(a) => syntax::train(a),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("geokg: error: {e:#}");
            ExitCode::from(FAILURE)
        }
    }
}

fn pipeline(d: &DictArgs) -> Result<Pipeline> {
    let p = Pipeline::new(&DictionaryOptions {
        actor_files: d.actors.clone(),
        no_default_actors: d.no_default_actors,
        cameo_files: d.actors_cameo.clone(),
    })?;
    for w in &p.warnings {
        eprintln!("geokg: warning: {w}");
    }
    Ok(p)
}

/// Reads the inputs, reporting bad records on stderr. Returns the documents and whether any
/// record was bad.
fn read(inputs: &[PathBuf], d: &DictArgs) -> (Vec<geokg::model::Document>, bool) {
    let batch = read_inputs(
        inputs,
        &InputOptions {
            default_date: d.date,
        },
    );
    for e in &batch.errors {
        eprintln!("geokg: skipped: {e}");
    }
    (batch.documents, !batch.errors.is_empty())
}

/// The progress of a streaming load on a terminal: input bytes with an ETA when the input
/// size is known, and articles/s.
fn load_progress(total: Option<u64>) -> ProgressBar {
    let pb = match total {
        Some(t) => {
            let pb = ProgressBar::new(t);
            pb.set_style(
                ProgressStyle::with_template(
                    "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} {elapsed} ETA {eta}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
            pb
        }
        None => {
            let pb = ProgressBar::new_spinner();
            pb.set_style(
                ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("valid template"),
            );
            pb
        }
    };
    pb.set_message("starting");
    pb
}

/// Tells the progress bar how far the load is.
fn show_loaded(
    pb: &ProgressBar,
    bytes: &std::sync::atomic::AtomicU64,
    start: std::time::Instant,
    n: usize,
) {
    pb.set_position(bytes.load(std::sync::atomic::Ordering::Relaxed));
    let rate = n as f64 / start.elapsed().as_secs_f64().max(1e-3);
    pb.set_message(format!("{n} articles, {rate:.0}/s"));
}

fn open_store(store: &StoreArgs, memory: bool) -> Result<KgStore> {
    Ok(if memory {
        KgStore::memory()?
    } else {
        // the library's errors name the store and say what to do (locked, foreign, full disk)
        let kg = KgStore::open(&store.store)?;
        kg.check_origin(&store.store)?;
        kg
    })
}

/// Prints how the load went on stderr.
fn report_load(sum: &geokg::BuildSummary, start: std::time::Instant) {
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "geokg: loaded {} articles ({} quads) in {secs:.1} s, {:.0} articles/s, {}",
        sum.load.articles,
        sum.load.quads,
        sum.load.articles as f64 / secs.max(1e-3),
        match sum.mode {
            geokg::store::LoadMode::Bulk => "in bulk",
            geokg::store::LoadMode::Batched => "in batched transactions",
        }
    );
}

fn build(a: BuildArgs) -> Result<u8> {
    let pipe = pipeline(&a.dict)?;
    let inputs = if a.inputs.is_empty() {
        geokg::default_inputs()
    } else {
        a.inputs.clone()
    };
    let kg = open_store(&a.store, a.memory)?;
    let docs = geokg::input::DocStream::new(
        &inputs,
        &InputOptions {
            default_date: a.dict.date,
        },
    );
    let bytes = docs.bytes_read();
    let pb = load_progress(docs.total_bytes());
    let start = std::time::Instant::now();
    let summary = pipe
        .build(
            &kg,
            docs,
            &a.load.options(),
            &|e| pb.suspend(|| eprintln!("geokg: skipped: {e}")),
            &|n| show_loaded(&pb, &bytes, start, n),
        )
        .map_err(|e| e.at_store(&a.store.store))?;
    pb.finish_and_clear();
    report_load(&summary, start);
    let partial = summary.bad_records > 0;
    let sum = summary.load;
    let mut out = std::io::stdout().lock();
    writeln!(out, "articles   {}", sum.articles)?;
    writeln!(out, "sentences  {}", sum.sentences)?;
    writeln!(out, "statements {}", sum.statements)?;
    writeln!(out, "quads      {}", sum.quads)?;
    // the graph summary reads every statement back, as the exports do: --no-exports skips
    // both, so that a large build stays within bounded memory
    let detail = Scope {
        detail: true,
        ..Scope::default()
    };
    let graph = if a.no_exports {
        None
    } else {
        Some(StanceGraph::build(&kg, &detail, &Window::default(), 0)?)
    };
    if let Some(graph) = &graph {
        writeln!(out, "actors     {}", graph.node_count())?;
        writeln!(out, "edges      {}", graph.edge_count())?;
    }
    writeln!(
        out,
        "store      {}",
        if a.memory {
            "(memory)".to_owned()
        } else {
            a.store.store.display().to_string()
        }
    )?;
    if let Some(graph) = &graph {
        writeln!(out, "top dyads:")?;
        for (s, t, e) in graph.top_dyads(10) {
            let (s, t) = (s.id(), t.id());
            let stance = e
                .dominant_stance()
                .map_or("-".to_owned(), |s| s.id().to_owned());
            writeln!(
                out,
                "  {s:>12} -> {t:<12} {:>4}  {stance:<16} mean goldstein {:+.2}",
                e.count(),
                e.goldstein_mean()
            )?;
        }
    }
    if !a.no_exports {
        let report = export::write_exports(&kg, &a.out)?;
        for p in &report.written {
            writeln!(out, "wrote {}", p.display())?;
        }
        for n in &report.notes {
            eprintln!("geokg: note: {n}");
        }
        let path = a.out.join("report.html");
        let notes = geokg::report::write_report(&kg, &path, &Default::default())?;
        writeln!(out, "wrote {}", path.display())?;
        for n in &notes {
            eprintln!("geokg: note: {n}");
        }
    }
    Ok(if partial { PARTIAL } else { 0 })
}

fn extract(a: ExtractArgs) -> Result<u8> {
    let pipe = pipeline(&a.dict)?;
    let inputs = if a.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        a.inputs.clone()
    };
    if a.articles && !matches!(a.format, StatementFormat::Jsonl) {
        bail!("--articles goes with --format jsonl");
    }
    if a.dump.is_none() && matches!(a.format, StatementFormat::Jsonl | StatementFormat::Nq) {
        return extract_stream(&a, &pipe, &inputs);
    }
    let (docs, partial) = read(&inputs, &a.dict);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Some(Dump::Syntax) = a.dump {
        let parser = syntax::load(&None)?;
        for d in &docs {
            for p in &geokg::parse_document(parser, d) {
                let words: Vec<serde_json::Value> = p
                    .tree
                    .words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        serde_json::json!({"id": i + 1, "form": w.form, "span": [w.span.0, w.span.1], "upos": w.upos, "xpos": w.xpos, "lemma": w.lemma, "head": w.head, "deprel": w.deprel})
                    })
                    .collect();
                let v = serde_json::json!({"doc": d.id, "sentence": p.sentence.index, "span": [p.sentence.span.0, p.sentence.span.1], "words": words});
                writeln!(out, "{v}")?;
            }
        }
        out.flush()?;
        return Ok(if partial { PARTIAL } else { 0 });
    }
    if let Some(stage) = a.dump {
        for d in &docs {
            for line in pipe.extractor.trace(d) {
                let v = match stage {
                    Dump::Sentences => {
                        serde_json::json!({"doc": d.id, "sentence": line.index, "span": [line.span.0, line.span.1], "text": line.text, "speaker": line.speaker})
                    }
                    Dump::Mentions => {
                        serde_json::json!({"doc": d.id, "sentence": line.index, "mentions": line.mentions})
                    }
                    Dump::Cues => {
                        serde_json::json!({"doc": d.id, "sentence": line.index, "cues": line.cues})
                    }
                    Dump::Syntax => unreachable!("handled above"),
                };
                writeln!(out, "{v}")?;
            }
        }
        out.flush()?;
        return Ok(if partial { PARTIAL } else { 0 });
    }
    let records: Vec<StatementRecord> = pipe
        .extract_all(&docs, &|| {})
        .iter()
        .flat_map(|e| e.statements.iter().map(StatementRecord::from))
        .collect();
    match a.format {
        StatementFormat::Tsv => export::write_tsv(&records, &mut out)?,
        StatementFormat::Csv => export::write_csv(&records, &mut out)?,
        _ => export::write_table(&records, &mut out)?,
    }
    out.flush()?;
    Ok(if partial { PARTIAL } else { 0 })
}

/// `extract --format jsonl|nq`: a streaming filter; articles are read and extracted a batch at
/// a time (in parallel), and written in input order.
fn extract_stream(a: &ExtractArgs, pipe: &Pipeline, inputs: &[PathBuf]) -> Result<u8> {
    let mut docs = geokg::input::DocStream::new(
        inputs,
        &InputOptions {
            default_date: a.dict.date,
        },
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut bad = false;
    loop {
        let mut chunk = Vec::with_capacity(a.batch.max(1));
        for item in docs.by_ref() {
            match item {
                Ok(d) => {
                    chunk.push(d);
                    if chunk.len() >= a.batch.max(1) {
                        break;
                    }
                }
                Err(e) => {
                    eprintln!("geokg: skipped: {e}");
                    bad = true;
                }
            }
        }
        if chunk.is_empty() {
            break;
        }
        for ex in pipe.extract_all(&chunk, &|| {}) {
            match a.format {
                StatementFormat::Nq => match geokg::store::Article::of(&ex) {
                    Ok(article) => out.write_all(&article.nquads()?)?,
                    Err(e) => {
                        eprintln!(
                            "geokg: skipped: {}: article '{}': {e}",
                            ex.doc.origin, ex.doc.id
                        );
                        bad = true;
                    }
                },
                _ => {
                    if a.articles {
                        writeln!(
                            out,
                            "{}",
                            geokg::input::statements::ArticleRecord::of(&ex).line()
                        )?;
                    }
                    let records: Vec<StatementRecord> =
                        ex.statements.iter().map(StatementRecord::from).collect();
                    export::write_jsonl(&records, &mut out)?;
                }
            }
        }
        out.flush()?;
    }
    Ok(if bad { PARTIAL } else { 0 })
}

fn load(a: LoadArgs) -> Result<u8> {
    let pipe = pipeline(&a.dict)?;
    let kg = open_store(&a.store, false)?;
    let pb = load_progress(None);
    let start = std::time::Instant::now();
    let zero = std::sync::atomic::AtomicU64::new(0);
    let summary = pipe.load_stream(
        &kg,
        geokg::input::statements::StatementStream::new(&a.files),
        &a.load.options(),
        &|e| pb.suspend(|| eprintln!("geokg: skipped: {e}")),
        &|n| show_loaded(&pb, &zero, start, n),
    )?;
    pb.finish_and_clear();
    report_load(&summary, start);
    println!("articles   {}", summary.load.articles);
    println!("statements {}", summary.load.statements);
    println!("quads      {}", summary.load.quads);
    Ok(if summary.bad_records > 0 { PARTIAL } else { 0 })
}

fn remove(a: RemoveArgs) -> Result<u8> {
    let kg = open_existing(&a.store.store)?;
    let docs: Vec<&str> = a.docs.iter().map(String::as_str).collect();
    let found = kg.remove_articles(&docs)?;
    let mut missing = false;
    for (d, there) in docs.iter().zip(&found) {
        if *there {
            println!("removed {d}");
        } else {
            eprintln!("geokg: no article '{d}' in the store");
            missing = true;
        }
    }
    Ok(if missing { PARTIAL } else { 0 })
}

fn optimize(a: OptimizeArgs) -> Result<u8> {
    let kg = open_existing(&a.store.store)?;
    let started = std::time::Instant::now();
    kg.optimize()?;
    println!(
        "optimized {} in {:.1} s",
        a.store.store.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}

fn open_existing(store: &Path) -> Result<KgStore> {
    if !store.exists() {
        bail!(
            "no store at {} (run `geokg build` first, or pass --store DIR)",
            store.display()
        );
    }
    // the library's errors name the store and say what to do (locked, foreign, full disk)
    let kg = KgStore::open(store)?;
    kg.check_origin(store)?;
    Ok(kg)
}

fn tallies(a: TalliesArgs) -> Result<u8> {
    let kg = open_existing(&a.store.store)?;
    if a.rebuild {
        let n = kg.rebuild_tallies()?;
        println!("rebuilt {n} tallies from the statements");
        return Ok(0);
    }
    let bad = kg.check_tallies()?;
    if bad.is_empty() {
        let (quads, links) = kg.stored_tallies()?;
        println!(
            "the tallies agree with the statements ({} tally quads, {} statement links)",
            quads.len(),
            links.len()
        );
        return Ok(0);
    }
    eprintln!(
        "geokg: {} tallies or statement links disagree with the statements; run `geokg tallies --rebuild`:",
        bad.len()
    );
    for iri in bad.iter().take(20) {
        eprintln!("  {iri}");
    }
    if bad.len() > 20 {
        eprintln!("  … and {} more", bad.len() - 20);
    }
    Ok(PARTIAL)
}

fn query(a: QueryArgs) -> Result<u8> {
    let text = match (&a.query, &a.file) {
        (Some(q), None) => q.clone(),
        (None, Some(f)) => {
            std::fs::read_to_string(f).with_context(|| format!("reading {}", f.display()))?
        }
        _ => bail!("give a query, or --file Q.rq"),
    };
    let format = ResultsFormat::from_name(&a.format).with_context(|| {
        format!(
            "unknown result format '{}' (table, csv, tsv, json)",
            a.format
        )
    })?;
    let kg = open_existing(&a.store.store)?;
    let results = kg.query(&text)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    export::write_results(results, format, &mut out)?;
    out.flush()?;
    Ok(0)
}

fn export_cmd(a: ExportArgs) -> Result<u8> {
    let parquet = match (&a.format, &a.output) {
        (Some(f), _) => f == "parquet",
        (None, Some(o)) => o.extension().is_some_and(|e| e == "parquet"),
        _ => false,
    };
    if parquet || a.partition_by.is_some() {
        return export_parquet(&a);
    }
    let format = match (&a.format, &a.output) {
        (Some(f), _) => ExportFormat::parse(f)?,
        (None, Some(o)) => ExportFormat::from_path(o).with_context(|| {
            format!(
                "cannot tell the export format of {} from its extension; give --format",
                o.display()
            )
        })?,
        (None, None) => bail!("give --format, or -o FILE with a known extension"),
    };
    if let Some(c) = a.min_confidence {
        if !(0.0..=1.0).contains(&c) {
            bail!("--min-confidence must be between 0 and 1, not {c}");
        }
    }
    let clusters = match a.clusters.as_deref() {
        None => export::DotOptions::default().clusters,
        Some("none") | Some("") => Vec::new(),
        Some(list) => list
            .split(',')
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect(),
    };
    let opts = export::ExportOptions {
        filter: export::ExportFilter {
            actor: a.actor.clone(),
            from: a.from,
            to: a.to,
            min_confidence: a.min_confidence,
            min_count: a.min_count,
            roll_up: a.roll_up,
        },
        dot: export::DotOptions {
            layout: export::Layout::parse(&a.layout)?,
            clusters,
        },
        rdf: a.rdf.as_deref().map(RdfVersion::parse).transpose()?,
    };
    let kg = open_existing(&a.store.store)?;
    let buf = export::export(&kg, format, &opts)?;
    match &a.output {
        Some(p) => std::fs::write(p, &buf).with_context(|| format!("writing {}", p.display()))?,
        None => std::io::stdout().lock().write_all(&buf)?,
    }
    Ok(0)
}

/// `export --format parquet [--partition-by month]`: the statement table, typed.
fn export_parquet(a: &ExportArgs) -> Result<u8> {
    if a.format.as_deref().is_some_and(|f| f != "parquet") {
        bail!("--partition-by goes with --format parquet");
    }
    let filter = export::ExportFilter {
        actor: a.actor.clone(),
        from: a.from,
        to: a.to,
        min_confidence: a.min_confidence,
        min_count: a.min_count,
        roll_up: a.roll_up,
    };
    let kg = open_existing(&a.store.store)?;
    let records = filter.records(&kg)?;
    match (a.partition_by.as_deref(), &a.output) {
        (Some("month"), Some(dir)) => {
            let files = export::parquet::write_partitioned(&records, dir)?;
            eprintln!(
                "geokg: wrote {} statements in {} monthly files under {}",
                records.len(),
                files.len(),
                dir.display()
            );
        }
        (Some("month"), None) => bail!("--partition-by month writes a folder: give -o DIR"),
        (Some(other), _) => bail!("cannot partition by '{other}' (only: month)"),
        (None, Some(path)) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("writing {}", path.display()))?;
            export::parquet::write_parquet(&records, std::io::BufWriter::new(file))?;
        }
        (None, None) => {
            let mut buf = Vec::new();
            export::parquet::write_parquet(&records, &mut buf)?;
            std::io::stdout().lock().write_all(&buf)?;
        }
    }
    Ok(0)
}

fn eval(a: EvalArgs) -> Result<u8> {
    let content = std::fs::read_to_string(&a.gold)
        .with_context(|| format!("reading {}", a.gold.display()))?;
    let pipe = pipeline(&a.dict)?;
    let gold_path = a.gold.display().to_string();
    let (gold, docs, partial) = if geokg::eval::petrarch::is_validation(&content) {
        let g = &pipe.extractor.gazetteer;
        let igo = geokg::actors::cameo::igo_table();
        let map = |c: &str| {
            geokg::actors::cameo::map_code(c, &igo, &|k| g.by_code(k).is_some())
                .unwrap_or_else(|| c.chars().take(3).collect())
        };
        let (gold, docs) = geokg::eval::petrarch::parse(&gold_path, &content, &map)?;
        (gold, docs, false)
    } else {
        if a.inputs.is_empty() {
            bail!("give the article files or directories the gold file codes");
        }
        let gold = geokg::eval::parse_gold(&gold_path, &content)?;
        let (docs, partial) = read(&a.inputs, &a.dict);
        (gold, docs, partial)
    };
    let docs: Vec<_> = docs
        .into_iter()
        .filter(|d| gold.docs.contains_key(d.id.as_str()))
        .collect();
    let missing: Vec<&String> = gold
        .docs
        .keys()
        .filter(|k| !docs.iter().any(|d| d.id.as_str() == k.as_str()))
        .collect();
    for m in &missing {
        eprintln!("geokg: warning: gold document '{m}' is not among the inputs");
    }
    let extractions = pipe.extract_all(&docs, &|| {});
    let records: Vec<StatementRecord> = extractions
        .iter()
        .flat_map(|e| e.statements.iter().map(StatementRecord::from))
        .collect();
    let s = geokg::eval::score(&gold, &records);
    let mut out = std::io::stdout().lock();
    if a.show {
        for (doc, t) in &s.false_positives {
            writeln!(out, "false positive  {doc}: {} -{}-> {}", t.0, t.1, t.2)?;
        }
        for (doc, m) in &s.misses {
            writeln!(out, "missed          {doc}: {m}")?;
        }
    }
    let groups =
        a.by.as_deref()
            .map(|by| geokg::eval::score_by(&gold, &records, by));
    if let Some(groups) = &groups {
        if !a.json {
            writeln!(
                out,
                "{:<22} {:>9} {:>8} {:>9} {:>8}",
                a.by.as_deref().unwrap_or_default(),
                "precision",
                "correct",
                "recall",
                "found"
            )?;
            for g in groups {
                writeln!(
                    out,
                    "{:<22} {:>9.3} {:>8} {:>9.3} {:>8}",
                    g.group,
                    g.precision,
                    format!("{}/{}", g.correct, g.predicted),
                    g.recall,
                    g.required_found
                )?;
            }
        }
    }
    if a.json {
        let mut v = serde_json::to_value(&s)?;
        if let Some(groups) = groups {
            v["by"] = serde_json::to_value(groups)?;
        }
        writeln!(out, "{v}")?;
    } else {
        writeln!(
            out,
            "precision {:.3}  recall {:.3}  f1 {:.3}  ({}/{} predicted correct, {}/{} required found, {} optional found)",
            s.precision, s.recall, s.f1, s.correct, s.predicted, s.required_found, s.required, s.optional_found
        )?;
    }
    Ok(if partial || !missing.is_empty() {
        PARTIAL
    } else {
        0
    })
}
