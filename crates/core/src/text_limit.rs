//! Length limits on the free text of the clinical forms.
//!
//! Every clinical form (intake, session note, rule, amendment) trims what was
//! typed and refuses text past a limit, so one error type and one check serve
//! them all. The limits are the client form's, so a name or a note that fits
//! one form fits every other.

pub use crate::client::{MAX_NAME_CHARS, MAX_NOTES_CHARS};

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

#[cfg(test)]
mod tests {
    use super::*;

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
