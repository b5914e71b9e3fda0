//! `geokg dyad A B --by month|week|quarter`: the directed interactions A→B and B→A over time.

use super::{r4, Labeler, Named};
use crate::error::Result;
use crate::graph::{self, Grain, Key, Scope, Window};
use crate::store::tally;
use crate::store::KgStore;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// The length of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    Month,
    Quarter,
}

impl Period {
    pub fn parse(s: &str) -> Option<Period> {
        Some(match s {
            "week" => Period::Week,
            "month" => Period::Month,
            "quarter" => Period::Quarter,
            _ => return None,
        })
    }

    /// The first day of the period holding `d` (weeks start on Monday, ISO 8601).
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
            Period::Month => d.with_day(1).unwrap_or(d),
            Period::Quarter => {
                NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1).unwrap_or(d)
            }
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => start + Duration::days(7),
            Period::Month => start
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(start),
            Period::Quarter => start
                .checked_add_months(chrono::Months::new(3))
                .unwrap_or(start),
        }
    }

    /// `2022-W02`, `2022-01`, `2022-Q1`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
        }
    }
}

/// The interactions of one direction in one period.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Bucket {
    pub n: usize,
    /// Statements per QuadClass 1..4.
    pub quad_class: [usize; 4],
    /// None when there is no statement.
    pub goldstein_mean: Option<f64>,
    /// Σ Goldstein in hundredths.
    #[serde(skip)]
    goldstein_centi: i64,
}

impl Bucket {
    fn add(&mut self, f: &[i64; tally::FIELDS]) {
        self.n += f[tally::N].max(0) as usize;
        for (q, n) in self.quad_class.iter_mut().zip(graph::read::quads_of(f)) {
            *q += n;
        }
        self.goldstein_centi += f[tally::G];
    }
    fn finish(&mut self) {
        self.goldstein_mean =
            (self.n > 0).then(|| r4(self.goldstein_centi as f64 / 100.0 / self.n as f64));
    }
}

/// One period of the series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodRow {
    pub period: String,
    #[serde(serialize_with = "super::ser_date")]
    pub start: NaiveDate,
    pub a_to_b: Bucket,
    pub b_to_a: Bucket,
}

/// The series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadSeries {
    pub a: Named,
    pub b: Named,
    pub by: Period,
    pub window: Window,
    /// Every period from the window's start (or the first statement) to its end (or the last
    /// statement), empty ones included.
    pub periods: Vec<PeriodRow>,
    pub total_a_to_b: Bucket,
    pub total_b_to_a: Bucket,
    /// Statements without any date (not in any period, but in the totals).
    pub undated: usize,
}

/// At most this many periods (a guard against `--by week` over centuries).
pub const MAX_PERIODS: usize = 10_000;

/// Builds the series of `a` and `b`.
pub fn dyad(
    store: &KgStore,
    labels: &Labeler<'_>,
    a: &Key,
    b: &Key,
    by: Period,
    w: &Window,
) -> Result<DyadSeries> {
    let pair = vec![a.clone(), b.clone()];
    let scope = Scope {
        actors: Some(pair.clone()),
        targets: Some(pair),
        dates: true,
        ..Scope::default()
    };
    // weeks do not nest in months, so a weekly series reads statements
    let grain = match by {
        Period::Week => Grain::Day,
        _ => Grain::Month,
    };
    let mut found: Vec<(usize, usize, [i64; tally::FIELDS], Option<NaiveDate>)> = Vec::new();
    let (keys, _) = graph::read::rows(store, &scope, w, grain, |r| {
        found.push((r.actor, r.target, r.fields, r.day));
    })?;
    let mut buckets: BTreeMap<(NaiveDate, u8), Bucket> = BTreeMap::new();
    let mut totals = [Bucket::default(), Bucket::default()];
    let mut undated = 0;
    let (mut first, mut last): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    for (ai, ti, fields, date) in found {
        let dir = match (&keys[ai], &keys[ti]) {
            (x, y) if x == a && y == b => 0u8,
            (x, y) if x == b && y == a => 1u8,
            _ => continue,
        };
        totals[dir as usize].add(&fields);
        let Some(d) = date else {
            undated += fields[tally::N].max(0) as usize;
            continue;
        };
        first = Some(first.map_or(d, |f| f.min(d)));
        last = Some(last.map_or(d, |l| l.max(d)));
        buckets.entry((by.start(d), dir)).or_default().add(&fields);
    }
    let mut periods = Vec::new();
    if let (Some(f), Some(l)) = (w.from.or(first), w.to.or(last)) {
        let mut p = by.start(f);
        while p <= l && periods.len() < MAX_PERIODS {
            let mut ab = buckets.remove(&(p, 0)).unwrap_or_default();
            let mut ba = buckets.remove(&(p, 1)).unwrap_or_default();
            ab.finish();
            ba.finish();
            periods.push(PeriodRow {
                period: by.label(p),
                start: p,
                a_to_b: ab,
                b_to_a: ba,
            });
            let next = by.next(p);
            if next <= p {
                break;
            }
            p = next;
        }
    }
    let [mut tab, mut tba] = totals;
    tab.finish();
    tba.finish();
    Ok(DyadSeries {
        a: labels.named(a)?,
        b: labels.named(b)?,
        by,
        window: w.clone(),
        periods,
        total_a_to_b: tab,
        total_b_to_a: tba,
        undated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_start_and_label() {
        // 2022-01-10 is a Monday in ISO week 2
        assert_eq!(Period::Week.start(d("2022-01-13")), d("2022-01-10"));
        assert_eq!(Period::Week.label(d("2022-01-10")), "2022-W02");
        // 2021-01-03 (Sunday) belongs to ISO week 2020-W53
        assert_eq!(
            Period::Week.label(Period::Week.start(d("2021-01-03"))),
            "2020-W53"
        );
        assert_eq!(Period::Month.start(d("2022-03-31")), d("2022-03-01"));
        assert_eq!(Period::Month.next(d("2022-12-01")), d("2023-01-01"));
        assert_eq!(Period::Quarter.start(d("2022-08-15")), d("2022-07-01"));
        assert_eq!(Period::Quarter.label(d("2022-07-01")), "2022-Q3");
        assert_eq!(Period::parse("fortnight"), None);
    }
}
