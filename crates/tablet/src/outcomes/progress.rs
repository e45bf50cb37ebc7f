//! One client's progress, by the four benefits clients come for (stress;
//! pain at each site; emotional well-being; posture) plus their overall
//! impression of change: a chart and a plain-language sentence per
//! instrument, progress towards each goal of the current plan, and the way
//! to record a new score. Every number and verdict comes from
//! `stillpoint_core::outcomes::progress`.

use stillpoint_core::clients::client::Client;
use stillpoint_core::outcomes::benefit::BenefitArea;
use stillpoint_core::outcomes::instrument::Instrument;
use stillpoint_core::outcomes::plan::current_plan;
use stillpoint_core::outcomes::progress::analyse;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use crate::selfcare::client_view::HandQuestionnaire;
use stillpoint_ui::components::chart::ProgressChart;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::use_measures;

/// The groups the page shows, in order.
const GROUPS: [&str; 5] = [
    "Stress",
    "Pain",
    "Emotional well-being",
    "Posture",
    "Overall change",
];

/// The position in [`GROUPS`] of the group `area` belongs to.
fn group_of(area: BenefitArea) -> usize {
    match area {
        BenefitArea::Stress => 0,
        BenefitArea::Pain(_) => 1,
        BenefitArea::WellBeing => 2,
        BenefitArea::Posture => 3,
        BenefitArea::Global => 4,
    }
}

/// Properties of [`ProgressPage`].
#[derive(Properties, PartialEq)]
pub struct ProgressPageProps {
    /// The client shown.
    pub client: Client,
}

/// Charts, summaries and goal progress for one client.
#[function_component(ProgressPage)]
pub fn progress_page(props: &ProgressPageProps) -> Html {
    let app = use_app();
    let outcomes = &app.state.outcomes;
    let client = props.client.id();
    let client_id = client.to_string();
    let title = html! {
        <>
            <Link<Route> to={Route::Client { id: client_id.clone() }} classes="back-link">
                <IconView icon={Icon::Back} /><span>{ props.client.display_name() }</span>
            </Link<Route>>
            <h1 class="client-title">{ format!("{}: progress", props.client.display_name()) }</h1>
        </>
    };
    let Some(measures) = use_measures(Some(client)) else {
        return html! {
            <article class="progress-page" aria-busy="true">
                { title }
                <p class="muted">{ "Reading scores…" }</p>
            </article>
        };
    };
    let instruments = outcomes.instruments();
    let plan = current_plan(&outcomes.plans, client);
    let measured = |instrument: &Instrument| {
        measures
            .iter()
            .any(|m| m.client() == client && m.instrument() == instrument.reference())
    };

    let goals = match plan {
        None => html! {
            <p class="empty-state">
                { "No treatment plan yet. " }
                <Link<Route> to={Route::ClientPlan { id: client_id.clone() }}>{ "Set a plan" }</Link<Route>>
                { " to track goals here." }
            </p>
        },
        Some(version) => html! {
            <ul class="goal-list">
                { for version.plan().goals().iter().map(|goal| {
                    let instrument = instruments.iter().find(|i| i.reference() == goal.instrument());
                    let Some(instrument) = instrument else { return html! {} };
                    let analysis = analyse(instrument, measures.iter(), client);
                    let unit = instrument.unit();
                    let status = match analysis.goal_progress(goal) {
                        Ok(progress) => format!(
                            "Latest {}: {progress}.", unit.format(progress.latest)
                        ),
                        Err(reason) => reason.to_string(),
                    };
                    let reached = analysis.goal_progress(goal).is_ok_and(|p| p.reached);
                    html! {
                        <li class={classes!("goal", reached.then_some("reached"))}>
                            <p class="goal-name">
                                { if goal.description().is_empty() { instrument.name().to_owned() } else { goal.description().to_owned() } }
                            </p>
                            <p class="muted">{ format!("{}: from {} to {}", instrument.name(),
                                unit.format(goal.baseline()), unit.format(goal.target())) }</p>
                            <p class="goal-status">{ if reached { "✓ " } else { "" } }{ status }</p>
                        </li>
                    }
                }) }
            </ul>
        },
    };

    let groups = GROUPS.iter().enumerate().map(|(group, title)| {
        let holds = |area: BenefitArea| group_of(area) == group;
        let charted: Vec<&Instrument> = instruments
            .iter()
            .filter(|instrument| holds(instrument.area()) && measured(instrument))
            .collect();
        let charts = charted.iter().enumerate().map(|(index, instrument)| {
            let analysis = analyse(instrument, measures.iter(), client);
            let summary_id = format!("summary-{group}-{index}");
            let attention = analysis
                .latest()
                .and_then(|latest| instrument.attention_for(latest.score));
            html! {
                <section class="chart-card" aria-labelledby={format!("{summary_id}-title")}>
                    <h3 id={format!("{summary_id}-title")}>{ instrument.name() }</h3>
                    <ProgressChart instrument={(*instrument).clone()} points={analysis.points.clone()}
                        baseline={analysis.change.ok().map(|change| change.baseline)}
                        described_by={summary_id.clone()} />
                    <p class="chart-summary" id={summary_id}>{ analysis.summary() }</p>
                    if let Some(within) = analysis.within_session_summary() {
                        <p class="chart-summary within-session">{ within }</p>
                    }
                    if let Some(note) = attention {
                        <p class="attention"><IconView icon={Icon::Warning} /><span>{ note }</span></p>
                    }
                </section>
            }
        });
        let record = instruments.iter().filter(|instrument| {
            holds(instrument.area())
                && instruments
                    .iter()
                    .filter(|other| other.id() == instrument.id())
                    .all(|other| other.version() <= instrument.version())
        });
        html! {
            <section class="benefit" aria-labelledby={format!("benefit-{group}")}>
                <h2 id={format!("benefit-{group}")}>{ *title }</h2>
                if charted.is_empty() {
                    <p class="muted">{ "Nothing recorded yet." }</p>
                }
                { for charts }
                <details class="record-menu">
                <summary>{ format!("Record {} scores", title.to_lowercase()) }</summary>
                <div class="record-links">
                    { for record.map(|instrument| {
                        let instrument_id = instrument.id().to_string();
                        let for_client = instrument.client_fills_in();
                        html! {
                            <>
                                <Link<Route> to={Route::RecordMeasure { id: client_id.clone(), instrument: instrument_id.clone() }}
                                    classes="chip record-link">{ format!("Record {}", instrument.name()) }</Link<Route>>
                                if for_client {
                                    <HandQuestionnaire client={client} instrument={instrument.clone()} />
                                }
                            </>
                        }
                    }) }
                </div>
                </details>
            </section>
        }
    });

    html! {
        <article class="progress-page">
            { title }
            <section class="benefit" aria-labelledby="goals-title">
                <h2 id="goals-title">{ "Goals" }</h2>
                { goals }
            </section>
            { for groups }
            <div class="actions bottom-actions">
                <Link<Route> to={Route::ClientPlan { id: client_id }} classes="button">{ "Treatment plan" }</Link<Route>>
            </div>
        </article>
    }
}
