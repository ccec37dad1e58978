//! `copydesk init`: a commented starter `copydesk.toml`. It never replaces a config; when a config
//! in a folder above would apply to these stories, the starter extends it, since a nearer file
//! otherwise stands alone.

use super::args::InitArgs;
use super::walk::{ConfigFinder, display_path};
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::config::CONFIG_FILE_NAMES;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// The starter: every setting a newsroom usually reaches for first, commented out but for
/// `exclude`. `{extend}` is replaced by the `extend` line (active when a config above was found).
pub const STARTER: &str = r#"# copydesk.toml: how copydesk checks the stories in this folder and the folders below it.
# With no settings at all, every built-in rule runs with its default severity.
#   copydesk rules                 every rule, its severity and what it checks
#   copydesk explain RULE          why a rule exists, with examples
#   copydesk config STORY          what applies to a story, and which file set it
#
# The nearest copydesk.toml applies to a story, and alone: a copydesk.toml in a subfolder replaces
# this one unless it extends it (`extend = "../copydesk.toml"`).
{extend}
# The date relative dates ("yesterday") are read from, for stories with no date or dateline.
# date = "2025-06-04"

# Use only some built-in packs (default: all of them).
# packs = ["boilerplate", "attribution", "numbers", "dates", "style"]

# Files that are not stories: globs relative to this file, as in .gitignore ("docs/**").
exclude = ["README.md", "CHANGELOG.md", "CONTRIBUTING.md", "LICENSE.md"]

# Turn a rule off, change its severity (error, warning, info) or a built-in rule's options.
[rules]
# "style.redundancy" = "off"
# "boilerplate.promo" = "error"
# "numbers.style" = { style = "chicago" }           # ap (default) | chicago | off
# "attribution.unattributed-quote" = { window = 1 }  # the speaker within one sentence

# Settings for some files only, on top of [rules]: globs relative to this file.
# [[override]]
# files = ["opinion/**"]
# [override.rules]
# "attribution.weasel" = "off"

# Extend or replace the word lists the analyses read (`copydesk lexicon` lists them).
# [lexicon]
# speech_verbs = { add = ["quipped"] }

# The newsroom's own rules (README, "Configuration").
# [[rule]]
# id = "house.click-here"
# kind = "pattern"
# phrases = ["click here"]
# message = "'{match}' means nothing out of context; name the destination"
# why = "Link text should say where it goes."
"#;

/// The starter for a folder: extending `above` (a path relative to the folder) when given.
pub fn starter(above: Option<&str>) -> String {
    let extend = match above {
        Some(path) => format!(
            "\n# Build on the config of the folders above (found by copydesk init); this file's\n\
             # settings apply on top of it.\nextend = \"{path}\"\n"
        ),
        None => "\n# Build on another config file; this file's settings apply on top of it.\n\
                 # extend = \"../copydesk.toml\"\n"
            .to_string(),
    };
    STARTER.replace("{extend}", &extend)
}

pub(super) fn run(args: &InitArgs, out: &mut dyn Write) -> io::Result<u8> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let mut err = io::stderr().lock();
    if !dir.is_dir() {
        writeln!(err, "error: {} is not a folder", display_path(&dir))?;
        return Ok(EXIT_ERROR);
    }
    if let Some(existing) = CONFIG_FILE_NAMES
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.exists())
    {
        writeln!(
            err,
            "error: {} already exists; copydesk init never replaces a config",
            display_path(&existing)
        )?;
        writeln!(err, "  = `copydesk config` shows what it sets")?;
        return Ok(EXIT_ERROR);
    }
    let absolute = std::path::absolute(&dir).unwrap_or_else(|_| dir.clone());
    let above = absolute
        .parent()
        .and_then(|parent| ConfigFinder::default().find(parent))
        .map(|found| relative(&absolute, &found));
    let path = dir.join(CONFIG_FILE_NAMES[0]);
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(starter(above.as_deref()).as_bytes()));
    if let Err(e) = written {
        writeln!(err, "error: cannot write {}: {e}", display_path(&path))?;
        return Ok(EXIT_ERROR);
    }
    writeln!(out, "wrote {}: a commented starter", display_path(&path))?;
    if let Some(above) = above {
        writeln!(
            out,
            "it extends {above}, the config that applied here until now"
        )?;
    }
    writeln!(out, "`copydesk config` shows what applies to your stories")?;
    Ok(EXIT_CLEAN)
}

/// `target` written relative to the folder `from` (both absolute), with `/` separators.
fn relative(from: &Path, target: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn the_starter_is_a_valid_config_with_or_without_extend() {
        let plain = starter(None);
        Config::from_toml(&plain).unwrap();
        assert!(plain.contains("# extend = \"../copydesk.toml\""));
        let extending = starter(Some("../../copydesk.toml"));
        assert!(extending.contains("\nextend = \"../../copydesk.toml\"\n"));
        // `extend` is read by whoever reads the files; the rest resolves alone.
        Config::from_toml(&extending).unwrap();
    }

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative(Path::new("/n/desk/a"), Path::new("/n/copydesk.toml")),
            "../../copydesk.toml"
        );
        assert_eq!(
            relative(Path::new("/n"), Path::new("/n/copydesk.toml")),
            "copydesk.toml"
        );
    }
}
