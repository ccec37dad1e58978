//! `--format sarif`: one SARIF 2.1.0 log, as GitHub code scanning ingests it.
//!
//! One run: `tool.driver` describes copydesk and every rule of the run's configs, sorted by id
//! (`ruleIndex` points into that list, so a result can be written as soon as its story is checked:
//! the log streams, results first, then the invocation with the unreadable files); each result has a level, a message and one physical location: a URI relative
//! to `%SRCROOT%` (the directory copydesk ran in; forward slashes, percent-encoded) and a region
//! whose columns count Unicode code points (`columnKind: unicodeCodePoints`; a BOM is not counted),
//! with `endColumn` one past the last character. Secondary labels become `relatedLocations`.
//! `partialFingerprints` key a finding by rule, path and the text it covers (not its line), so an
//! edit elsewhere in a story does not make it a new alert. Unreadable files are error
//! notifications of the invocation.

use super::{
    FileAnchor, FileError, FileReport, RuleDoc, RuleDocs, StreamEmitter, Summary, TOOL_NAME,
    TOOL_URI, TOOL_VERSION, indented, json_elements, region, write_story_elements,
};
use crate::diagnostic::{Diagnostic, Label, Severity};
use crate::source::{ColumnUnit, Source};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::Path;

/// The schema a SARIF log names.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base every relative URI is resolved against: the directory copydesk ran in.
pub const SRCROOT: &str = "%SRCROOT%";

/// The key of copydesk's fingerprint in `partialFingerprints`.
pub const FINGERPRINT: &str = "copydesk/v1";

/// SARIF 2.1.0.
#[derive(Debug, Default)]
pub struct Sarif {
    /// Documentation of the rules in force, for the `rules` entries.
    pub rules: RuleDocs,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<ReportingDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportingDescriptor<'a> {
    id: &'a str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<&'a str>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: [&'a str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [NotificationLocation; 1],
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: FileOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FileOnly {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// SARIF's name for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as a URI reference: relative paths stay relative (resolved against `%SRCROOT%`),
/// absolute ones become `file` URIs. Everything but unreserved characters and `/` is
/// percent-encoded, byte by byte of the UTF-8.
pub fn artifact_uri(path: &str) -> (String, Option<&'static str>) {
    let path = path.replace('\\', "/");
    let encoded = percent_encode(&path);
    if Path::new(&path).is_absolute() || path.starts_with('/') {
        (format!("file://{encoded}"), None)
    } else if is_drive_path(path.as_bytes()) {
        // A Windows drive path, `C:/stories/a.md`: the drive letter's colon stays.
        (
            format!("file:///{}:{}", &path[..1], percent_encode(&path[2..])),
            None,
        )
    } else {
        (encoded, Some(SRCROOT))
    }
}

fn is_drive_path(path: &[u8]) -> bool {
    path.len() >= 3 && path[0].is_ascii_alphabetic() && path[1] == b':' && path[2] == b'/'
}

/// The URI of a file shown as `shown`, made from its exact bytes when the shown name escapes
/// them (a name that is not UTF-8): percent-encoding is lossless.
fn uri_of(shown: &str, exact: Option<&[u8]>) -> (String, Option<&'static str>) {
    match exact {
        None => artifact_uri(shown),
        Some(bytes) if bytes.starts_with(b"/") => {
            (format!("file://{}", percent_encode_bytes(bytes)), None)
        }
        Some(bytes) => (percent_encode_bytes(bytes), Some(SRCROOT)),
    }
}

fn percent_encode(text: &str) -> String {
    percent_encode_bytes(text.as_bytes())
}

fn percent_encode_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A rule's friendly name: its id in PascalCase, `boilerplate.placeholder` → `BoilerplatePlaceholder`.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// SARIF messages are sentences: one that does not end in sentence punctuation gets a period.
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '?', '!']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// 64-bit FNV-1a: small, stable across platforms and Rust versions, and enough to tell findings
/// apart (the occurrence count settles exact repeats).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

fn physical(source: &Source, label: &Label) -> PhysicalLocation {
    let (start, end) = region(source, label.span, ColumnUnit::CodePoint);
    let (uri, uri_base_id) = uri_of(&source.name, source.name_bytes.as_deref());
    PhysicalLocation {
        artifact_location: ArtifactLocation { uri, uri_base_id },
        region: Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        },
    }
}

/// Text wrapped in the TOML source, as paragraphs: lines joined, blank lines kept.
fn reflow(text: &str) -> String {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn descriptor<'a>(id: &'a str, doc: &'a RuleDoc) -> ReportingDescriptor<'a> {
    let summary = doc.summary.as_str();
    let why = Some(reflow(&doc.why)).filter(|w| !w.is_empty());
    let why = why.unwrap_or_else(|| summary.to_string());
    ReportingDescriptor {
        id,
        name: pascal_case(id),
        short_description: Text {
            text: summary.to_string(),
        },
        full_description: Text { text: why.clone() },
        help: Text { text: why },
        // GitHub and the SARIF validator take only absolute web addresses here.
        help_uri: doc
            .link
            .as_deref()
            .filter(|l| l.starts_with("https://") || l.starts_with("http://")),
        default_configuration: Configuration {
            level: level(doc.severity),
        },
        properties: RuleProperties {
            tags: [id.split_once('.').map_or(id, |(pack, _)| pack)],
        },
    }
}

/// A story's findings as results; `ruleIndex` from `index`, fingerprints counted per story.
fn results<'a>(
    report: &'a FileReport,
    index: impl Fn(&str) -> Option<usize>,
) -> Vec<SarifResult<'a>> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|d| {
            let rule_index = index(&d.rule);
            result(&report.source, d, rule_index, &mut seen)
        })
        .collect()
}

fn result<'a>(
    source: &Source,
    d: &'a Diagnostic,
    rule_index: Option<usize>,
    seen: &mut HashMap<u64, usize>,
) -> SarifResult<'a> {
    let covered = source.slice(d.primary.span);
    let covered = covered.split_whitespace().collect::<Vec<_>>().join(" ");
    let hash = fnv1a(&[&d.rule, &source.name, &covered]);
    let occurrence = seen.entry(hash).or_default();
    *occurrence += 1;
    SarifResult {
        rule_id: &d.rule,
        rule_index,
        level: level(d.severity),
        message: Text {
            text: sentence(&d.message),
        },
        locations: [Location {
            physical_location: physical(source, &d.primary),
        }],
        related_locations: d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| RelatedLocation {
                id: i + 1,
                physical_location: physical(source, l),
                message: Text {
                    text: sentence(if l.message.is_empty() {
                        "Related location"
                    } else {
                        &l.message
                    }),
                },
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT, format!("{hash:016x}:{occurrence}"))]),
    }
}

impl Sarif {
    /// Each rule's place in `tool.driver.rules`: the rules documented, sorted by id.
    fn index(&self, id: &str) -> Option<usize> {
        self.rules
            .contains_key(id)
            .then(|| self.rules.keys().take_while(|k| k.as_str() < id).count())
    }
}

impl StreamEmitter for Sarif {
    fn begin(&self, out: &mut dyn Write) -> io::Result<()> {
        let rules = self
            .rules
            .iter()
            .map(|(id, doc)| descriptor(id, doc))
            .collect();
        let tool = Tool {
            driver: Driver {
                name: TOOL_NAME,
                version: TOOL_VERSION,
                semantic_version: TOOL_VERSION,
                information_uri: TOOL_URI,
                rules,
            },
        };
        writeln!(out, "{{")?;
        writeln!(out, "  \"$schema\": {},", serde_json::to_string(SCHEMA)?)?;
        writeln!(out, "  \"version\": \"2.1.0\",")?;
        out.write_all(b"  \"runs\": [\n    {\n      \"tool\": ")?;
        out.write_all(&indented(&tool, 6))?;
        out.write_all(b",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
    }

    fn file(&self, _number: usize, report: &FileReport) -> Vec<u8> {
        json_elements(results(report, |id| self.index(id)), 8)
    }

    fn write_file(
        &self,
        _number: usize,
        report: &FileReport,
        after: bool,
        out: &mut dyn Write,
    ) -> io::Result<bool> {
        // As `results`, one result at a time.
        let mut seen: HashMap<u64, usize> = HashMap::new();
        let results = report
            .diagnostics
            .iter()
            .map(|d| result(&report.source, d, self.index(&d.rule), &mut seen));
        write_story_elements(report.diagnostics.is_empty(), after, results, 8, out)
    }

    fn separator(&self) -> &'static [u8] {
        b","
    }

    fn finish(
        &self,
        wrote: bool,
        _anchors: &[FileAnchor],
        errors: &[FileError],
        _summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let notifications = errors
            .iter()
            .map(|e| Notification {
                level: "error",
                message: Text {
                    text: sentence(&format!("{} {}", e.path, e.message)),
                },
                locations: [NotificationLocation {
                    physical_location: FileOnly {
                        artifact_location: {
                            let (uri, uri_base_id) = uri_of(&e.path, e.path_bytes.as_deref());
                            ArtifactLocation { uri, uri_base_id }
                        },
                    },
                }],
            })
            .collect();
        let invocation = Invocation {
            execution_successful: errors.is_empty(),
            tool_execution_notifications: notifications,
        };
        out.write_all(if wrote { b"\n      ]" } else { b"]" })?;
        out.write_all(b",\n      \"invocations\": [\n        ")?;
        out.write_all(&indented(&invocation, 8))?;
        out.write_all(b"\n      ]\n    }\n  ]\n}\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_encoded_and_forward_slashed() {
        assert_eq!(
            artifact_uri("desk/Zoë story #1.md"),
            ("desk/Zo%C3%AB%20story%20%231.md".to_string(), Some(SRCROOT))
        );
        assert_eq!(artifact_uri("a\\b.md").0, "a/b.md");
        assert_eq!(artifact_uri("<stdin>").0, "%3Cstdin%3E");
        assert_eq!(
            artifact_uri("/tmp/a b.md"),
            ("file:///tmp/a%20b.md".to_string(), None)
        );
    }

    #[test]
    fn names_and_sentences() {
        assert_eq!(
            pascal_case("boilerplate.template-line"),
            "BoilerplateTemplateLine"
        );
        assert_eq!(sentence("who says so?"), "who says so?");
        assert_eq!(
            sentence("placeholder 'TK' left in copy"),
            "placeholder 'TK' left in copy."
        );
    }
}
