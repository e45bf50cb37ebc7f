//! Reading and writing export files: encrypted ones are opened with the
//! passphrase on the way in, and outputs are encrypted unless plain JSON was
//! asked for.

use std::fs;
use std::io::{IsTerminal, Read, Write};
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

    /// The passphrase's text: from the file, else the variable, else typed
    /// at the terminal without echo (asked twice when `confirm`, since a
    /// typo would seal a file nobody can open). Without any of them, an
    /// error saying what it was needed for.
    fn text(&self, purpose: impl FnOnce() -> String, confirm: bool) -> Result<String, CliError> {
        if let Some(path) = &self.file {
            let text = fs::read_to_string(path).map_err(|source| CliError::Read {
                path: path.clone(),
                source,
            })?;
            return Ok(text.lines().next().unwrap_or_default().to_owned());
        }
        if let Ok(text) = std::env::var(PASSPHRASE_VARIABLE) {
            return Ok(text);
        }
        let purpose = purpose();
        // Only a person at a terminal sees the prompt; a script gets the
        // error naming the file and the variable instead of a hang.
        if !std::io::stderr().is_terminal() {
            return Err(CliError::NoPassphrase { purpose });
        }
        let typed = prompt(&format!("{purpose}. Passphrase: "))?;
        if confirm && prompt("Type it again: ")? != typed {
            return Err(CliError::PassphrasesDiffer);
        }
        Ok(typed)
    }

    /// The passphrase to open a file with: any, so older backups open.
    fn to_open(&self, purpose: impl FnOnce() -> String) -> Result<Passphrase, CliError> {
        Ok(Passphrase::new(self.text(purpose, false)?)?)
    }

    /// The passphrase to seal a file with: only one above the core's floor.
    fn to_seal(&self, purpose: impl FnOnce() -> String) -> Result<StrongPassphrase, CliError> {
        Ok(StrongPassphrase::new(self.text(purpose, true)?)?)
    }
}

/// Reads a line from the terminal without echo (from the terminal itself,
/// so an export can still come on standard input).
fn prompt(question: &str) -> Result<String, CliError> {
    rpassword::prompt_password(question).map_err(|source| CliError::Read {
        path: "the terminal".into(),
        source,
    })
}

/// Whether `path` is `-`, standard input or output.
fn is_standard(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Reads a file (`-`: standard input), failing with its path in the
/// message.
pub fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    let failed = |source| CliError::Read {
        path: path.to_owned(),
        source,
    };
    if is_standard(path) {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(failed)?;
        return Ok(bytes);
    }
    fs::read(path).map_err(failed)
}

/// Writes a file (`-`: standard output), failing with its path in the
/// message. A new file is readable and writable by its owner only: what
/// the CLI writes holds client records, encrypted or not.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let failed = |source| CliError::Write {
        path: path.to_owned(),
        source,
    };
    if is_standard(path) {
        return std::io::stdout().write_all(bytes).map_err(failed);
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .and_then(|mut file| file.write_all(bytes))
        .map_err(failed)
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
