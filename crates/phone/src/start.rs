//! The way in: opening the self-care plan file the therapist gave, on a
//! device that holds no practice records. Once a plan is open the root
//! shows the plan page instead.

use std::rc::Rc;

use stillpoint_ui::action_runner::{use_action_runner, ActionRunner};
use stillpoint_ui::components::file_drop::FileDrop;
use stillpoint_ui::context::{use_app, AppContext};
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::state::{Action, Notice};
use yew::prelude::*;

/// Opens a picked plan file on this device, showing what went wrong in
/// `failure` (beside the file picker, not as a notice: the client stays
/// where the file is chosen); on success the root switches to (or stays
/// on) the plan page.
pub fn open_plan(
    app: &AppContext,
    runner: &ActionRunner,
    failure: UseStateHandle<Option<String>>,
) -> Callback<(String, Result<Vec<u8>, String>)> {
    let (app, runner) = (app.clone(), runner.clone());
    Callback::from(move |(_, read): (String, Result<Vec<u8>, String>)| {
        let bytes = match read {
            Ok(bytes) => bytes,
            Err(message) => return failure.set(Some(message)),
        };
        let (services, current) = (app.services.clone(), app.state.client_phone.clone());
        let replaced = current.is_some();
        let (opened, refused) = (failure.clone(), failure.clone());
        runner.run(
            async move {
                services
                    .open_own_plan(current.as_deref(), &bytes)
                    .await
                    .map_err(|error| Refusal::Invalid(error.message()))
            },
            move |app, phone| {
                opened.set(None);
                app.dispatch(Action::ClientPhone(Some(Rc::new(phone))));
                if replaced {
                    app.dispatch(Action::Notify(Notice::Saved(
                        "Your new plan is open. Its diary starts today.".into(),
                    )));
                }
            },
            move |message| refused.set(Some(message)),
        );
    })
}

/// The start screen while no plan is held. A device with practice records
/// stays the therapist's: it is sent back to the tablet app instead.
#[function_component(ClientModeStart)]
pub fn client_mode_start() -> Html {
    let app = use_app();
    let runner = use_action_runner();
    let failure = use_state(|| None::<String>);
    let on_file = open_plan(&app, &runner, failure.clone());
    let body = if app.state.client_summaries.is_empty() {
        html! {
            <>
            <section class="phone-card">
                <p>{ "Your therapist gave you a self-care plan file (it ends in .json). Open it here and this phone shows your plan, \
                     lets you tick off what you did each day, and makes a small diary file to send back." }</p>
                <p class="muted">{ "Your plan stays on this phone. Nothing is sent anywhere unless you send it." }</p>
                <FileDrop id="own-plan-file" prompt="Drop your plan file here, or" button="Choose my plan file…" takes_launched_files=true {on_file} />
                if let Some(message) = &*failure {
                    <p class="form-summary" role="alert">{ message.clone() }</p>
                }
            </section>
            <a class="client-mode-link therapist-link" href="/">{ "Not a client? Open Stillpoint for therapists" }</a>
            </>
        }
    } else {
        html! {
            <section class="phone-card">
                <p>{ "This device holds a practice's client records, so it stays the therapist's device. \
                     Client mode is for the client's own phone." }</p>
                <a class="button primary" href="/">{ "Back to the practice" }</a>
            </section>
        }
    };
    html! {
        <main id="main" class="phone client-mode-start" tabindex="-1">
            <header class="phone-header">
                <p class="phone-brand">{ "Stillpoint · my self-care" }</p>
                <h1>{ "Open my self-care plan" }</h1>
            </header>
            { body }
        </main>
    }
}
