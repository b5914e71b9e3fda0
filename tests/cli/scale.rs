//! Building at scale: the bulk path, batched transactions, `geokg extract` as a streaming
//! filter (statements or N-Quads), `geokg load`, `geokg remove` and the Parquet export, all
//! giving the store (`geokg export --format nq`) that `geokg build` gives.

use super::*;
use std::io::Write;
use std::process::Stdio;

/// `geokg ARGS` with `input` on stdin.
pub(crate) fn geokg_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run geokg");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let o = child.wait_with_output().expect("wait for geokg");
    writer.join().unwrap();
    o
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

/// The bundled articles as one JSON Lines text (the seed .txt as a record), as
/// benches/corpus.py writes it with 1 copy.
fn bundled_jsonl(dir: &Path) -> PathBuf {
    let out = dir.join("bundled.jsonl");
    let o = Command::new("python3")
        .arg(root().join("benches/corpus.py"))
        .arg("1")
        .arg(&out)
        .output()
        .expect("run python3");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

#[test]
fn bulk_batched_and_extract_then_load_give_the_same_store() {
    let t = tmp();
    let s = |name: &str| t.path().join(name).to_str().unwrap().to_owned();
    // 1. a fresh store: the bulk path
    let o = ok(geokg(
        &["build", "--store", &s("bulk"), "--no-exports"],
        &root(),
    ));
    assert!(stderr(&o).contains("in bulk"), "{}", stderr(&o));
    let bulk = dump_nq(Path::new(&s("bulk")));
    assert!(bulk.len() > 100_000);

    // 1b. the bulk path with its tally sums written out to sorted runs after every article
    // (a budget of one byte) and merged at the end, as a large corpus makes it: the same store
    let o = Command::new(env!("CARGO_BIN_EXE_geokg"))
        .args(["build", "--store", &s("spilled"), "--no-exports"])
        .env("GEOKG_TALLY_SPILL_BYTES", "1")
        .current_dir(root())
        .output()
        .expect("run geokg");
    let o = ok(o);
    assert!(stderr(&o).contains("in bulk"), "{}", stderr(&o));
    assert!(dump_nq(Path::new(&s("spilled"))) == bulk, "spilled != bulk");

    // 2. a store that already has the seed: the rest in transactions of 7 articles
    ok(geokg(
        &["build", "--store", &s("batched"), "--no-exports", SEED],
        &root(),
    ));
    let o = ok(geokg(
        &[
            "build",
            "--store",
            &s("batched"),
            "--no-exports",
            "--batch",
            "7",
        ],
        &root(),
    ));
    assert!(
        stderr(&o).contains("in batched transactions"),
        "{}",
        stderr(&o)
    );
    assert!(dump_nq(Path::new(&s("batched"))) == bulk, "batched != bulk");

    // 3. extract on stdin (JSON Lines), then load
    let jsonl = std::fs::read(bundled_jsonl(t.path())).unwrap();
    let o = ok(geokg_stdin(
        &[
            "extract",
            "--format",
            "jsonl",
            "--articles",
            "--batch",
            "50",
        ],
        &jsonl,
    ));
    let statements = t.path().join("statements.jsonl");
    std::fs::write(&statements, &o.stdout).unwrap();
    let lines = stdout(&o);
    assert_eq!(lines.matches("{\"article\":").count(), 163);
    let o = ok(geokg(
        &[
            "load",
            "--store",
            &s("loaded"),
            statements.to_str().unwrap(),
        ],
        &root(),
    ));
    assert!(stdout(&o).contains("articles   163"), "{}", stdout(&o));
    assert!(dump_nq(Path::new(&s("loaded"))) == bulk, "loaded != built");

    // 4. --rebuild empties the store and loads in bulk again
    let o = ok(geokg(
        &[
            "build",
            "--store",
            &s("batched"),
            "--no-exports",
            "--rebuild",
        ],
        &root(),
    ));
    assert!(stderr(&o).contains("in bulk"), "{}", stderr(&o));
    assert!(dump_nq(Path::new(&s("batched"))) == bulk, "rebuilt != bulk");

    // 5. remove two articles, then build them again: the same store
    let o = ok(geokg(
        &[
            "remove",
            "--store",
            &s("loaded"),
            "voa-8011115",
            "000_cca40fcf012346ae",
        ],
        &root(),
    ));
    assert_eq!(
        stdout(&o),
        "removed voa-8011115\nremoved 000_cca40fcf012346ae\n"
    );
    let removed = dump_nq(Path::new(&s("loaded")));
    assert!(removed.len() < bulk.len());
    // the tallies (sums and gk:tallyDetail) read-modify-written by the removal agree with a
    // recount of the statements left
    let o = ok(geokg(&["tallies", "--store", &s("loaded")], &root()));
    assert!(stdout(&o).contains("agree"), "{}", stdout(&o));
    let o = geokg(&["remove", "--store", &s("loaded"), "voa-8011115"], &root());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no article 'voa-8011115'"));
    ok(geokg(
        &[
            "build",
            "--store",
            &s("loaded"),
            "--no-exports",
            "data/articles/voa.jsonl",
            SEED,
        ],
        &root(),
    ));
    assert!(
        dump_nq(Path::new(&s("loaded"))) == bulk,
        "re-added != built"
    );
    let o = ok(geokg(&["tallies", "--store", &s("loaded")], &root()));
    assert!(stdout(&o).contains("agree"));
}

#[test]
fn extract_nq_is_what_build_stores() {
    let t = tmp();
    let store = t.path().join("store");
    let voa = std::fs::read(root().join("data/articles/voa.jsonl")).unwrap();
    // four "partitions" of the input, each through its own filter, as Spark's RDD.pipe does
    let lines: Vec<&[u8]> = voa
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    let mut extracted: Vec<String> = Vec::new();
    for part in lines.chunks(lines.len().div_ceil(4)) {
        let input = part.join(&b'\n');
        let o = ok(geokg_stdin(&["extract", "--format", "nq"], &input));
        extracted.extend(stdout(&o).lines().map(str::to_owned));
    }
    ok(geokg(
        &[
            "build",
            "--store",
            store.to_str().unwrap(),
            "--no-exports",
            "data/articles/voa.jsonl",
        ],
        &root(),
    ));
    let stored = String::from_utf8(dump_nq(&store)).unwrap();
    let mut stored: Vec<String> = stored
        .lines()
        .filter(|l| l.ends_with("> .") && l.contains(" <https://w3id.org/geokg/id/graph/article/"))
        .map(str::to_owned)
        .collect();
    stored.sort();
    extracted.sort();
    assert!(!extracted.is_empty());
    assert!(
        extracted == stored,
        "extract --format nq differs from the stored article graphs"
    );
}

#[test]
fn load_reports_bad_lines_and_keeps_the_good_articles() {
    let t = tmp();
    let store = t.path().join("store");
    let o = ok(geokg(
        &[
            "extract",
            "--format",
            "jsonl",
            "--articles",
            SEED,
            "data/articles/wikinews.jsonl",
        ],
        &root(),
    ));
    let mut text = stdout(&o);
    // a statement with no article record before it, and a broken line
    let first_statement = text
        .lines()
        .find(|l| !l.starts_with("{\"article\""))
        .unwrap()
        .replace("\"doc\":\"000_cca40fcf012346ae\"", "\"doc\":\"orphan\"");
    text = format!("{first_statement}\n{{not json\n{text}");
    let file = t.path().join("s.jsonl");
    std::fs::write(&file, text).unwrap();
    let o = geokg(
        &[
            "load",
            "--store",
            store.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("s.jsonl:1: statement of article 'orphan' without its article record"),
        "{err}"
    );
    assert!(err.contains("s.jsonl:2: invalid JSON"), "{err}");
    assert!(stdout(&o).contains("articles   74"), "{}", stdout(&o));
}

#[test]
fn parquet_export_is_the_statement_table() {
    let t = tmp();
    let store = t.path().join("store");
    let s = store.to_str().unwrap();
    ok(geokg(&["build", "--store", s, "--no-exports"], &root()));
    let csv = stdout(&ok(geokg(
        &["export", "--store", s, "--format", "csv"],
        &root(),
    )));
    let rows = csv.lines().count() - 1;
    // one file
    let one = t.path().join("statements.parquet");
    ok(geokg(
        &["export", "--store", s, "-o", one.to_str().unwrap()],
        &root(),
    ));
    let read = |p: &Path| -> Vec<arrow_array::RecordBatch> {
        let f = std::fs::File::open(p).unwrap();
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(f)
            .unwrap()
            .build()
            .unwrap()
            .map(|b| b.unwrap())
            .collect()
    };
    let batches = read(&one);
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), rows);
    // the 25 CSV columns
    assert_eq!(batches[0].num_columns(), 25);
    assert_eq!(
        batches[0]
            .schema()
            .field_with_name("date")
            .unwrap()
            .data_type(),
        &arrow_schema::DataType::Date32
    );
    // deterministic
    let again = t.path().join("again.parquet");
    ok(geokg(
        &[
            "export",
            "--store",
            s,
            "--format",
            "parquet",
            "-o",
            again.to_str().unwrap(),
        ],
        &root(),
    ));
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&again).unwrap());
    // by month: every row once, each in its month's folder
    let dir = t.path().join("by-month");
    ok(geokg(
        &[
            "export",
            "--store",
            s,
            "--format",
            "parquet",
            "--partition-by",
            "month",
            "-o",
            dir.to_str().unwrap(),
        ],
        &root(),
    ));
    let mut total = 0;
    let mut months = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let part = e.unwrap().path();
        let name = part.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(name.starts_with("month="), "{name}");
        months += 1;
        for b in read(&part.join("part-0.parquet")) {
            total += b.num_rows();
        }
    }
    assert_eq!(total, rows);
    assert!(months > 10, "{months} months");
    let o = geokg(
        &[
            "export",
            "--store",
            s,
            "--format",
            "parquet",
            "--partition-by",
            "year",
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot partition by 'year'"));
}

#[test]
fn optimize_compacts_without_changing_the_store() {
    let t = tmp();
    let store = t.path().join("store");
    let s = store.to_str().unwrap();
    ok(geokg(&["build", "--store", s, "--no-exports"], &root()));
    let before = dump_nq(&store);
    assert!(before.len() > 100_000);
    let o = ok(geokg(&["optimize", "--store", s], &root()));
    assert!(stdout(&o).starts_with("optimized "), "{}", stdout(&o));
    assert!(dump_nq(&store) == before, "optimize changed the store");
    // and the store still takes updates afterwards
    ok(geokg(
        &["remove", "--store", s, "000_cca40fcf012346ae"],
        &root(),
    ));
    assert!(dump_nq(&store) != before);

    // no store there: a clear error naming it, non-zero exit
    let missing = t.path().join("missing");
    let o = geokg(&["optimize", "--store", missing.to_str().unwrap()], &root());
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(missing.to_str().unwrap()),
        "{}",
        stderr(&o)
    );
}
