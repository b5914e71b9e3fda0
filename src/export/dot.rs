//! geokg's deterministic GraphViz DOT writer (shapes by kind, colours by polarity, alliance
//! clusters, layouts), and SVG/PNG rendering by GraphViz's `dot`.
//!
//! petgraph's `Dot` output is documented as unstable, so geokg writes DOT itself: nodes sorted
//! by id, clusters by membership set, edges by (actor id, target id), numbers with fixed
//! decimals, so the same store always gives the same bytes.

use super::view::{stance_summary, GraphView, DEFAULT_CLUSTERS};
use crate::error::{Error, Result};
use crate::graph::{Edge, Node, StanceGraph};
use crate::model::ActorKind;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

/// Colour of an edge whose mean Goldstein value is positive, negative, zero.
pub const COOPERATIVE: &str = "#2e7d32";
pub const CONFLICTUAL: &str = "#c62828";
pub const NEUTRAL: &str = "#757575";

const NOT_FOUND: &str = "GraphViz `dot` not found on PATH; install graphviz (Debian: apt-get install graphviz) to render SVG or PNG, or export --format dot";

/// The GraphViz layout engine named in the DOT file (`layout=`), so `dot -Tsvg` on the file
/// uses it too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Layout {
    /// Hierarchical, left to right; draws the alliance clusters.
    #[default]
    Dot,
    /// Spring model; clusters are not drawn (GraphViz ignores them).
    Neato,
    /// Scalable force-directed placement for large graphs; clusters are not drawn.
    Sfdp,
}

impl Layout {
    pub fn parse(s: &str) -> Result<Layout> {
        match s.to_ascii_lowercase().as_str() {
            "dot" => Ok(Layout::Dot),
            "neato" => Ok(Layout::Neato),
            "sfdp" => Ok(Layout::Sfdp),
            other => Err(Error::Other(format!(
                "unknown layout '{other}' (dot, neato, sfdp)"
            ))),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Layout::Dot => "dot",
            Layout::Neato => "neato",
            Layout::Sfdp => "sfdp",
        }
    }
}

/// How to draw the graph.
#[derive(Clone, Debug, PartialEq)]
pub struct DotOptions {
    pub layout: Layout,
    /// Organisation codes whose memberships become clusters (empty: none).
    pub clusters: Vec<String>,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            layout: Layout::Dot,
            clusters: DEFAULT_CLUSTERS.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

/// A DOT double-quoted string: quotes, backslashes and line breaks escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Node shape by kind: state box, organisation ellipse, person note, group octagon, issue
/// hexagon.
pub fn shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "box",
        ActorKind::Organization => "ellipse",
        ActorKind::Person => "note",
        ActorKind::Group => "octagon",
        ActorKind::Issue => "hexagon",
    }
}

/// Node fill colour by kind (light, so the black labels stay readable).
pub fn fill(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "#e3f2fd",
        ActorKind::Organization => "#fff3e0",
        ActorKind::Person => "#f3e5f5",
        ActorKind::Group => "#fbe9e7",
        ActorKind::Issue => "#f1f8e9",
    }
}

pub fn node_label(n: &Node) -> String {
    match &n.code {
        Some(code) if !code.is_empty() && *code != n.label => format!("{} ({code})", n.label),
        _ => n.label.clone(),
    }
}

pub fn edge_color(e: &Edge) -> &'static str {
    match e.polarity() {
        1 => COOPERATIVE,
        -1 => CONFLICTUAL,
        _ => NEUTRAL,
    }
}

/// The dominant stance and the pair's statement count: `reject ×2`; a `+` after the stance
/// says the pair has other stances too (`appeal+ ×2`; the tooltip lists them).
pub fn edge_label(e: &Edge) -> String {
    let stance = e.dominant_stance().map_or("?", |s| s.id());
    let more = if e.stances.len() > 1 { "+" } else { "" };
    format!("{stance}{more} ×{}", e.count())
}

/// Pen width grows with the logarithm of the statement count.
pub fn penwidth(e: &Edge) -> f64 {
    1.0 + (e.count().max(1) as f64).ln()
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn node_tooltip(v: &GraphView, n: &Node) -> String {
    let mut parts = vec![n.kind.to_string()];
    if let Some(c) = &n.code {
        parts.push(c.clone());
    }
    if let Some(q) = &n.qid {
        parts.push(format!("Wikidata {q}"));
    }
    let orgs = v.member_of(n);
    if !orgs.is_empty() {
        parts.push(format!("member of {}", orgs.join(", ")));
    }
    parts.push(format!(
        "{} made, {} received",
        plural(v.out_count(n), "statement"),
        v.in_count(n)
    ));
    format!("{}: {}", n.label, parts.join("; "))
}

fn edge_tooltip(v: &GraphView, a: &str, t: &str, e: &Edge) -> String {
    let name = |id: &str| {
        v.graph
            .node_by_id(id)
            .map_or(id.to_owned(), |n| n.label.clone())
    };
    let mut s = format!(
        "{} → {}: {}; mean Goldstein {:+.2}; {}",
        name(a),
        name(t),
        stance_summary(e),
        e.goldstein_mean(),
        plural(e.articles, "article")
    );
    match (e.first_date(), e.last_date()) {
        (Some(f), Some(l)) if f != l => {
            let _ = write!(s, ", {f} to {l}");
        }
        (Some(f), _) => {
            let _ = write!(s, ", {f}");
        }
        _ => {}
    }
    s
}

fn write_node(out: &mut String, indent: &str, v: &GraphView, n: &Node) {
    let _ = write!(
        out,
        "{indent}{} [label={}, shape={}, fillcolor={}, tooltip={}",
        quote(n.id()),
        quote(&node_label(n)),
        shape(n.kind),
        quote(fill(n.kind)),
        quote(&node_tooltip(v, n))
    );
    if let Some(q) = &n.qid {
        let _ = write!(
            out,
            ", URL={}, target=\"_blank\"",
            quote(&format!("https://www.wikidata.org/wiki/{q}"))
        );
    }
    out.push_str("];\n");
}

/// The graph in DOT with the default drawing (dot layout, no memberships known).
pub fn to_dot(g: &StanceGraph) -> String {
    to_dot_with(&GraphView::of_graph(g), &DotOptions::default())
}

/// The graph in DOT: nodes sorted by id (clustered nodes inside their cluster), edges by
/// (actor id, target id).
pub fn to_dot_with(v: &GraphView, opts: &DotOptions) -> String {
    let mut out = String::new();
    out.push_str("digraph geokg {\n");
    match opts.layout {
        Layout::Dot => out.push_str(
            "  graph [layout=dot, rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=12, nodesep=0.3, ranksep=0.8];\n",
        ),
        l => {
            let _ = writeln!(
                out,
                "  graph [layout={}, overlap=false, splines=true, sep=\"+8\", fontname=\"Helvetica\", fontsize=12];",
                l.name()
            );
        }
    }
    out.push_str(
        "  node [fontname=\"Helvetica\", fontsize=11, style=filled, color=\"#455a64\"];\n",
    );
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n");

    let clusters = v.clusters(&opts.clusters);
    let mut clustered: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for (key, nodes) in &clusters {
        let codes: Vec<&str> = key.iter().map(|&i| opts.clusters[i].as_str()).collect();
        let names: Vec<String> = codes
            .iter()
            .map(|c| {
                v.memberships
                    .labels
                    .get(*c)
                    .map_or((*c).to_owned(), |l| format!("{l} ({c})"))
            })
            .collect();
        let _ = writeln!(
            out,
            "  subgraph {} {{",
            quote(&format!("cluster_{}", codes.join("+")))
        );
        let _ = writeln!(
            out,
            "    graph [label={}, tooltip={}, style=\"rounded,dashed\", color=\"#90a4ae\", fontcolor=\"#546e7a\"];",
            quote(&codes.join(" + ")),
            quote(&format!("members of {}", names.join(" and ")))
        );
        for n in nodes {
            write_node(&mut out, "    ", v, n);
            clustered.insert(n.id());
        }
        out.push_str("  }\n");
    }
    for n in v.nodes() {
        if !clustered.contains(n.id()) {
            write_node(&mut out, "  ", v, n);
        }
    }
    for (a, t, e) in v.edges() {
        let color = edge_color(e);
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, color={}, fontcolor={}, penwidth={:.2}, tooltip={}];",
            quote(a),
            quote(t),
            quote(&edge_label(e)),
            quote(color),
            quote(color),
            penwidth(e),
            quote(&edge_tooltip(v, a, t, e))
        );
    }
    out.push_str("}\n");
    out
}

/// Whether GraphViz's `dot` can be run.
pub fn graphviz_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Renders DOT to SVG with `dot -Tsvg`.
pub fn render_svg(dot: &str) -> Result<Vec<u8>> {
    render(dot, "svg")
}

/// Renders DOT with `dot -T<format>` (`svg`, `png` …); the layout is the one named in the
/// DOT's `layout` attribute.
pub fn render(dot: &str, format: &str) -> Result<Vec<u8>> {
    let mut child = Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::Other(NOT_FOUND.to_owned()),
            _ => Error::Other(format!("cannot run GraphViz `dot`: {e}")),
        })?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = dot.as_bytes().to_vec();
    // Write from another thread so a large graph cannot deadlock on full pipes.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child
        .wait_with_output()
        .map_err(|e| Error::Other(format!("GraphViz `dot` failed: {e}")))?;
    let written = writer
        .join()
        .map_err(|_| Error::Other("GraphViz `dot`: writer thread panicked".to_owned()))?;
    if !output.status.success() {
        return Err(Error::Other(format!(
            "GraphViz `dot -T{format}` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    written.map_err(|e| Error::Other(format!("GraphViz `dot`: cannot write input: {e}")))?;
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, Stance};
    use crate::store::testutil::{d1, d2, extraction, lavrov, statement, usa};

    fn extractions() -> Vec<crate::model::Extraction> {
        let mut lavrov = lavrov();
        lavrov.name = "Sergey \"FM\" Lavrov \\ MID".to_owned();
        let d3 = extraction(
            "d3",
            "2022-01-07",
            vec![statement(
                "d3",
                "2022-01-07",
                0,
                lavrov,
                Stance::Comment,
                usa(),
                false,
                Modality::Asserted,
            )],
        );
        vec![d1(), d2(), d3]
    }

    fn graph() -> StanceGraph {
        view().graph
    }

    /// The test graph with USA in NATO and the G7, Ukraine in nothing drawn.
    fn view() -> GraphView {
        let mut m = crate::store::Memberships::default();
        m.member_of.insert(
            "USA".to_owned(),
            ["G7", "NATO"].iter().map(|s| s.to_string()).collect(),
        );
        m.labels.insert(
            "NATO".to_owned(),
            "North Atlantic Treaty Organization".to_owned(),
        );
        let mut v = crate::export::view::test_view(&extractions(), m);
        // the label the store has in d3 (d1 names him too)
        v.graph
            .node_mut(&crate::graph::Key::actor("sergey-lavrov"))
            .unwrap()
            .label = "Sergey \"FM\" Lavrov \\ MID".to_owned();
        v
    }

    const GOLDEN: &str = r##"digraph geokg {
  graph [layout=dot, rankdir=LR, newrank=true, fontname="Helvetica", fontsize=12, nodesep=0.3, ranksep=0.8];
  node [fontname="Helvetica", fontsize=11, style=filled, color="#455a64"];
  edge [fontname="Helvetica", fontsize=9, arrowsize=0.7];
  subgraph "cluster_NATO" {
    graph [label="NATO", tooltip="members of North Atlantic Treaty Organization (NATO)", style="rounded,dashed", color="#90a4ae", fontcolor="#546e7a"];
    "USA" [label="United States (USA)", shape=box, fillcolor="#e3f2fd", tooltip="United States: state; USA; member of G7, NATO; 1 statement made, 1 received"];
  }
  "RUS" [label="Russia (RUS)", shape=box, fillcolor="#e3f2fd", tooltip="Russia: state; RUS; Wikidata Q159; 4 statements made, 0 received", URL="https://www.wikidata.org/wiki/Q159", target="_blank"];
  "UKR" [label="Ukraine (UKR)", shape=box, fillcolor="#e3f2fd", tooltip="Ukraine: state; UKR; 0 statements made, 3 received"];
  "nato-enlargement" [label="NATO enlargement", shape=hexagon, fillcolor="#f1f8e9", tooltip="NATO enlargement: issue; 0 statements made, 2 received"];
  "sergey-lavrov" [label="Sergey \"FM\" Lavrov \\ MID (RUS)", shape=note, fillcolor="#f3e5f5", tooltip="Sergey \"FM\" Lavrov \\ MID: person; RUS; 1 statement made, 0 received"];
  "RUS" -> "UKR" [label="accuse+ ×2", color="#c62828", fontcolor="#c62828", penwidth=1.69, tooltip="Russia → Ukraine: accuse:1 threaten:1; mean Goldstein -3.20; 2 articles, 2022-01-05 to 2022-01-06"];
  "RUS" -> "nato-enlargement" [label="reject ×2", color="#c62828", fontcolor="#c62828", penwidth=1.69, tooltip="Russia → NATO enlargement: reject:2; mean Goldstein -4.00; 2 articles, 2022-01-05 to 2022-01-06"];
  "USA" -> "UKR" [label="aid ×1", color="#2e7d32", fontcolor="#2e7d32", penwidth=1.00, tooltip="United States → Ukraine: aid:1; mean Goldstein +7.00; 1 article, 2022-01-06"];
  "sergey-lavrov" -> "USA" [label="comment ×1", color="#757575", fontcolor="#757575", penwidth=1.00, tooltip="Sergey \"FM\" Lavrov \\ MID → United States: comment:1; mean Goldstein +0.00; 1 article, 2022-01-07"];
}
"##;

    #[test]
    fn dot_is_golden() {
        let opts = DotOptions {
            layout: Layout::Dot,
            clusters: vec!["NATO".to_owned(), "EU".to_owned()],
        };
        let dot = to_dot_with(&view(), &opts);
        if std::env::var_os("GEOKG_PRINT").is_some() {
            println!("{dot}");
        }
        assert_eq!(dot, GOLDEN);
        // Without memberships: the same nodes and edges, no cluster.
        let plain = to_dot(&graph());
        assert!(!plain.contains("subgraph"));
        for line in GOLDEN.lines().filter(|l| l.contains(" -> ")) {
            assert!(plain.contains(line), "{line}");
        }
    }

    #[test]
    fn layouts_and_tie_labels() {
        let opts = DotOptions {
            layout: Layout::Sfdp,
            clusters: Vec::new(),
        };
        let dot = to_dot_with(&view(), &opts);
        assert!(dot.contains("graph [layout=sfdp, overlap=false"), "{dot}");
        assert!(!dot.contains("subgraph"));
        assert_eq!(Layout::parse("NEATO").unwrap(), Layout::Neato);
        assert!(Layout::parse("circo").is_err());
        let g = graph();
        // RUS -> UKR has one accusation and one threat: the label marks the mix.
        assert_eq!(edge_label(g.edge("RUS", "UKR").unwrap()), "accuse+ ×2");
        assert_eq!(edge_label(g.edge("USA", "UKR").unwrap()), "aid ×1");
    }

    #[test]
    fn svg_renders_when_graphviz_is_installed() {
        if !graphviz_available() {
            assert!(render_svg("digraph {}")
                .unwrap_err()
                .to_string()
                .contains("not found"));
            return;
        }
        let svg = String::from_utf8(render_svg(&to_dot(&graph())).unwrap()).unwrap();
        assert!(svg.contains("<svg"), "{svg}");
        assert!(render_svg("digraph { a -> }").is_err());
    }
}
