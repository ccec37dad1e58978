//! The narrow form of a syntax tree (see [`crate::narrow`]). Shared with the build script, which
//! prints the narrow form of every built-in line pattern ahead of time; only `regex_syntax` and
//! `std` are used here.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
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

/// A syntax tree written as bytes (by the build script, for the built-in patterns), which
/// [`decode`] turns back into the same tree without parsing a pattern: each node its kind's tag
/// and its parts, numbers as LEB128. The tree is rebuilt by the constructors the parser itself
/// uses, which leave a tree they built unchanged (a test checks every built-in pattern).
#[allow(dead_code)] // the build script's
pub fn encode(hir: &Hir, out: &mut Vec<u8>) {
    match hir.kind() {
        HirKind::Empty => out.push(b'e'),
        HirKind::Literal(lit) => {
            out.push(b'l');
            encode_bytes(&lit.0, out);
        }
        HirKind::Class(Class::Unicode(c)) => {
            out.push(b'u');
            encode_number(c.ranges().len(), out);
            for r in c.ranges() {
                encode_number(r.start() as usize, out);
                encode_number(r.end() as usize, out);
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            out.push(b'b');
            encode_number(c.ranges().len(), out);
            for r in c.ranges() {
                out.extend([r.start(), r.end()]);
            }
        }
        HirKind::Look(look) => {
            out.push(b'k');
            encode_number(look.as_repr() as usize, out);
        }
        HirKind::Repetition(r) => {
            out.push(if r.greedy { b'r' } else { b'R' });
            encode_number(r.min as usize, out);
            encode_number(r.max.map_or(0, |m| m as usize + 1), out);
            encode(&r.sub, out);
        }
        HirKind::Capture(c) => {
            out.push(b'c');
            encode_number(c.index as usize, out);
            match &c.name {
                Some(name) => {
                    out.push(1);
                    encode_bytes(name.as_bytes(), out);
                }
                None => out.push(0),
            }
            encode(&c.sub, out);
        }
        HirKind::Concat(subs) | HirKind::Alternation(subs) => {
            out.push(if matches!(hir.kind(), HirKind::Concat(_)) {
                b'+'
            } else {
                b'|'
            });
            encode_number(subs.len(), out);
            subs.iter().for_each(|s| encode(s, out));
        }
    }
}

#[allow(dead_code)] // the build script's
fn encode_number(mut n: usize, out: &mut Vec<u8>) {
    loop {
        let low = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

#[allow(dead_code)] // the build script's
fn encode_bytes(bytes: &[u8], out: &mut Vec<u8>) {
    encode_number(bytes.len(), out);
    out.extend_from_slice(bytes);
}

/// The syntax tree [`encode`] wrote into `bytes`; None when they are not one tree.
pub fn decode(bytes: &[u8]) -> Option<Hir> {
    let mut reader = Reader { bytes, at: 0 };
    let hir = reader.hir()?;
    (reader.at == bytes.len()).then_some(hir)
}

/// Reads an encoded syntax tree (see [`encode`]).
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn number(&mut self) -> Option<usize> {
        let mut n = 0usize;
        for shift in (0..usize::BITS).step_by(7) {
            let b = self.byte()?;
            n |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
        }
        None
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.number()?).ok()
    }

    fn slice(&mut self) -> Option<&[u8]> {
        let len = self.number()?;
        let s = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(s)
    }

    fn char(&mut self) -> Option<char> {
        char::from_u32(self.u32()?)
    }

    /// A count, then that many items read by `item` (class ranges, sub-expressions).
    fn counted<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let n = self.number()?;
        // Sized up front (no more items than bytes left): one allocation, not one a doubling.
        let mut items = Vec::with_capacity(n.min(self.bytes.len() - self.at));
        for _ in 0..n {
            items.push(item(self)?);
        }
        Some(items)
    }

    fn hir(&mut self) -> Option<Hir> {
        Some(match self.byte()? {
            b'e' => Hir::empty(),
            b'l' => Hir::literal(self.slice()?),
            b'u' => {
                let ranges =
                    self.counted(|r| Some(ClassUnicodeRange::new(r.char()?, r.char()?)))?;
                Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
            }
            b'b' => {
                let ranges = self.counted(|r| Some(ClassBytesRange::new(r.byte()?, r.byte()?)))?;
                Hir::class(Class::Bytes(ClassBytes::new(ranges)))
            }
            b'k' => Hir::look(Look::from_repr(self.u32()?)?),
            tag @ (b'r' | b'R') => {
                let min = self.u32()?;
                let max = match self.u32()? {
                    0 => None,
                    m => Some(m - 1),
                };
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy: tag == b'r',
                    sub: Box::new(self.hir()?),
                })
            }
            b'c' => {
                let index = self.u32()?;
                let name = match self.byte()? {
                    0 => None,
                    _ => Some(std::str::from_utf8(self.slice()?).ok()?.into()),
                };
                Hir::capture(Capture {
                    index,
                    name,
                    sub: Box::new(self.hir()?),
                })
            }
            tag @ (b'+' | b'|') => {
                let subs = self.counted(Self::hir)?;
                if tag == b'+' {
                    Hir::concat(subs)
                } else {
                    Hir::alternation(subs)
                }
            }
            _ => return None,
        })
    }
}

/// `bytes` as a Rust byte string literal, for the build script to print.
#[allow(dead_code)] // the build script's
pub fn byte_string(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2 + 3);
    s.push_str("b\"");
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                s.push('\\');
                s.push(b as char);
            }
            0x20..=0x7e => s.push(b as char),
            _ => {
                use std::fmt::Write as _;
                let _ = write!(s, "\\x{b:02x}");
            }
        }
    }
    s.push('"');
    s
}
