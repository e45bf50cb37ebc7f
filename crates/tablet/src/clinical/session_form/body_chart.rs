//! Where on the body: the chart's marks, kept in the draft's input.

use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::SessionField;
use yew::prelude::*;

use super::{field_id, Charting};
use stillpoint_ui::components::body_chart::BodyChartView;
use stillpoint_ui::records::{chart_of, set_chart};

/// The "Body chart" section; its id is where "still needed" marks lead.
pub fn body_chart_section(fields: &Charting) -> Html {
    let on_change = fields.edit(|input: &mut SessionInput, chart| set_chart(input, &chart));
    html! {
        <section class="form-section" id={field_id(SessionField::MarkIntensity(0))} aria-labelledby="chart-heading">
            <h2 id="chart-heading">{ "Body chart" }</h2>
            <BodyChartView chart={chart_of(fields.input())} on_change={Some(on_change)} />
        </section>
    }
}
