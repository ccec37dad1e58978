//! The configuration of each open document: the nearest `copydesk.toml`, compiled once per file
//! and shared by every lint of every document under it (compiling the rules costs far more than
//! checking a story). A file is compiled again only when it changes: on a watched-file event, on a
//! save of the file in the editor, or when its modification time or size differ at a refresh. A
//! config that does not load is reported as diagnostics over its own text, and its documents are
//! checked with the built-in rules meanwhile.

use super::convert::{self, Encoding, LineMap, Placed};
use super::uri;
use crate::cli::configs::read_chain;
use crate::cli::walk::ConfigFinder;
use crate::config::{CONFIG_FILE_NAMES, Config, ConfigError, ConfigFile, Selection};
use crate::diagnostic::Severity;
use gen_lsp_types as lsp;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// A compiled configuration and what the protocol needs from it.
#[derive(Debug)]
pub struct Rules {
    /// The configuration, shared with the batch checker.
    pub config: Arc<Config>,
    /// Each enabled rule's link, for `codeDescription`.
    pub links: HashMap<String, String>,
}

impl Rules {
    fn new(config: Config) -> Rules {
        let links = config
            .ruleset
            .enabled()
            .filter_map(|m| Some((m.id.clone(), m.link.clone()?)))
            .collect();
        Rules {
            config: Arc::new(config),
            links,
        }
    }
}

/// When and how large a file was when it was read, to notice that it changed.
type Stamp = Option<(SystemTime, u64)>;

fn stamp(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// A config file and the files it extends, compiled.
struct Loaded {
    /// Every file of the chain, outermost first (the file itself last), with its stamp and the
    /// text compiled (None: it could not be read).
    files: Vec<(PathBuf, Stamp, Option<String>)>,
    rules: Arc<Rules>,
    /// The rules with some `[[override]]` tables applied, by which.
    variants: HashMap<Vec<usize>, Arc<Rules>>,
    /// Its diagnostics, by file URI, as last published.
    problems: Vec<(String, Vec<lsp::Diagnostic>)>,
}

impl Loaded {
    fn uses(&self, path: &Path) -> bool {
        self.files.iter().any(|(p, _, _)| p == path)
    }
}

/// The configurations in use, by file.
pub struct Configs {
    finder: ConfigFinder,
    loaded: HashMap<PathBuf, Loaded>,
    builtin: Arc<Rules>,
    /// Diagnostics to publish over config files, by URI, gathered as files are (re)loaded.
    published: Vec<(String, Vec<lsp::Diagnostic>)>,
    /// The negotiated position unit, for those diagnostics.
    pub encoding: Encoding,
}

impl Configs {
    /// No config loaded yet; the built-in rules compiled.
    pub fn new() -> Configs {
        Configs {
            finder: ConfigFinder::default(),
            loaded: HashMap::new(),
            builtin: Arc::new(Rules::new(Config::builtin())),
            published: Vec::new(),
            encoding: Encoding::Utf16,
        }
    }

    /// The built-in rules, for documents with no config.
    pub fn builtin(&self) -> Arc<Rules> {
        self.builtin.clone()
    }

    /// Whether a path names a config file.
    pub fn is_config_file(path: &Path) -> bool {
        path.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| CONFIG_FILE_NAMES.contains(&n))
    }

    /// The rules for files in `dir`: those of the nearest config file, loading it if need be.
    pub fn for_dir(&mut self, dir: &Path) -> Arc<Rules> {
        match self.finder.find(dir) {
            Some(path) => self.load(&path),
            None => self.builtin(),
        }
    }

    /// The rules for the story at `path`: those of the nearest config file, with the
    /// `[[override]]` tables that match the story applied.
    pub fn for_path(&mut self, path: &Path) -> Arc<Rules> {
        let Some(dir) = path.parent() else {
            return self.builtin();
        };
        let Some(config_path) = self.finder.find(dir) else {
            return self.builtin();
        };
        let base = self.load(&config_path);
        let which = base.config.overrides_for(path);
        if which.is_empty() {
            return base;
        }
        let Some(loaded) = self.loaded.get_mut(&config_path) else {
            return base;
        };
        if let Some(rules) = loaded.variants.get(&which) {
            return rules.clone();
        }
        // Each override was validated when the file was loaded; a combination that fails keeps
        // the file's own rules.
        let rules = match base.config.with_overrides(&which) {
            Ok(config) => Arc::new(Rules::new(config)),
            Err(_) => base,
        };
        loaded.variants.insert(which, rules.clone());
        rules
    }

    fn load(&mut self, path: &Path) -> Arc<Rules> {
        if let Some(loaded) = self.loaded.get(path) {
            return loaded.rules.clone();
        }
        let (files, result) = match read_chain(path) {
            Ok(files) => {
                let result = Config::from_files(files.clone(), &Selection::default());
                (files, result)
            }
            Err((files, errors)) => (files, Err(errors)),
        };
        let (rules, problems) = match result {
            Ok(config) => {
                let problems = self.problems(path, &files, &config.warnings, Severity::Warning);
                (Arc::new(Rules::new(config)), problems)
            }
            Err(errors) => (
                self.builtin(),
                self.problems(path, &files, &errors, Severity::Error),
            ),
        };
        self.published.extend(problems.iter().cloned());
        let mut chain: Vec<(PathBuf, Stamp, Option<String>)> = files
            .into_iter()
            .filter_map(|f| {
                let p = f.path?;
                Some((p.clone(), stamp(&p), Some(f.text)))
            })
            .collect();
        if !chain.iter().any(|(p, _, _)| p == path) {
            // The file itself could not be read.
            chain.push((path.to_path_buf(), stamp(path), None));
        }
        self.loaded.insert(
            path.to_path_buf(),
            Loaded {
                files: chain,
                rules: rules.clone(),
                variants: HashMap::new(),
                problems,
            },
        );
        rules
    }

    /// The diagnostics of a config and the files it extends, one list per file (empty lists
    /// clear what an earlier load showed); a problem with no file (the config itself cannot be
    /// read) is shown on the config.
    fn problems(
        &self,
        path: &Path,
        files: &[ConfigFile],
        problems: &[ConfigError],
        severity: Severity,
    ) -> Vec<(String, Vec<lsp::Diagnostic>)> {
        let mut out: Vec<(String, Vec<lsp::Diagnostic>)> = Vec::new();
        for (i, f) in files.iter().enumerate() {
            let Some(file_path) = &f.path else { continue };
            let uri = uri::from_path(file_path);
            let lines = LineMap::new(&f.text);
            let at = Placed {
                uri: &uri,
                text: &f.text,
                lines: &lines,
                encoding: self.encoding,
            };
            let shown = problems
                .iter()
                .filter(|e| e.file == i)
                .map(|e| convert::config_problem(e, severity, &at))
                .collect();
            out.push((uri.clone(), shown));
        }
        if files.is_empty() {
            let shown = problems
                .iter()
                .map(|e| lsp::Diagnostic {
                    severity: Some(lsp::DiagnosticSeverity::Error),
                    source: Some("copydesk".to_string()),
                    message: lsp::Message::String(format!(
                        "{}; its documents are checked with the built-in rules",
                        e.message
                    )),
                    ..Default::default()
                })
                .collect();
            out.push((uri::from_path(path), shown));
        }
        out
    }

    /// Forgets a config file (and every config that extends it), so that the next lookup reads
    /// it again, and forgets which file is nearest to each folder (a file may have appeared or
    /// gone). A file that is gone has its diagnostics cleared.
    pub fn forget(&mut self, path: &Path) {
        self.finder = ConfigFinder::default();
        let users: Vec<PathBuf> = self
            .loaded
            .iter()
            .filter(|(_, l)| l.uses(path))
            .map(|(p, _)| p.clone())
            .collect();
        let mut removed = false;
        for p in users {
            removed |= self.loaded.remove(&p).is_some();
        }
        if removed && !path.exists() {
            self.published.push((uri::from_path(path), Vec::new()));
        }
    }

    /// Reads a config file again if its text (or that of a file it extends) changed, or forgets
    /// it when it is gone. Its diagnostics are published whether or not an open story uses it.
    pub fn reload(&mut self, path: &Path) {
        if let Some(loaded) = self.loaded.get(path)
            && loaded
                .files
                .iter()
                .all(|(p, _, text)| text.is_some() && std::fs::read_to_string(p).ok() == *text)
        {
            // The same text: the same rules, so no story needs linting again.
            let problems = loaded.problems.clone();
            self.published.extend(problems);
            return;
        }
        let users: Vec<PathBuf> = self
            .loaded
            .iter()
            .filter(|(_, l)| l.uses(path))
            .map(|(p, _)| p.clone())
            .collect();
        self.forget(path);
        for p in users {
            if p != path && p.is_file() {
                self.load(&p);
            }
        }
        if path.is_file() {
            self.load(path);
        }
    }

    /// Forgets the config files that changed on disk since they were read (or whose extended
    /// files did), and which file is nearest to each folder. Costs a few `stat` calls.
    pub fn refresh(&mut self) {
        self.finder = ConfigFinder::default();
        let changed: Vec<PathBuf> = self
            .loaded
            .iter()
            .filter(|(_, loaded)| loaded.files.iter().any(|(p, s, _)| stamp(p) != *s))
            .map(|(path, _)| path.clone())
            .collect();
        for path in changed {
            self.forget(&path);
        }
    }

    /// The config diagnostics gathered since the last call, by URI.
    pub fn take_published(&mut self) -> Vec<(String, Vec<lsp::Diagnostic>)> {
        std::mem::take(&mut self.published)
    }
}

impl Default for Configs {
    fn default() -> Self {
        Configs::new()
    }
}
