//! What changed between two versions of an utterance: typed drift items.
//!
//! The two versions' words are aligned by a diff (the `similar` crate, Patience algorithm) on
//! their stems, so that inflection ("expects"/"expected") is not a change. Versions in two
//! languages are aligned on meanings instead: a word that renders a word of the other version
//! (the same sense, a synonym, the same name or number) counts as that word. Every region the
//! diff marks as different is then read for what a fact-checker cares about, in this order:
//!
//! 1. **negation** — a negator (*not*, *no*, *never*, *n't*, *without* …) on one side only;
//! 2. **modality** — a change in modal verbs, verbs of expectation or commitment and hedges
//!    (*will/would/could/might*, *expected/promised/agreed/wants*, *quite*, *about*);
//! 3. **number** — quantities that differ, or appear on one side only ("90 minutes" vs "an hour
//!    and a half" are the same value and weigh little; "100,000" vs "tens of thousands" are not);
//! 4. what remains is a **substitution** (words on both sides, with the relation of their
//!    meanings: synonym, related, antonym or unrelated), an **omission** (only in the
//!    first version) or an **addition** (only in the second). Changes of function words alone
//!    (*the*/*a*) are translation noise and are not reported.
//!
//! Two more kinds compare the versions as wholes: **attribution** (the same words given to
//! different people) and **quote-vs-paraphrase** (quoted in one, reported in the other).
//!
//! # Severity
//!
//! Each item has a severity in [0, 1]: how much it can change what a reader takes the speaker
//! to have said. Negation 0.9, attribution 0.85, a different number 0.8 (0.6 when one side has
//! none, 0.25 when the values agree), substitution by the [`relation`] of its words (antonym
//! 0.85, unrelated 0.6, related 0.45, synonym 0.3), a change between commitment and
//! expectation 0.6 (0.4 between other modals, 0.35 for a hedge), omission and addition by the
//! number of content words (0.15 + 0.1 each up to 0.6, and 0.1 + 0.08 each up to 0.5),
//! quote-vs-paraphrase 0.2. A pair's severity is its worst item, raised by up to a quarter of
//! the remaining distance by its divergence, so that among pairs with the same worst change the
//! more different ones rank first.

use serde::Serialize;
use similar::{Algorithm, DiffTag};

use crate::lexicon::{Meaning, Relation};
use crate::quote::{QuoteKind, Span};
use crate::score::{Features, Fragment};
use crate::text::Token;

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
    /// The same words given to different speakers.
    Attribution,
    /// Quoted in one version, reported without quotation marks in the other.
    QuoteVsParaphrase,
}

impl DriftKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [DriftKind; 8] = [
        DriftKind::Substitution,
        DriftKind::Omission,
        DriftKind::Addition,
        DriftKind::Negation,
        DriftKind::Modality,
        DriftKind::Number,
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
    // A long region is a rewrite, not a word swap: its first words decide.
    let (a, b) = (
        &a[..a.len().min(RELATION_WORDS)],
        &b[..b.len().min(RELATION_WORDS)],
    );
    let pair = |x: &(&Token, &Meaning), y: &(&Token, &Meaning)| {
        if x.0.stem == y.0.stem || (!x.1.key.is_empty() && x.1.key == y.1.key) {
            Relation::Synonym
        } else {
            x.1.relation(y.1)
        }
    };
    let relations: Vec<Vec<Relation>> = a
        .iter()
        .map(|x| b.iter().map(|y| pair(x, y)).collect())
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

/// How many content words of each side of a substitution [`relation`] reads.
const RELATION_WORDS: usize = 12;

/// The severity of a substitution by the relation of its words: a synonym swap is a change of
/// wording (0.3), a related word a change of nuance (0.45), an unrelated word a change of
/// meaning (0.6), an antonym a reversal (0.85).
fn substitution_severity(relation: Relation) -> f64 {
    match relation {
        Relation::Synonym => 0.3,
        Relation::Related => 0.45,
        Relation::Unrelated => 0.6,
        Relation::Antonym => 0.85,
    }
}

/// One version as drift sees it.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    /// Its words.
    pub features: &'a Features,
    /// Its span in its source.
    pub span: Span,
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// A key identifying its speaker across sources (persons only).
    pub speaker: Option<&'a str>,
    /// Where its speaker is named.
    pub speaker_span: Option<Span>,
}

const NEGATORS: &[&str] = &[
    "cannot", "neither", "never", "no", "nobody", "none", "nor", "not", "nothing", "nowhere",
    "without",
];

/// Modal verbs and verbs of commitment or expectation, by class.
fn modal_class(lower: &str) -> Option<(&'static str, u8)> {
    // class 0: commitment, 1: expectation/wish, 2: modal auxiliary, 3: hedge
    Some(match lower {
        "promise" | "promised" | "promises" | "agree" | "agreed" | "agrees" | "pledged"
        | "vowed" | "committed" | "guaranteed" => ("commitment", 0),
        "expect" | "expected" | "expects" | "expecting" | "hope" | "hoped" | "hopes" | "hoping"
        | "want" | "wants" | "wanted" | "plan" | "plans" | "planned" | "intend" | "intends"
        | "believe" | "believes" | "think" | "thinks" | "anticipate" | "anticipates" => {
            ("expectation", 1)
        }
        "will" | "would" | "could" | "might" | "may" | "can" | "should" | "must" | "shall"
        | "cannot" | "won't" | "can't" | "wouldn't" | "couldn't" | "shouldn't" => ("modal", 2),
        "quite" | "rather" | "fairly" | "very" | "somewhat" | "about" | "around"
        | "approximately" | "roughly" | "nearly" | "almost" | "likely" | "unlikely"
        | "possibly" | "perhaps" | "probably" | "reportedly" | "allegedly" | "apparently"
        | "clearly" | "certainly" => ("hedge", 3),
        _ => return None,
    })
}

fn is_negator(lower: &str) -> bool {
    NEGATORS.binary_search(&lower).is_ok() || lower.ends_with("n't")
}

/// The diff key of a token: its stem, with spelling variants of one word folded together.
fn key(token: &Token) -> &str {
    match token.lower.as_str() {
        "can't" | "cannot" => "cannot",
        _ => token.stem.as_str(),
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
    let a_meanings = &a.features.meanings[a_range.clone()];
    let b_meanings = &b.features.meanings[b_range.clone()];
    let a_tokens = limit(&a.features.tokens[a_range]);
    let b_tokens = limit(&b.features.tokens[b_range]);
    let (a_keys, b_keys) = if a.features.language == b.features.language {
        (
            a_tokens.iter().map(|t| (false, key(t))).collect(),
            b_tokens.iter().map(|t| (false, key(t))).collect(),
        )
    } else {
        translation_keys(a_tokens, a_meanings, b_tokens, b_meanings)
    };
    let mut items = Vec::new();
    // Negation is judged on the whole: "poses no threat" and "did not pose a threat" negate
    // alike, though the diff sees "no" and "not" in different places.
    let negators = |ts: &[Token]| ts.iter().filter(|t| is_negator(&t.lower)).count() as isize;
    let surplus = negators(b_tokens) - negators(a_tokens);
    let mut negations: Vec<(bool, DriftItem)> = Vec::new();
    for op in similar::capture_diff_slices(Algorithm::Patience, &a_keys[..], &b_keys[..]) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let at_a = position(a_tokens, old.start, a.span.end);
        let at_b = position(b_tokens, new.start, b.span.end);
        let region_surplus = negators(&b_tokens[new.clone()]) - negators(&a_tokens[old.clone()]);
        let region_a: Vec<(&Token, &Meaning)> = a_tokens[old.clone()]
            .iter()
            .zip(a_meanings[old].iter().map(|m| &**m))
            .collect();
        let region_b: Vec<(&Token, &Meaning)> = b_tokens[new.clone()]
            .iter()
            .zip(b_meanings[new].iter().map(|m| &**m))
            .collect();
        if let Some(item) = classify_region(&region_a, &region_b, at_a, at_b, &mut items) {
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
    if let (Some(sa), Some(sb)) = (a.speaker, b.speaker) {
        if sa != sb {
            items.push(DriftItem::new(
                DriftKind::Attribution,
                a.speaker_span.unwrap_or(a.span),
                b.speaker_span.unwrap_or(b.span),
                0.85,
            ));
        }
    }
    if a.kind != b.kind {
        items.push(DriftItem::new(
            DriftKind::QuoteVsParaphrase,
            a.span,
            b.span,
            0.2,
        ));
    }
    items
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
    a_meanings: &[std::sync::Arc<Meaning>],
    b: &'t [Token],
    b_meanings: &[std::sync::Arc<Meaning>],
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

/// Where a (possibly empty) run of tokens starting at `index` sits: its first token's start, or
/// the end of the version.
fn position(tokens: &[Token], index: usize, end: usize) -> usize {
    tokens.get(index).map_or(end, |t| t.start)
}

fn span_of(tokens: &[&Token], otherwise: usize) -> Span {
    match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => Span {
            start: first.start,
            end: last.end,
        },
        _ => Span {
            start: otherwise,
            end: otherwise,
        },
    }
}

/// Reads one differing region into items (see the module documentation for the order); a
/// negation found in it is returned rather than pushed, for [`compare`] to weigh on the whole.
fn classify_region(
    a_words: &[(&Token, &Meaning)],
    b_words: &[(&Token, &Meaning)],
    at_a: usize,
    at_b: usize,
    items: &mut Vec<DriftItem>,
) -> Option<DriftItem> {
    let a: Vec<&Token> = a_words.iter().map(|(t, _)| *t).collect();
    let b: Vec<&Token> = b_words.iter().map(|(t, _)| *t).collect();
    let mut rest_a: Vec<&Token> = a.clone();
    let mut rest_b: Vec<&Token> = b.clone();

    // 1. Negation on one side only.
    let neg_a: Vec<&Token> = a.iter().copied().filter(|t| is_negator(&t.lower)).collect();
    let neg_b: Vec<&Token> = b.iter().copied().filter(|t| is_negator(&t.lower)).collect();
    let negation = (neg_a.len() != neg_b.len()).then(|| {
        DriftItem::new(
            DriftKind::Negation,
            span_of(&neg_a, at_a),
            span_of(&neg_b, at_b),
            0.9,
        )
    });
    rest_a.retain(|t| !is_negator(&t.lower) || modal_class(&t.lower).is_some());
    rest_b.retain(|t| !is_negator(&t.lower) || modal_class(&t.lower).is_some());

    // 2. Modality: verbs of commitment or expectation pair with each other, auxiliaries and
    // hedges with each other; "will" and "won't" are the same modal (the negation is judged
    // above).
    let modal_a: Vec<&Token> = rest_a
        .iter()
        .copied()
        .filter(|t| modal_class(&t.lower).is_some())
        .collect();
    let modal_b: Vec<&Token> = rest_b
        .iter()
        .copied()
        .filter(|t| modal_class(&t.lower).is_some())
        .collect();
    for verbs in [true, false] {
        let (ma, mb) = (modals_of(&modal_a, verbs), modals_of(&modal_b, verbs));
        for k in 0..ma.len().max(mb.len()) {
            let (x, y) = (ma.get(k).copied(), mb.get(k).copied());
            let lemma = |t: Option<&Token>| t.map(|t| modal_lemma(&t.lower).to_string());
            if lemma(x) == lemma(y) {
                continue;
            }
            let class = |t: Option<&Token>| t.and_then(|t| modal_class(&t.lower)).map(|(_, c)| c);
            let (cx, cy) = (class(x), class(y));
            let severity = if (cx == Some(0)) != (cy == Some(0)) {
                0.6
            } else if cx.unwrap_or(3) == 3 && cy.unwrap_or(3) == 3 {
                0.35
            } else {
                0.4
            };
            items.push(DriftItem::new(
                DriftKind::Modality,
                span_of(&x.into_iter().collect::<Vec<_>>(), at_a),
                span_of(&y.into_iter().collect::<Vec<_>>(), at_b),
                severity,
            ));
        }
    }
    rest_a.retain(|t| modal_class(&t.lower).is_none());
    rest_b.retain(|t| modal_class(&t.lower).is_none());

    // 3. Numbers.
    let num_a: Vec<&Token> = rest_a
        .iter()
        .copied()
        .filter(|t| is_number_word(&t.lower))
        .collect();
    let num_b: Vec<&Token> = rest_b
        .iter()
        .copied()
        .filter(|t| is_number_word(&t.lower))
        .collect();
    if num_a.iter().chain(&num_b).any(|t| is_quantity(&t.lower)) {
        let (va, vb) = (quantity(&num_a), quantity(&num_b));
        let severity = match (va, vb) {
            (Some(x), Some(y)) if overlaps(x, y) => 0.25,
            (Some(_), Some(_)) => 0.8,
            _ => 0.6,
        };
        items.push(DriftItem::new(
            DriftKind::Number,
            span_of(&num_a, at_a),
            span_of(&num_b, at_b),
            severity,
        ));
        rest_a.retain(|t| !is_number_word(&t.lower));
        rest_b.retain(|t| !is_number_word(&t.lower));
    }

    // 4. Substitution, omission, addition — of content words.
    let content = |ts: &[&Token]| ts.iter().filter(|t| !t.stop).count();
    let (ca, cb) = (content(&rest_a), content(&rest_b));
    if ca == 0 && cb == 0 {
        return negation;
    }
    let (kind, severity, relation) = match (rest_a.is_empty(), rest_b.is_empty()) {
        (false, false) if ca > 0 && cb > 0 => {
            let r = relation(
                &content_meanings(&rest_a, a_words),
                &content_meanings(&rest_b, b_words),
            );
            (DriftKind::Substitution, substitution_severity(r), Some(r))
        }
        (false, _) if cb == 0 => (DriftKind::Omission, (0.15 + 0.1 * ca as f64).min(0.6), None),
        _ => (DriftKind::Addition, (0.1 + 0.08 * cb as f64).min(0.5), None),
    };
    items.push(DriftItem {
        kind,
        a: span_of(trim_stopwords(&rest_a), at_a),
        b: span_of(trim_stopwords(&rest_b), at_b),
        severity,
        relation,
    });
    negation
}

/// The content words of `rest`, with their meanings from `all`.
fn content_meanings<'t>(
    rest: &[&'t Token],
    all: &[(&'t Token, &'t Meaning)],
) -> Vec<(&'t Token, &'t Meaning)> {
    rest.iter()
        .filter(|t| !t.stop)
        .filter_map(|t| all.iter().find(|(w, _)| std::ptr::eq(*w, *t)).copied())
        .collect()
}

/// Drops stopwords at both ends ("concerns and" → "concerns").
fn trim_stopwords<'s, 't>(tokens: &'s [&'t Token]) -> &'s [&'t Token] {
    let start = tokens.iter().position(|t| !t.stop).unwrap_or(tokens.len());
    let end = tokens
        .iter()
        .rposition(|t| !t.stop)
        .map_or(start, |i| i + 1);
    &tokens[start..end]
}

/// The modal tokens that are verbs of commitment or expectation (`verbs`), or the others.
fn modals_of<'t>(tokens: &[&'t Token], verbs: bool) -> Vec<&'t Token> {
    tokens
        .iter()
        .copied()
        .filter(|t| modal_class(&t.lower).is_some_and(|(_, c)| (c <= 1) == verbs))
        .collect()
}

/// A modal with any negation removed ("won't" → "will", "cannot" → "can").
fn modal_lemma(lower: &str) -> &str {
    match lower {
        "won't" => "will",
        "can't" | "cannot" => "can",
        "wouldn't" => "would",
        "couldn't" => "could",
        "shouldn't" => "should",
        other => other,
    }
}

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("billion", 1e9),
    ("billions", 1e9),
    ("dozen", 12.0),
    ("dozens", 12.0),
    ("eight", 8.0),
    ("eighty", 80.0),
    ("eleven", 11.0),
    ("fifteen", 15.0),
    ("fifty", 50.0),
    ("five", 5.0),
    ("forty", 40.0),
    ("four", 4.0),
    ("half", 0.5),
    ("hundred", 100.0),
    ("hundreds", 100.0),
    ("million", 1e6),
    ("millions", 1e6),
    ("nine", 9.0),
    ("ninety", 90.0),
    ("one", 1.0),
    ("quarter", 0.25),
    ("seven", 7.0),
    ("seventy", 70.0),
    ("six", 6.0),
    ("sixty", 60.0),
    ("ten", 10.0),
    ("tens", 10.0),
    ("thirty", 30.0),
    ("thousand", 1e3),
    ("thousands", 1e3),
    ("three", 3.0),
    ("twelve", 12.0),
    ("twenty", 20.0),
    ("two", 2.0),
];

/// Time units, in minutes.
const UNITS: &[(&str, f64)] = &[
    ("day", 1440.0),
    ("days", 1440.0),
    ("hour", 60.0),
    ("hours", 60.0),
    ("minute", 1.0),
    ("minutes", 1.0),
    ("week", 10080.0),
    ("weeks", 10080.0),
];

fn lookup(list: &[(&str, f64)], word: &str) -> Option<f64> {
    list.binary_search_by(|(w, _)| w.cmp(&word))
        .ok()
        .map(|i| list[i].1)
}

fn digits(word: &str) -> Option<f64> {
    let cleaned: String = word
        .chars()
        .filter(|c| *c != ',' && *c != '\u{a0}' && *c != ' ')
        .collect();
    cleaned.parse().ok()
}

/// A word that is itself a quantity (a numeral or number word).
fn is_quantity(lower: &str) -> bool {
    digits(lower).is_some() || lookup(NUMBER_WORDS, lower).is_some()
}

/// A word that belongs to a quantity phrase ("an hour and a half").
fn is_number_word(lower: &str) -> bool {
    is_quantity(lower)
        || lookup(UNITS, lower).is_some()
        || matches!(lower, "a" | "an" | "and" | "of")
}

/// The value range of a quantity phrase, in minutes when it has a time unit.
fn quantity(tokens: &[&Token]) -> Option<(f64, f64)> {
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    if !words.iter().any(|w| is_quantity(w)) {
        return None;
    }
    // "tens of thousands", "hundreds of thousands": a range.
    for (i, w) in words.iter().enumerate() {
        if matches!(
            *w,
            "tens" | "hundreds" | "dozens" | "thousands" | "millions"
        ) {
            let base = lookup(NUMBER_WORDS, w)?;
            let scale = words[i + 1..]
                .iter()
                .filter_map(|w| lookup(NUMBER_WORDS, w))
                .filter(|v| *v >= 1000.0)
                .product::<f64>();
            let low = base
                * scale.max(1.0)
                * if *w == "tens" || *w == "hundreds" {
                    1.0
                } else {
                    2.0
                };
            return Some((low, low * 10.0 - 1.0));
        }
    }
    let mut total = 0.0;
    let mut current = 0.0;
    let mut unit = 1.0;
    let mut pending_article = false;
    for w in &words {
        if let Some(v) = digits(w) {
            current += v;
        } else if let Some(u) = lookup(UNITS, w) {
            if current == 0.0 && pending_article {
                current = 1.0;
            }
            total += current * u;
            current = 0.0;
            unit = u;
            pending_article = false;
        } else if *w == "half" || *w == "quarter" {
            let v = lookup(NUMBER_WORDS, w)?;
            // "an hour and a half" (after a unit) or "half an hour" (before one).
            if total > 0.0 && current == 0.0 {
                total += v * unit;
            } else {
                current += v;
            }
            pending_article = false;
        } else if let Some(v) = lookup(NUMBER_WORDS, w) {
            if v >= 100.0 {
                current = current.max(1.0) * v;
            } else {
                current += v;
            }
        } else if matches!(*w, "a" | "an") {
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
        Side {
            features,
            span: Span {
                start: 0,
                end: text.len(),
            },
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

    #[test]
    fn inflection_is_not_drift() {
        assert!(drift("Russia expects a response", "Russia expected responses").is_empty());
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
    fn identical_versions_have_no_drift() {
        assert!(drift("We made it very clear", "We made it very clear").is_empty());
    }
}
