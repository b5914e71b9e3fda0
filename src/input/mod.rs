//! Reading articles: plain-text files with a `date YYYY-MM-DD` header, JSON Lines, directories, stdin.
//!
//! Bad records never stop the good ones: [`read_inputs`] returns every document it could read
//! and, beside them, one [`Error::Input`] per bad record, naming the file and line.

use crate::error::Error;
use crate::model::{DocId, Document};
use chrono::NaiveDate;
use serde::Deserialize;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What the input stage produced: the documents in a deterministic order, and the bad records.
#[derive(Debug, Default)]
pub struct InputBatch {
    pub documents: Vec<Document>,
    pub errors: Vec<Error>,
}

/// Options of the input stage.
#[derive(Clone, Debug, Default)]
pub struct InputOptions {
    /// Date for plain-text articles without a header.
    pub default_date: Option<NaiveDate>,
}

/// Reads files, directories (recursively, `.txt` and `.jsonl`, sorted) and `-` (stdin).
pub fn read_inputs(inputs: &[PathBuf], opts: &InputOptions) -> InputBatch {
    let mut batch = InputBatch::default();
    for input in inputs {
        if input.as_os_str() == "-" {
            let mut buf = Vec::new();
            match std::io::stdin().read_to_end(&mut buf) {
                Ok(_) => read_bytes(Path::new("<stdin>"), &buf, opts, &mut batch),
                Err(source) => batch.errors.push(Error::Io {
                    path: "<stdin>".into(),
                    source,
                }),
            }
        } else if input.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = collect_dir(input, &mut files) {
                batch.errors.push(e);
            }
            files.sort();
            for f in files {
                read_file(&f, opts, &mut batch);
            }
        } else {
            read_file(input, opts, &mut batch);
        }
    }
    batch
}

fn collect_dir(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_owned(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| Error::Io {
            path: dir.to_owned(),
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            collect_dir(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

fn read_file(path: &Path, opts: &InputOptions, batch: &mut InputBatch) {
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(path, &bytes, opts, batch),
        Err(source) => batch.errors.push(Error::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

fn is_jsonl(path: &Path, bytes: &[u8]) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("jsonl" | "ndjson") => true,
        Some(_) => false,
        // stdin: sniff the first non-blank byte.
        None => bytes
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'{'),
    }
}

fn read_bytes(path: &Path, bytes: &[u8], opts: &InputOptions, batch: &mut InputBatch) {
    if is_jsonl(path, bytes) {
        read_jsonl(path, bytes, batch);
    } else {
        match read_plain(path, bytes, opts) {
            Ok(doc) => batch.documents.push(doc),
            Err(e) => batch.errors.push(e),
        }
    }
}

fn origin(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("{}:{l}", path.display()),
        None => path.display().to_string(),
    }
}

fn input_error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    Error::Input {
        origin: origin(path, line),
        message: message.into(),
    }
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("malformed date '{s}' (expected YYYY-MM-DD): {e}"))
}

/// A plain-text article: an optional `date YYYY-MM-DD` header, then the prose (same line or next).
fn read_plain(path: &Path, bytes: &[u8], opts: &InputOptions) -> Result<Document, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        input_error(
            path,
            Some(line),
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )
    })?;
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("stdin")
        .to_owned();
    let (date, body) = split_header(text).map_err(|m| {
        let line = text[..text.len() - text.trim_start().len()]
            .matches('\n')
            .count()
            + 1;
        input_error(path, Some(line), m)
    })?;
    Ok(Document {
        id: DocId(id),
        date: date.or(opts.default_date),
        title: None,
        url: None,
        text: body.to_owned(),
        origin: origin(path, None),
    })
}

/// Splits off a leading `date YYYY-MM-DD` header. Returns the date and the text after it.
pub fn split_header(text: &str) -> Result<(Option<NaiveDate>, &str), String> {
    let trimmed = text.trim_start();
    let Some(rest) = trimmed.strip_prefix("date") else {
        return Ok((None, text));
    };
    if !rest.starts_with([' ', '\t']) {
        return Ok((None, text));
    }
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let date = parse_date(&rest[..end])?;
    Ok((Some(date), &rest[end..]))
}

#[derive(Deserialize)]
struct JsonRecord {
    id: Option<serde_json::Value>,
    text: Option<String>,
    date: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

fn read_jsonl(path: &Path, bytes: &[u8], batch: &mut InputBatch) {
    for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = i + 1;
        let Ok(line) = std::str::from_utf8(raw) else {
            batch
                .errors
                .push(input_error(path, Some(line_no), "invalid UTF-8"));
            continue;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match parse_record(line) {
            Ok(mut doc) => {
                doc.origin = origin(path, Some(line_no));
                batch.documents.push(doc);
            }
            Err(m) => batch.errors.push(input_error(path, Some(line_no), m)),
        }
    }
}

fn parse_record(line: &str) -> Result<Document, String> {
    let rec: JsonRecord = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    let id = match rec.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err("field 'id' must be a non-empty string or a number".into()),
        None => return Err("missing required field 'id'".into()),
    };
    let text = rec
        .text
        .ok_or_else(|| format!("record '{id}': missing required field 'text'"))?;
    let date = match rec.date.as_deref() {
        None | Some("") => None,
        Some(d) => Some(parse_date(d).map_err(|m| format!("record '{id}': {m}"))?),
    };
    Ok(Document {
        id: DocId(id),
        date,
        title: rec.title,
        url: rec.url,
        text,
        origin: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_on_same_line_with_leading_space() {
        let (d, body) = split_header(" date 2022-01-10 The US and Russia").unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2022, 1, 10));
        assert_eq!(body, " The US and Russia");
    }

    #[test]
    fn header_on_its_own_line() {
        let (d, body) = split_header("date 2020-03-01\nText.").unwrap();
        assert_eq!(d, NaiveDate::from_ymd_opt(2020, 3, 1));
        assert_eq!(body, "\nText.");
    }

    #[test]
    fn no_header_and_bad_header() {
        assert_eq!(split_header("dated text").unwrap().0, None);
        assert!(split_header("date 2020-13-01 x")
            .unwrap_err()
            .contains("malformed date"));
    }

    #[test]
    fn jsonl_bad_records_are_reported_good_ones_kept() {
        let data = b"{\"id\":\"a\",\"text\":\"x\"}\n{\"text\":\"no id\"}\nnot json\n{\"id\":\"b\",\"text\":\"y\",\"date\":\"2020-1-x\"}\n\xff\xfe\n{\"id\":7,\"text\":\"z\",\"date\":\"2021-02-03\"}\n";
        let mut batch = InputBatch::default();
        read_jsonl(Path::new("f.jsonl"), data, &mut batch);
        let ids: Vec<_> = batch.documents.iter().map(|d| d.id.0.as_str()).collect();
        assert_eq!(ids, ["a", "7"]);
        assert_eq!(batch.documents[1].origin, "f.jsonl:6");
        let errs: Vec<String> = batch.errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 4, "{errs:?}");
        assert!(errs[0].starts_with("f.jsonl:2: missing required field 'id'"));
        assert!(errs[1].starts_with("f.jsonl:3: invalid JSON"));
        assert!(errs[2].contains("f.jsonl:4: record 'b': malformed date"));
        assert!(errs[3].starts_with("f.jsonl:5: invalid UTF-8"));
    }
}
