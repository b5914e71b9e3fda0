//! Unit tests of the report: highlighting, escaping, the page's sections and determinism.

use super::*;
use crate::model::StatementRecord;
use crate::store::testutil::{d1, d2};

fn store() -> KgStore {
    let store = KgStore::memory().unwrap();
    store.load_ontology().unwrap();
    store.load_extraction(&d1()).unwrap();
    store.load_extraction(&d2()).unwrap();
    store
}

#[test]
fn highlight_marks_actor_cue_and_target_in_order() {
    let html = highlight(
        "Moscow was seeking guarantees that Nato would not expand, Moscow said.",
        "Moscow",
        "seeking",
        "Nato",
    );
    assert_eq!(
        html,
        "<mark class=\"m-actor\">Moscow</mark> was <mark class=\"m-cue\">seeking</mark> guarantees that <mark class=\"m-target\">Nato</mark> would not expand, Moscow said."
    );
}

#[test]
fn highlight_prefers_the_target_after_the_cue_and_whole_words() {
    // "US" inside "USSR" is not a whole word; the target after the cue is chosen.
    let html = highlight(
        "Russia, not the USSR, warned Ukraine and Russia again.",
        "Russia",
        "warned",
        "Ukraine",
    );
    assert!(
        html.starts_with("<mark class=\"m-actor\">Russia</mark>, not the USSR, <mark class=\"m-cue\">warned</mark> <mark class=\"m-target\">Ukraine</mark>"),
        "{html}"
    );
    // same mention on both sides: two different occurrences
    let html = highlight(
        "Russia accused Russia of lying.",
        "Russia",
        "accused",
        "Russia",
    );
    assert_eq!(
        html,
        "<mark class=\"m-actor\">Russia</mark> <mark class=\"m-cue\">accused</mark> <mark class=\"m-target\">Russia</mark> of lying."
    );
}

#[test]
fn highlight_escapes_and_skips_missing_parts() {
    let html = highlight("He said <b>\"no\"</b> & left.", "Putin", "said", "");
    assert_eq!(
        html,
        "He <mark class=\"m-cue\">said</mark> &lt;b&gt;&quot;no&quot;&lt;/b&gt; &amp; left."
    );
    // multi-byte text keeps char boundaries
    let html = highlight(
        "Zelenskyy — «rejected» Kremlin’s terms",
        "Zelenskyy",
        "rejected",
        "Kremlin",
    );
    assert!(
        html.contains("«<mark class=\"m-cue\">rejected</mark>»"),
        "{html}"
    );
    assert!(
        html.contains("<mark class=\"m-target\">Kremlin</mark>’s"),
        "{html}"
    );
}

#[test]
fn report_has_every_section_and_is_deterministic() {
    let store = store();
    let opts = ReportOptions::default();
    let a = render(&store, &opts).unwrap();
    let b = render(&store, &opts).unwrap();
    assert_eq!(a.html, b.html, "same store, same bytes");
    let html = &a.html;
    for id in [
        "id=\"graph\"",
        "id=\"dyads\"",
        "id=\"actors\"",
        "id=\"statements\"",
        "id=\"q\"",
    ] {
        assert!(html.contains(id), "missing {id}");
    }
    assert!(!html.contains("id=\"comparison\""));
    let records = store.statements(&StatementFilter::default()).unwrap();
    assert_eq!(records.len(), 7);
    let rows = html
        .split("<tbody>")
        .nth(3)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    assert_eq!(rows.matches("<tr").count(), records.len());
    // every evidence cell has its cue marked
    assert_eq!(rows.matches("m-cue").count(), records.len());
    // Wikidata link for Russia (Q159), none for an actor without a QID
    assert!(html.contains("<a href=\"https://www.wikidata.org/wiki/Q159\">Q159</a>"));
    // negated statement is flagged
    assert!(html.contains("<span class=\"badge\">negated</span>"));
    // self-contained: no external scripts, styles or images
    for bad in ["<script src", "<link", "<img", "@import", "url("] {
        assert!(!html.contains(bad), "external resource: {bad}");
    }
    if graphviz_available() {
        assert!(html.contains("<svg"), "graph missing");
        assert!(!html.contains("<?xml"), "XML declaration inside HTML");
        assert!(a.notes.is_empty());
    } else {
        assert!(html.contains("id=\"graph-note\""));
        assert_eq!(a.notes.len(), 1);
    }
}

#[test]
fn comparison_hook_and_limits() {
    let store = store();
    let opts = ReportOptions {
        comparison: Some(ReportSection {
            title: "Compare <A> & B".to_owned(),
            html: "<div id=\"chart-1\">chart</div>".to_owned(),
        }),
        max_statements: 3,
        ..ReportOptions::default()
    };
    let html = render(&store, &opts).unwrap().html;
    assert!(html.contains("<a href=\"#comparison\">Comparison</a>"));
    assert!(html.contains(
        "<section id=\"comparison\">\n<h2>Compare &lt;A&gt; &amp; B</h2>\n<div id=\"chart-1\">chart</div>\n</section>"
    ));
    let (actors_at, cmp_at, stmts_at) = (
        html.find("id=\"actors\"").unwrap(),
        html.find("id=\"comparison\"").unwrap(),
        html.find("id=\"statements\"").unwrap(),
    );
    assert!(actors_at < cmp_at && cmp_at < stmts_at);
    assert!(html.contains("Showing the first 3 statements, in order of article id"));
    let table = &html[html.find("id=\"statement-table\"").unwrap()..];
    assert_eq!(table.matches("m-cue").count(), 3);
}

#[test]
fn the_statement_table_is_the_first_statements() {
    let store = store();
    let filters = [
        StatementFilter::default(),
        StatementFilter {
            actor: Some("RUS".to_owned()),
            ..StatementFilter::default()
        },
        StatementFilter {
            doc: Some("d2".to_owned()),
            ..StatementFilter::default()
        },
        StatementFilter {
            from: crate::store::testutil::date("2022-01-06").into(),
            min_confidence: Some(0.5),
            ..StatementFilter::default()
        },
    ];
    for filter in filters {
        let all = store.statements(&filter).unwrap();
        assert!(!all.is_empty(), "{filter:?}");
        for n in 0..=all.len() + 1 {
            let (first, more) = store.first_statements(&filter, n).unwrap();
            assert_eq!(first, all[..n.min(all.len())], "{filter:?} {n}");
            assert_eq!(more, n < all.len(), "{filter:?} {n}");
        }
    }
}

#[test]
fn filtered_and_empty_reports() {
    let store = store();
    let opts = ReportOptions {
        filter: StatementFilter {
            actor: Some("USA".to_owned()),
            ..StatementFilter::default()
        },
        ..ReportOptions::default()
    };
    let data = collect(&store, &opts).unwrap();
    assert!(data.records.iter().all(|r| r.actor.id.as_str() == "USA"));
    assert!(!data.records.is_empty());
    let empty = KgStore::memory().unwrap();
    let r = render(&empty, &ReportOptions::default()).unwrap();
    assert!(r.html.contains("No direct statements"));
    assert!(r.notes.is_empty());
}

#[test]
fn article_titles_and_sources_are_read() {
    let store = store();
    let data = collect(&store, &ReportOptions::default()).unwrap();
    let ids: Vec<&String> = data.articles.keys().collect();
    assert_eq!(ids, ["d1", "d2"]);
    assert_eq!(data.articles["d1"].title.as_deref(), Some("Article d1"));
    assert_eq!(
        data.articles["d2"].url.as_deref(),
        Some("https://example.org/news/d2")
    );
    let records: Vec<StatementRecord> = data.records.clone();
    assert!(records.iter().all(|r| data.articles.contains_key(&r.doc)));
    let html = render_html(&data, &ReportOptions::default());
    assert!(html.contains("<a href=\"https://example.org/news/d1\" title=\"Article d1\">d1</a>"));
}

#[test]
fn svg_element_strips_the_prolog() {
    let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- x -->\n<svg width=\"1\"><g/></svg>\n";
    assert_eq!(svg_element(svg), "<svg width=\"1\"><g/></svg>");
    assert_eq!(escape("a<b>\"c\"&'"), "a&lt;b&gt;&quot;c&quot;&amp;&#39;");
}

#[test]
fn the_picture_draws_the_busiest_edges_only() {
    let store = store();
    let opts = ReportOptions {
        max_drawn_edges: 2,
        ..ReportOptions::default()
    };
    let data = collect(&store, &opts).unwrap();
    // three edges; the picture keeps RUS -> UKR and RUS -> nato-enlargement (2 statements each)
    assert_eq!(data.graph.edge_count(), 3);
    assert_eq!(data.drawn, Some((2, 3)));
    let mut g = data.graph.clone();
    g.retain_top(2);
    let pairs: Vec<(&str, &str)> = g.edges().iter().map(|(a, t, _)| (a.id(), t.id())).collect();
    assert_eq!(pairs, [("RUS", "UKR"), ("RUS", "nato-enlargement")]);
    let html = render_html(&data, &opts);
    if data.svg.is_some() {
        assert!(html.contains("The picture draws the 2 busiest of the 3 edges"));
    }
    // the dyad table still lists every edge
    assert!(html.contains("USA") && html.contains("aid ×1"));
    let all = collect(&store, &ReportOptions::default()).unwrap();
    assert_eq!(all.drawn, None);
}
