//! One intake exactly as it was signed: read-only, with its signature drawn
//! from the stored strokes. The printable record shows the same summary.

use stillpoint_core::clients::client::Client;
use stillpoint_core::clinical::health_history::Pregnancy;
use stillpoint_core::clinical::intake::{Intake, Signer};
use stillpoint_core::clinical::signature::{SIGNATURE_HEIGHT, SIGNATURE_WIDTH};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::components::alerts::allergy_text;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::format;

/// A label and its text, or nothing when the text is empty.
pub fn detail(label: &str, value: String) -> Html {
    if value.is_empty() {
        return html! {};
    }
    html! { <div class="detail-row"><dt>{ label.to_owned() }</dt><dd class="preformatted">{ value }</dd></div> }
}

/// Every answer of an intake and its consent, read-only.
pub fn intake_summary(intake: &Intake) -> Html {
    let places = |regions: &[stillpoint_core::clinical::body_regions::Region]| {
        regions
            .iter()
            .map(|r| r.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let conditions: Vec<String> = intake
        .conditions()
        .iter()
        .map(|answer| {
            let mut parts = vec![answer.condition.label().to_owned()];
            parts.extend(answer.date.map(format::date));
            parts.extend((!answer.regions.is_empty()).then(|| places(&answer.regions)));
            parts.extend((!answer.note.is_empty()).then(|| answer.note.clone()));
            parts.join(" — ")
        })
        .collect();
    let events: Vec<String> = intake
        .events()
        .iter()
        .map(|event| {
            let mut parts = vec![
                format!("{}: {}", event.kind.label(), event.site.label()),
                format::date(event.date),
            ];
            parts.extend((!event.regions.is_empty()).then(|| places(&event.regions)));
            parts.extend((!event.note.is_empty()).then(|| event.note.clone()));
            parts.join(" — ")
        })
        .collect();
    let medications: Vec<String> = intake
        .medications()
        .iter()
        .map(|medication| {
            let mut text = medication.name.clone();
            if !medication.note.is_empty() {
                text = format!("{text} ({})", medication.note);
            }
            if medication.anticoagulant {
                text.push_str(" — blood thinner");
            }
            text
        })
        .collect();
    let allergies: Vec<String> = intake.allergies().iter().map(allergy_text).collect();
    let pregnancy = match intake.pregnancy() {
        Pregnancy::No => "Not pregnant",
        Pregnancy::Yes => "Pregnant",
        Pregnancy::HighRisk => "High-risk pregnancy",
    };
    let contact = intake
        .emergency_contact()
        .map(|contact| {
            [
                contact.name.as_str(),
                contact.relationship.as_str(),
                contact.phone.as_str(),
            ]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
        })
        .unwrap_or_default();
    let consent = intake.consent();
    let signer = match consent.signer() {
        Signer::Client => format!("{} (the client)", consent.typed_name()),
        Signer::Guardian { relationship } => {
            format!("{} (the client's {relationship})", consent.typed_name())
        }
    };
    let list = |items: Vec<String>| items.join("\n");
    html! {
        <div class="intake-summary">
            <dl class="details">
                { detail("Intake date", format::date(intake.date())) }
                { detail("Conditions", list(conditions)) }
                { detail("Other health history", intake.history_notes().to_owned()) }
                { detail("Surgeries and injuries", list(events)) }
                { detail("Medications", list(medications)) }
                { detail("Pregnancy", pregnancy.to_owned()) }
                { detail("Allergies", list(allergies)) }
                { detail("Emergency contact", contact) }
                { detail("Goals", intake.goals().to_owned()) }
                { detail("Consent given by", signer) }
                { detail("Consent date", format::date(consent.date())) }
            </dl>
            <svg class="signature-shown" role="img" aria-label={format!("Signature of {}", consent.typed_name())}
                viewBox={format!("0 0 {SIGNATURE_WIDTH} {SIGNATURE_HEIGHT}")}>
                <path class="signature-ink" d={consent.signature().svg_path()} />
            </svg>
        </div>
    }
}

/// The intake page of `client`.
pub fn intake_view(client: &Client, intake: &Intake) -> Html {
    html! {
        <article class="clinical-page">
            <Link<Route> to={Route::Client { id: client.id().to_string() }} classes="back-link shown">
                <IconView icon={Icon::Back} /><span>{ client.display_name() }</span>
            </Link<Route>>
            <h1>{ format!("Intake of {}: {}", format::date(intake.date()), client.display_name()) }</h1>
            <p class="muted">{ "As signed. A change needs a new intake; this one stays in the record." }</p>
            { intake_summary(intake) }
        </article>
    }
}
