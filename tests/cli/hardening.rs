//! What a careful operator meets: the update token, the body and concurrency limits of
//! `geokg serve` over real HTTP on 127.0.0.1, and the messages of a locked store, a store
//! made by someone else, a full disk and an unreadable input file.

use super::serve::{
    build_store, call, enc, free_port, geokg_count, oxigraph, oxigraph_serve, sparql_count, start,
    Running, COUNT_QUADS, TOKEN,
};
use super::*;
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// `geokg serve` on a free port with extra arguments and environment.
fn serve(store: &Path, args: &[&str], env: &[(&str, &str)]) -> (Running, String) {
    let port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_geokg"));
    cmd.current_dir(root())
        .args(["serve", "--store", store.to_str().unwrap()])
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .args(args)
        .env_remove("GEOKG_UPDATE_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    (
        start(cmd, port, "geokg serve"),
        format!("http://127.0.0.1:{port}"),
    )
}

/// Runs `geokg serve` expecting it to refuse to start; returns its stderr.
fn refused(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_geokg"));
    cmd.current_dir(root())
        .arg("serve")
        .args(args)
        .env_remove("GEOKG_UPDATE_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    stderr(&o)
}

const INSERT: &str =
    "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> rdfs:label \"x\" } }";

#[test]
fn updates_need_a_token_over_http() {
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let s = store.to_str().unwrap();
    let port = free_port().to_string();
    let bind = format!("127.0.0.1:{port}");

    // no token: the server does not start, and says how to give one
    let err = refused(&["--store", s, "--bind", &bind, "--allow-update"], &[]);
    assert!(
        err.contains("--allow-update needs an update token")
            && err.contains("--update-token-file")
            && err.contains("GEOKG_UPDATE_TOKEN"),
        "{err}"
    );
    // a token too short to be safe
    let short = t.path().join("short.token");
    std::fs::write(&short, "abc\n").unwrap();
    let err = refused(
        &[
            "--store",
            s,
            "--bind",
            &bind,
            "--allow-update",
            "--update-token-file",
            short.to_str().unwrap(),
        ],
        &[],
    );
    assert!(err.contains("shorter than 16 characters"), "{err}");
    let err = refused(
        &["--store", s, "--bind", &bind, "--allow-update"],
        &[("GEOKG_UPDATE_TOKEN", "short")],
    );
    assert!(err.contains("GEOKG_UPDATE_TOKEN is shorter"), "{err}");

    // a token file (the first line counts)
    let file = t.path().join("update.token");
    std::fs::write(&file, format!("{TOKEN}\nnot part of it\n")).unwrap();
    let (server, base) = serve(
        &store,
        &[
            "--allow-update",
            "--update-token-file",
            file.to_str().unwrap(),
        ],
        // the file wins over the environment
        &[("GEOKG_UPDATE_TOKEN", "some-other-token-0123456789")],
    );
    let before = sparql_count(&base, COUNT_QUADS);
    let update = |auth: Option<&str>| {
        let mut headers = vec![("Content-Type", "application/sparql-update")];
        if let Some(a) = auth {
            headers.push(("Authorization", a));
        }
        call("POST", &format!("{base}/update"), &headers, INSERT)
    };
    let (status, _, body) = update(None);
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("Authorization: Bearer"), "{body}");
    let (status, _, body) = update(Some("Bearer some-other-token-0123456789"));
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("wrong update token"), "{body}");
    assert_eq!(sparql_count(&base, COUNT_QUADS), before, "nothing changed");
    let (status, _, body) = update(Some(&format!("Bearer {TOKEN}")));
    assert_eq!(status, 204, "{body}");
    assert_eq!(sparql_count(&base, COUNT_QUADS), before + 1);
    // queries need no token
    let (status, _, _) = call(
        "GET",
        &format!("{base}/query?query={}", enc("ASK { ?s ?p ?o }")),
        &[],
        "",
    );
    assert_eq!(status, 200);
    drop(server);
}

#[test]
fn a_non_loopback_address_gets_a_warning() {
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let warning = |bind: &str| {
        let port = free_port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_geokg"))
            .current_dir(root())
            .args(["serve", "--store", store.to_str().unwrap()])
            .args(["--bind", &format!("{bind}:{port}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "no server");
            std::thread::sleep(Duration::from_millis(100));
        }
        // the messages follow right after the port opens
        std::thread::sleep(Duration::from_millis(500));
        let _ = child.kill();
        let _ = child.wait();
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        err
    };
    let err = warning("0.0.0.0");
    assert!(
        err.contains("warning: listening on a non-loopback address (0.0.0.0:")
            && err.contains("bind 127.0.0.1"),
        "{err}"
    );
    let err = warning("127.0.0.1");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn request_bodies_over_the_limit_get_413() {
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let err = refused(
        &["--store", store.to_str().unwrap(), "--max-body", "12X"],
        &[],
    );
    assert!(err.contains("--max-body '12X'"), "{err}");
    let (_server, base) = serve(&store, &["--max-body", "1K"], &[]);
    let padded = format!("ASK {{ ?s ?p ?o }} #{}", "x".repeat(1100));
    let (status, _, body) = call(
        "POST",
        &format!("{base}/query"),
        &[("Content-Type", "application/sparql-query")],
        &padded,
    );
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("larger than 1024 bytes"), "{body}");
    // as a form too
    let (status, _, _) = call(
        "POST",
        &format!("{base}/query"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &format!("query={}", enc(&padded)),
    );
    assert_eq!(status, 413);
    // just under the limit is fine
    let fits = format!("ASK {{ ?s ?p ?o }} #{}", "x".repeat(900));
    let (status, _, body) = call(
        "POST",
        &format!("{base}/query"),
        &[("Content-Type", "application/sparql-query")],
        &fits,
    );
    assert_eq!(status, 200, "{body}");
}

/// A query that runs until the server's timeout cancels it.
const RUNAWAY: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

#[test]
fn concurrent_queries_queue_then_get_503() {
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let (_server, base) = serve(
        &store,
        &["--max-queries", "1", "--queue", "1", "--timeout", "3"],
        &[],
    );
    let get = |q: &str| {
        let base = base.clone();
        let q = q.to_owned();
        std::thread::spawn(move || {
            let started = Instant::now();
            let r = call("GET", &format!("{base}/query?query={}", enc(&q)), &[], "");
            (r, started.elapsed())
        })
    };
    // A runs (and is cancelled at 3 s), B waits in the queue, C finds the queue full
    let a = get(RUNAWAY);
    std::thread::sleep(Duration::from_millis(700));
    let b = get("ASK { ?s ?p ?o }");
    std::thread::sleep(Duration::from_millis(700));
    let ((status, _, body), took) = get("ASK { ?s ?p ?o }").join().unwrap();
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("1 queries are running and 1 waiting"),
        "{body}"
    );
    assert!(took < Duration::from_secs(2), "refused at once: {took:?}");
    let ((status, _, body), _) = a.join().unwrap();
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("timeout"), "{body}");
    let ((status, _, body), took) = b.join().unwrap();
    // B was queued, not turned away: it waited for A's slot
    assert!(took > Duration::from_millis(1500), "{took:?}: {body}");
    assert!(!body.contains("waiting"), "{body}");
    if status != 200 {
        // on a very slow machine A's cancellation may come after B's wait ran out
        assert!(body.contains("no query slot came free"), "{status}: {body}");
    }
    // and the server answers again
    let (status, _, _) = call(
        "GET",
        &format!("{base}/query?query={}", enc("ASK { ?s ?p ?o }")),
        &[],
        "",
    );
    assert_eq!(status, 200);
}

#[test]
fn a_locked_store_names_its_holder() {
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let s = store.to_str().unwrap();
    let (server, _) = serve(&store, &[], &[]);
    for args in [
        vec!["build", "--store", s, "--no-exports", SEED],
        vec!["query", "--store", s, "ASK {}"],
        vec!["export", "--store", s, "--format", "nt"],
    ] {
        let o = geokg(&args, &root());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!(
                "the store at {s} is open in another process (pid {}: geokg serve --store {s}",
                server.child.id()
            )),
            "{args:?}: {err}"
        );
        assert!(err.contains("stop that process"), "{err}");
        assert!(!err.contains("IO error"), "no raw RocksDB message: {err}");
    }
    drop(server);
    if !oxigraph() {
        return;
    }
    let port = free_port();
    let ox = oxigraph_serve(&["--location", s], port);
    let o = geokg(&["query", "--store", s, "ASK {}"], &root());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("(pid {}: oxigraph serve", ox.child.id())),
        "{err}"
    );
}

#[test]
fn stores_not_made_by_this_geokg_say_so() {
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
    let t = tmp();
    // plain oxigraph, as `oxigraph load` would make it
    let plain = t.path().join("plain");
    {
        let st = oxigraph::store::Store::open(&plain).unwrap();
        let ex = |s: &str| NamedNode::new(format!("http://example.org/{s}")).unwrap();
        st.insert(&Quad::new(
            ex("s"),
            ex("p"),
            ex("o"),
            GraphName::DefaultGraph,
        ))
        .unwrap();
    }
    for args in [
        vec!["query", "--store", plain.to_str().unwrap(), "ASK {}"],
        vec!["profile", "--store", plain.to_str().unwrap(), "RUS"],
        vec![
            "build",
            "--store",
            plain.to_str().unwrap(),
            "--no-exports",
            SEED,
        ],
    ] {
        let o = geokg(&args, &root());
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains("holds 1 quads but no geokg ontology graph")
                && err.contains("not made by `geokg build`"),
            "{args:?}: {err}"
        );
    }
    // a store of another geokg version: its ontology graph has another owl:versionInfo
    let old = t.path().join("old");
    build_store(&old, &[SEED]);
    {
        let st = oxigraph::store::Store::open(&old).unwrap();
        let g = NamedNode::new("https://w3id.org/geokg/id/graph/ontology").unwrap();
        let onto = NamedNode::new("https://w3id.org/geokg/ontology").unwrap();
        let version = NamedNode::new("http://www.w3.org/2002/07/owl#versionInfo").unwrap();
        let current: Vec<Quad> = st
            .quads_for_pattern(
                Some(onto.as_ref().into()),
                Some(version.as_ref()),
                None,
                Some(g.as_ref().into()),
            )
            .map(Result::unwrap)
            .collect();
        assert_eq!(current.len(), 1);
        st.remove(&current[0]).unwrap();
        st.insert(&Quad::new(
            onto,
            version,
            Literal::new_simple_literal("0.0.1"),
            g,
        ))
        .unwrap();
    }
    let o = geokg(
        &["query", "--store", old.to_str().unwrap(), "ASK {}"],
        &root(),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("made by another geokg version (store layout 0.0.1;")
            && err.contains("geokg build --store NEW_DIR"),
        "{err}"
    );
    // an empty directory is a new store, not a foreign one
    let empty = t.path().join("empty");
    build_store(&empty, &[SEED]);
    assert!(geokg_count(&empty, COUNT_QUADS) > 0);
}

#[test]
fn an_unreadable_input_file_is_named_and_the_rest_processed() {
    let t = tmp();
    let dir = t.path().join("articles");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(root().join(SEED), dir.join("a.txt")).unwrap();
    // a file that cannot be read: a link to nothing (as root, permissions do not stop reads)
    std::os::unix::fs::symlink(t.path().join("gone.txt"), dir.join("b.txt")).unwrap();
    std::fs::copy(root().join(SEED), dir.join("c.txt")).unwrap();
    let o = geokg(
        &[
            "extract",
            dir.to_str().unwrap(),
            "/proc/self/mem", // exists, but reading it fails (EIO)
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1), "partial success");
    let err = stderr(&o);
    assert!(
        err.contains(&format!("skipped: {}", dir.join("b.txt").display()))
            && err.contains("No such file"),
        "{err}"
    );
    assert!(err.contains("skipped: /proc/self/mem: "), "{err}");
    let docs: std::collections::BTreeSet<String> = stdout(&o)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(docs.contains("a") && docs.contains("c"), "{docs:?}");
}

/// Runs a command, returning whether it succeeded.
fn run(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A full disk during a build: a small tmpfs holds the store. The build fails with a message
/// that names the full disk and what was committed; after the disk grows, the committed
/// articles are all there, and the same build then completes and equals a clean build.
#[test]
fn a_full_disk_during_a_build_is_reported_and_loses_nothing() {
    let t = tmp();
    let mnt = t.path().join("small");
    std::fs::create_dir(&mnt).unwrap();
    if !run(
        "mount",
        &[
            "-t",
            "tmpfs",
            "-o",
            "size=2m",
            "tmpfs",
            mnt.to_str().unwrap(),
        ],
    ) {
        eprintln!("skipping the full-disk test: cannot mount a tmpfs here (needs root)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).output();
        }
    }
    let _unmount = Unmount(mnt.clone());
    let store = mnt.join("store");
    let s = store.to_str().unwrap();
    let inputs = "data/articles/wikinews.jsonl";
    let o = geokg(&["build", "--store", s, "--no-exports", inputs], &root());
    assert_eq!(o.status.code(), Some(2), "the build fails: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("the disk holding the store at {s} is full")),
        "{err}"
    );
    assert!(err.contains("run the same command again"), "{err}");
    let committed: usize = regex::Regex::new(r"the (\d+) articles loaded before '")
        .unwrap()
        .captures(&err)
        .map_or(0, |c| c[1].parse().unwrap());
    assert!(
        committed > 0 || err.contains("no article was committed"),
        "{err}"
    );

    // more room: the committed articles are intact, and the build completes
    assert!(run(
        "mount",
        &["-o", "remount,size=256m", mnt.to_str().unwrap()]
    ));
    let articles = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a gk:Article }";
    assert_eq!(geokg_count(&store, articles) as usize, committed, "{err}");
    let o = geokg(&["build", "--store", s, "--no-exports", inputs], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    let clean = t.path().join("clean");
    build_store(&clean, &[inputs]);
    assert!(
        dump_nq(&store) == dump_nq(&clean),
        "after the full disk and a rerun, the store equals a clean build"
    );
}
