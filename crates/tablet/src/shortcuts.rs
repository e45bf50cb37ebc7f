//! Keyboard shortcuts for a tablet with a keyboard (or a laptop): `/`
//! search, `n` new client, Ctrl or Cmd + Enter to save or sign, Esc to
//! close a sheet or a question. Listed in Settings.
//!
//! A shortcut does what a tap on the screen would: it focuses the search
//! field, opens the new-client form, or presses the button the screen
//! shows for it (the form's primary action, a sheet's Done). So a shortcut
//! can never do what the screen does not offer at that moment, and Esc
//! never discards a draft: only buttons marked `data-escape` (a sheet, a
//! question, a preview) answer it.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;

/// What a key press asks for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Shortcut {
    /// `/`: the client search.
    Search,
    /// `n`: a new client.
    NewClient,
    /// Ctrl or Cmd + Enter: save or sign, as the form's main button.
    Commit,
    /// Esc: close the sheet or question open.
    Close,
}

/// Every shortcut with its keys and what it does, as Settings lists them.
pub const SHORTCUTS: [(&str, &str); 4] = [
    ("/", "Search clients"),
    ("N", "New client"),
    ("Ctrl/⌘ + Enter", "Save or sign the form on screen"),
    ("Esc", "Close a sheet, a question or an import preview"),
];

/// The shortcut a key press means. Letters and `/` are text while a field
/// has focus (`typing`), and never shortcuts with a modifier held, so
/// typing a note or a browser's own shortcut is left alone.
pub fn shortcut(key: &str, command: bool, alt: bool, typing: bool) -> Option<Shortcut> {
    match key {
        "Enter" if command => Some(Shortcut::Commit),
        "Escape" => Some(Shortcut::Close),
        _ if typing || command || alt => None,
        "/" => Some(Shortcut::Search),
        "n" | "N" => Some(Shortcut::NewClient),
        _ => None,
    }
}

/// Whether focus is in a field that takes text.
fn typing(document: &web_sys::Document) -> bool {
    document.active_element().is_some_and(|element| {
        matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            || element.get_attribute("contenteditable").is_some()
    })
}

/// Presses the last visible element matching `selector`, if any; true if
/// one was pressed.
fn press(document: &web_sys::Document, selector: &str) -> bool {
    let Ok(found) = document.query_selector_all(selector) else {
        return false;
    };
    let visible = (0..found.length())
        .rev()
        .filter_map(|index| found.item(index)?.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|element| element.offset_parent().is_some());
    visible.map(|element| element.click()).is_some()
}

/// Focuses the client search, once the page holding it is drawn.
fn focus_search(document: &web_sys::Document) -> bool {
    document
        .get_element_by_id("client-search")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|field| field.focus())
        .is_some()
}

/// Focuses the client search once the list page has drawn it, looking
/// again every 50 ms up to `tries` times (the page draws after the route
/// changes, a frame or two later).
fn focus_search_when_drawn(document: web_sys::Document, tries: u32) {
    Timeout::new(50, move || {
        if !focus_search(&document) && tries > 1 {
            focus_search_when_drawn(document, tries - 1);
        }
    })
    .forget();
}

/// Listens for the shortcuts while the therapist's app is shown; none
/// while the tablet is `locked` to a client's view.
#[hook]
pub fn use_shortcuts(locked: bool) {
    let navigator = use_navigator();
    use_effect_with(locked, move |locked| {
        let listener = web_sys::window()
            .and_then(|window| window.document())
            .filter(|_| !*locked)
            .map(|document| {
                EventListener::new(&document.clone(), "keydown", move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let command = event.ctrl_key() || event.meta_key();
                    let Some(asked) =
                        shortcut(&event.key(), command, event.alt_key(), typing(&document))
                    else {
                        return;
                    };
                    let done = match asked {
                        Shortcut::Search => {
                            if !focus_search(&document) {
                                if let Some(navigator) = &navigator {
                                    navigator.push(&Route::Clients);
                                }
                                focus_search_when_drawn(document.clone(), 10);
                            }
                            true
                        }
                        Shortcut::NewClient => {
                            if let Some(navigator) = &navigator {
                                navigator.push(&Route::NewClient);
                            }
                            true
                        }
                        Shortcut::Commit => press(&document, ".bottom-actions .button.primary"),
                        Shortcut::Close => press(&document, "[data-escape]"),
                    };
                    if done {
                        event.prevent_default();
                    }
                })
            });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_shortcuts_only_outside_fields_and_without_modifiers() {
        assert_eq!(shortcut("/", false, false, false), Some(Shortcut::Search));
        assert_eq!(
            shortcut("n", false, false, false),
            Some(Shortcut::NewClient)
        );
        assert_eq!(shortcut("n", false, false, true), None, "typing a note");
        assert_eq!(shortcut("/", false, false, true), None, "typing a date");
        assert_eq!(
            shortcut("n", true, false, false),
            None,
            "the browser's new window"
        );
        assert_eq!(shortcut("n", false, true, false), None);
        assert_eq!(shortcut("x", false, false, false), None);
    }

    #[test]
    fn commit_and_close_work_from_inside_a_field() {
        assert_eq!(shortcut("Enter", true, false, true), Some(Shortcut::Commit));
        assert_eq!(shortcut("Enter", false, false, true), None, "a new line");
        assert_eq!(
            shortcut("Escape", false, false, true),
            Some(Shortcut::Close)
        );
    }
}
