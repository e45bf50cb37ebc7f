//! One instrument's scores over time as a plain SVG chart (ui.md, Charts):
//! a line through the before-session and standalone scores, hollow dots for
//! after-session scores, a shaded band for the meaningful-change threshold
//! around the baseline, a marker behind each session's scores labelled with
//! its number ("S3"), and dots that can be focused (Tab) or tapped to show
//! their value and date, each announced with both and its session.
//!
//! Coordinates are whole numbers of the SVG's own units: that keeps float
//! formatting (and its ~10 KB of wasm) out of the chart.

use stillpoint_core::outcomes::instrument::Instrument;
use stillpoint_core::outcomes::measure::Timing;
use stillpoint_core::outcomes::progress::{session_marks, Point};
use yew::prelude::*;

use crate::format;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 40.0;

/// Properties of [`ProgressChart`].
#[derive(Properties, PartialEq)]
pub struct ProgressChartProps {
    /// The instrument charted (range, threshold, unit).
    pub instrument: Instrument,
    /// Its scored measures in time order, as `progress::analyse` gives them.
    pub points: Vec<Point>,
    /// The baseline the band is drawn around, if there is one.
    pub baseline: Option<Point>,
    /// Id of the sentence that says in words what the chart shows.
    pub described_by: AttrValue,
}

fn whole(value: f64) -> String {
    (value.round() as i64).to_string()
}

/// The chart.
#[function_component(ProgressChart)]
pub fn progress_chart(props: &ProgressChartProps) -> Html {
    let instrument = &props.instrument;
    let (min, max) = (instrument.score_min().get(), instrument.score_max().get());
    let span = (max - min).max(f64::EPSILON);
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let y = |value: f64| TOP + (max - value.clamp(min, max)) / span * plot_height;
    let count = props.points.len().max(1) as f64;
    let x = |index: usize| LEFT + (index as f64 + 0.5) * plot_width / count;
    let unit = instrument.unit();

    let band = props.baseline.and_then(|baseline| {
        let base = baseline.score.get();
        instrument.change_rule().band_half_height(base).map(|half| {
            let (top, bottom) = (y(base + half), y(base - half));
            html! {
                <g class="chart-band">
                    <rect x={whole(LEFT)} y={whole(top)} width={whole(plot_width)}
                        height={whole((bottom - top).max(1.0))} />
                    <line x1={whole(LEFT)} x2={whole(LEFT + plot_width)} y1={whole(y(base))} y2={whole(y(base))}
                        class="chart-baseline" />
                </g>
            }
        })
    });

    let step = plot_width / count;
    let marks = session_marks(&props.points);
    let session_markers = marks.iter().map(|mark| {
        let left = x(mark.first) - step / 2.0 + 2.0;
        let width = (mark.last - mark.first + 1) as f64 * step - 4.0;
        html! {
            <g class="chart-session">
                <rect x={whole(left)} y={whole(TOP)} width={whole(width)} height={whole(plot_height)} rx="6" />
                <text x={whole(left + width / 2.0)} y={whole(TOP - 8.0)} text-anchor="middle" class="chart-session-label">
                    { format!("S{}", mark.number) }
                </text>
            </g>
        }
    });
    let line: Vec<String> = props
        .points
        .iter()
        .enumerate()
        .filter(|(_, point)| point.timing != Timing::PostSession)
        .map(|(index, point)| format!("{},{}", whole(x(index)), whole(y(point.score.get()))))
        .collect();
    let show_every_date = props.points.len() <= 6;
    let dots = props.points.iter().enumerate().map(|(index, point)| {
        let (cx, cy) = (x(index), y(point.score.get()));
        let post = point.timing == Timing::PostSession;
        let session = marks
            .iter()
            .find(|mark| (mark.first..=mark.last).contains(&index))
            .map(|mark| format!(", session {}", mark.number))
            .unwrap_or_default();
        let moment = match point.timing {
            Timing::PreSession => ", before treatment",
            Timing::PostSession => ", after treatment",
            Timing::Standalone => "",
        };
        let label = format!("{} on {}{session}{moment}", unit.format(point.score), format::date(point.date));
        let last = index + 1 == props.points.len();
        let date_shown = show_every_date || index == 0 || last;
        html! {
            <g class={classes!("chart-dot", post.then_some("post"))} tabindex="0" role="img" aria-label={label}>
                <circle cx={whole(cx)} cy={whole(cy)} r="7" />
                <circle cx={whole(cx)} cy={whole(cy)} r="22" class="chart-hit" />
                <text x={whole(cx)} y={whole(cy - 14.0)} text-anchor="middle" class="chart-value">
                    { point.score.to_string() }
                </text>
                <text x={whole(cx)} y={whole(HEIGHT - 12.0)} text-anchor="middle"
                    class={classes!("chart-date", (!date_shown).then_some("on-focus"))}>
                    { format::day_month(point.date) }
                </text>
            </g>
        }
    });
    let tick = |value: f64, label: String| {
        html! {
            <text x={whole(LEFT - 10.0)} y={whole(y(value) + 6.0)} text-anchor="end" class="chart-axis">
                { label }
            </text>
        }
    };
    html! {
        <svg class="chart" viewBox={format!("0 0 {} {}", WIDTH as u32, HEIGHT as u32)}
            role="group" aria-label={format!("{} over time", instrument.name())}
            aria-describedby={props.described_by.clone()}>
            <line x1={whole(LEFT)} x2={whole(LEFT)} y1={whole(TOP)} y2={whole(TOP + plot_height)} class="chart-axis-line" />
            <line x1={whole(LEFT)} x2={whole(LEFT + plot_width)} y1={whole(TOP + plot_height)} y2={whole(TOP + plot_height)}
                class="chart-axis-line" />
            { tick(min, instrument.score_min().to_string()) }
            { tick(max, instrument.score_max().to_string()) }
            { for session_markers }
            { band.unwrap_or_default() }
            if line.len() > 1 {
                <polyline points={line.join(" ")} class="chart-line" fill="none" />
            }
            { for dots }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_whole_numbers() {
        assert_eq!(whole(12.4), "12");
        assert_eq!(whole(12.5), "13");
        assert_eq!(whole(-0.4), "0");
    }
}
