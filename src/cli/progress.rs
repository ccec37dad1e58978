//! The progress bar of a long `copydesk check`: on stderr, only for a person watching it.

use super::args::{CheckArgs, CheckFormat};
use super::stream::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// A bar drawn on stderr: stories done of stories found, rate and time left. It appears only
/// after a moment, so a quick run never draws it.
pub(super) struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar when one is wanted: stderr is a terminal, not CI (`CI` set), not `--quiet`, and
    /// stdout does not carry a machine format (a person reads the terminal, not a program).
    pub(super) fn wanted(args: &CheckArgs, to_file: bool) -> Option<Bar> {
        let machine = !matches!(args.format, CheckFormat::Human | CheckFormat::Concise);
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
        let shown = std::io::stderr().is_terminal() && !ci && !args.quiet && (to_file || !machine);
        shown.then(Bar::new)
    }

    fn new() -> Bar {
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} stories  {per_sec}  {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar { bar }
    }
}

/// A run shorter than this draws nothing.
const DELAY: Duration = Duration::from_millis(500);

impl Progress for Bar {
    fn start(&self, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.reset_elapsed();
    }

    fn done(&self) {
        self.bar.inc(1);
        if self.bar.is_hidden() && self.bar.elapsed() > DELAY {
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
