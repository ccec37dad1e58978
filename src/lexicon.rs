//! The lexicon: every English word list the analyses read, as data.
//!
//! Rust holds the mechanisms (how a sentence is split, how a figure is read, how a date is
//! resolved, how a speaker is found); `rules/lexicon.toml` holds the words they look for: speech
//! verbs, titles and abbreviations, number words, measures, currencies, cue words, people nouns,
//! months and weekdays, holidays, future markers … One table per list, one source of truth per
//! list. The file is embedded in the binary and read once, into a [`Lexicon`] whose lists carry
//! their lookups ([`List`]: a hash set, a word-to-group map, a regex), built once per lexicon,
//! never per story. What combines lists is built with them: month and weekday spellings →
//! numbers, the abbreviations that never end a sentence (titles, month and weekday
//! abbreviations), the number words → values, and the date patterns.
//!
//! A list has a [`Shape`], fixed by the analysis that reads it: plain words or phrases; an ordered
//! list of fixed length (`ones`: the position is the value); open groups (`event_cues`: a newsroom
//! may add an event); or named groups (`months`: one group per month, the name first).
//!
//! A newsroom changes lists from its `copydesk.toml` (see [`Lexicon::with_changes`]):
//!
//! ```toml
//! [lexicon]
//! speech_verbs = { add = ["quipped"] }                  # extend a list
//! owned_nouns = { replace = ["votes", "seats"] }        # or replace it
//! event_cues = { add = { burned = ["burned", "burnt"] } }   # a grouped list takes a table
//! ```
//!
//! An unknown list, a key other than `add`/`replace` or an entry of the wrong shape is a config
//! error drawn over the TOML. The resolved lexicon belongs to [`crate::config::Config`]; a story is
//! parsed with it ([`crate::document::Document::parse_with`]), so every analysis of that story sees
//! the newsroom's words. [`Lexicon::builtin`] is the lexicon with no changes.
//!
//! What stays in Rust: the mechanisms, and grammar words so small and structural that moving
//! them would add nothing (the articles and prepositions of a few parsers: "of the", "and/or"
//! between two figures); the relative dates ("yesterday", "last week"), each bound to calendar
//! arithmetic; scale words ("million", "bn"), bound to their values and to the figure syntax;
//! the percent forms the percent-form rule compares.
//!
//! Adding a list: add its table to `rules/lexicon.toml` (`about` and `words` or `groups`), one
//! line to [`ListId`] (the `lists!` table below) with its shape, and read it where it is needed
//! with `lexicon[ListId::…]`. A test checks that every list of the file is known, non-empty,
//! lowercase and free of duplicates. Modules: `list` (one list and its lookups), `edit` (a
//! newsroom's changes).

mod edit;
mod list;

pub use list::{Entries, List, ListMatch, phrases_to_regex};
pub(crate) use list::{NEVER, WordHasher, ascii_safe, ascii_view, capitalise, normalise};

use crate::document::dates::DatePatterns;
use jiff::civil::Weekday;
use list::{Words, with_ascii_lower};
#[cfg(test)]
use serde::Deserialize;
#[cfg(test)]
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, LazyLock, OnceLock};

/// The lists whose regex the analyses read. A newsroom's change to one is compiled with its
/// lexicon, so a list too large to compile is a config error rather than a failure mid-check; the
/// built-in ones are compiled on first use (a test compiles them all).
const READ_BY_REGEX: &[ListId] = &[
    ListId::SpeechVerbs,
    ListId::EventCues,
    ListId::TotalNouns,
    ListId::TotalPhrases,
    ListId::ShareChangeWords,
    ListId::EventNouns,
    ListId::PartMarkers,
    ListId::PartMarkersBefore,
];

/// Where the built-in lexicon comes from, for messages.
pub const BUILTIN_FILE: &str = "rules/lexicon.toml";

/// The built-in lexicon's TOML text.
pub const BUILTIN_TOML: &str = include_str!("../rules/lexicon.toml");

/// How a list is read, fixed by the analysis that reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Words or phrases (`words = [...]`).
    Words,
    /// Exactly this many words, in order: the position is the value (`ones`).
    Ordered(usize),
    /// Groups of words under names a newsroom may add to (`[event_cues.groups]`).
    Groups,
    /// One group for each of these names, no other (`[months.groups]`: the first word of a group
    /// is the name, the rest are abbreviations).
    Named(&'static [&'static str]),
}

/// The group keys of `months`, in calendar order. Keys only: the words matched are the lexicon's.
pub(crate) const MONTH_KEYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The group keys of `weekdays`, Monday first. Keys only: the words matched are the lexicon's.
const WEEKDAY_KEYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The group keys of `seasons`, spring first. Keys only: the words matched are the lexicon's.
pub(crate) const SEASON_KEYS: &[&str] = &["spring", "summer", "autumn", "winter"];

macro_rules! lists {
    ($( $(#[$doc:meta])* $id:ident = $name:literal, $shape:expr; )*) => {
        /// A list of the lexicon: its table in `rules/lexicon.toml` and its key under `[lexicon]`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ListId {
            $( $(#[$doc])* $id, )*
        }

        impl ListId {
            /// Every list, in the order of `rules/lexicon.toml`.
            pub const ALL: &'static [ListId] = &[$(ListId::$id,)*];

            /// The list's name.
            pub fn name(self) -> &'static str {
                match self {
                    $(ListId::$id => $name,)*
                }
            }

            /// How the analyses read it.
            pub fn shape(self) -> Shape {
                match self {
                    $(ListId::$id => $shape,)*
                }
            }
        }
    };
}

lists! {
    /// Speech verbs and attributing phrases ("said", "according to").
    SpeechVerbs = "speech_verbs", Shape::Words;
    /// Subject pronouns that can name a speaker.
    Pronouns = "pronouns", Shape::Words;
    /// Words that open a noun phrase naming a speaker.
    Determiners = "determiners", Shape::Words;
    /// Verbs that give their subject's view or reaction.
    ViewVerbs = "view_verbs", Shape::Words;
    /// Words that may stand between a speaker and the verb of saying.
    SpeakerAdverbs = "speaker_adverbs", Shape::Words;
    /// Past tenses that do not end in -ed.
    IrregularPast = "irregular_past", Shape::Words;
    /// Forms of "be", which make a passive.
    BeForms = "be_forms", Shape::Words;
    /// Words right before a quoted term that make it a name or a term.
    NamingWords = "naming_words", Shape::Words;
    /// Adverbs that pass on a claim without a source.
    HedgeAdverbs = "hedge_adverbs", Shape::Words;
    /// Adverbs that pass on a claim where they qualify a verb ("was supposedly sold").
    SoftHedgeAdverbs = "soft_hedge_adverbs", Shape::Words;
    /// Adverbs that hedge like the soft ones except in crime and court copy ("allegedly").
    CrimeHedgeAdverbs = "crime_hedge_adverbs", Shape::Words;
    /// Words that make a story crime or court copy.
    CrimeWords = "crime_words", Shape::Words;
    /// Participles that, passive and with no agent, pass on a claim.
    HearsayParticiples = "hearsay_participles", Shape::Words;
    /// Participles that pass on a claim only after an impersonal "it" ("it is speculated").
    ImpersonalParticiples = "impersonal_participles", Shape::Words;
    /// Participles that pass on an expectation between an impersonal "it" and "that".
    ImpersonalThatParticiples = "impersonal_that_participles", Shape::Words;
    /// Participles that characterise, agentless after a spreading adverb ("widely seen as").
    ViewParticiples = "view_participles", Shape::Words;
    /// Verbs of saying that ask or order rather than inform ("officials asked residents to …").
    RequestVerbs = "request_verbs", Shape::Words;
    /// Adverbs that say a belief was wrong ("mistakenly believed"): no claim passed on.
    CorrectingAdverbs = "correcting_adverbs", Shape::Words;
    /// Adverbs that spread a passive claim wide ("widely described as").
    HedgeFillers = "hedge_fillers", Shape::Words;
    /// Nouns for reports that, unnamed, are no source.
    ReportNouns = "report_nouns", Shape::Words;
    /// Nouns for news outlets that, unnamed, are no source.
    OutletNouns = "outlet_nouns", Shape::Words;
    /// Groups that, unnamed, hold a view no reader can check.
    UnnamedGroups = "unnamed_groups", Shape::Words;
    /// Words before an unnamed group that keep it unnamed.
    GroupQuantifiers = "group_quantifiers", Shape::Words;
    /// Verbs by which a group holds a view.
    ClaimVerbs = "claim_verbs", Shape::Words;
    /// Verbs of the claim list that only people take ("say", "believe").
    PersonClaimVerbs = "person_claim_verbs", Shape::Words;
    /// Participles that, after a spreading adverb, pass on a view ("widely blamed").
    SpreadParticiples = "spread_participles", Shape::Words;
    /// Participles that characterise before "as" and an article ("was described as a").
    CharacterisingParticiples = "characterising_participles", Shape::Words;
    /// Words that give an unnamed group its field, not its name ("Industry watchers").
    SectorWords = "sector_words", Shape::Words;
    /// Verbs that characterise something, read in -ing after a group ("some are describing").
    CharacterisingVerbs = "characterising_verbs", Shape::Words;
    /// Nouns for a view held among an unnamed group.
    ConsensusNouns = "consensus_nouns", Shape::Words;
    /// Nouns for polls and estimates.
    PollNouns = "poll_nouns", Shape::Words;
    /// Verbs by which a poll, study or estimate reports a result.
    FindingVerbs = "finding_verbs", Shape::Words;
    /// Nouns for officials that, bare, are an anonymous source.
    OfficialNouns = "official_nouns", Shape::Words;
    /// Nouns for unnamed individuals giving information.
    SourceNouns = "source_nouns", Shape::Words;
    /// Nouns for an organisation.
    OrganisationNouns = "organisation_nouns", Shape::Words;
    /// Words before outlets that leave them unnamed ("multiple news outlets").
    OutletQuantifiers = "outlet_quantifiers", Shape::Words;
    /// Verbs by which unnamed outlets pass on a claim.
    OutletVerbs = "outlet_verbs", Shape::Words;
    /// Verbs by which unnamed reports pass on a claim ("reports suggest").
    ReportVerbs = "report_verbs", Shape::Words;
    /// Words that may stand between reports and their verb, giving a time.
    ReportTimeWords = "report_time_words", Shape::Words;
    /// Words for the press before "reports" ("media reports").
    MediaWords = "media_words", Shape::Words;
    /// Words after "according to" that leave the reports unnamed ("unconfirmed", "local").
    ReportQualifiers = "report_qualifiers", Shape::Words;
    /// Adverbs that may stand between a subject and its verb, beside the speaker adverbs.
    FillerAdverbs = "filler_adverbs", Shape::Words;
    /// Words for an unnamed crowd ("people", "others").
    CrowdWords = "crowd_words", Shape::Words;
    /// Plural nouns for people telling what they saw, never an unnamed group holding a view.
    WitnessNouns = "witness_nouns", Shape::Words;
    /// Idioms that pass on talk with no one behind it ("word is that").
    HearsayIdioms = "hearsay_idioms", Shape::Words;
    /// Nouns for one news outlet that, unnamed, is no source ("a newspaper reported").
    OutletSingulars = "outlet_singulars", Shape::Words;
    /// Words before an outlet that make it state media ("a state-run daily").
    StateMediaWords = "state_media_words", Shape::Words;
    /// Roles that, unnamed, are an individual source ("one network executive said").
    UnnamedRoleNouns = "unnamed_role_nouns", Shape::Words;
    /// Words before a singular "official" that leave it unnamed ("a senior government official").
    OfficialRanks = "official_ranks", Shape::Words;
    /// Source nouns that speak or are cited on their own ("sources said").
    InformantNouns = "informant_nouns", Shape::Words;
    /// Phrases after an unnamed source that place it ("familiar with").
    SourcePlacings = "source_placings", Shape::Words;
    /// Of those, the phrases that place people of any kind as a source ("lawyers briefed on").
    PeoplePlacings = "people_placings", Shape::Words;
    /// Words right before a source noun that keep it anonymous ("citing sources").
    CitingWords = "citing_words", Shape::Words;
    /// Verbs of reporting after an anonymous source, beside speech and claim verbs.
    SourceVerbs = "source_verbs", Shape::Words;
    /// Verbs of saying right before bare officials ("said officials").
    VerbsBeforeOfficials = "verbs_before_officials", Shape::Words;
    /// Verbs by which a source passes on to a named outlet ("told Reuters").
    RelayVerbs = "relay_verbs", Shape::Words;
    /// Verbs by which a named outlet relays a source ("Reuters reported").
    OutletReportVerbs = "outlet_report_verbs", Shape::Words;
    /// Verbs by which a named source reports or finds, beside the speech verbs.
    NamingVerbs = "naming_verbs", Shape::Words;
    /// Words that may stand between a name and its verb of reporting ("Reuters later reported").
    NameVerbFillers = "name_verb_fillers", Shape::Words;
    /// Participles that pass on a claim even after a relative pronoun ("who was said to").
    RelativeHearsay = "relative_hearsay", Shape::Words;
    /// Words opening a reader's comment signature ("Posted by: Ana on May 2").
    CommentSignatures = "comment_signatures", Shape::Words;
    /// Labels of a notice line ("UPDATE:", "Editor's note:"): never an interview speaker.
    NoticeTags = "notice_tags", Shape::Words;
    /// Wire services and agencies credited after a dash ("- Sapa"): a credit, not a speaker.
    WireCredits = "wire_credits", Shape::Words;
    /// Nouns that give whose words follow ("In Dr. Ruiz's words, …").
    VoiceNouns = "voice_nouns", Shape::Words;
    /// Nouns for something said ("offered no excuses"): their subject speaks next.
    SpeechActNouns = "speech_act_nouns", Shape::Words;
    /// Modal verbs before the "be" of a passive attribution ("could be heard saying").
    ModalVerbs = "modal_verbs", Shape::Words;
    /// Groups known by a stance, named with what they take it on ("critics of the plan said").
    StanceGroups = "stance_groups", Shape::Words;
    /// Words after an unnamed group that place it without naming it, its verb a few words on
    /// ("many people in the industry believe", "others involved in planning said").
    GroupPlacings = "group_placings", Shape::Words;
    /// Singular members of an unnamed group that hold a view ("one commentator has argued").
    UnnamedMembers = "unnamed_members", Shape::Words;
    /// Verbs of view in the third person singular that follow one unnamed member ("one
    /// commentator argues").
    MemberClaimVerbs = "member_claim_verbs", Shape::Words;
    /// Prepositions before unnamed reports that carry a claim ("amid reports of looting").
    ReportPrepositions = "report_prepositions", Shape::Words;
    /// Nouns for claims that, made with no one behind them, pass on a view ("claims were made").
    ClaimNouns = "claim_nouns", Shape::Words;
    /// Participles by which a claim is put about, agentless ("were made", "has been put forward").
    AiringParticiples = "airing_participles", Shape::Words;
    /// Participles that promote someone or something for a post or a role ("being touted as").
    ToutingParticiples = "touting_participles", Shape::Words;
    /// Verbs by which a group voices a stance named by a noun ("expressed disbelief").
    StanceVerbs = "stance_verbs", Shape::Words;
    /// Adjectives by which a group, after a form of "be", holds a view ("analysts were united").
    StanceAdjectives = "stance_adjectives", Shape::Words;
    /// Words that make a figure in their sentence a rule, not a claim.
    StatuteWords = "statute_words", Shape::Words;
    /// Abbreviations that never end a sentence.
    Titles = "titles", Shape::Words;
    /// Abbreviations that may end a sentence.
    FinalAbbreviations = "final_abbreviations", Shape::Words;
    /// Capitalised words that start sentences without naming anyone.
    SentenceStarters = "sentence_starters", Shape::Words;
    /// Number words from zero to nineteen.
    Ones = "ones", Shape::Ordered(20);
    /// Number words for twenty to ninety.
    Tens = "tens", Shape::Ordered(8);
    /// Plural amounts that name no number.
    VagueAmounts = "vague_amounts", Shape::Words;
    /// Currency words, grouped by currency.
    Currencies = "currencies", Shape::Groups;
    /// Units of measurement.
    Measures = "measures", Shape::Words;
    /// Units of time.
    Durations = "durations", Shape::Words;
    /// Words that make a figure a clock time.
    TimeWords = "time_words", Shape::Words;
    /// Words that make a figure an age.
    AgeWords = "age_words", Shape::Words;
    /// Words that make a figure part of a name.
    LabelWords = "label_words", Shape::Words;
    /// Plural nouns without a final s.
    IrregularPlurals = "irregular_plurals", Shape::Words;
    /// Adjectives that stand as a counted noun.
    NominalAdjectives = "nominal_adjectives", Shape::Words;
    /// Words that end a counted noun phrase.
    StopWords = "stop_words", Shape::Words;
    /// Words that make a figure an estimate or a bound.
    Approximators = "approximators", Shape::Words;
    /// Words next to a figure that make it a change or a remainder.
    RelativeMarkers = "relative_markers", Shape::Words;
    /// Words right after a figure that make it a change.
    RelativeAfter = "relative_after", Shape::Words;
    /// Adjectives that pick out a subset.
    SubsetAdjectives = "subset_adjectives", Shape::Words;
    /// Words before a figure that do not govern it.
    NotGovernors = "not_governors", Shape::Words;
    /// Event cues, grouped by event.
    EventCues = "event_cues", Shape::Groups;
    /// Nouns that all count people.
    PeopleNouns = "people_nouns", Shape::Words;
    /// Nouns compared only for the same owner.
    OwnedNouns = "owned_nouns", Shape::Words;
    /// Nouns that stand for an owner named before.
    OwnerNouns = "owner_nouns", Shape::Words;
    /// Nouns that give a figure again as a total.
    TotalNouns = "total_nouns", Shape::Words;
    /// Phrases that open a figure given again as a total.
    TotalPhrases = "total_phrases", Shape::Words;
    /// Event nouns, grouped by event.
    EventNouns = "event_nouns", Shape::Groups;
    /// Nouns after an event noun that make it a modifier.
    EventNounModifiers = "event_noun_modifiers", Shape::Words;
    /// Words before an event noun that make it another event.
    OtherEventWords = "other_event_words", Shape::Words;
    /// Words that make a figure a part, a total of groups or a group apart.
    PartMarkers = "part_markers", Shape::Words;
    /// Words before a figure that make it a part of a group named before.
    PartMarkersBefore = "part_markers_before", Shape::Words;
    /// Adverbs that pick out part of a group by degree.
    DegreeAdverbs = "degree_adverbs", Shape::Words;
    /// Modifiers between a figure and its noun that narrow nothing.
    EmptyModifiers = "empty_modifiers", Shape::Words;
    /// Ordinals in words.
    OrdinalWords = "ordinal_words", Shape::Words;
    /// Words that make a sentence's percentages changes, not shares.
    ShareChangeWords = "share_change_words", Shape::Words;
    /// Words after a percentage that make it a share of a split.
    ShareFollowers = "share_followers", Shape::Words;
    /// Month names and abbreviations, one group per month.
    Months = "months", Shape::Named(MONTH_KEYS);
    /// Month names that are also words or names.
    AmbiguousMonths = "ambiguous_months", Shape::Words;
    /// Weekday names, one group per day.
    Weekdays = "weekdays", Shape::Named(WEEKDAY_KEYS);
    /// Words before a month name alone that make it a date.
    MonthLeadWords = "month_lead_words", Shape::Words;
    /// Words after a weekday that belong to it.
    TimesOfDay = "times_of_day", Shape::Words;
    /// Nouns after a weekday that make it part of a name.
    WeekdayNouns = "weekday_nouns", Shape::Words;
    /// Words before a weekday that make it a holiday's name.
    HolidayWords = "holiday_words", Shape::Words;
    /// Words that put a date in the future.
    FutureMarkers = "future_markers", Shape::Words;
    /// Future markers that a past-tense verb before them overrules.
    WeakFutureMarkers = "weak_future_markers", Shape::Words;
    /// Irregular past-tense verbs and past cues.
    PastVerbs = "past_verbs", Shape::Words;
    /// Words ending in -ed that tell no past tense.
    NotPastVerbs = "not_past_verbs", Shape::Words;
    /// Present-tense verbs that tell a scheduled event ("the trial begins on Tuesday").
    ScheduledPresentVerbs = "scheduled_present_verbs", Shape::Words;
    /// Verbs that move or stretch a date ("delaying the election until June").
    DateMovingVerbs = "date_moving_verbs", Shape::Words;
    /// Nouns of a listing of fixtures ("Playoff schedule Saturday …"): its days are ahead.
    ScheduleNouns = "schedule_nouns", Shape::Words;
    /// Words in -ing after "is" that are adjectives, not a progressive ("is ongoing").
    IngAdjectives = "ing_adjectives", Shape::Words;
    /// Nouns that name a speech.
    SpeechNouns = "speech_nouns", Shape::Words;
    /// Nouns that make a possessive "today's" a date.
    PossessiveEvents = "possessive_events", Shape::Words;
    /// Nouns after "yesterday's" or "tomorrow's" that make a fixed phrase.
    PossessiveIdioms = "possessive_idioms", Shape::Words;
    /// Words before "today" that make it mean nowadays.
    TodayIdioms = "today_idioms", Shape::Words;
    /// Phrases next to a month and day that make it recur, not one date.
    RecurringDatePhrases = "recurring_date_phrases", Shape::Words;
    /// Present-tense verbs of state: "Today, attorneys are …" means nowadays.
    NowadaysVerbs = "nowadays_verbs", Shape::Words;
    /// Words before a four-figure number that make it no year.
    NotYearBefore = "not_year_before", Shape::Words;
    /// Words after a four-figure number that make it a count or a time.
    NotYearAfter = "not_year_after", Shape::Words;
    /// Time zones after a clock time.
    TimeZones = "time_zones", Shape::Words;
    /// Words that open a date or timestamp line.
    TimestampLeads = "timestamp_leads", Shape::Words;
    /// Time zones of countries that write dates day first.
    DayFirstZones = "day_first_zones", Shape::Words;
    /// Holidays, grouped by how their date is found.
    Holidays = "holidays", Shape::Groups;
    /// Named days, grouped by how their date is found.
    NamedDays = "named_days", Shape::Groups;
    /// Season names, one group per season.
    Seasons = "seasons", Shape::Named(SEASON_KEYS);
    /// Ordinal words from first to twenty-first.
    Ordinals = "ordinals", Shape::Ordered(21);
    /// Section names of site menus: a short line of them is a menu item.
    ResidueMenuWords = "residue_menu_words", Shape::Words;
    /// Words that carry no subject, left out when a line is compared with the story's subject.
    ResidueFunctionWords = "residue_function_words", Shape::Words;
    /// Verbs that open a prompt to the reader ("Subscribe", "Sign up").
    ResidueImperatives = "residue_imperatives", Shape::Words;
    /// Words by which a prompt addresses the reader or the page ("your", "newsletter").
    ResiduePromptObjects = "residue_prompt_objects", Shape::Words;
}

impl ListId {
    /// The list with this name.
    pub fn from_name(name: &str) -> Option<ListId> {
        ListId::ALL.iter().copied().find(|l| l.name() == name)
    }
}

/// Every list, resolved, with the lookups built from them.
pub struct Lexicon {
    /// Indexed by `ListId as usize`.
    lists: Vec<List>,
    /// Every spelling of a month (lowercase, no final period) → its number.
    month_of: Words<i8>,
    /// Every spelling of a weekday (lowercase) → the day.
    weekday_of: Words<Weekday>,
    /// Titles and month and weekday abbreviations: abbreviations that never end a sentence.
    never_final: Words,
    /// The number words of `ones` and `tens` → their value.
    numbers: Words<u8>,
    /// The number words of `tens` → their value (for "twenty-one").
    tens: Words<u8>,
    /// The first letters (ASCII lowercase, as bits from `a`) of the words a spelled-out figure
    /// can start with.
    number_initials: u32,
    /// Quick tests before `numbers`, `month_of` and `weekday_of` are looked up (most words
    /// are none of them).
    number_keys: list::Keys,
    month_keys: list::Keys,
    weekday_keys: list::Keys,
    /// The date regexes, built from the month and weekday names.
    dates: DatePatterns,
    /// Every word of every list → the lists it is a word of and the lists it starts a phrase of
    /// (built on first use: see [`Lexicon::memberships`]).
    memberships: OnceLock<Memberships>,
}

/// One bit for each list of the lexicon (`ListId as usize`).
const LIST_WORDS: usize = ListId::ALL.len().div_ceil(64);

/// The lists a word belongs to, one bit a list: those it is a word of ([`List::contains`]) and
/// those with a phrase it starts ([`List::starts_phrase`]). A word of no list has none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Membership {
    words: [u64; LIST_WORDS],
    starts: [u64; LIST_WORDS],
}

impl Membership {
    fn bit(list: ListId) -> (usize, u64) {
        let i = list as usize;
        (i / 64, 1 << (i % 64))
    }

    /// Whether the word is a word of `list`, as [`List::contains`] says.
    pub fn contains(&self, list: ListId) -> bool {
        let (i, bit) = Membership::bit(list);
        self.words[i] & bit != 0
    }

    /// Whether some phrase of `list` starts with the word, as [`List::starts_phrase`] says.
    pub fn starts_phrase(&self, list: ListId) -> bool {
        let (i, bit) = Membership::bit(list);
        self.starts[i] & bit != 0
    }
}

/// For every word of every list (lowercase, as the lists hold them), its [`Membership`]: one
/// lookup of a word answers for all the lists an analysis tries it against.
struct Memberships {
    of: Words<Membership>,
    keys: list::Keys,
}

impl fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.lists).finish()
    }
}

impl std::ops::Index<ListId> for Lexicon {
    type Output = List;

    fn index(&self, id: ListId) -> &List {
        &self.lists[id as usize]
    }
}

/// One table of `rules/lexicon.toml`, as written (a process reads the lists the build script
/// prepared: see [`builtin_sources`]).
#[cfg(test)]
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawList {
    about: String,
    words: Option<Vec<String>>,
    groups: Option<BTreeMap<String, Vec<String>>>,
}

/// A list before its lookups are built: its description and its entries.
#[derive(Clone, Debug)]
pub(crate) struct Source {
    about: String,
    entries: Entries,
}

/// The built-in lists as written in `rules/lexicon.toml`, read ahead of time by the build script
/// (`LISTS`: name, `about`, `words`, `groups`; sorted by name).
mod prepared {
    include!(concat!(env!("OUT_DIR"), "/lexicon_builtin.rs"));
}

/// The built-in lists (indexed by `ListId as usize`), from the lists the build script read:
/// what [`parse`] reads from [`BUILTIN_TOML`] (a test checks it), without a TOML parser. The
/// words are used as written: a test checks each is already normalised.
fn builtin_sources() -> Vec<Source> {
    let owned = |ws: &[&str]| -> Vec<String> { ws.iter().map(|w| w.to_string()).collect() };
    ListId::ALL
        .iter()
        .map(|id| {
            let i = prepared::LISTS
                .binary_search_by(|(name, ..)| (*name).cmp(id.name()))
                .unwrap_or_else(|_| panic!("{BUILTIN_FILE} has no list `{}`", id.name()));
            let (_, about, words, groups) = prepared::LISTS[i];
            let entries = match (words, groups) {
                (Some(w), None) => Entries::Words(owned(w)),
                (None, Some(g)) => {
                    Entries::Groups(g.iter().map(|(k, ws)| (k.to_string(), owned(ws))).collect())
                }
                _ => panic!(
                    "{BUILTIN_FILE}: `{}` needs one of `words` or `groups`",
                    id.name()
                ),
            };
            Source {
                about: about.trim().to_string(),
                entries,
            }
        })
        .collect()
}

/// The built-in lists, read once (indexed by `ListId as usize`).
static BUILTIN_SOURCES: LazyLock<Vec<Source>> = LazyLock::new(builtin_sources);

static BUILTIN: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    Arc::new(
        Lexicon::compile(builtin_sources(), &[])
            .unwrap_or_else(|e| panic!("{BUILTIN_FILE} is invalid: {e}")),
    )
});

/// Reads a lexicon file: every list it must have, of the right shape, and no other.
#[cfg(test)]
fn parse(text: &str) -> Result<Vec<Source>, String> {
    let mut raw: BTreeMap<String, RawList> = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(ListId::ALL.len());
    for &id in ListId::ALL {
        let list = raw
            .remove(id.name())
            .ok_or_else(|| format!("no list `{}`", id.name()))?;
        let entries = match (list.words, list.groups) {
            (Some(w), None) => Entries::Words(w.iter().map(|w| normalise(w)).collect()),
            (None, Some(g)) => Entries::Groups(
                g.into_iter()
                    .map(|(k, v)| (k, v.iter().map(|w| normalise(w)).collect()))
                    .collect(),
            ),
            _ => return Err(format!("`{}` needs one of `words` or `groups`", id.name())),
        };
        check_shape(id, &entries)?;
        out.push(Source {
            about: list.about.trim().to_string(),
            entries,
        });
    }
    if let Some(extra) = raw.keys().next() {
        return Err(format!("`{extra}` is not a list copydesk reads"));
    }
    Ok(out)
}

/// Whether entries fit the shape their list is read in.
pub(crate) fn check_shape(id: ListId, entries: &Entries) -> Result<(), String> {
    let name = id.name();
    match (id.shape(), entries) {
        (Shape::Words, Entries::Words(_)) | (Shape::Groups, Entries::Groups(_)) => {}
        (Shape::Ordered(n), Entries::Words(w)) => {
            if w.len() != n {
                return Err(format!(
                    "`{name}` is an ordered list of exactly {n} words (the position is the \
                     value), not {}",
                    w.len()
                ));
            }
        }
        (Shape::Named(keys), Entries::Groups(g)) => {
            if let Some(k) = g.keys().find(|k| !keys.contains(&k.as_str())) {
                return Err(format!("`{name}` has no group `{k}`"));
            }
            if let Some(k) = keys.iter().find(|k| !g.contains_key(**k)) {
                return Err(format!("`{name}` needs its group `{k}`"));
            }
        }
        (Shape::Words | Shape::Ordered(_), Entries::Groups(_)) => {
            return Err(format!("`{name}` is a list of words, not of groups"));
        }
        (Shape::Groups | Shape::Named(_), Entries::Words(_)) => {
            return Err(format!("`{name}` is a list of groups, not of words"));
        }
    }
    if entries.words().any(str::is_empty) {
        return Err(format!("`{name}` has an empty word"));
    }
    if let Entries::Groups(g) = entries {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (group, words) in g {
            for w in words {
                if let Some(other) = seen.insert(w, group)
                    && other != group
                {
                    return Err(format!(
                        "`{name}`: \"{w}\" is in both group `{other}` and group `{group}`"
                    ));
                }
            }
        }
    }
    Ok(())
}

impl Lexicon {
    /// The built-in lexicon (`rules/lexicon.toml`, unchanged), built on first use.
    pub fn builtin() -> &'static Arc<Lexicon> {
        &BUILTIN
    }

    /// Builds every list's lookups, and the lookups that combine lists; the regexes of the lists
    /// in `changed` that are read by regex are compiled at once.
    fn compile(sources: Vec<Source>, changed: &[ListId]) -> Result<Lexicon, String> {
        let mut lists = Vec::with_capacity(sources.len());
        for (source, &id) in sources.into_iter().zip(ListId::ALL) {
            let all: Vec<String> = source.entries.words().map(str::to_string).collect();
            let set: Words = all.iter().map(|w| (w.clone(), ())).collect();
            let group_of = match &source.entries {
                Entries::Groups(g) => g
                    .iter()
                    .flat_map(|(k, ws)| ws.iter().map(move |w| (w.clone(), k.clone())))
                    .collect(),
                Entries::Words(_) => Words::default(),
            };
            let ascii = list::ascii_safe(&all);
            let phrase_starts: Words = all
                .iter()
                .filter_map(|w| w.split_once(' '))
                .map(|(first, _)| (first.to_string(), ()))
                .collect();
            let set_keys = list::Keys::of(set.keys().map(String::as_str));
            let start_keys = list::Keys::of(phrase_starts.keys().map(String::as_str));
            lists.push(List {
                id,
                about: source.about,
                entries: source.entries,
                ascii,
                all,
                set,
                phrase_starts,
                group_of,
                set_keys,
                start_keys,
                regex: OnceLock::new(),
                narrow: OnceLock::new(),
                phrases: OnceLock::new(),
            });
        }
        for &id in READ_BY_REGEX.iter().filter(|id| changed.contains(id)) {
            let list = &lists[id as usize];
            let regex = list
                .compile_regex()
                .map_err(|e| format!("list `{}` is too large to compile: {e}", id.name()))?;
            let _ = list.regex.set(regex);
        }
        let months = named_groups(&lists[ListId::Months as usize], MONTH_KEYS);
        let weekdays = named_groups(&lists[ListId::Weekdays as usize], WEEKDAY_KEYS);
        let mut month_of = Words::default();
        for (i, spellings) in months.iter().enumerate() {
            for s in spellings {
                month_of.entry(s.clone()).or_insert(i as i8 + 1);
            }
        }
        let days = [
            Weekday::Monday,
            Weekday::Tuesday,
            Weekday::Wednesday,
            Weekday::Thursday,
            Weekday::Friday,
            Weekday::Saturday,
            Weekday::Sunday,
        ];
        let mut weekday_of = Words::default();
        for (day, spellings) in days.into_iter().zip(&weekdays) {
            for s in spellings {
                weekday_of.entry(s.clone()).or_insert(day);
            }
        }
        let mut never_final = lists[ListId::Titles as usize].set.clone();
        never_final.extend(
            months
                .iter()
                .chain(&weekdays)
                .flat_map(|m| m.iter().skip(1).map(|a| (a.clone(), ()))),
        );
        let values = |id: ListId, base: u8, step: u8| -> Words<u8> {
            let mut out = Words::default();
            for (i, w) in lists[id as usize].ordered().iter().enumerate() {
                out.entry(w.clone()).or_insert(base + step * i as u8);
            }
            out
        };
        let mut numbers = values(ListId::Ones, 0, 1);
        let tens = values(ListId::Tens, 20, 10);
        for (w, v) in &tens {
            numbers.entry(w.clone()).or_insert(*v);
        }
        let number_initials = [ListId::Ones, ListId::Tens, ListId::VagueAmounts]
            .iter()
            .flat_map(|&l| lists[l as usize].words())
            .chain(["a", "dozen"])
            .filter_map(|w| w.bytes().next().filter(u8::is_ascii_lowercase))
            .fold(0u32, |bits, b| bits | 1 << (b - b'a'));
        let dates = DatePatterns::new(
            &months,
            &weekdays,
            &|id: ListId| &lists[id as usize],
            !changed.is_empty(),
        )?;
        let keys = |words: Vec<&String>| list::Keys::of(words.into_iter().map(String::as_str));
        let number_keys = keys(numbers.keys().collect());
        let month_keys = keys(month_of.keys().collect());
        let weekday_keys = keys(weekday_of.keys().collect());
        Ok(Lexicon {
            memberships: OnceLock::new(),
            lists,
            month_of,
            weekday_of,
            never_final,
            numbers,
            tens,
            number_initials,
            number_keys,
            month_keys,
            weekday_keys,
            dates,
        })
    }

    /// Every list, in the order of `rules/lexicon.toml`.
    pub fn lists(&self) -> impl Iterator<Item = &List> {
        self.lists.iter()
    }

    /// The lists `word` (lowercase, exactly as written) belongs to: one lookup for what
    /// [`List::contains`] and [`List::starts_phrase`] say of it for every list. The table is
    /// built on first use, from every list's words.
    pub fn memberships(&self, word: &str) -> Membership {
        let table = self.memberships.get_or_init(|| {
            let mut of: Words<Membership> = Words::default();
            for list in &self.lists {
                let (i, bit) = Membership::bit(list.id);
                for w in &list.all {
                    of.entry(w.clone()).or_default().words[i] |= bit;
                }
                for w in list.phrase_starts.keys() {
                    of.entry(w.clone()).or_default().starts[i] |= bit;
                }
            }
            let keys = list::Keys::of(of.keys().map(String::as_str));
            Memberships { of, keys }
        });
        if !table.keys.may_hold(word) {
            return Membership::default();
        }
        table.of.get(word).copied().unwrap_or_default()
    }

    /// The list with this name.
    pub fn list(&self, name: &str) -> Option<&List> {
        ListId::from_name(name).map(|id| &self[id])
    }

    /// The month (1–12) a word names: a name or an abbreviation ("Jan", "Sept."), any case.
    pub fn month_number(&self, word: &str) -> Option<i8> {
        let w = word.strip_suffix('.').unwrap_or(word);
        if !self.month_keys.may_hold_ci(w) {
            return None;
        }
        with_ascii_lower(w, |w| self.month_of.get(w).copied())
    }

    /// The weekday a word names ("Monday", any case), if it names one.
    pub fn weekday_named(&self, word: &str) -> Option<Weekday> {
        if !self.weekday_keys.may_hold_ci(word) {
            return None;
        }
        with_ascii_lower(word, |w| self.weekday_of.get(w).copied())
    }

    /// Whether a lowercase word (without its final period) is an abbreviation that never ends a
    /// sentence: a title, or a month or weekday abbreviation.
    pub fn never_ends_sentence(&self, word: &str) -> bool {
        self.never_final.contains_key(word)
    }

    /// Whether a spelled-out figure can start with this letter (lowercase): a quick test before
    /// the number words are looked up.
    pub fn number_initial(&self, c: char) -> bool {
        c.is_ascii_lowercase() && self.number_initials & (1 << (c as u32 - 'a' as u32)) != 0
    }

    /// The number a word spells ("four" → 4, "Twenty-one" → 21, from the lists `ones` and
    /// `tens`), any ASCII case.
    pub fn number_value(&self, word: &str) -> Option<u8> {
        // Tens and ones are keys of `numbers` too: a word that may be neither, without a
        // hyphen, is no number.
        if !self.number_keys.may_hold_ci(word) && !word.contains('-') {
            return None;
        }
        with_ascii_lower(word, |w| {
            if let Some(&v) = self.numbers.get(w) {
                return Some(v);
            }
            // "twenty-one": a tens word, a hyphen, and one to nine.
            let (t, o) = w.split_once('-')?;
            let t = self.tens.get(t)?;
            let o = self.numbers.get(o).filter(|o| (1..10).contains(*o))?;
            Some(t + o)
        })
    }

    /// The date regexes.
    pub(crate) fn dates(&self) -> &DatePatterns {
        &self.dates
    }
}

/// The groups of a named-groups list in the order of its keys.
fn named_groups(list: &List, keys: &[&str]) -> Vec<Vec<String>> {
    keys.iter().map(|k| list.group(k).to_vec()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_words_memberships_are_its_lists_lookups() {
        let lex = Lexicon::builtin();
        let mut words: Vec<&str> = lex.lists().flat_map(|l| l.words()).collect();
        words.extend(
            lex.lists()
                .flat_map(|l| l.words().filter_map(|w| w.split(' ').next())),
        );
        words.extend(["", "zzz", "Said", "said.", "according"]);
        for w in words {
            let m = lex.memberships(w);
            for list in lex.lists() {
                assert_eq!(m.contains(list.id()), list.contains(w), "{w} in {list:?}");
                assert_eq!(
                    m.starts_phrase(list.id()),
                    list.starts_phrase(w),
                    "{w} starts {list:?}"
                );
            }
        }
    }

    #[test]
    fn the_prepared_lists_are_the_parsed_file() {
        let parsed = parse(BUILTIN_TOML).unwrap();
        let prepared = builtin_sources();
        assert_eq!(parsed.len(), prepared.len());
        for ((p, q), id) in parsed.iter().zip(&prepared).zip(ListId::ALL) {
            assert_eq!(p.about, q.about, "{}", id.name());
            assert_eq!(p.entries, q.entries, "{}", id.name());
        }
        // The build script read every table of the file, and nothing else.
        let raw: BTreeMap<String, RawList> = toml::from_str(BUILTIN_TOML).unwrap();
        let names: Vec<&str> = prepared::LISTS.iter().map(|(n, ..)| *n).collect();
        assert_eq!(names, raw.keys().map(String::as_str).collect::<Vec<_>>());
    }

    #[test]
    fn every_list_is_known_non_empty_lowercase_and_without_duplicates() {
        // Parsing checks that the file has every list, of its shape, and no other.
        let sources = parse(BUILTIN_TOML).unwrap();
        for (source, id) in sources.iter().zip(ListId::ALL) {
            let name = id.name();
            assert!(!source.about.is_empty(), "{name}: no `about`");
            assert!(!source.entries.is_empty(), "{name} is empty");
            if let Entries::Groups(g) = &source.entries {
                for (k, words) in g {
                    assert!(!words.is_empty(), "{name}: group `{k}` is empty");
                }
            }
            let mut seen = HashSet::new();
            for w in source.entries.words() {
                assert!(seen.insert(w), "{name}: \"{w}\" twice");
            }
        }
        // Lowercase as written, not only after normalising.
        let raw: BTreeMap<String, RawList> = toml::from_str(BUILTIN_TOML).unwrap();
        for (name, list) in raw {
            let words = list.words.into_iter().flatten().chain(
                list.groups
                    .into_iter()
                    .flat_map(|g| g.into_values().flatten()),
            );
            for w in words {
                assert_eq!(
                    w,
                    normalise(&w),
                    "{name}: \"{w}\" is not lowercase and trimmed"
                );
            }
        }
    }

    #[test]
    fn a_phrase_starts_with_a_word_that_starts_phrases() {
        let lex = Lexicon::builtin();
        let list = &lex[ListId::SourceNouns];
        for list in lex.lists() {
            for w in list.words() {
                if let Some((first, _)) = w.split_once(' ') {
                    assert!(list.starts_phrase(first), "{}: {w}", list.id().name());
                }
            }
        }
        assert!(list.words().any(|w| w.contains(' ')));
        assert!(!list.starts_phrase("zzz"));
        assert!(!lex[ListId::Months].starts_phrase("june"));
    }

    #[test]
    fn every_regex_compiles() {
        for list in Lexicon::builtin().lists() {
            assert!(list.compile_regex().is_ok(), "{}", list.id().name());
        }
    }

    /// Every list's search without a regex finds, over ASCII text, exactly what its regex finds:
    /// over every fixture story, over every word of every list in odd cases and spacing, and
    /// over words glued to word characters, punctuation and each other.
    #[test]
    fn every_list_finds_without_a_regex_what_its_regex_finds() {
        let mut texts: Vec<String> = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path)
                    && texts.len() < 400
                {
                    texts.push(list::ascii_view(&text).into_owned());
                }
            }
        }
        let lex = Lexicon::builtin();
        let mut words: Vec<&str> = lex.lists().flat_map(|l| l.words()).collect();
        words.sort_unstable();
        let odd = |w: &str, i: usize| -> String {
            w.chars()
                .enumerate()
                .map(|(k, c)| match (k + i) % 3 {
                    0 => c.to_ascii_uppercase().to_string(),
                    1 if c == ' ' => "\t \n".to_string(),
                    _ => c.to_string(),
                })
                .collect()
        };
        let glued: String = words
            .iter()
            .enumerate()
            .map(|(i, w)| match i % 6 {
                0 => format!("{} ", odd(w, i)),
                1 => format!("x{w} "),
                2 => format!("{w}s, "),
                3 => format!("_{w}_ ({w}) "),
                4 => format!("{w}{}", words[(i + 1) % words.len()]),
                _ => format!("\u{b}{w}.\r\n{}", odd(w, i + 1)),
            })
            .collect();
        texts.push(glued);
        texts.push(words.join(" "));
        texts.push(words.join(""));
        let mut checked = 0;
        for list in lex.lists() {
            let regex = list.regex();
            for text in texts.iter().filter(|t| t.is_ascii()) {
                let want: Vec<_> = regex.find_iter(text).map(|m| m.range()).collect();
                let got: Vec<_> = list.find_iter(text).map(|m| m.range()).collect();
                assert_eq!(got, want, "{}", list.id().name());
                assert_eq!(
                    list.find(text).map(|m| m.range()),
                    want.first().cloned(),
                    "{}",
                    list.id().name()
                );
                assert_eq!(list.is_match(text), !want.is_empty());
                checked += want.len();
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn lookups() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.month_number("Sept."), Some(9));
        assert_eq!(lex.month_number("jun"), Some(6));
        assert_eq!(lex.month_number("Mayor"), None);
        assert_eq!(lex.weekday_named("FRIDAY"), Some(Weekday::Friday));
        assert!(lex.never_ends_sentence("jan") && lex.never_ends_sentence("sgt"));
        assert!(lex[ListId::SentenceStarters].contains_capitalised("The"));
        assert!(!lex[ListId::SentenceStarters].contains_capitalised("THE"));
        assert!(lex[ListId::StopWords].contains_ci("Were"));
        assert_eq!(
            lex[ListId::EventCues].group_of("death toll"),
            Some("killed")
        );
        let cue = lex[ListId::EventCues]
            .regex()
            .find("the death toll rose")
            .unwrap();
        assert_eq!(cue.as_str(), "death toll");
        assert!(
            lex[ListId::SpeechVerbs]
                .regex()
                .is_match("according  to police")
        );
    }
}
