//! Client mode: the same app on the client's own phone, showing only their
//! self-care plan and their diary of it.
//!
//! [`ClientModeStart`] is the way in, offered only on a device with no
//! practice data. Once a plan file is open, the root renders
//! [`ClientModePage`] instead of the router, so no address reaches the
//! therapist's screens. The page: the plan's greeting, the day's checklist
//! (saved as each tick, rating or note is made), the last two weeks to
//! catch up or correct, the plan in large type, sending the diary, opening
//! a newer plan, and leaving client mode.

use std::rc::Rc;

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::selfcare::care_file::{DiaryFile, PlanFile};
use stillpoint_core::selfcare::diary::{DayInput, Diary};
use stillpoint_core::selfcare::phone::{ClientPhone, CORRECTABLE_DAYS};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::components::file_drop::FileDrop;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::components::notice::NoticeBar;
use stillpoint_ui::components::scale::Scale;
use stillpoint_ui::components::update_banner::UpdateBanner;
use stillpoint_ui::context::{use_app, AppContext};
use stillpoint_ui::format;
use stillpoint_ui::hooks::{edit, FormInput};
use stillpoint_ui::platform;
use stillpoint_ui::state::{Action, Notice};

const DIARY_MIME: &str = "application/json";

/// Opens a picked plan file on this device, showing what went wrong in
/// `failure`; on success the root switches to (or stays in) client mode.
fn open_plan(
    app: &AppContext,
    failure: UseStateHandle<Option<String>>,
) -> Callback<(String, Result<Vec<u8>, String>)> {
    let app = app.clone();
    Callback::from(move |(_, read): (String, Result<Vec<u8>, String>)| {
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(message) => return failure.set(Some(message)),
        };
        let app = app.clone();
        let failure = failure.clone();
        spawn_local(async move {
            let current = app.state.client_phone.clone();
            match app.services.open_own_plan(current.as_deref(), &bytes).await {
                Ok(phone) => {
                    failure.set(None);
                    let replaced = current.is_some();
                    app.dispatch(Action::ClientPhone(Some(Rc::new(phone))));
                    if replaced {
                        app.dispatch(Action::Notify(Notice::Saved(
                            "Your new plan is open. Its diary starts today.".into(),
                        )));
                    }
                }
                Err(error) => failure.set(Some(error.message())),
            }
        });
    })
}

/// The way into client mode, on a device that holds no practice records.
#[function_component(ClientModeStart)]
pub fn client_mode_start() -> Html {
    let app = use_app();
    let failure = use_state(|| None::<String>);
    let on_file = open_plan(&app, failure.clone());
    let body = if app.state.clients.is_empty() {
        html! {
            <>
                <p>{ "Your therapist gave you a self-care plan file (it ends in .json). Open it here and this phone shows your plan, \
                     lets you tick off what you did each day, and makes a small diary file to send back." }</p>
                <p class="muted">{ "Your plan stays on this phone. Nothing is sent anywhere unless you send it." }</p>
                <FileDrop id="own-plan-file" prompt="Drop your plan file here, or" button="Choose my plan file…" {on_file} />
                if let Some(message) = &*failure {
                    <p class="form-summary" role="alert">{ message.clone() }</p>
                }
            </>
        }
    } else {
        html! {
            <p>{ "This device holds a practice's client records, so it stays the therapist's device. \
                 Client mode is for the client's own phone." }</p>
        }
    };
    html! {
        <article class="page client-mode-start">
            <Link<Route> to={Route::Clients} classes="back-link">
                <IconView icon={Icon::Back} /><span>{ "Clients" }</span>
            </Link<Route>>
            <h1>{ "Open my self-care plan" }</h1>
            { body }
        </article>
    }
}

/// Everything a client's phone shows.
#[function_component(ClientModePage)]
pub fn client_mode_page() -> Html {
    let app = use_app();
    let today = app.services.today();
    let chosen = use_state(|| today);
    let Some(phone) = app.state.client_phone.clone() else {
        return html! {};
    };
    let days = phone.days_to_log(today);
    let date = days
        .contains(&*chosen)
        .then_some(*chosen)
        .or_else(|| days.first().copied());
    let file = phone.plan();
    let mut meta = format!(
        "For {} · written {}",
        file.client_name.trim(),
        format::date(file.plan.written())
    );
    if !file.from.trim().is_empty() {
        meta.push_str(&format!(" by {}", file.from.trim()));
    }
    let choose = {
        let chosen = chosen.clone();
        Callback::from(move |day: CalendarDate| chosen.set(day))
    };
    html! {
        <main id="main" class="phone" tabindex="-1">
            <UpdateBanner />
            <header class="phone-header">
                <p class="phone-brand">{ "Stillpoint · my self-care" }</p>
                <h1>{ "Your self-care plan" }</h1>
                <p class="muted">{ meta }</p>
                if !file.plan.message().is_empty() {
                    <p class="phone-message">{ file.plan.message() }</p>
                }
            </header>
            if let Some(date) = date {
                // Keyed by diary and day: a newer plan or another day starts
                // the form afresh from what is stored.
                <DayForm key={format!("{}-{date}", phone.diary().id())} phone={phone.clone()} {date} {today} />
                <RecentDays phone={phone.clone()} days={days.clone()} chosen={date} on_choose={choose} {today} />
            } else {
                <p class="phone-card">{ format!("This plan starts on {}. Come back then to tick off your first day.",
                    format::date(file.plan.written())) }</p>
            }
            <PlanItems file={file.clone()} />
            <SendDiary phone={phone.clone()} {today} />
            <NewerPlan />
            <LeaveClientMode {phone} />
            <NoticeBar />
        </main>
    }
}

/// "Today", "Yesterday" or the date.
fn day_name(date: CalendarDate, today: CalendarDate) -> String {
    if date == today {
        "Today".to_owned()
    } else if today.plus_days(-1) == Some(date) {
        "Yesterday".to_owned()
    } else {
        format::date(date)
    }
}

/// Where saving the day stands.
#[derive(Clone, PartialEq)]
enum Saving {
    Idle,
    Busy,
    Done,
    Failed(String),
}

#[derive(Properties, PartialEq)]
struct DayFormProps {
    phone: Rc<ClientPhone>,
    date: CalendarDate,
    today: CalendarDate,
}

/// One day's checklist, rating and note, written as each is made.
#[function_component(DayForm)]
fn day_form(props: &DayFormProps) -> Html {
    let app = use_app();
    let form = use_reducer(|| FormInput(props.phone.day_input(props.date)));
    let note = use_state(|| form.0.note.clone());
    let saving = use_state(|| Saving::Idle);
    {
        let app = app.clone();
        let saving = saving.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(form.0.clone(), move |input: &DayInput| {
            if first.replace(false) {
                return;
            }
            let input = input.clone();
            saving.set(Saving::Busy);
            spawn_local(async move {
                let Some(phone) = app.state.client_phone.clone() else {
                    return;
                };
                match app.services.log_day(&phone, &input).await {
                    Ok(logged) => {
                        app.dispatch(Action::ClientPhone(Some(Rc::new(logged))));
                        saving.set(Saving::Done);
                    }
                    Err(error) => saving.set(Saving::Failed(error.message())),
                }
            });
        });
    }
    let items = props.phone.plan().plan.items();
    let on_rating = edit(&form, |input: &mut DayInput, rating: Option<u8>| {
        input.symptoms = rating
    });
    let on_note_input = {
        let note = note.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                note.set(area.value());
            }
        })
    };
    let on_note_done = {
        let commit = edit(&form, |input: &mut DayInput, text: String| {
            input.note = text
        });
        let note = note.clone();
        Callback::from(move |_: Event| commit.emit((*note).clone()))
    };
    let status = match &*saving {
        Saving::Idle => {
            html! { <p class="save-state muted" role="status">{ "Each tick is saved on this phone as you make it." }</p> }
        }
        Saving::Busy => html! { <p class="save-state muted" role="status">{ "Saving…" }</p> },
        Saving::Done => {
            html! { <p class="save-state" role="status">{ "Saved on this phone." }</p> }
        }
        Saving::Failed(message) => {
            html! { <p class="form-summary" role="alert">{ message.clone() }</p> }
        }
    };
    let heading = day_name(props.date, props.today);
    html! {
        <section class="phone-card day-form" aria-labelledby="day-title">
            <h2 id="day-title">{ heading }</h2>
            <fieldset class="ticks">
                <legend>{ "What did you do?" }</legend>
                { for items.iter().enumerate().map(|(position, planned)| {
                    let position = position as u8;
                    let checked = form.0.done.contains(&position);
                    let onclick = edit(&form, move |input: &mut DayInput, _: MouseEvent| {
                        if !input.done.remove(&position) {
                            input.done.insert(position);
                        }
                    });
                    html! {
                        <button type="button" role="checkbox" aria-checked={checked.to_string()}
                            class={classes!("tick-row", checked.then_some("on"))} {onclick}>
                            <span class="tick-box" aria-hidden="true">{ if checked { "✓" } else { "" } }</span>
                            <span class="tick-text">
                                <span class="tick-title">{ planned.item().title() }</span>
                                <span class="tick-when">{ planned.item().schedule().to_string() }</span>
                            </span>
                        </button>
                    }
                }) }
            </fieldset>
            <Scale id="day-symptoms" label="How were your symptoms?" ends={Some((AttrValue::from("0 none"), AttrValue::from("10 worst")))}
                value={form.0.symptoms} on_change={on_rating} />
            <label for="day-note" class="field-label">{ "Note (optional)" }</label>
            <textarea id="day-note" rows="3" value={(*note).clone()} oninput={on_note_input} onchange={on_note_done} />
            { status }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RecentDaysProps {
    phone: Rc<ClientPhone>,
    days: Vec<CalendarDate>,
    chosen: CalendarDate,
    on_choose: Callback<CalendarDate>,
    today: CalendarDate,
}

/// The last two weeks, each with what was logged; tap one to correct it.
#[function_component(RecentDays)]
fn recent_days(props: &RecentDaysProps) -> Html {
    let planned = props.phone.plan().plan.items().len();
    html! {
        <section class="phone-card" aria-labelledby="recent-title">
            <h2 id="recent-title">{ format!("Last {CORRECTABLE_DAYS} days") }</h2>
            <p class="muted">{ "Forgot a day, or want to change one? Tap it." }</p>
            <ul class="recent-days">
                { for props.days.iter().map(|date| {
                    let summary = match props.phone.diary().day(*date) {
                        None => "Nothing logged".to_owned(),
                        Some(entry) => {
                            let mut text = format!("{} of {planned} done", entry.done().len());
                            if let Some(rating) = entry.symptoms() {
                                text.push_str(&format!(" · symptoms {}", rating.value()));
                            }
                            if !entry.note().is_empty() {
                                text.push_str(" · note");
                            }
                            text
                        }
                    };
                    let current = *date == props.chosen;
                    let onclick = {
                        let on_choose = props.on_choose.clone();
                        let date = *date;
                        Callback::from(move |_| on_choose.emit(date))
                    };
                    html! {
                        <li>
                            <button type="button" class={classes!("day-row", current.then_some("current"))}
                                aria-pressed={current.to_string()} {onclick}>
                                <span class="day-name">{ day_name(*date, props.today) }</span>
                                <span class="muted">{ summary }</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PlanItemsProps {
    file: PlanFile,
}

/// The plan's items in large type: when, how, care, and when to stop.
#[function_component(PlanItems)]
fn plan_items(props: &PlanItemsProps) -> Html {
    html! {
        <section class="phone-plan" aria-labelledby="plan-title">
            <h2 id="plan-title">{ "Your plan" }</h2>
            { for props.file.plan.items().iter().map(|planned| {
                let item = planned.item();
                let goals: Vec<&str> = planned.goals().iter()
                    .filter_map(|goal| props.file.goals.get(usize::from(*goal)))
                    .map(String::as_str)
                    .collect();
                html! {
                    <article class="phone-item">
                        <h3>{ item.title() }</h3>
                        <p class="phone-when">{ item.when() }</p>
                        if !goals.is_empty() {
                            <p class="muted">{ format!("Helps with: {}", goals.join("; ")) }</p>
                        }
                        <h4>{ "How to do it" }</h4>
                        <p>{ item.how_to() }</p>
                        if !item.precautions().is_empty() {
                            <h4>{ "Take care" }</h4>
                            <p>{ item.precautions() }</p>
                        }
                        if !item.stop_and_call().is_empty() {
                            <div class="phone-stop">
                                <h4>{ "Stop and call if" }</h4>
                                <p>{ item.stop_and_call() }</p>
                            </div>
                        }
                    </article>
                }
            }) }
            <p class="muted">{ "This plan is for you alone. If anything feels wrong, stop and get in touch. \
                In an emergency, call your local emergency number." }</p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SendDiaryProps {
    phone: Rc<ClientPhone>,
    today: CalendarDate,
}

/// Saving or sharing a diary as a file for the therapist.
fn send_buttons(diary: &Diary, name: String, label: &str, app: &AppContext) -> Html {
    let bytes = DiaryFile::new(diary.clone()).to_bytes();
    let shareable = platform::can_share_file(&bytes, &name, DIARY_MIME);
    let download = {
        let (bytes, name, app) = (bytes.clone(), name.clone(), app.clone());
        Callback::from(move |_| {
            if let Err(message) = platform::save_file(&bytes, &name, DIARY_MIME) {
                app.dispatch(Action::Notify(Notice::Error(message)));
            }
        })
    };
    let share = {
        let app = app.clone();
        Callback::from(move |_| {
            let (bytes, name, app) = (bytes.clone(), name.clone(), app.clone());
            spawn_local(async move {
                if let Err(message) = platform::share_file(&bytes, &name, DIARY_MIME).await {
                    app.dispatch(Action::Notify(Notice::Error(message)));
                }
            });
        })
    };
    html! {
        <div class="actions start">
            if shareable {
                <button type="button" class="button primary" onclick={share}>{ format!("Share {label}…") }</button>
            }
            <button type="button" class={if shareable { "button" } else { "button primary" }} onclick={download}>
                { format!("Save {label} as a file") }
            </button>
        </div>
    }
}

/// "Send my diary to my therapist", and earlier plans' diaries.
#[function_component(SendDiary)]
fn send_diary(props: &SendDiaryProps) -> Html {
    let app = use_app();
    let diary = props.phone.diary();
    let logged = diary.days().count();
    html! {
        <section class="phone-card" aria-labelledby="send-title">
            <h2 id="send-title">{ "Send my diary to my therapist" }</h2>
            <p>{ format!("Your diary has {logged} day{} logged. It makes a small file: send it by message or email, \
                or bring it to your next visit.", if logged == 1 { "" } else { "s" }) }</p>
            { send_buttons(diary, format!("self-care-diary-{}.json", props.today), "my diary", &app) }
            { for props.phone.earlier_diaries().map(|earlier| {
                let first = earlier.days().next().map(|(date, _)| format::date(date)).unwrap_or_default();
                html! {
                    <div class="earlier-diary">
                        <p>{ format!("Diary of your earlier plan ({} days from {first})", earlier.days().count()) }</p>
                        { send_buttons(earlier, format!("self-care-diary-earlier-{}.json", earlier.id()), "the earlier diary", &app) }
                    </div>
                }
            }) }
        </section>
    }
}

/// Opening a newer plan file the therapist sends later.
#[function_component(NewerPlan)]
fn newer_plan() -> Html {
    let app = use_app();
    let failure = use_state(|| None::<String>);
    let on_file = open_plan(&app, failure.clone());
    html! {
        <section class="phone-card" aria-labelledby="newer-title">
            <h2 id="newer-title">{ "Got a new plan?" }</h2>
            <p class="muted">{ "Open the new file here. It replaces this plan and starts a new diary; you can still send the old diary." }</p>
            <FileDrop id="newer-plan-file" prompt="Drop the new plan file here, or" button="Open a new plan file…" {on_file} />
            if let Some(message) = &*failure {
                <p class="form-summary" role="alert">{ message.clone() }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LeaveProps {
    phone: Rc<ClientPhone>,
}

/// Leaving client mode, after a confirmation: the plan and diaries go.
#[function_component(LeaveClientMode)]
fn leave_client_mode(props: &LeaveProps) -> Html {
    let app = use_app();
    let confirming = use_state(|| false);
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let keep = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let leave = {
        let phone = props.phone.clone();
        Callback::from(move |_| {
            let (app, phone) = (app.clone(), phone.clone());
            spawn_local(async move {
                match app.services.leave_client_mode(&phone).await {
                    Ok(()) => platform::restart_at("/"),
                    Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
                }
            });
        })
    };
    html! {
        <section class="phone-leave" aria-labelledby="leave-title">
            <h2 id="leave-title">{ "Giving this phone back?" }</h2>
            if *confirming {
                <div class="confirm" role="alertdialog" aria-labelledby="leave-confirm-title" aria-describedby="leave-confirm-text">
                    <h3 id="leave-confirm-title">{ "Remove your plan and diary from this phone?" }</h3>
                    <p id="leave-confirm-text">{ "Send your diary to your therapist first: once removed, it cannot be brought back." }</p>
                    <div class="actions">
                        <button type="button" class="button" onclick={keep}>{ "Keep my plan" }</button>
                        <button type="button" class="button danger" onclick={leave}>{ "Remove plan and diary" }</button>
                    </div>
                </div>
            } else {
                <button type="button" class="button danger-outline" onclick={ask}>{ "Leave client mode…" }</button>
            }
        </section>
    }
}
