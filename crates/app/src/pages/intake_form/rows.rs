//! What the intake's lists share (conditions, surgeries and injuries,
//! medications, allergies): a section of cards with its Add button, a card
//! per row, edits that reach one row of the newest input, and chips
//! choosing one value.

use stillpoint_core::intake::IntakeInput;
use yew::prelude::*;

use crate::components::chips::one_of;

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

/// Properties of [`RowCard`].
#[derive(Properties, PartialEq)]
pub struct RowCardProps {
    /// What the row is, as its legend.
    pub legend: AttrValue,
    /// Removes the row; `None` where a row goes another way (a condition
    /// is untapped in the checklist).
    #[prop_or_default]
    pub on_remove: Option<Callback<MouseEvent>>,
    /// The row's fields.
    pub children: Html,
}

/// One row of a list, as a card with its legend and "Remove".
#[function_component(RowCard)]
pub fn row_card(props: &RowCardProps) -> Html {
    html! {
        <fieldset class="row-card">
            <legend>{ props.legend.clone() }</legend>
            { props.children.clone() }
            if let Some(onclick) = props.on_remove.clone() {
                <div class="actions start">
                    <button type="button" class="button danger-outline" {onclick}>{ "Remove" }</button>
                </div>
            }
        </fieldset>
    }
}

/// Properties of [`RowList`].
#[derive(Properties, PartialEq)]
pub struct RowListProps {
    /// The heading's element id, which labels the section.
    pub heading_id: AttrValue,
    /// The heading.
    pub heading: AttrValue,
    /// What the Add button says.
    pub add_label: AttrValue,
    /// Adds an empty row.
    pub on_add: Callback<MouseEvent>,
    /// The rows, as [`RowCard`]s.
    pub children: Html,
}

/// A section listing rows the client may have none of, so it starts
/// empty and grows one row at a time.
#[function_component(RowList)]
pub fn row_list(props: &RowListProps) -> Html {
    html! {
        <section class="form-section" aria-labelledby={props.heading_id.clone()}>
            <h2 id={props.heading_id.clone()}>{ props.heading.clone() }</h2>
            { props.children.clone() }
            <button type="button" class="button" onclick={props.on_add.clone()}>{ props.add_label.clone() }</button>
        </section>
    }
}
