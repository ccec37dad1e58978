//! Reads the built-in boilerplate pack ahead of time: every string it holds (so that a rule can
//! tell a built-in pattern from a user's without parsing the pack again), and, for each string
//! that parses as a whole-line pattern, the literals every match must hold (so that a process
//! builds the line patterns' prefilter without parsing a single pattern), and each such
//! pattern's narrow form, its syntax tree written as bytes (`src/narrow/tree.rs`), which a process
//! reads back without parsing the pattern. The literals come from
//! the very code `LineSet` runs (`src/rules/lineset/literals.rs`); a test checks they agree.
//!
//! It also writes the built-in lexicon's lists as Rust statics (`src/lexicon.rs` reads them
//! instead of parsing `rules/lexicon.toml` at every start; a test checks they agree), and the
//! narrow forms of the built-in date mention pattern's alternatives as syntax trees written as
//! bytes.
//!
//! And for each regex of a built-in rule that compiles on first use (`src/rules/lineset/lazy.toml`,
//! their sources as the rules build them: a test checks they agree), its narrow form's syntax tree
//! written as bytes and the literals every match must hold, so that a process neither parses such
//! a pattern nor compiles it for a story that holds none of its literals.

#[path = "src/rules/lineset/literals.rs"]
#[allow(dead_code)]
mod literals;

#[path = "src/narrow/tree.rs"]
#[allow(dead_code)]
mod tree;

use std::fmt::Write as _;

const PACK: &str = "rules/boilerplate.toml";
const LEXICON: &str = "rules/lexicon.toml";
const MENTION: &str = "src/document/dates/mention.txt";
const LAZY: &str = "src/rules/lineset/lazy.toml";

fn collect(v: &toml::Value, out: &mut Vec<String>) {
    match v {
        toml::Value::String(s) => out.push(s.clone()),
        toml::Value::Array(a) => a.iter().for_each(|v| collect(v, out)),
        toml::Value::Table(t) => t.values().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// A whole-line pattern's anchored source, its literal groups, and its narrow form's syntax tree
/// written as bytes.
type Prepared = (String, Vec<Vec<Vec<u8>>>, Vec<u8>);

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
            let mut narrow = Vec::new();
            tree::encode(&tree::narrow_parse(&source)?, &mut narrow);
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
        write!(out, "    ({source:?}, ").unwrap();
        write_groups(&mut out, groups);
        out.push_str("),\n");
    }
    out.push_str("];\n\n");
    // The narrow form of each whole-line pattern (see `src/narrow.rs`), its syntax tree written
    // as bytes (`tree::encode`): read back without parsing a pattern, nor the Unicode tables a
    // class such as `\p{Lu}` or `(?i)` needs.
    out.push_str("pub(super) static NARROW: &[(&str, &[u8])] = &[\n");
    for (source, _, narrow) in &lits {
        writeln!(out, "    ({source:?}, {}),", tree::byte_string(narrow)).unwrap();
    }
    out.push_str("];\n");
    let dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(dir.join("lineset_builtin.rs"), out).expect("write the built-in literals");
    std::fs::write(dir.join("lexicon_builtin.rs"), lexicon()).expect("write the built-in lexicon");
    std::fs::write(dir.join("dates_builtin.rs"), mention()).expect("write the date mention trees");
    std::fs::write(dir.join("lazy_builtin.rs"), lazy()).expect("write the lazy regexes' trees");
}

/// Literal groups written as a Rust `&[&[&[u8]]]` expression.
fn write_groups(out: &mut String, groups: &[Vec<Vec<u8>>]) {
    out.push_str("&[");
    for g in groups {
        out.push_str("&[");
        for l in g {
            write!(out, "&{l:?}, ").unwrap();
        }
        out.push_str("], ");
    }
    out.push(']');
}

/// The regexes of the built-in rules that compile on first use (`src/rules/lineset/lazy.toml`),
/// sorted: each source, its narrow form's syntax tree written as bytes (`tree::encode`), and the
/// literal groups every match holds a literal of each of, white space runs read as one space
/// (`literals::spaced_groups`). A source that
/// does not parse is left out (it is parsed at run time).
fn lazy() -> String {
    println!("cargo::rerun-if-changed={LAZY}");
    let text = std::fs::read_to_string(LAZY).unwrap_or_default();
    let table: toml::Table = text.parse().expect("the lazy regexes' list is TOML");
    let mut sources: Vec<&str> = table
        .get("sources")
        .and_then(|s| s.as_array())
        .map(|a| a.iter().filter_map(|s| s.as_str()).collect())
        .unwrap_or_default();
    sources.sort_unstable();
    sources.dedup();
    let mut out = String::from("#[allow(clippy::type_complexity)]\n");
    out.push_str("pub(super) static LAZY: &[(&str, &[u8], &[&[&[u8]]])] = &[\n");
    for source in sources {
        let Some(narrow) = tree::narrow_parse(source) else {
            continue;
        };
        let Ok(hir) = regex_syntax::Parser::new().parse(source) else {
            continue;
        };
        let mut written = Vec::new();
        tree::encode(&narrow, &mut written);
        write!(out, "    ({source:?}, {}, ", tree::byte_string(&written)).unwrap();
        write_groups(&mut out, &literals::spaced_groups(&hir));
        out.push_str("),\n");
    }
    out.push_str("];\n");
    out
}

/// The built-in date mention pattern's alternatives (`src/document/dates/mention.txt`, one a line,
/// as the built-in lexicon builds them: a test checks they agree), each with its narrow form's
/// syntax tree written as bytes (`tree::encode`), which a process reads back instead of parsing
/// the alternative. An alternative that does not parse is left out (it is parsed at run time).
fn mention() -> String {
    println!("cargo::rerun-if-changed={MENTION}");
    let text = std::fs::read_to_string(MENTION).unwrap_or_default();
    let mut out = String::from("pub(super) static MENTION: &[(&str, &[u8])] = &[\n");
    for source in text.lines() {
        let Some(hir) = tree::narrow_parse(source) else {
            continue;
        };
        let mut written = Vec::new();
        tree::encode(&hir, &mut written);
        writeln!(out, "    ({source:?}, {}),", tree::byte_string(&written)).unwrap();
    }
    out.push_str("];\n");
    out
}

/// The built-in lexicon (`rules/lexicon.toml`) as Rust statics, so that a process reads its
/// lists without a TOML parser: `LISTS`, every table by name (sorted), with its `about` and its
/// `words` or its `groups` (by name, sorted) as written. A test compares what a process builds
/// from these with what the run-time parser reads from the file.
fn lexicon() -> String {
    println!("cargo::rerun-if-changed={LEXICON}");
    let text = std::fs::read_to_string(LEXICON).expect("the built-in lexicon");
    let table: toml::Table = text.parse().expect("the built-in lexicon is TOML");
    let strings = |v: &toml::Value| -> Vec<String> {
        v.as_array()
            .expect("a list of words")
            .iter()
            .map(|w| w.as_str().expect("a word").to_string())
            .collect()
    };
    let mut out = String::new();
    out.push_str("#[allow(clippy::type_complexity)]\n");
    out.push_str(
        "pub(super) static LISTS: &[(&str, &str, Option<&[&str]>, Option<&[(&str, &[&str])]>)] = &[\n",
    );
    for (name, list) in &table {
        let list = list.as_table().expect("a list is a table");
        let about = list.get("about").and_then(|a| a.as_str()).unwrap_or("");
        write!(out, "    ({name:?}, {about:?}, ").unwrap();
        match list.get("words") {
            Some(w) => write!(out, "Some(&{:?}), ", strings(w)).unwrap(),
            None => out.push_str("None, "),
        }
        match list.get("groups").and_then(|g| g.as_table()) {
            Some(groups) => {
                out.push_str("Some(&[");
                for (key, words) in groups {
                    write!(out, "({key:?}, &{:?}), ", strings(words)).unwrap();
                }
                out.push_str("])),\n");
            }
            None => out.push_str("None),\n"),
        }
    }
    out.push_str("];\n");
    out
}
