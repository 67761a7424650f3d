//! Language detection, per source and per quote.
//!
//! A source gets the language whatlang finds in its whole text. A quote inherits it unless the
//! quote is written in another script than the source (a Cyrillic word at the end of an English
//! article, a German quotation inside a Chinese report); then the quote's own text is detected.
//! Short texts in the source's script are not re-detected: trigram detection on five words is
//! noise, and an English article's quote in the Latin script is English far more often than
//! whatlang's guess on it would be right.

use serde::Serialize;

/// How a language was arrived at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Detection {
    /// Detected from the text itself.
    Detected,
    /// Taken from the enclosing source (same script, too short to judge on its own).
    Inherited,
    /// Nothing to detect from (no letters, or an unknown script).
    Undetermined,
    /// Too short or ambiguous to judge alone; the language most of the corpus is reliably
    /// detected in, in the same script.
    Corpus,
    /// Given by the input (a JSON Lines record's `language`).
    Declared,
}

/// A detected language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Language {
    /// ISO 639-3 code (`eng`, `rus`, `cmn`…), `und` when undetermined.
    pub code: &'static str,
    /// English name of the language.
    pub name: &'static str,
    /// The writing system the text is in (`Latin`, `Cyrillic`…).
    pub script: &'static str,
    /// whatlang's confidence in [0, 1].
    pub confidence: f64,
    /// whatlang's own judgement of whether the guess can be relied on.
    pub reliable: bool,
    /// How this language was arrived at.
    pub detection: Detection,
}

impl Language {
    /// The language of a text nothing could be detected from.
    pub fn undetermined() -> Self {
        Language {
            code: "und",
            name: "undetermined",
            script: "unknown",
            confidence: 0.0,
            reliable: false,
            detection: Detection::Undetermined,
        }
    }

    /// The ISO 639-1 code for this language, where one exists.
    pub fn iso639_1(&self) -> Option<&'static str> {
        iso639_1(self.code)
    }
}

/// Detects the language of a whole text.
pub fn detect(text: &str) -> Language {
    match whatlang::detect(text) {
        Some(info) => Language {
            code: info.lang().code(),
            name: info.lang().eng_name(),
            script: script_name(info.script()),
            confidence: round3(info.confidence()),
            reliable: info.is_reliable(),
            detection: Detection::Detected,
        },
        None => match whatlang::detect_script(text) {
            Some(script) => Language {
                script: script_name(script),
                ..Language::undetermined()
            },
            None => Language::undetermined(),
        },
    }
}

/// The language an input declares (ISO 639-3, or ISO 639-1 such as `en`), if whatlang knows it.
pub fn declared(code: &str) -> Option<Language> {
    let code = code.trim().to_lowercase();
    let lang = whatlang::Lang::from_code(&code).or_else(|| {
        whatlang::Lang::all()
            .iter()
            .copied()
            .find(|l| iso639_1(l.code()) == Some(code.as_str()))
    })?;
    let script = whatlang::Script::all()
        .iter()
        .find(|s| s.langs().contains(&lang))
        .map_or("unknown", |s| s.name());
    Some(Language {
        code: lang.code(),
        name: lang.eng_name(),
        script,
        confidence: 1.0,
        reliable: true,
        detection: Detection::Declared,
    })
}

/// A language as a report describes it: its code (ISO 639-3, or `und`), the script's name and
/// how it was found. `None` when whatlang knows neither the code nor the script.
pub fn described(
    code: &str,
    script: &str,
    confidence: f64,
    reliable: bool,
    detection: Detection,
) -> Option<Language> {
    let script = if script == "unknown" {
        "unknown"
    } else {
        whatlang::Script::all()
            .iter()
            .map(|s| s.name())
            .find(|name| *name == script)?
    };
    let (code, name) = if code == "und" {
        ("und", "undetermined")
    } else {
        let lang = whatlang::Lang::from_code(code)?;
        (lang.code(), lang.eng_name())
    };
    Some(Language {
        code,
        name,
        script,
        confidence,
        reliable,
        detection,
    })
}

/// Gives every source whose own detection is unreliable the language that most sources of the
/// corpus are reliably detected in, when it is written in the same script. A one-sentence
/// English article can look Afrikaans to trigram statistics; beside four English articles it
/// is English.
pub fn settle_unreliable(languages: &mut [Language]) {
    let mut counts: std::collections::BTreeMap<(&'static str, &'static str), usize> =
        std::collections::BTreeMap::new();
    for l in languages.iter().filter(|l| l.reliable) {
        *counts.entry((l.code, l.script)).or_default() += 1;
    }
    for language in languages.iter_mut().filter(|l| !l.reliable) {
        let majority = counts
            .iter()
            .filter(|((_, script), _)| *script == language.script)
            .max_by_key(|(key, n)| (**n, std::cmp::Reverse(**key)))
            .map(|(key, _)| *key);
        if let Some((code, _)) = majority {
            if let Some(lang) = whatlang::Lang::from_code(code) {
                language.code = lang.code();
                language.name = lang.eng_name();
                language.detection = Detection::Corpus;
            }
        }
    }
}

/// The language of a span inside a source whose language is `source`.
///
/// The span is detected on its own only when it is written in another script than the source;
/// otherwise it inherits the source's language.
pub fn detect_span(span: &str, source: &Language) -> Language {
    match whatlang::detect_script(span) {
        Some(script) if script_name(script) != source.script => {
            let mut language = detect(span);
            if language.detection == Detection::Undetermined {
                language.script = script_name(script);
            }
            language
        }
        _ => Language {
            detection: if source.detection == Detection::Undetermined {
                Detection::Undetermined
            } else {
                Detection::Inherited
            },
            ..source.clone()
        },
    }
}

/// The name of a script, with a static lifetime.
fn script_name(script: whatlang::Script) -> &'static str {
    whatlang::Script::all()
        .iter()
        .find(|s| **s == script)
        .map_or("unknown", |s| s.name())
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// ISO 639-3 → ISO 639-1 for every language whatlang can detect.
pub fn iso639_1(code: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("cym", "cy"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "no"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
    ];
    TABLE
        .binary_search_by(|(three, _)| three.cmp(&code))
        .ok()
        .map(|i| TABLE[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_russian_are_told_apart() {
        let en = detect(
            "The talks in Geneva were open and useful, the foreign minister said on Friday.",
        );
        assert_eq!(en.code, "eng");
        assert_eq!(en.script, "Latin");
        let ru = detect("Переговоры в Женеве были открытыми и полезными, заявил министр.");
        assert_eq!(ru.code, "rus");
        assert!(ru.confidence > 0.5);
    }

    #[test]
    fn a_span_in_another_script_is_detected_on_its_own() {
        let source = detect("The talks in Geneva were open and useful, the foreign minister told reporters after the meeting on Friday.");
        let span = detect_span("Переговоры были открытыми и полезными", &source);
        assert_eq!(span.code, "rus");
        assert_eq!(span.detection, Detection::Detected);
        let same = detect_span("open and useful", &source);
        assert_eq!(same.code, "eng");
        assert_eq!(same.detection, Detection::Inherited);
    }

    #[test]
    fn an_unreliable_source_takes_the_corpus_language() {
        let mut languages = vec![
            detect(
                "The talks in Geneva were open and useful, the foreign minister told reporters after \
                 the meeting on Friday. He said that the two sides would continue their dialogue next \
                 week and that a written response to the demands was expected from Washington.",
            ),
            detect("The talks were open and very useful"),
        ];
        assert!(languages[0].reliable && !languages[1].reliable);
        settle_unreliable(&mut languages);
        assert_eq!(languages[1].code, "eng");
        assert_eq!(languages[1].detection, Detection::Corpus);
    }

    #[test]
    fn no_letters_is_undetermined() {
        assert_eq!(detect("12345 --- !!!").code, "und");
    }

    #[test]
    fn iso_table_is_sorted_and_complete_for_whatlang() {
        for lang in whatlang::Lang::all() {
            assert!(iso639_1(lang.code()).is_some(), "{}", lang.code());
        }
    }
}
