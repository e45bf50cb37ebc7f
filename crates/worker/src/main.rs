//! The sync worker: a second wasm, loaded by the app on first use, that runs
//! export and import off the UI thread.
//!
//! scrypt costs about a second on purpose and a large practice takes a while
//! to merge; in a worker the page keeps responding and shows progress. The
//! worker holds no state between jobs and touches no storage: the app sends
//! the records and writes back what the worker returns.

mod jobs;
mod messages;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let replies = replies.clone();
        let reply = move |message: messages::Outgoing| {
            let (value, transfer) = message.into_js();
            let _ = replies.post_message_with_transfer(&value, &transfer);
        };
        match messages::Incoming::from_js(event.data()) {
            // A job may wait on the browser (its SHA-256): the page sends
            // one job at a time, so nothing else runs meanwhile.
            Ok(incoming) => spawn_local(async move { jobs::run(incoming, &reply).await }),
            Err(problem) => reply(messages::Outgoing::failed(problem)),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages that arrive before this handler exists are dropped, so the app
    // waits for this signal before sending its first job.
    let (ready, transfer) = messages::Outgoing::ready().into_js();
    let _ = scope.post_message_with_transfer(&ready, &transfer);
}
