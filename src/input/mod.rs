//! Reading articles: plain-text files with a `date YYYY-MM-DD` header, JSON Lines, directories, stdin.
//!
//! Bad records never stop the good ones: [`read_inputs`] returns every document it could read
//! and, beside them, one [`Error::Input`] per bad record, naming the file and line.

pub mod statements;

use crate::error::Error;
use crate::model::{DocId, Document};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::VecDeque;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

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

/// Reads files, directories (recursively, `.txt` and `.jsonl`, sorted) and `-` (stdin), all
/// at once (see [`DocStream`] for one document at a time).
pub fn read_inputs(inputs: &[PathBuf], opts: &InputOptions) -> InputBatch {
    let mut batch = InputBatch::default();
    for item in DocStream::new(inputs, opts) {
        match item {
            Ok(d) => batch.documents.push(d),
            Err(e) => batch.errors.push(e),
        }
    }
    batch
}

/// Where the next documents come from.
enum Pending {
    Stdin,
    Path(PathBuf),
    Error(Error),
}

/// A JSON Lines source being read line by line.
struct JsonlSource {
    path: PathBuf,
    reader: Box<dyn BufRead + Send>,
    /// Lines read so far.
    line: usize,
    buf: Vec<u8>,
}

impl JsonlSource {
    fn next_record(&mut self, bytes: &AtomicU64) -> Option<Result<Document, Error>> {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(n) => {
                    bytes.fetch_add(n as u64, Ordering::Relaxed);
                    self.line += 1;
                }
                Err(source) => {
                    return Some(Err(Error::Io {
                        path: self.path.clone(),
                        source,
                    }))
                }
            }
            let Ok(line) = std::str::from_utf8(&self.buf) else {
                return Some(Err(input_error(
                    &self.path,
                    Some(self.line),
                    "invalid UTF-8",
                )));
            };
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            return Some(match parse_record(line) {
                Ok(mut doc) => {
                    doc.origin = origin(&self.path, Some(self.line));
                    Ok(doc)
                }
                Err(m) => Err(input_error(&self.path, Some(self.line), m)),
            });
        }
    }
}

/// The documents of files, directories (recursively, `.txt` and `.jsonl`, sorted) and `-`
/// (stdin), read one at a time: JSON Lines line by line, so memory does not grow with the
/// input. Bad records come as `Err` items between the good documents, in input order.
pub struct DocStream {
    queue: VecDeque<Pending>,
    current: Option<JsonlSource>,
    opts: InputOptions,
    bytes: Arc<AtomicU64>,
    total: Option<u64>,
}

impl DocStream {
    pub fn new(inputs: &[PathBuf], opts: &InputOptions) -> DocStream {
        let mut queue = VecDeque::new();
        let mut total = Some(0u64);
        for input in inputs {
            if input.as_os_str() == "-" {
                queue.push_back(Pending::Stdin);
                total = None;
            } else if input.is_dir() {
                let mut files = Vec::new();
                if let Err(e) = collect_dir(input, &mut files) {
                    queue.push_back(Pending::Error(e));
                }
                files.sort();
                queue.extend(files.into_iter().map(Pending::Path));
            } else {
                queue.push_back(Pending::Path(input.clone()));
            }
        }
        for p in &queue {
            if let (Pending::Path(f), Some(t)) = (p, &mut total) {
                *t += std::fs::metadata(f).map_or(0, |m| m.len());
            }
        }
        DocStream {
            queue,
            current: None,
            opts: opts.clone(),
            bytes: Arc::new(AtomicU64::new(0)),
            total,
        }
    }

    /// The bytes read so far (shared, for progress).
    pub fn bytes_read(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.bytes)
    }

    /// The size of all input files, unknown (`None`) when stdin is among them.
    pub fn total_bytes(&self) -> Option<u64> {
        self.total
    }

    /// Opens a source whose format is told by its first non-blank byte (`{`: JSON Lines).
    fn sniff(
        &mut self,
        path: &Path,
        mut reader: Box<dyn BufRead + Send>,
    ) -> Option<Result<Document, Error>> {
        let io = |source| {
            Some(Err(Error::Io {
                path: path.to_owned(),
                source,
            }))
        };
        let mut lead = Vec::new();
        loop {
            let buf = match reader.fill_buf() {
                Ok(b) => b,
                Err(e) => return io(e),
            };
            if buf.is_empty() {
                break;
            }
            match buf.iter().position(|b| !b.is_ascii_whitespace()) {
                Some(i) => {
                    lead.extend_from_slice(&buf[..i]);
                    reader.consume(i);
                    break;
                }
                None => {
                    let n = buf.len();
                    lead.extend_from_slice(buf);
                    reader.consume(n);
                }
            }
        }
        self.bytes.fetch_add(lead.len() as u64, Ordering::Relaxed);
        let first = match reader.fill_buf() {
            Ok(b) => b.first().copied(),
            Err(e) => return io(e),
        };
        if first == Some(b'{') {
            self.current = Some(JsonlSource {
                path: path.to_owned(),
                reader,
                line: lead.iter().filter(|&&b| b == b'\n').count(),
                buf: Vec::new(),
            });
            return None;
        }
        let before = lead.len();
        if let Err(e) = reader.read_to_end(&mut lead) {
            return io(e);
        }
        self.bytes
            .fetch_add((lead.len() - before) as u64, Ordering::Relaxed);
        Some(read_plain(path, &lead, &self.opts))
    }
}

impl Iterator for DocStream {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(src) = &mut self.current {
                match src.next_record(&self.bytes) {
                    Some(Ok(d)) => return Some(Ok(d)),
                    Some(Err(e)) => {
                        if matches!(e, Error::Io { .. }) {
                            self.current = None;
                        }
                        return Some(Err(e));
                    }
                    None => self.current = None,
                }
            }
            match self.queue.pop_front()? {
                Pending::Error(e) => return Some(Err(e)),
                Pending::Stdin => {
                    let reader =
                        Box::new(std::io::BufReader::with_capacity(1 << 16, std::io::stdin()));
                    if let Some(item) = self.sniff(Path::new("<stdin>"), reader) {
                        return Some(item);
                    }
                }
                Pending::Path(path) => {
                    let file = match std::fs::File::open(&path) {
                        Ok(f) => f,
                        Err(source) => return Some(Err(Error::Io { path, source })),
                    };
                    let reader = Box::new(std::io::BufReader::with_capacity(1 << 16, file));
                    match path.extension().and_then(|e| e.to_str()) {
                        Some("jsonl" | "ndjson") => {
                            self.current = Some(JsonlSource {
                                path,
                                reader,
                                line: 0,
                                buf: Vec::new(),
                            });
                        }
                        Some(_) => {
                            let mut bytes = Vec::new();
                            let mut reader = reader;
                            if let Err(source) = reader.read_to_end(&mut bytes) {
                                return Some(Err(Error::Io { path, source }));
                            }
                            self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                            return Some(read_plain(&path, &bytes, &self.opts));
                        }
                        None => {
                            if let Some(item) = self.sniff(&path, reader) {
                                return Some(item);
                            }
                        }
                    }
                }
            }
        }
    }
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

#[cfg(test)]
fn read_jsonl(path: &Path, bytes: &[u8], batch: &mut InputBatch) {
    let mut src = JsonlSource {
        path: path.to_owned(),
        reader: Box::new(std::io::Cursor::new(bytes.to_vec())),
        line: 0,
        buf: Vec::new(),
    };
    let counter = AtomicU64::new(0);
    while let Some(item) = src.next_record(&counter) {
        match item {
            Ok(d) => batch.documents.push(d),
            Err(e) => batch.errors.push(e),
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
