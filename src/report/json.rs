//! The JSON formats.
//!
//! # `quotedrift/quotes@1`
//!
//! ```text
//! {"schema": "quotedrift/quotes@1",
//!  "sources": [{"id", "path", "language", "language_name", "language_confidence",
//!               "language_reliable", "script", "stemmer", "bytes", "bom", "replaced_bytes",
//!               "outlet", "original_language", "translation_chain", "url", "note",
//!               "synthetic", "speakers": [{"name", "kind", "names"}]}],
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
//! The serialization types are private to this module so that the library's own types can
//! change without changing the format.

use std::io::Write;

use serde::Serialize;

use crate::quote::{Cue, ExtractedSource, Extraction, Quote, QuoteKind, SpeakerKind};

/// The schema name of the quotes document.
pub const QUOTES_SCHEMA: &str = "quotedrift/quotes@1";

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
    note: Option<&'a str>,
    synthetic: bool,
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
        note: s.source.meta.note.as_deref(),
        synthetic: s.source.meta.synthetic,
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
