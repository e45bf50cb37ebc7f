//! Reading and writing export files: encrypted ones are opened with the
//! passphrase on the way in, and outputs are encrypted unless plain JSON was
//! asked for.

use std::fs;
use std::path::{Path, PathBuf};

use stillpoint_core::base::json_file::looks_encrypted;
use stillpoint_core::sync::export::ExportFile;
use stillpoint_core::sync::parse::parse;
use stillpoint_seal::{open, seal, Passphrase, StrongPassphrase, WorkFactor};

use crate::error::CliError;

/// The environment variable a passphrase may come from.
pub const PASSPHRASE_VARIABLE: &str = "STILLPOINT_PASSPHRASE";

/// An export read from disk.
pub struct Loaded {
    /// Its contents.
    pub export: ExportFile,
    /// Whether the file on disk was encrypted.
    pub encrypted: bool,
}

/// Where the passphrase comes from, read only when a file needs it.
pub struct Passphrases {
    file: Option<PathBuf>,
}

impl Passphrases {
    /// Passphrases from `file` if given, else from [`PASSPHRASE_VARIABLE`].
    pub fn new(file: Option<PathBuf>) -> Self {
        Self { file }
    }

    /// The passphrase's text, or an error saying what it was needed for.
    fn text(&self, purpose: impl FnOnce() -> String) -> Result<String, CliError> {
        match &self.file {
            Some(path) => {
                let text = fs::read_to_string(path).map_err(|source| CliError::Read {
                    path: path.clone(),
                    source,
                })?;
                Ok(text.lines().next().unwrap_or_default().to_owned())
            }
            None => std::env::var(PASSPHRASE_VARIABLE)
                .map_err(|_| CliError::NoPassphrase { purpose: purpose() }),
        }
    }

    /// The passphrase to open a file with: any, so older backups open.
    fn to_open(&self, purpose: impl FnOnce() -> String) -> Result<Passphrase, CliError> {
        Ok(Passphrase::new(self.text(purpose)?)?)
    }

    /// The passphrase to seal a file with: only one above the core's floor.
    fn to_seal(&self, purpose: impl FnOnce() -> String) -> Result<StrongPassphrase, CliError> {
        Ok(StrongPassphrase::new(self.text(purpose)?)?)
    }
}

/// Reads a file, failing with its path in the message.
pub fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    fs::read(path).map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })
}

/// Writes a file, failing with its path in the message.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    fs::write(path, bytes).map_err(|source| CliError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Warns that `path` holds client records anyone can read.
pub fn warn_plain(path: &Path) {
    eprintln!(
        "warning: {} is not encrypted: anyone who gets it can read the client records",
        path.display()
    );
}

/// The plain bytes of `path`, decrypted if it is encrypted, and whether
/// it was.
pub fn plain_bytes(path: &Path, passphrases: &Passphrases) -> Result<(Vec<u8>, bool), CliError> {
    let bytes = read(path)?;
    if !looks_encrypted(&bytes) {
        return Ok((bytes, false));
    }
    let passphrase = passphrases.to_open(|| format!("{} is encrypted", path.display()))?;
    let plain =
        open(&bytes, &passphrase, WorkFactor::DESKTOP).map_err(|source| CliError::Sealed {
            path: path.to_owned(),
            source,
        })?;
    Ok((plain, true))
}

/// Reads and checks an export, decrypting it if needed.
pub fn load(path: &Path, passphrases: &Passphrases) -> Result<Loaded, CliError> {
    let (bytes, encrypted) = plain_bytes(path, passphrases)?;
    let export = parse(&bytes).map_err(|source| CliError::Refused {
        path: path.to_owned(),
        source,
    })?;
    Ok(Loaded { export, encrypted })
}

/// Encrypts `plain` export bytes for `path` with the passphrase.
pub fn sealed(path: &Path, plain: &[u8], passphrases: &Passphrases) -> Result<Vec<u8>, CliError> {
    let passphrase = passphrases.to_seal(|| {
        format!(
            "{} is written encrypted (or pass --plain where offered)",
            path.display()
        )
    })?;
    Ok(seal(plain, &passphrase, WorkFactor::EXPORT))
}

/// Writes `export` to `path`: encrypted, unless `plain` (with a warning).
pub fn save(
    path: &Path,
    export: &ExportFile,
    plain: bool,
    passphrases: &Passphrases,
) -> Result<(), CliError> {
    let bytes = export.to_bytes();
    if plain {
        write(path, &bytes)?;
        warn_plain(path);
        Ok(())
    } else {
        write(path, &sealed(path, &bytes, passphrases)?)
    }
}
