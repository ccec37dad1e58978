//! One story: its heading, its text with the findings highlighted, and the findings.

use super::escape::{E, PathText, Rich};
use super::{SEVERITIES, noun};
use crate::diagnostic::Diagnostic;
use crate::emit::{FileReport, RuleDoc, RuleDocs, region};
use crate::fix::{Applicability, Fix};
use crate::source::{BOM, ColumnUnit, Source};
use crate::span::Span;
use std::fmt::{self, Write as _};

/// The longest quotation of story text shown in a finding, in characters.
const EXCERPT: usize = 80;

/// One story: a heading with its counts and anchor date, its text, its findings.
pub fn story(number: usize, report: &FileReport, docs: &RuleDocs) -> Result<String, fmt::Error> {
    let source = &report.source;
    let diags = &report.diagnostics;
    let mut out = String::with_capacity(source.text.len() * 2 + 2048 * diags.len());
    write!(
        out,
        "<section class=\"story{}\" id=\"s{number}\" aria-labelledby=\"s{number}-h\">\n\
         <header class=\"story-head\"><h2 id=\"s{number}-h\"><a href=\"#s{number}\">{}</a></h2>\
         <p class=\"meta\">",
        if diags.is_empty() { " clean" } else { "" },
        PathText(&source.name)
    )?;
    if diags.is_empty() {
        out.push_str("No findings.");
    } else {
        let counts: Vec<String> = SEVERITIES
            .iter()
            .map(|&s| (s, diags.iter().filter(|d| d.severity == s).count()))
            .filter(|(_, n)| *n > 0)
            .map(|(s, n)| {
                format!(
                    "<span class=\"count {}\">{}</span>",
                    s.name(),
                    noun(n, s.name())
                )
            })
            .collect();
        out.push_str(&counts.join(" "));
    }
    if let Some(anchor) = &report.anchor {
        write!(
            out,
            " <span class=\"dated\">Dated {} ({})</span>",
            E(&anchor.date),
            Rich(&anchor_source(&anchor.source))
        )?;
    }
    out.push_str(" <a class=\"back\" href=\"#top\">Back to summary</a></p></header>\n");
    if !diags.is_empty() {
        text(&mut out, number, source, diags)?;
        out.push_str("<ol class=\"findings\">\n");
        for (i, d) in diags.iter().enumerate() {
            finding(&mut out, number, i + 1, source, d, docs)?;
        }
        out.push_str(
            "</ol>\n<p class=\"none-shown\" hidden>No findings of this story match the filters.\
             </p>\n",
        );
    }
    out.push_str("</section>\n");
    Ok(out)
}

/// Where a story's date came from, in words.
fn anchor_source(source: &str) -> String {
    match source {
        "dateline" => "from its dateline".to_string(),
        "command-line" => "from `--date`".to_string(),
        "config" => "from `copydesk.toml`".to_string(),
        other => match other.strip_prefix("front-matter:") {
            Some(key) => format!("from front matter `{key}`"),
            None => format!("from {other}"),
        },
    }
}

/// A span of story text a finding covers, for the highlights.
#[derive(Clone, Copy, Debug)]
struct Cover {
    span: Span,
    /// The finding's number in its story (1-based).
    n: usize,
    /// 0 for the primary span, else the 1-based number of the secondary label.
    label: usize,
}

/// A marker placed between pieces of text: the number after a finding's primary span (a link to
/// the finding), or the target of a link to a secondary span.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Marker {
    /// Ends the primary span of finding `n` (sorted before anchors at the same offset).
    Ref(usize),
    /// Starts secondary label `label` of finding `n`.
    Related(usize, usize),
}

/// The story's text, one `<div class="l">` a line (numbered by CSS), with the findings' spans
/// highlighted.
fn text(out: &mut String, story: usize, source: &Source, diags: &[Diagnostic]) -> fmt::Result {
    let text = source.text.as_str();
    let base = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut covers = Vec::new();
    let mut markers = Vec::new();
    for (i, d) in diags.iter().enumerate() {
        let n = i + 1;
        let primary = shown(text, base, d.primary.span);
        covers.push(Cover {
            span: primary,
            n,
            label: 0,
        });
        markers.push((primary.end, Marker::Ref(n)));
        for (j, label) in d.secondary.iter().enumerate() {
            let span = shown(text, base, label.span);
            covers.push(Cover {
                span,
                n,
                label: j + 1,
            });
            markers.push((span.start, Marker::Related(n, j + 1)));
        }
    }
    covers.retain(|c| !c.span.is_empty());
    covers.sort_by_key(|c| (c.span.start, c.span.end));
    markers.sort();
    let mut cuts: Vec<usize> = covers
        .iter()
        .flat_map(|c| [c.span.start, c.span.end])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();

    let index = &source.line_index;
    let mut lines = index.line_count();
    // The empty line after a final line break is not shown.
    if lines > 1 && text.ends_with('\n') {
        lines -= 1;
    }
    let (mut next_cut, mut next_marker, mut next_cover) = (0, 0, 0);
    let mut active: Vec<Cover> = Vec::new();
    out.push_str("<div class=\"text\">\n");
    for line in 0..lines {
        let start = index.line_start(text, line);
        let end = index.line_span(text, line).end.max(start);
        out.push_str("<div class=\"l\">");
        let mut at = start;
        loop {
            while let Some(&(offset, marker)) = markers.get(next_marker)
                && offset <= at
            {
                place(out, story, marker, &diags[marker_finding(marker) - 1])?;
                next_marker += 1;
            }
            if at >= end {
                break;
            }
            while cuts.get(next_cut).is_some_and(|&c| c <= at) {
                next_cut += 1;
            }
            let to = cuts.get(next_cut).map_or(end, |&c| c.min(end));
            active.retain(|c| c.span.end > at);
            while let Some(c) = covers.get(next_cover)
                && c.span.start <= at
            {
                if c.span.end > at {
                    active.push(*c);
                }
                next_cover += 1;
            }
            piece(out, &text[at..to], &active, diags)?;
            at = to;
        }
        out.push_str("</div>\n");
    }
    if next_marker < markers.len() {
        // Markers past the last line shown (a span at the very end of the file).
        out.push_str("<div class=\"l\">");
        for &(_, marker) in &markers[next_marker..] {
            place(out, story, marker, &diags[marker_finding(marker) - 1])?;
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
    Ok(())
}

fn marker_finding(marker: Marker) -> usize {
    match marker {
        Marker::Ref(n) | Marker::Related(n, _) => n,
    }
}

fn place(out: &mut String, story: usize, marker: Marker, d: &Diagnostic) -> fmt::Result {
    match marker {
        Marker::Ref(n) => write!(
            out,
            "<a class=\"ref {sev}\" id=\"s{story}-{n}-at\" href=\"#s{story}-{n}\" data-n=\"{n}\" \
             aria-label=\"finding {n}: {sev}\">{n}</a>",
            sev = d.severity.name()
        ),
        Marker::Related(n, j) => write!(out, "<span id=\"s{story}-{n}-{j}\"></span>"),
    }
}

/// One piece of text, highlighted when findings cover it: by the most severe finding whose
/// primary span covers it, else (underlined) by the most severe one it is a secondary span of.
fn piece(out: &mut String, text: &str, active: &[Cover], diags: &[Diagnostic]) -> fmt::Result {
    if active.is_empty() {
        return write!(out, "{}", E(text));
    }
    let numbers = |primary: bool| {
        let mut ns: Vec<usize> = active
            .iter()
            .filter(|c| (c.label == 0) == primary)
            .map(|c| c.n)
            .collect();
        ns.sort_unstable();
        ns.dedup();
        ns
    };
    let (primary, related) = (numbers(true), numbers(false));
    let top = |ns: &[usize]| ns.iter().map(|&n| diags[n - 1].severity).max();
    let class = match (top(&primary), top(&related)) {
        (Some(s), _) => s.name().to_string(),
        (None, Some(s)) => format!("sec {}", s.name()),
        (None, None) => String::new(),
    };
    let join = |ns: &[usize]| {
        ns.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut title = Vec::new();
    for c in active {
        let d = &diags[c.n - 1];
        title.push(if c.label == 0 {
            format!("{}. {}: {} [{}]", c.n, d.severity.name(), d.message, d.rule)
        } else {
            let message = &d.secondary[c.label - 1].message;
            let message = if message.is_empty() {
                "related place"
            } else {
                message
            };
            format!("{}. {message}", c.n)
        });
    }
    title.sort();
    write!(out, "<mark class=\"{class}\"")?;
    if !primary.is_empty() {
        write!(out, " data-f=\"{}\"", join(&primary))?;
    }
    if !related.is_empty() {
        write!(out, " data-s=\"{}\"", join(&related))?;
    }
    write!(
        out,
        " title=\"{}\">{}</mark>",
        E(&title.join("\n")),
        E(text)
    )
}

/// A span as shown: inside the text after the BOM, on character boundaries, without a line
/// ending at its end.
fn shown(text: &str, base: usize, span: Span) -> Span {
    let start = floor(text, span.start.clamp(base, text.len()));
    let end = floor(text, span.end.clamp(start, text.len()));
    let kept = text[start..end].trim_end_matches(['\n', '\r']).len();
    Span::new(start, start + kept)
}

fn floor(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One finding: number, severity, rule, place; message; the text flagged; related places; notes;
/// the suggested fix; why the rule exists.
fn finding(
    out: &mut String,
    story: usize,
    n: usize,
    source: &Source,
    d: &Diagnostic,
    docs: &RuleDocs,
) -> fmt::Result {
    let sev = d.severity.name();
    let id = format!("s{story}-{n}");
    let (start, _) = region(source, d.primary.span, ColumnUnit::CodePoint);
    write!(
        out,
        "<li class=\"finding {sev}\" id=\"{id}\" data-n=\"{n}\" data-sev=\"{sev}\" \
         data-rule=\"{rule}\">\n<p class=\"fhead\"><a class=\"ref {sev}\" href=\"#{id}-at\" \
         aria-label=\"finding {n} in the text\">{n}</a> <span class=\"sev {sev}\">{sev}</span> \
         <a class=\"rule\" href=\"#rule-{rule}\"><code>{rule}</code></a> \
         <a class=\"loc\" href=\"#{id}-at\">line {}, column {}</a></p>\n\
         <p class=\"msg\">{}</p>\n",
        start.line,
        start.column,
        Rich(&d.message),
        rule = E(&d.rule),
    )?;
    let base = if source.text.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let flagged = excerpt(source.slice(shown(&source.text, base, d.primary.span)));
    let quote = !flagged.is_empty() && !d.message.contains(&flagged);
    // A label that only repeats the fix is said once, with the fix.
    let label = Some(d.primary.message.as_str())
        .filter(|l| !l.is_empty() && d.fix.as_ref().is_none_or(|f| f.description != *l));
    if quote || label.is_some() {
        out.push_str("<p class=\"at\">");
        if quote {
            write!(out, "<span class=\"excerpt\">{}</span>", E(&flagged))?;
        }
        if let Some(label) = label {
            let dash = if quote { " — " } else { "" };
            write!(out, "{dash}{}", Rich(label))?;
        }
        out.push_str("</p>\n");
    }
    if !d.secondary.is_empty() {
        out.push_str("<ul class=\"related\">\n");
        for (j, label) in d.secondary.iter().enumerate() {
            let (at, _) = region(source, label.span, ColumnUnit::CodePoint);
            let text = excerpt(source.slice(shown(&source.text, base, label.span)));
            write!(
                out,
                "<li><a href=\"#{id}-{}\">line {}, column {}</a>",
                j + 1,
                at.line,
                at.column
            )?;
            if !text.is_empty() {
                write!(out, " <span class=\"excerpt\">{}</span>", E(&text))?;
            }
            if !label.message.is_empty() {
                write!(out, " — {}", Rich(&label.message))?;
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if !d.notes.is_empty() {
        out.push_str("<ul class=\"notes\">\n");
        for note in &d.notes {
            writeln!(out, "<li>{}</li>", Rich(note))?;
        }
        out.push_str("</ul>\n");
    }
    if let Some(fix) = &d.fix {
        suggestion(out, source, fix)?;
    }
    why(out, &d.rule, docs.get(&d.rule))?;
    out.push_str("</li>\n");
    Ok(())
}

/// The suggested fix: its description, whether it is safe, and each edit as deleted and inserted
/// text.
fn suggestion(out: &mut String, source: &Source, fix: &Fix) -> fmt::Result {
    let (class, tag) = match fix.applicability {
        Applicability::Safe => ("safe", "Suggested fix"),
        Applicability::Unsafe => ("unsafe", "Suggested fix, to review"),
        Applicability::Suggestion => ("unsafe", "Suggestion, to consider"),
    };
    write!(
        out,
        "<div class=\"fix {class}\"><p><span class=\"tag\">{tag}:</span> {}</p>",
        Rich(&fix.description)
    )?;
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| e.span.start);
    if !edits.is_empty() {
        out.push_str("<ul class=\"edits\">");
        for edit in edits {
            let old = excerpt(source.slice(shown(&source.text, 0, edit.span)));
            let new = excerpt(&edit.replacement);
            out.push_str("<li>");
            match (old.is_empty(), new.is_empty()) {
                (false, false) => write!(
                    out,
                    "<del>{}</del> <span class=\"arrow\" aria-label=\"becomes\">→</span> \
                     <ins>{}</ins>",
                    E(&old),
                    E(&new)
                )?,
                (false, true) => write!(out, "delete <del>{}</del>", E(&old))?,
                (true, _) => write!(out, "insert <ins>{}</ins>", E(&new))?,
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>\n");
    Ok(())
}

/// Why the rule exists, folded (opened for printing by the script), with its link.
fn why(out: &mut String, rule: &str, doc: Option<&RuleDoc>) -> fmt::Result {
    write!(
        out,
        "<details class=\"why\"><summary>Why <code>{}</code>?</summary>",
        E(rule)
    )?;
    let text = doc.map_or("", |d| {
        if d.why.trim().is_empty() {
            d.summary.as_str()
        } else {
            d.why.as_str()
        }
    });
    let paragraphs = reflow(text);
    if paragraphs.is_empty() {
        out.push_str("<p>This rule has no explanation.</p>");
    }
    for p in paragraphs {
        write!(out, "<p>{}</p>", Rich(&p))?;
    }
    if let Some(link) = doc
        .and_then(|d| d.link.as_deref())
        .filter(|l| l.starts_with("https://") || l.starts_with("http://"))
    {
        write!(
            out,
            "<p><a href=\"{}\" rel=\"noopener noreferrer\">More about this rule</a></p>",
            E(link)
        )?;
    }
    out.push_str("</details>\n");
    Ok(())
}

/// Text wrapped in the TOML source, as paragraphs: lines joined, blank lines kept.
fn reflow(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Story text quoted in a finding: white space collapsed, at most [`EXCERPT`] characters.
fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(EXCERPT) {
        Some((cut, _)) => format!("{}…", flat[..cut].trim_end()),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Label, Severity};
    use std::sync::LazyLock;

    fn render(text: &str, diags: Vec<Diagnostic>) -> String {
        let mut out = String::new();
        let source = Source::new("story.md", text);
        super::text(&mut out, 1, &source, &diags).unwrap();
        out
    }

    /// The lines a reader sees: tags and finding numbers removed, references resolved.
    fn visible(html: &str) -> Vec<String> {
        static PATTERNS: LazyLock<[regex::Regex; 3]> = LazyLock::new(|| {
            [
                r#"(?s)<div class="l">(.*?)</div>\n"#,
                r#"<a class="ref [^>]*>\d+</a>"#,
                r"<[^>]*>",
            ]
            .map(|p| regex::Regex::new(p).unwrap())
        });
        let [line, refs, tags] = &*PATTERNS;
        line.captures_iter(html)
            .map(|c| {
                let text = refs.replace_all(&c[1], "");
                tags.replace_all(&text, "")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&")
            })
            .collect()
    }

    /// `<mark>` and `<div>` open and close in order, and no `<mark>` holds another element but
    /// nothing.
    fn balanced(html: &str) -> bool {
        let tag = regex::Regex::new(r"<(/?)(mark|div|a|span)\b[^>]*>").unwrap();
        let mut open: Vec<&str> = Vec::new();
        for c in tag.captures_iter(html) {
            let name = c.get(2).unwrap().as_str();
            if c[1].is_empty() {
                if open.last() == Some(&"mark") {
                    return false;
                }
                open.push(name);
            } else if open.pop() != Some(name) {
                return false;
            }
        }
        open.is_empty()
    }

    #[test]
    fn any_spans_keep_the_text_whole_and_the_markup_balanced() {
        let alphabet = [
            "a", "b ", "é", "🎉", "\n", "\r\n", "&", "<", "\"", "'", "\n\n", "\t",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for round in 0..300 {
            let mut text = String::new();
            if round % 5 == 0 {
                text.push_str(BOM);
            }
            for _ in 0..next(60) {
                text.push_str(alphabet[next(alphabet.len())]);
            }
            let len = text.len() + 1;
            let severities = [Severity::Error, Severity::Warning, Severity::Info];
            let diags: Vec<Diagnostic> = (0..next(8))
                .map(|i| {
                    // Offsets anywhere, even inside a character or past the end.
                    let (a, b) = (next(len), next(len));
                    let mut d = Diagnostic::new(
                        format!("p.r{i}"),
                        severities[next(3)],
                        "m <&>",
                        Span::new(a.min(b), a.max(b)),
                    );
                    for _ in 0..next(3) {
                        let (a, b) = (next(len), next(len));
                        d = d.with_secondary(Span::new(a.min(b), a.max(b)), "s");
                    }
                    d
                })
                .collect();
            let html = render(&text, diags);
            assert!(balanced(&html), "{text:?}\n{html}");
            let shown = text.strip_prefix(BOM).unwrap_or(&text).replace('\r', "");
            let mut expected: Vec<&str> = shown.split('\n').collect();
            let seen = visible(&html);
            if shown.ends_with('\n') && seen.len() < expected.len() {
                // The empty line after a final line break is shown only to hold a marker.
                expected.pop();
            }
            assert_eq!(seen, expected, "{text:?}\n{html}");
        }
    }

    #[test]
    fn overlapping_spans_are_split_never_nested() {
        let text = "one two three four";
        let a = Diagnostic::new("p.a", Severity::Warning, "a", Span::new(4, 13));
        let b = Diagnostic::new("p.b", Severity::Error, "b", Span::new(8, 18));
        let html = render(text, vec![a, b]);
        assert!(html.contains(
            "one <mark class=\"warning\" data-f=\"1\" title=\"1. warning: a [p.a]\">two </mark>\
             <mark class=\"error\" data-f=\"1 2\""
        ));
        assert!(html.contains(">three</mark><a class=\"ref warning\" id=\"s1-1-at\""));
        assert!(html.contains(
            "<mark class=\"error\" data-f=\"2\" title=\"2. error: b [p.b]\"> four</mark>\
             <a class=\"ref error\" id=\"s1-2-at\""
        ));
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
    }

    #[test]
    fn spans_across_lines_are_cut_at_each_line() {
        let text = "\u{feff}first line\r\nsecond line\r\n";
        let d = Diagnostic::new("p.a", Severity::Info, "a", Span::new(9, 21))
            .with_secondary(Span::new(3, 8), "here")
            .with_secondary(Span::new(0, 0), "");
        let html = render(text, vec![d]);
        assert_eq!(
            html,
            "<div class=\"text\">\n<div class=\"l\"><span id=\"s1-1-1\"></span>\
             <span id=\"s1-1-2\"></span><mark class=\"sec info\" data-s=\"1\" \
             title=\"1. here\">first</mark> <mark class=\"info\" data-f=\"1\" \
             title=\"1. info: a [p.a]\">line</mark></div>\n<div class=\"l\"><mark class=\"info\" \
             data-f=\"1\" title=\"1. info: a [p.a]\">second</mark><a class=\"ref info\" \
             id=\"s1-1-at\" href=\"#s1-1\" data-n=\"1\" aria-label=\"finding 1: info\">1</a> \
             line</div>\n</div>\n"
        );
    }

    #[test]
    fn a_label_in_a_message_is_not_repeated_as_a_quote() {
        let source = Source::new("s.md", "A TK here.");
        let d = Diagnostic {
            primary: Label::new(Span::new(2, 4), ""),
            ..Diagnostic::new("p.a", Severity::Error, "placeholder 'TK'", Span::new(2, 4))
        };
        let mut out = String::new();
        finding(&mut out, 1, 1, &source, &d, &RuleDocs::new()).unwrap();
        assert!(!out.contains("excerpt"), "{out}");
        assert!(out.contains("This rule has no explanation."));
    }

    #[test]
    fn excerpts_are_short_and_flat() {
        assert_eq!(excerpt("a\n  b"), "a b");
        let long = "word ".repeat(40);
        let e = excerpt(&long);
        assert!(e.ends_with('…') && e.chars().count() <= EXCERPT + 1, "{e}");
    }
}
