//! The JSON formats.
//!
//! # `quotedrift/quotes@1`
//!
//! ```text
//! {"schema": "quotedrift/quotes@1",
//!  "sources": [{"id", "path", "language", "language_name", "language_confidence",
//!               "language_reliable", "script", "stemmer", "bytes", "bom", "replaced_bytes",
//!               "outlet", "original_language", "translation_chain", "url", "published",
//!               "note", "synthetic", "language_detection", "speakers": [{"name", "kind",
//!               "names"}]}],
//!  "quotes":  [{"id": "<source id>#<n>", "source", "start", "end", "text",
//!               "kind": "direct" | "indirect", "scare", "closed",
//!               "speaker": "<canonical name>" | null, "speaker_kind", "speaker_names",
//!               "cue", "speaker_start", "speaker_end",
//!               "language", "language_confidence"}]}
//! ```
//!
//! `start`/`end` are byte offsets into the source file: its bytes `[start, end)` are `text`.
//! `speaker` is the longest name the article uses for that person; `speaker_names` lists every
//! spelling it uses, so that "Sergey Lavrov" and "Sergei Lavrov" can be matched across
//! articles. `cue` says how the speaker was found (`explicit`, `pronoun`, `according-to`,
//! `colon`, `context`) and `speaker_start`/`speaker_end` point at the words that name them.
//! Quotes are ordered by source id, then by position. Fields may be added in later versions of
//! the same schema; none will be removed or renamed.
//!
//! # `quotedrift/report@1`
//!
//! ```text
//! {"schema": "quotedrift/report@1",
//!  "settings": {"min_similarity", "reference", "speaker", "ranking"},
//!  "sources": [… as in quotes@1 …], "quotes": [… as in quotes@1 …],
//!  "groups": [{"id": "g1", "speaker", "speaker_names", "severity", "sources",
//!              "quotes": ["<quote id>", …],
//!              "pairs": [{"a": "<quote id>", "b": "<quote id>",
//!                         "similarity": {"levenshtein", "jaro_winkler", "sorensen_dice",
//!                                        "stem_cosine", "content_overlap", "combined"},
//!                         "divergence", "severity",
//!                         "fragment": {"in": "a" | "b", "start", "end"} | null,
//!                         "drift": [{"kind", "a", "b", "a_start", "a_end", "b_start",
//!                                    "b_end", "severity"}]}]}],
//!  "ungrouped": ["<quote id>", …]}
//! ```
//!
//! Groups are ordered by severity, most severe first. In a drift item, `a`/`b` are the words
//! of each version and `a_start`…`b_end` their byte offsets in the two versions' source files;
//! an empty span marks where words missing on that side would be. `kind` is one of
//! `substitution`, `omission`, `addition`, `negation`, `modality`, `number`, `attribution`,
//! `quote-vs-paraphrase`.
//!
//! The serialization types are private to this module so that the library's own types can
//! change without changing the format.

use std::io::Write;

use serde::Serialize;

use crate::align::{Group, Pair, QuoteRef};
use crate::analysis::{Analysis, RANKING_RULE};
use crate::drift::DriftKind;
use crate::quote::{Cue, ExtractedSource, Extraction, Quote, QuoteKind, SpeakerKind};
use crate::score::Similarity;

/// The schema name of the quotes document.
pub const QUOTES_SCHEMA: &str = "quotedrift/quotes@1";
/// The schema name of the report document.
pub const REPORT_SCHEMA: &str = "quotedrift/report@1";

#[derive(Serialize)]
struct QuotesDoc<'a> {
    schema: &'static str,
    sources: Vec<SourceOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    path: &'a str,
    language: &'a str,
    language_name: &'a str,
    language_confidence: f64,
    language_reliable: bool,
    script: &'a str,
    stemmer: Option<&'a str>,
    bytes: usize,
    bom: bool,
    replaced_bytes: usize,
    outlet: Option<&'a str>,
    original_language: Option<&'a str>,
    translation_chain: &'a [String],
    url: Option<&'a str>,
    published: Option<&'a str>,
    note: Option<&'a str>,
    synthetic: bool,
    language_detection: crate::language::Detection,
    speakers: Vec<SpeakerOut<'a>>,
}

#[derive(Serialize)]
struct SpeakerOut<'a> {
    name: &'a str,
    kind: SpeakerKind,
    names: &'a [String],
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    id: &'a str,
    source: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    kind: QuoteKind,
    scare: bool,
    closed: bool,
    speaker: Option<&'a str>,
    speaker_kind: Option<SpeakerKind>,
    speaker_names: Option<&'a [String]>,
    cue: Option<Cue>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
    language: &'a str,
    language_confidence: f64,
}

fn source_out(s: &ExtractedSource) -> SourceOut<'_> {
    SourceOut {
        id: &s.source.id,
        path: &s.source.path,
        language: s.language.code,
        language_name: s.language.name,
        language_confidence: s.language.confidence,
        language_reliable: s.language.reliable,
        script: s.language.script,
        stemmer: s.stemmer,
        bytes: s.source.text.len(),
        bom: s.source.bom,
        replaced_bytes: s.source.replaced_bytes,
        outlet: s.source.meta.outlet.as_deref(),
        original_language: s.source.meta.original_language.as_deref(),
        translation_chain: &s.source.meta.translation_chain,
        url: s.source.meta.url.as_deref(),
        published: s.source.meta.published.as_deref(),
        note: s.source.meta.note.as_deref(),
        synthetic: s.source.meta.synthetic,
        language_detection: s.language.detection,
        speakers: s
            .speakers
            .iter()
            .map(|e| SpeakerOut {
                name: &e.name,
                kind: e.kind,
                names: &e.names,
            })
            .collect(),
    }
}

fn quote_out<'a>(s: &'a ExtractedSource, q: &'a Quote) -> QuoteOut<'a> {
    let speaker = s.speaker_of(q);
    QuoteOut {
        id: &q.id,
        source: &s.source.id,
        start: q.start,
        end: q.end,
        text: s.text_of(q),
        kind: q.kind,
        scare: q.scare,
        closed: q.closed,
        speaker: speaker.map(|e| e.name.as_str()),
        speaker_kind: speaker.map(|e| e.kind),
        speaker_names: speaker.map(|e| e.names.as_slice()),
        cue: q.cue,
        speaker_start: q.speaker_span.map(|s| s.start),
        speaker_end: q.speaker_span.map(|s| s.end),
        language: q.language.code,
        language_confidence: q.language.confidence,
    }
}

/// Writes the `quotedrift/quotes@1` document, pretty-printed, with a final newline.
pub fn write_quotes<W: Write + ?Sized>(
    extraction: &Extraction,
    out: &mut W,
) -> std::io::Result<()> {
    let doc = QuotesDoc {
        schema: QUOTES_SCHEMA,
        sources: extraction.sources.iter().map(source_out).collect(),
        quotes: extraction.quotes().map(|(s, q)| quote_out(s, q)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

#[derive(Serialize)]
struct ReportDoc<'a> {
    schema: &'static str,
    settings: SettingsOut<'a>,
    sources: Vec<SourceOut<'a>>,
    quotes: Vec<QuoteOut<'a>>,
    groups: Vec<GroupOut<'a>>,
    ungrouped: Vec<&'a str>,
}

#[derive(Serialize)]
struct SettingsOut<'a> {
    min_similarity: f64,
    reference: Option<&'a str>,
    speaker: Option<&'a str>,
    ranking: &'static str,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    id: &'a str,
    speaker: Option<&'a str>,
    speaker_names: &'a [String],
    severity: f64,
    sources: usize,
    quotes: Vec<&'a str>,
    pairs: Vec<PairOut<'a>>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    a: &'a str,
    b: &'a str,
    similarity: Similarity,
    divergence: f64,
    severity: f64,
    fragment: Option<FragmentOut>,
    drift: Vec<DriftOut<'a>>,
}

#[derive(Serialize)]
struct FragmentOut {
    #[serde(rename = "in")]
    side: &'static str,
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct DriftOut<'a> {
    kind: DriftKind,
    a: &'a str,
    b: &'a str,
    a_start: usize,
    a_end: usize,
    b_start: usize,
    b_end: usize,
    severity: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    relation: Option<crate::lexicon::Relation>,
}

fn quote_id(extraction: &Extraction, at: QuoteRef) -> &str {
    &extraction.sources[at.source].quotes[at.quote].id
}

fn pair_out<'a>(extraction: &'a Extraction, pair: &'a Pair) -> PairOut<'a> {
    let text_a = &extraction.sources[pair.a.source].source.text;
    let text_b = &extraction.sources[pair.b.source].source.text;
    PairOut {
        a: quote_id(extraction, pair.a),
        b: quote_id(extraction, pair.b),
        similarity: pair.similarity,
        divergence: pair.similarity.divergence(),
        severity: pair.severity,
        fragment: pair.fragment.map(|f| FragmentOut {
            side: if f.in_b { "b" } else { "a" },
            start: f.span.start,
            end: f.span.end,
        }),
        drift: pair
            .drift
            .iter()
            .map(|d| DriftOut {
                kind: d.kind,
                a: &text_a[d.a.start..d.a.end],
                b: &text_b[d.b.start..d.b.end],
                a_start: d.a.start,
                a_end: d.a.end,
                b_start: d.b.start,
                b_end: d.b.end,
                severity: d.severity,
                relation: d.relation,
            })
            .collect(),
    }
}

fn group_out<'a>(extraction: &'a Extraction, group: &'a Group) -> GroupOut<'a> {
    GroupOut {
        id: &group.id,
        speaker: group.speaker.as_deref(),
        speaker_names: &group.speaker_names,
        severity: group.severity,
        sources: group.source_count(),
        quotes: group
            .members
            .iter()
            .map(|&m| quote_id(extraction, m))
            .collect(),
        pairs: group
            .pairs
            .iter()
            .map(|p| pair_out(extraction, p))
            .collect(),
    }
}

/// Writes the `quotedrift/report@1` document, pretty-printed, with a final newline.
pub fn write_report<W: Write + ?Sized>(analysis: &Analysis, out: &mut W) -> std::io::Result<()> {
    let extraction = &analysis.extraction;
    let doc = ReportDoc {
        schema: REPORT_SCHEMA,
        settings: SettingsOut {
            min_similarity: analysis.options.min_similarity,
            reference: analysis.options.reference.as_deref(),
            speaker: analysis.options.speaker.as_deref(),
            ranking: RANKING_RULE,
        },
        sources: extraction.sources.iter().map(source_out).collect(),
        quotes: extraction.quotes().map(|(s, q)| quote_out(s, q)).collect(),
        groups: analysis
            .alignment
            .groups
            .iter()
            .map(|g| group_out(extraction, g))
            .collect(),
        ungrouped: analysis
            .alignment
            .ungrouped
            .iter()
            .map(|&q| quote_id(extraction, q))
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// One line of `compare --format json`: a pair's similarity and drift.
pub fn write_comparison_line<W: Write + ?Sized>(
    extraction: &Extraction,
    pair: &Pair,
    out: &mut W,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &pair_out(extraction, pair))?;
    out.write_all(b"\n")
}
