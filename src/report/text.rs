//! The text formats: listings for a terminal or a plain file.

use std::io::Write;

use crate::quote::{Extraction, QuoteKind};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// Shortens text to at most `max` characters on one line, marking any cut with `…`.
pub fn excerpt(text: &str, max: usize) -> String {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.chars().count() <= max {
        return folded;
    }
    let mut out: String = folded.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Writes one block per source: its language, then each quote with kind, speaker and excerpt.
pub fn write_quotes<W: Write + ?Sized>(
    extraction: &Extraction,
    style: super::TextStyle,
    out: &mut W,
) -> std::io::Result<()> {
    let paint = |code: &'static str| if style.color { code } else { "" };
    let (bold, dim, cyan, yellow, reset) = (
        paint(BOLD),
        paint(DIM),
        paint(CYAN),
        paint(YELLOW),
        paint(RESET),
    );
    let total = extraction.quotes().count();
    let direct = extraction
        .quotes()
        .filter(|(_, q)| q.kind == QuoteKind::Direct)
        .count();
    let attributed = extraction
        .quotes()
        .filter(|(_, q)| q.speaker.is_some())
        .count();
    writeln!(
        out,
        "{bold}{} sources, {total} quotes{reset} ({direct} direct, {} indirect), {attributed} with a speaker",
        extraction.sources.len(),
        total - direct,
    )?;
    for source in &extraction.sources {
        writeln!(out)?;
        let stemmer = source.stemmer.unwrap_or("none (words compared unstemmed)");
        write!(
            out,
            "{bold}{}{reset}  {} {} ({:.2})  stemmer: {stemmer}",
            source.source.id,
            source.language.code,
            source.language.name,
            source.language.confidence
        )?;
        if let Some(outlet) = &source.source.meta.outlet {
            write!(out, "  {dim}{outlet}{reset}")?;
        }
        writeln!(out)?;
        for quote in &source.quotes {
            let kind = match (quote.kind, quote.scare) {
                (QuoteKind::Direct, true) => "scare",
                (QuoteKind::Direct, false) => "direct",
                (QuoteKind::Indirect, _) => "indirect",
            };
            let speaker = source
                .speaker_of(quote)
                .map_or("(no speaker)", |e| e.name.as_str());
            let number = quote.id.rsplit('#').next().unwrap_or("");
            let text = excerpt(source.text_of(quote), 90);
            let (open, close) = if quote.kind == QuoteKind::Direct {
                ("“", "”")
            } else {
                ("", "")
            };
            writeln!(
                out,
                "  {dim}#{number:<3}{reset} {kind:<8} {cyan}{speaker:<24}{reset} {yellow}{open}{text}{close}{reset} {dim}[{}..{}]{reset}",
                quote.start, quote.end
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_fold_and_cut() {
        assert_eq!(excerpt("a\n  b", 10), "a b");
        assert_eq!(excerpt("abcdefghij", 5), "abcd…");
    }
}
