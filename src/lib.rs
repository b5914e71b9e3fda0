//! geokg: news articles in, a knowledge graph of who takes what stance toward whom out.
//!
//! The pipeline, stage by stage (each a module, each folder one stage of the data):
//! [`input`] reads files into [`model::Document`]s; [`text`] normalises and splits sentences;
//! [`syntax`] tags, lemmatises and parses them into Universal Dependencies trees; [`actors`] finds actor mentions with the gazetteer; [`stance`] turns sentences into
//! [`model::Statement`]s; [`store`] loads them into oxigraph; [`graph`] builds the petgraph
//! model from the store; [`export`] writes DOT, RDF and tables.
//!
//! This file holds the pipeline itself: [`Pipeline`] ties the stages together so that the
//! binary only parses arguments and prints.

pub mod actors;
pub mod analysis;
pub mod error;
pub mod eval;
pub mod export;
pub mod graph;
pub mod input;
pub mod model;
pub mod push;
pub mod report;
pub mod serve;
pub mod stance;
pub mod store;
pub mod syntax;
pub mod text;
pub mod vocab;

pub use error::{Error, Result};

use actors::gazetteer::{parse_file, BUNDLED};
use actors::{Gazetteer, NounLexicon};
use model::{Document, Extraction};
use rayon::prelude::*;
use stance::{Extractor, IssueVocab, Lexicon};
use std::path::{Path, PathBuf};
use store::{Article, LoadMode, Loader};

/// The folder of bundled articles that `geokg build` reads without inputs.
pub const BUNDLED_ARTICLES: &str = "data/articles";

/// Where the dictionaries come from.
#[derive(Clone, Debug, Default)]
pub struct DictionaryOptions {
    /// Extra gazetteer files (`--actors FILE`), merged after the bundled ones.
    pub actor_files: Vec<PathBuf>,
    /// Do not load the bundled gazetteer (`--no-default-actors`): the user files replace it.
    pub no_default_actors: bool,
    /// CAMEO/PETRARCH-format actor dictionaries (`--actors-cameo FILE`).
    pub cameo_files: Vec<PathBuf>,
}

/// The whole pipeline with its dictionaries loaded.
pub struct Pipeline {
    pub extractor: Extractor,
    /// Non-fatal problems met while loading the dictionaries (e.g. CAMEO codes without a
    /// geokg equivalent).
    pub warnings: Vec<String>,
}

/// What loading a batch of extractions into the store did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadSummary {
    pub articles: usize,
    pub sentences: usize,
    pub statements: usize,
    pub quads: usize,
}

impl Pipeline {
    /// Loads the dictionaries: bundled ones, then the user's gazetteer files.
    pub fn new(opts: &DictionaryOptions) -> Result<Pipeline> {
        let mut entries = Vec::new();
        if !opts.no_default_actors {
            for (p, c) in BUNDLED.iter() {
                entries.extend(parse_file(p, c)?);
            }
        }
        for f in &opts.actor_files {
            let content = std::fs::read_to_string(f).map_err(|source| Error::Io {
                path: f.clone(),
                source,
            })?;
            entries.extend(parse_file(&f.display().to_string(), &content)?);
        }
        // CAMEO/PETRARCH dictionaries map onto the codes known so far
        let mut warnings = Vec::new();
        for f in &opts.cameo_files {
            let content = std::fs::read_to_string(f).map_err(|source| Error::Io {
                path: f.clone(),
                source,
            })?;
            let codes: std::collections::HashSet<String> = entries
                .iter()
                .filter(|e| e.kind != model::ActorKind::Person)
                .filter_map(|e| e.code.clone())
                .collect();
            let (more, w) =
                actors::cameo::parse(&f.display().to_string(), &content, &|c| codes.contains(c))?;
            entries.extend(more);
            warnings.extend(w);
        }
        Ok(Pipeline {
            warnings,
            extractor: Extractor {
                gazetteer: Gazetteer::from_entries(entries)?,
                nouns: NounLexicon::bundled()?,
                lexicon: Lexicon::bundled()?,
                issues: IssueVocab::bundled()?,
            },
        })
    }

    /// Extracts every document, in parallel, keeping the input order. `tick` is called once
    /// per finished document (for progress bars).
    pub fn extract_all(&self, docs: &[Document], tick: &(dyn Fn() + Sync)) -> Vec<Extraction> {
        docs.par_iter()
            .map(|d| {
                let e = self.extractor.extract(d);
                tick();
                e
            })
            .collect()
    }

    /// Loads extractions into the store, in batches of [`BuildOptions::default`]'s size (one
    /// transaction each; each article replaces its graph).
    pub fn load(
        &self,
        kg: &store::KgStore,
        extractions: &[Extraction],
        tick: &dyn Fn(),
    ) -> Result<LoadSummary> {
        kg.load_ontology()?;
        kg.load_memberships(&self.extractor.gazetteer)?;
        let mut sum = LoadSummary::default();
        for chunk in extractions.chunks(BuildOptions::default().batch.max(1)) {
            let articles = chunk.iter().map(Article::of).collect::<Result<Vec<_>>>()?;
            for a in &articles {
                sum.add(a);
            }
            sum.quads += kg.load_batch(&articles)?;
            chunk.iter().for_each(|_| tick());
        }
        Ok(sum)
    }

    /// The streaming build: reads `docs` in chunks of up to `opts.batch` ([`ChunkSizes`]: the
    /// first ones smaller, so that writing starts early), extracts each chunk in
    /// parallel (rayon) while the previous one is being written, and writes through a
    /// [`store::Loader`]: in bulk when the store has no article (or `opts.rebuild` emptied
    /// it), else one transaction per chunk. Memory holds a few chunks, never the corpus. Bad
    /// records (and articles whose quads cannot be written) go to `on_error` and are skipped;
    /// `on_loaded` gets the number of articles written so far after each chunk.
    pub fn build(
        &self,
        kg: &store::KgStore,
        docs: impl Iterator<Item = Result<Document>> + Send,
        opts: &BuildOptions,
        on_error: &(dyn Fn(&Error) + Sync),
        on_loaded: &(dyn Fn(usize) + Sync),
    ) -> Result<BuildSummary> {
        let mut sizes = ChunkSizes::new(opts.batch);
        let mut docs = docs;
        let mut bad = 0;
        let chunks = std::iter::from_fn(|| {
            let batch = sizes.next_size();
            let mut chunk = Vec::with_capacity(batch);
            for item in docs.by_ref() {
                match item {
                    Ok(d) => {
                        chunk.push(d);
                        if chunk.len() >= batch {
                            break;
                        }
                    }
                    Err(e) => {
                        on_error(&e);
                        bad += 1;
                    }
                }
            }
            if chunk.is_empty() {
                return None;
            }
            let articles: Vec<Result<Article>> = chunk
                .par_iter()
                .map(|d| {
                    Article::of(&self.extractor.extract(d)).map_err(|e| Error::Input {
                        origin: d.origin.clone(),
                        message: format!("article '{}': {e}", d.id),
                    })
                })
                .collect();
            Some(articles)
        });
        let mut sum = self.write_stream(kg, chunks, opts, on_error, on_loaded)?;
        sum.bad_records += bad;
        Ok(sum)
    }

    /// Loads extractions made elsewhere (`geokg load` of `geokg extract --articles` output)
    /// through the same path as [`Pipeline::build`]; a store loaded so equals the one built.
    pub fn load_stream(
        &self,
        kg: &store::KgStore,
        extractions: impl Iterator<Item = Result<Extraction>> + Send,
        opts: &BuildOptions,
        on_error: &(dyn Fn(&Error) + Sync),
        on_loaded: &(dyn Fn(usize) + Sync),
    ) -> Result<BuildSummary> {
        let mut sizes = ChunkSizes::new(opts.batch);
        let mut items = extractions;
        let chunks = std::iter::from_fn(|| {
            let chunk: Vec<Result<Extraction>> = items.by_ref().take(sizes.next_size()).collect();
            if chunk.is_empty() {
                return None;
            }
            Some(
                chunk
                    .into_par_iter()
                    .map(|e| e.and_then(|e| Article::of(&e)))
                    .collect(),
            )
        });
        self.write_stream(kg, chunks, opts, on_error, on_loaded)
    }

    /// Writes chunks of articles made on another thread (so that making the next chunk
    /// overlaps writing this one; at most two chunks wait in between).
    fn write_stream(
        &self,
        kg: &store::KgStore,
        chunks: impl Iterator<Item = Vec<Result<Article>>> + Send,
        opts: &BuildOptions,
        on_error: &(dyn Fn(&Error) + Sync),
        on_loaded: &(dyn Fn(usize) + Sync),
    ) -> Result<BuildSummary> {
        if opts.rebuild {
            kg.clear()?;
        }
        let mode = match opts.bulk {
            Some(false) => LoadMode::Batched,
            _ if kg.has_no_articles()? => LoadMode::Bulk,
            Some(true) => {
                return Err(Error::Store(
                    "the bulk path needs an empty store (use --rebuild)".to_owned(),
                ))
            }
            None => LoadMode::Batched,
        };
        kg.load_ontology()?;
        kg.load_memberships(&self.extractor.gazetteer)?;
        let mut loader = Loader::new(kg, mode)?;
        let mut sum = BuildSummary {
            mode,
            ..BuildSummary::default()
        };
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Article>>>(2);
        let quads = std::thread::scope(|scope| -> Result<usize> {
            scope.spawn(move || {
                for chunk in chunks {
                    if tx.send(chunk).is_err() {
                        break; // the writer stopped on an error
                    }
                }
            });
            // articles made visible by the commits so far (none on the bulk path until the
            // end), for the message of a full disk
            let mut committed = 0;
            for chunk in rx {
                let mut ok = Vec::with_capacity(chunk.len());
                for a in chunk {
                    match a {
                        Ok(a) => ok.push(a),
                        Err(e) => {
                            on_error(&e);
                            sum.bad_records += 1;
                        }
                    }
                }
                for a in &ok {
                    sum.load.add(a);
                }
                let first = ok.first().map(|a| a.doc.clone());
                let n = ok.len();
                loader
                    .add(ok)
                    .map_err(|e| disk_full(e, mode, committed, first.as_deref()))?;
                if mode == LoadMode::Batched {
                    committed += n;
                }
                on_loaded(sum.load.articles);
            }
            loader
                .finish()
                .map_err(|e| disk_full(e, mode, committed, None))
        })?;
        sum.load.quads = quads;
        Ok(sum)
    }
}

/// A full disk while loading, as [`Error::DiskFull`] saying which articles are safe: on the
/// batched path every chunk before the failing one (whose first article is `failed`) is
/// committed; on the bulk path nothing is until the end. The store's folder is filled in by
/// [`Error::at_store`].
fn disk_full(e: Error, mode: LoadMode, committed: usize, failed: Option<&str>) -> Error {
    if !e.is_disk_full() {
        return e;
    }
    let committed = match (mode, committed, failed) {
        (LoadMode::Bulk, ..) | (_, 0, _) => "no article was committed".to_owned(),
        (_, n, Some(doc)) => format!(
            "the {n} articles loaded before '{doc}' are committed and intact, '{doc}' and the articles after it are not loaded"
        ),
        (_, n, None) => format!("all {n} articles are committed; writing after them failed"),
    };
    Error::DiskFull {
        path: std::path::PathBuf::new(),
        committed,
        detail: e.to_string(),
    }
}

/// The sizes of the chunks a streaming build reads, extracts and writes: a quarter of the
/// batch first, doubling up to the batch. Nothing is written until the first chunk is
/// extracted, with nothing to overlap that extraction (at 1,000 articles, over a second on two
/// cores, a fifth of adding 1,304 articles to a large store); a small first chunk starts the
/// writer early, and the next chunks are extracted while it writes. Only the first few
/// batches are smaller, so the tallies they rewrite (once per batch) cost little more.
#[derive(Clone, Debug)]
pub struct ChunkSizes {
    next: usize,
    batch: usize,
}

impl ChunkSizes {
    pub fn new(batch: usize) -> ChunkSizes {
        let batch = batch.max(1);
        ChunkSizes {
            next: (batch / 4).max(1),
            batch,
        }
    }

    /// The size of the next chunk.
    pub fn next_size(&mut self) -> usize {
        let n = self.next;
        self.next = (n * 2).min(self.batch);
        n
    }
}

/// How [`Pipeline::build`] writes.
#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Empty the store first (then load in bulk).
    pub rebuild: bool,
    /// Articles per chunk (at most; the first chunks are smaller, [`ChunkSizes`]): extracted
    /// together, and written in one transaction on the batched path.
    pub batch: usize,
    /// `None`: bulk into a store without articles, batched otherwise; `Some(true)`: bulk or
    /// fail; `Some(false)`: always batched.
    pub bulk: Option<bool>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            rebuild: false,
            batch: 1000,
            bulk: None,
        }
    }
}

/// What a streaming build did.
#[derive(Clone, Debug, PartialEq)]
pub struct BuildSummary {
    pub load: LoadSummary,
    /// Records skipped (bad input, articles that could not be written).
    pub bad_records: usize,
    pub mode: LoadMode,
}

impl Default for BuildSummary {
    fn default() -> Self {
        BuildSummary {
            load: LoadSummary::default(),
            bad_records: 0,
            mode: LoadMode::Batched,
        }
    }
}

impl LoadSummary {
    fn add(&mut self, a: &Article) {
        self.articles += 1;
        self.sentences += a.sentences;
        self.statements += a.statements;
    }
}

/// One sentence of a document and its dependency tree; the words' spans index the document
/// text.
#[derive(Clone, Debug)]
pub struct ParsedSentence {
    pub sentence: text::Sentence,
    pub tree: syntax::Tree,
}

/// Splits a document into sentences (the text stage), tokenises each the way the syntax model
/// was trained and parses it. Word spans are byte offsets in `doc.text`.
pub fn parse_document(parser: &syntax::Parser, doc: &Document) -> Vec<ParsedSentence> {
    text::split_sentences(&doc.text)
        .into_iter()
        .map(|s| {
            let toks: Vec<(String, (usize, usize))> = syntax::tokenize(&s.text)
                .into_iter()
                .map(|t| (t.text, (t.start + s.span.0, t.end + s.span.0)))
                .collect();
            let tree = parser.parse(&toks);
            ParsedSentence { sentence: s, tree }
        })
        .collect()
}

/// The default input when none is given: the bundled articles, found next to the current
/// folder or next to the crate.
pub fn default_inputs() -> Vec<PathBuf> {
    let local = Path::new(BUNDLED_ARTICLES);
    if local.is_dir() {
        return vec![local.to_owned()];
    }
    vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(BUNDLED_ARTICLES)]
}

#[cfg(test)]
mod tests {
    use super::ChunkSizes;

    fn first(batch: usize, n: usize) -> Vec<usize> {
        let mut s = ChunkSizes::new(batch);
        (0..n).map(|_| s.next_size()).collect()
    }

    /// Chunks start at a quarter of the batch and double up to it, never below one article.
    #[test]
    fn chunks_ramp_up_to_the_batch() {
        assert_eq!(first(1000, 5), [250, 500, 1000, 1000, 1000]);
        assert_eq!(first(7, 5), [1, 2, 4, 7, 7]);
        assert_eq!(first(1, 3), [1, 1, 1]);
        assert_eq!(first(0, 2), [1, 1]);
    }
}
