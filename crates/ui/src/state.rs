//! The app's state and the pure reducer that changes it.
//!
//! As in Yew's `function_todomvc`, components dispatch [`Action`]s and render
//! [`AppState`]; nothing here touches the browser or the database. The async
//! work that produces actions lives in `services`.

use std::collections::BTreeMap;
use std::rc::Rc;

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use stillpoint_core::clients::summary::ClientSummary;
use stillpoint_core::outcomes::catalogue;
use stillpoint_core::outcomes::instrument::Instrument;
use stillpoint_core::outcomes::plan::PlanVersion;
use stillpoint_core::selfcare::care_file::PlanFile;
use stillpoint_core::selfcare::care_plan::CarePlanVersion;
use stillpoint_core::selfcare::phone::ClientPhone;
use yew::Reducible;

use crate::records::{ClientRecords, RecordEvent};
use crate::selfcare::{SelfCare, SelfCareEvent, SelfCareStatus};
use crate::store::{Settings, StoreError};

/// Whether the database is open yet.
#[derive(Clone, PartialEq, Debug)]
pub enum Load {
    /// Still opening; a calm splash shows.
    Opening,
    /// Still opening, but an older tab holds the database: the splash asks
    /// for that tab to be closed, and opening goes on once it is.
    Blocked,
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

/// What an import changed, read back once it was written, so every page
/// shows it without a reload: the clients it wrote, the outcome records and
/// the self-care library as they now are.
#[derive(Clone, PartialEq, Debug)]
pub struct Imported {
    /// The clients the import wrote.
    pub clients: Vec<Client>,
    /// Every plan version and own instrument.
    pub outcomes: Outcomes,
    /// The library, the PIN's presence and the lock.
    pub selfcare: SelfCareStatus,
}

/// Everything the screens show.
#[derive(Clone, PartialEq, Debug)]
pub struct AppState {
    /// Database status.
    pub load: Load,
    /// A summary of every client by id, tombstones included: what the
    /// list, search and Today show. Read at start instead of the records.
    pub client_summaries: Rc<BTreeMap<RecordId, ClientSummary>>,
    /// The client records read so far (opened, written or imported) by
    /// id; `hooks::use_client` reads one when it is first needed.
    pub clients: Rc<BTreeMap<RecordId, Client>>,
    /// This device's preferences.
    pub settings: Settings,
    /// The message showing, if any.
    pub notice: Option<Notice>,
    /// A newer build is installed and waiting for the user to reload.
    pub update_ready: bool,
    /// Outcome records kept in memory: plan versions and custom instruments.
    pub outcomes: Rc<Outcomes>,
    /// The clinical records of the client open now (only theirs are read).
    pub records: Option<Rc<ClientRecords>>,
    /// The self-care library, PIN, lock and the open client's plans.
    pub selfcare: Rc<SelfCare>,
    /// On a client's phone in client mode: their plan and diaries, read and
    /// shown by the phone app (`stillpoint-phone`); the tablet app never
    /// sets it (it sends a device in client mode to the phone app).
    pub client_phone: Option<Rc<ClientPhone>>,
}

/// The outcome-tracking records read at start: a few per client. Measures
/// (two per session, about 60,000 in a 20-year practice) are not among
/// them: the pages that show them read them (`hooks::use_measures`), so
/// start-up time does not grow with the practice.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct Outcomes {
    /// Every plan version of every client.
    pub plans: Vec<PlanVersion>,
    /// The therapist's own instruments, every version.
    pub custom_instruments: Vec<Instrument>,
}

impl Outcomes {
    /// Every instrument that can be chosen or analysed (core's
    /// `all_instruments`).
    pub fn instruments(&self) -> Vec<Instrument> {
        catalogue::all_instruments(&self.custom_instruments)
    }

    /// The current definition of the instrument written `id` ("nprs-back"),
    /// by core's `current_instrument`; `None` for an id that is not one.
    pub fn instrument(&self, id: &str) -> Option<Instrument> {
        catalogue::current_instrument(id.parse().ok()?, &self.custom_instruments)
    }
}

impl AppState {
    /// Keeps `clients` as read or written, with their summaries.
    fn hold_clients(&mut self, clients: impl IntoIterator<Item = Client>) {
        let (summaries, records) = (
            Rc::make_mut(&mut self.client_summaries),
            Rc::make_mut(&mut self.clients),
        );
        for client in clients {
            summaries.insert(client.id(), ClientSummary::from(&client));
            records.insert(client.id(), client);
        }
    }

    /// The plan file for `plan`: the client's first name, the therapist's name
    /// from Settings and the goal texts of the treatment plan it refers to.
    pub fn plan_file(&self, client: &Client, plan: &CarePlanVersion) -> PlanFile {
        let outcomes = &self.outcomes;
        let treatment = outcomes
            .plans
            .iter()
            .find(|version| Some(version.id()) == plan.treatment_plan());
        PlanFile::for_client(
            client,
            plan.clone(),
            &self.settings.therapist_name,
            treatment,
            &outcomes.instruments(),
        )
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self {
            load: Load::Opening,
            client_summaries: Rc::default(),
            clients: Rc::default(),
            settings: Settings::default(),
            notice: None,
            update_ready: false,
            outcomes: Rc::default(),
            records: None,
            selfcare: Rc::default(),
            client_phone: None,
        }
    }
}

/// Something that happened, for the reducer to fold into the state.
#[derive(Clone, Debug)]
pub enum Action {
    /// The database opened and these records were read.
    Loaded {
        /// A summary of every client.
        clients: Vec<ClientSummary>,
        /// Saved preferences.
        settings: Settings,
    },
    /// The database could not be opened.
    LoadFailed(StoreError),
    /// Opening waits for an older tab to close.
    OpenBlocked,
    /// A client record was written (created, edited, deleted or restored).
    ClientStored(Box<Client>),
    /// A client record was read, to be shown.
    ClientRead(Box<Client>),
    /// An import was written: what it changed, read back from the store.
    Imported(Box<Imported>),
    /// Preferences were written.
    SettingsStored(Settings),
    /// Show a message.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
    /// A new build is waiting.
    UpdateReady,
    /// The outcome records were read.
    OutcomesLoaded(Outcomes),
    /// A plan version was written.
    PlanStored(Box<PlanVersion>),
    /// One of the therapist's own instruments was written.
    InstrumentStored(Box<Instrument>),
    /// One client's clinical records were read.
    RecordsLoaded(Rc<ClientRecords>),
    /// A clinical record of the open client was written.
    Records(RecordEvent),
    /// A self-care record was read or written.
    SelfCare(SelfCareEvent),
    /// The device became (or stopped being) a client's phone, or the
    /// client's plan or diary on it was written.
    ClientPhone(Option<Rc<ClientPhone>>),
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded { clients, settings } => {
                next.load = Load::Ready;
                next.client_summaries = Rc::new(
                    clients
                        .into_iter()
                        .map(|client| (client.id(), client))
                        .collect(),
                );
                next.settings = settings;
            }
            Action::LoadFailed(error) => next.load = Load::Failed(error),
            Action::OpenBlocked if next.load == Load::Opening => next.load = Load::Blocked,
            Action::OpenBlocked => {}
            Action::ClientStored(client) | Action::ClientRead(client) => {
                next.hold_clients([*client]);
            }
            Action::Imported(imported) => {
                let Imported {
                    clients,
                    outcomes,
                    selfcare,
                } = *imported;
                next.hold_clients(clients);
                next.outcomes = Rc::new(outcomes);
                // Records read before the import may be missing what it
                // brought: drop them so the pages showing them read again.
                next.records = None;
                let held = Rc::make_mut(&mut next.selfcare);
                held.care = None;
                held.apply(SelfCareEvent::Loaded(selfcare));
            }
            Action::SettingsStored(settings) => next.settings = settings,
            // While the tablet is in a client's hands only errors show
            // (they name no one); a late "saved" or "deleted — Undo" from
            // the therapist's work would.
            Action::Notify(notice)
                if self.selfcare.client_view.is_none() || matches!(notice, Notice::Error(_)) =>
            {
                next.notice = Some(notice)
            }
            Action::Notify(_) => {}
            Action::DismissNotice => next.notice = None,
            Action::UpdateReady => next.update_ready = true,
            Action::OutcomesLoaded(outcomes) => next.outcomes = Rc::new(outcomes),
            Action::PlanStored(plan) => Rc::make_mut(&mut next.outcomes).plans.push(*plan),
            Action::InstrumentStored(instrument) => Rc::make_mut(&mut next.outcomes)
                .custom_instruments
                .push(*instrument),
            Action::RecordsLoaded(records) => next.records = Some(records),
            Action::Records(event) => {
                if let Some(records) = &mut next.records {
                    Rc::make_mut(records).apply(event);
                }
            }
            Action::SelfCare(event) => {
                if matches!(event, SelfCareEvent::ClientView(Some(_))) {
                    // Nothing of the therapist's session shows once locked.
                    next.notice = None;
                }
                Rc::make_mut(&mut next.selfcare).apply(event)
            }
            Action::ClientPhone(phone) => next.client_phone = phone,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stillpoint_core::base::hlc::Hlc;
    use stillpoint_core::base::ids::DeviceId;
    use stillpoint_core::clients::client::ClientInput;

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
            clients: vec![(&client("Ada")).into(), (&client("Grace")).into()],
            settings: Settings::default(),
        });
        assert_eq!(state.load, Load::Ready);
        assert_eq!(state.client_summaries.len(), 2);
        assert!(state.clients.is_empty(), "records are read when opened");
    }

    #[test]
    fn a_client_read_is_kept_without_changing_the_list() {
        let ada = client("Ada");
        let state = Rc::new(AppState::default())
            .reduce(Action::Loaded {
                clients: vec![(&ada).into()],
                settings: Settings::default(),
            })
            .reduce(Action::ClientRead(Box::new(ada.clone())));
        assert_eq!(state.clients[&ada.id()], ada);
        assert_eq!(state.client_summaries[&ada.id()], (&ada).into());
        assert_eq!(state.client_summaries.len(), 1);
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
        assert!(state.client_summaries[&ada.id()].is_deleted());
        assert_eq!(state.clients.len(), 1);
    }

    #[test]
    fn stored_outcomes_are_added_to_what_was_loaded() {
        let state =
            Rc::new(AppState::default()).reduce(Action::OutcomesLoaded(Outcomes::default()));
        assert!(state.outcomes.plans.is_empty());
        let plan = stillpoint_core::outcomes::plan::PlanInput {
            goals: vec![stillpoint_core::outcomes::plan::GoalInput {
                instrument: stillpoint_core::outcomes::catalogue::builtin(
                    stillpoint_core::outcomes::instrument::InstrumentId::Stress,
                )
                .unwrap()
                .reference(),
                description: String::new(),
                baseline: 7.0,
                target: 3.0,
            }],
            sessions_per_period: 1,
            period_weeks: 1,
            planned_sessions: 6,
            review_date: "2026-02-01".into(),
            status: stillpoint_core::outcomes::plan::PlanStatus::Active,
            note: String::new(),
        }
        .validate(
            &stillpoint_core::outcomes::catalogue::free_instruments(),
            "2026-01-01".parse().unwrap(),
        )
        .unwrap();
        let version = PlanVersion::create(
            RecordId::from_bytes([9; 16]),
            RecordId::from_bytes([1; 16]),
            plan,
            Hlc::from_parts(1, 0, DeviceId::from_bytes([1; 16])),
        );
        let state = state.reduce(Action::PlanStored(Box::new(version.clone())));
        assert_eq!(state.outcomes.plans, vec![version]);
    }

    #[test]
    fn an_import_drops_records_read_before_it_and_takes_the_new_library() {
        use crate::records::ClientRecords;
        use crate::selfcare::{CareRecords, SelfCareStatus};
        let client = RecordId::from_bytes([7; 16]);
        let (_, item) = stillpoint_core::selfcare::library::builtin_items().remove(0);
        let state = Rc::new(AppState::default())
            .reduce(Action::RecordsLoaded(Rc::new(ClientRecords::empty(client))))
            .reduce(Action::SelfCare(SelfCareEvent::CareLoaded(Rc::new(
                CareRecords {
                    client,
                    plans: Vec::new(),
                    diaries: Vec::new(),
                },
            ))));
        assert!(state.records.is_some() && state.selfcare.care.is_some());
        let own = stillpoint_core::selfcare::library::LibraryItem::create(
            RecordId::from_bytes([8; 16]),
            stillpoint_core::selfcare::library::LibraryValue {
                replaces: None,
                item,
            },
            Hlc::from_parts(1, 0, DeviceId::from_bytes([1; 16])),
        );
        let state = state.reduce(Action::Imported(Box::new(Imported {
            clients: Vec::new(),
            outcomes: Outcomes::default(),
            selfcare: SelfCareStatus {
                library: vec![own.clone()],
                pin_set: true,
                client_view: None,
            },
        })));
        assert!(
            state.records.is_none(),
            "read again by the page showing them"
        );
        assert!(state.selfcare.care.is_none());
        assert_eq!(*state.selfcare.library, vec![own]);
        assert!(state.selfcare.pin_set);
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
    fn a_client_phone_is_set_replaced_and_left() {
        use stillpoint_core::selfcare::care_plan::{CarePlanInput, NewVersion, PlannedItemInput};
        use stillpoint_core::selfcare::phone::ClientPhone;
        let (_, item) = stillpoint_core::selfcare::library::builtin_items().remove(0);
        let plan = CarePlanInput {
            items: vec![PlannedItemInput {
                item: item.to_input(),
                source: None,
                goals: Vec::new(),
            }],
            message: String::new(),
        }
        .validate(
            NewVersion {
                id: RecordId::from_bytes([2; 16]),
                client: RecordId::from_bytes([1; 16]),
                previous: None,
                stamp: Hlc::from_parts(1, 0, DeviceId::from_bytes([1; 16])),
                written: "2026-11-20".parse().unwrap(),
            },
            None,
        )
        .unwrap();
        let file = PlanFile::new(plan, "Anna".into(), String::new(), Vec::new());
        let phone = ClientPhone::open(None, file, RecordId::from_bytes([3; 16])).unwrap();
        let state =
            Rc::new(AppState::default()).reduce(Action::ClientPhone(Some(Rc::new(phone.clone()))));
        assert_eq!(state.client_phone.as_deref(), Some(&phone));
        assert!(state
            .reduce(Action::ClientPhone(None))
            .client_phone
            .is_none());
    }

    #[test]
    fn locking_hides_the_therapists_notices_and_keeps_them_out() {
        let client = RecordId::from_bytes([3; 16]);
        let undo = Notice::Deleted {
            id: RecordId::from_bytes([4; 16]),
            name: "Bram".into(),
        };
        let locked = Rc::new(AppState::default())
            .reduce(Action::Notify(undo.clone()))
            .reduce(Action::SelfCare(SelfCareEvent::ClientView(Some(client))));
        assert_eq!(locked.notice, None);
        let locked = locked
            .reduce(Action::Notify(undo))
            .reduce(Action::Notify(Notice::Saved(
                "Intake of Bram saved.".into(),
            )));
        assert_eq!(locked.notice, None);
        let failed = Notice::Error("The device's storage is full.".into());
        let locked = locked.reduce(Action::Notify(failed.clone()));
        assert_eq!(locked.notice, Some(failed));
        let unlocked = locked
            .reduce(Action::SelfCare(SelfCareEvent::ClientView(None)))
            .reduce(Action::Notify(Notice::Saved("Saved.".into())));
        assert_eq!(unlocked.notice, Some(Notice::Saved("Saved.".into())));
    }

    #[test]
    fn notices_show_and_hide() {
        let state =
            Rc::new(AppState::default()).reduce(Action::Notify(Notice::Saved("Saved".into())));
        assert!(state.notice.is_some());
        assert!(state.reduce(Action::DismissNotice).notice.is_none());
    }
}
