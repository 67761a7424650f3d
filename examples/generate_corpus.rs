//! Writes a generated corpus of news coverage as JSON Lines, for benchmarks and for trying
//! quotedrift at scale.
//!
//! ```text
//! cargo run --release --example generate_corpus -- ARTICLES [SEED] [--syndicated] > corpus.jsonl
//! ```
//!
//! By default, stories covered by about five articles each, quoting their speakers through
//! every pattern extraction handles, with the drift translation brings (synonyms swapped,
//! words dropped, numbers changed, negations added); see `benches/support/corpus.rs`.
//! `--syndicated` writes wire stories republished by many outlets instead (the largest by a
//! fifth to an eighth of the corpus), copies made from earlier copies with light edits, some translated
//! into German and back, each with its `published` time; see `benches/support/syndicated.rs`.
//! The same arguments give the same bytes.

#![allow(
    clippy::print_stderr,
    reason = "a command-line example reports usage errors on standard error"
)]

#[path = "../benches/support/corpus.rs"]
mod corpus;
#[path = "../benches/support/syndicated.rs"]
mod syndicated;

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let syndicated = args.iter().any(|a| a == "--syndicated");
    let args: Vec<&String> = args.iter().filter(|a| *a != "--syndicated").collect();
    let (Some(articles), seed) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).map(|s| s.parse::<u64>()),
    ) else {
        eprintln!("usage: generate_corpus ARTICLES [SEED] [--syndicated] > corpus.jsonl");
        std::process::exit(2);
    };
    let seed = match seed {
        None => 20220121,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("generate_corpus: SEED must be a whole number");
            std::process::exit(2);
        }
    };
    let jsonl = if syndicated {
        syndicated::jsonl(&syndicated::articles(seed, articles))
    } else {
        corpus::jsonl(&corpus::articles(seed, articles))
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if let Err(e) = out.write_all(jsonl.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("generate_corpus: cannot write: {e}");
        std::process::exit(1);
    }
}
