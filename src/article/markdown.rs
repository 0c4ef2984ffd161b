//! Markdown articles: front matter for the metadata, pulldown-cmark for the body. The reader
//! gets prose: headings, list items, quotes and code as their own paragraphs; links as their
//! text; images, raw HTML tags and Jekyll/Hugo template tags never as syntax.

mod templates;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::cleanup::{cut_furniture, is_button_line, take_header_lines};
use super::front_matter;
use super::{Paragraph, ParagraphKind, Parsed, html};

/// Parses a Markdown file; the warning says when its front matter could not be read.
pub fn parse(text: &str) -> (Parsed, Option<String>) {
    let (front, body) = front_matter::split(text);
    let (front, warning) = match front.map(|(kind, raw)| front_matter::read(kind, raw)) {
        Some(Ok(front)) => (front, None),
        Some(Err(err)) => (front_matter::FrontMatter::default(), Some(err)),
        None => (front_matter::FrontMatter::default(), None),
    };
    let mut parsed = Parsed {
        title: front.title,
        author: front.author,
        date: front.date,
        source: front.source,
        site_name: front.site_name,
        language: None,
        tags: front.tags,
        paragraphs: Vec::new(),
    };
    let mut paragraphs = render(&templates::strip(body));
    if parsed.title.is_none()
        && let Some(at) = paragraphs
            .iter()
            .position(|p| p.kind == ParagraphKind::Heading(1))
    {
        parsed.title = Some(if at == 0 {
            paragraphs.remove(0).text
        } else {
            paragraphs[at].text.clone()
        });
    }
    paragraphs.retain(|p| !is_button_line(&p.text));
    take_header_lines(&mut paragraphs, &mut parsed);
    cut_furniture(&mut paragraphs, &mut parsed.tags);
    parsed.paragraphs = paragraphs;
    (parsed, warning)
}

/// Turns Markdown into paragraphs, one per block the reader shows.
fn render(markdown: &str) -> Vec<Paragraph> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_DEFINITION_LIST;
    let mut renderer = Renderer::default();
    for event in Parser::new_ext(markdown, options) {
        renderer.event(event);
    }
    renderer.flush();
    renderer.out
}

#[derive(Default)]
struct Renderer {
    out: Vec<Paragraph>,
    text: String,
    heading: Option<u8>,
    code: bool,
    quotes: usize,
    items: usize,
    images: usize,
    html: Option<String>,
    /// Inside an inline `<script>` or `<style>`: the closing tag that ends it.
    inline_raw: Option<&'static str>,
}

impl Renderer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) | Event::Code(text) => {
                if self.images == 0 && self.inline_raw.is_none() {
                    self.text.push_str(&text);
                }
            }
            Event::InlineHtml(tag) => self.inline_html(&tag),
            Event::Html(raw) => {
                if let Some(html) = &mut self.html {
                    html.push_str(&raw);
                }
            }
            Event::SoftBreak => self.text.push(' '),
            Event::HardBreak => self.text.push('\n'),
            Event::TaskListMarker(done) => self.text.push_str(if done { "[x] " } else { "[ ] " }),
            Event::InlineMath(math) | Event::DisplayMath(math) => self.text.push_str(&math),
            // Footnote markers and rules are markup, not text.
            Event::FootnoteReference(_) | Event::Rule => {}
        }
    }

    /// Inline tags are dropped; a `<br>` still separates words, and the content of an
    /// inline script or style is not text.
    fn inline_html(&mut self, tag: &str) {
        let lower = tag.to_ascii_lowercase();
        if let Some(close) = self.inline_raw {
            if lower.starts_with(close) {
                self.inline_raw = None;
            }
            return;
        }
        if lower.starts_with("<br") {
            self.text.push('\n');
        } else if lower.starts_with("<script") {
            self.inline_raw = Some("</script");
        } else if lower.starts_with("<style") {
            self.inline_raw = Some("</style");
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush();
            }
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(heading_level(level));
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quotes += 1;
            }
            Tag::CodeBlock(_) => {
                self.flush();
                self.code = true;
            }
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(String::new());
            }
            Tag::List(_) | Tag::Item => {
                self.flush();
                if matches!(tag, Tag::Item) {
                    self.items += 1;
                }
            }
            Tag::TableRow | Tag::TableHead => self.flush(),
            Tag::Image { .. } => self.images += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::TableRow
            | TagEnd::TableHead => {
                self.flush();
                self.heading = None;
            }
            TagEnd::TableCell => self.text.push_str(" | "),
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quotes = self.quotes.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.flush();
                self.code = false;
            }
            TagEnd::HtmlBlock => {
                if let Some(raw) = self.html.take() {
                    let kind = self.kind();
                    self.out.extend(html::fragment(&raw).into_iter().map(|p| {
                        if p.kind == ParagraphKind::Body {
                            Paragraph { kind, ..p }
                        } else {
                            p
                        }
                    }));
                }
            }
            TagEnd::Item => {
                self.flush();
                self.items = self.items.saturating_sub(1);
            }
            TagEnd::Image => self.images = self.images.saturating_sub(1),
            _ => {}
        }
    }

    fn kind(&self) -> ParagraphKind {
        if let Some(level) = self.heading {
            ParagraphKind::Heading(level)
        } else if self.code {
            ParagraphKind::Code
        } else if self.items > 0 {
            ParagraphKind::ListItem
        } else if self.quotes > 0 {
            ParagraphKind::Quote
        } else {
            ParagraphKind::Body
        }
    }

    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let text = if self.code {
            text.trim_end().to_string()
        } else {
            text.trim().trim_end_matches(" |").to_string()
        };
        if !text.trim().is_empty() {
            let kind = self.kind();
            self.out.push(Paragraph { kind, text });
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(markdown: &str) -> Vec<(ParagraphKind, String)> {
        render(markdown)
            .into_iter()
            .map(|p| (p.kind, p.text))
            .collect()
    }

    #[test]
    fn blocks_become_paragraphs_of_their_kind() {
        let md = "# Title\n\nSome *emphasis* and [a link](http://x).\n\n## Part\n\n- one\n- two\n\n\
                  > quoted\n\n```\ncode line\n```\n";
        assert_eq!(
            kinds_and_texts(md),
            vec![
                (ParagraphKind::Heading(1), "Title".into()),
                (ParagraphKind::Body, "Some emphasis and a link.".into()),
                (ParagraphKind::Heading(2), "Part".into()),
                (ParagraphKind::ListItem, "one".into()),
                (ParagraphKind::ListItem, "two".into()),
                (ParagraphKind::Quote, "quoted".into()),
                (ParagraphKind::Code, "code line".into()),
            ]
        );
    }

    #[test]
    fn inline_breaks_separate_words_and_inline_scripts_vanish() {
        assert_eq!(
            kinds_and_texts("one<br>two <script>alert(1)</script>three\n"),
            vec![(ParagraphKind::Body, "one\ntwo three".into())]
        );
    }

    #[test]
    fn images_drop_and_raw_html_shows_only_its_text() {
        let md = "Before ![alt text](x.png) after.\n\n<div class=\"note\">\n<p>Inside <b>html</b></p>\n</div>\n\n\
                  Inline <span>tags</span> go.\n";
        assert_eq!(
            kinds_and_texts(md),
            vec![
                (ParagraphKind::Body, "Before  after.".into()),
                (ParagraphKind::Body, "Inside html".into()),
                (ParagraphKind::Body, "Inline tags go.".into()),
            ]
        );
    }
}
