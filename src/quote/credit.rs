//! Who published a text, as the text itself says: the outlet of a source whose input names
//! none (a folder without a manifest, a JSON Lines record without `outlet`).
//!
//! News text credits its publisher in a few conventional places, and only those are read:
//! - **a label and a colon**: "Source: Reference News Network", "Quelle: dpa", "来源：新华社"
//!   (the `labels` of every language's `[credits]` table: the label is unambiguous, whatever
//!   language the text was detected as);
//! - **a wire credit after a dateline**, the agency in parentheses before a dash: "GENEVA
//!   (Reuters) -", "Moskau (dpa) –", "(AP) —", at the start of one of the first lines;
//! - **a byline naming an organization rather than a person**: a line "By Reuters" (the
//!   `bylines` of the text's language). A name of one capitalized word or an acronym is taken;
//!   a longer name only with an organization or publication word of the language in it ("By
//!   Associated Press"), so that "By Simon Lewis" names nobody;
//! - **a copyright line**: "© 2022 Reuters", "Copyright 2022 The Associated Press" (the
//!   `copyright` words of the language, and the sign in every language).
//!
//! Credits sit at the top (labels, bylines, datelines) and the bottom (copyright) of an
//! article, so only the first [`HEAD`] and the last [`TAIL`] bytes are read: a "Source:" in
//! the middle of the text is more likely a quotation of someone else's. Without a credit, an
//! address (`url`) gives its host ("www.reuters.com" → "reuters.com"). The name's byte span
//! is kept so that a reader can check where it came from.

use serde::Serialize;

use super::lang::{flag, Cues};
use super::Span;

/// How many leading bytes are searched for labels, wire credits and bylines.
pub const HEAD: usize = 2000;
/// How many trailing bytes are searched for a copyright line.
pub const TAIL: usize = 500;
/// The most words an outlet's name has.
const MAX_WORDS: usize = 6;

/// Where in a text an outlet's name was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditRule {
    /// "Source: …".
    Label,
    /// "GENEVA (Reuters) -".
    Wire,
    /// "By Reuters".
    Byline,
    /// "© 2022 Reuters".
    Copyright,
    /// The host of the source's address.
    Address,
}

/// An outlet's name as the text (or its address) gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// The name, as written.
    pub name: String,
    /// Where it is in the text (none for an address).
    pub span: Option<Span>,
    /// Which convention named it.
    pub rule: CreditRule,
}

/// The outlet a text credits, by the first convention that names one (label, wire credit,
/// byline, copyright), else the host of `url`. `language` is the text's ISO 639-3 code.
pub fn find(text: &str, language: &str, url: Option<&str>, cues: &Cues) -> Option<Credit> {
    let head_end = floor_boundary(text, HEAD.min(text.len()));
    let head = &text[..head_end];
    let found = label(head, cues)
        .map(|s| (s, CreditRule::Label))
        .or_else(|| wire(head).map(|s| (s, CreditRule::Wire)))
        .or_else(|| byline(head, language, cues).map(|s| (s, CreditRule::Byline)))
        .or_else(|| {
            let tail_start = ceil_boundary(text, text.len().saturating_sub(TAIL));
            copyright(text, tail_start, language, cues).map(|s| (s, CreditRule::Copyright))
        });
    if let Some((span, rule)) = found {
        return Some(Credit {
            name: text[span.start..span.end].to_string(),
            span: Some(span),
            rule,
        });
    }
    url.and_then(host).map(|name| Credit {
        name,
        span: None,
        rule: CreditRule::Address,
    })
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The host of an http(s) address, without a leading "www.".
fn host(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-'))
    .then(|| host.to_lowercase())
}

/// Lines of `text` with their start offsets.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split_inclusive('\n').map(move |line| {
        let start = at;
        at += line.len();
        (start, line.trim_end_matches(['\n', '\r']))
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// A word of a name: capitalized, an acronym, a CJK run, or a short joining word inside it.
fn name_word(word: &str) -> NameWord {
    let first = word.chars().next();
    match first {
        Some(c)
            if c.is_uppercase() || c.is_ascii_digit() && word.chars().any(char::is_alphabetic) =>
        {
            NameWord::Capital
        }
        Some(c) if is_cjk(c) => NameWord::Capital,
        Some(_)
            if matches!(
                word,
                "&" | "-"
                    | "of"
                    | "the"
                    | "de"
                    | "du"
                    | "des"
                    | "der"
                    | "für"
                    | "y"
                    | "e"
                    | "et"
                    | "und"
                    | "and"
            ) =>
        {
            NameWord::Joining
        }
        _ => NameWord::Not,
    }
}

#[derive(PartialEq, Eq)]
enum NameWord {
    Capital,
    Joining,
    Not,
}

/// The name that starts at `from` (after spaces): capitalized words (and joining words
/// between them) up to the end of the line or a sentence mark, at most [`MAX_WORDS`].
fn name_at(text: &str, from: usize) -> Option<Span> {
    let rest = &text[from..];
    let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let line = &rest[..line_end];
    let lead = line.len() - line.trim_start().len();
    if line[lead..].starts_with(is_cjk) {
        // Chinese and Japanese names run to the first character that is not a CJK one.
        let run = line[lead..]
            .find(|c: char| !is_cjk(c))
            .unwrap_or(line.len() - lead);
        return Some(Span {
            start: from + lead,
            end: from + lead + run,
        });
    }
    let mut start = None;
    let mut end = 0;
    let mut words = 0;
    let mut pos = 0;
    for piece in line.split_inclusive(|c: char| c.is_whitespace()) {
        let word_len = piece.trim_end().len();
        let word = &piece[..word_len];
        let offset = pos;
        pos += piece.len();
        if word.is_empty() {
            if start.is_none() {
                continue;
            }
            break;
        }
        // A sentence mark or a separator ends the name, after the word it is attached to.
        let core = word.trim_end_matches(['.', ',', ';', ':', '|', '·', '»', '"', '”', ')']);
        let core =
            if core.ends_with(char::is_uppercase) && word.ends_with('.') && core.contains('.') {
                word // an abbreviation with its dots: "U.S."
            } else {
                core
            };
        let kind = name_word(core.trim_start_matches(['"', '“', '«', '(']));
        if kind == NameWord::Not || core.is_empty() {
            break;
        }
        if start.is_none() {
            if kind != NameWord::Capital {
                break;
            }
            start = Some(offset);
        }
        if kind == NameWord::Capital {
            end = offset + core.len();
        }
        words += 1;
        if core.len() < word.len() || words == MAX_WORDS {
            break;
        }
    }
    let start = start?;
    (end > start).then(|| Span {
        start: from + start,
        end: from + end,
    })
}

/// "Source: …" anywhere in the head, the label at a line start or after a space.
fn label(head: &str, cues: &Cues) -> Option<Span> {
    let mut best: Option<Span> = None;
    for label in cues.credit_labels() {
        let mut search = 0;
        while let Some(i) = head[search..].find(label.as_str()) {
            let at = search + i;
            search = at + label.len();
            let before = head[..at].chars().next_back();
            if before.is_some_and(|c| !(c.is_whitespace() || "”\"».)|–—-".contains(c))) {
                continue;
            }
            let after = head[search..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
            let Some(colon) = after.strip_prefix(':').or_else(|| after.strip_prefix('：')) else {
                continue;
            };
            let from = head.len() - colon.len();
            if let Some(span) = name_at(head, from) {
                if best.is_none_or(|b| span.start < b.start) {
                    best = Some(span);
                }
                break;
            }
        }
    }
    best
}

/// "GENEVA (Reuters) -": the agency in parentheses near the start of one of the first lines,
/// after at most a dateline, before a dash.
fn wire(head: &str) -> Option<Span> {
    for (start, line) in lines(head).filter(|(_, l)| !l.trim().is_empty()).take(12) {
        let Some(open) = line.find('(') else { continue };
        let dateline = &line[..open];
        // A place in capitalized words, then perhaps a date after a comma.
        let (place, date) = dateline.split_once(',').unwrap_or((dateline, ""));
        let place_words: Vec<&str> = place.split_whitespace().collect();
        if place_words.len() > 3
            || !place_words
                .iter()
                .all(|w| w.starts_with(char::is_uppercase))
            || date.split_whitespace().count() > 4
            || dateline.contains(['!', '?', ';', '"', '“', '«', '»', ')'])
        {
            continue;
        }
        let Some(close) = line[open..].find(')') else {
            continue;
        };
        let inside = &line[open + 1..open + close];
        let after = line[open + close + 1..].trim_start();
        if !after.starts_with(['-', '–', '—', ':']) {
            continue;
        }
        let name = inside.trim();
        let n = name.split_whitespace().count();
        if (1..=4).contains(&n)
            && name.len() <= 40
            && name
                .chars()
                .all(|c| c.is_alphabetic() || c.is_whitespace() || "&/.-'".contains(c))
            && name.chars().any(char::is_alphabetic)
        {
            let s = start + open + 1 + (inside.len() - inside.trim_start().len());
            return Some(Span {
                start: s,
                end: s + name.len(),
            });
        }
    }
    None
}

/// "By Reuters": a line that is the byline word and an organization's name.
fn byline(head: &str, language: &str, cues: &Cues) -> Option<Span> {
    let active = cues.active_for(language, std::iter::empty::<&str>());
    for (start, line) in lines(head) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        for word in cues.bylines(language) {
            let Some(rest) = trimmed.strip_prefix(word.as_str()) else {
                continue;
            };
            if !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let from = start + indent + word.len();
            let Some(span) = name_at(head, from) else {
                continue;
            };
            // The name is the whole rest of the line.
            if head[span.end..start + line.len()]
                .trim()
                .trim_end_matches('.')
                .is_empty()
            {
                let name = &head[span.start..span.end];
                let words: Vec<&str> = name.split_whitespace().collect();
                let acronym = |w: &str| {
                    w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                        && w.chars()
                            .filter(|c| c.is_alphabetic())
                            .all(char::is_uppercase)
                };
                let names_organization = words.iter().any(|w| {
                    cues.word(&w.to_lowercase(), active)
                        .is(flag::ORGANIZATION | flag::PUBLICATION)
                });
                if words.len() == 1 || words.iter().any(|w| acronym(w)) || names_organization {
                    return Some(span);
                }
            }
        }
    }
    None
}

/// "© 2022 Reuters" or "Copyright 2022 The Associated Press" in the tail of the text.
fn copyright(text: &str, tail_start: usize, language: &str, cues: &Cues) -> Option<Span> {
    let tail = &text[tail_start..];
    let mut marks: Vec<&str> = vec!["©", "(c)", "(C)"];
    marks.extend(cues.copyright_words(language).iter().map(String::as_str));
    let mut best: Option<Span> = None;
    for mark in marks {
        let Some(i) = tail.find(mark) else { continue };
        let mut from = tail_start + i + mark.len();
        // Skip years ("2022", "2020-2022") and a "by".
        loop {
            let rest = &text[from..];
            let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
            let skip = trimmed
                .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '–'))
                .unwrap_or(trimmed.len());
            let skip = if skip > 0 {
                skip
            } else if let Some(r) = trimmed.strip_prefix("by ") {
                trimmed.len() - r.len()
            } else {
                0
            };
            if skip == 0 {
                from += rest.len() - trimmed.len();
                break;
            }
            from += rest.len() - trimmed.len() + skip;
        }
        if let Some(span) = name_at(text, from) {
            if best.is_none_or(|b| span.start < b.start) {
                best = Some(span);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit(text: &str, language: &str) -> Option<(String, CreditRule)> {
        find(text, language, None, Cues::get()).map(|c| {
            let span = c.span.expect("a span in the text");
            assert_eq!(&text[span.start..span.end], c.name);
            (c.name, c.rule)
        })
    }

    #[test]
    fn a_label_names_the_outlet_in_any_language() {
        assert_eq!(
            credit(
                "Talks end in Geneva Source: Northern Daily News\nThe ministers met…",
                "eng"
            ),
            Some(("Northern Daily News".into(), CreditRule::Label))
        );
        assert_eq!(
            credit(
                "Gespräche in Genf\nQuelle: Rheinische Rundschau\n\nDie Minister…",
                "deu"
            ),
            Some(("Rheinische Rundschau".into(), CreditRule::Label))
        );
        assert_eq!(
            credit("会谈结束\n来源：南方日报\n两国外长…", "cmn"),
            Some(("南方日报".into(), CreditRule::Label))
        );
        // The label must be a word of its own, followed by a colon.
        assert_eq!(
            credit("Resources: many. Sources close to the talks said…", "eng"),
            None
        );
    }

    #[test]
    fn a_wire_credit_after_the_dateline_names_the_agency() {
        assert_eq!(
            credit(
                "GENEVA, Jan 21 (Reuters) - The ministers met for ninety minutes.",
                "eng"
            ),
            Some(("Reuters".into(), CreditRule::Wire))
        );
        assert_eq!(
            credit("Moskau (dpa) – Die Minister trafen sich in Genf.", "deu"),
            Some(("dpa".into(), CreditRule::Wire))
        );
        // A parenthesis inside a sentence is not a credit.
        assert_eq!(
            credit(
                "The ministers met (briefly) - and then left for the airport.",
                "eng"
            ),
            None
        );
    }

    #[test]
    fn a_byline_names_an_organization_but_not_a_person() {
        assert_eq!(
            credit(
                "Talks end\n\nBy Reuters\n\nBy Jane Smith\n\nGENEVA - The talks…",
                "eng"
            ),
            Some(("Reuters".into(), CreditRule::Byline))
        );
        assert_eq!(
            credit("Talks end\nBy Northern Times\nThe talks…", "eng"),
            Some(("Northern Times".into(), CreditRule::Byline))
        );
        assert_eq!(credit("Talks end\nBy Jane Smith\nThe talks…", "eng"), None);
        // A byline word of another language is not read.
        assert_eq!(credit("Talks end\nVon Reuters\nThe talks…", "eng"), None);
    }

    #[test]
    fn a_copyright_line_at_the_end_names_the_outlet() {
        let text =
            "The ministers met in Geneva.\n\n© 2022 Northern Daily News. All rights reserved.";
        assert_eq!(
            credit(text, "eng"),
            Some(("Northern Daily News".into(), CreditRule::Copyright))
        );
        let text = "The ministers met in Geneva.\nCopyright 2020-2022 The Northern Times";
        assert_eq!(
            credit(text, "eng"),
            Some(("The Northern Times".into(), CreditRule::Copyright))
        );
    }

    #[test]
    fn an_address_gives_its_host_when_the_text_names_nobody() {
        let c = find(
            "The ministers met.",
            "eng",
            Some("https://www.example.org/a/b?c=1"),
            Cues::get(),
        );
        assert_eq!(
            c,
            Some(Credit {
                name: "example.org".into(),
                span: None,
                rule: CreditRule::Address
            })
        );
        assert_eq!(
            find("The ministers met.", "eng", Some("file:///x"), Cues::get()),
            None
        );
    }

    proptest::proptest! {
        /// On any text (credit-like pieces among arbitrary characters, multibyte ones at the
        /// limits of the head and the tail included), a credit's span is inside the text, on
        /// character boundaries, and its name is the text there.
        #[test]
        fn a_credit_is_always_the_text_at_its_span(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Source: ".to_string()),
                    proptest::strategy::Just("来源：".to_string()),
                    proptest::strategy::Just("\nBy ".to_string()),
                    proptest::strategy::Just("© 2022 ".to_string()),
                    proptest::strategy::Just("GENEVA (".to_string()),
                    proptest::strategy::Just(") - ".to_string()),
                    proptest::strategy::Just("Northern Times".to_string()),
                    "[a-zA-Zé日\\n .,:()©-]{0,12}",
                    "[a-z ]{1900,2100}",
                ],
                0..12,
            ),
        ) {
            let text: String = pieces.concat();
            if let Some(c) = find(&text, "eng", Some("https://x.example/a"), Cues::get()) {
                if let Some(span) = c.span {
                    proptest::prop_assert!(span.start <= span.end && span.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
                    proptest::prop_assert_eq!(&text[span.start..span.end], c.name.as_str());
                    proptest::prop_assert!(!c.name.trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        for text in [
            "",
            "Source:",
            "©",
            "(",
            "By ",
            "Quelle：",
            "é(x) -",
            "GENEVA (",
            "\u{a0}© 2022",
        ] {
            let _ = find(text, "eng", Some("https://"), Cues::get());
        }
    }
}
