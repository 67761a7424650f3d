//! Reporting constructions in every language of the cue data: who said what, read from the
//! frame around a quotation or a reported clause.
//!
//! This pass runs after the English reader of [`super::attribution`] and fills what it left:
//! quotations without a speaker, reported speech it did not see. It knows no language; it
//! reads the word stream through the per-language tables of [`super::lang`], for the
//! languages active in the text, and recognizes constructions that news text of most
//! languages shares:
//!
//! - **speaker before the quote**: `X said, "…"`, `X sagte: „…“`, `X: «…»`;
//! - **after it**, with or without inversion: `"…," X said`, `„…“, sagte X`,
//!   `« … », a déclaré X`, `«…», — заявил X`, and a parenthetical between two quotations;
//! - **a quotation before its verb** with the speaker first (`X, "…" dedi.`);
//! - **reported speech** after a reporting verb, with or without a complementizer
//!   (`X sagte, dass …`, `X sagte, die Gespräche seien …`, `X a déclaré que …`), after a
//!   fronted phrase with inversion (`Zudem sagte der Minister, …`), and placed before its
//!   attribution (`Die Gespräche seien offen gewesen, sagte X.`);
//! - **according to** before or after the speaker (`laut X`, `selon X`, `по словам X`,
//!   `dem Minister zufolge`, `据X报道`) and **as X said** (`wie X sagte, …`);
//! - **colon headlines** (`Lawrow: Gespräche waren nützlich`);
//! - **impersonal saying** with its source in a prepositional phrase (`„…“, heißt es in einer
//!   Mitteilung der Feuerwehr`, `Aus Kreisen der Regierung hieß es, …`), or none (`Es heißt, …`);
//! - **reported speech continued** over the next sentences by a reportive verb form alone
//!   (German Konjunktiv I: "Man werde weiter verhandeln."), given to the speaker before; and a
//!   sentence in the Konjunktiv I **of its own**, after one that reports nothing ("Die
//!   Staatsanwaltschaft hat ermittelt. Der Beamte halte die Zahlungen für rechtens."), given to the agent the
//!   sentence before opens with, else the person it names, else the last speaker of the last
//!   ten sentences (the forms of `[reportive] forms` only, in lowercase, with no first- or
//!   second-person pronoun; `conditional_forms`, the Konjunktiv II, only continue speech), or
//!   one that reports **hearsay** with a modal and a perfect infinitive closing it ("Es soll
//!   kein Anschlag gewesen sein": `hearsay`, `perfect_auxiliaries`).
//!
//! Speakers are noun phrases read by a small grammar over the tables (determiners, name links,
//! roles, capitalized words; in Chinese the run of characters before the verb), resolved to the
//! article's [`Entities`]: a name to the person with that surname, a role to the person last
//! named with a title ending in it ("die Ministerin" → "Außenministerin Annalena Baerbock"),
//! a pronoun to the person who spoke or was named last.

use super::attribution::{Attribution, Cue, Found};
use super::cues::{self, VerbClass};
use super::lang::{flag, Cues, Entry, LanguageSet};
use super::marks::MarkedQuote;
use super::speaker::{Entities, SpeakerKind};
use super::words::{Unit, W};
use crate::text::Analyzer;

/// The longest noun phrase read as a speaker, in units.
const MAX_NP: usize = 12;

/// The fewest words a reported clause has.
const MIN_CLAUSE_WORDS: usize = 3;

/// The most words after a speaker who follows the verb, after a name and its apposition
/// ("…, sagte der Minister am Freitag."): more, and the phrase after the verb is the subject of
/// the reported clause ("Maria Lind, a spokeswoman, said the union sent Hamburg a list …").
const INVERTED_SPEAKER_TAIL: usize = 3;

/// How many sentences back the last speaker may have spoken for a sentence in the reportive
/// mood of its own to be theirs.
const RECENT_SPEAKER_SENTENCES: usize = 10;

/// The fewest words a speech act reported without its words carries ("forderte höhere Löhne
/// für alle Beschäftigten"): shorter, it is an object ("rejected these demands"), which says
/// too little to be compared with other versions.
const MIN_ACT_WORDS: usize = 6;

/// The most words between a split verb's finite unit and the end of its clause, particle
/// included ("ließ ein Sprecher des Ministeriums am Abend in Berlin verlauten").
const SPLIT_VERB_REACH: usize = 12;

/// What the reader knows of one article.
pub struct Frames<'t> {
    text: &'t str,
    cues: &'static Cues,
    active: LanguageSet,
    /// The analyzer of the article's language, for its stopwords and, where nouns are
    /// capitalized, for telling names from nouns through the lexicon.
    analyzer: &'t Analyzer,
    capitalized_nouns: bool,
    /// Whether the article's language sets a reported clause off by a comma
    /// ([`super::lang::Grammar::comma_before_clause`]).
    comma_before_clause: bool,
    /// The person who spoke or was named last, for pronouns.
    last_person: Option<usize>,
    /// The speaker of a reporting verb in the sentence being read, whether or not the
    /// sentence reported anything: a speech act ("X kritisierte den Bericht.") may be
    /// continued by reported speech in the next sentences.
    framed: Option<Attribution>,
    /// The surnames of the people the article names in full (lowercase, sorted): a surname
    /// alone heads a phrase even where it is also a common word ("Weber", "Albers").
    surnames: Vec<String>,
}

/// A unit's table entry, with the units a phrase starting there covers.
#[derive(Debug, Clone, Copy, Default)]
struct Looked {
    entry: Entry,
    /// Units covered (1 for a word; more for a phrase; 0 for punctuation and quotations).
    len: usize,
}

impl<'t> Frames<'t> {
    /// A reader for one article.
    pub fn new(text: &'t str, detected: &str, analyzer: &'t Analyzer, all: &[Vec<W>]) -> Self {
        let cues = Cues::get();
        let active = cues.active_for(
            detected,
            all.iter()
                .flatten()
                .filter(|w| w.is_word())
                .map(|w| w.lower.as_str()),
        );
        Frames {
            text,
            cues,
            active,
            analyzer,
            capitalized_nouns: cues.capitalized_nouns(active),
            comma_before_clause: cues
                .grammar(detected)
                .is_some_and(|g| g.comma_before_clause),
            last_person: None,
            framed: None,
            surnames: Vec::new(),
        }
    }

    /// Whether the words of a language are read in this article.
    pub fn reads(&self, code: &str) -> bool {
        self.cues
            .language(code)
            .is_some_and(|i| self.active & (1 << i) != 0)
    }

    fn look(&self, units: &[W]) -> Vec<Looked> {
        let mut out = vec![Looked::default(); units.len()];
        let mut out_inner: Vec<(usize, Entry)> = Vec::new();
        for (i, w) in units.iter().enumerate() {
            if !w.is_word() {
                continue;
            }
            // The words from here on, across hyphens and apostrophes glued to them
            // ("porta-voz", "d'après").
            let mut at = vec![i];
            let mut j = i + 1;
            while at.len() < 6 && j < units.len() {
                if units[j].is_word() {
                    at.push(j);
                    j += 1;
                } else if matches!(units[j].unit, Unit::Punct('-' | '\'' | '’'))
                    && units[j - 1].end == units[j].start
                    && units
                        .get(j + 1)
                        .is_some_and(|n| n.start == units[j].end && n.is_word())
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let phrase = self
                .cues
                .phrase(|k| at.get(k).map(|&j| units[j].lower.as_str()), self.active);
            let word = self.cues.word(&w.lower, self.active);
            out[i] = match phrase {
                Some((len, entry)) if len > 1 => {
                    // The other words of the phrase are what it is too ("porte-parole").
                    for &j in &at[1..len] {
                        out_inner.push((j, entry));
                    }
                    Looked {
                        entry,
                        len: at[len - 1] + 1 - i,
                    }
                }
                _ => Looked {
                    entry: word,
                    len: 1,
                },
            };
        }
        for (j, entry) in out_inner {
            if out[j].entry == Entry::default() {
                out[j] = Looked { entry, len: 0 };
            }
        }
        // Reportive forms by rule (the Konjunktiv I of any verb: "betrage", "verfüge").
        for (i, w) in units.iter().enumerate() {
            if w.is_word()
                && !w.is_cap()
                && out[i].entry == Entry::default()
                && self
                    .cues
                    .reportive_by_rule(&w.lower, self.active, |x| self.analyzer.is_stopword(x))
            {
                out[i].entry.flags |= flag::REPORTIVE;
            }
        }
        // An elided article glued to its word ("l'émissaire", "dell'inviato"): the word.
        for (i, w) in units.iter().enumerate() {
            if w.is_word() && out[i].entry == Entry::default() {
                if let Some((_, rest)) = w.lower.rsplit_once('\'') {
                    if !rest.is_empty() && w.lower.len() - rest.len() <= 5 {
                        out[i].entry = self.cues.word(rest, self.active);
                    }
                }
            }
        }
        // A compound whose head is a role ("Schiedsrichter", "Bahnchef") is a role.
        for (i, w) in units.iter().enumerate() {
            if w.is_cap()
                && out[i].entry.flags == 0
                && out[i].entry.verb.is_none()
                && self.capitalized_nouns
                && self.cues.is_compound_role(&w.lower, self.active)
            {
                out[i].entry.flags |= flag::ROLE;
            }
        }
        // A verb whose particle closes its clause ("gab die Sprecherin der Reederei
        // bekannt", "ließ die Behörde verlauten"): the finite unit is the verb.
        for (i, w) in units.iter().enumerate() {
            if !w.is_word() || out[i].entry.verb.is_some() {
                continue;
            }
            let mut verbs = self.cues.split_verb(&w.lower, self.active).peekable();
            if verbs.peek().is_none() {
                continue;
            }
            let Some(end) = self.clause_words_end(units, i + 1) else {
                continue;
            };
            let clause: Vec<&str> = units[i + 1..end]
                .iter()
                .filter(|u| u.is_word())
                .map(|u| u.lower.as_str())
                .collect();
            let found = verbs.find(|(particle, _)| {
                clause.len() >= particle.len()
                    && clause[clause.len() - particle.len()..]
                        .iter()
                        .zip(particle.iter())
                        .all(|(a, b)| *a == b)
            });
            if let Some((_, entry)) = found {
                out[i].entry.merge_verb(entry);
            }
        }
        out
    }

    /// Where the clause that runs from unit `from` ends: the first punctuation or quotation
    /// that is not glued inside a word, if it comes within [`SPLIT_VERB_REACH`] words.
    fn clause_words_end(&self, units: &[W], from: usize) -> Option<usize> {
        let mut words = 0;
        for (k, u) in units.iter().enumerate().skip(from) {
            if u.is_word() {
                words += 1;
                if words > SPLIT_VERB_REACH {
                    return None;
                }
            } else if !(matches!(u.unit, Unit::Punct('-' | '\'' | '’'))
                && k > 0
                && units[k - 1].end == u.start)
            {
                return Some(k);
            }
        }
        Some(units.len())
    }

    /// Reads every sentence: speakers for quotations that have none, and reported speech not
    /// yet found.
    pub fn read(
        &mut self,
        all: &[Vec<W>],
        marked: &[MarkedQuote],
        entities: &mut Entities,
        direct: &mut [Option<Attribution>],
        found: &mut Vec<Found>,
    ) {
        let named_in: Vec<Vec<usize>> = all
            .iter()
            .map(|units| {
                let looked = self.look(units);
                self.register_names(units, &looked, entities)
            })
            .collect();
        self.surnames = entities.surnames();
        self.surnames.sort_unstable();
        // The speaker whose reported speech the last sentence carried.
        let mut reporting: Option<Attribution> = None;
        // The last speaker of the article, and the sentence where they last spoke.
        let mut recent: Option<(usize, Attribution)> = None;
        for (index, (units, named)) in all.iter().zip(&named_in).enumerate() {
            if units.is_empty() {
                continue;
            }
            let looked = self.look(units);
            let (start, end) = (units[0].start, units[units.len() - 1].end);
            let before = found.len();
            self.framed = None;
            let mut spoke = self.read_sentence(units, &looked, entities, direct, found);
            if spoke.is_none() && found.len() == before && index > 0 {
                spoke = self.anaphoric(units, &looked, &all[index - 1], entities, found);
            }
            continue_quotations(units, &looked, direct);
            let framed = self.framed.take();
            // Reported speech another reader found in this sentence also carries on.
            if spoke.is_none() {
                spoke = found
                    .iter()
                    .filter(|f| f.direct.is_none() && f.start >= start && f.end <= end)
                    .find_map(|f| f.attribution);
            }
            if spoke.is_none() {
                if let Some(&first) = named
                    .iter()
                    .find(|&&id| entities.kind(id) == SpeakerKind::Person)
                {
                    self.last_person = Some(first);
                }
            }
            let has_verb = looked.iter().any(|l| l.entry.verb.is_some());
            let reportive = looked.iter().any(|l| l.entry.is(flag::REPORTIVE));
            // A reportive form in lowercase (a capitalized "Spiele" is a noun) in a sentence
            // with no "ich" or "wir" (whose "habe", "plane" are indicative).
            let standalone =
                units.iter().zip(&looked).any(|(w, l)| {
                    l.entry.is(flag::STANDALONE_REPORTIVE) && w.is_word() && !w.is_cap()
                }) && !looked
                    .iter()
                    .any(|l| l.entry.is(flag::FIRST_OR_SECOND_PERSON));
            // Hearsay: "soll" with a perfect infinitive closing the sentence ("Es soll kein
            // Anschlag gewesen sein"); with a plain infinitive "soll" is as often a plan.
            let closes_perfect = units
                .iter()
                .zip(&looked)
                .rev()
                .find(|(w, _)| w.is_word())
                .is_some_and(|(_, l)| l.entry.is(flag::PERFECT_AUXILIARY));
            let hearsay = closes_perfect
                && units
                    .iter()
                    .zip(&looked)
                    .any(|(w, l)| l.entry.is(flag::HEARSAY) && w.is_word() && !w.is_cap());
            let standalone = standalone || hearsay;
            let reported_adverb = looked.iter().any(|l| l.entry.is(flag::REPORTED_ADVERB));
            if let Some(s) = spoke.or(framed) {
                recent = Some((index, s));
            }
            match (spoke, reporting) {
                (Some(s), _) => reporting = Some(s),
                (None, _) if framed.is_some() => reporting = framed,
                // A sentence in the reportive mood after reported speech continues it, also
                // when a reporting verb of its own framed nothing ("An eine Verschiebung sei
                // nicht gedacht", "Dieser bestätigte, …" with no speaker read).
                (None, Some(speaker))
                    if (reportive || reported_adverb) && found.len() == before =>
                {
                    if let Some((s, e)) = self.clause_span(units, 0, units.len()) {
                        let context = Attribution {
                            cue: Cue::Context,
                            start: s,
                            end: s,
                            ..speaker
                        };
                        emit(found, s, e, Some(context));
                    }
                }
                (None, None) if reported_adverb && !has_verb && found.len() == before => {
                    // "Demnach wurden drei Zivilisten getötet": reported, its source unnamed.
                    if let Some((s, e)) = self.clause_span(units, 0, units.len()) {
                        emit(found, s, e, None);
                    }
                }
                (None, None) if standalone && !has_verb && found.len() == before => {
                    // A sentence in the reportive mood of its own ("Der Beamte halte die
                    // Zahlungen für rechtens."), after a sentence that reported no speech: still
                    // reported speech.
                    if let Some((s, e)) = self.clause_span(units, 0, units.len()) {
                        // Its speaker: the agent the sentence before is about ("Die
                        // Staatsanwaltschaft hat ermittelt."), else the person it names, else the
                        // article's last speaker of the last few sentences.
                        let previous = index
                            .checked_sub(1)
                            .and_then(|p| self.subject_agent(&all[p], entities))
                            .or_else(|| {
                                index
                                    .checked_sub(1)
                                    .and_then(|p| named_in[p].first().copied())
                                    .map(|entity| Attribution {
                                        entity,
                                        cue: Cue::Context,
                                        start: s,
                                        end: s,
                                    })
                            });
                        let context = previous
                            .or(recent
                                .filter(|(at, _)| index - at <= RECENT_SPEAKER_SENTENCES)
                                .map(|(_, speaker)| speaker))
                            .map(|speaker| Attribution {
                                cue: Cue::Context,
                                start: s,
                                end: s,
                                ..speaker
                            });
                        if emit(found, s, e, context) {
                            reporting = context;
                        }
                    }
                }
                _ => reporting = None,
            }
        }
        // A quotation inside reported speech is the reported speaker's words.
        for f in found.iter().filter(|f| f.direct.is_none()) {
            let Some(speaker) = f.attribution else {
                continue;
            };
            let first = marked.partition_point(|m| m.open < f.start);
            for (q, m) in marked.iter().enumerate().skip(first) {
                if m.open >= f.end {
                    break;
                }
                if m.close_end <= f.end {
                    give(direct, q, speaker);
                }
            }
        }
    }

    /// A sentence that opens with a pronoun standing for what the sentence before said, then
    /// a reporting verb and its agent ("Das teilte die Stadtverwaltung am Montag mit.", "Dies
    /// bestätigte gestern ein Sprecher."): the sentence before is the agent's reported speech,
    /// unless something in it was already read as speech.
    fn anaphoric(
        &mut self,
        units: &[W],
        looked: &[Looked],
        previous: &[W],
        entities: &mut Entities,
        found: &mut Vec<Found>,
    ) -> Option<Attribution> {
        let first = units.iter().position(W::is_word)?;
        let verb = first + 1;
        if !looked[first].entry.is(flag::ANAPHORIC_OBJECT)
            || !matches!(
                looked.get(verb).and_then(|l| l.entry.verb),
                Some(VerbClass::Say | VerbClass::Tell | VerbClass::Think)
            )
        {
            return None;
        }
        // The agent, after at most two adverbs ("erklärte gestern ein Sprecher").
        let agent = (verb + 1..units.len())
            .take_while(|&k| units[k].is_word())
            .take(3)
            .find(|&k| units[k].is_cap() || looked[k].entry.is(flag::DETERMINER))
            .and_then(|k| self.agent_at(units, looked, k, entities))?;
        let (s, e) = self.clause_span(previous, 0, previous.len())?;
        if previous.iter().any(|w| w.quote().is_some()) || overlaps_any(found, s, e) {
            return None;
        }
        emit(found, s, e, Some(agent)).then_some(agent)
    }

    /// Quotations that no construction gave a speaker, in a sentence that opens with an agent
    /// ("Die Kammer ließ keinen Zweifel daran, dass „…“", "Der Verband griff den Plan als „…“ an"): the
    /// agent's words, as the subject of the sentence that quotes them. The agent must stand
    /// before the first such quotation, and the quotation must not open the sentence.
    pub fn subject_quotes(
        &mut self,
        all: &[Vec<W>],
        entities: &mut Entities,
        direct: &mut [Option<Attribution>],
    ) {
        for units in all {
            // A quotation of a word or two, or a title, names something; it stays without a
            // speaker (and out of the quotes).
            let text = self.text;
            let analyzer = self.analyzer;
            let speech = |w: &W| {
                !super::attribution::is_scare_span(&text[w.start..w.end])
                    && !super::is_title(&text[w.start..w.end], analyzer)
            };
            let Some(at) = units
                .iter()
                .position(|w| w.quote().is_some_and(|q| direct[q].is_none()) && speech(w))
            else {
                continue;
            };
            if units[..at].iter().filter(|w| w.is_word()).count() < 2 {
                continue;
            }
            let Some(agent) = self
                .subject_agent(units, entities)
                .or_else(|| self.inverted_agent_before_colon(units, at, entities))
            else {
                continue;
            };
            if agent.end > units[at].start {
                continue;
            }
            let speaker = Attribution {
                cue: Cue::Subject,
                ..agent
            };
            for w in &units[at..] {
                if let Some(q) = w.quote().filter(|_| speech(w)) {
                    give(direct, q, speaker);
                }
            }
        }
    }

    /// Where nouns are capitalized and the verb comes second: the agent after the verb of a
    /// sentence that opens with something else and introduces the quotation at `at` with a
    /// colon ("Danach hielt die Präsidentin mit ihrem Urteil nicht zurück: „…“", "In seiner
    /// Mitteilung resümiert Anna Berg: „…“"). The verb is the first lowercase word that is no function
    /// word.
    fn inverted_agent_before_colon(
        &mut self,
        units: &[W],
        at: usize,
        entities: &mut Entities,
    ) -> Option<Attribution> {
        if !self.capitalized_nouns || at < 3 || !is_colon(&units[at - 1]) {
            return None;
        }
        let looked = self.look(units);
        let verb = (1..at - 1).find(|&k| {
            let w = &units[k];
            w.is_word()
                && !w.is_cap()
                && !self.analyzer.is_stopword(&w.lower)
                && !looked[k].entry.is(flag::DETERMINER | flag::PREPOSITION)
        })?;
        if (0..verb).any(|k| !units[k].is_word()) {
            return None;
        }
        let agent = self.agent_at(units, &looked, verb + 1, entities)?;
        (agent.end <= units[at].start).then_some(agent)
    }

    /// Registers the people named with a title or role ("Außenministerin Annalena Baerbock",
    /// "Le ministre des Affaires étrangères, Jean-Noël Barrot,", "美国国务卿布林肯") and by full
    /// name, so that a later "die Ministerin", "布林肯" or "er" finds them. Returns them in
    /// order.
    fn register_names(
        &mut self,
        units: &[W],
        looked: &[Looked],
        entities: &mut Entities,
    ) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < units.len() {
            if is_han(&units[i]) {
                // Chinese: a role word inside a run of characters; the name follows it.
                let run_end = (i..units.len())
                    .find(|&k| !is_han(&units[k]))
                    .unwrap_or(units.len());
                if let Some((a, b)) = self.han_name(units, looked, i, run_end) {
                    let name = &self.text[units[a].start..units[b - 1].end];
                    let titles = self.titles(units, looked, i, a);
                    out.push(entities.person(name, name, &titles, units[a].start));
                }
                i = run_end.max(i + 1);
                continue;
            }
            if !looked[i].entry.is(flag::ROLE) {
                // A full name without a title: two name tokens or more.
                let run = self.name_run(units, looked, i, false);
                if run >= i + 2 {
                    let name = strip_possessive(&self.text[units[i].start..units[run - 1].end]);
                    out.push(entities.person(name, &units[run - 1].lower, &[], units[i].start));
                    i = run;
                } else {
                    i += 1;
                }
                continue;
            }
            // A run of role words, then a name: directly, after a few lowercase words
            // ("Министр иностранных дел Сергей Лавров"), or in apposition after a comma.
            let mut j = i;
            while j < units.len() && (looked[j].entry.is(flag::ROLE) || self.glued_hyphen(units, j))
            {
                j += 1;
            }
            let window = units.len().min(j + 7);
            let apposition = (j..window)
                .take_while(|&k| units[k].is_word() || is_comma(&units[k]))
                .find(|&k| is_comma(&units[k]))
                .map(|c| c + 1)
                .filter(|&c| self.name_run(units, looked, c, true) > c);
            let direct = (self.name_run(units, looked, j, true) > j).then_some(j);
            let after_words = (j..j + 4)
                .take_while(|&k| {
                    // Content words of the role ("иностранных дел"), not a clause going
                    // on ("der Bürgermeister nicht mit Worten").
                    units.get(k).is_some_and(|w| {
                        w.is_word()
                            && !w.is_cap()
                            && looked[k].entry.verb.is_none()
                            && !looked[k].entry.is(flag::PREPOSITION)
                            && !self.analyzer.is_stopword(&w.lower)
                    })
                })
                .last()
                .map(|k| k + 1)
                .filter(|&k| self.name_run(units, looked, k, true) > k);
            match apposition.or(direct).or(after_words) {
                Some(a) => {
                    let e = self.name_run(units, looked, a, true);
                    let name = strip_possessive(&self.text[units[a].start..units[e - 1].end]);
                    let titles = self.titles(units, looked, i, j);
                    out.push(entities.person(name, &units[e - 1].lower, &titles, units[a].start));
                    i = e;
                }
                None => i = j.max(i + 1),
            }
        }
        out
    }

    /// The end of a run of name tokens starting at `k` (at most four), `k` if there is none.
    fn name_run(&self, units: &[W], looked: &[Looked], k: usize, after_title: bool) -> usize {
        let mut e = k;
        // After a first token that is no common word ("Karl"), the surname may be one ("Weber").
        while e < units.len().min(k + 4)
            && (self.is_name_token(units, looked, e, after_title || e > k)
                || (e > k
                    && self.glued_hyphen(units, e)
                    && self.is_name_token(units, looked, e + 1, after_title)))
        {
            e += 1;
        }
        e
    }

    fn titles(&self, units: &[W], looked: &[Looked], from: usize, to: usize) -> Vec<String> {
        (from..to)
            .filter(|&k| looked[k].entry.is(flag::ROLE) || cues::is_title_word(&units[k].lower))
            .map(|k| units[k].lower.clone())
            .collect()
    }

    /// In a run of Chinese characters holding a role word at `role`, the name after it: the
    /// characters from the end of the last role word to the end of the run, when 2–4 long.
    fn han_name(
        &self,
        _units: &[W],
        looked: &[Looked],
        from: usize,
        run_end: usize,
    ) -> Option<(usize, usize)> {
        let mut k = from;
        let mut last_role_end = None;
        while k < run_end {
            let l = looked[k];
            if l.entry.is(flag::ROLE) && l.len > 0 {
                last_role_end = Some(k + l.len);
                k += l.len;
            } else if l.entry.verb.is_some() {
                break;
            } else {
                k += 1;
            }
        }
        let a = last_role_end?;
        let b = (a..k)
            .take(4)
            .take_while(|&m| looked[m].entry.verb.is_none())
            .last()?
            + 1;
        (b - a >= 2).then_some((a, b))
    }

    fn glued_hyphen(&self, units: &[W], k: usize) -> bool {
        units.get(k).is_some_and(|w| w.is_punct('-'))
            && k > 0
            && units[k - 1].end == units[k].start
            && units.get(k + 1).is_some_and(|n| n.start == units[k].end)
    }

    /// Whether the lexicon knows a word as a noun naming a person or an organization ("les
    /// enquêteurs", "the strategists").
    fn names_agent(&self, w: &W) -> bool {
        w.is_word()
            && !self.analyzer.is_stopword(&w.lower)
            && crate::lexicon::Lexicon::embedded()
                .agent(
                    self.analyzer.language(),
                    &w.lower,
                    &self.analyzer.stem(&w.lower),
                )
                .is_some()
    }

    /// Whether a word is an acronym: two letters or more, all capitals ("NATO", "МИД").
    fn is_acronym(&self, w: &W) -> bool {
        let mut letters = self.text[w.start..w.end]
            .chars()
            .filter(|c| c.is_alphabetic());
        let mut n = 0;
        let all_upper = letters.all(|c| {
            n += 1;
            c.is_uppercase()
        });
        w.is_word() && all_upper && n >= 2
    }

    /// Whether unit `k` can be part of a person's name.
    fn is_name_token(&self, units: &[W], looked: &[Looked], k: usize, after_title: bool) -> bool {
        let Some(w) = units.get(k) else { return false };
        if !w.is_cap() {
            return false;
        }
        // An acronym names an organization ("МИД", "NATO", "SPD"), not a person.
        let letters: Vec<char> = self.text[w.start..w.end]
            .chars()
            .filter(|c| c.is_alphabetic())
            .collect();
        if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
            return false;
        }
        let entry = looked[k].entry;
        if entry.verb.is_some()
            || entry.is(flag::SPEAKER_HEAD
                | flag::DETERMINER
                | flag::PRONOUN
                | flag::DEMONYM
                | flag::COMPLEMENTIZER
                | flag::ACCORDING
                | flag::AS)
        {
            return false;
        }
        if cues::is_place_word(&w.lower)
            || cues::is_time_word(&w.lower)
            || cues::is_organization_word(&w.lower)
            || cues::is_publication_word(&w.lower)
        {
            return false;
        }
        if self.analyzer.is_stopword(&w.lower) {
            return false;
        }
        if self.capitalized_nouns && !after_title && self.is_common_word(&w.lower) {
            return false;
        }
        true
    }

    /// Whether the lexicon knows the word only as a verb ("gave"), which cannot stand before
    /// the head of a noun phrase as an adjective does ("the former minister").
    fn only_a_verb(&self, lower: &str) -> bool {
        self.every_sense(lower, |pos| pos == crate::lexicon::VERB)
    }

    /// Whether the lexicon knows the word and every sense of it has a part of speech that
    /// `test` accepts.
    fn every_sense(&self, lower: &str, test: impl Fn(u8) -> bool) -> bool {
        crate::lexicon::Lexicon::embedded().every_sense(
            self.analyzer.language(),
            lower,
            &self.analyzer.stem(lower),
            test,
        )
    }

    /// Whether the lexicon knows the word as a common word of the article's language.
    fn is_common_word(&self, lower: &str) -> bool {
        let stem = self.analyzer.stem(lower);
        !crate::lexicon::Lexicon::embedded()
            .senses(self.analyzer.language(), lower, &stem)
            .is_empty()
    }

    fn read_sentence(
        &mut self,
        units: &[W],
        looked: &[Looked],
        entities: &mut Entities,
        direct: &mut [Option<Attribution>],
        found: &mut Vec<Found>,
    ) -> Option<Attribution> {
        let mut spoke = None;
        let mut v = 0;
        while v < units.len() {
            let l = looked[v];
            let class = match l.entry.verb {
                Some(class) if self.verb_position(units, v) => class,
                _ => {
                    v += l.len.max(1);
                    continue;
                }
            };
            let verb_end = v + l.len.max(1);
            if let Some(a) =
                self.read_verb(units, looked, v, verb_end, class, entities, direct, found)
            {
                spoke = spoke.or(Some(a));
            }
            v = verb_end;
        }
        for (i, l) in looked.iter().enumerate() {
            if l.len == 0 {
                continue; // inside a phrase read from its first word
            }
            if l.entry.is(flag::IMPERSONAL_SAY) {
                if let Some(a) = self.impersonal(units, looked, i, entities, direct, found) {
                    spoke = spoke.or(Some(a));
                }
                continue;
            }
            if l.entry.is(flag::ACCORDING_SOURCE) && !l.entry.is(flag::ACCORDING) {
                if let Some(a) = self.according_to_source(units, looked, i, entities, found) {
                    spoke = spoke.or(Some(a));
                }
                continue;
            }
            if l.entry.is(flag::ACCORDING) {
                if let Some(a) = self.according_to(units, looked, i, entities, direct, found) {
                    spoke = spoke.or(Some(a));
                }
            } else if l.entry.is(flag::ACCORDING_AFTER) {
                if let Some(a) = self.according_after(units, looked, i, entities, found) {
                    spoke = spoke.or(Some(a));
                }
            }
        }
        if let Some(a) = self.headline(units, looked, entities, direct, found) {
            spoke = spoke.or(Some(a));
        }
        spoke
    }

    /// Whether a verb form at `v` is used as a verb: lowercase (or sentence-initial, or after
    /// a quotation), and not a noun after a determiner ("the report", "der Bericht").
    fn verb_position(&self, units: &[W], v: usize) -> bool {
        let w = &units[v];
        if w.is_cap() && v > 0 && units[v - 1].quote().is_none() && !is_han(w) {
            return false;
        }
        if v > 0 && units[v - 1].is_word() {
            let prev = self.cues.word(&units[v - 1].lower, self.active);
            if prev.is(flag::INFINITIVE) {
                return false;
            }
            if (prev.is(flag::DETERMINER) && !prev.is(flag::PRONOUN | flag::AUX))
                || prev.is(flag::DEMONYM)
            {
                return false;
            }
        }
        true
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "one sentence's state, read in one place"
    )]
    fn read_verb(
        &mut self,
        units: &[W],
        looked: &[Looked],
        v: usize,
        verb_end: usize,
        class: VerbClass,
        entities: &mut Entities,
        direct: &mut [Option<Attribution>],
        found: &mut Vec<Found>,
    ) -> Option<Attribution> {
        // The verb group: an auxiliary directly before ("a déclaré", "ha detto", "has said").
        let group_start = if v > 0 && looked[v - 1].entry.is(flag::AUX) {
            v - 1
        } else {
            v
        };
        // Chinese: the speaker is the run of characters before the verb.
        let han = is_han(&units[v]);
        let left = if han {
            self.han_np_left(units, looked, group_start)
        } else {
            self.np_left(units, looked, group_start)
        };
        let right = if han {
            None
        } else {
            self.np_right(units, looked, verb_end)
        };
        // "Wie die Zeitung in ihrer Ausgabe berichtet, …", "…, wie sein Anwalt mitteilte": the
        // subject follows the marker that opens the verb's clause.
        let marker = (group_start.saturating_sub(14)..group_start)
            .rev()
            .take_while(|&k| units[k].is_word() || self.glued_hyphen(units, k))
            .find(|&k| looked[k].entry.is(flag::AS));
        let mut as_start = None;
        let left = match (left, marker) {
            (None, Some(m)) => {
                let np = self
                    .np_right(units, looked, m + 1)
                    .filter(|&(_, b)| b <= group_start);
                as_start = np.map(|_| m);
                np
            }
            (left, _) => left,
        };
        // "Der Minister hat am Montag gesagt": the subject stands before the auxiliary.
        let mut split_aux = None;
        let left = left.or_else(|| {
            let aux = (group_start.saturating_sub(16)..group_start)
                .rev()
                .take_while(|&k| {
                    units[k].is_word() || units[k].quote().is_some() || self.glued_hyphen(units, k)
                })
                .find(|&k| looked[k].entry.is(flag::AUX))?;
            // "„…“, wird Weber in der Mitteilung zitiert": after a quotation, the subject
            // follows the auxiliary.
            let np = self.np_left(units, looked, aux).or_else(|| {
                quote_before(units, aux)?;
                self.np_right(units, looked, aux + 1)
                    .filter(|&(_, b)| b <= group_start)
            })?;
            split_aux = Some(aux);
            Some(np)
        });
        // "Emily Lau, die Vorsitzende der Partei, sagte": a name and its apposition. A phrase
        // after the verb is then its speaker only when the sentence closes soon after it, or a
        // comma follows ("…, sagte der Minister.") and no verb comes right after it; otherwise it
        // is the subject of the reported clause ("Maria Lind, a spokeswoman, said the
        // union sent Hamburg …").
        let speaker_after = right.is_some_and(|r| {
            r.1 >= units.len()
                || is_comma(&units[r.1])
                || (self.closes_sentence(units, r.1, INVERTED_SPEAKER_TAIL)
                    && !(units[r.1].is_word()
                        && (looked[r.1].entry.is(flag::AUX)
                            || self.only_a_verb(&units[r.1].lower))))
        });
        let left = left.or_else(|| {
            if speaker_after || group_start < 2 || !is_comma(&units[group_start - 1]) {
                return None;
            }
            let comma = (group_start.saturating_sub(24)..group_start - 1)
                .rev()
                .find(|&k| is_comma(&units[k]))?;
            let apposition = &looked[comma + 1..group_start - 1];
            if apposition
                .iter()
                .any(|l| l.entry.verb.is_some() || l.entry.is(flag::COMPLEMENTIZER))
            {
                return None;
            }
            match self.np_left(units, looked, comma) {
                Some((a, _)) => {
                    let opens_clause = a == 0 || !units[a - 1].is_word();
                    opens_clause.then_some((a, group_start - 1))
                }
                // A description the grammar does not read, then a name in apposition ("Die
                // Delegationsleiterin beim Gipfel, Anna Berg, äußerte sich …"): the name, if it
                // is all the apposition holds and nothing before it is a verb or opens a clause.
                None => {
                    let before = &looked[..comma];
                    let plain = before.iter().all(|l| {
                        l.entry.verb.is_none() && !l.entry.is(flag::COMPLEMENTIZER | flag::AS)
                    }) && units[..comma].iter().all(|w| w.quote().is_none());
                    let end = group_start - 1;
                    let name = end > comma + 1
                        && self.name_run(units, looked, comma + 1, false) == end
                        && end - comma <= 5;
                    (plain && name).then_some((comma + 1, end))
                }
            }
        });
        // A subject before the verb wins, unless it is a fronted adverbial word: then a
        // speaker after the verb (V2 inversion, "Zudem sagte der Minister").
        let (np, inverted) = match (left, right) {
            (Some(l), Some(r))
                if entities.by_surname(&units[l.0].lower).is_none()
                    && (self.fronted_phrase(units, looked, l)
                        || (self.fronted_adverbial(looked, l)
                            && !self.is_common_word(&units[l.0].lower)
                            && self.opens_description(units, looked, r.0))) =>
            {
                (Some(r), true)
            }
            (Some(l), _) => (Some(l), false),
            (None, Some(r)) => (Some(r), true),
            (None, None) => (None, false),
        };
        // Verb-final languages: "X, CLAUSE belirtti" — the speaker opens the sentence, before
        // its first comma.
        let np = if self.cues.verb_final(self.active) && np.is_none_or(|(a, _)| a > 0) {
            (0..group_start)
                .find(|&k| is_comma(&units[k]))
                .and_then(|c| self.np_left(units, looked, c))
                .filter(|&(a, _)| a == 0)
                .map(|n| (n, false))
                .map_or((np, inverted), |(n, inv)| (Some(n), inv))
        } else {
            (np, inverted)
        };
        let (np, inverted) = np;
        // "X, „…“ dedi": the speaker before a quotation that stands before its verb.
        let np = np.or_else(|| {
            let q = quote_before(units, group_start)?;
            let at = units.iter().position(|w| w.quote() == Some(q))?;
            let mut e = at;
            while e > 0 && is_comma(&units[e - 1]) {
                e -= 1;
            }
            self.np_left(units, looked, e)
        });
        let np = match np {
            Some(np) => np,
            // A verb opening its sentence with no subject (Polish, Arabic, Spanish drop it):
            // the person last named speaks.
            None => {
                let opens =
                    (0..group_start).all(|k| !units[k].is_word() || looked[k].entry.is(flag::LINK));
                if !opens
                    || self.last_person.is_none()
                    || units.get(verb_end).is_some_and(W::is_word)
                        && self.np_right(units, looked, verb_end).is_some()
                {
                    return None;
                }
                (group_start, group_start)
            }
        };
        let speaker = if np.0 == np.1 {
            Attribution {
                entity: self.last_person?,
                cue: Cue::Pronoun,
                start: units[group_start].start,
                end: units[group_start].start,
            }
        } else {
            self.resolve(units, looked, np.0, np.1, entities)?
        };

        self.framed = self.framed.or(Some(speaker));
        // Quotations next to the frame.
        let frame_start = match as_start {
            Some(m) if !inverted => m,
            _ if inverted => group_start,
            _ => np.0,
        };
        // "„…“, hat Weber gesagt", "„…“, wird Weber zitiert": an auxiliary opens the frame
        // before its subject.
        let frame_start = if !inverted
            && frame_start > 0
            && frame_start == np.0
            && units[frame_start - 1].is_word()
            && looked[frame_start - 1].entry.is(flag::AUX)
        {
            frame_start - 1
        } else {
            frame_start
        };
        let frame_end = if inverted { np.1 } else { verb_end };
        let mut attributed = false;
        if let Some(q) = quote_before(units, frame_start) {
            attributed |= give(direct, q, speaker);
        }
        // "X, „…“ dedi": the quotation between the speaker and the verb.
        if !inverted && np.1 < group_start {
            if let Some(q) = quote_before(units, group_start) {
                attributed |= give(direct, q, speaker);
            }
        }
        if let Some(q) = quote_after(units, frame_end) {
            attributed |= give(direct, q, speaker);
        }
        // "hat die Gespräche als „offen und nützlich“ bezeichnet": between the auxiliary and
        // its participle.
        if let Some(aux) = split_aux {
            for unit in &units[aux..group_start] {
                if let Some(q) = unit.quote() {
                    attributed |= give(direct, q, speaker);
                }
            }
        }
        if !attributed {
            // A speech act attributes the quotations of the rest of its clause ("sprach von
            // der „schlimmsten Katastrophe“"); a verb of saying those of the rest of its
            // sentence, across commas, up to another reporting verb ("nannte Shultz einen
            // „wahren Patrioten“ und einen „großen Staatsmann“", "bekräftigt auch, „…“").
            let reach = if class == VerbClass::Act { 14 } else { 40 };
            let end = (frame_end..units.len().min(frame_end + reach))
                .find(|&k| {
                    (class == VerbClass::Act && is_comma(&units[k]))
                        || is_stop_punct(&units[k])
                        || (k > frame_end && looked[k].entry.verb.is_some())
                })
                .unwrap_or(units.len().min(frame_end + reach));
            for unit in &units[frame_end..end] {
                if let Some(q) = unit.quote() {
                    attributed |= give(direct, q, speaker);
                }
            }
        }

        // Reported speech: after the frame, or before it when the frame closes the sentence.
        if class != VerbClass::Act {
            let postposed = frame_start > 0
                && is_joining_punct(&units[frame_start - 1])
                && (inverted || self.closes_sentence(units, frame_end, 3));
            let opens_with_marker = units.first().is_some_and(|w| w.is_word())
                && looked[0].entry.is(flag::ACCORDING | flag::AS);
            let before = (postposed && !opens_with_marker)
                .then(|| self.clause_span(units, 0, frame_start - 1))
                .flatten();
            let verb_final = (self.cues.verb_final(self.active) && !inverted && np.1 < group_start)
                .then(|| {
                    let from = (np.1..group_start).find(|&k| is_comma(&units[k]))? + 1;
                    self.clause_span(units, from, group_start)
                })
                .flatten();
            // "The budget, officials said, would be balanced …": an attribution between commas
            // inside the clause it reports; the clause is the sentence around it.
            let parenthetical = !inverted
                && frame_start >= 2
                && is_comma(&units[frame_start - 1])
                && units.get(frame_end).is_some_and(is_comma)
                && units[..frame_start - 1].iter().any(W::is_word)
                && units[frame_end + 1..]
                    .iter()
                    .filter(|w| w.is_word())
                    .count()
                    >= MIN_CLAUSE_WORDS
                && (0..frame_start - 1).all(|k| {
                    looked[k].entry.verb.is_none() && !looked[k].entry.is(flag::COMPLEMENTIZER)
                });
            // "„…“, sagte Andreas Beck, Spieler des Vereins, gegenüber Reportern": an inverted
            // frame after a quotation reports that quotation; what follows the speaker is no
            // clause of its.
            let after_quotation = inverted && quote_before(units, frame_start).is_some();
            let content = if before.is_some() {
                before
            } else if verb_final.is_some() {
                verb_final
            } else if after_quotation {
                None
            } else {
                self.content_after(units, looked, frame_end, class)
                    .or_else(|| {
                        parenthetical
                            .then(|| self.clause_span(units, 0, units.len()))
                            .flatten()
                    })
            };
            if let Some((s, e)) = content {
                attributed |= emit(found, s, e, Some(speaker));
            }
        }
        // A speech act with an infinitive clause: what it asks, promises or charges ("forderte
        // die Bürger auf, das Wasser abzukochen", "warf ihm vor, gelogen zu haben").
        if class == VerbClass::Act && !attributed && quote_before(units, frame_start).is_none() {
            if let Some((s, e)) = self.content_after(units, looked, frame_end, class) {
                attributed |= emit(found, s, e, Some(speaker));
            }
        }
        // A speech act reported without its words ("Die Gewerkschaft forderte höhere Löhne",
        // "the league denounced the rhetoric"): what it says is the rest of its clause, a
        // version of the statement like any paraphrase.
        if class == VerbClass::Act
            && !attributed
            && !inverted
            && (0..np.0).all(|k| !units[k].is_word())
            && units[frame_end..].iter().all(|w| w.quote().is_none())
        {
            let end = self.content_end(units, looked, frame_end);
            let words = units[frame_end..end].iter().filter(|w| w.is_word()).count();
            if words >= MIN_ACT_WORDS {
                if let Some((s, e)) = self.clause_span(units, frame_end, end) {
                    attributed |= emit(found, s, e, Some(speaker));
                }
            }
        }
        attributed.then_some(speaker)
    }

    /// Whether nothing but a short adverbial follows unit `k` to the sentence's end
    /// ("…, sagte Lindner nach dem Treffen.").
    fn closes_sentence(&self, units: &[W], k: usize, most: usize) -> bool {
        let rest = &units[k.min(units.len())..];
        let words = rest.iter().filter(|w| w.is_word()).count();
        rest.iter().all(|w| w.quote().is_none() && !is_comma(w)) && words <= most
    }

    /// Whether a left phrase is a single fronted word that is not a speaker ("Zudem",
    /// "Gestern", "Daraufhin").
    fn fronted_adverbial(&self, looked: &[Looked], (a, b): (usize, usize)) -> bool {
        if b - a != 1 || a != 0 {
            return false;
        }
        !looked[a]
            .entry
            .is(flag::PRONOUN | flag::SPEAKER_HEAD | flag::DETERMINER)
    }

    /// Whether a left phrase opening the sentence is an adverbial or a prepositional phrase,
    /// not a subject, by its first word: a function word that is not a determiner, pronoun or
    /// name link ("Dann", "Später", "Gegenüber der Zeitung", "Nach der Sitzung"), or, where
    /// nouns are capitalized, a word the lexicon knows but not as a noun ("Gestern").
    fn fronted_phrase(&self, units: &[W], looked: &[Looked], (a, b): (usize, usize)) -> bool {
        let w = &units[a];
        if a != 0 {
            // Where nouns are capitalized (German, whose verb comes second), a phrase that
            // a preposition opening the sentence leads into is the one constituent before the
            // verb ("Um 10 Uhr meldete die Agentur …", "Unter Berufung auf Quellen gab die
            // Zeitung an …").
            return self.capitalized_nouns
                && self.opens_with_preposition(units, looked, 0)
                && (1..a).all(|k| {
                    (units[k].is_word() || units[k].is_punct('.') || units[k].is_punct(':'))
                        && looked[k].entry.verb.is_none()
                });
        }
        if self.opens_with_preposition(units, looked, a) {
            return true;
        }
        // "Des Weiteren": a determiner before words that are no nouns.
        if self.capitalized_nouns && looked[a].entry.is(flag::DETERMINER) && b > a + 1 {
            return (a + 1..b)
                .filter(|&k| units[k].is_word())
                .all(|k| self.no_noun(&units[k].lower));
        }
        if looked[a]
            .entry
            .is(flag::PRONOUN | flag::SPEAKER_HEAD | flag::DETERMINER | flag::LINK)
        {
            return false;
        }
        self.analyzer.is_stopword(&w.lower) || (self.capitalized_nouns && self.no_noun(&w.lower))
    }

    /// Whether the phrase at `a` opens with a preposition: one that also links names ("von",
    /// "zum") only before a lowercase word ("Zum neuen Fahrplan sagte …"), since "Von der
    /// Leyen" is a name.
    fn opens_with_preposition(&self, units: &[W], looked: &[Looked], a: usize) -> bool {
        let entry = looked[a].entry;
        if !units[a].is_word() || !entry.is(flag::PREPOSITION) {
            return false;
        }
        !entry.is(flag::LINK)
            || units.get(a + 1).is_some_and(|n| {
                n.is_word() && !n.is_cap() && !looked[a + 1].entry.is(flag::DETERMINER)
            })
    }

    /// Whether the lexicon knows the word, and never as a noun.
    fn no_noun(&self, lower: &str) -> bool {
        self.every_sense(lower, |pos| pos != crate::lexicon::NOUN)
    }

    /// Whether the phrase at `k` opens with a determiner or a role ("der Kanzler", "minister"):
    /// a subject after its verb, not a name that could be the object.
    fn opens_description(&self, units: &[W], looked: &[Looked], k: usize) -> bool {
        units[k].is_word()
            && looked[k]
                .entry
                .is(flag::DETERMINER | flag::SPEAKER_HEAD | flag::PRONOUN)
    }

    /// The reported clause after a frame ending at `k`.
    fn content_after(
        &self,
        units: &[W],
        looked: &[Looked],
        mut k: usize,
        class: VerbClass,
    ) -> Option<(usize, usize)> {
        // Reported speech in the reportive mood needs no complementizer after any verb
        // of saying, telling or thinking ("meinte, er werde …", "erklärte hingegen,
        // damit solle …").
        let reportive_clause = |from: usize| {
            units[from.min(units.len())..]
                .iter()
                .zip(&looked[from.min(units.len())..])
                .take_while(|(w, _)| !is_stop_punct(w) && !is_comma(w))
                .take(5)
                .any(|(_, l)| l.entry.is(flag::REPORTIVE))
        };
        // An infinitive clause set off by a comma, after an addressee or an object ("kündigte
        // an, ab Mittwoch zu streiken", "forderte die Bürger auf, das Wasser abzukochen").
        if class != VerbClass::Describe {
            if let Some(c) = self.infinitive_after(units, looked, k) {
                let end = self.content_end(units, looked, c);
                return self.clause_span(units, c, end);
            }
        }
        if class == VerbClass::Act {
            return None;
        }
        // A complementizer within reach (after an addressee or an adverbial).
        let reach = units.len().min(k + 8);
        let complementizer = (k..reach)
            .take_while(|&j| units[j].quote().is_none() && !is_stop_punct(&units[j]))
            .find(|&j| looked[j].entry.is(flag::COMPLEMENTIZER));
        if let Some(c) = complementizer {
            k = c + 1;
        } else {
            let class = match class {
                VerbClass::Tell | VerbClass::Think => {
                    let comma = (k..units.len().min(k + 7))
                        .take_while(|&j| units[j].quote().is_none() && !is_stop_punct(&units[j]))
                        .find(|&j| is_comma(&units[j]));
                    if comma.is_some_and(|c| reportive_clause(c + 1)) {
                        VerbClass::Say
                    } else {
                        class
                    }
                }
                _ => class,
            };
            match class {
                VerbClass::Say => {
                    // "sagte nach dem Treffen, die Gespräche …": past a short adverbial, or
                    // where the clause must be set off, past the agent and an adverbial
                    // ("erklärte der Direktor der Behörde am Montag in Wien, …").
                    let reach = if self.comma_before_clause { 15 } else { 7 };
                    let comma = (k..units.len().min(k + reach))
                        .take_while(|&j| units[j].quote().is_none() && !is_stop_punct(&units[j]))
                        .find(|&j| is_comma(&units[j]) || is_colon(&units[j]));
                    match comma {
                        Some(c) => k = c + 1,
                        None if !self.comma_before_clause
                            && units.get(k).is_some_and(|w| w.is_word()) => {}
                        None => return None,
                    }
                }
                VerbClass::Describe => {}
                _ => return None,
            }
        }
        if units.get(k).is_none_or(|w| w.quote().is_some()) {
            return None;
        }
        // Without a complementizer, the clause opens with its subject: a determiner, a
        // pronoun, a name or a number ("said the talks…", "sagte, er werde…"), not an
        // adverbial ("said so after…", "said, referring to…").
        let as_clause = (0..k).any(|j| looked[j].entry.is(flag::AS));
        if class == VerbClass::Describe && cues::is_preposition(&units[k].lower) {
            return None; // "called on the West to …": a speech act
        }
        if complementizer.is_none() && !as_clause && class == VerbClass::Say {
            let w = &units[k];
            let entry = looked[k].entry;
            let subject = (w.is_cap()
                || is_han(w)
                || reportive_clause(k)
                || entry.is(flag::DETERMINER | flag::PRONOUN | flag::SPEAKER_HEAD)
                || w.lower.chars().next().is_some_and(char::is_numeric))
                && !cues::is_preposition(&w.lower);
            if !subject {
                return None;
            }
        }
        let end = self.content_end(units, looked, k);
        self.clause_span(units, k, end)
    }

    /// Where an infinitive clause set off by a comma opens after a verb that ends at unit `k`:
    /// the comma comes within reach, before any quotation, verb or end of sentence, and the
    /// words after it, up to the next comma, close on a marked infinitive ("zu streiken",
    /// "spioniert zu haben", "anzuerkennen").
    fn infinitive_after(&self, units: &[W], looked: &[Looked], k: usize) -> Option<usize> {
        let reach = units.len().min(k + 15);
        let comma = (k..reach)
            .take_while(|&j| {
                units[j].quote().is_none()
                    && !is_stop_punct(&units[j])
                    && (j == k || looked[j].entry.verb.is_none())
            })
            .find(|&j| is_comma(&units[j]))?;
        let from = comma + 1;
        let end = (from..units.len())
            .find(|&j| matches!(units[j].unit, Unit::Punct(_)) && !self.glued_hyphen(units, j))
            .unwrap_or(units.len());
        let words: Vec<usize> = (from..end).filter(|&j| units[j].is_word()).collect();
        let &[.., before, last] = words.as_slice() else {
            return None;
        };
        let w = &units[last];
        let marked = looked[before].entry.is(flag::INFINITIVE) && !units[before].is_cap()
            || self.cues.is_infixed_infinitive(&w.lower, self.active);
        (marked && !w.is_cap()).then_some(from)
    }

    /// Where a reported clause starting at `k` ends: the sentence's end, a semicolon, or an
    /// attribution placed after it (", said X").
    #[allow(
        clippy::needless_range_loop,
        reason = "the loop looks ahead of its index"
    )]
    fn content_end(&self, units: &[W], looked: &[Looked], k: usize) -> usize {
        for j in k..units.len() {
            if units[j].is_punct(';') {
                return j;
            }
            if is_comma(&units[j]) {
                let next = j + 1;
                let verb_next = |m: usize| looked.get(m).is_some_and(|l| l.entry.verb.is_some());
                let aux_next = |m: usize| looked.get(m).is_some_and(|l| l.entry.is(flag::AUX));
                if verb_next(next) || (aux_next(next) && verb_next(next + 1)) {
                    return j;
                }
            }
        }
        units.len()
    }

    /// The byte span of units `[s, e)` as a reported clause: trimmed of punctuation, at least
    /// [`MIN_CLAUSE_WORDS`] words, and not mostly a quotation (that is the quotation itself).
    fn clause_span(&self, units: &[W], s: usize, e: usize) -> Option<(usize, usize)> {
        let mut s = s;
        let mut e = e.min(units.len());
        while s < e && matches!(units[s].unit, Unit::Punct(_)) {
            s += 1;
        }
        while e > s && matches!(units[e - 1].unit, Unit::Punct(_)) {
            e -= 1;
        }
        if s >= e {
            return None;
        }
        let words = units[s..e].iter().filter(|w| w.is_word()).count();
        let han = units[s..e].iter().any(is_han);
        if words < MIN_CLAUSE_WORDS * if han { 2 } else { 1 } {
            return None;
        }
        let quoted: usize = units[s..e]
            .iter()
            .filter(|w| w.quote().is_some())
            .map(|w| self.text[w.start..w.end].split_whitespace().count().max(1))
            .sum();
        if quoted > 0 && 2 * quoted >= words + quoted {
            return None;
        }
        Some((units[s].start, units[e - 1].end))
    }

    /// A noun phrase ending just before unit `end`.
    fn np_left(&self, units: &[W], looked: &[Looked], end: usize) -> Option<(usize, usize)> {
        let mut e = end;
        // Adverbs between a subject and its verb ("Lavrov also said").
        while e > 0
            && units[e - 1].is_word()
            && !units[e - 1].is_cap()
            && cues::is_skippable_before_verb(&units[e - 1].lower)
        {
            e -= 1;
        }
        if e == 0 || !units[e - 1].is_word() && !units[e - 1].is_punct(')') {
            return None;
        }
        let last = &units[e - 1];
        let last_entry = looked[e - 1].entry;
        if last.is_word() && last_entry.is(flag::PRONOUN) {
            return Some((e - 1, e));
        }
        // A demonstrative standing alone for a person ("Diese bestätigte, …").
        if last_entry.is(flag::DETERMINER) && (e == 1 || !units[e - 2].is_word()) && e == end {
            return Some((e - 1, e));
        }
        let mut a = e;
        let mut head_seen = false;
        while a > 0 && e - a < MAX_NP {
            let k = a - 1;
            let w = &units[k];
            let entry = looked[k].entry;
            if w.is_punct(')') {
                // A short parenthetical: "(R-Utah)", "(SPD)".
                match (k.saturating_sub(6)..k)
                    .rev()
                    .find(|&m| units[m].is_punct('('))
                {
                    Some(open) if open > 0 => {
                        a = open;
                        continue;
                    }
                    _ => break,
                }
            }
            if self.glued_hyphen(units, k)
                || (w.is_punct('.') && k > 0 && units[k - 1].end == w.start)
            {
                a = k;
                continue;
            }
            if !w.is_word() {
                break;
            }
            if entry.verb.is_some()
                || entry.is(flag::COMPLEMENTIZER | flag::ACCORDING | flag::AS | flag::AUX)
            {
                break;
            }
            if entry.is(flag::DETERMINER) && !entry.is(flag::PRONOUN) {
                a = k;
                // A determiner opens the phrase, unless the phrase goes on before it as a
                // genitive or a prepositional chain ("der Sprecher der Polizei", "le chef de
                // la diplomatie", "de woordvoerder van de politie").
                let chained = k > 0
                    && units[k - 1].is_word()
                    && (looked[k - 1].entry.is(flag::LINK)
                        || (entry.is(flag::LINK)
                            && (units[k - 1].is_cap()
                                || looked[k - 1].entry.is(flag::SPEAKER_HEAD))));
                if chained {
                    continue;
                }
                break;
            }
            let inner_link = entry.is(flag::LINK)
                && k > 0
                && a < e
                && (units[k - 1].is_cap()
                    || looked[k - 1].entry.is(flag::SPEAKER_HEAD)
                    || (units[k - 1].is_word() && !self.analyzer.is_stopword(&units[k - 1].lower)));
            // A lowercase noun the lexicon knows as people is a head right before the verb
            // ("…, engineers said, …").
            let agent_head = a == e && !w.is_cap() && self.names_agent(w);
            if w.is_cap()
                || entry.is(flag::SPEAKER_HEAD | flag::DEMONYM)
                || inner_link
                || agent_head
            {
                a = k;
                head_seen = true;
                continue;
            }
            // A lowercase head noun right before the verb ("the New York businessman"), or an
            // adjective inside the phrase: only if a determiner or a capitalized word opens it.
            if !w.is_cap()
                && !self.analyzer.is_stopword(&w.lower)
                && self.cues.attributive(&w.lower, self.active)
                && e - a < 4
            {
                let opener = (k.saturating_sub(4)..k)
                    .rev()
                    .take_while(|&m| {
                        units[m].is_word()
                            && looked[m].entry.verb.is_none()
                            && (!self.analyzer.is_stopword(&units[m].lower)
                                || looked[m].entry.is(flag::DETERMINER | flag::LINK))
                    })
                    .find(|&m| looked[m].entry.is(flag::DETERMINER) || units[m].is_cap());
                if opener.is_some() && (a == e || head_seen || units[a].is_cap()) {
                    a = k;
                    continue;
                }
            }
            break;
        }
        if a >= e {
            return None;
        }
        // A phrase opened by a preposition is not a subject ("Am Montag sagte …", "Gegenüber
        // der Zeitung sagte …").
        if self.opens_with_preposition(units, looked, a) {
            return None;
        }
        if a > 0 && units[a - 1].is_word() {
            let prev = &units[a - 1];
            let prev_entry = looked[a - 1].entry;
            if (self.analyzer.is_stopword(&prev.lower) || prev_entry.is(flag::PREPOSITION))
                && !prev_entry.is(flag::DETERMINER
                    | flag::LINK
                    | flag::AS
                    | flag::COMPLEMENTIZER
                    | flag::AUX)
                && !matches!(prev.lower.as_str(), "and" | "und" | "et" | "y" | "e" | "и")
            {
                return self.head_before_preposition(units, looked, a - 1, e);
            }
        }
        self.plausible_np(units, looked, a, e).then_some((a, e))
    }

    /// A speaker described by a phrase after a preposition ("an aide familiar with the
    /// proposal", "a spokesman for the ministry", "people close to the mayor"): the head noun
    /// before the preposition `p`, after at most one adjective, if it names a speaker, with
    /// the determiner and adjectives that open its phrase at the start of a clause.
    fn head_before_preposition(
        &self,
        units: &[W],
        looked: &[Looked],
        p: usize,
        e: usize,
    ) -> Option<(usize, usize)> {
        if !looked[p].entry.is(flag::PREPOSITION) {
            return None;
        }
        let plain = |k: usize| {
            units[k].is_word()
                && !units[k].is_cap()
                && !self.analyzer.is_stopword(&units[k].lower)
                && looked[k].entry.verb.is_none()
                && !looked[k].entry.is(flag::SPEAKER_HEAD | flag::PRONOUN)
        };
        let names =
            |k: usize| looked[k].entry.is(flag::SPEAKER_HEAD) || self.names_agent(&units[k]);
        let mut head = p.checked_sub(1)?;
        if plain(head) && head > 0 && units[head - 1].is_word() && names(head - 1) {
            head -= 1; // "familiar", "close"
        }
        let w = &units[head];
        if !w.is_word() || (w.is_cap() && head > 0) || !names(head) {
            return None;
        }
        let mut a = head;
        while a > 0
            && e - a < MAX_NP
            && units[a - 1].is_word()
            && (looked[a - 1].entry.is(flag::DETERMINER) || plain(a - 1))
        {
            a -= 1;
        }
        let opens = a == 0
            || !units[a - 1].is_word()
            || self.analyzer.is_stopword(&units[a - 1].lower)
                && !looked[a - 1].entry.is(flag::PREPOSITION);
        opens.then_some((a, e))
    }

    /// Chinese: the characters before the verb, back to punctuation, at most 15.
    fn han_np_left(&self, units: &[W], looked: &[Looked], end: usize) -> Option<(usize, usize)> {
        let mut a = end;
        while a > 0 && end - a < 15 && is_han(&units[a - 1]) {
            if looked[a - 1].entry.is(flag::ACCORDING) {
                break;
            }
            a -= 1;
        }
        (end - a >= 1).then_some((a, end))
    }

    /// A noun phrase starting at unit `start` (a speaker placed after its verb).
    fn np_right(&self, units: &[W], looked: &[Looked], start: usize) -> Option<(usize, usize)> {
        // A reflexive pronoun of the verb comes first ("erinnerte sich Trotnow").
        let start = if units.get(start).is_some_and(W::is_word)
            && looked[start].entry.is(flag::REFLEXIVE)
        {
            start + 1
        } else {
            start
        };
        let mut k = start;
        // "«…», — заявил Лавров": no punctuation here, but a dash may follow a verb in
        // some styles; a speaker after a verb starts right after it.
        let first = units.get(k)?;
        if !first.is_word() {
            return None;
        }
        if looked[k].entry.is(flag::PRONOUN) && !first.is_cap() {
            // The pronoun ends the phrase before punctuation, a complementizer, a
            // preposition or, where nouns are capitalized, a lowercase word that is no noun
            // ("erklärten sie in einer Mitteilung", "sagte er später"); not before an object
            // ("sagte sie die Wahrheit") or the verb of a clause ("said he could …").
            let closes = units.get(k + 1).is_none_or(|n| {
                let entry = looked[k + 1].entry;
                !n.is_word()
                    || entry.is(flag::COMPLEMENTIZER | flag::PREPOSITION)
                    || (self.capitalized_nouns
                        && !n.is_cap()
                        && entry.verb.is_none()
                        && !entry.is(flag::DETERMINER | flag::PRONOUN | flag::AUX)
                        && self.no_noun(&n.lower))
            });
            return closes.then_some((k, k + 1));
        }
        let mut last_head = None;
        while k < units.len() && k - start < MAX_NP {
            let w = &units[k];
            let entry = looked[k].entry;
            if self.glued_hyphen(units, k)
                || (w.is_punct('.') && k > 0 && units[k - 1].end == w.start)
            {
                k += 1;
                continue;
            }
            if w.is_punct('(') {
                match (k + 1..units.len().min(k + 7)).find(|&m| units[m].is_punct(')')) {
                    Some(close) if last_head.is_some() => {
                        k = close + 1;
                        last_head = Some(k);
                        continue;
                    }
                    _ => break,
                }
            }
            if !w.is_word() {
                break;
            }
            if entry.verb.is_some() && k > start
                || entry.is(flag::COMPLEMENTIZER | flag::ACCORDING | flag::AS)
            {
                break;
            }
            if entry.is(flag::DETERMINER) && !entry.is(flag::PRONOUN) {
                if k > start && !looked[k - 1].entry.is(flag::LINK) && last_head.is_some() {
                    // "sagte der Minister der Zeitung": a second phrase begins.
                    break;
                }
                k += 1;
                continue;
            }
            if w.is_cap() || entry.is(flag::SPEAKER_HEAD | flag::DEMONYM) {
                k += 1;
                last_head = Some(k);
                continue;
            }
            if entry.is(flag::LINK) && last_head.is_some() {
                k += 1;
                continue;
            }
            // A lowercase adjective before a head ("der zuständige Staatsanwalt").
            let next_is_head = units.get(k + 1).is_some_and(|n| {
                n.is_word() && (n.is_cap() || looked[k + 1].entry.is(flag::SPEAKER_HEAD))
            });
            if next_is_head
                && !self.analyzer.is_stopword(&w.lower)
                && self.cues.attributive(&w.lower, self.active)
                && !self.only_a_verb(&w.lower)
            {
                k += 1;
                continue;
            }
            break;
        }
        let end = last_head?;
        self.plausible_np(units, looked, start, end)
            .then_some((start, end))
    }

    /// The agent a sentence opens with, as its subject: a noun phrase at its start whose head
    /// is a name, a role or a noun the lexicon knows as a person or organization ("Der Vorstand",
    /// "Die Staatsanwaltschaft", "Vertreter der Gewerkschaft"), not any capitalized noun ("Der
    /// Umbau"), resolved to an entity of the article.
    fn subject_agent(&mut self, units: &[W], entities: &mut Entities) -> Option<Attribution> {
        let looked = self.look(units);
        self.agent_at(units, &looked, 0, entities)
    }

    /// The agent whose noun phrase starts at unit `start` (see [`Frames::subject_agent`]).
    fn agent_at(
        &mut self,
        units: &[W],
        looked: &[Looked],
        start: usize,
        entities: &mut Entities,
    ) -> Option<Attribution> {
        let (a, b) = self.np_right(units, looked, start)?;
        // A capitalized word unknown to the lexicon names someone only after a determiner or
        // another word ("Die Hafenbehörde", "Petra Holm") or when the article named them before:
        // first in a sentence it is as likely an adverb ("Überraschend", "Ebenfalls").
        let agent = (a..b).any(|k| {
            let w = &units[k];
            w.is_word()
                && !looked[k].entry.is(flag::DETERMINER)
                && (looked[k].entry.is(flag::SPEAKER_HEAD | flag::PRONOUN)
                    || (self.is_acronym(w) && !self.glued_hyphen(units, k + 1))
                    || self.names_agent(w)
                    || (self.is_name_token(units, looked, k, false)
                        && (k > 0 || entities.by_surname(&w.lower).is_some())))
        });
        if !agent {
            return None;
        }
        self.resolve(units, looked, a, b, entities)
    }

    /// Whether units `[a, b)` can name a speaker: a pronoun, a name, a role or another
    /// description of a speaker, not a date or a number.
    fn plausible_np(&self, units: &[W], looked: &[Looked], a: usize, b: usize) -> bool {
        let words: Vec<usize> = (a..b).filter(|&k| units[k].is_word()).collect();
        if words.is_empty() {
            return false;
        }
        if words.len() == 1 && looked[words[0]].entry.is(flag::PRONOUN | flag::DETERMINER) {
            return true;
        }
        // A day or a month is when, not who ("… published Wednesday said …").
        if words.iter().all(|&k| cues::is_time_word(&units[k].lower)) {
            return false;
        }
        // Where nouns are capitalized, a capitalized noun after a determiner heads a phrase
        // ("die Bahn", "ein örtlicher Mitarbeiter"); everywhere, so does an acronym ("TEPCO").
        let determined = looked[words[0]].entry.is(flag::DETERMINER);
        let head = words.iter().any(|&k| {
            looked[k].entry.is(flag::SPEAKER_HEAD)
                || self.is_name_token(units, looked, k, false)
                || (units[k].is_cap()
                    && !looked[k].entry.is(flag::DETERMINER)
                    && (!self.capitalized_nouns || (determined && k > words[0])))
                || self.is_acronym(&units[k])
                || self.names_agent(&units[k])
                || (units[k].is_cap() && self.surnames.binary_search(&units[k].lower).is_ok())
        });
        let numeric = words
            .iter()
            .all(|&k| units[k].lower.chars().all(|c| !c.is_alphabetic()));
        // A source of information speaks too ("neuen Studien zufolge", "Polizeiangaben").
        (head || self.names_a_source(units, a, b)) && !numeric
    }

    /// Resolves a phrase to an entity of the article.
    fn resolve(
        &mut self,
        units: &[W],
        looked: &[Looked],
        a: usize,
        b: usize,
        entities: &mut Entities,
    ) -> Option<Attribution> {
        let span = (units[a].start, units[b - 1].end);
        let attribution = |entity, cue| Attribution {
            entity,
            cue,
            start: span.0,
            end: span.1,
        };
        let words: Vec<usize> = (a..b).filter(|&k| units[k].is_word()).collect();
        if words.len() == 1 && looked[words[0]].entry.is(flag::PRONOUN | flag::DETERMINER) {
            // A pronoun nobody named before still marks speech: its speaker is the pronoun.
            let entity = match self.last_person {
                Some(entity) => entity,
                None if looked[words[0]].entry.is(flag::PRONOUN) => {
                    entities.other(SpeakerKind::Person, &self.text[span.0..span.1], span.0)
                }
                None => return None,
            };
            return Some(attribution(entity, Cue::Pronoun));
        }
        let text = self.text[span.0..span.1]
            .trim_end_matches(['’', '\''])
            .to_string();
        if is_han(&units[a]) {
            // A known name inside the run, else a role and the name after it, else the run.
            let entity = self
                .han_known(units, looked, a, b, entities)
                .or_else(|| {
                    self.han_name(units, looked, a, b).map(|(s, e)| {
                        let name = &self.text[units[s].start..units[e - 1].end];
                        let titles = self.titles(units, looked, a, s);
                        entities.person(name, name, &titles, span.0)
                    })
                })
                .unwrap_or_else(|| entities.other(SpeakerKind::Person, &text, span.0));
            if entities.kind(entity) == SpeakerKind::Person {
                self.last_person = Some(entity);
            }
            return Some(attribution(entity, Cue::Explicit));
        }
        // The name is the last run of name tokens that names someone: not a department after
        // a link ("la ministra de Defensa", "Sifton von Human Rights Watch"), not a word that
        // a role follows ("Trump lawyer Marc Kasowitz", "Ponadto minister"). Title words that
        // open a run are titles ("Secretary of State Antony Blinken").
        let flags = words.iter().fold(0, |f, &k| f | looked[k].entry.flags);
        let mut name: Option<(usize, usize)> = None;
        let mut k = a;
        while k < b {
            if !self.is_name_token(units, looked, k, true) {
                k += 1;
                continue;
            }
            let run_start = k;
            let mut e = k;
            while e < b
                && (self.is_name_token(units, looked, e, true)
                    || (self.glued_hyphen(units, e)
                        && self.is_name_token(units, looked, e + 1, true)))
            {
                e += 1;
            }
            let mut s0 = run_start;
            while s0 < e
                && (cues::is_title_word(&units[s0].lower)
                    || (e - s0 >= 3 && self.is_common_word(&units[s0].lower)))
            {
                s0 += 1;
            }
            // "Министр иностранных дел России Сергей Лавров": after a role's lowercase
            // complement, the first capitalized word of three still belongs to it.
            let complement = s0 == run_start
                && e - s0 >= 3
                && s0 > a
                && units[s0 - 1].is_word()
                && !units[s0 - 1].is_cap()
                && !looked[s0 - 1].entry.is(flag::ROLE | flag::LINK)
                && (a..s0).any(|m| looked[m].entry.is(flag::ROLE));
            if complement {
                s0 += 1;
            }
            let after_link = run_start > a
                && units[run_start - 1].is_word()
                && looked[run_start - 1].entry.is(flag::LINK)
                && s0 == run_start;
            let role_follows = (e..b).any(|m| {
                units[m].is_word()
                    && !units[m].is_cap()
                    && looked[m].entry.is(flag::ROLE)
                    && (m + 1..b).any(|n| self.is_name_token(units, looked, n, true))
            });
            if s0 < e
                && !after_link
                && !role_follows
                && (s0..e).all(|m| self.named(units, looked, a, m))
            {
                name = Some((s0, e));
            }
            k = e;
        }
        let kind_of = |flags: u32| {
            if flags & flag::PUBLICATION != 0 {
                Some(SpeakerKind::Publication)
            } else if flags & flag::ORGANIZATION != 0 {
                Some(SpeakerKind::Organization)
            } else if flags & flag::GROUP != 0 {
                Some(SpeakerKind::Group)
            } else {
                None
            }
        };
        if let Some((s, e)) = name {
            let body_flags = (s..e).fold(0, |f, k| f | looked[k].entry.flags);
            let english_kind = (s..e).any(|k| {
                cues::is_organization_word(&units[k].lower)
                    || cues::is_publication_word(&units[k].lower)
            });
            if kind_of(body_flags).is_none() && !english_kind {
                let name =
                    strip_possessive(&self.text[units[s].start..units[e - 1].end]).to_string();
                let titles = self.titles(units, looked, a, s);
                let entity = entities.person(&name, &units[e - 1].lower, &titles, span.0);
                self.last_person = Some(entity);
                return Some(attribution(entity, Cue::Explicit));
            }
        }
        // A role with its organization is a person ("der Sprecher der Polizei").
        if flags & flag::ROLE == 0 {
            if let Some(kind) = kind_of(flags) {
                let entity = entities.other(kind, &text, span.0);
                return Some(attribution(entity, Cue::Explicit));
            }
        }
        // A role: the person last named with a title ending in its head.
        let role_head = words
            .iter()
            .rev()
            .find(|&&k| looked[k].entry.is(flag::ROLE))
            .map(|&k| units[k].lower.clone());
        if let Some(head) = role_head {
            let entity = entities
                .by_title_suffix(&head)
                .unwrap_or_else(|| entities.other(SpeakerKind::Person, &text, span.0));
            if entities.kind(entity) == SpeakerKind::Person {
                self.last_person = Some(entity);
            }
            return Some(attribution(entity, Cue::Explicit));
        }
        // A surname the article has already named.
        if let Some(entity) = words
            .iter()
            .rev()
            .find_map(|&k| entities.by_surname(&units[k].lower))
        {
            self.last_person = Some(entity);
            return Some(attribution(entity, Cue::Explicit));
        }
        let entity = entities.other(SpeakerKind::Organization, &text, span.0);
        Some(attribution(entity, Cue::Explicit))
    }

    /// Whether a name token at `k` in a phrase starting at `a` is a name: in a language that
    /// capitalizes nouns, a capitalized common word is one only after a title or role, or
    /// before a surname.
    fn named(&self, units: &[W], looked: &[Looked], a: usize, k: usize) -> bool {
        if !self.capitalized_nouns || !self.is_common_word(&units[k].lower) {
            return true;
        }
        // After a title or role, or as a first name before a surname that is no common word
        // ("Karl Huber"), not a noun before a name in the genitive ("Worte Armstrongs").
        (a..k).any(|m| looked[m].entry.is(flag::ROLE))
            || units.get(k + 1).is_some_and(|n| {
                units[k].end < n.start
                    && self.is_name_token(units, looked, k + 1, true)
                    && !self.is_common_word(&n.lower)
                    && !n.lower.ends_with('s')
            })
    }

    fn han_known(
        &self,
        units: &[W],
        _looked: &[Looked],
        a: usize,
        b: usize,
        entities: &Entities,
    ) -> Option<usize> {
        let run = &self.text[units[a].start..units[b - 1].end];
        entities.find_in(run)
    }

    /// "According to X, …", "…, selon X.", "据X报道，…".
    fn according_to(
        &mut self,
        units: &[W],
        looked: &[Looked],
        i: usize,
        entities: &mut Entities,
        direct: &mut [Option<Attribution>],
        found: &mut Vec<Found>,
    ) -> Option<Attribution> {
        let postposed = i > 0 && is_joining_punct(&units[i - 1]);
        if looked[i].entry.is(flag::AFTER_COMMA) && !postposed {
            return None;
        }
        let mut np_start = i + looked[i].len.max(1);
        // "…, so der Minister", "…, so Wieland", "…, so schätzen die Forscher": a speaker
        // after the marker (and a reporting verb) opens with a determiner or a capitalized
        // word; "…, so dass …", "…, so auch in …" name nobody.
        if looked[i].entry.is(flag::AFTER_COMMA)
            && looked.get(np_start).is_some_and(|l| {
                units[np_start].is_word()
                    && !units[np_start].is_cap()
                    && (l.entry.verb.is_some() || self.only_a_verb(&units[np_start].lower))
            })
        {
            np_start += 1;
        }
        if looked[i].entry.is(flag::AFTER_COMMA)
            && !units
                .get(np_start)
                .is_some_and(|u| u.is_cap() || looked[np_start].entry.is(flag::DETERMINER))
        {
            return None;
        }
        let np = if is_han(&units[i]) {
            // 据X报道: up to the closing word.
            let close = (np_start..units.len().min(np_start + 20))
                .find(|&k| looked[k].entry.is(flag::ACCORDING_AFTER) || !is_han(&units[k]))?;
            (close > np_start).then_some((np_start, close))
        } else {
            self.np_right(units, looked, np_start)
                .or_else(|| self.np_any(units, np_start))
        }?;
        let speaker = self.resolve(units, looked, np.0, np.1, entities)?;
        let speaker = Attribution {
            cue: Cue::AccordingTo,
            ..speaker
        };
        let mut after = np.1;
        if let Some(l) = looked
            .get(after)
            .filter(|l| l.entry.is(flag::ACCORDING_AFTER))
        {
            after += l.len.max(1);
        }
        let opens = i == 0 || !units[i - 1].is_word();
        // A clause with a reporting verb of its own is that verb's to report; "according to"
        // names only where it was read ("X called on …, according to a report").
        let own_verb = |from: usize, to: usize| {
            (from..to).any(|k| looked[k].entry.verb.is_some() && self.verb_position(units, k))
        };
        let span = if postposed {
            if own_verb(0, i) {
                return None;
            }
            self.clause_span(units, 0, i - 1)
        } else if opens {
            let end = self.content_end(units, looked, after);
            self.clause_span(units, after, end)
        } else {
            // Inside a clause ("kommen laut Ergebnis auf 194 Sitze"): the whole sentence.
            self.clause_span(units, 0, units.len())
        };
        if let Some(q) = quote_after(units, after) {
            give(direct, q, speaker);
        }
        if postposed {
            // "„…“, so Wieland."
            if let Some(q) = quote_before(units, i) {
                give(direct, q, speaker);
            }
        }
        let (s, e) = span?;
        if !emit(found, s, e, Some(speaker)) {
            return None;
        }
        Some(speaker)
    }

    /// An impersonal phrase of saying at `i` ("heißt es"): its source is the prepositional
    /// phrase after it ("„…“, heißt es in einer Mitteilung der Feuerwehr") or opening the
    /// sentence before it ("Im Bericht der Kommission heißt es: „…“"); what it says, the
    /// quotation before or after it, or the clause after its comma ("Es heißt, die
    /// Entscheidung falle im Herbst": reported, its source unnamed).
    fn impersonal(
        &mut self,
        units: &[W],
        looked: &[Looked],
        i: usize,
        entities: &mut Entities,
        direct: &mut [Option<Attribution>],
        found: &mut Vec<Found>,
    ) -> Option<Attribution> {
        let after = i + looked[i].len.max(1);
        let preposition = |k: usize| {
            units.get(k).is_some_and(W::is_word) && looked[k].entry.is(flag::PREPOSITION)
        };
        // The whole phrase with its genitives ("einer Mitteilung der Feuerwehr").
        let genitives = |(a, mut b): (usize, usize)| {
            while b + 1 < units.len()
                && units[b].is_word()
                && !units[b].is_cap()
                && looked[b].entry.is(flag::DETERMINER)
                && units[b + 1].is_cap()
            {
                b += 2;
                while b < units.len() && units[b].is_cap() {
                    b += 1;
                }
            }
            (a, b)
        };
        let source = if preposition(after) {
            self.np_any(units, after + 1).map(genitives)
        } else if i > 1 && preposition(0) {
            // Everything between the preposition and the phrase.
            let words = (1..i).all(|k| units[k].is_word() || self.glued_hyphen(units, k));
            (words && i - 1 <= MAX_NP && (1..i).any(|k| units[k].is_cap())).then_some((1, i))
        } else {
            None
        };
        // A source of information, an agent or a name, not any noun ("zum Ende").
        let speaks = |(a, b): (usize, usize)| {
            self.names_a_source(units, a, b)
                || (a..b).any(|k| {
                    units[k].is_word()
                        && (looked[k].entry.is(flag::SPEAKER_HEAD)
                            || self.is_acronym(&units[k])
                            || self.names_agent(&units[k])
                            || self.is_name_token(units, looked, k, false))
                })
        };
        let speaker = source
            .filter(|&np| speaks(np))
            .and_then(|(a, b)| self.resolve(units, looked, a, b, entities))
            .map(|s| Attribution {
                cue: Cue::AccordingTo,
                ..s
            });
        let frame_end = source.map_or(after, |(_, b)| b.max(after));
        let mut attributed = false;
        if let Some(speaker) = speaker {
            if let Some(q) = quote_before(units, i) {
                attributed |= give(direct, q, speaker);
            }
            if let Some(q) = quote_after(units, frame_end) {
                attributed |= give(direct, q, speaker);
            }
        }
        if i > 0 && is_joining_punct(&units[i - 1]) && quote_before(units, i).is_none() {
            // "Die Gespräche seien offen gewesen, hieß es": the clause before.
            if let Some((s, e)) = self.clause_span(units, 0, i - 1) {
                attributed |= emit(found, s, e, speaker);
            }
        } else if units.get(frame_end).is_some_and(is_comma) {
            let end = self.content_end(units, looked, frame_end + 1);
            if let Some((s, e)) = self.clause_span(units, frame_end + 1, end) {
                attributed |= emit(found, s, e, speaker);
            }
        }
        speaker.filter(|_| attributed)
    }

    /// After "according to", any source will do ("laut vorläufigem Ergebnis"): the words up
    /// to the last capitalized one before punctuation or a lowercase word that no capitalized
    /// word follows.
    fn np_any(&self, units: &[W], start: usize) -> Option<(usize, usize)> {
        let reach = units.len().min(start + 7);
        if let Some(comma) = (start..reach)
            .take_while(|&k| {
                units[k].is_word() || is_comma(&units[k]) || self.glued_hyphen(units, k)
            })
            .find(|&k| is_comma(&units[k]))
        {
            return (comma > start).then_some((start, comma));
        }
        if !units.get(start)?.is_word() {
            return None;
        }
        // Capitalized words, and the attributive adjectives before them ("ersten offiziellen
        // Schätzungen", "den neuesten Prognosen").
        let mut end = start + 1;
        while end < reach
            && (units[end].is_cap()
                || self.glued_hyphen(units, end)
                || (units[end].is_word()
                    && units.get(end + 1).is_some_and(|n| n.is_cap())
                    && !self.analyzer.is_stopword(&units[end].lower)
                    && self.cues.attributive(&units[end].lower, self.active)))
        {
            end += 1;
        }
        Some((start, end))
    }

    /// "Nach Polizeiangaben wurden …", "nach einem Bericht des Senders": a source of
    /// information after the word, and the rest of the sentence (or, inside a clause, all of
    /// it) reported from it.
    fn according_to_source(
        &mut self,
        units: &[W],
        looked: &[Looked],
        i: usize,
        entities: &mut Entities,
        found: &mut Vec<Found>,
    ) -> Option<Attribution> {
        let np = self.np_any(units, i + 1)?;
        if !self.names_a_source(units, np.0, np.0 + (np.1 - np.0).min(4)) {
            return None;
        }
        // The phrase runs on through a genitive ("des arabischen Senders Al-Dschasira").
        let mut end = np.1;
        while end < units.len()
            && end < np.1 + 6
            && units[end].is_word()
            && (units[end].is_cap() || looked[end].entry.is(flag::DETERMINER | flag::LINK))
        {
            end += 1;
        }
        let speaker = self
            .resolve(units, looked, np.0, end, entities)
            .map(|a| Attribution {
                cue: Cue::AccordingTo,
                ..a
            });
        let opens = i == 0 || !units[i - 1].is_word();
        let (from, to) = if opens {
            (end, self.content_end(units, looked, end))
        } else {
            (0, units.len())
        };
        let (s, e) = self.clause_span(units, from, to)?;
        if !emit(found, s, e, speaker) {
            return None;
        }
        speaker
    }

    /// Whether units `[a, b)` hold a noun naming a source of information.
    fn names_a_source(&self, units: &[W], a: usize, b: usize) -> bool {
        units[a..b]
            .iter()
            .any(|w| w.is_word() && self.cues.is_source_noun(&w.lower, self.active))
    }

    /// A phrase ending before unit `end` whose head names a source of information, with the
    /// determiner and adjectives before it ("Vorläufigen Angaben", "den frühen Berichten"),
    /// which names no speaker but is a source all the same.
    fn source_np_left(&self, units: &[W], looked: &[Looked], end: usize) -> Option<(usize, usize)> {
        let head = end.checked_sub(1)?;
        if !units[head].is_word() || !self.cues.is_source_noun(&units[head].lower, self.active) {
            return None;
        }
        let mut a = head;
        while a > 0 && head - a < 3 {
            let (w, entry) = (&units[a - 1], looked[a - 1].entry);
            if !w.is_word() {
                break;
            }
            if entry.is(flag::DETERMINER) && !entry.is(flag::PRONOUN) {
                a -= 1;
                break;
            }
            if entry.verb.is_some()
                || entry.is(flag::PREPOSITION | flag::AUX | flag::COMPLEMENTIZER)
                || !self.cues.attributive(&w.lower, self.active)
            {
                break;
            }
            a -= 1;
        }
        Some((a, end))
    }

    /// "Dem Minister zufolge, …", "Bakana göre …": the speaker before a postposition.
    fn according_after(
        &mut self,
        units: &[W],
        looked: &[Looked],
        i: usize,
        entities: &mut Entities,
        found: &mut Vec<Found>,
    ) -> Option<Attribution> {
        if is_han(&units[i]) {
            return None; // closes 据…报道, read from its opening
        }
        let np = self
            .np_left(units, looked, i)
            .or_else(|| self.source_np_left(units, looked, i))?;
        let opens = np.0 == 0 || !units[np.0 - 1].is_word();
        // "nach zwei Jahren": followed by a phrase of its own, a preposition, not an attribution
        // (only a word that is also a preposition before its source, unlike "zufolge").
        let after = i + looked[i].len.max(1);
        if looked[i].entry.is(flag::ACCORDING_SOURCE | flag::ACCORDING)
            && units.get(after).is_some_and(|w| {
                w.is_word()
                    && (w.is_cap()
                        || looked[after].entry.is(flag::DETERMINER)
                        || w.lower.chars().all(|c| c.is_numeric()))
            })
        {
            return None;
        }
        let source = self.names_a_source(units, np.0, np.1);
        if !source && !self.plausible_np(units, looked, np.0, np.1) {
            return None;
        }
        // A source of information that names nobody ("Vorläufigen Angaben zufolge", "Frühen
        // Berichten zufolge") reports the clause from an unnamed source.
        let speaker = match self.resolve(units, looked, np.0, np.1, entities) {
            Some(speaker) => Some(Attribution {
                cue: Cue::AccordingTo,
                ..speaker
            }),
            None if source => None,
            None => return None,
        };
        let after = i + looked[i].len.max(1);
        let (from, end) = if opens {
            (after, self.content_end(units, looked, after))
        } else {
            (0, units.len())
        };
        let (s, e) = self.clause_span(units, from, end)?;
        if !emit(found, s, e, speaker) {
            return None;
        }
        speaker
    }

    /// "Lawrow: Gespräche waren nützlich" — a name and a colon opening the sentence.
    fn headline(
        &mut self,
        units: &[W],
        looked: &[Looked],
        entities: &mut Entities,
        direct: &mut [Option<Attribution>],
        found: &mut Vec<Found>,
    ) -> Option<Attribution> {
        let colon = units.iter().take(6).position(is_colon)?;
        if colon == 0
            || !(0..colon)
                .all(|k| units[k].is_cap() || is_han(&units[k]) || self.glued_hyphen(units, k))
        {
            return None;
        }
        let names = (0..colon).filter(|&k| units[k].is_word()).count();
        let known = (0..colon).any(|k| entities.by_surname(&units[k].lower).is_some());
        let all_names = (0..colon).filter(|&k| units[k].is_word()).all(|k| {
            self.is_name_token(units, looked, k, false) && !self.is_common_word(&units[k].lower)
        });
        let han = (0..colon).all(|k| is_han(&units[k])) && (2..=6).contains(&colon);
        if !(known || (all_names && names >= 1) || han) {
            return None;
        }
        let speaker = self.resolve(units, looked, 0, colon, entities)?;
        let speaker = Attribution {
            cue: Cue::Colon,
            ..speaker
        };
        let mut quoted = false;
        for unit in &units[colon + 1..] {
            if let Some(q) = unit.quote() {
                quoted |= give(direct, q, speaker);
            }
        }
        if quote_after(units, colon + 1).is_some() {
            return quoted.then_some(speaker);
        }
        let Some((s, e)) = self.clause_span(units, colon + 1, units.len()) else {
            return quoted.then_some(speaker);
        };
        if !emit(found, s, e, Some(speaker)) {
            return None;
        }
        Some(speaker)
    }
}

/// A name without its possessive ending ("Biden’s" → "Biden").
fn strip_possessive(name: &str) -> &str {
    ["’s", "'s", "’", "'"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name)
}

/// A quotation that continues an attributed one in the same sentence, with no reporting verb
/// or sentence punctuation between them ("„In wenigen Jahren“, so der Chef, werde die Firma
/// „auch Züge bauen“"), is the same speaker's.
fn continue_quotations(units: &[W], looked: &[Looked], direct: &mut [Option<Attribution>]) {
    let mut last: Option<Attribution> = None;
    for (w, l) in units.iter().zip(looked) {
        if let Some(q) = w.quote() {
            match direct.get(q).copied().flatten() {
                Some(a) => last = Some(a),
                None => {
                    if let Some(a) = last {
                        give(
                            direct,
                            q,
                            Attribution {
                                cue: Cue::Context,
                                ..a
                            },
                        );
                    }
                }
            }
        } else if l.entry.verb.is_some() || is_stop_punct(w) {
            last = None;
        }
    }
}

/// Gives a quotation its speaker unless it has one.
fn give(direct: &mut [Option<Attribution>], q: usize, speaker: Attribution) -> bool {
    match &mut direct[q] {
        Some(_) => false,
        slot @ None => {
            *slot = Some(speaker);
            true
        }
    }
}

/// The quotation that ends just before unit `k`, across commas and dashes.
fn quote_before(units: &[W], k: usize) -> Option<usize> {
    let mut j = k;
    while j > 0 && is_joining_punct(&units[j - 1]) {
        j -= 1;
    }
    (j > 0).then(|| units[j - 1].quote()).flatten()
}

/// The quotation that starts just after unit `k`, across commas, colons and dashes.
fn quote_after(units: &[W], k: usize) -> Option<usize> {
    let mut j = k;
    while j < units.len() && (is_joining_punct(&units[j]) || units[j].is_punct(':')) {
        j += 1;
    }
    units.get(j).and_then(W::quote)
}

fn is_joining_punct(w: &W) -> bool {
    is_comma(w) || matches!(w.unit, Unit::Punct('—' | '–' | '-' | '：'))
}

/// A comma of any script (",", "，", "،").
fn is_comma(w: &W) -> bool {
    matches!(w.unit, Unit::Punct(',' | '，' | '、' | '،'))
}

fn is_colon(w: &W) -> bool {
    matches!(w.unit, Unit::Punct(':' | '：'))
}

fn is_stop_punct(w: &W) -> bool {
    matches!(
        w.unit,
        Unit::Punct('.' | '!' | '?' | ';' | '。' | '！' | '？' | '；')
    )
}

fn is_han(w: &W) -> bool {
    w.is_word() && w.lower.chars().next().is_some_and(is_han_char)
}

fn is_han_char(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Adds reported speech over bytes `[s, e)` unless another quote found already covers some
/// of them.
fn emit(found: &mut Vec<Found>, s: usize, e: usize, attribution: Option<Attribution>) -> bool {
    if overlaps_any(found, s, e) {
        return false;
    }
    found.push(Found {
        start: s,
        end: e,
        direct: None,
        attribution,
    });
    true
}

fn overlaps_any(found: &[Found], s: usize, e: usize) -> bool {
    found.iter().any(|f| f.start < e && s < f.end)
}
