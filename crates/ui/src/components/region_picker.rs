//! Choosing body regions without the chart: the chosen ones as chips (tap
//! to take one off) and a list to add another. Used where a few regions are
//! named (where an intake answer is, which areas were massaged).

use stillpoint_core::base::toggle::toggle;
use stillpoint_core::clinical::body_regions::Region;
use yew::prelude::*;

use crate::components::chips::{Chip, ToggleChips};

/// The regions chosen (`regions`, in the order chosen) as chips, and a
/// list to add another; `on_change` gets the new list. `id` names the list
/// for its label.
pub fn region_picker(
    id: &str,
    label: &'static str,
    regions: &[Region],
    on_change: Callback<Vec<Region>>,
) -> Html {
    let all = Region::all();
    let chips = regions
        .iter()
        .map(|region| Chip {
            key: region.name().into(),
            label: region.name().into(),
            on: true,
        })
        .collect::<Vec<_>>();
    let on_toggle = {
        let on_change = on_change.clone();
        let regions = regions.to_vec();
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
    let options: Vec<(usize, Region)> = all
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, region)| !regions.contains(region))
        .collect();
    let onchange = {
        let regions = regions.to_vec();
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            if let Some(region) = select
                .value()
                .parse()
                .ok()
                .and_then(|index: usize| all.get(index).copied())
            {
                let mut next = regions.clone();
                toggle(&mut next, region);
                on_change.emit(next);
            }
            select.set_value("");
        })
    };
    html! {
        <div class="field region-picker">
            <label for={id.to_owned()}>{ label }</label>
            if !chips.is_empty() {
                <ToggleChips label={label} {chips} {on_toggle} />
            }
            <select id={id.to_owned()} {onchange}>
                <option value="" selected=true>{ "Add an area…" }</option>
                { for options.into_iter().map(|(index, region)| html! {
                    <option value={index.to_string()}>{ region.name() }</option>
                }) }
            </select>
        </div>
    }
}
