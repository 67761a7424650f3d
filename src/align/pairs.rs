//! The pairs of a group: each pair of wordings scored and diffed, its severity, and the
//! group's severity from its pairs.

use super::candidates::{Scores, MUTUAL_SHARE};
use super::{nested, FragmentSpan, Group, Pair, Version};
use crate::drift::{self, Side};
use crate::quote::{Extraction, Span};
use crate::score::{self, Fragment, Weighed};

/// Groups with more versions than this compare each with one hub version only.
pub(super) const MAX_ALL_PAIRS: usize = 30;

/// The severity of a group: its worst pair's, among the pairs that are versions of one
/// utterance by themselves (similar enough to be linked, down to the corroborated share), so
/// that a pair the group holds only through others does not rank it.
pub(super) fn group_severity(pairs: &[Pair], min_similarity: f64) -> f64 {
    let linked = |p: &&Pair| p.similarity.combined + 1e-9 >= MUTUAL_SHARE * min_similarity;
    let worst = |ps: &mut dyn Iterator<Item = &Pair>| ps.map(|p| p.severity).fold(0.0, f64::max);
    if pairs.iter().any(|p| linked(&p)) {
        worst(&mut pairs.iter().filter(linked))
    } else {
        worst(&mut pairs.iter())
    }
}

/// The similarity of a group's most severe pair (1 when it has none).
pub(super) fn worst_similarity(group: &Group) -> f64 {
    group
        .pairs
        .iter()
        .filter(|p| p.severity == group.severity)
        .map(|p| p.similarity.combined)
        .fold(f64::NAN, f64::max)
        .max(if group.pairs.is_empty() { 1.0 } else { 0.0 })
}

/// The pairs of a group's wordings, with similarity and drift: every pair, or every wording
/// against the reference source's, or against the `hub` wording (an index into `shown`).
/// `shown` holds the version that stands for each wording, `ids` the wording's index into
/// `weighed` and `scores`; two versions of one wording are never a pair (they have the same
/// words).
pub(super) fn pairs(
    extraction: &Extraction,
    shown: &[&Version],
    ids: &[usize],
    weighed: &[Weighed],
    scores: &Scores,
    reference: Option<usize>,
    hub: Option<usize>,
) -> Vec<Pair> {
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
            out.push(Pair {
                a: a.at,
                b: b.at,
                similarity,
                fragment: fragment.map(|f| fragment_span(f, a, b)),
                drift,
                severity,
            });
        }
    }
    out
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
