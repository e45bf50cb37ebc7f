//! Allergies to oils and lotions: what the therapist must not put on the
//! skin, shown under the client's name on every session.

use stillpoint_core::health_history::{AllergenKind, Allergy};
use stillpoint_core::intake::{IntakeField, IntakeInput};
use yew::prelude::*;

use super::rows::{choice, in_row, remove_row, RowCard, RowList};
use super::IntakeFields;
use crate::components::field::FieldKind;

const KINDS: [(AllergenKind, &str); 3] = [
    (AllergenKind::Oil, "Oil"),
    (AllergenKind::Lotion, "Lotion or cream"),
    (AllergenKind::Other, "Other"),
];

fn allergies(input: &mut IntakeInput) -> &mut Vec<Allergy> {
    &mut input.allergies
}

/// Properties of [`Allergies`].
#[derive(Properties, PartialEq)]
pub struct AllergiesProps {
    /// The intake's input.
    pub fields: IntakeFields,
}

/// The "Allergies (oils, lotions)" section: the kind is asked because an
/// allergy to an oil or a lotion (a massage medium) raises an alert.
#[function_component(Allergies)]
pub fn allergies_section(props: &AllergiesProps) -> Html {
    let fields = &props.fields;
    let rows = fields.input().allergies.iter().enumerate().map(|(row, allergy)| {
        html! {
            <RowCard legend="Allergy" on_remove={fields.edit(remove_row(allergies, row))}>
                { fields.text(IntakeField::AllergySubstance(row), "Allergic to", FieldKind::Text, &allergy.substance,
                    in_row(allergies, row, |a, text| a.substance = text)) }
                { choice("Kind", &KINDS, allergy.kind, fields.edit(in_row(allergies, row, |a, kind| a.kind = kind))) }
            </RowCard>
        }
    });
    let add = fields
        .edit(|input: &mut IntakeInput, _: MouseEvent| input.allergies.push(Allergy::default()));
    html! {
        <RowList heading_id="allergies-heading" heading="Allergies (oils, lotions)" add_label="Add allergy" on_add={add}>
            { for rows }
        </RowList>
    }
}
