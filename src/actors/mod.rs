//! Actors stage: the gazetteer (states, organisations, groups, people) and mention finding.

pub mod cameo;
pub mod gazetteer;
pub mod mentions;

pub use gazetteer::{ActorEntry, Gazetteer, Gender, Role};
pub use mentions::{Discourse, Mention, NounClass, NounLexicon, Via};
