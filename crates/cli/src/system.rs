//! The computer's clock and the operating system's randomness, handed to
//! the core (which reads neither itself) through its one doorway.

use std::time::{SystemTime, UNIX_EPOCH};

use stillpoint_core::base::environment::Environment;

/// The real clock and OS randomness.
pub struct SystemEnvironment;

impl Environment for SystemEnvironment {
    fn now_millis(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| {
                u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
            })
    }

    fn random_bytes(&mut self) -> [u8; 16] {
        let mut bytes = [0; 16];
        getrandom::getrandom(&mut bytes).expect("the operating system provides randomness");
        bytes
    }
}
