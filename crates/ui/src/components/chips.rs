//! Toggle chips: techniques, modalities and regions, one tap on, one tap off.

use yew::prelude::*;

/// One chip.
#[derive(Clone, PartialEq, Debug)]
pub struct Chip {
    /// Stable key reported back when toggled.
    pub key: AttrValue,
    /// What the chip says.
    pub label: AttrValue,
    /// Whether it is on.
    pub on: bool,
}

/// Properties of [`ToggleChips`].
#[derive(Properties, PartialEq)]
pub struct ToggleChipsProps {
    /// Names the group for screen readers.
    pub label: AttrValue,
    /// The chips, in order.
    pub chips: Vec<Chip>,
    /// Called with a chip's key when it is tapped.
    pub on_toggle: Callback<AttrValue>,
}

/// A wrapping row of toggle buttons (`aria-pressed`).
#[function_component(ToggleChips)]
pub fn toggle_chips(props: &ToggleChipsProps) -> Html {
    html! {
        <div class="chips" role="group" aria-label={props.label.clone()}>
            { for props.chips.iter().map(|chip| {
                let onclick = {
                    let on_toggle = props.on_toggle.clone();
                    let key = chip.key.clone();
                    Callback::from(move |_| on_toggle.emit(key.clone()))
                };
                html! {
                    <button type="button" class={classes!("chip", chip.on.then_some("on"))}
                        aria-pressed={chip.on.to_string()} {onclick}>{ chip.label.clone() }</button>
                }
            }) }
        </div>
    }
}

/// Chips choosing one of `options`, which is one toggle group: tapping the
/// chosen chip again emits `None` (a caller that must keep a choice ignores
/// it).
pub fn one_of<T: Copy + PartialEq + 'static>(
    label: impl Into<AttrValue>,
    options: &[(T, &'static str)],
    chosen: Option<T>,
    on_choose: Callback<Option<T>>,
) -> Html {
    let chips: Vec<Chip> = options
        .iter()
        .map(|(value, name)| Chip {
            key: (*name).into(),
            label: (*name).into(),
            on: chosen == Some(*value),
        })
        .collect();
    let options = options.to_vec();
    let on_toggle = Callback::from(move |key: AttrValue| {
        if let Some((value, _)) = options.iter().find(|(_, name)| *name == key.as_str()) {
            on_choose.emit((chosen != Some(*value)).then_some(*value));
        }
    });
    html! { <ToggleChips label={label.into()} {chips} {on_toggle} /> }
}
