//! Stance extraction: the cue lexicon and the rules that turn sentences into statements.

pub mod extract;
pub mod issues;
pub mod lexicon;
pub mod refine;
pub mod tree;

pub use extract::Extractor;
pub use issues::IssueVocab;
pub use lexicon::{Cue, Lexicon};

/// The bundled extractor, loaded once for all the stance tests that share it.
#[cfg(test)]
pub(crate) fn test_extractor() -> &'static Extractor {
    static EX: std::sync::LazyLock<Extractor> =
        std::sync::LazyLock::new(|| Extractor::bundled().unwrap());
    &EX
}

/// The test document of the stance tests: `text`, dated 2022-01-10.
#[cfg(test)]
pub(crate) fn test_document(text: &str) -> crate::model::Document {
    crate::model::Document {
        id: crate::model::DocId("t".into()),
        date: chrono::NaiveDate::from_ymd_opt(2022, 1, 10),
        title: None,
        url: None,
        text: text.to_owned(),
        origin: "test".into(),
    }
}
