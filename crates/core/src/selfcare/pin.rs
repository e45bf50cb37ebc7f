//! The therapist's PIN that locks the client view: how it is kept (a
//! salted, slow hash, never the digits) and how wrong guesses are slowed.
//!
//! The hash is PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) through the RustCrypto
//! `pbkdf2` crate, already in the build through `age`'s scrypt, so no new
//! code is compiled in. 600,000 iterations follows OWASP's Password Storage
//! Cheat Sheet (2023) for this hash; the count is stored with the hash so
//! it can be raised later without locking anyone out. A PIN has few digits,
//! so the hash only keeps it from being read off the device in clear; what
//! stops a client guessing at the tablet is the wait after five wrong tries
//! ([`PinLock`]). The caller supplies the salt and the time: core reads
//! neither randomness nor the clock.

use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// PBKDF2 iterations for new PINs.
pub const PIN_ITERATIONS: u32 = 600_000;
/// Wrong tries allowed before a wait.
pub const MAX_WRONG_TRIES: u8 = 5;
/// How long the wait lasts, in milliseconds.
pub const WAIT_MILLIS: u64 = 30_000;

/// Why a PIN cannot be set.
#[derive(Clone, Copy, PartialEq, Eq, Debug, thiserror::Error)]
pub enum PinError {
    /// Not 4 to 8 digits.
    #[error("Use 4 to 8 digits.")]
    Shape,
    /// The confirmation differs.
    #[error("The two PINs are different. Type the same PIN twice.")]
    Mismatch,
}

/// A PIN as set: 4 to 8 digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Pin(String);

impl Pin {
    /// The PIN typed twice, if it is 4 to 8 digits both times.
    pub fn new(pin: &str, again: &str) -> Result<Self, PinError> {
        let pin = pin.trim();
        if !(4..=8).contains(&pin.len()) || !pin.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(PinError::Shape);
        }
        if pin != again.trim() {
            return Err(PinError::Mismatch);
        }
        Ok(Self(pin.to_owned()))
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

fn derive(pin: &str, salt: &[u8; 16], iterations: u32) -> [u8; 32] {
    pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(pin.as_bytes(), salt, iterations)
}

impl PinHash {
    /// The hash of `pin` under `salt` (16 random bytes from the caller).
    pub fn new(pin: &Pin, salt: [u8; 16]) -> Self {
        Self::with_iterations(pin, salt, PIN_ITERATIONS)
    }

    fn with_iterations(pin: &Pin, salt: [u8; 16], iterations: u32) -> Self {
        Self {
            salt,
            iterations,
            hash: derive(&pin.0, &salt, iterations),
        }
    }

    /// Whether `attempt` is the PIN, compared in constant time.
    pub fn matches(&self, attempt: &str) -> bool {
        let derived = derive(attempt.trim(), &self.salt, self.iterations);
        derived
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
    wrong: u8,
    wait_until_millis: Option<u64>,
}

/// What a try at the PIN came to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TryOutcome {
    /// The PIN was right.
    Unlocked,
    /// Wrong; this many tries remain before a wait.
    Wrong {
        /// Tries left.
        left: u8,
    },
    /// Too many wrong tries: wait this many seconds (rounded up).
    Wait {
        /// Seconds to wait.
        seconds: u64,
    },
}

impl PinLock {
    /// Seconds still to wait at `now_millis`, if waiting.
    pub fn waiting(&self, now_millis: u64) -> Option<u64> {
        self.wait_until_millis
            .filter(|until| *until > now_millis)
            .map(|until| (until - now_millis).div_ceil(1000))
    }

    /// Tries `attempt` against `hash` at `now_millis`. During a wait the PIN
    /// is not even checked. After a wait, the count starts again.
    pub fn attempt(&mut self, hash: &PinHash, attempt: &str, now_millis: u64) -> TryOutcome {
        if let Some(seconds) = self.waiting(now_millis) {
            return TryOutcome::Wait { seconds };
        }
        if self.wait_until_millis.take().is_some() {
            self.wrong = 0;
        }
        if hash.matches(attempt) {
            *self = Self::default();
            return TryOutcome::Unlocked;
        }
        self.wrong += 1;
        if self.wrong >= MAX_WRONG_TRIES {
            self.wait_until_millis = Some(now_millis + WAIT_MILLIS);
            TryOutcome::Wait {
                seconds: WAIT_MILLIS / 1000,
            }
        } else {
            TryOutcome::Wrong {
                left: MAX_WRONG_TRIES - self.wrong,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Few iterations keep the tests fast; the count is a parameter of the
    /// same code path.
    fn quick(pin: &str) -> PinHash {
        PinHash::with_iterations(&Pin::new(pin, pin).unwrap(), [7; 16], 10)
    }

    #[test]
    fn pins_are_four_to_eight_digits_typed_twice() {
        assert!(Pin::new("1234", "1234").is_ok());
        assert!(Pin::new("12345678", "12345678").is_ok());
        for bad in ["123", "123456789", "12a4", "", "12 34"] {
            assert_eq!(Pin::new(bad, bad).err(), Some(PinError::Shape), "{bad:?}");
        }
        assert_eq!(Pin::new("1234", "1243").err(), Some(PinError::Mismatch));
    }

    #[test]
    fn the_hash_matches_rfc_7914_pbkdf2_sha256_vector() {
        // RFC 7914 §11, PBKDF2-HMAC-SHA256 with P="passwd", S="salt", c=1.
        let derived = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(b"passwd", b"salt", 1);
        assert_eq!(derived[..4], [0x55, 0xac, 0x04, 0x6e]);
    }

    #[test]
    fn only_the_pin_matches_and_the_digits_are_not_stored() {
        let hash = quick("2468");
        assert!(hash.matches("2468"));
        assert!(!hash.matches("2469"));
        let stored = serde_json::to_string(&hash).unwrap();
        assert!(!stored.contains("2468"));
        let other_salt = PinHash::with_iterations(&Pin::new("2468", "2468").unwrap(), [8; 16], 10);
        assert_ne!(other_salt, hash, "the salt changes the hash");
    }

    #[test]
    fn five_wrong_tries_mean_a_thirty_second_wait_then_a_fresh_count() {
        let hash = quick("2468");
        let mut lock = PinLock::default();
        for left in (1..MAX_WRONG_TRIES).rev() {
            assert_eq!(
                lock.attempt(&hash, "0000", 1_000),
                TryOutcome::Wrong { left }
            );
        }
        assert_eq!(
            lock.attempt(&hash, "0000", 1_000),
            TryOutcome::Wait { seconds: 30 }
        );
        assert_eq!(
            lock.attempt(&hash, "2468", 20_500),
            TryOutcome::Wait { seconds: 11 },
            "even the right PIN waits"
        );
        assert_eq!(lock.waiting(31_000), None);
        assert_eq!(
            lock.attempt(&hash, "0000", 31_000),
            TryOutcome::Wrong { left: 4 }
        );
        assert_eq!(lock.attempt(&hash, "2468", 31_001), TryOutcome::Unlocked);
        assert_eq!(lock, PinLock::default());
    }
}
