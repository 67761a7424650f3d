//! Who speaks: the people and bodies an article quotes, and how its mentions resolve to them.
//!
//! An article names a person in several ways — "Russian Foreign Minister Sergei Lavrov",
//! "Lavrov", "the Russian foreign minister", "the minister", "he". The [`Entities`] of one
//! article collect them: a person is keyed by surname, keeps every spelling the article uses
//! (004 writes both "Sergey" and "Sergei"), and the title words met before the name, which is
//! how a role description finds its person ("the Secretary of State" → the entity whose titles
//! hold *secretary*, *of* and *state*). The canonical name is the longest spelling, the first
//! one seen on a tie.
//!
//! Speakers are not always people: groups ("both sides"), organizations, governments by
//! metonymy ("Moscow", "the United States") and publications ("the report", "Russian news
//! agencies") are kept too, typed by [`SpeakerKind`].

use crate::lexicon::agents::Agent;
use std::collections::BTreeSet;

use serde::Serialize;

use super::cues;
use super::words::W;

/// What kind of speaker an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerKind {
    /// One person, named or described.
    Person,
    /// Several people or parties ("both sides", "Western countries").
    Group,
    /// An organization, a government or a country speaking as one.
    Organization,
    /// A publication, agency or document ("the report").
    Publication,
}

/// A speaker of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The canonical name: the longest spelling the article uses.
    pub name: String,
    /// What kind of speaker this is.
    pub kind: SpeakerKind,
    /// Every spelling the article uses, in order of first use.
    pub names: Vec<String>,
    /// Where each spelling was first used (parallel to `names`).
    first_use: Vec<usize>,
    /// Lowercase surname (persons only).
    surname: Option<String>,
    /// Lowercase title words met before the name.
    titles: BTreeSet<String>,
}

impl Entity {
    /// An entity as a report describes it (canonical name, kind, spellings), for reading a
    /// report back ([`crate::report::json::read_extraction`]).
    pub fn described(name: String, kind: SpeakerKind, names: Vec<String>) -> Entity {
        let surname = (kind == SpeakerKind::Person)
            .then(|| name.split_whitespace().last().map(str::to_lowercase))
            .flatten();
        Entity {
            first_use: vec![0; names.len()],
            name,
            kind,
            names,
            surname,
            titles: BTreeSet::new(),
        }
    }

    fn key(&self) -> String {
        match &self.surname {
            Some(surname) => surname.clone(),
            None => self.name.to_lowercase(),
        }
    }
}

/// The speakers of one article.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    list: Vec<Entity>,
    /// Byte offset of each entity's latest mention, for recency.
    last_seen: Vec<usize>,
}

/// A noun phrase read in speaker position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Np {
    /// A personal pronoun (lowercase).
    Pronoun(String),
    /// A named person: name text and title words.
    Person {
        /// The name as written, possessive removed.
        name: String,
        /// Lowercase surname.
        surname: String,
        /// Lowercase title words before the name.
        titles: Vec<String>,
    },
    /// A description of one person ("the secretary"): its lowercase words, and whether it is
    /// definite (and so refers to someone named earlier).
    Role {
        /// Lowercase words without the determiner.
        words: Vec<String>,
        /// The phrase as written.
        text: String,
        /// Opened by "the" (or no determiner) rather than "a".
        definite: bool,
    },
    /// Any other kind of speaker, with its text.
    Other(SpeakerKind, String),
}

impl Entities {
    /// The entities, in order of first mention.
    pub fn into_list(mut self) -> Vec<Entity> {
        for entity in &mut self.list {
            let mut order: Vec<(usize, String)> = entity
                .first_use
                .iter()
                .copied()
                .zip(entity.names.iter().cloned())
                .collect();
            order.sort();
            entity.names = order.into_iter().map(|(_, n)| n).collect();
            let mut best = entity.names[0].clone();
            for name in &entity.names {
                if name.chars().count() > best.chars().count() {
                    best = name.clone();
                }
            }
            entity.name = best;
        }
        self.list
    }

    /// The entity's kind.
    pub fn kind(&self, id: usize) -> SpeakerKind {
        self.list[id].kind
    }

    /// Forgets the recency of an entity (it was registered ahead of its mentions).
    pub fn untouch(&mut self, id: usize) {
        self.last_seen[id] = 0;
    }

    /// Records that an entity was mentioned at `at`.
    pub fn touch(&mut self, id: usize, at: usize) {
        self.last_seen[id] = self.last_seen[id].max(at);
    }

    fn push(&mut self, entity: Entity, at: usize) -> usize {
        self.list.push(entity);
        self.last_seen.push(at);
        self.list.len() - 1
    }

    /// Adds a named person, or merges the name into the person with the same surname.
    pub fn person(&mut self, name: &str, surname: &str, titles: &[String], at: usize) -> usize {
        let id = match self.by_surname(surname) {
            Some(id) => id,
            None => self.push(
                Entity {
                    name: name.to_string(),
                    kind: SpeakerKind::Person,
                    names: Vec::new(),
                    first_use: Vec::new(),
                    surname: Some(surname.to_string()),
                    titles: BTreeSet::new(),
                },
                at,
            ),
        };
        let entity = &mut self.list[id];
        match entity.names.iter().position(|n| n == name) {
            Some(i) => entity.first_use[i] = entity.first_use[i].min(at),
            None => {
                entity.names.push(name.to_string());
                entity.first_use.push(at);
            }
        }
        if name.chars().count() > entity.name.chars().count() {
            entity.name = name.to_string();
        }
        entity
            .titles
            .extend(titles.iter().filter(|t| t.as_str() != "of").cloned());
        self.touch(id, at);
        id
    }

    /// Adds (or finds) a speaker that is not a named person, keyed by its lowercase text.
    pub fn other(&mut self, kind: SpeakerKind, text: &str, at: usize) -> usize {
        let key = text.to_lowercase();
        if let Some(id) = self
            .list
            .iter()
            .position(|e| e.surname.is_none() && e.key() == key)
        {
            self.touch(id, at);
            return id;
        }
        self.push(
            Entity {
                name: text.to_string(),
                kind,
                names: vec![text.to_string()],
                first_use: vec![at],
                surname: None,
                titles: BTreeSet::new(),
            },
            at,
        )
    }

    /// The lowercase surnames of the persons known so far.
    pub fn surnames(&self) -> Vec<String> {
        self.list.iter().filter_map(|e| e.surname.clone()).collect()
    }

    /// The person with this lowercase surname.
    pub fn by_surname(&self, surname: &str) -> Option<usize> {
        self.list
            .iter()
            .position(|e| e.surname.as_deref() == Some(surname))
    }

    /// The most recently mentioned person with a title ending in `head` ("außenministerin"
    /// for "ministerin", "foreign minister" for "minister").
    pub fn by_title_suffix(&self, head: &str) -> Option<usize> {
        self.list
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == SpeakerKind::Person)
            .filter(|(_, e)| e.titles.iter().any(|t| t.ends_with(head)))
            .max_by_key(|(id, _)| self.last_seen[*id])
            .map(|(id, _)| id)
    }

    /// The person whose surname occurs in `text` (for scripts without spaces), the longest
    /// surname first.
    pub fn find_in(&self, text: &str) -> Option<usize> {
        self.list
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == SpeakerKind::Person)
            .filter_map(|(id, e)| e.surname.as_deref().map(|s| (id, s)))
            .filter(|(_, s)| !s.is_empty() && text.contains(s))
            .max_by_key(|(_, s)| s.chars().count())
            .map(|(id, _)| id)
    }

    /// The most recently mentioned person whose titles include every word of a role
    /// description (its head and modifiers), if any.
    pub fn by_role(&self, words: &[String]) -> Option<usize> {
        let wanted: Vec<&String> = words
            .iter()
            .filter(|w| w.as_str() != "of" && !cues::is_determiner(w))
            .collect();
        if wanted.is_empty() {
            return None;
        }
        self.list
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == SpeakerKind::Person)
            .filter(|(_, e)| wanted.iter().all(|w| e.titles.contains(w.as_str())))
            .max_by_key(|(id, _)| self.last_seen[*id])
            .map(|(id, _)| id)
    }
}

/// Strips a trailing possessive from a surface name ("Joe Biden’s" → "Joe Biden").
fn strip_possessive(name: &str) -> &str {
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(base) = name.strip_suffix(suffix) {
            return base;
        }
    }
    name
}

/// Reads a noun phrase (the words of `units`, which must be words) as a speaker.
pub fn classify(text: &str, units: &[W]) -> Option<Np> {
    let words: Vec<&W> = units.iter().filter(|w| w.is_word()).collect();
    let first = words.first()?;
    let last = words.last()?;
    let surface = strip_possessive(&text[first.start..last.end]).to_string();
    if words.len() == 1 {
        let lower = first.lower.as_str();
        if matches!(lower, "he" | "she" | "they" | "him" | "her" | "i" | "we") {
            return Some(Np::Pronoun(lower.to_string()));
        }
        // A quantifier standing for people: "both", "many said …", "others argued …".
        if matches!(
            lower,
            "both" | "many" | "most" | "some" | "few" | "others" | "several"
        ) {
            return Some(Np::Other(SpeakerKind::Group, surface));
        }
    }
    // Function words alone name nobody ("There, the chairman said …", "As …", "I'm").
    static ENGLISH: std::sync::LazyLock<crate::text::Analyzer> =
        std::sync::LazyLock::new(|| crate::text::Analyzer::with_lexicon("eng", None));
    if words.iter().all(|w| {
        w.lower
            .split(['\'', '’'])
            .all(|part| part.len() <= 1 || ENGLISH.is_stopword(part))
    }) {
        return None;
    }
    let lowers: Vec<&str> = words.iter().map(|w| w.lower.as_str()).collect();
    // A day or a month is when, not who ("… published Wednesday said …").
    if lowers.iter().any(|w| cues::is_time_word(w)) {
        return None;
    }
    // "a report by DPA": the head is the word before "by"; "critics of the plan",
    // "officials in both cities", "residents fighting the closure": a speaker's head word
    // before a preposition linking a modifier or before a participle.
    let head_end = lowers
        .iter()
        .enumerate()
        .position(|(i, w)| {
            *w == "by"
                || (i > 0
                    && i + 1 < lowers.len()
                    && (cues::is_modifier_link(w) || cues::is_participle_shape(w))
                    && (cues::is_role_head(lowers[i - 1])
                        || cues::is_group_head(lowers[i - 1])
                        || cues::is_publication_head(lowers[i - 1])))
        })
        .unwrap_or(lowers.len());
    if head_end == 0 {
        return None;
    }
    let head = lowers[head_end - 1];
    let determiner = cues::is_determiner(lowers[0]);
    let body = if determiner { &words[1..] } else { &words[..] };
    if body.is_empty() {
        return None;
    }
    let text_of =
        |ws: &[&W]| strip_possessive(&text[ws[0].start..ws[ws.len() - 1].end]).to_string();
    let canonical = if determiner && lowers[0] == "the" {
        format!("the {}", text_of(body))
    } else {
        surface.clone()
    };
    let all_cap = body.iter().all(|w| {
        w.is_cap()
            || matches!(
                w.lower.as_str(),
                "of" | "and" | "de" | "von" | "van" | "al" | "bin"
            )
    });
    if lowers.contains(&"and") {
        return if all_cap || cues::is_group_head(head) {
            Some(Np::Other(SpeakerKind::Group, canonical))
        } else {
            None
        };
    }
    if all_cap {
        let name_start = body
            .iter()
            .rposition(|w| cues::is_title_word(&w.lower))
            .map_or(0, |i| i + 1);
        let titles: Vec<String> = body[..name_start].iter().map(|w| w.lower.clone()).collect();
        let name = &body[name_start..];
        // Words that are not part of a title decide: "Reference News Network", "Hotel
        // President Wilson", "the State Department".
        let telling: Vec<&str> = body
            .iter()
            .enumerate()
            .filter(|(i, w)| *i >= name_start || !cues::is_title_word(&w.lower))
            .map(|(_, w)| w.lower.as_str())
            .collect();
        if telling.iter().any(|w| cues::is_publication_word(w)) {
            return Some(Np::Other(SpeakerKind::Publication, canonical));
        }
        if telling.iter().any(|w| cues::is_organization_word(w))
            || (name.is_empty() && cues::is_organization_word(head))
        {
            return Some(Np::Other(SpeakerKind::Organization, canonical));
        }
        if name.is_empty() {
            if !titles.iter().any(|t| cues::is_role_head(t)) {
                // "Western", "Russian" name nobody; "Islamic State", "the Federal Reserve"
                // (two title words or more, no role) name an organization.
                return (body.len() >= 2 && !body.iter().all(|w| cues::is_demonym(&w.lower)))
                    .then_some(Np::Other(SpeakerKind::Organization, canonical));
            }
            return Some(Np::Role {
                words: titles,
                text: canonical,
                definite: true,
            });
        }
        if telling.iter().any(|w| cues::is_place_word(w)) {
            return Some(Np::Other(SpeakerKind::Organization, canonical));
        }
        if cues::is_group_head(head) {
            return Some(Np::Other(SpeakerKind::Group, canonical)); // "the Americans"
        }
        if name.iter().all(|w| cues::is_demonym(&w.lower)) {
            return None;
        }
        if name.iter().any(|w| w.lower.chars().any(|c| c.is_numeric())) {
            return None;
        }
        let surname = name[name.len() - 1].lower.clone();
        return Some(Np::Person {
            name: text_of(name),
            surname,
            titles,
        });
    }
    if cues::is_role_head(head) {
        let words: Vec<String> = body.iter().map(|w| w.lower.clone()).collect();
        return Some(Np::Role {
            words,
            text: canonical,
            definite: !determiner || lowers[0] == "the",
        });
    }
    if cues::is_group_head(head) {
        return Some(Np::Other(SpeakerKind::Group, canonical));
    }
    if cues::is_publication_head(head) {
        return Some(Np::Other(SpeakerKind::Publication, canonical));
    }
    // A noun the lists do not know: the lexicon says whether it names people ("the
    // strategists", "an attendee") or an organization ("the league").
    match crate::lexicon::Lexicon::embedded().agent("eng", head, head) {
        Some(Agent::Person) => Some(Np::Role {
            words: body.iter().map(|w| w.lower.clone()).collect(),
            text: canonical,
            definite: !determiner || lowers[0] == "the",
        }),
        Some(Agent::Organization) => Some(Np::Other(SpeakerKind::Organization, canonical)),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quote::words::units;

    fn np(text: &str) -> Option<Np> {
        classify(text, &units(text, 0, text.len(), &[]))
    }

    #[test]
    fn titles_are_split_from_names() {
        let Some(Np::Person {
            name,
            surname,
            titles,
        }) = np("U.S. Secretary of State Antony Blinken")
        else {
            panic!("not a person");
        };
        assert_eq!(name, "Antony Blinken");
        assert_eq!(surname, "blinken");
        assert_eq!(titles, ["u.s.", "secretary", "of", "state"]);
    }

    #[test]
    fn kinds_of_speakers() {
        assert!(matches!(np("Joe Biden’s"), Some(Np::Person { name, .. }) if name == "Joe Biden"));
        assert!(matches!(
            np("the Russian foreign minister"),
            Some(Np::Role { definite: true, .. })
        ));
        assert!(matches!(
            np("The Secretary of State"),
            Some(Np::Role { .. })
        ));
        assert!(matches!(
            np("a senior official"),
            Some(Np::Role {
                definite: false,
                ..
            })
        ));
        assert_eq!(np("he"), Some(Np::Pronoun("he".into())));
        assert_eq!(
            np("the report"),
            Some(Np::Other(SpeakerKind::Publication, "the report".into()))
        );
        assert_eq!(
            np("Russian news agencies"),
            Some(Np::Other(
                SpeakerKind::Publication,
                "Russian news agencies".into()
            ))
        );
        assert_eq!(
            np("Both sides"),
            Some(Np::Other(SpeakerKind::Group, "Both sides".into()))
        );
        assert_eq!(
            np("Moscow"),
            Some(Np::Other(SpeakerKind::Organization, "Moscow".into()))
        );
        assert_eq!(
            np("the United States"),
            Some(Np::Other(
                SpeakerKind::Organization,
                "the United States".into()
            ))
        );
        assert_eq!(
            np("NATO"),
            Some(Np::Other(SpeakerKind::Organization, "NATO".into()))
        );
        assert_eq!(np("Western"), None);
        assert_eq!(np("emotions"), None);
    }

    #[test]
    fn spellings_merge_and_roles_resolve() {
        let mut entities = Entities::default();
        let titles = ["russian".to_string(), "foreign".into(), "minister".into()];
        let a = entities.person("Sergey Lavrov", "lavrov", &titles, 10);
        let b = entities.person("Lavrov", "lavrov", &[], 20);
        let c = entities.person("Sergei Lavrov", "lavrov", &[], 30);
        assert!(a == b && b == c);
        let blinken = entities.person(
            "Antony Blinken",
            "blinken",
            &["secretary".into(), "of".into(), "state".into()],
            40,
        );
        assert_eq!(
            entities.by_role(&["foreign".into(), "minister".into()]),
            Some(a)
        );
        assert_eq!(entities.by_role(&["secretary".into()]), Some(blinken));
        assert_eq!(entities.by_role(&["president".into()]), None);
        let list = entities.into_list();
        assert_eq!(list[a].name, "Sergey Lavrov");
        assert_eq!(list[a].names, ["Sergey Lavrov", "Lavrov", "Sergei Lavrov"]);
    }
}
