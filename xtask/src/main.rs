//! Developer commands for Stillpoint. Run through the cargo alias:
//!
//! - `cargo xtask serve`: install what is missing, build both entries (the
//!   tablet and the client's phone app), serve `dist/` on 127.0.0.1:8080.
//! - `cargo xtask test`: install what is missing, then every check and test
//!   suite; ends with one `N passed, N failed` line.
//! - `cargo xtask build`: a release build of both entries in `dist/` (the
//!   phone app in `dist/phone/`) plus their size report.
//! - `cargo xtask bench`: the browser benchmarks at practice scale (release
//!   build, synthetic practice, headless Chromium); not part of `test`.
//! - `cargo xtask reliability`: kills the browser at random moments during
//!   imports and signings and checks each landed whole or not at all.
//! - `cargo xtask laws`: the core's property tests (merge laws, parsers) at
//!   10,000 cases each; too slow for every test run, so not part of `test`.
//! - `cargo xtask fuzz [SECONDS]`: time-boxed libFuzzer runs of the import
//!   parser and the self-care plan and diary file readers, SECONDS (default
//!   60) each, printing each target's executions (needs the nightly
//!   toolchain, which it installs; not part of CI).
//! - `cargo xtask post-build`: run by Trunk after each build (see Trunk.toml).
//!
//! Plain Rust rather than shell scripts so the same commands work anywhere
//! rustup does, and the parts worth testing (CSP hashing, the service worker
//! list, size budgets, result counting) have unit tests.

mod bench;
mod post_build;
mod process;
mod size;
mod suite;
mod tablet_wasm;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

/// The repository root (xtask lives one level below it). `cargo run` sets
/// `CARGO_MANIFEST_DIR` when it starts xtask; it is read at run time so a
/// binary built from another checkout sharing the target folder still works
/// on this one.
fn root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}

const USAGE: &str =
    "usage: cargo xtask <serve | test | build | bench | reliability | laws | fuzz [SECONDS] | post-build>";

/// Cases per property in `cargo xtask laws`.
const LAW_CASES: &str = "10000";

fn main() -> ExitCode {
    let command = std::env::args().nth(1).unwrap_or_default();
    let result = match command.as_str() {
        "serve" => serve(),
        "test" => suite::run_all(&root()),
        "build" => {
            release_build().and_then(|()| size::report(&root().join("dist"), &root()).map(drop))
        }
        "bench" => bench::run_all(&root()),
        "reliability" => bench::reliability(&root()),
        "laws" => process::run(
            std::process::Command::new("cargo")
                .args([
                    "test",
                    "--release",
                    "--package",
                    "stillpoint-core",
                    "--all-features",
                ])
                .env("PROPTEST_CASES", LAW_CASES)
                .current_dir(root()),
            "property tests at 10,000 cases",
        ),
        "fuzz" => tools::fuzz(
            &root(),
            &std::env::args().nth(2).unwrap_or_else(|| "60".to_owned()),
        ),
        "post-build" => post_build::run(&root()),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds both entries and serves `dist/` with the test suite's static
/// server (`tests/e2e/server.mjs`): `trunk serve` serves one target, and the
/// phone app is a second one in `dist/phone/`. The server answers
/// navigations as a host for the two apps would be set up: `/phone/…` with
/// the phone's page, anything else with the tablet's.
fn serve() -> Result<(), String> {
    release_build()?;
    let root = root();
    println!("\nStillpoint will be served at http://127.0.0.1:8080, the client's phone app at http://127.0.0.1:8080/phone/ (Ctrl+C stops it).\n");
    process::run(
        std::process::Command::new("node")
            .args(["server.mjs", "8080"])
            .current_dir(tools::e2e_dir(&root))
            .env("STILLPOINT_DIST", root.join("dist")),
        "node tests/e2e/server.mjs",
    )
}

/// A release build of both entries into `dist/`.
fn release_build() -> Result<(), String> {
    let root = root();
    tools::ensure_build_tools(&root)?;
    tools::release_build(&root)
}
