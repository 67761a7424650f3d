//! Reported speech and speakers: reading the frame around quotations.
//!
//! One pass over an article's sentences, in order, keeping the discourse state a reader keeps:
//! who has been named, who spoke last.
//!
//! 1. **Sentences** are UAX #29 sentences merged so that no quotation crosses a boundary: a
//!    quoted paragraph of two sentences and its "…,” he said." are one unit, and so are a
//!    quotation closing on a question or an exclamation and the attribution after it.
//! 2. **Mentions**: named people ("Russian Foreign Minister Sergei Lavrov", "Lavrov"), role
//!    descriptions ("the Russian foreign minister") and pronouns are resolved to entities as they
//!    come. A pronoun takes the nearest person named before it in its sentence, otherwise the
//!    speaker (or, failing that, the first person) of the nearest earlier sentence that has one.
//! 3. **Reporting clauses**: every reporting verb (see [`super::cues`]) gets a subject — the
//!    noun phrase before it (skipping adverbs, a time, an age and a parenthetical between
//!    commas, brackets or dashes; with the modifiers of its head word), the subject
//!    of the clause it is coordinated with ("… and said …"), or, inverted, the phrase after it
//!    ("…,” said Blinken) — and a *scope*: the words it reports. A verb's scope is what follows
//!    it; a clause placed after its content ("Russia has no plans to attack Ukraine, he said.")
//!    reports what precedes it. "According to X, …" and "…, according to X." work the same way.
//! 4. **Indirect quotes** are the scopes of reporting clauses that hold a clause of their own
//!    (three words or more) and no full direct quotation (a quotation carries its own words).
//!    A clause inside an emitted scope is not emitted again, except that "according to a
//!    report, Lavrov said …" gives the word to Lavrov rather than to the report.
//! 5. **Direct quotes** take the speaker of the innermost clause whose scope holds them; else,
//!    after a colon, the first name before it ("Jo Angerer, ARD Moscow: “…”"); else, when the
//!    quotation stands alone, the speaker of the sentence before it or, failing that, after it.

use super::cues::{self, VerbClass};
use super::marks::MarkedQuote;
use super::speaker::{self, Entities, Np, SpeakerKind};
use super::words::{self, Unit, W};
use crate::text::Analyzer;

/// How the speaker of a quote was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cue {
    /// A name or description next to a reporting verb.
    Explicit,
    /// A pronoun next to a reporting verb, resolved to an earlier mention.
    Pronoun,
    /// "According to …".
    AccordingTo,
    /// A name before a colon that introduces the quote.
    Colon,
    /// The quote stands alone; the speaker of the neighbouring sentence.
    Context,
    /// No construction names the speaker; the agent the quoting sentence opens with ("Die
    /// Kammer ließ keinen Zweifel daran, dass „…“").
    Subject,
}

/// A speaker found for a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    /// The entity, by index.
    pub entity: usize,
    /// How it was found.
    pub cue: Cue,
    /// Byte span of the words that name the speaker (the name, description or pronoun).
    pub start: usize,
    /// End of that span.
    pub end: usize,
}

/// A quote found in one article, before it is given an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Start of the quoted or reported words.
    pub start: usize,
    /// End of the quoted or reported words.
    pub end: usize,
    /// Direct (index into the marked quotes) or indirect.
    pub direct: Option<usize>,
    /// Who said it, if the text says.
    pub attribution: Option<Attribution>,
}

/// A mention of an entity in a sentence.
#[derive(Debug, Clone, Copy)]
struct Mention {
    /// First unit of the mention.
    first: usize,
    /// One past the last unit.
    last: usize,
    entity: usize,
    pronoun: bool,
    /// Followed by a reporting verb: the subject of speech.
    speaker: bool,
}

/// What a sentence leaves behind for the ones after it.
#[derive(Debug, Clone, Default)]
struct SentenceMemory {
    /// Persons mentioned, in order.
    persons: Vec<usize>,
    /// The first speaker attributed in the sentence (any kind).
    speaker: Option<usize>,
    /// Whether the sentence is nothing but a quotation.
    quote_only: bool,
    /// Whether the sentence opens with an attribution ("He added.", "Lavrov said:").
    opens_with_attribution: bool,
}

/// A reporting clause.
#[derive(Debug, Clone)]
struct Clause {
    /// The verb or cue unit ("said", "according").
    cue: usize,
    /// The words it reports: `[scope.0, scope.1)` in units.
    scope: (usize, usize),
    /// The speaker, if it could be resolved.
    speaker: Option<Attribution>,
    /// Whether the scope may be emitted as an indirect quote.
    reportable: bool,
    /// For "according to": the speaker is a publication (yields to a clause inside).
    channel: bool,
}

/// Finds the direct and indirect quotes of one article and their speakers.
pub fn attribute(
    text: &str,
    marked: &[MarkedQuote],
    english: &Analyzer,
    language: &Analyzer,
) -> (Vec<Found>, Vec<speaker::Entity>) {
    let sentences = split_run_ons(
        text,
        merge_across_quotes(text, crate::text::sentences(text, 0, text.len()), marked),
        marked,
    );
    let mut reader = Reader {
        text,
        english,
        entities: Entities::default(),
        memory: Vec::with_capacity(sentences.len()),
        colon: vec![None; marked.len()],
    };
    let all_units: Vec<Vec<W>> = sentences
        .iter()
        .map(|&(s, e)| words::units(text, s, e, marked))
        .collect();
    for units in &all_units {
        reader.register_titled_names(units);
    }
    let mut direct: Vec<Option<Attribution>> = vec![None; marked.len()];
    let mut found = Vec::new();
    let mut frames = super::frames::Frames::new(text, language.language(), language, &all_units);
    // The English reader reads text where English is read at all (detected, or its reporting
    // verbs used); elsewhere its sentence memory is taken from what the constructions found.
    let english_read = frames.reads("eng");
    for units in &all_units {
        if english_read {
            reader.read_sentence(units, &mut direct, &mut found);
        }
    }
    // Constructions of every language of the cue data, for what the English reading left.
    frames.read(
        &all_units,
        marked,
        &mut reader.entities,
        &mut direct,
        &mut found,
    );
    if !english_read {
        reader.memory = all_units
            .iter()
            .map(|units| memory_of(units, &found, &direct))
            .collect();
    }
    for (slot, colon) in direct.iter_mut().zip(std::mem::take(&mut reader.colon)) {
        *slot = slot.or(colon);
    }
    reader.attribute_from_context(&all_units, &mut direct);
    frames.subject_quotes(&all_units, &mut reader.entities, &mut direct);
    for (index, quote) in marked.iter().enumerate() {
        found.push(Found {
            start: quote.start,
            end: quote.end,
            direct: Some(index),
            attribution: direct[index],
        });
    }
    found.sort_by_key(|f| (f.start, f.end));
    (found, reader.entities.into_list())
}

/// What a sentence leaves for the ones after it, read from the quotes found in it.
fn memory_of(units: &[W], found: &[Found], direct: &[Option<Attribution>]) -> SentenceMemory {
    let (start, end) = match (units.first(), units.last()) {
        (Some(a), Some(b)) => (a.start, b.end),
        _ => return SentenceMemory::default(),
    };
    let speaker = found
        .iter()
        .filter(|f| f.start >= start && f.end <= end)
        .filter_map(|f| f.attribution)
        .chain(units.iter().filter_map(W::quote).filter_map(|q| direct[q]))
        .min_by_key(|a| a.start)
        .map(|a| a.entity);
    let quote_only = units
        .iter()
        .all(|w| w.quote().is_some() || matches!(w.unit, Unit::Punct(_)))
        && units.iter().any(|w| w.quote().is_some());
    let opens_with_attribution = units.iter().filter(|w| w.is_word()).count() <= 5
        && units.iter().all(|w| w.quote().is_none())
        && speaker.is_some();
    SentenceMemory {
        persons: Vec::new(),
        speaker,
        quote_only,
        opens_with_attribution,
    }
}

/// The longest stretch of text read as one sentence. Real sentences are far shorter; a longer
/// one is a pasted dump with no full stops, and reading it whole would make every reporting
/// verb scan to its end.
const MAX_SENTENCE: usize = 4096;

/// Cuts sentences longer than [`MAX_SENTENCE`] bytes at white space, never inside a quotation.
fn split_run_ons(
    text: &str,
    sentences: Vec<(usize, usize)>,
    marked: &[MarkedQuote],
) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(sentences.len());
    for (start, end) in sentences {
        let mut from = start;
        while end - from > MAX_SENTENCE {
            let mut cut = from + MAX_SENTENCE;
            // Not inside a quotation: move past the end of one that spans the cut.
            let q = marked.partition_point(|m| m.close_end <= cut);
            if let Some(m) = marked.get(q).filter(|m| m.open < cut) {
                cut = m.close_end;
            }
            // At white space, on a character boundary.
            while cut < end
                && !(text.is_char_boundary(cut) && text[cut..].starts_with(char::is_whitespace))
            {
                cut += 1;
            }
            if cut >= end {
                break;
            }
            out.push((from, cut));
            from = cut;
        }
        out.push((from, end));
    }
    out
}

/// Merges sentences so that no quotation crosses a sentence boundary, and so that a
/// quotation closing on a question or an exclamation stays with the attribution after it
/// ("“Who would have thought it?” Holt asked, looking at the crowd.").
fn merge_across_quotes(
    text: &str,
    sentences: Vec<(usize, usize)>,
    marked: &[MarkedQuote],
) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(sentences.len());
    let mut q = 0;
    for (start, end) in sentences {
        if let Some(last) = out.last_mut() {
            // Is the boundary at `start` strictly inside a quotation?
            while q < marked.len() && marked[q].close_end <= start {
                q += 1;
            }
            if q < marked.len() && marked[q].open < start && marked[q].close_end > start {
                last.1 = end;
                continue;
            }
            if q > 0 && attribution_follows(text, &marked[q - 1], *last, (start, end)) {
                last.1 = end;
                continue;
            }
        }
        out.push((start, end));
    }
    out
}

/// Whether the sentence `next` attributes the quotation `quote` that closes the sentence
/// `last` on a question or an exclamation mark: a reporting verb among its first four words,
/// on the same line.
fn attribution_follows(
    text: &str,
    quote: &MarkedQuote,
    last: (usize, usize),
    next: (usize, usize),
) -> bool {
    let closes_last =
        quote.closed && text[last.0..last.1].trim_end().len() + last.0 == quote.close_end;
    let asks = text[quote.start..quote.end]
        .trim_end()
        .ends_with(['?', '!']);
    if !(closes_last && asks) || text[quote.close_end..next.0].contains('\n') {
        return false;
    }
    text[next.0..next.1]
        .split_whitespace()
        .take(4)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| cues::verb_class(&w).is_some())
}

struct Reader<'t> {
    text: &'t str,
    english: &'t Analyzer,
    entities: Entities,
    memory: Vec<SentenceMemory>,
    /// Speakers found only through a colon before a quotation ("Jo Angerer, ARD Moscow: “…”"),
    /// given after the constructions of every language have had their say.
    colon: Vec<Option<Attribution>>,
}

/// The class of the reporting verb whose present participle the word is ("adding" → add,
/// "noting" → note, "quipping" → quip), if it is one.
fn participle_class(lower: &str) -> Option<VerbClass> {
    let stem = lower.strip_suffix("ing").filter(|s| s.len() >= 2)?;
    cues::verb_class(lower)
        .or_else(|| cues::verb_class(stem))
        .or_else(|| cues::verb_class(&format!("{stem}e")))
        .or_else(|| {
            let b = stem.as_bytes();
            (b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2])
                .then(|| cues::verb_class(&stem[..stem.len() - 1]))
                .flatten()
        })
}

/// Whether the words from unit `from` make a clause: a subject of at most five words, then a
/// finite auxiliary or modal, before any punctuation or conjunction ("the tax will …", "Trump
/// is …"), so that "expects the bank to raise rates", "warned Putin of consequences" or
/// "threatened nobody and had not …" are not clauses.
/// Whether a word starts with a digit ("200", "34", "5,000").
fn numeric(lower: &str) -> bool {
    lower.bytes().next().is_some_and(|b| b.is_ascii_digit())
}

fn finite_clause(units: &[W], from: usize) -> bool {
    if units
        .get(from)
        .is_some_and(|u| cues::is_contracted_clause(&u.lower))
    {
        return true;
    }
    units
        .iter()
        .skip(from)
        .take(6)
        .take_while(|u| u.is_word() && !matches!(u.lower.as_str(), "to" | "and" | "or" | "but"))
        .position(|u| cues::is_finite_auxiliary(&u.lower))
        .is_some_and(|k| k > 0)
}

/// Where a reported clause starts after a short phrase between the verb and it — an
/// addressee ("told reporters the plan would …"), an adverbial ("said in a statement the
/// plan would …") — when no "that" opens it: the subject nearest before the first finite
/// auxiliary or modal within ten words (a determiner, a subject pronoun or the first of a
/// run of capitalized words, not after "of"), with no punctuation, quotation or reporting
/// verb on the way. The phrase starts at unit `phrase`; the clause may start at `from`.
fn clause_after_phrase(units: &[W], phrase: usize, from: usize) -> Option<usize> {
    let auxiliary = (phrase..units.len().min(from + 10))
        .take_while(|&k| {
            units[k].is_word()
                && !matches!(units[k].lower.as_str(), "to" | "and" | "or" | "but")
                && cues::verb_class(&units[k].lower).is_none()
        })
        .find(|&k| k >= from && cues::is_finite_auxiliary(&units[k].lower))?;
    (from..auxiliary).rev().find(|&k| {
        let w = &units[k];
        let opens = cues::is_determiner(&w.lower)
            || matches!(
                w.lower.as_str(),
                "he" | "she" | "they" | "we" | "i" | "it" | "there"
            )
            || (w.is_cap() && !units[k - 1].is_cap());
        opens && units[k - 1].lower != "of" && auxiliary - k <= 5
    })
}

/// A maximal run of capitalized words starting at `i` (joined by "of", "de", hyphens…).
fn cap_run(units: &[W], i: usize) -> usize {
    let mut j = i;
    while j < units.len() {
        let w = &units[j];
        if w.is_cap() {
            j += 1;
            continue;
        }
        let joins = matches!(w.lower.as_str(), "of" | "de" | "von" | "van" | "bin" | "al")
            || (w.is_punct('-') && j > i && units[j - 1].end == w.start);
        if joins && j > i && j + 1 < units.len() && units[j + 1].is_cap() {
            j += 1;
            continue;
        }
        break;
    }
    j
}

impl Reader<'_> {
    /// Pre-pass: people named with a title ("Foreign Minister Sergei Lavrov") are known from
    /// the start, so that a bare "Lavrov" earlier in the text still finds them.
    fn register_titled_names(&mut self, units: &[W]) {
        let mut i = 0;
        while i < units.len() {
            if !units[i].is_cap() {
                i += 1;
                continue;
            }
            let end = cap_run(units, i);
            let start = self.skip_function_words(units, i, end);
            if let Some(Np::Person {
                name,
                surname,
                titles,
            }) = speaker::classify(self.text, &units[start..end])
            {
                if titles
                    .iter()
                    .any(|t| cues::is_role_head(t) || t == "mr" || t == "mrs" || t == "ms")
                {
                    let at = units[start].start;
                    let id = self.entities.person(&name, &surname, &titles, at);
                    self.entities.untouch(id);
                }
            }
            i = end;
        }
    }

    /// Drops sentence-initial function words from a capitalized run ("But Blinken" → "Blinken").
    fn skip_function_words(&self, units: &[W], mut start: usize, end: usize) -> usize {
        while start + 1 < end
            && units[start].lower != "the"
            && (self.english.is_stopword(&units[start].lower)
                || cues::verb_class(&units[start].lower).is_some()
                || matches!(
                    units[start].lower.as_str(),
                    "according" | "meanwhile" | "however"
                ))
        {
            start += 1;
        }
        start
    }

    fn read_sentence(
        &mut self,
        units: &[W],
        direct: &mut [Option<Attribution>],
        found: &mut Vec<Found>,
    ) {
        let mentions = self.mentions(units);
        let mut clauses = self.clauses(units, &mentions);
        self.according_to(units, &mentions, &mut clauses);
        self.headline(units, &mentions, &mut clauses);
        self.fronted_participle(units, &mentions, &mut clauses);
        clauses.sort_by_key(|c| (c.scope.0, c.cue));

        // Direct quotes: the innermost clause whose scope holds them, else a colon.
        for (k, w) in units.iter().enumerate() {
            let Some(index) = w.quote() else { continue };
            if direct[index].is_some() {
                continue;
            }
            let holder = clauses
                .iter()
                .filter(|c| c.speaker.is_some() && c.scope.0 <= k && k < c.scope.1)
                .min_by_key(|c| (c.channel, c.scope.1 - c.scope.0, usize::MAX - c.cue));
            direct[index] = holder.and_then(|c| c.speaker);
            if direct[index].is_none() {
                self.colon[index] = self.colon_speaker(units, k, &mentions);
            }
        }

        // Indirect quotes.
        let mut emitted: Vec<(usize, usize)> = Vec::new();
        let channels_yield: Vec<bool> = clauses
            .iter()
            .map(|c| {
                c.channel
                    && clauses.iter().any(|inner| {
                        // A speech act with words after it ("called on the West to …"),
                        // not a bare verb ("… by nine points, according to …").
                        !inner.channel
                            && (inner.reportable || inner.scope.0 < inner.scope.1)
                            && inner.cue > c.scope.0
                            && inner.cue < c.scope.1
                            && inner.speaker.is_some_and(|s| {
                                matches!(self.entities.kind(s.entity), SpeakerKind::Person)
                            })
                    })
            })
            .collect();
        for (clause, yields) in clauses.iter().zip(channels_yield) {
            if !clause.reportable || yields {
                continue;
            }
            if emitted
                .iter()
                .any(|&(s, e)| clause.cue >= s && clause.cue < e)
            {
                continue;
            }
            let Some((s, e)) = self.reportable_span(units, clause.scope) else {
                continue;
            };
            emitted.push(clause.scope);
            found.push(Found {
                start: s,
                end: e,
                direct: None,
                attribution: clause.speaker,
            });
        }

        let quote_only = units
            .iter()
            .all(|w| w.quote().is_some() || matches!(w.unit, Unit::Punct(_)))
            && units.iter().any(|w| w.quote().is_some());
        let first_speaker = {
            let mut by_position: Vec<&Clause> =
                clauses.iter().filter(|c| c.speaker.is_some()).collect();
            by_position.sort_by_key(|c| c.cue);
            by_position
                .first()
                .and_then(|c| c.speaker)
                .map(|s| s.entity)
        };
        let opens_with_attribution = units.iter().filter(|w| w.is_word()).count() <= 5
            && units.iter().all(|w| w.quote().is_none())
            && clauses.iter().any(|c| c.speaker.is_some());
        self.memory.push(SentenceMemory {
            persons: mentions
                .iter()
                .filter(|m| self.entities.kind(m.entity) == SpeakerKind::Person)
                .map(|m| m.entity)
                .collect(),
            speaker: first_speaker,
            quote_only,
            opens_with_attribution,
        });
    }

    /// The byte span of a scope worth reporting as indirect speech, trimmed.
    fn reportable_span(&self, units: &[W], (s, e): (usize, usize)) -> Option<(usize, usize)> {
        let mut s = s;
        let mut e = e.min(units.len());
        while s < e && matches!(units[s].unit, Unit::Punct(_)) {
            s += 1;
        }
        while e > s
            && (matches!(units[e - 1].unit, Unit::Punct(_))
                || matches!(
                    units[e - 1].lower.as_str(),
                    "and" | "but" | "while" | "whereas"
                ))
        {
            e -= 1;
        }
        if s >= e {
            return None;
        }
        let words = units[s..e].iter().filter(|w| w.is_word()).count();
        if words < 3 {
            return None;
        }
        // A clause that is mostly a direct quotation is that quotation, not a paraphrase; a
        // paraphrase with a quoted phrase inside ('a “collective, rapid and serious”
        // response') is reported speech in its own right.
        let quoted_words: usize = units[s..e]
            .iter()
            .filter(|w| w.quote().is_some() && !is_scare_span(&self.text[w.start..w.end]))
            .map(|w| self.text[w.start..w.end].split_whitespace().count())
            .sum();
        if quoted_words > 0 && 2 * quoted_words >= words + quoted_words {
            return None;
        }
        Some((units[s].start, units[e - 1].end))
    }

    /// People, roles and pronouns of a sentence, resolved in order.
    fn mentions(&mut self, units: &[W]) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let mut i = 0;
        while i < units.len() {
            let w = &units[i];
            if w.is_cap() && !matches!(w.lower.as_str(), "he" | "she") {
                let end = cap_run(units, i);
                let start = self.skip_function_words(units, i, end);
                let np = speaker::classify(self.text, &units[start..end]);
                match np {
                    Some(Np::Person {
                        name,
                        surname,
                        titles,
                    }) => {
                        let known = self.entities.by_surname(&surname).is_some();
                        let full_name =
                            units[start..end].iter().filter(|u| u.is_word()).count() >= 2;
                        if known || full_name || titles.iter().any(|t| cues::is_role_head(t)) {
                            let id = self.entities.person(&name, &surname, &titles, w.start);
                            out.push(Mention {
                                first: start,
                                last: end,
                                entity: id,
                                pronoun: false,
                                speaker: false,
                            });
                        }
                    }
                    Some(Np::Role {
                        words,
                        definite: true,
                        ..
                    }) => {
                        if let Some(id) = self.entities.by_role(&words) {
                            self.entities.touch(id, w.start);
                            out.push(Mention {
                                first: start,
                                last: end,
                                entity: id,
                                pronoun: false,
                                speaker: false,
                            });
                        }
                    }
                    _ => {}
                }
                i = end.max(i + 1);
                continue;
            }
            if w.is_word() && matches!(w.lower.as_str(), "he" | "she" | "him" | "her") {
                // "her" before a noun is a possessive; only object "her" (at a clause end) counts.
                let possessive = w.lower == "her" && units.get(i + 1).is_some_and(W::is_word);
                if !possessive {
                    if let Some(id) = self.resolve_pronoun(&w.lower, &out) {
                        self.entities.touch(id, w.start);
                        out.push(Mention {
                            first: i,
                            last: i + 1,
                            entity: id,
                            pronoun: true,
                            speaker: false,
                        });
                    }
                }
            } else if w.is_word() && w.lower == "the" {
                // "the Russian foreign minister", "the secretary"
                let mut j = i + 1;
                while j < units.len()
                    && j <= i + 4
                    && units[j].is_word()
                    && !cues::is_role_head(&units[j].lower)
                {
                    j += 1;
                }
                if j < units.len()
                    && units[j].is_word()
                    && cues::is_role_head(&units[j].lower)
                    && !units[j].is_cap()
                {
                    if let Some(Np::Role {
                        words,
                        definite: true,
                        ..
                    }) = speaker::classify(self.text, &units[i..=j])
                    {
                        if let Some(id) = self.entities.by_role(&words) {
                            self.entities.touch(id, w.start);
                            out.push(Mention {
                                first: i,
                                last: j + 1,
                                entity: id,
                                pronoun: false,
                                speaker: false,
                            });
                        }
                    }
                    i = j + 1;
                    continue;
                }
            }
            i += 1;
        }
        for m in &mut out {
            let mut k = m.last;
            while k < units.len()
                && units[k].is_word()
                && cues::is_skippable_before_verb(&units[k].lower)
            {
                k += 1;
            }
            m.speaker = units
                .get(k)
                .is_some_and(|u| !u.is_cap() && cues::verb_class(&u.lower).is_some());
        }
        out
    }

    /// The person a pronoun refers to.
    fn resolve_pronoun(&self, pronoun: &str, earlier: &[Mention]) -> Option<usize> {
        let object = matches!(pronoun, "him" | "her");
        let persons: Vec<&Mention> = earlier
            .iter()
            .filter(|m| self.entities.kind(m.entity) == SpeakerKind::Person)
            .collect();
        // Same sentence: the nearest speaker before, else the nearest person (for an object
        // pronoun, not the subject).
        let subject = persons.first().map(|m| m.entity);
        let nearest_speaker = persons.iter().rev().find(|m| m.speaker && !object);
        let nearest = persons
            .iter()
            .rev()
            .find(|m| !object || Some(m.entity) != subject);
        if let Some(m) = nearest_speaker.or(nearest) {
            return Some(m.entity);
        }
        for memory in self.memory.iter().rev().take(6) {
            let speaker = memory
                .speaker
                .filter(|&s| self.entities.kind(s) == SpeakerKind::Person);
            let candidate = speaker.or_else(|| memory.persons.first().copied());
            if let Some(id) = candidate {
                if object && Some(id) == subject {
                    continue;
                }
                return Some(id);
            }
        }
        None
    }

    /// Resolves the noun phrase `units[first..last]` to a speaker.
    fn resolve_np(
        &mut self,
        units: &[W],
        first: usize,
        last: usize,
        mentions: &[Mention],
    ) -> Option<Attribution> {
        if first >= last {
            return None;
        }
        let span = (units[first].start, units[last - 1].end);
        let coordination = units[first..last].iter().any(|w| w.lower == "and");
        let mention = mentions
            .iter()
            .find(|m| m.first >= first && m.last == last)
            .filter(|_| !coordination);
        if let Some(m) = mention {
            let cue = if m.pronoun {
                Cue::Pronoun
            } else {
                Cue::Explicit
            };
            return Some(Attribution {
                entity: m.entity,
                cue,
                start: span.0,
                end: span.1,
            });
        }
        let np = speaker::classify(self.text, &units[first..last])?;
        let entity = match np {
            Np::Pronoun(_) => return None,
            Np::Person {
                name,
                surname,
                titles,
            } => self.entities.person(&name, &surname, &titles, span.0),
            Np::Role {
                words,
                text,
                definite,
            } => {
                let known = if definite {
                    self.entities.by_role(&words)
                } else {
                    None
                };
                match known {
                    Some(id) => id,
                    None => self.entities.other(SpeakerKind::Person, &text, span.0),
                }
            }
            Np::Other(kind, text) => self.entities.other(kind, &text, span.0),
        };
        Some(Attribution {
            entity,
            cue: Cue::Explicit,
            start: span.0,
            end: span.1,
        })
    }

    /// The noun phrase that ends just before unit `end` (exclusive), as a unit range.
    fn np_before(&self, units: &[W], end: usize) -> Option<(usize, usize)> {
        let (mut start, end) = self.np_just_before(units, end)?;
        // The phrase may be a modifier of the speaker: "critics of the plan", "officials in
        // both cities", "residents fighting the closure of the hospital": back over a
        // preposition that links a modifier and a participle, at most three steps, to a
        // speaker's head word.
        let mut k = start;
        for _ in 0..3 {
            let Some(link) = k.checked_sub(1).map(|l| &units[l]) else {
                break;
            };
            let participle = link.is_word()
                && !link.is_cap()
                && cues::is_participle_shape(&link.lower)
                && cues::verb_class(&link.lower).is_none();
            if !(cues::is_modifier_link(&link.lower) || participle) {
                break;
            }
            let Some((a, b)) = self.np_just_before(units, k - 1) else {
                break;
            };
            if is_speaker_head(&units[b - 1].lower) {
                start = a;
                break;
            }
            k = a;
        }
        Some((start, end))
    }

    /// The noun phrase that ends just before unit `end`, without its modifiers' heads.
    fn np_just_before(&self, units: &[W], end: usize) -> Option<(usize, usize)> {
        if end == 0 || !units[end - 1].is_word() {
            return None;
        }
        let last = &units[end - 1];
        if matches!(last.lower.as_str(), "he" | "she" | "they" | "we" | "i") {
            return Some((end - 1, end));
        }
        if last.is_cap() {
            let mut j = end;
            while j > 0 {
                let w = &units[j - 1];
                let between_caps = j >= 2 && j < end && units[j - 2].is_cap() && units[j].is_cap();
                if w.is_cap()
                    || (between_caps && matches!(w.lower.as_str(), "of" | "and" | "de" | "von"))
                    || (between_caps && w.is_punct('-') && units[j - 2].end == w.start)
                {
                    j -= 1;
                    continue;
                }
                break;
            }
            if j > 0 && units[j - 1].is_word() && cues::is_determiner(&units[j - 1].lower) {
                j -= 1;
            }
            let j = self.skip_function_words(units, j, end);
            return Some((j, end));
        }
        // A lowercase description: back to its determiner, across capitalized adjectives.
        let mut j = end;
        let mut taken = 0;
        while j > 0 && taken < 6 {
            let w = &units[j - 1];
            if !w.is_word() {
                break;
            }
            if cues::is_determiner(&w.lower) {
                j -= 1;
                break;
            }
            if w.is_cap() {
                if cues::is_demonym(&w.lower) || cues::is_title_word(&w.lower) {
                    j -= 1;
                    taken += 1;
                    continue;
                }
                break;
            }
            if cues::is_preposition(&w.lower)
                || matches!(
                    w.lower.as_str(),
                    "that"
                        | "which"
                        | "who"
                        | "and"
                        | "but"
                        | "or"
                        | "as"
                        | "while"
                        | "if"
                        | "when"
                        | "what"
                )
                || (cues::verb_class(&w.lower).is_some()
                    && !is_speaker_head(&w.lower)
                    && !(j >= 2 && units[j - 2].lower == "of"))
            {
                break; // a verb, unless a noun after "of" ("secretary of state")
            }
            j -= 1;
            taken += 1;
        }
        (j < end).then_some((j, end))
    }

    /// The noun phrase that starts at unit `start`, as a unit range.
    fn np_after(&self, units: &[W], start: usize) -> Option<(usize, usize)> {
        let mut j = start;
        if j < units.len() && units[j].is_word() && cues::is_determiner(&units[j].lower) {
            j += 1;
        }
        if j >= units.len() || !units[j].is_word() {
            return None;
        }
        if start == j && matches!(units[j].lower.as_str(), "he" | "she" | "they" | "we" | "i") {
            return Some((j, j + 1));
        }
        if units[j].is_cap() {
            let mut end = j;
            loop {
                end = cap_run(units, end);
                // "Blinken and Lavrov"
                if end + 1 < units.len() && units[end].lower == "and" && units[end + 1].is_cap() {
                    end += 1;
                    continue;
                }
                break;
            }
            // "The Russian foreign minister": lowercase words after capitalized adjectives.
            let mut k = end;
            while k < units.len() && k < end + 3 && units[k].is_word() && !units[k].is_cap() {
                if is_speaker_head(&units[k].lower) {
                    return Some((start, k + 1));
                }
                k += 1;
            }
            let start = if start == j {
                self.skip_function_words(units, start, end)
            } else {
                start
            };
            return Some((start, end));
        }
        let mut k = j;
        while k < units.len() && k < j + 4 && units[k].is_word() {
            if is_speaker_head(&units[k].lower) {
                return Some((start, k + 1));
            }
            k += 1;
        }
        None
    }

    /// Every reporting clause of the sentence.
    fn clauses(&mut self, units: &[W], mentions: &[Mention]) -> Vec<Clause> {
        let mut out: Vec<Clause> = Vec::new();
        for v in 0..units.len() {
            let w = &units[v];
            if !w.is_word() || w.is_cap() {
                continue; // "the United States", "Secretary of State" are not verbs
            }
            if v > 0
                && (matches!(
                    units[v - 1].lower.as_str(),
                    "the" | "a" | "an" | "these" | "those" | "its" | "their" | "his" | "her" | "of"
                ) || cues::is_demonym(&units[v - 1].lower))
            {
                continue; // "the report", "Western states", "secretary of state": nouns
            }
            // ", adding that …", ", telling reporters: “…”", ", warning that …": the present
            // participle of a reporting verb after a comma; the sentence's subject speaks.
            let participle_class = (v > 0 && units[v - 1].is_punct(','))
                .then(|| participle_class(&w.lower))
                .flatten();
            let participle = participle_class.is_some();
            // "made it clear that …", "make clear that …"
            let made_clear = matches!(w.lower.as_str(), "made" | "make" | "makes")
                && (units.get(v + 1).is_some_and(|u| u.lower == "clear")
                    || (units.get(v + 1).is_some_and(|u| u.lower == "it")
                        && units.get(v + 2).is_some_and(|u| u.lower == "clear")));
            let fallback = participle_class.or(made_clear.then_some(VerbClass::Tell));
            let Some(mut class) = cues::verb_class(&w.lower).or(fallback) else {
                continue;
            };
            // "called on the West to …", "called for …": a speech act, not an evaluation.
            if class == VerbClass::Describe
                && units
                    .get(v + 1)
                    .is_some_and(|n| matches!(n.lower.as_str(), "on" | "for" | "off" | "up"))
            {
                class = VerbClass::Act;
            }
            // The subject.
            let mut i = v;
            loop {
                while i > 0 && units[i - 1].is_word() && self.skippable_before_verb(&units[i - 1]) {
                    i -= 1;
                }
                // A time between the subject and the verb: "The council on Monday said …".
                if i > 1 && cues::is_time_word(&units[i - 1].lower) {
                    i -= 1;
                    if matches!(units[i - 1].lower.as_str(), "on" | "in" | "last" | "this") {
                        i -= 1;
                    }
                    continue;
                }
                break;
            }
            if i > 0 && units[i - 1].is_word() && cues::is_passive_auxiliary(&units[i - 1].lower) {
                continue; // "were reported", "It was agreed"
            }
            let negated = i > 0 && units[i - 1].is_word() && is_negation(&units[i - 1].lower);
            if negated {
                i -= 1;
                while i > 0 && units[i - 1].is_word() && self.skippable_before_verb(&units[i - 1]) {
                    i -= 1;
                }
            }
            let mut speaker: Option<Attribution> = None;
            let mut subject_start = i;
            let mut inverted = false;
            let mut pronoun_subject = false;
            // The verb is in a relative clause, whose report ends at its closing comma.
            let mut relative = false;
            let coordinated = participle
                || (i > 0
                    && units[i - 1].is_word()
                    && matches!(units[i - 1].lower.as_str(), "and" | "but"));
            if coordinated {
                let joint = i.saturating_sub(1);
                speaker = out
                    .iter()
                    .filter(|c| c.scope.1 == joint || c.scope.1 == i)
                    .min_by_key(|c| c.cue)
                    .or(out.last())
                    .and_then(|c| c.speaker)
                    .or_else(|| {
                        if units[0].lower == "according" {
                            let comma = units.iter().position(|w| w.is_punct(','))?;
                            return self.resolve_np(units, 2.min(comma), comma, mentions);
                        }
                        let start = self.sentence_subject_start(units);
                        self.np_after(units, start)
                            .and_then(|(a, b)| self.resolve_np(units, a, b, mentions))
                    });
                subject_start = i.saturating_sub(1);
                if participle {
                    // ", adding that …"
                    subject_start = i;
                }
            } else {
                let mut end = i;
                // A parenthetical between commas: "Lavrov, following the meeting, called …"
                if end > 0 && units[end - 1].is_punct(',') {
                    let comma = end - 1;
                    let open = (comma.saturating_sub(25)..comma)
                        .rev()
                        .find(|&k| units[k].is_punct(','));
                    let parenthetical = open.is_some_and(|o| {
                        o + 1 < comma
                            && units[o + 1..comma].iter().all(|u| u.quote().is_none())
                            && (!units[o + 1].is_cap() || units[o + 1].lower == "however")
                    });
                    if let Some(o) = open.filter(|_| parenthetical) {
                        end = o;
                        // An age before the apposition: "Ana Ruiz, 34, a nurse, said …"
                        if end >= 2
                            && numeric(&units[end - 1].lower)
                            && units[end - 2].is_punct(',')
                        {
                            end -= 2;
                        }
                    }
                }
                // A parenthetical in brackets or between dashes: "Ana Ruiz (who leads the
                // list) said …", "Ana Ruiz — a nurse for 20 years — said …"
                if end > 0 {
                    let open = match units[end - 1].unit {
                        Unit::Punct(')') => Some('('),
                        Unit::Punct(c @ ('—' | '–')) => Some(c),
                        _ => None,
                    };
                    if let Some(open) = open {
                        if let Some(o) = (end.saturating_sub(30)..end - 1)
                            .rev()
                            .find(|&k| units[k].is_punct(open))
                            .filter(|&o| {
                                o > 0 && units[o + 1..end - 1].iter().all(|u| u.quote().is_none())
                            })
                        {
                            end = o;
                        }
                    }
                }
                // A relative clause: "Mr. Trump, who said last week that …", "voters who
                // say …": its antecedent speaks.
                if end > 1 && units[end - 1].is_word() && units[end - 1].lower == "who" {
                    relative = true;
                    end -= 1;
                    if units[end - 1].is_punct(',') {
                        end -= 1;
                    }
                }
                if let Some((a, b)) = self.np_before(units, end) {
                    speaker = self.resolve_np(units, a, b, mentions);
                    subject_start = a;
                    pronoun_subject = b == a + 1
                        && matches!(units[a].lower.as_str(), "he" | "she" | "they" | "we" | "i");
                }
                if speaker.is_none() {
                    // Inverted: "“…,” said Blinken." Also with a dash or a French auxiliary
                    // between: "«…», — сказал Лавров", "« … », a déclaré Lavrov".
                    let mut k = v;
                    while k > 0
                        && v - k < 3
                        && (matches!(units[k - 1].unit, Unit::Punct(',' | '—' | '–' | '-'))
                            || matches!(units[k - 1].lower.as_str(), "a" | "ont" | "avait"))
                    {
                        k -= 1;
                    }
                    let after_quote = k >= 1 && k < v + 1 && units[k - 1].quote().is_some();
                    // "…, said a handful of Democrats." after a clause of its own.
                    let after_clause = class == VerbClass::Say
                        && v >= 5
                        && units[v - 1].is_punct(',')
                        && units[..v - 1].iter().filter(|u| u.is_word()).count() >= 4;
                    if after_quote || after_clause {
                        let closes = |b: usize| {
                            after_quote
                                || units.get(b).is_none_or(|u| {
                                    matches!(u.unit, Unit::Punct('.' | ',' | ';' | '!'))
                                        || u.lower == "who"
                                })
                        };
                        // After a clause, the phrase up to the end is the speaker when the
                        // lexicon says its head names people ("…, said the city engineer").
                        let to_end = || {
                            let b = (v + 1..units.len().min(v + 7))
                                .find(|&b| !units[b].is_word() || units[b].lower == "who")
                                .unwrap_or(units.len());
                            (after_clause && b > v + 1 && closes(b)).then_some((v + 1, b))
                        };
                        if let Some((a, b)) = self
                            .np_after(units, v + 1)
                            .filter(|&(_, b)| closes(b))
                            .or_else(to_end)
                        {
                            speaker = self.resolve_np(units, a, b, mentions);
                            subject_start = v;
                            inverted = speaker.is_some();
                        }
                    }
                }
            }
            if speaker.is_none() && pronoun_subject && units[subject_start].lower == "they" {
                // "The United States and Russia … as they said …": the sentence's subject.
                let start = self.sentence_subject_start(units);
                speaker = self
                    .np_after(units, start)
                    .filter(|&(_, b)| b <= subject_start)
                    .and_then(|(a, b)| self.resolve_np(units, a, b, mentions))
                    .filter(|s| self.entities.kind(s.entity) != SpeakerKind::Person);
            }
            if speaker.is_none() && !pronoun_subject {
                continue;
            }
            if inverted {
                // "“…,” said Blinken": the clause reports what precedes it.
                let from = self.clause_start(units, v);
                out.push(Clause {
                    cue: v,
                    scope: (from, v),
                    speaker,
                    reportable: class != VerbClass::Act,
                    channel: false,
                });
                continue;
            }
            // The scope.
            let mut content = self.content_start(units, v, class);
            // What a poll, a study or a report "showed" or "found" is its finding, a clause
            // or not ("The poll showed the mayor ahead by five points").
            let publication =
                speaker.is_some_and(|s| self.entities.kind(s.entity) == SpeakerKind::Publication);
            if content.is_none() && class == VerbClass::Think && publication {
                let words = units[v + 1..].iter().take_while(|u| u.is_word()).count();
                content = (words >= 4).then_some(v + 1);
            }
            // "The memo said, “…”": the quotation after the verb is what it reports.
            let quoted = (v + 1..units.len().min(v + 3))
                .find(|&k| units[k].quote().is_some())
                .filter(|&k| {
                    k == v + 1 || units[v + 1].is_punct(',') || units[v + 1].is_punct(':')
                });
            if let (None, Some(k), VerbClass::Say | VerbClass::Tell) = (content, quoted, class) {
                out.push(Clause {
                    cue: v,
                    scope: (v + 1, k + 1),
                    speaker,
                    reportable: false,
                    channel: false,
                });
                continue;
            }
            let (scope, reportable) = match content {
                Some(c) if c < units.len() => {
                    let mut end = self.content_end(units, c);
                    if relative {
                        end = (c..end).find(|&k| units[k].is_punct(',')).unwrap_or(end);
                    }
                    ((c, end), true)
                }
                _ => {
                    // Nothing after the verb: a postposed attribution reports what precedes it.
                    let tail: Vec<&W> = units[v + 1..]
                        .iter()
                        .take_while(|u| !matches!(u.unit, Unit::Punct('.' | '!' | '?' | ';')))
                        .collect();
                    let tail_words = tail.iter().take_while(|u| u.is_word()).count();
                    let ends_here = tail.is_empty()
                        || tail[0].is_punct(',')
                        || (tail.iter().all(|u| u.is_word() || u.is_punct(','))
                            && (tail_words <= 3
                                || matches!(
                                    tail[0].lower.as_str(),
                                    "at" | "after" | "following" | "during"
                                )));
                    let after_quote =
                        subject_start > 0 && units[subject_start - 1].quote().is_some();
                    let after_comma = subject_start > 0 && units[subject_start - 1].is_punct(',');
                    let postposed = (after_quote
                        && tail
                            .iter()
                            .all(|u| u.quote().is_none() && u.lower != "that"))
                        || (after_comma && ends_here);
                    if postposed && !negated {
                        let from = self.clause_start(units, subject_start - 1);
                        ((from, subject_start), class != VerbClass::Act)
                    } else if negated {
                        // "had not threatened anyone": an act not done attributes nothing.
                        continue;
                    } else {
                        // A speech act: it attributes quotations up to the end of its clause.
                        let end = (v + 1..units.len())
                            .find(|&k| units[k].is_punct(','))
                            .unwrap_or(units.len());
                        ((v + 1, end), false)
                    }
                }
            };
            out.push(Clause {
                cue: v,
                scope,
                speaker,
                reportable,
                channel: false,
            });
        }
        out
    }

    /// Whether a word between a subject and its verb is passed over: an auxiliary or an
    /// adverb of the list ("has also said"), or a lowercase word other than a stopword that
    /// the lexicon knows only as an adverb ("privately warned", "angrily denied"; not "but").
    fn skippable_before_verb(&self, w: &W) -> bool {
        cues::is_skippable_before_verb(&w.lower)
            || (!w.is_cap()
                && !self.english.is_stopword(&w.lower)
                && !is_negation(&w.lower)
                && cues::verb_class(&w.lower).is_none()
                && crate::lexicon::Lexicon::embedded().every_sense(
                    "eng",
                    &w.lower,
                    &self.english.stem(&w.lower),
                    |pos| pos == crate::lexicon::ADVERB,
                ))
    }

    /// Where the sentence's subject starts: after a fronted adverbial ("Ahead of the talks, …").
    fn sentence_subject_start(&self, units: &[W]) -> usize {
        let opens_with_adverbial = units.first().is_some_and(|w| {
            cues::is_preposition(&w.lower)
                || matches!(w.lower.as_str(), "ahead" | "speaking" | "meanwhile")
        });
        if opens_with_adverbial {
            if let Some(comma) = units.iter().position(|w| w.is_punct(',')) {
                return comma + 1;
            }
        }
        // A fronted adverb ("Instead, the senator …", "Still, …").
        if units.len() > 2 && units[0].is_word() && units[1].is_punct(',') {
            let lower = &units[0].lower;
            let adverb = crate::lexicon::Lexicon::embedded().every_sense(
                "eng",
                lower,
                &self.english.stem(lower),
                |pos| pos == crate::lexicon::ADVERB,
            );
            if adverb {
                return 2;
            }
        }
        0
    }

    /// The first unit of the clause that ends at unit `end` (for postposed attributions).
    fn clause_start(&self, units: &[W], end: usize) -> usize {
        // "According to X, CONTENT, he said." — the content starts after the fronted phrase.
        if units.len() > 1 && units[0].lower == "according" {
            if let Some(comma) = units[..end].iter().position(|w| w.is_punct(',')) {
                return comma + 1;
            }
        }
        0
    }

    /// The first unit of the reported clause after verb `v`, if it reports one.
    fn content_start(&self, units: &[W], v: usize, class: VerbClass) -> Option<usize> {
        let next = units.get(v + 1)?;
        let find_that = |from: usize| {
            (from..units.len().min(from + 20))
                .take_while(|&k| {
                    units[k].quote().is_none() && !units[k].is_punct(':') && !units[k].is_punct('.')
                })
                .find(|&k| units[k].lower == "that")
                .map(|k| k + 1)
        };
        match class {
            // "asked whether …", "demanded that the talks …": a clause after the act.
            VerbClass::Act => {
                let opener = matches!(
                    next.lower.as_str(),
                    "whether" | "if" | "that" | "how" | "why" | "what" | "when" | "where"
                );
                let from = if matches!(next.lower.as_str(), "whether" | "if" | "that") {
                    v + 2
                } else {
                    v + 1
                };
                (opener && finite_clause(units, v + 2)).then_some(from)
            }
            VerbClass::Say => {
                if next.quote().is_some() || next.is_punct(',') || next.lower == "so" {
                    None
                } else if cues::is_time_word(&next.lower) {
                    // "said Monday that …", "said Monday the plan would …"
                    find_that(v + 1)
                        .or_else(|| units.get(v + 2).filter(|u| u.is_word()).map(|_| v + 2))
                } else if next.is_punct(':') {
                    units
                        .get(v + 2)
                        .filter(|u| u.quote().is_none())
                        .map(|_| v + 2)
                } else if next.lower == "that" {
                    Some(v + 2)
                } else if cues::is_preposition(&next.lower)
                    || matches!(
                        next.lower.as_str(),
                        "last"
                            | "earlier"
                            | "later"
                            | "yesterday"
                            | "today"
                            | "recently"
                            | "previously"
                            | "repeatedly"
                            | "again"
                    )
                {
                    // "said on Tuesday that …", "said last week that …", "said in a
                    // statement the plan would …"
                    find_that(v + 1).or_else(|| {
                        if !cues::is_preposition(&next.lower) {
                            next.is_word().then_some(v + 1)
                        } else {
                            clause_after_phrase(units, v + 1, v + 3)
                        }
                    })
                } else if next.is_word() {
                    Some(v + 1)
                } else {
                    None
                }
            }
            // "told reporters that …", "told reporters the plan would …"
            VerbClass::Tell => {
                find_that(v + 1).or_else(|| clause_after_phrase(units, v + 1, v + 2))
            }
            VerbClass::Think => {
                if next.lower == "that" {
                    Some(v + 2)
                } else if cues::is_time_word(&next.lower) {
                    find_that(v + 1).or_else(|| finite_clause(units, v + 2).then_some(v + 2))
                } else if next.is_word() && cues::is_clause_opener(&next.lower) {
                    Some(v + 1)
                } else if cues::is_preposition(&next.lower) || next.lower == "out" {
                    // "agreed with him that …", "pointed out that …"
                    find_that(v + 1)
                } else if next.is_word() && finite_clause(units, v + 1) {
                    // "thinks the tax will never be collected"
                    Some(v + 1)
                } else {
                    None
                }
            }
            VerbClass::Describe => {
                let as_follows = units[v + 1..units.len().min(v + 9)]
                    .iter()
                    .any(|u| u.lower == "as");
                let object = matches!(
                    next.lower.as_str(),
                    "it" | "them" | "this" | "the" | "him" | "her"
                );
                (as_follows || object).then_some(v + 1)
            }
        }
    }

    /// Where a clause starting at unit `c` ends: the sentence end, a coordinated reporting
    /// verb ("… and said …"), an attribution placed after it, or an adverbial clause.
    fn content_end(&self, units: &[W], c: usize) -> usize {
        let mut k = c;
        while k < units.len() {
            let w = &units[k];
            if w.is_word() && matches!(w.lower.as_str(), "and" | "but") {
                if let Some(next) = units.get(k + 1) {
                    let class = cues::verb_class(&next.lower);
                    if matches!(
                        class,
                        Some(VerbClass::Say | VerbClass::Tell | VerbClass::Think)
                    ) && !next.is_cap()
                    {
                        return k;
                    }
                }
            }
            if w.is_punct(',') {
                if let Some(next) = units.get(k + 1) {
                    if matches!(
                        next.lower.as_str(),
                        "adding"
                            | "saying"
                            | "while"
                            | "whereas"
                            | "with"
                            | "although"
                            | "though"
                            | "despite"
                    ) {
                        return k;
                    }
                    // ", he said." / ", Lavrov added." closing the sentence.
                    if let Some((a, b)) = self.np_after(units, k + 1) {
                        let verb = units.get(b);
                        if a == k + 1
                            && verb.is_some_and(|u| {
                                matches!(
                                    cues::verb_class(&u.lower),
                                    Some(VerbClass::Say | VerbClass::Tell)
                                )
                            })
                            && units[b + 1..]
                                .iter()
                                .take_while(|u| !u.is_punct('.'))
                                .all(|u| u.is_word())
                        {
                            return k;
                        }
                    }
                }
            }
            k += 1;
        }
        units.len()
    }

    /// "According to X, …" and "…, according to X."
    fn according_to(&mut self, units: &[W], mentions: &[Mention], clauses: &mut Vec<Clause>) {
        for i in 0..units.len().saturating_sub(2) {
            if units[i].lower != "according" || units[i + 1].lower != "to" {
                continue;
            }
            let np_start = i + 2;
            let np_end = (np_start..units.len())
                .find(|&k| {
                    matches!(units[k].unit, Unit::Punct(_) | Unit::Quote(_))
                        || (k > np_start
                            && units[k].is_word()
                            && !units[k].is_cap()
                            && cues::is_preposition(&units[k].lower)
                            && units[k].lower != "by")
                })
                .unwrap_or(units.len());
            // Whatever follows "according to" is a source, even a phrase the speaker grammar
            // does not read ("according to the polling average"): a publication then.
            let fallback = |reader: &mut Self| {
                let words = units[np_start..np_end]
                    .iter()
                    .filter(|u| u.is_word())
                    .count();
                if words == 0 || words > 8 {
                    return None;
                }
                let (start, end) = (units[np_start].start, units[np_end - 1].end);
                let text = reader.text;
                let entity =
                    reader
                        .entities
                        .other(SpeakerKind::Publication, &text[start..end], start);
                Some(Attribution {
                    entity,
                    cue: Cue::Explicit,
                    start,
                    end,
                })
            };
            let Some(speaker) = self
                .resolve_np(units, np_start, np_end, mentions)
                .or_else(|| fallback(self))
            else {
                continue;
            };

            let comma_after = (np_end..units.len()).find(|&k| units[k].is_punct(','));
            // "…, according to X." reports what precedes it, unless that is only a fronted
            // adverbial ("In addition, according to X, …").
            let before = units[..i.saturating_sub(1)]
                .iter()
                .filter(|u| u.is_word())
                .count();
            let postposed =
                i > 0 && units[i - 1].is_punct(',') && !(before <= 3 && comma_after.is_some());
            let scope = if postposed {
                (self.sentence_subject_start(units).min(i - 1), i - 1)
            } else if let Some(comma) = comma_after {
                (comma + 1, self.content_end(units, comma + 1))
            } else {
                continue;
            };
            let channel = self.entities.kind(speaker.entity) == SpeakerKind::Publication;
            let speaker = Attribution {
                cue: Cue::AccordingTo,
                ..speaker
            };
            clauses.push(Clause {
                cue: i,
                scope,
                speaker: Some(speaker),
                reportable: true,
                channel,
            });
        }
    }

    /// "Describing Friday’s talks as open and useful, Lavrov said …": the participle's
    /// evaluation belongs to the subject of the main clause.
    fn fronted_participle(&mut self, units: &[W], mentions: &[Mention], clauses: &mut Vec<Clause>) {
        let first = usize::from(
            units
                .first()
                .is_some_and(|w| matches!(w.lower.as_str(), "but" | "and")),
        );
        let Some(participle) = units.get(first) else {
            return;
        };
        if !matches!(
            participle.lower.as_str(),
            "describing" | "calling" | "saying" | "stressing" | "insisting"
        ) {
            return;
        }
        let Some(comma) = units.iter().position(|w| w.is_punct(',')) else {
            return;
        };
        let Some((a, b)) = self.np_after(units, comma + 1) else {
            return;
        };
        let speaker = self.resolve_np(units, a, b, mentions);
        if speaker.is_some() {
            clauses.push(Clause {
                cue: first,
                scope: (first + 1, comma),
                speaker,
                reportable: true,
                channel: false,
            });
        }
    }

    /// A headline of the form "Lavrov: Russia expects …".
    fn headline(&mut self, units: &[W], mentions: &[Mention], clauses: &mut Vec<Clause>) {
        let Some(colon) = units.iter().position(|w| w.is_punct(':')) else {
            return;
        };
        if colon == 0 || colon > 4 || units.iter().any(|w| w.quote().is_some()) {
            return;
        }
        if !units[..colon].iter().all(W::is_cap) {
            return;
        }
        let Some(Np::Person { surname, .. }) = speaker::classify(self.text, &units[..colon]) else {
            return;
        };
        if self.entities.by_surname(&surname).is_none() {
            return;
        }
        let speaker = self.resolve_np(units, 0, colon, mentions);
        clauses.push(Clause {
            cue: colon,
            scope: (colon + 1, units.len()),
            speaker,
            reportable: true,
            channel: false,
        });
    }

    /// "Jo Angerer, ARD Moscow, on the press conference: “…”" — the first name before the colon.
    fn colon_speaker(
        &mut self,
        units: &[W],
        k: usize,
        mentions: &[Mention],
    ) -> Option<Attribution> {
        if k == 0 || !units[k - 1].is_punct(':') {
            return None;
        }
        let mut i = 0;
        while i < k - 1 {
            if units[i].is_cap() {
                let end = cap_run(units, i).min(k - 1);
                let start = self.skip_function_words(units, i, end);
                if let Some(Np::Person { .. } | Np::Role { .. }) =
                    speaker::classify(self.text, &units[start..end])
                {
                    let attribution = self.resolve_np(units, start, end, mentions)?;
                    return Some(Attribution {
                        cue: Cue::Colon,
                        ..attribution
                    });
                }
                i = end.max(i + 1);
            } else {
                i += 1;
            }
        }
        None
    }

    /// Quotations that stand alone take the speaker of the sentence before, or after.
    fn attribute_from_context(&self, all_units: &[Vec<W>], direct: &mut [Option<Attribution>]) {
        for (s, units) in all_units.iter().enumerate() {
            if !self.memory[s].quote_only {
                continue;
            }
            for w in units {
                let Some(index) = w.quote() else { continue };
                if direct[index].is_some() {
                    continue;
                }
                // The nearest sentence before (through other stand-alone quotations) with a speaker.
                let before = (0..s)
                    .rev()
                    .find_map(|p| {
                        let last_quote = all_units[p]
                            .iter()
                            .rev()
                            .find_map(W::quote)
                            .and_then(|i| direct[i])
                            .map(|a| a.entity);
                        let speaker = last_quote.or(self.memory[p].speaker);
                        (speaker.is_some() || !self.memory[p].quote_only).then_some(speaker)
                    })
                    .flatten();
                let after = all_units
                    .get(s + 1)
                    .filter(|_| self.memory[s + 1].opens_with_attribution)
                    .and_then(|_| self.memory[s + 1].speaker);
                if let Some(entity) = before.or(after) {
                    direct[index] = Some(Attribution {
                        entity,
                        cue: Cue::Context,
                        start: w.start,
                        end: w.start,
                    });
                }
            }
        }
    }
}

/// Whether a word negates the verb after it ("had not threatened", "has never said").
fn is_negation(lower: &str) -> bool {
    matches!(lower, "not" | "never")
}

/// Whether a word heads a description of a speaker ("report", "official", "sides").
fn is_speaker_head(lower: &str) -> bool {
    cues::is_role_head(lower) || cues::is_group_head(lower) || cues::is_publication_head(lower)
}

/// Whether quoted words are few enough to be scare quotes (one or two words).
pub fn is_scare_span(quoted: &str) -> bool {
    let inner = quoted.trim_matches(|c: char| !c.is_alphanumeric());
    let words = inner
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    words <= 2 && !inner.chars().any(is_cjk)
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
}
