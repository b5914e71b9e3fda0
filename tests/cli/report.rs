//! `geokg report`: the HTML file opened in headless Chromium, which must render the graph and
//! the statement table, run the search filter from a `#q=` address, and take a screenshot.

use super::*;
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Runs a command with a deadline, killing it when the deadline passes.
pub(crate) fn run_bounded(cmd: &mut Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        out.read_to_end(&mut b).unwrap();
        b
    });
    let err_reader = std::thread::spawn(move || {
        let mut b = Vec::new();
        err.read_to_end(&mut b).unwrap();
        b
    });
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("{cmd:?} ran longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| which(c))
}

/// Headless Chromium with a fresh profile and no network chatter.
fn chromium_cmd(bin: &str, profile: &Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--virtual-time-budget=3000",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// Decodes the few entities the report writes.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text content of an HTML fragment: tags dropped, entities decoded.
fn text_content(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

/// The statement rows of the report (static HTML or Chromium's DOM), as (opening tag, row).
fn statement_rows(html: &str) -> Vec<(String, String)> {
    let table = html
        .split("id=\"statement-table\"")
        .nth(1)
        .expect("statement table");
    let body = table
        .split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap();
    body.split("<tr")
        .skip(1)
        .map(|r| {
            let tag_end = r.find('>').unwrap();
            (r[..tag_end].to_owned(), r.to_owned())
        })
        .collect()
}

#[test]
fn report_renders_and_filters_in_headless_chromium() {
    let t = tmp();
    let store = t.path().join("store");
    let s = store.to_str().unwrap();
    let o = geokg(
        &[
            "build",
            "--store",
            s,
            "--no-exports",
            "data/articles/000_cca40fcf012346ae.txt",
            "data/articles/wikinews.jsonl",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let report = t.path().join("report.html");
    let o = geokg(
        &["report", "--store", s, "-o", report.to_str().unwrap()],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&report).unwrap();

    // One row per statement in the store, each with its cue marked.
    let jsonl = stdout(&geokg(
        &["export", "--store", s, "--format", "jsonl"],
        &root(),
    ));
    let records: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rows = statement_rows(&html);
    assert!(records.len() > 20, "{} statements", records.len());
    assert_eq!(rows.len(), records.len());
    for ((_, row), r) in rows.iter().zip(&records) {
        let cue = r["cue"].as_str().unwrap();
        assert!(
            row.contains(&format!("<mark class=\"m-cue\">{cue}</mark>")),
            "cue '{cue}' not marked in {row}"
        );
    }
    // Every actor of a direct statement (the graph's nodes make the actor table) with a QID
    // links to Wikidata.
    let direct = |r: &serde_json::Value| {
        r["negated"] == serde_json::Value::Bool(false)
            && matches!(r["modality"].as_str(), Some("asserted" | "future"))
    };
    assert!(records.iter().any(direct));
    for r in records.iter().filter(|r| direct(r)) {
        if let Some(q) = r["actor"]["qid"].as_str() {
            assert!(
                html.contains(&format!("https://www.wikidata.org/wiki/{q}")),
                "{q}"
            );
        }
    }
    let dot = which("dot");
    assert_eq!(
        html.contains("<svg"),
        dot,
        "inline SVG iff GraphViz is installed"
    );

    let Some(bin) = chromium() else {
        eprintln!("skipping the browser check: chromium is not installed");
        return;
    };
    let url = format!("file://{}", report.display());

    // The DOM as Chromium builds it: the SVG graph and every row.
    let o = run_bounded(
        chromium_cmd(bin, &t.path().join("profile1"))
            .arg("--dump-dom")
            .arg(&url),
        Duration::from_secs(90),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dom = String::from_utf8(o.stdout).unwrap();
    if dot {
        assert!(
            dom.contains("<svg") && dom.contains("class=\"node\""),
            "no graph in the DOM"
        );
    }
    let dom_rows = statement_rows(&dom);
    assert_eq!(dom_rows.len(), records.len());
    assert!(dom_rows.iter().all(|(tag, _)| !tag.contains("hidden")));
    assert!(
        dom.contains(&format!(
            "{} of {} statements",
            records.len(),
            records.len()
        )),
        "the script did not run"
    );

    // The search, driven from the address: the rows that stay visible are exactly those whose
    // text (and actor ids) contain every term.
    let query = "nato REJECT";
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let expected: Vec<bool> = rows
        .iter()
        .map(|(tag, row)| {
            let ids = tag
                .split("data-ids=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let hay =
                format!("{} {}", text_content(&format!("<tr{row}")), unescape(ids)).to_lowercase();
            terms.iter().all(|t| hay.contains(t.as_str()))
        })
        .collect();
    let n_expected = expected.iter().filter(|v| **v).count();
    assert!(n_expected > 0 && n_expected < rows.len(), "{n_expected}");
    let o = run_bounded(
        chromium_cmd(bin, &t.path().join("profile2"))
            .arg("--dump-dom")
            .arg(format!("{url}#q=nato%20REJECT")),
        Duration::from_secs(90),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dom = String::from_utf8(o.stdout).unwrap();
    let visible: Vec<bool> = statement_rows(&dom)
        .iter()
        .map(|(tag, _)| !tag.contains("hidden"))
        .collect();
    assert_eq!(visible, expected, "the filter hid the wrong rows");
    assert!(dom.contains(&format!("data-shown=\"{n_expected}\"")));
    assert!(dom.contains(&format!("{n_expected} of {} statements", rows.len())));

    // A screenshot, kept for people to look at.
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-screenshot.png");
    let _ = std::fs::remove_file(&shot);
    let o = run_bounded(
        chromium_cmd(bin, &t.path().join("profile3"))
            .arg(format!("--screenshot={}", shot.display()))
            .arg("--window-size=1400,2200")
            .arg(&url),
        Duration::from_secs(90),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(png.len() > 20_000, "a blank page? {} bytes", png.len());
    eprintln!("report screenshot: {}", shot.display());
}

#[test]
fn report_errors_and_stdout() {
    let t = tmp();
    let o = geokg(
        &["report", "--store", t.path().join("none").to_str().unwrap()],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no store at"), "{}", stderr(&o));
    let store = t.path().join("store");
    let s = store.to_str().unwrap();
    let o = geokg(
        &[
            "build",
            "--store",
            s,
            "--no-exports",
            "data/articles/000_cca40fcf012346ae.txt",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = geokg(
        &[
            "report",
            "--store",
            s,
            "--actor",
            "USA",
            "--title",
            "US <stances>",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>US &lt;stances&gt;</title>"));
    let rows = statement_rows(&html);
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|(tag, _)| tag.contains("data-ids=\"USA ")),
        "only USA's statements"
    );
}
