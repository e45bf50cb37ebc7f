//! What every screen about one client's clinical record receives, apart
//! from the page that finds the client and picks the screen, so the screens
//! and that page do not import each other.

use std::rc::Rc;

use stillpoint_core::clients::client::Client;
use stillpoint_ui::records::ClientRecords;
use yew::prelude::*;

/// Properties every clinical screen receives.
#[derive(Properties, PartialEq)]
pub struct ClinicalProps {
    /// The client.
    pub client: Client,
    /// Their records.
    pub records: Rc<ClientRecords>,
}
