//! The searchable list of clients.
//!
//! A practice holds a thousand clients or more, and building a row for each
//! at start cost more than everything else the start does (BENCHMARKS.md,
//! issue 14). The list renders only the rows on screen plus a margin
//! ([`RowWindow`]); the rows above and below are stood in for by padding of
//! their estimated height, so the scroll bar and scrolling stay as they
//! were. Search filters every client, not only the rendered ones.

use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use stillpoint_core::base::ids::RecordId;
use stillpoint_core::clients::search::{list_clients, NameQuery};
use stillpoint_core::clients::summary::ClientSummary;
use web_sys::HtmlElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use crate::routes::PHONE_APP;
use stillpoint_ui::collation;
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::use_app;

/// Rows rendered beyond each edge of the screen, so a quick flick shows
/// rows rather than a blank while the next window renders.
const MARGIN_ROWS: usize = 10;
/// A row's height with its gap, in CSS pixels, until rows are measured:
/// the smallest a row is (`.client-row`: 64 px high, 4 px apart).
const ROW_PX: f64 = 68.0;
/// Rows rendered before the list is on screen to be measured: a tall
/// tablet screen of the smallest rows, plus the margin.
const FIRST_ROWS: usize = 30;

/// Which rows of the list are rendered: `first..last`, and the height of a
/// row the padding above and below stands in for.
#[derive(Clone, Copy, PartialEq, Debug)]
struct RowWindow {
    first: usize,
    last: usize,
    row_px: f64,
}

impl Default for RowWindow {
    fn default() -> Self {
        Self {
            first: 0,
            last: FIRST_ROWS,
            row_px: ROW_PX,
        }
    }
}

/// Where the list is, as the browser laid it out.
struct Seen {
    /// The top of the list relative to the top of the screen (negative once
    /// scrolled past), in CSS pixels.
    list_top: f64,
    /// The screen's height.
    screen: f64,
    /// The rendered rows' average height with their gap, once two are
    /// rendered.
    row_px: Option<f64>,
    /// How many rows the list has.
    len: usize,
}

impl Reducible for RowWindow {
    type Action = Seen;

    fn reduce(self: Rc<Self>, seen: Seen) -> Rc<Self> {
        let row_px = seen.row_px.filter(|px| *px >= 1.0).unwrap_or(self.row_px);
        let row_at = |offset: f64| (offset / row_px).max(0.0) as usize;
        let first = row_at(-seen.list_top).saturating_sub(MARGIN_ROWS);
        let last = row_at(seen.screen - seen.list_top) + 1 + MARGIN_ROWS;
        Rc::new(Self {
            first: first.min(seen.len),
            last: last.min(seen.len),
            row_px,
        })
    }
}

/// Reads where the list `ul` is and how tall its rendered rows are.
fn seen(ul: &HtmlElement, len: usize) -> Seen {
    let rows = ul.children();
    let top_of = |index| {
        rows.item(index)
            .map(|row| row.get_bounding_client_rect().top())
    };
    let count = rows.length();
    let row_px = match (top_of(0), count.checked_sub(1).and_then(top_of)) {
        (Some(first), Some(last)) if count > 1 => Some((last - first) / f64::from(count - 1)),
        _ => None,
    };
    Seen {
        list_top: ul.get_bounding_client_rect().top(),
        screen: gloo::utils::window()
            .inner_height()
            .ok()
            .and_then(|height| height.as_f64())
            .unwrap_or(0.0),
        row_px,
        len,
    }
}

/// Properties of [`ClientList`].
#[derive(Properties, PartialEq)]
pub struct ClientListProps {
    /// The client open on the right, highlighted in the list.
    pub selected: Option<RecordId>,
    /// Whether a record or form is open beside the list: its own primary
    /// action is then the one filled button on screen, so "New client"
    /// steps back to an outlined button.
    pub detail_open: bool,
}

/// Search box, "New client", and the matching clients.
#[function_component(ClientList)]
pub fn client_list(props: &ClientListProps) -> Html {
    let app = use_app();
    let query_text = use_state(String::new);
    let places = use_memo(app.state.client_summaries.clone(), |clients| {
        collation::places_in_device_language(clients.values().map(ClientSummary::display_name))
    });
    let listed = {
        let clients = app.state.client_summaries.clone();
        use_memo(
            (clients, (*query_text).clone(), places),
            |(clients, query_text, places)| -> Vec<RecordId> {
                list_clients(
                    clients.values(),
                    &NameQuery::new(query_text),
                    |left, right| places.compare(left, right),
                )
                .into_iter()
                .map(ClientSummary::id)
                .collect()
            },
        )
    };
    let window = use_reducer_eq(RowWindow::default);
    let list = use_node_ref();
    {
        // Every scroll (of the list's pane, or of the page in portrait) and
        // resize moves the window; a new search starts from where the list
        // is now.
        let (list, window, len) = (list.clone(), window.dispatcher(), listed.len());
        use_effect_with(len, move |&len| {
            let update = move || {
                if let Some(ul) = list.cast::<HtmlElement>() {
                    window.dispatch(seen(&ul, len));
                }
            };
            update();
            let target = gloo::utils::window();
            let on_scroll = {
                let update = update.clone();
                EventListener::new_with_options(
                    &target,
                    "scroll",
                    EventListenerOptions::run_in_capture_phase(),
                    move |_| update(),
                )
            };
            let on_resize = EventListener::new(&target, "resize", move |_| update());
            move || drop((on_scroll, on_resize))
        });
    }
    {
        // The rows left out are stood in for by padding (set through the
        // style object: the CSP allows no inline style attribute).
        let (list, window, len) = (list.clone(), *window, listed.len());
        use_effect(move || {
            if let Some(ul) = list.cast::<HtmlElement>() {
                let px = |rows: usize| format!("{}px", (rows as f64 * window.row_px).round());
                let style = ul.style();
                let _ = style.set_property("padding-top", &px(window.first.min(len)));
                let _ = style.set_property("padding-bottom", &px(len.saturating_sub(window.last)));
            }
        });
    }
    let today = app.services.today();
    let oninput = {
        let query_text = query_text.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                query_text.set(input.value());
            }
        })
    };
    let has_any = app
        .state
        .client_summaries
        .values()
        .any(|client| !client.is_deleted());
    let body = if listed.is_empty() {
        let text = if has_any {
            format!("No client's name matches “{}”.", query_text.trim())
        } else {
            "No clients yet. Add your first client to start their record.".to_owned()
        };
        html! {
            <>
                <p class="empty-state">{ text }</p>
                // A client's own phone starts here too: one quiet way in,
                // only while the device holds no practice data. The phone
                // app is its own page and wasm, so this is a full page load.
                if app.state.client_summaries.is_empty() {
                    <a href={PHONE_APP} class="client-mode-link">
                        { "I'm a client: open my self-care plan" }
                    </a>
                }
            </>
        }
    } else {
        let size = listed.len().to_string();
        let shown = window.first.min(listed.len())..window.last.min(listed.len());
        html! {
            <ul class="client-list" ref={list}>
                { for listed[shown.clone()].iter().zip(shown).filter_map(|(id, index)| {
                    let client = app.state.client_summaries.get(id)?;
                    let current = props.selected == Some(client.id());
                    let secondary = match (client.preferred_name(), client.age_on(today)) {
                        (Some(_), Some(age)) => format!("{} · {age} years", client.full_name()),
                        (Some(_), None) => client.full_name().to_owned(),
                        (None, Some(age)) => format!("{age} years"),
                        (None, None) => String::new(),
                    };
                    Some(html! {
                        <li key={id.to_string()} aria-setsize={size.clone()}
                            aria-posinset={(index + 1).to_string()}>
                            <Link<Route> to={Route::Client { id: client.id().to_string() }}
                                classes={classes!("client-row", current.then_some("current"))}>
                                <span class="client-name">{ client.display_name() }</span>
                                if !secondary.is_empty() {
                                    <span class="client-secondary">{ secondary }</span>
                                }
                            </Link<Route>>
                        </li>
                    })
                }) }
            </ul>
        }
    };
    let new_class = if props.detail_open {
        "button"
    } else {
        "button primary"
    };
    html! {
        <div class="client-list-pane">
            <div class="list-header">
                <h1>{ "Clients" }</h1>
                <Link<Route> to={Route::NewClient} classes={classes!(new_class, "with-icon")}>
                    <IconView icon={Icon::Add} />
                    <span>{ "New client" }</span>
                </Link<Route>>
            </div>
            if has_any {
                <div class="search">
                    <label for="client-search" class="visually-hidden">{ "Search clients by name" }</label>
                    <IconView icon={Icon::Search} />
                    <input id="client-search" type="search" placeholder="Search by name"
                        autocomplete="off" value={(*query_text).clone()} {oninput} />
                </div>
            }
            { body }
        </div>
    }
}
