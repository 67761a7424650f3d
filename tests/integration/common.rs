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

/// What `quotedrift ARGS PATH` writes to standard output; the run must succeed.
pub fn stdout_of(args: &[&str], path: &Path) -> String {
    let out = quotedrift().args(args).arg(path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
