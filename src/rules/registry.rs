//! Looking rules up by id, with "did you mean" suggestions.

/// Levenshtein distance between two strings, by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `wanted`, if it is close enough to be a likely typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_rule = wanted.split_once('.').map_or(wanted, |(_, r)| r);
    candidates
        .into_iter()
        .map(|c| {
            let whole = edit_distance(wanted, c);
            // A right rule name under a wrong pack is a good guess too.
            let rule = c.split_once('.').map_or(c, |(_, r)| r);
            let by_rule = edit_distance(wanted_rule, rule) + 1;
            (whole.min(by_rule), c)
        })
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_ids_only() {
        let ids = [
            "boilerplate.placeholder",
            "boilerplate.web-residue",
            "style.usage",
        ];
        assert_eq!(
            closest("boilerplate.placeholders", ids),
            Some("boilerplate.placeholder")
        );
        assert_eq!(
            closest("house.placeholder", ids),
            Some("boilerplate.placeholder")
        );
        assert_eq!(closest("numbers.inconsistent", ids), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
