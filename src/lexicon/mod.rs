//! What words mean: WordNet synsets for words of fifteen languages, and how two meanings
//! relate.
//!
//! The lexicon maps a word of a language to the WordNet 3.0 synsets ("concepts") it can
//! express. English comes from Princeton WordNet 3.0; Russian, German, French, Spanish,
//! Italian, Portuguese, Chinese, Ukrainian, Arabic, Turkish, Polish and Dutch from the Open
//! Multilingual Wordnet tables, which key their lemmas by the same synsets — so a German word
//! and an English word meet when they share a synset. Bilingual dictionaries add what the
//! wordnets lack (Bulgarian and Japanese, which have none here, and more Chinese and Polish
//! words): a word of the other language takes the synsets of its English translations, of the
//! part of speech the entry gives (see [`build`]). Between synsets it keeps the relations
//! that matter for meaning: antonym, similar-to (adjective clusters), derivation, hypernym
//! (one step), also-see, pertainym and attribute.
//!
//! # Looking a word up
//!
//! A word is looked up in the order that is most precise first:
//! 1. its lowercase form as a lemma (`useful`, `nützlich`), which includes WordNet's
//!    exception lists for English irregular forms (`went` → `go`, `better` → `good`);
//! 2. for English, WordNet's own suffix rules ("morphy": `talks` → `talk`, `agreed` →
//!    `agree`);
//! 3. its Snowball stem, matched against the stems of every lemma (stemmed with the same
//!    rust-stemmers stemmer the text is), which is what reaches Russian and German inflection
//!    (`открытыми` → stem `открыт` → `открытый`).
//!
//! # The shipped file
//!
//! The lexicon is built from the raw WordNet and OMW files by
//! `scripts/build-lexicon`, which fetches the dictionaries at the versions and checksums of
//! `lexicon/sources.txt` and runs
//! `cargo run --release --example build_lexicon -- RAW_DIR DICT_DIR lexicon/wordnet.qdlex` (see
//! [`build`]) and compiled into the library. Its layout is made to be used where it lies, not
//! parsed: a finite-state transducer (the `fst` crate) maps keys to ranges of a synset array,
//! and the relations are a compressed sparse row table. Opening it only checks the header and
//! slices the sections, so it costs microseconds; see `NOTICE` for the licences of the data.

pub mod agents;
pub mod build;

use std::sync::OnceLock;

use fst::Map;

/// The lexicon shipped with quotedrift.
static EMBEDDED: &[u8] = include_bytes!("../../lexicon/wordnet.qdlex");

/// Magic bytes at the start of a lexicon file (the last byte is the format version).
pub const MAGIC: &[u8; 8] = b"QDLEX\0\0\x02";

/// The part of speech [`Lexicon::part_of_speech`] gives a noun.
pub const NOUN: u8 = 0;

/// The part of speech [`Lexicon::part_of_speech`] gives a verb.
pub const VERB: u8 = 1;

/// The part of speech [`Lexicon::part_of_speech`] gives an adverb.
pub const ADVERB: u8 = 3;

/// A WordNet 3.0 synset, as a dense index (synsets sorted by part of speech, then offset).
pub type Synset = u32;

/// How two synsets are related, as WordNet records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Link {
    /// `!`: opposite meaning (hot / cold).
    Antonym = 0,
    /// `&`: an adjective satellite and its head (swift / fast).
    Similar = 1,
    /// `+`: morphologically related forms (agree / agreement).
    Derivation = 2,
    /// `@`, `@i`: the more general concept (talk / conversation).
    Hypernym = 3,
    /// `^`: see also.
    AlsoSee = 4,
    /// `\`: an adjective's noun, an adverb's adjective (swiftly / swift).
    Pertainym = 5,
    /// `=`: an adjective and the attribute it values (heavy / weight).
    Attribute = 6,
}

impl Link {
    fn from_bits(bits: u32) -> Option<Link> {
        Some(match bits {
            0 => Link::Antonym,
            1 => Link::Similar,
            2 => Link::Derivation,
            3 => Link::Hypernym,
            4 => Link::AlsoSee,
            5 => Link::Pertainym,
            6 => Link::Attribute,
            _ => return None,
        })
    }
}

/// How the meanings of two words relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// They share a synset, an adjective cluster or an adjective lemma: the same meaning in
    /// some sense (open / frank, rapid / swift).
    Synonym,
    /// One step apart through derivation, hypernym, also-see, pertainym or attribute, or
    /// kinds of one thing (co-hyponyms): close, not the same (talk / conversation, hour /
    /// minute).
    Related,
    /// Antonyms, directly or through their similar-to heads (support / oppose).
    Antonym,
    /// None of the above, or at least one word is not in the lexicon.
    Unrelated,
}

impl Relation {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Synonym => "synonym",
            Relation::Related => "related",
            Relation::Antonym => "antonym",
            Relation::Unrelated => "unrelated",
        }
    }
}

/// What one word can mean, as scoring needs it: every list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meaning {
    /// The synsets the word can express.
    pub senses: Vec<Synset>,
    /// Synsets that count as the same meaning ([`Lexicon::synonyms`]), senses included.
    pub synonyms: Vec<Synset>,
    /// Synsets one step away ([`Lexicon::neighbours`]).
    pub related: Vec<Synset>,
    /// Direct hypernyms of the senses.
    pub hypernyms: Vec<Synset>,
    /// Antonyms of the senses ([`Lexicon::antonyms`]).
    pub antonyms: Vec<Synset>,
    /// One synset standing for each sense's adjective cluster (the head for a satellite, the
    /// sense itself otherwise): "swift" and "rapid" have the same. Used to index versions.
    pub clusters: Vec<Synset>,
    /// The word transliterated and folded ([`crate::text::name_key`]): names and numbers meet
    /// under it across scripts. Empty for short words.
    pub key: String,
}

impl Meaning {
    /// How close two words' meanings are, in [0, 1]: 1 for the same sense or the same name or
    /// number, 0.8 for a synonym by cluster or shared lemma, 0 otherwise. Related meanings
    /// (one link away, co-hyponyms) count 0: on the annotated fixtures, crediting them joined
    /// different statements of one speaker more often than it joined versions of one.
    pub fn closeness(&self, other: &Meaning) -> f64 {
        if !self.key.is_empty() && self.key == other.key {
            return 1.0;
        }
        if self.senses.is_empty() || other.senses.is_empty() {
            return 0.0;
        }
        if intersects(&self.senses, &other.senses) {
            1.0
        } else if intersects(&self.synonyms, &other.senses)
            || intersects(&other.synonyms, &self.senses)
        {
            0.8
        } else {
            0.0
        }
    }
}

impl Meaning {
    /// Whether the two words' meanings are one link apart (see [`Lexicon::neighbours`]).
    pub fn related_to(&self, other: &Meaning) -> bool {
        intersects(&self.related, &other.senses) || intersects(&other.related, &self.senses)
    }

    /// How the two words' meanings relate: synonym when they share a sense, antonym when
    /// one has an antonym among the other's senses, synonym again by cluster or shared lemma
    /// ([`Lexicon::synonyms`]), related when one link apart or co-hyponyms (hour / minute),
    /// unrelated otherwise.
    pub fn relation(&self, other: &Meaning) -> Relation {
        if self.senses.is_empty() || other.senses.is_empty() {
            Relation::Unrelated
        } else if intersects(&self.senses, &other.senses) {
            Relation::Synonym
        } else if intersects(&self.antonyms, &other.senses)
            || intersects(&other.antonyms, &self.senses)
        {
            Relation::Antonym
        } else if intersects(&self.synonyms, &other.senses)
            || intersects(&other.synonyms, &self.senses)
        {
            Relation::Synonym
        } else if self.related_to(other) || intersects(&self.hypernyms, &other.hypernyms) {
            Relation::Related
        } else {
            Relation::Unrelated
        }
    }
}

/// Why a lexicon file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file does not start with [`MAGIC`] or has another format version.
    #[error("not a quotedrift lexicon (bad magic or version)")]
    Magic,
    /// A section is cut short or its sizes disagree.
    #[error("lexicon is truncated or corrupt ({0})")]
    Corrupt(&'static str),
    /// The key map is not a valid finite-state transducer.
    #[error("lexicon key map: {0}")]
    Fst(#[from] fst::Error),
}

/// Kind of key in the map: a lemma's lowercase form, or the stem of lemmas.
const FORM: u8 = 1;
const STEM: u8 = 2;

/// A lexicon opened over its bytes.
pub struct Lexicon {
    keys: Map<&'static [u8]>,
    postings: &'static [u8],
    link_offsets: &'static [u8],
    links: &'static [u8],
    name_offsets: &'static [u8],
    names: &'static [u8],
    synsets: u32,
    /// The first synset of nouns, verbs, adjectives and adverbs.
    pos_starts: [u32; 4],
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon")
            .field("keys", &self.keys.len())
            .field("synsets", &self.synsets)
            .finish()
    }
}

impl Lexicon {
    /// The lexicon compiled into quotedrift, opened on first use.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::open(EMBEDDED).expect("the embedded lexicon is checked by the test suite")
        })
    }

    /// Opens a lexicon over the bytes of a `.qdlex` file.
    pub fn open(bytes: &'static [u8]) -> Result<Lexicon, LexiconError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(LexiconError::Magic)?;
        let (synsets, mut rest) = take_u32(rest).ok_or(LexiconError::Corrupt("header"))?;
        let mut section = |name: &'static str| -> Result<&'static [u8], LexiconError> {
            let (len, tail) = take_u32(rest).ok_or(LexiconError::Corrupt(name))?;
            let len = len as usize;
            if tail.len() < len {
                return Err(LexiconError::Corrupt(name));
            }
            rest = &tail[len..];
            Ok(&tail[..len])
        };
        let keys = section("keys")?;
        let postings = section("postings")?;
        let link_offsets = section("link offsets")?;
        let links = section("links")?;
        let name_offsets = section("name offsets")?;
        let names = section("names")?;
        let pos = section("parts of speech")?;
        let n = synsets as usize;
        if postings.len() % 4 != 0
            || links.len() % 4 != 0
            || link_offsets.len() != 4 * (n + 1)
            || name_offsets.len() != 4 * (n + 1)
            || pos.len() != 16
        {
            return Err(LexiconError::Corrupt("section sizes"));
        }
        let lexicon = Lexicon {
            keys: Map::new(keys)?,
            postings,
            link_offsets,
            links,
            name_offsets,
            names,
            synsets,
            pos_starts: [0, 1, 2, 3].map(|i| take_u32(&pos[4 * i..]).map_or(0, |(v, _)| v)),
        };
        if lexicon.u32_at(link_offsets, n) as usize * 4 != links.len()
            || lexicon.u32_at(name_offsets, n) as usize != names.len()
        {
            return Err(LexiconError::Corrupt("offsets"));
        }
        Ok(lexicon)
    }

    /// How many synsets the lexicon knows.
    pub fn synset_count(&self) -> u32 {
        self.synsets
    }

    /// How many keys (lemma forms and stems, all languages) the lexicon holds.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Whether the lexicon knows the word and every sense of it has a part of speech that
    /// passes `test` (arguments as for [`Lexicon::senses`]).
    pub fn every_sense(
        &self,
        language: &str,
        lower: &str,
        stem: &str,
        test: impl Fn(u8) -> bool,
    ) -> bool {
        let senses = self.senses(language, lower, stem);
        !senses.is_empty() && senses.iter().all(|&s| test(self.part_of_speech(s)))
    }

    /// The synsets a word can express, sorted; empty when the lexicon does not know it.
    ///
    /// `language` is an ISO 639-3 code as [`crate::language`] gives it, `lower` the lowercase
    /// word and `stem` its Snowball stem (see the module documentation for the order).
    pub fn senses(&self, language: &str, lower: &str, stem: &str) -> Vec<Synset> {
        let language = lexicon_language(language);
        let found = self.get(language, FORM, lower);
        if language == "eng" {
            // A form can be a lemma and an inflection at once ("talks": negotiations, and
            // the verb "talk"): WordNet's morphy gives both.
            let mut out = found;
            for (base, pos) in morphy(lower) {
                out.extend(
                    self.get(language, FORM, &base)
                        .into_iter()
                        .filter(|&t| self.part_of_speech(t) == pos),
                );
            }
            if !out.is_empty() {
                out.sort_unstable();
                out.dedup();
                return out;
            }
        } else if !found.is_empty() {
            return found;
        }
        self.get(language, STEM, stem)
    }

    /// The synsets of a word as a dictionary form (lemma) only, without stemming.
    pub fn lemma_senses(&self, language: &str, lower: &str) -> Vec<Synset> {
        self.get(lexicon_language(language), FORM, lower)
    }

    /// Everything scoring needs to know about a word's meanings (the key is left empty:
    /// [`crate::text::Analyzer::meaning`] fills it).
    pub fn meaning(&self, language: &str, lower: &str, stem: &str) -> Meaning {
        self.meaning_of(self.senses(language, lower, stem))
    }

    /// The meaning of a word with these senses (sorted).
    fn meaning_of(&self, senses: Vec<Synset>) -> Meaning {
        if senses.is_empty() {
            return Meaning::default();
        }
        let mut clusters: Vec<Synset> = senses
            .iter()
            .map(|&s| {
                let mut similar = self.links(s).filter(|(l, _)| *l == Link::Similar);
                match (similar.next(), similar.next()) {
                    (Some((_, head)), None) => head.min(s),
                    _ => s,
                }
            })
            .collect();
        clusters.sort_unstable();
        clusters.dedup();
        Meaning {
            clusters,
            antonyms: self.antonyms(&senses),
            synonyms: self.synonyms(&senses),
            related: self.neighbours(&senses),
            hypernyms: self.hypernyms(&senses),
            senses,
            key: String::new(),
        }
    }

    fn get(&self, language: &str, kind: u8, word: &str) -> Vec<Synset> {
        if word.is_empty() {
            return Vec::new();
        }
        let key = build::key(language, kind, word);
        let Some(value) = self.keys.get(key) else {
            return Vec::new();
        };
        let (start, count) = ((value >> 20) as usize, (value & 0xF_FFFF) as usize);
        (start..start + count)
            .filter_map(|i| self.postings.get(4 * i..4 * i + 4))
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect()
    }

    /// The links from one synset to others.
    pub fn links(&self, synset: Synset) -> impl Iterator<Item = (Link, Synset)> + '_ {
        let s = synset as usize;
        let (start, end) = if s < self.synsets as usize {
            (
                self.u32_at(self.link_offsets, s) as usize,
                self.u32_at(self.link_offsets, s + 1) as usize,
            )
        } else {
            (0, 0)
        };
        (start..end).filter_map(move |i| {
            let entry = self.u32_at(self.links, i);
            Some((Link::from_bits(entry >> 28)?, entry & 0x0FFF_FFFF))
        })
    }

    /// The English lemmas of a synset, comma-separated (`candid,open,...`): what a report
    /// shows to explain a match.
    pub fn english(&self, synset: Synset) -> &str {
        let s = synset as usize;
        if s >= self.synsets as usize {
            return "";
        }
        let (start, end) = (
            self.u32_at(self.name_offsets, s) as usize,
            self.u32_at(self.name_offsets, s + 1) as usize,
        );
        self.names
            .get(start..end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// Synsets one step away from `synsets` (every link but antonymy), sorted.
    pub fn neighbours(&self, synsets: &[Synset]) -> Vec<Synset> {
        let mut out: Vec<Synset> = synsets
            .iter()
            .flat_map(|&s| self.links(s))
            .filter(|(link, _)| *link != Link::Antonym)
            .map(|(_, t)| t)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Antonyms of `synsets`, direct and through similar-to heads (WordNet's indirect
    /// antonymy: "swift" is similar to "fast", whose antonym is "slow"), with the satellites of
    /// those antonyms; sorted.
    pub fn antonyms(&self, synsets: &[Synset]) -> Vec<Synset> {
        let mut heads: Vec<Synset> = synsets.to_vec();
        for &s in synsets {
            heads.extend(
                self.links(s)
                    .filter(|(l, _)| *l == Link::Similar)
                    .map(|(_, t)| t),
            );
        }
        let mut out = Vec::new();
        for &h in &heads {
            for (link, t) in self.links(h) {
                if link == Link::Antonym {
                    out.push(t);
                    out.extend(
                        self.links(t)
                            .filter(|(l, _)| *l == Link::Similar)
                            .map(|(_, x)| x),
                    );
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether two words' senses are opposed once each is widened by one step of derivation
    /// or pertainym (the form of the same idea in another part of speech): "closure" and
    /// "opening" through close / open, "effectiveness" and "ineffective"; or once one side is
    /// widened by one more step to its hypernyms, so that a kind of one thing is opposed to
    /// the opposite of that thing: "found" (a way to open) against "close", "victory" (a
    /// kind of success) against "failure". WordNet records antonyms between adjectives and a
    /// few verbs and nouns; this reaches the words derived from them and their hyponyms.
    pub fn opposed(&self, a: &[Synset], b: &[Synset]) -> bool {
        let widen = |synsets: &[Synset]| {
            let mut out = synsets.to_vec();
            for &s in synsets {
                out.extend(
                    self.links(s)
                        .filter(|(l, _)| matches!(l, Link::Derivation | Link::Pertainym))
                        .map(|(_, t)| t),
                );
            }
            out.sort_unstable();
            out.dedup();
            out
        };
        let (wa, wb) = (widen(a), widen(b));
        if intersects(&self.antonyms(&wa), &wb) || intersects(&self.antonyms(&wb), &wa) {
            return true;
        }
        let up = |synsets: &[Synset]| {
            let mut out = synsets.to_vec();
            out.extend(self.hypernyms(synsets));
            out.sort_unstable();
            out.dedup();
            out
        };
        intersects(&self.antonyms(&up(&wa)), &wb) || intersects(&self.antonyms(&up(&wb)), &wa)
    }

    /// The part of speech of a synset: 0 noun, 1 verb ([`VERB`]), 2 adjective, 3 adverb.
    pub fn part_of_speech(&self, synset: Synset) -> u8 {
        self.pos_starts
            .iter()
            .rposition(|&s| synset >= s)
            .unwrap_or(0) as u8
    }

    /// Synsets that count as the same meaning as `synsets`, sorted: the synsets themselves,
    /// and for adjectives their similar-to cluster (a satellite, its head, and the head's
    /// other satellites: "swift" and "rapid" are both satellites of "fast"), and the synsets
    /// that share an English lemma of the same part of speech with them ("open" and "frank"
    /// meet through "candid").
    pub fn synonyms(&self, synsets: &[Synset]) -> Vec<Synset> {
        let mut out: Vec<Synset> = synsets.to_vec();
        for &s in synsets {
            if self.part_of_speech(s) != 2 {
                continue;
            }
            for (link, head) in self.links(s) {
                if link == Link::Similar {
                    out.push(head);
                    out.extend(
                        self.links(head)
                            .filter(|(l, _)| *l == Link::Similar)
                            .map(|(_, t)| t),
                    );
                }
            }
            for lemma in self.english(s).split(',') {
                out.extend(
                    self.get("eng", FORM, lemma)
                        .into_iter()
                        .filter(|&t| self.part_of_speech(t) == 2),
                );
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// How the meanings of two words relate, given their synsets.
    pub fn relation(&self, a: &[Synset], b: &[Synset]) -> Relation {
        self.meaning_of(a.to_vec())
            .relation(&self.meaning_of(b.to_vec()))
    }

    /// The direct hypernyms of `synsets`, sorted.
    pub fn hypernyms(&self, synsets: &[Synset]) -> Vec<Synset> {
        let mut out: Vec<Synset> = synsets
            .iter()
            .flat_map(|&s| self.links(s))
            .filter(|(link, _)| *link == Link::Hypernym)
            .map(|(_, t)| t)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn u32_at(&self, section: &[u8], index: usize) -> u32 {
        section
            .get(4 * index..4 * index + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .unwrap_or(0)
    }
}

/// A little-endian `u32` and the bytes after it.
fn take_u32(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (head, tail) = bytes.split_first_chunk::<4>()?;
    Some((u32::from_le_bytes(*head), tail))
}

/// Whether two sorted lists share an element.
pub fn intersects(a: &[Synset], b: &[Synset]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The lexicon's language code for a detected language (OMW calls Standard Arabic `arb`,
/// whatlang `ara`; Mandarin is `cmn` in both).
fn lexicon_language(code: &str) -> &str {
    match code {
        "arb" => "ara",
        "zho" => "cmn",
        other => other,
    }
}

/// WordNet's detachment rules for English inflections ("morphy"): the base forms a word may
/// be an inflection of, each with the part of speech (0 noun, 1 verb, 2 adjective) the rule
/// is for. Doubled consonants are undone as well ("planned" → "plan").
fn morphy(lower: &str) -> Vec<(String, u8)> {
    const RULES: &[(&str, &str, u8)] = &[
        ("s", "", 0),
        ("ses", "s", 0),
        ("xes", "x", 0),
        ("zes", "z", 0),
        ("ches", "ch", 0),
        ("shes", "sh", 0),
        ("men", "man", 0),
        ("ies", "y", 0),
        ("s", "", 1),
        ("ies", "y", 1),
        ("es", "e", 1),
        ("es", "", 1),
        ("ed", "e", 1),
        ("ed", "", 1),
        ("ing", "e", 1),
        ("ing", "", 1),
        ("er", "", 2),
        ("est", "", 2),
        ("er", "e", 2),
        ("est", "e", 2),
    ];
    let mut out = Vec::new();
    for &(suffix, replacement, pos) in RULES {
        let Some(base) = lower.strip_suffix(suffix) else {
            continue;
        };
        if base.chars().count() < 2 {
            continue;
        }
        out.push((format!("{base}{replacement}"), pos));
        let mut chars = base.chars().rev();
        if replacement.is_empty() && pos != 0 {
            if let (Some(x), Some(y)) = (chars.next(), chars.next()) {
                if x == y && !"aeiou".contains(x) {
                    out.push((base[..base.len() - x.len_utf8()].to_string(), pos));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn senses(language: &str, word: &str) -> Vec<Synset> {
        let analyzer = crate::text::Analyzer::for_language(language);
        Lexicon::embedded().senses(language, word, &analyzer.stem(word))
    }

    fn relation(a: (&str, &str), b: (&str, &str)) -> Relation {
        Lexicon::embedded().relation(&senses(a.0, a.1), &senses(b.0, b.1))
    }

    #[test]
    fn the_embedded_lexicon_opens_and_knows_english() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.synset_count() > 100_000);
        assert!(!senses("eng", "useful").is_empty());
        assert!(senses("eng", "qwzxv").is_empty());
    }

    #[test]
    fn irregular_and_inflected_english_forms_reach_their_lemma() {
        assert!(intersects(&senses("eng", "went"), &senses("eng", "go")));
        assert!(intersects(&senses("eng", "talks"), &senses("eng", "talk")));
        assert!(intersects(
            &senses("eng", "agreed"),
            &senses("eng", "agree")
        ));
    }

    #[test]
    fn synonyms_related_antonyms_and_unrelated_words() {
        let en = |w| ("eng", w);
        assert_eq!(relation(en("open"), en("frank")), Relation::Synonym);
        assert_eq!(relation(en("rapid"), en("swift")), Relation::Synonym);
        assert_eq!(
            relation(en("open"), en("constructive")),
            Relation::Unrelated
        );
        assert_eq!(relation(en("agree"), en("disagree")), Relation::Antonym);
    }

    #[test]
    fn words_of_other_languages_meet_english_through_synsets() {
        assert_eq!(
            relation(("deu", "nützlich"), ("eng", "useful")),
            Relation::Synonym
        );
        assert_eq!(
            relation(("rus", "полезными"), ("eng", "useful")),
            Relation::Synonym
        );
        assert_eq!(
            relation(("fra", "utiles"), ("eng", "useful")),
            Relation::Synonym
        );
    }

    #[test]
    fn a_corrupt_file_is_an_error_not_a_panic() {
        assert!(matches!(Lexicon::open(b"nope"), Err(LexiconError::Magic)));
        let mut cut = EMBEDDED[..EMBEDDED.len() / 2].to_vec();
        cut.truncate(cut.len() - 1);
        let cut: &'static [u8] = Box::leak(cut.into_boxed_slice());
        assert!(Lexicon::open(cut).is_err());
        let header_only: &'static [u8] = &EMBEDDED[..12];
        assert!(Lexicon::open(header_only).is_err());
    }
}
