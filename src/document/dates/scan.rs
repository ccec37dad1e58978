//! Finding date mentions: one regex pass over each block, then a few checks of the words around
//! each match that the pattern cannot make (a day of 45 is no day, "Sunday school" is a name,
//! "Today, attorneys are …" means nowadays).

use super::words::{ANAPHORIC_DAYS, ANAPHORIC_PERIODS, HolidayKind, Rule, UNIT_WORDS};
use super::{DateMention, MentionKind, Period, RelativeWord, Tense, Unit, Which};
use crate::document::Document;
use crate::lexicon::{Lexicon, List, ListId, MONTH_KEYS, NEVER, SEASON_KEYS, capitalise};
use crate::narrow::narrow_parse;
use crate::shared_regex::SharedRegex;
use crate::span::Span;
use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_automata::meta::Regex as MultiRegex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

/// Either apostrophe, as a regex: an alternation rather than a class, so that the date patterns
/// parse without Unicode (no class holds a non-ASCII character), which is their narrow form
/// (see [`crate::narrow::narrow_parse`]) and several times quicker to read.
const APOSTROPHE: &str = "(?:'|’)";

/// A word or phrase as a regex: escaped, any white space between its words (the mention
/// pattern ignores literal white space), either apostrophe.
fn literal(words: &str) -> String {
    words
        .split_whitespace()
        .map(|w| regex::escape(w).replace(['\'', '’'], APOSTROPHE))
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Alternatives, longest first (so "Easter Sunday" is tried before "Easter"); never matches
/// when there are none.
fn alternation(mut words: Vec<String>) -> String {
    if words.is_empty() {
        return NEVER.to_string();
    }
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.join("|")
}

/// "new year's day" → "New Year's Day", "d-day" → "D-Day", "fourth of july" → "Fourth of July".
fn title_case(words: &str) -> String {
    words
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && matches!(w, "of" | "the" | "and") {
                w.to_string()
            } else {
                w.split('-').map(capitalise).collect::<Vec<_>>().join("-")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The date regexes and tables, built once per lexicon from its words.
#[derive(Debug)]
pub struct DatePatterns {
    /// Every kind of date mention, one alternative each, with ASCII word boundaries: the same
    /// matches as `mention_unicode` in a text with no non-ASCII word character, found by the
    /// lazy DFA instead of the much slower engine a Unicode word boundary needs over such text.
    mention: OnceLock<Alternatives>,
    /// Its alternatives.
    mention_source: Vec<String>,
    /// The pattern with Unicode word boundaries, compiled on first use: for a text with a
    /// non-ASCII word character (an accented name).
    mention_unicode: OnceLock<Option<Alternatives>>,
    /// Its alternatives.
    mention_unicode_source: Vec<String>,
    /// The narrow form of `mention`, for narrow text (see [`crate::narrow`]): the same matches,
    /// compiled several times faster.
    mention_narrow: OnceLock<Alternatives>,
    /// The non-ASCII word characters a class or literal of the mention pattern holds; None
    /// when one holds `_` (see [`DatePatterns::word_view`]). Found on first use.
    mention_reach: OnceLock<Option<ClassUnicode>>,
    /// The narrow form of `cue`: for narrow text whose words [`CueWords`] cannot read.
    cue_narrow: OnceLock<SharedRegex>,
    /// The words of `cue`, read without a regex over narrow text.
    cue_words: CueWords,
    /// What every mention holds (a digit, a month, weekday, holiday or season name, a unit of
    /// time, a relative-date word …): a text with none of it holds no mention and is not scanned.
    cue: Deferred<SharedRegex>,
    /// The year that ends a list or range of days ("Jan. 17 and Feb. 7, 2017").
    pub(super) list_year: Deferred,
    /// The last day of a range: "May 24 to 26", "June 30 to July 2".
    pub(super) range_end: Deferred,
    /// A dateline: "LISBON, June 3 (Reuters) -".
    pub(super) dateline: Deferred,
    /// A line that is only a date or timestamp: its group `date` is the date in it.
    pub(super) timestamp: Deferred,
    /// The date of a timestamp line (`timestamp`'s group `date`), read into its year, month and
    /// day.
    pub(super) timestamp_date: Deferred,
    /// A holiday or named day's name at the start of a text ("September 11th" after "since").
    holiday_start: Deferred,
    /// Holiday and named-day names (lowercase) → index into `holidays`.
    holiday_of: HashMap<String, usize>,
    /// What each holiday is and how its date is found.
    holidays: Vec<(HolidayKind, Rule)>,
}

impl DatePatterns {
    /// The patterns for a lexicon's words: `months` and `weekdays` are its groups in calendar
    /// order, each a name followed by its abbreviations; `list` gives its other lists.
    ///
    /// The regexes compile on first use (a story with no date compiles none of them), or now
    /// when `eager`: a lexicon a configuration changed, whose words may not compile.
    pub(crate) fn new<'l>(
        months: &[Vec<String>],
        weekdays: &[Vec<String>],
        list: &dyn Fn(ListId) -> &'l List,
        eager: bool,
    ) -> Result<DatePatterns, String> {
        let words = |id: ListId| -> Vec<String> { list(id).words().map(literal).collect() };
        // Names are read capitalised or in capitals ("TUESDAY, AUGUST 2" in a media
        // advisory); abbreviations capitalised, with or without a period ("SAT" and "MAR" in
        // capitals are other words).
        let names = |groups: &[Vec<String>]| -> Vec<String> {
            groups
                .iter()
                .filter_map(|g| g.first())
                .flat_map(|n| [literal(&capitalise(n)), literal(&n.to_uppercase())])
                .collect()
        };
        let abbreviations = |groups: &[Vec<String>]| -> Vec<String> {
            groups
                .iter()
                .flat_map(|g| g.iter().skip(1))
                .map(|a| format!(r"{}\.?", literal(&capitalise(a))))
                .collect()
        };
        let wd = alternation([names(weekdays), abbreviations(weekdays)].concat());
        let mon = format!(
            "(?:{})",
            alternation([names(months), abbreviations(months)].concat())
        );
        let months_alone = alternation(names(months));
        let lead = alternation(words(ListId::MonthLeadWords));
        let times = alternation(words(ListId::TimesOfDay));
        let mut holiday_of = HashMap::new();
        let mut holidays = Vec::new();
        let mut holiday_names = Vec::new();
        // The words of the cue below, as written: names capitalised, the rest in any case.
        let mut cue_words = CueWords::default();
        for w in [
            "day",
            "week",
            "month",
            "year",
            "decade",
            "yesterday",
            "today",
            "tonight",
            "tomorrow",
            "night",
            "morning",
            "afternoon",
            "evening",
            "weekend",
            "quarter",
            "century",
            "present",
        ] {
            cue_words.folded(w);
        }
        for d in '0'..='9' {
            cue_words.exact(&d.to_string());
        }
        for g in months.iter().chain(weekdays) {
            g.iter().for_each(|w| cue_words.exact(&capitalise(w)));
            if let Some(name) = g.first() {
                cue_words.exact(&name.to_uppercase());
            }
        }
        for (w, _) in ANAPHORIC_DAYS {
            cue_words.folded(w);
        }
        for (w, _, _) in ANAPHORIC_PERIODS {
            cue_words.folded(w);
        }
        list(ListId::Seasons)
            .words()
            .for_each(|w| cue_words.folded(w));
        for t in list(ListId::Tens).words() {
            if let Some(s) = t.strip_suffix('y') {
                cue_words.folded(&format!("{s}ies"));
            }
        }
        for (id, kind) in [
            (ListId::Holidays, HolidayKind::Holiday),
            (ListId::NamedDays, HolidayKind::NamedDay),
        ] {
            for (key, names) in list(id).groups() {
                let rule = super::words::rule(key).map_err(|e| format!("`{}`: {e}", id.name()))?;
                for n in names {
                    holiday_of.insert(n.replace('’', "'"), holidays.len());
                    holiday_names.push(literal(&title_case(n)));
                    cue_words.exact(&title_case(n));
                }
                holidays.push((kind, rule));
            }
        }
        let holiday_names = alternation(holiday_names);
        let numbers = alternation(
            [ListId::Ones, ListId::Tens]
                .into_iter()
                .flat_map(|id| list(id).words().map(literal).collect::<Vec<_>>())
                .chain(["a".to_string(), "an".to_string()])
                .collect(),
        );
        let decades = alternation(
            list(ListId::Tens)
                .words()
                .filter_map(|t| t.strip_suffix('y').map(|s| format!("{s}ies")))
                .collect(),
        );
        let ordinals = alternation(words(ListId::Ordinals));
        let seasons = alternation(words(ListId::Seasons));
        let units = r"(?i:days?|weeks?|months?|years?|decades?)";
        let anaphoric = alternation(
            ANAPHORIC_DAYS
                .iter()
                .map(|(w, _)| literal(w))
                .chain(ANAPHORIC_PERIODS.iter().map(|(w, _, _)| literal(w)))
                .collect(),
        );
        let year = r"(?:1[5-9]\d\d|20\d\d)";
        // The pattern with a word boundary of its choice: Unicode (`\b`) or ASCII
        // (`(?-u:\b)`), which the lazy DFA can run over text with non-ASCII characters.
        let mention_with = |b: &str| -> Vec<String> {
            let all = format!(
                r"
        (?P<num>{b}\d{{1,2}}(?:/\d{{1,2}}/|-\d{{1,2}}-|\.\d{{1,2}}\.)(?:\d{{4}}|\d{{2}}){b})
      | (?P<hol>(?:{b}(?P<hw>(?i:last|this|next))\s+)?(?P<hname>{holiday_names})(?:(?:,?\s+|\s+(?i:in|of)\s+)(?P<hy>{year}))?{b})
      | (?P<wdd>(?:{b}(?i:on)\s+)?{b}(?P<wd1>{wd}),?\s+(?P<m1>{mon})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?{b}(?:,?\s+(?P<y1>{year}){b})?)
      | (?P<md>{b}(?P<m2>{mon})(?:\s+|\.)(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?{b}(?:,?\s+(?P<y2>{year}){b})?)
      | (?P<my>{b}(?:(?i:mid)-)?(?P<m3>{mon})(?:,?\s+|\s+(?i:of)\s+)(?P<y3>{year}){b})
      | (?P<dm>{b}(?P<d4>\d{{1,2}})(?:(?:st|nd|rd|th),?)?\s+(?P<m4>{mon})(?:,?\s+(?P<y4>{year}))?{b})
      | (?P<iso>{b}(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}){b})
      | (?P<rel>{b}(?i:yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|the\s+present)(?:{APOSTROPHE}?s)?{b})
      | (?P<ago>{b}(?:(?i:about|around|some|nearly|almost|roughly|more\s+than|less\s+than|over|just|only)\s+)?(?P<agon>\d{{1,3}}|(?i:{numbers}))\s+(?P<agou>{units})\s+(?P<agod>(?i:ago|from\s+now|earlier|later|before|after)){b})
      | (?P<inn>{b}(?:(?P<innw>(?i:in|within))\s+(?:(?i:the\s+next)\s+)?|(?i:in)\s+(?i:about|approximately|around|roughly|some|nearly|almost)\s+)(?P<innn>\d{{1,3}}|(?i:{numbers}))\s+(?P<innu>{units}){b})
      | (?P<ana>{b}(?i:{anaphoric}){b})
      | (?P<str>{b}(?i:the|these)\s+(?P<strw>(?i:past|last|next|coming|previous|following))\s+(?:(?P<strn>\d{{1,3}}|(?i:{numbers}))\s+)?(?P<stru>{units}){b})
      | (?P<per>{b}(?i:(?:last|this|next)\s+(?:weekend|week|month|year)|(?:earlier|later)\s+this\s+(?:week|month|year)|earlier\s+in\s+the\s+(?:week|month)|this\s+past\s+(?:weekend|week)|(?:(?:over|during|at|on|across|throughout|through)\s+)?the\s+weekend)(?:{APOSTROPHE}?s)?{b})
      | (?P<sea>(?:{b}(?P<sw>(?i:last|this|next|early|late|mid|the|this\s+past))[\s-]+)?{b}(?P<sname>(?i:{seasons})){b}(?:\s+(?:of\s+)?(?P<sy>{year}){b})?)
      | (?P<qtr>{b}Q(?P<qn>[1-4])(?:\s+(?P<qy>{year}))?{b}|{b}(?i:the)\s+(?P<qo>(?i:{ordinals}))\s+quarter\s+(?:(?i:of)\s+)?(?:(?P<qy2>{year}){b}|(?P<qrel>(?i:this|last|next))\s+year{b}))
      | (?P<dec>{b}(?:(?i:the)\s+)?(?:(?P<decy>(?:1[0-9]|20)\d0)|{APOSTROPHE}(?P<decs>\d0)){APOSTROPHE}?s{b})
      | (?P<decw>{b}(?i:the)\s+(?P<decword>(?i:{decades})){b})
      | (?P<cen>{b}(?:(?i:the)\s+)?(?:(?P<cenn>\d{{1,2}})(?:st|nd|rd|th)|(?P<cenw>(?i:{ordinals})))[\s-]+(?i:century){b})
      | (?P<wd>(?:{b}(?i:on|last|next|this)\s+)?{b}(?P<wd2>{wd})(?:{APOSTROPHE}s)?(?:\s+(?:{times}))?{b})
      | (?P<mon>{b}(?P<mlead>(?i:{lead}))[\s-]+(?P<m5>{months_alone}){b}(?:(?:,?\s+|\s+(?i:of)\s+)(?P<y5>{year}){b})?)
      | (?P<fy>{b}(?:(?i:fiscal\s+year)(?:\s+\(FY\))?\s+|FY\s?)(?P<fyv>{year}|\d\d){b})
      | (?P<year>{b}(?P<yv>{year}){b})
        "
            );
            // One pattern per alternative, in order: a multi-pattern regex matches as their
            // alternation does (leftmost, then the first pattern), and finds the groups of the
            // matching pattern only, not of every alternative.
            all.split("\n      | ")
                .map(|alternative| format!("(?x){}", alternative.trim()))
                .collect()
        };
        let compile = |p: &str| Deferred::new(p.to_string(), eager);
        let timestamp = super::anchor::timestamp_patterns(
            months,
            weekdays,
            &words(ListId::TimestampLeads),
            &list(ListId::TimeZones)
                .words()
                .map(|z| z.to_uppercase())
                .collect::<Vec<_>>(),
        );
        // Each alternative of `mention` holds one of these: its digits, its names, or its unit.
        let cue = format!(
            r"\d|(?:{holiday_names})|(?:{wd})|(?:{mon})|{units}|(?i:yesterday|today|tonight|tomorrow|night|morning|afternoon|evening|weekend|week|month|year|quarter|century|present|(?:{anaphoric})|(?:{seasons})|(?:{decades}))"
        );
        let mention_source = mention_with(r"(?-u:\b)");
        let mention = OnceLock::new();
        if eager {
            let _ = mention.set(compile_many(&mention_source, Find::ByAlternative)?);
        }
        Ok(DatePatterns {
            mention,
            mention_source,
            mention_unicode: OnceLock::new(),
            mention_unicode_source: mention_with(r"\b"),
            mention_narrow: OnceLock::new(),
            mention_reach: OnceLock::new(),
            cue_narrow: OnceLock::new(),
            cue_words,
            cue: Deferred::shared(cue, eager)?,
            // "April 14, April 27, June 9, and Sept. 16, 2010": one year for the list.
            list_year: compile(&format!(
                r"^(?:\s*[-–]\s*\d{{1,2}}|(?:,\s*(?:{mon}\s+)?\d{{1,2}}(?:st|nd|rd|th)?){{0,8}},?\s+(?:and|or|to|through)\s+(?:{mon}\s+)?\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b"
            ))?,
            range_end: compile(&format!(
                r"^\s*(?:[-–]|to|through|until|till|(?P<and>and|&))\s*(?:(?P<m>{mon})\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{{4}})\b)?"
            ))?,
            dateline: compile(&format!(
                r"^\s*[A-Z][A-Z.'’ -]+(?:,\s*[A-Za-z.'’ ]+)?,\s+(?P<m>{mon})\s+(?P<d>\d{{1,2}})(?:,\s+(?P<y>\d{{4}}))?\s*(?:\([^)]*\)\s*)?[-—–]"
            ))?,
            timestamp: compile(&timestamp.0)?,
            timestamp_date: compile(&timestamp.1)?,
            holiday_start: compile(&format!(r"^(?:{holiday_names})\b"))?,
            holiday_of,
            holidays,
        })
    }

    /// The mention pattern to scan `text` with, and the text to scan in its place (see
    /// [`DatePatterns::word_view`]) if any; None when `text` cannot hold a mention.
    fn mention_for(&self, text: &str) -> Option<(&Alternatives, Option<String>)> {
        // The narrow forms compile from patterns that did (or that a test compiles).
        if crate::narrow::is_narrow(text) {
            let cue = || {
                self.cue_narrow.get_or_init(|| {
                    let hir = narrow_parse(&self.cue.source).expect("the date cue parses");
                    SharedRegex::new(
                        MultiRegex::builder()
                            .build_from_hir(&hir)
                            .expect("the narrow date cue compiles"),
                    )
                })
            };
            if !self
                .cue_words
                .is_match(text)
                .unwrap_or_else(|| cue().is_match(text))
            {
                return None;
            }
            return Some((self.narrow(), None));
        }
        if !self.cue.is_match(text) {
            return None;
        }
        let mention = self.mention.get_or_init(|| {
            compile_many(&self.mention_source, Find::ByAlternative)
                .expect("the built-in date words compile")
        });
        if text.is_ascii() || !NON_ASCII_WORD.is_match(text) {
            return Some((mention, None));
        }
        if let Some(view) = self.word_view(text) {
            let pattern = if crate::narrow::is_narrow(&view) {
                self.narrow()
            } else {
                mention
            };
            return Some((pattern, Some(view)));
        }
        // Should the Unicode form of a user's date words not compile (it builds about as large as
        // the ASCII one, which did), the ASCII one still reads every ASCII-bounded mention.
        let unicode = self
            .mention_unicode
            .get_or_init(|| compile_many(&self.mention_unicode_source, Find::Whole).ok());
        Some((unicode.as_ref().unwrap_or(mention), None))
    }

    /// Builds the narrow form of the mention pattern now, which nearly every story's check
    /// needs: a cold start has another thread build it while the configuration is read.
    pub(crate) fn prepare(&self) {
        self.narrow();
    }

    /// The narrow form of the mention pattern, for narrow text.
    fn narrow(&self) -> &Alternatives {
        self.mention_narrow.get_or_init(|| {
            Alternatives::new(&self.mention_source, Find::ByAlternative, true)
                .expect("the narrow date pattern compiles")
        })
    }

    /// `text` with each non-ASCII word character turned into as many `_`, which the pattern
    /// with ASCII word boundaries reads as the pattern with Unicode ones reads the text: a word
    /// boundary falls where it did, and nothing else of the pattern matches either (no class or
    /// literal of it holds `_`, and none holds a word character of the text: see
    /// [`word_reach`]). The lazy DFA then runs over it instead of the PikeVM. None when the
    /// pattern or the text does not allow it.
    fn word_view(&self, text: &str) -> Option<String> {
        let reach = self
            .mention_reach
            .get_or_init(|| word_reach(&self.mention_unicode_source))
            .as_ref()?;
        let mut view = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_ascii() || !regex_syntax::is_word_character(c) {
                view.push(c);
            } else if reach
                .ranges()
                .binary_search_by(|r| {
                    if r.end() < c {
                        std::cmp::Ordering::Less
                    } else if r.start() > c {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok()
            {
                return None;
            } else {
                view.extend(std::iter::repeat_n('_', c.len_utf8()));
            }
        }
        Some(view)
    }

    /// The holiday or named day a name (as written) stands for: its index.
    pub(super) fn holiday_index(&self, name: &str) -> Option<usize> {
        let key = name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace('’', "'");
        self.holiday_of.get(&key).copied()
    }

    /// What holiday `index` is and how its date is found.
    pub fn holiday(&self, index: usize) -> Option<(HolidayKind, Rule)> {
        self.holidays.get(index).copied()
    }
}

/// The words of the date cue, found without a regex in narrow text (see [`crate::narrow`]): for
/// each word or phrase of the cue, its longest run of characters other than white space and
/// apostrophes, which every match of the phrase holds as written (names) or in any ASCII case
/// (the cue's case-insensitive words: a narrow text holds no non-ASCII letter that a letter
/// folds to). A text the cue matches holds one of these, so a text holding none holds no date
/// mention; one holding one is scanned as before. Built on first use: two small automata build
/// in a fraction of the time the cue's regex takes to compile.
#[derive(Debug, Default)]
struct CueWords {
    /// Runs matched as written.
    exact: Vec<String>,
    /// Runs matched in any ASCII case (kept ASCII lowercase).
    folded: Vec<String>,
    /// A word or phrase had no such run (all apostrophes): the cue's regex decides.
    unreadable: bool,
    /// The automata of `exact` and `folded`; None when `unreadable`.
    automata: OnceLock<Option<[AhoCorasick; 2]>>,
}

impl CueWords {
    /// The runs of `phrase` that every match of its regex (see [`literal`]) holds; None (and
    /// the words unreadable) when it has none.
    fn runs(&mut self, phrase: &str) -> Option<Vec<String>> {
        let runs: Vec<String> = phrase
            .split(|c: char| c.is_whitespace() || c == '\'' || c == '’')
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        self.unreadable |= runs.is_empty();
        (!runs.is_empty()).then_some(runs)
    }

    /// Whether `run` holds a word already kept in any case (so a text holding `run` holds it).
    fn folded_in(&self, run: &str) -> bool {
        let run = run.to_ascii_lowercase();
        self.folded.iter().any(|w| run.contains(w.as_str()))
    }

    /// A word or phrase of the cue matched as written: its longest run, unless one of its runs
    /// already holds a word kept.
    fn exact(&mut self, phrase: &str) {
        let Some(runs) = self.runs(phrase) else {
            return;
        };
        let held = |r: &String| self.folded_in(r) || self.exact.iter().any(|w| r.contains(w));
        if !runs.iter().any(held)
            && let Some(r) = runs.into_iter().max_by_key(|r| r.len())
        {
            self.exact.push(r);
        }
    }

    /// A word or phrase of the cue matched in any case: its longest run, unless one of its
    /// runs already holds a word kept in any case.
    fn folded(&mut self, phrase: &str) {
        let Some(runs) = self.runs(phrase) else {
            return;
        };
        if !runs.iter().any(|r| self.folded_in(r))
            && let Some(r) = runs.into_iter().max_by_key(|r| r.len())
        {
            self.folded.push(r.to_ascii_lowercase());
        }
    }

    /// Whether narrow `text` holds one of the runs; None when the cue's regex must decide.
    fn is_match(&self, text: &str) -> Option<bool> {
        let automata = self.automata.get_or_init(|| {
            if self.unreadable {
                return None;
            }
            let build = |runs: &[String], fold: bool| {
                AhoCorasick::builder()
                    .ascii_case_insensitive(fold)
                    .build(runs)
                    .ok()
            };
            Some([build(&self.exact, false)?, build(&self.folded, true)?])
        });
        automata
            .as_ref()
            .map(|[exact, folded]| exact.is_match(text) || folded.is_match(text))
    }
}

/// A date regex, compiled on first use; one of a lexicon a configuration changed compiles when
/// it is built, so that words that do not compile are an error in the configuration. `R` is a
/// [`Regex`], or a [`SharedRegex`] for the cue, run on every block of every story, whose
/// match-time caches the threads share.
#[derive(Debug)]
pub struct Deferred<R = Regex> {
    source: String,
    regex: OnceLock<R>,
    compile: fn(&str) -> Result<R, String>,
}

impl<R> Deferred<R> {
    /// The regex of `source`, compiled by `compile` now when `eager`.
    fn with(
        source: String,
        eager: bool,
        compile: fn(&str) -> Result<R, String>,
    ) -> Result<Deferred<R>, String> {
        let regex = OnceLock::new();
        if eager {
            let _ = regex.set(compile(&source)?);
        }
        Ok(Deferred {
            source,
            regex,
            compile,
        })
    }
}

impl Deferred {
    /// A [`Regex`] of `source`, compiled now when `eager`.
    fn new(source: String, eager: bool) -> Result<Deferred, String> {
        Deferred::with(source, eager, |s| {
            Regex::new(s).map_err(|e| format!("the date words are too large to compile: {e}"))
        })
    }
}

impl Deferred<SharedRegex> {
    /// A [`SharedRegex`] of `source`, compiled now when `eager`.
    fn shared(source: String, eager: bool) -> Result<Deferred<SharedRegex>, String> {
        Deferred::with(source, eager, |s| {
            MultiRegex::new(s)
                .map(SharedRegex::new)
                .map_err(|e| format!("the date words are too large to compile: {e}"))
        })
    }
}

impl<R> std::ops::Deref for Deferred<R> {
    type Target = R;

    fn deref(&self) -> &R {
        // Only the built-in words are compiled late; a test compiles them all.
        self.regex
            .get_or_init(|| (self.compile)(&self.source).expect("the built-in date words compile"))
    }
}

/// Compiles the alternatives of a pattern.
fn compile_many(alternatives: &[String], find: Find) -> Result<Alternatives, String> {
    Alternatives::new(alternatives, find, false)
        .map_err(|e| format!("the date words are too large to compile: {e}"))
}

/// How an [`Alternatives`] finds its matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Find {
    /// One multi-pattern regex, which says which alternative matched: for a pattern the lazy
    /// DFA runs (ASCII word boundaries).
    ByAlternative,
    /// The alternation as one pattern; the alternative is the first that matches at the start.
    /// For a pattern with Unicode word boundaries, which the PikeVM runs over text with
    /// non-ASCII letters: its cache holds two slots a state for every pattern.
    Whole,
}

/// A pattern of many alternatives, each with its own groups: one regex finds the matches, and
/// the matching alternative alone, compiled the first time it is tried, reads its groups over
/// the match. Capture groups cost memory for every state of the regex that reads them, in each
/// cache (slots a state for every group of every alternative: megabytes for the date pattern);
/// each alternative has few states and groups.
#[derive(Debug)]
struct Alternatives {
    /// Every alternative, whole matches only; its caches shared by the threads.
    find: SharedRegex,
    /// How `find` finds.
    how: Find,
    /// Each alternative alone, with its groups.
    groups: Vec<(String, OnceLock<SharedRegex>)>,
    /// Whether these are the patterns' narrow forms (see [`crate::narrow`]), for narrow text.
    narrow: bool,
    /// The narrow forms' syntax trees, read once for `find` and kept for each alternative's
    /// groups (empty for the patterns themselves).
    hirs: Vec<regex_syntax::hir::Hir>,
}

/// The built-in date mention pattern's alternatives, each with its narrow form's syntax tree
/// written by the build script (see [`crate::narrow::tree::encode`]): `MENTION`.
mod builtin {
    include!(concat!(env!("OUT_DIR"), "/dates_builtin.rs"));
}

/// A pattern's syntax tree, its narrow form when `narrow`: read back from the tree the build
/// script wrote for an alternative of the built-in mention pattern (the same tree, without
/// parsing the pattern), else parsed.
fn parse_as(source: &str, narrow: bool) -> Result<regex_syntax::hir::Hir, String> {
    if narrow {
        if let Some(hir) = builtin::MENTION
            .iter()
            .find(|(s, _)| *s == source)
            .and_then(|(_, written)| crate::narrow::tree::decode(written))
        {
            return Ok(hir);
        }
        return narrow_parse(source).ok_or_else(|| format!("`{source}` does not parse"));
    }
    regex_syntax::parse(source).map_err(|e| e.to_string())
}

impl Alternatives {
    fn new(alternatives: &[String], how: Find, narrow: bool) -> Result<Alternatives, String> {
        // No literal prefilter: its extraction from the alternatives cost more than the NFA
        // itself at start, and the alternatives begin with digits, one-letter words ("a") and
        // hundreds of names, so it would seldom skip far in the blocks the cue lets through.
        let builder = || {
            let mut b = MultiRegex::builder();
            b.configure(
                MultiRegex::config()
                    .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
                    .auto_prefilter(false),
            );
            b
        };
        let mut kept = Vec::new();
        let find = match how {
            Find::ByAlternative if !narrow => builder()
                .build_many(alternatives)
                .map_err(|e| e.to_string())?,
            Find::ByAlternative => {
                kept = alternatives
                    .iter()
                    .map(|a| parse_as(a, true))
                    .collect::<Result<Vec<_>, _>>()?;
                builder()
                    .build_many_from_hir(&kept)
                    .map_err(|e| e.to_string())?
            }
            Find::Whole => {
                // Parsed one by one: the alternatives name their groups alike.
                let hirs = alternatives
                    .iter()
                    .map(|a| parse_as(a, narrow))
                    .collect::<Result<Vec<_>, _>>()?;
                builder()
                    .build_from_hir(&regex_syntax::hir::Hir::alternation(hirs))
                    .map_err(|e| e.to_string())?
            }
        };
        Ok(Alternatives {
            find: SharedRegex::new(find),
            how,
            groups: alternatives
                .iter()
                .map(|a| (a.clone(), OnceLock::new()))
                .collect(),
            narrow,
            hirs: kept,
        })
    }

    /// The groups of alternative `k` matching anchored at the start of `span`, within it.
    fn groups_of(&self, k: usize, text: &str, span: regex_automata::Span) -> Option<Captures> {
        let (source, regex) = &self.groups[k];
        // Only ever searched anchored over one match: no prefilter (an anchored search uses
        // none), and no lazy DFA (nor the reverse automaton it needs): the one-pass DFA, the
        // backtracker or the PikeVM reads the groups directly, with the same result. It builds
        // in a fraction of the time.
        let builder = || {
            let mut b = MultiRegex::builder();
            b.configure(MultiRegex::config().auto_prefilter(false).hybrid(false));
            b
        };
        // It compiled as part of the whole, which is larger.
        let regex = regex.get_or_init(|| {
            let regex = if self.narrow {
                let mut parsed = None;
                let hir = match self.hirs.get(k) {
                    Some(hir) => Ok(hir),
                    None => parse_as(source, true).map(|h| &*parsed.insert(h)),
                };
                hir.and_then(|hir| builder().build_from_hir(hir).map_err(|e| e.to_string()))
            } else {
                builder().build(source).map_err(|e| e.to_string())
            };
            SharedRegex::new(regex.expect("an alternative of a pattern"))
        });
        // The assertions still read the text around the span.
        let caps = regex.captures(&Input::new(text).span(span).anchored(Anchored::Yes));
        caps.is_match().then_some(caps)
    }

    /// The groups of every match in `text`, as the multi-pattern regex with every group would
    /// find them (leftmost, then the first alternative; the matching alternative's groups).
    fn captures_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Captures> + 'a {
        self.find.find_all(text).into_iter().filter_map(move |m| {
            let caps = match self.how {
                // Anchored at the match and ending at its end, the alternative finds the
                // same match.
                Find::ByAlternative => self.groups_of(m.pattern().as_usize(), text, m.span()),
                // The first alternative that matches at the start is the one the alternation
                // took, and it ends where the match does (an earlier one that matched at the
                // start would have been taken).
                Find::Whole => {
                    (0..self.groups.len()).find_map(|k| self.groups_of(k, text, m.span()))
                }
            };
            debug_assert_eq!(
                caps.as_ref().and_then(|c| c.get_match()).map(|c| c.range()),
                Some(m.range())
            );
            caps
        })
    }
}

/// The groups of one match of the mention pattern, read by name.
struct Found<'t> {
    text: &'t str,
    caps: Captures,
}

/// A group of a [`Found`] match.
#[derive(Clone, Copy)]
struct Part<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Part<'t> {
    fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
}

impl<'t> Found<'t> {
    fn part(&self, span: Option<regex_automata::Span>) -> Option<Part<'t>> {
        span.map(|s| Part {
            text: self.text,
            start: s.start,
            end: s.end,
        })
    }
    /// The whole match (group 0) or another group by number.
    fn get(&self, group: usize) -> Option<Part<'t>> {
        self.part(self.caps.get_group(group))
    }
    /// A named group of the matching alternative.
    fn name(&self, name: &str) -> Option<Part<'t>> {
        self.part(self.caps.get_group_by_name(name))
    }
}

impl std::ops::Index<&str> for Found<'_> {
    type Output = str;
    fn index(&self, name: &str) -> &str {
        self.name(name)
            .unwrap_or_else(|| panic!("no group {name} in this date mention"))
            .as_str()
    }
}

/// A word character that is not ASCII: where a Unicode word boundary and an ASCII one differ.
/// The non-ASCII word characters that the classes and literals of `patterns` hold; None when
/// one of them holds `_` or a pattern does not parse.
fn word_reach(patterns: &[String]) -> Option<ClassUnicode> {
    fn walk(hir: &Hir, words: &ClassUnicode, reach: &mut ClassUnicode) -> Option<()> {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(lit) => {
                for c in std::str::from_utf8(&lit.0).ok()?.chars() {
                    if c == '_' {
                        return None;
                    }
                    if !c.is_ascii() && regex_syntax::is_word_character(c) {
                        reach.union(&ClassUnicode::new([ClassUnicodeRange::new(c, c)]));
                    }
                }
            }
            HirKind::Class(Class::Unicode(class)) => {
                if class
                    .ranges()
                    .iter()
                    .any(|r| r.start() <= '_' && '_' <= r.end())
                {
                    return None;
                }
                let mut held = class.clone();
                held.intersect(words);
                reach.union(&held);
            }
            HirKind::Class(Class::Bytes(class)) => {
                if class
                    .ranges()
                    .iter()
                    .any(|r| r.end() >= 0x80 || (r.start() <= b'_' && b'_' <= r.end()))
                {
                    return None;
                }
            }
            HirKind::Repetition(r) => walk(&r.sub, words, reach)?,
            HirKind::Capture(c) => walk(&c.sub, words, reach)?,
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                for sub in subs {
                    walk(sub, words, reach)?;
                }
            }
        }
        Some(())
    }
    let words = match regex_syntax::parse(r"[\w&&[^\x00-\x7F]]").ok()?.into_kind() {
        HirKind::Class(Class::Unicode(c)) => c,
        _ => return None,
    };
    let mut reach = ClassUnicode::empty();
    for p in patterns {
        walk(&regex_syntax::parse(p).ok()?, &words, &mut reach)?;
    }
    Some(reach)
}

static NON_ASCII_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w&&[^\x00-\x7F]]").expect("non-ASCII word character"));

/// "of last year", "last year", ", this year" after a month or a month and day.
static SAID_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,?\s+(?:(?i:of)\s+)?(?P<w>(?i:last|this|next))\s+year\b").expect("said year")
});

/// A day after a month matched alone: "by June 31".
static DAY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4})\b)?").expect("day")
});

/// "the day before", "a day later", "that week": the count and its unit, from the phrase as
/// written.
fn anaphoric_offset(phrase: &str) -> Option<(i32, Unit)> {
    let w = phrase
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    ANAPHORIC_DAYS
        .iter()
        .find(|(p, _)| *p == w)
        .map(|(_, d)| (*d, Unit::Day))
        .or_else(|| {
            ANAPHORIC_PERIODS
                .iter()
                .find(|(p, _, _)| *p == w)
                .map(|(_, n, u)| (*n, *u))
        })
}

/// An anaphoric offset told from the event before it.
fn anaphoric(count: i32, unit: Unit) -> MentionKind {
    MentionKind::Anaphoric {
        count,
        unit,
        event_after: false,
        exact: true,
    }
}

/// Whether a phrase opens with its count ("two days after"), not a hedge ("about two days").
fn number_first(lex: &Lexicon, phrase: &str) -> bool {
    phrase
        .split_whitespace()
        .next()
        .is_some_and(|w| number(lex, w).is_some())
}

/// The start month of a season the lexicon names.
fn season_start(lex: &Lexicon, word: &str) -> Option<i8> {
    let key = lex[ListId::Seasons].group_of(&word.to_lowercase())?;
    let i = SEASON_KEYS.iter().position(|k| *k == key)?;
    Some(3 + 3 * i as i8)
}

/// An ordinal word's value ("third" → 3).
fn ordinal(lex: &Lexicon, word: &str) -> Option<i16> {
    let w = word.to_lowercase();
    lex[ListId::Ordinals]
        .ordered()
        .iter()
        .position(|o| *o == w)
        .map(|i| i as i16 + 1)
}

/// A count written in figures or words ("10", "ten", "a").
fn number(lex: &Lexicon, word: &str) -> Option<i32> {
    let w = word.trim();
    if w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("an") {
        return Some(1);
    }
    w.parse()
        .ok()
        .or_else(|| lex.number_value(w).map(i32::from))
}

fn unit(word: &str) -> Option<Unit> {
    UNIT_WORDS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(word))
        .map(|(_, u)| *u)
}

/// A month name joined to the month mention ending at `end` ("December and January", "May or
/// June"): its span and number. Not a month followed by a day or a year (the mention pattern
/// reads those itself), nor one that is also a word or a name ("May").
fn coordinated_month(lex: &Lexicon, text: &str, end: usize) -> Option<(usize, usize, i8)> {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(',').trim_start();
    let conj = trimmed.split_whitespace().next()?;
    if !matches!(conj, "and" | "or") {
        return None;
    }
    let after_conj = trimmed[conj.len()..].trim_start();
    let name_len = after_conj
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after_conj.len());
    let name = &after_conj[..name_len];
    if !name.starts_with(char::is_uppercase)
        || lex[ListId::AmbiguousMonths].contains(&name.to_lowercase())
    {
        return None;
    }
    // The full name only: "and Jan" may be a person.
    let lower = name.to_lowercase();
    let month = lex.month_number(name)?;
    let key = MONTH_KEYS.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    if lex[ListId::Months].group(key).first() != Some(&lower) {
        return None;
    }
    let tail = &after_conj[name_len..];
    if tail
        .trim_start_matches(',')
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let start = text.len() - after_conj.len();
    Some((start, start + name_len, month))
}

fn which(word: Option<&str>) -> Which {
    match word.map(str::to_ascii_lowercase).as_deref() {
        Some("last") => Which::Last,
        Some("this") => Which::This,
        Some("next") => Which::Next,
        _ => Which::Nearest,
    }
}

/// The word before `at` in `text` (trimmed of punctuation), and the one after `end`.
fn word_before(text: &str, at: usize) -> &str {
    text[..at]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .trim_matches(|c: char| !(c.is_alphanumeric() || c == '#' || c == '.'))
}

fn word_after(text: &str, at: usize) -> &str {
    text[at..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether a four-figure number at `start..end` is a year: not money, a count, a time or a code.
fn is_year(lex: &Lexicon, text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before.is_some_and(|c| matches!(c, '$' | '£' | '€' | '¥' | '#' | '.' | ',' | '+' | '-'))
        && !text[..start].ends_with(" -")
        || after.is_some_and(|c| c == '%')
        || text[end..].starts_with(':') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
        || text[end..].starts_with([',', '.'])
            && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let prev = word_before(text, start).to_ascii_lowercase();
    let next = word_after(text, end);
    if lex[ListId::NotYearBefore].contains(prev.trim_end_matches('.')) {
        return false;
    }
    let next_lower = next.to_ascii_lowercase();
    if lex[ListId::TimeZones].contains(&next_lower)
        || lex[ListId::TimeWords].contains(&next_lower)
        || lex[ListId::NotYearAfter].contains(&next_lower)
    {
        return false;
    }
    // "at 1400 GMT", "at 0845": a clock time.
    !(prev == "at" && (next.is_empty() || next.chars().all(|c| c.is_ascii_uppercase())))
}

/// The last year of a span of years written after its first, `first`: "-2009" or "-84", "–11"
/// (a hyphen then four figures, or a hyphen or dash then the last two), later than the first
/// and at most a century on, and not followed by more figures ("1983-84-5" is no span). With the
/// length read. Two full years joined by a dash ("2005–2015") stay two mentions: each is a year
/// a reader can take alone, and labellers differ on whether such a pair is one span.
fn year_span_end(rest: &str, first: i16) -> Option<(i16, usize)> {
    let dash = ['-', '–'].into_iter().find(|&d| rest.starts_with(d))?;
    let digits = &rest[dash.len_utf8()..];
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    if dash == '–' && n == 4 {
        return None;
    }
    let after = &digits[n..];
    if after.starts_with(|c: char| c.is_alphanumeric())
        || (after.starts_with(['-', '–', '/', '.', ','])
            && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let value: i16 = digits[..n].parse().ok()?;
    let last = match n {
        4 => value,
        2 => {
            let century = first - first % 100;
            if century + value > first {
                century + value
            } else {
                century + 100 + value
            }
        }
        _ => return None,
    };
    (last > first && last - first <= 100).then_some((last, dash.len_utf8() + n))
}

/// Whether the quotation around a span is interrupted by brackets around it: "[Wednesday's]"
/// is the writer's insertion, not the speaker's words.
fn bracketed(text: &str, start: usize, end: usize) -> bool {
    let open = text[..start].rfind('[');
    let close_before = text[..start].rfind(']');
    let close = text[end..].find(']');
    let open_after = text[end..].find('[');
    open.is_some_and(|o| close_before.is_none_or(|c| c < o))
        && close.is_some_and(|c| open_after.is_none_or(|o| o > c))
}

/// A year said for a month or day after it: "August last year" → -1.
fn said_year(text: &str, at: usize) -> Option<(i8, usize)> {
    let c = SAID_YEAR.captures(&text[at..])?;
    let off = match c["w"].to_ascii_lowercase().as_str() {
        "last" => -1,
        "next" => 1,
        _ => 0,
    };
    Some((off, c.get(0)?.end()))
}

pub(super) fn scan(
    doc: &Document,
    text: &str,
    base: usize,
    headline: bool,
    out: &mut Vec<DateMention>,
) {
    let lex = doc.lexicon;
    let patterns = lex.dates();
    let Some((pattern, view)) = patterns.mention_for(text) else {
        return;
    };
    // The matches and groups found in the view are those of the text, at the same offsets.
    for caps in pattern.captures_iter(view.as_deref().unwrap_or(text)) {
        let c = Found { text, caps };
        let whole = c.get(0).expect("match");
        let mut end = whole.end();
        let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<i64>().ok());
        let mut said: Option<i8> = None;
        let kind = if c.name("wdd").is_some() || c.name("md").is_some() || c.name("dm").is_some() {
            let (m, d, y) = if c.name("wdd").is_some() {
                ("m1", "d1", "y1")
            } else if c.name("md").is_some() {
                ("m2", "d2", "y2")
            } else {
                ("m4", "d4", "y4")
            };
            let Some(month) = c.name(m).and_then(|m| lex.month_number(m.as_str())) else {
                continue;
            };
            let day = num(d).unwrap_or(0);
            // "98.0 Mar 20", "-1.48 October 1929", "September 45 calls": a figure next to a
            // month is a day only if it can be one and is not part of a decimal or a sign.
            let dstart = c.name(d).map_or(0, |d| d.start());
            let glued = text[..dstart]
                .chars()
                .next_back()
                .is_some_and(|ch| matches!(ch, '.' | ',' | '-' | '+' | '$' | '£' | '€'));
            if !(1..=31).contains(&day) || (c.name("dm").is_some() && glued) {
                // The month may still be a month: "by June 45" is not; leave it.
                continue;
            }
            let weekday = c.name("wd1").and_then(|w| {
                lex.weekday_named(w.as_str())
                    .map(|d| (d, Span::new(base + w.start(), base + w.end())))
            });
            // A year that is really a clock time: "March 25 0845 GMT".
            let mut year = num(y).map(|y| y as i16);
            if let Some(ym) = c.name(y)
                && lex[ListId::TimeZones].contains(&word_after(text, ym.end()).to_lowercase())
            {
                year = None;
                end = c.name(d).map_or(end, |d| d.end());
            }
            // "Jan. 17 and Feb. 7, 2017", "Nov. 8-11, 2007": one year for the list or range.
            let year = year.or_else(|| {
                patterns
                    .list_year
                    .captures(&text[end..])
                    .and_then(|l| l["y"].parse().ok())
            });
            let until = patterns.range_end.captures(&text[end..]).and_then(|r| {
                let m2 = r
                    .name("m")
                    .and_then(|m| lex.month_number(m.as_str()))
                    .unwrap_or(month);
                let d2: i8 = r["d"].parse().ok()?;
                let later = (m2, d2) > (month, day as i8) && (1..=31).contains(&d2);
                // "December 5 and 6": two days running are one stretch; "June 3 and 10" are two
                // dates, the second of which is not read here.
                let running = r.name("and").is_none() || (m2 == month && i64::from(d2) == day + 1);
                let later = later && running;
                later.then(|| {
                    end += r.get(0).map_or(0, |g| g.end());
                    (m2, d2)
                })
            });
            if year.is_none()
                && let Some((off, len)) = said_year(text, end)
            {
                said = Some(off);
                end += len;
            }
            // "Dec. 31 of the calendar year", "June 30 of each year": a day of any year.
            if year.is_none() {
                // The longest phrase is ten bytes: no copy of the rest of the block per date.
                let rest = text[end..].trim_start().as_bytes();
                let rest = &rest[..rest.len().min(16)];
                if [
                    "of the ",
                    "of each ",
                    "of every ",
                    "each year",
                    "every year",
                ]
                .iter()
                .any(|p| {
                    rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes())
                }) {
                    continue;
                }
            }
            MentionKind::Calendar {
                year,
                month,
                day: day as i8,
                weekday,
                iso: false,
                dateline: false,
                until,
            }
        } else if c.name("iso").is_some() {
            MentionKind::Calendar {
                year: num("iy").map(|y| y as i16),
                month: num("im").unwrap_or(0).clamp(0, 99) as i8,
                day: num("id").unwrap_or(0).clamp(0, 99) as i8,
                weekday: None,
                iso: true,
                dateline: false,
                until: None,
            }
        } else if c.name("num").is_some() {
            let parts: Vec<&str> = whole.as_str().split(['/', '-', '.']).collect();
            let [a, b, y] = parts[..] else { continue };
            let (Ok(first), Ok(second), Ok(year)) =
                (a.parse::<u8>(), b.parse::<u8>(), y.parse::<i16>())
            else {
                continue;
            };
            // A tally or a code ("53-46-15"), not a date: neither field can be a month, or one
            // cannot even be a day.
            if first == 0 || second == 0 || first > 31 || second > 31 || (first > 12 && second > 12)
            {
                continue;
            }
            MentionKind::Numeric {
                first,
                second,
                year: if y.len() == 2 { 2000 + year } else { year },
                day_first: None,
                likely_day_first: false,
            }
        } else if c.name("hol").is_some() {
            let name = c.name("hname").expect("holiday name").as_str();
            let Some((kind, rule)) = patterns
                .holiday_index(name)
                .and_then(|i| patterns.holiday(i))
            else {
                continue;
            };
            MentionKind::Holiday {
                kind,
                rule,
                year: num("hy").map(|y| y as i16),
                which: which(c.name("hw").map(|w| w.as_str())),
            }
        } else if c.name("my").is_some() || c.name("mon").is_some() {
            let m = c.name("m3").or_else(|| c.name("m5")).expect("month group");
            let Some(month) = lex.month_number(m.as_str()) else {
                continue;
            };
            let lead = c.name("mlead").map(|l| l.as_str().to_ascii_lowercase());
            // "since September 11th": the lead word matched first; the name is a named day.
            if let Some(h) = patterns.holiday_start.find(&text[m.start()..])
                && let Some((kind, rule)) = patterns
                    .holiday_index(h.as_str())
                    .and_then(|i| patterns.holiday(i))
            {
                let span = Span::new(base + m.start(), base + m.start() + h.end());
                let kind = MentionKind::Holiday {
                    kind,
                    rule,
                    year: None,
                    which: Which::Nearest,
                };
                out.push(mention(doc, text, span, base, headline, kind, None));
                continue;
            }
            // "by June 31": the preposition matched first; the month has a day after all.
            if c.name("mon").is_some()
                && c.name("y5").is_none()
                && let Some(d) = DAY_AFTER.captures(&text[whole.end()..])
            {
                let day: i64 = d["d"].parse().unwrap_or(0);
                if !(1..=31).contains(&day) {
                    continue;
                }
                let end = whole.end() + d.get(0).expect("match").end();
                let span = Span::new(base + m.start(), base + end);
                out.push(mention(
                    doc,
                    text,
                    span,
                    base,
                    headline,
                    MentionKind::Calendar {
                        year: d.name("y").and_then(|y| y.as_str().parse().ok()),
                        month,
                        day: day as i8,
                        weekday: None,
                        iso: false,
                        dateline: false,
                        until: None,
                    },
                    None,
                ));
                continue;
            }
            // "by May", "the May government", "May's": a name, not the month, unless a year
            // follows.
            if lex[ListId::AmbiguousMonths].contains(&m.as_str().to_lowercase())
                && c.name("y5").is_none()
                && (matches!(
                    lead.as_deref(),
                    Some("by" | "of" | "from" | "before" | "after" | "the" | "for")
                ) || text[m.end()..].starts_with(['\'', '’']))
            {
                continue;
            }
            let year = num("y3").or_else(|| num("y5")).map(|y| y as i16);
            if year.is_none()
                && let Some((off, len)) = said_year(text, end)
            {
                said = Some(off);
                end += len;
            }
            MentionKind::Month {
                month,
                year,
                which: which(lead.as_deref()),
            }
        } else if c.name("rel").is_some() {
            let w = whole.as_str().to_ascii_lowercase();
            // "from 2008 until the present", "between May and the present": the end of a span
            // reaching the story's day ("the present case" is no date).
            if w.starts_with("the") {
                let prev = word_before(text, whole.start()).to_ascii_lowercase();
                let next = word_after(text, end);
                let closes = matches!(
                    prev.as_str(),
                    "to" | "until" | "till" | "through" | "and" | "thru"
                );
                if !closes
                    || w.ends_with('s')
                    || (next.starts_with(char::is_lowercase) && next != "day")
                {
                    continue;
                }
            }
            let word = if w.starts_with("yesterday") || w.starts_with("last") {
                RelativeWord::Yesterday
            } else if w.starts_with("today") || w.starts_with("this") || w.starts_with("the") {
                RelativeWord::Today
            } else if w.starts_with("tonight") {
                RelativeWord::Tonight
            } else {
                RelativeWord::Tomorrow
            };
            MentionKind::Word(word)
        } else if c.name("ago").is_some() {
            let (Some(count), Some(u)) = (
                c.name("agon").and_then(|n| number(lex, n.as_str())),
                c.name("agou").and_then(|u| unit(u.as_str())),
            ) else {
                continue;
            };
            let dir = c["agod"].to_ascii_lowercase();
            match dir.as_str() {
                "ago" => MentionKind::Ago {
                    count,
                    unit: u,
                    future: false,
                },
                d if d.starts_with("from") => MentionKind::Ago {
                    count,
                    unit: u,
                    future: true,
                },
                // "two days later": from the event told before; weeks counted in days,
                // longer units as the month or year they reach ("a decade later": a year).
                d => {
                    let (n, unit) = match u {
                        Unit::Day => (count, Unit::Day),
                        Unit::Week => (count * 7, Unit::Day),
                        Unit::Decade => (count * 10, Unit::Year),
                        other => (count, other),
                    };
                    let back = matches!(d, "earlier" | "before");
                    // "two days after the attack": the event is named after it, not before.
                    let event_after = matches!(d, "after" | "before")
                        && !text[end..].trim_start().starts_with([',', '.', ';', ')'])
                        && !text[end..].trim().is_empty();
                    // "approximately one week after", "just under a month after": no exact
                    // count to add (the lexicon's approximators).
                    let hedged_before = text[..whole.start()]
                        .split_whitespace()
                        .next_back()
                        .is_some_and(|w| lex[ListId::Approximators].contains_ci(w));
                    let hedged = hedged_before || !number_first(lex, whole.as_str());
                    MentionKind::Anaphoric {
                        count: if back { -n } else { n },
                        unit,
                        event_after,
                        exact: !hedged,
                    }
                }
            }
        } else if c.name("inn").is_some() {
            let (Some(count), Some(u)) = (
                c.name("innn").and_then(|n| number(lex, n.as_str())),
                c.name("innu").and_then(|u| unit(u.as_str())),
            ) else {
                continue;
            };
            // "within two years before his death", "in two years of service": counted from
            // something else, or no date at all.
            if matches!(
                word_after(text, end).to_ascii_lowercase().as_str(),
                "before" | "after" | "of" | "since" | "from"
            ) {
                continue;
            }
            if c.name("innw")
                .is_some_and(|w| w.as_str().eq_ignore_ascii_case("within"))
                || whole.as_str().contains("next")
            {
                MentionKind::Stretch {
                    count,
                    unit: u,
                    future: true,
                }
            } else {
                MentionKind::Ago {
                    count,
                    unit: u,
                    future: true,
                }
            }
        } else if c.name("ana").is_some() {
            let Some((count, unit)) = anaphoric_offset(whole.as_str()) else {
                continue;
            };
            // "that year-end review", "that day-care centre": a compound, not a time.
            if text[end..].starts_with('-') {
                continue;
            }
            anaphoric(count, unit)
        } else if c.name("str").is_some() {
            let Some(u) = unit(&c["stru"]) else { continue };
            let w = c["strw"].to_ascii_lowercase();
            let plural = c["stru"].to_ascii_lowercase().ends_with('s');
            let count = match c.name("strn") {
                Some(n) => match number(lex, n.as_str()) {
                    Some(n) => n,
                    None => continue,
                },
                None if plural => continue, // "the coming weeks": no length said
                None => 1,
            };
            match (w.as_str(), c.name("strn").is_some(), u) {
                // "the next day", "the previous day": an offset from the event told before.
                ("next" | "following", false, Unit::Day) => anaphoric(1, Unit::Day),
                ("previous", false, Unit::Day) => anaphoric(-1, Unit::Day),
                // "the last day of", "the next week": not a stretch from the anchor.
                (_, false, Unit::Day) => continue,
                ("next" | "coming" | "following", false, _) => continue,
                ("previous" | "following", _, _) => continue,
                ("next" | "coming", true, _) => MentionKind::Stretch {
                    count,
                    unit: u,
                    future: true,
                },
                _ => MentionKind::Stretch {
                    count,
                    unit: u,
                    future: false,
                },
            }
        } else if c.name("per").is_some() {
            let w = whole
                .as_str()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_ascii_lowercase()
                .replace('’', "'");
            let w = w.strip_suffix("'s").unwrap_or(&w);
            // "the weekend of May 11": a date follows.
            if w.ends_with("the weekend") && text[end..].trim_start().starts_with("of ") {
                continue;
            }
            let period = match w {
                "last week" | "this past week" => Period::LastWeek,
                "this week" => Period::ThisWeek,
                "next week" => Period::NextWeek,
                "last weekend" | "this past weekend" => Period::LastWeekend,
                w if w.ends_with("the weekend") => {
                    if w.starts_with("over") {
                        Period::LastWeekend
                    } else {
                        Period::ThisWeekend
                    }
                }
                "this weekend" => Period::ThisWeekend,
                // "earlier in the week": of the week the story is told in, as "earlier this
                // week" ("later in the week" is as often of a past week told, and is left).
                "earlier this month" | "earlier in the month" => Period::EarlierThisMonth,
                "later this month" => Period::LaterThisMonth,
                "earlier this week" | "earlier in the week" => Period::EarlierThisWeek,
                "later this week" => Period::LaterThisWeek,
                "last month" => Period::LastMonth,
                "this month" => Period::ThisMonth,
                "next month" => Period::NextMonth,
                "last year" => Period::LastYear,
                "this year" => Period::ThisYear,
                "earlier this year" => Period::EarlierThisYear,
                "later this year" => Period::LaterThisYear,
                "next year" => Period::NextYear,
                _ => continue,
            };
            MentionKind::Period(period)
        } else if c.name("sea").is_some() {
            let name = c["sname"].to_ascii_lowercase();
            let lead = c.name("sw").map(|w| w.as_str().to_ascii_lowercase());
            let year = num("sy").map(|y| y as i16);
            // "spring" and "fall" are also words: a season only with a lead word or a year, and
            // "the fall of Rome" is no season.
            if lead.is_none() && year.is_none() {
                continue;
            }
            if name == "fall" && year.is_none() && text[end..].trim_start().starts_with("of ") {
                continue;
            }
            let Some(start) = season_start(lex, &name) else {
                continue;
            };
            let which = match lead.as_deref() {
                Some("this past") => Which::Last,
                l => which(l),
            };
            MentionKind::Season { start, year, which }
        } else if c.name("qtr").is_some() {
            let quarter = num("qn").map(|q| q as i8).or_else(|| {
                c.name("qo")
                    .and_then(|o| ordinal(lex, o.as_str()))
                    .map(|n| n as i8)
            });
            let Some(quarter) = quarter.filter(|q| (1..=4).contains(q)) else {
                continue;
            };
            if let Some(r) = c.name("qrel") {
                said = Some(match r.as_str().to_ascii_lowercase().as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                });
            }
            MentionKind::Quarter {
                quarter,
                year: num("qy").or_else(|| num("qy2")).map(|y| y as i16),
            }
        } else if c.name("dec").is_some() {
            let first = num("decy")
                .map(|y| y as i16)
                .or_else(|| num("decs").map(|d| 1900 + d as i16));
            let Some(first) = first else { continue };
            // "1970s" but not "the 500s" of a count: a decade of years.
            if !(1500..=2090).contains(&first) {
                continue;
            }
            // "the 1800s", "the 1900s": a hundred years, as a century's years are read; "the
            // 2000s" is the decade (the one a reader of the 21st century means).
            let last = if first % 100 == 0 && first < 2000 && c.name("decy").is_some() {
                first + 99
            } else {
                first + 9
            };
            MentionKind::Years { first, last }
        } else if c.name("decw").is_some() {
            // "the seventies": the decade a tens word names.
            let word = c["decword"].to_lowercase();
            let Some(d) = word
                .strip_suffix("ies")
                .and_then(|t| lex.number_value(&format!("{t}y")))
                .map(i16::from)
            else {
                continue;
            };
            MentionKind::Years {
                first: 1900 + d,
                last: 1909 + d,
            }
        } else if c.name("cen").is_some() {
            let n = num("cenn")
                .map(|n| n as i16)
                .or_else(|| c.name("cenw").and_then(|o| ordinal(lex, o.as_str())));
            let Some(n) = n.filter(|n| (1..=22).contains(n)) else {
                continue;
            };
            MentionKind::Years {
                first: (n - 1) * 100 + 1,
                last: n * 100,
            }
        } else if let Some(y) = c.name("fyv") {
            let n: i16 = y.as_str().parse().unwrap_or(0);
            MentionKind::FiscalYear {
                year: match (y.as_str().len(), n) {
                    (2, 0..50) => 2000 + n,
                    (2, _) => 1900 + n,
                    _ => n,
                },
            }
        } else if c.name("year").is_some() {
            let y = c.name("yv").expect("year");
            // The end of a span of years just read ("2005–2015"): part of that mention.
            if out
                .last()
                .is_some_and(|p| p.span.end > base + y.start() && p.span.start < base + y.start())
            {
                continue;
            }
            if !is_year(lex, text, y.start(), y.end()) {
                continue;
            }
            let v: i16 = y.as_str().parse().unwrap_or(0);
            // "2007-2009", "1983-84", "2009–11": a span of years, both ends included.
            match year_span_end(&text[end..], v) {
                Some((last, len)) => {
                    end += len;
                    MentionKind::Years { first: v, last }
                }
                None => MentionKind::Years { first: v, last: v },
            }
        } else {
            let Some(w) = c.name("wd2") else { continue };
            let Some(weekday) = lex.weekday_named(w.as_str()) else {
                continue;
            };
            // "Sunday school", "Good Friday": names, not dates.
            let after = word_after(text, whole.end());
            let before = text[..w.start()]
                .split_whitespace()
                .next_back()
                .unwrap_or("");
            if lex[ListId::WeekdayNouns].contains(&after.to_lowercase())
                || lex[ListId::HolidayWords].contains_capitalised(before)
            {
                continue;
            }
            let lead = whole.as_str().split_whitespace().next().unwrap_or("");
            let future = if lead.eq_ignore_ascii_case("next") {
                true
            } else if lead.eq_ignore_ascii_case("last") {
                false
            } else {
                // Decided when resolved, from the tense and the rest of the sentence.
                false
            };
            MentionKind::Weekday { weekday, future }
        };
        let span = Span::new(base + whole.start(), base + end);
        let coordinated = match kind {
            MentionKind::Month { which, .. } => {
                coordinated_month(lex, text, end).map(|(s, e, month)| {
                    (
                        s,
                        e,
                        MentionKind::Month {
                            month,
                            year: None,
                            which,
                        },
                    )
                })
            }
            _ => None,
        };
        out.push(mention(doc, text, span, base, headline, kind, said));
        // "this past December and January": the second month shares the first's lead.
        if let Some((s, e, kind)) = coordinated {
            let span = Span::new(base + s, base + e);
            out.push(mention(doc, text, span, base, headline, kind, None));
        }
    }
}

fn mention(
    doc: &Document,
    text: &str,
    span: Span,
    base: usize,
    headline: bool,
    kind: MentionKind,
    said: Option<i8>,
) -> DateMention {
    let (start, end) = (span.start - base, span.end - base);
    let (idiom, generic) = match &kind {
        // "until the present": the story's time, no day to name.
        MentionKind::Word(_)
            if text[start..end].starts_with(['t', 'T']) && text[start..end].contains("present") =>
        {
            (true, true)
        }
        MentionKind::Word(w) => match idiom(doc.lexicon, text, start, end, *w) {
            Idiom::Not => (false, false),
            Idiom::Name => (true, false),
            Idiom::Nowadays => (true, true),
        },
        MentionKind::Calendar { year: None, .. } => (recurs(doc.lexicon, text, start, end), false),
        _ => (false, false),
    };
    DateMention {
        span,
        kind,
        resolved: None,
        basis: None,
        tense: if headline {
            Tense::Unknown
        } else {
            super::tense::tense(doc.lexicon, text, start, end)
        },
        quoted: doc.in_quotation(span) && !bracketed(text, start, end),
        headline,
        idiom,
        generic,
        said_year: said,
    }
}

/// A month and day said to recur ("Each year on April 26th", "by June 30 of the following
/// year", "on July 1 annually"): a rule of the calendar, no one date.
fn recurs(lex: &Lexicon, text: &str, start: usize, end: usize) -> bool {
    let phrases = &lex[ListId::RecurringDatePhrases];
    // Only a phrase's length of text after the date is read (lower-casing can make a character
    // up to three times shorter), and the last six words before it: no copy of the rest of the
    // block per date, which made a long block quadratic.
    let reach = 4 * phrases.words().map(str::len).max().unwrap_or(0) + 16;
    let after = text[end..].trim_start_matches([',', ' ']);
    let mut cut = after.len().min(reach);
    while !after.is_char_boundary(cut) {
        cut += 1;
    }
    let after = after[..cut].to_lowercase();
    let lower = text[..start].trim_end_matches([',', ' ']);
    let lowered: Vec<String> = lower
        .split_whitespace()
        .rev()
        .take(6)
        .map(str::to_lowercase)
        .collect();
    let mut before = lowered.iter().map(String::as_str).collect::<Vec<_>>();
    // "each year on", "every year by": the preposition before the date.
    if before
        .first()
        .is_some_and(|w| matches!(*w, "on" | "by" | "before" | "until" | "from"))
    {
        before.remove(0);
    }
    before.reverse();
    let before = before.join(" ");
    let before = before.trim_end_matches(',');
    phrases.words().any(|p| {
        let bounded_after = after
            .strip_prefix(p)
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric));
        let bounded_before = before
            .strip_suffix(p)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '));
        bounded_after || bounded_before
    })
}

/// What a relative word that names no day is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Idiom {
    /// A day: not an idiom.
    Not,
    /// A name or a fixed phrase ("the Tomorrow Fund", "yesterday's news"): no date at all.
    Name,
    /// "today" meaning nowadays: the anchor's time, no day of the news.
    Nowadays,
}

/// "today's economy", "the world today", "the Tomorrow Fund", "Today, attorneys are …": a
/// relative word that names no day.
fn idiom(lex: &Lexicon, text: &str, start: usize, end: usize, word: RelativeWord) -> Idiom {
    let written = &text[start..end];
    // "today's", "today’s", or "todays report" in copy that lost its apostrophes.
    let possessive = written.ends_with(['s', 'S']);
    let next = word_after(text, end);
    let prev = word_before(text, start).to_ascii_lowercase();
    let capital = written.starts_with(|c: char| c.is_uppercase());
    let before = text[..start].trim_end();
    let sentence_start = before.ends_with(['"', '“', '‘', '(', '[', '—'])
        || before
            .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':'))
        // After a dateline that lost its dash: "WASHINGTON Today, the department …".
        || (before.len() <= 40
            && before.starts_with(|c: char| c.is_uppercase())
            && !before.contains(|c: char| c.is_lowercase() || c.is_ascii_digit()));
    if capital && !sentence_start && !written.chars().all(|c| !c.is_lowercase()) {
        return Idiom::Name; // "the Tomorrow Fund"
    }
    if word != RelativeWord::Today || written.contains(' ') {
        // "yesterday's announcements", "tomorrow's vote", "this morning": a day, but
        // "yesterday's news" is a fixed phrase.
        let fixed =
            possessive && lex[ListId::PossessiveIdioms].contains(&next.to_ascii_lowercase());
        return if fixed { Idiom::Name } else { Idiom::Not };
    }
    if possessive {
        // The noun it qualifies, past a name or an acronym before it ("today's FIRREA
        // resolution").
        let noun = text[end..]
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(3)
            .find(|w| !w.starts_with(|c: char| c.is_uppercase()))
            .unwrap_or(next)
            .to_ascii_lowercase();
        let singular = noun.strip_suffix('s').unwrap_or(&noun);
        let temporal = next.starts_with(|c: char| c.is_ascii_digit())
            || lex[ListId::PossessiveEvents].contains(&noun)
            || lex[ListId::PossessiveEvents].contains(singular);
        return if temporal {
            Idiom::Not
        } else {
            Idiom::Nowadays
        };
    }
    if lex[ListId::TodayIdioms].contains(&prev) {
        return Idiom::Nowadays;
    }
    // "Today, CCU trial attorneys are involved in …": a clause that opens with "today" and
    // tells a state in the present, not an event, means nowadays.
    if sentence_start && text[end..].trim_start().starts_with(',') {
        let clause_end = text[end..]
            .find(['.', ';', '!', '?'])
            .map_or(text.len(), |i| end + i);
        let clause = &text[end..clause_end];
        let words: Vec<&str> = clause
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(8)
            .collect();
        // The clause's first verb: "attorneys are involved" tells a state, "I am asking" and
        // "the court ruled" tell what happens on the day.
        for (i, w) in words.iter().enumerate() {
            if lex[ListId::NowadaysVerbs].contains(&w.to_lowercase()) {
                // "are asking", "has announced": an event, not a state ("are involved" is one).
                let next = words.get(i + 1).copied().unwrap_or("");
                let perfect = matches!(*w, "has" | "have") && super::tense::is_past(lex, next);
                return if next.ends_with("ing") || perfect {
                    Idiom::Not
                } else {
                    Idiom::Nowadays
                };
            }
            if super::tense::is_past(lex, w) || matches!(*w, "am" | "will") {
                return Idiom::Not;
            }
        }
        return Idiom::Not;
    }
    Idiom::Not
}

/// Day first or month first, for every all-figure date: a date whose first field is over 12
/// is day first and one whose second is over 12 is month first; the others follow the story's
/// unambiguous ones written with the same separator ("5/13/2024" settles "7/8/2025", not
/// "05-06-2025") when those agree, and stay unsettled otherwise.
pub(super) fn settle_numeric_order(lex: &Lexicon, text: &str, mentions: &mut [DateMention]) {
    let separator = |m: &DateMention| {
        text[m.span.range()]
            .chars()
            .find(|c| matches!(c, '/' | '-' | '.'))
            .unwrap_or('/')
    };
    // Per separator: (seen day first, seen month first).
    let mut seen: Vec<(char, bool, bool)> = Vec::new();
    for m in mentions.iter_mut() {
        let sep = separator(m);
        if let MentionKind::Numeric {
            first,
            second,
            day_first: order,
            ..
        } = &mut m.kind
        {
            let settled = if *first > 12 {
                Some(true)
            } else if *second > 12 {
                Some(false)
            } else if first == second {
                *order = Some(false);
                None
            } else {
                None
            };
            if let Some(day_first) = settled {
                *order = Some(day_first);
                match seen.iter_mut().find(|(s, _, _)| *s == sep) {
                    Some(e) => {
                        e.1 |= day_first;
                        e.2 |= !day_first;
                    }
                    None => seen.push((sep, day_first, !day_first)),
                }
            }
        }
    }
    for m in mentions.iter_mut() {
        let sep = separator(m);
        let Some(&(_, day_first, month_first)) = seen.iter().find(|(s, _, _)| *s == sep) else {
            continue;
        };
        if day_first == month_first {
            continue;
        }
        if let MentionKind::Numeric {
            day_first: order @ None,
            ..
        } = &mut m.kind
        {
            *order = Some(day_first);
        }
    }
    // Left unsettled by the story (and so still ambiguous to a reader): a date written with
    // dots ("07.01.08") is read day first, the order of the countries that write dates so; so
    // is one on a line that gives its time in a zone of such countries ("11:11am GMT
    // 10/01/2008", the lexicon's `day_first_zones`).
    for m in mentions.iter_mut() {
        let sep = separator(m);
        let MentionKind::Numeric {
            day_first: None,
            likely_day_first,
            ..
        } = &mut m.kind
        else {
            continue;
        };
        let line_start = text[..m.span.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[m.span.end..]
            .find('\n')
            .map_or(text.len(), |i| m.span.end + i);
        // Zones are written in capitals: "west" is a word.
        let zoned = text[line_start..line_end]
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| {
                w.len() >= 2
                    && w.bytes().all(|b| b.is_ascii_uppercase())
                    && lex[ListId::DayFirstZones].contains(&w.to_ascii_lowercase())
            });
        *likely_day_first = sep == '.' || zoned;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_date_patterns_compile() {
        // Built-in date regexes compile on first use: each is forced here.
        let p = crate::lexicon::Lexicon::builtin().dates();
        assert!(p.mention_for("on March 3").is_some());
        assert!(p.mention_for("nothing here").is_none());
        assert!(p.mention_narrow.get().is_some() && p.cue_words.automata.get().is_some());
        // A no-break space: not narrow, and no non-ASCII word character.
        assert!(p.mention_for("on March\u{a0}3").is_some());
        assert!(p.mention.get().is_some());
        assert!(p.cue.regex.get().is_some());
        for d in [
            &p.list_year,
            &p.range_end,
            &p.dateline,
            &p.timestamp,
            &p.timestamp_date,
            &p.holiday_start,
        ] {
            assert!(!d.as_str().is_empty());
        }
        assert!(compile_many(&p.mention_unicode_source, Find::Whole).is_ok());
    }

    /// The build script's copy of the built-in mention pattern's alternatives is theirs, and the
    /// trees it wrote are their narrow forms. `COPYDESK_BLESS=1` rewrites the copy.
    #[test]
    fn the_written_mention_trees_are_the_built_in_narrow_forms() {
        let p = crate::lexicon::Lexicon::builtin().dates();
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src/document/dates/mention.txt"
        );
        let lines: String = p.mention_source.iter().map(|a| format!("{a}\n")).collect();
        if std::env::var_os("COPYDESK_BLESS").is_some() {
            std::fs::write(path, &lines).unwrap();
            return;
        }
        assert!(
            std::fs::read_to_string(path).unwrap() == lines,
            "{path} is not the built-in mention pattern: rewrite it with \
             `COPYDESK_BLESS=1 cargo test --lib the_written_mention_trees`"
        );
        assert_eq!(builtin::MENTION.len(), p.mention_source.len());
        for ((source, written), a) in builtin::MENTION.iter().zip(&p.mention_source) {
            assert_eq!(source, a);
            assert_eq!(
                crate::narrow::tree::decode(written),
                narrow_parse(source),
                "{source}"
            );
        }
    }

    /// Over narrow text, the cue's words hold wherever the cue's regex matches (so a text they
    /// pass over holds no mention), and they pass over text with no date word.
    #[test]
    fn the_cue_words_hold_wherever_the_cue_matches() {
        let p = crate::lexicon::Lexicon::builtin().dates();
        let hir = narrow_parse(&p.cue.source).unwrap();
        let cue = MultiRegex::builder().build_from_hir(&hir).unwrap();
        assert!(!p.cue_words.unreadable);
        let texts = [
            "on March 3",
            "the Tues. meeting",
            "NEW YEAR’S EVE party",
            "New Year’s Eve party",
            "the following WEEK",
            "in the fall",
            "during the twenties",
            "Halloween",
            "Valentine’s Day",
            "The mayor said nothing at all.",
            "“Quoted” — it’s fine…",
            "a May-June gap",
            "",
        ];
        for text in texts {
            assert!(crate::narrow::is_narrow(text));
            let words = p.cue_words.is_match(text).unwrap();
            assert!(words || !cue.is_match(text), "{text:?}");
        }
        assert_eq!(p.cue_words.is_match("The mayor said nothing."), Some(false));
        assert_eq!(p.cue_words.is_match("it rained on Monday"), Some(true));
    }

    /// The word view finds, with the lazy DFA, the matches and groups that the pattern with
    /// Unicode word boundaries finds in the text; it is not made for a text holding a word
    /// character the pattern can match (a non-ASCII digit, the Kelvin sign, the long s).
    #[test]
    fn the_word_view_finds_what_the_unicode_pattern_finds() {
        let p = crate::lexicon::Lexicon::builtin().dates();
        let unicode = compile_many(&p.mention_unicode_source, Find::Whole).unwrap();
        let groups = |a: &Alternatives, t: &str| -> Vec<Vec<Option<(usize, usize)>>> {
            a.captures_iter(t)
                .map(|c| {
                    (0..c.group_len())
                        .map(|g| c.get_group(g).map(|s| (s.start, s.end)))
                        .collect()
                })
                .collect()
        };
        let texts = [
            "José said on Monday, March 3, 2025, that Zoë’s visit was éMarch 3 and March 3é.",
            "Müller arrived 3 días ago; the Señor left last week and returns next Tuesday’s vote.",
            "Ça va: 12/05/2024, Q3 2021, the 1990s, mid-June 2020, naïve 2019é, é2019 and 2019.",
            "Straße\u{a0}in\u{a0}June 2020 — the fall of 2019, “yesterday” – día 4 May.",
        ];
        for text in texts {
            assert!(!crate::narrow::is_narrow(text) && NON_ASCII_WORD.is_match(text));
            let Some((pattern, Some(view))) = p.mention_for(text) else {
                panic!("no word view for {text:?}");
            };
            assert_eq!(view.len(), text.len());
            let found = groups(pattern, &view);
            assert!(!found.is_empty(), "{text:?}");
            assert_eq!(found, groups(&unicode, text), "{text:?}");
        }
        for text in [
            "Zoë on March \u{663} left",
            "José: 5 \u{212a}m on June 3",
            "ſo on May 2",
        ] {
            assert!(
                !matches!(p.mention_for(text), Some((_, Some(_)))),
                "{text:?}"
            );
        }
    }
}
