//! A seeded generator of news-like coverage for benchmarks.
//!
//! Coverage is organized as real coverage is: many *stories*, each covered by about five
//! articles. A story has a cast (speakers with titles) and a few *statements*; each article
//! reports some of them, directly or as reported speech, through every quoting pattern
//! extraction handles (speaker after or before the quote, colons, "according to", pronouns,
//! scare quotes, nested quotes), and with the drift translation introduces: a word swapped
//! for a synonym or for another word, a word dropped, a number changed, a negation added.
//!
//! The words are real: statements mix the vocabulary of the seed fixtures (compiled in), a
//! list of news synonyms that translations swap (swift / rapid, talks / negotiations), numbers,
//! and a few names and places of the story's own (pronounceable made-up tokens, so that
//! stories differ in their telling words as real ones do). Between the statements, articles
//! carry narrative sentences taken from the fixtures (those without quotation marks or
//! reporting verbs), so extraction reads as much plain prose as in real articles. The same
//! seed gives the same corpus.

/// A small, fast, seeded pseudo-random generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ten", "vor", "sil", "da", "nu", "pe", "tri", "gon", "bel", "sa", "ri",
    "mon", "ta", "ve", "lin", "do", "ser", "qua", "fi", "har",
];
pub const TITLES: &[&str] = &[
    "Foreign Minister",
    "Secretary of State",
    "Prime Minister",
    "President",
    "Defence Minister",
    "spokesman",
];
pub const FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "a", "in", "that", "with", "on", "for",
];
const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "stressed",
    "noted",
    "warned",
];
pub const MODALS: &[&str] = &["will", "would", "could", "might"];
/// Common words of political news, shared by every story, as real coverage shares them.
pub const NEWS: &[&str] = &[
    "talks",
    "security",
    "response",
    "meeting",
    "border",
    "troops",
    "sanctions",
    "minister",
    "government",
    "president",
    "agreement",
    "negotiations",
    "demands",
    "proposal",
    "crisis",
    "week",
    "country",
    "allies",
    "military",
    "diplomatic",
    "peace",
    "conflict",
    "war",
    "state",
    "position",
    "region",
    "forces",
    "support",
    "threat",
    "attack",
    "dialogue",
    "summit",
    "leaders",
    "officials",
    "guarantees",
    "expansion",
    "invasion",
    "relations",
    "process",
    "question",
    "situation",
    "side",
    "sides",
    "future",
    "time",
    "year",
    "people",
    "world",
];

/// The seed articles, the source of narrative sentences and of the statements' vocabulary.
const FIXTURES: &[&str] = &[
    include_str!("../../fixtures/geneva-2022/000_c9853349ed1b219d.txt"),
    include_str!("../../fixtures/geneva-2022/001_a8afbed247e5946a.txt"),
    include_str!("../../fixtures/geneva-2022/002_7f7ac94bf29114df.txt"),
    include_str!("../../fixtures/geneva-2022/003_dc03c1db8e55d129.txt"),
    include_str!("../../fixtures/geneva-2022/004_e7aa7f92c00fff20.txt"),
];

/// Pairs of news words a translation swaps for each other.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("swift", "rapid"),
    ("united", "unanimous"),
    ("serious", "grave"),
    ("severe", "harsh"),
    ("talks", "negotiations"),
    ("open", "frank"),
    ("useful", "helpful"),
    ("response", "reaction"),
    ("warned", "cautioned"),
    ("attack", "assault"),
    ("troops", "soldiers"),
    ("border", "frontier"),
    ("threat", "menace"),
    ("demands", "requirements"),
    ("ready", "prepared"),
    ("continue", "proceed"),
    ("important", "significant"),
    ("agreement", "accord"),
    ("begin", "start"),
    ("help", "assist"),
];

/// Words that make a sentence a report of speech; narrative sentences have none of them.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "according",
    "added",
    "stressed",
    "warned",
    "noted",
    "stated",
    "insisted",
    "called",
    "described",
    "asked",
    "reiterated",
    "confirmed",
    "emphasizes",
    "believes",
    "agreed",
    "that",
    "renewed",
    "repeated",
];

/// Sentences and words drawn from the fixtures, computed once.
pub struct Material {
    pub narrative: Vec<String>,
    pub vocabulary: Vec<String>,
}

pub fn material() -> &'static Material {
    static MATERIAL: std::sync::OnceLock<Material> = std::sync::OnceLock::new();
    MATERIAL.get_or_init(|| {
        let mut narrative = Vec::new();
        let mut vocabulary = std::collections::BTreeSet::new();
        for text in FIXTURES {
            for line in text.lines() {
                for sentence in line.split_inclusive(". ") {
                    let sentence = sentence.trim();
                    let words: Vec<&str> = sentence.split_whitespace().collect();
                    let quoted = sentence.contains(['“', '”', '"', '«', '»', '‘', '’', '„']);
                    let reporting = words.iter().any(|w| {
                        let w = w
                            .trim_matches(|c: char| !c.is_alphanumeric())
                            .to_lowercase();
                        REPORTING.contains(&w.as_str())
                    });
                    if words.len() >= 8 && sentence.ends_with('.') && !quoted && !reporting {
                        narrative.push(sentence.to_string());
                    }
                }
                for w in line.split(|c: char| !c.is_alphabetic()) {
                    if w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase()) {
                        vocabulary.insert(w.to_string());
                    }
                }
            }
        }
        Material {
            narrative,
            vocabulary: vocabulary.into_iter().collect(),
        }
    })
}

pub fn word(rng: &mut Rng) -> String {
    let n = 3 + rng.below(3);
    (0..n).map(|_| *rng.pick(SYLLABLES)).collect()
}

pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

struct Speaker {
    title: &'static str,
    first: String,
    last: String,
}

struct Story {
    cast: Vec<Speaker>,
    /// Statements as word lists, each with the index of its speaker.
    statements: Vec<(usize, Vec<String>)>,
    /// The story's own words: its places and names, and the fixture words it dwells on.
    vocabulary: Vec<String>,
}

fn story(rng: &mut Rng) -> Story {
    let cast = (0..2 + rng.below(2))
        .map(|_| Speaker {
            title: TITLES[rng.below(TITLES.len())],
            first: capitalize(&word(rng)),
            last: capitalize(&word(rng)),
        })
        .collect::<Vec<_>>();
    let fixture_words = &material().vocabulary;
    let vocabulary: Vec<String> = (0..40)
        .map(|i| {
            if i % 4 == 0 {
                capitalize(&word(rng))
            } else {
                rng.pick(fixture_words).clone()
            }
        })
        .collect();
    let statements = (0..3 + rng.below(3))
        .map(|_| {
            let speaker = rng.below(cast.len());
            let mut words = Vec::new();
            for i in 0..8 + rng.below(8) {
                if i % 3 == 1 {
                    words.push(rng.pick(FUNCTION).to_string());
                } else if i == 4 {
                    words.push(rng.pick(MODALS).to_string());
                } else if i == 6 && rng.chance(30) {
                    words.push(format!("{}", 10 * (1 + rng.below(90))));
                } else if rng.chance(25) {
                    words.push(rng.pick(SYNONYMS).0.to_string());
                } else if rng.chance(20) {
                    words.push(rng.pick(NEWS).to_string());
                } else if rng.chance(50) {
                    words.push(rng.pick(&vocabulary).clone());
                } else {
                    words.push(rng.pick(fixture_words).clone());
                }
            }
            (speaker, words)
        })
        .collect();
    Story {
        cast,
        statements,
        vocabulary,
    }
}

/// One version of a statement, with the drift a translation might bring.
fn version(rng: &mut Rng, words: &[String], vocabulary: &[String]) -> String {
    let mut out: Vec<String> = words.to_vec();
    match rng.below(7) {
        0 => {
            let i = rng.below(out.len());
            out[i] = rng.pick(vocabulary).clone();
        }
        1 if out.len() > 4 => {
            let i = rng.below(out.len());
            out.remove(i);
        }
        2 => {
            if let Some(i) = out
                .iter()
                .position(|w| w.chars().all(|c| c.is_ascii_digit()))
            {
                out[i] = format!("{}", 10 * (1 + rng.below(90)));
            }
        }
        3 => {
            if let Some(i) = out.iter().position(|w| MODALS.contains(&w.as_str())) {
                out.insert(i + 1, "not".to_string());
            }
        }
        4 | 5 => {
            for w in out.iter_mut() {
                if let Some((_, synonym)) = SYNONYMS.iter().find(|(word, _)| word == w) {
                    *w = synonym.to_string();
                    break;
                }
            }
        }
        _ => {}
    }
    out.join(" ")
}

fn article(rng: &mut Rng, story: &Story) -> String {
    let narrative = &material().narrative;
    let mut out = String::new();
    let lead = &story.cast[0];
    out.push_str(&format!("{} says talks will go on\n\n", lead.last));
    out.push_str(&format!(
        "{} {} {} met his counterparts on Friday.\n\n",
        lead.title, lead.first, lead.last
    ));
    for (speaker, words) in &story.statements {
        if !rng.chance(75) {
            continue;
        }
        let s = &story.cast[*speaker];
        let text = version(rng, words, &story.vocabulary);
        let verb = rng.pick(VERBS);
        let sentence = match rng.below(8) {
            0 => format!("“{}.” {} {verb}.", capitalize(&text), s.last),
            1 => format!("{} {} {} {verb} that {text}.", s.title, s.first, s.last),
            2 => format!("According to {}, {text}.", s.last),
            3 => format!(
                "{} {} spoke. {}, he said.",
                s.first,
                s.last,
                capitalize(&text)
            ),
            4 => format!(
                "{} told a news conference: “{}.”",
                s.last,
                capitalize(&text)
            ),
            5 => format!(
                "{} described the talks as “{}” and not “{}”.",
                s.last,
                rng.pick(&story.vocabulary),
                rng.pick(&story.vocabulary)
            ),
            6 => format!(
                "{} said: “We made it clear – it would be ‘{}.’ {}.”",
                s.last,
                rng.pick(&story.vocabulary),
                capitalize(&text)
            ),
            _ => format!("“{},” {} {} {verb}.", capitalize(&text), s.first, s.last),
        };
        out.push_str(&sentence);
        out.push_str("\n\n");
        for _ in 0..2 + rng.below(3) {
            let sentence: &String = rng.pick(narrative);
            out.push_str(sentence);
            out.push(' ');
        }
        out.pop();
        out.push_str("\n\n");
    }
    out
}

/// `n` articles, about five per story.
pub fn articles(seed: u64, n: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let stories: Vec<Story> = (0..n.div_ceil(5)).map(|_| story(&mut rng)).collect();
    (0..n).map(|i| article(&mut rng, &stories[i / 5])).collect()
}

/// The articles as sources `a00000`, `a00001`…, read as the command line would read them.
#[allow(
    dead_code,
    reason = "used by the benchmarks, not by the corpus generator"
)]
pub fn sources(texts: &[String]) -> Vec<quotedrift::ingest::Source> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut source = quotedrift::ingest::read_bytes(
                &format!("a{i:05}"),
                "-",
                t.as_bytes(),
                Default::default(),
            )
            .expect("generated text is valid");
            // Declared, as the JSON Lines records declare it: language detection has a
            // benchmark of its own.
            source.meta.language = Some("en".to_string());
            source
        })
        .collect()
}

/// The articles as JSON Lines records, as `quotedrift report --jsonl` reads them: `id`,
/// `outlet`, `language` and `text`.
#[allow(
    dead_code,
    reason = "used by the corpus generator, not by every benchmark"
)]
pub fn jsonl(texts: &[String]) -> String {
    let mut out = String::new();
    for (i, text) in texts.iter().enumerate() {
        let record = serde_json::json!({
            "id": format!("a{i:05}"),
            "outlet": format!("Outlet {}", i % 5),
            "language": "en",
            "text": text,
        });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}
