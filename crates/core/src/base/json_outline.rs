//! Where the members of a JSON file's objects and arrays lie, found in one
//! pass that also bounds nesting and string length.
//!
//! A twenty-year practice's export is 58 MB. Checking it as JSON, bounding
//! it, then finding its fields, its kinds of record and each kind's records
//! read it five times before the typed parse read it a sixth; each pass
//! cost the sync worker 60–100 ms (BENCHMARKS.md, issue 14, session 9).
//! The outline does the bounding and the finding in one pass.
//!
//! It checks the layout only where it records members (the blanks, keys,
//! colons and commas between them); what lies inside a member at the last
//! level it records (a record) is only bounded, never checked. So an
//! outline alone does not make a file JSON: whoever reads it must parse
//! every member it records, as an export's parse does (every field, every
//! record), and, when anything is wrong, ask
//! [`crate::base::json_file::check_json`] first whether the file is JSON at
//! all, so a damaged file is named as damaged whichever check trips first.

use std::collections::BTreeSet;

/// A value in the file and, for an object or array at a level the outline
/// records, its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node<'a> {
    /// The value as the file spells it.
    bytes: &'a [u8],
    /// Boxed, so the many values at the last level (a practice's 100,000
    /// records) cost a slice and a pointer each.
    members: Option<Box<Members<'a>>>,
}

/// The members of an object (keys read as text) or of an array.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Members<'a> {
    Fields(Vec<(String, Node<'a>)>),
    Items(Vec<Node<'a>>),
}

impl<'a> Node<'a> {
    /// The value as the file spells it.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// An array's items; `None` for anything else, or an array below the
    /// levels recorded.
    pub fn items(&self) -> Option<&[Node<'a>]> {
        match self.members.as_deref()? {
            Members::Items(items) => Some(items),
            Members::Fields(_) => None,
        }
    }

    /// An object's fields, in the file's order, a key named twice listed
    /// twice; `None` for anything else, or an object below the levels
    /// recorded.
    pub fn into_fields(self) -> Option<Vec<(String, Node<'a>)>> {
        match *self.members? {
            Members::Fields(fields) => Some(fields),
            Members::Items(_) => None,
        }
    }
}

/// A file's outline: its top value and whether an object it recorded names
/// a key twice (whose earlier value nobody reads, so the caller checks the
/// file as JSON itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline<'a> {
    /// The file's one value.
    pub root: Node<'a>,
    /// Whether a recorded object names a key twice.
    pub repeats_a_key: bool,
}

/// The bounds the outline holds a file to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// Deepest nesting of objects and arrays.
    pub depth: usize,
    /// Longest string, in bytes as written, quotes excluded but one.
    pub string: usize,
}

/// Outlines `bytes`, recording members `levels` deep (1: the top value's
/// members; 3: an export's fields, its kinds and their records). `None`
/// when the file breaks a bound, is laid out wrongly where members are
/// recorded, or stops early: the caller reads it fully to say which.
pub fn outline(bytes: &[u8], levels: usize, bounds: Bounds) -> Option<Outline<'_>> {
    let mut scan = Scan {
        bytes,
        at: 0,
        bounds,
        repeats_a_key: false,
    };
    scan.blanks();
    let root = scan.value(0, levels)?;
    scan.blanks();
    (scan.at == bytes.len()).then_some(Outline {
        root,
        repeats_a_key: scan.repeats_a_key,
    })
}

/// Where the string whose text starts at `bytes[at]` ends: just past its
/// closing quote. Text is most of a file, so the quote is found by
/// [`memchr::memchr2`], many bytes at a time.
pub fn string_end(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        at += memchr::memchr2(b'"', b'\\', bytes.get(at..)?)?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        at += 2;
    }
}

/// The one pass: a cursor and what it has found.
struct Scan<'a> {
    bytes: &'a [u8],
    at: usize,
    bounds: Bounds,
    repeats_a_key: bool,
}

impl<'a> Scan<'a> {
    fn byte(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips JSON's four blanks (not every ASCII blank: a form feed is not
    /// JSON's).
    fn blanks(&mut self) {
        while matches!(self.byte(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// The value at the cursor, inside `depth` open objects and arrays,
    /// recording members `levels` deep.
    fn value(&mut self, depth: usize, levels: usize) -> Option<Node<'a>> {
        let start = self.at;
        let members = match self.byte()? {
            b'{' | b'[' if levels > 0 => Some(Box::new(self.members(depth, levels - 1)?)),
            b'{' | b'[' => {
                self.skip_container(depth)?;
                None
            }
            b'"' => {
                self.string()?;
                None
            }
            _ => {
                self.word();
                None
            }
        };
        Some(Node {
            bytes: &self.bytes[start..self.at],
            members,
        })
    }

    /// A string, within its bound.
    fn string(&mut self) -> Option<()> {
        let end = string_end(self.bytes, self.at + 1)?;
        (end - 1 - self.at <= self.bounds.string).then(|| self.at = end)
    }

    /// A number, `true`, `false` or `null`, up to what follows it (the
    /// member's reader parses it).
    fn word(&mut self) {
        while !matches!(
            self.byte(),
            None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
        ) {
            self.at += 1;
        }
    }

    /// The members of the object or array opening at the cursor, each
    /// outlined `levels` deep.
    fn members(&mut self, depth: usize, levels: usize) -> Option<Members<'a>> {
        let keyed = self.byte()? == b'{';
        let close = if keyed { b'}' } else { b']' };
        let depth = self.opened(depth)?;
        let (mut fields, mut items, mut keys) = (Vec::new(), Vec::new(), BTreeSet::new());
        self.blanks();
        if self.byte()? == close {
            self.at += 1;
        } else {
            loop {
                if keyed {
                    let key = self.key()?;
                    self.repeats_a_key |= !keys.insert(key.clone());
                    fields.push((key, self.value(depth, levels)?));
                } else {
                    items.push(self.value(depth, levels)?);
                }
                self.blanks();
                match self.byte()? {
                    b',' => {
                        self.at += 1;
                        self.blanks();
                    }
                    byte if byte == close => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        Some(if keyed {
            Members::Fields(fields)
        } else {
            Members::Items(items)
        })
    }

    /// A key, read as text, and the colon after it.
    fn key(&mut self) -> Option<String> {
        let start = self.at;
        if self.byte()? != b'"' {
            return None;
        }
        self.string()?;
        let key = serde_json::from_slice(&self.bytes[start..self.at]).ok()?;
        self.blanks();
        (self.byte()? == b':').then_some(())?;
        self.at += 1;
        self.blanks();
        Some(key)
    }

    /// Steps past the opening bracket at the cursor, one level deeper
    /// than `depth` and within the bound.
    fn opened(&mut self, depth: usize) -> Option<usize> {
        self.at += 1;
        (depth < self.bounds.depth).then_some(depth + 1)
    }

    /// Steps past the object or array at the cursor without recording its
    /// members, holding its strings and nesting to their bounds.
    fn skip_container(&mut self, depth: usize) -> Option<()> {
        let outside = depth;
        let mut depth = self.opened(depth)?;
        while depth > outside {
            match self.byte()? {
                b'"' => self.string()?,
                b'{' | b'[' => depth = self.opened(depth)?,
                b'}' | b']' => {
                    depth -= 1;
                    self.at += 1;
                }
                _ => self.at += 1,
            }
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOUNDS: Bounds = Bounds {
        depth: 32,
        string: 100,
    };

    fn texts<'a>(nodes: impl IntoIterator<Item = &'a Node<'a>>) -> Vec<&'a str> {
        nodes
            .into_iter()
            .map(|node| std::str::from_utf8(node.bytes()).unwrap())
            .collect()
    }

    #[test]
    fn members_are_found_as_the_file_spells_them() {
        let bytes = br#" { "a" : [1, "x,]}", {"b": [2]}] , "c\u0064": -1.5e3 ,"e":{}, "a": 2 } "#;
        let found = outline(bytes, 2, BOUNDS).unwrap();
        assert!(found.repeats_a_key);
        let fields = found.root.into_fields().unwrap();
        let keys: Vec<&str> = fields.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(keys, ["a", "cd", "e", "a"]);
        assert_eq!(
            texts(fields.iter().map(|(_, node)| node)),
            [r#"[1, "x,]}", {"b": [2]}]"#, "-1.5e3", "{}", "2"]
        );
        let items = fields[0].1.items().unwrap();
        assert_eq!(texts(items), ["1", r#""x,]}""#, r#"{"b": [2]}"#]);
        assert_eq!(items[2].items(), None, "below the levels recorded");
        assert_eq!(fields[2].1.clone().into_fields(), Some(vec![]));
        assert_eq!(fields[1].1.items(), None);
    }

    #[test]
    fn a_layout_broken_where_members_are_recorded_has_no_outline() {
        for bytes in [
            &b""[..],
            b"{",
            b"{\"a\" 1}",
            b"{\"a\": 1,}",
            b"{\"a\": 1 \"b\": 2}",
            b"{a: 1}",
            b"[1 2]",
            b"{\"a\": [1, 2}",
            b"{\"a\": 1} x",
            b"{\"a\": \"open}",
            b"{\"\\q\": 1}",
        ] {
            assert_eq!(
                outline(bytes, 2, BOUNDS),
                None,
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }

    #[test]
    fn bounds_hold_everywhere_recorded_or_not() {
        let text = |length| format!("{{\"a\": [{{\"b\": \"{}\"}}]}}", "x".repeat(length));
        assert_eq!(outline(text(BOUNDS.string).as_bytes(), 1, BOUNDS), None);
        assert!(outline(text(BOUNDS.string - 1).as_bytes(), 1, BOUNDS).is_some());
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(outline(nested(32).as_bytes(), 2, BOUNDS).is_some());
        assert_eq!(outline(nested(33).as_bytes(), 2, BOUNDS), None);
        assert_eq!(outline(nested(33).as_bytes(), 40, BOUNDS), None);
    }
}
