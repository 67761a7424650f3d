//! The word stream that attribution reads: a sentence's words and punctuation, with every
//! direct quotation folded into one placeholder so that words inside quotes are never taken for
//! the frame around them.

use unicode_segmentation::UnicodeSegmentation;

use super::marks::MarkedQuote;
use crate::text::normalize_word;

/// What a unit of the stream is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A word; `cap` when it starts with an uppercase letter.
    Word {
        /// Starts with an uppercase letter.
        cap: bool,
    },
    /// One punctuation character.
    Punct(char),
    /// A direct quotation, by index into the source's marked quotes.
    Quote(usize),
}

/// One unit of a sentence with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct W {
    /// Start byte offset.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Lowercase form with a possessive "'s" removed ("biden's" → "biden").
    pub lower: String,
    /// What it is.
    pub unit: Unit,
}

impl W {
    /// Whether this is a word.
    pub fn is_word(&self) -> bool {
        matches!(self.unit, Unit::Word { .. })
    }
    /// Whether this is a capitalized word.
    pub fn is_cap(&self) -> bool {
        matches!(self.unit, Unit::Word { cap: true })
    }
    /// Whether this is the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.unit == Unit::Punct(c)
    }
    /// The quotation index, if this is a quotation placeholder.
    pub fn quote(&self) -> Option<usize> {
        match self.unit {
            Unit::Quote(i) => Some(i),
            _ => None,
        }
    }
}

/// The units of `text[start..end]`; quotations in `quotes` that overlap the range become
/// [`Unit::Quote`] placeholders spanning their marks.
pub fn units(text: &str, start: usize, end: usize, quotes: &[MarkedQuote]) -> Vec<W> {
    let mut out = Vec::new();
    let first = quotes.partition_point(|q| q.close_end <= start);
    let mut pos = start;
    for (index, quote) in quotes.iter().enumerate().skip(first) {
        if quote.open >= end {
            break;
        }
        let q_start = quote.open.max(start);
        let q_end = quote.close_end.min(end);
        if q_start > pos {
            push_words(text, pos, q_start, &mut out);
        }
        out.push(W {
            start: q_start,
            end: q_end,
            lower: String::new(),
            unit: Unit::Quote(index),
        });
        pos = q_end.max(pos);
    }
    if pos < end {
        push_words(text, pos, end, &mut out);
    }
    out
}

fn push_words(text: &str, start: usize, end: usize, out: &mut Vec<W>) {
    for (offset, segment) in text[start..end].split_word_bound_indices() {
        let s = start + offset;
        let e = s + segment.len();
        let Some(first) = segment.chars().next() else {
            continue;
        };
        // White space, and the invisible format characters (direction marks and embeddings,
        // zero-width joiners, a byte order mark) that stand between words without being any.
        if first.is_whitespace() || segment.chars().all(is_format) {
            continue;
        }
        if segment.chars().any(char::is_alphanumeric) {
            let mut lower = normalize_word(segment);
            if let Some(base) = lower.strip_suffix("'s") {
                lower = base.to_string();
            } else if lower.ends_with("s'") {
                lower.pop();
            }
            out.push(W {
                start: s,
                end: e,
                lower,
                unit: Unit::Word {
                    cap: starts_like_a_name(first),
                },
            });
        } else {
            // A full stop glued to an initialism or initial belongs to it ("U.S.", "J.").
            if first == '.' {
                if let Some(prev) = out.last_mut() {
                    let glued = prev.end == s
                        && prev.is_word()
                        && (prev.lower.contains('.')
                            || (prev.lower.chars().count() == 1 && prev.is_cap())
                            || matches!(prev.lower.as_str(), "mr" | "mrs" | "ms" | "dr" | "st"));
                    if glued {
                        prev.end = e;
                        prev.lower.push('.');
                        continue;
                    }
                }
            }
            for (i, c) in segment.char_indices() {
                out.push(W {
                    start: s + i,
                    end: s + i + c.len_utf8(),
                    lower: c.to_string(),
                    unit: Unit::Punct(c),
                });
            }
        }
    }
}

fn is_format(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Whether a word starting with `c` can be a name: an uppercase letter, or a letter of a
/// script without case (Arabic, Hebrew, Devanagari…), where any word can be one. Chinese and
/// Japanese characters are not: names there are read from runs of characters.
fn starts_like_a_name(c: char) -> bool {
    c.is_uppercase()
        || (c.is_alphabetic()
            && !c.is_lowercase()
            && !matches!(c, '\u{2e80}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ac00}'..='\u{d7af}'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_become_placeholders_and_initialisms_stay_whole() {
        let text = "“Open,” said U.S. Secretary Blinken’s aide.";
        let quotes = super::super::marks::find_quotes(text);
        let units = units(text, 0, text.len(), &quotes);
        let lowers: Vec<&str> = units.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(
            lowers,
            ["", "said", "u.s.", "secretary", "blinken", "aide", "."]
        );
        assert_eq!(units[0].quote(), Some(0));
        assert_eq!(&text[units[2].start..units[2].end], "U.S.");
    }
}
