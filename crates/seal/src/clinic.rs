//! The clinic key: one key derived from the clinic passphrase with scrypt,
//! then used for every bundle posted to the clinic server.
//!
//! Sealing each bundle as an age file would run scrypt (a second or two on
//! a tablet, by design) for every bundle posted and every bundle read, so a
//! new device restoring a year of bundles would spend minutes on key
//! derivation alone. Instead the key is derived once per device, from the
//! passphrase and the salt in the clinic document, and each bundle is
//! sealed with XChaCha20-Poly1305 (a random 24-byte nonce, so no counter
//! has to be shared between devices) with its document id as associated
//! data: a bundle copied under another id, or changed in any bit, is
//! refused. Guessing the passphrase costs the same scrypt work per guess as
//! guessing an export's, since the check in the clinic document must be
//! opened with a derived key.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use stillpoint_core::sync::clinic::{BundleDoc, ClinicDoc, CLINIC_DOC_ID};
use zeroize::Zeroizing;

use crate::{Passphrase, StrongPassphrase, WorkFactor};

/// What the check in the clinic document says once opened.
const CHECK_TEXT: &[u8] = b"stillpoint clinic key v1";
const NONCE_BYTES: usize = 24;
const SALT_BYTES: usize = 16;

/// Why the clinic server's documents cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClinicSealError {
    /// The passphrase does not open the clinic document's check.
    #[error("This clinic passphrase is not the one this clinic's server was set up with. Check it and try again. Nothing was changed on this device.")]
    WrongPassphrase,
    /// A bundle was changed after it was sealed, or copied under another id.
    #[error("A document on the clinic server was changed or damaged after it was sealed, so it was refused. Nothing was changed on this device. Tell whoever runs the server.")]
    Tampered,
    /// The clinic document is not one Stillpoint wrote.
    #[error("The clinic server's setup document is damaged or was not made by Stillpoint. Nothing was changed on this device.")]
    NotAClinic,
    /// The clinic document asks for more scrypt work than a tablet allows.
    #[error("The clinic server's setup document demands more computing work (2^{required}) than Stillpoint allows (2^{allowed}), so it was not used.")]
    TooMuchWork {
        /// The document's factor.
        required: u8,
        /// The most allowed.
        allowed: u8,
    },
}

/// The key that seals and opens a clinic's bundles; wiped from memory on
/// drop and never shown in `Debug` output.
pub struct ClinicKey(Zeroizing<[u8; 32]>);

impl ClinicKey {
    /// Sets up a new clinic: a random salt, the key derived from
    /// `passphrase` at `work_factor`, and the clinic document to store on
    /// the server. Only a passphrase that clears the floor starts a clinic.
    pub fn create(passphrase: &StrongPassphrase, work_factor: WorkFactor) -> (Self, ClinicDoc) {
        let mut salt = [0; SALT_BYTES];
        getrandom::getrandom(&mut salt).expect("the platform provides randomness");
        let key = Self::derive(&passphrase.0, &salt, work_factor.log_n());
        let doc = ClinicDoc {
            id: CLINIC_DOC_ID.to_owned(),
            salt: STANDARD.encode(salt),
            work_factor: work_factor.log_n(),
            check: key.seal(CLINIC_DOC_ID, CHECK_TEXT),
        };
        (key, doc)
    }

    /// Joins a clinic: derives the key from `passphrase` and the clinic
    /// document, refusing a factor above `most` before any work and a
    /// passphrase that does not open the document's check.
    pub fn unlock(
        passphrase: &Passphrase,
        doc: &ClinicDoc,
        most: WorkFactor,
    ) -> Result<Self, ClinicSealError> {
        if doc.work_factor > most.log_n() {
            return Err(ClinicSealError::TooMuchWork {
                required: doc.work_factor,
                allowed: most.log_n(),
            });
        }
        let salt = STANDARD
            .decode(&doc.salt)
            .map_err(|_| ClinicSealError::NotAClinic)?;
        if doc.work_factor == 0 || salt.len() != SALT_BYTES {
            return Err(ClinicSealError::NotAClinic);
        }
        let key = Self::derive(passphrase, &salt, doc.work_factor);
        match key.open(CLINIC_DOC_ID, &doc.check) {
            Ok(text) if text == CHECK_TEXT => Ok(key),
            _ => Err(ClinicSealError::WrongPassphrase),
        }
    }

    /// The key as kept on the device between syncs, base64.
    pub fn to_text(&self) -> String {
        STANDARD.encode(*self.0)
    }

    /// Reads a key kept as [`Self::to_text`].
    pub fn from_text(text: &str) -> Result<Self, ClinicSealError> {
        let bytes = Zeroizing::new(
            STANDARD
                .decode(text)
                .map_err(|_| ClinicSealError::NotAClinic)?,
        );
        let key: [u8; 32] = bytes
            .as_slice()
            .try_into()
            .map_err(|_| ClinicSealError::NotAClinic)?;
        Ok(Self(Zeroizing::new(key)))
    }

    /// Seals `plaintext` (an export file) as a bundle under a new random id.
    pub fn seal_bundle(&self, plaintext: &[u8]) -> BundleDoc {
        let mut id = [0; 16];
        getrandom::getrandom(&mut id).expect("the platform provides randomness");
        let id: String = id.iter().map(|byte| format!("{byte:02x}")).collect();
        let sealed = self.seal(&id, plaintext);
        BundleDoc { id, sealed }
    }

    /// Opens a bundle sealed by [`Self::seal_bundle`] with this key.
    pub fn open_bundle(&self, doc: &BundleDoc) -> Result<Vec<u8>, ClinicSealError> {
        self.open(&doc.id, &doc.sealed)
            .map_err(|()| ClinicSealError::Tampered)
    }

    fn derive(passphrase: &Passphrase, salt: &[u8], log_n: u8) -> Self {
        use age::secrecy::ExposeSecret as _;
        let params =
            scrypt::Params::new(log_n, 8, 1, 32).expect("the factor was checked to be in range");
        let mut key = Zeroizing::new([0; 32]);
        scrypt::scrypt(
            passphrase.0.expose_secret().as_bytes(),
            salt,
            &params,
            key.as_mut_slice(),
        )
        .expect("32 bytes is a valid scrypt output length");
        Self(key)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.0.as_slice().into())
    }

    fn seal(&self, id: &str, plaintext: &[u8]) -> String {
        let mut nonce = [0; NONCE_BYTES];
        getrandom::getrandom(&mut nonce).expect("the platform provides randomness");
        let payload = Payload {
            msg: plaintext,
            aad: id.as_bytes(),
        };
        let sealed = self
            .cipher()
            .encrypt(XNonce::from_slice(&nonce), payload)
            .expect("sealing in memory cannot fail");
        STANDARD.encode([nonce.as_slice(), &sealed].concat())
    }

    fn open(&self, id: &str, text: &str) -> Result<Vec<u8>, ()> {
        let bytes = STANDARD.decode(text).map_err(|_| ())?;
        if bytes.len() < NONCE_BYTES {
            return Err(());
        }
        let (nonce, sealed) = bytes.split_at(NONCE_BYTES);
        let payload = Payload {
            msg: sealed,
            aad: id.as_bytes(),
        };
        self.cipher()
            .decrypt(XNonce::from_slice(nonce), payload)
            .map_err(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const RIGHT: &str = "otter lantern cobalt quilt";

    fn fast() -> WorkFactor {
        WorkFactor::new(2).unwrap()
    }

    fn clinic() -> (ClinicKey, ClinicDoc) {
        ClinicKey::create(&StrongPassphrase::new(RIGHT.into()).unwrap(), fast())
    }

    fn passphrase(text: &str) -> Passphrase {
        Passphrase::new(text.into()).unwrap()
    }

    #[test]
    fn another_device_unlocks_the_clinic_and_opens_its_bundles() {
        let (key, doc) = clinic();
        let bundle = key.seal_bundle(b"export file");
        assert_eq!(bundle.id.len(), 32);
        assert!(!bundle.sealed.contains("export"));
        let other = ClinicKey::unlock(&passphrase(RIGHT), &doc, WorkFactor::EXPORT).unwrap();
        assert_eq!(other.open_bundle(&bundle).unwrap(), b"export file");
        let kept = ClinicKey::from_text(&other.to_text()).unwrap();
        assert_eq!(kept.open_bundle(&bundle).unwrap(), b"export file");
        assert_ne!(key.seal_bundle(b"x").id, key.seal_bundle(b"x").id);
    }

    #[test]
    fn a_wrong_passphrase_is_named_before_any_bundle_is_read() {
        let (_, doc) = clinic();
        assert!(matches!(
            ClinicKey::unlock(
                &passphrase("otter lantern cobalt quilts"),
                &doc,
                WorkFactor::EXPORT
            ),
            Err(ClinicSealError::WrongPassphrase)
        ));
    }

    #[test]
    fn a_greedy_or_damaged_clinic_document_is_refused() {
        let (_, doc) = clinic();
        let greedy = ClinicDoc {
            work_factor: 30,
            ..doc.clone()
        };
        assert!(matches!(
            ClinicKey::unlock(&passphrase(RIGHT), &greedy, WorkFactor::EXPORT),
            Err(ClinicSealError::TooMuchWork {
                required: 30,
                allowed: 17
            })
        ));
        let bad_salt = ClinicDoc {
            salt: "!!".into(),
            ..doc
        };
        assert!(matches!(
            ClinicKey::unlock(&passphrase(RIGHT), &bad_salt, WorkFactor::EXPORT),
            Err(ClinicSealError::NotAClinic)
        ));
    }

    #[test]
    fn a_bundle_moved_to_another_id_is_refused() {
        let (key, _) = clinic();
        let bundle = key.seal_bundle(b"export file");
        let moved = BundleDoc {
            id: "0".repeat(32),
            ..bundle
        };
        assert!(matches!(
            key.open_bundle(&moved),
            Err(ClinicSealError::Tampered)
        ));
    }

    proptest! {
        #[test]
        fn no_single_bit_flip_opens(position in any::<proptest::sample::Index>(), bit in 0u8..8) {
            static CLINIC: std::sync::OnceLock<(String, BundleDoc)> = std::sync::OnceLock::new();
            let (key, bundle) = CLINIC.get_or_init(|| {
                let (key, _) = clinic();
                let bundle = key.seal_bundle(b"a short export");
                (key.to_text(), bundle)
            });
            let key = ClinicKey::from_text(key).unwrap();
            let mut bytes = STANDARD.decode(&bundle.sealed).unwrap();
            let index = position.index(bytes.len());
            bytes[index] ^= 1 << bit;
            let flipped = BundleDoc { id: bundle.id.clone(), sealed: STANDARD.encode(bytes) };
            prop_assert!(matches!(key.open_bundle(&flipped), Err(ClinicSealError::Tampered)));
        }
    }
}
