//! The command line's shape: subcommands, arguments and help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Work with Stillpoint export files: check, inspect, merge, encrypt,
/// decrypt, convert to CSV, and generate synthetic practices.
#[derive(Parser, Debug)]
#[command(
    name = "stillpoint",
    version,
    after_help = "Encrypted files (age format, passphrase) are opened automatically. The \
                  passphrase comes from --passphrase-file PATH or the STILLPOINT_PASSPHRASE \
                  environment variable, or is asked for without echo on a terminal; never \
                  from an argument, which other users could see.\n\n\
                  A FILE or OUT of - means standard input or output. Files written are \
                  readable by their owner only: they hold client records.\n\n\
                  Exit status: 0 on success, 1 when a file is refused or cannot be written, \
                  2 for wrong usage."
)]
pub struct Cli {
    /// Read the passphrase from this file (its first line).
    #[arg(long, global = true, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check that FILE is a valid export, decrypting it if needed.
    Validate {
        /// The export file.
        file: PathBuf,
        /// Print the result as one JSON object (also when the file is refused).
        #[arg(long)]
        json: bool,
    },
    /// Show FILE's format version, devices and record counts.
    Inspect {
        /// The export file.
        file: PathBuf,
        /// Print the report as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Merge two full exports into one, as importing one into the other would.
    Merge {
        /// The first export; the merged file is made in its device's name.
        a: PathBuf,
        /// The second export.
        b: PathBuf,
        /// Where to write the merged export.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// Write plain JSON instead of encrypting (anyone with the file can read it).
        #[arg(long)]
        plain: bool,
    },
    /// Encrypt a plain export with a passphrase.
    Encrypt {
        /// The plain export file.
        file: PathBuf,
        /// Where to write the encrypted file.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Decrypt an encrypted export to plain JSON.
    Decrypt {
        /// The encrypted export file.
        file: PathBuf,
        /// Where to write the plain export.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Write FILE's records as CSV files (one per kind of record) into DIR.
    ToCsv {
        /// The export file.
        file: PathBuf,
        /// The folder for the CSV files; created if missing.
        dir: PathBuf,
    },
    /// Print a suggested passphrase for encrypted exports: ten random words,
    /// as strong as the ones age makes. Weak passphrases are refused when a
    /// file is encrypted.
    Passphrase,
    /// Print the completion script for SHELL (e.g. `stillpoint completions
    /// bash > ~/.local/share/bash-completion/completions/stillpoint`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Write a synthetic practice as a plain export, the same for the same seed.
    Generate {
        /// How many clients.
        #[arg(long)]
        clients: usize,
        /// How many sessions, spread over the clients (none without clients).
        #[arg(long, default_value_t = 0)]
        sessions: usize,
        /// The seed: the same seed gives the same file, byte for byte.
        #[arg(long)]
        seed: u64,
        /// Where to write it (standard output if left out).
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}
