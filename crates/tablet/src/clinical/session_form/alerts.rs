//! The alerts for this session, the gate before the form: *do not treat*
//! and *caution* need a written reason, with who decided, before the form
//! shows; *check* needs none. A reason is turned into a decision by core
//! (`Services::decide_override`) and kept in the draft.

use stillpoint_core::clinical::alert_override::AlertOverride;
use stillpoint_core::clinical::screening::Alert;
use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::SessionField;
use yew::prelude::*;

use super::{field_id, Charting};
use stillpoint_ui::components::alerts::alert_item;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::hooks::Edit;

/// Text typed per alert row (the row's index and the text).
type RowTexts = UseStateHandle<Vec<(usize, String)>>;

/// The text of row `index`, if any.
fn row_text(texts: &[(usize, String)], index: usize) -> Option<String> {
    texts
        .iter()
        .find(|(row, _)| *row == index)
        .map(|(_, text)| text.clone())
}

/// `texts` with row `index` set to `text`, or cleared with `None`.
fn set_row(texts: &RowTexts, index: usize, text: Option<String>) {
    let mut next: Vec<(usize, String)> = texts
        .iter()
        .filter(|(row, _)| *row != index)
        .cloned()
        .collect();
    next.extend(text.map(|text| (index, text)));
    texts.set(next);
}

/// Properties of [`AlertGate`].
#[derive(Properties, PartialEq)]
pub struct AlertGateProps {
    /// The draft's input, which keeps the decisions.
    pub fields: Charting,
    /// Every alert for the session's day.
    pub alerts: Vec<Alert>,
    /// The alerts still waiting for a reason.
    pub unanswered: Vec<Alert>,
    /// Whether no intake counts for the session's day.
    pub no_intake: bool,
}

/// The alerts section, each alert with its decision or its reason box.
#[function_component(AlertGate)]
pub fn alert_gate(props: &AlertGateProps) -> Html {
    let app = use_app();
    let decider = use_state(|| app.state.settings.therapist_name.clone());
    let reasons = use_state(Vec::<(usize, String)>::new);
    let override_errors = use_state(Vec::<(usize, String)>::new);
    let input = props.fields.input();
    let alert_items = props.alerts.iter().enumerate().map(|(index, alert)| {
        let decision = input.overrides.iter().find(|decision| decision.covers(alert));
        let body = match (decision, props.unanswered.contains(alert)) {
            (Some(decision), _) => decided(decision),
            (None, true) => {
                let reason = row_text(&reasons, index).unwrap_or_default();
                let on_input = {
                    let reasons = reasons.clone();
                    Callback::from(move |text: String| set_row(&reasons, index, Some(text)))
                };
                let go_on = {
                    let app = app.clone();
                    let form = props.fields.form.clone();
                    let alert = alert.clone();
                    let reason = reason.clone();
                    let decider = decider.clone();
                    let override_errors = override_errors.clone();
                    Callback::from(move |_: MouseEvent| {
                        match app.services.decide_override(&alert, &reason, &decider) {
                            Ok(decision) => {
                                set_row(&override_errors, index, None);
                                form.dispatch(Edit::new(move |input: &mut SessionInput| {
                                    input.overrides.push(decision)
                                }));
                            }
                            Err(problems) => {
                                let words: Vec<String> =
                                    problems.iter().map(|(_, error)| error.to_string()).collect();
                                set_row(&override_errors, index, Some(words.join(" ")));
                            }
                        }
                    })
                };
                let error = row_text(&override_errors, index);
                html! {
                    <div class="override">
                        <Field id={format!("override-{index}")} label="Why is it safe to go on?"
                            hint={Some(AttrValue::from("For example: cleared by her GP on 3 May; CST only, no pressure on the area."))}
                            kind={FieldKind::Multiline} value={reason} {error} {on_input} on_blur={Callback::noop()} />
                        <div class="actions start">
                            <button type="button" class="button" onclick={go_on}>{ "Go on despite this alert" }</button>
                        </div>
                    </div>
                }
            }
            (None, false) => html! {},
        };
        alert_item(alert, body)
    });
    html! {
        <section class="form-section" id={field_id(SessionField::Alerts)} aria-labelledby="session-alerts-heading">
            <h2 id="session-alerts-heading">{ "Alerts for this session" }</h2>
            if props.no_intake {
                <p class="intake-status due"><IconView icon={Icon::Warning} />
                    <span>{ "No intake on file for this date: screening could not be done. Take an intake before treating." }</span></p>
            } else if props.alerts.is_empty() {
                <p class="muted">{ "No contraindications from the intake." }</p>
            }
            if !props.unanswered.is_empty() {
                <Field id="override-by" label="Decided by" kind={FieldKind::Text} value={(*decider).clone()}
                    on_input={ let decider = decider.clone(); Callback::from(move |text| decider.set(text)) }
                    on_blur={Callback::noop()} />
            }
            if !props.alerts.is_empty() {
                <ul class="alerts">{ for alert_items }</ul>
            }
        </section>
    }
}

/// What the therapist decided about an alert, and when.
fn decided(decision: &AlertOverride) -> Html {
    html! {
        <p class="decision">
            <IconView icon={Icon::Check} />
            <span>{ format!("Going on: “{}” — {}, {}", decision.reason(), decision.by(), format::stamp(decision.at())) }</span>
        </p>
    }
}
