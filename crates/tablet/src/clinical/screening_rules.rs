//! The printable "Screening rules" page (under Settings): every rule the
//! alerts come from, built-in and the therapist's own, with what raises it,
//! the work it concerns, its level and window, what to do, and its source,
//! so a therapist, an insurer or a supervisor can read and question exactly
//! what the app screens for. Each rule is a card of label–value pairs that
//! reflows to one column in portrait: no table to scroll sideways.

use stillpoint_core::clinical::contraindication_rules::{rule_rows, RuleRow};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::session_view::{print, print_header};
use crate::routes::Route;
use stillpoint_ui::components::alerts::{level_class, level_icon};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::hooks::use_read;

/// One rule as a card.
fn rule_card(row: &RuleRow) -> Html {
    let fact = |label: &str, value: String| {
        html! { <div class="detail-row"><dt>{ label.to_owned() }</dt><dd>{ value }</dd></div> }
    };
    html! {
        <li class={classes!("alert", "rule-card", level_class(row.level))}>
            <p class="alert-level"><IconView icon={level_icon(row.level)} /><span>{ row.level.label() }</span></p>
            <h3 class="alert-name">{ row.name.clone() }</h3>
            <dl class="details rule-facts">
                { fact("Raised by", row.condition.clone()) }
                { fact("Treatment", row.treatment.to_owned()) }
                { fact("When", row.window.clone()) }
                { fact("What to do", row.action.clone()) }
                { fact("Source", row.source.clone()) }
            </dl>
        </li>
    }
}

/// The rules page.
#[function_component(ScreeningRulesPage)]
pub fn screening_rules_page() -> Html {
    let app = use_app();
    let own = use_read((), |services, ()| async move { services.rules().await });
    let rows = rule_rows(own.as_deref().map_or(&[], Vec::as_slice));
    let (own_rows, built_in): (Vec<&RuleRow>, Vec<&RuleRow>) = rows.iter().partition(|row| row.own);
    html! {
        <div class="page rules-page">
            { print_header(&app.state.settings.practice_name, &format::date(app.services.today())) }
            <Link<Route> to={Route::Settings} classes="back-link">
                <IconView icon={Icon::Back} /><span>{ "Settings" }</span>
            </Link<Route>>
            <h1>{ "Screening rules" }</h1>
            <p>{ "Every rule the alerts come from. An alert is raised when any one of the answers named under “Raised by” is in the intake or in the client's answer at the start of a session." }</p>
            <div class="actions start">
                <button type="button" class="button with-icon" onclick={print()}>
                    <IconView icon={Icon::Print} /><span>{ "Print" }</span>
                </button>
            </div>
            <section aria-labelledby="own-rules-heading">
                <h2 id="own-rules-heading" class="section-title">{ "Your own rules" }</h2>
                if own.is_none() {
                    <p class="muted">{ "Reading your rules…" }</p>
                } else if own_rows.is_empty() {
                    <p class="muted">{ "None yet. Add them in Settings, under “Your own contraindication rules”." }</p>
                } else {
                    <ul class="alerts rule-cards">{ for own_rows.into_iter().map(rule_card) }</ul>
                }
            </section>
            <section aria-labelledby="built-in-heading">
                <h2 id="built-in-heading" class="section-title">{ format!("Built-in rules ({})", built_in.len()) }</h2>
                <ul class="alerts rule-cards">{ for built_in.into_iter().map(rule_card) }</ul>
            </section>
        </div>
    }
}
