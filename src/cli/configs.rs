//! Reading configuration files: the one the flags or the search choose, and the files it
//! `extend`s, outermost first; their problems drawn over the file each is in. The language server
//! reads configs through [`read_chain`] too.

use super::args::ConfigArgs;
use super::walk::{ConfigFinder, Input, display_path, lexically_normal};
use super::{ColorChoice, stderr_is_terminal, use_color};
use crate::batch::FileError;
use crate::config::{Config, ConfigError, ConfigFile, Selection};
use crate::emit::{render_config_errors, render_config_warnings};
use crate::span::Span;
use serde::Deserialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A config that could not be loaded: its problems rendered for the terminal, and the same
/// problems as file errors, for the formats that list errors (`json`, `sarif` …).
#[derive(Debug)]
pub(crate) struct ConfigFailure {
    /// Drawn over the TOML, for stderr.
    pub rendered: Vec<u8>,
    /// One per problem: the file and `line L, column C: message`.
    pub errors: Vec<FileError>,
}

/// Loading configuration files.
pub(crate) struct Configs;

impl Configs {
    /// Loads a config file and the files it extends (None: the built-in rules), rendering its
    /// errors over their text; warnings go to stderr at once.
    pub(crate) fn load(path: Option<&Path>, color: bool) -> Result<Config, ConfigFailure> {
        Configs::load_with(path, &Selection::default(), color)
    }

    /// [`Configs::load`] with the command line's choice of rules.
    pub(crate) fn load_with(
        path: Option<&Path>,
        selection: &Selection,
        color: bool,
    ) -> Result<Config, ConfigFailure> {
        let Some(path) = path else {
            return Config::from_files(Vec::new(), selection)
                .map_err(|errors| failure(&[], &errors, color));
        };
        let files = read_chain(path).map_err(|(files, errors)| failure(&files, &errors, color))?;
        let config = Config::from_files(files.clone(), selection)
            .map_err(|errors| failure(&files, &errors, color))?;
        if !config.warnings.is_empty() {
            let _ = io::stderr().write_all(&render(&files, &config.warnings, color, true));
        }
        Ok(config)
    }

    /// The config file chosen by the flags for an input.
    pub(crate) fn choose(
        args: &ConfigArgs,
        finder: &mut ConfigFinder,
        input: &Input,
    ) -> Option<PathBuf> {
        if args.no_config {
            None
        } else if let Some(p) = &args.config {
            Some(p.clone())
        } else {
            finder.find(&input.config_dir())
        }
    }
}

/// The config for commands that check no story (`rules`, `explain`, `lexicon`): `--config`,
/// `--no-config`, or the one found from the current directory.
pub(crate) fn config_for_cwd(args: &ConfigArgs) -> Result<Config, ConfigFailure> {
    let mut finder = ConfigFinder::default();
    let path = Configs::choose(args, &mut finder, &Input::Stdin("story.md".into()));
    Configs::load(
        path.as_deref(),
        use_color(ColorChoice::Auto, stderr_is_terminal()),
    )
}

/// The part of a config file read before the rest: the file it extends.
#[derive(Deserialize)]
struct Extends {
    extend: Option<Spanned<String>>,
}

/// Reads `path` and every file it extends (`extend = "../copydesk.toml"`, relative to the file
/// that says it), outermost first. On failure, the files read so far (outermost first) and the
/// errors, each in the file whose `extend` failed; a file that cannot be read at all is an error
/// with no file.
pub(crate) fn read_chain(
    path: &Path,
) -> Result<Vec<ConfigFile>, (Vec<ConfigFile>, Vec<ConfigError>)> {
    let mut files: Vec<ConfigFile> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut next = path.to_path_buf();
    let mut from: Option<Span> = None;
    // Innermost first while reading; reversed at the end.
    let error = |files: Vec<ConfigFile>, e: ConfigError| {
        let n = files.len();
        let mut files = files;
        files.reverse();
        // The error is in the last file read, which is first once reversed.
        let e = if n > 0 { e.in_file(0) } else { e };
        Err((files, vec![e]))
    };
    loop {
        let name = display_path(&next);
        let text = match std::fs::read_to_string(&next) {
            Ok(t) => t,
            Err(e) => {
                let message = format!("cannot read config {name}: {e}");
                let err = match from {
                    Some(span) => ConfigError::at(span, message).label("this file"),
                    None => ConfigError::at(None, message),
                };
                return error(files, err);
            }
        };
        let absolute =
            lexically_normal(&std::path::absolute(&next).unwrap_or_else(|_| next.clone()));
        let canonical = std::fs::canonicalize(&next).unwrap_or_else(|_| absolute.clone());
        if seen.contains(&canonical) {
            let mut chain: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
            chain.push(name);
            let err = ConfigError::at(from, "`extend` goes round in a circle")
                .label("extended again here")
                .note(chain.join(" → "));
            return error(files, err);
        }
        seen.push(canonical);
        let dir = absolute
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        // A file that does not parse is reported whole by the resolver; its `extend` is not read.
        let extend = toml::from_str::<Extends>(&text).ok().and_then(|e| e.extend);
        files.push(ConfigFile {
            name,
            text,
            path: Some(absolute),
        });
        let Some(parent) = extend else { break };
        from = Some(Span::from(parent.span()));
        next = lexically_normal(&dir.join(parent.get_ref()));
    }
    files.reverse();
    Ok(files)
}

/// Renders every error over the file it is in, and lists them as file errors.
pub(crate) fn failure_of(
    files: &[ConfigFile],
    errors: &[ConfigError],
    color: bool,
) -> ConfigFailure {
    failure(files, errors, color)
}

fn failure(files: &[ConfigFile], errors: &[ConfigError], color: bool) -> ConfigFailure {
    ConfigFailure {
        rendered: render(files, errors, color, false),
        errors: errors
            .iter()
            .map(|e| match files.get(e.file) {
                Some(f) => FileError {
                    path: f.name.clone(),
                    message: located(&f.text, e),
                    path_bytes: None,
                },
                None => FileError {
                    path: String::new(),
                    message: e.message.clone(),
                    path_bytes: None,
                },
            })
            .collect(),
    }
}

/// Problems drawn over their files, in the order given; one with no file as a line of text.
fn render(files: &[ConfigFile], problems: &[ConfigError], color: bool, warnings: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for e in problems {
        match files.get(e.file) {
            Some(f) => {
                let one = std::slice::from_ref(e);
                let bytes = if warnings {
                    render_config_warnings(&f.name, &f.text, one, color)
                } else {
                    render_config_errors(&f.name, &f.text, one, color)
                };
                out.extend(bytes);
            }
            None => {
                let kind = if warnings { "warning" } else { "error" };
                out.extend(format!("{kind}: {}\n", e.message).into_bytes());
            }
        }
    }
    out
}

/// `line 2, column 1: unknown rule `x` (did you mean `y`?)`: an error as one line of text.
fn located(text: &str, e: &ConfigError) -> String {
    let mut message = match e.span {
        Some(span) => {
            let source = crate::source::Source::new("", text);
            let at = source.position(
                span.start.min(text.len()),
                crate::source::ColumnUnit::CodePoint,
            );
            format!("line {}, column {}: {}", at.line, at.column, e.message)
        }
        None => e.message.clone(),
    };
    if !e.notes.is_empty() {
        message.push_str(&format!(" ({})", e.notes.join("; ")));
    }
    message
}
