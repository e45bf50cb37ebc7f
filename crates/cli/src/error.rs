//! Everything that can stop a command, worded for the person at the
//! terminal and naming the file concerned.

use std::io;
use std::path::PathBuf;

use stillpoint_core::sync::import::ImportError;
use stillpoint_core::sync::parse::ParseError;
use stillpoint_seal::{OpenError, PassphraseError};

/// Why a command failed. Every one exits with status 1.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file is not a valid export.
    #[error("{}: {source}", path.display())]
    Refused {
        /// The file.
        path: PathBuf,
        /// Why.
        source: ParseError,
    },
    /// The file could not be decrypted.
    #[error("{}: {source}", path.display())]
    Sealed {
        /// The file.
        path: PathBuf,
        /// Why.
        source: OpenError,
    },
    /// The passphrase cannot be used.
    #[error("{0}")]
    Passphrase(#[from] PassphraseError),
    /// A passphrase is needed and none was given.
    #[error(
        "{purpose}: give the passphrase with --passphrase-file PATH or the \
         STILLPOINT_PASSPHRASE environment variable"
    )]
    NoPassphrase {
        /// What it is needed for.
        purpose: String,
    },
    /// Already reported on standard output (a `--json` verdict): only the
    /// exit status is left to give.
    #[error("already reported")]
    Reported,
    /// The passphrase typed twice at the terminal differed.
    #[error("the two passphrases typed differ; nothing was written")]
    PassphrasesDiffer,
    /// `encrypt` was given an encrypted file.
    #[error("{}: this file is already encrypted", path.display())]
    AlreadyEncrypted {
        /// The file.
        path: PathBuf,
    },
    /// The two files of `merge` cannot be merged.
    #[error("cannot merge {} and {}: {source}", a.display(), b.display())]
    Merge {
        /// The first file.
        a: PathBuf,
        /// The second file.
        b: PathBuf,
        /// Why.
        source: ImportError,
    },
    /// `merge` was given a changes-only export.
    #[error(
        "{}: this export holds only the changes since an earlier one; merge needs full exports",
        path.display()
    )]
    ChangesOnly {
        /// The file.
        path: PathBuf,
    },
}
