//! Turns built-in packs and a user's config files into the [`Ruleset`] that checks stories. Reading
//! a rule table is its kind's business (`rules::kinds`); this module finds the tables, chooses
//! packs, merges a user's settings into the rules, and remembers where each setting came from.
//!
//! A configuration may be several files: a `copydesk.toml` and the files it `extend`s, given
//! outermost first. Each file's settings apply on top of the one before; `[[override]]` tables
//! apply last, to the files their globs match ([`Config::overrides_for`],
//! [`Config::with_overrides`]); the command line's `--select`/`--ignore` ([`Selection`]) after
//! all of them.

use super::error::ConfigError;
use super::globs::Globs;
use super::raw::{PackFile, UserConfig};
use super::{BUILTIN_PACKS, BuiltinPack, TOOL_PACK};
use crate::diagnostic::Severity;
use crate::lexicon::Lexicon;
use crate::rules::compile::{Built, Compiled, respan, unknown};
use crate::rules::registry::closest;
use crate::rules::{PatternRule, PatternSet, Rule, RuleMeta, Ruleset, kinds};
use crate::span::Span;
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// One configuration file as read: what to call it, its text, and where it is (its folder is
/// what its globs are relative to).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigFile {
    /// The name shown in messages (a path as people write it).
    pub name: String,
    /// Its TOML text.
    pub text: String,
    /// Its path, absolute (None: a text with no file; its globs match paths as given).
    pub path: Option<PathBuf>,
}

impl ConfigFile {
    /// The folder its globs are relative to.
    pub fn dir(&self) -> Option<PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }
}

/// The rules chosen on the command line for one run: `--select` keeps only these rules and packs
/// (a rule named by its id runs even if the config turns it off; a pack keeps the rules of it the
/// config has on), `--ignore` then turns these off.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Rule ids and packs to keep; empty: every rule the config has on.
    pub select: Vec<String>,
    /// Rule ids and packs to turn off.
    pub ignore: Vec<String>,
}

impl Selection {
    /// Whether the selection changes nothing.
    pub fn is_empty(&self) -> bool {
        self.select.is_empty() && self.ignore.is_empty()
    }
}

/// Where a setting came from: a file of the configuration (with the span it is written at), a
/// built-in pack, or the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The config file (index into [`Config::files`]); None: built in, or the command line.
    pub file: Option<usize>,
    /// Where in that file.
    pub span: Option<Span>,
    /// What was set: `[rules] "off"`, `[[rule]]`, `built-in (rules/style.toml)`, `--select` …
    pub what: String,
}

/// One `[[override]]` table of a configuration: its globs, and where it is written.
#[derive(Clone, Debug)]
pub struct Override {
    /// The file and place of the table's `files`.
    pub globs: Globs,
    /// Where `files` is written.
    pub span: Span,
    /// Its index among the `[[override]]` tables of its file.
    index: usize,
}

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
    /// Things that work but should change (a deprecated rule id), located in the TOML (each in
    /// its [`ConfigError::file`]).
    pub warnings: Vec<ConfigError>,
    /// The files it was read from, outermost first (none for the built-in configuration).
    pub files: Arc<Vec<ConfigFile>>,
    /// Where each rule's state came from, by rule id, in the order the settings applied.
    pub origins: BTreeMap<String, Vec<Origin>>,
    /// Where the top-level settings came from: (`date`, `packs`, `exclude`, `lexicon`), with the
    /// value as written.
    pub settings: Vec<(String, String, Origin)>,
    /// Every `[[override]]` of every file, in the order they apply.
    pub overrides: Vec<Override>,
    /// The overrides applied in this configuration (indices into `overrides`).
    pub applied: Vec<usize>,
    /// `exclude` globs of every file.
    exclude: Vec<Globs>,
    /// The command line's choice, applied last.
    selection: Selection,
}

/// A built-in rule: its pack, the compiled rule, and its TOML table (for option overrides).
struct BuiltinRule {
    pack: &'static BuiltinPack,
    rule: Arc<dyn Rule>,
    /// Its place in [`Builtins::patterns`], for a pattern rule.
    pattern: Option<usize>,
    table: Spanned<DeValue<'static>>,
}

/// Every built-in rule, compiled once per process and shared by every configuration.
struct Builtins {
    rules: Vec<BuiltinRule>,
    /// The built-in pattern rules, compiled together.
    patterns: Arc<PatternSet>,
}

/// The `[[rule]]` tables of a TOML document.
fn rule_tables<'i>(root: &DeTable<'i>) -> Vec<Spanned<DeValue<'i>>> {
    match root.get("rule").map(|r| r.get_ref()) {
        Some(DeValue::Array(list)) => list.iter().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The rules of every built-in pack, compiled on first use.
fn builtin() -> &'static Builtins {
    static BUILTINS: OnceLock<Builtins> = OnceLock::new();
    BUILTINS.get_or_init(|| {
        let mut rules = Vec::new();
        let mut patterns = Vec::new();
        for pack in BUILTIN_PACKS {
            // Parsed once: the schema is read from the parsed table, not from the text again.
            let root = DeTable::parse(pack.source)
                .unwrap_or_else(|e| panic!("built-in pack {} is invalid: {e}", pack.file));
            let tables = rule_tables(root.get_ref());
            let whole = Spanned::new(root.span(), DeValue::Table(root.into_inner()));
            let file = PackFile::deserialize(ValueDeserializer::from(whole))
                .unwrap_or_else(|e| panic!("built-in pack {} is invalid: {e}", pack.file));
            assert_eq!(file.pack.name, pack.name, "{}: [pack] name", pack.file);
            for table in tables {
                let built = kinds::compile_builtin(table.clone())
                    .unwrap_or_else(|e| panic!("built-in pack {}: {}", pack.file, e[0].message));
                let (rule, pattern): (Arc<dyn Rule>, _) = match built {
                    Built::Pattern(p) => {
                        let p: Arc<PatternRule> = Arc::from(p);
                        patterns.push(p.clone());
                        (p, Some(patterns.len() - 1))
                    }
                    Built::Other(r) => (Arc::from(r), None),
                };
                rules.push(BuiltinRule {
                    pack,
                    rule,
                    pattern,
                    table,
                });
            }
        }
        let patterns = PatternSet::new(patterns)
            .unwrap_or_else(|e| panic!("the built-in pattern rules do not compile together: {e}"));
        Builtins {
            rules,
            patterns: Arc::new(patterns),
        }
    })
}

/// Metadata of every built-in rule, for listings and tests.
pub fn builtin_rules() -> Vec<RuleMeta> {
    builtin()
        .rules
        .iter()
        .map(|b| b.rule.meta().clone())
        .collect()
}

/// A rule being resolved: compiled, on or off, its TOML table (built-ins, for option overrides)
/// and where its state came from.
struct Entry<'a> {
    rule: Resolved,
    on: bool,
    /// A severity set for it (`[rules]`, an override); None: its own.
    severity: Option<Severity>,
    table: Option<Spanned<DeValue<'a>>>,
    /// The file that defined it (None: built in).
    file: Option<usize>,
    origins: Vec<Origin>,
}

/// A rule being resolved: a shared built-in one, or one this configuration compiled (its own, or
/// a built-in rule with options changed).
enum Resolved {
    /// The built-in rule of this index, shared.
    Builtin(usize),
    /// Compiled for this configuration.
    Own(Built),
}

impl Entry<'_> {
    fn meta(&self) -> &RuleMeta {
        match &self.rule {
            Resolved::Builtin(i) => builtin().rules[*i].rule.meta(),
            Resolved::Own(b) => b.meta(),
        }
    }
}

/// One parsed file.
struct Parsed<'a> {
    user: UserConfig,
    root: Spanned<DeTable<'a>>,
}

impl Config {
    /// The zero-configuration setup: every built-in pack with its default severities.
    pub fn builtin() -> Config {
        Config::from_files(Vec::new(), &Selection::default())
            .expect("the built-in configuration is valid")
    }

    /// Parses and resolves one `copydesk.toml` text (no `extend` followed, globs matched against
    /// paths as given); every error found is returned.
    pub fn from_toml(text: &str) -> Result<Config, Vec<ConfigError>> {
        let file = ConfigFile {
            name: "copydesk.toml".to_string(),
            text: text.to_string(),
            path: None,
        };
        Config::from_files(vec![file], &Selection::default())
    }

    /// Resolves a configuration of several files, outermost first (a file, then the one that
    /// extends it …), with the command line's selection. Every `[[override]]` is validated too,
    /// so that no story is checked under a setting that turns out invalid. Each error names its
    /// file ([`ConfigError::file`]).
    pub fn from_files(
        files: Vec<ConfigFile>,
        selection: &Selection,
    ) -> Result<Config, Vec<ConfigError>> {
        let files = Arc::new(files);
        let config = resolve(&files, selection, &[])?;
        let mut errors = Vec::new();
        for i in 0..config.overrides.len() {
            if let Err(es) = resolve(&files, selection, &[i]) {
                errors.extend(es);
            }
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            errors.dedup();
            Err(errors)
        }
    }

    /// The `[[override]]` tables whose globs match `path` (absolute, when the config was read
    /// from files), in the order they apply.
    pub fn overrides_for(&self, path: &Path) -> Vec<usize> {
        (0..self.overrides.len())
            .filter(|&i| self.overrides[i].globs.matches(path))
            .collect()
    }

    /// This configuration with the `[[override]]` tables `which` applied (on top of the files'
    /// settings, under the command line's selection).
    pub fn with_overrides(&self, which: &[usize]) -> Result<Config, Vec<ConfigError>> {
        resolve(&self.files, &self.selection, which)
    }

    /// Whether `exclude` says `path` (absolute, when the config was read from files) is not a
    /// story.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.exclude.iter().any(|g| g.matches(path))
    }

    /// Whether a rule id, a former id or a pack names something in this configuration, on or off.
    pub fn knows(&self, name: &str) -> bool {
        self.ruleset
            .enabled()
            .chain(self.ruleset.disabled().map(Cow::Borrowed))
            .any(|m| m.id == name || m.pack() == name || m.aliases.iter().any(|a| a == name))
    }

    /// The rule id or pack of this configuration closest to a misspelt name.
    pub fn closest_name(&self, name: &str) -> Option<String> {
        let metas: Vec<Cow<'_, RuleMeta>> = self
            .ruleset
            .enabled()
            .chain(self.ruleset.disabled().map(Cow::Borrowed))
            .collect();
        let mut names: Vec<&str> = metas.iter().map(|m| m.id.as_str()).collect();
        names.extend(metas.iter().map(|m| m.pack()));
        names.sort_unstable();
        names.dedup();
        closest(name, names).map(str::to_string)
    }
}

/// Resolves the files with the overrides `applied`.
fn resolve(
    files: &Arc<Vec<ConfigFile>>,
    selection: &Selection,
    applied: &[usize],
) -> Result<Config, Vec<ConfigError>> {
    let mut parsed: Vec<Parsed<'_>> = Vec::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        let user: UserConfig =
            toml::from_str(&f.text).map_err(|e| vec![ConfigError::from_toml(&e).in_file(i)])?;
        let root =
            DeTable::parse(&f.text).map_err(|e| vec![ConfigError::from_toml(&e).in_file(i)])?;
        parsed.push(Parsed { user, root });
    }
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut settings = Vec::new();
    let at = |file: usize, span: Span, what: String| Origin {
        file: Some(file),
        span: Some(span),
        what,
    };

    // `date`: the nearest file that gives one.
    let mut date = None;
    for (i, p) in parsed.iter().enumerate() {
        let Some(d) = &p.user.date else { continue };
        let span = Span::from(d.span());
        match d.get_ref().parse::<jiff::civil::Date>() {
            Ok(value) => {
                date = Some(value);
                settings.push((
                    "date".into(),
                    d.get_ref().clone(),
                    at(i, span, "date".into()),
                ));
            }
            Err(e) => errors.push(
                ConfigError::at(span, format!("invalid `date`: {e}"))
                    .label("expected a date such as \"2025-06-04\"")
                    .in_file(i),
            ),
        }
    }

    // `[lexicon]`: every file's changes, outermost first.
    let tables: Vec<(usize, &Spanned<DeValue<'_>>)> = parsed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.root.get_ref().get("lexicon").map(|t| (i, t)))
        .collect();
    for (i, t) in &tables {
        let lists = match t.get_ref() {
            DeValue::Table(lists) => lists.iter().map(|(k, _)| k.get_ref().to_string()).collect(),
            _ => Vec::new(),
        };
        settings.push((
            "lexicon".into(),
            lists.join(", "),
            at(*i, Span::from(t.span()), "[lexicon]".into()),
        ));
    }
    let lexicon = if tables.is_empty() {
        Arc::clone(Lexicon::builtin())
    } else {
        match Lexicon::with_changes_in_order(&tables) {
            Ok(l) => Arc::new(l),
            Err(es) => {
                errors.extend(es);
                Arc::clone(Lexicon::builtin())
            }
        }
    };

    // `packs`: the nearest file that chooses.
    let pack_names: Vec<&str> = BUILTIN_PACKS.iter().map(|p| p.name).collect();
    let mut chosen: Option<(Vec<&str>, usize)> = None;
    for (i, p) in parsed.iter().enumerate() {
        let Some(packs) = &p.user.packs else { continue };
        let mut list = Vec::new();
        for name in packs {
            match pack_names.iter().find(|n| **n == name.get_ref()) {
                Some(n) => list.push(*n),
                None => errors.push(unknown(name, "pack", &pack_names).in_file(i)),
            }
        }
        let span = packs
            .first()
            .map_or(Span::default(), |p| Span::from(p.span()));
        settings.push(("packs".into(), list.join(", "), at(i, span, "packs".into())));
        chosen = Some((list, i));
    }

    // `exclude` and `[[override]]`: every file's, each relative to its own folder.
    let mut exclude = Vec::new();
    let mut overrides = Vec::new();
    for (i, p) in parsed.iter().enumerate() {
        let dir = files[i].dir();
        if let Some(globs) = &p.user.exclude {
            match Globs::new(globs, i, dir.clone()) {
                Ok(g) => {
                    let span = globs
                        .first()
                        .map_or(Span::default(), |g| Span::from(g.span()));
                    settings.push((
                        "exclude".into(),
                        g.patterns.join(", "),
                        at(i, span, "exclude".into()),
                    ));
                    exclude.push(g);
                }
                Err(es) => errors.extend(es),
            }
        }
        for (index, o) in p.user.overrides.iter().enumerate() {
            let span = Span::from(o.files.span());
            if o.files.get_ref().is_empty() {
                errors.push(
                    ConfigError::at(span, "an [[override]] needs the files it applies to")
                        .label("no globs")
                        .note("e.g. files = [\"opinion/**\"]")
                        .in_file(i),
                );
                continue;
            }
            match Globs::new(o.files.get_ref(), i, dir.clone()) {
                Ok(globs) => overrides.push(Override { globs, span, index }),
                Err(es) => errors.extend(es),
            }
        }
    }

    let mut rules: Vec<Entry<'_>> = builtin()
        .rules
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let on = b.rule.meta().enabled
                && (b.pack.name == TOOL_PACK
                    || chosen
                        .as_ref()
                        .is_none_or(|(c, _)| c.contains(&b.pack.name)));
            let mut origins = vec![Origin {
                file: None,
                span: None,
                what: format!("built-in ({})", b.pack.file),
            }];
            if !on && let Some((_, file)) = &chosen {
                origins.push(Origin {
                    file: Some(*file),
                    span: None,
                    what: "off: `packs` leaves its pack out".into(),
                });
            }
            Entry {
                on,
                rule: Resolved::Builtin(i),
                severity: None,
                table: Some(b.table.clone()),
                file: None,
                origins,
            }
        })
        .collect();

    // Every file's own rules.
    for (i, p) in parsed.iter().enumerate() {
        for table in rule_tables(p.root.get_ref()) {
            let span = Span::from(table.span());
            match kinds::compile(table) {
                Ok(b) => {
                    let id = b.meta().id.clone();
                    if let Some(existing) = rules.iter().find(|e| e.meta().id == id) {
                        let mut e =
                            ConfigError::at(span, format!("rule `{id}` is already defined"))
                                .label("a rule with this id exists")
                                .in_file(i);
                        e = match existing.file {
                            Some(f) if f != i => e.note(format!(
                                "it is defined in {}; to change it, set it under [rules]",
                                files[f].name
                            )),
                            _ => e.note("to change a built-in rule, set it under [rules] instead"),
                        };
                        errors.push(e);
                    } else {
                        rules.push(Entry {
                            on: b.meta().enabled,
                            rule: Resolved::Own(b),
                            severity: None,
                            table: None,
                            file: Some(i),
                            origins: vec![at(i, span, "[[rule]]".into())],
                        });
                    }
                }
                Err(mut es) => {
                    for e in &mut es {
                        e.span.get_or_insert(span);
                        e.file = i;
                    }
                    errors.extend(es);
                }
            }
        }
    }

    // Every file's `[rules]`, outermost first, then the overrides applied.
    for (i, p) in parsed.iter().enumerate() {
        let tables = p
            .root
            .get_ref()
            .get("rules")
            .and_then(|v| match v.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            });
        let mut out = Outcome {
            errors: &mut errors,
            warnings: &mut warnings,
        };
        apply_settings(&mut rules, &p.user.rules, tables, i, "[rules]", &mut out);
    }
    for &k in applied {
        let Some(o) = overrides.get(k) else { continue };
        let file = o.globs.file;
        let user = &parsed[file].user.overrides[o.index];
        let tables = parsed[file]
            .root
            .get_ref()
            .get("override")
            .and_then(|v| match v.get_ref() {
                DeValue::Array(a) => a.get(o.index),
                _ => None,
            })
            .and_then(|t| match t.get_ref() {
                DeValue::Table(t) => t.get("rules"),
                _ => None,
            })
            .and_then(|r| match r.get_ref() {
                DeValue::Table(t) => Some(t),
                _ => None,
            });
        let what = format!("[[override]] files = [{}]", quoted(&o.globs.patterns));
        let mut out = Outcome {
            errors: &mut errors,
            warnings: &mut warnings,
        };
        apply_settings(&mut rules, &user.rules, tables, file, &what, &mut out);
    }

    apply_selection(&mut rules, selection);

    if !errors.is_empty() {
        return Err(errors);
    }
    let shared = builtin();
    let mut builtin_on = vec![false; shared.patterns.rules().len()];
    let mut own_patterns: Vec<Arc<PatternRule>> = Vec::new();
    let mut others: Vec<Arc<dyn Rule>> = Vec::new();
    let mut disabled: Vec<Arc<dyn Rule>> = Vec::new();
    // Severities set for shared built-in rules (by id); the rules themselves are not copied.
    let mut severities: HashMap<String, Severity> = HashMap::new();
    let mut origins = BTreeMap::new();
    for mut e in rules {
        origins.insert(e.meta().id.clone(), e.origins);
        match (&mut e.rule, e.severity) {
            (Resolved::Own(b), Some(sev)) => b.meta_mut().severity = sev,
            (Resolved::Builtin(i), Some(sev)) if sev != shared.rules[*i].rule.meta().severity => {
                severities.insert(shared.rules[*i].rule.meta().id.clone(), sev);
            }
            _ => {}
        }
        match (e.rule, e.on) {
            (Resolved::Builtin(i), on) => {
                let b = &shared.rules[i];
                match (b.pattern, on) {
                    (_, false) => disabled.push(b.rule.clone()),
                    (Some(p), true) => builtin_on[p] = true,
                    (None, true) => others.push(b.rule.clone()),
                }
            }
            (Resolved::Own(Built::Pattern(p)), true) => own_patterns.push(Arc::from(p)),
            (Resolved::Own(Built::Pattern(p)), false) => {
                disabled.push(Arc::<PatternRule>::from(p));
            }
            (Resolved::Own(Built::Other(r)), true) => others.push(Arc::from(r)),
            (Resolved::Own(Built::Other(r)), false) => disabled.push(Arc::from(r)),
        }
    }
    let own_on = vec![true; own_patterns.len()];
    let own = PatternSet::new(own_patterns).map_err(|message| {
        // The rules that make the set too large are the newsroom's own: name the last file that
        // defines some.
        let (file, span) = parsed
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, p)| {
                p.root
                    .get_ref()
                    .get("rule")
                    .map(|r| (i, Span::from(r.span())))
            })
            .unwrap_or((0, Span::default()));
        vec![
            ConfigError::at(span, message)
                .label("these rules")
                .in_file(file),
        ]
    })?;
    let ruleset = Ruleset::new(
        vec![
            (shared.patterns.clone(), builtin_on),
            (Arc::new(own), own_on),
        ],
        others,
        disabled,
        severities,
    );
    Ok(Config {
        ruleset,
        lexicon,
        date,
        warnings,
        files: Arc::clone(files),
        origins,
        settings,
        overrides,
        applied: applied.to_vec(),
        exclude,
        selection: selection.clone(),
    })
}

/// Where the settings' problems go.
struct Outcome<'e> {
    errors: &'e mut Vec<ConfigError>,
    warnings: &'e mut Vec<ConfigError>,
}

/// `"a", "b"`, for messages.
fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Applies one table of rule settings (`[rules]`, or an override's) written in file `file`:
/// `"off"`, a severity, or a table of a built-in rule's options. `tables` is the same table read
/// with spans, for the options.
fn apply_settings<'a>(
    rules: &mut [Entry<'a>],
    settings: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    tables: Option<&DeTable<'a>>,
    file: usize,
    what: &str,
    out: &mut Outcome<'_>,
) {
    for (key, value) in settings {
        let name = key.get_ref();
        let span = Span::from(value.span());
        let found = rules.iter().position(|e| e.meta().id == *name).or_else(|| {
            let i = rules
                .iter()
                .position(|e| e.meta().aliases.iter().any(|a| a == name))?;
            out.warnings.push(
                ConfigError::at(
                    Span::from(key.span()),
                    format!(
                        "`{name}` is a deprecated rule id: it is now `{}`",
                        rules[i].meta().id
                    ),
                )
                .label("deprecated")
                .note("the old id is accepted for one more release; rename it")
                .in_file(file),
            );
            Some(i)
        });
        let Some(i) = found else {
            let ids: Vec<&str> = rules.iter().map(|e| e.meta().id.as_str()).collect();
            out.errors.push(unknown(key, "rule", &ids).in_file(file));
            continue;
        };
        let origin = |detail: String| Origin {
            file: Some(file),
            span: Some(span),
            what: format!("{what}: {detail}"),
        };
        if let toml::Value::Table(t) = value.get_ref()
            && t.keys().any(|k| k != "severity")
        {
            let changes = tables.and_then(|o| o.get(name.as_str()));
            match (&rules[i].table, changes) {
                (Some(original), Some(changes)) => match override_builtin(original, changes) {
                    Ok((b, merged)) => {
                        rules[i].rule = Resolved::Own(b);
                        rules[i].severity = None;
                        rules[i].table = Some(merged);
                        rules[i].on = true;
                        let keys: Vec<&str> = t.keys().map(String::as_str).collect();
                        rules[i].origins.push(origin(keys.join(", ")));
                    }
                    Err(es) => out.errors.extend(es.into_iter().map(|e| e.in_file(file))),
                },
                _ => out.errors.push(
                    ConfigError::at(
                        span,
                        format!(
                            "only the options of built-in rules can be changed here; `{name}` is your own"
                        ),
                    )
                    .note("edit its [[rule]] table instead")
                    .in_file(file),
                ),
            }
            continue;
        }
        match setting(value) {
            Ok(None) => {
                rules[i].on = false;
                rules[i].origins.push(origin("off".into()));
            }
            Ok(Some(sev)) => {
                rules[i].on = true;
                rules[i].severity = Some(sev);
                rules[i].origins.push(origin(sev.name().into()));
            }
            Err(e) => out.errors.push(e.in_file(file)),
        }
    }
}

/// `--select` and `--ignore`. A name the configuration does not know changes nothing here; the
/// command line reports it.
fn apply_selection(rules: &mut [Entry<'_>], selection: &Selection) {
    let names = |e: &Entry<'_>, list: &[String]| -> Option<bool> {
        let meta = e.meta();
        let by_id = list
            .iter()
            .any(|n| *n == meta.id || meta.aliases.iter().any(|a| a == n));
        let by_pack = list.iter().any(|n| n == meta.pack());
        (by_id || by_pack).then_some(by_id)
    };
    for e in rules.iter_mut() {
        if !selection.select.is_empty() {
            match names(e, &selection.select) {
                Some(true) => {
                    if !e.on {
                        e.origins.push(cli("--select: on"));
                    }
                    e.on = true;
                }
                Some(false) => {}
                None => {
                    if e.on {
                        e.origins.push(cli("off: not named by --select"));
                    }
                    e.on = false;
                }
            }
        }
        if e.on && names(e, &selection.ignore).is_some() {
            e.on = false;
            e.origins.push(cli("--ignore: off"));
        }
    }
}

fn cli(what: &str) -> Origin {
    Origin {
        file: None,
        span: None,
        what: what.to_string(),
    }
}

/// A built-in rule recompiled with some of its keys replaced by a user's `[rules]` table
/// (`"attribution.unattributed-quote" = { window = 1 }`), and the merged table (for settings
/// that apply later). Every error is located in the user's table, the only text the user wrote.
fn override_builtin<'a>(
    original: &Spanned<DeValue<'a>>,
    changes: &Spanned<DeValue<'a>>,
) -> Result<(Built, Spanned<DeValue<'a>>), Vec<ConfigError>> {
    let mut merged: Spanned<DeValue<'a>> = original.clone();
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
    let built: Compiled = kinds::compile(merged.clone());
    built.map(|b| (b, merged))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, dir: &str, text: &str) -> ConfigFile {
        ConfigFile {
            name: name.to_string(),
            text: text.to_string(),
            path: Some(PathBuf::from(dir).join("copydesk.toml")),
        }
    }

    fn severity(config: &Config, id: &str) -> &'static str {
        match config.ruleset.enabled().find(|m| m.id == id) {
            Some(m) => m.severity.name(),
            None => "off",
        }
    }

    #[test]
    fn a_file_extends_another_setting_by_setting() {
        let parent = file(
            "../copydesk.toml",
            "/n",
            "date = \"2025-01-01\"\n[rules]\n\"style.usage\" = \"error\"\n\"style.redundancy\" = \"off\"\n\"numbers.style\" = { style = \"chicago\" }\n",
        );
        let child = file(
            "copydesk.toml",
            "/n/desk",
            "[rules]\n\"style.redundancy\" = \"info\"\n\"numbers.style\" = { severity = \"info\" }\n",
        );
        let config = Config::from_files(vec![parent, child], &Selection::default()).unwrap();
        assert_eq!(severity(&config, "style.usage"), "error");
        assert_eq!(severity(&config, "style.redundancy"), "info");
        assert_eq!(severity(&config, "numbers.style"), "info");
        assert_eq!(config.date, Some(jiff::civil::date(2025, 1, 1)));
        let origins = &config.origins["style.redundancy"];
        assert_eq!(origins.len(), 3, "{origins:?}");
        assert_eq!(origins[1].file, Some(0));
        assert_eq!(origins[2].file, Some(1));
        assert_eq!(origins[2].what, "[rules]: info");
    }

    #[test]
    fn errors_name_their_file() {
        let parent = file(
            "../copydesk.toml",
            "/n",
            "[rules]\n\"style.usge\" = \"off\"\n",
        );
        let child = file(
            "copydesk.toml",
            "/n/d",
            "[rules]\n\"style.usage\" = \"loud\"\n",
        );
        let errors = Config::from_files(vec![parent, child], &Selection::default()).unwrap_err();
        let files: Vec<usize> = errors.iter().map(|e| e.file).collect();
        assert_eq!(files, [0, 1], "{errors:?}");
    }

    #[test]
    fn overrides_apply_to_the_files_they_match() {
        let text = "[rules]\n\"style.usage\" = \"error\"\n\n[[override]]\nfiles = [\"opinion/**\"]\n[override.rules]\n\"style.usage\" = \"off\"\n\"numbers.style\" = { style = \"chicago\" }\n";
        let config = Config::from_files(
            vec![file("copydesk.toml", "/n", text)],
            &Selection::default(),
        )
        .unwrap();
        assert_eq!(
            config.overrides_for(Path::new("/n/news/a.md")),
            Vec::<usize>::new()
        );
        let which = config.overrides_for(Path::new("/n/opinion/a.md"));
        assert_eq!(which, [0]);
        let opinion = config.with_overrides(&which).unwrap();
        assert_eq!(severity(&config, "style.usage"), "error");
        assert_eq!(severity(&opinion, "style.usage"), "off");
        assert!(
            opinion.origins["style.usage"]
                .last()
                .unwrap()
                .what
                .starts_with("[[override]] files = [\"opinion/**\"]")
        );
    }

    #[test]
    fn an_invalid_override_fails_the_config() {
        let text =
            "[[override]]\nfiles = [\"opinion/**\"]\n[override.rules]\n\"style.usgae\" = \"off\"\n";
        let errors = Config::from_toml(text).unwrap_err();
        assert_eq!(errors[0].message, "unknown rule `style.usgae`");
        let empty = "[[override]]\nfiles = []\n";
        assert!(Config::from_toml(empty).is_err());
    }

    #[test]
    fn select_and_ignore() {
        let config = Config::from_files(
            vec![file(
                "copydesk.toml",
                "/n",
                "[rules]\n\"style.redundancy\" = \"off\"\n\"numbers.style\" = \"off\"\n",
            )],
            &Selection {
                select: vec!["style".into(), "numbers.style".into()],
                ignore: vec!["style.usage".into()],
            },
        )
        .unwrap();
        let on: Vec<String> = config.ruleset.enabled().map(|m| m.id.clone()).collect();
        let on: Vec<&str> = on.iter().map(String::as_str).collect();
        // A pack keeps what the config has on; a rule named by id runs even if the config turned
        // it off; --ignore wins over both.
        assert!(on.contains(&"numbers.style"), "{on:?}");
        assert!(!on.contains(&"style.redundancy"), "{on:?}");
        assert!(!on.contains(&"style.usage"), "{on:?}");
        assert!(!on.contains(&"boilerplate.placeholder"), "{on:?}");
        assert!(
            on.iter()
                .all(|id| id.starts_with("style.") || *id == "numbers.style")
        );
        assert!(config.knows("numbers") && config.knows("style.usage"));
        assert_eq!(
            config.closest_name("styel.usage").as_deref(),
            Some("style.usage")
        );
    }

    #[test]
    fn exclude_is_relative_to_its_file() {
        let parent = file("../copydesk.toml", "/n", "exclude = [\"README.md\"]\n");
        let child = file("copydesk.toml", "/n/desk", "exclude = [\"drafts/**\"]\n");
        let config = Config::from_files(vec![parent, child], &Selection::default()).unwrap();
        assert!(config.is_excluded(Path::new("/n/desk/README.md")));
        assert!(config.is_excluded(Path::new("/n/desk/drafts/a.md")));
        assert!(!config.is_excluded(Path::new("/n/drafts/a.md")));
        assert!(!config.is_excluded(Path::new("/n/desk/a.md")));
    }

    #[test]
    fn configs_share_the_compiled_built_in_rules() {
        let a = Config::from_toml("[rules]\n\"style.redundancy\" = \"error\"\n").unwrap();
        let b = Config::from_toml("packs = [\"style\", \"numbers\"]\n").unwrap();
        let c = Config::builtin();
        for id in [
            "style.redundancy",
            "style.usage",
            "numbers.percent-form",
            "boilerplate.placeholder",
        ] {
            assert!(a.ruleset.shares_rule(&c.ruleset, id), "{id}");
        }
        assert!(a.ruleset.shares_rule(&b.ruleset, "numbers.percent-form"));
        // Off in b, still the same rule.
        assert!(b.ruleset.shares_rule(&c.ruleset, "boilerplate.placeholder"));
        // A config's severity is its own, not the shared rule's.
        let severity = |c: &Config| {
            c.ruleset
                .enabled()
                .find(|m| m.id == "style.redundancy")
                .map(|m| m.severity)
        };
        assert_eq!(severity(&a), Some(Severity::Error));
        assert_eq!(severity(&c), Some(Severity::Info));
        // Changed options compile a copy for this config alone.
        let d = Config::from_toml("[rules]\n\"attribution.unattributed-quote\" = { window = 1 }\n")
            .unwrap();
        assert!(
            !d.ruleset
                .shares_rule(&c.ruleset, "attribution.unattributed-quote")
        );
        assert!(d.ruleset.shares_rule(&c.ruleset, "style.usage"));
    }
}
