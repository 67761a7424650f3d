//! Builds quotedrift's lexicon file from the raw Princeton WordNet 3.0 and Open Multilingual
//! Wordnet distribution files.
//!
//! ```text
//! cargo run --release --example build_lexicon -- RAW_DIR [DICT_DIR] lexicon/wordnet.qdlex
//! ```
//!
//! `RAW_DIR` holds `pwn30/` (the `data.*` and `*.exc` files) and `omw/` (the `.tab` files).
//! `DICT_DIR`, when given, holds bilingual dictionaries: FreeDict's dictd files
//! (`freedict-deu-eng.index` with its uncompressed `freedict-deu-eng.dict`; one side of every
//! pair is English) and CC-CEDICT (`cedict*.txt`). `scripts/build-lexicon` fetches the exact
//! packages and runs this program. Every file is read in name order; the output is a pure
//! function of the inputs, so the same files give the same bytes.

#![allow(
    clippy::print_stderr,
    reason = "a command-line program reports what it read and wrote"
)]

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use quotedrift::lexicon::build::{build, Input, Pos};

/// What a raw file is: a data file or an exception list of a part of speech, or an OMW table.
#[derive(Clone)]
enum Kind {
    Wordnet(Pos, bool),
    Omw,
    /// A dictd dictionary: the other language, whether English comes first, the `.dict`.
    Dictd(String, bool, String),
    Cedict,
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (raw, dicts, out) = match args.as_slice() {
        [raw, out] => (raw, None, out),
        [raw, dicts, out] => (raw, Some(Path::new(dicts)), out),
        _ => bail!("usage: build_lexicon RAW_DIR [DICT_DIR] OUT_FILE"),
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
        texts.push((Kind::Wordnet(pos, true), data.clone(), read(data)?));
        let exc = raw.join("pwn30").join(format!("{name}.exc"));
        texts.push((Kind::Wordnet(pos, false), exc.clone(), read(exc)?));
    }
    let mut tabs: Vec<PathBuf> = std::fs::read_dir(raw.join("omw"))
        .with_context(|| format!("reading {}", raw.join("omw").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tab"))
        .collect();
    tabs.sort();
    for tab in tabs {
        let text = read(tab.clone())?;
        texts.push((Kind::Omw, tab, text));
    }
    if let Some(dicts) = dicts {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dicts)
            .with_context(|| format!("reading {}", dicts.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for file in files {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            if let Some(pair) = name
                .strip_prefix("freedict-")
                .and_then(|n| n.strip_suffix(".index"))
            {
                let Some((from, to)) = pair.split_once('-') else {
                    bail!("{}: expected freedict-LANG-LANG.index", file.display());
                };
                let (language, english_first) = match (from, to) {
                    ("eng", other) => (other, true),
                    (other, "eng") => (other, false),
                    _ => bail!("{}: neither side is English", file.display()),
                };
                let dict = file.with_extension("dict");
                let dict_text = read(dict)?;
                texts.push((
                    Kind::Dictd(language.to_string(), english_first, dict_text),
                    file.clone(),
                    read(file)?,
                ));
            } else if name.starts_with("cedict") && name.ends_with(".txt") {
                let text = read(file.clone())?;
                texts.push((Kind::Cedict, file, text));
            }
        }
    }
    let inputs: Vec<Input<'_>> = texts
        .iter()
        .map(|(kind, _, text)| match kind {
            Kind::Wordnet(pos, true) => Input::Data(*pos, text),
            Kind::Wordnet(pos, false) => Input::Exceptions(*pos, text),
            Kind::Omw => Input::Omw(text),
            Kind::Dictd(language, english_first, dict) => Input::Dictd {
                language,
                english_first: *english_first,
                index: text,
                dict,
            },
            Kind::Cedict => Input::Cedict(text),
        })
        .collect();
    let bytes = build(&inputs).context("building the lexicon")?;
    let tmp = format!("{out}.tmp");
    std::fs::write(&tmp, &bytes).with_context(|| format!("writing {tmp}"))?;
    std::fs::rename(&tmp, out).with_context(|| format!("writing {out}"))?;
    for (_, path, _) in &texts {
        eprintln!("read {}", path.display());
    }
    eprintln!("wrote {out}: {} bytes", bytes.len());
    Ok(())
}
