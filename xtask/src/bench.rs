//! `cargo xtask bench`: the browser benchmarks at practice scale (issue 7).
//! Builds the release app, generates the synthetic practice with the CLI,
//! runs `tests/e2e/bench/` in headless Chromium through its own Playwright
//! config (the test run never picks it up), and prints each median beside
//! its baseline and goal. Timing figures vary with the machine's load, so it
//! is not part of `cargo xtask test`; BENCHMARKS.md records its results.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::process::run;
use crate::tools;

/// The practice the benchmarks load: 1,000 clients over 30,000 sessions.
const PRACTICE: [&str; 6] = ["--clients", "1000", "--sessions", "30000", "--seed", "1"];

/// Builds the release app and writes a synthetic practice of `size` to
/// `target/bench/<name>`; returns the folder and the file.
fn build_and_generate(
    root: &Path,
    name: &str,
    size: &[&str],
) -> Result<(std::path::PathBuf, std::path::PathBuf), String> {
    tools::ensure_test_tools(root)?;
    run(
        tools::trunk(root).args(["build", "--release"]),
        "trunk build --release",
    )?;
    let out = root.join("target").join("bench");
    std::fs::create_dir_all(&out).map_err(|error| format!("creating {out:?}: {error}"))?;
    let practice = out.join(name);
    run(
        Command::new("cargo")
            .args([
                "run",
                "--release",
                "--package",
                "stillpoint-cli",
                "--",
                "generate",
            ])
            .args(size)
            .arg("--output")
            .arg(&practice)
            .current_dir(root),
        "stillpoint generate",
    )?;
    Ok((out, practice))
}

/// Playwright on the specs of `tests/e2e/bench/` whose file name holds
/// `filter`, against the release build.
fn bench_specs(root: &Path, filter: &str) -> Command {
    let mut command = Command::new("npx");
    command
        .args([
            "playwright",
            "test",
            "--config",
            "bench.config.mjs",
            "--reporter=list",
            filter,
        ])
        .current_dir(tools::e2e_dir(root))
        .env("PATH", tools::tool_path(root))
        .env("STILLPOINT_DIST", root.join("dist"));
    command
}

/// Builds, generates, runs and reports.
pub fn run_all(root: &Path) -> Result<(), String> {
    let (out, practice) = build_and_generate(root, "practice.json", &PRACTICE)?;
    let results = out.join("browser.json");
    let _ = std::fs::remove_file(&results);
    run(
        bench_specs(root, "practice")
            .env("STILLPOINT_PRACTICE", &practice)
            .env("STILLPOINT_BENCH_OUT", &results),
        "browser benchmarks",
    )?;
    let text = std::fs::read_to_string(&results)
        .map_err(|error| format!("reading {results:?}: {error}"))?;
    let json: Value =
        serde_json::from_str(&text).map_err(|error| format!("reading {results:?}: {error}"))?;
    println!("\n{}", summary(&json));
    println!("All runs: {}", results.display());
    Ok(())
}

/// One measured figure beside its baseline, with the goal if any.
struct Pair {
    what: &'static str,
    measured: &'static str,
    baseline: &'static str,
    goal: Option<f64>,
}

const PAIRS: [Pair; 4] = [
    Pair {
        what: "start to interactive offline: full practice vs empty",
        measured: "start_full_ms",
        baseline: "start_empty_ms",
        goal: Some(1.2),
    },
    Pair {
        what: "import + merge of the full export vs JSON.parse",
        measured: "import_total_ms",
        baseline: "json_parse_ms",
        goal: Some(3.0),
    },
    Pair {
        what: "re-import into the full practice vs JSON.parse",
        measured: "reimport_ms",
        baseline: "json_parse_ms",
        goal: None,
    },
    Pair {
        what: "IndexedDB write of the import vs plain put loop",
        measured: "import_write_ms",
        baseline: "plain_put_ms",
        goal: Some(1.3),
    },
];

/// The results as a table: medians, ratios, goals met or not.
fn summary(results: &Value) -> String {
    let number = |key: &str| results[key].as_f64().unwrap_or(f64::NAN);
    let mut lines = vec![format!(
        "Browser benchmarks: medians of {} runs, {} records, busiest client {} sessions",
        number("runs"),
        number("records"),
        number("busiest_client_sessions"),
    )];
    for pair in &PAIRS {
        let (measured, baseline) = (number(pair.measured), number(pair.baseline));
        let ratio = measured / baseline;
        let goal = match pair.goal {
            Some(goal) if ratio <= goal => format!("goal ≤ {goal}×: met"),
            Some(goal) => format!("goal ≤ {goal}×: NOT met"),
            None => String::new(),
        };
        lines.push(format!(
            "{:<54} {measured:>10.0} ms vs {baseline:>8.0} ms = {ratio:>6.2}×  {goal}",
            pair.what
        ));
    }
    lines.push(format!(
        "{:<54} {:>10.0} ms",
        "open the busiest client (session list shown)",
        number("open_client_ms")
    ));
    lines.push(format!(
        "{:<54} {:>10.0} ms",
        "then draw their progress charts",
        number("draw_progress_ms")
    ));
    lines.push(format!(
        "{:<54} {:>10.0} ms",
        "open the practice outcomes report (every measure)",
        number("practice_report_ms")
    ));
    lines.push(format!(
        "{:<54} {:>10.1} MB (wasm memory {:.1} MB)",
        "peak JS heap with the full practice open",
        number("peak_js_heap_bytes") / 1e6,
        number("wasm_memory_bytes") / 1e6
    ));
    let isolate = |who: &str, part: &str| {
        results["import_peak_isolate_bytes"][format!("{who}_{part}")]
            .as_f64()
            .unwrap_or(f64::NAN)
            / 1e6
    };
    let verdict = |megabytes: f64| if megabytes <= 512.0 { "met" } else { "NOT met" };
    let mut held = 0.0;
    let mut parts = Vec::new();
    for who in ["page", "worker"] {
        let (heap, buffers, wasm) = (
            isolate(who, "js_heap"),
            isolate(who, "buffers"),
            isolate(who, "wasm"),
        );
        held += heap + buffers + wasm;
        parts.push(format!(
            "{who}: JS heap {heap:.0} + buffers {buffers:.0} + wasm {wasm:.0}"
        ));
    }
    lines.push(format!(
        "{:<54} {held:>10.0} MB  ≤ 512 MB: {} ({})",
        "the import's JS heaps, buffers and wasm, each at its peak",
        verdict(held),
        parts.join("; ")
    ));
    let process = |key: &str| results[key]["renderer"].as_f64().unwrap_or(f64::NAN) / 1e6;
    let renderer = process("import_peak_pss_by_process_bytes");
    lines.push(format!(
        "{:<54} {renderer:>10.0} MB  ≤ 512 MB: {} (idle {:.0} MB)",
        "peak memory (PSS) of the tab's process (page and worker)",
        verdict(renderer),
        process("idle_pss_by_process_bytes"),
    ));
    let peak = number("import_peak_browser_pss_bytes") / 1e6;
    lines.push(format!(
        "{:<54} {peak:>10.0} MB  ≤ 512 MB: {} (idle browser {:.0} MB)",
        "peak memory (PSS) of the whole browser during the import",
        verdict(peak),
        number("idle_browser_pss_bytes") / 1e6,
    ));
    lines.join("\n")
}

/// `cargo xtask reliability`: kills the browser at random moments while an
/// import is written (`tests/e2e/bench/kill.bench.mjs`) and while a note is
/// signed (`kill-sign.bench.mjs`), and counts records found half-written
/// afterwards, which must be none.
pub fn reliability(root: &Path) -> Result<(), String> {
    let (out, file) = build_and_generate(
        root,
        "kill-practice.json",
        &["--clients", "60", "--sessions", "1500", "--seed", "3"],
    )?;
    run(
        bench_specs(root, "kill")
            .env("STILLPOINT_KILL_FILE", &file)
            .env("STILLPOINT_BENCH_OUT", out.join("kill.json"))
            .env("STILLPOINT_BENCH_OUT_SIGN", out.join("kill-sign.json")),
        "kill mid-import and mid-signing",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_gives_ratios_and_judges_goals() {
        let results = serde_json::json!({
            "runs": 5, "records": 100, "busiest_client_sessions": 200,
            "start_full_ms": 110.0, "start_empty_ms": 100.0,
            "import_total_ms": 4000.0, "json_parse_ms": 1000.0,
            "reimport_ms": 2000.0,
            "import_write_ms": 120.0, "plain_put_ms": 100.0,
            "open_client_ms": 50.0, "draw_progress_ms": 20.0,
            "peak_js_heap_bytes": 5e7, "wasm_memory_bytes": 3e7,
            "import_peak_browser_pss_bytes": 6e8, "idle_browser_pss_bytes": 2e8,
            "import_peak_pss_by_process_bytes": { "renderer": 3e8, "browser": 2e8 },
            "idle_pss_by_process_bytes": { "renderer": 1e8, "browser": 1e8 },
            "import_peak_isolate_bytes": {
                "page_js_heap": 1e7, "page_buffers": 5e7, "page_wasm": 6e7,
                "worker_js_heap": 1e6, "worker_buffers": 5.8e7, "worker_wasm": 2.1e8,
            },
        });
        let text = summary(&results);
        assert!(text.contains("medians of 5 runs"), "{text}");
        assert!(text.contains("1.10×  goal ≤ 1.2×: met"), "{text}");
        assert!(text.contains("4.00×  goal ≤ 3×: NOT met"), "{text}");
        assert!(text.contains("1.20×  goal ≤ 1.3×: met"), "{text}");
        assert!(text.contains("50.0 MB (wasm memory 30.0 MB)"), "{text}");
        assert!(
            text.contains("389 MB  ≤ 512 MB: met (page: JS heap 10 + buffers 50 + wasm 60; worker: JS heap 1 + buffers 58 + wasm 210)"),
            "{text}"
        );
        assert!(
            text.contains("300 MB  ≤ 512 MB: met (idle 100 MB)"),
            "{text}"
        );
        assert!(
            text.contains("600 MB  ≤ 512 MB: NOT met (idle browser 200 MB)"),
            "{text}"
        );
    }
}
