//! The HTML report: escaping, self-containment, and its behaviour in a real browser.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use quotedrift::align::AlignOptions;
use quotedrift::analysis;
use quotedrift::ingest::{read_bytes, Corpus, Input};
use quotedrift::report::{self, ReportFormat, TextStyle};

use crate::common::{fixtures, quotedrift, stdout_of};

fn page_of(corpus: Corpus) -> String {
    let analysis = analysis::analyze(corpus, AlignOptions::default());
    let mut out = Vec::new();
    report::write_report(
        &analysis,
        ReportFormat::Html,
        TextStyle::default(),
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

fn fixture_page() -> String {
    let corpus =
        quotedrift::ingest::read_inputs(&[Input::Path(fixtures())], Default::default()).unwrap();
    page_of(corpus)
}

#[test]
fn everything_from_the_input_is_escaped() {
    let hostile = [
        "“We will not accept <script>alert('x')</script> at all,” Lavrov said.",
        "“We will not accept \"><img src=x onerror=alert(1)> at all,” Lavrov said. </textarea><b>bold</b>",
    ];
    let sources = hostile
        .iter()
        .enumerate()
        .map(|(i, t)| {
            read_bytes(
                &format!("evil{i}<i>"),
                "-",
                t.as_bytes(),
                Default::default(),
            )
            .unwrap()
        })
        .collect();
    let page = page_of(Corpus::new(sources));
    assert!(
        page.contains("&lt;script&gt;alert"),
        "the script renders as text"
    );
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("&lt;/textarea&gt;"));
    assert!(!page.contains("<script>alert"));
    assert!(!page.contains("<img"));
    assert!(!page.contains("</textarea>"));
    assert!(!page.contains("<b>bold"));
    assert!(!page.contains("evil0<i>"), "source ids are escaped too");
    // The page's own script is the only one.
    assert_eq!(page.matches("<script>").count(), 1);
}

/// Every `src` and `href` attribute value in the page.
fn links(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attribute in [" src=\"", " href=\""] {
        let mut rest = page;
        while let Some(i) = rest.find(attribute) {
            rest = &rest[i + attribute.len()..];
            let end = rest.find('"').unwrap();
            out.push(rest[..end].to_string());
        }
    }
    out
}

#[test]
fn the_page_makes_no_external_request() {
    let page = fixture_page();
    let links = links(&page);
    assert!(
        links.iter().any(|l| l.starts_with("#g1")),
        "links stay inside the page"
    );
    for link in &links {
        assert!(
            link.starts_with('#'),
            "external reference in the page: {link}"
        );
    }
    for forbidden in ["http://", "https://", "//fonts", "@import", "url("] {
        assert!(!page.contains(forbidden), "{forbidden}");
    }
}

#[test]
fn links_the_sources_themselves_contain_are_the_only_external_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "“Open and useful talks, indeed,” Lavrov said.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "“Open and useful talks, really,” Lavrov said.",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("manifest.toml"),
        "[[source]]\nfile = \"a.txt\"\noutlet = \"A\"\nurl = \"https://example.org/a\"\n",
    )
    .unwrap();
    let out = quotedrift()
        .args(["report", "--format", "html"])
        .arg(dir.path())
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    let external: Vec<String> = links(&page)
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert_eq!(external, ["https://example.org/a"]);
}

/// Source addresses a hostile feed or manifest may hold: none but http(s) may become a link.
const HOSTILE_URLS: [&str; 9] = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "  javascript:alert(1)",
    "\tjava\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "DATA:text/html;base64,PHNjcmlwdD4=",
    "//evil.example/protocol-relative",
    "file:///etc/passwd",
];

#[test]
fn only_http_addresses_from_json_lines_become_links() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for (i, url) in HOSTILE_URLS
        .iter()
        .chain(&["https://example.org/ok", " HTTP://example.org/upper"])
        .enumerate()
    {
        let record = serde_json::json!({
            "id": format!("s{i}"),
            "outlet": format!("Outlet {i}"),
            "url": url,
            "text": "“Open and useful talks, indeed,” Lavrov said.",
        });
        lines.push_str(&format!("{record}\n"));
    }
    let input = dir.path().join("feed.jsonl");
    std::fs::write(&input, lines).unwrap();
    let out = quotedrift()
        .args(["report", "--format", "html"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    let external: Vec<String> = links(&page)
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert_eq!(
        external,
        ["HTTP://example.org/upper", "https://example.org/ok"],
        "sources in id order: s10, s9"
    );
    // The other addresses are still shown, as text.
    assert!(page.contains("(javascript:alert(1))"), "shown as text");
    assert!(page.contains("(vbscript:msgbox(1))"));
    assert!(!page.contains("<script>alert"));
}

#[test]
fn only_http_addresses_from_a_manifest_become_links() {
    for url in HOSTILE_URLS {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a", "b"] {
            std::fs::write(
                dir.path().join(format!("{name}.txt")),
                "“Open and useful talks, indeed,” Lavrov said.",
            )
            .unwrap();
        }
        let manifest = format!(
            "[[source]]\nfile = \"a.txt\"\noutlet = \"A\"\nurl = {}\n",
            serde_json::to_string(url).unwrap()
        );
        std::fs::write(dir.path().join("manifest.toml"), manifest).unwrap();
        let out = quotedrift()
            .args(["report", "--format", "html"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{url}");
        let page = String::from_utf8(out.stdout).unwrap();
        let external: Vec<String> = links(&page)
            .into_iter()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(external.is_empty(), "{url} became a link: {external:?}");
    }
}

#[test]
fn every_group_has_a_collation_table_and_every_quote_an_anchor() {
    let page = fixture_page();
    let groups = page.matches("<article class=\"group\"").count();
    assert!(groups >= 10);
    assert_eq!(page.matches("<table class=\"collation\">").count(), groups);
    for id in ["q-003_dc03c1db8e55d129-2", "q-004_e7aa7f92c00fff20-9"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
        assert!(page.contains(&format!("href=\"#{id}\"")), "{id}");
    }
    assert!(page.contains("class=\"w d-substitution\""));
}

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("QUOTEDRIFT_CHROMIUM").unwrap_or_default(),
        "/usr/bin/chromium".into(),
        "/usr/bin/chromium-browser".into(),
        "/usr/bin/google-chrome".into(),
    ];
    candidates.iter().map(PathBuf::from).find(|p| p.is_file())
}

const BROWSER_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
];

/// Actions run in the page after its own script, results written into `#test-result`.
const HARNESS: &str = r##"
<script>
(function () {
  var out = [];
  function visible() { return Array.prototype.filter.call(document.querySelectorAll("article.group"), function (g) { return !g.hidden; }); }
  function fire(el) { el.dispatchEvent(new Event("input", { bubbles: true })); el.dispatchEvent(new Event("change", { bubbles: true })); }
  out.push("filters-shown=" + !document.getElementById("filters").hidden);
  out.push("initial=" + visible().length + "/" + document.querySelectorAll("article.group").length);
  out.push("collation-rows-min=" + Math.min.apply(null, Array.prototype.map.call(document.querySelectorAll("table.collation"), function (t) { return t.tBodies[0].rows.length; })));
  var speaker = document.getElementById("f-speaker");
  speaker.value = "blinken"; fire(speaker);
  out.push("speaker-shown=" + visible().length);
  out.push("speaker-only=" + visible().every(function (g) { return g.dataset.speaker === "blinken"; }));
  out.push("index-rows-shown=" + Array.prototype.filter.call(document.querySelectorAll("#index tbody tr"), function (r) { return !r.hidden; }).length);
  speaker.value = ""; fire(speaker);
  var severity = document.getElementById("f-severity");
  severity.value = "0.9"; fire(severity);
  out.push("severe-only=" + visible().every(function (g) { return parseFloat(g.dataset.severity) >= 0.9; }) + "," + visible().length);
  severity.value = "0"; fire(severity);
  var search = document.getElementById("f-search");
  search.value = "constructive"; fire(search);
  out.push("search=" + visible().map(function (g) { return g.id; }).join(" ") + "|" + visible().every(function (g) { return g.dataset.text.indexOf("constructive") >= 0; }));
  search.value = ""; fire(search);
  Array.prototype.forEach.call(document.querySelectorAll("input[name=kind]"), function (k) { k.checked = k.value === "number"; fire(k); });
  out.push("kind-number=" + visible().every(function (g) { return g.dataset.kinds.split(" ").indexOf("number") >= 0; }) + "," + visible().length);
  var button = document.querySelectorAll("#index thead th button")[3];
  button.click();
  var versions = Array.prototype.map.call(document.querySelectorAll("#index tbody tr"), function (r) { return parseFloat(r.cells[3].dataset.value); });
  out.push("sorted-ascending=" + versions.every(function (v, i) { return i === 0 || versions[i - 1] <= v; }));
  var pre = document.createElement("pre"); pre.id = "test-result"; pre.textContent = out.join("\n"); document.body.appendChild(pre);
})();
</script>
"##;

#[test]
fn the_page_works_in_headless_chromium() {
    let Some(browser) = chromium() else {
        eprintln!("SKIPPED: the_page_works_in_headless_chromium — no Chromium found (install Debian's `chromium`; .ci/run does)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = fixture_page();
    let tested = page.replace("</body>", &format!("{HARNESS}</body>"));
    let file = dir.path().join("report.html");
    std::fs::write(&file, tested).unwrap();
    let url = format!("file://{}", file.display());
    let profile = dir.path().join("profile");
    let dom = Process::new(&browser)
        .args(BROWSER_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&dom.stdout);
    let start = dom
        .find("<pre id=\"test-result\">")
        .expect("the harness ran in the browser")
        + 22;
    let result = &dom[start..start + dom[start..].find("</pre>").unwrap()];
    eprintln!("browser checks:\n{result}");
    let value = |key: &str| {
        result
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("{key} missing from {result}"))
            .to_string()
    };
    assert_eq!(value("filters-shown"), "true");
    let (shown, total) = value("initial")
        .split_once('/')
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap();
    assert_eq!(shown, total, "every group is shown at first");
    assert!(value("collation-rows-min").parse::<usize>().unwrap() >= 2);
    let by_speaker: usize = value("speaker-shown").parse().unwrap();
    assert!(
        by_speaker >= 1 && by_speaker < total.parse().unwrap(),
        "filtering by a speaker hides the others"
    );
    assert_eq!(value("speaker-only"), "true");
    assert_eq!(
        value("index-rows-shown").parse::<usize>().unwrap(),
        by_speaker
    );
    assert!(value("severe-only").starts_with("true,"));
    let search = value("search");
    assert!(
        search.ends_with("|true") && !search.starts_with('|'),
        "{search}"
    );
    assert!(value("kind-number").starts_with("true,"));
    assert_eq!(value("sorted-ascending"), "true");

    // A screenshot of the page as a reader sees it, kept with the build.
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("geneva-2022.png");
    let plain = dir.path().join("plain.html");
    std::fs::write(&plain, &page).unwrap();
    let status = Process::new(&browser)
        .args(BROWSER_FLAGS)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--window-size=1280,2000")
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", plain.display()))
        .output()
        .expect("chromium runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 10_000,
        "a real screenshot"
    );
}

/// Measures the first screen: how many findings it shows whole with both outlets and marked
/// words, where the corpus table is, and whether a heading reached through a link lands
/// below the sticky filter bar.
const FIRST_SCREEN: &str = r##"
<script>
(function () {
  var out = [];
  var height = window.innerHeight;
  var findings = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var whole = findings.filter(function (f) {
    var r = f.getBoundingClientRect();
    return r.bottom <= height && f.querySelectorAll(".outlet-name").length >= 2;
  });
  out.push("findings-whole=" + whole.length);
  out.push("findings-marked=" + whole.filter(function (f) { return f.querySelector(".version mark"); }).length);
  out.push("corpus-below-findings=" + (document.querySelector("table.sources").getBoundingClientRect().top
    > findings[findings.length - 1].getBoundingClientRect().bottom));
  var nav = document.getElementById("filters");
  var hidden = ["g1", "g3", "g9"].filter(function (id) {
    document.getElementById(id).scrollIntoView();
    var top = document.getElementById(id).querySelector("h2").getBoundingClientRect().top;
    return getComputedStyle(nav).position === "sticky" && top < nav.getBoundingClientRect().bottom;
  });
  out.push("headings-under-the-bar=" + hidden.join(" "));
  var pre = document.createElement("pre"); pre.id = "test-result"; pre.textContent = out.join("\n"); document.body.appendChild(pre);
})();
</script>
"##;

#[test]
fn the_first_screen_shows_findings_at_desktop_and_phone_sizes() {
    let Some(browser) = chromium() else {
        eprintln!("SKIPPED: the_first_screen_shows_findings_at_desktop_and_phone_sizes — no Chromium found");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = fixture_page();
    let measured = dir.path().join("measured.html");
    std::fs::write(
        &measured,
        page.replace("</body>", &format!("{FIRST_SCREEN}</body>")),
    )
    .unwrap();
    let plain = dir.path().join("plain.html");
    std::fs::write(&plain, &page).unwrap();
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser");
    std::fs::create_dir_all(&shots).unwrap();
    for (width, height) in [(1400, 900), (390, 800)] {
        let profile = dir.path().join(format!("profile-{width}"));
        let run = |extra: &[String], file: &Path| {
            Process::new(&browser)
                .args(BROWSER_FLAGS)
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg(format!("--window-size={width},{height}"))
                .arg("--hide-scrollbars")
                .args(extra)
                .arg(format!("file://{}", file.display()))
                .output()
                .expect("chromium runs")
        };
        let dom = run(&["--dump-dom".to_string()], &measured);
        let dom = String::from_utf8_lossy(&dom.stdout);
        let start = dom
            .find("<pre id=\"test-result\">")
            .expect("the measurements ran in the browser")
            + 22;
        let result = &dom[start..start + dom[start..].find("</pre>").unwrap()];
        eprintln!("{width}×{height}:\n{result}");
        let value = |key: &str| {
            result
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .unwrap_or_else(|| panic!("{key} missing from {result}"))
                .to_string()
        };
        let whole: usize = value("findings-whole").parse().unwrap();
        assert!(
            whole >= 3,
            "{width}×{height}: {whole} findings on the first screen"
        );
        assert_eq!(
            value("findings-marked"),
            whole.to_string(),
            "changed words marked"
        );
        assert_eq!(value("corpus-below-findings"), "true");
        assert_eq!(value("headings-under-the-bar"), "", "{width}×{height}");
        let shot = shots.join(format!("first-screen-{width}x{height}.png"));
        let status = run(&[format!("--screenshot={}", shot.display())], &plain);
        assert!(status.status.success());
        assert!(
            std::fs::metadata(&shot).unwrap().len() > 10_000,
            "a real screenshot"
        );
    }
}

#[test]
fn versions_are_named_by_outlet_and_the_index_says_what_changed() {
    let page = fixture_page();
    let out = quotedrift()
        .args(["report", "--format", "json"])
        .arg(fixtures())
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for group in doc["groups"].as_array().unwrap() {
        for id in group["quotes"].as_array().unwrap() {
            let id = id.as_str().unwrap();
            assert!(
                !page.contains(&format!("<td>{id}</td>")),
                "{id} names a version in a table"
            );
            assert!(
                page.contains(&format!("title=\"{id}\"")),
                "{id} kept as a title"
            );
        }
    }
    // A pair cell names the outlet and the quote's number in it: ">tagesschau #17</td>".
    let named = page.match_indices(">tagesschau #").any(|(at, m)| {
        let rest = &page[at + m.len()..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && rest[digits..].starts_with("</td>")
    });
    assert!(named, "a pair names its outlets");
    let index = &page[page.find("id=\"index\"").unwrap()..];
    let index = &index[..index.find("</table>").unwrap()];
    assert!(index.contains("most severe change"));
    assert!(
        index.contains("∅ (AFP report) → ‘won’t’ (Reference News Network), negation"),
        "{index}"
    );
}

/// A collation cell's words as the page compares them: lowercase, punctuation at either end
/// of each word left out.
fn reading(cell: &str) -> String {
    cell.replace("&quot;", "\"")
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn collation_colours_only_the_words_that_differ_from_the_majority() {
    let page = fixture_page();
    let mut agreeing = 0;
    for group in page.split("<article class=\"group\"").skip(1) {
        let table = &group[..group.find("</table>").unwrap()];
        let agree = &table[table
            .find("<tr class=\"agree\">")
            .expect("an agreement row")..];
        // The majority reading of each column, from the agreement row's titles.
        let majority: Vec<Option<String>> = agree
            .split("<td")
            .skip(1)
            .map(|c| {
                c.split_once("versions read ‘")
                    .and_then(|(_, rest)| rest.split_once('’'))
                    .map(|(words, _)| words.to_string())
            })
            .collect();
        for row in table.split("<tr data-source").skip(1) {
            let row = &row[..row.find("</tr>").unwrap()];
            let cells: Vec<&str> = row.split("<td class=\"w").skip(1).collect();
            assert_eq!(cells.len(), majority.len());
            for (cell, majority) in cells.iter().zip(&majority) {
                let text = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
                if majority.as_deref() == Some(reading(text).as_str()) {
                    agreeing += 1;
                    assert!(
                        !cell.starts_with(" d-"),
                        "a cell that reads as most versions do is coloured: {cell:.80}"
                    );
                }
            }
        }
    }
    assert!(agreeing > 0);
    assert!(
        page.contains("class=\"w d-substitution\""),
        "differences are"
    );
}

/// The report of `path` in `format` (`text` without colours), as `quotedrift report` writes it.
fn report_of(format: &str, path: &Path) -> String {
    stdout_of(&["report", "--color", "never", "--format", format], path)
}

/// Two articles of the project's own, in a folder without a manifest: one credits its outlet
/// in a byline, the other in a "Source:" line; both quote the same minister, one changed word.
fn unlisted_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Harbour talks end\n\nBy Northern Times\n\nBy Jane Smith\n\nThe fisheries minister \
         Petra Holm said: \"The talks were open and useful, and we will meet again in March.\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.txt"),
        "Harbour talks end Source: Daily Courier\nThe fisheries minister Petra Holm said: \
         \"The talks were frank and useful, and we will meet again in March.\"\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_folder_without_a_manifest_names_outlets_the_text_credits_and_has_no_empty_column() {
    let dir = unlisted_folder();
    let text = report_of("text", dir.path());
    assert!(
        text.contains("(Northern Times)") && text.contains("(Daily Courier)"),
        "{text}"
    );
    let page = report_of("html", dir.path());
    let corpus = &page[page.find("id=\"corpus\"").unwrap()..];
    let corpus = &corpus[..corpus.find("</table>").unwrap()];
    assert!(corpus.contains("<th>outlet</th>"), "{corpus}");
    assert!(corpus.contains("Northern Times") && corpus.contains("Daily Courier"));
    assert!(corpus.contains("(from the text)"));
    // Nothing says where these texts were translated from: those columns are left out.
    assert!(!corpus.contains("translation chain") && !corpus.contains("original language"));
    // Every cell of the table says something.
    assert!(!corpus.contains("<td></td>"), "{corpus}");
    let doc: serde_json::Value = serde_json::from_str(&report_of("json", dir.path())).unwrap();
    let credit = &doc["sources"][0]["outlet_credit"];
    assert_eq!(credit["name"], "Northern Times");
    assert_eq!(credit["rule"], "byline");
    let (start, end) = (
        credit["start"].as_u64().unwrap() as usize,
        credit["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &doc["sources"][0]["text"].as_str().unwrap()[start..end],
        "Northern Times"
    );
    assert!(
        doc["sources"][0]["outlet"].is_null(),
        "the input named no outlet"
    );
}

#[test]
fn every_pair_has_a_side_by_side_view_with_the_changed_words_marked() {
    let dir = unlisted_folder();
    let page = report_of("html", dir.path());
    let panes: Vec<&str> = page.split("<div class=\"panes\">").skip(1).collect();
    assert_eq!(panes.len(), 1, "one pair, one two-pane view");
    let view = &panes[0][..panes[0].find("</details>").unwrap()];
    let a = view
        .find("Northern Times")
        .expect("the first pane names its outlet");
    let b = view
        .find("Daily Courier")
        .expect("the second pane names its outlet");
    assert!(a < b);
    // Each pane has its whole version, the changed word marked inside it.
    assert!(view[..b].contains(">open</mark>"), "{view}");
    assert!(view[b..].contains(">frank</mark>"), "{view}");
    assert!(view.contains("we will meet again in March"));
}
