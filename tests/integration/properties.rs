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

/// Source metadata as a hostile feed could give it: addresses of every scheme, spelled to slip
/// past a careless check, and text that tries to open tags and leave attribute values. Every
/// piece that could open a tag or an attribute of its own is spelled with `zz`, which the
/// page itself never uses.
fn hostile_meta() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(vec![
            "javascript:",
            "JavaScript:",
            " javascript:",
            "\tjava\nscript:",
            "data:",
            "DATA:",
            "vbscript:",
            "http://",
            "https://",
            "HTTPS://",
            "//",
            "#",
            "file:",
            "  ",
            "\u{0}",
            "\u{1b}[2J",
            "\u{7f}",
            ":",
            "/",
            "?",
            "&",
            "&amp;",
            "&quot;",
            "=",
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "<zz>",
            "</zz>",
            "<zz ",
            "\" zz=\"1\"",
            "' zz='1'",
            "\"><zz>",
            "><",
            "<!--",
            "-->",
            "<script>zz()</script>",
            "<![CDATA[",
            "</td></tr></table><zz>",
        ])
        .prop_map(str::to_string),
        "[a-z.]{0,8}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

/// Every tag of an HTML page, outside its own `<script>` and `<style>`: name and attributes
/// (name, value), values unescaped as a browser reads them.
fn tags(page: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if rest.starts_with("!--") {
            let end = rest.find("-->").expect("comment closed");
            rest = &rest[end + 3..];
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/' && !rest.starts_with('/'))
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>')
                .expect("tag closed");
            let attribute = rest[..end].to_ascii_lowercase();
            rest = &rest[end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.strip_prefix('"').expect("values are double-quoted");
                let close = after.find('"').expect("value closed");
                value = after[..close]
                    .replace("&quot;", "\"")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&");
                rest = &after[close + 1..];
            }
            attributes.push((attribute, value));
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}>");
            let end = rest.find(&close).expect("element closed");
            rest = &rest[end..];
        }
        out.push((name, attributes));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_html_report_links_only_http_and_escapes_all_source_metadata(
        id in hostile_meta(),
        outlet in hostile_meta(),
        url in hostile_meta(),
        other_url in hostile_meta(),
        original in hostile_meta(),
        chain in prop::collection::vec(hostile_meta(), 0..3),
        words in hostile_meta(),
    ) {
        use quotedrift::ingest::SourceMeta;
        // The text holds no NUL byte, which would make it binary.
        let text = format!("“The talks were open and useful {},” Lavrov said.", words.replace('\0', ""));
        let mut a = read_bytes("a", "a.txt", text.as_bytes(), IngestOptions::default()).unwrap();
        let mut b = a.clone();
        a.id = format!("a{id}");
        b.id = format!("b{id}");
        a.meta = SourceMeta {
            outlet: Some(outlet.clone()),
            url: Some(url),
            original_language: Some(original.clone()),
            translation_chain: chain.clone(),
            ..SourceMeta::default()
        };
        b.meta = SourceMeta {
            url: Some(other_url),
            ..SourceMeta::default()
        };
        let analysis = quotedrift::analysis::analyze(
            Corpus::new(vec![a, b]),
            quotedrift::align::AlignOptions::default(),
        );
        let mut out = Vec::new();
        quotedrift::report::write_report(
            &analysis,
            quotedrift::report::ReportFormat::Html,
            quotedrift::report::TextStyle::default(),
            &mut out,
        )
        .unwrap();
        let page = String::from_utf8(out).unwrap();
        let tags = tags(&page);
        prop_assert_eq!(tags.iter().filter(|(name, _)| name == "script").count(), 1);
        for (name, attributes) in &tags {
            prop_assert!(!name.contains("zz"), "a tag from the input: {}", name);
            for (attribute, value) in attributes {
                prop_assert!(!attribute.contains("zz"), "an attribute from the input: {}", attribute);
                prop_assert!(!attribute.starts_with("on"), "an event handler: {}", attribute);
                if attribute == "href" || attribute == "src" {
                    let lower = value.to_ascii_lowercase();
                    prop_assert!(
                        value.starts_with('#')
                            || lower.starts_with("http://")
                            || lower.starts_with("https://"),
                        "{}={:?}",
                        attribute,
                        value
                    );
                    prop_assert!(!value.contains(['\t', '\n', '\r']), "{:?}", value);
                }
            }
        }
    }
}
