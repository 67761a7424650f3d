//! JSON Lines: one flat object per drift item, for a data frame
//! (`pandas.read_json(path, lines=True)`, `jq`, a database's bulk loader).
//!
//! Every line is an object of scalar fields, the columns of the CSV report under the same
//! names (see [`super::csv`] and [`super::items`]): `group`, `speaker` (null when unknown),
//! `group_severity`, `a`, `b`, `a_source`, `b_source`, `a_outlet`, `b_outlet`,
//! `a_quote_kind`, `b_quote_kind`, `a_text`, `b_text`, `similarity`, `divergence`,
//! `pair_severity`, `kind` (`none` for a pair without drift items), `a_words`, `b_words`,
//! `a_start`, `a_end`, `b_start`, `b_end` (byte offsets, always integers), `severity` and
//! `relation` (null but for a substitution). Lines come group by group in rank order, pair
//! by pair, item by item. No line is written for a corpus without groups.

use std::io::Write;

use serde::Serialize;

use crate::analysis::Analysis;

/// One line; the field names are the format.
#[derive(Serialize)]
struct Line<'a> {
    group: &'a str,
    speaker: Option<&'a str>,
    group_severity: f64,
    a: &'a str,
    b: &'a str,
    a_source: &'a str,
    b_source: &'a str,
    a_outlet: &'a str,
    b_outlet: &'a str,
    a_quote_kind: &'a str,
    b_quote_kind: &'a str,
    a_text: &'a str,
    b_text: &'a str,
    similarity: f64,
    divergence: f64,
    pair_severity: f64,
    kind: &'a str,
    a_words: &'a str,
    b_words: &'a str,
    a_start: usize,
    a_end: usize,
    b_start: usize,
    b_end: usize,
    severity: f64,
    relation: Option<&'a str>,
}

/// Writes one JSON object per drift item (or pair without drift), one a line.
pub fn write_report<W: Write + ?Sized>(analysis: &Analysis, out: &mut W) -> std::io::Result<()> {
    let names = super::SourceNames::new(&analysis.extraction);
    for row in super::items::rows(analysis, &names) {
        let line = Line {
            group: row.group,
            speaker: row.speaker,
            group_severity: row.group_severity,
            a: row.a.quote,
            b: row.b.quote,
            a_source: row.a.source,
            b_source: row.b.source,
            a_outlet: row.a.outlet,
            b_outlet: row.b.outlet,
            a_quote_kind: row.a.quote_kind,
            b_quote_kind: row.b.quote_kind,
            a_text: row.a.text,
            b_text: row.b.text,
            similarity: row.similarity,
            divergence: row.divergence,
            pair_severity: row.pair_severity,
            kind: row.kind,
            a_words: row.a.words,
            b_words: row.b.words,
            a_start: row.a.span.start,
            a_end: row.a.span.end,
            b_start: row.b.span.start,
            b_end: row.b.span.end,
            severity: row.severity,
            relation: row.relation,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
