//! Words, stems, stopwords and sentences.
//!
//! Words are Unicode word segments (UAX #29, through `unicode-segmentation`), so "We’re",
//! "U.S" and "100,000" are one word each. Each word keeps its byte span in the source; its
//! lowercase form and Snowball stem are derived from it. The [`Analyzer`] for a language holds
//! the stemmer (all languages rust-stemmers supports) and the stopword list (NLTK's where it has
//! one, Stopwords ISO otherwise); a language without a stemmer is still tokenized, unstemmed,
//! and says so through [`Analyzer::stemmer_name`].
//!
//! Chinese has no spaces between words: it is segmented into words with jieba (the
//! `jieba-rs` crate and its dictionary), so that its words meet the Chinese lemmas of the
//! lexicon; Japanese with ICU4X's dictionary segmenter. Every word's meanings come from the [`Lexicon`] (see [`Analyzer::meaning`]).
//!
//! Sentences are UAX #29 sentences (found by ICU4X's `icu_segmenter`, which gives the same
//! breaks as `unicode-segmentation` four times as fast: it looks a character's class up in a
//! trie rather than by binary search), mended where the standard breaks inside a name:
//! "U.S. Secretary of State" and "Mr. Lavrov" stay in one sentence.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use icu_segmenter::options::SentenceBreakInvariantOptions;
use icu_segmenter::SentenceSegmenter;
use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

use crate::lexicon::{Lexicon, Meaning};

/// One word of a text, as a span with its normalized forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the word's first byte in the source.
    pub start: usize,
    /// Byte offset one past the word's last byte.
    pub end: usize,
    /// Lowercase form, with typographic apostrophes folded to `'`.
    pub lower: String,
    /// Snowball stem of `lower` (equal to `lower` where no stemmer exists).
    pub stem: String,
    /// Whether the word is on the language's stopword list.
    pub stop: bool,
}

/// Tokenizer, stemmer, stopwords and word meanings for one language.
pub struct Analyzer {
    code: String,
    stemmer: Option<Stemmer>,
    stopwords: HashSet<&'static str>,
    lexicon: Option<&'static Lexicon>,
    /// Meanings already looked up, by lowercase word.
    meanings: Mutex<HashMap<String, Arc<Meaning>>>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stemmer", &self.stemmer_name())
            .field("stopwords", &self.stopwords.len())
            .finish()
    }
}

impl Analyzer {
    /// The analyzer for an ISO 639-3 language code, with the embedded lexicon; unknown codes
    /// get no stemmer and no stopwords.
    pub fn for_language(code: &str) -> Self {
        Self::with_lexicon(code, Some(Lexicon::embedded()))
    }

    /// The analyzer for a language, looking meanings up in `lexicon` (or nowhere: every word
    /// then has only its own form).
    pub fn with_lexicon(code: &str, lexicon: Option<&'static Lexicon>) -> Self {
        let algorithm = snowball_algorithm(code);
        let stopwords = crate::language::iso639_1(code)
            .and_then(stop_words::lookup)
            .map(|words| words.iter().copied().collect())
            .unwrap_or_default();
        Analyzer {
            code: code.to_string(),
            stemmer: algorithm.map(|(a, _)| Stemmer::create(a)),
            stopwords,
            lexicon,
            meanings: Mutex::new(HashMap::new()),
        }
    }

    /// The ISO 639-3 code of the language.
    pub fn language(&self) -> &str {
        &self.code
    }

    /// What a word can mean: its synsets in the lexicon, the synsets that count as the same
    /// meaning, those one step away, and a transliterated key for names and numbers (see
    /// [`name_key`]). Looked up once per distinct word.
    pub fn meaning(&self, token: &Token) -> Arc<Meaning> {
        let mut cache = self.meanings.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = cache.get(&token.lower) {
            return Arc::clone(found);
        }
        let found = match self.lexicon {
            Some(lexicon) => lexicon.meaning(&self.code, &token.lower, &token.stem),
            None => Meaning::default(),
        };
        let meaning = Arc::new(Meaning {
            key: name_key(&token.lower),
            ..found
        });
        cache.insert(token.lower.clone(), Arc::clone(&meaning));
        meaning
    }

    /// The stemmer's name: Snowball's (`english`, `russian`…), `truncate-6` for the
    /// inflecting languages Snowball lacks (see [`TRUNCATED_STEM`]), or `None` where words
    /// are not stemmed.
    pub fn stemmer_name(&self) -> Option<&'static str> {
        stemmer_name(&self.code)
    }

    /// Whether the lowercase word is a stopword in this language.
    pub fn is_stopword(&self, lower: &str) -> bool {
        self.stopwords.contains(lower)
    }

    /// Stems one lowercase word.
    pub fn stem(&self, lower: &str) -> String {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(lower).into_owned(),
            None if truncated(&self.code) => match lower.char_indices().nth(TRUNCATED_STEM) {
                Some((at, _)) => lower[..at].to_string(),
                None => lower.to_string(),
            },
            None => lower.to_string(),
        }
    }

    /// The words of `text[start..end]`, with offsets into `text`.
    pub fn tokenize(&self, text: &str, start: usize, end: usize) -> Vec<Token> {
        let words: Vec<(usize, &str)> = if self.code == "cmn" {
            chinese_words(&text[start..end])
        } else if self.code == "jpn" {
            japanese_words(&text[start..end])
        } else {
            text[start..end].unicode_word_indices().collect()
        };
        words
            .into_iter()
            .map(|(offset, word)| {
                let lower = normalize_word(word);
                Token {
                    start: start + offset,
                    end: start + offset + word.len(),
                    stem: self.stem(&lower),
                    stop: self.is_stopword(&lower),
                    lower,
                }
            })
            .collect()
    }
}

/// The words of a Japanese text, segmented by ICU4X's dictionary segmenter (its compiled
/// Chinese–Japanese dictionary): pieces holding a letter or digit, with their byte offsets.
fn japanese_words(text: &str) -> Vec<(usize, &str)> {
    static SEGMENTER: OnceLock<icu_segmenter::WordSegmenterBorrowed<'static>> = OnceLock::new();
    let segmenter = SEGMENTER.get_or_init(|| {
        icu_segmenter::WordSegmenter::new_dictionary(
            icu_segmenter::options::WordBreakInvariantOptions::default(),
        )
    });
    let breaks: Vec<usize> = segmenter.segment_str(text).collect();
    breaks
        .windows(2)
        .map(|w| (w[0], &text[w[0]..w[1]]))
        .filter(|(_, piece)| piece.chars().any(char::is_alphanumeric))
        .collect()
}

/// The words of a Chinese text, segmented by jieba (without its HMM guesser for unknown
/// words, so that segmentation depends only on the dictionary): pieces holding a letter or
/// digit, with their byte offsets. Runs of other scripts inside (names in Latin letters) are
/// split by UAX #29 as elsewhere.
fn chinese_words(text: &str) -> Vec<(usize, &str)> {
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    let jieba = JIEBA.get_or_init(jieba_rs::Jieba::new);
    let mut out = Vec::new();
    for token in jieba.cut(text, false) {
        let (at, piece) = (token.byte_start, token.word);
        if !piece.chars().any(char::is_alphanumeric) {
            continue;
        }
        if piece.chars().any(|c| c.is_ascii_alphanumeric()) {
            out.extend(piece.unicode_word_indices().map(|(o, w)| (at + o, w)));
        } else {
            out.push((at, piece));
        }
    }
    out
}

/// A key under which a word written in different scripts or spellings meets itself: the
/// word transliterated to ASCII (any_ascii), lowercased, with spellings that transliteration
/// and German or Polish orthography vary folded (w → v, doubled letters single, "ph" → f,
/// a final "ij" → "y"). "Лавров", "Lawrow" and "Lavrov" all give `lavrov`; "Блинкен" and
/// "Blinken" give `blinken`. Numbers written with digits give their value (`#100000`).
/// Empty for words of fewer than four letters, which meet too easily.
pub fn name_key(lower: &str) -> String {
    if lower.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        let digits: String = lower.chars().filter(|c| c.is_ascii_digit()).collect();
        let grouped = lower
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '\u{a0}' || c == ' ');
        return if grouped && !lower.contains(['.']) {
            format!("#{}", digits.trim_start_matches('0'))
        } else {
            format!("#{lower}")
        };
    }
    let ascii = any_ascii::any_ascii(lower)
        .to_lowercase()
        .replace("ph", "f");
    let mut key = String::with_capacity(ascii.len());
    for c in ascii.chars().filter(char::is_ascii_alphanumeric) {
        let c = if c == 'w' { 'v' } else { c };
        if !key.ends_with(c) {
            key.push(c);
        }
    }
    if key.len() < 4 {
        return String::new();
    }
    key
}

/// Lowercases a word and folds typographic apostrophes (’ ‘ ʼ) to `'`.
pub fn normalize_word(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A cache of analyzers by language code, built on first use; shared between threads.
#[derive(Debug)]
pub struct Analyzers {
    by_code: RwLock<BTreeMap<String, Arc<Analyzer>>>,
    lexicon: Option<&'static Lexicon>,
}

impl Default for Analyzers {
    fn default() -> Self {
        Analyzers::new(Some(Lexicon::embedded()))
    }
}

impl Analyzers {
    /// Analyzers that look meanings up in `lexicon`.
    pub fn new(lexicon: Option<&'static Lexicon>) -> Self {
        Analyzers {
            by_code: RwLock::new(BTreeMap::new()),
            lexicon,
        }
    }

    /// The analyzer for an ISO 639-3 code.
    pub fn get(&self, code: &str) -> Arc<Analyzer> {
        let found = self
            .by_code
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(code)
            .cloned();
        found.unwrap_or_else(|| {
            let mut by_code = self.by_code.write().unwrap_or_else(|e| e.into_inner());
            let lexicon = self.lexicon;
            Arc::clone(
                by_code
                    .entry(code.to_string())
                    .or_insert_with(|| Arc::new(Analyzer::with_lexicon(code, lexicon))),
            )
        })
    }
}

/// The name of the stemmer for an ISO 639-3 code (`english`, `russian`…, `truncate-6`), if
/// there is one: what [`Analyzer::stemmer_name`] gives, without building an analyzer.
pub fn stemmer_name(code: &str) -> Option<&'static str> {
    match snowball_algorithm(code) {
        Some((_, name)) => Some(name),
        None if truncated(code) => Some("truncate-6"),
        None => None,
    }
}

/// Words of the Slavic languages Snowball has no stemmer for are stemmed by keeping their
/// first six letters: they inflect by suffix ("rozmowy", "rozmowach" → "rozmow"), and
/// truncation is a common baseline stemmer for them in retrieval.
pub const TRUNCATED_STEM: usize = 6;

fn truncated(code: &str) -> bool {
    matches!(
        code,
        "pol" | "ces" | "slk" | "bul" | "ukr" | "bel" | "hrv" | "srp" | "bos" | "slv" | "mkd"
    )
}

fn snowball_algorithm(code: &str) -> Option<(Algorithm, &'static str)> {
    Some(match code {
        "ara" => (Algorithm::Arabic, "arabic"),
        "dan" => (Algorithm::Danish, "danish"),
        "nld" => (Algorithm::Dutch, "dutch"),
        "eng" => (Algorithm::English, "english"),
        "fin" => (Algorithm::Finnish, "finnish"),
        "fra" => (Algorithm::French, "french"),
        "deu" => (Algorithm::German, "german"),
        "ell" => (Algorithm::Greek, "greek"),
        "hun" => (Algorithm::Hungarian, "hungarian"),
        "ita" => (Algorithm::Italian, "italian"),
        "nob" | "nno" | "nor" => (Algorithm::Norwegian, "norwegian"),
        "por" => (Algorithm::Portuguese, "portuguese"),
        "ron" => (Algorithm::Romanian, "romanian"),
        "rus" => (Algorithm::Russian, "russian"),
        "spa" => (Algorithm::Spanish, "spanish"),
        "swe" => (Algorithm::Swedish, "swedish"),
        "tam" => (Algorithm::Tamil, "tamil"),
        "tur" => (Algorithm::Turkish, "turkish"),
        _ => return None,
    })
}

/// Abbreviations after which a full stop does not end a sentence.
const NON_FINAL_ABBREVIATIONS: &[&str] = &[
    "capt", "col", "dr", "gen", "gov", "jr", "lt", "mr", "mrs", "ms", "mt", "no", "prof", "rep",
    "rev", "sen", "sgt", "st", "sr", "vs",
];

/// Sentence spans `[start, end)` of `text[start..end]`, offsets into `text`.
///
/// Each span includes its trailing whitespace, as UAX #29 does; a line break always ends a
/// sentence. Breaks after an honorific ("Mr.") or a dotted initialism ("U.S.", "J.") followed by
/// a capitalized word are removed.
pub fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let segmenter = SentenceSegmenter::new(SentenceBreakInvariantOptions::default());
    let mut out: Vec<(usize, usize)> = Vec::new();
    // Every break, the first at 0 and the last at the end of the text.
    let mut breaks = segmenter.segment_str(&text[start..end]);
    let mut from = breaks.next().unwrap_or(0);
    for to in breaks {
        let (s, e) = (start + from, start + to);
        from = to;
        if let Some(last) = out.last_mut() {
            if joins_next(&text[last.0..last.1]) {
                last.1 = e;
                continue;
            }
        }
        out.push((s, e));
    }
    out
}

/// Whether a sentence ended by UAX #29 really ends inside a name ("U.S. ", "Mr. ").
fn joins_next(sentence: &str) -> bool {
    if sentence.contains('\n') || sentence.contains('\r') {
        return false;
    }
    let trimmed = sentence.trim_end();
    let Some(before_dot) = trimmed.strip_suffix('.') else {
        return false;
    };
    let last_word = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
        .next()
        .unwrap_or("");
    if last_word.is_empty() {
        return false;
    }
    let letters: Vec<char> = last_word.chars().filter(|c| *c != '.').collect();
    let dotted_initialism =
        last_word.contains('.') && letters.iter().all(|c| c.is_uppercase()) && letters.len() <= 4;
    let single_initial = letters.len() == 1 && letters[0].is_uppercase();
    let honorific = NON_FINAL_ABBREVIATIONS.contains(&normalize_word(last_word).as_str());
    dotted_initialism || single_initial || honorific
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_contractions_and_numbers_whole() {
        let analyzer = Analyzer::for_language("eng");
        let text = "“We’re” sending 100,000 troops, the U.S. said.";
        let words: Vec<&str> = analyzer
            .tokenize(text, 0, text.len())
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(
            words,
            ["We’re", "sending", "100,000", "troops", "the", "U.S", "said"]
        );
    }

    #[test]
    fn stems_and_stopwords_follow_the_language() {
        let en = Analyzer::for_language("eng");
        let tokens = en.tokenize("The talks were useful", 0, 21);
        assert_eq!(tokens[1].stem, "talk");
        assert!(tokens[0].stop && !tokens[1].stop);
        let ru = Analyzer::for_language("rus");
        assert_eq!(ru.stemmer_name(), Some("russian"));
        assert_eq!(ru.stem("переговоры"), "переговор");
        assert!(ru.is_stopword("и"));
    }

    #[test]
    fn languages_without_a_stemmer_say_so() {
        let zh = Analyzer::for_language("cmn");
        assert_eq!(zh.stemmer_name(), None);
        assert_eq!(zh.stem("会谈"), "会谈");
    }

    #[test]
    fn chinese_is_segmented_into_words() {
        let zh = Analyzer::for_language("cmn");
        let text = "拉夫罗夫说，会谈是有益的。";
        let words: Vec<&str> = zh
            .tokenize(text, 0, text.len())
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert!(words.contains(&"会谈"), "{words:?}");
        assert!(words.contains(&"有益"), "{words:?}");
    }

    #[test]
    fn names_meet_across_scripts_and_spellings() {
        assert_eq!(name_key("лавров"), "lavrov");
        assert_eq!(name_key("lawrow"), "lavrov");
        assert_eq!(name_key("lavrov"), "lavrov");
        assert_eq!(name_key("блинкен"), name_key("blinken"));
        assert_eq!(name_key("100,000"), name_key("100000"));
        assert_eq!(name_key("the"), "");
    }

    proptest::proptest! {
        /// ICU4X finds the UAX #29 sentence breaks `unicode-segmentation` finds (the sentence
        /// breaks this module used to take from it): texts of sentence ends, quotation marks,
        /// closing punctuation, line and paragraph separators, several scripts.
        #[test]
        fn sentence_breaks_are_those_of_unicode_segmentation(
            text in "[aB1 .!?\"“”«»„'’()\n\r\t。！？，中文Дд.,;:—…\u{a0}\u{2029}\u{85}]{0,40}"
        ) {
            let ours: Vec<usize> = SentenceSegmenter::new(SentenceBreakInvariantOptions::default())
                .segment_str(&text)
                .skip(1)
                .collect();
            let theirs: Vec<usize> = text
                .split_sentence_bound_indices()
                .map(|(offset, sentence)| offset + sentence.len())
                .collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn sentences_do_not_break_inside_titles() {
        let text = "U.S. Secretary of State Antony Blinken met Mr. Lavrov. They talked.\nNew line";
        let spans: Vec<&str> = sentences(text, 0, text.len())
            .into_iter()
            .map(|(s, e)| text[s..e].trim_end())
            .collect();
        assert_eq!(
            spans,
            [
                "U.S. Secretary of State Antony Blinken met Mr. Lavrov.",
                "They talked.",
                "New line"
            ]
        );
    }
}
