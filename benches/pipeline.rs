//! Benchmarks: extraction throughput (bytes/s and sentences/s) on the bundled corpora, and
//! load throughput (statements/s; quads/s is printed once) into an in-memory store.
//!
//! Run: `cargo bench --bench pipeline`. Criterion prints the throughput of each group.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use geokg::input::{read_inputs, InputOptions};
use geokg::store::KgStore;
use geokg::{DictionaryOptions, Pipeline};
use std::path::PathBuf;

fn corpus() -> Vec<geokg::model::Document> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    let batch = read_inputs(&[dir], &InputOptions::default());
    assert!(batch.errors.is_empty());
    batch.documents
}

fn extraction(c: &mut Criterion) {
    let pipe = Pipeline::new(&DictionaryOptions::default()).unwrap();
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let sentences: usize = docs
        .iter()
        .map(|d| geokg::text::split_sentences(&d.text).len())
        .sum();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("bundled corpora, one thread (bytes)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| pipe.extractor.extract(d).statements.len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Elements(sentences as u64));
    g.bench_function("bundled corpora, one thread (sentences)", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| pipe.extractor.extract(d).statements.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn load(c: &mut Criterion) {
    let pipe = Pipeline::new(&DictionaryOptions::default()).unwrap();
    let docs = corpus();
    let extractions = pipe.extract_all(&docs, &|| {});
    let statements: usize = extractions.iter().map(|e| e.statements.len()).sum();
    let probe = KgStore::memory().unwrap();
    let quads = pipe.load(&probe, &extractions, &|| {}).unwrap().quads;
    eprintln!("load: {statements} statements, {quads} quads per iteration");
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.throughput(Throughput::Elements(statements as u64));
    g.bench_function("memory store (statements)", |b| {
        b.iter(|| {
            let kg = KgStore::memory().unwrap();
            pipe.load(&kg, &extractions, &|| {}).unwrap().quads
        })
    });
    g.throughput(Throughput::Elements(quads as u64));
    g.bench_function("memory store (quads)", |b| {
        b.iter(|| {
            let kg = KgStore::memory().unwrap();
            pipe.load(&kg, &extractions, &|| {}).unwrap().quads
        })
    });
    g.finish();
}

criterion_group!(benches, extraction, load);
criterion_main!(benches);
