//! One-tap chips: a tap puts an item on a list, the next tap takes it off.
//!
//! Modalities, massage areas and techniques are all charted this way, and the
//! list keeps the order the items were tapped in (the order of use).

/// Adds `item` at the end of `items` if absent, removes it if present;
/// returns whether it is on the list afterwards.
pub fn toggle<T: PartialEq>(items: &mut Vec<T>, item: T) -> bool {
    match items.iter().position(|existing| *existing == item) {
        Some(index) => {
            items.remove(index);
            false
        }
        None => {
            items.push(item);
            true
        }
    }
}

/// The items in their first-tapped order with repeats dropped, as a chip
/// list holds them.
pub(crate) fn without_repeats<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut kept = Vec::with_capacity(items.len());
    for item in items {
        if !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taps_add_in_order_of_use_and_a_second_tap_removes() {
        let mut chips = vec!["b"];
        assert!(toggle(&mut chips, "a"));
        assert_eq!(chips, ["b", "a"]);
        assert!(!toggle(&mut chips, "b"));
        assert_eq!(chips, ["a"]);
    }

    #[test]
    fn repeats_are_dropped_keeping_the_first() {
        assert_eq!(without_repeats(vec![3, 1, 3, 2, 1]), [3, 1, 2]);
    }
}
