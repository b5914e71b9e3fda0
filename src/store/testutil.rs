//! Hand-built extractions shared by the store, graph and export tests.

use crate::model::Stance;
use crate::model::{
    ActorId, ActorKind, ActorRef, DocId, Document, Extraction, Modality, Statement,
};
use chrono::NaiveDate;

pub fn actor(id: &str, name: &str, kind: ActorKind, code: Option<&str>) -> ActorRef {
    ActorRef {
        id: ActorId(id.to_owned()),
        name: name.to_owned(),
        kind,
        code: code.map(str::to_owned),
        qid: None,
        mention: name.to_owned(),
        represents: None,
        agent: None,
    }
}

pub fn russia() -> ActorRef {
    ActorRef {
        qid: Some("Q159".to_owned()),
        ..actor("RUS", "Russia", ActorKind::State, Some("RUS"))
    }
}
pub fn ukraine() -> ActorRef {
    actor("UKR", "Ukraine", ActorKind::State, Some("UKR"))
}
pub fn usa() -> ActorRef {
    ActorRef {
        mention: "Washington".to_owned(),
        ..actor("USA", "United States", ActorKind::State, Some("USA"))
    }
}
pub fn nato_enlargement() -> ActorRef {
    actor(
        "nato-enlargement",
        "NATO enlargement",
        ActorKind::Issue,
        None,
    )
}
pub fn lavrov() -> ActorRef {
    ActorRef {
        represents: Some(ActorId("RUS".to_owned())),
        mention: "Lavrov".to_owned(),
        ..actor(
            "sergey-lavrov",
            "Sergey \"FM\" Lavrov",
            ActorKind::Person,
            Some("RUS"),
        )
    }
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[allow(clippy::too_many_arguments)]
pub fn statement(
    doc: &str,
    day: &str,
    sentence: usize,
    actor: ActorRef,
    stance: Stance,
    target: ActorRef,
    negated: bool,
    modality: Modality,
) -> Statement {
    let text = format!(
        "{} {} {}, sentence {sentence}.",
        actor.mention, stance, target.mention
    );
    Statement {
        doc: DocId(doc.to_owned()),
        article_date: Some(date(day)),
        date: Some(date(day)),
        sentence,
        span: (sentence * 100, sentence * 100 + text.len()),
        text,
        actor,
        stance,
        target,
        negated,
        modality,
        confidence: 0.8512,
        cue: stance.id().to_owned(),
        rule: "svo".to_owned(),
        polarity: None,
        event: None,
        date_precision: None,
    }
}

pub fn extraction(doc: &str, day: &str, statements: Vec<Statement>) -> Extraction {
    Extraction {
        doc: Document {
            id: DocId(doc.to_owned()),
            date: Some(date(day)),
            title: Some(format!("Article {doc}")),
            url: Some(format!("https://example.org/news/{doc}")),
            text: String::new(),
            origin: format!("{doc}.txt"),
        },
        sentence_count: 4,
        statements,
    }
}

/// d1: Russia rejects NATO enlargement and threatens Ukraine (sentence 0), the US did *not*
/// sanction Russia (sentence 1), Lavrov could criticise the US (sentence 2, hypothetical).
pub fn d1() -> Extraction {
    let day = "2022-01-05";
    extraction(
        "d1",
        day,
        vec![
            statement(
                "d1",
                day,
                0,
                russia(),
                Stance::Reject,
                nato_enlargement(),
                false,
                Modality::Asserted,
            ),
            statement(
                "d1",
                day,
                0,
                russia(),
                Stance::Threaten,
                ukraine(),
                false,
                Modality::Asserted,
            ),
            statement(
                "d1",
                day,
                1,
                usa(),
                Stance::Sanction,
                russia(),
                true,
                Modality::Asserted,
            ),
            statement(
                "d1",
                day,
                2,
                lavrov(),
                Stance::Criticize,
                usa(),
                false,
                Modality::Hypothetical,
            ),
        ],
    )
}

/// d2: Russia rejects NATO enlargement again, Russia threatens Ukraine, the US will aid Ukraine.
pub fn d2() -> Extraction {
    let day = "2022-01-06";
    extraction(
        "d2",
        day,
        vec![
            statement(
                "d2",
                day,
                0,
                russia(),
                Stance::Reject,
                nato_enlargement(),
                false,
                Modality::Asserted,
            ),
            statement(
                "d2",
                day,
                1,
                russia(),
                Stance::Accuse,
                ukraine(),
                false,
                Modality::Asserted,
            ),
            statement(
                "d2",
                day,
                1,
                usa(),
                Stance::Aid,
                ukraine(),
                false,
                Modality::Future,
            ),
        ],
    )
}
