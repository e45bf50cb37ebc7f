//! Every address the app answers. Deep links work offline because the
//! service worker answers any navigation with the cached `index.html`.

use yew_router::prelude::*;

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
