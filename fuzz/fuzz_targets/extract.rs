//! Ingest, language detection and extraction on arbitrary bytes: never a panic, and every
//! quote's span lies on character boundaries and is exactly its text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotedrift::ingest::{read_bytes, Corpus, IngestOptions};

fuzz_target!(|data: &[u8]| {
    for lossy in [false, true] {
        let Ok(source) = read_bytes("f", "fuzz", data, IngestOptions { lossy, ..Default::default() }) else {
            continue;
        };
        let text = source.text.clone();
        assert_eq!(text.len(), data.len(), "offsets stay true to the bytes");
        let extraction = quotedrift::quote::extract(Corpus::new(vec![source]));
        for (s, q) in extraction.quotes() {
            assert!(q.start < q.end && q.end <= text.len());
            assert!(text.is_char_boundary(q.start) && text.is_char_boundary(q.end));
            assert_eq!(s.text_of(q), &text[q.start..q.end]);
        }
    }
});
