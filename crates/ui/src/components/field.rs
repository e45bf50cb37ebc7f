//! A labelled form field with its validation message beside it.

use std::collections::HashSet;
use std::fmt::Display;
use std::hash::Hash;

use yew::prelude::*;

/// Which control to draw.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FieldKind {
    /// One line of text.
    Text,
    /// A date of birth (`YYYY-MM-DD`; the browser may offer the user's own).
    Birthday,
    /// A date picker (`YYYY-MM-DD`).
    Date,
    /// A time of day (`HH:MM`).
    Time,
    /// A phone number (numeric keyboard).
    Phone,
    /// An email address.
    Email,
    /// A passphrase (hidden as typed, never autofilled from a saved password).
    Password,
    /// Several lines.
    Multiline,
    /// A number (decimal keyboard; core parses and checks it).
    Number,
}

/// Properties of [`Field`].
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// Element id; the label and message refer to it.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// Optional hint under the label.
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Control type.
    pub kind: FieldKind,
    /// Current text.
    pub value: AttrValue,
    /// The message to show, if the field is invalid.
    #[prop_or_default]
    pub error: Option<String>,
    /// Whether the field must be filled.
    #[prop_or_default]
    pub required: bool,
    /// Called with the new text on every keystroke.
    pub on_input: Callback<String>,
    /// Called when the field is left.
    pub on_blur: Callback<()>,
}

/// A label, a control and, when invalid, a message tied to it for screen
/// readers with `aria-describedby`.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let message_id = format!("{}-message", props.id);
    let hint_id = format!("{}-hint", props.id);
    let described_by = [
        props.hint.as_ref().map(|_| hint_id.clone()),
        props.error.as_ref().map(|_| message_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described_by = (!described_by.is_empty()).then_some(described_by);
    let invalid = props.error.is_some().then_some("true");
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            let target = event.target_dyn_into::<web_sys::HtmlInputElement>();
            let text = match target {
                Some(input) => input.value(),
                None => event
                    .target_dyn_into::<web_sys::HtmlTextAreaElement>()
                    .map(|area| area.value())
                    .unwrap_or_default(),
            };
            on_input.emit(text);
        })
    };
    let onblur = props.on_blur.reform(|_: FocusEvent| ());
    let control = match props.kind {
        FieldKind::Multiline => html! {
            <textarea id={props.id.clone()} rows="4" value={props.value.clone()}
                aria-invalid={invalid} aria-describedby={described_by.clone()}
                {oninput} {onblur} />
        },
        kind => {
            let (input_type, autocomplete, inputmode) = match kind {
                FieldKind::Birthday => ("date", "bday", None),
                FieldKind::Date => ("date", "off", None),
                FieldKind::Time => ("time", "off", None),
                FieldKind::Phone => ("tel", "tel", Some("tel")),
                FieldKind::Email => ("email", "email", Some("email")),
                FieldKind::Password => ("password", "new-password", None),
                FieldKind::Number => ("text", "off", Some("decimal")),
                _ => ("text", "off", None),
            };
            html! {
                <input id={props.id.clone()} type={input_type} value={props.value.clone()}
                    autocomplete={autocomplete} inputmode={inputmode}
                    required={props.required}
                    aria-invalid={invalid} aria-describedby={described_by.clone()}
                    {oninput} {onblur} />
            }
        }
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>
                { props.label.clone() }
                if props.required { <span class="required">{ " (required)" }</span> }
            </label>
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint.clone() }</p>
            }
            { control }
            if let Some(error) = &props.error {
                <p class="field-message" id={message_id} role="alert">{ error.clone() }</p>
            }
        </div>
    }
}

/// A form's current problems, shown beside a field once the therapist has
/// left it (or everywhere once they tried to save), as ui.md asks.
pub struct FieldMessages<'a, F, E> {
    /// Every problem of the form as it stands, in form order.
    pub problems: &'a [(F, E)],
    /// The fields left at least once.
    pub touched: &'a UseStateHandle<HashSet<F>>,
    /// Whether to show every problem (after a save was tried).
    pub show_all: bool,
}

impl<F: Copy + Eq + Hash + 'static, E: Display> FieldMessages<'_, F, E> {
    /// The message for `field`, if it has a problem and should show it.
    pub fn error(&self, field: F) -> Option<String> {
        let show = self.show_all || self.touched.contains(&field);
        self.problems
            .iter()
            .find(|(failed, _)| *failed == field && show)
            .map(|(_, error)| error.to_string())
    }

    /// Marks `field` as left, so its message shows from now on.
    pub fn left(&self, field: F) -> Callback<()> {
        let touched = self.touched.clone();
        Callback::from(move |()| {
            if !touched.contains(&field) {
                let mut next = (*touched).clone();
                next.insert(field);
                touched.set(next);
            }
        })
    }

    /// A labelled field `id` for `field`, with its message.
    pub fn field(
        &self,
        field: F,
        id: String,
        label: &str,
        kind: FieldKind,
        value: &str,
        on_input: Callback<String>,
    ) -> Html {
        html! {
            <Field id={id} label={label.to_owned()} {kind} value={value.to_owned()}
                error={self.error(field)} {on_input} on_blur={self.left(field)} />
        }
    }
}

/// A number as typed, for core to check: text that is not a number becomes
/// NaN, which core refuses with its own message beside the field.
pub fn typed_number(text: &str) -> f64 {
    text.trim().parse::<f64>().unwrap_or(f64::NAN)
}

/// A labelled drop-down for [`select_field`].
pub struct SelectField {
    /// Element id; the label and message refer to it.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The choices as (value, what it says), in order.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The value chosen; empty for none.
    pub selected: AttrValue,
    /// What the empty first choice says ("Choose…"), where none may be
    /// chosen yet.
    pub placeholder: Option<AttrValue>,
    /// The message to show, if the choice is refused.
    pub error: Option<String>,
    /// Called with the value chosen.
    pub on_change: Callback<String>,
}

/// A labelled drop-down with its message, as [`Field`] is for text (a
/// plain function: it holds no state of its own).
pub fn select_field(props: SelectField) -> Html {
    let message_id = format!("{}-message", props.id);
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                on_change.emit(select.value());
            }
        })
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-describedby={props.error.is_some().then(|| message_id.clone())}>
                if let Some(placeholder) = &props.placeholder {
                    <option value="" selected={props.selected.is_empty()}>{ placeholder.clone() }</option>
                }
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ label.clone() }</option>
                }) }
            </select>
            if let Some(error) = &props.error {
                <p class="field-message" id={message_id} role="alert">{ error.clone() }</p>
            }
        </div>
    }
}
