//! HTTP content negotiation: picks the offered media type an `Accept` header prefers.

/// One media range of an `Accept` header.
#[derive(Clone, Debug, PartialEq)]
pub struct MediaRange {
    pub main: String,
    pub sub: String,
    pub q: f32,
}

impl MediaRange {
    /// How specifically the range matches `main/sub`: 3 exact, 2 `main/*`, 1 `*/*`, 0 not.
    fn specificity(&self, main: &str, sub: &str) -> u8 {
        if self.main == "*" && self.sub == "*" {
            1
        } else if self.main.eq_ignore_ascii_case(main) && self.sub == "*" {
            2
        } else if self.main.eq_ignore_ascii_case(main) && self.sub.eq_ignore_ascii_case(sub) {
            3
        } else {
            0
        }
    }
}

/// Parses an `Accept` header; malformed ranges are skipped, a malformed `q` counts as 1.
pub fn parse_accept(header: &str) -> Vec<MediaRange> {
    header
        .split(',')
        .filter_map(|part| {
            let mut params = part.split(';');
            let (main, sub) = params.next()?.trim().split_once('/')?;
            let (main, sub) = (main.trim(), sub.trim());
            if main.is_empty() || sub.is_empty() {
                return None;
            }
            let mut q = 1.0;
            for p in params {
                if let Some((k, v)) = p.split_once('=') {
                    if k.trim().eq_ignore_ascii_case("q") {
                        q = v.trim().parse::<f32>().unwrap_or(1.0).clamp(0.0, 1.0);
                    }
                }
            }
            Some(MediaRange {
                main: main.to_ascii_lowercase(),
                sub: sub.to_ascii_lowercase(),
                q,
            })
        })
        .collect()
}

/// The offer the client prefers: each offer gets the quality of the most specific range that
/// matches it; the highest quality wins, ties go to the earlier offer. Without an `Accept`
/// header (or an empty one) the first offer wins; `None` when nothing offered is acceptable.
pub fn negotiate<'a>(accept: Option<&str>, offers: &[&'a str]) -> Option<&'a str> {
    let ranges = match accept {
        Some(h) if !h.trim().is_empty() => parse_accept(h),
        _ => return offers.first().copied(),
    };
    if ranges.is_empty() {
        return offers.first().copied();
    }
    let mut best: Option<(&str, f32)> = None;
    for &offer in offers {
        let Some((main, sub)) = offer.split_once('/') else {
            continue;
        };
        let q = ranges
            .iter()
            .filter_map(|r| {
                let s = r.specificity(main, sub);
                (s > 0).then_some((s, r.q))
            })
            .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
            .map_or(0.0, |(_, q)| q);
        if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
            best = Some((offer, q));
        }
    }
    best.map(|(o, _)| o)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFERS: [&str; 3] = [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
    ];

    #[test]
    fn picks_by_quality_and_specificity() {
        assert_eq!(negotiate(None, &OFFERS), Some(OFFERS[0]));
        assert_eq!(negotiate(Some(""), &OFFERS), Some(OFFERS[0]));
        assert_eq!(negotiate(Some("*/*"), &OFFERS), Some(OFFERS[0]));
        assert_eq!(negotiate(Some("text/csv"), &OFFERS), Some("text/csv"));
        assert_eq!(
            negotiate(
                Some("application/sparql-results+json;q=0.5, text/csv;q=0.9"),
                &OFFERS
            ),
            Some("text/csv")
        );
        // a browser: xml at 0.9 beats */* at 0.8
        assert_eq!(
            negotiate(
                Some("text/html,application/xhtml+xml,application/xml;q=0.9,application/sparql-results+xml;q=0.9,*/*;q=0.8"),
                &OFFERS
            ),
            Some(OFFERS[1])
        );
        // the exact range overrides the wildcard, even with a lower q
        assert_eq!(
            negotiate(
                Some("*/*;q=1, application/sparql-results+json;q=0"),
                &OFFERS
            ),
            Some(OFFERS[1])
        );
        assert_eq!(negotiate(Some("text/*"), &OFFERS), Some("text/csv"));
        assert_eq!(negotiate(Some("image/png"), &OFFERS), None);
        assert_eq!(
            negotiate(Some("TEXT/CSV ; Q=0.4"), &OFFERS),
            Some("text/csv")
        );
    }

    #[test]
    fn malformed_ranges_are_skipped() {
        let r = parse_accept("garbage, text/csv;q=x, /x, a/");
        assert_eq!(
            r,
            vec![MediaRange {
                main: "text".into(),
                sub: "csv".into(),
                q: 1.0
            }]
        );
    }
}
