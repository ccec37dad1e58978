//! A newsroom's changes to the lexicon, from the `[lexicon]` table of its `copydesk.toml`:
//! `NAME = { add = [...] }` extends a list, `NAME = { replace = [...] }` replaces it; a grouped
//! list takes a table of lists (`event_cues = { add = { burned = ["burned"] } }`).

use super::{BUILTIN_SOURCES, Entries, Lexicon, ListId, Shape, check_shape, normalise};
use crate::config::ConfigError;
use crate::rules::compile::unknown;
use crate::rules::registry::closest;
use crate::span::Span;
use std::collections::BTreeMap;
use toml::Spanned;
use toml::de::DeValue;

/// The keys a list's change takes.
const KEYS: &[&str] = &["add", "replace"];

impl Lexicon {
    /// The built-in lexicon with a config's `[lexicon]` table applied. Every error (an unknown
    /// list, a key other than `add` or `replace`, an entry of the wrong shape) is located in the
    /// table.
    pub fn with_changes(table: &Spanned<DeValue<'_>>) -> Result<Lexicon, Vec<ConfigError>> {
        let DeValue::Table(t) = table.get_ref() else {
            return Err(vec![
                ConfigError::at(Span::from(table.span()), "`lexicon` must be a table")
                    .note("e.g. [lexicon] speech_verbs = { add = [\"quipped\"] }"),
            ]);
        };
        let mut sources = BUILTIN_SOURCES.clone();
        let mut changed = Vec::new();
        let mut errors = Vec::new();
        for (key, value) in t.iter() {
            let name: &str = key.get_ref();
            let Some(id) = ListId::from_name(name) else {
                let names: Vec<&str> = ListId::ALL.iter().map(|l| l.name()).collect();
                errors.push(unknown(
                    &Spanned::new(key.span(), name.to_string()),
                    "lexicon list",
                    &names,
                ));
                continue;
            };
            match change(id, &sources[id as usize].entries, value) {
                Ok(entries) => {
                    sources[id as usize].entries = entries;
                    changed.push(id);
                }
                Err(mut e) => errors.append(&mut e),
            }
        }
        if !errors.is_empty() {
            // In the order they are written (lists are read in name order).
            errors.sort_by_key(|e| e.span.map(|s| s.start));
            return Err(errors);
        }
        Lexicon::compile(sources, &changed)
            .map_err(|e| vec![ConfigError::at(Span::from(table.span()), e)])
    }
}

/// The entries of list `id` once `value` (`{ add = … }` or `{ replace = … }`) is applied.
fn change(
    id: ListId,
    current: &Entries,
    value: &Spanned<DeValue<'_>>,
) -> Result<Entries, Vec<ConfigError>> {
    let name = id.name();
    let span = Span::from(value.span());
    let DeValue::Table(t) = value.get_ref() else {
        return Err(vec![
            ConfigError::at(span, format!("`{name}` must be a table"))
                .label("not { add = … } or { replace = … }")
                .note(format!("{name} = {{ add = {} }}", example(id))),
        ]);
    };
    let mut errors = Vec::new();
    let mut add = None;
    let mut replace = None;
    for (key, v) in t.iter() {
        match key.get_ref().as_ref() {
            "add" => add = Some(v),
            "replace" => replace = Some(v),
            other => {
                let mut e = ConfigError::at(
                    Span::from(key.span()),
                    format!("unknown key `{other}` for lexicon list `{name}`"),
                )
                .label("not `add` or `replace`");
                if let Some(c) = closest(other, KEYS.iter().copied()) {
                    e = e.note(format!("did you mean `{c}`?"));
                }
                errors.push(e.note("a list takes `add` (extend it) or `replace` (replace it)"));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (given, adding) = match (add, replace) {
        (Some(a), None) => (a, true),
        (None, Some(r)) => (r, false),
        (Some(_), Some(_)) => {
            return Err(vec![
                ConfigError::at(span, format!("`{name}`: `add` and `replace` together"))
                    .label("give one of them"),
            ]);
        }
        (None, None) => {
            return Err(vec![
                ConfigError::at(span, format!("`{name}`: nothing to change"))
                    .label("give `add` or `replace`"),
            ]);
        }
    };
    let mut entries = read(id, given)?;
    if adding {
        entries = match (current.clone(), entries) {
            (Entries::Words(_), Entries::Words(_)) if matches!(id.shape(), Shape::Ordered(_)) => {
                return Err(vec![
                    ConfigError::at(
                        Span::from(given.span()),
                        format!(
                            "`{name}` is ordered (the position is the value): it cannot be extended"
                        ),
                    )
                    .label("use `replace`"),
                ]);
            }
            (Entries::Words(mut words), Entries::Words(more)) => {
                for w in more {
                    if !words.contains(&w) {
                        words.push(w);
                    }
                }
                Entries::Words(words)
            }
            (Entries::Groups(mut groups), Entries::Groups(more)) => {
                for (k, ws) in more {
                    let group = groups.entry(k).or_default();
                    for w in ws {
                        if !group.contains(&w) {
                            group.push(w);
                        }
                    }
                }
                Entries::Groups(groups)
            }
            _ => unreachable!("read() gives the shape of the list"),
        };
    }
    check_shape(id, &entries).map_err(|message| {
        vec![ConfigError::at(Span::from(given.span()), message).label("in this change")]
    })?;
    Ok(entries)
}

/// The words (or groups of words) given for list `id`, normalised.
fn read(id: ListId, value: &Spanned<DeValue<'_>>) -> Result<Entries, Vec<ConfigError>> {
    let name = id.name();
    let wrong = |what: &str| {
        vec![
            ConfigError::at(Span::from(value.span()), format!("`{name}` takes {what}"))
                .label("not of this shape")
                .note(format!("e.g. {name} = {{ add = {} }}", example(id))),
        ]
    };
    match id.shape() {
        Shape::Words | Shape::Ordered(_) => match value.get_ref() {
            DeValue::Array(_) => words(value).map(Entries::Words),
            _ => Err(wrong("a list of words")),
        },
        Shape::Groups | Shape::Named(_) => {
            let DeValue::Table(t) = value.get_ref() else {
                return Err(wrong("a table of lists of words, one list per group"));
            };
            let mut groups = BTreeMap::new();
            let mut errors = Vec::new();
            for (k, v) in t.iter() {
                let group: &str = k.get_ref();
                if let Shape::Named(keys) = id.shape()
                    && !keys.contains(&group)
                {
                    let mut e = ConfigError::at(
                        Span::from(k.span()),
                        format!("`{name}` has no group `{group}`"),
                    )
                    .label("not a group of this list");
                    if let Some(c) = closest(group, keys.iter().copied()) {
                        e = e.note(format!("did you mean `{c}`?"));
                    }
                    errors.push(e.note(format!("its groups are: {}", keys.join(", "))));
                    continue;
                }
                match v.get_ref() {
                    DeValue::Array(_) => match words(v) {
                        Ok(ws) => {
                            groups.insert(group.to_string(), ws);
                        }
                        Err(mut e) => errors.append(&mut e),
                    },
                    _ => errors.push(
                        ConfigError::at(
                            Span::from(v.span()),
                            format!("group `{group}` of `{name}` must be a list of words"),
                        )
                        .label("not a list"),
                    ),
                }
            }
            if errors.is_empty() {
                Ok(Entries::Groups(groups))
            } else {
                Err(errors)
            }
        }
    }
}

/// The strings of a TOML array, normalised; duplicates are dropped.
fn words(value: &Spanned<DeValue<'_>>) -> Result<Vec<String>, Vec<ConfigError>> {
    let DeValue::Array(items) = value.get_ref() else {
        return Ok(Vec::new());
    };
    let mut out: Vec<String> = Vec::new();
    let mut errors = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) => {
                let w = normalise(s);
                if w.is_empty() {
                    errors.push(
                        ConfigError::at(Span::from(item.span()), "an empty word")
                            .label("give a word or a phrase"),
                    );
                } else if !out.contains(&w) {
                    out.push(w);
                }
            }
            _ => errors.push(
                ConfigError::at(Span::from(item.span()), "a word must be a string")
                    .label("not a string"),
            ),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// An example value of the right shape, for notes.
fn example(id: ListId) -> &'static str {
    match id.shape() {
        Shape::Words | Shape::Ordered(_) => "[\"…\"]",
        Shape::Groups | Shape::Named(_) => "{ group = [\"…\"] }",
    }
}
