//! SPARQL results out: aligned table, CSV, TSV, SPARQL JSON; CONSTRUCT/DESCRIBE graphs as Turtle.

use super::output_error;
use super::table::write_aligned;
use crate::error::{Error, Result};
use crate::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Term, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;
use std::fmt;
use std::io::Write;

/// How to print the results of a SELECT or ASK query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ResultsFormat {
    /// Aligned text for terminals; IRIs shortened with the geokg prefixes.
    #[default]
    Table,
    /// SPARQL 1.1 CSV results.
    Csv,
    /// SPARQL 1.1 TSV results.
    Tsv,
    /// SPARQL 1.1 JSON results.
    Json,
}

impl ResultsFormat {
    pub const ALL: [ResultsFormat; 4] = [
        ResultsFormat::Table,
        ResultsFormat::Csv,
        ResultsFormat::Tsv,
        ResultsFormat::Json,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ResultsFormat::Table => "table",
            ResultsFormat::Csv => "csv",
            ResultsFormat::Tsv => "tsv",
            ResultsFormat::Json => "json",
        }
    }

    pub fn from_name(name: &str) -> Option<ResultsFormat> {
        let name = name.to_ascii_lowercase();
        ResultsFormat::ALL
            .into_iter()
            .find(|f| f.name() == name || (name == "text" && *f == ResultsFormat::Table))
    }
}

impl fmt::Display for ResultsFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An IRI as `prefix:local` when a geokg prefix covers it, `<iri>` otherwise.
pub fn compact_iri(iri: &str) -> String {
    vocab::PREFIXES
        .iter()
        .filter(|(_, ns)| iri.len() > ns.len() && iri.starts_with(ns))
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
        .unwrap_or_else(|| format!("<{iri}>"))
}

/// A term for the table: compact IRIs, bare literal values (with `@lang` for tagged strings),
/// line breaks flattened.
pub fn display_term(t: &Term) -> String {
    let s = match t {
        Term::NamedNode(n) => compact_iri(n.as_str()),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => match l.language() {
            Some(lang) => format!("{}@{lang}", l.value()),
            None => l.value().to_owned(),
        },
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    };
    s.replace(['\n', '\r', '\t'], " ")
}

/// Writes query results: solutions and booleans in `format`, graphs as Turtle.
pub fn write_results(
    results: QueryResults<'_>,
    format: ResultsFormat,
    w: &mut impl Write,
) -> Result<()> {
    match results {
        QueryResults::Boolean(b) => match format {
            ResultsFormat::Json => {
                QueryResultsSerializer::from_format(QueryResultsFormat::Json)
                    .serialize_boolean_to_writer(&mut *w, b)
                    .map_err(output_error)?;
                w.write_all(b"\n").map_err(output_error)
            }
            _ => writeln!(w, "{b}").map_err(output_error),
        },
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let serializer_format = match format {
                ResultsFormat::Table => {
                    let header: Vec<String> =
                        variables.iter().map(|v| v.as_str().to_owned()).collect();
                    let mut rows = Vec::new();
                    for s in solutions {
                        let s = s?;
                        rows.push(
                            variables
                                .iter()
                                .map(|v| s.get(v).map(display_term).unwrap_or_default())
                                .collect::<Vec<String>>(),
                        );
                    }
                    let header: Vec<&str> = header.iter().map(String::as_str).collect();
                    return write_aligned(&header, &rows, &[], w).map_err(output_error);
                }
                ResultsFormat::Csv => QueryResultsFormat::Csv,
                ResultsFormat::Tsv => QueryResultsFormat::Tsv,
                ResultsFormat::Json => QueryResultsFormat::Json,
            };
            let mut serializer = QueryResultsSerializer::from_format(serializer_format)
                .serialize_solutions_to_writer(&mut *w, variables)
                .map_err(output_error)?;
            for s in solutions {
                serializer.serialize(&s?).map_err(output_error)?;
            }
            serializer.finish().map_err(output_error)?;
            if format == ResultsFormat::Json {
                w.write_all(b"\n").map_err(output_error)?;
            }
            Ok(())
        }
        QueryResults::Graph(triples) => {
            let mut triples = triples.collect::<Result<Vec<Triple>, _>>()?;
            triples.sort_by_cached_key(|t| {
                (
                    t.subject.to_string(),
                    t.predicate.to_string(),
                    t.object.to_string(),
                )
            });
            triples.dedup();
            let mut serializer = RdfSerializer::from_format(RdfFormat::Turtle);
            for (prefix, iri) in vocab::PREFIXES {
                serializer = serializer
                    .with_prefix(prefix, iri)
                    .map_err(|e| Error::Other(format!("prefix {prefix}: {e}")))?;
            }
            let mut writer = serializer.for_writer(&mut *w);
            for t in &triples {
                writer.serialize_triple(t).map_err(output_error)?;
            }
            writer.finish().map_err(output_error)?;
            Ok(())
        }
    }
}

/// [`write_results`] into a string.
pub fn results_to_string(results: QueryResults<'_>, format: ResultsFormat) -> Result<String> {
    let mut out = Vec::new();
    write_results(results, format, &mut out)?;
    String::from_utf8(out).map_err(|e| Error::Other(format!("results are not UTF-8: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::d1;
    use crate::store::KgStore;

    fn store() -> KgStore {
        let store = KgStore::memory().unwrap();
        store.load_extraction(&d1()).unwrap();
        store
    }

    fn run(store: &KgStore, q: &str, f: ResultsFormat) -> String {
        results_to_string(store.query(q).unwrap(), f).unwrap()
    }

    const Q: &str = "SELECT ?a ?t ?c WHERE { ?a stance:threaten ?t . ?s gk:stance stance:threaten ; gk:confidence ?c }";

    #[test]
    fn select_in_every_format() {
        let store = store();
        assert_eq!(
            run(&store, Q, ResultsFormat::Table),
            concat!(
                "a             t             c\n",
                "------------  ------------  -----\n",
                "id:actor/RUS  id:actor/UKR  0.851\n"
            )
        );
        assert_eq!(
            run(&store, Q, ResultsFormat::Csv),
            "a,t,c\r\nhttps://w3id.org/geokg/id/actor/RUS,https://w3id.org/geokg/id/actor/UKR,0.851\r\n"
        );
        let tsv = run(&store, Q, ResultsFormat::Tsv);
        assert!(
            tsv.starts_with("?a\t?t\t?c\n<https://w3id.org/geokg/id/actor/RUS>\t"),
            "{tsv}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&run(&store, Q, ResultsFormat::Json)).unwrap();
        assert_eq!(json["head"]["vars"][0], "a");
        assert_eq!(
            json["results"]["bindings"][0]["t"]["value"],
            "https://w3id.org/geokg/id/actor/UKR"
        );
    }

    #[test]
    fn booleans_and_graphs() {
        let store = store();
        let ask = "ASK { ?a stance:threaten ?t }";
        assert_eq!(run(&store, ask, ResultsFormat::Table), "true\n");
        assert_eq!(
            run(&store, "ASK { ?a stance:fight ?t }", ResultsFormat::Csv),
            "false\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&run(&store, ask, ResultsFormat::Json)).unwrap();
        assert_eq!(json["boolean"], true);
        let ttl = run(
            &store,
            "CONSTRUCT { ?a stance:threaten ?t } WHERE { ?a stance:threaten ?t }",
            ResultsFormat::Table,
        );
        assert!(
            ttl.contains("id:actor\\/RUS stance:threaten id:actor\\/UKR ."),
            "{ttl}"
        );
    }

    #[test]
    fn iris_are_compacted() {
        assert_eq!(compact_iri(vocab::P_ACTOR), "gk:actor");
        assert_eq!(
            compact_iri("http://example.org/x"),
            "<http://example.org/x>"
        );
        assert_eq!(compact_iri(vocab::GK), format!("<{}>", vocab::GK));
    }
}
