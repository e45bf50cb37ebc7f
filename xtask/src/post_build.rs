//! Finishes a Trunk build in its staging folder (Trunk's `post_build` hook):
//!
//! 1. The tablet's app folder (its wasm, cut by `tablet_wasm`, which
//!    `index.html` copies to `app/`) is renamed after a hash of all it holds,
//!    and the page pointed at it; the `data-trunk` link Trunk leaves in the
//!    page is removed.
//! 2. The CSP in `index.html` allows scripts from this origin only, plus the
//!    page's one inline module loader (Trunk's for the phone, the tablet's
//!    own). Its SHA-256 is only known after the build, so the placeholder is
//!    replaced here.
//! 3. Trunk has no service-worker support: `sw.js` is written from
//!    `web/sw.template.js` with every built file and the hash of its
//!    contents (an update fetches only the files whose hash changed), and a
//!    version derived from them all, so any change makes browsers install it.
//!
//! Both builds run it: the tablet (`index.html`, public URL `/`) and the
//! client's phone (`phone/index.html`, public URL `/phone/`, built into
//! `dist/phone/`). Trunk tells the hook the public URL, so each build gets a
//! worker listing only its own files under its own URL, with caches of its
//! own; the tablet's worker leaves the phone's folder alone.

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};

const HASH_PLACEHOLDER: &str = "STILLPOINT_LOADER_HASH";

/// The folder of the manifest's screenshots, left out of the precache: only
/// the browser's install sheet shows them, fetched while the page is online,
/// and the app never does, so every device would download them for nothing.
const NOT_PRECACHED: &str = "screenshots/";

/// The public URL of the client's phone app, built from `phone/index.html`
/// into `dist/phone/`.
pub const PHONE_BASE: &str = "/phone/";

/// Runs the three steps on `$TRUNK_STAGING_DIR`, for the build at
/// `$TRUNK_PUBLIC_URL`.
pub fn run(root: &Path) -> Result<(), String> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("post-build runs from Trunk's hook, which sets TRUNK_STAGING_DIR")?;
    let base = base_url(&std::env::var("TRUNK_PUBLIC_URL").unwrap_or_default());
    let index_path = staging.join("index.html");
    let mut index = std::fs::read_to_string(&index_path)
        .map_err(|error| format!("reading index.html: {error}"))?;
    if staging.join(APP_DIR).is_dir() {
        index = with_hashed_app_dir(&staging, &index)?;
    }
    std::fs::write(
        &index_path,
        with_script_hashes(&without_skipped_links(&index)),
    )
    .map_err(|error| format!("writing index.html: {error}"))?;

    let template = std::fs::read_to_string(root.join("web").join("sw.template.js"))
        .map_err(|error| format!("reading web/sw.template.js: {error}"))?;
    let files = built_files(&staging, &base)?;
    let worker = service_worker(&template, &base, &files);
    std::fs::write(staging.join("sw.js"), worker).map_err(|error| format!("writing sw.js: {error}"))
}

/// The folder the tablet's app is copied to (`index.html`, from `xtask/src/tablet_wasm.rs`):
/// its main module, bindings, chunks and their loader, which refer to each other by relative
/// paths only.
const APP_DIR: &str = "app";

/// Renames the staged app folder to one named by the hash of everything in it, and points the
/// page at it. Its files then never change under one URL, so a host can let browsers keep them
/// for good (`deploy/stillpoint.conf`), as it does Trunk's hashed names; and a page always
/// loads the chunks built with its main module.
fn with_hashed_app_dir(staging: &Path, index: &str) -> Result<String, String> {
    let app = staging.join(APP_DIR);
    let files = built_files(&app, "/")?;
    let hashed = format!("{APP_DIR}-{}", short_hex(&files_digest(&files)));
    std::fs::rename(&app, staging.join(&hashed))
        .map_err(|error| format!("renaming {APP_DIR} to {hashed}: {error}"))?;
    Ok(index.replace(&format!("\"/{APP_DIR}/"), &format!("\"/{hashed}/")))
}

/// Whether `folder` is the tablet's app folder as it is served: `app-` and 16 hex digits.
pub fn is_app_dir(folder: &str) -> bool {
    folder
        .strip_prefix(APP_DIR)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|hash| {
            hash.len() == 16
                && hash
                    .bytes()
                    .all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f'))
        })
}

/// The page without the `data-trunk` links Trunk leaves in place: the tablet's `rust` link is
/// there only so that Trunk does not build the workspace root's manifest (`data-trunk-skip`).
fn without_skipped_links(html: &str) -> String {
    html.lines()
        .filter(|line| !line.trim_start().starts_with("<link data-trunk "))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The inline `<script>` bodies of an HTML page (those without `src`).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_start = tag_end + 1;
        let Some(body_len) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&after[body_start..body_start + body_len]);
        }
        rest = &after[body_start + body_len..];
    }
    scripts
}

/// The page with the CSP placeholder replaced by the hash of each inline script.
fn with_script_hashes(html: &str) -> String {
    let hashes: Vec<String> = inline_scripts(html)
        .into_iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    html.replace(HASH_PLACEHOLDER, &hashes.join(" "))
}

/// A public URL as a folder path: `/` or `/phone/`.
fn base_url(public_url: &str) -> String {
    let trimmed = public_url.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_owned()
    } else {
        format!("/{trimmed}/")
    }
}

/// Whether the worker of the build at `base` precaches the file at `url`:
/// all of the build but the worker itself and the screenshots.
pub fn is_precached(url: &str, base: &str) -> bool {
    url != format!("{base}sw.js") && !url.starts_with(&format!("{base}{NOT_PRECACHED}"))
}

/// Every file under `dir` as (URL path under `base`, contents), sorted,
/// without the worker itself and the files that are not precached.
fn built_files(dir: &Path, base: &str) -> Result<Vec<(String, Vec<u8>)>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries = std::fs::read_dir(&folder)
            .map_err(|error| format!("listing {}: {error}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|error| error.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let relative = path.strip_prefix(dir).expect("walked from dir");
            let url = format!("{base}{}", relative.to_string_lossy().replace('\\', "/"));
            if is_precached(&url, base) {
                let contents =
                    std::fs::read(&path).map_err(|error| format!("reading {url}: {error}"))?;
                files.push((url, contents));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// One SHA-256 over the URLs and contents of `files`: it changes when any file does.
fn files_digest(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut hasher = Sha256::new();
    for (url, contents) in files {
        hasher.update(url.as_bytes());
        hasher.update([0]);
        hasher.update(contents);
    }
    hasher.finalize().to_vec()
}

/// The first 16 hex digits of a SHA-256 digest: enough to tell two builds apart.
fn short_hex(digest: &[u8]) -> String {
    digest
        .iter()
        .take(8)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The first 16 hex digits of the SHA-256 of `contents`: enough to tell
/// two builds' copies of a file apart.
fn content_hash(contents: &[u8]) -> String {
    short_hex(&Sha256::digest(contents))
}

/// The worker source for the build at `base` with `files`: each URL with
/// its content hash, a content version, its own cache names, and (for the
/// tablet at `/`) the phone app's folder, which has a worker of its own.
fn service_worker(template: &str, base: &str, files: &[(String, Vec<u8>)]) -> String {
    let version = short_hex(&files_digest(files));
    let hashes: serde_json::Map<String, serde_json::Value> = files
        .iter()
        .map(|(url, contents)| (url.clone(), content_hash(contents).into()))
        .collect();
    let list = serde_json::to_string_pretty(&hashes).expect("strings serialize");
    let (cache_prefix, elsewhere) = if base == "/" {
        ("stillpoint-".to_owned(), vec![PHONE_BASE])
    } else {
        (
            format!("stillpoint-{}-", base.trim_matches('/')),
            Vec::new(),
        )
    };
    let elsewhere = serde_json::to_string(&elsewhere).expect("strings serialize");
    template
        .replace("__VERSION__", &version)
        .replace("__PRECACHE__", &list)
        .replace("__BASE__", base)
        .replace("__CACHE_PREFIX__", &cache_prefix)
        .replace("__ELSEWHERE__", &elsewhere)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts() {
        let html = "<meta content=\"script-src 'self' STILLPOINT_LOADER_HASH\"><script src=\"/a.js\"></script>\
                    <script type=\"module\">import init from '/x.js';</script>";
        assert_eq!(inline_scripts(html), ["import init from '/x.js';"]);
        let out = with_script_hashes(html);
        // echo -n "import init from '/x.js';" | openssl dgst -sha256 -binary | base64
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/x.js';"));
        assert!(out.contains(&format!("script-src 'self' 'sha256-{expected}'")));
        assert!(!out.contains(HASH_PLACEHOLDER));
    }

    #[test]
    fn worker_lists_files_and_changes_version_with_content() {
        let template = "const VERSION = \"__VERSION__\"; const PRECACHE = __PRECACHE__;";
        let files = vec![
            ("/index.html".to_owned(), b"a".to_vec()),
            ("/app.wasm".to_owned(), b"b".to_vec()),
        ];
        let first = service_worker(template, "/", &files);
        // echo -n b | sha256sum | cut -c1-16
        assert!(first.contains(&format!("\"/app.wasm\": \"{}\"", content_hash(b"b"))));
        assert_eq!(content_hash(b"b"), "3e23e8160039594a");
        assert!(first.contains("\"/index.html\""));
        let changed = vec![
            ("/index.html".to_owned(), b"a".to_vec()),
            ("/app.wasm".to_owned(), b"c".to_vec()),
        ];
        assert_ne!(first, service_worker(template, "/", &changed));
        assert_eq!(first, service_worker(template, "/", &files));
    }

    #[test]
    fn each_build_has_its_own_base_caches_and_files() {
        let template = "BASE=__BASE__ CACHE=__CACHE_PREFIX__ ELSEWHERE=__ELSEWHERE__";
        assert_eq!(
            service_worker(template, "/", &[]),
            "BASE=/ CACHE=stillpoint- ELSEWHERE=[\"/phone/\"]"
        );
        assert_eq!(
            service_worker(template, PHONE_BASE, &[]),
            "BASE=/phone/ CACHE=stillpoint-phone- ELSEWHERE=[]"
        );
        assert_eq!(base_url(""), "/");
        assert_eq!(base_url("/"), "/");
        assert_eq!(base_url("/phone"), "/phone/");
        assert_eq!(base_url("/phone/"), "/phone/");
    }

    #[test]
    fn files_are_listed_under_the_build_url_without_the_worker_or_screenshots() {
        let dir =
            std::env::temp_dir().join(format!("stillpoint-post-build-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("icons")).unwrap();
        std::fs::create_dir_all(dir.join("screenshots")).unwrap();
        std::fs::write(dir.join("index.html"), "page").unwrap();
        std::fs::write(dir.join("screenshots").join("wide.png"), "png").unwrap();
        std::fs::write(dir.join("sw.js"), "old worker").unwrap();
        std::fs::write(dir.join("icons").join("icon.png"), "png").unwrap();
        let urls: Vec<String> = built_files(&dir, PHONE_BASE)
            .unwrap()
            .into_iter()
            .map(|(url, _)| url)
            .collect();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(urls, ["/phone/icons/icon.png", "/phone/index.html"]);
    }

    #[test]
    fn the_app_folder_is_named_by_its_contents_and_the_page_follows_it() {
        let staging =
            std::env::temp_dir().join(format!("stillpoint-app-dir-{}", std::process::id()));
        let page =
            "<script type=\"module\">import init from \"/app/stillpoint-tablet.js\";</script>";
        let mut names = Vec::new();
        for contents in ["one build", "one build", "another build"] {
            std::fs::create_dir_all(staging.join(APP_DIR)).unwrap();
            std::fs::write(staging.join(APP_DIR).join("stillpoint-tablet.js"), contents).unwrap();
            let rewritten = with_hashed_app_dir(&staging, page).unwrap();
            let folder = rewritten
                .split('"')
                .find_map(|part| {
                    part.strip_prefix('/')?
                        .strip_suffix("/stillpoint-tablet.js")
                })
                .unwrap()
                .to_owned();
            assert!(is_app_dir(&folder), "{folder}");
            assert!(staging.join(&folder).join("stillpoint-tablet.js").is_file());
            assert!(!staging.join(APP_DIR).exists());
            std::fs::remove_dir_all(staging.join(&folder)).unwrap();
            names.push(folder);
        }
        std::fs::remove_dir_all(&staging).unwrap();
        assert_eq!(names[0], names[1]);
        assert_ne!(names[0], names[2]);
    }

    #[test]
    fn app_folders_are_told_apart_from_others() {
        assert!(is_app_dir("app-0123456789abcdef"));
        assert!(!is_app_dir("app"));
        assert!(!is_app_dir("app-0123"));
        assert!(!is_app_dir("app-0123456789ABCDEF"));
        assert!(!is_app_dir("icons"));
    }

    #[test]
    fn links_trunk_left_in_the_page_are_removed() {
        let html = "<head>\n    <link data-trunk rel=\"rust\" data-trunk-skip data-trunk-id=\"5\" />\n    <link rel=\"manifest\" href=\"/m\" />\n</head>\n";
        assert_eq!(
            without_skipped_links(html),
            "<head>\n    <link rel=\"manifest\" href=\"/m\" />\n</head>\n"
        );
    }
}
