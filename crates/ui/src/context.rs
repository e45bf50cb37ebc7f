//! What every screen can reach: the state, a way to dispatch, and services.

use std::rc::Rc;

use yew::prelude::*;

use crate::services::Services;
use crate::state::{Action, AppState};

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
}

/// The context; panics if used outside the shell, which would be a bug.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("pages render inside the app shell")
}
