//! Per-language knowledge of how news text reports speech: one data file a language.
//!
//! Every language has a file `lang/<ISO 639-3>.toml` of the same shape: reporting verbs by
//! class with their inflected forms (a form written `finite … particle` is a separable verb,
//! read when the particle closes the finite form's clause: "gab … bekannt"), auxiliaries of
//! compound tenses, complementizers, "according to" phrases (before and after the speaker),
//! "as X said" markers, pronouns that stand for what the sentence before said ("Das teilte …
//! mit"), determiners, the words that join a name or a description, role, group,
//! organization and publication words, nationality adjectives, pronouns, the verb forms that
//! by themselves mark reported speech (German Konjunktiv I), transcript labels, the words with
//! which an article credits its outlet (`[credits]`: "Source:", a byline word, "Copyright"),
//! and example sentences that the tests read.
//! Adding a language is adding a file and one line to [`FILES`]; the reader of constructions
//! ([`super::frames`]) never branches on a language code.
//!
//! The files are compiled into the binary and parsed once, into one table from each word form
//! to what it is in which language. Which languages are *active* for a text is decided by the
//! text itself ([`Cues::active_for`]): its detected language and every language one of whose
//! reporting verbs occurs in it — so that a wrong guess on a short text never decides
//! whether "said" is read.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::cues::VerbClass;

/// The data files, by ISO 639-3 code.
const FILES: &[(&str, &str)] = &[
    ("deu", include_str!("lang/deu.toml")),
    ("eng", include_str!("lang/eng.toml")),
    ("fra", include_str!("lang/fra.toml")),
    ("spa", include_str!("lang/spa.toml")),
    ("rus", include_str!("lang/rus.toml")),
    ("ita", include_str!("lang/ita.toml")),
    ("por", include_str!("lang/por.toml")),
    ("cmn", include_str!("lang/cmn.toml")),
    ("ukr", include_str!("lang/ukr.toml")),
    ("pol", include_str!("lang/pol.toml")),
    ("ces", include_str!("lang/ces.toml")),
    ("bul", include_str!("lang/bul.toml")),
    ("nld", include_str!("lang/nld.toml")),
    ("ara", include_str!("lang/ara.toml")),
    ("tur", include_str!("lang/tur.toml")),
    ("est", include_str!("lang/est.toml")),
];

/// One language's file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    /// ISO 639-3 code.
    pub code: String,
    /// English name.
    pub name: String,
    /// Grammar facts the reader needs.
    #[serde(default)]
    pub grammar: Grammar,
    verbs: Verbs,
    /// How regular verbs inflect, where the file lists some ([`Verbs::regular`]).
    #[serde(default)]
    conjugation: Option<Conjugation>,
    words: Words,
    pronouns: std::collections::BTreeMap<String, String>,
    reportive: Reportive,
    transcript: Transcript,
    /// How an article credits its outlet (see [`super::credit`]).
    #[serde(default)]
    credits: Credits,
    /// Sentences of the language with what a reader extracts from them (for the tests).
    #[serde(default, rename = "example")]
    pub examples: Vec<Example>,
}

/// Grammar facts of a language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// Nouns are capitalized (German): a capitalized word is a name only when it is not a
    /// common word of the language.
    #[serde(default)]
    pub capitalized_nouns: bool,
    /// The verb closes its clause (Turkish): "X, CLAUSE dedi" reports the clause between the
    /// speaker and the verb.
    #[serde(default)]
    pub verb_final: bool,
    /// A clause reported after a verb of saying is always set off by a comma or a colon
    /// (German: "sagte, die Lage sei ernst"), so that the words right after the verb are its
    /// object ("bestritt die Vorwürfe", "kündigte eine Prüfung an"), not what was said.
    #[serde(default)]
    pub comma_before_clause: bool,
    /// Nouns compound with their head last (German "Schiedsrichter", "Bahnchef"): a word
    /// ending in a role word of the language, after at least three letters, is a role.
    #[serde(default)]
    pub compound_roles: bool,
    /// The endings a lowercase word inside a noun phrase has (German attributive adjectives:
    /// "der zuständige Minister", "neuesten Studien"); empty when any word may be.
    #[serde(default)]
    pub attributive_endings: Vec<String>,
    /// Separable verb prefixes, between which and the verb the infinitive marker is written
    /// as one word (German "an|zu|erkennen": "anzuerkennen", "aufzunehmen"): such a word is a
    /// marked infinitive as "zu erkennen" is.
    #[serde(default)]
    pub separable_prefixes: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Verbs {
    #[serde(default)]
    say: Vec<String>,
    #[serde(default)]
    tell: Vec<String>,
    #[serde(default)]
    think: Vec<String>,
    #[serde(default)]
    act: Vec<String>,
    #[serde(default)]
    describe: Vec<String>,
    /// Regular verbs by class, as infinitives whose forms the language's [`Conjugation`]
    /// makes; a separable prefix is set off with `|` ("auf|fordern").
    #[serde(default)]
    regular: Option<Box<Verbs>>,
}

impl Verbs {
    /// The forms of each class, with its class.
    fn classes(&self) -> [(&[String], VerbClass); 5] {
        [
            (&self.say, VerbClass::Say),
            (&self.tell, VerbClass::Tell),
            (&self.think, VerbClass::Think),
            (&self.act, VerbClass::Act),
            (&self.describe, VerbClass::Describe),
        ]
    }
}

/// How a language makes the forms of a regular verb from its infinitive (German weak verbs:
/// "fordern" → fordert, forderte, forderten, fordern, gefordert; "auf|fordern" → "fordert …
/// auf", auffordert, aufgefordert). Forms a separable verb takes in a main clause are
/// written "finite … prefix" (see the module documentation).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Conjugation {
    /// Endings an infinitive drops to give its stem, tried in order ("en", then "n").
    infinitive_endings: Vec<String>,
    /// Endings the stem takes for the finite forms ("t", "te", "ten").
    finite_endings: Vec<String>,
    /// The participle is this, the stem and `participle_ending` ("ge" + "forder" + "t")…
    participle_prefix: String,
    participle_ending: String,
    /// …except for stems that start or end so, which take no prefix ("be", "ver"; "ier":
    /// "behauptet", "kritisiert").
    unprefixed_starts: Vec<String>,
    unprefixed_ends: Vec<String>,
    /// Stems ending in one of `linking_after` put `linking_vowel` before an ending that starts
    /// with one of `linking_before` ("antwort" → "antwortete", "rechn" → "rechnet").
    linking_vowel: String,
    linking_after: Vec<String>,
    linking_before: Vec<String>,
}

impl Conjugation {
    /// Every form of a regular verb given as its infinitive, a separable prefix set off with
    /// `|`.
    fn forms(&self, lemma: &str) -> Vec<String> {
        let (prefix, infinitive) = lemma.split_once('|').unwrap_or(("", lemma));
        let Some(stem) = self
            .infinitive_endings
            .iter()
            .find_map(|e| infinitive.strip_suffix(e.as_str()))
            .filter(|s| !s.is_empty())
        else {
            return Vec::new();
        };
        let add = |ending: &str| {
            if self
                .linking_before
                .iter()
                .any(|b| ending.starts_with(b.as_str()))
                && self
                    .linking_after
                    .iter()
                    .any(|l| stem.ends_with(l.as_str()))
            {
                format!("{stem}{}{ending}", self.linking_vowel)
            } else {
                format!("{stem}{ending}")
            }
        };
        let mut finite: Vec<String> = self.finite_endings.iter().map(|e| add(e)).collect();
        finite.push(infinitive.to_string());
        let unprefixed = self
            .unprefixed_starts
            .iter()
            .any(|p| stem.starts_with(p.as_str()))
            || self
                .unprefixed_ends
                .iter()
                .any(|e| stem.ends_with(e.as_str()));
        let participle = format!(
            "{prefix}{}{}",
            if unprefixed {
                ""
            } else {
                &self.participle_prefix
            },
            add(&self.participle_ending)
        );
        let mut out = vec![participle];
        if prefix.is_empty() {
            out.extend(finite);
        } else {
            for f in finite {
                out.push(format!("{prefix}{f}"));
                out.push(format!("{f} … {prefix}"));
            }
        }
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    auxiliaries: Vec<String>,
    complementizers: Vec<String>,
    according_to: Vec<String>,
    according_to_after: Vec<String>,
    #[serde(default)]
    after_comma: Vec<String>,
    #[serde(default)]
    infinitive_markers: Vec<String>,
    #[serde(default)]
    source_nouns: Vec<String>,
    #[serde(default)]
    according_to_source: Vec<String>,
    #[serde(default)]
    reported_adverbs: Vec<String>,
    /// Prepositions: a phrase they open is an adverbial, not a speaker ("Nach der Sitzung
    /// sagte …", "Gegenüber der Zeitung erklärte …").
    #[serde(default)]
    prepositions: Vec<String>,
    /// Reflexive pronouns, which may stand between a verb and its speaker ("erinnerte sich
    /// Trotnow").
    #[serde(default)]
    reflexives: Vec<String>,
    /// Impersonal phrases of saying whose source is a prepositional phrase ("heißt es in
    /// der Mitteilung", "In dem Bericht heißt es"), or nobody ("Es heißt, …").
    #[serde(default)]
    impersonal_say: Vec<String>,
    /// Pronouns that, opening a sentence before its reporting verb, stand for what the
    /// sentence before said ("Das teilte die Stadt mit.", "Dies bestätigte der Sprecher.").
    #[serde(default)]
    anaphoric_objects: Vec<String>,
    as_markers: Vec<String>,
    determiners: Vec<String>,
    name_links: Vec<String>,
    roles: Vec<String>,
    groups: Vec<String>,
    organizations: Vec<String>,
    publications: Vec<String>,
    demonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Reportive {
    /// Forms that mark reported speech even in a sentence of their own (German Konjunktiv I:
    /// "Man werde weiter verhandeln.").
    forms: Vec<String>,
    /// Forms that mark it only where speech is already being reported (German Konjunktiv II,
    /// which also states what did not happen: "Ohne Hilfe wären viele gestorben").
    #[serde(default)]
    conditional_forms: Vec<String>,
    /// Modal verb forms that report hearsay with an infinitive (German "soll", "sollen":
    /// "Es soll kein Anschlag gewesen sein").
    #[serde(default)]
    hearsay: Vec<String>,
    /// The infinitive auxiliaries of a perfect infinitive closing a hearsay sentence
    /// ("gewesen sein", "gegeben haben").
    #[serde(default)]
    perfect_auxiliaries: Vec<String>,
    /// A morphology rule for the forms not listed: a lowercase word, not a stopword, that
    /// becomes a verb's dictionary form when this is appended to it (German Konjunktiv I:
    /// "betrage" + "n" = "betragen").
    #[serde(default)]
    verb_lemma_suffix: Option<String>,
}

/// The words with which an article names its outlet.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Credits {
    /// Labels followed by a colon and the outlet ("Source", "Quelle", "来源").
    #[serde(default)]
    labels: Vec<String>,
    /// Words that open a byline ("By", "Von").
    #[serde(default)]
    bylines: Vec<String>,
    /// Words that open a copyright line ("Copyright").
    #[serde(default)]
    copyright: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Transcript {
    question_labels: Vec<String>,
}

/// A sentence with what a reader extracts from it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The text (one or a few sentences).
    pub text: String,
    /// The exact words the quote's span covers.
    pub quote: String,
    /// A word of the speaker's name or description as written.
    pub speaker: String,
}

/// What a word form is, as bits.
pub mod flag {
    /// Auxiliary of a compound tense.
    pub const AUX: u32 = 1;
    /// Opens a reported clause.
    pub const COMPLEMENTIZER: u32 = 1 << 1;
    /// "According to" before the speaker.
    pub const ACCORDING: u32 = 1 << 2;
    /// "According to" after the speaker (postposition).
    pub const ACCORDING_AFTER: u32 = 1 << 3;
    /// "As X said".
    pub const AS: u32 = 1 << 4;
    /// Determiner.
    pub const DETERMINER: u32 = 1 << 5;
    /// Joins parts of a name or description.
    pub const LINK: u32 = 1 << 6;
    /// Heads or titles a description of one person.
    pub const ROLE: u32 = 1 << 7;
    /// Heads a description of several people.
    pub const GROUP: u32 = 1 << 8;
    /// Makes a name an organization.
    pub const ORGANIZATION: u32 = 1 << 9;
    /// Makes a name a publication.
    pub const PUBLICATION: u32 = 1 << 10;
    /// Adjective of nationality.
    pub const DEMONYM: u32 = 1 << 11;
    /// Personal pronoun.
    pub const PRONOUN: u32 = 1 << 12;
    /// Marks reported speech by itself.
    pub const REPORTIVE: u32 = 1 << 13;
    /// Labels a questioner's turn in a transcript.
    pub const QUESTION_LABEL: u32 = 1 << 14;
    /// Names a speaker only right after a comma or a quotation ("„…“, so Wieland").
    pub const AFTER_COMMA: u32 = 1 << 15;
    /// Marks the next verb as an infinitive ("to", "zu", "te").
    pub const INFINITIVE: u32 = 1 << 16;
    /// Ends a noun that names a source of information ("Angaben", "Polizeiangaben", "Bericht").
    pub const SOURCE_NOUN: u32 = 1 << 17;
    /// Attributes a clause only with a source noun after it ("nach Polizeiangaben").
    pub const ACCORDING_SOURCE: u32 = 1 << 18;
    /// Marks its sentence as reported from the source named before ("demnach").
    pub const REPORTED_ADVERB: u32 = 1 << 19;
    /// Marks reported speech in a sentence of its own, with no attribution near it.
    pub const STANDALONE_REPORTIVE: u32 = 1 << 20;
    /// A pronoun of the first or second person ("ich", "wir", "du"), whose verb forms are
    /// indicative where they look reportive ("ich habe", "ich plane").
    pub const FIRST_OR_SECOND_PERSON: u32 = 1 << 21;
    /// A modal verb form that reports hearsay with an infinitive ("soll").
    pub const HEARSAY: u32 = 1 << 22;
    /// The auxiliary of a perfect infinitive ("sein" in "gewesen sein").
    pub const PERFECT_AUXILIARY: u32 = 1 << 23;
    /// A preposition, which opens an adverbial phrase rather than a speaker's.
    pub const PREPOSITION: u32 = 1 << 24;
    /// A reflexive pronoun ("sich").
    pub const REFLEXIVE: u32 = 1 << 25;
    /// An impersonal phrase of saying ("heißt es").
    pub const IMPERSONAL_SAY: u32 = 1 << 26;
    /// A pronoun standing for what the sentence before said, as a reporting verb's object.
    pub const ANAPHORIC_OBJECT: u32 = 1 << 27;
    /// Any of the words that describe a speaker.
    pub const SPEAKER_HEAD: u32 = ROLE | GROUP | ORGANIZATION | PUBLICATION;
}

/// What a word form is in one language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Entry {
    /// Bits of [`flag`].
    pub flags: u32,
    /// Its class, if it is a reporting verb.
    pub verb: Option<VerbClass>,
}

impl Entry {
    /// Whether the entry has any of the flags.
    pub fn is(&self, flags: u32) -> bool {
        self.flags & flags != 0
    }

    /// Takes `other`'s verb class, and its flags, where the entry has no verb class yet.
    pub fn merge_verb(&mut self, other: Entry) {
        if self.verb.is_none() {
            self.merge(other);
        }
    }

    fn merge(&mut self, other: Entry) {
        self.flags |= other.flags;
        self.verb = self.verb.or(other.verb);
    }
}

/// A set of languages, by their position in [`FILES`].
pub type LanguageSet = u32;

/// Every language's words in one table.
#[derive(Debug)]
pub struct Cues {
    /// Language codes, in file order.
    codes: Vec<String>,
    grammar: Vec<Grammar>,
    /// One-unit forms: the languages it belongs to, with what it is in each.
    words: FxHashMap<String, Vec<(u8, Entry)>>,
    /// Forms of several units (multi-word phrases, Chinese words), by their first unit.
    phrases: FxHashMap<String, Vec<(Vec<String>, u8, Entry)>>,
    /// Verbs whose particle closes the clause ("gab … bekannt", "ließ … verlauten"), by their
    /// finite unit: the particle's units, with the language and what the verb is.
    split_verbs: FxHashMap<String, Vec<(Vec<String>, u8, Entry)>>,
    /// The infinitive markers of each language that writes them inside a separable verb
    /// ([`Grammar::separable_prefixes`]), with those prefixes, by language.
    infixed_infinitives: Vec<(Vec<String>, Vec<String>)>,
    /// Reporting verb forms (one-unit) by language, for deciding the active languages.
    verb_forms: FxHashMap<String, LanguageSet>,
    /// Nouns that name a source of information, by language, matched as word endings.
    source_nouns: Vec<Vec<String>>,
    /// Role words of the languages whose compounds end in their head ([`Grammar::compound_roles`]),
    /// by language.
    compound_roles: Vec<rustc_hash::FxHashSet<String>>,
    /// The reportive rule of each language that has one: (language index, code, suffix).
    reportive_rules: Vec<(u8, String, String)>,
    /// Every language's credit labels, longest first.
    credit_labels: Vec<String>,
    /// Byline and copyright words by language.
    bylines: Vec<Vec<String>>,
    copyright: Vec<Vec<String>>,
}

static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let files = FILES
        .iter()
        .map(|(code, text)| {
            let file: LanguageFile = toml::from_str(text)
                .unwrap_or_else(|e| panic!("the cue data of {code} does not parse: {e}"));
            assert_eq!(
                &file.code, code,
                "cue data file of {code} names another code"
            );
            file
        })
        .collect::<Vec<_>>();
    Cues::new(files)
});

/// Every language's file, parsed.
pub fn files() -> Vec<LanguageFile> {
    FILES
        .iter()
        .map(|(_, text)| toml::from_str(text).expect("parsed at start-up"))
        .collect()
}

impl Cues {
    /// The table built from the compiled-in files.
    pub fn get() -> &'static Cues {
        &CUES
    }

    fn new(files: Vec<LanguageFile>) -> Cues {
        let mut cues = Cues {
            codes: Vec::new(),
            grammar: Vec::new(),
            reportive_rules: Vec::new(),
            words: FxHashMap::default(),
            phrases: FxHashMap::default(),
            split_verbs: FxHashMap::default(),
            verb_forms: FxHashMap::default(),
            source_nouns: Vec::new(),
            compound_roles: Vec::new(),
            infixed_infinitives: Vec::new(),
            credit_labels: Vec::new(),
            bylines: Vec::new(),
            copyright: Vec::new(),
        };
        for (index, file) in files.into_iter().enumerate() {
            let lang = index as u8;
            cues.source_nouns.push(Vec::new());
            let add = |cues: &mut Cues, forms: &[String], entry: Entry| {
                for form in forms {
                    cues.add(form, lang, entry);
                }
            };
            let verb = |class| Entry {
                flags: 0,
                verb: Some(class),
            };
            let word = |flags| Entry { flags, verb: None };
            let v = &file.verbs;
            let regular: Vec<(Vec<String>, VerbClass)> = match (&v.regular, &file.conjugation) {
                (Some(lemmas), Some(rule)) => lemmas
                    .classes()
                    .iter()
                    .map(|(lemmas, class)| {
                        (lemmas.iter().flat_map(|l| rule.forms(l)).collect(), *class)
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let classes: Vec<(&[String], VerbClass)> = v
                .classes()
                .into_iter()
                .chain(
                    regular
                        .iter()
                        .map(|(forms, class)| (forms.as_slice(), *class)),
                )
                .collect();
            for &(forms, class) in &classes {
                add(&mut cues, forms, verb(class));
            }
            let w = &file.words;
            add(&mut cues, &w.auxiliaries, word(flag::AUX));
            add(&mut cues, &w.complementizers, word(flag::COMPLEMENTIZER));
            add(&mut cues, &w.according_to, word(flag::ACCORDING));
            add(
                &mut cues,
                &w.according_to_after,
                word(flag::ACCORDING_AFTER),
            );
            add(
                &mut cues,
                &w.after_comma,
                word(flag::ACCORDING | flag::AFTER_COMMA),
            );
            add(&mut cues, &w.as_markers, word(flag::AS));
            add(&mut cues, &w.infinitive_markers, word(flag::INFINITIVE));
            add(
                &mut cues,
                &w.according_to_source,
                word(flag::ACCORDING_SOURCE),
            );
            add(&mut cues, &w.reported_adverbs, word(flag::REPORTED_ADVERB));
            add(&mut cues, &w.prepositions, word(flag::PREPOSITION));
            add(&mut cues, &w.reflexives, word(flag::REFLEXIVE));
            add(&mut cues, &w.impersonal_say, word(flag::IMPERSONAL_SAY));
            add(
                &mut cues,
                &w.anaphoric_objects,
                word(flag::ANAPHORIC_OBJECT),
            );
            cues.infixed_infinitives
                .push(if file.grammar.separable_prefixes.is_empty() {
                    Default::default()
                } else {
                    (
                        file.grammar.separable_prefixes.clone(),
                        w.infinitive_markers.clone(),
                    )
                });
            cues.compound_roles.push(if file.grammar.compound_roles {
                w.roles.iter().map(|r| r.to_lowercase()).collect()
            } else {
                Default::default()
            });
            for noun in &w.source_nouns {
                cues.source_nouns[index].push(noun.to_lowercase());
            }
            add(&mut cues, &w.determiners, word(flag::DETERMINER));
            add(&mut cues, &w.name_links, word(flag::LINK));
            add(&mut cues, &w.roles, word(flag::ROLE));
            add(&mut cues, &w.groups, word(flag::GROUP));
            add(&mut cues, &w.organizations, word(flag::ORGANIZATION));
            add(&mut cues, &w.publications, word(flag::PUBLICATION));
            add(&mut cues, &w.demonyms, word(flag::DEMONYM));
            let pronouns: Vec<String> = file.pronouns.keys().cloned().collect();
            add(&mut cues, &pronouns, word(flag::PRONOUN));
            let speakers: Vec<String> = file
                .pronouns
                .iter()
                .filter(|(_, gender)| gender.as_str() == "x")
                .map(|(p, _)| p.clone())
                .collect();
            add(&mut cues, &speakers, word(flag::FIRST_OR_SECOND_PERSON));
            add(
                &mut cues,
                &file.reportive.forms,
                word(flag::REPORTIVE | flag::STANDALONE_REPORTIVE),
            );
            add(
                &mut cues,
                &file.reportive.conditional_forms,
                word(flag::REPORTIVE),
            );
            add(&mut cues, &file.reportive.hearsay, word(flag::HEARSAY));
            add(
                &mut cues,
                &file.reportive.perfect_auxiliaries,
                word(flag::PERFECT_AUXILIARY),
            );
            if let Some(suffix) = &file.reportive.verb_lemma_suffix {
                cues.reportive_rules
                    .push((lang, file.code.clone(), suffix.clone()));
            }
            add(
                &mut cues,
                &file.transcript.question_labels,
                word(flag::QUESTION_LABEL),
            );
            for &(forms, _) in &classes {
                for form in forms {
                    let units = split(form);
                    if let [one] = units.as_slice() {
                        *cues.verb_forms.entry(one.clone()).or_default() |= 1 << lang;
                    }
                }
            }
            cues.credit_labels.extend(file.credits.labels);
            cues.bylines.push(file.credits.bylines);
            cues.copyright.push(file.credits.copyright);
            cues.codes.push(file.code);
            cues.grammar.push(file.grammar);
        }
        cues.credit_labels
            .sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        cues.credit_labels.dedup();
        for list in cues.phrases.values_mut() {
            // Longest first, so that the longest phrase at a position wins.
            list.sort_by_key(|(units, _, _)| std::cmp::Reverse(units.len()));
        }
        cues
    }

    fn add(&mut self, form: &str, lang: u8, entry: Entry) {
        if let Some((head, tail)) = form.split_once('…') {
            let (finite, particle) = (split(head), split(tail));
            if let ([finite], false) = (finite.as_slice(), particle.is_empty()) {
                self.split_verbs
                    .entry(finite.clone())
                    .or_default()
                    .push((particle, lang, entry));
            }
            return;
        }
        let units = split(form);
        match units.as_slice() {
            [] => {}
            [one] => {
                let list = self.words.entry(one.clone()).or_default();
                match list.iter_mut().find(|(l, _)| *l == lang) {
                    Some((_, e)) => e.merge(entry),
                    None => list.push((lang, entry)),
                }
            }
            [first, ..] => {
                self.phrases
                    .entry(first.clone())
                    .or_default()
                    .push((units.clone(), lang, entry))
            }
        }
    }

    /// The languages whose words are read in a text: its detected language and every language
    /// one of whose reporting verbs the text uses.
    pub fn active_for(
        &self,
        detected: &str,
        lowers: impl Iterator<Item = impl AsRef<str>>,
    ) -> LanguageSet {
        let mut set = self.language(detected).map_or(0, |i| 1 << i);
        for lower in lowers {
            if let Some(langs) = self.verb_forms.get(lower.as_ref()) {
                set |= langs;
            }
        }
        set
    }

    /// The labels that name an article's outlet before a colon, of every language.
    pub fn credit_labels(&self) -> &[String] {
        &self.credit_labels
    }

    /// The words that open a byline in a language.
    pub fn bylines(&self, code: &str) -> &[String] {
        self.language(code).map_or(&[], |i| &self.bylines[i])
    }

    /// The words that open a copyright line in a language.
    pub fn copyright_words(&self, code: &str) -> &[String] {
        self.language(code).map_or(&[], |i| &self.copyright[i])
    }

    /// The position of a language in the table.
    pub fn language(&self, code: &str) -> Option<usize> {
        self.codes.iter().position(|c| c == code)
    }

    /// Whether a word not on the lists is a reportive verb form by the morphology rule of an
    /// active language (see `verb_lemma_suffix`); `is_stopword` tells the language's
    /// function words, which the rule never reads.
    pub fn reportive_by_rule(
        &self,
        lower: &str,
        active: LanguageSet,
        is_stopword: impl Fn(&str) -> bool,
    ) -> bool {
        let lexicon = crate::lexicon::Lexicon::embedded();
        self.reportive_rules.iter().any(|(lang, code, suffix)| {
            active & (1 << lang) != 0
                && lower.chars().count() >= 3
                && !is_stopword(lower)
                && lexicon
                    .lemma_senses(code, &format!("{lower}{suffix}"))
                    .iter()
                    .any(|&s| lexicon.part_of_speech(s) == crate::lexicon::VERB)
        })
    }

    /// Whether a lowercase word can stand inside a noun phrase in every active language that
    /// restricts it by its endings (see `attributive_endings`).
    pub fn attributive(&self, lower: &str, active: LanguageSet) -> bool {
        self.grammar.iter().enumerate().all(|(i, g)| {
            active & (1 << i) == 0
                || g.attributive_endings.is_empty()
                || g.attributive_endings
                    .iter()
                    .any(|e| lower.ends_with(e.as_str()))
        })
    }

    /// The grammar facts of a language.
    pub fn grammar(&self, code: &str) -> Option<&Grammar> {
        self.language(code).map(|i| &self.grammar[i])
    }

    /// Whether one of the active languages capitalizes its nouns.
    pub fn capitalized_nouns(&self, active: LanguageSet) -> bool {
        self.grammar
            .iter()
            .enumerate()
            .any(|(i, g)| active & (1 << i) != 0 && g.capitalized_nouns)
    }

    /// Whether a word is a compound whose head is a role word of an active language whose
    /// nouns compound so ("schiedsrichter", "bahnchef", "regierungssprecherin").
    pub fn is_compound_role(&self, lower: &str, active: LanguageSet) -> bool {
        self.compound_roles.iter().enumerate().any(|(i, roles)| {
            active & (1 << i) != 0
                && !roles.is_empty()
                && lower
                    .char_indices()
                    .skip(3)
                    .any(|(at, _)| roles.contains(&lower[at..]))
        })
    }

    /// Whether a lowercase word is a marked infinitive of a separable verb in an active
    /// language: a prefix, the infinitive marker, then at least four letters ("anzuerkennen",
    /// "aufzunehmen", "einzulegen").
    pub fn is_infixed_infinitive(&self, lower: &str, active: LanguageSet) -> bool {
        self.infixed_infinitives
            .iter()
            .enumerate()
            .any(|(i, (prefixes, markers))| {
                active & (1 << i) != 0
                    && prefixes.iter().any(|p| {
                        lower.strip_prefix(p.as_str()).is_some_and(|rest| {
                            markers.iter().any(|m| {
                                rest.strip_prefix(m.as_str())
                                    .is_some_and(|verb| verb.chars().count() >= 4)
                            })
                        })
                    })
            })
    }

    /// Whether a word ends in a noun that names a source of information in an active language
    /// ("polizeiangaben", "medienberichten").
    pub fn is_source_noun(&self, lower: &str, active: LanguageSet) -> bool {
        self.source_nouns.iter().enumerate().any(|(i, nouns)| {
            active & (1 << i) != 0 && nouns.iter().any(|n| lower.ends_with(n.as_str()))
        })
    }

    /// Whether one of the active languages puts the verb at the end of its clause.
    pub fn verb_final(&self, active: LanguageSet) -> bool {
        self.grammar
            .iter()
            .enumerate()
            .any(|(i, g)| active & (1 << i) != 0 && g.verb_final)
    }

    /// What a one-unit form is in the active languages.
    pub fn word(&self, lower: &str, active: LanguageSet) -> Entry {
        let mut out = Entry::default();
        if let Some(list) = self.words.get(lower) {
            for &(lang, entry) in list {
                if active & (1 << lang) != 0 {
                    out.merge(entry);
                }
            }
        }
        out
    }

    /// What the finite unit `lower` is when its clause ends with one of its particles: for
    /// each verb of the active languages whose finite form it is, the particle's units.
    pub fn split_verb(
        &self,
        lower: &str,
        active: LanguageSet,
    ) -> impl Iterator<Item = (&[String], Entry)> + '_ {
        self.split_verbs
            .get(lower)
            .into_iter()
            .flatten()
            .filter(move |(_, lang, _)| active & (1 << lang) != 0)
            .map(|(particle, _, entry)| (particle.as_slice(), *entry))
    }

    /// The longest phrase of the active languages that starts with the unit `lowers[0]`,
    /// as (units it covers, what it is).
    pub fn phrase<'a>(
        &self,
        lowers: impl Fn(usize) -> Option<&'a str>,
        active: LanguageSet,
    ) -> Option<(usize, Entry)> {
        let first = lowers(0)?;
        let list = self.phrases.get(first)?;
        list.iter()
            .filter(|(_, lang, _)| active & (1 << lang) != 0)
            .find(|(units, _, _)| {
                units
                    .iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, u)| lowers(k) == Some(u.as_str()))
            })
            .map(|(units, _, entry)| (units.len(), *entry))
    }
}

/// A form's units as the word stream splits them (lowercase; punctuation dropped).
fn split(form: &str) -> Vec<String> {
    super::words::units(form, 0, form.len(), &[])
        .into_iter()
        .filter(|w| w.is_word())
        .map(|w| w.lower)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_with_the_code_it_is_listed_under() {
        let cues = Cues::get();
        for (code, _) in FILES {
            assert!(cues.language(code).is_some(), "{code}");
        }
        let all = LanguageSet::MAX;
        assert_eq!(cues.word("sagte", all).verb, Some(VerbClass::Say));
        assert!(cues.word("laut", all).is(flag::ACCORDING));
    }

    /// The German rule makes every form of a weak verb, with a linking vowel after a stem in
    /// -t or -d, no participle prefix after an inseparable prefix or for -ieren verbs, and a
    /// separable prefix both glued (subordinate clause) and closing the clause (main clause).
    #[test]
    fn regular_verbs_get_their_forms_by_the_rule_of_their_language() {
        let german: LanguageFile = toml::from_str(FILES[0].1).unwrap();
        let rule = german.conjugation.expect("German has a conjugation rule");
        let forms = |lemma: &str| {
            let mut f = rule.forms(lemma);
            f.sort();
            f
        };
        assert_eq!(
            forms("antworten"),
            [
                "antworten",
                "antwortet",
                "antwortete",
                "antworteten",
                "geantwortet"
            ]
        );
        assert_eq!(
            forms("äußern"),
            ["geäußert", "äußern", "äußert", "äußerte", "äußerten"]
        );
        assert!(forms("kritisieren").contains(&"kritisiert".to_string()));
        assert!(forms("bestätigen").contains(&"bestätigt".to_string()));
        assert!(!forms("bestätigen").contains(&"gebestätigt".to_string()));
        let separable = forms("auf|fordern");
        for form in [
            "aufgefordert",
            "auffordert",
            "aufforderte",
            "fordert … auf",
            "forderte … auf",
        ] {
            assert!(
                separable.contains(&form.to_string()),
                "{form} in {separable:?}"
            );
        }
        let cues = Cues::get();
        let all = LanguageSet::MAX;
        assert_eq!(cues.word("aufgefordert", all).verb, Some(VerbClass::Act));
        assert_eq!(
            cues.split_verb("forderten", all).next(),
            Some((&["auf".to_string()][..], cues.word("fordert", all)))
        );
    }

    #[test]
    fn words_count_only_in_active_languages() {
        let cues = Cues::get();
        let german = cues.active_for("deu", std::iter::empty::<&str>());
        let french = cues.active_for("fra", std::iter::empty::<&str>());
        assert!(cues.word("die", german).is(flag::DETERMINER));
        assert!(!cues.word("die", french).is(flag::DETERMINER));
        // A French verb in the text makes French words count, whatever was detected.
        let mixed = cues.active_for("cat", ["a", "déclaré", "said"].iter());
        assert!(cues.word("déclaré", mixed).verb.is_some());
        assert!(cues.word("said", mixed).verb.is_some());
    }

    #[test]
    fn phrases_match_their_longest_form() {
        let cues = Cues::get();
        let all = LanguageSet::MAX;
        let words = ["nach", "angaben", "von", "x"];
        let (len, entry) = cues.phrase(|k| words.get(k).copied(), all).unwrap();
        assert_eq!(len, 3);
        assert!(entry.is(flag::ACCORDING));
    }
}
