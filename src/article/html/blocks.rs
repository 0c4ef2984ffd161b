//! HTML to a flat list of text blocks and the elements that contain them, built from the
//! tokenizer alone.
//!
//! A full tree builder is quadratic in nesting depth (its scope checks walk the open-element
//! stack) and recursive tree drops overflow the stack on 100,000-deep documents. Here the
//! open elements are a capped, explicit stack; each element records the range of blocks it
//! contains, which is all the content scoring needs. Nothing recurses.

mod fields;

use std::cell::RefCell;
use std::collections::HashMap;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{LocalName, TokenizerResult};

use super::tags::{
    class_weight, heading_level, is_block, is_furniture_role, is_hidden_style, is_never_text,
    is_paragraph_like, is_skipped_tag, is_unlikely_class, is_void,
};
use crate::article::ParagraphKind;
use fields::FieldCapture;

/// Elements deeper than this are not tracked; their text goes to the deepest tracked one.
/// Real pages stay far below it, and it bounds the work per tag on hostile ones.
const MAX_DEPTH: usize = 512;

/// Text kept from the `<title>` element.
const MAX_TITLE_TAG: usize = 2048;

/// How far up the stack a flush looks for the element that holds its text.
const CONTAINER_SEARCH: usize = 16;

/// An element that can hold blocks: its place in the tree and the blocks inside it.
#[derive(Debug)]
pub struct Element {
    pub tag: LocalName,
    pub parent: Option<usize>,
    /// Blocks `first_block..end_block` lie inside this element.
    pub first_block: usize,
    pub end_block: usize,
    /// Class/id hints: positive for "article", "content"; negative for "comment", "sidebar".
    pub class_weight: i32,
    /// `itemprop="articleBody"` or similar explicit markers of the article text.
    pub marked_body: bool,
    /// Furniture or hidden content whose text was dropped.
    pub skipped: bool,
    /// Marked as furniture or hidden by a rule this reading relaxed: kept, so that it can
    /// hold the article, but never joined to it from outside.
    pub flagged: bool,
}

/// A run of text between block boundaries.
#[derive(Debug)]
pub struct Block {
    pub kind: ParagraphKind,
    pub text: String,
    /// Characters of `text` that were inside links.
    pub link_chars: usize,
    /// The nearest non-paragraph element around it: what content scoring credits.
    pub container: usize,
    /// For text in a table cell, the row: cells of one row are shown as one paragraph.
    pub row: Option<usize>,
}

/// Metadata found while tokenizing; the caller decides what wins.
#[derive(Debug, Default)]
pub struct Found {
    /// (name or property, content) of every `<meta>`, names lowercased.
    pub meta: Vec<(String, String)>,
    pub title_tag: String,
    /// The first headings (level, text, whether inside page furniture), in document order.
    pub headings: Vec<(u8, String, bool)>,
    /// Text of the first element marked as a date ("date-header", "published") that reads
    /// as one, or its `title` attribute.
    pub date_text: Option<String>,
    pub canonical: Option<String>,
    /// The `lang` attribute of `<html>`.
    pub html_lang: Option<String>,
    pub time_datetime: Option<String>,
    pub byline_text: Option<String>,
    pub json_ld: Vec<String>,
}

#[derive(Debug)]
pub struct Document {
    pub elements: Vec<Element>,
    pub blocks: Vec<Block>,
    pub found: Found,
}

/// Which furniture rules drop content while tokenizing. The extractor starts strict and
/// relaxes them when the strict reading finds too little (Readability's retry ladder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// Class and id names such as "sidebar" or "comments" drop their element.
    pub classes: bool,
    /// `hidden`, `aria-hidden` and `display:none` drop their element.
    pub hidden: bool,
    /// Furniture tags (nav, header, footer, aside, figure, form controls) drop their element.
    pub furniture_tags: bool,
}

impl Rules {
    pub const STRICT: Self = Self {
        classes: true,
        hidden: true,
        furniture_tags: true,
    };
}

/// Tokenizes `html` into blocks, dropping what is never article text.
pub fn build(html: &str, rules: Rules) -> Document {
    let sink = Sink(RefCell::new(Builder::new(rules)));
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&queue) {}
    tokenizer.end();
    tokenizer.sink.0.into_inner().finish()
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.0.borrow_mut().token(token)
    }
}

/// Which text is being captured outside the block flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    Title,
    Skip,
    JsonLd,
}

struct Builder {
    rules: Rules,
    elements: Vec<Element>,
    blocks: Vec<Block>,
    found: Found,
    /// Indices into `elements` of the open, tracked elements; `[0]` is the document root.
    stack: Vec<usize>,
    /// Start tags opened past `MAX_DEPTH`, matched off by end tags before the stack is.
    untracked: usize,
    open_counts: HashMap<LocalName, usize>,
    /// Open elements whose content is dropped (nav, footer, hidden, ...).
    skipping: usize,
    /// Raw-text content (script, style, title) being swallowed or captured.
    raw: Option<(LocalName, Capture)>,
    text: String,
    link_chars: usize,
    links_open: usize,
    pre_open: usize,
    quote_open: usize,
    item_open: usize,
    cells_open: usize,
    /// Open `<tr>` elements, innermost last.
    rows: Vec<usize>,
    heading: Option<u8>,
    /// Text being collected for metadata, each until its element closes.
    fields: Vec<FieldCapture>,
    pending_breaks: usize,
}

impl Builder {
    fn new(rules: Rules) -> Self {
        Self {
            rules,
            elements: vec![Element {
                tag: LocalName::from("#root"),
                parent: None,
                first_block: 0,
                end_block: 0,
                class_weight: 0,
                marked_body: false,
                skipped: false,
                flagged: false,
            }],
            blocks: Vec::new(),
            found: Found::default(),
            stack: vec![0],
            untracked: 0,
            open_counts: HashMap::new(),
            skipping: 0,
            raw: None,
            text: String::new(),
            link_chars: 0,
            links_open: 0,
            pre_open: 0,
            quote_open: 0,
            item_open: 0,
            cells_open: 0,
            rows: Vec::new(),
            heading: None,
            fields: Vec::new(),
            pending_breaks: 0,
        }
    }

    fn finish(mut self) -> Document {
        self.flush();
        while self.stack.len() > 1 {
            self.pop();
        }
        let end = self.blocks.len();
        self.elements[0].end_block = end;
        Document {
            elements: self.elements,
            blocks: self.blocks,
            found: self.found,
        }
    }

    fn token(&mut self, token: Token) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => return self.tag(tag),
            Token::CharacterTokens(text) => self.characters(&text),
            _ => {}
        }
        TokenSinkResult::Continue
    }

    fn characters(&mut self, text: &str) {
        if let Some((_, capture)) = &self.raw {
            match capture {
                // An unclosed <title> would swallow the page; a title is never this long.
                Capture::Title if self.found.title_tag.len() < MAX_TITLE_TAG => {
                    self.found.title_tag.push_str(text);
                }
                Capture::Title => {}
                Capture::JsonLd => {
                    if let Some(last) = self.found.json_ld.last_mut() {
                        last.push_str(text);
                    }
                }
                Capture::Skip => {}
            }
            return;
        }
        self.collect_field_text(text);
        if self.skipping > 0 {
            return;
        }
        if self.pending_breaks > 0 && !text.trim().is_empty() {
            self.pending_breaks = 0;
        }
        if self.pre_open == 0 && self.text.is_empty() && text.trim().is_empty() {
            return;
        }
        self.text.push_str(text);
        if self.links_open > 0 {
            self.link_chars += text.chars().filter(|c| !c.is_whitespace()).count();
        }
    }

    fn tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        match tag.kind {
            TagKind::StartTag => self.start(tag),
            TagKind::EndTag => {
                self.end(&tag.name);
                TokenSinkResult::Continue
            }
        }
    }

    fn start(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name = tag.name.clone();
        let attr = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| a.value.to_string())
        };
        match &*name {
            "meta" => {
                let key = attr("property")
                    .or_else(|| attr("name"))
                    .or_else(|| attr("http-equiv"))
                    .or_else(|| attr("itemprop"));
                if let (Some(key), Some(content)) = (key, attr("content")) {
                    self.found.meta.push((key.to_lowercase(), content));
                }
                return TokenSinkResult::Continue;
            }
            "link" => {
                let rel = attr("rel").unwrap_or_default().to_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    self.found.canonical = self.found.canonical.take().or_else(|| attr("href"));
                }
                return TokenSinkResult::Continue;
            }
            "title" if self.found.title_tag.is_empty() => {
                self.raw = Some((name, Capture::Title));
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            "script" => {
                let json_ld = attr("type").is_some_and(|t| t.contains("ld+json"));
                if json_ld {
                    self.found.json_ld.push(String::new());
                }
                let capture = if json_ld {
                    Capture::JsonLd
                } else {
                    Capture::Skip
                };
                self.raw = Some((name, capture));
                return TokenSinkResult::RawData(RawKind::ScriptData);
            }
            "style" | "noscript" | "iframe" | "noembed" | "noframes" | "xmp" => {
                self.raw = Some((name, Capture::Skip));
                return TokenSinkResult::RawData(RawKind::Rawtext);
            }
            "textarea" | "title" => {
                self.raw = Some((name, Capture::Skip));
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            "plaintext" => return TokenSinkResult::Plaintext,
            "html" if self.found.html_lang.is_none() => {
                self.found.html_lang = attr("lang").filter(|l| !l.trim().is_empty());
            }
            "time" if self.found.time_datetime.is_none() => {
                self.found.time_datetime = attr("datetime");
            }
            "br" => {
                self.line_break();
                return TokenSinkResult::Continue;
            }
            "hr" => {
                self.flush();
                return TokenSinkResult::Continue;
            }
            _ => {}
        }
        if is_void(&name) || tag.self_closing && !is_block(&name) {
            return TokenSinkResult::Continue;
        }
        self.close_implied(&name);
        if is_block(&name) {
            self.flush();
        }
        let class = format!(
            "{} {}",
            attr("class").unwrap_or_default(),
            attr("id").unwrap_or_default()
        )
        .to_lowercase();
        let marked_body = attr("itemprop")
            .or_else(|| attr("name"))
            .is_some_and(|p| p.eq_ignore_ascii_case("articleBody"));
        let rules = self.rules;
        // The page and its declared article are never furniture, whatever their classes say
        // (CMSs put layout state such as "no-sidebars" or "ads-enabled" on `<body>`).
        let may_be_furniture =
            !marked_body && !matches!(&*name, "html" | "body" | "article" | "main");
        let hidden = attr("hidden").is_some()
            || attr("aria-hidden").is_some_and(|v| v == "true")
            || attr("style").is_some_and(|s| is_hidden_style(&s));
        let furniture_tag = is_skipped_tag(&name)
            || may_be_furniture && attr("role").is_some_and(|r| is_furniture_role(&r));
        let unlikely = may_be_furniture && is_unlikely_class(&class);
        let skip = is_never_text(&name)
            || rules.furniture_tags && furniture_tag
            || rules.hidden && hidden
            || rules.classes && unlikely;
        let flagged = !skip && (furniture_tag || hidden || unlikely);
        let in_furniture = skip || self.skipping > 0;
        self.start_fields(&name, &class, &attr, in_furniture);
        let class_weight = class_weight(&class);
        let index = self.elements.len();
        self.push(name, skip, class_weight, marked_body);
        if flagged && let Some(element) = self.elements.get_mut(index) {
            element.flagged = true;
        }
        TokenSinkResult::Continue
    }

    fn push(&mut self, name: LocalName, skip: bool, class_weight: i32, marked_body: bool) {
        if self.stack.len() >= MAX_DEPTH {
            self.untracked += 1;
            return;
        }
        match &*name {
            "a" => self.links_open += 1,
            "pre" => self.pre_open += 1,
            "blockquote" => self.quote_open += 1,
            "li" | "dd" | "dt" => self.item_open += 1,
            "td" | "th" => self.cells_open += 1,
            "tr" => self.rows.push(self.elements.len()),
            h => {
                if let Some(level) = heading_level(h) {
                    self.heading = Some(level);
                }
            }
        }
        if skip {
            self.skipping += 1;
        }
        *self.open_counts.entry(name.clone()).or_default() += 1;
        let index = self.elements.len();
        self.elements.push(Element {
            tag: name,
            parent: self.stack.last().copied(),
            first_block: self.blocks.len(),
            end_block: self.blocks.len(),
            class_weight,
            marked_body,
            skipped: skip,
            flagged: false,
        });
        self.stack.push(index);
    }

    fn end(&mut self, name: &LocalName) {
        if let Some((raw, _)) = &self.raw {
            if raw == name {
                self.raw = None;
            }
            return;
        }
        if matches!(&**name, "br") {
            self.line_break();
            return;
        }
        if self.untracked > 0 {
            self.untracked -= 1;
            return;
        }
        if self.open_counts.get(name).copied().unwrap_or(0) == 0 {
            return;
        }
        if is_block(name) {
            self.flush();
        }
        while self.stack.len() > 1 {
            let popped = self.pop();
            if popped == *name {
                break;
            }
        }
    }

    /// Closes the top element, returning its tag.
    fn pop(&mut self) -> LocalName {
        let Some(index) = self.stack.pop() else {
            return LocalName::from("");
        };
        let tag = self.elements[index].tag.clone();
        if is_block(&tag) {
            self.flush();
        }
        match &*tag {
            "a" => self.links_open = self.links_open.saturating_sub(1),
            "pre" => self.pre_open = self.pre_open.saturating_sub(1),
            "blockquote" => self.quote_open = self.quote_open.saturating_sub(1),
            "li" | "dd" | "dt" => self.item_open = self.item_open.saturating_sub(1),
            "td" | "th" => self.cells_open = self.cells_open.saturating_sub(1),
            "tr" => {
                self.rows.pop();
            }
            h if heading_level(h).is_some() => self.heading = None,
            _ => {}
        }
        if self.elements[index].skipped {
            self.skipping = self.skipping.saturating_sub(1);
        }
        if let Some(count) = self.open_counts.get_mut(&tag) {
            *count = count.saturating_sub(1);
        }
        self.finish_fields();
        self.elements[index].end_block = self.blocks.len();
        tag
    }

    /// HTML's implied end tags for the cases that matter to text: a new paragraph, list
    /// item, cell or heading closes the open one; block elements close an open `<p>`.
    fn close_implied(&mut self, name: &LocalName) {
        // Content closes a `<head>` left open, or the whole page would be dropped with it.
        if &**name != "template"
            && self
                .open_counts
                .get(&LocalName::from("head"))
                .is_some_and(|&n| n > 0)
        {
            while self.stack.len() > 1 && self.pop() != *"head" {}
        }
        let closes: &[&str] = match &**name {
            "li" => &["li", "p"],
            "dt" | "dd" => &["dt", "dd", "p"],
            "td" | "th" => &["td", "th", "p"],
            "tr" => &["tr", "td", "th", "p"],
            "option" => &["option"],
            n if heading_level(n).is_some() => &["h1", "h2", "h3", "h4", "h5", "h6", "p"],
            n if is_block(n) => &["p"],
            _ => return,
        };
        while let Some(&top) = self.stack.last() {
            if self.stack.len() > 1 && closes.contains(&&*self.elements[top].tag) {
                self.pop();
            } else {
                break;
            }
        }
    }

    /// One `<br>` is a line break; two in a row end a paragraph, as old blog markup uses them.
    fn line_break(&mut self) {
        if self.pre_open > 0 {
            self.text.push('\n');
            return;
        }
        self.pending_breaks += 1;
        if self.pending_breaks >= 2 {
            self.flush();
        } else {
            self.text.push('\n');
        }
    }

    fn flush(&mut self) {
        self.pending_breaks = 0;
        if self.text.trim().is_empty() {
            self.text.clear();
            self.link_chars = 0;
            return;
        }
        let text = std::mem::take(&mut self.text);
        let element = self.stack.last().copied().unwrap_or(0);
        let container = self
            .stack
            .iter()
            .rev()
            .take(CONTAINER_SEARCH)
            .copied()
            .find(|&i| !is_paragraph_like(&self.elements[i].tag))
            .unwrap_or(element);
        let kind = if let Some(level) = self.heading {
            ParagraphKind::Heading(level)
        } else if self.pre_open > 0 {
            ParagraphKind::Code
        } else if self.item_open > 0 {
            ParagraphKind::ListItem
        } else if self.quote_open > 0 {
            ParagraphKind::Quote
        } else {
            ParagraphKind::Body
        };
        let text = if kind == ParagraphKind::Code {
            text.trim_start_matches('\n').to_string()
        } else {
            text
        };
        self.blocks.push(Block {
            kind,
            text,
            link_chars: std::mem::take(&mut self.link_chars),
            container,
            row: (self.cells_open > 0)
                .then(|| self.rows.last().copied())
                .flatten(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<(ParagraphKind, String)> {
        build(html, Rules::STRICT)
            .blocks
            .into_iter()
            .map(|b| {
                (
                    b.kind,
                    b.text.split_whitespace().collect::<Vec<_>>().join(" "),
                )
            })
            .collect()
    }

    #[test]
    fn splits_blocks_and_keeps_inline_text_together() {
        let html = "<p>One <b>bold</b> <a href=x>link</a>.<p>Two<h2>Head</h2><ul><li>a<li>b</ul>";
        assert_eq!(
            texts(html),
            vec![
                (ParagraphKind::Body, "One bold link.".into()),
                (ParagraphKind::Body, "Two".into()),
                (ParagraphKind::Heading(2), "Head".into()),
                (ParagraphKind::ListItem, "a".into()),
                (ParagraphKind::ListItem, "b".into()),
            ]
        );
    }

    #[test]
    fn drops_scripts_styles_and_furniture() {
        let html = "<script>var x = '<p>no</p>';</script><style>p{}</style><nav>Home</nav>\
                    <div class=\"share-buttons\">Tweet</div><p hidden>secret</p><p>kept</p>";
        assert_eq!(texts(html), vec![(ParagraphKind::Body, "kept".into())]);
    }

    #[test]
    fn double_br_ends_a_paragraph() {
        let html = "<div>first line<br>same para<br><br>second</div>";
        let t = texts(html);
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].1, "second");
    }

    #[test]
    fn decodes_entities() {
        assert_eq!(
            texts("<p>Tom &amp; Jerry &mdash; &#8220;hi&#x201D;</p>")[0].1,
            "Tom & Jerry — “hi”"
        );
    }
}
