//! `copydesk rules` and `copydesk explain`.

use super::args::{ExplainArgs, OutputFormat, RulesArgs};
use super::check::{ConfigFailure, config_for_cwd};
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::config::Config;
use crate::rules::RuleMeta;
use crate::rules::registry::closest;
use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

fn load(args: &crate::cli::args::ConfigArgs) -> io::Result<Option<Config>> {
    match config_for_cwd(args) {
        Ok(c) => Ok(Some(c)),
        Err(ConfigFailure { rendered, .. }) => {
            io::stderr().write_all(&rendered)?;
            Ok(None)
        }
    }
}

/// Every rule, enabled first in id order, then disabled ones.
fn all(config: &Config) -> Vec<(Cow<'_, RuleMeta>, bool)> {
    let mut rules: Vec<(Cow<'_, RuleMeta>, bool)> = config
        .ruleset
        .enabled()
        .map(|m| (m, true))
        .chain(config.ruleset.disabled().map(|m| (Cow::Borrowed(m), false)))
        .collect();
    rules.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    rules
}

/// A rule as `rules --format json` lists it.
#[derive(Serialize)]
struct RuleOut<'a> {
    id: &'a str,
    pack: &'a str,
    kind: &'a str,
    /// `error`, `warning`, `info`, or `off`.
    severity: &'static str,
    enabled: bool,
    summary: String,
    why: &'a str,
    link: Option<&'a str>,
    /// The safety of its fixes as its TOML declares it (`safe`, `unsafe`, `suggestion`), if it
    /// does.
    fix: Option<&'static str>,
    scope: Vec<&'static str>,
}

#[derive(Serialize)]
struct RulesOut<'a> {
    version: u32,
    rules: Vec<RuleOut<'a>>,
}

pub(super) fn list(args: &RulesArgs, out: &mut dyn Write) -> io::Result<u8> {
    let Some(config) = load(&args.config)? else {
        return Ok(EXIT_ERROR);
    };
    let rules = all(&config);
    if args.format == OutputFormat::Json {
        let doc = RulesOut {
            version: crate::emit::JSON_SCHEMA_VERSION,
            rules: rules
                .iter()
                .map(|(m, on)| RuleOut {
                    id: &m.id,
                    pack: m.pack(),
                    kind: m.kind,
                    severity: if *on { m.severity.name() } else { "off" },
                    enabled: *on,
                    summary: m.summary(),
                    why: &m.why,
                    link: m.link.as_deref(),
                    fix: m.fix.map(|f| f.name()),
                    scope: m.scope.iter().map(|k| k.name()).collect(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)?;
        return Ok(EXIT_CLEAN);
    }
    let width = rules.iter().map(|(m, _)| m.id.len()).max().unwrap_or(0);
    for (meta, on) in &rules {
        let severity = if *on { meta.severity.name() } else { "off" };
        writeln!(
            out,
            "{:width$}  {:12}  {:7}  {}",
            meta.id,
            meta.kind,
            severity,
            meta.summary()
        )?;
    }
    Ok(EXIT_CLEAN)
}

pub(super) fn explain(args: &ExplainArgs, out: &mut dyn Write) -> io::Result<u8> {
    let Some(config) = load(&args.config)? else {
        return Ok(EXIT_ERROR);
    };
    let rules = all(&config);
    let Some((meta, on)) = rules.iter().find(|(m, _)| m.id == args.id) else {
        let mut err = io::stderr().lock();
        writeln!(err, "error: unknown rule `{}`", args.id)?;
        match closest(&args.id, rules.iter().map(|(m, _)| m.id.as_str())) {
            Some(c) => writeln!(err, "  = did you mean `{c}`?")?,
            None => writeln!(err, "  = `copydesk rules` lists every rule")?,
        }
        return Ok(EXIT_ERROR);
    };
    let severity = if *on { meta.severity.name() } else { "off" };
    writeln!(out, "{}", meta.id)?;
    writeln!(out, "kind: {}   severity: {severity}", meta.kind)?;
    let scope: Vec<&str> = meta.scope.iter().map(|k| k.name()).collect();
    writeln!(out, "scope: {}", scope.join(", "))?;
    writeln!(out, "message: {}", meta.message)?;
    writeln!(out)?;
    writeln!(out, "{}", meta.why)?;
    if let Some(link) = &meta.link {
        writeln!(out, "\nsee: {link}")?;
    }
    if !meta.examples.is_empty() {
        writeln!(out, "\nExamples:")?;
        for ex in &meta.examples {
            let verdict = if ex.expect.is_empty() {
                "not flagged".to_string()
            } else {
                format!("flagged ({})", ex.expect.join(", "))
            };
            writeln!(out, "  {verdict}:")?;
            for line in ex.text.lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(EXIT_CLEAN)
}
