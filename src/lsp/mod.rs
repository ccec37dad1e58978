//! `copydesk lsp`: a language server over stdio, so that editors show findings as the reporter
//! types and offer the fixes as quick fixes.
//!
//! - [`transport`]: frames in and out; a malformed frame is answered with an error, never fatal.
//! - [`server`]: the state and the main loop; documents are linted through [`crate::batch`], which
//!   isolates a story whose check panics.
//! - [`convert`]: byte offsets to protocol positions and back, in the negotiated unit.
//! - [`configs`]: the nearest `copydesk.toml` of each document, compiled once and reloaded when
//!   it changes.
//! - [`actions`]: quick fixes and "Disable RULE for this line".
//!
//! Standard output carries protocol messages only; anything else goes to stderr or the client's
//! log (`window/logMessage`).

pub mod actions;
pub mod configs;
pub mod convert;
pub mod server;
pub mod transport;
pub mod uri;

pub use server::{Ending, Server};

use std::io::{self, Write};

/// Serves the protocol on stdin and `out` (stdout) until the client says `exit` or closes the
/// stream. The exit code is 0 after `shutdown` and `exit`, 1 otherwise, as the protocol asks.
pub fn serve(out: &mut dyn Write) -> io::Result<u8> {
    let incoming = transport::spawn_reader(io::stdin());
    let ending = Server::new(out).run(incoming)?;
    Ok(match ending {
        Ending::Exit => 0,
        Ending::ExitWithoutShutdown | Ending::StreamClosed => 1,
    })
}
