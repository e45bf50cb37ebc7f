//! "Since last time", the first step of every session: kept in the draft
//! like every section, and screened with the intake as it is typed, so its
//! alerts join the gate at once.

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::SessionField;
use stillpoint_core::clinical::since_last_time::SinceLastTime;
use yew::prelude::*;
use yew_router::prelude::*;

use super::Charting;
use crate::routes::Route;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::components::since_last_time::{since_step, SinceEdit, SinceStep};

/// The answer, and a new intake offered when a change will still matter
/// next time.
pub fn since_section(
    fields: &Charting,
    date: CalendarDate,
    client: RecordId,
    on_answered: Callback<()>,
) -> Html {
    let answer = &fields.input().since_last_time;
    let messages = fields.messages();
    let errors = fields
        .problems
        .iter()
        .filter_map(|(field, _)| match field {
            SessionField::SinceLastTime(part) => messages.error(*field).map(|text| (*part, text)),
            _ => None,
        })
        .collect();
    let on_edit = {
        fields.edit(move |input: &mut SessionInput, change: SinceEdit| {
            change(&mut input.since_last_time);
            if input.since_last_time == SinceLastTime::NothingChanged {
                on_answered.emit(());
            }
        })
    };
    html! {
        <>
            { since_step(SinceStep { answer, on: date, errors, on_edit }) }
            if answer.suggests_new_intake() {
                <p class="intake-status due">
                    <IconView icon={Icon::Warning} />
                    <span>{ "This change will still matter next time: the health history is out of date. " }
                        <Link<Route> to={Route::NewIntake { id: client.to_string() }}>{ "Take a new intake" }</Link<Route>>
                    </span>
                </p>
            }
        </>
    }
}
