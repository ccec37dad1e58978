//! `copydesk lexicon`: the word lists the analyses read, as the config resolves them.

use super::args::LexiconArgs;
use super::check::{ConfigFailure, config_for_cwd};
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::lexicon::{Entries, ListId};
use crate::rules::registry::closest;
use std::io::{self, Write};

pub(super) fn run(args: &LexiconArgs, out: &mut dyn Write) -> io::Result<u8> {
    let config = match config_for_cwd(&args.config) {
        Ok(c) => c,
        Err(ConfigFailure(rendered)) => {
            io::stderr().write_all(&rendered)?;
            return Ok(EXIT_ERROR);
        }
    };
    let lexicon = &config.lexicon;
    let Some(name) = &args.name else {
        // Every list: name, number of entries, what it is for.
        let width = ListId::ALL
            .iter()
            .map(|l| l.name().len())
            .max()
            .unwrap_or(0);
        for list in lexicon.lists() {
            let groups = match list.entries() {
                Entries::Groups(g) => format!(" ({} groups)", g.len()),
                Entries::Words(_) => String::new(),
            };
            writeln!(
                out,
                "{:width$}  {:>4}  {}{groups}",
                list.id().name(),
                list.entries().len(),
                list.about()
            )?;
        }
        return Ok(EXIT_CLEAN);
    };
    let Some(list) = lexicon.list(name) else {
        let mut err = io::stderr().lock();
        writeln!(err, "error: unknown lexicon list `{name}`")?;
        match closest(name, ListId::ALL.iter().map(|l| l.name())) {
            Some(c) => writeln!(err, "  = did you mean `{c}`?")?,
            None => writeln!(err, "  = `copydesk lexicon` lists every list")?,
        }
        return Ok(EXIT_ERROR);
    };
    // One entry a line; a grouped list's entries follow their group's name.
    match list.entries() {
        Entries::Words(words) => {
            for w in words {
                writeln!(out, "{w}")?;
            }
        }
        Entries::Groups(_) => {
            let groups = list.groups();
            let width = groups.iter().map(|(k, _)| k.chars().count()).max();
            let width = width.unwrap_or(0);
            for (group, words) in groups {
                for w in words {
                    writeln!(out, "{group:width$}  {w}")?;
                }
            }
        }
    }
    Ok(EXIT_CLEAN)
}
