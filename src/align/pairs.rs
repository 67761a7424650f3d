//! The pairs of a group: each pair of wordings scored and diffed, its severity, and the
//! group's severity from its pairs.

use super::candidates::{Scores, MUTUAL_SHARE};
use super::{nested, FragmentSpan, Group, Pair, Version};
use crate::drift::{self, DriftItem, Side};
use crate::quote::{Extraction, QuoteKind, Span};
use crate::score::{self, Fragment, Idf, Weighed};

/// Groups with more versions than this compare each with one hub version only.
pub(super) const MAX_ALL_PAIRS: usize = 30;

/// The pair a reader should see first, and the one a group's severity is taken from: the
/// weightiest ([`Pair::weight`]) of the pairs similar enough to be linked by themselves (down to the
/// corroborated share of `min_similarity`), one across two sources before one within a
/// source, the most alike of equally weighty pairs. A pair the group holds only through others
/// does not rank it. `None` without pairs.
pub(super) fn decisive(pairs: &[Pair], min_similarity: f64) -> Option<&Pair> {
    let linked = |p: &&Pair| p.similarity.combined + 1e-9 >= MUTUAL_SHARE * min_similarity;
    let across = |p: &Pair| p.a.source != p.b.source;
    let candidates: Vec<&Pair> = if pairs.iter().any(|p| linked(&p)) {
        pairs.iter().filter(linked).collect()
    } else {
        pairs.iter().collect()
    };
    let any_across = candidates.iter().any(|p| across(p));
    candidates
        .into_iter()
        .filter(|p| across(p) || !any_across)
        .max_by(|x, y| {
            x.weight
                .total_cmp(&y.weight)
                .then(x.severity.total_cmp(&y.severity))
                .then(x.similarity.combined.total_cmp(&y.similarity.combined))
                .then(y.a.cmp(&x.a))
                .then(y.b.cmp(&x.b))
        })
}

/// The severity of a group: its decisive pair's weight ([`decisive`]) times its reach
/// ([`reach`]); 0 without pairs.
pub(super) fn group_severity(pairs: &[Pair], min_similarity: f64, sources: usize) -> f64 {
    decisive(pairs, min_similarity).map_or(0.0, |p| round(p.weight * reach(sources)))
}

/// How much a group's decisive change counts by how many outlets carry the statement:
/// `min(1, 0.75 + 0.05 × sources)`, 0.85 for two sources up to 1 from five. A change in a
/// statement five outlets report reaches more readers, and one outlet departing from four
/// that agree is a clearer case, than the same change between two outlets.
pub(super) fn reach(sources: usize) -> f64 {
    (0.75 + 0.05 * sources as f64).min(1.0)
}

/// The similarity of a group's decisive pair (1 when it has none): among equally severe
/// groups, a change in versions that otherwise agree first.
pub(super) fn decisive_similarity(group: &Group, min_similarity: f64) -> f64 {
    decisive(&group.pairs, min_similarity).map_or(1.0, |p| p.similarity.combined)
}

/// What the corpus already knows for scoring a group's pairs: every wording's weighed words,
/// the IDF they were weighed by, and the pairs scored while linking.
pub(super) struct Scoring<'a> {
    pub(super) weighed: &'a [Weighed<'a>],
    pub(super) idf: &'a Idf,
    pub(super) scores: &'a Scores,
}

/// The pairs of a group's wordings, with similarity and drift: every pair, or every wording
/// against the reference source's, or against the `hub` wording (an index into `shown`).
/// `shown` holds the version that stands for each wording, `ids` the wording's index into
/// `scoring.weighed` and `scoring.scores`; two versions of one wording are never a pair (they
/// have the same words).
pub(super) fn pairs(
    extraction: &Extraction,
    shown: &[&Version],
    ids: &[usize],
    scoring: &Scoring,
    reference: Option<usize>,
    hub: Option<usize>,
) -> Vec<Pair> {
    let Scoring {
        weighed,
        idf,
        scores,
    } = scoring;
    // A quote nested in another member (a scare quote inside reported speech) is compared with
    // the version it was cut from only: the holder's pairs speak for it.
    let holder = |m: usize| {
        (0..shown.len()).find(|&h| {
            let (outer, inner) = (&shown[h].span, &shown[m].span);
            h != m
                && nested(shown[h], shown[m])
                && outer.start <= inner.start
                && inner.end <= outer.end
                && outer.end - outer.start > inner.end - inner.start
        })
    };
    let holders: Vec<Option<usize>> = (0..shown.len()).map(holder).collect();
    let mut out = Vec::new();
    for k in 0..shown.len() {
        for l in k + 1..shown.len() {
            if hub.is_some_and(|h| k != h && l != h) {
                continue;
            }
            if holders[k].is_some_and(|h| h != l) || holders[l].is_some_and(|h| h != k) {
                continue;
            }
            let (k, l) = match reference {
                Some(r) if shown[k].at.source == r && shown[l].at.source != r => (k, l),
                Some(r) if shown[l].at.source == r && shown[k].at.source != r => (l, k),
                Some(_) => continue,
                None => (k, l),
            };
            let (a, b) = (shown[k], shown[l]);
            let (i, j) = (ids[k], ids[l]);
            let (similarity, fragment) = match scores.get(&(i, j)) {
                Some(&known) => known,
                None => score::similarity_weighed(&weighed[i], &weighed[j]),
            };
            let drift = drift::compare(side(extraction, a), side(extraction, b), fragment);
            let worst = drift.iter().map(|d| d.severity).fold(0.0, f64::max);
            let severity = if drift.is_empty() {
                0.0
            } else {
                round(worst * agreement(similarity.combined))
            };
            let weight = pair_weight(extraction, a, b, &drift, idf, similarity.combined);
            out.push(Pair {
                a: a.at,
                b: b.at,
                similarity,
                fragment: fragment.map(|f| fragment_span(f, a, b)),
                drift,
                severity,
                weight,
            });
        }
    }
    out
}

/// How much a pair counts for its group's severity ([`Pair::weight`]): the weightiest of its
/// drift items, each item weighing
///
/// `item severity × quoting × (0.5 + 0.5 × rest agreement) × agreement(similarity) ×
/// (0.9 + 0.1 × similarity)`,
///
/// where the item severity is its kind's (the table in [`crate::drift`]); `quoting` is 1 when
/// the item's words are in quotation marks on both sides (each outlet claims them as the
/// speaker's own, so one of them misquotes), 0.9 on one side and 0.8 on neither (a reporter's
/// paraphrase may reword); the rest agreement ([`rest_agreement`]) is how far the words of
/// the two versions outside the item agree, so that a change in otherwise matching versions
/// counts in full and one among many other changes counts half; `agreement` discounts a
/// pair too far apart to be linked by itself ([`agreement`]); the last factor lets the
/// closer of two pairs with the same change rank first, and makes ties rare. 0 when nothing
/// changed.
fn pair_weight(
    extraction: &Extraction,
    a: &Version,
    b: &Version,
    drift: &[DriftItem],
    idf: &Idf,
    similarity: f64,
) -> f64 {
    let rest = rest_agreement(a, b, drift, idf);
    let trust = agreement(similarity) * (0.9 + 0.1 * similarity.clamp(0.0, 1.0));
    let weightiest = drift
        .iter()
        .zip(rest)
        .map(|(item, rest)| {
            let quoting = match (quoted(extraction, a, item.a), quoted(extraction, b, item.b)) {
                (true, true) => 1.0,
                (true, false) | (false, true) => 0.9,
                (false, false) => 0.8,
            };
            item.severity * quoting * (0.5 + 0.5 * rest) * trust
        })
        .fold(0.0, f64::max);
    round(weightiest)
}

/// Whether the words of `span` (in `v`'s source; an empty span, where words were added on
/// the other side, by its place) are in quotation marks: `v` is a direct quote, or a direct
/// quote of its source holds them (reported speech that quotes a few words).
fn quoted(extraction: &Extraction, v: &Version, span: Span) -> bool {
    let quotes = &extraction.sources[v.at.source].quotes;
    quotes[v.at.quote].kind == QuoteKind::Direct
        || quotes
            .iter()
            .any(|q| q.kind == QuoteKind::Direct && q.start <= span.start && span.end <= q.end)
}

/// For each drift item, how far the two versions agree outside it, in [0, 1]: the content
/// words of both versions that the item does not hold, each weighted by its rarity (IDF, as
/// the similarity weighs them), counting 1 when no item holds it and `1 − severity` of the
/// worst item that does (a synonym swapped keeps most agreement, an unrelated word little).
/// 1 when the item holds every content word (a whole-version change, or a one-word quote).
fn rest_agreement(a: &Version, b: &Version, drift: &[DriftItem], idf: &Idf) -> Vec<f64> {
    // Per content word: its weight, its agreement, and which items hold it.
    let mut total = 0.0;
    let mut agreeing = 0.0;
    let mut held = vec![(0.0, 0.0); drift.len()];
    for (v, in_a) in [(a, true), (b, false)] {
        for &i in &v.features.content {
            let token = &v.features.tokens[i];
            let holds = |d: &DriftItem| {
                let s = if in_a { d.a } else { d.b };
                s.start < s.end && s.start <= token.start && token.end <= s.end
            };
            let weight = idf.weight(&token.stem);
            let changed = drift
                .iter()
                .filter(|d| holds(d))
                .map(|d| d.severity)
                .fold(0.0, f64::max);
            let agrees = weight * (1.0 - changed.clamp(0.0, 1.0));
            total += weight;
            agreeing += agrees;
            for (k, d) in drift.iter().enumerate() {
                if holds(d) {
                    held[k].0 += weight;
                    held[k].1 += agrees;
                }
            }
        }
    }
    held.into_iter()
        .map(|(weight, agrees)| {
            let rest = total - weight;
            if rest <= 1e-12 {
                1.0
            } else {
                ((agreeing - agrees) / rest).clamp(0.0, 1.0)
            }
        })
        .collect()
}

/// A pair at least this similar is trusted as two versions of one utterance: the default
/// link threshold ([`super::AlignOptions::min_similarity`]).
pub(super) const TRUSTED_SIMILARITY: f64 = 0.4;

/// How much a pair's worst item counts, by how sure it is that the two are versions of one
/// utterance: `0.6 + 0.4 × min(1, similarity / 0.4)`. A pair similar enough to be linked by
/// itself keeps its worst item's severity, so that among such pairs more change never ranks
/// lower (an added word lowers the similarity: scaling by similarity there would rank the
/// version with the addition as drifting less); below it the item is discounted, down to
/// × 0.6 for versions that share nothing (a negation there weighs 0.54, below an unrelated
/// word swapped in versions that agree).
pub(super) fn agreement(similarity: f64) -> f64 {
    0.6 + 0.4 * (similarity / TRUSTED_SIMILARITY).clamp(0.0, 1.0)
}

pub(super) fn side<'a>(extraction: &'a Extraction, v: &'a Version) -> Side<'a> {
    let quote = &extraction.sources[v.at.source].quotes[v.at.quote];
    Side {
        features: &v.features,
        span: v.span,
        text: &extraction.sources[v.at.source].source.text,
        kind: quote.kind,
        speaker: v.person.as_deref(),
        speaker_span: quote.speaker_span.filter(|s| s.start < s.end),
    }
}

pub(super) fn fragment_span(f: Fragment, a: &Version, b: &Version) -> FragmentSpan {
    let long = if f.a_is_fragment { b } else { a };
    let tokens = &long.features.tokens[f.window.0..f.window.1];
    let span = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => Span {
            start: first.start,
            end: last.end,
        },
        _ => long.span,
    };
    FragmentSpan {
        in_b: f.a_is_fragment,
        span,
    }
}

pub(super) fn round(x: f64) -> f64 {
    (x.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0
}
