//! Property-based fuzzing of every stage that reads user input: the input readers (plain text
//! with a `date` header, JSON Lines, directories), text normalisation and sentence splitting,
//! tokens, mention finding, the whole extractor, the gazetteer, noun-lexicon and CAMEO
//! dictionary parsers, and the SPARQL result writers.
//!
//! The properties: nothing panics; every span is a char-boundary range of the original text
//! that holds what the stage says it holds; the output is deterministic; and a 1 MB sentence
//! without punctuation finishes (a guard against quadratic blow-ups, not a speed test).
//!
//! `cargo test` runs each property on a fixed number of cases from a fixed seed, so it is fast
//! and reproducible. `GEOKG_FUZZ_SECS=N cargo test --release --test fuzz -- --test-threads=1
//! --nocapture` runs the same properties for about N seconds in all (each gets an equal share,
//! with fresh seeds) and prints how many cases each ran. A failing case is printed shrunk by
//! proptest; keep it as a `#[test]` in the "Regressions" section at the end.
//!
//! New properties (the syntax layer's, for instance) go inside the `fuzz_properties!` block:
//! `fn name(cases = N, input in STRATEGY, ...) { body }`, where the body uses `prop_assert!`
//! and the helpers below (`check_span`, `deterministic`).

use geokg::actors::mentions::find_mentions;
use geokg::actors::{Discourse, Gazetteer, NounLexicon};
use geokg::export::{write_results, ResultsFormat};
use geokg::input::{read_inputs, InputOptions};
use geokg::model::{DocId, Document};
use geokg::stance::Extractor;
use geokg::store::KgStore;
use geokg::text::{normalize, split_sentences, tokenize};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// The runner

/// Runs one property: `cases` cases from a seed fixed by the name, or, under
/// `GEOKG_FUZZ_SECS`, rounds of fresh seeds for the property's share of the time.
fn run<S>(
    name: &str,
    share_of: usize,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let budget = std::env::var("GEOKG_FUZZ_SECS")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(|s| Duration::from_secs_f64(s / share_of as f64));
    let seed = |round: u64| {
        // FNV-1a of the name, then the round: a fixed, distinct stream per property and round
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.bytes().chain(round.to_le_bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let mut s = [0u8; 32];
        for (i, c) in s.chunks_mut(8).enumerate() {
            c.copy_from_slice(&h.rotate_left(i as u32 * 16).to_le_bytes());
        }
        s
    };
    let started = Instant::now();
    let mut total = 0u64;
    let mut round = 0u64;
    loop {
        let config = Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        };
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed(round));
        let mut runner = TestRunner::new_with_rng(config, rng);
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("fuzz property {name} failed (round {round}): {e}");
        }
        total += u64::from(cases);
        round += 1;
        match budget {
            Some(b) if started.elapsed() < b => continue,
            _ => break,
        }
    }
    eprintln!(
        "fuzz {name}: {total} cases in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Declares the properties: each becomes a `#[test]` run by [`run`], and the time of a
/// `GEOKG_FUZZ_SECS` campaign is shared among all of them.
macro_rules! fuzz_properties {
    ($(fn $name:ident(cases = $cases:expr, $($arg:ident in $strat:expr),+ $(,)?) $body:block)*) => {
        const PROPERTIES: usize = [$(stringify!($name)),*].len();
        $(
            #[test]
            fn $name() {
                run(stringify!($name), PROPERTIES, $cases, ($($strat,)+), |($($arg,)+)| {
                    $body
                    Ok(())
                });
            }
        )*
    };
}

// ---------------------------------------------------------------------------------------------
// Helpers for the properties

/// A span `[start, end)` is a char-boundary range of `text`.
fn check_span(text: &str, (start, end): (usize, usize), what: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside the text of {} bytes",
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} splits a character"
    );
    Ok(())
}

/// `f` gives the same output twice.
fn deterministic<T: PartialEq + std::fmt::Debug>(f: impl Fn() -> T) -> Result<T, TestCaseError> {
    let a = f();
    let b = f();
    prop_assert_eq!(&a, &b, "not deterministic");
    Ok(a)
}

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::bundled().expect("the bundled dictionaries"));

/// Words and marks the extractor reacts to, so random text reaches its rules.
const VOCAB: &[&str] = &[
    "Russia",
    "NATO",
    "Nato",
    "the United States",
    "U.S.",
    "Washington",
    "Moscow",
    "Kyiv",
    "Ukraine",
    "Ukrainian",
    "Russian",
    "Putin",
    "Vladimir Putin",
    "Lavrov",
    "Biden",
    "Mr.",
    "Ms",
    "Dr.",
    "Wendy R. Sherman",
    "the alliance",
    "he",
    "she",
    "they",
    "we",
    "it",
    "its",
    "his",
    "the EU",
    "China",
    "Beijing",
    "the West",
    "Iran",
    "🇷🇺",
    "🇺🇸",
    "🇺🇦",
    "said",
    "says",
    "told",
    "rejected",
    "rejects",
    "demanded",
    "demand",
    "threatened",
    "threatens",
    "warned",
    "called on",
    "urged",
    "criticised",
    "condemned",
    "sanctioned",
    "sanctions",
    "supports",
    "backed",
    "agreed",
    "met",
    "talks with",
    "negotiations",
    "meeting with",
    "accused",
    "denies",
    "denied",
    "will",
    "would",
    "could",
    "might",
    "not",
    "never",
    "n't",
    "no",
    "neither",
    "nor",
    "if",
    "after",
    "before",
    "and",
    "or",
    "but",
    "by",
    "was",
    "were",
    "is",
    "to",
    "of",
    "on",
    "with",
    "against",
    "for",
    "the",
    "a",
    "that",
    "NATO enlargement",
    "expansion",
    "ceasefire",
    "sovereignty",
    "on Sunday",
    "last week",
    "yesterday",
    "in 2014",
    "January 10",
    "in March",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "\"",
    "'",
    "'s",
    "\u{201C}",
    "\u{201D}",
    "\u{2019}",
    "\u{2014}",
    "--",
    "-",
    "...",
    "\u{2026}",
    "(",
    ")",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u{00A0}",
    "\u{200B}",
    "\u{FEFF}",
    "— Wendy R. Sherman (@DeputySecState) January 10, 2022",
    "pic.twitter.com/abc",
    "Read more",
    "date 2022-01-10",
    "U.N.",
    "St.",
    "pro-Russian",
];

/// Text made of vocabulary words, punctuation and arbitrary characters.
fn article_text(max_words: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(VOCAB).prop_map(str::to_owned),
        1 => "\\PC{0,6}",
        1 => any::<char>().prop_map(String::from),
    ];
    let sep = prop_oneof![4 => Just(" "), 1 => Just(""), 1 => Just("\n"), 1 => Just(". ")];
    prop::collection::vec((piece, sep), 0..max_words)
        .prop_map(|v| v.into_iter().map(|(w, s)| w + s).collect::<String>())
}

fn document(text: String, dated: bool) -> Document {
    Document {
        id: DocId("fuzz".to_owned()),
        date: dated.then(|| chrono::NaiveDate::from_ymd_opt(2022, 1, 10).unwrap()),
        title: None,
        url: None,
        text,
        origin: "fuzz".to_owned(),
    }
}

/// Bytes that look like an article file: a header or not, text, sometimes broken UTF-8.
fn txt_bytes() -> impl Strategy<Value = Vec<u8>> {
    let header = prop_oneof![
        Just(String::new()),
        Just("date 2022-01-10\n".to_owned()),
        Just("  date 2022-01-10 ".to_owned()),
        Just("date 2022-13-40\n".to_owned()),
        Just("date\t1999-02-28".to_owned()),
        "date [0-9-]{0,12}\n?",
    ];
    (
        header,
        article_text(30),
        prop::collection::vec(any::<u8>(), 0..8),
        any::<bool>(),
    )
        .prop_map(|(h, t, junk, with_junk)| {
            let mut b = (h + &t).into_bytes();
            if with_junk {
                let at = b.len() / 2;
                b.splice(at..at, junk);
            }
            b
        })
}

/// Bytes that look like a JSON Lines file: good records, bad ones, broken lines.
fn jsonl_bytes() -> impl Strategy<Value = Vec<u8>> {
    let id = prop_oneof![
        "[a-z0-9_]{1,8}".prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        Just(serde_json::json!("")),
        Just(serde_json::json!([1, 2])),
    ];
    let date = prop_oneof![
        Just(None),
        Just(Some("2022-01-10".to_owned())),
        Just(Some(String::new())),
        "[0-9x-]{0,11}".prop_map(Some),
    ];
    let record = (
        prop::option::of(id),
        prop::option::of(article_text(12)),
        date,
    )
        .prop_map(|(id, text, date)| {
            let mut m = serde_json::Map::new();
            if let Some(id) = id {
                m.insert("id".into(), id);
            }
            if let Some(t) = text {
                m.insert("text".into(), t.into());
            }
            if let Some(d) = date {
                m.insert("date".into(), d.into());
            }
            serde_json::Value::Object(m).to_string().into_bytes()
        });
    let line = prop_oneof![
        6 => record,
        1 => prop::collection::vec(any::<u8>(), 0..20),
        1 => "\\PC{0,20}".prop_map(String::into_bytes),
        1 => Just(b"{\"id\": 1, \"text\": \"unterminated".to_vec()),
    ];
    prop::collection::vec(line, 0..8).prop_map(|lines| lines.join(&b'\n'))
}

fn write(path: &Path, bytes: &[u8]) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
}

/// Documents and error messages of reading `inputs`, for comparisons.
fn read_all(inputs: &[PathBuf]) -> (Vec<Document>, Vec<String>) {
    let batch = read_inputs(inputs, &InputOptions::default());
    (
        batch.documents,
        batch.errors.iter().map(ToString::to_string).collect(),
    )
}

/// A SPARQL literal value or IRI local name, anything a user might store.
fn term_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,12}",
        any::<String>(),
        Just("a,b\"c\td\ne\r\\f".to_owned()),
        Just(String::new()),
    ]
}

// ---------------------------------------------------------------------------------------------
// The properties

fuzz_properties! {
    fn plain_text_files_read_without_panic(cases = 64, bytes in txt_bytes()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("article.txt");
        write(&path, &bytes);
        let (docs, errors) = deterministic(|| read_all(std::slice::from_ref(&path)))?;
        prop_assert_eq!(docs.len() + errors.len(), 1, "one file, one document or one error");
        for e in &errors {
            prop_assert!(e.starts_with(&path.display().to_string()), "error names the file: {}", e);
        }
        for d in &docs {
            let text = std::str::from_utf8(&bytes).expect("a document only from UTF-8");
            prop_assert!(text.ends_with(&d.text), "the text is the file after the header");
            prop_assert_eq!(d.id.as_str(), "article");
        }
    }

    fn jsonl_files_keep_good_records(cases = 64, bytes in jsonl_bytes()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("batch.jsonl");
        write(&path, &bytes);
        let (docs, errors) = deterministic(|| read_all(std::slice::from_ref(&path)))?;
        let lines = bytes
            .split(|b| *b == b'\n')
            .filter(|l| !String::from_utf8_lossy(l).trim().is_empty())
            .count();
        prop_assert!(docs.len() + errors.len() <= lines);
        let p = path.display().to_string();
        for e in &errors {
            prop_assert!(e.starts_with(&format!("{p}:")), "error names file and line: {}", e);
        }
        for d in &docs {
            prop_assert!(d.origin.starts_with(&format!("{p}:")), "{}", d.origin);
            prop_assert!(!d.id.as_str().trim().is_empty());
        }
    }

    fn directories_read_in_sorted_order(
        cases = 24,
        files in prop::collection::btree_map("[a-c]{1,2}(/[a-c]{1,2})?\\.(txt|jsonl|md)", prop_oneof![txt_bytes(), jsonl_bytes()], 0..6),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(&root).unwrap();
        let mut written = Vec::new();
        for (name, bytes) in &files {
            let path = root.join(name);
            // a name both a file and a folder ("a" and "a/b.txt") keeps the first
            if path.parent().is_some_and(|p| p.is_file()) || path.is_dir() {
                continue;
            }
            write(&path, bytes);
            written.push(path);
        }
        let (docs, errors) = deterministic(|| read_all(std::slice::from_ref(&root)))?;
        // the directory reads as its .txt and .jsonl files one by one, in sorted order
        let mut wanted: Vec<PathBuf> = written
            .into_iter()
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")))
            .collect();
        wanted.sort();
        let one_by_one = read_all(&wanted);
        prop_assert_eq!(docs, one_by_one.0);
        prop_assert_eq!(errors, one_by_one.1);
    }

    fn normalisation_maps_back_to_char_boundaries(cases = 256, s in article_text(40), base in 0usize..5) {
        let (norm, map) = deterministic(|| normalize(&s, base))?;
        prop_assert_eq!(map.len(), norm.len() + 1);
        prop_assert_eq!(*map.last().unwrap(), base + s.len());
        prop_assert!(map.windows(2).all(|w| w[0] <= w[1]), "the map is monotone");
        for &m in &map {
            prop_assert!(m >= base && s.is_char_boundary(m - base), "map value {} splits a character", m);
        }
    }

    fn sentences_are_slices_of_the_text(cases = 256, text in article_text(60)) {
        let sentences = deterministic(|| split_sentences(&text))?;
        let mut last_end = 0;
        for (i, s) in sentences.iter().enumerate() {
            check_span(&text, s.span, "sentence")?;
            prop_assert_eq!(&text[s.span.0..s.span.1], s.text.as_str());
            prop_assert!(s.span.0 >= last_end, "sentences are in order and do not overlap");
            last_end = s.span.1;
            prop_assert_eq!(s.index, i);
            // every normalised char boundary maps into the sentence, on a char boundary
            for (j, _) in s.norm.char_indices().chain([(s.norm.len(), ' ')]) {
                let o = s.original_offset(j);
                prop_assert!(o >= s.span.0 && o <= s.span.1 && text.is_char_boundary(o));
            }
            for t in s.tokens() {
                check_span(&s.norm, (t.start, t.end), "token")?;
                prop_assert_eq!(&s.norm[t.start..t.end], t.text.as_str());
            }
        }
    }

    fn tokens_cover_words_of_any_text(cases = 256, s in any::<String>()) {
        let toks = deterministic(|| tokenize(&s))?;
        let mut last = 0;
        for t in &toks {
            check_span(&s, (t.start, t.end), "token")?;
            prop_assert!(t.start >= last && t.start < t.end);
            last = t.end;
        }
    }

    fn mentions_are_token_ranges(cases = 128, text in article_text(40)) {
        let ex = &*EXTRACTOR;
        for s in split_sentences(&text) {
            let toks = s.tokens();
            let find = || {
                let mut disc = Discourse::new(None);
                find_mentions(&ex.gazetteer, &ex.nouns, &s.norm, &toks, &mut disc)
            };
            for m in deterministic(find)? {
                prop_assert!(m.start < m.end && m.end <= toks.len(), "mention {}..{} of {} tokens", m.start, m.end, toks.len());
            }
        }
    }

    fn the_extractor_keeps_spans_and_is_deterministic(cases = 96, text in article_text(80), dated in any::<bool>()) {
        let doc = document(text, dated);
        let ex = deterministic(|| EXTRACTOR.extract(&doc))?;
        for st in &ex.statements {
            check_span(&doc.text, st.span, "statement")?;
            prop_assert_eq!(&doc.text[st.span.0..st.span.1], st.text.as_str());
            prop_assert!((0.0..=1.0).contains(&st.confidence), "confidence {}", st.confidence);
            prop_assert!(st.sentence < ex.sentence_count.max(1));
        }
        // the --dump trace covers the same sentences
        let trace = EXTRACTOR.trace(&doc);
        for line in &trace {
            check_span(&doc.text, line.span, "trace")?;
        }
        prop_assert_eq!(trace.len(), ex.sentence_count);
    }

    fn gazetteer_files_parse_or_fail_cleanly(
        cases = 128,
        rows in prop::collection::vec(prop::collection::vec(prop_oneof![
            3 => "[A-Za-z0-9 .|'-]{0,12}",
            1 => Just("state".to_owned()), 1 => Just("organization".to_owned()),
            1 => Just("person".to_owned()), 1 => Just("RUS".to_owned()),
            1 => Just("Q159".to_owned()), 1 => Just("NATO|EU".to_owned()),
            1 => Just("RUS:minister:2004-03-09..".to_owned()),
            1 => "\\PC{0,6}",
        ], 0..11), 0..6),
        header in any::<bool>(),
    ) {
        let mut content = String::new();
        if header {
            content.push_str("# geokg-actors/1\nid\tkind\tcode\tname\taliases\tcapitals\tqid\tmember_of\toperates_in\tsource\n");
        }
        for r in &rows {
            content.push_str(&r.join("\t"));
            content.push('\n');
        }
        let parsed = deterministic(|| geokg::actors::gazetteer::parse_file("fuzz.tsv", &content).map_err(|e| e.to_string()))?;
        match parsed {
            Ok(entries) => {
                // whatever parsed builds a gazetteer (or a clean error), and finds its names
                if let Ok(g) = Gazetteer::from_entries(entries) {
                    let _ = g.lookup("Russia");
                }
            }
            Err(e) => prop_assert!(e.starts_with("fuzz.tsv"), "the error names the file: {}", e),
        }
    }

    fn noun_lexicon_files_parse_or_fail_cleanly(cases = 128, content in "(([a-z ]{0,10}|\\PC{0,4})\t(agent|role|place|[a-z]{0,4})\n){0,6}") {
        if let Err(e) = NounLexicon::parse("nouns.tsv", &content) {
            prop_assert!(e.to_string().starts_with("nouns.tsv"), "{}", e);
        }
    }

    fn cameo_dictionaries_parse_or_fail_cleanly(
        cases = 128,
        lines in prop::collection::vec(prop_oneof![
            "[A-Z_]{1,12}_?( ; [a-z ]{0,8})?",
            "\\+[A-Z_]{1,12}",
            "\t\\[[A-Z]{3,6}( ?[<>]?[0-9]{6,8})?\\]",
            "\\[[A-Z]{0,6}",
            "#[^\n]{0,10}",
            "\\PC{0,10}",
        ], 0..10),
    ) {
        let content = lines.join("\n");
        let known = |c: &str| matches!(c, "COD" | "UKR" | "RUS" | "USA" | "NATO");
        let parsed = deterministic(|| {
            geokg::actors::cameo::parse("fuzz.actors", &content, &known)
                .map(|(e, w)| (e.len(), w))
                .map_err(|e| e.to_string())
        })?;
        if let Err(e) = parsed {
            prop_assert!(e.starts_with("fuzz.actors"), "{}", e);
        }
    }

    fn sparql_results_write_in_every_format(cases = 64, values in prop::collection::vec((term_value(), any::<bool>()), 0..6)) {
        use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
        let kg = KgStore::memory().unwrap();
        let p = NamedNode::new("http://example.org/p").unwrap();
        for (i, (v, lang)) in values.iter().enumerate() {
            let s = NamedNode::new(format!("http://example.org/s{i}")).unwrap();
            let o = if *lang {
                Literal::new_language_tagged_literal(v.clone(), "en").unwrap()
            } else {
                Literal::new_simple_literal(v.clone())
            };
            kg.inner().insert(&Quad::new(s, p.clone(), o, GraphName::DefaultGraph)).unwrap();
        }
        let query = "SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?s";
        for format in ResultsFormat::ALL {
            let out = deterministic(|| {
                let mut out = Vec::new();
                write_results(kg.query(query).unwrap(), format, &mut out).unwrap();
                out
            })?;
            let text = String::from_utf8(out).expect("UTF-8 results");
            match format {
                ResultsFormat::Json => {
                    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
                    let mut got: Vec<String> = v["results"]["bindings"].as_array().unwrap()
                        .iter().map(|b| b["o"]["value"].as_str().unwrap().to_owned()).collect();
                    let mut want: Vec<String> = values.iter().map(|(v, _)| v.clone()).collect();
                    got.sort();
                    want.sort();
                    prop_assert_eq!(got, want, "JSON round-trips every value");
                }
                ResultsFormat::Tsv => {
                    prop_assert_eq!(text.lines().count(), values.len() + 1, "one TSV line per row: {:?}", text);
                }
                ResultsFormat::Table => {
                    prop_assert_eq!(text.lines().count(), values.len() + 2, "header, rule and one line per row: {:?}", text);
                }
                ResultsFormat::Csv => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Time: a hang or blow-up guard (the benchmarks measure speed)

/// A sentence of `bytes` bytes without a full stop, from the vocabulary's words.
fn long_sentence(bytes: usize) -> String {
    let words: Vec<&str> = VOCAB
        .iter()
        .copied()
        .filter(|w| !w.contains(['.', '!', '?', '\n', '\u{2026}']))
        .collect();
    let mut s = String::with_capacity(bytes + 64);
    let mut i = 0usize;
    while s.len() < bytes {
        s.push_str(words[(i * 7919) % words.len()]);
        s.push(' ');
        i += 1;
    }
    s
}

#[test]
fn a_megabyte_sentence_without_punctuation_finishes() {
    let text = long_sentence(1 << 20);
    assert!(text.len() >= 1 << 20);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let doc = document(text, true);
        let started = Instant::now();
        let ex = EXTRACTOR.extract(&doc);
        let _ = tx.send((ex.sentence_count, ex.statements.len(), started.elapsed()));
    });
    // generous: a linear pass takes about a second; before run-on sentences were cut
    // (text::MAX_SENTENCE_BYTES), the rules' pairs of cues and mentions took 44 s here, and
    // four times as long for each doubling
    let limit = Duration::from_secs(120);
    match rx.recv_timeout(limit) {
        Ok((sentences, statements, took)) => {
            eprintln!(
                "1 MB sentence: {sentences} sentences, {statements} statements in {:.1} s",
                took.as_secs_f64()
            );
        }
        Err(_) => panic!("extracting a 1 MB sentence did not finish within {limit:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions: failing cases the fuzzing found, kept as tests

/// Found by `sentences_are_slices_of_the_text`: a period after a no-break space (2 bytes in
/// UTF-8) cut the text inside that character when looking for an abbreviation before it.
#[test]
fn a_period_after_a_no_break_space() {
    for text in [
        "\u{a0}. ",
        "Russia\u{a0}. Moscow rejected NATO.",
        "Mr\u{2003}. Lavrov said.",
    ] {
        let sentences = split_sentences(text);
        for s in &sentences {
            assert_eq!(&text[s.span.0..s.span.1], s.text);
        }
        let ex = EXTRACTOR.extract(&document(text.to_owned(), true));
        assert_eq!(ex.sentence_count, sentences.len());
    }
}
