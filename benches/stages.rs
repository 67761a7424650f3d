//! Each stage of the pipeline on its own, with criterion: throughput in bytes of input for
//! the stages that read text, in quotes for alignment, in groups for the report writers.
//!
//! Run with `cargo bench --bench stages` (a corpus of 300 generated articles, about 0.4 MB,
//! seeded, so runs compare across commits); `cargo bench --bench stages -- align` runs the
//! stages whose name contains "align". Criterion keeps each run's estimates under
//! `target/criterion/` and reports the change against the previous run.

#![allow(
    missing_docs,
    reason = "criterion's macros define undocumented functions"
)]

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use quotedrift::align::{align, AlignOptions};
use quotedrift::analysis::Analysis;
use quotedrift::ingest::{read_jsonl, Corpus, IngestOptions};
use quotedrift::report::{self, ReportFormat, TextStyle};
use quotedrift::text::Analyzer;
use quotedrift::{language, quote};

const ARTICLES: usize = 300;

fn stages(c: &mut Criterion) {
    let texts = corpus::articles(20220121, ARTICLES);
    let jsonl = corpus::jsonl(&texts);
    let bytes = texts.iter().map(String::len).sum::<usize>() as u64;
    let sources = corpus::sources(&texts);
    let extraction = quote::extract(Corpus::new(sources.clone()));
    let quotes = extraction.quotes().count() as u64;

    let mut text = c.benchmark_group("text");
    text.sample_size(10);
    text.throughput(Throughput::Bytes(bytes));
    text.bench_function("ingest: JSON Lines", |b| {
        b.iter(|| {
            read_jsonl(
                "corpus.jsonl",
                black_box(jsonl.as_bytes()),
                IngestOptions::default(),
            )
        })
    });
    text.bench_function("language detection", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|t| language::detect(black_box(t)).code == "eng")
                .count()
        })
    });
    let english = Analyzer::for_language("eng");
    text.bench_function("tokenize and stem", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| english.tokenize(black_box(t), 0, t.len()).len())
                .sum::<usize>()
        })
    });
    text.bench_function("quotation marks", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| quote::marks::find_quotes(black_box(t)).len())
                .sum::<usize>()
        })
    });
    text.bench_function("extraction (quotes, speakers; language declared)", |b| {
        b.iter(|| quote::extract(Corpus::new(black_box(sources.clone()))))
    });
    text.finish();

    let options = AlignOptions::default();
    let mut alignment = c.benchmark_group("align");
    alignment.sample_size(10);
    alignment.throughput(Throughput::Elements(quotes));
    alignment.bench_function("alignment (candidates, scores, groups, drift)", |b| {
        b.iter(|| align(black_box(&extraction), &options))
    });
    let without_lexicon = AlignOptions {
        lexicon: false,
        ..AlignOptions::default()
    };
    alignment.bench_function("alignment without the lexicon", |b| {
        b.iter(|| align(black_box(&extraction), &without_lexicon))
    });
    alignment.finish();

    let analysis = Analysis {
        alignment: align(&extraction, &options),
        extraction,
        options,
    };
    let mut writers = c.benchmark_group("report");
    writers.sample_size(20);
    writers.throughput(Throughput::Elements(analysis.alignment.groups.len() as u64));
    for (name, format) in [
        ("json", ReportFormat::Json),
        ("html", ReportFormat::Html),
        ("text", ReportFormat::Text),
    ] {
        writers.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Vec::new();
                report::write_report(black_box(&analysis), format, TextStyle::default(), &mut out)
                    .expect("written to memory");
                out.len()
            })
        });
    }
    writers.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
