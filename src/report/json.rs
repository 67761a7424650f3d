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
//!               "names"}], "outlet_credit", "text"}],
//!  "quotes":  [{"id": "<source id>#<n>", "source", "start", "end", "text",
//!               "kind": "direct" | "indirect", "scare", "closed",
//!               "speaker": "<canonical name>" | null, "speaker_kind", "speaker_names",
//!               "cue", "speaker_start", "speaker_end", "speaker_text",
//!               "language", "language_confidence"}]}
//! ```
//!
//! A source's `text` is the whole text as read (after decoding; see `bom` and
//! `replaced_bytes`), so that a document stands alone. A quote's `start`/`end` are byte
//! offsets into the source file, and into its `text`: the bytes `[start, end)` are the quote's
//! `text`.
//! `speaker` is the longest name the article uses for that person; `speaker_names` lists every
//! spelling it uses, so that "Sergey Lavrov" and "Sergei Lavrov" can be matched across
//! articles. `cue` says how the speaker was found (`explicit`, `pronoun`, `according-to`,
//! `colon`, `context`, `subject`) and `speaker_start`/`speaker_end` point at the words that name them
//! (`speaker_text`).
//! `outlet` is the outlet as the input names it; when it names none, `outlet_credit` is the
//! outlet as the text credits it (see `quote::credit`): `{"name", "rule": "label" | "wire" |
//! "byline" | "copyright" | "address", "start", "end"}`, with the byte offsets of the name in
//! the text (none for an address), and the reports name the source by it.
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
//!              "wordings": [{"id": "w1", "shown": "<quote id>", "sources",
//!                            "quotes": ["<quote id>", …], "first": "<quote id>" | null,
//!                            "published": "<time>" | null, "derived_from": "w1" | null}],
//!              "pairs": [{"a": "<quote id>", "b": "<quote id>", "a_wording": "w1",
//!                         "b_wording": "w2",
//!                         "similarity": {"levenshtein", "jaro_winkler", "sorensen_dice",
//!                                        "stem_cosine", "content_overlap", "combined"},
//!                         "divergence", "severity",
//!                         "fragment": {"in": "a" | "b", "start", "end"} | null,
//!                         "drift": [{"kind", "a", "b", "a_start", "a_end", "b_start",
//!                                    "b_end", "severity"}]}]}],
//!  "ungrouped": ["<quote id>", …]}
//! ```
//!
//! Groups are ordered by severity, most severe first. A group's `quotes` are every version;
//! its `wordings` are the distinct wordings among them (the same words from one speaker, of
//! one kind: syndicated copies), in order of their first version, each listing the versions
//! that have it (every version is in exactly one) and `shown`, the version that stands for it
//! in pairs; pairs are only between distinct wordings, and `a_wording`/`b_wording` name them.
//! Where sources have `published` times, a wording's lineage: `first`, its version published
//! first, with that `published` time, and `derived_from`, the wording first published earlier
//! that is most like it (the likeliest place the change entered from); all three are null
//! without times.
//! In a drift item, `a`/`b` are the words
//! of each version and `a_start`…`b_end` their byte offsets in the two versions' source files;
//! an empty span marks where words missing on that side would be. `kind` is one of
//! `substitution`, `omission`, `addition`, `negation`, `modality`, `number`, `tense`, `question`,
//! `entity`, `attribution`, `quote-vs-paraphrase`; a substitution also has a `relation`
//! (`synonym`, `related`, `antonym`, `unrelated`).
//!
//! # Reading documents back: shards and `merge`
//!
//! Either document holds everything alignment and the reports need: [`read_extraction`]
//! rebuilds the extraction from it, so that a corpus split into shards can be extracted shard
//! by shard (on several machines) and aligned as one (`quotedrift merge`). A document whose
//! sources lack `text` (written by hand, or trimmed to save space) is read too: the text is
//! rebuilt at its original length with the quotes' and speakers' words at their byte offsets
//! and spaces elsewhere, so every offset stays true, and only the context shown around
//! quotes is lost.
//!
//! The serialization types are private to this module so that the library's own types can
//! change without changing the format.

use std::io::Write;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

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
    #[serde(skip_serializing_if = "Option::is_none")]
    outlet_credit: Option<CreditOut<'a>>,
    text: &'a str,
}

#[derive(Serialize, Deserialize)]
struct CreditOut<'a> {
    name: std::borrow::Cow<'a, str>,
    rule: crate::quote::credit::CreditRule,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<usize>,
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
    speaker_text: Option<&'a str>,
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
        outlet_credit: s.credit.as_ref().map(|c| CreditOut {
            name: std::borrow::Cow::Borrowed(&c.name),
            rule: c.rule,
            start: c.span.map(|x| x.start),
            end: c.span.map(|x| x.end),
        }),
        text: &s.source.text,
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
        speaker_text: q
            .speaker_span
            .and_then(|span| s.source.text.get(span.start..span.end)),
        language: q.language.code,
        language_confidence: q.language.confidence,
    }
}

/// Writes the `quotedrift/quotes@1` document, pretty-printed, with a final newline.
pub fn write_quotes<W: Write + ?Sized>(
    extraction: &Extraction,
    out: &mut W,
) -> std::io::Result<()> {
    quotes_doc(extraction).write(out)
}

fn quotes_doc(extraction: &Extraction) -> QuotesDoc<'_> {
    QuotesDoc {
        schema: QUOTES_SCHEMA,
        sources: extraction.sources.iter().map(source_out).collect(),
        quotes: extraction.quotes().map(|(s, q)| quote_out(s, q)).collect(),
    }
}

impl QuotesDoc<'_> {
    /// Pretty-printed, as `serde_json::to_writer_pretty` would, with a final newline.
    fn write<W: Write + ?Sized>(&self, out: &mut W) -> std::io::Result<()> {
        let mut object = PrettyObject::start(out)?;
        object.value("schema", &self.schema)?;
        object.list("sources", &self.sources)?;
        object.list("quotes", &self.quotes)?;
        object.end()
    }
}

/// A JSON object written exactly as `serde_json::to_writer_pretty` writes it (a test checks
/// the bytes), followed by a newline, with the elements of its lists serialized in parallel
/// while the ones before them are written: a report on a large corpus runs to hundreds of
/// megabytes.
struct PrettyObject<'w, W: Write + ?Sized> {
    out: &'w mut W,
    empty: bool,
}

/// Elements of a list serialized together before they are written.
const CHUNK: usize = 2048;
/// Elements of a chunk serialized in one piece by one task.
const PIECE: usize = 64;
/// Chunks serialized ahead of the one being written.
const AHEAD: usize = 2;

impl<'w, W: Write + ?Sized> PrettyObject<'w, W> {
    fn start(out: &'w mut W) -> std::io::Result<Self> {
        out.write_all(b"{")?;
        Ok(PrettyObject { out, empty: true })
    }

    fn key(&mut self, key: &str) -> std::io::Result<()> {
        self.out
            .write_all(if self.empty { b"\n  " } else { b",\n  " })?;
        self.empty = false;
        serde_json::to_writer(&mut *self.out, key)?;
        self.out.write_all(b": ")
    }

    /// One field, its value pretty-printed at depth one.
    fn value<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> std::io::Result<()> {
        self.key(key)?;
        let mut out = Vec::new();
        pretty_at_depth(value, 1, &mut out)?;
        self.out.write_all(&out)
    }

    /// One field whose value is a list, its elements pretty-printed at depth two. A second
    /// thread has the elements serialized, a chunk at a time in parallel pieces, while this
    /// one writes the chunks before: the writing does not hold the serializing up.
    fn list<T: Serialize + Sync>(&mut self, key: &str, items: &[T]) -> std::io::Result<()> {
        self.key(key)?;
        if items.is_empty() {
            return self.out.write_all(b"[]");
        }
        self.out.write_all(b"[")?;
        let serialize = |first: bool, chunk: &[T]| -> Vec<std::io::Result<Vec<u8>>> {
            chunk
                .par_chunks(PIECE)
                .enumerate()
                .map(|(k, piece)| {
                    let mut out = Vec::new();
                    for (m, item) in piece.iter().enumerate() {
                        let opening = first && k == 0 && m == 0;
                        out.extend_from_slice(if opening { b"\n    " } else { b",\n    " });
                        pretty_at_depth(item, 2, &mut out)?;
                    }
                    Ok(out)
                })
                .collect()
        };
        let out = &mut *self.out;
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel(AHEAD);
            scope.spawn(move || {
                for (index, chunk) in items.chunks(CHUNK).enumerate() {
                    // The writer stopped on an error: nothing more is wanted.
                    if send.send(serialize(index == 0, chunk)).is_err() {
                        break;
                    }
                }
            });
            for pieces in receive {
                for piece in pieces {
                    out.write_all(&piece?)?;
                }
            }
            Ok::<(), std::io::Error>(())
        })?;
        self.out.write_all(b"\n  ]")
    }

    fn end(self) -> std::io::Result<()> {
        self.out
            .write_all(if self.empty { b"}\n" } else { b"\n}\n" })
    }
}

/// Appends `value` pretty-printed as it is at `depth` inside a document: serde_json's pretty
/// printer brought to that depth (its state is the depth alone) before the value is written.
fn pretty_at_depth<T: Serialize + ?Sized>(
    value: &T,
    depth: usize,
    out: &mut Vec<u8>,
) -> std::io::Result<()> {
    use serde_json::ser::{Formatter, PrettyFormatter};
    let mut formatter = PrettyFormatter::new();
    for _ in 0..depth {
        formatter.begin_array(&mut std::io::sink())?;
    }
    value.serialize(&mut serde_json::Serializer::with_formatter(out, formatter))?;
    Ok(())
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
    wordings: Vec<WordingOut<'a>>,
    pairs: Vec<PairOut<'a>>,
}

#[derive(Serialize)]
struct WordingOut<'a> {
    id: String,
    shown: &'a str,
    sources: usize,
    quotes: Vec<&'a str>,
    first: Option<&'a str>,
    published: Option<&'a str>,
    derived_from: Option<String>,
}

#[derive(Serialize)]
struct PairOut<'a> {
    a: &'a str,
    b: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    a_wording: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    b_wording: Option<String>,
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

/// `w1`, `w2`…: a wording's id within its group.
fn wording_id(group: Option<&Group>, at: QuoteRef) -> Option<String> {
    group
        .and_then(|g| g.wording_of(at))
        .map(|w| format!("w{}", w + 1))
}

/// A pair, with its wordings' ids when it is a pair of a group.
fn pair_out<'a>(extraction: &'a Extraction, group: Option<&Group>, pair: &'a Pair) -> PairOut<'a> {
    let text_a = &extraction.sources[pair.a.source].source.text;
    let text_b = &extraction.sources[pair.b.source].source.text;
    PairOut {
        a: quote_id(extraction, pair.a),
        b: quote_id(extraction, pair.b),
        a_wording: wording_id(group, pair.a),
        b_wording: wording_id(group, pair.b),
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
        wordings: group
            .wordings
            .iter()
            .enumerate()
            .map(|(k, w)| WordingOut {
                id: format!("w{}", k + 1),
                shown: quote_id(extraction, w.shown),
                sources: w.source_count(),
                quotes: w
                    .versions
                    .iter()
                    .map(|&v| quote_id(extraction, v))
                    .collect(),
                first: w.first.map(|v| quote_id(extraction, v)),
                published: w.first.and_then(|v| {
                    extraction.sources[v.source]
                        .source
                        .meta
                        .published
                        .as_deref()
                }),
                derived_from: w.derived_from.map(|u| format!("w{}", u + 1)),
            })
            .collect(),
        pairs: group
            .pairs
            .iter()
            .map(|p| pair_out(extraction, Some(group), p))
            .collect(),
    }
}

/// Writes the `quotedrift/report@1` document, pretty-printed, with a final newline.
pub fn write_report<W: Write + ?Sized>(analysis: &Analysis, out: &mut W) -> std::io::Result<()> {
    report_doc(analysis).write(out)
}

fn report_doc(analysis: &Analysis) -> ReportDoc<'_> {
    let extraction = &analysis.extraction;
    ReportDoc {
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
    }
}

impl ReportDoc<'_> {
    /// Pretty-printed, as `serde_json::to_writer_pretty` would, with a final newline.
    fn write<W: Write + ?Sized>(&self, out: &mut W) -> std::io::Result<()> {
        let mut object = PrettyObject::start(out)?;
        object.value("schema", &self.schema)?;
        object.value("settings", &self.settings)?;
        object.list("sources", &self.sources)?;
        object.list("quotes", &self.quotes)?;
        object.list("groups", &self.groups)?;
        object.list("ungrouped", &self.ungrouped)?;
        object.end()
    }
}

/// One line of `compare --format json`: a pair's similarity and drift.
pub fn write_comparison_line<W: Write + ?Sized>(
    extraction: &Extraction,
    pair: &Pair,
    out: &mut W,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &pair_out(extraction, None, pair))?;
    out.write_all(b"\n")
}

#[derive(Deserialize)]
struct DocIn {
    schema: String,
    sources: Vec<SourceIn>,
    quotes: Vec<QuoteIn>,
}

#[derive(Deserialize)]
struct SourceIn {
    id: String,
    path: String,
    language: String,
    language_confidence: f64,
    language_reliable: bool,
    script: String,
    bytes: usize,
    bom: bool,
    replaced_bytes: usize,
    outlet: Option<String>,
    original_language: Option<String>,
    #[serde(default)]
    translation_chain: Vec<String>,
    url: Option<String>,
    published: Option<String>,
    note: Option<String>,
    #[serde(default)]
    synthetic: bool,
    language_detection: crate::language::Detection,
    #[serde(default)]
    speakers: Vec<SpeakerIn>,
    #[serde(default)]
    outlet_credit: Option<CreditOut<'static>>,
    text: Option<String>,
}

#[derive(Deserialize)]
struct SpeakerIn {
    name: String,
    kind: SpeakerKind,
    names: Vec<String>,
}

#[derive(Deserialize)]
struct QuoteIn {
    id: String,
    source: String,
    start: usize,
    end: usize,
    text: String,
    kind: QuoteKind,
    scare: bool,
    closed: bool,
    speaker: Option<String>,
    cue: Option<Cue>,
    speaker_start: Option<usize>,
    speaker_end: Option<usize>,
    speaker_text: Option<String>,
    language: String,
    language_confidence: f64,
}

/// Why a document could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not JSON, or not shaped like a quotedrift document.
    #[error("{name}: not a quotedrift quotes@1 or report@1 document: {reason}")]
    Format {
        /// The document's name (its path).
        name: String,
        /// What serde found wrong.
        reason: String,
    },
    /// A well-formed document whose contents contradict themselves.
    #[error("{name}: {reason}")]
    Content {
        /// The document's name (its path).
        name: String,
        /// What is inconsistent.
        reason: String,
    },
}

/// Rebuilds the extraction a `quotedrift/quotes@1` or `quotedrift/report@1` document was
/// written from (see the module documentation). `name` names the document in errors.
pub fn read_extraction(name: &str, bytes: &[u8]) -> Result<Extraction, ReadError> {
    let content = |reason: String| ReadError::Content {
        name: name.to_string(),
        reason,
    };
    let doc: DocIn = serde_json::from_slice(bytes).map_err(|e| ReadError::Format {
        name: name.to_string(),
        reason: e.to_string(),
    })?;
    if doc.schema != QUOTES_SCHEMA && doc.schema != REPORT_SCHEMA {
        return Err(content(format!("unknown schema {:?}", doc.schema)));
    }
    let mut sources = Vec::with_capacity(doc.sources.len());
    let mut index = std::collections::HashMap::new();
    for s in doc.sources {
        let language = crate::language::described(
            &s.language,
            &s.script,
            s.language_confidence,
            s.language_reliable,
            s.language_detection,
        )
        .ok_or_else(|| {
            content(format!(
                "source {}: unknown language {:?}",
                s.id, s.language
            ))
        })?;
        if index.insert(s.id.clone(), sources.len()).is_some() {
            return Err(content(format!("source {} appears twice", s.id)));
        }
        let stemmer = crate::text::stemmer_name(language.code);
        let sparse = s.text.is_none();
        let text = match s.text {
            Some(text) if text.len() == s.bytes => text.into_bytes(),
            Some(text) => {
                return Err(content(format!(
                    "source {}: text of {} bytes, but bytes says {}",
                    s.id,
                    text.len(),
                    s.bytes
                )))
            }
            None => vec![b' '; s.bytes],
        };
        let credit = match s.outlet_credit {
            None => None,
            Some(c) => {
                let span = match (c.start, c.end) {
                    (Some(start), Some(end)) if start <= end && end <= s.bytes => {
                        Some(crate::quote::Span { start, end })
                    }
                    (None, None) => None,
                    _ => {
                        return Err(content(format!(
                        "source {}: outlet_credit offsets {:?}..{:?} are not within its {} bytes",
                        s.id, c.start, c.end, s.bytes
                    )))
                    }
                };
                Some(crate::quote::credit::Credit {
                    name: c.name.into_owned(),
                    span,
                    rule: c.rule,
                })
            }
        };
        sources.push((
            ExtractedSource {
                source: crate::ingest::Source {
                    id: s.id,
                    path: s.path,
                    text: String::new(),
                    bom: s.bom,
                    replaced_bytes: s.replaced_bytes,
                    meta: crate::ingest::SourceMeta {
                        outlet: s.outlet,
                        original_language: s.original_language,
                        translation_chain: s.translation_chain,
                        url: s.url,
                        note: s.note,
                        synthetic: s.synthetic,
                        published: s.published,
                        language: None,
                    },
                },
                language,
                stemmer,
                speakers: s
                    .speakers
                    .into_iter()
                    .map(|e| crate::quote::Entity::described(e.name, e.kind, e.names))
                    .collect(),
                quotes: Vec::new(),
                credit,
            },
            text,
            sparse,
        ));
    }
    let mut quote_ids = std::collections::HashSet::new();
    for q in doc.quotes {
        if !quote_ids.insert(q.id.clone()) {
            return Err(content(format!("quote {} appears twice", q.id)));
        }
        let at = *index
            .get(&q.source)
            .ok_or_else(|| content(format!("quote {}: no source {}", q.id, q.source)))?;
        let (source, text, sparse) = &mut sources[at];
        let sparse = *sparse;
        let mut paste = |start: usize, end: usize, words: &str, what: &str| {
            let fits = start <= end
                && end <= text.len()
                && end - start == words.len()
                && text[start..end]
                    .iter()
                    .zip(words.as_bytes())
                    .all(|(&had, &new)| had == new || (sparse && had == b' '));
            if !fits {
                return Err(content(format!(
                    "quote {}: its {what} does not fit at bytes {start}..{end} of {}",
                    q.id, q.source
                )));
            }
            text[start..end].copy_from_slice(words.as_bytes());
            Ok(())
        };
        paste(q.start, q.end, &q.text, "text")?;
        let speaker_span = match (q.speaker_start, q.speaker_end) {
            (Some(start), Some(end)) => {
                match &q.speaker_text {
                    Some(words) => paste(start, end, words, "speaker")?,
                    None if start <= end && end <= text.len() && !sparse => {}
                    None => {
                        return Err(content(format!(
                            "quote {}: speaker at bytes {start}..{end} of {} without its words",
                            q.id, q.source
                        )))
                    }
                }
                Some(crate::quote::Span { start, end })
            }
            _ => None,
        };
        let speaker = match &q.speaker {
            Some(name) => Some(
                source
                    .speakers
                    .iter()
                    .position(|e| &e.name == name)
                    .ok_or_else(|| content(format!("quote {}: no speaker {name}", q.id)))?,
            ),
            None => None,
        };
        let language = if q.language == source.language.code {
            crate::language::Language {
                confidence: q.language_confidence,
                ..source.language.clone()
            }
        } else {
            crate::language::described(
                &q.language,
                "unknown",
                q.language_confidence,
                false,
                crate::language::Detection::Detected,
            )
            .ok_or_else(|| content(format!("quote {}: unknown language {:?}", q.id, q.language)))?
        };
        source.quotes.push(Quote {
            id: q.id,
            start: q.start,
            end: q.end,
            kind: q.kind,
            scare: q.scare,
            closed: q.closed,
            speaker,
            cue: q.cue,
            speaker_span,
            language,
        });
    }
    let mut out = Vec::with_capacity(sources.len());
    for (mut source, text, _) in sources {
        source.source.text = String::from_utf8(text).map_err(|_| {
            content(format!(
                "source {}: quotes cut through a character",
                source.source.id
            ))
        })?;
        let text = &source.source.text;
        if let Some(q) = source.quotes.iter().find(|q| {
            q.speaker_span
                .is_some_and(|s| !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end))
        }) {
            return Err(content(format!(
                "quote {}: its speaker cuts through a character",
                q.id
            )));
        }
        out.push(source);
    }
    Ok(Extraction { sources: out })
}

/// Rebuilds one extraction from several documents (shards of one corpus), sources sorted by
/// id as extraction sorts them. A source may appear in one shard only, and a quote id once in
/// all of them.
pub fn merge_extractions(shards: Vec<(String, Extraction)>) -> Result<Extraction, ReadError> {
    let mut seen: std::collections::BTreeMap<String, String> = Default::default();
    let mut quote_ids: std::collections::HashMap<String, String> = Default::default();
    let mut sources = Vec::new();
    for (name, extraction) in shards {
        for source in extraction.sources {
            if let Some(first) = seen.insert(source.source.id.clone(), name.clone()) {
                return Err(ReadError::Content {
                    name,
                    reason: format!("source {} is also in {first}", source.source.id),
                });
            }
            for quote in &source.quotes {
                if let Some(first) = quote_ids.insert(quote.id.clone(), name.clone()) {
                    let place = if first == name {
                        "twice in this shard".to_string()
                    } else {
                        format!("also in {first}")
                    };
                    return Err(ReadError::Content {
                        name,
                        reason: format!("quote {} is {place}", quote.id),
                    });
                }
            }
            sources.push(source);
        }
    }
    sources.sort_by(|a, b| a.source.id.cmp(&b.source.id));
    Ok(Extraction { sources })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignOptions;
    use crate::ingest::{read_bytes, Corpus, IngestOptions};

    fn fixtures() -> Analysis {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/geneva-2022");
        let mut sources = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "txt") {
                let bytes = std::fs::read(&path).expect("read");
                let id = path
                    .file_stem()
                    .expect("stem")
                    .to_string_lossy()
                    .to_string();
                let name = path.display().to_string();
                sources
                    .push(read_bytes(&id, &name, &bytes, IngestOptions::default()).expect("text"));
            }
        }
        crate::analysis::analyze(Corpus::new(sources), AlignOptions::default())
    }

    /// What `serde_json::to_writer_pretty` writes, and a newline.
    fn pretty<T: Serialize>(doc: &T) -> String {
        let mut bytes = serde_json::to_vec_pretty(doc).expect("serialized");
        bytes.push(b'\n');
        String::from_utf8(bytes).expect("UTF-8")
    }

    fn written(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
        let mut bytes = Vec::new();
        write(&mut bytes).expect("written");
        String::from_utf8(bytes).expect("UTF-8")
    }

    /// Found by the `shard` fuzz target: a language confidence of 1.0666666666666667 read
    /// back as …669, so a merged report could differ from one run in the last digit.
    #[test]
    fn shard_documents_read_back_unchanged() {
        let found = include_bytes!("../../tests/fuzz-regressions/shard-float-round-trip.json");
        let extraction = read_extraction("found.json", found).expect("a valid document");
        let first = written(|out| write_quotes(&extraction, out));
        let again = read_extraction("again.json", first.as_bytes()).expect("reads back");
        assert_eq!(first, written(|out| write_quotes(&again, out)));
        assert!(first.contains("1.0666666666666667"));
    }

    #[test]
    fn long_lists_are_written_byte_for_byte_across_pieces_and_chunks() {
        #[derive(Serialize)]
        struct Item {
            n: usize,
            text: String,
            tags: Vec<&'static str>,
        }
        #[derive(Serialize)]
        struct Doc {
            few: Vec<Item>,
            many: Vec<Item>,
        }
        let items = |count: usize| -> Vec<Item> {
            (0..count)
                .map(|n| Item {
                    n,
                    text: format!("“{n}”\n"),
                    tags: if n % 3 == 0 { vec![] } else { vec!["a", "b"] },
                })
                .collect()
        };
        // Lengths around a piece, and past several chunks with a short last one.
        let doc = Doc {
            few: items(PIECE + 1),
            many: items(3 * CHUNK + PIECE / 2),
        };
        let bytes = written(|out| {
            let mut object = PrettyObject::start(out)?;
            object.list("few", &doc.few)?;
            object.list("many", &doc.many)?;
            object.end()
        });
        assert!(bytes == pretty(&doc), "the same bytes as serde_json");
    }

    #[test]
    fn documents_are_written_byte_for_byte_as_serde_json_pretty_prints_them() {
        let analysis = fixtures();
        assert!(!analysis.alignment.groups.is_empty());
        let report = report_doc(&analysis);
        assert_eq!(written(|out| report.write(out)), pretty(&report));
        let quotes = quotes_doc(&analysis.extraction);
        assert_eq!(written(|out| quotes.write(out)), pretty(&quotes));
        let empty = Extraction {
            sources: Vec::new(),
        };
        let quotes = quotes_doc(&empty);
        assert_eq!(written(|out| quotes.write(out)), pretty(&quotes));
    }
}
