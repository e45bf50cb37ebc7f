//! The draft's way out: at the gate, "Don't treat today" (or "Continue"
//! once a change is described); under the form, "Discard…" with its
//! confirmation, and "Sign note".

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clinical::session_note::SessionField;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{field_id, Charting};
use crate::routes::Route;
use stillpoint_ui::action_runner::ActionRunner;
use stillpoint_ui::context::AppContext;
use stillpoint_ui::hooks::PendingSave;
use stillpoint_ui::platform::focus;
use stillpoint_ui::records::RecordEvent;
use stillpoint_ui::state::{Action, Notice};

/// Discards the draft (kept as a tombstone, so an older file never brings
/// it back) and returns to the client.
pub fn discard_draft(
    app: &AppContext,
    runner: &ActionRunner,
    navigator: &Option<Navigator>,
    pending: &PendingSave,
    id: RecordId,
    client: RecordId,
) -> Callback<MouseEvent> {
    let (services, runner) = (app.services.clone(), runner.clone());
    let navigator = navigator.clone();
    let pending = pending.clone();
    Callback::from(move |_| {
        let (services, pending, navigator) = (services.clone(), pending.clone(), navigator.clone());
        runner.run_action(
            async move {
                pending.cancel();
                services.discard_session(id).await
            },
            move |app, ()| {
                app.dispatch(Action::Records(RecordEvent::DraftRemoved(id)));
                app.dispatch(Action::Notify(Notice::Saved(
                    "The draft was discarded.".into(),
                )));
                if let Some(navigator) = navigator {
                    navigator.push(&Route::Client {
                        id: client.to_string(),
                    });
                }
            },
        );
    })
}

/// The gate's buttons. "Continue" passes a described change only when
/// its fields hold nothing refused; otherwise their messages show and the
/// first is focused.
pub fn gate_actions(
    fields: &Charting,
    since_done: bool,
    on_stop: Callback<MouseEvent>,
    on_answered: Callback<()>,
) -> Html {
    let described = fields.input().since_last_time.changes().is_some();
    let on_continue = {
        let touched = fields.touched.clone();
        let refused: Vec<SessionField> = fields
            .problems
            .iter()
            .map(|(field, _)| *field)
            .filter(|field| matches!(field, SessionField::SinceLastTime(_)))
            .collect();
        Callback::from(move |_: MouseEvent| {
            if refused.is_empty() {
                on_answered.emit(());
            } else {
                let mut next = (*touched).clone();
                next.extend(refused.iter().copied());
                touched.set(next);
                focus(&field_id(refused[0]));
            }
        })
    };
    html! {
        <div class="actions bottom-actions">
            <button type="button" class="button danger-outline" onclick={on_stop}>{ "Don't treat today" }</button>
            if !since_done && described {
                <button type="button" class="button primary" onclick={on_continue}>{ "Continue" }</button>
            }
        </div>
    }
}

/// Properties of [`DraftActions`].
#[derive(Properties, PartialEq)]
pub struct DraftActionsProps {
    /// Discards the draft, once confirmed.
    pub discard: Callback<MouseEvent>,
    /// Signs the note.
    pub sign: Callback<MouseEvent>,
    /// Whether a signing (or discarding) is being written: the button
    /// waits.
    pub signing: bool,
}

/// "Discard…" (asks first) and "Sign note".
#[function_component(DraftActions)]
pub fn draft_actions(props: &DraftActionsProps) -> Html {
    let discarding = use_state(|| false);
    let ask = |on: bool| {
        let discarding = discarding.clone();
        Callback::from(move |_: MouseEvent| discarding.set(on))
    };
    html! {
        <>
            if *discarding {
                <div class="confirm" role="alertdialog" aria-labelledby="discard-title">
                    <h2 id="discard-title">{ "Discard this draft?" }</h2>
                    <p>{ "Everything charted in it is removed from this device." }</p>
                    <div class="actions">
                        <button type="button" class="button" data-escape="" onclick={ask(false)}>{ "Keep draft" }</button>
                        <button type="button" class="button danger" onclick={props.discard.clone()}>{ "Discard draft" }</button>
                    </div>
                </div>
            }
            <div class="actions bottom-actions">
                <button type="button" class="button danger-outline" onclick={ask(true)}>{ "Discard…" }</button>
                <button type="button" class="button primary" onclick={props.sign.clone()} disabled={props.signing}>{ "Sign note" }</button>
            </div>
        </>
    }
}
