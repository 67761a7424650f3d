//! HTML: one self-contained page a fact-checker can read, filter and share.
//!
//! Built with maud, whose templates escape everything interpolated into them: every piece of
//! text that comes from an article goes through `(…)` and is escaped, so an article holding
//! `<script>` or `"><img onerror=…>` renders as text. The only unescaped content is the page's
//! own stylesheet and script, constants of this module. The page makes no request: no fonts,
//! no CDN, no images; its links point inside the page or at the `http:` or `https:` address
//! a source's metadata gives (its `url`; any other address is shown as text, see [`web_link`]).
//!
//! The page opens on the findings (one per group: its headline and the two versions of the
//! pair that decides it, changed words marked), so that a reader sees what changed before any
//! table; the groups follow, then the corpus (collapsed when long) and the sources.
//!
//! Without JavaScript the page is a complete document: every group, every version, every score.
//! The script adds the filters (speaker, source, drift kind, severity, text search) and sorting
//! of the index table; `@media print` hides the controls and prints every detail.

use std::io::Write;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use crate::align::{Group, QuoteRef};
use crate::analysis::{Analysis, RANKING_RULE};
use crate::drift::DriftKind;
use crate::quote::{ExtractedSource, QuoteKind, Span};

/// What each drift kind means, for the legend.
fn kind_meaning(kind: DriftKind) -> &'static str {
    match kind {
        DriftKind::Substitution => "a word replaced by another",
        DriftKind::Omission => "words missing from the other version",
        DriftKind::Addition => "words the other version lacks",
        DriftKind::Negation => "a negation on one side only",
        DriftKind::Modality => "a modal, commitment or hedge changed",
        DriftKind::Number => "a quantity that differs",
        DriftKind::Tense => "a verb in another tense",
        DriftKind::Question => "a statement made a question, or back",
        DriftKind::Entity => "another person, place or organization named",
        DriftKind::Attribution => "the same words, another speaker",
        DriftKind::QuoteVsParaphrase => "quoted in one, paraphrased in the other",
    }
}

fn kind_label(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
    }
}

/// The id of a quote's anchor in the rendered sources.
fn anchor(quote_id: &str) -> String {
    format!("q-{}", fragment(&quote_id.replace('#', "-")))
}

/// An id from the input as part of an element id and of the `#…` links to it: white space
/// and control characters, which a browser drops from a link's address or an id may not
/// hold, are written as `~` and their code point in hex, so that the link finds its target.
fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_whitespace() || c.is_control() || c == '~' {
            out.push_str(&format!("~{:x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The most severe drift kind touching `span` of version `at` in a group, if any.
fn cell_kind(group: &Group, at: QuoteRef, span: Span) -> Option<(DriftKind, f64)> {
    super::word_drift(group, at)
        .filter(|(_, _, side)| side.start < span.end && span.start < side.end)
        .map(|(kind, severity, _)| (kind, severity))
        .max_by(|x, y| x.1.total_cmp(&y.1))
}

/// The words of a collation cell as compared with the others: lowercase, punctuation and
/// quotation marks at either end left out, white space folded.
fn reading(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each collation column's majority reading (the most common words there, the pivot's among
/// equally common ones; `None` where no version has words) and how many versions read it, so
/// that only the cells that differ from it are coloured and the agreement can be counted.
fn column_readings(analysis: &Analysis, group: &Group) -> Vec<(Option<String>, usize)> {
    let extraction = &analysis.extraction;
    let width = group.collation.rows.first().map_or(0, Vec::len);
    (0..width)
        .map(|column| {
            let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
            let mut pivot = None;
            for (k, (m, row)) in group.members.iter().zip(&group.collation.rows).enumerate() {
                if let Some(span) = row[column] {
                    let text = &extraction.sources[m.source].source.text[span.start..span.end];
                    let words = reading(text);
                    if words.is_empty() {
                        continue;
                    }
                    if k == group.collation.pivot {
                        pivot = Some(words.clone());
                    }
                    *counts.entry(words).or_default() += 1;
                }
            }
            let best = counts
                .iter()
                .max_by(|(wa, ca), (wb, cb)| {
                    ca.cmp(cb)
                        .then((pivot.as_ref() == Some(*wa)).cmp(&(pivot.as_ref() == Some(*wb))))
                        .then(wb.cmp(wa))
                })
                .map(|(w, c)| (Some(w.clone()), *c));
            best.unwrap_or((None, 0))
        })
        .collect()
}

/// The sentence(s) around a quote, for context.
fn context(source: &ExtractedSource, start: usize, end: usize) -> (String, String, String) {
    let text = &source.source.text;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let sentences = crate::text::sentences(text, line_start, line_end);
    let from = sentences
        .iter()
        .rev()
        .find(|(s, _)| *s <= start)
        .map_or(line_start, |(s, _)| *s);
    let to = sentences
        .iter()
        .find(|(_, e)| *e >= end)
        .map_or(line_end, |(_, e)| *e);
    (
        text[from..start].to_string(),
        text[start..end].to_string(),
        text[end..to].trim_end().to_string(),
    )
}

fn group_markup(analysis: &Analysis, names: &super::SourceNames, group: &Group) -> Markup {
    let extraction = &analysis.extraction;
    let sources: Vec<&str> = group
        .members
        .iter()
        .map(|m| extraction.sources[m.source].source.id.as_str())
        .collect();
    let mut kinds: Vec<&str> = group
        .pairs
        .iter()
        .flat_map(|p| p.drift.iter().map(|d| d.kind.name()))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    let searchable: String = group
        .members
        .iter()
        .map(|m| {
            let s = &extraction.sources[m.source];
            s.text_of(&s.quotes[m.quote]).to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let speaker = group.speaker.as_deref().unwrap_or(super::UNKNOWN_SPEAKER);
    let width = group.collation.rows.first().map_or(0, Vec::len);
    let readings = column_readings(analysis, group);
    html! {
        article.group id=(group.id)
            data-speaker=(speaker_key(group))
            data-sources=(sources.join(" "))
            data-kinds=(kinds.join(" "))
            data-severity=(format!("{:.4}", group.severity))
            data-text=(searchable)
        {
            h2 {
                (group.id) " — " (speaker)
                span.severity title="severity of the group: its most severe pair" { "severity " (format!("{:.2}", group.severity)) }
            }
            @if group.speaker_names.len() > 1 {
                p.spellings { "Spellings: " (group.speaker_names.join(", ")) }
            }
            div.scroll {
                table.collation {
                    caption { (group.members.len()) " versions from " (group.source_count()) " sources, aligned word by word against the version marked ★" }
                    thead { tr { th scope="col" { "version" } th scope="col" { "kind" } th scope="col" colspan=(width.max(1)) { "words" } } }
                    tbody {
                        @for (k, (&m, row)) in group.members.iter().zip(&group.collation.rows).enumerate() {
                            @let source = &extraction.sources[m.source];
                            @let quote = &source.quotes[m.quote];
                            tr data-source=(source.source.id) {
                                th scope="row" {
                                    a href=(format!("#{}", anchor(&quote.id))) title=(source.outlet().unwrap_or(&source.source.id)) { (names.version(extraction, group, m)) }
                                    @if k == group.collation.pivot { " ★" }
                                    br;
                                    span.outlet { (quote.id) }
                                }
                                td.kind { (kind_label(quote.kind)) }
                                @for (column, cell) in row.iter().enumerate() {
                                    @match cell {
                                        Some(span) => {
                                            @let text = &source.source.text[span.start..span.end];
                                            @let agrees = readings[column].0.as_deref() == Some(reading(text).as_str());
                                            @match cell_kind(group, m, *span).filter(|_| !agrees) {
                                                Some((kind, severity)) => td class=(format!("w d-{}", kind.name())) title=(format!("{} ({:.2})", kind.name(), severity)) { (text) },
                                                None => td.w { (text) },
                                            }
                                        },
                                        None => td.w.gap { "" },
                                    }
                                }
                            }
                        }
                    }
                    tfoot {
                        tr.agree {
                            th scope="row" colspan="2" { "versions that agree" }
                            @for (majority, count) in &readings {
                                @match majority {
                                    Some(words) => td title=(format!("{count} of {} versions read ‘{words}’", group.members.len())) { (count) "/" (group.members.len()) },
                                    None => td { "" },
                                }
                            }
                        }
                    }
                }
            }
            details.pairs {
                summary { "Scores and drift items (" (group.pairs.len()) " pairs)" }
                div.scroll {
                    table {
                        thead { tr { th { "a" } th { "b" } th { "similarity" } th { "divergence" } th { "severity" } th { "drift" } } }
                        tbody {
                            @for pair in &group.pairs {
                                @let (sa, sb) = (&extraction.sources[pair.a.source], &extraction.sources[pair.b.source]);
                                @let s = &pair.similarity;
                                tr {
                                    td title=(sa.quotes[pair.a.quote].id) { (names.version(extraction, group, pair.a)) }
                                    td title=(sb.quotes[pair.b.quote].id) { (names.version(extraction, group, pair.b)) }
                                    td title=(format!("levenshtein {:.2} · jaro-winkler {:.2} · sørensen-dice {:.2} · stem cosine {:.2} · content overlap {:.2} · concept overlap {:.2}", s.levenshtein, s.jaro_winkler, s.sorensen_dice, s.stem_cosine, s.content_overlap, s.concept_overlap)) {
                                        (format!("{:.2}", s.combined))
                                        span.measures { " (lev " (format!("{:.2}", s.levenshtein)) ", jw " (format!("{:.2}", s.jaro_winkler)) ", dice " (format!("{:.2}", s.sorensen_dice)) ", stems " (format!("{:.2}", s.stem_cosine)) ", overlap " (format!("{:.2}", s.content_overlap)) ")" }
                                    }
                                    td { (format!("{:.2}", s.divergence())) }
                                    td { (format!("{:.2}", pair.severity)) }
                                    td {
                                        @if pair.drift.is_empty() { "none" }
                                        ul.items {
                                            @for d in &pair.drift {
                                                li class=(format!("d-{}", d.kind.name())) {
                                                    b { (d.label()) } " "
                                                    (or_nothing(&sa.source.text[d.a.start..d.a.end])) " → " (or_nothing(&sb.source.text[d.b.start..d.b.end]))
                                                    " (" (format!("{:.2}", d.severity)) ")"
                                                }
                                            }
                                        }
                                    }
                                }
                                tr.side {
                                    td colspan="6" {
                                        details {
                                            summary { "side by side" }
                                            (pair_panes(analysis, names, group, pair))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            details.context {
                summary { "Context in each source" }
                ul {
                    @for &m in &group.members {
                        @let source = &extraction.sources[m.source];
                        @let quote = &source.quotes[m.quote];
                        @let (before, inside, after) = context(source, quote.start, quote.end);
                        li {
                            a href=(format!("#{}", anchor(&quote.id))) title=(quote.id) { (names.version(extraction, group, m)) } ": "
                            (before) mark { (inside) } (after)
                        }
                    }
                }
            }
        }
    }
}

/// One pair side by side: each version whole, in its own pane, with its outlet and the words
/// the pair's drift items name marked by kind (the panes stack at phone width).
fn pair_panes(
    analysis: &Analysis,
    names: &super::SourceNames,
    group: &Group,
    pair: &crate::align::Pair,
) -> Markup {
    let extraction = &analysis.extraction;
    html! {
        div.panes {
            @for (side_b, at) in [(false, pair.a), (true, pair.b)] {
                @let src = &extraction.sources[at.source];
                @let quote = &src.quotes[at.quote];
                @let whole = Span { start: quote.start, end: quote.end };
                @let (_, pieces, _) = finding_version(src, pair, side_b, whole, 1 << 30);
                div.pane {
                    p.pane-name { b.outlet-name { (names.version(extraction, group, at)) } " " span.outlet { (quote.id) } }
                    p.version {
                        @if quote.kind == QuoteKind::Direct { "“" }
                        @for (piece, kind) in &pieces {
                            @match kind {
                                Some(kind) => mark class=(format!("d-{}", kind.name())) title=(kind.name()) { (piece) },
                                None => (piece),
                            }
                        }
                        @if quote.kind == QuoteKind::Direct { "”" }
                    }
                }
            }
        }
    }
}

/// One version of a finding's pair, cut to about `budget` characters around the change:
/// whether it is cut before, its pieces of text (each with the drift kind marking it, if
/// any), whether it is cut after.
fn finding_version(
    source: &ExtractedSource,
    pair: &crate::align::Pair,
    side_b: bool,
    focus: Span,
    budget: usize,
) -> (bool, Vec<(String, Option<DriftKind>)>, bool) {
    let at = if side_b { pair.b } else { pair.a };
    let quote = &source.quotes[at.quote];
    let text = &source.source.text;
    let whole = Span {
        start: quote.start,
        end: quote.end,
    };
    let (shown, cut_before, cut_after) = super::text::window(text, whole, focus, budget);
    let mut marks: Vec<(Span, DriftKind)> = pair
        .drift
        .iter()
        .filter(|d| {
            !matches!(
                d.kind,
                DriftKind::QuoteVsParaphrase | DriftKind::Attribution
            )
        })
        .map(|d| (if side_b { d.b } else { d.a }, d.kind))
        .filter(|(s, _)| s.start < s.end)
        .collect();
    marks.sort_by_key(|(s, _)| (s.start, s.end));
    let mut pieces = Vec::new();
    let mut pos = shown.start;
    for (span, kind) in marks {
        let (from, to) = (span.start.max(pos), span.end.min(shown.end));
        if from >= to {
            continue;
        }
        if pos < from {
            pieces.push((text[pos..from].to_string(), None));
        }
        pieces.push((text[from..to].to_string(), Some(kind)));
        pos = to;
    }
    if pos < shown.end {
        pieces.push((text[pos..shown.end].to_string(), None));
    }
    (cut_before, pieces, cut_after)
}

/// The findings: one item per group, most severe first, with its speaker, statement, most
/// severe change and the outlets on each side, and the two versions of its pair with the
/// changed words marked.
fn findings_markup(analysis: &Analysis, names: &super::SourceNames) -> Markup {
    let extraction = &analysis.extraction;
    let groups = &analysis.alignment.groups;
    html! {
        section #findings aria-labelledby="findings-title" {
            h2 #findings-title { "Findings, most severe first" }
            @if groups.is_empty() { p { "No utterance is reported by more than one source." } }
            ol.findings {
                @for group in groups {
                    @let pivot = group.members[group.collation.pivot.min(group.members.len() - 1)];
                    @let ps = &extraction.sources[pivot.source];
                    @let pq = &ps.quotes[pivot.quote];
                    @let statement = super::text::few_words(ps.text_of(pq), 70);
                    li.finding data-group=(group.id) {
                        p.headline {
                            a href=(format!("#{}", group.id)) { (group.id) } " "
                            strong { (group.speaker.as_deref().unwrap_or(super::UNKNOWN_SPEAKER)) }
                            span.statement { ": " @if pq.kind == QuoteKind::Direct { "“" (statement) "”" } @else { (statement) } }
                            " " span.severity title="severity of the group" { (format!("{:.2}", group.severity)) }
                        }
                        @match super::finding(analysis, group) {
                            None => p.change { "No change: the " (group.members.len()) " versions in " (group.source_count()) " sources agree." },
                            Some(super::Finding { pair, item }) => {
                                @let (sa, sb) = (&extraction.sources[pair.a.source], &extraction.sources[pair.b.source]);
                                @let (na, nb) = (names.version(extraction, group, pair.a), names.version(extraction, group, pair.b));
                                @let words = |src: &ExtractedSource, span: Span| {
                                    let w = super::text::few_words(&src.source.text[span.start..span.end], 40);
                                    if w.is_empty() { "∅".to_string() } else { format!("‘{w}’") }
                                };
                                p.change {
                                    (words(sa, item.a)) " (" b.outlet-name { (na) } ") → " (words(sb, item.b)) " (" b.outlet-name { (nb) } "): "
                                    span class=(format!("chip d-{}", item.kind.name())) { (item.label()) } " " (format!("{:.2}", item.severity))
                                    @if pair.drift.len() > 1 { " · " (pair.drift.len() - 1) " more" }
                                }
                                @for (side_b, src, name, focus) in [(false, sa, &na, item.a), (true, sb, &nb, item.b)] {
                                    @let (before, pieces, after) = finding_version(src, pair, side_b, focus, 120);
                                    @let direct = src.quotes[if side_b { pair.b.quote } else { pair.a.quote }].kind == QuoteKind::Direct;
                                    p.version {
                                        b.outlet-name { (name) } " "
                                        @if direct { "“" } @if before { "…" }
                                        @for (piece, kind) in &pieces {
                                            @match kind {
                                                Some(kind) => mark class=(format!("d-{}", kind.name())) title=(kind.name()) { (piece) },
                                                None => (piece),
                                            }
                                        }
                                        @if after { "…" } @if direct { "”" }
                                    }
                                }
                            },
                        }
                    }
                }
            }
        }
    }
}

/// A group's most severe change in a few words: ‘a’ (outlet) → ‘b’ (outlet), kind.
fn change_summary(analysis: &Analysis, names: &super::SourceNames, group: &Group) -> String {
    let extraction = &analysis.extraction;
    let Some(super::Finding { pair, item }) = super::finding(analysis, group) else {
        return "none".to_string();
    };
    let words = |at: QuoteRef, span: Span| {
        let text = &extraction.sources[at.source].source.text[span.start..span.end];
        let w = super::text::few_words(text, 30);
        if w.is_empty() {
            "∅".to_string()
        } else {
            format!("‘{w}’")
        }
    };
    format!(
        "{} ({}) → {} ({}), {}",
        words(pair.a, item.a),
        names.version(extraction, group, pair.a),
        words(pair.b, item.b),
        names.version(extraction, group, pair.b),
        item.label()
    )
}

/// The key the speaker filter matches on: one per person, whatever the spelling.
fn speaker_key(group: &Group) -> String {
    group
        .speaker
        .as_deref()
        .map_or(String::new(), crate::align::person_key)
}

fn or_nothing(s: &str) -> &str {
    if s.is_empty() {
        "∅"
    } else {
        s
    }
}

/// A source's text with every quote anchored, and marked where quotes nest cleanly.
fn source_markup(source: &ExtractedSource) -> Markup {
    let text = &source.source.text;
    // Events: (offset, order, html) — quotes are disjoint or nested, so a stack suffices; a
    // quote that would cross another's end gets its anchor but no mark.
    let mut events: Vec<(usize, u8, String)> = Vec::new();
    let mut open_ends: Vec<usize> = Vec::new();
    for quote in &source.quotes {
        while open_ends.last().is_some_and(|&e| e <= quote.start) {
            open_ends.pop();
        }
        let crosses = open_ends.last().is_some_and(|&e| quote.end > e);
        let id = anchor(&quote.id);
        let speaker = source
            .speaker_of(quote)
            .map_or(super::UNKNOWN_SPEAKER, |e| e.name.as_str());
        let title = format!("{} · {} · {}", quote.id, kind_label(quote.kind), speaker);
        if crosses {
            events.push((quote.start, 1, html! { span id=(id) {} }.into_string()));
        } else {
            let class = format!("quote {}", kind_label(quote.kind));
            events.push((quote.start, 1, html! { span id=(id) {} }.into_string()));
            events.push((
                quote.start,
                2,
                format!(
                    "<mark class=\"{class}\" title=\"{}\">",
                    escape_attribute(&title)
                ),
            ));
            events.push((quote.end, 0, "</mark>".to_string()));
            open_ends.push(quote.end);
        }
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = String::new();
    let mut pos = 0;
    for (at, _, piece) in events {
        out.push_str(&html! { (text[pos..at]) }.into_string());
        out.push_str(&piece);
        pos = at;
    }
    out.push_str(&html! { (text[pos..]) }.into_string());
    PreEscaped(out)
}

/// The address a source's `url` may link to: only `http:` and `https:` addresses become links
/// (never `javascript:`, `data:`, `vbscript:` or anything else, whatever their case). The
/// address is read as a browser reads it, with leading and trailing spaces and control
/// characters and every tab and line break inside removed, and that cleaned address is the
/// one linked, so the scheme checked is the scheme followed.
pub fn web_link(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_end = cleaned.find(':')?;
    let scheme = cleaned[..scheme_end].to_ascii_lowercase();
    let rest = &cleaned[scheme_end + 1..];
    ((scheme == "http" || scheme == "https") && rest.starts_with("//") && rest.len() > 2)
        .then_some(cleaned)
}

/// Escapes text for an attribute value between double quotes.
/// Where a source's outlet name came from, for a tooltip.
fn credit_note(credit: &crate::quote::credit::Credit) -> String {
    use crate::quote::credit::CreditRule;
    let how = match credit.rule {
        CreditRule::Label => "a credit line (“Source: …”)",
        CreditRule::Wire => "the wire credit after the dateline",
        CreditRule::Byline => "the byline",
        CreditRule::Copyright => "the copyright line",
        CreditRule::Address => "the host of its address",
    };
    match credit.span {
        Some(span) => format!(
            "named by {how}, bytes {}..{} of the text",
            span.start, span.end
        ),
        None => format!("named by {how}"),
    }
}

fn escape_attribute(text: &str) -> String {
    html! { (text) }.into_string().replace('"', "&quot;")
}

/// Writes the whole page.
pub fn write_report<W: Write + ?Sized>(analysis: &Analysis, out: &mut W) -> std::io::Result<()> {
    let extraction = &analysis.extraction;
    let groups = &analysis.alignment.groups;
    // One filter option per person, labelled with every spelling the groups use.
    let mut speakers: std::collections::BTreeMap<String, Vec<&str>> =
        std::collections::BTreeMap::new();
    for g in groups {
        if let Some(name) = g.speaker.as_deref() {
            let names = speakers.entry(speaker_key(g)).or_default();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    let names = super::SourceNames::new(extraction);
    let columns = super::SourceColumns::of(extraction);
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(concat!("quotedrift ", env!("CARGO_PKG_VERSION")));
                title { "quotedrift report: " (extraction.sources.len()) " sources, " (groups.len()) " groups" }
                style { (PreEscaped(CSS)) }
            }
            body {
                a.skip href="#findings" { "Skip to the findings" }
                header {
                    h1 { "How the quotes drift" }
                    p.counts {
                        (extraction.sources.len()) " sources · " (extraction.quotes().count()) " quotes · "
                        (groups.len()) " groups of versions · " (analysis.alignment.ungrouped.len())
                        @if analysis.alignment.warnings.is_empty() { " quotes nobody else reports" } @else { " quotes grouped with none (see the warning below)" }
                    }
                    @for warning in &analysis.alignment.warnings {
                        p.warning role="note" { strong { "Warning: " } (warning) "." }
                    }
                }
                (findings_markup(analysis, &names))
                p.rule { "Ranking: " (RANKING_RULE) "." }
                nav #filters aria-label="Filters" hidden {
                    label { "Speaker " select #f-speaker { option value="" { "all" } @for (key, names) in &speakers { option value=(key) { (names.join(" / ")) } } } }
                    label { "Source " select #f-source { option value="" { "all" } @for s in &extraction.sources { option value=(s.source.id) { (s.source.id) } } } }
                    label { "Severity at least " input #f-severity type="range" min="0" max="1" step="0.05" value="0"; output #f-severity-value { "0.00" } }
                    label { "Search " input #f-search type="search" placeholder="words in a version"; }
                    fieldset {
                        legend { "Drift kinds" }
                        @for kind in DriftKind::ALL {
                            label class=(format!("chip d-{}", kind.name())) { input type="checkbox" name="kind" value=(kind.name()) checked; " " (kind.name()) }
                        }
                    }
                    p #f-count aria-live="polite" {}
                }
                section.legend aria-label="Legend" {
                    h2 { "Legend" }
                    ul {
                        @for kind in DriftKind::ALL {
                            li { span class=(format!("chip d-{}", kind.name())) { (kind.name()) } " — " (kind_meaning(kind)) }
                        }
                    }
                }
                main #groups {
                    h2 { "Groups, most severe first" }
                    div.scroll {
                        table #index .sortable {
                            thead { tr {
                                th aria-sort="none" { button type="button" { "group" } }
                                th aria-sort="none" { button type="button" { "speaker" } }
                                th aria-sort="descending" { button type="button" { "severity" } }
                                th aria-sort="none" { button type="button" { "versions" } }
                                th aria-sort="none" { button type="button" { "sources" } }
                                th aria-sort="none" { button type="button" { "most severe change" } }
                            } }
                            tbody {
                                @for g in groups {
                                    tr data-group=(g.id) {
                                        td data-value=(g.id.trim_start_matches('g')) { a href=(format!("#{}", g.id)) { (g.id) } }
                                        td { (g.speaker.as_deref().unwrap_or(super::UNKNOWN_SPEAKER)) }
                                        td data-value=(format!("{:.4}", g.severity)) { (format!("{:.2}", g.severity)) }
                                        td data-value=(g.members.len()) { (g.members.len()) }
                                        td data-value=(g.source_count()) { (g.source_count()) }
                                        td { (change_summary(analysis, &names, g)) }
                                    }
                                }
                            }
                        }
                    }
                    @for group in groups { (group_markup(analysis, &names, group)) }
                    @if groups.is_empty() { p { "No utterance is reported by more than one source." } }
                }
                details #corpus open[extraction.sources.len() <= CORPUS_OPEN_UP_TO] {
                    summary { h2 { "The corpus: " (extraction.sources.len()) " sources" } }
                    div.scroll {
                        table.sources {
                            thead { tr {
                                th { "source" }
                                @if columns.outlet { th { "outlet" } }
                                th { "language detected" }
                                @if columns.original_language { th { "original language" } }
                                @if columns.translation_chain { th { "translation chain" } }
                            } }
                            tbody {
                                @for s in &extraction.sources {
                                    tr {
                                        td { a href=(format!("#src-{}", fragment(&s.source.id))) { (s.source.id) } }
                                        @if columns.outlet {
                                            td {
                                                @match s.source.meta.url.as_deref().map(|url| (url, web_link(url))) {
                                                    Some((url, Some(link))) => a href=(link) rel="noreferrer" { (s.outlet().unwrap_or(url)) },
                                                    Some((url, None)) => {
                                                        (s.outlet().unwrap_or(""))
                                                        " " span.url title="not an http(s) address, so not a link" { "(" (url) ")" }
                                                    },
                                                    None => (s.outlet().unwrap_or(super::NOT_GIVEN)),
                                                }
                                                @if let Some(c) = s.credit.as_ref().filter(|_| s.source.meta.outlet.is_none()) {
                                                    " " span.credit title=(credit_note(c)) { "(from the text)" }
                                                }
                                                @if s.source.meta.synthetic { " (written for testing)" }
                                            }
                                        }
                                        td { (s.language.name) " (" (s.language.code) ", " (format!("{:.2}", s.language.confidence)) ")" }
                                        @if columns.original_language { td { (s.source.meta.original_language.as_deref().unwrap_or(super::NOT_GIVEN)) } }
                                        @if columns.translation_chain {
                                            td {
                                                @if s.source.meta.translation_chain.is_empty() { (super::NOT_GIVEN) }
                                                @else { (s.source.meta.translation_chain.join(" → ")) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                section #sources {
                    h2 { "The sources, with every quote marked" }
                    @for s in &extraction.sources {
                        article.source id=(format!("src-{}", fragment(&s.source.id))) {
                            h3 { (s.source.id) @if let Some(outlet) = s.outlet() { " — " (outlet) } }
                            div.text { (source_markup(s)) }
                        }
                    }
                }
                footer { p { "Generated by quotedrift " (env!("CARGO_PKG_VERSION")) " from the same analysis as the JSON report." } }
                script { (PreEscaped(SCRIPT)) }
            }
        }
    };
    out.write_all(page.into_string().as_bytes())?;
    out.write_all(b"\n")
}

/// The corpus table is shown open up to this many sources, collapsed beyond.
const CORPUS_OPEN_UP_TO: usize = 12;

const CSS: &str = r##"
:root { --ink: #1b1b1b; --muted: #555; --line: #ccc; --bg: #fff; --accent: #0b5cad;
  --substitution: #ffd8a8; --omission: #ffc9c9; --addition: #c3fae8; --negation: #e599f7;
  --modality: #bac8ff; --number: #ffec99; --tense: #d0bfff; --question: #a5d8ff;
  --entity: #ffa8a8; --attribution: #fcc2d7; --quote-vs-paraphrase: #dee2e6; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); margin: 0 auto; max-width: 72rem; padding: 1rem; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, summary:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; }
h1 { margin: .2rem 0; } .counts, .rule, .spellings, .outlet, .measures, .credit { color: var(--muted); }
.rule { font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--line); padding: .25rem .4rem; vertical-align: top; text-align: left; }
caption { text-align: left; color: var(--muted); font-size: .9rem; padding: .2rem 0; }
.scroll { overflow-x: auto; }
.group { border-top: 2px solid var(--ink); margin-top: 2rem; }
.severity { font-size: .9rem; font-weight: normal; margin-left: .6rem; padding: .1rem .4rem; border: 1px solid var(--ink); border-radius: .3rem; }
table.collation td.w { white-space: nowrap; }
table.collation tfoot td, table.collation tfoot th { color: var(--muted); font-size: .8rem; font-weight: normal; }
table.collation td.gap { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #f1f3f5 4px, #f1f3f5 8px); }
.outlet { font-size: .8rem; font-weight: normal; }
.chip { padding: .05rem .35rem; border-radius: .3rem; }
.d-substitution { background: var(--substitution); } .d-omission { background: var(--omission); }
.d-addition { background: var(--addition); } .d-negation { background: var(--negation); }
.d-modality { background: var(--modality); } .d-number { background: var(--number); }
.d-tense { background: var(--tense); } .d-question { background: var(--question); }
.d-entity { background: var(--entity); }
.d-attribution { background: var(--attribution); } .d-quote-vs-paraphrase { background: var(--quote-vs-paraphrase); }
ul.items { margin: 0; padding-left: 1rem; }
nav#filters { position: sticky; top: 0; background: #f8f9fa; border: 1px solid var(--line); padding: .5rem; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; z-index: 1; }
nav#filters fieldset { border: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
nav#filters legend { float: left; margin-right: .3rem; }
table.sortable th button { font: inherit; font-weight: bold; background: none; border: none; padding: 0; cursor: pointer; color: var(--ink); }
.source .text { white-space: pre-wrap; font-family: Georgia, serif; border-left: 3px solid var(--line); padding-left: .8rem; }
mark.quote.direct { background: #fff3bf; } mark.quote.indirect { background: #e7f5ff; }
mark.quote mark.quote { outline: 1px solid #f59f00; }
:target { outline: 3px solid var(--accent); }
ol.findings { padding-left: 0; list-style: none; margin: .5rem 0; }
li.finding { border-left: 4px solid var(--ink); padding: .2rem 0 .2rem .6rem; margin: 0 0 .8rem; }
li.finding p { margin: .1rem 0; overflow-wrap: anywhere; }
li.finding .headline .severity { margin-left: .3rem; }
li.finding .change, li.finding .version { font-size: .95rem; }
li.finding .version { color: var(--muted); } li.finding .version mark { color: var(--ink); padding: 0 .1rem; }
.outlet-name { color: var(--ink); }
.panes { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; margin: .4rem 0; }
.pane { border: 1px solid var(--line); border-radius: 4px; padding: .3rem .6rem; min-width: 0; overflow-wrap: anywhere; }
.pane p { margin: .2rem 0; } .pane mark { padding: 0 .1rem; }
tr.side td { border-top: none; padding-top: 0; }
@media (max-width: 40rem) { .panes { grid-template-columns: 1fr; } }
details#corpus > summary h2 { display: inline; font-size: 1.2rem; }
[hidden] { display: none !important; }
@media (max-width: 40rem) { body { padding: .5rem; font-size: 15px; } nav#filters { position: static; }
  h1 { font-size: 1.4rem; } .counts { font-size: .85rem; margin: .2rem 0; } #findings h2 { font-size: 1.15rem; margin: .4rem 0; }
  li.finding { font-size: .85rem; line-height: 1.35; margin-bottom: .5rem; padding-left: .4rem; }
  li.finding .change, li.finding .version { font-size: inherit; }
  li.finding .headline .statement { display: none; } }
@media print {
  nav#filters, .skip, table#index { display: none !important; }
  body { max-width: none; font-size: 11pt; }
  .group { break-inside: avoid-page; }
  a { color: inherit; text-decoration: none; }
  .scroll { overflow: visible; }
}
"##;

const SCRIPT: &str = r##"
(function () {
  "use strict";
  var groups = Array.prototype.slice.call(document.querySelectorAll("article.group"));
  var filters = document.getElementById("filters");
  if (!filters) { return; }
  filters.hidden = false;
  // A heading reached through a link (#g1) lands below the sticky filter bar, not under it.
  function padScroll() {
    var sticky = window.getComputedStyle(filters).position === "sticky";
    document.documentElement.style.scrollPaddingTop = sticky ? (filters.offsetHeight + 8) + "px" : "";
  }
  padScroll();
  window.addEventListener("resize", padScroll);
  if (location.hash) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { target.scrollIntoView(); }
  }
  var speaker = document.getElementById("f-speaker");
  var source = document.getElementById("f-source");
  var severity = document.getElementById("f-severity");
  var severityValue = document.getElementById("f-severity-value");
  var search = document.getElementById("f-search");
  var count = document.getElementById("f-count");
  var kinds = Array.prototype.slice.call(filters.querySelectorAll("input[name=kind]"));
  function apply() {
    var wantedKinds = kinds.filter(function (k) { return k.checked; }).map(function (k) { return k.value; });
    var minSeverity = parseFloat(severity.value);
    var query = search.value.trim().toLowerCase();
    severityValue.textContent = minSeverity.toFixed(2);
    var shown = 0;
    groups.forEach(function (g) {
      var groupKinds = g.dataset.kinds ? g.dataset.kinds.split(" ") : [];
      var visible = (!speaker.value || g.dataset.speaker === speaker.value)
        && (!source.value || g.dataset.sources.split(" ").indexOf(source.value) >= 0)
        && parseFloat(g.dataset.severity) >= minSeverity - 1e-9
        && (groupKinds.some(function (k) { return wantedKinds.indexOf(k) >= 0; })
            || (groupKinds.length === 0 && wantedKinds.length === kinds.length))
        && (!query || g.dataset.text.indexOf(query) >= 0);
      g.hidden = !visible;
      var row = document.querySelector("#index tr[data-group='" + g.id + "']");
      if (row) { row.hidden = !visible; }
      Array.prototype.forEach.call(g.querySelectorAll("table.collation tbody tr"), function (tr) {
        tr.classList.toggle("other-source", !!source.value && tr.dataset.source !== source.value);
      });
      if (visible) { shown += 1; }
    });
    count.textContent = shown + " of " + groups.length + " groups shown";
  }
  [speaker, source, severity, search].forEach(function (el) { el.addEventListener("input", apply); });
  kinds.forEach(function (k) { k.addEventListener("change", apply); });
  apply();
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    headers.forEach(function (th, column) {
      th.querySelector("button").addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[column], y = b.cells[column];
          var vx = x.dataset.value !== undefined ? parseFloat(x.dataset.value) : x.textContent;
          var vy = y.dataset.value !== undefined ? parseFloat(y.dataset.value) : y.textContent;
          var order = typeof vx === "number" ? vx - vy : vx.localeCompare(vy);
          return ascending ? order : -order;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
})();
"##;
