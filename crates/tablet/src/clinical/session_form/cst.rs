//! The craniosacral findings, shown while CST is among the modalities:
//! the rhythm at each listening station, the techniques in order of use,
//! the somato-emotional response and the improvement the client reports.

use stillpoint_core::clinical::cst_findings::ListeningStation;
use stillpoint_core::clinical::session_form::stations_shown;
use stillpoint_core::clinical::session_note::SessionField;
use yew::prelude::*;

use super::rhythm::rhythm_row;
use super::techniques::{techniques_used, TechniquesUsed};
use super::Charting;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::FieldKind;
use stillpoint_ui::context::use_app;
use stillpoint_ui::records::ClientRecords;

/// Properties of [`CstSection`].
#[derive(Properties, PartialEq)]
pub struct CstSectionProps {
    /// The draft's input.
    pub fields: Charting,
    /// The client's records, for the technique list.
    pub records: std::rc::Rc<ClientRecords>,
    /// Whether CST is charted; when it is not, nothing shows, but a
    /// technique name being typed is kept for when it is again.
    pub shown: bool,
}

/// The "Craniosacral findings" section; mounted all along so the technique
/// name being typed survives CST being untapped and tapped again.
#[function_component(CstSection)]
pub fn cst_section(props: &CstSectionProps) -> Html {
    let app = use_app();
    let runner = use_action_runner();
    let new_technique = use_state(String::new);
    let technique_error = use_state(|| None::<String>);
    let every_station = use_state(|| false);
    if !props.shown {
        return html! {};
    }
    let fields = &props.fields;
    let input = fields.input();
    let stations = if *every_station {
        ListeningStation::SESSION_ORDER.to_vec()
    } else {
        stations_shown(&input.rhythm)
    };
    let folded: Vec<&str> = ListeningStation::SESSION_ORDER
        .into_iter()
        .filter(|station| !stations.contains(station))
        .map(|station| station.label())
        .collect();
    let unfold = {
        let every_station = every_station.clone();
        Callback::from(move |_| every_station.set(true))
    };
    html! {
        <section class="form-section" aria-labelledby="cst-heading">
            <h2 id="cst-heading">{ "Craniosacral findings" }</h2>
            <h3>{ "Rhythm at each listening station" }</h3>
            <p class="hint">{ "Observations as felt, in the order a session usually runs; leave a station empty if not assessed." }</p>
            <div class="rhythm-table">
                { for stations.into_iter().map(|station| rhythm_row(fields, station)) }
            </div>
            if !folded.is_empty() {
                <button type="button" class="link-button more-stations" onclick={unfold}>
                    { format!("More stations: {}", folded.join(", ")) }
                </button>
            }
            { techniques_used(&app, &TechniquesUsed {
                fields: fields.clone(),
                records: props.records.clone(),
                new_technique,
                technique_error,
                runner,
            }) }
            { fields.text(SessionField::SomatoEmotional, "Somato-emotional response", FieldKind::Multiline, &input.somato_emotional,
                |input, text| input.somato_emotional = text) }
            { fields.text(SessionField::Improvement, "Global improvement the client reports (%)", FieldKind::Number, &input.improvement,
                |input, text| input.improvement = text) }
        </section>
    }
}
