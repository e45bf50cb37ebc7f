//! Creating or editing a client. What is typed is kept as a draft in the
//! database as it is typed, so a reload, a killed tab or an app update loses
//! nothing; validation messages appear when a field is left.

use std::collections::HashSet;

use stillpoint_core::clients::client::{Client, ClientField, ClientFieldError, ClientInput};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::use_autosave;
use stillpoint_ui::platform;
use stillpoint_ui::services::{edit_client_draft, ClientProblems, NEW_CLIENT_DRAFT};
use stillpoint_ui::state::{Action, Notice};

/// Properties of [`ClientForm`].
#[derive(Properties, PartialEq)]
pub struct ClientFormProps {
    /// The client to edit, or `None` for a new one.
    pub client: Option<Client>,
}

/// How one client field appears in the form.
struct FormField {
    field: ClientField,
    id: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    hint: Option<&'static str>,
}

const fn form_field(
    field: ClientField,
    id: &'static str,
    label: &'static str,
    kind: FieldKind,
) -> FormField {
    FormField {
        field,
        id,
        label,
        kind,
        required: false,
        hint: None,
    }
}

/// The form's fields in order.
const FIELDS: [FormField; 6] = [
    FormField {
        required: true,
        ..form_field(
            ClientField::FullName,
            "client-full-name",
            "Full name",
            FieldKind::Text,
        )
    },
    FormField {
        hint: Some("What the client likes to be called."),
        ..form_field(
            ClientField::PreferredName,
            "client-preferred-name",
            "Preferred name",
            FieldKind::Text,
        )
    },
    form_field(
        ClientField::DateOfBirth,
        "client-date-of-birth",
        "Date of birth",
        FieldKind::Birthday,
    ),
    form_field(
        ClientField::Phone,
        "client-phone",
        "Phone",
        FieldKind::Phone,
    ),
    form_field(
        ClientField::Email,
        "client-email",
        "Email",
        FieldKind::Email,
    ),
    form_field(
        ClientField::Notes,
        "client-notes",
        "Notes",
        FieldKind::Multiline,
    ),
];

fn text_of(input: &ClientInput, field: ClientField) -> &str {
    match field {
        ClientField::FullName => &input.full_name,
        ClientField::PreferredName => &input.preferred_name,
        ClientField::DateOfBirth => &input.date_of_birth,
        ClientField::Phone => &input.phone,
        ClientField::Email => &input.email,
        ClientField::Notes => &input.notes,
    }
}

fn with_text(input: &ClientInput, field: ClientField, text: String) -> ClientInput {
    let mut next = input.clone();
    *match field {
        ClientField::FullName => &mut next.full_name,
        ClientField::PreferredName => &mut next.preferred_name,
        ClientField::DateOfBirth => &mut next.date_of_birth,
        ClientField::Phone => &mut next.phone,
        ClientField::Email => &mut next.email,
        ClientField::Notes => &mut next.notes,
    } = text;
    next
}

/// New-client or edit form.
#[function_component(ClientForm)]
pub fn client_form(props: &ClientFormProps) -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let draft_key = match &props.client {
        Some(client) => edit_client_draft(client.id()),
        None => NEW_CLIENT_DRAFT.to_owned(),
    };
    let initial = props
        .client
        .as_ref()
        .map(Client::to_input)
        .unwrap_or_default();
    let input = use_state(|| initial.clone());
    let touched = use_state(HashSet::<ClientField>::new);
    let submitted = use_state(|| false);
    let runner = use_action_runner();
    let draft_status = use_state(|| None::<&'static str>);
    // What the stored draft holds: a restored draft is not written again.
    let in_draft = use_mut_ref(|| None::<ClientInput>);
    let pending_draft = {
        let app = app.clone();
        let draft_key = draft_key.clone();
        let draft_status = draft_status.clone();
        let in_draft = in_draft.clone();
        use_autosave(
            (*input).clone(),
            Callback::from(move |next: ClientInput| {
                if in_draft.borrow().as_ref() == Some(&next) {
                    return;
                }
                *in_draft.borrow_mut() = Some(next.clone());
                let app = app.clone();
                let draft_key = draft_key.clone();
                let draft_status = draft_status.clone();
                spawn_local(async move {
                    let status = match app.services.save_draft(&draft_key, &next).await {
                        Ok(()) => "Draft saved on this device.",
                        Err(_) => {
                            "The draft could not be kept; save the form to keep your changes."
                        }
                    };
                    draft_status.set(Some(status));
                });
            }),
        )
    };

    {
        let app = app.clone();
        let input = input.clone();
        let draft_status = draft_status.clone();
        use_effect_with(draft_key.clone(), move |key| {
            let key = key.clone();
            spawn_local(async move {
                if let Ok(Some(draft)) = app.services.draft(&key).await {
                    *in_draft.borrow_mut() = Some(draft.clone());
                    input.set(draft);
                    draft_status.set(Some("Restored what you typed earlier."));
                }
            });
        });
    }

    let errors: Vec<(ClientField, ClientFieldError)> = input
        .validate(app.services.today())
        .err()
        .unwrap_or_default();
    let error_for = |field: ClientField| {
        let show = *submitted || touched.contains(&field);
        errors
            .iter()
            .find(|(failed, _)| *failed == field && show)
            .map(|(_, error)| error.to_string())
    };

    let fields = FIELDS.iter().map(|form_field| {
        let field = form_field.field;
        let on_input = {
            let input = input.clone();
            Callback::from(move |text: String| input.set(with_text(&input, field, text)))
        };
        let on_blur = {
            let touched = touched.clone();
            Callback::from(move |()| {
                let mut next = (*touched).clone();
                next.insert(field);
                touched.set(next);
            })
        };
        html! {
            <Field id={form_field.id} label={form_field.label} kind={form_field.kind}
                required={form_field.required} hint={form_field.hint.map(AttrValue::Static)}
                value={text_of(&input, field).to_owned()}
                error={error_for(field)} {on_input} {on_blur} />
        }
    });

    let onsubmit = {
        let (services, runner) = (app.services.clone(), runner.clone());
        let navigator = navigator.clone();
        let input = input.clone();
        let client = props.client.clone();
        let submitted = submitted.clone();
        let pending_draft = pending_draft.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            submitted.set(true);
            let (services, input, client) = (services.clone(), (*input).clone(), client.clone());
            let (navigator, pending_draft) = (navigator.clone(), pending_draft.clone());
            runner.run(
                async move {
                    // Only a save that runs replaces the waiting draft.
                    pending_draft.cancel();
                    match &client {
                        Some(client) => services.edit_client(client, &input).await,
                        None => services.create_client(&input).await,
                    }
                },
                move |app, saved| {
                    let id = saved.id();
                    app.dispatch(Action::ClientStored(Box::new(saved)));
                    app.dispatch(Action::Notify(Notice::Saved("Saved.".into())));
                    if let Some(navigator) = navigator {
                        navigator.push(&Route::Client { id: id.to_string() });
                    }
                },
                |errors: ClientProblems| focus_first_invalid(&errors),
            );
        })
    };

    let cancel = {
        let app = app.clone();
        let draft_key = draft_key.clone();
        let navigator = navigator.clone();
        let back = match &props.client {
            Some(client) => Route::Client {
                id: client.id().to_string(),
            },
            None => Route::Clients,
        };
        let pending_draft = pending_draft.clone();
        Callback::from(move |_| {
            pending_draft.cancel();
            let app = app.clone();
            let draft_key = draft_key.clone();
            spawn_local(async move {
                let _ = app.services.discard_draft(&draft_key).await;
            });
            if let Some(navigator) = &navigator {
                navigator.push(&back);
            }
        })
    };

    let title = match &props.client {
        Some(client) => format!("Edit {}", client.display_name()),
        None => "New client".to_owned(),
    };
    let problem_count = errors.len();
    html! {
        <form class="client-form" novalidate=true {onsubmit} aria-labelledby="form-title">
            <Link<Route> to={Route::Clients} classes="back-link">
                <IconView icon={Icon::Back} /><span>{ "Clients" }</span>
            </Link<Route>>
            <h1 id="form-title" class="client-title">{ title }</h1>
            { for fields }
            if *submitted && problem_count > 0 {
                <p class="form-summary" role="alert">
                    { if problem_count == 1 { "One field needs attention before saving.".to_owned() }
                      else { format!("{problem_count} fields need attention before saving.") } }
                </p>
            }
            <p class="draft-status muted" aria-live="polite">{ draft_status.unwrap_or("") }</p>
            <div class="actions bottom-actions">
                <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                <button type="submit" class="button primary" disabled={runner.busy()}>
                    { if props.client.is_some() { "Save changes" } else { "Save client" } }
                </button>
            </div>
        </form>
    }
}

fn focus_first_invalid(errors: &[(ClientField, ClientFieldError)]) {
    let first = errors.first().and_then(|(field, _)| {
        FIELDS
            .iter()
            .find(|candidate| candidate.field == *field)
            .map(|found| found.id)
    });
    if let Some(id) = first {
        platform::focus(id);
    }
}
