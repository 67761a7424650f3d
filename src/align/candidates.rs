//! Candidate pairs and edges: which wordings are compared at all (prefix filtering over the
//! rarest shared terms, blocked by speaker), and which compared pairs are linked.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{nested, Version};
use crate::score::{self, Features, Fragment, Similarity, Weighed};

/// What candidate generation found among wordings: the edges (linked pairs with their
/// similarity), the scores of every pair kept, how many pairs were scored, and what it had to
/// leave out.
pub(super) struct Candidates {
    pub(super) edges: Vec<(usize, usize, f64)>,
    pub(super) scores: Scores,
    pub(super) scored: usize,
    pub(super) warnings: Vec<String>,
}

/// A stem that more than this many wordings of one speaker block hold tells nothing about
/// which utterance a wording renders; a fixed bound keeps candidate generation linear. Copies
/// are one wording and never crowd the index; wordings left with no term to probe are
/// counted.
pub(super) const TOO_COMMON: usize = 100;

/// Candidate pairs through the stem index, scored.
///
/// Two filters keep the work close to linear in the corpus:
/// - **Prefix filtering**, as in similarity joins (AllPairs): each quote is indexed, and looks
///   for partners, under its rarest content stems that some other quote also holds — the
///   |x| − ⌈t·|x|⌉ + 1 rarest of its |x| stems for threshold t = `min_similarity`, so that two
///   quotes sharing a fraction t of their stems share at least one prefix stem.
///   Versions of one utterance share their rare words — names, numbers, the telling adjective
///   — while quotes that share only common words were never going to reach `min_similarity`.
/// - **Blocking by speaker**: the index is split by speaker (surname; one block for quotes
///   with no known person). A quote looks in its own block and the unknown block under its
///   whole prefix, and in other people's blocks only under its single rarest stem, and only
///   when that stem is rare in the whole corpus — enough to find the same words given to a
///   different person (attribution drift).
///
/// `versions` holds one version per wording, `blocks` their speaker blocks.
pub(super) fn edges(
    versions: &[&Version],
    blocks: &[u32],
    weighed: &[Weighed],
    min_similarity: f64,
) -> Candidates {
    let (terms, term_count) = number_terms(versions);
    let mut df = vec![0usize; term_count];
    for t in &terms {
        for &term in t {
            df[term as usize] += 1;
        }
    }
    let prefixes: Vec<Vec<u32>> = terms
        .par_iter()
        .map(|terms| {
            let mut stems: Vec<u32> = terms
                .iter()
                .copied()
                .filter(|&s| df[s as usize] >= 2)
                .collect();
            stems.sort_by_key(|&s| (df[s as usize], s));
            let len = terms.len();
            let prefix = len + 1 - ((min_similarity * len as f64).ceil() as usize).min(len);
            stems.truncate(prefix.max(1));
            stems
        })
        .collect();
    // Every term of a quote is indexed and its prefix terms probe: the similarity is not a set
    // overlap (a synonym counts), so a quote is found under any term its partner's prefix
    // holds, not only under its own prefix.
    let index = Index::new(&terms, &df, blocks);
    drop(terms);
    // Terms held by exactly the same versions (mostly the senses of one word that no other
    // word shares) are probed once, their rarities summed: the same candidates, and on the
    // generated 16,000-article corpus 2.3 M postings visited instead of 10.2 M.
    let same: Vec<u32> = {
        let mut first: FxHashMap<&[u32], u32> = FxHashMap::default();
        (0..df.len() as u32)
            .map(|t| {
                if df[t as usize] < 2 {
                    t
                } else {
                    *first.entry(index.postings(t)).or_insert(t)
                }
            })
            .collect()
    };
    let too_common = TOO_COMMON;
    // Each quote keeps its `MAX_CANDIDATES` best partners, by the summed rarity (IDF) of the
    // terms they share, so the number of pairs scored grows linearly with the corpus however
    // common its words are. Quotes are independent: probed in parallel.
    let n = versions.len() as f64;
    let rarity = |term: u32| (n / df[term as usize] as f64).ln();
    let mut crowded = vec![false; versions.len()];
    let mut candidate_pairs: Vec<(usize, usize)> = (0..versions.len())
        .into_par_iter()
        .map_init(
            // Per thread: the rarity shared with every version (dense, so that adding is an
            // index, not a hash), the quote each entry was last written for, and which
            // versions the current quote has touched.
            || {
                (
                    vec![0.0f64; versions.len()],
                    vec![u32::MAX; versions.len()],
                    Vec::<u32>::new(),
                )
            },
            |(shared, owner, touched), i| {
                let own = blocks[i];
                let mut crowded = false;
                let mut take = |postings: &[u32], weight: f64| {
                    if postings.len() > too_common {
                        crowded = true;
                        return;
                    }
                    for &j in postings {
                        if owner[j as usize] != i as u32 {
                            owner[j as usize] = i as u32;
                            shared[j as usize] = 0.0;
                            touched.push(j);
                        }
                        shared[j as usize] += weight;
                    }
                };
                // A quote with no known speaker may render anyone's words; one with a
                // speaker looks in its own block and the unknown one, and across speakers
                // only under its rarest stem when that stem is rare in the whole corpus.
                let everywhere = |rank: usize, term: u32| {
                    own == 0 || (rank == 0 && df[term as usize] <= too_common)
                };
                // Terms that find the same versions the same way, probed once.
                let mut probes: Vec<(bool, u32, f64)> = prefixes[i]
                    .iter()
                    .enumerate()
                    .map(|(rank, &term)| {
                        (everywhere(rank, term), same[term as usize], rarity(term))
                    })
                    .collect();
                probes.sort_by_key(|&(all, term, _)| (all, term));
                probes.dedup_by(|next, kept| {
                    let merge = (next.0, next.1) == (kept.0, kept.1);
                    if merge {
                        kept.2 += next.2;
                    }
                    merge
                });
                let probed: f64 = probes.iter().map(|p| p.2).sum();
                for (all, term, weight) in probes {
                    if all {
                        for postings in index.all(term) {
                            take(postings, weight);
                        }
                    } else {
                        take(index.block(term, own), weight);
                        take(index.block(term, 0), weight);
                    }
                }
                let mut found: Vec<(usize, f64)> = touched
                    .drain(..)
                    .map(|j| (j as usize, shared[j as usize]))
                    .filter(|&(j, _)| j != i)
                    .collect();
                found.sort_unstable_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
                found.truncate(MAX_CANDIDATES);
                let mut rank = 0;
                found.retain(|&(_, shared)| {
                    rank += 1;
                    rank <= ALWAYS_KEPT || shared >= MIN_SHARED_RARITY * probed
                });
                let pairs = found
                    .into_iter()
                    .map(|(j, _)| (i.min(j), i.max(j)))
                    .collect::<Vec<_>>();
                (pairs, crowded)
            },
        )
        .collect::<Vec<_>>()
        .into_iter()
        .enumerate()
        .flat_map(|(i, (pairs, was_crowded))| {
            if was_crowded {
                crowded[i] = true;
            }
            pairs
        })
        .collect();
    candidate_pairs.sort_unstable();
    candidate_pairs.dedup();
    // Quotes that share terms with others but were compared with none, because every term
    // they probed with is held by more than `too_common` quotes: said, with counts.
    let mut compared = vec![false; versions.len()];
    for &(i, j) in &candidate_pairs {
        compared[i] = true;
        compared[j] = true;
    }
    let stranded = (0..versions.len())
        .filter(|&i| crowded[i] && !compared[i])
        .count();
    let mut warnings = Vec::new();
    if stranded > 0 {
        let common_terms = (0..df.len() as u32)
            .filter(|&t| df[t as usize] > too_common && index.all(t).any(|p| p.len() > too_common))
            .count();
        warnings.push(format!(
            "{stranded} quotes were compared with no other: every word they share with other quotes is held by more than {too_common} quotes of one speaker ({common_terms} such words and senses are left out of the candidate index); exact copies in other sources are still grouped"
        ));
    }
    // Pairs that cannot be versions of one utterance are dropped before scoring.
    let eligible: Vec<(usize, usize)> = candidate_pairs
        .into_iter()
        .filter(|&(i, j)| {
            let (v, w) = (&versions[i], &versions[j]);
            if nested(v, w) {
                return false;
            }
            let same_person = v.person.is_some() && v.person == w.person;
            let one_person = v.person.is_some() != w.person.is_some();
            // A scare quote repeated in its own article is not a second version.
            !((v.scare || w.scare) && ((!same_person && !one_person) || v.at.source == w.at.source))
        })
        .collect();
    let scored = eligible.len();
    let weak_floor = MUTUAL_SHARE * min_similarity;
    // Whether a pair may be linked below `min_similarity` as each other's best match.
    let may_be_mutual = |v: &Version, w: &Version| {
        v.person.is_some()
            && v.person == w.person
            && v.at.source != w.at.source
            && !v.scare
            && !w.scare
    };
    // Scoring is independent per pair: in parallel, collected in pair order.
    let kept: Vec<(usize, usize, Similarity, Option<Fragment>)> = eligible
        .into_par_iter()
        .filter_map(|(i, j)| {
            let (v, w) = (&versions[i], &versions[j]);
            let same_person = v.person.is_some() && v.person == w.person;
            let mutual = may_be_mutual(v, w);
            let floor = if mutual { weak_floor } else { min_similarity };
            let (similarity, fragment) =
                score::similarity_at_least(&weighed[i], &weighed[j], floor)?;
            if (v.scare || w.scare) && !same_person && similarity.combined < 0.7 {
                return None; // one or two words, and not the same known speaker: only if verbatim
            }
            let compatible = v.person.is_none() || w.person.is_none() || same_person;
            let attribution_candidate = similarity.combined >= 0.75
                && v.features.content.len() >= 4
                && w.features.content.len() >= 4;
            let strong =
                similarity.combined >= min_similarity && (compatible || attribution_candidate);
            (strong || mutual).then_some((i, j, similarity, fragment))
        })
        .collect();
    let out: Vec<(usize, usize, f64)> = kept
        .iter()
        .map(|&(i, j, similarity, _)| (i, j, similarity.combined))
        .collect();
    let scores: Scores = kept
        .into_iter()
        .map(|(i, j, similarity, fragment)| ((i, j), (similarity, fragment)))
        .collect();
    // A weak pair is kept when each is the other's best match in the other's source: one
    // speaker, two outlets, and nothing either outlet reports is closer (ties to the lower
    // index, so that the choice does not depend on order or threads).
    let mut best: FxHashMap<(usize, usize), (f64, usize)> = FxHashMap::default();
    for &(i, j, s) in &out {
        for (x, y) in [(i, j), (j, i)] {
            let slot = best.entry((x, versions[y].at.source)).or_insert((s, y));
            if s > slot.0 || (s == slot.0 && y < slot.1) {
                *slot = (s, y);
            }
        }
    }
    let out: Vec<(usize, usize, f64)> = out
        .into_iter()
        .filter(|&(i, j, s)| {
            s >= min_similarity
                || (best[&(i, versions[j].at.source)].1 == j
                    && best[&(j, versions[i].at.source)].1 == i)
        })
        .collect();
    // ... and a third outlet corroborates it: some version in a third source is linked to
    // both. Two outlets' best guesses at each other can be two different statements on one
    // topic; three that agree are one.
    let mut neighbours: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for &(i, j, _) in &out {
        neighbours.entry(i).or_default().push(j);
        neighbours.entry(j).or_default().push(i);
    }
    let out = out
        .into_iter()
        .filter(|&(i, j, s)| {
            s >= min_similarity
                || neighbours[&i].iter().any(|&k| {
                    let third = versions[k].at.source;
                    third != versions[i].at.source
                        && third != versions[j].at.source
                        && neighbours[&j].contains(&k)
                })
        })
        .collect();
    Candidates {
        edges: out,
        scores,
        scored,
        warnings,
    }
}

/// Pairs scored while the groups were found, by (lower index, higher index): a group's pairs
/// take their scores from here rather than score them again.
pub(super) type Scores = FxHashMap<(usize, usize), (Similarity, Option<Fragment>)>;

/// Two versions of one known speaker in two sources are linked at this share of
/// `min_similarity` (0.3 by default) when each is the other's closest version in the other's
/// source (mutual best match, as in competitive linking of translations): an outlet reports
/// an utterance once, so the best candidate it has is likely the one, even when translation
/// left few words in common ("collective, rapid and serious" / "swift, harsh, and
/// unanimous").
pub(super) const MUTUAL_SHARE: f64 = 0.75;

/// How many candidate partners each quote keeps, its best by the summed rarity of the terms
/// they share. Versions of one utterance share rare words; beyond a few dozen partners a quote
/// is matching common vocabulary, and scoring them all would grow with the square of the
/// corpus.
pub(super) const MAX_CANDIDATES: usize = 32;

/// Of its candidates, a quote always keeps its best [`ALWAYS_KEPT`]; the others only when the
/// terms they share carry at least this share of the rarity of the terms the quote probed
/// with. On the generated 4,000-article corpus this cuts the pairs scored from 183,000 to
/// 42,000 (2.2 a quote, as at 16,000 articles) and the quotes grouped by 0.3 %; the fixtures'
/// grouping is unchanged.
pub(super) const MIN_SHARED_RARITY: f64 = 0.1;

/// See [`MIN_SHARED_RARITY`].
pub(super) const ALWAYS_KEPT: usize = 4;

/// Numbers the terms of every version: ids follow the order of words (stems, then keys, each
/// sorted) and then of synsets, so that ties broken by id do not depend on hashing or on
/// threads. Returns each version's term ids (ascending) and how many ids there are (some
/// synsets' ids go unused).
pub(super) fn number_terms(versions: &[&Version]) -> (Vec<Vec<u32>>, usize) {
    let lists: Vec<Vec<Word>> = versions.par_iter().map(|v| words(&v.features)).collect();
    // The distinct words, gathered in parallel, then sorted. Concepts, five in six of all
    // terms, need no table: a synset is a number already.
    let distinct = lists
        .par_iter()
        .fold(FxHashSet::default, |mut set, list| {
            set.extend(list.iter().copied());
            set
        })
        .reduce(FxHashSet::default, |a, b| {
            let (mut big, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            big.extend(small);
            big
        });
    let mut all: Vec<Word> = distinct.into_iter().collect();
    all.par_sort_unstable();
    let numbers: FxHashMap<Word, u32> = all.iter().copied().zip(0..).collect();
    let base = all.len() as u32;
    let ids: Vec<Vec<u32>> = lists
        .into_par_iter()
        .zip(versions)
        .map(|(list, v)| {
            let mut concepts: Vec<u32> = concepts(&v.features).map(|c| base + c).collect();
            concepts.sort_unstable();
            concepts.dedup();
            let mut ids: Vec<u32> = list.into_iter().map(|word| numbers[&word]).collect();
            ids.extend(concepts);
            ids
        })
        .collect();
    let count = ids
        .par_iter()
        .filter_map(|list| list.last().map(|&t| t + 1))
        .max()
        .unwrap_or(0)
        .max(base);
    (ids, count as usize)
}

/// Which versions hold each term, by speaker block: for every term, its (block, version)
/// entries sorted, and the runs of one block among them. Terms held by one version only are
/// left out (they can find no partner).
pub(super) struct Index {
    /// Versions, grouped by term, then by block, ascending.
    versions: Vec<u32>,
    /// Runs of one block: (block, start, end) into `versions`, grouped by term.
    runs: Vec<(u32, u32, u32)>,
    /// Where each term's runs start in `runs` (one more entry than terms).
    run_starts: Vec<u32>,
}

impl Index {
    fn new(terms: &[Vec<u32>], df: &[usize], blocks: &[u32]) -> Index {
        let indexed = |t: usize| df[t] >= 2;
        let mut starts = vec![0u32; df.len() + 1];
        for t in 0..df.len() {
            starts[t + 1] = starts[t] + if indexed(t) { df[t] as u32 } else { 0 };
        }
        let mut fill = starts.clone();
        let mut entries = vec![(0u32, 0u32); starts[df.len()] as usize];
        // Filled block by block, versions ascending: every term's entries come out sorted.
        let mut order: Vec<u32> = (0..terms.len() as u32).collect();
        order.sort_unstable_by_key(|&i| (blocks[i as usize], i));
        for i in order {
            for &t in terms[i as usize].iter().filter(|&&t| indexed(t as usize)) {
                entries[fill[t as usize] as usize] = (blocks[i as usize], i);
                fill[t as usize] += 1;
            }
        }
        let mut runs = Vec::new();
        let mut run_starts = Vec::with_capacity(df.len() + 1);
        for t in 0..df.len() {
            run_starts.push(runs.len() as u32);
            let (from, to) = (starts[t] as usize, starts[t + 1] as usize);
            let slice = &entries[from..to];
            let mut k = 0;
            while k < slice.len() {
                let block = slice[k].0;
                let end = k + slice[k..].partition_point(|e| e.0 == block);
                runs.push((block, (from + k) as u32, (from + end) as u32));
                k = end;
            }
        }
        run_starts.push(runs.len() as u32);
        Index {
            versions: entries.into_iter().map(|(_, v)| v).collect(),
            runs,
            run_starts,
        }
    }

    fn runs(&self, term: u32) -> &[(u32, u32, u32)] {
        let t = term as usize;
        &self.runs[self.run_starts[t] as usize..self.run_starts[t + 1] as usize]
    }

    /// The versions of one block that hold `term`, ascending.
    fn block(&self, term: u32, block: u32) -> &[u32] {
        let runs = self.runs(term);
        if block == 0 {
            // Runs are sorted by block: the unknown speakers' run, if any, is the first.
            return match runs.first() {
                Some(r) if r.0 == 0 => &self.versions[r.1 as usize..r.2 as usize],
                _ => &[],
            };
        }
        match runs.binary_search_by_key(&block, |r| r.0) {
            Ok(k) => &self.versions[runs[k].1 as usize..runs[k].2 as usize],
            Err(_) => &[],
        }
    }

    /// Every version that holds `term`, block by block.
    fn postings(&self, term: u32) -> &[u32] {
        match self.runs(term) {
            [] => &[],
            runs => &self.versions[runs[0].1 as usize..runs[runs.len() - 1].2 as usize],
        }
    }

    /// The versions that hold `term`, block by block.
    fn all(&self, term: u32) -> impl Iterator<Item = &[u32]> {
        self.runs(term)
            .iter()
            .map(|r| &self.versions[r.1 as usize..r.2 as usize])
    }
}

/// What a version is indexed under: its content stems, the transliterated keys of its names
/// and numbers (its words), and the adjective clusters and senses of its content words (its
/// concepts), so that "rapid" finds "swift" and "Лавров" finds "Lavrov".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Word<'a> {
    Stem(&'a str),
    Key(&'a str),
}

/// A version's words, sorted, without repeats.
pub(super) fn words(features: &Features) -> Vec<Word<'_>> {
    let mut out = Vec::with_capacity(2 * features.content.len());
    for &i in &features.content {
        out.push(Word::Stem(features.tokens[i].stem.as_str()));
        let key = &features.meanings[i].key;
        if !key.is_empty() {
            out.push(Word::Key(key.as_str()));
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A version's concepts, in any order and possibly repeated.
pub(super) fn concepts<'a>(
    features: &'a Features,
) -> impl Iterator<Item = crate::lexicon::Synset> + 'a {
    features
        .content
        .iter()
        .flat_map(|&i| features.meanings[i].clusters.iter().copied())
}
