//! `quotedrift evaluate` as continuous integration runs it: figures printed, floors checked.

use std::path::Path;

use crate::common::{fixtures, quotedrift};

use predicates::prelude::*;

/// A two-article annotated corpus written for this test: one quote found, one missed.
fn annotated(dir: &Path) -> std::path::PathBuf {
    let text = "“The ferry will run again in June,” the captain Ida Berg said. \
                On the island the winter was long and quiet.";
    let quoted = "The ferry will run again in June";
    let start = text.find(quoted).unwrap();
    let missed = "the winter was long and quiet";
    let m = text.find(missed).unwrap();
    let record = serde_json::json!({
        "id": "ferry", "lang": "en", "split": "dev", "text": text,
        "quotes": [
            {"start": start, "end": start + quoted.len(), "speaker": "Ida Berg", "kind": "direct"},
            {"start": m, "end": m + missed.len(), "speaker": "Residents", "kind": "reported"}
        ]
    });
    let other = serde_json::json!({"id": "x", "lang": "en", "split": "train",
                                   "text": "“Not counted,” she said.", "quotes": []});
    let path = dir.join("ferry-dev.jsonl");
    std::fs::write(&path, format!("{record}\n{other}\n")).unwrap();
    path
}

#[test]
fn evaluate_quotes_prints_counts_and_checks_floors() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = annotated(dir.path());
    quotedrift()
        .args(["evaluate", "quotes", "--split", "dev"])
        .arg(&corpus)
        .assert()
        .success()
        .stdout(predicate::str::contains("quotes: ferry-dev (1 articles)"))
        .stdout(predicate::str::is_match(r"all\s+2\s+1\s+0\.500").unwrap());

    let json = quotedrift()
        .args(["evaluate", "quotes", "--split", "dev", "--format", "json"])
        .arg(&corpus)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(doc[0]["schema"], "quotedrift/evaluate-quotes@1");
    assert_eq!(doc[0]["overall"]["recall"], 0.5);
    assert_eq!(doc[0]["by_annotated_kind"]["reported"]["found"], 0);
    assert_eq!(doc[0]["figures"]["quotes.ferry-dev.recall"], 0.5);

    let floors = dir.path().join("floors.toml");
    std::fs::write(
        &floors,
        "[quotes.ferry-dev]\nrecall = 0.4\nprecision = 0.5\n",
    )
    .unwrap();
    quotedrift()
        .args(["evaluate", "quotes", "--split", "dev", "--check"])
        .arg(&floors)
        .arg(&corpus)
        .assert()
        .success();
    std::fs::write(
        &floors,
        "[quotes.ferry-dev]\nrecall = 0.6\nprecision = 0.5\n",
    )
    .unwrap();
    quotedrift()
        .args(["evaluate", "quotes", "--split", "dev", "--check"])
        .arg(&floors)
        .arg(&corpus)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ferry-dev"))
        .stderr(predicate::str::contains(
            "quotes.ferry-dev.recall is 0.500, below its floor 0.600",
        ))
        .stderr(predicate::str::contains("precision").not());
}

#[test]
fn evaluate_demetr_reads_a_folder_of_files() {
    let dir = tempfile::tempdir().unwrap();
    let item = |pert: &str, name: &str, severity: &str| {
        serde_json::json!({
            "id": 7, "src_sent": "Il sindaco ha aperto il nuovo ponte lunedì.",
            "eng_sent": "The mayor opened the new bridge on Monday.",
            "mt_sent": "On Monday the mayor opened the new bridge.",
            "pert_sent": pert, "lang_tag": "italian", "pert_check": true,
            "pert_name": name, "severity": severity
        })
    };
    std::fs::write(
        dir.path().join("demetr_critical_id8_negation.json"),
        serde_json::json!([item(
            "On Monday the mayor did not open the new bridge.",
            "critical_id8_negation",
            "critical"
        )])
        .to_string(),
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not read").unwrap();
    quotedrift()
        .args(["evaluate", "demetr"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("(1 files;"))
        .stdout(
            predicate::str::is_match(r"negation\s+critical\s+1\s+0\s+1\.000\s+negation\s+1\.000")
                .unwrap(),
        );

    let empty = tempfile::tempdir().unwrap();
    quotedrift()
        .args(["evaluate", "demetr"])
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no .json files"));
}

#[test]
fn evaluate_groups_on_the_fixtures() {
    let annotation =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/annotations/alignment-geneva-2022.toml");
    quotedrift()
        .args(["evaluate", "groups"])
        .arg(&annotation)
        .arg(fixtures())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "groups: alignment-geneva-2022 (pairwise)",
        ))
        .stdout(predicate::str::is_match(r"all\s+\d+\s+128\s").unwrap())
        .stdout(predicate::str::contains("cross-language"));
}
