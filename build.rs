//! Reads the built-in boilerplate pack ahead of time: every string it holds (so that a rule can
//! tell a built-in pattern from a user's without parsing the pack again), and, for each string
//! that parses as a whole-line pattern, the literals every match must hold (so that a process
//! builds the line patterns' prefilter without parsing a single pattern), and each such
//! pattern's narrow form, printed (`src/narrow/tree.rs`), which parses several times faster than
//! the pattern. The literals come from
//! the very code `LineSet` runs (`src/rules/lineset/literals.rs`); a test checks they agree.

#[path = "src/rules/lineset/literals.rs"]
#[allow(dead_code)]
mod literals;

#[path = "src/narrow/tree.rs"]
#[allow(dead_code)]
mod tree;

use std::fmt::Write as _;

const PACK: &str = "rules/boilerplate.toml";

fn collect(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|v| collect(v, out)),
        toml::Value::Table(t) => t.values().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// A whole-line pattern's anchored source, its literal groups, and its narrow form printed.
type Prepared = (String, Vec<Vec<Vec<u8>>>, String);

fn main() {
    println!("cargo::rerun-if-changed={PACK}");
    println!("cargo::rerun-if-changed=src/rules/lineset/literals.rs");
    println!("cargo::rerun-if-changed=src/narrow/tree.rs");
    println!("cargo::rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(PACK).expect("the built-in boilerplate pack");
    let table: toml::Table = text.parse().expect("the built-in boilerplate pack is TOML");
    let mut strings = Vec::new();
    table.values().for_each(|v| collect(v, &mut strings));
    strings.sort();
    strings.dedup();
    let mut lits: Vec<Prepared> = strings
        .iter()
        .filter_map(|s| {
            let source = format!("^(?:{s})$");
            let hir = regex_syntax::Parser::new().parse(&source).ok()?;
            let narrow = tree::narrow_parse(&source)?.to_string();
            Some((source, literals::groups(&hir), narrow))
        })
        .collect();
    lits.sort();
    let mut out = String::new();
    out.push_str("pub(super) static STRINGS: &[&str] = &[\n");
    for s in &strings {
        writeln!(out, "    {s:?},").unwrap();
    }
    out.push_str("];\n\n#[allow(clippy::type_complexity)]\n");
    out.push_str("pub(super) static LITERALS: &[(&str, &[&[&[u8]]])] = &[\n");
    for (source, groups, _) in &lits {
        write!(out, "    ({source:?}, &[").unwrap();
        for g in groups {
            out.push_str("&[");
            for l in g {
                write!(out, "&{l:?}, ").unwrap();
            }
            out.push_str("], ");
        }
        out.push_str("]),\n");
    }
    out.push_str("];\n\n");
    // The narrow form of each whole-line pattern (see `src/narrow.rs`), printed as a pattern:
    // it parses without the Unicode tables a class such as `\p{Lu}` or `(?i)` needs.
    out.push_str("pub(super) static NARROW: &[(&str, &str)] = &[\n");
    for (source, _, narrow) in &lits {
        writeln!(out, "    ({source:?}, {narrow:?}),").unwrap();
    }
    out.push_str("];\n");
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR"))
        .join("lineset_builtin.rs");
    std::fs::write(path, out).expect("write the built-in literals");
}
