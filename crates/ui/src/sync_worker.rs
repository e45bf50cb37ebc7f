//! Starts the sync worker on first use and talks to it.
//!
//! The worker is a second wasm (`crates/worker`) that Trunk builds with a
//! loader script at a fixed name; the service worker precaches it, so it
//! loads offline too. It is started only when the import panel opens
//! ([`warm_up`]) or a job is asked for, keeping age and the merge off the
//! first-load path. A job sent before the worker says `Ready` would be
//! lost, so it waits in `pending`.
//!
//! A worker that fails (its files do not load, it panics, it runs out of
//! memory) or does not say `Ready` within [`START_MILLIS`] is ended: the
//! job in hand is answered with a plain failure within seconds, and the
//! next job starts a fresh worker. A worker that has answered its job is
//! ended too: importing a practice grows its memory by hundreds of
//! megabytes, which a WebAssembly memory never gives back, and starting
//! the precached worker again costs a fraction of a second.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use js_sys::{Array, Object, Reflect, Uint8Array};
use stillpoint_core::sync::sync_job::{SyncJob, SyncReply, SyncStage, TextStore};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::posted_texts::PostedTexts;

/// The loader Trunk writes for the worker binary (see index.html).
const WORKER_URL: &str = "/stillpoint-worker_loader.js";
/// How long a new worker may take to say `Ready` (loading and compiling
/// its wasm takes well under a second on a tablet).
const START_MILLIS: u32 = 15_000;

/// A reply and, for an export, the file.
pub type Reply = (SyncReply, Option<Vec<u8>>);

/// The running worker, whether it has said `Ready`, a job waiting for that,
/// and who receives the replies of the current job.
struct Connection {
    worker: Worker,
    ready: bool,
    pending: Option<(Object, Array)>,
    on_reply: Callback<Reply>,
    /// How many jobs were sent (or wait for `Ready`) and are not answered.
    unanswered: usize,
    /// Ends the worker if it has not said `Ready` in time.
    start_timeout: Option<Timeout>,
}

thread_local! {
    static CONNECTION: RefCell<Option<Connection>> = const { RefCell::new(None) };
}

/// The arrays under `name` in `data`: one `Uint8Array` or a list of them
/// (an import's texts, as the worker wrote them).
fn arrays_of(data: &JsValue, name: &str) -> Option<Vec<Uint8Array>> {
    let value = Reflect::get(data, &name.into()).ok()?;
    if Array::is_array(&value) {
        let parts = Array::from(&value);
        Some(
            parts
                .iter()
                .filter_map(|part| part.dyn_into().ok())
                .collect(),
        )
    } else {
        Some(vec![value.dyn_into().ok()?])
    }
}

/// The bytes under `name` in `data`, copied into the page's memory. The
/// worker transferred the buffers, so nothing else holds them: each is
/// freed at once (detached) rather than at the next collection.
fn bytes_of(data: &JsValue, name: &str) -> Option<Vec<u8>> {
    let parts = arrays_of(data, name)?;
    let mut bytes = Vec::with_capacity(parts.iter().map(|part| part.length() as usize).sum());
    for part in parts {
        let start = bytes.len();
        bytes.resize(start + part.length() as usize, 0);
        part.copy_to(&mut bytes[start..]);
        // A browser without `ArrayBuffer.prototype.transfer` frees it later.
        let _ = part.buffer().transfer_with_length(0);
    }
    Some(bytes)
}

/// Reads `{ reply, texts?, bytes? }`: the reply as JSON bytes, the texts
/// of the records it carries (left in the buffers they came in:
/// [`PostedTexts`]), the file beside it.
fn read_reply(data: &JsValue) -> Reply {
    let texts =
        arrays_of(data, "texts").map(|parts| Rc::new(PostedTexts::new(parts)) as Rc<dyn TextStore>);
    let reply = bytes_of(data, "reply")
        .and_then(|json| SyncReply::from_message(&json, texts).ok())
        .unwrap_or_else(|| {
            SyncReply::Failed("The sync worker sent an answer the app could not read.".into())
        });
    (reply, bytes_of(data, "bytes"))
}

/// Puts `bytes` under `name` in `message`, moved (not copied) to the worker.
fn attach(message: &Object, transfer: &Array, name: &str, bytes: &[u8]) {
    let array = Uint8Array::from(bytes);
    transfer.push(&array.buffer());
    let _ = Reflect::set(message, &name.into(), &array);
}

fn send(worker: &Worker, (message, transfer): &(Object, Array), on_reply: &Callback<Reply>) {
    if worker
        .post_message_with_transfer(message, transfer)
        .is_err()
    {
        on_reply.emit((
            SyncReply::Failed("The sync worker could not be reached.".into()),
            None,
        ));
    }
}

fn receive(event: MessageEvent) {
    let data = event.data();
    // An answer carrying records' texts (an import's or a pull's) is
    // handled once the worker is ended, in a later task, so what the page
    // does with it does not come on top of the hundreds of megabytes the
    // worker still holds: when the page copied the texts in, the tab peaked
    // there (BENCHMARKS.md, issue 14, session 10).
    if Reflect::has(&data, &"texts".into()).unwrap_or(false) {
        if let Some(on_reply) = end_of_job() {
            Timeout::new(0, move || on_reply.emit(read_reply(&data))).forget();
        }
        return;
    }
    let (reply, bytes) = read_reply(&data);
    let deliver = match reply {
        SyncReply::Ready => {
            CONNECTION.with(|cell| {
                if let Some(connection) = cell.borrow_mut().as_mut() {
                    connection.ready = true;
                    connection.start_timeout = None;
                    if let Some(job) = connection.pending.take() {
                        send(&connection.worker, &job, &connection.on_reply);
                    }
                }
            });
            None
        }
        SyncReply::Progress(_) => CONNECTION.with(|cell| {
            cell.borrow()
                .as_ref()
                .map(|connection| connection.on_reply.clone())
        }),
        _ => end_of_job(),
    };
    if let Some(on_reply) = deliver {
        on_reply.emit((reply, bytes));
    }
}

/// Counts a job as answered and gives who receives its answer. With none
/// left, the worker is ended, so the memory an import grew it by goes back
/// to the device (a WebAssembly memory never shrinks); the next job starts
/// a fresh one.
fn end_of_job() -> Option<Callback<Reply>> {
    CONNECTION.with(|cell| {
        let mut held = cell.borrow_mut();
        let connection = held.as_mut()?;
        connection.unanswered = connection.unanswered.saturating_sub(1);
        let on_reply = connection.on_reply.clone();
        if connection.unanswered == 0 {
            if let Some(done) = held.take() {
                done.worker.terminate();
            }
        }
        Some(on_reply)
    })
}

/// Ends the worker after a failure and tells the job's receiver why; the
/// next job starts a fresh worker.
fn fail(reason: &str) {
    let on_reply = CONNECTION
        .with(|cell| cell.borrow_mut().take())
        .map(|connection| {
            connection.worker.terminate();
            connection.on_reply
        });
    if let Some(on_reply) = on_reply {
        on_reply.emit((
            SyncReply::Failed(format!(
                "The sync worker {reason}, so nothing was changed. Try again; if it \
                 happens again, reload the app."
            )),
            None,
        ));
    }
}

fn start() -> Result<Worker, String> {
    let worker =
        Worker::new(WORKER_URL).map_err(|_| "The sync worker could not be started.".to_owned())?;
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(receive);
    worker.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let on_error = Closure::<dyn FnMut(JsValue)>::new(|_| {
        fail("stopped (it could not load, or ran out of memory)")
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(worker)
}

/// Starts the worker ahead of a job the therapist is about to ask for (the
/// import panel is open): loading and compiling it then overlaps with
/// choosing the file instead of following it. Does nothing if it runs.
pub fn warm_up() {
    CONNECTION.with(|cell| {
        let mut connection = cell.borrow_mut();
        if connection.is_some() {
            return;
        }
        if let Ok(worker) = start() {
            *connection = Some(Connection {
                worker,
                ready: false,
                pending: None,
                on_reply: Callback::noop(),
                unanswered: 0,
                start_timeout: Some(Timeout::new(START_MILLIS, || fail("did not start in time"))),
            });
        }
    });
}

/// Ends a worker started by [`warm_up`] that was given no job, when the
/// panel that started it closes; one with a job in hand ends once it has
/// answered.
pub fn cool_down() {
    let idle = CONNECTION.with(|cell| {
        let mut connection = cell.borrow_mut();
        let idle = connection.as_ref().is_some_and(|held| held.unanswered == 0);
        idle.then(|| connection.take()).flatten()
    });
    if let Some(connection) = idle {
        connection.worker.terminate();
    }
}

/// What a job reads besides its JSON.
#[derive(Clone, Debug)]
pub enum JobInput {
    /// Bytes the page holds (a clinic server's answer), moved to the worker.
    Bytes(Vec<u8>),
    /// The file the therapist picked, handed over unread: a `File` crosses
    /// without a copy and the worker reads it, so a practice's 58 MB export
    /// never passes through the page's memory (BENCHMARKS.md, issue 14).
    File(web_sys::File),
}

/// Sends `job` (with its `input`) and calls `on_reply` with each reply:
/// progress first, then one final answer. One job at a time: the page
/// disables its buttons while a job runs.
pub fn run(job: &SyncJob, input: Option<JobInput>, on_reply: Callback<Reply>) {
    let message = Object::new();
    let transfer = Array::new();
    // One buffer of JSON, moved: not 90,000 objects built and cloned.
    attach(&message, &transfer, "job", &job.to_bytes());
    match input {
        Some(JobInput::Bytes(bytes)) => attach(&message, &transfer, "bytes", &bytes),
        Some(JobInput::File(file)) => {
            let _ = Reflect::set(&message, &"file".into(), &file);
        }
        None => {}
    }
    let outgoing = (message, transfer);
    let started = CONNECTION.with(|cell| {
        let mut connection = cell.borrow_mut();
        if let Some(connection) = connection.as_mut() {
            connection.on_reply = on_reply.clone();
            connection.unanswered += 1;
            if connection.ready {
                send(&connection.worker, &outgoing, &on_reply);
            } else {
                connection.pending = Some(outgoing.clone());
            }
            return Ok(());
        }
        let worker = start()?;
        *connection = Some(Connection {
            worker,
            ready: false,
            pending: Some(outgoing.clone()),
            on_reply: on_reply.clone(),
            unanswered: 1,
            start_timeout: Some(Timeout::new(START_MILLIS, || fail("did not start in time"))),
        });
        Ok::<(), String>(())
    });
    if let Err(message) = started {
        on_reply.emit((SyncReply::Failed(message), None));
    }
}

/// Sends `job` (with `bytes`) and waits for its final reply, passing each
/// progress stage to `on_progress`: for work that needs the worker
/// between its own steps (clinic sync), written as one `async` function.
pub async fn ask(job: &SyncJob, bytes: Option<Vec<u8>>, on_progress: Callback<SyncStage>) -> Reply {
    let answer: Rc<RefCell<Option<Reply>>> = Rc::default();
    let promise = {
        let answer = answer.clone();
        js_sys::Promise::new(&mut |resolve, _| {
            let (answer, on_progress) = (answer.clone(), on_progress.clone());
            run(
                job,
                bytes.clone().map(JobInput::Bytes),
                Callback::from(move |reply: Reply| match reply.0 {
                    SyncReply::Progress(stage) => on_progress.emit(stage),
                    _ => {
                        *answer.borrow_mut() = Some(reply);
                        let _ = resolve.call0(&JsValue::NULL);
                    }
                }),
            );
        })
    };
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    answer.take().unwrap_or_else(|| {
        (
            SyncReply::Failed("The sync worker did not answer.".into()),
            None,
        )
    })
}
