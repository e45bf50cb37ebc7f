//! Pain and stress before and after treatment in the session form, each
//! in one tap: every row shows its eleven numbers inline (the [`Scale`]
//! radio group: tap a number, tap it again to clear; Tab to the row, arrow
//! keys choose). A row starts unrated each session: an old value beside
//! the new one would bias the measure.
//!
//! [`rating_section`] shows the rows for one moment: pain at each site in
//! play and stress, before treatment (with the choice of pain sites) or
//! after it.

use stillpoint_core::outcomes::benefit::PainSite;
use stillpoint_core::outcomes::catalogue::builtin;
use stillpoint_core::outcomes::instrument::InstrumentId;
use stillpoint_core::outcomes::measure::Timing;
use stillpoint_core::outcomes::session_ratings::SessionRatings;
use yew::prelude::*;

use crate::components::chips::{Chip, ToggleChips};
use crate::components::scale::Scale;

/// The choice of pain sites shown above the rows before treatment.
#[derive(Clone)]
pub struct SiteChoice {
    /// One chip per site, on where a row is shown.
    pub chips: Vec<Chip>,
    /// Called with the site's key ([`PainSite`]'s slug) when tapped.
    pub on_toggle: Callback<AttrValue>,
}

/// One moment's rows for [`rating_section`].
pub struct RatingSection {
    /// Before or after treatment.
    pub timing: Timing,
    /// The pain sites with a row.
    pub sites: Vec<PainSite>,
    /// The session's ratings so far.
    pub ratings: SessionRatings,
    /// The site chips, where the sites are to be chosen.
    pub site_choice: Option<SiteChoice>,
    /// Messages about refused ratings.
    pub errors: Vec<String>,
    /// Called with the instrument rated and its new rating.
    pub on_change: Callback<(InstrumentId, Option<u8>)>,
}

/// The words at the two ends of `instrument`'s scale.
fn ends(instrument: InstrumentId) -> (AttrValue, AttrValue) {
    let anchors = builtin(instrument)
        .and_then(|found| {
            found
                .items()
                .first()
                .map(|item| item.scale().anchors().to_vec())
        })
        .unwrap_or_default();
    let word = |anchor: Option<&stillpoint_core::outcomes::instrument::Anchor>| {
        AttrValue::from(
            anchor
                .map(|anchor| anchor.label.to_lowercase())
                .unwrap_or_default(),
        )
    };
    (word(anchors.first()), word(anchors.last()))
}

/// Pain and stress rows for one moment of the session.
pub fn rating_section(props: RatingSection) -> Html {
    let (moment, heading, hint) = match props.timing {
        Timing::PostSession => (
            "after",
            "After treatment",
            "Ask again at the end: how bad is the pain now, and how stressed do you feel now?",
        ),
        _ => (
            "before",
            "Before treatment",
            "Ask at the start: how bad is the pain right now, and how stressed do you feel right now?",
        ),
    };
    let heading_id = format!("ratings-{moment}-heading");
    let mut rows: Vec<(InstrumentId, String)> = props
        .sites
        .iter()
        .map(|site| (InstrumentId::Nprs(*site), format!("Pain {moment} ({site})")))
        .collect();
    rows.push((InstrumentId::Stress, format!("Stress {moment}")));
    html! {
        <section class="form-section session-ratings" id={format!("session-ratings-{moment}")} aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ heading }</h2>
            <p class="hint">{ hint }</p>
            if let Some(choice) = props.site_choice {
                <p class="field-label">{ "Where is the pain?" }</p>
                <ToggleChips label="Pain sites" chips={choice.chips} on_toggle={choice.on_toggle} />
            }
            <div class="quick-ratings">
                { for rows.into_iter().map(|(instrument, label)| {
                    let on_change = props.on_change.reform(move |value| (instrument, value));
                    html! {
                        <Scale key={instrument.to_string()} id={format!("rating-{moment}-{instrument}")}
                            label={label} ends={Some(ends(instrument))}
                            value={props.ratings.get(instrument, props.timing).map(|value| value.value())}
                            {on_change} />
                    }
                }) }
            </div>
            { for props.errors.iter().map(|message| html! { <p class="field-message" role="alert">{ message }</p> }) }
        </section>
    }
}
