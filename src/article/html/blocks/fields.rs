//! Metadata text gathered while tokenizing: headings (for choosing the title), the byline
//! element and a visible date, each collected until its element closes.

use super::{Builder, MAX_DEPTH};
use crate::article::date::parse_day;
use crate::article::html::tags::heading_level;

/// Metadata text collected from an element until it closes.
#[derive(Debug)]
pub struct FieldCapture {
    kind: FieldKind,
    /// Stack length when the element opened; it has closed when the stack is this short.
    depth: usize,
    text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FieldKind {
    /// A heading of this level; `true` when inside page furniture.
    Heading(u8, bool),
    Byline,
    Date,
}

/// Headings remembered for choosing the title; the title is near the top.
const MAX_HEADINGS: usize = 32;
/// Metadata fields are short; a "byline" element holding a whole page is not one.
const MAX_FIELD_TEXT: usize = 1024;

impl Builder {
    pub(super) fn collect_field_text(&mut self, text: &str) {
        for field in &mut self.fields {
            if field.text.len() < MAX_FIELD_TEXT {
                field.text.push_str(text);
            }
        }
    }

    /// Starts collecting metadata text from headings, bylines and date elements. Furniture
    /// is included: page headers are where bylines and dates usually sit.
    pub(super) fn start_fields(
        &mut self,
        name: &str,
        class: &str,
        attr: &dyn Fn(&str) -> Option<String>,
        skip: bool,
    ) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        let depth = self.stack.len();
        let tokens = || class.split(|c: char| !c.is_alphanumeric());
        let kind = if let Some(level) = heading_level(name) {
            (self.found.headings.len() < MAX_HEADINGS).then_some(FieldKind::Heading(level, skip))
        } else if self.found.byline_text.is_none()
            && (tokens().any(|t| t == "byline" || t == "author")
                || attr("rel").is_some_and(|r| r == "author")
                || attr("itemprop").is_some_and(|p| p == "author"))
        {
            Some(FieldKind::Byline)
        } else if self.found.date_text.is_none()
            && tokens().any(|t| {
                matches!(
                    t,
                    "date" | "published" | "pubdate" | "timestamp" | "dateline" | "time"
                )
            })
        {
            if let Some(title) = attr("title").filter(|t| parse_day(t).is_some()) {
                self.found.date_text = Some(title);
                None
            } else {
                Some(FieldKind::Date)
            }
        } else {
            None
        };
        if let Some(kind) = kind
            && !self.fields.iter().any(|f| f.kind == kind)
        {
            self.fields.push(FieldCapture {
                kind,
                depth,
                text: String::new(),
            });
        }
    }

    /// Stores the fields whose element has just closed.
    pub(super) fn finish_fields(&mut self) {
        let depth = self.stack.len();
        let (done, open): (Vec<_>, Vec<_>) = std::mem::take(&mut self.fields)
            .into_iter()
            .partition(|f| f.depth >= depth);
        self.fields = open;
        for field in done {
            let text = field.text.split_whitespace().collect::<Vec<_>>().join(" ");
            if text.is_empty() {
                continue;
            }
            match field.kind {
                FieldKind::Heading(level, in_furniture) => {
                    self.found.headings.push((level, text, in_furniture));
                }
                FieldKind::Byline => self.found.byline_text = Some(text),
                FieldKind::Date => {
                    if parse_day(&text).is_some() {
                        self.found.date_text = Some(text);
                    }
                }
            }
        }
    }
}
