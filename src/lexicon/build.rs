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
            Input::Data(..) => {}
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
    for k in 0..w_cnt {
        let word = get(4 + 2 * k)?;
        // Adjective markers: "galore(ip)", "elect(p)".
        let word = word.split('(').next().unwrap_or(word);
        let word = normalize_word(word);
        if single_word(&word) && !words.contains(&word) {
            words.push(word);
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
    Ok((offset, SynsetData { words, links }))
}
