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
