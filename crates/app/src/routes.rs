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
    /// Today's sessions.
    #[at("/today")]
    Today,
    /// Export, import and backups.
    #[at("/sync")]
    Sync,
    /// Device preferences and storage.
    #[at("/settings")]
    Settings,
    /// Anything else.
    #[not_found]
    #[at("/not-found")]
    NotFound,
}
