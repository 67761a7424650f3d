//! CSV: one row per drift item, for a spreadsheet.
//!
//! Columns: `group, speaker, group_severity, a, b, a_source, b_source, similarity, divergence,
//! kind, a_words, b_words, a_start, a_end, b_start, b_end, severity`. A pair without drift items
//! still gets one row, with the item columns empty.
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

/// Writes the drift items of every group as CSV rows, with a header row.
pub fn write_report<W: Write + ?Sized>(analysis: &Analysis, out: &mut W) -> std::io::Result<()> {
    let extraction = &analysis.extraction;
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record([
        "group",
        "speaker",
        "group_severity",
        "a",
        "b",
        "a_source",
        "b_source",
        "similarity",
        "divergence",
        "kind",
        "a_words",
        "b_words",
        "a_start",
        "a_end",
        "b_start",
        "b_end",
        "severity",
        "relation",
    ])?;
    for group in &analysis.alignment.groups {
        for pair in &group.pairs {
            let (sa, sb) = (
                &extraction.sources[pair.a.source],
                &extraction.sources[pair.b.source],
            );
            let common = [
                group.id.clone(),
                cell(group.speaker.as_deref().unwrap_or_default()),
                format!("{}", group.severity),
                cell(&sa.quotes[pair.a.quote].id),
                cell(&sb.quotes[pair.b.quote].id),
                cell(&sa.source.id),
                cell(&sb.source.id),
                format!("{}", pair.similarity.combined),
                format!("{}", pair.similarity.divergence()),
            ];
            if pair.drift.is_empty() {
                let mut row = common.to_vec();
                row.extend(std::iter::repeat_n(String::new(), 9));
                writer.write_record(&row)?;
            }
            for item in &pair.drift {
                let mut row = common.to_vec();
                row.extend([
                    item.kind.name().to_string(),
                    cell(&sa.source.text[item.a.start..item.a.end]),
                    cell(&sb.source.text[item.b.start..item.b.end]),
                    item.a.start.to_string(),
                    item.a.end.to_string(),
                    item.b.start.to_string(),
                    item.b.end.to_string(),
                    format!("{}", item.severity),
                    item.relation.map(|r| r.name()).unwrap_or("").to_string(),
                ]);
                writer.write_record(&row)?;
            }
        }
    }
    writer.flush()?;
    Ok(())
}
