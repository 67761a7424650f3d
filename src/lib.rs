//! quotedrift: find what was said in news coverage, and how its wording drifts between
//! outlets and translations.
//!
//! The pipeline reads as a straight line, one module a stage, data flowing one way:
//!
//! ```text
//! ingest → language → text → quote → align (score, drift) → report
//! ```
//!
//! - [`ingest`] reads files, folders, standard input and the corpus manifest (the only file
//!   I/O in the library);
//! - [`language`] detects the language of each source, and of each quote written in another
//!   script;
//! - [`text`] splits words and sentences and stems them;
//! - [`quote`] finds direct and indirect quotes and who said them;
//! - [`align`] groups the versions of each utterance across sources, using [`score`] to
//!   measure how similar two versions are and [`drift`] to say what changed;
//! - [`analysis`] runs the stages in order and holds the result;
//! - [`report`] formats the result (it never recomputes anything);
//! - [`evaluate`] measures extraction, drift and grouping against annotated samples.
//!
//! Byte offsets into the original file are the currency between stages: every quote carries
//! `start`/`end` such that the file's bytes `[start, end)` are exactly its text.
//!
//! ```
//! use quotedrift::{ingest, quote};
//!
//! let text = "“The talks were open and useful,” Lavrov said.";
//! let source = ingest::read_bytes("a", "a.txt", text.as_bytes(), Default::default()).unwrap();
//! let extraction = quote::extract(ingest::Corpus::new(vec![source]));
//! let (source, q) = extraction.quotes().next().unwrap();
//! assert_eq!(source.text_of(q), "The talks were open and useful");
//! assert_eq!(source.speaker_of(q).unwrap().name, "Lavrov");
//! ```

pub mod align;
pub mod analysis;
pub mod drift;
pub mod evaluate;
pub mod ingest;
pub mod language;
pub mod lexicon;
pub mod quote;
pub mod report;
pub mod score;
pub mod text;
