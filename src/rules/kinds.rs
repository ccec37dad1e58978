//! The one list of rule kinds. A kind is a module under `rules/` with a `build` function that
//! reads its typed options and compiles the rule; adding a kind is that module plus one line here.

use super::compile::{self, Compiled, Table};
use super::registry::closest;
use super::{
    attribution, boilerplate, consistency, dates, front_matter, numbers, pattern, substitution,
    suppression,
};
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
    /// Whether a rule of this table makes fixes, so that `fix = "…"` means something: declaring
    /// the safety of fixes a check never makes is refused like an unknown key.
    pub fixes: fn(&Table<'_>) -> bool,
}

/// The checks of a kind with several that make fixes.
fn checks_with_fixes(table: &Table<'_>, checks: &[&str]) -> bool {
    table
        .string("check")
        .is_some_and(|(c, _)| checks.contains(&c.as_str()))
}

/// Every rule kind.
pub const KINDS: &[Kind] = &[
    Kind {
        name: "pattern",
        build: pattern::build,
        fixes: |_| true,
    },
    Kind {
        name: "substitution",
        build: substitution::build,
        fixes: |_| true,
    },
    Kind {
        name: "consistency",
        build: consistency::build,
        fixes: |_| false,
    },
    Kind {
        name: "boilerplate",
        build: boilerplate::build,
        fixes: |t| {
            // Residue lines (by phrase or by context) and repeated paragraphs are deleted;
            // furniture, placeholders and template lines are only reported.
            let category = t.string("category").map(|(c, _)| c);
            let category = category.as_deref();
            (t.has("lines") && category != Some("furniture"))
                || category == Some("context")
                || (category == Some("duplicate") && !t.has("min_files"))
        },
    },
    Kind {
        name: "attribution",
        build: attribution::build,
        fixes: |_| false,
    },
    Kind {
        name: "numbers",
        build: numbers::build,
        fixes: |t| checks_with_fixes(t, &["style", "percent-form", "thousands-separator"]),
    },
    Kind {
        name: "dates",
        build: dates::build,
        fixes: |t| {
            checks_with_fixes(
                t,
                &["weekday-mismatch", "relative-word", "ambiguous-numeric"],
            )
        },
    },
    Kind {
        name: "suppression",
        build: suppression::build,
        fixes: |_| false,
    },
    Kind {
        name: "front-matter",
        build: front_matter::build,
        fixes: |_| false,
    },
];

/// Compiles one `[[rule]]` table of any kind.
pub fn compile(value: Spanned<DeValue<'_>>) -> Compiled {
    compile_as(value, false)
}

/// Compiles a rule of a built-in pack as shipped: its regexes compile on first use.
pub fn compile_builtin(value: Spanned<DeValue<'_>>) -> Compiled {
    compile_as(value, true)
}

fn compile_as(value: Spanned<DeValue<'_>>, builtin: bool) -> Compiled {
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
    let mut table = compile::table(value, entry.name)?;
    table.builtin = builtin;
    if table.meta.fix.is_some()
        && !(entry.fixes)(&table)
        && let Some((_, span)) = table.string("fix")
    {
        return Err(vec![
            ConfigError::at(
                span,
                format!(
                    "rule `{}`: `fix` has no effect: this rule makes no fixes",
                    table.meta.id
                ),
            )
            .label("remove this key"),
        ]);
    }
    (entry.build)(table)
}

/// The names of every kind.
pub fn names() -> impl Iterator<Item = &'static str> {
    KINDS.iter().map(|k| k.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use toml::de::DeTable;

    /// Built-in rules compile their regexes on first use; compiled as a user's rule, each is
    /// compiled at once, so one that does not compile fails here.
    #[test]
    fn every_built_in_rule_compiles_at_once() {
        let mut n = 0;
        for pack in crate::config::BUILTIN_PACKS {
            let root = DeTable::parse(pack.source).unwrap();
            let Some(DeValue::Array(rules)) = root.get_ref().get("rule").map(|r| r.get_ref())
            else {
                continue;
            };
            for table in rules.iter() {
                if let Err(e) = compile(table.clone()) {
                    panic!("{}: {}", pack.file, e[0].message);
                }
                n += 1;
            }
        }
        assert!(n > 10, "{n} rules");
    }
}
