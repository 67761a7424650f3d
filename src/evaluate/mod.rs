//! Measuring quotedrift against annotated samples: extraction ([`quotes`]), drift on typed
//! translation errors ([`demetr`]) and grouping into utterances ([`groups`]).
//!
//! Each evaluation reads its annotation from text the caller hands over (this module does no
//! file I/O; reading the files is the caller's job, as with every input), runs the pipeline
//! the way a user's files are run, and returns typed counts. A figure is always a share of
//! counted cases ([`Count`]), so that every figure can be checked by hand from the counts
//! printed beside it.
//!
//! Every evaluation also lists its figures under dotted names ([`Figure`]:
//! `quotes.gnqa-dev.recall`, `demetr.demetr-dev.detection.critical`, …), which a floors file
//! ([`Floors`]) holds minimum values for, so that continuous integration can fail when a
//! figure drops.

pub mod demetr;
pub mod groups;
pub mod quotes;

use std::collections::BTreeMap;

use serde::Serialize;

/// Everything that can go wrong while reading an annotation. Every variant names its input.
#[derive(Debug, thiserror::Error)]
pub enum EvaluateError {
    /// A record or file does not parse.
    #[error("{name}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Parse {
        /// The input (a file name).
        name: String,
        /// The line, for JSON Lines.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A record is well-formed but its content cannot be used (offsets outside the text, …).
    #[error("{name}: {message}")]
    Invalid {
        /// The input and record.
        name: String,
        /// What is wrong.
        message: String,
    },
}

/// How many of the counted cases passed: the numerator and denominator of one figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    /// Cases that passed.
    pub hits: usize,
    /// Cases counted.
    pub total: usize,
}

impl Count {
    /// Counts one case.
    pub fn add(&mut self, hit: bool) {
        self.total += 1;
        self.hits += usize::from(hit);
    }

    /// Adds another count's cases.
    pub fn merge(&mut self, other: Count) {
        self.hits += other.hits;
        self.total += other.total;
    }

    /// The share of cases that passed; `None` when nothing was counted.
    pub fn ratio(self) -> Option<f64> {
        (self.total > 0).then(|| self.hits as f64 / self.total as f64)
    }
}

/// The harmonic mean of precision and recall (0 when either is 0).
pub fn f1(precision: Option<f64>, recall: Option<f64>) -> Option<f64> {
    let (p, r) = (precision?, recall?);
    Some(if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    })
}

/// Whether a larger value of a figure is better (recall) or worse (a false-alarm rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    /// Larger is better: a floor is a minimum.
    Higher,
    /// Smaller is better: a floor is a maximum.
    Lower,
}

/// One measured figure under its dotted name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// `quotes.gnqa-dev.recall`, `demetr.demetr-dev.typing`, …
    pub name: String,
    /// The figure, in [0, 1].
    pub value: f64,
    /// Which way is better.
    pub better: Better,
}

impl Figure {
    fn push(out: &mut Vec<Figure>, name: String, value: Option<f64>, better: Better) {
        if let Some(value) = value {
            out.push(Figure {
                name,
                value,
                better,
            });
        }
    }
}

/// Limits for figures, by name: a minimum for figures where higher is better, a maximum for
/// those where lower is better (false alarms).
///
/// Written as TOML whose nested tables spell the name:
///
/// ```toml
/// [quotes.gnqa-dev]
/// recall = 0.40
/// speaker_accuracy = 0.50
///
/// [demetr.demetr-dev]
/// "detection.critical" = 0.60
/// faithful_alarm = 0.30   # lower is better: at most
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Floors {
    /// Limits by dotted figure name.
    pub limits: BTreeMap<String, f64>,
}

/// A figure that is on the wrong side of its floor, or a floor that names no figure of an
/// evaluation that ran.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortfall {
    /// The figure's name.
    pub name: String,
    /// Its limit.
    pub limit: f64,
    /// The figure, or `None` when the evaluation ran but has no such figure.
    pub value: Option<f64>,
    /// Which way is better.
    pub better: Option<Better>,
}

impl std::fmt::Display for Shortfall {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.value, self.better) {
            (Some(value), Some(Better::Lower)) => write!(
                f,
                "{} is {value:.3}, above its ceiling {:.3}",
                self.name, self.limit
            ),
            (Some(value), _) => write!(
                f,
                "{} is {value:.3}, below its floor {:.3}",
                self.name, self.limit
            ),
            (None, _) => write!(
                f,
                "{} has a floor ({:.3}) but was not measured",
                self.name, self.limit
            ),
        }
    }
}

impl Floors {
    /// Reads a floors file (`name` is used in error messages).
    pub fn parse(name: &str, text: &str) -> Result<Floors, EvaluateError> {
        let table: toml::Table = toml::from_str(text).map_err(|e| EvaluateError::Parse {
            name: name.to_string(),
            line: None,
            message: e.to_string(),
        })?;
        let mut limits = BTreeMap::new();
        flatten(name, "", &table, &mut limits)?;
        Ok(Floors { limits })
    }

    /// The figures on the wrong side of their limits, in name order. A limit whose name starts
    /// like a measured figure's evaluation (`quotes.gnqa-dev.`) but names no figure is also a
    /// shortfall (a misspelt floor would otherwise never fail); limits of evaluations that did
    /// not run are ignored.
    pub fn check(&self, figures: &[Figure]) -> Vec<Shortfall> {
        let by_name: BTreeMap<&str, &Figure> =
            figures.iter().map(|f| (f.name.as_str(), f)).collect();
        let evaluation = |name: &str| name.split('.').take(2).collect::<Vec<_>>().join(".");
        let ran: std::collections::BTreeSet<String> =
            figures.iter().map(|f| evaluation(&f.name)).collect();
        let mut out = Vec::new();
        for (name, &limit) in &self.limits {
            match by_name.get(name.as_str()) {
                Some(figure) => {
                    let fails = match figure.better {
                        Better::Higher => figure.value < limit,
                        Better::Lower => figure.value > limit,
                    };
                    if fails {
                        out.push(Shortfall {
                            name: name.clone(),
                            limit,
                            value: Some(figure.value),
                            better: Some(figure.better),
                        });
                    }
                }
                None if ran.contains(&evaluation(name)) => out.push(Shortfall {
                    name: name.clone(),
                    limit,
                    value: None,
                    better: None,
                }),
                None => {}
            }
        }
        out
    }
}

fn flatten(
    file: &str,
    prefix: &str,
    table: &toml::Table,
    out: &mut BTreeMap<String, f64>,
) -> Result<(), EvaluateError> {
    for (key, value) in table {
        let name = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match value {
            toml::Value::Table(inner) => flatten(file, &name, inner, out)?,
            toml::Value::Float(x) => {
                out.insert(name, *x);
            }
            toml::Value::Integer(x) => {
                out.insert(name, *x as f64);
            }
            _ => {
                return Err(EvaluateError::Parse {
                    name: file.to_string(),
                    line: None,
                    message: format!("{name}: a floor must be a number"),
                })
            }
        }
    }
    Ok(())
}

/// The name of an input as figures use it: its file stem (`gnqa-dev` for
/// `eval/gnqa-dev.jsonl`).
pub fn stem(path: &str) -> String {
    let trimmed = path.trim_end_matches(['/', '\\']);
    let file = trimmed.rsplit(['/', '\\']).next().unwrap_or(trimmed);
    match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_string(),
        _ => file.to_string(),
    }
}

/// A ratio for a table cell: three decimals, or `–` when nothing was counted.
fn cell(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "–".to_string(), |r| format!("{r:.3}"))
}

/// Writes rows as a text table with a header, the first column left-aligned and the others
/// right-aligned, columns as wide as their widest cell.
fn write_table(
    w: &mut dyn std::io::Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let pad = widths[i] - c.chars().count();
            if i == 0 {
                s.push_str(c);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(c);
            }
        }
        s.trim_end().to_string()
    };
    writeln!(w, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(w, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}

/// Figures by name, for the `figures` member of the JSON documents.
fn figure_map(figures: &[Figure]) -> BTreeMap<String, f64> {
    figures.iter().map(|f| (f.name.clone(), f.value)).collect()
}

/// Writes figures as one JSON document (pretty-printed) followed by a newline.
fn write_json<T: Serialize>(w: &mut dyn std::io::Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, value).map_err(std::io::Error::other)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(name: &str, value: f64, better: Better) -> Figure {
        Figure {
            name: name.to_string(),
            value,
            better,
        }
    }

    #[test]
    fn floors_read_nested_tables_as_dotted_names() {
        let floors = Floors::parse(
            "f.toml",
            "[quotes.a-dev]\nrecall = 0.5\n\"kind.direct.recall\" = 1\n",
        )
        .unwrap();
        assert_eq!(floors.limits["quotes.a-dev.recall"], 0.5);
        assert_eq!(floors.limits["quotes.a-dev.kind.direct.recall"], 1.0);
        assert!(Floors::parse("f.toml", "a = \"x\"").is_err());
    }

    #[test]
    fn floors_fail_figures_on_the_wrong_side_and_misspelt_names() {
        let floors = Floors::parse(
            "f.toml",
            "[quotes.a]\nrecall = 0.5\nprecision = 0.5\nrecal = 0.1\n\
             [demetr.d]\nalarm = 0.2\n[quotes.not-run]\nrecall = 0.9\n",
        )
        .unwrap();
        let figures = [
            figure("quotes.a.recall", 0.4, Better::Higher),
            figure("quotes.a.precision", 0.5, Better::Higher),
            figure("demetr.d.alarm", 0.3, Better::Lower),
        ];
        let failed: Vec<String> = floors
            .check(&figures)
            .iter()
            .map(|s| s.name.clone())
            .collect();
        assert_eq!(
            failed,
            ["demetr.d.alarm", "quotes.a.recal", "quotes.a.recall"]
        );
        let message = floors.check(&figures)[0].to_string();
        assert!(message.contains("above its ceiling"), "{message}");
    }

    #[test]
    fn counts_and_stems() {
        let mut c = Count::default();
        assert_eq!(c.ratio(), None);
        c.add(true);
        c.add(false);
        assert_eq!(c.ratio(), Some(0.5));
        assert_eq!(
            f1(Some(0.5), Some(1.0)).map(|x| (x * 1000.0).round()),
            Some(667.0)
        );
        assert_eq!(stem("../data/gnqa-dev.jsonl"), "gnqa-dev");
        assert_eq!(stem("../data/demetr-dev/"), "demetr-dev");
    }
}
