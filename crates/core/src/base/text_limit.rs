//! Length limits on the free text of the clinical forms, and what text
//! from a file may hold and how it is shown.
//!
//! Every clinical form (intake, session note, rule, amendment) trims what was
//! typed and refuses text past a limit, so one error type and one check serve
//! them all. Every form shares the same two limits, so a name or a note that
//! fits one form fits every other.

/// Longest accepted name, in characters. Generous on purpose: names from any
/// culture fit, and the layout must cope with long ones anyway.
pub const MAX_NAME_CHARS: usize = 20_000;
/// Longest accepted free-text note, in characters.
pub const MAX_NOTES_CHARS: usize = 100_000;

/// The text is longer than its field allows.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
#[error("This is too long: {max} characters at most.")]
pub struct TooLong {
    /// The limit, in characters.
    pub max: usize,
}

/// The text without surrounding blanks, if it is at most `max` characters.
pub(crate) fn trimmed(text: &str, max: usize) -> Result<String, TooLong> {
    let trimmed = text.trim();
    if trimmed.chars().count() > max {
        Err(TooLong { max })
    } else {
        Ok(trimmed.to_owned())
    }
}

/// Like [`trimmed`], but blank text is refused with `missing`, the form's
/// own words for what to type.
pub(crate) fn required<E: From<TooLong>>(text: &str, max: usize, missing: E) -> Result<String, E> {
    match trimmed(text, max)? {
        text if text.is_empty() => Err(missing),
        text => Ok(text),
    }
}

/// Whether `c` changes how the text around it is drawn rather than being
/// text: the bidirectional embeddings, overrides and isolates (U+202A to
/// U+202E, U+2066 to U+2069) and the Arabic letter mark. A right-to-left
/// override (`\u{202e}`) in a name makes the text after it read backwards.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}')
}

/// Whether `text` is text a person typed into a one-line field (a name, a
/// goal): no control characters and no direction controls. Text from a
/// file that fails is refused, so it never reaches a screen or a message.
pub fn is_plain_line(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() || is_direction_control(c))
}

/// Whether `text` is what a person typed into a multi-line field: as
/// [`is_plain_line`], but line breaks and tabs are allowed.
pub fn is_plain_text(text: &str) -> bool {
    text.split(['\n', '\t']).all(is_plain_line)
}

/// `text` from a file made safe to show inside a message: at most
/// `max_chars` characters (then "…"), with control and direction
/// characters written as escapes (`\u{202e}`), so what a file holds can
/// neither rewrite a terminal nor turn a message around.
pub fn shown(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    for (index, c) in text.chars().enumerate() {
        if index == max_chars {
            out.push('…');
            break;
        }
        if c.is_control() || is_direction_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_text_in_messages_is_escaped_and_cut() {
        assert_eq!(shown("Ada\u{202e}gpj.exe", 80), "Ada\\u{202e}gpj.exe");
        assert_eq!(shown("\u{1b}[2J", 80), "\\u{1b}[2J");
        assert_eq!(shown("Zoë Ó Briain", 3), "Zoë…");
        assert!(is_plain_line("Zoë Ó Briain"));
        assert!(!is_plain_line("Ada\u{202e}"));
        assert!(!is_plain_line("two\nlines"));
        assert!(is_plain_text("two\nlines"));
        assert!(!is_plain_text("bell\u{7}"));
    }

    #[test]
    fn trims_and_counts_characters_not_bytes() {
        let cases = [
            ("  plain  ", 5, Ok("plain".to_owned())),
            ("ééé", 3, Ok("ééé".to_owned())),
            ("éééé", 3, Err(TooLong { max: 3 })),
            ("   ", 0, Ok(String::new())),
        ];
        for (text, max, expected) in cases {
            assert_eq!(trimmed(text, max), expected, "{text:?}");
        }
    }

    #[test]
    fn required_text_refuses_blanks_with_the_form_s_words() {
        #[derive(Debug, PartialEq)]
        enum Problem {
            Missing,
            TooLong(TooLong),
        }
        impl From<TooLong> for Problem {
            fn from(error: TooLong) -> Self {
                Problem::TooLong(error)
            }
        }
        let cases = [
            (" Sam ", Ok("Sam".to_owned())),
            (" \t", Err(Problem::Missing)),
            ("Samuel", Err(Problem::TooLong(TooLong { max: 3 }))),
        ];
        for (text, expected) in cases {
            assert_eq!(required(text, 3, Problem::Missing), expected, "{text:?}");
        }
    }
}
