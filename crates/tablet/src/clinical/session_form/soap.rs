//! The SOAP note, each part labelled with what belongs in it, and under
//! each part the therapist's own phrases for it: one tap adds a phrase to
//! the part's text. Nothing is copied from the last note unasked.

use stillpoint_core::clinical::quick_phrases::with_phrase;
use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::SessionField;
use stillpoint_core::clinical::session_note::SoapField;
use stillpoint_ui::records::ClientRecords;
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

/// The phrases offered under `part`, each a button adding itself to the
/// part's text.
fn quick_phrases(fields: &Charting, records: &ClientRecords, part: SoapField) -> Html {
    let phrases = records.quick_phrases(part, fields.input().soap.text(part));
    if phrases.is_empty() {
        return html! {};
    }
    let add = fields.edit(move |input: &mut SessionInput, phrase: String| {
        let text = with_phrase(input.soap.text(part), &phrase);
        *input.soap.text_mut(part) = text;
    });
    html! {
        <div class="quick-phrases" role="group" aria-label={format!("Your phrases for {}", part.label())}>
            { for phrases.into_iter().map(|phrase| {
                let onclick = add.reform({
                    let phrase = phrase.clone();
                    move |_: MouseEvent| phrase.clone()
                });
                html! {
                    <button type="button" class="chip quick-phrase" {onclick}>
                        <span aria-hidden="true">{ "+ " }</span>{ phrase }
                    </button>
                }
            }) }
        </div>
    }
}

/// The "SOAP note" section: the four parts every note is read by later,
/// each with its own field so its message sits beside it.
pub fn soap_section(fields: &Charting, records: &ClientRecords) -> Html {
    html! {
        <section class="form-section" aria-labelledby="soap-heading">
            <h2 id="soap-heading">{ "SOAP note" }</h2>
            { for SoapField::ALL.into_iter().map(|part| html! {
                <>
                    { fields.text(SessionField::Soap(part), label(part), FieldKind::Multiline, fields.input().soap.text(part),
                        move |input: &mut SessionInput, text| *input.soap.text_mut(part) = text) }
                    { quick_phrases(fields, records, part) }
                </>
            }) }
        </section>
    }
}
