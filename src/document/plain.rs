//! Plain text: paragraphs are separated by blank lines; a short unpunctuated first line is the headline.

use super::{Block, BlockKind, reveal};
use crate::span::Span;

pub(super) fn parse(text: &str, body_start: usize, prose: &mut String) -> Vec<Block> {
    reveal(prose, text, Span::new(body_start, text.len()));
    let mut blocks = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut para_end = body_start;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(start) = para_start.take() {
                blocks.push(paragraph(start, para_end));
            }
        } else {
            para_start.get_or_insert(offset);
            para_end = offset + content.len();
        }
        offset += line.len();
    }
    if let Some(start) = para_start {
        blocks.push(paragraph(start, para_end));
    }
    if blocks.len() > 1 {
        let first = &text[blocks[0].span.range()];
        let trimmed = first.trim_end_matches(['"', '\'', '\u{201d}', ')']);
        if !first.contains('\n') && first.len() <= 160 && !trimmed.ends_with(['.', '!', '?', ':']) {
            blocks[0].kind = BlockKind::Headline;
        }
    }
    blocks
}

fn paragraph(start: usize, end: usize) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        span: Span::new(start, end),
    }
}
