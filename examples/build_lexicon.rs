//! Builds quotedrift's lexicon file from the raw Princeton WordNet 3.0 and Open Multilingual
//! Wordnet distribution files.
//!
//! ```text
//! cargo run --release --example build_lexicon -- RAW_DIR lexicon/wordnet.qdlex
//! ```
//!
//! `RAW_DIR` holds `pwn30/` (the `data.*` and `*.exc` files) and `omw/` (the `.tab` files).
//! Every `.tab` file in `omw/` is read, in name order; the output is a pure function of the
//! inputs, so the same files give the same bytes.

#![allow(
    clippy::print_stderr,
    reason = "a command-line program reports what it read and wrote"
)]

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use quotedrift::lexicon::build::{build, Input, Pos};

/// What a raw file is: a data file or an exception list of a part of speech, or an OMW table.
type Kind = Option<(Pos, bool)>;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [raw, out] = args.as_slice() else {
        bail!("usage: build_lexicon RAW_DIR OUT_FILE");
    };
    let raw = Path::new(raw);
    let read = |path: PathBuf| -> Result<String> {
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
    };
    let mut texts: Vec<(Kind, PathBuf, String)> = Vec::new();
    for (name, pos) in [
        ("noun", Pos::Noun),
        ("verb", Pos::Verb),
        ("adj", Pos::Adjective),
        ("adv", Pos::Adverb),
    ] {
        let data = raw.join("pwn30").join(format!("data.{name}"));
        texts.push((Some((pos, true)), data.clone(), read(data)?));
        let exc = raw.join("pwn30").join(format!("{name}.exc"));
        texts.push((Some((pos, false)), exc.clone(), read(exc)?));
    }
    let mut tabs: Vec<PathBuf> = std::fs::read_dir(raw.join("omw"))
        .with_context(|| format!("reading {}", raw.join("omw").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tab"))
        .collect();
    tabs.sort();
    for tab in tabs {
        let text = read(tab.clone())?;
        texts.push((None, tab, text));
    }
    let inputs: Vec<Input<'_>> = texts
        .iter()
        .map(|(kind, _, text)| match kind {
            Some((pos, true)) => Input::Data(*pos, text),
            Some((pos, false)) => Input::Exceptions(*pos, text),
            None => Input::Omw(text),
        })
        .collect();
    let bytes = build(&inputs).context("building the lexicon")?;
    let tmp = format!("{out}.tmp");
    std::fs::write(&tmp, &bytes).with_context(|| format!("writing {tmp}"))?;
    std::fs::rename(&tmp, out).with_context(|| format!("writing {out}"))?;
    for (_, path, _) in &texts {
        eprintln!("read {}", path.strip_prefix(raw).unwrap_or(path).display());
    }
    eprintln!("wrote {out}: {} bytes", bytes.len());
    Ok(())
}
