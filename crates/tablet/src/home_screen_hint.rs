//! "Keep Stillpoint on the Home Screen": a brief, dismissible note shown
//! while the app runs in a browser tab, where Safari may clear its data
//! (core's `home_screen` decides when). On Chromium it offers the browser's
//! install prompt; elsewhere it says how: Share, then Add to Home Screen.

use yew::prelude::*;

use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::context::use_app;
use stillpoint_ui::platform::{self, InstallPrompt};
use stillpoint_ui::state::Action;
use stillpoint_ui::store::Settings;

/// The note, above every page of the therapist's app until dismissed. Its
/// title is a paragraph, not a heading: it sits above the page's own `h1`.
#[function_component(HomeScreenHint)]
pub fn home_screen_hint() -> Html {
    let app = use_app();
    let runner = use_action_runner();
    let installed = use_state(platform::installed);
    let prompt = use_state(|| None::<InstallPrompt>);
    {
        let prompt = prompt.clone();
        use_effect_with((), move |_| {
            let listener = platform::on_install_prompt(move |offered| prompt.set(Some(offered)));
            move || drop(listener)
        });
    }
    let has_clients = !app.state.client_summaries.is_empty();
    let hint = app.state.settings.home_screen_hint;
    if !hint.shows(*installed, has_clients) {
        return html! {};
    }
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_| {
            let settings = Settings {
                home_screen_hint: hint.dismissed(has_clients),
                ..app.state.settings.clone()
            };
            let services = app.services.clone();
            runner.run_action(
                async move { services.save_settings(settings).await },
                |app, saved| app.dispatch(Action::SettingsStored(saved)),
            );
        })
    };
    let install = (*prompt).clone().map(|offered| {
        let prompt = prompt.clone();
        Callback::from(move |_| {
            offered.show();
            prompt.set(None);
        })
    });
    html! {
        <section class="home-screen-hint" aria-labelledby="home-screen-hint-title">
            <div class="home-screen-hint-text">
                <p id="home-screen-hint-title" class="home-screen-hint-title">
                    { "Keep Stillpoint on the Home Screen" }
                </p>
                <p>{ "In a browser tab, Safari may clear the app's data after some days unused. \
                      Added to the Home Screen, it is kept." }</p>
                <p class="muted">{ "On iPad: tap Share, then Add to Home Screen." }</p>
            </div>
            <div class="home-screen-hint-actions">
                if let Some(onclick) = install {
                    <button type="button" class="button primary" {onclick}>{ "Install" }</button>
                }
                <button type="button" class="button" onclick={dismiss}>{ "Got it" }</button>
            </div>
        </section>
    }
}
