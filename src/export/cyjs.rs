//! Cytoscape.js JSON (`.cyjs`): the `elements` document that Cytoscape.js loads with
//! `cy.add()`/`cy.json()` and Cytoscape desktop imports, with every node and edge attribute.

use super::view::{round3, stance_summary, GraphView};
use serde_json::{json, Map, Value};

/// The graph as Cytoscape.js JSON, pretty-printed with sorted keys.
pub fn to_cyjs(v: &GraphView) -> String {
    let nodes: Vec<Value> = v
        .nodes()
        .into_iter()
        .map(|n| {
            let mut d = Map::new();
            d.insert("id".into(), json!(n.id()));
            d.insert("name".into(), json!(n.label));
            d.insert("label".into(), json!(super::dot::node_label(n)));
            d.insert("kind".into(), json!(n.kind.as_str()));
            d.insert("shape".into(), json!(super::dot::shape(n.kind)));
            if let Some(c) = &n.code {
                d.insert("code".into(), json!(c));
            }
            if let Some(a) = &n.agent {
                d.insert("agent".into(), json!(a));
            }
            if let Some(q) = &n.qid {
                d.insert("qid".into(), json!(q));
                d.insert(
                    "wikidata".into(),
                    json!(format!("https://www.wikidata.org/wiki/{q}")),
                );
            }
            d.insert("member_of".into(), json!(v.member_of(n)));
            d.insert("statements_out".into(), json!(v.out_count(n)));
            d.insert("statements_in".into(), json!(v.in_count(n)));
            json!({ "data": d, "group": "nodes" })
        })
        .collect();
    let edges: Vec<Value> = v
        .edges()
        .into_iter()
        .map(|(a, t, e)| {
            let dates: Vec<String> = e.days.iter().map(|d| d.to_string()).collect();
            let stances: Vec<String> = stance_summary(e)
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            let mut d = Map::new();
            d.insert("id".into(), json!(format!("{a}->{t}")));
            d.insert("source".into(), json!(a));
            d.insert("target".into(), json!(t));
            d.insert(
                "interaction".into(),
                json!(e.dominant_stance().map_or("", |s| s.id())),
            );
            d.insert("label".into(), json!(super::dot::edge_label(e)));
            d.insert("count".into(), json!(e.count()));
            d.insert("goldstein_mean".into(), json!(round3(e.goldstein_mean())));
            d.insert("polarity".into(), json!(e.polarity()));
            d.insert("stances".into(), json!(stances));
            d.insert("articles".into(), json!(e.articles));
            d.insert("dates".into(), json!(dates));
            d.insert("color".into(), json!(super::dot::edge_color(e)));
            json!({ "data": d, "group": "edges" })
        })
        .collect();
    let doc = json!({
        "format_version": "1.0",
        "generated_by": format!("geokg {}", env!("CARGO_PKG_VERSION")),
        "target_cytoscapejs_version": "~3",
        "data": { "name": "geokg stance graph", "directed": true },
        "elements": { "nodes": nodes, "edges": edges },
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyjs_elements_carry_the_attributes() {
        let mut v = crate::export::graphml::tests::view();
        v.memberships
            .member_of
            .insert("USA".to_owned(), ["NATO".to_owned()].into());
        let doc: Value = serde_json::from_str(&to_cyjs(&v)).unwrap();
        let nodes = doc["elements"]["nodes"].as_array().unwrap();
        let edges = doc["elements"]["edges"].as_array().unwrap();
        assert_eq!((nodes.len(), edges.len()), (4, 3));
        let usa = nodes.iter().find(|n| n["data"]["id"] == "USA").unwrap();
        assert_eq!(usa["data"]["member_of"], json!(["NATO"]));
        assert_eq!(usa["data"]["statements_out"], 1);
        let e = &edges[0]["data"];
        assert_eq!(e["id"], "RUS->UKR");
        assert_eq!(e["interaction"], "accuse");
        assert_eq!(e["goldstein_mean"], -3.2);
        assert_eq!(e["stances"], json!(["accuse:1", "threaten:1"]));
        assert_eq!(e["dates"], json!(["2022-01-05", "2022-01-06"]));
    }
}
