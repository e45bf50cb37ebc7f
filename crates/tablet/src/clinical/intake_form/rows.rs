//! What the intake's lists share (conditions, surgeries and injuries,
//! medications, allergies): a section of cards with its Add button, a card
//! per row, edits that reach one row of the newest input, and chips
//! choosing one value.

use stillpoint_core::clinical::intake::IntakeInput;
use yew::prelude::*;

use stillpoint_ui::components::chips::one_of;

/// Where a list sits in the input.
pub type RowsOf<T> = fn(&mut IntakeInput) -> &mut Vec<T>;

/// A change to row `row` of the list `rows` picks, made only if the row
/// still exists (a quick tap may follow its removal).
pub fn in_row<T: 'static, V>(
    rows: RowsOf<T>,
    row: usize,
    change: impl Fn(&mut T, V) + 'static,
) -> impl Fn(&mut IntakeInput, V) + 'static {
    move |input, value| {
        if let Some(found) = rows(input).get_mut(row) {
            change(found, value);
        }
    }
}

/// Removes row `row` of the list `rows` picks, if it still exists.
pub fn remove_row<T: 'static>(
    rows: RowsOf<T>,
    row: usize,
) -> impl Fn(&mut IntakeInput, MouseEvent) {
    move |input, _| {
        let list = rows(input);
        if row < list.len() {
            list.remove(row);
        }
    }
}

/// Chips choosing one of `options`; the choice can change but not be
/// cleared.
pub fn choice<T: Copy + PartialEq + 'static>(
    label: &'static str,
    options: &[(T, &'static str)],
    chosen: T,
    on_choose: Callback<T>,
) -> Html {
    let on_choose = Callback::from(move |value: Option<T>| {
        if let Some(value) = value {
            on_choose.emit(value);
        }
    });
    one_of(label, options, Some(chosen), on_choose)
}

/// One row of a list, as a card with its legend and, where a row can be
/// removed (a condition is untapped in the checklist instead), "Remove".
pub fn row_card(
    legend: impl Into<AttrValue>,
    on_remove: Option<Callback<MouseEvent>>,
    body: Html,
) -> Html {
    html! {
        <fieldset class="row-card">
            <legend>{ legend.into() }</legend>
            { body }
            if let Some(onclick) = on_remove {
                <div class="actions start">
                    <button type="button" class="button danger-outline" {onclick}>{ "Remove" }</button>
                </div>
            }
        </fieldset>
    }
}

/// A section listing rows the client may have none of, so it starts
/// empty and grows one row at a time: the heading (`heading_id` labels the
/// section), the rows, and the Add button saying `add_label`.
pub fn row_list(
    heading_id: &'static str,
    heading: &'static str,
    add_label: &'static str,
    on_add: Callback<MouseEvent>,
    rows: Html,
) -> Html {
    html! {
        <section class="form-section" aria-labelledby={heading_id}>
            <h2 id={heading_id}>{ heading }</h2>
            { rows }
            <button type="button" class="button" onclick={on_add}>{ add_label }</button>
        </section>
    }
}
