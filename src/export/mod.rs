//! Exports: the stance graph as DOT/SVG/PNG, GraphML, GEXF and Cytoscape.js JSON; the store
//! as RDF (Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD; RDF 1.2 or 1.1); statements as
//! JSON Lines, CSV and TSV; SPARQL results.
//!
//! [`export`] is the one entry point of `geokg export`; [`write_exports`] writes the files of
//! `geokg build` (the committed samples in `exports/`).

pub mod cyjs;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod parquet;
pub mod rdf;
pub mod sparql;
pub mod table;
pub mod view;

pub use cyjs::to_cyjs;
pub use dot::{graphviz_available, render, render_svg, to_dot, to_dot_with, DotOptions, Layout};
pub use gexf::to_gexf;
pub use graphml::to_graphml;
pub use rdf::{dump, dump_version, write_rdf, RdfExportFormat, RdfVersion};
pub use sparql::{results_to_string, write_results, ResultsFormat};
pub use table::{write_csv, write_jsonl, write_table, write_tsv};
pub use view::{ExportFilter, GraphView};

use crate::error::{Error, Result};
use crate::store::KgStore;
use std::fmt;
use std::path::{Path, PathBuf};

/// A write error on an output stream that has no file name (stdout, a buffer).
pub(crate) fn output_error(source: std::io::Error) -> Error {
    Error::Io {
        path: PathBuf::from("<output>"),
        source,
    }
}

/// Every format `geokg export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ExportFormat {
    Dot,
    Svg,
    Png,
    GraphMl,
    Gexf,
    Cyjs,
    Csv,
    Tsv,
    Jsonl,
    Rdf(RdfExportFormat),
}

impl ExportFormat {
    /// All formats, graph formats first.
    pub const ALL: [ExportFormat; 15] = [
        ExportFormat::Dot,
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::GraphMl,
        ExportFormat::Gexf,
        ExportFormat::Cyjs,
        ExportFormat::Csv,
        ExportFormat::Tsv,
        ExportFormat::Jsonl,
        ExportFormat::Rdf(RdfExportFormat::Turtle),
        ExportFormat::Rdf(RdfExportFormat::NTriples),
        ExportFormat::Rdf(RdfExportFormat::NQuads),
        ExportFormat::Rdf(RdfExportFormat::TriG),
        ExportFormat::Rdf(RdfExportFormat::RdfXml),
        ExportFormat::Rdf(RdfExportFormat::JsonLd),
    ];

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Dot => "dot",
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::GraphMl => "graphml",
            ExportFormat::Gexf => "gexf",
            ExportFormat::Cyjs => "cyjs",
            ExportFormat::Csv => "csv",
            ExportFormat::Tsv => "tsv",
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Rdf(RdfExportFormat::Turtle) => "ttl",
            ExportFormat::Rdf(RdfExportFormat::NTriples) => "nt",
            ExportFormat::Rdf(RdfExportFormat::NQuads) => "nq",
            ExportFormat::Rdf(RdfExportFormat::TriG) => "trig",
            ExportFormat::Rdf(RdfExportFormat::RdfXml) => "rdfxml",
            ExportFormat::Rdf(RdfExportFormat::JsonLd) => "jsonld",
        }
    }

    /// The file extension written by `geokg build` and recognised by `-o`.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Rdf(f) => f.extension(),
            f => f.name(),
        }
    }

    /// From a format name, an alias (`gv`, `cytoscape`, `turtle`, `json-ld` …) or a file
    /// extension; any case.
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        let n = name.trim_start_matches('.').to_ascii_lowercase();
        Some(match n.as_str() {
            "dot" | "gv" => ExportFormat::Dot,
            "svg" => ExportFormat::Svg,
            "png" => ExportFormat::Png,
            "graphml" => ExportFormat::GraphMl,
            "gexf" => ExportFormat::Gexf,
            "cyjs" | "cytoscape" | "cytoscapejs" => ExportFormat::Cyjs,
            "csv" => ExportFormat::Csv,
            "tsv" => ExportFormat::Tsv,
            "jsonl" | "ndjson" => ExportFormat::Jsonl,
            _ => return RdfExportFormat::from_name(&n).map(ExportFormat::Rdf),
        })
    }

    /// From `-o FILE`'s extension.
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(ExportFormat::from_name)
    }

    /// Like [`Self::from_name`], with an error listing the formats.
    pub fn parse(name: &str) -> Result<ExportFormat> {
        ExportFormat::from_name(name).ok_or_else(|| {
            Error::Other(format!(
                "unknown export format '{name}' (known: {})",
                ExportFormat::ALL.map(|f| f.name()).join(", ")
            ))
        })
    }

    /// Formats drawn from the stance graph (nodes and aggregated edges).
    pub fn is_graph(self) -> bool {
        matches!(
            self,
            ExportFormat::Dot
                | ExportFormat::Svg
                | ExportFormat::Png
                | ExportFormat::GraphMl
                | ExportFormat::Gexf
                | ExportFormat::Cyjs
        )
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Everything `geokg export` can be told besides the format.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportOptions {
    /// Filters for the graph and table formats.
    pub filter: ExportFilter,
    /// Layout and clusters of DOT, SVG and PNG.
    pub dot: DotOptions,
    /// RDF version; `None`: the format's default ([`RdfExportFormat::default_version`]).
    pub rdf: Option<RdfVersion>,
}

/// One export of the store, as bytes.
///
/// Graph formats draw the direct statements (asserted or future, not negated) that pass the
/// filters; the tables list every statement that passes them; the RDF formats are the whole
/// store (filters are refused rather than silently ignored).
pub fn export(store: &KgStore, format: ExportFormat, opts: &ExportOptions) -> Result<Vec<u8>> {
    export_reading(store, format, opts, false)
}

/// [`export`], with the graph formats read from the statements instead of the tallies
/// (`Window::no_tallies`): the same bytes, slower; for checking the tallies.
pub fn export_from_statements(
    store: &KgStore,
    format: ExportFormat,
    opts: &ExportOptions,
) -> Result<Vec<u8>> {
    export_reading(store, format, opts, true)
}

fn export_reading(
    store: &KgStore,
    format: ExportFormat,
    opts: &ExportOptions,
    no_tallies: bool,
) -> Result<Vec<u8>> {
    if opts.rdf.is_some() && !matches!(format, ExportFormat::Rdf(_)) {
        return Err(Error::Other(format!(
            "--rdf applies to the RDF formats (ttl, nt, nq, trig, rdfxml, jsonld), not to {format}"
        )));
    }
    let io = |source| Error::Io {
        path: PathBuf::from(format!("<{format} export>")),
        source,
    };
    let mut buf = Vec::new();
    match format {
        ExportFormat::Rdf(f) => {
            if opts.filter.is_set() {
                return Err(Error::Other(format!(
                    "the RDF formats export the whole store; --actor, --from, --to, --min-count, --min-confidence and --roll-up apply to the graph and table formats, not to {format}"
                )));
            }
            return rdf::dump_version(store, f, opts.rdf.unwrap_or(f.default_version()));
        }
        ExportFormat::Csv | ExportFormat::Tsv | ExportFormat::Jsonl if opts.filter.roll_up => {
            return Err(Error::Other(format!(
                "--roll-up keys the graph formats' nodes by code; {format} lists statements, each with its own actor and code"
            )));
        }
        ExportFormat::Csv => write_csv(&opts.filter.records(store)?, &mut buf).map_err(io)?,
        ExportFormat::Tsv => write_tsv(&opts.filter.records(store)?, &mut buf).map_err(io)?,
        ExportFormat::Jsonl => write_jsonl(&opts.filter.records(store)?, &mut buf).map_err(io)?,
        graph => {
            let v = GraphView::read(store, &opts.filter, no_tallies)?;
            buf = match graph {
                ExportFormat::GraphMl => to_graphml(&v).into_bytes(),
                ExportFormat::Gexf => to_gexf(&v, opts.filter.from, opts.filter.to).into_bytes(),
                ExportFormat::Cyjs => to_cyjs(&v).into_bytes(),
                ExportFormat::Svg => render(&to_dot_with(&v, &opts.dot), "svg")?,
                ExportFormat::Png => render(&to_dot_with(&v, &opts.dot), "png")?,
                _ => to_dot_with(&v, &opts.dot).into_bytes(),
            };
        }
    }
    Ok(buf)
}

/// What [`write_exports`] wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportReport {
    /// The files written, in the order written.
    pub written: Vec<PathBuf>,
    /// Things not done and why (e.g. no SVG without GraphViz).
    pub notes: Vec<String>,
    pub statements: usize,
    pub nodes: usize,
    pub edges: usize,
}

fn write_file(path: &Path, bytes: &[u8], report: &mut ExportReport) -> Result<()> {
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    report.written.push(path.to_owned());
    Ok(())
}

/// The files of [`write_exports`], in the order written; `graph.svg` only with GraphViz.
pub const EXPORT_FILES: [&str; 8] = [
    "graph.dot",
    "graph.svg",
    "graph.graphml",
    "graph.gexf",
    "graph.cyjs",
    "kg.trig",
    "statements.jsonl",
    "statements.csv",
];

/// Writes the samples of the whole store into `out_dir` (created if needed): the graph as
/// `graph.dot`, `graph.svg` (when GraphViz is installed), `graph.graphml`, `graph.gexf` and
/// `graph.cyjs`; the store as `kg.trig` in RDF 1.1 (so that every SPARQL store and parser
/// loads it; `geokg export --format trig` gives the RDF 1.2 form); the statements as
/// `statements.jsonl` and `statements.csv`.
pub fn write_exports(store: &KgStore, out_dir: &Path) -> Result<ExportReport> {
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Io {
        path: out_dir.to_owned(),
        source,
    })?;
    let mut report = ExportReport::default();
    let filter = ExportFilter::default();

    let records = filter.records(store)?;
    let view = GraphView::from_store(store, &filter)?;
    report.nodes = view.graph.node_count();
    report.edges = view.graph.edge_count();
    let dot = to_dot_with(&view, &DotOptions::default());
    write_file(&out_dir.join("graph.dot"), dot.as_bytes(), &mut report)?;
    if graphviz_available() {
        let svg = render_svg(&dot)?;
        write_file(&out_dir.join("graph.svg"), &svg, &mut report)?;
    } else {
        report
            .notes
            .push("graph.svg not written: GraphViz `dot` not found on PATH; install graphviz to render SVG".to_owned());
    }
    write_file(
        &out_dir.join("graph.graphml"),
        to_graphml(&view).as_bytes(),
        &mut report,
    )?;
    write_file(
        &out_dir.join("graph.gexf"),
        to_gexf(&view, None, None).as_bytes(),
        &mut report,
    )?;
    write_file(
        &out_dir.join("graph.cyjs"),
        to_cyjs(&view).as_bytes(),
        &mut report,
    )?;

    let trig = dump_version(store, RdfExportFormat::TriG, RdfVersion::V1_1)?;
    write_file(&out_dir.join("kg.trig"), &trig, &mut report)?;

    report.statements = records.len();
    let path = out_dir.join("statements.jsonl");
    let mut jsonl = Vec::new();
    write_jsonl(&records, &mut jsonl).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    write_file(&path, &jsonl, &mut report)?;
    let path = out_dir.join("statements.csv");
    let mut csv = Vec::new();
    write_csv(&records, &mut csv).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    write_file(&path, &csv, &mut report)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::{d1, d2};

    #[test]
    fn writes_all_exports() {
        let store = KgStore::memory().unwrap();
        store.load_ontology().unwrap();
        store.load_extraction(&d1()).unwrap();
        store.load_extraction(&d2()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let report = write_exports(&store, &out).unwrap();
        let names: Vec<String> = report
            .written
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let mut expected = EXPORT_FILES.to_vec();
        if !graphviz_available() {
            expected.remove(1);
            assert_eq!(report.notes.len(), 1);
        }
        assert_eq!(names, expected);
        assert_eq!(report.statements, 7);
        assert_eq!((report.nodes, report.edges), (4, 3));
        let jsonl = std::fs::read_to_string(out.join("statements.jsonl")).unwrap();
        assert_eq!(jsonl.lines().count(), 7);
        // A second export of the same store is byte-identical.
        let again = dir.path().join("again");
        write_exports(&store, &again).unwrap();
        for name in EXPORT_FILES.iter().filter(|n| **n != "graph.svg") {
            assert_eq!(
                std::fs::read(out.join(name)).unwrap(),
                std::fs::read(again.join(name)).unwrap(),
                "{name}"
            );
        }
    }
}
