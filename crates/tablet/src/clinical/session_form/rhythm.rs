//! The craniosacral rhythm at one listening station: rate, quality,
//! amplitude and symmetry, as felt.

use stillpoint_core::clinical::cst_findings::{Amplitude, ListeningStation, Symmetry};
use stillpoint_core::clinical::session_form::{RhythmInput, SessionInput};
use stillpoint_core::clinical::session_note::SessionField;
use yew::prelude::*;

use super::{field_id, Charting};
use stillpoint_ui::components::chips::one_of;

const AMPLITUDES: [(Amplitude, &str); 3] = [
    (Amplitude::Low, "Low"),
    (Amplitude::Normal, "Normal"),
    (Amplitude::High, "High"),
];

const SYMMETRIES: [(Symmetry, &str); 3] = [
    (Symmetry::Symmetric, "Symmetric"),
    (Symmetry::RestrictedLeft, "Left"),
    (Symmetry::RestrictedRight, "Right"),
];

/// The form's reading for `station`, made if there is none yet, so a
/// station left empty is not charted at all.
fn reading(input: &mut SessionInput, station: ListeningStation) -> &mut RhythmInput {
    let index = match input.rhythm.iter().position(|r| r.station == station) {
        Some(index) => index,
        None => {
            input.rhythm.push(RhythmInput {
                station,
                rate: String::new(),
                amplitude: None,
                symmetry: None,
                quality: String::new(),
            });
            input.rhythm.len() - 1
        }
    };
    &mut input.rhythm[index]
}

/// The text of an input element as it is typed.
fn on_typed(on: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |event: InputEvent| {
        if let Some(field) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
            on.emit(field.value());
        }
    })
}

/// One row of the rhythm table: the station's name over one line of
/// compact inputs (rate, quality, amplitude, symmetry), so a station takes
/// one line of a landscape tablet, with the row's messages under it.
pub fn rhythm_row(fields: &Charting, station: ListeningStation) -> Html {
    let messages = fields.messages();
    let found = fields.input().rhythm.iter().find(|r| r.station == station);
    let rate = found.map(|r| r.rate.clone()).unwrap_or_default();
    let quality = found.map(|r| r.quality.clone()).unwrap_or_default();
    let on_rate = fields
        .edit(move |input: &mut SessionInput, text: String| reading(input, station).rate = text);
    let on_quality = fields
        .edit(move |input: &mut SessionInput, text: String| reading(input, station).quality = text);
    let on_amplitude = fields
        .edit(move |input: &mut SessionInput, value| reading(input, station).amplitude = value);
    let on_symmetry = fields
        .edit(move |input: &mut SessionInput, value| reading(input, station).symmetry = value);
    let rate_field = SessionField::RhythmRate(station);
    let quality_field = SessionField::RhythmQuality(station);
    let left = |field: SessionField| messages.left(field).reform(|_: FocusEvent| ());
    let problems: Vec<String> = [rate_field, quality_field]
        .into_iter()
        .filter_map(|field| messages.error(field))
        .collect();
    html! {
        <div class={classes!("rhythm-row", (!problems.is_empty()).then_some("invalid"))}>
            <p class="rhythm-station">{ station.label() }</p>
            <label class="rhythm-number">
                <span>{ "Rate /min" }</span>
                <input id={field_id(rate_field)} inputmode="decimal" autocomplete="off" value={rate}
                    aria-label={format!("{} rate, cycles a minute", station.label())}
                    aria-invalid={messages.error(rate_field).map(|_| "true")}
                    oninput={on_typed(on_rate)} onblur={left(rate_field)} />
            </label>
            <label class="rhythm-number">
                <span>{ "Quality" }</span>
                <input id={field_id(quality_field)} autocomplete="off" value={quality}
                    aria-label={format!("{} quality, 1 to 5 or words", station.label())}
                    aria-invalid={messages.error(quality_field).map(|_| "true")}
                    oninput={on_typed(on_quality)} onblur={left(quality_field)} />
            </label>
            <div class="rhythm-choice">
                <span class="caption" aria-hidden="true">{ "Amplitude" }</span>
                { one_of(format!("{} amplitude", station.label()), &AMPLITUDES, found.and_then(|r| r.amplitude), on_amplitude) }
            </div>
            <div class="rhythm-choice">
                <span class="caption" aria-hidden="true">{ "Symmetry (side restricted)" }</span>
                { one_of(format!("{} symmetry", station.label()), &SYMMETRIES, found.and_then(|r| r.symmetry), on_symmetry) }
            </div>
            { for problems.into_iter().map(|message| html! { <p class="field-message" role="alert">{ message }</p> }) }
        </div>
    }
}
