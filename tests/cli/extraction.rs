//! Extraction quality and dictionaries through the CLI: the hand-coded corpus gold, PETRARCH
//! validation records, CAMEO actor dictionaries, dates and issue targets in the JSON output.

use super::*;

fn score(args: &[&str]) -> serde_json::Value {
    let o = geokg(args, &root());
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(stdout(&o).trim()).expect("score JSON")
}

/// Scores `gold` on `inputs` and checks precision and recall against floors under today's
/// figures (so that a change that loses quality fails) and the number of required items.
fn gold_floor(gold: &str, inputs: &[&str], precision: f64, recall: f64, required: u64) {
    let mut args = vec!["eval", gold];
    args.extend_from_slice(inputs);
    args.push("--json");
    let s = score(&args);
    let (p, r) = (
        s["precision"].as_f64().unwrap(),
        s["recall"].as_f64().unwrap(),
    );
    assert!(p >= precision, "{gold}: precision {p}");
    assert!(r >= recall, "{gold}: recall {r}");
    assert_eq!(s["required"].as_u64(), Some(required), "{gold}");
}

const BUNDLED: [&str; 2] = ["data/articles/voa.jsonl", "data/articles/wikinews.jsonl"];

/// `--by capability` counts the tree rules too: every statement of `tree-nominal` and
/// `tree-nominal-object` is a nominal cue's, every `tree-ccomp-speech`, `tree-evaluative` and
/// `tree-reported-accusation` one a speaker's, every `tree-xcomp` one read through control, so
/// in each gold file each capability holds at least those rules' statements. Each rule fires in
/// at least one of the three files.
#[test]
fn capabilities_count_the_tree_rules() {
    let groups = [
        ("nominal", &["tree-nominal", "tree-nominal-object"][..]),
        (
            "speech",
            &[
                "tree-ccomp-speech",
                "tree-evaluative",
                "tree-reported-accusation",
            ][..],
        ),
        ("control", &["tree-xcomp"][..]),
    ];
    let mut seen: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
    for gold in [
        "tests/gold/voa-wikinews.gold.json",
        "tests/gold/corpus.gold.json",
        "tests/gold/voa-wikinews-2.gold.json",
    ] {
        let by = |what: &str| {
            let s = score(&["eval", gold, BUNDLED[0], BUNDLED[1], "--json", "--by", what]);
            s["by"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| {
                    let n = g["predicted"].as_u64().unwrap();
                    (g["group"].as_str().unwrap().to_owned(), n)
                })
                .collect::<std::collections::BTreeMap<String, u64>>()
        };
        let (rules, caps) = (by("rule"), by("capability"));
        for (cap, tree_rules) in groups {
            let need: u64 = tree_rules.iter().filter_map(|n| rules.get(*n)).sum();
            seen.extend(
                tree_rules
                    .iter()
                    .filter(|n| rules.get(**n).is_some_and(|&c| c > 0)),
            );
            assert!(
                caps.get(cap).copied().unwrap_or(0) >= need,
                "{gold} {cap}: {caps:?} {rules:?}"
            );
        }
    }
    for (cap, tree_rules) in groups {
        for rule in tree_rules {
            assert!(
                seen.contains(rule),
                "{cap}: no statement of {rule} in the three files"
            );
        }
    }
}

/// The 17 hand-coded VOA and Wikinews articles of tests/gold/corpus.gold.json.
#[test]
fn corpus_gold_precision_and_recall_floor() {
    gold_floor("tests/gold/corpus.gold.json", &BUNDLED, 0.84, 0.57, 139);
}

#[test]
fn voa_wikinews_gold_precision_and_recall_floor() {
    gold_floor(
        "tests/gold/voa-wikinews.gold.json",
        &BUNDLED,
        0.86,
        0.54,
        184,
    );
}

/// The held-out round of issue 10: 12 articles coded before geokg was run on them; its first,
/// untouched reading was P 0.600 R 0.293 (tests/gold/voa-wikinews-2.notes.md); 0.647/0.342 after
/// the C.A.R. alias and the coordinated-demonym rule; 0.676/0.415 once a hinted sanction
/// reads as a threat; 0.684/0.439 with the role nouns of the other ministers; 0.806/0.463 once
/// wishes and the acts an appeal asks for are no events; 0.846/0.561 with the tree rules' repairs
/// of typical misparses (known names as proper nouns, split subjects, misattached phrases);
/// 0.867/0.634 after the round on misses classified by what their sentence already held.
#[test]
fn voa_wikinews_2_gold_precision_and_recall_floor() {
    gold_floor(
        "tests/gold/voa-wikinews-2.gold.json",
        &BUNDLED,
        0.86,
        0.63,
        41,
    );
}

/// The third held-out round: 11 articles coded before geokg was run on them; untouched reading
/// P 0.378 R 0.256 with main cf83cfe (tests/gold/voa-wikinews-3.notes.md); 0.413/0.308 after
/// the role-after-agent-noun mention and the `rejected-charge` rule; 0.435/0.333 once UN
/// agencies take the code UN and an actor-modified noun is no reciprocal event (0.455); 0.500
/// once military backing is military cooperation; 0.565/0.436 once "the government" is the one
/// the article just named as such; 0.588/0.538 after the round on classified misses.
#[test]
fn voa_wikinews_3_gold_precision_and_recall_floor() {
    gold_floor(
        "tests/gold/voa-wikinews-3.gold.json",
        &BUNDLED,
        0.58,
        0.53,
        39,
    );
}

/// The fourth held-out round: 11 articles coded before geokg was run on them; untouched reading
/// P 0.500 R 0.241 with main 22da9ac (tests/gold/voa-wikinews-4.notes.md); 0.565/0.310 after
/// the gazetteer's code conventions (UN agencies, armed groups), the metonyms without "the",
/// new cues and the name-particle guard, some of them found on this file's misses (a former
/// official no longer speaks for his state: two lucky matches fewer); 0.708/0.379 once a claim
/// of responsibility is also a statement (CAMEO 015), which this file's coders did not code
/// while `voa-wikinews`' did: two false positives here.
#[test]
fn voa_wikinews_4_gold_precision_and_recall_floor() {
    gold_floor(
        "tests/gold/voa-wikinews-4.gold.json",
        &BUNDLED,
        0.70,
        0.37,
        29,
    );
}

/// The wikinews-extra articles live in the shared corpus beside the repository
/// (`../shared/corpus`, or `../../shared/corpus` from a worktree), not in it: the floor is
/// checked where they are.
#[test]
fn wikinews_extra_gold_precision_and_recall_floor() {
    let Some(corpus) = ["../shared", "../../shared"]
        .iter()
        .map(|d| root().join(d).join("corpus/wikinews-extra.jsonl"))
        .find(|p| p.exists())
    else {
        eprintln!("skipped: ../shared/corpus/wikinews-extra.jsonl not found");
        return;
    };
    gold_floor(
        "tests/gold/wikinews-extra.gold.json",
        &[corpus.to_str().unwrap()],
        0.84,
        0.43,
        151,
    );
}

#[test]
fn petrarch_validation_records_are_scored_without_inputs() {
    let s = score(&["eval", "tests/fixtures/validation.xml", "--json"]);
    assert_eq!(s["required"].as_u64(), Some(4));
    assert_eq!(s["required_found"].as_u64(), Some(4), "{s}");
    assert_eq!(s["precision"].as_f64(), Some(1.0), "{s}");
}

#[test]
fn cameo_dictionaries_add_actors_with_dated_codes() {
    let t = tmp();
    let input = t.path().join("a.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"c\",\"date\":\"2023-05-01\",\"text\":\"Felix Tshisekedi condemned Rwanda.\"}\n",
    )
    .unwrap();
    let without = stdout(&geokg(&["extract", input.to_str().unwrap()], &root()));
    assert!(!without.contains("\"code\":\"COD\""), "{without}");
    let o = geokg(
        &[
            "extract",
            "--actors-cameo",
            "tests/fixtures/phoenix_sample.actors",
            input.to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("\"mention\":\"Felix Tshisekedi\"")
            && out.contains("\"code\":\"COD\"")
            && out.contains("\"code\":\"RWA\""),
        "{out}"
    );
    // a bad dictionary names the file and line
    let bad = t.path().join("bad.actors");
    std::fs::write(&bad, "+ORPHAN_SYNONYM_\n").unwrap();
    let o = geokg(
        &[
            "extract",
            "--actors-cameo",
            bad.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("bad.actors:1: a '+' synonym before any phrase"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn statements_carry_dates_modality_and_issue_polarity() {
    let o = geokg(&["extract", SEED], &root());
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // "will include Nato and Russia meeting on Wednesday" (article of Monday 2022-01-10)
    let planned = lines
        .iter()
        .find(|v| {
            v["actor"]["code"] == "NATO"
                && v["stance"]["id"] == "consult"
                && v["target"]["code"] == "RUS"
        })
        .unwrap();
    assert_eq!(planned["date"], "2022-01-12");
    assert_eq!(planned["article_date"], "2022-01-10");
    assert_eq!(planned["modality"], "future");
    // "Moscow's demand for a ban on further expansion" opposes NATO enlargement
    let issue = lines
        .iter()
        .find(|v| v["target"]["id"] == "nato-enlargement" && v["actor"]["code"] == "RUS")
        .unwrap();
    assert_eq!(issue["target"]["kind"], "issue");
    assert_eq!(issue["polarity"], "oppose");
    // "the US was committed to the freedom of sovereign nations to choose their own
    // alliances" supports it
    let us = lines
        .iter()
        .find(|v| v["target"]["id"] == "nato-enlargement" && v["actor"]["code"] == "USA")
        .unwrap();
    assert_eq!(us["polarity"], "support");
    assert_eq!(us["stance"]["id"], "intend_cooperate");
}
