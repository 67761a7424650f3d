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
    let corpus = "fixtures/geneva-2022";
    let cases: [(&str, &[&str]); 6] = [
        ("geneva-2022.txt", &["report", corpus, "--color", "never"]),
        ("geneva-2022.json", &["report", corpus, "--format", "json"]),
        ("geneva-2022.md", &["report", corpus, "--format", "md"]),
        ("geneva-2022.html", &["report", corpus, "--format", "html"]),
        (
            "geneva-2022.quotes.txt",
            &["quotes", corpus, "--color", "never"],
        ),
        (
            "geneva-2022.quotes.json",
            &["quotes", corpus, "--format", "json"],
        ),
    ];
    let both = ["fixtures/geneva-2022", "fixtures/geneva-2022-translations"];
    let combined: [(&str, Vec<&str>); 2] = [
        (
            "geneva-2022+translations.txt",
            [&["report"][..], &both, &["--color", "never"]].concat(),
        ),
        (
            "geneva-2022+translations.json",
            [&["report"][..], &both, &["--format", "json"]].concat(),
        ),
    ];
    for (name, args) in combined
        .iter()
        .map(|(n, a)| (*n, a.as_slice()))
        .chain(cases)
    {
        assert!(
            generated(args) == committed(name),
            "reports/{name} is stale: run scripts/regenerate-reports"
        );
    }
}

#[test]
fn the_readme_example_is_part_of_the_committed_report() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let commands = &readme[readme.find("## Commands").expect("a Commands section")..];
    let start = commands.find("```text\n").expect("a text example") + "```text\n".len();
    let example = &commands[start..start + commands[start..].find("```").unwrap()];
    assert!(example.lines().count() > 3, "{example}");
    let report = String::from_utf8(committed("geneva-2022.txt")).unwrap();
    assert!(
        report.contains(example),
        "the README's example is not in reports/geneva-2022.txt:\n{example}"
    );
}
