//! Signing: who signs, what is still missing (each item a link to its
//! field), and the signing itself, after which the note is read-only.

use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clinical::screening::Alert;
use stillpoint_core::clinical::session::SessionDraft;
use stillpoint_core::clinical::session_note::SessionField;
use stillpoint_core::clinical::session_note::{Missing, SessionNote};
use yew::prelude::*;
use yew_router::prelude::*;

use super::{field_id, Charting};
use crate::routes::Route;
use stillpoint_ui::action_runner::ActionRunner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::context::{use_app, AppContext};
use stillpoint_ui::hooks::PendingSave;
use stillpoint_ui::platform::{focus, scroll_to_top};
use stillpoint_ui::records::RecordEvent;
use stillpoint_ui::services::SignProblem;
use stillpoint_ui::state::{Action, Notice};

/// The signing step's state, kept by the page: the sign button sits at
/// its foot, the list of what is missing in this section.
#[derive(Clone, PartialEq)]
pub struct SignState {
    /// The name signing, the therapist's by default.
    pub signer: UseStateHandle<String>,
    /// What a refused signing found missing; `None` before any try.
    pub missing: UseStateHandle<Option<Vec<Missing>>>,
}

/// A fresh [`SignState`], signed by the therapist named in Settings.
#[hook]
pub fn use_sign_state() -> SignState {
    let app = use_app();
    SignState {
        signer: use_state(|| app.state.settings.therapist_name.clone()),
        missing: use_state(|| None),
    }
}

/// What is still missing, shown once a signing was refused and kept
/// current as the note is completed.
pub fn still_needed(
    state: &SignState,
    note: &SessionNote,
    alerts: &[Alert],
) -> Option<Vec<Missing>> {
    state.missing.as_ref().map(|_| {
        let mut list = note.missing_for_signing(alerts);
        if state.signer.trim().is_empty() {
            list.push(Missing::Signer);
        }
        list
    })
}

/// Everything a signing needs, gathered by the page.
pub struct Signing {
    /// The app, for the services.
    pub app: AppContext,
    /// The page's runner: one signing (or discarding) at a time.
    pub runner: ActionRunner,
    /// Where a signed note goes next.
    pub navigator: Option<Navigator>,
    /// The draft's input.
    pub fields: Charting,
    /// The client charted.
    pub client: RecordId,
    /// The draft signed.
    pub draft: SessionDraft,
    /// The alerts for the session's day, each needing its decision.
    pub alerts: Vec<Alert>,
    /// The signing step's state.
    pub state: SignState,
    /// The autosave waiting, dropped: signing writes the input itself.
    pub pending: PendingSave,
}

impl Signing {
    /// "Sign note": signs once at a time; a refusal lists what is missing
    /// or marks the refused fields and moves focus to the first.
    pub fn callback(self) -> Callback<MouseEvent> {
        Callback::from(move |_| {
            let services = self.app.services.clone();
            let pending = self.pending.clone();
            let navigator = self.navigator.clone();
            let input = self.fields.input().clone();
            let client = self.client;
            let draft = self.draft.clone();
            let alerts = self.alerts.clone();
            let state = self.state.clone();
            let signer = (*state.signer).clone();
            let touched = self.fields.touched.clone();
            self.runner.run(
                async move {
                    // Signing writes the input itself: the waiting autosave
                    // is dropped, but only by a signing that runs.
                    pending.cancel();
                    services
                        .sign_session(&draft, &input, &alerts, &signer)
                        .await
                },
                move |app, signing| {
                    let id = signing.session.id();
                    app.dispatch(Action::Records(RecordEvent::Signed(Box::new(
                        signing.session,
                    ))));
                    app.dispatch(Action::Notify(Notice::Saved(
                        "Signed. The note is now read-only.".into(),
                    )));
                    if let Some(navigator) = navigator {
                        navigator.replace(&Route::Session {
                            id: client.to_string(),
                            session: id.to_string(),
                        });
                    }
                    // The address stays the same, so the page keeps its
                    // place at the foot of the form: show the signed note
                    // from its top, where "Signed" reads.
                    scroll_to_top();
                },
                move |problem| match problem {
                    SignProblem::Missing(list) => {
                        state.missing.set(Some(list));
                        focus("sign-missing");
                    }
                    SignProblem::Fields(problems) => {
                        touched.set(problems.iter().map(|(field, _)| *field).collect());
                        if let Some((field, _)) = problems.first() {
                            focus(&field_id(*field));
                        }
                    }
                },
            );
        })
    }
}

/// The "Sign" section, last in the form: the list of what is missing only
/// appears after a try, so a note being written is not nagged.
pub fn sign_section(state: &SignState, needed: Option<Vec<Missing>>) -> Html {
    let signer = state.signer.clone();
    html! {
        <section class="form-section" aria-labelledby="sign-heading">
            <h2 id="sign-heading">{ "Sign" }</h2>
            if let Some(list) = needed.as_ref().filter(|list| !list.is_empty()) {
                <div class="missing" id="sign-missing" tabindex="-1" role="alert">
                    <p><strong>{ "Not signed yet. Still needed:" }</strong></p>
                    <ul>
                        { for list.iter().map(|item| {
                            let target = field_id(item.field());
                            let onclick = Callback::from(move |_| focus(&target));
                            html! { <li><button type="button" class="link-button" {onclick}>{ item.to_string() }</button></li> }
                        }) }
                    </ul>
                </div>
            }
            <Field id={field_id(SessionField::Signer)} label="Signed by" kind={FieldKind::Text}
                value={(*signer).clone()}
                on_input={ let signer = signer.clone(); Callback::from(move |text| signer.set(text)) }
                on_blur={Callback::noop()} />
            <p class="hint">{ "Once signed, the note is read-only; later changes are dated amendments." }</p>
        </section>
    }
}
