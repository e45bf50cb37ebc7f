//! Text edited on two devices at once: every version is kept until the
//! therapist chooses, so a merge never silently loses words.

use stillpoint_core::clients::client::Client;
use stillpoint_core::clients::client_sync::TextField;
use stillpoint_core::sync::device_name::device_label;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::icons::{Icon, IconView};
use crate::context::use_app;
use crate::hooks::use_device_names;
use crate::state::{Action, Notice};

fn field_name(field: TextField) -> &'static str {
    match field {
        TextField::FullName => "Full name",
        TextField::PreferredName => "Preferred name",
        TextField::Notes => "Notes",
    }
}

/// Properties of [`Conflicts`].
#[derive(Properties, PartialEq)]
pub struct ConflictsProps {
    /// The client whose fields may hold several versions.
    pub client: Client,
}

/// One card per field with versions, each with "Keep this version".
#[function_component(Conflicts)]
pub fn conflicts(props: &ConflictsProps) -> Html {
    let app = use_app();
    let conflicts = props.client.conflicts();
    let names = use_device_names(());
    if conflicts.is_empty() {
        return html! {};
    }
    let names = names.as_deref().cloned().unwrap_or_default();
    html! {
        <section class="conflicts" aria-labelledby="conflicts-title">
            <h2 id="conflicts-title" class="alert-line caution"><IconView icon={Icon::Warning} />
                { "Edited on two devices: choose what to keep" }</h2>
            { for conflicts.into_iter().map(|conflict| html! {
                <div class="conflict">
                    <h3>{ field_name(conflict.field) }</h3>
                    <ul>
                        { for conflict.versions.into_iter().map(|version| {
                            let keep = {
                                let app = app.clone();
                                let client = props.client.clone();
                                let text = version.text.clone();
                                let field = conflict.field;
                                Callback::from(move |_| {
                                    let app = app.clone();
                                    let client = client.clone();
                                    let text = text.clone();
                                    spawn_local(async move {
                                        match app.services.resolve_conflict(&client, field, &text).await {
                                            Ok(resolved) => {
                                                app.dispatch(Action::ClientStored(Box::new(resolved)));
                                                app.dispatch(Action::Notify(Notice::Saved("Kept your choice.".into())));
                                            }
                                            Err(error) => app.dispatch(Action::Notify(Notice::Error(error.message()))),
                                        }
                                    });
                                })
                            };
                            let origin = format!("From {}", device_label(version.stamp.device(), &names));
                            html! {
                                <li class="conflict-version">
                                    <p class="preformatted">{ if version.text.is_empty() { "(empty)".to_owned() } else { version.text.clone() } }</p>
                                    <p class="muted">{ origin }</p>
                                    <button type="button" class="button" onclick={keep}>{ "Keep this version" }</button>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }) }
        </section>
    }
}
