//! Writing results: one writer per format, all reading the same analysis.
//!
//! Writers only format: they never recompute anything from the text. Each is generic over
//! [`std::io::Write`], so the command line can hand them standard output or a temporary file.
//! The choice of writer is one `match` on a format enum.

pub mod csv;
pub mod html;
pub mod items;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod text;

use std::borrow::Cow;
use std::io::Write;

use crate::align::{Group, QuoteRef};
use crate::analysis::Analysis;
use crate::drift::DriftKind;
use crate::quote::{Extraction, Span};

/// The output formats of `quotedrift quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotesFormat {
    /// Human-readable listing.
    Text,
    /// The `quotedrift/quotes@1` JSON document.
    Json,
}

/// The output formats of `quotedrift report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Groups ranked by severity, for a terminal or a plain file.
    Text,
    /// The `quotedrift/report@1` JSON document.
    Json,
    /// A Markdown document with one table per group.
    Markdown,
    /// One row per drift item, for a spreadsheet.
    Csv,
    /// One flat JSON object per drift item a line, for a data frame.
    Jsonl,
    /// One self-contained HTML page with filters.
    Html,
}

/// How every report names the speaker of a group or quote nobody is said to have said.
pub const UNKNOWN_SPEAKER: &str = "(unknown speaker)";

/// Options for the text writers.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    /// Use ANSI colours.
    pub color: bool,
    /// The widest line the report may write, in terminal columns (80 by default).
    pub width: usize,
    /// Every version and every pair of each group, instead of each group's headline and the
    /// pair that decides its severity.
    pub detail: bool,
    /// Show only the first this many groups.
    pub top: Option<usize>,
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle {
            color: false,
            width: 80,
            detail: false,
            top: None,
        }
    }
}

/// Which optional columns of a table of sources have a value for some source: a column no
/// source fills (a folder without a manifest has no translation chains) is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceColumns {
    /// Some source has an outlet (named by its input or credited in its text).
    pub outlet: bool,
    /// Some source has an original language.
    pub original_language: bool,
    /// Some source has a translation chain.
    pub translation_chain: bool,
}

impl SourceColumns {
    /// The columns the sources of an extraction fill.
    pub fn of(extraction: &Extraction) -> Self {
        let any =
            |f: &dyn Fn(&crate::quote::ExtractedSource) -> bool| extraction.sources.iter().any(f);
        SourceColumns {
            outlet: any(&|s| {
                s.outlet().is_some() || s.source.meta.url.is_some() || s.source.meta.synthetic
            }),
            original_language: any(&|s| s.source.meta.original_language.is_some()),
            translation_chain: any(&|s| !s.source.meta.translation_chain.is_empty()),
        }
    }
}

/// What an empty cell of a shown column says.
pub const NOT_GIVEN: &str = "—";

/// How each source is named in a report: its outlet's short name (the outlet as the manifest
/// or the record gives it, up to its first parenthesis or comma: "tagesschau (ARD)" →
/// "tagesschau"), or its id when no outlet is given; an outlet's short name that several
/// sources share is followed by the source's id.
pub struct SourceNames(Vec<String>);

impl SourceNames {
    /// The names of the sources of an extraction, in source order.
    pub fn new(extraction: &Extraction) -> Self {
        let short: Vec<Option<String>> = extraction
            .sources
            .iter()
            .map(|s| s.outlet().and_then(short_outlet))
            .collect();
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for name in short.iter().flatten() {
            *counts.entry(name.as_str()).or_default() += 1;
        }
        let names = short
            .iter()
            .zip(&extraction.sources)
            .map(|(name, s)| match name {
                Some(n) if counts[n.as_str()] == 1 => n.clone(),
                Some(n) => format!("{n} {}", s.source.id),
                None => s.source.id.clone(),
            })
            .collect();
        SourceNames(names)
    }

    /// The name of source `index`.
    pub fn source(&self, index: usize) -> &str {
        &self.0[index]
    }

    /// A version of a group by its source's name, followed by its quote's number in the
    /// source (`tagesschau #17`) when the group holds several versions from that source.
    pub fn version(&self, extraction: &Extraction, group: &Group, at: QuoteRef) -> String {
        let name = self.source(at.source);
        let several = group
            .members
            .iter()
            .filter(|m| m.source == at.source)
            .count()
            > 1;
        if several {
            let id = &extraction.sources[at.source].quotes[at.quote].id;
            format!("{name} #{}", id.rsplit('#').next().unwrap_or(id))
        } else {
            name.to_string()
        }
    }
}

/// What a report shows first of a group: the pair a reader should see
/// ([`Group::decisive_pair`]) and its most severe drift item (the first of equally severe).
pub struct Finding<'a> {
    /// The pair.
    pub pair: &'a crate::align::Pair,
    /// Its most severe item.
    pub item: &'a crate::drift::DriftItem,
}

/// The finding of a group, `None` when no pair of it has drift.
pub fn finding<'a>(analysis: &Analysis, group: &'a Group) -> Option<Finding<'a>> {
    let pair = group.decisive_pair(analysis.options.min_similarity)?;
    let item = pair
        .drift
        .iter()
        .enumerate()
        .max_by(|(i, x), (j, y)| x.severity.total_cmp(&y.severity).then(j.cmp(i)))
        .map(|(_, d)| d)?;
    Some(Finding { pair, item })
}

/// The first part of an outlet's name: up to its first parenthesis or comma, trimmed
/// (`None` when nothing is left).
fn short_outlet(outlet: &str) -> Option<String> {
    let cut = outlet.find(['(', ',', ';']).unwrap_or(outlet.len());
    let short = outlet[..cut]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!short.is_empty()).then_some(short)
}

/// Writes the quotes of an extraction in the chosen format.
pub fn write_quotes<W: Write + ?Sized>(
    extraction: &Extraction,
    format: QuotesFormat,
    style: TextStyle,
    out: &mut W,
) -> std::io::Result<()> {
    match format {
        QuotesFormat::Text => text::write_quotes(extraction, style, out),
        QuotesFormat::Json => json::write_quotes(extraction, out),
    }
}

/// Writes the drift report of an analysis in the chosen format.
pub fn write_report<W: Write + ?Sized>(
    analysis: &Analysis,
    format: ReportFormat,
    style: TextStyle,
    out: &mut W,
) -> std::io::Result<()> {
    match format {
        ReportFormat::Text => text::write_report(analysis, style, out),
        ReportFormat::Json => json::write_report(analysis, out),
        ReportFormat::Markdown => markdown::write_report(analysis, out),
        ReportFormat::Csv => csv::write_report(analysis, out),
        ReportFormat::Jsonl => jsonl::write_report(analysis, out),
        ReportFormat::Html => html::write_report(analysis, out),
    }
}

/// Text from the input as a terminal or a Markdown reader may be shown it: every control
/// character (U+0000–U+001F, U+007F–U+009F, line breaks and tabs included) written as
/// `\u{1b}`, so that an article can neither move the cursor, clear the screen nor retitle the
/// window (`ESC ] 0 ; … BEL`) of whoever reads the report. Text without any is borrowed as is.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The drift items of a group that point at words of version `at`: kind, severity and the
/// span on that version's side. Items about whole versions (attribution, quote-vs-paraphrase)
/// and empty spans (where the other side has words this one lacks) are left out.
fn word_drift(group: &Group, at: QuoteRef) -> impl Iterator<Item = (DriftKind, f64, Span)> + '_ {
    group.pairs.iter().flat_map(move |p| {
        p.drift.iter().filter_map(move |d| {
            let span = if p.a == at {
                d.a
            } else if p.b == at {
                d.b
            } else {
                return None;
            };
            let whole_version = matches!(
                d.kind,
                DriftKind::QuoteVsParaphrase | DriftKind::Attribution
            );
            (span.start < span.end && !whole_version).then_some((d.kind, d.severity, span))
        })
    })
}

/// The spans of a version that some drift item of its group points at, merged and sorted.
fn marked_spans(group: &Group, at: QuoteRef) -> Vec<Span> {
    let mut spans: Vec<Span> = word_drift(group, at).map(|(_, _, span)| span).collect();
    spans.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Span> = Vec::new();
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// A group member's text with the words its drift items point at wrapped in `open` … `close`,
/// the rest passed through `escape`.
fn marked_version(
    source: &crate::quote::ExtractedSource,
    group: &Group,
    at: QuoteRef,
    open: &str,
    close: &str,
    escape: impl Fn(&str) -> String,
) -> String {
    let quote = &source.quotes[at.quote];
    let span = Span {
        start: quote.start,
        end: quote.end,
    };
    render_marked(
        &source.source.text,
        span,
        &marked_spans(group, at),
        open,
        close,
        escape,
    )
}

/// The text of `quote`, with every marked span wrapped in `open` … `close`.
fn render_marked(
    text: &str,
    quote: Span,
    marks: &[Span],
    open: &str,
    close: &str,
    escape: impl Fn(&str) -> String,
) -> String {
    let mut out = String::new();
    let mut pos = quote.start;
    for span in marks {
        let (s, e) = (span.start.max(quote.start), span.end.min(quote.end));
        if s >= e || s < pos {
            continue;
        }
        out.push_str(&escape(&text[pos..s]));
        out.push_str(open);
        out.push_str(&escape(&text[s..e]));
        out.push_str(close);
        pos = e;
    }
    out.push_str(&escape(&text[pos..quote.end]));
    out
}
