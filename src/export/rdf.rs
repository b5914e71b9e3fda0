//! RDF export formats and the whole-store dump (a thin wrapper around [`KgStore::dump`]).

use crate::error::{Error, Result};
use crate::store::KgStore;
use oxigraph::io::{JsonLdProfileSet, RdfFormat};
use std::fmt;
use std::io::Write;

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

/// The whole store in `format` (deterministic; see [`KgStore::dump`]).
pub fn dump(store: &KgStore, format: RdfExportFormat) -> Result<Vec<u8>> {
    store.dump(format.rdf_format())
}

/// Writes the whole store in `format` to `w`.
pub fn write_rdf(store: &KgStore, format: RdfExportFormat, w: &mut impl Write) -> Result<()> {
    let bytes = dump(store, format)?;
    w.write_all(&bytes).map_err(super::output_error)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            write_rdf(&store, f, &mut out).unwrap();
            assert!(!out.is_empty(), "{f}");
        }
    }
}
