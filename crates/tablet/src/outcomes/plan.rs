//! One client's treatment plan: goals tied to a benefit and an instrument
//! (with baseline and target), how often and how many sessions, when to
//! review, and the status. Saving never overwrites: each save is a new
//! version, and every earlier version stays listed in the history.

use stillpoint_core::clients::client::Client;
use stillpoint_core::outcomes::instrument::{InstrumentId, InstrumentRef};
use stillpoint_core::outcomes::plan::{
    current_plan, plan_history, GoalInput, GoalPart, PlanField, PlanInput, PlanStatus, PlanVersion,
};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::chips::one_of;
use stillpoint_ui::components::field::{select_field, typed_number, Field, FieldKind, SelectField};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::hooks::update;
use stillpoint_ui::refusal::worded;
use stillpoint_ui::state::{Action, Notice, Outcomes};

const STATUSES: [(PlanStatus, &str); 3] = [
    (PlanStatus::Active, "Active"),
    (PlanStatus::Achieved, "Achieved"),
    (PlanStatus::Closed, "Closed"),
];

/// One goal row as typed.
#[derive(Clone, PartialEq, Default)]
struct GoalRow {
    instrument: String,
    description: String,
    baseline: String,
    target: String,
}

/// The plan form as typed.
#[derive(Clone, PartialEq)]
struct PlanForm {
    goals: Vec<GoalRow>,
    sessions: String,
    weeks: String,
    planned: String,
    review: String,
    status: PlanStatus,
    note: String,
}

impl PlanForm {
    fn from_version(version: Option<&PlanVersion>) -> Self {
        let Some(version) = version else {
            return Self {
                goals: vec![GoalRow::default()],
                sessions: "1".into(),
                weeks: "1".into(),
                planned: "6".into(),
                review: String::new(),
                status: PlanStatus::Active,
                note: String::new(),
            };
        };
        let plan = version.plan();
        Self {
            goals: plan
                .goals()
                .iter()
                .map(|goal| GoalRow {
                    instrument: goal.instrument().id.to_string(),
                    description: goal.description().to_owned(),
                    baseline: goal.baseline().to_string(),
                    target: goal.target().to_string(),
                })
                .collect(),
            sessions: plan.frequency().sessions().to_string(),
            weeks: plan.frequency().weeks().to_string(),
            planned: plan.planned_sessions().to_string(),
            review: plan.review_date().to_string(),
            status: plan.status(),
            note: String::new(),
        }
    }

    /// The form as core takes it. Text that is not a number becomes a
    /// value core refuses with its own message.
    fn input(&self, outcomes: &Outcomes) -> PlanInput {
        PlanInput {
            goals: self
                .goals
                .iter()
                .map(|row| GoalInput {
                    instrument: outcomes
                        .instrument(&row.instrument)
                        .map(|instrument| instrument.reference())
                        // No version 0 exists, so core says "Choose an instrument".
                        .unwrap_or(InstrumentRef {
                            id: InstrumentId::Stress,
                            version: 0,
                        }),
                    description: row.description.clone(),
                    baseline: typed_number(&row.baseline),
                    target: typed_number(&row.target),
                })
                .collect(),
            sessions_per_period: self.sessions.trim().parse().unwrap_or(0),
            period_weeks: self.weeks.trim().parse().unwrap_or(0),
            planned_sessions: self.planned.trim().parse().unwrap_or(0),
            review_date: self.review.clone(),
            status: self.status,
            note: self.note.clone(),
        }
    }
}

type Problems = Vec<(PlanField, String)>;

fn problem(problems: &Problems, field: PlanField) -> Option<String> {
    problems
        .iter()
        .find(|(at, _)| *at == field)
        .map(|(_, text)| text.clone())
}

/// Properties of [`PlanPage`].
#[derive(Properties, PartialEq)]
pub struct PlanPageProps {
    /// The client whose plan this is.
    pub client: Client,
}

/// The current plan, its history, and the form to set or revise it.
#[function_component(PlanPage)]
pub fn plan_page(props: &PlanPageProps) -> Html {
    let app = use_app();
    let client = props.client.id();
    let client_id = client.to_string();
    let outcomes = app.state.outcomes.clone();
    let current = current_plan(&outcomes.plans, client).cloned();
    let editing = use_state(|| false);
    let form = use_state(|| PlanForm::from_version(current.as_ref()));
    let problems = use_state(Problems::new);
    let runner = use_action_runner();

    let start = {
        let editing = editing.clone();
        let form = form.clone();
        let problems = problems.clone();
        let current = current.clone();
        Callback::from(move |_| {
            form.set(PlanForm::from_version(current.as_ref()));
            problems.set(Problems::new());
            editing.set(true);
        })
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(false))
    };

    let history = plan_history(&outcomes.plans, client);
    let history_view = html! {
        <section class="plan-history" aria-labelledby="history-title">
            <h2 id="history-title">{ "History" }</h2>
            if history.is_empty() {
                <p class="muted">{ "No plan has been saved for this client yet." }</p>
            } else {
                <ol class="history-list" reversed=true>
                    { for history.iter().rev().map(|(version, status)| html! {
                        <li class="history-item">
                            <p class="history-head">
                                <span>{ format!("Written {}", format::date(version.plan().written())) }</span>
                                <span class={classes!("status-badge", status.to_string())}>{ status.to_string() }</span>
                            </p>
                            { goal_list(version, &outcomes) }
                            <p class="muted history-line">{ format!("{} · {} sessions · review {}",
                                version.plan().frequency(), version.plan().planned_sessions(), format::date(version.plan().review_date())) }</p>
                            if !version.plan().note().is_empty() {
                                <p class="history-line">{ version.plan().note() }</p>
                            }
                        </li>
                    }) }
                </ol>
            }
        </section>
    };

    let back = html! {
        <Link<Route> to={Route::Client { id: client_id.clone() }} classes="back-link">
            <IconView icon={Icon::Back} /><span>{ props.client.display_name() }</span>
        </Link<Route>>
    };
    let title = html! {
        <h1 class="client-title">{ format!("{}: treatment plan", props.client.display_name()) }</h1>
    };

    if !*editing {
        return html! {
            <article class="plan-page">
                { back }
                { title }
                if let Some(version) = &current {
                    <section class="plan-current" aria-labelledby="current-title">
                        <h2 id="current-title">{ "Current plan" }</h2>
                        { plan_summary(version, &outcomes) }
                    </section>
                } else {
                    <p class="empty-state">{ "No plan yet. Set goals for what the client comes for — less stress, less pain, better well-being or posture — each measured with an instrument." }</p>
                }
                { history_view }
                <div class="actions bottom-actions">
                    <Link<Route> to={Route::ClientProgress { id: client_id }} classes="button">{ "Progress" }</Link<Route>>
                    <button type="button" class="button primary" onclick={start}>
                        { if current.is_some() { "Revise plan" } else { "Set a plan" } }
                    </button>
                </div>
            </article>
        };
    }

    let instruments = outcomes.instruments();
    let set_field = |change: fn(&mut PlanForm, String)| update(&form, change);
    let goal_rows = form.goals.iter().enumerate().map(|(index, row)| {
        let field = |part| PlanField::Goal(index, part);
        let set = |change: fn(&mut GoalRow, String)| {
            update(&form, move |form: &mut PlanForm, text| change(&mut form.goals[index], text))
        };
        let remove = update(&form, move |form: &mut PlanForm, _: MouseEvent| {
            form.goals.remove(index);
        });
        html! {
            <fieldset class="goal-row">
                <legend>{ format!("Goal {}", index + 1) }</legend>
                { select_field(SelectField {
                    id: format!("goal-{index}-instrument").into(),
                    label: "Benefit and instrument".into(),
                    options: instruments.iter().map(|instrument| (
                        instrument.id().to_string().into(),
                        format!("{} — {}", instrument.area(), instrument.name()).into(),
                    )).collect(),
                    selected: row.instrument.clone().into(),
                    placeholder: Some("Choose…".into()),
                    error: problem(&problems, field(GoalPart::Instrument)),
                    on_change: set(|row, text| row.instrument = text),
                }) }
                <Field id={format!("goal-{index}-description")} label="Goal in the client's words"
                    kind={FieldKind::Text} value={row.description.clone()}
                    error={problem(&problems, field(GoalPart::Description))}
                    on_input={set(|row, text| row.description = text)} on_blur={Callback::noop()} />
                <div class="field-pair">
                    <Field id={format!("goal-{index}-baseline")} label="Baseline" kind={FieldKind::Number}
                        value={row.baseline.clone()} error={problem(&problems, field(GoalPart::Baseline))}
                        on_input={set(|row, text| row.baseline = text)} on_blur={Callback::noop()} />
                    <Field id={format!("goal-{index}-target")} label="Target" kind={FieldKind::Number}
                        value={row.target.clone()} error={problem(&problems, field(GoalPart::Target))}
                        on_input={set(|row, text| row.target = text)} on_blur={Callback::noop()} />
                </div>
                if form.goals.len() > 1 {
                    <button type="button" class="button danger-outline" onclick={remove}>{ "Remove goal" }</button>
                }
            </fieldset>
        }
    });
    let add_goal = update(&form, |form: &mut PlanForm, _: MouseEvent| {
        form.goals.push(GoalRow::default());
    });

    let onsubmit = {
        let app = app.clone();
        let form = form.clone();
        let problems = problems.clone();
        let editing = editing.clone();
        let current = current.clone();
        let runner = runner.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let services = app.services.clone();
            let input = form.input(&app.state.outcomes);
            let instruments = app.state.outcomes.instruments();
            let (problems, editing, current) = (problems.clone(), editing.clone(), current.clone());
            let refused = problems.clone();
            runner.run(
                async move {
                    services
                        .save_plan(client, current.as_ref(), &input, &instruments)
                        .await
                },
                move |app, version| {
                    app.dispatch(Action::PlanStored(Box::new(version)));
                    app.dispatch(Action::Notify(Notice::Saved("Plan saved.".into())));
                    problems.set(Problems::new());
                    editing.set(false);
                },
                move |found| refused.set(worded(found)),
            );
        })
    };

    html! {
        <form class="plan-page" novalidate=true {onsubmit} aria-labelledby="plan-form-title">
            { back }
            <h1 id="plan-form-title" class="client-title">
                { if current.is_some() { "Revise the plan" } else { "Set a plan" } }
            </h1>
            if current.is_some() {
                <p class="muted">{ "Saving keeps the current version in the history." }</p>
            }
            { for goal_rows }
            if let Some(error) = problem(&problems, PlanField::Goals) {
                <p class="field-message" role="alert">{ error }</p>
            }
            <button type="button" class="button add-goal" onclick={add_goal}>{ "Add a goal" }</button>
            <fieldset class="plan-schedule">
                <legend>{ "Schedule" }</legend>
                <div class="field-pair">
                    <Field id="plan-sessions" label="Sessions" kind={FieldKind::Number} value={form.sessions.clone()}
                        error={problem(&problems, PlanField::Frequency)}
                        on_input={set_field(|form, text| form.sessions = text)} on_blur={Callback::noop()} />
                    <Field id="plan-weeks" label="Every … weeks" kind={FieldKind::Number} value={form.weeks.clone()}
                        on_input={set_field(|form, text| form.weeks = text)} on_blur={Callback::noop()} />
                </div>
                <div class="field-pair">
                    <Field id="plan-planned" label="Number of sessions" kind={FieldKind::Number}
                        value={form.planned.clone()} error={problem(&problems, PlanField::PlannedSessions)}
                        on_input={set_field(|form, text| form.planned = text)} on_blur={Callback::noop()} />
                    <Field id="plan-review" label="Review date" kind={FieldKind::Date} value={form.review.clone()}
                        error={problem(&problems, PlanField::ReviewDate)}
                        on_input={set_field(|form, text| form.review = text)} on_blur={Callback::noop()} />
                </div>
            </fieldset>
            <div class="field">
                <p class="field-label" aria-hidden="true">{ "Status" }</p>
                { one_of("Status", &STATUSES, Some(form.status), update(&form, |form: &mut PlanForm, status| {
                    // Tapping the chosen status again keeps it: a plan always has one.
                    if let Some(status) = status {
                        form.status = status;
                    }
                })) }
            </div>
            <Field id="plan-note" label="Why this plan or change" kind={FieldKind::Multiline}
                value={form.note.clone()} error={problem(&problems, PlanField::Note)}
                on_input={set_field(|form, text| form.note = text)} on_blur={Callback::noop()} />
            <div class="actions bottom-actions">
                <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                <button type="submit" class="button primary" disabled={runner.busy()}>{ "Save plan" }</button>
            </div>
        </form>
    }
}

/// One version's goals, each with its benefit, instrument, baseline and
/// target.
fn goal_list(version: &PlanVersion, outcomes: &Outcomes) -> Html {
    let plan = version.plan();
    let instruments = outcomes.instruments();
    html! {
            <ul class="goal-list">
                { for plan.goals().iter().map(|goal| {
                    let instrument = instruments.iter().find(|i| i.reference() == goal.instrument());
                    let (area, name, unit) = match instrument {
                        Some(i) => (i.area().to_string(), i.name().to_owned(), i.unit()),
                        None => (String::new(), goal.instrument().id.to_string(), stillpoint_core::outcomes::instrument::Unit::Points),
                    };
                    html! {
                        <li class="goal">
                            <p class="goal-name">{ if goal.description().is_empty() { area.clone() } else { goal.description().to_owned() } }</p>
                            <p class="muted">{ format!("{area} · {name}: from {} to {}", unit.format(goal.baseline()), unit.format(goal.target())) }</p>
                        </li>
                    }
                }) }
            </ul>
    }
}

/// What one version plans, in words.
fn plan_summary(version: &PlanVersion, outcomes: &Outcomes) -> Html {
    let plan = version.plan();
    html! {
        <div class="plan-summary">
            { goal_list(version, outcomes) }
            <dl class="details">
                <div class="detail-row"><dt>{ "Frequency" }</dt><dd>{ plan.frequency().to_string() }</dd></div>
                <div class="detail-row"><dt>{ "Sessions planned" }</dt><dd>{ plan.planned_sessions() }</dd></div>
                <div class="detail-row"><dt>{ "Review" }</dt><dd>{ format::date(plan.review_date()) }</dd></div>
                <div class="detail-row"><dt>{ "Status" }</dt><dd>{ STATUSES.iter().find(|(s, _)| *s == plan.status()).map_or("", |(_, label)| label) }</dd></div>
                if !plan.note().is_empty() {
                    <div class="detail-row"><dt>{ "Note" }</dt><dd>{ plan.note() }</dd></div>
                }
            </dl>
        </div>
    }
}
