//! `quotedrift report` and `quotedrift compare` as a user runs them.

use crate::common::{fixtures, quotedrift, stdout_of};

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

/// The text report of the fixtures with `extra` arguments, as a pipe receives it.
fn report_text(extra: &[&str]) -> String {
    let args: Vec<&str> = std::iter::once("report")
        .chain(extra.iter().copied())
        .collect();
    stdout_of(&args, &fixtures())
}

/// The group headlines of a text report: the lines that start with a group id.
fn headlines(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter(|l| {
            l.strip_prefix('g')
                .and_then(|r| r.split_whitespace().next())
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
        })
        .collect()
}

/// Whether a line names a version by its quote id (`003_dc03c1db8e55d129#2`).
fn names_a_quote_id(line: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || c == '(' || c == ',')
        .any(|w| w.contains('#') && w.split('#').next().is_some_and(|id| id.len() >= 16))
}

#[test]
fn text_report_is_a_short_ranked_list_of_findings_by_outlet() {
    let report = report_text(&[]);
    let lines: Vec<&str> = report.lines().collect();
    assert!(lines.len() <= 150, "{} lines:\n{report}", lines.len());
    for line in &lines {
        let width = console::measure_text_width(line);
        assert!(width <= 80, "{width} columns when piped: {line}");
        assert!(!names_a_quote_id(line), "a version named by its id: {line}");
    }
    assert!(!report.contains('\x1b'), "no colour in a pipe");
    // One headline per group, in rank order, with its speaker and severity.
    let doc = report_json(&[]);
    let groups = doc["groups"].as_array().unwrap();
    let heads = headlines(&report);
    assert_eq!(heads.len(), groups.len(), "{report}");
    for (head, group) in heads.iter().zip(groups) {
        let id = group["id"].as_str().unwrap();
        assert!(head.starts_with(&format!("{id} ")), "{head}");
        assert!(
            head.contains(&format!(
                "severity {:.2}",
                group["severity"].as_f64().unwrap()
            )),
            "{head}"
        );
    }
    // The most severe change is named with the outlets on each side, and its words marked in
    // the versions shown.
    assert!(
        report.contains("∅ (AFP report) → ‘won’t’ (Reference News Network): negation"),
        "{report}"
    );
    assert!(report.contains("[won’t]"), "{report}");
    // Ungrouped quotes are counted, not listed.
    let grouped: usize = groups
        .iter()
        .map(|g| g["quotes"].as_array().unwrap().len())
        .sum();
    let ungrouped = doc["quotes"].as_array().unwrap().len() - grouped;
    assert!(ungrouped > 0);
    assert!(
        report.contains(&format!("{ungrouped} ungrouped quotes (")),
        "{report}"
    );
    quotedrift()
        .args(["report", "--color", "always"])
        .arg(fixtures())
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b[31mwon’t\x1b[0m"));
}

#[test]
fn top_keeps_the_most_severe_groups() {
    let all = report_text(&[]);
    let top = report_text(&["--top", "3"]);
    let heads = headlines(&top);
    assert_eq!(heads, headlines(&all)[..3].to_vec(), "{top}");
    assert!(top.contains("12 more groups"), "{top}");
    assert!(top.lines().count() < all.lines().count());
    let none = report_text(&["--top", "0"]);
    assert!(headlines(&none).is_empty(), "{none}");
}

#[test]
fn detail_lists_every_version_and_pair() {
    let report = report_text(&["--detail"]);
    for line in report.lines() {
        let width = console::measure_text_width(line);
        assert!(width <= 80, "{width} columns when piped: {line}");
    }
    let doc = report_json(&[]);
    let groups = doc["groups"].as_array().unwrap();
    let pairs: usize = groups
        .iter()
        .map(|g| g["pairs"].as_array().unwrap().len())
        .sum();
    let pair_lines = report
        .lines()
        .filter(|l| l.trim_start().starts_with("similarity ") && l.contains(" divergence "))
        .count();
    assert_eq!(pair_lines, pairs, "{report}");
    // Every version with its quote id and the outlet as the manifest gives it.
    for q in groups.iter().flat_map(|g| g["quotes"].as_array().unwrap()) {
        assert!(report.contains(q.as_str().unwrap()), "{q} missing");
    }
    assert!(report.contains("“[open] and useful”"), "{report}");
    assert!(report.contains("Ungrouped quotes"), "{report}");
    assert!(report.contains("tagesschau (ARD)"), "{report}");
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
    let rows = csv_rows(&[]);
    assert!(rows.iter().any(|r| r["kind"] == "substitution"
        && r["a_words"] == "open"
        && r["b_words"] == "constructive"));
}

/// The CSV report of the fixtures, each row as a map from column to cell.
fn csv_rows(extra: &[&str]) -> Vec<std::collections::BTreeMap<String, String>> {
    let out = quotedrift()
        .args(["report", "--format", "csv"])
        .args(extra)
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// How many rows the CSV and JSON Lines reports should have: one per drift item, and one for
/// each pair without any.
fn expected_rows(doc: &Value) -> usize {
    doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["pairs"].as_array().unwrap())
        .map(|p| p["drift"].as_array().unwrap().len().max(1))
        .sum()
}

#[test]
fn csv_rows_carry_both_versions_with_integer_offsets_and_a_kind() {
    let doc = report_json(&[]);
    let rows = csv_rows(&[]);
    assert_eq!(rows.len(), expected_rows(&doc));
    let mut without_drift = 0;
    for row in &rows {
        for column in ["a_start", "a_end", "b_start", "b_end"] {
            assert!(row[column].parse::<u64>().is_ok(), "{column}: {row:?}");
        }
        for column in [
            "similarity",
            "divergence",
            "pair_severity",
            "severity",
            "group_severity",
        ] {
            assert!(row[column].parse::<f64>().is_ok(), "{column}: {row:?}");
        }
        for column in ["kind", "a_outlet", "b_outlet", "a_text", "b_text", "a", "b"] {
            assert!(!row[column].is_empty(), "empty {column}: {row:?}");
        }
        assert_eq!(text_of(&doc, &row["a"]), row["a_text"]);
        assert_eq!(text_of(&doc, &row["b"]), row["b_text"]);
        if row["kind"] == "none" {
            without_drift += 1;
            assert_eq!(row["severity"], "0", "{row:?}");
            let (start, end): (usize, usize) = (
                row["a_start"].parse().unwrap(),
                row["a_end"].parse().unwrap(),
            );
            assert_eq!(
                end - start,
                row["a_text"].len(),
                "the whole version: {row:?}"
            );
        }
    }
    assert!(
        without_drift > 0,
        "pairs without drift are rows of their own"
    );
    // Outlets by name, as the manifest gives them.
    assert!(rows.iter().any(|r| r["a_outlet"] == "tagesschau"));
}

#[test]
fn json_lines_are_flat_objects_one_per_drift_item() {
    let doc = report_json(&[]);
    let out = quotedrift()
        .args(["report", "--format", "jsonl"])
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), expected_rows(&doc));
    let csv = csv_rows(&[]);
    let columns: Vec<&String> = csv[0].keys().collect();
    for (line, row) in lines.iter().zip(&csv) {
        let object = line.as_object().expect("an object");
        let mut keys: Vec<&String> = object.keys().collect();
        keys.sort();
        assert_eq!(keys, columns, "the CSV's columns");
        for (key, value) in object {
            assert!(!value.is_array() && !value.is_object(), "{key} is not flat");
        }
        for key in ["a_start", "a_end", "b_start", "b_end"] {
            assert!(line[key].is_u64(), "{key}: {line}");
            assert_eq!(line[key].to_string(), row[key]);
        }
        assert!(!line["kind"].as_str().unwrap().is_empty());
        assert_eq!(line["kind"].as_str().unwrap(), row["kind"]);
        assert_eq!(line["a_text"].as_str().unwrap(), row["a_text"]);
    }
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
}

#[test]
#[ignore = "across languages the word diff does not yet line up a fragment's word with the word it renders when the other version is a long sentence: \"constructive\" against the Russian sentence is an omission and an addition, not a substitution of «открытыми» (cross-language drift, verdicts issue)"]
fn a_cross_language_pair_names_the_substituted_word() {
    let translations = fixtures().with_file_name("geneva-2022-translations");
    let doc = report_json(&[translations.to_str().unwrap()]);
    let group = group_with(&doc, "003", "open and useful");
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
    // Quotes by their source and text, not by their numbers.
    let id_of = |source: &str, text: &str| -> String {
        doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| {
                q["id"].as_str().unwrap().starts_with(source) && q["text"].as_str().unwrap() == text
            })
            .unwrap_or_else(|| panic!("no quote {text:?} in {source}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let constructive = id_of("004_", "constructive and useful");
    let ru_sentence = id_of(
        "ru_lavrov",
        "переговоры с госсекретарем США Энтони Блинкеном в Женеве были «открытыми и полезными»",
    );
    let ru_constructive = pair(&constructive, &ru_sentence);
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
    let tagesschau_sentence = id_of("003_", "The meeting with Blinken was “open and useful,”");
    let ru_headline = id_of("ru_lavrov", "переговоры с Блинкеном открытыми и полезными");
    let ru_open = pair(&tagesschau_sentence, &ru_headline);
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

#[test]
fn agencies_reporting_words_are_not_a_group_s_speaker() {
    let doc = report_json(&[]);
    let quote = |id: &str| {
        doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == id)
            .unwrap()
            .clone()
    };
    let text = report_text(&[]);
    let heads = headlines(&text);
    let mut reported_only = 0;
    for (group, head) in doc["groups"].as_array().unwrap().iter().zip(&heads) {
        let quotes: Vec<Value> = group["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| quote(q.as_str().unwrap()))
            .collect();
        match group["speaker"].as_str() {
            Some(speaker) => {
                // The group names its speaker as the corpus does (one spelling per person):
                // some version's speaker is that person, a spelling with the same surname.
                let surname_of = |name: &str| name.split_whitespace().last().map(str::to_string);
                assert!(
                    quotes.iter().any(|q| {
                        q["speaker"].as_str().and_then(surname_of) == surname_of(speaker)
                            && q["speaker_kind"] != "publication"
                    }),
                    "{speaker} speaks in no version of {}",
                    group["id"]
                );
                // Spellings are the speaker's, not those of other speakers of some version.
                let surname = speaker.split_whitespace().last().unwrap();
                for name in group["speaker_names"].as_array().unwrap() {
                    assert!(
                        name.as_str().unwrap().contains(surname),
                        "{name} of {speaker}"
                    );
                }
                assert!(head.contains(speaker), "{head}");
            }
            None => {
                assert!(head.contains("(unknown speaker)"), "{head}");
                if quotes.iter().any(|q| q["speaker_kind"] == "publication") {
                    reported_only += 1;
                }
            }
        }
    }
    assert!(
        reported_only > 0,
        "the fixtures hold words only an agency is said to report"
    );
}

#[test]
fn top_and_detail_with_another_format_are_pointed_out() {
    quotedrift()
        .args(["report", "--format", "json", "--top", "2"])
        .arg(fixtures())
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: --top and --detail apply to the text report only",
        ));
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
        .args(["report", "--color", "never", "--detail", "--jsonl", "-"])
        .write_stdin(jsonl.clone())
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("first in Outlet b, 2022-01-21T10:00:00Z, from Outlet wire’s wire#1"),
        "{text}"
    );
    // The default report says where each side of its decisive pair first appeared.
    let summary = quotedrift()
        .args(["report", "--color", "never", "--jsonl", "-"])
        .write_stdin(jsonl.clone())
        .output()
        .unwrap();
    let summary = String::from_utf8(summary.stdout).unwrap();
    assert!(summary.contains("Outlet b: first in Outlet b"), "{summary}");
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

#[test]
fn a_statement_carried_by_many_outlets_is_a_few_lines() {
    let out = quotedrift()
        .args(["report", "--color", "never", "--jsonl", "-"])
        .write_stdin(syndicated_jsonl(200))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    // 202 outlets, one change: the finding names a few outlets and counts the rest.
    assert!(text.lines().count() <= 20, "{text}");
    assert!(text.contains("more"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}
