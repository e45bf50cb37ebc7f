//! Consent to treatment: the text agreed to, who consents (a parent or
//! guardian for a minor, as core decides from the date of birth), a typed
//! name, the date and a drawn signature.

use stillpoint_core::clients::client::Client;
use stillpoint_core::clinical::intake::{is_minor_on, IntakeField, IntakeInput, AGE_OF_MAJORITY};
use yew::prelude::*;

use super::rows::choice;
use super::{field_id, IntakeFields};
use stillpoint_ui::components::field::FieldKind;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::components::signature_pad::SignaturePad;

/// What the client agrees to by signing.
const CONSENT_TEXT: &str = "I agree to receive craniosacral therapy and massage as discussed \
    with my therapist. I have answered these questions truthfully, and I will tell my \
    therapist about any change in my health. I can stop a session at any time.";

/// The "Consent to treatment" section; the minor's note appears from the
/// date of birth, so a guardian is asked for before the signature.
pub fn consent(fields: &IntakeFields, client: &Client) -> Html {
    let input = fields.input();
    let consent = &input.consent;
    let minor = client
        .date_of_birth()
        .zip(input.date.parse().ok())
        .is_some_and(|(born, on)| is_minor_on(born, on));
    html! {
        <section class="form-section consent" aria-labelledby="consent-heading">
            <h2 id="consent-heading">{ "Consent to treatment" }</h2>
            <p class="consent-text">{ CONSENT_TEXT }</p>
            if minor {
                <p class="intake-status due"><IconView icon={Icon::Warning} />
                    <span>{ format!("The client is under {AGE_OF_MAJORITY}: a parent or guardian gives consent.") }</span></p>
            }
            { choice("Who consents", &[(false, "The client consents"), (true, "A parent or guardian consents")], consent.by_guardian,
                fields.edit(|input: &mut IntakeInput, value| input.consent.by_guardian = value)) }
            if consent.by_guardian {
                { fields.text(IntakeField::GuardianRelationship, "Guardian's relationship to the client", FieldKind::Text, &consent.guardian_relationship,
                    |input, text| input.consent.guardian_relationship = text) }
            }
            <div class="row-grid">
                { fields.text(IntakeField::ConsentName, "Name of the person consenting", FieldKind::Text, &consent.typed_name,
                    |input, text| input.consent.typed_name = text) }
                { fields.text(IntakeField::ConsentDate, "Date of consent", FieldKind::Date, &consent.date,
                    |input, text| input.consent.date = text) }
            </div>
            <SignaturePad id={field_id(IntakeField::Signature)} label="Signature"
                strokes={consent.strokes.clone()} error={fields.messages().error(IntakeField::Signature)}
                on_change={fields.edit(|input: &mut IntakeInput, strokes| input.consent.strokes = strokes)} />
        </section>
    }
}
