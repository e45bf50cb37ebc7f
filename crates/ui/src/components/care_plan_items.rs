//! A self-care plan's items as the client reads them, on the tablet's
//! locked client view and in the therapist's plan page alike.

use stillpoint_core::selfcare::care_file::PlanFile;
use yew::prelude::*;

/// A plan's items as the client reads them: what, how often and how long,
/// how, precautions, when to stop and call, and the goals each serves.
pub fn plan_items(file: &PlanFile) -> Html {
    let plan = &file.plan;
    html! {
        <div class="care-plan-view">
            if !plan.message().is_empty() {
                <p class="care-message preformatted">{ plan.message() }</p>
            }
            <ol class="care-items-list">
                { for plan.items().iter().map(|planned| {
                    let item = planned.item();
                    let goals: Vec<&str> = planned
                        .goals()
                        .iter()
                        .filter_map(|goal| file.goals.get(usize::from(*goal)))
                        .map(String::as_str)
                        .filter(|text| !text.is_empty())
                        .collect();
                    html! {
                        <li class="care-item-card">
                            <h3>{ item.title() }</h3>
                            <p class="care-when">{ item.when() }</p>
                            <p class="preformatted">{ item.how_to() }</p>
                            if !item.precautions().is_empty() {
                                <p class="preformatted"><strong>{ "Take care: " }</strong>{ item.precautions() }</p>
                            }
                            if !item.stop_and_call().is_empty() {
                                <p class="preformatted care-stop"><strong>{ "Stop and call if: " }</strong>{ item.stop_and_call() }</p>
                            }
                            if !goals.is_empty() {
                                <p class="muted">{ format!("Helps with: {}", goals.join("; ")) }</p>
                            }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
