//! Markdown: walks pulldown-cmark's events with their source ranges, revealing only text events.

use super::{Block, BlockKind, reveal};
use crate::span::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

struct Open {
    tag: TagEnd,
    /// The leaf block being filled, if this element is one.
    leaf: Option<BlockKind>,
    /// Prose seen directly in this element (min start, max end).
    text: Option<Span>,
    /// Text inside this element is not prose (code, autolinks, images).
    opaque: bool,
}

pub(super) fn parse(text: &str, body_start: usize, prose: &mut String) -> Vec<Block> {
    let body = &text[body_start..];
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut stack: Vec<Open> = Vec::new();
    let mut blocks = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let span = Span::from(range).shift(body_start);
        match event {
            Event::Start(tag) => {
                let opaque = stack.last().is_some_and(|o| o.opaque)
                    || matches!(
                        tag,
                        Tag::CodeBlock(_)
                            | Tag::Image { .. }
                            | Tag::HtmlBlock
                            | Tag::MetadataBlock(_)
                            | Tag::Link {
                                link_type: LinkType::Autolink | LinkType::Email,
                                ..
                            }
                    );
                let leaf = leaf_kind(&tag, &stack, blocks.is_empty());
                stack.push(Open {
                    tag: tag.to_end(),
                    leaf,
                    text: None,
                    opaque,
                });
            }
            Event::End(end) => {
                let Some(open) = stack.pop() else { continue };
                debug_assert_eq!(open.tag, end);
                match (open.leaf, open.text) {
                    (Some(kind), Some(span)) => blocks.push(Block { kind, span }),
                    // Tight list items hold their text directly; other text bubbles up.
                    (None, Some(span)) => extend_leaf(&mut stack, span),
                    _ => {}
                }
            }
            Event::Text(_) => {
                if stack.last().is_some_and(|o| o.opaque) {
                    continue;
                }
                if text.is_char_boundary(span.start) && text.is_char_boundary(span.end) {
                    reveal(prose, text, span);
                }
                extend_leaf(&mut stack, span);
            }
            Event::SoftBreak | Event::HardBreak => {}
            // Inline code, HTML, math, footnote references and rules are not prose.
            _ => {}
        }
    }
    blocks.sort_by_key(|b| b.span.start);
    blocks
}

fn extend_leaf(stack: &mut [Open], span: Span) {
    if let Some(open) = stack.last_mut() {
        open.text = Some(match open.text {
            Some(t) => Span::new(t.start.min(span.start), t.end.max(span.end)),
            None => span,
        });
    }
}

fn leaf_kind(tag: &Tag, stack: &[Open], first: bool) -> Option<BlockKind> {
    let inside = |end: TagEnd| stack.iter().any(|o| o.tag == end);
    match tag {
        Tag::Heading { level, .. } => Some(
            if first && *level == pulldown_cmark::HeadingLevel::H1 && stack.is_empty() {
                BlockKind::Headline
            } else {
                BlockKind::Heading
            },
        ),
        Tag::Paragraph => Some(
            if inside(TagEnd::BlockQuote(None)) || stack.iter().any(is_block_quote) {
                BlockKind::Quote
            } else if stack.iter().any(|o| o.tag == TagEnd::Item) {
                BlockKind::ListItem
            } else {
                BlockKind::Paragraph
            },
        ),
        Tag::Item => Some(BlockKind::ListItem),
        Tag::TableCell => Some(BlockKind::TableCell),
        _ => None,
    }
}

fn is_block_quote(open: &Open) -> bool {
    matches!(open.tag, TagEnd::BlockQuote(_))
}
