//! Builds the tablet's WebAssembly outside Trunk, because it is cut in parts: the screens in
//! `crates/tablet/src/lazy_screens.rs` load on first use. Trunk runs cargo, wasm-bindgen and
//! wasm-opt in one step and cannot run the cut between the first two, so this does the four
//! steps itself and leaves the result in [`APP_DIR`] for Trunk to copy (`index.html`'s
//! `copy-dir`), where the service worker's list picks every part up like any built file.
//!
//! 1. cargo links the tablet with `--emit-relocs`: the splitter follows the relocations to
//!    find which code and data each split point alone reaches.
//! 2. `wasm_split_cli_support` writes the main module, one module per chunk, and the
//!    JavaScript that fetches and links a chunk (`__wasm_split.js`).
//! 3. wasm-bindgen (`--keep-lld-exports`: the chunks import the linker's exports, memory,
//!    table and shared functions, from the main module) writes the page's bindings.
//! 4. wasm-opt `-Oz` on each module, as Trunk does for the other builds.
//!
//! Every path inside the folder is relative (the bindings import `./__wasm_split.js`, which
//! imports `./stillpoint-tablet.js` and fetches chunks next to itself), so the folder works
//! at any URL. The names carry no content hash: the service worker keys its cache by each
//! file's content hash and fetches updates past the HTTP cache.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::process::run;
use crate::tools;

/// The binary and the names of its bindings.
const NAME: &str = "stillpoint-tablet";

/// What rustc's wasm32 target enables (`rustc --print cfg --target wasm32-unknown-unknown`),
/// told to wasm-opt explicitly: a chunk the splitter writes has no features section to read
/// them from, and wasm-opt must not use any feature the compiler did not.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

/// Where the parts land, relative to the repository root: `index.html` copies this folder
/// to `/app/` in `dist/`.
pub const APP_DIR: &str = "target/tablet-wasm/app";

/// Runs the four steps into [`APP_DIR`], emptied first so no part of an older build stays.
pub fn build(root: &Path) -> Result<(), String> {
    let target = target_dir(root);
    run(
        Command::new("cargo").current_dir(root).args([
            "rustc",
            "--release",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            NAME,
            "--bin",
            NAME,
            "--",
            "-Clink-arg=--emit-relocs",
        ]),
        "cargo rustc (the tablet's wasm)",
    )?;
    let linked = target
        .join("wasm32-unknown-unknown")
        .join("release")
        .join(format!("{NAME}.wasm"));
    let input =
        std::fs::read(&linked).map_err(|error| format!("reading {}: {error}", linked.display()))?;

    let app = root.join(APP_DIR);
    if app.exists() {
        std::fs::remove_dir_all(&app)
            .map_err(|error| format!("emptying {}: {error}", app.display()))?;
    }
    std::fs::create_dir_all(&app).map_err(|error| format!("creating {APP_DIR}: {error}"))?;
    let work = target.join("tablet-wasm").join("split");
    std::fs::create_dir_all(&work)
        .map_err(|error| format!("creating {}: {error}", work.display()))?;
    let main = work.join(format!("{NAME}.wasm"));
    let main_module = format!("./{NAME}.js");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = &app;
    options.main_out_path = &main;
    options.main_module = &main_module;
    wasm_split_cli_support::transform(options)
        .map_err(|error| format!("splitting the tablet's wasm: {error:#}"))?;

    run(
        Command::new(tools::cargo_bin().join("wasm-bindgen"))
            .arg("--target=web")
            .arg("--keep-lld-exports")
            .arg("--no-typescript")
            .arg(format!("--out-name={NAME}"))
            .arg("--out-dir")
            .arg(&app)
            .arg(&main),
        "wasm-bindgen (the tablet)",
    )?;

    for module in wasm_files(&app)? {
        run(
            Command::new(
                tools::e2e_dir(root)
                    .join("node_modules")
                    .join(".bin")
                    .join("wasm-opt"),
            )
            .arg("-Oz")
            .args(WASM_FEATURES)
            .arg("--output")
            .arg(&module)
            .arg(&module),
            "wasm-opt (the tablet)",
        )?;
    }
    Ok(())
}

/// Cargo's target folder, as cargo itself chooses it.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
}

/// The `.wasm` files in `dir`.
fn wasm_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|error| format!("listing {}: {error}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|error| error.to_string())?.path();
        if path
            .extension()
            .is_some_and(|extension| extension == "wasm")
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.rs` file under `dir`.
    fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, found);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                found.push(path);
            }
        }
    }

    /// The splitter pairs a split point's import and export by chunk and id: two split points
    /// with one id in one chunk would leave one of them unlinked.
    #[test]
    fn every_split_point_has_an_id_of_its_own() {
        let source =
            std::fs::read_to_string(crate::root().join("crates/tablet/src/lazy_screens.rs"))
                .unwrap();
        let ids: Vec<&str> = source
            .split(" as \"")
            .skip(1)
            .map(|rest| &rest[..rest.find('"').unwrap()])
            .collect();
        assert!(ids.len() >= 10, "{ids:?}");
        for id in &ids {
            assert!(
                id.len() == 32
                    && id
                        .bytes()
                        .all(|byte| byte.is_ascii_hexdigit() && !byte.is_ascii_uppercase()),
                "{id} is not 32 lower-case hex digits"
            );
        }
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "an id is used twice: {ids:?}");
    }

    /// The workspace denies `unsafe` rather than forbidding it only so that the split points
    /// can allow it; nothing else may.
    #[test]
    fn only_the_split_points_allow_unsafe_code() {
        let root = crate::root();
        let mut files = Vec::new();
        for dir in ["crates", "xtask", "fuzz"] {
            if root.join(dir).is_dir() {
                rust_files(&root.join(dir), &mut files);
            }
        }
        let allowing: Vec<String> = files
            .iter()
            .filter(|path| {
                let text = std::fs::read_to_string(path).unwrap();
                text.contains(concat!("allow(", "unsafe_code)"))
                    || text.contains(concat!("expect(", "unsafe_code)"))
            })
            .map(|path| {
                path.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(allowing, ["crates/tablet/src/lazy_screens.rs"]);
    }
}
