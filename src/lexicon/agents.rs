//! Which nouns name someone who can speak: a person or an organization.
//!
//! A reporting verb's subject is a speaker when it names a person ("the strategists", "ein
//! örtlicher Mitarbeiter") or an organization ("the league", "die Regierung"), and not when it
//! names a time, a place or a thing. Lists of such nouns are never complete, so the lexicon
//! decides: a noun names an agent when one of its noun senses has `person` or `organization`
//! among its WordNet hypernyms (attendee → participant → associate → peer → person; Regierung
//! → government → polity → organization). Every language the lexicon covers is read the same
//! way, through the synsets its words share with English.
//!
//! The lexicon keeps WordNet's instance links with its hypernyms, so a common word that is also
//! the name of someone WordNet lists ("price": Leontyne Price, a soprano) counts as naming a
//! person. The question is only asked of the subject of a reporting verb, where that reading
//! is the likely one anyway.

use std::sync::OnceLock;

use super::{Lexicon, Synset};

/// The deepest hypernym chain followed; WordNet's noun hierarchy is at most 19 deep, and
/// `person` and `organization` sit within a few steps of the top.
const MAX_DEPTH: usize = 16;

/// What kind of agent a noun names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agent {
    /// Someone: a hyponym of `person` ("strategist", "Forscher").
    Person,
    /// A body of people: a hyponym of `organization` ("league", "Regierung").
    Organization,
}

/// The anchor synsets: (synset, kind).
///
/// Each anchor is the noun sense of its word that sits under the right branch of the
/// hierarchy: `person` under `organism` (not the grammatical category "first person"),
/// `organization` under `group` (not the act of organizing).
fn anchors(lexicon: &Lexicon) -> &'static [(Synset, Agent)] {
    static ANCHORS: OnceLock<Vec<(Synset, Agent)>> = OnceLock::new();
    ANCHORS.get_or_init(|| {
        let first_lemma = |s: Synset| lexicon.english(s).split(',').next().unwrap_or("");
        let under = |s: Synset, ancestor: &str| {
            let mut frontier = vec![s];
            (0..3).any(|_| {
                frontier = lexicon.hypernyms(&frontier);
                frontier.iter().any(|&h| first_lemma(h) == ancestor)
            })
        };
        let mut out = Vec::new();
        for (lemma, ancestor, kind) in [
            ("person", "organism", Agent::Person),
            ("organization", "group", Agent::Organization),
        ] {
            for s in lexicon.senses("eng", lemma, lemma) {
                if lexicon.part_of_speech(s) == 0 && first_lemma(s) == lemma && under(s, ancestor) {
                    out.push((s, kind));
                }
            }
        }
        out
    })
}

impl Lexicon {
    /// Whether a noun of `language` (its lowercase form and stem) names a person or an
    /// organization in one of its senses, and which (a person first).
    pub fn agent(&self, language: &str, lower: &str, stem: &str) -> Option<Agent> {
        let anchors = anchors(self);
        let mut frontier: Vec<Synset> = self
            .senses(language, lower, stem)
            .into_iter()
            .filter(|&s| self.part_of_speech(s) == 0)
            .collect();
        let mut seen = frontier.clone();
        let mut found = None;
        for _ in 0..MAX_DEPTH {
            if frontier.is_empty() {
                break;
            }
            for &s in &frontier {
                if let Some(&(_, kind)) = anchors.iter().find(|(a, _)| *a == s) {
                    if kind == Agent::Person {
                        return Some(kind);
                    }
                    found = Some(kind);
                }
            }
            let next: Vec<Synset> = self
                .hypernyms(&frontier)
                .into_iter()
                .filter(|s| !seen.contains(s))
                .collect();
            seen.extend(&next);
            frontier = next;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(language: &str, word: &str) -> Option<Agent> {
        let stem = crate::text::Analyzer::for_language(language).stem(word);
        Lexicon::embedded().agent(language, word, &stem)
    }

    #[test]
    fn people_and_organizations_are_agents_in_any_language() {
        assert_eq!(agent("eng", "strategists"), Some(Agent::Person));
        assert_eq!(agent("eng", "attendee"), Some(Agent::Person));
        assert_eq!(agent("eng", "league"), Some(Agent::Organization));
        assert_eq!(agent("deu", "forscher"), Some(Agent::Person));
        assert_eq!(agent("deu", "regierung"), Some(Agent::Organization));
    }

    #[test]
    fn each_anchor_is_one_sense_of_its_word() {
        let anchors = anchors(Lexicon::embedded());
        let count = |kind| anchors.iter().filter(|(_, k)| *k == kind).count();
        assert_eq!((count(Agent::Person), count(Agent::Organization)), (1, 1));
    }

    #[test]
    fn times_places_and_things_are_not() {
        for word in ["tuesday", "week", "poll", "river", "table", "statement"] {
            assert_eq!(agent("eng", word), None, "{word}");
        }
        assert_eq!(agent("deu", "woche"), None);
    }
}
