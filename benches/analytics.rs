//! Benchmark of the analyses on a synthetic store of 1,000,000 statements.
//!
//! Run: `cargo bench --bench analytics` (about 5 minutes on 2 cores, 15 GB of RAM);
//! `GEOKG_BENCH_STATEMENTS=100000` runs a smaller store; `GEOKG_BENCH_DISK=DIR` builds an
//! on-disk RocksDB store in DIR (emptied first) instead of an in-memory one; `GEOKG_BENCH_BASELINE=1` also times
//! the generic statement reader (`KgStore::statements`) for the busiest actor. It prints the load figures and, for each
//! of profile, compare, matrix (50 actors), dyad and blocs, the time of each of three runs and
//! their median; then the time of one `geokg export --format dot --min-count 50` and one
//! `--format graphml`, and with `GEOKG_BENCH_REPORT=1` of one `geokg report`.
//!
//! How the statements are made: the bundled articles are extracted once; their statements are
//! the templates. Statement i of the synthetic store copies a template drawn at random (its
//! stance, confidence, negation, modality, sentence text, cue and rule) and replaces its actor
//! and target by two different actors drawn from a pool of 300: the real actors of the
//! extraction ranked by how often they occur (so USA, RUS, UKR… come first) followed by
//! synthetic copies (`RUS-s1`, "Russia (synthetic 1)", same kind; a person's copy represents
//! the copy of its state). Ranks are drawn with Zipf weights 1/r^0.8, so a few actors are busy
//! and most are rare, as in news. Issue targets of a template (if any) are kept. Statements
//! are grouped 20 to an article; each article gets a date drawn uniformly from 2019-01-01 to
//! 2025-12-31 and its statements that date. A fixed seed makes the store the same every run.
//! The store is in memory, loaded with oxigraph's bulk loader (then committed); the tallies
//! the analyses read are added up by `store::tally::TallyBuilder` and bulk-loaded with the
//! articles, giving the same quads as loading each article with `KgStore::load_extraction`.

use geokg::actors::Gazetteer;
use geokg::analysis::blocs::blocs;
use geokg::analysis::compare::compare;
use geokg::analysis::dyad::{dyad, Period};
use geokg::analysis::matrix::{matrix, Actors};
use geokg::analysis::metrics::Measure;
use geokg::analysis::profile::profile;
use geokg::analysis::Labeler;
use geokg::graph::{Key, Window};
use geokg::input::{read_inputs, InputOptions};
use geokg::model::{ActorId, ActorKind, ActorRef, DocId, Document, Extraction, Statement};
use geokg::store::tally::TallyBuilder;
use geokg::store::{extraction_quads, KgStore};
use geokg::{DictionaryOptions, Pipeline};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The allocator of the `geokg` binary, so the figures are those of the command line.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const POOL: usize = 300;
const PER_ARTICLE: usize = 20;
const ZIPF: f64 = 0.8;

/// splitmix64: small, fast and the same everywhere.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .unwrap_or(0)
        / 1024
}

/// The actor pool: real actors by frequency, then synthetic copies.
fn pool(templates: &[Statement]) -> Vec<ActorRef> {
    let mut freq: BTreeMap<String, (usize, ActorRef)> = BTreeMap::new();
    for s in templates {
        for a in [&s.actor, &s.target] {
            if a.kind != ActorKind::Issue {
                freq.entry(a.id.0.clone()).or_insert((0, a.clone())).0 += 1;
            }
        }
    }
    let mut real: Vec<(usize, ActorRef)> = freq.into_values().collect();
    real.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.id.cmp(&y.1.id)));
    let real: Vec<ActorRef> = real.into_iter().map(|(_, a)| a).collect();
    let mut out = real.clone();
    let mut k = 0;
    while out.len() < POOL {
        let copy = k / real.len() + 1;
        let mut a = real[k % real.len()].clone();
        let suffix = format!("-s{copy}");
        a.id = ActorId(format!("{}{suffix}", a.id));
        a.code = a.code.map(|c| format!("{c}{suffix}"));
        a.represents = a.represents.map(|r| ActorId(format!("{r}{suffix}")));
        a.name = format!("{} (synthetic {copy})", a.name);
        a.qid = None;
        out.push(a);
        k += 1;
    }
    out.truncate(POOL);
    out
}

fn time<T>(what: &str, runs: usize, mut f: impl FnMut() -> T) -> (T, Duration) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let shown: Vec<String> = times
        .iter()
        .map(|t| format!("{:.3}", t.as_secs_f64()))
        .collect();
    println!(
        "{what:<44} median {:>7.3} s   runs {}",
        median.as_secs_f64(),
        shown.join(" ")
    );
    (last.expect("at least one run"), median)
}

fn main() {
    // `cargo bench` passes --bench; there is nothing to parse.
    let target: usize = std::env::var("GEOKG_BENCH_STATEMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let pipe = Pipeline::new(&DictionaryOptions::default()).expect("dictionaries");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let docs = read_inputs(&[dir], &InputOptions::default()).documents;
    let templates: Vec<Statement> = pipe
        .extract_all(&docs, &|| {})
        .into_iter()
        .flat_map(|e| e.statements)
        .collect();
    let actors = pool(&templates);
    let weights: Vec<f64> = (0..actors.len())
        .map(|r| 1.0 / ((r + 1) as f64).powf(ZIPF))
        .collect();
    let total: f64 = weights.iter().sum();
    let mut cumulative = Vec::with_capacity(weights.len());
    let mut acc = 0.0;
    for w in &weights {
        acc += w / total;
        cumulative.push(acc);
    }
    let pick = |rng: &mut Rng| {
        let u = rng.unit();
        cumulative.partition_point(|&c| c < u).min(actors.len() - 1)
    };

    println!(
        "analytics benchmark: {target} statements from {} templates, {} actors (Zipf {ZIPF}), {PER_ARTICLE} per article",
        templates.len(),
        actors.len()
    );
    let start = chrono::NaiveDate::from_ymd_opt(2019, 1, 1).expect("date");
    let days = 2557;
    let mut rng = Rng(0x0067_656f_6b67);
    // GEOKG_BENCH_DISK=DIR: a RocksDB store in DIR (emptied first) instead of memory
    let kg = match std::env::var_os("GEOKG_BENCH_DISK") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            let _ = std::fs::remove_dir_all(&dir);
            KgStore::open(&dir).expect("disk store")
        }
        None => KgStore::memory().expect("memory store"),
    };
    kg.load_ontology().expect("ontology");
    let t0 = Instant::now();
    let mut loader = kg.inner().bulk_loader();
    let mut tallies = TallyBuilder::default();
    let mut pending = Vec::new();
    let (mut made, mut articles) = (0usize, 0usize);
    while made < target {
        let day = start + chrono::Duration::days(rng.below(days) as i64);
        let doc = format!("bench-{articles:07}");
        let n = PER_ARTICLE.min(target - made);
        let mut statements = Vec::with_capacity(n);
        for i in 0..n {
            let mut s = templates[rng.below(templates.len())].clone();
            let a = pick(&mut rng);
            let mut b = pick(&mut rng);
            if b == a {
                b = (b + 1) % actors.len();
            }
            s.actor = actors[a].clone();
            if s.target.kind != ActorKind::Issue {
                s.target = actors[b].clone();
            }
            s.doc = DocId(doc.clone());
            s.date = Some(day);
            s.article_date = Some(day);
            s.sentence = i;
            statements.push(s);
        }
        made += n;
        let ex = Extraction {
            doc: Document {
                id: DocId(doc.clone()),
                date: Some(day),
                title: None,
                url: None,
                text: String::new(),
                origin: doc,
            },
            sentence_count: PER_ARTICLE,
            statements,
        };
        // quads go to the loader in batches: each call writes its own files, and an on-disk
        // store with one set per article runs out of file handles
        pending.extend(extraction_quads(&ex).expect("quads"));
        if pending.len() >= 4_000_000 {
            loader
                .load_quads(std::mem::take(&mut pending))
                .expect("bulk load");
        }
        tallies.add(&ex);
        articles += 1;
    }
    loader.load_quads(pending).expect("bulk load");
    let tally_count = tallies.len();
    loader.load_quads(tallies.quads()).expect("bulk load");
    drop(tallies);
    loader.commit().expect("commit");
    if std::env::var_os("GEOKG_BENCH_DISK").is_some() {
        // compact, as a store at rest is; right after a bulk load RocksDB compacts in the
        // background and the first queries are several times slower
        kg.inner().optimize().expect("optimize");
    }
    let quads = kg.len().expect("len");
    println!(
        "loaded {made} statements in {articles} articles and {tally_count} tallies: {quads} quads in {:.1} s, RSS {} MB",
        t0.elapsed().as_secs_f64(),
        rss_mb()
    );

    let g = Gazetteer::bundled().expect("gazetteer");
    let labels = Labeler::new(&kg, &g);
    let w = Window::default();
    let key = |a: &ActorRef| Key::actor(a.id.as_str());
    let (busiest, second) = (key(&actors[0]), key(&actors[1]));
    let median_actor = key(&actors[actors.len() / 2]);
    let top50: Vec<Key> = actors.iter().take(50).map(key).collect();
    let runs = 3;
    if std::env::var_os("GEOKG_BENCH_BASELINE").is_some() {
        // the generic reader (every property of every statement node, filtered in Rust), for
        // comparison with the analyses' own scan; slow, so only on request
        let filter = geokg::store::StatementFilter {
            actor: Some(busiest.id.clone()),
            direct_only: true,
            ..Default::default()
        };
        let (r, _) = time("baseline: KgStore::statements, busiest actor", 1, || {
            kg.statements(&filter).expect("statements")
        });
        println!("    {} records", r.len());
    }

    let (p, _) = time(&format!("profile {busiest} (busiest actor)"), runs, || {
        profile(&kg, &labels, &busiest, &w, 20, 2).expect("profile")
    });
    println!("    {} statements, {} targets", p.statements, p.targets);
    let (p, _) = time(&format!("profile {median_actor} (rank 150)"), runs, || {
        profile(&kg, &labels, &median_actor, &w, 20, 2).expect("profile")
    });
    println!("    {} statements, {} targets", p.statements, p.targets);
    let (c, _) = time(&format!("compare {busiest} {second}"), runs, || {
        compare(&kg, &labels, &busiest, &second, None, &w, 2).expect("compare")
    });
    println!("    {} shared targets", c.agreement.shared);
    let (m, _) = time("matrix, the 50 busiest actors (s-score)", runs, || {
        matrix(
            &kg,
            &labels,
            &Actors::Given(top50.clone()),
            Measure::SScore,
            1,
            &w,
        )
        .expect("matrix")
    });
    let defined = m.values.iter().flatten().filter(|v| v.is_some()).count();
    println!("    {} actors, {defined} defined cells", m.actors.len());
    let (d, _) = time(&format!("dyad {busiest} {second} by month"), runs, || {
        dyad(&kg, &labels, &busiest, &second, Period::Month, &w).expect("dyad")
    });
    println!(
        "    {} periods, {} + {} statements",
        d.periods.len(),
        d.total_a_to_b.n,
        d.total_b_to_a.n
    );
    let (b, _) = time("blocs (all actors)", runs, || {
        blocs(&kg, &labels, &w, 0.0, 10, 1).expect("blocs")
    });
    println!(
        "    {} actors, {} ties, {} triads",
        b.actors,
        b.ties.len(),
        b.triads
    );
    let (c, _) = time("centrality (all actors)", runs, || {
        geokg::analysis::centrality::centrality(&kg, &labels, &w, 0.0).expect("centrality")
    });
    println!(
        "    {} actors; support {} ties, conflict {} ties",
        c.actors.len(),
        c.support.ties,
        c.conflict.ties
    );
    let year = Window {
        from: chrono::NaiveDate::from_ymd_opt(2022, 1, 1),
        to: chrono::NaiveDate::from_ymd_opt(2022, 12, 31),
        ..Window::default()
    };
    time(&format!("profile {busiest}, 2022 only"), runs, || {
        profile(&kg, &labels, &busiest, &year, 20, 2).expect("profile")
    });
    time("blocs, 2022 only", runs, || {
        blocs(&kg, &labels, &year, 0.0, 10, 1).expect("blocs")
    });
    let edge = Window {
        min_confidence: Some(0.8),
        roll_up: true,
        ..Window::default()
    };
    time(
        &format!("compare {busiest} {second}, conf >= 0.8, rolled up"),
        runs,
        || compare(&kg, &labels, &busiest, &second, None, &edge, 2).expect("compare"),
    );
    // a floor off a band edge reads the statements instead of the tallies
    let off = Window {
        min_confidence: Some(0.81),
        ..Window::default()
    };
    time(
        &format!("compare {busiest} {second}, conf >= 0.81 (statements)"),
        1,
        || compare(&kg, &labels, &busiest, &second, None, &off, 2).expect("compare"),
    );
    // the graph exports and the report read the same graph, with the per-stance counts and
    // days of each edge: from the tallies' gk:tallyDetail (the report also reads its first
    // 10,000 statements for its table)
    let export = |format: &str, min_count: Option<usize>| {
        let opts = geokg::export::ExportOptions {
            filter: geokg::export::ExportFilter {
                min_count,
                ..Default::default()
            },
            ..Default::default()
        };
        let f = geokg::export::ExportFormat::parse(format).expect("format");
        geokg::export::export(&kg, f, &opts).expect("export")
    };
    let (dot, _) = time("export --format dot --min-count 50", 1, || {
        export("dot", Some(50))
    });
    println!(
        "    {} bytes, {} edges",
        dot.len(),
        String::from_utf8_lossy(&dot).matches(" -> ").count()
    );
    let (gml, _) = time("export --format graphml", 1, || export("graphml", None));
    println!(
        "    {} bytes, {} edges",
        gml.len(),
        String::from_utf8_lossy(&gml).matches("<edge ").count()
    );
    if std::env::var_os("GEOKG_BENCH_REPORT").is_some() {
        let (r, _) = time("report", 1, || {
            geokg::report::render(&kg, &geokg::report::ReportOptions::default()).expect("report")
        });
        println!("    {} bytes of HTML", r.html.len());
    }
    println!("RSS at the end {} MB", rss_mb());
}
