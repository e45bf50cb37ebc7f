//! A new intake: health history, medications, pregnancy, surgeries and
//! injuries, allergies, emergency contact, goals, and consent with a typed
//! name and a drawn signature. It starts from the last intake's answers
//! (dated and signed afresh); an older intake is never changed. What is
//! typed is kept as a draft as it is typed, and each field is checked as
//! soon as it is left.

use std::collections::HashSet;

use stillpoint_core::clinical::health_history::{
    AllergenKind, Allergy, Condition, EventKind, Medication, Pregnancy, Site,
};
use stillpoint_core::clinical::intake::{
    is_minor_on, ConditionInput, EventInput, IntakeField, IntakeFieldError, IntakeInput,
    AGE_OF_MAJORITY,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::clinical_screens::ClinicalProps;
use crate::routes::Route;
use stillpoint_ui::components::chips::{one_of, Chip, ToggleChips};
use stillpoint_ui::components::field::{FieldKind, FieldMessages};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::components::region_picker::region_picker;
use stillpoint_ui::components::signature_pad::SignaturePad;
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::{edit, use_autosave, Edit, FormInput};
use stillpoint_ui::records::RecordEvent;
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::state::{Action, Notice};

/// What the client agrees to by signing.
const CONSENT_TEXT: &str = "I agree to receive craniosacral therapy and massage as discussed \
    with my therapist. I have answered these questions truthfully, and I will tell my \
    therapist about any change in my health. I can stop a session at any time.";

/// The element id of a field, so messages and focus can find it.
pub fn field_id(field: IntakeField) -> String {
    match field {
        IntakeField::Date => "intake-date".into(),
        IntakeField::Condition(row) => format!("intake-condition-{row}"),
        IntakeField::ConditionDate(row) => format!("intake-condition-{row}-date"),
        IntakeField::ConditionNote(row) => format!("intake-condition-{row}-note"),
        IntakeField::HistoryNotes => "intake-history".into(),
        IntakeField::EventDate(row) => format!("intake-event-{row}-date"),
        IntakeField::EventNote(row) => format!("intake-event-{row}-note"),
        IntakeField::MedicationName(row) => format!("intake-medication-{row}-name"),
        IntakeField::MedicationNote(row) => format!("intake-medication-{row}-note"),
        IntakeField::AllergySubstance(row) => format!("intake-allergy-{row}"),
        IntakeField::ContactName => "intake-contact-name".into(),
        IntakeField::ContactRelationship => "intake-contact-relationship".into(),
        IntakeField::ContactPhone => "intake-contact-phone".into(),
        IntakeField::Goals => "intake-goals".into(),
        IntakeField::ConsentName => "intake-consent-name".into(),
        IntakeField::GuardianRelationship => "intake-guardian-relationship".into(),
        IntakeField::Signature => "intake-signature".into(),
        IntakeField::ConsentDate => "intake-consent-date".into(),
    }
}

/// Moves keyboard focus to the element `id`, if it is on the page.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Chips choosing one of `options`; the choice can change but not be
/// cleared.
fn choice<T: Copy + PartialEq + 'static>(
    label: &'static str,
    options: &[(T, &'static str)],
    chosen: T,
    on_choose: Callback<T>,
) -> Html {
    let on_choose = Callback::from(move |value: Option<T>| {
        if let Some(value) = value {
            on_choose.emit(value);
        }
    });
    one_of(label, options, Some(chosen), on_choose)
}

/// Runs `change` on row `row` of the list `rows` picks, if it still exists.
fn on_row<T>(rows: &mut [T], row: usize, change: impl FnOnce(&mut T)) {
    if let Some(found) = rows.get_mut(row) {
        change(found);
    }
}

/// The new-intake form.
#[function_component(IntakeForm)]
pub fn intake_form(props: &ClinicalProps) -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let client = props.client.clone();
    let client_id = client.id();
    let today = app.services.today();
    let form = {
        let previous = props
            .records
            .intake_on(today)
            .map(|intake| intake.to_input());
        use_reducer(move || {
            let mut input = previous.unwrap_or_default();
            input.date = today.to_string();
            input.consent.date = today.to_string();
            FormInput(input)
        })
    };
    let touched = use_state(HashSet::<IntakeField>::new);
    let submitted = use_state(|| false);
    let saving = use_state(|| false);
    let status = use_state(|| None::<&'static str>);

    {
        let app = app.clone();
        let form = form.clone();
        let status = status.clone();
        use_effect_with(client_id, move |&client| {
            spawn_local(async move {
                if let Ok(Some(draft)) = app.services.intake_draft(client).await {
                    form.dispatch(Edit::new(move |input| *input = draft));
                    status.set(Some("Restored what you typed earlier."));
                }
            });
        });
    }
    let pending = {
        let app = app.clone();
        let status = status.clone();
        use_autosave(
            form.0.clone(),
            Callback::from(move |input: IntakeInput| {
                let app = app.clone();
                let status = status.clone();
                spawn_local(async move {
                    status.set(Some(
                        match app.services.save_intake_draft(client_id, &input).await {
                            Ok(()) => "Draft saved on this device.",
                            Err(_) => "The draft could not be kept; save the intake to keep it.",
                        },
                    ));
                });
            }),
        )
    };

    let input = &form.0;
    let errors: Vec<(IntakeField, IntakeFieldError)> = input
        .validate(today, client.date_of_birth())
        .err()
        .unwrap_or_default();
    let messages = FieldMessages {
        problems: &errors,
        touched: &touched,
        show_all: *submitted,
    };
    let text = |field: IntakeField,
                label: &'static str,
                kind: FieldKind,
                value: &str,
                on_input: Callback<String>| {
        messages.field(field, field_id(field), label, kind, value, on_input)
    };

    // Health history: the checklist, then the ticked conditions' details.
    let ticked: Vec<Condition> = input.conditions.iter().map(|c| c.condition).collect();
    let condition_chips = Condition::ALL
        .iter()
        .map(|condition| Chip {
            key: condition.label().into(),
            label: condition.label().into(),
            on: ticked.contains(condition),
        })
        .collect::<Vec<_>>();
    let toggle_condition = edit(&form, |input: &mut IntakeInput, key: AttrValue| {
        let Some(condition) = Condition::ALL
            .into_iter()
            .find(|c| c.label() == key.as_str())
        else {
            return;
        };
        match input
            .conditions
            .iter()
            .position(|c| c.condition == condition)
        {
            Some(row) => {
                input.conditions.remove(row);
            }
            None => input.conditions.push(ConditionInput {
                condition,
                date: String::new(),
                regions: Vec::new(),
                note: String::new(),
            }),
        }
    });
    let condition_rows = input.conditions.iter().enumerate().map(|(row, answer)| {
        let set_date = edit(&form, move |input: &mut IntakeInput, text: String| {
            on_row(&mut input.conditions, row, |c| c.date = text)
        });
        let set_note = edit(&form, move |input: &mut IntakeInput, text: String| {
            on_row(&mut input.conditions, row, |c| c.note = text)
        });
        let set_regions = edit(&form, move |input: &mut IntakeInput, regions| {
            on_row(&mut input.conditions, row, |c| c.regions = regions)
        });
        html! {
            <fieldset class="row-card">
                <legend>{ answer.condition.label() }</legend>
                <div class="row-grid">
                    { text(IntakeField::ConditionDate(row), "Since or when (if known)", FieldKind::Date, &answer.date, set_date) }
                    { text(IntakeField::ConditionNote(row), "Note", FieldKind::Text, &answer.note, set_note) }
                </div>
                { region_picker(&format!("intake-condition-{row}-regions"), "Where on the body (if one area)", &answer.regions, set_regions) }
            </fieldset>
        }
    });

    // Surgeries and injuries.
    let event_rows = input.events.iter().enumerate().map(|(row, event)| {
        let set_kind = edit(&form, move |input: &mut IntakeInput, kind| {
            on_row(&mut input.events, row, |e| e.kind = kind)
        });
        let set_site = edit(&form, move |input: &mut IntakeInput, site| {
            on_row(&mut input.events, row, |e| e.site = site)
        });
        let set_date = edit(&form, move |input: &mut IntakeInput, text: String| {
            on_row(&mut input.events, row, |e| e.date = text)
        });
        let set_note = edit(&form, move |input: &mut IntakeInput, text: String| {
            on_row(&mut input.events, row, |e| e.note = text)
        });
        let set_regions = edit(&form, move |input: &mut IntakeInput, regions| {
            on_row(&mut input.events, row, |e| e.regions = regions)
        });
        let remove = edit(&form, move |input: &mut IntakeInput, _: MouseEvent| {
            if row < input.events.len() {
                input.events.remove(row);
            }
        });
        let kinds: Vec<_> = EventKind::ALL.iter().map(|k| (*k, k.label())).collect();
        let sites: Vec<_> = Site::ALL.iter().map(|s| (*s, s.label())).collect();
        html! {
            <fieldset class="row-card">
                <legend>{ format!("{}: {}", event.kind.label(), event.site.label()) }</legend>
                { choice("What happened", &kinds, event.kind, set_kind) }
                { choice("Where", &sites, event.site, set_site) }
                <div class="row-grid">
                    { text(IntakeField::EventDate(row), "When", FieldKind::Date, &event.date, set_date) }
                    { text(IntakeField::EventNote(row), "What it was", FieldKind::Text, &event.note, set_note) }
                </div>
                { region_picker(&format!("intake-event-{row}-regions"), "Where on the body", &event.regions, set_regions) }
                <div class="actions start">
                    <button type="button" class="button danger-outline" onclick={remove}>{ "Remove" }</button>
                </div>
            </fieldset>
        }
    });
    let add_event = edit(&form, |input: &mut IntakeInput, _: MouseEvent| {
        input.events.push(EventInput {
            kind: EventKind::Surgery,
            site: Site::Other,
            date: String::new(),
            regions: Vec::new(),
            note: String::new(),
        })
    });

    // Medications.
    let medication_rows = input.medications.iter().enumerate().map(|(row, medication)| {
        let set_name = edit(&form, move |input: &mut IntakeInput, text: String| {
            on_row(&mut input.medications, row, |m| m.name = text)
        });
        let set_note = edit(&form, move |input: &mut IntakeInput, text: String| {
            on_row(&mut input.medications, row, |m| m.note = text)
        });
        let set_thinner = edit(&form, move |input: &mut IntakeInput, on: bool| {
            on_row(&mut input.medications, row, |m| m.anticoagulant = on)
        });
        let remove = edit(&form, move |input: &mut IntakeInput, _: MouseEvent| {
            if row < input.medications.len() {
                input.medications.remove(row);
            }
        });
        html! {
            <fieldset class="row-card">
                <legend>{ if medication.name.trim().is_empty() { "Medication".to_owned() } else { medication.name.clone() } }</legend>
                <div class="row-grid">
                    { text(IntakeField::MedicationName(row), "Name", FieldKind::Text, &medication.name, set_name) }
                    { text(IntakeField::MedicationNote(row), "Dose or purpose", FieldKind::Text, &medication.note, set_note) }
                </div>
                { choice("Blood thinner", &[(false, "Not a blood thinner"), (true, "Blood thinner (anticoagulant)")], medication.anticoagulant, set_thinner) }
                <div class="actions start">
                    <button type="button" class="button danger-outline" onclick={remove}>{ "Remove" }</button>
                </div>
            </fieldset>
        }
    });
    let add_medication = edit(&form, |input: &mut IntakeInput, _: MouseEvent| {
        input.medications.push(Medication::default())
    });

    // Allergies.
    let allergy_rows = input.allergies.iter().enumerate().map(|(row, allergy)| {
        let set_substance = edit(&form, move |input: &mut IntakeInput, text: String| {
            on_row(&mut input.allergies, row, |a| a.substance = text)
        });
        let set_kind = edit(&form, move |input: &mut IntakeInput, kind| {
            on_row(&mut input.allergies, row, |a| a.kind = kind)
        });
        let remove = edit(&form, move |input: &mut IntakeInput, _: MouseEvent| {
            if row < input.allergies.len() {
                input.allergies.remove(row);
            }
        });
        let kinds = [
            (AllergenKind::Oil, "Oil"),
            (AllergenKind::Lotion, "Lotion or cream"),
            (AllergenKind::Other, "Other"),
        ];
        html! {
            <fieldset class="row-card">
                <legend>{ "Allergy" }</legend>
                { text(IntakeField::AllergySubstance(row), "Allergic to", FieldKind::Text, &allergy.substance, set_substance) }
                { choice("Kind", &kinds, allergy.kind, set_kind) }
                <div class="actions start">
                    <button type="button" class="button danger-outline" onclick={remove}>{ "Remove" }</button>
                </div>
            </fieldset>
        }
    });
    let add_allergy = edit(&form, |input: &mut IntakeInput, _: MouseEvent| {
        input.allergies.push(Allergy::default())
    });

    let minor = client
        .date_of_birth()
        .zip(input.date.parse().ok())
        .is_some_and(|(born, on)| is_minor_on(born, on));
    let pregnancy = [
        (Pregnancy::No, "Not pregnant"),
        (Pregnancy::Yes, "Pregnant"),
        (Pregnancy::HighRisk, "High-risk pregnancy"),
    ];

    let onsubmit = {
        let app = app.clone();
        let navigator = navigator.clone();
        let form = form.clone();
        let submitted = submitted.clone();
        let saving = saving.clone();
        let pending = pending.clone();
        let client = client.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            submitted.set(true);
            if *saving {
                return;
            }
            pending.cancel();
            saving.set(true);
            let app = app.clone();
            let input = form.0.clone();
            let saving = saving.clone();
            let navigator = navigator.clone();
            let client = client.clone();
            spawn_local(async move {
                let result = app.services.create_intake(&client, &input).await;
                saving.set(false);
                match result {
                    Ok(intake) => {
                        app.dispatch(Action::Records(RecordEvent::Intake(Box::new(intake))));
                        app.dispatch(Action::Notify(Notice::Saved("Intake saved.".into())));
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Client {
                                id: client.id().to_string(),
                            });
                        }
                    }
                    Err(Refusal::Invalid(errors)) => {
                        if let Some((field, _)) = errors.first() {
                            focus(&field_id(*field));
                        }
                    }
                    Err(failure) => app.dispatch(Action::Notify(Notice::Error(
                        failure.notice().unwrap_or_default(),
                    ))),
                }
            });
        })
    };
    let cancel = {
        let app = app.clone();
        let navigator = navigator.clone();
        let pending = pending.clone();
        Callback::from(move |_| {
            pending.cancel();
            let app = app.clone();
            spawn_local(async move {
                let _ = app.services.discard_intake_draft(client_id).await;
            });
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Client {
                    id: client_id.to_string(),
                });
            }
        })
    };

    let contact = &input.emergency_contact;
    let consent = &input.consent;
    let problem_count = errors.len();
    html! {
        <form class="clinical-page intake-form" novalidate=true {onsubmit} aria-labelledby="intake-title">
            <Link<Route> to={Route::Client { id: client_id.to_string() }} classes="back-link shown">
                <IconView icon={Icon::Back} /><span>{ client.display_name() }</span>
            </Link<Route>>
            <h1 id="intake-title">{ format!("New intake: {}", client.display_name()) }</h1>
            <p class="muted">{ "A new intake is added to the record; earlier intakes stay as they were signed." }</p>
            { text(IntakeField::Date, "Intake date", FieldKind::Date, &input.date, edit(&form, |input: &mut IntakeInput, text| input.date = text)) }

            <section class="form-section" aria-labelledby="history-heading">
                <h2 id="history-heading">{ "Health history" }</h2>
                <p class="hint">{ "Tap every condition the client has or has had." }</p>
                <ToggleChips label="Conditions" chips={condition_chips} on_toggle={toggle_condition} />
                { for condition_rows }
                { text(IntakeField::HistoryNotes, "Anything else about the client's health", FieldKind::Multiline, &input.history_notes, edit(&form, |input: &mut IntakeInput, text| input.history_notes = text)) }
            </section>

            <section class="form-section" aria-labelledby="events-heading">
                <h2 id="events-heading">{ "Surgeries, injuries and fractures" }</h2>
                { for event_rows }
                <button type="button" class="button" onclick={add_event}>{ "Add surgery, injury or fracture" }</button>
            </section>

            <section class="form-section" aria-labelledby="medications-heading">
                <h2 id="medications-heading">{ "Medications" }</h2>
                { for medication_rows }
                <button type="button" class="button" onclick={add_medication}>{ "Add medication" }</button>
            </section>

            <section class="form-section" aria-labelledby="pregnancy-heading">
                <h2 id="pregnancy-heading">{ "Pregnancy" }</h2>
                { choice("Pregnancy", &pregnancy, input.pregnancy, edit(&form, |input: &mut IntakeInput, value| input.pregnancy = value)) }
            </section>

            <section class="form-section" aria-labelledby="allergies-heading">
                <h2 id="allergies-heading">{ "Allergies (oils, lotions)" }</h2>
                { for allergy_rows }
                <button type="button" class="button" onclick={add_allergy}>{ "Add allergy" }</button>
            </section>

            <section class="form-section" aria-labelledby="contact-heading">
                <h2 id="contact-heading">{ "Emergency contact" }</h2>
                <div class="row-grid three">
                    { text(IntakeField::ContactName, "Name", FieldKind::Text, &contact.name, edit(&form, |input: &mut IntakeInput, text| input.emergency_contact.name = text)) }
                    { text(IntakeField::ContactRelationship, "Relationship", FieldKind::Text, &contact.relationship, edit(&form, |input: &mut IntakeInput, text| input.emergency_contact.relationship = text)) }
                    { text(IntakeField::ContactPhone, "Phone", FieldKind::Phone, &contact.phone, edit(&form, |input: &mut IntakeInput, text| input.emergency_contact.phone = text)) }
                </div>
            </section>

            <section class="form-section" aria-labelledby="goals-heading">
                <h2 id="goals-heading">{ "Goals for treatment" }</h2>
                { text(IntakeField::Goals, "What the client hopes treatment will do", FieldKind::Multiline, &input.goals, edit(&form, |input: &mut IntakeInput, text| input.goals = text)) }
            </section>

            <section class="form-section consent" aria-labelledby="consent-heading">
                <h2 id="consent-heading">{ "Consent to treatment" }</h2>
                <p class="consent-text">{ CONSENT_TEXT }</p>
                if minor {
                    <p class="intake-status due"><IconView icon={Icon::Warning} />
                        <span>{ format!("The client is under {AGE_OF_MAJORITY}: a parent or guardian gives consent.") }</span></p>
                }
                { choice("Who consents", &[(false, "The client consents"), (true, "A parent or guardian consents")], consent.by_guardian, edit(&form, |input: &mut IntakeInput, value| input.consent.by_guardian = value)) }
                if consent.by_guardian {
                    { text(IntakeField::GuardianRelationship, "Guardian's relationship to the client", FieldKind::Text, &consent.guardian_relationship, edit(&form, |input: &mut IntakeInput, text| input.consent.guardian_relationship = text)) }
                }
                <div class="row-grid">
                    { text(IntakeField::ConsentName, "Name of the person consenting", FieldKind::Text, &consent.typed_name, edit(&form, |input: &mut IntakeInput, text| input.consent.typed_name = text)) }
                    { text(IntakeField::ConsentDate, "Date of consent", FieldKind::Date, &consent.date, edit(&form, |input: &mut IntakeInput, text| input.consent.date = text)) }
                </div>
                <SignaturePad id={field_id(IntakeField::Signature)} label="Signature"
                    strokes={consent.strokes.clone()} error={messages.error(IntakeField::Signature)}
                    on_change={edit(&form, |input: &mut IntakeInput, strokes| input.consent.strokes = strokes)} />
            </section>

            if *submitted && problem_count > 0 {
                <p class="form-summary" role="alert">
                    { if problem_count == 1 { "One field needs attention before saving.".to_owned() }
                      else { format!("{problem_count} fields need attention before saving.") } }
                </p>
            }
            <p class="draft-status muted" aria-live="polite">{ status.unwrap_or("") }</p>
            <div class="actions bottom-actions">
                <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                <button type="submit" class="button primary" disabled={*saving}>{ "Save intake" }</button>
            </div>
        </form>
    }
}
