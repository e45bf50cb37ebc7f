//! Massage work, shown while Swedish or deep tissue is charted: areas
//! worked, pressure and techniques.

use stillpoint_core::clinical::massage_work::Pressure;
use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::SessionField;
use yew::prelude::*;

use super::{field_id, Charting};
use stillpoint_ui::components::chips::{one_of, Chip, ToggleChips};
use stillpoint_ui::components::region_picker::region_picker;
use stillpoint_ui::records::ClientRecords;

/// The "Massage work" section; the technique chips add names only this
/// draft holds, so a technique since removed from the list still shows.
pub fn massage_section(fields: &Charting, records: &ClientRecords) -> Html {
    let massage = &fields.input().massage;
    let listed = &records.techniques.massage;
    let technique_chips = listed
        .names()
        .iter()
        .chain(
            massage
                .techniques
                .iter()
                .filter(|name| !listed.names().contains(name)),
        )
        .map(|name| Chip {
            key: name.clone().into(),
            label: name.clone().into(),
            on: massage.techniques.contains(name),
        })
        .collect::<Vec<_>>();
    let toggle_technique = fields.edit(|input: &mut SessionInput, key: AttrValue| {
        input.massage.toggle_technique(&key);
    });
    let pressures: Vec<(Pressure, &'static str)> = Pressure::ALL
        .iter()
        .map(|pressure| (*pressure, pressure.label()))
        .collect();
    html! {
        <section class="form-section" aria-labelledby="massage-heading">
            <h2 id="massage-heading">{ "Massage work" }</h2>
            { region_picker(&field_id(SessionField::MassageAreas), "Areas worked", &massage.areas,
                fields.edit(|input: &mut SessionInput, areas| input.massage.areas = areas)) }
            <p class="field-label">{ "Pressure" }</p>
            { one_of("Pressure".to_owned(), &pressures, massage.pressure,
                fields.edit(|input: &mut SessionInput, value| input.massage.pressure = value)) }
            <p class="field-label">{ "Techniques" }</p>
            <ToggleChips label="Massage techniques" chips={technique_chips} on_toggle={toggle_technique} />
        </section>
    }
}
