//! `quotedrift report` and `quotedrift compare` as a user runs them.

use crate::common::{fixtures, quotedrift};

use predicates::prelude::*;
use serde_json::Value;

fn report_json(extra: &[&str]) -> Value {
    let out = quotedrift()
        .args(["report", "--format", "json"])
        .args(extra)
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn text_of(doc: &Value, id: &str) -> String {
    doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == id)
        .map(|q| q["text"].as_str().unwrap().to_string())
        .unwrap()
}

/// The group holding a quote whose text contains `needle` (in a source whose id starts with
/// `source`).
fn group_with<'a>(doc: &'a Value, source: &str, needle: &str) -> &'a Value {
    doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| {
            g["quotes"].as_array().unwrap().iter().any(|q| {
                let id = q.as_str().unwrap();
                id.starts_with(source) && text_of(doc, id).contains(needle)
            })
        })
        .unwrap_or_else(|| panic!("no group holds {needle:?} of {source}"))
}

fn members(doc: &Value, group: &Value) -> Vec<String> {
    group["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| text_of(doc, q.as_str().unwrap()))
        .collect()
}

fn drift_items(group: &Value) -> Vec<(String, String, String)> {
    group["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["drift"].as_array().unwrap().iter())
        .map(|d| {
            (
                d["kind"].as_str().unwrap().to_string(),
                d["a"].as_str().unwrap().to_string(),
                d["b"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn report_json_has_the_documented_shape() {
    let doc = report_json(&[]);
    assert_eq!(doc["schema"], "quotedrift/report@1");
    let group = &doc["groups"][0];
    assert_eq!(group["id"], "g1");
    for field in ["speaker", "quotes", "severity", "pairs"] {
        assert!(group.get(field).is_some(), "{field}");
    }
    let pair = &group["pairs"][0];
    for field in [
        "levenshtein",
        "jaro_winkler",
        "sorensen_dice",
        "stem_cosine",
        "combined",
    ] {
        let x = pair["similarity"][field].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x), "{field} = {x}");
    }
    let divergence = pair["divergence"].as_f64().unwrap();
    assert!((divergence - (1.0 - pair["similarity"]["combined"].as_f64().unwrap())).abs() < 1e-3);
    // Groups are ranked by severity.
    let severities: Vec<f64> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["severity"].as_f64().unwrap())
        .collect();
    assert!(
        severities.windows(2).all(|w| w[0] >= w[1]),
        "{severities:?}"
    );
    // Every drift item's offsets point at its words.
    for g in doc["groups"].as_array().unwrap() {
        for p in g["pairs"].as_array().unwrap() {
            for d in p["drift"].as_array().unwrap() {
                for side in ["a", "b"] {
                    let quote = p[side].as_str().unwrap();
                    let source = quote.split('#').next().unwrap();
                    let bytes = std::fs::read(fixtures().join(format!("{source}.txt"))).unwrap();
                    let (s, e) = (
                        d[format!("{side}_start")].as_u64().unwrap() as usize,
                        d[format!("{side}_end")].as_u64().unwrap() as usize,
                    );
                    assert_eq!(
                        std::str::from_utf8(&bytes[s..e]).unwrap(),
                        d[side].as_str().unwrap()
                    );
                }
            }
        }
    }
}

#[test]
fn blinkens_warning_is_one_group_across_three_outlets() {
    // Translation left the renderings few words in common ("swift and united", "collective,
    // rapid and serious", "swift, harsh, and unanimous"): tagesschau's version is linked as
    // each outlet's closest version of Blinken's to the others, corroborated by a third.
    let doc = report_json(&[]);
    let group = group_with(&doc, "003", "collective, rapid and serious");
    let texts = members(&doc, group);
    for needle in [
        "This would entail a “collective, rapid and serious” response",
        "Russia would meet a swift and united response from the allies",
        "swift, harsh, and unanimous response",
        "The Russian side would be met with a swift, harsh, unanimous response",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(needle)),
            "{needle:?} not in {texts:?}"
        );
    }
    assert!(group["speaker"].as_str().unwrap().ends_with("Blinken"));
    assert!(texts.iter().all(|t| !t.contains("Lavrov")), "{texts:?}");
}

#[test]
fn open_and_useful_is_one_group_with_its_renderings() {
    let doc = report_json(&[]);
    let group = group_with(&doc, "003", "open and useful");
    let texts = members(&doc, group);
    assert!(
        texts
            .iter()
            .filter(|t| t.as_str() == "open and useful")
            .count()
            == 2,
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("talks as open and useful")),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"constructive and useful".to_string()),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("quite frank and useful")),
        "{texts:?}"
    );
    assert!(group["speaker"].as_str().unwrap().ends_with("Lavrov"));
    let pair_003_004 = group["pairs"].as_array().unwrap().iter().find(|p| {
        p["a"].as_str().unwrap().starts_with("003") && p["b"].as_str().unwrap().starts_with("004")
    });
    assert!(pair_003_004.is_some());
    assert!(drift_items(group).contains(&(
        "substitution".into(),
        "open".into(),
        "constructive".into()
    )));
    // The lexicon tells a synonym swap from a change of meaning, and weighs them apart.
    let relation_of = |a: &str, b: &str| -> Vec<(String, f64)> {
        group["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["drift"].as_array().unwrap())
            .filter(|d| d["kind"] == "substitution" && d["a"] == a && d["b"] == b)
            .map(|d| {
                (
                    d["relation"].as_str().unwrap().to_string(),
                    d["severity"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    let frank = relation_of("open", "frank");
    let constructive = relation_of("open", "constructive");
    assert!(!frank.is_empty() && !constructive.is_empty());
    assert!(frank.iter().all(|(r, _)| r == "synonym"), "{frank:?}");
    assert!(
        constructive.iter().all(|(r, _)| r == "unrelated"),
        "{constructive:?}"
    );
    assert!(frank[0].1 < constructive[0].1);
}

#[test]
fn blinkens_breakthroughs_lose_the_concerns() {
    let doc = report_json(&[]);
    let group = group_with(&doc, "001", "We didn’t expect any major breakthroughs");
    assert!(members(&doc, group)
        .iter()
        .any(|t| t.starts_with("We’re not expecting any major breakthroughs")));
    assert!(drift_items(group)
        .iter()
        .any(|(k, a, _)| k == "omission" && a.contains("concerns")));
}

#[test]
fn the_right_track_quotes_are_one_group() {
    let doc = report_json(&[]);
    let group = group_with(&doc, "001", "right track");
    assert!(members(&doc, group)
        .iter()
        .any(|t| t.starts_with("I can’t say whether we’re on the right track")));
}

#[test]
fn the_written_response_statements_span_all_five_sources_with_modality_drift() {
    let doc = report_json(&[]);
    let group = group_with(&doc, "001", "he was promised the written responses");
    assert_eq!(group["sources"], 5);
    let modal: Vec<(String, String)> = drift_items(group)
        .into_iter()
        .filter(|(k, _, _)| k == "modality")
        .map(|(_, a, b)| (a, b))
        .collect();
    for word in ["expected", "promised", "agreed", "wants"] {
        assert!(
            modal.iter().any(|(a, b)| a == word || b == word),
            "{word} in {modal:?}"
        );
    }
}

#[test]
fn the_meeting_length_agrees_and_the_shortfall_is_an_addition() {
    // "lasted about an hour and a half, shorter than the scheduled two hours" against "an
    // hour and a half, half an hour short of the planned two hours": the length and the
    // schedule agree; the shortfall is a quantity only the second version states.
    let doc = report_json(&[]);
    let group = group_with(&doc, "003", "The meeting lasted about an hour and a half");
    let items = drift_items(group);
    assert!(
        items
            .iter()
            .any(|(k, a, b)| k == "addition" && a.is_empty() && b == "half an hour"),
        "{items:?}"
    );
    assert!(
        !items
            .iter()
            .any(|(k, a, _)| k == "number" && a.contains("hour and a half")),
        "{items:?}"
    );
}

#[test]
fn text_report_ranks_groups_and_marks_changed_words() {
    quotedrift()
        .arg("report")
        .arg(fixtures())
        .assert()
        .success()
        .stdout(predicate::str::contains("g1 "))
        .stdout(predicate::str::contains("“[open] and useful”"))
        .stdout(predicate::str::contains("Ungrouped quotes"))
        .stdout(predicate::str::contains("\x1b[").not());
    quotedrift()
        .args(["report", "--color", "always"])
        .arg(fixtures())
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[31mopen\x1b[0m"));
}

#[test]
fn markdown_and_csv_reports() {
    quotedrift()
        .args(["report", "--format", "md"])
        .arg(fixtures())
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# quotedrift report"))
        .stdout(
            predicate::str::contains("“**open** and useful”")
                .or(predicate::str::contains("**open** and useful")),
        );
    let out = quotedrift()
        .args(["report", "--format", "csv"])
        .arg(fixtures())
        .output()
        .unwrap();
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[9], "kind");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows
        .iter()
        .any(|r| &r[9] == "substitution" && &r[10] == "open" && &r[11] == "constructive"));
}

#[test]
fn speaker_filter_and_reference_source() {
    let doc = report_json(&["--speaker", "blinken"]);
    let groups = doc["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    for g in groups {
        let names = g["speaker_names"].as_array().unwrap();
        assert!(names
            .iter()
            .any(|n| n.as_str().unwrap().to_lowercase().contains("blinken")));
    }
    let doc = report_json(&["--reference", "003_dc03c1db8e55d129"]);
    for g in doc["groups"].as_array().unwrap() {
        for p in g["pairs"].as_array().unwrap() {
            assert!(p["a"].as_str().unwrap().starts_with("003"), "{p}");
            assert!(!p["b"].as_str().unwrap().starts_with("003"));
        }
    }
    quotedrift()
        .args(["report", "--reference", "nope"])
        .arg(fixtures())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--reference nope: no such source"));
}

#[test]
fn fail_on_sets_the_exit_code_after_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    quotedrift()
        .args(["report", "--format", "json", "--fail-on", "0.5", "--out"])
        .arg(&out)
        .arg(fixtures())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--fail-on"));
    assert!(out.exists(), "the report is written before failing");
    quotedrift()
        .args(["report", "--fail-on", "1"])
        .arg(fixtures())
        .assert()
        .code(0);
    quotedrift()
        .args(["report", "--fail-on", "1.5"])
        .arg(fixtures())
        .assert()
        .code(2);
    quotedrift()
        .args(["report", "--min-similarity", "x"])
        .arg(fixtures())
        .assert()
        .code(2);
}

#[test]
fn min_similarity_one_groups_only_identical_versions() {
    let doc = report_json(&["--min-similarity", "1"]);
    for g in doc["groups"].as_array().unwrap() {
        for p in g["pairs"].as_array().unwrap() {
            assert_eq!(p["similarity"]["combined"], 1.0);
        }
    }
}

#[test]
fn compare_two_texts() {
    quotedrift()
        .args([
            "compare",
            "The talks were open and useful",
            "The talks were constructive and useful",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("substitution"))
        .stdout(predicate::str::contains("open → constructive"));
    let out = quotedrift()
        .args([
            "compare",
            "--format",
            "json",
            "same words here",
            "same words here",
        ])
        .output()
        .unwrap();
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["divergence"], 0.0);
    assert_eq!(line["drift"].as_array().unwrap().len(), 0);
}

#[test]
fn compare_with_the_languages_given() {
    // One word is too little to detect a language; given one, the lexicon knows the words.
    quotedrift()
        .args(["compare", "--lang", "eng", "rapid", "swift"])
        .assert()
        .success()
        .stdout(predicate::str::contains("substitution (synonym)"));
    quotedrift()
        .args(["compare", "--lang", "en", "open", "constructive"])
        .assert()
        .success()
        .stdout(predicate::str::contains("substitution (unrelated)"));
    let out = quotedrift()
        .args([
            "compare", "--format", "json", "--lang", "deu,eng", "offen", "open",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        line["similarity"]["concept_overlap"].as_f64().unwrap() >= 0.5,
        "{line}"
    );
    assert_ne!(line["drift"][0]["relation"], "unrelated", "{line}");
    quotedrift()
        .args(["compare", "--lang", "xx", "a", "b"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("'xx' is not a language code"));
}

#[test]
fn compare_a_tsv_of_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pairs.tsv");
    std::fs::write(
        &file,
        "# a\tb\nwe will agree\twe would agree\nthe talks lasted 90 minutes\tthe talks lasted two hours\teng\teng\n",
    )
    .unwrap();
    let out = quotedrift()
        .args(["compare", "--format", "json", "--pairs"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["drift"][0]["kind"], "tense");
    assert_eq!(lines[1]["drift"][0]["kind"], "number");
    std::fs::write(&file, "only one field\n").unwrap();
    quotedrift()
        .args(["compare", "--pairs"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pairs.tsv:1"));
}

#[test]
#[ignore = "the Russian passage's headline (Лавров назвал переговоры … открытыми и полезными), now read as reported speech, pairs with tagesschau's paraphrase first, and complete linkage keeps that pair out of the group: alignment must be able to leave one version out of a cluster (cross-language alignment issue)"]
fn renderings_in_german_russian_and_french_join_the_english_versions() {
    let translations = fixtures().with_file_name("geneva-2022-translations");
    let doc = report_json(&[translations.to_str().unwrap()]);
    let group = group_with(&doc, "003", "open and useful");
    let ids: Vec<&str> = group["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    for language in ["de_lavrov", "ru_lavrov", "fr_lavrov"] {
        assert!(
            ids.iter().any(|id| id.starts_with(language)),
            "{language} missing from {ids:?}"
        );
    }
    // The German quote carries its speaker under the German spelling, and is still Lavrov's.
    let german = "de_lavrov#3";
    assert!(ids.contains(&german), "{ids:?}");
    assert!(group["speaker"].as_str().unwrap().ends_with("Lavrov"));
    // Pairs across languages are scored on meaning and list their drift: the Russian full
    // sentence renders "The talks were open and useful" faithfully, while against "constructive
    // and useful" the substitution is reported.
    let pairs = group["pairs"].as_array().unwrap();
    let pair = |a: &str, b: &str| {
        pairs
            .iter()
            .find(|p| p["a"] == a && p["b"] == b || p["a"] == b && p["b"] == a)
            .unwrap_or_else(|| panic!("no pair {a} {b}"))
    };
    let ru_constructive = pair("004_e7aa7f92c00fff20#9", "ru_lavrov#2");
    let items: Vec<(&str, &str, &str, &str)> = ru_constructive["drift"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap(),
                d["a"].as_str().unwrap(),
                d["b"].as_str().unwrap(),
                d["relation"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        items.iter().any(|(k, a, b, r)| *k == "substitution"
            && *a == "constructive"
            && b.contains("открытыми")
            && *r == "unrelated"),
        "{items:?}"
    );
    // "open and useful" inside the tagesschau sentence is compared through that sentence (a
    // quote nested in another member speaks through its holder): against the Russian
    // fragment, no shared stem, meaning matched, and no item a reader must check.
    let ru_open = pair("003_dc03c1db8e55d129#8", "ru_lavrov#1");
    assert!(ru_open["similarity"]["concept_overlap"].as_f64().unwrap() >= 0.6);
    assert!(ru_open["similarity"]["stem_cosine"].as_f64().unwrap() == 0.0);
    assert!(
        ru_open["drift"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["severity"].as_f64().unwrap() < 0.5 && d["kind"] != "substitution"),
        "{ru_open}"
    );
    assert!(
        !pairs.iter().any(|p| p["a"] == "003_dc03c1db8e55d129#3"
            && p["b"] != "003_dc03c1db8e55d129#2"
            || p["b"] == "003_dc03c1db8e55d129#3" && p["a"] != "003_dc03c1db8e55d129#2"),
        "the nested fragment is compared with its holder only"
    );
}

/// JSON Lines of `copies` outlets carrying the wire's words and two carrying an edit.
fn syndicated_jsonl(copies: usize) -> String {
    let wire = "“The talks were open and useful,” Lavrov said.";
    let edited = "“The talks were constructive and useful,” Lavrov said.";
    (0..copies + 2)
        .map(|i| {
            let text = if i < copies { wire } else { edited };
            serde_json::json!({"id": format!("o{i:03}"), "outlet": format!("Outlet {i}"), "text": text})
                .to_string()
                + "\n"
        })
        .collect()
}

#[test]
fn copies_are_one_wording_and_every_version_says_which_in_json() {
    let out = quotedrift()
        .args(["report", "--format", "json", "--jsonl", "-"])
        .write_stdin(syndicated_jsonl(40))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{doc}");
    let group = &groups[0];
    assert_eq!(group["quotes"].as_array().unwrap().len(), 42);
    let wordings = group["wordings"].as_array().unwrap();
    let carried: Vec<(u64, usize)> = wordings
        .iter()
        .map(|w| {
            (
                w["sources"].as_u64().unwrap(),
                w["quotes"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(carried, [(40, 40), (2, 2)]);
    // Every version is in exactly one wording.
    let mut listed: Vec<&str> = wordings
        .iter()
        .flat_map(|w| {
            w["quotes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|q| q.as_str().unwrap())
        })
        .collect();
    listed.sort_unstable();
    let mut all: Vec<&str> = group["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap())
        .collect();
    all.sort_unstable();
    assert_eq!(listed, all);
    // One pair, between the two wordings, not 861 between copies.
    let pairs = group["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (
            pairs[0]["a_wording"].as_str(),
            pairs[0]["b_wording"].as_str()
        ),
        (Some("w1"), Some("w2"))
    );
    assert_eq!(pairs[0]["a"], wordings[0]["shown"]);
    assert_eq!(
        drift_items(group),
        [(
            "substitution".to_string(),
            "open".to_string(),
            "constructive".to_string()
        )]
    );
}

#[test]
fn the_lineage_of_a_changed_word_runs_through_three_outlets() {
    // The wire says "open" at 09:00; Outlet B changes it to "constructive" at 10:00; Outlet C
    // carries B's words at 11:00; Outlet D, at 12:00, adds "very" to B's wording; Outlet E, at
    // 13:00, adds "on Friday" to the wire's: it derives from the wire, not from the latest.
    let records = [
        (
            "wire",
            "2022-01-21T09:00:00Z",
            "“The talks with Blinken were open and useful,” Lavrov said.",
        ),
        (
            "c",
            "2022-01-21T11:00:00Z",
            "“The talks with Blinken were constructive and useful,” Lavrov said.",
        ),
        (
            "b",
            "2022-01-21T10:00:00Z",
            "“The talks with Blinken were constructive and useful,” Lavrov said.",
        ),
        (
            "d",
            "2022-01-21T12:00:00Z",
            "“The talks with Blinken were constructive and very useful,” Lavrov said.",
        ),
    ];
    let jsonl: String = records
        .iter()
        .map(|(id, published, text)| {
            serde_json::json!({"id": id, "outlet": format!("Outlet {id}"), "published": published, "text": text})
                .to_string()
                + "\n"
        })
        .collect();
    let text = quotedrift()
        .args(["report", "--color", "never", "--jsonl", "-"])
        .write_stdin(jsonl.clone())
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("first in Outlet b, 2022-01-21T10:00:00Z, from Outlet wire’s wire#1"),
        "{text}"
    );
    let out = quotedrift()
        .args(["report", "--format", "json", "--jsonl", "-"])
        .write_stdin(jsonl)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let groups = doc["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{doc}");
    let wordings = groups[0]["wordings"].as_array().unwrap();
    let word = |w: &Value| -> (String, String, Option<String>) {
        let first = w["first"].as_str().unwrap();
        let derived = w["derived_from"].as_str().map(|id| {
            let from = wordings.iter().find(|u| u["id"] == id).unwrap();
            from["first"].as_str().unwrap().to_string()
        });
        (
            first.to_string(),
            w["published"].as_str().unwrap().to_string(),
            derived,
        )
    };
    let mut lineage: Vec<(String, String, Option<String>)> = wordings.iter().map(word).collect();
    lineage.sort_by(|x, y| x.1.cmp(&y.1));
    assert_eq!(
        lineage,
        [
            (
                "wire#1".to_string(),
                "2022-01-21T09:00:00Z".to_string(),
                None
            ),
            (
                "b#1".to_string(),
                "2022-01-21T10:00:00Z".to_string(),
                Some("wire#1".to_string())
            ),
            (
                "d#1".to_string(),
                "2022-01-21T12:00:00Z".to_string(),
                Some("b#1".to_string())
            ),
        ]
    );
}
