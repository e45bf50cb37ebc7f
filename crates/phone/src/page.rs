//! Everything a client's phone shows once a plan is open: the plan's
//! greeting, the day's checklist and the last two weeks (`day`), the plan
//! in large type, sending the diary, opening a newer plan, and leaving
//! client mode.

use std::rc::Rc;

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::selfcare::care_file::{DiaryFile, PlanFile};
use stillpoint_core::selfcare::diary::Diary;
use stillpoint_core::selfcare::phone::ClientPhone;
use stillpoint_ui::action_runner::{use_action_runner, ActionRunner};
use stillpoint_ui::components::file_drop::FileDrop;
use stillpoint_ui::components::notice::NoticeBar;
use stillpoint_ui::components::update_banner::UpdateBanner;
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::platform;
use stillpoint_ui::refusal::Refusal;
use yew::prelude::*;

use crate::day::{DayForm, RecentDays};
use crate::start::open_plan;

const DIARY_MIME: &str = "application/json";

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
                    <p class="phone-message preformatted">{ file.plan.message() }</p>
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
                        <p class="preformatted">{ item.how_to() }</p>
                        if !item.precautions().is_empty() {
                            <h4>{ "Take care" }</h4>
                            <p class="preformatted">{ item.precautions() }</p>
                        }
                        if !item.stop_and_call().is_empty() {
                            <div class="phone-stop">
                                <h4>{ "Stop and call if" }</h4>
                                <p class="preformatted">{ item.stop_and_call() }</p>
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
fn send_buttons(diary: &Diary, name: String, label: &str, runner: &ActionRunner) -> Html {
    let bytes = DiaryFile::new(diary.clone()).to_bytes();
    let shareable = platform::can_share_file(&bytes, &name, DIARY_MIME);
    let download = {
        let (bytes, name, runner) = (bytes.clone(), name.clone(), runner.clone());
        Callback::from(move |_| {
            let saved = platform::save_file(&bytes, &name, DIARY_MIME).map_err(Refusal::Refused);
            runner.run_action(async move { saved }, |_, ()| {});
        })
    };
    let share = {
        let runner = runner.clone();
        Callback::from(move |_| {
            let (bytes, name) = (bytes.clone(), name.clone());
            runner.run_action(
                async move {
                    platform::share_file(&bytes, &name, DIARY_MIME)
                        .await
                        .map_err(Refusal::Refused)
                },
                |_, ()| {},
            );
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
    let runner = use_action_runner();
    let diary = props.phone.diary();
    let logged = diary.days().count();
    html! {
        <section class="phone-card" aria-labelledby="send-title">
            <h2 id="send-title">{ "Send my diary to my therapist" }</h2>
            <p>{ format!("Your diary has {logged} day{} logged. It makes a small file: send it by message or email, \
                or bring it to your next visit.", if logged == 1 { "" } else { "s" }) }</p>
            { send_buttons(diary, format!("self-care-diary-{}.json", props.today), "my diary", &runner) }
            { for props.phone.earlier_diaries().map(|earlier| {
                let first = earlier.days().next().map(|(date, _)| format::date(date)).unwrap_or_default();
                html! {
                    <div class="earlier-diary">
                        <p>{ format!("Diary of your earlier plan ({} days from {first})", earlier.days().count()) }</p>
                        { send_buttons(earlier, format!("self-care-diary-earlier-{}.json", earlier.id()), "the earlier diary", &runner) }
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
    let runner = use_action_runner();
    let failure = use_state(|| None::<String>);
    let on_file = open_plan(&app, &runner, failure.clone());
    html! {
        <section class="phone-card" aria-labelledby="newer-title">
            <h2 id="newer-title">{ "Got a new plan?" }</h2>
            <p class="muted">{ "Open the new file here. It replaces this plan and starts a new diary; you can still send the old diary." }</p>
            <FileDrop id="newer-plan-file" prompt="Drop the new plan file here, or" button="Open a new plan file…" takes_launched_files=true {on_file} />
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
    let runner = use_action_runner();
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
            let (services, phone) = (app.services.clone(), phone.clone());
            runner.run_action(
                async move { services.leave_client_mode(&phone).await },
                |_, ()| platform::restart_at("/"),
            );
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
