//! Globs of `exclude` and `[[override]] files`, matched like `.gitignore` patterns: relative to the
//! directory of the config file that writes them, `*` never crossing a `/`, `**` crossing any
//! number of folders; a pattern with no `/` matches a name at any depth (`README.md`), one with a
//! `/` is anchored at the config's folder (`opinion/**`, a leading `/` only anchors); a pattern
//! that matches a folder matches everything in it (`docs`, `docs/`).

use super::ConfigError;
use crate::span::Span;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// Compiled globs of one config file.
#[derive(Clone, Debug)]
pub struct Globs {
    /// The patterns as written.
    pub patterns: Vec<String>,
    /// Which config file wrote them (index into the layers, outermost first).
    pub file: usize,
    /// The directory they are relative to (None: paths are matched as given).
    pub dir: Option<PathBuf>,
    set: GlobSet,
}

impl Globs {
    /// Compiles patterns written in file `file`, relative to `dir`.
    pub fn new(
        patterns: &[Spanned<String>],
        file: usize,
        dir: Option<PathBuf>,
    ) -> Result<Globs, Vec<ConfigError>> {
        let mut builder = GlobSetBuilder::new();
        let mut errors = Vec::new();
        for p in patterns {
            let written = p.get_ref();
            let trimmed = written.trim_end_matches('/');
            let pattern = match trimmed.strip_prefix('/') {
                Some(anchored) => anchored.to_string(),
                None if !trimmed.contains('/') => format!("**/{trimmed}"),
                None => trimmed.to_string(),
            };
            if trimmed.is_empty() {
                errors.push(
                    ConfigError::at(Span::from(p.span()), "an empty glob matches nothing")
                        .label("not a glob")
                        .in_file(file),
                );
                continue;
            }
            match GlobBuilder::new(&pattern).literal_separator(true).build() {
                Ok(g) => {
                    builder.add(g);
                }
                Err(e) => errors.push(
                    ConfigError::at(Span::from(p.span()), format!("invalid glob `{written}`"))
                        .label(e.kind().to_string())
                        .in_file(file),
                ),
            }
        }
        let set = builder.build().map_err(|e| {
            vec![ConfigError::at(None, format!("invalid globs: {e}")).in_file(file)]
        })?;
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Globs {
            patterns: patterns.iter().map(|p| p.get_ref().clone()).collect(),
            file,
            dir,
            set,
        })
    }

    /// Whether `path` (absolute when the globs have a directory) or a folder it is in matches. A
    /// path outside the directory never matches.
    pub fn matches(&self, path: &Path) -> bool {
        let relative = match &self.dir {
            Some(dir) => match path.strip_prefix(dir) {
                Ok(r) => r,
                Err(_) => return false,
            },
            None => path,
        };
        let parts: Vec<String> = relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        (1..=parts.len()).any(|n| self.set.is_match(parts[..n].join("/")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn globs(patterns: &[&str]) -> Globs {
        let spanned: Vec<Spanned<String>> = patterns
            .iter()
            .map(|p| Spanned::new(0..0, p.to_string()))
            .collect();
        Globs::new(&spanned, 0, Some(PathBuf::from("/news"))).unwrap()
    }

    #[test]
    fn gitignore_like_matching() {
        let g = globs(&["README.md", "docs", "opinion/**", "/drafts/*.md"]);
        let yes = |p: &str| g.matches(Path::new(p));
        assert!(yes("/news/README.md"));
        assert!(yes("/news/desk/README.md"));
        assert!(yes("/news/docs/a.md"));
        assert!(yes("/news/docs/deep/b.txt"));
        assert!(yes("/news/opinion/col.md"));
        assert!(yes("/news/opinion/x/col.md"));
        assert!(yes("/news/drafts/a.md"));
        assert!(!yes("/news/desk/drafts/a.md"));
        assert!(!yes("/news/drafts/x/a.md"));
        assert!(!yes("/news/story.md"));
        assert!(!yes("/elsewhere/README.md"));
    }

    #[test]
    fn a_bad_glob_is_an_error() {
        let bad = vec![Spanned::new(3..9, "a[b".to_string())];
        let e = Globs::new(&bad, 1, None).unwrap_err();
        assert_eq!(e[0].message, "invalid glob `a[b`");
        assert_eq!(e[0].file, 1);
        assert_eq!(e[0].span, Some(Span::new(3, 9)));
    }
}
