//! Names in the order of the device's language: `Intl.Collator`, made once.
//!
//! Core decides what is listed and breaks ties (`clients::search`); only
//! the comparison of two names comes from the platform, because the order
//! of letters is the language's: Swedish puts "Å" after "Z", German reads
//! "Ä" as "A", and a browser carries those rules (ICU) where core cannot.

use std::cell::OnceCell;
use std::cmp::Ordering;
use std::collections::HashMap;

use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The collator's `compare`, made on first use: making a collator
    /// costs far more than comparing with one, and a list sorts a thousand
    /// names.
    static COMPARE: OnceCell<js_sys::Function> = const { OnceCell::new() };
}

/// The collator's `compare`, made on first use.
fn with_compare<T>(then: impl FnOnce(&js_sys::Function) -> T) -> T {
    COMPARE.with(|compare| {
        then(compare.get_or_init(|| {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"numeric".into(), &JsValue::TRUE);
            js_sys::Intl::Collator::new(&js_sys::Array::new(), &options).compare()
        }))
    })
}

/// `compare`'s answer for two names.
fn compared(compare: &js_sys::Function, left: &JsValue, right: &JsValue) -> Ordering {
    let order = compare
        .call2(&JsValue::UNDEFINED, left, right)
        .ok()
        .and_then(|order| order.as_f64())
        .unwrap_or(0.0);
    order.partial_cmp(&0.0).unwrap_or(Ordering::Equal)
}

/// Compares two names the way the device's language orders them, case and
/// accents weighed as that language weighs them, and digits as numbers
/// ("Room 2" before "Room 10").
pub fn by_device_language(left: &str, right: &str) -> Ordering {
    with_compare(|compare| compared(compare, &left.into(), &right.into()))
}

/// Each of `names` with its place in the device language's order (as
/// [`by_device_language`]; names it holds equal share a place). The names
/// are sorted by the browser in one call: a list of a thousand clients
/// compared pair by pair, each comparison a call out of WebAssembly, took
/// a fifth of the app's start (BENCHMARKS.md, issue 14).
pub fn places_in_device_language<'a>(names: impl IntoIterator<Item = &'a str>) -> NamePlaces {
    let sorted: js_sys::Array = names.into_iter().map(JsValue::from_str).collect();
    with_compare(|compare| {
        let _ = js_sys::Reflect::get(&sorted, &"sort".into())
            .ok()
            .and_then(|sort| sort.dyn_into::<js_sys::Function>().ok())
            .map(|sort| sort.call1(&sorted, compare));
        let mut places = HashMap::with_capacity(sorted.length() as usize);
        let mut place = 0;
        let mut previous = JsValue::UNDEFINED;
        for (index, name) in sorted.iter().enumerate() {
            if index > 0 && compared(compare, &previous, &name) != Ordering::Equal {
                place = index;
            }
            if let Some(text) = name.as_string() {
                places.entry(text).or_insert(place);
            }
            previous = name;
        }
        NamePlaces(places)
    })
}

/// Names and their places in the device language's order
/// ([`places_in_device_language`]).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NamePlaces(HashMap<String, usize>);

impl NamePlaces {
    /// Orders two of the names placed, as [`by_device_language`] would; a
    /// name not placed (a list is being remade) is compared by itself.
    pub fn compare(&self, left: &str, right: &str) -> Ordering {
        match (self.0.get(left), self.0.get(right)) {
            (Some(left), Some(right)) => left.cmp(right),
            _ => by_device_language(left, right),
        }
    }
}
