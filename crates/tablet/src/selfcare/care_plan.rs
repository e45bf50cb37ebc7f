//! One client's self-care plan: the current plan with its handout, plan
//! file and print; every earlier plan; and the composer that makes the
//! next one from library items adapted for the client and linked to the
//! goals of their treatment plan. Also the weekly adherence shown on the
//! client's page. Saving never overwrites: each plan is a new version.

use std::rc::Rc;

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use stillpoint_core::clinical::since_last_time::SinceLastTime;
use stillpoint_core::outcomes::plan::current_plan;
use stillpoint_core::selfcare::adherence::weekly_adherence;
use stillpoint_core::selfcare::care_file::goal_words;
use stillpoint_core::selfcare::care_plan::{
    care_plan_history, current_care_plan, CarePlanError, CarePlanInput, CarePlanPart,
    CarePlanVersion, PlannedItemInput,
};
use stillpoint_core::selfcare::handout::handout_html;
use stillpoint_core::selfcare::library::{
    by_category, conflicting_items, Conflict, LibraryEntry, LibraryKey,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use crate::selfcare::client_view::HandToClient;
use stillpoint_ui::action_runner::{use_action_runner, ActionRunner};
use stillpoint_ui::components::care_item_fields::{set_field, CareItemFields};
use stillpoint_ui::components::care_plan_items::plan_items;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::{use_app, AppContext};
use stillpoint_ui::format;
use stillpoint_ui::hooks::{
    edit, use_autosave, use_care_records, use_client_records, Edit, FormInput,
};
use stillpoint_ui::platform;
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::selfcare::SelfCareEvent;
use stillpoint_ui::state::{Action, Notice};

type Problems = Vec<(CarePlanPart, CarePlanError)>;

/// Properties of [`CarePlanPage`].
#[derive(Properties, PartialEq)]
pub struct CarePlanPageProps {
    /// The client whose plan this is.
    pub client: Client,
}

/// The current plan, its history, and the composer.
#[function_component(CarePlanPage)]
pub fn care_plan_page(props: &CarePlanPageProps) -> Html {
    let app = use_app();
    let client = props.client.id();
    let care = use_care_records(client);
    let records = use_client_records(client);
    let confirming = use_state(|| None::<LibraryKey>);
    let editing = use_state(|| false);
    let resumed = use_state(|| false);
    let form = use_reducer(FormInput::<CarePlanInput>::default);
    let problems = use_state(Problems::new);
    let runner = use_action_runner();

    {
        // A plan form left unsaved (reload, another page) opens again.
        let app = app.clone();
        let form = form.clone();
        let editing = editing.clone();
        let resumed = resumed.clone();
        use_effect_with(client, move |&client| {
            spawn_local(async move {
                if let Ok(Some(draft)) = app.services.care_plan_draft(client).await {
                    form.dispatch(Edit::new(move |input| *input = draft));
                    resumed.set(true);
                    editing.set(true);
                }
            });
        });
    }
    let pending = {
        let app = app.clone();
        let editing = *editing;
        use_autosave(
            form.0.clone(),
            Callback::from(move |input: CarePlanInput| {
                if !editing {
                    return;
                }
                let app = app.clone();
                spawn_local(async move {
                    if let Err(error) = app.services.save_care_plan_draft(client, &input).await {
                        app.dispatch(Action::Notify(Notice::Error(error.to_string())));
                    }
                });
            }),
        )
    };

    let back = html! {
        <Link<Route> to={Route::Client { id: client.to_string() }} classes="back-link">
            <IconView icon={Icon::Back} /><span>{ props.client.display_name() }</span>
        </Link<Route>>
    };
    let Some(care) = care else {
        return html! {
            <article class="care-page">
                { back }
                <p class="muted" aria-busy="true">{ "Opening the self-care plan…" }</p>
            </article>
        };
    };
    let current = current_care_plan(&care.plans, client).cloned();

    if !*editing {
        let start = {
            let form = form.clone();
            let editing = editing.clone();
            let problems = problems.clone();
            let resumed = resumed.clone();
            let current = current.clone();
            Callback::from(move |_| {
                let start = current
                    .as_ref()
                    .map(CarePlanInput::from_plan)
                    .unwrap_or_default();
                form.dispatch(Edit::new(move |input| *input = start));
                problems.set(Problems::new());
                resumed.set(false);
                editing.set(true);
            })
        };
        return html! {
            <article class="care-page">
                { back }
                <h1 class="client-title">{ format!("{}: self-care plan", props.client.display_name()) }</h1>
                if let Some(plan) = &current {
                    { current_view(&app, &runner, &props.client, plan) }
                } else {
                    <p class="empty-state">{ "No self-care plan yet. Choose a few items from the library, adapt them for this client, and give them a plan to take home." }</p>
                }
                { history(&care.plans, client) }
                <div class="actions bottom-actions">
                    <Link<Route> to={Route::CareLibrary} classes="button">{ "Library" }</Link<Route>>
                    <button type="button" class="button primary" onclick={start}>{ "New plan" }</button>
                </div>
            </article>
        };
    }

    let treatment = current_plan(&app.state.outcomes.plans, client).cloned();
    let goals = treatment
        .as_ref()
        .map(|treatment| goal_words(treatment, &app.state.outcomes.instruments()))
        .unwrap_or_default();
    let entries = app.state.selfcare.entries();
    let alerts = records
        .map(|records| records.alerts_on(app.services.today(), &SinceLastTime::NotAsked))
        .unwrap_or_default();
    let conflicts = conflicting_items(&entries, &alerts);

    let cancel = {
        let (services, runner) = (app.services.clone(), runner.clone());
        let editing = editing.clone();
        let pending = pending.clone();
        Callback::from(move |_| {
            pending.cancel();
            let services = services.clone();
            runner.run_action(
                async move { services.discard_care_plan_draft(client).await },
                |_, ()| {},
            );
            editing.set(false);
        })
    };
    let onsubmit = {
        let (services, runner) = (app.services.clone(), runner.clone());
        let form = form.clone();
        let problems = problems.clone();
        let editing = editing.clone();
        let current = current.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (services, input, pending) = (services.clone(), form.0.clone(), pending.clone());
            let (problems, refused) = (problems.clone(), problems.clone());
            let editing = editing.clone();
            let current = current.clone();
            let treatment = treatment.clone();
            runner.run(
                async move {
                    // Only a save that runs replaces the waiting draft.
                    pending.cancel();
                    services
                        .save_care_plan(client, current.as_ref(), treatment.as_ref(), &input)
                        .await
                },
                move |app, plan| {
                    app.dispatch(Action::SelfCare(SelfCareEvent::PlanStored(Box::new(plan))));
                    app.dispatch(Action::Notify(Notice::Saved(
                        "Self-care plan saved.".into(),
                    )));
                    problems.set(Problems::new());
                    editing.set(false);
                },
                move |found| refused.set(found),
            );
        })
    };
    let plan_problems: Vec<String> = problems
        .iter()
        .filter(|(part, _)| *part == CarePlanPart::Plan)
        .map(|(_, error)| error.to_string())
        .collect();
    let message_error = problems
        .iter()
        .find(|(part, _)| *part == CarePlanPart::Message)
        .map(|(_, error)| error.to_string());
    let items = form.0.items.clone();
    let count = items.len();

    html! {
        <form class="care-page" novalidate=true {onsubmit} aria-labelledby="care-form-title">
            { back }
            <h1 id="care-form-title" class="client-title">
                { format!("New self-care plan for {}", props.client.display_name()) }
            </h1>
            if *resumed {
                <p class="muted">{ "This is the plan you started earlier; it is not saved yet." }</p>
            } else if current.is_some() {
                <p class="muted">{ "Starts from the current plan. Saving keeps the current plan in the history." }</p>
            }
            <div class="care-composer">
                <div class="care-form-items">
                    if items.is_empty() {
                        <p class="empty-state">{ "Add items from the library, then adapt them for this client." }</p>
                    }
                    { for items.iter().enumerate().map(|(index, planned)| {
                        item_editor(&form, &problems, &goals, index, count, planned)
                    }) }
                    for text in plan_problems {
                        <p class="form-summary" role="alert">{ text }</p>
                    }
                    <button type="button" class="button" onclick={
                        edit(&form, |input: &mut CarePlanInput, _: MouseEvent| input.items.push(PlannedItemInput::default()))
                    }>{ "Write a new item" }</button>
                    <Field id="care-message" label="Message to the client" kind={FieldKind::Multiline}
                        hint={Some(AttrValue::from("Shown at the top of the plan, in your words."))}
                        value={form.0.message.clone()} error={message_error}
                        on_input={edit(&form, |input: &mut CarePlanInput, text: String| input.message = text)}
                        on_blur={Callback::noop()} />
                </div>
                { library_picker(&form, &entries, &conflicts, &confirming) }
            </div>
            <div class="actions bottom-actions">
                <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                <button type="submit" class="button primary" disabled={runner.busy()}>{ "Save plan" }</button>
            </div>
        </form>
    }
}

/// The current plan with what can be done with it.
fn current_view(
    app: &AppContext,
    runner: &ActionRunner,
    client: &Client,
    plan: &CarePlanVersion,
) -> Html {
    let file = Rc::new(app.state.plan_file(client, plan));
    let written = plan.written();
    let save = |bytes: Rc<Vec<u8>>, name: String, mime: &'static str| {
        let runner = runner.clone();
        Callback::from(move |_| {
            let saved = platform::save_file(&bytes, &name, mime).map_err(Refusal::Refused);
            runner.run_action(async move { saved }, |_, ()| {});
        })
    };
    let handout = Rc::new(handout_html(&file, &format::date(written)).into_bytes());
    let plan_bytes = Rc::new(file.to_bytes());
    let plan_name = format!("self-care-plan-{written}.json");
    let share = platform::can_share_file(&plan_bytes, &plan_name, "application/json").then(|| {
        let runner = runner.clone();
        let bytes = plan_bytes.clone();
        let name = plan_name.clone();
        Callback::from(move |_| {
            let (bytes, name) = (bytes.clone(), name.clone());
            runner.run_action(
                async move {
                    platform::share_file(&bytes, &name, "application/json")
                        .await
                        .map_err(Refusal::Refused)
                },
                |_, ()| {},
            );
        })
    });
    let print = Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <section class="care-current" aria-labelledby="care-current-title">
            <p class="print-header">
                <span>{ format!("Self-care plan for {}", file.client_name) }</span>
                <span>{ format::date(written) }</span>
            </p>
            <h2 id="care-current-title">{ format!("Current plan, written {}", format::date(written)) }</h2>
            <div class="actions start care-tools">
                <button type="button" class="button" onclick={save(handout, format!("self-care-plan-{written}.html"), "text/html")}>
                    { "Download handout" }
                </button>
                <button type="button" class="button" onclick={save(plan_bytes, plan_name, "application/json")}>
                    { "Export plan file" }
                </button>
                if let Some(share) = share {
                    <button type="button" class="button" onclick={share}>{ "Share plan file" }</button>
                }
                <button type="button" class="button with-icon" onclick={print}>
                    <IconView icon={Icon::Print} /><span>{ "Print" }</span>
                </button>
                <HandToClient client={client.id()} />
            </div>
            { plan_items(&file) }
        </section>
    }
}

/// Every plan the client was given, newest first.
fn history(plans: &[CarePlanVersion], client: RecordId) -> Html {
    let history = care_plan_history(plans, client);
    if history.len() < 2 {
        return html! {};
    }
    html! {
        <section class="care-history" aria-labelledby="care-history-title">
            <h2 id="care-history-title">{ "History" }</h2>
            <ol class="history-list" reversed=true>
                { for history.iter().rev().map(|(plan, replaced)| html! {
                    <li class="history-item">
                        <p class="history-head">
                            <span>{ format!("Written {}", format::date(plan.written())) }</span>
                            <span class="status-badge">{ if *replaced { "replaced" } else { "current" } }</span>
                        </p>
                        <p class="history-line">
                            { plan.items().iter().map(|planned| planned.item().title()).collect::<Vec<_>>().join(" · ") }
                        </p>
                    </li>
                }) }
            </ol>
        </section>
    }
}

/// One item of the form: its fields, the goals it serves, and moving or
/// removing it.
fn item_editor(
    form: &UseReducerHandle<FormInput<CarePlanInput>>,
    problems: &Problems,
    goals: &[String],
    index: usize,
    count: usize,
    planned: &PlannedItemInput,
) -> Html {
    let mine = problems
        .iter()
        .filter(|(part, _)| *part == CarePlanPart::Item(index));
    let errors = mine
        .clone()
        .filter_map(|(_, error)| match error {
            CarePlanError::Item { field, error } => Some((*field, error.to_string())),
            _ => None,
        })
        .collect::<Vec<_>>();
    let goal_error = mine
        .filter(|(_, error)| *error == CarePlanError::UnknownGoal)
        .map(|(_, error)| error.to_string())
        .next();
    let on_change = edit(form, move |input: &mut CarePlanInput, (field, text)| {
        if let Some(planned) = input.items.get_mut(index) {
            set_field(&mut planned.item, field, text);
        }
    });
    let swap = |with: usize| {
        edit(form, move |input: &mut CarePlanInput, _: MouseEvent| {
            if with < input.items.len() {
                input.items.swap(index, with);
            }
        })
    };
    let remove = edit(form, move |input: &mut CarePlanInput, _: MouseEvent| {
        if index < input.items.len() {
            input.items.remove(index);
        }
    });
    let title = match planned.item.title.trim() {
        "" => "New item",
        title => title,
    };
    let goals_id = format!("care-item-{index}-goals");
    html! {
        <fieldset class="care-item-editor" id={format!("care-item-{index}")}>
            <legend>{ format!("{}. {title}", index + 1) }</legend>
            <div class="actions start item-tools">
                <button type="button" class="button" disabled={index == 0}
                    aria-label={format!("Move {title} up")} onclick={swap(index.wrapping_sub(1))}>{ "Move up" }</button>
                <button type="button" class="button" disabled={index + 1 == count}
                    aria-label={format!("Move {title} down")} onclick={swap(index + 1)}>{ "Move down" }</button>
                <button type="button" class="button danger-outline"
                    aria-label={format!("Remove {title}")} onclick={remove}>{ "Remove" }</button>
            </div>
            <CareItemFields id={format!("care-item-{index}")} item={planned.item.clone()} {errors} {on_change} />
            if !goals.is_empty() {
                <p class="scale-label" id={goals_id.clone()}>{ "Goals this item serves" }</p>
                <div class="chips" role="group" aria-labelledby={goals_id}>
                    { for goals.iter().enumerate().map(|(position, text)| {
                        let goal = position as u8;
                        let on = planned.goals.contains(&goal);
                        let onclick = edit(form, move |input: &mut CarePlanInput, _: MouseEvent| {
                            if let Some(planned) = input.items.get_mut(index) {
                                if let Some(at) = planned.goals.iter().position(|held| *held == goal) {
                                    planned.goals.remove(at);
                                } else {
                                    planned.goals.push(goal);
                                }
                            }
                        });
                        let label = if text.is_empty() { format!("Goal {}", position + 1) } else { text.clone() };
                        html! {
                            <button type="button" aria-pressed={on.to_string()}
                                class={classes!("chip", on.then_some("on"))} {onclick}>{ label }</button>
                        }
                    }) }
                </div>
            }
            if let Some(text) = goal_error {
                <p class="field-message" role="alert">{ text }</p>
            }
        </fieldset>
    }
}

/// The library, by category, each item one tap to add, except items whose
/// precautions match the client's alerts today: those say which alerts
/// ("Not with: …") and are added only with a second, confirming tap.
fn library_picker(
    form: &UseReducerHandle<FormInput<CarePlanInput>>,
    entries: &[LibraryEntry],
    conflicts: &[Conflict<'_>],
    confirming: &UseStateHandle<Option<LibraryKey>>,
) -> Html {
    let chosen: Vec<_> = form
        .0
        .items
        .iter()
        .filter_map(|planned| planned.source.clone())
        .collect();
    html! {
        <aside class="care-library-picker" aria-labelledby="picker-title">
            <h2 id="picker-title">{ "Add from the library" }</h2>
            { for by_category(entries).into_iter().map(|(category, group)| {
                html! {
                    <section class="library-group">
                        <h3>{ category.to_string() }</h3>
                        <ul class="library-rows">
                            { for group.into_iter().map(|entry| {
                                let added = chosen.contains(&entry.key);
                                let not_with: Option<Vec<String>> = conflicts
                                    .iter()
                                    .find(|conflict| conflict.entry.key == entry.key)
                                    .map(|conflict| conflict.alerts.iter().map(|alert| alert.name.clone()).collect());
                                let add = {
                                    let planned = PlannedItemInput {
                                        item: entry.item.to_input(),
                                        source: Some(entry.key.clone()),
                                        goals: Vec::new(),
                                    };
                                    let confirming = confirming.clone();
                                    edit(form, move |input: &mut CarePlanInput, _: MouseEvent| {
                                        input.items.push(planned.clone());
                                        confirming.set(None);
                                    })
                                };
                                let asking = confirming.as_ref() == Some(&entry.key);
                                let onclick = match &not_with {
                                    Some(_) => {
                                        let confirming = confirming.clone();
                                        let key = entry.key.clone();
                                        Callback::from(move |_: MouseEvent| confirming.set(Some(key.clone())))
                                    }
                                    None => add.clone(),
                                };
                                let title = entry.item.title();
                                let flag_id = match &entry.key {
                                    LibraryKey::Builtin(key) => format!("not-with-{key}"),
                                    LibraryKey::Own(id) => format!("not-with-{id}"),
                                };
                                html! {
                                    <li>
                                        <button type="button" class={classes!("library-row", not_with.is_some().then_some("flagged"))}
                                            disabled={added} {onclick} aria-expanded={not_with.is_some().then(|| asking.to_string())}
                                            aria-label={format!("Add {title}")}
                                            aria-describedby={not_with.is_some().then(|| flag_id.clone())}>
                                            <span class="library-title">{ title }</span>
                                            <span class="muted">{ if added { "Added".to_owned() } else { entry.item.schedule().to_string() } }</span>
                                            if let Some(names) = &not_with {
                                                <span class="library-flag" id={flag_id.clone()}><IconView icon={Icon::Warning} />{ format!("Not with: {}", names.join("; ")) }</span>
                                            }
                                        </button>
                                        if asking && !added {
                                            <div class="library-confirm" role="group" aria-label={format!("Add {title} despite the alerts?")}>
                                                <p>{ format!("The client's alerts advise against “{title}”. Add it anyway?") }</p>
                                                <div class="actions start">
                                                    <button type="button" class="button" onclick={ let confirming = confirming.clone(); Callback::from(move |_| confirming.set(None)) }>{ "Don't add" }</button>
                                                    <button type="button" class="button danger-outline" onclick={add}>{ "Add anyway" }</button>
                                                </div>
                                            </div>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }
            }) }
            <Link<Route> to={Route::CareLibrary} classes="button">{ "Edit the library" }</Link<Route>>
        </aside>
    }
}

/// Properties of [`CareAdherence`].
#[derive(Properties, PartialEq)]
pub struct CareAdherenceProps {
    /// The client whose adherence is shown.
    pub client: RecordId,
}

/// The share of the current plan done each week, from the client's
/// diaries, newest week first.
#[function_component(CareAdherence)]
pub fn care_adherence(props: &CareAdherenceProps) -> Html {
    let app = use_app();
    let care = use_care_records(props.client);
    let today = app.services.today();
    let id = props.client.to_string();
    let body = match &care {
        None => html! { <p class="muted" aria-busy="true">{ "Reading the diary…" }</p> },
        Some(care) => match current_care_plan(&care.plans, props.client) {
            None => html! { <p class="muted">{ "No self-care plan yet." }</p> },
            Some(plan) => {
                let diaries: Vec<_> = care
                    .diaries
                    .iter()
                    .filter(|diary| diary.plan() == plan.id())
                    .collect();
                if diaries.is_empty() {
                    html! { <p class="muted">{ "No diary received yet." }</p> }
                } else {
                    let weeks = weekly_adherence(plan, &diaries, today);
                    html! {
                        <ul class="adherence-list">
                            { for weeks.iter().rev().map(|week| {
                                let percent = week.percent().unwrap_or(0);
                                let words = format!(
                                    "Week of {}: {} of {} planned — {percent} %",
                                    format::day_month(week.starts), week.done, week.due
                                );
                                html! {
                                    <li class="adherence-week">
                                        <span>{ words }</span>
                                        <svg class="adherence-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
                                            <rect class="track" width="100" height="8" rx="4" />
                                            <rect class="done" width={percent.min(100).to_string()} height="8" rx="4" />
                                        </svg>
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                }
            }
        },
    };
    html! {
        <section class="record-section" aria-labelledby="adherence-heading">
            <h2 id="adherence-heading">{ "Self-care" }</h2>
            { body }
            <div class="actions start">
                <Link<Route> to={Route::CarePlan { id: id.clone() }} classes="button">{ "Self-care plan" }</Link<Route>>
                <Link<Route> to={Route::ClientDiary { id }} classes="button">{ "Import diary" }</Link<Route>>
                <HandToClient client={props.client} />
            </div>
        </section>
    }
}
