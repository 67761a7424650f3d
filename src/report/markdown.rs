//! Markdown: a document a fact-checker can paste into a note or a ticket.

use std::io::Write;

use super::marked_version;
use crate::analysis::{Analysis, RANKING_RULE};
use crate::quote::QuoteKind;

/// Escapes text so that Markdown shows it as written; control characters other than line
/// breaks are shown escaped (see [`super::shown`]), so that a terminal showing the file runs
/// none of them.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push_str(&super::shown(c.encode_utf8(&mut [0; 4]))),
            c => out.push(c),
        }
    }
    out
}

/// Writes the report as Markdown: sources, then one section per group, then ungrouped quotes.
pub fn write_report<W: Write + ?Sized>(analysis: &Analysis, out: &mut W) -> std::io::Result<()> {
    let extraction = &analysis.extraction;
    let groups = &analysis.alignment.groups;
    writeln!(out, "# quotedrift report\n")?;
    writeln!(
        out,
        "{} sources · {} quotes · {} groups of versions · {} ungrouped quotes\n",
        extraction.sources.len(),
        extraction.quotes().count(),
        groups.len(),
        analysis.alignment.ungrouped.len()
    )?;
    writeln!(out, "Ranking: {RANKING_RULE}.\n")?;
    for warning in &analysis.alignment.warnings {
        writeln!(out, "> **Warning:** {}.\n", escape(warning))?;
    }
    writeln!(out, "## Sources\n")?;
    let columns = super::SourceColumns::of(extraction);
    let mut header = vec!["source"];
    if columns.outlet {
        header.push("outlet");
    }
    header.push("language");
    if columns.original_language {
        header.push("original language");
    }
    if columns.translation_chain {
        header.push("translation chain");
    }
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(header.len()))?;
    let or_not_given = |v: &str| {
        if v.is_empty() {
            super::NOT_GIVEN.to_string()
        } else {
            escape(v)
        }
    };
    for s in &extraction.sources {
        let mut cells = vec![escape(&s.source.id)];
        if columns.outlet {
            cells.push(or_not_given(s.outlet().unwrap_or("")));
        }
        cells.push(format!(
            "{} ({:.2})",
            s.language.code, s.language.confidence
        ));
        if columns.original_language {
            cells.push(or_not_given(
                s.source.meta.original_language.as_deref().unwrap_or(""),
            ));
        }
        if columns.translation_chain {
            cells.push(or_not_given(&s.source.meta.translation_chain.join(" → ")));
        }
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    for group in groups {
        writeln!(
            out,
            "\n## {} — {} (severity {:.2})\n",
            group.id,
            escape(group.speaker.as_deref().unwrap_or(super::UNKNOWN_SPEAKER)),
            group.severity
        )?;
        if group.speaker_names.len() > 1 {
            writeln!(
                out,
                "Spellings: {}.\n",
                escape(&group.speaker_names.join(", "))
            )?;
        }
        writeln!(out, "| quote | kind | version (changed words in bold) |")?;
        writeln!(out, "|---|---|---|")?;
        for &m in &group.members {
            let source = &extraction.sources[m.source];
            let quote = &source.quotes[m.quote];
            let text = marked_version(source, group, m, "**", "**", escape);
            let kind = if quote.kind == QuoteKind::Direct {
                "direct"
            } else {
                "indirect"
            };
            writeln!(out, "| {} | {kind} | {text} |", escape(&quote.id))?;
        }
        writeln!(
            out,
            "\n| pair | similarity | divergence | severity | drift |"
        )?;
        writeln!(out, "|---|---|---|---|---|")?;
        for pair in &group.pairs {
            let (sa, sb) = (
                &extraction.sources[pair.a.source],
                &extraction.sources[pair.b.source],
            );
            let items: Vec<String> = pair
                .drift
                .iter()
                .map(|d| {
                    format!(
                        "{}: {} → {} ({:.2})",
                        d.label(),
                        or_nothing(&escape(&sa.source.text[d.a.start..d.a.end])),
                        or_nothing(&escape(&sb.source.text[d.b.start..d.b.end])),
                        d.severity
                    )
                })
                .collect();
            writeln!(
                out,
                "| {} → {} | {:.2} | {:.2} | {:.2} | {} |",
                escape(&sa.quotes[pair.a.quote].id),
                escape(&sb.quotes[pair.b.quote].id),
                pair.similarity.combined,
                pair.similarity.divergence(),
                pair.severity,
                if items.is_empty() {
                    "none".to_string()
                } else {
                    items.join("; ")
                }
            )?;
        }
    }
    if !analysis.alignment.ungrouped.is_empty() {
        writeln!(out, "\n## Ungrouped quotes\n")?;
        writeln!(out, "| quote | kind | speaker | text |")?;
        writeln!(out, "|---|---|---|---|")?;
        for &q in &analysis.alignment.ungrouped {
            let source = &extraction.sources[q.source];
            let quote = &source.quotes[q.quote];
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&quote.id),
                if quote.kind == QuoteKind::Direct {
                    "direct"
                } else {
                    "indirect"
                },
                escape(
                    source
                        .speaker_of(quote)
                        .map_or(super::UNKNOWN_SPEAKER, |e| e.name.as_str())
                ),
                escape(source.text_of(quote))
            )?;
        }
    }
    Ok(())
}

fn or_nothing(s: &str) -> &str {
    if s.is_empty() {
        "∅"
    } else {
        s
    }
}
