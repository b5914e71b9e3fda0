//! SVG charts drawn with plotters: the agreement heatmap of `geokg matrix` and the line chart
//! of `geokg dyad`. No system font is read (plotters' built-in text metrics), so the same
//! report always gives the same bytes.

use super::dyad::DyadSeries;
use super::matrix::Matrix;
use super::metrics::Measure;
use crate::error::{Error, Result};
use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const FONT: &str = "sans-serif";

fn chart_err<E: std::fmt::Display>(e: E) -> Error {
    Error::Other(format!("chart: {e}"))
}

/// The value range a measure's colour scale spans.
fn range_of(m: Measure) -> (f64, f64) {
    match m {
        Measure::SameSign => (0.0, 1.0),
        _ => (-1.0, 1.0),
    }
}

/// Diverging colour: red at the low end, white in the middle, blue at the high end.
pub fn diverging(v: f64, lo: f64, hi: f64) -> RGBColor {
    let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0) * 2.0 - 1.0; // -1..1
    let (white, red, blue) = (
        (247.0, 247.0, 247.0),
        (202.0, 0.0, 32.0),
        (5.0, 113.0, 176.0),
    );
    let (from, to, f) = if t < 0.0 {
        (white, red, -t)
    } else {
        (white, blue, t)
    };
    let mix = |a: f64, b: f64| (a + (b - a) * f).round() as u8;
    RGBColor(mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

const UNDEFINED: RGBColor = RGBColor(200, 200, 200);

/// The agreement matrix as an SVG heatmap: actors on both axes (codes), one cell per pair
/// coloured by the measure, the value written in the cell when there is room, and a colour
/// bar as the legend.
pub fn heatmap_svg(m: &Matrix) -> Result<String> {
    let n = m.actors.len();
    let cell: u32 = if n <= 6 {
        64
    } else if n <= 12 {
        48
    } else if n <= 30 {
        30
    } else {
        18
    };
    let longest = m
        .actors
        .iter()
        .map(|a| a.id.chars().count())
        .max()
        .unwrap_or(1) as u32;
    let label_area = 36 + longest * 9;
    let legend_w = 130u32;
    let side = (n.max(1) as u32) * cell;
    let title = format!(
        "Agreement ({}) over shared targets{}",
        m.measure.name(),
        m.window.suffix()
    );
    let title_w = title.chars().count() as u32 * 10 + 40;
    let width = (label_area + side + 40).max(title_w) + legend_w;
    let height = 70 + side + label_area + 10;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_err)?;
        let (main, legend) = root.split_horizontally(width - legend_w);
        let last = (n.max(1) - 1) as i32;
        let ids: Vec<String> = m.actors.iter().map(|a| a.id.clone()).collect();
        let mut chart = ChartBuilder::on(&main)
            .caption(title, (FONT, 20))
            .margin(12)
            .x_label_area_size(label_area)
            .y_label_area_size(label_area)
            .build_cartesian_2d((0..last).into_segmented(), (0..last).into_segmented())
            .map_err(chart_err)?;
        let name_at = |v: &SegmentValue<i32>| -> String {
            match v {
                SegmentValue::CenterOf(i) | SegmentValue::Exact(i) => usize::try_from(last - *i)
                    .ok()
                    .and_then(|i| ids.get(i))
                    .cloned()
                    .unwrap_or_default(),
                SegmentValue::Last => String::new(),
            }
        };
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(n + 1)
            .x_label_formatter(&|_| String::new())
            .y_labels(n + 1)
            .y_label_formatter(&name_at)
            .y_label_style((FONT, 15))
            .x_desc("actor")
            .y_desc("actor")
            .axis_desc_style((FONT, 15))
            .draw()
            .map_err(chart_err)?;
        // the x labels, written downwards from under each column
        let down = TextStyle::from((FONT, 15).into_font().transform(FontTransform::Rotate90))
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (j, id) in ids.iter().enumerate() {
            let (x, y) =
                chart.backend_coord(&(SegmentValue::CenterOf(j as i32), SegmentValue::Exact(0)));
            main.draw(&Text::new(id.clone(), (x, y + 8), down.clone()))
                .map_err(chart_err)?;
        }
        let (lo, hi) = range_of(m.measure);
        let edge = |i: usize| -> SegmentValue<i32> {
            if i as i32 > last {
                SegmentValue::Last
            } else {
                SegmentValue::Exact(i as i32)
            }
        };
        let mut rects = Vec::new();
        let mut texts = Vec::new();
        for i in 0..n {
            for j in 0..n {
                let row = n - 1 - i;
                let v = m.values[i][j];
                let colour = match (i == j, v) {
                    (true, _) => WHITE,
                    (false, Some(v)) => diverging(v, lo, hi),
                    (false, None) => UNDEFINED,
                };
                rects.push(Rectangle::new(
                    [(edge(j), edge(row)), (edge(j + 1), edge(row + 1))],
                    colour.filled(),
                ));
                if n <= 30 && i != j {
                    let s = v.map_or("·".to_owned(), |v| format!("{v:.2}"));
                    // white text on dark cells
                    let luma = 0.299 * f64::from(colour.0)
                        + 0.587 * f64::from(colour.1)
                        + 0.114 * f64::from(colour.2);
                    let ink = if luma < 120.0 { WHITE } else { BLACK };
                    texts.push((s, j as i32, row as i32, ink));
                }
            }
        }
        chart.draw_series(rects).map_err(chart_err)?;
        let size = if n <= 12 { 15 } else { 11 };
        let style =
            TextStyle::from((FONT, size).into_font()).pos(Pos::new(HPos::Center, VPos::Center));
        let (dark, light) = (style.color(&BLACK), style.color(&WHITE));
        chart
            .draw_series(texts.into_iter().map(|(s, x, y, ink)| {
                Text::new(
                    s,
                    (SegmentValue::CenterOf(x), SegmentValue::CenterOf(y)),
                    if ink == WHITE {
                        light.clone()
                    } else {
                        dark.clone()
                    },
                )
            }))
            .map_err(chart_err)?;

        // legend: a colour bar from hi (top) to lo (bottom), and the undefined swatch
        let top = 70i32;
        let bar_h = (side as i32 - 40).clamp(120, 400);
        let steps = 40;
        legend
            .draw(&Text::new(
                m.measure.name().to_owned(),
                (10, top - 24),
                (FONT, 16).into_font(),
            ))
            .map_err(chart_err)?;
        for k in 0..steps {
            let v = hi - (hi - lo) * (k as f64 + 0.5) / steps as f64;
            let y0 = top + bar_h * k / steps;
            let y1 = top + bar_h * (k + 1) / steps;
            legend
                .draw(&Rectangle::new(
                    [(10, y0), (34, y1)],
                    diverging(v, lo, hi).filled(),
                ))
                .map_err(chart_err)?;
        }
        legend
            .draw(&Rectangle::new([(10, top), (34, top + bar_h)], BLACK))
            .map_err(chart_err)?;
        let mid = (lo + hi) / 2.0;
        for (v, y) in [(hi, top), (mid, top + bar_h / 2), (lo, top + bar_h)] {
            legend
                .draw(&Text::new(
                    format!("{v:+.1}"),
                    (40, y),
                    TextStyle::from((FONT, 14).into_font()).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(chart_err)?;
        }
        let sy = top + bar_h + 20;
        legend
            .draw(&Rectangle::new(
                [(10, sy), (34, sy + 16)],
                UNDEFINED.filled(),
            ))
            .map_err(chart_err)?;
        legend
            .draw(&Text::new(
                "undefined".to_owned(),
                (40, sy + 8),
                TextStyle::from((FONT, 14).into_font()).pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(chart_err)?;
        root.present().map_err(chart_err)?;
    }
    Ok(svg)
}

const AB: RGBColor = RGBColor(31, 119, 180);
const BA: RGBColor = RGBColor(214, 95, 14);

/// The dyad series as an SVG line chart: mean Goldstein per period above, statements per period
/// (cooperation = QuadClass 1–2 solid, conflict = QuadClass 3–4 dashed) below; one colour per
/// direction; a legend in each panel.
pub fn dyad_svg(d: &DyadSeries) -> Result<String> {
    let p = d.periods.len();
    let width = (p as u32 * 36).clamp(640, 1600) + 120;
    let height = 640u32;
    let labels: Vec<String> = d.periods.iter().map(|r| r.period.clone()).collect();
    let ab = format!("{} → {}", d.a.id, d.b.id);
    let ba = format!("{} → {}", d.b.id, d.a.id);
    let xmax = (p.max(1) - 1) as f64 + 0.5;
    let label_of = |x: &f64| -> String {
        let r = x.round();
        if (x - r).abs() > 1e-6 || r < 0.0 {
            return String::new();
        }
        labels.get(r as usize).cloned().unwrap_or_default()
    };
    let xlabels = p.clamp(2, 12);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_err)?;
        let root = root
            .titled(
                &format!(
                    "{} and {} by {}{}",
                    d.a.label,
                    d.b.label,
                    match d.by {
                        super::dyad::Period::Week => "week",
                        super::dyad::Period::Month => "month",
                        super::dyad::Period::Quarter => "quarter",
                    },
                    d.window.suffix()
                ),
                (FONT, 18),
            )
            .map_err(chart_err)?;
        let (upper, lower) = root.split_vertically(height / 2 - 20);

        // mean Goldstein
        let mut c = ChartBuilder::on(&upper)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(-0.5..xmax, -10.0..10.0)
            .map_err(chart_err)?;
        c.configure_mesh()
            .x_labels(xlabels)
            .x_label_formatter(&label_of)
            .y_labels(5)
            .y_desc("mean Goldstein")
            .x_desc("period")
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 13))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(chart_err)?;
        for (name, colour, pick) in [(&ab, AB, 0usize), (&ba, BA, 1usize)] {
            let pts: Vec<(f64, f64)> = d
                .periods
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let b = if pick == 0 { &r.a_to_b } else { &r.b_to_a };
                    b.goldstein_mean.map(|g| (i as f64, g))
                })
                .collect();
            c.draw_series(LineSeries::new(pts.clone(), colour.stroke_width(2)))
                .map_err(chart_err)?
                .label(name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2))
                });
            c.draw_series(
                pts.into_iter()
                    .map(move |pt| Circle::new(pt, 3, colour.filled())),
            )
            .map_err(chart_err)?;
        }
        c.configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .label_font((FONT, 12))
            .draw()
            .map_err(chart_err)?;

        // counts
        let ymax = d
            .periods
            .iter()
            .flat_map(|r| {
                [
                    r.a_to_b.quad_class[0] + r.a_to_b.quad_class[1],
                    r.a_to_b.quad_class[2] + r.a_to_b.quad_class[3],
                    r.b_to_a.quad_class[0] + r.b_to_a.quad_class[1],
                    r.b_to_a.quad_class[2] + r.b_to_a.quad_class[3],
                ]
            })
            .max()
            .unwrap_or(0)
            .max(1) as f64
            * 1.15;
        let mut c = ChartBuilder::on(&lower)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(56)
            .build_cartesian_2d(-0.5..xmax, 0.0..ymax)
            .map_err(chart_err)?;
        c.configure_mesh()
            .x_labels(xlabels)
            .x_label_formatter(&label_of)
            .y_labels(5)
            .y_label_formatter(&|v| {
                if (v - v.round()).abs() < 1e-6 {
                    format!("{v:.0}")
                } else {
                    String::new()
                }
            })
            .y_desc("statements")
            .x_desc("period")
            .label_style((FONT, 12))
            .axis_desc_style((FONT, 13))
            .light_line_style(WHITE.mix(0.0))
            .draw()
            .map_err(chart_err)?;
        for (name, colour, pick) in [(&ab, AB, 0usize), (&ba, BA, 1usize)] {
            let series = |conflict: bool| -> Vec<(f64, f64)> {
                d.periods
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let b = if pick == 0 { &r.a_to_b } else { &r.b_to_a };
                        let q = &b.quad_class;
                        let v = if conflict { q[2] + q[3] } else { q[0] + q[1] };
                        (i as f64, v as f64)
                    })
                    .collect()
            };
            c.draw_series(LineSeries::new(series(false), colour.stroke_width(2)))
                .map_err(chart_err)?
                .label(format!("{name} cooperation (Q1-2)"))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2))
                });
            c.draw_series(DashedLineSeries::new(
                series(true),
                6,
                4,
                colour.stroke_width(2),
            ))
            .map_err(chart_err)?
            .label(format!("{name} conflict (Q3-4)"))
            .legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(0, 0), (6, 0)], colour.stroke_width(2))
                    + PathElement::new(vec![(10, 0), (16, 0)], colour.stroke_width(2))
            });
        }
        c.configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .label_font((FONT, 12))
            .draw()
            .map_err(chart_err)?;
        root.present().map_err(chart_err)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diverging_scale_ends_and_middle() {
        assert_eq!(diverging(-1.0, -1.0, 1.0), RGBColor(202, 0, 32));
        assert_eq!(diverging(0.0, -1.0, 1.0), RGBColor(247, 247, 247));
        assert_eq!(diverging(1.0, -1.0, 1.0), RGBColor(5, 113, 176));
        assert_eq!(diverging(0.5, 0.0, 1.0), RGBColor(247, 247, 247));
    }
}
