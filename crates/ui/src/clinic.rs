//! Clinic sync: **the only module that uses the network.** It is off until
//! the therapist joins a clinic in Settings; until then the app makes no
//! request beyond its own files.
//!
//! It talks to a CouchDB database on the app's own origin (the reverse
//! proxy of `deploy/` serves both), with the browser's `fetch` through
//! gloo-net: `GET`/`PUT` of the clinic document, `GET _changes` and `PUT`
//! of one sealed bundle per sync. Every step that needs the clinic key
//! (scrypt, sealing, opening, parsing, merging) runs in the sync worker;
//! core holds the rules (`stillpoint_core::sync::clinic`), `services`
//! writes. A sync reads before it writes: the records a pull brings and
//! the feed position land in one transaction, and the device's own changes
//! count as held by the server only once the server accepted them, so a
//! sync cut off anywhere leaves nothing half-applied and the next one
//! completes it.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use gloo_net::http::Request;
use stillpoint_core::sync::clinic::{
    server_path, ClinicDoc, ClinicMembership, SyncSummary, CLINIC_DOC_ID,
};
use stillpoint_core::sync::sync_job::{SyncJob, SyncReply, SyncStage};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::context::use_app;
use crate::refusal::Refusal;
use crate::services::Services;
use crate::state::{Action, Imported};
use crate::store::StoreError;
use crate::sync_worker;

/// Why the clinic server could not be used, in words for the therapist.
/// Offline work is never affected: every record stays on the device.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ServerError {
    /// No answer (offline, the server or its proxy is down).
    #[error("The clinic server could not be reached. Your work is saved on this device; sync again when the network is back.")]
    Unreachable,
    /// The database does not exist on the server.
    #[error("The clinic server has no database at {0}. Check the address, or ask whoever runs the server to create it (see the setup guide).")]
    NoDatabase(String),
    /// The server refused this device's access.
    #[error(
        "The clinic server refused this device (HTTP {0}). Ask whoever runs the server for access."
    )]
    Refused(u16),
    /// The server has no room left.
    #[error("The clinic server is full, so this device's changes were not sent. Your work is saved on this device; ask whoever runs the server to free space.")]
    Full,
    /// The bundle is larger than the server (or its proxy) accepts.
    #[error("This device's changes are larger than the clinic server accepts in one piece, so they were not sent. Your work is saved on this device; ask whoever runs the server to raise its document size limit (see the setup guide).")]
    TooLarge,
    /// Any other failure on the server's side.
    #[error("The clinic server answered with an error (HTTP {0}). Nothing was changed on this device; try again later.")]
    Failed(u16),
    /// This device has not joined a clinic.
    #[error("This device has not joined a clinic yet: enter the server and passphrase in Settings → Clinic sync.")]
    NotJoined,
    /// The clinic document is not one Stillpoint wrote.
    #[error("The clinic server's setup document is damaged or was not made by Stillpoint. Nothing was changed on this device.")]
    NotAClinic,
    /// Two devices set the clinic up at the same moment.
    #[error("Another device set this clinic up at the same moment. Press Join again to use its passphrase.")]
    SetUpElsewhere,
}

impl From<ServerError> for Refusal {
    fn from(error: ServerError) -> Self {
        Refusal::Refused(error.to_string())
    }
}

/// The server's answer to one request: its status and body.
async fn request(builder: Result<Request, gloo_net::Error>) -> Result<(u16, Vec<u8>), ServerError> {
    let sent = builder
        .map_err(|_| ServerError::Unreachable)?
        .send()
        .await
        .map_err(|_| ServerError::Unreachable)?;
    let status = sent.status();
    let body = sent.binary().await.map_err(|_| ServerError::Unreachable)?;
    match status {
        200..=299 | 404 | 409 => Ok((status, body)),
        401 | 403 => Err(ServerError::Refused(status)),
        413 => Err(ServerError::TooLarge),
        507 => Err(ServerError::Full),
        // A proxy with its server down answers 502–504.
        502..=504 => Err(ServerError::Unreachable),
        _ => Err(ServerError::Failed(status)),
    }
}

/// `PUT`s `doc` (JSON) at `server/id`: `Ok(false)` if one is already there.
async fn put(server: &str, id: &str, doc: &impl serde::Serialize) -> Result<bool, ServerError> {
    let body = serde_json::to_string(doc).expect("documents always serialise to JSON");
    let builder = Request::put(&format!("{server}/{id}"))
        .header("Content-Type", "application/json")
        .body(body);
    match request(builder).await? {
        (404, _) => Err(ServerError::NoDatabase(server.to_owned())),
        (409, _) => Ok(false),
        _ => Ok(true),
    }
}

/// The clinic document, or `None` if the database has none yet.
async fn clinic_doc(server: &str) -> Result<Option<ClinicDoc>, Refusal> {
    let (status, body) = request(Ok(Request::get(&format!("{server}/{CLINIC_DOC_ID}"))
        .cache(web_sys::RequestCache::NoStore)
        .build()
        .map_err(|_| ServerError::Unreachable)?))
    .await?;
    if status == 404 {
        // CouchDB says which: a missing (or deleted) document, or no
        // database at all ("Database does not exist.", or pouchdb-server's
        // "no_db_file").
        let reason = String::from_utf8_lossy(&body);
        let no_document = reason.contains("\"missing\"") || reason.contains("\"deleted\"");
        return if no_document {
            Ok(None)
        } else {
            Err(ServerError::NoDatabase(server.to_owned()).into())
        };
    }
    serde_json::from_slice(&body)
        .map(Some)
        .map_err(|_| ServerError::NotAClinic.into())
}

/// The worker's final reply to `job`, or its failure as a refusal.
async fn ask(
    job: &SyncJob,
    bytes: Option<Vec<u8>>,
    on_progress: &Callback<SyncStage>,
) -> Result<SyncReply, Refusal> {
    match sync_worker::ask(job, bytes, on_progress.clone()).await.0 {
        SyncReply::Failed(message) => Err(Refusal::Refused(message)),
        reply => Ok(reply),
    }
}

fn unexpected() -> Refusal {
    Refusal::Refused("The sync worker gave an unexpected answer; nothing was changed.".into())
}

/// Joins the clinic whose database is at `typed_server` with
/// `passphrase` — setting it up if the database is empty — then syncs.
pub async fn join(
    services: &Services,
    typed_server: &str,
    passphrase: String,
    on_progress: Callback<SyncStage>,
) -> Result<Synced, Refusal> {
    let server = server_path(typed_server).map_err(|error| Refusal::Refused(error.to_string()))?;
    let clinic = clinic_doc(&server).await?;
    let job = SyncJob::ClinicJoin { passphrase, clinic };
    let SyncReply::ClinicJoined { key, created } = ask(&job, None, &on_progress).await? else {
        return Err(unexpected());
    };
    if let Some(doc) = created {
        if !put(&server, CLINIC_DOC_ID, &doc).await? {
            return Err(ServerError::SetUpElsewhere.into());
        }
    }
    let membership = ClinicMembership {
        server,
        key,
        cursor: Default::default(),
        last_sync: None,
    };
    services.save_clinic(Some(membership)).await?;
    sync_now(services, on_progress).await
}

/// What a sync did: its summary for the status line, and what it wrote,
/// read back for [`crate::state::Action::Imported`] when it wrote anything.
pub struct Synced {
    /// The status line's facts.
    pub summary: SyncSummary,
    /// The records the pull brought, as the state needs them.
    pub imported: Option<Imported>,
}

/// How often an automatic sync runs while the app is open, visible and
/// online.
const AUTO_SYNC_MILLIS: u32 = 5 * 60 * 1000;

/// How long after the browser says it is online again an automatic sync
/// waits.
const ONLINE_SETTLE_MILLIS: u32 = 3_000;

thread_local! {
    /// Whether a sync is running in this tab: a second one (the automatic
    /// one, or a press of "Sync now") waits for it rather than posting the
    /// same changes twice at once.
    static SYNCING: Cell<bool> = const { Cell::new(false) };
}

/// Waits `millis` without blocking the page.
async fn pause(millis: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        Timeout::new(millis, move || {
            let _ = resolve.call0(&JsValue::NULL);
        })
        .forget();
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// One sync: read what others posted (and write it with the feed position,
/// in one transaction), then post this device's changes the server lacks.
/// Waits for a sync already running in this tab to end first.
pub async fn sync_now(
    services: &Services,
    on_progress: Callback<SyncStage>,
) -> Result<Synced, Refusal> {
    while SYNCING.with(|syncing| syncing.replace(true)) {
        pause(200).await;
    }
    let outcome = sync_once(services, on_progress).await;
    SYNCING.with(|syncing| syncing.set(false));
    outcome
}

async fn sync_once(
    services: &Services,
    on_progress: Callback<SyncStage>,
) -> Result<Synced, Refusal> {
    let mut membership = services.clinic().await?.ok_or(ServerError::NotJoined)?;
    let since = membership.cursor.seq.as_deref().unwrap_or("0");
    let url = format!(
        "{}/_changes?include_docs=true&since={}",
        membership.server,
        js_sys::encode_uri_component(since)
    );
    let (status, feed) = request(
        Request::get(&url)
            .cache(web_sys::RequestCache::NoStore)
            .build(),
    )
    .await?;
    if status == 404 {
        return Err(ServerError::NoDatabase(membership.server).into());
    }
    let (job, basis) = services.clinic_pull_job(membership.key.clone()).await?;
    let SyncReply::ClinicPulled {
        changes,
        last_seq,
        holds,
        from,
    } = ask(&job, Some(feed), &on_progress).await?
    else {
        return Err(unexpected());
    };
    membership.cursor = membership.cursor.after_pull(last_seq, &holds);
    on_progress.emit(SyncStage::Saving);
    services
        .apply_clinic_pull(changes.as_ref(), membership.clone(), basis)
        .await
        .map_err(|error| match error {
            StoreError::Changed => Refusal::Refused(
                "Records changed on this device while syncing, so nothing was written. Sync \
                 again."
                    .into(),
            ),
            other => other.into(),
        })?;
    let SyncReply::ClinicBundle { bundle, mark } = ask(
        &services.clinic_post_job(&membership).await?,
        None,
        &on_progress,
    )
    .await?
    else {
        return Err(unexpected());
    };
    let sent = bundle.is_some();
    if let Some(bundle) = bundle {
        put(&membership.server, &bundle.id, &bundle).await?;
        membership.cursor = membership.cursor.after_post(&mark);
    }
    let none = Default::default();
    let counts = changes.as_ref().map_or((&none, &none), |changes| {
        (&changes.added_by_kind, &changes.updated_by_kind)
    });
    let summary = SyncSummary::new(
        services.now_millis(),
        counts,
        from,
        services.this_device(),
        sent,
    );
    membership.last_sync = Some(summary.clone());
    services.save_clinic(Some(membership)).await?;
    let imported = match changes.filter(|changes| !changes.is_empty()) {
        Some(changes) => Some(services.imported(&changes.records).await?),
        None => None,
    };
    Ok(Synced { summary, imported })
}

/// Syncs without being asked while this device is in a clinic: shortly
/// after the browser comes back online, and every five minutes while the page is
/// visible and online. Nothing runs for a device that has not joined (its
/// membership is read from IndexedDB, no request is made). A failure stays
/// quiet — the next sync tries again, and "Sync now" shows the reason —
/// and never blocks work; records a sync brings reach the screens at once.
#[hook]
pub fn use_auto_sync() {
    let app = use_app();
    use_effect_with((), move |_| {
        let run: Rc<dyn Fn()> = Rc::new(move || {
            let window = gloo::utils::window();
            let visible =
                gloo::utils::document().visibility_state() == web_sys::VisibilityState::Visible;
            if !window.navigator().on_line() || !visible {
                return;
            }
            let app = app.clone();
            spawn_local(async move {
                if !matches!(app.services.clinic().await, Ok(Some(_))) {
                    return;
                }
                if let Ok(Synced {
                    imported: Some(imported),
                    ..
                }) = sync_now(&app.services, Callback::noop()).await
                {
                    app.dispatch(Action::Imported(Box::new(imported)));
                }
            });
        });
        // A connection that has just come back is often not usable yet
        // (the service worker's own view of the network lags the page's).
        let online = EventListener::new(&gloo::utils::window(), "online", {
            let run = run.clone();
            move |_| {
                let run = run.clone();
                Timeout::new(ONLINE_SETTLE_MILLIS, move || run()).forget();
            }
        });
        let every = Interval::new(AUTO_SYNC_MILLIS, move || run());
        move || drop((online, every))
    });
}
