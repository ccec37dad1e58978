//! Finding the stories to check, and the config that governs each.

use crate::config::CONFIG_FILE_NAMES;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Endings of files checked when walking a directory.
pub const STORY_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input, reported under this name.
    Stdin(String),
}

impl Input {
    /// The name shown in reports.
    pub fn display(&self) -> String {
        match self {
            Input::File(p) => display_path(p),
            Input::Stdin(name) => name.clone(),
        }
    }

    /// The directory config lookup starts from.
    pub fn config_dir(&self) -> PathBuf {
        let path = match self {
            Input::File(p) => p.as_path(),
            Input::Stdin(name) => Path::new(name.as_str()),
        };
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        let dir = parent.map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        std::path::absolute(&dir).unwrap_or(dir)
    }
}

/// A path as people write it: relative as given, with `/` separators and no leading `./`.
pub fn display_path(p: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| p.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let p = relative.as_deref().unwrap_or(p);
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Expands the command-line paths into inputs; a path that does not exist is an error.
pub fn collect(paths: &[PathBuf], stdin_name: &str) -> (Vec<Input>, Vec<(String, String)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let default = [PathBuf::from(".")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin(stdin_name.to_string()));
        } else if path.is_dir() {
            walk_dir(path, &mut inputs, &mut errors);
        } else if path.exists() {
            inputs.push(Input::File(path.clone()));
        } else {
            errors.push((display_path(path), "no such file or directory".to_string()));
        }
    }
    inputs.sort();
    inputs.dedup();
    (inputs, errors)
}

fn walk_dir(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<(String, String)>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .require_git(false)
        .follow_links(false)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let is_story = e.file_type().is_some_and(|t| t.is_file())
                    && e.path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| {
                            STORY_EXTENSIONS.contains(&x.to_ascii_lowercase().as_str())
                        });
                if is_story {
                    inputs.push(Input::File(e.into_path()));
                }
            }
            Err(e) => errors.push((display_path(dir), e.to_string())),
        }
    }
}

/// Finds the nearest config file for directories, walking up; results are cached per directory.
#[derive(Debug, Default)]
pub struct ConfigFinder {
    cache: HashMap<PathBuf, Option<PathBuf>>,
}

impl ConfigFinder {
    /// The config governing files in `dir`, if any.
    pub fn find(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.cache.get(dir) {
            return hit.clone();
        }
        let found = CONFIG_FILE_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
            .or_else(|| dir.parent().and_then(|parent| self.find(parent)));
        self.cache.insert(dir.to_path_buf(), found.clone());
        found
    }
}
