//! GraphML (yEd, Gephi, Cytoscape, NetworkX): the stance graph with typed node and edge
//! attributes, written deterministically.

use super::view::{round3, stance_summary, GraphView};
use std::fmt::Write as _;

/// XML text or attribute value: `& < > " '` escaped, and the characters XML 1.0 forbids
/// (C0 controls other than tab, LF, CR) dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The node attribute keys: (key id, attribute name, GraphML type).
pub const NODE_KEYS: [(&str, &str, &str); 10] = [
    ("label", "label", "string"),
    ("kind", "kind", "string"),
    ("code", "code", "string"),
    ("agent", "agent", "string"),
    ("qid", "qid", "string"),
    ("wikidata", "wikidata", "string"),
    ("member_of", "member_of", "string"),
    ("statements_out", "statements_out", "int"),
    ("statements_in", "statements_in", "int"),
    ("shape", "shape", "string"),
];

/// The edge attribute keys, likewise (`e_label`: GraphML key ids are shared by nodes and edges).
pub const EDGE_KEYS: [(&str, &str, &str); 12] = [
    ("e_label", "label", "string"),
    ("count", "count", "int"),
    ("goldstein_sum", "goldstein_sum", "double"),
    ("goldstein_mean", "goldstein_mean", "double"),
    ("polarity", "polarity", "int"),
    ("dominant_stance", "dominant_stance", "string"),
    ("stances", "stances", "string"),
    ("articles", "articles", "int"),
    ("first_date", "first_date", "string"),
    ("last_date", "last_date", "string"),
    ("color", "color", "string"),
    ("weight", "weight", "double"),
];

fn data(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(
        out,
        "      <data key=\"{key}\">{}</data>",
        xml_escape(value)
    );
}

/// The graph as GraphML. Multi-valued attributes (`member_of`, `stances`) are
/// space-separated; absent values are left out.
pub fn to_graphml(v: &GraphView) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(concat!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns",
        " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    ));
    for (id, name, ty) in NODE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"node\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    for (id, name, ty) in EDGE_KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{id}\" for=\"edge\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    out.push_str("  <graph id=\"geokg\" edgedefault=\"directed\">\n");
    for n in v.nodes() {
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(n.id()));
        data(&mut out, "label", &n.label);
        data(&mut out, "kind", n.kind.as_str());
        if let Some(c) = &n.code {
            data(&mut out, "code", c);
        }
        if let Some(a) = &n.agent {
            data(&mut out, "agent", a);
        }
        if let Some(q) = &n.qid {
            data(&mut out, "qid", q);
            data(
                &mut out,
                "wikidata",
                &format!("https://www.wikidata.org/wiki/{q}"),
            );
        }
        let orgs = v.member_of(n);
        if !orgs.is_empty() {
            data(&mut out, "member_of", &orgs.join(" "));
        }
        data(&mut out, "statements_out", &v.out_count(n).to_string());
        data(&mut out, "statements_in", &v.in_count(n).to_string());
        data(&mut out, "shape", super::dot::shape(n.kind));
        out.push_str("    </node>\n");
    }
    for (i, (a, t, e)) in v.edges().into_iter().enumerate() {
        let _ = writeln!(
            out,
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">",
            xml_escape(a),
            xml_escape(t)
        );
        data(&mut out, "e_label", &super::dot::edge_label(e));
        data(&mut out, "count", &e.count().to_string());
        data(
            &mut out,
            "goldstein_sum",
            &round3(e.goldstein_sum()).to_string(),
        );
        data(
            &mut out,
            "goldstein_mean",
            &round3(e.goldstein_mean()).to_string(),
        );
        data(&mut out, "polarity", &e.polarity().to_string());
        if let Some(s) = e.dominant_stance() {
            data(&mut out, "dominant_stance", s.id());
        }
        data(&mut out, "stances", &stance_summary(e));
        data(&mut out, "articles", &e.articles.to_string());
        if let Some(d) = e.first_date() {
            data(&mut out, "first_date", &d.to_string());
        }
        if let Some(d) = e.last_date() {
            data(&mut out, "last_date", &d.to_string());
        }
        data(&mut out, "color", super::dot::edge_color(e));
        data(&mut out, "weight", &(e.count() as f64).to_string());
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::store::testutil::{d1, d2};

    pub(crate) fn view() -> GraphView {
        let mut v = crate::export::view::test_view(&[d1(), d2()], Default::default());
        v.graph
            .node_mut(&crate::graph::Key::actor("RUS"))
            .unwrap()
            .label = "Russia <\"RF\"> & co".to_owned();
        v
    }

    #[test]
    fn graphml_has_typed_keys_and_escaped_values() {
        let g = to_graphml(&view());
        assert!(
            g.contains("<key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>")
        );
        assert!(
            g.contains("<data key=\"label\">Russia &lt;&quot;RF&quot;&gt; &amp; co</data>"),
            "{g}"
        );
        assert_eq!(g.matches("<node id=").count(), 4);
        assert_eq!(g.matches("<edge id=").count(), 3);
        assert!(
            g.contains("<data key=\"goldstein_mean\">-3.2</data>"),
            "{g}"
        );
        assert!(
            g.contains("<data key=\"stances\">accuse:1 threaten:1</data>"),
            "{g}"
        );
        assert_eq!(g, to_graphml(&view()), "deterministic");
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(
            xml_escape("a<b & \"c\" 'd'\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;"
        );
    }
}
