//! `cargo xtask test`: every check and suite in order, counted, ending with
//! one `N passed, N failed` line. A step that cannot report counts (a
//! formatting check, a build) counts as one test; a suite that fails before
//! reporting counts as one failure, so a broken build can never read green.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::process::run;
use crate::size;
use crate::tools::{self, CHROMEDRIVER};

#[derive(Default, Debug, PartialEq, Eq)]
struct Tally {
    passed: usize,
    failed: usize,
}

impl Tally {
    fn add(&mut self, name: &str, passed: usize, failed: usize) {
        println!("xtask: {name}: {passed} passed, {failed} failed\n");
        self.passed += passed;
        self.failed += failed;
    }

    fn check(&mut self, name: &str, result: Result<(), String>) {
        match result {
            Ok(()) => self.add(name, 1, 0),
            Err(error) => {
                eprintln!("xtask: {error}");
                self.add(name, 0, 1);
            }
        }
    }
}

/// Runs `command`, echoing its standard output as it comes, and returns it.
fn run_echoing(command: &mut Command) -> (bool, String) {
    let Ok(mut child) = command.stdout(Stdio::piped()).spawn() else {
        return (false, String::new());
    };
    let mut text = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            text.push_str(&line);
            text.push('\n');
        }
    }
    let ok = child.wait().is_ok_and(|status| status.success());
    (ok, text)
}

/// Sums libtest's (and wasm-bindgen-test-runner's) `test result:` lines.
fn libtest_counts(output: &str) -> (usize, usize) {
    let number_before = |line: &str, word: &str| -> usize {
        line.split(';')
            .find_map(|part| part.trim().strip_suffix(word).map(str::trim))
            .and_then(|digits| digits.rsplit(' ').next()?.parse().ok())
            .unwrap_or(0)
    };
    output
        .lines()
        .filter(|line| line.starts_with("test result:"))
        .fold((0, 0), |(passed, failed), line| {
            (
                passed + number_before(line, "passed"),
                failed + number_before(line, "failed"),
            )
        })
}

fn cargo_suite(tally: &mut Tally, name: &str, command: &mut Command) {
    let (ok, output) = run_echoing(command);
    let (passed, failed) = libtest_counts(&output);
    let failed = if !ok && failed == 0 { 1 } else { failed };
    tally.add(name, passed, failed);
}

fn playwright(tally: &mut Tally, root: &Path) {
    let e2e = tools::e2e_dir(root);
    let report = root.join("target").join("playwright-report.json");
    let _ = std::fs::remove_file(&report);
    let ok = Command::new("npx")
        .args(["playwright", "test", "--reporter=list,json"])
        .current_dir(&e2e)
        .env("PATH", tools::tool_path(root))
        .env("PLAYWRIGHT_JSON_OUTPUT_NAME", &report)
        .env("STILLPOINT_DIST", root.join("dist"))
        .status()
        .is_ok_and(|status| status.success());
    let stats = std::fs::read_to_string(&report)
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .map(|json| json["stats"].clone());
    let count = |stats: &serde_json::Value, key: &str| stats[key].as_u64().unwrap_or(0) as usize;
    match stats {
        Some(stats) => {
            let passed = count(&stats, "expected") + count(&stats, "flaky");
            let failed = count(&stats, "unexpected") + count(&stats, "skipped");
            let failed = if !ok && failed == 0 { 1 } else { failed };
            tally.add("playwright", passed, failed);
        }
        None => tally.add("playwright", 0, 1),
    }
}

/// The engines the cross-engine suite (`tests/e2e/engines`) runs in, as
/// its `ENGINE` variable names them, each with the name the tally shows.
const ENGINES: [(&str, &str); 2] = [
    ("webkit", "cross-engine suite (WebKitGTK under Xvfb)"),
    ("firefox", "cross-engine suite (Firefox ESR, headless)"),
];

/// Sums node's TAP summary (`# pass N`, `# fail N`, …): cancelled, skipped
/// and todo tests count as failures, as in the Playwright tally; `None`
/// without a summary (the runner ended before reporting).
fn tap_counts(tap: &str) -> Option<(usize, usize)> {
    let count = |key: &str| {
        tap.lines().find_map(|line| {
            line.strip_prefix("# ")?
                .strip_prefix(key)?
                .trim()
                .parse()
                .ok()
        })
    };
    let passed = count("pass ")?;
    let failed = ["fail ", "cancelled ", "skipped ", "todo "]
        .iter()
        .filter_map(|key| count(key))
        .sum();
    Some((passed, failed))
}

/// The cross-engine suite in one engine, through node's own test runner:
/// the spec reporter to the console, TAP to a file it is counted from.
fn engine_suite(tally: &mut Tally, root: &Path, engine: &str, name: &str) {
    let tap = root.join("target").join(format!("engines-{engine}.tap"));
    let _ = std::fs::remove_file(&tap);
    let ok = Command::new("node")
        .args([
            // Each flow has its own time limit (a whole-file one would
            // cancel a slow but correct run on a busy machine).
            "--test",
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
            "--test-reporter=tap",
        ])
        .arg(format!("--test-reporter-destination={}", tap.display()))
        .arg("engines/engines.test.mjs")
        .current_dir(tools::e2e_dir(root))
        .env("PATH", tools::tool_path(root))
        .env("STILLPOINT_DIST", root.join("dist"))
        .env("ENGINE", engine)
        .status()
        .is_ok_and(|status| status.success());
    match std::fs::read_to_string(&tap)
        .ok()
        .as_deref()
        .and_then(tap_counts)
    {
        Some((passed, failed)) => {
            let failed = if !ok && failed == 0 { 1 } else { failed };
            tally.add(name, passed, failed);
        }
        None => tally.add(name, 0, 1),
    }
}

/// The whole suite. Returns an error (non-zero exit) if anything failed.
pub fn run_all(root: &Path) -> Result<(), String> {
    tools::ensure_test_tools(root)?;
    let cargo = || {
        let mut command = Command::new("cargo");
        command
            .current_dir(root)
            .env("PATH", tools::tool_path(root));
        command
    };
    let mut tally = Tally::default();

    tally.check(
        "cargo fmt --check",
        run(
            cargo().args(["fmt", "--all", "--", "--check"]),
            "cargo fmt --check",
        ),
    );
    tally.check(
        "clippy (native)",
        run(
            cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            "cargo clippy",
        ),
    );
    tally.check(
        "clippy (wasm: ui, tablet, phone)",
        run(
            cargo().args([
                "clippy",
                "--package",
                "stillpoint-ui",
                "--package",
                "stillpoint-tablet",
                "--package",
                "stillpoint-phone",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
            "cargo clippy (wasm)",
        ),
    );
    cargo_suite(
        &mut tally,
        "native tests",
        cargo().args(["test", "--workspace"]),
    );
    cargo_suite(
        &mut tally,
        "browser tests (wasm-bindgen-test, headless Chromium)",
        cargo()
            .args([
                "test",
                "--package",
                "stillpoint-ui",
                "--target",
                "wasm32-unknown-unknown",
                "--tests",
            ])
            .env("CHROMEDRIVER", CHROMEDRIVER),
    );
    let build = tools::release_build(root);
    let built = build.is_ok();
    tally.check("release build", build);
    if built {
        tally.check(
            "size budget",
            size::report(&root.join("dist"), root).map(drop),
        );
        playwright(&mut tally, root);
        for (engine, name) in ENGINES {
            engine_suite(&mut tally, root, engine, name);
        }
    } else {
        tally.add(
            "size budget, playwright and the cross-engine suite (need the release build)",
            0,
            1,
        );
    }

    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed == 0 {
        Ok(())
    } else {
        Err(format!("{} failed", tally.failed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_every_test_result_line() {
        let output = "running 3 tests\n\
            test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
            test result: FAILED. 5 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out\n\
            not a result line: 9 passed; 9 failed\n";
        assert_eq!(libtest_counts(output), (8, 2));
    }

    #[test]
    fn counts_nodes_tap_summary_and_a_missing_one() {
        let tap = "TAP version 13\nok 1 - WebKit: first load\n1..9\n# tests 9\n# suites 0\n\
            # pass 6\n# fail 1\n# cancelled 1\n# skipped 1\n# todo 0\n# duration_ms 9.5\n";
        assert_eq!(tap_counts(tap), Some((6, 3)));
        assert_eq!(tap_counts("TAP version 13\nnot ok 1 - crashed\n"), None);
    }

    #[test]
    fn a_failed_check_counts_as_one_failure() {
        let mut tally = Tally::default();
        tally.check("ok", Ok(()));
        tally.check("broken", Err("boom".into()));
        assert_eq!(
            tally,
            Tally {
                passed: 1,
                failed: 1
            }
        );
    }
}
