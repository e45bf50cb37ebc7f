//! When the session was and what was practised: date, start, duration and
//! the modality chips, which decide which findings sections show.

use stillpoint_core::base::toggle::toggle;
use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::Modality;
use stillpoint_core::clinical::session_note::SessionField;
use yew::prelude::*;

use super::{field_id, Charting};
use stillpoint_ui::components::chips::{Chip, ToggleChips};
use stillpoint_ui::components::field::FieldKind;

/// The modality chips in order; "Other" stands for any named modality.
const MODALITIES: [(&str, Option<Modality>); 4] = [
    ("CST", Some(Modality::Cst)),
    ("Swedish", Some(Modality::Swedish)),
    ("Deep tissue", Some(Modality::DeepTissue)),
    ("Other", None),
];

/// Puts the modality chip `key` on the list or takes it off; "Other" is
/// one chip however its modality is named.
fn toggle_modality(input: &mut SessionInput, key: AttrValue) {
    let Some((_, known)) = MODALITIES.iter().find(|(label, _)| *label == key.as_str()) else {
        return;
    };
    match known {
        Some(known) => {
            toggle(&mut input.modalities, known.clone());
        }
        None => match input
            .modalities
            .iter()
            .position(|modality| matches!(modality, Modality::Other(_)))
        {
            Some(index) => {
                input.modalities.remove(index);
            }
            None => input.modalities.push(Modality::Other(String::new())),
        },
    }
}

/// The "Session" section: the modalities chosen here decide which
/// findings sections follow.
pub fn details_section(fields: &Charting) -> Html {
    let input = fields.input();
    let other_name = input.modalities.iter().find_map(|m| match m {
        Modality::Other(name) => Some(name.clone()),
        _ => None,
    });
    let modality_chips = MODALITIES
        .iter()
        .map(|(label, modality)| Chip {
            key: (*label).into(),
            label: (*label).into(),
            on: match modality {
                Some(known) => input.modalities.contains(known),
                None => other_name.is_some(),
            },
        })
        .collect::<Vec<_>>();
    let set_other = |input: &mut SessionInput, text: String| {
        for modality in &mut input.modalities {
            if let Modality::Other(name) = modality {
                *name = text.clone();
            }
        }
    };
    html! {
        <section class="form-section" aria-labelledby="details-heading">
            <h2 id="details-heading">{ "Session" }</h2>
            <div class="row-grid three">
                { fields.text(SessionField::Date, "Date", FieldKind::Date, &input.date, |input, text| input.date = text) }
                { fields.text(SessionField::StartTime, "Start time", FieldKind::Time, &input.start, |input, text| input.start = text) }
                { fields.text(SessionField::Duration, "Duration (minutes)", FieldKind::Number, &input.duration, |input, text| input.duration = text) }
            </div>
            <p class="field-label" id={field_id(SessionField::Modalities)}>{ "Modalities" }</p>
            <ToggleChips label="Modalities" chips={modality_chips} on_toggle={fields.edit(toggle_modality)} />
            if let Some(name) = other_name {
                { fields.text(SessionField::OtherModality, "Other modality", FieldKind::Text, &name, set_other) }
            }
        </section>
    }
}
