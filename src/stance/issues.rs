//! The issue vocabulary (data/issues.tsv): stances toward issues rather than actors, with polarity.

use crate::error::{Error, Result};
use crate::model::{ActorId, ActorKind, ActorRef, Polarity};
use crate::text::Token;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::BTreeMap;

pub const BUNDLED_ISSUES: (&str, &str) = ("data/issues.tsv", include_str!("../../data/issues.tsv"));

/// One issue.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    pub id: String,
    pub label: String,
    pub patterns: Vec<String>,
    pub against: Vec<String>,
    pub qid: Option<String>,
    pub source: String,
}

/// An issue named in a sentence over tokens `[start, end)`; `against` when the words name an
/// act against it ("a ban on further expansion").
#[derive(Clone, Debug, PartialEq)]
pub struct IssueMention {
    pub start: usize,
    pub end: usize,
    pub issue: usize,
    pub against: bool,
}

/// The compiled vocabulary.
pub struct IssueVocab {
    pub issues: Vec<Issue>,
    matcher: AhoCorasick,
    payload: Vec<(usize, bool)>,
}

impl std::fmt::Debug for IssueVocab {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "IssueVocab({} issues)", self.issues.len())
    }
}

fn multi(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

impl IssueVocab {
    pub fn bundled() -> Result<IssueVocab> {
        IssueVocab::parse(BUNDLED_ISSUES.0, BUNDLED_ISSUES.1)
    }

    pub fn parse(path: &str, content: &str) -> Result<IssueVocab> {
        let mut issues = Vec::new();
        let mut header = false;
        for (i, line) in content.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if !header {
                header = true;
                continue;
            }
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() != 6 {
                return Err(Error::data(
                    path,
                    i + 1,
                    format!(
                        "{} fields; expected id, label, patterns, against, qid, source",
                        c.len()
                    ),
                ));
            }
            let id = c[0].trim();
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            {
                return Err(Error::data(
                    path,
                    i + 1,
                    format!("issue id '{id}' must be kebab-case"),
                ));
            }
            let qid = Some(c[4].trim().to_owned()).filter(|q| !q.is_empty());
            if let Some(q) = &qid {
                if !(q.starts_with('Q')
                    && q[1..].bytes().all(|b| b.is_ascii_digit())
                    && q.len() > 1)
                {
                    return Err(Error::data(
                        path,
                        i + 1,
                        format!("qid '{q}' is not a Wikidata item id"),
                    ));
                }
            }
            issues.push(Issue {
                id: id.to_owned(),
                label: c[1].trim().to_owned(),
                patterns: multi(c[2]),
                against: multi(c[3]),
                qid,
                source: c[5].trim().to_owned(),
            });
        }
        let mut forms: BTreeMap<String, (usize, bool)> = BTreeMap::new();
        for (k, is) in issues.iter().enumerate() {
            for p in &is.patterns {
                forms
                    .entry(crate::text::normalize(p, 0).0)
                    .or_insert((k, false));
            }
            for p in &is.against {
                forms
                    .entry(crate::text::normalize(p, 0).0)
                    .or_insert((k, true));
            }
        }
        let (pats, payload): (Vec<String>, Vec<(usize, bool)>) = forms.into_iter().unzip();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&pats)
            .map_err(|e| Error::Other(format!("issue matcher: {e}")))?;
        Ok(IssueVocab {
            issues,
            matcher,
            payload,
        })
    }

    /// Issues named in a normalised sentence, on token boundaries.
    pub fn find(&self, norm: &str, toks: &[Token]) -> Vec<IssueMention> {
        self.matcher
            .find_iter(norm)
            .filter_map(|m| {
                let (a, end) = crate::text::token_span(toks, m.start(), m.end())?;
                let (issue, against) = self.payload[m.pattern().as_usize()];
                Some(IssueMention {
                    start: a,
                    end,
                    issue,
                    against,
                })
            })
            .collect()
    }

    /// The target reference of an issue.
    pub fn actor_ref(&self, m: &IssueMention, mention: &str) -> ActorRef {
        let is = &self.issues[m.issue];
        ActorRef {
            id: ActorId(is.id.clone()),
            name: is.label.clone(),
            kind: ActorKind::Issue,
            code: None,
            qid: is.qid.clone(),
            mention: mention.to_owned(),
            represents: None,
            agent: None,
        }
    }
}

/// The position a stance toward an issue expresses: demanding, appealing for, supporting or
/// agreeing to an issue supports it; rejecting, criticising, protesting or threatening opposes
/// it; naming an act against the issue flips the sign.
pub fn polarity(stance: crate::model::Stance, against: bool) -> Option<Polarity> {
    use crate::model::Stance::*;
    let sign: i8 = match stance {
        Appeal | Demand | IntendCooperate | Support | SignAgreement | Cooperate | Aid
        | Negotiate | Consult | Yield => 1,
        Criticize | Accuse | Reject | Protest | Threaten | ThreatenForce | Sanction
        | ReduceRelations => -1,
        _ => return None,
    };
    let sign = if against { -sign } else { sign };
    Some(if sign > 0 {
        Polarity::Support
    } else {
        Polarity::Oppose
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stance;
    use crate::text::tokenize;

    #[test]
    fn bundled_issues_load_and_match() {
        let v = IssueVocab::bundled().unwrap();
        assert!(v.issues.len() >= 10);
        let s = "Moscow's demand for a ban on further expansion and NATO enlargement";
        let found = v.find(s, &tokenize(s));
        let ids: Vec<(&str, bool)> = found
            .iter()
            .map(|m| (v.issues[m.issue].id.as_str(), m.against))
            .collect();
        assert_eq!(
            ids,
            [("nato-enlargement", true), ("nato-enlargement", false)]
        );
    }

    #[test]
    fn polarity_follows_stance_and_flips_against() {
        assert_eq!(polarity(Stance::Demand, true), Some(Polarity::Oppose));
        assert_eq!(polarity(Stance::Reject, false), Some(Polarity::Oppose));
        assert_eq!(polarity(Stance::Support, false), Some(Polarity::Support));
        assert_eq!(polarity(Stance::Reject, true), Some(Polarity::Support));
        assert_eq!(polarity(Stance::Fight, false), None);
    }

    #[test]
    fn bad_rows_are_located() {
        let e = IssueVocab::parse(
            "i.tsv",
            "id\tlabel\tpatterns\tagainst\tqid\tsource\nBad Id\tx\ty\t\t\ts\n",
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("i.tsv:2: issue id 'Bad Id'"),
            "{e}"
        );
    }
}
