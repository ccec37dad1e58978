//! The narrow form of a syntax tree (see [`crate::narrow`]). Shared with the build script, which
//! prints the narrow form of every built-in line pattern ahead of time; only `regex_syntax` and
//! `std` are used here.

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};
use std::sync::LazyLock;

/// Whether `c`, a non-ASCII character, may change a match when a pattern is narrowed: a word
/// character (`\w`, which holds `\d` and every letter a case-insensitive match can reach) or
/// white space (`\s`).
pub fn matters(c: char) -> bool {
    c.is_whitespace() || regex_syntax::is_word_character(c)
}

/// Whether every non-ASCII character of `text` is neither a word character nor white space: a
/// pattern's narrow form then finds in it what the pattern finds.
pub fn is_narrow(text: &str) -> bool {
    text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && matters(c))
}

/// The characters a narrow text never holds: non-ASCII word characters and white space.
static ABSENT: LazyLock<ClassUnicode> = LazyLock::new(|| {
    let hir = regex_syntax::parse(r"[[\w\s]&&[^\x00-\x7F]]").expect("a class");
    match hir.into_kind() {
        HirKind::Class(Class::Unicode(c)) => c,
        _ => unreachable!("a Unicode class"),
    }
});

/// The narrow form of a syntax tree: each Unicode class with the characters a narrow text never
/// holds taken out, or put in, whichever leaves fewer ranges; each Unicode word assertion its
/// ASCII twin. Over narrow text it matches exactly as `hir` does.
pub fn narrow_hir(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(Class::Bytes(_)) => hir.clone(),
        HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(narrow_class(c))),
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min,
            max: r.max,
            greedy: r.greedy,
            sub: Box::new(narrow_hir(&r.sub)),
        }),
        HirKind::Capture(c) => Hir::capture(Capture {
            index: c.index,
            name: c.name.clone(),
            sub: Box::new(narrow_hir(&c.sub)),
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(narrow_hir).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(narrow_hir).collect()),
    }
}

/// The narrow form of a class: without the characters a narrow text never holds, or with them,
/// whichever has fewer ranges.
fn narrow_class(class: &ClassUnicode) -> ClassUnicode {
    let ranges = class.ranges();
    if ranges.last().is_none_or(|r| r.end() < '\u{80}') {
        return class.clone();
    }
    // Most often (`\w`, `\s`, `\d`, `\p{Lu}`, a case-insensitive `k`) every non-ASCII character
    // of the class is one a narrow text never holds: its ASCII part alone.
    let absent = ABSENT.ranges();
    let within = |r: &ClassUnicodeRange| {
        let i = absent.partition_point(|a| a.end() < r.start());
        absent
            .get(i)
            .is_some_and(|a| a.start() <= r.start() && r.end() <= a.end())
    };
    if ranges
        .iter()
        .filter(|r| r.end() >= '\u{80}')
        .all(|r| within(&ClassUnicodeRange::new(r.start().max('\u{80}'), r.end())))
    {
        return ClassUnicode::new(
            ranges
                .iter()
                .filter(|r| r.start() < '\u{80}')
                .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\u{7f}'))),
        );
    }
    let mut without = class.clone();
    without.difference(&ABSENT);
    let mut with = class.clone();
    with.union(&ABSENT);
    if without.ranges().len() <= with.ranges().len() {
        without
    } else {
        with
    }
}

/// The narrow form of a pattern as a syntax tree; None when the pattern does not parse. A
/// pattern that parses without Unicode (no `.`, no negated class, no `\p`, no non-ASCII
/// character: a list of words) is parsed so, which is its narrow form and quicker to read.
pub fn narrow_parse(source: &str) -> Option<Hir> {
    let ascii = regex_syntax::ParserBuilder::new()
        .unicode(false)
        .build()
        .parse(source);
    match ascii {
        Ok(hir) => Some(hir),
        Err(_) => regex_syntax::parse(source).ok().map(|h| narrow_hir(&h)),
    }
}
