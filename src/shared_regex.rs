//! A regex whose match-time caches are shared by the threads: at most one cache a core, not one
//! a thread.
//!
//! A regex's search needs a cache (the lazy DFA's states, the PikeVM's slots), which the `regex`
//! crate keeps one of for every thread that has used the regex. For the largest patterns (the
//! boilerplate line shapes, the date mention pattern) that is megabytes a thread, and peak memory
//! then grows with `--threads`. A [`SharedRegex`] keeps a few caches behind locks: a thread takes
//! a free one, or waits for one when every one is busy. With `--threads` at most the core count
//! (the default), no more threads than caches run at once, so a thread seldom waits; with more
//! threads than cores, the extra ones may wait for a cache.

use regex_automata::meta::{Cache, Regex};
use regex_automata::util::captures::Captures;
use regex_automata::util::iter::Searcher;
use regex_automata::{Input, Match};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, TryLockError};

/// A compiled regex and its caches.
#[derive(Debug)]
pub(crate) struct SharedRegex {
    regex: Regex,
    caches: Box<[Mutex<Option<Cache>>]>,
}

/// How many caches a shared regex keeps: one a core.
fn cache_slots() -> usize {
    static SLOTS: OnceLock<usize> = OnceLock::new();
    *SLOTS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A number for this thread, to spread the threads that wait over the caches.
fn thread_number() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static NUMBER: Cell<Option<usize>> = const { Cell::new(None) };
    }
    NUMBER.with(|n| {
        n.get().unwrap_or_else(|| {
            let k = NEXT.fetch_add(1, Ordering::Relaxed);
            n.set(Some(k));
            k
        })
    })
}

impl SharedRegex {
    /// Shares `regex`'s caches.
    pub(crate) fn new(regex: Regex) -> SharedRegex {
        SharedRegex {
            regex,
            caches: (0..cache_slots()).map(|_| Mutex::new(None)).collect(),
        }
    }

    /// Runs `search` with a cache of its own for the time of the call.
    fn with<R>(&self, search: impl FnOnce(&Regex, &mut Cache) -> R) -> R {
        let mut guard = self.free_cache();
        let cache = guard.get_or_insert_with(|| self.regex.create_cache());
        search(&self.regex, cache)
    }

    /// A cache no other thread is using: a free one, or the one this thread waits for.
    fn free_cache(&self) -> MutexGuard<'_, Option<Cache>> {
        for slot in &self.caches {
            match slot.try_lock() {
                Ok(guard) => return guard,
                // The cache is whole: a search that panicked left nothing half-written that
                // the next search reads (it resets what it uses).
                Err(TryLockError::Poisoned(p)) => return p.into_inner(),
                Err(TryLockError::WouldBlock) => {}
            }
        }
        let slot = &self.caches[thread_number() % self.caches.len()];
        slot.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the regex matches anywhere in `text`.
    pub(crate) fn is_match(&self, text: &str) -> bool {
        self.with(|regex, cache| regex.is_match_with(cache, &Input::new(text)))
    }

    /// The first match of `input` with its groups (none matched when there is none).
    pub(crate) fn captures(&self, input: &Input<'_>) -> Captures {
        self.with(|regex, cache| {
            let mut caps = regex.create_captures();
            regex.search_captures_with(cache, input, &mut caps);
            caps
        })
    }

    /// Every match in `text`, in order, as [`Regex::find_iter`] finds them.
    pub(crate) fn find_all(&self, text: &str) -> Vec<Match> {
        self.with(|regex, cache| {
            let mut searcher = Searcher::new(Input::new(text));
            std::iter::from_fn(|| searcher.advance(|input| Ok(regex.search_with(cache, input))))
                .collect()
        })
    }
}
