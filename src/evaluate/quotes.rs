//! Extraction quality on an annotated corpus: recall of the annotated quotes, precision of
//! the extracted ones, and how often the speaker is right.
//!
//! The corpus is JSON Lines, one article a line:
//!
//! ```json
//! {"id": "…", "lang": "de", "split": "dev", "text": "…",
//!  "quotes": [{"start": 120, "end": 184, "spans": [[120, 184]], "speaker": "…",
//!              "speaker_spans": [[88, 101]], "kind": "direct"}]}
//! ```
//!
//! with byte offsets into `text`; `spans` (the pieces of a quote cut in several) and
//! `speaker` may be missing, other fields are ignored. `kind` is `direct`, `indirect`,
//! `reported`, `free_indirect`, `indirect_free_indirect` or `mixed`.
//!
//! Each article is read and extracted as a user's file is ([`crate::ingest::read_bytes`],
//! then [`crate::quote::extract`] over the file's articles as one corpus, the language
//! detected unless [`QuoteOptions::declared_language`] passes the record's `lang`).
//!
//! # Measures
//!
//! - A gold quote and an extracted quote **match** when they share at least half the bytes
//!   of the shorter of the two (the gold quote's length and overlap are taken over its
//!   `spans` pieces when it has them, else over `start`..`end`).
//! - **Recall**: gold quotes matched by some extracted quote of the same article / gold
//!   quotes (by the annotated kind).
//! - **Precision**: extracted quotes that match some gold quote / extracted quotes (by the
//!   extracted kind, direct or indirect).
//! - **Speaker accuracy**: over matched gold quotes whose annotated speaker is given and is
//!   not a pronoun ([`PRONOUNS`]), the share whose best-matching extracted quote (the one
//!   sharing most bytes) has a speaker sharing a word of three letters or more
//!   (case-insensitive, not a stopword of the record's language: "the", "der" and "die" are
//!   no evidence of the same speaker) with the annotated mention. The speaker's words are its canonical
//!   name, every spelling the article uses for it, and the text its mention spans in the
//!   article.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{cell, write_json, write_table, Better, Count, EvaluateError, Figure};
use crate::ingest::{self, Corpus, IngestOptions, Source};
use crate::quote::{self, ExtractedSource, Quote, QuoteKind};
use crate::text::Analyzer;

/// Pronouns that cannot be checked as speakers (the person is named elsewhere), by ISO
/// 639-3 language, lowercase. A mention that is one of these, as a whole, is left out of
/// speaker accuracy.
pub const PRONOUNS: &[(&str, &[&str])] = &[
    (
        "deu",
        &[
            "er", "sie", "es", "ich", "wir", "ihr", "man", "du", "ihm", "ihn", "ihnen", "mir",
            "mich", "uns", "euch", "dieser", "diese", "jener", "jene", "der", "die", "beide",
        ],
    ),
    (
        "eng",
        &[
            "he", "she", "they", "i", "we", "it", "you", "him", "her", "them", "me", "us", "his",
            "their", "its", "our", "my", "your", "this", "that", "these", "those", "both", "who",
            "which",
        ],
    ),
    (
        "fra",
        &[
            "il", "elle", "ils", "elles", "on", "je", "nous", "vous", "tu", "lui", "eux",
            "celui-ci", "celle-ci",
        ],
    ),
    (
        "rus",
        &[
            "он", "она", "они", "оно", "я", "мы", "вы", "ты", "его", "её", "их", "ему", "ей", "им",
        ],
    ),
    (
        "cmn",
        &[
            "他", "她", "它", "他们", "她们", "我", "我们", "你", "你们", "您",
        ],
    ),
];

/// How to run the evaluation.
#[derive(Debug, Clone, Default)]
pub struct QuoteOptions {
    /// Keep only records whose `split` is this (`dev`).
    pub split: Option<String>,
    /// Pass each record's `lang` to extraction as the declared language instead of detecting.
    pub declared_language: bool,
}

#[derive(Debug, Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    split: Option<String>,
    text: String,
    #[serde(default)]
    quotes: Vec<GoldQuote>,
}

#[derive(Debug, Deserialize)]
struct GoldQuote {
    start: usize,
    end: usize,
    #[serde(default)]
    spans: Vec<(usize, usize)>,
    #[serde(default)]
    speaker: Option<String>,
    kind: String,
}

/// Counts behind the figures of one slice of the corpus (everything, a language, a kind).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteScores {
    /// Gold quotes, and how many were found.
    pub recall: Count,
    /// Extracted quotes, and how many match a gold quote.
    pub precision: Count,
    /// Found gold quotes with a checkable speaker, and how many got it right.
    pub speaker: Count,
}

impl QuoteScores {
    fn merge(&mut self, other: &QuoteScores) {
        self.recall.merge(other.recall);
        self.precision.merge(other.precision);
        self.speaker.merge(other.speaker);
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> Option<f64> {
        super::f1(self.precision.ratio(), self.recall.ratio())
    }
}

/// The evaluation of one annotated corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuoteEvaluation {
    /// The corpus's name (its file stem).
    pub name: String,
    /// Articles evaluated (after the split filter).
    pub articles: usize,
    /// Over all articles.
    pub overall: QuoteScores,
    /// By the records' `lang`.
    pub by_language: BTreeMap<String, QuoteScores>,
    /// Recall and speaker accuracy by annotated kind (`precision` is not counted here).
    pub by_gold_kind: BTreeMap<String, QuoteScores>,
    /// Precision by extracted kind, `direct` or `indirect` (only `precision` is counted).
    pub by_tool_kind: BTreeMap<String, QuoteScores>,
}

/// Evaluates extraction on one annotated JSON Lines corpus; `name` names it in figures and
/// errors (its file stem, or the path for errors).
pub fn evaluate(
    name: &str,
    jsonl: &str,
    options: &QuoteOptions,
) -> Result<QuoteEvaluation, EvaluateError> {
    let mut records = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(line).map_err(|e| EvaluateError::Parse {
            name: name.to_string(),
            line: Some(n + 1),
            message: e.to_string(),
        })?;
        if options
            .split
            .as_ref()
            .is_some_and(|s| record.split.as_deref() != Some(s.as_str()))
        {
            continue;
        }
        check_offsets(name, n + 1, &record)?;
        records.push(record);
    }
    // Every article becomes a source as a line of the user's JSON Lines file would; ids are
    // numbered so that the corpus keeps the file's order.
    let sources = records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let id = format!("{i:012}");
            let path = format!("{name}:{}", r.id.as_deref().unwrap_or(&id));
            let mut source =
                ingest::read_bytes(&id, &path, r.text.as_bytes(), IngestOptions::default())
                    .map_err(|e| EvaluateError::Invalid {
                        name: path.clone(),
                        message: e.to_string(),
                    })?;
            if options.declared_language {
                source.meta.language = r.lang.clone();
            }
            Ok(source)
        })
        .collect::<Result<Vec<Source>, EvaluateError>>()?;
    let extraction = quote::extract(Corpus::new(sources));

    let mut evaluation = QuoteEvaluation {
        name: super::stem(name),
        articles: records.len(),
        ..QuoteEvaluation::default()
    };
    for (record, source) in records.iter().zip(&extraction.sources) {
        score_article(record, source, &mut evaluation);
    }
    Ok(evaluation)
}

fn check_offsets(name: &str, line: usize, record: &Record) -> Result<(), EvaluateError> {
    let text = &record.text;
    let ok = |s: usize, e: usize| s <= e && e <= text.len();
    for q in &record.quotes {
        if !ok(q.start, q.end) || q.spans.iter().any(|&(s, e)| !ok(s, e)) {
            return Err(EvaluateError::Invalid {
                name: format!("{name}:{line}"),
                message: format!(
                    "a quote's offsets {}..{} fall outside the text ({} bytes)",
                    q.start,
                    q.end,
                    text.len()
                ),
            });
        }
    }
    Ok(())
}

/// The pieces of a gold quote.
fn pieces(gold: &GoldQuote) -> Vec<(usize, usize)> {
    if gold.spans.is_empty() {
        vec![(gold.start, gold.end)]
    } else {
        gold.spans.clone()
    }
}

/// The bytes a gold quote and an extracted quote share, when they match (at least half the
/// shorter one).
fn shared(pieces: &[(usize, usize)], quote: &Quote) -> Option<usize> {
    let gold_len: usize = pieces.iter().map(|(s, e)| e - s).sum();
    let overlap: usize = pieces
        .iter()
        .map(|&(s, e)| e.min(quote.end).saturating_sub(s.max(quote.start)))
        .sum();
    let shorter = gold_len.min(quote.end - quote.start);
    (overlap > 0 && 2 * overlap >= shorter).then_some(overlap)
}

fn score_article(record: &Record, source: &ExtractedSource, evaluation: &mut QuoteEvaluation) {
    let language = record.lang.clone().unwrap_or_else(|| "unknown".to_string());
    let pronouns = pronouns_of(&language);
    let analyzer = crate::language::declared(&language).map(|l| Analyzer::for_language(l.code));
    let words = |text: &str| -> Vec<String> {
        long_words(text)
            .into_iter()
            .filter(|w| !analyzer.as_ref().is_some_and(|a| a.is_stopword(w)))
            .collect()
    };
    let mut article = QuoteScores::default();
    let golds: Vec<Vec<(usize, usize)>> = record.quotes.iter().map(pieces).collect();
    for (gold, pieces) in record.quotes.iter().zip(&golds) {
        let best = source
            .quotes
            .iter()
            .filter_map(|q| shared(pieces, q).map(|o| (o, q)))
            .fold(None, |best: Option<(usize, &Quote)>, (o, q)| match best {
                Some((b, _)) if b >= o => best,
                _ => Some((o, q)),
            });
        let mut scores = QuoteScores::default();
        scores.recall.add(best.is_some());
        if let (Some((_, q)), Some(speaker)) = (best, checkable_speaker(gold, &pronouns)) {
            scores
                .speaker
                .add(speaker_matches(source, q, speaker, &words));
        }
        article.merge(&scores);
        evaluation
            .by_gold_kind
            .entry(gold.kind.clone())
            .or_default()
            .merge(&scores);
    }
    for q in &source.quotes {
        let matched = golds.iter().any(|p| shared(p, q).is_some());
        article.precision.add(matched);
        let kind = match q.kind {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
        };
        evaluation
            .by_tool_kind
            .entry(kind.to_string())
            .or_default()
            .precision
            .add(matched);
    }
    evaluation.overall.merge(&article);
    evaluation
        .by_language
        .entry(language)
        .or_default()
        .merge(&article);
}

/// The pronouns of a record's language (ISO 639-1 or 639-3), or of every language when it is
/// not known.
fn pronouns_of(language: &str) -> Vec<&'static str> {
    let code = crate::language::declared(language).map(|l| l.code);
    PRONOUNS
        .iter()
        .filter(|(c, _)| code.is_none_or(|code| code == *c))
        .flat_map(|(_, words)| words.iter().copied())
        .collect()
}

/// The annotated speaker, when it is given and is not a pronoun.
fn checkable_speaker<'a>(gold: &'a GoldQuote, pronouns: &[&str]) -> Option<&'a str> {
    let speaker = gold.speaker.as_deref()?.trim();
    let lower = speaker.to_lowercase();
    (!speaker.is_empty() && !pronouns.contains(&lower.as_str())).then_some(speaker)
}

/// The words of three letters or more of a text, lowercase.
fn long_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

fn speaker_matches(
    source: &ExtractedSource,
    quote: &Quote,
    gold: &str,
    words: &dyn Fn(&str) -> Vec<String>,
) -> bool {
    let Some(entity) = source.speaker_of(quote) else {
        return false;
    };
    let gold_words = words(gold);
    let mention = quote
        .speaker_span
        .and_then(|s| source.source.text.get(s.start..s.end))
        .unwrap_or("");
    std::iter::once(entity.name.as_str())
        .chain(entity.names.iter().map(String::as_str))
        .chain(std::iter::once(mention))
        .flat_map(words)
        .any(|w| gold_words.contains(&w))
}

impl QuoteEvaluation {
    /// The figures under `quotes.<name>.`: `recall`, `precision`, `f1`, `speaker_accuracy`,
    /// and the same under `lang.<lang>.`; `kind.<kind>.recall` and `.speaker_accuracy` by
    /// annotated kind, `extracted.<kind>.precision` by extracted kind.
    pub fn figures(&self) -> Vec<Figure> {
        let base = format!("quotes.{}", self.name);
        let mut out = Vec::new();
        let mut all = |prefix: &str, s: &QuoteScores| {
            Figure::push(
                &mut out,
                format!("{prefix}.recall"),
                s.recall.ratio(),
                Better::Higher,
            );
            Figure::push(
                &mut out,
                format!("{prefix}.precision"),
                s.precision.ratio(),
                Better::Higher,
            );
            Figure::push(&mut out, format!("{prefix}.f1"), s.f1(), Better::Higher);
            Figure::push(
                &mut out,
                format!("{prefix}.speaker_accuracy"),
                s.speaker.ratio(),
                Better::Higher,
            );
        };
        all(&base, &self.overall);
        for (lang, s) in &self.by_language {
            all(&format!("{base}.lang.{lang}"), s);
        }
        for (kind, s) in &self.by_gold_kind {
            let prefix = format!("{base}.kind.{kind}");
            Figure::push(
                &mut out,
                format!("{prefix}.recall"),
                s.recall.ratio(),
                Better::Higher,
            );
            Figure::push(
                &mut out,
                format!("{prefix}.speaker_accuracy"),
                s.speaker.ratio(),
                Better::Higher,
            );
        }
        for (kind, s) in &self.by_tool_kind {
            Figure::push(
                &mut out,
                format!("{base}.extracted.{kind}.precision"),
                s.precision.ratio(),
                Better::Higher,
            );
        }
        out
    }

    /// Writes the evaluation as text tables: overall and by language, recall by annotated
    /// kind, precision by extracted kind.
    pub fn write_text(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(w, "quotes: {} ({} articles)", self.name, self.articles)?;
        let full = |label: &str, s: &QuoteScores| {
            vec![
                label.to_string(),
                s.recall.total.to_string(),
                s.recall.hits.to_string(),
                cell(s.recall.ratio()),
                s.precision.total.to_string(),
                s.precision.hits.to_string(),
                cell(s.precision.ratio()),
                cell(s.f1()),
                s.speaker.total.to_string(),
                cell(s.speaker.ratio()),
            ]
        };
        let mut rows = vec![full("all", &self.overall)];
        rows.extend(self.by_language.iter().map(|(l, s)| full(l, s)));
        write_table(
            w,
            &[
                "language",
                "gold",
                "found",
                "recall",
                "extracted",
                "matching",
                "precision",
                "F1",
                "speakers",
                "speaker acc.",
            ],
            &rows,
        )?;
        writeln!(w)?;
        let rows: Vec<Vec<String>> = self
            .by_gold_kind
            .iter()
            .map(|(k, s)| {
                vec![
                    k.clone(),
                    s.recall.total.to_string(),
                    s.recall.hits.to_string(),
                    cell(s.recall.ratio()),
                    s.speaker.total.to_string(),
                    cell(s.speaker.ratio()),
                ]
            })
            .collect();
        write_table(
            w,
            &[
                "annotated kind",
                "gold",
                "found",
                "recall",
                "speakers",
                "speaker acc.",
            ],
            &rows,
        )?;
        writeln!(w)?;
        let rows: Vec<Vec<String>> = self
            .by_tool_kind
            .iter()
            .map(|(k, s)| {
                vec![
                    k.clone(),
                    s.precision.total.to_string(),
                    s.precision.hits.to_string(),
                    cell(s.precision.ratio()),
                ]
            })
            .collect();
        write_table(
            w,
            &["extracted kind", "extracted", "matching", "precision"],
            &rows,
        )
    }
}

#[derive(Serialize)]
struct ScoresJson {
    gold: usize,
    found: usize,
    recall: Option<f64>,
    extracted: usize,
    matching: usize,
    precision: Option<f64>,
    f1: Option<f64>,
    speakers_checked: usize,
    speakers_right: usize,
    speaker_accuracy: Option<f64>,
}

impl From<&QuoteScores> for ScoresJson {
    fn from(s: &QuoteScores) -> Self {
        ScoresJson {
            gold: s.recall.total,
            found: s.recall.hits,
            recall: s.recall.ratio(),
            extracted: s.precision.total,
            matching: s.precision.hits,
            precision: s.precision.ratio(),
            f1: s.f1(),
            speakers_checked: s.speaker.total,
            speakers_right: s.speaker.hits,
            speaker_accuracy: s.speaker.ratio(),
        }
    }
}

#[derive(Serialize)]
struct EvaluationJson<'a> {
    schema: &'static str,
    name: &'a str,
    articles: usize,
    overall: ScoresJson,
    by_language: BTreeMap<&'a str, ScoresJson>,
    by_annotated_kind: BTreeMap<&'a str, ScoresJson>,
    by_extracted_kind: BTreeMap<&'a str, ScoresJson>,
    figures: BTreeMap<String, f64>,
}

/// Writes evaluations as one JSON document, `quotedrift/evaluate-quotes@1`: a list of one
/// object per corpus with the counts and figures overall, by language, by annotated kind
/// (recall, speaker accuracy) and by extracted kind (precision); a figure with nothing
/// counted is `null`. `figures` lists every figure by the name floors use.
pub fn write_json_document(
    evaluations: &[QuoteEvaluation],
    w: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let docs: Vec<EvaluationJson> = evaluations
        .iter()
        .map(|e| EvaluationJson {
            schema: "quotedrift/evaluate-quotes@1",
            name: &e.name,
            articles: e.articles,
            overall: (&e.overall).into(),
            by_language: e
                .by_language
                .iter()
                .map(|(k, s)| (k.as_str(), s.into()))
                .collect(),
            by_annotated_kind: e
                .by_gold_kind
                .iter()
                .map(|(k, s)| (k.as_str(), s.into()))
                .collect(),
            figures: super::figure_map(&e.figures()),
            by_extracted_kind: e
                .by_tool_kind
                .iter()
                .map(|(k, s)| (k.as_str(), s.into()))
                .collect(),
        })
        .collect();
    write_json(w, &docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A gold quote's line of JSON, located by its text.
    fn gold(text: &str, quoted: &str, speaker: Option<&str>, kind: &str) -> String {
        let start = text.find(quoted).expect("quoted text occurs");
        serde_json::json!({"start": start, "end": start + quoted.len(), "speaker": speaker,
                           "kind": kind})
        .to_string()
    }

    fn record(lang: &str, split: &str, text: &str, quotes: &[String]) -> String {
        format!(
            "{{\"id\": \"t\", \"lang\": \"{lang}\", \"split\": \"{split}\", \"text\": {}, \"quotes\": [{}]}}",
            serde_json::to_string(text).unwrap(),
            quotes.join(",")
        )
    }

    /// Two articles: one quote found with its speaker, one found under a pronoun (left out of
    /// speaker accuracy), one found whose annotated speaker shares only "the" with the
    /// extracted one (wrong), one annotated quote the tool cannot see (missed), and one
    /// extracted quote nobody annotated (a false positive).
    fn sample() -> String {
        let a = "“The bridge will open in May,” Mayor Anna Okafor said on Tuesday. \
                 The weather was mild. “Prices went up again,” the finance minister said.";
        let b = "“We have no money left for the harbour,” he said. \
                 The nets stayed dry and the season was lost. \
                 “The nets are ready,” said the skipper Ola Dahl.";
        let a_quotes = [
            gold(
                a,
                "The bridge will open in May",
                Some("Mayor Anna Okafor"),
                "direct",
            ),
            gold(
                a,
                "Prices went up again",
                Some("the harbour master"),
                "direct",
            ),
        ];
        let b_quotes = [
            gold(
                b,
                "We have no money left for the harbour",
                Some("he"),
                "direct",
            ),
            gold(
                b,
                "the season was lost",
                Some("the fishermen"),
                "free_indirect",
            ),
        ];
        format!(
            "{}\n{}\n{}\n",
            record("en", "dev", a, &a_quotes),
            record("en", "dev", b, &b_quotes),
            record("en", "train", "“Ignored,” she said.", &[])
        )
    }

    #[test]
    fn recall_precision_and_speakers_on_a_hand_made_sample() {
        let options = QuoteOptions {
            split: Some("dev".to_string()),
            declared_language: true,
        };
        let e = evaluate("sample.jsonl", &sample(), &options).unwrap();
        assert_eq!(e.name, "sample");
        assert_eq!(e.articles, 2);
        // Four gold quotes, three found; the lost season has no cue the tool reads.
        assert_eq!(e.overall.recall, Count { hits: 3, total: 4 });
        // Four extracted quotes (the skipper's is not annotated), three match.
        assert_eq!(e.overall.precision, Count { hits: 3, total: 4 });
        // The pronoun speaker is left out; Okafor is right; the finance minister is not the
        // harbour master ("the" is a stopword).
        assert_eq!(e.overall.speaker, Count { hits: 1, total: 2 });
        assert_eq!(e.by_gold_kind["direct"].recall, Count { hits: 3, total: 3 });
        assert_eq!(
            e.by_gold_kind["free_indirect"].recall,
            Count { hits: 0, total: 1 }
        );
        assert_eq!(
            e.by_tool_kind["direct"].precision,
            Count { hits: 3, total: 4 }
        );
        assert_eq!(e.by_language["en"], e.overall);
        let names: Vec<String> = e.figures().into_iter().map(|f| f.name).collect();
        assert!(names.contains(&"quotes.sample.recall".to_string()));
        assert!(names.contains(&"quotes.sample.kind.free_indirect.recall".to_string()));
    }

    #[test]
    fn the_split_filter_and_no_filter() {
        let e = evaluate("s.jsonl", &sample(), &QuoteOptions::default()).unwrap();
        assert_eq!(e.articles, 3);
        assert_eq!(e.overall.precision.total, 5);
    }

    #[test]
    fn overlap_is_half_the_shorter_span_over_the_pieces() {
        let q = |start, end| Quote {
            id: String::new(),
            start,
            end,
            kind: QuoteKind::Direct,
            scare: false,
            closed: true,
            speaker: None,
            cue: None,
            speaker_span: None,
            language: crate::language::declared("eng").unwrap(),
        };
        // A 10-byte gold quote and a 4-byte extracted one inside it: half the shorter.
        assert_eq!(shared(&[(0, 10)], &q(3, 7)), Some(4));
        // 2 bytes shared of a 6-byte quote and a 10-byte gold quote: not enough.
        assert_eq!(shared(&[(0, 10)], &q(8, 14)), None);
        // Two pieces 0..4 and 20..24 (8 bytes): an extracted 0..30 shares all 8.
        assert_eq!(shared(&[(0, 4), (20, 24)], &q(0, 30)), Some(8));
        // Only the pieces count: 5..19 lies between them.
        assert_eq!(shared(&[(0, 4), (20, 24)], &q(5, 19)), None);
    }

    #[test]
    fn speakers_share_a_word_of_three_letters() {
        assert_eq!(long_words("Dr. Li Wei-Müller"), ["wei", "müller"]);
        let pronouns = pronouns_of("de");
        let g = |s: &str| GoldQuote {
            start: 0,
            end: 1,
            spans: Vec::new(),
            speaker: Some(s.to_string()),
            kind: "direct".to_string(),
        };
        assert_eq!(checkable_speaker(&g("Er"), &pronouns), None);
        assert_eq!(checkable_speaker(&g("Die SPD"), &pronouns), Some("Die SPD"));
    }

    #[test]
    fn malformed_lines_and_offsets_are_named() {
        let err = evaluate(
            "x.jsonl",
            "{\"text\": \"a\"}\nnot json\n",
            &QuoteOptions::default(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("x.jsonl:2:"), "{err}");
        let bad = "{\"text\": \"short\", \"quotes\": [{\"start\": 0, \"end\": 99, \"kind\": \"direct\"}]}";
        let err = evaluate("x.jsonl", bad, &QuoteOptions::default()).unwrap_err();
        assert!(err.to_string().contains("outside the text"), "{err}");
    }
}
