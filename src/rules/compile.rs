//! What every rule kind's compiler shares: the keys every rule has, typed options read with
//! unknown keys refused (with "did you mean"), regexes compiled with the rule named, and errors
//! located in the TOML so they can be drawn over it.
//!
//! A rule's TOML table is read in two steps. [`Common`] takes the keys every rule has; the rest of
//! the table goes to the kind's own `Options` struct through [`options`], which refuses any key
//! that struct does not name. So a stray `window = 2` on a substitution rule is an error with a
//! caret under `window`, and the list of keys that kind takes.

use super::lineset::LazyRegex;
use super::pattern::PatternRule;
use super::registry::closest;
use super::{Example, Rule, RuleMeta};
use crate::config::ConfigError;
use crate::diagnostic::Severity;
use crate::document::BlockKind;
use crate::fix::Applicability;
use crate::span::Span;
use regex::Regex;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// A compiled rule, before it is sorted into a ruleset: pattern rules share one prefilter.
pub enum Built {
    /// A `pattern` rule.
    Pattern(Box<PatternRule>),
    /// Any other rule.
    Other(Box<dyn Rule>),
}

impl Built {
    /// The rule's metadata.
    pub fn meta(&self) -> &RuleMeta {
        match self {
            Built::Pattern(p) => p.meta(),
            Built::Other(r) => r.meta(),
        }
    }

    /// The rule's metadata, for config overrides.
    pub fn meta_mut(&mut self) -> &mut RuleMeta {
        match self {
            Built::Pattern(p) => p.meta_mut(),
            Built::Other(r) => r.meta_mut(),
        }
    }
}

/// What compiling one rule gives: the rule, or every error found in its table.
pub type Compiled = Result<Built, Vec<ConfigError>>;

/// The keys every rule has, whatever its kind.
#[derive(Debug, Deserialize)]
pub struct Common {
    /// `pack.rule-name`.
    pub id: Spanned<String>,
    /// The rule kind.
    pub kind: Spanned<String>,
    /// `error`, `warning` (default) or `info`.
    pub severity: Option<Spanned<String>>,
    /// Block kinds read; all prose blocks when absent.
    pub scope: Option<Spanned<Vec<Spanned<String>>>>,
    /// How sure the rule's fixes are: `safe`, `unsafe` or `suggestion` (the check's own default
    /// when absent; a `pattern` rule offers its delete fix only when this is given).
    pub fix: Option<Spanned<String>>,
    /// Message template.
    pub message: Spanned<String>,
    /// Why the rule exists.
    #[serde(default)]
    pub why: String,
    /// A reference.
    pub link: Option<String>,
    /// Former ids of the rule, still accepted in configs for one release (deprecated).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Examples, run as tests.
    #[serde(default)]
    pub example: Vec<RawExample>,
    /// Whether the rule runs unless a config turns it on (default true); a built-in rule whose
    /// findings on published copy are mostly wrong ships off.
    pub enabled: Option<bool>,
}

/// The keys of [`Common`], which every kind takes.
pub const COMMON_KEYS: &[&str] = &[
    "id", "kind", "severity", "scope", "fix", "message", "why", "link", "aliases", "example",
    "enabled",
];

/// Rule options that became lexicon lists, shared by every analysis that reads them: (kind, key,
/// list). Setting one on a rule is an error that says where the words went.
const MOVED_TO_LEXICON: &[(&str, &str, &str)] = &[
    ("attribution", "speech_verbs", "speech_verbs"),
    ("numbers", "cues", "event_cues"),
    ("numbers", "people", "people_nouns"),
    ("numbers", "owned", "owned_nouns"),
];

/// One `[[rule.example]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExample {
    /// Story text.
    pub text: String,
    /// Rule ids that must fire; empty: this rule must not fire.
    #[serde(default)]
    pub expect: Vec<String>,
}

/// A rule table being compiled: its metadata, where its `kind` is, and its own keys.
pub struct Table<'i> {
    /// The rule's metadata.
    pub meta: RuleMeta,
    /// Where the rule's `kind` is written, for errors about the rule as a whole.
    pub at: Span,
    /// The whole table.
    value: Spanned<DeValue<'i>>,
    /// A rule of a built-in pack as shipped: its regexes are known to compile (a test compiles
    /// them all), and compile on first use.
    pub builtin: bool,
}

impl<'i> Table<'i> {
    /// The rule's typed options: every key of the table but the common ones (and `also`), read
    /// into `T`. A key `T` does not name is an error, with the closest valid key suggested.
    pub fn options<T: DeserializeOwned>(&self, also: &[&str]) -> Result<T, Vec<ConfigError>> {
        let DeValue::Table(table) = self.value.get_ref() else {
            return Err(vec![ConfigError::at(self.at, "a rule must be a table")]);
        };
        let fields = fields_of::<T>();
        let mut own = DeTable::new();
        let mut errors = Vec::new();
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if COMMON_KEYS.contains(&name) || also.contains(&name) {
                continue;
            }
            if !fields.contains(&name) {
                let mut e = ConfigError::at(
                    Span::from(key.span()),
                    format!(
                        "rule `{}`: unknown key `{name}` for {}",
                        self.meta.id,
                        self.what(also)
                    ),
                )
                .label("not a key of this rule");
                if let Some((_, _, list)) = MOVED_TO_LEXICON
                    .iter()
                    .find(|(kind, key, _)| *kind == self.meta.kind && *key == name)
                {
                    errors.push(
                        e.note(format!(
                            "`{name}` is now the lexicon list `{list}`, shared by every \
                             analysis that reads it: change it under [lexicon], e.g. \
                             `{list} = {{ add = [\"…\"] }}`"
                        ))
                        .note(format!("its keys are: {}", fields.join(", "))),
                    );
                    continue;
                }
                // A misspelt key of this rule, else a misspelt common key.
                let guess = closest(name, fields.iter().copied())
                    .or_else(|| {
                        COMMON_KEYS
                            .iter()
                            .find(|k| super::registry::edit_distance(name, k) <= 1)
                            .copied()
                    })
                    // `fixes`, `fix_safety`, `fixable`: the safety of fixes is `fix`.
                    .or_else(|| name.starts_with("fix").then_some("fix"));
                if let Some(c) = guess {
                    e = e.note(format!("did you mean `{c}`?"));
                }
                errors.push(e.note(format!("its keys are: {}", fields.join(", "))));
                continue;
            }
            own.insert(key.clone(), value.clone());
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let value = Spanned::new(self.value.span(), DeValue::Table(own));
        T::deserialize(ValueDeserializer::from(value)).map_err(|e| {
            let mut err = ConfigError::from_toml(&e);
            err.span.get_or_insert(self.at);
            err.message = format!("rule `{}`: {}", self.meta.id, err.message);
            vec![err]
        })
    }

    /// Whether the table has this key.
    pub fn has(&self, key: &str) -> bool {
        matches!(self.value.get_ref(), DeValue::Table(t) if t.get(key).is_some())
    }

    /// A regex of this rule compiled on first use if the rule is built in as shipped, else now
    /// (an invalid one is an error naming the rule).
    pub fn lazy_regex(&self, pattern: &str, span: Span) -> Result<LazyRegex, ConfigError> {
        if self.builtin {
            Ok(LazyRegex::trusted(pattern))
        } else {
            self.regex(pattern, span).map(LazyRegex::compiled)
        }
    }

    /// The string value of a key of the table, with its span (`check`, for kinds with several).
    pub fn string(&self, key: &str) -> Option<(String, Span)> {
        let DeValue::Table(table) = self.value.get_ref() else {
            return None;
        };
        let value = table.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some((s.to_string(), Span::from(value.span()))),
            _ => None,
        }
    }

    /// The kind, or the kind and check, for messages.
    fn what(&self, also: &[&str]) -> String {
        match self.string("check") {
            Some((check, _)) if also.contains(&"check") => {
                format!("kind `{}`, check `{check}`", self.meta.kind)
            }
            _ => format!("kind `{}`", self.meta.kind),
        }
    }

    /// An error about the rule as a whole, at its `kind`.
    pub fn error(&self, message: impl std::fmt::Display) -> ConfigError {
        ConfigError::at(self.at, format!("rule `{}`: {message}", self.meta.id))
    }

    /// Compiles a regex of this rule; an invalid one is an error naming the rule.
    pub fn regex(&self, pattern: &str, span: Span) -> Result<Regex, ConfigError> {
        compile_regex(&self.meta.id, pattern, span)
    }

    /// The check of a kind with several (`check = "…"`), which must be one of `checks`.
    pub fn check(&self, checks: &[&str]) -> Result<String, Vec<ConfigError>> {
        match self.string("check") {
            Some((c, _)) if checks.contains(&c.as_str()) => Ok(c),
            found => {
                let span = found.as_ref().map_or(self.at, |(_, s)| *s);
                let mut e =
                    ConfigError::at(span, format!("rule `{}` needs a `check`", self.meta.id))
                        .note(format!("checks: {}", checks.join(", ")));
                if let Some((c, _)) = &found {
                    e.message = format!("rule `{}`: unknown check `{c}`", self.meta.id);
                    if let Some(close) = closest(c, checks.iter().copied()) {
                        e = e.note(format!("did you mean `{close}`?"));
                    }
                }
                Err(vec![e])
            }
        }
    }
}

/// Reads the common keys of a rule table and builds its metadata; `kind` is the kind's name as
/// the registry spells it.
pub fn table<'i>(
    value: Spanned<DeValue<'i>>,
    kind: &'static str,
) -> Result<Table<'i>, Vec<ConfigError>> {
    let common = Common::deserialize(ValueDeserializer::from(value.clone()))
        .map_err(|e| vec![ConfigError::from_toml(&e)])?;
    check_id(&common.id).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let severity = match &common.severity {
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
    let scope = match &common.scope {
        // Residue and placeholders can sit in a table too; the other kinds read prose only.
        None if kind == "boilerplate" => BlockKind::ALL.to_vec(),
        None => BlockKind::PROSE.to_vec(),
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
    let fix = common.fix.as_ref().and_then(|f| {
        Applicability::from_name(f.get_ref()).or_else(|| {
            errors.push(
                ConfigError::at(
                    Span::from(f.span()),
                    format!(
                        "rule `{}`: unknown fix safety `{}`",
                        common.id.get_ref(),
                        f.get_ref()
                    ),
                )
                .label("expected \"safe\", \"unsafe\" or \"suggestion\"")
                .note(
                    "safe: applied by --fix; unsafe: applied with --unsafe-fixes; \
                     suggestion: shown, never applied",
                ),
            );
            None
        })
    });
    if !errors.is_empty() {
        return Err(errors);
    }
    let meta = RuleMeta {
        id: common.id.get_ref().clone(),
        kind,
        severity,
        scope,
        fix,
        message: common.message.get_ref().clone(),
        why: common.why.trim().to_string(),
        link: common.link.clone(),
        aliases: common.aliases.clone(),
        enabled: common.enabled.unwrap_or(true),
        examples: common
            .example
            .iter()
            .map(|e| Example {
                text: e.text.clone(),
                expect: e.expect.clone(),
            })
            .collect(),
    };
    Ok(Table {
        meta,
        at: Span::from(common.kind.span()),
        value,
        builtin: false,
    })
}

/// The field names of a struct deserialised by serde, read from its `Deserialize` impl (so the
/// list of valid keys is written once: in the struct).
pub fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Error, Visitor};
    struct Catch<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Catch<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("fields read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Catch(&mut fields));
    fields
}

/// An unknown name (of a pack, rule, kind, category …), with the closest known one suggested.
pub fn unknown(name: &Spanned<String>, what: &str, known: &[&str]) -> ConfigError {
    let mut e = ConfigError::at(
        Span::from(name.span()),
        format!("unknown {what} `{}`", name.get_ref()),
    )
    .label(format!("no {what} has this name"));
    if let Some(c) = closest(name.get_ref(), known.iter().copied()) {
        e = e.note(format!("did you mean `{c}`?"));
    } else if what == "pack" {
        e = e.note(format!("the built-in packs are: {}", known.join(", ")));
    } else if what == "rule" {
        e = e.note("`copydesk rules` lists every rule");
    } else if what == "lexicon list" {
        e = e.note("`copydesk lexicon` lists every list");
    }
    e
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

/// Compiles a regex of rule `id`; an invalid one is an error naming the rule.
pub fn compile_regex(id: &str, pattern: &str, span: Span) -> Result<Regex, ConfigError> {
    Regex::new(pattern).map_err(|e| {
        let detail = e.to_string();
        let last = detail.lines().last().unwrap_or("").trim().to_string();
        ConfigError::at(span, format!("rule `{id}` has an invalid regex"))
            .label(last)
            .note(detail)
    })
}

/// Phrases, a pattern, or both, as one regex source (never matching when neither is given).
pub fn either(phrases: Option<String>, pattern: Option<String>) -> String {
    match (phrases, pattern) {
        (Some(a), Some(b)) => format!("{a}|{b}"),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => r"[^\s\S]".to_string(),
    }
}

/// Gives every value of a table (at any depth) the span `span`: a built-in rule's keys, merged
/// with a user's override, are then reported at the user's setting rather than in a file the
/// user never wrote.
pub fn respan(value: &mut Spanned<DeValue<'_>>, span: std::ops::Range<usize>) {
    let mut inner = std::mem::replace(value.get_mut(), DeValue::Boolean(false));
    match &mut inner {
        DeValue::Table(t) => {
            for (_, v) in t.iter_mut() {
                respan(v, span.clone());
            }
        }
        DeValue::Array(a) => {
            for v in a.iter_mut() {
                respan(v, span.clone());
            }
        }
        _ => {}
    }
    *value = Spanned::new(span, inner);
}
