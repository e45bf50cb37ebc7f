//! Every address the app answers, and the page each one shows. Deep links work offline because the
//! service worker answers any navigation with the cached `index.html`.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::clients::clients_section::{ClientsSection, Selection};
use crate::clinical::clinical_screens::{ClinicalPage, ClinicalView};
use crate::clinical::today::TodayPage;
use crate::lazy_screens::{LazyPage, LazyScreen};
use crate::not_found::NotFound;
use crate::selfcare::client_view::QuestionnaireHandover;

/// Where the client's phone app lives: its own page and wasm (the
/// `stillpoint-phone` crate), so neither audience downloads the other's
/// screens. The tablet links to it and sends a device in client mode there.
pub const PHONE_APP: &str = "/phone/";

/// The app's routes.
#[derive(Clone, Routable, PartialEq, Eq, Debug)]
pub enum Route {
    /// Start page: the client list.
    #[at("/")]
    Home,
    /// The client list.
    #[at("/clients")]
    Clients,
    /// The new-client form.
    #[at("/clients/new")]
    NewClient,
    /// One client's record.
    #[at("/clients/:id")]
    Client {
        /// The client's id.
        id: String,
    },
    /// Editing one client's details.
    #[at("/clients/:id/edit")]
    EditClient {
        /// The client's id.
        id: String,
    },
    /// One client's treatment plan and its history.
    #[at("/clients/:id/plan")]
    ClientPlan {
        /// The client's id.
        id: String,
    },
    /// One client's progress: charts per instrument and goal progress.
    #[at("/clients/:id/progress")]
    ClientProgress {
        /// The client's id.
        id: String,
    },
    /// Recording a score of one instrument for one client.
    #[at("/clients/:id/measure/:instrument")]
    RecordMeasure {
        /// The client's id.
        id: String,
        /// The instrument's id ("nprs-back").
        instrument: String,
    },
    /// A questionnaire in large type for the client to fill in, showing
    /// nothing else of the record.
    #[at("/clients/:id/questionnaire/:instrument")]
    Questionnaire {
        /// The client's id.
        id: String,
        /// The instrument's id ("who-5").
        instrument: String,
    },
    /// One client's self-care plan: the current one, its history and the
    /// composer.
    #[at("/clients/:id/self-care")]
    CarePlan {
        /// The client's id.
        id: String,
    },
    /// The self-care library: built-in and the therapist's own items.
    #[at("/self-care/library")]
    CareLibrary,
    /// Adding one of the therapist's own instruments.
    #[at("/instruments/new")]
    NewInstrument,
    /// Practice outcomes across all clients.
    #[at("/outcomes")]
    PracticeOutcomes,
    /// A new intake for one client.
    #[at("/clients/:id/intake")]
    NewIntake {
        /// The client's id.
        id: String,
    },
    /// One of a client's intakes, as it was signed.
    #[at("/clients/:id/intakes/:intake")]
    Intake {
        /// The client's id.
        id: String,
        /// The intake's id.
        intake: String,
    },
    /// One session note: the draft being charted, or the signed note.
    #[at("/clients/:id/sessions/:session")]
    Session {
        /// The client's id.
        id: String,
        /// The session's id.
        session: String,
    },
    /// One client's whole record, laid out for printing.
    #[at("/clients/:id/print")]
    PrintRecord {
        /// The client's id.
        id: String,
    },
    /// A client's self-care diaries: import the file they send, see the days.
    #[at("/clients/:id/diary")]
    ClientDiary {
        /// The client's id.
        id: String,
    },
    /// Today's sessions.
    #[at("/today")]
    Today,
    /// Export, import and backups.
    #[at("/sync")]
    Sync,
    /// Device preferences and storage.
    #[at("/settings")]
    Settings,
    /// Every screening rule, built-in and the therapist's own, printable.
    #[at("/settings/screening-rules")]
    ScreeningRules,
    /// Anything else.
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

/// The navigation section an address belongs to, so the rail marks it.
pub(crate) fn section_of(route: &Route) -> Route {
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

/// The page each address shows: the one place that maps routes to pages.
pub(crate) fn switch(route: Route) -> Html {
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
        Route::CareLibrary => html! { <LazyScreen screen={LazyPage::CareLibrary} /> },
        Route::RecordMeasure { id, instrument } => html! {
            <ClientsSection selection={Selection::Measure(id.into(), instrument.into())} />
        },
        Route::Questionnaire { id, instrument } => html! {
            <QuestionnaireHandover id={AttrValue::from(id)} instrument={AttrValue::from(instrument)} />
        },
        Route::PracticeOutcomes => html! { <LazyScreen screen={LazyPage::PracticeOutcomes} /> },
        Route::NewInstrument => html! { <LazyScreen screen={LazyPage::NewInstrument} /> },
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
        Route::ClientDiary { id } => {
            html! { <LazyScreen screen={LazyPage::ClientDiary(AttrValue::from(id))} /> }
        }
        Route::Today => html! { <TodayPage /> },
        Route::Sync => html! { <LazyScreen screen={LazyPage::Sync} /> },
        Route::Settings => html! { <LazyScreen screen={LazyPage::Settings} /> },
        Route::ScreeningRules => html! { <LazyScreen screen={LazyPage::ScreeningRules} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}
