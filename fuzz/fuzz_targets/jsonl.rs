//! The JSON Lines reader on arbitrary bytes: never a panic; with bad lines skipped, only
//! UTF-16 or UTF-32 input is refused, every record read has a non-empty id and text, and
//! extraction's spans stay exact.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotedrift::ingest::{read_jsonl, Corpus, IngestError, IngestOptions};

fuzz_target!(|data: &[u8]| {
    let strict = read_jsonl("fuzz.jsonl", data, IngestOptions::default());
    let options = IngestOptions { skip_bad_lines: true, ..IngestOptions::default() };
    let (sources, warnings) = match read_jsonl("fuzz.jsonl", data, options) {
        Ok(read) => read,
        // Skipping never fails, but for input in another encoding than UTF-8, refused whole.
        Err(error) => {
            assert!(matches!(error, IngestError::NotUtf8 { .. }), "{error}");
            return;
        }
    };
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
