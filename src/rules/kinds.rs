//! The one list of rule kinds. A kind is a module under `rules/` with a `build` function that
//! reads its typed options and compiles the rule; adding a kind is that module plus one line here.

use super::compile::{self, Compiled, Table};
use super::registry::closest;
use super::{attribution, boilerplate, consistency, dates, numbers, pattern, substitution};
use crate::config::ConfigError;
use crate::span::Span;
use toml::Spanned;
use toml::de::DeValue;

/// A rule kind, as written in `kind = "…"`.
pub struct Kind {
    /// Its name in TOML.
    pub name: &'static str,
    /// Reads a rule table of this kind and compiles it.
    pub build: fn(Table<'_>) -> Compiled,
}

/// Every rule kind.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "pattern",
        build: pattern::build,
    },
    Kind {
        name: "substitution",
        build: substitution::build,
    },
    Kind {
        name: "consistency",
        build: consistency::build,
    },
    Kind {
        name: "boilerplate",
        build: boilerplate::build,
    },
    Kind {
        name: "attribution",
        build: attribution::build,
    },
    Kind {
        name: "numbers",
        build: numbers::build,
    },
    Kind {
        name: "dates",
        build: dates::build,
    },
];

/// Compiles one `[[rule]]` table of any kind.
pub fn compile(value: Spanned<DeValue<'_>>) -> Compiled {
    let (kind, span) = match value.get_ref() {
        DeValue::Table(t) => match t.get("kind") {
            Some(k) => match k.get_ref() {
                DeValue::String(s) => (s.to_string(), Span::from(k.span())),
                _ => {
                    return Err(vec![
                        ConfigError::at(Span::from(k.span()), "`kind` must be a string")
                            .label("not a string"),
                    ]);
                }
            },
            None => {
                return Err(vec![
                    ConfigError::at(Span::from(value.span()), "a rule needs a `kind`")
                        .note(format!("kinds: {}", names().collect::<Vec<_>>().join(", "))),
                ]);
            }
        },
        _ => {
            return Err(vec![ConfigError::at(
                Span::from(value.span()),
                "a rule must be a table",
            )]);
        }
    };
    let Some(entry) = KINDS.iter().find(|k| k.name == kind) else {
        let mut e = ConfigError::at(span, format!("unknown kind `{kind}`"))
            .label("not a rule kind")
            .note(format!("kinds: {}", names().collect::<Vec<_>>().join(", ")));
        if let Some(c) = closest(&kind, names()) {
            e = e.note(format!("did you mean `{c}`?"));
        }
        return Err(vec![e]);
    };
    (entry.build)(compile::table(value, entry.name)?)
}

/// The names of every kind.
pub fn names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.name)
}
