//! The fields of one home-care item (title, kind, how often, how long, how
//! to do it, precautions, when to stop and call), shared by the plan
//! composer (adapting an item for a client) and the library (writing or
//! editing the therapist's own version).

use stillpoint_core::selfcare::care_item::{
    CareCategory, CareItemField, CareItemInput, Period, MAX_TIMES_A_DAY,
};
use yew::prelude::*;

use crate::components::field::{Field, FieldKind};

/// Applies the text of one control to `item`. Select values are ones this
/// component wrote; anything else leaves a value core refuses with its own
/// message.
pub fn set_field(item: &mut CareItemInput, field: CareItemField, text: String) {
    match field {
        CareItemField::Title => item.title = text,
        CareItemField::Category => {
            item.category = text
                .parse::<usize>()
                .ok()
                .and_then(|index| CareCategory::ALL.get(index).copied())
        }
        CareItemField::Schedule => match text.as_str() {
            "day" => item.per = Some(Period::Day),
            "week" => item.per = Some(Period::Week),
            times => item.times = times.parse().unwrap_or(0),
        },
        CareItemField::HowLong => item.how_long = text,
        CareItemField::HowTo => item.how_to = text,
        CareItemField::Precautions => item.precautions = text,
        CareItemField::StopAndCall => item.stop_and_call = text,
    }
}

/// Properties of [`CareItemFields`].
#[derive(Properties, PartialEq)]
pub struct CareItemFieldsProps {
    /// Prefix of the controls' ids, unique on the page.
    pub id: AttrValue,
    /// The item as typed.
    pub item: CareItemInput,
    /// Core's problems, each beside its field.
    pub errors: Vec<(CareItemField, String)>,
    /// Called with the field and its new text.
    pub on_change: Callback<(CareItemField, String)>,
}

fn select_value(event: Event) -> Option<String> {
    event
        .target_dyn_into::<web_sys::HtmlSelectElement>()
        .map(|select| select.value())
}

/// The item's labelled fields with their messages.
#[function_component(CareItemFields)]
pub fn care_item_fields(props: &CareItemFieldsProps) -> Html {
    let error = |field: CareItemField| {
        props
            .errors
            .iter()
            .find(|(at, _)| *at == field)
            .map(|(_, text)| text.clone())
    };
    let text = |field: CareItemField| props.on_change.reform(move |text: String| (field, text));
    let select = |field: CareItemField| {
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            if let Some(value) = select_value(event) {
                on_change.emit((field, value));
            }
        })
    };
    let id = |name: &str| format!("{}-{name}", props.id);
    let item = &props.item;
    let most = match item.per {
        Some(Period::Week) => 7,
        _ => MAX_TIMES_A_DAY,
    };
    let category_error = error(CareItemField::Category);
    let schedule_error = error(CareItemField::Schedule);
    let line = |field, name: &str, label: &str, kind, value: &str| {
        html! {
            <Field id={id(name)} label={label.to_owned()} {kind} value={value.to_owned()}
                error={error(field)} on_input={text(field)} on_blur={Callback::noop()} />
        }
    };
    html! {
        <div class="care-item-fields">
            { line(CareItemField::Title, "title", "Title", FieldKind::Text, &item.title) }
            <div class="field-pair">
                <div class={classes!("field", category_error.is_some().then_some("invalid"))}>
                    <label for={id("category")}>{ "Kind" }</label>
                    <select id={id("category")} onchange={select(CareItemField::Category)}
                        aria-invalid={category_error.is_some().then_some("true")}>
                        <option value="" selected={item.category.is_none()}>{ "Choose…" }</option>
                        { for CareCategory::ALL.iter().enumerate().map(|(index, category)| html! {
                            <option value={index.to_string()} selected={item.category == Some(*category)}>
                                { category.to_string() }
                            </option>
                        }) }
                    </select>
                    if let Some(text) = category_error {
                        <p class="field-message" role="alert">{ text }</p>
                    }
                </div>
                <fieldset class={classes!("field", "schedule-field", schedule_error.is_some().then_some("invalid"))}>
                    <legend>{ "How often" }</legend>
                    <div class="schedule-controls">
                        <label class="visually-hidden" for={id("times")}>{ "Times" }</label>
                        <select id={id("times")} onchange={select(CareItemField::Schedule)}
                            aria-invalid={schedule_error.is_some().then_some("true")}>
                            if !(1..=most).contains(&item.times) {
                                <option value="0" selected=true>{ "Choose…" }</option>
                            }
                            { for (1..=most).map(|times| html! {
                                <option value={times.to_string()} selected={item.times == times}>{ times }</option>
                            }) }
                        </select>
                        <label class="visually-hidden" for={id("per")}>{ "Per" }</label>
                        <select id={id("per")} onchange={select(CareItemField::Schedule)}>
                            if item.per.is_none() {
                                <option value="" selected=true>{ "Choose…" }</option>
                            }
                            <option value="day" selected={item.per == Some(Period::Day)}>{ "times a day" }</option>
                            <option value="week" selected={item.per == Some(Period::Week)}>{ "days a week" }</option>
                        </select>
                    </div>
                    if let Some(text) = schedule_error {
                        <p class="field-message" role="alert">{ text }</p>
                    }
                </fieldset>
            </div>
            { line(CareItemField::HowLong, "how-long", "How long each time", FieldKind::Text, &item.how_long) }
            { line(CareItemField::HowTo, "how-to", "How to do it", FieldKind::Multiline, &item.how_to) }
            { line(CareItemField::Precautions, "precautions", "Precautions", FieldKind::Multiline, &item.precautions) }
            { line(CareItemField::StopAndCall, "stop", "When to stop and call", FieldKind::Multiline, &item.stop_and_call) }
        </div>
    }
}
