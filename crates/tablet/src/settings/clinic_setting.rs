//! Settings → Clinic sync: joining a clinic's server, syncing now, the
//! status line, and leaving. Off until the therapist joins; the work is
//! `stillpoint_ui::clinic`'s, the words core's.

use std::rc::Rc;

use stillpoint_core::sync::clinic::{ClinicMembership, DEFAULT_SERVER};
use stillpoint_core::sync::sync_job::SyncStage;
use stillpoint_ui::clinic::{self, Synced};
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::progress::JobProgress;
use stillpoint_ui::context::{use_app, AppContext};
use stillpoint_ui::hooks::{use_device_names, use_read};
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::services::Services;
use stillpoint_ui::state::Action;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// What the section shows while a join or sync runs and after it ends.
#[derive(Clone, PartialEq, Default)]
struct Job {
    stage: Option<SyncStage>,
    failure: Option<String>,
    /// How many joins and syncs have ended since the page opened (shown
    /// as `data-ended`, so a test can wait for the one it started).
    ended: u32,
}

/// Runs a join or sync, showing its stages, then its failure or the
/// records it brought; `done` re-reads the membership.
fn start<F>(app: &AppContext, job: &UseStateHandle<Job>, done: Callback<()>, work: F)
where
    F: std::future::Future<Output = Result<Synced, Refusal>> + 'static,
{
    let ended = job.ended;
    job.set(Job {
        stage: Some(SyncStage::Checking),
        failure: None,
        ended,
    });
    let (app, job) = (app.clone(), job.clone());
    spawn_local(async move {
        let outcome = work.await;
        job.set(Job {
            stage: None,
            failure: outcome.as_ref().err().and_then(Refusal::notice),
            ended: ended + 1,
        });
        if let Ok(Synced {
            imported: Some(imported),
            ..
        }) = outcome
        {
            app.dispatch(Action::Imported(Box::new(imported)));
        }
        done.emit(());
    });
}

fn stage_callback(job: &UseStateHandle<Job>) -> Callback<SyncStage> {
    let job = job.clone();
    Callback::from(move |stage| {
        job.set(Job {
            stage: Some(stage),
            failure: None,
            ended: job.ended,
        })
    })
}

/// The "Clinic sync" section of Settings.
#[function_component(ClinicSetting)]
pub fn clinic_setting() -> Html {
    let app = use_app();
    let reads = use_state(|| 0_u32);
    let membership = use_read(*reads, |services: Rc<Services>, _| async move {
        services.clinic().await
    });
    let names = use_device_names(*reads);
    let job = use_state(Job::default);
    let server = use_state(|| DEFAULT_SERVER.to_owned());
    let passphrase = use_state(String::new);
    let reread = {
        let reads = reads.clone();
        Callback::from(move |()| reads.set(*reads + 1))
    };
    let busy = job.stage.is_some();
    let join = {
        let (app, job, reread) = (app.clone(), job.clone(), reread.clone());
        let (server, passphrase) = (server.clone(), passphrase.clone());
        Callback::from(move |_| {
            let services = app.services.clone();
            let (typed, given) = ((*server).clone(), (*passphrase).clone());
            let on_progress = stage_callback(&job);
            start(&app, &job, reread.clone(), async move {
                clinic::join(&services, &typed, given, on_progress).await
            });
        })
    };
    let sync = {
        let (app, job, reread) = (app.clone(), job.clone(), reread.clone());
        Callback::from(move |_| {
            let services = app.services.clone();
            let on_progress = stage_callback(&job);
            start(&app, &job, reread.clone(), async move {
                clinic::sync_now(&services, on_progress).await
            });
        })
    };
    let leave = {
        let (app, reread) = (app.clone(), reread.clone());
        Callback::from(move |_| {
            let (services, reread) = (app.services.clone(), reread.clone());
            spawn_local(async move {
                if services.save_clinic(None).await.is_ok() {
                    reread.emit(());
                }
            });
        })
    };
    let failure = job.failure.clone().map(|message| {
        html! { <p id="clinic-error" class="field-error" role="alert">{ message }</p> }
    });
    let body = match membership.as_deref() {
        None => html! { <p class="muted">{ "Checking…" }</p> },
        Some(None) => html! {
            <>
                <p class="muted">{ "Off. Clinics with several therapists or devices can share records through their own server (a CouchDB database behind the clinic's address). The server stores only encrypted bundles: never a client's name or a note. Without it, this device works exactly as before." }</p>
                <Field id="clinic-server" label="Clinic server address" kind={FieldKind::Text}
                    hint={Some(AttrValue::from("The clinic database's path on this app's address, for example /couchdb/clinic."))}
                    value={(*server).clone()} on_blur={Callback::noop()}
                    on_input={ let server = server.clone(); Callback::from(move |text| server.set(text)) } />
                <Field id="clinic-passphrase" label="Clinic passphrase" kind={FieldKind::Password}
                    hint={Some(AttrValue::from("The same for every device of the clinic. The first device to join sets it; it must be as strong as a backup's."))}
                    value={(*passphrase).clone()} on_blur={Callback::noop()}
                    on_input={ let passphrase = passphrase.clone(); Callback::from(move |text| passphrase.set(text)) } />
                <div class="actions start">
                    <button id="clinic-join" type="button" class="button primary" disabled={busy} onclick={join}>{ "Join clinic" }</button>
                </div>
            </>
        },
        Some(Some(ClinicMembership {
            server, last_sync, ..
        })) => {
            let status = match (last_sync, names.as_deref()) {
                (Some(summary), Some(names)) => summary.describe(app.services.now_millis(), names),
                _ => "Joined; not synced yet.".to_owned(),
            };
            html! {
                <>
                    <p id="clinic-status" role="status">{ status }</p>
                    <p class="muted">{ format!("Server: {server}. Records are encrypted on this device before they leave it.") }</p>
                    <div class="actions start">
                        <button id="clinic-sync" type="button" class="button primary" disabled={busy} onclick={sync}>{ "Sync now" }</button>
                        <button id="clinic-leave" type="button" class="button" disabled={busy} onclick={leave}>{ "Leave clinic" }</button>
                    </div>
                </>
            }
        }
    };
    html! {
        <div id="clinic" data-ended={job.ended.to_string()}>
            <h2>{ "Clinic sync" }</h2>
            { body }
            <JobProgress stage={job.stage} />
            { for failure }
        </div>
    }
}
