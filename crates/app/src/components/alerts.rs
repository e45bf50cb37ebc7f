//! Contraindication alerts as the client page and the session screen show
//! them: always a level word and an icon beside the colour, never colour
//! alone (ui.md), with the intake answers that raised them.

use stillpoint_core::contraindication_rules::{AlertLevel, Practice};
use stillpoint_core::screening::Alert;
use yew::prelude::*;

use crate::components::icons::{Icon, IconView};
use crate::format;

/// The class that colours a level, shared with the print view.
pub fn level_class(level: AlertLevel) -> &'static str {
    match level {
        AlertLevel::DoNotTreat => "level-do-not-treat",
        AlertLevel::Caution => "level-caution",
        AlertLevel::AvoidArea => "level-avoid",
    }
}

fn level_icon(level: AlertLevel) -> Icon {
    match level {
        AlertLevel::DoNotTreat => Icon::Stop,
        AlertLevel::Caution => Icon::Warning,
        AlertLevel::AvoidArea => Icon::Avoid,
    }
}

/// Which work an alert concerns, in words.
pub fn practice_name(practice: Practice) -> &'static str {
    match practice {
        Practice::Cst => "CST",
        Practice::Massage => "Massage",
        Practice::Both => "All hands-on work",
    }
}

/// Properties of [`AlertItem`].
#[derive(Properties, PartialEq)]
pub struct AlertItemProps {
    /// The alert.
    pub alert: Alert,
    /// What follows it: a reason form, or the decision already taken.
    #[prop_or_default]
    pub children: Html,
}

/// One alert: level word and icon, what it says, what raised it.
#[function_component(AlertItem)]
pub fn alert_item(props: &AlertItemProps) -> Html {
    let alert = &props.alert;
    let evidence: Vec<String> = alert
        .evidence
        .iter()
        .map(|found| match found.date {
            Some(date) => format!("{} ({})", found.answer, format::date(date)),
            None => found.answer.clone(),
        })
        .collect();
    let regions: Vec<String> = alert.regions.iter().map(|region| region.name()).collect();
    html! {
        <li class={classes!("alert", level_class(alert.level))}>
            <p class="alert-level">
                <IconView icon={level_icon(alert.level)} />
                <span>{ alert.level.label() }</span>
            </p>
            <p class="alert-name">
                { alert.name.clone() }
                <span class="muted">{ " · " }{ practice_name(alert.practice) }</span>
            </p>
            <p class="alert-evidence muted">
                { "From the intake: " }{ evidence.join("; ") }
                if let Some(window) = alert.recent_within {
                    { format!(" — counts for {window}") }
                }
                if !regions.is_empty() {
                    { format!(". Areas: {}", regions.join(", ")) }
                }
            </p>
            { props.children.clone() }
        </li>
    }
}

/// Properties of [`AlertList`].
#[derive(Properties, PartialEq)]
pub struct AlertListProps {
    /// The alerts, most serious first.
    pub alerts: Vec<Alert>,
}

/// Every alert, or a calm line when there is none.
#[function_component(AlertList)]
pub fn alert_list(props: &AlertListProps) -> Html {
    if props.alerts.is_empty() {
        return html! { <p class="muted">{ "No contraindications from the intake." }</p> };
    }
    html! {
        <ul class="alerts">
            { for props.alerts.iter().map(|alert| html! { <AlertItem alert={alert.clone()} /> }) }
        </ul>
    }
}
