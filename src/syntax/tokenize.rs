//! Tokenisation following the English Web Treebank's conventions, so the model sees what it was
//! trained on: clitics split ("do" "n't", "Russia" "'s", "ca" "n't", "gon" "na"), hyphens
//! split ("US" "-" "led") except after common prefixes ("anti-war"), abbreviations kept with
//! their dot ("U.S.", "Mr."), numbers split from units and percent signs ("5" "km", "10" "%"),
//! quotes and brackets apart. Every token keeps its byte span in the input.

/// A token with its [start, end) byte span in the tokenised text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxToken {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Abbreviations that keep their final dot (lowercase, without the dot).
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "maj", "rev", "hon", "pres", "inc", "corp", "ltd", "co", "bros",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
    "tue", "wed", "thu", "fri", "sat", "sun", "vs", "etc", "no", "nos", "approx", "dept", "est",
    "fig", "mt", "ft", "ave", "blvd", "univ", "assn", "govt", "jr", "e.g", "i.e", "a.m", "p.m",
];

/// Prefixes after which EWT keeps a hyphenated word whole.
const PREFIXES: &[&str] = &[
    "e", "non", "pre", "anti", "re", "mid", "post", "co", "over", "pro", "multi", "ex", "sub",
    "semi", "neo", "cross", "vice", "un", "counter", "inter", "intra", "micro", "socio", "arch",
    "self", "ultra", "super", "pan", "trans", "bi", "tri",
];

/// Number suffixes kept on the number ("1980s", "9th").
const NUM_SUFFIXES: &[&str] = &["s", "st", "nd", "rd", "th", "'s"];

fn is_open(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\''
            | '`'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{00AB}'
            | '$'
            | '\u{00A3}'
            | '\u{20AC}'
            | '#'
            | '\u{00BF}'
            | '\u{00A1}'
            | '<'
            | '*'
    )
}

fn is_close(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\''
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{00BB}'
            | '%'
            | '\u{2026}'
            | '>'
            | '*'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}')
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The form the model reads for a token: typographic quotes, apostrophes, dashes and the
/// ellipsis in the ASCII spelling that dominates the treebank (`’s` -> `'s`, `—` -> `--`).
pub fn model_form(form: &str) -> std::borrow::Cow<'_, str> {
    if form.is_ascii() {
        return std::borrow::Cow::Borrowed(form);
    }
    let mut s = String::with_capacity(form.len());
    for c in form.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => s.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => {
                s.push('"')
            }
            '\u{2013}' | '\u{2014}' | '\u{2015}' => s.push_str("--"),
            '\u{2026}' => s.push_str("..."),
            '\u{00A0}' => s.push(' '),
            _ => s.push(c),
        }
    }
    std::borrow::Cow::Owned(s)
}

/// Tokenises `text`; spans are byte offsets into it.
pub fn tokenize(text: &str) -> Vec<SyntaxToken> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        chunk(text, s, text.len(), &mut out);
    }
    out
}

fn push(text: &str, a: usize, b: usize, out: &mut Vec<SyntaxToken>) {
    if a < b {
        out.push(SyntaxToken {
            text: text[a..b].to_string(),
            start: a,
            end: b,
        });
    }
}

fn looks_like_url(w: &str) -> bool {
    w.contains("://")
        || w.starts_with("www.")
        || (w.contains('@') && w.contains('.') && !w.starts_with('@'))
}

fn is_clitic(w: &str) -> bool {
    let l = w.replace('\u{2019}', "'").to_lowercase();
    matches!(
        l.as_str(),
        "'s" | "'re" | "'ve" | "'ll" | "'d" | "'m" | "n't"
    )
}

/// One whitespace-delimited chunk `text[a..b]`.
fn chunk(text: &str, mut a: usize, mut b: usize, out: &mut Vec<SyntaxToken>) {
    let mut tail: Vec<(usize, usize)> = Vec::new();
    // leading punctuation
    loop {
        let w = &text[a..b];
        if w.is_empty() || is_clitic(w) {
            break;
        }
        let c = w.chars().next().unwrap();
        if w.starts_with("--") {
            push(text, a, a + 2, out);
            a += 2;
        } else if is_dash(c) || (is_open(c) && w.len() > c.len_utf8()) {
            push(text, a, a + c.len_utf8(), out);
            a += c.len_utf8();
        } else {
            break;
        }
    }
    // trailing punctuation
    loop {
        let w = &text[a..b];
        if w.is_empty() || is_clitic(w) {
            break;
        }
        let c = w.chars().next_back().unwrap();
        let cl = c.len_utf8();
        if w.len() > 3 && w.ends_with("...") {
            tail.push((b - 3, b));
            b -= 3;
        } else if w.len() > 2 && w.ends_with("--") {
            tail.push((b - 2, b));
            b -= 2;
        } else if w.len() > cl && (is_dash(c) || is_close(c)) {
            if is_apos(c) && w.len() > 1 {
                // "allies'" -> "allies" "'" ; keep "rock'n'roll"-like inner apostrophes
                tail.push((b - cl, b));
                b -= cl;
                continue;
            }
            tail.push((b - cl, b));
            b -= cl;
        } else if c == '.' && w.len() > 1 && !keeps_dot(&w[..w.len() - 1]) && !looks_like_url(w) {
            tail.push((b - 1, b));
            b -= 1;
        } else {
            break;
        }
    }
    core(text, a, b, out);
    for &(x, y) in tail.iter().rev() {
        push(text, x, y, out);
    }
}

fn keeps_dot(w: &str) -> bool {
    let l = w.to_lowercase();
    if ABBREV.contains(&l.as_str()) {
        return true;
    }
    // initials and dotted abbreviations: "J", "U.S", "U.N", "e.g"
    let parts: Vec<&str> = w.split('.').collect();
    parts
        .iter()
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
        && (parts.len() > 1 || w.chars().all(char::is_uppercase))
}

/// The core of a chunk: clitics, hyphens, numbers with units.
fn core(text: &str, a: usize, b: usize, out: &mut Vec<SyntaxToken>) {
    let w = &text[a..b];
    if w.is_empty() {
        return;
    }
    if looks_like_url(w) || is_clitic(w) {
        push(text, a, b, out);
        return;
    }
    let lower = w.to_lowercase().replace('\u{2019}', "'");
    // whole-word splits
    for (word, cut) in [("cannot", 3), ("gonna", 3), ("wanna", 3), ("gotta", 3)] {
        if w.is_ascii() && lower == word {
            push(text, a, a + cut, out);
            push(text, a + cut, b, out);
            return;
        }
    }
    // clitics: n't first, then 's 're 've 'll 'd 'm
    if lower.ends_with("n't") && lower.len() > 3 {
        let cut = b - (w.len() - w.char_indices().rev().nth(2).unwrap().0);
        core(text, a, cut, out);
        push(text, cut, b, out);
        return;
    }
    for cl in ["'s", "'re", "'ve", "'ll", "'d", "'m"] {
        if lower.ends_with(cl) && lower.len() > cl.len() {
            // the apostrophe may be 3 bytes (U+2019)
            let ap = w
                .char_indices()
                .rev()
                .nth(cl.len() - 1)
                .map(|(i, _)| i)
                .unwrap_or(0);
            if ap > 0 {
                core(text, a, a + ap, out);
                push(text, a + ap, b, out);
                return;
            }
        }
    }
    // a dash joining two words ("Libya--Turkey relations", the text stage's spelling of
    // "Libya–Turkey"; "partners--Mexico"): each side is a word of its own
    if let Some(pos) = w.find("--").filter(|&p| {
        w[..p].ends_with(char::is_alphanumeric) && w[p + 2..].starts_with(char::is_alphanumeric)
    }) {
        core(text, a, a + pos, out);
        push(text, a + pos, a + pos + 2, out);
        core(text, a + pos + 2, b, out);
        return;
    }
    // hyphens between word characters
    if let Some(pos) = inner_hyphen(w) {
        let first = w[..pos].to_lowercase();
        if !PREFIXES.contains(&first.as_str()) {
            let mut s = a;
            for (i, c) in w.char_indices() {
                if c == '-' && i > 0 && a + i > s {
                    push(text, s, a + i, out);
                    push(text, a + i, a + i + 1, out);
                    s = a + i + 1;
                }
            }
            push(text, s, b, out);
            return;
        }
    }
    // numbers with units: "5km" -> "5" "km", "10pm" -> "10" "pm"
    let digits = w
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
        .last()
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    if digits > 0
        && digits < w.len()
        && w[..digits].starts_with(|c: char| c.is_ascii_digit())
        && w[digits..].chars().all(char::is_alphabetic)
        && !NUM_SUFFIXES.contains(&w[digits..].to_lowercase().as_str())
    {
        push(text, a, a + digits, out);
        push(text, a + digits, b, out);
        return;
    }
    push(text, a, b, out);
}

/// Byte position of the first hyphen standing between two alphanumeric characters.
fn inner_hyphen(w: &str) -> Option<usize> {
    let cs: Vec<(usize, char)> = w.char_indices().collect();
    (1..cs.len().saturating_sub(1))
        .find(|&k| cs[k].1 == '-' && cs[k - 1].1.is_alphanumeric() && cs[k + 1].1.is_alphanumeric())
        .map(|k| cs[k].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        let t = tokenize(s);
        for x in &t {
            assert_eq!(&s[x.start..x.end], x.text);
        }
        t.into_iter().map(|x| x.text).collect()
    }

    #[test]
    fn news_conventions() {
        assert_eq!(
            toks("Mr. Smith didn't go to the U.S. on Jan. 5."),
            ["Mr.", "Smith", "did", "n't", "go", "to", "the", "U.S.", "on", "Jan.", "5", "."]
        );
        assert_eq!(
            toks("\"Russia's US-led allies' anti-war rally,\" he said."),
            [
                "\"", "Russia", "'s", "US", "-", "led", "allies", "'", "anti-war", "rally", ",",
                "\"", "he", "said", "."
            ]
        );
        assert_eq!(
            toks("a 5km march, 10% up, $5"),
            ["a", "5", "km", "march", ",", "10", "%", "up", ",", "$", "5"]
        );
        assert_eq!(
            toks("We can't, they won’t (1980s)"),
            ["We", "ca", "n't", ",", "they", "wo", "n’t", "(", "1980s", ")"]
        );
    }

    #[test]
    fn a_dash_joining_two_words_splits_them() {
        // the text stage writes "Libya–Turkey" as "Libya--Turkey"
        assert_eq!(
            toks("to discuss Libya--Turkey relations"),
            ["to", "discuss", "Libya", "--", "Turkey", "relations"]
        );
        assert_eq!(
            toks("partners--Mexico-based"),
            ["partners", "--", "Mexico", "-", "based"]
        );
    }
}
