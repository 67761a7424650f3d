//! The `quotedrift` binary as a user runs it.

use std::path::PathBuf;

use crate::common::{fixtures, quotedrift};

use predicates::prelude::*;
use serde_json::Value;

/// The `quotes --format json` document of a path, which must succeed.
fn quotes_json(path: &std::path::Path) -> Value {
    let out = quotedrift()
        .args(["quotes", "--format", "json"])
        .arg(path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    json_of(&out)
}

fn json_of(output: &[u8]) -> Value {
    serde_json::from_slice(output).expect("valid JSON")
}

#[test]
fn quotes_json_has_the_documented_shape_and_true_offsets() {
    let doc = quotes_json(&fixtures());
    assert_eq!(doc["schema"], "quotedrift/quotes@1");
    let sources = doc["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    for source in sources {
        for field in [
            "id",
            "path",
            "language",
            "language_confidence",
            "outlet",
            "translation_chain",
        ] {
            assert!(source.get(field).is_some(), "source field {field}");
        }
        assert_eq!(source["language"], "eng");
    }
    assert_eq!(sources[4]["original_language"], "cmn");
    let quotes = doc["quotes"].as_array().unwrap();
    assert!(quotes.len() > 80);
    for q in quotes {
        for field in ["id", "source", "start", "end", "text", "speaker", "kind"] {
            assert!(q.get(field).is_some(), "quote field {field}");
        }
        let source = q["source"].as_str().unwrap();
        let bytes = std::fs::read(fixtures().join(format!("{source}.txt"))).unwrap();
        let (start, end) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            std::str::from_utf8(&bytes[start..end]).unwrap(),
            q["text"].as_str().unwrap(),
            "{}",
            q["id"]
        );
        assert!(q["id"].as_str().unwrap().starts_with(&format!("{source}#")));
    }
}

#[test]
fn the_seed_quotes_are_found_with_their_speakers() {
    let doc = quotes_json(&fixtures());
    let find = |source: &str, text: &str| -> Vec<(String, String)> {
        doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["source"].as_str().unwrap().starts_with(source))
            .filter(|q| q["text"].as_str().unwrap().contains(text))
            .map(|q| {
                (
                    q["kind"].as_str().unwrap().to_string(),
                    q["speaker"].as_str().unwrap_or("-").to_string(),
                )
            })
            .collect()
    };
    let lavrov = |source, kind: &str| {
        let quotes = find(source, "open and useful");
        quotes
            .iter()
            .filter(|(k, s)| k == kind && s.ends_with("Lavrov"))
            .count()
    };
    // Twice quoted, and twice inside a paraphrase ("The meeting with Blinken was “open and
    // useful,”").
    assert_eq!(lavrov("003", "direct"), 2);
    assert_eq!(lavrov("003", "indirect"), 2);
    assert_eq!(
        find("000", "open and useful"),
        [("indirect".into(), "Sergei Lavrov".into())]
    );
    assert_eq!(
        find("004", "constructive and useful"),
        [("direct".into(), "Sergey Lavrov".into())]
    );
    assert_eq!(
        find("004", "quite frank and useful"),
        [("indirect".into(), "Sergey Lavrov".into())]
    );
    assert!(find("001", "frank").contains(&("direct".into(), "Antony Blinken".into())));
    assert_eq!(
        find(
            "001",
            "I cannot say whether or not we are on the right track"
        ),
        [("direct".into(), "Sergei Lavrov".into())]
    );
    assert_eq!(
        find("004", "I can’t say whether we’re on the right track or not"),
        [("direct".into(), "Sergey Lavrov".into())]
    );
    assert_eq!(
        find("003", "collective, rapid and serious"),
        [
            ("indirect".into(), "Antony Blinken".into()),
            ("direct".into(), "Antony Blinken".into())
        ]
    );
    assert_eq!(
        find("004", "‘aggression.’"),
        [("direct".into(), "Anthony Blinken".into())]
    );
    assert_eq!(
        find("000", "he hoped that emotions would cool down over Ukraine"),
        [("indirect".into(), "Sergei Lavrov".into())]
    );
}

#[test]
fn both_spellings_of_a_name_are_reported() {
    let doc = quotes_json(&fixtures());
    let names = doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| {
            q["speaker"] == "Sergey Lavrov" && q["source"].as_str().unwrap().starts_with("004")
        })
        .map(|q| q["speaker_names"].clone())
        .unwrap();
    let names: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Sergey Lavrov") && names.contains(&"Sergei Lavrov"),
        "{names:?}"
    );
}

#[test]
fn text_output_lists_sources_and_quotes_without_colour_when_piped() {
    quotedrift()
        .arg("quotes")
        .arg(fixtures())
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "004_e7aa7f92c00fff20  eng English",
        ))
        .stdout(predicate::str::contains("Sergey Lavrov"))
        .stdout(predicate::str::contains("\x1b[").not());
    quotedrift()
        .args(["quotes", "--color", "always"])
        .arg(fixtures())
        .assert()
        .success()
        .stdout(predicate::str::contains("\x1b["));
}

#[test]
fn standard_input_is_a_source() {
    let out = quotedrift()
        .args(["quotes", "--format", "json", "-"])
        .write_stdin("“We are ready,” Lavrov said.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc = json_of(&out);
    assert_eq!(doc["sources"][0]["id"], "stdin");
    assert_eq!(doc["quotes"][0]["text"], "We are ready");
    assert_eq!(doc["quotes"][0]["speaker"], "Lavrov");
}

#[test]
fn folders_are_read_recursively_and_a_byte_order_mark_keeps_offsets() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("nested")).unwrap();
    std::fs::write(dir.path().join("nested/b.md"), "“Deep,” she said.").unwrap();
    std::fs::write(dir.path().join("a.txt"), "\u{feff}“Open,” Lavrov said.").unwrap();
    std::fs::write(dir.path().join("ignored.json"), "{}").unwrap();
    let doc = quotes_json(dir.path());
    let ids: Vec<&str> = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(doc["sources"][0]["bom"], true);
    assert_eq!(
        doc["quotes"][0]["start"], 6,
        "3 bytes of BOM + 3 bytes of “"
    );
}

/// Runs `quotes` on one file with the given bytes, expecting failure with exit code 2.
fn rejects(bytes: &[u8], message: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.txt");
    std::fs::write(&file, bytes).unwrap();
    let out_file = dir.path().join("report.json");
    quotedrift()
        .args(["quotes", "--format", "json", "--out"])
        .arg(&out_file)
        .arg(&file)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("bad.txt"))
        .stderr(predicate::str::contains(message));
    assert!(!out_file.exists(), "nothing is written on bad input");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bytes,
        "the input is never modified"
    );
}

#[test]
fn bad_inputs_are_named_with_exit_code_2() {
    rejects(
        b"caf\xC3\xA9 and \xFF here",
        "invalid UTF-8 at byte offset 10",
    );
    rejects(b"PK\x03\x04\x00\x00binary", "binary");
    rejects(b"", "empty file");
    rejects(b"  \n\n ", "empty file");
}

#[test]
fn lossy_reading_keeps_offsets_true_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.txt");
    let bytes = b"Caf\xE9 talks. \xE2\x80\x9CVery useful,\xE2\x80\x9D Lavrov said.";
    std::fs::write(&file, bytes).unwrap();
    let out = quotedrift()
        .args(["quotes", "--lossy", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc = json_of(&out.stdout);
    let q = &doc["quotes"][0];
    let (s, e) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&bytes[s..e], b"Very useful");
    assert_eq!(doc["sources"][0]["replaced_bytes"], 1);
}

#[test]
fn unreadable_and_unsupported_paths() {
    quotedrift()
        .args(["quotes", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt: cannot read"));
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("paper.pdf");
    std::fs::write(&pdf, "x").unwrap();
    quotedrift()
        .arg("quotes")
        .arg(&pdf)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unsupported file type"));
    quotedrift()
        .arg("quotes")
        .arg(dir.path().join("nothing-here-dir").as_os_str())
        .assert()
        .code(2);
    let empty = tempfile::tempdir().unwrap();
    quotedrift()
        .arg("quotes")
        .arg(empty.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no .txt or .md files"));
}

#[test]
fn usage_errors_exit_2() {
    quotedrift().assert().code(2);
    quotedrift().arg("quotes").assert().code(2);
    quotedrift()
        .args(["quotes", "--format", "yaml", "x.txt"])
        .assert()
        .code(2);
    quotedrift().args(["quotes", "-", "-"]).assert().code(2);
}

#[test]
fn help_documents_exit_codes() {
    quotedrift()
        .args(["quotes", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit codes:"))
        .stdout(predicate::str::contains("--lossy"));
}

#[test]
fn a_manifest_that_does_not_match_the_folder_is_an_error() {
    let cases = [
        ("[[source]]\nfile = \"missing.txt\"\n", "missing.txt"),
        (
            "[[source]]\nfile = \"a.txt\"\nlanguage = \"x\"\n",
            "unknown field",
        ),
        (
            "[[source]]\nfile = \"a.txt\"\noriginal_language = \"German\"\n",
            "ISO 639-3",
        ),
        (
            "[[source]]\nfile = \"a.txt\"\n[[source]]\nfile = \"a.txt\"\n",
            "listed twice",
        ),
    ];
    for (manifest, message) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Some text.").unwrap();
        std::fs::write(dir.path().join("manifest.toml"), manifest).unwrap();
        quotedrift()
            .arg("quotes")
            .arg(dir.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("manifest.toml"))
            .stderr(predicate::str::contains(message));
    }
}

#[test]
fn out_writes_the_whole_report_and_refuses_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "“Open,” Lavrov said.").unwrap();
    let report = dir.path().join("report.json");
    std::fs::write(&report, "old").unwrap();
    quotedrift()
        .args(["quotes", "--format", "json", "--out"])
        .arg(&report)
        .arg(&input)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        json_of(&std::fs::read(&report).unwrap())["quotes"][0]["text"],
        "Open"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".quotedrift-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    quotedrift()
        .args(["quotes", "--out"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would overwrite the input"));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        "“Open,” Lavrov said."
    );
}

#[test]
fn an_output_that_cannot_be_written_exits_3_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, "“Open,” Lavrov said.").unwrap();
    let target = dir.path().join("missing-dir/report.json");
    quotedrift()
        .args(["quotes", "--out"])
        .arg(&target)
        .arg(&input)
        .assert()
        .code(3)
        .stderr(predicate::str::contains("report.json"));
    assert!(!target.exists());
}

#[test]
fn output_does_not_depend_on_argument_order() {
    let files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    let mut forward = files.clone();
    forward.sort();
    let mut backward = forward.clone();
    backward.reverse();
    let run = |paths: &[PathBuf]| {
        quotedrift()
            .args(["quotes", "--format", "json"])
            .args(paths)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(&forward), run(&backward));
}

#[test]
fn json_lines_records_are_sources_with_offsets_into_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("day.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"id": "r1", "text": "“Open and useful,” Lavrov said.", "outlet": "Wire", "published": "2022-01-21", "extra": 1}"#,
            "\n\n",
            r#"{"id": "r2", "text": "“Constructive and useful,” Lavrov said.", "language": "en"}"#,
            "\r\n",
        ),
    )
    .unwrap();
    let out = quotedrift()
        .args(["quotes", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = json_of(&out.stdout);
    assert_eq!(doc["sources"][0]["id"], "r1");
    assert_eq!(doc["sources"][0]["outlet"], "Wire");
    assert_eq!(doc["sources"][0]["published"], "2022-01-21");
    assert!(doc["sources"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("day.jsonl:1"));
    assert_eq!(doc["sources"][1]["language"], "eng");
    assert_eq!(doc["sources"][1]["language_detection"], "declared");
    let q = &doc["quotes"][0];
    let text = "“Open and useful,” Lavrov said.";
    let (s, e) = (
        q["start"].as_u64().unwrap() as usize,
        q["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "Open and useful");
}

#[test]
fn a_malformed_json_line_is_named_and_can_be_skipped() {
    let lines = "{\"id\": \"a\", \"text\": \"“Open,” Lavrov said.\"}\n{\"id\": \"b\", \"text\": 5}\nnot json\n";
    quotedrift()
        .args(["quotes", "--jsonl", "-"])
        .write_stdin(lines)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("-:2: not a JSON record"));
    quotedrift()
        .args([
            "quotes",
            "--jsonl",
            "--skip-bad-lines",
            "--format",
            "json",
            "-",
        ])
        .write_stdin(lines)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning: -:2: skipped"))
        .stderr(predicate::str::contains("warning: -:3: skipped"))
        .stdout(predicate::str::contains("\"id\": \"a\""));
    quotedrift()
        .args(["quotes", "--jsonl", "-"])
        .write_stdin("{\"id\": \"a\", \"text\": \"   \"}\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("-:1: empty text"));
}
