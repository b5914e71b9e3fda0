//! Text stage: offset-keeping normalisation, boilerplate removal, embedded tweets, sentences, tokens.
//!
//! Invariant: every [`Sentence`] keeps a byte map from its normalised text back to the
//! original document text, so spans reported downstream always index the input as read.

pub mod time;

use regex::Regex;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// One sentence of a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    /// Index among the document's kept sentences (0-based).
    pub index: usize,
    /// Paragraph index (0-based, over kept paragraphs).
    pub paragraph: usize,
    /// [start, end) byte offsets in the document text.
    pub span: (usize, usize),
    /// The original text of the sentence.
    pub text: String,
    /// Normalised text: straight quotes and apostrophes, ASCII dashes and spaces.
    pub norm: String,
    /// `map[i]` is the original byte offset of normalised byte `i`; `map[norm.len()]` is the end.
    map: Vec<usize>,
    /// For an embedded tweet: its author as written in the signature ("Wendy R. Sherman").
    pub tweet_author: Option<String>,
    /// The tweet author's handle, without `@`.
    pub tweet_handle: Option<String>,
}

impl Sentence {
    /// Original byte offset (in the document) of a normalised byte offset.
    pub fn original_offset(&self, norm_offset: usize) -> usize {
        self.map[norm_offset.min(self.norm.len())]
    }

    /// Word tokens of the normalised text.
    pub fn tokens(&self) -> Vec<Token> {
        tokenize(&self.norm)
    }
}

/// A token of a normalised sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Lowercased text, for lexicon look-ups.
    pub lower: String,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.text
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric())
    }
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(|c| c.is_uppercase())
    }
    /// A word that opens with a capital: what may be part of a name.
    pub fn is_capitalized_word(&self) -> bool {
        self.is_capitalized() && self.is_word()
    }
}

/// Normalises one character; `None` keeps it as is.
fn normalize_char(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => "\"",
        '\u{2010}' | '\u{2011}' | '\u{2012}' => "-",
        '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => "--",
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2009}' | '\u{200A}' => " ",
        '\u{200B}' | '\u{FEFF}' => "",
        '\u{2026}' => "...",
        _ => return None,
    })
}

/// Normalises `s` (which starts at byte `base` of the document) and returns the text and the
/// byte map (length `norm.len() + 1`).
pub fn normalize(s: &str, base: usize) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        match normalize_char(c) {
            Some(rep) => {
                for _ in 0..rep.len() {
                    map.push(base + i);
                }
                out.push_str(rep);
            }
            None => {
                for _ in 0..c.len_utf8() {
                    map.push(base + i);
                }
                out.push(c);
            }
        }
    }
    map.push(base + s.len());
    (out, map)
}

static TWEET_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)(?:--|-|\u{2014}|\u{2013})\s*(?P<author>[^()\n]+?)\s*\(@(?P<handle>[A-Za-z0-9_]+)\)\s*(?:[A-Z][a-z]+\.? [0-9]{1,2}, [0-9]{4})?\s*$",
    )
    .expect("valid regex")
});
static PIC_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:https?://)?(?:pic\.twitter\.com|t\.co)/[A-Za-z0-9_]+").expect("valid regex")
});
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:read more\b|read also\b|also read\b|related\s*:|watch\s*:|listen\s*:|click here\b|sign up\b|subscribe\b|follow us\b|advertisement\s*$|share this\b)",
    )
    .expect("valid regex")
});

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "jr", "sr", "no", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb",
    "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec", "mt", "ft", "fig", "approx", "dept",
    "est", "maj", "messrs", "pres", "sec", "amb",
];

/// Splits a document into sentences, dropping boilerplate lines and picture links, and
/// attributing embedded tweets to the author named in their signature.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        if body.trim().is_empty() || BOILERPLATE.is_match(body) {
            continue;
        }
        split_paragraph(body, start, paragraph, &mut out);
        paragraph += 1;
    }
    for (i, s) in out.iter_mut().enumerate() {
        s.index = i;
    }
    out
}

fn split_paragraph(body: &str, base: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    // Tweet signature at the end of the paragraph: the author speaks the whole paragraph.
    let (content_end, author, handle) = match TWEET_SIGNATURE.captures(body) {
        Some(c) => {
            let m = c.get(0).expect("whole match");
            (
                m.start(),
                Some(c["author"].trim().to_owned()),
                Some(c["handle"].to_owned()),
            )
        }
        None => (body.len(), None, None),
    };
    let content = &body[..content_end];
    // Picture links become sentence breaks.
    let mut pieces = Vec::new();
    let mut last = 0;
    for m in PIC_LINK.find_iter(content) {
        pieces.push((last, m.start()));
        last = m.end();
    }
    pieces.push((last, content.len()));
    for (a, b) in pieces {
        for (s, e) in cap_length(&content[a..b], sentence_bounds(&content[a..b])) {
            let raw = &content[a + s..a + e];
            let lead = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            if trimmed.is_empty() || !trimmed.chars().any(|c| c.is_alphanumeric()) {
                continue;
            }
            let abs = base + a + s + lead;
            let (norm, map) = normalize(trimmed, abs);
            out.push(Sentence {
                index: 0,
                paragraph,
                span: (abs, abs + trimmed.len()),
                text: trimmed.to_owned(),
                norm,
                map,
                tweet_author: author.clone(),
                tweet_handle: handle.clone(),
            });
        }
    }
}

/// The longest sentence the later stages see, in bytes. Their rules look at every pair of cue
/// and mention in a sentence, so a run-on "sentence" of a megabyte (a page without full stops,
/// a table flattened to one line) would take quadratic time; cut into pieces of at most this
/// size, the time stays linear in the input. The longest sentence of the bundled corpora has
/// 3,678 bytes.
pub const MAX_SENTENCE_BYTES: usize = 8 * 1024;

/// Cuts every range longer than [`MAX_SENTENCE_BYTES`] into pieces, each ending at the last
/// white space before the limit (or, in a text without any, at a character boundary).
fn cap_length(s: &str, bounds: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    if bounds.iter().all(|(a, b)| b - a <= MAX_SENTENCE_BYTES) {
        return bounds;
    }
    let mut out = Vec::with_capacity(bounds.len());
    for (mut a, b) in bounds {
        while b - a > MAX_SENTENCE_BYTES {
            let mut limit = a + MAX_SENTENCE_BYTES;
            while !s.is_char_boundary(limit) {
                limit -= 1;
            }
            let mut low = a + MAX_SENTENCE_BYTES / 2;
            while !s.is_char_boundary(low) {
                low += 1;
            }
            let cut = s[low..limit]
                .rfind(char::is_whitespace)
                .map_or(limit, |p| low + p);
            out.push((a, cut));
            a = cut;
        }
        out.push((a, b));
    }
    out
}

/// Byte ranges of the sentences in `s` (one paragraph).
fn sentence_bounds(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // swallow runs of terminators and closing quotes/brackets
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            let mut k = j;
            loop {
                if k < bytes.len() && matches!(bytes[k], b'"' | b'\'' | b')' | b']') {
                    k += 1;
                } else if s[k..].starts_with(['\u{201D}', '\u{2019}']) {
                    k += 3;
                } else {
                    break;
                }
            }
            let followed_by_space = k < bytes.len() && (bytes[k] == b' ' || bytes[k] == b'\t');
            if followed_by_space && b == b'.' && is_abbreviation_before(s, i) {
                i = k;
                continue;
            }
            if followed_by_space && starts_sentence(&s[k..]) {
                bounds.push((start, k));
                start = k;
            }
            i = k;
            continue;
        }
        i += 1;
    }
    if start < s.len() {
        bounds.push((start, s.len()));
    }
    bounds
}

/// Whether the word before the period at `dot` is an abbreviation or an initial.
fn is_abbreviation_before(s: &str, dot: usize) -> bool {
    // after the separator, which may be wider than a byte (a no-break space)
    let word_start = s[..dot]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"')
        // past the boundary character, which may be wider than a byte (U+00A0)
        .map_or(0, |p| p + s[p..].chars().next().map_or(1, char::len_utf8));
    let word = &s[word_start..dot];
    if word.is_empty() {
        return false;
    }
    // initials ("R.") and dotted acronyms ("U.S", "U.N")
    let letters: Vec<char> = word.chars().collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// Whether the text after a terminator begins a new sentence.
fn starts_sentence(rest: &str) -> bool {
    let t = rest.trim_start();
    match t.chars().next() {
        None => false,
        Some(c) => {
            c.is_uppercase()
                || c.is_numeric()
                || matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | '(' | '#' | '@')
                || !c.is_ascii() && !c.is_alphabetic()
        }
    }
}

/// The tokens `[a, b)` that exactly cover the byte range `[start, end)`, if it falls on token
/// boundaries (tokens are sorted, so this is two binary searches).
pub fn token_span(toks: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let a = toks.binary_search_by_key(&start, |t| t.start).ok()?;
    let b = toks.binary_search_by_key(&end, |t| t.end).ok()?;
    (a <= b).then_some((a, b + 1))
}

/// Splits normalised text into tokens: words (with inner dots as in "U.S." and possessive
/// "'s" split off), numbers, punctuation, emoji (flag pairs stay one token).
pub fn tokenize(norm: &str) -> Vec<Token> {
    let mut toks: Vec<Token> = Vec::with_capacity(norm.len() / 4 + 4);
    for (start, w) in norm.split_word_bound_indices() {
        if w.trim().is_empty() {
            continue;
        }
        let end = start + w.len();
        // "U.S" + "." -> "U.S."; "Mr" + "." stays "Mr" "." (abbreviation dots are punctuation)
        if w == "." {
            if let Some(prev) = toks.last_mut() {
                if prev.end == start && prev.text.contains('.') && prev.is_word() {
                    prev.text.push('.');
                    prev.lower.push('.');
                    prev.end = end;
                    continue;
                }
            }
        }
        // possessive split: "Russia's" -> "Russia" "'s"; "allies'" stays apart
        if let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("'S")) {
            if !stem.is_empty()
                && stem
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
            {
                push_token(&mut toks, start, &w[..stem.len()]);
                push_token(&mut toks, start + stem.len(), &w[stem.len()..]);
                continue;
            }
        }
        // contractions: "Nothing's" handled above, "won't"/"can't"/"didn't" -> stem + "n't"
        if let Some(stem) = w.strip_suffix("n't") {
            if !stem.is_empty() {
                push_token(&mut toks, start, stem);
                push_token(&mut toks, start + stem.len(), "n't");
                continue;
            }
        }
        // the other clitics as the treebank splits them: "We're" -> "We" "'re" (so that the
        // pronoun is a word of its own), "they've", "we'll", "I'm", "they'd"
        if let Some(stem) = clitic_stem(w) {
            push_token(&mut toks, start, stem);
            push_token(&mut toks, start + stem.len(), &w[stem.len()..]);
            continue;
        }
        push_token(&mut toks, start, w);
    }
    toks
}

/// The word before a verb clitic ("'re", "'ve", "'ll", "'m", "'d") ending `w`, if `w` is
/// letters, an apostrophe and the clitic.
fn clitic_stem(w: &str) -> Option<&str> {
    let apo = w.rfind('\'')?;
    let (stem, clitic) = w.split_at(apo);
    let known = ["'re", "'ve", "'ll", "'m", "'d"]
        .iter()
        .any(|c| clitic.eq_ignore_ascii_case(c));
    (known && !stem.is_empty() && stem.chars().all(char::is_alphabetic)).then_some(stem)
}

fn push_token(toks: &mut Vec<Token>, start: usize, w: &str) {
    toks.push(Token {
        start,
        end: start + w.len(),
        text: w.to_owned(),
        lower: if w.is_ascii() {
            w.to_ascii_lowercase()
        } else {
            w.to_lowercase()
        },
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn run_on_sentences_are_cut_at_spaces() {
        // 100 KB without a full stop, with a few multi-byte characters
        let text: String = (0..20_000)
            .map(|i| if i % 7 == 0 { "Kyïv " } else { "word " })
            .collect();
        let sentences = super::split_sentences(&text);
        assert!(sentences.len() >= text.len() / super::MAX_SENTENCE_BYTES);
        let mut covered = 0;
        for s in &sentences {
            assert!(s.span.1 - s.span.0 <= super::MAX_SENTENCE_BYTES);
            assert_eq!(&text[s.span.0..s.span.1], s.text);
            assert!(text[covered..s.span.0].trim().is_empty(), "nothing is lost");
            covered = s.span.1;
        }
        assert!(text[covered..].trim().is_empty());
        // and text without any white space is cut at character boundaries
        let dense = "ï".repeat(10_000);
        let pieces = super::split_sentences(&dense);
        assert_eq!(
            pieces.iter().map(|s| s.text.len()).sum::<usize>(),
            dense.len()
        );
    }

    use super::*;

    fn texts(s: &str) -> Vec<String> {
        split_sentences(s).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            texts("Mr. Ryabkov met Ms. Sherman. Dr. Tedros spoke. The U.S. will listen. Wendy R. Sherman said so."),
            [
                "Mr. Ryabkov met Ms. Sherman.",
                "Dr. Tedros spoke.",
                "The U.S. will listen.",
                "Wendy R. Sherman said so."
            ]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            texts("He said it was \u{201C}complex.\u{201D} Then he left. \"Go!\" she said."),
            [
                "He said it was \u{201C}complex.\u{201D}",
                "Then he left.",
                "\"Go!\" she said."
            ]
        );
    }

    #[test]
    fn boilerplate_and_picture_links_are_dropped() {
        let doc = "Read more Russia rules out concessions\nWe met. pic.twitter.com/AbC123 \u{2014} Wendy R. Sherman (@DeputySecState) January 10, 2022\n";
        let s = split_sentences(doc);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "We met.");
        assert_eq!(s[0].tweet_author.as_deref(), Some("Wendy R. Sherman"));
        assert_eq!(s[0].tweet_handle.as_deref(), Some("DeputySecState"));
        assert_eq!(&doc[s[0].span.0..s[0].span.1], "We met.");
    }

    #[test]
    fn offsets_map_back_through_normalisation() {
        let doc = "x\nNato\u{2019}s \u{201C}demand\u{201D} \u{2013} rejected.";
        let s = &split_sentences(doc)[1];
        assert_eq!(s.norm, "Nato's \"demand\" -- rejected.");
        let at = s.norm.find("demand").unwrap();
        let o = s.original_offset(at);
        assert_eq!(&doc[o..o + 6], "demand");
        assert_eq!(s.original_offset(s.norm.len()), doc.len());
    }

    #[test]
    fn verb_clitics_are_words_of_their_own() {
        // voa-8009004: the "We" of a British envoy's quotation is a pronoun of its own
        let s = "\u{201C}We're seriously concerned about the latest IAEA report,\u{201D} British Deputy U.N. Ambassador James Kariuki told reporters. They've, we'll, I'm, they'd; O'Neill rock'n'roll.";
        let (norm, _) = normalize(s, 0);
        let t = tokenize(&norm);
        let words: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(&words[..4], ["\"", "We", "'re", "seriously"]);
        for pair in [["They", "'ve"], ["we", "'ll"], ["I", "'m"], ["they", "'d"]] {
            assert!(words.windows(2).any(|w| w == pair), "{pair:?} in {words:?}");
        }
        assert!(words.contains(&"O'Neill") && words.contains(&"rock'n'roll"));
        for tok in &t {
            assert_eq!(&norm[tok.start..tok.end], tok.text, "spans stay right");
        }
    }

    #[test]
    fn tokens_split_possessives_and_keep_dotted_acronyms() {
        let t: Vec<String> =
            tokenize("The U.S. said Russia's troops won't go; \u{1F1F7}\u{1F1FA} flag")
                .into_iter()
                .map(|t| t.text)
                .collect();
        assert_eq!(
            t,
            [
                "The",
                "U.S.",
                "said",
                "Russia",
                "'s",
                "troops",
                "wo",
                "n't",
                "go",
                ";",
                "\u{1F1F7}\u{1F1FA}",
                "flag"
            ]
        );
    }
}
