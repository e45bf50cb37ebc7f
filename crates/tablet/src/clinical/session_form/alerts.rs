//! The alerts for this session, the gate before the form: *do not treat*
//! and *caution* need a written reason, with who decided, before the form
//! shows; *check* needs none. A reason is turned into a decision by core
//! (`Services::decide_override`) and kept in the draft. An alert standing as
//! it did last time offers last time's reason again ("Same as last time: …
//! still true?"): one tap makes it today's decision, by whoever decides
//! today (`Services::confirm_override`); it is never carried unasked.

use stillpoint_core::clinical::alert_override::{AlertOverride, OverrideError, OverrideField};
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

/// Keeps a decision in the draft, or shows why it was refused under row
/// `index`.
fn keep_decision(
    fields: &Charting,
    errors: &RowTexts,
    index: usize,
    decided: Result<AlertOverride, Vec<(OverrideField, OverrideError)>>,
) {
    match decided {
        Ok(decision) => {
            set_row(errors, index, None);
            fields
                .form
                .dispatch(Edit::new(move |input: &mut SessionInput| {
                    input.overrides.push(decision)
                }));
        }
        Err(problems) => {
            let words: Vec<String> = problems
                .iter()
                .map(|(_, error)| error.to_string())
                .collect();
            set_row(errors, index, Some(words.join(" ")));
        }
    }
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
    /// The alerts standing as they did last time, each with the decision
    /// made about it then.
    pub standing: Vec<(Alert, AlertOverride)>,
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
                    let (app, fields) = (app.clone(), props.fields.clone());
                    let (alert, reason) = (alert.clone(), reason.clone());
                    let (decider, override_errors) = (decider.clone(), override_errors.clone());
                    Callback::from(move |_: MouseEvent| {
                        let decided = app.services.decide_override(&alert, &reason, &decider);
                        keep_decision(&fields, &override_errors, index, decided);
                    })
                };
                let earlier = props
                    .standing
                    .iter()
                    .find(|(standing, _)| standing == alert)
                    .map(|(_, decision)| decision.clone());
                let same_again = earlier.map(|earlier| {
                    let (app, fields) = (app.clone(), props.fields.clone());
                    let (alert, decider) = (alert.clone(), decider.clone());
                    let override_errors = override_errors.clone();
                    let question = format!("Same as last time: “{}” — still true?", earlier.reason());
                    let name = format!("Still true: go on despite “{}”", alert.name);
                    let onclick = Callback::from(move |_: MouseEvent| {
                        let decided = app.services.confirm_override(&earlier, &alert, &decider);
                        keep_decision(&fields, &override_errors, index, decided);
                    });
                    html! {
                        <div class="same-as-last">
                            <p>{ question }</p>
                            <div class="actions start">
                                <button type="button" class="button primary" aria-label={name} {onclick}>{ "Still true: go on" }</button>
                            </div>
                            <p class="hint">{ "Or, if it is not, write today's reason:" }</p>
                        </div>
                    }
                });
                let error = row_text(&override_errors, index);
                html! {
                    <div class="override">
                        { for same_again }
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
