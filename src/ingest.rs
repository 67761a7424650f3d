//! Reading a corpus: files, folders and standard input, the manifest that describes them.
//!
//! This is the only module of the library that touches the file system. Everything after it
//! works on [`Source`] values in memory.
//!
//! JSON Lines (`.jsonl` files, or standard input with [`IngestOptions::jsonl`]) hold one
//! article per line: `{"id": …, "text": …}` and optionally `outlet`, `language`,
//! `original_language`, `translation_chain`, `published` and `url`; other fields are ignored.
//! Offsets are then byte offsets into the record's `text`. A malformed line stops the run with
//! its line number, or is skipped with a warning under [`IngestOptions::skip_bad_lines`].
//!
//! Only regular files are read (and standard input, whatever it is): a named pipe, a device
//! or a socket named as an input is refused before it is opened (opening a pipe would wait
//! for a writer forever), and one found in a folder is left out with a warning. No file may
//! be larger than [`IngestOptions::max_file_size`] ([`DEFAULT_MAX_FILE_SIZE`] unless set):
//! reading stops one byte past the limit, so an endless file (`/dev/zero` on standard input,
//! a `/proc` file) is refused rather than read until memory runs out.
//!
//! A source's `text` is the file's bytes exactly as they are on disk, byte order mark included,
//! so that every byte offset computed downstream is an offset into the file. With
//! [`IngestOptions::lossy`], bytes that are not valid UTF-8 are each read as U+001A
//! (SUBSTITUTE), one byte for one byte, so offsets still point at the same bytes on disk.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The name of the optional manifest file inside a corpus folder.
pub const MANIFEST_FILE: &str = "manifest.toml";

/// How many leading bytes are checked for NUL bytes when deciding whether a file is binary.
const BINARY_SNIFF_LEN: usize = 8192;

/// The largest file read unless [`IngestOptions::max_file_size`] says otherwise: 256 MiB, ten
/// times the 16,000-article corpus of the benchmarks in one JSON Lines file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 << 20;

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file (`.txt` or `.md`) or a folder searched recursively for such files.
    Path(PathBuf),
    /// Standard input, given as `-`.
    Stdin,
}

/// Options that change how bytes are read.
#[derive(Debug, Clone, Copy)]
pub struct IngestOptions {
    /// Accept invalid UTF-8, reading each invalid byte as U+001A (offsets stay true).
    pub lossy: bool,
    /// Read standard input as JSON Lines rather than as one article.
    pub jsonl: bool,
    /// Skip malformed JSON Lines records (with a warning) instead of stopping.
    pub skip_bad_lines: bool,
    /// The largest input file (or standard input) read, in bytes; a larger one is refused.
    pub max_file_size: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            lossy: false,
            jsonl: false,
            skip_bad_lines: false,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// What the manifest says about one source (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMeta {
    /// The outlet that published the text, as a reader would name it.
    pub outlet: Option<String>,
    /// The language the report was first written in (ISO 639-3).
    pub original_language: Option<String>,
    /// The languages the utterance passed through, speech first (ISO 639-3 codes).
    pub translation_chain: Vec<String>,
    /// Where the article was published.
    pub url: Option<String>,
    /// Free-text note on the source.
    pub note: Option<String>,
    /// True when the text was written for testing rather than collected from an outlet.
    pub synthetic: bool,
    /// When the article was published, as the input gives it.
    pub published: Option<String>,
    /// The language the input declares for the text (ISO 639-3), used instead of detection.
    pub language: Option<String>,
}

/// One article: its identity, its exact text and what the manifest says about it.
#[derive(Debug, Clone)]
pub struct Source {
    /// Source id: the file stem (`stdin` for standard input).
    pub id: String,
    /// The path as given or found (`-` for standard input).
    pub path: String,
    /// The file's bytes as text; byte offsets into it are byte offsets into the file.
    pub text: String,
    /// Whether the text starts with a UTF-8 byte order mark (kept in `text`).
    pub bom: bool,
    /// How many invalid bytes were replaced in lossy mode (0 otherwise).
    pub replaced_bytes: usize,
    /// Manifest data for this source.
    pub meta: SourceMeta,
}

/// A set of sources read together, sorted by id.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// The sources, sorted by id so that output never depends on argument order.
    pub sources: Vec<Source>,
    /// What was skipped while reading (malformed JSON Lines records), one message each.
    pub warnings: Vec<String>,
}

impl Corpus {
    /// A corpus of these sources (sorted by id), with no warnings.
    pub fn new(mut sources: Vec<Source>) -> Self {
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        Corpus {
            sources,
            warnings: Vec::new(),
        }
    }
}

/// Everything that can go wrong while reading input. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The path could not be read (missing, permission denied, …). The operating system's
    /// message is part of this error's message, not a cause of its own, so that it is said
    /// once.
    #[error("{path}: cannot read: {error}")]
    Read {
        /// The path that failed.
        path: String,
        /// The underlying error.
        error: std::io::Error,
    },
    /// The path names a pipe, a device or a socket rather than a regular file.
    #[error("{path}: {kind}, not a regular file; only regular files are read (send other input to standard input, '-')")]
    NotRegular {
        /// The path.
        path: String,
        /// What it is instead ("a named pipe (FIFO)", "a character device", …).
        kind: &'static str,
    },
    /// The file is larger than [`IngestOptions::max_file_size`].
    #[error("{path}: larger than the limit of {limit} bytes for one input (raise it with --max-file-size)")]
    TooLarge {
        /// The file.
        path: String,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The file is UTF-16 or UTF-32, not UTF-8.
    #[error("{path}: {encoding} text, but input must be UTF-8; convert it first, e.g. `iconv -f {iconv} -t UTF-8 FILE > FILE.utf8.txt`")]
    NotUtf8 {
        /// The file.
        path: String,
        /// The encoding found ("UTF-16 (little-endian, with a byte order mark)", …).
        encoding: &'static str,
        /// Its name for iconv.
        iconv: &'static str,
    },
    /// The file is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte offset {offset} (use --lossy to read it anyway)")]
    InvalidUtf8 {
        /// The file.
        path: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The file looks binary.
    #[error("{path}: looks like a binary file (NUL byte at offset {offset}), not text")]
    Binary {
        /// The file.
        path: String,
        /// Offset of the first NUL byte.
        offset: usize,
    },
    /// The file has no text.
    #[error("{path}: empty file (no text to read)")]
    Empty {
        /// The file.
        path: String,
    },
    /// A file named explicitly is not `.txt`, `.md` or `.jsonl`.
    #[error("{path}: unsupported file type (expected .txt, .md or .jsonl)")]
    Unsupported {
        /// The file.
        path: String,
    },
    /// A folder holds no `.txt` or `.md` file.
    #[error("{path}: no .txt or .md files in this folder")]
    NoSources {
        /// The folder.
        path: String,
    },
    /// Two inputs have the same file stem.
    #[error("{second}: source id '{id}' is already used by {first}; rename one of the files")]
    DuplicateId {
        /// The id both share.
        id: String,
        /// The file read first.
        first: String,
        /// The file read second.
        second: String,
    },
    /// The manifest could not be parsed or does not match the folder.
    #[error("{path}: {message}")]
    Manifest {
        /// The manifest file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// No inputs were given.
    #[error("no input: name files or folders, or '-' for standard input")]
    NoInput,
    /// A JSON Lines record is malformed.
    #[error("{path}:{line}: {message} (use --skip-bad-lines to skip such lines)")]
    BadRecord {
        /// The file.
        path: String,
        /// The line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Reads every input into one corpus.
///
/// Folders are searched recursively for `.txt` and `.md` files (hidden entries skipped), and a
/// `manifest.toml` at the top of a folder given as input supplies source metadata.
pub fn read_inputs(inputs: &[Input], options: IngestOptions) -> Result<Corpus, IngestError> {
    if inputs.is_empty() {
        return Err(IngestError::NoInput);
    }
    let mut sources: Vec<Source> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    for input in inputs {
        match input {
            Input::Stdin if options.jsonl => {
                let stdin = std::io::stdin().lock();
                let limited = Limited::new(stdin, options.max_file_size);
                let reader = std::io::BufReader::with_capacity(1 << 16, limited);
                let (records, skipped) = read_jsonl("-", reader, options)?;
                sources.extend(records);
                warnings.extend(skipped);
            }
            Input::Stdin => {
                let bytes = read_limited("-", std::io::stdin().lock(), 0, options.max_file_size)?;
                sources.push(read_bytes("stdin", "-", &bytes, options)?);
            }
            Input::Path(path) => read_path(path, options, &mut sources, &mut warnings)?,
        }
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for source in &sources {
        if let Some(first) = seen.insert(source.id.clone(), source.path.clone()) {
            return Err(IngestError::DuplicateId {
                id: source.id.clone(),
                first,
                second: source.path.clone(),
            });
        }
    }
    sources.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Corpus { sources, warnings })
}

/// Reads the whole of a regular file, refusing anything else before opening it (a named pipe
/// would block the open itself) and any file larger than `max_file_size`. Standard input and
/// `/proc` files, whose size is not known beforehand, are stopped one byte past the limit.
pub fn read_regular_file(path: &Path, max_file_size: u64) -> Result<Vec<u8>, IngestError> {
    let display = path.display().to_string();
    let metadata = regular_metadata(path)?;
    if metadata.len() > max_file_size {
        return Err(IngestError::TooLarge {
            path: display,
            limit: max_file_size,
        });
    }
    let file = std::fs::File::open(path).map_err(|error| IngestError::Read {
        path: display.clone(),
        error,
    })?;
    read_limited(&display, file, metadata.len(), max_file_size)
}

/// The metadata of a path that must be a regular file (links followed).
fn regular_metadata(path: &Path) -> Result<std::fs::Metadata, IngestError> {
    let display = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|error| IngestError::Read {
        path: display.clone(),
        error,
    })?;
    match special_kind(&metadata.file_type()) {
        Some(kind) => Err(IngestError::NotRegular {
            path: display,
            kind,
        }),
        None if metadata.is_dir() => Err(IngestError::Read {
            path: display,
            error: std::io::Error::other("is a folder"),
        }),
        None => Ok(metadata),
    }
}

/// What a file that is neither a regular file nor a folder is, for messages.
fn special_kind(file_type: &std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file or a folder")
}

/// Reads `reader` to its end, but never more than one byte past `limit`.
fn read_limited(
    path: &str,
    reader: impl Read,
    size_hint: u64,
    limit: u64,
) -> Result<Vec<u8>, IngestError> {
    let mut bytes = Vec::with_capacity(size_hint.min(limit) as usize + 1);
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| IngestError::Read {
            path: path.to_string(),
            error,
        })?;
    if bytes.len() as u64 > limit {
        return Err(IngestError::TooLarge {
            path: path.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

/// A reader that fails with [`LimitExceeded`] once more than `left` bytes would be read, so
/// that JSON Lines, read a line at a time, stop at the limit too.
struct Limited<R> {
    inner: R,
    left: u64,
    limit: u64,
}

impl<R> Limited<R> {
    fn new(inner: R, limit: u64) -> Self {
        Limited {
            inner,
            left: limit,
            limit,
        }
    }
}

/// The error a [`Limited`] reader fails with.
#[derive(Debug, thiserror::Error)]
#[error("larger than the limit of {0} bytes")]
struct LimitExceeded(u64);

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // One byte more than is left: reading it means the input is over the limit.
        let room = (buf.len() as u64).min(self.left.saturating_add(1)) as usize;
        let read = self.inner.read(&mut buf[..room])?;
        if read as u64 > self.left {
            return Err(std::io::Error::other(LimitExceeded(self.limit)));
        }
        self.left -= read as u64;
        Ok(read)
    }
}

/// The error of a failed read of `path`: [`IngestError::TooLarge`] when the reader stopped
/// at the limit, [`IngestError::Read`] naming `at` otherwise.
fn read_failure(path: &str, at: String, error: std::io::Error) -> IngestError {
    match error
        .get_ref()
        .and_then(|e| e.downcast_ref::<LimitExceeded>())
    {
        Some(LimitExceeded(limit)) => IngestError::TooLarge {
            path: path.to_string(),
            limit: *limit,
        },
        None => IngestError::Read { path: at, error },
    }
}

/// One JSON Lines record.
#[derive(Debug, Deserialize)]
struct Record {
    id: String,
    text: String,
    outlet: Option<String>,
    language: Option<String>,
    original_language: Option<String>,
    #[serde(default)]
    translation_chain: Vec<String>,
    published: Option<String>,
    url: Option<String>,
}

/// Reads JSON Lines: one article per line, a line at a time (the input is never held whole:
/// bytes in memory are the records' texts). A UTF-8 byte order mark before the first record
/// is allowed; UTF-16 or UTF-32 input is refused with a way to convert it. Blank lines are
/// skipped; a malformed record (not JSON, no `id` or `text`, a `language` quotedrift does not
/// know, an `original_language` or `translation_chain` entry that is not an ISO 639-3 code)
/// is an error naming its line, or a warning when `options.skip_bad_lines` is set. `path`
/// names the input in messages; a byte slice is a reader too.
pub fn read_jsonl(
    path: &str,
    mut reader: impl std::io::BufRead,
    options: IngestOptions,
) -> Result<(Vec<Source>, Vec<String>), IngestError> {
    let mut sources = Vec::new();
    let mut warnings = Vec::new();
    let mut buffer = Vec::new();
    for line_number in 1.. {
        buffer.clear();
        let read = reader
            .read_until(b'\n', &mut buffer)
            .map_err(|error| read_failure(path, format!("{path}:{line_number}"), error))?;
        if read == 0 {
            break;
        }
        let mut line = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
        line = line.strip_suffix(b"\r").unwrap_or(line);
        if line_number == 1 {
            if let Some((encoding, iconv)) = wide_encoding(line) {
                return Err(IngestError::NotUtf8 {
                    path: path.to_string(),
                    encoding,
                    iconv,
                });
            }
            line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = parse_record(line).and_then(|record| {
            if record.text.trim().is_empty() {
                return Err("empty text".to_string());
            }
            if record.id.is_empty() {
                return Err("empty id".to_string());
            }
            if let Some(code) = &record.language {
                if crate::language::declared(code).is_none() {
                    return Err(format!(
                        "language '{code}' is not a language quotedrift knows (an ISO 639-3 or 639-1 code, e.g. 'eng' or 'en')"
                    ));
                }
            }
            let codes = record
                .original_language
                .iter()
                .chain(record.translation_chain.iter());
            for code in codes {
                check_iso639_3(code)?;
            }
            Ok(record)
        });
        match parsed {
            Ok(record) => sources.push(Source {
                id: record.id,
                path: format!("{path}:{line_number}"),
                bom: false,
                replaced_bytes: 0,
                text: record.text,
                meta: SourceMeta {
                    outlet: record.outlet,
                    original_language: record.original_language,
                    translation_chain: record.translation_chain,
                    url: record.url,
                    published: record.published,
                    language: record.language,
                    ..SourceMeta::default()
                },
            }),
            Err(message) if options.skip_bad_lines => {
                warnings.push(format!("{path}:{line_number}: skipped: {message}"));
            }
            Err(message) => {
                return Err(IngestError::BadRecord {
                    path: path.to_string(),
                    line: line_number,
                    message,
                })
            }
        }
    }
    Ok((sources, warnings))
}

/// `original_language` and `translation_chain` entries are ISO 639-3 codes: three lowercase
/// letters.
fn check_iso639_3(code: &str) -> Result<(), String> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_lowercase()) {
        Ok(())
    } else {
        Err(format!(
            "language '{code}' is not an ISO 639-3 code (three lowercase letters, e.g. 'eng')"
        ))
    }
}

fn parse_record(line: &[u8]) -> Result<Record, String> {
    let text = std::str::from_utf8(line)
        .map_err(|e| format!("invalid UTF-8 at byte {} of the line", e.valid_up_to()))?;
    serde_json::from_str(text)
        .map_err(|e| format!("not a JSON record with string 'id' and 'text': {e}"))
}

fn read_path(
    path: &Path,
    options: IngestOptions,
    sources: &mut Vec<Source>,
    warnings: &mut Vec<String>,
) -> Result<(), IngestError> {
    let display = path.display().to_string();
    let metadata = std::fs::metadata(path).map_err(|error| IngestError::Read {
        path: display.clone(),
        error,
    })?;
    if let Some(kind) = special_kind(&metadata.file_type()) {
        return Err(IngestError::NotRegular {
            path: display,
            kind,
        });
    }
    if metadata.is_dir() {
        let manifest = read_manifest(path, options)?;
        let mut files = Vec::new();
        // Links are followed, so that a linked article is read and a dangling link is an error
        // naming it rather than a file silently left out.
        let walker = walkdir::WalkDir::new(path)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = entry.map_err(|e| IngestError::Read {
                path: e
                    .path()
                    .map_or_else(|| display.clone(), |p| p.display().to_string()),
                error: e.into_io_error().unwrap_or_else(|| {
                    std::io::Error::other("file system loop or unreadable entry")
                }),
            })?;
            if let Some(kind) = special_kind(&entry.file_type()) {
                warnings.push(format!(
                    "{}: skipped: {kind}, not a regular file",
                    entry.path().display()
                ));
            } else if entry.depth() > 1
                && entry.file_type().is_file()
                && entry.file_name() == MANIFEST_FILE
            {
                warnings.push(format!(
                    "{}: ignored: only the manifest at the top of a folder given as input is read (give its folder as an input of its own to use it)",
                    entry.path().display()
                ));
            } else if entry.file_type().is_file() && has_text_extension(entry.path()) {
                files.push(entry.into_path());
            }
        }
        if files.is_empty() {
            return Err(IngestError::NoSources { path: display });
        }
        if let Some(manifest) = &manifest {
            manifest.check_files(path, &files)?;
        }
        for file in files {
            let mut source = read_file(&file, options)?;
            if let Some(manifest) = &manifest {
                if let Some(meta) = manifest.meta_for(path, &file) {
                    source.meta = meta;
                }
            }
            sources.push(source);
        }
        Ok(())
    } else if has_text_extension(path) {
        sources.push(read_file(path, options)?);
        Ok(())
    } else if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
    {
        if metadata.len() > options.max_file_size {
            return Err(IngestError::TooLarge {
                path: display,
                limit: options.max_file_size,
            });
        }
        let file = std::fs::File::open(path).map_err(|error| IngestError::Read {
            path: display.clone(),
            error,
        })?;
        let limited = Limited::new(file, options.max_file_size);
        let reader = std::io::BufReader::with_capacity(1 << 16, limited);
        let (records, skipped) = read_jsonl(&display, reader, options)?;
        sources.extend(records);
        warnings.extend(skipped);
        Ok(())
    } else {
        Err(IngestError::Unsupported { path: display })
    }
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

fn read_file(path: &Path, options: IngestOptions) -> Result<Source, IngestError> {
    let display = path.display().to_string();
    let bytes = read_regular_file(path, options.max_file_size)?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| display.clone());
    read_bytes(&id, &display, &bytes, options)
}

/// UTF-32 and UTF-16 by their byte order marks, or UTF-16 without one by its NUL bytes (every
/// other byte, in ASCII text): the encoding's description and its name for iconv.
fn wide_encoding(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") {
        return Some(("UTF-32 (little-endian, with a byte order mark)", "UTF-32"));
    }
    if bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Some(("UTF-32 (big-endian, with a byte order mark)", "UTF-32"));
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(("UTF-16 (little-endian, with a byte order mark)", "UTF-16"));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(("UTF-16 (big-endian, with a byte order mark)", "UTF-16"));
    }
    let sample = &bytes[..bytes.len().min(BINARY_SNIFF_LEN) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let nul_odd = sample.chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
    let nul_even = sample.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
    if nul_odd * 4 >= pairs * 3 {
        Some((
            "UTF-16 (little-endian, without a byte order mark)",
            "UTF-16LE",
        ))
    } else if nul_even * 4 >= pairs * 3 {
        Some(("UTF-16 (big-endian, without a byte order mark)", "UTF-16BE"))
    } else {
        None
    }
}

/// Turns raw bytes into a [`Source`], checking that they are text.
///
/// `path` is only used in error messages and in the source's record.
pub fn read_bytes(
    id: &str,
    path: &str,
    bytes: &[u8],
    options: IngestOptions,
) -> Result<Source, IngestError> {
    let path = path.to_string();
    if let Some((encoding, iconv)) = wide_encoding(bytes) {
        return Err(IngestError::NotUtf8 {
            path,
            encoding,
            iconv,
        });
    }
    if let Some(offset) = bytes.iter().take(BINARY_SNIFF_LEN).position(|&b| b == 0) {
        return Err(IngestError::Binary { path, offset });
    }
    let (text, replaced_bytes) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), 0),
        Err(error) if options.lossy => {
            let _ = error;
            decode_lossy_same_length(bytes)
        }
        Err(error) => {
            return Err(IngestError::InvalidUtf8 {
                path,
                offset: error.valid_up_to(),
            })
        }
    };
    let bom = text.starts_with('\u{feff}');
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(IngestError::Empty { path });
    }
    Ok(Source {
        id: id.to_string(),
        path,
        text,
        bom,
        replaced_bytes,
        meta: SourceMeta::default(),
    })
}

/// Decodes UTF-8, replacing each invalid byte by U+001A so that the result has the same length
/// and every valid character stays at its byte offset.
fn decode_lossy_same_length(mut bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut replaced = 0;
    while !bytes.is_empty() {
        match std::str::from_utf8(bytes) {
            Ok(valid) => {
                out.push_str(valid);
                break;
            }
            Err(error) => {
                let (valid, rest) = bytes.split_at(error.valid_up_to());
                // Safe by construction: `valid_up_to` marks the end of valid UTF-8.
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = error.error_len().unwrap_or(rest.len());
                for _ in 0..bad {
                    out.push('\u{1a}');
                }
                replaced += bad;
                bytes = &rest[bad..];
            }
        }
    }
    (out, replaced)
}

/// The manifest file of a corpus folder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    /// Name of the corpus (informational).
    #[allow(
        dead_code,
        reason = "read for validation; the corpus name is informational"
    )]
    corpus: Option<String>,
    /// Description of the corpus (informational).
    #[allow(
        dead_code,
        reason = "read for validation; the description is informational"
    )]
    description: Option<String>,
    #[serde(default, rename = "source")]
    sources: Vec<ManifestSource>,
    #[serde(skip)]
    path: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestSource {
    file: String,
    outlet: Option<String>,
    original_language: Option<String>,
    #[serde(default)]
    translation_chain: Vec<String>,
    url: Option<String>,
    note: Option<String>,
    #[serde(default)]
    synthetic: bool,
}

fn read_manifest(dir: &Path, options: IngestOptions) -> Result<Option<Manifest>, IngestError> {
    let path = dir.join(MANIFEST_FILE);
    let display = path.display().to_string();
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        _ => {}
    }
    let bytes = read_regular_file(&path, options.max_file_size)?;
    let text = String::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
        path: display.clone(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    let mut manifest: Manifest = toml::from_str(&text).map_err(|e| IngestError::Manifest {
        path: display.clone(),
        message: e.to_string().trim_end().to_string(),
    })?;
    manifest.path = display;
    for entry in &manifest.sources {
        let codes = entry
            .original_language
            .iter()
            .chain(entry.translation_chain.iter());
        for code in codes {
            check_iso639_3(code).map_err(|message| IngestError::Manifest {
                path: manifest.path.clone(),
                message: format!("source '{}': {message}", entry.file),
            })?;
        }
    }
    Ok(Some(manifest))
}

impl Manifest {
    fn relative<'a>(dir: &Path, file: &'a Path) -> Option<&'a Path> {
        file.strip_prefix(dir).ok()
    }

    /// Every manifest entry must name a text file that exists in the folder, once.
    fn check_files(&self, dir: &Path, files: &[PathBuf]) -> Result<(), IngestError> {
        let mut named = BTreeMap::new();
        for entry in &self.sources {
            if named.insert(entry.file.as_str(), ()).is_some() {
                return Err(IngestError::Manifest {
                    path: self.path.clone(),
                    message: format!("source '{}' is listed twice", entry.file),
                });
            }
            let exists = files
                .iter()
                .filter_map(|f| Self::relative(dir, f))
                .any(|rel| rel == Path::new(&entry.file));
            if !exists {
                return Err(IngestError::Manifest {
                    path: self.path.clone(),
                    message: format!(
                        "source '{}' is listed but no such .txt or .md file is in the folder",
                        entry.file
                    ),
                });
            }
        }
        Ok(())
    }

    fn meta_for(&self, dir: &Path, file: &Path) -> Option<SourceMeta> {
        let rel = Self::relative(dir, file)?;
        let entry = self.sources.iter().find(|s| Path::new(&s.file) == rel)?;
        Some(SourceMeta {
            outlet: entry.outlet.clone(),
            original_language: entry.original_language.clone(),
            translation_chain: entry.translation_chain.clone(),
            url: entry.url.clone(),
            note: entry.note.clone(),
            synthetic: entry.synthetic,
            ..SourceMeta::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_are_read_a_line_at_a_time_and_a_read_failure_names_its_line() {
        // Two records, then the input fails (a network file system gone away, say).
        struct Failing(std::io::Cursor<&'static [u8]>);
        impl std::io::Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(std::io::Error::other("connection reset")),
                    n => Ok(n),
                }
            }
        }
        let lines: &'static [u8] =
            b"{\"id\": \"a\", \"text\": \"One.\"}\r\n\n{\"id\": \"b\", \"text\": \"Two.\"}\n";
        let (sources, _) = read_jsonl("c.jsonl", lines, IngestOptions::default()).unwrap();
        let texts: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["One.", "Two."]);
        assert_eq!(sources[1].path, "c.jsonl:3");
        let reader = std::io::BufReader::with_capacity(8, Failing(std::io::Cursor::new(lines)));
        let err = read_jsonl("c.jsonl", reader, IngestOptions::default()).unwrap_err();
        assert_eq!(err.to_string(), "c.jsonl:4: cannot read: connection reset");
    }

    #[test]
    fn bom_is_kept_so_offsets_match_the_file() {
        let source = read_bytes("a", "a.txt", b"\xEF\xBB\xBFHello", IngestOptions::default())
            .expect("valid");
        assert!(source.bom);
        assert_eq!(&source.text[3..], "Hello");
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = read_bytes("a", "a.txt", b"ok \xFF bad", IngestOptions::default()).unwrap_err();
        assert!(
            matches!(err, IngestError::InvalidUtf8 { offset: 3, .. }),
            "{err}"
        );
        assert!(err
            .to_string()
            .starts_with("a.txt: invalid UTF-8 at byte offset 3"));
    }

    #[test]
    fn lossy_reading_keeps_every_offset() {
        let bytes = b"caf\xC3\xA9 \xFF\xFE \xE2\x80\x9Cok\xE2\x80\x9D \xE2\x82";
        let source = read_bytes(
            "a",
            "a.txt",
            bytes,
            IngestOptions {
                lossy: true,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(source.text.len(), bytes.len());
        assert_eq!(source.replaced_bytes, 4);
        let open = source.text.find('\u{201c}').unwrap();
        assert_eq!(&bytes[open..open + 3], "\u{201c}".as_bytes());
    }

    #[test]
    fn nul_byte_means_binary() {
        let err = read_bytes(
            "a",
            "a.bin",
            b"PK\x03\x04\x00\x00",
            IngestOptions::default(),
        );
        assert!(matches!(err, Err(IngestError::Binary { offset: 4, .. })));
    }

    #[test]
    fn whitespace_only_is_empty() {
        for bytes in [&b""[..], b"  \n\t", b"\xEF\xBB\xBF\n"] {
            let err = read_bytes("a", "a.txt", bytes, IngestOptions::default());
            assert!(matches!(err, Err(IngestError::Empty { .. })), "{bytes:?}");
        }
    }
}
