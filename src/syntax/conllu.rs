//! CoNLL-U reading and writing: syntactic words only (multi-word token ranges and empty nodes
//! are skipped), with the annotation columns the tagger, lemmatiser and parser use.

use super::SyntaxError;

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldWord {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 0 = root; 1-based index of the head otherwise.
    pub head: usize,
    pub deprel: String,
}

/// One treebank sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldSentence {
    /// `# sent_id` when present.
    pub id: String,
    pub words: Vec<GoldWord>,
}

/// Parses CoNLL-U text; `origin` names the file in errors (`file:line: what`).
pub fn parse_conllu(text: &str, origin: &str) -> Result<Vec<GoldSentence>, SyntaxError> {
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                check(&cur, origin, ln + 1)?;
                out.push(std::mem::take(&mut cur));
            }
            cur.id.clear();
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(id) = c.trim().strip_prefix("sent_id") {
                cur.id = id.trim_start_matches([' ', '=']).trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |m: String| SyntaxError::Data(format!("{origin}:{}: {m}", ln + 1));
        if cols.len() != 10 {
            return Err(bad(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue; // multi-word token range or empty node
        }
        let id: usize = cols[0]
            .parse()
            .map_err(|_| bad(format!("bad word id {:?}", cols[0])))?;
        if id != cur.words.len() + 1 {
            return Err(bad(format!("word id {id} out of sequence")));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse()
                .map_err(|_| bad(format!("bad head {:?}", cols[6])))?
        };
        cur.words.push(GoldWord {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.words.is_empty() {
        check(&cur, origin, text.lines().count())?;
        out.push(cur);
    }
    Ok(out)
}

fn check(s: &GoldSentence, origin: &str, line: usize) -> Result<(), SyntaxError> {
    for (i, w) in s.words.iter().enumerate() {
        if w.head > s.words.len() {
            return Err(SyntaxError::Data(format!(
                "{origin}:{line}: word {} has head {} beyond the sentence ({} words)",
                i + 1,
                w.head,
                s.words.len()
            )));
        }
    }
    Ok(())
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &std::path::Path) -> Result<Vec<GoldSentence>, SyntaxError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| SyntaxError::Io(format!("{}: {e}", path.display())))?;
    parse_conllu(&text, &path.display().to_string())
}

/// The committed EWT dev sample (`tests/fixtures/syntax/en_ewt-dev-sample.conllu`), read for
/// the syntax layer's unit tests.
#[cfg(test)]
pub(crate) fn dev_sample() -> Vec<GoldSentence> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/syntax/en_ewt-dev-sample.conllu");
    read_conllu(&path).expect("the EWT dev sample")
}
