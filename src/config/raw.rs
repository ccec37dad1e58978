//! The top-level TOML schema, exactly as written (serde, unknown keys denied, spans kept). A rule
//! table's own keys are read by its kind's module (`crate::rules::kinds`).

use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::BTreeMap;
use toml::Spanned;

/// A built-in pack file (`rules/*.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// About the pack.
    pub pack: PackInfo,
    /// Its rules, read by their kinds.
    pub rule: Option<IgnoredAny>,
}

/// The `[pack]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackInfo {
    /// Must equal the first part of each rule id.
    pub name: String,
    /// One line about the pack.
    pub description: String,
}

/// A user's `copydesk.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserConfig {
    /// The anchor date (`YYYY-MM-DD`) for stories with no date or dateline of their own.
    pub date: Option<Spanned<String>>,
    /// Built-in packs to use; all when absent.
    pub packs: Option<Vec<Spanned<String>>>,
    /// Per-rule overrides: `"id" = "off" | "info" | "warning" | "error"`, or a table of options.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    /// The newsroom's own rules, read by their kinds.
    pub rule: Option<IgnoredAny>,
    /// Changes to the lexicon's word lists (`NAME = { add = [...] }`), read by
    /// [`crate::lexicon::Lexicon::with_changes`].
    pub lexicon: Option<IgnoredAny>,
}
