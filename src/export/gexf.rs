//! GEXF 1.3 for Gephi: the stance graph with node and edge attributes, the viz module
//! (colour, size, shape, thickness) and dynamic time spells from the statement dates.

use super::graphml::xml_escape;
use super::view::{round3, spells, stance_summary, GraphView};
use crate::graph::Edge;
use crate::model::ActorKind;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// (id, title, GEXF type) of the node attributes.
pub const NODE_ATTRIBUTES: [(&str, &str, &str); 8] = [
    ("kind", "kind", "string"),
    ("code", "code", "string"),
    ("agent", "agent", "string"),
    ("qid", "qid", "string"),
    ("wikidata", "wikidata", "anyURI"),
    ("member_of", "member_of", "liststring"),
    ("statements_out", "statements_out", "integer"),
    ("statements_in", "statements_in", "integer"),
];

/// (id, title, GEXF type) of the edge attributes.
pub const EDGE_ATTRIBUTES: [(&str, &str, &str); 6] = [
    ("count", "count", "integer"),
    ("goldstein_mean", "goldstein_mean", "double"),
    ("polarity", "polarity", "integer"),
    ("dominant_stance", "dominant_stance", "string"),
    ("stances", "stances", "string"),
    ("articles", "articles", "integer"),
];

fn rgb(hex: &str) -> (u8, u8, u8) {
    let h = hex.trim_start_matches('#');
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    (byte(0), byte(2), byte(4))
}

/// Node colours for Gephi (stronger than the DOT fills, which sit behind black labels).
fn node_color(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "#1e88e5",
        ActorKind::Organization => "#fb8c00",
        ActorKind::Person => "#8e24aa",
        ActorKind::Group => "#6d4c41",
        ActorKind::Issue => "#7cb342",
    }
}

/// viz:shape by kind (GEXF has disc, square, triangle, diamond).
pub fn viz_shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "square",
        ActorKind::Organization => "disc",
        ActorKind::Person => "triangle",
        ActorKind::Group | ActorKind::Issue => "diamond",
    }
}

fn attvalue(out: &mut String, id: &str, value: &str) {
    let _ = writeln!(
        out,
        "          <attvalue for=\"{id}\" value=\"{}\"/>",
        xml_escape(value)
    );
}

fn write_spells(out: &mut String, indent: &str, dates: &BTreeSet<NaiveDate>) {
    if dates.is_empty() {
        return;
    }
    let _ = writeln!(out, "{indent}<spells>");
    for (start, end) in spells(dates) {
        let _ = writeln!(out, "{indent}  <spell start=\"{start}\" end=\"{end}\"/>");
    }
    let _ = writeln!(out, "{indent}</spells>");
}

fn color(out: &mut String, indent: &str, hex: &str) {
    let (r, g, b) = rgb(hex);
    let _ = writeln!(
        out,
        "{indent}<viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\" a=\"1.0\"/>"
    );
}

fn liststring(items: &[&str]) -> String {
    // GEXF list values: "[a, b]"
    format!("[{}]", items.join(", "))
}

/// The graph as GEXF 1.3 (`mode="dynamic"`, `timeformat="date"`): a node or edge exists on
/// the days of its statements (consecutive days merged into one spell). `--from`/`--to` are
/// written as the graph's `start`/`end`.
pub fn to_gexf(v: &GraphView, from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(concat!(
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n"
    ));
    let _ = writeln!(
        out,
        "  <meta>\n    <creator>geokg {}</creator>\n    <description>Who takes what stance toward whom: actors and issues, with their direct stance statements aggregated per (actor, target)</description>\n  </meta>",
        env!("CARGO_PKG_VERSION")
    );
    let mut graph = String::from(
        "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\" timerepresentation=\"interval\"",
    );
    if let Some(f) = from {
        let _ = write!(graph, " start=\"{f}\"");
    }
    if let Some(t) = to {
        let _ = write!(graph, " end=\"{t}\"");
    }
    graph.push_str(">\n");
    out.push_str(&graph);
    for (class, attrs) in [
        ("node", &NODE_ATTRIBUTES[..]),
        ("edge", &EDGE_ATTRIBUTES[..]),
    ] {
        let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
        for (id, title, ty) in attrs {
            let _ = writeln!(
                out,
                "      <attribute id=\"{id}\" title=\"{title}\" type=\"{ty}\"/>"
            );
        }
        out.push_str("    </attributes>\n");
    }

    out.push_str("    <nodes>\n");
    for n in v.nodes() {
        let _ = writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\">",
            xml_escape(n.id()),
            xml_escape(&n.label)
        );
        out.push_str("        <attvalues>\n");
        attvalue(&mut out, "kind", n.kind.as_str());
        if let Some(c) = &n.code {
            attvalue(&mut out, "code", c);
        }
        if let Some(a) = &n.agent {
            attvalue(&mut out, "agent", a);
        }
        if let Some(q) = &n.qid {
            attvalue(&mut out, "qid", q);
            attvalue(
                &mut out,
                "wikidata",
                &format!("https://www.wikidata.org/wiki/{q}"),
            );
        }
        let orgs = v.member_of(n);
        if !orgs.is_empty() {
            attvalue(&mut out, "member_of", &liststring(&orgs));
        }
        let (o, i) = (v.out_count(n), v.in_count(n));
        attvalue(&mut out, "statements_out", &o.to_string());
        attvalue(&mut out, "statements_in", &i.to_string());
        out.push_str("        </attvalues>\n");
        write_spells(&mut out, "        ", &v.node_dates(n));
        color(&mut out, "        ", node_color(n.kind));
        let size = 8.0 + 4.0 * ((o + i).max(1) as f64).ln();
        let _ = writeln!(out, "        <viz:size value=\"{size:.2}\"/>");
        let _ = writeln!(out, "        <viz:shape value=\"{}\"/>", viz_shape(n.kind));
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, (a, t, e)) in v.edges().into_iter().enumerate() {
        write_edge(&mut out, i, a, t, e);
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn write_edge(out: &mut String, i: usize, a: &str, t: &str, e: &Edge) {
    let _ = writeln!(
        out,
        "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" label=\"{}\" weight=\"{}\">",
        xml_escape(a),
        xml_escape(t),
        xml_escape(&super::dot::edge_label(e)),
        e.count()
    );
    out.push_str("        <attvalues>\n");
    attvalue(out, "count", &e.count().to_string());
    attvalue(
        out,
        "goldstein_mean",
        &round3(e.goldstein_mean()).to_string(),
    );
    attvalue(out, "polarity", &e.polarity().to_string());
    if let Some(s) = e.dominant_stance() {
        attvalue(out, "dominant_stance", s.id());
    }
    attvalue(out, "stances", &stance_summary(e));
    attvalue(out, "articles", &e.articles.to_string());
    out.push_str("        </attvalues>\n");
    write_spells(out, "        ", &e.days);
    color(out, "        ", super::dot::edge_color(e));
    let _ = writeln!(
        out,
        "        <viz:thickness value=\"{:.2}\"/>",
        super::dot::penwidth(e)
    );
    out.push_str("      </edge>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gexf_has_spells_and_viz() {
        let v = crate::export::graphml::tests::view();
        let g = to_gexf(&v, None, Some(crate::store::testutil::date("2022-01-31")));
        assert!(
            g.contains("timeformat=\"date\" timerepresentation=\"interval\" end=\"2022-01-31\">")
        );
        // RUS -> UKR on two consecutive days: one spell
        let edge = g.split("source=\"RUS\" target=\"UKR\"").nth(1).unwrap();
        let edge = edge.split("</edge>").next().unwrap();
        assert!(
            edge.contains("<spell start=\"2022-01-05\" end=\"2022-01-06\"/>"),
            "{edge}"
        );
        assert!(edge.contains("<viz:color r=\"198\" g=\"40\" b=\"40\" a=\"1.0\"/>"));
        assert!(g.contains("label=\"Russia &lt;&quot;RF&quot;&gt; &amp; co\""));
        assert_eq!(g.matches("<viz:shape value=\"square\"/>").count(), 3);
        assert_eq!(g.matches("<viz:shape value=\"diamond\"/>").count(), 1);
    }

    #[test]
    fn colours_split_into_bytes() {
        assert_eq!(rgb("#c62828"), (0xc6, 0x28, 0x28));
        assert_eq!(rgb("bad"), (0xba, 0, 0));
    }
}
