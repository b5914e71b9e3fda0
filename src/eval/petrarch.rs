//! PETRARCH-style validation records: `<Sentence date="YYYYMMDD" id="…">` with
//! `<EventCoding sourcecode="…" targetcode="…" eventcode="…">` lines and a `<Text>…</Text>`,
//! read as gold (each record is one document) for `geokg eval`.

use super::{GoldDoc, GoldFile, GoldItem};
use crate::error::{Error, Result};
use crate::model::{DocId, Document};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Whether `content` looks like PETRARCH validation records rather than geokg-gold JSON.
pub fn is_validation(content: &str) -> bool {
    let t = content.trim_start();
    t.starts_with('<') && next_record(content, 0).is_some()
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let i = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = tag[i..].trim_start_matches([' ', '\t']);
    let q = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &rest[1..];
    rest.find(q).map(|j| &rest[..j])
}

/// The next `<Sentence …>` tag at or after `pos` (not `<Sentences>`).
fn next_record(content: &str, mut pos: usize) -> Option<usize> {
    while let Some(k) = content[pos..].find("<Sentence") {
        let at = pos + k;
        if content[at + 9..].starts_with(|c: char| c.is_whitespace() || c == '>') {
            return Some(at);
        }
        pos = at + 9;
    }
    None
}

fn line_of(content: &str, byte: usize) -> usize {
    content[..byte].matches('\n').count() + 1
}

/// Parses validation records. `map_code` turns a CAMEO actor code ("USAGOV", "IGOUNO") into
/// a geokg code. Returns the gold and the documents to extract.
pub fn parse(
    path: &str,
    content: &str,
    map_code: &dyn Fn(&str) -> String,
) -> Result<(GoldFile, Vec<Document>)> {
    let mut docs = BTreeMap::new();
    let mut inputs = Vec::new();
    let mut pos = 0;
    while let Some(start) = next_record(content, pos) {
        let line = line_of(content, start);
        let err = |m: String| Error::data(path, line, m);
        let end = content[start..]
            .find("</Sentence>")
            .map(|e| start + e)
            .ok_or_else(|| err("<Sentence> without </Sentence>".into()))?;
        let block = &content[start..end];
        let head_end = block
            .find('>')
            .ok_or_else(|| err("unterminated <Sentence> tag".into()))?;
        let head = &block[..head_end];
        let id = attr(head, "id")
            .ok_or_else(|| err("<Sentence> without id".into()))?
            .to_owned();
        let date = match attr(head, "date") {
            Some(d) => Some(
                NaiveDate::parse_from_str(d, "%Y%m%d")
                    .map_err(|_| err(format!("record '{id}': bad date '{d}' (YYYYMMDD)")))?,
            ),
            None => None,
        };
        let text = block
            .find("<Text>")
            .and_then(|a| {
                block[a + 6..]
                    .find("</Text>")
                    .map(|b| &block[a + 6..a + 6 + b])
            })
            .ok_or_else(|| err(format!("record '{id}': no <Text>")))?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut statements = Vec::new();
        let mut p = 0;
        while let Some(c) = block[p..].find("<EventCoding") {
            let tag_start = p + c;
            let tag_end = block[tag_start..]
                .find('>')
                .map(|e| tag_start + e)
                .ok_or_else(|| err("unterminated <EventCoding>".into()))?;
            let tag = &block[tag_start..tag_end];
            p = tag_end;
            if attr(tag, "noevents").is_some() {
                continue;
            }
            let (Some(s), Some(t), Some(e)) = (
                attr(tag, "sourcecode"),
                attr(tag, "targetcode"),
                attr(tag, "eventcode"),
            ) else {
                return Err(Error::data(
                    path,
                    line_of(content, start + tag_start),
                    format!(
                        "record '{id}': <EventCoding> needs sourcecode, targetcode and eventcode"
                    ),
                ));
            };
            if e.len() < 2 || !e.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::data(
                    path,
                    line_of(content, start + tag_start),
                    format!("record '{id}': eventcode '{e}' is not a CAMEO code"),
                ));
            }
            statements.push(GoldItem {
                actor: vec![map_code(s)],
                stance: vec![e[..2].to_owned()],
                target: vec![map_code(t)],
                required: true,
                evidence: format!("{s} {e} {t}"),
            });
        }
        docs.insert(
            id.clone(),
            GoldDoc {
                date: date.map(|d| d.to_string()),
                source: Some(format!("{path}:{line}")),
                statements,
            },
        );
        inputs.push(Document {
            id: DocId(id),
            date,
            title: None,
            url: None,
            text,
            origin: format!("{path}:{line}"),
        });
        pos = end + "</Sentence>".len();
    }
    if docs.is_empty() {
        return Err(Error::data(path, 1, "no <Sentence> records"));
    }
    Ok((
        GoldFile {
            format: Some("petrarch-validation".into()),
            about: None,
            docs,
        },
        inputs,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_become_gold_and_documents() {
        let x = r#"<Sentences>
<Sentence date="20220110" id="R-1" category="DEMO">
<EventCoding sourcecode="RUSGOV" targetcode="IGONAT" eventcode="100">
<Text>
Russia demanded guarantees from Nato.
</Text>
</Sentence>
<Sentence date="20220111" id="R-2">
<EventCoding noevents="True">
<Text>It rained.</Text>
</Sentence>
</Sentences>"#;
        let map = |c: &str| {
            if c.starts_with("IGONAT") {
                "NATO".to_owned()
            } else {
                c[..3].to_owned()
            }
        };
        let (gold, docs) = parse("v.xml", x, &map).unwrap();
        assert!(is_validation(x));
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Russia demanded guarantees from Nato.");
        let it = &gold.docs["R-1"].statements[0];
        assert_eq!(
            (
                it.actor[0].as_str(),
                it.stance[0].as_str(),
                it.target[0].as_str()
            ),
            ("RUS", "10", "NATO")
        );
        assert!(gold.docs["R-2"].statements.is_empty());
        let e = parse(
            "v.xml",
            "<Sentence id=\"x\" date=\"2022\">\n<Text>a</Text></Sentence>",
            &map,
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "v.xml:1: record 'x': bad date '2022' (YYYYMMDD)"
        );
    }
}
