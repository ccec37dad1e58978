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
    /// Another config file this one builds on (a path relative to this file): its settings
    /// apply first and this file's on top. Followed by whoever reads the files.
    pub extend: Option<Spanned<String>>,
    /// Globs of files that are not stories, relative to this file's folder.
    pub exclude: Option<Vec<Spanned<String>>>,
    /// Settings for the files some globs match: `[[override]] files = […]` with `[override.rules]`.
    #[serde(default, rename = "override")]
    pub overrides: Vec<Override>,
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

/// One `[[override]]` table: rule settings for the files its globs match.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Globs, relative to the folder of the file that writes them.
    pub files: Spanned<Vec<Spanned<String>>>,
    /// Settings, as under `[rules]`.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}
