//! The closed vocabularies every stage shares: actor kinds, polarity, modality, and the stances
//! with their CAMEO code, Goldstein value, QuadClass and PLOVER type.
//!
//! The facts (codes, names, Goldstein values, QuadClass, PLOVER categories) come from
//! `data/reference/cameo_variants.tsv` (GDELT's CAMEO lookup tables and the CAMEO→PLOVER
//! mapping); a unit test checks every row of [`Stance::ALL`] against that file.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of thing an actor or target is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    State,
    Organization,
    Person,
    Group,
    Issue,
}

impl ActorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
            ActorKind::Group => "group",
            ActorKind::Issue => "issue",
        }
    }

    pub fn parse(s: &str) -> Option<ActorKind> {
        Some(match s {
            "state" | "territory" => ActorKind::State,
            "organization" | "organisation" => ActorKind::Organization,
            "person" => ActorKind::Person,
            "group" => ActorKind::Group,
            "issue" => ActorKind::Issue,
            _ => return None,
        })
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the actor is for or against an issue target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    Support,
    Oppose,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Support => "support",
            Polarity::Oppose => "oppose",
        }
    }
    pub fn parse(s: &str) -> Option<Polarity> {
        match s {
            "support" => Some(Polarity::Support),
            "oppose" => Some(Polarity::Oppose),
            _ => None,
        }
    }
    /// +1 for support, -1 for oppose.
    pub fn sign(self) -> i8 {
        match self {
            Polarity::Support => 1,
            Polarity::Oppose => -1,
        }
    }
}

/// How the statement is asserted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    Asserted,
    Future,
    Hypothetical,
    Denied,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
            Modality::Denied => "denied",
        }
    }
    /// The ontology individual's local name.
    pub fn local_name(self) -> &'static str {
        match self {
            Modality::Asserted => "Asserted",
            Modality::Future => "Future",
            Modality::Hypothetical => "Hypothetical",
            Modality::Denied => "Denied",
        }
    }
    pub fn parse(s: &str) -> Option<Modality> {
        [
            Modality::Asserted,
            Modality::Future,
            Modality::Hypothetical,
            Modality::Denied,
        ]
        .into_iter()
        .find(|m| m.as_str() == s || m.local_name() == s)
    }
}

/// How precise a resolved date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
    pub fn parse(s: &str) -> Option<Precision> {
        [
            Precision::Day,
            Precision::Week,
            Precision::Month,
            Precision::Year,
        ]
        .into_iter()
        .find(|p| p.as_str() == s)
    }
}

/// A stance one actor takes toward a target. The set is closed: the ontology
/// (`ontology/geokg.ttl`) defines exactly these concepts, and a test keeps the two equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Comment,
    Appeal,
    IntendCooperate,
    Consult,
    Negotiate,
    Visit,
    Support,
    SignAgreement,
    Cooperate,
    Aid,
    Yield,
    Investigate,
    Demand,
    Criticize,
    Accuse,
    Reject,
    Threaten,
    ThreatenForce,
    Protest,
    Mobilize,
    ReduceRelations,
    Sanction,
    Coerce,
    Arrest,
    Assault,
    Fight,
    MassViolence,
}

/// QuadClass of the CAMEO scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum QuadClass {
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

impl QuadClass {
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// The fixed facts of one stance.
#[derive(Clone, Copy, Debug)]
pub struct StanceFacts {
    pub id: &'static str,
    pub label: &'static str,
    pub cameo: &'static str,
    pub cameo_name: &'static str,
    pub goldstein: f64,
    pub quad_class: QuadClass,
    /// PLOVER event type; `None` where the CAMEO→PLOVER mapping drops the code.
    pub plover: Option<&'static str>,
}

use QuadClass::*;

macro_rules! facts {
    ($id:expr, $label:expr, $cameo:expr, $name:expr, $g:expr, $q:expr, $p:expr) => {
        StanceFacts {
            id: $id,
            label: $label,
            cameo: $cameo,
            cameo_name: $name,
            goldstein: $g,
            quad_class: $q,
            plover: $p,
        }
    };
}

impl Stance {
    pub const ALL: [Stance; 27] = [
        Stance::Comment,
        Stance::Appeal,
        Stance::IntendCooperate,
        Stance::Consult,
        Stance::Negotiate,
        Stance::Visit,
        Stance::Support,
        Stance::SignAgreement,
        Stance::Cooperate,
        Stance::Aid,
        Stance::Yield,
        Stance::Investigate,
        Stance::Demand,
        Stance::Criticize,
        Stance::Accuse,
        Stance::Reject,
        Stance::Threaten,
        Stance::ThreatenForce,
        Stance::Protest,
        Stance::Mobilize,
        Stance::ReduceRelations,
        Stance::Sanction,
        Stance::Coerce,
        Stance::Arrest,
        Stance::Assault,
        Stance::Fight,
        Stance::MassViolence,
    ];

    pub fn facts(self) -> StanceFacts {
        match self {
            Stance::Comment => facts!(
                "comment",
                "comment on",
                "010",
                "Make statement, not specified below",
                0.0,
                VerbalCooperation,
                None
            ),
            // PLOVER drops CAMEO 02; geokg maps appeals to REQUEST, the PLOVER type that covers asking.
            Stance::Appeal => facts!(
                "appeal",
                "appeal to",
                "020",
                "Appeal, not specified below",
                3.0,
                VerbalCooperation,
                Some("REQUEST")
            ),
            Stance::IntendCooperate => facts!(
                "intend_cooperate",
                "express intent to cooperate with",
                "030",
                "Express intent to cooperate, not specified below",
                4.0,
                VerbalCooperation,
                Some("AGREE")
            ),
            Stance::Consult => facts!(
                "consult",
                "consult",
                "040",
                "Consult, not specified below",
                1.0,
                VerbalCooperation,
                Some("CONSULT")
            ),
            Stance::Negotiate => facts!(
                "negotiate",
                "negotiate with",
                "046",
                "Engage in negotiation",
                7.0,
                VerbalCooperation,
                Some("CONSULT")
            ),
            Stance::Visit => facts!(
                "visit",
                "visit",
                "042",
                "Make a visit",
                1.9,
                VerbalCooperation,
                Some("CONSULT")
            ),
            Stance::Support => facts!(
                "support",
                "praise or endorse",
                "051",
                "Praise or endorse",
                3.4,
                VerbalCooperation,
                Some("SUPPORT")
            ),
            Stance::SignAgreement => facts!(
                "sign_agreement",
                "sign an agreement with",
                "057",
                "Sign formal agreement",
                8.0,
                VerbalCooperation,
                Some("SUPPORT")
            ),
            Stance::Cooperate => facts!(
                "cooperate",
                "cooperate materially with",
                "060",
                "Engage in material cooperation, not specified below",
                6.0,
                MaterialCooperation,
                Some("COOPERATE")
            ),
            Stance::Aid => facts!(
                "aid",
                "provide aid to",
                "070",
                "Provide aid, not specified below",
                7.0,
                MaterialCooperation,
                Some("AID")
            ),
            Stance::Yield => facts!(
                "yield",
                "yield to",
                "080",
                "Yield, not specified below",
                5.0,
                MaterialCooperation,
                Some("CONCEDE")
            ),
            Stance::Investigate => facts!(
                "investigate",
                "investigate",
                "090",
                "Investigate, not specified below",
                -2.0,
                MaterialCooperation,
                Some("ACCUSE")
            ),
            Stance::Demand => facts!(
                "demand",
                "demand of",
                "100",
                "Demand, not specified below",
                -5.0,
                VerbalConflict,
                Some("REQUEST")
            ),
            Stance::Criticize => facts!(
                "criticize",
                "criticize or denounce",
                "111",
                "Criticize or denounce",
                -2.0,
                VerbalConflict,
                Some("ACCUSE")
            ),
            Stance::Accuse => facts!(
                "accuse",
                "accuse",
                "112",
                "Accuse, not specified below",
                -2.0,
                VerbalConflict,
                Some("ACCUSE")
            ),
            Stance::Reject => facts!(
                "reject",
                "reject",
                "120",
                "Reject, not specified below",
                -4.0,
                VerbalConflict,
                Some("REJECT")
            ),
            Stance::Threaten => facts!(
                "threaten",
                "threaten",
                "130",
                "Threaten, not specified below",
                -4.4,
                VerbalConflict,
                Some("THREATEN")
            ),
            Stance::ThreatenForce => facts!(
                "threaten_force",
                "threaten with military force",
                "138",
                "Threaten to use military force, not specified below",
                -7.0,
                VerbalConflict,
                Some("THREATEN")
            ),
            Stance::Protest => facts!(
                "protest",
                "protest against",
                "140",
                "Engage in political dissent, not specified below",
                -6.5,
                VerbalConflict,
                Some("PROTEST")
            ),
            Stance::Mobilize => facts!(
                "mobilize",
                "exhibit force posture toward",
                "150",
                "Demonstrate military or police power, not specified below",
                -7.2,
                MaterialConflict,
                Some("MOBILIZE")
            ),
            Stance::ReduceRelations => facts!(
                "reduce_relations",
                "reduce relations with",
                "160",
                "Reduce relations, not specified below",
                -4.0,
                MaterialConflict,
                Some("SANCTION")
            ),
            Stance::Sanction => facts!(
                "sanction",
                "impose sanctions on",
                "163",
                "Impose embargo, boycott, or sanctions",
                -8.0,
                MaterialConflict,
                Some("COERCE")
            ),
            Stance::Coerce => facts!(
                "coerce",
                "coerce",
                "170",
                "Coerce, not specified below",
                -7.0,
                MaterialConflict,
                Some("COERCE")
            ),
            Stance::Arrest => facts!(
                "arrest",
                "arrest or detain",
                "173",
                "Arrest, detain, or charge with legal action",
                -5.0,
                MaterialConflict,
                Some("COERCE")
            ),
            Stance::Assault => facts!(
                "assault",
                "assault",
                "180",
                "Use unconventional violence, not specified below",
                -9.0,
                MaterialConflict,
                Some("ASSAULT")
            ),
            Stance::Fight => facts!(
                "fight",
                "use military force against",
                "190",
                "Use conventional military force, not specified below",
                -10.0,
                MaterialConflict,
                Some("ASSAULT")
            ),
            Stance::MassViolence => facts!(
                "mass_violence",
                "use mass violence against",
                "200",
                "Use unconventional mass violence, not specified below",
                -10.0,
                MaterialConflict,
                Some("ASSAULT")
            ),
        }
    }

    pub fn id(self) -> &'static str {
        self.facts().id
    }

    /// The two-digit CAMEO root ("01".."20").
    pub fn cameo_root(self) -> &'static str {
        &self.facts().cameo[..2]
    }

    pub fn quad_class_number(self) -> u8 {
        self.facts().quad_class.number()
    }

    pub fn goldstein(self) -> f64 {
        self.facts().goldstein
    }

    /// Sign of the stance: +1 cooperative, -1 conflictual, 0 neutral.
    pub fn polarity(self) -> i8 {
        let g = self.goldstein();
        if g > 0.0 {
            1
        } else if g < 0.0 {
            -1
        } else {
            0
        }
    }

    /// Whether a stance is symmetric: "A and B met" gives both directions.
    pub fn is_reciprocal(self) -> bool {
        matches!(
            self,
            Stance::Consult
                | Stance::Negotiate
                | Stance::SignAgreement
                | Stance::Cooperate
                | Stance::Fight
        )
    }
}

/// One CAMEO event code of the reference table (`data/reference/cameo.tsv`, GDELT's CAMEO
/// lookup): the exact event a cue names, finer than its stance.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CameoEvent {
    pub code: &'static str,
    pub name: &'static str,
    pub goldstein: f64,
    pub quad_class: u8,
}

const CAMEO_TABLE: &str = include_str!("../../data/reference/cameo.tsv");

fn cameo_events() -> &'static [CameoEvent] {
    static EVENTS: std::sync::OnceLock<Vec<CameoEvent>> = std::sync::OnceLock::new();
    EVENTS.get_or_init(|| {
        CAMEO_TABLE
            .lines()
            .skip(1)
            .filter_map(|l| {
                let c: Vec<&'static str> = l.split('\t').collect();
                Some(CameoEvent {
                    code: c.first()?,
                    name: c.get(1)?,
                    goldstein: c.get(2)?.parse().ok()?,
                    quad_class: c.get(3)?.trim().parse().ok()?,
                })
            })
            .collect()
    })
}

/// The reference facts of a CAMEO event code ("193"), if the table has it.
pub fn cameo_event(code: &str) -> Option<CameoEvent> {
    cameo_events().iter().find(|e| e.code == code).copied()
}

impl Stance {
    /// The stance that a CAMEO event code (three digits) falls under: its root's stance, or
    /// the finer stance the vocabulary has for it (042/043 visit, 046 negotiate, 057 sign,
    /// 110/111 criticize, 112-116 accuse, 138 threaten with force, 163 sanction, 173 arrest).
    pub fn for_cameo(code: &str) -> Option<Stance> {
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        cameo_event(code)?;
        Some(match code {
            "042" | "043" => Stance::Visit,
            "046" => Stance::Negotiate,
            "057" => Stance::SignAgreement,
            "110" | "111" => Stance::Criticize,
            "138" => Stance::ThreatenForce,
            "163" => Stance::Sanction,
            "173" => Stance::Arrest,
            c => match &c[..2] {
                "01" => Stance::Comment,
                "02" => Stance::Appeal,
                "03" => Stance::IntendCooperate,
                "04" => Stance::Consult,
                "05" => Stance::Support,
                "06" => Stance::Cooperate,
                "07" => Stance::Aid,
                "08" => Stance::Yield,
                "09" => Stance::Investigate,
                "10" => Stance::Demand,
                "11" => Stance::Accuse,
                "12" => Stance::Reject,
                "13" => Stance::Threaten,
                "14" => Stance::Protest,
                "15" => Stance::Mobilize,
                "16" => Stance::ReduceRelations,
                "17" => Stance::Coerce,
                "18" => Stance::Assault,
                "19" => Stance::Fight,
                "20" => Stance::MassViolence,
                _ => return None,
            },
        })
    }
}

impl fmt::Display for Stance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Stance {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Stance::ALL
            .iter()
            .copied()
            .find(|st| st.id() == s)
            .ok_or_else(|| {
                format!(
                    "unknown stance '{s}' (known: {})",
                    Stance::ALL
                        .iter()
                        .map(|s| s.id())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stance's facts agree with the bundled CAMEO reference table.
    #[test]
    fn facts_match_cameo_reference() {
        let table = include_str!("../../data/reference/cameo_variants.tsv");
        for st in Stance::ALL {
            let f = st.facts();
            let row: Vec<&str> = table
                .lines()
                .map(|l| l.split('\t').collect::<Vec<_>>())
                .find(|cols| cols[0] == f.cameo)
                .unwrap_or_else(|| panic!("{} not in table", f.cameo));
            assert_eq!(row[3], f.cameo_name, "{st}: name");
            assert_eq!(
                row[4].parse::<f64>().unwrap(),
                f.goldstein,
                "{st}: goldstein"
            );
            assert_eq!(row[5], f.quad_class.number().to_string(), "{st}: quadclass");
            match f.plover {
                Some(p) if row[8] != "dropped" => assert_eq!(row[8], p, "{st}: plover"),
                Some(_) => assert_eq!(
                    st,
                    Stance::Appeal,
                    "only appeal overrides a dropped PLOVER code"
                ),
                None => assert_eq!(row[8], "dropped", "{st}: plover"),
            }
        }
    }

    /// Every stance's own code maps back to it; every three-digit code of the table has one.
    #[test]
    fn cameo_codes_map_to_stances() {
        for st in Stance::ALL {
            assert_eq!(Stance::for_cameo(st.facts().cameo), Some(st), "{st}");
        }
        let codes: Vec<&str> = CAMEO_TABLE
            .lines()
            .skip(1)
            .filter_map(|l| l.split('\t').next())
            .filter(|c| c.len() == 3)
            .collect();
        assert_eq!(codes.len(), 147);
        for c in codes {
            let st = Stance::for_cameo(c).unwrap_or_else(|| panic!("{c}"));
            assert_eq!(st.cameo_root(), &c[..2], "{c}");
        }
        assert_eq!(cameo_event("193").unwrap().goldstein, -10.0);
        assert_eq!(Stance::for_cameo("1931"), None);
        assert_eq!(Stance::for_cameo("999"), None);
    }

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for st in Stance::ALL {
            assert!(seen.insert(st.id()));
            assert_eq!(st.id().parse::<Stance>().unwrap(), st);
        }
        assert!("nonsense".parse::<Stance>().is_err());
    }
}
