//! Allergies to oils and lotions: what the therapist must not put on the
//! skin, shown under the client's name on every session.

use stillpoint_core::clinical::health_history::{AllergenKind, Allergy};
use stillpoint_core::clinical::intake::{IntakeField, IntakeInput};
use yew::prelude::*;

use super::rows::{choice, in_row, remove_row, row_card, row_list};
use super::IntakeFields;
use stillpoint_ui::components::field::FieldKind;

const KINDS: [(AllergenKind, &str); 3] = [
    (AllergenKind::Oil, "Oil"),
    (AllergenKind::Lotion, "Lotion or cream"),
    (AllergenKind::Other, "Other"),
];

fn allergies(input: &mut IntakeInput) -> &mut Vec<Allergy> {
    &mut input.allergies
}

/// The "Allergies (oils, lotions)" section: the kind is asked because an
/// allergy to an oil or a lotion (a massage medium) raises an alert.
pub fn allergies_section(fields: &IntakeFields) -> Html {
    let rows = fields.input().allergies.iter().enumerate().map(|(row, allergy)| {
        row_card(
            "Allergy",
            Some(fields.edit(remove_row(allergies, row))),
            html! {
                <>
                    { fields.text(IntakeField::AllergySubstance(row), "Allergic to", FieldKind::Text, &allergy.substance,
                        in_row(allergies, row, |a, text| a.substance = text)) }
                    { choice("Kind", &KINDS, allergy.kind, fields.edit(in_row(allergies, row, |a, kind| a.kind = kind))) }
                </>
            },
        )
    });
    let add = fields
        .edit(|input: &mut IntakeInput, _: MouseEvent| input.allergies.push(Allergy::default()));
    html! {
        { row_list("allergies-heading", "Allergies (oils, lotions)", "Add allergy", add, html! { { for rows } }) }
    }
}
