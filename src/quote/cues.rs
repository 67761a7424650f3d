//! The words the English reader of [`super::attribution`] knows: English reporting verbs (those
//! of the English data file, `lang/eng.toml`), titles, role heads, organization and publication
//! words. Every language's constructions, English included, are also read from the
//! per-language data of [`super::lang`].
//!
//! Reporting verbs come in classes that decide what may follow them:
//! - [`VerbClass::Say`] takes a clause directly ("said the talks were useful", "said that…").
//! - [`VerbClass::Tell`] takes an addressee first ("told reporters that…").
//! - [`VerbClass::Think`] reports only a *that*-clause or a clause opened by a pronoun
//!   ("hoped that…", "agreed they expected…"), so that "agreed to keep working" or "warned
//!   Putin of consequences" are not read as speech.
//! - [`VerbClass::Describe`] frames an evaluation ("described the talks as open", "called it an
//!   interim one").
//! - [`VerbClass::Act`] names a speech act whose content is not a clause ("urged the West to end
//!   …", "lamented the …"): it attributes a quotation next to it but yields no reported speech.
//!
//! The lists are plain data, kept sorted for the reader. Lookups go through one hash map built
//! on first use, from each word to the lists it is on: attribution asks
//! several questions of every word of every sentence.

/// What a reporting verb can be followed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbClass {
    /// Followed directly by the reported clause.
    Say,
    /// Followed by an addressee, then the clause.
    Tell,
    /// Reports only a that-clause or a pronoun-led clause.
    Think,
    /// "describe X as Y", "call X Y".
    Describe,
    /// Attributes a neighbouring quotation, reports nothing itself.
    Act,
}

/// The class of an English reporting verb form, if the lowercase word is one: the verbs
/// of the English data file (`lang/eng.toml`), which the reader of constructions shares.
pub fn verb_class(lower: &str) -> Option<VerbClass> {
    static ENGLISH: std::sync::LazyLock<super::lang::LanguageSet> =
        std::sync::LazyLock::new(|| {
            let cues = super::lang::Cues::get();
            1 << cues.language("eng").expect("English has a data file")
        });
    super::lang::Cues::get().word(lower, *ENGLISH).verb
}

/// What the cue lists say of one word: a bit for each list it is on (by position in
/// [`LISTS`]).
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    lists: u16,
}

static WORDS: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, Entry>> =
    std::sync::LazyLock::new(|| {
        let mut words: rustc_hash::FxHashMap<&'static str, Entry> = Default::default();
        for (bit, list) in LISTS.iter().enumerate() {
            for &word in *list {
                words.entry(word).or_default().lists |= 1 << bit;
            }
        }
        words
    });

fn entry(word: &str) -> Entry {
    WORDS.get(word).copied().unwrap_or_default()
}

/// The word lists, by position in [`LISTS`].
#[derive(Debug, Clone, Copy)]
enum List {
    TitleWords,
    RoleHeads,
    GroupHeads,
    PublicationHeads,
    OrganizationWords,
    PublicationWords,
    PlaceWords,
    Demonyms,
    SkippableBeforeVerb,
    PassiveAuxiliaries,
    Determiners,
    Prepositions,
    ClauseOpeners,
    FiniteAuxiliaries,
    ModifierLinks,
    TimeWords,
}

/// Whether `word` is on `list`.
fn contains(list: List, word: &str) -> bool {
    entry(word).lists & (1 << list as usize) != 0
}

/// Words of a title before a name ("Russian Foreign Minister", "U.S. Secretary of State").
const TITLE_WORDS: &[&str] = &[
    "acting",
    "adviser",
    "advisor",
    "ambassador",
    "archbishop",
    "bishop",
    "cardinal",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "defence",
    "defense",
    "department",
    "deputy",
    "diplomat",
    "director",
    "dr",
    "economy",
    "envoy",
    "executive",
    "finance",
    "foreign",
    "former",
    "gen",
    "general",
    "gov",
    "governor",
    "head",
    "interior",
    "judge",
    "justice",
    "king",
    "leader",
    "lt",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "national",
    "of",
    "officer",
    "official",
    "pope",
    "premier",
    "president",
    "press",
    "prime",
    "prince",
    "princess",
    "prof",
    "professor",
    "prosecutor",
    "queen",
    "rep",
    "representative",
    "secretary",
    "security",
    "sen",
    "senator",
    "senior",
    "speaker",
    "special",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "state",
    "top",
    "vice",
];

/// Heads of a description of one person ("the foreign minister", "the secretary").
const ROLE_HEADS: &[&str] = &[
    "adviser",
    "advisor",
    "ambassador",
    "chancellor",
    "chief",
    "commander",
    "diplomat",
    "director",
    "envoy",
    "governor",
    "head",
    "king",
    "leader",
    "mayor",
    "minister",
    "negotiator",
    "official",
    "pope",
    "premier",
    "president",
    "prosecutor",
    "queen",
    "representative",
    "secretary",
    "senator",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Heads of a description of several people or parties ("both sides", "western countries").
const GROUP_HEADS: &[&str] = &[
    "allies",
    "americans",
    "analysts",
    "both",
    "conservatives",
    "countries",
    "critics",
    "delegates",
    "delegations",
    "democrats",
    "diplomats",
    "europeans",
    "experts",
    "governments",
    "half",
    "lawmakers",
    "leaders",
    "liberals",
    "majority",
    "members",
    "ministers",
    "minority",
    "nations",
    "observers",
    "officials",
    "opponents",
    "participants",
    "partners",
    "percent",
    "plurality",
    "quarter",
    "republicans",
    "residents",
    "respondents",
    "russians",
    "senators",
    "sides",
    "sources",
    "states",
    "supporters",
    "third",
    "ukrainians",
    "voters",
];

/// Heads of a description of a publication or document ("the report", "news agencies").
const PUBLICATION_HEADS: &[&str] = &[
    "agencies",
    "agency",
    "analysis",
    "broadcaster",
    "channel",
    "communique",
    "daily",
    "data",
    "document",
    "documents",
    "emails",
    "estimates",
    "figures",
    "filing",
    "filings",
    "letter",
    "magazine",
    "media",
    "memo",
    "network",
    "newspaper",
    "outlet",
    "paper",
    "poll",
    "polls",
    "projections",
    "readout",
    "records",
    "report",
    "reports",
    "results",
    "statement",
    "studies",
    "study",
    "survey",
    "surveys",
    "television",
    "transcript",
    "website",
    "wire",
];

/// Capitalized words that make a name an organization rather than a person.
const ORGANIZATION_WORDS: &[&str] = &[
    "agency",
    "alliance",
    "army",
    "association",
    "bank",
    "commission",
    "committee",
    "congress",
    "council",
    "court",
    "department",
    "duma",
    "forces",
    "government",
    "house",
    "kremlin",
    "ministry",
    "nations",
    "nato",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "pentagon",
    "senate",
    "union",
];

/// Capitalized words that make a name a publication.
const PUBLICATION_WORDS: &[&str] = &[
    "afp", "agentur", "ap", "bbc", "channel", "cnn", "dpa", "interfax", "journal", "network",
    "news", "post", "press", "radio", "reuters", "ria", "tass", "times", "tv", "xinhua",
];

/// Capitalized words that are never part of a person's name (places and things).
const PLACE_WORDS: &[&str] = &[
    "africa",
    "america",
    "ankara",
    "asia",
    "baltic",
    "beijing",
    "belarus",
    "berlin",
    "britain",
    "brussels",
    "canada",
    "china",
    "crimea",
    "eu",
    "europe",
    "france",
    "geneva",
    "georgia",
    "germany",
    "hotel",
    "india",
    "iran",
    "israel",
    "italy",
    "japan",
    "kiev",
    "kyiv",
    "lake",
    "london",
    "minsk",
    "moscow",
    "paris",
    "poland",
    "russia",
    "spain",
    "states",
    "switzerland",
    "tehran",
    "tokyo",
    "turkey",
    "u.k",
    "u.n",
    "u.s",
    "u.s.",
    "uk",
    "ukraine",
    "un",
    "united",
    "us",
    "usa",
    "warsaw",
    "washington",
    "west",
];

/// Adjectives of nationality, which can start a title ("Russian Foreign Minister").
const DEMONYMS: &[&str] = &[
    "american",
    "belarusian",
    "british",
    "canadian",
    "chinese",
    "european",
    "french",
    "german",
    "indian",
    "iranian",
    "israeli",
    "italian",
    "japanese",
    "polish",
    "russian",
    "soviet",
    "spanish",
    "swiss",
    "turkish",
    "u.s",
    "u.s.",
    "uk",
    "ukrainian",
    "us",
    "western",
];

/// Words that may stand between a speaker and the reporting verb.
const SKIPPABLE_BEFORE_VERB: &[&str] = &[
    "again",
    "already",
    "also",
    "always",
    "clearly",
    "did",
    "does",
    "earlier",
    "explicitly",
    "firmly",
    "flatly",
    "further",
    "had",
    "has",
    "have",
    "just",
    "later",
    "meanwhile",
    "now",
    "once",
    "only",
    "previously",
    "publicly",
    "recently",
    "repeatedly",
    "reportedly",
    "separately",
    "still",
    "then",
    "would",
];

/// Auxiliaries that make the following verb passive ("were reported").
const PASSIVE_AUXILIARIES: &[&str] = &["are", "be", "been", "being", "is", "was", "were"];

/// Determiners that open a descriptive noun phrase.
const DETERMINERS: &[&str] = &[
    "a", "all", "an", "both", "many", "other", "several", "some", "the", "these", "those", "two",
];

/// Prepositions that open an adverbial between a verb and its clause ("said after talks…").
const PREPOSITIONS: &[&str] = &[
    "about",
    "after",
    "ahead",
    "at",
    "before",
    "during",
    "following",
    "for",
    "from",
    "in",
    "on",
    "over",
    "to",
    "upon",
    "with",
];

/// Words that can open a clause reported after a [`VerbClass::Think`] verb.
const CLAUSE_OPENERS: &[&str] = &[
    "he", "i", "it", "she", "that", "there", "they", "this", "we",
];

/// Finite auxiliaries and modals, and the subjunctive "be": one of them after a noun phrase
/// makes a clause ("the tax will …", "Trump is …", "that the law be repealed"), which is what
/// a [`VerbClass::Think`] verb may report without "that".
const FINITE_AUXILIARIES: &[&str] = &[
    "are", "be", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must",
    "shall", "should", "was", "were", "will", "won't", "would",
];

/// Prepositions that link a modifier to a speaker's head word ("critics of the plan").
const MODIFIER_LINKS: &[&str] = &["at", "for", "from", "in", "of"];

/// Days, months and days relative to today: times, never speakers. "May" is left out: it is
/// also a modal and a name.
const TIME_WORDS: &[&str] = &[
    "april",
    "august",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "wednesday",
    "yesterday",
];

/// Every word list, in the order of [`List`] (the bits of [`Entry::lists`]).
const LISTS: [&[&str]; 16] = [
    TITLE_WORDS,
    ROLE_HEADS,
    GROUP_HEADS,
    PUBLICATION_HEADS,
    ORGANIZATION_WORDS,
    PUBLICATION_WORDS,
    PLACE_WORDS,
    DEMONYMS,
    SKIPPABLE_BEFORE_VERB,
    PASSIVE_AUXILIARIES,
    DETERMINERS,
    PREPOSITIONS,
    CLAUSE_OPENERS,
    FINITE_AUXILIARIES,
    MODIFIER_LINKS,
    TIME_WORDS,
];

/// Whether the word is a preposition that links a modifier to a speaker's head word
/// ("critics of the plan", "officials in both cities", "a spokesman for the ministry").
pub fn is_modifier_link(lower: &str) -> bool {
    contains(List::ModifierLinks, lower)
}

/// Whether a lowercase word has the shape of a present participle that can modify a
/// speaker's head word ("residents fighting the closure").
pub fn is_participle_shape(lower: &str) -> bool {
    lower.len() > 5 && lower.ends_with("ing")
}

/// Whether the word is a finite auxiliary or modal ("will", "is", "could"), negated too
/// ("aren't", "can't", "won't").
pub fn is_finite_auxiliary(lower: &str) -> bool {
    let positive = lower
        .strip_suffix("n't")
        .or_else(|| lower.strip_suffix("n’t"))
        .map(|stem| match stem {
            "ca" => "can",
            "do" => "does",
            "ai" => "is",
            _ => stem,
        });
    contains(List::FiniteAuxiliaries, positive.unwrap_or(lower))
}

/// Whether the word is a clause opener with an auxiliary contracted onto it ("she'll",
/// "they’re", "we've", "he'd"): a subject and its finite verb in one word.
pub fn is_contracted_clause(lower: &str) -> bool {
    ["'ll", "’ll", "'re", "’re", "'ve", "’ve", "'d", "’d"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))
        .is_some_and(|subject| (subject != "that" && is_clause_opener(subject)) || subject == "you")
}

/// Whether the word is part of a title.
pub fn is_title_word(lower: &str) -> bool {
    contains(List::TitleWords, lower) || is_demonym(lower)
}
/// Whether the word heads a one-person description.
pub fn is_role_head(lower: &str) -> bool {
    contains(List::RoleHeads, lower)
}
/// Whether the word heads a description of several people.
pub fn is_group_head(lower: &str) -> bool {
    contains(List::GroupHeads, lower)
}
/// Whether the word heads a description of a publication.
pub fn is_publication_head(lower: &str) -> bool {
    contains(List::PublicationHeads, lower)
}
/// Whether the capitalized word marks an organization.
pub fn is_organization_word(lower: &str) -> bool {
    contains(List::OrganizationWords, lower)
}
/// Whether the capitalized word marks a publication.
pub fn is_publication_word(lower: &str) -> bool {
    contains(List::PublicationWords, lower)
}
/// Whether the capitalized word is a place (or other non-person name part).
pub fn is_place_word(lower: &str) -> bool {
    contains(List::PlaceWords, lower)
}
/// Whether the word names a day or a month ("Monday", "June") or a day relative to today:
/// an adverbial of time, never a speaker.
pub fn is_time_word(lower: &str) -> bool {
    contains(List::TimeWords, lower)
}
/// Whether the word is an adjective of nationality.
pub fn is_demonym(lower: &str) -> bool {
    contains(List::Demonyms, lower)
}
/// Whether the word may sit between a speaker and its verb.
pub fn is_skippable_before_verb(lower: &str) -> bool {
    contains(List::SkippableBeforeVerb, lower)
}
/// Whether the word is an auxiliary that makes the next verb passive.
pub fn is_passive_auxiliary(lower: &str) -> bool {
    contains(List::PassiveAuxiliaries, lower)
}
/// Whether the word is a determiner.
pub fn is_determiner(lower: &str) -> bool {
    contains(List::Determiners, lower)
}
/// Whether the word is a preposition that opens an adverbial.
pub fn is_preposition(lower: &str) -> bool {
    contains(List::Prepositions, lower)
}
/// Whether the word can open a clause after a [`VerbClass::Think`] verb.
pub fn is_clause_opener(lower: &str) -> bool {
    contains(List::ClauseOpeners, lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_every_word_is_found_on_its_lists() {
        for (bit, list) in LISTS.iter().enumerate() {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            for word in *list {
                assert!(entry(word).lists & (1 << bit) != 0, "{word}");
            }
        }
        assert!(contains(List::TitleWords, "minister") && !contains(List::Demonyms, "minister"));
        assert!(contains(List::Demonyms, "russian") && contains(List::ClauseOpeners, "that"));
        assert_eq!(List::TimeWords as usize + 1, LISTS.len());
        assert!(
            LISTS.len() <= u16::BITS as usize,
            "a bit per list in `Entry::lists`"
        );
        assert!(!is_determiner("walked") && !is_title_word(""));
    }

    #[test]
    fn verb_classes() {
        assert_eq!(verb_class("said"), Some(VerbClass::Say));
        assert_eq!(verb_class("told"), Some(VerbClass::Tell));
        assert_eq!(verb_class("hoped"), Some(VerbClass::Think));
        assert_eq!(verb_class("walked"), None);
    }
}
