//! The lexicon against hand-labelled word substitutions from news reporting
//! (`tests/lexicon/word-pairs.tsv`): how often the relation it gives is the one a reader
//! would give.

use std::collections::BTreeMap;
use std::path::Path;

use quotedrift::lexicon::{Lexicon, Relation};
use quotedrift::text::{normalize_word, Analyzer};

struct Labelled {
    a: (String, String),
    b: (String, String),
    label: Relation,
}

fn word_pairs() -> Vec<Labelled> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lexicon/word-pairs.tsv");
    let text = std::fs::read_to_string(&path).expect("word pairs");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 6, "six fields: {line}");
            let label = match f[4] {
                "synonym" => Relation::Synonym,
                "related" => Relation::Related,
                "antonym" => Relation::Antonym,
                "unrelated" => Relation::Unrelated,
                other => panic!("unknown label {other:?} in {line}"),
            };
            Labelled {
                a: (f[0].to_string(), f[1].to_string()),
                b: (f[2].to_string(), f[3].to_string()),
                label,
            }
        })
        .collect()
}

fn relation(lexicon: &Lexicon, a: &(String, String), b: &(String, String)) -> Relation {
    let senses = |(language, word): &(String, String)| {
        let lower = normalize_word(word);
        let stem = Analyzer::for_language(language).stem(&lower);
        lexicon.senses(language, &lower, &stem)
    };
    lexicon.relation(&senses(a), &senses(b))
}

#[test]
fn relations_agree_with_hand_labels() {
    let lexicon = Lexicon::embedded();
    let pairs = word_pairs();
    assert!(pairs.len() >= 150, "at least 150 labelled pairs");
    let mut confusion: BTreeMap<(Relation, Relation), usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    for p in &pairs {
        let got = relation(lexicon, &p.a, &p.b);
        *confusion.entry((p.label, got)).or_default() += 1;
        if got != p.label {
            wrong.push(format!(
                "{} / {}: labelled {}, lexicon {}",
                p.a.1,
                p.b.1,
                p.label.name(),
                got.name()
            ));
        }
    }
    let correct = pairs.len() - wrong.len();
    let accuracy = correct as f64 / pairs.len() as f64;
    let all = [
        Relation::Synonym,
        Relation::Related,
        Relation::Antonym,
        Relation::Unrelated,
    ];
    eprintln!(
        "relation accuracy {accuracy:.3} ({correct} of {})",
        pairs.len()
    );
    eprintln!("labelled \\ lexicon: synonym related antonym unrelated");
    for label in all {
        let row: Vec<String> = all
            .iter()
            .map(|got| {
                confusion
                    .get(&(label, *got))
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            })
            .collect();
        eprintln!("{:>9}: {}", label.name(), row.join(" "));
    }
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(accuracy >= 0.62, "relation accuracy {accuracy:.3}");
}

#[test]
fn the_substitutions_the_reports_turn_on() {
    let lexicon = Lexicon::embedded();
    let en = |w: &str| ("eng".to_string(), w.to_string());
    assert_eq!(
        relation(lexicon, &en("open"), &en("frank")),
        Relation::Synonym
    );
    assert_eq!(
        relation(lexicon, &en("open"), &en("constructive")),
        Relation::Unrelated
    );
    assert_eq!(
        relation(lexicon, &en("swift"), &en("rapid")),
        Relation::Synonym
    );
    assert_eq!(
        relation(lexicon, &en("agree"), &en("disagree")),
        Relation::Antonym
    );
}

#[test]
fn the_embedded_lexicon_holds_every_language() {
    // Opening only checks the header and slices the sections; the time is printed, not
    // asserted (timings belong to benchmarks).
    let start = std::time::Instant::now();
    let lexicon = Lexicon::embedded();
    eprintln!("lexicon opened in {:?}", start.elapsed());
    assert!(lexicon.key_count() > 500_000);
    for (language, word) in [
        ("eng", "useful"),
        ("deu", "nützlich"),
        ("rus", "полезный"),
        ("fra", "utile"),
        ("spa", "útil"),
        ("ita", "utile"),
        ("por", "útil"),
        ("cmn", "有用"),
        ("nld", "nuttig"),
    ] {
        let stem = Analyzer::for_language(language).stem(word);
        assert!(
            !lexicon.senses(language, word, &stem).is_empty(),
            "{language} {word}"
        );
    }
}

#[test]
fn dictionaries_reach_languages_and_forms_the_wordnets_lack() {
    // Bulgarian and Japanese have no wordnet in the lexicon: their words meet English through
    // the bilingual dictionaries; Polish and Bulgarian inflections through the truncated stem.
    let lexicon = Lexicon::embedded();
    let en = |w: &str| ("eng".to_string(), w.to_string());
    let of = |l: &str, w: &str| (l.to_string(), w.to_string());
    for (foreign, english) in [
        (of("bul", "преговорите"), "negotiations"),
        (of("jpn", "交渉"), "negotiation"),
        (of("cmn", "谈判"), "negotiations"),
        (of("pol", "rozmowach"), "talks"),
    ] {
        assert_eq!(
            relation(lexicon, &foreign, &en(english)),
            Relation::Synonym,
            "{foreign:?} / {english}"
        );
    }
    // A translation is not everything: the dictionary does not make unrelated words meet.
    assert_eq!(
        relation(lexicon, &of("bul", "преговорите"), &en("weather")),
        Relation::Unrelated
    );
}
