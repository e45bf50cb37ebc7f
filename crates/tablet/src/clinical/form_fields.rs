//! What the sections of the two long clinical forms (intake and session)
//! share: each section gets the newest input, its reducer and the problems
//! to show, and shows its messages by the same rule.

use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;
use std::rc::Rc;

use stillpoint_ui::components::field::{FieldKind, FieldMessages};
use stillpoint_ui::hooks::{edit, Form};
use yew::prelude::*;

/// How a form names the element of each of its fields, so a message,
/// a "still needed" link or a refused save can find it.
pub trait FieldId: Copy {
    /// The element id of this field.
    fn element_id(self) -> String;
}

/// What a form's sections share: the input (read it and change it through
/// `form`) and the problems to show beside the fields. Handed to every
/// section of a long form, so each one edits the newest input and shows
/// its messages by the same rule.
#[derive(Clone, PartialEq)]
pub struct FormFields<T: Clone + 'static, F: Eq + Hash + 'static, E: 'static> {
    /// The input as typed, and its reducer.
    pub form: Form<T>,
    /// Every problem of the input as it stands, in form order.
    pub problems: Rc<Vec<(F, E)>>,
    /// The fields left at least once.
    pub touched: UseStateHandle<HashSet<F>>,
    /// Whether to show every problem (after a save was tried).
    pub show_all: bool,
}

impl<T, F, E> FormFields<T, F, E>
where
    T: Clone + 'static,
    F: FieldId + Eq + Hash + 'static,
    E: Display + 'static,
{
    /// The input as typed.
    pub fn input(&self) -> &T {
        &self.form.0
    }

    /// The messages of the fields as they should show now.
    pub fn messages(&self) -> FieldMessages<'_, F, E> {
        FieldMessages {
            problems: &self.problems,
            touched: &self.touched,
            show_all: self.show_all,
        }
    }

    /// A callback applying `change` to the newest input.
    pub fn edit<V: 'static>(&self, change: impl Fn(&mut T, V) + 'static) -> Callback<V> {
        edit(&self.form, change)
    }

    /// A labelled text field for `field` showing `value`; typing applies
    /// `change` to the newest input.
    pub fn text(
        &self,
        field: F,
        label: &str,
        kind: FieldKind,
        value: &str,
        change: impl Fn(&mut T, String) + 'static,
    ) -> Html {
        self.messages().field(
            field,
            field.element_id(),
            label,
            kind,
            value,
            self.edit(change),
        )
    }
}
