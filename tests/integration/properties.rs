//! Properties that hold for any input text.

use proptest::prelude::*;
use quotedrift::ingest::{read_bytes, Corpus, IngestOptions};
use quotedrift::quote::{extract, QuoteKind};

/// Text made of news-like pieces: words, names, reporting verbs, every quotation mark,
/// apostrophes, punctuation and line breaks, in any order.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Lavrov".to_string()),
        Just("Sergei Lavrov".to_string()),
        Just("the secretary".to_string()),
        Just("he".to_string()),
        Just("said".to_string()),
        Just("told reporters".to_string()),
        Just("according to".to_string()),
        Just("that".to_string()),
        Just("talks".to_string()),
        Just("were".to_string()),
        Just("open".to_string()),
        Just("We’re".to_string()),
        Just("Russia’s".to_string()),
        prop::sample::select(vec![
            "“", "”", "„", "‚", "‘", "’", "\"", "'", "«", "»", "‹", "›", "「", "」", "『", "』",
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![",", ".", ":", ";", "!", "?", "—", "-", "(", ")"])
            .prop_map(str::to_string),
        prop::sample::select(vec!["\n", "\r\n", "\r", " ", "  "]).prop_map(str::to_string),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 1..60).prop_map(|pieces| pieces.join(" "))
}

fn check_spans(text: &str) {
    let Ok(source) = read_bytes("p", "p.txt", text.as_bytes(), IngestOptions::default()) else {
        return; // empty or binary-looking input is rejected, not extracted
    };
    let extraction = extract(Corpus::new(vec![source]));
    let mut previous_direct_end = 0;
    for (source, quote) in extraction.quotes() {
        assert!(quote.start < quote.end && quote.end <= text.len());
        assert!(text.is_char_boundary(quote.start) && text.is_char_boundary(quote.end));
        assert_eq!(source.text_of(quote), &text[quote.start..quote.end]);
        assert!(!source.text_of(quote).trim().is_empty());
        if let Some(span) = quote.speaker_span {
            assert!(span.start <= span.end && span.end <= text.len());
        }
        if quote.kind == QuoteKind::Direct {
            assert!(
                quote.start >= previous_direct_end,
                "direct quotes never overlap"
            );
            previous_direct_end = quote.end;
        }
    }
    let ids: Vec<&str> = extraction.quotes().map(|(_, q)| q.id.as_str()).collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids.len(), unique.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn quote_spans_are_exact_for_news_like_text(text in newsy_text()) {
        check_spans(&text);
    }

    #[test]
    fn quote_spans_are_exact_for_any_text(text in "\\PC{0,300}") {
        check_spans(&text);
    }

    #[test]
    fn lossy_reading_of_any_bytes_keeps_length(bytes in prop::collection::vec(any::<u8>(), 1..300)) {
        if let Ok(source) = read_bytes("p", "p.txt", &bytes, IngestOptions { lossy: true, ..Default::default() }) {
            prop_assert_eq!(source.text.len(), bytes.len());
            check_spans(&source.text);
        }
    }

    #[test]
    fn a_text_compared_with_itself_has_no_drift(text in "[a-zA-Z0-9 ,.’']{1,120}") {
        let comparison = quotedrift::analysis::compare(&text, &text, Some("eng"), Some("eng"));
        prop_assert_eq!(comparison.pair.similarity.divergence(), 0.0);
        prop_assert!(comparison.pair.drift.is_empty(), "{:?}", comparison.pair.drift);
    }

    #[test]
    fn similarity_is_symmetric(a in "[a-z ]{1,80}", b in "[a-z ]{1,80}") {
        let ab = quotedrift::analysis::compare(&a, &b, Some("eng"), Some("eng")).pair.similarity;
        let ba = quotedrift::analysis::compare(&b, &a, Some("eng"), Some("eng")).pair.similarity;
        prop_assert_eq!(ab, ba);
        for x in [ab.levenshtein, ab.jaro_winkler, ab.sorensen_dice, ab.stem_cosine, ab.content_overlap, ab.combined] {
            prop_assert!((0.0..=1.0).contains(&x));
        }
    }

    #[test]
    fn drift_spans_lie_inside_their_versions(a in "[a-z ]{1,80}", b in "[a-z ]{1,80}") {
        let comparison = quotedrift::analysis::compare(&a, &b, Some("eng"), Some("eng"));
        for item in &comparison.pair.drift {
            prop_assert!(item.a.start <= item.a.end && item.a.end <= a.len());
            prop_assert!(item.b.start <= item.b.end && item.b.end <= b.len());
        }
    }

    #[test]
    fn extraction_is_deterministic(text in newsy_text()) {
        let run = || {
            let source = read_bytes("p", "p.txt", text.as_bytes(), IngestOptions::default());
            source.map(|s| {
                extract(Corpus::new(vec![s]))
                    .quotes()
                    .map(|(s, q)| (q.start, q.end, q.kind, s.speaker_of(q).map(|e| e.name.clone())))
                    .collect::<Vec<_>>()
            }).ok()
        };
        prop_assert_eq!(run(), run());
    }
}

/// The JSON report of `texts` (sources `s0`, `s1`, … given in `order`) on a pool of `threads`.
fn report_on(texts: &[String], order: &[usize], threads: usize) -> Vec<u8> {
    let sources = order
        .iter()
        .filter_map(|&i| {
            read_bytes(
                &format!("s{i}"),
                "p.txt",
                texts[i].as_bytes(),
                IngestOptions::default(),
            )
            .ok()
        })
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| {
        let analysis = quotedrift::analysis::analyze(
            Corpus::new(sources),
            quotedrift::align::AlignOptions::default(),
        );
        let mut out = Vec::new();
        quotedrift::report::write_report(
            &analysis,
            quotedrift::report::ReportFormat::Json,
            Default::default(),
            &mut out,
        )
        .expect("written to memory");
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn reports_do_not_depend_on_threads_or_input_order(
        texts in prop::collection::vec(newsy_text(), 2..6),
    ) {
        let forward: Vec<usize> = (0..texts.len()).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let one = report_on(&texts, &forward, 1);
        prop_assert!(one == report_on(&texts, &backward, 3));
        prop_assert!(one == report_on(&texts, &forward, 1), "the same run twice");
    }
}
