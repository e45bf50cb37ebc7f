//! One way to run a user action, in the spirit of Yew's todomvc
//! `make_callback` made async: a page says what to run and what to do with
//! the result; the busy state, the one-at-a-time guard and the error notice
//! are handled here, once, so no page writes its own `spawn_local` and
//! error match for a save.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::context::{use_app, AppContext};
use crate::refusal::{NoProblems, Refusal};
use crate::state::{Action, Notice};

/// Runs a page's user actions one at a time. Cloned into callbacks; every
/// clone shares the same busy state.
#[derive(Clone)]
pub struct ActionRunner {
    app: AppContext,
    busy: UseStateHandle<bool>,
    running: Rc<RefCell<bool>>,
}

/// The page's action runner.
#[hook]
pub fn use_action_runner() -> ActionRunner {
    ActionRunner {
        app: use_app(),
        busy: use_state(|| false),
        running: use_mut_ref(|| false),
    }
}

impl ActionRunner {
    /// Whether an action is under way: pages disable their buttons and say
    /// "Saving…" while it is.
    pub fn busy(&self) -> bool {
        *self.busy
    }

    /// Runs `work` unless an action is already under way (a double tap
    /// must not save twice). On success `done` gets the app, to dispatch
    /// what changed, and the result; a refused form's problems go to
    /// `invalid`; any other failure is shown once as an error notice.
    pub fn run<T, P, E, W>(
        &self,
        work: W,
        done: impl FnOnce(&AppContext, T) + 'static,
        invalid: impl FnOnce(P) + 'static,
    ) where
        W: Future<Output = Result<T, E>> + 'static,
        E: Into<Refusal<P>>,
        T: 'static,
        P: 'static,
    {
        if !self.start() {
            return;
        }
        let runner = self.clone();
        spawn_local(async move {
            let result = work.await.map_err(Into::into);
            runner.finish();
            match result {
                Ok(value) => done(&runner.app, value),
                Err(Refusal::Invalid(problems)) => invalid(problems),
                Err(failure) => runner.fail(failure.notice()),
            }
        });
    }

    /// Marks an action under way; `false` when one already is. Kept out of
    /// the generic [`Self::run`], so each page's action does not carry a
    /// copy of it.
    fn start(&self) -> bool {
        if self.running.replace(true) {
            return false;
        }
        self.busy.set(true);
        true
    }

    /// Marks the action done, before its outcome is shown (so `done` may
    /// start the next one).
    fn finish(&self) {
        *self.running.borrow_mut() = false;
        self.busy.set(false);
    }

    /// Shows a failure that is not a form's as the one error notice.
    fn fail(&self, message: Option<String>) {
        self.app
            .dispatch(Action::Notify(Notice::Error(message.unwrap_or_default())));
    }

    /// [`Self::run`] for an action without a form, so without problems.
    pub fn run_action<T, E, W>(&self, work: W, done: impl FnOnce(&AppContext, T) + 'static)
    where
        W: Future<Output = Result<T, E>> + 'static,
        E: Into<Refusal<NoProblems>>,
        T: 'static,
    {
        self.run(work, done, |none: NoProblems| match none {});
    }
}
