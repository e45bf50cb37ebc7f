//! The sync laws, as property tests over simulated practices: three devices
//! make random edits, deletions, restorations and conflict resolutions and
//! exchange export files (full or changes-only) in random orders, every file
//! going through bytes, the parser and the import preview as in the app.
//! Besides clients they start, edit and sign session drafts (section by
//! section last-writer-wins, and a signed session supersedes its draft) and
//! record outcome measures (immutable, a grow-only set), discard drafts
//! (a tombstone), add, edit and remove the therapist's own rules,
//! instruments and home-care items (last-writer-wins registers with a
//! removal tombstone), and write self-care plans (immutable) and log diary
//! days (last-writer-wins per day).
//!
//! A device's clock may also be set days ahead (a tablet whose date was
//! moved forward) and later put right: its files are refused by default
//! and imported once the therapist accepts the clock ahead, and every law
//! still holds. Two devices that sign one draft apart each keep their own
//! signed note (a signed note is never replaced); the laws compare signed
//! notes by what they have seen.
//!
//! `PROPTEST_CASES=10000 cargo test -p stillpoint-core --test laws` (or
//! `cargo xtask laws`) runs 10,000 cases of each.

use std::collections::{BTreeMap, BTreeSet};
use stillpoint_synthetic::samples;

use proptest::prelude::*;
use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::base::hlc::{Hlc, HlcClock};
use stillpoint_core::base::ids::{DeviceId, RecordId};
use stillpoint_core::clients::client::{Client, ClientInput};
use stillpoint_core::clients::client_sync::TextField;
use stillpoint_core::clinical::contraindication_rules::OwnRule;
use stillpoint_core::clinical::session::{SessionDraft, SignedSession};
use stillpoint_core::merge::definition::Definition;
use stillpoint_core::merge::version_vector::VersionVector;
use stillpoint_core::outcomes::custom_instrument::OwnInstrument;
use stillpoint_core::selfcare::care_plan::CarePlanVersion;
use stillpoint_core::selfcare::diary::Diary;
use stillpoint_core::selfcare::library::LibraryItem;
use stillpoint_core::sync::dataset::{Dataset, SyncRecord};
use stillpoint_core::sync::export::ExportFile;
use stillpoint_core::sync::import::{prepare_import, ImportError, ImportOptions};
use stillpoint_core::sync::parse::parse;

const DEVICES: usize = 3;
const START_MILLIS: u64 = 1_767_225_600_000;
const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

fn today() -> CalendarDate {
    "2026-11-27".parse().unwrap()
}

/// Writes `value` into the definition `id` at `stamp`, or removes it when
/// `value` is `None`; returns whether that changed it.
fn change<T: PartialEq>(data: &mut Dataset, id: RecordId, value: Option<T>, stamp: Hlc) -> bool
where
    Definition<T>: SyncRecord,
{
    let mut kept = data.get::<Definition<T>>(id).unwrap().clone();
    let changed = match value {
        Some(value) => kept.edit(value, stamp),
        None => kept.remove(stamp),
    };
    if changed {
        data.insert(kept);
    }
    changed
}

/// One step of the simulation. Indices pick devices and records modulo
/// what exists, so every generated step is meaningful.
#[derive(Clone, Debug)]
enum Step {
    Create {
        device: usize,
    },
    Edit {
        device: usize,
        record: usize,
        field: usize,
        text: u8,
    },
    Delete {
        device: usize,
        record: usize,
    },
    Restore {
        device: usize,
        record: usize,
    },
    Resolve {
        device: usize,
        record: usize,
        pick: usize,
    },
    Sync {
        from: usize,
        to: usize,
        changes_only: bool,
    },
    ReplayOld {
        device: usize,
        pick: usize,
    },
    Wait {
        millis: u16,
        device: usize,
        skew_millis: i32,
    },
    /// The device's date is set `days` ahead (until a `Wait` puts it right).
    ClockAhead {
        device: usize,
        days: u16,
    },
    StartDraft {
        device: usize,
    },
    EditDraft {
        device: usize,
        record: usize,
        text: u8,
    },
    Sign {
        device: usize,
        record: usize,
    },
    RecordMeasure {
        device: usize,
        value: u8,
    },
    Discard {
        device: usize,
        record: usize,
    },
    AddDefinition {
        device: usize,
        instrument: bool,
    },
    EditDefinition {
        device: usize,
        record: usize,
        instrument: bool,
        text: u8,
    },
    RemoveDefinition {
        device: usize,
        record: usize,
        instrument: bool,
    },
    SelfCare {
        device: usize,
        record: usize,
        action: u8,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let device = 0..DEVICES;
    prop_oneof![
        2 => device.clone().prop_map(|device| Step::Create { device }),
        6 => (device.clone(), any::<usize>(), 0..6usize, 0..4u8)
            .prop_map(|(device, record, field, text)| Step::Edit { device, record, field, text }),
        1 => (device.clone(), any::<usize>()).prop_map(|(device, record)| Step::Delete { device, record }),
        1 => (device.clone(), any::<usize>()).prop_map(|(device, record)| Step::Restore { device, record }),
        1 => (device.clone(), any::<usize>(), any::<usize>())
            .prop_map(|(device, record, pick)| Step::Resolve { device, record, pick }),
        4 => (device.clone(), device.clone(), any::<bool>())
            .prop_map(|(from, to, changes_only)| Step::Sync { from, to, changes_only }),
        1 => (device.clone(), any::<usize>()).prop_map(|(device, pick)| Step::ReplayOld { device, pick }),
        2 => (0..5000u16, device.clone(), -3_600_000..3_600_000i32)
            .prop_map(|(millis, device, skew_millis)| Step::Wait { millis, device, skew_millis }),
        1 => (device.clone(), 2..400u16).prop_map(|(device, days)| Step::ClockAhead { device, days }),
        1 => device.clone().prop_map(|device| Step::StartDraft { device }),
        2 => (device.clone(), any::<usize>(), 0..4u8)
            .prop_map(|(device, record, text)| Step::EditDraft { device, record, text }),
        1 => (device.clone(), any::<usize>()).prop_map(|(device, record)| Step::Sign { device, record }),
        1 => (device.clone(), 0..11u8).prop_map(|(device, value)| Step::RecordMeasure { device, value }),
        1 => (device.clone(), any::<usize>()).prop_map(|(device, record)| Step::Discard { device, record }),
        1 => (device.clone(), any::<bool>())
            .prop_map(|(device, instrument)| Step::AddDefinition { device, instrument }),
        2 => (device.clone(), any::<usize>(), any::<bool>(), 1..5u8)
            .prop_map(|(device, record, instrument, text)| Step::EditDefinition { device, record, instrument, text }),
        1 => (device.clone(), any::<usize>(), any::<bool>())
            .prop_map(|(device, record, instrument)| Step::RemoveDefinition { device, record, instrument }),
        2 => (device, any::<usize>(), any::<u8>())
            .prop_map(|(device, record, action)| Step::SelfCare { device, record, action }),
    ]
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec(step(), 1..40)
}

/// A text write that took effect: the "no edit lost" law checks each one.
struct TextWrite {
    record: RecordId,
    field: TextField,
    stamp: Hlc,
    text: String,
}

/// An export file kept for replaying later, with who made it and when.
struct Archived {
    exporter: usize,
    sequence: usize,
    bytes: Vec<u8>,
}

struct Device {
    clock: HlcClock,
    skew_millis: i64,
    data: Dataset,
    marks: BTreeMap<usize, VersionVector>,
    /// Ground truth, independent of the code under test: every write this
    /// device has seen, directly or through files.
    knowledge: BTreeSet<Hlc>,
    /// For each exporter, the newest of its files this device imported.
    imported: BTreeMap<usize, usize>,
}

/// A dataset as the laws compare devices: whole, except that signed notes
/// count by id and what they have seen. Two devices that signed one draft
/// apart each keep their own signing (a signed note is never replaced),
/// and each knows of the other's.
fn comparable(data: &Dataset) -> (serde_json::Value, Vec<(RecordId, VersionVector)>) {
    let anyone = Hlc::from_parts(0, 0, DeviceId::from_bytes([0; 16]));
    let bytes = ExportFile::full(data.clone(), anyone).to_bytes();
    let mut envelope: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    envelope["records"]["signed_sessions"] = serde_json::Value::Null;
    envelope["checksum"] = serde_json::Value::Null;
    let signed = data
        .records::<SignedSession>()
        .map(|session| (session.id(), SyncRecord::seen(session)))
        .collect();
    (envelope, signed)
}

struct World {
    now_millis: u64,
    devices: Vec<Device>,
    created: usize,
    writes: Vec<TextWrite>,
    causal_past: BTreeMap<Hlc, BTreeSet<Hlc>>,
    archive: Vec<Archived>,
    /// Drafts discarded and definitions removed anywhere: none may come
    /// back on a device that has heard of it.
    tombstones: BTreeMap<RecordId, Hlc>,
}

impl World {
    fn new() -> Self {
        let devices = (0..DEVICES)
            .map(|index| Device {
                clock: HlcClock::new(DeviceId::from_bytes([index as u8 + 1; 16])),
                skew_millis: 0,
                data: Dataset::new(),
                marks: BTreeMap::new(),
                knowledge: BTreeSet::new(),
                imported: BTreeMap::new(),
            })
            .collect();
        Self {
            now_millis: START_MILLIS,
            devices,
            created: 0,
            writes: Vec::new(),
            causal_past: BTreeMap::new(),
            archive: Vec::new(),
            tombstones: BTreeMap::new(),
        }
    }

    fn physical_millis(&self, device: usize) -> u64 {
        self.now_millis
            .saturating_add_signed(self.devices[device].skew_millis)
    }

    fn tick(&mut self, device: usize) -> Hlc {
        let now = self.physical_millis(device);
        let stamp = self.devices[device].clock.tick(now);
        let past = self.devices[device].knowledge.clone();
        self.causal_past.insert(stamp, past);
        self.devices[device].knowledge.insert(stamp);
        stamp
    }

    fn pick_record(&self, device: usize, index: usize) -> Option<Client> {
        let clients: Vec<&Client> = self.devices[device].data.clients().collect();
        (!clients.is_empty()).then(|| clients[index % clients.len()].clone())
    }

    /// Stores `client` on `device` and logs the text writes made at `stamp`.
    fn store(&mut self, device: usize, client: Client, stamp: Hlc) {
        for field in TextField::ALL {
            let versions = client.versions(field);
            if versions.len() == 1 && versions[0].stamp == stamp {
                self.writes.push(TextWrite {
                    record: client.id(),
                    field,
                    stamp,
                    text: versions[0].text.clone(),
                });
            }
        }
        self.devices[device].data.insert_client(client);
    }

    /// A fresh record id, unique across devices and kinds.
    fn new_id(&mut self, device: usize) -> RecordId {
        self.created += 1;
        RecordId::from_bytes(
            [[self.created as u8; 8], [device as u8; 8]]
                .concat()
                .try_into()
                .unwrap(),
        )
    }

    fn pick_draft(&self, device: usize, index: usize) -> Option<SessionDraft> {
        let drafts: Vec<&SessionDraft> = self.devices[device].data.open_drafts().collect();
        (!drafts.is_empty()).then(|| drafts[index % drafts.len()].clone())
    }

    fn start_draft(&mut self, device: usize) {
        let id = self.new_id(device);
        let stamp = self.tick(device);
        let draft = SessionDraft::start(id, samples::note(id, "Weekly."), stamp);
        self.devices[device].data.insert(draft);
    }

    fn edit_draft(&mut self, device: usize, record: usize, text: u8) {
        let Some(mut draft) = self.pick_draft(device, record) else {
            return;
        };
        let client = draft.note().details().client;
        let stamp = self.tick(device);
        if draft.update(samples::note(client, &format!("Plan v{text}")), stamp) {
            self.devices[device].data.insert(draft);
        }
    }

    fn sign(&mut self, device: usize, record: usize) {
        let Some(draft) = self.pick_draft(device, record) else {
            return;
        };
        let stamp = self.tick(device);
        let signed = draft.sign(&[], "Sam Rivera", stamp).unwrap();
        self.devices[device].data.insert(signed);
    }

    fn record_measure(&mut self, device: usize, value: u8) {
        let id = self.new_id(device);
        let stamp = self.tick(device);
        let measure = samples::measure(id, id, f64::from(value), stamp);
        self.devices[device].data.insert(measure);
    }

    fn discard(&mut self, device: usize, record: usize) {
        let Some(mut draft) = self.pick_draft(device, record) else {
            return;
        };
        let stamp = self.tick(device);
        assert!(draft.discard(stamp));
        self.tombstones.insert(draft.id(), stamp);
        self.devices[device].data.insert(draft);
    }

    fn add_definition(&mut self, device: usize, instrument: bool) {
        let id = self.new_id(device);
        let stamp = self.tick(device);
        let data = &mut self.devices[device].data;
        if instrument {
            data.insert(samples::instrument(id, 1, 4.0, stamp));
        } else {
            data.insert(samples::rule(id, "whiplash", stamp));
        }
    }

    /// Edits or removes one of `device`'s rules or instruments: a rule's
    /// trigger word changes, an instrument gets a new version.
    fn change_definition(
        &mut self,
        device: usize,
        record: usize,
        instrument: bool,
        text: Option<u8>,
    ) {
        let data = &self.devices[device].data;
        let ids: Vec<RecordId> = if instrument {
            data.records::<OwnInstrument>()
                .map(Definition::id)
                .collect()
        } else {
            data.records::<OwnRule>().map(Definition::id).collect()
        };
        let Some(&id) = ids.get(record % ids.len().max(1)) else {
            return;
        };
        let stamp = self.tick(device);
        let data = &mut self.devices[device].data;
        let changed = if instrument {
            let version = data.get::<OwnInstrument>(id).unwrap().value().version() + 1;
            let revised = text.map(|max| {
                samples::instrument(id, version, f64::from(max), stamp)
                    .value()
                    .clone()
            });
            change(data, id, revised, stamp)
        } else {
            let edited = text.map(|word| {
                samples::rule(id, &format!("word {word}"), stamp)
                    .value()
                    .clone()
            });
            change(data, id, edited, stamp)
        };
        if text.is_none() && changed {
            self.tombstones.insert(id, stamp);
        }
    }

    /// Self-care work on `device`: a new plan with its diary, a day logged
    /// again in a diary (last writer wins per day), a new library item, or
    /// an edit or removal of one.
    fn selfcare(&mut self, device: usize, record: usize, action: u8) {
        let stamp = self.tick(device);
        match action % 4 {
            0 => {
                let (plan_id, diary_id) = (self.new_id(device), self.new_id(device));
                let plan = samples::care_plan(plan_id, plan_id, stamp);
                let data = &mut self.devices[device].data;
                data.insert(samples::diary(diary_id, &plan, stamp));
                data.insert(plan);
            }
            1 => {
                let data = &mut self.devices[device].data;
                let diaries: Vec<Diary> = data.records::<Diary>().cloned().collect();
                let Some(mut diary) = diaries.get(record % diaries.len().max(1)).cloned() else {
                    return;
                };
                let Some(plan) = data.get::<CarePlanVersion>(diary.plan()).cloned() else {
                    return;
                };
                samples::log_day(&mut diary, &plan, action % 11, stamp);
                data.insert(diary);
            }
            2 => {
                let id = self.new_id(device);
                self.devices[device]
                    .data
                    .insert(samples::library_item(id, stamp));
            }
            _ => {
                let data = &mut self.devices[device].data;
                let ids: Vec<RecordId> =
                    data.records::<LibraryItem>().map(Definition::id).collect();
                let Some(&id) = ids.get(record % ids.len().max(1)) else {
                    return;
                };
                let edited = (action % 8 != 3).then(|| {
                    let mut value = data.get::<LibraryItem>(id).unwrap().value().clone();
                    value.replaces = Some("belly-breathing".into());
                    value
                });
                let removal = edited.is_none();
                if change(data, id, edited, stamp) && removal {
                    self.tombstones.insert(id, stamp);
                }
            }
        }
    }

    /// Checks that no removal `device` has heard of has come undone.
    fn assert_tombstones_hold(&self, device: usize) {
        let data = &self.devices[device].data;
        let heard = self
            .tombstones
            .iter()
            .filter(|(_, stamp)| self.devices[device].knowledge.contains(stamp));
        for (id, _) in heard {
            if let Some(draft) = data.get::<SessionDraft>(*id) {
                assert!(draft.is_discarded() || data.get::<SignedSession>(*id).is_some());
                assert!(data.open_drafts().all(|open| open.id() != *id));
            }
            for removed in [
                data.get::<OwnRule>(*id)
                    .map(|rule| rule.current().is_none()),
                data.get::<OwnInstrument>(*id)
                    .map(|kept| kept.current().is_none()),
                data.get::<LibraryItem>(*id)
                    .map(|kept| kept.current().is_none()),
            ] {
                assert_ne!(removed, Some(false), "{id:?} came back");
            }
        }
    }

    fn create(&mut self, device: usize) {
        let id = self.new_id(device);
        let input = ClientInput {
            full_name: format!("Client {}", self.created),
            notes: format!("first notes {}", self.created),
            ..ClientInput::default()
        };
        let stamp = self.tick(device);
        let client = Client::create(id, input.validate(today()).unwrap(), stamp);
        self.store(device, client, stamp);
    }

    fn edit(&mut self, device: usize, record: usize, field: usize, text: u8) {
        let Some(mut client) = self.pick_record(device, record) else {
            return;
        };
        let mut input = client.to_input();
        let value = format!("v{text}");
        match field {
            0 => input.full_name = format!("Name {value}"),
            1 => input.preferred_name = if text == 0 { String::new() } else { value },
            2 => input.notes = format!("notes {value}"),
            3 => input.phone = format!("0123 45{text}"),
            4 => input.email = format!("{value}@example.org"),
            _ => input.date_of_birth = format!("198{text}-0{}-1{text}", text + 1),
        }
        let stamp = self.tick(device);
        if client.edit(input.validate(today()).unwrap(), stamp) {
            self.store(device, client, stamp);
        }
    }

    fn delete_or_restore(&mut self, device: usize, record: usize, delete: bool) {
        let Some(mut client) = self.pick_record(device, record) else {
            return;
        };
        let stamp = self.tick(device);
        let changed = if delete {
            client.delete(stamp)
        } else {
            client.restore(stamp)
        };
        if changed {
            self.store(device, client, stamp);
        }
    }

    fn resolve(&mut self, device: usize, record: usize, pick: usize) {
        let Some(mut client) = self.pick_record(device, record) else {
            return;
        };
        let Some(conflict) = client.conflicts().into_iter().next() else {
            return;
        };
        let chosen = conflict.versions[pick % conflict.versions.len()]
            .text
            .clone();
        let stamp = self.tick(device);
        assert_eq!(client.resolve(conflict.field, &chosen, stamp), Ok(true));
        self.store(device, client, stamp);
    }

    fn export(&mut self, from: usize, to: usize, changes_only: bool) -> Vec<u8> {
        let sender = &self.devices[from];
        let file = match sender.marks.get(&to) {
            Some(mark) if changes_only => {
                ExportFile::changes_since(&sender.data, sender.clock.last(), mark.clone())
            }
            _ => ExportFile::full(sender.data.clone(), sender.clock.last()),
        };
        let bytes = file.to_bytes();
        let mark = sender.data.version_vector();
        self.devices[from].marks.insert(to, mark);
        self.archive.push(Archived {
            exporter: from,
            sequence: self.archive.len(),
            bytes: bytes.clone(),
        });
        bytes
    }

    /// Imports as the app does: refused by default if the file's clock is
    /// ahead, then imported once that is accepted, with the preview saying
    /// how far ahead. A signed note held before is never replaced.
    fn import(&mut self, to: usize, bytes: &[u8]) -> bool {
        let file = parse(bytes).expect("every exported file parses");
        let now = self.physical_millis(to);
        let receiver = &mut self.devices[to];
        let accepting = ImportOptions {
            accept_clock_ahead: true,
        };
        let prepared = prepare_import(&receiver.data, file.clone(), now, accepting)
            .expect("every file imports once its clock is accepted");
        match prepare_import(&receiver.data, file, now, ImportOptions::default()) {
            Ok(strict) => assert_eq!(strict, prepared, "a file in bounds needs no acceptance"),
            Err(ImportError::ClockAhead { ahead_days, .. }) => {
                assert_eq!(prepared.preview().ahead_by_days, Some(ahead_days));
            }
            Err(other) => panic!("refused: {other}"),
        }
        receiver.clock.advance(prepared.newest_stamp());
        let changed = !prepared.preview().is_empty();
        assert_eq!(changed, prepared.merged() != &receiver.data);
        for held in receiver.data.records::<SignedSession>() {
            let after: &SignedSession = prepared.merged().get(held.id()).unwrap();
            assert_eq!(
                (after.note(), after.signed(), after.signed_by()),
                (held.note(), held.signed(), held.signed_by()),
                "a signed note is never replaced"
            );
        }
        receiver.data = prepared.into_merged();
        changed
    }

    fn sync(&mut self, from: usize, to: usize, changes_only: bool) {
        if from == to {
            return;
        }
        let bytes = self.export(from, to, changes_only);
        self.import(to, &bytes);
        let sender_knowledge = self.devices[from].knowledge.clone();
        let sender_data = self.devices[from].data.clone();
        let receiver = &mut self.devices[to];
        receiver.knowledge.extend(sender_knowledge);
        receiver.imported.insert(from, self.archive.len() - 1);
        assert_eq!(
            comparable(&receiver.data.clone().merge(sender_data)),
            comparable(&receiver.data),
            "after importing, the receiver has everything the sender had"
        );
    }

    /// Imports an old file into a device that already has everything in
    /// it: its maker, or one that imported a later file from its maker.
    fn replay_old(&mut self, device: usize, pick: usize) {
        let eligible: Vec<usize> = (0..self.archive.len())
            .filter(|index| {
                let old = &self.archive[*index];
                old.exporter == device
                    || self.devices[device]
                        .imported
                        .get(&old.exporter)
                        .is_some_and(|newest| *newest >= old.sequence)
            })
            .collect();
        if eligible.is_empty() {
            return;
        }
        let bytes = self.archive[eligible[pick % eligible.len()]].bytes.clone();
        let before = self.devices[device].data.clone();
        assert!(
            !self.import(device, &bytes),
            "an older file changed nothing"
        );
        assert_eq!(self.devices[device].data, before);
        self.assert_tombstones_hold(device);
    }

    fn run(&mut self, step: &Step) {
        match *step {
            Step::Create { device } => self.create(device),
            Step::Edit {
                device,
                record,
                field,
                text,
            } => self.edit(device, record, field, text),
            Step::Delete { device, record } => self.delete_or_restore(device, record, true),
            Step::Restore { device, record } => self.delete_or_restore(device, record, false),
            Step::Resolve {
                device,
                record,
                pick,
            } => self.resolve(device, record, pick),
            Step::Sync {
                from,
                to,
                changes_only,
            } => self.sync(from, to, changes_only),
            Step::ReplayOld { device, pick } => self.replay_old(device, pick),
            Step::Wait {
                millis,
                device,
                skew_millis,
            } => {
                self.now_millis += u64::from(millis);
                self.devices[device].skew_millis = i64::from(skew_millis);
            }
            Step::ClockAhead { device, days } => {
                self.devices[device].skew_millis = i64::from(days) * DAY_MILLIS;
            }
            Step::StartDraft { device } => self.start_draft(device),
            Step::EditDraft {
                device,
                record,
                text,
            } => self.edit_draft(device, record, text),
            Step::Sign { device, record } => self.sign(device, record),
            Step::RecordMeasure { device, value } => self.record_measure(device, value),
            Step::Discard { device, record } => self.discard(device, record),
            Step::AddDefinition { device, instrument } => self.add_definition(device, instrument),
            Step::EditDefinition {
                device,
                record,
                instrument,
                text,
            } => self.change_definition(device, record, instrument, Some(text)),
            Step::RemoveDefinition {
                device,
                record,
                instrument,
            } => self.change_definition(device, record, instrument, None),
            Step::SelfCare {
                device,
                record,
                action,
            } => self.selfcare(device, record, action),
        }
    }

    fn simulate(steps: &[Step]) -> Self {
        let mut world = Self::new();
        steps.iter().for_each(|step| world.run(step));
        world
    }

    /// Every device sends a full export to every other, twice round.
    fn exchange_everything(&mut self) {
        for _ in 0..2 {
            for from in 0..DEVICES {
                for to in 0..DEVICES {
                    self.sync(from, to, false);
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn merge_is_commutative_associative_and_idempotent(steps in steps()) {
        let world = World::simulate(&steps);
        let [a, b, c] = [0, 1, 2].map(|index| world.devices[index].data.clone());
        prop_assert_eq!(a.clone().merge(b.clone()), b.clone().merge(a.clone()));
        prop_assert_eq!(
            a.clone().merge(b.clone()).merge(c.clone()),
            a.clone().merge(b.clone().merge(c))
        );
        prop_assert_eq!(a.clone().merge(a.clone()), a.clone());
        prop_assert_eq!(a.clone().merge(b.clone()).merge(b.clone()), a.merge(b));
    }

    #[test]
    fn export_then_parse_is_the_identity(steps in steps(), device in 0..DEVICES, changes_only: bool) {
        let mut world = World::simulate(&steps);
        let bytes = world.export(device, (device + 1) % DEVICES, changes_only);
        let parsed = parse(&bytes).unwrap();
        prop_assert_eq!(parsed.to_bytes(), bytes);
        let sender = &world.devices[device];
        if parsed.since().is_none() {
            prop_assert_eq!(parsed, ExportFile::full(sender.data.clone(), sender.clock.last()));
        }
    }

    #[test]
    fn devices_exchanging_files_in_any_order_converge(steps in steps()) {
        let mut world = World::simulate(&steps);
        world.exchange_everything();
        let first = comparable(&world.devices[0].data);
        for device in &world.devices[1..] {
            prop_assert_eq!(comparable(&device.data), first.clone());
        }
        (0..DEVICES).for_each(|device| world.assert_tombstones_hold(device));
    }

    #[test]
    fn no_text_edit_is_lost(steps in steps()) {
        let mut world = World::simulate(&steps);
        world.exchange_everything();
        let data = &world.devices[0].data;
        for write in &world.writes {
            let versions = data.client(write.record).unwrap().versions(write.field);
            let kept = versions
                .iter()
                .any(|version| version.stamp == write.stamp && version.text == write.text);
            let overwritten_knowingly = versions
                .iter()
                .any(|version| world.causal_past[&version.stamp].contains(&write.stamp));
            prop_assert!(
                kept || overwritten_knowingly,
                "{:?} of {:?} written at {:?} is neither kept nor knowingly overwritten",
                write.field, write.record, write.stamp
            );
        }
    }

    #[test]
    fn importing_an_older_export_never_overwrites_newer_data(steps in steps(), device in 0..DEVICES, pick: usize) {
        let mut world = World::simulate(&steps);
        world.exchange_everything();
        world.replay_old(device, pick);
    }
}
