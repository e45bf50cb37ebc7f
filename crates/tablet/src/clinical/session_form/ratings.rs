//! Pain and stress before and after treatment, one tap each: kept in the
//! draft and written as measures only when the note is signed. Pain is
//! rated at the active plan's pain sites and those rated last session;
//! with none or several in the plan, site chips choose them.

use stillpoint_core::clinical::session_form::SessionInput;
use stillpoint_core::clinical::session_note::SessionField;
use stillpoint_core::outcomes::benefit::PainSite;
use stillpoint_core::outcomes::instrument::InstrumentId;
use stillpoint_core::outcomes::measure::Timing;
use stillpoint_core::outcomes::session_ratings::{set_rating, SessionRatings};
use yew::prelude::*;

use super::Charting;
use stillpoint_ui::components::chips::Chip;
use stillpoint_ui::components::quick_rating::{rating_section, RatingSection, SiteChoice};
use stillpoint_ui::hooks::Edit;

/// What [`ratings_section`] shows and changes.
pub struct RatingsSection {
    /// The draft's input.
    pub fields: Charting,
    /// Before or after treatment.
    pub timing: Timing,
    /// The ratings as they stand.
    pub ratings: SessionRatings,
    /// The pain sites rated.
    pub sites: Vec<PainSite>,
    /// Whether the sites are chosen here (the plan names none or several).
    pub choose_sites: bool,
    /// The sites chosen, shared by the before and after sections.
    pub chosen_sites: UseStateHandle<Option<Vec<PainSite>>>,
}

/// The site chips: taking a site off clears its ratings.
fn site_choice(props: &RatingsSection) -> SiteChoice {
    let chips = PainSite::ALL
        .into_iter()
        .map(|site| Chip {
            key: site.slug().into(),
            label: site.label().into(),
            on: props.sites.contains(&site),
        })
        .collect();
    let form = props.fields.form.clone();
    let chosen_sites = props.chosen_sites.clone();
    let sites = props.sites.clone();
    let on_toggle = Callback::from(move |key: AttrValue| {
        let Some(site) = PainSite::ALL
            .into_iter()
            .find(|site| site.slug() == key.as_str())
        else {
            return;
        };
        let mut next = sites.clone();
        if next.contains(&site) {
            next.retain(|shown| *shown != site);
            form.dispatch(Edit::new(move |input: &mut SessionInput| {
                for timing in [Timing::PreSession, Timing::PostSession] {
                    set_rating(&mut input.ratings, InstrumentId::Nprs(site), timing, None);
                }
            }));
        } else {
            next.push(site);
            next.sort();
        }
        chosen_sites.set(Some(next));
    });
    SiteChoice { chips, on_toggle }
}

/// The ratings of one moment; the site chips and the messages show with
/// the ratings before treatment.
pub fn ratings_section(props: &RatingsSection) -> Html {
    let timing = props.timing;
    let before = timing == Timing::PreSession;
    let on_change = props.fields.edit(
        move |input: &mut SessionInput, (instrument, value): (InstrumentId, Option<u8>)| {
            set_rating(&mut input.ratings, instrument, timing, value)
        },
    );
    let errors = if before {
        props
            .fields
            .problems
            .iter()
            .filter(|(field, _)| matches!(field, SessionField::Rating(_)))
            .map(|(_, error)| error.to_string())
            .collect()
    } else {
        Vec::new()
    };
    rating_section(RatingSection {
        timing,
        sites: props.sites.clone(),
        ratings: props.ratings.clone(),
        site_choice: (before && props.choose_sites).then(|| site_choice(props)),
        errors,
        on_change,
    })
}
