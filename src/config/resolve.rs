//! Turns built-in packs and a user config into the [`Ruleset`] that checks stories. Reading a rule
//! table is its kind's business (`rules::kinds`); this module finds the tables, chooses packs and
//! merges a user's overrides into built-in rules.

use super::error::ConfigError;
use super::raw::{PackFile, UserConfig};
use super::{BUILTIN_PACKS, BuiltinPack};
use crate::diagnostic::Severity;
use crate::lexicon::Lexicon;
use crate::rules::compile::{Built, Compiled, respan, unknown};
use crate::rules::{RuleMeta, Ruleset, kinds};
use crate::span::Span;
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A resolved configuration: the rules in force and the words the analyses read.
#[derive(Debug)]
pub struct Config {
    /// The rules to run.
    pub ruleset: Ruleset,
    /// The lexicon, with the config's `[lexicon]` changes: stories checked with this config are
    /// parsed with it ([`crate::document::Document::parse_with`]).
    pub lexicon: Arc<Lexicon>,
    /// `date = "YYYY-MM-DD"`: the anchor for stories that give none themselves.
    pub date: Option<jiff::civil::Date>,
    /// Things that work but should change (a deprecated rule id), located in the TOML.
    pub warnings: Vec<ConfigError>,
}

/// A built-in rule: its pack, the compiled rule, and its TOML table (for option overrides).
struct BuiltinRule {
    pack: &'static BuiltinPack,
    built: Built,
    table: Spanned<DeValue<'static>>,
}

/// The `[[rule]]` tables of a TOML document.
fn rule_tables<'i>(root: &DeTable<'i>) -> Vec<Spanned<DeValue<'i>>> {
    match root.get("rule").map(|r| r.get_ref()) {
        Some(DeValue::Array(list)) => list.iter().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The rules of every built-in pack, compiled.
fn builtin() -> Vec<BuiltinRule> {
    let mut out = Vec::new();
    for pack in BUILTIN_PACKS {
        let file: PackFile = toml::from_str(pack.source)
            .unwrap_or_else(|e| panic!("built-in pack {} is invalid: {e}", pack.file));
        assert_eq!(file.pack.name, pack.name, "{}: [pack] name", pack.file);
        let root = DeTable::parse(pack.source)
            .unwrap_or_else(|e| panic!("built-in pack {} is invalid: {e}", pack.file));
        for table in rule_tables(root.get_ref()) {
            let built = kinds::compile(table.clone())
                .unwrap_or_else(|e| panic!("built-in pack {}: {}", pack.file, e[0].message));
            out.push(BuiltinRule { pack, built, table });
        }
    }
    out
}

/// Metadata of every built-in rule, for listings and tests.
pub fn builtin_rules() -> Vec<RuleMeta> {
    builtin()
        .into_iter()
        .map(|b| b.built.meta().clone())
        .collect()
}

/// A rule being resolved: compiled, on or off, and (for built-ins) its TOML table.
struct Entry {
    built: Built,
    on: bool,
    table: Option<Spanned<DeValue<'static>>>,
}

impl Config {
    /// The zero-configuration setup: every built-in pack with its default severities.
    pub fn builtin() -> Config {
        Config::resolve(UserConfig::default(), None).expect("the built-in configuration is valid")
    }

    /// Parses and resolves a user's `copydesk.toml` text; every error found is returned.
    pub fn from_toml(text: &str) -> Result<Config, Vec<ConfigError>> {
        let user: UserConfig =
            toml::from_str(text).map_err(|e| vec![ConfigError::from_toml(&e)])?;
        let root = DeTable::parse(text).map_err(|e| vec![ConfigError::from_toml(&e)])?;
        Config::resolve(user, Some(root.get_ref()))
    }

    fn resolve(user: UserConfig, root: Option<&DeTable<'_>>) -> Result<Config, Vec<ConfigError>> {
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        let date = user.date.as_ref().and_then(|d| {
            d.get_ref()
                .parse::<jiff::civil::Date>()
                .map_err(|e| {
                    errors.push(
                        ConfigError::at(Span::from(d.span()), format!("invalid `date`: {e}"))
                            .label("expected a date such as \"2025-06-04\""),
                    )
                })
                .ok()
        });
        let lexicon = match root.and_then(|r| r.get("lexicon")) {
            None => Arc::clone(Lexicon::builtin()),
            Some(table) => match Lexicon::with_changes(table) {
                Ok(l) => Arc::new(l),
                Err(es) => {
                    errors.extend(es);
                    Arc::clone(Lexicon::builtin())
                }
            },
        };
        let pack_names: Vec<&str> = BUILTIN_PACKS.iter().map(|p| p.name).collect();
        let mut chosen: Option<Vec<&str>> = None;
        if let Some(packs) = &user.packs {
            let mut list = Vec::new();
            for p in packs {
                match pack_names.iter().find(|n| **n == p.get_ref()) {
                    Some(n) => list.push(*n),
                    None => errors.push(unknown(p, "pack", &pack_names)),
                }
            }
            chosen = Some(list);
        }

        let mut rules: Vec<Entry> = builtin()
            .into_iter()
            .map(|b| Entry {
                on: chosen.as_ref().is_none_or(|c| c.contains(&b.pack.name)),
                built: b.built,
                table: Some(b.table),
            })
            .collect();

        for table in root.map(rule_tables).unwrap_or_default() {
            let span = Span::from(table.span());
            match kinds::compile(table) {
                Ok(b) => {
                    let id = b.meta().id.clone();
                    if rules.iter().any(|e| e.built.meta().id == id) {
                        errors.push(
                            ConfigError::at(span, format!("rule `{id}` is already defined"))
                                .label("a rule with this id exists")
                                .note("to change a built-in rule, set it under [rules] instead"),
                        );
                    } else {
                        rules.push(Entry {
                            built: b,
                            on: true,
                            table: None,
                        });
                    }
                }
                Err(mut es) => {
                    for e in &mut es {
                        e.span.get_or_insert(span);
                    }
                    errors.extend(es);
                }
            }
        }

        let overrides = root.and_then(|r| match r.get("rules").map(|v| v.get_ref()) {
            Some(DeValue::Table(t)) => Some(t),
            _ => None,
        });
        for (key, value) in &user.rules {
            let name = key.get_ref();
            let found = rules
                .iter()
                .position(|e| e.built.meta().id == *name)
                .or_else(|| {
                    let i = rules
                        .iter()
                        .position(|e| e.built.meta().aliases.iter().any(|a| a == name))?;
                    warnings.push(
                        ConfigError::at(
                            Span::from(key.span()),
                            format!(
                                "`{name}` is a deprecated rule id: it is now `{}`",
                                rules[i].built.meta().id
                            ),
                        )
                        .label("deprecated")
                        .note("the old id is accepted for one more release; rename it"),
                    );
                    Some(i)
                });
            let Some(i) = found else {
                let ids: Vec<&str> = rules.iter().map(|e| e.built.meta().id.as_str()).collect();
                errors.push(unknown(key, "rule", &ids));
                continue;
            };
            if let toml::Value::Table(t) = value.get_ref()
                && t.keys().any(|k| k != "severity")
            {
                let span = Span::from(value.span());
                let changes = overrides.and_then(|o| o.get(name.as_str()));
                match (&rules[i].table, changes) {
                    (Some(original), Some(changes)) => match override_builtin(original, changes) {
                        Ok(b) => {
                            rules[i].built = b;
                            rules[i].on = true;
                        }
                        Err(es) => errors.extend(es),
                    },
                    _ => errors.push(
                        ConfigError::at(
                            span,
                            format!(
                                "only the options of built-in rules can be changed here; `{name}` is your own"
                            ),
                        )
                        .note("edit its [[rule]] table instead"),
                    ),
                }
                continue;
            }
            match setting(value) {
                Ok(None) => rules[i].on = false,
                Ok(Some(sev)) => {
                    rules[i].on = true;
                    rules[i].built.meta_mut().severity = sev;
                }
                Err(e) => errors.push(e),
            }
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        let mut patterns = Vec::new();
        let mut others = Vec::new();
        let mut disabled = Vec::new();
        for e in rules {
            match (e.built, e.on) {
                (b, false) => disabled.push(b.meta().clone()),
                (Built::Pattern(p), true) => patterns.push(*p),
                (Built::Other(r), true) => others.push(r),
            }
        }
        let ruleset = Ruleset::new(patterns, others, disabled).map_err(|message| {
            let span = root
                .and_then(|r| r.get("rule"))
                .map(|r| Span::from(r.span()));
            vec![ConfigError::at(span, message).label("these rules")]
        })?;
        Ok(Config {
            ruleset,
            lexicon,
            date,
            warnings,
        })
    }
}

/// A built-in rule recompiled with some of its keys replaced by a user's `[rules]` table
/// (`"attribution.unattributed-quote" = { window = 1 }`). Every error is located in the user's
/// table, the only text the user wrote.
fn override_builtin(
    original: &Spanned<DeValue<'static>>,
    changes: &Spanned<DeValue<'_>>,
) -> Compiled {
    let mut merged: Spanned<DeValue<'_>> = original.clone();
    respan(&mut merged, changes.span());
    let (DeValue::Table(table), DeValue::Table(changes)) = (merged.get_mut(), changes.get_ref())
    else {
        return Err(vec![ConfigError::at(
            Span::from(changes.span()),
            "a rule setting must be a table",
        )]);
    };
    for (k, v) in changes.iter() {
        let key: &str = k.get_ref();
        if matches!(key, "id" | "kind" | "example" | "aliases") {
            return Err(vec![
                ConfigError::at(
                    Span::from(k.span()),
                    format!("`{key}` of a built-in rule cannot be changed"),
                )
                .label("remove this key"),
            ]);
        }
        table.insert(k.clone(), v.clone());
    }
    kinds::compile(merged)
}

/// `"off"` → None; a severity name or `{ severity = … }` → Some.
fn setting(value: &Spanned<toml::Value>) -> Result<Option<Severity>, ConfigError> {
    let span = Span::from(value.span());
    let bad = || {
        ConfigError::at(
            span,
            "a rule setting must be \"off\", \"info\", \"warning\" or \"error\"",
        )
        .label("not a setting")
        .note("or a table: { severity = \"warning\" }")
    };
    let name = match value.get_ref() {
        toml::Value::String(s) => s.as_str(),
        toml::Value::Table(t) => t.get("severity").and_then(|v| v.as_str()).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    if name == "off" {
        return Ok(None);
    }
    Severity::from_name(name).map(Some).ok_or_else(bad)
}
