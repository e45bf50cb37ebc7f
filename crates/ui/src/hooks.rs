//! Hooks the clinical screens share: the open client's records, recorded
//! measures, a form's input edited in place, and saving as the therapist
//! goes.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::client::Client;
use stillpoint_core::outcomes::measure::Measure;
use stillpoint_core::sync::device_name::DeviceName;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::context::use_app;
use crate::records::ClientRecords;
use crate::selfcare::CareRecords;
use crate::selfcare::SelfCareEvent;
use crate::services::Services;
use crate::state::{Action, Notice};
use crate::store::StoreError;

/// How long input must pause before it is written.
pub const SAVE_DELAY_MILLIS: u32 = 400;

/// A client's record as a page sees it.
#[derive(Clone, PartialEq, Debug)]
pub enum OpenedClient {
    /// Being read: its summary is listed, the record is not in memory yet.
    Reading,
    /// No such client, or a deleted one.
    Missing,
    /// The record.
    Found(Box<Client>),
}

/// The record of the client written `id` (as a route holds it), read when
/// first needed: start reads only the summaries
/// ([`crate::state::AppState::client_summaries`]), so a practice of a
/// thousand clients opens as fast as an empty one.
#[hook]
pub fn use_client(id: &str) -> OpenedClient {
    let app = use_app();
    let id = id.parse::<RecordId>().ok();
    let listed = id
        .and_then(|id| app.state.client_summaries.get(&id))
        .is_some_and(|summary| !summary.is_deleted());
    let held = id.and_then(|id| app.state.clients.get(&id).cloned());
    let reading = listed && held.is_none();
    use_effect_with((id, reading), move |&(id, reading)| {
        if let (Some(id), true) = (id, reading) {
            spawn_local(async move {
                match app.services.client(id).await {
                    Ok(Some(client)) => app.dispatch(Action::ClientRead(Box::new(client))),
                    Ok(None) => app.dispatch(Action::Notify(Notice::Error(
                        "This client's record could not be read on this device.".to_owned(),
                    ))),
                    Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
                }
            });
        }
    });
    match held {
        _ if !listed => OpenedClient::Missing,
        Some(client) if !client.is_deleted() => OpenedClient::Found(Box::new(client)),
        Some(_) => OpenedClient::Missing,
        None => OpenedClient::Reading,
    }
}

/// The clinical records of `client`, read once when the client is opened
/// (and after another client's were showing); `None` while reading.
#[hook]
pub fn use_client_records(client: RecordId) -> Option<Rc<ClientRecords>> {
    let app = use_app();
    let current = app
        .state
        .records
        .clone()
        .filter(|records| records.client == client);
    let missing = current.is_none();
    use_effect_with((client, missing), move |&(client, missing)| {
        if missing {
            spawn_local(async move {
                match app.services.client_records(client).await {
                    Ok(records) => app.dispatch(Action::RecordsLoaded(Rc::new(records))),
                    Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
                }
            });
        }
    });
    current
}

/// What `read` finds when the page opens, and again when `deps` change;
/// `None` while reading. The one shape of a page's own read, so a failed
/// read is shown the same way everywhere: once, as an error notice.
#[hook]
pub fn use_read<T, D, F>(deps: D, read: fn(Rc<Services>, D) -> F) -> Option<Rc<T>>
where
    T: 'static,
    D: Clone + PartialEq + 'static,
    F: Future<Output = Result<T, StoreError>> + 'static,
{
    let app = use_app();
    let found = use_state(|| None);
    {
        let found = found.clone();
        use_effect_with(deps, move |deps| {
            let reading = read(app.services.clone(), deps.clone());
            spawn_local(async move {
                match reading.await {
                    Ok(value) => found.set(Some(Rc::new(value))),
                    Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
                }
            });
        });
    }
    (*found).clone()
}

/// Recorded measures: `client`'s through the store's client index, or with
/// `None` every client's (the practice report). Read when the page opens,
/// not at start, since a long practice holds tens of thousands; `None`
/// while reading.
#[hook]
pub fn use_measures(client: Option<RecordId>) -> Option<Rc<Vec<Measure>>> {
    use_read(client, |services, client| async move {
        match client {
            Some(client) => services.measures_of(client).await,
            None => services.measures().await,
        }
    })
}

/// `client`'s self-care plans and diaries, read each time a page showing
/// them opens (a diary may have been imported since); `None` until read.
#[hook]
pub fn use_care_records(client: RecordId) -> Option<Rc<CareRecords>> {
    let app = use_app();
    let current = app.state.selfcare.care_of(client).cloned();
    use_effect_with(client, move |&client| {
        spawn_local(async move {
            match app.services.care_records(client).await {
                Ok(care) => {
                    app.dispatch(Action::SelfCare(SelfCareEvent::CareLoaded(Rc::new(care))))
                }
                Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
            }
        });
    });
    current
}

/// A form's raw input. Edits are dispatched and applied to the newest
/// input, so two quick taps never work on a stale copy.
#[derive(Clone, PartialEq, Default)]
pub struct FormInput<T>(pub T);

/// One change to a form's input.
pub struct Edit<T>(Box<dyn FnOnce(&mut T)>);

impl<T> Edit<T> {
    /// The change `apply` makes.
    pub fn new(apply: impl FnOnce(&mut T) + 'static) -> Self {
        Self(Box::new(apply))
    }
}

impl<T: Clone> Reducible for FormInput<T> {
    type Action = Edit<T>;

    fn reduce(self: Rc<Self>, edit: Edit<T>) -> Rc<Self> {
        let mut next = self.0.clone();
        (edit.0)(&mut next);
        Rc::new(FormInput(next))
    }
}

/// The handle of a form's input.
pub type Form<T> = UseReducerHandle<FormInput<T>>;

/// A callback that applies `change` to the form's newest input with the
/// value it is called with.
pub fn edit<T: Clone + 'static, V: 'static>(
    form: &Form<T>,
    change: impl Fn(&mut T, V) + 'static,
) -> Callback<V> {
    let form = form.clone();
    let change = Rc::new(change);
    Callback::from(move |value: V| {
        let change = change.clone();
        form.dispatch(Edit::new(move |input| change(input, value)))
    })
}

/// A callback that applies `change`, with the value it is called with, to
/// a copy of the form in `state` and keeps the copy: the outcome forms'
/// way of editing one field.
pub fn update<T: Clone + 'static, V: 'static>(
    state: &UseStateHandle<T>,
    change: impl Fn(&mut T, V) + 'static,
) -> Callback<V> {
    let state = state.clone();
    Callback::from(move |value: V| {
        let mut next = (*state).clone();
        change(&mut next, value);
        state.set(next);
    })
}

/// A timer and the write it will run.
type Waiting = (Timeout, Rc<dyn Fn()>);

/// The write waiting for typing to pause. A final action (save, sign,
/// discard) cancels it before writing itself; leaving the page, hiding
/// or closing the tab flushes it, so the last keystrokes are kept.
#[derive(Clone, Default)]
pub struct PendingSave(Rc<RefCell<Option<Waiting>>>);

impl PendingSave {
    /// Drops the waiting write.
    pub fn cancel(&self) {
        self.0.borrow_mut().take();
    }

    /// Writes now what was waiting, if anything.
    pub fn flush(&self) {
        let waiting = self.0.borrow_mut().take();
        if let Some((timeout, write)) = waiting {
            timeout.cancel();
            write();
        }
    }

    fn wait(&self, write: Rc<dyn Fn()>) {
        let timeout = {
            let this = self.clone();
            Timeout::new(SAVE_DELAY_MILLIS, move || this.flush())
        };
        *self.0.borrow_mut() = Some((timeout, write));
    }
}

/// Calls `save` with `value` once it has changed and then stayed unchanged
/// for [`SAVE_DELAY_MILLIS`] (the value first shown is not saved), or at
/// once when the form goes away: unmounted, the page hidden (`pagehide`,
/// `visibilitychange`: a tablet switching apps may kill the tab). Returns
/// the pending write, which a final action cancels before writing itself.
#[hook]
pub fn use_autosave<T>(value: T, save: Callback<T>) -> PendingSave
where
    T: Clone + PartialEq + 'static,
{
    let pending = (*use_state(PendingSave::default)).clone();
    let first = use_mut_ref(|| true);
    {
        let pending = pending.clone();
        use_effect_with(value, move |value| {
            if first.replace(false) {
                return;
            }
            let value = value.clone();
            pending.wait(Rc::new(move || save.emit(value.clone())));
        });
    }
    {
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let hidden = {
                let pending = pending.clone();
                gloo::events::EventListener::new(
                    &gloo::utils::document(),
                    "visibilitychange",
                    move |_| {
                        if gloo::utils::document().visibility_state()
                            == web_sys::VisibilityState::Hidden
                        {
                            pending.flush();
                        }
                    },
                )
            };
            let leaving = {
                let pending = pending.clone();
                gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                    pending.flush()
                })
            };
            move || {
                drop((hidden, leaving));
                pending.flush();
            }
        });
    }
    pending
}

/// What each device is called, read when the page opens and again when
/// `deps` change (after an import brought other devices' names); `None`
/// while reading.
#[hook]
pub fn use_device_names<D>(deps: D) -> Option<Rc<Vec<DeviceName>>>
where
    D: Clone + PartialEq + 'static,
{
    use_read(
        deps,
        |services, _| async move { services.device_names().await },
    )
}
