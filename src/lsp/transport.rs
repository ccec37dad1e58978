//! JSON-RPC frames over a byte stream: `Content-Length` headers, a blank line, a JSON body.
//!
//! The messages themselves are `lsp-server`'s. Reading is ours because `lsp-server`'s stdio reader
//! ends the connection on the first frame it cannot parse, and a language server must answer a
//! malformed message with an error and keep serving. A bad body is answered with a parse error
//! (`id` null, as JSON-RPC says) or an invalid-request error (with the message's `id` when it has a
//! usable one); a bad header is skipped up to the next `Content-Length`.

use lsp_server::{ErrorCode, Message};
use serde_json::Value;
use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc;

/// The largest body accepted: a story is kilobytes; anything near this is a broken header.
const MAX_BODY: usize = 256 << 20;

/// What the reader hands the server.
#[derive(Debug)]
pub enum Incoming {
    /// A well-formed message.
    Message(Message),
    /// A frame that is not a message, and the error to answer it with.
    Malformed {
        /// The message's `id` when it had a usable one, else null.
        id: Value,
        /// The JSON-RPC error code.
        code: ErrorCode,
        /// What was wrong.
        message: String,
    },
}

impl Incoming {
    fn malformed(id: Value, code: ErrorCode, message: impl Into<String>) -> Incoming {
        Incoming::Malformed {
            id,
            code,
            message: message.into(),
        }
    }
}

/// Reads frames from a stream, one message (or one malformed frame) at a time.
pub struct FrameReader<R> {
    inner: R,
    /// A message read in the same frame as the text before it, answered first.
    pending: Option<Incoming>,
}

impl<R: BufRead> FrameReader<R> {
    /// A reader over a buffered stream.
    pub fn new(inner: R) -> Self {
        FrameReader {
            inner,
            pending: None,
        }
    }

    /// The next frame; `None` at the end of the stream.
    pub fn next_frame(&mut self) -> io::Result<Option<Incoming>> {
        if let Some(item) = self.pending.take() {
            return Ok(Some(item));
        }
        let mut length: Option<usize> = None;
        let mut problem: Option<String> = None;
        let mut garbage = false;
        let mut in_header = false;
        loop {
            let mut raw = Vec::new();
            if self.inner.read_until(b'\n', &mut raw)? == 0 {
                return Ok(in_header.then(|| {
                    Incoming::malformed(
                        Value::Null,
                        ErrorCode::ParseError,
                        "the stream ended inside a header",
                    )
                }));
            }
            let line = String::from_utf8_lossy(&raw);
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if in_header {
                    break;
                }
                continue;
            }
            in_header = true;
            match header(line) {
                Header::Length(n) => {
                    if n > MAX_BODY {
                        problem = Some(format!("Content-Length {n} is too large"));
                        length = None;
                    } else {
                        length = Some(n);
                    }
                }
                Header::Other => {}
                Header::GarbageThenLength(n) => {
                    // Usually the body of a frame that had no length, run into this header.
                    garbage = true;
                    length = (n <= MAX_BODY).then_some(n);
                }
                Header::Bad => {
                    problem.get_or_insert_with(|| format!("malformed header {line:?}"));
                }
            }
        }
        let Some(length) = length else {
            let why = problem.unwrap_or_else(|| "no Content-Length header".to_string());
            return Ok(Some(Incoming::malformed(
                Value::Null,
                ErrorCode::ParseError,
                why,
            )));
        };
        let mut body = vec![0; length];
        match self.inner.read_exact(&mut body) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e),
        }
        if let Some(why) = problem {
            return Ok(Some(Incoming::malformed(
                Value::Null,
                ErrorCode::ParseError,
                why,
            )));
        }
        let item = parse_body(&body);
        if garbage {
            self.pending = Some(item);
            return Ok(Some(Incoming::malformed(
                Value::Null,
                ErrorCode::ParseError,
                "text outside a frame",
            )));
        }
        Ok(Some(item))
    }
}

enum Header {
    Length(usize),
    Other,
    GarbageThenLength(usize),
    Bad,
}

fn header(line: &str) -> Header {
    const NAME: &str = "content-length:";
    let lower = line.to_ascii_lowercase();
    match lower.find(NAME) {
        Some(i) => match line[i + NAME.len()..].trim().parse::<usize>() {
            Ok(n) if i == 0 => Header::Length(n),
            Ok(n) => Header::GarbageThenLength(n),
            Err(_) => Header::Bad,
        },
        None => match line.split_once(':') {
            Some((name, _))
                if !name.is_empty()
                    && name
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
            {
                Header::Other
            }
            _ => Header::Bad,
        },
    }
}

/// A frame's body as a message, or the error it deserves.
fn parse_body(body: &[u8]) -> Incoming {
    let Ok(text) = std::str::from_utf8(body) else {
        return Incoming::malformed(
            Value::Null,
            ErrorCode::ParseError,
            "the message is not UTF-8",
        );
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::malformed(
                Value::Null,
                ErrorCode::ParseError,
                format!("the message is not JSON: {e}"),
            );
        }
    };
    let Some(object) = value.as_object() else {
        return Incoming::malformed(
            Value::Null,
            ErrorCode::InvalidRequest,
            "a message is a JSON object (batches are not part of the protocol)",
        );
    };
    let id = object.get("id").cloned().unwrap_or(Value::Null);
    let usable_id = if id.is_string() || id.is_number() {
        id.clone()
    } else {
        Value::Null
    };
    if object.contains_key("id") && object.contains_key("method") && usable_id.is_null() {
        return Incoming::malformed(
            Value::Null,
            ErrorCode::InvalidRequest,
            "a request's id is a number or a string",
        );
    }
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(_) => Incoming::malformed(
            usable_id,
            ErrorCode::InvalidRequest,
            "not a JSON-RPC request, response or notification",
        ),
    }
}

/// Starts a thread that reads frames from `input` and sends them on; the channel closes at the end
/// of the stream or on a read error.
pub fn spawn_reader(input: impl Read + Send + 'static) -> mpsc::Receiver<Incoming> {
    let (sender, receiver) = mpsc::channel();
    std::thread::Builder::new()
        .name("copydesk-lsp-reader".to_string())
        .spawn(move || {
            let mut reader = FrameReader::new(io::BufReader::new(input));
            while let Ok(Some(item)) = reader.next_frame() {
                if sender.send(item).is_err() {
                    break;
                }
            }
        })
        .expect("cannot start the reader thread");
    receiver
}

/// Writes a message as one frame and flushes it.
pub fn write_message(out: &mut dyn Write, message: &Message) -> io::Result<()> {
    let mut buf = Vec::new();
    message.write(&mut buf)?;
    out.write_all(&buf)?;
    out.flush()
}

/// Writes an error response whose id may be null (which `lsp-server`'s responses cannot be).
pub fn write_error(
    out: &mut dyn Write,
    id: &Value,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn read_all(input: &str) -> Vec<Incoming> {
        let mut reader = FrameReader::new(io::Cursor::new(input.as_bytes().to_vec()));
        let mut out = Vec::new();
        while let Some(item) = reader.next_frame().unwrap() {
            out.push(item);
        }
        out
    }

    fn error_of(item: &Incoming) -> (Value, i32) {
        match item {
            Incoming::Malformed { id, code, .. } => (id.clone(), *code as i32),
            Incoming::Message(m) => panic!("expected an error, got {m:?}"),
        }
    }

    #[test]
    fn bad_frames_are_answered_and_the_stream_goes_on() {
        let ok = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;
        let input = [
            frame("{not json"),
            frame(r#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#),
            frame(r#"{"jsonrpc":"2.0","id":2}"#),
            frame(r#"{"jsonrpc":"2.0","id":null,"method":"x"}"#),
            "Content-Length: nine\r\n\r\n".to_string(),
            "X-Nonsense\r\nContent-Length: 2\r\n\r\n{}".to_string(),
            frame(ok),
        ]
        .concat();
        let items = read_all(&input);
        assert_eq!(items.len(), 7, "{items:?}");
        assert_eq!(error_of(&items[0]), (Value::Null, -32700));
        assert_eq!(error_of(&items[1]), (Value::Null, -32600));
        assert_eq!(error_of(&items[2]), (Value::from(2), -32600));
        assert_eq!(error_of(&items[3]), (Value::Null, -32600));
        assert_eq!(error_of(&items[4]).1, -32700);
        assert_eq!(error_of(&items[5]).1, -32700);
        assert!(
            matches!(&items[6], Incoming::Message(Message::Request(r)) if r.method == "shutdown")
        );
    }

    #[test]
    fn a_body_without_a_length_is_skipped_to_the_next_frame() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        // The header names no length, so the body runs into the next frame's header.
        let input = format!("Content-Type: x\r\n\r\n{{\"a\":1}}{}", frame(ok));
        let items = read_all(&input);
        assert_eq!(items.len(), 3, "{items:?}");
        assert_eq!(error_of(&items[0]).1, -32700);
        assert_eq!(error_of(&items[1]).1, -32700);
        assert!(matches!(
            &items[2],
            Incoming::Message(Message::Notification(_))
        ));
    }
}
