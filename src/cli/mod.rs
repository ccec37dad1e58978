//! The command line: arguments, file discovery, configuration lookup and output. The only layer that
//! reads files, prints and chooses the exit code.

mod args;
mod check;
mod fix;
mod inspect;
mod lexicon;
mod rules;
mod score;
pub(crate) mod walk;

pub use args::{Args, CheckFormat, ColorChoice, Command, FailOn, OutputFormat};

use clap::Parser;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// Exit code: nothing at or above `--fail-on`.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage, configuration or I/O error.
pub const EXIT_ERROR: u8 = 2;

/// Parses the process arguments and runs the command.
pub fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() {
                EXIT_ERROR
            } else {
                EXIT_CLEAN
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = match &args.command {
        Command::Check(c) => check::run(c, &mut out),
        Command::Rules(c) => rules::list(c, &mut out),
        Command::Explain(c) => rules::explain(c, &mut out),
        Command::Score(c) => score::run(c, &mut out),
        Command::Inspect(c) => inspect::run(c, &mut out),
        Command::Lsp(_) => crate::lsp::serve(&mut out),
        Command::Lexicon(c) => lexicon::run(c, &mut out),
    };
    let _ = out.flush();
    match result {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`copydesk check | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(EXIT_CLEAN),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// Whether to colour output written to stdout.
pub fn use_color(choice: ColorChoice, stream_is_terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stream_is_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// Whether stdout is a terminal.
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Whether stderr is a terminal.
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}
