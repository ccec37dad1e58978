//! One list of the lexicon and its lookups: a hash set (a short list is searched in order), a
//! word-to-group map for grouped lists, and a regex built on first use.

use super::ListId;
use crate::rules::lineset::literals::FOLDS_TO_ASCII;
use regex::Regex;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

/// A fast hasher for short words (the Fx hash of rustc): lookups run on most words of a story, and
/// the lexicon's keys are not chosen by an attacker.
#[derive(Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let word = u64::from_le_bytes(c.try_into().unwrap_or_default());
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        // The last bytes (most words are shorter than eight) in one step, not one a byte.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A quick test that a word is not a key of a set of words, before it is hashed: its length is
/// out of the keys' range, or no key starts with its first byte.
#[derive(Clone, Copy, Debug)]
pub(super) struct Keys {
    /// One bit for each byte some key starts with.
    firsts: [u64; 4],
    shortest: usize,
    longest: usize,
}

impl Keys {
    /// The test for `keys`.
    pub(super) fn of<'k>(keys: impl IntoIterator<Item = &'k str>) -> Keys {
        let mut k = Keys {
            firsts: [0; 4],
            shortest: usize::MAX,
            longest: 0,
        };
        for key in keys {
            k.shortest = k.shortest.min(key.len());
            k.longest = k.longest.max(key.len());
            if let Some(&b) = key.as_bytes().first() {
                k.firsts[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        k
    }

    /// Whether `word` may be one of the keys (false: it is not).
    pub(super) fn may_hold(&self, word: &str) -> bool {
        self.may_start(word, |b| b)
    }

    /// Whether `word` with ASCII capitals lowered ([`with_ascii_lower`]) may be one of the keys.
    pub(super) fn may_hold_ci(&self, word: &str) -> bool {
        self.may_start(word, |b| b.to_ascii_lowercase())
    }

    fn may_start(&self, word: &str, fold: impl Fn(u8) -> u8) -> bool {
        (self.shortest..=self.longest).contains(&word.len())
            && word.as_bytes().first().is_none_or(|&b| {
                let b = fold(b);
                self.firsts[usize::from(b >> 6)] & (1 << (b & 63)) != 0
            })
    }
}

/// A map (or, with `()`, a set) keyed by lowercase words.
pub(super) type Words<V = ()> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

thread_local! {
    /// A buffer for lowering words before a lookup, reused so that a lookup never allocates.
    static LOWER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Runs `f` (a lookup, which must not call this again) on `word` with ASCII capitals lowered:
/// lookups run on most words of a story, so this does not allocate.
pub(super) fn with_ascii_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(word);
    }
    LOWER.with(|buf| match buf.try_borrow_mut() {
        Ok(mut lower) => {
            lower.clear();
            lower.push_str(word);
            lower.make_ascii_lowercase();
            f(&lower)
        }
        Err(_) => f(&word.to_ascii_lowercase()),
    })
}

/// Lists this short are searched in order: quicker than hashing.
const SHORT: usize = 8;

/// The entries of a list, normalised: trimmed, white space folded, lowercase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entries {
    /// Words or phrases, in order.
    Words(Vec<String>),
    /// Groups of words by name (in name order).
    Groups(BTreeMap<String, Vec<String>>),
}

impl Entries {
    /// Every word of every group, in order.
    pub fn words(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            Entries::Words(w) => Box::new(w.iter().map(String::as_str)),
            Entries::Groups(g) => Box::new(g.values().flatten().map(String::as_str)),
        }
    }

    /// The number of words.
    pub fn len(&self) -> usize {
        match self {
            Entries::Words(w) => w.len(),
            Entries::Groups(g) => g.values().map(Vec::len).sum(),
        }
    }

    /// Whether the list has no word at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One list of a resolved lexicon, with its lookups.
pub struct List {
    pub(super) id: ListId,
    pub(super) about: String,
    pub(super) entries: Entries,
    /// Every word, in order (every group's, for a grouped list).
    pub(super) all: Vec<String>,
    /// Whether the regex finds the same matches in a text's [`ascii_view`] as in the text: every
    /// word is ASCII (see [`ascii_safe`]).
    pub(super) ascii: bool,
    /// Every word, lowercase.
    pub(super) set: Words,
    /// The first word of every phrase of two words or more (see [`List::starts_phrase`]).
    pub(super) phrase_starts: Words,
    /// For grouped lists: each word's group.
    pub(super) group_of: Words<String>,
    /// The lengths and first bytes of `set`'s words and of `phrase_starts`' (most words looked
    /// up are in neither, and are turned away without hashing them).
    pub(super) set_keys: Keys,
    pub(super) start_keys: Keys,
    /// Any word of the list, case-insensitive, on word boundaries, longest first (built on first
    /// use; at once for a newsroom's change to a list in `READ_BY_REGEX`).
    pub(super) regex: OnceLock<Regex>,
    /// The regex's narrow form, for narrow text (see [`crate::narrow`]), built on first use.
    pub(super) narrow: OnceLock<Option<Regex>>,
    /// The same search without a regex, for ASCII text, built on first use (see [`Phrases`]);
    /// None when the list has a word the regex would read otherwise.
    pub(super) phrases: OnceLock<Option<Phrases>>,
}

impl fmt::Debug for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({} words)", self.id.name(), self.entries.len())
    }
}

impl List {
    /// Which list it is.
    pub fn id(&self) -> ListId {
        self.id
    }

    /// One line about what the list is for.
    pub fn about(&self) -> &str {
        &self.about
    }

    /// Its entries.
    pub fn entries(&self) -> &Entries {
        &self.entries
    }

    /// Its words in order (every group's, for a grouped list).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.all.iter().map(String::as_str)
    }

    /// The words of an ordered or plain list, in order (empty for a grouped list).
    pub fn ordered(&self) -> &[String] {
        match &self.entries {
            Entries::Words(w) => w,
            Entries::Groups(_) => &[],
        }
    }

    /// The words of one group (empty when there is no such group).
    pub fn group(&self, name: &str) -> &[String] {
        match &self.entries {
            Entries::Groups(g) => g.get(name).map_or(&[], Vec::as_slice),
            Entries::Words(_) => &[],
        }
    }

    /// The groups of a grouped list with their words: named groups in their order (January
    /// first), others by name. Empty for a list of words.
    pub fn groups(&self) -> Vec<(&str, &[String])> {
        match (&self.entries, self.id.shape()) {
            (Entries::Groups(_), super::Shape::Named(keys)) => {
                keys.iter().map(|k| (*k, self.group(k))).collect()
            }
            (Entries::Groups(g), _) => g.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect(),
            (Entries::Words(_), _) => Vec::new(),
        }
    }

    /// Whether `word`, exactly as written, is in the list (entries are lowercase).
    pub fn contains(&self, word: &str) -> bool {
        if self.all.len() <= SHORT {
            self.all.iter().any(|w| w == word)
        } else {
            self.set_keys.may_hold(word) && self.set.contains_key(word)
        }
    }

    /// Whether some phrase of the list (an entry of two words or more) starts with `word`, exactly
    /// as written: when none does, no phrase need be built to look up the words after it.
    pub fn starts_phrase(&self, word: &str) -> bool {
        !self.phrase_starts.is_empty()
            && self.start_keys.may_hold(word)
            && self.phrase_starts.contains_key(word)
    }

    /// Whether some phrase of the list starts with `word`, ignoring ASCII case (see
    /// [`List::starts_phrase`]).
    pub fn starts_phrase_ci(&self, word: &str) -> bool {
        !self.phrase_starts.is_empty()
            && self.start_keys.may_hold_ci(word)
            && with_ascii_lower(word, |w| self.phrase_starts.contains_key(w))
    }

    /// Whether `word` is in the list, ignoring ASCII case.
    pub fn contains_ci(&self, word: &str) -> bool {
        if self.all.len() <= SHORT {
            self.all.iter().any(|w| w.eq_ignore_ascii_case(word))
        } else {
            self.set_keys.may_hold_ci(word) && with_ascii_lower(word, |w| self.set.contains_key(w))
        }
    }

    /// Whether `word` is a word of the list written capitalised: "The" for "the", not "THE".
    pub fn contains_capitalised(&self, word: &str) -> bool {
        let mut chars = word.chars();
        chars.next().is_some_and(char::is_uppercase)
            && !chars.any(char::is_uppercase)
            && if word.is_ascii() {
                self.contains_ci(word)
            } else {
                self.set.contains_key(&word.to_lowercase())
            }
    }

    /// The group of a lowercase word, for grouped lists.
    pub fn group_of(&self, word: &str) -> Option<&str> {
        self.group_of.get(word).map(String::as_str)
    }

    /// A regex matching any word or phrase of the list: case-insensitive, white space flexible,
    /// on word boundaries, longest first (so "death toll" wins over "death"). Never matches when
    /// the list is empty.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            self.compile_regex()
                .unwrap_or_else(|e| panic!("list `{}`: {e}", self.id.name()))
        })
    }

    /// The byte ranges of the list's words and phrases in `text`, in order: what
    /// [`List::regex`]'s `find_iter` gives, searched over the text's [`ascii_view`] where that
    /// gives the same matches (the regex engine's fast automaton gives up on a Unicode word
    /// boundary next to any non-ASCII byte, and the slow one costs a quarter of a story's check).
    /// Over ASCII text no regex is compiled: [`Phrases`] finds the same matches.
    pub fn find_iter<'t>(&self, text: &'t str) -> std::vec::IntoIter<ListMatch<'t>> {
        self.with_haystack(text, |hay| self.find_all(text, hay))
            .into_iter()
    }

    /// The matches in `hay`, the haystack of `text` ([`List::with_haystack`]).
    fn find_all<'t>(&self, text: &'t str, hay: &str) -> Vec<ListMatch<'t>> {
        match self.phrases_for(hay) {
            Some(p) => {
                let mut found = Vec::new();
                let mut at = 0;
                while let Some(range) = p.next_match(hay, at) {
                    at = range.end;
                    found.push(ListMatch { text, range });
                }
                found
            }
            None => self
                .regex_for(hay)
                .find_iter(hay)
                .map(|m| ListMatch {
                    text,
                    range: m.range(),
                })
                .collect(),
        }
    }

    /// The first match of the list's regex in `text` (see [`List::find_iter`]).
    pub fn find<'t>(&self, text: &'t str) -> Option<ListMatch<'t>> {
        let range = self.with_haystack(text, |hay| match self.phrases_for(hay) {
            Some(p) => p.next_match(hay, 0),
            None => self.regex_for(hay).find(hay).map(|m| m.range()),
        });
        range.map(|range| ListMatch { text, range })
    }

    /// Whether the list's regex matches in `text` (see [`List::find_iter`]).
    pub fn is_match(&self, text: &str) -> bool {
        self.with_haystack(text, |hay| match self.phrases_for(hay) {
            Some(p) => p.next_match(hay, 0).is_some(),
            None => self.regex_for(hay).is_match(hay),
        })
    }

    /// The search without a regex, when it finds in `hay` what the regex finds: `hay` is ASCII
    /// and every word of the list is too (see [`Phrases`]).
    fn phrases_for(&self, hay: &str) -> Option<&Phrases> {
        if !self.ascii || !hay.is_ascii() {
            return None;
        }
        self.phrases
            .get_or_init(|| Phrases::new(&self.sorted()))
            .as_ref()
    }

    /// The regex to search `hay` with: [`List::regex`], or its narrow form when `hay` is narrow
    /// (the same matches, and it compiles several times faster).
    fn regex_for(&self, hay: &str) -> &Regex {
        crate::narrow::narrow_or(
            hay,
            &self.narrow,
            || crate::narrow::narrow_regex(&self.source()),
            || self.regex(),
        )
    }

    /// Runs `f` on the text to search for `text`: its [`ascii_view`] for a list of ASCII words,
    /// else `text`.
    fn with_haystack<R>(&self, text: &str, f: impl FnOnce(&str) -> R) -> R {
        if self.ascii {
            f(&ascii_view(text))
        } else {
            f(text)
        }
    }

    /// Compiles the list's regex (see [`List::regex`]).
    pub(super) fn compile_regex(&self) -> Result<Regex, regex::Error> {
        Regex::new(&self.source())
    }

    /// The source of the list's regex.
    fn source(&self) -> String {
        let words = self.sorted();
        if words.is_empty() {
            NEVER.to_string()
        } else {
            phrases_to_regex(&words, false)
        }
    }
}

impl List {
    /// Every word, longest first (stable), so a phrase wins over a word it starts with: the
    /// order of the regex's alternatives.
    fn sorted(&self) -> Vec<String> {
        let mut words = self.all.clone();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words
    }
}

/// The search of a list's regex ([`phrases_to_regex`], case-insensitive) done without a regex,
/// for ASCII text and a list whose words are printable ASCII without `_` ([`ascii_safe`]): it
/// finds the same matches, and building it costs next to nothing where compiling the regex is
/// most of what checking one story costs.
///
/// Over ASCII text the regex's case-insensitive letters match their two ASCII cases only, its
/// `\s` is one of the six ASCII space bytes, and a word boundary falls between an ASCII word
/// byte (`[0-9A-Za-z_]`) and anything else. Each alternative is literal words joined by `\s+`
/// (which the next word, starting with no space, cannot take back), so it matches at most one
/// way at a place; the regex's match is at the leftmost place where an alternative matches, and
/// there the first alternative in order that does.
#[derive(Debug)]
pub(super) struct Phrases {
    /// The alternatives in order: each its words (lowercase) and whether it ends with a word
    /// character (a word boundary must follow).
    alts: Vec<(Vec<Box<[u8]>>, bool)>,
    /// The alternatives that start with a word character, in order, by the run of word
    /// characters they start with: the run of the text at a word start must be that.
    by_head: Words<Vec<u32>>,
    /// The first bytes (lowercase) of the keys of `by_head`, one bit each: a run of the text
    /// whose first byte is not among them is looked up no further (most words of a text start
    /// no alternative).
    head_starts: u128,
    /// The shortest and longest key of `by_head`, in bytes: a run of another length is not one.
    head_lens: (usize, usize),
    /// The alternatives that start with anything else, in order, by their first byte (256
    /// entries, most of them empty).
    by_byte: Vec<Vec<u32>>,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_space_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

impl Phrases {
    /// The search for `words`, in the regex's order; None when some word is empty or not
    /// [`ascii_safe`].
    fn new(words: &[String]) -> Option<Phrases> {
        if !ascii_safe(words) {
            return None;
        }
        let mut alts = Vec::with_capacity(words.len());
        let mut by_head: Words<Vec<u32>> = Words::default();
        let mut by_byte: Vec<Vec<u32>> = vec![Vec::new(); 256];
        let mut head_starts = 0u128;
        let mut head_lens = (usize::MAX, 0);
        for (i, w) in words.iter().enumerate() {
            let pieces: Vec<Box<[u8]>> = w
                .split_whitespace()
                .map(|p| p.to_ascii_lowercase().into_bytes().into_boxed_slice())
                .collect();
            let first = *pieces.first()?.first()?;
            let last = pieces.last().and_then(|p| p.last().copied())?;
            let i = u32::try_from(i).ok()?;
            if is_word_byte(first) {
                let head = &pieces[0][..pieces[0]
                    .iter()
                    .position(|&b| !is_word_byte(b))
                    .unwrap_or(pieces[0].len())];
                // Word bytes are ASCII; the pieces are lowercase.
                head_starts |= 1 << (head[0] & 0x7f);
                head_lens = (head_lens.0.min(head.len()), head_lens.1.max(head.len()));
                by_head
                    .entry(String::from_utf8(head.to_vec()).ok()?)
                    .or_default()
                    .push(i);
            } else {
                by_byte[usize::from(first)].push(i);
            }
            alts.push((pieces, is_word_byte(last)));
        }
        Some(Phrases {
            alts,
            by_head,
            head_starts,
            head_lens,
            by_byte,
        })
    }

    /// Where alternative `i` matches in `hay` from `at` (its start boundary already checked):
    /// the end of its match.
    fn match_at(&self, i: u32, hay: &[u8], at: usize) -> Option<usize> {
        let (pieces, ends_word) = &self.alts[i as usize];
        let mut end = at;
        for (k, piece) in pieces.iter().enumerate() {
            if k > 0 {
                let spaces = hay[end..].iter().take_while(|&&b| is_space_byte(b)).count();
                if spaces == 0 {
                    return None;
                }
                end += spaces;
            }
            let next = end + piece.len();
            if !hay.get(end..next)?.eq_ignore_ascii_case(piece) {
                return None;
            }
            end = next;
        }
        if *ends_word && hay.get(end).is_some_and(|&b| is_word_byte(b)) {
            return None;
        }
        Some(end)
    }

    /// The regex's first match in ASCII `text` that starts at `from` or later.
    fn next_match(&self, text: &str, from: usize) -> Option<Range<usize>> {
        let hay = text.as_bytes();
        let mut at = from;
        while at < hay.len() {
            let b = hay[at];
            if is_word_byte(b) {
                let run = at + hay[at..].iter().take_while(|&&b| is_word_byte(b)).count();
                let len = run - at;
                if (at == 0 || !is_word_byte(hay[at - 1]))
                    && self.head_starts & (1 << (b.to_ascii_lowercase() & 0x7f)) != 0
                    && (self.head_lens.0..=self.head_lens.1).contains(&len)
                {
                    // The run is ASCII, so it starts and ends on character boundaries: a
                    // slice of the text, not validated again as UTF-8.
                    let word = &text[at..run];
                    let found = with_ascii_lower(word, |w| {
                        self.by_head
                            .get(w)
                            .and_then(|alts| alts.iter().find_map(|&i| self.match_at(i, hay, at)))
                    });
                    if let Some(end) = found {
                        return Some(at..end);
                    }
                }
                // No alternative starts inside a run of word bytes.
                at = run;
            } else {
                if let Some(end) = self.by_byte[usize::from(b)]
                    .iter()
                    .find_map(|&i| self.match_at(i, hay, at))
                {
                    return Some(at..end);
                }
                at += 1;
            }
        }
        None
    }
}

/// Trims a word, folds its white space and lowercases it.
pub(crate) fn normalise(word: &str) -> String {
    word.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Builds one regex source from a list of phrases: escaped, with flexible white space, and word
/// boundaries only where a phrase starts or ends with a word character.
pub fn phrases_to_regex(phrases: &[String], case_sensitive: bool) -> String {
    let alternatives: Vec<String> = phrases
        .iter()
        .map(|p| {
            let p = p.trim();
            let words: Vec<String> = p.split_whitespace().map(regex::escape).collect();
            let mut body = words.join(r"\s+");
            if p.chars().next().is_some_and(is_word_char) {
                body = format!(r"\b{body}");
            }
            if p.chars().last().is_some_and(is_word_char) {
                body.push_str(r"\b");
            }
            body
        })
        .collect();
    let flags = if case_sensitive { "" } else { "(?i)" };
    format!("{flags}(?:{})", alternatives.join("|"))
}

/// A match of a list's words in a text (see [`List::find_iter`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListMatch<'t> {
    text: &'t str,
    range: Range<usize>,
}

impl<'t> ListMatch<'t> {
    /// Where it starts, in bytes.
    pub fn start(&self) -> usize {
        self.range.start
    }

    /// Where it ends, in bytes.
    pub fn end(&self) -> usize {
        self.range.end
    }

    /// Its byte range.
    pub fn range(&self) -> Range<usize> {
        self.range.clone()
    }

    /// The words matched, as written.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.range.clone()]
    }
}

/// Whether a list's regex (from [`phrases_to_regex`]) finds the same matches in any text's
/// [`ascii_view`] as in the text itself: every word is printable ASCII without `_`. Such a regex
/// matches only ASCII letters, digits and punctuation of its words, white space between them, and
/// word boundaries around them; the view keeps every ASCII byte, and turns each non-ASCII
/// character into as many bytes of its own class (`_` for a word character, a space for white
/// space, NUL for anything else), none of which a word of the list holds.
pub(crate) fn ascii_safe(words: &[String]) -> bool {
    words
        .iter()
        .all(|w| w.bytes().all(|b| (b' '..=b'~').contains(&b) && b != b'_'))
}

/// `text` with every non-ASCII character replaced by as many ASCII bytes of the same class for a
/// regex (`_` for a word character, a space for white space, NUL for the rest), so that byte
/// offsets stay the same. Unchanged when the text is ASCII, or when it holds one of the two
/// non-ASCII characters that match an ASCII letter case-insensitively (the Kelvin sign and the
/// long s).
pub(crate) fn ascii_view(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || text.contains(FOLDS_TO_ASCII) {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
        out.extend_from_slice(&rest.as_bytes()[..at]);
        let c = rest[at..].chars().next().unwrap_or_default();
        let fill = if c.is_whitespace() {
            b' '
        } else if regex_syntax::is_word_character(c) {
            b'_'
        } else {
            0
        };
        out.extend(std::iter::repeat_n(fill, c.len_utf8()));
        rest = &rest[at + c.len_utf8()..];
    }
    out.extend_from_slice(rest.as_bytes());
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A regex that never matches: what an empty list compiles to.
pub(crate) const NEVER: &str = r"[^\s\S]";

/// "june" → "June".
pub(crate) fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_two_non_ascii_characters_match_ascii_case_insensitively() {
        // `ascii_view` keeps the text as it is when it holds one of these two; any other
        // non-ASCII character that matched an ASCII letter or digit would break it.
        let ascii = Regex::new(r"(?i)^[a-z0-9]$").unwrap();
        let found: Vec<char> = (0x80..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|c| ascii.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(found, ['\u{17f}', '\u{212a}']);
    }

    #[test]
    fn keys_turn_away_only_words_that_are_not_keys() {
        let keys = ["said", "according", "é", "a"];
        let k = Keys::of(keys);
        for w in keys {
            assert!(k.may_hold(w), "{w}");
        }
        for w in ["", "xaid", "accordingly", "b", "Said"] {
            assert!(!k.may_hold(w), "{w}");
        }
        assert!(k.may_hold_ci("Said") && k.may_hold_ci("A") && !k.may_hold_ci("B"));
        assert!(Keys::of([""]).may_hold(""));
        assert!(!Keys::of([]).may_hold("a"));
    }

    #[test]
    fn the_phrase_search_finds_what_the_regex_finds() {
        // Longest first, as `List::sorted` orders them; heads of several lengths and first
        // letters, and alternatives led by a non-word byte.
        let mut words: Vec<String> = ["according to", "said", "says", "sources", "a", "$5", "(ap)"]
            .iter()
            .map(|w| w.to_string())
            .collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let phrases = Phrases::new(&words).unwrap();
        let re = Regex::new(&phrases_to_regex(&words, false)).unwrap();
        for text in [
            "He SAID, according\tto sources, a $5 fee (AP) was due; saidx says.",
            "Saying nothing: xsaid a_said A",
            "",
            "accordingto zz Sources",
        ] {
            let mut found = Vec::new();
            let mut at = 0;
            while let Some(range) = phrases.next_match(text, at) {
                at = range.end;
                found.push(range);
            }
            let expected: Vec<_> = re.find_iter(text).map(|m| m.range()).collect();
            assert!(!text.contains("said") || !expected.is_empty());
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn the_ascii_view_keeps_offsets_and_matches() {
        let text = "\u{201c}Ça va,\u{201d} said\u{a0}Zoë; according\u{2003}to her, naïvesaid";
        let view = ascii_view(text);
        assert_eq!(view.len(), text.len());
        assert!(view.is_ascii());
        let words = vec!["said".to_string(), "according to".to_string()];
        assert!(ascii_safe(&words));
        assert!(!ascii_safe(&["naïve".to_string()]));
        assert!(!ascii_safe(&["snake_case".to_string()]));
        let re = Regex::new(&phrases_to_regex(&words, false)).unwrap();
        let on = |t: &str| re.find_iter(t).map(|m| m.range()).collect::<Vec<_>>();
        assert_eq!(on(&view), on(text));
        assert_eq!(on(text).len(), 2);
        // The Kelvin sign matches "k": such a text is searched as it is.
        assert_eq!(
            ascii_view("\u{212a}ate said"),
            Cow::Borrowed("\u{212a}ate said")
        );
    }
}
