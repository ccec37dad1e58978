//! Rules: what each kind of rule checks, and the [`Ruleset`] that runs them over a [`Document`].
//!
//! The shape (see also `docs/ARCHITECTURE.md`): each rule kind is one module here (`pattern`, `substitution`, `consistency`,
//! `boilerplate`, `attribution`, `numbers`, `dates`). A kind's module owns its typed options
//! (serde, unknown keys refused), its `build` function that compiles a TOML table into a rule, and
//! its checks. [`kinds`] is the one list of kinds; [`compile`] holds what the compilers share.
//!
//! Adding a rule kind: write `rules/<kind>.rs` with an `Options` struct, a
//! `pub(super) fn build(table: compile::Table<'_>) -> compile::Compiled` and a type implementing
//! [`Rule`]; add one line to [`kinds::KINDS`].
//!
//! Adding a built-in rule: add a `[[rule]]` table to the pack in `rules/<pack>.toml`, with its
//! `message`, `why` and at least one `[[rule.example]]` (examples run as tests). No Rust changes
//! unless the rule needs a new check.

pub mod attribution;
pub mod boilerplate;
pub mod compile;
pub mod consistency;
pub mod dates;
pub mod front_matter;
pub mod kinds;
pub mod lineset;
pub mod numbers;
pub mod pattern;
pub mod prefilter;
pub mod registry;
mod substitution;
pub mod suppression;

pub use consistency::ConsistencyRule;
pub use pattern::PatternRule;
pub use substitution::SubstitutionRule;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Block, BlockKind, Document};
use crate::fix::Applicability;
use crate::span::Span;
use rayon::prelude::*;
use regex::RegexSet;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// An example carried by a rule: text that must (or must not) be flagged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The example story text (Markdown).
    pub text: String,
    /// Rule ids that must fire on it; empty means this rule must not fire.
    pub expect: Vec<String>,
}

/// What every rule has, whatever its kind.
#[derive(Clone, Debug)]
pub struct RuleMeta {
    /// `pack.rule-name`.
    pub id: String,
    /// The kind's name (`pattern`, `substitution`, `consistency`, …).
    pub kind: &'static str,
    /// Severity after config overrides.
    pub severity: Severity,
    /// The block kinds it reads.
    pub scope: Vec<BlockKind>,
    /// How sure its fixes are, as its TOML declares (`fix = "safe"`); None: the check's default.
    pub fix: Option<Applicability>,
    /// The message template (`{match}` and friends are interpolated).
    pub message: String,
    /// Why the rule exists, for `copydesk explain`.
    pub why: String,
    /// A reference, if any.
    pub link: Option<String>,
    /// Former ids, still accepted in configs (deprecated).
    pub aliases: Vec<String>,
    /// On unless a config turns it off; false: off unless a config turns it on
    /// (`"pack.rule" = "info"`, or any of its options).
    pub enabled: bool,
    /// Examples, run as tests.
    pub examples: Vec<Example>,
}

impl RuleMeta {
    /// The pack part of the id.
    pub fn pack(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(p, _)| p)
    }

    /// The first sentence of `why` (or the message), for listings.
    pub fn summary(&self) -> String {
        let text = if self.why.is_empty() {
            &self.message
        } else {
            &self.why
        };
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match flat.find(". ") {
            Some(i) => flat[..=i].to_string(),
            None => flat,
        }
    }

    /// A diagnostic of this rule at `span`, with a message already made from the template.
    pub fn diagnostic(&self, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::new(self.id.clone(), self.severity, message, span)
    }

    /// A diagnostic of this rule at `span` whose message the check words itself: the template
    /// receives it as `{default}` (the built-in templates are just `"{default}"`), and the
    /// text found as `{match}`, so a newsroom can reword or wrap it.
    pub fn finding(&self, doc: &Document, default: impl AsRef<str>, span: Span) -> Diagnostic {
        let message = interpolate(
            &self.message,
            &[("default", default.as_ref()), ("match", doc.text_of(span))],
        );
        Diagnostic::new(self.id.clone(), self.severity, message, span)
    }

    /// The text of a block as this rule reads it: a rule that does not read block quotes does not
    /// read inline quotations either (a quotation keeps the speaker's words).
    pub fn text_of<'d>(&self, doc: &'d Document, span: Span) -> &'d str {
        if self.reads(BlockKind::Quote) {
            doc.prose_of(span)
        } else {
            &doc.unquoted[span.range()]
        }
    }

    /// The same text as [`RuleMeta::text_of`] in the document's ASCII view
    /// ([`Document::ascii_view`]): for a regex of ASCII words.
    pub fn ascii_text_of<'d>(&self, doc: &'d Document, span: Span) -> Cow<'d, str> {
        doc.ascii_view(self.reads(BlockKind::Quote), span)
    }

    /// The safety of this rule's fixes: what its TOML declares, else the check's `default`.
    pub fn fix_or(&self, default: Applicability) -> Applicability {
        self.fix.unwrap_or(default)
    }

    /// Whether the rule reads blocks of this kind.
    pub fn reads(&self, kind: BlockKind) -> bool {
        self.scope.contains(&kind)
    }
}

/// A check over a whole document. Rules are pure: they read the document and return findings.
pub trait Rule: Send + Sync {
    /// The rule's id, severity, scope and documentation.
    fn meta(&self) -> &RuleMeta;
    /// Mutable access, for config overrides.
    fn meta_mut(&mut self) -> &mut RuleMeta;
    /// Adds this rule's findings in `doc` to `out`.
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>);
    /// The rule as a boilerplate rule, for the checks that combine several of them.
    fn as_boilerplate(&self) -> Option<&boilerplate::BoilerplateRule> {
        None
    }
    /// The rule as a numbers rule, for analyses that need its cue words.
    fn as_numbers(&self) -> Option<&numbers::NumbersRule> {
        None
    }
    /// Whether [`Rule::check`] reads (or changes) the findings already in `out`: such a rule
    /// runs after every rule before it, never beside them.
    fn reads_findings(&self) -> bool {
        false
    }
}

/// Folds white space and, when the text is longer than `limit` characters, keeps its first
/// `keep` characters followed by an ellipsis: quoted text in messages and listings.
pub fn abbreviate(text: &str, limit: usize, keep: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > limit {
        format!("{}…", flat.chars().take(keep).collect::<String>())
    } else {
        flat
    }
}

/// Interpolates `{name}` placeholders in a message template.
pub fn interpolate(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Pattern rules compiled together into one multi-pattern prefilter: a block is scanned once
/// for all of them.
pub struct PatternSet {
    /// The rules, in the order of `prefilter`.
    rules: Vec<Arc<PatternRule>>,
    /// One regex set over every rule's pattern.
    prefilter: RegexSet,
}

impl PatternSet {
    /// Compiles the rules' patterns into one set. Patterns that are each valid can still be too
    /// large together, which is an error naming the rules involved (largest first).
    pub fn new(rules: Vec<Arc<PatternRule>>) -> Result<Self, String> {
        let prefilter = RegexSet::new(rules.iter().map(|p| p.regex().as_str())).map_err(|e| {
            let mut by_size: Vec<&PatternRule> = rules.iter().map(|r| &**r).collect();
            by_size.sort_by_key(|p| std::cmp::Reverse(p.regex().as_str().len()));
            let ids: Vec<&str> = by_size.iter().map(|p| p.meta().id.as_str()).collect();
            let detail = e.to_string();
            format!(
                "the pattern rules are too large to compile together ({}); rules involved, \
                 largest first: {}",
                detail.lines().last().unwrap_or("").trim(),
                ids.join(", ")
            )
        })?;
        Ok(PatternSet { rules, prefilter })
    }

    /// The rules, in order.
    pub fn rules(&self) -> &[Arc<PatternRule>] {
        &self.rules
    }
}

/// A pattern set and which of its rules run in one ruleset.
struct Patterns {
    set: Arc<PatternSet>,
    on: Vec<bool>,
}

/// The rules in force for a set of files.
///
/// Compiled rules are shared, not copied: the built-in rules are compiled once per process and
/// every configuration holds them by `Arc` (with its own choice of which run, and at which
/// severity), adding only its own rules and the built-in rules whose options it changed. A
/// thousand `copydesk.toml` files therefore cost a thousand small lists, not a thousand copies
/// of every regex.
pub struct Ruleset {
    /// Pattern sets (the built-in one, shared, then the config's own), each with the rules on.
    patterns: Vec<Patterns>,
    /// Every other enabled rule.
    others: Vec<Arc<dyn Rule>>,
    /// Rules that exist but are turned off, for listings.
    disabled: Vec<Arc<dyn Rule>>,
    /// Severities this configuration gives to rules it shares (rule id → severity): a shared rule
    /// reports at its own severity and the ruleset corrects it.
    severities: HashMap<String, Severity>,
    /// The boilerplate line rules among `others`, read together (built on first check).
    line_rules: OnceLock<boilerplate::LineRules>,
}

impl std::fmt::Debug for Ruleset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ruleset")
            .field(
                "enabled",
                &self.enabled().map(|m| m.id.clone()).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Ruleset {
    /// A ruleset from pattern sets (each with, per rule, whether it runs), the other enabled
    /// rules, the disabled ones, and the severities this configuration gives to shared rules.
    pub fn new(
        patterns: Vec<(Arc<PatternSet>, Vec<bool>)>,
        others: Vec<Arc<dyn Rule>>,
        disabled: Vec<Arc<dyn Rule>>,
        severities: HashMap<String, Severity>,
    ) -> Self {
        let patterns = patterns
            .into_iter()
            .filter(|(set, on)| !set.rules.is_empty() && on.iter().any(|&o| o))
            .map(|(set, on)| Patterns { set, on })
            .collect();
        Ruleset {
            patterns,
            others,
            disabled,
            severities,
            line_rules: OnceLock::new(),
        }
    }

    /// A rule's metadata with the severity this configuration gives it.
    fn with_severity<'r>(&self, meta: &'r RuleMeta) -> Cow<'r, RuleMeta> {
        match self.severities.get(&meta.id) {
            Some(&severity) if severity != meta.severity => {
                let mut meta = meta.clone();
                meta.severity = severity;
                Cow::Owned(meta)
            }
            _ => Cow::Borrowed(meta),
        }
    }

    /// Whether two rulesets hold the very same compiled rule (not two copies) under this id.
    pub fn shares_rule(&self, other: &Ruleset, id: &str) -> bool {
        matches!((self.rule_address(id), other.rule_address(id)), (Some(a), Some(b)) if a == b)
    }

    fn rule_address(&self, id: &str) -> Option<*const ()> {
        let patterns = self.patterns.iter().flat_map(|p| {
            p.set
                .rules
                .iter()
                .map(|r| (r.meta(), Arc::as_ptr(r).cast::<()>()))
        });
        let rest = self
            .others
            .iter()
            .chain(&self.disabled)
            .map(|r| (r.meta(), Arc::as_ptr(r).cast::<()>()));
        patterns
            .chain(rest)
            .find(|(m, _)| m.id == id)
            .map(|(_, address)| address)
    }

    /// Gives findings of shared rules the severity this configuration sets for them.
    pub fn apply_severities(&self, out: &mut [Diagnostic]) {
        if self.severities.is_empty() {
            return;
        }
        for d in out {
            if let Some(&severity) = self.severities.get(&d.rule) {
                d.severity = severity;
            }
        }
    }

    /// Metadata of every enabled rule, with its severity in this configuration.
    pub fn enabled(&self) -> impl Iterator<Item = Cow<'_, RuleMeta>> {
        self.patterns
            .iter()
            .flat_map(|p| {
                p.set
                    .rules
                    .iter()
                    .zip(&p.on)
                    .filter(|(_, on)| **on)
                    .map(|(r, _)| r.meta())
            })
            .chain(self.others.iter().map(|r| r.meta()))
            .map(|m| self.with_severity(m))
    }

    /// The matching options of the first enabled `numbers.inconsistent`-like rule.
    pub fn number_matching(&self) -> Option<&numbers::Matching> {
        self.others
            .iter()
            .filter_map(|r| r.as_numbers())
            .find_map(|n| n.matching())
    }

    /// Boilerplate rules that compare lines across stories.
    pub fn across_file_rules(&self) -> impl Iterator<Item = &boilerplate::BoilerplateRule> {
        self.others
            .iter()
            .filter_map(|r| r.as_boilerplate())
            .filter(|b| matches!(b.detect, boilerplate::Detect::AcrossFiles { .. }))
    }

    /// Short unpunctuated lines inside a run of residue at the end of a story are residue too.
    fn extend_trailing_runs(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        let line_rules: Vec<&boilerplate::BoilerplateRule> = self
            .others
            .iter()
            .filter_map(|r| r.as_boilerplate())
            .filter(|b| b.trailing_runs)
            .collect();
        let found: Vec<(Span, usize)> = out
            .iter()
            .filter_map(|d| {
                let i = line_rules.iter().position(|r| r.meta().id == d.rule)?;
                Some((d.primary.span, i))
            })
            .collect();
        if found.is_empty() {
            return;
        }
        for (span, i) in boilerplate::trailing_run(doc, &found, 12) {
            let rule = line_rules[i];
            let text = doc.text_of(span).trim();
            let message = interpolate(
                &rule.meta().message,
                &[("match", text), ("category", rule.category.name())],
            );
            out.push(
                rule.meta()
                    .diagnostic(message, span)
                    .with_label("part of a run of residue at the end of the story")
                    .with_fix(
                        boilerplate::delete_line_fix(doc, span, rule.category.name())
                            .with_applicability(rule.meta().fix_or(Applicability::Safe)),
                    ),
            );
        }
    }

    /// Metadata of every disabled rule.
    pub fn disabled(&self) -> impl Iterator<Item = &RuleMeta> {
        self.disabled.iter().map(|r| r.meta())
    }

    /// Runs every enabled rule over `doc`; findings come back in a stable order, without duplicates.
    pub fn check(&self, doc: &Document) -> Vec<Diagnostic> {
        self.check_as(doc, side_by_side(doc))
    }

    /// [`Ruleset::check`] with the rules run side by side on rayon's pool, whatever the story's
    /// length: the same findings, in the same order.
    pub fn check_side_by_side(&self, doc: &Document) -> Vec<Diagnostic> {
        self.check_as(doc, true)
    }

    /// [`Ruleset::check`], the rules run side by side or not.
    fn check_as(&self, doc: &Document, side_by_side: bool) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // The story's lines as the line rules read them, made for the first of them.
        let lines = OnceLock::new();
        if !side_by_side {
            self.check_patterns(doc, &doc.blocks, &mut out);
            for k in 0..self.others.len() {
                self.check_rule(k, doc, &lines, &mut out);
            }
        } else {
            self.run_side_by_side(doc, &lines, &mut out);
        }
        self.extend_trailing_runs(doc, &mut out);
        self.apply_severities(&mut out);
        crate::diagnostic::sort_findings(&mut out);
        out.dedup_by(|a, b| a.rule == b.rule && a.primary.span == b.primary.span);
        out
    }
}

/// Stories at least this long (bytes) have their rules run side by side on rayon's pool; shorter
/// ones are checked on the calling thread, where a pool would cost more than it saves.
pub(crate) const PARALLEL_FROM: usize = 1 << 17;

/// Whether a story is long enough, and the pool wide enough, for its rules to run side by side.
pub(crate) fn side_by_side(doc: &Document) -> bool {
    doc.prose.len() >= PARALLEL_FROM && rayon::current_num_threads() >= 2
}

/// Blocks per task when the pattern rules scan a long story on the pool.
const PATTERN_CHUNK: usize = 512;

impl Ruleset {
    /// Rule `k` of `others` over `doc`: a boilerplate line rule reads the story's lines from the
    /// table the line rules share (`lines`, made by the first of them to run; see
    /// [`boilerplate::LineRules`]), any other rule reads the story itself.
    fn check_rule<'d>(
        &self,
        k: usize,
        doc: &'d Document,
        lines: &OnceLock<boilerplate::LineTable<'d>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let rule = &self.others[k];
        let line_rules = self
            .line_rules
            .get_or_init(|| boilerplate::LineRules::new(&self.others));
        match (line_rules.place(k), rule.as_boilerplate()) {
            (Some(place), Some(b)) => {
                let table = lines.get_or_init(|| line_rules.table(&self.others, doc));
                b.check_lines(doc, table, place, out);
            }
            _ => rule.check(doc, out),
        }
    }

    /// The findings of the rules `range` of `others`, none of which reads another's, checked
    /// side by side: one list per rule, in rule order, for [`append_all`].
    fn apart<'d>(
        &self,
        range: std::ops::Range<usize>,
        doc: &'d Document,
        lines: &OnceLock<boilerplate::LineTable<'d>>,
    ) -> Vec<Vec<Diagnostic>> {
        range
            .into_par_iter()
            .map(|k| {
                let mut found = Vec::new();
                self.check_rule(k, doc, lines, &mut found);
                // Held until every rule beside it is done: without the room its pushes left.
                found.shrink_to_fit();
                found
            })
            .collect()
    }

    /// The pattern rules' findings in `blocks`, block by block.
    fn check_patterns(&self, doc: &Document, blocks: &[Block], out: &mut Vec<Diagnostic>) {
        if self.patterns.is_empty() {
            return;
        }
        for block in blocks {
            let text = doc.prose_of(block.span);
            for p in &self.patterns {
                for i in p.set.prefilter.matches(text).iter() {
                    let rule = &p.set.rules[i];
                    if p.on[i] && rule.meta().reads(block.kind) {
                        rule.check_block(text, block.span.start, out);
                    }
                }
            }
        }
    }

    /// The sequential check's findings, in its order, with the work spread over rayon's pool:
    /// the pattern rules by chunks of blocks, the other rules each on its own. A rule that reads
    /// the findings before it ([`Rule::reads_findings`]) runs once every earlier rule is done,
    /// alongside the rules after it up to the next such rule; each part's findings are appended
    /// in rule order, so the result is the same list whatever the thread count.
    fn run_side_by_side<'d>(
        &self,
        doc: &'d Document,
        lines: &OnceLock<boilerplate::LineTable<'d>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let rules = &self.others;
        let reader_from = |from: usize| {
            rules[from..]
                .iter()
                .position(|r| r.reads_findings())
                .map_or(rules.len(), |k| from + k)
        };
        let first = reader_from(0);
        let (patterns, rest) = rayon::join(
            || {
                doc.blocks
                    .par_chunks(PATTERN_CHUNK)
                    .map(|blocks| {
                        let mut found = Vec::new();
                        self.check_patterns(doc, blocks, &mut found);
                        found
                    })
                    .collect::<Vec<_>>()
            },
            || self.apart(0..first, doc, lines),
        );
        append_all(out, patterns);
        append_all(out, rest);
        let mut at = first;
        while at < rules.len() {
            let end = reader_from(at + 1);
            let ((), after) = rayon::join(
                || self.check_rule(at, doc, lines, out),
                || self.apart(at + 1..end, doc, lines),
            );
            append_all(out, after);
            at = end;
        }
    }
}

/// Moves the findings of `parts` onto `out`, in order, each list freed as soon as it is moved:
/// a long story's findings are never held twice (`concat` would copy every finding's strings
/// while the originals lived, and a joined list would hold every finding a second time).
fn append_all(out: &mut Vec<Diagnostic>, parts: Vec<Vec<Diagnostic>>) {
    out.reserve_exact(parts.iter().map(Vec::len).sum());
    for mut part in parts {
        out.append(&mut part);
    }
}

/// The id of the warning drawn over front matter that could not be read.
pub const FRONT_MATTER: &str = "document.front-matter";
