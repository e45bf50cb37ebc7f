//! The body chart: front and back figures and three head views drawn from
//! core's region outlines. Tapping a region (or choosing it from the list,
//! for keyboard and screen-reader use) opens a small sheet to mark pain,
//! tension, restriction or an area to avoid, with an intensity from 0 to
//! 10. Marks are filled with their type's colour and show the intensity.

use std::rc::Rc;

use stillpoint_core::base::scale::ZeroToTen;
use stillpoint_core::clinical::body_chart::{BodyChart, Mark, MarkKind};
use stillpoint_core::clinical::body_regions::{Region, View};
use yew::prelude::*;

use crate::components::chips::{Chip, ToggleChips};
use crate::components::scale::Scale;

/// One outline of one region in one view, ready to draw.
#[derive(PartialEq)]
struct Drawn {
    region: Region,
    name: AttrValue,
    path: AttrValue,
    label: (AttrValue, AttrValue),
}

/// Every view with its outlines; computed once per chart.
fn geometry() -> Vec<(View, Vec<Drawn>)> {
    View::ALL
        .into_iter()
        .map(|view| {
            let drawn = Region::in_view(view)
                .into_iter()
                .flat_map(|region| {
                    let name: AttrValue = region.name().into();
                    region
                        .shapes()
                        .into_iter()
                        .filter(move |shape| shape.view == view)
                        .map(move |shape| {
                            let (x, y) = shape.label_point();
                            let coordinate =
                                |value: f64| AttrValue::from((value.round() as i32).to_string());
                            Drawn {
                                region,
                                name: name.clone(),
                                path: shape.svg_path().into(),
                                label: (coordinate(x), coordinate(y)),
                            }
                        })
                })
                .collect();
            (view, drawn)
        })
        .collect()
}

/// The CSS class that fills a mark of `kind`.
fn kind_class(kind: MarkKind) -> &'static str {
    match kind {
        MarkKind::Pain => "mark-pain",
        MarkKind::Tension => "mark-tension",
        MarkKind::Restriction => "mark-restriction",
        MarkKind::Avoid => "mark-avoid",
    }
}

/// A region's marks in words, such as "Pain 6, Avoid".
pub fn marks_text<'a>(marks: impl Iterator<Item = &'a Mark>) -> String {
    marks
        .map(|mark| match mark.intensity {
            Some(intensity) => format!("{} {intensity}", mark.kind.name()),
            None => mark.kind.name().to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn marks_on(chart: &BodyChart, region: Region) -> impl Iterator<Item = &Mark> {
    chart
        .marks()
        .iter()
        .filter(move |mark| mark.region == region)
}

/// Properties of [`BodyChartView`].
#[derive(Properties, PartialEq)]
pub struct BodyChartProps {
    /// The marks.
    pub chart: BodyChart,
    /// Called with the new chart after each change; `None` draws the chart
    /// read-only (a signed note, print).
    #[prop_or_default]
    pub on_change: Option<Callback<BodyChart>>,
}

/// The figures, the mark sheet and the region list.
#[function_component(BodyChartView)]
pub fn body_chart_view(props: &BodyChartProps) -> Html {
    let views = use_memo((), |_| geometry());
    let selected = use_state(|| None::<Region>);
    let kind = use_state(|| MarkKind::Pain);
    let sheet_ref = use_node_ref();
    {
        let sheet_ref = sheet_ref.clone();
        use_effect_with(*selected, move |selected| {
            if selected.is_some() {
                if let Some(heading) = sheet_ref.cast::<web_sys::HtmlElement>() {
                    let _ = heading.focus();
                }
            }
        });
    }
    let chart = &props.chart;
    let editable = props.on_change.is_some();
    if !editable && chart.marks().is_empty() {
        return html! { <p class="chart-summary">{ "No marks." }</p> };
    }
    let choose = {
        let selected = selected.clone();
        let kind = kind.clone();
        let chart = chart.clone();
        Callback::from(move |region: Region| {
            if let Some(first) = marks_on(&chart, region).next() {
                kind.set(first.kind);
            }
            selected.set(Some(region));
        })
    };
    let figures = views.iter().map(|(view, drawn)| {
        let (width, height) = view.size();
        let body = matches!(view, View::Front | View::Back);
        let shapes = drawn.iter().map(|shape| {
            let mut marks = marks_on(chart, shape.region);
            let first = marks.next();
            let onclick = editable.then(|| {
                let choose = choose.clone();
                let region = shape.region;
                Callback::from(move |_: MouseEvent| choose.emit(region))
            });
            let chosen = *selected == Some(shape.region);
            html! {
                <g>
                    <path d={shape.path.clone()} data-region={shape.name.clone()}
                        class={classes!("region", first.map(|mark| kind_class(mark.kind)), chosen.then_some("chosen"))}
                        {onclick}>
                        <title>{ shape.name.clone() }</title>
                    </path>
                    if let Some(intensity) = first.and_then(|mark| mark.intensity) {
                        <text class="mark-number" x={shape.label.0.clone()} y={shape.label.1.clone()}
                            text-anchor="middle" dominant-baseline="central">{ intensity.to_string() }</text>
                    }
                </g>
            }
        });
        html! {
            <figure class={classes!("chart-view", if body { "chart-body" } else { "chart-head" })}>
                <svg viewBox={view.view_box()} width={width.to_string()} height={height.to_string()}
                    aria-hidden="true" focusable="false">{ for shapes }</svg>
                <figcaption>{ view.name() }</figcaption>
            </figure>
        }
    });
    let legend = html! {
        <ul class="chart-legend" aria-label="Mark colours">
            { for MarkKind::ALL.into_iter().map(|kind| html! {
                <li><span class={classes!("swatch", kind_class(kind))}></span>{ kind.name() }</li>
            }) }
        </ul>
    };
    let side = match (&props.on_change, *selected) {
        (Some(on_change), Some(region)) => mark_sheet(
            region,
            chart,
            *kind,
            &sheet_ref,
            {
                let kind = kind.clone();
                Callback::from(move |chosen| kind.set(chosen))
            },
            on_change.clone(),
            {
                let selected = selected.clone();
                Callback::from(move |()| selected.set(None))
            },
        ),
        (Some(_), None) => html! {
            <p class="muted chart-hint">{ "Tap a region to mark pain, tension, restriction or an area to avoid." }</p>
        },
        (None, _) => html! {},
    };
    let list = if editable {
        html! {
            <details class="region-list">
                <summary>{ "All regions as a list" }</summary>
                <ul>
                    { for Region::all().into_iter().map(|region| {
                        let onclick = { let choose = choose.clone(); Callback::from(move |_| choose.emit(region)) };
                        let marked = marks_text(marks_on(chart, region));
                        html! {
                            <li>
                                <button type="button" class="region-button" {onclick}>
                                    <span>{ region.name() }</span>
                                    if !marked.is_empty() { <span class="muted">{ marked }</span> }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </details>
        }
    } else {
        html! {}
    };
    let marked: Vec<String> = Region::all()
        .into_iter()
        .filter_map(|region| {
            let text = marks_text(marks_on(chart, region));
            (!text.is_empty()).then(|| format!("{}: {text}", region.name()))
        })
        .collect();
    html! {
        <div class="body-chart">
            <div class="chart-layout">
                <div class="chart-figures">{ for figures }</div>
                <div class="chart-side">{ legend }{ side }</div>
            </div>
            <p class="chart-summary">
                { if marked.is_empty() { "No marks.".to_owned() } else { format!("Marked: {}.", marked.join("; ")) } }
            </p>
            { list }
        </div>
    }
}

/// The sheet for one region: the type of mark (choosing one marks it), its
/// intensity, and removing it.
fn mark_sheet(
    region: Region,
    chart: &BodyChart,
    kind: MarkKind,
    heading: &NodeRef,
    on_kind: Callback<MarkKind>,
    on_change: Callback<BodyChart>,
    on_close: Callback<()>,
) -> Html {
    let current = marks_on(chart, region)
        .find(|mark| mark.kind == kind)
        .copied();
    let set = {
        let chart = chart.clone();
        let on_change = on_change.clone();
        Rc::new(move |kind: MarkKind, intensity: Option<ZeroToTen>| {
            let mut next = chart.clone();
            next.set(Mark {
                region,
                kind,
                intensity,
            });
            on_change.emit(next);
        })
    };
    let on_toggle = {
        let set = set.clone();
        let chart = chart.clone();
        Callback::from(move |key: AttrValue| {
            let Some(kind) = MarkKind::ALL
                .into_iter()
                .find(|kind| kind.name() == key.as_str())
            else {
                return;
            };
            on_kind.emit(kind);
            if !marks_on(&chart, region).any(|mark| mark.kind == kind) {
                set(kind, None);
            }
        })
    };
    let on_intensity = {
        Callback::from(move |value: Option<u8>| {
            set(kind, value.and_then(|value| ZeroToTen::new(value).ok()))
        })
    };
    let remove = {
        let chart = chart.clone();
        Callback::from(move |_| {
            let mut next = chart.clone();
            next.clear(region, kind);
            on_change.emit(next);
        })
    };
    let close = on_close.reform(|_: MouseEvent| ());
    let chips = MarkKind::ALL
        .into_iter()
        .map(|each| Chip {
            key: each.name().into(),
            label: each.name().into(),
            on: each == kind,
        })
        .collect::<Vec<_>>();
    let others = marks_text(marks_on(chart, region));
    html! {
        <section class="mark-sheet" aria-labelledby="mark-sheet-title">
            <h3 id="mark-sheet-title" tabindex="-1" ref={heading.clone()}>{ region.name() }</h3>
            <ToggleChips label="Type of mark" {chips} {on_toggle} />
            <Scale id="mark-intensity" label={format!("{} intensity", kind.name())}
                ends={Some((AttrValue::from("none"), AttrValue::from("worst")))}
                value={current.and_then(|mark| mark.intensity).map(u8::from)} on_change={on_intensity} />
            <p class="muted">{ if others.is_empty() { "Not marked yet.".to_owned() } else { format!("Marked: {others}") } }</p>
            <div class="sheet-actions">
                if current.is_some() {
                    <button type="button" class="button danger-outline" onclick={remove}>
                        { format!("Remove {}", kind.name().to_lowercase()) }
                    </button>
                }
                <button type="button" class="button" data-escape="" onclick={close}>{ "Done" }</button>
            </div>
        </section>
    }
}
