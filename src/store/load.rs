//! Writing articles at scale: batches of articles in one transaction (incremental updates),
//! oxigraph's bulk loader with tallies added up in memory (fresh builds), and removal.
//!
//! Every path writes the same quads: an article graph is [`super::extraction_quads`] and a
//! tally is a pure integer function of the direct statements, so a store loaded in bulk, in
//! batches or one article at a time is the same store (tested in `store/tests.rs` and the CLI
//! tests through `geokg export --format nq`). No per-article operation reads more than the
//! article's own graph and the tallies it counts in, so loading time does not grow with the
//! size of the store.

use super::spill::{self, SpillingTallies};
use super::tally::{self, Fact};
use super::KgStore;
use crate::error::{Error, Result};
use crate::model::Extraction;
use crate::vocab;
use oxigraph::model::{GraphName, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::BulkLoader;
use std::collections::{HashMap, HashSet};

/// One article, ready to be written: its graph's quads and the facts its direct statements
/// add to the tallies. Made by [`Article::of`] (in parallel, before the write).
#[derive(Clone, Debug)]
pub struct Article {
    pub doc: String,
    /// The article graph IRI.
    pub graph: String,
    pub quads: Vec<Quad>,
    pub facts: Vec<Fact>,
    pub sentences: usize,
    pub statements: usize,
}

impl Article {
    pub fn of(ex: &Extraction) -> Result<Article> {
        let quads = super::write::article_quads(ex)?;
        let (graph, facts) = tally::extraction_facts(ex);
        Ok(Article {
            doc: ex.doc.id.0.clone(),
            graph,
            quads,
            facts,
            sentences: ex.sentence_count,
            statements: ex.statements.len(),
        })
    }

    /// The article graph as N-Quads, sorted (as [`super::extraction_quads`]): what `geokg
    /// build` stores for it.
    pub fn nquads(&self) -> Result<Vec<u8>> {
        super::serialize_sorted(self.quads.clone(), oxigraph::io::RdfFormat::NQuads)
    }
}

/// Keeps the last article of each doc id, in order (a later copy replaces an earlier one, as
/// loading them one after the other would).
fn last_of_each(articles: Vec<Article>) -> Vec<Article> {
    let mut last: HashMap<&str, usize> = HashMap::with_capacity(articles.len());
    for (i, a) in articles.iter().enumerate() {
        last.insert(a.doc.as_str(), i);
    }
    let mut keep = vec![false; articles.len()];
    for i in last.into_values() {
        keep[i] = true;
    }
    articles
        .into_iter()
        .zip(keep)
        .filter_map(|(a, k)| k.then_some(a))
        .collect()
}

impl KgStore {
    /// Replaces the article graph of `ex.doc` with the quads of `ex` and updates the tallies, in
    /// one transaction. Returns the number of article quads written.
    pub fn load_extraction(&self, ex: &Extraction) -> Result<usize> {
        self.load_batch(&[Article::of(ex)?])
    }

    /// Writes many articles in one transaction: each replaces its graph (the last copy wins
    /// when a doc id comes twice), and each tally the old or new statements count in is read
    /// and rewritten once. Either the whole batch is written or, on any error (or a crash
    /// before the commit), none of it. Returns the number of article quads written.
    ///
    /// The reads (which graphs are there, their quads and facts, the tallies) go to the
    /// committed store, before any write; the writes then go to oxigraph's write-only
    /// transaction (a plain RocksDB write batch, committed at once) as one SPARQL update of
    /// `DELETE DATA` then `INSERT DATA` built in memory. oxigraph's readable transaction also
    /// keeps every staged key in an index so that reads see them (about a tenth of a batched
    /// build's time under `perf`); nothing here reads what the batch writes. geokg writes one
    /// batch at a time (the loader's thread), so nothing commits between the reads and the
    /// write.
    pub fn load_batch(&self, articles: &[Article]) -> Result<usize> {
        self.write_batch(articles.to_vec())
    }

    /// [`KgStore::load_batch`] of articles it may take apart: their quads and facts are moved
    /// into the update, not copied (the loader's path).
    pub(crate) fn write_batch(&self, articles: Vec<Article>) -> Result<usize> {
        let articles = last_of_each(articles);
        let mut old = Vec::new();
        let mut new = Vec::with_capacity(articles.iter().map(|a| a.facts.len()).sum());
        let mut delete = Vec::new();
        let mut insert = Vec::with_capacity(articles.iter().map(|a| a.quads.len()).sum());
        for mut a in articles {
            let graph = NamedNodeRef::new_unchecked(&a.graph);
            if self.store.contains_named_graph(graph)? {
                old.extend(tally::facts_in_store(&self.store, &a.graph)?);
                for q in self
                    .store
                    .quads_for_pattern(None, None, None, Some(graph.into()))
                {
                    delete.push(q?);
                }
            }
            insert.append(&mut a.quads);
            new.append(&mut a.facts);
        }
        let written = insert.len();
        let (stale, fresh) = tally::changes(
            |node, graph| {
                self.store
                    .quads_for_pattern(Some(node.into()), None, None, Some(graph.into()))
                    .collect::<std::result::Result<_, _>>()
                    .map_err(Error::from)
            },
            &old,
            &new,
        )?;
        delete.extend(stale);
        insert.extend(fresh);
        if delete.iter().chain(&insert).all(is_ground) {
            let update = write_only_update(delete, insert)
                .ok_or_else(|| Error::Store("a blank node in a write-only update".into()))?;
            SparqlEvaluator::new()
                .for_update(update)
                .on_store(&self.store)
                .execute()
                .map_err(|e| Error::Store(e.to_string()))?;
        } else {
            // a quad SPARQL's DELETE DATA cannot name (a blank node, written around geokg):
            // the same changes through the readable transaction, which removes a stored blank
            // node as it was read
            let mut tx = self.store.start_transaction()?;
            for q in &delete {
                tx.remove(q);
            }
            tx.extend(&insert);
            tx.commit()?;
        }
        Ok(written)
    }

    /// Removes the article graph of `doc` and its share of the tallies; returns whether it was
    /// there.
    pub fn remove_article(&self, doc: &str) -> Result<bool> {
        Ok(self.remove_articles(&[doc])?[0])
    }

    /// Removes several articles and their share of the tallies in one transaction; returns, for
    /// each doc, whether it was there.
    pub fn remove_articles(&self, docs: &[&str]) -> Result<Vec<bool>> {
        let mut tx = self.store.start_transaction()?;
        let mut old = Vec::new();
        let mut existed = Vec::with_capacity(docs.len());
        let mut done = HashSet::new();
        for doc in docs {
            let iri = vocab::article_graph_iri(doc);
            let graph = NamedNodeRef::new_unchecked(&iri);
            let there = tx.contains_named_graph(graph)?;
            if there && done.insert(iri.clone()) {
                old.extend(tally::facts_in_tx(&tx, &iri)?);
                tx.remove_named_graph(graph)?;
            }
            existed.push(there);
        }
        tally::apply(&mut tx, &old, &[])?;
        tx.commit()?;
        Ok(existed)
    }

    /// Whether the store holds no article and no tally (so a build may take the bulk path).
    pub fn has_no_articles(&self) -> Result<bool> {
        let article = NamedNodeRef::new_unchecked(vocab::ARTICLE);
        let rdf_type = NamedNodeRef::new_unchecked(vocab::RDF_TYPE);
        let any_article = self
            .store
            .quads_for_pattern(None, Some(rdf_type), Some(article.into()), None)
            .next()
            .transpose()?
            .is_some();
        Ok(!any_article && !self.has_tallies()?)
    }
}

/// How a [`Loader`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadMode {
    /// oxigraph's bulk loader; tallies added up in memory and written at the end. Only into a
    /// store without articles.
    Bulk,
    /// One transaction per batch of articles, updating the tallies they touch.
    Batched,
}

/// The bulk path: article quads go to oxigraph's bulk loader in large batches (each call of
/// the loader writes its own files), tallies are added up (in memory up to
/// [`spill::SPILL_BYTES`], then in sorted runs on disk merged at the end) and loaded last, and
/// nothing is visible until [`BulkLoad::finish`] commits (an interrupted build leaves the
/// store without articles). A doc id seen a second time is kept aside and written after the
/// commit by the batched path, so the last copy wins as it does there.
struct BulkLoad<'a> {
    loader: BulkLoader<'a>,
    /// The quads gathered for the loader's next call: one buffer of [`BULK_BATCH`] quads,
    /// drained into the loader and filled again, never grown (taking it whole and growing a
    /// new one by doubling copied it into a buffer twice its size once per batch; peak memory
    /// was the same within the runs' noise either way, README "Memory").
    pending: Vec<Quad>,
    tallies: SpillingTallies,
    /// Hashes of the doc ids loaded; a collision only sends an article through the batched
    /// path, which is exact.
    seen: DocHashes,
    again: Vec<Article>,
}

/// Quads handed to the bulk loader at a time. Two costs pull against each other:
/// - memory while loading: a quad takes about 400 bytes here, and as much again while one of
///   the loader's two threads encodes it (oxigraph sizes its hash tables from the batch), so up
///   to three batches are held at once (the one being gathered and two being encoded); their
///   short spikes are the largest part of the peak;
/// - memory at the commit: each call writes one file per index, all ingested at the commit,
///   and RocksDB keeps 12 to 19 KB per ingested file from then on.
///
/// 100,000 balances them (README, "A million articles"): 421-444 MB peak at 59 MB of text and
/// 467 MB at a million articles (some 7,500 files), +5-11%. 200,000 peaked at 471-494 MB and
/// 576 MB (+18-22%, its spikes creeping up late in the run); 50,000 at 358-371 MB and 509 MB
/// (+37-41%, the commit of some 15,000 files).
const BULK_BATCH: usize = 100_000;

/// The hashes of the doc ids a bulk load has taken, in 8 bytes each and no more: the newest
/// in a hash set of at most [`DocHashes::RECENT`], the others in sorted blocks of that many,
/// each searched by bisection. A hash set of them all took 19 to 28 MB at a million articles
/// (a power of two of buckets, 9 bytes each, twice that while it grows); these blocks take 8
/// MB, and finding one doc among them costs a bisection per block (16 blocks there).
#[derive(Debug, Default)]
struct DocHashes {
    blocks: Vec<Box<[u64]>>,
    recent: HashSet<u64>,
}

impl DocHashes {
    const RECENT: usize = 1 << 16;

    /// Adds `h`; false if it was there.
    fn insert(&mut self, h: u64) -> bool {
        self.insert_with(h, Self::RECENT)
    }

    fn insert_with(&mut self, h: u64, recent: usize) -> bool {
        if self.blocks.iter().any(|b| b.binary_search(&h).is_ok()) || !self.recent.insert(h) {
            return false;
        }
        if self.recent.len() >= recent {
            let mut block: Vec<u64> = self.recent.drain().collect();
            block.sort_unstable();
            self.blocks.push(block.into_boxed_slice());
            self.recent.shrink_to(recent);
        }
        true
    }

    fn len(&self) -> usize {
        self.blocks.iter().map(|b| b.len()).sum::<usize>() + self.recent.len()
    }
}

fn doc_hash(doc: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(doc)
}

/// Article quads the batched path writes between two flushes of RocksDB's memtables (about
/// two batches of 1,000 articles). oxigraph sizes each column family's memtable at 128 MB, so
/// left alone the eleven of them grow to some 1.5 GB of resident memory over a few thousand
/// articles (`geokg load` of 10,432 articles into a 1M-statement store: 1.5 GB peak RSS
/// unflushed, 0.9 GB flushed every three batches; CPU the same within the noise, README
/// "Incremental updates"). A flush writes committed data only: each batch stays one atomic
/// write, recoverable from the write-ahead log until flushed.
const FLUSH_QUADS: usize = 250_000;

/// Writes a stream of article batches into a store, in bulk or in batched transactions.
pub struct Loader<'a> {
    kg: &'a KgStore,
    bulk: Option<BulkLoad<'a>>,
    quads: usize,
    /// The batched path: article quads written since the memtables were last flushed.
    unflushed: usize,
    /// The batched path: the flush running beside the writes (RocksDB switches to fresh
    /// memtables at once and writes the old ones out on its own threads; the next batch goes
    /// to the fresh ones while this thread waits for it).
    flushing: Option<std::thread::JoinHandle<Result<()>>>,
    /// The error of a flush, seen after a batch was committed and returned before the next
    /// one is written (or by [`Loader::finish`]), so that a caller counting the batches that
    /// came back `Ok` counts exactly the committed ones.
    failed: Option<Error>,
}

impl<'a> Loader<'a> {
    /// A loader in `mode`. The bulk mode needs a store without articles ([`KgStore::clear`] it
    /// first for a rebuild).
    pub fn new(kg: &'a KgStore, mode: LoadMode) -> Result<Loader<'a>> {
        let bulk = match mode {
            LoadMode::Batched => None,
            LoadMode::Bulk => {
                if !kg.has_no_articles()? {
                    return Err(Error::Store(
                        "the bulk loader needs a store without articles".to_owned(),
                    ));
                }
                Some(BulkLoad {
                    loader: kg.store.bulk_loader(),
                    pending: Vec::with_capacity(BULK_BATCH),
                    tallies: SpillingTallies::new(spill::budget()),
                    seen: DocHashes::default(),
                    again: Vec::new(),
                })
            }
        };
        Ok(Loader {
            kg,
            bulk,
            quads: 0,
            unflushed: 0,
            flushing: None,
            failed: None,
        })
    }

    pub fn mode(&self) -> LoadMode {
        if self.bulk.is_some() {
            LoadMode::Bulk
        } else {
            LoadMode::Batched
        }
    }

    /// Writes a batch of articles (in the batched mode, one transaction).
    pub fn add(&mut self, articles: Vec<Article>) -> Result<()> {
        let Some(b) = &mut self.bulk else {
            if let Some(e) = self.failed.take() {
                return Err(e);
            }
            let n = self.kg.write_batch(articles)?;
            self.quads += n;
            self.unflushed += n;
            if self.unflushed >= FLUSH_QUADS {
                self.unflushed = 0;
                match self.wait_for_flush() {
                    Ok(()) => {
                        let store = self.kg.store.clone();
                        self.flushing = Some(std::thread::spawn(move || Ok(store.flush()?)));
                    }
                    Err(e) => self.failed = Some(e),
                }
            }
            return Ok(());
        };
        for a in articles {
            if !b.seen.insert(doc_hash(&a.doc)) {
                b.again.push(a);
                continue;
            }
            b.tallies.add_facts(&a.facts)?;
            self.quads += a.quads.len();
            // handed over before it outgrows its capacity, so that it is never reallocated
            if b.pending.len() + a.quads.len() > BULK_BATCH && !b.pending.is_empty() {
                b.loader.load_quads(b.pending.drain(..))?;
            }
            b.pending.extend(a.quads);
        }
        // a diagnostic for the memory runs (README, "Building at scale"): what the bulk path
        // holds after each batch, beside the process's resident memory
        if std::env::var_os("GEOKG_MEMSTATS").is_some() {
            let rss = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmRSS"))
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            eprintln!(
                "geokg: memstats quads={} seen={} tally_bytes={} runs={} {rss}",
                self.quads,
                b.seen.len(),
                b.tallies.bytes(),
                b.tallies.runs()
            );
        }
        Ok(())
    }

    /// Waits for the flush started after an earlier batch, if any, and returns its error.
    fn wait_for_flush(&mut self) -> Result<()> {
        match self.flushing.take() {
            Some(f) => f
                .join()
                .map_err(|_| Error::Store("the memtable flush panicked".to_owned()))?,
            None => Ok(()),
        }
    }

    /// Finishes the load (the bulk path writes its tallies and commits; the batched path
    /// flushes what is left in the memtables, so that the next process to open the store does
    /// not replay it from the write-ahead log); returns the number of article quads written.
    pub fn finish(mut self) -> Result<usize> {
        let mut quads = self.quads;
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.wait_for_flush()?;
        if self.bulk.is_none() && self.unflushed > 0 {
            self.kg.store.flush()?;
        }
        if let Some(mut b) = self.bulk.take() {
            // The tallies' quads come back to back (no extraction in between), so with two
            // threads the loader would encode two full batches at once, the highest point of
            // a build (538 MB at the end of 166,912 articles, against 440-470 MB for the
            // batches of the articles, `benches/memory.sh`); one at a time here.
            let mut loader = b.loader.with_num_threads(1);
            let pending = &mut b.pending;
            b.tallies.for_each_quad(|q| {
                if pending.len() >= BULK_BATCH {
                    loader.load_quads(pending.drain(..))?;
                }
                pending.push(q);
                Ok(())
            })?;
            loader.load_quads(b.pending)?;
            loader.commit()?;
            if !b.again.is_empty() {
                // replaced articles: their first copy's quads were counted, and the write
                // counts those of their last copy
                quads += self.kg.write_batch(b.again)?;
            }
        }
        Ok(quads)
    }
}

impl Drop for Loader<'_> {
    /// A loader dropped on an error still waits for its flush, so that the store is not held
    /// open by a detached thread (its error, if any, is the lesser one).
    fn drop(&mut self) {
        let _ = self.wait_for_flush();
    }
}

/// Whether SPARQL's `DELETE DATA` and `INSERT DATA` can hold `q` as it is: no blank node
/// (which `DELETE DATA` cannot name and `INSERT DATA` would rename), also none inside a triple
/// term (every statement node's `rdf:reifies` object is one).
fn is_ground(q: &Quad) -> bool {
    matches!(q.subject, NamedOrBlankNode::NamedNode(_))
        && is_ground_term(&q.object)
        && !matches!(q.graph_name, GraphName::BlankNode(_))
}

/// Whether [`ground_term`] can convert `t`, without converting it (the check runs on every
/// quad of a batch before the conversion).
fn is_ground_term(t: &Term) -> bool {
    match t {
        Term::NamedNode(_) | Term::Literal(_) => true,
        Term::Triple(t) => {
            matches!(t.subject, NamedOrBlankNode::NamedNode(_)) && is_ground_term(&t.object)
        }
        Term::BlankNode(_) => false,
    }
}

/// `t` as a SPARQL ground term: a named node, a literal, or a triple term of them.
fn ground_term(t: &Term) -> Option<spargebra::term::GroundTerm> {
    use spargebra::term::{GroundTerm, GroundTriple};
    Some(match t {
        Term::NamedNode(n) => GroundTerm::NamedNode(n.clone()),
        Term::Literal(l) => GroundTerm::Literal(l.clone()),
        Term::Triple(t) => {
            let NamedOrBlankNode::NamedNode(subject) = &t.subject else {
                return None;
            };
            GroundTerm::Triple(Box::new(GroundTriple {
                subject: subject.clone(),
                predicate: t.predicate.clone(),
                object: ground_term(&t.object)?,
            }))
        }
        Term::BlankNode(_) => return None,
    })
}

/// `DELETE DATA { delete } ; INSERT DATA { insert }` as an update, which oxigraph runs on its
/// write-only transaction (one RocksDB write batch: deletions then insertions, in order, so a
/// quad both deleted and inserted stays). `None` unless every quad [`is_ground`].
fn write_only_update(delete: Vec<Quad>, insert: Vec<Quad>) -> Option<spargebra::Update> {
    use spargebra::term::{GraphName as DataGraph, GroundQuad, Quad as DataQuad};
    use spargebra::GraphUpdateOperation;
    let graph = |g: GraphName| match g {
        GraphName::NamedNode(n) => Some(DataGraph::NamedNode(n)),
        GraphName::DefaultGraph => Some(DataGraph::DefaultGraph),
        GraphName::BlankNode(_) => None,
    };
    let gone: Vec<GroundQuad> = delete
        .into_iter()
        .map(|q| {
            let NamedOrBlankNode::NamedNode(subject) = q.subject else {
                return None;
            };
            Some(GroundQuad {
                subject,
                predicate: q.predicate,
                object: ground_term(&q.object)?,
                graph_name: graph(q.graph_name)?,
            })
        })
        .collect::<Option<_>>()?;
    let added: Vec<DataQuad> = insert
        .into_iter()
        .map(|q| {
            is_ground(&q).then_some(())?;
            Some(DataQuad {
                subject: q.subject,
                predicate: q.predicate,
                object: q.object,
                graph_name: graph(q.graph_name)?,
            })
        })
        .collect::<Option<_>>()?;
    let mut operations = Vec::with_capacity(2);
    if !gone.is_empty() {
        operations.push(GraphUpdateOperation::DeleteData { data: gone });
    }
    if !added.is_empty() {
        operations.push(GraphUpdateOperation::InsertData { data: added });
    }
    Some(spargebra::Update {
        base_iri: None,
        operations,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hash is found again whether it sits among the recent ones or in a sorted block.
    #[test]
    fn doc_hashes_find_repeats_across_blocks() {
        let mut seen = DocHashes::default();
        let hashes: Vec<u64> = (0..1000u64).map(|i| doc_hash(&format!("doc{i}"))).collect();
        for &h in &hashes {
            assert!(seen.insert_with(h, 64));
        }
        assert_eq!(seen.blocks.len(), 1000 / 64);
        assert!(seen
            .blocks
            .iter()
            .all(|b| b.windows(2).all(|w| w[0] < w[1])));
        assert_eq!(seen.len(), 1000);
        for &h in hashes.iter().rev() {
            assert!(!seen.insert_with(h, 64), "{h} not found again");
        }
        assert!(seen.insert_with(doc_hash("doc1000"), 64));
        assert_eq!(seen.len(), 1001);
    }

    /// An article's quads, the `rdf:reifies` triple terms of its statement nodes included, go
    /// through the write-only update; only a blank node sends a batch to the readable
    /// transaction.
    #[test]
    fn article_quads_take_the_write_only_update() {
        let a = Article::of(&super::super::testutil::d1()).unwrap();
        assert!(a.quads.iter().any(|q| q.object.is_triple()));
        assert!(a.quads.iter().all(is_ground));
        let update = write_only_update(Vec::new(), a.quads.clone()).unwrap();
        assert_eq!(update.operations.len(), 1);
        let mut with_blank = a.quads.clone();
        with_blank[0].subject = oxigraph::model::BlankNode::default().into();
        assert!(!is_ground(&with_blank[0]));
        assert!(write_only_update(Vec::new(), with_blank).is_none());
    }
}
