//! The SOAP note, each part labelled with what belongs in it.

use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::SessionField;
use stillpoint_core::clinical::session_note::SoapField;
use yew::prelude::*;

use super::Charting;
use stillpoint_ui::components::field::FieldKind;

/// What each part of the note asks for.
fn label(part: SoapField) -> &'static str {
    match part {
        SoapField::Subjective => "Subjective: the client's words",
        SoapField::Objective => "Objective: what you observed",
        SoapField::Assessment => "Assessment: response and change",
        SoapField::Plan => "Plan: next focus, home care, referrals",
    }
}

/// The "SOAP note" section: the four parts every note is read by later,
/// each with its own field so its message sits beside it.
pub fn soap_section(fields: &Charting) -> Html {
    html! {
        <section class="form-section" aria-labelledby="soap-heading">
            <h2 id="soap-heading">{ "SOAP note" }</h2>
            { for SoapField::ALL.into_iter().map(|part| {
                fields.text(SessionField::Soap(part), label(part), FieldKind::Multiline, fields.input().soap.text(part),
                    move |input: &mut SessionInput, text| *input.soap.text_mut(part) = text)
            }) }
        </section>
    }
}
