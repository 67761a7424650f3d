//! Command-line interface: arguments, output files, colours and exit codes.
//!
//! This is the only place that knows about clap, standard output and error, and exit codes.
//! Arguments are parsed in two steps: clap fills [`Cli`], then [`Settings`] checks and
//! resolves them before the library is called.

#![allow(
    clippy::print_stderr,
    reason = "the command line reports errors and warnings on standard error"
)]

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use clap::{Parser, Subcommand, ValueEnum};

use quotedrift::ingest::{self, IngestOptions, Input};
use quotedrift::quote;
use quotedrift::report::{self, QuotesFormat, TextStyle};

/// Everything went well.
const EXIT_OK: u8 = 0;
/// The arguments or the input were wrong (nothing was written).
const EXIT_INPUT: u8 = 2;
/// The output could not be written (nothing partial was left behind).
const EXIT_OUTPUT: u8 = 3;

const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  2  usage error or unreadable input (a message names the file and what is wrong); nothing is written
  3  the output file could not be written; no partial file is left behind";

/// Find quotes and reported speech in news coverage, and who said them.
#[derive(Debug, Parser)]
#[command(name = "quotedrift", version, after_help = EXIT_CODES_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every direct quote and piece of reported speech, with its speaker.
    #[command(after_help = EXIT_CODES_HELP)]
    Quotes(QuotesArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One block per source, one line per quote.
    Text,
    /// The quotedrift/quotes@1 JSON document.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
struct QuotesArgs {
    /// Files (.txt, .md), folders (searched recursively; a manifest.toml inside describes the
    /// sources), or '-' for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Write to FILE instead of standard output. The file is written to a temporary file
    /// beside it and renamed into place, replacing any earlier version; it may not be an input.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Read files that are not valid UTF-8, taking each invalid byte as U+001A so that byte
    /// offsets stay true to the file.
    #[arg(long)]
    lossy: bool,
    /// When to use colours in text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
}

/// Resolved settings for `quotes`.
struct Settings {
    inputs: Vec<Input>,
    ingest: IngestOptions,
    format: QuotesFormat,
    out: Option<PathBuf>,
    style: TextStyle,
}

impl Settings {
    fn from_args(args: QuotesArgs) -> anyhow::Result<Self> {
        let inputs: Vec<Input> = args
            .paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Input::Stdin
                } else {
                    Input::Path(p.clone())
                }
            })
            .collect();
        if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
            bail!("'-' (standard input) can be given only once");
        }
        if let Some(out) = &args.out {
            refuse_input_as_output(out, &args.paths)?;
        }
        let color = match args.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                args.out.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Ok(Settings {
            inputs,
            ingest: IngestOptions { lossy: args.lossy },
            format: match args.format {
                FormatArg::Text => QuotesFormat::Text,
                FormatArg::Json => QuotesFormat::Json,
            },
            out: args.out,
            style: TextStyle { color },
        })
    }
}

/// `--out` must not name one of the inputs (or a file inside an input folder).
fn refuse_input_as_output(out: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    let Ok(out_abs) = out.canonicalize() else {
        return Ok(()); // does not exist yet, so it is not an input
    };
    for input in inputs {
        if let Ok(input_abs) = input.canonicalize() {
            if out_abs == input_abs
                || (input_abs.is_dir()
                    && out_abs.starts_with(&input_abs)
                    && is_text_input(&out_abs))
            {
                bail!(
                    "--out {} would overwrite the input {}; choose another output file",
                    out.display(),
                    input.display()
                );
            }
        }
    }
    Ok(())
}

fn is_text_input(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

/// Failure classes, each with its exit code.
enum Failure {
    Input(anyhow::Error),
    Output(anyhow::Error),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_INPUT } else { EXIT_OK });
        }
    };
    match run(cli) {
        Ok(()) => ExitCode::from(EXIT_OK),
        Err(Failure::Input(e)) => {
            eprintln!("quotedrift: error: {e:#}");
            ExitCode::from(EXIT_INPUT)
        }
        Err(Failure::Output(e)) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("quotedrift: error: {e:#}");
            ExitCode::from(EXIT_OUTPUT)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Quotes(args) => {
            let settings = Settings::from_args(args).map_err(Failure::Input)?;
            let corpus = ingest::read_inputs(&settings.inputs, settings.ingest)
                .map_err(|e| Failure::Input(e.into()))?;
            let extraction = quote::extract(corpus);
            for source in &extraction.sources {
                if source.stemmer.is_none() {
                    eprintln!(
                        "quotedrift: note: {}: no stemmer for {} ({}); its words are compared unstemmed",
                        source.source.path, source.language.name, source.language.code
                    );
                }
            }
            emit(settings.out.as_deref(), |w| {
                report::write_quotes(&extraction, settings.format, settings.style, w)
            })
            .map_err(Failure::Output)
        }
    }
}

/// Writes output to standard output, or atomically to a file: a temporary file in the same
/// folder, renamed into place only once everything is written.
fn emit(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match out {
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            write(&mut lock).context("cannot write to standard output")?;
            lock.flush().context("cannot write to standard output")?;
            Ok(())
        }
        Some(path) => {
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            let mut builder = tempfile::Builder::new();
            builder.prefix(".quotedrift-").suffix(".tmp");
            // A report is an ordinary file: keep the permissions of the one it replaces, or
            // give a new one the usual rw-r--r-- rather than the temporary file's private mode.
            match std::fs::metadata(path) {
                Ok(existing) => {
                    builder.permissions(existing.permissions());
                }
                Err(_) => set_default_permissions(&mut builder),
            }
            let mut temp = builder.tempfile_in(&dir).with_context(|| {
                format!(
                    "{}: cannot create a file in {}",
                    path.display(),
                    dir.display()
                )
            })?;
            {
                let mut buffered = std::io::BufWriter::new(temp.as_file_mut());
                write(&mut buffered)
                    .with_context(|| format!("{}: cannot write", path.display()))?;
                buffered
                    .flush()
                    .with_context(|| format!("{}: cannot write", path.display()))?;
            }
            temp.as_file()
                .sync_all()
                .with_context(|| format!("{}: cannot write", path.display()))?;
            temp.persist(path)
                .map_err(|e| e.error)
                .with_context(|| format!("{}: cannot replace the file", path.display()))?;
            Ok(())
        }
    }
}

#[cfg(unix)]
fn set_default_permissions(builder: &mut tempfile::Builder<'_, '_>) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(std::fs::Permissions::from_mode(0o644));
}

#[cfg(not(unix))]
fn set_default_permissions(_builder: &mut tempfile::Builder<'_, '_>) {}
