//! Starts the sync worker on first use and talks to it.
//!
//! The worker is a second wasm (`crates/worker`) that Trunk builds with a
//! loader script at a fixed name; the service worker precaches it, so it
//! loads offline too. It is started only when the therapist first exports
//! or imports, keeping age and the merge off the first-load path.

use std::cell::RefCell;

use js_sys::{Array, Object, Reflect, Uint8Array};
use stillpoint_core::sync_job::{SyncJob, SyncReply};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

/// The loader Trunk writes for the worker binary (see index.html).
const WORKER_URL: &str = "/stillpoint-worker_loader.js";

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

/// A reply and, for an export, the file.
pub type Reply = (SyncReply, Option<Vec<u8>>);

fn worker() -> Result<Worker, String> {
    WORKER.with(|cell| {
        if let Some(worker) = cell.borrow().as_ref() {
            return Ok(worker.clone());
        }
        let worker = Worker::new(WORKER_URL)
            .map_err(|_| "the sync worker could not be started".to_owned())?;
        *cell.borrow_mut() = Some(worker.clone());
        Ok(worker)
    })
}

fn read_reply(data: &JsValue) -> Reply {
    let reply = Reflect::get(data, &"reply".into())
        .ok()
        .and_then(|value| serde_wasm_bindgen::from_value(value).ok())
        .unwrap_or_else(|| {
            SyncReply::Failed("The sync worker sent an answer the app could not read.".into())
        });
    let bytes = Reflect::get(data, &"bytes".into())
        .ok()
        .filter(|value| value.is_instance_of::<Uint8Array>())
        .map(|value| Uint8Array::from(value).to_vec());
    (reply, bytes)
}

/// Sends `job` (with `bytes`, for an import) and calls `on_reply` with each
/// reply: progress first, then one final answer. One job at a time: the
/// page disables its buttons while a job runs.
pub fn run(job: &SyncJob, bytes: Option<Vec<u8>>, on_reply: Callback<Reply>) {
    let fail = |message: String| on_reply.emit((SyncReply::Failed(message), None));
    let worker = match worker() {
        Ok(worker) => worker,
        Err(message) => return fail(message),
    };
    let handler = Closure::<dyn FnMut(MessageEvent)>::new({
        let on_reply = on_reply.clone();
        move |event: MessageEvent| on_reply.emit(read_reply(&event.data()))
    });
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let message = Object::new();
    let transfer = Array::new();
    let job = match serde_wasm_bindgen::to_value(job) {
        Ok(job) => job,
        Err(error) => {
            return fail(format!(
                "The records could not be handed to the sync worker ({error})."
            ))
        }
    };
    let _ = Reflect::set(&message, &"job".into(), &job);
    if let Some(bytes) = bytes {
        let array = Uint8Array::from(bytes.as_slice());
        transfer.push(&array.buffer());
        let _ = Reflect::set(&message, &"bytes".into(), &array);
    }
    if worker
        .post_message_with_transfer(&message, &transfer)
        .is_err()
    {
        fail("The sync worker could not be reached.".into());
    }
}
