//! geokg's deterministic GraphViz DOT writer for a [`StanceGraph`], and SVG rendering via `dot`.

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

const NOT_FOUND: &str = "GraphViz `dot` not found on PATH; install graphviz to render SVG";

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

pub fn shape(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "box",
        ActorKind::Organization => "ellipse",
        ActorKind::Person => "note",
        ActorKind::Group => "octagon",
        ActorKind::Issue => "hexagon",
    }
}

pub fn node_label(n: &Node) -> String {
    match &n.code {
        Some(code) if !code.is_empty() => format!("{} ({code})", n.label),
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

pub fn edge_label(e: &Edge) -> String {
    let stance = e.dominant_stance().map_or("?", |s| s.id());
    format!("{stance} ×{}", e.count)
}

/// The graph in DOT: nodes sorted by id, edges by (actor id, target id).
pub fn to_dot(g: &StanceGraph) -> String {
    let mut out = String::new();
    out.push_str("digraph geokg {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\"];\n");
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");
    let mut nodes: Vec<&Node> = g.nodes().collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    for n in nodes {
        let _ = writeln!(
            out,
            "  {} [label={}, shape={}];",
            quote(&n.id),
            quote(&node_label(n)),
            shape(n.kind)
        );
    }
    for (a, t, e) in g.edges() {
        let articles = e.articles.len();
        let tooltip = format!("{articles} article{}", if articles == 1 { "" } else { "s" });
        let penwidth = 1.0 + (e.count.max(1) as f64).ln();
        let _ = writeln!(
            out,
            "  {} -> {} [label={}, color={}, penwidth={penwidth:.2}, tooltip={}];",
            quote(a),
            quote(t),
            quote(&edge_label(e)),
            quote(edge_color(e)),
            quote(&tooltip)
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
    let mut child = Command::new("dot")
        .arg("-Tsvg")
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
            "GraphViz `dot -Tsvg` failed ({}): {}",
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
    use crate::model::{Modality, StatementRecord};
    use crate::stance::Stance;
    use crate::store::testutil::{d1, d2, lavrov, statement, usa};

    fn graph() -> StanceGraph {
        let mut records: Vec<StatementRecord> = d1()
            .statements
            .iter()
            .chain(d2().statements.iter())
            .map(StatementRecord::from)
            .collect();
        let mut lavrov = lavrov();
        lavrov.name = "Sergey \"FM\" Lavrov \\ MID".to_owned();
        records.push(StatementRecord::from(&statement(
            "d3",
            "2022-01-07",
            0,
            lavrov,
            Stance::Comment,
            usa(),
            false,
            Modality::Asserted,
        )));
        StanceGraph::from_records(&records)
    }

    const GOLDEN: &str = r##"digraph geokg {
  graph [rankdir=LR, fontname="Helvetica"];
  node [fontname="Helvetica", fontsize=11];
  edge [fontname="Helvetica", fontsize=9];
  "RUS" [label="Russia (RUS)", shape=box];
  "UKR" [label="Ukraine (UKR)", shape=box];
  "USA" [label="United States (USA)", shape=box];
  "nato-enlargement" [label="NATO enlargement", shape=hexagon];
  "sergey-lavrov" [label="Sergey \"FM\" Lavrov \\ MID (RUS)", shape=note];
  "RUS" -> "UKR" [label="accuse ×2", color="#c62828", penwidth=1.69, tooltip="2 articles"];
  "RUS" -> "nato-enlargement" [label="reject ×2", color="#c62828", penwidth=1.69, tooltip="2 articles"];
  "USA" -> "UKR" [label="aid ×1", color="#2e7d32", penwidth=1.00, tooltip="1 article"];
  "sergey-lavrov" -> "USA" [label="comment ×1", color="#757575", penwidth=1.00, tooltip="1 article"];
}
"##;

    #[test]
    fn dot_is_golden() {
        assert_eq!(to_dot(&graph()), GOLDEN);
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
