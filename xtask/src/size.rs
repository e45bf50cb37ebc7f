//! Release-build sizes, raw and gzip, checked against `web/size-budget.json`.
//! Sizes are deterministic for a given build, so this is a check, not a
//! timing test: `cargo xtask test` fails when a budget is exceeded.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;

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

/// Whether a file is on the first-load critical path: the page, its
/// stylesheet, and the main app's JS and wasm (not the service worker, not
/// the sync worker, not icons).
fn is_first_load(url: &str) -> bool {
    let name = url.rsplit('/').next().unwrap_or(url);
    let main_code =
        (name.ends_with(".js") || name.ends_with(".wasm")) && name.starts_with("stillpoint-tablet");
    url == "/index.html" || name.ends_with(".css") || main_code
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

/// Prints the size table and checks the budgets in `web/size-budget.json`.
pub fn report(dist: &Path, root: &Path) -> Result<(), String> {
    let budget_text = std::fs::read_to_string(root.join("web").join("size-budget.json"))
        .map_err(|error| format!("reading web/size-budget.json: {error}"))?;
    let budget: serde_json::Value =
        serde_json::from_str(&budget_text).map_err(|error| error.to_string())?;
    let first_load_budget = Budget::read(&budget, "first_load", "first-load critical path")?;
    let precache_budget = Budget::read(&budget, "precache", "everything precached")?;

    let files = sizes(dist)?;
    println!("{:<48} {:>10} {:>10}  first load", "file", "raw", "gzip");
    for file in &files {
        let mark = if is_first_load(&file.url) { "yes" } else { "" };
        println!(
            "{:<48} {:>10} {:>10}  {mark}",
            file.url, file.raw, file.gzip
        );
    }
    let first_load: usize = files
        .iter()
        .filter(|file| is_first_load(&file.url))
        .map(|file| file.gzip)
        .sum();
    let precache: usize = files
        .iter()
        .filter(|file| file.url != "/sw.js")
        .map(|file| file.gzip)
        .sum();
    let first = first_load_budget.check(first_load);
    let all = precache_budget.check(precache);
    first.and(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_load_is_page_styles_and_main_app() {
        assert!(is_first_load("/index.html"));
        assert!(is_first_load("/styles-1a2b.css"));
        assert!(is_first_load("/stillpoint-tablet-1a2b_bg.wasm"));
        assert!(is_first_load("/stillpoint-tablet-1a2b.js"));
        assert!(!is_first_load("/sw.js"));
        assert!(!is_first_load("/stillpoint-worker-1a2b_bg.wasm"));
        assert!(!is_first_load("/icons/icon-512.png"));
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
