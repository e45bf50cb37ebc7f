//! The floor for passphrases that protect a backup, and suggested
//! passphrases that clear it by far.
//!
//! An export file holds the practice's health records, and anyone who gets
//! a copy (a lost tablet, a shared cloud folder) can try passphrases offline
//! for as long as they like: scrypt makes each guess cost about half a
//! second, which does nothing for "1234". So the app, the sync worker and
//! the command line refuse weak passphrases when *writing* a file, with one
//! rule: [`check_passphrase`]. Opening a file accepts any passphrase, so
//! backups made before the floor existed still restore.
//!
//! [`suggest_passphrase`] offers ten words drawn uniformly from an embedded
//! list of 2,273 common English words: log2(2273) × 10 ≈ 111.5 bits, at
//! least the ≈ 110 bits of the passphrases age itself generates (ten words
//! of the 2,048-word BIP 39 list).
//!
//! Provenance: both lists (`passphrase/words.txt`, `passphrase/common.txt`)
//! were written for Stillpoint and are under the project's licence
//! (MIT OR Apache-2.0). The word list is everyday English, three to eight
//! letters, with unpleasant words and words that sound like another word
//! in the list left out, so a passphrase can be read aloud. The common
//! passphrases are widely known facts from published breach rankings
//! (the most used passwords) plus a few a therapist would reach for
//! ("massage", "stillpoint"); no list was copied.

use crate::base::environment::Environment;

/// The shortest passphrase accepted, in characters: 12. Most passwords in
/// breach lists are shorter, so this floor alone removes the guesses an
/// attacker tries first, while three short words with spaces ("red cup
/// sea") already clear it and the app's hint asks for four words or more.
/// NIST SP 800-63B asks for at least 8 characters where a server limits
/// guesses; a backup file limits nothing, so the floor is higher.
pub const MIN_CHARACTERS: usize = 12;

/// The fewest different characters accepted: 5. Fewer means a pattern of a
/// handful of keys ("aabbaabbaab"), whatever the length.
pub const MIN_DISTINCT: usize = 5;

/// How many words [`suggest_passphrase`] draws: ten, as age does.
pub const SUGGESTED_WORDS: usize = 10;

/// The words suggested passphrases are drawn from, one a line, sorted.
const WORDS: &str = include_str!("passphrase/words.txt");

/// The most common passwords and passphrases, lower case, one a line.
const COMMON: &str = include_str!("passphrase/common.txt");

/// Runs of keys people type as "random": the alphabet, digits and keyboard
/// rows and columns. A passphrase inside one (forwards or backwards) is a
/// sequence.
const SEQUENCES: [&str; 5] = [
    "abcdefghijklmnopqrstuvwxyz",
    "01234567890123456789",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qwertzuiopasdfghjklyxcvbnm",
];

/// Why a passphrase is too weak to protect a backup. Each message says what
/// to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeakPassphrase {
    /// Shorter than [`MIN_CHARACTERS`].
    #[error("Use at least {min} characters (this has {length}). A few ordinary words together are long enough and easy to remember.")]
    TooShort {
        /// The passphrase's length, in characters.
        length: usize,
        /// [`MIN_CHARACTERS`].
        min: usize,
    },
    /// One of the most used passwords, perhaps with digits or marks around it.
    #[error("This is one of the passwords people use most, so it is among the first anyone would try. Choose words of your own, or use a suggested passphrase.")]
    Common,
    /// One character or group of characters repeated.
    #[error("This repeats the same character or group of characters, which is quick to guess. Use different words.")]
    Repeated,
    /// A run along the alphabet, the digits or the keyboard.
    #[error("This is a simple sequence (like 1234, abcd or a row of the keyboard), which is quick to guess. Use words instead.")]
    Sequence,
    /// Fewer than [`MIN_DISTINCT`] different characters.
    #[error("This uses only {distinct} different characters, which is quick to guess. Use a few ordinary words.")]
    FewCharacters {
        /// How many different characters it has.
        distinct: usize,
    },
}

/// Checks that `passphrase` is strong enough to seal a backup: long
/// enough, not a common password, not a repetition or a sequence, and made
/// of enough different characters. Letter case, spaces and the usual word
/// separators do not count towards a pattern, so "Pass word 1234" is as
/// weak as "password".
pub fn check_passphrase(passphrase: &str) -> Result<(), WeakPassphrase> {
    let length = passphrase.chars().count();
    if length < MIN_CHARACTERS {
        return Err(WeakPassphrase::TooShort {
            length,
            min: MIN_CHARACTERS,
        });
    }
    let squeezed: String = passphrase
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '_' | '.'))
        .flat_map(char::to_lowercase)
        .collect();
    if is_common(&squeezed) {
        return Err(WeakPassphrase::Common);
    }
    let chars: Vec<char> = passphrase.chars().flat_map(char::to_lowercase).collect();
    if repeats_a_group(&chars) || repeats_a_group(&squeezed.chars().collect::<Vec<_>>()) {
        return Err(WeakPassphrase::Repeated);
    }
    if is_sequence(&squeezed) {
        return Err(WeakPassphrase::Sequence);
    }
    let mut distinct = chars.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < MIN_DISTINCT {
        return Err(WeakPassphrase::FewCharacters {
            distinct: distinct.len(),
        });
    }
    Ok(())
}

/// Whether `squeezed` is a common password, as is or once the digits and
/// marks people add around one ("Password123!") are taken off.
fn is_common(squeezed: &str) -> bool {
    let core = squeezed.trim_matches(|c: char| !c.is_alphabetic());
    COMMON
        .lines()
        .any(|common| common == squeezed || common == core)
}

/// Whether `chars` is one group of at most half its length, repeated (the
/// last repetition may be cut short): "aaaa", "abcabcab", "blue sky blue sky".
fn repeats_a_group(chars: &[char]) -> bool {
    (1..=chars.len() / 2).any(|period| {
        chars
            .iter()
            .enumerate()
            .all(|(index, c)| *c == chars[index % period])
    })
}

/// Whether `squeezed` runs along one of [`SEQUENCES`], either way.
fn is_sequence(squeezed: &str) -> bool {
    let backwards: String = squeezed.chars().rev().collect();
    SEQUENCES
        .iter()
        .any(|run| run.contains(squeezed) || run.contains(backwards.as_str()))
}

/// A passphrase to offer the therapist: [`SUGGESTED_WORDS`] words of the
/// embedded list joined by hyphens, each drawn uniformly with randomness
/// from `env` (the same environment gives the same suggestion). Every
/// suggestion passes [`check_passphrase`]; the rare draw that would not
/// (ten times one word) is drawn again.
pub fn suggest_passphrase(env: &mut dyn Environment) -> String {
    let words: Vec<&str> = WORDS.lines().collect();
    loop {
        let mut picked = Vec::with_capacity(SUGGESTED_WORDS);
        while picked.len() < SUGGESTED_WORDS {
            let bytes = env.random_bytes();
            let draws = bytes
                .chunks_exact(2)
                .map(|pair| u16::from_le_bytes([pair[0], pair[1]]));
            picked.extend(
                draws
                    .filter_map(|draw| uniform_index(draw, words.len()))
                    .map(|index| words[index]),
            );
        }
        picked.truncate(SUGGESTED_WORDS);
        let passphrase = picked.join("-");
        if check_passphrase(&passphrase).is_ok() {
            return passphrase;
        }
    }
}

/// `draw` as an index below `count`, every index equally likely: `None` for
/// a draw in the top part of the `u16` range that `count` does not divide
/// evenly (taking it modulo `count` would favour the low indexes).
fn uniform_index(draw: u16, count: usize) -> Option<usize> {
    let range = usize::from(u16::MAX) + 1;
    let usable = range - range % count;
    let draw = usize::from(draw);
    (draw < usable).then_some(draw % count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::base::environment::SeededEnvironment;
    use proptest::prelude::*;

    #[test]
    fn the_floor_refuses_the_weakest_passphrases() {
        assert_eq!(
            check_passphrase("1"),
            Err(WeakPassphrase::TooShort { length: 1, min: 12 })
        );
        assert!(matches!(
            check_passphrase("1234"),
            Err(WeakPassphrase::TooShort { length: 4, .. })
        ));
        assert!(matches!(
            check_passphrase("password"),
            Err(WeakPassphrase::TooShort { .. })
        ));
        assert_eq!(
            check_passphrase("aaaaaaaaaaaa"),
            Err(WeakPassphrase::Repeated)
        );
        assert!(check_passphrase("").is_err());
    }

    #[test]
    fn each_rule_has_its_reason() {
        for common in [
            "password1234",
            "Password 123456!",
            "correct horse battery staple",
            "Q W E R T Y U I O P 1",
        ] {
            assert_eq!(
                check_passphrase(common),
                Err(WeakPassphrase::Common),
                "{common}"
            );
        }
        for repeated in ["abcabcabcabc", "blue sky blue sky", "1212121212121"] {
            assert_eq!(
                check_passphrase(repeated),
                Err(WeakPassphrase::Repeated),
                "{repeated}"
            );
        }
        for sequence in ["123456789012", "zyxwvutsrqpon", "asdfghjklzxc"] {
            assert_eq!(
                check_passphrase(sequence),
                Err(WeakPassphrase::Sequence),
                "{sequence}"
            );
        }
        assert_eq!(
            check_passphrase("aabbaabbaabbbb"),
            Err(WeakPassphrase::FewCharacters { distinct: 2 })
        );
        for strong in ["otter lantern cobalt quilt", "Meet me at the old mill, 7pm"] {
            assert_eq!(check_passphrase(strong), Ok(()), "{strong}");
        }
        // Every reason reads as a sentence the therapist can act on.
        let reason = check_passphrase("1234").unwrap_err().to_string();
        assert!(reason.contains("at least 12 characters"), "{reason}");
    }

    #[test]
    fn the_word_list_is_long_sorted_and_plain() {
        let words: Vec<&str> = WORDS.lines().collect();
        assert!(words.len() >= 2048, "{} words", words.len());
        assert!(words.len() <= usize::from(u16::MAX));
        assert!(
            words.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted, no repeats"
        );
        assert!(words
            .iter()
            .all(|word| (3..=8).contains(&word.len())
                && word.bytes().all(|b| b.is_ascii_lowercase())));
        let bits = (words.len() as f64).log2() * SUGGESTED_WORDS as f64;
        assert!(bits >= 110.0, "{bits} bits, less than age's passphrases");
    }

    #[test]
    fn the_common_list_is_lower_case_without_spaces() {
        assert!(COMMON.lines().count() <= 500);
        assert!(COMMON.lines().all(|common| !common.is_empty()
            && common
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_uppercase())));
    }

    #[test]
    fn draws_above_the_last_whole_multiple_are_rejected() {
        // 65,536 = 28 × 2,340 + 16: the top 16 draws would favour 0..16.
        assert_eq!(uniform_index(0, 2340), Some(0));
        assert_eq!(uniform_index(65_519, 2340), Some(2339));
        assert_eq!(uniform_index(65_520, 2340), None);
        assert_eq!(uniform_index(u16::MAX, 2048), Some(2047));
    }

    proptest! {
        #[test]
        fn suggestions_are_list_words_repeatable_and_pass_the_floor(seed: u64) {
            let suggest = || suggest_passphrase(&mut SeededEnvironment::new(seed, 0, 1));
            let suggestion = suggest();
            prop_assert_eq!(&suggestion, &suggest());
            let words: Vec<&str> = suggestion.split('-').collect();
            prop_assert_eq!(words.len(), SUGGESTED_WORDS);
            prop_assert!(words.iter().all(|word| WORDS.lines().any(|listed| listed == *word)));
            prop_assert_eq!(check_passphrase(&suggestion), Ok(()));
            let other = suggest_passphrase(&mut SeededEnvironment::new(seed ^ 1, 0, 1));
            prop_assert_ne!(suggestion, other);
        }
    }
}
