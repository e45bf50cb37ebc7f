//! The quiet message at the bottom of the screen ("Saved", "Deleted — Undo").

use gloo::timers::callback::Timeout;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::context::use_app;
use crate::state::{Action, Notice};

/// How long a confirmation stays before fading away.
const SAVED_MILLIS: u32 = 4_000;
/// How long the Undo offer stays.
const UNDO_MILLIS: u32 = 10_000;

/// Shows the current notice, if any, in a polite live region.
#[function_component(NoticeBar)]
pub fn notice_bar() -> Html {
    let app = use_app();
    let notice = app.state.notice.clone();
    {
        let app = app.clone();
        use_effect_with(notice.clone(), move |notice| {
            let delay = match notice {
                Some(Notice::Saved(_)) => Some(SAVED_MILLIS),
                Some(Notice::Deleted { .. }) => Some(UNDO_MILLIS),
                _ => None,
            };
            let timeout = delay
                .map(|millis| Timeout::new(millis, move || app.dispatch(Action::DismissNotice)));
            move || drop(timeout)
        });
    }
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DismissNotice))
    };
    let body = match notice {
        None => html! {},
        Some(Notice::Saved(text)) => html! { <p class="notice">{ text }</p> },
        Some(Notice::Error(text)) => html! {
            <div class="notice notice-error">
                <p>{ text }</p>
                <button type="button" class="button" onclick={dismiss}>{ "OK" }</button>
            </div>
        },
        Some(Notice::Deleted { id, name }) => {
            let undo = Callback::from(move |_| {
                let app = app.clone();
                let Some(client) = app.state.clients.get(&id).cloned() else {
                    return;
                };
                spawn_local(async move {
                    match app.services.restore_client(&client).await {
                        Ok(restored) => {
                            app.dispatch(Action::ClientStored(Box::new(restored)));
                            app.dispatch(Action::Notify(Notice::Saved("Deletion undone.".into())));
                        }
                        Err(error) => {
                            app.dispatch(Action::Notify(Notice::Error(error.to_string())))
                        }
                    }
                });
            });
            html! {
                <div class="notice">
                    <p>{ format!("{name} was deleted.") }</p>
                    <button type="button" class="button" onclick={undo}>{ "Undo" }</button>
                </div>
            }
        }
    };
    html! { <div class="notice-area" role="status" aria-live="polite">{ body }</div> }
}
