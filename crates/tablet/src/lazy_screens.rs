//! Screens a therapist does not open in a day of sessions are not part of the tablet's first
//! load: practice outcomes, the instrument builder, the self-care library, the screening rules,
//! the printable record, settings (with the rule builder), sync by file, a client's diary
//! files, and what is opened now and then for one client: the treatment plan, the progress
//! charts, the self-care plan, a new intake and an intake as signed. Each is a split point, and
//! `cargo xtask build` cuts the code only it reaches into a chunk of its own that the page
//! fetches the first time the screen opens (`xtask/src/tablet_wasm.rs`). The service worker
//! precaches the chunks with the rest of the app, so they open offline.
//!
//! How the cut works: a split point is a pair of symbols the splitter
//! (`wasm_split_cli_support`, run by xtask between cargo and wasm-bindgen) finds by name. The
//! screen's body is exported as `__wasm_split_00<chunk>00_export_<id>`; the app calls it only
//! through the import `__wasm_split_00<chunk>00_import_<id>`, after
//! `__wasm_split_load_<chunk>` has fetched and instantiated the chunk. The splitter moves every
//! function the export alone reaches into the chunk and links the import to it. Without the
//! splitter (the native checks, `cargo test`) nothing calls these symbols.
//!
//! Why a macro of ours rather than `wasm_split_helpers::wasm_split`: that attribute names the
//! `leptos` crate in what it expands to and imports from Leptos's own loader path. The names
//! below follow the splitter's contract instead, with the import module it rewrites to the
//! loader it writes (`__wasm_split_placeholder__`).
//!
//! This is the one module allowed `unsafe`: calling a function the linker only sees as an
//! import is `unsafe` in Rust, though here both sides are this crate's own code.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::mem::{discriminant, Discriminant};
use std::rc::Rc;

use stillpoint_core::clients::client::Client;
use stillpoint_core::clinical::intake::Intake;
use stillpoint_ui::service_worker::reload;
use wasm_split_helpers::{ensure_loaded, LazySplitLoader, LoadCallbackFn};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::clients::client_print::ClientPrint;
use crate::clinical::client_screen::ClinicalProps;
use crate::clinical::intake_form::IntakeForm;
use crate::clinical::intake_view::intake_view;
use crate::clinical::screening_rules::ScreeningRulesPage;
use crate::outcomes::custom_instrument::CustomInstrumentPage;
use crate::outcomes::plan::PlanPage;
use crate::outcomes::practice::PracticePage;
use crate::outcomes::progress::ProgressPage;
use crate::selfcare::care_library::CareLibraryPage;
use crate::selfcare::care_plan::CarePlanPage;
use crate::selfcare::diary_import::DiaryPage;
use crate::settings::settings_page::SettingsPage;
use crate::sync::sync_page::SyncPage;

/// Declares one split point: an `async fn` that loads `chunk` on first use and then returns
/// what `body` renders, or `None` when the chunk could not be fetched. `id` is the 32 hex
/// digits the splitter pairs the import and the export by; each split point has its own.
macro_rules! split_point {
    ($(#[$meta:meta])* fn $name:ident($($arg:ident: $ty:ty),*) in $chunk:literal as $id:literal $body:block) => {
        $(#[$meta])*
        async fn $name($($arg: $ty),*) -> Option<Html> {
            #[link(wasm_import_module = "__wasm_split_placeholder__")]
            unsafe extern "C" {
                #[link_name = concat!("__wasm_split_load_", $chunk)]
                fn load(callback: LoadCallbackFn, data: *const c_void);
                #[allow(improper_ctypes)]
                #[link_name = concat!("__wasm_split_00", $chunk, "00_import_", $id)]
                fn split_import($($arg: $ty),*) -> Html;
            }
            #[allow(improper_ctypes_definitions)]
            #[export_name = concat!("__wasm_split_00", $chunk, "00_export_", $id)]
            extern "C" fn split_export($($arg: $ty),*) -> Html $body
            thread_local! {
                static LOADER: LazySplitLoader = LazySplitLoader::new(load);
            }
            ensure_loaded(&LOADER).await?;
            // SAFETY: the splitter links this import to `split_export` above, in the chunk
            // `ensure_loaded` has just instantiated; both are this crate's code with one
            // signature.
            Some(unsafe { split_import($($arg),*) })
        }
    };
}

split_point! {
    /// Practice outcomes across every client.
    fn practice_outcomes() in "practice_outcomes" as "a0c2b7e4f1d94e3c8b6a5f7e9d1c3b20" {
        html! { <PracticePage /> }
    }
}

split_point! {
    /// The builder for an instrument of the practice's own.
    fn new_instrument() in "new_instrument" as "b1d3c8f5e2a04f4d9c7b6e8f0a2d4c31" {
        html! { <CustomInstrumentPage /> }
    }
}

split_point! {
    /// The self-care library.
    fn care_library() in "care_library" as "c2e4d9a6f3b15a5e8d8c7f9a1b3e5d42" {
        html! { <CareLibraryPage /> }
    }
}

split_point! {
    /// Every screening rule, built in and the practice's own, with its source.
    fn screening_rules() in "screening_rules" as "d3f5ea07a4c26b6f9e9d8a0b2c4f6e53" {
        html! { <ScreeningRulesPage /> }
    }
}

split_point! {
    /// A client's whole record laid out for paper.
    fn print_record(props: Rc<ClinicalProps>) in "print_record" as "e4a6fb18b5d37c7a0fae9b1c3d5a7f64" {
        html! { <ClientPrint client={props.client.clone()} records={props.records.clone()} /> }
    }
}

split_point! {
    /// The settings: PIN and lock, the device's name, clinic sync, the practice's own rules.
    fn settings() in "settings" as "f5b70c29c6e48d8b1a0fac2d4e6b8a75" {
        html! { <SettingsPage /> }
    }
}

split_point! {
    /// Sync by file: export, import and its preview.
    fn sync() in "sync" as "a6c81d3ad7f59e9c2b1a0d3e5f7c9b86" {
        html! { <SyncPage /> }
    }
}

split_point! {
    /// A client's diary files from their phone.
    fn client_diary(id: AttrValue) in "client_diary" as "b7d92e4be8a60fad3c2b1e4f6a8d0c97" {
        html! { <DiaryPage {id} /> }
    }
}

split_point! {
    /// One client's treatment plan and its goals.
    fn treatment_plan(client: Rc<Client>) in "treatment_plan" as "c8ea3f5cf9b71abe4d3c2f5a7b9e1da8" {
        html! { <PlanPage client={Client::clone(&client)} /> }
    }
}

split_point! {
    /// One client's progress charts.
    fn progress(client: Rc<Client>) in "progress" as "d9fb406d0ac82bcf5e4d3a6b8c0f2eb9" {
        html! { <ProgressPage client={Client::clone(&client)} /> }
    }
}

split_point! {
    /// One client's self-care plan and its composer.
    fn care_plan(client: Rc<Client>) in "care_plan" as "eaa0517e1bd93cd06f5e4b7c9d1a3fca" {
        html! { <CarePlanPage client={Client::clone(&client)} /> }
    }
}

split_point! {
    /// A new intake: health history, consent and the rest, for a new client or a yearly renewal.
    fn new_intake(props: Rc<ClinicalProps>) in "new_intake" as "fbb1628f2cea4de17a6f5c8d0e2b4adb" {
        html! { <IntakeForm client={props.client.clone()} records={props.records.clone()} /> }
    }
}

split_point! {
    /// One intake as it was signed.
    fn intake(client: Rc<Client>, intake: Rc<Intake>) in "intake" as "0cc273904d3b5ef28b7a6d9e1f3c5bec" {
        intake_view(&client, &intake)
    }
}

/// A screen that is loaded on first use.
#[derive(Clone, PartialEq)]
pub enum LazyPage {
    /// Practice outcomes.
    PracticeOutcomes,
    /// The instrument builder.
    NewInstrument,
    /// The self-care library.
    CareLibrary,
    /// The screening rules.
    ScreeningRules,
    /// One client's printable record.
    PrintRecord(Rc<ClinicalProps>),
    /// The settings.
    Settings,
    /// Sync by file.
    Sync,
    /// One client's diary files, by the client's id as the address has it.
    ClientDiary(AttrValue),
    /// One client's treatment plan.
    TreatmentPlan(Rc<Client>),
    /// One client's progress charts.
    Progress(Rc<Client>),
    /// One client's self-care plan.
    CarePlan(Rc<Client>),
    /// A new intake for one client.
    NewIntake(Rc<ClinicalProps>),
    /// One client's intake.
    Intake(Rc<Client>, Rc<Intake>),
}

impl LazyPage {
    /// The screen's page, once its chunk is loaded.
    async fn load(self) -> Option<Html> {
        match self {
            Self::PracticeOutcomes => practice_outcomes().await,
            Self::NewInstrument => new_instrument().await,
            Self::CareLibrary => care_library().await,
            Self::ScreeningRules => screening_rules().await,
            Self::PrintRecord(props) => print_record(props).await,
            Self::Settings => settings().await,
            Self::Sync => sync().await,
            Self::ClientDiary(id) => client_diary(id).await,
            Self::TreatmentPlan(client) => treatment_plan(client).await,
            Self::Progress(client) => progress(client).await,
            Self::CarePlan(client) => care_plan(client).await,
            Self::NewIntake(props) => new_intake(props).await,
            Self::Intake(client, record) => intake(client, record).await,
        }
    }
}

/// Properties of [`LazyScreen`].
#[derive(Properties, PartialEq)]
pub struct LazyScreenProps {
    /// The screen to show.
    pub screen: LazyPage,
}

/// Where a screen loaded on first use stands, with the kind of screen it stands for: a change of
/// props (fresher records) keeps the page shown until its new version is ready, so what the
/// page holds is kept; another kind of screen shows nothing of the last one.
enum Loaded {
    Waiting,
    Shown(Discriminant<LazyPage>, Html),
    Failed(Discriminant<LazyPage>),
}

/// Shows a screen loaded on first use: a quiet "Opening…" while its chunk arrives (shown only if
/// that takes a moment, see `.lazy-waiting` in the styles), then the screen. The chunks are
/// precached with the app, so this works offline; a failed fetch says so in plain words and
/// offers Reload, since the loader keeps a failure until the page loads again.
#[function_component(LazyScreen)]
pub fn lazy_screen(props: &LazyScreenProps) -> Html {
    let loaded = use_state(|| Loaded::Waiting);
    // Only the last screen asked for may be shown: an earlier one may arrive after it.
    let asked = use_mut_ref(|| 0_u64);
    {
        let loaded = loaded.clone();
        use_effect_with(props.screen.clone(), move |screen| {
            let screen = screen.clone();
            let this = {
                let mut asked = asked.borrow_mut();
                *asked += 1;
                *asked
            };
            spawn_local(async move {
                let kind = discriminant(&screen);
                let outcome = match screen.load().await {
                    Some(page) => Loaded::Shown(kind, page),
                    None => Loaded::Failed(kind),
                };
                if *asked.borrow() == this {
                    loaded.set(outcome);
                }
            });
        });
    }
    let kind = discriminant(&props.screen);
    match &*loaded {
        Loaded::Shown(shown, page) if *shown == kind => page.clone(),
        Loaded::Failed(failed) if *failed == kind => html! {
            <div class="page" role="alert">
                <h1>{ "This screen could not be opened" }</h1>
                <p>{ "Part of the app it needs is not on this device yet. Connect to the internet once and reload the page; after that it works offline." }</p>
                <div class="actions">
                    <button type="button" class="button primary" onclick={Callback::from(|_| reload())}>{ "Reload" }</button>
                </div>
            </div>
        },
        _ => html! {
            <div class="page"><p class="muted lazy-waiting" aria-busy="true">{ "Opening…" }</p></div>
        },
    }
}
