//! Inputs the web produces and a careful tool must survive: every case runs under a time bound
//! enforced by the harness (a worker thread and a timeout), and keeps quote spans exact.
//!
//! Sizes are scaled down in debug builds; `.ci/run` also runs these tests with `--release` at
//! full size (a 20 MB single line).
//!
//! Their friends in `hostile.rs` run the command on what a hostile user gives it (special
//! files, endless input, other encodings, control codes, formulas, output aimed at inputs),
//! and `scale.rs` interrupts a run while it writes.

use std::sync::{mpsc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use quotedrift::align::AlignOptions;
use quotedrift::analysis;
use quotedrift::ingest::{read_bytes, Corpus};

use crate::common::quotedrift;

/// The cases run one at a time: analysis uses every core, and a case timed while another
/// runs beside it would measure the other case too.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

/// Full size in release builds, a tenth in debug builds.
fn scaled(bytes: usize) -> usize {
    if cfg!(debug_assertions) {
        bytes / 10
    } else {
        bytes
    }
}

/// Runs the whole analysis on `text` (as two sources, so alignment has work) under a time
/// bound; checks every quote's span and returns how long it took and how many quotes it found.
fn bounded(name: &str, text: String, limit: Duration) -> (Duration, usize) {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let start = Instant::now();
        let a = read_bytes("a", "-", text.as_bytes(), Default::default()).expect("readable");
        let mut b = a.clone();
        b.id = "b".into();
        let analysis = analysis::analyze(Corpus::new(vec![a, b]), AlignOptions::default());
        for (source, quote) in analysis.extraction.quotes() {
            assert!(text.is_char_boundary(quote.start) && text.is_char_boundary(quote.end));
            assert_eq!(source.text_of(quote), &text[quote.start..quote.end]);
        }
        let quotes = analysis.extraction.quotes().count();
        let _ = tx.send((start.elapsed(), quotes));
    });
    match rx.recv_timeout(limit) {
        Ok(result) => {
            worker.join().expect("no panic");
            result
        }
        Err(_) => panic!("{name}: took longer than {limit:?}"),
    }
}

/// Time at size n and 4n; the larger must not cost much more than four times the smaller.
fn linear(name: &str, make: impl Fn(usize) -> String, n: usize, limit: Duration) {
    let (small, _) = bounded(name, make(n), limit);
    let (large, _) = bounded(name, make(4 * n), limit);
    let allowed = small * 10 + Duration::from_millis(200);
    assert!(
        large <= allowed,
        "{name}: {small:?} at {n} bytes but {large:?} at {} bytes",
        4 * n
    );
}

#[test]
fn a_20_mb_single_line() {
    let _serial = one_at_a_time();
    let make = |n: usize| {
        "Lavrov said the talks were “useful and open” and Blinken added more ".repeat(n / 70)
    };
    let (took, quotes) = bounded(
        "20 MB line",
        make(scaled(20_000_000)),
        Duration::from_secs(120),
    );
    assert!(quotes > 0);
    eprintln!(
        "a {} MB single line: {took:?}",
        scaled(20_000_000) / 1_000_000
    );
    linear(
        "single line",
        make,
        scaled(1_000_000),
        Duration::from_secs(60),
    );
}

#[test]
fn a_hundred_thousand_unmatched_quote_marks() {
    let _serial = one_at_a_time();
    for mark in ["“", "\"", "«", "„", "‘"] {
        let text = format!("{} end.", format!("{mark} ").repeat(100_000));
        let (_, quotes) = bounded("unmatched marks", text, Duration::from_secs(30));
        assert_eq!(quotes, 0, "{mark}");
    }
    linear(
        "unmatched marks",
        |n| "“ word ".repeat(n / 10),
        scaled(500_000),
        Duration::from_secs(30),
    );
}

#[test]
fn deeply_nested_quotes() {
    let _serial = one_at_a_time();
    let depth = 50_000;
    let text = format!(
        "He said {}core{} and left.",
        "“‘".repeat(depth),
        "’”".repeat(depth)
    );
    let (_, quotes) = bounded("nested", text, Duration::from_secs(30));
    assert!(quotes <= 2, "nesting stays inside one quote: {quotes}");
}

#[test]
fn only_apostrophes() {
    let _serial = one_at_a_time();
    for text in [
        "’".repeat(200_000),
        "'".repeat(200_000),
        "We’re Russia’s allies’ ".repeat(20_000),
    ] {
        let (_, quotes) = bounded("apostrophes", text, Duration::from_secs(30));
        assert_eq!(quotes, 0);
    }
}

#[test]
fn right_to_left_text_combining_marks_and_emoji() {
    let _serial = one_at_a_time();
    let texts = [
        "قال لافروف: «المحادثات كانت مفيدة ومفتوحة» للصحفيين.",
        "אמר לברוב: „השיחות היו פתוחות ומועילות“ לכתבים.",
        "“Cafe\u{301} talks were u\u{308}seful 👍🏽 and open 🇷🇺🇺🇸,” Lavrov said.",
        "\u{202e}“reversed text”\u{202c} Lavrov said.",
    ];
    for text in texts {
        let (_, quotes) = bounded("scripts", text.to_string(), Duration::from_secs(10));
        assert!(quotes >= 1, "{text}");
    }
}

#[test]
fn nul_bytes_and_every_line_ending() {
    let _serial = one_at_a_time();
    let text = format!("{}“After a NUL \u{0},” Lavrov said.\r\n“Windows line,” he said.\r“Old Mac line,” he added.\n", "x".repeat(10_000));
    let (_, quotes) = bounded("line ends", text, Duration::from_secs(10));
    assert_eq!(quotes, 2 * 3, "three quotes in each of the two copies");
    // A quote left open at a CR line end does not run on into the next line.
    let open = "He said “open at the end\r“Closed,” Blinken said.".to_string();
    let source = read_bytes("c", "-", open.as_bytes(), Default::default()).unwrap();
    let extraction = quotedrift::quote::extract(Corpus::new(vec![source]));
    let texts: Vec<&str> = extraction.quotes().map(|(s, q)| s.text_of(q)).collect();
    assert!(texts.iter().all(|t| !t.contains('\r')), "{texts:?}");
}

#[test]
fn a_linked_file_is_read_and_a_dangling_link_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "“Open,” Lavrov said.").unwrap();
    #[cfg(unix)]
    {
        let other = tempfile::tempdir().unwrap();
        std::fs::write(other.path().join("real.txt"), "“Linked,” Blinken said.").unwrap();
        std::os::unix::fs::symlink(other.path().join("real.txt"), dir.path().join("c.txt"))
            .unwrap();
        quotedrift()
            .arg("quotes")
            .arg(dir.path())
            .assert()
            .success()
            .stdout(predicates::str::contains("Linked"));
    }
    // A link whose target is gone: listed in the folder, unreadable when read.
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
    #[cfg(unix)]
    quotedrift()
        .arg("quotes")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("b.txt: cannot read"));
}
