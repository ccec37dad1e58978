//! The configuration of each open document: the nearest `copydesk.toml`, compiled once per file
//! and shared by every lint of every document under it (compiling the rules costs far more than
//! checking a story). A file is compiled again only when it changes: on a watched-file event, on a
//! save of the file in the editor, or when its modification time or size differ at a refresh. A
//! config that does not load is reported as diagnostics over its own text, and its documents are
//! checked with the built-in rules meanwhile.

use super::convert::{self, Encoding, LineMap, Placed};
use super::uri;
use crate::cli::walk::ConfigFinder;
use crate::config::{CONFIG_FILE_NAMES, Config};
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

struct Loaded {
    stamp: Stamp,
    /// The text compiled (None: the file could not be read).
    text: Option<String>,
    rules: Arc<Rules>,
    /// Its diagnostics, as last published.
    problems: Vec<lsp::Diagnostic>,
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

    fn load(&mut self, path: &Path) -> Arc<Rules> {
        if let Some(loaded) = self.loaded.get(path) {
            return loaded.rules.clone();
        }
        let stamp = stamp(path);
        let uri = uri::from_path(path);
        let text = std::fs::read_to_string(path);
        let (rules, problems) = match &text {
            Err(e) => {
                let problem = lsp::Diagnostic {
                    severity: Some(lsp::DiagnosticSeverity::Error),
                    source: Some("copydesk".to_string()),
                    message: lsp::Message::String(format!(
                        "cannot read this config ({e}); its documents are checked with the built-in rules"
                    )),
                    ..Default::default()
                };
                (self.builtin(), vec![problem])
            }
            Ok(text) => {
                let lines = LineMap::new(text);
                let at = Placed {
                    uri: &uri,
                    text,
                    lines: &lines,
                    encoding: self.encoding,
                };
                match Config::from_toml(text) {
                    Ok(config) => {
                        let warnings = config
                            .warnings
                            .iter()
                            .map(|w| convert::config_problem(w, Severity::Warning, &at))
                            .collect();
                        (Arc::new(Rules::new(config)), warnings)
                    }
                    Err(errors) => {
                        let errors = errors
                            .iter()
                            .map(|e| convert::config_problem(e, Severity::Error, &at))
                            .collect();
                        (self.builtin(), errors)
                    }
                }
            }
        };
        self.published.push((uri, problems.clone()));
        self.loaded.insert(
            path.to_path_buf(),
            Loaded {
                stamp,
                text: text.ok(),
                rules: rules.clone(),
                problems,
            },
        );
        rules
    }

    /// Forgets a config file, so that the next lookup reads it again, and forgets which file is
    /// nearest to each folder (a file may have appeared or gone). A file that is gone has its
    /// diagnostics cleared.
    pub fn forget(&mut self, path: &Path) {
        self.finder = ConfigFinder::default();
        if self.loaded.remove(path).is_some() && !path.exists() {
            self.published.push((uri::from_path(path), Vec::new()));
        }
    }

    /// Reads a config file again if its text changed, or forgets it when it is gone. Its
    /// diagnostics are published whether or not an open story uses it.
    pub fn reload(&mut self, path: &Path) {
        if let Some(loaded) = self.loaded.get(path)
            && loaded.text.is_some()
            && std::fs::read_to_string(path).ok() == loaded.text
        {
            // The same text: the same rules, so no story needs linting again.
            let problems = loaded.problems.clone();
            self.published.push((uri::from_path(path), problems));
            return;
        }
        self.forget(path);
        if path.is_file() {
            self.load(path);
        }
    }

    /// Forgets the config files that changed on disk since they were read, and which file is
    /// nearest to each folder. Costs a few `stat` calls.
    pub fn refresh(&mut self) {
        self.finder = ConfigFinder::default();
        let changed: Vec<PathBuf> = self
            .loaded
            .iter()
            .filter(|(path, loaded)| stamp(path) != loaded.stamp)
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
