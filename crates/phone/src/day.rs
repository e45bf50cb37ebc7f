//! The days: today's checklist, rating and note (each saved as it is made)
//! and the last two weeks to catch up or correct.

use std::rc::Rc;

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::selfcare::diary::DayInput;
use stillpoint_core::selfcare::phone::{ClientPhone, CORRECTABLE_DAYS};
use stillpoint_ui::components::scale::Scale;
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::hooks::{edit, FormInput};
use stillpoint_ui::state::Action;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

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

/// Properties of [`DayForm`].
#[derive(Properties, PartialEq)]
pub struct DayFormProps {
    /// The plan and diaries held.
    pub phone: Rc<ClientPhone>,
    /// The day shown.
    pub date: CalendarDate,
    /// Today, for naming the day.
    pub today: CalendarDate,
}

/// One day's checklist, rating and note, written as each is made.
#[function_component(DayForm)]
pub fn day_form(props: &DayFormProps) -> Html {
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

/// Properties of [`RecentDays`].
#[derive(Properties, PartialEq)]
pub struct RecentDaysProps {
    /// The plan and diaries held.
    pub phone: Rc<ClientPhone>,
    /// The days that can be logged, newest first.
    pub days: Vec<CalendarDate>,
    /// The day the form shows.
    pub chosen: CalendarDate,
    /// Called with the day tapped.
    pub on_choose: Callback<CalendarDate>,
    /// Today, for naming the days.
    pub today: CalendarDate,
}

/// The last two weeks, each with what was logged; tap one to correct it.
#[function_component(RecentDays)]
pub fn recent_days(props: &RecentDaysProps) -> Html {
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
