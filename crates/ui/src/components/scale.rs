//! A 0–10 scale as a row of eleven large buttons (ui.md: precise with a
//! fingertip, unlike a slider). It is one radio group: arrow keys move the
//! choice, and tapping the chosen number again clears it.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Properties of [`Scale`].
#[derive(Properties, PartialEq)]
pub struct ScaleProps {
    /// Element id of the group; the label refers to it.
    pub id: AttrValue,
    /// What is being rated, e.g. "Pain before the session".
    pub label: AttrValue,
    /// Words for the two ends, e.g. ("no pain", "worst imaginable").
    #[prop_or_default]
    pub ends: Option<(AttrValue, AttrValue)>,
    /// The chosen value, if any.
    pub value: Option<u8>,
    /// Called with the new value, or `None` when cleared.
    pub on_change: Callback<Option<u8>>,
}

/// Moves focus to the chosen number of `group` when focus is inside it.
fn focus_chosen(group: &NodeRef) {
    let Some(element) = group.cast::<web_sys::Element>() else {
        return;
    };
    let focused = gloo::utils::document()
        .active_element()
        .is_some_and(|active| element.contains(Some(&active)));
    if let Some(chosen) = focused
        .then(|| element.query_selector("[aria-checked=true]").ok().flatten())
        .flatten()
        .and_then(|chosen| chosen.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = chosen.focus();
    }
}

/// Eleven buttons, 0 to 10.
#[function_component(Scale)]
pub fn scale(props: &ScaleProps) -> Html {
    let label_id = format!("{}-label", props.id);
    let group = use_node_ref();
    // Arrow keys change the choice; focus follows it, as in any radio
    // group, so the focus ring never stays on a number not chosen.
    {
        let group = group.clone();
        use_effect_with(props.value, move |_| focus_chosen(&group));
    }
    let onkeydown = {
        let on_change = props.on_change.clone();
        let value = props.value;
        Callback::from(move |event: KeyboardEvent| {
            let next = match (event.key().as_str(), value) {
                ("ArrowRight" | "ArrowUp", Some(current)) => {
                    Some(current.saturating_add(1).min(10))
                }
                ("ArrowLeft" | "ArrowDown", Some(current)) => Some(current.saturating_sub(1)),
                ("ArrowRight" | "ArrowUp" | "ArrowLeft" | "ArrowDown", None) => Some(0),
                ("Home", _) => Some(0),
                ("End", _) => Some(10),
                _ => return,
            };
            event.prevent_default();
            on_change.emit(next);
        })
    };
    html! {
        <div class="scale-field">
            <p class="scale-label" id={label_id.clone()}>{ props.label.clone() }</p>
            <div class="scale" role="radiogroup" id={props.id.clone()} aria-labelledby={label_id} ref={group} {onkeydown}>
                { for (0..=10u8).map(|number| {
                    let checked = props.value == Some(number);
                    let focusable = checked || (props.value.is_none() && number == 0);
                    let onclick = {
                        let on_change = props.on_change.clone();
                        Callback::from(move |_| on_change.emit(if checked { None } else { Some(number) }))
                    };
                    html! {
                        <button type="button" role="radio" class={classes!("scale-step", checked.then_some("on"))}
                            aria-checked={checked.to_string()} tabindex={if focusable { "0" } else { "-1" }}
                            {onclick}>{ number }</button>
                    }
                }) }
            </div>
            if let Some((low, high)) = &props.ends {
                <div class="scale-ends" aria-hidden="true"><span>{ low.clone() }</span><span>{ high.clone() }</span></div>
            }
        </div>
    }
}
