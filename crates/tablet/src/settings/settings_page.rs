//! Settings: appearance, the therapist's and practice's names, the
//! therapist's own contraindication rules, and what the browser says about
//! storage.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::clinical::rules::RuleEditor;
use crate::routes::Route;
use crate::settings::clinic_setting::ClinicSetting;
use crate::settings::device_name_setting::DeviceNameSetting;
use crate::settings::pin_settings::PinSettings;
use crate::shortcuts::SHORTCUTS;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::context::use_app;
use stillpoint_ui::format;
use stillpoint_ui::platform::{self, StorageReport};
use stillpoint_ui::state::{Action, Notice};
use stillpoint_ui::store::ThemeChoice;

const THEMES: [(ThemeChoice, &str); 3] = [
    (ThemeChoice::System, "Match the device"),
    (ThemeChoice::Light, "Light"),
    (ThemeChoice::Dark, "Dim room (dark)"),
];

/// The settings page.
#[function_component(SettingsPage)]
pub fn settings_page() -> Html {
    let app = use_app();
    let report = use_state(|| None::<StorageReport>);
    {
        let report = report.clone();
        use_effect_with((), move |_| {
            spawn_local(async move { report.set(Some(platform::storage_report().await)) });
        });
    }
    let runner = use_action_runner();
    let choose = |theme: ThemeChoice| {
        let (app, runner) = (app.clone(), runner.clone());
        Callback::from(move |_| {
            let settings = stillpoint_ui::store::Settings {
                theme,
                ..app.state.settings.clone()
            };
            let services = app.services.clone();
            runner.run_action(
                async move { services.save_settings(settings).await },
                |app, saved| app.dispatch(Action::SettingsStored(saved)),
            );
        })
    };
    let names = use_state(|| {
        (
            app.state.settings.therapist_name.clone(),
            app.state.settings.practice_name.clone(),
        )
    });
    let save_names = {
        let (app, runner) = (app.clone(), runner.clone());
        let names = names.clone();
        Callback::from(move |()| {
            let (therapist_name, practice_name) = (*names).clone();
            let current = &app.state.settings;
            if current.therapist_name == therapist_name && current.practice_name == practice_name {
                return;
            }
            let settings = stillpoint_ui::store::Settings {
                therapist_name,
                practice_name,
                ..current.clone()
            };
            let services = app.services.clone();
            runner.run_action(
                async move { services.save_settings(settings).await },
                |app, saved| {
                    app.dispatch(Action::SettingsStored(saved));
                    app.dispatch(Action::Notify(Notice::Saved("Saved.".into())));
                },
            );
        })
    };
    let storage = match *report {
        None => html! { <p class="muted">{ "Checking storage…" }</p> },
        Some(report) => html! {
            <dl class="details">
                <div class="detail-row" id="storage-persistence">
                    <dt>{ "Kept when space runs low" }</dt>
                    <dd>{ if report.persisted {
                        "Yes: the browser has promised not to clear Stillpoint's data."
                    } else {
                        "Not promised: the browser may clear data if the device runs out of space, \
                         or (on iPad) after 7 days without use. Keep regular backups."
                    } }</dd>
                </div>
                if !report.persisted {
                    <div class="detail-row" id="storage-eviction">
                        <dt>{ "How to keep it" }</dt>
                        <dd>
                            <p>{ "Eviction means the browser deletes a website's stored data on its own \
                                  to free space, or (Safari) when a site in a tab has not been opened for \
                                  7 days. Your records would be gone from this device; only a backup file \
                                  brings them back." }</p>
                            <p>{ "On an iPad: open Stillpoint in Safari, tap Share, then Add to Home \
                                  Screen, and always start it from that icon. Apps on the Home Screen are \
                                  not cleared that way. On Android or a computer: install it from the \
                                  browser's menu (Install app). Stillpoint asks the browser again at every \
                                  start of the installed app and after every backup." }</p>
                        </dd>
                    </div>
                }
                <div class="detail-row" id="storage-usage">
                    <dt>{ "Space used" }</dt>
                    <dd>{ match (report.usage_bytes, report.quota_bytes) {
                        (Some(used), Some(quota)) => format!("{} of {} available", format::bytes(used), format::bytes(quota)),
                        (Some(used), None) => format::bytes(used),
                        _ => "The browser does not report it.".to_owned(),
                    } }</dd>
                </div>
            </dl>
        },
    };
    html! {
        <div class="page">
            <h1>{ "Settings" }</h1>
            <section class="settings-section">
                <h2 id="theme-heading">{ "Appearance" }</h2>
                <div class="chips" role="radiogroup" aria-labelledby="theme-heading">
                    { for THEMES.iter().map(|(theme, label)| {
                        let checked = app.state.settings.theme == *theme;
                        html! {
                            <button type="button" role="radio" aria-checked={checked.to_string()}
                                class={classes!("chip", checked.then_some("on"))}
                                onclick={choose(*theme)}>{ *label }</button>
                        }
                    }) }
                </div>
            </section>
            <section class="settings-section">
                <h2>{ "You and your practice" }</h2>
                <Field id="settings-therapist" label="Your name" kind={FieldKind::Text}
                    hint={Some(AttrValue::from("Offered when you sign a note or decide on an alert."))}
                    value={names.0.clone()} on_blur={save_names.clone()}
                    on_input={ let names = names.clone(); Callback::from(move |text| names.set((text, names.1.clone()))) } />
                <Field id="settings-practice" label="Practice name" kind={FieldKind::Text}
                    hint={Some(AttrValue::from("Printed at the top of records."))}
                    value={names.1.clone()} on_blur={save_names}
                    on_input={ let names = names.clone(); Callback::from(move |text| names.set((names.0.clone(), text))) } />
            </section>
            <section class="settings-section">
                <h2>{ "Your own contraindication rules" }</h2>
                <p class="muted">{ "The built-in list (clinical reference) always applies. Add what your training or insurer asks for." }</p>
                <div class="actions start">
                    <Link<Route> to={Route::ScreeningRules} classes="button">{ "Screening rules: the full list" }</Link<Route>>
                </div>
                <RuleEditor />
            </section>
            <section class="settings-section">
                <h2>{ "Practice" }</h2>
                <div class="actions start">
                    <Link<Route> to={Route::PracticeOutcomes} classes="button">{ "Practice outcomes" }</Link<Route>>
                    <Link<Route> to={Route::CareLibrary} classes="button">{ "Self-care library" }</Link<Route>>
                </div>
            </section>
            <section class="settings-section" aria-labelledby="shortcuts-heading">
                <h2 id="shortcuts-heading">{ "Keyboard shortcuts" }</h2>
                <p class="muted">{ "With a keyboard attached to the tablet, or on a computer:" }</p>
                <dl class="details shortcuts">
                    { for SHORTCUTS.iter().map(|(keys, what)| html! {
                        <div class="detail-row"><dt><kbd>{ *keys }</kbd></dt><dd>{ *what }</dd></div>
                    }) }
                </dl>
            </section>
            <section class="settings-section">
                <DeviceNameSetting />
            </section>
            <section class="settings-section" id="clinic-sync">
                <ClinicSetting />
            </section>
            <section class="settings-section">
                <PinSettings />
            </section>
            <section class="settings-section">
                <h2>{ "Storage on this device" }</h2>
                { storage }
            </section>
        </div>
    }
}
