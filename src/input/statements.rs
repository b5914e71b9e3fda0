//! Reading extracted statements back (`geokg load`): the JSON Lines that `geokg extract
//! --format jsonl --articles` writes, one article record followed by its statement records,
//! turned back into [`Extraction`]s, one article at a time.
//!
//! An article record is `{"article": {"id", "date", "title", "url", "sentences"}}`; it carries
//! what the article graph holds beside the statements, so that loading the records gives the
//! store that `geokg build` gives.

use crate::error::{Error, Result};
use crate::model::Stance;
use crate::model::{DocId, Document, Extraction, Statement, StatementRecord};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// What the article graph holds beside its statements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub id: String,
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    /// Number of sentences.
    pub sentences: usize,
}

#[derive(Serialize, Deserialize)]
struct ArticleLine {
    article: ArticleRecord,
}

impl ArticleRecord {
    pub fn of(ex: &Extraction) -> ArticleRecord {
        ArticleRecord {
            id: ex.doc.id.0.clone(),
            date: ex.doc.date.map(|d| d.to_string()),
            title: ex.doc.title.clone(),
            url: ex.doc.url.clone(),
            sentences: ex.sentence_count,
        }
    }

    /// The JSON line of the record.
    pub fn line(&self) -> String {
        serde_json::to_string(&ArticleLine {
            article: self.clone(),
        })
        .unwrap_or_default()
    }
}

fn date(s: Option<&str>, what: &str) -> std::result::Result<Option<NaiveDate>, String> {
    match s {
        None | Some("") => Ok(None),
        Some(d) => super::parse_date(d)
            .map(Some)
            .map_err(|m| format!("{what}: {m}")),
    }
}

/// A statement record back as a statement.
pub fn statement(r: StatementRecord) -> std::result::Result<Statement, String> {
    let stance: Stance = r
        .stance
        .id
        .parse()
        .map_err(|_| format!("unknown stance '{}'", r.stance.id))?;
    Ok(Statement {
        doc: DocId(r.doc),
        article_date: date(r.article_date.as_deref(), "article_date")?,
        date: date(r.date.as_deref(), "date")?,
        date_precision: r.date_precision,
        sentence: r.sentence,
        span: (r.span[0], r.span[1]),
        text: r.text,
        actor: r.actor,
        stance,
        target: r.target,
        negated: r.negated,
        modality: r.modality,
        confidence: r.confidence,
        cue: r.cue,
        rule: r.rule,
        polarity: r.polarity,
        event: r.event.map(|e| e.cameo),
    })
}

/// The articles of statement files, in order, one at a time. A bad line is an `Err` item
/// naming the file and line; the article it belongs to is dropped whole (a partial article
/// would not equal the built one), the others are kept.
pub struct StatementStream {
    files: std::collections::VecDeque<PathBuf>,
    reader: Option<(PathBuf, Box<dyn BufRead + Send>, usize)>,
    current: Option<Extraction>,
    /// The current article had a bad line: skip its statements.
    spoiled: bool,
    done: Vec<Result<Extraction>>,
}

impl StatementStream {
    /// Reads `files` (`-` is stdin).
    pub fn new(files: &[PathBuf]) -> StatementStream {
        StatementStream {
            files: files.iter().cloned().collect(),
            reader: None,
            current: None,
            spoiled: false,
            done: Vec::new(),
        }
    }

    fn finish_article(&mut self) {
        if let Some(ex) = self.current.take() {
            if !self.spoiled {
                self.done.push(Ok(ex));
            }
        }
        self.spoiled = false;
    }

    fn bad(&mut self, path: &Path, line: usize, message: String) {
        self.spoiled = true;
        self.done.push(Err(Error::Input {
            origin: format!("{}:{line}", path.display()),
            message,
        }));
    }

    fn line(&mut self, path: &Path, line_no: usize, text: &str) {
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => return self.bad(path, line_no, format!("invalid JSON: {e}")),
        };
        if value.get("article").is_some() {
            self.finish_article();
            let a = match serde_json::from_value::<ArticleLine>(value) {
                Ok(a) => a.article,
                Err(e) => return self.bad(path, line_no, format!("bad article record: {e}")),
            };
            let d = match date(a.date.as_deref(), "date") {
                Ok(d) => d,
                Err(m) => return self.bad(path, line_no, format!("article '{}': {m}", a.id)),
            };
            self.current = Some(Extraction {
                doc: Document {
                    id: DocId(a.id),
                    date: d,
                    title: a.title,
                    url: a.url,
                    text: String::new(),
                    origin: format!("{}:{line_no}", path.display()),
                },
                sentence_count: a.sentences,
                statements: Vec::new(),
            });
            return;
        }
        let record = match serde_json::from_value::<StatementRecord>(value) {
            Ok(r) => r,
            Err(e) => return self.bad(path, line_no, format!("bad statement record: {e}")),
        };
        let doc = record.doc.clone();
        let st = match statement(record) {
            Ok(s) => s,
            Err(m) => return self.bad(path, line_no, format!("statement of '{doc}': {m}")),
        };
        match &mut self.current {
            Some(ex) if ex.doc.id.0 == doc => {
                if !self.spoiled {
                    ex.statements.push(st);
                }
            }
            _ => {
                self.finish_article();
                self.bad(
                    path,
                    line_no,
                    format!(
                        "statement of article '{doc}' without its article record before it \
                         (write the statements with `geokg extract --format jsonl --articles`)"
                    ),
                );
                // the article's other statements are skipped with it
                self.current = Some(Extraction {
                    doc: Document {
                        id: DocId(doc),
                        date: None,
                        title: None,
                        url: None,
                        text: String::new(),
                        origin: String::new(),
                    },
                    sentence_count: 0,
                    statements: Vec::new(),
                });
                self.spoiled = true;
            }
        }
    }
}

impl Iterator for StatementStream {
    type Item = Result<Extraction>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = String::new();
        loop {
            if !self.done.is_empty() {
                return Some(self.done.remove(0));
            }
            let Some((path, reader, line_no)) = &mut self.reader else {
                let Some(path) = self.files.pop_front() else {
                    self.finish_article();
                    if self.done.is_empty() {
                        return None;
                    }
                    continue;
                };
                let reader: Box<dyn BufRead + Send> = if path.as_os_str() == "-" {
                    Box::new(std::io::BufReader::new(std::io::stdin()))
                } else {
                    match std::fs::File::open(&path) {
                        Ok(f) => Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
                        Err(source) => return Some(Err(Error::Io { path, source })),
                    }
                };
                self.reader = Some((path, reader, 0));
                continue;
            };
            buf.clear();
            match reader.read_line(&mut buf) {
                Ok(0) => {
                    // an article does not span files
                    self.reader = None;
                    self.finish_article();
                }
                Ok(_) => {
                    *line_no += 1;
                    let (path, n) = (path.clone(), *line_no);
                    let text = buf.trim();
                    if !text.is_empty() {
                        let text = text.to_owned();
                        self.line(&path, n, &text);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                    // the line was consumed; go on with the next one
                    *line_no += 1;
                    let (path, n) = (path.clone(), *line_no);
                    self.bad(&path, n, "invalid UTF-8".to_owned());
                }
                Err(source) => {
                    let path = path.clone();
                    self.reader = None;
                    self.finish_article();
                    self.done.push(Err(Error::Io { path, source }));
                }
            }
        }
    }
}
