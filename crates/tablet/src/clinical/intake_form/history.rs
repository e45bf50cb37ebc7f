//! The health history: the checklist of conditions, then each ticked
//! condition's details (since when, where on the body, a note), and
//! anything else about the client's health.

use stillpoint_core::clinical::health_history::Condition;
use stillpoint_core::clinical::intake::{ConditionInput, IntakeField, IntakeInput};
use yew::prelude::*;

use super::rows::{in_row, row_card};
use super::IntakeFields;
use stillpoint_ui::components::chips::{Chip, ToggleChips};
use stillpoint_ui::components::field::FieldKind;
use stillpoint_ui::components::region_picker::region_picker;

fn conditions(input: &mut IntakeInput) -> &mut Vec<ConditionInput> {
    &mut input.conditions
}

/// Ticks the condition chip `key`, or unticks it with its details.
fn toggle_condition(input: &mut IntakeInput, key: AttrValue) {
    let Some(condition) = Condition::ALL
        .into_iter()
        .find(|c| c.label() == key.as_str())
    else {
        return;
    };
    match input
        .conditions
        .iter()
        .position(|c| c.condition == condition)
    {
        Some(row) => {
            input.conditions.remove(row);
        }
        None => input.conditions.push(ConditionInput {
            condition,
            date: String::new(),
            regions: Vec::new(),
            note: String::new(),
        }),
    }
}

/// The "Health history" section: a checklist first, so a condition is one
/// tap, and details only for what was ticked.
pub fn health_history(fields: &IntakeFields) -> Html {
    let input = fields.input();
    let condition_chips = Condition::ALL
        .iter()
        .map(|condition| Chip {
            key: condition.label().into(),
            label: condition.label().into(),
            on: input.conditions.iter().any(|c| c.condition == *condition),
        })
        .collect::<Vec<_>>();
    let condition_rows = input.conditions.iter().enumerate().map(|(row, answer)| {
        row_card(
            answer.condition.label(),
            None,
            html! {
                <>
                    <div class="row-grid">
                        { fields.text(IntakeField::ConditionDate(row), "Since or when (if known)", FieldKind::Date, &answer.date,
                            in_row(conditions, row, |c, text| c.date = text)) }
                        { fields.text(IntakeField::ConditionNote(row), "Note", FieldKind::Text, &answer.note,
                            in_row(conditions, row, |c, text| c.note = text)) }
                    </div>
                    { region_picker(&format!("intake-condition-{row}-regions"), "Where on the body (if one area)", &answer.regions,
                        fields.edit(in_row(conditions, row, |c, regions| c.regions = regions))) }
                </>
            },
        )
    });
    html! {
        <section class="form-section" aria-labelledby="history-heading">
            <h2 id="history-heading">{ "Health history" }</h2>
            <p class="hint">{ "Tap every condition the client has or has had." }</p>
            <ToggleChips label="Conditions" chips={condition_chips} on_toggle={fields.edit(toggle_condition)} />
            { for condition_rows }
            { fields.text(IntakeField::HistoryNotes, "Anything else about the client's health", FieldKind::Multiline, &input.history_notes,
                |input, text| input.history_notes = text) }
        </section>
    }
}
