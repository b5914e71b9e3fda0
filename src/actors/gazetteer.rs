//! The gazetteer: a header-driven TSV format (`geokg-actors/1`, documented in data/README.md).
//!
//! Files are merged in order: a later row with an existing id extends that entry (aliases,
//! roles), so users can extend the bundled data with `--actors FILE`.

use crate::error::{Error, Result};
use crate::model::{ActorId, ActorKind, ActorRef};
use crate::text::normalize;
use aho_corasick::{AhoCorasick, MatchKind};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// The bundled gazetteer files, embedded so the binary works from any folder.
pub const BUNDLED: [(&str, &str); 4] = [
    (
        "data/actors/states.tsv",
        include_str!("../../data/actors/states.tsv"),
    ),
    (
        "data/actors/organizations.tsv",
        include_str!("../../data/actors/organizations.tsv"),
    ),
    (
        "data/actors/people.tsv",
        include_str!("../../data/actors/people.tsv"),
    ),
    (
        "data/actors/agencies.tsv",
        include_str!("../../data/actors/agencies.tsv"),
    ),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// An office a person held: whom they represent and when.
#[derive(Clone, Debug, PartialEq)]
pub struct Role {
    /// Code of the state or organisation represented.
    pub represents: String,
    pub title: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Role {
    fn holds_on(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }
}

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorEntry {
    pub id: ActorId,
    pub kind: ActorKind,
    pub code: Option<String>,
    pub iso2: Option<String>,
    pub name: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub capitals: Vec<String>,
    pub qid: Option<String>,
    pub member_of: Vec<String>,
    pub operates_in: Vec<String>,
    pub gender: Option<Gender>,
    pub roles: Vec<Role>,
    /// For a sub-state body (the Pentagon, the Knesset, the IRGC): the CAMEO agent code of its
    /// sector; `code` is then its state's.
    pub agent: Option<String>,
    pub source: String,
    /// `file:line` of the row that defined it.
    pub origin: String,
}

impl ActorEntry {
    /// The entry's name, then its aliases.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name).chain(&self.aliases)
    }

    /// The role a person held on `date`: the active one that started last; without a date or
    /// an active role, the latest role that started before the date, else the latest role.
    /// Of roles that started the same day, the first listed wins (Elizabeth II is Queen of
    /// the United Kingdom first, of Canada and Australia after).
    pub fn role_on(&self, date: Option<NaiveDate>) -> Option<&Role> {
        if let Some(d) = date {
            if let Some(r) = self
                .roles
                .iter()
                .rev()
                .filter(|r| r.holds_on(d))
                .max_by_key(|r| r.from)
            {
                return Some(r);
            }
            if let Some(r) = self
                .roles
                .iter()
                .rev()
                .filter(|r| r.from.is_none_or(|f| f <= d))
                .max_by_key(|r| r.from)
            {
                return Some(r);
            }
        }
        self.roles.iter().rev().max_by_key(|r| r.from)
    }
}

/// How a surface form names its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Name,
    Alias,
    Demonym,
    Capital,
}

/// The merged gazetteer with its matchers.
pub struct Gazetteer {
    entries: Vec<ActorEntry>,
    by_id: HashMap<String, usize>,
    by_code: HashMap<String, usize>,
    by_iso2: HashMap<String, usize>,
    /// Person surnames (last word of name and aliases) → entries.
    surnames: HashMap<String, Vec<usize>>,
    matcher: AhoCorasick,
    /// Payload of each matcher pattern.
    forms: Vec<(usize, FormKind)>,
    /// Seats shared by several actors ("Brussels": Belgium, the EU, NATO): every entry that
    /// lists the form, in file order; the discourse picks one.
    shared_seats: HashMap<String, Vec<usize>>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Gazetteer({} entries)", self.entries.len())
    }
}

fn split_multi(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

fn parse_opt_date(s: &str) -> std::result::Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("malformed date '{s}' (expected YYYY-MM-DD)"))
}

fn parse_role(s: &str) -> std::result::Result<Role, String> {
    let parts: Vec<&str> = s.split(':').collect();
    if parts.len() != 4 {
        return Err(format!("role '{s}' must be CODE:Title:FROM:TO"));
    }
    let role = Role {
        represents: parts[0].trim().to_owned(),
        title: parts[1].trim().to_owned(),
        from: parse_opt_date(parts[2])?,
        to: parse_opt_date(parts[3])?,
    };
    if role.represents.is_empty() {
        return Err(format!("role '{s}' has no code"));
    }
    if let (Some(f), Some(t)) = (role.from, role.to) {
        if f > t {
            return Err(format!("role '{s}' ends before it starts"));
        }
    }
    Ok(role)
}

const KNOWN_COLUMNS: &[&str] = &[
    "id",
    "kind",
    "code",
    "iso2",
    "name",
    "aliases",
    "demonyms",
    "capitals",
    "qid",
    "member_of",
    "operates_in",
    "gender",
    "roles",
    "agent",
    "source",
];

/// Parses one gazetteer file into entries (not yet merged).
pub fn parse_file(path: &str, content: &str) -> Result<Vec<ActorEntry>> {
    let mut header: Option<Vec<String>> = None;
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let Some(h) = &header else {
            let h: Vec<String> = cols.iter().map(|c| c.trim().to_owned()).collect();
            for c in &h {
                if !KNOWN_COLUMNS.contains(&c.as_str()) {
                    return Err(Error::data(
                        path,
                        line_no,
                        format!("unknown column '{c}' (known: {})", KNOWN_COLUMNS.join(", ")),
                    ));
                }
            }
            for required in ["id", "kind", "name"] {
                if !h.iter().any(|c| c == required) {
                    return Err(Error::data(
                        path,
                        line_no,
                        format!("header lacks the required column '{required}'"),
                    ));
                }
            }
            header = Some(h);
            continue;
        };
        if cols.len() != h.len() {
            return Err(Error::data(
                path,
                line_no,
                format!("{} fields, the header has {}", cols.len(), h.len()),
            ));
        }
        let get = |name: &str| -> &str {
            h.iter()
                .position(|c| c == name)
                .map_or("", |p| cols[p].trim())
        };
        let err = |m: String| Error::data(path, line_no, m);
        let id = get("id");
        if id.is_empty() {
            return Err(err("empty id".into()));
        }
        let kind = ActorKind::parse(get("kind"))
            .filter(|k| *k != ActorKind::Issue)
            .ok_or_else(|| {
                err(format!(
                    "kind '{}' is not state, organization, person or group",
                    get("kind")
                ))
            })?;
        let name = get("name");
        if name.is_empty() {
            return Err(err(format!("entry '{id}' has no name")));
        }
        let roles = split_multi(get("roles"))
            .iter()
            .map(|r| parse_role(r))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(err)?;
        let gender = match get("gender") {
            "" => None,
            "f" | "F" => Some(Gender::Female),
            "m" | "M" => Some(Gender::Male),
            g => return Err(err(format!("gender '{g}' is not f or m"))),
        };
        let qid = opt(get("qid"));
        if let Some(q) = &qid {
            if !(q.starts_with('Q') && q.len() > 1 && q[1..].bytes().all(|b| b.is_ascii_digit())) {
                return Err(err(format!(
                    "qid '{q}' is not a Wikidata item id (Q followed by digits)"
                )));
            }
        }
        let code = opt(get("code")).or_else(|| (kind != ActorKind::Person).then(|| id.to_owned()));
        let agent = opt(get("agent"));
        if let Some(a) = &agent {
            if super::mentions::agent_label(a).is_none() {
                return Err(err(format!(
                    "agent '{a}' is not a CAMEO agent code geokg knows"
                )));
            }
        }
        out.push(ActorEntry {
            id: ActorId(id.to_owned()),
            kind,
            code,
            iso2: opt(get("iso2")),
            name: name.to_owned(),
            aliases: split_multi(get("aliases")),
            demonyms: split_multi(get("demonyms")),
            capitals: split_multi(get("capitals")),
            qid,
            member_of: split_multi(get("member_of")),
            operates_in: split_multi(get("operates_in")),
            gender,
            roles,
            agent,
            source: get("source").to_owned(),
            origin: format!("{path}:{line_no}"),
        });
    }
    if header.is_none() {
        return Err(Error::data(path, 1, "no header line"));
    }
    Ok(out)
}

impl Gazetteer {
    /// The bundled gazetteer.
    pub fn bundled() -> Result<Gazetteer> {
        Gazetteer::from_sources(&BUNDLED.map(|(p, c)| (p.to_owned(), c.to_owned())))
    }

    /// Builds a gazetteer from `(path, content)` pairs, merged in order.
    pub fn from_sources(sources: &[(String, String)]) -> Result<Gazetteer> {
        let mut all = Vec::new();
        for (path, content) in sources {
            all.extend(parse_file(path, content)?);
        }
        Gazetteer::from_entries(all)
    }

    /// Builds a gazetteer from entries in order; an entry whose id is already there extends
    /// the earlier one.
    pub fn from_entries(all: Vec<ActorEntry>) -> Result<Gazetteer> {
        let mut entries: Vec<ActorEntry> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for e in all {
            match by_id.get(e.id.as_str()) {
                Some(&i) => merge(&mut entries[i], e),
                None => {
                    by_id.insert(e.id.0.clone(), entries.len());
                    entries.push(e);
                }
            }
        }
        Gazetteer::index(entries)
    }

    fn index(entries: Vec<ActorEntry>) -> Result<Gazetteer> {
        let mut by_id = HashMap::new();
        let mut by_code = HashMap::new();
        let mut by_iso2 = HashMap::new();
        let mut surnames: HashMap<String, Vec<usize>> = HashMap::new();
        // surface form -> (entry, kind); the first definition of a form wins, deterministically.
        let mut forms: BTreeMap<String, (usize, FormKind)> = BTreeMap::new();
        let mut seats: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            by_id.insert(e.id.0.clone(), i);
            if let Some(c) = &e.code {
                if e.kind != ActorKind::Person && e.agent.is_none() {
                    by_code.entry(c.clone()).or_insert(i);
                }
            }
            if let Some(c) = &e.iso2 {
                by_iso2.insert(c.clone(), i);
            }
            let mut add = |form: &str, k: FormKind| {
                let (n, _) = normalize(form, 0);
                if n.chars().count() >= 2 {
                    if k == FormKind::Capital {
                        seats.entry(n.clone()).or_default().push(i);
                    }
                    forms.entry(n).or_insert((i, k));
                }
            };
            add(&e.name, FormKind::Name);
            for a in &e.aliases {
                add(a, FormKind::Alias);
            }
            for d in &e.demonyms {
                add(d, FormKind::Demonym);
            }
            for c in &e.capitals {
                add(c, FormKind::Capital);
            }
            if e.kind == ActorKind::Person {
                for n in e.names() {
                    if let Some(last) = n.split_whitespace().last() {
                        if n.split_whitespace().count() > 1 {
                            let v = surnames.entry(last.to_owned()).or_default();
                            if !v.contains(&i) {
                                v.push(i);
                            }
                        }
                    }
                }
            }
        }
        seats.retain(|_, v| v.len() > 1);
        let (patterns, payload): (Vec<String>, Vec<(usize, FormKind)>) = forms.into_iter().unzip();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::Other(format!("gazetteer matcher: {e}")))?;
        Ok(Gazetteer {
            entries,
            by_id,
            by_code,
            by_iso2,
            surnames,
            matcher,
            forms: payload,
            shared_seats: seats,
        })
    }

    pub fn entries(&self) -> &[ActorEntry] {
        &self.entries
    }
    pub fn len(&self) -> usize {
        self.entries.len()
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    pub fn get(&self, id: &str) -> Option<&ActorEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }
    /// The state, organisation or group with this code.
    pub fn by_code(&self, code: &str) -> Option<&ActorEntry> {
        self.by_code.get(code).map(|&i| &self.entries[i])
    }
    pub fn by_iso2(&self, iso2: &str) -> Option<&ActorEntry> {
        self.by_iso2.get(iso2).map(|&i| &self.entries[i])
    }
    pub(crate) fn entry(&self, i: usize) -> &ActorEntry {
        &self.entries[i]
    }
    /// Person entries whose name ends in `surname`.
    pub(crate) fn persons_with_surname(&self, surname: &str) -> &[usize] {
        self.surnames.get(surname).map_or(&[], |v| v.as_slice())
    }
    /// The entries sharing a seat of government, when more than one lists it.
    pub(crate) fn seat_candidates(&self, form: &str) -> Option<&[usize]> {
        self.shared_seats.get(form).map(|v| v.as_slice())
    }

    pub(crate) fn matcher(&self) -> (&AhoCorasick, &[(usize, FormKind)]) {
        (&self.matcher, &self.forms)
    }

    /// The reference of an entry as found in a text on `date`.
    pub fn actor_ref(&self, e: &ActorEntry, mention: &str, date: Option<NaiveDate>) -> ActorRef {
        let (code, represents) = match e.kind {
            // the code of the body the person represents ("UNHCR:High Commissioner" is coded
            // UN, "RSF:Commander" SDN), the role's own string when it names no entry
            ActorKind::Person => match e.role_on(date) {
                Some(r) => (
                    Some(
                        self.get(&r.represents)
                            .and_then(|b| b.code.clone())
                            .unwrap_or_else(|| r.represents.clone()),
                    ),
                    Some(ActorId(r.represents.clone())),
                ),
                None => (None, None),
            },
            _ => (e.code.clone(), None),
        };
        ActorRef {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            code,
            qid: e.qid.clone(),
            mention: mention.to_owned(),
            represents,
            agent: e.agent.clone(),
        }
    }

    /// Finds an actor by id, code, QID, name or alias (case-insensitive), for the CLI.
    pub fn lookup(&self, query: &str) -> Option<&ActorEntry> {
        if let Some(e) = self.get(query).or_else(|| self.by_code(query)) {
            return Some(e);
        }
        let q = query.to_lowercase();
        self.entries.iter().find(|e| {
            e.qid.as_deref() == Some(query)
                || e.name.to_lowercase() == q
                || e.aliases.iter().any(|a| a.to_lowercase() == q)
                || e.code.as_deref().is_some_and(|c| c.to_lowercase() == q)
        })
    }
}

fn merge(into: &mut ActorEntry, e: ActorEntry) {
    fn extend(a: &mut Vec<String>, b: Vec<String>) {
        for x in b {
            if !a.contains(&x) {
                a.push(x);
            }
        }
    }
    extend(&mut into.aliases, e.aliases);
    extend(&mut into.demonyms, e.demonyms);
    extend(&mut into.capitals, e.capitals);
    extend(&mut into.member_of, e.member_of);
    extend(&mut into.operates_in, e.operates_in);
    into.roles.extend(e.roles);
    into.qid = into.qid.take().or(e.qid);
    into.gender = into.gender.or(e.gender);
    into.iso2 = into.iso2.take().or(e.iso2);
    into.agent = into.agent.take().or(e.agent);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_gazetteer_loads_and_covers_the_brief() {
        let g = Gazetteer::bundled().unwrap();
        let states = g
            .entries()
            .iter()
            .filter(|e| e.kind == ActorKind::State)
            .count();
        assert!(states >= 195, "UN members and observers: {states}");
        for code in [
            "NATO", "EU", "OSCE", "UN", "G7", "G20", "AU", "ASEAN", "OPEC", "IAEA", "WHO", "IMF",
            "WTO", "ARL", "WST",
        ] {
            assert!(g.by_code(code).is_some(), "{code}");
        }
        assert_eq!(g.by_iso2("RU").unwrap().id.as_str(), "RUS");
        // UN organs share the code UN; the code still finds the UN itself
        assert_eq!(g.by_code("UN").unwrap().id.as_str(), "UN");
        assert_eq!(g.get("UNSC").unwrap().code.as_deref(), Some("UN"));
        assert_eq!(g.by_code("SWE").unwrap().qid.as_deref(), Some("Q34"));
        for e in g.entries() {
            assert!(!e.source.is_empty(), "{} has no source", e.origin);
            if e.kind == ActorKind::Person {
                assert!(!e.roles.is_empty(), "{} has no role", e.origin);
                for r in &e.roles {
                    assert!(
                        g.get(&r.represents).is_some() || g.by_code(&r.represents).is_some(),
                        "{}: unknown code {}",
                        e.origin,
                        r.represents
                    );
                }
            }
        }
    }

    #[test]
    fn person_code_follows_the_role_held_on_the_date() {
        let g = Gazetteer::bundled().unwrap();
        let s = g.get("jens-stoltenberg").unwrap();
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(s.role_on(d(2022, 1, 10)).unwrap().represents, "NATO");
        assert_eq!(s.role_on(d(2010, 1, 1)).unwrap().represents, "NOR");
        // roles that started the same day: the first listed (the UK's queen, not Australia's)
        let q = g.get("elizabeth-ii").unwrap();
        assert_eq!(q.role_on(d(2019, 9, 1)).unwrap().represents, "GBR");
        assert_eq!(q.role_on(None).unwrap().represents, "GBR");
        let r = g.actor_ref(s, "Stoltenberg", d(2022, 1, 10));
        assert_eq!(r.code.as_deref(), Some("NATO"));
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let bad = "id\tkind\tname\nX\tplanet\tMars\n";
        let e = parse_file("u.tsv", bad).unwrap_err().to_string();
        assert!(e.starts_with("u.tsv:2: kind 'planet'"), "{e}");
        let bad = "id\tkind\tname\troles\np\tperson\tP\tUSA:President:2020-13-01:\n";
        assert!(parse_file("u.tsv", bad)
            .unwrap_err()
            .to_string()
            .contains("u.tsv:2: malformed date"));
        let bad = "id\tkind\tnom\n";
        assert!(parse_file("u.tsv", bad)
            .unwrap_err()
            .to_string()
            .contains("unknown column 'nom'"));
    }

    #[test]
    fn user_rows_extend_bundled_entries() {
        let mut src: Vec<(String, String)> = BUNDLED
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        src.push((
            "mine.tsv".into(),
            "id\tkind\tname\taliases\nRUS\tstate\tRussia\tRossiya\n".into(),
        ));
        let g = Gazetteer::from_sources(&src).unwrap();
        assert!(g
            .get("RUS")
            .unwrap()
            .aliases
            .contains(&"Rossiya".to_owned()));
    }
}
