//! Sync & backup: moving records between devices by file, and the backup
//! reminder.

use stillpoint_core::sync::backup_reminder::{backup_is_due, days_since, BACKUP_INTERVAL_DAYS};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::sync::sync_export::ExportPanel;
use crate::sync::sync_import::ImportPanel;
use stillpoint_core::sync::device_name::device_label;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::use_device_names;
use stillpoint_ui::store::SyncLog;

/// How long ago `at` was, in days, as it reads in a sentence.
fn ago(at: u64, now: u64) -> String {
    match days_since(at, now) {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        days => format!("{days} days ago"),
    }
}

/// The Sync & backup page.
#[function_component(SyncPage)]
pub fn sync_page() -> Html {
    let app = use_app();
    let log = use_state(|| None::<SyncLog>);
    {
        let app = app.clone();
        let log = log.clone();
        use_effect_with((), move |_| {
            spawn_local(
                async move { log.set(Some(app.services.sync_log().await.unwrap_or_default())) },
            );
        });
    }
    let on_logged = {
        let log = log.clone();
        Callback::from(move |updated: SyncLog| log.set(Some(updated)))
    };
    let now = app.services.now_millis();
    // Read again whenever the log changes: an import may bring names.
    let names = use_device_names((*log).clone());
    let names: Vec<_> = names.as_deref().cloned().unwrap_or_default();
    let status = match log.as_ref() {
        None => html! {},
        Some(log) => {
            let last = match log.last_export_millis {
                None => "Last backup: never.".to_owned(),
                Some(at) => {
                    let kind = if log.last_export_sealed {
                        "encrypted"
                    } else {
                        "not encrypted"
                    };
                    format!("Last backup: {} ({kind}).", ago(at, now))
                }
            };
            let due = backup_is_due(log.last_export_millis, now);
            html! {
                <section class={classes!("backup-status", due.then_some("due"))} aria-labelledby="backup-status-title">
                    <h2 id="backup-status-title" class="visually-hidden">{ "Backup status" }</h2>
                    if due {
                        <p class="alert-line caution"><IconView icon={Icon::Warning} />
                            <strong>{ format!("Time to back up: it has been more than {BACKUP_INTERVAL_DAYS} days, or never.") }</strong>
                        </p>
                        <p>{ "On iPad, Safari may clear a web app's data after 7 days without use, and a tablet can be lost or broken. \
                              An exported file kept somewhere else is the copy that survives." }</p>
                    }
                    <p class="muted">{ last }</p>
                    if !log.peers.is_empty() {
                        <ul class="device-list" aria-label="Other devices">
                            { for log.peers.iter().map(|peer| {
                                let when = |at: Option<u64>| at.map_or_else(|| "never".to_owned(), |at| ago(at, now));
                                html! {
                                    <li>{ format!("{}: last received {}; last export for it {}.",
                                        device_label(peer.device, &names), when(peer.imported_millis), when(peer.exported_millis)) }</li>
                                }
                            }) }
                        </ul>
                    }
                </section>
            }
        }
    };
    html! {
        <div class="page sync-page">
            <h1>{ "Sync & backup" }</h1>
            <p class="muted">{ "Records stay on this device and never go over the network. To move them to another \
                                device, or keep a backup, export a file and import it there." }</p>
            { status }
            <ExportPanel peers={log.as_ref().map(|log| log.peers.clone()).unwrap_or_default()} names={names.clone()}
                on_logged={on_logged.clone()} />
            <ImportPanel {on_logged} />
        </div>
    }
}
