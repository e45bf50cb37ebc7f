//! "Since last time", the first step of every session: kept in the draft
//! like every section, and screened with the intake as it is typed, so its
//! alerts join the gate at once.

use stillpoint_core::date::CalendarDate;
use stillpoint_core::ids::RecordId;
use stillpoint_core::session_form::{SessionField, SessionInput};
use stillpoint_core::since_last_time::SinceLastTime;
use yew::prelude::*;
use yew_router::prelude::*;

use super::Charting;
use crate::components::icons::{Icon, IconView};
use crate::components::since_last_time::{since_step, SinceEdit, SinceStep};
use crate::routes::Route;

/// Properties of [`SinceSection`].
#[derive(Properties, PartialEq)]
pub struct SinceSectionProps {
    /// The draft's input.
    pub fields: Charting,
    /// The session's day, for the dates the answer asks about.
    pub date: CalendarDate,
    /// The client, for the new intake a lasting change calls for.
    pub client: RecordId,
    /// Called once the answer is "Nothing changed": one tap passes the step.
    pub on_answered: Callback<()>,
}

/// The answer, and a new intake offered when a change will still matter
/// next time.
#[function_component(SinceSection)]
pub fn since_section(props: &SinceSectionProps) -> Html {
    let answer = &props.fields.input().since_last_time;
    let messages = props.fields.messages();
    let errors = props
        .fields
        .problems
        .iter()
        .filter_map(|(field, _)| match field {
            SessionField::SinceLastTime(part) => messages.error(*field).map(|text| (*part, text)),
            _ => None,
        })
        .collect();
    let on_edit = {
        let on_answered = props.on_answered.clone();
        props
            .fields
            .edit(move |input: &mut SessionInput, change: SinceEdit| {
                change(&mut input.since_last_time);
                if input.since_last_time == SinceLastTime::NothingChanged {
                    on_answered.emit(());
                }
            })
    };
    html! {
        <>
            { since_step(SinceStep { answer, on: props.date, errors, on_edit }) }
            if answer.suggests_new_intake() {
                <p class="intake-status due">
                    <IconView icon={Icon::Warning} />
                    <span>{ "This change will still matter next time: the health history is out of date. " }
                        <Link<Route> to={Route::NewIntake { id: props.client.to_string() }}>{ "Take a new intake" }</Link<Route>>
                    </span>
                </p>
            }
        </>
    }
}
