//! A 0–10 rating taken in two taps inside the session form: one tap on the
//! row ("Pain before (back): not rated") opens eleven number buttons, one
//! tap on a number sets it and closes them. Tapping the number already
//! chosen clears it. Keyboard: Tab to the row, Enter opens and moves focus
//! to the chosen number (or 0), Tab/Enter picks, Escape closes; focus then
//! returns to the row.
//!
//! [`rating_section`] shows the rows for one moment: pain at each site in
//! play and stress, before treatment (with the choice of pain sites) or
//! after it.

use stillpoint_core::outcomes::benefit::PainSite;
use stillpoint_core::outcomes::catalogue::builtin;
use stillpoint_core::outcomes::instrument::InstrumentId;
use stillpoint_core::outcomes::measure::Timing;
use stillpoint_core::outcomes::session_ratings::SessionRatings;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::chips::{Chip, ToggleChips};

/// Properties of [`QuickRating`].
#[derive(Properties, PartialEq)]
pub struct QuickRatingProps {
    /// Element id of the row's button; the numbers' group adds "-numbers".
    pub id: AttrValue,
    /// What is rated, e.g. "Pain before (back)".
    pub label: AttrValue,
    /// Words for the two ends, e.g. ("no pain", "worst imaginable").
    pub ends: (AttrValue, AttrValue),
    /// The rating, if given.
    pub value: Option<u8>,
    /// Called with the new rating, or `None` when cleared.
    pub on_change: Callback<Option<u8>>,
}

/// Focuses, inside `node`, the first element found by the first of
/// `selectors` that finds one.
fn focus_within(node: &NodeRef, selectors: &[&str]) {
    let Some(element) = node.cast::<web_sys::Element>() else {
        return;
    };
    if let Some(found) = selectors
        .iter()
        .find_map(|selector| element.query_selector(selector).ok().flatten())
        .and_then(|found| found.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = found.focus();
    }
}

/// One row: the rating and, once opened, its eleven numbers.
#[function_component(QuickRating)]
pub fn quick_rating(props: &QuickRatingProps) -> Html {
    let open = use_state(|| false);
    let row = use_node_ref();
    // Focus follows the change: into the numbers on opening, back to the
    // row's button on closing (after the first render it stays put).
    {
        let row = row.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(*open, move |&open| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            if open {
                focus_within(&row, &["[aria-pressed=true]", ".scale-step"]);
            } else {
                focus_within(&row, &[".quick-rating-toggle"]);
            }
        });
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *open {
                event.prevent_default();
                open.set(false);
            }
        })
    };
    let numbers_id = format!("{}-numbers", props.id);
    let shown = props
        .value
        .map_or_else(|| "not rated".to_owned(), |value| value.to_string());
    html! {
        <div class={classes!("quick-rating", (*open).then_some("open"))} ref={row} {onkeydown}>
            <button type="button" class="quick-rating-toggle" id={props.id.clone()}
                aria-label={format!("{}: {shown}", props.label)}
                aria-expanded={open.to_string()} aria-controls={numbers_id.clone()} onclick={toggle}>
                <span class="quick-rating-name">{ props.label.clone() }</span>
                <span class={classes!("quick-rating-value", props.value.is_none().then_some("muted"))}>{ shown }</span>
            </button>
            if *open {
                <div class="quick-rating-numbers" id={numbers_id}>
                    <div class="scale" role="group" aria-label={format!("{}, 0 to 10", props.label)}>
                        { for (0..=10u8).map(|number| {
                            let chosen = props.value == Some(number);
                            let onclick = {
                                let on_change = props.on_change.clone();
                                let open = open.clone();
                                Callback::from(move |_| {
                                    on_change.emit((!chosen).then_some(number));
                                    open.set(false);
                                })
                            };
                            html! {
                                <button type="button" class={classes!("scale-step", chosen.then_some("on"))}
                                    aria-pressed={chosen.to_string()} {onclick}>{ number }</button>
                            }
                        }) }
                    </div>
                    <div class="scale-ends" aria-hidden="true">
                        <span>{ format!("0 {}", props.ends.0) }</span><span>{ format!("10 {}", props.ends.1) }</span>
                    </div>
                </div>
            }
        </div>
    }
}

/// The choice of pain sites shown above the rows before treatment.
#[derive(Clone)]
pub struct SiteChoice {
    /// One chip per site, on where a row is shown.
    pub chips: Vec<Chip>,
    /// Called with the site's key ([`PainSite`]'s slug) when tapped.
    pub on_toggle: Callback<AttrValue>,
}

/// One moment's rows for [`rating_section`].
pub struct RatingSection {
    /// Before or after treatment.
    pub timing: Timing,
    /// The pain sites with a row.
    pub sites: Vec<PainSite>,
    /// The session's ratings so far.
    pub ratings: SessionRatings,
    /// The site chips, where the sites are to be chosen.
    pub site_choice: Option<SiteChoice>,
    /// Messages about refused ratings.
    pub errors: Vec<String>,
    /// Called with the instrument rated and its new rating.
    pub on_change: Callback<(InstrumentId, Option<u8>)>,
}

/// The words at the two ends of `instrument`'s scale.
fn ends(instrument: InstrumentId) -> (AttrValue, AttrValue) {
    let anchors = builtin(instrument)
        .and_then(|found| {
            found
                .items()
                .first()
                .map(|item| item.scale().anchors().to_vec())
        })
        .unwrap_or_default();
    let word = |anchor: Option<&stillpoint_core::outcomes::instrument::Anchor>| {
        AttrValue::from(
            anchor
                .map(|anchor| anchor.label.to_lowercase())
                .unwrap_or_default(),
        )
    };
    (word(anchors.first()), word(anchors.last()))
}

/// Pain and stress rows for one moment of the session (a plain function:
/// each row keeps its own open state).
pub fn rating_section(props: RatingSection) -> Html {
    let (moment, heading, hint) = match props.timing {
        Timing::PostSession => (
            "after",
            "After treatment",
            "Ask again at the end: how bad is the pain now, and how stressed do you feel now?",
        ),
        _ => (
            "before",
            "Before treatment",
            "Ask at the start: how bad is the pain right now, and how stressed do you feel right now?",
        ),
    };
    let heading_id = format!("ratings-{moment}-heading");
    let mut rows: Vec<(InstrumentId, String)> = props
        .sites
        .iter()
        .map(|site| (InstrumentId::Nprs(*site), format!("Pain {moment} ({site})")))
        .collect();
    rows.push((InstrumentId::Stress, format!("Stress {moment}")));
    html! {
        <section class="form-section session-ratings" id={format!("session-ratings-{moment}")} aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ heading }</h2>
            <p class="hint">{ hint }</p>
            if let Some(choice) = props.site_choice {
                <p class="field-label">{ "Where is the pain?" }</p>
                <ToggleChips label="Pain sites" chips={choice.chips} on_toggle={choice.on_toggle} />
            }
            <div class="quick-ratings">
                { for rows.into_iter().map(|(instrument, label)| {
                    let on_change = props.on_change.reform(move |value| (instrument, value));
                    html! {
                        <QuickRating key={instrument.to_string()} id={format!("rating-{moment}-{instrument}")}
                            label={label} ends={ends(instrument)}
                            value={props.ratings.get(instrument, props.timing).map(|value| value.value())}
                            {on_change} />
                    }
                }) }
            </div>
            { for props.errors.iter().map(|message| html! { <p class="field-message" role="alert">{ message }</p> }) }
        </section>
    }
}
