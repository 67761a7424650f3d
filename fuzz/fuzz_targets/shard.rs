//! The shard reader behind `quotedrift merge` on arbitrary bytes: never a panic; a document it
//! accepts aligns and renders in every report format, and reading back what it writes gives
//! the same document (the round trip is stable).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotedrift::align::{align, AlignOptions};
use quotedrift::analysis::Analysis;
use quotedrift::report::{self, json::read_extraction, ReportFormat, TextStyle};

fuzz_target!(|data: &[u8]| {
    let Ok(extraction) = read_extraction("shard.json", data) else {
        return;
    };
    for (s, q) in extraction.quotes() {
        assert_eq!(s.text_of(q), &s.source.text[q.start..q.end]);
    }
    let mut first = Vec::new();
    report::json::write_quotes(&extraction, &mut first).expect("writing to memory");
    let again = read_extraction("again.json", &first).expect("a written document reads back");
    let mut second = Vec::new();
    report::json::write_quotes(&again, &mut second).expect("writing to memory");
    assert_eq!(first, second);

    let options = AlignOptions::default();
    let alignment = align(&extraction, &options);
    let analysis = Analysis { extraction, alignment, options };
    for format in [
        ReportFormat::Text,
        ReportFormat::Json,
        ReportFormat::Markdown,
        ReportFormat::Csv,
        ReportFormat::Jsonl,
        ReportFormat::Html,
    ] {
        let mut out = Vec::new();
        report::write_report(&analysis, format, TextStyle::default(), &mut out).expect("writing to memory");
    }
});
