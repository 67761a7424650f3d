//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `quotedrift` binary, with the colour environment cleared.
pub fn quotedrift() -> Command {
    let mut cmd = Command::cargo_bin("quotedrift").expect("binary is built");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// The bundled fixture corpus.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/geneva-2022")
}
