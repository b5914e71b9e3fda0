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
    #[error("SPARQL: {0}")]
    Query(String),
    #[error("{0}")]
    Other(String),
}

impl Error {
    pub fn data(path: impl Into<String>, line: usize, message: impl Into<String>) -> Error {
        Error::Data {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl From<crate::syntax::SyntaxError> for Error {
    fn from(e: crate::syntax::SyntaxError) -> Error {
        Error::Other(e.to_string())
    }
}
