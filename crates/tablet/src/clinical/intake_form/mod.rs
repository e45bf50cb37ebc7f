//! A new intake: health history, medications, pregnancy, surgeries and
//! injuries, allergies, emergency contact, goals, and consent with a typed
//! name and a drawn signature. It starts from the last intake's answers
//! (dated and signed afresh); an older intake is never changed. What is
//! typed is kept as a draft as it is typed, and each field is checked as
//! soon as it is left.
//!
//! The page holds the input in one reducer, restores and keeps the draft,
//! and saves; each section (one module each) shows its part of the input
//! and edits it through [`IntakeFields`].

mod allergies;
mod consent;
mod contact;
mod events;
mod goals;
mod history;
mod medications;
mod pregnancy;
mod rows;

use std::collections::HashSet;
use std::rc::Rc;

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use stillpoint_core::clinical::intake::{IntakeField, IntakeFieldError, IntakeInput};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::client_screen::ClinicalProps;
use crate::clinical::form_fields::{FieldId, FormFields};
use crate::routes::Route;
use stillpoint_ui::action_runner::{use_action_runner, ActionRunner};
use stillpoint_ui::components::field::FieldKind;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::{use_app, AppContext};
use stillpoint_ui::hooks::{use_autosave, Edit, Form, FormInput, PendingSave};
use stillpoint_ui::platform;
use stillpoint_ui::records::RecordEvent;
use stillpoint_ui::state::{Action, Notice};

use allergies::allergies_section;
use consent::consent;
use contact::emergency_contact;
use events::events_section;
use goals::goals;
use history::health_history;
use medications::medications_section;
use pregnancy::pregnancy_section;

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

impl FieldId for IntakeField {
    fn element_id(self) -> String {
        field_id(self)
    }
}

/// The intake's input as every section gets it, so each edits the newest
/// input and shows its messages once its field is left (every message
/// once a save was tried).
pub type IntakeFields = FormFields<IntakeInput, IntakeField, IntakeFieldError>;

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
    let runner = use_action_runner();
    let status = use_state(|| None::<&'static str>);
    let pending = use_intake_draft(client_id, &form, &status);

    let fields = IntakeFields {
        form: form.clone(),
        problems: Rc::new(
            form.0
                .validate(today, client.date_of_birth())
                .err()
                .unwrap_or_default(),
        ),
        touched,
        show_all: *submitted,
    };
    let onsubmit = {
        let app = app.clone();
        let navigator = navigator.clone();
        let form = form.clone();
        let submitted = submitted.clone();
        let runner = runner.clone();
        let pending = pending.clone();
        let client = client.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            submitted.set(true);
            save_intake(
                &app,
                &runner,
                navigator.clone(),
                &pending,
                &client,
                form.0.clone(),
            );
        })
    };
    let cancel = cancel_intake(&app, navigator, &pending, client_id);
    let problem_count = fields.problems.len();
    html! {
        <form class="clinical-page intake-form" novalidate=true {onsubmit} aria-labelledby="intake-title">
            <Link<Route> to={Route::Client { id: client_id.to_string() }} classes="back-link shown">
                <IconView icon={Icon::Back} /><span>{ client.display_name() }</span>
            </Link<Route>>
            <h1 id="intake-title">{ format!("New intake: {}", client.display_name()) }</h1>
            <p class="muted">{ "A new intake is added to the record; earlier intakes stay as they were signed." }</p>
            { fields.text(IntakeField::Date, "Intake date", FieldKind::Date, &form.0.date, |input, text| input.date = text) }
            { health_history(&fields) }
            { events_section(&fields) }
            { medications_section(&fields) }
            { pregnancy_section(&fields) }
            { allergies_section(&fields) }
            { emergency_contact(&fields) }
            { goals(&fields) }
            { consent(&fields, &client) }
            if *submitted && problem_count > 0 {
                <p class="form-summary" role="alert">
                    { if problem_count == 1 { "One field needs attention before saving.".to_owned() }
                      else { format!("{problem_count} fields need attention before saving.") } }
                </p>
            }
            <p class="draft-status muted" aria-live="polite">{ status.unwrap_or("") }</p>
            <div class="actions bottom-actions">
                <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                <button type="submit" class="button primary" disabled={runner.busy()}>{ "Save intake" }</button>
            </div>
        </form>
    }
}

/// Restores what was typed earlier for this client, and keeps what is
/// typed as a draft once typing pauses; `status` says which happened.
#[hook]
fn use_intake_draft(
    client: RecordId,
    form: &Form<IntakeInput>,
    status: &UseStateHandle<Option<&'static str>>,
) -> PendingSave {
    let app = use_app();
    {
        let app = app.clone();
        let form = form.clone();
        let status = status.clone();
        use_effect_with(client, move |&client| {
            spawn_local(async move {
                if let Ok(Some(draft)) = app.services.intake_draft(client).await {
                    form.dispatch(Edit::new(move |input| *input = draft));
                    status.set(Some("Restored what you typed earlier."));
                }
            });
        });
    }
    let status = status.clone();
    use_autosave(
        form.0.clone(),
        Callback::from(move |input: IntakeInput| {
            let app = app.clone();
            let status = status.clone();
            spawn_local(async move {
                status.set(Some(
                    match app.services.save_intake_draft(client, &input).await {
                        Ok(()) => "Draft saved on this device.",
                        Err(_) => "The draft could not be kept; save the intake to keep it.",
                    },
                ));
            });
        }),
    )
}

/// Saves the intake and returns to the client; a refused intake moves
/// focus to its first problem, whose message now shows. Only a save that
/// runs replaces the waiting draft.
fn save_intake(
    app: &AppContext,
    runner: &ActionRunner,
    navigator: Option<Navigator>,
    pending: &PendingSave,
    client: &Client,
    input: IntakeInput,
) {
    let (services, pending) = (app.services.clone(), pending.clone());
    let (client, saved_for) = (client.clone(), client.id());
    runner.run(
        async move {
            pending.cancel();
            services.create_intake(&client, &input).await
        },
        move |app, intake| {
            app.dispatch(Action::Records(RecordEvent::Intake(Box::new(intake))));
            app.dispatch(Action::Notify(Notice::Saved("Intake saved.".into())));
            if let Some(navigator) = navigator {
                navigator.push(&Route::Client {
                    id: saved_for.to_string(),
                });
            }
        },
        |errors: Vec<(IntakeField, IntakeFieldError)>| {
            if let Some((field, _)) = errors.first() {
                platform::focus(&field_id(*field));
            }
        },
    );
}

/// "Cancel": drops the draft and returns to the client.
fn cancel_intake(
    app: &AppContext,
    navigator: Option<Navigator>,
    pending: &PendingSave,
    client: RecordId,
) -> Callback<MouseEvent> {
    let app = app.clone();
    let pending = pending.clone();
    Callback::from(move |_| {
        pending.cancel();
        let app = app.clone();
        spawn_local(async move {
            let _ = app.services.discard_intake_draft(client).await;
        });
        if let Some(navigator) = &navigator {
            navigator.push(&Route::Client {
                id: client.to_string(),
            });
        }
    })
}
