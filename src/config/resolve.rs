//! Turns built-in packs and a user config into the [`Ruleset`] that checks stories.

use super::error::ConfigError;
use super::raw::{PackFile, RawRule, UserConfig};
use super::{BUILTIN_PACKS, BuiltinPack};
use crate::diagnostic::Severity;
use crate::document::BlockKind;
use crate::fix::Applicability;
use crate::rules::boilerplate::{BoilerplateRule, Category, Detect};
use crate::rules::consistency::Variant;
use crate::rules::pattern::phrases_to_regex;
use crate::rules::registry::closest;
use crate::rules::{
    ConsistencyRule, Example, PatternRule, Rule, RuleMeta, Ruleset, SubstitutionRule,
};
use crate::span::Span;
use regex::Regex;
use toml::Spanned;

/// The rule kinds, as written in `kind = "…"`.
const KINDS: [&str; 7] = [
    "pattern",
    "substitution",
    "consistency",
    "boilerplate",
    "attribution",
    "numbers",
    "dates",
];

/// A resolved configuration: the rules in force.
#[derive(Debug)]
pub struct Config {
    /// The rules to run.
    pub ruleset: Ruleset,
    /// `date = "YYYY-MM-DD"`: the anchor for stories that give none themselves.
    pub date: Option<jiff::civil::Date>,
}

/// A compiled rule, before it is sorted into a ruleset.
enum Built {
    Pattern(PatternRule),
    Other(Box<dyn Rule>),
}

impl Built {
    fn meta(&self) -> &RuleMeta {
        match self {
            Built::Pattern(p) => p.meta(),
            Built::Other(r) => r.meta(),
        }
    }

    fn meta_mut(&mut self) -> &mut RuleMeta {
        match self {
            Built::Pattern(p) => p.meta_mut(),
            Built::Other(r) => r.meta_mut(),
        }
    }
}

/// The rules of every built-in pack, compiled, with their pack.
fn builtin() -> Vec<(&'static BuiltinPack, Built)> {
    let mut out = Vec::new();
    for pack in BUILTIN_PACKS {
        let file: PackFile = toml::from_str(pack.source)
            .unwrap_or_else(|e| panic!("built-in pack {} is invalid: {e}", pack.file));
        assert_eq!(file.pack.name, pack.name, "{}: [pack] name", pack.file);
        for rule in file.rule {
            let built = compile(rule.into_inner())
                .unwrap_or_else(|e| panic!("built-in pack {}: {}", pack.file, e[0].message));
            out.push((pack, built));
        }
    }
    out
}

/// Metadata of every built-in rule, for listings and tests.
pub fn builtin_rules() -> Vec<RuleMeta> {
    builtin()
        .into_iter()
        .map(|(_, b)| b.meta().clone())
        .collect()
}

impl Config {
    /// The zero-configuration setup: every built-in pack with its default severities.
    pub fn builtin() -> Config {
        Config::from_user(UserConfig::default()).expect("the built-in configuration is valid")
    }

    /// Parses and resolves a user's `copydesk.toml` text; every error found is returned.
    pub fn from_toml(text: &str) -> Result<Config, Vec<ConfigError>> {
        let user: UserConfig =
            toml::from_str(text).map_err(|e| vec![ConfigError::from_toml(&e)])?;
        Config::from_user(user)
    }

    fn from_user(user: UserConfig) -> Result<Config, Vec<ConfigError>> {
        let mut errors = Vec::new();
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

        let mut rules: Vec<(Built, bool)> = builtin()
            .into_iter()
            .map(|(pack, b)| {
                let on = chosen.as_ref().is_none_or(|c| c.contains(&pack.name));
                (b, on)
            })
            .collect();

        for raw in user.rule {
            let span = Span::from(raw.span());
            let raw = raw.into_inner();
            let id_span = Span::from(raw.id.span());
            let id = raw.id.get_ref().clone();
            if rules.iter().any(|(b, _)| b.meta().id == id) {
                errors.push(
                    ConfigError::at(id_span, format!("rule `{id}` is already defined"))
                        .label("a rule with this id exists")
                        .note("to change a built-in rule, set it under [rules] instead"),
                );
                continue;
            }
            match compile(raw) {
                Ok(b) => rules.push((b, true)),
                Err(mut es) => {
                    for e in &mut es {
                        e.span.get_or_insert(span);
                    }
                    errors.extend(es);
                }
            }
        }

        let ids: Vec<String> = rules.iter().map(|(b, _)| b.meta().id.clone()).collect();
        for (key, value) in &user.rules {
            let Some(i) = ids.iter().position(|id| id == key.get_ref()) else {
                errors.push(unknown(
                    key,
                    "rule",
                    &ids.iter().map(String::as_str).collect::<Vec<_>>(),
                ));
                continue;
            };
            if let toml::Value::Table(t) = value.get_ref()
                && t.keys().any(|k| k != "severity")
            {
                match override_builtin(key.get_ref(), t, Span::from(value.span())) {
                    Ok(b) => rules[i] = (b, true),
                    Err(e) => errors.push(e),
                }
                continue;
            }
            match setting(value) {
                Ok(None) => rules[i].1 = false,
                Ok(Some(sev)) => {
                    rules[i].1 = true;
                    rules[i].0.meta_mut().severity = sev;
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
        for (b, on) in rules {
            match (b, on) {
                (b, false) => disabled.push(b.meta().clone()),
                (Built::Pattern(p), true) => patterns.push(p),
                (Built::Other(r), true) => others.push(r),
            }
        }
        Ok(Config {
            ruleset: Ruleset::new(patterns, others, disabled),
            date,
        })
    }
}

fn unknown(name: &Spanned<String>, what: &str, known: &[&str]) -> ConfigError {
    let mut e = ConfigError::at(
        Span::from(name.span()),
        format!("unknown {what} `{}`", name.get_ref()),
    )
    .label(format!("no {what} has this name"));
    if let Some(c) = closest(name.get_ref(), known.iter().copied()) {
        e = e.note(format!("did you mean `{c}`?"));
    } else if what == "pack" {
        e = e.note(format!("the built-in packs are: {}", known.join(", ")));
    } else {
        e = e.note("`copydesk rules` lists every rule");
    }
    e
}

/// A built-in rule recompiled with some of its keys replaced by a user's `[rules]` table
/// (`"attribution.unattributed-quote" = { window = 1 }`).
fn override_builtin(id: &str, changes: &toml::Table, span: Span) -> Result<Built, ConfigError> {
    let original = BUILTIN_PACKS
        .iter()
        .filter_map(|p| toml::from_str::<toml::Table>(p.source).ok())
        .filter_map(|t| t.get("rule").and_then(|r| r.as_array()).cloned())
        .flatten()
        .filter_map(|r| r.as_table().cloned())
        .find(|r| r.get("id").and_then(|v| v.as_str()) == Some(id))
        .ok_or_else(|| {
            ConfigError::at(
                span,
                format!(
                    "only the options of built-in rules can be changed here; `{id}` is your own"
                ),
            )
            .note("edit its [[rule]] table instead")
        })?;
    let mut merged = original;
    for (k, v) in changes {
        if matches!(k.as_str(), "id" | "kind" | "example") {
            return Err(ConfigError::at(
                span,
                format!("`{k}` of a built-in rule cannot be changed"),
            )
            .label("remove this key"));
        }
        merged.insert(k.clone(), v.clone());
    }
    let text = toml::to_string(&merged).map_err(|e| ConfigError::at(span, e.to_string()))?;
    let raw: RawRule = toml::from_str(&text).map_err(|e| {
        ConfigError::at(
            span,
            format!("invalid option for `{id}`: {}", e.message().trim()),
        )
        .label("in this setting")
    })?;
    compile(raw).map_err(|es| {
        let mut e = es
            .into_iter()
            .next()
            .unwrap_or_else(|| ConfigError::at(span, "invalid setting"));
        e.span = Some(span);
        e
    })
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
        toml::Value::Table(t) => {
            if let Some(k) = t.keys().find(|k| *k != "severity") {
                return Err(
                    ConfigError::at(span, format!("unknown key `{k}` in a rule setting"))
                        .label("only `severity` can be set here"),
                );
            }
            t.get("severity").and_then(|v| v.as_str()).ok_or_else(bad)?
        }
        _ => return Err(bad()),
    };
    if name == "off" {
        return Ok(None);
    }
    Severity::from_name(name).map(Some).ok_or_else(bad)
}

fn check_id(id: &Spanned<String>) -> Result<(), ConfigError> {
    let valid = id.get_ref().split_once('.').is_some_and(|(pack, name)| {
        let ok = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        };
        ok(pack) && ok(name)
    });
    if valid {
        Ok(())
    } else {
        Err(ConfigError::at(
            Span::from(id.span()),
            format!("invalid rule id `{}`", id.get_ref()),
        )
        .label("expected `pack.rule-name`")
        .note(
            "ids are lowercase letters, digits and hyphens, with one dot: e.g. `house.click-here`",
        ))
    }
}

fn compile_regex(id: &str, pattern: &str, span: Span) -> Result<Regex, ConfigError> {
    Regex::new(pattern).map_err(|e| {
        let detail = e.to_string();
        let last = detail.lines().last().unwrap_or("").trim().to_string();
        ConfigError::at(span, format!("rule `{id}` has an invalid regex"))
            .label(last)
            .note(detail)
    })
}

/// Compiles one raw rule of any kind.
fn compile(raw: RawRule) -> Result<Built, Vec<ConfigError>> {
    check_id(&raw.id).map_err(|e| vec![e])?;
    let id = raw.id.get_ref().clone();
    let mut errors = Vec::new();
    let severity = match &raw.severity {
        None => Severity::Warning,
        Some(s) => Severity::from_name(s.get_ref()).unwrap_or_else(|| {
            errors.push(
                ConfigError::at(
                    Span::from(s.span()),
                    format!("unknown severity `{}`", s.get_ref()),
                )
                .label("expected \"error\", \"warning\" or \"info\""),
            );
            Severity::Warning
        }),
    };
    let scope = match &raw.scope {
        None => BlockKind::ALL.to_vec(),
        Some(list) => list
            .get_ref()
            .iter()
            .filter_map(|s| {
                BlockKind::from_name(s.get_ref()).or_else(|| {
                    let names: Vec<&str> = BlockKind::ALL.iter().map(|k| k.name()).collect();
                    errors.push(
                        unknown(s, "block kind", &names)
                            .note(format!("block kinds: {}", names.join(", "))),
                    );
                    None
                })
            })
            .collect(),
    };
    let meta = RuleMeta {
        id: id.clone(),
        // The kind's name as a static string; an unknown kind is reported below.
        kind: KINDS
            .iter()
            .find(|k| **k == raw.kind.get_ref())
            .copied()
            .unwrap_or(""),
        severity,
        scope,
        message: raw.message.get_ref().clone(),
        why: raw.why.trim().to_string(),
        link: raw.link.clone(),
        examples: raw
            .example
            .iter()
            .map(|e| Example {
                text: e.text.clone(),
                expect: e.expect.clone(),
            })
            .collect(),
    };
    let kind_span = Span::from(raw.kind.span());
    let case_sensitive = raw.case_sensitive.unwrap_or(false);
    // Which keys belong to which kind, so a stray key is named.
    let stray = |key: &str, present: bool, kinds: &str| -> Option<ConfigError> {
        present.then(|| {
            ConfigError::at(
                kind_span,
                format!(
                    "rule `{id}`: `{key}` is not used by kind `{}`",
                    raw.kind.get_ref()
                ),
            )
            .note(format!("`{key}` belongs to kind {kinds}"))
        })
    };
    let built = match raw.kind.get_ref().as_str() {
        "pattern" => {
            errors.extend(stray("replace", raw.replace.is_some(), "`substitution`"));
            errors.extend(stray("variant", raw.variant.is_some(), "`consistency`"));
            let source = match (&raw.pattern, &raw.phrases) {
                (Some(p), None) => Some((p.get_ref().clone(), Span::from(p.span()))),
                (None, Some(ph)) => Some((
                    phrases_to_regex(ph.get_ref(), case_sensitive),
                    Span::from(ph.span()),
                )),
                _ => {
                    errors.push(
                        ConfigError::at(
                            kind_span,
                            format!("rule `{id}` needs exactly one of `pattern` or `phrases`"),
                        )
                        .label("a pattern rule"),
                    );
                    None
                }
            };
            let delete_fix = match &raw.fix {
                None => None,
                Some(f) => match f.get_ref().as_str() {
                    "safe" => Some(Applicability::Safe),
                    "unsafe" => Some(Applicability::Unsafe),
                    _ => {
                        errors.push(
                            ConfigError::at(
                                Span::from(f.span()),
                                format!("rule `{id}`: unknown fix `{}`", f.get_ref()),
                            )
                            .label("expected \"safe\" or \"unsafe\""),
                        );
                        None
                    }
                },
            };
            source.and_then(|(pattern, span)| match compile_regex(&id, &pattern, span) {
                Ok(regex) => {
                    let mut rule = PatternRule::new(meta, regex);
                    rule.delete_fix = delete_fix;
                    Some(Built::Pattern(rule))
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            })
        }
        "substitution" => {
            errors.extend(stray("pattern", raw.pattern.is_some(), "`pattern`"));
            errors.extend(stray("variant", raw.variant.is_some(), "`consistency`"));
            match &raw.replace {
                None => {
                    errors.push(ConfigError::at(
                        kind_span,
                        format!("rule `{id}` needs a `replace` table"),
                    ));
                    None
                }
                Some(map) => {
                    let pairs: Vec<(String, String)> = map
                        .get_ref()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    match SubstitutionRule::new(meta, &pairs, case_sensitive) {
                        Ok(r) => Some(Built::Other(Box::new(r))),
                        Err(e) => {
                            errors.push(ConfigError::at(
                                Span::from(map.span()),
                                format!("rule `{id}`: {e}"),
                            ));
                            None
                        }
                    }
                }
            }
        }
        "consistency" => {
            errors.extend(stray("replace", raw.replace.is_some(), "`substitution`"));
            let mut variants = Vec::new();
            match &raw.variant {
                Some(list) if list.get_ref().len() >= 2 => {
                    for v in list.get_ref() {
                        let (pattern, span) = match (&v.pattern, &v.phrases) {
                            (Some(p), None) => (p.get_ref().clone(), Span::from(p.span())),
                            (None, Some(ph)) => (
                                phrases_to_regex(ph, case_sensitive),
                                Span::from(list.span()),
                            ),
                            _ => {
                                errors.push(ConfigError::at(
                                    Span::from(list.span()),
                                    format!("rule `{id}`: variant `{}` needs exactly one of `pattern` or `phrases`", v.name),
                                ));
                                continue;
                            }
                        };
                        match compile_regex(&id, &pattern, span) {
                            Ok(regex) => variants.push(Variant {
                                name: v.name.clone(),
                                regex,
                            }),
                            Err(e) => errors.push(e),
                        }
                    }
                }
                _ => errors.push(
                    ConfigError::at(
                        kind_span,
                        format!("rule `{id}` needs at least two `[[rule.variant]]` tables"),
                    )
                    .label("a consistency rule"),
                ),
            }
            Some(Built::Other(Box::new(ConsistencyRule::new(meta, variants))))
        }
        "boilerplate" => compile_boilerplate(&raw, meta, kind_span, case_sensitive, &mut errors),
        "attribution" => compile_attribution(&raw, meta, kind_span, &mut errors),
        "numbers" => compile_numbers(&raw, meta, kind_span, &mut errors),
        "dates" => compile_dates(&raw, meta, kind_span, &mut errors),
        other => {
            let mut e = ConfigError::at(
                kind_span,
                format!("rule `{id}` has an unknown kind `{other}`"),
            )
            .label("not a rule kind")
            .note(format!("kinds: {}", KINDS.join(", ")));
            if let Some(c) = closest(other, KINDS) {
                e = e.note(format!("did you mean `{c}`?"));
            }
            errors.push(e);
            None
        }
    };
    match built {
        Some(b) if errors.is_empty() => Ok(b),
        _ => Err(errors),
    }
}

fn compile_boilerplate(
    raw: &RawRule,
    meta: RuleMeta,
    kind_span: Span,
    case_sensitive: bool,
    errors: &mut Vec<ConfigError>,
) -> Option<Built> {
    let id = meta.id.clone();
    let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
    let category = match &raw.category {
        None => {
            errors.push(
                ConfigError::at(kind_span, format!("rule `{id}` needs a `category`"))
                    .note(format!("categories: {}", names.join(", "))),
            );
            return None;
        }
        Some(c) => match Category::from_name(c.get_ref()) {
            Some(c) => c,
            None => {
                errors.push(unknown(c, "category", &names));
                return None;
            }
        },
    };
    let detect = if category == Category::Duplicate {
        match raw.min_files {
            Some(min_files) => Detect::AcrossFiles {
                min_files,
                min_share: raw.min_share.unwrap_or(0.0),
                max_words: raw.max_words.unwrap_or(12),
            },
            None => Detect::Repeat {
                min_words: raw.min_words.unwrap_or(12),
            },
        }
    } else if let Some(lines) = &raw.lines {
        let anchored: Vec<String> = lines
            .get_ref()
            .iter()
            .map(|l| format!("^(?:{l})$"))
            .collect();
        match regex::RegexSet::new(&anchored) {
            Ok(set) => Detect::Lines {
                set,
                max_words: raw.max_words.unwrap_or(16),
            },
            Err(_) => {
                // Compile one by one only to say which pattern is wrong.
                for (line, source) in lines.get_ref().iter().zip(&anchored) {
                    if let Err(e) = compile_regex(&id, source, Span::from(lines.span())) {
                        errors.push(e.note(format!("in the line pattern '{line}'")));
                    }
                }
                return None;
            }
        }
    } else {
        let source = match (&raw.pattern, &raw.phrases) {
            (Some(p), None) => (p.get_ref().clone(), Span::from(p.span())),
            (None, Some(ph)) => (
                phrases_to_regex(ph.get_ref(), case_sensitive),
                Span::from(ph.span()),
            ),
            _ => {
                errors.push(ConfigError::at(
                    kind_span,
                    format!("rule `{id}` needs `lines`, or exactly one of `pattern` or `phrases`"),
                ));
                return None;
            }
        };
        match compile_regex(&id, &source.0, source.1) {
            Ok(r) => Detect::Inline(r),
            Err(e) => {
                errors.push(e);
                return None;
            }
        }
    };
    let mut rule = BoilerplateRule::new(meta, category, detect);
    if let Some(unless) = &raw.unless {
        match unless
            .get_ref()
            .iter()
            .map(|u| Regex::new(u))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(list) => rule.unless = list,
            Err(e) => {
                errors.push(
                    ConfigError::at(
                        Span::from(unless.span()),
                        format!("rule `{id}` has an invalid `unless` regex"),
                    )
                    .note(e.to_string()),
                );
                return None;
            }
        }
    }
    Some(Built::Other(Box::new(rule)))
}

fn compile_attribution(
    raw: &RawRule,
    meta: RuleMeta,
    kind_span: Span,
    errors: &mut Vec<ConfigError>,
) -> Option<Built> {
    use crate::rules::attribution::{AttributionRule, Check};
    let id = meta.id.clone();
    let alternation = |items: &[String]| format!("(?i)(?:{})", items.join("|"));
    let mut regex = |what: &str, source: String| match Regex::new(&source) {
        Ok(r) => Some(r),
        Err(e) => {
            errors.push(
                ConfigError::at(
                    kind_span,
                    format!("rule `{id}` has an invalid `{what}` regex"),
                )
                .note(e.to_string()),
            );
            None
        }
    };
    let phrases = raw
        .phrases
        .as_ref()
        .map(|p| phrases_to_regex(p.get_ref(), false));
    let checks = [
        "unattributed-quote",
        "unattributed-claim",
        "anonymous-source",
        "weasel",
    ];
    let check = match raw.check.as_ref().map(|c| c.get_ref().as_str()) {
        Some("unattributed-quote") => {
            let verbs = raw.speech_verbs.clone().unwrap_or_default();
            Check::UnattributedQuote {
                speech: regex("speech_verbs", phrases_to_regex(&verbs, false))?,
                window: raw.window,
            }
        }
        Some("unattributed-claim") => {
            let verbs = raw.speech_verbs.clone().unwrap_or_default();
            Check::UnattributedClaim {
                triggers: regex(
                    "triggers",
                    format!("(?:{})", raw.triggers.clone().unwrap_or_default().join("|")),
                )?,
                speech: regex("speech_verbs", phrases_to_regex(&verbs, false))?,
            }
        }
        Some("anonymous-source") => Check::AnonymousSource {
            phrases: regex(
                "phrases",
                either(
                    phrases.clone(),
                    raw.pattern.as_ref().map(|p| p.get_ref().clone()),
                ),
            )?,
            reasons: regex(
                "reasons",
                alternation(&raw.reasons.clone().unwrap_or_default()),
            )?,
            qualifiers: raw
                .qualifiers
                .clone()
                .unwrap_or_default()
                .iter()
                .map(|q| q.to_lowercase())
                .collect(),
        },
        Some("weasel") => Check::Weasel {
            phrases: regex(
                "phrases",
                either(
                    phrases.clone(),
                    raw.pattern.as_ref().map(|p| p.get_ref().clone()),
                ),
            )?,
            sourced: regex(
                "sourced",
                format!("(?:{})", raw.sourced.clone().unwrap_or_default().join("|")),
            )?,
        },
        _ => {
            errors.push(missing_check(raw, kind_span, &checks));
            return None;
        }
    };
    Some(Built::Other(Box::new(AttributionRule::new(meta, check))))
}

fn compile_numbers(
    raw: &RawRule,
    meta: RuleMeta,
    kind_span: Span,
    errors: &mut Vec<ConfigError>,
) -> Option<Built> {
    use crate::rules::numbers::{Check, Matching, NumbersRule, Style};
    let id = meta.id.clone();
    let checks = ["inconsistent", "part-exceeds-whole", "style"];
    let check = match raw.check.as_ref().map(|c| c.get_ref().as_str()) {
        Some("inconsistent") => {
            let cue_span = raw
                .cues
                .as_ref()
                .map_or(kind_span, |c| Span::from(c.span()));
            let mut phrases: Vec<(String, String)> = Vec::new();
            for (name, words) in raw.cues.iter().flat_map(|c| c.get_ref().iter()) {
                for w in words {
                    phrases.push((
                        w.split_whitespace().collect::<Vec<_>>().join(" "),
                        name.clone(),
                    ));
                }
            }
            // Longest first, so "cutting electricity" wins over "cutting" where both match.
            phrases.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            let words: Vec<String> = phrases.iter().map(|(w, _)| w.clone()).collect();
            let cue_words = match Regex::new(&phrases_to_regex(&words, false)) {
                Ok(r) => r,
                Err(e) => {
                    errors.push(
                        ConfigError::at(cue_span, format!("rule `{id}` has an invalid cue"))
                            .note(e.to_string()),
                    );
                    return None;
                }
            };
            let cue_names = phrases
                .into_iter()
                .map(|(w, name)| (w.to_lowercase(), name))
                .collect();
            let list = raw.changes.clone().unwrap_or_default();
            let changes = match Regex::new(&format!("(?i)(?:{})", list.join("|"))) {
                // No change phrases: no sentence is exempt (an empty alternation matches all).
                Ok(_) if list.is_empty() => None,
                Ok(r) => Some(r),
                Err(e) => {
                    errors.push(
                        ConfigError::at(
                            kind_span,
                            format!("rule `{id}` has an invalid `changes` regex"),
                        )
                        .note(e.to_string()),
                    );
                    return None;
                }
            };
            let lower = |v: &Option<Vec<String>>| -> Vec<String> {
                v.clone()
                    .unwrap_or_default()
                    .iter()
                    .map(|w| w.to_lowercase())
                    .collect()
            };
            Check::Inconsistent(Matching {
                cue_words,
                cue_names,
                changes,
                people: lower(&raw.people),
                owned: lower(&raw.owned),
            })
        }
        Some("part-exceeds-whole") => Check::PartExceedsWhole,
        Some("style") => {
            let name = raw.style.as_ref().map_or("ap", |s| s.get_ref().as_str());
            match Style::from_name(name) {
                Some(style) => Check::Style(style),
                None => {
                    let span = raw
                        .style
                        .as_ref()
                        .map_or(kind_span, |s| Span::from(s.span()));
                    errors.push(
                        ConfigError::at(span, format!("rule `{id}`: unknown style `{name}`"))
                            .label("expected \"ap\", \"chicago\" or \"off\""),
                    );
                    return None;
                }
            }
        }
        _ => {
            errors.push(missing_check(raw, kind_span, &checks));
            return None;
        }
    };
    Some(Built::Other(Box::new(NumbersRule::new(meta, check))))
}

/// A rule of a kind with several checks whose `check` is missing or unknown.
fn missing_check(raw: &RawRule, kind_span: Span, checks: &[&str]) -> ConfigError {
    let span = raw
        .check
        .as_ref()
        .map_or(kind_span, |c| Span::from(c.span()));
    ConfigError::at(span, format!("rule `{}` needs a `check`", raw.id.get_ref()))
        .note(format!("checks: {}", checks.join(", ")))
}

/// The `days` option of a dates rule: a count of days, never negative.
fn days(raw: &RawRule, default: i64, errors: &mut Vec<ConfigError>) -> Option<i64> {
    match raw.days {
        Some(d) if d < 0 => {
            errors.push(ConfigError::at(
                Span::from(raw.kind.span()),
                format!(
                    "rule `{}`: `days` must be 0 or more, not {d}",
                    raw.id.get_ref()
                ),
            ));
            None
        }
        Some(d) => Some(d),
        None => Some(default),
    }
}

fn compile_dates(
    raw: &RawRule,
    meta: RuleMeta,
    kind_span: Span,
    errors: &mut Vec<ConfigError>,
) -> Option<Built> {
    use crate::rules::dates::{Check, DatesRule};
    let checks = [
        "missing-anchor",
        "weekday-mismatch",
        "impossible",
        "relative-word",
        "weekday-out-of-range",
        "ambiguous-numeric",
        "year-missing",
    ];
    let check = match raw.check.as_ref().map(|c| c.get_ref().as_str()) {
        Some("missing-anchor") => Check::MissingAnchor,
        Some("weekday-mismatch") => Check::WeekdayMismatch,
        Some("impossible") => Check::Impossible,
        Some("relative-word") => Check::RelativeWord,
        Some("weekday-out-of-range") => Check::WeekdayOutOfRange {
            days: days(raw, 7, errors)?,
        },
        Some("ambiguous-numeric") => Check::AmbiguousNumeric,
        Some("year-missing") => Check::YearMissing {
            days: days(raw, 183, errors)?,
        },
        _ => {
            errors.push(missing_check(raw, kind_span, &checks));
            return None;
        }
    };
    Some(Built::Other(Box::new(DatesRule::new(meta, check))))
}

/// Phrases, a pattern, or both, as one regex source (never matching when neither is given).
fn either(phrases: Option<String>, pattern: Option<String>) -> String {
    match (phrases, pattern) {
        (Some(a), Some(b)) => format!("{a}|{b}"),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => r"[^\s\S]".to_string(),
    }
}
