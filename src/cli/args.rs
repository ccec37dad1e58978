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
    /// Write a commented starter copydesk.toml (never over an existing one).
    Init(InitArgs),
    /// Show the configuration that applies to a story: its config files, every rule with its
    /// severity, and which file set each setting.
    Config(ShowConfigArgs),
}

/// `copydesk init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The folder to write copydesk.toml in (default: the current directory).
    pub dir: Option<PathBuf>,
}

/// `copydesk config`.
#[derive(Debug, clap::Args)]
pub struct ShowConfigArgs {
    /// A story, or a folder (its stories' configuration). Default: the current directory.
    pub path: Option<PathBuf>,
    #[command(flatten)]
    /// Config selection.
    pub config: ConfigArgs,
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
    /// The story (`-` reads stdin).
    pub path: PathBuf,
    /// The file name to report (and find config from, and read the format by) when reading stdin.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
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
    /// The largest story read, in bytes or with a unit (`500K`, `64M`, `1G`); a larger file (or
    /// stdin) is an error that names it. Default: 16M.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "16M",
          env = "COPYDESK_MAX_FILE_SIZE")]
    pub max_file_size: u64,
}

/// `123`, `500K`, `64M`, `1G` (also `KB`/`KiB`, …): powers of 1024.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        _ => return Err(format!("expected a size such as 16M or 500K, not `{s}`")),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("expected a size such as 16M or 500K, not `{s}`"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
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
    /// Run only these rules or packs (comma-separated or repeated). A rule named by its id runs
    /// even if the config turns it off; a pack keeps the rules of it the config has on.
    #[arg(long, value_name = "RULE|PACK", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Turn these rules or packs off for this run (comma-separated or repeated); applied after
    /// --select.
    #[arg(long, value_name = "RULE|PACK", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Leave out the findings recorded in this baseline file (written by --write-baseline).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in FILE (replacing it), so that later runs with --baseline
    /// FILE report only new ones; reports none of them.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["since", "fixing"])]
    pub write_baseline: Option<PathBuf>,
    /// Report only findings on lines changed since the merge base of REV and HEAD (committed or
    /// not; untracked stories count whole). Needs git.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// Check with N threads (default: every core). The output is the same whatever N is.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Leave out stories matching this glob (repeatable), as `exclude` in a config does: matched
    /// like a .gitignore line, relative to the current directory.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Read stories as JSON lines (`{"id", "text", "date", "format"}`) from the file named, or
    /// stdin, and write findings as JSON lines keyed by `id`.
    #[arg(long, value_enum, value_name = "KIND", conflicts_with_all = ["fixing", "stdin_filename"])]
    pub input: Option<InputKind>,
    /// Print findings only: no summary line, no progress bar.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    #[command(flatten)]
    /// Config selection.
    pub config: ConfigArgs,
}

/// `copydesk rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
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

/// What `copydesk check --input` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// One story a line: `{"id": "...", "text": "...", "date": "YYYY-MM-DD", "format": "markdown"}`
    /// (`date` and `format` optional; `format` is `markdown` or `text`).
    Jsonl,
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
