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
    /// Measure rules against labelled stories: precision and recall per rule, or a labelled
    /// set's figures per split (--set).
    Score(ScoreArgs),
    /// Show what copydesk understood of a story: front matter, blocks, quotations and speakers.
    Inspect(InspectArgs),
    /// Run the language server on stdin and stdout, for editors.
    Lsp(LspArgs),
    /// List the lexicon's word lists with their sizes, or print one list.
    Lexicon(LexiconArgs),
}

/// `copydesk lsp`.
#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Talk over stdin and stdout (the only transport; accepted because clients pass it).
    #[arg(long)]
    pub stdio: bool,
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
#[command(after_help = SCORE_HELP)]
pub struct ScoreArgs {
    /// The label file (JSON lines: path, line or start/end, rule, optional text).
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "set",
        conflicts_with = "set"
    )]
    pub labels: Option<PathBuf>,
    /// A labelled evaluation set: a folder with split.tsv and labels/ (see
    /// fixtures/eval/real-wikinews/LABELLING.md). Scores quotations, sourcing, dates and figures.
    #[arg(long, value_name = "DIR")]
    pub set: Option<PathBuf>,
    /// With --set: a split of split.tsv to score (repeatable; default: dev). Score the holdout
    /// only at the end of a piece of work.
    #[arg(long, value_name = "NAME", requires = "set")]
    pub split: Vec<String>,
    /// With --set: compare the figures with this baseline file; exit 1 if one is worse.
    #[arg(long, value_name = "FILE", requires = "set")]
    pub baseline: Option<PathBuf>,
    /// With --set: write the figures of the splits scored to this baseline file.
    #[arg(long, value_name = "FILE", requires = "set")]
    pub write_baseline: Option<PathBuf>,
    /// Stories to check. Default: the label file's folder.
    #[arg(value_name = "PATH", conflicts_with = "set")]
    pub paths: Vec<PathBuf>,
    /// Score only these rules or packs (default: the packs the labels name).
    #[arg(long, value_name = "RULE", conflicts_with = "set")]
    pub rule: Vec<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// List every false positive and miss (with --set: every miss, false flag and wrong date).
    #[arg(long, short)]
    pub verbose: bool,
    /// Exit 1 when total precision is below this.
    #[arg(long, value_name = "RATIO", conflicts_with = "set")]
    pub min_precision: Option<f64>,
    /// Exit 1 when total recall is below this.
    #[arg(long, value_name = "RATIO", conflicts_with = "set")]
    pub min_recall: Option<f64>,
    #[command(flatten)]
    /// Config selection (to score a newsroom's own rules).
    pub config: ConfigArgs,
}

const SCORE_HELP: &str = "\
Examples:
  copydesk score --labels fixtures/eval/boilerplate/labels.jsonl
  copydesk score --set fixtures/eval/real-wikinews --split dev -v
  copydesk score --set fixtures/eval/real-wikinews --split dev \\
      --baseline fixtures/eval/real-wikinews/baseline.json
  copydesk score --set fixtures/eval/real-wikinews --split dev \\
      --write-baseline fixtures/eval/real-wikinews/baseline.json

With --set, per split: unattributed-quote recall and false flags (per 80 attributed full
quotations); attribution.weasel and attribution.anonymous-source precision and recall; the share
of date mentions resolved exactly right (core mentions and all); anchors right;
numbers.inconsistent and numbers.part-exceeds-whole precision and recall. Findings and date
mentions are matched to labels on the same line by the columns they cover. A date is right when
the value `copydesk inspect` gives equals the label's `resolved`; a labelled mention not found
is wrong, except that an `unresolvable` label is right whenever copydesk gives no value. Exit
codes: 0 scored (and nothing worse than --baseline), 1 a figure worse than --baseline (named on
stdout), 2 usage, label or I/O error.";

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
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Write the report to FILE instead of stdout (`-`: stdout). The file is replaced whole, once
    /// the report is complete.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Exit with 1 when there is a finding at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// Exit with 1 when there are more than N warnings, whatever --fail-on says.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Exit with 0 whatever the findings (usage, config and I/O errors still exit 2); overrides
    /// --fail-on and --max-warnings.
    #[arg(long)]
    pub exit_zero: bool,
    /// Apply safe fixes in place, then report what remains (with `-`, write the fixed text to
    /// stdout and the report to stderr).
    #[arg(long, group = "fixing")]
    pub fix: bool,
    /// Print the fixes as a unified diff and change nothing (exit 1 when there is a diff).
    #[arg(long, group = "fixing")]
    pub diff: bool,
    /// Apply unsafe fixes too (with --fix or --diff); suggestions are never applied.
    #[arg(long, requires = "fixing")]
    pub unsafe_fixes: bool,
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

/// Output formats of `copydesk check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style reports for people.
    Human,
    /// One line a finding: `path:line:col: severity[rule] message`.
    Concise,
    /// One JSON document (see the README for its schema).
    Json,
    /// One JSON object a finding, one a line.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF readers.
    Sarif,
    /// GitHub Actions workflow commands (annotations), plus a step summary.
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// reviewdog's Diagnostic Format (rdjson).
    Rdjson,
    /// One self-contained HTML page for editors: a summary, filters, and each story with its
    /// findings highlighted (use with -o report.html).
    Html,
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
