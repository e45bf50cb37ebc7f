//! The one doorway through which the core learns the time and gets randomness.
//!
//! Like typst's `World`, every outside fact the domain needs comes through a
//! single trait. The browser app implements it with `Date.now()` and
//! `crypto.getRandomValues`; the CLI with the system clock and OS randomness;
//! tests and the synthetic-practice generator with [`SeededEnvironment`], so a
//! run is repeatable byte for byte.

/// What the core needs from the host: the wall-clock time and fresh entropy.
pub trait Environment {
    /// Milliseconds since the Unix epoch according to the device's clock.
    ///
    /// The value may jump backwards or run ahead; the hybrid logical clock
    /// copes with both, so implementations should report the raw clock.
    fn now_millis(&self) -> u64;

    /// Sixteen fresh random bytes, used to mint UUID v4 identifiers.
    fn random_bytes(&mut self) -> [u8; 16];
}

/// A deterministic environment: a clock that advances by a fixed step on every
/// read of randomness, and a SplitMix64 stream seeded by the caller.
///
/// Used by tests and by synthetic-data generation, where the same seed must
/// give the same practice on every machine.
#[derive(Clone, Debug)]
pub struct SeededEnvironment {
    now_millis: u64,
    step_millis: u64,
    state: u64,
}

impl SeededEnvironment {
    /// Starts at `start_millis`; each call to [`Environment::random_bytes`]
    /// moves the clock on by `step_millis`.
    pub fn new(seed: u64, start_millis: u64, step_millis: u64) -> Self {
        Self {
            now_millis: start_millis,
            step_millis,
            state: seed,
        }
    }

    /// Moves the clock to an exact instant, as a test that models a device
    /// whose clock was changed by hand would.
    pub fn set_now_millis(&mut self, now_millis: u64) {
        self.now_millis = now_millis;
    }

    /// The next number of the SplitMix64 stream (Steele, Lea & Flood 2014).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl Environment for SeededEnvironment {
    fn now_millis(&self) -> u64 {
        self.now_millis
    }

    fn random_bytes(&mut self) -> [u8; 16] {
        self.now_millis += self.step_millis;
        let high = self.next_u64().to_le_bytes();
        let low = self.next_u64().to_le_bytes();
        let mut bytes = [0; 16];
        bytes[..8].copy_from_slice(&high);
        bytes[8..].copy_from_slice(&low);
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_stream() {
        let mut first = SeededEnvironment::new(7, 0, 1);
        let mut second = SeededEnvironment::new(7, 0, 1);
        assert_eq!(first.random_bytes(), second.random_bytes());
        assert_eq!(first.now_millis(), 1);
    }

    #[test]
    fn different_seeds_differ() {
        let mut first = SeededEnvironment::new(1, 0, 0);
        let mut second = SeededEnvironment::new(2, 0, 0);
        assert_ne!(first.random_bytes(), second.random_bytes());
    }
}
