//! Time expressions: relative dates ("on Sunday", "at the weekend", "last week") resolved
//! against the article date, explicit dates ("January 10", "in 2014").

use super::Token;
use crate::model::Precision;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A time expression over tokens `[start, end)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    pub kind: TimeKind,
}

/// What a time expression says, before it is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeKind {
    Weekday(Weekday),
    Weekend,
    DayOffset(i64),
    LastWeek,
    LastMonth,
    LastYear,
    Year(i32),
    MonthDay(u32, u32),
    Month(u32, Option<i32>),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == w
                || (w.len() >= 3 && m.starts_with(w) && w != "may" && w.len() <= 4 && m.len() > 3)
        })
        .map(|i| i as u32 + 1)
}

fn weekday_of(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

fn number(t: &Token) -> Option<u32> {
    t.text
        .trim_end_matches(|c: char| c.is_alphabetic())
        .parse()
        .ok()
        .filter(|_| t.text.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// Whether a lowercase word is a day or month name.
pub fn is_calendar_word(lower: &str) -> bool {
    weekday_of(lower).is_some() || MONTHS.contains(&lower)
}

/// Finds the time expressions of a sentence.
pub fn find(toks: &[Token]) -> Vec<TimeExpr> {
    let low = |i: usize| toks.get(i).map_or("", |t| t.lower.as_str());
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let w = low(i);
        let push = |out: &mut Vec<TimeExpr>, a: usize, b: usize, kind: TimeKind| {
            out.push(TimeExpr {
                start: a,
                end: b,
                kind,
            })
        };
        if let Some(d) = weekday_of(w).filter(|_| toks[i].is_capitalized()) {
            push(&mut out, i, i + 1, TimeKind::Weekday(d));
        } else if w == "weekend" && matches!(low(i.wrapping_sub(1)), "the" | "this" | "last") {
            push(&mut out, i - 1, i + 1, TimeKind::Weekend);
        } else if w == "yesterday" {
            push(&mut out, i, i + 1, TimeKind::DayOffset(-1));
        } else if w == "today" || w == "tonight" {
            push(&mut out, i, i + 1, TimeKind::DayOffset(0));
        } else if w == "tomorrow" {
            push(&mut out, i, i + 1, TimeKind::DayOffset(1));
        } else if w == "last" && matches!(low(i + 1), "week" | "month" | "year") {
            let k = match low(i + 1) {
                "week" => TimeKind::LastWeek,
                "month" => TimeKind::LastMonth,
                _ => TimeKind::LastYear,
            };
            push(&mut out, i, i + 2, k);
            i += 2;
            continue;
        } else if let Some(m) = month_of(w).filter(|_| toks[i].is_capitalized()) {
            // "January 10", "January 10, 2022", "January 2022", "in January"
            if let Some(d) = toks
                .get(i + 1)
                .and_then(number)
                .filter(|d| (1..=31).contains(d))
            {
                let mut end = i + 2;
                let year = if low(end) == "," {
                    toks.get(end + 1)
                        .and_then(number)
                        .filter(|y| (1900..2100).contains(y))
                } else {
                    None
                };
                if year.is_some() {
                    end += 2;
                }
                match year {
                    Some(y) => push(
                        &mut out,
                        i,
                        end,
                        TimeKind::Month(m * 100 + d, Some(y as i32)),
                    ),
                    None => push(&mut out, i, end, TimeKind::MonthDay(m, d)),
                }
                i = end;
                continue;
            }
            let year = toks
                .get(i + 1)
                .and_then(number)
                .filter(|y| (1900..2100).contains(y));
            if year.is_some()
                || matches!(
                    low(i.wrapping_sub(1)),
                    "in" | "since" | "early" | "late" | "mid"
                )
            {
                push(
                    &mut out,
                    i,
                    i + 1 + usize::from(year.is_some()),
                    TimeKind::Month(m, year.map(|y| y as i32)),
                );
            }
        } else if let Some(d) = number(&toks[i]).filter(|d| (1..=31).contains(d)) {
            // "10 January"
            if let Some(m) = toks
                .get(i + 1)
                .filter(|t| t.is_capitalized())
                .and_then(|t| month_of(&t.lower))
            {
                push(&mut out, i, i + 2, TimeKind::MonthDay(m, d));
                i += 2;
                continue;
            }
        } else if matches!(w, "in" | "since" | "during") {
            if let Some(y) = toks
                .get(i + 1)
                .and_then(number)
                .filter(|y| (1900..2100).contains(y) && toks[i + 1].text.len() == 4)
            {
                push(&mut out, i + 1, i + 2, TimeKind::Year(y as i32));
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Resolves a time expression against the article date. `forward` resolves weekdays to the
/// next occurrence (future statements: "will meet on Wednesday"), else to the last one.
pub fn resolve(
    kind: &TimeKind,
    article: NaiveDate,
    forward: bool,
) -> Option<(NaiveDate, Precision)> {
    let day = |d: NaiveDate| Some((d, Precision::Day));
    match kind {
        TimeKind::Weekday(w) => {
            let a = article.weekday().num_days_from_monday() as i64;
            let b = w.num_days_from_monday() as i64;
            let delta = if forward {
                (b - a).rem_euclid(7)
            } else {
                -((a - b).rem_euclid(7))
            };
            day(article + Duration::days(delta))
        }
        TimeKind::Weekend => {
            let a = article.weekday().num_days_from_monday() as i64;
            // the Saturday of the last weekend (or of this one, on a Saturday or Sunday)
            let back = (a - 5).rem_euclid(7);
            Some((article - Duration::days(back), Precision::Week))
        }
        TimeKind::DayOffset(n) => day(article + Duration::days(*n)),
        TimeKind::LastWeek => Some((article - Duration::days(7), Precision::Week)),
        TimeKind::LastMonth => {
            let (y, m) = if article.month() == 1 {
                (article.year() - 1, 12)
            } else {
                (article.year(), article.month() - 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1).map(|d| (d, Precision::Month))
        }
        TimeKind::LastYear => {
            NaiveDate::from_ymd_opt(article.year() - 1, 1, 1).map(|d| (d, Precision::Year))
        }
        TimeKind::Year(y) => NaiveDate::from_ymd_opt(*y, 1, 1).map(|d| (d, Precision::Year)),
        TimeKind::MonthDay(m, d) => {
            let this = NaiveDate::from_ymd_opt(article.year(), *m, *d)?;
            // a past-tense date after the article date is last year's
            if !forward && this > article + Duration::days(7) {
                NaiveDate::from_ymd_opt(article.year() - 1, *m, *d).map(|x| (x, Precision::Day))
            } else {
                day(this)
            }
        }
        TimeKind::Month(md, Some(y)) if *md > 12 => {
            NaiveDate::from_ymd_opt(*y, md / 100, md % 100).map(|d| (d, Precision::Day))
        }
        TimeKind::Month(m, y) => {
            let year = y.unwrap_or_else(|| {
                if !forward && *m > article.month() {
                    article.year() - 1
                } else {
                    article.year()
                }
            });
            NaiveDate::from_ymd_opt(year, *m, 1).map(|d| (d, Precision::Month))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn dates(s: &str, forward: bool) -> Vec<String> {
        let article = NaiveDate::from_ymd_opt(2022, 1, 10).unwrap(); // a Monday
        find(&tokenize(s))
            .iter()
            .filter_map(|e| resolve(&e.kind, article, forward))
            .map(|(d, p)| format!("{d} {}", p.as_str()))
            .collect()
    }

    #[test]
    fn relative_days_resolve_against_the_article_date() {
        assert_eq!(
            dates("Blinken said on Sunday that", false),
            ["2022-01-09 day"]
        );
        assert_eq!(
            dates("Nato and Russia meeting on Wednesday", true),
            ["2022-01-12 day"]
        );
        assert_eq!(
            dates("Russia said at the weekend that", false),
            ["2022-01-08 week"]
        );
        assert_eq!(
            dates("talks last week and yesterday", false),
            ["2022-01-03 week", "2022-01-09 day"]
        );
        assert_eq!(dates("met on Monday", false), ["2022-01-10 day"]);
    }

    #[test]
    fn explicit_dates_and_years() {
        assert_eq!(
            dates("Russia annexed Crimea in 2014 and", false),
            ["2014-01-01 year"]
        );
        assert_eq!(
            dates("on January 10, 2021 and on 5 March", false),
            ["2021-01-10 day", "2021-03-05 day"]
        );
        assert_eq!(dates("in December the talks", false), ["2021-12-01 month"]);
        assert_eq!(dates("May 2020 talks", false), ["2020-05-01 month"]);
        assert!(dates("He may say in 150 words", false).is_empty());
    }
}
