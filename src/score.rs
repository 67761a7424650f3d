//! How similar two versions of an utterance are.
//!
//! Five measures, each in [0, 1], each seeing something the others miss:
//!
//! | measure | on | sees | blind to |
//! |---|---|---|---|
//! | `levenshtein` | normalized characters | word order, small edits | synonyms, reordering |
//! | `jaro_winkler` | normalized characters | shared openings | anything after the start of long texts |
//! | `sorensen_dice` | character bigrams | inflection and spelling variants ("Lavrov"/"Lawrow") | meaning |
//! | `stem_cosine` | IDF-weighted bags of stems, stopwords removed | shared vocabulary in any order | function words, synonyms |
//! | `content_overlap` | sets of content stems | a short quote contained in a long one | extra words on the longer side |
//! | `concept_overlap` | meanings of content words (the [`lexicon`](crate::lexicon)) | synonyms, translations, names across scripts | words the lexicon lacks |
//!
//! # Which to trust: the combined score
//!
//! Translation reorders words and swaps function words, so versions of one utterance share
//! *vocabulary* more reliably than character sequences: stem cosine carries the most weight.
//! Content overlap (overlap coefficient, |A ∩ B| / min(|A|, |B|)) lets a fragment ("open and
//! useful") match the sentence it was cut from. Character bigrams catch inflection and spelling
//! the stemmer misses. Edit distance adds word order. Jaro–Winkler, which rewards a common
//! prefix and saturates on long strings, gets the least:
//!
//! Concept overlap sees what the others cannot: "swift" and "rapid", "offen" and "open". It
//! is a soft Dice coefficient: each content word finds its closest word on the other side (1
//! for the same stem, sense, name or number; 0.9 for another word of the same sense in the same
//! language, since a synonym swap is still a change; 0.8 for a synonym through an adjective
//! cluster or a shared lemma; across languages 0.5 for a meaning one link away, since
//! translations often land on a neighbouring synset; 0 otherwise), and the IDF-weighted mean
//! over both sides is the score. In one language it stands in for stem cosine where it is
//! higher — a synonym counts nearly as much as the same word, and nothing else changes:
//!
//! ```text
//! same language:       combined = 0.40·max(stem_cosine, concept_overlap)
//!                               + 0.20·content_overlap + 0.20·sorensen_dice
//!                               + 0.15·levenshtein + 0.05·jaro_winkler
//! different languages: combined = concept_overlap × (1 − 0.15 · (1 − in_order))
//! divergence = 1 − combined
//! ```
//!
//! Across languages, characters and stems say nothing about meaning — "Gespräche" and "talks"
//! share none — so only concept overlap counts; the other measures are still reported. Two
//! things make it a measure of translation rather than of shared vocabulary:
//!
//! - **Evidence.** A word the lexicon does not know and that found no counterpart may be a
//!   faithful rendering the lexicon cannot see; it weighs [`UNKNOWN_WORD_EVIDENCE`] (0.3) of a
//!   known word. A known word without a counterpart (an added "secret", an antonym in place of
//!   the original word) weighs in full. So a faithful translation into a language the lexicon
//!   covers partly is not scored as half a different statement, while what the lexicon can
//!   judge still moves the score.
//! - **Order.** `in_order` is the share of the matched words (closeness ≥ 0.8) of the first
//!   version whose counterparts keep their order: the longest increasing run of counterpart
//!   positions over their number. Translation reorders (a German verb goes last, a Japanese
//!   one too), so order weighs little ([`ORDER_WEIGHT`], 0.15): a faithful German rendering
//!   keeps most of its score, scrambled words lose up to 15 %, and "A attacked B" is a little
//!   less "B attacked A".
//!
//! On DEMETR's development pairs (ten languages into English) these two, with the bilingual
//! dictionaries of the lexicon, are what lets a translation with an inserted error rank as
//! drifting further than the faithful one (see the README's dev figures).
//! Without a lexicon (`AlignOptions::lexicon` off) every word's only meaning is its own
//! transliterated form, and the same weights apply.
//!
//! When one version is much shorter than the other (a quoted fragment and the sentence it comes
//! from), the character measures compare the short one with the best-matching window of the
//! long one — the part it aligns to — rather than with the whole, so that quoting a part is not
//! scored as changing the rest.

use std::collections::{BTreeSet, HashMap};
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;

use std::sync::Arc;

use crate::lexicon::Meaning;
use crate::text::{Analyzer, Token};

/// The character measures compare at most this many characters of each version: they cost
/// time quadratic in the length, and a quote of several thousand characters is a document, not
/// an utterance. The stem measures always see every word.
pub const CHAR_LIMIT: usize = 600;

/// Concept overlap compares at most this many content words of each version (its cost is
/// the product of the two lengths).
pub const CONCEPT_LIMIT: usize = 150;

/// Weights of the combined score for versions in one language, in the order of
/// [`Similarity`]'s fields; they sum to 1 (the stem weight applies to the higher of stem
/// cosine and concept overlap).
pub const WEIGHTS: Weights = Weights {
    levenshtein: 0.15,
    jaro_winkler: 0.05,
    sorensen_dice: 0.20,
    stem_cosine: 0.40,
    content_overlap: 0.20,
    concept_overlap: 0.0,
};

/// Weights for versions in different languages: meaning only.
pub const CROSS_LANGUAGE_WEIGHTS: Weights = Weights {
    levenshtein: 0.0,
    jaro_winkler: 0.0,
    sorensen_dice: 0.0,
    stem_cosine: 0.0,
    content_overlap: 0.0,
    concept_overlap: 1.0,
};

/// The weight of each measure in the combined score.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Weight of normalized Levenshtein similarity.
    pub levenshtein: f64,
    /// Weight of Jaro–Winkler similarity.
    pub jaro_winkler: f64,
    /// Weight of Sørensen–Dice on character bigrams.
    pub sorensen_dice: f64,
    /// Weight of the IDF-weighted cosine of stems.
    pub stem_cosine: f64,
    /// Weight of the overlap coefficient of content stems.
    pub content_overlap: f64,
    /// Weight of the soft overlap of meanings.
    pub concept_overlap: f64,
}

/// The similarity of two versions, every measure in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Similarity {
    /// 1 − normalized Levenshtein distance of the normalized texts.
    pub levenshtein: f64,
    /// Jaro–Winkler similarity of the normalized texts.
    pub jaro_winkler: f64,
    /// Sørensen–Dice coefficient of character bigrams.
    pub sorensen_dice: f64,
    /// Cosine of IDF-weighted bags of content stems.
    pub stem_cosine: f64,
    /// Overlap coefficient of the sets of content stems.
    pub content_overlap: f64,
    /// Soft Dice coefficient of the meanings of content words.
    pub concept_overlap: f64,
    /// The weighted combination (see the module documentation).
    pub combined: f64,
}

impl Similarity {
    /// 1 − combined.
    pub fn divergence(&self) -> f64 {
        round(1.0 - self.combined)
    }
}

/// What scoring needs to know about one version, computed once.
#[derive(Debug, Clone)]
pub struct Features {
    /// The words, with offsets into the source.
    pub tokens: Vec<Token>,
    /// Indices into `tokens` of content words (not stopwords); every word when all are
    /// stopwords.
    pub content: Vec<usize>,
    /// What each word can mean, one per token.
    pub meanings: Vec<Arc<Meaning>>,
    /// The ISO 639-3 code of the language the words were read in.
    pub language: String,
}

impl Features {
    /// Tokenizes `text[start..end]` with the analyzer of its language.
    pub fn new(text: &str, start: usize, end: usize, analyzer: &Analyzer) -> Self {
        let tokens = analyzer.tokenize(text, start, end);
        let mut content: Vec<usize> = tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.stop)
            .map(|(i, _)| i)
            .collect();
        if content.is_empty() {
            // A quote of function words only ("not at all") is compared on those words.
            content = (0..tokens.len()).collect();
        }
        let meanings = tokens.iter().map(|t| analyzer.meaning(t)).collect();
        Features {
            tokens,
            content,
            meanings,
            language: analyzer.language().to_string(),
        }
    }

    /// Weights of the combined score for this version against `other`.
    pub fn weights(&self, other: &Features) -> Weights {
        if self.language != other.language && self.language != "und" && other.language != "und" {
            CROSS_LANGUAGE_WEIGHTS
        } else {
            WEIGHTS
        }
    }

    /// The distinct content stems.
    pub fn content_stems(&self) -> BTreeSet<&str> {
        self.content
            .iter()
            .map(|&i| self.tokens[i].stem.as_str())
            .collect()
    }

    /// Lowercase words of `tokens[range]` joined by single spaces.
    fn normalized(&self, range: std::ops::Range<usize>) -> String {
        let words: Vec<&str> = self.tokens[range]
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        words.join(" ")
    }
}

/// Inverse document frequencies of stems over a set of versions.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    weights: FxHashMap<String, f64>,
    documents: usize,
}

impl Idf {
    /// Counts, for every stem, how many versions contain it.
    pub fn new<'a>(versions: impl IntoIterator<Item = &'a Features>) -> Self {
        let mut df: FxHashMap<&str, usize> = FxHashMap::default();
        let mut documents = 0;
        for features in versions {
            documents += 1;
            for stem in features.content_stems() {
                *df.entry(stem).or_default() += 1;
            }
        }
        let weights = df
            .into_iter()
            .map(|(stem, n)| (stem.to_string(), idf(documents, n)))
            .collect();
        Idf { weights, documents }
    }

    /// The weight of a stem: ln((N + 1) / (df + 1)) + 1; unseen stems weigh as if seen once.
    pub fn weight(&self, stem: &str) -> f64 {
        self.weights
            .get(stem)
            .copied()
            .unwrap_or_else(|| idf(self.documents, 1))
    }
}

/// A version's content words weighed by IDF, computed once for the many pairs the version is
/// scored in: its distinct content stems in a fixed order (by hash, then text) with their
/// summed weights, so that the stem measures are a merge of two sorted lists.
#[derive(Debug, Clone)]
pub struct Weighed<'a> {
    /// The version.
    pub features: &'a Features,
    /// Distinct content stems: (hash, stem, IDF weight × occurrences), ascending.
    stems: Vec<(u64, &'a str, f64)>,
    /// The Euclidean norm of the weights of `stems`.
    norm: f64,
    /// Hash and IDF weight of each word of `features.content`, in that order.
    content: Vec<(u64, f64)>,
    /// The whole version as the character measures see it.
    characters: Characters,
}

/// A text as the character measures see it: its normalized words (at most [`CHAR_LIMIT`]
/// characters) and its character bigrams, sorted, white space left out as Sørensen–Dice
/// leaves it out.
#[derive(Debug, Clone)]
struct Characters {
    text: String,
    squeezed: String,
    bigrams: Vec<(char, char)>,
}

impl Characters {
    fn new(normalized: &str) -> Self {
        let text = truncate_chars(normalized).to_string();
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let mut bigrams: Vec<(char, char)> =
            squeezed.chars().zip(squeezed.chars().skip(1)).collect();
        bigrams.sort_unstable();
        Characters {
            text,
            squeezed,
            bigrams,
        }
    }

    /// Sørensen–Dice of character bigrams: `strsim::sorensen_dice` on the two texts (a test
    /// checks it), with each side's bigrams counted once rather than for every pair.
    fn dice(&self, other: &Characters) -> f64 {
        if self.squeezed == other.squeezed {
            return 1.0;
        }
        if self.squeezed.len() < 2 || other.squeezed.len() < 2 {
            return 0.0;
        }
        let (a, b) = (&self.bigrams, &other.bigrams);
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        // As strsim counts it: bytes, not characters, in the denominator.
        (2 * shared) as f64 / (self.squeezed.len() + other.squeezed.len() - 2) as f64
    }
}

impl<'a> Weighed<'a> {
    /// Weighs the content words of `features` with `idf`.
    pub fn new(features: &'a Features, idf: &Idf) -> Self {
        let content: Vec<(u64, f64)> = features
            .content
            .iter()
            .map(|&i| {
                let stem = features.tokens[i].stem.as_str();
                (FxBuildHasher.hash_one(stem), idf.weight(stem))
            })
            .collect();
        let mut stems: Vec<(u64, &str, f64)> = features
            .content
            .iter()
            .zip(&content)
            .map(|(&i, &(hash, weight))| (hash, features.tokens[i].stem.as_str(), weight))
            .collect();
        stems.sort_unstable_by(|x, y| (x.0, x.1).cmp(&(y.0, y.1)));
        stems.dedup_by(|next, kept| {
            let same = (next.0, next.1) == (kept.0, kept.1);
            if same {
                kept.2 += next.2;
            }
            same
        });
        let norm = stems.iter().map(|s| s.2 * s.2).sum::<f64>().sqrt();
        Weighed {
            features,
            stems,
            norm,
            content,
            characters: Characters::new(&features.normalized(0..features.tokens.len())),
        }
    }

    /// Σ over the stems both versions hold of `f(weight here, weight there)`, and how many
    /// there are.
    fn shared(&self, other: &Weighed, f: impl Fn(f64, f64) -> f64) -> (f64, usize) {
        let (a, b) = (&self.stems, &other.stems);
        let (mut i, mut j, mut sum, mut count) = (0, 0, 0.0, 0);
        while i < a.len() && j < b.len() {
            match (a[i].0, a[i].1).cmp(&(b[j].0, b[j].1)) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    sum += f(a[i].2, b[j].2);
                    count += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (sum, count)
    }
}

fn idf(documents: usize, df: usize) -> f64 {
    ((documents as f64 + 1.0) / (df as f64 + 1.0)).ln() + 1.0
}

/// Where the shorter of two versions aligns inside the longer one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fragment {
    /// True when `a` is the fragment (and the window lies in `b`).
    pub a_is_fragment: bool,
    /// Token range of the window in the longer version.
    pub window: (usize, usize),
}

/// Scores two versions when their combined similarity can reach `threshold`, `None` otherwise.
///
/// The character measures cost time quadratic in the length of the texts; the stem measures
/// and bigrams do not. Since Levenshtein and Jaro–Winkler are at most 1, the cheap measures
/// bound the combined score from above, and a pair whose bound falls short is rejected without
/// computing the others. The answer is the same as [`similarity`]'s, only faster.
pub fn similarity_at_least(
    a: &Weighed,
    b: &Weighed,
    threshold: f64,
) -> Option<(Similarity, Option<Fragment>)> {
    let words = WordMeasures::new(a, b);
    let w = a.features.weights(b.features);
    let bound = w.stem_cosine * words.stem_cosine.max(words.concept_overlap)
        + w.content_overlap * words.content_overlap
        + w.concept_overlap * words.concept_overlap
        + w.levenshtein
        + w.jaro_winkler
        + w.sorensen_dice;
    if bound + 1e-9 < threshold {
        return None;
    }
    let scored = with_characters(a, b, words);
    (scored.0.combined + 1e-9 >= threshold).then_some(scored)
}

/// The measures on words, which cost time linear in the lengths (concept overlap: their
/// product, bounded by [`CONCEPT_LIMIT`]); computed once per pair.
#[derive(Debug, Clone, Copy)]
struct WordMeasures {
    stem_cosine: f64,
    content_overlap: f64,
    concept_overlap: f64,
}

impl WordMeasures {
    fn new(a: &Weighed, b: &Weighed) -> Self {
        WordMeasures {
            stem_cosine: stem_cosine(a, b),
            content_overlap: content_overlap(a, b),
            concept_overlap: concept_overlap(a, b),
        }
    }
}

/// 1 − the Levenshtein distance over the longer length, in characters. Computed with
/// rapidfuzz's bit-parallel algorithm: the same value as the textbook dynamic programme
/// (`strsim::normalized_levenshtein`, a test checks it), tens of times faster on quotes.
fn levenshtein(a: &str, b: &str) -> f64 {
    rapidfuzz::distance::levenshtein::normalized_similarity(a.chars(), b.chars())
}

/// Jaro–Winkler similarity (prefix of up to four characters, weight 0.1), bit-parallel as
/// [`levenshtein`]; equal to `strsim::jaro_winkler`.
fn jaro_winkler(a: &str, b: &str) -> f64 {
    rapidfuzz::distance::jaro_winkler::similarity(a.chars(), b.chars())
}

/// Scores two versions. `idf` weighs the stems.
pub fn similarity(a: &Features, b: &Features, idf: &Idf) -> (Similarity, Option<Fragment>) {
    similarity_weighed(&Weighed::new(a, idf), &Weighed::new(b, idf))
}

/// Scores two versions weighed beforehand: [`similarity`] for versions scored many times.
pub fn similarity_weighed(a: &Weighed, b: &Weighed) -> (Similarity, Option<Fragment>) {
    with_characters(a, b, WordMeasures::new(a, b))
}

/// Completes the word measures with the character measures and the combined score.
fn with_characters(
    weighed_a: &Weighed,
    weighed_b: &Weighed,
    words: WordMeasures,
) -> (Similarity, Option<Fragment>) {
    let (a, b) = (weighed_a.features, weighed_b.features);
    let fragment = fragment_window(a, b);
    // The whole of both versions, or the fragment and the window it was cut from.
    let window = |f: &Features, w: (usize, usize)| Characters::new(&f.normalized(w.0..w.1));
    let (cut_a, cut_b);
    let (left, right) = match fragment {
        Some(f) if f.a_is_fragment => {
            cut_b = window(b, f.window);
            (&weighed_a.characters, &cut_b)
        }
        Some(f) => {
            cut_a = window(a, f.window);
            (&cut_a, &weighed_b.characters)
        }
        None => (&weighed_a.characters, &weighed_b.characters),
    };
    let levenshtein = levenshtein(&left.text, &right.text);
    let jaro_winkler = jaro_winkler(&left.text, &right.text);
    let sorensen_dice = left.dice(right);
    let WordMeasures {
        stem_cosine,
        content_overlap,
        concept_overlap,
    } = words;
    let w = a.weights(b);
    let combined = w.levenshtein * levenshtein
        + w.jaro_winkler * jaro_winkler
        + w.sorensen_dice * sorensen_dice
        + w.stem_cosine * stem_cosine.max(concept_overlap)
        + w.content_overlap * content_overlap
        + w.concept_overlap * concept_overlap;
    (
        Similarity {
            levenshtein: round(levenshtein),
            jaro_winkler: round(jaro_winkler),
            sorensen_dice: round(sorensen_dice),
            stem_cosine: round(stem_cosine),
            content_overlap: round(content_overlap),
            concept_overlap: round(concept_overlap),
            combined: round(combined),
        },
        fragment,
    )
}

/// The first [`CHAR_LIMIT`] characters of a text.
fn truncate_chars(text: &str) -> &str {
    match text.char_indices().nth(CHAR_LIMIT) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// Rounds to four decimals so that output does not depend on summation order noise.
fn round(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0
}

/// IDF-weighted cosine of the bags of content stems.
fn stem_cosine(a: &Weighed, b: &Weighed) -> f64 {
    if a.stems.is_empty() && b.stems.is_empty() {
        return if a.features.tokens.is_empty() && b.features.tokens.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let norms = a.norm * b.norm;
    if norms == 0.0 {
        0.0
    } else {
        a.shared(b, |x, y| x * y).0 / norms
    }
}

/// How close two words of two versions are in meaning (see the module documentation).
pub fn word_closeness(a: &Features, i: usize, b: &Features, j: usize) -> f64 {
    if a.language == b.language && a.tokens[i].stem == b.tokens[j].stem {
        1.0
    } else {
        meaning_closeness(a, i, b, j)
    }
}

/// [`word_closeness`] of two words known not to share a stem in one language.
fn meaning_closeness(a: &Features, i: usize, b: &Features, j: usize) -> f64 {
    let same_language = a.language == b.language;
    let (ma, mb) = (&a.meanings[i], &b.meanings[j]);
    let closeness = ma.closeness(mb);
    if same_language && closeness == 1.0 {
        0.9
    } else if !same_language && closeness == 0.0 && ma.related_to(mb) {
        // A translation often lands on a neighbouring synset ("Gespräch" is a conversation,
        // "talks" a negotiation): across languages a related meaning is half a match.
        0.5
    } else {
        closeness
    }
}

/// Across languages, how much an unknown word without a counterpart weighs against a word
/// the lexicon knows.
pub const UNKNOWN_WORD_EVIDENCE: f64 = 0.3;

fn numeric(word: &str) -> bool {
    word.chars().any(|c| c.is_numeric())
}

/// Soft Dice of meanings: every content word's closest word on the other side, weighted by
/// IDF, over both sides.
fn concept_overlap(a: &Weighed, b: &Weighed) -> f64 {
    let ca = &a.content[..a.content.len().min(CONCEPT_LIMIT)];
    let cb = &b.content[..b.content.len().min(CONCEPT_LIMIT)];
    if ca.is_empty() || cb.is_empty() {
        return if ca.is_empty() && cb.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    let (fa, fb) = (a.features, b.features);
    let same_language = fa.language == fb.language;
    // Words with the same stem on the other side are matched at 1 first. Any other pair of
    // words is at most `cap` close (a synonym in one language counts 0.9), so a pair whose
    // two words both have a match that good already cannot raise either's best: skipped. A
    // pair with the same stem is always skipped so.
    let cap = if same_language { 0.9 } else { 1.0 };
    let mut best_a = vec![0.0f64; ca.len()];
    let mut best_b = vec![0.0f64; cb.len()];
    // The word of `b` each word of `a` matched best (for word order across languages).
    let mut partner = vec![usize::MAX; ca.len()];
    if same_language {
        for (k, (&i, &(hash_i, _))) in fa.content.iter().zip(ca).enumerate() {
            for (l, (&j, &(hash_j, _))) in fb.content.iter().zip(cb).enumerate() {
                if hash_i == hash_j && fa.tokens[i].stem == fb.tokens[j].stem {
                    if best_a[k] < 1.0 {
                        partner[k] = l;
                    }
                    best_a[k] = 1.0;
                    best_b[l] = 1.0;
                }
            }
        }
    }
    for (k, &i) in fa.content.iter().take(ca.len()).enumerate() {
        for (l, &j) in fb.content.iter().take(cb.len()).enumerate() {
            if best_a[k] >= cap && best_b[l] >= cap {
                continue;
            }
            let c = meaning_closeness(fa, i, fb, j);
            if c > best_a[k] {
                best_a[k] = c;
                partner[k] = l;
            }
            best_b[l] = best_b[l].max(c);
        }
    }
    // Across languages a word the lexicon does not know and that found no counterpart is
    // weak evidence of a change: the gap may be the lexicon's.
    let evidence = |f: &Features, i: usize, best: f64| -> f64 {
        if same_language
            || best > 0.0
            || !f.meanings[i].senses.is_empty()
            || numeric(&f.tokens[i].lower)
        {
            1.0
        } else {
            UNKNOWN_WORD_EVIDENCE
        }
    };
    let (mut a_matched, mut a_total) = (0.0, 0.0);
    for ((&(_, w), best), &i) in ca.iter().zip(&best_a).zip(&fa.content) {
        let w = w * evidence(fa, i, *best);
        a_matched += w * best;
        a_total += w;
    }
    let (mut b_matched, mut b_total) = (0.0, 0.0);
    for ((&(_, w), best), &j) in cb.iter().zip(&best_b).zip(&fb.content) {
        let w = w * evidence(fb, j, *best);
        b_matched += w * best;
        b_total += w;
    }
    let ratio = |m: f64, t: f64| if t == 0.0 { 0.0 } else { m / t };
    let overlap = ratio(a_matched + b_matched, a_total + b_total);
    if same_language {
        return overlap;
    }
    // Across languages the order of what matched counts a little: translation reorders
    // (a German verb goes last), but "A attacked B" is not "B attacked A", and a version
    // whose words are scrambled is not a rendering.
    let matched_order: Vec<usize> = partner
        .iter()
        .zip(&best_a)
        .filter(|(_, &b)| b >= 0.8)
        .map(|(&p, _)| p)
        .collect();
    if matched_order.len() < 3 {
        return overlap;
    }
    let in_order = longest_increasing(&matched_order) as f64 / matched_order.len() as f64;
    overlap * (1.0 - ORDER_WEIGHT * (1.0 - in_order))
}

/// Across languages, how much of concept overlap depends on the matched words keeping their
/// order (the share of them in the longest run in order).
pub const ORDER_WEIGHT: f64 = 0.15;

/// The length of the longest strictly increasing subsequence (patience sorting, O(n log n)).
fn longest_increasing(xs: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &x in xs {
        match tails.binary_search(&x) {
            Ok(_) => {}
            Err(at) if at == tails.len() => tails.push(x),
            Err(at) => tails[at] = x,
        }
    }
    tails.len()
}

/// |A ∩ B| / min(|A|, |B|) over the sets of content stems.
fn content_overlap(a: &Weighed, b: &Weighed) -> f64 {
    let smaller = a.stems.len().min(b.stems.len());
    if smaller == 0 {
        return if a.stems.is_empty() && b.stems.is_empty() {
            1.0
        } else {
            0.0
        };
    }
    a.shared(b, |_, _| 0.0).1 as f64 / smaller as f64
}

/// When one version has at most half the other's words and most of its stems (60 % or more)
/// occur in the other, the shortest run of the longer version that holds as many of them as
/// any run does: the part the fragment was cut from.
pub fn fragment_window(a: &Features, b: &Features) -> Option<Fragment> {
    let (short, long, a_is_fragment) = if a.tokens.len() <= b.tokens.len() {
        (a, b, true)
    } else {
        (b, a, false)
    };
    let n = short.tokens.len();
    if n == 0 || n as f64 > 0.5 * long.tokens.len() as f64 {
        return None;
    }
    let wanted: BTreeSet<&str> = short.tokens.iter().map(|t| t.stem.as_str()).collect();
    let hits: Vec<(usize, &str)> = long
        .tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| wanted.contains(t.stem.as_str()))
        .map(|(i, t)| (i, t.stem.as_str()))
        .collect();
    let found: BTreeSet<&str> = hits.iter().map(|(_, s)| *s).collect();
    if (found.len() as f64) < 0.6 * wanted.len() as f64 {
        return None;
    }
    // The shortest window holding every stem found (a sliding window over the hits).
    let mut best: Option<(usize, usize)> = None;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut left = 0;
    for right in 0..hits.len() {
        *counts.entry(hits[right].1).or_default() += 1;
        while counts.len() == found.len() {
            let (start, end) = (hits[left].0, hits[right].0 + 1);
            if best.is_none_or(|(s, e)| end - start < e - s) {
                best = Some((start, end));
            }
            let stem = hits[left].1;
            let count = counts.get_mut(stem).expect("counted");
            *count -= 1;
            if *count == 0 {
                counts.remove(stem);
            }
            left += 1;
        }
    }
    let (mut start, mut end) = best?;
    // Where the fragment's own first words found no match ("open" of "open and useful" against
    // "quite frank and useful"), widen the window to cover the words they stand against.
    let first_hit = hits
        .iter()
        .find(|(i, _)| *i == start)
        .map(|(_, stem)| *stem);
    let lead = first_hit
        .and_then(|stem| short.tokens.iter().position(|t| t.stem == stem))
        .unwrap_or(0);
    start = start.saturating_sub(lead);
    end = end.max((start + n).min(long.tokens.len()));
    // A window far longer than the fragment is not a fragment of it.
    if (end - start) > 2 * n + 2 {
        return None;
    }
    Some(Fragment {
        a_is_fragment,
        window: (start, end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(text: &str) -> Features {
        Features::new(text, 0, text.len(), &Analyzer::for_language("eng"))
    }

    proptest::proptest! {
        #[test]
        fn character_measures_equal_the_textbook_definitions(
            a in "[ a-eé😀\u{0301}]{0,80}",
            b in "[ a-eé😀\u{0301}]{0,80}",
        ) {
            proptest::prop_assert!((levenshtein(&a, &b) - strsim::normalized_levenshtein(&a, &b)).abs() < 1e-12);
            proptest::prop_assert!((jaro_winkler(&a, &b) - strsim::jaro_winkler(&a, &b)).abs() < 1e-12);
            let (ca, cb) = (Characters::new(&a), Characters::new(&b));
            proptest::prop_assert_eq!(ca.dice(&cb), strsim::sorensen_dice(&a, &b));
        }
    }

    #[test]
    fn identical_versions_score_one() {
        let a = features("The talks were open and useful");
        let idf = Idf::new([&a]);
        let (s, _) = similarity(&a, &a, &idf);
        assert_eq!(s.combined, 1.0);
        assert_eq!(s.divergence(), 0.0);
    }

    #[test]
    fn every_measure_is_symmetric_and_bounded() {
        let a = features("open and useful");
        let b = features("Lavrov described the talks as constructive and useful");
        let idf = Idf::new([&a, &b]);
        let (ab, _) = similarity(&a, &b, &idf);
        let (ba, _) = similarity(&b, &a, &idf);
        assert_eq!(ab, ba);
        for x in [
            ab.levenshtein,
            ab.jaro_winkler,
            ab.sorensen_dice,
            ab.stem_cosine,
            ab.content_overlap,
            ab.combined,
        ] {
            assert!((0.0..=1.0).contains(&x));
        }
    }

    #[test]
    fn a_fragment_aligns_to_its_part_of_the_longer_quote() {
        let a = features("open and useful");
        let b = features("Describing Friday's talks as open and useful, Lavrov said more");
        let fragment = fragment_window(&a, &b).unwrap();
        assert!(fragment.a_is_fragment);
        let window: Vec<&str> = b.tokens[fragment.window.0..fragment.window.1]
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        assert_eq!(window, ["open", "and", "useful"]);
        let idf = Idf::new([&a, &b]);
        let (s, _) = similarity(&a, &b, &idf);
        assert_eq!(s.levenshtein, 1.0);
        assert_eq!(s.content_overlap, 1.0);
    }

    #[test]
    fn rare_shared_words_weigh_more_than_common_ones() {
        let docs: Vec<Features> = [
            "the talks were useful",
            "the talks were long",
            "the talks were short",
            "the hysteria was useful",
        ]
        .iter()
        .map(|t| features(t))
        .collect();
        let idf = Idf::new(docs.iter());
        assert!(idf.weight("hysteria") > idf.weight("talk"));
    }

    #[test]
    fn unrelated_versions_score_low() {
        let a = features("Russia has no plans to attack Ukraine");
        let b = features("We anticipate sharing our ideas in writing next week");
        let idf = Idf::new([&a, &b]);
        let (s, _) = similarity(&a, &b, &idf);
        assert!(s.combined < 0.3, "{s:?}");
    }
}
