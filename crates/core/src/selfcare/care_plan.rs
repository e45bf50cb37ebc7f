//! A client's self-care plan: the home-care items the therapist chose and
//! adapted for them, each optionally tied to goals of the treatment plan,
//! and a short message to the client.
//!
//! Like treatment plans, a self-care plan is never edited in place: a new
//! plan is a new [`CarePlanVersion`] naming the one it replaces, so the
//! history keeps every plan the client was given, versions merge as a
//! grow-only set, and a diary always refers to exactly the items the client
//! saw (by position in its version).

use serde::{Deserialize, Serialize};

use super::care_item::{CareItem, CareItemError, CareItemField, CareItemInput};
use super::library::LibraryKey;
use crate::base::date::CalendarDate;
use crate::base::hlc::Hlc;
use crate::base::ids::RecordId;
use crate::base::text_limit::{trimmed, TooLong};
use crate::merge::gset::Immutable;
use crate::merge::version_chain::{self, Version};
use crate::outcomes::plan::PlanVersion;

/// Most items in one plan. A client does a handful; the bound also keeps
/// the handout under its size budget.
pub const MAX_PLAN_ITEMS: usize = 20;
/// Longest message to the client, in characters.
pub const MAX_MESSAGE_CHARS: usize = 600;

/// One item of the plan form: the item's fields, where it came from in the
/// library, and the treatment-plan goals (by position) it serves.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct PlannedItemInput {
    /// The item as adapted for this client.
    pub item: CareItemInput,
    /// The library entry it was taken from, if any.
    pub source: Option<LibraryKey>,
    /// Positions of the goals in the treatment plan this item serves.
    pub goals: Vec<u8>,
}

/// The plan form as filled in.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct CarePlanInput {
    /// The items, in the order the client reads them.
    pub items: Vec<PlannedItemInput>,
    /// A short message to the client, or empty.
    pub message: String,
}

/// Why the plan form cannot be saved, in the therapist's words.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum CarePlanError {
    /// No items.
    #[error("Add at least one item from the library, or write one.")]
    NoItems,
    /// Too many items.
    #[error("A plan holds at most {max} items: keep the few that matter most.")]
    TooManyItems {
        /// The limit.
        max: usize,
    },
    /// An item's own problem.
    #[error("{error}")]
    Item {
        /// The item's field.
        field: CareItemField,
        /// What is wrong.
        error: CareItemError,
    },
    /// An item names a goal the treatment plan does not have.
    #[error("This item is linked to a goal that is not in the current treatment plan. Choose the goals again.")]
    UnknownGoal,
    /// The message is too long.
    #[error(transparent)]
    MessageTooLong(#[from] TooLong),
}

/// Where a plan-form problem is.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum CarePlanPart {
    /// The plan as a whole.
    Plan,
    /// One item, by zero-based position.
    Item(usize),
    /// The message.
    Message,
}

/// One item of a saved plan.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlannedItem {
    item: CareItem,
    source: Option<LibraryKey>,
    goals: Vec<u8>,
}

impl PlannedItem {
    /// The item as the client reads it.
    pub fn item(&self) -> &CareItem {
        &self.item
    }

    /// The library entry it came from, if any.
    pub fn source(&self) -> Option<&LibraryKey> {
        self.source.as_ref()
    }

    /// Positions of the treatment-plan goals it serves.
    pub fn goals(&self) -> &[u8] {
        &self.goals
    }
}

/// One version of a client's self-care plan; immutable once made.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarePlanVersion {
    id: RecordId,
    client: RecordId,
    previous: Option<RecordId>,
    #[serde(with = "crate::base::hlc_text")]
    stamp: Hlc,
    written: CalendarDate,
    treatment_plan: Option<RecordId>,
    items: Vec<PlannedItem>,
    message: String,
}

impl CarePlanInput {
    /// The form filled in from a saved plan, to start the next version.
    pub fn from_plan(plan: &CarePlanVersion) -> Self {
        Self {
            items: plan
                .items
                .iter()
                .map(|planned| PlannedItemInput {
                    item: planned.item.to_input(),
                    source: planned.source.clone(),
                    goals: planned.goals.clone(),
                })
                .collect(),
            message: plan.message.clone(),
        }
    }

    /// A new plan for `client`, written on `written`, replacing `previous`
    /// if given, with goals checked against `treatment_plan` (the client's
    /// current treatment plan, if any). Every problem is returned with where
    /// it is.
    pub fn validate(
        &self,
        made: NewVersion,
        treatment_plan: Option<&PlanVersion>,
    ) -> Result<CarePlanVersion, Vec<(CarePlanPart, CarePlanError)>> {
        let mut problems = Vec::new();
        if self.items.is_empty() {
            problems.push((CarePlanPart::Plan, CarePlanError::NoItems));
        }
        if self.items.len() > MAX_PLAN_ITEMS {
            problems.push((
                CarePlanPart::Plan,
                CarePlanError::TooManyItems {
                    max: MAX_PLAN_ITEMS,
                },
            ));
        }
        let goal_count = treatment_plan.map_or(0, |plan| plan.plan().goals().len());
        let mut items = Vec::new();
        for (index, planned) in self.items.iter().enumerate() {
            match planned.item.validate() {
                Ok(item) => items.push(PlannedItem {
                    item,
                    source: planned.source.clone(),
                    goals: canonical_goals(&planned.goals),
                }),
                Err(errors) => problems.extend(errors.into_iter().map(|(field, error)| {
                    (
                        CarePlanPart::Item(index),
                        CarePlanError::Item { field, error },
                    )
                })),
            }
            if planned
                .goals
                .iter()
                .any(|goal| usize::from(*goal) >= goal_count)
            {
                problems.push((CarePlanPart::Item(index), CarePlanError::UnknownGoal));
            }
        }
        let message = trimmed(&self.message, MAX_MESSAGE_CHARS)
            .map_err(|error| problems.push((CarePlanPart::Message, error.into())))
            .unwrap_or_default();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CarePlanVersion {
            id: made.id,
            client: made.client,
            previous: made.previous,
            stamp: made.stamp,
            written: made.written,
            treatment_plan: treatment_plan.map(PlanVersion::id),
            items,
            message,
        })
    }
}

/// Goal positions sorted and without repeats, as stored.
fn canonical_goals(goals: &[u8]) -> Vec<u8> {
    let mut goals = goals.to_vec();
    goals.sort_unstable();
    goals.dedup();
    goals
}

/// What the caller supplies to make a version: ids, time and history.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct NewVersion {
    /// The new version's id.
    pub id: RecordId,
    /// The client.
    pub client: RecordId,
    /// The version it replaces, if any.
    pub previous: Option<RecordId>,
    /// When it is made.
    pub stamp: Hlc,
    /// The day it is written, shown on the handout.
    pub written: CalendarDate,
}

impl CarePlanVersion {
    /// This version's id.
    pub fn id(&self) -> RecordId {
        self.id
    }

    /// The client the plan is for.
    pub fn client(&self) -> RecordId {
        self.client
    }

    /// The version this one replaces, if any.
    pub fn previous(&self) -> Option<RecordId> {
        self.previous
    }

    /// When this version was made.
    pub fn stamp(&self) -> Hlc {
        self.stamp
    }

    /// The day it was written.
    pub fn written(&self) -> CalendarDate {
        self.written
    }

    /// The treatment-plan version whose goals the items refer to.
    pub fn treatment_plan(&self) -> Option<RecordId> {
        self.treatment_plan
    }

    /// The items, in order.
    pub fn items(&self) -> &[PlannedItem] {
        &self.items
    }

    /// The message to the client, or empty.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the plan form would store exactly this version: the check
    /// for versions read from files (goal positions are checked where the
    /// treatment plan is at hand).
    pub fn is_as_entered(&self) -> bool {
        let items_fit = (1..=MAX_PLAN_ITEMS).contains(&self.items.len())
            && self.items.iter().all(|planned| {
                planned.item.is_as_entered() && canonical_goals(&planned.goals) == planned.goals
            });
        items_fit
            && self.previous != Some(self.id)
            && (self.treatment_plan.is_some() || self.items.iter().all(|p| p.goals.is_empty()))
            && trimmed(&self.message, MAX_MESSAGE_CHARS).as_deref() == Ok(self.message.as_str())
    }
}

impl Immutable for CarePlanVersion {
    fn id(&self) -> RecordId {
        self.id
    }
}

impl Version for CarePlanVersion {
    fn version_id(&self) -> RecordId {
        self.id
    }

    fn client_id(&self) -> RecordId {
        self.client
    }

    fn revises(&self) -> Option<RecordId> {
        self.previous
    }

    fn made(&self) -> Hlc {
        self.stamp
    }
}

/// The client's current self-care plan, if they have one.
pub fn current_care_plan(
    versions: &[CarePlanVersion],
    client: RecordId,
) -> Option<&CarePlanVersion> {
    version_chain::current(versions, client)
}

/// Every self-care plan the client was given, oldest first, each with
/// whether a later plan replaced it.
pub fn care_plan_history(
    versions: &[CarePlanVersion],
    client: RecordId,
) -> Vec<(&CarePlanVersion, bool)> {
    version_chain::history(versions, client)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::base::ids::DeviceId;
    use crate::selfcare::care_item::tests::input;

    pub(crate) fn id(byte: u8) -> RecordId {
        RecordId::from_bytes([byte; 16])
    }

    pub(crate) fn stamp(millis: u64) -> Hlc {
        Hlc::from_parts(millis, 0, DeviceId::from_bytes([3; 16]))
    }

    pub(crate) fn made(version: u8, previous: Option<u8>, millis: u64) -> NewVersion {
        NewVersion {
            id: id(version),
            client: id(1),
            previous: previous.map(id),
            stamp: stamp(millis),
            written: "2026-11-20".parse().unwrap(),
        }
    }

    /// A valid plan of the given item titles for client `id(1)`.
    pub(crate) fn plan_of(titles: &[&str], version: u8) -> CarePlanVersion {
        CarePlanInput {
            items: titles
                .iter()
                .map(|title| PlannedItemInput {
                    item: input(title),
                    source: None,
                    goals: Vec::new(),
                })
                .collect(),
            message: " See you in two weeks. ".to_owned(),
        }
        .validate(made(version, None, u64::from(version)), None)
        .unwrap()
    }

    #[test]
    fn a_plan_keeps_its_items_in_order_and_round_trips_through_its_form() {
        let plan = plan_of(&["Walk", "Breathe"], 2);
        let titles: Vec<&str> = plan.items().iter().map(|p| p.item().title()).collect();
        assert_eq!(titles, ["Walk", "Breathe"]);
        assert_eq!(plan.message(), "See you in two weeks.");
        assert!(plan.is_as_entered());
        let again = CarePlanInput::from_plan(&plan)
            .validate(made(2, None, 2), None)
            .unwrap();
        assert_eq!(again, plan);
        let json = serde_json::to_string(&plan).unwrap();
        assert_eq!(
            serde_json::from_str::<CarePlanVersion>(&json).unwrap(),
            plan
        );
    }

    #[test]
    fn an_empty_or_overfull_plan_is_refused() {
        let empty = CarePlanInput::default().validate(made(2, None, 2), None);
        assert_eq!(
            empty.unwrap_err(),
            [(CarePlanPart::Plan, CarePlanError::NoItems)]
        );
        let titles = vec!["Walk"; MAX_PLAN_ITEMS + 1];
        let form = CarePlanInput::from_plan(&plan_of(&titles[..MAX_PLAN_ITEMS], 2));
        let mut overfull = form.clone();
        overfull.items.push(form.items[0].clone());
        assert_eq!(
            overfull.validate(made(2, None, 2), None).unwrap_err(),
            [(
                CarePlanPart::Plan,
                CarePlanError::TooManyItems {
                    max: MAX_PLAN_ITEMS
                }
            )]
        );
    }

    #[test]
    fn item_problems_are_placed_by_position() {
        let mut form = CarePlanInput::from_plan(&plan_of(&["Walk", "Breathe"], 2));
        form.items[1].item.title = "  ".to_owned();
        form.items[0].goals = vec![0];
        let problems = form.validate(made(2, None, 2), None).unwrap_err();
        assert_eq!(
            problems,
            [
                (CarePlanPart::Item(0), CarePlanError::UnknownGoal),
                (
                    CarePlanPart::Item(1),
                    CarePlanError::Item {
                        field: CareItemField::Title,
                        error: CareItemError::MissingTitle
                    }
                ),
            ]
        );
    }

    #[test]
    fn a_new_plan_replaces_the_old_one_which_stays_in_history() {
        let first = plan_of(&["Walk"], 2);
        let second = CarePlanInput::from_plan(&first)
            .validate(made(3, Some(2), 9), None)
            .unwrap();
        let versions = vec![second.clone(), first.clone()];
        assert_eq!(current_care_plan(&versions, id(1)), Some(&second));
        assert_eq!(
            care_plan_history(&versions, id(1)),
            [(&first, true), (&second, false)]
        );
        assert_eq!(current_care_plan(&versions, id(9)), None);
    }
}
