//! A group's pivot version and its collation: every version's words in columns against the
//! pivot's.

use std::collections::HashMap;

use ndarray::{Array1, Array2, Axis};

use super::{Collation, Pair, QuoteRef, Version, MAX_ALL_PAIRS};
use crate::drift;
use crate::quote::Span;

/// The wording with the highest total similarity to the group's versions (not a scare quote,
/// if the group has anything fuller), as an index into `shown`: each wording counts its pairs
/// with the others' versions (a pair's similarity times the versions the other wording has)
/// and its own copies (one each).
pub(super) fn most_central(shown: &[&Version], counts: &[usize], pairs: &[Pair]) -> usize {
    let position: HashMap<QuoteRef, usize> =
        shown.iter().enumerate().map(|(k, v)| (v.at, k)).collect();
    let n = shown.len();
    let mut totals = if n > MAX_ALL_PAIRS {
        // A large group has only its hub's pairs: the totals are summed pair by pair, without
        // a matrix that would grow with the square of the group.
        let mut totals = Array1::<f64>::zeros(n);
        for pair in pairs {
            if let (Some(&x), Some(&y)) = (position.get(&pair.a), position.get(&pair.b)) {
                totals[x] += pair.similarity.combined * counts[y] as f64;
                totals[y] += pair.similarity.combined * counts[x] as f64;
            }
        }
        totals
    } else {
        // The group's similarity matrix, wording by wording; a wording's total is its row sum.
        let mut matrix = Array2::<f64>::zeros((n, n));
        for pair in pairs {
            if let (Some(&x), Some(&y)) = (position.get(&pair.a), position.get(&pair.b)) {
                matrix[[x, y]] += pair.similarity.combined * counts[y] as f64;
                matrix[[y, x]] += pair.similarity.combined * counts[x] as f64;
            }
        }
        matrix.sum_axis(Axis(1))
    };
    for (total, &count) in totals.iter_mut().zip(counts) {
        *total += count as f64 - 1.0;
    }
    // A scare quote of one or two words makes a poor pivot; prefer a fuller version.
    let fuller: Vec<usize> = (0..n).filter(|&k| !shown[k].scare).collect();
    let candidates = if fuller.is_empty() {
        (0..n).collect()
    } else {
        fuller
    };
    candidates
        .into_iter()
        .max_by(|&x, &y| totals[x].total_cmp(&totals[y]).then(y.cmp(&x)))
        .unwrap_or(0)
}

/// Aligns every member's words to the pivot's (a diff on stems), in columns. Members of one
/// wording (`slots`: each member's wording, numbered from 0 in order of first member) have
/// the same words, so each wording is diffed once and its row laid over every member's words.
pub(super) fn collate(
    versions: &[Version],
    members: &[usize],
    slots: &[usize],
    pivot: usize,
) -> Collation {
    let key = |t: &crate::text::Token| t.stem.clone();
    let pivot_tokens = drift::limit(&versions[members[pivot]].features.tokens);
    let pivot_keys: Vec<String> = pivot_tokens.iter().map(key).collect();
    let n = pivot_keys.len();
    let wordings = slots.iter().max().map_or(0, |&k| k + 1);
    let mut firsts = vec![usize::MAX; wordings];
    for (k, &slot) in slots.iter().enumerate() {
        if firsts[slot] == usize::MAX {
            firsts[slot] = k;
        }
    }
    // Slot 2k holds words inserted before pivot word k; slot 2k + 1 holds pivot word k.
    let mut grid: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(wordings);
    for &first in &firsts {
        let tokens = drift::limit(&versions[members[first]].features.tokens);
        let keys: Vec<String> = tokens.iter().map(key).collect();
        let mut row: Vec<Option<(usize, usize)>> = vec![None; 2 * n + 1];
        for op in similar::capture_diff_slices(similar::Algorithm::Patience, &pivot_keys, &keys) {
            let (tag, old, new) = op.as_tag_tuple();
            match tag {
                similar::DiffTag::Equal => {
                    for i in 0..old.len() {
                        row[2 * (old.start + i) + 1] = Some((new.start + i, new.start + i + 1));
                    }
                }
                similar::DiffTag::Delete => {}
                similar::DiffTag::Insert => row[2 * old.start] = Some((new.start, new.end)),
                similar::DiffTag::Replace => {
                    if old.len() == new.len() {
                        for i in 0..old.len() {
                            row[2 * (old.start + i) + 1] = Some((new.start + i, new.start + i + 1));
                        }
                    } else {
                        row[2 * old.start + 1] = Some((new.start, new.end));
                    }
                }
            }
        }
        grid.push(row);
    }
    let used: Vec<bool> = (0..2 * n + 1)
        .map(|c| grid.iter().any(|row| row[c].is_some()))
        .collect();
    let rows = members
        .iter()
        .zip(slots)
        .map(|(&m, &slot)| {
            let tokens = &versions[m].features.tokens;
            grid[slot]
                .iter()
                .zip(&used)
                .filter(|(_, used)| **used)
                .map(|(cell, _)| {
                    cell.map(|(a, b)| Span {
                        start: tokens[a].start,
                        end: tokens[b - 1].end,
                    })
                })
                .collect()
        })
        .collect();
    Collation { pivot, rows }
}
