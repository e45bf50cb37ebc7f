//! The therapist's own contraindication rules, beside the built-in table:
//! sources disagree widely (`docs/clinical-reference.md` §3), so a therapist can add
//! what their training or insurer asks for. A rule raises an alert of one
//! level when the intake ticks a condition or mentions a word.

use std::borrow::Cow;
use std::rc::Rc;

use stillpoint_core::base::recency::WindowUnit;
use stillpoint_core::clinical::contraindication_rules::{
    AlertLevel, Practice, Rule, RuleField, RuleFieldError, RuleInput, Trigger,
};
use stillpoint_core::clinical::health_history::Condition;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::alerts::{level_class, practice_name};
use stillpoint_ui::components::chips::{one_of, Chip, ToggleChips};
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::region_picker::region_picker;
use stillpoint_ui::context::use_app;
use stillpoint_ui::hooks::{edit, Edit, FormInput};
use stillpoint_ui::records::RecordEvent;
use stillpoint_ui::state::{Action, Notice};

const LEVELS: [(AlertLevel, &str); 4] = [
    (AlertLevel::DoNotTreat, "Do not treat"),
    (AlertLevel::Caution, "Caution"),
    (AlertLevel::Check, "Check with the client"),
    (AlertLevel::AvoidArea, "Avoid an area"),
];

const PRACTICES: [(Practice, &str); 3] = [
    (Practice::Cst, "CST"),
    (Practice::Massage, "Massage"),
    (Practice::Both, "All hands-on work"),
];

const UNITS: [(WindowUnit, &str); 2] = [(WindowUnit::Days, "Days"), (WindowUnit::Months, "Months")];

/// The rule form as typed: the rule's own input plus the phrase to look
/// for, which becomes a "mentions" trigger.
#[derive(Clone, PartialEq)]
struct RuleDraft {
    rule: RuleInput,
    phrase: String,
}

impl Default for RuleDraft {
    fn default() -> Self {
        Self {
            rule: RuleInput {
                name: String::new(),
                level: AlertLevel::Caution,
                practice: Practice::Both,
                triggers: Vec::new(),
                recent_within: String::new(),
                recent_unit: WindowUnit::Months,
                regions: Vec::new(),
            },
            phrase: String::new(),
        }
    }
}

impl RuleDraft {
    /// The rule input with the phrase as its last trigger.
    fn input(&self) -> RuleInput {
        let mut input = self.rule.clone();
        if !self.phrase.trim().is_empty() {
            input
                .triggers
                .push(Trigger::Mentions(Cow::Owned(self.phrase.clone())));
        }
        input
    }
}

/// What a rule looks for, in words.
fn triggers_text(rule: &Rule) -> String {
    rule.triggers
        .iter()
        .map(Trigger::describe)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The list of the therapist's rules and the form to add one.
#[function_component(RuleEditor)]
pub fn rule_editor() -> Html {
    let app = use_app();
    let rules = use_state(|| None::<Vec<Rule>>);
    let form = use_reducer(FormInput::<RuleDraft>::default);
    let errors = use_state(Vec::<(RuleField, RuleFieldError)>::new);
    {
        let app = app.clone();
        let rules = rules.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                match app.services.rules().await {
                    Ok(found) => rules.set(Some(found)),
                    Err(error) => app.dispatch(Action::Notify(Notice::Error(error.to_string()))),
                }
            });
        });
    }
    let draft = &form.0;
    let error_for = |wanted: fn(&RuleField) -> bool| {
        errors
            .iter()
            .find(|(field, _)| wanted(field))
            .map(|(_, error)| error.to_string())
    };
    let runner = use_action_runner();
    let add = {
        let (app, runner) = (app.clone(), runner.clone());
        let form = form.clone();
        let rules = rules.clone();
        let errors = errors.clone();
        Callback::from(move |_| {
            let input = form.0.input();
            let (form, rules, errors) = (form.clone(), rules.clone(), errors.clone());
            let added = errors.clone();
            let services = app.services.clone();
            runner.run(
                async move { services.add_rule(&input).await },
                move |app, rule| {
                    let mut next = (*rules).clone().unwrap_or_default();
                    next.push(rule);
                    app.dispatch(Action::Records(RecordEvent::Rules(Rc::new(next.clone()))));
                    rules.set(Some(next));
                    added.set(Vec::new());
                    form.dispatch(Edit::new(|draft: &mut RuleDraft| {
                        *draft = RuleDraft::default()
                    }));
                    app.dispatch(Action::Notify(Notice::Saved("Rule added.".into())));
                },
                move |problems| errors.set(problems),
            );
        })
    };
    let listed = match &*rules {
        None => html! { <p class="muted">{ "Reading your rules…" }</p> },
        Some(list) if list.is_empty() => {
            html! { <p class="muted">{ "None yet: only the built-in list is used." }</p> }
        }
        Some(list) => html! {
            <ul class="alerts">
                { for list.iter().map(|rule| {
                    let remove = {
                        let (services, runner, rules, rule) = (app.services.clone(), runner.clone(), rules.clone(), rule.clone());
                        Callback::from(move |_| {
                            let (services, rules, rule) = (services.clone(), rules.clone(), rule.clone());
                            let removed = rule.clone();
                            runner.run_action(async move { services.remove_rule(&removed).await }, move |app, ()| {
                                let next: Vec<Rule> = (*rules).clone().unwrap_or_default().into_iter().filter(|kept| kept.id != rule.id).collect();
                                app.dispatch(Action::Records(RecordEvent::Rules(Rc::new(next.clone()))));
                                rules.set(Some(next));
                            });
                        })
                    };
                    html! {
                        <li class={classes!("alert", level_class(rule.level))}>
                            <p class="alert-level">{ rule.level.label() }</p>
                            <p class="alert-name">{ rule.name.to_string() }<span class="muted">{ " · " }{ practice_name(rule.practice) }</span></p>
                            <p class="muted">{ format!("When the intake has: {}", triggers_text(rule)) }
                                { rule.recent_within.map(|window| format!(", within {window}")).unwrap_or_default() }</p>
                            <div class="actions start">
                                <button type="button" class="button danger-outline" onclick={remove}>{ format!("Remove “{}”", rule.name) }</button>
                            </div>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    let conditions = Condition::ALL
        .iter()
        .map(|condition| Chip {
            key: condition.label().into(),
            label: condition.label().into(),
            on: draft
                .rule
                .triggers
                .contains(&Trigger::Condition(*condition)),
        })
        .collect::<Vec<_>>();
    let toggle_condition = edit(&form, |draft: &mut RuleDraft, key: AttrValue| {
        if let Some(condition) = Condition::ALL
            .into_iter()
            .find(|c| c.label() == key.as_str())
        {
            stillpoint_core::base::toggle::toggle(
                &mut draft.rule.triggers,
                Trigger::Condition(condition),
            );
        }
    });
    html! {
        <div class="rule-editor">
            { listed }
            <h3>{ "Add a rule" }</h3>
            <Field id="rule-name" label="What the alert says" kind={FieldKind::Text} value={draft.rule.name.clone()}
                error={error_for(|field| *field == RuleField::Name)}
                on_input={edit(&form, |draft: &mut RuleDraft, text| draft.rule.name = text)} on_blur={Callback::noop()} />
            <p class="field-label">{ "Level" }</p>
            { one_of("Level", &LEVELS, Some(draft.rule.level), edit(&form, |draft: &mut RuleDraft, level: Option<AlertLevel>| {
                if let Some(level) = level { draft.rule.level = level; }
            })) }
            <p class="field-label">{ "Concerns" }</p>
            { one_of("Concerns", &PRACTICES, Some(draft.rule.practice), edit(&form, |draft: &mut RuleDraft, practice: Option<Practice>| {
                if let Some(practice) = practice { draft.rule.practice = practice; }
            })) }
            <p class="field-label">{ "Raised when the intake ticks" }</p>
            <ToggleChips label="Conditions that raise the alert" chips={conditions} on_toggle={toggle_condition} />
            <Field id="rule-phrase" label="…or mentions this word or phrase" kind={FieldKind::Text} value={draft.phrase.clone()}
                error={error_for(|field| matches!(field, RuleField::Triggers(_)))}
                on_input={edit(&form, |draft: &mut RuleDraft, text| draft.phrase = text)} on_blur={Callback::noop()} />
            <Field id="rule-window" label="Counts for (leave empty for always)" kind={FieldKind::Number}
                value={draft.rule.recent_within.clone()} error={error_for(|field| *field == RuleField::RecentWithin)}
                on_input={edit(&form, |draft: &mut RuleDraft, text| draft.rule.recent_within = text)} on_blur={Callback::noop()} />
            { one_of("Unit", &UNITS, Some(draft.rule.recent_unit), edit(&form, |draft: &mut RuleDraft, unit: Option<WindowUnit>| {
                if let Some(unit) = unit { draft.rule.recent_unit = unit; }
            })) }
            if draft.rule.level == AlertLevel::AvoidArea {
                { region_picker("rule-regions", "Areas to avoid", &draft.rule.regions,
                    edit(&form, |draft: &mut RuleDraft, regions| draft.rule.regions = regions)) }
                if let Some(error) = error_for(|field| *field == RuleField::Regions) {
                    <p class="field-message" role="alert">{ error }</p>
                }
            }
            <div class="actions start">
                <button type="button" class="button" onclick={add}>{ "Add rule" }</button>
            </div>
        </div>
    }
}
