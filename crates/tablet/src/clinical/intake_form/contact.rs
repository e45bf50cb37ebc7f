//! Who to call in an emergency during treatment.

use stillpoint_core::clinical::intake::IntakeField;
use yew::prelude::*;

use super::IntakeFields;
use stillpoint_ui::components::field::FieldKind;

/// The "Emergency contact" section, for a client taken ill on the table.
pub fn emergency_contact(fields: &IntakeFields) -> Html {
    let contact = &fields.input().emergency_contact;
    html! {
        <section class="form-section" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{ "Emergency contact" }</h2>
            <div class="row-grid three">
                { fields.text(IntakeField::ContactName, "Name", FieldKind::Text, &contact.name,
                    |input, text| input.emergency_contact.name = text) }
                { fields.text(IntakeField::ContactRelationship, "Relationship", FieldKind::Text, &contact.relationship,
                    |input, text| input.emergency_contact.relationship = text) }
                { fields.text(IntakeField::ContactPhone, "Phone", FieldKind::Phone, &contact.phone,
                    |input, text| input.emergency_contact.phone = text) }
            </div>
        </section>
    }
}
