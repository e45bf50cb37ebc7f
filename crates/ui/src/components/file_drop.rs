//! A file picker that also takes a dropped file, or the file the system
//! opened the app with: export files on the Sync page, and the plan and
//! diary files a client or therapist opens. The picked file's name and
//! bytes go to the page, which hands them to core; an export file goes to
//! the page unread, for the sync worker to read.

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::platform;

/// A picked file's name and bytes, or why it could not be read.
pub type ReadFile = (String, Result<Vec<u8>, String>);

/// Properties of [`FileDrop`].
#[derive(Properties, PartialEq)]
pub struct FileDropProps {
    /// Element id of the file input (its label is the visible button).
    pub id: AttrValue,
    /// What to drop, e.g. "Drop the diary file here, or".
    pub prompt: AttrValue,
    /// The button's words, e.g. "Choose the diary file…".
    pub button: AttrValue,
    /// The file types offered by the picker.
    #[prop_or(AttrValue::Static(".json,application/json"))]
    pub accept: AttrValue,
    /// While true, no file is taken (work on the last one is running).
    #[prop_or_default]
    pub busy: bool,
    /// Called with the file's name and bytes, or with why it could not be
    /// read.
    #[prop_or_default]
    pub on_file: Option<Callback<ReadFile>>,
    /// Called instead with the file itself, unread: a practice's export
    /// (tens of megabytes) goes to the sync worker as it is, never copied
    /// through the page's memory (BENCHMARKS.md, issue 14).
    #[prop_or_default]
    pub on_unread_file: Option<Callback<web_sys::File>>,
    /// Whether this picker also takes the file the operating system opened
    /// the app with (the manifest's `file_handlers`): set on the one picker
    /// of the page a file handler's `action` opens.
    #[prop_or_default]
    pub takes_launched_files: bool,
    /// Shown inside the zone under the button (e.g. the file's name).
    #[prop_or_default]
    pub children: Html,
}

/// A drop zone with a "Choose…" button over a hidden file input.
#[function_component(FileDrop)]
pub fn file_drop(props: &FileDropProps) -> Html {
    let dragging = use_state(|| false);
    let take = {
        let (on_file, on_unread_file) = (props.on_file.clone(), props.on_unread_file.clone());
        let busy = props.busy;
        Callback::from(move |picked: web_sys::File| {
            if busy {
                return;
            }
            if let Some(on_unread_file) = &on_unread_file {
                return on_unread_file.emit(picked);
            }
            let Some(on_file) = on_file.clone() else {
                return;
            };
            spawn_local(async move {
                let bytes = platform::read_file(&picked).await;
                on_file.emit((picked.name(), bytes));
            });
        })
    };
    {
        let take = take.clone();
        use_effect_with(props.takes_launched_files, move |takes| {
            if *takes {
                platform::take_launched_files(move |file| take.emit(file));
            }
        });
    }
    let onchange = {
        let take = take.clone();
        Callback::from(move |event: Event| {
            let input = event.target_dyn_into::<web_sys::HtmlInputElement>();
            if let Some(picked) = input
                .as_ref()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0))
            {
                take.emit(picked);
            }
            if let Some(input) = input {
                input.set_value("");
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            if let Some(picked) = event
                .data_transfer()
                .and_then(|data| data.files())
                .and_then(|files| files.get(0))
            {
                take.emit(picked);
            }
        })
    };
    html! {
        <div class={classes!("drop-zone", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
            <p>{ props.prompt.clone() }</p>
            <label class="button" for={props.id.clone()}>{ props.button.clone() }</label>
            <input id={props.id.clone()} class="visually-hidden" type="file" accept={props.accept.clone()}
                disabled={props.busy} {onchange} />
            { props.children.clone() }
        </div>
    }
}
