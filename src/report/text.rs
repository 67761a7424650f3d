//! The text formats: listings for a terminal or a plain file.

use std::io::Write;

use super::{marked_version, shown};
use crate::align::QuoteRef;
use crate::analysis::{Analysis, RANKING_RULE};
use crate::quote::{Extraction, QuoteKind};

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const RED: &str = "\x1b[31m";
const RESET: &str = "\x1b[0m";

/// Shortens text to at most `max` characters on one line, marking any cut with `…`; control
/// characters are shown escaped (see [`shown`]).
pub fn excerpt(text: &str, max: usize) -> String {
    let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let folded = shown(&folded).into_owned();
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
            shown(&source.source.id),
            source.language.code,
            source.language.name,
            source.language.confidence
        )?;
        if let Some(outlet) = &source.source.meta.outlet {
            write!(out, "  {dim}{}{reset}", shown(outlet))?;
        }
        writeln!(out)?;
        for quote in &source.quotes {
            let kind = match (quote.kind, quote.scare) {
                (QuoteKind::Direct, true) => "scare",
                (QuoteKind::Direct, false) => "direct",
                (QuoteKind::Indirect, _) => "indirect",
            };
            let speaker = shown(
                source
                    .speaker_of(quote)
                    .map_or("(no speaker)", |e| e.name.as_str()),
            );
            let number = shown(quote.id.rsplit('#').next().unwrap_or(""));
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

/// Folds every run of white space (line breaks included) into one space, keeping the edges;
/// other control characters are shown escaped (see [`shown`]).
fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push_str(&shown(c.encode_utf8(&mut [0; 4])));
            in_space = false;
        }
    }
    out
}

/// Wraps `text` to lines of at most `width` characters, each prefixed by `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines.join("\n")
}

/// Writes one comparison of two texts: scores, then drift items.
pub fn write_comparison<W: Write + ?Sized>(
    extraction: &Extraction,
    pair: &crate::align::Pair,
    out: &mut W,
) -> std::io::Result<()> {
    let s = &pair.similarity;
    writeln!(
        out,
        "similarity {:.2}  divergence {:.2}  severity {:.2}  (levenshtein {:.2} · jaro-winkler {:.2} · sørensen-dice {:.2} · stem cosine {:.2} · content overlap {:.2} · concept overlap {:.2})",
        s.combined, s.divergence(), pair.severity, s.levenshtein, s.jaro_winkler, s.sorensen_dice, s.stem_cosine, s.content_overlap, s.concept_overlap
    )?;
    write_drift_items(extraction, pair, "  ", out)?;
    Ok(())
}

/// One line per drift item of a pair: kind, severity, the words on each side (∅ for none).
fn write_drift_items<W: Write + ?Sized>(
    extraction: &Extraction,
    pair: &crate::align::Pair,
    indent: &str,
    out: &mut W,
) -> std::io::Result<()> {
    let (sa, sb) = (
        &extraction.sources[pair.a.source],
        &extraction.sources[pair.b.source],
    );
    let side = |text: &str| {
        let short = excerpt(text, 50);
        if short.is_empty() {
            "∅".to_string()
        } else {
            short
        }
    };
    for d in &pair.drift {
        writeln!(
            out,
            "{indent}{:<26} {:.2}  {} → {}",
            d.label(),
            d.severity,
            side(&sa.source.text[d.a.start..d.a.end]),
            side(&sb.source.text[d.b.start..d.b.end])
        )?;
    }
    Ok(())
}

/// Writes the drift report: groups ranked by severity, each with its versions (changed words
/// marked), its pairs' scores and drift items; then the ungrouped quotes.
pub fn write_report<W: Write + ?Sized>(
    analysis: &Analysis,
    style: super::TextStyle,
    out: &mut W,
) -> std::io::Result<()> {
    let paint = |code: &'static str| if style.color { code } else { "" };
    let (bold, dim, cyan, yellow, red, reset) = (
        paint(BOLD),
        paint(DIM),
        paint(CYAN),
        paint(YELLOW),
        paint(RED),
        paint(RESET),
    );
    let (mark_open, mark_close) = if style.color {
        (RED, RESET)
    } else {
        ("[", "]")
    };
    let extraction = &analysis.extraction;
    let groups = &analysis.alignment.groups;
    let grouped: usize = groups.iter().map(|g| g.members.len()).sum();
    writeln!(
        out,
        "{bold}{} sources, {} quotes, {} groups of versions{reset} ({grouped} quotes grouped, {} ungrouped)",
        extraction.sources.len(),
        extraction.quotes().count(),
        groups.len(),
        analysis.alignment.ungrouped.len()
    )?;
    writeln!(
        out,
        "{dim}{}{reset}",
        wrap(&format!("Ranking: {RANKING_RULE}."), 96, "")
    )?;
    if !style.color {
        writeln!(out, "Changed words are marked [like this].")?;
    }
    for warning in &analysis.alignment.warnings {
        writeln!(
            out,
            "{yellow}{}{reset}",
            wrap(&format!("Warning: {warning}."), 96, "")
        )?;
    }
    for group in groups {
        writeln!(out)?;
        writeln!(
            out,
            "{bold}{}{reset}  {cyan}{}{reset}  severity {red}{:.2}{reset}  {} versions from {} sources",
            group.id,
            shown(group.speaker.as_deref().unwrap_or("(unknown speaker)")),
            group.severity,
            group.members.len(),
            group.source_count()
        )?;
        if group.speaker_names.len() > 1 {
            writeln!(
                out,
                "    {dim}spellings: {}{reset}",
                shown(&group.speaker_names.join(", "))
            )?;
        }
        let quote_id = |v: QuoteRef| extraction.sources[v.source].quotes[v.quote].id.clone();
        for &m in &group.members {
            // A wording's copies are one line: its shown version, and the sources carrying it.
            let wording = group.wording_of(m).map(|w| &group.wordings[w]);
            if wording.is_some_and(|w| w.shown != m) {
                continue;
            }
            let source = &extraction.sources[m.source];
            let quote = &source.quotes[m.quote];
            let text = marked_version(source, group, m, mark_open, mark_close, fold_whitespace);
            let (open, close) = if quote.kind == QuoteKind::Direct {
                ("“", "”")
            } else {
                ("", "")
            };
            let kind = if quote.kind == QuoteKind::Direct {
                "direct"
            } else {
                "indirect"
            };
            let outlet = source
                .source
                .meta
                .outlet
                .as_deref()
                .unwrap_or(&source.source.id);
            writeln!(
                out,
                "    {dim}{:<26}{reset} {kind:<8} {yellow}{open}{text}{close}{reset}",
                shown(&quote.id),
            )?;
            writeln!(out, "    {dim}{:<26} {}{reset}", "", excerpt(outlet, 60))?;
            if let Some(w) = wording.filter(|w| w.versions.len() > 1) {
                let others: Vec<&str> = w
                    .versions
                    .iter()
                    .filter(|&&v| v != m)
                    .map(|v| {
                        let s = &extraction.sources[v.source].source;
                        s.meta.outlet.as_deref().unwrap_or(&s.id)
                    })
                    .collect();
                writeln!(
                    out,
                    "    {dim}{:<26} the same words in {} of {} sources: {}{reset}",
                    "",
                    w.source_count(),
                    group.source_count(),
                    shown(&excerpt(&others.join(", "), 60))
                )?;
            }
            // Where the wording entered, when the sources have times.
            if let Some((first, w)) = wording.and_then(|w| w.first.map(|f| (f, w))) {
                let meta = |v: QuoteRef| {
                    let s = &extraction.sources[v.source].source;
                    (
                        s.meta.outlet.as_deref().unwrap_or(&s.id),
                        s.meta.published.as_deref().unwrap_or(""),
                    )
                };
                let (outlet, time) = meta(first);
                let from = w
                    .derived_from
                    .and_then(|u| group.wordings[u].first)
                    .map(|f| {
                        format!(
                            ", from {}’s {}",
                            excerpt(meta(f).0, 40),
                            shown(&quote_id(f))
                        )
                    })
                    .unwrap_or_default();
                writeln!(
                    out,
                    "    {dim}{:<26} first in {}, {}{}{reset}",
                    "",
                    shown(&excerpt(outlet, 40)),
                    shown(time),
                    shown(&from)
                )?;
            }
        }
        for pair in &group.pairs {
            let (sa, sb) = (
                &extraction.sources[pair.a.source],
                &extraction.sources[pair.b.source],
            );
            let s = &pair.similarity;
            writeln!(
                out,
                "    {} → {}  similarity {:.2}  divergence {:.2}  severity {:.2}",
                shown(&sa.quotes[pair.a.quote].id),
                shown(&sb.quotes[pair.b.quote].id),
                s.combined,
                s.divergence(),
                pair.severity
            )?;
            writeln!(
                out,
                "      {dim}levenshtein {:.2} · jaro-winkler {:.2} · sørensen-dice {:.2} · stem cosine {:.2} · content overlap {:.2} · concept overlap {:.2}{reset}",
                s.levenshtein, s.jaro_winkler, s.sorensen_dice, s.stem_cosine, s.content_overlap, s.concept_overlap
            )?;
            write_drift_items(extraction, pair, "      ", out)?;
        }
    }
    if !analysis.alignment.ungrouped.is_empty() {
        writeln!(out)?;
        let why = if analysis.alignment.warnings.is_empty() {
            "no other source reports them"
        } else {
            "no other source reports them, of those alignment could compare: see the warning above"
        };
        writeln!(out, "{bold}Ungrouped quotes{reset} ({why})")?;
        for &q in &analysis.alignment.ungrouped {
            let source = &extraction.sources[q.source];
            let quote = &source.quotes[q.quote];
            let speaker = source
                .speaker_of(quote)
                .map_or("(no speaker)", |e| e.name.as_str());
            writeln!(
                out,
                "    {dim}{:<26}{reset} {cyan}{:<22}{reset} {}",
                shown(&quote.id),
                excerpt(speaker, 22),
                excerpt(source.text_of(quote), 70)
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
