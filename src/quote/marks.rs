//! Finding direct quotations: pairing quotation marks.
//!
//! News text uses many conventions: “English”, „German“, «French» and »Danish«, ‹single›
//! guillemets, ‘single’ and ‚low single‘ marks, straight "ASCII" and 'ASCII' marks, and the CJK
//! corner brackets 「」『』. A mark is read by what it is and by what surrounds it: a mark
//! preceded by a space or the start of a line and followed by a letter *opens* (left-flanking),
//! a mark preceded by a letter or punctuation and followed by a space or punctuation *closes*
//! (right-flanking). The apostrophe problem — "We’re", "Russia’s", "allies’" — is settled the
//! same way: ’ between letters is never a mark, and ’ after a word only closes a single quote
//! that is open.
//!
//! Marks are paired with a stack, so nested quotes (“… it would be ‘aggression.’ …”) stay
//! inside the outer quote. Quotes never cross a line break: an opening mark still open at the
//! end of its paragraph is stray and is dropped (any quote nested inside it is kept), so an
//! unbalanced mark cannot swallow the rest of an article. The one exception is the wire-copy
//! convention for quotes running over several paragraphs — no closing mark at the end of a
//! paragraph, an opening mark at the start of the next — where the paragraph's quote is kept
//! and marked as unclosed.
//!
//! The scan is linear in the input: every character is looked at once and the stack is bounded.

/// A direct quotation found by pairing marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarkedQuote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset one past the closing mark (the end of the paragraph if unclosed).
    pub close_end: usize,
    /// The quoted text, trimmed: `[start, end)`.
    pub start: usize,
    /// End of the quoted text.
    pub end: usize,
    /// Whether a closing mark was found (false for a paragraph of a multi-paragraph quote).
    pub closed: bool,
}

/// The deepest nesting followed; deeper opening marks are ignored.
const MAX_DEPTH: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// “…” (English), closed by ”.
    CurlyDouble,
    /// „…“ or „…” (German, Polish…).
    LowDouble,
    /// ”…” (Swedish, Finnish).
    RightDouble,
    /// "…"
    StraightDouble,
    /// «…»
    Guillemet,
    /// »…«
    ReversedGuillemet,
    /// ‹…›
    SingleGuillemet,
    /// ›…‹
    ReversedSingleGuillemet,
    /// ‘…’
    CurlySingle,
    /// ‚…‘ or ‚…’
    LowSingle,
    /// '…'
    StraightSingle,
    /// 「…」
    Corner,
    /// 『…』
    WhiteCorner,
}

impl Style {
    fn is_single(self) -> bool {
        matches!(
            self,
            Style::CurlySingle | Style::LowSingle | Style::StraightSingle
        )
    }

    fn opening_mark(self) -> char {
        match self {
            Style::CurlyDouble => '\u{201c}',
            Style::LowDouble => '\u{201e}',
            Style::RightDouble => '\u{201d}',
            Style::StraightDouble => '"',
            Style::Guillemet => '\u{ab}',
            Style::ReversedGuillemet => '\u{bb}',
            Style::SingleGuillemet => '\u{2039}',
            Style::ReversedSingleGuillemet => '\u{203a}',
            Style::CurlySingle => '\u{2018}',
            Style::LowSingle => '\u{201a}',
            Style::StraightSingle => '\'',
            Style::Corner => '\u{300c}',
            Style::WhiteCorner => '\u{300e}',
        }
    }
}

#[derive(Debug)]
struct Frame {
    style: Style,
    /// Offset of the opening mark.
    open: usize,
    /// Offset just after the opening mark.
    content_start: usize,
    /// Completed quotes nested inside this one, kept in case this one turns out to be stray.
    children: Vec<MarkedQuote>,
}

/// Whether a character counts as a mark for the purposes of flanking.
fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '\u{ab}'
            | '\u{bb}'
            | '\u{2018}'..='\u{201f}'
            | '\u{2039}'
            | '\u{203a}'
            | '\u{300c}'..='\u{300f}'
    )
}

/// Characters after which a mark can open: start, space, brackets, dashes, slashes, colons.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '[' | '{' | '-' | '\u{2013}' | '\u{2014}' | '/' | ':'
                )
                || is_quote_char(c)
        }
    }
}

/// Characters before which a mark can close: end, space, punctuation, closing brackets.
fn closes_before(next: Option<char>) -> bool {
    match next {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '-'
                        | '\u{2013}'
                        | '\u{2014}'
                        | '\u{2026}'
                )
                || is_quote_char(c)
                || c.is_ascii_punctuation()
        }
    }
}

/// Finds every top-level direct quotation in `text`.
///
/// Returned quotes are sorted by position and never overlap; quotes nested inside a reported
/// quote are not returned separately.
pub fn find_quotes(text: &str) -> Vec<MarkedQuote> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    // Offset of the start of the current paragraph's last line break handling.
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, c)| c);
        let after = i + c.len_utf8();
        if c == '\n' || c == '\r' || c == '\u{2029}' {
            end_paragraph(text, i, &mut stack, &mut out);
            prev = Some(c);
            continue;
        }
        if is_quote_char(c) {
            let left = !next.is_none_or(char::is_whitespace) && opens_after(prev);
            let right = !prev.is_none_or(char::is_whitespace) && closes_before(next);
            let between_letters =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            handle_mark(
                c,
                i,
                after,
                left,
                right,
                between_letters,
                &mut stack,
                &mut out,
            );
        }
        prev = Some(c);
    }
    end_paragraph(text, text.len(), &mut stack, &mut out);
    out.sort_by_key(|q| q.open);
    out
}

#[allow(
    clippy::too_many_arguments,
    reason = "one call site; the flags are the mark's context"
)]
fn handle_mark(
    c: char,
    i: usize,
    after: usize,
    left: bool,
    right: bool,
    between_letters: bool,
    stack: &mut Vec<Frame>,
    out: &mut Vec<MarkedQuote>,
) {
    let push = |stack: &mut Vec<Frame>, style| {
        if stack.len() < MAX_DEPTH {
            stack.push(Frame {
                style,
                open: i,
                content_start: after,
                children: Vec::new(),
            });
        }
    };
    let top = stack.last().map(|f| f.style);
    match c {
        '\u{300c}' => push(stack, Style::Corner),
        '\u{300e}' => push(stack, Style::WhiteCorner),
        '\u{300d}' => close(stack, out, i, after, &[Style::Corner]),
        '\u{300f}' => close(stack, out, i, after, &[Style::WhiteCorner]),
        '\u{201e}' => push(stack, Style::LowDouble),
        '\u{201a}' if left => push(stack, Style::LowSingle),
        '\u{ab}' => {
            if top == Some(Style::ReversedGuillemet) && right {
                close(stack, out, i, after, &[Style::ReversedGuillemet]);
            } else if left || !right {
                push(stack, Style::Guillemet);
            }
        }
        '\u{bb}' => {
            // » always closes an open « (French puts a space on both sides of it).
            if has_open(stack, &[Style::Guillemet]) {
                close(stack, out, i, after, &[Style::Guillemet]);
            } else if left {
                push(stack, Style::ReversedGuillemet);
            }
        }
        '\u{2039}' => {
            if top == Some(Style::ReversedSingleGuillemet) && right {
                close(stack, out, i, after, &[Style::ReversedSingleGuillemet]);
            } else if left || !right {
                push(stack, Style::SingleGuillemet);
            }
        }
        '\u{203a}' => {
            if has_open(stack, &[Style::SingleGuillemet]) {
                close(stack, out, i, after, &[Style::SingleGuillemet]);
            } else if left {
                push(stack, Style::ReversedSingleGuillemet);
            }
        }
        '\u{201c}' => {
            // “ closes a German „ quote; otherwise it opens an English one.
            if has_open(stack, &[Style::LowDouble]) && right && !left {
                close(stack, out, i, after, &[Style::LowDouble]);
            } else if left || !right {
                push(stack, Style::CurlyDouble);
            } else if has_open(stack, &[Style::LowDouble]) {
                close(stack, out, i, after, &[Style::LowDouble]);
            }
        }
        '\u{201d}' => {
            let closable = [Style::CurlyDouble, Style::LowDouble, Style::RightDouble];
            if has_open(stack, &closable) && (right || !left) {
                close(stack, out, i, after, &closable);
            } else if left && !right {
                push(stack, Style::RightDouble);
            }
        }
        '"' => {
            if has_open(stack, &[Style::StraightDouble]) && (right || !left) {
                close(stack, out, i, after, &[Style::StraightDouble]);
            } else if left && !right {
                push(stack, Style::StraightDouble);
            }
        }
        '\u{2018}' => {
            if between_letters {
                return;
            }
            if has_open_single(stack, &[Style::LowSingle]) && right && !left {
                close(stack, out, i, after, &[Style::LowSingle]);
            } else if left {
                push(stack, Style::CurlySingle);
            }
        }
        '\u{2019}' | '\'' => {
            if between_letters {
                return; // We’re, can’t, O'Brien
            }
            let closable = [Style::CurlySingle, Style::LowSingle, Style::StraightSingle];
            if right && has_open_single(stack, &closable) {
                close(stack, out, i, after, &closable);
            } else if c == '\'' && left && !right {
                push(stack, Style::StraightSingle);
            } else if c == '\u{2019}' && left && !right {
                // ’ used as an opening mark (Swedish style, or mis-typed ‘).
                push(stack, Style::CurlySingle);
            }
        }
        _ => {}
    }
}

/// Whether a frame of one of `styles` is open (anywhere in the stack).
fn has_open(stack: &[Frame], styles: &[Style]) -> bool {
    stack.iter().any(|f| styles.contains(&f.style))
}

/// Whether a single-quote frame of one of `styles` is open above the innermost double quote:
/// a single mark never closes across an enclosing double quote.
fn has_open_single(stack: &[Frame], styles: &[Style]) -> bool {
    for frame in stack.iter().rev() {
        if styles.contains(&frame.style) {
            return true;
        }
        if !frame.style.is_single() {
            return false;
        }
    }
    false
}

/// Closes the innermost frame of one of `styles`, dropping the frames opened after it (they are
/// inside the closed quote, so their nested quotes need not be reported).
fn close(
    stack: &mut Vec<Frame>,
    out: &mut Vec<MarkedQuote>,
    mark_start: usize,
    mark_end: usize,
    styles: &[Style],
) {
    let Some(index) = stack.iter().rposition(|f| styles.contains(&f.style)) else {
        return;
    };
    stack.truncate(index + 1);
    let frame = stack.pop().expect("index is in the stack");
    let quote = MarkedQuote {
        open: frame.open,
        close_end: mark_end,
        start: frame.content_start,
        end: mark_start,
        closed: true,
    };
    match stack.last_mut() {
        Some(parent) => parent.children.push(quote),
        None => out.push(quote),
    }
}

/// At a line break, every frame still open is stray. Their nested quotes are promoted, except
/// for the multi-paragraph convention where the next paragraph reopens with the same mark.
fn end_paragraph(text: &str, at: usize, stack: &mut Vec<Frame>, out: &mut Vec<MarkedQuote>) {
    if stack.is_empty() {
        return;
    }
    let reopens = |style: Style| text[at..].trim_start().starts_with(style.opening_mark());
    let frames: Vec<Frame> = std::mem::take(stack);
    let outermost_style = frames[0].style;
    let mut frames = frames.into_iter();
    let first = frames.next().expect("stack was not empty");
    let mut inner_children: Vec<MarkedQuote> = Vec::new();
    for frame in frames {
        inner_children.extend(frame.children);
    }
    if !first.style.is_single() && reopens(outermost_style) {
        out.push(MarkedQuote {
            open: first.open,
            close_end: at,
            start: first.content_start,
            end: at,
            closed: false,
        });
    } else {
        out.extend(first.children);
        out.extend(inner_children);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find_quotes(text)
            .iter()
            .map(|q| &text[q.start..q.end])
            .collect()
    }

    #[test]
    fn every_convention_news_uses() {
        assert_eq!(
            quoted("He called it “open and useful”."),
            ["open and useful"]
        );
        assert_eq!(
            quoted("Er sagte: „offen und nützlich“."),
            ["offen und nützlich"]
        );
        assert_eq!(
            quoted("Il a dit « ouverts et utiles »."),
            [" ouverts et utiles "]
        );
        assert_eq!(quoted("Er sagte »offen« und ›nett‹."), ["offen", "nett"]);
        assert_eq!(
            quoted("Он сказал: «открытые и полезные»."),
            ["открытые и полезные"]
        );
        assert_eq!(quoted("He said \"open\" and 'useful'."), ["open", "useful"]);
        assert_eq!(quoted("She said ‘frank’ twice."), ["frank"]);
        assert_eq!(quoted("Sie sagte ‚offen‘ dazu."), ["offen"]);
        assert_eq!(quoted("他说「会谈是建设性的」。"), ["会谈是建设性的"]);
        assert_eq!(quoted("他说『有用』。"), ["有用"]);
        assert_eq!(quoted("Han sa ”öppna” samtal."), ["öppna"]);
        assert_eq!(quoted("Il a dit ‹ oui ›."), [" oui "]);
    }

    #[test]
    fn apostrophes_are_not_marks() {
        let text = "We’re sure Russia’s allies’ demands can’t wait, O'Brien said of the '90s.";
        assert!(quoted(text).is_empty(), "{:?}", quoted(text));
        assert_eq!(
            quoted("“We’re committed to Russia’s talks,” he said."),
            ["We’re committed to Russia’s talks,"]
        );
    }

    #[test]
    fn nested_quotes_stay_inside() {
        let text = "He said: “We made it clear – it would be ‘aggression.’ The Russian side would be met.”";
        assert_eq!(
            quoted(text),
            ["We made it clear – it would be ‘aggression.’ The Russian side would be met."]
        );
    }

    #[test]
    fn an_unbalanced_mark_does_not_swallow_the_article() {
        let text = "He said “open and useful. Then more text.\nNext paragraph with “a quote” here.";
        assert_eq!(quoted(text), ["a quote"]);
        let text = "A stray “ mark, then “open” and “useful”.";
        assert_eq!(quoted(text), ["open", "useful"]);
        let text = "Stray ” closing mark and then “real” one.";
        assert_eq!(quoted(text), ["real"]);
    }

    #[test]
    fn a_quote_inside_a_stray_quote_is_kept() {
        let text = "He said “they called it ‘frank’ and left.\nEnd.";
        assert_eq!(quoted(text), ["frank"]);
    }

    #[test]
    fn multi_paragraph_quotes_follow_the_wire_convention() {
        let text = "“First paragraph of the quote.\n“Second paragraph,” he said.";
        let quotes = find_quotes(text);
        assert_eq!(quotes.len(), 2);
        assert!(!quotes[0].closed);
        assert_eq!(
            &text[quotes[0].start..quotes[0].end],
            "First paragraph of the quote."
        );
        assert!(quotes[1].closed);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "“".repeat(10_000) + "x" + &"”".repeat(10_000);
        let quotes = find_quotes(&text);
        assert_eq!(quotes.len(), 1);
    }
}
