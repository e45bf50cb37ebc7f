//! The calm page shown while the database opens, in the tablet and the
//! phone app alike (both open the same database, so both can be held up by
//! an older tab).

use yew::prelude::*;

/// Properties of [`Splash`].
#[derive(Properties, PartialEq)]
pub struct SplashProps {
    /// An older tab holds the database: ask for it to be closed.
    pub blocked: bool,
    /// What is being opened, e.g. "Opening your records…".
    pub opening: AttrValue,
}

/// The app's name and what it is waiting for.
#[function_component(Splash)]
pub fn splash(props: &SplashProps) -> Html {
    html! {
        <main class="splash" aria-busy="true">
            <p class="splash-name">{ "Stillpoint" }</p>
            if props.blocked {
                <p role="alert">{ "Stillpoint is open in another tab or window with an older version. \
                                   Close that tab; this one then opens by itself." }</p>
            } else {
                <p class="muted">{ props.opening.clone() }</p>
            }
        </main>
    }
}
