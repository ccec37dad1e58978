//! Owners: whose votes or seats a figure counts ("Aldana's 2.3 million votes", "the alliance won
//! 88 seats"). Names are read from the capitalised words before a figure, and a short form ("the
//! alliance", "Hartley") is taken back to the full name it stands for.

use super::Document;
use super::numbers::{Quantity, words};
use crate::lexicon::ListId;
use crate::narrow::NarrowRegex;

/// The owners named in a story so far, read in order.
#[derive(Debug, Default)]
pub struct Owners {
    /// Full names given so far, lowercase, most recent last.
    seen: Vec<String>,
}

impl Owners {
    /// Who a quantity belongs to, as the full name the story gave first: the nearest name before
    /// it in its sentence ("Aldana received", "Roig's Republican Union won", "the Centre Union's
    /// 61 seats"), else a definite noun ("the alliance", "the party") taken back to the name it
    /// stands for. "Hartley" after "Gemma Hartley" is "gemma hartley"; "the Conservative Party"
    /// and "the Labour Party" are two owners.
    pub fn owner_of(&mut self, doc: &Document, q: &Quantity) -> Option<String> {
        let lex = doc.lexicon;
        let text = doc.text_of(q.sentence);
        let cut = q.span.start - q.sentence.start;
        let ws = words(text);
        let mut runs: Vec<(usize, usize)> = Vec::new(); // word index ranges of capitalised runs
        let mut k = 0;
        while k < ws.len() {
            let w = &text[ws[k].start..ws[k].end];
            if w.chars().next().is_some_and(char::is_uppercase) {
                let s = k;
                while k + 1 < ws.len()
                    && text[ws[k].end..ws[k + 1].start] == *" "
                    && text[ws[k + 1].start..ws[k + 1].end]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                {
                    k += 1;
                }
                runs.push((s, k));
            }
            k += 1;
        }
        let name = |(s, e): (usize, usize)| -> Option<String> {
            let mut parts: Vec<&str> = (s..=e).map(|i| &text[ws[i].start..ws[i].end]).collect();
            while parts
                .first()
                .is_some_and(|p| lex[ListId::SentenceStarters].contains_ci(p))
            {
                parts.remove(0);
            }
            // "Roig's Republican Union": the party, not Roig.
            if let Some(i) = parts[..parts.len().saturating_sub(1)]
                .iter()
                .rposition(|p| p.ends_with("'s") || p.ends_with("’s"))
            {
                parts.drain(..=i);
            }
            let joined = parts.join(" ");
            let bare = joined
                .trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_end_matches(['\'', '’']);
            (!bare.is_empty()).then(|| bare.to_lowercase())
        };
        // Not an owner: a description ("a Democrat"), a place or a time ("of Eastmere", "on
        // Friday"), a day or a month.
        let not_owner = |(s, e): (usize, usize)| {
            let before = s
                .checked_sub(1)
                .map(|p| text[ws[p].start..ws[p].end].to_ascii_lowercase());
            matches!(
                before.as_deref(),
                Some(
                    "a" | "an"
                        | "of"
                        | "in"
                        | "at"
                        | "on"
                        | "from"
                        | "to"
                        | "near"
                        | "for"
                        | "by"
                        | "with"
                        | "into"
                        | "outside"
                        | "across"
                )
            ) || (s == e && {
                // A day or a month: capitalised, but nobody's votes.
                let word = &text[ws[s].start..ws[s].end];
                lex.weekday_named(word).is_some() || lex.month_number(word).is_some()
            })
        };
        let found = runs
            .iter()
            .rev()
            .filter(|(_, e)| ws[*e].end <= cut)
            .filter(|r| !not_owner(**r))
            .find_map(|r| name(*r));
        let owner = match found {
            // "Hartley" after "Gemma Hartley", "the Alliance" after "the Social Alliance".
            Some(o) => self.full_name(&o).unwrap_or(o),
            None => {
                // "the alliance", "The party": the latest owner with that last word.
                static DEFINITE: NarrowRegex = NarrowRegex::new(r"(?i)\bthe\s+([a-z]+)\b");
                let noun = DEFINITE
                    .get(text)
                    .captures_iter(text)
                    .map(|c| c[1].to_lowercase())
                    .find(|n| lex[ListId::OwnerNouns].contains(n))?;
                self.full_name(&noun).or_else(|| previous_subject(doc, q))?
            }
        };
        self.seen.push(owner.clone());
        Some(owner)
    }

    /// The latest full name seen that ends with the words of `short`, when `short` is shorter.
    fn full_name(&self, short: &str) -> Option<String> {
        let n = short.split(' ').count();
        self.seen
            .iter()
            .rev()
            .find(|full| {
                full.split(' ').count() > n
                    && full.ends_with(short)
                    && full[..full.len() - short.len()].ends_with(' ')
            })
            .cloned()
    }
}

/// The name that opens the sentence before `q`'s: what "the party" most likely refers to.
pub fn previous_subject(doc: &Document, q: &Quantity) -> Option<String> {
    let i = doc
        .sentences
        .partition_point(|s| s.span.start < q.sentence.start);
    let prev = doc.sentences.get(i.checked_sub(1)?)?;
    let text = doc.text_of(prev.span);
    let ws = words(text);
    let mut parts = Vec::new();
    for w in ws.iter().take(6) {
        let word = &text[w.start..w.end];
        if doc.lexicon[ListId::SentenceStarters].contains_ci(word) && parts.is_empty() {
            continue;
        }
        if word.chars().next().is_some_and(char::is_uppercase) {
            parts.push(word);
        } else {
            break;
        }
    }
    (!parts.is_empty()).then(|| parts.join(" ").to_lowercase())
}
