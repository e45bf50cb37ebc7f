//! Medications, each with its dose or purpose and whether it thins the
//! blood (which screening asks about).

use stillpoint_core::clinical::health_history::Medication;
use stillpoint_core::clinical::intake::{IntakeField, IntakeInput};
use yew::prelude::*;

use super::rows::{choice, in_row, remove_row, row_card, row_list};
use super::IntakeFields;
use stillpoint_ui::components::field::FieldKind;

fn medications(input: &mut IntakeInput) -> &mut Vec<Medication> {
    &mut input.medications
}

/// The "Medications" section: a blood thinner is asked for on each, since
/// it changes how deep the therapist may work.
pub fn medications_section(fields: &IntakeFields) -> Html {
    let rows = fields.input().medications.iter().enumerate().map(|(row, medication)| {
        let legend = if medication.name.trim().is_empty() {
            "Medication".to_owned()
        } else {
            medication.name.clone()
        };
        row_card(
            legend,
            Some(fields.edit(remove_row(medications, row))),
            html! {
                <>
                    <div class="row-grid">
                        { fields.text(IntakeField::MedicationName(row), "Name", FieldKind::Text, &medication.name,
                            in_row(medications, row, |m, text| m.name = text)) }
                        { fields.text(IntakeField::MedicationNote(row), "Dose or purpose", FieldKind::Text, &medication.note,
                            in_row(medications, row, |m, text| m.note = text)) }
                    </div>
                    { choice("Blood thinner", &[(false, "Not a blood thinner"), (true, "Blood thinner (anticoagulant)")], medication.anticoagulant,
                        fields.edit(in_row(medications, row, |m, on| m.anticoagulant = on))) }
                </>
            },
        )
    });
    let add = fields.edit(|input: &mut IntakeInput, _: MouseEvent| {
        input.medications.push(Medication::default())
    });
    html! {
        { row_list("medications-heading", "Medications", "Add medication", add, html! { { for rows } }) }
    }
}
