//! Exporting: an age-encrypted file by default; a plain file only after an
//! explicit choice and a warning. Everything (a backup, the default), or
//! only the changes a device that files were exchanged with lacks.

use stillpoint_core::base::ids::DeviceId;
use stillpoint_core::base::passphrase::check_passphrase;
use stillpoint_core::merge::version_vector::VersionVector;
use stillpoint_core::sync::device_name::{device_label, DeviceName};
use stillpoint_core::sync::sync_job::{SyncReply, SyncStage};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::progress::JobProgress;
use stillpoint_ui::context::use_app;
use stillpoint_ui::platform;
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::store::{Peer, SyncLog};
use stillpoint_ui::sync_worker;

/// Properties of [`ExportPanel`].
#[derive(Properties, PartialEq)]
pub struct ExportPanelProps {
    /// The devices files were exchanged with, to offer their changes.
    pub peers: Vec<Peer>,
    /// What each device is called, to name them.
    pub names: Vec<DeviceName>,
    /// Called with the log once an export is saved.
    pub on_logged: Callback<SyncLog>,
}

/// The first group of a device id: enough to tell a practice's devices
/// apart on screen.
pub fn short_device(device: DeviceId) -> String {
    device
        .to_string()
        .split('-')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// A saved export, kept to offer sharing and to log once it is known to
/// be kept: a download cannot tell whether the file was kept, so the
/// backup counts (and the reminder resets) when the therapist says so or
/// the share sheet reports it done.
#[derive(Clone, PartialEq)]
struct Saved {
    bytes: Vec<u8>,
    name: String,
    mime: &'static str,
    summary: String,
    sealed: bool,
    for_device: Option<DeviceId>,
    mark: VersionVector,
    logged: bool,
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
    let runner = use_action_runner();
    let saved = use_state(|| None::<Saved>);
    // A suggested passphrase, shown so it can be written down or copied,
    // and whether copying worked.
    let suggested = use_state(|| None::<String>);
    let copied = use_state(|| None::<bool>);
    let failure = use_state(|| None::<String>);
    let target = use_state(|| None::<DeviceId>);

    let weakness = if passphrase.trim().is_empty() {
        Some("Enter a passphrase: you will need it to open the file.".to_owned())
    } else {
        check_passphrase(&passphrase)
            .err()
            .map(|weak| weak.to_string())
    };
    let passphrase_error = weakness.clone().filter(|_| *tried);
    let repeat_error = (*tried && !passphrase.is_empty() && *passphrase != *repeat)
        .then(|| "The two passphrases differ. Type the same one twice.".to_owned());

    let start = {
        let app = app.clone();
        let busy = busy.clone();
        let saved = saved.clone();
        let failure = failure.clone();
        let target = target.clone();
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
            let for_device = *target;
            spawn_local(async move {
                let job = match app.services.export_job(sealed, for_device).await {
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
                        SyncReply::Exported {
                            sealed,
                            records,
                            mark,
                        } => {
                            busy.set(None);
                            let bytes = bytes.unwrap_or_default();
                            let today = app.services.today();
                            let stem = match for_device {
                                Some(device) => {
                                    format!("stillpoint-{today}-for-{}", short_device(device))
                                }
                                None => format!("stillpoint-{today}"),
                            };
                            let (name, mime) = if sealed {
                                (format!("{stem}.age"), SEALED_MIME)
                            } else {
                                (format!("{stem}.json"), PLAIN_MIME)
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
                                sealed,
                                for_device,
                                mark,
                                logged: false,
                            }));
                        }
                        SyncReply::Failed(message) => {
                            busy.set(None);
                            failure.set(Some(message));
                        }
                        SyncReply::Prepared(_)
                        | SyncReply::NeedsPassphrase
                        | SyncReply::ClockAhead { .. }
                        | SyncReply::ClinicJoined { .. }
                        | SyncReply::ClinicBundle { .. }
                        | SyncReply::ClinicPulled { .. }
                        | SyncReply::Ready => busy.set(None),
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
            if check_passphrase(&passphrase).is_ok() && *passphrase == *repeat {
                start(Some((*passphrase).clone()));
            }
        })
    };
    let suggest = {
        let app = app.clone();
        let passphrase = passphrase.clone();
        let repeat = repeat.clone();
        let suggested = suggested.clone();
        Callback::from(move |_| {
            let words = app.services.suggest_passphrase();
            passphrase.set(words.clone());
            repeat.set(words.clone());
            suggested.set(Some(words));
        })
    };
    let copy_suggestion = (*suggested).clone().map(|words| {
        let copied = copied.clone();
        let runner = runner.clone();
        Callback::from(move |_| {
            let words = words.clone();
            let copied = copied.clone();
            runner.run_action(
                async move { Ok::<_, Refusal>(platform::copy_text(&words).await) },
                move |_, done| copied.set(Some(done)),
            );
        })
    });
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
    // Logs the export (once) when the file is known to be kept.
    let log_kept = {
        let (services, runner) = (app.services.clone(), runner.clone());
        let saved = saved.clone();
        let on_logged = props.on_logged.clone();
        Callback::from(move |()| {
            let Some(kept) = (*saved).clone().filter(|kept| !kept.logged) else {
                return;
            };
            let (services, saved, on_logged) = (services.clone(), saved.clone(), on_logged.clone());
            let logged = kept.clone();
            runner.run_action(
                async move {
                    services
                        .record_export(logged.sealed, logged.for_device, &logged.mark)
                        .await
                },
                move |_, log| {
                    saved.set(Some(Saved {
                        logged: true,
                        ..kept
                    }));
                    on_logged.emit(log);
                },
            );
        })
    };
    let share = saved
        .as_ref()
        .filter(|saved| platform::can_share_file(&saved.bytes, &saved.name, saved.mime))
        .map(|saved| {
            let saved = saved.clone();
            let failure = failure.clone();
            let log_kept = log_kept.clone();
            let runner = runner.clone();
            Callback::from(move |_| {
                let saved = saved.clone();
                let failure = failure.clone();
                let log_kept = log_kept.clone();
                // A share that did not happen is said beside the file.
                runner.run(
                    async move {
                        platform::share_file(&saved.bytes, &saved.name, saved.mime)
                            .await
                            .map_err(Refusal::Invalid)
                    },
                    move |_, ()| log_kept.emit(()),
                    move |message| failure.set(Some(message)),
                );
            })
        });
    let confirm_kept = {
        let log_kept = log_kept.clone();
        Callback::from(move |_| log_kept.emit(()))
    };
    let text_setter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |text: String| state.set(text))
    };

    let known: Vec<DeviceId> = props
        .peers
        .iter()
        .filter(|peer| !peer.holds.is_empty())
        .map(|peer| peer.device)
        .collect();
    let choice = |device: Option<DeviceId>, label: String, hint: &'static str| {
        let checked = *target == device;
        let onclick = {
            let target = target.clone();
            Callback::from(move |_| target.set(device))
        };
        html! {
            <button type="button" role="radio" aria-checked={checked.to_string()}
                class={classes!("choice", checked.then_some("on"))} {onclick}>
                <span><strong>{ label }</strong><br />{ hint }</span>
            </button>
        }
    };

    html! {
        <section class="sync-section" aria-labelledby="export-title">
            <h2 id="export-title">{ "Export" }</h2>
            if !known.is_empty() {
                <p class="scale-label" id="export-scope-label">{ "What to export" }</p>
                <div class="choices export-scope" role="radiogroup" aria-labelledby="export-scope-label">
                    { choice(None, "Everything".to_owned(), "Every record: use this for backups.") }
                    { for known.iter().map(|device| choice(
                        Some(*device),
                        format!("Changes for {}", device_label(*device, &props.names)),
                        "Only what that device does not have yet: a smaller file. Import it there.",
                    )) }
                </div>
            }
            <form class="export-form" novalidate=true onsubmit={export_sealed}>
                <Field id="export-passphrase" label="Passphrase" kind={FieldKind::Password} required=true
                    hint={AttrValue::Static("The file is encrypted with it. Stillpoint never stores it: without it, nobody — you included — can open the file. Use at least 12 characters: a few ordinary words, or a suggested passphrase.")}
                    value={(*passphrase).clone()} error={passphrase_error}
                    on_input={text_setter(&passphrase)} on_blur={Callback::noop()} />
                <Field id="export-repeat" label="Passphrase again" kind={FieldKind::Password} required=true
                    value={(*repeat).clone()} error={repeat_error}
                    on_input={text_setter(&repeat)} on_blur={Callback::noop()} />
                if let Some(words) = &*suggested {
                    <div class="suggested" role="status">
                        <p>{ "Suggested passphrase (write it down, or keep it in your password manager):" }</p>
                        <p class="suggested-words"><code>{ words.clone() }</code></p>
                        if let Some(copy) = copy_suggestion {
                            <button type="button" class="button" onclick={copy}>{ "Copy" }</button>
                        }
                        { match *copied {
                            Some(true) => html! { <p class="muted">{ "Copied." }</p> },
                            Some(false) => html! { <p class="muted">{ "This browser did not allow copying: write it down." }</p> },
                            None => html! {},
                        } }
                    </div>
                }
                <div class="actions">
                    <button type="button" class="button" onclick={suggest}>{ "Suggest a passphrase" }</button>
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
                    if saved.logged {
                        <p>{ "Noted as your latest backup." }</p>
                    } else {
                        <p class="muted">{ "Check that the file is in your Downloads or Files (or share it \
                                            somewhere safe); the backup counts once you confirm it." }</p>
                    }
                    <div class="actions start">
                        if !saved.logged {
                            <button type="button" class="button primary" onclick={confirm_kept}>{ "I have the file" }</button>
                        }
                        if let Some(share) = share {
                            <button type="button" class="button" onclick={share}>{ "Share…" }</button>
                        }
                    </div>
                </div>
            }
        </section>
    }
}
