//! Reading stories without trusting what is named.
//!
//! - Only regular files are opened: a FIFO would block for ever and a device (`/dev/zero`,
//!   `/dev/urandom`) never ends. The type is checked before opening and again on the open file,
//!   which is opened non-blocking where the platform allows, so a file swapped for a FIFO in
//!   between cannot hang the run either.
//! - At most `--max-file-size` bytes are read (default 16 MiB, a hundred times the longest news
//!   story), in chunks of
//!   [`CHUNK`]: a file that says it is larger is refused before a byte is read, one that grows (or
//!   an endless stdin) when it passes the limit. The first chunk is checked for a UTF-16 byte
//!   order mark and a NUL byte before more is read, so a 2 GB binary costs one chunk.
//! - An error names what went wrong: a symbolic link loop, a name too long and a folder that
//!   cannot be searched each say so, not "no such file or directory".
//! - A name that is not UTF-8 or holds control characters is escaped where it is shown
//!   ([`escape`]); the exact bytes travel with the story ([`crate::source::Source::name_bytes`]) and
//!   JSON reports them as `path_bytes`.
//! - The same file named several ways (`a.md ./a.md`, `. sub`, a symbolic link and its target) is
//!   checked once ([`dedupe_same_files`]).

use super::walk::Input;
use crate::batch::FileError;
use crate::source::{DecodeError, Source};
use std::fmt;
use std::fs::{File, FileType, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// How much is read at a time.
pub const CHUNK: usize = 64 << 10;

/// Why a story could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system refused.
    Io(io::Error),
    /// Not a regular file: what it is instead ("a FIFO (named pipe)", "a character device" …).
    NotAFile(&'static str),
    /// Over the size limit: the limit, and the size when it was known before reading.
    TooLarge {
        /// `--max-file-size`, in bytes.
        limit: u64,
        /// The file's size, when its metadata gave it.
        size: Option<u64>,
    },
    /// Read, but not UTF-8 text.
    Decode(DecodeError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&describe(e)),
            ReadError::NotAFile(what) => write!(
                f,
                "is {what}, not a regular file; copydesk reads regular files (and `-` for stdin)"
            ),
            ReadError::TooLarge {
                limit,
                size: Some(size),
            } => write!(
                f,
                "is {size} bytes, over the limit of {limit} bytes (raise it with --max-file-size)"
            ),
            ReadError::TooLarge { limit, size: None } => write!(
                f,
                "is over the limit of {limit} bytes (raise it with --max-file-size)"
            ),
            ReadError::Decode(e) => e.fmt(f),
        }
    }
}

/// An I/O error as a reason: what happened, with the system's name for it where people look it
/// up (ELOOP, ENAMETOOLONG, EACCES).
pub fn describe(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or directory".to_string(),
        K::PermissionDenied => {
            "permission denied (EACCES): it, or a folder on its path, cannot be read".to_string()
        }
        K::InvalidFilename => "the name is too long (ENAMETOOLONG)".to_string(),
        K::NotADirectory => "a part of the path is a file, not a folder (ENOTDIR)".to_string(),
        // `ErrorKind::FilesystemLoop` is not stable yet; its name is.
        k if format!("{k:?}") == "FilesystemLoop" => {
            "a loop of symbolic links (ELOOP): too many levels of symbolic links".to_string()
        }
        _ => e.to_string(),
    }
}

/// What a file that is not a regular file is, or None for a regular file.
fn not_a_file(t: &FileType) -> Option<&'static str> {
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

fn check_file(meta: &Metadata, limit: u64) -> Result<(), ReadError> {
    if let Some(what) = not_a_file(&meta.file_type()) {
        return Err(ReadError::NotAFile(what));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            limit,
            size: Some(meta.len()),
        });
    }
    Ok(())
}

/// `O_NONBLOCK`, where its value is known: opening a FIFO then returns at once instead of waiting
/// for a writer, and regular files read the same with it. Elsewhere the type check before opening
/// is the only guard.
#[cfg_attr(not(unix), allow(dead_code))]
fn nonblocking_flag() -> Option<i32> {
    if cfg!(any(
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly"
    )) {
        Some(0x0004)
    } else if cfg!(all(
        any(target_os = "linux", target_os = "android"),
        any(
            target_arch = "x86_64",
            target_arch = "x86",
            target_arch = "aarch64",
            target_arch = "arm",
            target_arch = "riscv64",
            target_arch = "s390x",
            target_arch = "powerpc64",
            target_arch = "loongarch64"
        )
    )) {
        Some(0o4000)
    } else {
        None
    }
}

fn open(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if let Some(flag) = nonblocking_flag() {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(flag);
    }
    options.open(path)
}

/// Reads a regular file of at most `limit` bytes.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    check_file(&std::fs::metadata(path).map_err(ReadError::Io)?, limit)?;
    let file = open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    check_file(&meta, limit)?;
    read_bounded(file, limit, meta.len())
}

/// Reads standard input, at most `limit` bytes.
pub fn read_stdin(limit: u64) -> Result<Vec<u8>, ReadError> {
    read_bounded(io::stdin().lock(), limit, 0)
}

/// Reads `r` to its end in chunks, refusing more than `limit` bytes; the first bytes are checked
/// for a UTF-16 byte order mark and every chunk for a NUL byte as it arrives, so that binary
/// input stops the read at once. `expected` sizes the buffer (a file's length), so a file is held
/// once, not in a buffer grown by doubling.
pub fn read_bounded(mut r: impl Read, limit: u64, expected: u64) -> Result<Vec<u8>, ReadError> {
    let capacity = expected.min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(CHUNK));
    let mut chunk = vec![0; CHUNK];
    loop {
        let n = match r.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(ReadError::Io(e)),
        };
        let start = bytes.len();
        if (start + n) as u64 > limit {
            return Err(ReadError::TooLarge { limit, size: None });
        }
        bytes.extend_from_slice(&chunk[..n]);
        if start < 4
            && let Some(e) = DecodeError::sniff(&bytes)
        {
            return Err(ReadError::Decode(e));
        }
        if let Some(i) = chunk[..n].iter().position(|&b| b == 0) {
            return Err(ReadError::Decode(DecodeError::Binary { offset: start + i }));
        }
    }
    Ok(bytes)
}

/// Reads one input as a story: a file, or stdin (read once by the caller, `stdin`), decoded and
/// named as it is shown.
pub fn source_of(
    input: &Input,
    stdin: Option<&Result<Vec<u8>, String>>,
    limit: u64,
) -> Result<Source, FileError> {
    let (name, name_bytes) = name_of(input);
    let fail = |message: String| FileError {
        path: name.clone(),
        message,
        path_bytes: name_bytes.clone(),
    };
    let bytes = match input {
        Input::File(p) => read_file(p, limit).map_err(|e| fail(e.to_string()))?,
        Input::Stdin(_) => match stdin {
            Some(Ok(bytes)) => bytes.clone(),
            Some(Err(message)) => return Err(fail(message.clone())),
            None => Vec::new(),
        },
    };
    let mut source = Source::from_bytes(name.clone(), bytes).map_err(|e| fail(e.to_string()))?;
    source.name_bytes = name_bytes;
    Ok(source)
}

/// The name an input is reported under, and its exact bytes when the name is shown escaped.
pub fn name_of(input: &Input) -> (String, Option<Vec<u8>>) {
    match input {
        Input::File(p) => shown_name(p),
        Input::Stdin(name) => shown(name.as_bytes()),
    }
}

/// An error about a path, named as it is shown.
pub fn path_error(path: &Path, message: String) -> FileError {
    let (path, path_bytes) = shown_name(path);
    FileError {
        path,
        message,
        path_bytes,
    }
}

/// An error met while walking a folder, named by the path it concerns.
pub fn walk_error(dir: &Path, e: &ignore::Error) -> FileError {
    let mut path = dir;
    let mut inner = e;
    loop {
        match inner {
            ignore::Error::WithPath { path: p, err } => {
                path = p;
                inner = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner = err;
            }
            _ => break,
        }
    }
    let message = match inner {
        ignore::Error::Io(io) => describe(io),
        ignore::Error::Loop { child, .. } => format!(
            "a loop of symbolic links (ELOOP) through {}",
            shown_name(child).0
        ),
        other => other.to_string(),
    };
    path_error(path, message)
}

/// A path as people read it (relative to the current directory when it is inside it, `/`
/// separators, no leading `./`), escaped by [`escape`]; and its exact bytes when the escaped
/// form differs from them.
pub fn shown_name(path: &Path) -> (String, Option<Vec<u8>>) {
    shown(&name_bytes(path))
}

/// The bytes of a path as [`shown_name`] shows it, before escaping.
pub fn name_bytes(path: &Path) -> Vec<u8> {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    let path = relative.as_deref().unwrap_or(path);
    let mut bytes = path.as_os_str().as_encoded_bytes().to_vec();
    if cfg!(windows) {
        for b in &mut bytes {
            if *b == b'\\' {
                *b = b'/';
            }
        }
    }
    match bytes.strip_prefix(b"./") {
        Some(rest) if !rest.is_empty() => rest.to_vec(),
        _ => bytes,
    }
}

fn shown(bytes: &[u8]) -> (String, Option<Vec<u8>>) {
    let escaped = escape(bytes);
    let exact = (escaped.as_bytes() != bytes).then(|| bytes.to_vec());
    (escaped, exact)
}

/// A file name made safe to print: bytes that are not UTF-8 become `\xNN`, tab, newline and
/// carriage return `\t`, `\n`, `\r`, other control characters and the invisible characters that
/// reorder text (bidirectional overrides and isolates) `\u{NN}`. Everything else is kept as it
/// is, so ordinary names, accents and scripts included, are shown unchanged.
pub fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c if c.is_control() || is_bidi_control(c) => {
                    out.push_str(&format!("\\u{{{:x}}}", c as u32));
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// Characters that change the order in which the rest of a line is displayed.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Drops the inputs that name a file already named (the same device and inode, or on other
/// systems the same canonical path), keeping the first. Inputs whose file cannot be looked at
/// are kept: reading them reports why.
pub fn dedupe_same_files(inputs: &mut Vec<Input>) {
    let mut seen = std::collections::HashSet::new();
    inputs.retain(|input| match input {
        Input::File(p) => identity(p).is_none_or(|id| seen.insert(id)),
        Input::Stdin(_) => true,
    });
}

/// What makes two names the same file.
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = std::path::PathBuf;

#[cfg(unix)]
fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<Identity> {
    std::fs::canonicalize(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_only_where_they_must_be() {
        assert_eq!(
            escape("stories/café 😀.md".as_bytes()),
            "stories/café 😀.md"
        );
        assert_eq!(escape(b"a\x1b[31mred\n.md"), "a\\u{1b}[31mred\\n.md");
        assert_eq!(escape(b"latin\xe9.md"), "latin\\xe9.md");
        assert_eq!(
            escape("evil\u{202e}dm.txt".as_bytes()),
            "evil\\u{202e}dm.txt"
        );
        assert_eq!(shown(b"plain.md"), ("plain.md".to_string(), None));
        assert_eq!(
            shown(b"x\xff.md"),
            ("x\\xff.md".to_string(), Some(b"x\xff.md".to_vec()))
        );
    }

    #[test]
    fn reading_stops_at_the_limit_and_at_the_first_nul() {
        let endless = io::repeat(b'a');
        match read_bounded(endless, 100_000, 0) {
            Err(ReadError::TooLarge { limit, size: None }) => assert_eq!(limit, 100_000),
            other => panic!("{other:?}"),
        }
        let zeros = io::repeat(0);
        match read_bounded(zeros, u64::MAX, 0) {
            Err(ReadError::Decode(DecodeError::Binary { offset: 0 })) => {}
            other => panic!("{other:?}"),
        }
        let utf16: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("hello".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        match read_bounded(&utf16[..], 1000, 0) {
            Err(ReadError::Decode(DecodeError::Utf16 { big_endian: true })) => {}
            other => panic!("{other:?}"),
        }
        assert_eq!(read_bounded(&b"story"[..], 5, 5).unwrap(), b"story");
    }
}
