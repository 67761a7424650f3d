//! What a hostile but realistic user gives the command: articles holding terminal control
//! codes and spreadsheet formulas, hostile ids, output aimed at inputs and devices, special
//! files, encodings the input does not allow. Each case asserts what the user sees: a clear
//! refusal (exit 2, nothing written) or output that does the user no harm.

use std::path::Path;

use predicates::prelude::*;

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

/// Makes a named pipe at `path`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// The command, stopped (and the test failed) if it runs for more than 30 seconds.
fn bounded() -> assert_cmd::Command {
    let mut cmd = quotedrift();
    cmd.timeout(std::time::Duration::from_secs(30));
    cmd
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_device_named_as_input_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["pipe.txt", "pipe.jsonl"] {
        let fifo = dir.path().join(name);
        mkfifo(&fifo);
        bounded()
            .arg("quotes")
            .arg(&fifo)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "{name}: a named pipe (FIFO), not a regular file"
            )));
    }
    // A device under a text file's name: refused before a byte of it is read.
    let zero = dir.path().join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    bounded()
        .arg("quotes")
        .arg(&zero)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "zero.txt: a character device, not a regular file",
        ));
    // A merge shard and a --pairs file are files the run reads too.
    let shard = dir.path().join("shard.json");
    mkfifo(&shard);
    bounded()
        .arg("merge")
        .arg(&shard)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("a named pipe (FIFO)"));
    bounded()
        .args(["compare", "--pairs"])
        .arg(&zero)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("a character device"));
    // A manifest that is a pipe.
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "“Open,” Lavrov said.").unwrap();
    mkfifo(&folder.join("manifest.toml"));
    bounded()
        .arg("quotes")
        .arg(&folder)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "manifest.toml: a named pipe (FIFO), not a regular file",
        ));
}

#[cfg(unix)]
#[test]
fn endless_standard_input_stops_at_the_size_limit() {
    for jsonl in [false, true] {
        let zero = std::fs::File::open("/dev/zero").unwrap();
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("quotedrift"));
        cmd.args(["quotes", "--max-file-size", "1M", "-"]);
        if jsonl {
            cmd.arg("--jsonl");
        }
        let mut child = cmd
            .stdin(zero)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > std::time::Duration::from_secs(30) {
                let _ = child.kill();
                panic!("standard input from /dev/zero read for 30 s (jsonl: {jsonl})");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert_eq!(status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("-: larger than the limit of 1048576 bytes for one input (raise it with --max-file-size)"),
            "{stderr}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_proc_file_of_unknown_size_stops_at_the_size_limit() {
    // /proc files say they are empty and then give more: the limit holds while reading.
    let dir = tempfile::tempdir().unwrap();
    let proc = dir.path().join("maps.txt");
    std::os::unix::fs::symlink("/proc/self/maps", &proc).unwrap();
    bounded()
        .args(["quotes", "--max-file-size", "64"])
        .arg(&proc)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "maps.txt: larger than the limit of 64 bytes",
        ));
}

#[test]
fn a_file_over_the_size_limit_is_refused_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().unwrap();
    let article = "“The talks were open and useful,” Lavrov said. ".repeat(30);
    std::fs::write(dir.path().join("a.txt"), &article).unwrap();
    let record = serde_json::json!({"id": "b", "text": article});
    std::fs::write(dir.path().join("b.jsonl"), format!("{record}\n")).unwrap();
    for name in ["a.txt", "b.jsonl"] {
        bounded()
            .args(["quotes", "--max-file-size", "1K"])
            .arg(dir.path().join(name))
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "{name}: larger than the limit of 1024 bytes"
            )));
        bounded()
            .args(["quotes", "--max-file-size", "1M"])
            .arg(dir.path().join(name))
            .assert()
            .success();
    }
    bounded()
        .args(["quotes", "--max-file-size", "lots"])
        .arg(dir.path().join("a.txt"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is not a size"));
}

#[test]
fn thousands_of_threads_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_manifest(dir.path());
    let started = std::time::Instant::now();
    bounded()
        .args(["--threads", "10000", "report"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "--threads 10000: at most 256 worker threads",
        ));
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    bounded()
        .args(["report", "--threads", "4"])
        .arg(dir.path())
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_manifest_in_a_subfolder_is_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_manifest(dir.path());
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("c.txt"), "“Frank and useful,” Lavrov said.").unwrap();
    std::fs::write(
        sub.join("manifest.toml"),
        "[[source]]\nfile = \"c.txt\"\noutlet = \"C\"\n",
    )
    .unwrap();
    mkfifo(&sub.join("pipe.txt"));
    bounded()
        .arg("quotes")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("Frank and useful"))
        .stderr(predicates::str::contains(
            "pipe.txt: skipped: a named pipe (FIFO), not a regular file",
        ))
        .stderr(predicates::str::contains(
            "sub/manifest.toml: ignored: only the manifest at the top of a folder given as input is read",
        ));
}

#[test]
fn json_lines_with_a_utf8_byte_order_mark_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("feed.jsonl");
    let record = serde_json::json!({"id": "a", "text": "“Open and useful,” Lavrov said."});
    std::fs::write(&input, format!("\u{feff}{record}\n")).unwrap();
    bounded()
        .arg("quotes")
        .arg(&input)
        .assert()
        .success()
        .stdout(predicates::str::contains("Open and useful"));
}

#[test]
fn utf16_input_is_named_as_such_with_the_way_to_convert_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = "“Open and useful,” Lavrov said.";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "le-bom.txt",
            [&b"\xFF\xFE"[..], &le].concat(),
            "UTF-16 (little-endian, with a byte order mark)",
        ),
        (
            "be-bom.md",
            [&b"\xFE\xFF"[..], &be].concat(),
            "UTF-16 (big-endian, with a byte order mark)",
        ),
        (
            "le.txt",
            le.clone(),
            "UTF-16 (little-endian, without a byte order mark)",
        ),
        (
            "feed.jsonl",
            [&b"\xFF\xFE"[..], &le].concat(),
            "UTF-16 (little-endian, with a byte order mark)",
        ),
    ];
    for (name, bytes, encoding) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = bounded().arg("quotes").arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains(&format!("{name}: {encoding} text, but input must be UTF-8")),
            "{stderr}"
        );
        assert!(stderr.contains("iconv -f UTF-16"), "{stderr}");
        assert!(!stderr.contains("binary"), "{stderr}");
    }
}

#[test]
fn a_missing_file_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["quotes", "merge"] {
        let out = bounded()
            .arg(command)
            .arg(dir.path().join("gone.txt"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("gone.txt: cannot read"), "{stderr}");
        assert_eq!(stderr.matches("(os error 2)").count(), 1, "{stderr}");
    }
}

#[test]
fn json_lines_languages_are_checked_as_the_manifest_s_are() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            serde_json::json!({"language": "klingon"}),
            "language 'klingon' is not a language quotedrift knows",
        ),
        (
            serde_json::json!({"original_language": "English"}),
            "language 'English' is not an ISO 639-3 code",
        ),
        (
            serde_json::json!({"translation_chain": ["rus", "de"]}),
            "language 'de' is not an ISO 639-3 code",
        ),
    ];
    for (fields, message) in cases {
        let mut record = serde_json::json!({"id": "a", "text": "“Open and useful,” Lavrov said."});
        for (key, value) in fields.as_object().unwrap() {
            record[key] = value.clone();
        }
        let input = dir.path().join("feed.jsonl");
        std::fs::write(&input, format!("{record}\n")).unwrap();
        bounded()
            .arg("quotes")
            .arg(&input)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(format!(
                "feed.jsonl:1: {message}"
            )));
        // Skipped with a warning under --skip-bad-lines, the good records read.
        let good = serde_json::json!({"id": "b", "text": "“Frank and useful,” Lavrov said."});
        std::fs::write(&input, format!("{record}\n{good}\n")).unwrap();
        bounded()
            .args(["quotes", "--skip-bad-lines"])
            .arg(&input)
            .assert()
            .success()
            .stdout(predicates::str::contains("Frank and useful"))
            .stderr(predicates::str::contains(format!(
                "feed.jsonl:1: skipped: {message}"
            )));
    }
    // Known codes, in either form, are accepted.
    let record = serde_json::json!({"id": "a", "text": "“Open and useful,” Lavrov said.",
        "language": "en", "original_language": "rus", "translation_chain": ["rus", "eng"]});
    let input = dir.path().join("good.jsonl");
    std::fs::write(&input, format!("{record}\n")).unwrap();
    bounded().arg("quotes").arg(&input).assert().success();
}

#[test]
fn the_out_file_s_extension_chooses_the_format_unless_format_is_given() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_manifest(dir.path());
    let out = tempfile::tempdir().unwrap();
    let cases = [
        ("r.json", "{\n  \"schema\": \"quotedrift/report@1\""),
        ("r.md", "# quotedrift report"),
        ("r.csv", "group,speaker,"),
        ("r.jsonl", "{\"group\":\"g1\","),
        ("r.html", "<!DOCTYPE html>"),
        ("r.txt", "2 sources, 2 quotes"),
    ];
    for (name, start) in cases {
        let path = out.path().join(name);
        bounded()
            .arg("report")
            .arg(dir.path())
            .arg("--out")
            .arg(&path)
            .assert()
            .success()
            .stderr(predicates::str::contains("warning").not());
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.starts_with(start), "{name}: {written:.80}");
    }
    let quotes = out.path().join("q.json");
    bounded()
        .arg("quotes")
        .arg(dir.path())
        .arg("--out")
        .arg(&quotes)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&quotes)
        .unwrap()
        .contains("\"schema\": \"quotedrift/quotes@1\""));
    // An explicit format wins, and a contradicting extension is pointed out.
    let path = out.path().join("really-text.json");
    bounded()
        .args(["report", "--format", "text"])
        .arg(dir.path())
        .arg("--out")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicates::str::contains("warning: writing text to"));
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .starts_with("2 sources"));
}

/// The quotes@1 document of `paths`.
fn shard_of(paths: &[&Path]) -> serde_json::Value {
    let out = quotedrift()
        .args(["quotes", "--format", "json"])
        .args(paths)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn merge_refuses_one_quote_id_given_to_two_quotes() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_manifest(dir.path());
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    // Within one shard: b's quote renamed after a's.
    let mut both = shard_of(&[&a, &b]);
    let first = both["quotes"][0]["id"].clone();
    assert_eq!(first, "a#1");
    both["quotes"][1]["id"] = first.clone();
    let within = dir.path().join("within.json");
    std::fs::write(&within, both.to_string()).unwrap();
    quotedrift()
        .arg("merge")
        .arg(&within)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "within.json: quote a#1 appears twice",
        ));
    // Across shards: each shard is sound, together they give one id to two quotes.
    let one = dir.path().join("one.json");
    std::fs::write(&one, shard_of(&[&a]).to_string()).unwrap();
    let mut other = shard_of(&[&b]);
    other["quotes"][0]["id"] = first;
    let two = dir.path().join("two.json");
    std::fs::write(&two, other.to_string()).unwrap();
    quotedrift().arg("merge").arg(&two).assert().success();
    quotedrift()
        .arg("merge")
        .arg(&one)
        .arg(&two)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("quote a#1 is also in"));
}

/// JSON Lines of `n` sources, the `i`-th holding `text(i)`.
fn feed(dir: &Path, n: usize, text: impl Fn(usize) -> String) -> std::path::PathBuf {
    let mut lines = String::new();
    for i in 0..n {
        let record = serde_json::json!({"id": format!("s{i:03}"), "text": text(i)});
        lines.push_str(&format!("{record}\n"));
    }
    let path = dir.join(format!("feed-{n}.jsonl"));
    std::fs::write(&path, lines).unwrap();
    path
}

#[test]
fn hundreds_of_copies_of_one_statement_are_one_group() {
    let dir = tempfile::tempdir().unwrap();
    for n in [101, 150] {
        let input = feed(dir.path(), n, |_| {
            "Sergei Lavrov told reporters on Friday: “The talks in Geneva were open and useful, and we will continue them.”".to_string()
        });
        let out = bounded()
            .args(["report", "--format", "json"])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let groups = doc["groups"].as_array().unwrap();
        assert_eq!(groups.len(), 1, "{n} copies");
        assert_eq!(groups[0]["quotes"].as_array().unwrap().len(), n);
        assert_eq!(groups[0]["sources"], n);
        assert!(doc["ungrouped"].as_array().unwrap().is_empty());
    }
}

#[test]
fn quotes_the_index_cannot_compare_are_reported_with_counts() {
    // 120 versions of one sentence, each with a word of its own: every word they share is
    // held by more than 100 of them, so none is compared with any other.
    let dir = tempfile::tempdir().unwrap();
    let letters: Vec<char> = "bcdfghklmnprstvz".chars().collect();
    let input = feed(dir.path(), 120, |i| {
        let word: String = [letters[i / 16], 'o', letters[i % 16], 'u', 'r']
            .iter()
            .collect();
        format!(
            "Sergei Lavrov told reporters: “The talks in Geneva were open and useful for {word}.”"
        )
    });
    for format in ["text", "md", "html"] {
        let out = bounded()
            .args(["report", "--format", format])
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let stderr = String::from_utf8(out.stderr).unwrap();
        let warning = "120 quotes were compared with no other: every word they share with other quotes is held by more than 100 quotes of one speaker";
        assert!(stderr.contains(&format!("warning: {warning}")), "{stderr}");
        let report = String::from_utf8(out.stdout).unwrap();
        let report = report.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(report.contains(warning), "{format}: the report says it too");
        if format == "text" {
            assert!(
                report.contains("no other source reports them, of those alignment could compare"),
                "the ungrouped quotes are not said to be reported by no one"
            );
        }
    }
}

#[test]
fn control_codes_in_ids_and_paths_never_reach_the_terminal_through_messages() {
    let dir = tempfile::tempdir().unwrap();
    let id = "evil\u{1b}]0;owned\u{7}\u{1b}[2J";
    let record = serde_json::json!({"id": id, "text": "“Open and useful,” Lavrov said."});
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, format!("{record}\n{record}\n")).unwrap();
    let out = bounded().arg("quotes").arg(&input).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is already used by"), "{stderr}");
    assert!(stderr.contains("evil\\u{1b}]0;owned\\u{7}"), "{stderr}");
    assert!(!stderr.contains(['\u{1b}', '\u{7}']), "{stderr:?}");
}
