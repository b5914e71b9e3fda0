//! The bundled ontology (`ontology/geokg.ttl`) and the tests that keep it, `vocab.rs` and `Stance` equal.

/// The geokg ontology in Turtle, as loaded by [`super::KgStore::load_ontology`].
pub const ONTOLOGY_TTL: &str = include_str!("../../ontology/geokg.ttl");

#[cfg(test)]
mod tests {
    use super::ONTOLOGY_TTL;
    use crate::model::Stance;
    use crate::vocab;
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::{NamedOrBlankNode, Term, Triple};
    use std::collections::{BTreeMap, BTreeSet};

    fn triples() -> Vec<Triple> {
        RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(ONTOLOGY_TTL)
            .map(|q| Triple::from(q.expect("ontology/geokg.ttl parses")))
            .collect()
    }

    fn iri_of(t: &Term) -> Option<&str> {
        match t {
            Term::NamedNode(n) => Some(n.as_str()),
            _ => None,
        }
    }

    fn literal_of(t: &Term) -> Option<&str> {
        match t {
            Term::Literal(l) => Some(l.value()),
            _ => None,
        }
    }

    #[test]
    fn every_vocab_term_is_declared() {
        let typed: BTreeSet<String> = triples()
            .into_iter()
            .filter(|t| t.predicate.as_str() == vocab::RDF_TYPE)
            .filter_map(|t| match t.subject {
                NamedOrBlankNode::NamedNode(n) => Some(n.into_string()),
                _ => None,
            })
            .collect();
        for term in vocab::ALL_TERMS {
            assert!(
                typed.contains(*term),
                "{term} has no rdf:type in ontology/geokg.ttl"
            );
        }
    }

    #[test]
    fn no_blank_nodes_and_no_unknown_gk_terms() {
        let known: BTreeSet<&str> = vocab::ALL_TERMS.iter().copied().collect();
        for t in triples() {
            let subject = match &t.subject {
                NamedOrBlankNode::NamedNode(n) => n.as_str(),
                NamedOrBlankNode::BlankNode(_) => panic!("blank node subject in the ontology: {t}"),
            };
            let object = match &t.object {
                Term::BlankNode(_) => panic!("blank node object in the ontology: {t}"),
                o => iri_of(o),
            };
            for iri in [Some(subject), Some(t.predicate.as_str()), object]
                .into_iter()
                .flatten()
            {
                if iri.starts_with(vocab::GK) {
                    assert!(
                        known.contains(iri),
                        "{iri} is used in the ontology but not in vocab::ALL_TERMS"
                    );
                }
            }
        }
    }

    #[test]
    fn stance_scheme_is_exactly_stance_all() {
        let triples = triples();
        let mut props: BTreeMap<String, BTreeMap<&str, Vec<&Term>>> = BTreeMap::new();
        for t in &triples {
            if let NamedOrBlankNode::NamedNode(s) = &t.subject {
                props
                    .entry(s.as_str().to_owned())
                    .or_default()
                    .entry(t.predicate.as_str())
                    .or_default()
                    .push(&t.object);
            }
        }
        let skos_concept = format!("{}Concept", vocab::SKOS);
        let in_scheme = format!("{}inScheme", vocab::SKOS);
        let notation = format!("{}notation", vocab::SKOS);
        let concepts: BTreeSet<&String> = props
            .iter()
            .filter(|(_, p)| {
                p.get(vocab::RDF_TYPE)
                    .is_some_and(|ts| ts.iter().any(|t| iri_of(t) == Some(skos_concept.as_str())))
                    && p.get(in_scheme.as_str()).is_some_and(|ts| {
                        ts.iter().any(|t| iri_of(t) == Some(vocab::STANCE_SCHEME))
                    })
            })
            .map(|(s, _)| s)
            .collect();
        let expected: BTreeSet<String> = Stance::ALL
            .iter()
            .map(|s| vocab::stance_iri(s.id()))
            .collect();
        assert_eq!(
            concepts.into_iter().cloned().collect::<BTreeSet<_>>(),
            expected,
            "stance concepts of gk:StanceScheme differ from Stance::ALL"
        );

        let one = |p: &BTreeMap<&str, Vec<&Term>>, pred: &str| -> String {
            let values = p.get(pred).unwrap_or_else(|| panic!("missing {pred}"));
            assert_eq!(values.len(), 1, "{pred} must have one value");
            literal_of(values[0])
                .unwrap_or_else(|| panic!("{pred} is not a literal"))
                .to_owned()
        };
        for st in Stance::ALL {
            let f = st.facts();
            let p = &props[&vocab::stance_iri(f.id)];
            assert_eq!(one(p, vocab::P_CAMEO_CODE), f.cameo, "{st}: cameoCode");
            assert_eq!(one(p, &notation), f.cameo, "{st}: skos:notation");
            assert_eq!(
                one(p, vocab::P_CAMEO_ROOT),
                st.cameo_root(),
                "{st}: cameoRoot"
            );
            assert_eq!(
                one(p, vocab::P_GOLDSTEIN).parse::<f64>().unwrap(),
                f.goldstein,
                "{st}: goldstein"
            );
            assert_eq!(
                one(p, vocab::P_QUAD_CLASS),
                f.quad_class.number().to_string(),
                "{st}: quadClass"
            );
            assert_eq!(
                one(p, vocab::P_POLARITY),
                st.polarity().to_string(),
                "{st}: polarity"
            );
            match f.plover {
                Some(pl) => assert_eq!(one(p, vocab::P_PLOVER), pl, "{st}: plover"),
                None => assert!(!p.contains_key(vocab::P_PLOVER), "{st}: unexpected plover"),
            }
            let types: Vec<Option<&str>> = p[vocab::RDF_TYPE].iter().map(|t| iri_of(t)).collect();
            assert!(
                types.contains(&Some(&format!("{}ObjectProperty", vocab::OWL))),
                "{st}: owl:ObjectProperty"
            );
            let sub = format!("{}subPropertyOf", vocab::RDFS);
            assert_eq!(
                p.get(sub.as_str()).map(|v| iri_of(v[0])),
                Some(Some(vocab::P_TAKES_STANCE)),
                "{st}: subPropertyOf"
            );
        }
    }

    #[test]
    fn actor_kinds_are_actor_subclasses() {
        let sub = format!("{}subClassOf", vocab::RDFS);
        let triples = triples();
        for class in [
            vocab::STATE,
            vocab::ORGANIZATION,
            vocab::PERSON,
            vocab::GROUP,
        ] {
            assert!(
                triples
                    .iter()
                    .any(|t| t.subject.to_string() == format!("<{class}>")
                        && t.predicate.as_str() == sub
                        && iri_of(&t.object) == Some(vocab::ACTOR)),
                "{class} rdfs:subClassOf gk:Actor"
            );
        }
    }
}
