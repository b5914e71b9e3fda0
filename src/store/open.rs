//! Opening a store with errors an operator can act on: who holds a locked store, and whether
//! a store was made by this geokg, another geokg version or plain oxigraph.

use super::KgStore;
use crate::error::{Error, Result};
use crate::vocab;
use oxigraph::model::{GraphNameRef, NamedNodeRef, Term};
use oxigraph::store::StorageError;
use std::path::Path;

/// `owl:versionInfo`: the ontology's version, which names the store layout.
const OWL_VERSION_INFO: &str = "http://www.w3.org/2002/07/owl#versionInfo";
/// The ontology's IRI in `ontology/geokg.ttl`.
const ONTOLOGY_IRI: &str = "https://w3id.org/geokg/ontology";

/// The error for a store that cannot be opened: [`Error::StoreLocked`] when another process
/// holds its lock, else the store's own message.
pub(crate) fn open_error(dir: &Path, e: StorageError) -> Error {
    let message = e.to_string();
    if message.contains("lock file") || message.contains("lock hold") || message.contains("LOCK:") {
        return Error::StoreLocked {
            path: dir.to_owned(),
            holder: lock_holder(dir),
        };
    }
    if crate::error::is_disk_full_message(&message) {
        return Error::DiskFull {
            path: dir.to_owned(),
            committed: "the store could not be opened, and nothing was written".to_owned(),
            detail: message,
        };
    }
    Error::Store(format!("cannot open {}: {message}", dir.display()))
}

/// The process holding `dir/LOCK`, from `/proc/locks` (Linux): "pid N: COMMAND LINE".
pub fn lock_holder(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let inode = std::fs::metadata(dir.join("LOCK")).ok()?.ino();
    let locks = std::fs::read_to_string("/proc/locks").ok()?;
    let pid = locks.lines().find_map(|line| {
        // "1: POSIX  ADVISORY  WRITE 12345 fd:01:1234567 0 EOF"
        let f: Vec<&str> = line.split_whitespace().collect();
        let (pid, id) = (f.get(4)?, f.get(5)?);
        let ino: u64 = id.rsplit(':').next()?.parse().ok()?;
        (ino == inode).then(|| pid.parse::<u32>().ok()).flatten()
    })?;
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let args: Vec<String> = cmdline
        .split(|b| *b == 0)
        .filter(|a| !a.is_empty())
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    if args.is_empty() {
        return Some(format!("pid {pid}"));
    }
    // the program's file name instead of its full path, and a long command line shortened
    let mut shown: Vec<String> = args;
    if let Some(first) = shown.first_mut() {
        if let Some(name) = Path::new(first.as_str()).file_name() {
            *first = name.to_string_lossy().into_owned();
        }
    }
    let mut line = shown.join(" ");
    if line.chars().count() > 160 {
        line = line.chars().take(157).collect::<String>() + "...";
    }
    Some(format!("pid {pid}: {line}"))
}

impl KgStore {
    /// The `owl:versionInfo` of the ontology graph, or `None` when the store has no geokg
    /// ontology graph.
    pub fn ontology_version(&self) -> Result<Option<String>> {
        let graph = NamedNodeRef::new_unchecked(vocab::ONTOLOGY_GRAPH);
        let found = self
            .store
            .quads_for_pattern(
                Some(NamedNodeRef::new_unchecked(ONTOLOGY_IRI).into()),
                Some(NamedNodeRef::new_unchecked(OWL_VERSION_INFO)),
                None,
                Some(GraphNameRef::NamedNode(graph)),
            )
            .next()
            .transpose()?;
        Ok(found.map(|q| match q.object {
            Term::Literal(l) => l.value().to_owned(),
            other => other.to_string(),
        }))
    }

    /// Checks that a store opened from `dir` was made by this geokg: an empty store passes; a
    /// store without the geokg ontology graph (plain oxigraph, another tool) or with another
    /// ontology version (another geokg) is an [`Error::ForeignStore`] saying what to do.
    pub fn check_origin(&self, dir: &Path) -> Result<()> {
        if self.is_empty()? {
            return Ok(());
        }
        let ours = bundled_version();
        match self.ontology_version()? {
            Some(v) if v == ours => Ok(()),
            Some(v) => Err(Error::ForeignStore {
                path: dir.to_owned(),
                message: format!(
                    "it was made by another geokg version (store layout {v}; this geokg {} writes layout {ours}); rebuild it with this version (`geokg build --store NEW_DIR` from the same articles), or use the geokg that made it",
                    env!("CARGO_PKG_VERSION")
                ),
            }),
            None => Err(Error::ForeignStore {
                path: dir.to_owned(),
                message: format!(
                    "it holds {} quads but no geokg ontology graph <{}>, so it was not made by `geokg build` (a plain oxigraph store, or another tool's); query it with `oxigraph serve --location DIR`, or build a geokg store in another directory with `geokg build --store NEW_DIR`",
                    self.len()?,
                    vocab::ONTOLOGY_GRAPH
                ),
            }),
        }
    }
}

/// The `owl:versionInfo` of the bundled ontology (`ontology/geokg.ttl`).
pub fn bundled_version() -> &'static str {
    static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let ttl = super::ONTOLOGY_TTL;
        ttl.split("owl:versionInfo")
            .nth(1)
            .and_then(|rest| rest.split('"').nth(1))
            .unwrap_or("")
            .to_owned()
    });
    &VERSION
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};

    #[test]
    fn the_bundled_ontology_has_a_version() {
        assert!(!bundled_version().is_empty());
        let kg = KgStore::memory().unwrap();
        kg.load_ontology().unwrap();
        assert_eq!(
            kg.ontology_version().unwrap().as_deref(),
            Some(bundled_version())
        );
        kg.check_origin(Path::new("mem")).unwrap();
    }

    #[test]
    fn foreign_and_other_version_stores_are_named() {
        let kg = KgStore::memory().unwrap();
        kg.check_origin(Path::new("empty")).unwrap();
        let ex = |s: &str| NamedNode::new(format!("http://example.org/{s}")).unwrap();
        kg.inner()
            .insert(&Quad::new(
                ex("s"),
                ex("p"),
                ex("o"),
                GraphName::DefaultGraph,
            ))
            .unwrap();
        let e = kg.check_origin(Path::new("plain")).unwrap_err().to_string();
        assert!(
            e.contains("no geokg ontology graph") && e.contains("oxigraph serve"),
            "{e}"
        );
        kg.load_ontology().unwrap();
        kg.check_origin(Path::new("plain")).unwrap();
        let graph = NamedNode::new(vocab::ONTOLOGY_GRAPH).unwrap();
        let version = |v: &str| {
            Quad::new(
                NamedNode::new(ONTOLOGY_IRI).unwrap(),
                NamedNode::new(OWL_VERSION_INFO).unwrap(),
                Literal::new_simple_literal(v),
                graph.clone(),
            )
        };
        kg.inner().remove(&version(bundled_version())).unwrap();
        kg.inner().insert(&version("0.0.1-old")).unwrap();
        let e = kg.check_origin(Path::new("old")).unwrap_err().to_string();
        assert!(
            e.contains("another geokg version") && e.contains("0.0.1-old"),
            "{e}"
        );
    }

    #[test]
    fn the_holder_of_a_lock_is_found_in_proc_locks() {
        // this process opens a store; /proc/locks names it as the holder
        let dir = tempfile::tempdir().unwrap();
        let _kg = KgStore::open(dir.path()).unwrap();
        if !Path::new("/proc/locks").exists() {
            eprintln!("skipping: no /proc/locks");
            return;
        }
        let holder = lock_holder(dir.path()).expect("the lock holder");
        assert!(
            holder.starts_with(&format!("pid {}:", std::process::id())),
            "{holder}"
        );
        // a second open in the same process is refused with the store's path
        let e = KgStore::open(dir.path()).err().expect("locked").to_string();
        assert!(e.contains("open in another process"), "{e}");
        assert!(e.contains(&dir.path().display().to_string()), "{e}");
    }
}
