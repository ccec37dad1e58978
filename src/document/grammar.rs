//! The small grammar of attribution: the noun phrase that names a speaker or a source ("Mayor of
//! London Sadiq Khan", "the ferry captain", "she"), the verb of a clause (a speech verb, a verb of
//! view, a past tense), and the subject before a verb, past adverbs ("also") and appositives
//! ("Trump, also on Twitter, defended"). Read by the speaker finder and the sourcing analysis; the
//! words are the lexicon's.

use super::Quotation;
use crate::lexicon::{Lexicon, ListId};
use crate::span::Span;

/// The reporter's words of one document and the lexicon they are read with.
pub(super) struct Grammar<'d> {
    /// Prose with quotations blanked.
    pub(super) text: &'d str,
    pub(super) lex: &'d Lexicon,
    quotations: &'d [Quotation],
}

impl<'d> Grammar<'d> {
    pub(super) fn new(text: &'d str, lex: &'d Lexicon, quotations: &'d [Quotation]) -> Self {
        Grammar {
            text,
            lex,
            quotations,
        }
    }

    /// The length of a verb at the start of `s`: a speech verb or phrase of the lexicon, a verb
    /// of view, or (with `structural`) a past-tense verb ("observed", "tweeted").
    pub(super) fn verb_at(&self, s: &str, structural: bool) -> Option<usize> {
        let speech = &self.lex[ListId::SpeechVerbs];
        // Only a verb at the start counts: read a few words, not the rest of the text.
        if let Some(m) = speech.find(head(s, VERB_HEAD))
            && m.start() == 0
            && (m.as_str().starts_with(char::is_lowercase) || m.as_str().starts_with("According"))
        {
            return Some(m.end());
        }
        let word = first_word(s);
        let clean = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        if clean.is_empty() {
            return None;
        }
        if self.lex[ListId::ViewVerbs].contains_ci(clean) || (structural && self.is_past(clean)) {
            return Some(clean.len());
        }
        None
    }

    /// The lexicon's speech verbs and phrases in `from..to`. A capitalised one counts only where a
    /// sentence starts ("According to …"): "United States" has no verb.
    pub(super) fn speech_verbs(&self, from: usize, to: usize) -> Vec<Span> {
        let speech = &self.lex[ListId::SpeechVerbs];
        speech
            .find_iter(&self.text[from..to.max(from)])
            .map(|m| Span::from(m.range()).shift(from))
            .filter(|v| {
                self.text[v.range()].starts_with(char::is_lowercase) || {
                    let raw = &self.text[..v.start];
                    let before = raw.trim_end();
                    // A paragraph's start (with a blanked quotation before it, perhaps).
                    before.is_empty()
                        || raw[before.len()..].contains('\n')
                        || before.ends_with(['.', '!', '?', ':', '"', '\u{201c}', '\u{201d}'])
                }
            })
            .collect()
    }

    /// Whether a word can be the verb of a clause that introduces a quotation with a comma.
    pub(super) fn is_clause_verb(&self, w: &str) -> bool {
        !w.is_empty()
            && (self.is_speech_word(w)
                || self.lex[ListId::ViewVerbs].contains_ci(w)
                || (self.is_past(w) && w.chars().next().is_some_and(char::is_lowercase)))
    }

    /// A verb in the past tense: "observed", "tweeted", or one of the lexicon's irregular ones
    /// ("spoke", "gave").
    pub(super) fn is_past(&self, w: &str) -> bool {
        (is_past_tense(w) || self.lex[ListId::IrregularPast].contains_ci(w))
            && !self.lex[ListId::BeForms].contains_ci(w)
    }

    pub(super) fn is_speech_word(&self, w: &str) -> bool {
        let clean = w.trim_matches(|c: char| !c.is_alphabetic());
        clean.starts_with(char::is_lowercase) && self.lex[ListId::SpeechVerbs].contains_ci(clean)
    }

    pub(super) fn is_adverb(&self, w: &str) -> bool {
        let clean = w.trim_matches(|c: char| !c.is_alphabetic());
        self.lex[ListId::SpeakerAdverbs].contains_ci(clean)
            || (clean.len() > 4
                && clean.ends_with("ly")
                && clean.chars().next().is_some_and(char::is_lowercase))
    }

    /// The speaker named right after a verb: "said Mayor Ana Ruiz", "said the mayor", "said she".
    pub(super) fn speaker_after(&self, from: usize, to: usize) -> Option<Span> {
        let rest = &self.text[from..to.max(from)];
        let start = from + (rest.len() - rest.trim_start().len());
        let np = self.noun_phrase_forward(start, to)?;
        Some(np)
    }

    /// A noun phrase starting at `start`: a pronoun, a name ("Mayor of London Sadiq Khan", "J. R.
    /// Ortiz") or a determiner and its noun ("the mayor", "a spokesperson for the ministry").
    pub(super) fn noun_phrase_forward(&self, start: usize, to: usize) -> Option<Span> {
        let s = &self.text[start..to.max(start)];
        let first = first_word(s);
        let clean = first.trim_end_matches(|c: char| !c.is_alphanumeric());
        if clean.is_empty() {
            return None;
        }
        let lower = clean.to_lowercase();
        if self.lex[ListId::Pronouns].contains(&lower) {
            return Some(Span::new(start, start + clean.len()));
        }
        if self.lex[ListId::Determiners].contains(&lower) {
            // Up to the first punctuation or verb, at most eight words.
            let mut end = start + clean.len();
            for (at, w) in words(s).skip(1).take(8) {
                let c = w.trim_end_matches(|c: char| !c.is_alphanumeric());
                if c.is_empty()
                    || self.verb_at(w, true).is_some()
                    || self.lex[ListId::BeForms].contains_ci(c)
                    || self.lex[ListId::SpeakerAdverbs].contains_ci(c)
                    || self.lex[ListId::Pronouns].contains_ci(c)
                {
                    break;
                }
                end = start + at + c.len();
                if c.len() != w.len() {
                    break;
                }
            }
            return (end > start + clean.len()).then_some(Span::new(start, end));
        }
        if clean.starts_with(char::is_uppercase) {
            let end = name_forward(s)?;
            return Some(Span::new(start, start + end));
        }
        // A role before a name: "student protester Joshua Wong", "US voice actor Alexis Tipton".
        for (at, w) in words(s).take(5) {
            let c = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            if c.starts_with(char::is_uppercase) {
                let end = name_forward(&s[at..])?;
                return Some(Span::new(start, start + at + end));
            }
            let lower = c.to_lowercase();
            if c.len() != w.len()
                || self.lex[ListId::StopWords].contains(&lower)
                || self.verb_at(w, true).is_some()
                || self.is_adverb(c)
            {
                return None;
            }
        }
        None
    }

    /// A name or capitalised word extended over the lower-case words of a role to the name or
    /// plural noun they lead to: "Bayern general manager Uli Hoeness", "Japanese officials"
    /// (at most three such words, none a stop word, a verb, "be" or an adverb; a plural noun
    /// ends the phrase only where a verb follows it). Anything else leaves `np` as it is.
    pub(super) fn modified_name(&self, np: Span, to: usize) -> Span {
        let first = &self.text[np.range()];
        if !first.starts_with(char::is_uppercase)
            || self.text[np.end..to.max(np.end)].starts_with([',', '.', ';', ':'])
        {
            return np;
        }
        let s = &self.text[np.end..to.max(np.end)];
        for (k, (at, w)) in words(s).take(4).enumerate() {
            let c = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            if c.starts_with(char::is_uppercase) {
                return if k == 0 {
                    np
                } else {
                    name_forward(&s[at..]).map_or(np, |end| Span::new(np.start, np.end + at + end))
                };
            }
            let lower = c.to_lowercase();
            if c.is_empty()
                || !c.chars().all(char::is_alphabetic)
                || self.lex[ListId::StopWords].contains(&lower)
                || self.lex[ListId::BeForms].contains(&lower)
                || self.lex[ListId::Pronouns].contains(&lower)
                || self.verb_at(w, true).is_some()
                || self.is_adverb(c)
            {
                return np;
            }
            // "Japanese officials quoted": a plural noun of people, then the verb.
            let after = &s[at + w.len()..];
            let next = first_word(after.trim_start());
            if c.len() == w.len()
                && lower.ends_with('s')
                && !lower.ends_with("ss")
                && self.verb_at(next, true).is_some()
            {
                return Span::new(np.start, np.end + at + c.len());
            }
            if c.len() != w.len() {
                return np;
            }
        }
        np
    }

    /// The subject of the verb at `verb`: the pronoun, name or noun phrase just before it,
    /// skipping adverbs ("also") and an appositive in commas ("Trump, also on Twitter,
    /// defended"). None for a passive ("was announced").
    pub(super) fn subject_before(&self, from: usize, verb: usize) -> Option<Span> {
        // A subject and its appositive lie within a few hundred bytes of the verb: read no
        // further back, whatever the length of the sentence.
        let from = near_start(self.text, from, verb, SUBJECT_REACH);
        let mut words = word_offsets(&self.text[from..verb]);
        while let Some(&(_, w)) = words.last() {
            if self.is_adverb(w) && !w.ends_with(',') {
                words.pop();
            } else {
                break;
            }
        }
        let &(_, last) = words.last()?;
        if self.lex[ListId::BeForms].contains_ci(last.trim_matches(|c: char| !c.is_alphabetic())) {
            return None;
        }
        // An appositive: "Tipton, 25," / "Trump, also on Twitter," — the subject is before it.
        if last.ends_with(',') {
            let before = &words[..words.len() - 1];
            let opening = before.iter().rposition(|(_, w)| w.ends_with(','))?;
            words.truncate(opening + 1);
        }
        let &(last_at, last) = words.last()?;
        let last_clean = last.trim_end_matches([',', ';', ':']);
        let end = from + last_at + last_clean.len();
        if last_clean.is_empty() || last_clean.ends_with(|c: char| !c.is_alphanumeric() && c != '.')
        {
            return None;
        }
        let lower = last_clean.to_lowercase();
        if self.lex[ListId::Pronouns].contains(&lower) {
            return Some(Span::new(from + last_at, end));
        }
        let capital = |w: &str| {
            w.starts_with(char::is_uppercase) || w.trim_end_matches('.').chars().count() == 1
        };
        let n = words.len();
        if capital(last_clean) {
            // Back through capitalised words, initials and the linking words of names.
            let mut first = n - 1;
            for k in (0..n - 1).rev() {
                let w = words[k].1;
                if w.ends_with([',', ';', ':']) || !(capital(w) || is_linking(w)) {
                    break;
                }
                first = k;
            }
            while first < n - 1 && !capital(words[first].1) {
                first += 1;
            }
            return Some(Span::new(from + words[first].0, end));
        }
        // "a sign that read", "the woman who said": the noun phrase before the relative pronoun.
        if matches!(lower.as_str(), "that" | "which" | "who") && n > 1 {
            return self.subject_before(from, from + last_at);
        }
        // A noun phrase ends in a noun, not a function word or a participle ("… on Monday night
        // and argued", "… as a "chance," having questioned").
        if self.lex[ListId::StopWords].contains(&lower)
            || (lower.len() > 4 && lower.ends_with("ing"))
            || is_past_tense(&lower)
        {
            return None;
        }
        // "the statement", "one of them", "an eyewitness": back to a determiner, through no
        // verb, function word or punctuation.
        for &(at, w) in words[..n].iter().rev().take(6) {
            let c = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}');
            if c.len() + 1 < w.len() || (w.ends_with(',') && at != last_at) {
                break;
            }
            let lower = c.to_lowercase();
            if self.lex[ListId::Determiners].contains(&lower) || c.starts_with(char::is_uppercase) {
                let np = Span::new(from + at, end);
                // A quotation inside it: not a plain noun phrase.
                let quoted = self.quotations.iter().any(|q| np.overlaps(q.span));
                return (!quoted).then_some(np);
            }
            if self.lex[ListId::BeForms].contains(&lower)
                || self.lex[ListId::SpeechVerbs].contains(&lower)
                || (self.lex[ListId::StopWords].contains(&lower)
                    && !matches!(lower.as_str(), "of" | "for" | "from" | "at" | "with"))
            {
                break;
            }
        }
        None
    }

    /// The subject of the first verb of a clause that has one (a verb of view or a past-tense
    /// verb): "Fashion designer Mary Quant described Day to the BBC in 2002:".
    pub(super) fn verb_subject(&self, from: usize, to: usize) -> Option<Span> {
        word_offsets(&self.text[from..to])
            .into_iter()
            .find_map(|(at, w)| {
                let clean = w.trim_matches(|c: char| !c.is_alphanumeric());
                self.is_clause_verb(clean)
                    .then(|| self.subject_before(from, from + at))
                    .flatten()
            })
    }

    /// The subject of a clause read from its start: a pronoun, a name or a determiner's noun
    /// phrase, after an opening phrase set off by a comma ("On Tuesday, the mayor …").
    pub(super) fn clause_subject(&self, from: usize, to: usize) -> Option<Span> {
        let s = &self.text[from..to.max(from)];
        let words = word_offsets(s);
        let mut i = 0;
        // An opening phrase: a sentence starter that names no one ("In", "After", "Then") up to
        // its comma.
        if let Some(&(_, w)) = words.first() {
            let clean = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            let lower = clean.to_lowercase();
            let names_someone = self.lex[ListId::Pronouns].contains(&lower)
                || self.lex[ListId::Determiners].contains(&lower);
            if !names_someone
                && (self.lex[ListId::SentenceStarters].contains_capitalised(clean)
                    || self.lex.month_number(clean).is_some()
                    || self.lex.weekday_named(clean).is_some()
                    || self.is_adverb(clean)
                    || clean.chars().next().is_some_and(|c| !c.is_uppercase()))
                && let Some(comma) = words.iter().position(|(_, w)| w.ends_with(','))
            {
                i = comma + 1;
            }
        }
        // Adverbs and starters that name no one: "Then I thought:", "In her statement she …".
        let mut skipped = false;
        while let Some(&(_, w)) = words.get(i) {
            let clean = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            let lower = clean.to_lowercase();
            if self.lex[ListId::Pronouns].contains(&lower)
                || self.lex[ListId::Determiners].contains(&lower)
                || !(self.is_adverb(clean)
                    || self.lex[ListId::SentenceStarters].contains_capitalised(clean))
                || w.len() != clean.len()
            {
                break;
            }
            skipped = true;
            i += 1;
        }
        let named = |np: &Span| {
            let w = &self.text[np.range()];
            !self.lex[ListId::SentenceStarters].contains_capitalised(w)
                || self.lex[ListId::Pronouns].contains_ci(w)
        };
        if let Some(&(at, _)) = words.get(i)
            && let Some(np) = self.noun_phrase_forward(from + at, to).filter(named)
        {
            // "In her opening statement she …": the phrase after a preposition is not the
            // subject; a noun phrase right after it is.
            let next = &self.text[np.end..to.max(np.end)];
            let next_at = np.end + (next.len() - next.trim_start().len());
            if skipped
                && let Some(subject) = self
                    .noun_phrase_forward(next_at, to)
                    .filter(|s| s.start == next_at)
                    .filter(named)
            {
                return Some(subject);
            }
            return Some(np);
        }
        // "In her opening statement she put it this way:": the first pronoun or name.
        words.iter().find_map(|&(at, w)| {
            let clean = w.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = clean.to_lowercase();
            let candidate = self.lex[ListId::Pronouns].contains(&lower)
                || (clean.starts_with(char::is_uppercase)
                    && !self.lex[ListId::SentenceStarters].contains_capitalised(clean)
                    && self.lex.month_number(clean).is_none()
                    && self.lex.weekday_named(clean).is_none());
            if !candidate {
                return None;
            }
            self.noun_phrase_forward(from + at, to).filter(named)
        })
    }
}

/// Whether a word looks like a verb in the past tense: "observed", "tweeted", "remarked".
pub(super) fn is_past_tense(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed") && w.chars().all(|c| c.is_alphabetic() || c == '-')
}

pub(super) fn first_word(s: &str) -> &str {
    let s = s.trim_start();
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    &s[..end]
}

/// The small words inside names: "Mayor of London Sadiq Khan", "Ursula von der Leyen".
pub(super) fn is_linking(w: &str) -> bool {
    matches!(
        w,
        "of" | "the" | "de" | "der" | "van" | "von" | "al" | "bin" | "da" | "la" | "du" | "for"
    )
}

/// Byte length of a name at the start of `s`: capitalised words and initials ("J. R. Ortiz"),
/// with linking words between them ("Mayor of London Sadiq Khan"). Ends at punctuation other
/// than the period of an initial or a short abbreviation ("Dr.").
pub(super) fn name_forward(s: &str) -> Option<usize> {
    let mut words = words(s).peekable();
    let mut end = 0;
    while let Some((at, w)) = words.next() {
        if w.starts_with('(') {
            break;
        }
        let clean = w.trim_end_matches([',', '.', ';', ':', ')', '!', '?']);
        let capital = clean.starts_with(char::is_uppercase);
        let linking = is_linking(clean)
            && end > 0
            && words
                .peek()
                .is_some_and(|(_, n)| n.starts_with(char::is_uppercase));
        if !(capital || linking) {
            break;
        }
        if capital {
            end = at + clean.len();
        }
        let initial = clean.chars().count() <= 3 && w.len() == clean.len() + 1 && w.ends_with('.');
        if w.len() != clean.len() && !initial {
            break;
        }
    }
    (end > 0).then_some(end)
}

pub(super) fn word_offsets(s: &str) -> Vec<(usize, &str)> {
    words(s).collect()
}

/// The words of `s` (runs of non-space) with their byte offsets, read lazily: a caller that
/// wants the first few pays for those, not for the rest of the text.
pub(super) fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = s.char_indices();
    let mut start = None;
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            match (c.is_whitespace(), start) {
                (true, Some(st)) => {
                    start = None;
                    return Some((st, &s[st..i]));
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        start.take().map(|st| (st, &s[st..]))
    })
}

/// Bytes a verb phrase is looked for in at the start of a text (then up to the next space).
const VERB_HEAD: usize = 64;
/// Bytes before a verb its subject is looked for in.
pub(super) const SUBJECT_REACH: usize = 320;

/// The start of `s` up to the first space after `bytes` bytes (all of it when shorter).
pub(super) fn head(s: &str, bytes: usize) -> &str {
    if s.len() <= bytes {
        return s;
    }
    let mut at = bytes;
    while !s.is_char_boundary(at) {
        at += 1;
    }
    let end = s[at..]
        .find(char::is_whitespace)
        .map_or(s.len(), |i| at + i);
    &s[..end]
}

/// A start for reading `text[from..to]` no more than about `reach` bytes before `to`: `from`
/// itself when it is near enough, or else the start of the first word after `to - reach`.
pub(super) fn near_start(text: &str, from: usize, to: usize, reach: usize) -> usize {
    if to <= from || to - from <= reach {
        return from;
    }
    let mut at = to - reach;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    match text[at..to].char_indices().find(|(_, c)| c.is_whitespace()) {
        Some((i, c)) => at + i + c.len_utf8(),
        None => at,
    }
}

/// An end for reading `text[from..to]` no more than about `reach` bytes after `from`: `to`
/// itself when it is near enough, or else the end of the last word before `from + reach`.
pub(super) fn near_end(text: &str, from: usize, to: usize, reach: usize) -> usize {
    if to <= from || to - from <= reach {
        return to;
    }
    let mut at = from + reach;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    match text[from..at].rfind(char::is_whitespace) {
        Some(i) => from + i,
        None => at,
    }
}
