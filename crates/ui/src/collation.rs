//! Names in the order of the device's language: `Intl.Collator`, made once.
//!
//! Core decides what is listed and breaks ties (`clients::search`); only
//! the comparison of two names comes from the platform, because the order
//! of letters is the language's: Swedish puts "Å" after "Z", German reads
//! "Ä" as "A", and a browser carries those rules (ICU) where core cannot.

use std::cell::OnceCell;
use std::cmp::Ordering;

use wasm_bindgen::JsValue;

thread_local! {
    /// The collator's `compare`, made on first use: making a collator
    /// costs far more than comparing with one, and a list sorts a thousand
    /// names.
    static COMPARE: OnceCell<js_sys::Function> = const { OnceCell::new() };
}

/// Compares two names the way the device's language orders them, case and
/// accents weighed as that language weighs them, and digits as numbers
/// ("Room 2" before "Room 10").
pub fn by_device_language(left: &str, right: &str) -> Ordering {
    COMPARE.with(|compare| {
        let compare = compare.get_or_init(|| {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"numeric".into(), &JsValue::TRUE);
            js_sys::Intl::Collator::new(&js_sys::Array::new(), &options).compare()
        });
        let order = compare
            .call2(&JsValue::UNDEFINED, &left.into(), &right.into())
            .ok()
            .and_then(|order| order.as_f64())
            .unwrap_or(0.0);
        order.partial_cmp(&0.0).unwrap_or(Ordering::Equal)
    })
}
