//! Grouping precision, recall and F1 against a hand annotation of which quotes render the
//! same utterance.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use quotedrift::align::{AlignOptions, QuoteRef};
use quotedrift::analysis::{self, Analysis};
use quotedrift::ingest::{self, Input};
use serde::Deserialize;

#[derive(Deserialize)]
struct Annotation {
    group: Vec<GoldGroup>,
}

#[derive(Deserialize)]
struct GoldGroup {
    name: String,
    members: Vec<GoldMember>,
}

#[derive(Deserialize)]
struct GoldMember {
    source: String,
    text: String,
    #[serde(default = "one")]
    occurrence: usize,
}

fn one() -> usize {
    1
}

fn analysis(options: AlignOptions) -> Analysis {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = ingest::read_inputs(
        &[Input::Path(root.join("fixtures/geneva-2022"))],
        Default::default(),
    )
    .expect("fixtures load");
    analysis::analyze(corpus, options)
}

/// The extracted quote that holds the annotated passage (the innermost, if several do).
fn resolve(analysis: &Analysis, member: &GoldMember) -> QuoteRef {
    let (s, source) = analysis
        .extraction
        .sources
        .iter()
        .enumerate()
        .find(|(_, s)| s.source.id == member.source)
        .expect("annotated source is a fixture");
    let text = &source.source.text;
    let mut from = 0;
    for _ in 1..member.occurrence {
        from += text[from..].find(&member.text).expect("passage occurs") + 1;
    }
    let start = from + text[from..].find(&member.text).expect("passage occurs");
    let end = start + member.text.len();
    let (q, _) = source
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.start <= start + 3 && end <= q.end + 3)
        .min_by_key(|(_, q)| q.end - q.start)
        .unwrap_or_else(|| {
            panic!(
                "no extracted quote holds {:?} in {}",
                member.text, member.source
            )
        });
    QuoteRef {
        source: s,
        quote: q,
    }
}

fn pairs_of(groups: &[Vec<QuoteRef>]) -> BTreeSet<(QuoteRef, QuoteRef)> {
    let mut out = BTreeSet::new();
    for g in groups {
        for (i, &a) in g.iter().enumerate() {
            for &b in &g[i + 1..] {
                out.insert((a.min(b), a.max(b)));
            }
        }
    }
    out
}

/// (precision, recall, F1) of the grouping, with a description of the differences.
fn score(options: AlignOptions) -> (f64, f64, f64, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let annotation: Annotation = toml::from_str(
        &std::fs::read_to_string(root.join("tests/annotations/alignment-geneva-2022.toml"))
            .unwrap(),
    )
    .unwrap();
    let analysis = analysis(options);
    let gold: Vec<Vec<QuoteRef>> = annotation
        .group
        .iter()
        .map(|g| g.members.iter().map(|m| resolve(&analysis, m)).collect())
        .collect();
    let predicted: Vec<Vec<QuoteRef>> = analysis
        .alignment
        .groups
        .iter()
        .map(|g| g.members.clone())
        .collect();
    let (gold_pairs, predicted_pairs) = (pairs_of(&gold), pairs_of(&predicted));
    let right = gold_pairs.intersection(&predicted_pairs).count() as f64;
    let precision = if predicted_pairs.is_empty() {
        0.0
    } else {
        right / predicted_pairs.len() as f64
    };
    let recall = right / gold_pairs.len() as f64;
    let f1 = if right == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let id = |q: QuoteRef| {
        analysis.extraction.sources[q.source].quotes[q.quote]
            .id
            .clone()
    };
    let gold_of: BTreeMap<QuoteRef, &str> = gold
        .iter()
        .zip(&annotation.group)
        .flat_map(|(members, g)| members.iter().map(move |&m| (m, g.name.as_str())))
        .collect();
    let mut notes = Vec::new();
    for (a, b) in predicted_pairs.difference(&gold_pairs) {
        notes.push(format!(
            "wrongly together: {} ({}) + {} ({})",
            id(*a),
            gold_of.get(a).unwrap_or(&"-"),
            id(*b),
            gold_of.get(b).unwrap_or(&"-")
        ));
    }
    for (a, b) in gold_pairs.difference(&predicted_pairs) {
        let s = quotedrift::align::compare_pair(&analysis.extraction, *a, *b).similarity;
        notes.push(format!(
            "missed: {} + {} ({}) combined {:.2} [lev {:.2} jw {:.2} dice {:.2} stem {:.2} overlap {:.2} concept {:.2}]",
            id(*a),
            id(*b),
            gold_of[a],
            s.combined,
            s.levenshtein,
            s.jaro_winkler,
            s.sorensen_dice,
            s.stem_cosine,
            s.content_overlap,
            s.concept_overlap
        ));
    }
    (precision, recall, f1, notes)
}

#[test]
fn grouping_matches_the_hand_annotation() {
    let (precision, recall, f1, notes) = score(AlignOptions::default());
    eprintln!("grouping on geneva-2022: pairwise precision {precision:.3}, recall {recall:.3}, F1 {f1:.3}");
    for note in &notes {
        eprintln!("  {note}");
    }
    assert!(f1 >= 0.75, "pairwise F1 {f1:.3}");
    assert!(precision >= 0.85, "pairwise precision {precision:.3}");
}

#[test]
fn the_lexicon_improves_grouping() {
    let (p0, r0, f0, _) = score(AlignOptions {
        lexicon: false,
        ..AlignOptions::default()
    });
    let (p1, r1, f1, _) = score(AlignOptions::default());
    eprintln!("grouping without lexicon: precision {p0:.3}, recall {r0:.3}, F1 {f0:.3}");
    eprintln!("grouping with lexicon:    precision {p1:.3}, recall {r1:.3}, F1 {f1:.3}");
    assert!(f1 > f0, "F1 with lexicon {f1:.3} vs without {f0:.3}");
}

/// Prints F1 over a range of thresholds: `cargo test --test integration sweep -- --ignored --nocapture`.
#[test]
#[ignore = "a tuning aid, not a check"]
fn sweep_min_similarity() {
    for x in [0.3, 0.35, 0.4, 0.45, 0.5, 0.55] {
        for ratio in [0.1, 0.2, 0.3, 0.5, 0.8] {
            let options = AlignOptions {
                min_similarity: x,
                linkage: Some(x * ratio),
                ..AlignOptions::default()
            };
            let (p, r, f, _) = score(options);
            eprintln!("min_similarity {x:.2} linkage ×{ratio:.1}: precision {p:.3} recall {r:.3} F1 {f:.3}");
        }
    }
}
