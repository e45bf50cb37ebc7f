//! What every screen can reach: the state, a way to dispatch, and services.

use std::rc::Rc;

use yew::prelude::*;

use crate::refusal::Refusal;
use crate::services::Services;
use crate::state::{Action, AppState, Notice};

/// Shared by the shell with every page once the database is open.
#[derive(Clone)]
pub struct AppContext {
    /// The reducer handle: read state, dispatch actions.
    pub state: UseReducerHandle<AppState>,
    /// The open store and clock.
    pub services: Rc<Services>,
}

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.services, &other.services)
    }
}

impl AppContext {
    /// Shorthand for dispatching an action.
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }

    /// A refused form's problems in words, each with its field, to show
    /// beside the fields; a failed write is shown as a notice instead (and
    /// gives no problems).
    pub fn problems<F, E: std::fmt::Display>(
        &self,
        error: Refusal<Vec<(F, E)>>,
    ) -> Vec<(F, String)> {
        match error {
            Refusal::Invalid(found) => found
                .into_iter()
                .map(|(field, error)| (field, error.to_string()))
                .collect(),
            failure => {
                let message = failure.notice().unwrap_or_default();
                self.dispatch(Action::Notify(Notice::Error(message)));
                Vec::new()
            }
        }
    }
}

/// The context; panics if used outside the shell, which would be a bug.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("pages render inside the app shell")
}
