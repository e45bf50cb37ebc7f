//! The device language's order of names, in the browser: names placed in
//! one sort order as comparing them pair by pair does.

use std::cmp::Ordering;

use stillpoint_ui::collation::{by_device_language, places_in_device_language};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn names_placed_at_once_order_as_compared_one_pair_at_a_time() {
    let names = [
        "Zoë Adams",
        "ada",
        "Åsa Berg",
        "Bob",
        "bob",
        "Room 10",
        "Room 2",
        "Émile",
        "Bob",
        "",
        "Ada",
    ];
    let places = places_in_device_language(names);
    for left in names {
        for right in names {
            assert_eq!(
                places.compare(left, right),
                by_device_language(left, right),
                "{left:?} {right:?}"
            );
        }
    }
    assert_eq!(places.compare("Room 2", "Room 10"), Ordering::Less);
    assert_eq!(
        places.compare("Bob", "not placed"),
        by_device_language("Bob", "not placed")
    );
}
