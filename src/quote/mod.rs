//! Quotes and their speakers: the extraction stage.
//!
//! Two kinds of quote are found in every source, each as a byte span of the source text:
//! - **direct** quotes, the words between quotation marks ([`marks`]), with `scare` set for
//!   quotations of one or two words ("frank", "invaded") — kept, because a single word put in
//!   someone's mouth is exactly what drifts in translation;
//! - **indirect** quotes, reported speech without marks ("Lavrov said he hoped that emotions
//!   would cool down"), whose span is the reported content ([`attribution`]).
//!
//! Each quote gets the speaker the text gives, if any, resolved within the article to one
//! canonical name per person ([`speaker`]), and the language it is written in.

mod attribution;
pub mod credit;
pub mod cues;
mod frames;
pub mod lang;
pub mod marks;
pub mod speaker;
mod words;

use rayon::prelude::*;
use serde::Serialize;

pub use attribution::Cue;
pub use speaker::{Entity, SpeakerKind};

use crate::ingest::{Corpus, Source};
use crate::language::{self, Language};
use crate::text::Analyzer;

/// Whether a quote was marked by quotation marks or reported without them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words between quotation marks.
    Direct,
    /// Reported speech, without quotation marks.
    Indirect,
}

/// A byte span in a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
}

/// One quote: a span of a source and what is known about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// `<source id>#<n>`, numbered from 1 in text order.
    pub id: String,
    /// Start byte offset of the quoted words in the source file.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// A direct quote of one or two words.
    pub scare: bool,
    /// False for a paragraph of a multi-paragraph quote left open by the wire convention.
    pub closed: bool,
    /// The speaker, as an index into [`ExtractedSource::speakers`].
    pub speaker: Option<usize>,
    /// How the speaker was found.
    pub cue: Option<Cue>,
    /// The words that name the speaker (empty span for [`Cue::Context`]).
    pub speaker_span: Option<Span>,
    /// The language of the quote.
    pub language: Language,
}

/// A source with its language and quotes.
#[derive(Debug, Clone)]
pub struct ExtractedSource {
    /// The source as read.
    pub source: Source,
    /// The language of the whole text.
    pub language: Language,
    /// The Snowball stemmer used for it, if its language has one.
    pub stemmer: Option<&'static str>,
    /// The speakers its quotes are attributed to.
    pub speakers: Vec<Entity>,
    /// Its quotes, in text order.
    pub quotes: Vec<Quote>,
    /// The outlet as the text credits it, when the input names none ([`credit`]).
    pub credit: Option<credit::Credit>,
}

impl ExtractedSource {
    /// The outlet that published the source: as the input (manifest, record) names it, else
    /// as the text credits it.
    pub fn outlet(&self) -> Option<&str> {
        self.source
            .meta
            .outlet
            .as_deref()
            .or(self.credit.as_ref().map(|c| c.name.as_str()))
    }

    /// The text of a quote.
    pub fn text_of(&self, quote: &Quote) -> &str {
        &self.source.text[quote.start..quote.end]
    }

    /// The speaker of a quote.
    pub fn speaker_of(&self, quote: &Quote) -> Option<&Entity> {
        quote.speaker.map(|i| &self.speakers[i])
    }
}

/// The result of extraction over a corpus.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// One entry per source, sorted by source id.
    pub sources: Vec<ExtractedSource>,
}

impl Extraction {
    /// All quotes with their sources, in source then text order.
    pub fn quotes(&self) -> impl Iterator<Item = (&ExtractedSource, &Quote)> {
        self.sources
            .iter()
            .flat_map(|s| s.quotes.iter().map(move |q| (s, q)))
    }
}

/// Extracts the quotes of every source in a corpus, sources in parallel (on rayon's pool).
pub fn extract(corpus: Corpus) -> Extraction {
    let analyzers = crate::text::Analyzers::default();
    let english = analyzers.get("eng");
    let mut languages: Vec<Language> = corpus
        .sources
        .par_iter()
        .map(|s| {
            s.meta
                .language
                .as_deref()
                .and_then(language::declared)
                .unwrap_or_else(|| language::detect(&s.text))
        })
        .collect();
    language::settle_unreliable(&mut languages);
    let stemmers: Vec<Option<&'static str>> = languages
        .iter()
        .map(|language| crate::text::stemmer_name(language.code))
        .collect();
    // Sources are independent: extracted in parallel, collected in corpus order.
    let sources = corpus
        .sources
        .into_par_iter()
        .zip(languages)
        .zip(stemmers)
        .map(|((source, language), stemmer)| {
            let analyzer = analyzers.get(language.code);
            extract_source(source, language, stemmer, &english, &analyzer)
        })
        .collect();
    Extraction { sources }
}

/// Extracts the quotes of one source whose language is known.
pub fn extract_source(
    source: Source,
    language: Language,
    stemmer: Option<&'static str>,
    english: &Analyzer,
    analyzer: &Analyzer,
) -> ExtractedSource {
    let text = source.text.as_str();
    let marked = marks::find_quotes(text);
    let (found, entities) = attribution::attribute(text, &marked, english, analyzer);

    // Keep only the entities quotes point to, renumbered in order of first use.
    let mut remap: Vec<Option<usize>> = vec![None; entities.len()];
    let mut speakers: Vec<Entity> = Vec::new();
    let mut quotes = Vec::new();
    for f in found {
        let (start, end) = trim_quoted(text, f.start, f.end);
        if start >= end {
            continue;
        }
        let (kind, scare, closed) = match f.direct {
            Some(i) => (
                QuoteKind::Direct,
                attribution::is_scare_span(&text[start..end]),
                marked[i].closed,
            ),
            None => (QuoteKind::Indirect, false, true),
        };
        // A quotation nobody is said to have said, of a word or two or of a name in title case
        // ("Washington Post", „Neues Deutschland“), names something; it is not speech.
        if f.direct.is_some()
            && f.attribution.is_none()
            && (scare || is_title(&text[start..end], analyzer))
        {
            continue;
        }
        let speaker = f.attribution.map(|a| {
            *remap[a.entity].get_or_insert_with(|| {
                speakers.push(entities[a.entity].clone());
                speakers.len() - 1
            })
        });
        quotes.push(Quote {
            id: String::new(),
            start,
            end,
            kind,
            scare,
            closed,
            speaker,
            cue: f.attribution.map(|a| a.cue),
            speaker_span: f.attribution.map(|a| Span {
                start: a.start,
                end: a.end,
            }),
            language: language::detect_span(&text[start..end], &language),
        });
    }
    quotes.sort_by_key(|q| (q.start, q.end, q.kind));
    quotes.dedup_by(|b, a| a.start == b.start && a.end == b.end);
    for (n, quote) in quotes.iter_mut().enumerate() {
        quote.id = format!("{}#{}", source.id, n + 1);
    }
    let credit = match source.meta.outlet {
        Some(_) => None,
        None => credit::find(
            text,
            language.code,
            source.meta.url.as_deref(),
            lang::Cues::get(),
        ),
    };
    ExtractedSource {
        source,
        language,
        stemmer,
        speakers,
        quotes,
        credit,
    }
}

/// Whether quoted words read as a name or a title: at most eight words, each capitalized or
/// a joining word (a short word, or a function word of the language: "of", "de", "eines"),
/// and no sentence inside.
pub(super) fn is_title(quoted: &str, analyzer: &Analyzer) -> bool {
    let words: Vec<&str> = quoted.split_whitespace().collect();
    words.len() <= 8
        && !quoted.contains(['.', '!', '?', ',', ':', ';'])
        && words.iter().all(|w| {
            let first = w.chars().find(|c| c.is_alphanumeric());
            first.is_none_or(|c| c.is_uppercase() || c.is_numeric())
                || w.chars().count() <= 3
                || analyzer.is_stopword(&w.to_lowercase())
        })
        && words
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Trims white space, and trailing commas, colons and semicolons that belong to the sentence
/// around a quotation rather than to the quoted words.
fn trim_quoted(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let trimmed_start = slice.trim_start();
    let start = start + (slice.len() - trimmed_start.len());
    let kept =
        trimmed_start.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    (start, start + kept.len())
}

#[cfg(test)]
mod tests;
