//! `--format html`: one self-contained page for the editors who never read a terminal.
//!
//! A summary (stories checked, findings by severity and by rule, a link to each story), then every
//! story with findings: its text, each finding highlighted where it is, and under the text the
//! findings themselves with their message, rule and why it exists, related places, notes and
//! suggested fix. Style and a little script (the filters) are inline; without the script every
//! finding is shown. A Content-Security-Policy allows only that style and script.
//!
//! Highlights never nest: the text is cut at every span boundary and line start, and each piece
//! covered by a finding is one `<mark>` naming every finding that covers it, coloured by the most
//! severe. Overlapping findings cannot break the markup, and a long story costs a few elements a
//! line, not one a character. Every piece of text that reaches the page is escaped.
//!
//! The page is written as the stories are checked ([`HtmlPage`]), so memory holds a few stories
//! and a row a story for the summary, never the page: the stories come first in the file, then
//! the summary and the masthead, which the style sheet draws at the top and the script moves
//! there.

mod csp;
mod escape;
mod story;

use super::{
    Emitter, FileAnchor, FileError, FileReport, RuleDocs, StreamEmitter, Summary, TOOL_NAME,
    TOOL_URI, TOOL_VERSION, summary_line,
};
use crate::diagnostic::Severity;
use escape::{E, PathText, Rich};
use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::sync::Mutex;

/// The page's style sheet.
const STYLE: &str = include_str!("html/report.css");
/// The filters.
const SCRIPT: &str = include_str!("html/report.js");
/// Runs before the page is drawn, so that the filters are laid out from the start.
const EARLY_SCRIPT: &str = "document.documentElement.classList.add('js')";

/// Severities, most severe first.
const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// One self-contained HTML page, written whole from collected reports: the bytes of
/// [`HtmlPage`], the page written story by story.
#[derive(Debug, Default)]
pub struct Html {
    /// Documentation of the rules in force: the summary and `why` shown with each rule.
    pub rules: RuleDocs,
}

impl Emitter for Html {
    fn emit(
        &mut self,
        reports: &[FileReport],
        errors: &[FileError],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let page = HtmlPage::new(self.rules.clone());
        super::write_whole(&page, reports, errors, summary, out)
    }
}

/// `--format html` written story by story: each story's section as soon as it and every story
/// before it are done. What the page shows first (the masthead with the totals, the summary) is
/// known only at the end, so it is written last: the style sheet draws it at the top, and the
/// script moves it there. The findings are counted by rule as they pass, and each story keeps a
/// row of the summary's table of stories (its name and three counts), never its text.
#[derive(Debug, Default)]
pub struct HtmlPage {
    rules: RuleDocs,
    tally: Mutex<Tally>,
}

/// What the summary needs to know of the stories written.
#[derive(Debug, Default)]
struct Tally {
    /// A row a story, in the order rendered (sorted by number at the end).
    stories: Vec<StoryRow>,
    /// Findings by rule: the most severe severity and how many.
    rules: BTreeMap<String, (Severity, usize)>,
}

/// A story in the summary's table of stories.
#[derive(Debug)]
struct StoryRow {
    /// Its number on the page (its section is `#s{number}`).
    number: usize,
    /// Its name as shown.
    name: String,
    /// Its findings by severity, most severe first.
    counts: [u32; 3],
}

impl HtmlPage {
    /// A page documenting the rules with `rules`.
    pub fn new(rules: RuleDocs) -> HtmlPage {
        HtmlPage {
            rules,
            tally: Mutex::default(),
        }
    }

    /// Counts a story's findings for the summary.
    fn count(&self, number: usize, report: &FileReport) {
        let mut counts = [0u32; 3];
        for d in &report.diagnostics {
            counts[severity_rank(d.severity)] += 1;
        }
        let mut tally = self.tally.lock().unwrap_or_else(|e| e.into_inner());
        for d in &report.diagnostics {
            let entry = tally.rules.entry(d.rule.clone()).or_insert((d.severity, 0));
            entry.0 = entry.0.max(d.severity);
            entry.1 += 1;
        }
        tally.stories.push(StoryRow {
            number,
            name: report.source.name.clone(),
            counts,
        });
    }
}

/// Where a severity stands in [`SEVERITIES`].
fn severity_rank(severity: Severity) -> usize {
    SEVERITIES
        .iter()
        .position(|&s| s == severity)
        .unwrap_or(SEVERITIES.len() - 1)
}

/// A page piece written to memory, where formatting cannot fail but for a bug.
fn rendered(write: impl FnOnce(&mut String) -> fmt::Result) -> io::Result<String> {
    let mut out = String::new();
    write(&mut out).map_err(|_| io::Error::other("formatting the HTML report failed"))?;
    Ok(out)
}

impl StreamEmitter for HtmlPage {
    fn begin(&self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(rendered(head)?.as_bytes())
    }

    fn file(&self, number: usize, report: &FileReport) -> Vec<u8> {
        self.count(number, report);
        // Formatting into a string fails only for a bug in a `Display`; the story is then left
        // out rather than the page cut short.
        story::story(number, report, &self.rules)
            .map(String::into_bytes)
            .unwrap_or_default()
    }

    fn finish(
        &self,
        _wrote: bool,
        _anchors: &[FileAnchor],
        errors: &[FileError],
        summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut tally = self.tally.lock().unwrap_or_else(|e| e.into_inner());
        tally.stories.sort_by_key(|row| row.number);
        // Written as formatted: the table of stories has a row a story of the run.
        let mut w = FmtIo { out, error: None };
        let written = overview(&mut w, &tally, errors, summary, &self.rules)
            .and_then(|()| masthead(&mut w, summary))
            .and_then(|()| footer(&mut w));
        match (written, w.error) {
            (_, Some(e)) => Err(e),
            (Err(_), None) => Err(io::Error::other("formatting the HTML report failed")),
            (Ok(()), None) => Ok(()),
        }
    }
}

/// Formatted text written on to a byte stream; the first write error is kept.
struct FmtIo<'a> {
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl fmt::Write for FmtIo<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error.get_or_insert(e);
            fmt::Error
        })
    }
}

/// The head, and the start of the stories. The title names no totals (they are not known yet);
/// the script gives the page its full title from the masthead.
fn head(out: &mut String) -> fmt::Result {
    let policy = csp::policy(STYLE, &[EARLY_SCRIPT, SCRIPT]);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"generator\" content=\"{TOOL_NAME} {TOOL_VERSION}\">\n\
         <title>copydesk report</title>\n<style>{STYLE}</style>\n\
         <script>{EARLY_SCRIPT}</script>\n</head>\n<body>\n<main class=\"wrap\">\n",
        E(&policy),
    )
}

/// The masthead: the headline, and the page's full title for the script to set.
fn masthead(out: &mut dyn fmt::Write, summary: &Summary) -> fmt::Result {
    writeln!(
        out,
        "<header class=\"masthead\" id=\"top\" data-title=\"copydesk report: {}\">\
         <div class=\"wrap\"><p class=\"kicker\">copydesk report</p><h1>{}</h1></div></header>",
        E(&summary_line(summary)),
        E(&headline(summary))
    )
}

fn footer(out: &mut dyn fmt::Write) -> fmt::Result {
    write!(
        out,
        "<footer class=\"wrap foot\">Made by <a href=\"{}\">{TOOL_NAME}</a> \
         {TOOL_VERSION}.</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        E(TOOL_URI)
    )
}

/// The summary: totals, findings by rule, the stories, unreadable files; it closes the stories.
fn overview(
    out: &mut dyn fmt::Write,
    tally: &Tally,
    errors: &[FileError],
    summary: &Summary,
    docs: &RuleDocs,
) -> fmt::Result {
    out.write_str(
        "<section class=\"panel summary\" aria-labelledby=\"summary\">\n\
         <h2 id=\"summary\">Summary</h2>\n<ul class=\"tiles\">\n",
    )?;
    write!(
        out,
        "<li class=\"tile\"><span class=\"num\">{}</span> {} checked</li>\n\
         <li class=\"tile\"><span class=\"num\">{}</span> with findings</li>\n",
        summary.files,
        if summary.files == 1 {
            "story"
        } else {
            "stories"
        },
        summary.files_with_findings
    )?;
    for severity in SEVERITIES {
        let count = count_of(summary, severity);
        let name = severity.name();
        writeln!(
            out,
            "<li class=\"tile {name}\"><label><input type=\"checkbox\" data-filter=\"sev\" \
             value=\"{name}\" checked> <span class=\"num\">{count}</span> {name}{}</label></li>",
            if count == 1 { "" } else { "s" }
        )?;
    }
    if summary.unreadable > 0 {
        writeln!(
            out,
            "<li class=\"tile unreadable\"><a href=\"#unreadable\"><span class=\"num\">{}</span> \
             could not be read</a></li>",
            summary.unreadable
        )?;
    }
    out.write_str("</ul>\n")?;
    let total = summary.errors + summary.warnings + summary.infos;
    if total > 0 {
        writeln!(
            out,
            "<p class=\"filters\"><span id=\"shown\" aria-live=\"polite\">Showing all {total} \
             findings.</span> <button type=\"button\" id=\"reset\" hidden>Show all</button></p>"
        )?;
        rules_table(out, &tally.rules, docs)?;
    }
    stories_table(out, &tally.stories)?;
    if !errors.is_empty() {
        out.write_str(
            "<h3 id=\"unreadable\">Could not be read</h3>\n<ul class=\"unreadable-list\">\n",
        )?;
        for e in errors {
            writeln!(
                out,
                "<li><code>{}</code> {}</li>",
                E(&e.path),
                E(&e.message)
            )?;
        }
        out.write_str("</ul>\n")?;
    }
    out.write_str("</section>\n</main>\n")?;
    Ok(())
}

/// "3 errors, 12 warnings and 2 infos in 4 of 5 stories", or "No findings in 5 stories".
fn headline(s: &Summary) -> String {
    let total = s.errors + s.warnings + s.infos;
    let stories = noun(s.files, "story");
    if total == 0 {
        return format!("No findings in {stories}");
    }
    let mut parts: Vec<String> = SEVERITIES
        .iter()
        .map(|&sev| (count_of(s, sev), sev.name()))
        .filter(|(n, _)| *n > 0)
        .map(|(n, name)| noun(n, name))
        .collect();
    let last = parts.pop().unwrap_or_default();
    let findings = if parts.is_empty() {
        last
    } else {
        format!("{} and {last}", parts.join(", "))
    };
    format!("{findings} in {} of {stories}", s.files_with_findings)
}

fn count_of(s: &Summary, severity: Severity) -> usize {
    match severity {
        Severity::Error => s.errors,
        Severity::Warning => s.warnings,
        Severity::Info => s.infos,
    }
}

/// "1 error", "2 errors", "1 story", "2 stories".
fn noun(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) => format!("{n} {word}"),
        (_, "story") => format!("{n} stories"),
        _ => format!("{n} {word}s"),
    }
}

/// Findings by rule: most severe first, then the most frequent.
fn rules_table(
    out: &mut dyn fmt::Write,
    by_rule: &BTreeMap<String, (Severity, usize)>,
    docs: &RuleDocs,
) -> fmt::Result {
    let mut rows: Vec<(&str, Severity, usize)> = by_rule
        .iter()
        .map(|(id, &(s, n))| (id.as_str(), s, n))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(b.0)));
    out.write_str(
        "<h3 id=\"rules\">Findings by rule</h3>\n<div class=\"scroll\"><table class=\"rules\">\n\
         <thead><tr><th class=\"pick\"><span class=\"visually-hidden\">Show</span></th>\
         <th>Rule</th><th>Severity</th><th class=\"n\">Findings</th><th>What it checks</th></tr>\
         </thead>\n<tbody>\n",
    )?;
    for (id, severity, count) in rows {
        let summary = docs.get(id).map_or("", |d| d.summary.as_str());
        let name = severity.name();
        writeln!(
            out,
            "<tr id=\"rule-{id}\"><td class=\"pick\"><input type=\"checkbox\" data-filter=\"rule\" \
             value=\"{id}\" checked aria-label=\"Show {id}\"></td><th scope=\"row\"><code>{id}</code>\
             </th><td><span class=\"sev {name}\">{name}</span></td><td class=\"n\" \
             data-label=\"{}\">{count}</td><td>{}</td></tr>",
            if count == 1 { "finding" } else { "findings" },
            Rich(summary),
            id = E(id),
        )?;
    }
    out.write_str("</tbody></table></div>\n")?;
    Ok(())
}

/// Every story checked, with a link to it and its counts.
fn stories_table(out: &mut dyn fmt::Write, stories: &[StoryRow]) -> fmt::Result {
    out.write_str(
        "<h3 id=\"stories\">Stories</h3>\n<div class=\"scroll\"><table class=\"stories\">\n\
         <thead><tr><th>Story</th><th class=\"n\">Errors</th><th class=\"n\">Warnings</th>\
         <th class=\"n\">Infos</th></tr></thead>\n<tbody>\n",
    )?;
    for row in stories {
        let (number, name) = (row.number, PathText(&row.name));
        if row.counts == [0; 3] {
            writeln!(
                out,
                "<tr class=\"clean\"><th scope=\"row\"><a href=\"#s{number}\">{name}</a></th>\
                 <td colspan=\"3\" class=\"none\">no findings</td></tr>",
            )?;
            continue;
        }
        write!(
            out,
            "<tr><th scope=\"row\"><a href=\"#s{number}\">{name}</a></th>"
        )?;
        for (severity, n) in SEVERITIES.into_iter().zip(row.counts) {
            let name = severity.name();
            let label = if n == 1 { "" } else { "s" };
            if n == 0 {
                write!(out, "<td class=\"n zero\" data-label=\"{name}s\">0</td>")?;
            } else {
                write!(
                    out,
                    "<td class=\"n {name}\" data-label=\"{name}{label}\">{n}</td>"
                )?;
            }
        }
        out.write_str("</tr>\n")?;
    }
    out.write_str("</tbody></table></div>\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_and_script_cannot_end_their_elements_early() {
        let lower = |s: &str| s.to_ascii_lowercase();
        assert!(!lower(STYLE).contains("</style"));
        assert!(!lower(SCRIPT).contains("</script") && !lower(SCRIPT).contains("<!--"));
    }

    #[test]
    fn headline_counts_only_what_is_there() {
        let s = Summary {
            errors: 2,
            infos: 1,
            files: 3,
            files_with_findings: 2,
            ..Summary::default()
        };
        assert_eq!(headline(&s), "2 errors and 1 info in 2 of 3 stories");
        assert_eq!(
            headline(&Summary {
                files: 1,
                ..Summary::default()
            }),
            "No findings in 1 story"
        );
    }
}
