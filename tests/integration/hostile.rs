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
