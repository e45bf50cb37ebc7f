//! Exporting: an age-encrypted file by default; a plain file only after an
//! explicit choice and a warning.

use stillpoint_core::sync_job::{SyncReply, SyncStage};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::field::{Field, FieldKind};
use crate::components::progress::JobProgress;
use crate::context::use_app;
use crate::platform;
use crate::store::SyncLog;
use crate::sync_worker;

/// Properties of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// Called with the log once an export is saved.
    pub on_logged: Callback<SyncLog>,
}

/// A saved export, kept to offer sharing.
#[derive(Clone, PartialEq)]
struct Saved {
    bytes: Vec<u8>,
    name: String,
    mime: &'static str,
    summary: String,
}

const SEALED_MIME: &str = "application/octet-stream";
const PLAIN_MIME: &str = "application/json";

/// Passphrase fields, the export buttons, progress and the result.
#[function_component(ExportPanel)]
pub fn export_panel(props: &ExportPanelProps) -> Html {
    let app = use_app();
    let passphrase = use_state(String::new);
    let repeat = use_state(String::new);
    let tried = use_state(|| false);
    let plain_warning = use_state(|| false);
    let busy = use_state(|| None::<SyncStage>);
    let saved = use_state(|| None::<Saved>);
    let failure = use_state(|| None::<String>);

    let passphrase_error = (*tried && passphrase.trim().is_empty())
        .then(|| "Enter a passphrase: you will need it to open the file.".to_owned());
    let repeat_error = (*tried && !passphrase.is_empty() && *passphrase != *repeat)
        .then(|| "The two passphrases differ. Type the same one twice.".to_owned());

    let start = {
        let app = app.clone();
        let busy = busy.clone();
        let saved = saved.clone();
        let failure = failure.clone();
        let on_logged = props.on_logged.clone();
        move |sealed: Option<String>| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(SyncStage::Writing));
            saved.set(None);
            failure.set(None);
            let app = app.clone();
            let busy = busy.clone();
            let saved = saved.clone();
            let failure = failure.clone();
            let on_logged = on_logged.clone();
            spawn_local(async move {
                let job = match app.services.export_job(sealed).await {
                    Ok(job) => job,
                    Err(error) => {
                        busy.set(None);
                        failure.set(Some(error.to_string()));
                        return;
                    }
                };
                let on_reply =
                    Callback::from(move |(reply, bytes): sync_worker::Reply| match reply {
                        SyncReply::Progress(stage) => busy.set(Some(stage)),
                        SyncReply::Exported { sealed, records } => {
                            busy.set(None);
                            let bytes = bytes.unwrap_or_default();
                            let today = app.services.today();
                            let (name, mime) = if sealed {
                                (format!("stillpoint-{today}.age"), SEALED_MIME)
                            } else {
                                (format!("stillpoint-{today}.json"), PLAIN_MIME)
                            };
                            if let Err(message) = platform::save_file(&bytes, &name, mime) {
                                failure.set(Some(message));
                                return;
                            }
                            let summary = format!(
                                "Saved {name}: {records} record(s), {}.",
                                if sealed { "encrypted" } else { "NOT encrypted" }
                            );
                            saved.set(Some(Saved {
                                bytes,
                                name,
                                mime,
                                summary,
                            }));
                            let app = app.clone();
                            let on_logged = on_logged.clone();
                            spawn_local(async move {
                                if let Ok(log) = app.services.record_export(sealed).await {
                                    on_logged.emit(log);
                                }
                            });
                        }
                        SyncReply::Failed(message) => {
                            busy.set(None);
                            failure.set(Some(message));
                        }
                        SyncReply::Prepared(_) | SyncReply::NeedsPassphrase | SyncReply::Ready => {
                            busy.set(None)
                        }
                    });
                sync_worker::run(&job, None, on_reply);
            });
        }
    };

    let export_sealed = {
        let start = start.clone();
        let passphrase = passphrase.clone();
        let repeat = repeat.clone();
        let tried = tried.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            tried.set(true);
            if !passphrase.trim().is_empty() && *passphrase == *repeat {
                start(Some((*passphrase).clone()));
            }
        })
    };
    let show_plain = {
        let plain_warning = plain_warning.clone();
        Callback::from(move |_| plain_warning.set(!*plain_warning))
    };
    let export_plain = {
        let plain_warning = plain_warning.clone();
        Callback::from(move |_| {
            plain_warning.set(false);
            start(None);
        })
    };
    let share = saved
        .as_ref()
        .filter(|saved| platform::can_share_file(&saved.bytes, &saved.name, saved.mime))
        .map(|saved| {
            let saved = saved.clone();
            let failure = failure.clone();
            Callback::from(move |_| {
                let saved = saved.clone();
                let failure = failure.clone();
                spawn_local(async move {
                    if let Err(message) =
                        platform::share_file(&saved.bytes, &saved.name, saved.mime).await
                    {
                        failure.set(Some(message));
                    }
                });
            })
        });
    let text_setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |text: String| state.set(text))
    };

    html! {
        <section class="sync-section" aria-labelledby="export-title">
            <h2 id="export-title">{ "Export" }</h2>
            <form class="export-form" novalidate=true onsubmit={export_sealed}>
                <Field id="export-passphrase" label="Passphrase" kind={FieldKind::Password} required=true
                    hint={AttrValue::Static("The file is encrypted with it. Stillpoint never stores it: without it, nobody — you included — can open the file. Four or more words are strong.")}
                    value={(*passphrase).clone()} error={passphrase_error}
                    on_input={text_setter(&passphrase)} on_blur={Callback::noop()} />
                <Field id="export-repeat" label="Passphrase again" kind={FieldKind::Password} required=true
                    value={(*repeat).clone()} error={repeat_error}
                    on_input={text_setter(&repeat)} on_blur={Callback::noop()} />
                <div class="actions">
                    <button type="button" class="button" onclick={show_plain} disabled={busy.is_some()}>
                        { "Export without encryption…" }
                    </button>
                    <button type="submit" class="button primary" disabled={busy.is_some()}>{ "Export encrypted file" }</button>
                </div>
            </form>
            if *plain_warning {
                <div class="confirm" role="alertdialog" aria-labelledby="plain-title" aria-describedby="plain-text">
                    <h3 id="plain-title">{ "Export without encryption?" }</h3>
                    <p id="plain-text">{ "Anyone who gets this file can read every client's health record in it. \
                                          Use it only to move data into a tool you trust, and delete it after." }</p>
                    <div class="actions">
                        <button type="button" class="button danger" onclick={export_plain}>{ "Export unencrypted file" }</button>
                    </div>
                </div>
            }
            <JobProgress stage={*busy} />
            if let Some(message) = &*failure {
                <p class="form-summary" role="alert">{ message.clone() }</p>
            }
            if let Some(saved) = &*saved {
                <div class="result" role="status">
                    <p>{ saved.summary.clone() }</p>
                    if let Some(share) = share {
                        <button type="button" class="button" onclick={share}>{ "Share…" }</button>
                    }
                </div>
            }
        </section>
    }
}
