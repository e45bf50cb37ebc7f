//! The self-care part of the app's state and the events that change it:
//! the library, whether a PIN is set, the locked client view, and the open
//! client's plans and diaries. Folded by the reducer in `state`, like
//! `records` for the clinical record.

use std::rc::Rc;

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::selfcare::care_plan::{current_care_plan, CarePlanVersion};
use stillpoint_core::selfcare::diary::Diary;
use stillpoint_core::selfcare::library::{library, LibraryEntry, LibraryItem};

/// One client's self-care records, read when their page opens.
#[derive(Clone, PartialEq, Debug)]
pub struct CareRecords {
    /// Whose records these are.
    pub client: RecordId,
    /// Every self-care plan version of the client.
    pub plans: Vec<CarePlanVersion>,
    /// Every diary the client sent back.
    pub diaries: Vec<Diary>,
}

/// What the app needs to know about self-care before any page shows: the
/// library, whether a PIN is set, and whether the tablet is locked to a
/// client's view (read first, so no route renders before the lock).
#[derive(Clone, PartialEq, Debug, Default)]
pub struct SelfCareStatus {
    /// The therapist's library records (own items and edits).
    pub library: Vec<LibraryItem>,
    /// Whether a PIN is set, which "Hand to client" needs.
    pub pin_set: bool,
    /// The client whose view the tablet is locked to, if any.
    pub client_view: Option<RecordId>,
}

/// What the screens show of self-care.
#[derive(Clone, PartialEq, Debug, Default)]
pub struct SelfCare {
    /// The therapist's library records (own items and edits, removed ones
    /// included, so edits and removals merge by stamp).
    pub library: Rc<Vec<LibraryItem>>,
    /// Whether a PIN is set.
    pub pin_set: bool,
    /// The client the tablet is locked to, if it is handed to a client.
    pub client_view: Option<RecordId>,
    /// The open client's plans and diaries (only one client's are read).
    pub care: Option<Rc<CareRecords>>,
}

/// Something that happened to the self-care records.
#[derive(Clone, Debug)]
pub enum SelfCareEvent {
    /// The start-up read.
    Loaded(SelfCareStatus),
    /// One client's plans and diaries were read.
    CareLoaded(Rc<CareRecords>),
    /// A plan version was saved.
    PlanStored(Box<CarePlanVersion>),
    /// Library records were written (each replaces the one with its id).
    LibraryStored(Vec<LibraryItem>),
    /// The PIN was set.
    PinSet,
    /// The tablet was locked to a client, or unlocked.
    ClientView(Option<RecordId>),
}

impl SelfCare {
    /// Folds `event` in.
    pub fn apply(&mut self, event: SelfCareEvent) {
        match event {
            SelfCareEvent::Loaded(status) => {
                self.library = Rc::new(status.library);
                self.pin_set = status.pin_set;
                self.client_view = status.client_view;
            }
            SelfCareEvent::CareLoaded(care) => self.care = Some(care),
            SelfCareEvent::PlanStored(plan) => {
                if let Some(care) = self
                    .care
                    .as_mut()
                    .filter(|care| care.client == plan.client())
                {
                    Rc::make_mut(care).plans.push(*plan);
                }
            }
            SelfCareEvent::LibraryStored(records) => {
                let library = Rc::make_mut(&mut self.library);
                for record in records {
                    library.retain(|held| held.id() != record.id());
                    library.push(record);
                }
            }
            SelfCareEvent::PinSet => self.pin_set = true,
            SelfCareEvent::ClientView(client) => self.client_view = client,
        }
    }

    /// The library as the composer offers it.
    pub fn entries(&self) -> Vec<LibraryEntry> {
        library(&self.library)
    }

    /// `client`'s records, if they are the ones read.
    pub fn care_of(&self, client: RecordId) -> Option<&Rc<CareRecords>> {
        self.care.as_ref().filter(|care| care.client == client)
    }

    /// `client`'s current self-care plan, once their records are read.
    pub fn current_plan(&self, client: RecordId) -> Option<&CarePlanVersion> {
        self.care_of(client)
            .and_then(|care| current_care_plan(&care.plans, client))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use stillpoint_core::base::hlc::Hlc;
    use stillpoint_core::base::ids::DeviceId;
    use stillpoint_core::selfcare::care_item::{CareCategory, CareItemInput, Period};
    use stillpoint_core::selfcare::care_plan::{CarePlanInput, NewVersion, PlannedItemInput};
    use stillpoint_core::selfcare::library::LibraryValue;

    fn id(byte: u8) -> RecordId {
        RecordId::from_bytes([byte; 16])
    }

    fn stamp(millis: u64) -> Hlc {
        Hlc::from_parts(millis, 0, DeviceId::from_bytes([1; 16]))
    }

    fn item(title: &str) -> CareItemInput {
        CareItemInput {
            title: title.to_owned(),
            category: Some(CareCategory::Breathing),
            times: 1,
            per: Some(Period::Day),
            how_to: "Breathe out slowly.".to_owned(),
            ..CareItemInput::default()
        }
    }

    fn plan(version: u8, previous: Option<u8>) -> CarePlanVersion {
        CarePlanInput {
            items: vec![PlannedItemInput {
                item: item("Breathe"),
                ..PlannedItemInput::default()
            }],
            message: String::new(),
        }
        .validate(
            NewVersion {
                id: id(version),
                client: id(1),
                previous: previous.map(id),
                stamp: stamp(u64::from(version)),
                written: "2026-11-20".parse().unwrap(),
            },
            None,
        )
        .unwrap()
    }

    #[test]
    fn a_saved_plan_becomes_the_open_clients_current_one() {
        let mut state = SelfCare::default();
        state.apply(SelfCareEvent::PlanStored(Box::new(plan(2, None))));
        assert!(state.care.is_none(), "nobody's records are open");
        state.apply(SelfCareEvent::CareLoaded(Rc::new(CareRecords {
            client: id(1),
            plans: vec![plan(2, None)],
            diaries: Vec::new(),
        })));
        state.apply(SelfCareEvent::PlanStored(Box::new(plan(3, Some(2)))));
        assert_eq!(
            state.current_plan(id(1)).map(CarePlanVersion::id),
            Some(id(3))
        );
        assert_eq!(state.current_plan(id(9)), None);
    }

    #[test]
    fn library_writes_replace_records_by_id_and_the_lock_follows_events() {
        let mut state = SelfCare::default();
        let value = LibraryValue {
            replaces: None,
            item: item("Walk").validate().unwrap(),
        };
        let own = LibraryItem::create(id(5), value, stamp(1));
        state.apply(SelfCareEvent::LibraryStored(vec![own.clone()]));
        let mut removed = own;
        removed.remove(stamp(2));
        state.apply(SelfCareEvent::LibraryStored(vec![removed]));
        assert_eq!(state.library.len(), 1);
        assert_eq!(state.entries().len(), 20, "the removed item is hidden");
        state.apply(SelfCareEvent::ClientView(Some(id(1))));
        assert_eq!(state.client_view, Some(id(1)));
        state.apply(SelfCareEvent::ClientView(None));
        assert_eq!(state.client_view, None);
    }
}
