//! The whole pipeline in one call: the value every report is written from.

use crate::align::{self, AlignOptions, Alignment, Pair, QuoteRef};
use crate::ingest::{Corpus, Source, SourceMeta};
use crate::language::{self, Language};
use crate::quote::{self, ExtractedSource, Extraction, Quote, QuoteKind};

/// Everything quotedrift found in a corpus: the quotes, and how their versions align.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// Sources with their languages, quotes and speakers.
    pub extraction: Extraction,
    /// Groups of versions with scores and drift.
    pub alignment: Alignment,
    /// The settings alignment ran with.
    pub options: AlignOptions,
}

/// Runs the pipeline: extraction (language, tokens, quotes, speakers), then alignment
/// (candidates, scores, groups, drift).
pub fn analyze(corpus: Corpus, options: AlignOptions) -> Analysis {
    let extraction = quote::extract(corpus);
    let alignment = align::align(&extraction, &options);
    Analysis {
        extraction,
        alignment,
        options,
    }
}

/// The rule by which groups are ranked, in words (reports print it).
pub const RANKING_RULE: &str = "groups are ranked by severity: the weightiest drift item \
of the weightiest pair similar enough to be linked (negation 0.9, attribution and antonym \
0.85, entity and number 0.8, question 0.6, other substitutions 0.25–0.55 by the relation of \
their words, modality 0.35–0.6, tense 0.45, omission/addition by content words), times 1 when \
its words are in quotation marks on both sides, 0.9 on one, 0.8 on neither, times 0.5 + 0.5 × \
how far the rest of the pair agrees, times 0.6 + 0.4 × min(1, similarity / 0.4), times 0.9 + \
0.1 × similarity; the group's \
is its decisive pair's times min(1, 0.75 + 0.05 × sources); ties by the number of sources, \
then by the similarity of the decisive pair";

/// Two texts compared as versions of one utterance, outside any corpus.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Two sources, `a` and `b`, each holding one quote: the whole text.
    pub extraction: Extraction,
    /// Their similarity and drift.
    pub pair: Pair,
}

/// Compares two texts, with their languages given as ISO 639-3 codes or detected.
pub fn compare(a: &str, b: &str, language_a: Option<&str>, language_b: Option<&str>) -> Comparison {
    let version = |id: &str, text: &str, code: Option<&str>| {
        let detected = language::detect(text);
        let language = match code.and_then(whatlang::Lang::from_code) {
            Some(lang) => Language {
                code: lang.code(),
                name: lang.eng_name(),
                confidence: 1.0,
                reliable: true,
                detection: language::Detection::Detected,
                ..detected
            },
            None => detected,
        };
        let stemmer = crate::text::stemmer_name(language.code);
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len().max(start);
        ExtractedSource {
            source: Source {
                id: id.to_string(),
                path: id.to_string(),
                text: text.to_string(),
                bom: false,
                replaced_bytes: 0,
                meta: SourceMeta::default(),
            },
            stemmer,
            speakers: Vec::new(),
            credit: None,
            quotes: vec![Quote {
                id: format!("{id}#1"),
                start,
                end,
                kind: QuoteKind::Direct,
                scare: false,
                closed: true,
                speaker: None,
                cue: None,
                speaker_span: None,
                language: language.clone(),
            }],
            language,
        }
    };
    let extraction = Extraction {
        sources: vec![version("a", a, language_a), version("b", b, language_b)],
    };
    let pair = align::compare_pair(
        &extraction,
        QuoteRef {
            source: 0,
            quote: 0,
        },
        QuoteRef {
            source: 1,
            quote: 0,
        },
    );
    Comparison { extraction, pair }
}
