//! Writing results: one writer per format, all reading the same extraction.
//!
//! Writers only format: they never recompute anything from the text. Each is generic over
//! [`std::io::Write`], so the command line can hand them standard output or a temporary file.

pub mod json;
pub mod text;

use std::io::Write;

use crate::quote::Extraction;

/// The output formats of `quotedrift quotes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotesFormat {
    /// Human-readable listing.
    Text,
    /// The `quotedrift/quotes@1` JSON document.
    Json,
}

/// Options for the text writer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextStyle {
    /// Use ANSI colours.
    pub color: bool,
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
