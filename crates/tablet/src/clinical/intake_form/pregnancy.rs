//! Pregnancy, which screening weighs on its own (a high-risk pregnancy
//! rules out more than a pregnancy).

use stillpoint_core::clinical::health_history::Pregnancy;
use stillpoint_core::clinical::intake::IntakeInput;
use yew::prelude::*;

use super::rows::choice;
use super::IntakeFields;

const ANSWERS: [(Pregnancy, &str); 3] = [
    (Pregnancy::No, "Not pregnant"),
    (Pregnancy::Yes, "Pregnant"),
    (Pregnancy::HighRisk, "High-risk pregnancy"),
];

/// The "Pregnancy" section: one answer that can change but not be
/// cleared, so screening never reads a pregnancy as unknown.
pub fn pregnancy_section(fields: &IntakeFields) -> Html {
    html! {
        <section class="form-section" aria-labelledby="pregnancy-heading">
            <h2 id="pregnancy-heading">{ "Pregnancy" }</h2>
            { choice("Pregnancy", &ANSWERS, fields.input().pregnancy,
                fields.edit(|input: &mut IntakeInput, value| input.pregnancy = value)) }
        </section>
    }
}
