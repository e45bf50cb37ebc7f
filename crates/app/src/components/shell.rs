//! The frame around every page: a navigation rail in landscape, a bottom tab
//! bar in portrait (the stylesheet picks), the update banner and notices.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::icons::{Icon, IconView};
use crate::components::notice::NoticeBar;
use crate::components::update_banner::UpdateBanner;
use crate::context::use_app;
use crate::pages::care_library::CareLibraryPage;
use crate::pages::client_view::{LockedClientView, QuestionnaireHandover};
use crate::pages::clients::{ClientsSection, Selection};
use crate::pages::clinical::{ClinicalPage, ClinicalView};
use crate::pages::custom_instrument::CustomInstrumentPage;
use crate::pages::diary_import::DiaryPage;
use crate::pages::not_found::NotFound;
use crate::pages::practice::PracticePage;
use crate::pages::screening_rules::ScreeningRulesPage;
use crate::pages::settings::SettingsPage;
use crate::pages::sync::SyncPage;
use crate::pages::today::TodayPage;
use crate::routes::Route;

/// The four sections, in navigation order.
const SECTIONS: [(Route, &str, Icon); 4] = [
    (Route::Clients, "Clients", Icon::Clients),
    (Route::Today, "Today", Icon::Today),
    (Route::Sync, "Sync & backup", Icon::Sync),
    (Route::Settings, "Settings", Icon::Settings),
];

fn section_of(route: &Route) -> Route {
    match route {
        Route::Home
        | Route::Clients
        | Route::NewClient
        | Route::Client { .. }
        | Route::EditClient { .. }
        | Route::ClientPlan { .. }
        | Route::ClientProgress { .. }
        | Route::CarePlan { .. }
        | Route::RecordMeasure { .. }
        | Route::Questionnaire { .. }
        | Route::NewIntake { .. }
        | Route::Intake { .. }
        | Route::Session { .. }
        | Route::PrintRecord { .. }
        | Route::ClientDiary { .. } => Route::Clients,
        Route::PracticeOutcomes
        | Route::NewInstrument
        | Route::CareLibrary
        | Route::ScreeningRules => Route::Settings,
        other => other.clone(),
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home | Route::Clients => html! { <ClientsSection selection={Selection::None} /> },
        Route::NewClient => html! { <ClientsSection selection={Selection::New} /> },
        Route::Client { id } => html! { <ClientsSection selection={Selection::View(id.into())} /> },
        Route::EditClient { id } => {
            html! { <ClientsSection selection={Selection::Edit(id.into())} /> }
        }
        Route::ClientPlan { id } => {
            html! { <ClientsSection selection={Selection::Plan(id.into())} /> }
        }
        Route::ClientProgress { id } => {
            html! { <ClientsSection selection={Selection::Progress(id.into())} /> }
        }
        Route::CarePlan { id } => {
            html! { <ClientsSection selection={Selection::CarePlan(id.into())} /> }
        }
        Route::CareLibrary => html! { <CareLibraryPage /> },
        Route::RecordMeasure { id, instrument } => html! {
            <ClientsSection selection={Selection::Measure(id.into(), instrument.into())} />
        },
        Route::Questionnaire { id, instrument } => html! {
            <QuestionnaireHandover id={AttrValue::from(id)} instrument={AttrValue::from(instrument)} />
        },
        Route::PracticeOutcomes => html! { <PracticePage /> },
        Route::NewInstrument => html! { <CustomInstrumentPage /> },
        Route::NewIntake { id } => {
            html! { <ClinicalPage client={id} view={ClinicalView::NewIntake} /> }
        }
        Route::Intake { id, intake } => {
            html! { <ClinicalPage client={id} view={ClinicalView::Intake(intake.into())} /> }
        }
        Route::Session { id, session } => {
            html! { <ClinicalPage client={id} view={ClinicalView::Session(session.into())} /> }
        }
        Route::PrintRecord { id } => {
            html! { <ClinicalPage client={id} view={ClinicalView::Print} /> }
        }
        Route::ClientDiary { id } => html! { <DiaryPage id={AttrValue::from(id)} /> },
        Route::Today => html! { <TodayPage /> },
        Route::Sync => html! { <SyncPage /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::ScreeningRules => html! { <ScreeningRulesPage /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

/// Navigation plus the routed page.
#[function_component(Shell)]
pub fn shell() -> Html {
    let app = use_app();
    let route = use_route::<Route>().unwrap_or(Route::NotFound);
    let current = section_of(&route);
    let navigator = use_navigator();
    if let Some(client) = app.state.self_care.client_view {
        // Handed to a client (by "Hand to client" or "Client fills in …",
        // in this tab or another): whatever the address, only their view
        // shows until the therapist's PIN is typed.
        return html! {
            <main id="main" class="client-view" tabindex="-1">
                <LockedClientView {client} />
                <NoticeBar />
            </main>
        };
    }
    html! {
        <div class="shell">
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <nav class="nav" aria-label="Sections">
                <p class="nav-brand" aria-hidden="true">{ "Stillpoint" }</p>
                <ul>
                    { for SECTIONS.iter().map(|(target, label, icon)| {
                        let active = *target == current;
                        let onclick = {
                            let navigator = navigator.clone();
                            let target = target.clone();
                            Callback::from(move |event: MouseEvent| {
                                event.prevent_default();
                                if let Some(navigator) = &navigator {
                                    navigator.push(&target);
                                }
                            })
                        };
                        html! {
                            <li>
                                <a href={target.to_path()} {onclick}
                                   class={classes!("nav-item", active.then_some("active"))}
                                   aria-current={active.then_some("page")}>
                                    <IconView icon={*icon} />
                                    <span>{ *label }</span>
                                </a>
                            </li>
                        }
                    }) }
                </ul>
            </nav>
            <main id="main" class="content" tabindex="-1">
                <UpdateBanner />
                <Switch<Route> render={switch} />
            </main>
            <NoticeBar />
        </div>
    }
}
