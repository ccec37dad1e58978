//! `--format sarif`: one SARIF 2.1.0 log, as GitHub code scanning ingests it.
//!
//! One run: `tool.driver` describes copydesk and each rule that has a finding (`ruleIndex` points
//! into that list); each result has a level, a message and one physical location: a URI relative
//! to `%SRCROOT%` (the directory copydesk ran in; forward slashes, percent-encoded) and a region
//! whose columns count Unicode code points (`columnKind: unicodeCodePoints`; a BOM is not counted),
//! with `endColumn` one past the last character. Secondary labels become `relatedLocations`.
//! `partialFingerprints` key a finding by rule, path and the text it covers (not its line), so an
//! edit elsewhere in a story does not make it a new alert. Unreadable files are error
//! notifications of the invocation.

use super::{
    Emitter, FileError, FileReport, RuleDoc, RuleDocs, Summary, TOOL_NAME, TOOL_URI, TOOL_VERSION,
    region,
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
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
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
    rule_index: usize,
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

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
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
    let (uri, uri_base_id) = artifact_uri(&source.name);
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

fn descriptor<'a>(
    id: &'a str,
    doc: Option<&'a RuleDoc>,
    fallback: Severity,
) -> ReportingDescriptor<'a> {
    let summary = doc.map_or(id, |d| d.summary.as_str());
    let why = doc.map(|d| reflow(&d.why)).filter(|w| !w.is_empty());
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
            .and_then(|d| d.link.as_deref())
            .filter(|l| l.starts_with("https://") || l.starts_with("http://")),
        default_configuration: Configuration {
            level: level(doc.map_or(fallback, |d| d.severity)),
        },
        properties: RuleProperties {
            tags: [id.split_once('.').map_or(id, |(pack, _)| pack)],
        },
    }
}

/// Every finding as a result; `ruleIndex` from `index`, fingerprints counted per file.
fn results<'a>(reports: &'a [FileReport], index: &HashMap<&str, usize>) -> Vec<SarifResult<'a>> {
    let mut results = Vec::new();
    for r in reports {
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for d in &r.diagnostics {
            results.push(result(&r.source, d, index[d.rule.as_str()], &mut seen));
        }
    }
    results
}

fn result<'a>(
    source: &Source,
    d: &'a Diagnostic,
    rule_index: usize,
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

impl Emitter for Sarif {
    fn emit(
        &mut self,
        reports: &[FileReport],
        errors: &[FileError],
        _summary: &Summary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        // The rules with findings, by id; each result's `ruleIndex` points into this list.
        let mut used: BTreeMap<&str, Severity> = BTreeMap::new();
        for d in reports.iter().flat_map(|r| &r.diagnostics) {
            used.entry(&d.rule).or_insert(d.severity);
        }
        let index: HashMap<&str, usize> = used.keys().enumerate().map(|(i, id)| (*id, i)).collect();
        let rules = used
            .iter()
            .map(|(id, severity)| descriptor(id, self.rules.get(*id), *severity))
            .collect();
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
                            let (uri, uri_base_id) = artifact_uri(&e.path);
                            ArtifactLocation { uri, uri_base_id }
                        },
                    },
                }],
            })
            .collect();
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: TOOL_NAME,
                        version: TOOL_VERSION,
                        semantic_version: TOOL_VERSION,
                        information_uri: TOOL_URI,
                        rules,
                    },
                },
                invocations: [Invocation {
                    execution_successful: errors.is_empty(),
                    tool_execution_notifications: notifications,
                }],
                column_kind: "unicodeCodePoints",
                results: results(reports, &index),
            }],
        };
        let mut w = io::BufWriter::with_capacity(1 << 16, out);
        serde_json::to_writer_pretty(&mut w, &log)?;
        writeln!(w)?;
        w.flush()
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
