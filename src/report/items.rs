//! The drift items of a report as flat rows, one per item, for the CSV and JSON Lines
//! writers: each row carries its group, both versions (quote id, source, outlet, text, kind
//! and offsets), the pair's scores and the item, so that a row reads on its own and a
//! spreadsheet or a data frame needs no join.
//!
//! A pair without drift items is one row of kind `none`, its offsets those of the whole
//! versions and its severity 0, so that every column holds one type (offsets are always
//! integers) and no kind is empty.

use crate::align::{Group, Pair};
use crate::analysis::Analysis;
use crate::drift::DriftItem;
use crate::quote::{QuoteKind, Span};

/// The kind of a row standing for a pair without drift items.
pub const NO_DRIFT: &str = "none";

/// One version of a pair, as a row shows it.
pub struct Side<'a> {
    /// The quote id.
    pub quote: &'a str,
    /// The source id.
    pub source: &'a str,
    /// The outlet's short name (see [`super::SourceNames`]).
    pub outlet: &'a str,
    /// `direct` or `indirect`.
    pub quote_kind: &'static str,
    /// The version's text.
    pub text: &'a str,
    /// The item's words in this version (empty for none).
    pub words: &'a str,
    /// The item's bytes in the source.
    pub span: Span,
}

/// One drift item (or one pair without any) with everything about its pair.
pub struct Row<'a> {
    /// The group id (`g1`).
    pub group: &'a str,
    /// The group's speaker, when known.
    pub speaker: Option<&'a str>,
    /// The group's severity.
    pub group_severity: f64,
    /// The first version.
    pub a: Side<'a>,
    /// The second version.
    pub b: Side<'a>,
    /// The pair's combined similarity.
    pub similarity: f64,
    /// The pair's divergence (1 − similarity).
    pub divergence: f64,
    /// The pair's severity.
    pub pair_severity: f64,
    /// The item's kind, or [`NO_DRIFT`].
    pub kind: &'static str,
    /// The item's severity (0 for a pair without drift).
    pub severity: f64,
    /// For a substitution, how the meanings of its words relate.
    pub relation: Option<&'static str>,
}

/// Every row of a report, group by group, pair by pair, item by item.
pub fn rows<'a>(
    analysis: &'a Analysis,
    names: &'a super::SourceNames,
) -> impl Iterator<Item = Row<'a>> + 'a {
    analysis.alignment.groups.iter().flat_map(move |group| {
        group.pairs.iter().flat_map(move |pair| {
            let items: Vec<Option<&DriftItem>> = if pair.drift.is_empty() {
                vec![None]
            } else {
                pair.drift.iter().map(Some).collect()
            };
            items
                .into_iter()
                .map(move |item| row(analysis, names, group, pair, item))
        })
    })
}

fn row<'a>(
    analysis: &'a Analysis,
    names: &'a super::SourceNames,
    group: &'a Group,
    pair: &'a Pair,
    item: Option<&'a DriftItem>,
) -> Row<'a> {
    let extraction = &analysis.extraction;
    let side = |at: crate::align::QuoteRef, span: Option<Span>| {
        let source = &extraction.sources[at.source];
        let quote = &source.quotes[at.quote];
        let whole = Span {
            start: quote.start,
            end: quote.end,
        };
        let span = span.unwrap_or(whole);
        Side {
            quote: &quote.id,
            source: &source.source.id,
            outlet: names.source(at.source),
            quote_kind: match quote.kind {
                QuoteKind::Direct => "direct",
                QuoteKind::Indirect => "indirect",
            },
            text: source.text_of(quote),
            words: if item.is_some() {
                &source.source.text[span.start..span.end]
            } else {
                ""
            },
            span,
        }
    };
    Row {
        group: &group.id,
        speaker: group.speaker.as_deref(),
        group_severity: group.severity,
        a: side(pair.a, item.map(|d| d.a)),
        b: side(pair.b, item.map(|d| d.b)),
        similarity: pair.similarity.combined,
        divergence: pair.similarity.divergence(),
        pair_severity: pair.severity,
        kind: item.map_or(NO_DRIFT, |d| d.kind.name()),
        severity: item.map_or(0.0, |d| d.severity),
        relation: item.and_then(|d| d.relation).map(|r| r.name()),
    }
}
