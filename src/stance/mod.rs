//! Stance extraction: the cue lexicon and the rules that turn sentences into statements.

pub mod extract;
pub mod issues;
pub mod lexicon;
pub mod tree;

pub use extract::Extractor;
pub use issues::IssueVocab;
pub use lexicon::{Cue, Lexicon};
