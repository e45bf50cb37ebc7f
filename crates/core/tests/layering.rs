//! The core's areas depend on each other one way only (see the crate docs):
//! every `crate::` path in an area's files may name that area or one before
//! it, never one after. A path that runs back up fails here with the file
//! and the area it reached, before it can grow into a cycle. Inside an area
//! the modules form no cycle either (test modules aside: a test may borrow
//! a neighbour's fixtures).

use std::collections::{BTreeMap, BTreeSet};
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

/// The `area::module` of every `crate::` path in `source` (each item of a
/// group too), and of every `super::module` for a file at `area`.
fn modules_named(source: &str, area: &str) -> Vec<String> {
    let mut named = Vec::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        let mut items = Vec::new();
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find(';').unwrap_or(group.len());
            items.extend(group[..end].split(',').map(str::trim_start));
        } else {
            items.push(rest);
        }
        for item in items {
            let first = leading_ident(item);
            let after = item[first.len()..].strip_prefix("::").unwrap_or("");
            let second = leading_ident(after);
            if !second.is_empty() && rank(first).is_some() {
                named.push(format!("{first}::{second}"));
            }
        }
    }
    for (at, _) in source.match_indices("super::") {
        let module = leading_ident(&source[at + "super::".len()..]);
        named.push(format!("{area}::{module}"));
    }
    named
}

/// The code of a file without its comments and its test module.
fn non_test_code(source: &str) -> String {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
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
fn no_module_cycle_inside_an_area() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("inside src");
        let parts: Vec<String> = relative
            .with_extension("")
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        let [area, module] = parts.as_slice() else {
            continue;
        };
        let own = format!("{area}::{module}");
        let source = fs::read_to_string(file).expect("a readable source file");
        let named: BTreeSet<String> = modules_named(&non_test_code(&source), area)
            .into_iter()
            .filter(|named| *named != own && !named.ends_with("::mod"))
            .collect();
        uses.entry(own).or_default().extend(named);
    }
    let mut finished = BTreeSet::new();
    for start in uses.keys() {
        let mut path = Vec::new();
        if let Some(cycle) = find_cycle(start, &uses, &mut path, &mut finished) {
            panic!("modules that import each other: {}", cycle.join(" → "));
        }
    }
}

/// A cycle reachable from `module`, as the modules along it, if any.
fn find_cycle(
    module: &str,
    uses: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
    finished: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|on_path| on_path == module) {
        let mut cycle = path[at..].to_vec();
        cycle.push(module.to_owned());
        return Some(cycle);
    }
    if finished.contains(module) {
        return None;
    }
    path.push(module.to_owned());
    for next in uses.get(module).into_iter().flatten() {
        if uses.contains_key(next) {
            if let Some(cycle) = find_cycle(next, uses, path, finished) {
                return Some(cycle);
            }
        }
    }
    path.pop();
    finished.insert(module.to_owned());
    None
}

#[test]
fn a_cycle_is_found_and_named() {
    let uses: BTreeMap<String, BTreeSet<String>> = [
        ("sync::a", "sync::b"),
        ("sync::b", "sync::c"),
        ("sync::c", "sync::a"),
    ]
    .into_iter()
    .map(|(from, to)| (from.to_owned(), BTreeSet::from([to.to_owned()])))
    .collect();
    let cycle = find_cycle("sync::a", &uses, &mut Vec::new(), &mut BTreeSet::new());
    assert_eq!(
        cycle.expect("a cycle"),
        ["sync::a", "sync::b", "sync::c", "sync::a"]
    );
}

#[test]
fn module_paths_are_read_from_uses_groups_and_super() {
    let named = modules_named(
        "use crate::{base::ids::RecordId, merge::lww::Lww};\nuse super::diary::Diary;",
        "selfcare",
    );
    assert_eq!(named, ["base::ids", "merge::lww", "selfcare::diary"]);
}

#[test]
fn groups_and_single_paths_are_both_read() {
    let named = areas_named(
        "use crate::{base::ids::RecordId, merge::{lww::Lww, gset}};\nuse crate::sync::parse;",
    );
    assert_eq!(named, ["base", "merge", "sync"]);
}
