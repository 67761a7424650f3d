//! Scale: the report does not depend on the number of threads or on the order of the input.

#[path = "../../benches/support/corpus.rs"]
#[allow(dead_code, reason = "the tests use part of the generator")]
mod corpus;

use crate::common::{fixtures, quotedrift};

/// The JSON report of JSON Lines `input` read from standard input with `threads` threads.
fn report(input: &str, threads: usize) -> String {
    let out = quotedrift()
        .args(["--threads", &threads.to_string()])
        .args(["report", "-", "--jsonl", "--format", "json"])
        .write_stdin(input)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // No progress display when standard error is not a terminal.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 report")
}

#[test]
fn reports_are_identical_across_thread_counts_and_input_orders() {
    let texts = corpus::articles(7, 120);
    let lines: Vec<String> = corpus::jsonl(&texts).lines().map(String::from).collect();
    // The same records in another order (a seeded shuffle).
    let mut shuffled = lines.clone();
    let mut rng = corpus::Rng::new(99);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    assert_ne!(shuffled, lines);
    let one = report(&(lines.join("\n") + "\n"), 1);
    let many = report(&(shuffled.join("\n") + "\n"), 3);
    let groups = serde_json::from_str::<serde_json::Value>(&one).expect("JSON")["groups"]
        .as_array()
        .map_or(0, Vec::len);
    assert!(groups > 10, "the corpus gives real work: {groups} groups");
    // Only where each record was read (its line of standard input) may differ.
    let without_lines = |report: &str| {
        let mut value: serde_json::Value = serde_json::from_str(report).expect("JSON");
        for source in value["sources"].as_array_mut().expect("sources") {
            let path = source["path"].as_str().expect("path").to_string();
            assert!(path.starts_with("-:"), "{path}");
            source["path"] = serde_json::Value::Null;
        }
        value.to_string()
    };
    assert!(
        without_lines(&one) == without_lines(&many),
        "1 thread in order and 3 threads shuffled differ"
    );
    // And the thread count alone changes no byte.
    assert!(one == report(&(lines.join("\n") + "\n"), 2));
}

#[test]
fn fixture_reports_do_not_depend_on_threads_or_argument_order() {
    let dir = fixtures();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let run = |files: &[std::path::PathBuf], threads: &str| {
        let out = quotedrift()
            .args(["--threads", threads, "report", "--format", "json"])
            .args(files)
            .output()
            .expect("runs");
        assert!(out.status.success());
        out.stdout
    };
    let forward = run(&files, "1");
    files.reverse();
    let backward = run(&files, "4");
    assert!(forward == backward);
}

/// Runs quotedrift with `args`, expecting success; returns standard output.
fn run_ok(args: &[&str]) -> Vec<u8> {
    let out = quotedrift().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn merging_three_shards_gives_the_report_of_one_run() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let seeds = fixtures();
    let mut files: Vec<String> = std::fs::read_dir(&seeds)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.display().to_string())
        .collect();
    files.sort();
    let translations = seeds
        .parent()
        .expect("fixtures folder")
        .join("geneva-2022-translations")
        .display()
        .to_string();
    // Three shards, written by both commands that write JSON, one with a folder and manifest.
    let shard = |n: usize, command: &str, inputs: &[&str]| {
        let path = dir.path().join(format!("shard{n}.json"));
        let out = path.display().to_string();
        let mut args = vec![command, "--format", "json", "--out", &out];
        args.extend(inputs);
        run_ok(&args);
        out
    };
    let s1 = shard(1, "quotes", &[&files[0], &files[1]]);
    let s2 = shard(2, "report", &[&files[2], &files[3]]);
    let s3 = shard(3, "quotes", &[&files[4], &translations]);
    for format in ["json", "html", "text"] {
        let merged = run_ok(&["merge", &s3, &s1, &s2, "--format", format]);
        let mut args = vec!["report", "--format", format];
        args.extend(files.iter().map(String::as_str));
        args.push(&translations);
        let one = run_ok(&args);
        assert!(merged == one, "merge differs from one run in {format}");
    }
    // The shards do real work: the merged report has groups across shards.
    let merged: serde_json::Value =
        serde_json::from_slice(&run_ok(&["merge", &s1, &s2, &s3, "--format", "json"]))
            .expect("JSON");
    let groups = merged["groups"].as_array().expect("groups");
    assert!(groups.iter().any(|g| {
        let quotes: Vec<&str> = g["quotes"]
            .as_array()
            .expect("quotes")
            .iter()
            .filter_map(|q| q.as_str())
            .collect();
        quotes.iter().any(|q| q.starts_with("000")) && quotes.iter().any(|q| q.starts_with("004"))
    }));
}

#[test]
fn shards_without_texts_merge_into_the_same_groups() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let full = run_ok(&[
        "report",
        "--format",
        "json",
        &fixtures().display().to_string(),
    ]);
    let mut doc: serde_json::Value = serde_json::from_slice(&full).expect("JSON");
    for source in doc["sources"].as_array_mut().expect("sources") {
        source.as_object_mut().expect("object").remove("text");
    }
    let trimmed = dir.path().join("trimmed.json");
    std::fs::write(&trimmed, doc.to_string()).expect("written");
    let merged: serde_json::Value = serde_json::from_slice(&run_ok(&[
        "merge",
        &trimmed.display().to_string(),
        "--format",
        "json",
    ]))
    .expect("JSON");
    let original: serde_json::Value = serde_json::from_slice(&full).expect("JSON");
    assert_eq!(merged["groups"], original["groups"]);
    assert_eq!(merged["quotes"], original["quotes"]);
}

#[test]
fn bad_shards_are_refused_with_the_file_named() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let good = dir.path().join("good.json");
    std::fs::write(
        &good,
        run_ok(&[
            "quotes",
            "--format",
            "json",
            &fixtures().display().to_string(),
        ]),
    )
    .expect("written");
    let good = good.display().to_string();
    let not_json = dir.path().join("broken.json");
    std::fs::write(&not_json, "{\"schema\": ").expect("written");
    let moved = dir.path().join("moved.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&good).expect("read")).expect("JSON");
    doc["quotes"][0]["start"] = serde_json::json!(1);
    std::fs::write(&moved, doc.to_string()).expect("written");
    // A speaker span that names no words and points past the end of its source.
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&good).expect("read")).expect("JSON");
    let attributed = doc["quotes"]
        .as_array()
        .expect("quotes")
        .iter()
        .position(|q| !q["speaker_start"].is_null())
        .expect("an attributed quote");
    doc["quotes"][attributed]["speaker_text"] = serde_json::Value::Null;
    doc["quotes"][attributed]["speaker_end"] = serde_json::json!(u32::MAX);
    let astray = dir.path().join("astray.json");
    std::fs::write(&astray, doc.to_string()).expect("written");
    let cases = [
        (
            vec![not_json.display().to_string()],
            "broken.json: not a quotedrift",
        ),
        (vec![good.clone(), good.clone()], "is also in"),
        (vec![moved.display().to_string()], "does not fit at bytes"),
        (vec![astray.display().to_string()], "without its words"),
    ];
    for (shards, expected) in cases {
        let out = quotedrift()
            .arg("merge")
            .args(&shards)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{shards:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{stderr}");
        assert!(out.stdout.is_empty());
    }
}

/// The hidden temporary files `--out` writes in `dir`.
#[cfg(unix)]
fn temporary_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".quotedrift-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let input_dir = tempfile::tempdir().unwrap();
    let input = input_dir.path().join("corpus.jsonl");
    std::fs::write(&input, corpus::jsonl(&corpus::articles(5, 1500))).unwrap();
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let out = tempfile::tempdir().unwrap();
        let target = out.path().join("report.json");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("quotedrift"))
            .args(["report", "--format", "json", "--out"])
            .arg(&target)
            .arg(&input)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Interrupted while it writes: once the temporary file is there.
        let started = std::time::Instant::now();
        while temporary_files(out.path()).is_empty() {
            assert!(
                child.try_wait().unwrap().is_none(),
                "the run ended before it was interrupted"
            );
            assert!(started.elapsed() < std::time::Duration::from_secs(120));
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let killed = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "SIG{signal}: {status:?}");
        assert!(
            temporary_files(out.path()).is_empty(),
            "SIG{signal} left {:?}",
            temporary_files(out.path())
        );
        assert!(!target.exists(), "no report, and no part of one");
    }
}
