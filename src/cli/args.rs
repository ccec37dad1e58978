//! Command-line arguments (clap derive).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// An editorial lint checker for news copy.
#[derive(Debug, Parser)]
#[command(name = "copydesk", version, about, long_about = None)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check stories (files, directories, or `-` for stdin).
    Check(CheckArgs),
    /// List every rule with its kind and severity.
    Rules(RulesArgs),
    /// Explain a rule: what it checks, why, and its examples.
    Explain(ExplainArgs),
    /// Measure rules against labelled stories: precision and recall per rule.
    Score(ScoreArgs),
    /// Show what copydesk understood of a story: front matter, blocks, quotations and speakers.
    Inspect(InspectArgs),
    /// List the lexicon's word lists with their sizes, or print one list.
    Lexicon(LexiconArgs),
}

/// `copydesk lexicon`.
#[derive(Debug, clap::Args)]
pub struct LexiconArgs {
    /// The list to print, one entry a line (default: every list, with its size).
    pub name: Option<String>,
    #[command(flatten)]
    /// Config selection (the lists as the config's `[lexicon]` changes them).
    pub config: ConfigArgs,
}

/// `copydesk inspect`.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// The story.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    #[command(flatten)]
    /// Config selection (for the lexicon the story is read with, and the rules that compare
    /// figures).
    pub config: ConfigArgs,
}

/// `copydesk score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// The label file (JSON lines: path, line or start/end, rule, optional text).
    #[arg(long, value_name = "FILE")]
    pub labels: PathBuf,
    /// Stories to check. Default: the label file's folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Score only these rules or packs (default: the packs the labels name).
    #[arg(long, value_name = "RULE")]
    pub rule: Vec<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// List every false positive and miss.
    #[arg(long, short)]
    pub verbose: bool,
    /// Exit 1 when total precision is below this.
    #[arg(long, value_name = "RATIO")]
    pub min_precision: Option<f64>,
    /// Exit 1 when total recall is below this.
    #[arg(long, value_name = "RATIO")]
    pub min_recall: Option<f64>,
    #[command(flatten)]
    /// Config selection (to score a newsroom's own rules).
    pub config: ConfigArgs,
}

/// Where configuration comes from.
#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    /// Use this config file instead of looking for copydesk.toml.
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore copydesk.toml files: built-in rules only.
    #[arg(long)]
    pub no_config: bool,
    /// The anchor date (YYYY-MM-DD) for stories with no date or dateline of their own; overrides
    /// `date` in copydesk.toml.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    s.parse::<jiff::civil::Date>()
        .map_err(|e| format!("expected a date such as 2025-06-04 ({e})"))
}

/// `copydesk check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check (`-` reads stdin). Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The file name to report (and find config from) when reading stdin.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with 1 when there is a finding at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    #[command(flatten)]
    /// Config selection.
    pub config: ConfigArgs,
}

/// `copydesk rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[command(flatten)]
    /// Config selection (listings show the config's severities).
    pub config: ConfigArgs,
}

/// `copydesk explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, e.g. boilerplate.placeholder.
    pub id: String,
    #[command(flatten)]
    /// Config selection (to explain a newsroom's own rules).
    pub config: ConfigArgs,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Compiler-style reports for people.
    Human,
    /// One JSON document (see the README for its schema).
    Json,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The lowest severity that fails the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
    /// Never fail on findings (I/O and config errors still exit 2).
    Never,
}
