//! YAML (`---`) and TOML (`+++`) front matter, with the byte span of every top-level value.

use crate::span::Span;
use std::collections::BTreeMap;

/// The syntax of a front matter block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatterFormat {
    /// Between `---` fences.
    Yaml,
    /// Between `+++` fences.
    Toml,
}

/// One top-level scalar field, rendered as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontMatterField {
    /// The value as text (lists are joined with ", ").
    pub value: String,
    /// Where the value is written in the file.
    pub span: Span,
}

/// A story's front matter.
#[derive(Clone, Debug)]
pub struct FrontMatter {
    /// The whole block, fences and trailing newline included.
    pub span: Span,
    /// Which syntax it uses.
    pub format: FrontMatterFormat,
    /// Top-level fields by key.
    pub fields: BTreeMap<String, FrontMatterField>,
    /// Why the block could not be parsed, and where.
    pub error: Option<(String, Span)>,
}

impl FrontMatter {
    /// Finds and parses front matter starting at byte `start` of `text`.
    pub fn parse(text: &str, start: usize) -> Option<FrontMatter> {
        let rest = &text[start..];
        let (fence, format) = if rest.starts_with("---") {
            ("---", FrontMatterFormat::Yaml)
        } else if rest.starts_with("+++") {
            ("+++", FrontMatterFormat::Toml)
        } else {
            return None;
        };
        let first_line_end = rest.find('\n')?;
        if rest[..first_line_end].trim_end() != fence {
            return None;
        }
        let body_start = start + first_line_end + 1;
        let mut offset = body_start;
        let mut body_end = None;
        for line in text[body_start..].split_inclusive('\n') {
            let trimmed = line.trim_end();
            if trimmed == fence || (format == FrontMatterFormat::Yaml && trimmed == "...") {
                body_end = Some((offset, offset + line.len()));
                break;
            }
            offset += line.len();
        }
        let (body_end, block_end) = body_end?;
        let body = &text[body_start..body_end];
        let mut fm = FrontMatter {
            span: Span::new(start, block_end),
            format,
            fields: BTreeMap::new(),
            error: None,
        };
        let parsed = match format {
            FrontMatterFormat::Yaml => parse_yaml(body),
            FrontMatterFormat::Toml => parse_toml(body),
        };
        match parsed {
            Ok(fields) => {
                fm.fields = fields
                    .into_iter()
                    .map(|(k, mut f)| {
                        f.span = f.span.shift(body_start);
                        (k, f)
                    })
                    .collect()
            }
            Err((message, span)) => fm.error = Some((message, span.shift(body_start))),
        }
        Some(fm)
    }

    /// A field by key.
    pub fn get(&self, key: &str) -> Option<&FrontMatterField> {
        self.fields.get(key)
    }

    /// The first present field among `keys`.
    pub fn first_of<'k>(&self, keys: &[&'k str]) -> Option<(&'k str, &FrontMatterField)> {
        keys.iter()
            .find_map(|k| self.fields.get(*k).map(|f| (*k, f)))
    }

    /// The title.
    pub fn title(&self) -> Option<&FrontMatterField> {
        self.get("title")
    }

    /// The publication date (`date`, `published` or `publish_date`).
    pub fn date(&self) -> Option<(&'static str, &FrontMatterField)> {
        self.first_of(&["date", "published", "publish_date"])
    }

    /// The dateline.
    pub fn dateline(&self) -> Option<&FrontMatterField> {
        self.get("dateline")
    }

    /// The byline (`byline` or `author`).
    pub fn byline(&self) -> Option<&FrontMatterField> {
        self.first_of(&["byline", "author"]).map(|(_, f)| f)
    }
}

type Fields = BTreeMap<String, FrontMatterField>;

fn parse_yaml(body: &str) -> Result<Fields, (String, Span)> {
    if body.trim().is_empty() {
        return Ok(Fields::new());
    }
    let map: BTreeMap<String, serde_saphyr::Spanned<serde_json::Value>> =
        serde_saphyr::from_str(body).map_err(|e| {
            let at = e
                .location()
                .and_then(|l| l.span().byte_offset())
                .map(|o| o as usize)
                .unwrap_or(0)
                .min(body.len());
            let message = e.to_string();
            let message = message.lines().next().unwrap_or("invalid YAML").to_string();
            (message, Span::new(at, at))
        })?;
    Ok(map
        .into_iter()
        .filter_map(|(key, v)| {
            let span = v.referenced.span();
            let start = span.byte_offset()? as usize;
            let len = span.byte_len().unwrap_or(0) as usize;
            let value = scalar_text(&v.value)?;
            Some((key, field_with_span(body, value, start, len)))
        })
        .collect())
}

/// Uses the parser's span, widened to the quoted text when the parser points at the quote.
fn field_with_span(body: &str, value: String, start: usize, len: usize) -> FrontMatterField {
    let start = start.min(body.len());
    let end = (start + len).min(body.len());
    let mut span = Span::new(start, end);
    let line_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    if span.is_empty() || !body.is_char_boundary(end) {
        span = Span::new(start, line_end);
    }
    if let Some(found) = body[start..line_end].find(value.as_str()) {
        span = Span::new(start + found, start + found + value.len());
    }
    FrontMatterField { value, span }
}

fn scalar_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(scalar_text).collect();
            Some(parts.join(", "))
        }
        _ => None,
    }
}

fn parse_toml(body: &str) -> Result<Fields, (String, Span)> {
    let map: BTreeMap<String, toml::Spanned<toml::Value>> = toml::from_str(body).map_err(|e| {
        let span = e.span().map(Span::from).unwrap_or_default();
        (e.message().to_string(), span)
    })?;
    Ok(map
        .into_iter()
        .filter_map(|(key, v)| {
            let span = Span::from(v.span());
            let value = match v.into_inner() {
                toml::Value::String(s) => s,
                toml::Value::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect::<Vec<_>>()
                    .join(", "),
                toml::Value::Table(_) => return None,
                other => other.to_string(),
            };
            let mut field = FrontMatterField { value, span };
            let raw = &body[span.range()];
            if let Some(found) = raw.find(field.value.as_str()) {
                field.span = Span::new(span.start + found, span.start + found + field.value.len());
            }
            Some((key, field))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"Hi\"\ndate = 2025-06-03\n+++\nbody";
        let fm = FrontMatter::parse(text, 0).unwrap();
        assert_eq!(fm.format, FrontMatterFormat::Toml);
        assert_eq!(&text[fm.get("date").unwrap().span.range()], "2025-06-03");
        assert_eq!(&text[fm.title().unwrap().span.range()], "Hi");
        assert_eq!(
            &text[fm.span.range()],
            "+++\ntitle = \"Hi\"\ndate = 2025-06-03\n+++\n"
        );
    }

    #[test]
    fn yaml_front_matter_spans_and_errors() {
        let text = "---\ntitle: \"Quoted: title\"\nbyline: Ana Ruiz\ndate: 2025-06-03\n---\n";
        let fm = FrontMatter::parse(text, 0).unwrap();
        assert_eq!(&text[fm.title().unwrap().span.range()], "Quoted: title");
        assert_eq!(&text[fm.byline().unwrap().span.range()], "Ana Ruiz");
        assert_eq!(fm.date().unwrap().1.value, "2025-06-03");
        let bad = FrontMatter::parse("---\ntitle: [unclosed\n---\n", 0).unwrap();
        assert!(bad.error.is_some());
    }

    #[test]
    fn unclosed_fence_is_not_front_matter() {
        assert!(FrontMatter::parse("---\ntitle: x\n", 0).is_none());
        assert!(FrontMatter::parse("--- not a fence\n---\n", 0).is_none());
    }
}
