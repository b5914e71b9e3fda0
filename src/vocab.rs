//! Every IRI geokg writes, in one place; a test checks them against `ontology/geokg.ttl`.

/// The ontology namespace (classes and properties).
pub const GK: &str = "https://w3id.org/geokg/ontology#";
/// The stance concept scheme; each stance is also the predicate of its direct triple.
pub const STANCE: &str = "https://w3id.org/geokg/stance/";
/// Instance data: actors, issues, articles, statements, graphs.
pub const ID: &str = "https://w3id.org/geokg/id/";
pub const WD: &str = "http://www.wikidata.org/entity/";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const DCT: &str = "http://purl.org/dc/terms/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";

/// Prefixes used by the Turtle/TriG writers and the README examples.
pub const PREFIXES: [(&str, &str); 10] = [
    ("gk", GK),
    ("stance", STANCE),
    ("id", ID),
    ("wd", WD),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("owl", OWL),
    ("xsd", XSD),
    ("skos", SKOS),
    ("dct", DCT),
];

macro_rules! terms {
    ($($name:ident = $local:expr),* $(,)?) => {
        $(pub const $name: &str = concat!("https://w3id.org/geokg/ontology#", $local);)*
        /// All ontology terms geokg uses, for the ontology test.
        pub const ALL_TERMS: &[&str] = &[$($name),*];
    };
}

terms! {
    // classes
    ACTOR = "Actor",
    STATE = "State",
    ORGANIZATION = "Organization",
    PERSON = "Person",
    GROUP = "Group",
    ISSUE = "Issue",
    ARTICLE = "Article",
    STATEMENT = "StanceStatement",
    STANCE_SCHEME = "StanceScheme",
    MODALITY = "Modality",
    // modality individuals
    ASSERTED = "Asserted",
    FUTURE = "Future",
    HYPOTHETICAL = "Hypothetical",
    DENIED = "Denied",
    // statement properties
    P_ACTOR = "actor",
    P_TARGET = "target",
    P_STANCE = "stance",
    P_ARTICLE = "article",
    P_SENTENCE_INDEX = "sentenceIndex",
    P_SPAN_START = "spanStart",
    P_SPAN_END = "spanEnd",
    P_EVIDENCE = "evidence",
    P_DATE = "date",
    P_ARTICLE_DATE = "articleDate",
    P_CONFIDENCE = "confidence",
    P_NEGATED = "negated",
    P_MODALITY = "modality",
    P_EXTRACTOR = "extractor",
    P_ACTOR_MENTION = "actorMention",
    P_TARGET_MENTION = "targetMention",
    P_CUE = "cue",
    P_RULE = "rule",
    P_TARGET_POLARITY = "targetPolarity",
    P_DATE_PRECISION = "datePrecision",
    P_ACTOR_CODE = "actorCode",
    P_TARGET_CODE = "targetCode",
    P_CAMEO_EVENT = "cameoEvent",
    // actor properties
    P_CODE = "code",
    P_KIND = "kind",
    P_REPRESENTS = "represents",
    P_AGENT = "agent",
    P_MEMBER_OF = "memberOf",
    // article properties
    P_SENTENCE_COUNT = "sentenceCount",
    // tallies (store/tally.rs)
    TALLY = "Tally",
    ROLLED_UP_TALLY = "RolledUpTally",
    P_TALLY = "tally",
    P_ROLLED_UP_TALLY = "rolledUpTally",
    P_PERIOD = "period",
    P_WITHIN = "within",
    P_STATEMENT_COUNT = "statementCount",
    P_TALLY_SUMS = "tallySums",
    P_TALLY_DETAIL = "tallyDetail",
    // stance concept properties
    P_CAMEO_CODE = "cameoCode",
    P_CAMEO_ROOT = "cameoRoot",
    P_GOLDSTEIN = "goldstein",
    P_QUAD_CLASS = "quadClass",
    P_PLOVER = "plover",
    P_POLARITY = "polarity",
    P_TAKES_STANCE = "takesStanceToward",
}

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
pub const DCT_TITLE: &str = "http://purl.org/dc/terms/title";
pub const DCT_DATE: &str = "http://purl.org/dc/terms/date";
pub const DCT_SOURCE: &str = "http://purl.org/dc/terms/source";
pub const DCT_IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
pub const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
pub const XSD_DECIMAL: &str = "http://www.w3.org/2001/XMLSchema#decimal";
pub const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";

/// Named graph holding the actors referenced by the statements (labels, codes, QIDs).
pub const ACTORS_GRAPH: &str = "https://w3id.org/geokg/id/graph/actors";
/// Named graph holding the ontology (classes, properties, stance concepts).
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/geokg/id/graph/ontology";

/// Percent-encodes anything outside the IRI-safe unreserved set, so that ids from user files
/// always make valid, stable IRIs.
pub fn iri_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The inverse of [`iri_segment`]: decodes `%XX` escapes (a malformed escape stays as it is).
pub fn decode_segment(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The named graph of one family (`rolled`: sides keyed by code) and level (`month`: one
/// tally per month, else one for all time) of tallies.
pub fn tally_graph_iri(rolled: bool, month: bool) -> String {
    format!(
        "{ID}graph/tally/{}/{}",
        if rolled { "rolled" } else { "node" },
        if month { "month" } else { "all" }
    )
}

pub fn actor_iri(id: &str) -> String {
    format!("{ID}actor/{}", iri_segment(id))
}
pub fn issue_iri(id: &str) -> String {
    format!("{ID}issue/{}", iri_segment(id))
}
pub fn article_iri(doc: &str) -> String {
    format!("{ID}article/{}", iri_segment(doc))
}
/// The named graph of one article.
pub fn article_graph_iri(doc: &str) -> String {
    format!("{ID}graph/article/{}", iri_segment(doc))
}
pub fn statement_iri(doc: &str, sentence: usize, n: usize) -> String {
    format!("{ID}statement/{}/{sentence}-{n}", iri_segment(doc))
}
pub fn stance_iri(stance_id: &str) -> String {
    format!("{STANCE}{stance_id}")
}
pub fn modality_iri(m: &str) -> String {
    format!("{GK}{m}")
}
pub fn wikidata_iri(qid: &str) -> String {
    format!("{WD}{qid}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_escaped() {
        assert_eq!(iri_segment("a b/c"), "a%20b%2Fc");
        assert_eq!(decode_segment(&iri_segment("a b/c é")), "a b/c é");
        assert_eq!(decode_segment("x%C3%A9%4"), "xé%4");
        assert_eq!(decode_segment("%4"), "%4");
        assert_eq!(actor_iri("RUS"), "https://w3id.org/geokg/id/actor/RUS");
    }
}
