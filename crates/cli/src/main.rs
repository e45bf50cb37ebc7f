//! `stillpoint`: Stillpoint's export files on the command line — check,
//! inspect, merge, encrypt, decrypt, convert to CSV, suggest a passphrase,
//! and generate synthetic practices. It uses the same core as the app, so
//! a file it accepts the app accepts, and a merge here is the merge an
//! import does.

mod cli;
mod csv;
mod error;
mod files;
mod inspect;
mod system;
mod when;

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use stillpoint_core::base::json_file::looks_encrypted;
use stillpoint_core::base::passphrase::suggest_passphrase;
use stillpoint_core::sync::export::ExportFile;
use stillpoint_core::sync::import::{prepare_import, ImportOptions};
use stillpoint_core::sync::parse::parse;
use stillpoint_seal::OpenError;

use crate::cli::{Cli, Command};
use crate::error::CliError;
use crate::files::{load, plain_bytes, read, save, sealed, warn_plain, write, Passphrases};
use crate::system::SystemEnvironment;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let passphrases = Passphrases::new(cli.passphrase_file);
    match run(cli.command, &passphrases) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Reported) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("stillpoint: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, passphrases: &Passphrases) -> Result<(), CliError> {
    match command {
        Command::Validate { file, json } => validate(&file, json, passphrases),
        Command::Inspect { file, json } => {
            let loaded = load(&file, passphrases)?;
            if json {
                println!("{}", inspect::report(&file, &loaded));
            } else {
                inspect::describe(&file, &loaded)
                    .iter()
                    .for_each(|line| println!("{line}"));
            }
            Ok(())
        }
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "stillpoint",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Merge {
            a,
            b,
            output,
            plain,
        } => merge(&a, &b, &output, plain, passphrases),
        Command::Encrypt { file, output } => encrypt(&file, &output, passphrases),
        Command::Decrypt { file, output } => decrypt(&file, &output, passphrases),
        Command::ToCsv { file, dir } => to_csv(&file, &dir, passphrases),
        Command::Passphrase => {
            println!("{}", suggest_passphrase(&mut SystemEnvironment));
            Ok(())
        }
        Command::Generate {
            clients,
            sessions,
            seed,
            output,
        } => generate(clients, sessions, seed, output.as_deref()),
    }
}

/// Checks `file`; with `json` the verdict is one JSON object on standard
/// output either way (`"valid": false` with the reason when refused), for
/// scripts that check backups.
fn validate(file: &Path, json: bool, passphrases: &Passphrases) -> Result<(), CliError> {
    if json {
        return match load(file, passphrases) {
            Ok(loaded) => {
                println!("{}", inspect::verdict(file, &loaded));
                Ok(())
            }
            Err(error) => {
                println!("{}", inspect::refusal(file, &error));
                Err(CliError::Reported)
            }
        };
    }
    let loaded = load(file, passphrases)?;
    let counts: Vec<String> = loaded
        .export
        .counts()
        .into_iter()
        .map(|(kind, count)| format!("{count} {}", kind.plural()))
        .collect();
    println!(
        "{}: valid Stillpoint export (schema version {}{}), {}",
        file.display(),
        loaded.export.schema_version(),
        if loaded.encrypted { ", encrypted" } else { "" },
        counts.join(", ")
    );
    Ok(())
}

/// Reads a full export for merging; a changes-only one is refused, since
/// the merge would look complete without being so.
fn load_full(path: &Path, passphrases: &Passphrases) -> Result<ExportFile, CliError> {
    let export = load(path, passphrases)?.export;
    if export.since().is_some() {
        return Err(CliError::ChangesOnly {
            path: path.to_owned(),
        });
    }
    Ok(export)
}

/// Merges as an import of `b` into `a` does (the same checks, and `a`'s
/// copy of a record that never changes is kept), accepting clocks ahead:
/// the person at the terminal chose both files.
fn merge(
    a_path: &Path,
    b_path: &Path,
    output: &Path,
    plain: bool,
    passphrases: &Passphrases,
) -> Result<(), CliError> {
    let a = load_full(a_path, passphrases)?;
    let b = load_full(b_path, passphrases)?;
    let options = ImportOptions {
        accept_clock_ahead: true,
    };
    let prepared =
        prepare_import(a.dataset(), b.clone(), when::now_millis(), options).map_err(|source| {
            CliError::Merge {
                a: a_path.to_owned(),
                b: b_path.to_owned(),
                source,
            }
        })?;
    for kept in &prepared.preview().kept_here {
        eprintln!(
            "note: {} holds the {} {} with other content than {}, and it never changes once \
             made: the merge keeps the copy of {}",
            b_path.display(),
            kept.record.kind,
            kept.record.id,
            a_path.display(),
            a_path.display()
        );
    }
    let merged = ExportFile::merged(prepared.into_merged(), &a, &b);
    save(output, &merged, plain, passphrases)?;
    eprintln!("wrote {}", output.display());
    Ok(())
}

fn encrypt(file: &Path, output: &Path, passphrases: &Passphrases) -> Result<(), CliError> {
    let bytes = read(file)?;
    if looks_encrypted(&bytes) {
        return Err(CliError::AlreadyEncrypted {
            path: file.to_owned(),
        });
    }
    parse(&bytes).map_err(|source| CliError::Refused {
        path: file.to_owned(),
        source,
    })?;
    write(output, &sealed(output, &bytes, passphrases)?)?;
    eprintln!("wrote {} (encrypted)", output.display());
    Ok(())
}

/// Writes the decrypted bytes exactly as they were encrypted, once they
/// pass as an export.
fn decrypt(file: &Path, output: &Path, passphrases: &Passphrases) -> Result<(), CliError> {
    let (plain, encrypted) = plain_bytes(file, passphrases)?;
    if !encrypted {
        return Err(CliError::Sealed {
            path: file.to_owned(),
            source: OpenError::NotEncrypted,
        });
    }
    parse(&plain).map_err(|source| CliError::Refused {
        path: file.to_owned(),
        source,
    })?;
    write(output, &plain)?;
    warn_plain(output);
    Ok(())
}

fn to_csv(file: &Path, dir: &Path, passphrases: &Passphrases) -> Result<(), CliError> {
    let loaded = load(file, passphrases)?;
    fs::create_dir_all(dir).map_err(|source| CliError::Write {
        path: dir.to_owned(),
        source,
    })?;
    for table in csv::TABLES {
        let path = dir.join(table.file_name);
        write(
            &path,
            csv::render(table, loaded.export.dataset()).as_bytes(),
        )?;
        warn_plain(&path);
    }
    Ok(())
}

fn generate(
    clients: usize,
    sessions: usize,
    seed: u64,
    output: Option<&Path>,
) -> Result<(), CliError> {
    let bytes = stillpoint_synthetic::practice(clients, sessions, seed).to_bytes();
    match output {
        Some(path) => write(path, &bytes),
        None => std::io::stdout()
            .write_all(&bytes)
            .map_err(|source| CliError::Write {
                path: "standard output".into(),
                source,
            }),
    }
}
