//! Integration tests: the library on the fixtures, and the `quotedrift` binary.

#![allow(
    clippy::print_stderr,
    reason = "tests report measured figures on standard error"
)]

mod accuracy;
mod alignment;
mod cli;
mod common;
mod evaluate;
mod hostile;
mod html;
mod lexicon;
mod pathological;
mod properties;
mod report;
mod reports;
mod scale;
