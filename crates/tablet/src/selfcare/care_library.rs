//! The therapist's self-care library: the built-in items (editable, with
//! the original always restorable) and their own items (added, edited,
//! removed). Plans copy an item when it is added, so a change here never
//! alters a plan already given.

use stillpoint_core::selfcare::care_item::{CareItemField, CareItemInput};
use stillpoint_core::selfcare::library::{by_category, LibraryEntry, LibraryKey};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::routes::Route;
use stillpoint_ui::action_runner::{use_action_runner, ActionRunner};
use stillpoint_ui::components::care_item_fields::{set_field, CareItemFields};
use stillpoint_ui::components::icons::{Icon, IconView};
use stillpoint_ui::context::{use_app, AppContext};
use stillpoint_ui::hooks::{edit, Edit, FormInput};
use stillpoint_ui::refusal::worded;
use stillpoint_ui::selfcare::SelfCareEvent;
use stillpoint_ui::state::{Action, Notice};

/// What the editor is open on: a new item (`None`) or a library entry.
type Editing = Option<Option<LibraryKey>>;

/// The library page.
#[function_component(CareLibraryPage)]
pub fn care_library_page() -> Html {
    let app = use_app();
    let editing = use_state(|| None as Editing);
    let form = use_reducer(FormInput::<CareItemInput>::default);
    let problems = use_state(Vec::<(CareItemField, String)>::new);
    let entries = app.state.selfcare.entries();
    let runner = use_action_runner();

    let open = |key: Option<LibraryKey>, input: CareItemInput| {
        let editing = editing.clone();
        let form = form.clone();
        let problems = problems.clone();
        Callback::from(move |_: MouseEvent| {
            let input = input.clone();
            form.dispatch(Edit::new(move |held| *held = input));
            problems.set(Vec::new());
            editing.set(Some(key.clone()));
        })
    };

    let back = html! {
        <Link<Route> to={Route::Settings} classes="back-link">
            <IconView icon={Icon::Back} /><span>{ "Settings" }</span>
        </Link<Route>>
    };

    if let Some(key) = (*editing).clone() {
        let cancel = {
            let editing = editing.clone();
            Callback::from(move |_| editing.set(None))
        };
        let onsubmit = {
            let (app, runner) = (app.clone(), runner.clone());
            let form = form.clone();
            let problems = problems.clone();
            let editing = editing.clone();
            let key = key.clone();
            Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                let (services, input, key) = (app.services.clone(), form.0.clone(), key.clone());
                let records = app.state.selfcare.library.clone();
                let (problems, editing) = (problems.clone(), editing.clone());
                runner.run(
                    async move {
                        services
                            .save_library_item(&records, key.as_ref(), &input)
                            .await
                    },
                    move |app, record| {
                        app.dispatch(Action::SelfCare(SelfCareEvent::LibraryStored(vec![record])));
                        app.dispatch(Action::Notify(Notice::Saved("Library item saved.".into())));
                        editing.set(None);
                    },
                    move |found| problems.set(worded(found)),
                );
            })
        };
        let title = match &key {
            None => "Your own item",
            Some(LibraryKey::Builtin(_)) => "Your version of a built-in item",
            Some(LibraryKey::Own(_)) => "Edit your item",
        };
        return html! {
            <form class="page care-library" novalidate=true {onsubmit} aria-labelledby="library-form-title">
                { back }
                <h1 id="library-form-title">{ title }</h1>
                if matches!(key, Some(LibraryKey::Builtin(_))) {
                    <p class="muted">{ "The original text stays in the app: \"Restore original\" brings it back." }</p>
                }
                <CareItemFields id="library-item" item={form.0.clone()} errors={(*problems).clone()}
                    on_change={edit(&form, |item: &mut CareItemInput, (field, text)| set_field(item, field, text))} />
                <div class="actions bottom-actions">
                    <button type="button" class="button" onclick={cancel}>{ "Cancel" }</button>
                    <button type="submit" class="button primary">{ "Save item" }</button>
                </div>
            </form>
        };
    }

    html! {
        <div class="page care-library">
            { back }
            <h1>{ "Self-care library" }</h1>
            <p class="muted">{ "Items you add to a client's plan are copied into it, so changes here never alter a plan already given." }</p>
            { for by_category(&entries).into_iter().map(|(category, group)| {
                html! {
                    <section class="library-group">
                        <h2>{ category.to_string() }</h2>
                        <ul class="library-manage">
                            { for group.into_iter().map(|entry| library_row(&app, &runner, entry, open(Some(entry.key.clone()), entry.item.to_input()))) }
                        </ul>
                    </section>
                }
            }) }
            <div class="actions bottom-actions">
                <button type="button" class="button primary" onclick={open(None, CareItemInput::default())}>
                    { "Add your own item" }
                </button>
            </div>
        </div>
    }
}

/// One entry with its actions: edit, and restore (an edited built-in item)
/// or remove (the therapist's own).
fn library_row(
    app: &AppContext,
    runner: &ActionRunner,
    entry: &LibraryEntry,
    on_edit: Callback<MouseEvent>,
) -> Html {
    let title = entry.item.title().to_owned();
    let remove = |done: &'static str| {
        let (app, runner) = (app.clone(), runner.clone());
        let key = entry.key.clone();
        Callback::from(move |_| {
            let (services, key) = (app.services.clone(), key.clone());
            let records = app.state.selfcare.library.clone();
            runner.run_action(
                async move { services.remove_library_item(&records, &key).await },
                move |app, removed| {
                    app.dispatch(Action::SelfCare(SelfCareEvent::LibraryStored(removed)));
                    app.dispatch(Action::Notify(Notice::Saved(done.into())));
                },
            );
        })
    };
    let (badge, undo) = match &entry.key {
        LibraryKey::Builtin(_) if entry.edited => (
            Some("Edited"),
            Some(html! {
                <button type="button" class="button" aria-label={format!("Restore original of {title}")}
                    onclick={remove("Original text restored.")}>{ "Restore original" }</button>
            }),
        ),
        LibraryKey::Builtin(_) => (None, None),
        LibraryKey::Own(_) => (
            Some("Your own"),
            Some(html! {
                <button type="button" class="button danger-outline" aria-label={format!("Remove {title}")}
                    onclick={remove("Item removed from the library.")}>{ "Remove" }</button>
            }),
        ),
    };
    html! {
        <li class="library-entry">
            <div class="library-text">
                <p class="library-title">
                    { title.clone() }
                    if let Some(badge) = badge { <span class="status-badge">{ badge }</span> }
                </p>
                <p class="muted">{ entry.item.schedule().to_string() }
                    if !entry.item.how_long().is_empty() { { format!(" · {}", entry.item.how_long()) } }</p>
            </div>
            <div class="actions start">
                <button type="button" class="button" aria-label={format!("Edit {title}")} onclick={on_edit}>{ "Edit" }</button>
                { undo.unwrap_or_default() }
            </div>
        </li>
    }
}
