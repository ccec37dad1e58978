//! Configuration: the TOML schema shared by built-in packs and `copydesk.toml`, and its resolution
//! into a [`crate::rules::Ruleset`]. Nothing here reads files: callers hand in text.

pub mod error;
pub mod globs;
pub mod raw;
pub mod resolve;

pub use error::ConfigError;
pub use resolve::{Config, ConfigFile, Origin, Selection, builtin_rules};

/// A built-in rule pack, embedded in the binary.
#[derive(Clone, Copy, Debug)]
pub struct BuiltinPack {
    /// The pack's name, the first part of its rules' ids.
    pub name: &'static str,
    /// The file it came from, for error messages.
    pub file: &'static str,
    /// Its TOML text.
    pub source: &'static str,
}

/// Every built-in pack, in the order they are listed.
pub const BUILTIN_PACKS: &[BuiltinPack] = &[
    BuiltinPack {
        name: "boilerplate",
        file: "rules/boilerplate.toml",
        source: include_str!("../../rules/boilerplate.toml"),
    },
    BuiltinPack {
        name: "attribution",
        file: "rules/attribution.toml",
        source: include_str!("../../rules/attribution.toml"),
    },
    BuiltinPack {
        name: "numbers",
        file: "rules/numbers.toml",
        source: include_str!("../../rules/numbers.toml"),
    },
    BuiltinPack {
        name: "dates",
        file: "rules/dates.toml",
        source: include_str!("../../rules/dates.toml"),
    },
    BuiltinPack {
        name: "style",
        file: "rules/style.toml",
        source: include_str!("../../rules/style.toml"),
    },
    BuiltinPack {
        name: "copydesk",
        file: "rules/copydesk.toml",
        source: include_str!("../../rules/copydesk.toml"),
    },
];

/// The pack of copydesk's findings about itself (its suppression comments): always in force,
/// whatever `packs` chooses among the packs that check stories.
pub const TOOL_PACK: &str = "copydesk";

/// The names of the configuration files looked for, in order of preference.
pub const CONFIG_FILE_NAMES: &[&str] = &["copydesk.toml", ".copydesk.toml"];
