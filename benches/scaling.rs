//! Scaling benchmark of `geokg build`'s store paths, printing figures (no criterion: each
//! figure is one timed run of a workload of a given size; the point is how they grow).
//!
//! Run: `cargo bench --bench scaling` (about 5 minutes on 2 cores). It prints:
//!
//! 1. **Growth.** Builds of 1×, 2×, 4× and 8× a base corpus (the bundled articles repeated
//!    `GEOKG_SCALE_BASE` times, default 8, i.e. 1,304 articles and 7.4 MB of text; every copy
//!    with fresh ids) through [`Pipeline::build`], the streaming build of the command line,
//!    into a fresh on-disk store: once on the bulk path (an empty store) and once on the
//!    batched path (one transaction per 1,000 articles, as into a store that has articles),
//!    with articles/s for each and the spread (max/min − 1) across sizes. An untimed warm-up
//!    build comes first: the first build of a process loads the syntax model and starts
//!    rayon's threads, which made the first row (bulk, 1×) look slow. Each row also prints
//!    its two per-run constants, so that the small rows can be read: `fill` (until the first
//!    chunk is written: its extraction, with nothing to overlap) and `tail` (after the last
//!    chunk: on the bulk path the last batch of up to 100,000 quads, the tallies and the
//!    commit). The 25% check is on the whole runs; `GEOKG_SCALE_BASE=32` makes the constants
//!    a small share.
//! 2. **Bulk path vs oxigraph.** On the 8× corpus, extracted beforehand: geokg's bulk path
//!    from extractions to a committed store (quads made from the extractions, tallies added up
//!    in memory and written at the end) beside oxigraph's own bulk loader given the very same
//!    quads, ready made, in the same run; quads/s of both and their ratio.
//! 3. **Incremental.** A store holding `GEOKG_SCALE_STATEMENTS` statements (default
//!    1,000,000; synthetic articles of 20 statements made from the bundled extractions, bulk
//!    loaded), then the bundled corpus ×`GEOKG_SCALE_BASE` with fresh ids added through
//!    [`Pipeline::build`] in batches of 1,000 articles (extraction included), then the same
//!    articles rebuilt (every article replaced), then removed in batches; articles/s of each,
//!    and a tally check at the end.
//!
//! `GEOKG_SCALE_DIR` chooses where the stores go (default: a temporary folder);
//! `GEOKG_SCALE_PARTS=1,2,3` runs only some parts; `GEOKG_SCALE_STORE=DIR` gives part 3 a
//! large store made before instead of building one (over half an hour on 2 cores). Part 3
//! writes into it (and removes what it added): give it a copy.

use geokg::input::{read_inputs, InputOptions};
use geokg::model::{ActorKind, ActorRef, DocId, Document, Extraction, Statement};
use geokg::store::{Article, KgStore, LoadMode, Loader};
use geokg::{BuildOptions, DictionaryOptions, Pipeline};
use oxigraph::model::Quad;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator of the `geokg` binary, so the figures are those of the command line.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The bundled articles, `copies` times; copy k > 0 has ids suffixed `~k`.
fn corpus(bundled: &[Document], copies: usize) -> impl Iterator<Item = Document> + Send + '_ {
    (0..copies).flat_map(move |k| {
        bundled.iter().map(move |d| {
            let mut d = d.clone();
            if k > 0 {
                d.id = DocId(format!("{}~{k}", d.id));
            }
            d
        })
    })
}

fn fresh_store(dir: &Path, name: &str) -> KgStore {
    let path = dir.join(name);
    let _ = std::fs::remove_dir_all(&path);
    KgStore::open(&path).expect("store")
}

fn du(path: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(path) {
        for e in entries.flatten() {
            let p = e.path();
            total += if p.is_dir() {
                du(&p)
            } else {
                e.metadata().map_or(0, |m| m.len())
            };
        }
    }
    total
}

/// CPU seconds used by this process so far, all threads (user + system, from /proc): a measure
/// that other processes on a shared machine do not inflate, printed beside wall time.
fn cpu() -> f64 {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            // the fields after the command name in parentheses; utime and stime are 14 and 15
            let rest = s.rsplit_once(')')?.1;
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
        })
        .unwrap_or(0.0)
}

fn spread(rates: &[f64]) -> f64 {
    let max = rates.iter().cloned().fold(f64::MIN, f64::max);
    let min = rates.iter().cloned().fold(f64::MAX, f64::min);
    max / min - 1.0
}

fn growth(pipe: &Pipeline, bundled: &[Document], base: usize, dir: &Path) {
    // untimed warm-up: the first build of the process loads the syntax model (lazily, on the
    // first parsed sentence), starts rayon's threads and reads the bundled data from disk;
    // without it the first timed row (bulk, 1x) pays all of that
    let t = Instant::now();
    let kg = fresh_store(dir, "warm-up");
    pipe.build(
        &kg,
        corpus(bundled, 1).map(Ok),
        &BuildOptions::default(),
        &|e| panic!("{e}"),
        &|_| {},
    )
    .expect("warm-up build");
    drop(kg);
    let _ = std::fs::remove_dir_all(dir.join("warm-up"));
    println!(
        "1. growth: builds of k x ({base} x the bundled corpus), fresh on-disk store (untimed warm-up build: {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    println!(
        "{:<8} {:>4} {:>9} {:>11} {:>10} {:>9} {:>12} {:>9} {:>14} {:>7} {:>7}",
        "path",
        "k",
        "articles",
        "statements",
        "quads",
        "seconds",
        "articles/s",
        "cpu s",
        "articles/cpu-s",
        "fill s",
        "tail s"
    );
    for (path, bulk) in [("bulk", Some(true)), ("batched", Some(false))] {
        let mut rates = Vec::new();
        let mut cpu_rates = Vec::new();
        for k in [1, 2, 4, 8] {
            let kg = fresh_store(dir, "growth");
            let opts = BuildOptions {
                bulk,
                ..BuildOptions::default()
            };
            // when the first and the last chunk were written: before the first, the first
            // chunk is extracted with nothing to overlap (fill); after the last, the loader
            // finishes (the bulk path loads its last batch and commits: tail)
            let first = std::sync::Mutex::new(None::<Instant>);
            let last = std::sync::Mutex::new(None::<Instant>);
            let t = Instant::now();
            let c = cpu();
            let sum = pipe
                .build(
                    &kg,
                    corpus(bundled, base * k).map(Ok),
                    &opts,
                    &|e| panic!("{e}"),
                    &|_| {
                        let now = Instant::now();
                        first.lock().expect("lock").get_or_insert(now);
                        *last.lock().expect("lock") = Some(now);
                    },
                )
                .expect("build");
            let secs = t.elapsed().as_secs_f64();
            let cpu_secs = cpu() - c;
            let fill = first
                .into_inner()
                .expect("lock")
                .map_or(0.0, |f| (f - t).as_secs_f64());
            let tail = last
                .into_inner()
                .expect("lock")
                .map_or(0.0, |l| secs - (l - t).as_secs_f64());
            let rate = sum.load.articles as f64 / secs;
            let cpu_rate = sum.load.articles as f64 / cpu_secs;
            rates.push(rate);
            cpu_rates.push(cpu_rate);
            println!(
                "{path:<8} {k:>4} {:>9} {:>11} {:>10} {secs:>9.2} {rate:>12.0} {cpu_secs:>9.2} {cpu_rate:>14.0} {fill:>7.2} {tail:>7.2}",
                sum.load.articles,
                sum.load.statements,
                kg.len().expect("len")
            );
        }
        for (what, r) in [("articles/s", &rates), ("articles/cpu-s", &cpu_rates)] {
            println!(
                "{path}: {what} spread across sizes {:.0}% (flat within 25%: {})",
                spread(r) * 100.0,
                if spread(r) <= 0.25 { "yes" } else { "NO" }
            );
        }
    }
}

fn side_by_side(pipe: &Pipeline, bundled: &[Document], base: usize, dir: &Path) {
    let docs: Vec<Document> = corpus(bundled, base * 8).collect();
    let extractions = pipe.extract_all(&docs, &|| {});
    drop(docs);
    println!(
        "2. bulk path vs oxigraph's bulk loader: {} articles extracted beforehand",
        extractions.len()
    );
    // geokg: extractions -> quads + tallies -> bulk loader -> commit, through the path of
    // `geokg load` (Pipeline::load_stream), which is `geokg build`'s minus the extraction
    let kg = fresh_store(dir, "bulk-geokg");
    let t = Instant::now();
    let c = cpu();
    let opts = BuildOptions {
        bulk: Some(true),
        ..BuildOptions::default()
    };
    pipe.load_stream(
        &kg,
        extractions.into_iter().map(Ok),
        &opts,
        &|e| panic!("{e}"),
        &|_| {},
    )
    .expect("bulk load");
    let geokg_secs = t.elapsed().as_secs_f64();
    let geokg_cpu = cpu() - c;
    let quads = kg.len().expect("len");
    // the same quads, ready made, to oxigraph alone
    let all: Vec<Quad> = kg.inner().iter().collect::<Result<_, _>>().expect("quads");
    drop(kg);
    let ox = fresh_store(dir, "bulk-oxigraph");
    let t = Instant::now();
    let c = cpu();
    let mut loader = ox.inner().bulk_loader();
    for chunk in all.chunks(1_000_000) {
        loader.load_quads(chunk.iter().cloned()).expect("load");
    }
    loader.commit().expect("commit");
    let ox_secs = t.elapsed().as_secs_f64();
    let ox_cpu = cpu() - c;
    assert_eq!(ox.len().expect("len"), quads);
    let g = quads as f64 / geokg_secs;
    let o = quads as f64 / ox_secs;
    let (gc, oc) = (quads as f64 / geokg_cpu, quads as f64 / ox_cpu);
    println!("{quads} quads");
    println!(
        "geokg bulk path (from extractions)  {geokg_secs:>7.2} s  {g:>9.0} quads/s   cpu {geokg_cpu:>7.2} s  {gc:>9.0} quads/cpu-s"
    );
    println!(
        "oxigraph bulk loader (same quads)   {ox_secs:>7.2} s  {o:>9.0} quads/s   cpu {ox_cpu:>7.2} s  {oc:>9.0} quads/cpu-s"
    );
    println!(
        "geokg / oxigraph: {:.0}% of the quads/s, {:.0}% of the quads/cpu-s (target >= 80%: {})",
        g / o * 100.0,
        gc / oc * 100.0,
        if g >= 0.8 * o { "yes" } else { "NO" }
    );
}

/// Synthetic articles of 20 statements each, copied from the bundled extractions with their
/// actors rotated through the real actors, dated over 2019-2025.
fn synthetic(templates: &[Statement], statements: usize) -> impl Iterator<Item = Extraction> + '_ {
    let mut actors: Vec<ActorRef> = templates
        .iter()
        .flat_map(|s| [s.actor.clone(), s.target.clone()])
        .filter(|a| a.kind != ActorKind::Issue)
        .collect();
    actors.sort_by(|a, b| a.id.cmp(&b.id));
    actors.dedup_by(|a, b| a.id == b.id);
    let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
    let articles = statements.div_ceil(20);
    (0..articles).map(move |i| {
        let day = start + chrono::Duration::days((i * 7919 % 2557) as i64);
        let doc = format!("synthetic-{i:07}");
        let n = 20.min(statements - i * 20);
        let sts = (0..n)
            .map(|j| {
                let k = i * 20 + j;
                let mut s = templates[k % templates.len()].clone();
                s.actor = actors[k * 31 % actors.len()].clone();
                if s.target.kind != ActorKind::Issue {
                    let mut t = k * 17 % actors.len();
                    if actors[t].id == s.actor.id {
                        t = (t + 1) % actors.len();
                    }
                    s.target = actors[t].clone();
                }
                s.doc = DocId(doc.clone());
                s.date = Some(day);
                s.article_date = Some(day);
                s.sentence = j;
                s
            })
            .collect();
        Extraction {
            doc: Document {
                id: DocId(doc.clone()),
                date: Some(day),
                title: None,
                url: None,
                text: String::new(),
                origin: doc,
            },
            sentence_count: 20,
            statements: sts,
        }
    })
}

fn incremental(pipe: &Pipeline, bundled: &[Document], base: usize, dir: &Path) {
    let target = env_usize("GEOKG_SCALE_STATEMENTS", 1_000_000);
    let templates: Vec<Statement> = pipe
        .extract_all(bundled, &|| {})
        .into_iter()
        .flat_map(|e| e.statements)
        .collect();
    let kg = if let Some(given) = std::env::var_os("GEOKG_SCALE_STORE") {
        // a large store made before (building one takes over half an hour here); the
        // benchmark writes into it, so give it a copy
        let given = PathBuf::from(given);
        let kg = KgStore::open(&given).expect("GEOKG_SCALE_STORE");
        println!(
            "3. incremental: the store {} ({:.0} MB on disk; GEOKG_SCALE_STORE)",
            given.display(),
            du(&given) as f64 / 1e6
        );
        kg
    } else {
        let kg = fresh_store(dir, "incremental");
        kg.load_ontology().expect("ontology");
        let t = Instant::now();
        let mut loader = Loader::new(&kg, LoadMode::Bulk).expect("loader");
        let mut batch = Vec::new();
        for ex in synthetic(&templates, target) {
            batch.push(Article::of(&ex).expect("article"));
            if batch.len() == 1000 {
                loader.add(std::mem::take(&mut batch)).expect("add");
            }
        }
        loader.add(batch).expect("add");
        loader.finish().expect("finish");
        kg.inner().optimize().expect("optimize");
        println!(
            "3. incremental: a store of {target} statements, {} quads, {:.0} MB on disk (bulk loaded in {:.1} s)",
            kg.len().expect("len"),
            du(&dir.join("incremental")) as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        kg
    };
    let docs = || corpus(bundled, base).map(Ok);
    let batched = BuildOptions {
        bulk: Some(false),
        ..BuildOptions::default()
    };
    for what in ["add (new articles)", "rebuild (replace them)"] {
        let t = Instant::now();
        let c = cpu();
        let sum = pipe
            .build(&kg, docs(), &batched, &|e| panic!("{e}"), &|_| {})
            .expect("build");
        let secs = t.elapsed().as_secs_f64();
        let cpu_secs = cpu() - c;
        println!(
            "{what:<24} {:>6} articles in {secs:>6.2} s: {:>6.0} articles/s, {:>6.0} articles/cpu-s (extraction included; target >= 300)",
            sum.load.articles,
            sum.load.articles as f64 / secs,
            sum.load.articles as f64 / cpu_secs
        );
    }
    let ids: Vec<String> = corpus(bundled, base).map(|d| d.id.0).collect();
    let t = Instant::now();
    for chunk in ids.chunks(1000) {
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        let found = kg.remove_articles(&refs).expect("remove");
        assert!(found.iter().all(|f| *f));
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{:<24} {:>6} articles in {secs:>6.2} s: {:>6.0} articles/s",
        "remove",
        ids.len(),
        ids.len() as f64 / secs
    );
    let t = Instant::now();
    let bad = kg.check_tallies().expect("check");
    println!(
        "tally check after all that: {} ({:.1} s)",
        if bad.is_empty() {
            "the tallies equal the statements".to_owned()
        } else {
            format!("{} tallies differ", bad.len())
        },
        t.elapsed().as_secs_f64()
    );
}

fn main() {
    let base = env_usize("GEOKG_SCALE_BASE", 8);
    let parts = std::env::var("GEOKG_SCALE_PARTS").unwrap_or_else(|_| "1,2,3".to_owned());
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = std::env::var_os("GEOKG_SCALE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_owned());
    std::fs::create_dir_all(&dir).expect("scale dir");
    let pipe = Pipeline::new(&DictionaryOptions::default()).expect("dictionaries");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let bundled = read_inputs(&[root], &InputOptions::default()).documents;
    println!(
        "scaling benchmark: {} bundled articles, base {base} copies, {} threads",
        bundled.len(),
        rayon::current_num_threads()
    );
    if parts.contains('1') {
        growth(&pipe, &bundled, base, &dir);
    }
    if parts.contains('2') {
        side_by_side(&pipe, &bundled, base, &dir);
    }
    if parts.contains('3') {
        incremental(&pipe, &bundled, base, &dir);
    }
}
