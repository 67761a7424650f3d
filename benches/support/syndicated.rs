//! A seeded generator of syndicated coverage: wire stories republished by many outlets.
//!
//! Real coverage is syndicated: an agency's story is carried by hundreds of sites, most of them
//! word for word, some lightly edited, a few translated, and later copies are made from
//! earlier ones. This generator writes such a corpus:
//!
//! - **Stories** are picked by each article with Zipf-like popularity (the k-th story in
//!   proportion to 1/k, one story for every 40 articles), so the largest story is carried by a
//!   fifth of the corpus at 1,000 articles and an eighth at 16,000, growing with it, and the
//!   smallest by a handful.
//! - **Copies** descend from the wire or from an earlier copy of the same story (half of them
//!   each), inheriting its wording; a copy changes each statement it carries with a small
//!   chance (a quarter): a word swapped for a synonym, a number changed, a word dropped, a
//!   negation added, direct speech turned into reported speech, or the words given to another
//!   member of the cast. Edits accumulate down the chain of copies, so the largest stories have
//!   dozens of distinct wordings of each statement, most of them one or two words apart.
//!   Prose between statements is the wire's, copied.
//! - **Translations**: one copy in twenty is a German translation of its parent (its words
//!   rendered through a small dictionary, its own German prose), and a quarter of the copies
//!   made from a German copy are translated back into English, with the synonym the
//!   translator chose in place of each swappable word.
//! - **Times**: a story's wire copy is published at its own minute, and every copy from one
//!   to two hours after the one it was made from.
//!
//! Statements are built from news words (those of [`super::corpus`]), numbers, and names of the
//! story's own, so the German dictionary covers every word but the names. The same seed gives
//! the same corpus.

use super::corpus::{capitalize, material, word, Rng, FUNCTION, MODALS, NEWS, SYNONYMS, TITLES};

/// One generated article with the metadata a JSON Lines record carries.
pub struct Article {
    pub outlet: String,
    /// ISO 639-1, as a newsroom's feed would declare it.
    pub language: &'static str,
    /// ISO 639-3 codes from the wire's language to this copy's, when it is a translation.
    pub translation_chain: Vec<&'static str>,
    /// RFC 3339, UTC.
    pub published: String,
    pub text: String,
}

/// English news words and their German renderings.
const GERMAN: &[(&str, &str)] = &[
    ("the", "die"),
    ("of", "der"),
    ("and", "und"),
    ("to", "zu"),
    ("a", "eine"),
    ("in", "in"),
    ("that", "dass"),
    ("with", "mit"),
    ("on", "auf"),
    ("for", "für"),
    ("will", "werde"),
    ("would", "würde"),
    ("could", "könnte"),
    ("might", "dürfte"),
    ("not", "nicht"),
    ("talks", "Gespräche"),
    ("security", "Sicherheit"),
    ("response", "Antwort"),
    ("meeting", "Treffen"),
    ("border", "Grenze"),
    ("troops", "Truppen"),
    ("sanctions", "Sanktionen"),
    ("minister", "Minister"),
    ("government", "Regierung"),
    ("president", "Präsident"),
    ("agreement", "Abkommen"),
    ("negotiations", "Verhandlungen"),
    ("demands", "Forderungen"),
    ("proposal", "Vorschlag"),
    ("crisis", "Krise"),
    ("week", "Woche"),
    ("country", "Land"),
    ("allies", "Verbündeten"),
    ("military", "Militär"),
    ("diplomatic", "diplomatisch"),
    ("peace", "Frieden"),
    ("conflict", "Konflikt"),
    ("war", "Krieg"),
    ("state", "Staat"),
    ("position", "Position"),
    ("region", "Region"),
    ("forces", "Streitkräfte"),
    ("support", "Unterstützung"),
    ("threat", "Bedrohung"),
    ("attack", "Angriff"),
    ("dialogue", "Dialog"),
    ("summit", "Gipfel"),
    ("leaders", "Staatschefs"),
    ("officials", "Beamte"),
    ("guarantees", "Garantien"),
    ("expansion", "Erweiterung"),
    ("invasion", "Invasion"),
    ("relations", "Beziehungen"),
    ("process", "Prozess"),
    ("question", "Frage"),
    ("situation", "Lage"),
    ("side", "Seite"),
    ("sides", "Seiten"),
    ("future", "Zukunft"),
    ("time", "Zeit"),
    ("year", "Jahr"),
    ("people", "Menschen"),
    ("world", "Welt"),
    ("swift", "schnell"),
    ("rapid", "rasch"),
    ("united", "geeint"),
    ("unanimous", "einstimmig"),
    ("serious", "ernst"),
    ("grave", "schwerwiegend"),
    ("severe", "streng"),
    ("harsh", "hart"),
    ("open", "offen"),
    ("frank", "freimütig"),
    ("useful", "nützlich"),
    ("helpful", "hilfreich"),
    ("reaction", "Reaktion"),
    ("warned", "warnte"),
    ("cautioned", "mahnte"),
    ("assault", "Überfall"),
    ("soldiers", "Soldaten"),
    ("frontier", "Landesgrenze"),
    ("menace", "Gefahr"),
    ("requirements", "Anforderungen"),
    ("ready", "bereit"),
    ("prepared", "vorbereitet"),
    ("continue", "fortsetzen"),
    ("proceed", "weitermachen"),
    ("important", "wichtig"),
    ("significant", "bedeutend"),
    ("accord", "Übereinkunft"),
    ("begin", "beginnen"),
    ("start", "starten"),
    ("help", "helfen"),
    ("assist", "unterstützen"),
];

/// Prose of the German copies (their translators' own, not the wire's).
const GERMAN_PROSE: &[&str] = &[
    "Die Gespräche dauerten am Freitag mehrere Stunden.",
    "Beide Seiten wollen in der kommenden Woche erneut zusammenkommen.",
    "Beobachter hatten im Vorfeld kaum mit einem Durchbruch gerechnet.",
    "Die Lage an der Grenze bleibt nach Angaben von Diplomaten angespannt.",
    "Das Treffen fand unter strengen Sicherheitsvorkehrungen statt.",
    "Zuvor hatten mehrere Regierungen ihre Besorgnis geäußert.",
];

const OUTLET_NAMES: &[&str] = &[
    "Herald",
    "Tribune",
    "Post",
    "Courier",
    "Gazette",
    "Times",
    "Daily",
    "Observer",
    "Chronicle",
    "Journal",
    "Record",
    "Ledger",
];
const GERMAN_OUTLET_NAMES: &[&str] = &["Rundschau", "Zeitung", "Anzeiger", "Kurier", "Nachrichten"];

const VERBS: &[&str] = &["said", "told reporters", "added", "stressed", "noted"];

struct Speaker {
    title: &'static str,
    first: String,
    last: String,
}

/// A statement as the wire gives it, with the alternatives copies may bring.
struct Statement {
    speaker: usize,
    words: Vec<String>,
    /// How it is quoted: 0–2 direct, 3 reported, 4 "according to".
    pattern: usize,
    /// Numbers an edit may put in place of the statement's number.
    other_numbers: [String; 3],
}

struct Story {
    cast: Vec<Speaker>,
    statements: Vec<Statement>,
    /// Narrative sentences of the wire copy, two after each statement.
    prose: Vec<String>,
    headline: String,
    /// Minutes after the corpus's first minute.
    wire_time: u32,
}

/// What a copy says of one statement: its words (in English, rendered in German when the copy
/// is German), how it quotes them and whom it names.
#[derive(Clone)]
struct Wording {
    speaker: usize,
    words: Vec<String>,
    pattern: usize,
}

#[derive(Clone)]
struct Copy {
    statements: Vec<Wording>,
    german: bool,
    chain: Vec<&'static str>,
    time: u32,
}

fn story(rng: &mut Rng, index: usize) -> Story {
    let cast: Vec<Speaker> = (0..2 + rng.below(2))
        .map(|_| Speaker {
            title: TITLES[rng.below(TITLES.len())],
            first: capitalize(&word(rng)),
            last: capitalize(&word(rng)),
        })
        .collect();
    let names: Vec<String> = (0..8).map(|_| capitalize(&word(rng))).collect();
    let statements = (0..4 + rng.below(3))
        .map(|_| {
            let mut words = Vec::new();
            for i in 0..9 + rng.below(7) {
                let w = if i % 3 == 1 {
                    rng.pick(FUNCTION).to_string()
                } else if i == 4 {
                    rng.pick(MODALS).to_string()
                } else if i == 6 && rng.chance(40) {
                    format!("{}", 10 * (1 + rng.below(90)))
                } else if rng.chance(35) {
                    rng.pick(SYNONYMS).0.to_string()
                } else if rng.chance(55) {
                    rng.pick(NEWS).to_string()
                } else {
                    rng.pick(&names).clone()
                };
                words.push(w);
            }
            Statement {
                speaker: rng.below(cast.len()),
                words,
                pattern: rng.below(5),
                other_numbers: [
                    format!("{}", 10 * (1 + rng.below(90))),
                    format!("{}", 5 + 10 * rng.below(90)),
                    format!("{}", 1 + rng.below(9)),
                ],
            }
        })
        .collect::<Vec<Statement>>();
    let narrative = &material().narrative;
    let prose = (0..2 * statements.len() + 1)
        .map(|_| rng.pick(narrative).clone())
        .collect();
    let headline = format!(
        "{} warns of {} as talks on {} go on",
        cast[0].last,
        rng.pick(NEWS),
        rng.pick(&names)
    );
    Story {
        cast,
        statements,
        prose,
        headline,
        wire_time: 7 * index as u32,
    }
}

fn wire(story: &Story) -> Copy {
    Copy {
        statements: story
            .statements
            .iter()
            .map(|s| Wording {
                speaker: s.speaker,
                words: s.words.clone(),
                pattern: s.pattern,
            })
            .collect(),
        german: false,
        chain: Vec::new(),
        time: story.wire_time,
    }
}

fn synonym(w: &str) -> Option<&'static str> {
    SYNONYMS.iter().find_map(|&(a, b)| {
        if a == w {
            Some(b)
        } else if b == w {
            Some(a)
        } else {
            None
        }
    })
}

/// A copy made from `parent`: the same wording, lightly edited, sometimes translated.
fn copy_of(rng: &mut Rng, story: &Story, parent: &Copy) -> Copy {
    let mut copy = parent.clone();
    copy.time = parent.time + 60 + rng.below(60) as u32;
    if !parent.german && rng.chance(5) {
        copy.german = true;
        copy.chain = if parent.chain.is_empty() {
            vec!["eng", "deu"]
        } else {
            let mut chain = parent.chain.clone();
            chain.push("deu");
            chain
        };
        return copy;
    }
    if parent.german && rng.chance(25) {
        // Translated back: the translator chose the other word of each synonym pair.
        copy.german = false;
        copy.chain.push("eng");
        for wording in &mut copy.statements {
            for w in &mut wording.words {
                if let Some(other) = synonym(w) {
                    *w = other.to_string();
                }
            }
        }
        return copy;
    }
    for (wording, statement) in copy.statements.iter_mut().zip(&story.statements) {
        match rng.below(100) {
            0..=9 => {
                let swappable: Vec<usize> = (0..wording.words.len())
                    .filter(|&i| synonym(&wording.words[i]).is_some())
                    .collect();
                if !swappable.is_empty() {
                    let w = &mut wording.words[*rng.pick(&swappable)];
                    *w = synonym(w).expect("has one").to_string();
                }
            }
            10..=13 => {
                if let Some(w) = wording
                    .words
                    .iter_mut()
                    .find(|w| w.chars().all(|c| c.is_ascii_digit()))
                {
                    *w = rng.pick(&statement.other_numbers).clone();
                }
            }
            14..=18 if wording.words.len() > 7 => {
                let i = 1 + rng.below(wording.words.len() - 1);
                wording.words.remove(i);
            }
            19..=20 if !wording.words.iter().any(|w| w == "not") => {
                if let Some(i) = wording
                    .words
                    .iter()
                    .position(|w| MODALS.contains(&w.as_str()))
                {
                    wording.words.insert(i + 1, "not".to_string());
                }
            }
            21..=22 if wording.pattern < 3 => wording.pattern = 3,
            23 => wording.speaker = (wording.speaker + 1) % story.cast.len(),
            _ => {}
        }
    }
    copy
}

fn german(w: &str) -> String {
    GERMAN
        .iter()
        .find(|(en, _)| *en == w)
        .map_or_else(|| w.to_string(), |(_, de)| de.to_string())
}

fn render(rng: &mut Rng, story: &Story, copy: &Copy) -> String {
    let mut out = String::new();
    let lead = &story.cast[0];
    if copy.german {
        out.push_str(&format!(
            "{} warnt, die Gespräche gehen weiter\n\n",
            lead.last
        ));
        out.push_str(&format!(
            "{} {} traf am Freitag seine Amtskollegen.\n\n",
            lead.first, lead.last
        ));
    } else {
        out.push_str(&story.headline);
        out.push_str("\n\n");
        out.push_str(&story.prose[0]);
        out.push_str("\n\n");
    }
    for (k, wording) in copy.statements.iter().enumerate() {
        // Outlets trim: a copy leaves out one statement in ten.
        if rng.chance(10) {
            continue;
        }
        let s = &story.cast[wording.speaker];
        let sentence = if copy.german {
            let text: Vec<String> = wording.words.iter().map(|w| german(w)).collect();
            let text = capitalize(&text.join(" "));
            match wording.pattern {
                0..=2 => format!("„{text}“, sagte {} {}.", s.first, s.last),
                3 => format!("{} {} sagte: „{text}.“", s.first, s.last),
                _ => format!("Laut {} gilt: „{text}.“", s.last),
            }
        } else {
            let text = wording.words.join(" ");
            let verb = VERBS[k % VERBS.len()];
            match wording.pattern {
                0 => format!("“{},” {} {} {verb}.", capitalize(&text), s.first, s.last),
                1 => format!(
                    "{} told a news conference: “{}.”",
                    s.last,
                    capitalize(&text)
                ),
                2 => format!("“{}.” {} {verb}.", capitalize(&text), s.last),
                3 => format!("{} {} {} {verb} that {text}.", s.title, s.first, s.last),
                _ => format!("According to {}, {text}.", s.last),
            }
        };
        out.push_str(&sentence);
        out.push_str("\n\n");
        if copy.german {
            out.push_str(GERMAN_PROSE[k % GERMAN_PROSE.len()]);
            out.push(' ');
            out.push_str(GERMAN_PROSE[(k + 3) % GERMAN_PROSE.len()]);
        } else {
            out.push_str(&story.prose[2 * k + 1]);
            out.push(' ');
            out.push_str(&story.prose[2 * k + 2]);
        }
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// `YYYY-MM-DDTHH:MM:00Z`, `minutes` after 2022-03-01T00:00Z (the corpus spans days, not
/// months).
fn timestamp(minutes: u32) -> String {
    let day = 1 + minutes / 1440;
    let (month, day) = if day > 31 { (4, day - 31) } else { (3, day) };
    format!(
        "2022-{month:02}-{day:02}T{:02}:{:02}:00Z",
        minutes / 60 % 24,
        minutes % 60
    )
}

/// `n` articles of syndicated coverage.
pub fn articles(seed: u64, n: usize) -> Vec<Article> {
    let mut rng = Rng::new(seed);
    let count = n.div_ceil(40).max(1);
    let stories: Vec<Story> = (0..count).map(|k| story(&mut rng, k)).collect();
    // Zipf-like popularity: the k-th story in proportion to 1/k.
    let weights: Vec<f64> = (1..=count).map(|k| 1.0 / k as f64).collect();
    let total: f64 = weights.iter().sum();
    let mut copies: Vec<Vec<Copy>> = vec![Vec::new(); count];
    let outlets: Vec<String> = (0..(n / 3).max(8))
        .map(|_| {
            format!(
                "The {} {}",
                capitalize(&word(&mut rng)),
                rng.pick(OUTLET_NAMES)
            )
        })
        .collect();
    let german_outlets: Vec<String> = (0..(n / 30).max(4))
        .map(|_| {
            format!(
                "{} {}",
                capitalize(&word(&mut rng)),
                rng.pick(GERMAN_OUTLET_NAMES)
            )
        })
        .collect();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * total;
        let mut k = 0;
        while k + 1 < count && x >= weights[k] {
            x -= weights[k];
            k += 1;
        }
        let story = &stories[k];
        let earlier = &copies[k];
        let copy = if earlier.is_empty() || rng.chance(50) {
            if earlier.is_empty() {
                wire(story)
            } else {
                copy_of(&mut rng, story, &wire(story))
            }
        } else {
            let parent = &earlier[rng.below(earlier.len())];
            copy_of(&mut rng, story, parent)
        };
        let text = render(&mut rng, story, &copy);
        out.push(Article {
            outlet: if copy.german {
                rng.pick(&german_outlets).clone()
            } else {
                rng.pick(&outlets).clone()
            },
            language: if copy.german { "de" } else { "en" },
            translation_chain: copy.chain.clone(),
            published: timestamp(copy.time),
            text,
        });
        copies[k].push(copy);
    }
    out
}

/// The articles as JSON Lines records, as `quotedrift report` reads them: `id`, `outlet`,
/// `language`, `published`, `text`, and for translations `original_language` and
/// `translation_chain`.
#[allow(
    dead_code,
    reason = "used by the corpus generator, not by the benchmarks"
)]
pub fn jsonl(articles: &[Article]) -> String {
    let mut out = String::new();
    for (i, a) in articles.iter().enumerate() {
        let mut record = serde_json::json!({
            "id": format!("s{i:05}"),
            "outlet": a.outlet,
            "language": a.language,
            "published": a.published,
            "text": a.text,
        });
        if let Some(&first) = a.translation_chain.first() {
            record["original_language"] = serde_json::json!(first);
            record["translation_chain"] = serde_json::json!(a.translation_chain);
        }
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

/// The articles as sources `s00000`, `s00001`…, with the metadata their JSON Lines records
/// declare, read as the command line would read them.
#[allow(
    dead_code,
    reason = "used by the benchmarks, not by the corpus generator"
)]
pub fn sources(articles: &[Article]) -> Vec<quotedrift::ingest::Source> {
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut source = quotedrift::ingest::read_bytes(
                &format!("s{i:05}"),
                "-",
                a.text.as_bytes(),
                Default::default(),
            )
            .expect("generated text is valid");
            source.meta.language = Some(a.language.to_string());
            source.meta.outlet = Some(a.outlet.clone());
            source.meta.published = Some(a.published.clone());
            source.meta.original_language = a.translation_chain.first().map(|c| c.to_string());
            source.meta.translation_chain =
                a.translation_chain.iter().map(|c| c.to_string()).collect();
            source
        })
        .collect()
}
