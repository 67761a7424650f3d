//! A seeded generator of news-like articles for benchmarks.
//!
//! Articles mix narrative sentences with every quoting pattern extraction handles (quotes with
//! the speaker after or before them, colons, reported speech, "according to", pronouns, scare
//! quotes, nested quotes), spoken by a cast with titles, so that the benchmark exercises the
//! same paths real coverage does. The same seed gives the same corpus.

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

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const CAST: &[(&str, &str, &str)] = &[
    ("Russian Foreign Minister", "Sergei", "Lavrov"),
    ("U.S. Secretary of State", "Antony", "Blinken"),
    ("German Chancellor", "Olaf", "Scholz"),
    ("French President", "Emmanuel", "Macron"),
    ("NATO Secretary General", "Jens", "Stoltenberg"),
    ("Ukrainian President", "Volodymyr", "Zelensky"),
    ("Chinese Foreign Ministry spokesman", "Zhao", "Lijian"),
];

const CLAUSES: &[&str] = &[
    "the talks were open and useful",
    "the talks were constructive and useful",
    "the meeting was quite frank and useful",
    "dialogue would continue over the security demands",
    "a written response would be delivered next week",
    "emotions would cool down over Ukraine",
    "there would be no breakthrough anytime soon",
    "any invasion would be met with a swift and united response",
    "the two sides should hold further talks",
    "the allies were ready to negotiate on this issue",
    "more than 100,000 troops had been massed near the border",
    "the meeting lasted about an hour and a half",
];

const NARRATIVE: &[&str] = &[
    "The meeting took place in a hotel on the shore of Lake Geneva.",
    "Western states fear a new assault after troops were massed near the border.",
    "The talks lasted ninety minutes, shorter than the two hours planned.",
    "Diplomats from both delegations attended the meeting on Friday.",
    "Markets reacted calmly to the news from Switzerland.",
    "The negotiations were reported only this week.",
];

const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "stressed",
    "noted",
    "warned",
];

/// One article of roughly `paragraphs` paragraphs.
pub fn article(rng: &mut Rng, paragraphs: usize) -> String {
    let mut out = String::new();
    let (title, first, last) = *rng.pick(CAST);
    out.push_str(&format!("{last} says talks will go on\n\n"));
    out.push_str(&format!(
        "GENEVA - {title} {first} {last} met his counterpart on Friday.\n\n"
    ));
    for _ in 0..paragraphs {
        let (_, first, last) = *rng.pick(CAST);
        let clause = rng.pick(CLAUSES);
        let verb = rng.pick(VERBS);
        let sentence = match rng.below(9) {
            0 => format!("“{}.” {last} {verb}.", capitalize(clause)),
            1 => format!("“{},” he {verb}.", capitalize(clause)),
            2 => format!("{first} {last} {verb} that {clause}."),
            3 => format!("According to {last}, {clause}."),
            4 => format!("{}, he said.", capitalize(clause)),
            5 => format!("{last} told a news conference: “{}.”", capitalize(clause)),
            6 => format!("{last} described the talks as “frank” and not “polemical”."),
            7 => format!(
                "{last} said: “We made it clear – it would be ‘aggression.’ {}.”",
                capitalize(clause)
            ),
            _ => rng.pick(NARRATIVE).to_string(),
        };
        out.push_str(&sentence);
        out.push(' ');
        let narrative: &&str = rng.pick(NARRATIVE);
        out.push_str(narrative);
        out.push_str("\n\n");
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
