//! Charting a session: first "anything changed since last time?" (one tap
//! when nothing did) and the alerts it and the intake raise (going on past
//! *do not treat* or *caution* needs a written reason), then details, SOAP, CST findings,
//! massage work and the body chart. Every change is saved into the draft as
//! soon as typing pauses, so a reload or a killed tab loses nothing; refused
//! values are named beside their field and are not saved. Signing says
//! what is still missing.

use std::collections::HashSet;

use stillpoint_core::clinical::alert_override::AlertOverride;
use stillpoint_core::clinical::cst_findings::{
    Amplitude, CstFindings, ListeningStation, Symmetry, TechniqueResponse,
};
use stillpoint_core::clinical::massage_work::Pressure;
use stillpoint_core::clinical::screening::Alert;
use stillpoint_core::clinical::session::SessionDraft;
use stillpoint_core::clinical::session_form::{RhythmInput, SessionFieldError, SessionInput};
use stillpoint_core::clinical::session_note::{Missing, Modality, SessionField, SoapField};
use stillpoint_core::clinical::since_last_time::SinceLastTime;
use stillpoint_core::outcomes::benefit::PainSite;
use stillpoint_core::outcomes::instrument::InstrumentId;
use stillpoint_core::outcomes::measure::Timing;
use stillpoint_core::outcomes::plan::current_plan;
use stillpoint_core::outcomes::session_ratings::{
    pain_sites_to_rate, plan_pain_sites, set_rating, SessionRatings,
};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::intake_form::focus;
use crate::clinical::session_row::session_title;
use crate::routes::Route;
use stillpoint_ui::components::alerts::{alert_item, allergies_line};
use stillpoint_ui::components::body_chart::BodyChartView;
use stillpoint_ui::components::chips::{one_of, Chip, ToggleChips};
use stillpoint_ui::components::field::{Field, FieldKind, FieldMessages};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::components::quick_rating::{rating_section, RatingSection, SiteChoice};
use stillpoint_ui::components::region_picker::region_picker;
use stillpoint_ui::components::since_last_time::{since_step, SinceEdit, SinceStep};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::hooks::{edit, use_autosave, Edit, FormInput};
use stillpoint_ui::records::{chart_of, set_chart, ClientRecords, RecordEvent};
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::services::SignProblem;
use stillpoint_ui::state::{Action, Notice};

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

const MODALITIES: [(&str, Option<Modality>); 4] = [
    ("CST", Some(Modality::Cst)),
    ("Swedish", Some(Modality::Swedish)),
    ("Deep tissue", Some(Modality::DeepTissue)),
    ("Other", None),
];

const AMPLITUDES: [(Amplitude, &str); 3] = [
    (Amplitude::Low, "Low"),
    (Amplitude::Normal, "Normal"),
    (Amplitude::High, "High"),
];

const SYMMETRIES: [(Symmetry, &str); 3] = [
    (Symmetry::Symmetric, "Symmetric"),
    (Symmetry::RestrictedLeft, "Left restricted"),
    (Symmetry::RestrictedRight, "Right restricted"),
];

const RESPONSES: [TechniqueResponse; 3] = [
    TechniqueResponse::Released,
    TechniqueResponse::Partial,
    TechniqueResponse::NoChange,
];

/// The form's reading for `station`, made if there is none yet.
fn reading(input: &mut SessionInput, station: ListeningStation) -> &mut RhythmInput {
    let index = match input.rhythm.iter().position(|r| r.station == station) {
        Some(index) => index,
        None => {
            input.rhythm.push(RhythmInput {
                station,
                rate: String::new(),
                amplitude: None,
                symmetry: None,
                quality: String::new(),
            });
            input.rhythm.len() - 1
        }
    };
    &mut input.rhythm[index]
}

/// Why the last write did not happen, for the quiet line under the title.
#[derive(Clone, Copy, PartialEq)]
enum NotSaved {
    /// Fields hold values that can't be kept.
    Refused(usize),
    /// The device refused the write.
    Failed,
}

/// Properties of [`SessionForm`].
#[derive(Properties, PartialEq)]
pub struct SessionFormProps {
    /// The client's display name.
    pub client_name: AttrValue,
    /// The client's records.
    pub records: std::rc::Rc<ClientRecords>,
    /// The draft as last saved.
    pub draft: SessionDraft,
}

/// The draft editor.
#[function_component(SessionForm)]
pub fn session_form(props: &SessionFormProps) -> Html {
    let app = use_app();
    let navigator = use_navigator();
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
    let missing = use_state(|| None::<Vec<Missing>>);
    let signing = use_state(|| false);
    let discarding = use_state(|| false);
    let signer = use_state(|| app.state.settings.therapist_name.clone());
    let decider = use_state(|| app.state.settings.therapist_name.clone());
    let reasons = use_state(Vec::<(usize, String)>::new);
    let override_errors = use_state(Vec::<(usize, String)>::new);
    let new_technique = use_state(String::new);
    let technique_error = use_state(|| None::<String>);
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

    let pending = {
        let app = app.clone();
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
    };

    let errors: Vec<(SessionField, SessionFieldError)> = checked.err().unwrap_or_default();
    let messages = FieldMessages {
        problems: &errors,
        touched: &touched,
        show_all: false,
    };
    let error_for = |field: SessionField| messages.error(field);
    let blur = |field: SessionField| messages.left(field);
    let text = |field: SessionField,
                label: &str,
                kind: FieldKind,
                value: &str,
                on_input: Callback<String>| {
        messages.field(field, field_id(field), label, kind, value, on_input)
    };

    let since_errors = errors
        .iter()
        .filter_map(|(field, _)| match field {
            SessionField::SinceLastTime(part) => error_for(*field).map(|text| (*part, text)),
            _ => None,
        })
        .collect();
    let on_since_edit = {
        let since_done = since_done.clone();
        edit(&form, move |input: &mut SessionInput, change: SinceEdit| {
            change(&mut input.since_last_time);
            if input.since_last_time == SinceLastTime::NothingChanged {
                since_done.set(true);
            }
        })
    };
    let since_continue = {
        let since_done = since_done.clone();
        let touched = touched.clone();
        let refused: Vec<SessionField> = errors
            .iter()
            .map(|(field, _)| *field)
            .filter(|field| matches!(field, SessionField::SinceLastTime(_)))
            .collect();
        Callback::from(move |_: MouseEvent| {
            if refused.is_empty() {
                since_done.set(true);
            } else {
                let mut next = (*touched).clone();
                next.extend(refused.iter().copied());
                touched.set(next);
                focus(&field_id(refused[0]));
            }
        })
    };
    let since_section = html! {
        <>
            { since_step(SinceStep {
                answer: &input.since_last_time,
                on: date,
                errors: since_errors,
                on_edit: on_since_edit,
            }) }
            if input.since_last_time.suggests_new_intake() {
                <p class="intake-status due">
                    <IconView icon={Icon::Warning} />
                    <span>{ "This change will still matter next time: the health history is out of date. " }
                        <Link<Route> to={Route::NewIntake { id: client.to_string() }}>{ "Take a new intake" }</Link<Route>>
                    </span>
                </p>
            }
        </>
    };

    // Alerts: each one needing a reason gets a reason box until answered.
    let alert_items = alerts.iter().enumerate().map(|(index, alert)| {
        let decision = input.overrides.iter().find(|decision| decision.covers(alert));
        let waiting = unanswered.contains(alert);
        let body = match (decision, waiting) {
            (Some(decision), _) => decided(decision),
            (None, true) => {
                let reason = reasons
                    .iter()
                    .find(|(row, _)| *row == index)
                    .map(|(_, text)| text.clone())
                    .unwrap_or_default();
                let on_input = {
                    let reasons = reasons.clone();
                    Callback::from(move |text: String| {
                        let mut next: Vec<(usize, String)> =
                            reasons.iter().filter(|(row, _)| *row != index).cloned().collect();
                        next.push((index, text));
                        reasons.set(next);
                    })
                };
                let go_on = {
                    let app = app.clone();
                    let form = form.clone();
                    let alert = alert.clone();
                    let reason = reason.clone();
                    let decider = decider.clone();
                    let override_errors = override_errors.clone();
                    Callback::from(move |_| {
                        let others: Vec<(usize, String)> = override_errors
                            .iter()
                            .filter(|(row, _)| *row != index)
                            .cloned()
                            .collect();
                        match app.services.decide_override(&alert, &reason, &decider) {
                            Ok(decision) => {
                                override_errors.set(others);
                                form.dispatch(Edit::new(move |input: &mut SessionInput| {
                                    input.overrides.push(decision)
                                }));
                            }
                            Err(problems) => {
                                let mut next = others;
                                let words: Vec<String> =
                                    problems.iter().map(|(_, error)| error.to_string()).collect();
                                next.push((index, words.join(" ")));
                                override_errors.set(next);
                            }
                        }
                    })
                };
                let error = override_errors
                    .iter()
                    .find(|(row, _)| *row == index)
                    .map(|(_, text)| text.clone());
                html! {
                    <div class="override">
                        <Field id={format!("override-{index}")} label="Why is it safe to go on?"
                            hint={Some(AttrValue::from("For example: cleared by her GP on 3 May; CST only, no pressure on the area."))}
                            kind={FieldKind::Multiline} value={reason} {error} {on_input} on_blur={Callback::noop()} />
                        <div class="actions start">
                            <button type="button" class="button" onclick={go_on}>{ "Go on despite this alert" }</button>
                        </div>
                    </div>
                }
            }
            (None, false) => html! {},
        };
        alert_item(alert, body)
    });
    let no_intake = props.records.intake_on(date).is_none();
    let alerts_section = html! {
        <section class="form-section" id={field_id(SessionField::Alerts)} aria-labelledby="session-alerts-heading">
            <h2 id="session-alerts-heading">{ "Alerts for this session" }</h2>
            if no_intake {
                <p class="intake-status due"><IconView icon={Icon::Warning} />
                    <span>{ "No intake on file for this date: screening could not be done. Take an intake before treating." }</span></p>
            } else if alerts.is_empty() {
                <p class="muted">{ "No contraindications from the intake." }</p>
            }
            if !unanswered.is_empty() {
                <Field id="override-by" label="Decided by" kind={FieldKind::Text} value={(*decider).clone()}
                    on_input={ let decider = decider.clone(); Callback::from(move |text| decider.set(text)) }
                    on_blur={Callback::noop()} />
            }
            if !alerts.is_empty() {
                <ul class="alerts">{ for alert_items }</ul>
            }
        </section>
    };

    let discard = {
        let app = app.clone();
        let navigator = navigator.clone();
        let pending = pending.clone();
        let id = draft.id();
        Callback::from(move |_| {
            pending.cancel();
            let app = app.clone();
            let navigator = navigator.clone();
            spawn_local(async move {
                match app.services.discard_session(id).await {
                    Ok(()) => {
                        app.dispatch(Action::Records(RecordEvent::DraftRemoved(id)));
                        app.dispatch(Action::Notify(Notice::Saved(
                            "The draft was discarded.".into(),
                        )));
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Client {
                                id: client.to_string(),
                            });
                        }
                    }
                    Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
                }
            });
        })
    };

    let title = session_title(&props.client_name, note.details().date);
    let header = html! {
        <>
            <Link<Route> to={Route::Client { id: client.to_string() }} classes="back-link shown">
                <IconView icon={Icon::Back} /><span>{ props.client_name.clone() }</span>
            </Link<Route>>
            <h1 id="session-title">{ title }</h1>
            <p class="status-line">
                <span class="status status-draft"><IconView icon={Icon::Draft} /><span>{ "Draft — not signed" }</span></span>
                <span class="save-state muted" aria-live="polite">{ match (*input == *saved, *not_saved) {
                    (true, _) => "All changes saved on this device.".to_owned(),
                    (false, Some(NotSaved::Refused(1))) => "Not saved: one field needs fixing.".to_owned(),
                    (false, Some(NotSaved::Refused(count))) => format!("Not saved: {count} fields need fixing."),
                    (false, Some(NotSaved::Failed)) => "Not saved: the device refused the write.".to_owned(),
                    (false, None) => "Saving…".to_owned(),
                } }</span>
            </p>
            { allergies_line(props.records.allergies_on(date)) }
        </>
    };

    if gated {
        return html! {
            <div class="clinical-page session-form">
                { header }
                <p>{ "Before you start: ask what changed since last time, then read the alerts. To treat today, write why it is safe to go on for each one that asks for a reason." }</p>
                { since_section }
                { alerts_section }
                <div class="actions bottom-actions">
                    <button type="button" class="button danger-outline" onclick={discard}>{ "Don't treat today" }</button>
                    if !*since_done && input.since_last_time.changes().is_some() {
                        <button type="button" class="button primary" onclick={since_continue}>{ "Continue" }</button>
                    }
                </div>
            </div>
        };
    }

    // Details and modalities.
    let has = |modality: &Modality| input.modalities.contains(modality);
    let other_name = input.modalities.iter().find_map(|m| match m {
        Modality::Other(name) => Some(name.clone()),
        _ => None,
    });
    let modality_chips = MODALITIES
        .iter()
        .map(|(label, modality)| Chip {
            key: (*label).into(),
            label: (*label).into(),
            on: match modality {
                Some(known) => has(known),
                None => other_name.is_some(),
            },
        })
        .collect::<Vec<_>>();
    let toggle_modality = edit(&form, |input: &mut SessionInput, key: AttrValue| {
        let Some((_, known)) = MODALITIES.iter().find(|(label, _)| *label == key.as_str()) else {
            return;
        };
        let is_this = |modality: &Modality| match known {
            Some(known) => modality == known,
            None => matches!(modality, Modality::Other(_)),
        };
        match input.modalities.iter().position(is_this) {
            Some(index) => {
                input.modalities.remove(index);
            }
            None => input
                .modalities
                .push(known.clone().unwrap_or(Modality::Other(String::new()))),
        }
    });
    let set_other = edit(&form, |input: &mut SessionInput, text: String| {
        for modality in &mut input.modalities {
            if let Modality::Other(name) = modality {
                *name = text.clone();
            }
        }
    });

    // CST.
    let cst = has(&Modality::Cst).then(|| {
        let rows = ListeningStation::ALL.into_iter().map(|station| {
            let found = input.rhythm.iter().find(|r| r.station == station);
            let rate = found.map(|r| r.rate.clone()).unwrap_or_default();
            let quality = found.map(|r| r.quality.clone()).unwrap_or_default();
            let on_rate = edit(&form, move |input: &mut SessionInput, text: String| {
                reading(input, station).rate = text
            });
            let on_quality = edit(&form, move |input: &mut SessionInput, text: String| {
                reading(input, station).quality = text
            });
            let on_amplitude = edit(&form, move |input: &mut SessionInput, value| {
                reading(input, station).amplitude = value
            });
            let on_symmetry = edit(&form, move |input: &mut SessionInput, value| {
                reading(input, station).symmetry = value
            });
            let rate_field = SessionField::RhythmRate(station);
            let quality_field = SessionField::RhythmQuality(station);
            let oninput = |on: Callback<String>| {
                Callback::from(move |event: InputEvent| {
                    if let Some(field) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                        on.emit(field.value());
                    }
                })
            };
            let messages: Vec<String> = [rate_field, quality_field]
                .into_iter()
                .filter_map(error_for)
                .collect();
            html! {
                <div class={classes!("rhythm-row", (!messages.is_empty()).then_some("invalid"))}>
                    <p class="rhythm-station">{ station.label() }</p>
                    <label class="rhythm-number">
                        <span>{ "Rate /min" }</span>
                        <input id={field_id(rate_field)} inputmode="decimal" autocomplete="off" value={rate}
                            aria-label={format!("{} rate, cycles a minute", station.label())}
                            aria-invalid={error_for(rate_field).map(|_| "true")}
                            oninput={oninput(on_rate)} onblur={blur(rate_field).reform(|_: FocusEvent| ())} />
                    </label>
                    <label class="rhythm-number">
                        <span>{ "Quality" }</span>
                        <input id={field_id(quality_field)} autocomplete="off" value={quality}
                            aria-label={format!("{} quality, 1 to 5 or words", station.label())}
                            aria-invalid={error_for(quality_field).map(|_| "true")}
                            oninput={oninput(on_quality)} onblur={blur(quality_field).reform(|_: FocusEvent| ())} />
                    </label>
                    <div class="rhythm-choice">
                        <span class="caption" aria-hidden="true">{ "Amplitude" }</span>
                        { one_of(format!("{} amplitude", station.label()), &AMPLITUDES, found.and_then(|r| r.amplitude), on_amplitude) }
                    </div>
                    <div class="rhythm-choice">
                        <span class="caption" aria-hidden="true">{ "Symmetry" }</span>
                        { one_of(format!("{} symmetry", station.label()), &SYMMETRIES, found.and_then(|r| r.symmetry), on_symmetry) }
                    </div>
                    { for messages.into_iter().map(|message| html! { <p class="field-message" role="alert">{ message }</p> }) }
                </div>
            }
        });
        let listed = &props.records.techniques.cst;
        let mut names: Vec<String> = listed.names().to_vec();
        names.extend(
            input
                .techniques
                .iter()
                .map(|used| used.technique.clone())
                .filter(|name| !listed.names().contains(name)),
        );
        let technique_chips = names
            .iter()
            .map(|name| Chip {
                key: name.clone().into(),
                label: name.clone().into(),
                on: input.techniques.iter().any(|used| &used.technique == name),
            })
            .collect::<Vec<_>>();
        let toggle_technique = edit(&form, |input: &mut SessionInput, key: AttrValue| {
            let mut findings = CstFindings {
                techniques: std::mem::take(&mut input.techniques),
                ..CstFindings::default()
            };
            findings.toggle_technique(&key);
            input.techniques = findings.techniques;
        });
        let used = input.techniques.iter().enumerate().map(|(row, used)| {
            let on_response = edit(&form, move |input: &mut SessionInput, value| {
                if let Some(found) = input.techniques.get_mut(row) {
                    found.response = value;
                }
            });
            let on_note = edit(&form, move |input: &mut SessionInput, text: String| {
                if let Some(found) = input.techniques.get_mut(row) {
                    found.note = text;
                }
            });
            let responses: Vec<(TechniqueResponse, &'static str)> =
                RESPONSES.iter().map(|response| (*response, response.label())).collect();
            html! {
                <li class="technique-row" id={field_id(SessionField::TechniqueResponse(row))}>
                    <p class="technique-name">{ format!("{}. {}", row + 1, used.technique) }</p>
                    { one_of(format!("Response to {}", used.technique), &responses, used.response, on_response) }
                    { text(SessionField::TechniqueNote(row), "Note", FieldKind::Text, &used.note, on_note) }
                </li>
            }
        });
        let add_technique = {
            let app = app.clone();
            let form = form.clone();
            let records = props.records.clone();
            let new_technique = new_technique.clone();
            let technique_error = technique_error.clone();
            Callback::from(move |_| {
                let app = app.clone();
                let form = form.clone();
                let records = records.clone();
                let name = (*new_technique).clone();
                let new_technique = new_technique.clone();
                let technique_error = technique_error.clone();
                spawn_local(async move {
                    match app.services.add_technique(&records.techniques, true, &name).await {
                        Ok(lists) => {
                            let added = lists.cst.names().last().cloned().unwrap_or_default();
                            app.dispatch(Action::Records(RecordEvent::Techniques(lists.into())));
                            form.dispatch(Edit::new(move |input: &mut SessionInput| {
                                let mut findings = CstFindings {
                                    techniques: std::mem::take(&mut input.techniques),
                                    ..CstFindings::default()
                                };
                                findings.toggle_technique(&added);
                                input.techniques = findings.techniques;
                            }));
                            new_technique.set(String::new());
                            technique_error.set(None);
                        }
                        Err(Refusal::Invalid(error)) => technique_error.set(Some(error.to_string())),
                        Err(failure) => {
                            app.dispatch(Action::Notify(Notice::Error(failure.notice().unwrap_or_default())))
                        }
                    }
                });
            })
        };
        html! {
            <section class="form-section" aria-labelledby="cst-heading">
                <h2 id="cst-heading">{ "Craniosacral findings" }</h2>
                <h3>{ "Rhythm at each listening station" }</h3>
                <p class="hint">{ "Observations as felt; leave a station empty if not assessed." }</p>
                <div class="rhythm-table">{ for rows }</div>
                <h3 id={field_id(SessionField::Techniques)}>{ "Techniques, in order of use" }</h3>
                <ToggleChips label="Techniques" chips={technique_chips} on_toggle={toggle_technique} />
                if !input.techniques.is_empty() {
                    <ol class="technique-list">{ for used }</ol>
                }
                <div class="add-row">
                    <Field id="new-technique" label="Add your own technique" kind={FieldKind::Text}
                        value={(*new_technique).clone()} error={(*technique_error).clone()}
                        on_input={ let new_technique = new_technique.clone(); Callback::from(move |text| new_technique.set(text)) }
                        on_blur={Callback::noop()} />
                    <button type="button" class="button" onclick={add_technique}>{ "Add technique" }</button>
                </div>
                { text(SessionField::SomatoEmotional, "Somato-emotional response", FieldKind::Multiline, &input.somato_emotional,
                    edit(&form, |input: &mut SessionInput, text| input.somato_emotional = text)) }
                { text(SessionField::Improvement, "Global improvement the client reports (%)", FieldKind::Number, &input.improvement,
                    edit(&form, |input: &mut SessionInput, text| input.improvement = text)) }
            </section>
        }
    });

    // Massage.
    let massage = (has(&Modality::Swedish) || has(&Modality::DeepTissue)).then(|| {
        let listed = &props.records.techniques.massage;
        let technique_chips = listed
            .names()
            .iter()
            .chain(input.massage.techniques.iter().filter(|name| !listed.names().contains(name)))
            .map(|name| Chip {
                key: name.clone().into(),
                label: name.clone().into(),
                on: input.massage.techniques.contains(name),
            })
            .collect::<Vec<_>>();
        let toggle_technique = edit(&form, |input: &mut SessionInput, key: AttrValue| {
            input.massage.toggle_technique(&key);
        });
        let pressures: Vec<(Pressure, &'static str)> =
            Pressure::ALL.iter().map(|pressure| (*pressure, pressure.label())).collect();
        html! {
            <section class="form-section" aria-labelledby="massage-heading">
                <h2 id="massage-heading">{ "Massage work" }</h2>
                { region_picker(&field_id(SessionField::MassageAreas), "Areas worked", &input.massage.areas,
                    edit(&form, |input: &mut SessionInput, areas| input.massage.areas = areas)) }
                <p class="field-label">{ "Pressure" }</p>
                { one_of("Pressure".to_owned(), &pressures, input.massage.pressure,
                    edit(&form, |input: &mut SessionInput, value| input.massage.pressure = value)) }
                <p class="field-label">{ "Techniques" }</p>
                <ToggleChips label="Massage techniques" chips={technique_chips} on_toggle={toggle_technique} />
            </section>
        }
    });

    // Pain and stress before and after treatment.
    let ratings = SessionRatings::check(&input.ratings).unwrap_or_default();
    let plan_sites = {
        let outcomes = &app.state.outcomes;
        plan_pain_sites(
            current_plan(&outcomes.plans, client),
            &outcomes.instruments(),
        )
    };
    let sites = chosen_sites
        .as_ref()
        .cloned()
        .unwrap_or_else(|| pain_sites_to_rate(&ratings, &plan_sites));
    let site_choice = (plan_sites.len() != 1).then(|| {
        let chips = PainSite::ALL
            .into_iter()
            .map(|site| Chip {
                key: site.slug().into(),
                label: site.label().into(),
                on: sites.contains(&site),
            })
            .collect();
        let on_toggle = {
            let form = form.clone();
            let chosen_sites = chosen_sites.clone();
            let sites = sites.clone();
            Callback::from(move |key: AttrValue| {
                let Some(site) = PainSite::ALL
                    .into_iter()
                    .find(|site| site.slug() == key.as_str())
                else {
                    return;
                };
                let mut next = sites.clone();
                if next.contains(&site) {
                    next.retain(|shown| *shown != site);
                    form.dispatch(Edit::new(move |input: &mut SessionInput| {
                        for timing in [Timing::PreSession, Timing::PostSession] {
                            set_rating(&mut input.ratings, InstrumentId::Nprs(site), timing, None);
                        }
                    }));
                } else {
                    next.push(site);
                    next.sort();
                }
                chosen_sites.set(Some(next));
            })
        };
        SiteChoice { chips, on_toggle }
    });
    let rating_errors: Vec<String> = errors
        .iter()
        .filter(|(field, _)| matches!(field, SessionField::Rating(_)))
        .map(|(_, error)| error.to_string())
        .collect();
    let rating_section = |timing: Timing| {
        let on_change = edit(
            &form,
            move |input: &mut SessionInput, (instrument, value): (InstrumentId, Option<u8>)| {
                set_rating(&mut input.ratings, instrument, timing, value)
            },
        );
        let before = timing == Timing::PreSession;
        rating_section(RatingSection {
            timing,
            sites: sites.clone(),
            ratings: ratings.clone(),
            site_choice: site_choice.clone().filter(|_| before),
            errors: if before {
                rating_errors.clone()
            } else {
                Vec::new()
            },
            on_change,
        })
    };

    let sign = {
        let app = app.clone();
        let navigator = navigator.clone();
        let form = form.clone();
        let draft = draft.clone();
        let alerts = alerts.clone();
        let signer = signer.clone();
        let missing = missing.clone();
        let signing = signing.clone();
        let pending = pending.clone();
        let touched = touched.clone();
        Callback::from(move |_| {
            if *signing {
                return;
            }
            pending.cancel();
            signing.set(true);
            let app = app.clone();
            let navigator = navigator.clone();
            let input = form.0.clone();
            let draft = draft.clone();
            let alerts = alerts.clone();
            let signer = (*signer).clone();
            let missing = missing.clone();
            let signing = signing.clone();
            let touched = touched.clone();
            spawn_local(async move {
                let result = app
                    .services
                    .sign_session(&draft, &input, &alerts, &signer)
                    .await;
                signing.set(false);
                match result {
                    Ok(signing) => {
                        let id = signing.session.id();
                        app.dispatch(Action::Records(RecordEvent::Signed(Box::new(
                            signing.session,
                        ))));
                        app.dispatch(Action::Notify(Notice::Saved(
                            "Signed. The note is now read-only.".into(),
                        )));
                        if let Some(navigator) = navigator {
                            navigator.replace(&Route::Session {
                                id: client.to_string(),
                                session: id.to_string(),
                            });
                        }
                    }
                    Err(Refusal::Invalid(SignProblem::Missing(list))) => {
                        missing.set(Some(list));
                        focus("sign-missing");
                    }
                    Err(Refusal::Invalid(SignProblem::Fields(problems))) => {
                        touched.set(problems.iter().map(|(field, _)| *field).collect());
                        if let Some((field, _)) = problems.first() {
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
    let still_missing = missing.as_ref().map(|_| {
        let mut list = note.missing_for_signing(&alerts);
        if signer.trim().is_empty() {
            list.push(Missing::Signer);
        }
        list
    });

    html! {
        <div class="clinical-page session-form">
            { header }
            { since_section }
            { alerts_section }
            <section class="form-section" aria-labelledby="details-heading">
                <h2 id="details-heading">{ "Session" }</h2>
                <div class="row-grid three">
                    { text(SessionField::Date, "Date", FieldKind::Date, &input.date, edit(&form, |input: &mut SessionInput, text| input.date = text)) }
                    { text(SessionField::StartTime, "Start time", FieldKind::Time, &input.start, edit(&form, |input: &mut SessionInput, text| input.start = text)) }
                    { text(SessionField::Duration, "Duration (minutes)", FieldKind::Number, &input.duration, edit(&form, |input: &mut SessionInput, text| input.duration = text)) }
                </div>
                <p class="field-label" id={field_id(SessionField::Modalities)}>{ "Modalities" }</p>
                <ToggleChips label="Modalities" chips={modality_chips} on_toggle={toggle_modality} />
                if let Some(name) = other_name {
                    { text(SessionField::OtherModality, "Other modality", FieldKind::Text, &name, set_other) }
                }
            </section>
            { rating_section(Timing::PreSession) }
            <section class="form-section" aria-labelledby="soap-heading">
                <h2 id="soap-heading">{ "SOAP note" }</h2>
                { for SoapField::ALL.into_iter().map(|part| {
                    let label = match part {
                        SoapField::Subjective => "Subjective: the client's words",
                        SoapField::Objective => "Objective: what you observed",
                        SoapField::Assessment => "Assessment: response and change",
                        SoapField::Plan => "Plan: next focus, home care, referrals",
                    };
                    text(SessionField::Soap(part), label, FieldKind::Multiline, input.soap.text(part),
                        edit(&form, move |input: &mut SessionInput, text| *input.soap.text_mut(part) = text))
                }) }
            </section>
            { for cst }
            { for massage }
            <section class="form-section" id={field_id(SessionField::MarkIntensity(0))} aria-labelledby="chart-heading">
                <h2 id="chart-heading">{ "Body chart" }</h2>
                <BodyChartView chart={chart_of(input)}
                    on_change={Some(edit(&form, |input: &mut SessionInput, chart| set_chart(input, &chart)))} />
            </section>
            { rating_section(Timing::PostSession) }
            <section class="form-section" aria-labelledby="sign-heading">
                <h2 id="sign-heading">{ "Sign" }</h2>
                if let Some(list) = still_missing.filter(|list| !list.is_empty()) {
                    <div class="missing" id="sign-missing" tabindex="-1" role="alert">
                        <p><strong>{ "Not signed yet. Still needed:" }</strong></p>
                        <ul>
                            { for list.iter().map(|item| {
                                let target = field_id(item.field());
                                let onclick = Callback::from(move |_| focus(&target));
                                html! { <li><button type="button" class="link-button" {onclick}>{ item.to_string() }</button></li> }
                            }) }
                        </ul>
                    </div>
                }
                <Field id={field_id(SessionField::Signer)} label="Signed by" kind={FieldKind::Text}
                    value={(*signer).clone()}
                    on_input={ let signer = signer.clone(); Callback::from(move |text| signer.set(text)) }
                    on_blur={Callback::noop()} />
                <p class="hint">{ "Once signed, the note is read-only; later changes are dated amendments." }</p>
            </section>
            if *discarding {
                <div class="confirm" role="alertdialog" aria-labelledby="discard-title">
                    <h2 id="discard-title">{ "Discard this draft?" }</h2>
                    <p>{ "Everything charted in it is removed from this device." }</p>
                    <div class="actions">
                        <button type="button" class="button" onclick={ let discarding = discarding.clone(); Callback::from(move |_| discarding.set(false)) }>{ "Keep draft" }</button>
                        <button type="button" class="button danger" onclick={discard}>{ "Discard draft" }</button>
                    </div>
                </div>
            }
            <div class="actions bottom-actions">
                <button type="button" class="button danger-outline"
                    onclick={ let discarding = discarding.clone(); Callback::from(move |_| discarding.set(true)) }>{ "Discard…" }</button>
                <button type="button" class="button primary" onclick={sign} disabled={*signing}>{ "Sign note" }</button>
            </div>
        </div>
    }
}

/// What the therapist decided about an alert, and when.
fn decided(decision: &AlertOverride) -> Html {
    html! {
        <p class="decision">
            <IconView icon={Icon::Check} />
            <span>{ format!("Going on: “{}” — {}, {}", decision.reason(), decision.by(), format::stamp(decision.at())) }</span>
        </p>
    }
}
