//! Drift on typed translation errors: the DEMETR benchmark (Karpinska et al., EMNLP 2022).
//!
//! DEMETR gives source sentences in ten languages, each with a human English reference
//! (`eng_sent`), a machine translation (`mt_sent`) and, in each of its files, that translation
//! with one error of a known family inserted (`pert_sent`): an antonym, a negation, a number
//! or a name replaced, words added or removed, a change of tense, a question, or a minor
//! surface change that keeps the meaning (`minor_*`). Each file is a JSON list of items
//! `{id, src_sent, eng_sent, mt_sent, pert_sent, lang_tag, pert_check, pert_name, severity}`;
//! items whose `pert_check` is false (the error could not be applied) are skipped.
//!
//! Every pair is scored by [`crate::analysis::compare`], the comparison a user gets from
//! `quotedrift compare`, with the languages given (the source's from [`LANGUAGES`], English
//! for the translations).
//!
//! # Measures
//!
//! - **Detection** (DEMETR's own measure), for the error files (`critical`, `major`; the
//!   `base` files are listed by family but are not errors): source↔`pert_sent` ranks as
//!   drifting further than source↔`mt_sent` — a higher pair severity (the report's ranking
//!   key) or, at equal severity, a higher divergence. A tie on both is not detected.
//! - **Typing**: `mt_sent`↔`pert_sent` (both English) has a drift item of the kind the
//!   family calls for ([`EXPECTED`]) at the words that differ between the two sentences (a
//!   word diff): the item's span on the perturbed side touches a changed region there (for
//!   an item whose perturbed-side span is empty, its span on the translation side touches a
//!   changed region there), and for omissions its span on the translation side does. Kinds
//!   quotedrift does not produce are counted as misses, and start counting once they exist.
//! - **Faithful alarm** (lower is better): source↔`mt_sent` and source↔`eng_sent`, both
//!   faithful translations, get a drift item of severity [`ALARM`] or more. Each sentence is
//!   counted once per language (the same items recur across the files).
//! - **Minor-edit noise** (lower is better): in the `minor_*` files, `mt_sent`↔`pert_sent`
//!   gets a drift item of severity [`ALARM`] or more.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::{cell, write_json, write_table, Better, Count, EvaluateError, Figure};
use crate::analysis;
use crate::drift::{DriftItem, DriftKind};
use crate::quote::Span;

/// DEMETR's language tags and the ISO 639-3 codes quotedrift uses for them.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("chinese_simple", "cmn"),
    ("czech", "ces"),
    ("french", "fra"),
    ("german", "deu"),
    ("hindi", "hin"),
    ("italian", "ita"),
    ("japanese", "jpn"),
    ("polish", "pol"),
    ("russian", "rus"),
    ("spanish", "spa"),
];

/// The severity from which a drift item would alarm a fact-checker.
pub const ALARM: f64 = 0.5;

/// Which side of `mt_sent`↔`pert_sent` the expected drift item must point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The words of `pert_sent` that differ (what was put in).
    Perturbed,
    /// The words of `mt_sent` that differ (what was taken out).
    Translation,
}

/// The drift item an error family should produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected {
    /// The family (`pert_name` without its `critical_id8_` prefix).
    pub family: &'static str,
    /// The drift kind's name ([`DriftKind::name`]); a name no kind has yet counts as a miss.
    pub kind: &'static str,
    /// For a substitution, the relation its words must have.
    pub relation: Option<&'static str>,
    /// Where the item must be.
    pub at: At,
}

const fn expect(family: &'static str, kind: &'static str, at: At) -> Expected {
    Expected {
        family,
        kind,
        relation: None,
        at,
    }
}

/// The drift kind each error family calls for: the one table typing reads.
pub const EXPECTED: &[Expected] = &[
    Expected {
        family: "antonym",
        kind: "substitution",
        relation: Some("antonym"),
        at: At::Perturbed,
    },
    expect("negation", "negation", At::Perturbed),
    expect("numbers_replaced", "number", At::Perturbed),
    expect("ne_replaced", "entity", At::Perturbed),
    expect("addition", "addition", At::Perturbed),
    expect("tense", "tense", At::Perturbed),
    expect("question", "question", At::Perturbed),
    expect("adj_adv_removed", "omission", At::Translation),
    expect("verb_removed", "omission", At::Translation),
    expect("noun_removed", "omission", At::Translation),
    expect("subj_removed", "omission", At::Translation),
    expect("ne_removed", "omission", At::Translation),
    expect("pp_removed", "omission", At::Translation),
];

/// The expected item of a family, if it has one.
pub fn expected(family: &str) -> Option<&'static Expected> {
    EXPECTED.iter().find(|e| e.family == family)
}

/// Whether quotedrift produces drift items of a kind yet.
pub fn kind_exists(name: &str) -> bool {
    DriftKind::ALL.iter().any(|k| k.name() == name)
}

#[derive(Debug, Clone, Deserialize)]
struct Item {
    id: u64,
    src_sent: String,
    eng_sent: String,
    mt_sent: String,
    pert_sent: String,
    lang_tag: String,
    pert_check: bool,
    pert_name: String,
    severity: String,
}

/// The counts of one language, or of all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LanguageScores {
    /// Detection over the `critical` files.
    pub detection_critical: Count,
    /// Detection over the `major` files.
    pub detection_major: Count,
    /// Detection over every error file (critical and major).
    pub detection_errors: Count,
    /// Detection over the critical families that have an expected drift kind (negation,
    /// antonym, numbers and names replaced, addition, the omissions).
    pub detection_typed_critical: Count,
    /// Typing over the families with an expected kind.
    pub typing: Count,
    /// Source↔machine translation pairs alarmed.
    pub alarm_mt: Count,
    /// Source↔reference pairs alarmed.
    pub alarm_reference: Count,
    /// Minor perturbations alarmed.
    pub minor_noise: Count,
}

impl LanguageScores {
    fn merge(&mut self, o: &LanguageScores) {
        self.detection_critical.merge(o.detection_critical);
        self.detection_major.merge(o.detection_major);
        self.detection_errors.merge(o.detection_errors);
        self.detection_typed_critical
            .merge(o.detection_typed_critical);
        self.typing.merge(o.typing);
        self.alarm_mt.merge(o.alarm_mt);
        self.alarm_reference.merge(o.alarm_reference);
        self.minor_noise.merge(o.minor_noise);
    }
}

/// The counts of one error family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyScores {
    /// The family (`negation`).
    pub family: String,
    /// Its class in DEMETR: `critical`, `major`, `minor` or `base`.
    pub severity: String,
    /// Items skipped because the error could not be applied.
    pub skipped: usize,
    /// Detection (not counted for minor files).
    pub detection: Count,
    /// The expected drift kind's label (`substitution (antonym)`), if the family has one.
    pub expected: Option<String>,
    /// Whether quotedrift produces that kind yet.
    pub expected_exists: bool,
    /// Typing (families with an expected kind).
    pub typing: Count,
    /// Minor-edit noise (minor files).
    pub noise: Count,
}

/// The evaluation of a DEMETR folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DemetrEvaluation {
    /// The folder's name.
    pub name: String,
    /// Files read.
    pub files: usize,
    /// Over all languages.
    pub overall: LanguageScores,
    /// By ISO 639-3 code of the source language.
    pub by_language: BTreeMap<String, LanguageScores>,
    /// By family, critical first, then major, minor and base, by name within each.
    pub families: Vec<FamilyScores>,
}

/// The family of a `pert_name`: `critical_id8_negation` → `negation`.
fn family_of(pert_name: &str) -> &str {
    let mut parts = pert_name.splitn(3, '_');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(_), Some(id), Some(rest)) if id.starts_with("id") => rest,
        _ => pert_name,
    }
}

fn language_code(tag: &str) -> Option<&'static str> {
    LANGUAGES.iter().find(|(t, _)| *t == tag).map(|(_, c)| *c)
}

/// Whether pair `b` ranks as drifting further than pair `a`: higher severity, or equal
/// severity and higher divergence.
pub fn drifts_further(a: &crate::align::Pair, b: &crate::align::Pair) -> bool {
    let key = |p: &crate::align::Pair| (p.severity, p.similarity.divergence());
    let (a, b) = (key(a), key(b));
    b.0 > a.0 || (b.0 == a.0 && b.1 > a.1)
}

fn alarmed(drift: &[DriftItem]) -> bool {
    drift.iter().any(|d| d.severity >= ALARM)
}

/// The byte regions where two sentences' words differ, on each side: a word diff on
/// lowercase words; where one side has no words, an empty region where they would be.
pub fn changed_regions(a: &str, b: &str) -> (Vec<Span>, Vec<Span>) {
    let words = |s: &str| -> Vec<(usize, String)> {
        s.unicode_word_indices()
            .map(|(at, w)| (at, w.to_lowercase()))
            .collect()
    };
    let (wa, wb) = (words(a), words(b));
    let keys =
        |w: &[(usize, String)]| -> Vec<String> { w.iter().map(|(_, k)| k.clone()).collect() };
    let (ka, kb) = (keys(&wa), keys(&wb));
    let region = |text: &str, w: &[(usize, String)], range: std::ops::Range<usize>| {
        if range.is_empty() {
            let at = w.get(range.start).map_or(text.len(), |(at, _)| *at);
            Span { start: at, end: at }
        } else {
            let (last_at, last) = &w[range.end - 1];
            Span {
                start: w[range.start].0,
                end: last_at + last.len().min(text.len() - last_at),
            }
        }
    };
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &ka, &kb) {
        let (tag, old, new) = op.as_tag_tuple();
        if tag != similar::DiffTag::Equal {
            ra.push(region(a, &wa, old));
            rb.push(region(b, &wb, new));
        }
    }
    (ra, rb)
}

/// Whether a span and a region overlap, or, when either is empty, touch.
fn touches(span: Span, region: Span) -> bool {
    if span.start == span.end || region.start == region.end {
        region.start <= span.end && span.start <= region.end
    } else {
        span.start < region.end && region.start < span.end
    }
}

/// Whether the drift of `mt`↔`pert` has the expected item at the changed words.
pub fn typed(expected: &Expected, mt: &str, pert: &str, drift: &[DriftItem]) -> bool {
    let (in_mt, in_pert) = changed_regions(mt, pert);
    let any = |span: Span, regions: &[Span]| regions.iter().any(|&r| touches(span, r));
    drift.iter().any(|d| {
        d.kind.name() == expected.kind
            && expected
                .relation
                .is_none_or(|r| d.relation.is_some_and(|x| x.name() == r))
            && match expected.at {
                At::Perturbed => any(d.b, &in_pert) || (d.b.start == d.b.end && any(d.a, &in_mt)),
                At::Translation => any(d.a, &in_mt),
            }
    })
}

/// What one item contributed.
#[derive(Default)]
struct Outcome {
    detection: Option<bool>,
    typing: Option<bool>,
    noise: Option<bool>,
}

/// Evaluates drift on DEMETR files, given as (file name, contents); `name` names the folder.
pub fn evaluate(name: &str, files: &[(String, String)]) -> Result<DemetrEvaluation, EvaluateError> {
    let mut items: Vec<Item> = Vec::new();
    for (file, text) in files {
        let list: Vec<Item> = serde_json::from_str(text).map_err(|e| EvaluateError::Parse {
            name: file.clone(),
            line: None,
            message: e.to_string(),
        })?;
        for item in &list {
            if language_code(&item.lang_tag).is_none() {
                return Err(EvaluateError::Invalid {
                    name: file.clone(),
                    message: format!("unknown lang_tag '{}' (item {})", item.lang_tag, item.id),
                });
            }
        }
        items.extend(list);
    }
    let code = |item: &Item| language_code(&item.lang_tag).unwrap_or("und");

    // Faithful pairs once per (language, id), the first met in file order.
    let mut faithful: BTreeMap<(&str, u64), &Item> = BTreeMap::new();
    for item in &items {
        faithful.entry((code(item), item.id)).or_insert(item);
    }
    let faithful: Vec<(&str, bool, bool)> = faithful
        .par_iter()
        .map(|(&(lang, _), item)| {
            let mt = analysis::compare(&item.src_sent, &item.mt_sent, Some(lang), Some("eng"));
            let eng = analysis::compare(&item.src_sent, &item.eng_sent, Some(lang), Some("eng"));
            (lang, alarmed(&mt.pair.drift), alarmed(&eng.pair.drift))
        })
        .collect();

    // The source↔translation pair each detection is measured against, once per distinct
    // (language, source, translation).
    let mut baselines: BTreeMap<(&str, &str, &str), Option<crate::align::Pair>> = BTreeMap::new();
    for item in items
        .iter()
        .filter(|i| i.pert_check && i.severity != "minor")
    {
        baselines.insert((code(item), &item.src_sent, &item.mt_sent), None);
    }
    baselines
        .par_iter_mut()
        .for_each(|((lang, src, mt), pair)| {
            *pair = Some(analysis::compare(src, mt, Some(lang), Some("eng")).pair);
        });

    let outcomes: Vec<Outcome> = items
        .par_iter()
        .map(|item| {
            if !item.pert_check {
                return Outcome::default();
            }
            let family = family_of(&item.pert_name);
            let mut outcome = Outcome::default();
            if item.severity == "minor" {
                let pair =
                    analysis::compare(&item.mt_sent, &item.pert_sent, Some("eng"), Some("eng"))
                        .pair;
                outcome.noise = Some(alarmed(&pair.drift));
                return outcome;
            }
            let lang = code(item);
            let perturbed =
                analysis::compare(&item.src_sent, &item.pert_sent, Some(lang), Some("eng")).pair;
            if let Some(Some(baseline)) =
                baselines.get(&(lang, item.src_sent.as_str(), item.mt_sent.as_str()))
            {
                outcome.detection = Some(drifts_further(baseline, &perturbed));
            }
            if let Some(expected) = expected(family) {
                let pair =
                    analysis::compare(&item.mt_sent, &item.pert_sent, Some("eng"), Some("eng"))
                        .pair;
                outcome.typing = Some(typed(expected, &item.mt_sent, &item.pert_sent, &pair.drift));
            }
            outcome
        })
        .collect();

    let mut evaluation = DemetrEvaluation {
        name: super::stem(name),
        files: files.len(),
        ..DemetrEvaluation::default()
    };
    let mut families: BTreeMap<(u8, String), FamilyScores> = BTreeMap::new();
    for (lang, mt, reference) in faithful {
        let row = evaluation.by_language.entry(lang.to_string()).or_default();
        row.alarm_mt.add(mt);
        row.alarm_reference.add(reference);
    }
    for (item, outcome) in items.iter().zip(&outcomes) {
        let family = family_of(&item.pert_name);
        let order = match item.severity.as_str() {
            "critical" => 0,
            "major" => 1,
            "minor" => 2,
            _ => 3,
        };
        let scores = families
            .entry((order, family.to_string()))
            .or_insert_with(|| {
                let e = expected(family);
                FamilyScores {
                    family: family.to_string(),
                    severity: item.severity.clone(),
                    skipped: 0,
                    detection: Count::default(),
                    expected: e.map(|e| match e.relation {
                        Some(r) => format!("{} ({r})", e.kind),
                        None => e.kind.to_string(),
                    }),
                    expected_exists: e.is_some_and(|e| kind_exists(e.kind)),
                    typing: Count::default(),
                    noise: Count::default(),
                }
            });
        if !item.pert_check {
            scores.skipped += 1;
            continue;
        }
        let row = evaluation
            .by_language
            .entry(code(item).to_string())
            .or_default();
        if let Some(hit) = outcome.detection {
            scores.detection.add(hit);
            match item.severity.as_str() {
                "critical" => {
                    row.detection_critical.add(hit);
                    row.detection_errors.add(hit);
                    if expected(family).is_some() {
                        row.detection_typed_critical.add(hit);
                    }
                }
                "major" => {
                    row.detection_major.add(hit);
                    row.detection_errors.add(hit);
                }
                _ => {}
            }
        }
        if let Some(hit) = outcome.typing {
            scores.typing.add(hit);
            row.typing.add(hit);
        }
        if let Some(hit) = outcome.noise {
            scores.noise.add(hit);
            row.minor_noise.add(hit);
        }
    }
    for row in evaluation.by_language.values() {
        evaluation.overall.merge(row);
    }
    evaluation.families = families.into_values().collect();
    Ok(evaluation)
}

impl DemetrEvaluation {
    /// The figures under `demetr.<name>.`: `detection.critical`, `detection.major`,
    /// `detection.errors`, `detection.typed_critical`, `typing`, `faithful_alarm.mt`,
    /// `faithful_alarm.reference`, `minor_noise` (the last three lower-is-better), the same
    /// under `lang.<code>.`, and `family.<family>.detection` / `.typing` / `.noise`.
    pub fn figures(&self) -> Vec<Figure> {
        let base = format!("demetr.{}", self.name);
        let mut out = Vec::new();
        let mut row = |prefix: &str, s: &LanguageScores| {
            let mut push = |name: &str, c: Count, better| {
                Figure::push(&mut out, format!("{prefix}.{name}"), c.ratio(), better);
            };
            push("detection.critical", s.detection_critical, Better::Higher);
            push("detection.major", s.detection_major, Better::Higher);
            push("detection.errors", s.detection_errors, Better::Higher);
            push(
                "detection.typed_critical",
                s.detection_typed_critical,
                Better::Higher,
            );
            push("typing", s.typing, Better::Higher);
            push("faithful_alarm.mt", s.alarm_mt, Better::Lower);
            push("faithful_alarm.reference", s.alarm_reference, Better::Lower);
            push("minor_noise", s.minor_noise, Better::Lower);
        };
        row(&base, &self.overall);
        for (lang, s) in &self.by_language {
            row(&format!("{base}.lang.{lang}"), s);
        }
        for f in &self.families {
            let prefix = format!("{base}.family.{}", f.family);
            Figure::push(
                &mut out,
                format!("{prefix}.detection"),
                f.detection.ratio(),
                Better::Higher,
            );
            Figure::push(
                &mut out,
                format!("{prefix}.typing"),
                f.typing.ratio(),
                Better::Higher,
            );
            Figure::push(
                &mut out,
                format!("{prefix}.noise"),
                f.noise.ratio(),
                Better::Lower,
            );
        }
        out
    }

    /// Writes the evaluation as two text tables: languages × measures, families × measures.
    pub fn write_text(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(
            w,
            "demetr: {} ({} files; alarm = a drift item of severity ≥ {ALARM}; \
             alarm and noise: lower is better)",
            self.name, self.files
        )?;
        let row = |label: &str, s: &LanguageScores| {
            vec![
                label.to_string(),
                cell(s.detection_critical.ratio()),
                cell(s.detection_major.ratio()),
                cell(s.detection_errors.ratio()),
                cell(s.detection_typed_critical.ratio()),
                cell(s.typing.ratio()),
                cell(s.alarm_mt.ratio()),
                cell(s.alarm_reference.ratio()),
                cell(s.minor_noise.ratio()),
            ]
        };
        let mut rows: Vec<Vec<String>> = self.by_language.iter().map(|(l, s)| row(l, s)).collect();
        rows.push(row("all", &self.overall));
        let o = &self.overall;
        rows.push(vec![
            "n (all)".to_string(),
            o.detection_critical.total.to_string(),
            o.detection_major.total.to_string(),
            o.detection_errors.total.to_string(),
            o.detection_typed_critical.total.to_string(),
            o.typing.total.to_string(),
            o.alarm_mt.total.to_string(),
            o.alarm_reference.total.to_string(),
            o.minor_noise.total.to_string(),
        ]);
        write_table(
            w,
            &[
                "language",
                "detect crit.",
                "detect major",
                "detect errors",
                "detect typed crit.",
                "typing",
                "alarm src↔mt",
                "alarm src↔ref",
                "minor noise",
            ],
            &rows,
        )?;
        writeln!(w)?;
        let rows: Vec<Vec<String>> = self
            .families
            .iter()
            .map(|f| {
                let counted = f.detection.total.max(f.noise.total);
                vec![
                    f.family.clone(),
                    f.severity.clone(),
                    counted.to_string(),
                    f.skipped.to_string(),
                    cell(f.detection.ratio()),
                    match &f.expected {
                        Some(e) if f.expected_exists => e.clone(),
                        Some(e) => format!("{e} (no such kind yet)"),
                        None => "–".to_string(),
                    },
                    cell(f.typing.ratio()),
                    cell(f.noise.ratio()),
                ]
            })
            .collect();
        write_table(
            w,
            &[
                "family",
                "class",
                "items",
                "skipped",
                "detection",
                "expected kind",
                "typing",
                "noise",
            ],
            &rows,
        )
    }
}

#[derive(Serialize)]
struct CountJson {
    hits: usize,
    total: usize,
    ratio: Option<f64>,
}

impl From<Count> for CountJson {
    fn from(c: Count) -> Self {
        CountJson {
            hits: c.hits,
            total: c.total,
            ratio: c.ratio(),
        }
    }
}

#[derive(Serialize)]
struct LanguageJson {
    detection_critical: CountJson,
    detection_major: CountJson,
    detection_errors: CountJson,
    detection_typed_critical: CountJson,
    typing: CountJson,
    faithful_alarm_mt: CountJson,
    faithful_alarm_reference: CountJson,
    minor_noise: CountJson,
}

impl From<&LanguageScores> for LanguageJson {
    fn from(s: &LanguageScores) -> Self {
        LanguageJson {
            detection_critical: s.detection_critical.into(),
            detection_major: s.detection_major.into(),
            detection_errors: s.detection_errors.into(),
            detection_typed_critical: s.detection_typed_critical.into(),
            typing: s.typing.into(),
            faithful_alarm_mt: s.alarm_mt.into(),
            faithful_alarm_reference: s.alarm_reference.into(),
            minor_noise: s.minor_noise.into(),
        }
    }
}

#[derive(Serialize)]
struct FamilyJson<'a> {
    family: &'a str,
    severity: &'a str,
    skipped: usize,
    detection: CountJson,
    expected_kind: Option<&'a str>,
    expected_kind_exists: bool,
    typing: CountJson,
    noise: CountJson,
}

#[derive(Serialize)]
struct EvaluationJson<'a> {
    schema: &'static str,
    name: &'a str,
    files: usize,
    alarm_severity: f64,
    overall: LanguageJson,
    by_language: BTreeMap<&'a str, LanguageJson>,
    families: Vec<FamilyJson<'a>>,
    figures: BTreeMap<String, f64>,
}

impl DemetrEvaluation {
    /// Writes the evaluation as one JSON document, `quotedrift/evaluate-demetr@1`: each
    /// measure as `{hits, total, ratio}` overall, by language and by family, and `figures`:
    /// every figure by the name floors use.
    pub fn write_json(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        let doc = EvaluationJson {
            figures: super::figure_map(&self.figures()),
            schema: "quotedrift/evaluate-demetr@1",
            name: &self.name,
            files: self.files,
            alarm_severity: ALARM,
            overall: (&self.overall).into(),
            by_language: self
                .by_language
                .iter()
                .map(|(k, s)| (k.as_str(), s.into()))
                .collect(),
            families: self
                .families
                .iter()
                .map(|f| FamilyJson {
                    family: &f.family,
                    severity: &f.severity,
                    skipped: f.skipped,
                    detection: f.detection.into(),
                    expected_kind: f.expected.as_deref(),
                    expected_kind_exists: f.expected_exists,
                    typing: f.typing.into(),
                    noise: f.noise.into(),
                })
                .collect(),
        };
        write_json(w, &doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: u64, pert: &str, name: &str, severity: &str, check: bool) -> serde_json::Value {
        serde_json::json!({
            "id": id,
            "src_sent": "Der Bürgermeister eröffnete am Montag die neue Brücke.",
            "eng_sent": "The mayor opened the new bridge on Monday.",
            "mt_sent": "The mayor opened the new bridge on Monday.",
            "pert_sent": pert,
            "lang_tag": "german",
            "pert_check": check,
            "pert_name": name,
            "severity": severity,
        })
    }

    fn file(items: &[serde_json::Value]) -> String {
        serde_json::Value::Array(items.to_vec()).to_string()
    }

    #[test]
    fn families_and_languages() {
        assert_eq!(family_of("critical_id8_negation"), "negation");
        assert_eq!(
            family_of("minor_id28_final_punc_removed"),
            "final_punc_removed"
        );
        assert_eq!(language_code("chinese_simple"), Some("cmn"));
        for (_, code) in LANGUAGES {
            assert!(whatlang::Lang::from_code(*code).is_some(), "{code}");
        }
        assert!(expected("ne_replaced").is_some());
        assert!(expected("gender").is_none());
        assert!(kind_exists("negation"));
        assert!(!kind_exists("no-such-kind"));
    }

    #[test]
    fn drifting_further_is_severity_then_divergence_and_a_tie_is_not() {
        let same = analysis::compare(
            "The bridge is open.",
            "The bridge is open.",
            Some("eng"),
            Some("eng"),
        )
        .pair;
        let negated = analysis::compare(
            "The bridge is open.",
            "The bridge is not open.",
            Some("eng"),
            Some("eng"),
        )
        .pair;
        assert!(drifts_further(&same, &negated));
        assert!(!drifts_further(&negated, &same));
        assert!(!drifts_further(&same, &same), "a tie is not detected");
        // At equal severity, divergence decides.
        let mut closer = negated.clone();
        closer.similarity.combined = (closer.similarity.combined + 0.1).min(1.0);
        assert!(drifts_further(&closer, &negated));
        assert!(!drifts_further(&negated, &closer));
    }

    #[test]
    fn changed_regions_are_the_words_that_differ() {
        let mt = "The mayor opened the new bridge on Monday.";
        let pert = "The mayor did not open the new bridge on Monday.";
        let (a, b) = changed_regions(mt, pert);
        assert_eq!(a.len(), 1);
        assert_eq!(&mt[a[0].start..a[0].end], "opened");
        assert_eq!(&pert[b[0].start..b[0].end], "did not open");
        // Words removed: an empty region on the other side, where they would be.
        let (a, b) = changed_regions(mt, "The mayor opened the bridge on Monday.");
        assert_eq!(&mt[a[0].start..a[0].end], "new");
        assert_eq!(b[0].start, b[0].end);
        assert!(touches(
            Span { start: 3, end: 3 },
            Span { start: 3, end: 8 }
        ));
        assert!(!touches(
            Span { start: 0, end: 3 },
            Span { start: 3, end: 8 }
        ));
    }

    #[test]
    fn typing_needs_the_kind_at_the_changed_words() {
        let mt = "The mayor opened the new bridge on Monday.";
        let pert = "The mayor did not open the new bridge on Monday.";
        let drift = analysis::compare(mt, pert, Some("eng"), Some("eng"))
            .pair
            .drift;
        assert!(
            typed(expected("negation").unwrap(), mt, pert, &drift),
            "{drift:?}"
        );
        // The same pair does not type as an omission.
        assert!(!typed(expected("noun_removed").unwrap(), mt, pert, &drift));
        // A negation item pointing elsewhere does not count.
        let elsewhere: Vec<DriftItem> = drift
            .iter()
            .cloned()
            .map(|mut d| {
                d.b = Span { start: 0, end: 3 };
                d.a = Span { start: 0, end: 3 };
                d
            })
            .collect();
        assert!(!typed(expected("negation").unwrap(), mt, pert, &elsewhere));
        // A kind that does not exist yet is never typed.
        let entity = Expected {
            family: "x",
            kind: "no-such-kind",
            relation: None,
            at: At::Perturbed,
        };
        assert!(!typed(&entity, mt, pert, &drift));
    }

    #[test]
    fn a_small_benchmark() {
        let files = vec![
            (
                "demetr_critical_id8_negation.json".to_string(),
                file(&[
                    item(
                        1,
                        "The mayor did not open the new bridge on Monday.",
                        "critical_id8_negation",
                        "critical",
                        true,
                    ),
                    item(2, "", "critical_id8_negation", "critical", false),
                ]),
            ),
            (
                "demetr_minor_id28_final_punc_removed.json".to_string(),
                file(&[item(
                    1,
                    "The mayor opened the new bridge on Monday",
                    "minor_id28_final_punc_removed",
                    "minor",
                    true,
                )]),
            ),
        ];
        let e = evaluate("demetr-sample/", &files).unwrap();
        assert_eq!(e.name, "demetr-sample");
        let de = &e.by_language["deu"];
        // The negation is detected and typed; the faithful translation (the same sentence
        // counted once) raises no alarm; dropping the final stop is no drift.
        assert_eq!(de.detection_critical, Count { hits: 1, total: 1 });
        assert_eq!(de.typing, Count { hits: 1, total: 1 });
        // Items 1 and 2 are two sentences, item 1 met in both files: counted once. Whether a
        // faithful pair alarms is the comparison's own verdict.
        let src = "Der Bürgermeister eröffnete am Montag die neue Brücke.";
        let mt = "The mayor opened the new bridge on Monday.";
        let alarm = alarmed(
            &analysis::compare(src, mt, Some("deu"), Some("eng"))
                .pair
                .drift,
        );
        let expected = Count {
            hits: 2 * usize::from(alarm),
            total: 2,
        };
        assert_eq!(de.alarm_mt, expected);
        assert_eq!(de.alarm_reference, expected);
        assert_eq!(de.minor_noise, Count { hits: 0, total: 1 });
        assert_eq!(e.overall, *de);
        let negation = e.families.iter().find(|f| f.family == "negation").unwrap();
        assert_eq!(negation.skipped, 1);
        assert_eq!(e.families[0].family, "negation", "critical families first");
        let figures = e.figures();
        assert!(figures.iter().any(
            |f| f.name == "demetr.demetr-sample.faithful_alarm.mt" && f.better == Better::Lower
        ));
    }

    #[test]
    fn unknown_languages_and_bad_files_are_named() {
        let mut bad = item(1, "x", "critical_id8_negation", "critical", true);
        bad["lang_tag"] = "klingon".into();
        let err = evaluate("d", &[("f.json".to_string(), file(&[bad]))]).unwrap_err();
        assert!(err.to_string().contains("klingon"), "{err}");
        let err = evaluate("d", &[("f.json".to_string(), "{".to_string())]).unwrap_err();
        assert!(err.to_string().starts_with("f.json"), "{err}");
    }
}
