//! Installs the tools the build and tests need, only when missing, so both
//! README commands work on a machine that has nothing but rustup — and a
//! second run installs nothing.
//!
//! Versions are pinned: trunk 0.21.14 (0.22 needs a newer rustc than
//! stable here), wasm-bindgen-cli at exactly the version Cargo.lock holds,
//! the npm packages in `tests/e2e/package-lock.json` (binaryen's
//! wasm-opt 132; Debian's binaryen is too old to read current rustc output),
//! and geckodriver 0.37.1 for the cross-engine suite. The browsers come
//! from Debian: Chromium, WebKitGTK's MiniBrowser and Firefox ESR; so does
//! nginx, the reverse proxy `deploy/` describes, which its spec runs.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::{run, stdout_of};

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Where Debian puts the browser and its driver.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Where Debian puts ChromeDriver.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The browsers and drivers every test run needs, each with the Debian
/// package that provides it: Chromium for Playwright and the store tests;
/// WebKitGTK (Safari's engine family, whose MiniBrowser comes with the
/// driver's library) and Firefox ESR for the cross-engine suite
/// (`tests/e2e/engines`). WebKitGTK needs a display even when automated:
/// Xvfb's, started by `xvfb-run`, which needs `xauth`.
/// And Debian's nginx, which the deploy spec runs `deploy/stillpoint.conf`
/// with.
const TEST_BROWSERS: [(&str, &str); 7] = [
    (CHROMIUM, "chromium"),
    (CHROMEDRIVER, "chromium-driver"),
    ("/usr/bin/WebKitWebDriver", "webkit2gtk-driver"),
    ("/usr/bin/xvfb-run", "xvfb"),
    ("/usr/bin/xauth", "xauth"),
    ("/usr/bin/firefox-esr", "firefox-esr"),
    ("/usr/sbin/nginx", "nginx"),
];
/// Firefox's WebDriver is not packaged by Debian; crates.io publishes it.
const GECKODRIVER_VERSION: &str = "0.37.1";

/// Where `cargo install` puts binaries (trunk, wasm-bindgen, geckodriver).
pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// The e2e folder with the npm packages (Playwright, binaryen).
pub fn e2e_dir(root: &Path) -> PathBuf {
    root.join("tests").join("e2e")
}

/// PATH with cargo's bin folder and the npm tools in front.
pub fn tool_path(root: &Path) -> OsString {
    let mut paths = vec![cargo_bin(), e2e_dir(root).join("node_modules").join(".bin")];
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(paths).expect("PATH entries contain no separator")
}

/// `trunk` run from the repository root with the pinned tools on PATH.
pub fn trunk(root: &Path) -> Command {
    let mut command = Command::new(cargo_bin().join("trunk"));
    command
        .current_dir(root)
        .env("PATH", tool_path(root))
        // Trunk otherwise asks crates.io whether it is the newest version.
        .env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

/// The release build of both entries: the tablet into `dist/` first (Trunk
/// empties its dist folder, so it would remove a phone app built before
/// it), then the client's phone app from `phone/index.html` into
/// `dist/phone/` at public URL `/phone/` (Trunk takes one main wasm per
/// page, hence a second target). The sync worker is the tablet's only.
pub fn release_build(root: &Path) -> Result<(), String> {
    crate::tablet_wasm::build(root)?;
    run(
        trunk(root).args(["build", "--release"]),
        "trunk build --release (tablet)",
    )?;
    run(
        trunk(root).args([
            "build",
            "phone/index.html",
            "--release",
            "--dist",
            "dist/phone",
            "--public-url",
            crate::post_build::PHONE_BASE,
        ]),
        "trunk build --release phone/index.html",
    )
}

/// The wasm-bindgen version Cargo.lock pins.
pub fn locked_wasm_bindgen(root: &Path) -> Result<String, String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|error| format!("reading Cargo.lock: {error}"))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen entry".to_owned())
}

fn locked_version(lock: &str, package: &str) -> Option<String> {
    let header = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == header {
            let version = lines.next()?.trim();
            return Some(
                version
                    .strip_prefix("version = \"")?
                    .strip_suffix('"')?
                    .to_owned(),
            );
        }
    }
    None
}

fn installed_version(binary: &Path) -> Option<String> {
    stdout_of(Command::new(binary).arg("--version"))
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = stdout_of(Command::new("rustup").args(["target", "list", "--installed"]))
        .unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    println!("xtask: adding the {WASM_TARGET} target");
    run(
        Command::new("rustup").args(["target", "add", WASM_TARGET]),
        "rustup target add",
    )
}

fn ensure_cargo_tool(
    binary: &str,
    expected: &str,
    crate_name: &str,
    version: &str,
    locked: bool,
) -> Result<(), String> {
    // Some tools print more lines after the version (geckodriver: its licence).
    if installed_version(&cargo_bin().join(binary))
        .is_some_and(|found| found.lines().next() == Some(expected))
    {
        return Ok(());
    }
    println!("xtask: installing {crate_name} {version} (a few minutes, once)");
    let mut command = Command::new("cargo");
    command.args(["install", crate_name, "--version", version, "--force"]);
    if locked {
        command.arg("--locked");
    }
    run(&mut command, &format!("cargo install {crate_name}"))
}

fn is_root() -> bool {
    stdout_of(Command::new("id").arg("-u")).is_some_and(|uid| uid == "0")
}

fn apt_install(packages: &[&str], why: &str) -> Result<(), String> {
    if !is_root() {
        return Err(format!(
            "{why} is missing. Install it, then run the command again:\n  sudo apt-get install -y {}",
            packages.join(" ")
        ));
    }
    println!("xtask: installing {} with apt", packages.join(" "));
    run(
        Command::new("apt-get").arg("update").arg("-qq"),
        "apt-get update",
    )?;
    run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(packages)
            .env("DEBIAN_FRONTEND", "noninteractive"),
        "apt-get install",
    )
}

fn ensure_node() -> Result<(), String> {
    if stdout_of(Command::new("npm").arg("--version")).is_some() {
        return Ok(());
    }
    apt_install(&["nodejs", "npm"], "Node.js and npm")
}

/// The npm packages match package.json's pinned versions.
fn node_packages_current(e2e: &Path) -> bool {
    let Ok(manifest) = std::fs::read_to_string(e2e.join("package.json")) else {
        return false;
    };
    let Ok(manifest) = serde_json::from_str::<serde_json::Value>(&manifest) else {
        return false;
    };
    let Some(wanted) = manifest["devDependencies"].as_object() else {
        return false;
    };
    wanted.iter().all(|(name, version)| {
        let installed =
            std::fs::read_to_string(e2e.join("node_modules").join(name).join("package.json"))
                .ok()
                .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
        installed.is_some_and(|installed| installed["version"] == *version)
    })
}

fn ensure_node_packages(root: &Path) -> Result<(), String> {
    let e2e = e2e_dir(root);
    if node_packages_current(&e2e) {
        return Ok(());
    }
    ensure_node()?;
    println!("xtask: installing npm packages from tests/e2e/package-lock.json");
    run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e),
        "npm ci",
    )
}

/// Everything `trunk build` needs.
pub fn ensure_build_tools(root: &Path) -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_cargo_tool(
        "trunk",
        &format!("trunk {TRUNK_VERSION}"),
        "trunk",
        TRUNK_VERSION,
        true,
    )?;
    let bindgen = locked_wasm_bindgen(root)?;
    // Not --locked: a dependency version in the CLI's own lock file is missing
    // from the registry mirror here (see shared/toolchain.md).
    ensure_cargo_tool(
        "wasm-bindgen",
        &format!("wasm-bindgen {bindgen}"),
        "wasm-bindgen-cli",
        &bindgen,
        false,
    )?;
    ensure_node_packages(root)?;
    // Trunk runs cargo offline; fetch first so a new dependency is present.
    run(
        Command::new("cargo").arg("fetch").current_dir(root),
        "cargo fetch",
    )
}

/// Everything the test suites need on top of the build tools.
pub fn ensure_test_tools(root: &Path) -> Result<(), String> {
    ensure_build_tools(root)?;
    let missing: Vec<&str> = TEST_BROWSERS
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if !missing.is_empty() {
        apt_install(&missing, "A browser, driver or server the tests use")?;
    }
    ensure_cargo_tool(
        "geckodriver",
        &format!("geckodriver {GECKODRIVER_VERSION}"),
        "geckodriver",
        GECKODRIVER_VERSION,
        true,
    )
}

/// The cargo-fuzz targets in `fuzz/`, each with its seed corpus in
/// `fuzz/corpus/<target>`.
pub const FUZZ_TARGETS: [&str; 3] = ["import_parser", "plan_file", "diary_file"];

/// What libFuzzer reported at the end of one target's run
/// (`-print_final_stats=1`).
#[derive(Debug, PartialEq, Eq)]
pub struct FuzzStats {
    /// `stat::number_of_executed_units`: inputs run.
    pub executions: u64,
    /// `stat::average_exec_per_sec`.
    pub per_second: u64,
    /// The final `corp:` of the `DONE` line: entries and size (`412/61Kb`).
    pub corpus: String,
}

/// Reads the final statistics out of libFuzzer's output, or `None` if the
/// run ended before printing them (a crash).
pub fn fuzz_stats(output: &str) -> Option<FuzzStats> {
    let stat = |name: &str| {
        output.lines().find_map(|line| {
            line.strip_prefix(name)?
                .strip_prefix(':')?
                .trim()
                .parse::<u64>()
                .ok()
        })
    };
    let corpus = output
        .lines()
        .filter(|line| line.contains("DONE"))
        .filter_map(|line| {
            line.split_whitespace()
                .skip_while(|word| *word != "corp:")
                .nth(1)
        })
        .next_back()
        .unwrap_or("?")
        .to_owned();
    Some(FuzzStats {
        executions: stat("stat::number_of_executed_units")?,
        per_second: stat("stat::average_exec_per_sec").unwrap_or(0),
        corpus,
    })
}

/// Runs every target in [`FUZZ_TARGETS`] for `seconds` each (installing
/// nightly and cargo-fuzz if missing), one after another, then prints each
/// target's executions, executions per second and corpus. New corpus
/// entries go to `target/fuzz-corpus/<target>`, not the checked-in seeds.
/// Fails if any target crashed; the others still run.
pub fn fuzz(root: &Path, seconds: &str) -> Result<(), String> {
    let seconds: u32 = seconds
        .parse()
        .map_err(|_| format!("“{seconds}” is not a number of seconds"))?;
    let toolchains =
        stdout_of(Command::new("rustup").args(["toolchain", "list"])).unwrap_or_default();
    if !toolchains.lines().any(|line| line.starts_with("nightly")) {
        run(
            Command::new("rustup").args([
                "toolchain",
                "install",
                "nightly",
                "--profile",
                "minimal",
            ]),
            "rustup toolchain install nightly",
        )?;
    }
    if stdout_of(Command::new("cargo").args(["+nightly", "fuzz", "--version"])).is_none() {
        run(
            Command::new("cargo").args(["+nightly", "install", "cargo-fuzz"]),
            "cargo install cargo-fuzz",
        )?;
    }
    let mut report = Vec::new();
    let mut failed = Vec::new();
    for target in FUZZ_TARGETS {
        let scratch = root.join("target").join("fuzz-corpus").join(target);
        std::fs::create_dir_all(&scratch)
            .map_err(|error| format!("creating {}: {error}", scratch.display()))?;
        let (succeeded, printed) = run_logged(
            Command::new("cargo")
                .args(["+nightly", "fuzz", "run", target])
                .arg(&scratch)
                .arg(format!("corpus/{target}"))
                .arg("--")
                .arg(format!("-max_total_time={seconds}"))
                .arg("-print_final_stats=1")
                .current_dir(root.join("fuzz")),
        )
        .map_err(|error| format!("could not start cargo fuzz run {target}: {error}"))?;
        match fuzz_stats(&printed) {
            Some(stats) if succeeded => report.push(format!(
                "{target}: {} executions, {} exec/s, corpus {}",
                stats.executions, stats.per_second, stats.corpus
            )),
            _ => {
                report.push(format!("{target}: FAILED (see the output above)"));
                failed.push(target);
            }
        }
    }
    println!("fuzzing, {seconds} s per target:");
    for line in &report {
        println!("  {line}");
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("fuzz target(s) failed: {}", failed.join(", ")))
    }
}

/// Runs `command`, passing its standard error through (libFuzzer reports
/// there) while keeping the lines [`fuzz_stats`] reads: whether it
/// succeeded, and those lines.
fn run_logged(command: &mut Command) -> std::io::Result<(bool, String)> {
    use std::io::{BufRead, BufReader, Write};
    let mut child = command.stderr(std::process::Stdio::piped()).spawn()?;
    let mut kept = String::new();
    if let Some(stderr) = child.stderr.take() {
        let mut stderr = BufReader::new(stderr);
        let mut raw = Vec::new();
        while stderr.read_until(b'\n', &mut raw)? > 0 {
            let _ = std::io::stderr().write_all(&raw);
            let line = String::from_utf8_lossy(&raw);
            if line.starts_with("stat::") || line.contains("DONE") {
                kept.push_str(&line);
            }
            raw.clear();
        }
    }
    Ok((child.wait()?.success(), kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_locked_version_of_an_exact_package() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"9.9.9\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "serde"), None);
    }

    #[test]
    fn reads_libfuzzers_final_statistics() {
        let output = "#1048576\tpulse  cov: 900 ft: 2000 corp: 300/40Kb exec/s: 1000 rss: 90Mb\n\
            #1234567\tDONE   cov: 2345 ft: 6789 corp: 456/78Kb lim: 4096 exec/s: 1371 rss: 512Mb\n\
            Done 1234567 runs in 901 second(s)\n\
            stat::number_of_executed_units: 1234567\n\
            stat::average_exec_per_sec:     1371\n\
            stat::new_units_added:          123\n";
        assert_eq!(
            fuzz_stats(output),
            Some(FuzzStats {
                executions: 1_234_567,
                per_second: 1371,
                corpus: "456/78Kb".to_owned(),
            })
        );
        assert_eq!(fuzz_stats("==1== ERROR: libFuzzer: deadly signal\n"), None);
    }
}
