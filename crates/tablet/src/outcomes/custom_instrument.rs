//! Adding one of the therapist's own instruments (one they hold a licence
//! for): name, benefit, questions, answer range, which way is better and the
//! meaningful-change threshold. Core checks it all; a problem shows beside
//! its field and nothing is saved.

use stillpoint_core::outcomes::benefit::{BenefitArea, PainSite};
use stillpoint_core::outcomes::change::Direction;
use stillpoint_core::outcomes::custom_instrument::{Aggregate, CustomField, CustomInstrumentInput};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::chips::one_of;
use stillpoint_ui::components::field::{select_field, typed_number, Field, FieldKind, SelectField};
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::update;
use stillpoint_ui::refusal::worded;
use stillpoint_ui::state::{Action, Notice};

const AREAS: [BenefitArea; 8] = [
    BenefitArea::Stress,
    BenefitArea::Pain(PainSite::Migraine),
    BenefitArea::Pain(PainSite::Back),
    BenefitArea::Pain(PainSite::Tmj),
    BenefitArea::Pain(PainSite::Other),
    BenefitArea::WellBeing,
    BenefitArea::Posture,
    BenefitArea::Global,
];

/// The form as typed.
#[derive(Clone, PartialEq, Default)]
struct Form {
    name: String,
    area: usize,
    items: String,
    min: String,
    max: String,
    min_label: String,
    max_label: String,
    higher_is_better: bool,
    mean: bool,
    change_points: String,
    change_percent: String,
    change_source: String,
    licence: String,
}

impl Form {
    /// The form as core takes it; text that is not a number becomes a value
    /// core refuses with its own message.
    fn input(&self) -> CustomInstrumentInput {
        let optional = |text: &str| (!text.trim().is_empty()).then(|| typed_number(text));
        CustomInstrumentInput {
            name: self.name.clone(),
            area: AREAS[self.area],
            items: self
                .items
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            min: typed_number(&self.min),
            max: typed_number(&self.max),
            min_label: self.min_label.clone(),
            max_label: self.max_label.clone(),
            whole_numbers: true,
            aggregate: if self.mean {
                Aggregate::Mean
            } else {
                Aggregate::Sum
            },
            direction: if self.higher_is_better {
                Direction::HigherIsBetter
            } else {
                Direction::LowerIsBetter
            },
            change_points: optional(&self.change_points),
            change_percent: optional(&self.change_percent),
            change_source: self.change_source.clone(),
            licence: self.licence.clone(),
        }
    }
}

type Problems = Vec<(CustomField, String)>;

/// The new-instrument form.
#[function_component(CustomInstrumentPage)]
pub fn custom_instrument_page() -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let form = use_state(Form::default);
    let problems = use_state(Problems::new);
    let runner = use_action_runner();

    let error = |field: CustomField| {
        let found: Vec<&str> = problems
            .iter()
            .filter(|(at, _)| match field {
                CustomField::Items => matches!(at, CustomField::Items | CustomField::Item(_)),
                _ => *at == field,
            })
            .map(|(_, text)| text.as_str())
            .collect();
        (!found.is_empty()).then(|| found.join(" "))
    };
    let set = |change: fn(&mut Form, String)| update(&form, change);
    // Tapping the chosen chip again keeps it: each has to be one or the other.
    let choice = |label: &'static str,
                  options: &[(bool, &'static str)],
                  on: bool,
                  change: fn(&mut Form, bool)| {
        one_of(
            label,
            options,
            Some(on),
            update(&form, move |form: &mut Form, chosen: Option<bool>| {
                if let Some(chosen) = chosen {
                    change(form, chosen);
                }
            }),
        )
    };
    let on_area = update(&form, |form: &mut Form, value: String| {
        form.area = value.parse().unwrap_or(0);
    });

    let onsubmit = {
        let app = app.clone();
        let form = form.clone();
        let problems = problems.clone();
        let runner = runner.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (services, input) = (app.services.clone(), form.input());
            let (problems, navigator) = (problems.clone(), navigator.clone());
            runner.run(
                async move { services.create_custom_instrument(&input).await },
                move |app, instrument| {
                    app.dispatch(Action::InstrumentStored(Box::new(instrument)));
                    app.dispatch(Action::Notify(Notice::Saved("Instrument saved.".into())));
                    if let Some(navigator) = navigator {
                        navigator.push(&Route::PracticeOutcomes);
                    }
                },
                move |found| problems.set(worded(found)),
            );
        })
    };

    html! {
        <form class="page plan-page" novalidate=true {onsubmit} aria-labelledby="custom-title">
            <Link<Route> to={Route::PracticeOutcomes} classes="back-link"><span>{ "Practice outcomes" }</span></Link<Route>>
            <h1 id="custom-title">{ "Add your own instrument" }</h1>
            <p class="muted">{ "For a questionnaire you hold a licence for. Stillpoint ships only free instruments." }</p>
            <Field id="custom-name" label="Name" kind={FieldKind::Text} value={form.name.clone()} required=true
                error={error(CustomField::Name)} on_input={set(|f, t| f.name = t)} on_blur={Callback::noop()} />
            { select_field(SelectField {
                id: "custom-area".into(),
                label: "Benefit it tracks".into(),
                options: AREAS.iter().enumerate().map(|(index, area)| (index.to_string().into(), area.to_string().into())).collect(),
                selected: form.area.to_string().into(),
                placeholder: None,
                error: None,
                on_change: on_area,
            }) }
            <Field id="custom-items" label="Questions, one per line" kind={FieldKind::Multiline}
                value={form.items.clone()} error={error(CustomField::Items)}
                on_input={set(|f, t| f.items = t)} on_blur={Callback::noop()} />
            <div class="field-pair">
                <Field id="custom-min" label="Lowest answer" kind={FieldKind::Number} value={form.min.clone()}
                    error={error(CustomField::Min)} on_input={set(|f, t| f.min = t)} on_blur={Callback::noop()} />
                <Field id="custom-max" label="Highest answer" kind={FieldKind::Number} value={form.max.clone()}
                    error={error(CustomField::Max)} on_input={set(|f, t| f.max = t)} on_blur={Callback::noop()} />
            </div>
            <div class="field-pair">
                <Field id="custom-min-label" label="Lowest answer means" kind={FieldKind::Text}
                    value={form.min_label.clone()} on_input={set(|f, t| f.min_label = t)} on_blur={Callback::noop()} />
                <Field id="custom-max-label" label="Highest answer means" kind={FieldKind::Text}
                    value={form.max_label.clone()} error={error(CustomField::Labels)}
                    on_input={set(|f, t| f.max_label = t)} on_blur={Callback::noop()} />
            </div>
            <div class="field">
                <p class="field-label" aria-hidden="true">{ "Which way is better" }</p>
                { choice("Which way is better", &[(false, "Lower is better"), (true, "Higher is better")],
                    form.higher_is_better, |form, higher| form.higher_is_better = higher) }
            </div>
            <div class="field">
                <p class="field-label" aria-hidden="true">{ "Score" }</p>
                { choice("Score", &[(false, "Sum of the answers"), (true, "Mean of the answers")],
                    form.mean, |form, mean| form.mean = mean) }
            </div>
            <div class="field-pair">
                <Field id="custom-points" label="Meaningful change (points)" kind={FieldKind::Number}
                    value={form.change_points.clone()} error={error(CustomField::ChangePoints)}
                    on_input={set(|f, t| f.change_points = t)} on_blur={Callback::noop()} />
                <Field id="custom-percent" label="Meaningful change (%)" kind={FieldKind::Number}
                    value={form.change_percent.clone()} error={error(CustomField::ChangePercent)}
                    on_input={set(|f, t| f.change_percent = t)} on_blur={Callback::noop()} />
            </div>
            <Field id="custom-source" label="Source of the threshold" kind={FieldKind::Text}
                value={form.change_source.clone()} error={error(CustomField::ChangeSource)}
                on_input={set(|f, t| f.change_source = t)} on_blur={Callback::noop()} />
            <Field id="custom-licence" label="Licence" kind={FieldKind::Text}
                value={form.licence.clone()} error={error(CustomField::Licence)}
                on_input={set(|f, t| f.licence = t)} on_blur={Callback::noop()} />
            <div class="actions bottom-actions">
                <Link<Route> to={Route::PracticeOutcomes} classes="button">{ "Cancel" }</Link<Route>>
                <button type="submit" class="button primary" disabled={runner.busy()}>{ "Save instrument" }</button>
            </div>
        </form>
    }
}
