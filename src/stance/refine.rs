//! The post-step on a document's statements: CAMEO's line between assault (18) and
//! conventional military force (19) drawn by the kinds of the two sides, not by the cue word.
//!
//! CAMEO codes violence between armed parties as 19 ("use conventional military force") and
//! violence against the unarmed as 18 ("use unconventional violence"). The cue alone cannot
//! tell: "killed 1,000 Taliban fighters" is fighting, "killed 20 civilians" an assault, and
//! "clashed with the police" is a riot, not a battle. So, after the rules:
//! - a general assault (180: kill, attack, injure …) by a state's armed side or an armed group
//!   on an armed side (an armed group, rebels, insurgents, militias, troops) is a fight (190);
//! - a general fight (190: clash, fight …) where one side is civilians (protesters, residents)
//!   and neither side is an army or an armed group is an assault (180).
//!
//! The finer codes keep theirs (an abduction, a bombing, shelling, an air strike).
//!
//! A claim of responsibility read as the attack it claims (`implied-claim`) is also the claim
//! itself, CAMEO 015 ("acknowledge or claim responsibility"), by the same group against the
//! same state: CAMEO codes the claim as a statement of its own beside the attack.

use std::collections::BTreeSet;

use crate::model::{ActorKind, ActorRef, Stance, Statement};

/// Agent codes of armed non-state sides (CAMEO: rebels, insurgents, separatists, unaligned
/// armed forces).
const IRREGULAR: &[&str] = &["REB", "INS", "SEP", "UAF"];

/// Agent codes of a state's armed and security forces.
const FORCES: &[&str] = &["MIL", "SPY", "COP"];

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
            .is_some_and(|g| FORCES.contains(&g) && g != "COP")
}

/// A state, or its government or forces, as the one who uses force.
fn state_side(a: &ActorRef) -> bool {
    matches!(a.kind, ActorKind::State | ActorKind::Organization)
        && a.agent
            .as_deref()
            .is_none_or(|g| g == "GOV" || FORCES.contains(&g))
}

fn civilians(a: &ActorRef) -> bool {
    a.agent.as_deref() == Some("CVL")
}

/// The stance a statement's sides give its violence, where it differs from the cue's.
fn by_sides(s: &Statement) -> Option<Stance> {
    let general = s.event.is_none();
    match s.stance {
        Stance::Assault if general && (state_side(&s.actor) || armed(&s.actor)) => {
            armed(&s.target).then_some(Stance::Fight)
        }
        Stance::Fight
            if general
                && (civilians(&s.actor) || civilians(&s.target))
                && !armed(&s.actor)
                && !armed(&s.target) =>
        {
            Some(Stance::Assault)
        }
        _ => None,
    }
}

/// The rule that reads a claim of responsibility as the attack it claims.
const CLAIM_RULE: &str = "implied-claim";

/// CAMEO 015, "acknowledge or claim responsibility".
const CLAIM_CODE: &str = "015";

/// Adds the claim itself (015) beside each attack read from a claim of responsibility
/// ("Al-Shabab claimed responsibility for the hotel attack": al-Shabab 180 and 015 Somalia).
fn claims_beside_attacks(statements: &mut Vec<Statement>) {
    let Some(claim) = Stance::for_cameo(CLAIM_CODE) else {
        return;
    };
    let claims: Vec<Statement> = statements
        .iter()
        .filter(|s| s.rule == CLAIM_RULE)
        .map(|s| Statement {
            stance: claim,
            event: Some(CLAIM_CODE.to_owned()),
            ..s.clone()
        })
        .collect();
    statements.extend(claims);
}

/// Adds the claims of responsibility beside the attacks they claim, recodes the violence of
/// `statements` by their sides, then keeps one statement per (sentence, actor, stance, target,
/// negation), as the rules do.
pub fn violence_by_sides(statements: &mut Vec<Statement>) {
    claims_beside_attacks(statements);
    let mut changed = false;
    for s in statements.iter_mut() {
        if let Some(stance) = by_sides(s) {
            s.stance = stance;
            changed = true;
        }
    }
    if changed {
        let mut seen = BTreeSet::new();
        statements.retain(|s| {
            seen.insert((
                s.sentence,
                s.actor.id.clone(),
                s.stance,
                s.target.id.clone(),
                s.negated,
            ))
        });
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
    fn a_claim_of_responsibility_is_also_a_claim() {
        // voa-wikinews (Yemen): "The Yemen-based Houthi movement claimed responsibility for the
        // attacks." after the drone strikes on Saudi Aramco's facilities
        let got: Vec<(String, Stance, Option<String>, String)> = test_extractor()
            .extract(&test_document(
                "Drones struck oil facilities in Saudi Arabia on Saturday. The Yemen-based \
                 Houthi movement claimed responsibility for the attacks.",
            ))
            .statements
            .into_iter()
            .map(|s| (s.actor.id.0, s.stance, s.event, s.target.id.0))
            .collect();
        assert!(
            got.iter().any(|(a, st, ev, t)| a == "HOUTHIS"
                && *st == Stance::Comment
                && ev.as_deref() == Some("015")
                && t == "SAU"),
            "{got:?}"
        );
        assert!(
            got.iter()
                .any(|(a, st, _, t)| a == "HOUTHIS" && *st == Stance::Assault && t == "SAU"),
            "{got:?}"
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
