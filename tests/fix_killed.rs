//! Nothing is lost on `--fix`, even when the process is killed. Many `check --fix` runs over a
//! folder of stories are killed (SIGKILL: no clean-up, no destructors) at random points, from
//! before the first file is read to after the last is written; after each, every story holds
//! either its old text or its fixed text, never a mix and never nothing. The seed is printed, and
//! `COPYDESK_KILL_SEED` replays a run.

#![cfg(unix)]

mod common;

use common::{run_in, stderr, temp_dir};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const STORIES: usize = 24;
const KILLS: usize = 16;

/// A story with fixes in several rounds' worth of places, long enough to take a moment to write.
fn story(i: usize) -> String {
    let mut s = format!("# Story {i}\n\n");
    for p in 0..30 {
        s.push_str(&format!(
            "Paragraph {p} of story {i}: we spent alot of time, and the the council met \
             at 3 p.m. to discuss the plan in advance planning. Turnout was 52 percent.\n\n"
        ));
    }
    s.push_str("Advertisement\n\nIt was 47% in June.\n");
    s
}

/// xorshift64*: a small seeded generator, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

fn write_stories(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for i in 0..STORIES {
        std::fs::write(dir.join(format!("s{i:02}.md")), story(i)).unwrap();
    }
}

#[test]
fn a_killed_fix_leaves_every_file_old_or_new() {
    let root = temp_dir("fix-killed");
    // The fixed text of each story, from a run that is not killed.
    let reference = root.join("reference");
    write_stories(&reference);
    let start = Instant::now();
    let out = run_in(&reference, &["check", ".", "--fix", "--no-config"], None);
    let full = start.elapsed();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let fixed: Vec<String> = (0..STORIES)
        .map(|i| std::fs::read_to_string(reference.join(format!("s{i:02}.md"))).unwrap())
        .collect();
    assert!(
        (0..STORIES).all(|i| fixed[i] != story(i)),
        "every story has fixes"
    );

    let seed = std::env::var("COPYDESK_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("COPYDESK_KILL_SEED={seed} (a full run took {full:?})");
    let mut rng = Rng(seed);
    let window = full.as_micros() as u64 + 1;
    let mut outcomes = [0usize; 2];
    for round in 0..KILLS {
        let dir = root.join(format!("round-{round}"));
        write_stories(&dir);
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["check", ".", "--fix", "--no-config"])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Anywhere from at once to a little past a whole run.
        let delay = Duration::from_micros(rng.next() % (window + window / 4));
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        for (i, fixed) in fixed.iter().enumerate() {
            let name = format!("s{i:02}.md");
            let text = std::fs::read_to_string(dir.join(&name))
                .unwrap_or_else(|e| panic!("round {round}, {name}: {e} (seed {seed})"));
            if text == story(i) {
                outcomes[0] += 1;
            } else if text == *fixed {
                outcomes[1] += 1;
            } else {
                panic!(
                    "round {round} (killed after {delay:?}), {name} holds neither the old nor the \
                     fixed text ({} bytes; seed {seed})",
                    text.len()
                );
            }
        }
        // What a kill leaves behind is at most hidden temporary files, never a story.
        for entry in std::fs::read_dir(&dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                name.ends_with(".md") || (name.starts_with('.') && name.ends_with(".tmp")),
                "round {round}: {name}"
            );
        }
        // And a later run fixes what remains, ignoring those leftovers.
        if round % 5 == 0 {
            let out = run_in(&dir, &["check", ".", "--fix", "--no-config"], None);
            assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
            for (i, fixed) in fixed.iter().enumerate() {
                let text = std::fs::read_to_string(dir.join(format!("s{i:02}.md"))).unwrap();
                assert_eq!(text, *fixed, "round {round}: s{i:02}.md after a full run");
            }
        }
    }
    eprintln!(
        "{} stories found old, {} fixed across {KILLS} killed runs",
        outcomes[0], outcomes[1]
    );
}
