//! The sync worker: a second wasm, loaded by the app on first use, that runs
//! export and import off the UI thread.
//!
//! scrypt costs about a second on purpose and a large practice takes a while
//! to merge; in a worker the page keeps responding and shows progress. The
//! worker holds no state between jobs and touches no storage: the app sends
//! the records and writes back what the worker returns.

mod jobs;
mod messages;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let reply = move |message: messages::Outgoing| {
        let (value, transfer, working_data) = message.into_js();
        let _ = replies.post_message_with_transfer(&value, &transfer);
        drop(working_data);
    };
    // A job may wait on the browser (an import's SHA-256), so a job that
    // arrives meanwhile waits its turn: jobs run one after another, whole,
    // in the order they came, as they did when none waited.
    let queue: Rc<RefCell<VecDeque<messages::Incoming>>> = Rc::default();
    let running = Rc::new(Cell::new(false));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        match messages::Incoming::from_js(event.data()) {
            Ok(incoming) => queue.borrow_mut().push_back(incoming),
            Err(problem) => return reply(messages::Outgoing::failed(problem)),
        }
        if running.replace(true) {
            return;
        }
        let (queue, running, reply) = (queue.clone(), running.clone(), reply.clone());
        spawn_local(async move {
            loop {
                let next = queue.borrow_mut().pop_front();
                let Some(incoming) = next else { break };
                jobs::run(incoming, &reply).await;
            }
            running.set(false);
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages that arrive before this handler exists are dropped, so the app
    // waits for this signal before sending its first job.
    let (ready, transfer, _) = messages::Outgoing::ready().into_js();
    let _ = scope.post_message_with_transfer(&ready, &transfer);
}
