//! Practice outcomes: across all clients and a date range, per benefit area
//! and instrument, how many clients were measured, the share who improved
//! meaningfully, the median change and the median sessions it took, with
//! the same table as a CSV file made on the device (no network).

use std::rc::Rc;
use stillpoint_core::base::date::CalendarDate;

use stillpoint_core::base::finite::Finite;
use stillpoint_core::outcomes::measure::Measure;
use stillpoint_core::outcomes::practice::{outcomes_csv, practice_outcomes};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::use_measures;
use stillpoint_ui::refusal::Refusal;

fn optional(value: Option<Finite>) -> String {
    value.map_or_else(|| "—".to_owned(), |value| value.to_string())
}

/// Hands `text` to the browser as a file download. The file is made from
/// memory (Blob and object URL); nothing is sent anywhere.
fn download(name: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo::utils::document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)
}

/// The practice outcomes page: every client's measures are read when it
/// opens.
#[function_component(PracticePage)]
pub fn practice_page() -> Html {
    match use_measures(None) {
        Some(measures) => html! { <PracticeReport {measures} /> },
        None => html! {
            <div class="page practice-page" aria-busy="true">
                <h1>{ "Practice outcomes" }</h1>
                <p class="muted">{ "Reading scores…" }</p>
            </div>
        },
    }
}

/// Properties of [`PracticeReport`].
#[derive(Properties)]
struct PracticeReportProps {
    /// Every recorded measure.
    measures: Rc<Vec<Measure>>,
}

/// The same list read once: comparing tens of thousands of measures on
/// every render would cost more than the report.
impl PartialEq for PracticeReportProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.measures, &other.measures)
    }
}

/// The report over `measures`, from the first score to today unless the
/// therapist picks other dates.
#[function_component(PracticeReport)]
fn practice_report(props: &PracticeReportProps) -> Html {
    let app = use_app();
    let runner = use_action_runner();
    let outcomes = app.state.outcomes.clone();
    let today = app.services.today();
    let first = props
        .measures
        .iter()
        .map(|measure| measure.date())
        .min()
        .unwrap_or(today);
    let from = use_state(|| first.to_string());
    let to = use_state(|| today.to_string());

    let parse = |text: &str| text.trim().parse::<CalendarDate>();
    let (from_date, to_date) = (parse(&from), parse(&to));
    let instruments = outcomes.instruments();
    let table = match (&from_date, &to_date) {
        (Ok(start), Ok(end)) => practice_outcomes(&instruments, &props.measures, *start, *end)
            .map_err(|e| e.to_string()),
        _ => Err(String::new()),
    };
    let from_error = match (&from_date, &table) {
        (Err(error), _) => Some(format!("Date: {error}.")),
        (Ok(_), Err(range)) if !range.is_empty() => Some(range.clone()),
        _ => None,
    };
    let to_error = to_date.err().map(|error| format!("Date: {error}."));

    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |text: String| state.set(text))
    };
    let rows = table.clone().unwrap_or_default();
    let onclick = {
        let runner = runner.clone();
        let rows = rows.clone();
        let name = format!("stillpoint-outcomes-{}-to-{}.csv", from.trim(), to.trim());
        Callback::from(move |_| {
            let made = download(&name, &outcomes_csv(&rows)).map_err(|_| {
                Refusal::Refused(
                    "The browser did not make the file; nothing was changed. Try again.".into(),
                )
            });
            runner.run_action(async move { made }, |_, ()| {});
        })
    };

    let body = if rows.is_empty() {
        html! { <p class="empty-state">{ "No scores in this date range. Scores recorded on clients' progress pages appear here." }</p> }
    } else {
        let mut previous = None;
        html! {
            <div class="table-wrap">
                <table class="outcomes-table">
                    <caption class="visually-hidden">{ "Outcomes per benefit area and instrument" }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Instrument" }</th>
                            <th scope="col">{ "Clients measured" }</th>
                            <th scope="col">{ "Judged" }</th>
                            <th scope="col">{ "Improved" }</th>
                            <th scope="col">{ "Median change" }</th>
                            <th scope="col">{ "Median sessions to improve" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|row| {
                            let heading = (previous != Some(row.area)).then(|| html! {
                                <tr class="area-row"><th scope="rowgroup" colspan="6">{ row.area.to_string() }</th></tr>
                            });
                            previous = Some(row.area);
                            let improved = match row.share_improved {
                                Some(share) => format!("{} ({share}%)", row.clients_improved),
                                None => "—".to_owned(),
                            };
                            html! {
                                <>
                                    { heading.unwrap_or_default() }
                                    <tr>
                                        <th scope="row">{ row.instrument_name.clone() }</th>
                                        <td>{ row.clients_measured }</td>
                                        <td>{ row.clients_judged }</td>
                                        <td>{ improved }</td>
                                        <td>{ optional(row.median_change) }</td>
                                        <td>{ optional(row.median_sessions_to_improvement) }</td>
                                    </tr>
                                </>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        }
    };

    html! {
        <div class="page practice-page">
            <Link<Route> to={Route::Settings} classes="back-link"><span>{ "Settings" }</span></Link<Route>>
            <h1>{ "Practice outcomes" }</h1>
            <p class="muted">{ "Across all clients: who was measured, and how many became meaningfully better by each instrument's own threshold. Blank (—) means it cannot be computed yet." }</p>
            <div class="field-pair">
                <Field id="outcomes-from" label="From" kind={FieldKind::Date} value={(*from).clone()}
                    error={from_error} on_input={set(&from)} on_blur={Callback::noop()} />
                <Field id="outcomes-to" label="To" kind={FieldKind::Date} value={(*to).clone()}
                    error={to_error} on_input={set(&to)} on_blur={Callback::noop()} />
            </div>
            { body }
            <section class="settings-section" aria-labelledby="own-title">
                <h2 id="own-title">{ "Your own instruments" }</h2>
                if outcomes.custom_instruments.is_empty() {
                    <p class="muted">{ "None yet. Add a questionnaire you hold a licence for; it is then scored, charted and reported like the free ones." }</p>
                } else {
                    <ul class="goal-list">
                        { for outcomes.custom_instruments.iter().map(|instrument| html! {
                            <li class="goal"><p class="goal-name">{ instrument.name() }</p>
                                <p class="muted">{ format!("{} · version {}", instrument.area(), instrument.version()) }</p></li>
                        }) }
                    </ul>
                }
                <Link<Route> to={Route::NewInstrument} classes="button">{ "Add an instrument" }</Link<Route>>
            </section>
            <div class="actions bottom-actions">
                <button type="button" class="button primary" disabled={rows.is_empty()} {onclick}>{ "Download CSV" }</button>
            </div>
        </div>
    }
}
