//! Tallies added up for a bulk load in bounded memory: sums kept in memory up to a budget, then
//! written out as a sorted run to an anonymous temporary file, and the runs merged by key at
//! the end.
//!
//! A fresh build's tallies are one sum per (tally, confidence band), per (tally, stance) and
//! per (tally, day): their number grows with the days and months the corpus spans (about 150
//! MB of sums for a million articles over ten years), so holding them all made a build's peak
//! memory grow with the corpus. Every sum is an integer and every article's share is added
//! whole (its `ARTICLES_TOP` count is decided per article before it is added), so summing the
//! runs gives the very tallies summing in memory does: the store is byte for byte the same
//! (tested below and in `tests/cli/scale.rs`).

use super::tally::{self, Detail, Family, Period, Side, TallyBuilder, TallyKey, TallyValue};
use crate::error::{Error, Result};
use crate::model::Stance;
use chrono::NaiveDate;
use oxigraph::model::Quad;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};

/// Estimated bytes of sums held before they are written out as a run. Small, so that what the
/// sums add to a build's memory is the same at 50 MB of text as at 5 GB: with 32 MiB, the
/// sums held grew with the corpus up to the budget, and the process's resident memory twice
/// as fast as the estimate (250 to 290 MB between 10,000 and 117,000 articles,
/// `benches/memory.sh`). At 4 MiB, the bundled articles 64 times (10,432 articles over 64
/// days) do not spill; 1,024 times (166,912 articles over 1,024 days) write 10 runs.
pub const SPILL_BYTES: usize = 4 << 20;

/// The read buffer of each run while they are merged (a hundred runs take 1.6 MB).
const MERGE_BUFFER: usize = 16 << 10;

/// The budget of a build: [`SPILL_BYTES`], or `GEOKG_TALLY_SPILL_BYTES` when set (the tests
/// and the memory runs set it low to make every build spill).
pub fn budget() -> usize {
    std::env::var("GEOKG_TALLY_SPILL_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(SPILL_BYTES)
}

/// Tallies added up with at most about `budget` bytes of sums in memory.
pub struct SpillingTallies {
    memory: TallyBuilder,
    budget: usize,
    runs: Vec<File>,
}

fn io(e: std::io::Error) -> Error {
    Error::Store(format!("tally spill file: {e}"))
}

impl SpillingTallies {
    pub fn new(budget: usize) -> SpillingTallies {
        SpillingTallies {
            memory: TallyBuilder::default(),
            budget,
            runs: Vec::new(),
        }
    }

    /// Adds the facts of one article (or of several whole articles).
    pub fn add_facts(&mut self, facts: &[tally::Fact]) -> Result<()> {
        self.memory.add_facts(facts);
        if self.memory.bytes() > self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Sorted runs written so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Estimated bytes of the sums in memory.
    pub fn bytes(&self) -> usize {
        self.memory.bytes()
    }

    fn spill(&mut self) -> Result<()> {
        let file = tempfile::tempfile().map_err(io)?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        for (k, v) in self.memory.take() {
            write_entry(&mut w, &k, &v).map_err(io)?;
        }
        let mut file = w.into_inner().map_err(|e| io(e.into_error()))?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        self.runs.push(file);
        Ok(())
    }

    /// Hands every tally's quads to `out`, tally after tally in key order.
    pub fn for_each_quad(mut self, mut out: impl FnMut(Quad) -> Result<()>) -> Result<()> {
        if self.runs.is_empty() {
            for q in self.memory.quads() {
                out(q)?;
            }
            return Ok(());
        }
        if !self.memory.is_empty() {
            self.spill()?;
        }
        let mut readers: Vec<BufReader<File>> = self
            .runs
            .drain(..)
            .map(|f| BufReader::with_capacity(MERGE_BUFFER, f))
            .collect();
        // the head of each run, and the runs ordered by their head's key
        let mut heads: Vec<Option<TallyValue>> = Vec::with_capacity(readers.len());
        let mut heap = BinaryHeap::new();
        for (i, r) in readers.iter_mut().enumerate() {
            match read_entry(r)? {
                Some((k, v)) => {
                    heads.push(Some(v));
                    heap.push(Reverse((k, i)));
                }
                None => heads.push(None),
            }
        }
        while let Some(Reverse((key, i))) = heap.pop() {
            let mut value = heads[i].take().unwrap_or_default();
            advance(&mut readers[i], &mut heads[i], &mut heap, i)?;
            while heap.peek().is_some_and(|Reverse((k, _))| *k == key) {
                let Some(Reverse((_, j))) = heap.pop() else {
                    break;
                };
                if let Some(v) = heads[j].take() {
                    value.add(&v);
                }
                advance(&mut readers[j], &mut heads[j], &mut heap, j)?;
            }
            for q in tally::tally_quads(&key, &value) {
                out(q)?;
            }
        }
        Ok(())
    }
}

fn advance(
    r: &mut BufReader<File>,
    head: &mut Option<TallyValue>,
    heap: &mut BinaryHeap<Reverse<(TallyKey, usize)>>,
    i: usize,
) -> Result<()> {
    if let Some((k, v)) = read_entry(r)? {
        *head = Some(v);
        heap.push(Reverse((k, i)));
    }
    Ok(())
}

// The run format: per tally, its key then its value, little-endian, lengths before lists.

fn put_u32(w: &mut impl Write, n: usize) -> std::io::Result<()> {
    let n = u32::try_from(n).map_err(std::io::Error::other)?;
    w.write_all(&n.to_le_bytes())
}

fn put_side(w: &mut impl Write, s: &Side) -> std::io::Result<()> {
    let (tag, text) = match s {
        Side::Node(t) => (0u8, t),
        Side::Code(t) => (1u8, t),
    };
    w.write_all(&[tag])?;
    put_u32(w, text.len())?;
    w.write_all(text.as_bytes())
}

fn write_entry(w: &mut impl Write, k: &TallyKey, v: &TallyValue) -> std::io::Result<()> {
    w.write_all(&[match k.family {
        Family::Node => 0,
        Family::Rolled => 1,
    }])?;
    match k.period {
        Period::All => w.write_all(&[0])?,
        Period::Undated => w.write_all(&[1])?,
        Period::Month(d) => {
            w.write_all(&[2])?;
            w.write_all(&day_number(d).to_le_bytes())?;
        }
    }
    put_side(w, &k.actor)?;
    put_side(w, &k.target)?;
    put_u32(w, v.bands.len())?;
    for (b, fields) in &v.bands {
        w.write_all(&[*b])?;
        for x in fields {
            w.write_all(&x.to_le_bytes())?;
        }
    }
    put_u32(w, v.detail.stances.len())?;
    for (s, n) in &v.detail.stances {
        let i = Stance::ALL.iter().position(|x| x == s).unwrap_or(0);
        w.write_all(&[i as u8])?;
        w.write_all(&n.to_le_bytes())?;
    }
    put_u32(w, v.detail.days.len())?;
    for (d, n) in &v.detail.days {
        w.write_all(&day_number(*d).to_le_bytes())?;
        w.write_all(&n.to_le_bytes())?;
    }
    Ok(())
}

fn day_number(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce()
}

fn corrupt() -> Error {
    Error::Store("tally spill file: malformed run".to_owned())
}

fn bytes<const N: usize>(r: &mut impl Read) -> Result<[u8; N]> {
    let mut b = [0u8; N];
    r.read_exact(&mut b).map_err(io)?;
    Ok(b)
}

fn get_u32(r: &mut impl Read) -> Result<usize> {
    Ok(u32::from_le_bytes(bytes(r)?) as usize)
}

fn get_i64(r: &mut impl Read) -> Result<i64> {
    Ok(i64::from_le_bytes(bytes(r)?))
}

fn get_day(r: &mut impl Read) -> Result<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(bytes(r)?)).ok_or_else(corrupt)
}

fn get_side(r: &mut impl Read) -> Result<Side> {
    let [tag] = bytes(r)?;
    let len = get_u32(r)?;
    let mut text = Vec::new();
    r.take(len as u64).read_to_end(&mut text).map_err(io)?;
    if text.len() != len {
        return Err(corrupt());
    }
    let text = String::from_utf8(text).map_err(|_| corrupt())?;
    match tag {
        0 => Ok(Side::Node(text)),
        1 => Ok(Side::Code(text)),
        _ => Err(corrupt()),
    }
}

/// The next entry of a run, `None` at its end.
fn read_entry(r: &mut impl Read) -> Result<Option<(TallyKey, TallyValue)>> {
    let mut first = [0u8; 1];
    if r.read(&mut first).map_err(io)? == 0 {
        return Ok(None);
    }
    let family = match first[0] {
        0 => Family::Node,
        1 => Family::Rolled,
        _ => return Err(corrupt()),
    };
    let period = match bytes::<1>(r)?[0] {
        0 => Period::All,
        1 => Period::Undated,
        2 => Period::Month(get_day(r)?),
        _ => return Err(corrupt()),
    };
    let key = TallyKey {
        family,
        period,
        actor: get_side(r)?,
        target: get_side(r)?,
    };
    let mut value = TallyValue::default();
    for _ in 0..get_u32(r)? {
        let [b] = bytes(r)?;
        let mut fields = [0i64; tally::FIELDS];
        for f in &mut fields {
            *f = get_i64(r)?;
        }
        value.bands.insert(b, fields);
    }
    let mut detail = Detail::default();
    for _ in 0..get_u32(r)? {
        let [i] = bytes(r)?;
        let s = *Stance::ALL.get(usize::from(i)).ok_or_else(corrupt)?;
        detail.stances.insert(s, get_i64(r)?);
    }
    for _ in 0..get_u32(r)? {
        let d = get_day(r)?;
        detail.days.insert(d, get_i64(r)?);
    }
    value.detail = detail;
    Ok(Some((key, value)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tally::Fact;

    fn fact(i: usize) -> Fact {
        let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
            + chrono::Duration::days((i * 37 % 900) as i64);
        Fact {
            graph: format!("http://example.org/graph/article/{}", i / 3),
            node: String::new(),
            actor: format!("http://example.org/id/actor/A{}", i % 7),
            target: format!("http://example.org/id/actor/B{}", i % 5),
            actor_code: i.is_multiple_of(2).then(|| format!("C{}", i % 3)),
            target_code: None,
            day: (!i.is_multiple_of(11)).then_some(day),
            confidence_milli: (i * 131 % 1001) as i64,
            polarity: (i % 3) as i8 - 1,
            stance: Stance::ALL[i % Stance::ALL.len()],
        }
    }

    /// Spilling after every article (a budget of 0) gives the quads summing in memory gives.
    #[test]
    fn merged_runs_equal_the_sums_in_memory() {
        let facts: Vec<Fact> = (0..3000).map(fact).collect();
        let mut memory = TallyBuilder::default();
        let mut spilled = SpillingTallies::new(0);
        let mut small = SpillingTallies::new(20_000);
        for article in facts.chunks(3) {
            memory.add_facts(article);
            spilled.add_facts(article).unwrap();
            small.add_facts(article).unwrap();
        }
        assert_eq!(spilled.runs(), 1000);
        assert!(small.runs() > 1 && small.runs() < 1000, "{}", small.runs());
        let expected: Vec<Quad> = memory.quads().collect();
        for s in [spilled, small] {
            let mut got = Vec::new();
            s.for_each_quad(|q| {
                got.push(q);
                Ok(())
            })
            .unwrap();
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn an_unspilled_builder_stays_in_memory() {
        let mut s = SpillingTallies::new(SPILL_BYTES);
        s.add_facts(&[fact(1), fact(2)]).unwrap();
        assert_eq!(s.runs(), 0);
        assert!(s.bytes() > 0);
        let mut n = 0;
        s.for_each_quad(|_| {
            n += 1;
            Ok(())
        })
        .unwrap();
        assert!(n > 0);
    }

    #[test]
    fn a_malformed_run_is_an_error_not_a_panic() {
        let bad: &[u8] = &[0, 9, 1, 2];
        assert!(read_entry(&mut &bad[..]).is_err());
        let truncated: &[u8] = &[0, 0, 0, 5, 0, 0, 0, b'a'];
        assert!(read_entry(&mut &truncated[..]).is_err());
        let empty: &[u8] = &[];
        assert!(read_entry(&mut &empty[..]).unwrap().is_none());
    }
}
