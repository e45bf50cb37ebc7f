//! Recording a score: one form for every instrument, drawn from the
//! instrument's own data (0–10 items as a row of eleven buttons, short
//! labelled scales as a list of choices, measurements as numbers, PSFS as
//! client-named activities, the craniovertebral angle as two taps on a side
//! photo). Core checks and scores the answers; a refused answer shows its
//! message beside the field and nothing is saved. A questionnaire core
//! would leave unscored (a question left blank) is not saved either: the
//! form says which question is missing, so it can be finished.
//!
//! The same form in large type, with nothing else of the record on screen,
//! is what the client fills in on the locked tablet (`client_view`).

use stillpoint_core::base::finite::{Finite, NotFinite};
use stillpoint_core::clients::client::Client;
use stillpoint_core::outcomes::instrument::{AnswerScale, Instrument, Scoring};
use stillpoint_core::outcomes::measure::{MeasureError, MeasureField, MeasureInput, Timing};
use stillpoint_core::outcomes::posture::{PhotoLandmarks, PixelPoint};
use stillpoint_core::outcomes::scoring::{AnswerField, Answers, RatedActivity, Score};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::action_runner::use_action_runner;
use stillpoint_ui::components::field::{Field, FieldKind};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::components::scale::Scale;
use stillpoint_ui::context::use_app;
use stillpoint_ui::state::{Action, Notice};

/// A photo picked for the angle: shown from an object URL, never stored.
#[derive(Clone, PartialEq)]
struct Photo {
    url: String,
    width: f64,
    height: f64,
}

/// The form as typed and tapped.
#[derive(Clone, PartialEq, Default)]
struct Form {
    date: String,
    items: Vec<String>,
    activities: Vec<(String, Option<u8>)>,
    photo: Option<Photo>,
    taps: Vec<PixelPoint>,
}

type Problems = Vec<(MeasureField, String)>;

fn message(problems: &[(MeasureField, String)], field: MeasureField) -> Option<String> {
    problems
        .iter()
        .find(|(at, _)| *at == field)
        .map(|(_, text)| text.clone())
}

fn point(x: f64, y: f64) -> Option<PixelPoint> {
    Some(PixelPoint {
        x: Finite::new(x).ok()?,
        y: Finite::new(y).ok()?,
    })
}

/// The answers the form holds, or the fields whose text is not a number.
fn answers(instrument: &Instrument, form: &Form) -> Result<Answers, Problems> {
    let photo_field = MeasureField::Answer(AnswerField::Photo);
    match instrument.scoring() {
        Scoring::CraniovertebralAngle => {
            let Some(photo) = &form.photo else {
                return Err(vec![(photo_field, "Choose a side photo first.".into())]);
            };
            let [c7, tragus] = form.taps[..] else {
                return Err(vec![(photo_field, "Tap C7, then the tragus.".into())]);
            };
            let size = |value: f64| Finite::new(value).unwrap_or(Finite::ZERO);
            Ok(Answers::Photo {
                landmarks: PhotoLandmarks {
                    width: size(photo.width),
                    height: size(photo.height),
                    c7,
                    tragus,
                },
            })
        }
        Scoring::ActivityMean { .. } => Ok(Answers::Activities {
            activities: form
                .activities
                .iter()
                .map(|(activity, rating)| RatedActivity {
                    activity: activity.clone(),
                    rating: rating.and_then(|rating| Finite::new(f64::from(rating)).ok()),
                })
                .collect(),
        }),
        _ => {
            let mut problems = Problems::new();
            let values = form
                .items
                .iter()
                .enumerate()
                .map(|(item, text)| {
                    let text = text.trim();
                    if text.is_empty() {
                        return None;
                    }
                    let value = text
                        .parse::<f64>()
                        .map_err(|_| NotFinite)
                        .and_then(Finite::new);
                    value
                        .map_err(|error| {
                            problems.push((
                                MeasureField::Answer(AnswerField::Item(item)),
                                error.to_string(),
                            ))
                        })
                        .ok()
                })
                .collect();
            if problems.is_empty() {
                Ok(Answers::Items { values })
            } else {
                Err(problems)
            }
        }
    }
}

/// Properties of [`MeasureForm`].
#[derive(Properties, PartialEq)]
pub struct MeasureFormProps {
    /// The client the score is about.
    pub client: Client,
    /// The instrument's id as written in the address.
    pub instrument: AttrValue,
    /// The large-type view the client fills in, showing nothing else.
    pub client_view: bool,
}

/// The capture form for one instrument.
#[function_component(MeasureForm)]
pub fn measure_form(props: &MeasureFormProps) -> Html {
    let app = use_app();
    let navigator = use_navigator();
    let instrument = app.state.outcomes.instrument(&props.instrument);
    let item_count = instrument.as_ref().map_or(0, |i| i.items().len());
    let today = app.services.today();
    let form = use_state(|| Form {
        date: today.to_string(),
        items: vec![String::new(); item_count],
        activities: vec![(String::new(), None); 3],
        ..Form::default()
    });
    let problems = use_state(Problems::new);
    let runner = use_action_runner();
    let done = use_state(|| false);
    let photo_area = use_node_ref();
    let client_id = props.client.id().to_string();

    let Some(instrument) = instrument else {
        return html! {
            <div class="page-body">
                <h1>{ "Instrument not found" }</h1>
                <p>{ "This instrument is not on this device. Choose another from the client's progress page." }</p>
            </div>
        };
    };
    let progress = Route::ClientProgress {
        id: client_id.clone(),
    };

    if *done {
        return html! {
            <div class="client-view-done">
                <h1>{ "Thank you." }</h1>
                <p>{ "Your answers are saved. Please hand the tablet back to your therapist." }</p>
                // Inside the locked client view the way back is the view's
                // own "Back to your plan"; the record needs the PIN.
                if app.state.selfcare.client_view.is_none() {
                    <Link<Route> to={progress} classes="button">{ "Therapist: back to the record" }</Link<Route>>
                }
            </div>
        };
    }

    let onsubmit = {
        let app = app.clone();
        let form = form.clone();
        let problems = problems.clone();
        let runner = runner.clone();
        let done = done.clone();
        let instrument = instrument.clone();
        let client = props.client.id();
        let client_view = props.client_view;
        let progress = progress.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let date = form.date.trim().parse();
            let answers = answers(&instrument, &form);
            let (date, answers) = match (date, answers) {
                (Ok(date), Ok(answers)) => (date, answers),
                (date, answers) => {
                    let mut found = answers.err().unwrap_or_default();
                    if let Err(error) = date {
                        found.insert(0, (MeasureField::Date, format!("Date: {error}.")));
                    }
                    problems.set(found);
                    return;
                }
            };
            // An incomplete questionnaire would be kept unscored; here it is
            // refused with core's reason, so the client can finish it.
            if let Ok((_, Score::NotScored(reason))) = instrument.score(answers.clone()) {
                problems.set(vec![(
                    MeasureField::Answer(AnswerField::Form),
                    reason.to_string(),
                )]);
                return;
            }
            let input = MeasureInput {
                client,
                session: None,
                date,
                timing: Timing::Standalone,
                answers,
            };
            let services = app.services.clone();
            let instrument = instrument.clone();
            let (problems, refused) = (problems.clone(), problems.clone());
            let done = done.clone();
            let navigator = navigator.clone();
            let progress = progress.clone();
            runner.run(
                async move { services.record_measure(&instrument, input).await },
                move |app, _| {
                    problems.set(Problems::new());
                    if client_view {
                        done.set(true);
                    } else {
                        app.dispatch(Action::Notify(Notice::Saved("Score saved.".into())));
                        if let Some(navigator) = navigator {
                            navigator.push(&progress);
                        }
                    }
                },
                move |errors: Vec<MeasureError>| {
                    refused.set(
                        errors
                            .iter()
                            .map(|error| (error.field(), error.to_string()))
                            .collect(),
                    )
                },
            );
        })
    };

    let body = match instrument.scoring() {
        Scoring::CraniovertebralAngle => photo_taps(&form, &photo_area, &problems),
        Scoring::ActivityMean { .. } => {
            let scale = instrument.items()[0].scale();
            html! {
                <>
                    <p class="hint">{ instrument.items()[0].text() }</p>
                    { for form.activities.iter().enumerate().map(|(row, (activity, rating))| {
                        let field = MeasureField::Answer(AnswerField::Activity(row));
                        let on_name = {
                            let form = form.clone();
                            Callback::from(move |text: String| {
                                let mut next = (*form).clone();
                                next.activities[row].0 = text;
                                form.set(next);
                            })
                        };
                        let on_rate = {
                            let form = form.clone();
                            Callback::from(move |value: Option<u8>| {
                                let mut next = (*form).clone();
                                next.activities[row].1 = value;
                                form.set(next);
                            })
                        };
                        html! {
                            <fieldset class="activity">
                                <legend>{ format!("Activity {}", row + 1) }</legend>
                                <Field id={format!("activity-{row}")} label="What activity is hard to do?"
                                    kind={FieldKind::Text} value={activity.clone()}
                                    error={message(&problems, field)} on_input={on_name} on_blur={Callback::noop()} />
                                <Scale id={format!("activity-{row}-rating")} label="How well can you do it today?"
                                    ends={ends(scale)} value={*rating} on_change={on_rate} />
                            </fieldset>
                        }
                    }) }
                </>
            }
        }
        _ => html! {
            { for instrument.items().iter().enumerate().map(|(item, definition)| {
                let field = MeasureField::Answer(AnswerField::Item(item));
                let scale = definition.scale();
                let text = form.items[item].clone();
                let id = format!("item-{item}");
                let error = message(&problems, field);
                let set = {
                    let form = form.clone();
                    Callback::from(move |text: String| {
                        let mut next = (*form).clone();
                        next.items[item] = text;
                        form.set(next);
                    })
                };
                let whole_range = scale.whole() && scale.min() == Finite::ZERO && scale.max().get() == 10.0;
                if whole_range {
                    let value = text.parse::<u8>().ok();
                    let on_change = set.reform(|value: Option<u8>| value.map(|v| v.to_string()).unwrap_or_default());
                    html! {
                        <div class={classes!("item", error.is_some().then_some("invalid"))}>
                            <Scale id={id.clone()} label={definition.text().to_owned()} ends={ends(scale)} {value} {on_change} />
                            if let Some(error) = error { <p class="field-message" role="alert">{ error }</p> }
                        </div>
                    }
                } else if scale.whole() && scale.anchors().len() as f64 > scale.max().get() - scale.min().get() {
                    choices(&id, definition.text(), scale, &text, set, error)
                } else {
                    let hint = format!("{} to {} {}", scale.min(), scale.max(), instrument.unit().name());
                    html! {
                        <Field id={id} label={definition.text().to_owned()} kind={FieldKind::Number}
                            hint={AttrValue::from(hint)} value={text} {error} on_input={set} on_blur={Callback::noop()} />
                    }
                }
            }) }
        },
    };

    let form_message = message(&problems, MeasureField::Answer(AnswerField::Form))
        .or_else(|| message(&problems, MeasureField::Timing));
    let on_date = {
        let form = form.clone();
        Callback::from(move |text: String| {
            let mut next = (*form).clone();
            next.date = text;
            form.set(next);
        })
    };
    let title = if props.client_view {
        instrument.name().to_owned()
    } else {
        format!("{}: {}", props.client.display_name(), instrument.name())
    };
    html! {
        <form class={classes!("measure-form", props.client_view.then_some("large-type"))}
            novalidate=true {onsubmit} aria-labelledby="measure-title">
            if !props.client_view {
                <Link<Route> to={progress.clone()} classes="back-link">
                    <IconView icon={Icon::Back} /><span>{ "Progress" }</span>
                </Link<Route>>
            }
            <h1 id="measure-title">{ title }</h1>
            if !instrument.instructions().is_empty() {
                <p class="instructions">{ instrument.instructions() }</p>
            }
            if !props.client_view {
                <Field id="measure-date" label="Date" kind={FieldKind::Date} value={form.date.clone()}
                    error={message(&problems, MeasureField::Date)} on_input={on_date} on_blur={Callback::noop()} />
            }
            { body }
            if let Some(text) = form_message { <p class="form-summary" role="alert">{ text }</p> }
            <div class="actions bottom-actions">
                if !props.client_view {
                    <Link<Route> to={progress} classes="button">{ "Cancel" }</Link<Route>>
                }
                <button type="submit" class="button primary" disabled={runner.busy()}>
                    { if props.client_view { "Done" } else { "Save score" } }
                </button>
            </div>
        </form>
    }
}

fn ends(scale: &AnswerScale) -> Option<(AttrValue, AttrValue)> {
    match scale.anchors() {
        [low, .., high] => Some((low.label.clone().into(), high.label.clone().into())),
        _ => None,
    }
}

/// A short labelled scale (WHO-5's 0–5, PGIC's 1–7) as a list of large
/// radio buttons, each with its words.
fn choices(
    id: &str,
    label: &str,
    scale: &AnswerScale,
    text: &str,
    set: Callback<String>,
    error: Option<String>,
) -> Html {
    let label_id = format!("{id}-label");
    html! {
        <div class={classes!("item", error.is_some().then_some("invalid"))}>
            <p class="scale-label" id={label_id.clone()}>{ label.to_owned() }</p>
            <div class="choices" role="radiogroup" id={id.to_owned()} aria-labelledby={label_id}>
                { for scale.anchors().iter().map(|anchor| {
                    let value = anchor.value.to_string();
                    let checked = value == text;
                    let onclick = {
                        let set = set.clone();
                        let value = value.clone();
                        Callback::from(move |_| set.emit(if checked { String::new() } else { value.clone() }))
                    };
                    html! {
                        <button type="button" role="radio" aria-checked={checked.to_string()}
                            class={classes!("choice", checked.then_some("on"))} {onclick}>
                            <span class="choice-value">{ value.clone() }</span>
                            <span>{ anchor.label.clone() }</span>
                        </button>
                    }
                }) }
            </div>
            if let Some(error) = error { <p class="field-message" role="alert">{ error }</p> }
        </div>
    }
}

/// Choosing a side photo and tapping C7, then the tragus. The photo is
/// shown from an object URL and never leaves the page: only the two points
/// and the photo's size are kept.
fn photo_taps(
    form: &UseStateHandle<Form>,
    area: &NodeRef,
    problems: &[(MeasureField, String)],
) -> Html {
    let error = message(problems, MeasureField::Answer(AnswerField::Photo));
    let onchange = {
        let form = form.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            if let Some(old) = &form.photo {
                let _ = web_sys::Url::revoke_object_url(&old.url);
            }
            let Ok(url) = web_sys::Url::create_object_url_with_blob(&file) else {
                return;
            };
            let mut next = (*form).clone();
            next.photo = Some(Photo {
                url,
                width: 0.0,
                height: 0.0,
            });
            next.taps.clear();
            form.set(next);
        })
    };
    let onload = {
        let form = form.clone();
        Callback::from(move |event: Event| {
            let Some(image) = event.target_dyn_into::<web_sys::HtmlImageElement>() else {
                return;
            };
            let mut next = (*form).clone();
            if let Some(photo) = &mut next.photo {
                photo.width = f64::from(image.natural_width());
                photo.height = f64::from(image.natural_height());
            }
            form.set(next);
        })
    };
    // Yew delegates events, so the event's current target is not the photo:
    // the photo's box comes from its own node.
    let onclick = {
        let form = form.clone();
        let area = area.clone();
        Callback::from(move |event: MouseEvent| {
            let Some(target) = area.cast::<web_sys::Element>() else {
                return;
            };
            // Taps before the photo's size is known could not be placed.
            let Some(photo) = form.photo.as_ref().filter(|photo| photo.width > 0.0) else {
                return;
            };
            let rect = target.get_bounding_client_rect();
            if rect.width() <= 0.0 || rect.height() <= 0.0 {
                return;
            }
            let x = (f64::from(event.client_x()) - rect.left()) / rect.width() * photo.width;
            let y = (f64::from(event.client_y()) - rect.top()) / rect.height() * photo.height;
            let mut next = (*form).clone();
            if next.taps.len() >= 2 {
                next.taps.clear();
            }
            next.taps.extend(point(x, y));
            form.set(next);
        })
    };
    let clear = {
        let form = form.clone();
        Callback::from(move |_| {
            let mut next = (*form).clone();
            next.taps.clear();
            form.set(next);
        })
    };
    let step = match form.taps.len() {
        0 => "Tap C7, the bony point at the base of the neck.",
        1 => "Now tap the tragus, the small flap in front of the ear.",
        _ => "Both points are set. Tap again to start over.",
    };
    html! {
        <div class={classes!("item", "photo-item", error.is_some().then_some("invalid"))}>
            <label for="cva-photo" class="scale-label">{ "Side photo" }</label>
            <p class="hint" id="cva-photo-hint">{ "Take or choose a photo of the client from the side, standing relaxed. The photo stays on this device and is not saved; only the two points are." }</p>
            <input id="cva-photo" type="file" accept="image/*" aria-describedby="cva-photo-hint" {onchange} />
            if let Some(photo) = &form.photo {
                <p class="tap-step" aria-live="polite">{ step }</p>
                <div class="photo-taps" ref={area.clone()} {onclick}>
                    <img src={photo.url.clone()} alt="The side photo to tap on" {onload} />
                    if photo.width > 0.0 {
                        <svg viewBox={format!("0 0 {} {}", photo.width as u32, photo.height as u32)}
                            preserveAspectRatio="none" aria-hidden="true">
                            { for form.taps.iter().enumerate().map(|(index, tap)| {
                                let radius = (photo.width.max(photo.height) / 60.0).max(2.0) as u32;
                                html! {
                                    <circle cx={(tap.x.get() as u32).to_string()} cy={(tap.y.get() as u32).to_string()}
                                        r={radius.to_string()} class={if index == 0 { "tap tap-c7" } else { "tap tap-tragus" }} />
                                }
                            }) }
                        </svg>
                    }
                </div>
                <div class="actions">
                    <button type="button" class="button" onclick={clear}>{ "Clear points" }</button>
                </div>
            }
            if let Some(error) = error { <p class="field-message" role="alert">{ error }</p> }
        </div>
    }
}
