//! The floor of the benchmark: read a JSON Lines corpus and tokenize every text (words,
//! lowercase, Snowball stems), in parallel as `report` is, and nothing else. Prints the time
//! and the token count as JSON.
//!
//! ```text
//! cargo run --release --example read_tokenize -- corpus.jsonl
//! ```
//!
//! `quotedrift report` does this and much more (language detection, quotes, speakers,
//! alignment, drift, the report); its time over this one says what the rest costs.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line example reports on standard output and error"
)]

use std::time::Instant;

/// The allocator `quotedrift` itself runs with, so that the floor is measured the same way.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use rayon::prelude::*;

use quotedrift::text::Analyzer;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: read_tokenize CORPUS.jsonl");
        std::process::exit(2);
    };
    let start = Instant::now();
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("read_tokenize: {path}: {e}");
            std::process::exit(2);
        }
    };
    let analyzer = Analyzer::with_lexicon("eng", None);
    let lines: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let tokens: usize = lines
        .par_iter()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let record: serde_json::Value = serde_json::from_slice(line).unwrap_or_default();
            let text = record["text"].as_str().unwrap_or_default();
            analyzer.tokenize(text, 0, text.len()).len()
        })
        .sum();
    println!(
        "{{\"seconds\": {:.3}, \"bytes\": {}, \"tokens\": {tokens}}}",
        start.elapsed().as_secs_f64(),
        bytes.len()
    );
}
