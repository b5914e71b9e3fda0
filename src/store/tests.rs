//! Tests of the store: loading, idempotence, direct triples, SPARQL, read-back and dumps.

use super::testutil::*;
use super::*;
use crate::model::{Extraction, Modality};
use oxigraph::model::{NamedNode, NamedNodeRef, QuadRef, Term};

fn ask(store: &KgStore, q: &str) -> bool {
    match store.query(q).unwrap() {
        QueryResults::Boolean(b) => b,
        _ => panic!("not an ASK query"),
    }
}

fn nquads(store: &KgStore) -> String {
    String::from_utf8(store.dump(RdfFormat::NQuads).unwrap()).unwrap()
}

#[test]
fn load_writes_article_statements_and_actors() {
    let store = KgStore::memory().unwrap();
    let n = store.load_extraction(&d1()).unwrap();
    let (tallies, _) = store.stored_tallies().unwrap();
    assert!(!tallies.is_empty());
    assert_eq!(n + tallies.len(), store.len().unwrap());
    assert_eq!(store.articles().unwrap(), vec!["d1".to_owned()]);
    assert!(ask(
        &store,
        "ASK { GRAPH <https://w3id.org/geokg/id/graph/article/d1> {
            id:article\\/d1 a gk:Article ; dct:date \"2022-01-05\"^^xsd:date ; gk:sentenceCount 4 .
            ?s a gk:StanceStatement ; gk:actor id:actor\\/RUS ; gk:stance stance:reject ;
               gk:target id:issue\\/nato-enlargement ; gk:modality gk:Asserted ;
               gk:confidence 0.851 ; gk:negated false ; gk:sentenceIndex 0 .
            id:actor\\/RUS a gk:State ; rdfs:label \"Russia\" ; owl:sameAs wd:Q159 .
            id:issue\\/nato-enlargement a gk:Issue .
            id:actor\\/sergey-lavrov a gk:Person ; gk:represents id:actor\\/RUS .
        } }"
    ));
    // Statement IRIs number statements within their sentence.
    let s01 = NamedNodeRef::new_unchecked("https://w3id.org/geokg/id/statement/d1/0-1");
    let graph = vocab::article_graph_iri("d1");
    assert!(store
        .inner()
        .contains(QuadRef::new(
            s01,
            NamedNodeRef::new_unchecked(vocab::P_STANCE),
            NamedNodeRef::new_unchecked("https://w3id.org/geokg/stance/threaten"),
            NamedNodeRef::new_unchecked(&graph),
        ))
        .unwrap());
}

#[test]
fn reload_is_idempotent() {
    let store = KgStore::memory().unwrap();
    store.load_ontology().unwrap();
    store.load_extraction(&d1()).unwrap();
    store.load_extraction(&d2()).unwrap();
    let once = nquads(&store);
    store.load_ontology().unwrap();
    store.load_extraction(&d1()).unwrap();
    store.load_extraction(&d2()).unwrap();
    assert_eq!(once, nquads(&store));

    // A changed article replaces its graph entirely.
    let mut fewer = d1();
    fewer.statements.truncate(1);
    store.load_extraction(&fewer).unwrap();
    let after = store.statements(&StatementFilter::default()).unwrap();
    assert_eq!(after.iter().filter(|r| r.doc == "d1").count(), 1);
    assert!(!ask(
        &store,
        "ASK { GRAPH <https://w3id.org/geokg/id/graph/article/d1> { ?a stance:threaten ?t } }"
    ));
    assert!(!ask(&store, "ASK { ?a gk:represents ?b }"));
}

#[test]
fn negated_and_hypothetical_have_node_but_no_direct_triple() {
    let store = KgStore::memory().unwrap();
    store.load_extraction(&d1()).unwrap();
    // The negated sanction: a statement node, no direct triple.
    assert!(ask(
        &store,
        "ASK { ?s gk:actor id:actor\\/USA ; gk:stance stance:sanction ; gk:negated true }"
    ));
    assert!(!ask(
        &store,
        "ASK { id:actor\\/USA stance:sanction id:actor\\/RUS }"
    ));
    // The hypothetical criticism: likewise.
    assert!(ask(
        &store,
        "ASK { ?s gk:stance stance:criticize ; gk:modality gk:Hypothetical }"
    ));
    assert!(!ask(&store, "ASK { ?a stance:criticize ?t }"));
    // The asserted ones do have it.
    assert!(ask(
        &store,
        "ASK { id:actor\\/RUS stance:threaten id:actor\\/UKR }"
    ));
}

#[test]
fn sparql_default_graph_is_the_union() {
    let store = KgStore::memory().unwrap();
    store.load_ontology().unwrap();
    store.load_extraction(&d1()).unwrap();
    store.load_extraction(&d2()).unwrap();
    let QueryResults::Solutions(solutions) = store
        .query("SELECT DISTINCT ?a ?t WHERE { ?a stance:reject ?t }")
        .unwrap()
    else {
        panic!()
    };
    let rows: Vec<_> = solutions.map(|s| s.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0].get("t"),
        Some(&Term::from(NamedNode::new_unchecked(vocab::issue_iri(
            "nato-enlargement"
        ))))
    );
    // Ontology terms are visible too, and FROM still restricts the dataset.
    assert!(ask(&store, "ASK { stance:reject gk:cameoCode \"120\" }"));
    assert!(!ask(
        &store,
        "ASK FROM <https://w3id.org/geokg/id/graph/article/d1> { stance:reject gk:cameoCode ?c }"
    ));
}

#[test]
fn syntax_errors_carry_the_position() {
    let store = KgStore::memory().unwrap();
    let Err(err) = store.query("SELECT ?a WHERE {\n  ?a stance:reject ?t ") else {
        panic!("accepted a broken query")
    };
    let msg = err.to_string();
    assert!(matches!(err, Error::Query(_)), "{msg}");
    assert!(msg.contains("2:"), "no line:column in {msg:?}");
    let Err(err) = store.query("SELEC ?a") else {
        panic!("accepted a broken query")
    };
    let err = err.to_string();
    assert!(err.contains("error at 1:"), "no position in {err:?}");
}

#[test]
fn statements_round_trip() {
    let store = KgStore::memory().unwrap();
    store.load_ontology().unwrap();
    store.load_extraction(&d2()).unwrap();
    store.load_extraction(&d1()).unwrap();
    let records = store.statements(&StatementFilter::default()).unwrap();
    let mut expected: Vec<StatementRecord> = d1()
        .statements
        .iter()
        .chain(d2().statements.iter())
        .map(StatementRecord::from)
        .collect();
    for r in &mut expected {
        r.confidence = 0.851; // written with three decimals
    }
    assert_eq!(records, expected);

    let filter = StatementFilter {
        actor: Some("RUS".to_owned()),
        direct_only: true,
        from: Some(date("2022-01-06")),
        ..Default::default()
    };
    let rus: Vec<_> = store
        .statements(&filter)
        .unwrap()
        .into_iter()
        .map(|r| (r.doc, r.stance.id))
        .collect();
    assert_eq!(
        rus,
        vec![
            ("d2".to_owned(), "reject".to_owned()),
            ("d2".to_owned(), "accuse".to_owned())
        ]
    );
    let hypothetical = store
        .statements(&StatementFilter {
            actor: Some("sergey-lavrov".to_owned()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(hypothetical.len(), 1);
    assert_eq!(hypothetical[0].modality, Modality::Hypothetical);
    assert_eq!(hypothetical[0].actor, lavrov());
}

#[test]
fn remove_article_drops_its_graph() {
    let store = KgStore::memory().unwrap();
    store.load_extraction(&d1()).unwrap();
    store.load_extraction(&d2()).unwrap();
    assert!(store.remove_article("d1").unwrap());
    assert!(!store.remove_article("d1").unwrap());
    assert_eq!(store.articles().unwrap(), vec!["d2".to_owned()]);
    let only_d2 = KgStore::memory().unwrap();
    only_d2.load_extraction(&d2()).unwrap();
    assert_eq!(nquads(&store), nquads(&only_d2));
}

#[test]
fn dumps_are_deterministic_across_load_orders() {
    let a = KgStore::memory().unwrap();
    a.load_ontology().unwrap();
    a.load_extraction(&d1()).unwrap();
    a.load_extraction(&d2()).unwrap();
    let b = KgStore::memory().unwrap();
    b.load_extraction(&d2()).unwrap();
    b.load_extraction(&d1()).unwrap();
    b.load_ontology().unwrap();
    let mut formats = vec![
        RdfFormat::NQuads,
        RdfFormat::TriG,
        RdfFormat::Turtle,
        RdfFormat::NTriples,
        RdfFormat::RdfXml,
    ];
    formats.push(RdfFormat::JsonLd {
        profile: oxigraph::io::JsonLdProfileSet::empty(),
    });
    for format in formats {
        let da = a.dump(format).unwrap();
        assert_eq!(da, b.dump(format).unwrap(), "{} differs", format.name());
        assert!(!da.is_empty());
        // Every dump parses back.
        let parsed = RdfParser::from_format(format)
            .for_slice(&da)
            .collect::<Result<Vec<_>, _>>()
            .unwrap_or_else(|e| panic!("{}: {e}", format.name()));
        assert!(!parsed.is_empty());
    }
    let trig = String::from_utf8(a.dump(RdfFormat::TriG).unwrap()).unwrap();
    assert!(trig.contains("@prefix gk: <https://w3id.org/geokg/ontology#>"));
    // The union formats have no duplicates: RUS's description is in both article graphs.
    let nt = String::from_utf8(a.dump(RdfFormat::NTriples).unwrap()).unwrap();
    let label = "<https://w3id.org/geokg/id/actor/RUS> <http://www.w3.org/2000/01/rdf-schema#label> \"Russia\" .";
    assert_eq!(nt.lines().filter(|l| *l == label).count(), 1);
}

#[test]
fn persistent_store_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kg");
    {
        let store = KgStore::open(&path).unwrap();
        store.load_extraction(&d1()).unwrap();
    }
    let store = KgStore::open(&path).unwrap();
    assert_eq!(store.articles().unwrap(), vec!["d1".to_owned()]);
}

#[test]
fn tallies_add_up_by_hand_and_match_a_bulk_build() {
    let store = KgStore::memory().unwrap();
    store.load_extraction(&d1()).unwrap();
    store.load_extraction(&d2()).unwrap();
    assert!(store.check_tallies().unwrap().is_empty());
    // Russia -> Ukraine: threaten (d1, Goldstein -4.4) and accuse (d2, -2.0), each with
    // confidence 0.851 (band 17), both conflictual, both verbal conflict (QuadClass 3):
    // n 2, articles 2, Σc 1702‰, Σc² 2·851² = 1448402, Σcp −1702, ΣG −640, polarity (2, 0, 0),
    // QuadClass (0, 0, 2, 0)
    let sums = |iri: &str| {
        let q = format!("SELECT ?v WHERE {{ <{iri}> gk:tallySums ?v }}");
        read::select(&store, &q)
            .unwrap()
            .iter()
            .filter_map(|s| read::term_str(s, "v").map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let ru = |family: &str, period: &str, a: &str, t: &str| {
        format!("{}tally/{family}/{period}/{a}/{t}", vocab::ID)
    };
    let expected = "17:2,2,1702,1448402,-1702,-640,2,0,0,0,0,2,0";
    assert_eq!(
        sums(&ru("node", "all", "actor/RUS", "actor/UKR")),
        [expected]
    );
    assert_eq!(
        sums(&ru("node", "2022-01", "actor/RUS", "actor/UKR")),
        [expected]
    );
    assert_eq!(
        sums(&ru("rolled", "all", "code/RUS", "code/UKR")),
        [expected]
    );
    // the US aid to Ukraine is future (counts); the sanction is negated and Lavrov's
    // criticism hypothetical (neither counts)
    assert_eq!(sums(&ru("node", "all", "actor/USA", "actor/UKR")).len(), 1);
    assert!(sums(&ru("node", "all", "actor/USA", "actor/RUS")).is_empty());
    assert!(sums(&ru("node", "all", "actor/sergey-lavrov", "actor/USA")).is_empty());

    // adding up whole extractions gives the quads the transactions wrote
    let mut b = tally::TallyBuilder::default();
    b.add(&d2());
    b.add(&d1());
    let mut built: Vec<oxigraph::model::Quad> = b.quads().collect();
    sort_quads(&mut built);
    assert_eq!(built, store.stored_tallies().unwrap().0);

    // removing d2 subtracts exactly its share
    store.remove_article("d2").unwrap();
    assert_eq!(
        sums(&ru("node", "all", "actor/RUS", "actor/UKR")),
        ["17:1,1,851,724201,-851,-440,1,0,0,0,0,1,0"]
    );
    assert!(store.check_tallies().unwrap().is_empty());
}

/// d1 with fewer statements and another title: a rewrite of the same article.
fn d1_rewritten() -> Extraction {
    let mut ex = d1();
    ex.statements.truncate(2);
    ex.doc.title = Some("Rewritten".to_owned());
    ex
}

fn articles(exs: &[Extraction]) -> Vec<Article> {
    exs.iter().map(|e| Article::of(e).unwrap()).collect()
}

#[test]
fn a_batch_equals_one_article_at_a_time() {
    // sequential: d1, d2, then d1 rewritten (replaces d1)
    let seq = KgStore::memory().unwrap();
    for ex in [d1(), d2(), d1_rewritten()] {
        seq.load_extraction(&ex).unwrap();
    }
    // one batch with d1 twice: the last copy wins
    let batch = KgStore::memory().unwrap();
    batch
        .load_batch(&articles(&[d1(), d2(), d1_rewritten()]))
        .unwrap();
    assert_eq!(nquads(&seq), nquads(&batch));
    assert!(batch.check_tallies().unwrap().is_empty());
    // a second batch rewriting an article already there, and one removing two
    batch.load_batch(&articles(&[d1()])).unwrap();
    seq.load_extraction(&d1()).unwrap();
    assert_eq!(nquads(&seq), nquads(&batch));
    assert_eq!(
        batch.remove_articles(&["d1", "nope", "d2"]).unwrap(),
        [true, false, true]
    );
    assert!(batch.articles().unwrap().is_empty());
    assert!(batch.stored_tallies().unwrap().0.is_empty());
}

#[test]
fn the_bulk_path_equals_the_batched_path() {
    let seq = KgStore::memory().unwrap();
    for ex in [d1(), d2(), d1_rewritten()] {
        seq.load_extraction(&ex).unwrap();
    }
    for dir in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let bulk = if dir {
            KgStore::open(&tmp.path().join("kg")).unwrap()
        } else {
            KgStore::memory().unwrap()
        };
        let mut loader = Loader::new(&bulk, LoadMode::Bulk).unwrap();
        assert_eq!(loader.mode(), LoadMode::Bulk);
        loader.add(articles(&[d1(), d2()])).unwrap();
        // a doc id seen again is written after the commit, the last copy winning
        loader.add(articles(&[d1_rewritten()])).unwrap();
        // nothing is visible before the commit
        if dir {
            assert!(bulk.has_no_articles().unwrap());
        }
        loader.finish().unwrap();
        assert_eq!(nquads(&seq), nquads(&bulk), "on disk: {dir}");
        assert!(bulk.check_tallies().unwrap().is_empty());
        // the store has articles now: no second bulk load
        assert!(Loader::new(&bulk, LoadMode::Bulk).is_err());
    }
}

#[test]
fn a_failed_batch_leaves_the_store_as_it_was() {
    let store = KgStore::memory().unwrap();
    store.load_extraction(&d2()).unwrap();
    let before = nquads(&store);
    // spoil a tally that d1's statements count in (RUS -> UKR): the batch fails while
    // updating it, after it has already rewritten article graphs in its transaction
    let tally = format!("{}tally/node/all/actor/RUS/actor/UKR", vocab::ID);
    let graph = vocab::tally_graph_iri(false, false);
    let node = NamedNode::new_unchecked(&tally);
    let sums = NamedNode::new_unchecked(vocab::P_TALLY_SUMS);
    let g = NamedNode::new_unchecked(&graph);
    let old: Vec<_> = store
        .inner()
        .quads_for_pattern(
            Some(node.as_ref().into()),
            Some(sums.as_ref()),
            None,
            Some(g.as_ref().into()),
        )
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(old.len(), 1);
    store.inner().remove(&old[0]).unwrap();
    let bad = oxigraph::model::Quad::new(
        node.clone(),
        sums.clone(),
        oxigraph::model::Literal::new_simple_literal("17:oops"),
        g.clone(),
    );
    store.inner().insert(&bad).unwrap();
    let spoiled = nquads(&store);
    assert_ne!(before, spoiled);
    let err = store
        .load_batch(&articles(&[d1(), d2()]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("malformed gk:tallySums"), "{err}");
    assert_eq!(nquads(&store), spoiled);
    assert_eq!(store.articles().unwrap(), vec!["d2".to_owned()]);
    let err = store.remove_articles(&["d2"]).unwrap_err().to_string();
    assert!(err.contains("malformed"), "{err}");
    assert_eq!(nquads(&store), spoiled);
}

/// A blank node written into an article graph around geokg (which `DELETE DATA` cannot name):
/// reloading the article goes through the readable transaction and still replaces the graph
/// exactly, tallies included.
#[test]
fn reloading_a_graph_with_a_blank_node_replaces_it_exactly() {
    use oxigraph::model::{BlankNode, GraphName, Literal, Quad};
    let store = KgStore::memory().unwrap();
    store.load_extraction(&d1()).unwrap();
    store.load_extraction(&d2()).unwrap();
    let graph = NamedNode::new(vocab::article_graph_iri("d1")).unwrap();
    store
        .inner()
        .insert(&Quad::new(
            BlankNode::default(),
            NamedNode::new("http://example.org/note").unwrap(),
            Literal::new_simple_literal("written around geokg"),
            GraphName::NamedNode(graph),
        ))
        .unwrap();
    store.load_extraction(&d1()).unwrap();
    let fresh = KgStore::memory().unwrap();
    fresh.load_extraction(&d1()).unwrap();
    fresh.load_extraction(&d2()).unwrap();
    assert_eq!(nquads(&store), nquads(&fresh));
    assert!(store.check_tallies().unwrap().is_empty());
}
