//! The full-page explanation shown when the database cannot be opened.

use yew::prelude::*;

use crate::components::icons::{Icon, IconView};
use crate::store::StoreError;

/// Properties of [`StorageFailed`].
#[derive(Properties, PartialEq)]
pub struct StorageFailedProps {
    /// What went wrong.
    pub error: StoreError,
}

/// Explains what happened, that nothing was lost, and what to do.
#[function_component(StorageFailed)]
pub fn storage_failed(props: &StorageFailedProps) -> Html {
    let steps: &[&str] = match props.error {
        StoreError::Blocked | StoreError::NewerSchema => &[
            "Close other Stillpoint tabs or windows.",
            "Reload this page.",
        ],
        StoreError::QuotaExceeded => &["Free some space on the device.", "Reload this page."],
        _ => &[
            "Open Stillpoint in a normal (not private or incognito) window.",
            "In the browser's settings, allow this site to store data.",
            "Reload this page.",
        ],
    };
    html! {
        <main class="full-page-message" role="alert">
            <div class="message-icon"><IconView icon={Icon::Warning} /></div>
            <h1>{ "Stillpoint can't open its records" }</h1>
            <p>{ props.error.to_string() }</p>
            <p>{ "Nothing has been deleted. To go on:" }</p>
            <ol>{ for steps.iter().map(|step| html! { <li>{ *step }</li> }) }</ol>
        </main>
    }
}
