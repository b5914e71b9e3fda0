//! The oxigraph store: one named graph per article, the ontology graph, SPARQL and RDF dumps.
//!
//! Layout (see `ontology/README.md`): each article's node, the descriptions of the actors and
//! issues its statements reference, its statement nodes and its direct triples live in the
//! article's named graph [`vocab::article_graph_iri`]; the ontology lives in
//! [`vocab::ONTOLOGY_GRAPH`]. Loading an article replaces its graph in one transaction, so
//! reloading is idempotent and an incremental build equals a rebuild.

mod load;
pub mod ontology;
pub mod open;
pub(crate) mod read;
mod spill;
pub mod tally;
mod write;

pub use load::{Article, LoadMode, Loader};
pub use ontology::ONTOLOGY_TTL;
pub use read::Memberships;
pub use write::{extraction_quads, extractor_name, kind_class, membership_quads, node_iri};

use crate::error::{Error, Result};
use crate::model::Stance;
use crate::model::{Modality, StatementRecord};
use crate::vocab;
use chrono::NaiveDate;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, NamedNodeRef, Quad, Triple};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, SparqlEvaluator, SparqlSyntaxError};
use oxigraph::store::{LoaderError, StorageError, Store};
use std::path::Path;

impl From<StorageError> for Error {
    fn from(e: StorageError) -> Self {
        Error::Store(e.to_string())
    }
}

impl From<LoaderError> for Error {
    fn from(e: LoaderError) -> Self {
        Error::Store(e.to_string())
    }
}

impl From<QueryEvaluationError> for Error {
    fn from(e: QueryEvaluationError) -> Self {
        Error::Query(e.to_string())
    }
}

impl From<SparqlSyntaxError> for Error {
    fn from(e: SparqlSyntaxError) -> Self {
        // The parser's message carries the position: "error at LINE:COLUMN: expected ...".
        Error::Query(format!("syntax error: {e}"))
    }
}

/// Which statements to read back; every `None` field matches everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StatementFilter {
    /// Actor id of the statement's actor side.
    pub actor: Option<String>,
    /// Actor or issue id of the statement's target side.
    pub target: Option<String>,
    pub stance: Option<Stance>,
    pub doc: Option<String>,
    /// Inclusive bounds on the statement date (the article date when the statement has none);
    /// statements without any date never match a bound.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub min_confidence: Option<f64>,
    /// Only statements that have a direct triple (not negated, asserted or future).
    pub direct_only: bool,
}

impl StatementFilter {
    pub fn matches(&self, r: &StatementRecord) -> bool {
        if self
            .actor
            .as_deref()
            .is_some_and(|a| r.actor.id.as_str() != a)
            || self
                .target
                .as_deref()
                .is_some_and(|t| r.target.id.as_str() != t)
            || self.stance.is_some_and(|s| r.stance.id != s.id())
            || self.doc.as_deref().is_some_and(|d| r.doc != d)
            || self.min_confidence.is_some_and(|c| r.confidence < c)
        {
            return false;
        }
        if self.direct_only
            && (r.negated || !matches!(r.modality, Modality::Asserted | Modality::Future))
        {
            return false;
        }
        if self.from.is_some() || self.to.is_some() {
            let date = r
                .date
                .as_deref()
                .or(r.article_date.as_deref())
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let Some(date) = date else { return false };
            if self.from.is_some_and(|f| date < f) || self.to.is_some_and(|t| date > t) {
                return false;
            }
        }
        true
    }
}

/// The geokg knowledge graph: an oxigraph store with geokg's graph layout.
pub struct KgStore {
    store: Store,
}

impl KgStore {
    /// Opens (or creates) a persistent RocksDB store in `dir`.
    pub fn open(dir: &Path) -> Result<KgStore> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_owned(),
            source,
        })?;
        let store = Store::open(dir).map_err(|e| open::open_error(dir, e))?;
        Ok(KgStore { store })
    }

    /// Compacts the on-disk store (RocksDB's full compaction, through oxigraph's
    /// `Store::optimize`): after a bulk build the store is many freshly ingested files, and until
    /// they are compacted every query merges them, in the querying process. Safe to interrupt:
    /// compaction rewrites files, never the data they hold.
    pub fn optimize(&self) -> Result<()> {
        self.store.optimize()?;
        Ok(())
    }

    /// An in-memory store.
    pub fn memory() -> Result<KgStore> {
        Ok(KgStore {
            store: Store::new()?,
        })
    }

    /// The underlying oxigraph store.
    pub fn inner(&self) -> &Store {
        &self.store
    }

    /// Replaces the ontology graph with `ontology/geokg.ttl`, in one transaction.
    pub fn load_ontology(&self) -> Result<()> {
        let graph = NamedNodeRef::new_unchecked(vocab::ONTOLOGY_GRAPH);
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(graph)?;
        tx.load_from_slice(
            RdfParser::from_format(RdfFormat::Turtle)
                .without_named_graphs()
                .with_default_graph(graph),
            ONTOLOGY_TTL,
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The ids of the loaded articles, sorted.
    pub fn articles(&self) -> Result<Vec<String>> {
        let q = format!(
            "SELECT DISTINCT ?id WHERE {{ GRAPH ?g {{ ?a <{}> <{}> ; <{}> ?id }} }} ORDER BY ?id",
            vocab::RDF_TYPE,
            vocab::ARTICLE,
            vocab::DCT_IDENTIFIER
        );
        let mut ids = Vec::new();
        if let QueryResults::Solutions(solutions) = self.query(&q)? {
            for s in solutions {
                if let Some(oxigraph::model::Term::Literal(l)) = s?.get("id") {
                    ids.push(l.value().to_owned());
                }
            }
        }
        Ok(ids)
    }

    /// Number of quads in the store.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Removes everything.
    pub fn clear(&self) -> Result<()> {
        Ok(self.store.clear()?)
    }

    /// Runs a SPARQL query. Unless the query names its dataset (`FROM`/`FROM NAMED`), the default
    /// graph is the union of all graphs, and the prefixes of [`vocab::PREFIXES`] are predeclared,
    /// so `SELECT ?a ?t WHERE { ?a stance:reject ?t }` works as is. The union keeps duplicates:
    /// a triple found in two article graphs matches twice (use `DISTINCT`).
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in vocab::PREFIXES {
            evaluator = evaluator
                .with_prefix(prefix, iri)
                .map_err(|e| Error::Query(format!("prefix {prefix}: {e}")))?;
        }
        let mut prepared = evaluator.parse_query(sparql)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        Ok(prepared.on_store(&self.store).execute()?)
    }

    /// The statement nodes matching `filter`, read back via SPARQL, sorted by
    /// (doc, sentence, index within the sentence).
    pub fn statements(&self, filter: &StatementFilter) -> Result<Vec<StatementRecord>> {
        read::statements(self, filter)
    }

    /// The first `limit` of [`KgStore::statements`] (same order), read article by article in
    /// document order instead of all at once; and whether more statements match.
    pub fn first_statements(
        &self,
        filter: &StatementFilter,
        limit: usize,
    ) -> Result<(Vec<StatementRecord>, bool)> {
        read::first_statements(self, filter, limit)
    }

    /// The whole store in `format`, deterministically: quads sorted by graph, subject, predicate
    /// and object. Formats without named graphs (Turtle, N-Triples, RDF/XML) get the
    /// deduplicated union of all graphs. (`export::rdf::dump_version` chooses the RDF version.)
    pub fn dump(&self, format: RdfFormat) -> Result<Vec<u8>> {
        let mut quads = self.store.iter().collect::<Result<Vec<Quad>, _>>()?;
        // JSON-LD and RDF/XML are written as RDF 1.1: without the rdf:reifies triple terms
        // (see export::rdf).
        if matches!(format, RdfFormat::JsonLd { .. } | RdfFormat::RdfXml) {
            quads.retain(|q| !q.object.is_triple());
        }
        serialize_sorted(quads, format)
    }

    /// All quads of one named graph (or the default graph), sorted.
    pub fn graph_quads(&self, graph: GraphNameRef<'_>) -> Result<Vec<Quad>> {
        let mut quads = self
            .store
            .quads_for_pattern(None, None, None, Some(graph))
            .collect::<Result<Vec<Quad>, _>>()?;
        sort_quads(&mut quads);
        Ok(quads)
    }
}

/// Sorts quads by (graph, subject, predicate, object) in their N-Quads spelling, the default
/// graph first, and removes duplicates.
/// Serialises quads deterministically: sorted by graph, subject, predicate and object; formats
/// without named graphs get the deduplicated union of all graphs; Turtle, TriG and RDF/XML use
/// the prefixes of [`vocab::PREFIXES`].
pub fn serialize_sorted(mut quads: Vec<Quad>, format: RdfFormat) -> Result<Vec<u8>> {
    let mut serializer = RdfSerializer::from_format(format);
    if matches!(
        format,
        RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::N3 | RdfFormat::RdfXml
    ) {
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer
                .with_prefix(prefix, iri)
                .map_err(|e| Error::Store(format!("prefix {prefix}: {e}")))?;
        }
    }
    let mut writer = serializer.for_writer(Vec::new());
    let io = |e: std::io::Error| Error::Store(format!("{} serialization: {e}", format.name()));
    if format.supports_datasets() {
        sort_quads(&mut quads);
        for q in &quads {
            writer.serialize_quad(q).map_err(io)?;
        }
    } else {
        let mut triples: Vec<Triple> = quads.into_iter().map(Triple::from).collect();
        triples.sort_by_cached_key(|t| {
            (
                t.subject.to_string(),
                t.predicate.to_string(),
                t.object.to_string(),
            )
        });
        triples.dedup();
        for t in &triples {
            writer.serialize_triple(t).map_err(io)?;
        }
    }
    writer.finish().map_err(io)
}

pub fn sort_quads(quads: &mut Vec<Quad>) {
    quads.sort_by_cached_key(|q| {
        (
            match &q.graph_name {
                GraphName::DefaultGraph => String::new(),
                g => g.to_string(),
            },
            q.subject.to_string(),
            q.predicate.to_string(),
            q.object.to_string(),
        )
    });
    quads.dedup();
}

#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod testutil;
