//! Finding the stories to check, and the config that governs each.

use super::read;
use crate::batch::FileError;
use crate::config::CONFIG_FILE_NAMES;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Endings of files checked when walking a directory.
pub const STORY_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// Documents of other types a newsroom keeps beside its stories: skipped (and counted) when
/// walking a folder, an error when named on the command line. By ending, with what to call them.
const OTHER_DOCUMENTS: &[(&str, &str)] = &[
    ("html", "an HTML page"),
    ("htm", "an HTML page"),
    ("xhtml", "an HTML page"),
    ("mdx", "an MDX document (Markdown with JSX)"),
    ("rst", "a reStructuredText document"),
    ("adoc", "an AsciiDoc document"),
    ("asciidoc", "an AsciiDoc document"),
    ("org", "an Org document"),
    ("tex", "a LaTeX document"),
    ("textile", "a Textile document"),
    ("docx", "a Word document"),
    ("doc", "a Word document"),
    ("odt", "an OpenDocument text"),
    ("rtf", "a Rich Text document"),
    ("pdf", "a PDF"),
    ("pages", "a Pages document"),
    ("epub", "an EPUB book"),
];

/// What copydesk reads, for messages.
pub const WHAT_IS_READ: &str = "copydesk reads Markdown (.md, .markdown) and plain text (.txt)";

/// The lowercase ending of a path, if it has one.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|x| x.to_str())
        .map(str::to_ascii_lowercase)
}

/// Whether a path names a story by its ending.
fn is_story(path: &Path) -> bool {
    extension(path).is_some_and(|x| STORY_EXTENSIONS.contains(&x.as_str()))
}

/// What a file of another type is, when copydesk knows the type.
fn other_document(path: &Path) -> Option<&'static str> {
    let x = extension(path)?;
    OTHER_DOCUMENTS
        .iter()
        .find(|(ending, _)| *ending == x)
        .map(|(_, what)| *what)
}

/// The inputs the command-line paths name.
#[derive(Debug, Default)]
pub struct Collected {
    /// Stories (and stdin), sorted, each once.
    pub inputs: Vec<Input>,
    /// Paths that do not exist, files named that are not stories, folders that hold none:
    /// (path, why).
    pub errors: Vec<FileError>,
    /// Files of other document types found in folders and skipped, by ending.
    pub skipped: BTreeMap<String, usize>,
}

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

    /// The path as an absolute path (stdin: its `--stdin-filename`), for `exclude` and
    /// `[[override]]` globs.
    pub fn absolute(&self) -> PathBuf {
        let path = match self {
            Input::File(p) => p.clone(),
            Input::Stdin(name) => PathBuf::from(name),
        };
        lexically_normal(&std::path::absolute(&path).unwrap_or(path))
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

/// A path as people write it: relative as given, with `/` separators and no leading `./`; bytes
/// that are not UTF-8 and control characters escaped ([`read::escape`]).
pub fn display_path(p: &Path) -> String {
    read::shown_name(p).0
}

/// A path with `.` and `..` components resolved without asking the file system, so that
/// `desk/../copydesk.toml` is shown as `copydesk.toml`.
pub fn lexically_normal(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Expands the command-line paths into inputs (none: the current directory). A path that does not
/// exist, a file named that is a document of another type, and a folder named that holds no story
/// are errors; files of other document types found in folders are counted.
pub fn collect(paths: &[PathBuf], stdin_name: &str) -> Collected {
    let mut out = Collected::default();
    let named = !paths.is_empty();
    let default = [PathBuf::from(".")];
    let paths = if named { paths } else { &default[..] };
    for path in paths {
        if path.as_os_str() == "-" {
            out.inputs.push(Input::Stdin(stdin_name.to_string()));
            continue;
        }
        let meta = std::fs::metadata(path);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            let before = out.inputs.len();
            let skipped_before: usize = out.skipped.values().sum();
            walk_dir(path, &mut out.inputs, &mut out.errors, &mut out.skipped);
            if named && out.inputs.len() == before {
                let skipped = out.skipped.values().sum::<usize>() - skipped_before;
                let also = match skipped {
                    0 => String::new(),
                    1 => "; 1 document of another type skipped".to_string(),
                    n => format!("; {n} documents of other types skipped"),
                };
                out.errors.push(read::path_error(
                    path,
                    format!("holds no story ({WHAT_IS_READ}{also})"),
                ));
            }
        } else if meta.is_ok() {
            match (is_story(path), extension(path)) {
                // A file with no ending is read as plain text.
                (true, _) | (false, None) => out.inputs.push(Input::File(path.clone())),
                (false, Some(x)) => {
                    let what = other_document(path)
                        .map_or_else(|| format!("a .{x} file"), |w| format!("{w} (.{x})"));
                    out.errors.push(read::path_error(
                        path,
                        format!("is {what}, not a story: {WHAT_IS_READ}"),
                    ));
                }
            }
        } else {
            let why = meta.err().map_or_else(String::new, |e| read::describe(&e));
            out.errors.push(read::path_error(path, why));
        }
    }
    out.inputs.sort();
    out.inputs.dedup();
    read::dedupe_same_files(&mut out.inputs);
    out
}

fn walk_dir(
    dir: &Path,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<FileError>,
    skipped: &mut BTreeMap<String, usize>,
) {
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
                if !e.file_type().is_some_and(|t| t.is_file()) {
                    continue;
                }
                if is_story(e.path()) {
                    inputs.push(Input::File(e.into_path()));
                } else if other_document(e.path()).is_some()
                    && let Some(x) = extension(e.path())
                {
                    *skipped.entry(x).or_default() += 1;
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
