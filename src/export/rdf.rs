//! RDF export formats, the two provenance forms (RDF 1.2 reifiers, RDF 1.1 statement nodes)
//! and the whole-store dump.
//!
//! The store is RDF 1.2: every statement node also says `rdf:reifies <<( actor stance target )>>`.
//! The RDF 1.1 form is the same data without the quads whose object is a triple term; the
//! statement node's `gk:actor`, `gk:stance` and `gk:target` still carry the triple, so nothing
//! else is lost. Every file format is written as RDF 1.1 unless `--rdf 1.2` is asked for, which
//! Turtle, N-Triples, N-Quads and TriG can carry; RDF/XML and JSON-LD are always RDF 1.1
//! (JSON-LD has no triple terms, and RDF/XML 1.2 is read by almost nothing). RDF 1.1 is the
//! default because most tools still read only it (rapper/raptor, rdflib before 8, Jena before
//! 5.x, most triple stores); RDF 1.2 is read by N3.js, oxigraph and Jena 5.

use crate::error::{Error, Result};
use crate::store::KgStore;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use oxigraph::model::{Quad, Term};
use std::fmt;
use std::io::Write;

/// Which RDF the provenance is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum RdfVersion {
    /// Statement nodes only: loads into every RDF 1.1 store and parser. The default.
    #[default]
    V1_1,
    /// Statement nodes that are also RDF 1.2 reifiers (`rdf:reifies <<( s p o )>>`).
    V1_2,
}

impl RdfVersion {
    /// `1.1` or `1.2`.
    pub fn parse(s: &str) -> Result<RdfVersion> {
        match s.trim() {
            "1.1" | "11" => Ok(RdfVersion::V1_1),
            "1.2" | "12" => Ok(RdfVersion::V1_2),
            other => Err(Error::Other(format!(
                "unknown RDF version '{other}' (1.1 or 1.2)"
            ))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RdfVersion::V1_1 => "1.1",
            RdfVersion::V1_2 => "1.2",
        }
    }
}

impl fmt::Display for RdfVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a quad is RDF 1.1 (no triple term anywhere).
pub fn is_rdf11(q: &Quad) -> bool {
    !matches!(q.object, Term::Triple(_))
}

/// The RDF 1.1 form of `quads`: the quads whose object is a triple term (the `rdf:reifies`
/// links) are dropped.
pub fn to_rdf11(quads: Vec<Quad>) -> Vec<Quad> {
    quads.into_iter().filter(is_rdf11).collect()
}

/// The RDF serialisations geokg writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RdfExportFormat {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    JsonLd,
}

impl RdfExportFormat {
    pub const ALL: [RdfExportFormat; 6] = [
        RdfExportFormat::Turtle,
        RdfExportFormat::NTriples,
        RdfExportFormat::NQuads,
        RdfExportFormat::TriG,
        RdfExportFormat::RdfXml,
        RdfExportFormat::JsonLd,
    ];

    /// From a file extension (`ttl`, `nt`, `nq`, `trig`, `rdf`/`xml`/`owl`, `jsonld`/`json`),
    /// with or without the leading dot, any case.
    pub fn from_extension(ext: &str) -> Option<RdfExportFormat> {
        let ext = ext.trim_start_matches('.').to_ascii_lowercase();
        Some(match ext.as_str() {
            "ttl" | "turtle" => RdfExportFormat::Turtle,
            "nt" => RdfExportFormat::NTriples,
            "nq" => RdfExportFormat::NQuads,
            "trig" => RdfExportFormat::TriG,
            "rdf" | "xml" | "owl" | "rdfxml" => RdfExportFormat::RdfXml,
            "jsonld" | "json" => RdfExportFormat::JsonLd,
            _ => return None,
        })
    }

    /// From a format name as a user types it (`turtle`, `ntriples`, `n-quads`, `TriG`,
    /// `rdf/xml`, `json-ld` …) or an extension.
    pub fn from_name(name: &str) -> Option<RdfExportFormat> {
        let n: String = name
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | '/' | ' '))
            .collect::<String>()
            .to_ascii_lowercase();
        Some(match n.as_str() {
            "turtle" => RdfExportFormat::Turtle,
            "ntriples" => RdfExportFormat::NTriples,
            "nquads" => RdfExportFormat::NQuads,
            "trig" => RdfExportFormat::TriG,
            "rdfxml" | "xml" => RdfExportFormat::RdfXml,
            "jsonld" => RdfExportFormat::JsonLd,
            _ => return RdfExportFormat::from_extension(name),
        })
    }

    /// Like [`Self::from_name`], with an error listing the known names.
    pub fn parse(name: &str) -> Result<RdfExportFormat> {
        RdfExportFormat::from_name(name).ok_or_else(|| {
            Error::Other(format!(
                "unknown RDF format '{name}' (known: {})",
                RdfExportFormat::ALL
                    .iter()
                    .map(|f| f.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            RdfExportFormat::Turtle => "turtle",
            RdfExportFormat::NTriples => "ntriples",
            RdfExportFormat::NQuads => "nquads",
            RdfExportFormat::TriG => "trig",
            RdfExportFormat::RdfXml => "rdfxml",
            RdfExportFormat::JsonLd => "jsonld",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            RdfExportFormat::Turtle => "ttl",
            RdfExportFormat::NTriples => "nt",
            RdfExportFormat::NQuads => "nq",
            RdfExportFormat::TriG => "trig",
            RdfExportFormat::RdfXml => "rdf",
            RdfExportFormat::JsonLd => "jsonld",
        }
    }

    pub fn media_type(self) -> &'static str {
        self.rdf_format().media_type()
    }

    /// Whether the format keeps named graphs; the others get the union of all graphs.
    pub fn supports_datasets(self) -> bool {
        self.rdf_format().supports_datasets()
    }

    /// The version written when none is asked for: RDF 1.1 for every format, the form every
    /// RDF tool reads (RDF 1.2 on request where [`Self::supports_rdf12`]).
    pub fn default_version(self) -> RdfVersion {
        RdfVersion::V1_1
    }

    /// Whether geokg writes this format with RDF 1.2 triple terms.
    pub fn supports_rdf12(self) -> bool {
        !matches!(self, RdfExportFormat::RdfXml | RdfExportFormat::JsonLd)
    }

    /// Checks that `version` can be written in this format.
    pub fn check_version(self, version: RdfVersion) -> Result<()> {
        if version == RdfVersion::V1_2 && !self.supports_rdf12() {
            return Err(Error::Other(format!(
                "{} is written as RDF 1.1 only (the RDF 1.2 reifiers cannot be expressed{}); use --rdf 1.1, or ttl, nt, nq or trig for RDF 1.2",
                self.name(),
                if self == RdfExportFormat::JsonLd {
                    " in JSON-LD"
                } else {
                    " in RDF/XML that other tools read"
                }
            )));
        }
        Ok(())
    }

    /// The oxigraph format.
    pub fn rdf_format(self) -> RdfFormat {
        match self {
            RdfExportFormat::Turtle => RdfFormat::Turtle,
            RdfExportFormat::NTriples => RdfFormat::NTriples,
            RdfExportFormat::NQuads => RdfFormat::NQuads,
            RdfExportFormat::TriG => RdfFormat::TriG,
            RdfExportFormat::RdfXml => RdfFormat::RdfXml,
            RdfExportFormat::JsonLd => RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
        }
    }
}

impl fmt::Display for RdfExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The whole store in `format`, in the format's default version (see
/// [`RdfExportFormat::default_version`]).
pub fn dump(store: &KgStore, format: RdfExportFormat) -> Result<Vec<u8>> {
    dump_version(store, format, format.default_version())
}

/// The whole store in `format` and `version`, deterministically: quads sorted by graph,
/// subject, predicate and object; formats without named graphs get the deduplicated union.
pub fn dump_version(
    store: &KgStore,
    format: RdfExportFormat,
    version: RdfVersion,
) -> Result<Vec<u8>> {
    format.check_version(version)?;
    let quads = store
        .inner()
        .iter()
        .collect::<std::result::Result<Vec<Quad>, _>>()?;
    serialize(quads, format, version)
}

/// Serialises `quads` in `format` and `version`, sorted (see [`dump_version`]).
pub fn serialize(
    quads: Vec<Quad>,
    format: RdfExportFormat,
    version: RdfVersion,
) -> Result<Vec<u8>> {
    format.check_version(version)?;
    let quads = match version {
        RdfVersion::V1_1 => to_rdf11(quads),
        RdfVersion::V1_2 => quads,
    };
    crate::store::serialize_sorted(quads, format.rdf_format())
}

/// Writes the whole store in `format` and `version` to `w`.
pub fn write_rdf(
    store: &KgStore,
    format: RdfExportFormat,
    version: RdfVersion,
    w: &mut impl Write,
) -> Result<()> {
    let bytes = dump_version(store, format, version)?;
    w.write_all(&bytes).map_err(super::output_error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::GraphName;

    #[test]
    fn names_and_extensions_round_trip() {
        for f in RdfExportFormat::ALL {
            assert_eq!(RdfExportFormat::from_extension(f.extension()), Some(f));
            assert_eq!(RdfExportFormat::from_name(f.name()), Some(f));
            assert_eq!(f.rdf_format().file_extension(), f.extension());
        }
        assert_eq!(
            RdfExportFormat::from_name("N-Triples"),
            Some(RdfExportFormat::NTriples)
        );
        assert_eq!(
            RdfExportFormat::from_name("RDF/XML"),
            Some(RdfExportFormat::RdfXml)
        );
        assert_eq!(
            RdfExportFormat::from_name("JSON-LD"),
            Some(RdfExportFormat::JsonLd)
        );
        assert_eq!(
            RdfExportFormat::from_extension(".TTL"),
            Some(RdfExportFormat::Turtle)
        );
        assert_eq!(RdfExportFormat::TriG.media_type(), "application/trig");
        assert!(RdfExportFormat::parse("nope")
            .unwrap_err()
            .to_string()
            .contains("turtle"));
    }

    #[test]
    fn every_format_dumps() {
        let store = KgStore::memory().unwrap();
        store
            .load_extraction(&crate::store::testutil::d1())
            .unwrap();
        for f in RdfExportFormat::ALL {
            let mut out = Vec::new();
            write_rdf(&store, f, RdfVersion::V1_1, &mut out).unwrap();
            assert!(!out.is_empty(), "{f}");
            let v11 = String::from_utf8(out).unwrap();
            assert!(!v11.contains("reifies"), "{f}: {v11}");
            // RDF 1.1 is the default of every format
            assert_eq!(dump(&store, f).unwrap(), v11.as_bytes(), "{f}");
            if f.supports_rdf12() {
                let v12 =
                    String::from_utf8(dump_version(&store, f, RdfVersion::V1_2).unwrap()).unwrap();
                assert!(v12.contains("reifies"), "{f}");
                assert!(v12.contains("<<("), "{f}: {v12}");
            } else {
                let err = dump_version(&store, f, RdfVersion::V1_2).unwrap_err();
                assert!(err.to_string().contains("--rdf 1.1"), "{err}");
            }
        }
    }

    #[test]
    fn rdf11_drops_only_the_reifier_links() {
        let store = KgStore::memory().unwrap();
        let d1 = crate::store::testutil::d1();
        store.load_extraction(&d1).unwrap();
        let all = store.graph_quads(GraphName::DefaultGraph.as_ref()).unwrap();
        assert!(all.is_empty());
        let quads: Vec<Quad> = store.inner().iter().map(|q| q.unwrap()).collect();
        let v11 = to_rdf11(quads.clone());
        // one rdf:reifies per statement node, nothing else removed
        assert_eq!(quads.len() - v11.len(), d1.statements.len());
        assert!(v11.iter().all(is_rdf11));
        let nt =
            String::from_utf8(serialize(quads, RdfExportFormat::NQuads, RdfVersion::V1_1).unwrap())
                .unwrap();
        assert_eq!(nt.lines().count(), v11.len());
        assert_eq!(RdfVersion::parse("1.1").unwrap(), RdfVersion::V1_1);
        assert!(RdfVersion::parse("2").is_err());
    }
}
