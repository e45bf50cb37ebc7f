//! Importing: pick or drop a file, give the passphrase, see what would
//! change, then write it all in one transaction — or nothing.

use std::rc::Rc;

use stillpoint_core::base::hlc::HlcClock;
use stillpoint_core::sync::dataset::RecordKind;
use stillpoint_core::sync::import::ImportOptions;
use stillpoint_core::sync::sync_job::{PreparedChanges, SyncReply, SyncStage};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::file_drop::FileDrop;
use stillpoint_ui::components::progress::JobProgress;
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::refusal::Refusal;
use stillpoint_ui::state::{Action, Notice};
use stillpoint_ui::store::{StoreError, SyncLog};
use stillpoint_ui::sync_worker::{self, JobInput};

/// Properties of [`ImportPanel`].
#[derive(Properties, PartialEq)]
pub struct ImportPanelProps {
    /// Called with the log once an import is written.
    pub on_logged: Callback<SyncLog>,
}

/// Where the import stands.
#[derive(Clone, PartialEq)]
enum Step {
    /// Waiting for a file.
    Choose,
    /// The file is encrypted: ask for its passphrase.
    Passphrase,
    /// The file's clock is ahead of this device's: say how far and offer
    /// to import it anyway (with the passphrase already given, if any).
    ClockAhead {
        /// The explanation, with the number of days.
        message: String,
        /// The passphrase the file was opened with.
        passphrase: Option<String>,
    },
    /// Checked and merged in memory: show what would change. With the
    /// stored clock the merge was made against: the write happens only if
    /// nothing changed since.
    Preview(Rc<PreparedChanges>, Option<HlcClock>),
    /// The file's records were imported here before (milliseconds since
    /// the Unix epoch): nothing new, nothing read.
    ImportedBefore(u64),
}

/// File picker with drop zone, passphrase prompt, preview and confirm.
#[function_component(ImportPanel)]
pub fn import_panel(props: &ImportPanelProps) -> Html {
    let app = use_app();
    let file = use_state(|| None::<web_sys::File>);
    let step = use_state(|| Step::Choose);
    let passphrase = use_state(String::new);
    let busy = use_state(|| None::<SyncStage>);
    let runner = use_action_runner();
    let failure = use_state(|| None::<String>);
    // The preview was made again because the records changed in another
    // tab between the first one and "Import".
    let remade = use_state(|| false);
    use_effect_with((), |_| {
        sync_worker::warm_up();
        sync_worker::cool_down
    });

    let check = {
        let app = app.clone();
        let step = step.clone();
        let busy = busy.clone();
        let failure = failure.clone();
        let on_logged = props.on_logged.clone();
        let saving = runner.busy();
        move |chosen: web_sys::File, passphrase: Option<String>, options: ImportOptions| {
            if busy.is_some() || saving {
                return;
            }
            busy.set(Some(SyncStage::Checking));
            failure.set(None);
            let app = app.clone();
            let step = step.clone();
            let busy = busy.clone();
            let failure = failure.clone();
            let on_logged = on_logged.clone();
            spawn_local(async move {
                // A file imported before is answered from the sync log. A
                // log that cannot be read fails again, with its message,
                // on the full path below.
                if let Ok(Some(millis)) = app.services.imported_before(&chosen).await {
                    busy.set(None);
                    step.set(Step::ImportedBefore(millis));
                    return;
                }
                let (job, basis) = match app.services.import_job(passphrase.clone(), options).await
                {
                    Ok(prepared) => prepared,
                    Err(error) => {
                        busy.set(None);
                        failure.set(Some(error.to_string()));
                        return;
                    }
                };
                let on_reply = Callback::from(move |(reply, _): sync_worker::Reply| match reply {
                    SyncReply::Progress(stage) => busy.set(Some(stage)),
                    SyncReply::NeedsPassphrase => {
                        busy.set(None);
                        step.set(Step::Passphrase);
                    }
                    SyncReply::ClockAhead { message, .. } => {
                        busy.set(None);
                        step.set(Step::ClockAhead {
                            message,
                            passphrase: passphrase.clone(),
                        });
                    }
                    SyncReply::Prepared(changes) => {
                        busy.set(None);
                        if changes.is_empty() {
                            // Nothing to write, but the file still tells
                            // what its device holds: note it for exports
                            // of changes.
                            let app = app.clone();
                            let on_logged = on_logged.clone();
                            let changes = changes.clone();
                            spawn_local(async move {
                                if let Ok(log) = app.services.apply_import(&changes, basis).await {
                                    on_logged.emit(log);
                                }
                            });
                        }
                        step.set(Step::Preview(Rc::new(changes), basis));
                    }
                    SyncReply::Failed(message) => {
                        busy.set(None);
                        failure.set(Some(message));
                    }
                    SyncReply::Exported { .. }
                    | SyncReply::ClinicJoined { .. }
                    | SyncReply::ClinicBundle { .. }
                    | SyncReply::ClinicPulled { .. }
                    | SyncReply::Ready => busy.set(None),
                });
                sync_worker::run(&job, Some(JobInput::File(chosen)), on_reply);
            });
        }
    };

    let on_file = {
        let remade = remade.clone();
        let file = file.clone();
        let step = step.clone();
        let passphrase = passphrase.clone();
        let check = check.clone();
        Callback::from(move |chosen: web_sys::File| {
            remade.set(false);
            file.set(Some(chosen.clone()));
            passphrase.set(String::new());
            step.set(Step::Choose);
            check(chosen, None, ImportOptions::default());
        })
    };
    let open = {
        let file = file.clone();
        let passphrase = passphrase.clone();
        let failure = failure.clone();
        let check = check.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if passphrase.trim().is_empty() {
                failure.set(Some(
                    "Enter the passphrase the file was exported with.".into(),
                ));
                return;
            }
            if let Some(chosen) = &*file {
                check(
                    chosen.clone(),
                    Some((*passphrase).clone()),
                    ImportOptions::default(),
                );
            }
        })
    };
    let import_anyway = {
        let file = file.clone();
        let step = step.clone();
        let check = check.clone();
        Callback::from(move |_| {
            if let (Some(chosen), Step::ClockAhead { passphrase, .. }) = (&*file, &*step) {
                check(
                    chosen.clone(),
                    passphrase.clone(),
                    ImportOptions {
                        accept_clock_ahead: true,
                    },
                );
            }
        })
    };
    let cancel = {
        let file = file.clone();
        let step = step.clone();
        Callback::from(move |_| {
            file.set(None);
            step.set(Step::Choose);
        })
    };
    let confirm = {
        let (services, runner) = (app.services.clone(), runner.clone());
        let step = step.clone();
        let file = file.clone();
        let busy = busy.clone();
        let failure = failure.clone();
        let on_logged = props.on_logged.clone();
        let passphrase = passphrase.clone();
        let check = check.clone();
        let remade = remade.clone();
        Callback::from(move |_| {
            let Step::Preview(changes, basis) = (*step).clone() else {
                return;
            };
            if busy.is_some() {
                return;
            }
            let (services, written) = (services.clone(), changes.clone());
            let (step, file, failure) = (step.clone(), file.clone(), failure.clone());
            let (on_logged, passphrase) = (on_logged.clone(), passphrase.clone());
            let (check, remade, reread) = (check.clone(), remade.clone(), runner.clone());
            // A refusal is said under the preview, not as a notice; records
            // edited in another tab since the preview (`Ok(None)`) are merged
            // again against the records as they are now.
            runner.run(
                async move {
                    match services.apply_import(&written, basis).await {
                        Ok(log) => Ok(Some(log)),
                        Err(Refusal::Store(StoreError::Changed)) => Ok(None),
                        Err(error) => Err(Refusal::Invalid(error.message())),
                    }
                },
                move |app, applied| {
                    let Some(log) = applied else {
                        remade.set(true);
                        if let Some(chosen) = &*file {
                            let given = Some((*passphrase).clone()).filter(|text| !text.is_empty());
                            check(
                                chosen.clone(),
                                given,
                                ImportOptions {
                                    accept_clock_ahead: changes.ahead_by_days.is_some(),
                                },
                            );
                        }
                        return;
                    };
                    let (services, imported) = (app.services.clone(), changes.clone());
                    reread.run_action(
                        async move { services.imported(&imported.records).await },
                        |app, imported| app.dispatch(Action::Imported(Box::new(imported))),
                    );
                    app.dispatch(Action::Notify(Notice::Saved(format!(
                        "Imported: {} new, {} updated.",
                        changes.added, changes.updated
                    ))));
                    on_logged.emit(log);
                    file.set(None);
                    step.set(Step::Choose);
                },
                move |message| failure.set(Some(message)),
            );
        })
    };
    // The import being written shows as the job's saving stage.
    let stage = (*busy).or(runner.busy().then_some(SyncStage::Saving));

    // The preview (or the clock question) replaces the picker's place in
    // the therapist's attention: bring it into view, Import button and all.
    let answer = use_node_ref();
    {
        let answer = answer.clone();
        let showing = matches!(*step, Step::Preview(..) | Step::ClockAhead { .. });
        use_effect_with(showing, move |showing| {
            if *showing {
                if let Some(element) = answer.cast::<web_sys::Element>() {
                    element.scroll_into_view();
                }
            }
        });
    }
    let preview = match &*step {
        Step::ImportedBefore(millis) => html! {
            <div class="result" role="status">
                <p>{ format!("This file was imported on {}: it holds nothing new for this device. Nothing was changed.", format::moment(*millis)) }</p>
                <button type="button" class="button" onclick={cancel.clone()}>{ "OK" }</button>
            </div>
        },
        Step::Preview(changes, _) if changes.is_empty() => html! {
            <div class="result" role="status">
                <p>{ "This file holds nothing new for this device (perhaps it was imported before). Nothing was changed." }</p>
                <button type="button" class="button" onclick={cancel.clone()}>{ "OK" }</button>
            </div>
        },
        Step::Preview(changes, _) => html! {
            <div class="preview" role="region" aria-labelledby="preview-title">
                <h3 id="preview-title">{ "Ready to import" }</h3>
                if *remade {
                    <p role="status">{ "The records changed in another tab since the first preview, so nothing was written then. \
                                       This preview is made again from the records as they are now." }</p>
                }
                <p>{ if changes.encrypted {
                    "The file was encrypted."
                } else {
                    "The file was NOT encrypted: delete it once it is imported."
                } }</p>
                if let Some(days) = changes.ahead_by_days {
                    <p>{ format!("Its clock was {days} day(s) ahead; this device's clock moves past it, so later edits here still count as newer.") }</p>
                }
                <ul>
                    <li>{ format!("{} new record(s)", changes.added) }</li>
                    <li>{ format!("{} updated record(s)", changes.updated) }</li>
                    { for RecordKind::ALL.into_iter().filter_map(|kind| {
                        let added = changes.added_by_kind.get(&kind).copied().unwrap_or_default();
                        let updated = changes.updated_by_kind.get(&kind).copied().unwrap_or_default();
                        (added + updated > 0).then(|| html! {
                            <li class="muted">{ format!("{}: {added} new, {updated} updated", kind.plural().replace('_', " ")) }</li>
                        })
                    }) }
                    if !changes.new_conflicts.is_empty() {
                        <li>{ format!("{} field(s) edited on both devices: both versions are kept for you to choose on the client's page",
                            changes.new_conflicts.len()) }</li>
                    }
                </ul>
                if !changes.kept_here.is_empty() {
                    <div class="kept-here" role="note">
                        <p>{ format!("{} record(s) in the file differ from records that can never change; this device keeps its own:", changes.kept_here.len()) }</p>
                        <ul>
                            { for changes.kept_here.iter().take(20).map(|kept| html! { <li class="muted">{ kept.to_string() }</li> }) }
                        </ul>
                    </div>
                }
                <p class="muted">{ "Nothing has been written yet." }</p>
                <div class="actions">
                    <button type="button" class="button" data-escape="" onclick={cancel.clone()}>{ "Cancel" }</button>
                    <button type="button" class="button primary" onclick={confirm} disabled={stage.is_some()}>{ "Import" }</button>
                </div>
            </div>
        },
        _ => html! {},
    };

    html! {
        <section class="sync-section" aria-labelledby="import-title">
            <h2 id="import-title">{ "Import" }</h2>
            <FileDrop id="import-file" prompt="Drop a Stillpoint export file here, or" button="Choose a file…"
                accept=".age,.json,application/json,application/octet-stream" busy={stage.is_some()} takes_launched_files=true on_unread_file={on_file}>
                if let Some(chosen) = &*file {
                    <p class="muted">{ format!("File: {}", chosen.name()) }</p>
                }
            </FileDrop>
            if *step == Step::Passphrase {
                <form class="passphrase-form" novalidate=true onsubmit={open}>
                    <p>{ "This file is encrypted." }</p>
                    <Field id="import-passphrase" label="Passphrase of the file" kind={FieldKind::Password} required=true
                        value={(*passphrase).clone()} on_blur={Callback::noop()}
                        on_input={{ let passphrase = passphrase.clone(); Callback::from(move |text: String| passphrase.set(text)) }} />
                    <div class="actions">
                        <button type="button" class="button" data-escape="" onclick={cancel.clone()}>{ "Cancel" }</button>
                        <button type="submit" class="button primary" disabled={stage.is_some()}>{ "Open file" }</button>
                    </div>
                </form>
            }
            <div ref={answer}></div>
            if let Step::ClockAhead { message, .. } = &*step {
                <div class="result" role="alert">
                    <p>{ message.clone() }</p>
                    <div class="actions">
                        <button type="button" class="button" data-escape="" onclick={cancel.clone()}>{ "Cancel" }</button>
                        <button type="button" class="button primary" onclick={import_anyway} disabled={stage.is_some()}>{ "Import anyway" }</button>
                    </div>
                </div>
            }
            <JobProgress {stage} />
            if let Some(message) = &*failure {
                <p class="form-summary" role="alert">{ message.clone() }</p>
            }
            { preview }
        </section>
    }
}
