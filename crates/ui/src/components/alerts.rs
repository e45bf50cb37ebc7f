//! Contraindication alerts as the client page and the session screen show
//! them: always a level word and an icon beside the colour, never colour
//! alone (ui.md), with the answers that raised them and what to do.

use stillpoint_core::clinical::contraindication_rules::{AlertLevel, Practice};
use stillpoint_core::clinical::health_history::{AllergenKind, Allergy};
use stillpoint_core::clinical::screening::Alert;
use yew::prelude::*;

use crate::components::icons::{Icon, IconView};
use crate::format;

/// The class that colours a level, shared with the print view.
pub fn level_class(level: AlertLevel) -> &'static str {
    match level {
        AlertLevel::DoNotTreat => "level-do-not-treat",
        AlertLevel::Caution => "level-caution",
        AlertLevel::Check => "level-check",
        AlertLevel::AvoidArea => "level-avoid",
    }
}

/// The icon beside a level's word, shared with the rules pages.
pub fn level_icon(level: AlertLevel) -> Icon {
    match level {
        AlertLevel::DoNotTreat => Icon::Stop,
        AlertLevel::Caution => Icon::Warning,
        AlertLevel::Check => Icon::Ask,
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

/// One alert: level word and icon, what it says, what raised it, what to
/// do, then `body` (a reason form, or the decision already taken).
pub fn alert_item(alert: &Alert, body: Html) -> Html {
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
                { "Raised by: " }{ evidence.join("; ") }
                if let Some(window) = alert.recent_within {
                    { format!(" — counts for {window}") }
                }
                if !regions.is_empty() {
                    { format!(". Areas: {}", regions.join(", ")) }
                }
            </p>
            <p class="alert-advice"><strong>{ "What to do: " }</strong>{ alert.advice.clone() }</p>
            { body }
        </li>
    }
}

/// Every alert, or a calm line when there is none.
pub fn alert_list(alerts: &[Alert]) -> Html {
    if alerts.is_empty() {
        return html! { <p class="muted">{ "No contraindications from the intake." }</p> };
    }
    html! {
        <ul class="alerts">
            { for alerts.iter().map(|alert| alert_item(alert, html! {})) }
        </ul>
    }
}

/// An allergy in words: "Almond oil (oil)".
pub fn allergy_text(allergy: &Allergy) -> String {
    let kind = match allergy.kind {
        AllergenKind::Oil => "oil",
        AllergenKind::Lotion => "lotion or cream",
        AllergenKind::Other => "other",
    };
    format!("{} ({kind})", allergy.substance)
}

/// The client's allergies in one line, on every screen where they are
/// treated, so the oil or lotion is chosen with them in view; nothing when
/// the intake names none.
pub fn allergies_line(allergies: &[Allergy]) -> Html {
    if allergies.is_empty() {
        return html! {};
    }
    let listed: Vec<String> = allergies.iter().map(allergy_text).collect();
    html! {
        <p class="allergies">
            <IconView icon={Icon::Warning} />
            <span><strong>{ "Allergies: " }</strong>{ listed.join(", ") }</span>
        </p>
    }
}
