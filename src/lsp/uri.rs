//! `file:` URIs and the paths they name. Editors send documents by URI; configuration is found
//! on disk by path, and a config file's diagnostics are published under its URI.

use std::path::{Path, PathBuf};

/// The path of a `file:` URI, or `None` for any other scheme (`untitled:`, `vscode-notebook:` …)
/// and for a URI that is not valid (a bad percent escape, a path that is not UTF-8).
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = strip_prefix_ignore_case(uri, "file://")?;
    // The authority: empty or `localhost` is this machine; anything else is a network share.
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path)?;
    if !authority.is_empty() && !authority.eq_ignore_ascii_case("localhost") {
        return Some(PathBuf::from(format!("//{authority}{decoded}")));
    }
    Some(PathBuf::from(native(&decoded)))
}

/// The `file:` URI of an absolute path.
pub fn from_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("file://");
    if !text.starts_with('/') {
        // A Windows path, `C:/dir/file`: the URI path still starts with a slash.
        out.push('/');
    }
    for byte in text.bytes() {
        // Unreserved characters, sub-delimiters, ':' and '@' may stand in a path (RFC 3986).
        if byte.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// On Windows, `/C:/dir` is the path `C:/dir`.
fn native(path: &str) -> &str {
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0] == b'/' && bytes[1].is_ascii_alphabetic() && bytes[2] == b':';
    if cfg!(windows) && drive {
        &path[1..]
    } else {
        path
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/home/ana/Desk stories/café #1.md");
        let uri = from_path(path);
        assert_eq!(uri, "file:///home/ana/Desk%20stories/caf%C3%A9%20%231.md");
        assert_eq!(to_path(&uri).as_deref(), Some(path));
    }

    #[test]
    fn other_schemes_and_bad_escapes_have_no_path() {
        assert_eq!(to_path("untitled:Untitled-1"), None);
        assert_eq!(to_path("file:///bad%zzescape"), None);
        assert_eq!(to_path("file:///not-utf8%ff"), None);
        assert_eq!(
            to_path("FILE://localhost/tmp/a.md").as_deref(),
            Some(Path::new("/tmp/a.md"))
        );
    }
}
