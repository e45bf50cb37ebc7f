//! Tells every open tab of the app when the tablet is handed to a client.
//!
//! The lock lives in the database, but a tab reads it only when it starts:
//! without this, a tab or window opened earlier would stay on the
//! therapist's screens. A `BroadcastChannel` reaches every other tab of the
//! same origin at once; each then reads the lock from the database (the
//! message itself carries nothing) and shows the client's view. A tab that
//! was hidden also reads the lock when it is shown again, in case a message
//! was missed. Unlocking is never broadcast: each tab asks for the PIN.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const CHANNEL: &str = "stillpoint-lock";

/// Tells the other tabs that the lock was set.
pub fn announce_lock() {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&"locked".into());
        channel.close();
    }
}

/// Calls `on_lock` whenever another tab announces the lock or this tab is
/// shown again; listening stops when the returned value is dropped.
pub fn listen(on_lock: Rc<dyn Fn()>) -> Listening {
    let channel = web_sys::BroadcastChannel::new(CHANNEL).ok();
    let message = {
        let on_lock = on_lock.clone();
        Closure::<dyn Fn()>::new(move || on_lock())
    };
    if let Some(channel) = &channel {
        channel.set_onmessage(Some(message.as_ref().unchecked_ref()));
    }
    let shown =
        gloo::events::EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
            if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Visible {
                on_lock();
            }
        });
    Listening {
        channel,
        _message: message,
        _shown: shown,
    }
}

/// An active [`listen`]; dropping it stops listening.
pub struct Listening {
    channel: Option<web_sys::BroadcastChannel>,
    _message: Closure<dyn Fn()>,
    _shown: gloo::events::EventListener,
}

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(channel) = &self.channel {
            channel.set_onmessage(None);
            channel.close();
        }
    }
}
