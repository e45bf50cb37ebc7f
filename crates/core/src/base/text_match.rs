//! Matching words in what clients and therapists type, without regard to
//! case or accents.
//!
//! Screening reads medication names and free-text notes as well as ticks, so
//! "ELIQUIS 5 mg" and "héparine" must be found as readily as a ticked box.
//! Whole-word matching keeps a keyword such as "clot" from firing on
//! "clothing"; the therapist's own "mentions" rules keep plain substring
//! matching, which is what they were written against.

/// Lower-cases and folds the accents of every Latin letter of Latin-1 and
/// Latin Extended-A (and Romanian ș ț), so "Zoë" matches "zoe", "Łukasz"
/// "lukasz", "Șerban" "serban" and "Strauß" "strauss". A table rather than
/// full Unicode normalisation: it covers the names and words therapists
/// type and keeps the first-load wasm small. Combining accents (text pasted
/// as a letter plus an accent, as macOS writes names) are dropped too.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
    {
        match folded_letter(c) {
            Some(plain) => folded.push_str(plain),
            None => folded.push(c),
        }
    }
    folded
}

/// The plain letters a lower-case accented Latin letter is matched as.
fn folded_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ð' | 'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
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

    proptest::proptest! {
        /// Folding twice is folding once, so a folded query matches a
        /// folded name however often either was folded.
        #[test]
        fn folding_is_idempotent(text in "\\PC{0,40}") {
            let once = fold(&text);
            proptest::prop_assert_eq!(fold(&once), once);
        }
    }

    #[test]
    fn latin_letters_fold_to_what_a_plain_keyboard_types() {
        let cases = [
            ("Łukasz Wąs", "lukasz was"),
            ("Ștefan Țurcan", "stefan turcan"),
            ("Şükrü Ağır", "sukru agir"),
            ("Dvořák Růžena", "dvorak ruzena"),
            ("Erdős Győző", "erdos gyozo"),
            ("Đorđe", "dorde"),
            ("Strauß", "strauss"),
            ("Ærøskøbing Œuvre", "aeroskobing oeuvre"),
            // Decomposed, as macOS pastes it.
            ("E\u{301}mile", "emile"),
            ("İlkay", "ilkay"),
        ];
        for (typed, plain) in cases {
            assert_eq!(fold(typed), plain, "{typed}");
        }
    }

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
