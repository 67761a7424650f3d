//! End-to-end throughput of `report` on generated corpora of growing size.
//!
//! Run with `cargo bench --bench report [-- SIZES... [--no-lexicon] [--syndicated]]` (default
//! 1000 2000 4000 8000 articles; `--no-lexicon` runs without the WordNet lexicon, to price it;
//! `--syndicated` on the syndicated corpus, `support/syndicated.rs`, instead of stories of
//! about five articles).
//! For each size: the whole analysis (extraction, alignment, drift) and the JSON report written
//! to memory, best of two runs; MB/s, quotes/s, how many candidate pairs were scored, and the
//! growth exponent of time between consecutive sizes (1 is linear, 2 quadratic).

#![allow(
    clippy::print_stdout,
    reason = "a benchmark reports on standard output"
)]

#[path = "support/corpus.rs"]
mod corpus;
#[path = "support/syndicated.rs"]
mod syndicated;

use std::time::{Duration, Instant};

use quotedrift::align::AlignOptions;
use quotedrift::analysis;
use quotedrift::ingest::Corpus;
use quotedrift::report::{self, ReportFormat, TextStyle};

fn main() {
    let sizes: Vec<usize> = {
        let given: Vec<usize> = std::env::args()
            .skip(1)
            .filter_map(|a| a.parse().ok())
            .collect();
        if given.is_empty() {
            vec![1000, 2000, 4000, 8000]
        } else {
            given
        }
    };
    println!(
        "{:>8} {:>8} {:>9} {:>9} {:>10} {:>11} {:>8} {:>12} {:>9}",
        "articles",
        "MB",
        "quotes",
        "groups",
        "time ms",
        "MB/s",
        "quotes/s",
        "pairs scored",
        "exponent"
    );
    // `--no-lexicon` measures the same run without the WordNet lexicon, to price it.
    let options = AlignOptions {
        lexicon: !std::env::args().any(|a| a == "--no-lexicon"),
        ..AlignOptions::default()
    };
    let mut previous: Option<(usize, Duration)> = None;
    for n in sizes {
        let syndicated = std::env::args().any(|a| a == "--syndicated");
        let (texts, articles) = if syndicated {
            (Vec::new(), syndicated::articles(20220121, n))
        } else {
            (corpus::articles(20220121, n), Vec::new())
        };
        let bytes: usize = texts.iter().map(String::len).sum::<usize>()
            + articles.iter().map(|a| a.text.len()).sum::<usize>();
        let mut best = Duration::MAX;
        let mut summary = (0, 0, 0);
        let mut stages = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        for _ in 0..2 {
            let sources = if syndicated {
                syndicated::sources(&articles)
            } else {
                corpus::sources(&texts)
            };
            let start = Instant::now();
            let extraction = quotedrift::quote::extract(Corpus::new(sources));
            let extracted = start.elapsed();
            let alignment = quotedrift::align::align(&extraction, &options);
            let aligned = start.elapsed();
            let analysis = analysis::Analysis {
                extraction,
                alignment,
                options: options.clone(),
            };
            let mut out = Vec::new();
            report::write_report(
                &analysis,
                ReportFormat::Json,
                TextStyle::default(),
                &mut out,
            )
            .unwrap();
            let total = start.elapsed();
            if total < best {
                best = total;
                stages = (extracted, aligned - extracted, total - aligned);
            }
            summary = (
                analysis.extraction.quotes().count(),
                analysis.alignment.groups.len(),
                analysis.alignment.scored_pairs,
            );
        }
        let secs = best.as_secs_f64();
        let mb = bytes as f64 / 1e6;
        let exponent = previous.map_or(String::from("-"), |(m, t)| {
            format!(
                "{:.2}",
                (secs / t.as_secs_f64()).ln() / (n as f64 / m as f64).ln()
            )
        });
        println!(
            "{n:>8} {mb:>8.1} {:>9} {:>9} {:>10.0} {:>11.2} {:>8.0} {:>12} {exponent:>9}",
            summary.0,
            summary.1,
            secs * 1e3,
            mb / secs,
            summary.0 as f64 / secs,
            summary.2
        );
        println!(
            "{:>8} stages: extraction {:.0} ms, alignment {:.0} ms, JSON report {:.0} ms",
            "",
            stages.0.as_secs_f64() * 1e3,
            stages.1.as_secs_f64() * 1e3,
            stages.2.as_secs_f64() * 1e3
        );
        previous = Some((n, best));
    }
}
