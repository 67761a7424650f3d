//! The JSON Lines reader on arbitrary bytes: never a panic; with bad lines skipped, every
//! record read has a non-empty id and text, and extraction's spans stay exact.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotedrift::ingest::{read_jsonl, Corpus, IngestOptions};

fuzz_target!(|data: &[u8]| {
    let strict = read_jsonl("fuzz.jsonl", data, IngestOptions::default());
    let options = IngestOptions { skip_bad_lines: true, ..IngestOptions::default() };
    let (sources, warnings) = read_jsonl("fuzz.jsonl", data, options).expect("skipping never fails");
    if strict.is_ok() {
        assert!(warnings.is_empty());
    }
    for source in &sources {
        assert!(!source.id.is_empty() && !source.text.trim().is_empty());
    }
    let extraction = quotedrift::quote::extract(Corpus::new(sources));
    for (s, q) in extraction.quotes() {
        assert_eq!(s.text_of(q), &s.source.text[q.start..q.end]);
    }
});
