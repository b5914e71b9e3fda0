//! Statements as JSON Lines, GDELT-like CSV/TSV, and an aligned text table for terminals.

use crate::model::StatementRecord;
use std::io::{self, Write};

/// The CSV/TSV columns, in order.
pub const COLUMNS: [&str; 25] = [
    "doc",
    "date",
    "article_date",
    "sentence",
    "actor_id",
    "actor_code",
    "actor_name",
    "actor_kind",
    "actor_agent",
    "stance",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "target_id",
    "target_code",
    "target_name",
    "target_kind",
    "target_agent",
    "negated",
    "modality",
    "confidence",
    "span_start",
    "span_end",
    "text",
];

/// One JSON object per line, in the given order.
pub fn write_jsonl(records: &[StatementRecord], w: &mut impl Write) -> io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *w, r)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

/// The fields of a record, in [`COLUMNS`] order.
pub fn row(r: &StatementRecord) -> [String; 25] {
    [
        r.doc.clone(),
        r.date.clone().unwrap_or_default(),
        r.article_date.clone().unwrap_or_default(),
        r.sentence.to_string(),
        r.actor.id.to_string(),
        r.actor.code.clone().unwrap_or_default(),
        r.actor.name.clone(),
        r.actor.kind.to_string(),
        r.actor.agent.clone().unwrap_or_default(),
        r.stance.id.clone(),
        r.stance.cameo.clone(),
        r.stance.cameo_root.clone(),
        r.stance.quad_class.to_string(),
        format!("{}", r.stance.goldstein),
        r.target.id.to_string(),
        r.target.code.clone().unwrap_or_default(),
        r.target.name.clone(),
        r.target.kind.to_string(),
        r.target.agent.clone().unwrap_or_default(),
        r.negated.to_string(),
        r.modality.as_str().to_owned(),
        format!("{:.3}", r.confidence),
        r.span[0].to_string(),
        r.span[1].to_string(),
        r.text.clone(),
    ]
}

/// RFC 4180 quoting: a field with a comma, quote, CR or LF (or leading/trailing space) is
/// enclosed in double quotes, and its quotes doubled.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A TSV field: tabs and line breaks become spaces (TSV has no quoting).
pub fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// CSV with a header line; lines end with CRLF as RFC 4180 says.
pub fn write_csv(records: &[StatementRecord], w: &mut impl Write) -> io::Result<()> {
    write!(w, "{}\r\n", COLUMNS.join(","))?;
    for r in records {
        let fields: Vec<String> = row(r).iter().map(|f| csv_field(f)).collect();
        write!(w, "{}\r\n", fields.join(","))?;
    }
    Ok(())
}

/// TSV with a header line.
pub fn write_tsv(records: &[StatementRecord], w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "{}", COLUMNS.join("\t"))?;
    for r in records {
        let fields: Vec<String> = row(r).iter().map(|f| tsv_field(f)).collect();
        writeln!(w, "{}", fields.join("\t"))?;
    }
    Ok(())
}

/// Shortens `s` to at most `max` characters, ending with `…` when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Writes rows as a left-aligned text table with a header and a rule; numeric columns
/// (listed in `right`) are right-aligned.
pub fn write_aligned(
    header: &[&str],
    rows: &[Vec<String>],
    right: &[usize],
    w: &mut impl Write,
) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, cell) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
    }
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, cell) in cells.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.chars().count());
            if i > 0 {
                out.push_str("  ");
            }
            if right.contains(&i) {
                out.push_str(&" ".repeat(pad));
                out.push_str(cell);
            } else {
                out.push_str(cell);
                if i + 1 < cells.len() {
                    out.push_str(&" ".repeat(pad));
                }
            }
        }
        out
    };
    let head: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    writeln!(w, "{}", line(&head))?;
    let rule: Vec<String> = widths.iter().map(|&n| "-".repeat(n)).collect();
    writeln!(w, "{}", line(&rule))?;
    for r in rows {
        writeln!(w, "{}", line(r))?;
    }
    Ok(())
}

/// The statements as an aligned table for terminals:
/// doc, sent, actor, code, stance, cameo, target, code, neg, conf.
pub fn write_table(records: &[StatementRecord], w: &mut impl Write) -> io::Result<()> {
    const HEADER: [&str; 10] = [
        "doc", "sent", "actor", "code", "stance", "cameo", "target", "code", "neg", "conf",
    ];
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            vec![
                clip(&r.doc, 24),
                r.sentence.to_string(),
                clip(&r.actor.name, 24),
                r.actor.code.clone().unwrap_or_else(|| "-".to_owned()),
                r.stance.id.clone(),
                r.stance.cameo.clone(),
                clip(&r.target.name, 24),
                r.target.code.clone().unwrap_or_else(|| "-".to_owned()),
                if r.negated { "neg" } else { "" }.to_owned(),
                format!("{:.2}", r.confidence),
            ]
        })
        .collect();
    write_aligned(&HEADER, &rows, &[1, 9], w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StatementRecord;
    use crate::store::testutil::d1;

    fn records() -> Vec<StatementRecord> {
        d1().statements.iter().map(StatementRecord::from).collect()
    }

    #[test]
    fn jsonl_is_one_record_per_line() {
        let mut out = Vec::new();
        write_jsonl(&records(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        let back: StatementRecord = serde_json::from_str(lines[3]).unwrap();
        assert_eq!(back, records()[3]);
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        let mut out = Vec::new();
        write_csv(&records(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next().unwrap(), COLUMNS.join(","));
        let first = lines.next().unwrap();
        assert!(
            first.starts_with("d1,2022-01-05,2022-01-05,0,RUS,RUS,Russia,state,,reject,120,12,3,-4,nato-enlargement,,NATO enlargement,issue,,false,asserted,0.851,0,"),
            "{first}"
        );
        // Lavrov's name has quotes: doubled inside a quoted field.
        assert!(
            text.contains(",\"Sergey \"\"FM\"\" Lavrov\",person,,"),
            "{text}"
        );
        assert_eq!(text.matches("\r\n").count(), 5);
    }

    #[test]
    fn tsv_has_no_stray_tabs() {
        let mut rs = records();
        rs[0].text = "a\tb\nc".to_owned();
        let mut out = Vec::new();
        write_tsv(&rs, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for line in text.lines() {
            assert_eq!(line.split('\t').count(), COLUMNS.len(), "{line}");
        }
    }

    #[test]
    fn table_is_aligned() {
        let mut out = Vec::new();
        write_table(&records(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[0].starts_with("doc  sent  actor"), "{text}");
        let conf_col = lines[0].find("conf").unwrap();
        assert_eq!(&lines[2][conf_col..], "0.85");
        assert!(lines[4].contains("neg"));
    }
}
