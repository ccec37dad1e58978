//! The tense of the clause a date sits in: the past ("met on Monday", "had given them until
//! Thursday"), the future ("will meet on Monday", "was forecast to reach land on Monday", "games
//! scheduled for Wednesday" unless they "were still held"), or not told.

use crate::lexicon::{Lexicon, ListId};

/// The tense a date's clause is told in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tense {
    /// Told as past.
    Past,
    /// Told as future.
    Future,
    /// Told as future from a past time: "the Senate announced it would meet on Monday". A
    /// weekday so told is the nearest one to the anchor, either side; anything else reads as
    /// the future.
    FutureInPast,
    /// Nothing tells.
    #[default]
    Unknown,
}

impl Tense {
    /// `past`, `future` or None.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Tense::Past => Some("past"),
            Tense::Future => Some("future"),
            Tense::FutureInPast => Some("future-in-past"),
            Tense::Unknown => None,
        }
    }
}

/// How far back and ahead of a date its clause is read, in bytes.
const REACH: usize = 240;

/// The words of a stretch of text, with their original case.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A past-tense verb: an irregular one, or a lowercase word ending in "-ed".
pub(super) fn is_past(lex: &Lexicon, word: &str) -> bool {
    // An ASCII word is read as it is, with no lowercase copy made (the same answers).
    if word.is_ascii() {
        return lex[ListId::PastVerbs].contains_ci(word)
            || (!word.bytes().any(|b| b.is_ascii_uppercase())
                && word.len() >= 4
                && word.ends_with("ed")
                && !lex[ListId::NotPastVerbs].contains(word));
    }
    let lower = word.to_lowercase();
    lex[ListId::PastVerbs].contains(&lower)
        || (word == lower
            && lower.len() >= 4
            && lower.ends_with("ed")
            && !lex[ListId::NotPastVerbs].contains(&lower))
}

/// The future marker that starts at `words[i]`, if one does ("will", "set to", "is to").
fn marker_at<'l>(lex: &'l Lexicon, words: &[&str], i: usize) -> Option<&'l str> {
    let markers = &lex[ListId::FutureMarkers];
    // A word no marker starts with is turned away by two lookups, not compared with every
    // marker (the list's words are lowercase; a word with an apostrophe, which `same_word`
    // reads either way, is compared).
    let first = words.get(i)?;
    if !first.contains(['\'', '\u{2019}'])
        && !markers.contains_ci(first)
        && !markers.starts_phrase_ci(first)
    {
        return None;
    }
    // The words compared first: most markers differ at the first word, and then no marker is
    // counted.
    markers.words().find(|m| {
        m.split(' ')
            .zip(&words[i.min(words.len())..])
            .all(|(p, w)| {
                // Modal "may" is lower case; "May" is the month.
                if p == "may" {
                    *w == "may"
                } else {
                    same_word(w, p)
                }
            })
            && m.split(' ').count() + i <= words.len()
    })
}

/// Whether two words are the same ignoring ASCII case, a curly apostrophe read as a straight one
/// (what comparing them with '’' replaced by '\'' gives, without building either).
fn same_word(a: &str, b: &str) -> bool {
    let straight = |c: char| if c == '’' { '\'' } else { c };
    let (mut a, mut b) = (a.chars().map(straight), b.chars().map(straight));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

/// A past tense at `words[i]`: a past verb that is not a participle after "be", "to" or
/// "will" ("to be held on", "will be instated on").
fn past_at(lex: &Lexicon, words: &[&str], i: usize) -> bool {
    // "a revised design", "the planned route": an adjective after a determiner.
    is_past(lex, words[i])
        && marker_at(lex, words, i).is_none()
        && !perfect_infinitive_at(words, i)
        && !i.checked_sub(1).is_some_and(|j| {
            lower_is(
                words[j],
                &[
                    "be", "to", "is", "are", "am", "been", "when", "once", "if", "unless", "will",
                    "would", "being", "a", "an", "the", "its", "his", "her", "their", "our",
                    "this", "that", "these", "those", "newly",
                ],
            )
        })
}

/// Whether `words[i]` is the participle of a perfect infinitive or a future perfect ("expects to
/// have wrapped up by", "will have finished by"): a deed done by a time still ahead, no past.
fn perfect_infinitive_at(words: &[&str], i: usize) -> bool {
    i >= 2 && lower_is(words[i - 1], &["have"]) && lower_is(words[i - 2], &["to", "will", "shall"])
}

/// Whether `word` lowercased is one of `words` (lowercase): with no lowercase copy made of an
/// ASCII word.
fn lower_is(word: &str, words: &[&str]) -> bool {
    if word.is_ascii() {
        words.iter().any(|w| word.eq_ignore_ascii_case(w))
    } else {
        words.contains(&word.to_lowercase().as_str())
    }
}

/// Whether `w` is a lowercase word that cannot precede a finite verb of its own clause: an
/// auxiliary or modal, "to", "not", a determiner, "of", a possessive, or a relative pronoun
/// ("did not begin", "to meet", "the head of", "who heads").
fn no_finite_after(lex: &Lexicon, w: &str) -> bool {
    let lower = w.to_lowercase().replace('’', "'");
    matches!(
        lower.as_str(),
        "to" | "not"
            | "never"
            | "did"
            | "does"
            | "do"
            | "will"
            | "would"
            | "can"
            | "could"
            | "may"
            | "might"
            | "should"
            | "must"
            | "shall"
            | "of"
            | "who"
            | "which"
            | "that"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
    ) || lower.ends_with("n't")
        || lower.ends_with("'s")
        || lex[ListId::Determiners].contains(&lower)
}

/// A verb of a scheduled event in the simple present at `words[i]` ("the trial begins on
/// Tuesday", "he faces sentencing on May 3"): the copy's present with a date of its own looks
/// ahead.
fn scheduled_at(lex: &Lexicon, words: &[&str], i: usize) -> bool {
    let w = words[i];
    w.starts_with(char::is_lowercase)
        && lex[ListId::ScheduledPresentVerbs].contains(w)
        && i.checked_sub(1)
            .is_none_or(|j| !no_finite_after(lex, words[j]))
}

/// A present progressive at `words[i]`, "is" or "are" before a verb in -ing ("is holding a
/// hearing on Tuesday", "are being sentenced on May 3"): an arrangement ahead.
fn progressive_at(lex: &Lexicon, words: &[&str], i: usize) -> bool {
    matches!(words[i].to_lowercase().as_str(), "is" | "are" | "am")
        && words.get(i + 1).is_some_and(|w| {
            w.len() >= 5
                && w.ends_with("ing")
                && w.starts_with(char::is_lowercase)
                && !lex[ListId::IngAdjectives].contains(w)
        })
}

/// Whether the verb group governing the infinitive "to" at `words[i]` is a present or a present
/// perfect: "has been ordered to appear on", "is required to report by", "have agreed to pay by".
/// What such a group orders, requires or commits to is still ahead (a past one, "was ordered to
/// appear on", tells nothing of when).
fn present_group_before_to(lex: &Lexicon, words: &[&str], i: usize) -> bool {
    let at = |k: usize| words.get(k).map(|w| w.to_lowercase()).unwrap_or_default();
    let Some(j) = i.checked_sub(1) else {
        return false;
    };
    if !is_past(lex, words[j]) {
        return false;
    }
    let aux = j.checked_sub(1).map(at).unwrap_or_default();
    match aux.as_str() {
        "is" | "are" | "am" | "has" | "have" => true,
        "been" => matches!(
            j.checked_sub(2).map(at).unwrap_or_default().as_str(),
            "has" | "have"
        ),
        _ => false,
    }
}

/// Whether a simple past verb (not a perfect's participle) is among `words[..upto]`.
fn simple_past_before(lex: &Lexicon, words: &[&str], upto: usize) -> bool {
    (0..upto.min(words.len())).any(|k| {
        past_at(lex, words, k)
            && !k
                .checked_sub(1)
                .is_some_and(|j| lower_is(words[j], &["has", "have"]))
    })
}

/// The tense of the clause around `text[start..end]`: the nearest verb before the date that
/// tells a tense, else the first one after it.
pub(super) fn tense(lex: &Lexicon, text: &str, start: usize, end: usize) -> Tense {
    const ENDS: [char; 8] = ['.', ';', '!', '?', ':', '"', '“', '”'];
    // A period ends a clause, but not one of an abbreviation ("5 p.m.", "Nov. 7", "U.S.").
    let ends = |s: &str, i: usize, c: char| {
        if c == ':' {
            // "5:00": a clock time, not a colon.
            return !(s[..i].ends_with(|d: char| d.is_ascii_digit())
                && s[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
        }
        if c != '.' {
            return ENDS.contains(&c);
        }
        let word = s[..i]
            .rsplit(|ch: char| !(ch.is_alphanumeric() || ch == '.'))
            .next()
            .unwrap_or("");
        let last = word.rsplit('.').next().unwrap_or("");
        !(last.chars().count() == 1 && last.chars().all(char::is_alphabetic)
            || lex.never_ends_sentence(&last.to_lowercase()))
    };
    let lo = floor(text, start.saturating_sub(REACH));
    let before = &text[lo..start];
    let cut = before
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(before, i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let before = &before[cut..];
    let hi = floor(text, (end + REACH).min(text.len()));
    let after = &text[end..hi];
    let after = &after[..after
        .char_indices()
        .find(|&(i, c)| ends(after, i, c))
        .map_or(after.len(), |(i, _)| i)];
    let mut before = words(before);
    let after = words(after);
    // "since November", "has waited since Monday": the time something has run from is past,
    // whatever the verb ("has been poised to enter talks since November").
    let lead_word = text[start..end].split_whitespace().next().unwrap_or("");
    if lower_is(lead_word, &["since"]) || before.last().is_some_and(|w| lower_is(w, &["since"])) {
        return Tense::Past;
    }
    // A simple past verb anywhere before in the sentence, past the clause's "that": what a
    // "would" after it looks ahead from ("announced that it would meet on Monday").
    let clause = before
        .iter()
        .rposition(|w| lower_is(w, &["that", "and", "but"]));
    let past_before_clause = clause.is_some_and(|cut| simple_past_before(lex, &before, cut));
    // The clause: back to "that" ("announced that from June 15, masks would …"), or to "and"
    // or "but" joining clauses ("have won four games and play on Saturday"), unless the date
    // itself follows it ("Monday and Tuesday").
    if let Some(i) = clause
        && i + 1 < before.len()
    {
        before.drain(..=i);
    }
    // "rescheduled the race to June 2", "voted to ban foam starting July 1": the date a past
    // action points to, not the time of the action.
    // "Sessions's Oct. 16 memorandum", "the March 27 article": a date naming a thing, told in
    // no tense of its own.
    let attributive = before.last().is_some_and(|w| {
        let lower = w.to_lowercase().replace('’', "'");
        lower.ends_with("'s") || lex[ListId::Determiners].contains(&lower)
    }) && text[end..].starts_with(' ')
        && after
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
    if attributive {
        return Tense::Unknown;
    }
    // ("from May 1 to June 2" is a range, not a target.)
    let last = before.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let range = before
        .iter()
        .rev()
        .take(6)
        .any(|w| w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("between"));
    let target = matches!(last.as_str(), "starting" | "beginning" | "effective")
        || (matches!(last.as_str(), "to" | "till") && !range);
    // "delaying the election until June", "postponed the vote to March 3": the date an event or
    // a deadline is moved to, told in no tense of its own.
    let lead = text[start..end]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let moved = [lead.as_str(), last.as_str()]
        .iter()
        .any(|w| matches!(*w, "until" | "till" | "through" | "to"))
        && before
            .iter()
            .any(|w| lex[ListId::DateMovingVerbs].contains(&w.to_lowercase()));
    if target || moved {
        return Tense::Unknown;
    }
    // A past verb right after the date overrules a marker before it: "games scheduled for
    // Wednesday were still held".
    let past_after = after
        .iter()
        .take(4)
        .any(|w| lower_is(w, &["was", "were", "had", "did"]));
    let mut weak = false;
    for i in (0..before.len()).rev() {
        if let Some(m) = marker_at(lex, &before, i) {
            if past_after {
                return Tense::Past;
            }
            // "had been expected to take place Friday night", "had been due on Monday": a plan
            // told in the past perfect, overtaken by what the story tells; its day is past.
            if i >= 2 && lower_is(before[i - 1], &["been"]) && lower_is(before[i - 2], &["had"]) {
                return Tense::Past;
            }
            if lex[ListId::WeakFutureMarkers].contains(m) {
                // "until Thursday": the future unless a verb before says otherwise.
                weak = true;
                continue;
            }
            if m == "would" && (past_before_clause || simple_past_before(lex, &before, i)) {
                return Tense::FutureInPast;
            }
            return Tense::Future;
        }
        if past_at(lex, &before, i) {
            return Tense::Past;
        }
        let lower = before[i].to_lowercase();
        // A clause of time in the present tells the future: "when she is sentenced on Dec. 22",
        // "once approved on Monday", "when sentenced on Feb. 2".
        let temporal = |j: usize| matches!(before[j].to_lowercase().as_str(), "when" | "once");
        if temporal(i) && before.get(i + 1).is_some_and(|w| is_past(lex, w)) {
            return Tense::Future;
        }
        if scheduled_at(lex, &before, i) {
            return if past_after {
                Tense::Past
            } else {
                Tense::Future
            };
        }
        if progressive_at(lex, &before, i) {
            return Tense::Future;
        }
        // A present tense governs it ("have until September 23"): no past.
        if matches!(
            lower.as_str(),
            "is" | "are" | "am" | "has" | "have" | "says" | "say"
        ) {
            if (i.saturating_sub(3)..i).any(temporal) {
                return Tense::Future;
            }
            return if weak { Tense::Future } else { Tense::Unknown };
        }
        // An infinitive ("a ticket to travel to Honolulu on Nov. 1", "a rule to provide six
        // days, until November 8"): an intended act, told in no tense of its own.
        if lower == "to"
            && !(i > 0 && marker_at(lex, &before, i - 1).is_some())
            && before.get(i + 1).is_some_and(|n| {
                n.chars().next().is_some_and(char::is_lowercase)
                    && !lex[ListId::Determiners].contains(&n.to_lowercase())
                    && !n.chars().all(|c| c.is_ascii_digit())
            })
        {
            if present_group_before_to(lex, &before, i) {
                return Tense::Future;
            }
            return if weak { Tense::Future } else { Tense::Unknown };
        }
    }
    if weak {
        return Tense::Future;
    }
    // "Cup schedule: Saturday Riverton at Millbrook, 3 p.m.": a listing of fixtures,
    // with no verb to tell a tense, names days ahead.
    let listing = before
        .iter()
        .any(|w| lex[ListId::ScheduleNouns].contains(&w.to_lowercase()));
    for i in 0..after.len() {
        if matches!(
            after[i].to_lowercase().as_str(),
            "will" | "shall" | "won't" | "would"
        ) {
            return Tense::Future;
        }
        if past_at(lex, &after, i) {
            return Tense::Past;
        }
        // "On Tuesday, the trial begins", "On Monday, the court is hearing arguments": the
        // verb of a short subject only (not a word far on, in "On Friday, thousands of
        // protesters wearing black clothes, face masks and helmets gathered").
        if i < 4 && (scheduled_at(lex, &after, i) || progressive_at(lex, &after, i)) {
            return Tense::Future;
        }
    }
    if listing {
        return Tense::Future;
    }
    Tense::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_word_reads_a_curly_apostrophe_as_straight() {
        for (a, b) in [
            ("won’t", "won't"),
            ("WON'T", "won’t"),
            ("Set", "set"),
            ("sets", "set"),
            ("set", "sets"),
            ("é", "É"),
            ("’", "'"),
            ("", ""),
        ] {
            let replaced = a
                .replace('’', "'")
                .eq_ignore_ascii_case(&b.replace('’', "'"));
            assert_eq!(same_word(a, b), replaced, "{a} {b}");
        }
    }

    fn at(sentence: &str, date: &str) -> Tense {
        let start = sentence.find(date).unwrap();
        tense(Lexicon::builtin(), sentence, start, start + date.len())
    }

    #[test]
    fn tenses_of_real_sentences() {
        use Tense::*;
        for (s, d, want) in [
            ("The council met on Monday.", "Monday", Past),
            (
                "The guild has been poised to enter talks since November, but waited.",
                "since November",
                Past,
            ),
            (
                "Smith, who underwent back surgery Thursday, will miss the game.",
                "Thursday",
                Past,
            ),
            ("The council will meet on Monday.", "Monday", Future),
            (
                "Student groups had given the government until Thursday to drop it.",
                "Thursday",
                Past,
            ),
            (
                "Dorian was forecast to reach the coast late on Monday.",
                "Monday",
                Future,
            ),
            (
                "Meteorologists predict landfall Saturday morning.",
                "Saturday",
                Future,
            ),
            (
                "Other games scheduled for Wednesday were still held.",
                "Wednesday",
                Past,
            ),
            (
                "The commission announced on Friday the debate, which was slated for October 15, is off.",
                "Friday",
                Past,
            ),
            (
                "On Thursday, Tsikhanouskaya, a candidate in the election to be held on August 9, held a rally.",
                "Thursday",
                Past,
            ),
            (
                "On Thursday, Tsikhanouskaya, a candidate in the election to be held on August 9, held a rally.",
                "August 9",
                Future,
            ),
            ("The hearing is on Monday.", "Monday", Unknown),
            (
                "Pelosi has proposed legislation that would fund the government through September.",
                "September",
                Future,
            ),
            (
                "Dorian was forecast to reach the eastern coast of the United States late on Monday or early Tuesday.",
                "Tuesday",
                Future,
            ),
            (
                "Maryland rescheduled most of its primary races to June 2.",
                "June 2",
                Unknown,
            ),
            (
                "Grant Shapps announced that from June 15, wearing a face covering would become compulsory.",
                "June 15",
                Future,
            ),
            (
                "The board expects to vote on a revised design by Sept. 9.",
                "Sept. 9",
                Future,
            ),
            (
                "The council voted in March to ban foam containers starting July 1.",
                "July 1",
                Unknown,
            ),
            (
                "He will get 20 years when sentenced on December 20.",
                "December 20",
                Future,
            ),
            (
                "Stewart had bought a ticket to travel to Honolulu on Nov. 1.",
                "Nov. 1",
                Unknown,
            ),
            (
                "Americans who have concealed assets have until September 23 to come clean.",
                "September 23",
                Future,
            ),
            (
                "She faces 20 years when she is sentenced on Dec. 22.",
                "Dec. 22",
                Future,
            ),
            (
                "He faces a maximum of 20 years when sentenced on Feb. 2.",
                "Feb. 2",
                Future,
            ),
            (
                "He was arrested when he was seen on Monday.",
                "Monday",
                Past,
            ),
            (
                "He remains in custody pending a hearing on Tuesday.",
                "Tuesday",
                Future,
            ),
            ("He is scheduled for sentencing on May 3.", "May 3", Future),
            (
                "She is scheduled to be sentenced on May 3.",
                "May 3",
                Future,
            ),
            ("He will be sentenced on May 3.", "May 3", Future),
            ("Sentencing has been set for May 3.", "May 3", Future),
            ("She pleaded guilty on Monday.", "Monday", Past),
            ("They have pleaded guilty on Monday.", "Monday", Past),
            ("He was sentenced Thursday.", "Thursday", Past),
            (
                "The court ruled that when on Monday it met, it was quorate.",
                "Monday",
                Past,
            ),
            (
                "The defendants are to be sentenced on May 3.",
                "May 3",
                Future,
            ),
            (
                "Based on data from the office, in fiscal year 2016 (starting October 1), 11 were charged.",
                "October 1",
                Unknown,
            ),
            (
                "Ellis will work under Sessions's Oct. 16 memorandum.",
                "Oct. 16",
                Unknown,
            ),
            (
                "The state adopted a rule to provide six days, until 5:00 p.m. PDT on November 8.",
                "November 8",
                Future,
            ),
            (
                "The Seahawks have won four straight games and play at Kestrel State on Saturday.",
                "Saturday",
                Unknown,
            ),
            (
                "The United Kingdom, the next highest country, reported 37,542 deaths as of Wednesday.",
                "Wednesday",
                Past,
            ),
        ] {
            assert_eq!(at(s, d), want, "{s} / {d}");
        }
    }

    /// The finite verb group of a clause tells its tense: a present progressive, a scheduled
    /// present, and a present or perfect group ordering an infinitive look ahead; a past one
    /// does not, nor does an -ing adjective or a noun that looks like a verb.
    #[test]
    fn present_and_perfect_groups_look_ahead() {
        use Tense::*;
        for (s, d, want) in [
            (
                "The panel is holding a hearing on Tuesday.",
                "Tuesday",
                Future,
            ),
            ("Both men are being sentenced on May 3.", "May 3", Future),
            (
                "The inquiry is ongoing after the blast on Monday.",
                "Monday",
                Unknown,
            ),
            ("The retrial begins on Tuesday.", "Tuesday", Future),
            ("She faces sentencing on June 9.", "June 9", Future),
            ("The summit convenes on Sunday.", "Sunday", Future),
            ("Filers sent in tax returns on Monday.", "Monday", Past),
            (
                "On Friday, thousands of protesters wearing black clothes, and an army that meets \
                 them, gathered.",
                "Friday",
                Past,
            ),
            ("The trial did not begin on Tuesday.", "Tuesday", Past),
            (
                "The head of the agency on Monday said it would close.",
                "Monday",
                Past,
            ),
            (
                "The mayor, who heads the board, spoke on Monday.",
                "Monday",
                Past,
            ),
            ("On Friday, the festival opens.", "Friday", Future),
            (
                "He has been ordered to appear in court on Friday.",
                "Friday",
                Future,
            ),
            (
                "The firm is required to report by March 1.",
                "March 1",
                Future,
            ),
            (
                "The company has agreed to pay the fine by June 30.",
                "June 30",
                Future,
            ),
            (
                "He was ordered to appear in court on Friday.",
                "Friday",
                Unknown,
            ),
            ("He had been told to leave by Friday.", "Friday", Unknown),
            (
                "The order, signed Monday, delayed the vote until June.",
                "until June",
                Unknown,
            ),
            (
                "The board postponed the hearing to March 3.",
                "March 3",
                Unknown,
            ),
            ("The board met until June 3.", "June 3", Past),
            (
                "The Senate announced that it would meet on Monday.",
                "Monday",
                FutureInPast,
            ),
            (
                "It was agreed a partial lockdown would be instated on Saturday.",
                "Saturday",
                FutureInPast,
            ),
            (
                "Pelosi has proposed a bill that would fund the government through September.",
                "September",
                Future,
            ),
            ("A new law would take effect on Monday.", "Monday", Future),
            // A perfect infinitive or a future perfect is a deed done by a time ahead.
            (
                "The firm expects to have sold the plant before it reports on March 30.",
                "March 30",
                Unknown,
            ),
            (
                "Crews will have repaired the bridge by June 30.",
                "June 30",
                Unknown,
            ),
            ("The crews repaired the bridge by June 30.", "June 30", Past),
            // A scheduled present in the plural, and a listing of fixtures with no verb.
            ("The two sides meet again on Friday.", "Friday", Future),
            (
                "Cup schedule Saturday Ashford at Hollins, 3 p.m. Sunday Brent at Coyle, 1 p.m.",
                "Sunday",
                Future,
            ),
            ("The schedule was posted on Monday.", "Monday", Past),
        ] {
            assert_eq!(at(s, d), want, "{s} / {d}");
        }
    }
}
