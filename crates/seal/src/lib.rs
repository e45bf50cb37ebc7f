//! Passphrase encryption of export files in the age format (age-encryption.org
//! v1, scrypt recipient), so `age -d` or `rage -d` opens any Stillpoint
//! backup and the therapist's data is never locked into the app.
//!
//! One place for the CLI and the browser's sync worker alike, in a crate of
//! its own rather than in `stillpoint-core` for two reasons: age draws the
//! file key, salt and nonce from the operating system's random generator and
//! offers no way to hand it entropy (the core never reads randomness), and
//! age adds about 137 KB gzip to a wasm build, which must stay off the app's
//! first-load path (only the worker and the CLI depend on this crate). The
//! clock is never read for our decisions: the scrypt work factor is fixed
//! ([`WorkFactor::EXPORT`]) rather than calibrated by timing.
#![deny(missing_docs)]

pub mod clinic;

use std::io::{Read, Write};
use std::iter;

use age::secrecy::SecretString;

use stillpoint_core::base::json_file::{looks_encrypted, MAX_FILE_BYTES};
use stillpoint_core::base::passphrase::{check_passphrase, WeakPassphrase};

/// A passphrase, kept out of `Debug` output and wiped from memory on drop.
pub struct Passphrase(SecretString);

impl Passphrase {
    /// Wraps a passphrase; an empty one is refused, since it would protect
    /// nothing.
    pub fn new(passphrase: String) -> Result<Self, PassphraseError> {
        if passphrase.is_empty() {
            return Err(PassphraseError::Empty);
        }
        Ok(Self(SecretString::from(passphrase)))
    }
}

/// A passphrase strong enough to seal a new file: it passed the core's
/// floor ([`check_passphrase`]). [`seal`] takes only this kind, so no
/// writer (the sync worker, the command line) can skip the floor, while
/// [`open`] takes any [`Passphrase`], so backups made before the floor
/// existed still open.
pub struct StrongPassphrase(Passphrase);

impl StrongPassphrase {
    /// Wraps a passphrase that passes [`check_passphrase`]; a weak one is
    /// refused with the reason, worded for the therapist.
    pub fn new(passphrase: String) -> Result<Self, PassphraseError> {
        check_passphrase(&passphrase)?;
        Ok(Self(Passphrase::new(passphrase)?))
    }
}

/// Why a passphrase cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PassphraseError {
    /// Nothing was entered.
    #[error("Enter a passphrase: an empty one would not protect the file.")]
    Empty,
    /// Too weak to seal a file of health records.
    #[error("This passphrase is too weak to protect health records. {0}")]
    Weak(#[from] WeakPassphrase),
}

/// The scrypt work factor n: each passphrase attempt costs 2^n KiB of
/// memory and the matching computing time, paid by the therapist once per
/// export or import and by anyone guessing passphrases once per guess.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct WorkFactor(u8);

impl WorkFactor {
    /// The factor exports use: 2^17. Fixed, not timed: timing would read the
    /// clock and make the same export cost differently on each device. 2^17
    /// takes about half a second natively and one to two seconds in a
    /// browser worker on a recent tablet, needs 128 MiB, which a tablet's
    /// wasm worker can allocate (2^18, age's desktop choice, needs 256 MiB),
    /// and makes every guess at a passphrase as costly. The factor is written
    /// into each file, so a later build can raise it and still open old ones.
    pub const EXPORT: Self = Self(17);

    /// The largest factor the command-line tool accepts when opening a
    /// file: 2^20 (1 GiB of memory). A desktop has the memory, and `age -p`
    /// on a fast desktop writes up to about this factor.
    pub const DESKTOP: Self = Self(20);

    /// The largest factor there is: [`Self::DESKTOP`].
    pub const MAX: u8 = Self::DESKTOP.0;

    /// A chosen factor, for tests and tools that trade protection for
    /// speed; `None` outside 1..=[`Self::MAX`].
    pub fn new(log_n: u8) -> Option<Self> {
        (1..=Self::MAX).contains(&log_n).then_some(Self(log_n))
    }

    /// The factor as written in the file: each attempt costs 2^n KiB.
    pub fn log_n(self) -> u8 {
        self.0
    }
}

/// Why an encrypted file cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    /// The file is not an age file at all.
    #[error("This file is not encrypted, so there is nothing to decrypt.")]
    NotEncrypted,
    /// The file is encrypted to a key rather than a passphrase.
    #[error("This file is encrypted for a key, not a passphrase, so Stillpoint cannot open it.")]
    NotPassphrase,
    /// The passphrase does not open the file.
    #[error("This passphrase does not open this file. Check it and try again; if you are sure it is right, the file is damaged: use another copy.")]
    WrongPassphrase,
    /// Part of the file was changed or lost after it was made.
    #[error("This encrypted file is damaged: part of it was changed or lost after it was made, so it cannot be opened. Use another copy.")]
    Damaged,
    /// The file demands more scrypt work than the opener allows.
    #[error("This file's passphrase protection demands more computing work (2^{required}) than Stillpoint allows here (2^{allowed}), so it was not opened. If it was made with `age -p` on a computer, decrypt it there (or with `stillpoint decrypt`) and export again.")]
    TooMuchWork {
        /// The file's work factor.
        required: u8,
        /// The most the opener allows.
        allowed: u8,
    },
    /// The file uses a newer version of the age format.
    #[error("This file was encrypted with a newer version of the age format. Update the app first, then open it again.")]
    NewerFormat,
}

impl OpenError {
    /// Sorts age's error for an opener that allows up to `most`.
    fn from_age(error: age::DecryptError, most: WorkFactor) -> Self {
        match error {
            age::DecryptError::DecryptionFailed => Self::WrongPassphrase,
            age::DecryptError::NoMatchingKeys => Self::NotPassphrase,
            age::DecryptError::ExcessiveWork { required, .. } => Self::TooMuchWork {
                required,
                allowed: most.0,
            },
            age::DecryptError::UnknownFormat => Self::NewerFormat,
            _ => Self::Damaged,
        }
    }
}

/// Encrypts `plaintext` with `passphrase` as a binary age file.
pub fn seal(plaintext: &[u8], passphrase: &StrongPassphrase, work_factor: WorkFactor) -> Vec<u8> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.0 .0.clone());
    recipient.set_work_factor(work_factor.0);
    let encryptor = age::Encryptor::with_recipients(iter::once(&recipient as &dyn age::Recipient))
        .expect("a single passphrase recipient is always accepted");
    let mut sealed = Vec::new();
    let mut writer = encryptor
        .wrap_output(&mut sealed)
        .expect("writing to memory cannot fail");
    writer
        .write_all(plaintext)
        .and_then(|()| writer.finish())
        .expect("writing to memory cannot fail");
    sealed
}

/// Decrypts an age file made with a passphrase (by [`seal`], `age -p` or
/// `rage -p`), refusing a file whose scrypt stanza asks for more work than
/// `most`: age reads the factor from the header and refuses before deriving
/// any key, so a hostile file cannot make the opener allocate 1 GiB. The
/// sync worker passes [`WorkFactor::EXPORT`] (what the app writes; a
/// tablet's wasm worker cannot spare more), the command-line tool
/// [`WorkFactor::DESKTOP`]. Reads at most one byte past [`MAX_FILE_BYTES`],
/// so the parser can refuse an oversized file without it filling memory.
pub fn open(
    sealed: &[u8],
    passphrase: &Passphrase,
    most: WorkFactor,
) -> Result<Vec<u8>, OpenError> {
    if !looks_encrypted(sealed) {
        return Err(OpenError::NotEncrypted);
    }
    let sorted = |error| OpenError::from_age(error, most);
    let decryptor = age::Decryptor::new_buffered(sealed).map_err(sorted)?;
    if !decryptor.is_scrypt() {
        return Err(OpenError::NotPassphrase);
    }
    let mut identity = age::scrypt::Identity::new(passphrase.0.clone());
    identity.set_max_work_factor(most.0);
    let reader = decryptor
        .decrypt(iter::once(&identity as &dyn age::Identity))
        .map_err(sorted)?;
    let mut plaintext = Vec::new();
    reader
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut plaintext)
        .map_err(|_| OpenError::Damaged)?;
    Ok(plaintext)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A low factor keeps the many decryptions below fast; the factor does
    /// not change how errors are told apart.
    fn fast() -> WorkFactor {
        WorkFactor::new(2).unwrap()
    }

    fn passphrase(text: &str) -> Passphrase {
        Passphrase::new(text.to_owned()).unwrap()
    }

    /// A passphrase that clears the floor.
    const RIGHT: &str = "otter lantern cobalt quilt";

    fn strong(text: &str) -> StrongPassphrase {
        StrongPassphrase::new(text.to_owned()).unwrap()
    }

    #[test]
    fn round_trips_at_the_export_work_factor() {
        let sealed = seal(b"records", &strong(RIGHT), WorkFactor::EXPORT);
        assert!(sealed.starts_with(b"age-encryption.org/v1\n-> scrypt "));
        assert!(String::from_utf8_lossy(&sealed[..100]).contains(" 17\n"));
        assert_eq!(
            open(&sealed, &passphrase(RIGHT), WorkFactor::EXPORT).unwrap(),
            b"records"
        );
    }

    #[test]
    fn wrong_passphrase_and_flipped_bit_are_told_apart() {
        let sealed = seal(&[b'x'; 1000], &strong(RIGHT), fast());
        assert_eq!(
            open(&sealed, &passphrase("wrong"), WorkFactor::EXPORT),
            Err(OpenError::WrongPassphrase)
        );
        let mut flipped = sealed.clone();
        let last = flipped.len() - 20;
        flipped[last] ^= 0x04;
        assert_eq!(
            open(&flipped, &passphrase(RIGHT), WorkFactor::EXPORT),
            Err(OpenError::Damaged)
        );
        let truncated = &sealed[..sealed.len() - 1];
        assert_eq!(
            open(truncated, &passphrase(RIGHT), WorkFactor::EXPORT),
            Err(OpenError::Damaged)
        );
    }

    #[test]
    fn other_files_are_named_for_what_they_are() {
        assert_eq!(
            open(
                b"{\"format\":\"stillpoint-export\"}",
                &passphrase("p"),
                WorkFactor::EXPORT
            ),
            Err(OpenError::NotEncrypted)
        );
        assert_eq!(
            open(
                b"age-encryption.org/v1\n-> X25519 garbage\n",
                &passphrase("p"),
                WorkFactor::EXPORT
            ),
            Err(OpenError::Damaged)
        );
        // Raising the factor in the header is refused before any work is done.
        let sealed = seal(b"x", &strong(RIGHT), fast());
        let at = sealed.windows(3).position(|w| w == b" 2\n").unwrap();
        let greedy = [&sealed[..at], b" 21\n", &sealed[at + 3..]].concat();
        assert_eq!(
            open(&greedy, &passphrase(RIGHT), WorkFactor::EXPORT),
            Err(OpenError::TooMuchWork {
                required: 21,
                allowed: 17
            })
        );
    }

    proptest! {
        /// Any factor above what the app writes is refused by the worker's
        /// opener before a key is derived (a 2^20 attempt would take
        /// seconds and 1 GiB; these finish at once), and the command-line
        /// opener takes factors up to its own bound.
        #[test]
        fn factors_above_what_the_app_writes_are_refused(log_n in 18u8..=40) {
            static SEALED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
            let sealed = SEALED.get_or_init(|| seal(b"x", &strong(RIGHT), fast()));
            let at = sealed.windows(3).position(|w| w == b" 2\n").unwrap();
            let greedy = [&sealed[..at], format!(" {log_n}\n").as_bytes(), &sealed[at + 3..]].concat();
            prop_assert_eq!(
                open(&greedy, &passphrase(RIGHT), WorkFactor::EXPORT),
                Err(OpenError::TooMuchWork { required: log_n, allowed: 17 })
            );
            if log_n > WorkFactor::MAX {
                prop_assert_eq!(
                    open(&greedy, &passphrase(RIGHT), WorkFactor::DESKTOP),
                    Err(OpenError::TooMuchWork { required: log_n, allowed: WorkFactor::MAX })
                );
            }
        }
    }

    #[test]
    fn sealing_needs_a_strong_passphrase_and_opening_any() {
        let weak = StrongPassphrase::new("1234".to_owned()).err().unwrap();
        assert!(matches!(
            weak,
            PassphraseError::Weak(WeakPassphrase::TooShort { length: 4, .. })
        ));
        assert!(weak.to_string().contains("too weak"), "{weak}");
        assert!(StrongPassphrase::new(String::new()).is_err());
        assert!(Passphrase::new("1234".to_owned()).is_ok());
    }

    #[test]
    fn empty_passphrases_and_odd_factors_are_refused() {
        assert!(Passphrase::new(String::new()).is_err());
        assert_eq!(WorkFactor::new(0), None);
        assert_eq!(WorkFactor::new(WorkFactor::MAX + 1), None);
    }

    proptest! {
        #[test]
        fn no_single_bit_flip_opens(position in any::<proptest::sample::Index>(), bit in 0u8..8) {
            static SEALED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
            let sealed = SEALED.get_or_init(|| seal(b"a short export", &strong(RIGHT), fast()));
            let mut flipped = sealed.clone();
            let index = position.index(flipped.len());
            flipped[index] ^= 1 << bit;
            prop_assert!(open(&flipped, &passphrase(RIGHT), WorkFactor::EXPORT).is_err());
        }
    }
}
