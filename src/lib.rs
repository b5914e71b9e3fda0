//! geokg: news articles in, a knowledge graph of who takes what stance toward whom out.
//!
//! The pipeline, stage by stage (each a module, each folder one stage of the data):
//! [`input`] reads files into [`model::Document`]s; [`text`] normalises and splits sentences;
//! [`actors`] finds actor mentions with the gazetteer; [`stance`] turns sentences into
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
// the snapshot of the syntax layer in this branch has warnings its own branch fixes; this
// attribute goes away at the merge
#[allow(dead_code, unused_assignments, clippy::should_implement_trait)]
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

    /// Loads extractions into the store: one transaction per article, replacing its graph.
    pub fn load(
        &self,
        kg: &store::KgStore,
        extractions: &[Extraction],
        tick: &dyn Fn(),
    ) -> Result<LoadSummary> {
        kg.load_ontology()?;
        kg.load_memberships(&self.extractor.gazetteer)?;
        let mut sum = LoadSummary::default();
        for ex in extractions {
            sum.quads += kg.load_extraction(ex)?;
            sum.articles += 1;
            sum.sentences += ex.sentence_count;
            sum.statements += ex.statements.len();
            tick();
        }
        Ok(sum)
    }
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
