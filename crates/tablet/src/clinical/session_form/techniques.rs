//! The CST techniques in the order they were used, each with the
//! response to it, and the therapist's own techniques added to the list.

use std::rc::Rc;

use stillpoint_core::clinical::cst_findings::{
    answer_the_rest, unanswered, CstFindings, TechniqueResponse,
};
use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::SessionField;
use stillpoint_core::clinical::technique_list::TechniqueNameError;
use yew::prelude::*;

use super::{field_id, Charting};
use stillpoint_ui::action_runner::ActionRunner;
use stillpoint_ui::components::chips::{one_of, Chip, ToggleChips};
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::context::AppContext;
use stillpoint_ui::hooks::Edit;
use stillpoint_ui::records::{ClientRecords, RecordEvent};
use stillpoint_ui::state::Action;

const RESPONSES: [TechniqueResponse; 3] = [
    TechniqueResponse::Released,
    TechniqueResponse::Partial,
    TechniqueResponse::NoChange,
];

/// Puts `name` on the list of techniques used or takes it off, keeping
/// the order of use as core's findings do.
fn toggle_technique(input: &mut SessionInput, name: &str) {
    let mut findings = CstFindings {
        techniques: std::mem::take(&mut input.techniques),
        ..CstFindings::default()
    };
    findings.toggle_technique(name);
    input.techniques = findings.techniques;
}

/// What [`techniques_used`] shows and changes.
pub struct TechniquesUsed {
    /// The draft's input.
    pub fields: Charting,
    /// The client's records, for the technique list.
    pub records: Rc<ClientRecords>,
    /// The name of a technique of the therapist's own, as typed.
    pub new_technique: UseStateHandle<String>,
    /// Why that name was refused.
    pub technique_error: UseStateHandle<Option<String>>,
    /// The section's runner, for "Add technique".
    pub runner: ActionRunner,
}

/// The technique chips (the list first, then names only this draft
/// holds), the techniques used with their responses, and "Add technique".
pub fn techniques_used(app: &AppContext, props: &TechniquesUsed) -> Html {
    let fields = &props.fields;
    let input = fields.input();
    let listed = &props.records.techniques.cst;
    let mut names: Vec<String> = listed.names().to_vec();
    names.extend(
        input
            .techniques
            .iter()
            .map(|used| used.technique.clone())
            .filter(|name| !listed.names().contains(name)),
    );
    let technique_chips = names
        .iter()
        .map(|name| Chip {
            key: name.clone().into(),
            label: name.clone().into(),
            on: input.techniques.iter().any(|used| &used.technique == name),
        })
        .collect::<Vec<_>>();
    let on_toggle =
        fields.edit(|input: &mut SessionInput, key: AttrValue| toggle_technique(input, &key));
    let responses: Vec<(TechniqueResponse, &'static str)> = RESPONSES
        .iter()
        .map(|response| (*response, response.label()))
        .collect();
    let used = input.techniques.iter().enumerate().map(|(row, used)| {
        let on_response = fields.edit(move |input: &mut SessionInput, value| {
            if let Some(found) = input.techniques.get_mut(row) {
                found.response = value;
            }
        });
        html! {
            <li class="technique-row" id={field_id(SessionField::TechniqueResponse(row))}>
                <p class="technique-name">{ format!("{}. {}", row + 1, used.technique) }</p>
                { one_of(format!("Response to {}", used.technique), &responses, used.response, on_response) }
                { fields.text(SessionField::TechniqueNote(row), "Note", FieldKind::Text, &used.note,
                    move |input: &mut SessionInput, text: String| {
                        if let Some(found) = input.techniques.get_mut(row) {
                            found.note = text;
                        }
                    }) }
            </li>
        }
    });
    let new_technique = props.new_technique.clone();
    html! {
        <>
            <h3 id={field_id(SessionField::Techniques)}>{ "Techniques, in order of use" }</h3>
            <ToggleChips label="Techniques" chips={technique_chips} {on_toggle} />
            if unanswered(&input.techniques) > 1 {
                { answer_the_rest_buttons(fields) }
            }
            if !input.techniques.is_empty() {
                <ol class="technique-list">{ for used }</ol>
            }
            <div class="add-row">
                <Field id="new-technique" label="Add your own technique" kind={FieldKind::Text}
                    value={(*new_technique).clone()} error={(*props.technique_error).clone()}
                    on_input={Callback::from(move |text| new_technique.set(text))}
                    on_blur={Callback::noop()} />
                <button type="button" class="button" onclick={add_technique(app, props)}>{ "Add technique" }</button>
            </div>
        </>
    }
}

/// One tap for the usual case: every technique still without a response
/// gets the same one (core's `answer_the_rest`); each row can still be
/// changed.
fn answer_the_rest_buttons(fields: &Charting) -> Html {
    html! {
        <div class="answer-rest" role="group" aria-label="Every technique without a response">
            <p class="field-label">{ "Every technique without a response:" }</p>
            <div class="actions start">
                { for RESPONSES.into_iter().map(|response| {
                    let onclick = fields.edit(move |input: &mut SessionInput, _: MouseEvent| {
                        answer_the_rest(&mut input.techniques, response)
                    });
                    html! {
                        <button type="button" class="button" {onclick}>
                            { format!("All: {}", response.label().to_lowercase()) }
                        </button>
                    }
                }) }
            </div>
        </div>
    }
}

/// "Add technique": the name goes on the therapist's list (refused names
/// say why under the field) and is ticked as used in this session.
fn add_technique(app: &AppContext, props: &TechniquesUsed) -> Callback<MouseEvent> {
    let (services, runner) = (app.services.clone(), props.runner.clone());
    let form = props.fields.form.clone();
    let records = props.records.clone();
    let new_technique = props.new_technique.clone();
    let technique_error = props.technique_error.clone();
    Callback::from(move |_| {
        let (services, records) = (services.clone(), records.clone());
        let form = form.clone();
        let name = (*new_technique).clone();
        let new_technique = new_technique.clone();
        let (added_error, technique_error) = (technique_error.clone(), technique_error.clone());
        runner.run(
            async move {
                services
                    .add_technique(&records.techniques, true, &name)
                    .await
            },
            move |app, lists| {
                let added = lists.cst.names().last().cloned().unwrap_or_default();
                app.dispatch(Action::Records(RecordEvent::Techniques(lists.into())));
                form.dispatch(Edit::new(move |input: &mut SessionInput| {
                    toggle_technique(input, &added)
                }));
                new_technique.set(String::new());
                added_error.set(None);
            },
            move |error: TechniqueNameError| technique_error.set(Some(error.to_string())),
        );
    })
}
