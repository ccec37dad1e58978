//! `--format html`: the exact page for a small fixture (`fixtures/html`: a story with markup,
//! quotes and ampersands in its text and in its rules' texts, and overlapping findings), escaping,
//! balanced markup, the summary, `-o`, and the page as headless Chromium renders it.

mod common;

use common::{assert_matches_file, parse_json, root, run_in, stderr, stdout, temp_dir};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STORIES: &str = "fixtures/html/stories";
const EXPECTED: &str = "fixtures/html/expected.html";

/// The page for `paths`, checked from the repository root.
fn report(paths: &[&str]) -> String {
    let mut args = vec!["check", "--format", "html"];
    args.extend_from_slice(paths);
    let out = run_in(&root(), &args, None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    stdout(&out)
}

/// The findings of `paths` as JSON.
fn findings(paths: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(paths);
    let out = run_in(&root(), &args, None);
    parse_json(&out.stdout)["diagnostics"]
        .as_array()
        .unwrap()
        .clone()
}

/// Text as the page escapes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The page's elements open and close in order (void elements aside; style and script are raw
/// text), so no overlap of findings can break the markup.
fn assert_balanced(html: &str) {
    const VOID: [&str; 4] = ["meta", "input", "wbr", "br"];
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("a tag is closed");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if closing {
            assert_eq!(open.pop().as_deref(), Some(name.as_str()), "at <{tag}>");
        } else if !VOID.contains(&name.as_str()) {
            if name == "style" || name == "script" {
                let close = format!("</{name}>");
                let at = rest.find(&close).expect("a raw text element is closed");
                rest = &rest[at + close.len()..];
                continue;
            }
            open.push(name);
        }
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
}

#[test]
fn the_fixture_page_matches_its_expected_output() {
    assert_matches_file(&root().join(EXPECTED), &report(&[STORIES]));
}

#[test]
fn story_text_messages_and_rule_texts_are_escaped() {
    let html = report(&[STORIES]);
    // The only scripts are the page's own two; the story's script and image are text.
    assert_eq!(html.matches("<script").count(), 2);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>vote"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(
        html.contains(
            "title: &quot;Café &lt;b&gt;vote&lt;/b&gt; &amp; \\&quot;quotes\\&quot;&quot;"
        )
    );
    assert!(html.contains("it&#39;s a &quot;great&quot; day &amp; "));
    // A message with markup, quotes and an ampersand, its backticks as code.
    assert!(html.contains(
        "&#39;R&amp;D&#39; is &lt;em&gt;jargon&lt;/em&gt; &amp; &quot;trade&quot; talk: write \
         <code>research and development</code>"
    ));
    // The rule's why, two paragraphs, its script as text.
    assert!(html.contains(
        "<p>Readers outside the trade do not know &lt;abbr&gt;R&amp;D&lt;/abbr&gt;.</p>"
    ));
    assert!(html.contains("&lt;script&gt;alert(&quot;why&quot;)&lt;/script&gt;"));
    // Links: a web address escaped in its attribute; anything else never linked.
    assert!(html.contains("href=\"https://example.com/style?a=1&amp;b=&quot;2&quot;#jargon\""));
    assert!(!html.contains("javascript:"));
    assert_balanced(&html);
}

#[test]
fn every_finding_is_on_the_page_with_its_parts() {
    for paths in [
        &[STORIES][..],
        &["fixtures/stories"][..],
        &["fixtures/formats/stories"][..],
    ] {
        let html = report(paths);
        let diags = findings(paths);
        assert_eq!(html.matches("<li class=\"finding ").count(), diags.len());
        for d in &diags {
            let rule = d["rule"].as_str().unwrap();
            let message = d["message"].as_str().unwrap();
            // Backticked parts become code; check the text around them.
            for part in message.split('`') {
                assert!(html.contains(&escaped(part)), "{paths:?}: {message}");
            }
            let start = &d["start"];
            assert!(html.contains(&format!("data-rule=\"{rule}\">\n<p class=\"fhead\">")));
            assert!(html.contains(&format!(
                "line {}, column {}</a>",
                start["line"], start["column"]
            )));
            for note in d["notes"].as_array().unwrap() {
                let note = note.as_str().unwrap();
                assert!(
                    html.contains(&escaped(note.split('`').next().unwrap())),
                    "{note}"
                );
            }
            if let Some(fix) = d["fix"].as_object() {
                let description = fix["description"].as_str().unwrap();
                assert!(html.contains(&escaped(description.split('`').next().unwrap())));
            }
        }
        assert_balanced(&html);
    }
}

#[test]
fn overlapping_findings_are_split_and_coloured_by_the_most_severe() {
    let html = report(&[STORIES]);
    // "spent alot of time" (info) holds "alot" (warning): three pieces, the middle one warning.
    assert!(html.contains(
        "<mark class=\"info\" data-f=\"2\" title=\"2. info: wordy: say what they did \
         [house.wordy]\">spent </mark><mark class=\"warning\" data-f=\"2 3\""
    ));
    // "12 percent" is both a claim (info) and where the story set its form (a related place).
    assert!(html.contains("<mark class=\"info\" data-f=\"5\" data-s=\"6\""));
    assert!(html.contains("<span id=\"s2-6-1\"></span>"));
    assert!(html.contains(
        "<a href=\"#s2-6-1\">line 12, column 17</a> <span class=\"excerpt\">12 percent</span>"
    ));
}

#[test]
fn the_summary_counts_and_links_every_story() {
    // The five stories this report was written for (the folder has gained table stories since).
    let html = report(&[
        "fixtures/stories/clean.md",
        "fixtures/stories/placeholders.md",
        "fixtures/stories/style.md",
        "fixtures/stories/web-residue.md",
        "fixtures/stories/wire-bom-crlf.txt",
    ]);
    assert!(html.contains("<h1>7 errors, 11 warnings and 3 infos in 4 of 5 stories</h1>"));
    for (i, name) in [
        "clean.md",
        "placeholders.md",
        "style.md",
        "web-residue.md",
        "wire-bom-crlf.txt",
    ]
    .iter()
    .enumerate()
    {
        let n = i + 1;
        assert!(html.contains(&format!(
            "<a href=\"#s{n}\">fixtures/<wbr>stories/<wbr>{name}</a>"
        )));
        assert!(html.contains(&format!(" id=\"s{n}\" aria-labelledby=\"s{n}-h\">")));
    }
    assert!(html.contains(
        "<tr id=\"rule-boilerplate.placeholder\"><td class=\"pick\"><input type=\"checkbox\" \
         data-filter=\"rule\" value=\"boilerplate.placeholder\" checked"
    ));
    assert!(html.contains("<td class=\"n\" data-label=\"findings\">7</td>"));
    assert!(html.contains("<td colspan=\"3\" class=\"none\">no findings</td>"));
    // A clean story is listed, without its text.
    assert!(html.contains("<section class=\"story clean\" id=\"s1\""));
    // The BOM is not shown, and CRLF shows as LF.
    assert!(!html.contains('\u{feff}'));
    assert!(!html.contains('\r'));
}

#[test]
fn unreadable_files_are_listed_and_paths_escaped() {
    let dir = temp_dir("html-unreadable");
    fs::write(dir.join("desk & \"co\" <1>.md"), "A TK story.\n").unwrap();
    fs::write(dir.join("latin1.md"), b"caf\xe9 <b>\n").unwrap();
    let out = run_in(&dir, &["check", "--format", "html", "."], None);
    assert_eq!(out.status.code(), Some(2));
    let html = stdout(&out);
    assert!(html.contains("<h3 id=\"unreadable\">Could not be read</h3>"));
    assert!(html.contains("<li><code>latin1.md</code> is not valid UTF-8"));
    assert!(html.contains("could not be read</a></li>"));
    // Paths are escaped wherever they appear.
    assert!(html.contains("<a href=\"#s1\">desk &amp; &quot;co&quot; &lt;1&gt;.md</a>"));
    assert!(!html.contains("<1>"));
    assert_balanced(&html);
}

#[test]
fn output_option_writes_the_report_whole_for_every_format() {
    let dir = temp_dir("html-output");
    for format in ["html", "json", "human"] {
        let path = dir.join(format!("report.{format}"));
        fs::write(&path, "an older report").unwrap();
        let out = run_in(
            &root(),
            &[
                "check",
                "--color",
                "always",
                "--format",
                format,
                "-o",
                path.to_str().unwrap(),
                STORIES,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(out.stdout.is_empty(), "{format}: nothing on stdout");
        let written = fs::read_to_string(&path).unwrap();
        let printed = stdout(&run_in(
            &root(),
            &["check", "--color", "always", "--format", format, STORIES],
            None,
        ));
        assert_eq!(written, printed, "{format}");
    }
    // `--output -` is stdout.
    let out = run_in(
        &root(),
        &["check", "--format", "json", "--output", "-", STORIES],
        None,
    );
    assert!(stdout(&out).starts_with('{'));
    // No temporary file is left beside the reports.
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["report.html", "report.human", "report.json"]);
    // A report that cannot be written is an I/O error, named with its path.
    let missing = dir.join("no-such-folder/report.html");
    let out = run_in(
        &root(),
        &[
            "check",
            "--format",
            "html",
            "-o",
            missing.to_str().unwrap(),
            STORIES,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: cannot write ") && stderr(&out).contains("report.html"),
        "{}",
        stderr(&out)
    );
}

/// Headless Chromium, if one is installed (`COPYDESK_CHROMIUM` names another binary).
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("COPYDESK_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
    .find(|p| p.is_file())
}

/// The DOM of `url` after its scripts ran, as headless Chromium prints it.
fn dump_dom(browser: &Path, url: &str) -> String {
    let profile = temp_dir("chromium-profile");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut dom = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut dom).unwrap();
        dom
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = fs::remove_dir_all(&profile);
    reader.join().unwrap()
}

#[test]
fn chromium_renders_the_findings_and_the_filters_work() {
    let Some(browser) = chromium() else {
        eprintln!(
            "skipped: no chromium found (apt-get install chromium, or set COPYDESK_CHROMIUM)"
        );
        return;
    };
    let dir = temp_dir("html-chromium");
    let page = dir.join("report.html");
    let out = run_in(
        &root(),
        &[
            "check",
            "--format",
            "html",
            "-o",
            page.to_str().unwrap(),
            STORIES,
            "fixtures/stories",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let diags = findings(&[STORIES, "fixtures/stories"]);
    let url = format!("file://{}", page.display());

    let dom = dump_dom(&browser, &url);
    // Both scripts ran under the page's Content-Security-Policy.
    assert!(
        dom.contains("<html lang=\"en\" class=\"js\">"),
        "{}",
        &dom[..dom.len().min(400)]
    );
    assert!(dom.contains(&format!("Showing all {} findings.", diags.len())));
    // Every finding is in the page and shown; the story's markup stayed text.
    let cards = finding_tags(&dom);
    assert_eq!(cards.len(), diags.len());
    assert!(cards.iter().all(|c| !c.contains("hidden")));
    for d in &diags {
        let message = d["message"].as_str().unwrap();
        for part in message.split('`') {
            assert!(dom.contains(&dom_text(part)), "{message}");
        }
    }
    assert_eq!(dom.matches("<script").count(), 2);
    assert!(!dom.contains("<img"));
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    // A filter in the address: errors only.
    let dom = dump_dom(&browser, &format!("{url}#show=error"));
    let errors = diags.iter().filter(|d| d["severity"] == "error").count();
    assert!(dom.contains(&format!("Showing {errors} of {} findings.", diags.len())));
    let cards = finding_tags(&dom);
    assert_eq!(cards.len(), diags.len());
    for card in cards {
        assert_eq!(
            card.contains("hidden"),
            !card.starts_with("<li class=\"finding error\""),
            "{card}"
        );
    }
    // Highlights of hidden findings are cleared; the errors' stay.
    assert!(dom.contains("<mark class=\"error\" data-f=\"1\""));
    assert!(dom.contains("<mark class=\"\" data-f=\"2\""));
}

/// The opening tags of the finding cards.
fn finding_tags(dom: &str) -> Vec<&str> {
    dom.match_indices("<li class=\"finding ")
        .map(|(i, _)| &dom[i..i + dom[i..].find('>').unwrap() + 1])
        .collect()
}

/// Text as a browser serializes a text node.
fn dom_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
