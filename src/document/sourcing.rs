//! Sourcing: the phrases by which a story passes on a claim without saying who makes it (weasels:
//! "reportedly", "it was reported", "was said to", "according to reports", "multiple news outlets
//! reported", "experts say", "the consensus among scientists", "a recent poll found"), and the
//! anonymous sources it cites ("officials said", "according to authorities", "sources within the
//! party"), each with what the story says around it: where the source is named nearby, what
//! organisation gives bare officials an antecedent, and which named outlet relays an anonymous
//! source.
//!
//! The analysis reads the reporter's words only (quotations are blanked), sentence by sentence, a
//! word at a time; the words are the lexicon's (`hedge_adverbs`, `hearsay_participles`,
//! `report_nouns`, `outlet_nouns`, `unnamed_groups`, `group_quantifiers`, `claim_verbs`,
//! `consensus_nouns`, `poll_nouns`, `finding_verbs`, `official_nouns`, `source_nouns`,
//! `organisation_nouns`, and those of this module alone: `outlet_quantifiers`, `outlet_verbs`,
//! `report_verbs`, `report_time_words`, `media_words`, `report_qualifiers`, `filler_adverbs`,
//! `crowd_words`, `informant_nouns`, `source_placings`, `people_placings`, `citing_words`, `source_verbs`,
//! `verbs_before_officials`, `relay_verbs`, `outlet_report_verbs`, `naming_verbs`,
//! `name_verb_fillers`, `relative_hearsay`, `group_placings`, `unnamed_members`,
//! `report_prepositions`); only grammar words (articles, prepositions, forms of
//! "have", relative pronouns) stay in code. The rules decide what to flag: `attribution.weasel` and
//! `attribution.anonymous-source` add their own phrases and reasons.

use super::{BlockKind, Document};
use crate::lexicon::{Lexicon, ListId, Membership};
use crate::span::Span;
use std::borrow::Cow;
use std::cell::LazyCell;
use std::ops::Deref;

/// How a weasel phrase hides its source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeaselKind {
    /// "reportedly", "purportedly".
    Hedge,
    /// An agentless passive: "it was reported", "was said to", "has been described as", "a
    /// reported total".
    Passive,
    /// Unnamed reports: "according to reports", "reports said", "there had been reports".
    Reports,
    /// Unnamed outlets: "multiple news outlets reported".
    Outlets,
    /// An unnamed group holding a view: "experts say", "critics charge".
    Group,
    /// No group at all: "some say", "many believe", "others argue".
    Crowd,
    /// A view among an unnamed group: "the consensus among scientists".
    Consensus,
    /// A poll or estimate with none named: "a recent poll found", "estimates suggest".
    Poll,
}

impl WeaselKind {
    /// Whether a source named in the next sentence may be the one it passes on: not for an
    /// agentless passive ("The paper is said to be the pope's mouthpiece. The paper goes on to
    /// accuse …"), whose own clause hides who says it; the next sentence's source speaks for
    /// its own claim.
    pub fn named_next(self) -> bool {
        self != WeaselKind::Passive
    }
}

/// Who an anonymous source is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnonymousKind {
    /// Officials or authorities with nothing to say which: "officials said", "according to
    /// authorities".
    Officials,
    /// An unnamed person or people: "a source said", "sources within the party", "people
    /// familiar with the matter".
    Individual,
}

/// A sourcing phrase and what surrounds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sourcing {
    /// A weasel phrase.
    Weasel {
        /// The phrase.
        span: Span,
        /// Its block.
        block: usize,
        /// How it hides its source.
        kind: WeaselKind,
        /// Where its sentence or the next names a source, if one does.
        named: Option<Span>,
    },
    /// An anonymous source.
    Anonymous {
        /// The phrase.
        span: Span,
        /// Its block.
        block: usize,
        /// Officials or an unnamed person.
        kind: AnonymousKind,
        /// For officials: an organisation or qualified officials named in the same or the
        /// previous sentence, which they stand for.
        antecedent: Option<Span>,
        /// A named outlet that relays the source ("told Reuters", "According to CNN, …").
        relayed_by: Option<Span>,
    },
}

impl Sourcing {
    /// The phrase.
    pub fn span(&self) -> Span {
        match self {
            Sourcing::Weasel { span, .. } | Sourcing::Anonymous { span, .. } => *span,
        }
    }
}

/// A word of the reporter's text: where it is, and its letters lowercased.
#[derive(Clone, Debug)]
struct Word<'t> {
    span: Span,
    /// Borrowed from the text when it is already lower case (most words are): a word of every
    /// sentence is read, and a copy of each cost more than the reading.
    lower: Cow<'t, str>,
    /// Capitalised as written.
    capital: bool,
    /// Punctuation right after it (a comma, a period …) ends a phrase.
    punct_after: bool,
    /// Written with a possessive "'s" ("the company's survey").
    possessive: bool,
    /// The lexicon's lists it is a word of or starts a phrase of, looked up once: the
    /// detectors try each word against dozens of lists.
    lists: Membership,
}

impl Word<'_> {
    /// The word lowercased.
    fn low(&self) -> &str {
        &self.lower
    }

    /// Whether the word is a word of `list` (its lowercase form, as [`crate::lexicon::List::contains`] reads
    /// it).
    fn is_in(&self, list: ListId) -> bool {
        self.lists.contains(list)
    }
}

/// Every sourcing phrase of the story's prose (paragraphs and list items), in order.
pub(super) fn analyse(doc: &Document) -> Vec<Sourcing> {
    let lex = doc.lexicon;
    let issuer = issuer(doc);
    // In crime and court copy, and in an organisation's own release, "allegedly" is the
    // language of a charge and "purportedly" marks a pretence the story exposes. Read the first
    // time a sentence has such an adverb (most stories have none: the story is not read for it).
    let crime = LazyCell::new(|| issuer.is_some() || crime_copy(doc));
    // Interview answers and transcript lines are their speakers' words.
    let others = super::speakers::other_voices(doc);
    let mut out = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        if matches!(
            block.kind,
            BlockKind::Headline | BlockKind::Heading | BlockKind::Byline
        ) || others.get(bi).copied().unwrap_or(false)
        {
            continue;
        }
        for sentence in doc.sentences_of(bi) {
            let words = words_of(doc.lexicon, &doc.unquoted, sentence.span);
            for (span, kind) in weasels(lex, &words, &crime) {
                // In an organisation's own release, an impersonal belief or estimate ("is
                // believed to", "it was estimated") is the issuer's own voice; hearsay ("is
                // reported to", "was said to") still passes on someone else's claim.
                if kind == WeaselKind::Passive && issuer.is_some() && belief_of(&words, span, true)
                {
                    continue;
                }
                if kind == WeaselKind::Group
                    && introduced_before(doc, &words, span, sentence.span.start)
                {
                    continue;
                }
                out.push(Sourcing::Weasel {
                    span,
                    block: bi,
                    kind,
                    named: named_near(doc, span, kind.named_next()),
                });
            }
            for (span, kind) in anonymous(lex, &words) {
                out.push(Sourcing::Anonymous {
                    span,
                    block: bi,
                    kind,
                    antecedent: (kind == AnonymousKind::Officials)
                        .then(|| officials_antecedent(doc, span))
                        .flatten(),
                    relayed_by: relaying_outlet(doc, span),
                });
            }
        }
    }
    out
}

/// Whether a group weasel's people are ones the story has already introduced: a plural no list
/// names ("Doctors have also said …") whose singular or plural the text just before its sentence
/// uses ("a press release read out by another doctor at the hospital"). They point back to the
/// people met there, as "the doctors" would; a listed group ("experts say") never does. Only the
/// 3,000 bytes before the sentence are read.
fn introduced_before(doc: &Document, words: &[Word], span: Span, sentence_start: usize) -> bool {
    // Bare: a quantifier ("many celebrities have said") makes the people some of a kind, not
    // ones met before.
    let Some(first) = words.iter().find(|x| span.contains(x.span)) else {
        return false;
    };
    if first.is_in(ListId::GroupQuantifiers) {
        return false;
    }
    // The group is the phrase's first word: "Doctors have also said", not "arrangements" in
    // "Supporters of such arrangements contend".
    let x = first;
    let plural = x.lower.len() > 3
        && x.lower.ends_with('s')
        && !x.lower.ends_with("ss")
        && (!x.capital || words.first().is_some_and(|f| f.span == x.span))
        && ![
            ListId::UnnamedGroups,
            ListId::StopWords,
            ListId::ClaimVerbs,
            ListId::CrowdWords,
        ]
        .iter()
        .any(|&l| x.is_in(l));
    if !plural {
        return false;
    }
    used_before(doc, &x.lower, sentence_start)
}

/// Whether the plural `plural` or its singular is a word of the reporter's text in the 3,000
/// bytes before `at`.
fn used_before(doc: &Document, plural: &str, at: usize) -> bool {
    let singular = plural
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .unwrap_or_else(|| plural[..plural.len() - 1].to_string());
    let mut from = at.saturating_sub(3000);
    while !doc.unquoted.is_char_boundary(from) {
        from += 1;
    }
    doc.unquoted[from..at]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| {
            (w.len() == singular.len() || w.len() == plural.len())
                && (w.eq_ignore_ascii_case(&singular) || w.eq_ignore_ascii_case(plural))
        })
}

/// Whether the story is crime or court copy (a word of the lexicon's `crime_words` in the
/// reporter's text), where "allegedly" is the language of a charge. Read only when the story
/// has an "allegedly" to excuse.
fn crime_copy(doc: &Document) -> bool {
    let lex = doc.lexicon;
    let text = &doc.unquoted;
    // A word of one of `lists`, lower-cased: an ASCII word is looked up without a copy (the
    // lists' entries are lower case, so ignoring ASCII case is the same lookup).
    let listed = |w: &str, lists: &[ListId]| {
        !w.is_empty()
            && if w.is_ascii() {
                lists.iter().any(|&l| lex[l].contains_ci(w))
            } else {
                let w = w.to_lowercase();
                lists.iter().any(|&l| lex[l].contains(&w))
            }
    };
    let any_hedge = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| listed(w, &[ListId::CrimeHedgeAdverbs, ListId::SoftHedgeAdverbs]));
    any_hedge
        && text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| listed(w, &[ListId::CrimeWords]))
}

/// The sentence holding `span` and the one after it in the same block.
fn sentence_and_next(doc: &Document, span: Span) -> Option<(Span, Option<Span>)> {
    let i = doc.sentences.partition_point(|s| s.span.end <= span.start);
    let s = doc.sentences.get(i)?;
    let next = doc
        .sentences
        .get(i + 1)
        .filter(|n| n.block == s.block)
        .map(|n| n.span);
    Some((s.span, next))
}

/// Where a source is named for a weasel phrase: in its own clause ("reportedly …, according to
/// The Times"), or in the next sentence of its paragraph by a named source reporting or finding
/// it ("The mill reportedly closed. The Valley Herald reported the closure on Tuesday.", "Experts
/// say … A 2021 count by the State Fisheries Board found …"), not by someone named saying
/// something else ("critics say … Superintendent Carla Nguyen told the board …"). The next
/// sentence is read only when `next_names` ([`WeaselKind::named_next`]): not for an agentless
/// passive, whose own clause hides who says it.
/// A source named in another clause of the sentence ("It was initially reported …, but NRK later
/// reported …") names the source of another claim.
pub(super) fn named_near(doc: &Document, phrase: Span, next_names: bool) -> Option<Span> {
    let (sentence, next) = sentence_and_next(doc, phrase)?;
    let clause = clause_of(doc, sentence, phrase);
    let clause = aside_in(doc, clause, phrase).unwrap_or(clause);
    named_source(doc, clause, phrase, false)
        .or_else(|| citation(doc, Span::new(phrase.end, clause.end.max(phrase.end))))
        .or_else(|| {
            next.filter(|_| next_names)
                .and_then(|n| named_source(doc, n, Span::new(0, 0), true))
                .filter(|&name| !trailing(doc, next.unwrap_or(name), name))
        })
}

/// Whether a name closes its sentence after a comma with its verb ("On Sunday they took
/// photographs of the scene, The News reported."): the attribution of that sentence's own claim,
/// not of the sentence before it.
fn trailing(doc: &Document, sentence: Span, name: Span) -> bool {
    if name.start < sentence.start || name.end > sentence.end {
        return false;
    }
    let before = doc.unquoted[sentence.start..name.start].trim_end();
    // ", the Valley Herald reported": the article before the name.
    let before = ["the", "The"]
        .iter()
        .find_map(|a| before.strip_suffix(a).filter(|b| b.ends_with(' ')))
        .map_or(before, str::trim_end);
    let after = &doc.unquoted[name.start..sentence.end];
    before.ends_with(',') && after.split_whitespace().count() <= 5
}

/// A citation in parentheses after a phrase in its clause, a name and a year: "studies have shown
/// that … (Bullock, 2006)", "(Ruiz et al. 2019)". It names the study a finding comes from; one
/// before the phrase cites another finding.
fn citation(doc: &Document, sentence: Span) -> Option<Span> {
    let text = &doc.unquoted[sentence.range()];
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|k| from + k) {
        let inner_end = text[open..].find(')').map(|k| open + k)?;
        let inner = &text[open + 1..inner_end];
        let year = inner
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
        if inner.len() < 60
            && inner.starts_with(|c: char| c.is_uppercase())
            && (inner.contains(',') || inner.contains(" et al"))
            && year
        {
            return Some(Span::new(
                sentence.start + open,
                sentence.start + inner_end + 1,
            ));
        }
        from = inner_end;
    }
    None
}

/// Whether text after a comma opens a clause of its own with "and" and a verb (", and leaving
/// …", ", and was excited …"), not the next item of a list (", and another instance …").
fn and_clause(doc: &Document, rest: &str) -> bool {
    let mut words = rest.split_whitespace();
    if words.next() != Some("and") {
        return false;
    }
    let verb: String = words
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    verb.len() > 4 && (verb.ends_with("ing") || verb.ends_with("ed"))
        || doc.lexicon[ListId::BeForms].contains(&verb)
        || matches!(verb.as_str(), "has" | "have" | "had")
}

/// The aside a phrase opens between commas: "Luk, reportedly aged about 68, had suffered an
/// illness, according to a family spokesperson". It passes on the aside's own claim; a source
/// named for the sentence around it is not its source.
fn aside_in(doc: &Document, clause: Span, phrase: Span) -> Option<Span> {
    if phrase.start < clause.start || phrase.end > clause.end {
        return None;
    }
    // Opened by the comma itself, or by a relative pronoun after it: "Williams, who reportedly
    // signed with EMI, was on strike, his manager said" (the manager vouches for the strike).
    let before = doc.unquoted[clause.start..phrase.start].trim_end();
    let opened = before.ends_with(',')
        || ["who", "which", "whose"].iter().any(|r| {
            before
                .strip_suffix(r)
                .is_some_and(|b| b.ends_with(' ') && b.trim_end().ends_with(','))
        });
    let k = doc.unquoted[phrase.end..clause.end].find(',')?;
    (opened && !doc.unquoted[phrase.end..phrase.end + k].trim().is_empty())
        .then(|| Span::new(phrase.start, phrase.end + k))
}

/// The aside a weasel phrase opens between commas in its sentence, if it opens one.
pub(super) fn aside_of(doc: &Document, phrase: Span) -> Option<Span> {
    let (sentence, _) = sentence_and_next(doc, phrase)?;
    aside_in(doc, clause_of(doc, sentence, phrase), phrase)
}

/// The clause of a sentence that holds `phrase`: the sentence cut at ", but", ", and", ",
/// while", ", whereas", ", however", ", which" (a relative clause holds its own claim: "…,
/// which most pundits expect by May") and semicolons.
fn clause_of(doc: &Document, sentence: Span, phrase: Span) -> Span {
    let text = &doc.unquoted[sentence.range()];
    let mut start = sentence.start;
    let mut end = sentence.end;
    // A subordinate clause opening the sentence ends at its comma: "When Bhutto announced her
    // return, he is reported to have said …" passes on a claim no one in the "when" clause makes.
    let opener = text.split_whitespace().next().unwrap_or("").to_lowercase();
    if matches!(
        opener.as_str(),
        "when"
            | "after"
            | "before"
            | "as"
            | "since"
            | "if"
            | "because"
            | "although"
            | "though"
            | "while"
            | "once"
            | "until"
    ) && let Some(k) = text.find(',')
        && sentence.start + k < phrase.start
    {
        start = sentence.start + k + 1;
    }
    for (i, _) in text.match_indices([';', ',']) {
        let at = sentence.start + i;
        // The cut words and ", and" with its verb are read from the first two words: a short
        // prefix is lowercased, not the rest of the sentence at every comma.
        let tail = text[i + 1..].trim_start();
        let mut cap = tail.len().min(64);
        while !tail.is_char_boundary(cap) {
            cap -= 1;
        }
        let rest = tail[..cap].to_lowercase();
        let cut = text[i..].starts_with(';')
            || [
                "but ",
                "while ",
                "whereas ",
                "however",
                "although ",
                "though ",
                "which ",
            ]
            .iter()
            .any(|w| rest.starts_with(w))
            || and_clause(doc, &rest);
        if !cut {
            continue;
        }
        if at < phrase.start {
            start = at + 1;
        } else if at >= phrase.end {
            end = at;
            break;
        }
    }
    Span::new(start, end)
}

/// The organisation that issues the story itself: its front matter's `publisher` names one (an
/// organisation noun: "U.S. Department of Justice, Office of Public Affairs"), not a news outlet
/// ("Wikinews"). In its own release, bare "officials" and "investigators" are its own people and
/// an impersonal belief or estimate is its own.
pub(super) fn issuer(doc: &Document) -> Option<Span> {
    let field = doc.front_matter.as_ref()?.get("publisher")?;
    let lex = doc.lexicon;
    field
        .value
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| lex[ListId::OrganisationNouns].contains(&w.to_lowercase()))
        .then_some(field.span)
}

/// Whether a phrase holds a participle of belief or estimate ("believed", "estimated",
/// "thought"), not of hearsay ("reported", "said": the lexicon's `relative_hearsay`).
/// `passive`: the phrase is an agentless passive, where a view ("is widely regarded as") and an
/// impersonal participle ("it has been suggested") are beliefs too; elsewhere they may be a
/// group's verb ("some have suggested").
fn belief_of(words: &[Word], span: Span, passive: bool) -> bool {
    words.iter().any(|x| {
        span.contains(x.span)
            && (is(ListId::HearsayParticiples, x)
                || (passive
                    && (is(ListId::ViewParticiples, x)
                        || is(ListId::ImpersonalParticiples, x)
                        || is(ListId::ImpersonalThatParticiples, x))))
            && !is(ListId::RelativeHearsay, x)
    })
}

/// Whether the phrase at `span` is an impersonal belief or estimate ("it is believed", "is
/// estimated to") in the issuing organisation's own release: its own voice, not a claim passed on.
pub(super) fn issuers_own_belief(doc: &Document, span: Span) -> bool {
    issuer(doc).is_some() && belief_of(&words_of(doc.lexicon, &doc.unquoted, span), span, false)
}

/// What bare officials stand for: an organisation or qualified officials named before them in
/// their sentence, or in the sentence before ("… federal law enforcement officials announced
/// today. There was no danger, officials said"), or the organisation whose own release the story
/// is.
pub(super) fn officials_antecedent(doc: &Document, phrase: Span) -> Option<Span> {
    let lex = doc.lexicon;
    let i = doc
        .sentences
        .partition_point(|s| s.span.end <= phrase.start);
    let sentence = doc.sentences.get(i)?.span;
    antecedent(
        lex,
        &words_of(
            doc.lexicon,
            &doc.unquoted,
            Span::new(sentence.start, phrase.start),
        ),
    )
    .or_else(|| {
        let prev = doc.sentences.get(i.checked_sub(1)?)?;
        antecedent(lex, &words_of(doc.lexicon, &doc.unquoted, prev.span))
    })
    .or_else(|| issuer(doc))
    .or_else(|| {
        // "the officials said": the article points back to officials the story has introduced,
        // a few sentences up ("officials at the hospital said" a paragraph before).
        let before = words_of(
            doc.lexicon,
            &doc.unquoted,
            Span::new(sentence.start, phrase.start),
        );
        let definite = before
            .last()
            .is_some_and(|b| matches!(b.low(), "the" | "these" | "those") && !b.punct_after);
        if !definite {
            return None;
        }
        doc.sentences[i.saturating_sub(DEFINITE_REACH)..i.saturating_sub(1)]
            .iter()
            .rev()
            .find_map(|s| antecedent(lex, &words_of(doc.lexicon, &doc.unquoted, s.span)))
    })
}

/// Sentences read back for the officials that "the officials" points to.
const DEFINITE_REACH: usize = 6;

/// A named outlet that relays an anonymous source: in its sentence ("a source told Reuters",
/// "PAP has reported being told off the record") or opening the sentence before ("According to
/// CNN, …").
pub(super) fn relaying_outlet(doc: &Document, phrase: Span) -> Option<Span> {
    let i = doc
        .sentences
        .partition_point(|s| s.span.end <= phrase.start);
    let s = doc.sentences.get(i)?;
    relay(&words_of(doc.lexicon, &doc.unquoted, s.span), phrase).or_else(|| {
        let prev = doc
            .sentences
            .get(i.checked_sub(1)?)
            .filter(|p| p.block == s.block)?;
        relay(
            &words_of(doc.lexicon, &doc.unquoted, prev.span),
            Span::new(0, 0),
        )
    })
}

fn words_of<'t>(lex: &Lexicon, text: &'t str, span: Span) -> Vec<Word<'t>> {
    let s = &text[span.range()];
    // Room for the words of plain prose (about six bytes a word): the vector is not grown word
    // by word (it lives only while its sentence is read).
    let mut out = Vec::with_capacity(s.len() / 6 + 1);
    let mut start = None;
    let push = |from: usize, to: usize, out: &mut Vec<Word<'t>>| {
        let raw = &s[from..to];
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let body = raw[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
        if body.is_empty() {
            return;
        }
        let stripped = body
            .strip_suffix("'s")
            .or_else(|| body.strip_suffix("\u{2019}s"));
        let possessive = stripped.is_some();
        let body = stripped.unwrap_or(body);
        let begin = span.start + from + lead;
        let lower = if body
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            Cow::Borrowed(body)
        } else {
            Cow::Owned(body.to_lowercase())
        };
        out.push(Word {
            span: Span::new(begin, begin + body.len()),
            lists: lex.memberships(&lower),
            lower,
            capital: body.starts_with(char::is_uppercase),
            possessive,
            punct_after: raw[lead + body.len()..]
                .chars()
                .any(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '(' | '—' | '–')),
        });
    };
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                push(st, i, &mut out);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        push(st, s.len(), &mut out);
    }
    out
}

/// The length (in words) of a lexicon entry starting at word `i`, if one does.
fn entry_at(lex: &Lexicon, list: ListId, words: &[Word], i: usize) -> Option<usize> {
    let id = list;
    let list = &lex[list];
    let word = words.get(i)?;
    // Phrases are built only after a word that starts one (most words start none); one buffer
    // for the two- and three-word phrases; a single word is looked up as it is.
    let longest = if word.lists.starts_phrase(id) { 3 } else { 1 };
    let mut phrase = String::new();
    (1..=longest).rev().find(|&n| {
        i + n <= words.len()
            && words[i..i + n - 1].iter().all(|w| !w.punct_after)
            && if n == 1 {
                word.is_in(id)
            } else {
                phrase.clear();
                for (k, w) in words[i..i + n].iter().enumerate() {
                    if k > 0 {
                        phrase.push(' ');
                    }
                    phrase.push_str(&w.lower);
                }
                list.contains(&phrase)
            }
    })
}

fn is(list: ListId, w: &Word) -> bool {
    w.is_in(list)
}

/// A word that may stand between a subject and its verb: "also", "yesterday", "initially".
fn filler(lex: &Lexicon, w: &Word) -> bool {
    is(ListId::SpeakerAdverbs, w)
        || (w.lower.len() > 4 && w.lower.ends_with("ly") && !w.capital)
        || lex.weekday_named(&w.lower).is_some()
        || is(ListId::FillerAdverbs, w)
}

fn span_of(words: &[Word], from: usize, to: usize) -> Span {
    Span::new(words[from].span.start, words[to].span.end)
}

/// The weasel phrases of one sentence; `crime`: the story is crime or court copy (read only
/// when a word asks).
fn weasels(
    lex: &Lexicon,
    w: &[Word],
    crime: &impl Deref<Target = bool>,
) -> Vec<(Span, WeaselKind)> {
    let mut out: Vec<(Span, WeaselKind)> = Vec::new();
    let n = w.len();
    let mut i = 0;
    while i < n {
        let found = hedge(lex, w, i, crime)
            .or_else(|| passive(lex, w, i))
            .or_else(|| claims_made(lex, w, i))
            .or_else(|| reports(lex, w, i))
            .or_else(|| outlets(lex, w, i))
            .or_else(|| consensus(lex, w, i))
            .or_else(|| group(lex, w, i))
            .or_else(|| poll(lex, w, i));
        if let Some((end, kind)) = found {
            out.push((span_of(w, i, end), kind));
            i = end + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// "reportedly"; "supposedly" and, outside crime copy, "allegedly" where they qualify a verb;
/// talk with no one behind it: "word is that", "rumour has it", "by all accounts".
fn hedge(
    lex: &Lexicon,
    w: &[Word],
    i: usize,
    crime: &impl Deref<Target = bool>,
) -> Option<(usize, WeaselKind)> {
    if is(ListId::HedgeAdverbs, &w[i]) {
        return Some((i, WeaselKind::Hedge));
    }
    let soft =
        (is(ListId::SoftHedgeAdverbs, &w[i]) || is(ListId::CrimeHedgeAdverbs, &w[i])) && !**crime;
    if soft && qualifies_verb(w, i) {
        return Some((i, WeaselKind::Hedge));
    }
    // An idiom opens its clause: "the word is that" is not "their word is that".
    let opens = i == 0 || w[i - 1].punct_after || w[i - 1].lower == "the";
    entry_at(lex, ListId::HearsayIdioms, w, i)
        .filter(|_| opens)
        .map(|len| (i + len - 1, WeaselKind::Hedge))
}

/// Whether the adverb at `i` qualifies a verb: before a form of "be" or "have", a modal, an
/// irregular past, or an -ed verb with its object or nothing after it ("purportedly finished the
/// mural", "was supposedly sold twice"); not before an adjective and its noun ("supposedly urgent
/// repairs", "purportedly signed documents").
fn qualifies_verb(w: &[Word], i: usize) -> bool {
    let Some(v) = w.get(i + 1).filter(|_| !w[i].punct_after) else {
        // Closing its clause: "…, supposedly." qualifies what came before.
        return i > 0;
    };
    if v.capital {
        return false;
    }
    let aux =
        |x: &Word| is(ListId::BeForms, x) || matches!(x.low(), "has" | "have" | "had") || modal(x);
    // After an auxiliary: "was supposedly sold", "will supposedly tour".
    let after_aux = i > 0 && !w[i - 1].punct_after && aux(&w[i - 1]);
    if after_aux || aux(v) || is(ListId::IrregularPast, v) {
        return true;
    }
    if !(v.lower.len() > 4 && v.lower.ends_with("ed")) {
        return false;
    }
    // After a participle, a function word, a number or nothing: a verb; a content word: the
    // participle is an adjective before its noun.
    v.punct_after
        || w.get(i + 2).is_none_or(|x| {
            x.is_in(ListId::Determiners)
                || x.lower.chars().all(|c| c.is_ascii_digit())
                || matches!(
                    x.low(),
                    "a" | "an"
                        | "the"
                        | "down"
                        | "up"
                        | "out"
                        | "off"
                        | "twice"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                )
        })
}

/// "it was (initially) reported", "was (yesterday) reported to", ", estimated to have", "has been
/// described as", "a reported total"; not with an agent ("was reported by the BBC").
fn passive(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    // "has become widely accepted as": "become" before a spreading adverb stands for "be".
    let becomes = |j: usize| {
        w.get(j).is_some_and(|x| {
            matches!(x.low(), "become" | "became" | "becomes" | "becoming")
                && !x.punct_after
                && w.get(j + 1).is_some_and(|y| is(ListId::HedgeFillers, y))
        })
    };
    let be = |j: usize| {
        w.get(j).is_some_and(|x| {
            let l = negated_aux(&x.lower);
            lex[ListId::BeForms].contains(l) || matches!(l, "has" | "have" | "had")
        }) || becomes(j)
    };
    let be_form = |x: &Word| lex[ListId::BeForms].contains(negated_aux(&x.lower));
    let participle = |j: usize| w.get(j).is_some_and(|x| is(ListId::HearsayParticiples, x));
    // An agent: "by" someone, or a publication it appeared in ("was first reported Monday in The
    // New York Sun", "is reported this morning in the Independent"), after a time.
    let agent = |j: usize| {
        let mut k = j;
        while k < w.len()
            && k < j + 4
            && !w[k].punct_after
            && (filler(lex, &w[k]) || is(ListId::ReportTimeWords, &w[k]))
            && (!matches!(w[k].low(), "on" | "of" | "as")
                || w.get(k + 1)
                    .is_some_and(|d| lex.weekday_named(&d.lower).is_some()))
        {
            k += 1;
        }
        (k == j || !w[k - 1].punct_after)
            && w.get(k).is_some_and(|x| {
                x.lower == "by"
                    || (matches!(x.low(), "in" | "on")
                        && !x.punct_after
                        && w.get(k + 1)
                            .is_some_and(|t| t.lower == "the" && !t.punct_after)
                        && w.get(k + 2).is_some_and(|n| n.capital))
            })
    };
    // "a reported total": the article, "reported", a noun or a figure.
    if matches!(w[i].low(), "a" | "an")
        && w.get(i + 1).is_some_and(|x| x.lower == "reported")
        && w.get(i + 2).is_some()
        && !w[i].punct_after
    {
        return Some((i + 1, WeaselKind::Passive));
    }
    // The start: "it" before a be-form ("it's": the form contracted), a be-form, or a
    // participle after a comma.
    // "it" after a preposition is an object ("a lot of it is not reported"), not an impersonal
    // subject.
    let object = i > 0
        && !w[i - 1].punct_after
        && matches!(
            w[i - 1].low(),
            "of" | "for" | "to" | "in" | "on" | "about" | "with" | "at" | "by" | "from" | "into"
        );
    // "it's", and a subject pronoun with "is" contracted: "he's said to be", "she's reported to
    // have left" ("'s" is read off the word as a possessive).
    let contracted = w[i].possessive
        && !w[i].punct_after
        && matches!(
            w[i].low(),
            "it" | "he" | "she" | "who" | "that" | "there" | "what"
        );
    if w[i].lower == "it" && object {
        return None;
    }
    // "a contest widely seen as a referendum", "the city, long regarded as": a reduced relative
    // clause, its "be" left out, spreads the view as wide as "is widely seen as" does.
    if is(ListId::HedgeFillers, &w[i])
        && !w[i].punct_after
        && !(i > 0 && be(i - 1))
        && w.get(i + 1)
            .is_some_and(|x| is(ListId::ViewParticiples, x) && !x.punct_after)
        && w.get(i + 2)
            .is_some_and(|x| x.lower == "as" && !x.punct_after)
    {
        return Some((i + 2, WeaselKind::Passive));
    }
    let (mut j, expletive) = if w[i].lower == "it" && be(i + 1) || contracted {
        (i + 1, w[i].lower == "it")
    } else if be(i) {
        // "complaints should be reported to the police": an instruction, not a claim passed on.
        if i > 0 && modal(&w[i - 1]) {
            return None;
        }
        (i, false)
    } else if i > 0 && w[i - 1].punct_after && characterising(w, i) {
        // "Cyclone Sidr, described as the worst storm in years, …"
        let by = w[i + 1..(i + 8).min(w.len())]
            .iter()
            .take_while(|x| !x.punct_after || x.lower == "by")
            .any(|x| x.lower == "by");
        return (!by).then_some((i + 1, WeaselKind::Passive));
    } else if participle(i) && i > 0 && w[i - 1].punct_after {
        // ", estimated to have done"
        return (w.get(i + 1).is_some_and(|x| x.lower == "to") && !w[i].punct_after)
            .then_some((i + 1, WeaselKind::Passive));
    } else {
        return None;
    };
    // A spreading adverb may stand between the forms of "be": "has widely been called".
    let mut hedged = false;
    while w.get(j).is_some_and(|x| !x.punct_after) {
        if be(j) {
            j += 1;
        } else if j > i && matches!(w[j].low(), "not" | "never") && be(j - 1) {
            // "is not believed to have known": the claim passed on, denied; but "it is not
            // reported" says there is no report.
            if expletive {
                return None;
            }
            j += 1;
        } else if j > i && j + 1 < w.len() && be(j + 1) && is(ListId::HedgeFillers, &w[j]) {
            hedged = true;
            j += 1;
        } else {
            break;
        }
        if j >= w.len() {
            return None;
        }
    }
    let perfect = w[i..j].iter().any(|x| x.lower == "been");
    // Passive needs a form of "be": "have said to vacate" is active.
    if !contracted && !w[i..j].iter().any(be_form) && !(i..j).any(becomes) {
        return None;
    }
    // "is being touted as the next coach", "was tipped to win": promoted by no one named; not
    // "tipped off" (told), not with an agent.
    if w.get(j).is_some_and(|x| {
        is(ListId::ToutingParticiples, x)
            && !x.punct_after
            && w.get(j + 1)
                .is_some_and(|y| matches!(y.low(), "as" | "to" | "for" | "in") && !y.punct_after)
    }) {
        let by = w[j + 1..(j + 8).min(w.len())]
            .iter()
            .take_while(|x| !x.punct_after || x.lower == "by")
            .any(|x| x.lower == "by");
        return (!by && !agent(j + 1)).then_some((j, WeaselKind::Passive));
    }
    if j < w.len()
        && (filler(lex, &w[j]) || is(ListId::HedgeFillers, &w[j]))
        && !w[j].punct_after
        && !participle(j)
    {
        // "was mistakenly believed to be": the story says the belief was wrong; it passes on
        // no claim.
        if is(ListId::CorrectingAdverbs, &w[j]) {
            return None;
        }
        hedged |= is(ListId::HedgeFillers, &w[j]);
        j += 1;
    }
    // "is seen by many as", "was regarded by some as": an agent that names no one (a bare
    // quantifier of `group_quantifiers`) spreads the view as wide as an adverb does. A sentence
    // that ends on the quantifier is a sighting, not a view ("The comet was seen by many.").
    if j + 3 < w.len()
        && is(ListId::ViewParticiples, &w[j])
        && !w[j].punct_after
        && w[j + 1].lower == "by"
        && !w[j + 1].punct_after
        && is(ListId::GroupQuantifiers, &w[j + 2])
        && (w[j + 2].punct_after || w[j + 3].lower == "as")
    {
        return Some((j + 2, WeaselKind::Passive));
    }
    // A view given by no one in particular: after a spreading adverb ("is widely seen as", "was
    // generally considered a", "has widely been called a"), or in the perfect before "as" ("has
    // been described as"); not a plain past ("were described as loans" labels them), nor a
    // perfect before a name ("I have been called a lot of names" is what was done to the
    // speaker).
    let view = |j: usize| {
        w.get(j).is_some_and(|x| {
            let next = w.get(j + 1).map_or("", |y| y.low());
            is(ListId::ViewParticiples, x)
                && !x.punct_after
                && ((hedged && matches!(next, "as" | "a" | "an" | "the" | "to" | "one"))
                    || (perfect && next == "as"))
        })
    };
    // "it is speculated that", "it has been suggested": only after an impersonal "it".
    // "it is expected that", "it was anticipated that": before "that" only ("it is expected to
    // open" is mostly a thing's plan).
    let impersonal = |j: usize| {
        expletive
            && w.get(j).is_some_and(|x| {
                is(ListId::ImpersonalParticiples, x)
                    || (is(ListId::ImpersonalThatParticiples, x)
                        && !x.punct_after
                        && w.get(j + 1).is_some_and(|y| y.lower == "that"))
            })
    };
    // "were widely blamed for", "is widely expected to": a view spread wide with no one behind it.
    let spread = |j: usize| hedged && w.get(j).is_some_and(|x| is(ListId::SpreadParticiples, x));
    // "was described as the worst storm", "what was described as a taxi": characterised by no one.
    let characterised = |j: usize| characterising(w, j);
    if !(participle(j) || view(j) || impersonal(j) || spread(j) || characterised(j))
        || j == i
        || agent(j + 1)
    {
        return None;
    }
    if (spread(j) || characterised(j)) && !participle(j) && !view(j) {
        // "that were described as …": a label inside the story, not a source's claim; a view
        // spread wide stays one ("a government that is widely expected to …").
        if !spread(j)
            && i.checked_sub(1)
                .is_some_and(|b| matches!(w[b].low(), "who" | "which" | "that"))
        {
            return None;
        }
        let by = w[j + 1..(j + 8).min(w.len())]
            .iter()
            .take_while(|x| !x.punct_after || x.lower == "by")
            .any(|x| x.lower == "by");
        return (!by).then_some((j, WeaselKind::Passive));
    }
    // An adverb may stand between the participle and its "to": "is believed already to have
    // been sounded out", "was said once to have".
    let gap = usize::from(
        w.get(j + 1).is_some_and(|x| {
            !w[j].punct_after
                && !x.punct_after
                && (x.lower.ends_with("ly")
                    || filler(lex, x)
                    || matches!(x.low(), "already" | "once"))
        }) && w.get(j + 2).is_some_and(|x| x.lower == "to")
            && participle(j),
    );
    let p = &w[j];
    let next = w.get(j + 1 + gap).map_or("", |x| x.low());
    // "who was believed to be a member": a belief inside the story, not a source's claim.
    let relative = i
        .checked_sub(1)
        .is_some_and(|b| matches!(w[b].low(), "who" | "which" | "that"))
        && !is(ListId::RelativeHearsay, p);
    // "to" opening a verb ("was said to have", "is reported to be"), not a place ("complaints
    // may be reported to the Voting Section").
    // Not a recipient: "not reported to police", "reported to us", "to federal agencies".
    let infinitive = w.get(j + 2 + gap).is_some_and(|x| {
        !x.capital
            && !x.is_in(ListId::Determiners)
            && !is(ListId::OrganisationNouns, x)
            && !is(ListId::OfficialNouns, x)
            && !matches!(x.low(), "us" | "him" | "them" | "me" | "you")
            && (!x.lower.ends_with("al") || x.punct_after)
    });
    if !p.punct_after
        && participle(j)
        && next == "to"
        && infinitive
        && !relative
        && !w[j + 1 + gap].punct_after
    {
        return Some((j + 1 + gap, WeaselKind::Passive));
    }
    // "has been described as …", "is widely described as …", unless by someone ("… as
    // "knife-obsessed" by the police"); not a plain "were described as" (how something was
    // labelled: "transactions were described as loans").
    // "has widely been called", "is often dubbed": a name given by no one in particular.
    if view(j) || characterised(j) {
        let by = w[j + 2..(j + 8).min(w.len())]
            .iter()
            .take_while(|x| !x.punct_after || x.lower == "by")
            .any(|x| x.lower == "by");
        return (!by && !relative).then_some((j + 1, WeaselKind::Passive));
    }
    // "33 were reported hospitalised", "two were reported killed": a toll passed on unsourced.
    if !expletive
        && p.lower == "reported"
        && !p.punct_after
        && w.get(j + 1)
            .is_some_and(|x| !x.capital && x.lower.len() > 4 && x.lower.ends_with("ed"))
    {
        return Some((j + 1, WeaselKind::Passive));
    }
    if expletive && p.lower != "described" {
        // "it was reported (that)", "it is believed".
        return Some((j, WeaselKind::Passive));
    }
    None
}

/// "Claims were made that …", "Various theories have been put forward": a claim put about with no
/// one behind it (`claim_nouns`, a form of "be", `airing_participles`); not with an agent ("were
/// made by the union"), nor claims something before them owns or points to ("the claims", "his
/// claims", "Smith's claims", "Union claims").
fn claims_made(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    let n = w.len();
    let c = if is(ListId::GroupQuantifiers, &w[i]) && !w[i].punct_after {
        i + 1
    } else {
        i
    };
    if c >= n || !is(ListId::ClaimNouns, &w[c]) || w[c].punct_after {
        return None;
    }
    if let Some(b) = i.checked_sub(1).map(|b| &w[b])
        && !b.punct_after
        && (definite(b)
            || b.possessive
            || b.capital
            || b.is_in(ListId::Determiners)
            || !matches!(b.low(), "that" | "and" | "but" | "as" | "while" | "because"))
    {
        return None;
    }
    let mut j = c + 1;
    let mut be = false;
    while j < n
        && !w[j - 1].punct_after
        && (is(ListId::BeForms, &w[j]) || matches!(w[j].low(), "has" | "have" | "had"))
    {
        be |= is(ListId::BeForms, &w[j]);
        j += 1;
    }
    if !be || j >= n || w[j - 1].punct_after {
        return None;
    }
    if filler(lex, &w[j]) && !w[j].punct_after && j + 1 < n {
        j += 1;
    }
    let len = entry_at(lex, ListId::AiringParticiples, w, j)?;
    let end = j + len - 1;
    let by = w[end + 1..(end + 8).min(n)]
        .iter()
        .take_while(|x| !x.punct_after || x.lower == "by")
        .any(|x| x.lower == "by")
        && !w[end].punct_after;
    (!by).then_some((end, WeaselKind::Passive))
}

/// Whether word `j` is a characterising participle before "as" and an article: "described as
/// the worst storm", "portrayed as a hero"; not before a bare noun ("described as loans": a label).
fn characterising(w: &[Word], j: usize) -> bool {
    w.get(j)
        .is_some_and(|x| is(ListId::CharacterisingParticiples, x) && !x.punct_after)
        && w.get(j + 1)
            .is_some_and(|x| x.lower == "as" && !x.punct_after)
        && w.get(j + 2)
            .is_some_and(|x| matches!(x.low(), "a" | "an" | "the" | "one"))
}

/// An auxiliary with its negation contracted, as its plain form ("isn't" → "is", "hasn’t" →
/// "has"); any other word as it is.
fn negated_aux(l: &str) -> &str {
    l.strip_suffix("n't")
        .or_else(|| l.strip_suffix("n\u{2019}t"))
        .filter(|stem| {
            matches!(
                *stem,
                "is" | "was" | "are" | "were" | "has" | "have" | "had"
            )
        })
        .unwrap_or(l)
}

/// A modal verb: before a passive it makes an instruction or a possibility ("should be
/// reported to"), not a report.
fn modal(w: &Word) -> bool {
    matches!(
        w.low(),
        "should" | "may" | "must" | "can" | "could" | "might" | "shall" | "will" | "would"
    )
}

/// Determiners that point to reports named before ("the reports", "these reports").
fn definite(w: &Word) -> bool {
    matches!(
        w.low(),
        "the" | "these" | "those" | "its" | "their" | "his" | "her" | "our" | "this" | "that"
    )
}

/// "according to (unconfirmed) reports", "by/per/citing reports", "based on reports", "there had
/// been reports", "reports (…) said", "media reports suggest"; not reports named ("reports from
/// the ministry of internal affairs of Belarus", "NBC reports").
fn reports(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    let n = w.len();
    // "with reports linking the coach to …", "with rumours that …": unnamed reports in an
    // absolute clause.
    if w[i].lower == "with"
        && !w[i].punct_after
        && w.get(i + 1)
            .is_some_and(|x| is(ListId::ReportNouns, x) && !x.punct_after)
        && w.get(i + 2).is_some_and(|x| {
            x.lower == "that" || (x.lower.len() > 4 && x.lower.ends_with("ing") && !x.capital)
        })
    {
        return Some((i + 2, WeaselKind::Reports));
    }
    // Where "reports" is, after the words that lead to it.
    let lead_end = |k: usize| -> Option<usize> {
        // Up to two adjectives ("unconfirmed", "media", "some") before the noun.
        (k..(k + 3).min(n))
            .find(|&r| is(ListId::ReportNouns, &w[r]))
            .filter(|&r| {
                w[k..r]
                    .iter()
                    .all(|x| !x.punct_after && !x.capital || r == k)
            })
    };
    let named_after = |r: usize| {
        // "reports received by the UN Children's Fund": a participle may stand before "by".
        let p = if w.get(r + 1).is_some_and(|x| {
            !x.punct_after && !x.capital && x.lower.len() > 4 && x.lower.ends_with("ed")
        }) && w
            .get(r + 2)
            .is_some_and(|x| matches!(x.low(), "from" | "by"))
        {
            r + 1
        } else {
            r
        };
        w.get(p + 1)
            .is_some_and(|x| matches!(x.low(), "from" | "by" | "in"))
            && !w[r].punct_after
            && w[p + 2..(p + 8).min(n)]
                .iter()
                .take_while(|x| !x.punct_after || x.capital)
                .any(|x| x.capital || is(ListId::OrganisationNouns, x))
    };
    let lead: Option<usize> = match w[i].low() {
        "according" if w.get(i + 1).is_some_and(|x| x.lower == "to") => Some(i + 2),
        "by" | "per" | "citing" => Some(i + 1),
        // "as of reports on Tuesday"
        "of" if i > 0 && w[i - 1].lower == "as" => Some(i + 1),
        "based" if w.get(i + 1).is_some_and(|x| x.lower == "on") => Some(i + 2),
        "there"
            if w.get(i + 1).is_some_and(|x| {
                matches!(
                    x.low(),
                    "have" | "has" | "had" | "were" | "are" | "was" | "is"
                )
            }) =>
        {
            let k = if w.get(i + 2).is_some_and(|x| x.lower == "been") {
                i + 3
            } else {
                i + 2
            };
            Some(k)
        }
        _ => None,
    };
    // "There have been claims that …": claims put about with no one behind them.
    if w[i].lower == "there"
        && let Some(k) = lead
        && let Some(c) = (k..(k + 2).min(n)).find(|&c| is(ListId::ClaimNouns, &w[c]))
        && w[i..c]
            .iter()
            .all(|x| !x.punct_after && !definite(x) && !x.possessive)
        && w.get(c + 1)
            .is_some_and(|x| matches!(x.low(), "that" | "of" | "about"))
    {
        return Some((c, WeaselKind::Reports));
    }
    if let Some(k) = lead
        && k < n
        && let Some(r) = lead_end(k)
        && !w[k..r].iter().any(definite)
        && !named_after(r)
        && !w[i..r].iter().any(|x| x.punct_after)
    {
        return Some((r, WeaselKind::Reports));
    }
    // "amid reports of looting", "despite rumours that": unnamed reports carrying a claim, after
    // a preposition that sets them as the story's background (`report_prepositions`); an
    // unnamed qualifier may stand between ("amid unconfirmed reports of").
    if is(ListId::ReportPrepositions, &w[i]) && !w[i].punct_after {
        let r = if w.get(i + 1).is_some_and(|x| {
            !x.punct_after && (is(ListId::ReportQualifiers, x) || is(ListId::MediaWords, x))
        }) {
            i + 2
        } else {
            i + 1
        };
        if w.get(r)
            .is_some_and(|x| is(ListId::ReportNouns, x) && !x.punct_after && !x.capital)
            && w.get(r + 1)
                .is_some_and(|x| matches!(x.low(), "of" | "that"))
            && !named_after(r)
        {
            return Some((r + 1, WeaselKind::Reports));
        }
    }
    // "denied the reports that they were having an affair", "amid rumours that": unnamed
    // reports carrying a claim in a clause of their own. A possessive or a name before the noun
    // names them ("the agency's reports that", "Herald reports that").
    // The clause after "that" has a subject of its own (a pronoun, a determiner, a name), or
    // "that" opens a relative clause about documents ("filed reports that failed to disclose",
    // "disclosure reports that mischaracterized"); before the noun, only "the", a word of the
    // press or an unnamed qualifier, a preposition or a verb ("amid", "denied").
    if is(ListId::ReportNouns, &w[i])
        && w[i].lower.ends_with('s')
        && !w[i].punct_after
        && w.get(i + 1)
            .is_some_and(|x| x.lower == "that" && !x.punct_after)
        && w.get(i + 2).is_some_and(|x| {
            is(ListId::Pronouns, x)
                || matches!(
                    x.low(),
                    "the" | "a" | "an" | "his" | "her" | "its" | "their"
                )
                || (x.capital && !is(ListId::ReportVerbs, x))
        })
        && i.checked_sub(1).is_none_or(|b| {
            let b = &w[b];
            b.punct_after
                || (!b.possessive
                    && !b.capital
                    && (b.lower == "the"
                        || is(ListId::MediaWords, b)
                        || is(ListId::ReportQualifiers, b)
                        || (b.lower.ends_with("ed") && b.lower.len() > 4)
                        || matches!(b.low(), "amid" | "about" | "despite" | "over" | "after")))
        })
    {
        return Some((i + 1, WeaselKind::Reports));
    }
    // "knew nothing of reports the striker was set to leave", "amid rumours the coach had
    // quit": unnamed reports carrying a clause with its "that" left out. The clause has a subject
    // (a pronoun, a determiner or a word of content, not a preposition: "reports on the budget
    // were late" are the subject of their own verb) and, within a few words, a finite form of
    // "be" or "have" or a modal ("was set to", "had quit", "would"); before the noun, only what
    // leaves the reports unnamed.
    if is(ListId::ReportNouns, &w[i])
        && !w[i].capital
        && w[i].lower.ends_with('s')
        && !w[i].punct_after
        && w.get(i + 1).is_some_and(|x| {
            !x.punct_after
                && (is(ListId::Pronouns, x)
                    || x.is_in(ListId::Determiners)
                    || !x.is_in(ListId::StopWords))
                && !is(ListId::ReportVerbs, x)
                && !is(ListId::BeForms, x)
                && !modal(x)
        })
        && (i + 2..(i + 6).min(n))
            .take_while(|&k| !w[k - 1].punct_after)
            .any(|k| {
                let x = &w[k];
                !x.capital
                    && (is(ListId::BeForms, x)
                        || matches!(x.low(), "has" | "had" | "have")
                        || modal(x))
            })
        && i.checked_sub(1).is_some_and(|b| {
            let b = &w[b];
            !b.punct_after
                && !b.possessive
                && !b.capital
                && (is(ListId::ReportQualifiers, b)
                    || is(ListId::MediaWords, b)
                    || is(ListId::ReportPrepositions, b)
                    || matches!(b.low(), "of" | "about" | "despite" | "over"))
        })
    {
        return Some((i, WeaselKind::Reports));
    }
    // "Reports (as of Wednesday) said", "media reports suggest": reports as the subject.
    if is(ListId::ReportNouns, &w[i]) {
        let before = i.checked_sub(1).map(|b| &w[b]);
        // "Police reports said": an organisation's own reports, which name it.
        let qualified = before.is_some_and(|b| {
            definite(b)
                || (b.capital && i > 1 && !is(ListId::OutletNouns, b))
                || (is(ListId::OrganisationNouns, b) && !b.punct_after)
                || b.lower == "of"
        });
        if qualified || named_after(i) {
            return None;
        }
        // "reports said", or what they were: "The initial reports were of drone attacks".
        let says_at = |v: usize| {
            is(ListId::ReportVerbs, &w[v])
                || (is(ListId::BeForms, &w[v])
                    && !w[v].punct_after
                    && w.get(v + 1)
                        .is_some_and(|x| matches!(x.low(), "of" | "that")))
        };
        // The verb right after, or after a time ("Reports as of Wednesday said"); not after
        // other nouns ("reports and records required by state law that claimed").
        let mut v = i + 1;
        while v < n && v <= i + 4 && !says_at(v) && !w[v - 1].punct_after {
            let x = &w[v];
            let time = x.capital || filler(lex, x) || is(ListId::ReportTimeWords, x);
            if !time {
                return None;
            }
            v += 1;
        }
        if v >= n || !says_at(v) || w[v - 1].punct_after {
            return None;
        }
        let verb = v;
        let start = if before.is_some_and(|b| is(ListId::MediaWords, b)) {
            i - 1
        } else {
            i
        };
        if start != i {
            return None; // reported from the adjective's position instead
        }
        return Some((verb, WeaselKind::Reports));
    }
    if is(ListId::MediaWords, &w[i])
        && w.get(i + 1).is_some_and(|x| is(ListId::ReportNouns, x))
        && !w[i].punct_after
        && i.checked_sub(1)
            .is_none_or(|b| !(definite(&w[b]) || (w[b].capital && b > 0)))
    {
        return Some((i + 1, WeaselKind::Reports));
    }
    None
}

/// "multiple news outlets reported", "several media outlets said".
fn outlets(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    // "news sources noted", "media sources say": the press unnamed, not a person.
    if is(ListId::MediaWords, &w[i])
        && !w[i].punct_after
        && w.get(i + 1).is_some_and(|x| {
            is(ListId::InformantNouns, x) && x.lower.ends_with('s') && !x.punct_after
        })
        && w.get(i + 2)
            .is_some_and(|v| is(ListId::OutletVerbs, v) || is(ListId::ClaimVerbs, v))
        && i.checked_sub(1)
            .is_none_or(|b| !(definite(&w[b]) || (w[b].capital && b > 0)))
    {
        return Some((i + 2, WeaselKind::Outlets));
    }
    // One outlet unnamed: "a newspaper reported", "one local paper said"; not state media ("a
    // state-run daily reported"), which the conventions count as named.
    if matches!(w[i].low(), "a" | "an" | "one" | "another") && !w[i].punct_after {
        let mut k = i + 1;
        while k < w.len()
            && k <= i + 2
            && !w[k - 1].punct_after
            && !w[k].capital
            && !is(ListId::StateMediaWords, &w[k])
            && entry_at(lex, ListId::OutletSingulars, w, k).is_none()
        {
            k += 1;
        }
        // The outlet noun may be capitalised ("a telecom industry Web site says"); its verb must
        // follow it, so no name can continue it.
        if k < w.len()
            && !w[k - 1].punct_after
            && let Some(len) = entry_at(lex, ListId::OutletSingulars, w, k)
        {
            let end = k + len - 1;
            let mut v = end + 1;
            while v < w.len() && filler(lex, &w[v]) && !w[v - 1].punct_after {
                v += 1;
            }
            if v < w.len() && !w[v - 1].punct_after && is(ListId::OutletVerbs, &w[v]) {
                return Some((v, WeaselKind::Outlets));
            }
        }
        return None;
    }
    if !is(ListId::OutletQuantifiers, &w[i]) || w[i].punct_after {
        return None;
    }
    let len = entry_at(lex, ListId::OutletNouns, w, i + 1)?;
    let end = i + len;
    let verb = w.get(end + 1)?;
    (!w[end].punct_after && is(ListId::OutletVerbs, verb)).then_some((end + 1, WeaselKind::Outlets))
}

/// "the consensus among scientists", "skepticism among academics".
fn consensus(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    if !is(ListId::ConsensusNouns, &w[i]) || w[i].punct_after {
        return None;
    }
    if w.get(i + 1)
        .is_none_or(|x| x.lower != "among" || x.punct_after)
    {
        return None;
    }
    let mut g = i + 2;
    if w.get(g).is_some_and(|x| is(ListId::GroupQuantifiers, x)) {
        g += 1;
    }
    let len = entry_at(lex, ListId::UnnamedGroups, w, g)?;
    Some((g + len - 1, WeaselKind::Consensus))
}

/// "experts say", "some scientists believe", "other forecasters predicted", "critics charge",
/// "some say", "some are describing"; a plural noun not listed read as a group by its place:
/// after a quantifier ("many celebrities have often said") or opening its clause with a generic
/// verb, present or perfect ("therapists have long said", "economists warn"); not a group named
/// ("NASA scientists say", "the researchers estimate", "scientists from the University of
/// Montreal"), nor people telling what they saw ("residents said").
fn group(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    let n = w.len();
    if let Some(found) = group_after_verb(lex, w, i) {
        return Some(found);
    }
    if let Some(found) = member(lex, w, i) {
        return Some(found);
    }
    let mut g = i;
    // How the group is found: listed, an unlisted plural after a quantifier, or an unlisted
    // plural on its own (which needs a generic verb).
    let mut unlisted = false;
    let mut bare_unlisted = false;
    if let Some(q) = entry_at(lex, ListId::GroupQuantifiers, w, i)
        && i + q < n
        && !w[i + q - 1].punct_after
    {
        if entry_at(lex, ListId::UnnamedGroups, w, i + q).is_some() {
            g = i + q;
        } else if opens_clause(w, i) && open_plural(w, i + q) {
            g = i + q;
            unlisted = true;
        }
    }
    let len = if unlisted {
        1
    } else if let Some(len) = entry_at(lex, ListId::UnnamedGroups, w, g) {
        len
    } else if opens_clause(w, i) && open_plural(w, i) {
        unlisted = true;
        bare_unlisted = true;
        1
    } else {
        return None;
    };
    let last = g + len - 1;
    if g == i && i > 0 {
        let b = &w[i - 1];
        // Named or pointed back to: "NASA scientists", "the researchers", "its experts"; or
        // the associates of someone named ("Smith and others agreed to pay"). A capitalised
        // word opening the sentence ("But analysts said") names no one.
        // Nor does a field ("Industry watchers believe", "Legal experts say").
        let starter = i == 1 && (b.is_in(ListId::SentenceStarters) || is(ListId::SectorWords, b));
        // "many of the pundits", "some of the experts": a share of a group no one names.
        let partitive = b.lower == "the"
            && i >= 3
            && w[i - 2].lower == "of"
            && !w[i - 3].punct_after
            && w[i - 3].is_in(ListId::GroupQuantifiers);
        // "U.S. commanders": an abbreviation's stops do not end the phrase.
        let abbreviation = b.capital && b.lower.contains('.');
        if (definite(b) && !partitive)
            || (b.capital && (!b.punct_after || abbreviation) && !starter)
            || matches!(b.low(), "of" | "and")
            || (b.lower == "with"
                && !w
                    .get(g + len)
                    .is_some_and(|x| claim_ing(lex, x, false) && !w[g + len - 1].punct_after))
        {
            return None;
        }
    }
    let mut v = last + 1;
    if w[last].punct_after {
        return None;
    }
    // "many people in the industry believe", "others involved in planning said": a listed group
    // placed by lower-case words (`group_placings`), its verb up to four words on.
    if !unlisted && w.get(v).is_some_and(|x| is(ListId::GroupPlacings, x)) {
        v = placed_verb(lex, w, v)?;
    }
    // Adverbs between the group and its verb ("have often said"); a modal makes a guess ("most
    // cities would say"), a correcting adverb a view the story rejects ("incorrectly believe").
    let (mut perfect, mut modal_or_correcting) = (false, false);
    while v < n && (filler(lex, &w[v]) || is(ListId::HedgeFillers, &w[v])) && !w[v].punct_after {
        perfect |= matches!(w[v].low(), "have" | "has");
        modal_or_correcting |= modal(&w[v]) || is(ListId::CorrectingAdverbs, &w[v]);
        v += 1;
    }
    if modal_or_correcting && unlisted {
        return None;
    }
    // "critics of the aid package said": a group known by its stance (`stance_groups`), then
    // what it takes a stance on, up to five words, then the verb.
    if !unlisted
        && v == last + 1
        && is(ListId::StanceGroups, &w[last])
        && w.get(v).is_some_and(|x| x.lower == "of" && !x.punct_after)
        && let Some(k) = (v + 2..(v + 7).min(n))
            .take_while(|&k| !w[k - 1].punct_after)
            .find(|&k| is(ListId::ClaimVerbs, &w[k]))
    {
        v = k;
    }
    // "activists falsely claim": the story rejects the view; it passes on no claim.
    if w[last + 1..v]
        .iter()
        .any(|x| is(ListId::CorrectingAdverbs, x))
    {
        return None;
    }
    // "with experts saying it could have fallen": the group cited in an absolute clause.
    if !unlisted && g > 0 && w[g - 1].lower == "with" && v < n && claim_ing(lex, &w[v], false) {
        return Some((v, WeaselKind::Group));
    }
    // "Experts described the storm as …": a listed group characterising, "as" close after.
    if !unlisted && v < n && characterising_verb(lex, &w[v]) {
        let as_after = w[v + 1..(v + 7).min(n)]
            .iter()
            .take_while(|x| !x.punct_after || x.lower == "as")
            .any(|x| x.lower == "as");
        if as_after && !w[v].punct_after {
            return Some((v, WeaselKind::Group));
        }
    }
    // "experts expressed disbelief that", "critics have voiced grave concern": a stance named by
    // a noun (`stance_verbs`, then `consensus_nouns` after at most one lower-case word).
    let stance = (!unlisted && v + 1 < n && is(ListId::StanceVerbs, &w[v]) && !w[v].punct_after)
        .then(|| {
            (v + 1..(v + 3).min(n))
                .take_while(|&k| k == v + 1 || (!w[k - 1].punct_after && !w[k - 1].capital))
                .find(|&k| is(ListId::ConsensusNouns, &w[k]))
        })
        .flatten();
    // "some are describing", "critics are saying": a verb of saying in -ing after a form of be.
    // An adverb may stand between: "analysts are now linking".
    let ing = (v + 1..(v + 3).min(n))
        .take_while(|&k| k == v + 1 || (filler(lex, &w[k - 1]) && !w[k - 1].punct_after))
        .find(|&k| claim_ing(lex, &w[k], unlisted));
    let copula = v + 1 < n
        && !w[v].punct_after
        && (is(ListId::BeForms, &w[v]) || matches!(w[v].low(), "remain" | "remained"));
    let progressive = copula && is(ListId::BeForms, &w[v]) && ing.is_some();
    // "analysts were united in predicting", "legal experts have been surprised": a listed group
    // holding a view named by an adjective after "be" (`stance_adjectives`), an adverb allowed
    // between ("are increasingly sceptical"); not a crowd ("many were worried" tells a mood).
    let crowd = w[g].is_in(ListId::GroupQuantifiers) || is(ListId::CrowdWords, &w[last]);
    let stance_adjective = (!unlisted && !crowd && copula)
        .then(|| {
            (v + 1..(v + 3).min(n))
                .take_while(|&k| k == v + 1 || (filler(lex, &w[k - 1]) && !w[k - 1].punct_after))
                .find(|&k| is(ListId::StanceAdjectives, &w[k]))
        })
        .flatten();
    if let Some(k) = stance_adjective {
        return Some((k, WeaselKind::Group));
    }
    let (v, verb_len) = if progressive {
        (ing.unwrap_or(v + 1), 1)
    } else if let Some(k) = stance {
        (v, k - v + 1)
    } else {
        (v, entry_at(lex, ListId::ClaimVerbs, w, v)?)
    };
    if unlisted {
        // A thing may suggest or predict ("results suggest"); only people say and believe. "To"
        // or "on" after the verb gives an act, not a view ("promoters claim to be able",
        // "deputies insist on examining").
        let person = progressive || entry_at(lex, ListId::PersonClaimVerbs, w, v) == Some(verb_len);
        let act = !w[v + verb_len - 1].punct_after
            && w.get(v + verb_len)
                .is_some_and(|x| matches!(x.low(), "to" | "on"));
        // On its own, an unlisted plural holds a view in general ("therapists have long said",
        // "economists warn"), not a report of what a crowd did ("firefighters said").
        let generic = progressive || perfect || base_form(&w[v]);
        if !person || act || (bare_unlisted && !generic) {
            return None;
        }
    }
    // "the owners and others charged are accused of …": a participle modifying the group, not
    // its verb; a present verb is the group's own ("what analysts say is an attempt").
    let after = v + verb_len;
    let past = w[v].lower.ends_with("ed") || is(ListId::IrregularPast, &w[v]);
    if past
        && !w[after - 1].punct_after
        && w.get(after)
            .is_some_and(|x| is(ListId::BeForms, x) || matches!(x.low(), "have" | "has" | "had"))
    {
        return None;
    }
    // "some", "many", "many people": no group a later sentence could name one of.
    let bare = w[g].is_in(ListId::GroupQuantifiers) || is(ListId::CrowdWords, &w[last]);
    // "While some invoked …, others said …": the two parts of a group the story names (the
    // locals, the teachers on a forum), the first doing something other than holding a view.
    if w[g].lower == "others"
        && (0..i).any(|k| {
            w[k].lower == "some"
                && opens_clause(w, k)
                && !w[k].punct_after
                && w.get(k + 1).is_some_and(|x| {
                    entry_at(lex, ListId::ClaimVerbs, w, k + 1).is_none()
                        && !is(ListId::UnnamedGroups, x)
                        && !x.is_in(ListId::StopWords)
                })
        })
    {
        return None;
    }
    // A quantifier alone is a subject only opening its clause ("Some say", "which some say"); after
    // a verb it is a determiner and the "verb" a noun ("stirs up some worry", "has some fear").
    if g == i
        && w[g].is_in(ListId::GroupQuantifiers)
        && !(opens_clause(w, i)
            || matches!(w[i - 1].low(), "which" | "what" | "who" | "whom" | "where"))
    {
        return None;
    }
    let kind = if bare {
        WeaselKind::Crowd
    } else {
        WeaselKind::Group
    };
    Some((v + verb_len - 1, kind))
}

/// Where the verb of a group placed from word `p` ("in the industry", "involved in planning")
/// stands: the first word of a verb of view or an adverb before one, up to four lower-case words
/// on, the placing no relative clause ("in the town who") and no name ("in Texas").
fn placed_verb(lex: &Lexicon, w: &[Word], p: usize) -> Option<usize> {
    let n = w.len();
    (p + 1..(p + 5).min(n))
        .take_while(|&k| {
            let x = &w[k - 1];
            !x.punct_after && (k - 1 == p || !x.capital) && !matches!(x.low(), "who" | "that")
        })
        .take_while(|&k| !matches!(w[k - 1].low(), "and" | "or"))
        .find(|&k| {
            let x = &w[k];
            // After an article the word is an adjective: "in connection with the alleged attack".
            !x.capital
                && !matches!(w[k - 1].low(), "the" | "a" | "an")
                && (entry_at(lex, ListId::ClaimVerbs, w, k).is_some()
                    || (filler(lex, x)
                        && !x.punct_after
                        && w.get(k + 1).is_some_and(|y| {
                            entry_at(lex, ListId::ClaimVerbs, w, k + 1).is_some() || filler(lex, y)
                        })))
        })
}

/// One member of an unnamed group holding a view: "one commentator has argued", "a prominent
/// historian believes" (`unnamed_members`, after "a", "one" or "another" and up to two lower-case
/// modifiers, before a verb only people take); not one placed or described after the noun ("a
/// researcher at the university said", "a scientist who studied it said") nor one of a list.
fn member(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    let n = w.len();
    if !matches!(w[i].low(), "a" | "an" | "one" | "another")
        || w[i].punct_after
        || i.checked_sub(1)
            .is_some_and(|b| matches!(w[b].low(), "and" | "or") || w[b].possessive)
    {
        return None;
    }
    let mut k = i + 1;
    let mut len = None;
    while k < n && k <= i + 3 {
        if let Some(l) = entry_at(lex, ListId::UnnamedMembers, w, k) {
            len = Some(l);
            break;
        }
        let x = &w[k];
        if x.punct_after
            || x.capital
            || x.possessive
            || is(ListId::StopWords, x)
            || is(ListId::Determiners, x)
        {
            return None;
        }
        k += 1;
    }
    let last = k + len? - 1;
    if w[last].punct_after {
        return None;
    }
    let mut v = last + 1;
    while v < n && filler(lex, &w[v]) && !w[v - 1].punct_after {
        v += 1;
    }
    if v >= n || w[v - 1].punct_after || modal(&w[v - 1]) {
        return None;
    }
    let l = entry_at(lex, ListId::PersonClaimVerbs, w, v)
        .or_else(|| is(ListId::MemberClaimVerbs, &w[v]).then_some(1))?;
    Some((v + l - 1, WeaselKind::Group))
}

/// A listed group after a quantifier and up to two lower-case modifiers, from word `g`: "critics",
/// "some analysts", "many independent observers", "a handful of legal experts". Its last word,
/// and whether it is a crowd ("some", "others", "many people") rather than a group.
fn listed_group_at(lex: &Lexicon, w: &[Word], g: usize) -> Option<(usize, bool)> {
    let n = w.len();
    // A group after the quantifier ("some analysts"), or the quantifier alone ("some").
    if let Some(q) = entry_at(lex, ListId::GroupQuantifiers, w, g)
        && g + q < n
        && !w[g + q - 1].punct_after
        && let Some(found) = modified_group_at(lex, w, g + q)
    {
        return Some(found);
    }
    modified_group_at(lex, w, g)
}

/// A listed group after up to two lower-case modifiers, from word `first`.
fn modified_group_at(lex: &Lexicon, w: &[Word], first: usize) -> Option<(usize, bool)> {
    let n = w.len();
    let mut k = first;
    while k < n && k <= first + 2 {
        if let Some(len) = entry_at(lex, ListId::UnnamedGroups, w, k) {
            let last = k + len - 1;
            let bare = w[k].is_in(ListId::GroupQuantifiers) || is(ListId::CrowdWords, &w[last]);
            // "some" alone, not "some crew members" (a group the list does not name).
            let modifies = w[last].is_in(ListId::GroupQuantifiers)
                && !w[last].punct_after
                && w.get(last + 1)
                    .is_some_and(|x| !x.capital && !x.is_in(ListId::StopWords));
            return (!modifies).then_some((last, bare));
        }
        let x = &w[k];
        if x.punct_after
            || x.capital
            || x.possessive
            || x.is_in(ListId::StopWords)
            || x.is_in(ListId::Determiners)
        {
            return None;
        }
        k += 1;
    }
    None
}

/// A group after the verb that cites it, closing its clause: "…, say critics.", "…, argued some
/// economists", "according to many observers"; not one placed or pointed on ("according to
/// experts at the University of Leeds", "according to the experts who built it").
fn group_after_verb(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    let n = w.len();
    let g = if w[i].lower == "according"
        && !w[i].punct_after
        && w.get(i + 1)
            .is_some_and(|x| x.lower == "to" && !x.punct_after)
    {
        i + 2
    } else {
        let len = entry_at(lex, ListId::PersonClaimVerbs, w, i)
            .or_else(|| entry_at(lex, ListId::ClaimVerbs, w, i).filter(|_| base_form(&w[i])))
            .or_else(|| {
                matches!(w[i].low(), "warned" | "noted" | "charged" | "predicted").then_some(1)
            })?;
        // The verb opens its clause after a comma: "…, say critics".
        if i == 0 || !w[i - 1].punct_after || w[i + len - 1].punct_after {
            return None;
        }
        i + len
    };
    if g >= n {
        return None;
    }
    let (last, bare) = listed_group_at(lex, w, g)?;
    // Closing its clause, or followed by what is not a placing or a relative clause.
    let closes = w[last].punct_after
        || w.get(last + 1).is_none_or(|x| {
            !x.capital
                && !matches!(
                    x.low(),
                    "who"
                        | "that"
                        | "at"
                        | "from"
                        | "with"
                        | "in"
                        | "of"
                        | "for"
                        | "on"
                        | "by"
                        | "quoted"
                        | "cited"
                        | "consulted"
                        | "interviewed"
                        | "and"
                )
        });
    if !closes {
        return None;
    }
    let kind = if bare {
        WeaselKind::Crowd
    } else {
        WeaselKind::Group
    };
    Some((last, kind))
}

/// Whether word `i` opens its clause: the sentence's first word, after punctuation, or after a
/// conjunction ("but many economists doubt …").
fn opens_clause(w: &[Word], i: usize) -> bool {
    i == 0
        || w[i - 1].punct_after
        || matches!(
            w[i - 1].low(),
            "that" | "and" | "but" | "as" | "while" | "because" | "although" | "though" | "yet"
        )
}

/// Whether word `i` may be a plural noun for people that no list names ("therapists",
/// "celebrities"): lower case (or opening the sentence), ending in -s but not -ss, -us or -is,
/// and none of the nouns read otherwise (officials, sources, reports, polls, outlets, witnesses).
fn open_plural(w: &[Word], i: usize) -> bool {
    let x = &w[i];
    let l = x.low();
    l.len() > 3
        && l.ends_with('s')
        && !["ss", "us", "is"].iter().any(|e| l.ends_with(e))
        && l.chars().all(|c| c.is_alphabetic() || c == '-')
        && (!x.capital || (i == 0 && person_suffix(l)))
        && !x.possessive
        && ![
            ListId::StopWords,
            ListId::ClaimVerbs,
            ListId::WitnessNouns,
            ListId::OfficialNouns,
            ListId::SourceNouns,
            ListId::ReportNouns,
            ListId::PollNouns,
            ListId::OutletNouns,
            ListId::OrganisationNouns,
            ListId::UnnamedRoleNouns,
            ListId::CrowdWords,
            ListId::GroupQuantifiers,
        ]
        .iter()
        .any(|&list| x.is_in(list))
}

/// Whether a capitalised plural opening a sentence reads as people by its ending ("Therapists",
/// "Economists", "Promoters", "Historians"), not as a name ("Barclays", "Lloyds").
fn person_suffix(l: &str) -> bool {
    ["ists", "ians", "ers", "ors", "ants", "ents"]
        .iter()
        .any(|e| l.ends_with(e))
}

/// Whether a verb of the claim list is in its base form ("say", "warn"), the present of a plural
/// subject: not a past ("said", "warned") nor a third person ("says").
fn base_form(x: &Word) -> bool {
    let l = x.low();
    !(l.ends_with("ed")
        || l.ends_with('s')
        || is(ListId::IrregularPast, x)
        || is(ListId::HearsayParticiples, x))
}

/// Whether a word is a finite form of a characterising verb: "described", "describes", "labelled",
/// "dubbed", "calls".
fn characterising_verb(lex: &Lexicon, x: &Word) -> bool {
    let l = x.low();
    let list = &lex[ListId::CharacterisingVerbs];
    // "saw", the one irregular past among them ("a move critics saw as evidence").
    list.contains(l)
        || (l == "saw" && list.contains("see"))
        || [
            l.strip_suffix("ed"),
            l.strip_suffix('d'),
            l.strip_suffix('s'),
        ]
        .into_iter()
        .flatten()
        .any(|stem| {
            list.contains(stem)
                || stem
                    .char_indices()
                    .last()
                    .is_some_and(|(k, c)| stem[..k].ends_with(c) && list.contains(&stem[..k]))
        })
}

/// Whether a word is the -ing form of a verb of the claim list ("saying", "arguing"), or of one
/// that characterises ("describing", "calling"); after an unlisted group, of one only people take.
fn claim_ing(lex: &Lexicon, x: &Word, unlisted: bool) -> bool {
    let Some(stem) = x.lower.strip_suffix("ing") else {
        return false;
    };
    let claims = if unlisted {
        &lex[ListId::PersonClaimVerbs]
    } else {
        &lex[ListId::ClaimVerbs]
    };
    let characterising = &lex[ListId::CharacterisingVerbs];
    let with_e = format!("{stem}e");
    stem.len() > 1
        && [stem, with_e.as_str()]
            .iter()
            .any(|s| claims.contains(s) || characterising.contains(s))
}

/// "a recent poll found", "estimates suggest", "recent opinion polling by Democratic
/// organizations indicated"; not a poll named ("a Gallup poll", "a poll by Siena College").
fn poll(lex: &Lexicon, w: &[Word], i: usize) -> Option<(usize, WeaselKind)> {
    let len = entry_at(lex, ListId::PollNouns, w, i)?;
    // Named further back in its noun phrase: "CDW's third Windows Vista tracking poll".
    // Or before an "of" that makes the noun another's object: "the RAND Corporation's analysis
    // of correctional education research found" (the analysis found, and it is named).
    let mut k = i;
    let mut reach = 4;
    while k > 0 && i - k < reach && !w[k - 1].punct_after {
        let b = &w[k - 1];
        let date = lex.month_number(&b.lower).is_some() || lex.weekday_named(&b.lower).is_some();
        if b.possessive || (b.capital && k > 1 && !date) {
            return None;
        }
        if b.lower == "of" && reach == 4 && k >= 2 && !is(ListId::GroupQuantifiers, &w[k - 2]) {
            reach = i - k + 5;
            k -= 1;
            continue;
        }
        if b.capital
            || definite(b)
            || b.is_in(ListId::Determiners)
            || b.is_in(ListId::StopWords)
            || matches!(b.low(), "a" | "an")
        {
            break;
        }
        k -= 1;
    }
    // Where the phrase opens: "no study found" reports what none found, and an article after a
    // verb makes the poll its object, made by the verb's subject ("the institute completed a
    // study of the vests and found", "Scios released a clinical study that showed").
    if let Some(b) = k.checked_sub(1).filter(|&b| i - b <= 4)
        && !w[b].punct_after
    {
        let x = &w[b];
        let object = matches!(x.low(), "a" | "an")
            && b.checked_sub(1).is_some_and(|v| {
                let y = &w[v];
                !y.punct_after && !y.capital && y.lower.len() > 4 && y.lower.ends_with("ed")
            });
        if x.lower == "no" || object {
            return None;
        }
    }
    if i > 0 {
        let b = &w[i - 1];
        // "a Gallup poll", "the ferry company's survey": named.
        if definite(b) || (b.capital && i > 1) || b.possessive {
            return None;
        }
        // A verb, not a noun: "to survey the sites", "they poll voters", "investigators survey
        // state facilities" (a plural subject right before).
        let plural_subject = !b.punct_after
            && b.lower.len() > 3
            && b.lower.ends_with('s')
            && !b.lower.ends_with("ss")
            && !is(ListId::PollNouns, b);
        if b.lower == "to" || is(ListId::Pronouns, b) || plural_subject {
            return None;
        }
        // The object of a verb, with a relative clause of its own: "he also conducted research
        // that indicated …" (what the research showed is the story's own finding).
        let object = !b.punct_after
            && !b.capital
            && b.lower.len() > 4
            && b.lower.ends_with("ed")
            && w.get(i + len).is_some_and(|x| x.lower == "that");
        if object {
            return None;
        }
    }
    let mut end = i + len - 1;
    for v in end + 1..(end + 7).min(w.len()) {
        if w[v - 1].punct_after {
            return None;
        }
        // "polls don't show it happening": what no poll found passes on no finding.
        let l = w[v].low();
        if matches!(l, "not" | "never") || l.ends_with("n't") || l.ends_with("n\u{2019}t") {
            return None;
        }
        // "by RealClearPolitics", "of the Argentinian government", "in the journal Nature":
        // named.
        if matches!(w[v].low(), "by" | "from" | "of" | "for" | "in") {
            let named = w[v + 1..(v + 6).min(w.len())]
                .iter()
                .take_while(|x| !is(ListId::FindingVerbs, x))
                .collect::<Vec<_>>();
            let proper = named.iter().enumerate().any(|(k, x)| {
                x.capital
                    && named.get(k + 1).is_none_or(|y| {
                        y.capital || is(ListId::OrganisationNouns, y) || is(ListId::FindingVerbs, y)
                    })
            });
            let organisation = named.iter().any(|x| is(ListId::OrganisationNouns, x));
            if proper || organisation {
                return None;
            }
        }
        if let Some(l) = entry_at(lex, ListId::FindingVerbs, w, v) {
            end = v + l - 1;
            // Start at "a recent" / "recent" / "new" before the noun.
            return Some((end, WeaselKind::Poll));
        }
    }
    None
}

/// The anonymous sources of one sentence.
fn anonymous(lex: &Lexicon, w: &[Word]) -> Vec<(Span, AnonymousKind)> {
    let mut out = Vec::new();
    let n = w.len();
    // A verb giving information; a request or an order ("officials asked residents to stay
    // away") passes on no claim.
    let speech = |x: &Word| {
        (is(ListId::SpeechVerbs, x) && !is(ListId::RequestVerbs, x))
            || is(ListId::ClaimVerbs, x)
            || is(ListId::SourceVerbs, x)
    };
    // "was quoted (in the media) as saying", "was quoted complaining": the source's words passed on.
    let quoted = |v: usize| {
        w.get(v)
            .is_some_and(|x| is(ListId::BeForms, x) && !x.punct_after)
            && w.get(v + 1).is_some_and(|x| x.lower == "quoted")
    };
    let mut i = 0;
    while i < n {
        // Officials: "officials said", "reported officials", "according to authorities".
        if let Some(len) = entry_at(lex, ListId::OfficialNouns, w, i) {
            let end = i + len - 1;
            let before = i.checked_sub(1).map(|b| &w[b]);
            let qualified_after = !w[end].punct_after
                && w.get(end + 1).is_some_and(|x| {
                    matches!(x.low(), "from" | "at" | "with" | "of" | "in" | "for")
                });
            let (after, open) = past_aside(w, end);
            let mut v = after;
            while v < n && filler(lex, &w[v]) && open(v) {
                v += 1;
            }
            let says_after = open(v) && (w.get(v).is_some_and(speech) || quoted(v));
            let according = i >= 2 && w[i - 2].lower == "according" && w[i - 1].lower == "to";
            // "…, reported officials." / "citing officials": a verb of saying right before, the
            // officials last in their clause; never "an official" (an adjective there: "not
            // considered an official record").
            // "figures provided anonymously by officials": given by them, unnamed on purpose.
            let anonymously = i >= 2
                && w[i - 1].lower == "by"
                && !w[i - 2].punct_after
                && is(ListId::CitingWords, &w[i - 2]);
            let says_before = according
                || anonymously
                || (len == 1
                    && before
                        .is_some_and(|b| is(ListId::VerbsBeforeOfficials, b) && !b.punct_after)
                    && (w[end].punct_after || end + 1 == n));
            if (says_after || says_before) && !qualified_after {
                let start = if anonymously
                    || (i >= 2 && w[i - 2].lower == "according" && w[i - 1].lower == "to")
                {
                    i - 2
                } else if says_before && !says_after {
                    i - 1
                } else {
                    i
                };
                let stop = if says_after && start == i { v } else { end };
                out.push((span_of(w, start, stop), AnonymousKind::Officials));
                i = stop + 1;
                continue;
            }
        }
        // Unnamed people by their role: "one network executive pointed out", "said an aide".
        // The role needs an indefinite article ("the executive said" points back, "chief
        // executive Tim Cook said" names; plurals with none are mostly people in the story:
        // "executives have agreed to plead guilty"), and a capitalised word before it places it
        // in an organisation ("a Google executive").
        // A singular "official" ranked or placed in no particular body ("a senior government
        // official said") is an unnamed official as "an official" is; "a county health official"
        // is an office's. The article opens the phrase: what stands before it qualifies it. A
        // nationality, a place or a body, capitalised, places the one official without naming
        // anyone ("a US military official", "a senior Pakistani official"): an unnamed person.
        let ranked_official = if w[i].lower == "official" {
            official_article(w, i)
        } else {
            None
        };
        if let Some(len) = entry_at(lex, ListId::UnnamedRoleNouns, w, i)
            .or_else(|| ranked_official.is_some().then_some(1))
        {
            let mut end = i + len - 1;
            // Up to three modifiers before the noun: "one network executive", and a nationality,
            // place or body, capitalised, which places the person without naming them ("a senior
            // Pakistani investigator", "one Western diplomat").
            let mut s = i;
            while s > 0
                && i - s < 3
                && !w[s - 1].punct_after
                && !w[s - 1].possessive
                && !matches!(w[s - 1].low(), "a" | "an" | "one" | "another")
                && !w[s - 1].is_in(ListId::StopWords)
                && !is(ListId::VerbsBeforeOfficials, &w[s - 1])
                && !w[s - 1].is_in(ListId::Determiners)
            {
                s -= 1;
            }
            // Not one of a list with people the story names ("Newman, her therapist and an
            // independent expert testified").
            let article = s.checked_sub(1).filter(|&b| {
                matches!(w[b].low(), "a" | "an" | "one" | "another")
                    && !w[b].punct_after
                    && b.checked_sub(1)
                        .is_none_or(|c| !matches!(w[c].low(), "and" | "or"))
            });
            let head = article.unwrap_or(s);
            let placed_before = head.checked_sub(1).is_some_and(|b| {
                let x = &w[b];
                (x.capital && !x.punct_after && (b > 0 || !x.is_in(ListId::SentenceStarters)))
                    || x.possessive
                    || definite(x)
                    || matches!(x.low(), "of" | "the")
            });
            // "one Western diplomat in Tehran", "an analyst at Harbor Bank": a place or body
            // after the noun places the person without naming them; the phrase runs through it.
            if let Some(k) = placed_in(w, end) {
                end = k;
            }
            let placed_after = !w[end].punct_after
                && w.get(end + 1).is_some_and(|x| {
                    matches!(x.low(), "at" | "of" | "for" | "with" | "from" | "in")
                });
            if article.is_some() && !placed_before && !placed_after {
                let (after, open) = past_aside(w, end);
                let mut v = after;
                while v < n && filler(lex, &w[v]) && open(v) {
                    v += 1;
                }
                // A verb of saying, not of agreeing or worrying ("one other executive has
                // agreed to plead guilty").
                // "an aide to the prime minister said": whose aide, then a verb of saying in the
                // past or "says" (not "to remove all claims", "to the states attorney"); not a
                // post held ("served as an advisor to …").
                let post = head
                    .checked_sub(1)
                    .is_some_and(|b| w[b].lower == "as" && !w[b].punct_after);
                let said = |x: &Word| {
                    is(ListId::SpeechVerbs, x)
                        && !is(ListId::RequestVerbs, x)
                        && (!x.lower.ends_with('s') || x.lower == "says")
                };
                if v == end + 1
                    && !post
                    && !w[end].punct_after
                    && w.get(v).is_some_and(|x| x.lower == "to")
                {
                    let mut k = v + 1;
                    while k < n && k <= v + 4 && !w[k - 1].punct_after && !said(&w[k]) {
                        k += 1;
                    }
                    if k < n && k > v + 1 && !w[k - 1].punct_after && said(&w[k]) {
                        v = k;
                    }
                }
                let says_after = open(v)
                    && v < n
                    && ((is(ListId::SpeechVerbs, &w[v]) && !is(ListId::RequestVerbs, &w[v]))
                        || entry_at(lex, ListId::ClaimVerbs, w, v).is_some_and(|l| l > 1)
                        || quoted(v));
                // "said an executive"; not "told an aide" (the aide listens).
                let verb_before = head.checked_sub(1).filter(|&b| {
                    !w[b].punct_after
                        && is(ListId::VerbsBeforeOfficials, &w[b])
                        && !is(ListId::RelayVerbs, &w[b])
                        && !is(ListId::CitingWords, &w[b])
                });
                if says_after || verb_before.is_some() {
                    let start = verb_before.filter(|_| !says_after).unwrap_or(head);
                    let stop = if says_after { v } else { end };
                    let kind = if ranked_official == Some(false) {
                        AnonymousKind::Officials
                    } else {
                        AnonymousKind::Individual
                    };
                    out.push((span_of(w, start, stop), kind));
                    i = stop + 1;
                    continue;
                }
            }
        }
        // Unnamed people: "sources said", "a source told", "sources within the party", "citing
        // sources", "government sources confirmed".
        // Capitalised after a capitalised word, a source noun is part of a name ("Business
        // Insider reported").
        let in_name = w[i].capital && i > 0 && w[i - 1].capital && !w[i - 1].punct_after;
        // People of any kind placed by what they know, not named: "according to media buyers
        // familiar with the deals", "lawyers briefed on the case said" (`people_placings`). The
        // verb of saying follows in the same stretch of the clause.
        let x = &w[i];
        // The two words after it, joined as the list holds them; built only for a word that
        // passes the cheap tests (this runs on every word of the story).
        let placing = || {
            w.get(i + 1)
                .zip(w.get(i + 2))
                .map(|(a, b)| format!("{} {}", a.low(), b.low()))
                .unwrap_or_default()
        };
        if (!x.capital || i == 0)
            && !x.punct_after
            && !x.possessive
            && x.lower.len() > 3
            && x.lower.ends_with('s')
            && !x.lower.ends_with("ss")
            && !x.is_in(ListId::StopWords)
            && entry_at(lex, ListId::SourceNouns, w, i).is_none()
            && !w.get(i + 1).is_some_and(|y| y.punct_after)
            && lex[ListId::PeoplePlacings].contains(&placing())
        {
            let according = (1..=3).filter_map(|d| i.checked_sub(d)).any(|b| {
                b >= 1
                    && w[b - 1].lower == "according"
                    && w[b].lower == "to"
                    && w[b..i].iter().all(|y| !y.punct_after && !y.capital)
            });
            let says = (i + 2..(i + 12).min(n))
                .take_while(|&k| !w[k - 1].punct_after)
                .any(|k| speech(&w[k]));
            if according || says {
                // Through what they know: "familiar with the deals".
                let mut k = i + 2;
                while k + 1 < n && !w[k].punct_after && k < i + 6 {
                    k += 1;
                }
                out.push((span_of(w, i, k), AnonymousKind::Individual));
                i = k + 1;
                continue;
            }
        }
        // "news sources", "media sources": the press unnamed (a weasel), not a person.
        let press = i > 0 && is(ListId::MediaWords, &w[i - 1]) && !w[i - 1].punct_after;
        if press {
            i += 1;
            continue;
        }
        if let Some(len) = entry_at(lex, ListId::SourceNouns, w, i).filter(|_| !in_name) {
            let end = i + len - 1;
            let plural_or_source = is(ListId::InformantNouns, &w[end]);
            let next = w.get(end + 1).map_or("", |x| x.low());
            let next2 = w.get(end + 2).map_or("", |x| x.low());
            // "those close to him" is a source only when it says something ("the need for
            // those with knowledge to come forward" asks for one).
            let says_later = w[i].lower != "those" || w[end + 1..].iter().any(speech);
            let placed = !w[end].punct_after
                && says_later
                && (lex[ListId::SourcePlacings].contains(&format!("{next} {next2}"))
                    || (plural_or_source && matches!(next, "within" | "inside")));
            let mut v = end + 1;
            // Sources joined with others before their verb: "militant sources and oil company
            // security consultants had earlier said".
            if plural_or_source
                && !w[end].punct_after
                && w.get(v).is_some_and(|x| x.lower == "and" && !x.punct_after)
            {
                let mut k = v + 1;
                while k < n
                    && k <= v + 6
                    && !w[k - 1].punct_after
                    && !filler(lex, &w[k])
                    && !speech(&w[k])
                {
                    k += 1;
                }
                if k < n && !w[k - 1].punct_after && k > v + 1 {
                    v = k;
                }
            }
            // An adverb set off by commas: "Other sources, however, said".
            let mut aside = false;
            if v == end + 1
                && w[end].punct_after
                && w.get(v).is_some_and(|x| {
                    x.punct_after
                        && matches!(
                            x.low(),
                            "however" | "though" | "meanwhile" | "too" | "moreover" | "nonetheless"
                        )
                })
            {
                v += 1;
                aside = true;
            }
            // A placing set off by commas: "sources, with the knowledge of the report, said".
            if !aside && v == end + 1 && w[end].punct_after && v + 1 < n && !w[v].punct_after {
                let k = if w[v + 1].lower == "the" && !w[v + 1].punct_after {
                    v + 2
                } else {
                    v + 1
                };
                let placing = w.get(k).is_some_and(|y| {
                    lex[ListId::SourcePlacings].contains(&format!("{} {}", w[v].low(), y.low()))
                });
                if placing
                    && let Some(close) = (k..(k + 12).min(n)).find(|&c| w[c].punct_after)
                    && close + 1 < n
                {
                    v = close + 1;
                    aside = true;
                }
            }
            while v < n && filler(lex, &w[v]) && !w[v - 1].punct_after {
                v += 1;
            }
            // "sources are sceptical": a view held, named by an adjective after "be".
            let stance = w
                .get(v)
                .is_some_and(|x| is(ListId::BeForms, x) && !x.punct_after && x.lower != "being")
                && w.get(v + 1)
                    .is_some_and(|x| is(ListId::StanceAdjectives, x));
            let says = plural_or_source
                && (aside || !w[v - 1].punct_after)
                && (w.get(v).is_some_and(speech) || quoted(v) || stance);
            // Cited, with up to two words between: "citing sources", "according to label
            // sources", "citing a source".
            let citer = (1..=3).filter_map(|d| i.checked_sub(d)).find(|&b| {
                is(ListId::CitingWords, &w[b])
                    || (b >= 1 && w[b - 1].lower == "according" && w[b].lower == "to")
            });
            // "according to people in the administration": people placed in a body, unnamed.
            let people_in = w[end].lower == "people"
                && !w[end].punct_after
                && matches!(next, "in" | "at" | "inside" | "within");
            let cited = (plural_or_source || people_in)
                && citer.is_some_and(|b| {
                    w[b..i].iter().all(|x| !x.punct_after)
                        && w[b + 1..i].iter().all(|x| {
                            (!x.capital && !definite(x) && !x.is_in(ListId::StopWords))
                                || matches!(x.low(), "a" | "an")
                        })
                });
            // A verb of saying right before: "said one source who knows him", "said the source".
            let det_before = i
                .checked_sub(1)
                .filter(|&b| matches!(w[b].low(), "a" | "an" | "one" | "the" | "another"));
            let verb_before = det_before.unwrap_or(i).checked_sub(1).filter(|&b| {
                plural_or_source
                    && !w[b].punct_after
                    && det_before.is_none_or(|d| !w[d].punct_after)
                    && is(ListId::VerbsBeforeOfficials, &w[b])
                    && !is(ListId::CitingWords, &w[b])
                    && !is(ListId::RelayVerbs, &w[b])
            });
            if placed || says || cited || verb_before.is_some() {
                let stop = if placed {
                    // Through the group named: "sources within the Democratic Party".
                    let mut k = end + 2;
                    while k + 1 < n
                        && !w[k].punct_after
                        && (w[k + 1].capital
                            || matches!(w[k].low(), "the" | "with" | "to" | "on" | "of"))
                    {
                        k += 1;
                    }
                    k.min(n - 1)
                } else if says {
                    v
                } else {
                    end
                };
                let start = match (citer.filter(|_| cited), verb_before) {
                    (Some(b), _) => b,
                    (None, Some(b)) => b,
                    (None, None) => i,
                };
                out.push((span_of(w, start, stop), AnonymousKind::Individual));
                i = stop + 1;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The article opening a singular "official" at `i` after one to three words that rank it
/// (`official_ranks`: "a senior government official") or place it by a nationality, place or
/// body, capitalised ("a US military official", "one senior Pakistani official"); with whether
/// a capitalised word placed it. None when a word between is of any other kind ("a county
/// health official" holds a named kind of office) or punctuation parts them.
fn official_article(w: &[Word], i: usize) -> Option<bool> {
    let mut k = i;
    let mut placed = false;
    while k > 0 && i - k <= 3 {
        let m = &w[k - 1];
        if m.punct_after || m.possessive {
            return None;
        }
        if matches!(m.low(), "a" | "an" | "one" | "another") {
            return (k < i).then_some(placed);
        }
        if m.capital && k - 1 > 0 {
            placed = true;
        } else if !is(ListId::OfficialRanks, m) {
            return None;
        }
        k -= 1;
    }
    None
}

/// After an unnamed person's noun ending at `end`, a place or body that places them without
/// naming them: "in", "at" or "with", an optional "the", and one to four capitalised words ("in
/// Tehran", "at the Harbor Bank"); where it ends.
fn placed_in(w: &[Word], end: usize) -> Option<usize> {
    if w[end].punct_after
        || !w
            .get(end + 1)
            .is_some_and(|x| matches!(x.low(), "in" | "at" | "with") && !x.punct_after)
    {
        return None;
    }
    let mut k = end + 2;
    if w.get(k).is_some_and(|x| x.lower == "the" && !x.punct_after) {
        k += 1;
    }
    let first = k;
    while k < w.len() && k < first + 4 && w[k].capital && !w[k].possessive {
        if w[k].punct_after {
            return Some(k);
        }
        k += 1;
    }
    (k > first).then(|| k - 1)
}

/// Where the verb of a source noun ending at `end` may stand: right after it, or after an aside
/// between commas that describes it ("a senior diplomat, who attended the talks, said", "an
/// official, speaking to reporters, said"); and whether a word at a position is still in the
/// source's clause (no punctuation before it, but for the aside's closing comma).
fn past_aside<'a>(w: &'a [Word<'a>], end: usize) -> (usize, impl Fn(usize) -> bool + 'a) {
    let opens_aside = w[end].punct_after
        && w.get(end + 1).is_some_and(|x| {
            matches!(x.low(), "who" | "whose") || (x.lower.ends_with("ing") && !x.capital)
        });
    let after = if opens_aside {
        (end + 1..(end + 16).min(w.len()))
            .find(|&k| w[k].punct_after)
            .map_or(end + 1, |k| k + 1)
    } else {
        end + 1
    };
    let aside = after != end + 1;
    let open = move |v: usize| {
        if v == after {
            aside || !w[end].punct_after
        } else {
            v > 0 && !w[v - 1].punct_after
        }
    };
    (after, open)
}

/// An organisation or qualified officials named in these words: what bare "officials" stand
/// for ("the forestry department", "federal law enforcement officials", "the Emergency
/// Situations Ministry").
fn antecedent(lex: &Lexicon, w: &[Word]) -> Option<Span> {
    for (i, x) in w.iter().enumerate() {
        // "a military convoy", "an army unit": a modifier of something else, no organisation
        // the officials could stand for.
        let indefinite = i > 0 && matches!(w[i - 1].low(), "a" | "an") && !w[i - 1].punct_after;
        if is(ListId::OrganisationNouns, x) && !indefinite {
            return Some(x.span);
        }
        if entry_at(lex, ListId::OfficialNouns, w, i).is_some()
            && i > 0
            && !w[i - 1].punct_after
            && w[i - 1].lower != "according"
            && (w[i - 1].capital
                || w[i - 1].lower.ends_with("al")
                || w[i - 1].lower == "enforcement")
            && i > 1
        {
            return Some(span_of(w, i - 1, i));
        }
    }
    None
}

/// A named outlet that relays a source in these words: "told Reuters", "According to CNN",
/// "PAP has reported", "Anadolu Agency reported".
fn relay(w: &[Word], source: Span) -> Option<Span> {
    let unnamed = |x: &Word| {
        is(ListId::ReportNouns, x)
            || is(ListId::OfficialNouns, x)
            || is(ListId::SourceNouns, x)
            || is(ListId::UnnamedGroups, x)
            || is(ListId::Pronouns, x)
            || x.is_in(ListId::SentenceStarters)
    };
    for (i, x) in w.iter().enumerate() {
        // The source's own verb may be the one that relays it ("a source told Reuters").
        if source.contains(x.span) && !is(ListId::RelayVerbs, x) {
            continue;
        }
        // "told Reuters", "told the Coastal Gazette".
        let next = w[i + 1..].iter().take(2).find(|y| y.lower != "the");
        let named_next = next.is_some_and(|y| y.capital && !unnamed(y));
        if is(ListId::RelayVerbs, x) && !x.punct_after && named_next {
            return next.map(|y| y.span);
        }
        // "Reuters, citing anonymous sources": the name that cites.
        if is(ListId::CitingWords, x)
            && x.lower == "citing"
            && i > 0
            && w[i - 1].capital
            && !unnamed(&w[i - 1])
            && (i > 1 || !w[i - 1].is_in(ListId::SentenceStarters))
        {
            return Some(w[i - 1].span);
        }
        if x.lower == "according"
            && next.is_some_and(|y| y.lower == "to")
            && w.get(i + 2).is_some_and(|y| y.capital && !unnamed(y))
        {
            return w.get(i + 2).map(|y| y.span);
        }
        if x.capital
            && !unnamed(x)
            && (i > 0 || !x.is_in(ListId::SentenceStarters))
            && !x.punct_after
        {
            let mut v = i + 1;
            while v < w.len()
                && (w[v].capital || is(ListId::NameVerbFillers, &w[v]))
                && !w[v - 1].punct_after
            {
                v += 1;
            }
            if w.get(v).is_some_and(|y| is(ListId::OutletReportVerbs, y)) && !w[v - 1].punct_after {
                return Some(x.span);
            }
        }
    }
    None
}

/// Where a sentence names a source, outside `skip` (the phrase being excused): "according to" a
/// source that is not itself unnamed, a name before a verb of saying or reporting ("The New York
/// Times reported", "Ane Alencar … said"), a verb of saying before a name ("said Ruiz"), or a
/// study, report or poll by someone named.
fn named_source(doc: &Document, sentence: Span, skip: Span, reports_only: bool) -> Option<Span> {
    let w: Vec<Word> = words_of(doc.lexicon, &doc.unquoted, sentence)
        .into_iter()
        .filter(|x| !skip.contains(x.span))
        .collect();
    let unnamed = |x: &Word| {
        is(ListId::ReportNouns, x)
            || is(ListId::OfficialNouns, x)
            || is(ListId::SourceNouns, x)
            || is(ListId::UnnamedGroups, x)
            || is(ListId::OutletNouns, x)
            || is(ListId::Pronouns, x)
            || x.is_in(ListId::Determiners)
            || x.lower == "police"
    };
    let reporting =
        |x: &Word| (is(ListId::SpeechVerbs, x) && !reports_only) || is(ListId::NamingVerbs, x);
    for (i, x) in w.iter().enumerate() {
        // "according to the BBC", "according to a statement released by her family".
        if x.lower == "according" && w.get(i + 1).is_some_and(|y| y.lower == "to") {
            let head = w[i + 2..]
                .iter()
                .find(|y| !y.is_in(ListId::Determiners) && !y.is_in(ListId::ReportQualifiers));
            if head.is_some_and(|h| !unnamed(h)) {
                return Some(x.span);
            }
            continue;
        }
        if !reporting(x) || x.capital {
            continue;
        }
        // ", published on Monday,": a participle after a comma describes what comes before it;
        // it is not a verb whose subject reports.
        let aside_before = i > 0
            && doc.unquoted[w[i - 1].span.end..]
                .trim_start_matches(['.', '\''])
                .starts_with([',', '\u{2014}', '\u{2013}']);
        if aside_before && x.lower.ends_with("ed") {
            continue;
        }
        // "…, she said": a person the story has named speaks ("they" and "it" may be anyone).
        if i > 0 && matches!(w[i - 1].low(), "he" | "she") && !w[i - 1].punct_after {
            return Some(w[i - 1].span);
        }
        // A name before the verb: "NBC News reported", "Ane Alencar, in remarks to UOL, said".
        let mut b = i;
        while b > 0 && (w[b - 1].capital || is(ListId::NameVerbFillers, &w[b - 1])) {
            b -= 1;
        }
        // Not the subject: a name placing an unnamed source ("a source within the Interior
        // Ministry said"), or a modifier after a quantifier ("all other US states delayed").
        let placed = w[b.saturating_sub(5)..b].windows(2).any(|p| {
            is(ListId::InformantNouns, &p[0])
                && matches!(p[1].low(), "within" | "inside" | "at" | "in" | "from")
        });
        let modifier = b > 0 && is(ListId::GroupQuantifiers, &w[b - 1]);
        if b < i
            && !placed
            && !modifier
            && w[b..i]
                .iter()
                .any(|y| y.capital && !unnamed(y) && !y.is_in(ListId::StopWords))
            && (b > 0 || i - b > 1 || !w[b].is_in(ListId::SentenceStarters))
        {
            return Some(w[b].span);
        }
        // After the verb: "said Ruiz", "reported the BBC"; not a name that is the subject of
        // what is said ("reports say Israel was going to …", "sources said Ruiz planned …").
        let after = w[i + 1..]
            .iter()
            .position(|y| y.lower != "the")
            .map(|k| i + 1 + k);
        // "told Negroponte": the name after "told" is the listener, not the source.
        if !x.punct_after
            && !is(ListId::RelayVerbs, x)
            && let Some(a) = after
            && w[a].capital
            && !unnamed(&w[a])
        {
            let mut e = a;
            while e + 1 < w.len() && w[e + 1].capital && !w[e].punct_after {
                e += 1;
            }
            let subject = !w[e].punct_after
                && w.get(e + 1).is_some_and(|y| {
                    is(ListId::BeForms, y)
                        || modal(y)
                        || matches!(y.low(), "has" | "have" | "had")
                        || (!y.capital && y.lower.len() > 3 && y.lower.ends_with("ed"))
                });
            if !subject {
                return Some(w[a].span);
            }
        }
    }
    None
}
