//! Extraction precision, recall and speaker accuracy against a hand annotation.

use std::path::Path;

use quotedrift::ingest::{self, Input};
use quotedrift::quote::{self, QuoteKind};
use serde::Deserialize;

#[derive(Deserialize)]
struct Annotation {
    quote: Vec<Gold>,
}

#[derive(Deserialize)]
struct Gold {
    source: String,
    kind: String,
    text: String,
    #[serde(default = "one")]
    occurrence: usize,
    speaker: String,
}

fn one() -> usize {
    1
}

/// Byte span of the n-th occurrence of `needle`.
fn locate(haystack: &str, needle: &str, occurrence: usize) -> (usize, usize) {
    let mut from = 0;
    for _ in 1..occurrence {
        from += haystack[from..]
            .find(needle)
            .expect("annotated text occurs")
            + 1;
    }
    let start = from
        + haystack[from..]
            .find(needle)
            .expect("annotated text occurs");
    (start, start + needle.len())
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0)) as f64;
    let union = (a.1.max(b.1) - a.0.min(b.0)) as f64;
    inter / union
}

/// A predicted speaker matches the annotation when, for a person, the surnames agree, and for
/// anyone else, one name contains the other.
fn same_speaker(predicted: Option<&str>, gold: &str) -> bool {
    let Some(predicted) = predicted else {
        return false;
    };
    let (p, g) = (predicted.to_lowercase(), gold.to_lowercase());
    let surname = |s: &str| s.split_whitespace().last().unwrap_or("").to_string();
    p.contains(&g) || g.contains(&p) || (!g.contains(' ') && surname(&p) == g)
}

#[test]
fn extraction_matches_the_hand_annotation() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let annotation: Annotation = toml::from_str(
        &std::fs::read_to_string(root.join("tests/annotations/extraction-geneva-2022.toml"))
            .expect("annotation file"),
    )
    .expect("annotation parses");
    let corpus = ingest::read_inputs(
        &[Input::Path(root.join("fixtures/geneva-2022"))],
        Default::default(),
    )
    .expect("fixtures load");
    let extraction = quote::extract(corpus);

    // One-to-one matching: each gold quote takes the best-overlapping unused prediction of the
    // same source and kind, if they overlap by at least half (intersection over union).
    let mut used = vec![false; extraction.quotes().count()];
    let (mut matched, mut speaker_right) = (0usize, 0usize);
    let mut misses = Vec::new();
    for gold in &annotation.quote {
        let source = extraction
            .sources
            .iter()
            .find(|s| s.source.id == gold.source)
            .expect("annotated source is a fixture");
        let span = locate(&source.source.text, &gold.text, gold.occurrence);
        let kind = match gold.kind.as_str() {
            "direct" => QuoteKind::Direct,
            _ => QuoteKind::Indirect,
        };
        let best = extraction
            .quotes()
            .enumerate()
            .filter(|(i, (s, q))| !used[*i] && s.source.id == gold.source && q.kind == kind)
            .map(|(i, (s, q))| (i, s, q, overlap(span, (q.start, q.end))))
            .filter(|(.., o)| *o >= 0.5)
            .max_by(|a, b| a.3.total_cmp(&b.3));
        match best {
            Some((i, s, q, _)) => {
                used[i] = true;
                matched += 1;
                let name = s.speaker_of(q).map(|e| e.name.as_str());
                if same_speaker(name, &gold.speaker) {
                    speaker_right += 1;
                } else {
                    misses.push(format!(
                        "speaker {name:?} ≠ {:?}: {}",
                        gold.speaker, gold.text
                    ));
                }
            }
            None => misses.push(format!("not found ({}): {}", gold.kind, gold.text)),
        }
    }
    let predicted = used.len();
    for ((s, q), used) in extraction.quotes().zip(&used) {
        if !used {
            misses.push(format!(
                "extra ({:?}) in {}: {}",
                q.kind,
                s.source.id,
                s.text_of(q)
            ));
        }
    }
    let precision = matched as f64 / predicted as f64;
    let recall = matched as f64 / annotation.quote.len() as f64;
    let speaker_accuracy = speaker_right as f64 / matched as f64;
    eprintln!(
        "extraction on geneva-2022: {} annotated, {predicted} predicted, {matched} matched; \
         precision {precision:.3}, recall {recall:.3}, speaker accuracy {speaker_accuracy:.3}",
        annotation.quote.len()
    );
    for miss in &misses {
        eprintln!("  {miss}");
    }
    assert!(precision >= 0.90, "precision {precision:.3}");
    assert!(recall >= 0.90, "recall {recall:.3}");
    assert!(
        speaker_accuracy >= 0.90,
        "speaker accuracy {speaker_accuracy:.3}"
    );
}
