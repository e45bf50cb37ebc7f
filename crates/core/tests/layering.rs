//! The core's areas depend on each other one way only (see the crate docs):
//! every `crate::` path in an area's files may name that area or one before
//! it, never one after. A path that runs back up fails here with the file
//! and the area it reached, before it can grow into a cycle.

use std::fs;
use std::path::{Path, PathBuf};

/// The areas in dependency order: each may use only those before it.
const AREAS: [&str; 7] = [
    "base", "merge", "clients", "outcomes", "clinical", "selfcare", "sync",
];

fn rank(area: &str) -> Option<usize> {
    AREAS.iter().position(|known| *known == area)
}

fn source_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("the source folder is readable") {
        let path = entry.expect("a readable entry").path();
        if path.is_dir() {
            source_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

fn leading_ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first segment of every `crate::` path in `source`, including each
/// item of a `crate::{a::x, b::y}` group.
fn areas_named(source: &str) -> Vec<String> {
    let mut named = Vec::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut item_start = true;
            for (index, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => item_start = true,
                    c if c.is_whitespace() => {}
                    _ if item_start && depth == 1 => {
                        named.push(leading_ident(&group[index..]).to_owned());
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            named.push(leading_ident(rest).to_owned());
        }
    }
    named
}

#[test]
fn every_crate_path_runs_down_the_areas() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let mut upward = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("inside src");
        let mut parts = relative.components();
        let first = parts
            .next()
            .expect("a path")
            .as_os_str()
            .to_string_lossy()
            .into_owned();
        if parts.next().is_none() {
            assert_eq!(
                first, "lib.rs",
                "{first} sits outside every area; move it into one"
            );
            continue;
        }
        let own = rank(&first).unwrap_or_else(|| panic!("{first}/ is not a known area"));
        let source = fs::read_to_string(file).expect("a readable source file");
        for named in areas_named(&source) {
            match rank(&named) {
                Some(theirs) if theirs > own => {
                    upward.push(format!("{} uses crate::{named}", relative.display()));
                }
                Some(_) => {}
                None => panic!(
                    "{} names crate::{named}, which is not an area",
                    relative.display()
                ),
            }
        }
    }
    assert!(
        upward.is_empty(),
        "paths that run back up the areas:\n{}",
        upward.join("\n")
    );
}

#[test]
fn groups_and_single_paths_are_both_read() {
    let named = areas_named(
        "use crate::{base::ids::RecordId, merge::{lww::Lww, gset}};\nuse crate::sync::parse;",
    );
    assert_eq!(named, ["base", "merge", "sync"]);
}
