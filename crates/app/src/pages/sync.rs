//! Sync & backup: moving records between devices by file.

use yew::prelude::*;

/// The Sync & backup page. File export and import are not built yet; the
/// page says plainly where the data lives meanwhile.
#[function_component(SyncPage)]
pub fn sync_page() -> Html {
    html! {
        <div class="page">
            <h1>{ "Sync & backup" }</h1>
            <p class="empty-state">
                { "Your records are kept on this device only and are never sent over the network. \
                   Encrypted export and import between devices will appear here." }
            </p>
        </div>
    }
}
