//! CSV: one row per drift item, for a spreadsheet.
//!
//! Columns: `group, speaker, group_severity, a, b, a_source, b_source, a_outlet, b_outlet,
//! a_quote_kind, b_quote_kind, a_text, b_text, similarity, divergence, pair_severity, kind,
//! a_words, b_words, a_start, a_end, b_start, b_end, severity, relation` (see
//! [`super::items`]): `a` and `b` are quote ids, `*_outlet` the outlet's short name (the
//! source id when no outlet is given), `*_text` the versions, `kind` the drift kind or `none`
//! for a pair without drift items (whose offsets are the whole versions' and severity 0), so
//! that the offset columns are always integers. `speaker` is empty when unknown, `relation`
//! for every kind but a substitution.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
//! return before one) as a formula, so a source id or a quote holding `=HYPERLINK(…)` would
//! run on the reader's machine. As OWASP advises for CSV injection, every cell of text from
//! the input that starts with one of those characters is written with a `'` before it, which
//! spreadsheets show as text and do not display; the number columns are never negative.

use std::io::Write;

use crate::analysis::Analysis;

/// A cell of text from the input, neutralized so that no spreadsheet runs it as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The columns, in order.
pub const COLUMNS: [&str; 25] = [
    "group",
    "speaker",
    "group_severity",
    "a",
    "b",
    "a_source",
    "b_source",
    "a_outlet",
    "b_outlet",
    "a_quote_kind",
    "b_quote_kind",
    "a_text",
    "b_text",
    "similarity",
    "divergence",
    "pair_severity",
    "kind",
    "a_words",
    "b_words",
    "a_start",
    "a_end",
    "b_start",
    "b_end",
    "severity",
    "relation",
];

/// Writes the drift items of every group as CSV rows, with a header row.
pub fn write_report<W: Write + ?Sized>(analysis: &Analysis, out: &mut W) -> std::io::Result<()> {
    let names = super::SourceNames::new(&analysis.extraction);
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for row in super::items::rows(analysis, &names) {
        writer.write_record([
            row.group.to_string(),
            cell(row.speaker.unwrap_or_default()),
            format!("{}", row.group_severity),
            cell(row.a.quote),
            cell(row.b.quote),
            cell(row.a.source),
            cell(row.b.source),
            cell(row.a.outlet),
            cell(row.b.outlet),
            row.a.quote_kind.to_string(),
            row.b.quote_kind.to_string(),
            cell(row.a.text),
            cell(row.b.text),
            format!("{}", row.similarity),
            format!("{}", row.divergence),
            format!("{}", row.pair_severity),
            row.kind.to_string(),
            cell(row.a.words),
            cell(row.b.words),
            row.a.span.start.to_string(),
            row.a.span.end.to_string(),
            row.b.span.start.to_string(),
            row.b.span.end.to_string(),
            format!("{}", row.severity),
            row.relation.unwrap_or("").to_string(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}
