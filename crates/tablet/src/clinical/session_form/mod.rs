//! Charting a session: first "anything changed since last time?" (one tap
//! when nothing did) and the alerts it and the intake raise (going on past
//! *do not treat* or *caution* needs a written reason), then details, SOAP, CST findings,
//! massage work and the body chart. Every change is saved into the draft as
//! soon as typing pauses, so a reload or a killed tab loses nothing; refused
//! values are named beside their field and are not saved. Signing says
//! what is still missing.
//!
//! The page holds the draft's input in one reducer and decides the gate;
//! each section (one module each) shows its part of the input and edits it
//! through [`Charting`].

mod alerts;
mod body_chart;
mod cst;
mod details;
mod draft_actions;
mod header;
mod massage;
mod ratings;
mod rhythm;
mod signing;
mod since;
mod soap;
mod techniques;

use std::collections::HashSet;
use std::rc::Rc;

use stillpoint_core::clinical::cst_findings::ListeningStation;
use stillpoint_core::clinical::screening::Alert;
use stillpoint_core::clinical::session::SessionDraft;
use stillpoint_core::clinical::session_form::{SessionFieldError, SessionInput};
use stillpoint_core::clinical::session_note::Modality;
use stillpoint_core::clinical::session_note::SessionField;
use stillpoint_core::outcomes::benefit::PainSite;
use stillpoint_core::outcomes::measure::Timing;
use stillpoint_core::outcomes::plan::current_plan;
use stillpoint_core::outcomes::session_ratings::{
    pain_sites_to_rate, plan_pain_sites, SessionRatings,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::clinical::form_fields::{FieldId, FormFields};
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::{use_autosave, FormInput, PendingSave};
use stillpoint_ui::records::{ClientRecords, RecordEvent};
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::state::{Action, Notice};

use alerts::AlertGate;
use body_chart::body_chart_section;
use cst::CstSection;
use details::details_section;
use draft_actions::{discard_draft, gate_actions, DraftActions};
use header::{session_header, NotSaved, SessionHeader};
use massage::massage_section;
use ratings::{ratings_section, RatingsSection};
use signing::{sign_section, still_needed, use_sign_state, Signing};
use since::since_section;
use soap::soap_section;

/// The element id of a session field.
pub fn field_id(field: SessionField) -> String {
    let station = |station: ListeningStation| station as usize;
    match field {
        SessionField::Client => "session-client".into(),
        SessionField::Date => "session-date".into(),
        SessionField::StartTime => "session-start".into(),
        SessionField::Duration => "session-duration".into(),
        SessionField::Modalities => "session-modalities".into(),
        SessionField::OtherModality => "session-other-modality".into(),
        SessionField::Soap(part) => format!("session-soap-{}", part.label().to_lowercase()),
        SessionField::RhythmStation(at) => format!("rhythm-{}", station(at)),
        SessionField::RhythmRate(at) => format!("rhythm-{}-rate", station(at)),
        SessionField::RhythmQuality(at) => format!("rhythm-{}-quality", station(at)),
        SessionField::Techniques => "session-techniques".into(),
        SessionField::TechniqueName(row) => format!("technique-{row}"),
        SessionField::TechniqueResponse(row) => format!("technique-{row}-response"),
        SessionField::TechniqueNote(row) => format!("technique-{row}-note"),
        SessionField::SomatoEmotional => "session-somato-emotional".into(),
        SessionField::Improvement => "session-improvement".into(),
        SessionField::MassageAreas => "session-massage-areas".into(),
        SessionField::MassageTechnique(_) => "session-massage-techniques".into(),
        SessionField::MarkIntensity(_) => "session-body-chart".into(),
        SessionField::Alerts => "session-alerts".into(),
        SessionField::Signer => "session-signer".into(),
        SessionField::Rating(_) => "session-ratings-before".into(),
        SessionField::SinceLastTime(_) => "session-since-last-time".into(),
    }
}

impl FieldId for SessionField {
    fn element_id(self) -> String {
        field_id(self)
    }
}

/// The draft's input as every section gets it, so each edits the newest
/// input and shows its messages once its field is left.
pub type Charting = FormFields<SessionInput, SessionField, SessionFieldError>;

/// Properties of [`SessionForm`].
#[derive(Properties, PartialEq)]
pub struct SessionFormProps {
    /// The client's display name.
    pub client_name: AttrValue,
    /// The client's records.
    pub records: Rc<ClientRecords>,
    /// The draft as last saved.
    pub draft: SessionDraft,
}

/// The draft editor.
#[function_component(SessionForm)]
pub fn session_form(props: &SessionFormProps) -> Html {
    let app = use_app();
    let runner = use_action_runner();
    let navigator = yew_router::prelude::use_navigator();
    let today = app.services.today();
    let draft = &props.draft;
    let client = props.records.client;
    let form = {
        let initial = draft.note().to_input();
        use_reducer(move || FormInput(initial))
    };
    let input = &form.0;
    let touched = use_state(HashSet::<SessionField>::new);
    let saved = {
        let initial = input.clone();
        use_state(move || initial)
    };
    let not_saved = use_state(|| None::<NotSaved>);
    let sign_state = use_sign_state();
    let chosen_sites = use_state(|| None::<Vec<PainSite>>);

    let date = input
        .date
        .parse()
        .ok()
        .filter(|date| *date <= today)
        .unwrap_or(today);
    let alerts = props.records.alerts_on(date, &input.since_last_time);
    let checked = input.validate(today);
    let note = checked.as_ref().map_or_else(|_| draft.note(), Clone::clone);
    let unanswered: Vec<Alert> = note
        .unanswered_alerts(&alerts)
        .into_iter()
        .cloned()
        .collect();
    // The gate: the "since last time" answer, then a reason for each alert
    // that needs one. Once passed it stays open, so choosing a modality
    // later never sends the therapist back.
    let since_done = use_state(|| !draft.note().since_last_time().is_not_asked());
    let gate_passed = use_state(|| *since_done && unanswered.is_empty());
    {
        let gate_passed = gate_passed.clone();
        use_effect_with(
            (*since_done, unanswered.is_empty()),
            move |&(answered, none_left)| {
                if answered && none_left {
                    gate_passed.set(true);
                }
            },
        );
    }
    let gated = !*gate_passed && (!*since_done || !unanswered.is_empty());
    let pending = use_save_draft(draft, input, &saved, &not_saved);

    let fields = Charting {
        form: form.clone(),
        problems: Rc::new(checked.err().unwrap_or_default()),
        touched: touched.clone(),
        show_all: false,
    };
    let discard = discard_draft(&app, &runner, &navigator, &pending, draft.id(), client);
    let on_answered = {
        let since_done = since_done.clone();
        Callback::from(move |()| since_done.set(true))
    };
    let sign = Signing {
        app: app.clone(),
        runner: runner.clone(),
        navigator,
        fields: fields.clone(),
        client,
        draft: draft.clone(),
        alerts: alerts.clone(),
        state: sign_state.clone(),
        pending,
    }
    .callback();
    let ratings = SessionRatings::check(&input.ratings).unwrap_or_default();
    let plan_sites = {
        let outcomes = &app.state.outcomes;
        plan_pain_sites(
            current_plan(&outcomes.plans, client),
            &outcomes.instruments(),
        )
    };
    let sites = chosen_sites.as_ref().cloned().unwrap_or_else(|| {
        pain_sites_to_rate(&ratings, &plan_sites, &props.records.last_ratings(date))
    });
    let rating = |timing: Timing| {
        ratings_section(&RatingsSection {
            fields: fields.clone(),
            timing,
            ratings: ratings.clone(),
            sites: sites.clone(),
            choose_sites: plan_sites.len() != 1,
            chosen_sites: chosen_sites.clone(),
        })
    };
    let has = |modality: Modality| input.modalities.contains(&modality);
    // One tree for the gate and the form, so the sections both show keep
    // their place (and the alert section its typed reasons) when the gate
    // opens.
    html! {
        <div class="clinical-page session-form">
            { session_header(SessionHeader {
                client,
                client_name: props.client_name.clone(),
                date: note.details().date,
                saved: *input == *saved,
                not_saved: *not_saved,
                allergies: props.records.allergies_on(date),
            }) }
            if gated {
                <p>{ "Before you start: ask what changed since last time, then read the alerts. To treat today, write why it is safe to go on for each one that asks for a reason." }</p>
            }
            { since_section(&fields, date, client, on_answered.clone()) }
            <AlertGate fields={fields.clone()} alerts={alerts.clone()} unanswered={unanswered.clone()}
                no_intake={props.records.intake_on(date).is_none()}
                standing={props.records.standing_decisions(date, &unanswered)} />
            if gated {
                { gate_actions(&fields, *since_done, discard, on_answered) }
            } else {
                { details_section(&fields) }
                { rating(Timing::PreSession) }
                { soap_section(&fields, &props.records) }
                <CstSection fields={fields.clone()} records={props.records.clone()} shown={has(Modality::Cst)} />
                if has(Modality::Swedish) || has(Modality::DeepTissue) {
                    { massage_section(&fields, &props.records) }
                }
                { body_chart_section(&fields) }
                { rating(Timing::PostSession) }
                { sign_section(&sign_state, still_needed(&sign_state, &note, &alerts)) }
                <DraftActions {discard} {sign} signing={runner.busy()} />
            }
        </div>
    }
}

/// Saves the draft once typing pauses and keeps the page's save line
/// true: what was last written, or why it was not.
#[hook]
fn use_save_draft(
    draft: &SessionDraft,
    input: &SessionInput,
    saved: &UseStateHandle<SessionInput>,
    not_saved: &UseStateHandle<Option<NotSaved>>,
) -> PendingSave {
    let app = use_app();
    let draft = draft.clone();
    let saved = saved.clone();
    let not_saved = not_saved.clone();
    use_autosave(
        input.clone(),
        Callback::from(move |input: SessionInput| {
            let app = app.clone();
            let draft = draft.clone();
            let saved = saved.clone();
            let not_saved = not_saved.clone();
            spawn_local(async move {
                match app.services.save_session(&draft, &input).await {
                    Ok(stored) => {
                        saved.set(input);
                        not_saved.set(None);
                        app.dispatch(Action::Records(RecordEvent::Draft(Box::new(stored))));
                    }
                    Err(Refusal::Invalid(problems)) => {
                        not_saved.set(Some(NotSaved::Refused(problems.len())))
                    }
                    Err(failure) => {
                        not_saved.set(Some(NotSaved::Failed));
                        app.dispatch(Action::Notify(Notice::Error(
                            failure.notice().unwrap_or_default(),
                        )));
                    }
                }
            });
        }),
    )
}
