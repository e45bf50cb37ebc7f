//! The "since last time" step at the start of a session: the re-check the
//! clinical reference asks for at each visit (core `since_last_time`).
//! "Nothing changed" is one tap; "Something changed" opens small parts of
//! the answer (conditions, medications, injuries or operations, pregnancy,
//! a note) shaped like the intake's, so screening reads them the same way.

use std::rc::Rc;

use stillpoint_core::base::date::CalendarDate;
use stillpoint_core::clinical::health_history::{
    Condition, ConditionAnswer, EventAnswer, EventKind, Medication, Pregnancy, Site,
};
use stillpoint_core::clinical::since_last_time::{Changes, SinceField, SinceLastTime};
use yew::prelude::*;

use crate::components::chips::{one_of, Chip, ToggleChips};
use crate::components::field::{Field, FieldKind};

/// One change to the answer, applied to the form's newest copy so quick
/// taps never edit a stale one.
pub type SinceEdit = Rc<dyn Fn(&mut SinceLastTime)>;

/// What [`since_step`] shows.
pub struct SinceStep<'a> {
    /// The answer so far.
    pub answer: &'a SinceLastTime,
    /// The session date: a new injury or operation starts dated that day.
    pub on: CalendarDate,
    /// Messages for parts of the answer, only those to show now.
    pub errors: Vec<(SinceField, String)>,
    /// Called with each change.
    pub on_edit: Callback<SinceEdit>,
}

/// An edit of the changes, turning any other answer into "changed".
fn changing(change: impl Fn(&mut Changes) + 'static) -> SinceEdit {
    Rc::new(move |answer: &mut SinceLastTime| {
        let mut changes = answer.changes().cloned().unwrap_or_default();
        change(&mut changes);
        *answer = SinceLastTime::Changed(changes);
    })
}

/// A callback that applies `change` with the value it is called with.
fn edit_with<V: Clone + 'static>(
    on_edit: &Callback<SinceEdit>,
    change: impl Fn(&mut Changes, V) + 'static,
) -> Callback<V> {
    let on_edit = on_edit.clone();
    let change = Rc::new(change);
    Callback::from(move |value: V| {
        let change = change.clone();
        let value = Rc::new(value);
        on_edit.emit(Rc::new(move |answer: &mut SinceLastTime| {
            let mut changes = answer.changes().cloned().unwrap_or_default();
            change(&mut changes, Rc::unwrap_or_clone(value.clone()));
            *answer = SinceLastTime::Changed(changes);
        }))
    })
}

/// The checklist offered as new conditions: everything on the intake's
/// list but the presentations (migraine, TMJ), which are reasons to come,
/// not reasons to hold back.
fn new_conditions() -> impl Iterator<Item = Condition> {
    Condition::ALL
        .into_iter()
        .filter(|condition| !Condition::PRESENTATIONS.contains(condition))
}

const PREGNANCY: [(Pregnancy, &str); 3] = [
    (Pregnancy::Yes, "Now pregnant"),
    (Pregnancy::HighRisk, "High-risk pregnancy"),
    (Pregnancy::No, "No longer pregnant"),
];

/// The step: the question, the one-tap answer, and the parts of a change.
pub fn since_step(step: SinceStep<'_>) -> Html {
    let SinceStep {
        answer,
        on,
        errors,
        on_edit,
    } = step;
    let error = |wanted: SinceField| {
        errors
            .iter()
            .find(|(field, _)| *field == wanted)
            .map(|(_, text)| text.clone())
    };
    let nothing = {
        let on_edit = on_edit.clone();
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(Rc::new(|answer: &mut SinceLastTime| {
                *answer = SinceLastTime::NothingChanged
            }))
        })
    };
    let something = {
        let on_edit = on_edit.clone();
        Callback::from(move |_: MouseEvent| on_edit.emit(changing(|_| {})))
    };
    let pressed = |on: bool| if on { "true" } else { "false" };
    let changes = answer.changes().map(|changes| {
        let condition_chips: Vec<Chip> = new_conditions()
            .map(|condition| Chip {
                key: condition.label().into(),
                label: condition.label().into(),
                on: changes
                    .conditions
                    .iter()
                    .any(|answer| answer.condition == condition),
            })
            .collect();
        let toggle_condition = edit_with(&on_edit, |changes, key: AttrValue| {
            let Some(condition) = new_conditions().find(|c| c.label() == key.as_str()) else {
                return;
            };
            match changes
                .conditions
                .iter()
                .position(|answer| answer.condition == condition)
            {
                Some(row) => {
                    changes.conditions.remove(row);
                }
                None => changes.conditions.push(ConditionAnswer {
                    condition,
                    date: None,
                    regions: Vec::new(),
                    note: String::new(),
                }),
            }
        });
        let medications = changes.medications.iter().enumerate().map(|(row, medication)| {
            let blood_thinner = vec![Chip {
                key: "blood-thinner".into(),
                label: "Blood thinner".into(),
                on: medication.anticoagulant,
            }];
            html! {
                <li class="since-row">
                    <Field id={format!("since-medication-{row}")} label="Medication name" kind={FieldKind::Text}
                        value={medication.name.clone()} error={error(SinceField::MedicationName(row))}
                        on_input={edit_with(&on_edit, move |changes, text: String| changes.medications[row].name = text)}
                        on_blur={Callback::noop()} />
                    <ToggleChips label={format!("Medication {} is a blood thinner", row + 1)} chips={blood_thinner}
                        on_toggle={edit_with(&on_edit, move |changes, _: AttrValue| {
                            let medication = &mut changes.medications[row];
                            medication.anticoagulant = !medication.anticoagulant;
                        })} />
                    <button type="button" class="button danger-outline"
                        onclick={edit_with(&on_edit, move |changes, _: MouseEvent| { changes.medications.remove(row); })}>
                        { "Remove medication" }
                    </button>
                </li>
            }
        });
        let kinds: Vec<(EventKind, &'static str)> =
            EventKind::ALL.iter().map(|kind| (*kind, kind.label())).collect();
        let sites: Vec<(Site, &'static str)> =
            Site::ALL.iter().map(|site| (*site, site.label())).collect();
        let events = changes.events.iter().enumerate().map(|(row, event)| {
            html! {
                <li class="since-row">
                    <p class="field-label">{ "What happened" }</p>
                    { one_of(format!("What happened, row {}", row + 1), &kinds, Some(event.kind),
                        edit_with(&on_edit, move |changes, kind: Option<EventKind>| {
                            if let Some(kind) = kind { changes.events[row].kind = kind; }
                        })) }
                    <p class="field-label">{ "Where" }</p>
                    { one_of(format!("Where, row {}", row + 1), &sites, Some(event.site),
                        edit_with(&on_edit, move |changes, site: Option<Site>| {
                            if let Some(site) = site { changes.events[row].site = site; }
                        })) }
                    <Field id={format!("since-event-{row}-date")} label="When" kind={FieldKind::Date}
                        value={event.date.to_string()} error={error(SinceField::EventDate(row))}
                        on_input={edit_with(&on_edit, move |changes, text: String| {
                            if let Ok(date) = text.parse() { changes.events[row].date = date; }
                        })}
                        on_blur={Callback::noop()} />
                    <Field id={format!("since-event-{row}-note")} label="Details" kind={FieldKind::Text}
                        value={event.note.clone()} error={error(SinceField::EventNote(row))}
                        on_input={edit_with(&on_edit, move |changes, text: String| changes.events[row].note = text)}
                        on_blur={Callback::noop()} />
                    <button type="button" class="button danger-outline"
                        onclick={edit_with(&on_edit, move |changes, _: MouseEvent| { changes.events.remove(row); })}>
                        { "Remove this" }
                    </button>
                </li>
            }
        });
        let add_medication = edit_with(&on_edit, |changes, _: MouseEvent| {
            changes.medications.push(Medication::default())
        });
        let add_event = edit_with(&on_edit, move |changes, _: MouseEvent| {
            changes.events.push(EventAnswer {
                kind: EventKind::Trauma,
                site: Site::Other,
                date: on,
                regions: Vec::new(),
                note: String::new(),
            })
        });
        html! {
            <div class="since-changes">
                <h3>{ "New illness, fever or condition" }</h3>
                <ToggleChips label="New illness, fever or condition" chips={condition_chips} on_toggle={toggle_condition} />
                <h3>{ "New medication" }</h3>
                if !changes.medications.is_empty() {
                    <ul class="since-rows">{ for medications }</ul>
                }
                <button type="button" class="button" onclick={add_medication}>{ "Add a medication" }</button>
                <h3>{ "Injury, surgery or procedure" }</h3>
                if !changes.events.is_empty() {
                    <ul class="since-rows">{ for events }</ul>
                }
                <button type="button" class="button" onclick={add_event}>{ "Add an injury, surgery or procedure" }</button>
                <h3>{ "Pregnancy" }</h3>
                { one_of("Pregnancy since last time", &PREGNANCY, changes.pregnancy,
                    edit_with(&on_edit, |changes, pregnancy: Option<Pregnancy>| changes.pregnancy = pregnancy)) }
                <Field id="since-note" label="Anything else, in the client's words" kind={FieldKind::Multiline}
                    value={changes.note.clone()} error={error(SinceField::Note)}
                    on_input={edit_with(&on_edit, |changes, text: String| changes.note = text)}
                    on_blur={Callback::noop()} />
                if let Some(problem) = error(SinceField::Answer) {
                    <p class="field-message" role="alert">{ problem }</p>
                }
            </div>
        }
    });
    html! {
        <section class="form-section since-last-time" id="session-since-last-time" aria-labelledby="since-heading">
            <h2 id="since-heading">{ "Since last time" }</h2>
            <p>{ "Ask: any new illness or fever, new medication, injury, surgery or procedure, or pregnancy since the last visit?" }</p>
            <div class="actions start">
                <button type="button" class="button choice" aria-pressed={pressed(*answer == SinceLastTime::NothingChanged)}
                    onclick={nothing}>{ "Nothing changed" }</button>
                <button type="button" class="button choice" aria-pressed={pressed(answer.changes().is_some())}
                    onclick={something}>{ "Something changed" }</button>
            </div>
            { for changes }
        </section>
    }
}
