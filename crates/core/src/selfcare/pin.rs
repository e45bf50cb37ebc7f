//! The therapist's PIN that locks the client view: how it is kept (a
//! salted, slow hash, never the digits), which PINs are refused, and how
//! wrong guesses are slowed.
//!
//! The hash is PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) with 600,000 iterations,
//! following OWASP's Password Storage Cheat Sheet (2023) for this hash; the
//! count is stored with the hash so it can be raised later without locking
//! anyone out. Core does not compute it: the browser's `crypto.subtle`
//! does, off the page's thread and without PBKDF2 in the app's wasm. Core
//! holds what is stored ([`PinHash`]) and compares a derived key with it.
//! The derivation's inputs are fixed here ([`PinHash::derivation_input`]),
//! so every caller derives the same bytes, and hashes stored by earlier
//! builds (which derived in wasm) keep verifying.
//!
//! A PIN has few digits, so the hash only keeps it from being read off the
//! device in clear. What stops a client guessing at the tablet is the
//! wait after each run of wrong tries ([`PinLock`]): 30 seconds, then 5
//! minutes, then an hour for every further run — about 120 guesses a day
//! at most, against 10,000 four-digit PINs, once the most guessed ones
//! ([`Pin::new`] refuses them) are out of the way. A try is counted
//! before the PIN is checked ([`PinLock::charge`]), in the same
//! transaction that reads the count, so two tabs guessing at once each use
//! up a try. The caller supplies the salt and the time: core reads neither
//! randomness nor the clock.

use serde::{Deserialize, Serialize};

/// PBKDF2 iterations for new PINs.
pub const PIN_ITERATIONS: u32 = 600_000;
/// Wrong tries in a run before a wait.
pub const TRIES_PER_RUN: u8 = 5;
/// The wait after the first, second and every later run of wrong tries.
/// The last is the cap: no wait is ever longer, whatever the clock did.
pub const WAITS_MILLIS: [u64; 3] = [30_000, 5 * 60_000, 60 * 60_000];

/// Why a PIN cannot be set.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum PinError {
    /// Not 4 to 8 digits.
    #[error("Use 4 to 8 digits.")]
    Shape,
    /// The confirmation differs.
    #[error("The two PINs are different. Type the same PIN twice.")]
    Mismatch,
    /// Among the PINs people guess first.
    #[error(
        "That PIN is one people guess first (a repeated digit, a run like 1234, \
         a year or a date). Choose digits with no pattern."
    )]
    Common,
}

/// A PIN as set: 4 to 8 digits, none of the most guessed.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    /// The PIN typed twice, if it is 4 to 8 digits both times and not
    /// one of the PINs guessed first.
    pub fn new(pin: &str, again: &str) -> Result<Self, PinError> {
        let pin = pin.trim();
        if !(4..=8).contains(&pin.len()) || !pin.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(PinError::Shape);
        }
        if pin != again.trim() {
            return Err(PinError::Mismatch);
        }
        if is_common(pin) {
            return Err(PinError::Common);
        }
        Ok(Self(pin.to_owned()))
    }

    /// The digits, for the caller that derives the hash.
    pub fn digits(&self) -> &str {
        &self.0
    }
}

/// The PINs most guessed, from Berry's analysis of 3.4 million leaked
/// four-digit PINs (DataGenetics, "PIN analysis", 2012: the top 20 cover
/// about 27 % of them) and the shapes it found behind them.
const MOST_GUESSED: [&str; 20] = [
    "1234", "1111", "0000", "1212", "7777", "1004", "2000", "4444", "2222", "6969", "9999", "3333",
    "5555", "6666", "1122", "1313", "8888", "4321", "2001", "1010",
];

/// Whether `pin` (digits only) has a shape people pick first: one digit
/// repeated, a run up or down (1234, 9876, 0123), a repeated pair or half
/// (1212, 123123), a year from 1900 to 2099, a day and month (DDMM or
/// MMDD), or one of [`MOST_GUESSED`].
fn is_common(pin: &str) -> bool {
    let digits: Vec<u8> = pin.bytes().map(|byte| byte - b'0').collect();
    let steps: Vec<i8> = digits
        .windows(2)
        .map(|pair| pair[1] as i8 - pair[0] as i8)
        .collect();
    let one_step = steps.iter().all(|step| *step == steps[0]) && steps[0].abs() <= 1;
    let repeats_with_period = |period: usize| {
        digits.len() % period == 0
            && period < digits.len()
            && digits
                .chunks(period)
                .all(|chunk| chunk == &digits[..period])
    };
    let number = |range: std::ops::Range<usize>| -> u32 {
        digits[range]
            .iter()
            .fold(0, |value, digit| value * 10 + u32::from(*digit))
    };
    let is_day_month = |day: u32, month: u32| (1..=31).contains(&day) && (1..=12).contains(&month);
    let four = digits.len() == 4;
    MOST_GUESSED.contains(&pin)
        || one_step
        || (1..=digits.len() / 2).any(repeats_with_period)
        || (four && (1900..=2099).contains(&number(0..4)))
        || (four && is_day_month(number(0..2), number(2..4)))
        || (four && is_day_month(number(2..4), number(0..2)))
}

/// The words that unlock the tablet when the PIN is forgotten: made with
/// the PIN, shown once for the therapist to write down, and kept only as a
/// hash like the PIN's. Ten words from the passphrase list (about 111
/// bits), so unlike the PIN it cannot be guessed at the tablet; it still
/// counts against the same wrong tries. Without it a forgotten PIN costs
/// whatever changed since the last backup; with it, nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct RecoveryPhrase(String);

impl RecoveryPhrase {
    /// A new phrase from the caller's randomness.
    pub fn new(env: &mut dyn crate::base::environment::Environment) -> Self {
        Self(crate::base::passphrase::suggest_passphrase(env))
    }

    /// The words, to show once.
    pub fn words(&self) -> &str {
        &self.0
    }

    /// A phrase as typed, in the form it is hashed in: lower case, words
    /// joined by single hyphens however they were separated (spaces,
    /// hyphens, commas, line breaks), so a phrase copied from paper in
    /// another layout still matches.
    pub fn normalize(typed: &str) -> String {
        typed
            .split(|character: char| {
                character.is_whitespace() || character == '-' || character == ','
            })
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// What is stored for a PIN.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinHash {
    salt: [u8; 16],
    iterations: u32,
    hash: [u8; 32],
}

/// What PBKDF2-HMAC-SHA256 is run on to make or check a [`PinHash`]: the
/// password bytes, the salt and the iteration count. The derived key is
/// 32 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DerivationInput<'a> {
    /// The PIN's digits as UTF-8, surrounding spaces removed.
    pub password: &'a [u8],
    /// The stored (or new) salt.
    pub salt: [u8; 16],
    /// The iteration count.
    pub iterations: u32,
}

impl PinHash {
    /// What to derive for a new PIN under `salt` (16 random bytes from the
    /// caller); [`PinHash::from_derived`] then keeps the result.
    pub fn derivation_for_new(pin: &Pin, salt: [u8; 16]) -> DerivationInput<'_> {
        DerivationInput {
            password: pin.0.as_bytes(),
            salt,
            iterations: PIN_ITERATIONS,
        }
    }

    /// What to derive for a new recovery phrase under `salt`.
    pub fn derivation_for_recovery(phrase: &RecoveryPhrase, salt: [u8; 16]) -> DerivationInput<'_> {
        DerivationInput {
            password: phrase.0.as_bytes(),
            salt,
            iterations: PIN_ITERATIONS,
        }
    }

    /// What to derive to check `attempt` against this hash.
    pub fn derivation_input<'a>(&self, attempt: &'a str) -> DerivationInput<'a> {
        DerivationInput {
            password: attempt.trim().as_bytes(),
            salt: self.salt,
            iterations: self.iterations,
        }
    }

    /// The stored form of a PIN whose key, derived from `input`, is `derived`.
    pub fn from_derived(input: DerivationInput<'_>, derived: [u8; 32]) -> Self {
        Self {
            salt: input.salt,
            iterations: input.iterations,
            hash: derived,
        }
    }

    /// Whether a key derived from [`PinHash::derivation_input`] is this
    /// PIN's, compared in constant time.
    pub fn matches_derived(&self, derived: &[u8]) -> bool {
        derived.len() == self.hash.len()
            && derived
                .iter()
                .zip(self.hash.iter())
                .fold(0u8, |difference, (left, right)| difference | (left ^ right))
                == 0
    }
}

/// Wrong tries so far and any wait they caused. Kept by the caller across
/// reloads, so reloading does not reset the count.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
pub struct PinLock {
    /// Wrong tries in the current run.
    wrong: u8,
    wait_until_millis: Option<u64>,
    /// Runs of wrong tries so far (each ended in a wait). Absent in locks
    /// stored before waits grew.
    #[serde(default)]
    runs: u8,
}

/// What a try at the PIN came to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TryOutcome {
    /// The PIN was right.
    Unlocked,
    /// Wrong; this many tries remain before a wait of `next_wait_seconds`.
    Wrong {
        /// Tries left.
        left: u8,
        /// How long the wait after them lasts.
        next_wait_seconds: u64,
    },
    /// Too many wrong tries: wait this many seconds (rounded up).
    Wait {
        /// Seconds to wait.
        seconds: u64,
    },
}

impl PinLock {
    /// The length of the wait after `runs` runs of wrong tries.
    fn wait_after(runs: u8) -> u64 {
        WAITS_MILLIS[usize::from(runs.max(1) - 1).min(WAITS_MILLIS.len() - 1)]
    }

    /// Seconds still to wait at `now_millis`, if waiting. Never more than
    /// the wait's own length: a clock moved back after a wait began (or set
    /// ahead while it was set) cannot stretch it.
    pub fn waiting(&self, now_millis: u64) -> Option<u64> {
        let length = Self::wait_after(self.runs);
        self.wait_until_millis
            .filter(|until| *until > now_millis)
            .map(|until| (until - now_millis).min(length).div_ceil(1000))
    }

    /// Counts a try at `now_millis` as wrong before the PIN is checked, and
    /// says what a wrong PIN comes to; the caller stores the lock in the
    /// same transaction it read it in, then checks the PIN and calls
    /// [`PinLock::unlocked`] if it was right. During a wait nothing is
    /// counted and the PIN is not even checked (`Err` holds the seconds).
    pub fn charge(&mut self, now_millis: u64) -> Result<TryOutcome, u64> {
        if let Some(seconds) = self.waiting(now_millis) {
            return Err(seconds);
        }
        if self.wait_until_millis.take().is_some() {
            self.wrong = 0;
        }
        self.wrong += 1;
        if self.wrong >= TRIES_PER_RUN {
            self.runs = self.runs.saturating_add(1);
            let length = Self::wait_after(self.runs);
            self.wait_until_millis = Some(now_millis + length);
            Ok(TryOutcome::Wait {
                seconds: length / 1000,
            })
        } else {
            Ok(TryOutcome::Wrong {
                left: TRIES_PER_RUN - self.wrong,
                next_wait_seconds: Self::wait_after(self.runs + 1) / 1000,
            })
        }
    }

    /// The PIN was right: the count, any wait and the escalation end.
    pub fn unlocked(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Sha256;

    /// The reference derivation, as the browser's PBKDF2 computes it.
    fn derive(input: DerivationInput<'_>) -> [u8; 32] {
        pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(input.password, &input.salt, input.iterations)
    }

    /// Few iterations keep the tests fast; the count is a field of the
    /// same stored shape.
    fn quick(pin: &str) -> PinHash {
        let pin = Pin::new(pin, pin).unwrap();
        let input = DerivationInput {
            iterations: 10,
            ..PinHash::derivation_for_new(&pin, [7; 16])
        };
        PinHash::from_derived(input, derive(input))
    }

    fn check(hash: &PinHash, attempt: &str) -> bool {
        hash.matches_derived(&derive(hash.derivation_input(attempt)))
    }

    /// One try as the app makes it: charged first, refunded when right.
    fn attempt(lock: &mut PinLock, hash: &PinHash, pin: &str, now: u64) -> TryOutcome {
        match lock.charge(now) {
            Err(seconds) => TryOutcome::Wait { seconds },
            Ok(_) if check(hash, pin) => {
                lock.unlocked();
                TryOutcome::Unlocked
            }
            Ok(if_wrong) => if_wrong,
        }
    }

    #[test]
    fn pins_are_four_to_eight_digits_typed_twice() {
        assert!(Pin::new("2468", "2468").is_ok());
        assert!(Pin::new("31415926", "31415926").is_ok());
        for bad in ["123", "123456789", "12a4", "", "12 34"] {
            assert_eq!(Pin::new(bad, bad).err(), Some(PinError::Shape), "{bad:?}");
        }
        assert_eq!(Pin::new("2468", "2486").err(), Some(PinError::Mismatch));
    }

    #[test]
    fn a_recovery_phrase_matches_however_it_is_written_down() {
        let mut environment = crate::base::environment::SeededEnvironment::new(4, 0, 1);
        let phrase = RecoveryPhrase::new(&mut environment);
        assert_eq!(phrase.words().split('-').count(), 10);
        let input = DerivationInput {
            iterations: 10,
            ..PinHash::derivation_for_recovery(&phrase, [3; 16])
        };
        let hash = PinHash::from_derived(input, derive(input));
        let spaced = phrase.words().replace('-', "  ").to_uppercase();
        for typed in [
            phrase.words().to_owned(),
            spaced,
            format!(" {}\n", phrase.words()),
        ] {
            let normalized = RecoveryPhrase::normalize(&typed);
            assert!(check(&hash, &normalized), "{typed:?}");
        }
        let one_word_short: Vec<&str> = phrase.words().split('-').skip(1).collect();
        assert!(!check(
            &hash,
            &RecoveryPhrase::normalize(&one_word_short.join(" "))
        ));
    }

    #[test]
    fn the_pins_guessed_first_are_refused() {
        let table = [
            ("0000", true),
            ("1234", true),
            ("1111", true),
            ("4321", true),
            ("9876", true),
            ("0123", true),
            ("1212", true),
            ("123123", true),
            ("12345678", true),
            ("1985", true),
            ("2024", true),
            ("2512", true), // 25 December
            ("1225", true), // December 25
            ("0101", true),
            ("6969", true),
            ("2468", false), // even digits: a pattern, but not a most guessed one
            ("8355", false),
            ("4930", false),
            ("739105", false),
            ("31415926", false),
        ];
        for (pin, common) in table {
            assert_eq!(
                Pin::new(pin, pin).err() == Some(PinError::Common),
                common,
                "{pin}"
            );
        }
    }

    #[test]
    fn the_hash_matches_rfc_7914_pbkdf2_sha256_vector() {
        // RFC 7914 §11, PBKDF2-HMAC-SHA256 with P="passwd", S="salt", c=1.
        let derived = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(b"passwd", b"salt", 1);
        assert_eq!(derived[..4], [0x55, 0xac, 0x04, 0x6e]);
    }

    #[test]
    fn a_hash_stored_by_an_earlier_build_still_verifies() {
        // Stored by the build that derived in wasm: PIN 2468, salt [5; 16],
        // 600,000 iterations (the app's browser test checks crypto.subtle
        // against the same record).
        let stored: PinHash = serde_json::from_str(include_str!("pin_hash_2468.json")).unwrap();
        let input = stored.derivation_input(" 2468 ");
        assert_eq!(input.iterations, PIN_ITERATIONS);
        assert!(stored.matches_derived(&derive(input)));
        assert!(!stored.matches_derived(&derive(stored.derivation_input("2469"))));
        assert!(
            !stored.matches_derived(&[0; 31]),
            "a short key never matches"
        );
    }

    #[test]
    fn only_the_pin_matches_and_the_digits_are_not_stored() {
        let hash = quick("2468");
        assert!(check(&hash, "2468"));
        assert!(!check(&hash, "2469"));
        let stored = serde_json::to_string(&hash).unwrap();
        assert!(!stored.contains("2468"));
        let pin = Pin::new("2468", "2468").unwrap();
        let input = DerivationInput {
            iterations: 10,
            ..PinHash::derivation_for_new(&pin, [8; 16])
        };
        assert_ne!(
            PinHash::from_derived(input, derive(input)),
            hash,
            "the salt changes the hash"
        );
    }

    #[test]
    fn waits_grow_from_thirty_seconds_to_five_minutes_to_an_hour_and_stop_there() {
        let hash = quick("2468");
        let mut lock = PinLock::default();
        let mut now = 1_000;
        for (run, wait) in [(1, 30), (2, 300), (3, 3_600), (4, 3_600), (5, 3_600)] {
            for left in (1..TRIES_PER_RUN).rev() {
                let outcome = attempt(&mut lock, &hash, "0000", now);
                let TryOutcome::Wrong {
                    left: said,
                    next_wait_seconds,
                } = outcome
                else {
                    panic!("run {run}: {outcome:?}");
                };
                assert_eq!((said, next_wait_seconds), (left, wait), "run {run}");
            }
            assert_eq!(
                attempt(&mut lock, &hash, "0000", now),
                TryOutcome::Wait { seconds: wait }
            );
            assert_eq!(
                attempt(&mut lock, &hash, "2468", now + 1_000),
                TryOutcome::Wait { seconds: wait - 1 },
                "even the right PIN waits"
            );
            now += wait * 1_000;
            assert_eq!(lock.waiting(now), None);
        }
        assert_eq!(attempt(&mut lock, &hash, "2468", now), TryOutcome::Unlocked);
        assert_eq!(
            lock,
            PinLock::default(),
            "the right PIN ends the escalation"
        );
    }

    #[test]
    fn a_wait_is_never_longer_than_its_length_whatever_the_clock_did() {
        let hash = quick("2468");
        let mut lock = PinLock::default();
        let a_year_ahead = 365 * 24 * 3_600_000 + 1_000;
        for _ in 0..TRIES_PER_RUN {
            attempt(&mut lock, &hash, "0000", a_year_ahead);
        }
        // The clock is set back to today: the wait is still 30 seconds.
        assert_eq!(lock.waiting(1_000), Some(30));
        let stored_by_an_earlier_build: PinLock =
            serde_json::from_str(r#"{"wrong":5,"wait_until_millis":999999999999}"#).unwrap();
        assert_eq!(stored_by_an_earlier_build.waiting(1_000), Some(30));
    }

    #[test]
    fn every_try_is_counted_before_the_pin_is_checked() {
        // Two tabs each read the lock, charge it and store it in one
        // transaction: they cannot both use the same try.
        let mut lock = PinLock::default();
        let first = lock.charge(1_000);
        let second = lock.charge(1_000);
        assert_eq!(
            (first, second),
            (
                Ok(TryOutcome::Wrong {
                    left: 4,
                    next_wait_seconds: 30
                }),
                Ok(TryOutcome::Wrong {
                    left: 3,
                    next_wait_seconds: 30
                })
            )
        );
    }
}
