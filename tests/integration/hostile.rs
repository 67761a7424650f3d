//! What a hostile but realistic user gives the command: articles holding terminal control
//! codes and spreadsheet formulas, hostile ids, output aimed at inputs and devices, special
//! files, encodings the input does not allow. Each case asserts what the user sees: a clear
//! refusal (exit 2, nothing written) or output that does the user no harm.

use std::path::Path;

use crate::common::quotedrift;

/// Two sources reporting one sentence, so that the report has a group.
fn two_sources(dir: &Path, a: &str, b: &str) {
    std::fs::write(dir.join("a.txt"), a).unwrap();
    std::fs::write(dir.join("b.txt"), b).unwrap();
}

/// Every escape sequence in `out` is one of the report's own colours (`ESC [ digits m`).
fn only_colour_codes(out: &[u8]) -> bool {
    let mut rest = out;
    while let Some(i) = rest.iter().position(|&b| b == 0x1b) {
        rest = &rest[i + 1..];
        let Some(end) = rest.iter().position(|&b| b == b'm') else {
            return false;
        };
        if rest.first() != Some(&b'[') || !rest[1..end].iter().all(u8::is_ascii_digit) {
            return false;
        }
    }
    true
}

#[test]
fn terminal_control_codes_from_articles_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    two_sources(
        dir.path(),
        "“We will not accept \x1b]0;owned\x07 the talks \x1b[2J were open and useful,” Lavrov said.",
        "“We will not accept \x1b[31m the talks \u{9b}2J were open and useful,” Lavrov said.",
    );
    std::fs::write(
        dir.path().join("manifest.toml"),
        "[[source]]\nfile = \"a.txt\"\noutlet = \"Evil\\u001b]0;title\\u0007 News\"\n",
    )
    .unwrap();
    let runs: [&[&str]; 5] = [
        &["report", "--color", "never"],
        &["report", "--format", "md"],
        &["quotes", "--color", "never"],
        &["report", "--color", "always"],
        &["quotes", "--color", "always"],
    ];
    for args in runs {
        let out = quotedrift().args(args).arg(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let stdout = String::from_utf8(out.stdout.clone()).unwrap();
        assert!(stdout.contains("accept"), "{args:?}: {stdout}");
        assert!(
            !stdout.contains('\x07') && !stdout.contains('\u{9b}'),
            "{args:?}: {stdout:?}"
        );
        if args.contains(&"always") {
            assert!(only_colour_codes(&out.stdout), "{args:?}: {stdout:?}");
        } else {
            assert!(!stdout.contains('\x1b'), "{args:?}: {stdout:?}");
        }
        assert!(stdout.contains("\\u{1b}"), "shown escaped: {args:?}");
    }
}

#[test]
fn no_csv_cell_from_an_article_is_a_spreadsheet_formula() {
    let dir = tempfile::tempdir().unwrap();
    let text = |w: &str| format!("“The talks were {w} and useful, we agreed,” Lavrov said.");
    let mut lines = String::new();
    for (id, word) in [
        ("=HYPERLINK(\"http://evil.example\")", "open"),
        ("+cmd", "=1+1"),
        ("-2+3", "+frank"),
        ("@SUM(A1)", "-frank"),
        ("plain", "@frank"),
    ] {
        let record = serde_json::json!({"id": id, "text": text(word)});
        lines.push_str(&format!("{record}\n"));
    }
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, lines).unwrap();
    let out = quotedrift()
        .args(["report", "--format", "csv"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let mut rows = 0;
    let mut neutralized = 0;
    for record in reader.records() {
        let record = record.unwrap();
        rows += 1;
        for field in &record {
            assert!(
                !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a formula cell: {field:?} in {record:?}"
            );
            neutralized += usize::from(field.starts_with('\''));
        }
    }
    assert!(rows > 0, "the report has rows");
    assert!(neutralized > 0, "the hostile cells are kept, neutralized");
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
}

/// A folder with two articles of one statement and a manifest describing them.
fn folder_with_manifest(dir: &Path) -> String {
    two_sources(
        dir,
        "“The talks were open and useful,” Lavrov said.",
        "“The talks were frank and useful,” Lavrov said.",
    );
    let manifest = "[[source]]\nfile = \"a.txt\"\noutlet = \"A\"\n".to_string();
    std::fs::write(dir.join("manifest.toml"), &manifest).unwrap();
    manifest
}

#[test]
fn out_may_not_overwrite_the_manifest_of_an_input_folder() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = folder_with_manifest(dir.path());
    quotedrift()
        .args(["report", "--format", "json"])
        .arg(dir.path())
        .arg("--out")
        .arg(dir.path().join("manifest.toml"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "would overwrite the manifest of the input folder",
        ));
    let after = std::fs::read_to_string(dir.path().join("manifest.toml")).unwrap();
    assert_eq!(after, manifest, "the manifest is untouched");
    // The next run still works.
    quotedrift()
        .arg("report")
        .arg(dir.path())
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn out_may_not_overwrite_an_input_under_another_name() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_manifest(dir.path());
    let input = dir.path().join("a.txt");
    let before = std::fs::read(&input).unwrap();
    // A hard link and a symbolic link to the article, elsewhere.
    let other = tempfile::tempdir().unwrap();
    let hard = other.path().join("report.txt");
    std::fs::hard_link(&input, &hard).unwrap();
    let soft = other.path().join("report.json");
    std::os::unix::fs::symlink(&input, &soft).unwrap();
    for out in [&hard, &soft] {
        quotedrift()
            .args(["report", "--format", "json"])
            .arg(&input)
            .arg(dir.path().join("b.txt"))
            .arg("--out")
            .arg(out)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("would overwrite the input"));
        assert_eq!(std::fs::read(&input).unwrap(), before);
    }
    // A shard of merge, through a hard link.
    let shard = other.path().join("shard.json");
    quotedrift()
        .args(["quotes", "--format", "json"])
        .arg(dir.path())
        .arg("--out")
        .arg(&shard)
        .assert()
        .success();
    let shard_bytes = std::fs::read(&shard).unwrap();
    let alias = other.path().join("alias.json");
    std::fs::hard_link(&shard, &alias).unwrap();
    quotedrift()
        .args(["merge", "--format", "json"])
        .arg(&shard)
        .arg("--out")
        .arg(&alias)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("would overwrite the input"));
    assert_eq!(std::fs::read(&shard).unwrap(), shard_bytes);
}

#[cfg(unix)]
#[test]
fn out_onto_a_device_or_a_pipe_writes_into_it_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    folder_with_manifest(dir.path());
    let other = tempfile::tempdir().unwrap();
    // A link to /dev/null: the report goes nowhere, the link and the device stay.
    let null = other.path().join("null.json");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    quotedrift()
        .args(["report", "--format", "json"])
        .arg(dir.path())
        .arg("--out")
        .arg(&null)
        .assert()
        .success();
    let link = std::fs::symlink_metadata(&null).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // A named pipe: the report comes out of it, and it is still a pipe.
    let fifo = other.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (tx, rx) = std::sync::mpsc::channel();
    let reading = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::read(&reading));
    });
    quotedrift()
        .args(["report", "--format", "json"])
        .arg(dir.path())
        .arg("--out")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success();
    let report = rx
        .recv_timeout(std::time::Duration::from_secs(30))
        .expect("the report came through the pipe")
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&report).unwrap();
    assert_eq!(doc["schema"], "quotedrift/report@1");
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "still a pipe");
    let left: Vec<_> = std::fs::read_dir(other.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "no temporary file beside them: {left:?}");
}
