//! A signed session note: read-only. A correction is a dated amendment with
//! a reason; the text as signed stays visible beside every amended text.
//! The same note body is used in the printable client record.

use stillpoint_core::clinical::amendment::{
    AmendedSession, Amendment, AmendmentError, AmendmentField,
};
use stillpoint_core::clinical::session::SignedSession;
use stillpoint_core::clinical::session_note::{SessionNote, TextField};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::intake_view::detail;
use crate::clinical::session_row::session_title;
use crate::routes::Route;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::alerts::level_class;
use stillpoint_ui::components::body_chart::BodyChartView;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::records::RecordEvent;
use stillpoint_ui::state::{Action, Notice};

/// One free-text part; with its amendment trail (newest first, the signed
/// original last) when it was amended.
fn text_block(field: TextField, note: &SessionNote, amended: Option<&AmendedSession<'_>>) -> Html {
    let history = amended
        .map(|session| session.history(field))
        .unwrap_or_default();
    let body = if history.len() > 1 {
        html! {
            <div class="revisions">
                { for history.iter().rev().map(|revision| {
                    let label = match revision.amendment {
                        Some(amendment) => format!(
                            "Amended {} by {}: “{}”",
                            format::stamp(amendment.at()),
                            amendment.author(),
                            amendment.reason()
                        ),
                        None => "Original, as signed".to_owned(),
                    };
                    html! {
                        <div class={classes!("revision", revision.amendment.is_none().then_some("original"))}>
                            <p class="revision-label">{ label }</p>
                            <p class="preformatted">{ if revision.text.is_empty() { "—" } else { revision.text } }</p>
                        </div>
                    }
                }) }
            </div>
        }
    } else {
        let text = note.text(field);
        html! { <p class="preformatted">{ if text.is_empty() { "—" } else { text } }</p> }
    };
    html! {
        <div class="note-text">
            <h3>{ field.label() }</h3>
            { body }
        </div>
    }
}

/// Everything a note records, read-only.
pub fn note_body(note: &SessionNote, amended: Option<&AmendedSession<'_>>) -> Html {
    let details = note.details();
    let modalities: Vec<&str> = details.modalities.iter().map(|m| m.label()).collect();
    let cst = note.cst();
    let massage = note.massage();
    let techniques = cst.techniques.iter().enumerate().map(|(row, used)| {
        let mut line = format!("{}. {}", row + 1, used.technique);
        if let Some(response) = used.response {
            line = format!("{line} — {}", response.label());
        }
        if !used.note.is_empty() {
            line = format!("{line} ({})", used.note);
        }
        html! { <li>{ line }</li> }
    });
    html! {
        <div class="note-body">
            <dl class="details">
                { detail("Date", details.date.map(format::date).unwrap_or_default()) }
                { detail("Start time", details.start.map(format::time).unwrap_or_default()) }
                { detail("Duration", details.duration.map(|length| format!("{} minutes", length.minutes())).unwrap_or_default()) }
                { detail("Modalities", modalities.join(", ")) }
            </dl>
            if let Some(summary) = note.since_last_time().summary() {
                <section class="note-section">
                    <h3>{ "Health since last time" }</h3>
                    <p class="since-summary">{ summary }</p>
                </section>
            }
            if !note.overrides().is_empty() {
                <section class="note-section">
                    <h3>{ "Alerts gone past" }</h3>
                    <ul class="alerts">
                        { for note.overrides().iter().map(|decision| html! {
                            <li class={classes!("alert", level_class(decision.level()))}>
                                <p class="alert-level">{ decision.level().label() }</p>
                                <p class="alert-name">{ decision.alert_name() }</p>
                                <p>{ format!("Reason: {} — decided by {}, {}", decision.reason(), decision.by(), format::stamp(decision.at())) }</p>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            if !note.ratings().is_empty() {
                <section class="note-section session-ratings-view">
                    <h3>{ "Pain and stress, before and after treatment" }</h3>
                    <ul class="plain-list">
                        { for note.ratings().pairs().iter().map(|pair| html! { <li>{ pair.to_string() }</li> }) }
                    </ul>
                </section>
            }
            <section class="note-section">
                { for TextField::ALL.into_iter().take(4).map(|field| text_block(field, note, amended)) }
            </section>
            if !cst.rhythm.is_empty() || !cst.techniques.is_empty() || !cst.somato_emotional.is_empty() || cst.improvement.is_some() {
                <section class="note-section">
                    <h3>{ "Craniosacral findings" }</h3>
                    if !cst.rhythm.is_empty() {
                        <ul class="plain-list">{ for cst.rhythm.iter().map(|reading| html! { <li>{ reading.summary() }</li> }) }</ul>
                    }
                    if !cst.techniques.is_empty() {
                        <h4>{ "Techniques" }</h4>
                        <ul class="plain-list numbered">{ for techniques }</ul>
                    }
                    { text_block(TextField::SomatoEmotional, note, amended) }
                    if let Some(improvement) = cst.improvement {
                        <p>{ format!("Global improvement reported: {improvement}%") }</p>
                    }
                </section>
            }
            if !massage.areas.is_empty() || massage.pressure.is_some() || !massage.techniques.is_empty() {
                <section class="note-section">
                    <h3>{ "Massage work" }</h3>
                    <dl class="details">
                        { detail("Areas", massage.areas.iter().map(|region| region.name()).collect::<Vec<_>>().join(", ")) }
                        { detail("Pressure", massage.pressure.map(|pressure| pressure.label().to_owned()).unwrap_or_default()) }
                        { detail("Techniques", massage.techniques.join(", ")) }
                    </dl>
                </section>
            }
            <section class="note-section">
                <h3>{ "Body chart" }</h3>
                <BodyChartView chart={note.chart().clone()} />
            </section>
        </div>
    }
}

/// The practice's name and the date, printed at the top of each page.
pub fn print_header(practice: &str, today: &str) -> Html {
    html! {
        <header class="print-header">
            <span>{ if practice.is_empty() { "Stillpoint" } else { practice } }</span>
            <span>{ format!("Printed {today}") }</span>
        </header>
    }
}

/// Opens the browser's print dialog.
pub fn print() -> Callback<MouseEvent> {
    Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    })
}

/// Properties of [`SessionView`].
#[derive(Properties, PartialEq)]
pub struct SessionViewProps {
    /// The client's display name.
    pub client_name: AttrValue,
    /// The signed note.
    pub session: SignedSession,
    /// Every amendment of the client's notes (those of this note are used).
    pub amendments: Vec<Amendment>,
}

/// The signed note with Print and Amend.
#[function_component(SessionView)]
pub fn session_view(props: &SessionViewProps) -> Html {
    let app = use_app();
    let amending = use_state(|| false);
    let amended = AmendedSession::new(&props.session, &props.amendments);
    let note = amended.current_note();
    let client = props.session.note().details().client;
    let title = session_title(&props.client_name, note.details().date);
    let settings = &app.state.settings;
    html! {
        <article class="clinical-page session-view">
            { print_header(&settings.practice_name, &format::date(app.services.today())) }
            <Link<Route> to={Route::Client { id: client.to_string() }} classes="back-link shown">
                <IconView icon={Icon::Back} /><span>{ props.client_name.clone() }</span>
            </Link<Route>>
            <h1>{ title }</h1>
            <p class="status-line">
                <span class="status status-signed"><IconView icon={Icon::Check} /><span>{ "Signed" }</span></span>
                <span class="muted">{ format!("by {}, {}", props.session.signed_by(), format::stamp(props.session.signed())) }</span>
                if !amended.amendments().is_empty() {
                    <span class="muted">{ match amended.amendments().len() {
                        1 => " · 1 amendment".to_owned(),
                        count => format!(" · {count} amendments"),
                    } }</span>
                }
            </p>
            { note_body(&note, Some(&amended)) }
            if *amending {
                <AmendForm session={props.session.clone()} amendments={props.amendments.clone()}
                    on_done={ let amending = amending.clone(); Callback::from(move |()| amending.set(false)) } />
            } else {
                <div class="actions bottom-actions">
                    <button type="button" class="button"
                        onclick={ let amending = amending.clone(); Callback::from(move |_| amending.set(true)) }>{ "Amend…" }</button>
                    <button type="button" class="button primary with-icon" onclick={print()}>
                        <IconView icon={Icon::Print} /><span>{ "Print" }</span>
                    </button>
                </div>
            }
        </article>
    }
}

/// Properties of [`AmendForm`].
#[derive(Properties, PartialEq)]
struct AmendFormProps {
    session: SignedSession,
    amendments: Vec<Amendment>,
    on_done: Callback<()>,
}

/// New text for any free-text part, with the reason and the author.
#[function_component(AmendForm)]
fn amend_form(props: &AmendFormProps) -> Html {
    let app = use_app();
    let runner = use_action_runner();
    let texts = {
        let amended = AmendedSession::new(&props.session, &props.amendments);
        use_state(move || {
            TextField::ALL
                .iter()
                .map(|field| amended.current_text(*field).to_owned())
                .collect::<Vec<String>>()
        })
    };
    let reason = use_state(String::new);
    let author = use_state(|| app.state.settings.therapist_name.clone());
    let errors = use_state(Vec::<(AmendmentField, AmendmentError)>::new);
    let changed: Vec<(TextField, String)> = {
        let amended = AmendedSession::new(&props.session, &props.amendments);
        TextField::ALL
            .iter()
            .zip(texts.iter())
            .filter(|(field, text)| amended.current_text(**field) != text.trim())
            .map(|(field, text)| (*field, text.clone()))
            .collect()
    };
    let error_for = |wanted: AmendmentField| {
        errors
            .iter()
            .find(|(field, _)| *field == wanted)
            .map(|(_, error)| error.to_string())
    };
    let save = {
        let (services, runner) = (app.services.clone(), runner.clone());
        let session = props.session.clone();
        let amendments = props.amendments.clone();
        let reason = reason.clone();
        let author = author.clone();
        let errors = errors.clone();
        let on_done = props.on_done.clone();
        let changed = changed.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let services = services.clone();
            let session = session.clone();
            let amendments = amendments.clone();
            let (reason, author) = ((*reason).clone(), (*author).clone());
            let errors = errors.clone();
            let on_done = on_done.clone();
            let changed = changed.clone();
            runner.run(
                async move {
                    let amended = AmendedSession::new(&session, &amendments);
                    services
                        .amend_session(&amended, &author, &reason, changed)
                        .await
                },
                move |app, amendment| {
                    app.dispatch(Action::Records(RecordEvent::Amended(Box::new(amendment))));
                    app.dispatch(Action::Notify(Notice::Saved(
                        "Amendment saved. The original stays visible.".into(),
                    )));
                    on_done.emit(());
                },
                move |problems| errors.set(problems),
            );
        })
    };
    let change_error = |field: TextField| {
        changed
            .iter()
            .position(|(changed, _)| *changed == field)
            .and_then(|index| error_for(AmendmentField::Change(index)))
    };
    html! {
        <form class="amend-form form-section" novalidate=true onsubmit={save} aria-labelledby="amend-title">
            <h2 id="amend-title">{ "Amend this note" }</h2>
            <p class="hint">{ "Change the text below. The amendment is dated and signed; the signed text stays in the record." }</p>
            { for TextField::ALL.iter().enumerate().map(|(index, field)| {
                let on_input = {
                    let texts = texts.clone();
                    Callback::from(move |text: String| {
                        let mut next = (*texts).clone();
                        next[index] = text;
                        texts.set(next);
                    })
                };
                html! {
                    <Field id={format!("amend-{index}")} label={field.label()} kind={FieldKind::Multiline}
                        value={texts[index].clone()} error={change_error(*field)} {on_input} on_blur={Callback::noop()} />
                }
            }) }
            if let Some(error) = error_for(AmendmentField::Changes) {
                <p class="field-message" role="alert">{ error }</p>
            }
            <Field id="amend-reason" label="Reason for the amendment" kind={FieldKind::Text} required=true
                value={(*reason).clone()} error={error_for(AmendmentField::Reason)}
                on_input={ let reason = reason.clone(); Callback::from(move |text| reason.set(text)) }
                on_blur={Callback::noop()} />
            <Field id="amend-author" label="Amended by" kind={FieldKind::Text} required=true
                value={(*author).clone()} error={error_for(AmendmentField::Author)}
                on_input={ let author = author.clone(); Callback::from(move |text| author.set(text)) }
                on_blur={Callback::noop()} />
            <div class="actions bottom-actions">
                <button type="button" class="button" data-escape="" onclick={props.on_done.reform(|_| ())}>{ "Cancel" }</button>
                <button type="submit" class="button primary">{ "Save amendment" }</button>
            </div>
        </form>
    }
}
