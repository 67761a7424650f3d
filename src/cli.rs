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

use quotedrift::align::AlignOptions;
use quotedrift::analysis;
use quotedrift::evaluate::{self, Figure, Floors, Shortfall};
use quotedrift::ingest::{self, IngestOptions, Input};
use quotedrift::quote;
use quotedrift::report::{self, QuotesFormat, ReportFormat, TextStyle};

mod output;

/// Everything went well.
const EXIT_OK: u8 = 0;
/// The report was written and a group reached the `--fail-on` severity, or an evaluation's
/// figure is below its floor (`--check`).
const EXIT_DRIFT: u8 = 1;
/// The arguments or the input were wrong (nothing was written).
const EXIT_INPUT: u8 = 2;
/// The output could not be written (nothing partial was left behind).
const EXIT_OUTPUT: u8 = 3;

const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  the report was written, and a group is at least as severe as --fail-on; or, for
     evaluate --check, a figure is below its floor (each is named on standard error)
  2  usage error or unreadable input (a message names the file and what is wrong); nothing is written
  3  the output file could not be written; no partial file is left behind";

/// Find quotes and reported speech in news coverage, and who said them.
#[derive(Debug, Parser)]
#[command(name = "quotedrift", version, after_help = EXIT_CODES_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Worker threads for extraction and scoring (default: one per core; also
    /// RAYON_NUM_THREADS), at most 256 or four per core. The report is the same whatever the
    /// number.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<std::num::NonZeroUsize>,
    /// The largest input file read, in bytes or with a unit (K, M, G: powers of 1024); a
    /// larger file, or standard input running past it, is refused. Default 256M.
    #[arg(long, global = true, value_name = "SIZE", value_parser = byte_size)]
    max_file_size: Option<u64>,
}

/// The most worker threads `--threads` accepts on a machine with `cores` cores: beyond a few
/// per core, threads only add their memory and their switching, never speed.
fn max_threads(cores: usize) -> usize {
    (4 * cores).max(256)
}

/// Parses a size: a number of bytes, optionally followed by K, M, G or T (powers of 1024,
/// `KiB`/`KB` spellings too).
fn byte_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("'{s}' is not a size (bytes, or a number with K, M or G)"))?;
    let unit = unit.trim().to_ascii_lowercase();
    let shift = match unit.trim_end_matches("ib").trim_end_matches('b') {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        _ => return Err(format!("'{s}': unknown unit '{unit}' (use K, M, G or T)")),
    };
    number
        .checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("'{s}' is not a size between 1 byte and 16 EiB"))
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Report how the versions of each utterance drift across sources (the main job).
    #[command(after_help = EXIT_CODES_HELP)]
    Report(ReportArgs),
    /// List every direct quote and piece of reported speech, with its speaker.
    #[command(after_help = EXIT_CODES_HELP)]
    Quotes(QuotesArgs),
    /// Compare two texts as versions of one utterance: scores and drift items.
    #[command(after_help = EXIT_CODES_HELP)]
    Compare(CompareArgs),
    /// Align the quotes of several shards' JSON documents as one corpus: the same report as
    /// `report` over all of the shards' sources at once.
    #[command(after_help = EXIT_CODES_HELP)]
    Merge(MergeArgs),
    /// Measure quotedrift on annotated samples: extraction, drift on typed translation
    /// errors, grouping.
    #[command(after_help = EXIT_CODES_HELP)]
    Evaluate(EvaluateArgs),
}

#[derive(Debug, clap::Args)]
struct EvaluateArgs {
    #[command(subcommand)]
    what: EvaluateCommand,
}

#[derive(Debug, Subcommand)]
enum EvaluateCommand {
    /// Extraction on annotated JSON Lines (one article a line: id, lang, split, text, quotes
    /// with byte start/end, spans, speaker, kind): recall, precision and speaker accuracy,
    /// overall, by language and by kind.
    ///
    /// A gold quote is found when an extracted quote of its article shares at least half
    /// the bytes of the shorter of the two (over the gold quote's spans when it has pieces);
    /// precision counts the extracted quotes that so match a gold quote. Speaker accuracy:
    /// over found gold quotes whose speaker is given and is not a pronoun, the extracted
    /// speaker (canonical name, spellings, mention) shares a word of three letters or more,
    /// not a stopword, with the annotated mention.
    #[command(after_help = EXIT_CODES_HELP)]
    Quotes(EvaluateQuotesArgs),
    /// Drift on DEMETR (a folder of its JSON files): detection of each error family, typing
    /// of the drift item, false alarms on faithful translations and on minor edits.
    ///
    /// Detection: source↔perturbed translation drifts further than source↔translation
    /// (higher pair severity; at equal severity, higher divergence). Typing: translation↔
    /// perturbed has a drift item of the family's kind at the words that differ. Alarm: a
    /// drift item of severity 0.5 or more on source↔translation, source↔reference (each
    /// sentence once per language) and, in the minor_* files, translation↔perturbed.
    #[command(after_help = EXIT_CODES_HELP)]
    Demetr(EvaluateDemetrArgs),
    /// Grouping against a hand annotation of utterance groups (TOML, as
    /// tests/annotations/alignment-geneva-2022.toml): pairwise precision, recall and F1,
    /// overall, for same-language and for cross-language pairs.
    #[command(after_help = EXIT_CODES_HELP)]
    Groups(EvaluateGroupsArgs),
}

#[derive(Debug, Clone, clap::Args)]
struct EvaluateOutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvaluateFormatArg::Text)]
    format: EvaluateFormatArg,
    /// A TOML file of floors (minimum figures, or maximum for false-alarm rates) by figure
    /// name, e.g. `[quotes.gnqa-dev] recall = 0.4`: after printing, exit with code 1 naming
    /// every figure on the wrong side of its floor.
    #[arg(long, value_name = "FLOORS.toml")]
    check: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct EvaluateQuotesArgs {
    /// Annotated corpora, JSON Lines; each is named in figures by its file stem.
    #[arg(required = true, value_name = "FILE.jsonl")]
    files: Vec<PathBuf>,
    /// Evaluate only the records whose `split` is this (e.g. `dev`).
    #[arg(long, value_name = "SPLIT")]
    split: Option<String>,
    /// Give extraction each record's `lang` as the declared language instead of detecting it.
    #[arg(long)]
    declared_language: bool,
    #[command(flatten)]
    output: EvaluateOutputArgs,
}

#[derive(Debug, clap::Args)]
struct EvaluateDemetrArgs {
    /// A folder of DEMETR JSON files (each a list of items with src_sent, eng_sent, mt_sent,
    /// pert_sent, lang_tag, pert_check, pert_name, severity); named in figures by its name.
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    #[command(flatten)]
    output: EvaluateOutputArgs,
}

#[derive(Debug, clap::Args)]
struct EvaluateGroupsArgs {
    /// The annotation of utterance groups (TOML); named in figures by its file stem.
    #[arg(value_name = "ANNOTATION.toml")]
    annotation: PathBuf,
    /// The corpus the annotation describes: files and folders as for `report`.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The least combined similarity for two quotes to count as versions of one utterance.
    #[arg(long, value_name = "X", default_value_t = 0.4, value_parser = unit_interval)]
    min_similarity: f64,
    /// Align without the WordNet lexicon.
    #[arg(long)]
    no_lexicon: bool,
    #[command(flatten)]
    output: EvaluateOutputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    /// One block per source, one line per quote.
    Text,
    /// The quotedrift/quotes@1 JSON document.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum EvaluateFormatArg {
    /// Tables of counts and figures.
    Text,
    /// One JSON document of counts and figures (quotedrift/evaluate-*@1).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormatArg {
    /// Each group's headline and decisive pair, ranked by severity, changed words marked
    /// (--detail for every pair).
    Text,
    /// The quotedrift/report@1 JSON document.
    Json,
    /// Markdown, one table per group.
    Md,
    /// One row per drift item, both versions and their outlets on each row.
    Csv,
    /// JSON Lines: one flat object per drift item (the CSV's columns), for a data frame.
    Jsonl,
    /// One self-contained page with filters, for a browser.
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Files (.txt, .md, .jsonl), folders (searched recursively for .txt and .md; a
    /// manifest.toml inside describes the sources), or '-' for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read files that are not valid UTF-8, taking each invalid byte as U+001A so that byte
    /// offsets stay true to the file.
    #[arg(long)]
    lossy: bool,
    /// Read standard input ('-') as JSON Lines: one article per line, {"id", "text", …}.
    /// Files ending in .jsonl are always read so.
    #[arg(long)]
    jsonl: bool,
    /// Skip malformed JSON Lines records with a warning, instead of stopping.
    #[arg(long)]
    skip_bad_lines: bool,
}

#[derive(Debug, Clone, clap::Args)]
struct OutputArgs {
    /// Write to FILE instead of standard output. The file is written to a temporary file
    /// beside it and renamed into place, replacing any earlier version (a device or pipe such
    /// as /dev/null is written into, never replaced); it may not be a file the run reads (an
    /// input, a text file or the manifest of an input folder). Its extension (.json, .md,
    /// .csv, .jsonl, .html, .txt) chooses the format when --format is not given.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// When to use colours in text output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
}

#[derive(Debug, clap::Args)]
struct QuotesArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format [default: from the --out file's extension (.json), else text].
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    report: ReportOptionArgs,
}

#[derive(Debug, clap::Args)]
struct MergeArgs {
    /// JSON documents written by `quotedrift quotes --format json` or `quotedrift report
    /// --format json` over the shards of one corpus (each source in one shard only).
    #[arg(required = true, value_name = "SHARD.json")]
    shards: Vec<PathBuf>,
    #[command(flatten)]
    report: ReportOptionArgs,
}

#[derive(Debug, clap::Args)]
struct ReportOptionArgs {
    /// Output format [default: from the --out file's extension (.json, .md, .csv, .jsonl,
    /// .html, .txt), else text].
    #[arg(long, value_enum)]
    format: Option<ReportFormatArg>,
    #[command(flatten)]
    output: OutputArgs,
    /// The least combined similarity (0 to 1) for two quotes to count as versions of one
    /// utterance (three quarters of it for one speaker's versions in two sources that are each
    /// other's closest there, when a third source has a version linked to both).
    #[arg(long, value_name = "X", default_value_t = 0.4, value_parser = unit_interval)]
    min_similarity: f64,
    /// Keep only groups whose speaker's names contain NAME (case-insensitive).
    #[arg(long, value_name = "NAME")]
    speaker: Option<String>,
    /// Compare every version against the versions of this source (its id, the file stem),
    /// e.g. an official transcript; groups it has no version in are left out.
    #[arg(long, value_name = "SOURCE")]
    reference: Option<String>,
    /// Compare words by stem, spelling and transliteration only, without the WordNet lexicon
    /// of synonyms and translations.
    #[arg(long)]
    no_lexicon: bool,
    /// Exit with code 1 when a group's severity is at least X (0 to 1), after writing the
    /// report.
    #[arg(long, value_name = "X", value_parser = unit_interval)]
    fail_on: Option<f64>,
    /// Text report: show only the N most severe groups.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// Text report: every version and every pair of each group, with all scores and drift
    /// items, and the ungrouped quotes (by default each group's headline and the pair that
    /// decides its severity).
    #[arg(long)]
    detail: bool,
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// The first text (the reference).
    #[arg(
        value_name = "TEXT_A",
        required_unless_present = "pairs",
        conflicts_with = "pairs"
    )]
    a: Option<String>,
    /// The second text.
    #[arg(value_name = "TEXT_B", required_unless_present = "pairs")]
    b: Option<String>,
    /// Compare every pair of a TSV file instead: one `a<TAB>b` per line, optionally followed
    /// by the ISO 639-3 languages of a and b.
    #[arg(long, value_name = "FILE.tsv")]
    pairs: Option<PathBuf>,
    /// The language of both texts (ISO 639-3 or 639-1: `eng`, `de`), or of TEXT_A and TEXT_B
    /// apart (`deu,eng`). Detected when not given; a word or two is too little to detect, and
    /// without a language no lexicon applies. The columns of --pairs take precedence.
    #[arg(long, value_name = "CODE[,CODE]", value_parser = language_pair)]
    lang: Option<(String, String)>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormatArg::Text)]
    format: CompareFormatArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CompareFormatArg {
    /// Scores and drift items of each pair.
    Text,
    /// JSON Lines: one object per pair with its similarity and drift items.
    Json,
}

/// Parses `--lang`: one language code for both texts, or two separated by a comma.
fn language_pair(s: &str) -> Result<(String, String), String> {
    let known = |code: &str| {
        quotedrift::language::declared(code)
            .map(|l| l.code.to_string())
            .ok_or_else(|| format!("'{code}' is not a language code quotedrift knows"))
    };
    match s.split_once(',') {
        Some((a, b)) => Ok((known(a)?, known(b)?)),
        None => {
            let code = known(s)?;
            Ok((code.clone(), code))
        }
    }
}

fn unit_interval(s: &str) -> Result<f64, String> {
    let x: f64 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{x} is not between 0 and 1"))
    }
}

/// The report format a file name's extension asks for, if it names one.
fn format_of_extension(path: &Path) -> Option<ReportFormatArg> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" | "text" => Some(ReportFormatArg::Text),
        "json" => Some(ReportFormatArg::Json),
        "md" | "markdown" => Some(ReportFormatArg::Md),
        "csv" => Some(ReportFormatArg::Csv),
        "jsonl" | "ndjson" => Some(ReportFormatArg::Jsonl),
        "html" | "htm" => Some(ReportFormatArg::Html),
        _ => None,
    }
}

/// The format asked for, or the one the `--out` file's extension names (text otherwise). An
/// explicit format that contradicts the extension is written as asked, with a warning.
fn resolve_format(given: Option<ReportFormatArg>, out: Option<&Path>) -> ReportFormatArg {
    let implied = out.and_then(format_of_extension);
    match (given, implied) {
        (Some(given), Some(implied)) if given != implied => {
            if let Some(out) = out {
                eprintln!(
                    "quotedrift: warning: writing {} to {} as --format asks, though its extension suggests {}",
                    format_name(given),
                    out.display(),
                    format_name(implied)
                );
            }
            given
        }
        (Some(given), _) => given,
        (None, Some(implied)) => implied,
        (None, None) => ReportFormatArg::Text,
    }
}

fn format_name(format: ReportFormatArg) -> &'static str {
    match format {
        ReportFormatArg::Text => "text",
        ReportFormatArg::Json => "json",
        ReportFormatArg::Md => "md",
        ReportFormatArg::Csv => "csv",
        ReportFormatArg::Jsonl => "jsonl",
        ReportFormatArg::Html => "html",
    }
}

/// Resolved input and output settings shared by `quotes` and `report`.
struct Io {
    inputs: Vec<Input>,
    ingest: IngestOptions,
    out: Option<PathBuf>,
    style: TextStyle,
}

impl Io {
    fn resolve(input: InputArgs, output: OutputArgs, max_file_size: u64) -> anyhow::Result<Self> {
        let inputs: Vec<Input> = input
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
        if let Some(out) = &output.out {
            refuse_input_as_output(out, &input.paths)?;
        }
        let color = match output.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                output.out.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Ok(Io {
            inputs,
            ingest: IngestOptions {
                lossy: input.lossy,
                jsonl: input.jsonl,
                skip_bad_lines: input.skip_bad_lines,
                max_file_size,
            },
            style: TextStyle {
                color,
                width: terminal_width(output.out.is_none()),
                ..TextStyle::default()
            },
            out: output.out,
        })
    }

    fn read(&self) -> Result<ingest::Corpus, Failure> {
        let corpus =
            ingest::read_inputs(&self.inputs, self.ingest).map_err(|e| Failure::Input(e.into()))?;
        for warning in &corpus.warnings {
            eprintln!("quotedrift: warning: {}", plain(warning));
        }
        Ok(corpus)
    }
}

/// The width text reports are wrapped to: the terminal's, when standard output is one and
/// the report goes there; 80 columns otherwise.
fn terminal_width(to_stdout: bool) -> usize {
    let term = console::Term::stdout();
    match term.size_checked() {
        Some((_, columns)) if to_stdout && term.is_term() => usize::from(columns).max(40),
        _ => 80,
    }
}

/// What a long run is doing, on standard error: a spinner with the stage and the time spent,
/// shown only once the run has taken a second, and only when standard error is a terminal.
struct Progress {
    bar: indicatif::ProgressBar,
}

impl Progress {
    fn start() -> Progress {
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        let progress = Progress { bar };
        if std::io::stderr().is_terminal() {
            // A ticker thread reveals the spinner after a second; short runs never show it.
            let bar = progress.bar.clone();
            std::thread::spawn(move || {
                std::thread::sleep(std::time::Duration::from_secs(1));
                if !bar.is_finished() {
                    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(std::time::Duration::from_millis(120));
                }
            });
        }
        progress
    }

    fn stage(&self, message: String) {
        self.bar.set_message(message);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Leaves the analysis to the end of the process rather than freeing it: on a large corpus
/// it is millions of small allocations (a quarter of a second at 16,000 articles) that the
/// operating system takes back at once when the process exits, which it is about to do.
fn release_at_exit(analysis: analysis::Analysis) {
    std::mem::forget(analysis);
}

fn align_options(args: &ReportOptionArgs) -> AlignOptions {
    AlignOptions {
        min_similarity: args.min_similarity,
        reference: args.reference.clone(),
        speaker: args.speaker.clone(),
        linkage: None,
        lexicon: !args.no_lexicon,
    }
}

/// Writes the report of `analysis` and says how the run ended (`--fail-on`).
fn write_analysis(
    analysis: &analysis::Analysis,
    args: &ReportOptionArgs,
    io: &Io,
) -> Result<Outcome, Failure> {
    let format = match resolve_format(args.format, io.out.as_deref()) {
        ReportFormatArg::Text => ReportFormat::Text,
        ReportFormatArg::Json => ReportFormat::Json,
        ReportFormatArg::Md => ReportFormat::Markdown,
        ReportFormatArg::Csv => ReportFormat::Csv,
        ReportFormatArg::Jsonl => ReportFormat::Jsonl,
        ReportFormatArg::Html => ReportFormat::Html,
    };
    if format != ReportFormat::Text && (args.top.is_some() || args.detail) {
        eprintln!("quotedrift: warning: --top and --detail apply to the text report only");
    }
    let style = TextStyle {
        top: args.top,
        detail: args.detail,
        ..io.style
    };
    emit(io.out.as_deref(), |w| {
        report::write_report(analysis, format, style, w)
    })
    .map_err(Failure::Output)?;
    let worst = analysis
        .alignment
        .groups
        .iter()
        .map(|g| g.severity)
        .fold(0.0, f64::max);
    match args.fail_on {
        Some(threshold) if worst >= threshold && !analysis.alignment.groups.is_empty() => {
            Ok(Outcome::DriftAtLeast(threshold))
        }
        _ => Ok(Outcome::Done),
    }
}

/// `--out` must not name a file the run reads: an input file (under any name: a link or a
/// second hard link to it), a text file inside an input folder, or the folder's manifest.
fn refuse_input_as_output(out: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    let Ok(out_abs) = out.canonicalize() else {
        return Ok(()); // does not exist yet, so it is not an input
    };
    for input in inputs {
        let Ok(input_abs) = input.canonicalize() else {
            continue;
        };
        let inside = input_abs.is_dir() && out_abs.starts_with(&input_abs);
        let what = if out_abs == input_abs || same_file(&out_abs, &input_abs) {
            "the input"
        } else if inside && is_text_input(&out_abs) {
            "a text file of the input folder"
        } else if out_abs == input_abs.join(ingest::MANIFEST_FILE)
            || same_file(&out_abs, &input_abs.join(ingest::MANIFEST_FILE))
        {
            "the manifest of the input folder"
        } else {
            continue;
        };
        bail!(
            "--out {} would overwrite {what} {}; choose another output file",
            out.display(),
            input.display()
        );
    }
    Ok(())
}

/// Whether two paths are one file (the same device and inode: hard links included).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_a: &Path, _b: &Path) -> bool {
    false
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

/// How a successful run ended.
enum Outcome {
    Done,
    DriftAtLeast(f64),
    /// Evaluation figures on the wrong side of their floors.
    BelowFloors(Vec<Shortfall>),
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
        Ok(Outcome::Done) => ExitCode::from(EXIT_OK),
        Ok(Outcome::DriftAtLeast(threshold)) => {
            eprintln!("quotedrift: a group's severity is at least {threshold} (--fail-on)");
            ExitCode::from(EXIT_DRIFT)
        }
        Ok(Outcome::BelowFloors(shortfalls)) => {
            for shortfall in &shortfalls {
                eprintln!("quotedrift: {shortfall} (--check)");
            }
            ExitCode::from(EXIT_DRIFT)
        }
        Err(Failure::Input(e)) => {
            eprintln!("quotedrift: error: {}", plain(&format!("{e:#}")));
            ExitCode::from(EXIT_INPUT)
        }
        Err(Failure::Output(e)) => {
            if is_broken_pipe(&e) {
                return ExitCode::from(EXIT_OK);
            }
            eprintln!("quotedrift: error: {}", plain(&format!("{e:#}")));
            ExitCode::from(EXIT_OUTPUT)
        }
    }
}

/// A message for standard error, which may hold ids, paths and words from the input: their
/// control characters shown escaped as in the text report, line breaks kept.
fn plain(message: &str) -> String {
    message
        .lines()
        .map(report::shown)
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<Outcome, Failure> {
    let max_file_size = cli.max_file_size.unwrap_or(ingest::DEFAULT_MAX_FILE_SIZE);
    if let Some(threads) = cli.threads {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let most = max_threads(cores);
        if threads.get() > most {
            return Err(Failure::Input(anyhow::anyhow!(
                "--threads {threads}: at most {most} worker threads (this machine has {cores} cores; more threads than a few per core add memory and switching, never speed)"
            )));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.get())
            .build_global()
            .map_err(|e| Failure::Input(anyhow::anyhow!("--threads {threads}: {e}")))?;
    }
    match cli.command {
        Command::Quotes(args) => {
            let io = Io::resolve(args.input, args.output, max_file_size).map_err(Failure::Input)?;
            let extraction = quote::extract(io.read()?);
            note_unstemmed(&extraction);
            let implied = match io.out.as_deref().and_then(format_of_extension) {
                Some(ReportFormatArg::Json) => Some(FormatArg::Json),
                Some(_) => Some(FormatArg::Text),
                None => None,
            };
            let format = match (args.format, implied) {
                (Some(given), Some(implied)) if given != implied => {
                    eprintln!(
                        "quotedrift: warning: writing {} to {} as --format asks, though its extension suggests {}",
                        if given == FormatArg::Json { "json" } else { "text" },
                        io.out.as_deref().map(Path::display).map(|d| d.to_string()).unwrap_or_default(),
                        if implied == FormatArg::Json { "json" } else { "text" },
                    );
                    given
                }
                (Some(given), _) => given,
                (None, implied) => implied.unwrap_or(FormatArg::Text),
            };
            let format = match format {
                FormatArg::Text => QuotesFormat::Text,
                FormatArg::Json => QuotesFormat::Json,
            };
            emit(io.out.as_deref(), |w| {
                report::write_quotes(&extraction, format, io.style, w)
            })
            .map_err(Failure::Output)?;
            Ok(Outcome::Done)
        }
        Command::Report(args) => {
            let io = Io::resolve(args.input, args.report.output.clone(), max_file_size)
                .map_err(Failure::Input)?;
            let corpus = io.read()?;
            if let Some(reference) = &args.report.reference {
                if !corpus.sources.iter().any(|s| &s.id == reference) {
                    let ids: Vec<&str> = corpus.sources.iter().map(|s| s.id.as_str()).collect();
                    return Err(Failure::Input(anyhow::anyhow!(
                        "--reference {reference}: no such source (sources: {})",
                        ids.join(", ")
                    )));
                }
            }
            let options = align_options(&args.report);
            let progress = Progress::start();
            progress.stage(format!(
                "extracting quotes from {} sources",
                corpus.sources.len()
            ));
            let extraction = quote::extract(corpus);
            let quotes = extraction.quotes().count();
            progress.stage(format!("aligning {quotes} quotes"));
            let alignment = quotedrift::align::align(&extraction, &options);
            warn_about(&alignment);
            progress.stage("writing the report".to_string());
            let analysis = analysis::Analysis {
                extraction,
                alignment,
                options,
            };
            note_unstemmed(&analysis.extraction);
            let outcome = write_analysis(&analysis, &args.report, &io);
            progress.finish();
            release_at_exit(analysis);
            outcome
        }
        Command::Merge(args) => {
            let io = Io::resolve(
                InputArgs {
                    paths: args.shards.clone(),
                    lossy: false,
                    jsonl: false,
                    skip_bad_lines: false,
                },
                args.report.output.clone(),
                max_file_size,
            )
            .map_err(Failure::Input)?;
            let mut shards = Vec::with_capacity(args.shards.len());
            for path in &args.shards {
                let name = path.display().to_string();
                let bytes = ingest::read_regular_file(path, max_file_size)
                    .map_err(|e| Failure::Input(e.into()))?;
                let extraction = report::json::read_extraction(&name, &bytes)
                    .map_err(|e| Failure::Input(e.into()))?;
                shards.push((name, extraction));
            }
            let extraction =
                report::json::merge_extractions(shards).map_err(|e| Failure::Input(e.into()))?;
            if let Some(reference) = &args.report.reference {
                if !extraction.sources.iter().any(|s| &s.source.id == reference) {
                    return Err(Failure::Input(anyhow::anyhow!(
                        "--reference {reference}: no such source in the shards"
                    )));
                }
            }
            let options = align_options(&args.report);
            let progress = Progress::start();
            progress.stage(format!("aligning {} quotes", extraction.quotes().count()));
            let alignment = quotedrift::align::align(&extraction, &options);
            warn_about(&alignment);
            progress.finish();
            let analysis = analysis::Analysis {
                extraction,
                alignment,
                options,
            };
            let outcome = write_analysis(&analysis, &args.report, &io);
            release_at_exit(analysis);
            outcome
        }
        Command::Evaluate(args) => evaluate(args.what),
        Command::Compare(args) => {
            let pairs = match (&args.pairs, &args.a, &args.b) {
                (Some(file), _, _) => read_pairs(file, max_file_size).map_err(Failure::Input)?,
                (None, Some(a), Some(b)) => vec![(a.clone(), b.clone(), None, None)],
                _ => {
                    return Err(Failure::Input(anyhow::anyhow!(
                        "give TEXT_A and TEXT_B, or --pairs FILE.tsv"
                    )))
                }
            };
            emit(None, |w| {
                for (i, (a, b, la, lb)) in pairs.iter().enumerate() {
                    let given = args.lang.as_ref();
                    let la = la.as_deref().or(given.map(|l| l.0.as_str()));
                    let lb = lb.as_deref().or(given.map(|l| l.1.as_str()));
                    let comparison = analysis::compare(a, b, la, lb);
                    match args.format {
                        CompareFormatArg::Json => report::json::write_comparison_line(
                            &comparison.extraction,
                            &comparison.pair,
                            w,
                        )?,
                        CompareFormatArg::Text => {
                            if pairs.len() > 1 {
                                writeln!(w, "{}pair {}", if i > 0 { "\n" } else { "" }, i + 1)?;
                            }
                            report::text::write_comparison(
                                &comparison.extraction,
                                &comparison.pair,
                                w,
                            )?;
                        }
                    }
                }
                Ok(())
            })
            .map_err(Failure::Output)?;
            Ok(Outcome::Done)
        }
    }
}

/// What alignment could not do, on standard error (the reports say it too).
fn warn_about(alignment: &quotedrift::align::Alignment) {
    for warning in &alignment.warnings {
        eprintln!("quotedrift: warning: {}", plain(warning));
    }
}

/// Runs an evaluation, prints it, and checks its figures against the floors.
fn evaluate(command: EvaluateCommand) -> Result<Outcome, Failure> {
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read", path.display()))
            .map_err(Failure::Input)
    };
    let input = |e: evaluate::EvaluateError| Failure::Input(e.into());
    let (output, floors) = {
        let output = match &command {
            EvaluateCommand::Quotes(a) => &a.output,
            EvaluateCommand::Demetr(a) => &a.output,
            EvaluateCommand::Groups(a) => &a.output,
        };
        let floors = match &output.check {
            Some(path) => {
                Some(Floors::parse(&path.display().to_string(), &read(path)?).map_err(input)?)
            }
            None => None,
        };
        (output.clone(), floors)
    };
    let json = matches!(output.format, EvaluateFormatArg::Json);
    let figures: Vec<Figure> = match command {
        EvaluateCommand::Quotes(args) => {
            let options = evaluate::quotes::QuoteOptions {
                split: args.split.clone(),
                declared_language: args.declared_language,
            };
            let mut evaluations = Vec::new();
            for path in &args.files {
                let name = path.display().to_string();
                evaluations.push(
                    evaluate::quotes::evaluate(&name, &read(path)?, &options).map_err(input)?,
                );
            }
            emit(None, |w| {
                if json {
                    evaluate::quotes::write_json_document(&evaluations, w)
                } else {
                    for (i, e) in evaluations.iter().enumerate() {
                        if i > 0 {
                            writeln!(w)?;
                        }
                        e.write_text(w)?;
                    }
                    Ok(())
                }
            })
            .map_err(Failure::Output)?;
            evaluations.iter().flat_map(|e| e.figures()).collect()
        }
        EvaluateCommand::Demetr(args) => {
            let entries = std::fs::read_dir(&args.dir)
                .with_context(|| format!("{}: cannot read the folder", args.dir.display()))
                .map_err(Failure::Input)?;
            let mut paths: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect();
            paths.sort();
            if paths.is_empty() {
                return Err(Failure::Input(anyhow::anyhow!(
                    "{}: no .json files (DEMETR's files are demetr_*.json)",
                    args.dir.display()
                )));
            }
            let mut files = Vec::with_capacity(paths.len());
            for path in &paths {
                files.push((path.display().to_string(), read(path)?));
            }
            let evaluation = evaluate::demetr::evaluate(&args.dir.display().to_string(), &files)
                .map_err(input)?;
            emit(None, |w| {
                if json {
                    evaluation.write_json(w)
                } else {
                    evaluation.write_text(w)
                }
            })
            .map_err(Failure::Output)?;
            evaluation.figures()
        }
        EvaluateCommand::Groups(args) => {
            let annotation = read(&args.annotation)?;
            let inputs: Vec<Input> = args.paths.iter().cloned().map(Input::Path).collect();
            let corpus = ingest::read_inputs(&inputs, IngestOptions::default())
                .map_err(|e| Failure::Input(e.into()))?;
            let options = AlignOptions {
                min_similarity: args.min_similarity,
                lexicon: !args.no_lexicon,
                ..AlignOptions::default()
            };
            let analysis = analysis::analyze(corpus, options);
            let name = args.annotation.display().to_string();
            let gold = evaluate::groups::resolve(&name, &annotation, &analysis).map_err(input)?;
            let evaluation = evaluate::groups::evaluate(&name, &gold, &analysis);
            emit(None, |w| {
                if json {
                    evaluation.write_json(w)
                } else {
                    evaluation.write_text(w)
                }
            })
            .map_err(Failure::Output)?;
            evaluation.figures()
        }
    };
    match floors.map(|f| f.check(&figures)) {
        Some(shortfalls) if !shortfalls.is_empty() => Ok(Outcome::BelowFloors(shortfalls)),
        _ => Ok(Outcome::Done),
    }
}

fn note_unstemmed(extraction: &quote::Extraction) {
    for source in &extraction.sources {
        if source.stemmer.is_none() {
            eprintln!(
                "quotedrift: note: {}: no stemmer for {} ({}); its words are compared unstemmed",
                plain(&source.source.path),
                source.language.name,
                source.language.code
            );
        }
    }
}

/// A pair of texts from a TSV line, with optional languages.
type TextPair = (String, String, Option<String>, Option<String>);

/// Reads `a<TAB>b[<TAB>lang_a<TAB>lang_b]` lines; blank lines and lines starting with '#' are
/// skipped.
fn read_pairs(path: &Path, max_file_size: u64) -> anyhow::Result<Vec<TextPair>> {
    let bytes = ingest::read_regular_file(path, max_file_size)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: invalid UTF-8 at byte offset {}",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 2 || fields.len() > 4 {
            bail!(
                "{}:{}: expected 'a<TAB>b' with optional language columns, found {} field(s)",
                path.display(),
                n + 1,
                fields.len()
            );
        }
        let lang = |i: usize| {
            fields
                .get(i)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        out.push((
            fields[0].to_string(),
            fields[1].to_string(),
            lang(2),
            lang(3),
        ));
    }
    if out.is_empty() {
        bail!("{}: no pairs (expected 'a<TAB>b' lines)", path.display());
    }
    Ok(out)
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
        Some(path) => output::replace_file(path, write),
    }
}
