//! Wordings (versions of one speaker block with the same words, one standing for all) and
//! their lineage within a group.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxHashMap;

use super::candidates::Scores;
use super::{Pair, QuoteRef, Version};
use crate::quote::{Extraction, QuoteKind};

/// Each wording's first appearance and the earlier wording it most likely derives from (see
/// [`super::Wording::first`] and [`super::Wording::derived_from`]), for the wordings of one
/// group: `carried` lists each wording's versions, `ids` its index into `scores`, `shown` the
/// version that stands for it in `pairs`. Only similarities already known are used (the
/// group's pairs, the scores of linking), so the cost is that of reading them.
pub(super) fn lineage(
    extraction: &Extraction,
    carried: &[Vec<usize>],
    versions: &[Version],
    ids: &[usize],
    shown: &[&Version],
    pairs: &[Pair],
    scores: &Scores,
) -> Vec<(Option<QuoteRef>, Option<usize>)> {
    let published = |i: usize| {
        extraction.sources[versions[i].at.source]
            .source
            .meta
            .published
            .as_deref()
    };
    let firsts: Vec<Option<(&str, usize)>> = carried
        .iter()
        .map(|list| {
            list.iter()
                .filter_map(|&i| published(i).map(|t| (t, i)))
                .min()
        })
        .collect();
    let slot: HashMap<QuoteRef, usize> = shown.iter().enumerate().map(|(k, v)| (v.at, k)).collect();
    let mut known: FxHashMap<(usize, usize), f64> = FxHashMap::default();
    for pair in pairs {
        if let (Some(&x), Some(&y)) = (slot.get(&pair.a), slot.get(&pair.b)) {
            known.insert((x.min(y), x.max(y)), pair.similarity.combined);
        }
    }
    let similarity = |x: usize, y: usize| {
        known.get(&(x.min(y), x.max(y))).copied().or_else(|| {
            let (i, j) = (ids[x].min(ids[y]), ids[x].max(ids[y]));
            scores.get(&(i, j)).map(|s| s.0.combined)
        })
    };
    (0..carried.len())
        .map(|w| {
            let Some((time, first)) = firsts[w] else {
                return (None, None);
            };
            let derived = (0..carried.len())
                .filter(|&u| u != w)
                .filter_map(|u| {
                    let (earlier, _) = firsts[u]?;
                    (earlier < time).then_some((u, earlier, similarity(u, w)?))
                })
                .max_by(|x, y| x.2.total_cmp(&y.2).then(y.1.cmp(x.1)).then(y.0.cmp(&x.0)))
                .map(|(u, _, _)| u);
            (Some(versions[first].at), derived)
        })
        .collect()
}

/// Each version's speaker block: 0 for quotes with no known person, then one block per
/// person (surname key), numbered in the order of their keys.
pub(super) fn speaker_blocks(versions: &[Version]) -> Vec<u32> {
    // Block 0 is the quotes with no known person ("" sorts first).
    let block_ids: BTreeMap<&str, u32> = {
        let names: BTreeSet<&str> = versions
            .iter()
            .map(|v| v.person.as_deref().unwrap_or(""))
            .chain([""])
            .collect();
        names.into_iter().zip(0..).collect()
    };
    versions
        .iter()
        .map(|v| block_ids[v.person.as_deref().unwrap_or("")])
        .collect()
}

/// The wordings of a corpus: versions of one speaker block, of one kind (direct or reported,
/// scare quote or not), with the same words (lowercased, punctuation aside), each list
/// ascending, the lists by their first version. Syndicated copy repeats a sentence in
/// hundreds of outlets; one version stands for all of them in candidates, scores and
/// clustering, so that the work grows with the distinct wordings, and the report lists the
/// versions of each. A wording has one version per source: the second time an article gives
/// the same words is another report (the scare quote of a second sentence, say), so it joins
/// the wording of the other articles' second times. A version with no words is a wording of
/// its own.
pub(super) fn wordings(
    extraction: &Extraction,
    versions: &[Version],
    blocks: &[u32],
) -> Vec<Vec<usize>> {
    type Key<'a> = (u32, QuoteKind, bool, Vec<&'a str>, usize);
    let mut first: FxHashMap<Key<'_>, usize> = FxHashMap::default();
    // How many times the current source has given each wording so far.
    let mut repeats: FxHashMap<(u32, QuoteKind, bool, Vec<&str>), usize> = FxHashMap::default();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for (i, v) in versions.iter().enumerate() {
        if i > 0 && versions[i - 1].at.source != v.at.source {
            repeats.clear();
        }
        if v.features.tokens.is_empty() {
            out.push(vec![i]);
            continue;
        }
        let kind = extraction.sources[v.at.source].quotes[v.at.quote].kind;
        let words: Vec<&str> = v.features.tokens.iter().map(|t| t.lower.as_str()).collect();
        let seen = repeats
            .entry((blocks[i], kind, v.scare, words.clone()))
            .or_default();
        let time = *seen;
        *seen += 1;
        match first.entry((blocks[i], kind, v.scare, words, time)) {
            std::collections::hash_map::Entry::Occupied(e) => out[*e.get()].push(i),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(out.len());
                out.push(vec![i]);
            }
        }
    }
    out
}
