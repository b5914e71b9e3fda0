//! Exports: DOT/SVG of the stance graph, RDF dumps, statement tables, SPARQL results.

pub mod dot;
pub mod rdf;
pub mod sparql;
pub mod table;

pub use dot::{graphviz_available, render_svg, to_dot};
pub use rdf::{dump, write_rdf, RdfExportFormat};
pub use sparql::{results_to_string, write_results, ResultsFormat};
pub use table::{write_csv, write_jsonl, write_table, write_tsv};

use crate::error::{Error, Result};
use crate::graph::StanceGraph;
use crate::store::{KgStore, StatementFilter};
use std::path::{Path, PathBuf};

/// A write error on an output stream that has no file name (stdout, a buffer).
pub(crate) fn output_error(source: std::io::Error) -> Error {
    Error::Io {
        path: PathBuf::from("<output>"),
        source,
    }
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

/// Writes `graph.dot`, `graph.svg` (when GraphViz is installed), `kg.trig` (the whole store),
/// `statements.jsonl` and `statements.csv` into `out_dir` (created if needed).
pub fn write_exports(store: &KgStore, out_dir: &Path) -> Result<ExportReport> {
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Io {
        path: out_dir.to_owned(),
        source,
    })?;
    let mut report = ExportReport::default();

    let graph = StanceGraph::from_store(store, &StatementFilter::default())?;
    report.nodes = graph.node_count();
    report.edges = graph.edge_count();
    let dot = to_dot(&graph);
    write_file(&out_dir.join("graph.dot"), dot.as_bytes(), &mut report)?;
    if graphviz_available() {
        let svg = render_svg(&dot)?;
        write_file(&out_dir.join("graph.svg"), &svg, &mut report)?;
    } else {
        report
            .notes
            .push("graph.svg not written: GraphViz `dot` not found on PATH; install graphviz to render SVG".to_owned());
    }

    let trig = dump(store, RdfExportFormat::TriG)?;
    write_file(&out_dir.join("kg.trig"), &trig, &mut report)?;

    let records = store.statements(&StatementFilter::default())?;
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
        let mut expected = vec![
            "graph.dot",
            "graph.svg",
            "kg.trig",
            "statements.jsonl",
            "statements.csv",
        ];
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
        for name in ["graph.dot", "kg.trig", "statements.jsonl", "statements.csv"] {
            assert_eq!(
                std::fs::read(out.join(name)).unwrap(),
                std::fs::read(again.join(name)).unwrap(),
                "{name}"
            );
        }
    }
}
