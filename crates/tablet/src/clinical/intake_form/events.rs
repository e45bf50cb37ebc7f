//! Surgeries, injuries and fractures: what happened, where, when, and
//! where on the body, one card each.

use stillpoint_core::clinical::health_history::{EventKind, Site};
use stillpoint_core::clinical::intake::{EventInput, IntakeField, IntakeInput};
use yew::prelude::*;

use super::rows::{choice, in_row, remove_row, row_card, row_list};
use super::IntakeFields;
use stillpoint_ui::components::field::FieldKind;
use stillpoint_ui::components::region_picker::region_picker;

fn events(input: &mut IntakeInput) -> &mut Vec<EventInput> {
    &mut input.events
}

/// The "Surgeries, injuries and fractures" section; kind and site are
/// chips, since screening reads them (a recent surgery, a fracture site).
pub fn events_section(fields: &IntakeFields) -> Html {
    let kinds: Vec<_> = EventKind::ALL.iter().map(|k| (*k, k.label())).collect();
    let sites: Vec<_> = Site::ALL.iter().map(|s| (*s, s.label())).collect();
    let event_rows = fields.input().events.iter().enumerate().map(|(row, event)| {
        row_card(
            format!("{}: {}", event.kind.label(), event.site.label()),
            Some(fields.edit(remove_row(events, row))),
            html! {
                <>
                    { choice("What happened", &kinds, event.kind, fields.edit(in_row(events, row, |e, kind| e.kind = kind))) }
                    { choice("Where", &sites, event.site, fields.edit(in_row(events, row, |e, site| e.site = site))) }
                    <div class="row-grid">
                        { fields.text(IntakeField::EventDate(row), "When", FieldKind::Date, &event.date,
                            in_row(events, row, |e, text| e.date = text)) }
                        { fields.text(IntakeField::EventNote(row), "What it was", FieldKind::Text, &event.note,
                            in_row(events, row, |e, text| e.note = text)) }
                    </div>
                    { region_picker(&format!("intake-event-{row}-regions"), "Where on the body", &event.regions,
                        fields.edit(in_row(events, row, |e, regions| e.regions = regions))) }
                </>
            },
        )
    });
    let add_event = fields.edit(|input: &mut IntakeInput, _: MouseEvent| {
        input.events.push(EventInput {
            kind: EventKind::Surgery,
            site: Site::Other,
            date: String::new(),
            regions: Vec::new(),
            note: String::new(),
        })
    });
    html! {
        { row_list("events-heading", "Surgeries, injuries and fractures", "Add surgery, injury or fracture", add_event, html! { { for event_rows } }) }
    }
}
