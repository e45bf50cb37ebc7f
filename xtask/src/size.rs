//! Release-build sizes, raw and gzip, checked against `web/size-budget.json`.
//! Sizes are deterministic for a given build, so this is a check, not a
//! timing test: `cargo xtask test` fails when a budget is exceeded.
//!
//! `dist/` holds two entries, each budgeted on its own: the tablet (the
//! therapist's app at `/`) and the client's phone app (`/phone/`, its own
//! page, wasm and service worker). Neither loads the other's files.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

use crate::post_build::PHONE_BASE;

/// One of the two apps in `dist/`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Entry {
    /// The therapist's app, at `/`.
    Tablet,
    /// The client's phone app, at `/phone/`.
    Phone,
}

impl Entry {
    const ALL: [Entry; 2] = [Entry::Tablet, Entry::Phone];

    /// The entry a built file belongs to.
    fn of(url: &str) -> Self {
        if url.starts_with(PHONE_BASE) {
            Self::Phone
        } else {
            Self::Tablet
        }
    }

    /// Its public URL and the name of its main wasm (and JS glue).
    fn base_and_bin(self) -> (&'static str, &'static str) {
        match self {
            Self::Tablet => ("/", "stillpoint-tablet"),
            Self::Phone => (PHONE_BASE, "stillpoint-phone"),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Tablet => "tablet",
            Self::Phone => "phone",
        }
    }
}

/// One built file.
struct Sized {
    url: String,
    raw: usize,
    gzip: usize,
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}

/// Whether a file is on its entry's first-load critical path: the page, its
/// stylesheet, and that entry's main JS and wasm (not the service worker,
/// not the sync worker, not icons). The tablet's code is in its hashed app
/// folder (`post_build`), where the chunks of its screens loaded on first use are not on
/// the path but the loader its bindings import is.
fn is_first_load(url: &str) -> bool {
    let (base, bin) = Entry::of(url).base_and_bin();
    let Some(path) = url.strip_prefix(base) else {
        return false;
    };
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let page = folder.is_empty() && (name == "index.html" || name.ends_with(".css"));
    let code_folder = folder.is_empty() || crate::post_build::is_app_dir(folder);
    let main_code = (name.ends_with(".js") || name.ends_with(".wasm")) && name.starts_with(bin);
    page || (code_folder && (main_code || name == SPLIT_LOADER))
}

/// The loader of the tablet's chunks (`xtask/src/tablet_wasm.rs`), which the
/// tablet's bindings import when the page starts.
const SPLIT_LOADER: &str = "__wasm_split.js";

/// Whether the entry's service worker precaches the file (all of its build
/// but the worker itself and the manifest's screenshots).
fn is_precached(url: &str) -> bool {
    let (base, _) = Entry::of(url).base_and_bin();
    crate::post_build::is_precached(url, base)
}

fn sizes(dist: &Path) -> Result<Vec<Sized>, String> {
    let mut found = Vec::new();
    let mut pending = vec![dist.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder)
            .map_err(|error| format!("listing {}: {error}", folder.display()))?
        {
            let path = entry.map_err(|error| error.to_string())?.path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|error| error.to_string())?;
            let url = format!(
                "/{}",
                path.strip_prefix(dist)
                    .expect("walked from dist")
                    .to_string_lossy()
            );
            found.push(Sized {
                url,
                raw: bytes.len(),
                gzip: gzip_len(&bytes),
            });
        }
    }
    found.sort_by_key(|file| std::cmp::Reverse(file.gzip));
    Ok(found)
}

/// One budgeted figure: a goal to report and a ceiling to enforce.
struct Budget {
    name: &'static str,
    goal: usize,
    ceiling: usize,
}

impl Budget {
    fn read(budget: &serde_json::Value, key: &str, name: &'static str) -> Result<Self, String> {
        let limit = |suffix: &str| {
            let field = format!("{key}_{suffix}_gzip_bytes");
            budget[field.as_str()]
                .as_u64()
                .map(|value| value as usize)
                .ok_or(format!("web/size-budget.json lacks {field}"))
        };
        Ok(Self {
            name,
            goal: limit("goal")?,
            ceiling: limit("ceiling")?,
        })
    }

    /// Prints the figure against its goal; fails above the ceiling.
    fn check(&self, measured: usize) -> Result<(), String> {
        let verdict = if measured <= self.goal {
            "goal met"
        } else {
            "goal NOT met"
        };
        println!(
            "{}: {measured} bytes gzip (goal {}: {verdict}; ceiling {})",
            self.name, self.goal, self.ceiling
        );
        if measured > self.ceiling {
            return Err(format!(
                "{} is {measured} bytes gzip, over the {} ceiling",
                self.name, self.ceiling
            ));
        }
        Ok(())
    }
}

/// Prints the size table and checks the budgets in `web/size-budget.json`:
/// first load and precache of the tablet and of the phone, each on its own.
pub fn report(dist: &Path, root: &Path) -> Result<(), String> {
    let budget_text = std::fs::read_to_string(root.join("web").join("size-budget.json"))
        .map_err(|error| format!("reading web/size-budget.json: {error}"))?;
    let budget: serde_json::Value =
        serde_json::from_str(&budget_text).map_err(|error| error.to_string())?;

    let files = sizes(dist)?;
    println!("{:<48} {:>10} {:>10}  first load", "file", "raw", "gzip");
    for file in &files {
        let mark = if is_first_load(&file.url) {
            Entry::of(&file.url).name()
        } else {
            ""
        };
        println!(
            "{:<48} {:>10} {:>10}  {mark}",
            file.url, file.raw, file.gzip
        );
    }
    let mut verdicts = Vec::new();
    for entry in Entry::ALL {
        let (first_load_name, precache_name) = match entry {
            Entry::Tablet => ("tablet first load", "tablet precache"),
            Entry::Phone => ("phone first load", "phone precache"),
        };
        let ours = || {
            files
                .iter()
                .filter(move |file| Entry::of(&file.url) == entry)
        };
        let first_load: usize = ours()
            .filter(|file| is_first_load(&file.url))
            .map(|file| file.gzip)
            .sum();
        let precache: usize = ours()
            .filter(|file| is_precached(&file.url))
            .map(|file| file.gzip)
            .sum();
        let key = |what: &str| format!("{}_{what}", entry.name());
        verdicts
            .push(Budget::read(&budget, &key("first_load"), first_load_name)?.check(first_load));
        verdicts.push(Budget::read(&budget, &key("precache"), precache_name)?.check(precache));
    }
    verdicts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_load_is_page_styles_and_main_app() {
        assert!(is_first_load("/index.html"));
        assert!(is_first_load("/styles-1a2b.css"));
        assert!(is_first_load(
            "/app-0123456789abcdef/stillpoint-tablet_bg.wasm"
        ));
        assert!(is_first_load("/app-0123456789abcdef/stillpoint-tablet.js"));
        assert!(is_first_load("/app-0123456789abcdef/__wasm_split.js"));
        // A lazily loaded screen's chunk is fetched when the screen first opens, and precached.
        assert!(!is_first_load(
            "/app-0123456789abcdef/split_care_library.wasm"
        ));
        assert!(is_precached(
            "/app-0123456789abcdef/split_care_library.wasm"
        ));
        assert!(!is_first_load("/app-0123/stillpoint-tablet_bg.wasm"));
        assert!(!is_first_load("/sw.js"));
        assert!(!is_first_load("/stillpoint-worker-1a2b_bg.wasm"));
        assert!(!is_first_load("/icons/icon-512.png"));
    }

    #[test]
    fn the_phone_is_its_own_entry() {
        assert_eq!(Entry::of("/phone/index.html"), Entry::Phone);
        assert_eq!(Entry::of("/index.html"), Entry::Tablet);
        assert!(is_first_load("/phone/index.html"));
        assert!(is_first_load("/phone/styles-1a2b.css"));
        assert!(is_first_load("/phone/stillpoint-phone-1a2b_bg.wasm"));
        assert!(is_first_load("/phone/stillpoint-phone-1a2b.js"));
        assert!(!is_first_load("/phone/sw.js"));
        assert!(!is_first_load("/phone/icons/icon-192.png"));
        // The tablet's code is never on the phone's path, nor the phone's on the tablet's.
        assert!(!is_first_load("/phone/stillpoint-tablet-1a2b_bg.wasm"));
        assert!(!is_first_load(
            "/phone/app-0123456789abcdef/stillpoint-tablet_bg.wasm"
        ));
        assert!(!is_first_load("/stillpoint-phone-1a2b_bg.wasm"));
    }

    #[test]
    fn the_budget_file_budgets_both_entries() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/size-budget.json");
        let budget: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for entry in Entry::ALL {
            for what in ["first_load", "precache"] {
                let read = Budget::read(&budget, &format!("{}_{what}", entry.name()), "test");
                assert!(read.unwrap().goal > 0);
            }
        }
    }

    #[test]
    fn each_entry_precaches_all_of_its_build_but_its_worker() {
        assert!(is_precached("/icons/icon-512.png"));
        assert!(is_precached("/phone/icons/icon-512.png"));
        assert!(!is_precached("/sw.js"));
        assert!(!is_precached("/phone/sw.js"));
        assert!(!is_precached("/screenshots/wide-client-record.png"));
    }

    #[test]
    fn over_the_goal_reports_and_over_the_ceiling_fails() {
        let budget = Budget {
            name: "test",
            goal: 10,
            ceiling: 20,
        };
        assert!(budget.check(10).is_ok());
        assert!(budget.check(15).is_ok());
        assert!(budget
            .check(21)
            .unwrap_err()
            .contains("over the 20 ceiling"));
    }

    #[test]
    fn gzip_shrinks_repetition() {
        assert!(gzip_len(&[b'a'; 10_000]) < 200);
    }
}
