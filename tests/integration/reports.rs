//! The committed reports are exactly what the tool generates from the fixtures.

use std::path::Path;

use assert_cmd::Command;

fn generated(args: &[&str]) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Command::cargo_bin("quotedrift")
        .unwrap()
        .current_dir(root)
        .args(args)
        .output()
        .unwrap()
        .stdout
}

fn committed(name: &str) -> Vec<u8> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read(root.join("reports").join(name)).unwrap_or_default()
}

#[test]
fn committed_reports_are_up_to_date() {
    let cases = [
        (
            "geneva-2022.quotes.txt",
            vec!["quotes", "fixtures/geneva-2022", "--color", "never"],
        ),
        (
            "geneva-2022.quotes.json",
            vec!["quotes", "fixtures/geneva-2022", "--format", "json"],
        ),
    ];
    for (name, args) in cases {
        assert!(
            generated(&args) == committed(name),
            "reports/{name} is stale: run scripts/regenerate-reports"
        );
    }
}
