//! The text formats: listings for a terminal or a plain file.

use std::io::Write;

use super::{marked_version, shown};
use crate::align::QuoteRef;
use crate::analysis::{Analysis, RANKING_RULE};
use crate::drift::DriftKind;
use crate::quote::{Extraction, QuoteKind, Span};

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
        if let Some(outlet) = source.outlet() {
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
                    .map_or(super::UNKNOWN_SPEAKER, |e| e.name.as_str()),
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

/// How many terminal columns `text` takes: colour codes take none, wide (East Asian)
/// characters two.
fn columns(text: &str) -> usize {
    console::measure_text_width(text)
}

/// Cuts a word wider than `width` columns into pieces of at most `width` columns, keeping
/// each colour code whole.
fn cut_word(word: &str, width: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut used = 0;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            piece.push(c);
            for d in chars.by_ref() {
                piece.push(d);
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        let w = columns(c.encode_utf8(&mut [0; 4]));
        if used + w > width && used > 0 {
            pieces.push(std::mem::take(&mut piece));
            used = 0;
        }
        piece.push(c);
        used += w;
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

/// Wraps `text` (on one line, words between spaces) to lines of at most `width` columns:
/// the first line starts with `first`, the others with `hang`; a word wider than a line is
/// cut, and spaces where a line is broken are dropped.
fn wrap_hanging(text: &str, width: usize, first: &str, hang: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut prefix = columns(first);
    let mut used = prefix;
    let mut empty = true;
    // Split at single spaces, so that runs of spaces inside a line (padding) are kept.
    for word in text.split(' ') {
        if word.is_empty() && empty {
            continue;
        }
        let room = width.saturating_sub(prefix).max(1);
        let pieces = if word.is_empty() {
            vec![String::new()]
        } else {
            cut_word(word, room)
        };
        for piece in pieces {
            let w = columns(&piece);
            if piece.is_empty() {
                // One more space of padding, kept inside a line.
                if used + 1 < width {
                    line.push(' ');
                    used += 1;
                }
                continue;
            }
            if !empty && used + 1 + w > width {
                let next = std::mem::replace(&mut line, hang.to_string());
                lines.push(next.trim_end().to_string());
                prefix = columns(hang);
                used = prefix;
                empty = true;
            }
            if !empty {
                line.push(' ');
                used += 1;
            }
            line.push_str(&piece);
            used += w;
            empty = false;
        }
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Writes `text` wrapped to `width` columns, the first line after `first`, the others after
/// `hang`; `pre` and `post` (colour codes) around each line.
fn write_wrapped<W: Write + ?Sized>(
    out: &mut W,
    text: &str,
    width: usize,
    (first, hang): (&str, &str),
    (pre, post): (&str, &str),
) -> std::io::Result<()> {
    for line in wrap_hanging(text, width, first, hang) {
        let (indent, rest) = line.split_at(line.len() - line.trim_start().len());
        writeln!(out, "{indent}{pre}{rest}{post}")?;
    }
    Ok(())
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

/// The colour codes of a text report (all empty without colour).
struct Paint {
    bold: &'static str,
    dim: &'static str,
    cyan: &'static str,
    yellow: &'static str,
    red: &'static str,
    reset: &'static str,
    /// Around changed words: red, or `[` … `]` without colour.
    mark: (&'static str, &'static str),
}

impl Paint {
    fn new(color: bool) -> Self {
        let paint = |code: &'static str| if color { code } else { "" };
        Paint {
            bold: paint(BOLD),
            dim: paint(DIM),
            cyan: paint(CYAN),
            yellow: paint(YELLOW),
            red: paint(RED),
            reset: paint(RESET),
            mark: if color { (RED, RESET) } else { ("[", "]") },
        }
    }
}

/// The name a report gives a group's speaker.
fn speaker_name(group: &crate::align::Group) -> std::borrow::Cow<'_, str> {
    shown(group.speaker.as_deref().unwrap_or(super::UNKNOWN_SPEAKER))
}

/// Writes the drift report: by default each group's headline (speaker, statement, the most
/// severe change and the outlets on each side) and the pair that decides its severity, with
/// the changed words marked; with [`super::TextStyle::detail`], every version and every pair
/// of each group. Groups are ranked by severity; then the ungrouped quotes (listed in
/// detail, counted otherwise).
pub fn write_report<W: Write + ?Sized>(
    analysis: &Analysis,
    style: super::TextStyle,
    out: &mut W,
) -> std::io::Result<()> {
    let paint = Paint::new(style.color);
    let Paint {
        bold,
        dim,
        yellow,
        reset,
        ..
    } = paint;
    let width = style.width.max(40);
    let extraction = &analysis.extraction;
    let names = super::SourceNames::new(extraction);
    let groups = &analysis.alignment.groups;
    let shown_groups = style.top.unwrap_or(groups.len()).min(groups.len());
    let grouped: usize = groups.iter().map(|g| g.members.len()).sum();
    write_wrapped(
        out,
        &format!(
            "{bold}{} sources, {} quotes, {} groups of versions{reset} ({grouped} quotes grouped, {} ungrouped)",
            extraction.sources.len(),
            extraction.quotes().count(),
            groups.len(),
            analysis.alignment.ungrouped.len()
        ),
        width,
        ("", ""),
        ("", ""),
    )?;
    if style.detail {
        write_wrapped(
            out,
            &format!("Ranking: {RANKING_RULE}."),
            width,
            ("", ""),
            (dim, reset),
        )?;
    } else {
        write_wrapped(
            out,
            "Groups ranked by severity (0 to 1), each with its most severe change and the pair of versions it is in; --detail shows every pair.",
            width,
            ("", ""),
            (dim, reset),
        )?;
    }
    if !style.color {
        writeln!(out, "Changed words are marked [like this].")?;
    }
    for warning in &analysis.alignment.warnings {
        write_wrapped(
            out,
            &format!("Warning: {warning}."),
            width,
            ("", ""),
            (yellow, reset),
        )?;
    }
    for group in &groups[..shown_groups] {
        writeln!(out)?;
        if style.detail {
            write_group_detail(extraction, &names, group, &paint, width, out)?;
        } else {
            write_group_summary(analysis, &names, group, &paint, width, out)?;
        }
    }
    if shown_groups < groups.len() {
        writeln!(out)?;
        write_wrapped(
            out,
            &format!(
                "{} more groups, less severe (--top {} shows them all).",
                groups.len() - shown_groups,
                groups.len()
            ),
            width,
            ("", ""),
            (dim, reset),
        )?;
    }
    if !analysis.alignment.ungrouped.is_empty() {
        writeln!(out)?;
        let why = if analysis.alignment.warnings.is_empty() {
            "no other source reports them"
        } else {
            "no other source reports them, of those alignment could compare: see the warning above"
        };
        if style.detail {
            write_wrapped(
                out,
                &format!("{bold}Ungrouped quotes{reset} ({why})"),
                width,
                ("", ""),
                ("", ""),
            )?;
            write_ungrouped(analysis, &names, &paint, width, out)?;
        } else {
            write_wrapped(
                out,
                &format!(
                    "{} ungrouped quotes ({why}); --detail lists them.",
                    analysis.alignment.ungrouped.len()
                ),
                width,
                ("", ""),
                ("", ""),
            )?;
        }
    }
    Ok(())
}

/// Shortens text to about `max` columns at a word boundary, marking a cut with `…`.
pub(super) fn few_words(text: &str, max: usize) -> String {
    let folded = fold_whitespace(text);
    let folded = folded.trim();
    if columns(folded) <= max {
        return folded.to_string();
    }
    let mut out = String::new();
    for word in folded.split(' ') {
        if !out.is_empty() && columns(&out) + 1 + columns(word) > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if columns(&out) > max.saturating_sub(1) {
        out = excerpt(&out, max.saturating_sub(1));
        out.pop();
    }
    let out = out.trim_end_matches([',', ';', ':', '.', ' ', '–', '-']);
    format!("{out}…")
}

/// A version's text between the marks of its kind (“…” for a direct quote).
fn quoted(kind: QuoteKind, text: &str) -> String {
    if kind == QuoteKind::Direct {
        format!("“{text}”")
    } else {
        text.to_string()
    }
}

/// The spans on one side of a pair that its word-level drift items point at, merged when
/// only white space separates them.
fn pair_marks(text: &str, pair: &crate::align::Pair, side_b: bool) -> Vec<Span> {
    let mut spans: Vec<Span> = pair
        .drift
        .iter()
        .filter(|d| {
            !matches!(
                d.kind,
                DriftKind::QuoteVsParaphrase | DriftKind::Attribution
            )
        })
        .map(|d| if side_b { d.b } else { d.a })
        .filter(|s| s.start < s.end)
        .collect();
    spans.sort_by_key(|s| (s.start, s.end));
    let mut merged: Vec<Span> = Vec::new();
    for span in spans {
        match merged.last_mut() {
            Some(last)
                if span.start <= last.end
                    || text[last.end..span.start].chars().all(char::is_whitespace) =>
            {
                last.end = last.end.max(span.end);
            }
            _ => merged.push(span),
        }
    }
    merged
}

/// The part of a quote to show in at most `budget` columns: the whole quote when it fits,
/// else the words around `focus` (the decisive change), with `…` where it is cut.
pub(super) fn window(text: &str, quote: Span, focus: Span, budget: usize) -> (Span, bool, bool) {
    let words: Vec<Span> = text[quote.start..quote.end]
        .split_whitespace()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            Span {
                start,
                end: start + w.len(),
            }
        })
        .collect();
    let width = |s: &Span| columns(&fold_whitespace(&text[s.start..s.end]));
    let total: usize = words.iter().map(|w| width(w) + 1).sum();
    if words.is_empty() || total <= budget + 1 {
        return (quote, false, false);
    }
    let at = words
        .iter()
        .position(|w| w.end > focus.start)
        .unwrap_or(words.len() - 1);
    let (mut lo, mut hi) = (at, at);
    let mut used = width(&words[at]);
    loop {
        let mut grew = false;
        if hi + 1 < words.len() && used + 1 + width(&words[hi + 1]) <= budget {
            hi += 1;
            used += 1 + width(&words[hi]);
            grew = true;
        }
        if lo > 0 && used + 1 + width(&words[lo - 1]) <= budget {
            lo -= 1;
            used += 1 + width(&words[lo]);
            grew = true;
        }
        if !grew {
            break;
        }
    }
    let span = Span {
        start: words[lo].start,
        end: words[hi].end,
    };
    (span, lo > 0, hi + 1 < words.len())
}

/// One version of a pair as shown in a summary: at most `budget` columns of its text around
/// the decisive change, the changed words marked.
fn pair_version(
    source: &crate::quote::ExtractedSource,
    pair: &crate::align::Pair,
    side_b: bool,
    focus: Span,
    budget: usize,
    paint: &Paint,
) -> String {
    let at = if side_b { pair.b } else { pair.a };
    let quote = &source.quotes[at.quote];
    let text = &source.source.text;
    let whole = Span {
        start: quote.start,
        end: quote.end,
    };
    let (shown_span, cut_left, cut_right) = window(text, whole, focus, budget);
    let marks = pair_marks(text, pair, side_b);
    let body = super::render_marked(
        text,
        shown_span,
        &marks,
        paint.mark.0,
        paint.mark.1,
        fold_whitespace,
    );
    let body = format!(
        "{}{}{}",
        if cut_left { "…" } else { "" },
        body.trim(),
        if cut_right { "…" } else { "" }
    );
    let (open, close) = if quote.kind == QuoteKind::Direct {
        ("“", "”")
    } else {
        ("", "")
    };
    format!("{}{open}{body}{close}{}", paint.yellow, paint.reset)
}

/// The words of one side of a drift item, for a headline: ‘…’, or ∅ for none.
fn item_words(text: &str, span: Span, max: usize) -> String {
    let words = few_words(&text[span.start..span.end], max);
    if words.is_empty() {
        "∅".to_string()
    } else {
        format!("‘{words}’")
    }
}

/// A group's headline and its decisive pair.
fn write_group_summary<W: Write + ?Sized>(
    analysis: &Analysis,
    names: &super::SourceNames,
    group: &crate::align::Group,
    paint: &Paint,
    width: usize,
    out: &mut W,
) -> std::io::Result<()> {
    let extraction = &analysis.extraction;
    let Paint {
        bold,
        dim,
        cyan,
        red,
        reset,
        ..
    } = *paint;
    let pivot = group.members[group.collation.pivot.min(group.members.len() - 1)];
    let pivot_source = &extraction.sources[pivot.source];
    let pivot_quote = &pivot_source.quotes[pivot.quote];
    let hang = "    ";
    let id = format!("{:<4}", group.id);
    let speaker = speaker_name(group);
    // The statement fills what the first line leaves, between a few words and a line.
    let room = width.saturating_sub(columns(&id) + columns(&speaker) + 2 + 2 + 17);
    let statement = quoted(
        pivot_quote.kind,
        &few_words(pivot_source.text_of(pivot_quote), room.clamp(24, 60)),
    );
    write_wrapped(
        out,
        &format!(
            "{cyan}{speaker}{reset}: {statement} · severity {red}{:.2}{reset}",
            group.severity
        ),
        width,
        (&format!("{bold}{id}{reset}"), hang),
        ("", ""),
    )?;
    let counts = |shown_sources: &[usize]| {
        let mut others: Vec<usize> = group
            .members
            .iter()
            .map(|m| m.source)
            .filter(|s| !shown_sources.contains(s))
            .collect();
        others.dedup();
        // Syndicated coverage has groups carried by hundreds of outlets: the first few are
        // named, the rest counted (`--detail` and the JSON name every one).
        let mut also = others
            .iter()
            .take(ALSO_NAMED)
            .map(|&s| shown(names.source(s)).into_owned())
            .collect::<Vec<_>>()
            .join(", ");
        if others.len() > ALSO_NAMED {
            also.push_str(&format!(" and {} more", others.len() - ALSO_NAMED));
        }
        let versions = format!(
            "{} versions in {} sources",
            group.members.len(),
            group.source_count()
        );
        match (also.is_empty(), shown_sources.is_empty()) {
            (true, _) => versions,
            (false, true) => format!("{versions}: {also}"),
            (false, false) => format!("{versions}, also {also}"),
        }
    };
    let Some(super::Finding { pair, item }) = super::finding(analysis, group) else {
        write_wrapped(
            out,
            &format!("no change: the versions agree · {}", counts(&[])),
            width,
            (hang, hang),
            ("", ""),
        )?;
        return Ok(());
    };
    let (sa, sb) = (
        &extraction.sources[pair.a.source],
        &extraction.sources[pair.b.source],
    );
    let (na, nb) = (
        names.version(extraction, group, pair.a),
        names.version(extraction, group, pair.b),
    );
    let more = match pair.drift.len() - 1 {
        0 => String::new(),
        1 => "; 1 more change".to_string(),
        n => format!("; {n} more changes"),
    };
    write_wrapped(
        out,
        &format!(
            "{} ({}) → {} ({}): {} {:.2}{more}",
            item_words(&sa.source.text, item.a, 40),
            shown(&na),
            item_words(&sb.source.text, item.b, 40),
            shown(&nb),
            item.label(),
            item.severity,
        ),
        width,
        (hang, hang),
        ("", ""),
    )?;
    let label_width = columns(&na).max(columns(&nb)).min(28);
    let text_hang = " ".repeat(hang.len() + label_width + 2);
    let budget = 2 * width.saturating_sub(text_hang.len()).max(20) - 4;
    for (side_b, source, name, focus) in [(false, sa, &na, item.a), (true, sb, &nb, item.b)] {
        let label = excerpt(name, label_width);
        let pad = label_width.saturating_sub(columns(&label));
        let first = format!("{hang}{dim}{label}{reset}{}  ", " ".repeat(pad));
        let text = pair_version(source, pair, side_b, focus, budget, paint);
        write_wrapped(out, &text, width, (&first, &text_hang), ("", ""))?;
    }
    write_wrapped(
        out,
        &format!(
            "similarity {:.2} · pair severity {:.2} · {}",
            pair.similarity.combined,
            pair.severity,
            counts(&[pair.a.source, pair.b.source])
        ),
        width,
        (hang, hang),
        (dim, reset),
    )?;
    // Where the changed wording entered, when the sources have publication times.
    for (side, name) in [(pair.a, &na), (pair.b, &nb)] {
        let lineage = group
            .wording_of(side)
            .and_then(|w| lineage_line(extraction, group, &group.wordings[w]));
        if let Some(line) = lineage {
            let line = format!("{}: {line}", shown(name));
            write_wrapped(out, &line, width, (hang, hang), (dim, reset))?;
        }
    }
    Ok(())
}

/// A group with every version and every pair's scores and drift items.
fn write_group_detail<W: Write + ?Sized>(
    extraction: &Extraction,
    names: &super::SourceNames,
    group: &crate::align::Group,
    paint: &Paint,
    width: usize,
    out: &mut W,
) -> std::io::Result<()> {
    let Paint {
        bold,
        dim,
        cyan,
        yellow,
        red,
        reset,
        mark: (mark_open, mark_close),
    } = *paint;
    write_wrapped(
        out,
        &format!(
            "{bold}{}{reset}  {cyan}{}{reset}  severity {red}{:.2}{reset}  {} versions from {} sources",
            group.id,
            speaker_name(group),
            group.severity,
            group.members.len(),
            group.source_count()
        ),
        width,
        ("", "    "),
        ("", ""),
    )?;
    if group.speaker_names.len() > 1 {
        write_wrapped(
            out,
            &format!("spellings: {}", shown(&group.speaker_names.join(", "))),
            width,
            ("    ", "      "),
            (dim, reset),
        )?;
    }
    for &m in &group.members {
        // A wording's copies are one entry: its shown version, and the sources carrying it.
        let wording = group.wording_of(m).map(|w| &group.wordings[w]);
        if wording.is_some_and(|w| w.shown != m) {
            continue;
        }
        let source = &extraction.sources[m.source];
        let quote = &source.quotes[m.quote];
        let text = marked_version(source, group, m, mark_open, mark_close, fold_whitespace);
        let kind = if quote.kind == QuoteKind::Direct {
            "direct"
        } else {
            "indirect"
        };
        write_wrapped(
            out,
            &format!(
                "{} {kind}: {yellow}{}{reset}",
                shown(&names.version(extraction, group, m)),
                quoted(quote.kind, text.trim())
            ),
            width,
            ("    ", "        "),
            ("", ""),
        )?;
        write_wrapped(
            out,
            &format!(
                "{} · {}",
                shown(&quote.id),
                excerpt(
                    source
                        .source
                        .meta
                        .outlet
                        .as_deref()
                        .unwrap_or(&source.source.id),
                    60
                )
            ),
            width,
            ("        ", "        "),
            (dim, reset),
        )?;
        if let Some(w) = wording {
            let lines = [
                copies_line(extraction, group, w, m),
                lineage_line(extraction, group, w),
            ];
            for line in lines.into_iter().flatten() {
                write_wrapped(out, &line, width, ("        ", "          "), (dim, reset))?;
            }
        }
    }
    for pair in &group.pairs {
        let s = &pair.similarity;
        write_wrapped(
            out,
            &format!(
                "{} → {}",
                shown(&names.version(extraction, group, pair.a)),
                shown(&names.version(extraction, group, pair.b)),
            ),
            width,
            ("    ", "      "),
            ("", ""),
        )?;
        write_wrapped(
            out,
            &format!(
                "similarity {:.2} · divergence {:.2} · severity {:.2} · {dim}levenshtein {:.2} · jaro-winkler {:.2} · sørensen-dice {:.2} · stem cosine {:.2} · content overlap {:.2} · concept overlap {:.2}{reset}",
                s.combined,
                s.divergence(),
                pair.severity,
                s.levenshtein, s.jaro_winkler, s.sorensen_dice, s.stem_cosine, s.content_overlap, s.concept_overlap
            ),
            width,
            ("      ", "      "),
            ("", ""),
        )?;
        let (sa, sb) = (
            &extraction.sources[pair.a.source],
            &extraction.sources[pair.b.source],
        );
        for d in &pair.drift {
            write_wrapped(
                out,
                &format!(
                    "{:<26} {:.2}  {} → {}",
                    d.label(),
                    d.severity,
                    drift_side(&sa.source.text[d.a.start..d.a.end]),
                    drift_side(&sb.source.text[d.b.start..d.b.end])
                ),
                width,
                ("      ", "        "),
                ("", ""),
            )?;
        }
    }
    Ok(())
}

/// The outlet and publication time of the source of version `v`.
fn outlet_and_time(extraction: &Extraction, v: QuoteRef) -> (&str, &str) {
    let e = &extraction.sources[v.source];
    (
        e.outlet().unwrap_or(&e.source.id),
        e.source.meta.published.as_deref().unwrap_or(""),
    )
}

/// The other sources that carry a wording's words beside its shown version `m`, when any do.
fn copies_line(
    extraction: &Extraction,
    group: &crate::align::Group,
    w: &crate::align::Wording,
    m: QuoteRef,
) -> Option<String> {
    if w.versions.len() < 2 {
        return None;
    }
    let others: Vec<&str> = w
        .versions
        .iter()
        .filter(|&&v| v != m)
        .map(|&v| outlet_and_time(extraction, v).0)
        .collect();
    Some(format!(
        "the same words in {} of {} sources: {}",
        w.source_count(),
        group.source_count(),
        shown(&excerpt(&others.join(", "), 60))
    ))
}

/// Where a wording first appeared and what it derives from, when the sources have
/// publication times.
fn lineage_line(
    extraction: &Extraction,
    group: &crate::align::Group,
    w: &crate::align::Wording,
) -> Option<String> {
    let (outlet, time) = outlet_and_time(extraction, w.first?);
    let from = w
        .derived_from
        .and_then(|u| group.wordings[u].first)
        .map(|f| {
            let id = &extraction.sources[f.source].quotes[f.quote].id;
            let outlet = outlet_and_time(extraction, f).0;
            format!(", from {}’s {}", excerpt(outlet, 40), shown(id))
        })
        .unwrap_or_default();
    Some(format!(
        "first in {}, {}{}",
        shown(&excerpt(outlet, 40)),
        shown(time),
        shown(&from)
    ))
}

/// How many other outlets a finding names after its decisive pair.
const ALSO_NAMED: usize = 6;

/// The ungrouped quotes, one line each: source, speaker, excerpt.
fn write_ungrouped<W: Write + ?Sized>(
    analysis: &Analysis,
    names: &super::SourceNames,
    paint: &Paint,
    width: usize,
    out: &mut W,
) -> std::io::Result<()> {
    let extraction = &analysis.extraction;
    for &q in &analysis.alignment.ungrouped {
        let source = &extraction.sources[q.source];
        let quote = &source.quotes[q.quote];
        let speaker = source
            .speaker_of(quote)
            .map_or(super::UNKNOWN_SPEAKER, |e| e.name.as_str());
        let number = quote.id.rsplit('#').next().unwrap_or("");
        write_wrapped(
            out,
            &format!(
                "{}{} #{number}{}  {}{}{}: {}",
                paint.dim,
                excerpt(names.source(q.source), 24),
                paint.reset,
                paint.cyan,
                excerpt(speaker, 24),
                paint.reset,
                excerpt(source.text_of(quote), 70)
            ),
            width,
            ("    ", "        "),
            ("", ""),
        )?;
    }
    Ok(())
}

/// One side of a drift item in detail: its words (cut at 50 characters), ∅ for none.
fn drift_side(text: &str) -> String {
    let short = excerpt(text, 50);
    if short.is_empty() {
        "∅".to_string()
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_line_within_the_width() {
        let text = "the talks were 坦率而有益的会谈坦率而有益的会谈 and https://example.com/a/very/long/address/that/no/line/can/hold ok";
        let lines = wrap_hanging(text, 20, "g1  ", "    ");
        assert!(lines.len() > 3, "{lines:?}");
        for line in &lines {
            assert!(columns(line) <= 20, "{} columns: {line}", columns(line));
        }
        assert!(lines[0].starts_with("g1  the"), "{lines:?}");
        assert!(
            lines[1..].iter().all(|l| l.starts_with("    ")),
            "{lines:?}"
        );
        // Nothing is lost but the spaces where lines break.
        let joined: String = lines.iter().map(|l| l.trim()).collect();
        let wanted: String = format!("g1{text}").split_whitespace().collect();
        assert_eq!(joined.replace(' ', ""), wanted);
        // Colour codes take no columns and are never cut.
        let red = format!("{RED}{}{RESET}", "x".repeat(30));
        for line in wrap_hanging(&red, 10, "", "") {
            assert!(columns(&line) <= 10, "{line:?}");
        }
        // Padding inside a line is kept.
        assert_eq!(wrap_hanging("a   b", 20, "", ""), ["a   b"]);
    }

    #[test]
    fn excerpts_fold_and_cut() {
        assert_eq!(excerpt("a\n  b", 10), "a b");
        assert_eq!(excerpt("abcdefghij", 5), "abcd…");
    }
}
