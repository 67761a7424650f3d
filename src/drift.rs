//! What changed between two versions of an utterance: typed drift items.
//!
//! The two versions' words are aligned by a diff (the `similar` crate, Patience algorithm) on
//! their stems, so that inflection ("expects"/"expected") is not a change of words. Versions
//! in two languages are aligned on meanings instead: a word that renders a word of the other
//! version (the same sense, a synonym, the same name or number) counts as that word.
//!
//! Every region the diff marks as different is read for what a fact-checker cares about, in
//! this order, each step taking its words out of the region:
//!
//! 1. **negation** — a negator (*not*, *no*, *never*, *n't*, *without* …) on one side only;
//! 2. **tense** — the present and past (or future) forms of one verb: *is → was*,
//!    *will → would*, *expects → expected*, *find → found* (an infinitive, "to meet", has no
//!    tense: "agreed to meet" / "met" is not a tense change);
//! 3. **modality** — a modal verb, a verb of commitment or expectation or a hedge replaced by
//!    another, or added or dropped where nothing else changed (*will → could*,
//!    *promised → expected*, *quite frank → frank*);
//! 4. **number** — quantities that differ ("90 minutes" and "an hour and a half" are the same
//!    value and weigh little; "100,000" and "tens of thousands" are not); a quantity on one side
//!    only is an omission or an addition;
//! 5. the remaining content words are aligned word to word (a small edit-distance alignment
//!    whose cost is the relation of two words' meanings), so that what is reported is the
//!    words that changed and nothing around them: a run of replaced words is a
//!    **substitution** (at most [`PHRASE_WORDS`] content words a side, with the
//!    [`relation`] of their meanings: synonym, related, antonym or unrelated), or an
//!    **entity** when both sides are names (*Biden → Putin*); words on one side only are an
//!    **omission** (only in the first version) or an **addition** (only in the second); a long
//!    rewritten passage becomes several such items. Forms of one word are not drift: an
//!    inflection or derivation (*Russia / Russian*, *meet / met* after "to"), a misspelling or
//!    a dropped letter (*goverment*).
//!
//! Changes of function words alone (*the*/*a*) are translation noise and are not reported,
//! except a weighty one (a subject pronoun, *only*, *more*, *again*: per-language lists) left
//! out or put in where nothing replaces it, an omission or an addition.
//! Three kinds compare the versions as wholes: **question** (a statement rendered as a
//! question, or back), **attribution** (the same words given to different people) and
//! **quote-vs-paraphrase** (quoted in one, reported in the other).
//!
//! The words each step looks for are per-language data (`src/drift/words/*.toml`, read
//! through [`words::Words`]). Across languages only what can be aligned is judged: negation
//! when both languages list negators, numbers by value, substitutions whose words the lexicon
//! knows; modality and tense are read within one language, and words the lexicon does not know
//! are no evidence of a change (a faithful translation into a language it lacks shows none).
//!
//! # Severity
//!
//! Each item has a severity in [0, 1]: how much it can change what a reader takes the speaker
//! to have said.
//!
//! | item | severity | example |
//! |---|---:|---|
//! | negation | 0.9 | "we expect a breakthrough" → "we do not expect a breakthrough" |
//! | attribution | 0.85 | Lavrov's words given to Blinken |
//! | substitution, antonym | 0.85 | "support" → "oppose" |
//! | entity | 0.8 | "talks with Biden" → "talks with Putin" |
//! | number, different values | 0.8 | "90 minutes" → "half an hour" |
//! | question | 0.6 | "the talks were useful" → "were the talks useful?" |
//! | modality, commitment against anything else | 0.6 | "promised" → "expected" |
//! | substitution, unrelated | 0.55 | "open" → "constructive" |
//! | omission, addition | 0.15 + 0.1 a content word, at most 0.5 (addition 0.1 + 0.08, at most 0.45); a quantity 0.5 | "concerns and positions" → "positions" 0.25 |
//! | tense | 0.45 | "Russia expects" → "Russia expected" |
//! | modality, other | 0.4 (a hedge 0.35) | "will" → "could" |
//! | substitution, related | 0.4 | "talks" → "conversation" |
//! | number, same value in other words | 0.25 | "90 minutes" → "an hour and a half" |
//! | substitution, synonym | 0.25 | "swift" → "rapid" |
//! | quote-vs-paraphrase | 0.2 | quoted in one, reported in the other |
//!
//! Across languages a substitution, omission or addition weighs at most
//! [`CROSS_LANGUAGE_CAP`] (0.3) unless it is an antonym: a translation rewords, and a
//! lexicon's gap is not a change of meaning.
//!
//! A pair's severity (see `align`) is its worst item's, scaled by how sure it is that the two
//! are versions of one utterance (× 0.6 when they share nothing, × 1 from similarity 0.4, the
//! link threshold): a negation in versions linked by themselves keeps 0.9, the same negation
//! between two versions of similarity 0.2 weighs 0.72.

pub mod words;

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;
use similar::{Algorithm, DiffTag};

use crate::lexicon::{Lexicon, Meaning, Relation};
use crate::quote::{QuoteKind, Span};
use crate::score::{Features, Fragment};
use crate::text::Token;
use words::{ModalClass, Tense, Words};

/// What kind of change a drift item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DriftKind {
    /// Words replaced by other words.
    Substitution,
    /// Words in the first version missing from the second.
    Omission,
    /// Words in the second version missing from the first.
    Addition,
    /// A negation present on one side only.
    Negation,
    /// A change of modal verb, verb of expectation or commitment, or hedge.
    Modality,
    /// A quantity that differs.
    Number,
    /// A verb in another tense: *is → was*, *will → would*.
    Tense,
    /// A statement rendered as a question, or a question as a statement.
    Question,
    /// A different person, place or organization named: *Biden → Putin*.
    Entity,
    /// The same words given to different speakers.
    Attribution,
    /// Quoted in one version, reported without quotation marks in the other.
    QuoteVsParaphrase,
}

impl DriftKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [DriftKind; 11] = [
        DriftKind::Substitution,
        DriftKind::Omission,
        DriftKind::Addition,
        DriftKind::Negation,
        DriftKind::Modality,
        DriftKind::Number,
        DriftKind::Tense,
        DriftKind::Question,
        DriftKind::Entity,
        DriftKind::Attribution,
        DriftKind::QuoteVsParaphrase,
    ];

    /// The name used in reports (`quote-vs-paraphrase`).
    pub fn name(self) -> &'static str {
        match self {
            DriftKind::Substitution => "substitution",
            DriftKind::Omission => "omission",
            DriftKind::Addition => "addition",
            DriftKind::Negation => "negation",
            DriftKind::Modality => "modality",
            DriftKind::Number => "number",
            DriftKind::Tense => "tense",
            DriftKind::Question => "question",
            DriftKind::Entity => "entity",
            DriftKind::Attribution => "attribution",
            DriftKind::QuoteVsParaphrase => "quote-vs-paraphrase",
        }
    }
}

/// One change between two versions, as spans of each (an empty span marks where missing
/// words would be).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DriftItem {
    /// What kind of change.
    pub kind: DriftKind,
    /// The words in the first version (source A's bytes).
    pub a: Span,
    /// The words in the second version (source B's bytes).
    pub b: Span,
    /// How much it matters, in [0, 1].
    pub severity: f64,
    /// For a substitution, how the meanings of the words relate (see [`relation`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
}

impl DriftItem {
    /// The kind's name, with the relation for a substitution: `substitution (synonym)`.
    pub fn label(&self) -> String {
        match self.relation {
            Some(r) => format!("{} ({})", self.kind.name(), r.name()),
            None => self.kind.name().to_string(),
        }
    }

    fn new(kind: DriftKind, a: Span, b: Span, severity: f64) -> Self {
        DriftItem {
            kind,
            a,
            b,
            severity,
            relation: None,
        }
    }
}

/// How the content words of the two sides of a substitution relate, through the lexicon:
/// `antonym` when any word on one side is an antonym of one on the other; `synonym` when every
/// content word of the shorter side has a synonym (or itself) on the other; `related` when
/// some pair is synonymous or related; `unrelated` otherwise (and for words the lexicon lacks).
pub fn relation(a: &[(&Token, &Meaning)], b: &[(&Token, &Meaning)]) -> Relation {
    let relations: Vec<Vec<Relation>> = a
        .iter()
        .map(|x| b.iter().map(|y| word_relation(x, y)).collect())
        .collect();
    let any = |r: Relation| relations.iter().flatten().any(|&x| x == r);
    if any(Relation::Antonym) {
        return Relation::Antonym;
    }
    let covered_a = (0..a.len()).all(|i| relations[i].contains(&Relation::Synonym));
    let covered_b = (0..b.len()).all(|j| relations.iter().any(|row| row[j] == Relation::Synonym));
    let shorter_covered = if a.len() <= b.len() {
        covered_a
    } else {
        covered_b
    };
    if !a.is_empty() && !b.is_empty() && shorter_covered {
        Relation::Synonym
    } else if any(Relation::Synonym) || any(Relation::Related) {
        Relation::Related
    } else {
        Relation::Unrelated
    }
}

fn word_relation(x: &(&Token, &Meaning), y: &(&Token, &Meaning)) -> Relation {
    if x.0.stem == y.0.stem || (!x.1.key.is_empty() && x.1.key == y.1.key) {
        Relation::Synonym
    } else {
        x.1.relation(y.1)
    }
}

/// At most this many content words on each side of one substitution: a longer run of replaced
/// words is reported as several items.
pub const PHRASE_WORDS: usize = 3;

/// Names on both sides of a changed region are an entity change only when the region has at
/// most this many content words a side: the names then stand in the same place.
const NAME_REGION: usize = 8;

/// Across languages, a substitution, omission or addition weighs at most this much unless its
/// words are antonyms (see the module documentation).
pub const CROSS_LANGUAGE_CAP: f64 = 0.3;

const NEGATION: f64 = 0.9;
const ATTRIBUTION: f64 = 0.85;
const ENTITY: f64 = 0.8;
const NUMBER_CHANGED: f64 = 0.8;
const NUMBER_REWORDED: f64 = 0.25;
const NUMBER_ALONE: f64 = 0.5;
const QUESTION: f64 = 0.6;
const TENSE: f64 = 0.45;
const QUOTE_VS_PARAPHRASE: f64 = 0.2;

/// The severity of a substitution by the relation of its words: a synonym swap is a change of
/// wording (0.25), a related word a change of nuance (0.4), an unrelated word a change of
/// meaning (0.55), an antonym a reversal (0.85).
fn substitution_severity(relation: Relation) -> f64 {
    match relation {
        Relation::Synonym => 0.25,
        Relation::Related => 0.4,
        Relation::Unrelated => 0.55,
        Relation::Antonym => 0.85,
    }
}

fn omission_severity(content_words: usize) -> f64 {
    (0.15 + 0.1 * content_words as f64).min(0.5)
}

fn addition_severity(content_words: usize) -> f64 {
    (0.1 + 0.08 * content_words as f64).min(0.45)
}

/// One version as drift sees it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// Its words.
    pub features: &'a Features,
    /// Its span in its source.
    pub span: Span,
    /// The whole text of its source (the spans' bytes).
    pub text: &'a str,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// A key identifying its speaker across sources (persons only).
    pub speaker: Option<&'a str>,
    /// Where its speaker is named.
    pub speaker_span: Option<Span>,
}

/// A version's words within the compared window, with its language's word lists.
struct View<'a> {
    side: Side<'a>,
    tokens: &'a [Token],
    meanings: &'a [Arc<Meaning>],
    words: &'static Words,
}

impl<'a> View<'a> {
    fn new(side: Side<'a>, range: Range<usize>) -> Self {
        let tokens = limit(&side.features.tokens[range.clone()]);
        View {
            side,
            tokens,
            meanings: &side.features.meanings[range.start..range.start + tokens.len()],
            words: Words::of(&side.features.language),
        }
    }

    fn lower(&self, i: usize) -> &str {
        &self.tokens[i].lower
    }

    fn previous(&self, i: usize) -> Option<&str> {
        i.checked_sub(1).map(|p| self.lower(p))
    }

    fn negator(&self, i: usize) -> bool {
        if !self.words.is_negator(self.lower(i)) {
            return false;
        }
        let from = i.saturating_sub(3);
        let to = (i + 4).min(self.tokens.len());
        let near: Vec<&str> = (from..to).map(|k| self.lower(k)).collect();
        self.words.negates_at(&near, i - from)
    }

    fn negators(&self, range: Range<usize>) -> usize {
        range.filter(|&i| self.negator(i)).count()
    }

    /// Where a (possibly empty) run of words starting at `i` sits.
    fn at(&self, i: usize) -> usize {
        self.tokens.get(i).map_or(self.side.span.end, |t| t.start)
    }

    fn span(&self, words: &[usize], at: usize) -> Span {
        match (words.first(), words.last()) {
            (Some(&f), Some(&l)) => Span {
                start: self.tokens[f].start,
                end: self.tokens[l].end,
            },
            _ => Span { start: at, end: at },
        }
    }

    /// Whether word `i` is capitalized, in a language whose capitals mark names (and not a
    /// capitalized common word, as "Friday").
    fn capitalized(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        self.words.capitalized_names
            && !self.words.is_not_name(self.lower(i))
            && self.side.text[t.start..t.end]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// Whether word `i` is written as a name: capitalized inside a sentence (after an
    /// abbreviation such as "Gov." or "St." a sentence goes on).
    fn name_like(&self, i: usize) -> bool {
        if !self.capitalized(i) {
            return false;
        }
        let start = self.tokens[i].start;
        let before = self.side.text[..start].trim_end();
        if start <= self.side.span.start || before.len() < self.side.span.start {
            return false;
        }
        if let Some(head) = before.strip_suffix('.') {
            let word = head
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let abbreviation = (1..=4).contains(&word.chars().count())
                && word.chars().next().is_some_and(char::is_uppercase);
            return abbreviation;
        }
        !before.ends_with(['!', '?', ':', '"', '“', '”', '«', '»', '„', '‘', '\''])
    }

    /// Whether word `i` is written as a name wherever it stands: a word the lexicon does not
    /// know, or an acronym (two or more letters, all capitals).
    fn name_by_form(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        let word = &self.side.text[t.start..t.end];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        self.meanings[i].senses.is_empty()
            || (letters >= 2 && word.chars().all(|c| !c.is_lowercase()))
    }

    fn meanings_of(&self, list: &[usize]) -> Vec<(&Token, &Meaning)> {
        list.iter()
            .map(|&i| (&self.tokens[i], &*self.meanings[i]))
            .collect()
    }

    fn known(&self, i: usize) -> bool {
        let m = &self.meanings[i];
        !m.senses.is_empty() || !m.key.is_empty()
    }
}

/// The drift items between two versions; `fragment` restricts the longer one to the window the
/// shorter aligns to.
pub fn compare(a: Side<'_>, b: Side<'_>, fragment: Option<Fragment>) -> Vec<DriftItem> {
    let (a_range, b_range) = match fragment {
        Some(f) if f.a_is_fragment => (0..a.features.tokens.len(), f.window.0..f.window.1),
        Some(f) => (f.window.0..f.window.1, 0..b.features.tokens.len()),
        None => (0..a.features.tokens.len(), 0..b.features.tokens.len()),
    };
    let (va, vb) = (View::new(a, a_range), View::new(b, b_range));
    let same_language = a.features.language == b.features.language;
    let (a_keys, b_keys) = if same_language {
        (
            va.tokens.iter().map(|t| (false, key(t))).collect(),
            vb.tokens.iter().map(|t| (false, key(t))).collect(),
        )
    } else {
        translation_keys(va.tokens, va.meanings, vb.tokens, vb.meanings)
    };
    let mut items = Vec::new();
    let (quantity_a, quantity_b) = numbers(&va, &vb, same_language, &mut items);
    let pair = Compared {
        a: va,
        b: vb,
        same_language,
        quantity_a,
        quantity_b,
    };
    // Negation is judged on the whole: "poses no threat" and "did not pose a threat" negate
    // alike, though the diff sees "no" and "not" in different places. Across languages only
    // its presence is compared (Spanish "no … nada" negates once), and only when both
    // languages list their negators.
    let judged = pair.a.words.knows_negation() && pair.b.words.knows_negation();
    let (na, nb) = (
        pair.a.negators(0..pair.a.tokens.len()) as isize,
        pair.b.negators(0..pair.b.tokens.len()) as isize,
    );
    let surplus = match (judged, same_language) {
        (false, _) => 0,
        (true, true) => nb - na,
        (true, false) => (nb > 0) as isize - (na > 0) as isize,
    };
    let mut negations: Vec<(bool, DriftItem)> = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Patience, &a_keys[..], &b_keys[..]) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            if same_language {
                for k in 0..old.len() {
                    pair.tense_of_same_word(old.start + k, new.start + k, &mut items);
                }
            }
            continue;
        }
        let region_surplus =
            pair.b.negators(new.clone()) as isize - pair.a.negators(old.clone()) as isize;
        let negation = pair.region(old, new, &mut items);
        if let Some(item) = negation {
            if region_surplus.signum() == surplus.signum() && surplus != 0 {
                negations.push((tag == DiffTag::Replace, item));
            }
        }
    }
    // Negations where the other side has a counterpart (a replaced word) first.
    negations.sort_by_key(|(replaced, _)| !replaced);
    items.extend(
        negations
            .into_iter()
            .take(surplus.unsigned_abs())
            .map(|(_, item)| item),
    );
    if is_question(&a.text[a.span.start..a.span.end])
        != is_question(&b.text[b.span.start..b.span.end])
    {
        items.push(DriftItem::new(
            DriftKind::Question,
            a.span,
            b.span,
            QUESTION,
        ));
    }
    if let (Some(sa), Some(sb)) = (a.speaker, b.speaker) {
        if sa != sb {
            items.push(DriftItem::new(
                DriftKind::Attribution,
                a.speaker_span.unwrap_or(a.span),
                b.speaker_span.unwrap_or(b.span),
                ATTRIBUTION,
            ));
        }
    }
    if a.kind != b.kind {
        items.push(DriftItem::new(
            DriftKind::QuoteVsParaphrase,
            a.span,
            b.span,
            QUOTE_VS_PARAPHRASE,
        ));
    }
    items
}

/// Quantities (step 4), compared over the whole versions: phrases written alike are the same; of
/// the others, those of equal value are a number reworded ("90 minutes" / "an hour and a
/// half", within one language), the rest are paired in order as changed numbers, and what is
/// left on one side is an omission or an addition (a quantity weighs [`NUMBER_ALONE`], a date
/// as a word). Returns the words of each version that belong to a quantity.
fn numbers(
    a: &View,
    b: &View,
    same_language: bool,
    items: &mut Vec<DriftItem>,
) -> (Vec<bool>, Vec<bool>) {
    let marks = |v: &View, qs: &[Quantity]| {
        let mut marked = vec![false; v.tokens.len()];
        for q in qs {
            for &i in &q.words {
                marked[i] = true;
            }
        }
        marked
    };
    if !same_language {
        let digits = |v: &View| -> Vec<bool> {
            (0..v.tokens.len())
                .map(|i| v.words.digits(v.lower(i)).is_some())
                .collect()
        };
        items.extend(numbers_across_languages(a, b));
        return (digits(a), digits(b));
    }
    let (qa, qb) = (quantities(a), quantities(b));
    let (mut left_a, mut left_b): (Vec<usize>, Vec<usize>) =
        ((0..qa.len()).collect(), (0..qb.len()).collect());
    let surface = |v: &View, q: &Quantity| -> Vec<String> {
        q.words.iter().map(|&i| v.lower(i).to_string()).collect()
    };
    let mut take = |same: &dyn Fn(&Quantity, &Quantity) -> bool,
                    items: &mut Vec<DriftItem>,
                    severity: Option<f64>| {
        let mut k = 0;
        while k < left_a.len() {
            let x = &qa[left_a[k]];
            if let Some(m) = left_b.iter().position(|&j| same(x, &qb[j])) {
                let y = &qb[left_b[m]];
                if let Some(severity) = severity {
                    items.push(DriftItem::new(
                        DriftKind::Number,
                        a.span(&x.words, 0),
                        b.span(&y.words, 0),
                        severity,
                    ));
                }
                left_a.remove(k);
                left_b.remove(m);
            } else {
                k += 1;
            }
        }
    };
    take(&|x, y| surface(a, x) == surface(b, y), items, None);
    take(
        &|x, y| overlaps(x.value, y.value) && x.digits_only && y.digits_only,
        items,
        None,
    );
    take(
        &|x, y| overlaps(x.value, y.value),
        items,
        Some(NUMBER_REWORDED),
    );
    take(&|x, y| x.date == y.date, items, Some(NUMBER_CHANGED));
    let alone = |q: &Quantity| {
        if q.date {
            omission_severity(1)
        } else {
            NUMBER_ALONE
        }
    };
    for &k in &left_a {
        let q = &qa[k];
        let at = b.at(b.tokens.len());
        items.push(DriftItem::new(
            DriftKind::Omission,
            a.span(&q.words, 0),
            Span { start: at, end: at },
            alone(q),
        ));
    }
    for &k in &left_b {
        let q = &qb[k];
        let at = a.at(a.tokens.len());
        items.push(DriftItem::new(
            DriftKind::Addition,
            Span { start: at, end: at },
            b.span(&q.words, 0),
            alone(q),
        ));
    }
    (marks(a, &qa), marks(b, &qb))
}

/// Numbers of two versions in two languages, compared over the whole versions: the values
/// written in digits on each side that the other side lacks. One such value on each side is a
/// changed number; a value on one side only may be written in words on the other, and is not
/// reported.
fn numbers_across_languages(a: &View, b: &View) -> Option<DriftItem> {
    // Digits, times a scale word after them ("100 tisíc" is 100,000).
    let values = |v: &View| -> Vec<(usize, f64)> {
        (0..v.tokens.len())
            .filter_map(|i| {
                let x = v.words.digits(v.lower(i))?;
                let scale = (i + 1 < v.tokens.len())
                    .then(|| v.words.number(v.lower(i + 1)))
                    .flatten()
                    .filter(|s| *s >= 1000.0)
                    .unwrap_or(1.0);
                Some((i, x * scale))
            })
            .collect()
    };
    let (va, vb) = (values(a), values(b));
    // Digits split or scaled differently ("417.6万" / "4.176 million", "13 269" / "13,269")
    // still begin alike: the digits without separators and trailing zeros, one a prefix of
    // the other (at least two of them, or all).
    let digits = |v: &View, i: usize| -> String {
        let d: String = v
            .lower(i)
            .chars()
            .filter_map(|c| {
                c.to_digit(10)
                    .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
            })
            .map(|d| char::from(b'0' + d as u8))
            .collect();
        d.trim_end_matches('0').to_string()
    };
    let alike = |i: usize, j: usize| {
        let (x, y) = (digits(a, i), digits(b, j));
        let (short, long) = if x.len() <= y.len() {
            (&x, &y)
        } else {
            (&y, &x)
        };
        long.starts_with(short.as_str()) && (short.len() >= 2 || short == long)
    };
    let mut used = vec![false; vb.len()];
    let mut unmatched_a = Vec::new();
    for &(i, x) in &va {
        let found = vb.iter().enumerate().position(|(k, &(j, y))| {
            !used[k] && ((x - y).abs() <= 1e-9 * x.abs().max(1.0) || alike(i, j))
        });
        match found {
            Some(k) => used[k] = true,
            None => unmatched_a.push(i),
        }
    }
    let unmatched_b: Vec<usize> = vb
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(&(j, _), _)| j)
        .collect();
    let (&i, &j) = (unmatched_a.first()?, unmatched_b.first()?);
    Some(DriftItem::new(
        DriftKind::Number,
        a.span(&[i], 0),
        b.span(&[j], 0),
        NUMBER_CHANGED,
    ))
}

/// Whether a version is a question: it ends with a question mark (before any closing quote or
/// bracket), or opens with an inverted one.
/// Whether word `i` of `v` is word `j` of `w` negated by a prefix: without the prefix it
/// is a word the lexicon knows whose meaning is the same as or close to the other word's
/// ("unenthused" against "excited" through "enthused", "irresponsibly" against "reliably").
/// A prefixed word the lexicon knows counts only when the lexicon opposes it to the word
/// without the prefix, so that "discover" is not "cover" negated. Within one language.
fn negated(v: &View, i: usize, w: &View, j: usize) -> bool {
    let lexicon = Lexicon::embedded();
    let (token, meaning, other) = (&v.tokens[i], &*v.meanings[i], &*w.meanings[j]);
    if other.senses.is_empty() || meaning.relation(other) == Relation::Synonym {
        return false;
    }
    v.words
        .without_antonym_prefix(&token.lower)
        .any(|(prefix, rest)| {
            let stem = token.stem.strip_prefix(prefix).unwrap_or(rest);
            let base = lexicon.meaning(&v.side.features.language, rest, stem);
            !base.senses.is_empty()
                && (meaning.senses.is_empty() || lexicon.opposed(&meaning.senses, &base.senses))
                && matches!(base.relation(other), Relation::Synonym | Relation::Related)
        })
}

fn is_question(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '»' | '«' | '“' | ')' | '」' | '』')
    });
    trimmed.ends_with(['?', '？', '\u{37e}']) || trimmed.starts_with('¿')
}

/// The diff key of a token: its stem.
fn key(token: &Token) -> &str {
    token.stem.as_str()
}

/// A word as the diff sees it: its key, and whether it is the second version's own (see
/// [`translation_keys`]).
type DiffKey<'t> = (bool, &'t str);

/// Diff keys for versions in two languages: a word of the second version that renders a word
/// of the first (the same sense, a synonym, the same name or number) takes that word's key, so
/// the diff aligns translations; other words keep keys of their own, marked as the second
/// version's (`true`) so that they never equal a key of the first.
fn translation_keys<'t>(
    a: &'t [Token],
    a_meanings: &[Arc<Meaning>],
    b: &'t [Token],
    b_meanings: &[Arc<Meaning>],
) -> (Vec<DiffKey<'t>>, Vec<DiffKey<'t>>) {
    let a_keys: Vec<DiffKey> = a.iter().map(|t| (false, key(t))).collect();
    let b_keys = b
        .iter()
        .zip(b_meanings)
        .map(|(t, mb)| {
            if t.stop {
                return (true, key(t));
            }
            a.iter()
                .zip(a_meanings)
                .position(|(x, ma)| !x.stop && ma.closeness(mb) >= 0.8)
                .map_or((true, key(t)), |i| a_keys[i])
        })
        .collect();
    (a_keys, b_keys)
}

/// Versions are compared word by word over at most this many words each: a diff can take time
/// quadratic in the length, and no utterance is longer.
pub const WORD_LIMIT: usize = 2000;

/// The first [`WORD_LIMIT`] tokens.
pub fn limit(tokens: &[Token]) -> &[Token] {
    &tokens[..tokens.len().min(WORD_LIMIT)]
}

/// A changed region longer than this on both sides is not aligned word by word (the
/// alignment's cost is the product of the two lengths); its words are an omission and an
/// addition.
const ALIGNED_REGION: usize = 120;

/// The two versions being compared.
struct Compared<'a> {
    a: View<'a>,
    b: View<'a>,
    same_language: bool,
    /// The words of each version that belong to a quantity, judged by [`numbers`].
    quantity_a: Vec<bool>,
    quantity_b: Vec<bool>,
}

/// How two words of a changed region align.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Link {
    /// Forms of one word (inflection, derivation, spelling, translation): no change.
    Same,
    /// Different words, related so.
    Replaced(Relation),
}

/// One step of the word alignment of a region: indices into the region's word lists.
#[derive(Debug, Clone, Copy)]
enum Step {
    Both(usize, usize, Link),
    OnlyA(usize),
    OnlyB(usize),
}

impl Compared<'_> {
    /// Reads one differing region into items (see the module documentation for the order); a
    /// negation found in it is returned rather than pushed, for [`compare`] to weigh on the
    /// whole.
    fn region(
        &self,
        old: Range<usize>,
        new: Range<usize>,
        items: &mut Vec<DriftItem>,
    ) -> Option<DriftItem> {
        let (a, b) = (&self.a, &self.b);
        let (at_a, at_b) = (a.at(old.start), b.at(new.start));
        // 1. Negation on one side only.
        let neg_a: Vec<usize> = old.clone().filter(|&i| a.negator(i)).collect();
        let neg_b: Vec<usize> = new.clone().filter(|&j| b.negator(j)).collect();
        let negation = (neg_a.len() != neg_b.len()).then(|| {
            DriftItem::new(
                DriftKind::Negation,
                a.span(&neg_a, at_a),
                b.span(&neg_b, at_b),
                NEGATION,
            )
        });
        let mut rest_a: Vec<usize> = old
            .clone()
            .filter(|&i| !a.negator(i) || a.words.modal(a.lower(i)).is_some())
            .collect();
        let mut rest_b: Vec<usize> = new
            .clone()
            .filter(|&j| !b.negator(j) || b.words.modal(b.lower(j)).is_some())
            .collect();

        if self.same_language {
            self.tense_of_auxiliaries(&mut rest_a, &mut rest_b, &old, &new, items);
            self.modality(&mut rest_a, &mut rest_b, at_a, at_b, items);
        } else {
            // Modal words are not aligned across languages; they are not judged there.
            rest_a.retain(|&i| a.words.modal(a.lower(i)).is_none());
            rest_b.retain(|&j| b.words.modal(b.lower(j)).is_none());
        }
        // 4. Numbers are compared over the whole versions (see `numbers`): the diff may align
        // a unit and leave its number in another region ("an hour and a half" / "half an
        // hour").
        rest_a.retain(|&i| !self.quantity_a[i]);
        rest_b.retain(|&j| !self.quantity_b[j]);

        // 5. Content words, aligned word by word; a function word counts when the other side
        // has its opposite ("more" / "less"), or when it is a weighty one ("only", "again",
        // a subject pronoun) left out or put in: within one language, where the other side
        // of the region has no word left.
        let opposed = |v: &View, i: usize, w: &View, rest: &[usize]| {
            v.words.has_opposite(v.lower(i))
                && rest
                    .iter()
                    .any(|&j| v.words.opposite(v.lower(i), w.lower(j)))
        };
        let weighty = |v: &View, i: usize, other: &[usize]| {
            self.same_language && other.is_empty() && v.words.is_weighty(v.lower(i))
        };
        let content = |v: &View, rest: &[usize], w: &View, other: &[usize]| -> Vec<usize> {
            rest.iter()
                .copied()
                .filter(|&i| !v.tokens[i].stop || opposed(v, i, w, other) || weighty(v, i, other))
                .filter(|&i| self.same_language || v.known(i) || v.name_like(i))
                .collect()
        };
        let (ca, cb) = (
            content(a, &rest_a, b, &rest_b),
            content(b, &rest_b, a, &rest_a),
        );
        if ca.is_empty() && cb.is_empty() {
            return negation;
        }
        let steps = self.align_words(&ca, &cb);
        self.items_of_steps(&ca, &cb, &steps, (a.at(old.end), b.at(new.end)), items);
        negation
    }

    /// A tense change between forms of one word the diff aligned ("expects" / "expected").
    fn tense_of_same_word(&self, i: usize, j: usize, items: &mut Vec<DriftItem>) {
        let (a, b) = (&self.a, &self.b);
        if a.lower(i) == b.lower(j) || a.tokens[i].stop && b.tokens[j].stop {
            return;
        }
        let tx = a.words.tense(a.lower(i), a.previous(i), true);
        let ty = b.words.tense(b.lower(j), b.previous(j), true);
        if matches!((tx, ty), (Some(x), Some(y)) if x != y) {
            items.push(DriftItem::new(
                DriftKind::Tense,
                a.span(&[i], 0),
                b.span(&[j], 0),
                TENSE,
            ));
        }
    }

    /// Tense of auxiliaries (step 2) ("is" / "was", "will" / "would"), and a future auxiliary added
    /// before a verb whose form changed ("received" / "will receive").
    fn tense_of_auxiliaries(
        &self,
        rest_a: &mut Vec<usize>,
        rest_b: &mut Vec<usize>,
        old: &Range<usize>,
        new: &Range<usize>,
        items: &mut Vec<DriftItem>,
    ) {
        let (a, b) = (&self.a, &self.b);
        let mut taken_b: Vec<usize> = Vec::new();
        let mut taken_a: Vec<usize> = Vec::new();
        for &i in rest_a.iter() {
            let x = a.words.lemma(a.lower(i));
            let Some(j) = rest_b
                .iter()
                .copied()
                .filter(|j| !taken_b.contains(j))
                .find(|&j| {
                    a.words.tense_pair(a.lower(i), b.lower(j)) || {
                        let y = b.words.lemma(b.lower(j));
                        x != y && a.words.tense_pair(x, y)
                    }
                })
            else {
                continue;
            };
            let tx = a.words.listed_tense(a.lower(i));
            let ty = b.words.listed_tense(b.lower(j));
            if tx.is_some() && ty.is_some() && tx != ty {
                items.push(DriftItem::new(
                    DriftKind::Tense,
                    a.span(&[i], 0),
                    b.span(&[j], 0),
                    TENSE,
                ));
            }
            taken_a.push(i);
            taken_b.push(j);
        }
        rest_a.retain(|i| !taken_a.contains(i));
        rest_b.retain(|j| !taken_b.contains(j));
        // An auxiliary or verb of one tense against an auxiliary of another ("was shot" /
        // "will be shot", "said" / "will say"); modal auxiliaries other than the future are
        // modality, not tense.
        let tensed = |v: &View, i: usize| {
            v.words
                .listed_tense(v.lower(i))
                .filter(|&t| t == Tense::Future || v.words.modal(v.lower(i)).is_none())
        };
        let first =
            |v: &View, rest: &[usize]| rest.iter().copied().find(|&i| tensed(v, i).is_some());
        if let (Some(i), Some(j)) = (first(a, rest_a), first(b, rest_b)) {
            if tensed(a, i) != tensed(b, j) {
                items.push(DriftItem::new(
                    DriftKind::Tense,
                    a.span(&[i], 0),
                    b.span(&[j], 0),
                    TENSE,
                ));
                // The verb's other form goes with it ("said" / "will say": "say").
                let (ti, tj) = (a.tokens[i].stop, b.tokens[j].stop);
                rest_a.retain(|&x| x != i && (tj || self.link(x, j) != Link::Same));
                rest_b.retain(|&y| y != j && (ti || self.link(i, y) != Link::Same));
            }
        }
        // "received" / "will receive": the future is the auxiliary and the verb's new form.
        let next_changed = a
            .tokens
            .get(old.end)
            .zip(b.tokens.get(new.end))
            .is_some_and(|(x, y)| x.stem == y.stem && x.lower != y.lower);
        let future = |v: &View, i: usize| v.words.listed_tense(v.lower(i)) == Some(Tense::Future);
        if next_changed {
            let (fa, fb): (Vec<usize>, Vec<usize>) = (
                rest_a.iter().copied().filter(|&i| future(a, i)).collect(),
                rest_b.iter().copied().filter(|&j| future(b, j)).collect(),
            );
            if fa.is_empty() != fb.is_empty() {
                items.push(DriftItem::new(
                    DriftKind::Tense,
                    a.span(&fa, a.at(old.start)),
                    b.span(&fb, b.at(new.start)),
                    TENSE,
                ));
                rest_a.retain(|i| !fa.contains(i));
                rest_b.retain(|j| !fb.contains(j));
            }
        }
    }

    /// Modality (step 3): verbs of commitment or expectation pair with each other, auxiliaries and
    /// hedges with each other; a modal word with no counterpart is a change of modality only
    /// when nothing else in the region changed ("quite frank" / "frank"), otherwise it is one
    /// of the replaced words ("want" / "hate"). "will" and "won't" are one modal (the negation
    /// is judged apart).
    fn modality(
        &self,
        rest_a: &mut Vec<usize>,
        rest_b: &mut Vec<usize>,
        at_a: usize,
        at_b: usize,
        items: &mut Vec<DriftItem>,
    ) {
        let (a, b) = (&self.a, &self.b);
        let class = |v: &View, i: usize| v.words.modal(v.lower(i));
        let modal_a: Vec<usize> = rest_a
            .iter()
            .copied()
            .filter(|&i| class(a, i).is_some())
            .collect();
        let modal_b: Vec<usize> = rest_b
            .iter()
            .copied()
            .filter(|&j| class(b, j).is_some())
            .collect();
        let verbs = |c: Option<ModalClass>| {
            matches!(c, Some(ModalClass::Commitment | ModalClass::Expectation))
        };
        let other_content = |v: &View, rest: &[usize]| {
            rest.iter()
                .any(|&i| !v.tokens[i].stop && class(v, i).is_none())
        };
        let has_verb = |v: &View, list: &[usize]| list.iter().any(|&i| verbs(class(v, i)));
        // A verb of commitment or expectation against other words is one of the replaced
        // words ("want" / "hate"), not a change of modality.
        let ordinary_a = !has_verb(b, &modal_b) && other_content(b, rest_b);
        let ordinary_b = !has_verb(a, &modal_a) && other_content(a, rest_a);
        let modal_a: Vec<usize> = modal_a
            .into_iter()
            .filter(|&i| !(ordinary_a && verbs(class(a, i))))
            .collect();
        let modal_b: Vec<usize> = modal_b
            .into_iter()
            .filter(|&j| !(ordinary_b && verbs(class(b, j))))
            .collect();
        for want_verbs in [true, false] {
            let pick = |v: &View, list: &[usize]| -> Vec<usize> {
                list.iter()
                    .copied()
                    .filter(|&i| verbs(class(v, i)) == want_verbs)
                    .collect()
            };
            let (ma, mb) = (pick(a, &modal_a), pick(b, &modal_b));
            for k in 0..ma.len().max(mb.len()) {
                let (x, y) = (ma.get(k).copied(), mb.get(k).copied());
                let lemma_a = x.map(|i| a.words.lemma(a.lower(i)));
                let lemma_b = y.map(|j| b.words.lemma(b.lower(j)));
                if lemma_a == lemma_b {
                    continue;
                }
                let (cx, cy) = (x.and_then(|i| class(a, i)), y.and_then(|j| class(b, j)));
                let commitment = |c: Option<ModalClass>| c == Some(ModalClass::Commitment);
                let hedge = |c: Option<ModalClass>| c.is_none_or(|c| c == ModalClass::Hedge);
                let severity = if commitment(cx) != commitment(cy) {
                    0.6
                } else if hedge(cx) && hedge(cy) {
                    0.35
                } else {
                    0.4
                };
                items.push(DriftItem::new(
                    DriftKind::Modality,
                    a.span(&x.into_iter().collect::<Vec<_>>(), at_a),
                    b.span(&y.into_iter().collect::<Vec<_>>(), at_b),
                    severity,
                ));
            }
        }
        rest_a.retain(|i| !modal_a.contains(i));
        rest_b.retain(|j| !modal_b.contains(j));
    }

    fn capped(&self, severity: f64, relation: Option<Relation>) -> f64 {
        if self.same_language || relation == Some(Relation::Antonym) {
            severity
        } else {
            severity.min(CROSS_LANGUAGE_CAP)
        }
    }

    /// Whether words `xs` and `ys` name different things: each side starting with a capital
    /// and at most one of its words lowercase, and that one no verb (a name with a particle
    /// or a common noun after it: "Maria de Souza", "Kharvi village"), and at least one of
    /// the words a name by its place (inside a sentence, not capitalized only because a
    /// sentence starts with it) or by its form (a word the lexicon does not know, or an
    /// acronym). Within one language only.
    fn names(&self, xs: &[usize], ys: &[usize]) -> bool {
        let lexicon = Lexicon::embedded();
        let mostly = |v: &View, list: &[usize]| {
            let lowercase: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&i| !v.capitalized(i))
                .collect();
            list.first().is_some_and(|&i| v.capitalized(i))
                && lowercase.len() <= 1
                && lowercase.iter().all(|&i| {
                    v.meanings[i]
                        .senses
                        .iter()
                        .all(|&s| lexicon.part_of_speech(s) != 1)
                })
        };
        let named = |v: &View, list: &[usize]| {
            list.iter()
                .any(|&i| v.name_like(i) || (v.capitalized(i) && v.name_by_form(i)))
        };
        self.same_language
            && !xs.is_empty()
            && !ys.is_empty()
            && mostly(&self.a, xs)
            && mostly(&self.b, ys)
            && (named(&self.a, xs) || named(&self.b, ys))
    }

    /// Whether some word of `xs` is the opposite of some word of `ys`: by the language's lists,
    /// by a negating prefix on a word of the same meaning as the other ([`Self::negated`]),
    /// or by the lexicon once derivations are followed ([`Lexicon::opposed`]).
    fn opposed(&self, xs: &[usize], ys: &[usize]) -> bool {
        let lexicon = Lexicon::embedded();
        xs.iter().any(|&i| {
            ys.iter().any(|&j| {
                let (x, y) = (self.a.lower(i), self.b.lower(j));
                (self.same_language
                    && (self.a.words.opposite(x, y)
                        || negated(&self.a, i, &self.b, j)
                        || negated(&self.b, j, &self.a, i)))
                    || lexicon.opposed(&self.a.meanings[i].senses, &self.b.meanings[j].senses)
            })
        })
    }

    /// How word `i` of the first version and word `j` of the second align.
    fn link(&self, i: usize, j: usize) -> Link {
        let (a, b) = (&self.a, &self.b);
        let (ta, tb) = (&a.tokens[i], &b.tokens[j]);
        let (ma, mb) = (&*a.meanings[i], &*b.meanings[j]);
        let closeness = ma.closeness(mb);
        if !self.same_language {
            return if closeness >= 0.8 || ma.related_to(mb) {
                Link::Same
            } else {
                Link::Replaced(word_relation(&(ta, ma), &(tb, mb)))
            };
        }
        if ta.stem == tb.stem || a.words.tense_pair(&ta.lower, &tb.lower) {
            return Link::Same;
        }
        let relation = word_relation(&(ta, ma), &(tb, mb));
        if relation == Relation::Antonym || a.words.opposite(&ta.lower, &tb.lower) {
            return Link::Replaced(Relation::Antonym);
        }
        let (x, y) = (
            a.words.without_possessive(&ta.lower),
            b.words.without_possessive(&tb.lower),
        );
        if x == y {
            return Link::Same;
        }
        let (short, long) = if x.chars().count() <= y.chars().count() {
            (x, y)
        } else {
            (y, x)
        };
        let (ls, ll) = (short.chars().count(), long.chars().count());
        // Derivation and inflection: one word the start of the other (Russia / Russian).
        if ls >= 4
            && long.starts_with(short)
            && (ll - ls <= 1 || closeness > 0.0 || ma.related_to(mb))
        {
            return Link::Same;
        }
        // An irregular form of one verb (found / find, met / meet).
        let irregular = |v: &View, t: &Token| v.words.listed_tense(&t.lower) == Some(Tense::Past);
        if closeness >= 1.0
            && (irregular(a, ta) || irregular(b, tb))
            && x.chars().next() == y.chars().next()
        {
            return Link::Same;
        }
        // A misspelling or a dropped letter: close in spelling, and not two words the lexicon
        // knows apart.
        let distance = strsim::damerau_levenshtein(x, y);
        let both_known = !ma.senses.is_empty() && !mb.senses.is_empty();
        if ls >= 4
            && ((distance <= 1 && (!both_known || ls >= 6))
                || (distance <= 2 && ls >= 7 && !both_known))
        {
            return Link::Same;
        }
        // A short word with a letter dropped ("new" / "nw", "year" / "yer"), when what is
        // left is no word the lexicon knows.
        let short_meaning = if x.chars().count() <= y.chars().count() {
            ma
        } else {
            mb
        };
        if ll >= 3 && ll == ls + 1 && distance == 1 && short_meaning.senses.is_empty() {
            return Link::Same;
        }
        Link::Replaced(relation)
    }

    /// Aligns the content words of a region (indices `ca`, `cb`) by edit distance: a word on one
    /// side only costs 1, two forms of one word nothing, a replacement by the relation of their
    /// meanings. Unrelated words are paired only in a region of about equal sides, so that a
    /// word is not paired with an arbitrary one of a long insertion.
    fn align_words(&self, ca: &[usize], cb: &[usize]) -> Vec<Step> {
        let (n, m) = (ca.len(), cb.len());
        if n > ALIGNED_REGION && m > ALIGNED_REGION {
            let mut steps: Vec<Step> = (0..n).map(Step::OnlyA).collect();
            steps.extend((0..m).map(Step::OnlyB));
            return steps;
        }
        let lopsided = n.max(m) > 2 * n.min(m) + 1;
        let cost = |link: Link| match link {
            Link::Same => 0.0,
            Link::Replaced(Relation::Synonym) => 0.3,
            Link::Replaced(Relation::Antonym) => 0.3,
            Link::Replaced(Relation::Related) => 0.7,
            Link::Replaced(Relation::Unrelated) if lopsided => 2.5,
            Link::Replaced(Relation::Unrelated) => 1.6,
        };
        let links: Vec<Vec<Link>> = ca
            .iter()
            .map(|&i| cb.iter().map(|&j| self.link(i, j)).collect())
            .collect();
        // Two names stand for each other whatever their lengths ("Hezbollah" for "Arun
        // Banner Public Security Bureau"), in a short region: in a long rewrite, two names
        // are no more each other's counterpart than any two words.
        let short = n <= NAME_REGION && m <= NAME_REGION;
        let names =
            |i: usize, j: usize| short && self.a.capitalized(ca[i]) && self.b.capitalized(cb[j]);
        let cost = |i: usize, j: usize| match links[i][j] {
            Link::Replaced(Relation::Unrelated) if names(i, j) => 1.0,
            link => cost(link),
        };
        let mut table = vec![vec![0.0f64; m + 1]; n + 1];
        for (i, row) in table.iter_mut().enumerate() {
            row[0] = i as f64;
        }
        for (j, cell) in table[0].iter_mut().enumerate() {
            *cell = j as f64;
        }
        for i in 1..=n {
            for j in 1..=m {
                let both = table[i - 1][j - 1] + cost(i - 1, j - 1);
                let only = (table[i - 1][j] + 1.0).min(table[i][j - 1] + 1.0);
                table[i][j] = both.min(only);
            }
        }
        let mut steps = Vec::with_capacity(n + m);
        let (mut i, mut j) = (n, m);
        while i > 0 || j > 0 {
            if i > 0 && j > 0 {
                let link = links[i - 1][j - 1];
                if (table[i][j] - (table[i - 1][j - 1] + cost(i - 1, j - 1))).abs() < 1e-9 {
                    steps.push(Step::Both(i - 1, j - 1, link));
                    i -= 1;
                    j -= 1;
                    continue;
                }
            }
            if i > 0 && (j == 0 || (table[i][j] - (table[i - 1][j] + 1.0)).abs() < 1e-9) {
                steps.push(Step::OnlyA(i - 1));
                i -= 1;
            } else {
                steps.push(Step::OnlyB(j - 1));
                j -= 1;
            }
        }
        steps.reverse();
        steps
    }

    /// Turns the word alignment of a region into items: each run of steps between forms of
    /// one word is one change, split when longer than [`PHRASE_WORDS`] a side.
    fn items_of_steps(
        &self,
        ca: &[usize],
        cb: &[usize],
        steps: &[Step],
        end: (usize, usize),
        items: &mut Vec<DriftItem>,
    ) {
        // A run's missing words would be where the words after it start.
        let mut run: Vec<Step> = Vec::new();
        for &step in steps {
            match step {
                Step::Both(i, j, Link::Same) => {
                    if !run.is_empty() {
                        let next = (self.a.tokens[ca[i]].start, self.b.tokens[cb[j]].start);
                        self.run_items(ca, cb, &run, next, items);
                        run.clear();
                    }
                    if self.same_language {
                        self.tense_of_same_word(ca[i], cb[j], items);
                    }
                }
                _ => run.push(step),
            }
        }
        if !run.is_empty() {
            self.run_items(ca, cb, &run, end, items);
        }
    }

    /// One run of changed words: a substitution (or entity) when both sides are short, else
    /// substitutions of the paired words and omissions and additions of the others.
    fn run_items(
        &self,
        ca: &[usize],
        cb: &[usize],
        run: &[Step],
        (at_a, at_b): (usize, usize),
        items: &mut Vec<DriftItem>,
    ) {
        let side_a: Vec<usize> = run
            .iter()
            .filter_map(|s| match *s {
                Step::Both(i, _, _) | Step::OnlyA(i) => Some(ca[i]),
                Step::OnlyB(_) => None,
            })
            .collect();
        let side_b: Vec<usize> = run
            .iter()
            .filter_map(|s| match *s {
                Step::Both(_, j, _) | Step::OnlyB(j) => Some(cb[j]),
                Step::OnlyA(_) => None,
            })
            .collect();
        let short = ca.len() <= NAME_REGION && cb.len() <= NAME_REGION;
        if (side_a.len() <= PHRASE_WORDS && side_b.len() <= PHRASE_WORDS)
            || (short && self.names(&side_a, &side_b))
        {
            items.push(self.change(&side_a, &side_b, at_a, at_b, short));
            return;
        }
        // A long run: paired words in chunks, unpaired words as runs of their own.
        let mut k = 0;
        while k < run.len() {
            let both = matches!(run[k], Step::Both(..));
            let mut end = k;
            while end < run.len()
                && matches!(run[end], Step::Both(..)) == both
                && (!both || end - k < PHRASE_WORDS)
            {
                end += 1;
            }
            let chunk = &run[k..end];
            let xs: Vec<usize> = chunk
                .iter()
                .filter_map(|s| match *s {
                    Step::Both(i, _, _) | Step::OnlyA(i) => Some(ca[i]),
                    Step::OnlyB(_) => None,
                })
                .collect();
            let ys: Vec<usize> = chunk
                .iter()
                .filter_map(|s| match *s {
                    Step::Both(_, j, _) | Step::OnlyB(j) => Some(cb[j]),
                    Step::OnlyA(_) => None,
                })
                .collect();
            if both {
                items.push(self.change(&xs, &ys, at_a, at_b, short));
            } else {
                // Unpaired words of both sides: each side's words as one item.
                if !xs.is_empty() {
                    items.push(self.change(&xs, &[], at_a, at_b, short));
                }
                if !ys.is_empty() {
                    items.push(self.change(&[], &ys, at_a, at_b, short));
                }
            }
            k = end;
        }
    }

    /// The item for words `xs` of the first version replaced by words `ys` of the second
    /// (either may be empty).
    fn change(
        &self,
        xs: &[usize],
        ys: &[usize],
        at_a: usize,
        at_b: usize,
        entity: bool,
    ) -> DriftItem {
        let (a, b) = (&self.a, &self.b);
        let (sa, sb) = (a.span(xs, at_a), b.span(ys, at_b));
        match (xs.is_empty(), ys.is_empty()) {
            (false, true) => DriftItem::new(
                DriftKind::Omission,
                sa,
                sb,
                self.capped(omission_severity(xs.len()), None),
            ),
            (true, _) => DriftItem::new(
                DriftKind::Addition,
                sa,
                sb,
                self.capped(addition_severity(ys.len()), None),
            ),
            (false, false) => {
                let mut r = relation(&a.meanings_of(xs), &b.meanings_of(ys));
                if r != Relation::Synonym && entity && self.names(xs, ys) {
                    return DriftItem::new(DriftKind::Entity, sa, sb, ENTITY);
                }
                if self.same_language
                    && matches!(r, Relation::Unrelated | Relation::Related)
                    && self.opposed(xs, ys)
                {
                    r = Relation::Antonym;
                }
                // Across languages an antonym is trusted between two single words only: a
                // longer run pairs words the diff could not align.
                if !self.same_language && r == Relation::Antonym && (xs.len() > 1 || ys.len() > 1) {
                    r = Relation::Unrelated;
                }
                DriftItem {
                    kind: DriftKind::Substitution,
                    a: sa,
                    b: sb,
                    severity: self.capped(substitution_severity(r), Some(r)),
                    relation: Some(r),
                }
            }
        }
    }
}

/// A quantity phrase of a version: its words and its value range (in minutes when it has a
/// time unit).
struct Quantity {
    words: Vec<usize>,
    value: (f64, f64),
    /// Written in digits only (so that "272,000" and "272.000" are one number).
    digits_only: bool,
    /// A day of a month ("January 22").
    date: bool,
}

/// The quantity phrases of a version: runs of digits, number words and units, joined by
/// "a", "an", "and", "of" ("an hour and a half", "tens of thousands"); a weak number word
/// ("one", "half") counts only beside a unit or another number.
fn quantities(v: &View) -> Vec<Quantity> {
    let w = v.words;
    let n = v.tokens.len();
    let part = |i: usize| {
        let l = v.lower(i);
        w.digits(l).is_some()
            || w.range(l).is_some()
            || w.number(l).is_some()
            || w.unit(l).is_some()
    };
    let joiner = |i: usize| w.is_joiner(v.lower(i));
    // A comma or other mark between two words ends a phrase ("an hour and a half, half an
    // hour").
    let together = |k: usize| {
        v.side.text[v.tokens[k - 1].end..v.tokens[k].start]
            .chars()
            .all(char::is_whitespace)
    };
    let strong = |i: usize| {
        let l = v.lower(i);
        w.digits(l).is_some() || w.range(l).is_some() || (w.number(l).is_some() && !w.is_weak(l))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !part(i) {
            i += 1;
            continue;
        }
        let start = if i > 0 && matches!(v.lower(i - 1), "a" | "an") {
            i - 1
        } else {
            i
        };
        let mut end = i + 1;
        loop {
            if end < n && !together(end) {
                break;
            }
            let joined = end + 1 < n
                && together(end + 1)
                && joiner(end)
                && (part(end + 1) || (joiner(end + 1) && end + 2 < n && part(end + 2)));
            if (end < n && part(end)) || joined {
                end += 1;
            } else {
                break;
            }
        }
        let words: Vec<usize> = (i..end).filter(|&k| part(k)).collect();
        let has_unit = words.iter().any(|&k| w.unit(v.lower(k)).is_some());
        let counted = words
            .iter()
            .any(|&k| strong(k) || (w.number(v.lower(k)).is_some() && has_unit));
        if counted {
            let phrase: Vec<&str> = (start..end).map(|k| v.lower(k)).collect();
            if let Some(value) = value(w, &phrase) {
                let near_month = |k: usize| {
                    (k > 0 && w.is_month(v.lower(k - 1)))
                        || (k + 1 < n && w.is_month(v.lower(k + 1)))
                };
                out.push(Quantity {
                    digits_only: words.iter().all(|&k| w.digits(v.lower(k)).is_some()),
                    date: words.iter().any(|&k| near_month(k)),
                    words,
                    value,
                });
            }
        }
        i = end;
    }
    out
}

/// The value range of a quantity phrase.
fn value(w: &Words, words: &[&str]) -> Option<(f64, f64)> {
    // "tens of thousands", "hundreds of thousands": a range.
    for (i, word) in words.iter().enumerate() {
        if let Some(low) = w.range(word) {
            let scale = words[i + 1..]
                .iter()
                .filter_map(|x| w.number(x))
                .filter(|v| *v >= 1000.0)
                .product::<f64>();
            let low = low * scale.max(1.0);
            return Some((low, low * 10.0 - 1.0));
        }
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut unit = 1.0;
    let mut pending_article = false;
    for word in words {
        if let Some(v) = w.digits(word) {
            current += v;
        } else if let Some(u) = w.unit(word) {
            if current == 0.0 && pending_article {
                current = 1.0;
            }
            total += current * u;
            current = 0.0;
            unit = u;
            pending_article = false;
        } else if let Some(v) = w.number(word).filter(|v| *v < 1.0) {
            // "an hour and a half" (after a unit) or "half an hour" (before one).
            if total > 0.0 && current == 0.0 {
                total += v * unit;
            } else {
                current += v;
            }
            pending_article = false;
        } else if let Some(v) = w.number(word) {
            if v >= 100.0 {
                current = current.max(1.0) * v;
            } else {
                current += v;
            }
        } else if matches!(*word, "a" | "an") {
            pending_article = true;
        }
    }
    total += current;
    Some((total, total))
}

fn overlaps(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 + 1e-9 && b.0 <= a.1 + 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Analyzer;

    fn side(features: &Features, text: &str) -> Side<'static> {
        let features: &'static Features = Box::leak(Box::new(features.clone()));
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        Side {
            features,
            span: Span {
                start: 0,
                end: text.len(),
            },
            text,
            kind: QuoteKind::Direct,
            speaker: None,
            speaker_span: None,
        }
    }

    fn drift(a: &str, b: &str) -> Vec<(DriftKind, String, String)> {
        let analyzer = Analyzer::for_language("eng");
        let fa = Features::new(a, 0, a.len(), &analyzer);
        let fb = Features::new(b, 0, b.len(), &analyzer);
        compare(side(&fa, a), side(&fb, b), None)
            .into_iter()
            .map(|i| {
                (
                    i.kind,
                    a[i.a.start..i.a.end].to_string(),
                    b[i.b.start..i.b.end].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_word_swapped_is_a_substitution() {
        assert_eq!(
            drift("open and useful", "constructive and useful"),
            [(
                DriftKind::Substitution,
                "open".into(),
                "constructive".into()
            )]
        );
    }

    fn drift_in(a: &str, la: &str, b: &str, lb: &str) -> Vec<DriftItem> {
        let fa = Features::new(a, 0, a.len(), &Analyzer::for_language(la));
        let fb = Features::new(b, 0, b.len(), &Analyzer::for_language(lb));
        compare(side(&fa, a), side(&fb, b), None)
    }

    fn kinds(items: &[(DriftKind, String, String)]) -> Vec<DriftKind> {
        items.iter().map(|i| i.0).collect()
    }

    #[test]
    fn inflection_and_derivation_are_not_drift() {
        assert!(drift("Russia expects a response", "Russia expects responses").is_empty());
        assert!(drift("the Russia delegation left", "the Russian delegation left").is_empty());
        assert!(drift("they agreed to meet again", "they agreed to met again").is_empty());
    }

    #[test]
    fn a_misspelling_is_not_drift() {
        assert!(drift("the government responded", "the goverment responded").is_empty());
        assert!(drift("a difficult negotiation", "a dificult negotiation").is_empty());
        // A short word with a letter dropped, leaving no word.
        assert!(drift("the vote was held", "the ote was held").is_empty());
        assert!(drift("the talks last year", "the talks last yer").is_empty());
        // ... but leaving another word is a change.
        assert_eq!(
            kinds(&drift("the wage rose sharply", "the age rose sharply")),
            [DriftKind::Substitution]
        );
    }

    #[test]
    fn tense_changes() {
        for (a, b, x, y) in [
            (
                "Russia expects a response",
                "Russia expected a response",
                "expects",
                "expected",
            ),
            (
                "the talks are useful",
                "the talks were useful",
                "are",
                "were",
            ),
            (
                "we will respond in writing",
                "we would respond in writing",
                "will",
                "would",
            ),
            (
                "the police find the car",
                "the police found the car",
                "find",
                "found",
            ),
            (
                "Moscow received a reply",
                "Moscow will receive a reply",
                "",
                "will",
            ),
            (
                "the minister was heard",
                "the minister will be heard",
                "was",
                "will",
            ),
        ] {
            let items = drift(a, b);
            assert_eq!(
                items,
                [(DriftKind::Tense, x.to_string(), y.to_string())],
                "{a} / {b}"
            );
        }
    }

    #[test]
    fn a_statement_made_a_question() {
        let items = drift("The talks were useful.", "Were the talks useful?");
        assert_eq!(kinds(&items), [DriftKind::Question]);
        assert!(drift("Were they useful?", "Were they useful?").is_empty());
    }

    #[test]
    fn another_name_is_an_entity() {
        assert_eq!(
            drift(
                "He spoke with Biden on Friday",
                "He spoke with Putin on Friday"
            ),
            [(DriftKind::Entity, "Biden".into(), "Putin".into())]
        );
        // A long name against a short one is one item, not a substitution and an omission.
        assert_eq!(
            drift(
                "the request of the Arun Banner Security Bureau was denied",
                "the request of Hezbollah was denied"
            ),
            [(
                DriftKind::Entity,
                "Arun Banner Security Bureau".into(),
                "Hezbollah".into()
            )]
        );
        // A capital that only starts a sentence is not a name.
        assert_ne!(
            kinds(&drift("Talks resumed today", "Negotiations resumed today")),
            [DriftKind::Entity]
        );
        // ... but a word the lexicon does not know, or an acronym, is one there too.
        assert_eq!(
            drift(
                "Kowalczyk signed the contract on Monday",
                "NATO signed the contract on Monday"
            ),
            [(DriftKind::Entity, "Kowalczyk".into(), "NATO".into())]
        );
        // A name with a particle, or with a common noun beside it, is still a name.
        assert_eq!(
            drift(
                "The award went to Maria de Souza last year",
                "The award went to Zbigniew Nowak last year"
            ),
            [(
                DriftKind::Entity,
                "Maria de Souza".into(),
                "Zbigniew Nowak".into()
            )]
        );
        assert_eq!(
            drift(
                "The storm hit Kharvi village at night",
                "The storm hit Lublin at night"
            ),
            [(DriftKind::Entity, "Kharvi village".into(), "Lublin".into())]
        );
    }

    #[test]
    fn opposites_are_antonyms() {
        let relation = |a: &str, b: &str| {
            let items = drift_in(a, "eng", b, "eng");
            assert_eq!(items.len(), 1, "{a} / {b}: {items:?}");
            items[0].relation
        };
        assert_eq!(
            relation(
                "the minister was able to answer",
                "the minister was unable to answer"
            ),
            Some(Relation::Antonym)
        );
        assert_eq!(
            relation("more troops were sent", "fewer troops were sent"),
            Some(Relation::Antonym)
        );
        assert_eq!(
            relation("they supported the plan", "they opposed the plan"),
            Some(Relation::Antonym)
        );
    }

    #[test]
    fn a_kind_of_the_opposite_is_an_antonym() {
        // "victory" is a kind of success, whose opposite is failure; "founded" a way to open.
        let items = drift_in(
            "The club celebrated its victory",
            "eng",
            "The club celebrated its failure",
            "eng",
        );
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].relation, Some(Relation::Antonym));
        assert_eq!(items[0].severity, 0.85);
        let items = drift_in(
            "The town founded a museum last year",
            "eng",
            "The town closed a museum last year",
            "eng",
        );
        assert_eq!(items[0].relation, Some(Relation::Antonym), "{items:?}");
    }

    #[test]
    fn a_negating_prefix_on_a_synonym_is_an_antonym() {
        // "unenthused" is "enthused" negated, and "enthused" is close to "excited".
        let items = drift_in(
            "The delegates were excited about the summit",
            "eng",
            "The delegates were unenthused about the summit",
            "eng",
        );
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!(items[0].relation, Some(Relation::Antonym));
        // A word that only starts like a prefix is not negated: "discover" is not "cover".
        let items = drift_in(
            "They knew the truth about the deal",
            "eng",
            "They discovered the truth about the deal",
            "eng",
        );
        assert!(
            items.iter().all(|i| i.relation != Some(Relation::Antonym)),
            "{items:?}"
        );
    }

    #[test]
    fn a_long_rewrite_is_several_short_items() {
        let items = drift(
            "Lavrov described the Russian proposals as a basis for work",
            "Lavrov described another meeting between the two ministers in February as a basis for work",
        );
        assert!(!items.is_empty());
        for (kind, a, b) in &items {
            let words = |s: &str| s.split_whitespace().filter(|w| w.len() > 3).count();
            if *kind == DriftKind::Substitution {
                assert!(
                    words(a) <= PHRASE_WORDS && words(b) <= PHRASE_WORDS,
                    "{items:?}"
                );
            }
        }
    }

    #[test]
    fn prepositions_and_plans_are_not_modality() {
        for (a, b) in [
            ("about 400 people came", "around 400 people came"),
            ("they have plans for talks", "they have ideas for talks"),
        ] {
            assert!(
                !kinds(&drift(a, b)).contains(&DriftKind::Modality),
                "{a} / {b}: {:?}",
                drift(a, b)
            );
        }
    }

    #[test]
    fn a_modal_verb_against_another_word_is_a_substitution() {
        assert_eq!(
            kinds(&drift(
                "scientists want to understand it",
                "scientists refuse to understand it"
            )),
            [DriftKind::Substitution]
        );
    }

    #[test]
    fn only_quantities_are_numbers() {
        assert!(!kinds(&drift("in the second round", "in the final round"))
            .contains(&DriftKind::Number));
        assert!(
            !kinds(&drift("one of the ministers", "none of the ministers"))
                .contains(&DriftKind::Number)
        );
        // A quantity on one side only is an omission.
        assert_eq!(
            kinds(&drift(
                "the consulate opened in 1985 in Houston",
                "the consulate opened in Houston"
            )),
            [DriftKind::Omission]
        );
    }

    #[test]
    fn a_faithful_translation_has_no_alarm() {
        for (a, la, b) in [
            (
                "Die Gespräche waren offen und nützlich",
                "deu",
                "The talks were open and useful",
            ),
            (
                "Les discussions ont duré 90 minutes",
                "fra",
                "The talks lasted 90 minutes",
            ),
            (
                "Sin embargo, las conversaciones continúan",
                "spa",
                "However, the talks continue",
            ),
            (
                "В переговорах участвовали 272 000 человек",
                "rus",
                "272,000 people took part in the talks",
            ),
        ] {
            let items = drift_in(a, la, b, "eng");
            assert!(
                items.iter().all(|i| i.severity < 0.5),
                "{a} / {b}: {items:?}"
            );
        }
        // A changed number and a dropped negation are still seen.
        let items = drift_in(
            "Die Gespräche dauerten 90 Minuten",
            "deu",
            "The talks lasted 30 minutes",
            "eng",
        );
        assert!(
            items.iter().any(|i| i.kind == DriftKind::Number),
            "{items:?}"
        );
        let items = drift_in(
            "Wir erwarten keine Fortschritte",
            "deu",
            "We expect progress",
            "eng",
        );
        assert!(
            items.iter().any(|i| i.kind == DriftKind::Negation),
            "{items:?}"
        );
    }

    #[test]
    fn a_dropped_hedge_is_modality_and_the_swap_stays_a_substitution() {
        assert_eq!(
            drift("quite frank and useful", "open and useful"),
            [
                (DriftKind::Modality, "quite".into(), "".into()),
                (DriftKind::Substitution, "frank".into(), "open".into())
            ]
        );
    }

    #[test]
    fn negation_on_one_side() {
        let items = drift(
            "We expect major breakthroughs",
            "We do not expect major breakthroughs",
        );
        assert!(
            items
                .iter()
                .any(|(k, _, b)| *k == DriftKind::Negation && b == "not"),
            "{items:?}"
        );
        assert!(drift("I can’t say whether", "I cannot say whether").is_empty());
    }

    #[test]
    fn commitment_versus_expectation() {
        let items = drift(
            "the United States promised a written response",
            "the United States expected a written response",
        );
        assert_eq!(
            items,
            [(DriftKind::Modality, "promised".into(), "expected".into())]
        );
    }

    #[test]
    fn numbers_compare_by_value() {
        let same = drift(
            "the talks lasted 90 minutes",
            "the talks lasted an hour and a half",
        );
        assert_eq!(same.len(), 1);
        assert_eq!(same[0].0, DriftKind::Number);
        let analyzer = Analyzer::for_language("eng");
        let severity = |a: &str, b: &str| {
            let fa = Features::new(a, 0, a.len(), &analyzer);
            let fb = Features::new(b, 0, b.len(), &analyzer);
            compare(side(&fa, a), side(&fb, b), None)[0].severity
        };
        assert_eq!(
            severity("lasted 90 minutes", "lasted an hour and a half"),
            0.25
        );
        assert_eq!(severity("lasted 90 minutes", "lasted half an hour"), 0.8);
        assert_eq!(
            severity("100,000 troops", "tens of thousands of troops"),
            0.8
        );
        assert_eq!(
            severity("100,000 troops", "one hundred thousand troops"),
            0.25
        );
    }

    #[test]
    fn omission_and_addition() {
        assert_eq!(
            drift(
                "understanding each other's concerns and positions",
                "understanding each other's positions"
            ),
            [(DriftKind::Omission, "concerns".into(), "".into())]
        );
        assert_eq!(
            drift("a swift response", "a swift and united response"),
            [(DriftKind::Addition, "".into(), "united".into())]
        );
    }

    #[test]
    fn a_weighty_function_word_left_out_or_put_in() {
        assert_eq!(
            drift(
                "Only the mayor backed the new bridge",
                "The mayor backed the new bridge"
            ),
            [(DriftKind::Omission, "Only".into(), "".into())]
        );
        assert_eq!(
            drift(
                "The council said she would sign the bill",
                "The council said would sign the bill"
            ),
            [(DriftKind::Omission, "she".into(), "".into())]
        );
        assert_eq!(
            drift("The vote was delayed", "The vote was delayed again"),
            [(DriftKind::Addition, "".into(), "again".into())]
        );
        // Function words replaced by others are still not drift, weighty or not.
        assert!(drift("the talks were very useful", "the talks were so useful").is_empty());
        assert!(drift("a report on the talks", "the report of the talks").is_empty());
    }

    #[test]
    fn identical_versions_have_no_drift() {
        assert!(drift("We made it very clear", "We made it very clear").is_empty());
    }
}
