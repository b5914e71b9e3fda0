//! What oxigraph's bulk-loader commit adds to resident memory, against the number of files
//! ingested and the bytes in them (README, "Memory, the batched path and incremental
//! updates"): `BATCHES` calls of the bulk loader with `QUADS` synthetic quads each (shaped like
//! geokg's: a graph per 100 quads, literal and IRI objects), then one commit, sampled every
//! 50 ms. Prints the quads, the files and megabytes in the store, the resident memory before,
//! during (highest) and after the commit, and after the store is closed.
//!
//!   cargo run --release --example commit_memory DIR BATCHES QUADS
//!
//! DIR must not exist (a fresh store is made there; delete it after).

use oxigraph::model::{Literal, NamedNode, Quad, Term};
use oxigraph::store::Store;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// VmRSS of this process, in KB.
fn rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|x| x.parse().ok()))
        })
        .unwrap_or(0)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, batches, per] = &args[..] else {
        return Err("usage: commit_memory DIR BATCHES QUADS".into());
    };
    let (batches, per): (usize, usize) = (batches.parse()?, per.parse()?);
    let store = Store::open(dir)?;
    let mut loader = store.bulk_loader();
    let p = NamedNode::new_unchecked("http://example.org/p");
    let mut n = 0u64;
    for b in 0..batches {
        let mut quads = Vec::with_capacity(per);
        for i in 0..per {
            n += 1;
            let g =
                NamedNode::new_unchecked(format!("http://example.org/graph/article/{}", n / 100));
            let s =
                NamedNode::new_unchecked(format!("http://example.org/id/statement/{b}-{}", i / 7));
            let o: Term = if i % 2 == 0 {
                Literal::new_simple_literal(format!("some text {n} of an article")).into()
            } else {
                NamedNode::new_unchecked(format!("http://example.org/id/actor/A{}", n % 5000))
                    .into()
            };
            quads.push(Quad::new(s, p.clone(), o, g));
        }
        loader.load_quads(quads)?;
    }
    let before = rss();
    let peak = Arc::new(AtomicU64::new(before));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (Arc::clone(&peak), Arc::clone(&done));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                peak.fetch_max(rss(), Ordering::Relaxed);
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        })
    };
    let start = std::time::Instant::now();
    loader.commit()?;
    let secs = start.elapsed().as_secs_f64();
    let after = rss();
    done.store(true, Ordering::Relaxed);
    sampler.join().map_err(|_| "sampler panicked")?;
    let (mut files, mut bytes) = (0, 0);
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        files += usize::from(e.path().extension().is_some_and(|x| x == "sst"));
        bytes += e.metadata()?.len();
    }
    println!(
        "quads {n} batches {batches} sst_files {files} store_mb {} rss_mb before_commit {} \
         during_commit {} after_commit {} commit_s {secs:.1}",
        bytes >> 20,
        before >> 10,
        peak.load(Ordering::Relaxed) >> 10,
        after >> 10
    );
    drop(store);
    println!("rss_mb after close {}", rss() >> 10);
    Ok(())
}
