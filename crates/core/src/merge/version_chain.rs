//! Records that are never edited in place but revised by a new version
//! naming the one it replaces: treatment plans and self-care plans.
//!
//! Versions merge as a grow-only set, so which version is current has to be
//! worked out, the same way for every such kind: the newest version that no
//! other version revises. If two devices revised the same version while
//! apart, the later stamp is current and the other stays in the history.

use std::collections::BTreeSet;

use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;

/// One version in a chain of revisions of a client's record.
pub trait Version {
    /// This version's id.
    fn version_id(&self) -> RecordId;
    /// The client it belongs to.
    fn client_id(&self) -> RecordId;
    /// The version it revises, if any.
    fn revises(&self) -> Option<RecordId>;
    /// When it was made.
    fn made(&self) -> Hlc;
}

fn versions_of<T: Version>(versions: &[T], client: RecordId) -> impl Iterator<Item = &T> {
    versions
        .iter()
        .filter(move |version| version.client_id() == client)
}

fn revised_ids<T: Version>(versions: &[T], client: RecordId) -> BTreeSet<RecordId> {
    versions_of(versions, client)
        .filter_map(Version::revises)
        .collect()
}

/// The client's current version: the newest one no other version revises.
/// `None` if the client has none.
pub fn current<T: Version>(versions: &[T], client: RecordId) -> Option<&T> {
    let revised = revised_ids(versions, client);
    versions_of(versions, client)
        .filter(|version| !revised.contains(&version.version_id()))
        .max_by_key(|version| version.made())
}

/// Every version of the client's, oldest first, each with whether a later
/// version revises it.
pub fn history<T: Version>(versions: &[T], client: RecordId) -> Vec<(&T, bool)> {
    let revised = revised_ids(versions, client);
    let mut history: Vec<(&T, bool)> = versions_of(versions, client)
        .map(|version| (version, revised.contains(&version.version_id())))
        .collect();
    history.sort_by_key(|(version, _)| version.made());
    history
}
