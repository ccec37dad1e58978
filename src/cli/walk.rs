//! Finding the stories to check, and the config that governs each.

use super::read;
use crate::batch::FileError;
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

/// A path as people write it: relative as given, with `/` separators and no leading `./`; bytes
/// that are not UTF-8 and control characters escaped ([`read::escape`]).
pub fn display_path(p: &Path) -> String {
    read::shown_name(p).0
}

/// Expands the command-line paths into inputs; a path that cannot be looked at is an error that
/// says why. A file named several ways is one input.
pub fn collect(paths: &[PathBuf], stdin_name: &str) -> (Vec<Input>, Vec<FileError>) {
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
            continue;
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk_dir(path, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(e) => errors.push(read::path_error(path, read::describe(&e))),
        }
    }
    inputs.sort();
    inputs.dedup();
    read::dedupe_same_files(&mut inputs);
    (inputs, errors)
}

fn walk_dir(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<FileError>) {
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
            Err(e) => errors.push(read::walk_error(dir, &e)),
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
