//! Grouping precision, recall and F1 against a hand annotation of which quotes render the
//! same utterance.

use std::collections::BTreeMap;
use std::path::Path;

use quotedrift::align::{AlignOptions, QuoteRef};
use quotedrift::analysis::{self, Analysis};
use quotedrift::evaluate::groups;
use quotedrift::ingest::{self, Input};

fn analysis(options: AlignOptions) -> Analysis {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = ingest::read_inputs(
        &[Input::Path(root.join("fixtures/geneva-2022"))],
        Default::default(),
    )
    .expect("fixtures load");
    analysis::analyze(corpus, options)
}

/// (precision, recall, F1) of the grouping, with a description of the differences.
fn score(options: AlignOptions) -> (f64, f64, f64, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("tests/annotations/alignment-geneva-2022.toml");
    let analysis = analysis(options);
    let gold = groups::resolve(
        "alignment-geneva-2022.toml",
        &std::fs::read_to_string(path).unwrap(),
        &analysis,
    )
    .expect("every annotated member is an extracted quote");
    let evaluation = groups::evaluate("alignment-geneva-2022.toml", &gold, &analysis);
    let s = evaluation.overall;
    let (precision, recall, f1) = (
        s.precision.ratio().unwrap_or(0.0),
        s.recall.ratio().unwrap_or(0.0),
        s.f1().unwrap_or(0.0),
    );
    let id = |q: QuoteRef| {
        analysis.extraction.sources[q.source].quotes[q.quote]
            .id
            .clone()
    };
    let gold_of: BTreeMap<QuoteRef, &str> = gold
        .groups
        .iter()
        .flat_map(|(name, members)| members.iter().map(move |&m| (m, name.as_str())))
        .collect();
    let mut notes = Vec::new();
    for (a, b) in &evaluation.wrongly_together {
        notes.push(format!(
            "wrongly together: {} ({}) + {} ({})",
            id(*a),
            gold_of.get(a).unwrap_or(&"-"),
            id(*b),
            gold_of.get(b).unwrap_or(&"-")
        ));
    }
    for (a, b) in &evaluation.missed {
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

#[test]
fn a_changed_translation_ranks_as_drifting_further_than_a_faithful_one() {
    use quotedrift::evaluate::demetr::drifts_further;
    let source = "Die Gespräche mit der Regierung waren offen und nützlich, sagte der Minister.";
    let compare = |english: &str| analysis::compare(source, english, Some("deu"), Some("eng")).pair;
    let faithful =
        compare("The talks with the government were open and useful, the minister said.");
    let added =
        compare("The secret talks with the government were open and useful, the minister said.");
    let scrambled =
        compare("Minister the useful said government talks and open with were the the.");
    let dropped = compare("The talks were open and useful, the minister said.");
    for (name, changed) in [
        ("an added word", &added),
        ("scrambled words", &scrambled),
        ("a dropped phrase", &dropped),
    ] {
        assert!(
            changed.similarity.combined < faithful.similarity.combined,
            "{name}: {} ≥ faithful {}",
            changed.similarity.combined,
            faithful.similarity.combined
        );
        assert!(
            drifts_further(&faithful, changed),
            "{name} does not rank as drifting further"
        );
    }
    // A faithful translation scores like a close paraphrase in one language.
    assert!(
        faithful.similarity.combined >= 0.6,
        "{}",
        faithful.similarity.combined
    );
}

#[test]
fn renderings_in_three_languages_join_their_statements_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = ingest::read_inputs(
        &[
            Input::Path(root.join("fixtures/geneva-2022")),
            Input::Path(root.join("fixtures/geneva-2022-translations")),
        ],
        Default::default(),
    )
    .expect("fixtures load");
    let analysis = analysis::analyze(corpus, AlignOptions::default());
    let name = "alignment-geneva-2022+translations.toml";
    let text = std::fs::read_to_string(root.join("tests/annotations").join(name)).unwrap();
    let gold = groups::resolve(name, &text, &analysis).expect("every member is extracted");
    let evaluation = groups::evaluate(name, &gold, &analysis);
    let cross = evaluation.cross_language;
    let (precision, recall) = (
        cross.precision.ratio().unwrap_or(0.0),
        cross.recall.ratio().unwrap_or(0.0),
    );
    eprintln!("cross-language pairs: precision {precision:.3}, recall {recall:.3}");
    assert!(precision >= 0.95 && recall >= 0.9, "{precision} {recall}");
}
