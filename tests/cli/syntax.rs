//! `geokg parse`, `geokg parse --eval` and `geokg extract --dump syntax` on the bundled data;
//! `geokg train-syntax --ensemble` and `--train-on-dev` on the EWT dev sample.

use crate::{geokg, root, stderr, stdout, SEED};

/// CoNLL-U for the seed article: ten columns, one root per sentence, and every word's
/// `TokenRange` (characters of the document text, after the date header) spells its form.
#[test]
fn parse_prints_conllu_with_token_ranges() {
    let o = geokg(&["parse", SEED], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let raw = std::fs::read_to_string(root().join(SEED)).unwrap();
    let (_, text) = geokg::input::split_header(&raw).unwrap();
    let chars: Vec<char> = text.chars().collect();
    assert!(out.starts_with("# newdoc id = 000_cca40fcf012346ae\n"));
    let (mut words, mut sentences) = (0, 0);
    for block in out.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let rows: Vec<Vec<&str>> = block
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 1, "{block}");
        for r in &rows {
            assert_eq!(r.len(), 10);
            let range = r[9].strip_prefix("TokenRange=").unwrap();
            let (a, b) = range.split_once(':').unwrap();
            let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
            assert_eq!(chars[a..b].iter().collect::<String>(), r[1]);
            words += 1;
        }
        sentences += 1;
    }
    assert!(
        sentences >= 20 && words >= 400,
        "{sentences} sentences, {words} words"
    );
    // "Russia’s" is split as EWT does; the form keeps its typographic apostrophe, the lemma is
    // the treebank's
    assert!(out.contains("\tRussia\tRussia\tPROPN\tNNP\t"));
    assert!(out.contains("\t\u{2019}s\t's\tPART\tPOS\t"));
}

/// `--eval` prints the scores one per line, at the level the model was committed with.
#[test]
fn parse_eval_prints_scores() {
    let o = geokg(
        &[
            "parse",
            "--eval",
            "tests/fixtures/syntax/en_ewt-dev-sample.conllu",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let score = |name: &str| -> f64 {
        out.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no {name} line in {out}"))
            .parse()
            .unwrap()
    };
    assert!(score("UPOS") >= 0.95);
    assert!(score("UAS") >= 0.815);
    assert!(score("LAS") >= 0.785);
    assert!(score("LAS-subtypes") <= score("LAS"));
}

#[test]
fn parse_errors_name_the_problem() {
    let o = geokg(&["parse"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--eval"));
    let o = geokg(&["parse", "--eval", "no/such/gold.conllu"], &root());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/gold.conllu"), "{}", stderr(&o));
    let o = geokg(
        &["parse", "--eval", "tests/fixtures/malformed.jsonl"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("malformed.jsonl:1:"), "{}", stderr(&o));
}

/// `extract --dump syntax` gives one JSON line per sentence with the tree the rules read.
#[test]
fn extract_dumps_syntax_trees() {
    let o = geokg(&["extract", "--dump", "syntax", SEED], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    let raw = std::fs::read_to_string(root().join(SEED)).unwrap();
    let (_, text) = geokg::input::split_header(&raw).unwrap();
    let mut n = 0;
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let words = v["words"].as_array().unwrap();
        assert!(!words.is_empty());
        for w in words {
            let (a, b) = (
                w["span"][0].as_u64().unwrap(),
                w["span"][1].as_u64().unwrap(),
            );
            assert_eq!(&text[a as usize..b as usize], w["form"].as_str().unwrap());
            assert!(w["head"].as_u64().unwrap() <= words.len() as u64);
        }
        n += 1;
    }
    assert!(n >= 20);
}

const SAMPLE: &str = "tests/fixtures/syntax/en_ewt-dev-sample.conllu";

/// `geokg train-syntax` on the EWT dev sample (as train and dev) with 2 tagger epochs and the
/// given options, writing `out`.
fn train_on_sample(out: &std::path::Path, options: &[&str]) -> std::process::Output {
    let mut args = vec![
        "train-syntax",
        "--train",
        SAMPLE,
        "--dev",
        SAMPLE,
        "--tagger-epochs",
        "2",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(options);
    geokg(&args, &root())
}

/// `geokg parse --eval` of a model file on the sample.
fn eval_on_sample(model: &std::path::Path) -> String {
    let o = geokg(
        &[
            "parse",
            "--model",
            model.to_str().unwrap(),
            "--eval",
            SAMPLE,
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

/// `train-syntax --ensemble 2` writes a working model, the same bytes on a second run (the two
/// parsers train in parallel, yet deterministically); an ensemble of 0 is refused.
#[test]
fn train_syntax_ensemble_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let train = |out: &std::path::Path, k: &str| {
        let o = train_on_sample(out, &["--epochs", "2", "--ensemble", k]);
        assert!(o.status.success(), "{}", stderr(&o));
        std::fs::read(out).unwrap()
    };
    let (a, b) = (dir.path().join("a.model"), dir.path().join("b.model"));
    let first = train(&a, "2");
    assert_eq!(first, train(&b, "2"), "two runs, two different files");
    let uas: f64 = eval_on_sample(&a)
        .lines()
        .find_map(|l| l.strip_prefix("UAS "))
        .expect("a UAS line")
        .parse()
        .unwrap();
    // trained and scored on the same 300 sentences: far above chance
    assert!(uas > 0.6, "UAS {uas}");
    let o = train_on_sample(&dir.path().join("c.model"), &["--ensemble", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--ensemble"), "{}", stderr(&o));
    assert!(!dir.path().join("c.model").exists());
}

/// `train-syntax --train-on-dev` trains on both files for exactly `--epochs` epochs and keeps
/// the last one, whatever its dev score; the model it writes parses.
#[test]
fn train_syntax_on_dev_keeps_the_last_epoch() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("td.model");
    let o = train_on_sample(&out, &["--epochs", "3", "--train-on-dev"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let log = stderr(&o);
    assert!(
        log.contains("training on train and dev (600 sentences), 3 parser epochs"),
        "{log}"
    );
    assert!(log.contains("kept parser epoch 3 "), "{log}");
    let model = std::fs::read(&out).unwrap();
    assert!(model.starts_with(b"GEOKG-SYNTAX 1\n"));
    assert!(eval_on_sample(&out).lines().any(|l| l.starts_with("LAS ")));
}
