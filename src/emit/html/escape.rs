//! Escaping: every piece of text that reaches the page goes through one of these.

use std::fmt::{self, Write as _};

/// Text escaped for element content and quoted attribute values: `& < > " '` as references;
/// carriage returns dropped (a CRLF story shows as LF); other control characters, which HTML does
/// not allow, as their Unicode control pictures (U+2400…) or U+FFFD.
pub struct E<'a>(pub &'a str);

impl fmt::Display for E<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut clean = 0;
        for (i, c) in text.char_indices() {
            let replacement: Option<&str> = match c {
                '&' => Some("&amp;"),
                '<' => Some("&lt;"),
                '>' => Some("&gt;"),
                '"' => Some("&quot;"),
                '\'' => Some("&#39;"),
                '\r' => Some(""),
                '\t' | '\n' => None,
                c if c.is_control() => Some(""),
                _ => None,
            };
            let Some(replacement) = replacement else {
                continue;
            };
            f.write_str(&text[clean..i])?;
            f.write_str(replacement)?;
            if c.is_control() && c != '\r' {
                let picture = match c as u32 {
                    n @ 0..=0x1f => char::from_u32(0x2400 + n),
                    0x7f => Some('\u{2421}'),
                    _ => None,
                };
                f.write_char(picture.unwrap_or('\u{fffd}'))?;
            }
            clean = i + c.len_utf8();
        }
        f.write_str(&text[clean..])
    }
}

/// A path, escaped, with a line-break opportunity after each `/`, so that a long path wraps
/// between its folders on a phone.
pub struct PathText<'a>(pub &'a str);

impl fmt::Display for PathText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = self.0.split('/').peekable();
        while let Some(part) = parts.next() {
            E(part).fmt(f)?;
            if parts.peek().is_some() {
                f.write_str("/<wbr>")?;
            }
        }
        Ok(())
    }
}

/// A message, note or rule text: escaped, with `backticked` parts as code.
pub struct Rich<'a>(pub &'a str);

impl fmt::Display for Rich<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<&str> = self.0.split('`').collect();
        // An odd number of backticks is not code markup.
        if parts.len() < 3 || parts.len().is_multiple_of(2) {
            return E(self.0).fmt(f);
        }
        for (i, part) in parts.iter().enumerate() {
            if i % 2 == 1 {
                write!(f, "<code>{}</code>", E(part))?;
            } else {
                E(part).fmt(f)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            E("<script>alert('x') & \"y\"</script>").to_string(),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(E("a\r\nb\u{7}c\u{85}").to_string(), "a\nb\u{2407}c\u{fffd}");
        assert_eq!(E("Café 🎉").to_string(), "Café 🎉");
    }

    #[test]
    fn backticks_become_code_when_paired() {
        assert_eq!(
            Rich("write `4 percent` <now>").to_string(),
            "write <code>4 percent</code> &lt;now&gt;"
        );
        assert_eq!(Rich("a ` lone").to_string(), "a ` lone");
    }

    #[test]
    fn paths_may_break_after_slashes() {
        assert_eq!(
            PathText("desk/<b>&/a.md").to_string(),
            "desk/<wbr>&lt;b&gt;&amp;/<wbr>a.md"
        );
    }
}
