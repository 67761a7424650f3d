//! Alignment and drift on arbitrary pairs of strings: never a panic, scores in [0, 1], drift
//! spans inside their versions, and a text compared with itself has no drift.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_once('\u{1f}').unwrap_or((&text, ""));
    let comparison = quotedrift::analysis::compare(a, b, None, None);
    let s = comparison.pair.similarity;
    for x in [s.levenshtein, s.jaro_winkler, s.sorensen_dice, s.stem_cosine, s.content_overlap, s.combined] {
        assert!((0.0..=1.0).contains(&x));
    }
    for item in &comparison.pair.drift {
        assert!(item.a.start <= item.a.end && item.a.end <= a.len());
        assert!(item.b.start <= item.b.end && item.b.end <= b.len());
        assert!(a.is_char_boundary(item.a.start) && a.is_char_boundary(item.a.end));
        assert!(b.is_char_boundary(item.b.start) && b.is_char_boundary(item.b.end));
    }
    let same = quotedrift::analysis::compare(a, a, Some("eng"), Some("eng"));
    assert!(same.pair.drift.is_empty());
});
