//! The literals every match of a pattern must hold, read from its syntax tree.
//!
//! Shared by [`super::LineSet`] and the build script, which reads them for every string of the
//! built-in boilerplate pack ahead of time (so a process does not parse those patterns at all).
//! Only `regex_syntax` and `std` are used here.

use regex_syntax::hir::{Class, Hir, HirKind, Repetition};

/// The most strings a literal alternative may expand to before it is given up.
pub const MAX_ALTERNATIVES: usize = 64;
/// The most characters a class may hold to count as a literal.
pub const MAX_CLASS: usize = 8;
/// The most literal sets a pattern's line must each hold one of before the pattern is tried.
pub const MAX_GROUPS: usize = 3;
/// Characters outside ASCII that case-fold to an ASCII letter: ſ (s) and K (k).
pub const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

/// The strings `hir` matches, when they are few and each is a fixed string (ASCII lowercased).
fn exact(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    match hir.kind() {
        HirKind::Empty => Some(vec![Vec::new()]),
        HirKind::Literal(l) => Some(vec![l.0.to_ascii_lowercase()]),
        HirKind::Class(Class::Unicode(c)) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            let mut n = 0;
            for r in c.ranges() {
                n += r.end() as usize - r.start() as usize + 1;
                if n > MAX_CLASS {
                    return None;
                }
                for ch in r.start()..=r.end() {
                    if FOLDS_TO_ASCII.contains(&ch) {
                        continue;
                    }
                    let mut buf = [0; 4];
                    out.push(ch.encode_utf8(&mut buf).as_bytes().to_ascii_lowercase());
                }
            }
            out.sort();
            out.dedup();
            (!out.is_empty()).then_some(out)
        }
        HirKind::Class(Class::Bytes(c)) => {
            let mut out: Vec<Vec<u8>> = Vec::new();
            for r in c.ranges() {
                if out.len() + usize::from(r.end() - r.start()) >= MAX_CLASS {
                    return None;
                }
                out.extend((r.start()..=r.end()).map(|b| vec![b.to_ascii_lowercase()]));
            }
            out.sort();
            out.dedup();
            (!out.is_empty()).then_some(out)
        }
        HirKind::Capture(c) => exact(&c.sub),
        HirKind::Concat(parts) => {
            let mut acc = vec![Vec::new()];
            for p in parts {
                acc = product(&acc, &exact(p)?)?;
            }
            Some(acc)
        }
        HirKind::Alternation(parts) => {
            let mut out = Vec::new();
            for p in parts {
                out.extend(exact(p)?);
                if out.len() > MAX_ALTERNATIVES {
                    return None;
                }
            }
            out.sort();
            out.dedup();
            Some(out)
        }
        HirKind::Look(_) | HirKind::Repetition(_) => None,
    }
}

/// Every string of `a` followed by every string of `b`, unless there are too many.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_ALTERNATIVES {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            let mut s = x.clone();
            s.extend_from_slice(y);
            out.push(s);
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// A set of literals, one of which every match of `hir` contains (ASCII lowercased); None when
/// no such set is known.
pub fn required(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    if let Some(e) = exact(hir)
        && e.iter().all(|s| !s.is_empty())
    {
        return Some(e);
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => None,
        HirKind::Capture(c) => required(&c.sub),
        HirKind::Repetition(r) if r.min >= 1 => required(&r.sub),
        HirKind::Repetition(_) => None,
        HirKind::Alternation(parts) => {
            let mut out = Vec::new();
            for p in parts {
                out.extend(required(p)?);
                if out.len() > 4 * MAX_ALTERNATIVES {
                    return None;
                }
            }
            out.sort();
            out.dedup();
            Some(out)
        }
        HirKind::Concat(_) => best(concat_candidates(hir)).into_iter().next(),
    }
}

/// The parts of a concatenation, nested ones and groups spliced in.
fn flatten<'h>(hir: &'h Hir, out: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Concat(parts) => parts.iter().for_each(|p| flatten(p, out)),
        HirKind::Capture(c) => flatten(&c.sub, out),
        _ => out.push(hir),
    }
}

/// Literal sets of a concatenation, each of which every match holds one of: each run of fixed
/// parts, joined, and each other part's own.
fn concat_candidates(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut parts = Vec::new();
    flatten(hir, &mut parts);
    let mut candidates: Vec<Vec<Vec<u8>>> = Vec::new();
    let mut run: Vec<Vec<u8>> = vec![Vec::new()];
    for p in parts {
        match exact(p) {
            Some(e) => match product(&run, &e) {
                Some(joined) => run = joined,
                None => candidates.push(std::mem::replace(&mut run, e)),
            },
            None => {
                candidates.push(std::mem::replace(&mut run, vec![Vec::new()]));
                if let Some(r) = required(p) {
                    candidates.push(r);
                }
            }
        }
    }
    candidates.push(run);
    candidates
}

/// The usable literal sets (no empty string), most selective first: longest shortest literal
/// (up to 8 bytes), then fewest literals.
fn best(mut candidates: Vec<Vec<Vec<u8>>>) -> Vec<Vec<Vec<u8>>> {
    candidates.retain(|c| !c.is_empty() && c.iter().all(|s| !s.is_empty()));
    candidates.sort_by_key(|c| {
        let shortest = c.iter().map(Vec::len).min().unwrap_or(0);
        std::cmp::Reverse((shortest.min(8), std::cmp::Reverse(c.len())))
    });
    candidates
}

/// Up to [`MAX_GROUPS`] literal sets that every match of `hir` holds one literal of each.
pub fn groups(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    let mut parts = Vec::new();
    flatten(hir, &mut parts);
    if parts.len() <= 1 {
        return required(hir).into_iter().collect();
    }
    let mut all = best(concat_candidates(hir));
    all.truncate(MAX_GROUPS);
    all
}

/// Whether `c` is white space as `\s` reads it (an ASCII vertical tab too).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `text` as [`spaced_groups`]' literals read it: each run of white space one space. Borrowed
/// when it is already so.
pub fn spaced_text(text: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    // A narrow text's white space is ASCII (see `crate::narrow`); other text is read as it is
    // for its non-ASCII spaces, which no gate's caller searches.
    let space = |b: u8| is_space(char::from(b)) && b.is_ascii();
    let runs_are_spaces = text
        .iter()
        .zip(text.iter().skip(1).chain([&b'x']))
        .all(|(&a, &b)| !space(a) || (a == b' ' && !space(b)));
    if runs_are_spaces {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len());
    for &b in text {
        if !space(b) {
            out.push(b);
        } else if out.last() != Some(&b' ') {
            out.push(b' ');
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `hir` with each repetition of white space at least once (`\s+`) read as one space.
fn spaced(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Repetition(r) if r.min >= 1 && all_space(&r.sub) => Hir::literal(*b" "),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(spaced(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => Hir::capture(regex_syntax::hir::Capture {
            sub: Box::new(spaced(&c.sub)),
            ..c.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(spaced).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(spaced).collect()),
        _ => hir.clone(),
    }
}

/// Whether every string `hir` matches is white space, one character long.
fn all_space(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) => c
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(is_space)),
        HirKind::Class(Class::Bytes(c)) => c
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| b.is_ascii() && is_space(char::from(b)))),
        HirKind::Literal(l) => std::str::from_utf8(&l.0)
            .is_ok_and(|s| s.chars().count() == 1 && s.chars().all(is_space)),
        HirKind::Capture(c) => all_space(&c.sub),
        _ => false,
    }
}

/// The literal groups of `hir` ([`groups`]) as read in a text whose every run of white space
/// is one space ([`spaced_text`]): a run of white space (`\s+` or written) is one space in
/// them, so that a phrase ("it is said") is a literal of its own, not its rarest word.
/// Every match of `hir` in a text leaves in its spaced text a literal of each group.
#[allow(dead_code)] // the build script's, and the tests'
pub fn spaced_groups(hir: &Hir) -> Vec<Vec<Vec<u8>>> {
    groups(&spaced(hir))
        .into_iter()
        .map(|group| {
            let mut group: Vec<Vec<u8>> = group
                .into_iter()
                .map(|l| spaced_text(&l).into_owned())
                .collect();
            group.sort();
            group.dedup();
            group
        })
        .collect()
}
