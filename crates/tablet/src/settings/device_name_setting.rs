//! This device's name: what the sync page and the conflicts on other
//! devices call it once they have imported a file from it.

use yew::prelude::*;

use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::use_device_names;
use stillpoint_ui::state::{Action, Notice};

/// The "This device" section: the name, saved when the field is left.
#[function_component(DeviceNameSetting)]
pub fn device_name_setting() -> Html {
    let app = use_app();
    let runner = use_action_runner();
    let saved = use_state(|| 0_u32);
    let names = use_device_names(*saved);
    let device = app.services.this_device();
    let current = names
        .as_ref()
        .and_then(|names| names.iter().find(|named| named.device() == device))
        .map(|named| named.name().to_owned());
    let typed = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let save = {
        let (app, runner) = (app.clone(), runner.clone());
        let (typed, error, saved) = (typed.clone(), error.clone(), saved.clone());
        let current = current.clone();
        Callback::from(move |()| {
            let Some(text) = (*typed).clone() else {
                return;
            };
            if Some(text.trim()) == current.as_deref() {
                return;
            }
            let services = app.services.clone();
            let (error, typed, saved) = (error.clone(), typed.clone(), saved.clone());
            let refused = error.clone();
            runner.run(
                async move { services.name_this_device(&text).await },
                move |app, _| {
                    error.set(None);
                    typed.set(None);
                    saved.set(*saved + 1);
                    app.dispatch(Action::Notify(Notice::Saved("Saved.".into())));
                },
                move |problem| refused.set(Some(problem.to_string())),
            );
        })
    };
    let value = (*typed).clone().or(current).unwrap_or_default();
    html! {
        <>
            <h2>{ "This device" }</h2>
            <Field id="settings-device-name" label="This device's name" kind={FieldKind::Text}
                hint={Some(AttrValue::from("Your other devices show it on their sync page and beside edits made here, for example “Treatment room iPad”."))}
                {value} error={(*error).clone()} on_blur={save}
                on_input={ let typed = typed.clone(); Callback::from(move |text| typed.set(Some(text))) } />
        </>
    }
}
