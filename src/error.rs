//! Library errors: each carries the position (file, line) and what is wrong.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A bad input record: `origin` is `file` or `file:line`.
    #[error("{origin}: {message}")]
    Input { origin: String, message: String },
    /// A bad line of a data file (gazetteer, lexicon, issues, gold).
    #[error("{path}:{line}: {message}")]
    Data {
        path: String,
        line: usize,
        message: String,
    },
    #[error("store: {0}")]
    Store(String),
    /// The store's lock is held by another process (RocksDB allows one at a time).
    #[error("the store at {} is open in another process{}: RocksDB lets one process open a store at a time; stop that process (a `geokg serve` or `oxigraph serve` runs until stopped with Ctrl-C; a `geokg build` until it is done) and run this command again", path.display(), holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_else(|| " (probably a running `geokg serve`, `geokg build` or `oxigraph serve`)".to_owned()))]
    StoreLocked {
        path: PathBuf,
        /// The holder, when it could be found: "pid 123: geokg serve --store …".
        holder: Option<String>,
    },
    /// The store was not made by this geokg (another version, or plain oxigraph).
    #[error("the store at {}: {message}", path.display())]
    ForeignStore { path: PathBuf, message: String },
    /// The disk filled up while writing the store.
    #[error("the disk holding the store at {} is full ({detail}); {committed}; free some space (or use --store on a larger disk) and run the same command again: articles already loaded are replaced, not duplicated", path.display())]
    DiskFull {
        path: PathBuf,
        /// What was committed before the failure.
        committed: String,
        detail: String,
    },
    #[error("SPARQL: {0}")]
    Query(String),
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// Whether this error (or the I/O error under it) says the disk is full.
    pub fn is_disk_full(&self) -> bool {
        match self {
            Error::Io { source, .. } => source.kind() == std::io::ErrorKind::StorageFull,
            Error::DiskFull { .. } => true,
            Error::Store(m) => is_disk_full_message(m),
            _ => false,
        }
    }

    /// This error with the store's folder named, for a [`Error::DiskFull`] raised while
    /// loading (where the library does not know the folder).
    pub fn at_store(self, store: &std::path::Path) -> Error {
        match self {
            Error::DiskFull {
                committed, detail, ..
            } => Error::DiskFull {
                path: store.to_owned(),
                committed,
                detail,
            },
            e => e,
        }
    }

    pub fn data(path: impl Into<String>, line: usize, message: impl Into<String>) -> Error {
        Error::Data {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

/// Whether an error message from RocksDB or the OS says the disk is full (ENOSPC, EDQUOT).
pub fn is_disk_full_message(m: &str) -> bool {
    let m = m.to_ascii_lowercase();
    m.contains("no space left on device")
        || m.contains("disk quota exceeded")
        || m.contains("os error 28")
}

impl From<crate::syntax::SyntaxError> for Error {
    fn from(e: crate::syntax::SyntaxError) -> Error {
        Error::Other(e.to_string())
    }
}
