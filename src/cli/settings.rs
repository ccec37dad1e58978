//! `copydesk config [PATH]`: the configuration that applies to a story, resolved: the files read
//! (a config and those it extends), the `[[override]]` tables that match the story, the top-level
//! settings, and every rule with its severity and each setting that made it so, with the file and
//! line that wrote it.

use super::args::ShowConfigArgs;
use super::check::{ConfigFailure, Configs};
use super::walk::{ConfigFinder, Input};
use super::{EXIT_CLEAN, EXIT_ERROR, stderr_is_terminal, use_color};
use crate::config::{Config, Origin};
use crate::source::{ColumnUnit, Source};
use std::io::{self, Write};
use std::path::PathBuf;

pub(super) fn run(args: &ShowConfigArgs, out: &mut dyn Write) -> io::Result<u8> {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let folder = path.is_dir();
    // A folder stands for the stories directly in it.
    let story = if folder {
        path.join("story.md")
    } else {
        path.clone()
    };
    let input = Input::File(story.clone());
    let mut finder = ConfigFinder::default();
    let config_path = Configs::choose(&args.config, &mut finder, &input);
    let err_color = use_color(super::ColorChoice::Auto, stderr_is_terminal());
    let base = match Configs::load(config_path.as_deref(), err_color) {
        Ok(c) => c,
        Err(ConfigFailure { rendered, .. }) => {
            io::stderr().write_all(&rendered)?;
            return Ok(EXIT_ERROR);
        }
    };
    let absolute = input.absolute();
    let which = if folder {
        Vec::new()
    } else {
        base.overrides_for(&absolute)
    };
    let config = if which.is_empty() {
        base
    } else {
        match base.with_overrides(&which) {
            Ok(c) => c,
            Err(errors) => {
                let failure = super::configs::failure_of(&base.files, &errors, err_color);
                io::stderr().write_all(&failure.rendered)?;
                return Ok(EXIT_ERROR);
            }
        }
    };
    let shown = super::walk::display_path(&path);
    if folder {
        writeln!(out, "configuration for the stories in {shown}")?;
    } else {
        writeln!(out, "configuration for {shown}")?;
    }
    write_files(&config, out)?;
    if !folder && config.is_excluded(&absolute) {
        writeln!(
            out,
            "excluded: `exclude` says {shown} is not a story; copydesk does not check it"
        )?;
    }
    write_overrides(&config, folder, out)?;
    write_settings(&config, out)?;
    write_rules(&config, out)?;
    Ok(EXIT_CLEAN)
}

fn write_files(config: &Config, out: &mut dyn Write) -> io::Result<()> {
    match config.files.len() {
        0 => writeln!(out, "files: none; the built-in rules"),
        1 => writeln!(out, "files: {}", config.files[0].name),
        _ => {
            writeln!(out, "files, each applied on top of the one before:")?;
            for (i, f) in config.files.iter().enumerate() {
                writeln!(out, "  {}. {}", i + 1, f.name)?;
            }
            Ok(())
        }
    }
}

fn write_overrides(config: &Config, folder: bool, out: &mut dyn Write) -> io::Result<()> {
    if config.overrides.is_empty() {
        return Ok(());
    }
    let heading = if folder {
        "overrides (each applies to the stories it matches)"
    } else {
        "overrides (applied: those marked *)"
    };
    writeln!(out, "{heading}:")?;
    for (i, o) in config.overrides.iter().enumerate() {
        let mark = if config.applied.contains(&i) {
            "*"
        } else {
            " "
        };
        let place = place(config, Some(o.globs.file), Some(o.span));
        let globs: Vec<String> = o
            .globs
            .patterns
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect();
        writeln!(out, "  {mark} {place} files = [{}]", globs.join(", "))?;
    }
    Ok(())
}

fn write_settings(config: &Config, out: &mut dyn Write) -> io::Result<()> {
    if config.settings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let width = config
        .settings
        .iter()
        .map(|(_, v, _)| v.chars().count())
        .max()
        .unwrap_or(0)
        .min(40);
    for (key, value, origin) in &config.settings {
        writeln!(
            out,
            "{key:8} {value:width$}  {}",
            place(config, origin.file, origin.span)
        )?;
    }
    Ok(())
}

fn write_rules(config: &Config, out: &mut dyn Write) -> io::Result<()> {
    let mut rules: Vec<(String, &'static str)> = config
        .ruleset
        .enabled()
        .map(|m| (m.id.clone(), m.severity.name()))
        .chain(config.ruleset.disabled().map(|m| (m.id.clone(), "off")))
        .collect();
    rules.sort();
    let on = rules.iter().filter(|(_, s)| *s != "off").count();
    writeln!(out)?;
    writeln!(out, "rules: {on} on, {} off", rules.len() - on)?;
    let width = rules.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
    for (id, severity) in rules {
        let origins = config.origins.get(&id).map(Vec::as_slice).unwrap_or(&[]);
        let set_by: Vec<String> = origins.iter().map(|o| describe(config, o)).collect();
        writeln!(out, "{id:width$}  {severity:7}  {}", set_by.join("; "))?;
    }
    Ok(())
}

/// `copydesk.toml:4 [rules]: off`, or `built-in (rules/style.toml)`.
fn describe(config: &Config, origin: &Origin) -> String {
    match origin.file {
        Some(_) => format!(
            "{} {}",
            place(config, origin.file, origin.span),
            origin.what
        ),
        None => origin.what.clone(),
    }
}

/// `FILE:LINE` of a span in a file of the configuration.
fn place(config: &Config, file: Option<usize>, span: Option<crate::span::Span>) -> String {
    let Some(f) = file.and_then(|i| config.files.get(i)) else {
        return "built-in".to_string();
    };
    match span {
        Some(span) => {
            let source = Source::new(f.name.clone(), f.text.clone());
            let at = source.position(span.start, ColumnUnit::CodePoint);
            format!("{}:{}", f.name, at.line)
        }
        None => f.name.clone(),
    }
}
