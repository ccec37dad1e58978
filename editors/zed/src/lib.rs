//! Zed extension: starts `copydesk lsp` for Markdown and plain text.

use zed_extension_api::{self as zed, settings::LspSettings};

struct Copydesk;

impl zed::Extension for Copydesk {
    fn new() -> Self {
        Copydesk
    }

    fn language_server_command(
        &mut self,
        _id: &zed::LanguageServerId,
        worktree: &zed::Worktree,
    ) -> zed::Result<zed::Command> {
        // `lsp.copydesk.binary.path` in Zed's settings wins; else `copydesk` on the PATH.
        let configured = LspSettings::for_worktree("copydesk", worktree)
            .ok()
            .and_then(|s| s.binary)
            .and_then(|b| b.path);
        let command = configured
            .or_else(|| worktree.which("copydesk"))
            .ok_or("copydesk is not on the PATH: install it, or set lsp.copydesk.binary.path")?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".to_string()],
            env: Vec::new(),
        })
    }
}

zed::register_extension!(Copydesk);
