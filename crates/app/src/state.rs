//! The app's state and the pure reducer that changes it.
//!
//! As in Yew's `function_todomvc`, components dispatch [`Action`]s and render
//! [`AppState`]; nothing here touches the browser or the database. The async
//! work that produces actions lives in `services`.

use std::collections::BTreeMap;
use std::rc::Rc;

use stillpoint_core::client::Client;
use stillpoint_core::ids::RecordId;
use yew::Reducible;

use crate::records::{ClientRecords, RecordEvent};
use crate::store::{Settings, StoreError};

/// Whether the database is open yet.
#[derive(Clone, PartialEq, Debug)]
pub enum Load {
    /// Still opening; a calm splash shows.
    Opening,
    /// Records are loaded.
    Ready,
    /// The database cannot be used; a full page explains what to do.
    Failed(StoreError),
}

/// A short message at the bottom of the screen.
#[derive(Clone, PartialEq, Debug)]
pub enum Notice {
    /// Something was saved.
    Saved(String),
    /// A client was deleted; offers Undo.
    Deleted {
        /// Who was deleted.
        id: RecordId,
        /// Their name, for the message.
        name: String,
    },
    /// Something failed; says what and what was kept.
    Error(String),
}

/// Everything the screens show.
#[derive(Clone, PartialEq, Debug)]
pub struct AppState {
    /// Database status.
    pub load: Load,
    /// Every client record by id, tombstones included.
    pub clients: Rc<BTreeMap<RecordId, Client>>,
    /// This device's preferences.
    pub settings: Settings,
    /// The message showing, if any.
    pub notice: Option<Notice>,
    /// A newer build is installed and waiting for the user to reload.
    pub update_ready: bool,
    /// The clinical records of the client open now (only theirs are read).
    pub records: Option<Rc<ClientRecords>>,
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            load: Load::Opening,
            clients: Rc::default(),
            settings: Settings::default(),
            notice: None,
            update_ready: false,
            records: None,
        }
    }
}

/// Something that happened, for the reducer to fold into the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// The database opened and these records were read.
    Loaded {
        /// All client records.
        clients: Vec<Client>,
        /// Saved preferences.
        settings: Settings,
    },
    /// The database could not be opened.
    LoadFailed(StoreError),
    /// A client record was written (created, edited, deleted or restored).
    ClientStored(Box<Client>),
    /// Preferences were written.
    SettingsStored(Settings),
    /// Show a message.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
    /// A new build is waiting.
    UpdateReady,
    /// One client's clinical records were read.
    RecordsLoaded(Rc<ClientRecords>),
    /// A clinical record of the open client was written.
    Records(RecordEvent),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded { clients, settings } => {
                next.load = Load::Ready;
                next.clients = Rc::new(
                    clients
                        .into_iter()
                        .map(|client| (client.id(), client))
                        .collect(),
                );
                next.settings = settings;
            }
            Action::LoadFailed(error) => next.load = Load::Failed(error),
            Action::ClientStored(client) => {
                Rc::make_mut(&mut next.clients).insert(client.id(), *client);
            }
            Action::SettingsStored(settings) => next.settings = settings,
            Action::Notify(notice) => next.notice = Some(notice),
            Action::DismissNotice => next.notice = None,
            Action::UpdateReady => next.update_ready = true,
            Action::RecordsLoaded(records) => next.records = Some(records),
            Action::Records(event) => {
                if let Some(records) = &mut next.records {
                    Rc::make_mut(records).apply(event);
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stillpoint_core::client::ClientInput;
    use stillpoint_core::hlc::Hlc;
    use stillpoint_core::ids::DeviceId;

    fn client(name: &str) -> Client {
        let fields = ClientInput {
            full_name: name.into(),
            ..ClientInput::default()
        }
        .validate("2026-01-01".parse().unwrap())
        .unwrap();
        Client::create(
            RecordId::from_bytes([name.len() as u8; 16]),
            fields,
            Hlc::from_parts(1, 0, DeviceId::from_bytes([1; 16])),
        )
    }

    #[test]
    fn loading_marks_ready_and_indexes_clients() {
        let state = Rc::new(AppState::default()).reduce(Action::Loaded {
            clients: vec![client("Ada"), client("Grace")],
            settings: Settings::default(),
        });
        assert_eq!(state.load, Load::Ready);
        assert_eq!(state.clients.len(), 2);
    }

    #[test]
    fn a_stored_client_replaces_the_old_version() {
        let ada = client("Ada");
        let mut deleted = ada.clone();
        deleted.delete(Hlc::from_parts(2, 0, DeviceId::from_bytes([1; 16])));
        let state = Rc::new(AppState::default())
            .reduce(Action::ClientStored(Box::new(ada.clone())))
            .reduce(Action::ClientStored(Box::new(deleted)));
        assert!(state.clients[&ada.id()].is_deleted());
        assert_eq!(state.clients.len(), 1);
    }

    #[test]
    fn clinical_writes_fold_into_the_open_client_records_only() {
        use crate::records::{ClientRecords, RecordEvent};
        let ignored = Rc::new(AppState::default()).reduce(Action::Records(
            RecordEvent::DraftRemoved(RecordId::from_bytes([1; 16])),
        ));
        assert!(ignored.records.is_none(), "nothing is open to change");
        let records = ClientRecords::empty(RecordId::from_bytes([7; 16]));
        let state = Rc::new(AppState::default())
            .reduce(Action::RecordsLoaded(Rc::new(records)))
            .reduce(Action::Records(RecordEvent::Rules(Rc::new(Vec::new()))));
        assert_eq!(
            state.records.as_ref().map(|records| records.client),
            Some(RecordId::from_bytes([7; 16]))
        );
    }

    #[test]
    fn notices_show_and_hide() {
        let state =
            Rc::new(AppState::default()).reduce(Action::Notify(Notice::Saved("Saved".into())));
        assert!(state.notice.is_some());
        assert!(state.reduce(Action::DismissNotice).notice.is_none());
    }
}
