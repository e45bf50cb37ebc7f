//! Choosing body regions without the chart: the chosen ones as chips (tap
//! to take one off) and a list to add another. Used where a few regions are
//! named (where an intake answer is, which areas were massaged).

use stillpoint_core::body_regions::Region;
use stillpoint_core::toggle::toggle;
use yew::prelude::*;

use crate::components::chips::{Chip, ToggleChips};

/// Properties of [`RegionPicker`].
#[derive(Properties, PartialEq)]
pub struct RegionPickerProps {
    /// Element id of the list; the label refers to it.
    pub id: AttrValue,
    /// The visible label.
    pub label: AttrValue,
    /// The regions chosen, in the order chosen.
    pub regions: Vec<Region>,
    /// Called with the new list.
    pub on_change: Callback<Vec<Region>>,
}

/// Chosen regions and a list to add one.
#[function_component(RegionPicker)]
pub fn region_picker(props: &RegionPickerProps) -> Html {
    let all = use_memo((), |_| Region::all());
    let chips = props
        .regions
        .iter()
        .map(|region| Chip {
            key: region.name().into(),
            label: region.name().into(),
            on: true,
        })
        .collect::<Vec<_>>();
    let on_toggle = {
        let on_change = props.on_change.clone();
        let regions = props.regions.clone();
        Callback::from(move |key: AttrValue| {
            on_change.emit(
                regions
                    .iter()
                    .filter(|region| region.name() != key.as_str())
                    .copied()
                    .collect(),
            )
        })
    };
    let onchange = {
        let on_change = props.on_change.clone();
        let all = all.clone();
        let added = move |index: usize| all.get(index).copied();
        let change = {
            let regions = props.regions.clone();
            move |region| {
                let mut regions = regions.clone();
                toggle(&mut regions, region);
                regions
            }
        };
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            if let Some(region) = select.value().parse().ok().and_then(&added) {
                on_change.emit(change(region));
            }
            select.set_value("");
        })
    };
    html! {
        <div class="field region-picker">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            if !chips.is_empty() {
                <ToggleChips label={props.label.clone()} {chips} {on_toggle} />
            }
            <select id={props.id.clone()} {onchange}>
                <option value="" selected=true>{ "Add an area…" }</option>
                { for all.iter().enumerate().filter(|(_, region)| !props.regions.contains(region)).map(|(index, region)| html! {
                    <option value={index.to_string()}>{ region.name() }</option>
                }) }
            </select>
        </div>
    }
}
