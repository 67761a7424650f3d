//! Building the lexicon file from the raw WordNet 3.0 and Open Multilingual Wordnet data.
//!
//! The inputs are the unmodified distribution files: `data.{noun,verb,adj,adv}` and
//! `{noun,verb,adj,adv}.exc` of Princeton WordNet 3.0 (format `wndb(5WN)`), and OMW `.tab`
//! files (`OFFSET-POS<TAB>LANG:lemma<TAB>LEMMA`). The example program `build_lexicon` reads
//! them and writes the result; this module only turns texts into bytes, so the build is a pure
//! function of its inputs: the same files give the same bytes.
//!
//! What goes in:
//! - every synset, as a dense index (sorted by part of speech, then offset), with its English
//!   lemmas and its links of the kinds in [`Link`](super::Link);
//! - for each language, every single-word lemma's lowercase form, and its Snowball stem (with
//!   the stemmer [`crate::text::Analyzer`] uses for that language), each mapped to the synsets
//!   it expresses; English exception forms (`went`) map to their lemma's synsets.
//!
//! Multi-word lemmas (`take_part`) are left out: text is compared word by word.
//!
//! Bilingual dictionaries ([`Input::Dictd`], FreeDict's dictd files; [`Input::Cedict`]) come
//! last: each entry's single-word headword (or, in an English→other dictionary, each
//! single-word translation) takes the synsets of the English side, matched against WordNet's
//! lemmas and multi-word lemmas ("police station") of the part of speech the entry gives, an
//! English plural falling back to its singular. What does not match a lemma (a definition, a
//! note, an example sentence) adds nothing. Multi-word foreign entries are left out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Link, FORM, MAGIC, STEM};
use crate::text::{normalize_word, Analyzer};

/// A part of speech of WordNet's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pos {
    /// `n`
    Noun,
    /// `v`
    Verb,
    /// `a` and `s` (adjectives and adjective satellites share one file and one offset space)
    Adjective,
    /// `r`
    Adverb,
}

impl Pos {
    /// The part of speech of a WordNet synset type letter.
    pub fn from_letter(letter: &str) -> Option<Pos> {
        Some(match letter {
            "n" => Pos::Noun,
            "v" => Pos::Verb,
            "a" | "s" => Pos::Adjective,
            "r" => Pos::Adverb,
            _ => return None,
        })
    }
}

/// One raw input file's text, with what it is.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// A Princeton WordNet `data.*` file.
    Data(Pos, &'a str),
    /// A Princeton WordNet `*.exc` exception list.
    Exceptions(Pos, &'a str),
    /// An Open Multilingual Wordnet `.tab` file.
    Omw(&'a str),
    /// A FreeDict bilingual dictionary in dictd format, between English and `language`:
    /// its `.index` (`headword<TAB>offset<TAB>length`, base-64 numbers) and its uncompressed
    /// `.dict`. `english_first` for an English→`language` dictionary.
    Dictd {
        /// ISO 639-3 code of the other language.
        language: &'a str,
        /// Whether the headwords are English.
        english_first: bool,
        /// The `.index` file.
        index: &'a str,
        /// The `.dict` file, uncompressed.
        dict: &'a str,
    },
    /// CC-CEDICT (`Traditional Simplified [pinyin] /gloss/gloss/`), read for Mandarin.
    Cedict(&'a str),
}

/// Why the raw data could not be turned into a lexicon.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// A line of a data file does not follow the documented format.
    #[error("line {line}: {what}")]
    Format {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        what: String,
    },
    /// The key map could not be built.
    #[error("building the key map: {0}")]
    Fst(#[from] fst::Error),
}

/// The key of a word in the map: language, kind, word.
pub(super) fn key(language: &str, kind: u8, word: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(language.len() + 1 + word.len());
    key.extend_from_slice(language.as_bytes());
    key.push(kind);
    key.extend_from_slice(word.as_bytes());
    key
}

struct SynsetData {
    words: Vec<String>,
    /// Multi-word lemmas ("take part"), space-separated: never keys, only what a
    /// dictionary's English translation is matched against.
    phrases: Vec<String>,
    links: Vec<(Link, Pos, u32)>,
}

/// Builds the lexicon bytes from the raw files.
pub fn build(inputs: &[Input<'_>]) -> Result<Vec<u8>, BuildError> {
    // 1. Synsets and their English lemmas and links.
    let mut synsets: BTreeMap<(Pos, u32), SynsetData> = BTreeMap::new();
    for input in inputs {
        if let Input::Data(pos, text) = input {
            for (n, line) in text.lines().enumerate() {
                if line.starts_with("  ") || line.trim().is_empty() {
                    continue; // licence header
                }
                let (offset, data) = parse_data_line(line)
                    .map_err(|what| BuildError::Format { line: n + 1, what })?;
                synsets.insert((*pos, offset), data);
            }
        }
    }
    let index: HashMap<(Pos, u32), u32> = synsets
        .keys()
        .enumerate()
        .map(|(i, k)| (*k, i as u32))
        .collect();

    let pos_of: Vec<Pos> = synsets.keys().map(|(p, _)| *p).collect();

    // 2. Words of every language → synsets.
    let mut words: BTreeMap<(String, String), BTreeSet<u32>> = BTreeMap::new(); // (lang, lemma)
    for (k, data) in &synsets {
        for word in &data.words {
            words
                .entry(("eng".to_string(), word.clone()))
                .or_default()
                .insert(index[k]);
        }
    }
    let mut exceptions: Vec<(String, String, Pos)> = Vec::new();
    for input in inputs {
        match input {
            Input::Exceptions(pos, text) => {
                for line in text.lines() {
                    let mut fields = line.split_whitespace();
                    if let (Some(form), Some(lemma)) = (fields.next(), fields.next()) {
                        exceptions.push((form.to_string(), lemma.to_string(), *pos));
                    }
                }
            }
            Input::Omw(text) => {
                // The header (`# name<TAB>lang<TAB>url<TAB>licence`) names the language; most
                // files repeat it on every line (`deu:lemma`), some do not (`lemma`).
                let header_language = text
                    .lines()
                    .next()
                    .filter(|l| l.starts_with('#'))
                    .and_then(|l| l.split('\t').nth(1))
                    .map(str::trim)
                    .unwrap_or("");
                for (n, line) in text.lines().enumerate() {
                    if line.starts_with('#') || line.trim().is_empty() {
                        continue;
                    }
                    let mut fields = line.split('\t');
                    let (Some(id), Some(kind), Some(lemma)) =
                        (fields.next(), fields.next(), fields.next())
                    else {
                        return Err(BuildError::Format {
                            line: n + 1,
                            what: "expected three tab-separated fields".into(),
                        });
                    };
                    let language = match kind.split_once(':') {
                        Some((language, "lemma")) => language,
                        None if kind == "lemma" && !header_language.is_empty() => header_language,
                        _ => continue,
                    };
                    let Some((offset, pos)) = id.split_once('-') else {
                        return Err(BuildError::Format {
                            line: n + 1,
                            what: format!("bad synset id {id:?}"),
                        });
                    };
                    let (Ok(offset), Some(pos)) = (offset.parse::<u32>(), Pos::from_letter(pos))
                    else {
                        return Err(BuildError::Format {
                            line: n + 1,
                            what: format!("bad synset id {id:?}"),
                        });
                    };
                    let Some(&synset) = index.get(&(pos, offset)) else {
                        continue; // a synset WordNet 3.0 does not have
                    };
                    let language = if language == "arb" { "ara" } else { language };
                    let lemma = normalize_word(lemma.trim());
                    if single_word(&lemma) {
                        words
                            .entry((language.to_string(), lemma))
                            .or_default()
                            .insert(synset);
                    }
                }
            }
            Input::Data(..) | Input::Dictd { .. } | Input::Cedict(_) => {}
        }
    }
    for (form, lemma, pos) in exceptions {
        let form = normalize_word(&form);
        if !single_word(&form) {
            continue;
        }
        let targets: BTreeSet<u32> = words
            .get(&("eng".to_string(), lemma.to_lowercase()))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&s| pos_of[s as usize] == pos)
            .collect();
        if !targets.is_empty() {
            words
                .entry(("eng".to_string(), form))
                .or_default()
                .extend(targets);
        }
    }

    // 2b. Bilingual dictionaries: a word of another language takes the synsets of its English
    // translations (of the part of speech the entry gives, when it gives one). Added after
    // the wordnets, so that an English translation is matched against WordNet's lemmas only.
    let dictionary_entries = dictionary_pairs(inputs)?;
    if !dictionary_entries.is_empty() {
        let english = EnglishLemmas::new(&synsets, &index, &words);
        for (language, foreign, translation, pos) in dictionary_entries {
            let targets = english.synsets(&translation, pos, &pos_of);
            if targets.is_empty() {
                continue;
            }
            words
                .entry((language, foreign))
                .or_default()
                .extend(targets);
        }
    }

    // 3. Keys: forms, and stems of forms.
    let mut analyzers: HashMap<String, Analyzer> = HashMap::new();
    let mut keys: BTreeMap<Vec<u8>, BTreeSet<u32>> = BTreeMap::new();
    for ((language, word), set) in &words {
        keys.entry(key(language, FORM, word))
            .or_default()
            .extend(set.iter().copied());
        let analyzer = analyzers
            .entry(language.clone())
            .or_insert_with(|| Analyzer::for_language(language));
        if analyzer.stemmer_name().is_some() {
            let stem = analyzer.stem(word);
            keys.entry(key(language, STEM, &stem))
                .or_default()
                .extend(set.iter().copied());
        }
    }

    // 4. Write the sections.
    let mut postings: Vec<u8> = Vec::new();
    let mut map = fst::MapBuilder::memory();
    // Keys with the same synsets (a form and its stem, usually) share one list.
    let mut lists: HashMap<&BTreeSet<u32>, u64> = HashMap::new();
    let mut next: u64 = 0;
    for (k, set) in &keys {
        let count = set.len() as u64;
        if count >= 1 << 20 {
            continue;
        }
        let start = *lists.entry(set).or_insert_with(|| {
            for s in set {
                postings.extend_from_slice(&s.to_le_bytes());
            }
            next += count;
            next - count
        });
        map.insert(k, (start << 20) | count)?;
    }
    let map = map.into_inner()?;

    let mut link_offsets: Vec<u8> = Vec::new();
    let mut links: Vec<u8> = Vec::new();
    let mut name_offsets: Vec<u8> = Vec::new();
    let mut names: Vec<u8> = Vec::new();
    let mut link_count: u32 = 0;
    for data in synsets.values() {
        link_offsets.extend_from_slice(&link_count.to_le_bytes());
        let mut targets: BTreeSet<(Link, u32)> = BTreeSet::new();
        for &(link, pos, offset) in &data.links {
            if let Some(&t) = index.get(&(pos, offset)) {
                targets.insert((link, t));
            }
        }
        for (link, t) in targets {
            links.extend_from_slice(&(((link as u32) << 28) | t).to_le_bytes());
            link_count += 1;
        }
        name_offsets.extend_from_slice(&(names.len() as u32).to_le_bytes());
        names.extend_from_slice(data.words.join(",").as_bytes());
    }
    link_offsets.extend_from_slice(&link_count.to_le_bytes());
    name_offsets.extend_from_slice(&(names.len() as u32).to_le_bytes());

    // The first synset of each part of speech (synsets are sorted by part of speech).
    let mut pos_starts: Vec<u8> = Vec::new();
    for pos in [Pos::Noun, Pos::Verb, Pos::Adjective, Pos::Adverb] {
        let first = pos_of
            .iter()
            .position(|&p| p >= pos)
            .unwrap_or(pos_of.len());
        pos_starts.extend_from_slice(&(first as u32).to_le_bytes());
    }

    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(synsets.len() as u32).to_le_bytes());
    for section in [
        &map,
        &postings,
        &link_offsets,
        &links,
        &name_offsets,
        &names,
        &pos_starts,
    ] {
        out.extend_from_slice(&(section.len() as u32).to_le_bytes());
        out.extend_from_slice(section);
    }
    Ok(out)
}

/// English lemmas (single words and phrases) to their synsets, for matching a dictionary's
/// translations.
struct EnglishLemmas {
    lemmas: HashMap<String, Vec<u32>>,
}

impl EnglishLemmas {
    fn new(
        synsets: &BTreeMap<(Pos, u32), SynsetData>,
        index: &HashMap<(Pos, u32), u32>,
        words: &BTreeMap<(String, String), BTreeSet<u32>>,
    ) -> Self {
        let mut lemmas: HashMap<String, Vec<u32>> = HashMap::new();
        for ((language, word), set) in words {
            if language == "eng" {
                lemmas.entry(word.clone()).or_default().extend(set);
            }
        }
        for (k, data) in synsets {
            for phrase in &data.phrases {
                lemmas.entry(phrase.clone()).or_default().push(index[k]);
            }
        }
        for list in lemmas.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        EnglishLemmas { lemmas }
    }

    /// The synsets of an English translation ("to meet", "talks", "police station"), of
    /// part of speech `pos` when given; a plural noun falls back to its singular.
    fn synsets(&self, translation: &str, pos: Option<Pos>, pos_of: &[Pos]) -> Vec<u32> {
        let phrase = english_phrase(translation);
        if phrase.is_empty() {
            return Vec::new();
        }
        let of_pos = |list: &Vec<u32>, pos: Option<Pos>| -> Vec<u32> {
            list.iter()
                .copied()
                .filter(|&s| pos.is_none_or(|p| pos_of[s as usize] == p))
                .collect()
        };
        if let Some(list) = self.lemmas.get(&phrase) {
            let found = of_pos(list, pos);
            if !found.is_empty() {
                return found;
            }
        }
        if pos.is_none_or(|p| p == Pos::Noun) {
            for suffix in ["s", "es"] {
                if let Some(singular) = phrase.strip_suffix(suffix) {
                    if let Some(list) = self.lemmas.get(singular) {
                        let found = of_pos(list, Some(Pos::Noun));
                        if !found.is_empty() {
                            return found;
                        }
                    }
                }
            }
        }
        Vec::new()
    }
}

/// An English translation as a lemma: lowercase, without an infinitive "to" or an article,
/// white space collapsed.
fn english_phrase(text: &str) -> String {
    let lower = normalize_word(text.trim());
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 1 && matches!(words[0], "to" | "a" | "an" | "the") {
        words.remove(0);
    }
    if words.len() > 4
        || words.iter().any(|w| {
            !w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
    {
        return String::new();
    }
    words.join(" ")
}

/// A dictionary's part-of-speech tag (`<n>`, `<Adj>`, `<vt>`, `<pn>`) as WordNet's.
fn dictionary_pos(tag: &str) -> Option<Pos> {
    let tag = tag.trim().to_ascii_lowercase();
    let first = tag.split([',', ' ']).next().unwrap_or("");
    Some(match first {
        "n" | "noun" | "pn" | "pl" | "sg" => Pos::Noun,
        "v" | "vt" | "vi" | "verb" => Pos::Verb,
        "adj" | "a" => Pos::Adjective,
        "adv" => Pos::Adverb,
        _ => return None,
    })
}

/// (language, foreign word, English translation, part of speech).
type DictionaryPair = (String, String, String, Option<Pos>);

/// The [`DictionaryPair`]s of every dictionary input,
/// in input order. Only single foreign words are kept: text is looked up word by word.
fn dictionary_pairs(inputs: &[Input<'_>]) -> Result<Vec<DictionaryPair>, BuildError> {
    let mut out = Vec::new();
    for input in inputs {
        let from = out.len();
        match *input {
            Input::Dictd {
                language,
                english_first,
                index,
                dict,
            } => {
                for (n, line) in index.lines().enumerate() {
                    let mut fields = line.split('\t');
                    let (Some(headword), Some(offset), Some(length)) =
                        (fields.next(), fields.next(), fields.next())
                    else {
                        return Err(BuildError::Format {
                            line: n + 1,
                            what: "expected headword, offset and length".into(),
                        });
                    };
                    if headword.starts_with("00database") || headword.starts_with("00-database") {
                        continue;
                    }
                    let (Some(offset), Some(length)) = (base64(offset), base64(length)) else {
                        return Err(BuildError::Format {
                            line: n + 1,
                            what: format!("bad offset or length in {line:?}"),
                        });
                    };
                    let Some(entry) = dict.get(offset..offset + length) else {
                        return Err(BuildError::Format {
                            line: n + 1,
                            what: format!("entry {headword:?} lies outside the .dict file"),
                        });
                    };
                    for (translation, pos) in dictd_translations(entry) {
                        let (foreign, english) = if english_first {
                            (translation.as_str(), headword)
                        } else {
                            (headword, translation.as_str())
                        };
                        if let Some(foreign) = foreign_word(foreign) {
                            out.push((language.to_string(), foreign, english.to_string(), pos));
                        }
                    }
                }
            }
            Input::Cedict(text) => {
                for line in text.lines() {
                    if line.starts_with('#') {
                        continue;
                    }
                    let Some((head, glosses)) = line.split_once(" /") else {
                        continue;
                    };
                    let Some(foreign) = head.split(' ').nth(1).and_then(foreign_word) else {
                        continue;
                    };
                    for gloss in glosses.trim_end_matches('/').split('/') {
                        let gloss = strip_brackets(gloss);
                        let gloss = gloss.trim();
                        if CEDICT_NOT_TRANSLATIONS.iter().any(|p| gloss.starts_with(p)) {
                            continue;
                        }
                        for item in gloss.split([';', ',']) {
                            out.push((
                                "cmn".to_string(),
                                foreign.clone(),
                                item.trim().to_string(),
                                None,
                            ));
                        }
                    }
                }
            }
            _ => continue,
        }
        in_main_script(&mut out, from);
    }
    Ok(out)
}

/// How CC-CEDICT glosses that are not translations begin: measure words, variants,
/// cross-references, surnames, abbreviations, pronunciations.
const CEDICT_NOT_TRANSLATIONS: &[&str] = &[
    "CL:",
    "variant of",
    "see ",
    "surname ",
    "abbr. ",
    "used in",
    "old variant",
    "erhua variant",
    "Taiwan pr.",
    "also written",
    "also pr.",
];

/// The translations an entry of a FreeDict dictionary gives, with their part of speech: the
/// lines after the headword line, less numbering, part-of-speech tags, bracketed domains and
/// parentheses, split at commas and semicolons; example sentences, cross-references and notes
/// are left out. Definitions come through too, and are dropped when matched against lemmas.
fn dictd_translations(entry: &str) -> Vec<(String, Option<Pos>)> {
    let mut lines = entry.lines();
    let header = lines.next().unwrap_or("");
    let mut pos = header
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .and_then(|(tag, _)| dictionary_pos(tag));
    let mut out = Vec::new();
    for line in lines {
        let mut line = line.trim();
        if line.is_empty()
            || line.starts_with('"')
            || line.starts_with('{')
            || ["see:", "Synonym:", "Antonym:", "Note:", "Notes:", "From "]
                .iter()
                .any(|p| line.contains(p))
        {
            continue;
        }
        // Numbering: "1.", "I.", "2)".
        if let Some((number, rest)) = line.split_once(['.', ')']) {
            if !number.is_empty()
                && number.len() <= 4
                && number
                    .chars()
                    .all(|c| c.is_ascii_digit() || "IVX".contains(c))
            {
                line = rest.trim();
            }
        }
        if let Some(rest) = line.strip_prefix('<') {
            if let Some((tag, rest)) = rest.split_once('>') {
                pos = dictionary_pos(tag).or(pos);
                line = rest.trim();
            }
        }
        let line = strip_brackets(line);
        for item in line.split([',', ';']) {
            let item = item.trim();
            if !item.is_empty() {
                out.push((item.to_string(), pos));
            }
        }
    }
    out
}

/// The text without `[…]`, `(…)`, `<…>` and `{…}` groups.
fn strip_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '[' | '(' | '<' | '{' => depth += 1,
            ']' | ')' | '>' | '}' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A dictionary's word as a key: one word, lowercase, without stress marks (Bulgarian and
/// Russian dictionaries mark stress with a combining accent); `None` for a phrase.
fn foreign_word(text: &str) -> Option<String> {
    let word: String = normalize_word(text.trim())
        .chars()
        .filter(|&c| c != '\u{301}' && c != '\u{300}')
        .collect();
    let letters = word
        .chars()
        .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
    (single_word(&word) && word.chars().count() >= 2 && letters).then_some(word)
}

/// Whether a word is written in Latin letters.
fn latin(word: &str) -> bool {
    word.chars()
        .all(|c| c.is_ascii() || ('\u{c0}'..='\u{24f}').contains(&c))
}

/// Keeps the pairs whose foreign word is in the script most of the dictionary's foreign
/// words are in: an English gloss left in an English→Bulgarian entry is not Bulgarian.
fn in_main_script(pairs: &mut Vec<DictionaryPair>, from: usize) {
    let added = &pairs[from..];
    let latin_count = added.iter().filter(|p| latin(&p.1)).count();
    let main_latin = 2 * latin_count >= added.len();
    let mut i = from;
    while i < pairs.len() {
        if latin(&pairs[i].1) == main_latin {
            i += 1;
        } else {
            pairs.swap_remove(i);
        }
    }
}

/// A dictd base-64 number (digits `A–Z a–z 0–9 + /`, most significant first).
fn base64(text: &str) -> Option<usize> {
    let mut value: usize = 0;
    for b in text.bytes() {
        let digit = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        value = value.checked_mul(64)?.checked_add(digit as usize)?;
    }
    Some(value)
}

fn single_word(lemma: &str) -> bool {
    !lemma.is_empty() && !lemma.contains([' ', '_'])
}

/// Parses `offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] p_cnt [ptr...] | gloss`.
fn parse_data_line(line: &str) -> Result<(u32, SynsetData), String> {
    let head = line.split(" | ").next().unwrap_or(line);
    let fields: Vec<&str> = head.split_whitespace().collect();
    let get = |i: usize| {
        fields
            .get(i)
            .copied()
            .ok_or_else(|| "too few fields".to_string())
    };
    let offset: u32 = get(0)?.parse().map_err(|_| "bad offset".to_string())?;
    let w_cnt = usize::from_str_radix(get(3)?, 16).map_err(|_| "bad word count".to_string())?;
    let mut words = Vec::with_capacity(w_cnt);
    let mut phrases = Vec::new();
    for k in 0..w_cnt {
        let word = get(4 + 2 * k)?;
        // Adjective markers: "galore(ip)", "elect(p)".
        let word = word.split('(').next().unwrap_or(word);
        let word = normalize_word(word);
        if single_word(&word) {
            if !words.contains(&word) {
                words.push(word);
            }
        } else if !word.is_empty() {
            phrases.push(word.replace('_', " "));
        }
    }
    let p_at = 4 + 2 * w_cnt;
    let p_cnt: usize = get(p_at)?
        .parse()
        .map_err(|_| "bad pointer count".to_string())?;
    let mut links = Vec::new();
    for k in 0..p_cnt {
        let at = p_at + 1 + 4 * k;
        let symbol = get(at)?;
        let target: u32 = get(at + 1)?
            .parse()
            .map_err(|_| "bad pointer offset".to_string())?;
        let pos = Pos::from_letter(get(at + 2)?).ok_or("bad pointer part of speech")?;
        let link = match symbol {
            "!" => Link::Antonym,
            "&" => Link::Similar,
            "+" => Link::Derivation,
            "@" | "@i" => Link::Hypernym,
            "^" => Link::AlsoSee,
            "\\" => Link::Pertainym,
            "=" => Link::Attribute,
            _ => continue,
        };
        links.push((link, pos, target));
    }
    Ok((
        offset,
        SynsetData {
            words,
            phrases,
            links,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dictd_numbers_are_base64_most_significant_first() {
        assert_eq!(base64("A"), Some(0));
        assert_eq!(base64("B0"), Some(64 + 52));
        assert_eq!(base64("GHAt"), Some(((6 * 64 + 7) * 64) * 64 + 45));
        assert_eq!(base64("a-b"), None);
    }

    #[test]
    fn an_entry_gives_its_translations_and_not_its_notes() {
        let entry = "offen /ˈɔfən/ <adj>\n1. open, frank\n2. [fig.] candid (of people)\n \
                     see: {Offenheit}\n\"Die Tür ist offen.\"\n";
        let got = dictd_translations(entry);
        let words: Vec<&str> = got.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["open", "frank", "candid"]);
        assert!(got.iter().all(|(_, pos)| *pos == Some(Pos::Adjective)));
        // A part of speech given on the line wins over the header's.
        let entry = "Austrian\nI.  <Adj>  austriacki\nII.  <N>  Austriak\n";
        assert_eq!(
            dictd_translations(entry),
            [
                ("austriacki".to_string(), Some(Pos::Adjective)),
                ("Austriak".to_string(), Some(Pos::Noun))
            ]
        );
    }

    #[test]
    fn foreign_words_are_single_words_without_stress_marks_in_the_main_script() {
        assert_eq!(foreign_word("геста\u{301}по").as_deref(), Some("гестапо"));
        assert_eq!(foreign_word("азбука для слепых"), None);
        let pair = |w: &str| ("bul".to_string(), w.to_string(), "x".to_string(), None);
        let mut pairs = vec![pair("гент"), pair("surname"), pair("гана")];
        in_main_script(&mut pairs, 0);
        let kept: BTreeSet<&str> = pairs.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(kept, BTreeSet::from(["гент", "гана"]));
    }

    #[test]
    fn english_translations_are_matched_as_lemmas() {
        assert_eq!(english_phrase("to meet"), "meet");
        assert_eq!(english_phrase("the  Police Station"), "police station");
        assert_eq!(english_phrase("a city in North Macedonia, capital"), "");
    }
}
