//! Import of CAMEO/PETRARCH-format actor dictionaries (`--actors-cameo FILE`).
//!
//! The format (TABARI/PETRARCH `.actors`): a primary phrase, optionally with a code
//! (`AFGHANISTAN_ [AFG]`), then `+` synonym lines and tab-indented date restrictions
//! (`\t[USAGOV 20090120-20170120]`, `[CODE <date]`, `[CODE >date]`); words are joined by `_`
//! or blanks; comments start with `#` or `;`, or are `<!-- ... -->`. Codes map to geokg's:
//! the first three letters are a state's alpha-3 code, IGO codes map through
//! data/cameo_igo.tsv. A record whose codes are all bare state or IGO codes becomes aliases
//! of that actor; any other record becomes a person whose roles are its dated codes.

use super::gazetteer::{ActorEntry, Role};
use crate::error::{Error, Result};
use crate::model::{ActorId, ActorKind};
use chrono::NaiveDate;

pub const BUNDLED_IGO: (&str, &str) = (
    "data/cameo_igo.tsv",
    include_str!("../../data/cameo_igo.tsv"),
);

/// The CAMEO IGO code table: (CAMEO prefix, geokg code), longest first.
pub fn igo_table() -> Vec<(String, String)> {
    let mut t: Vec<(String, String)> = BUNDLED_IGO
        .1
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim().to_owned(), b.trim().to_owned()))
        .collect();
    t.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    t
}

/// A code restricted to a period.
#[derive(Clone, Debug, PartialEq)]
struct DatedCode {
    code: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

/// One dictionary record before mapping.
#[derive(Clone, Debug, Default)]
struct Record {
    line: usize,
    phrases: Vec<String>,
    codes: Vec<DatedCode>,
}

fn strip_comments(content: &str) -> String {
    // <!-- ... --> may span lines; keep line breaks so line numbers stay right
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => {
                out.extend(rest[i..i + j].chars().filter(|&c| c == '\n'));
                rest = &rest[i + j + 3..];
            }
            None => {
                out.extend(rest[i..].chars().filter(|&c| c == '\n'));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    let d = s.trim();
    let full = match d.len() {
        8 => d.to_owned(),
        // YYMMDD: 00-30 are 20YY, else 19YY
        6 => {
            let yy: u32 = d[..2].parse().map_err(|_| format!("bad date '{d}'"))?;
            format!("{}{}", if yy <= 30 { 20 } else { 19 }, d)
        }
        _ => return Err(format!("bad date '{d}' (YYYYMMDD or YYMMDD)")),
    };
    NaiveDate::parse_from_str(&full, "%Y%m%d").map_err(|_| format!("bad date '{d}'"))
}

fn parse_code(body: &str) -> std::result::Result<DatedCode, String> {
    let mut parts = body.split_whitespace();
    let code = parts.next().ok_or("empty code")?.to_owned();
    let (from, to) = match parts.next() {
        None => (None, None),
        Some(r) if r.starts_with('<') => (None, Some(parse_date(&r[1..])?)),
        Some(r) if r.starts_with('>') => (Some(parse_date(&r[1..])?), None),
        Some(r) => {
            let (a, b) = r
                .split_once('-')
                .ok_or_else(|| format!("bad date restriction '{r}'"))?;
            (Some(parse_date(a)?), Some(parse_date(b)?))
        }
    };
    Ok(DatedCode { code, from, to })
}

/// "HAMID_KARZAI_" -> "Hamid Karzai"; short single words stay upper case ("NATO", "UN").
fn surface(phrase: &str) -> String {
    let words: Vec<&str> = phrase.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
    if words.len() == 1 && words[0].len() <= 4 {
        return words[0].to_owned();
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let l = w.to_lowercase();
            if i > 0
                && matches!(
                    l.as_str(),
                    "of" | "the"
                        | "and"
                        | "for"
                        | "de"
                        | "al"
                        | "bin"
                        | "el"
                        | "van"
                        | "von"
                        | "der"
                )
            {
                l
            } else {
                let mut c = l.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_records(path: &str, content: &str) -> Result<Vec<Record>> {
    let clean = strip_comments(content);
    let mut out: Vec<Record> = Vec::new();
    let mut cur: Option<Record> = None;
    for (i, raw) in clean.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.split(['#', ';']).next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        let err = |m: String| Error::data(path, line_no, m);
        let indented = line.starts_with([' ', '\t']);
        let t = line.trim();
        // inline codes: "PHRASE [CODE]" or a restriction line "[CODE ...]"
        let (text, code) = match t.find('[') {
            Some(k) => {
                let close = t[k..]
                    .find(']')
                    .ok_or_else(|| err("'[' without ']'".into()))?;
                (
                    t[..k].trim(),
                    Some(parse_code(&t[k + 1..k + close]).map_err(err)?),
                )
            }
            None => (t, None),
        };
        if indented && text.is_empty() {
            let r = cur
                .as_mut()
                .ok_or_else(|| err("a date restriction before any phrase".into()))?;
            r.codes.extend(code);
            continue;
        }
        if let Some(syn) = text.strip_prefix('+') {
            let r = cur
                .as_mut()
                .ok_or_else(|| err("a '+' synonym before any phrase".into()))?;
            r.phrases.push(syn.trim().to_owned());
            r.codes.extend(code);
            continue;
        }
        if text.is_empty() {
            return Err(err("a code without a phrase".into()));
        }
        out.extend(cur.take());
        cur = Some(Record {
            line: line_no,
            phrases: vec![text.to_owned()],
            codes: code.into_iter().collect(),
        });
    }
    out.extend(cur);
    Ok(out)
}

/// Maps a CAMEO actor code to a geokg code, given the codes the gazetteer knows.
pub fn map_code(
    code: &str,
    igo: &[(String, String)],
    known: &dyn Fn(&str) -> bool,
) -> Option<String> {
    if let Some((_, g)) = igo.iter().find(|(p, _)| code.starts_with(p.as_str())) {
        return Some(g.clone());
    }
    let state = code.get(..3)?;
    known(state).then(|| state.to_owned())
}

/// Parses a CAMEO/PETRARCH actor dictionary into gazetteer entries. `known` says whether a
/// geokg code exists. Records whose codes cannot be mapped are returned as warnings.
pub fn parse(
    path: &str,
    content: &str,
    known: &dyn Fn(&str) -> bool,
) -> Result<(Vec<ActorEntry>, Vec<String>)> {
    let igo = igo_table();
    let mut entries = Vec::new();
    let mut warnings = Vec::new();
    for r in parse_records(path, content)? {
        let mapped: Vec<(Option<String>, &DatedCode)> = r
            .codes
            .iter()
            .map(|c| (map_code(&c.code, &igo, known), c))
            .collect();
        if r.codes.is_empty() || mapped.iter().any(|(m, _)| m.is_none()) {
            warnings.push(format!(
                "{path}:{}: '{}' skipped: {}",
                r.line,
                r.phrases[0],
                if r.codes.is_empty() {
                    "no code".to_owned()
                } else {
                    format!(
                        "unknown code(s) {}",
                        mapped
                            .iter()
                            .filter(|(m, _)| m.is_none())
                            .map(|(_, c)| c.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            ));
            continue;
        }
        let names: Vec<String> = r.phrases.iter().map(|p| surface(p)).collect();
        let bare = mapped.iter().all(|(m, c)| {
            c.from.is_none()
                && c.to.is_none()
                && (c.code.len() == 3 || igo.iter().any(|(p, _)| c.code == *p))
                && m.is_some()
        });
        let codes: std::collections::BTreeSet<&String> =
            mapped.iter().filter_map(|(m, _)| m.as_ref()).collect();
        if bare && codes.len() == 1 {
            // aliases of a state or an organisation
            let code = codes.into_iter().next().expect("one code").clone();
            entries.push(ActorEntry {
                id: ActorId(code.clone()),
                kind: ActorKind::State,
                code: Some(code),
                iso2: None,
                name: names[0].clone(),
                aliases: names,
                demonyms: Vec::new(),
                capitals: Vec::new(),
                qid: None,
                member_of: Vec::new(),
                operates_in: Vec::new(),
                gender: None,
                roles: Vec::new(),
                agent: None,
                source: format!("CAMEO dictionary {path}"),
                origin: format!("{path}:{}", r.line),
            });
            continue;
        }
        let slug: String = names[0]
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-");
        let roles = mapped
            .iter()
            .map(|(m, c)| Role {
                represents: m.clone().expect("mapped"),
                title: c.code.clone(),
                from: c.from,
                to: c.to,
            })
            .collect();
        entries.push(ActorEntry {
            id: ActorId(format!("cameo-{slug}")),
            kind: ActorKind::Person,
            code: None,
            iso2: None,
            name: names[0].clone(),
            aliases: names[1..].to_vec(),
            demonyms: Vec::new(),
            capitals: Vec::new(),
            qid: None,
            member_of: Vec::new(),
            operates_in: Vec::new(),
            gender: None,
            roles,
            agent: None,
            source: format!("CAMEO dictionary {path}"),
            origin: format!("{path}:{}", r.line),
        });
    }
    Ok((entries, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "# .actor file\n<!-- a\ncomment -->\nAFGHANISTAN_  [AFG]\n+AFGHAN_\n+KABUL_\n\nHAMID_KARZAI_  [AFGMIL]; CountryInfo.txt\n+KARZAI_\n\t[AFGGOV 011222-141-0]\n";

    fn known(c: &str) -> bool {
        matches!(c, "AFG" | "USA" | "UN" | "NATO")
    }

    #[test]
    fn records_synonyms_and_date_restrictions() {
        let e = parse("d.actors", "HAMID_KARZAI_  [AFGMIL]; x\n+KARZAI_\n\t[AFGGOV 20011222-20140929]\n\t[AFGELI <20011222]\nUNITED_NATIONS_ [IGOUNO]\n+UN_\n", &known).unwrap();
        let (entries, warnings) = e;
        assert!(warnings.is_empty(), "{warnings:?}");
        let karzai = &entries[0];
        assert_eq!(karzai.kind, ActorKind::Person);
        assert_eq!(karzai.name, "Hamid Karzai");
        assert_eq!(karzai.aliases, ["Karzai"]);
        assert_eq!(karzai.roles.len(), 3);
        assert_eq!(karzai.roles[1].represents, "AFG");
        assert_eq!(karzai.roles[1].from, NaiveDate::from_ymd_opt(2001, 12, 22));
        assert_eq!(karzai.roles[2].to, NaiveDate::from_ymd_opt(2001, 12, 22));
        let un = &entries[1];
        assert_eq!(
            (un.id.as_str(), un.aliases.clone()),
            ("UN", vec!["United Nations".to_owned(), "UN".to_owned()])
        );
    }

    #[test]
    fn errors_and_unknown_codes_are_reported_with_lines() {
        let e = parse("d.actors", DICT, &known).unwrap_err();
        assert!(
            e.to_string().starts_with("d.actors:10: bad date '141-0'"),
            "{e}"
        );
        let (entries, warnings) =
            parse("d.actors", "ATLANTIS_ [ATL]\nAFGHANISTAN_ [AFG]\n", &known).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(
            warnings,
            ["d.actors:1: 'ATLANTIS_' skipped: unknown code(s) ATL"]
        );
        assert!(parse("d.actors", "+SYNONYM_\n", &known)
            .unwrap_err()
            .to_string()
            .contains("d.actors:1:"));
    }

    #[test]
    fn state_aliases_extend_the_gazetteer() {
        let (entries, _) = parse("d.actors", "KABUL_GOVERNMENT_ [AFG]\n", &known).unwrap();
        assert_eq!(entries[0].id.as_str(), "AFG");
        assert_eq!(entries[0].aliases, ["Kabul Government"]);
    }
}
