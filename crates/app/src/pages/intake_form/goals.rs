//! What the client hopes treatment will do, in their words: the start of
//! a treatment plan's goals.

use stillpoint_core::intake::IntakeField;
use yew::prelude::*;

use super::IntakeFields;
use crate::components::field::FieldKind;

/// Properties of [`Goals`].
#[derive(Properties, PartialEq)]
pub struct GoalsProps {
    /// The intake's input.
    pub fields: IntakeFields,
}

/// The "Goals for treatment" section, in the client's words, for the
/// treatment plan to start from.
#[function_component(Goals)]
pub fn goals(props: &GoalsProps) -> Html {
    let fields = &props.fields;
    html! {
        <section class="form-section" aria-labelledby="goals-heading">
            <h2 id="goals-heading">{ "Goals for treatment" }</h2>
            { fields.text(IntakeField::Goals, "What the client hopes treatment will do", FieldKind::Multiline, &fields.input().goals,
                |input, text| input.goals = text) }
        </section>
    }
}
