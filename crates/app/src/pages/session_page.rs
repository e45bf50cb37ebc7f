//! One session note: the draft editor while it is unsigned, the read-only
//! signed note (with its amendments) afterwards.

use std::rc::Rc;

use stillpoint_core::client::Client;
use stillpoint_core::ids::RecordId;
use yew::prelude::*;

use crate::pages::session_form::SessionForm;
use crate::pages::session_view::SessionView;
use crate::records::ClientRecords;

/// Properties of [`SessionPage`].
#[derive(Properties, PartialEq)]
pub struct SessionPageProps {
    /// The client.
    pub client: Client,
    /// Their records.
    pub records: Rc<ClientRecords>,
    /// The note's id.
    pub id: RecordId,
}

/// Draft or signed note.
#[function_component(SessionPage)]
pub fn session_page(props: &SessionPageProps) -> Html {
    let client_name: AttrValue = props.client.display_name().to_owned().into();
    if let Some(draft) = props.records.draft(props.id) {
        return html! {
            <SessionForm key={props.id.to_string()} {client_name} records={props.records.clone()} draft={draft.clone()} />
        };
    }
    match props
        .records
        .sessions
        .iter()
        .find(|session| session.id() == props.id)
    {
        Some(session) => html! {
            <SessionView {client_name} session={session.clone()} amendments={props.records.amendments.clone()} />
        },
        None => html! {},
    }
}
