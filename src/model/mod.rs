//! The data every stage passes on: documents, actor references, stance statements.

pub mod vocabulary;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
pub use vocabulary::{ActorKind, Modality, Polarity, Precision, QuadClass, Stance, StanceFacts};

macro_rules! newtype_id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    };
}

newtype_id!(
    /// A document id: the file stem, or the `id` of a JSON Lines record.
    DocId
);
newtype_id!(
    /// A gazetteer entry id (`RUS`, `NATO`, `wendy-sherman`) or an issue id (`nato-enlargement`).
    ActorId
);

/// One side of a statement, as the extractor resolved it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 for states, the short code for organisations, and for a person the
    /// code of what they represent on the statement's date. `None` for issues.
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub qid: Option<String>,
    /// The words in the text.
    pub mention: String,
    /// For a person: the actor id of the state or organisation represented.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub represents: Option<ActorId>,
    /// The sector of a sub-state actor, in CAMEO's agent codes (`GOV`, `MIL`, `COP`, `REB`,
    /// `OPP`, `JUD`, …; see data/README.md): "Iraqi police" is code `IRQ`, agent `COP`.
    /// `None` for the state or organisation itself, for people and for issues.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub agent: Option<String>,
}

/// An article after input: what the later stages need of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub id: DocId,
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The text as read, after the `date YYYY-MM-DD` header; spans index into it.
    pub text: String,
    /// Where it came from: `path` or `path:line` for JSON Lines.
    pub origin: String,
}

/// One (actor, stance, target) statement with its provenance.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub doc: DocId,
    /// The article's date.
    pub article_date: Option<NaiveDate>,
    /// The date the statement is about: the article date unless the sentence names another.
    pub date: Option<NaiveDate>,
    /// How precise `date` is when the sentence named it ("in 2014": year); `None` when it is
    /// the article date.
    pub date_precision: Option<Precision>,
    pub sentence: usize,
    /// [start, end) byte offsets of the sentence in `Document::text`.
    pub span: (usize, usize),
    pub text: String,
    pub actor: ActorRef,
    pub stance: Stance,
    pub target: ActorRef,
    pub negated: bool,
    pub modality: Modality,
    pub confidence: f64,
    /// The cue words that fired.
    pub cue: String,
    /// The rule that produced the statement (see ARCHITECTURE.md).
    pub rule: String,
    /// For an issue target: whether the actor supports or opposes the issue.
    pub polarity: Option<Polarity>,
    /// The exact three-digit CAMEO event code of the cue ("193": fight with small arms), when
    /// it is finer than the stance's own code; `None` otherwise.
    pub event: Option<String>,
}

impl Statement {
    /// Only asserted, non-negated statements become direct `actor —stance→ target` triples.
    pub fn is_direct(&self) -> bool {
        !self.negated && matches!(self.modality, Modality::Asserted | Modality::Future)
    }
}

/// The extraction result of one article.
#[derive(Clone, Debug, PartialEq)]
pub struct Extraction {
    pub doc: Document,
    pub sentence_count: usize,
    pub statements: Vec<Statement>,
}

/// The JSON Lines record of a statement: the output contract of `geokg extract --format jsonl`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct StatementRecord {
    pub doc: String,
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date_precision: Option<Precision>,
    pub article_date: Option<String>,
    pub sentence: usize,
    pub span: [usize; 2],
    pub text: String,
    pub actor: ActorRef,
    pub stance: StanceRecord,
    pub target: ActorRef,
    pub negated: bool,
    pub modality: Modality,
    pub confidence: f64,
    pub cue: String,
    pub rule: String,
    /// For an issue target: "support" or "oppose".
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub polarity: Option<Polarity>,
    /// The exact CAMEO event when the cue names one finer than the stance's code.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub event: Option<EventRecord>,
}

/// A CAMEO event code with its reference name and Goldstein value.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct EventRecord {
    pub cameo: String,
    pub name: String,
    pub goldstein: f64,
}

impl EventRecord {
    /// The record of a three-digit code of the reference table.
    pub fn of(code: &str) -> Option<EventRecord> {
        vocabulary::cameo_event(code).map(|e| EventRecord {
            cameo: e.code.to_owned(),
            name: e.name.to_owned(),
            goldstein: e.goldstein,
        })
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct StanceRecord {
    pub id: String,
    pub cameo: String,
    pub cameo_root: String,
    pub plover: Option<String>,
    pub goldstein: f64,
    pub quad_class: u8,
}

impl StanceRecord {
    pub fn of(stance: Stance) -> StanceRecord {
        let f = stance.facts();
        StanceRecord {
            id: f.id.to_owned(),
            cameo: f.cameo.to_owned(),
            cameo_root: stance.cameo_root().to_owned(),
            plover: f.plover.map(str::to_owned),
            goldstein: f.goldstein,
            quad_class: f.quad_class.number(),
        }
    }
}

impl From<&Statement> for StatementRecord {
    fn from(s: &Statement) -> Self {
        StatementRecord {
            doc: s.doc.0.clone(),
            date: s.date.map(|d| d.to_string()),
            date_precision: s.date_precision,
            article_date: s.article_date.map(|d| d.to_string()),
            sentence: s.sentence,
            span: [s.span.0, s.span.1],
            text: s.text.clone(),
            actor: s.actor.clone(),
            stance: StanceRecord::of(s.stance),
            target: s.target.clone(),
            negated: s.negated,
            modality: s.modality,
            confidence: s.confidence,
            cue: s.cue.clone(),
            rule: s.rule.clone(),
            polarity: s.polarity,
            event: s.event.as_deref().and_then(EventRecord::of),
        }
    }
}
