//! Quick phrases: the therapist's own sentences, offered under each SOAP
//! field so a follow-up is written in taps, never by copying the last note.
//!
//! Copying S, O and A forward unasked bloats notes with words that were
//! true last week (a known fault of clinical software), so every session
//! starts them blank. What the therapist writes often for a field is
//! offered instead, one tap inserting one phrase, and nothing is ever put
//! in a field without that tap.

use crate::clinical::session_note::{SessionNote, SoapField};

/// How many phrases a field offers: a row of chips, not a second note.
pub const MAX_PHRASES: usize = 5;

/// Longer sentences are observations of one day, not phrases to reuse.
pub const MAX_PHRASE_CHARS: usize = 90;

/// How many of the newest notes are read: the phrases follow how the
/// therapist writes now.
pub const NOTES_READ: usize = 20;

/// The sentences of `text`, trimmed: a sentence ends at `.`, `!` or `?`
/// followed by a space or the end (so "8.5" stays whole), or at a line
/// break.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, char)) = chars.next() {
        let next = chars.peek().map(|&(_, next)| next);
        let ends = char == '\n'
            || (matches!(char, '.' | '!' | '?') && next.is_none_or(char::is_whitespace));
        if ends {
            let end = if char == '\n' {
                at
            } else {
                at + char.len_utf8()
            };
            found.push(text[start..end].trim());
            start = at + char.len_utf8();
        }
    }
    found.push(text[start..].trim());
    found.retain(|sentence| sentence.chars().count() > 2);
    found
}

/// The phrases offered under `field`: the sentences the therapist wrote
/// there most often in the newest [`NOTES_READ`] of `notes` (the order
/// they come in does not matter), counted once
/// per note whatever their case, most often first, then most recently
/// written, then alphabetically; at most [`MAX_PHRASES`], none longer than
/// [`MAX_PHRASE_CHARS`], and none the field's `current` text already holds.
pub fn quick_phrases<'a>(
    notes: impl IntoIterator<Item = &'a SessionNote>,
    field: SoapField,
    current: &str,
) -> Vec<String> {
    let mut notes: Vec<&SessionNote> = notes.into_iter().collect();
    notes.sort_by(|a, b| b.details().date.cmp(&a.details().date).then(a.cmp(b)));
    let held = current.to_lowercase();
    // Per phrase (lower case): notes using it, newest use, its wording then.
    // At most a few hundred sentences, so a list is enough.
    let mut counted: Vec<(String, (usize, usize, &str))> = Vec::new();
    for (age, note) in notes.iter().take(NOTES_READ).enumerate() {
        let mut seen = Vec::new();
        for sentence in sentences(note.soap().text(field)) {
            let key = sentence.to_lowercase();
            if sentence.chars().count() > MAX_PHRASE_CHARS
                || held.contains(&key)
                || seen.contains(&key)
            {
                continue;
            }
            match counted.iter_mut().find(|(phrase, _)| *phrase == key) {
                Some((_, entry)) => entry.0 += 1,
                None => counted.push((key.clone(), (1, age, sentence))),
            }
            seen.push(key);
        }
    }
    let mut ranked: Vec<(usize, usize, &str)> =
        counted.into_iter().map(|(_, entry)| entry).collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(b.2)));
    ranked
        .into_iter()
        .take(MAX_PHRASES)
        .map(|(_, _, phrase)| phrase.to_owned())
        .collect()
}

/// `text` with `phrase` added at its end, after a space when it has words.
pub fn with_phrase(text: &str, phrase: &str) -> String {
    let text = text.trim_end();
    if text.is_empty() {
        phrase.to_owned()
    } else {
        format!("{text} {phrase}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinical::session_form::tests::{client, today};
    use crate::clinical::session_form::SessionInput;
    use crate::clinical::session_note::Soap;
    use proptest::prelude::*;

    fn note(date: &str, subjective: &str) -> SessionNote {
        SessionInput {
            client: Some(client()),
            date: date.into(),
            soap: Soap {
                subjective: subjective.into(),
                objective: "Occiput restricted.".into(),
                ..Soap::default()
            },
            ..SessionInput::default()
        }
        .validate(today())
        .unwrap()
    }

    #[test]
    fn sentences_end_at_stops_and_line_breaks_but_not_inside_numbers() {
        assert_eq!(
            sentences("Rate 8.5 at the head. Jaw tight!\nSlept well  \n\nOK? ok"),
            ["Rate 8.5 at the head.", "Jaw tight!", "Slept well", "OK?"]
        );
        assert!(sentences("  ").is_empty());
    }

    #[test]
    fn the_most_written_phrases_come_first_then_the_newest() {
        let notes = [
            note(
                "2026-01-05",
                "Migraine twice this week. Jaw tight on waking.",
            ),
            note("2026-01-12", "Jaw tight on waking. Slept better."),
            note(
                "2026-01-19",
                "jaw tight on waking. Neck stiff after work. Neck stiff after work.",
            ),
        ];
        assert_eq!(
            quick_phrases(&notes, SoapField::Subjective, ""),
            [
                "jaw tight on waking.",
                "Neck stiff after work.",
                "Slept better.",
                "Migraine twice this week."
            ]
        );
        assert_eq!(
            quick_phrases(&notes, SoapField::Objective, ""),
            ["Occiput restricted."]
        );
        assert!(quick_phrases(&notes, SoapField::Plan, "").is_empty());
    }

    #[test]
    fn what_the_field_holds_long_sentences_and_old_notes_are_not_offered() {
        let long = format!("{}.", "Very long observation ".repeat(5));
        let mut notes = vec![note("2025-01-01", "Only in an old note.")];
        notes.extend((1..=NOTES_READ).map(|day| {
            note(
                &format!("2026-02-{day:02}"),
                &format!("Jaw tight. Headache. {long}"),
            )
        }));
        assert_eq!(
            quick_phrases(&notes, SoapField::Subjective, "Client says: jaw tight. "),
            ["Headache."]
        );
    }

    #[test]
    fn a_phrase_is_added_after_the_words_already_there() {
        assert_eq!(with_phrase("", "Jaw tight."), "Jaw tight.");
        assert_eq!(
            with_phrase("Slept well. \n", "Jaw tight."),
            "Slept well. Jaw tight."
        );
    }

    proptest! {
        #[test]
        fn phrases_are_capped_distinct_and_come_from_the_notes(
            texts in proptest::collection::vec("[a-c ]{0,12}(\\. [a-c]{0,6})?", 0..30)
        ) {
            let notes: Vec<SessionNote> = texts.iter().map(|text| note("2026-01-05", text)).collect();
            let phrases = quick_phrases(&notes, SoapField::Subjective, "");
            prop_assert!(phrases.len() <= MAX_PHRASES);
            let lower: Vec<String> = phrases.iter().map(|phrase| phrase.to_lowercase()).collect();
            for (index, phrase) in lower.iter().enumerate() {
                prop_assert!(!lower[..index].contains(phrase));
            }
            for phrase in &phrases {
                prop_assert!(texts.iter().any(|text| text.contains(phrase.as_str())));
            }
            prop_assert_eq!(&phrases, &quick_phrases(notes.iter().rev(), SoapField::Subjective, ""));
        }
    }
}
