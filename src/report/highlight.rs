//! HTML escaping and the evidence highlighter: marks the actor mention, cue and target mention
//! in a statement's sentence.

use std::ops::Range;

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte ranges where `needle` occurs in `text`, whole-word occurrences first (a needle that
/// starts or ends with a non-word character counts as whole there).
fn occurrences(text: &str, needle: &str) -> Vec<Range<usize>> {
    if needle.trim().is_empty() {
        return Vec::new();
    }
    let all: Vec<Range<usize>> = text
        .match_indices(needle)
        .map(|(i, m)| i..i + m.len())
        .collect();
    let whole: Vec<Range<usize>> = all
        .iter()
        .filter(|r| {
            let before = text[..r.start].chars().next_back();
            let after = text[r.end..].chars().next();
            let first = needle.chars().next().is_some_and(is_word_char);
            let last = needle.chars().next_back().is_some_and(is_word_char);
            let starts_inside_a_word = first && before.is_some_and(is_word_char);
            let ends_inside_a_word = last && after.is_some_and(is_word_char);
            !(starts_inside_a_word || ends_inside_a_word)
        })
        .cloned()
        .collect();
    if whole.is_empty() {
        all
    } else {
        whole
    }
}

fn overlaps(r: &Range<usize>, taken: &[(Range<usize>, &str)]) -> bool {
    taken
        .iter()
        .any(|(t, _)| r.start < t.end && t.start < r.end)
}

/// Where to look for a mention relative to the cue.
#[derive(Clone, Copy)]
enum Prefer {
    /// The last occurrence before the position, else the first after it.
    Before(usize),
    /// The first occurrence at or after the position, else the last before it.
    After(usize),
    First,
}

fn pick(
    text: &str,
    needle: &str,
    prefer: Prefer,
    taken: &[(Range<usize>, &str)],
) -> Option<Range<usize>> {
    let free: Vec<Range<usize>> = occurrences(text, needle)
        .into_iter()
        .filter(|r| !overlaps(r, taken))
        .collect();
    match prefer {
        Prefer::First => free.first().cloned(),
        Prefer::Before(pos) => free
            .iter()
            .rev()
            .find(|r| r.end <= pos)
            .or_else(|| free.iter().find(|r| r.start >= pos))
            .or(free.first())
            .cloned(),
        Prefer::After(pos) => free
            .iter()
            .find(|r| r.start >= pos)
            .or_else(|| free.iter().rev().find(|r| r.end <= pos))
            .or(free.first())
            .cloned(),
    }
}

/// The sentence as HTML with `<mark class="m-actor">`, `<mark class="m-cue">` and
/// `<mark class="m-target">` around the actor mention, the cue and the target mention.
///
/// The cue is found first; the actor is the occurrence of its mention nearest before the cue
/// and the target the nearest after it (the other side when there is none). A part that does
/// not occur in the sentence (an inherited subject, a pronoun resolved from an earlier
/// sentence) or that would overlap an earlier mark is left unmarked.
pub fn highlight(text: &str, actor: &str, cue: &str, target: &str) -> String {
    let mut taken: Vec<(Range<usize>, &str)> = Vec::new();
    let cue_range = pick(text, cue, Prefer::First, &taken);
    let (before, after) = match &cue_range {
        Some(r) => (Prefer::Before(r.start), Prefer::After(r.end)),
        None => (Prefer::First, Prefer::First),
    };
    if let Some(r) = cue_range {
        taken.push((r, "m-cue"));
    }
    if let Some(r) = pick(text, actor, before, &taken) {
        taken.push((r, "m-actor"));
    }
    if let Some(r) = pick(text, target, after, &taken) {
        taken.push((r, "m-target"));
    }
    taken.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + 96);
    let mut at = 0;
    for (r, class) in taken {
        out.push_str(&escape(&text[at..r.start]));
        out.push_str("<mark class=\"");
        out.push_str(class);
        out.push_str("\">");
        out.push_str(&escape(&text[r.clone()]));
        out.push_str("</mark>");
        at = r.end;
    }
    out.push_str(&escape(&text[at..]));
    out
}
