//! The self-contained HTML report (`geokg report`, `exports/report.html`, `geokg serve`'s `/`).
//!
//! One file with no external resources: the stance graph as inline SVG (rendered by GraphViz
//! when it is installed), the top dyads, the actors with links to Wikidata, an optional
//! comparison section (the hook [`ReportOptions::comparison`] for `geokg compare`), and a
//! searchable statement table whose evidence sentences highlight the actor mention, the cue
//! and the target mention. The graph, the dyads and the actors come from the stance graph (the
//! tallies); the statement table reads only its first [`ReportOptions::max_statements`] rows
//! (in article, sentence order), so the report stays fast on a large store. The search is plain JavaScript embedded in the page; it also reads
//! `#q=TERMS` from the address, so a filtered view can be linked to.
//!
//! The output is deterministic: the same store gives the same bytes (no timestamps, sorted
//! tables, GraphViz's SVG for the same DOT).

mod highlight;

pub use highlight::{escape, highlight};

use crate::error::{Error, Result};
use crate::export::{graphviz_available, render_svg, to_dot};
use crate::graph::{Edge, Key, Scope, StanceGraph, Window};
use crate::model::{ActorKind, ActorRef, Modality, StatementRecord};
use crate::store::{KgStore, StatementFilter};
use crate::vocab;
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// A section of HTML supplied by another command and placed in the report as is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportSection {
    /// The section heading (plain text; escaped when written).
    pub title: String,
    /// The section body: trusted, self-contained HTML (inline SVG or tables, no external
    /// resources), written without escaping.
    pub html: String,
}

/// What goes into the report.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportOptions {
    /// The page title and main heading.
    pub title: String,
    /// How many dyads the "Top dyads" table lists.
    pub top_dyads: usize,
    /// At most this many statement rows: the first ones in (article id, sentence, statement)
    /// order, read article by article; a note says when there are more.
    pub max_statements: usize,
    /// The graph picture draws at most this many edges, the busiest (GraphViz lays out a few
    /// hundred in a second, tens of thousands not in minutes); the tables are complete.
    pub max_drawn_edges: usize,
    /// Which statements the report covers.
    pub filter: StatementFilter,
    /// **The comparison hook.** `geokg compare` puts its charts here; the report then shows
    /// them in a "Comparison" section (`<section id="comparison">`) between the actors and the
    /// statements, with a link in the navigation. `None` leaves the section out.
    pub comparison: Option<ReportSection>,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: "geokg: who takes what stance toward whom".to_owned(),
            top_dyads: 15,
            max_statements: 10_000,
            max_drawn_edges: 300,
            filter: StatementFilter::default(),
            comparison: None,
        }
    }
}

/// An article as the report shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleInfo {
    pub title: Option<String>,
    pub url: Option<String>,
}

/// Everything the report is made of, read from the store (or built by hand in tests).
#[derive(Clone, Debug, Default)]
pub struct ReportData {
    /// The statements of the table: the first `max_statements` in (article id, sentence,
    /// statement) order.
    pub records: Vec<StatementRecord>,
    /// Whether more statements match than `records` holds.
    pub more: bool,
    /// The stance graph of the direct statements among them (described).
    pub graph: StanceGraph,
    /// Article id -> title and source.
    pub articles: BTreeMap<String, ArticleInfo>,
    /// The graph as SVG (an `<svg>` element), when it could be rendered.
    pub svg: Option<String>,
    /// Why there is no graph picture, when there is none.
    pub svg_note: Option<String>,
    /// (edges drawn, edges in the graph) when the picture leaves some out.
    pub drawn: Option<(usize, usize)>,
}

/// A rendered report.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub html: String,
    /// Things left out and why (e.g. no SVG without GraphViz).
    pub notes: Vec<String>,
}

/// Reads the statements and articles from the store and renders the graph.
pub fn collect(store: &KgStore, opts: &ReportOptions) -> Result<ReportData> {
    let (records, more) = store.first_statements(&opts.filter, opts.max_statements)?;
    let articles = article_info(store)?;
    let graph = report_graph(store, &opts.filter)?;
    let mut drawn_graph = graph.clone();
    drawn_graph.retain_top(opts.max_drawn_edges);
    let drawn = (drawn_graph.edge_count() < graph.edge_count())
        .then(|| (drawn_graph.edge_count(), graph.edge_count()));
    let (svg, svg_note) = if graph.node_count() == 0 {
        (None, Some("No direct statements to draw.".to_owned()))
    } else if graphviz_available() {
        let bytes = render_svg(&to_dot(&drawn_graph))?;
        let svg = String::from_utf8(bytes)
            .map_err(|e| Error::Other(format!("GraphViz wrote SVG that is not UTF-8: {e}")))?;
        (Some(svg_element(&svg).to_owned()), None)
    } else {
        (
            None,
            Some("The graph picture needs GraphViz: install graphviz (`dot` on PATH) and run the report again. The tables below are complete.".to_owned()),
        )
    };
    Ok(ReportData {
        records,
        more,
        graph,
        articles,
        svg,
        svg_note,
        drawn,
    })
}

/// The stance graph of the report's statements: the filter's actor and target nodes, window
/// and confidence floor, with the per-stance counts and days the dyad table shows.
pub fn report_graph(store: &KgStore, filter: &StatementFilter) -> Result<StanceGraph> {
    let scope = Scope {
        actors: filter.actor.as_deref().map(|a| vec![Key::actor(a)]),
        targets: filter
            .target
            .as_deref()
            .map(|t| vec![Key::actor(t), Key::issue(t)]),
        detail: true,
        ..Scope::default()
    };
    let w = Window {
        from: filter.from,
        to: filter.to,
        min_confidence: filter.min_confidence,
        ..Window::default()
    };
    let mut graph = StanceGraph::build(store, &scope, &w, 0)?;
    graph.describe(store)?;
    Ok(graph)
}

/// Builds the report of the store.
pub fn render(store: &KgStore, opts: &ReportOptions) -> Result<Report> {
    let data = collect(store, opts)?;
    let notes = data
        .svg_note
        .iter()
        .filter(|_| !data.records.is_empty())
        .map(|n| format!("report.html has no graph picture: {n}"))
        .collect();
    Ok(Report {
        html: render_html(&data, opts),
        notes,
    })
}

/// Writes the report of the store to `path`; returns the notes.
pub fn write_report(store: &KgStore, path: &Path, opts: &ReportOptions) -> Result<Vec<String>> {
    let report = render(store, opts)?;
    std::fs::write(path, report.html.as_bytes()).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    Ok(report.notes)
}

/// The `<svg …>…</svg>` element of a GraphViz SVG document (without the XML declaration,
/// doctype and leading comments, which do not belong inside HTML).
pub fn svg_element(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => svg[i..].trim_end(),
        None => svg.trim(),
    }
}

/// Titles and sources of the articles in the store.
fn article_info(store: &KgStore) -> Result<BTreeMap<String, ArticleInfo>> {
    let q = format!(
        "SELECT ?id ?title ?src WHERE {{ ?a <{}> <{}> ; <{}> ?id . OPTIONAL {{ ?a <{}> ?title }} OPTIONAL {{ ?a <{}> ?src }} }} ORDER BY ?id ?title ?src",
        vocab::RDF_TYPE,
        vocab::ARTICLE,
        vocab::DCT_IDENTIFIER,
        vocab::DCT_TITLE,
        vocab::DCT_SOURCE
    );
    let mut out: BTreeMap<String, ArticleInfo> = BTreeMap::new();
    if let QueryResults::Solutions(solutions) = store.query(&q)? {
        for s in solutions {
            let s = s?;
            let value = |name: &str| match s.get(name) {
                Some(Term::Literal(l)) => Some(l.value().to_owned()),
                Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
                _ => None,
            };
            let Some(id) = value("id") else { continue };
            out.entry(id).or_insert(ArticleInfo {
                title: value("title"),
                url: value("src"),
            });
        }
    }
    Ok(out)
}

fn kind_name(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::State => "state",
        ActorKind::Organization => "organisation",
        ActorKind::Person => "person",
        ActorKind::Group => "group",
        ActorKind::Issue => "issue",
    }
}

fn actor_label(a: &ActorRef) -> String {
    match a.code.as_deref() {
        Some(code) if !code.is_empty() && code != a.name => format!("{} ({code})", a.name),
        _ => a.name.clone(),
    }
}

/// `#q=` link that filters the statement table.
fn filter_href(term: &str) -> String {
    let mut out = String::from("#q=");
    for b in term.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn polarity_class(e: &Edge) -> &'static str {
    match e.polarity() {
        1 => "coop",
        -1 => "conf",
        _ => "neutral",
    }
}

/// Renders the report from its data. Pure: the same data gives the same bytes.
pub fn render_html(data: &ReportData, opts: &ReportOptions) -> String {
    let records = &data.records;
    let graph = &data.graph;
    let listed = records
        .iter()
        .filter(|r| !r.negated && matches!(r.modality, Modality::Asserted | Modality::Future))
        .count();
    let article_count = {
        let mut docs: Vec<&str> = records.iter().map(|r| r.doc.as_str()).collect();
        docs.sort_unstable();
        docs.dedup();
        docs.len()
    };
    let more = if data.more { " first" } else { "" };

    // the actors and issues of the graph, by the direct statements they make and receive
    let mut actor_rows: Vec<(&crate::graph::Node, usize, usize)> = graph
        .nodes()
        .into_iter()
        .map(|n| (n, graph.out_count(&n.key), graph.in_count(&n.key)))
        .collect();
    actor_rows.sort_by(|a, b| (b.1 + b.2).cmp(&(a.1 + a.2)).then(a.0.id().cmp(b.0.id())));

    let mut h = String::with_capacity(64 * 1024 + records.len() * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        h,
        "<meta name=\"generator\" content=\"geokg {}\">",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(h, "<title>{}</title>", escape(&opts.title));
    let _ = writeln!(h, "<style>\n{CSS}</style>\n</head>\n<body>");

    // Header and navigation.
    let _ = writeln!(h, "<header>\n<h1>{}</h1>", escape(&opts.title));
    let _ = writeln!(
        h,
        "<p class=\"summary\"><span id=\"n-direct\">{}</span> direct statements (asserted or future, not negated) · <span id=\"n-actors\">{}</span> actors and issues · <span id=\"n-edges\">{}</span> graph edges · the table lists the{more} <span id=\"n-statements\">{}</span> statements ({listed} direct) of <span id=\"n-articles\">{article_count}</span> articles</p>",
        graph.statements,
        graph.node_count(),
        graph.edge_count(),
        records.len()
    );
    h.push_str("<nav><a href=\"#graph\">Graph</a> <a href=\"#dyads\">Top dyads</a> <a href=\"#actors\">Actors</a> ");
    if opts.comparison.is_some() {
        h.push_str("<a href=\"#comparison\">Comparison</a> ");
    }
    h.push_str("<a href=\"#statements\">Statements</a></nav>\n</header>\n<main>\n");

    // The graph.
    h.push_str("<section id=\"graph\">\n<h2>Stance graph</h2>\n");
    h.push_str("<p class=\"legend\">Edges: <span class=\"coop\">cooperative</span>, <span class=\"conf\">conflictual</span>, <span class=\"neutral\">neutral</span> (sign of the mean Goldstein value); width grows with the number of statements; the label gives the dominant stance and the count. Shapes: state box, organisation ellipse, person note, group octagon, issue hexagon. Click a node to list its statements.</p>\n");
    match &data.svg {
        Some(svg) => {
            if let Some((n, all)) = data.drawn {
                let _ = writeln!(
                    h,
                    "<p class=\"note\" id=\"graph-drawn\">The picture draws the {n} busiest of the {all} edges; the tables list every one.</p>"
                );
            }
            h.push_str("<p><button type=\"button\" id=\"zoom\">Actual size</button></p>\n");
            let _ = writeln!(h, "<div class=\"graph\" id=\"graph-view\">\n{svg}\n</div>");
        }
        None => {
            let note = data
                .svg_note
                .as_deref()
                .unwrap_or("No graph picture available.");
            let _ = writeln!(
                h,
                "<p class=\"note\" id=\"graph-note\">{}</p>",
                escape(note)
            );
        }
    }
    h.push_str("</section>\n");

    // Top dyads.
    h.push_str("<section id=\"dyads\">\n<h2>Top dyads</h2>\n");
    let top = graph.top_dyads(opts.top_dyads);
    if top.is_empty() {
        h.push_str("<p class=\"note\">No direct statements.</p>\n");
    } else {
        h.push_str("<table class=\"dyads\">\n<thead><tr><th>Actor</th><th>Target</th><th class=\"num\">Statements</th><th>Dominant stance</th><th class=\"num\">Mean Goldstein</th><th>Stances</th><th class=\"num\">Articles</th><th>Dates</th></tr></thead>\n<tbody>\n");
        for &(na, nt, e) in &top {
            let (a, t) = (na.id(), nt.id());
            let name = |n: &crate::graph::Node| match n.code.as_deref() {
                Some(c) if !c.is_empty() && c != n.label => format!("{} ({c})", n.label),
                _ => n.label.clone(),
            };
            let stances: Vec<String> = e
                .stances
                .iter()
                .map(|(s, n)| format!("{} ×{n}", s.id()))
                .collect();
            let dates = match (e.first_date(), e.last_date()) {
                (Some(f), Some(l)) if f == l => f.to_string(),
                (Some(f), Some(l)) => format!("{f} – {l}"),
                _ => String::new(),
            };
            let _ = writeln!(
                h,
                "<tr class=\"{}\"><td><a href=\"{}\">{}</a></td><td><a href=\"{}\">{}</a></td><td class=\"num\">{}</td><td class=\"pol\">{}</td><td class=\"num pol\">{:+.2}</td><td>{}</td><td class=\"num\">{}</td><td class=\"dates\">{}</td></tr>",
                polarity_class(e),
                escape(&filter_href(&format!("{a} {t}"))),
                escape(&name(na)),
                escape(&filter_href(t)),
                escape(&name(nt)),
                e.count(),
                e.dominant_stance().map_or("-", |s| s.id()),
                e.goldstein_mean(),
                escape(&stances.join(", ")),
                e.articles,
                escape(&dates)
            );
        }
        h.push_str("</tbody>\n</table>\n");
    }
    h.push_str("</section>\n");

    // Actors.
    h.push_str("<section id=\"actors\">\n<h2>Actors and issues</h2>\n");
    h.push_str("<p class=\"legend\">The actors and issues of the graph, with the direct statements they make and receive.</p>\n");
    h.push_str("<table class=\"actors\">\n<thead><tr><th>Name</th><th>Kind</th><th>Code</th><th>Wikidata</th><th class=\"num\">As actor</th><th class=\"num\">As target</th></tr></thead>\n<tbody>\n");
    for (a, as_actor, as_target) in &actor_rows {
        let id = a.id();
        let wikidata = match a.qid.as_deref() {
            Some(q) if !q.is_empty() => format!(
                "<a href=\"https://www.wikidata.org/wiki/{}\">{}</a>",
                escape(&crate::vocab::iri_segment(q)),
                escape(q)
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            h,
            "<tr><td><a href=\"{}\" title=\"{}\">{}</a></td><td>{}</td><td>{}</td><td>{wikidata}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&filter_href(id)),
            escape(id),
            escape(&a.label),
            kind_name(a.kind),
            escape(a.code.as_deref().unwrap_or("")),
            as_actor,
            as_target
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");

    // The comparison hook.
    if let Some(section) = &opts.comparison {
        let _ = writeln!(
            h,
            "<section id=\"comparison\">\n<h2>{}</h2>\n{}\n</section>",
            escape(&section.title),
            section.html
        );
    }

    // Statements.
    h.push_str("<section id=\"statements\">\n<h2>Statements</h2>\n");
    h.push_str("<p class=\"search\"><label for=\"q\">Search</label> <input type=\"search\" id=\"q\" placeholder=\"actor, stance, target or words; all must match\" autocomplete=\"off\"> <span id=\"shown\"></span></p>\n");
    h.push_str("<p class=\"legend\">Evidence: <mark class=\"m-actor\">actor</mark> <mark class=\"m-cue\">cue</mark> <mark class=\"m-target\">target</mark>. Negated, hypothetical and denied statements are marked and are not drawn in the graph.</p>\n");
    let shown = records.len().min(opts.max_statements);
    if data.more || shown < records.len() {
        let _ = writeln!(
            h,
            "<p class=\"note\">Showing the first {shown} statements, in order of article id, sentence and statement; the store has more: filter the report (e.g. `geokg report --actor ID --from DATE`) to see the others.</p>"
        );
    }
    h.push_str("<table id=\"statement-table\">\n<thead><tr><th>Date</th><th>Actor</th><th>Stance</th><th>Target</th><th>Evidence</th><th class=\"num\">Conf.</th><th>Article</th></tr></thead>\n<tbody>\n");
    for r in records.iter().take(shown) {
        write_statement_row(&mut h, r, data.articles.get(&r.doc));
    }
    h.push_str("</tbody>\n</table>\n</section>\n</main>\n");
    let _ = writeln!(
        h,
        "<footer>Generated by geokg {} from its store. Evidence spans, stances and confidences are machine-extracted; check the sentence before you rely on a statement.</footer>",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(h, "<script>\n{JS}</script>\n</body>\n</html>");
    h
}

fn write_statement_row(h: &mut String, r: &StatementRecord, article: Option<&ArticleInfo>) {
    let mut classes: Vec<&str> = Vec::new();
    let mut badges = String::new();
    if r.negated {
        classes.push("negated");
        badges.push_str(" <span class=\"badge\">negated</span>");
    }
    if r.modality != Modality::Asserted {
        let _ = write!(
            badges,
            " <span class=\"badge\">{}</span>",
            r.modality.as_str()
        );
        if matches!(r.modality, Modality::Hypothetical | Modality::Denied) {
            classes.push("not-direct");
        }
    }
    let class = if classes.is_empty() {
        String::new()
    } else {
        format!(" class=\"{}\"", classes.join(" "))
    };
    let date = r
        .date
        .as_deref()
        .or(r.article_date.as_deref())
        .unwrap_or("");
    let doc_cell = match article {
        Some(ArticleInfo {
            url: Some(url),
            title,
        }) if url.starts_with("http://") || url.starts_with("https://") => format!(
            "<a href=\"{}\" title=\"{}\">{}</a>",
            escape(url),
            escape(title.as_deref().unwrap_or(&r.doc)),
            escape(&r.doc)
        ),
        Some(ArticleInfo {
            title: Some(title), ..
        }) => format!(
            "<span title=\"{}\">{}</span>",
            escape(title),
            escape(&r.doc)
        ),
        _ => escape(&r.doc),
    };
    let _ = writeln!(
        h,
        "<tr{class} data-ids=\"{} {}\"><td class=\"date\">{}</td><td>{}</td><td><span title=\"CAMEO {} · Goldstein {:+.1} · QuadClass {}{}\">{}</span>{badges}</td><td>{}</td><td class=\"evidence\">{}</td><td class=\"num\">{:.2}</td><td>{doc_cell} <span class=\"sent\">s{}</span></td></tr>",
        escape(r.actor.id.as_str()),
        escape(r.target.id.as_str()),
        escape(date),
        escape(&actor_label(&r.actor)),
        escape(&r.stance.cameo),
        r.stance.goldstein,
        r.stance.quad_class,
        r.stance
            .plover
            .as_deref()
            .map(|p| format!(" · PLOVER {}", escape(p)))
            .unwrap_or_default(),
        escape(&r.stance.id),
        escape(&actor_label(&r.target)),
        highlight(&r.text, &r.actor.mention, &r.cue, &r.target.mention),
        r.confidence,
        r.sentence
    );
}

#[cfg(test)]
mod tests;
