//! What the client hopes treatment will do, in their words: the start of
//! a treatment plan's goals.

use stillpoint_core::clinical::intake::IntakeField;
use yew::prelude::*;

use super::IntakeFields;
use stillpoint_ui::components::field::FieldKind;

/// The "Goals for treatment" section, in the client's words, for the
/// treatment plan to start from.
pub fn goals(fields: &IntakeFields) -> Html {
    html! {
        <section class="form-section" aria-labelledby="goals-heading">
            <h2 id="goals-heading">{ "Goals for treatment" }</h2>
            { fields.text(IntakeField::Goals, "What the client hopes treatment will do", FieldKind::Multiline, &fields.input().goals,
                |input, text| input.goals = text) }
        </section>
    }
}
