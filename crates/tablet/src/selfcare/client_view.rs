//! The tablet in the client's hands: "Hand to client" locks the app to one
//! client's current self-care plan in large type (and the questionnaires
//! of their treatment plan that a client fills in); "Return to therapist"
//! asks for the PIN. The lock is kept in the database and read before any
//! page renders, so the back button, a reload or another address all find
//! the same locked view (see the shell).

use gloo::timers::callback::Timeout;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::outcomes::instrument::Instrument;
use stillpoint_core::outcomes::plan::{client_questionnaires, current_plan};
use stillpoint_core::selfcare::pin::{TryOutcome, TRIES_PER_RUN};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::outcomes::measure::MeasureForm;
use crate::routes::Route;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::care_plan_items::plan_items;
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::{use_care_records, use_client, OpenedClient};
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::selfcare::SelfCareEvent;
use stillpoint_ui::state::Action;
use stillpoint_ui::store::Secret;

/// Properties of [`HandToClient`] and [`LockedClientView`].
#[derive(Properties, PartialEq)]
pub struct ClientViewProps {
    /// The client.
    pub client: RecordId,
}

/// Locks the tablet to `client` (every open tab follows), then opens
/// `then` if given: the client's questionnaire, inside the locked view.
#[hook]
fn use_lock_for(client: RecordId, then: Option<Route>) -> Callback<MouseEvent> {
    let app = use_app();
    let runner = use_action_runner();
    let navigator = use_navigator();
    Callback::from(move |_| {
        let services = app.services.clone();
        let navigator = navigator.clone();
        let then = then.clone();
        runner.run_action(
            async move { services.hand_to_client(client).await },
            move |app, ()| {
                app.dispatch(Action::SelfCare(SelfCareEvent::ClientView(Some(client))));
                if let (Some(navigator), Some(route)) = (navigator, then) {
                    navigator.push(&route);
                }
            },
        );
    })
}

/// The button that locks the tablet to the client's view; disabled, with
/// the reason (on a line of its own in an `actions` row), until a PIN is
/// set.
#[function_component(HandToClient)]
pub fn hand_to_client(props: &ClientViewProps) -> Html {
    let app = use_app();
    let onclick = use_lock_for(props.client, None);
    locking_button(
        &app,
        props.client,
        ("button", "Hand to client"),
        "hand-note",
        onclick,
    )
}

/// Properties of [`HandQuestionnaire`].
#[derive(Properties, PartialEq)]
pub struct HandQuestionnaireProps {
    /// The client.
    pub client: RecordId,
    /// The questionnaire's instrument.
    pub instrument: Instrument,
}

/// "Client fills in …": the tablet goes to the client locked, exactly like
/// "Hand to client", opened at the questionnaire; the PIN ends it.
#[function_component(HandQuestionnaire)]
pub fn hand_questionnaire(props: &HandQuestionnaireProps) -> Html {
    let app = use_app();
    let route = Route::Questionnaire {
        id: props.client.to_string(),
        instrument: props.instrument.id().to_string(),
    };
    let onclick = use_lock_for(props.client, Some(route));
    let label = format!("Client fills in {}", props.instrument.name());
    let note = format!("fill-note-{}", props.instrument.id());
    locking_button(
        &app,
        props.client,
        ("chip record-link", &label),
        &note,
        onclick,
    )
}

/// Properties of [`QuestionnaireHandover`].
#[derive(Properties, PartialEq)]
pub struct QuestionnaireHandoverProps {
    /// The client's id as written in the address.
    pub id: AttrValue,
    /// The instrument's id as written in the address.
    pub instrument: AttrValue,
}

/// A questionnaire's address on an unlocked tablet: the client fills it in
/// only on the locked tablet, so this page hands it over (or says why it
/// cannot yet) instead of showing the form beside the therapist's screens.
#[function_component(QuestionnaireHandover)]
pub fn questionnaire_handover(props: &QuestionnaireHandoverProps) -> Html {
    let app = use_app();
    let client = props
        .id
        .parse()
        .ok()
        .and_then(|id| app.state.client_summaries.get(&id).cloned())
        .filter(|client| !client.is_deleted());
    let instrument = app
        .state
        .outcomes
        .instrument(&props.instrument)
        .filter(Instrument::client_fills_in);
    let (Some(client), Some(instrument)) = (client, instrument) else {
        return html! {
            <div class="page-body">
                <h1>{ "Questionnaire not found" }</h1>
                <Link<Route> to={Route::Clients} classes="button">{ "Go to clients" }</Link<Route>>
            </div>
        };
    };
    html! {
        <div class="page-body">
            <Link<Route> to={Route::ClientProgress { id: client.id().to_string() }} classes="back-link">
                { format!("{}: progress", client.display_name()) }
            </Link<Route>>
            <h1>{ format!("{} for {}", instrument.name(), client.display_name()) }</h1>
            <p>{ "The client fills this in on the locked tablet: nothing else of the record shows, \
                  and only your PIN ends it." }</p>
            <div class="actions start">
                <HandQuestionnaire client={client.id()} {instrument} />
            </div>
        </div>
    }
}

/// A button that hands the tablet over (`class` and `label`), disabled
/// with the reason until a PIN is set.
fn locking_button(
    app: &stillpoint_ui::context::AppContext,
    client: RecordId,
    (class, label): (&str, &str),
    note: &str,
    onclick: Callback<MouseEvent>,
) -> Html {
    let pin_set = app.state.selfcare.pin_set;
    let note_id = format!("{note}-{client}");
    html! {
        <>
            <button type="button" class={class.to_owned()} disabled={!pin_set} {onclick}
                aria-describedby={(!pin_set).then_some(note_id.clone())}>{ label.to_owned() }</button>
            if !pin_set {
                <p class="muted hand-note" id={note_id}>
                    { "Set a PIN in Settings first, so only you can end the client's view." }
                </p>
            }
        </>
    }
}

/// The only thing the app shows while locked.
#[function_component(LockedClientView)]
pub fn locked_client_view(props: &ClientViewProps) -> Html {
    let app = use_app();
    let care = use_care_records(props.client);
    // Handed over from "Client fills in …": that questionnaire opens first.
    let route = use_route::<Route>();
    let questionnaire = use_state(|| match route {
        Some(Route::Questionnaire { id, instrument }) if id == props.client.to_string() => app
            .state
            .outcomes
            .instrument(&instrument)
            .filter(Instrument::client_fills_in)
            .map(|_| AttrValue::from(instrument)),
        _ => None,
    });
    let client = match use_client(&props.client.to_string()) {
        OpenedClient::Found(client) => Some(*client),
        OpenedClient::Reading | OpenedClient::Missing => None,
    };

    if let (Some(instrument), Some(client)) = ((*questionnaire).clone(), client.clone()) {
        let back = {
            let questionnaire = questionnaire.clone();
            Callback::from(move |_| questionnaire.set(None))
        };
        return html! {
            <div class="locked-view">
                <button type="button" class="button" onclick={back}>{ "Back to your plan" }</button>
                <MeasureForm {client} {instrument} client_view={true} />
            </div>
        };
    }

    let plan = client.as_ref().and_then(|client| {
        let care = care.as_ref()?;
        let plan =
            stillpoint_core::selfcare::care_plan::current_care_plan(&care.plans, client.id())?;
        Some(app.state.plan_file(client, plan))
    });
    let outcomes = &app.state.outcomes;
    let to_fill = current_plan(&outcomes.plans, props.client)
        .map(|treatment| client_questionnaires(treatment, &outcomes.instruments()))
        .unwrap_or_default();
    html! {
        <div class="locked-view">
            <h1>{ "Your self-care plan" }</h1>
            { match (&plan, &care) {
                (Some(file), _) => html! {
                    <>
                        <p class="care-for">{ format!("For {} · written {}", file.client_name, stillpoint_ui::format::date(file.plan.written())) }</p>
                        { plan_items(file) }
                    </>
                },
                (None, None) => html! { <p aria-busy="true">{ "Opening your plan…" }</p> },
                (None, Some(_)) => html! { <p>{ "Your therapist has not written a self-care plan for you yet." }</p> },
            } }
            if !to_fill.is_empty() && client.is_some() {
                <section class="locked-questionnaires" aria-labelledby="fill-title">
                    <h2 id="fill-title">{ "Questions for you" }</h2>
                    <div class="actions start">
                        { for to_fill.iter().map(|instrument| {
                            let questionnaire = questionnaire.clone();
                            let id = AttrValue::from(instrument.id().to_string());
                            let onclick = Callback::from(move |_| questionnaire.set(Some(id.clone())));
                            html! { <button type="button" class="button" {onclick}>{ format!("Fill in: {}", instrument.name()) }</button> }
                        }) }
                    </div>
                </section>
            }
            <Unlock client={props.client} />
        </div>
    }
}

/// "Return to therapist": the PIN, with the count of wrong tries kept in
/// the store and the wait after too many.
#[function_component(Unlock)]
fn unlock(props: &ClientViewProps) -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let open = use_state(|| false);
    let pin = use_state(String::new);
    // The PIN, or (after "Forgot the PIN?") the recovery phrase.
    let secret = use_state(|| Secret::Pin);
    let message = use_state(|| None::<String>);
    let runner = use_action_runner();
    // When the wait ends (device time), and the time last looked at: the
    // countdown is worked out from both, so it is right however late a
    // tick comes.
    let wait = use_state(|| None::<u64>);
    let now = use_state(|| app.services.now_millis());

    {
        // A wait that was running before a reload goes on.
        let app = app.clone();
        let wait = wait.clone();
        let open = open.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                if let Ok(Some(seconds)) = app.services.pin_wait().await {
                    wait.set(Some(app.services.now_millis() + seconds * 1_000));
                    open.set(true);
                }
            });
        });
    }
    let seconds_left = (*wait)
        .filter(|until| *until > *now)
        .map(|until| (until - *now).div_ceil(1_000));
    {
        let app = app.clone();
        let now = now.clone();
        use_effect_with((seconds_left, *now), move |(left, _)| {
            let tick =
                left.map(|_| Timeout::new(1_000, move || now.set(app.services.now_millis())));
            move || drop(tick)
        });
    }

    if !*open {
        let onclick = {
            let open = open.clone();
            Callback::from(move |_| open.set(true))
        };
        return html! {
            <div class="actions unlock-actions">
                <button type="button" class="button" {onclick}>{ "Return to therapist" }</button>
            </div>
        };
    }

    let onsubmit = {
        let app = app.clone();
        let runner = runner.clone();
        let pin = pin.clone();
        let message = message.clone();
        let wait = wait.clone();
        let now = now.clone();
        let waiting = seconds_left.is_some();
        let client = props.client;
        let secret = *secret;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if waiting {
                return;
            }
            let (services, attempt) = (app.services.clone(), (*pin).clone());
            let (pin, refused_pin) = (pin.clone(), pin.clone());
            let (told, message) = (message.clone(), message.clone());
            let wait = wait.clone();
            let now = now.clone();
            let navigator = navigator.clone();
            told.set(None);
            // A failed check is said where the PIN is typed, not as a
            // notice: the client holding the tablet sees only this form.
            runner.run(
                async move {
                    services
                        .try_unlock(secret, &attempt)
                        .await
                        .map_err(|failure| Refusal::Invalid(failure.message()))
                },
                move |app, outcome| {
                    pin.set(String::new());
                    match outcome {
                        TryOutcome::Unlocked => {
                            app.dispatch(Action::SelfCare(SelfCareEvent::ClientView(None)));
                            if let Some(navigator) = navigator {
                                navigator.push(&Route::Client { id: client.to_string() });
                            }
                        }
                        TryOutcome::Wrong { left, next_wait_seconds } => told.set(Some(format!(
                            "That is not the {}. {left} of {TRIES_PER_RUN} tries left before a wait of {}.",
                            match secret {
                                Secret::Pin => "PIN",
                                Secret::RecoveryPhrase => "recovery phrase",
                            },
                            stillpoint_ui::format::duration_words(next_wait_seconds)
                        ))),
                        TryOutcome::Wait { seconds } => {
                            let at = app.services.now_millis();
                            now.set(at);
                            wait.set(Some(at + seconds * 1_000));
                        }
                    }
                },
                move |error: String| {
                    refused_pin.set(String::new());
                    message.set(Some(error));
                },
            );
        })
    };
    let oninput = {
        let pin = pin.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                pin.set(input.value());
            }
        })
    };
    let waiting = seconds_left.is_some();
    let switch_secret = {
        let secret = secret.clone();
        let pin = pin.clone();
        let message = message.clone();
        Callback::from(move |_| {
            pin.set(String::new());
            message.set(None);
            secret.set(match *secret {
                Secret::Pin => Secret::RecoveryPhrase,
                Secret::RecoveryPhrase => Secret::Pin,
            });
        })
    };
    html! {
        <form class="unlock" novalidate=true {onsubmit} aria-labelledby="unlock-title">
            <h2 id="unlock-title">{ "Return to therapist" }</h2>
            if *secret == Secret::Pin {
                <div class="field">
                    <label for="unlock-pin">{ "Therapist's PIN" }</label>
                    <input id="unlock-pin" type="password" inputmode="numeric" autocomplete="off"
                        value={(*pin).clone()} {oninput} disabled={waiting}
                        aria-describedby="unlock-message" />
                </div>
            } else {
                <div class="field">
                    <label for="unlock-phrase">{ "Recovery phrase (the ten words shown when the PIN was set)" }</label>
                    <input id="unlock-phrase" type="text" autocomplete="off" autocapitalize="off" spellcheck="false"
                        value={(*pin).clone()} {oninput} disabled={waiting}
                        aria-describedby="unlock-message" />
                </div>
            }
            <p id="unlock-message" class="unlock-message" role="status" aria-live="polite">
                if let Some(seconds) = seconds_left {
                    { format!("Too many wrong tries. Wait {}, then try again.", stillpoint_ui::format::duration_words(seconds)) }
                } else if runner.busy() {
                    { "Checking…" }
                } else if let Some(text) = &*message {
                    { text.clone() }
                }
            </p>
            <div class="actions">
                <button type="button" class="button" onclick={switch_secret}>
                    { if *secret == Secret::Pin { "Forgot the PIN?" } else { "Use the PIN" } }
                </button>
                <button type="submit" class="button primary" disabled={waiting || runner.busy()}>{ "Unlock" }</button>
            </div>
        </form>
    }
}
