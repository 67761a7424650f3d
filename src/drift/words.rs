//! The words drift reads, per language: negators, modal verbs, verbs of commitment and
//! expectation, hedges, the forms that mark tense, number words and units.
//!
//! Each language is one TOML file in `src/drift/words/` (named by its ISO 639-3 code), all in
//! the shape of [`Raw`], compiled into the binary and read on first use through
//! [`Words::of`]. The algorithms in `drift` never branch on a language code: a language without
//! a file, or a list a file leaves out, simply has none of those words, and what needs them is
//! not judged (negation against Japanese, for one, whose negations are verb endings).
//!
//! To add a language, add a file: `negators` (words that negate), `negator_prefixes` /
//! `negator_suffixes` (word starts and ends that do, as French "n'" and English "n't"),
//! `not_negators` (words that match a prefix without negating), `modal`, `commitment`,
//! `expectation`, `hedge`, `capitalized_names` (whether a capital inside a sentence marks a
//! name: not in German), `weighty` (function words whose loss changes what is said: a
//! subject pronoun in a language that does not drop them, "only", "more", "again"),
//! `[lemmas]` (negated or contracted forms of a modal), `[tense]` and `[numbers]` (see the
//! English file for every key).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

use serde::Deserialize;

/// The files, by language.
const FILES: &[(&str, &str)] = &[
    ("ces", include_str!("words/ces.toml")),
    ("cmn", include_str!("words/cmn.toml")),
    ("deu", include_str!("words/deu.toml")),
    ("eng", include_str!("words/eng.toml")),
    ("fra", include_str!("words/fra.toml")),
    ("hin", include_str!("words/hin.toml")),
    ("ita", include_str!("words/ita.toml")),
    ("jpn", include_str!("words/jpn.toml")),
    ("pol", include_str!("words/pol.toml")),
    ("rus", include_str!("words/rus.toml")),
    ("spa", include_str!("words/spa.toml")),
];

/// One language's file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Raw {
    negators: Vec<String>,
    negator_prefixes: Vec<String>,
    negator_suffixes: Vec<String>,
    not_negators: Vec<String>,
    not_negator_prefixes: Vec<String>,
    not_negator_phrases: Vec<String>,
    modal: Vec<String>,
    commitment: Vec<String>,
    expectation: Vec<String>,
    hedge: Vec<String>,
    capitalized_names: bool,
    antonym_prefixes: Vec<String>,
    opposites: Vec<[String; 2]>,
    weighty: Vec<String>,
    not_names: Vec<String>,
    possessive_suffixes: Vec<String>,
    lemmas: BTreeMap<String, String>,
    tense: RawTense,
    numbers: RawNumbers,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawTense {
    past: Vec<String>,
    present: Vec<String>,
    future: Vec<String>,
    pairs: Vec<[String; 2]>,
    past_suffixes: Vec<String>,
    present_suffixes: Vec<String>,
    infinitive_markers: Vec<String>,
    irregular_past: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawNumbers {
    words: BTreeMap<String, f64>,
    ranges: BTreeMap<String, f64>,
    weak: Vec<String>,
    units: BTreeMap<String, f64>,
    joiners: Vec<String>,
    digit_suffixes: Vec<String>,
    digit_multipliers: BTreeMap<String, f64>,
    months: Vec<String>,
}

/// What a modal word does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ModalClass {
    /// A verb of commitment: *promised*, *agreed*, *pledged*.
    Commitment,
    /// A verb of expectation or wish: *expects*, *hopes*, *wants*.
    Expectation,
    /// A modal auxiliary: *will*, *could*, *must*.
    Auxiliary,
    /// A hedge: *quite*, *perhaps*, *reportedly*.
    Hedge,
}

/// The tense a word marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// *was*, *had*, *expected*, *met*.
    Past,
    /// *is*, *has*, *expects*.
    Present,
    /// *will*, *shall*.
    Future,
}

/// One language's words, ready to look up.
#[derive(Debug, Default)]
pub struct Words {
    negators: HashSet<String>,
    negator_prefixes: Vec<String>,
    negator_suffixes: Vec<String>,
    not_negators: HashSet<String>,
    not_negator_prefixes: Vec<String>,
    not_negator_phrases: Vec<Vec<String>>,
    modals: HashMap<String, ModalClass>,
    lemmas: HashMap<String, String>,
    /// Whether a capitalized word inside a sentence is a name.
    pub capitalized_names: bool,
    antonym_prefixes: Vec<String>,
    opposites: HashSet<(String, String)>,
    weighty: HashSet<String>,
    not_names: HashSet<String>,
    possessive_suffixes: Vec<String>,
    tenses: HashMap<String, Tense>,
    tense_pairs: HashSet<(String, String)>,
    past_suffixes: Vec<String>,
    present_suffixes: Vec<String>,
    infinitive_markers: HashSet<String>,
    numbers: HashMap<String, f64>,
    ranges: HashMap<String, f64>,
    weak: HashSet<String>,
    units: HashMap<String, f64>,
    joiners: HashSet<String>,
    digit_suffixes: Vec<String>,
    digit_multipliers: Vec<(String, f64)>,
    months: HashSet<String>,
}

static LANGUAGES: LazyLock<HashMap<&'static str, Words>> = LazyLock::new(|| {
    FILES
        .iter()
        .map(|&(code, text)| {
            let raw: Raw =
                toml::from_str(text).unwrap_or_else(|e| panic!("src/drift/words/{code}.toml: {e}"));
            (code, Words::from_raw(raw))
        })
        .collect()
});

static NONE: LazyLock<Words> = LazyLock::new(Words::default);

impl Words {
    /// The words of a language (ISO 639-3); a language without a file has none.
    pub fn of(code: &str) -> &'static Words {
        LANGUAGES.get(code).unwrap_or(&NONE)
    }

    fn from_raw(raw: Raw) -> Words {
        let set = |v: Vec<String>| v.into_iter().collect::<HashSet<_>>();
        let mut modals = HashMap::new();
        for (list, class) in [
            (raw.commitment, ModalClass::Commitment),
            (raw.expectation, ModalClass::Expectation),
            (raw.modal, ModalClass::Auxiliary),
            (raw.hedge, ModalClass::Hedge),
        ] {
            for w in list {
                modals.entry(w).or_insert(class);
            }
        }
        let mut tenses = HashMap::new();
        for (list, tense) in [
            (raw.tense.future, Tense::Future),
            (raw.tense.past, Tense::Past),
            (raw.tense.present, Tense::Present),
            (raw.tense.irregular_past, Tense::Past),
        ] {
            for w in list {
                tenses.entry(w).or_insert(tense);
            }
        }
        let mut tense_pairs = HashSet::new();
        for [x, y] in raw.tense.pairs {
            tense_pairs.insert((y.clone(), x.clone()));
            tense_pairs.insert((x, y));
        }
        let mut opposites = HashSet::new();
        for [x, y] in raw.opposites {
            opposites.insert((y.clone(), x.clone()));
            opposites.insert((x, y));
        }
        let mut digit_multipliers: Vec<(String, f64)> =
            raw.numbers.digit_multipliers.into_iter().collect();
        digit_multipliers.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        let mut digit_suffixes = raw.numbers.digit_suffixes;
        digit_suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Words {
            negators: set(raw.negators),
            negator_prefixes: raw.negator_prefixes,
            negator_suffixes: raw.negator_suffixes,
            not_negators: set(raw.not_negators),
            not_negator_prefixes: raw.not_negator_prefixes,
            not_negator_phrases: raw
                .not_negator_phrases
                .iter()
                .map(|p| p.split(' ').map(str::to_string).collect())
                .collect(),
            modals,
            lemmas: raw.lemmas.into_iter().collect(),
            capitalized_names: raw.capitalized_names,
            antonym_prefixes: raw.antonym_prefixes,
            opposites,
            weighty: set(raw.weighty),
            not_names: set(raw.not_names),
            possessive_suffixes: raw.possessive_suffixes,
            tenses,
            tense_pairs,
            past_suffixes: raw.tense.past_suffixes,
            present_suffixes: raw.tense.present_suffixes,
            infinitive_markers: set(raw.tense.infinitive_markers),
            numbers: raw.numbers.words.into_iter().collect(),
            ranges: raw.numbers.ranges.into_iter().collect(),
            weak: set(raw.numbers.weak),
            units: raw.numbers.units.into_iter().collect(),
            joiners: set(raw.numbers.joiners),
            digit_suffixes,
            digit_multipliers,
            months: set(raw.numbers.months),
        }
    }

    /// Whether the language lists any way to negate (otherwise negation is not judged).
    pub fn knows_negation(&self) -> bool {
        !self.negators.is_empty() || !self.negator_prefixes.is_empty()
    }

    /// Whether word `i` of a list of lowercase words negates: it is a negator and not part of a
    /// phrase that does not negate (Spanish "sin embargo", however).
    pub fn negates_at(&self, words: &[&str], i: usize) -> bool {
        if !self.is_negator(words[i]) {
            return false;
        }
        !self.not_negator_phrases.iter().any(|phrase| {
            phrase.iter().enumerate().any(|(p, w)| {
                w == words[i]
                    && i >= p
                    && words.len() >= i - p + phrase.len()
                    && phrase.iter().zip(&words[i - p..]).all(|(x, y)| x == y)
            })
        })
    }

    /// Whether a lowercase word negates.
    pub fn is_negator(&self, lower: &str) -> bool {
        if self.negators.contains(lower) {
            return true;
        }
        if self.not_negators.contains(lower)
            || self
                .not_negator_prefixes
                .iter()
                .any(|p| lower.starts_with(p.as_str()))
        {
            return false;
        }
        self.negator_prefixes
            .iter()
            .any(|p| lower.starts_with(p.as_str()))
            || self
                .negator_suffixes
                .iter()
                .any(|s| lower.ends_with(s.as_str()))
    }

    /// Whether a capitalized word is not a name (days, months: "Friday", "January").
    pub fn is_not_name(&self, lower: &str) -> bool {
        self.not_names.contains(lower)
    }

    /// A word without a possessive ending ("Russia's" → "russia").
    pub fn without_possessive<'w>(&self, lower: &'w str) -> &'w str {
        self.possessive_suffixes
            .iter()
            .find_map(|s| lower.strip_suffix(s.as_str()).filter(|r| !r.is_empty()))
            .unwrap_or(lower)
    }

    /// Whether two words are opposites by the language's lists: a listed pair of function
    /// words ("more" / "less") or one word the other with a negating prefix ("able" /
    /// "unable", "responsibly" / "irresponsibly").
    pub fn opposite(&self, x: &str, y: &str) -> bool {
        if self.opposites.contains(&(x.to_string(), y.to_string())) {
            return true;
        }
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        short.chars().count() >= 4
            && self
                .antonym_prefixes
                .iter()
                .any(|p| long.strip_prefix(p.as_str()) == Some(short))
    }

    /// The word with a negating prefix taken off ("unenthused" → "enthused"), for each of
    /// the language's prefixes it starts with, as (prefix, rest); the rest has at least four
    /// letters.
    pub fn without_antonym_prefix<'w>(
        &'w self,
        lower: &'w str,
    ) -> impl Iterator<Item = (&'w str, &'w str)> + 'w {
        self.antonym_prefixes.iter().filter_map(move |p| {
            lower
                .strip_prefix(p.as_str())
                .filter(|rest| rest.chars().count() >= 4)
                .map(|rest| (p.as_str(), rest))
        })
    }

    /// Whether a function word changes what is said when it is left out or put in ("only",
    /// "again", a subject pronoun).
    pub fn is_weighty(&self, lower: &str) -> bool {
        self.weighty.contains(lower)
    }

    /// Whether a word is one of a listed pair of opposites.
    pub fn has_opposite(&self, x: &str) -> bool {
        self.opposites.iter().any(|(a, _)| a == x)
    }

    /// The class of a modal word, if it is one.
    pub fn modal(&self, lower: &str) -> Option<ModalClass> {
        self.modals.get(lower).copied()
    }

    /// A modal without its negation or contraction ("won't" → "will").
    pub fn lemma<'w>(&'w self, lower: &'w str) -> &'w str {
        self.lemmas.get(lower).map_or(lower, String::as_str)
    }

    /// Whether two words are the present and past forms of one verb ("is" / "was").
    pub fn tense_pair(&self, x: &str, y: &str) -> bool {
        self.tense_pairs.contains(&(x.to_string(), y.to_string()))
    }

    /// Whether a word is listed as marking a tense (an auxiliary, an irregular past).
    pub fn listed_tense(&self, lower: &str) -> Option<Tense> {
        self.tenses.get(lower).copied()
    }

    /// The tense a verb form marks: listed forms, then endings; `None` after an infinitive
    /// marker ("to meet", "will meet") and for words that mark none. A bare form counts as
    /// present when `bare_is_present` (its counterpart is a form of the same verb).
    pub fn tense(
        &self,
        lower: &str,
        previous: Option<&str>,
        bare_is_present: bool,
    ) -> Option<Tense> {
        if let Some(t) = self.listed_tense(lower) {
            return Some(t);
        }
        if previous.is_some_and(|p| self.infinitive_markers.contains(p)) {
            return None;
        }
        let ends = |list: &[String]| {
            list.iter()
                .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s.as_str()))
        };
        if ends(&self.past_suffixes) {
            Some(Tense::Past)
        } else if (ends(&self.present_suffixes) && !lower.ends_with("ss"))
            || (bare_is_present && !self.past_suffixes.is_empty())
        {
            Some(Tense::Present)
        } else {
            None
        }
    }

    /// The value of a number word ("twelve" → 12).
    pub fn number(&self, lower: &str) -> Option<f64> {
        self.numbers.get(lower).copied()
    }

    /// The lower end of a plural scale word's range ("thousands" → 2000).
    pub fn range(&self, lower: &str) -> Option<f64> {
        self.ranges.get(lower).copied()
    }

    /// Whether a number word counts only beside a unit or another number ("one", "half").
    pub fn is_weak(&self, lower: &str) -> bool {
        self.weak.contains(lower)
    }

    /// Whether a word names a month (the number beside it is a date).
    pub fn is_month(&self, lower: &str) -> bool {
        self.months.contains(lower)
    }

    /// A time unit's length in minutes.
    pub fn unit(&self, lower: &str) -> Option<f64> {
        self.units.get(lower).copied()
    }

    /// Whether a word joins the parts of a quantity ("an hour and a half").
    pub fn is_joiner(&self, lower: &str) -> bool {
        self.joiners.contains(lower)
    }

    /// The value of a word written with digits: "272,000" and "272.000" (thousands),
    /// "7.1", "３０" (full-width), "1990s", "3rd", "85%", "17:07" (as 17.07), and digits
    /// followed by a multiplier ("3000万").
    pub fn digits(&self, lower: &str) -> Option<f64> {
        let folded: String = lower
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '，' => ',',
                '．' => '.',
                c => c,
            })
            .collect();
        if !folded.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let end = folded
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | ':' | '\u{a0}')))
            .unwrap_or(folded.len());
        let (number, rest) = folded.split_at(end);
        let number = number.trim_end_matches(['.', ',', ':']);
        let multiplier = if rest.is_empty() {
            1.0
        } else if let Some((_, m)) = self
            .digit_multipliers
            .iter()
            .find(|(s, _)| rest.starts_with(s.as_str()))
        {
            *m
        } else if self.digit_suffixes.iter().any(|s| s == rest) {
            1.0
        } else {
            return None;
        };
        // "1万1000": a multiplier followed by more digits adds them.
        let after = self
            .digit_multipliers
            .iter()
            .find_map(|(s, _)| rest.strip_prefix(s.as_str()))
            .filter(|r| !r.is_empty())
            .and_then(|r| self.digits(r))
            .unwrap_or(0.0);
        parse_grouped(number).map(|v| v * multiplier + after)
    }
}

/// Digits with thousands separators or a decimal point: a separator followed by exactly
/// three digits groups thousands ("272.000", "272,000"), any other marks the decimals ("7,1").
fn parse_grouped(number: &str) -> Option<f64> {
    let number = number.replace('\u{a0}', "");
    if let Some((h, m)) = number.split_once(':') {
        // A time of day: "17:07" compares as 17.07.
        let (h, m): (f64, f64) = (h.parse().ok()?, m.parse().ok()?);
        return Some(h + m / 100.0);
    }
    let groups: Vec<&str> = number.split([',', '.']).collect();
    if groups.len() == 1 {
        return number.parse().ok();
    }
    let thousands = groups[1..].iter().all(|g| g.len() == 3) && groups[0].len() <= 3;
    if thousands && (groups.len() > 2 || !number.starts_with('0')) {
        groups.concat().parse().ok()
    } else if groups.len() == 2 {
        format!("{}.{}", groups[0], groups[1]).parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_reads() {
        for (code, _) in FILES {
            let words = Words::of(code);
            assert!(
                words.knows_negation() || *code == "jpn",
                "{code} lists no negators"
            );
        }
        assert!(!Words::of("xyz").knows_negation());
    }

    #[test]
    fn negators_by_language() {
        assert!(Words::of("eng").is_negator("didn't"));
        assert!(Words::of("eng").is_negator("never"));
        assert!(!Words::of("eng").is_negator("now"));
        assert!(Words::of("fra").is_negator("n'est"));
        assert!(!Words::of("fra").is_negator("n'importe"));
        assert!(Words::of("deu").is_negator("keine"));
        assert!(Words::of("cmn").is_negator("不会"));
        assert!(!Words::of("cmn").is_negator("不断"));
        assert!(Words::of("ces").is_negator("není"));
        assert!(!Words::of("ces").is_negator("neapol"));
        let spa = Words::of("spa");
        assert!(!spa.negates_at(&["sin", "embargo", "llegó"], 0));
        assert!(spa.negates_at(&["llegó", "sin", "ayuda"], 1));
    }

    #[test]
    fn digits_in_every_convention() {
        let eng = Words::of("eng");
        assert_eq!(eng.digits("272,000"), Some(272_000.0));
        assert_eq!(eng.digits("272.000"), Some(272_000.0));
        assert_eq!(eng.digits("7.1"), Some(7.1));
        assert_eq!(eng.digits("1990s"), Some(1990.0));
        assert_eq!(eng.digits("3rd"), Some(3.0));
        assert_eq!(eng.digits("３０"), Some(30.0));
        assert_eq!(eng.digits("covid-19"), None);
        assert_eq!(eng.digits("3000万"), None);
        assert_eq!(Words::of("cmn").digits("3000万"), Some(3.0e7));
        assert_eq!(Words::of("jpn").digits("１万１０００"), Some(11_000.0));
    }

    #[test]
    fn tense_of_forms() {
        let eng = Words::of("eng");
        assert_eq!(eng.tense("expected", None, false), Some(Tense::Past));
        assert_eq!(eng.tense("expects", None, false), Some(Tense::Present));
        assert_eq!(eng.tense("met", None, false), Some(Tense::Past));
        assert_eq!(eng.tense("meet", Some("to"), true), None);
        assert_eq!(eng.tense("will", None, false), Some(Tense::Future));
        assert!(eng.tense_pair("is", "was"));
        assert!(!eng.tense_pair("is", "had"));
    }

    #[test]
    fn opposites_by_list_and_prefix() {
        let eng = Words::of("eng");
        assert!(eng.opposite("more", "less"));
        assert!(eng.opposite("unable", "able"));
        assert!(eng.opposite("responsible", "irresponsible"));
        assert!(!eng.opposite("in", "inn"));
        assert!(!eng.opposite("more", "most"));
    }
}
