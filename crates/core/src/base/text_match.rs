//! Matching words in what clients and therapists type, without regard to
//! case or accents.
//!
//! Screening reads medication names and free-text notes as well as ticks, so
//! "ELIQUIS 5 mg" and "héparine" must be found as readily as a ticked box.
//! Whole-word matching keeps a keyword such as "clot" from firing on
//! "clothing"; the therapist's own "mentions" rules keep plain substring
//! matching, which is what they were written against.

/// Lower-cases and folds common Latin accents so "Zoë" matches "zoe".
/// A small table rather than full Unicode normalisation: it covers the names
/// and words therapists type and keeps the first-load wasm small. Combining
/// accents (text typed as a letter plus an accent) are dropped too.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            other => other,
        })
        .collect()
}

/// Text folded for matching: lower case, accents off, and every run of
/// anything but letters and digits turned into one space, with a space at
/// each end so whole words can be found by searching for " word ".
#[derive(Clone, PartialEq, Eq, Debug)]
pub(crate) struct Folded(String);

impl Folded {
    /// Folds `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut folded = String::from(" ");
        for word in fold(text).split(|c: char| !c.is_alphanumeric()) {
            if !word.is_empty() {
                folded.push_str(word);
                folded.push(' ');
            }
        }
        Self(folded)
    }

    /// Whether `phrase` appears as whole words ("blood clot" in "a blood
    /// clot in 2019", but "clot" not in "clothing").
    pub(crate) fn has_words(&self, phrase: &Folded) -> bool {
        phrase.0.len() > 1 && self.0.contains(&phrase.0)
    }

    /// Whether `phrase` appears anywhere, even inside a word.
    pub(crate) fn has_text(&self, phrase: &Folded) -> bool {
        let phrase = phrase.0.trim();
        !phrase.is_empty() && self.0.contains(phrase)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whole_and_regardless_of_case_and_accents() {
        // (text, phrase, as whole words, anywhere)
        let cases = [
            ("ELIQUIS 5 mg", "eliquis", true, true),
            ("Héparine", "heparine", true, true),
            ("He\u{301}parine", "heparine", true, true),
            ("heparine", "Héparine", true, true),
            ("new clothing", "clot", false, true),
            ("a blood-clot, 2019", "blood clot", true, true),
            ("blood\n\nclot", "blood clot", true, true),
            ("whiplash-associated", "whiplash", true, true),
            ("whiplashes", "whiplash", false, true),
            ("anything", "  ", false, false),
        ];
        for (text, phrase, words, anywhere) in cases {
            let (text_f, phrase_f) = (Folded::new(text), Folded::new(phrase));
            assert_eq!(text_f.has_words(&phrase_f), words, "{text:?} / {phrase:?}");
            assert_eq!(
                text_f.has_text(&phrase_f),
                anywhere,
                "{text:?} / {phrase:?}"
            );
        }
    }
}
