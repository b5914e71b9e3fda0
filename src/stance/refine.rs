//! CAMEO's line between assault (18) and conventional military force (19), drawn by the kinds
//! of the two sides, not by the cue word.
//!
//! CAMEO codes violence between armed parties as 19 ("use conventional military force") and
//! violence against the unarmed as 18 ("use unconventional violence"). The cue alone cannot
//! tell: "killed 1,000 Taliban fighters" is fighting, "killed 20 civilians" an assault, and
//! "clashed with the police" is a riot, not a battle. So, as `Extractor::extract` turns each
//! sentence's readings into statements:
//! - a general assault (180: kill, attack, injure …) by a state's armed side or an armed group
//!   on an armed side (an armed group, rebels, insurgents, militias, troops) is a fight (190);
//! - a general fight (190: clash, fight …) where one side is civilians (protesters, residents)
//!   and neither side is an army or an armed group is an assault (180).
//!
//! The finer codes keep theirs (an abduction, a bombing, shelling, an air strike).

use crate::model::{ActorKind, ActorRef, Stance};

/// Agent codes of armed non-state sides (CAMEO: rebels, insurgents, separatists, unaligned
/// armed forces).
const IRREGULAR: &[&str] = &["REB", "INS", "SEP", "UAF"];

/// Agent codes of a state's armed forces (the military, the intelligence services).
const ARMED_FORCES: &[&str] = &["MIL", "SPY"];

/// An armed group of the gazetteer ("Taliban", "al-Shabaab"), or a side whose agent code
/// marks it as irregular armed forces ("militants", "rebels"). "The West" is a group too,
/// but no armed one.
fn irregular(a: &ActorRef) -> bool {
    match a.agent.as_deref() {
        Some(agent) => IRREGULAR.contains(&agent),
        None => a.kind == ActorKind::Group && a.code.as_deref() != Some("WST"),
    }
}

/// A side that wages war: an irregular armed side, or a state's (or organisation's) armed
/// forces.
fn armed(a: &ActorRef) -> bool {
    irregular(a)
        || a.agent
            .as_deref()
            .is_some_and(|g| ARMED_FORCES.contains(&g))
}

/// A state, or its government, police or armed forces, as the one who uses force.
fn state_side(a: &ActorRef) -> bool {
    matches!(a.kind, ActorKind::State | ActorKind::Organization)
        && a.agent
            .as_deref()
            .is_none_or(|g| matches!(g, "GOV" | "COP") || ARMED_FORCES.contains(&g))
}

fn civilians(a: &ActorRef) -> bool {
    a.agent.as_deref() == Some("CVL")
}

/// The stance the sides give a reading's violence: `stance` itself unless it is a general
/// assault or fight (no finer `event` code) that the sides recode.
pub fn violence_by_sides(
    stance: Stance,
    event: Option<&str>,
    actor: &ActorRef,
    target: &ActorRef,
) -> Stance {
    let general = event.is_none();
    match stance {
        Stance::Assault if general && (state_side(actor) || armed(actor)) && armed(target) => {
            Stance::Fight
        }
        Stance::Fight
            if general
                && (civilians(actor) || civilians(target))
                && !armed(actor)
                && !armed(target) =>
        {
            Stance::Assault
        }
        _ => stance,
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Stance;
    use crate::stance::{test_document, test_extractor};

    /// Asserts that `text` reads `actor` (an id, or its prefix with a trailing `*`) taking
    /// `stance` toward `target`, and that no statement of the sentence has the `other` stance.
    fn reads(text: &str, actor: &str, stance: Stance, target: &str, other: Stance) {
        let got: Vec<(String, Stance, String)> = test_extractor()
            .extract(&test_document(text))
            .statements
            .into_iter()
            .map(|s| (s.actor.id.0, s.stance, s.target.id.0))
            .collect();
        let actor_is = |a: &str| match actor.strip_suffix('*') {
            Some(prefix) => a.starts_with(prefix),
            None => a == actor,
        };
        assert!(
            got.iter()
                .any(|(a, st, t)| actor_is(a) && *st == stance && t == target),
            "{got:?}"
        );
        assert!(!got.iter().any(|(_, st, _)| *st == other), "{got:?}");
    }

    #[test]
    fn an_army_killing_an_armed_groups_fighters_is_a_fight() {
        // voa-6205629
        reads(
            "The Afghan army chief said on Saturday his forces had also \u{201c}killed and \
             injured 1,000\" Taliban fighters in the past week.",
            "AFG*",
            Stance::Fight,
            "TALIBAN",
            Stance::Assault,
        );
    }

    #[test]
    fn protesters_clashing_with_police_is_an_assault() {
        // wikinews-Serbian_protesters_try_to_storm_Parliament
        reads(
            "Thousands rallied in Belgrade against the Serbian government. The protesters \
             clashed in front of parliament with the police and threw rocks, bottles and flares.",
            "SRB-CVL",
            Stance::Assault,
            "SRB-COP",
            Stance::Fight,
        );
    }

    #[test]
    fn an_army_killing_civilians_stays_an_assault() {
        reads(
            "Myanmar's army killed at least eight protesters in Yangon on Friday.",
            "MMR-MIL",
            Stance::Assault,
            "MMR-CVL",
            Stance::Fight,
        );
    }
}
