//! Session records: the draft being charted and the signed note.
//!
//! A [`SessionDraft`] is saved on every change. Each section of its note is a
//! last-writer-wins register, so an edit only stamps the sections it changed
//! and two devices' edits to different sections can both survive a merge, as
//! with clients.
//!
//! Signing turns the draft into a [`SignedSession`] with the same id.
//! **Signed sessions are immutable**: a later correction is an
//! [`crate::clinical::amendment::Amendment`], a separate record, and the original stays
//! as signed. Sync can therefore keep signed sessions as a grow-only set keyed
//! by id, and a signed session supersedes any draft with its id: the draft
//! is kept (like a tombstone, so edits made on a device that had not yet
//! heard of the signing are not erased) but never shown or edited again.

use serde::{Deserialize, Serialize};

use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::text_limit::{trimmed, MAX_NAME_CHARS};
use crate::clinical::alert_override::AlertOverride;
use crate::clinical::body_chart::BodyChart;
use crate::clinical::cst_findings::CstFindings;
use crate::clinical::massage_work::MassageWork;
use crate::clinical::screening::Alert;
use crate::clinical::session_note::{Missing, SessionDetails, SessionNote, Soap};
use crate::clinical::since_last_time::SinceLastTime;
use crate::merge::gset::Immutable;
use crate::merge::lww::Lww;
use crate::merge::version_vector::VersionVector;
use crate::outcomes::measure::Measure;
use crate::outcomes::session_ratings::SessionRatings;

/// A session note being written; incomplete is fine.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDraft {
    id: RecordId,
    #[serde(with = "crate::base::hlc_text")]
    created: Hlc,
    carried_from: Option<RecordId>,
    details: Lww<SessionDetails>,
    soap: Lww<Soap>,
    cst: Lww<CstFindings>,
    massage: Lww<MassageWork>,
    chart: Lww<BodyChart>,
    overrides: Lww<Vec<AlertOverride>>,
    /// Pain and stress before and after treatment: a section of its own,
    /// absent until first rated (drafts from before ratings existed have
    /// none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ratings: Option<Lww<SessionRatings>>,
    /// The "since last time" answer: a section of its own, absent until
    /// answered (drafts from before the question existed have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since_last_time: Option<Lww<SinceLastTime>>,
    /// Every stamp any copy of the draft has held, including writes since
    /// overwritten, so what a device has seen never shrinks (drafts saved
    /// before sync existed lack it; their section stamps stand in).
    #[serde(default)]
    seen: VersionVector,
    /// When the draft was thrown away, if it was: the tombstone that keeps
    /// an older copy from bringing it back. Left out while the draft is
    /// open, so open drafts read and write as before.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::base::hlc_text::optional"
    )]
    discarded: Option<Hlc>,
}

/// Writes `value` at `stamp` to a section that is absent until it first
/// holds something other than its default; returns whether it changed.
fn write_optional<T: PartialEq + Default>(
    section: &mut Option<Lww<T>>,
    value: T,
    stamp: Hlc,
) -> bool {
    match section {
        Some(section) => section.write(value, stamp),
        None if value == T::default() => false,
        None => {
            *section = Some(Lww::new(value, stamp));
            true
        }
    }
}

/// Merges two replicas' copies of an optional section: the newer write, or
/// whichever exists.
fn merge_optional<T: Ord>(mine: Option<Lww<T>>, theirs: Option<Lww<T>>) -> Option<Lww<T>> {
    match (mine, theirs) {
        (Some(mine), Some(theirs)) => Some(mine.merge(theirs)),
        (mine, theirs) => mine.or(theirs),
    }
}

impl SessionDraft {
    /// A new draft `id` holding `note`, made at `stamp`, remembering the
    /// signed session it carries forward (see
    /// [`crate::clinical::amendment::AmendedSession::next_draft`]).
    pub(crate) fn create(
        id: RecordId,
        note: SessionNote,
        carried_from: Option<RecordId>,
        stamp: Hlc,
    ) -> Self {
        Self {
            id,
            created: stamp,
            carried_from,
            details: Lww::new(note.details, stamp),
            soap: Lww::new(note.soap, stamp),
            cst: Lww::new(note.cst, stamp),
            massage: Lww::new(note.massage, stamp),
            chart: Lww::new(note.chart, stamp),
            overrides: Lww::new(note.overrides, stamp),
            ratings: (!note.ratings.is_empty()).then(|| Lww::new(note.ratings, stamp)),
            since_last_time: (!note.since_last_time.is_not_asked())
                .then(|| Lww::new(note.since_last_time, stamp)),
            seen: std::iter::once(stamp).collect(),
            discarded: None,
        }
    }

    /// A new draft `id` holding `note`, made at `stamp`.
    pub fn start(id: RecordId, note: SessionNote, stamp: Hlc) -> Self {
        Self::create(id, note, None, stamp)
    }

    /// Saves an edit made at `stamp`. Only sections whose content changed
    /// take the new stamp. Returns whether anything changed.
    pub fn update(&mut self, note: SessionNote, stamp: Hlc) -> bool {
        let changes = [
            self.details.write(note.details, stamp),
            self.soap.write(note.soap, stamp),
            self.cst.write(note.cst, stamp),
            self.massage.write(note.massage, stamp),
            self.chart.write(note.chart, stamp),
            self.overrides.write(note.overrides, stamp),
            write_optional(&mut self.ratings, note.ratings, stamp),
            write_optional(&mut self.since_last_time, note.since_last_time, stamp),
        ];
        let changed = changes.contains(&true);
        if changed {
            self.seen.observe(stamp);
        }
        changed
    }

    /// Combines two replicas of this draft, as two devices may hold after
    /// charting on both: each section keeps its newer write, so edits to
    /// different sections both survive. Order-independent.
    pub fn merge(self, other: Self) -> Self {
        Self {
            id: self.id,
            created: self.created.min(other.created),
            carried_from: self.carried_from.max(other.carried_from),
            details: self.details.merge(other.details),
            soap: self.soap.merge(other.soap),
            cst: self.cst.merge(other.cst),
            massage: self.massage.merge(other.massage),
            chart: self.chart.merge(other.chart),
            overrides: self.overrides.merge(other.overrides),
            ratings: merge_optional(self.ratings, other.ratings),
            since_last_time: merge_optional(self.since_last_time, other.since_last_time),
            seen: {
                let mut seen = self.seen;
                seen.join(&other.seen);
                seen
            },
            discarded: self.discarded.max(other.discarded),
        }
    }

    /// Throws the draft away at `stamp`. Like signing, discarding is final:
    /// the draft stays only as a tombstone, and an edit made elsewhere
    /// before the discard was heard of is merged into it but never shown.
    /// Returns whether it was open.
    pub fn discard(&mut self, stamp: Hlc) -> bool {
        if self.discarded.is_some() {
            return false;
        }
        self.discarded = Some(stamp);
        self.seen.observe(stamp);
        true
    }

    /// Whether the draft was thrown away (and is kept only as a tombstone).
    pub fn is_discarded(&self) -> bool {
        self.discarded.is_some()
    }

    /// When the draft was thrown away, if it was.
    pub fn discarded(&self) -> Option<Hlc> {
        self.discarded
    }

    /// The note as it stands.
    pub fn note(&self) -> SessionNote {
        SessionNote {
            details: self.details.value().clone(),
            soap: self.soap.value().clone(),
            cst: self.cst.value().clone(),
            massage: self.massage.value().clone(),
            chart: self.chart.value().clone(),
            overrides: self.overrides.value().clone(),
            ratings: self
                .ratings
                .as_ref()
                .map(|ratings| ratings.value().clone())
                .unwrap_or_default(),
            since_last_time: self
                .since_last_time
                .as_ref()
                .map(|since| since.value().clone())
                .unwrap_or_default(),
        }
    }

    /// The record's permanent id, kept when the draft is signed.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// When the draft was started.
    pub fn created(&self) -> Hlc {
        self.created
    }

    /// The signed session this draft was started from, if any.
    pub fn carried_from(&self) -> Option<RecordId> {
        self.carried_from
    }

    /// When any section last changed: what the quiet "Saved" shows.
    pub fn last_changed(&self) -> Hlc {
        self.section_stamps()
            .into_iter()
            .max()
            .unwrap_or(self.created)
    }

    /// Which changes this copy reflects: every stamp it has held.
    pub(crate) fn seen(&self) -> VersionVector {
        let mut seen = self.seen.clone();
        seen.join(&self.section_stamps().into_iter().collect());
        seen.observe(self.created);
        if let Some(discarded) = self.discarded {
            seen.observe(discarded);
        }
        seen
    }

    /// The stamp of each section's last write: what sync compares.
    pub(crate) fn section_stamps(&self) -> Vec<Hlc> {
        let mut stamps = vec![
            self.details.stamp(),
            self.soap.stamp(),
            self.cst.stamp(),
            self.massage.stamp(),
            self.chart.stamp(),
            self.overrides.stamp(),
        ];
        stamps.extend(self.ratings.as_ref().map(Lww::stamp));
        stamps.extend(self.since_last_time.as_ref().map(Lww::stamp));
        stamps
    }

    /// What signing still needs, given the alerts active on the session date.
    pub fn missing_for_signing(&self, alerts: &[Alert]) -> Vec<Missing> {
        self.note().missing_for_signing(alerts)
    }

    /// Signs the note as `signed_by` at `stamp`, freezing it; or names
    /// everything still missing, leaving the draft as it was.
    pub fn sign(
        &self,
        alerts: &[Alert],
        signed_by: &str,
        stamp: Hlc,
    ) -> Result<SignedSession, Vec<Missing>> {
        let note = self.note();
        let mut missing = note.missing_for_signing(alerts);
        let signed_by = trimmed(signed_by, MAX_NAME_CHARS).unwrap_or_default();
        if signed_by.is_empty() {
            missing.push(Missing::Signer);
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        Ok(SignedSession {
            id: self.id,
            created: self.created,
            carried_from: self.carried_from,
            signed: stamp,
            signed_by,
            note,
            also_seen: VersionVector::new(),
        })
    }

    /// Signs as [`SessionDraft::sign`] does and records each before/after
    /// rating as a measure of the session, with ids from `new_id`. Measures
    /// are append-only, so they are made here, once the ratings can no
    /// longer change, and written with the signed note in one transaction.
    pub fn sign_with_measures(
        &self,
        alerts: &[Alert],
        signed_by: &str,
        stamp: Hlc,
        new_id: impl FnMut() -> RecordId,
    ) -> Result<Signing, Vec<Missing>> {
        let session = self.sign(alerts, signed_by, stamp)?;
        let details = session.note.details();
        let date = details
            .date
            .expect("signing refuses a note without its date");
        let measures =
            session
                .note
                .ratings()
                .measures(details.client, session.id, date, stamp, new_id);
        Ok(Signing { session, measures })
    }
}

/// A signed note and the measures its before/after ratings became.
#[derive(Clone, PartialEq, Debug)]
pub struct Signing {
    /// The signed note, ratings included as charted.
    pub session: SignedSession,
    /// One measure per rating, tied to the session and recorded at the
    /// signing: what the progress analytics read.
    pub measures: Vec<Measure>,
}

/// A signed session note: immutable (see the module docs).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedSession {
    id: RecordId,
    #[serde(with = "crate::base::hlc_text")]
    created: Hlc,
    carried_from: Option<RecordId>,
    #[serde(with = "crate::base::hlc_text")]
    signed: Hlc,
    signed_by: String,
    note: SessionNote,
    /// Stamps of other signings of the same draft that met this one: if two
    /// devices sign the same draft while apart, one signing is kept and the
    /// other's stamps stay seen, so what a device has seen never shrinks.
    #[serde(default, skip_serializing_if = "VersionVector::is_empty")]
    also_seen: VersionVector,
}

impl SignedSession {
    /// Which changes this copy reflects: its own stamps and those of any
    /// other signing of the draft it was merged with.
    pub(crate) fn seen(&self) -> VersionVector {
        let mut seen = self.also_seen.clone();
        seen.observe(self.created);
        seen.observe(self.signed);
        seen
    }

    /// Combines two copies of this signed note. Signing is final, so one
    /// copy is kept whole (the greater, whichever order they meet in) and
    /// the other's stamps are remembered as seen.
    pub(crate) fn join(self, other: Self) -> Self {
        let mut seen = self.seen();
        seen.join(&other.seen());
        self.max(other).noting(seen)
    }

    /// This copy, remembering `seen` (which includes its own stamps) as
    /// seen where its own stamps do not already say so.
    fn noting(mut self, seen: VersionVector) -> Self {
        self.also_seen = VersionVector::new();
        if !self.seen().includes(&seen) {
            self.also_seen = seen;
        }
        self
    }

    /// What an import keeps when `incoming` is another signing or another
    /// text of this note: this copy, with the other's stamps as seen (so
    /// what this device holds stays known), never the other's text. `None`
    /// when the two are the same signing, which merge as usual.
    pub(crate) fn kept_against(&self, incoming: &Self) -> Option<Self> {
        let bare = |session: &Self| Self {
            also_seen: VersionVector::new(),
            ..session.clone()
        };
        if bare(self) == bare(incoming) {
            return None;
        }
        let mut seen = self.seen();
        seen.join(&incoming.seen());
        Some(self.clone().noting(seen))
    }

    /// The record's permanent id (the draft's).
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// When the draft was started.
    pub fn created(&self) -> Hlc {
        self.created
    }

    /// The session this one was started from, if any.
    pub fn carried_from(&self) -> Option<RecordId> {
        self.carried_from
    }

    /// When it was signed.
    pub fn signed(&self) -> Hlc {
        self.signed
    }

    /// Who signed it.
    pub fn signed_by(&self) -> &str {
        &self.signed_by
    }

    /// The note exactly as signed. For the note with amendments applied, see
    /// [`AmendedSession::current_note`](crate::clinical::amendment::AmendedSession::current_note).
    pub fn note(&self) -> &SessionNote {
        &self.note
    }
}

/// The drafts among `drafts` that no signed note supersedes. A note is
/// signed from its draft and keeps its id, so once the note with a draft's
/// id is signed (`is_signed`) the draft is never shown or stored again,
/// whatever edits reach it later from a device that had not heard of the
/// signing. Discarded drafts are kept: they are tombstones.
pub fn unsigned_drafts<'a>(
    drafts: impl IntoIterator<Item = &'a SessionDraft>,
    is_signed: impl Fn(RecordId) -> bool,
) -> impl Iterator<Item = &'a SessionDraft> {
    drafts
        .into_iter()
        .filter(move |draft| !is_signed(draft.id()))
}

impl Immutable for SignedSession {
    fn id(&self) -> RecordId {
        self.id
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base::date::CalendarDate;
    use crate::clinical::alert_override::tests::alert;
    use crate::clinical::amendment::AmendedSession;
    use crate::clinical::cst_findings::TechniqueResponse;
    use crate::clinical::intake::tests::stamp;
    use crate::clinical::session_form::tests::{complete_input, complete_note, today};
    use crate::clinical::session_form::SessionInput;
    use crate::clinical::session_note::{SoapField, TextField};
    use crate::outcomes::measure::Timing;

    pub(crate) fn signed_session() -> SignedSession {
        SessionDraft::start(RecordId::from_bytes([5; 16]), complete_note(), stamp(1))
            .sign(&[], "Sam Rivera", stamp(2))
            .unwrap()
    }

    #[test]
    fn a_signed_note_supersedes_only_its_own_draft() {
        let draft =
            |byte| SessionDraft::start(RecordId::from_bytes([byte; 16]), complete_note(), stamp(1));
        let mut discarded = draft(7);
        discarded.discard(stamp(2));
        let drafts = [draft(5), draft(6), discarded];
        let id_of = |bytes: &[u8]| -> Vec<RecordId> {
            bytes
                .iter()
                .map(|&byte| RecordId::from_bytes([byte; 16]))
                .collect()
        };
        let cases: [(&[u8], &[u8]); 4] = [
            (&[], &[5, 6, 7]),
            (&[5], &[6, 7]),
            (&[5, 6, 7], &[]),
            (&[9], &[5, 6, 7]),
        ];
        for (signed, kept) in cases {
            let signed = id_of(signed);
            let left: Vec<RecordId> = unsigned_drafts(&drafts, |id| signed.contains(&id))
                .map(SessionDraft::id)
                .collect();
            assert_eq!(left, id_of(kept), "signed {signed:?}");
        }
    }

    #[test]
    fn an_edit_stamps_only_the_sections_it_changed() {
        let mut draft =
            SessionDraft::start(RecordId::from_bytes([5; 16]), complete_note(), stamp(1));
        let mut input = complete_input();
        input.soap.plan = "Fortnightly.".into();
        assert!(draft.update(input.validate(today()).unwrap(), stamp(2)));
        assert_eq!(
            (draft.soap.stamp(), draft.cst.stamp()),
            (stamp(2), stamp(1))
        );
        assert_eq!(draft.last_changed(), stamp(2));
        assert_eq!(draft.note().soap().plan, "Fortnightly.");
        assert!(!draft.update(draft.note(), stamp(3)));
    }

    #[test]
    fn edits_to_different_sections_on_two_devices_both_survive_a_merge() {
        let start = SessionDraft::start(RecordId::from_bytes([5; 16]), complete_note(), stamp(1));
        let mut tablet = start.clone();
        let mut laptop = start;
        let mut plan_edit = complete_input();
        plan_edit.soap.plan = "Fortnightly.".into();
        tablet.update(plan_edit.validate(today()).unwrap(), stamp(2));
        let mut technique_edit = complete_input();
        technique_edit.techniques[0].response = Some(TechniqueResponse::Partial);
        laptop.update(technique_edit.validate(today()).unwrap(), stamp(3));
        let merged = tablet.clone().merge(laptop.clone());
        assert_eq!(merged, laptop.merge(tablet));
        assert_eq!(merged.note().soap().plan, "Fortnightly.");
        assert_eq!(
            merged.note().cst().techniques[0].response,
            Some(TechniqueResponse::Partial)
        );
    }

    #[test]
    fn signing_names_what_is_missing_and_leaves_the_draft_alone() {
        let bare = SessionInput {
            client: complete_input().client,
            ..SessionInput::default()
        };
        let draft = SessionDraft::start(
            RecordId::from_bytes([5; 16]),
            bare.validate(today()).unwrap(),
            stamp(1),
        );
        let missing = draft.sign(&[], "  ", stamp(2)).unwrap_err();
        assert_eq!(missing.len(), 9);
        assert_eq!(missing.last(), Some(&Missing::Signer));
        assert_eq!(draft.last_changed(), stamp(1));
        let blocked = alert(0);
        let complete =
            SessionDraft::start(RecordId::from_bytes([5; 16]), complete_note(), stamp(1));
        assert_eq!(
            complete
                .sign(std::slice::from_ref(&blocked), "Sam", stamp(2))
                .unwrap_err()
                .len(),
            1
        );
    }

    #[test]
    fn signing_freezes_the_note_under_the_draft_s_id() {
        let signed = signed_session();
        assert_eq!(signed.id(), RecordId::from_bytes([5; 16]));
        assert_eq!(
            (signed.created(), signed.signed(), signed.signed_by()),
            (stamp(1), stamp(2), "Sam Rivera")
        );
        assert_eq!(signed.note(), &complete_note());
        let json = serde_json::to_string(&signed).unwrap();
        let stored_stamp = format!("\"signed\":\"{}\"", crate::base::hlc_text::format(stamp(2)));
        assert!(json.contains(&stored_stamp), "{json}");
        assert_eq!(
            serde_json::from_str::<SignedSession>(&json).unwrap(),
            signed
        );
    }

    #[test]
    fn start_from_last_carries_the_amended_plan_forward() {
        let signed = signed_session();
        let amendment = AmendedSession::new(&signed, [])
            .amend(
                RecordId::from_bytes([6; 16]),
                "Sam Rivera",
                "Plan agreed after the session",
                vec![(
                    TextField::Soap(SoapField::Plan),
                    "Fortnightly, add neck work.".into(),
                )],
                stamp(3),
            )
            .unwrap();
        let last = AmendedSession::new(&signed, [&amendment]);
        let next_date: CalendarDate = "2026-12-04".parse().unwrap();
        let draft = last.next_draft(RecordId::from_bytes([8; 16]), next_date, stamp(4));
        let note = draft.note();
        assert_eq!(draft.carried_from(), Some(signed.id()));
        assert_eq!(note.details().date, Some(next_date));
        assert_eq!(note.soap().plan, "Fortnightly, add neck work.");
        assert_eq!(note.soap().subjective, "");
        assert_eq!(note.cst().techniques[0].response, None);
        let mut finished = note.to_input();
        finished.start = "10:00".into();
        finished.soap.subjective = "Better.".into();
        finished.soap.objective = "Rhythm symmetric.".into();
        finished.soap.assessment = "Released.".into();
        finished.techniques[0].response = Some(TechniqueResponse::Partial);
        let mut draft = draft;
        let later_today: CalendarDate = "2026-12-04".parse().unwrap();
        assert!(draft.update(finished.validate(later_today).unwrap(), stamp(5)));
        let next = draft.sign(&[], "Sam Rivera", stamp(6)).unwrap();
        assert_eq!(next.carried_from(), Some(signed.id()));
    }

    /// `complete_input` without its ratings.
    fn unrated_input() -> SessionInput {
        SessionInput {
            ratings: Vec::new(),
            ..complete_input()
        }
    }

    #[test]
    fn since_last_time_is_a_section_of_its_own_absent_until_answered() {
        use crate::clinical::health_history::{Condition, ConditionAnswer};
        use crate::clinical::session_note::SessionField;
        use crate::clinical::since_last_time::{Changes, SinceError, SinceField, SinceLastTime};
        let mut draft =
            SessionDraft::start(RecordId::from_bytes([5; 16]), complete_note(), stamp(1));
        let json = serde_json::to_string(&draft).unwrap();
        assert!(!json.contains("since_last_time"), "{json}");
        assert!(!serde_json::to_string(&complete_note())
            .unwrap()
            .contains("since_last_time"));
        let mut laptop = draft.clone();

        let mut answered = complete_input();
        answered.since_last_time = SinceLastTime::Changed(Changes {
            conditions: vec![ConditionAnswer {
                condition: Condition::Fever,
                date: None,
                regions: vec![],
                note: " since Tuesday ".into(),
            }],
            ..Changes::default()
        });
        let note = answered.validate(today()).unwrap();
        assert_eq!(
            note.since_last_time().changes().unwrap().conditions[0].note,
            "since Tuesday"
        );
        assert!(draft.update(note.clone(), stamp(2)));
        assert_eq!(draft.soap.stamp(), stamp(1), "only the new section moved");
        assert_eq!(draft.note(), note);
        let json = serde_json::to_string(&draft).unwrap();
        assert_eq!(serde_json::from_str::<SessionDraft>(&json).unwrap(), draft);

        let mut plan_edit = complete_input();
        plan_edit.soap.plan = "Fortnightly.".into();
        laptop.update(plan_edit.validate(today()).unwrap(), stamp(3));
        let merged = draft.clone().merge(laptop.clone());
        assert_eq!(merged, laptop.merge(draft.clone()));
        assert_eq!(merged.note().soap().plan, "Fortnightly.");
        assert_eq!(merged.note().since_last_time(), note.since_last_time());

        let signed = draft.sign(&[], "Sam Rivera", stamp(4)).unwrap();
        assert_eq!(signed.note().since_last_time(), note.since_last_time());
        assert!(
            signed
                .note()
                .carried_forward(today())
                .since_last_time()
                .is_not_asked(),
            "asked afresh each session"
        );

        let mut empty = complete_input();
        empty.since_last_time = SinceLastTime::Changed(Changes::default());
        assert_eq!(
            empty.validate(today()).unwrap_err(),
            [(
                SessionField::SinceLastTime(SinceField::Answer),
                SinceError::NothingSaid.into()
            )]
        );
    }

    #[test]
    fn ratings_are_a_section_of_their_own_absent_until_rated() {
        let unrated = unrated_input().validate(today()).unwrap();
        let mut draft = SessionDraft::start(RecordId::from_bytes([5; 16]), unrated, stamp(1));
        let json = serde_json::to_string(&draft).unwrap();
        assert!(!json.contains("ratings"), "{json}");
        assert_eq!(serde_json::from_str::<SessionDraft>(&json).unwrap(), draft);
        let mut laptop = draft.clone();

        assert!(draft.update(complete_note(), stamp(2)));
        assert_eq!(draft.soap.stamp(), stamp(1));
        assert_eq!(draft.last_changed(), stamp(2));
        assert_eq!(draft.note(), complete_note());
        let mut changed = complete_input();
        changed.ratings[1].value = 2;
        assert!(draft.update(changed.validate(today()).unwrap(), stamp(3)));
        assert_eq!(
            draft.note().ratings().to_input()[1].value,
            2,
            "a rating can be changed before signing"
        );

        let mut plan_edit = unrated_input();
        plan_edit.soap.plan = "Fortnightly.".into();
        laptop.update(plan_edit.validate(today()).unwrap(), stamp(4));
        let merged = draft.clone().merge(laptop.clone());
        assert_eq!(merged, laptop.merge(draft));
        assert_eq!(merged.note().soap().plan, "Fortnightly.");
        assert_eq!(
            merged.note().ratings(),
            &changed.validate(today()).unwrap().ratings
        );
        let json = serde_json::to_string(&merged).unwrap();
        assert_eq!(serde_json::from_str::<SessionDraft>(&json).unwrap(), merged);
    }

    #[test]
    fn signing_records_each_rating_as_a_measure_of_the_session() {
        let draft = SessionDraft::start(RecordId::from_bytes([5; 16]), complete_note(), stamp(1));
        let mut serial = 20u8;
        let signing = draft
            .sign_with_measures(&[], "Sam Rivera", stamp(2), || {
                serial += 1;
                RecordId::from_bytes([serial; 16])
            })
            .unwrap();
        assert_eq!(
            signing.session,
            draft.sign(&[], "Sam Rivera", stamp(2)).unwrap()
        );
        let recorded: Vec<(Timing, Option<RecordId>, CalendarDate, Hlc)> = signing
            .measures
            .iter()
            .map(|m| (m.timing(), m.session(), m.date(), m.recorded()))
            .collect();
        let session = Some(draft.id());
        assert_eq!(
            recorded,
            vec![
                (Timing::PreSession, session, today(), stamp(2)),
                (Timing::PostSession, session, today(), stamp(2)),
            ]
        );
        let unrated = SessionDraft::start(
            RecordId::from_bytes([6; 16]),
            unrated_input().validate(today()).unwrap(),
            stamp(1),
        );
        let signing = unrated
            .sign_with_measures(&[], "Sam Rivera", stamp(2), || unreachable!())
            .unwrap();
        assert!(signing.measures.is_empty());
        let blank = SessionDraft::start(
            RecordId::from_bytes([7; 16]),
            SessionInput {
                client: complete_input().client,
                ..SessionInput::default()
            }
            .validate(today())
            .unwrap(),
            stamp(1),
        );
        assert!(blank
            .sign_with_measures(&[], "Sam Rivera", stamp(2), || unreachable!())
            .is_err());
    }

    #[test]
    fn a_follow_up_starts_without_the_last_session_s_ratings() {
        let last = signed_session();
        assert!(!last.note().ratings().is_empty());
        let next = AmendedSession::new(&last, []).next_draft(
            RecordId::from_bytes([8; 16]),
            today(),
            stamp(3),
        );
        assert!(next.note().ratings().is_empty());
    }

    #[test]
    fn drafts_round_trip() {
        let draft = SessionDraft::start(RecordId::from_bytes([5; 16]), complete_note(), stamp(1));
        let json = serde_json::to_string(&draft).unwrap();
        assert_eq!(serde_json::from_str::<SessionDraft>(&json).unwrap(), draft);
    }
}
