//! The TOML schema, exactly as written (serde, unknown keys denied, spans kept).

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A built-in pack file (`rules/*.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// About the pack.
    pub pack: PackInfo,
    /// Its rules.
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
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
    /// Per-rule overrides: `"id" = "off" | "info" | "warning" | "error"`, or `{ severity = … }`.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    /// The newsroom's own rules.
    #[serde(default)]
    pub rule: Vec<Spanned<RawRule>>,
}

/// One `[[rule]]`, of any kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    /// `pack.rule-name`.
    pub id: Spanned<String>,
    /// `pattern`, `substitution` or `consistency`.
    pub kind: Spanned<String>,
    /// `error`, `warning` (default) or `info`.
    pub severity: Option<Spanned<String>>,
    /// Block kinds read; all prose blocks when absent.
    pub scope: Option<Spanned<Vec<Spanned<String>>>>,
    /// Message template.
    pub message: Spanned<String>,
    /// Why the rule exists.
    #[serde(default)]
    pub why: String,
    /// A reference.
    pub link: Option<String>,
    /// `pattern`: a regex.
    pub pattern: Option<Spanned<String>>,
    /// `pattern`: phrases, matched on word boundaries.
    pub phrases: Option<Spanned<Vec<String>>>,
    /// Match case exactly (phrases and substitutions are case-insensitive by default).
    pub case_sensitive: Option<bool>,
    /// `pattern`: offer to delete each match (`safe` or `unsafe`).
    pub fix: Option<Spanned<String>>,
    /// `substitution`: wrong → right.
    pub replace: Option<Spanned<BTreeMap<String, String>>>,
    /// `consistency`: the variants.
    pub variant: Option<Spanned<Vec<RawVariant>>>,
    /// `boilerplate`: the residue category (promo, navigation, credit, legal, advertising,
    /// placeholder, duplicate).
    pub category: Option<Spanned<String>>,
    /// `boilerplate`: whole-line patterns (anchored at both ends).
    pub lines: Option<Spanned<Vec<String>>>,
    /// `boilerplate`: lines with more words are prose, never residue.
    pub max_words: Option<usize>,
    /// `boilerplate` duplicates: shorter repeats are ignored.
    pub min_words: Option<usize>,
    /// `boilerplate` duplicates across files: how many stories must share a line.
    pub min_files: Option<usize>,
    /// `boilerplate` duplicates across files: the share of the stories checked that must share it.
    pub min_share: Option<f64>,
    /// `boilerplate`: exceptions; a finding inside a match of one of these is dropped.
    pub unless: Option<Spanned<Vec<String>>>,
    /// `attribution`: which check (`unattributed-quote`, `anonymous-source`, `weasel`).
    pub check: Option<Spanned<String>>,
    /// `attribution`: speech verbs and attributing phrases.
    pub speech_verbs: Option<Vec<String>>,
    /// `attribution`: sentences around a quotation searched for its speaker (default: the paragraph).
    pub window: Option<usize>,
    /// `attribution`: claim triggers (regexes) for `unattributed-claim`.
    pub triggers: Option<Vec<String>>,
    /// `attribution`: words that qualify an anonymous-source phrase ("county officials said").
    pub qualifiers: Option<Vec<String>>,
    /// `attribution`: reasons for anonymity (regexes) that excuse an anonymous source.
    pub reasons: Option<Vec<String>>,
    /// `attribution`: what names a source in a sentence (regexes) and excuses a weasel phrase.
    pub sourced: Option<Vec<String>>,
    /// `numbers`: event cues, canonical name → words or phrases ("killed" = ["killed", "dead"]).
    pub cues: Option<Spanned<BTreeMap<String, Vec<String>>>>,
    /// `numbers`: regexes; a sentence matching one reports a change or another time.
    pub changes: Option<Vec<String>>,
    /// `numbers`: nouns that all mean "people".
    pub people: Option<Vec<String>>,
    /// `numbers`: nouns compared only for the same owner (votes, seats).
    pub owned: Option<Vec<String>>,
    /// `numbers`: the number style, `ap`, `chicago` or `off`.
    pub style: Option<Spanned<String>>,
    /// `dates`: a number of days (weekday-out-of-range: 7; year-missing: 183).
    pub days: Option<i64>,
    /// Examples, run as tests.
    #[serde(default)]
    pub example: Vec<RawExample>,
}

/// One variant of a `consistency` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    /// How it is named in messages.
    pub name: String,
    /// A regex.
    pub pattern: Option<Spanned<String>>,
    /// Or phrases.
    pub phrases: Option<Vec<String>>,
}

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
