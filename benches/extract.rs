//! Extraction throughput on a generated corpus.
//!
//! Run with `cargo bench --bench extract [-- ARTICLES]` (default 3,000 articles). Prints, for
//! each stage on its own and for the whole extraction, the bytes per second and quotes per
//! second, best of three runs. The corpus is generated in memory with a fixed seed, so runs
//! are comparable across commits and machines.

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]

#[path = "support/corpus.rs"]
mod corpus;

use std::time::{Duration, Instant};

use quotedrift::ingest::Corpus;
use quotedrift::{language, quote};

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        last = Some(value);
    }
    (best, last.expect("at least one run"))
}

fn main() {
    let articles: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(3000);
    let texts = corpus::articles(20220121, articles);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!("corpus: {articles} generated articles, {mb:.1} MB");

    let (t_read, sources) = best_of(3, || corpus::sources(&texts));
    let (t_lang, _) = best_of(3, || {
        texts
            .iter()
            .filter(|t| language::detect(t).code == "eng")
            .count()
    });
    let (t_marks, marked) = best_of(3, || {
        texts
            .iter()
            .map(|t| quote::marks::find_quotes(t).len())
            .sum::<usize>()
    });
    let (t_all, quotes) = best_of(3, || {
        let extraction = quote::extract(Corpus::new(sources.clone()));
        extraction.quotes().count()
    });

    let row = |stage: &str, t: Duration, items: Option<usize>| {
        let secs = t.as_secs_f64();
        match items {
            Some(n) => println!(
                "{stage:<34} {:>8.1} ms {:>8.1} MB/s {:>10.0} quotes/s",
                secs * 1e3,
                mb / secs,
                n as f64 / secs
            ),
            None => println!("{stage:<34} {:>8.1} ms {:>8.1} MB/s", secs * 1e3, mb / secs),
        }
    };
    println!(
        "{:<34} {:>11} {:>13} {:>19}",
        "stage", "time", "throughput", ""
    );
    row("ingest (UTF-8 checks)", t_read, None);
    row("language detection", t_lang, None);
    row("quotation marks", t_marks, Some(marked));
    row("extraction (language + quotes)", t_all, Some(quotes));
    println!("{quotes} quotes found, {marked} of them direct");
}
