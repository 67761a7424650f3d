//! Clustering linked wordings into groups: average linkage within connected components, with
//! a cannot-link rule for different people and a complete-linkage floor.

use std::collections::{BTreeMap, BinaryHeap, HashMap};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::Version;

/// Two versions in one group must be at least this share of `min_similarity` alike (0.2 by
/// default): a group is versions of one utterance, each a plausible version of every other,
/// not a chain ("no plans to attack Ukraine" → "Russia has no plans" → "premature" → "another
/// summit"), and a fragment close to two versions cannot bridge them.
pub(super) const WITHIN_GROUP_SHARE: f64 = 0.5;

/// Average-linkage clustering within connected components; returns clusters of indices.
///
/// Two clusters merge only when every pair of their versions is `close` (complete linkage at
/// [`WITHIN_GROUP_SHARE`] of the threshold). Two clusters whose versions name different
/// people do not merge unless some pair of those versions is itself linked (the attribution
/// case): grouping must not put one person's words in another's mouth by way of a third,
/// unattributed version. Two clusters that both hold full versions merge only when a full
/// version of one is linked to a full version of the other: a fragment (`fragment[i]`, a
/// scare quote of one or two words) joins the version it was cut from, and never bridges
/// two versions that are not linked themselves.
///
/// The nodes are wordings, each counted once whatever the number of its copies, so that
/// hundreds of copies of the wire's words do not drown the mean of a wording one word apart.
/// Components are clustered independently, in parallel.
pub(super) fn cluster(
    persons: &[Option<&str>],
    fragment: &[bool],
    edges: &[(usize, usize, f64)],
    threshold: f64,
    close: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Vec<Vec<usize>> {
    let n = persons.len();
    let linked: FxHashSet<(usize, usize)> = edges
        .iter()
        .map(|&(a, b, _)| (a.min(b), a.max(b)))
        .collect();
    let conflict = |x: &[usize], y: &[usize]| {
        x.iter().any(|&i| {
            y.iter().any(|&j| {
                matches!((persons[i], persons[j]), (Some(p), Some(q)) if p != q)
                    && !linked.contains(&(i.min(j), i.max(j)))
            })
        })
    };
    // Two clusters that both hold full versions (not fragments) merge only when some full
    // version of one is linked to some full version of the other: a one-word fragment is
    // close to every version that holds its word, and must not bridge two statements.
    let bridged = |x: &[usize], y: &[usize]| {
        let full = |c: &[usize]| {
            c.iter()
                .copied()
                .filter(|&i| !fragment[i])
                .collect::<Vec<_>>()
        };
        let (fx, fy) = (full(x), full(y));
        !fx.is_empty()
            && !fy.is_empty()
            && !fx
                .iter()
                .any(|&i| fy.iter().any(|&j| linked.contains(&(i.min(j), i.max(j)))))
    };
    // Connected components (union–find).
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b, _) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut components: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &(a, _, _) in edges {
        let root = find(&mut parent, a);
        components.entry(root).or_default();
    }
    for x in 0..n {
        let root = find(&mut parent, x);
        if let Some(members) = components.get_mut(&root) {
            members.push(x);
        }
    }
    let mut component_edges: BTreeMap<usize, Vec<(usize, usize, f64)>> = BTreeMap::new();
    for &(a, b, s) in edges {
        let root = find(&mut parent, a);
        component_edges.entry(root).or_default().push((a, b, s));
    }

    type Edges = Vec<(usize, usize, f64)>;
    let components: Vec<(Vec<usize>, Edges)> = components
        .into_iter()
        .map(|(root, members)| {
            let edges = component_edges.remove(&root).unwrap_or_default();
            (members, edges)
        })
        .collect();
    components
        .into_par_iter()
        .flat_map_iter(|(members, edges)| {
            // Clusters as lists; link sums between clusters, by cluster id, both ways.
            let mut clusters: FxHashMap<usize, Vec<usize>> =
                members.iter().map(|&m| (m, vec![m])).collect();
            let mut links: FxHashMap<usize, FxHashMap<usize, f64>> = FxHashMap::default();
            for &(a, b, s) in &edges {
                if a != b {
                    *links.entry(a).or_default().entry(b).or_default() += s;
                    *links.entry(b).or_default().entry(a).or_default() += s;
                }
            }
            // Pairs that may never merge, both ways.
            let mut apart: FxHashMap<usize, FxHashSet<usize>> = FxHashMap::default();
            // Candidate merges, closest first (ties to the lower pair of ids); an entry is
            // stale once either cluster has changed since it was pushed.
            let mut changed: FxHashMap<usize, u32> = FxHashMap::default();
            let mut heap: BinaryHeap<Merge> = BinaryHeap::new();
            let mean = |clusters: &FxHashMap<usize, Vec<usize>>, x: usize, y: usize, sum: f64| {
                sum / (clusters[&x].len() * clusters[&y].len()) as f64
            };
            for (&x, neighbours) in &links {
                for (&y, &sum) in neighbours {
                    if x < y {
                        heap.push(Merge {
                            mean: mean(&clusters, x, y, sum),
                            pair: std::cmp::Reverse((x, y)),
                            stamps: (0, 0),
                        });
                    }
                }
            }
            while let Some(Merge {
                mean: best,
                pair: std::cmp::Reverse((x, y)),
                stamps,
            }) = heap.pop()
            {
                let stamp = |changed: &FxHashMap<usize, u32>, c: usize| {
                    changed.get(&c).copied().unwrap_or(0)
                };
                if stamps != (stamp(&changed, x), stamp(&changed, y))
                    || !clusters.contains_key(&x)
                    || !clusters.contains_key(&y)
                    || apart.get(&x).is_some_and(|a| a.contains(&y))
                {
                    continue;
                }
                if best < threshold {
                    break;
                }
                // Whether the closest pair may merge is checked for it alone: clusters only
                // grow, so a pair that may not merge now never will.
                if conflict(&clusters[&x], &clusters[&y])
                    || bridged(&clusters[&x], &clusters[&y])
                    || !clusters[&x]
                        .iter()
                        .all(|&i| clusters[&y].iter().all(|&j| close(i, j)))
                {
                    apart.entry(x).or_default().insert(y);
                    apart.entry(y).or_default().insert(x);
                    continue;
                }
                // Merge y into x.
                let moved = clusters.remove(&y).expect("cluster exists");
                clusters.get_mut(&x).expect("cluster exists").extend(moved);
                *changed.entry(x).or_default() += 1;
                if let Some(kept) = apart.remove(&y) {
                    for z in kept {
                        let others = apart.get_mut(&z).expect("both ways");
                        others.remove(&y);
                        if z != x {
                            others.insert(x);
                            apart.entry(x).or_default().insert(z);
                        }
                    }
                }
                let from_y = links.remove(&y).unwrap_or_default();
                for (z, sum) in from_y {
                    let theirs = links.get_mut(&z).expect("both ways");
                    theirs.remove(&y);
                    if z != x {
                        *theirs.entry(x).or_default() += sum;
                        *links.entry(x).or_default().entry(z).or_default() += sum;
                    }
                }
                if let Some(ours) = links.get_mut(&x) {
                    ours.remove(&y);
                }
                let stamp_x = stamp(&changed, x);
                for (&z, &sum) in links.get(&x).into_iter().flatten() {
                    let (p, q) = (x.min(z), x.max(z));
                    let stamps = if p == x {
                        (stamp_x, stamp(&changed, z))
                    } else {
                        (stamp(&changed, z), stamp_x)
                    };
                    heap.push(Merge {
                        mean: mean(&clusters, x, z, sum),
                        pair: std::cmp::Reverse((p, q)),
                        stamps,
                    });
                }
            }
            let mut clusters: Vec<(usize, Vec<usize>)> = clusters.into_iter().collect();
            clusters.sort_unstable_by_key(|c| c.0);
            clusters.into_iter().map(|(_, c)| c)
        })
        .collect()
}

/// A candidate merge of two clusters in [`cluster`]: ordered by mean link, then by the lower
/// pair of cluster ids.
pub(super) struct Merge {
    mean: f64,
    pair: std::cmp::Reverse<(usize, usize)>,
    /// How many times each cluster had grown when the entry was pushed.
    stamps: (u32, u32),
}

impl PartialEq for Merge {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Merge {}

impl PartialOrd for Merge {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Merge {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.mean
            .total_cmp(&other.mean)
            .then(self.pair.cmp(&other.pair))
            .then(self.stamps.cmp(&other.stamps))
    }
}

/// A quote nested inside another of the same source (a scare quote inside reported speech)
/// belongs to the group of the quote that holds it, unless it names a different person.
pub(super) fn adopt_nested(versions: &[Version], mut clusters: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut cluster_of: HashMap<usize, usize> = HashMap::new();
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            cluster_of.insert(m, c);
        }
    }
    // Within a source, quotes come in text order and nest or follow each other, so the quotes
    // that hold the current one are on a stack of those not yet closed.
    let mut stack: Vec<usize> = Vec::new();
    for (i, v) in versions.iter().enumerate() {
        stack.retain(|&j| {
            versions[j].at.source == v.at.source && versions[j].span.end > v.span.start
        });
        let lone = cluster_of.get(&i).is_none_or(|&c| clusters[c].len() <= 1);
        if lone {
            let holder = stack.iter().rev().copied().find(|&j| {
                let w = &versions[j];
                w.span.start <= v.span.start
                    && v.span.end <= w.span.end
                    && (v.person.is_none() || w.person.is_none() || v.person == w.person)
                    && cluster_of.get(&j).is_some_and(|&c| clusters[c].len() > 1)
            });
            if let Some(j) = holder {
                let target = cluster_of[&j];
                if let Some(own) = cluster_of.get(&i).copied() {
                    clusters[own].retain(|&m| m != i);
                }
                clusters[target].push(i);
                cluster_of.insert(i, target);
            }
        }
        stack.push(i);
    }
    clusters.retain(|c| !c.is_empty());
    clusters
}
