//! Grouping quality against a hand annotation of which quotes render the same utterance:
//! pairwise precision, recall and F1, overall and split into same-language and
//! cross-language pairs.
//!
//! The annotation is TOML, one `[[group]]` per utterance:
//!
//! ```toml
//! [[group]]
//! name = "talks described (Lavrov)"
//! members = [
//!   { source = "000_c9853349ed1b219d", text = "Friday’s talks as open and useful" },
//!   { source = "003_dc03c1db8e55d129", text = "open and useful", occurrence = 2 },
//! ]
//! ```
//!
//! Each member names its source (the id, the file stem) and a passage of the quote's text;
//! the member is the extracted quote whose span holds that passage (give or take three bytes
//! at each end; the shortest, if several do). `occurrence` picks the n-th occurrence of the
//! passage in the source (1 by default).
//!
//! # Measures
//!
//! Every two members of one annotated group are a gold pair, every two members of one group
//! of the alignment a predicted pair. **Precision** is the share of predicted pairs that are
//! gold pairs, **recall** the share of gold pairs that are predicted, F1 their harmonic mean.
//! A pair is **same-language** when its two quotes' languages are the same, else
//! **cross-language**; the split figures count only those pairs on both sides.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{cell, write_json, write_table, Better, Count, EvaluateError, Figure};
use crate::align::QuoteRef;
use crate::analysis::Analysis;

#[derive(Debug, Deserialize)]
struct Annotation {
    group: Vec<GoldGroup>,
}

#[derive(Debug, Deserialize)]
struct GoldGroup {
    name: String,
    members: Vec<GoldMember>,
}

#[derive(Debug, Deserialize)]
struct GoldMember {
    source: String,
    text: String,
    #[serde(default = "one")]
    occurrence: usize,
}

fn one() -> usize {
    1
}

/// An annotation resolved against an analysis: each group's name and members.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldGroups {
    /// `(name, members)` per annotated group, members in annotation order.
    pub groups: Vec<(String, Vec<QuoteRef>)>,
}

/// Reads an annotation and finds each member among the analysis's quotes.
pub fn resolve(
    name: &str,
    toml_text: &str,
    analysis: &Analysis,
) -> Result<GoldGroups, EvaluateError> {
    let annotation: Annotation = toml::from_str(toml_text).map_err(|e| EvaluateError::Parse {
        name: name.to_string(),
        line: None,
        message: e.to_string(),
    })?;
    let mut groups = Vec::new();
    for group in annotation.group {
        let members = group
            .members
            .iter()
            .map(|m| {
                resolve_member(analysis, m).ok_or_else(|| EvaluateError::Invalid {
                    name: format!("{name}: group '{}'", group.name),
                    message: format!(
                        "no extracted quote of source '{}' holds occurrence {} of {:?}",
                        m.source, m.occurrence, m.text
                    ),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        groups.push((group.name, members));
    }
    Ok(GoldGroups { groups })
}

/// The extracted quote that holds the annotated passage (the innermost, if several do).
fn resolve_member(analysis: &Analysis, member: &GoldMember) -> Option<QuoteRef> {
    let (s, source) = analysis
        .extraction
        .sources
        .iter()
        .enumerate()
        .find(|(_, s)| s.source.id == member.source)?;
    let text = &source.source.text;
    let mut from = 0;
    for _ in 1..member.occurrence.max(1) {
        from += text[from..].find(&member.text)? + 1;
        while !text.is_char_boundary(from) {
            from += 1;
        }
    }
    let start = from + text[from..].find(&member.text)?;
    let end = start + member.text.len();
    let (q, _) = source
        .quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.start <= start + 3 && end <= q.end + 3)
        .min_by_key(|(_, q)| q.end - q.start)?;
    Some(QuoteRef {
        source: s,
        quote: q,
    })
}

/// Every unordered pair of members of each group, smaller first.
pub fn pairs_of<'a>(
    groups: impl IntoIterator<Item = &'a [QuoteRef]>,
) -> BTreeSet<(QuoteRef, QuoteRef)> {
    let mut out = BTreeSet::new();
    for g in groups {
        for (i, &a) in g.iter().enumerate() {
            for &b in &g[i + 1..] {
                if a != b {
                    out.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    out
}

/// Pairwise counts: predicted pairs that are right (precision) and gold pairs found (recall).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PairScores {
    /// Predicted pairs, and how many are gold pairs.
    pub precision: Count,
    /// Gold pairs, and how many are predicted.
    pub recall: Count,
}

impl PairScores {
    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> Option<f64> {
        super::f1(self.precision.ratio(), self.recall.ratio())
    }
}

/// The evaluation of an alignment against an annotation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupEvaluation {
    /// The annotation's name (its file stem).
    pub name: String,
    /// Every pair.
    pub overall: PairScores,
    /// Pairs of two quotes in one language.
    pub same_language: PairScores,
    /// Pairs of quotes in two languages.
    pub cross_language: PairScores,
    /// Predicted pairs that are not gold pairs.
    pub wrongly_together: Vec<(QuoteRef, QuoteRef)>,
    /// Gold pairs that are not predicted.
    pub missed: Vec<(QuoteRef, QuoteRef)>,
}

/// Scores the analysis's groups against resolved gold groups.
pub fn evaluate(name: &str, gold: &GoldGroups, analysis: &Analysis) -> GroupEvaluation {
    let gold_pairs = pairs_of(gold.groups.iter().map(|(_, m)| m.as_slice()));
    let predicted = pairs_of(
        analysis
            .alignment
            .groups
            .iter()
            .map(|g| g.members.as_slice()),
    );
    let same = |&(a, b): &(QuoteRef, QuoteRef)| {
        let language = |q: QuoteRef| {
            analysis.extraction.sources[q.source].quotes[q.quote]
                .language
                .code
        };
        language(a) == language(b)
    };
    let mut evaluation = GroupEvaluation {
        name: super::stem(name),
        ..GroupEvaluation::default()
    };
    for pair in &predicted {
        let hit = gold_pairs.contains(pair);
        evaluation.overall.precision.add(hit);
        let split = if same(pair) {
            &mut evaluation.same_language
        } else {
            &mut evaluation.cross_language
        };
        split.precision.add(hit);
        if !hit {
            evaluation.wrongly_together.push(*pair);
        }
    }
    for pair in &gold_pairs {
        let hit = predicted.contains(pair);
        evaluation.overall.recall.add(hit);
        let split = if same(pair) {
            &mut evaluation.same_language
        } else {
            &mut evaluation.cross_language
        };
        split.recall.add(hit);
        if !hit {
            evaluation.missed.push(*pair);
        }
    }
    evaluation
}

impl GroupEvaluation {
    /// The figures under `groups.<name>.`: `precision`, `recall`, `f1`, and the same under
    /// `same_language.` and `cross_language.`.
    pub fn figures(&self) -> Vec<Figure> {
        let base = format!("groups.{}", self.name);
        let mut out = Vec::new();
        for (prefix, s) in [
            (base.clone(), &self.overall),
            (format!("{base}.same_language"), &self.same_language),
            (format!("{base}.cross_language"), &self.cross_language),
        ] {
            Figure::push(
                &mut out,
                format!("{prefix}.precision"),
                s.precision.ratio(),
                Better::Higher,
            );
            Figure::push(
                &mut out,
                format!("{prefix}.recall"),
                s.recall.ratio(),
                Better::Higher,
            );
            Figure::push(&mut out, format!("{prefix}.f1"), s.f1(), Better::Higher);
        }
        out
    }

    /// Writes the pairwise figures as a text table, with the counts.
    pub fn write_text(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        writeln!(w, "groups: {} (pairwise)", self.name)?;
        let row = |label: &str, s: &PairScores| {
            vec![
                label.to_string(),
                s.precision.total.to_string(),
                s.recall.total.to_string(),
                s.recall.hits.to_string(),
                cell(s.precision.ratio()),
                cell(s.recall.ratio()),
                cell(s.f1()),
            ]
        };
        write_table(
            w,
            &[
                "pairs",
                "predicted",
                "gold",
                "right",
                "precision",
                "recall",
                "F1",
            ],
            &[
                row("all", &self.overall),
                row("same language", &self.same_language),
                row("cross-language", &self.cross_language),
            ],
        )
    }

    /// Writes the figures as one JSON document, `quotedrift/evaluate-groups@1`, with
    /// `figures`: every figure by the name floors use.
    pub fn write_json(&self, w: &mut dyn std::io::Write) -> std::io::Result<()> {
        #[derive(Serialize)]
        struct Scores {
            predicted: usize,
            gold: usize,
            right: usize,
            precision: Option<f64>,
            recall: Option<f64>,
            f1: Option<f64>,
        }
        let scores = |s: &PairScores| Scores {
            predicted: s.precision.total,
            gold: s.recall.total,
            right: s.recall.hits,
            precision: s.precision.ratio(),
            recall: s.recall.ratio(),
            f1: s.f1(),
        };
        #[derive(Serialize)]
        struct Doc<'a> {
            schema: &'static str,
            name: &'a str,
            overall: Scores,
            same_language: Scores,
            cross_language: Scores,
            figures: std::collections::BTreeMap<String, f64>,
        }
        write_json(
            w,
            &Doc {
                schema: "quotedrift/evaluate-groups@1",
                name: &self.name,
                overall: scores(&self.overall),
                same_language: scores(&self.same_language),
                cross_language: scores(&self.cross_language),
                figures: super::figure_map(&self.figures()),
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::AlignOptions;
    use crate::ingest::{self, Corpus};

    fn analysis() -> Analysis {
        let texts = [
            (
                "a",
                "eng",
                "“The harbour will reopen next spring,” the port director Lena Holm said. \
                   “Ticket prices stay the same,” Holm said.",
            ),
            (
                "b",
                "eng",
                "“The harbour will reopen in the spring,” Lena Holm said. \
                   “Our ferries need new engines,” Holm added.",
            ),
            (
                "c",
                "deu",
                "„Der Hafen wird im nächsten Frühjahr wieder öffnen“, sagte Lena Holm.",
            ),
        ];
        let sources = texts
            .iter()
            .map(|(id, language, t)| {
                let mut source =
                    ingest::read_bytes(id, id, t.as_bytes(), Default::default()).unwrap();
                source.meta.language = Some(language.to_string());
                source
            })
            .collect();
        crate::analysis::analyze(Corpus::new(sources), AlignOptions::default())
    }

    const ANNOTATION: &str = r#"
[[group]]
name = "harbour reopens"
members = [
  { source = "a", text = "The harbour will reopen next spring" },
  { source = "b", text = "The harbour will reopen in the spring" },
  { source = "c", text = "Der Hafen wird" },
]
"#;

    #[test]
    fn pairs_are_counted_and_split_by_language() {
        let analysis = analysis();
        let gold = resolve("g.toml", ANNOTATION, &analysis).unwrap();
        assert_eq!(gold.groups[0].1.len(), 3);
        let e = evaluate("g.toml", &gold, &analysis);
        // Three gold pairs: a–b in English, a–c and b–c across languages.
        assert_eq!(e.overall.recall.total, 3);
        assert_eq!(e.same_language.recall.total, 1);
        assert_eq!(e.cross_language.recall.total, 2);
        assert_eq!(e.overall.recall.hits, 3 - e.missed.len());
        assert_eq!(
            e.overall.precision.total - e.overall.precision.hits,
            e.wrongly_together.len()
        );
        assert_eq!(
            e.same_language.precision.total + e.cross_language.precision.total,
            e.overall.precision.total
        );
    }

    #[test]
    fn scores_of_a_known_grouping() {
        let q = |source, quote| QuoteRef { source, quote };
        let gold = pairs_of([[q(0, 0), q(1, 0), q(2, 0)].as_slice(), [q(0, 1)].as_slice()]);
        assert_eq!(gold.len(), 3);
        let predicted = pairs_of([[q(1, 0), q(0, 0)].as_slice(), [q(0, 1), q(1, 1)].as_slice()]);
        assert_eq!(gold.intersection(&predicted).count(), 1);
    }

    #[test]
    fn unresolved_members_are_named() {
        let analysis = analysis();
        let bad = ANNOTATION.replace("Der Hafen wird", "Kein solcher Text");
        let err = resolve("g.toml", &bad, &analysis).unwrap_err();
        assert!(err.to_string().contains("Kein solcher Text"), "{err}");
        assert!(err.to_string().contains("harbour reopens"), "{err}");
    }
}
