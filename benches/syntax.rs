//! Benchmark of the syntax stage: tagging, lemmatising and parsing together (sentences/s, one
//! thread) on the sentences of the bundled articles, plus loading the bundled model.
//!
//! Run: `cargo bench --bench syntax`. Sentences are split and tokenised before timing; the
//! timed loop is `Parser::parse` over every sentence. Growth is measured at 1x, 2x, 4x and 8x
//! the corpus (the time per sentence should stay flat); criterion reports the throughput as
//! `elem/s`, sentences per second of wall-clock time.
//!
//! Before the criterion groups, a summary line gives sentences/s both per second of wall-clock
//! time and per second of the thread's own CPU time (`/proc/thread-self/schedstat`), best of
//! five passes over the corpus: on a shared machine the wall-clock figure counts the time the
//! thread waits for a core, the CPU-time figure does not.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use geokg::input::{read_inputs, InputOptions};
use geokg::syntax::{tokenize, Parser};
use std::path::PathBuf;
use std::time::Instant;

/// The allocator of the `geokg` binary, so the figures are those of the command line.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// CPU time of the calling thread in nanoseconds (Linux), `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

type Sentence = Vec<(String, (usize, usize))>;

fn sentences() -> Vec<Sentence> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let batch = read_inputs(&[dir], &InputOptions::default());
    assert!(batch.errors.is_empty());
    batch
        .documents
        .iter()
        .flat_map(|d| geokg::text::split_sentences(&d.text))
        .map(|s| {
            tokenize(&s.text)
                .into_iter()
                .map(|t| (t.text, (t.start, t.end)))
                .collect()
        })
        .collect()
}

fn parse(c: &mut Criterion) {
    let parser = Parser::bundled().expect("bundled model");
    let sents = sentences();
    let words: usize = sents.iter().map(|s| s.len()).sum();
    eprintln!(
        "syntax: {} sentences, {} words ({:.1} words per sentence)",
        sents.len(),
        words,
        words as f64 / sents.len() as f64
    );
    // summary: best of five passes, wall clock and thread CPU time
    let (mut best_wall, mut best_cpu) = (f64::MAX, f64::MAX);
    for _ in 0..5 {
        let cpu0 = thread_cpu_ns();
        let t0 = Instant::now();
        let n: usize = sents.iter().map(|s| parser.parse(s).len()).sum();
        let wall = t0.elapsed().as_secs_f64();
        assert_eq!(n, words);
        best_wall = best_wall.min(wall);
        if let (Some(a), Some(b)) = (cpu0, thread_cpu_ns()) {
            best_cpu = best_cpu.min((b - a) as f64 / 1e9);
        }
    }
    eprintln!(
        "syntax: tag+parse, one thread: {:.0} sentences/s wall clock, {} ({:.0} words/s wall)",
        sents.len() as f64 / best_wall,
        if best_cpu < f64::MAX {
            format!(
                "{:.0} sentences/s of thread CPU time",
                sents.len() as f64 / best_cpu
            )
        } else {
            "thread CPU time not available".to_string()
        },
        words as f64 / best_wall
    );
    let mut g = c.benchmark_group("syntax");
    g.sample_size(10);
    for k in [1usize, 2, 4, 8] {
        let batch: Vec<&Sentence> = sents.iter().cycle().take(sents.len() * k).collect();
        g.throughput(Throughput::Elements(batch.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("tag+parse, one thread (sentences)", format!("{k}x")),
            &batch,
            |b, batch| b.iter(|| batch.iter().map(|s| parser.parse(s).len()).sum::<usize>()),
        );
    }
    g.finish();
}

fn load(c: &mut Criterion) {
    let bytes =
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/syntax/en.model"))
            .expect("data/syntax/en.model");
    let mut g = c.benchmark_group("syntax model");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| Parser::from_bytes(&bytes).expect("model").sizes())
    });
    g.finish();
}

criterion_group!(benches, parse, load);
criterion_main!(benches);
