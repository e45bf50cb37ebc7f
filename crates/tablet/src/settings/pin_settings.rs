//! Settings: the PIN that locks the client view ("Hand to client"), typed
//! twice and kept only as a salted slow hash.

use stillpoint_core::selfcare::pin::PinError;
use yew::prelude::*;

use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::context::use_app;
use stillpoint_ui::selfcare::SelfCareEvent;
use stillpoint_ui::state::{Action, Notice};

/// Setting or changing the PIN.
#[function_component(PinSettings)]
pub fn pin_settings() -> Html {
    let app = use_app();
    let pin = use_state(String::new);
    let again = use_state(String::new);
    let problem = use_state(|| None::<PinError>);
    let runner = use_action_runner();
    // The recovery phrase made with the PIN just set: shown once.
    let recovery = use_state(|| None::<String>);
    let pin_set = app.state.selfcare.pin_set;

    let onsubmit = {
        let runner = runner.clone();
        let pin = pin.clone();
        let again = again.clone();
        let problem = problem.clone();
        let recovery = recovery.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (pin, again, problem, recovery) = (
                pin.clone(),
                again.clone(),
                problem.clone(),
                recovery.clone(),
            );
            problem.set(None);
            let services = app.services.clone();
            let (typed, repeated) = ((*pin).clone(), (*again).clone());
            runner.run(
                async move { services.set_pin(&typed, &repeated).await },
                move |app, phrase| {
                    pin.set(String::new());
                    again.set(String::new());
                    recovery.set(Some(phrase.words().to_owned()));
                    app.dispatch(Action::SelfCare(SelfCareEvent::PinSet));
                    app.dispatch(Action::Notify(Notice::Saved("PIN saved.".into())));
                },
                move |found: Vec<PinError>| problem.set(found.first().copied()),
            );
        })
    };
    let setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |text: String| state.set(text))
    };
    let error_at = |shape: bool| {
        (*problem)
            .filter(|error| matches!(error, PinError::Shape | PinError::Common) == shape)
            .map(|error| error.to_string())
    };
    html! {
        <form class="pin-settings" novalidate=true {onsubmit} aria-labelledby="pin-heading">
            <h2 id="pin-heading">{ "PIN for the client view" }</h2>
            <p class="muted">
                { if pin_set {
                    "A PIN is set. \"Hand to client\" locks the tablet to that client's self-care plan until the PIN is typed."
                } else {
                    "No PIN yet. Set one to use \"Hand to client\": the tablet then shows only that client's plan until the PIN is typed."
                } }
            </p>
            if let Some(words) = &*recovery {
                <div class="recovery-phrase">
                    <p><strong>{ "Your recovery phrase" }</strong></p>
                    <p>{ "Write these ten words down and keep them away from the tablet. If you \
                          forget the PIN, \"Forgot the PIN?\" on the locked screen takes them \
                          instead, and nothing is lost. They are shown only now." }</p>
                    <p class="suggested-words"><code>{ words.clone() }</code></p>
                    <div class="actions start">
                        <button type="button" class="button" onclick={{
                            let recovery = recovery.clone();
                            Callback::from(move |_| recovery.set(None))
                        }}>{ "I have written it down" }</button>
                    </div>
                </div>
            }
            <details class="pin-forgotten">
                <summary>{ "If you forget the PIN" }</summary>
                <p>{ "Nobody can skip the PIN without the recovery phrase shown when you set it: \
                      that is what keeps a client out of your records. On the locked screen, \
                      \"Forgot the PIN?\" takes the phrase instead; the tablet unlocks with every \
                      record as it was, and you set a new PIN here." }</p>
                <p>{ "Without the phrase (PINs set before December 2026 have none), clear \
                      Stillpoint's website data in the browser's settings and restore your latest \
                      backup file on the Sync page, or import a file from your other device: what \
                      changed after that backup is lost." }</p>
            </details>
            <div class="field-pair">
                <Field id="pin-new" label={if pin_set { "New PIN" } else { "PIN" }} kind={FieldKind::Password}
                    hint={Some(AttrValue::from("4 to 8 digits, not a year, a date or a pattern like 1234."))} value={(*pin).clone()}
                    error={error_at(true)} on_input={setter(&pin)} on_blur={Callback::noop()} />
                <Field id="pin-again" label="The same PIN again" kind={FieldKind::Password}
                    value={(*again).clone()} error={error_at(false)}
                    on_input={setter(&again)} on_blur={Callback::noop()} />
            </div>
            <div class="actions start">
                <button type="submit" class="button" disabled={runner.busy()}>
                    { if runner.busy() { "Saving…" } else if pin_set { "Change PIN" } else { "Set PIN" } }
                </button>
            </div>
        </form>
    }
}
