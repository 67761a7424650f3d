//! Integration tests: the library on the fixtures, and the `quotedrift` binary.

mod accuracy;
mod cli;
mod properties;
