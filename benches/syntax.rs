//! Benchmark of the syntax stage: tagging, lemmatising and parsing together (sentences/s, one
//! thread) on the sentences of the bundled articles, plus loading the bundled model.
//!
//! Run: `cargo bench --bench syntax`. Sentences are split and tokenised before timing; the
//! timed loop is `Parser::parse` over every sentence. Growth is measured at 1x, 2x, 4x and 8x
//! the corpus (the time per sentence should stay flat).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use geokg::input::{read_inputs, InputOptions};
use geokg::syntax::{tokenize, Parser};
use std::path::PathBuf;

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
