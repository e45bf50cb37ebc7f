//! The progress bar of an export or import job.

use stillpoint_core::sync::sync_job::SyncStage;
use yew::prelude::*;

/// Properties of [`JobProgress`].
#[derive(Properties, PartialEq)]
pub struct JobProgressProps {
    /// The stage reached, or `None` when nothing runs.
    pub stage: Option<SyncStage>,
}

/// A labelled `<progress>` with the stage in words; nothing when idle.
#[function_component(JobProgress)]
pub fn job_progress(props: &JobProgressProps) -> Html {
    let Some(stage) = props.stage else {
        return html! {};
    };
    html! {
        <div class="job-progress" role="status">
            <label for="job-progress-bar">{ stage.describe() }</label>
            // Without a value the bar moves on its own (indeterminate).
            <progress id="job-progress-bar" max="100" value={stage.percent().map(|percent| percent.to_string())} />
        </div>
    }
}
