//! HTML articles: metadata from the page head, the body from the main content block, found
//! the way Readability does (score blocks by text density and commas, credit their
//! containers, prefer an explicit `<article>`/`<main>`, drop link-heavy furniture).

mod blocks;
mod meta;
mod tags;

use blocks::{Block, Document, Element};

use super::cleanup::{collapse_whitespace, cut_furniture, is_button_line, take_header_lines};
use super::{Paragraph, ParagraphKind, Parsed};

/// Text shorter than this is not evidence of where the article is.
const MIN_SCORED_LEN: usize = 25;
/// An explicit `<article>`/`<main>` with less text than this is probably a teaser card.
const MIN_ARTICLE_LEN: usize = 250;
/// Table cells longer than this hold prose, not data.
const MAX_CELL_LEN: usize = 120;
/// Blocks that are mostly link text are navigation, not prose.
const MAX_LINK_DENSITY: f64 = 0.5;

/// Parses a whole page.
pub fn parse(html: &str) -> Parsed {
    let doc = blocks::build(html);
    let mut parsed = meta::read(&doc.found);
    let chosen = select_blocks(&doc);
    let kept: Vec<&Block> = chosen
        .into_iter()
        .map(|i| &doc.blocks[i])
        .filter(|b| b.kind == ParagraphKind::Code || link_density_of(b) <= MAX_LINK_DENSITY)
        .collect();
    let mut paragraphs: Vec<Paragraph> = join_table_rows(&kept)
        .into_iter()
        .filter(|p| !is_button_line(&p.text))
        .collect();
    take_header_lines(&mut paragraphs, &mut parsed);
    cut_furniture(&mut paragraphs, &mut parsed.tags);
    parsed.paragraphs = paragraphs;
    parsed
}

/// The readable text of an HTML fragment (raw HTML inside Markdown), every block kept.
pub fn fragment(html: &str) -> Vec<Paragraph> {
    let doc = blocks::build(html);
    join_table_rows(&doc.blocks.iter().collect::<Vec<_>>())
}

/// Cells of one table row become one paragraph, "Year | Tonnes", unless a cell holds prose
/// (a layout table), in which case each block stays a paragraph of its own.
fn join_table_rows(blocks: &[&Block]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let Some(row) = blocks[i].row else {
            out.extend(to_paragraph(blocks[i]));
            i += 1;
            continue;
        };
        let end = blocks[i..]
            .iter()
            .position(|b| b.row != Some(row))
            .map_or(blocks.len(), |n| i + n);
        let cells: Vec<Paragraph> = blocks[i..end]
            .iter()
            .filter_map(|b| to_paragraph(b))
            .collect();
        if cells.iter().all(|c| c.text.chars().count() <= MAX_CELL_LEN) && !cells.is_empty() {
            let text = cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" | ");
            out.push(Paragraph {
                kind: ParagraphKind::Body,
                text,
            });
        } else {
            out.extend(cells);
        }
        i = end;
    }
    out
}

fn to_paragraph(block: &Block) -> Option<Paragraph> {
    let text = if block.kind == ParagraphKind::Code {
        block.text.trim_end().to_string()
    } else {
        collapse_whitespace(&block.text)
    };
    (!text.is_empty()).then_some(Paragraph {
        kind: block.kind,
        text,
    })
}

fn link_density_of(block: &Block) -> f64 {
    let chars = block.text.chars().filter(|c| !c.is_whitespace()).count();
    if chars == 0 {
        return 0.0;
    }
    block.link_chars as f64 / chars as f64
}

/// Text and link-text totals per element, from prefix sums over the block list.
struct Totals {
    text: Vec<usize>,
    links: Vec<usize>,
}

impl Totals {
    fn new(blocks: &[Block]) -> Self {
        let mut text = vec![0];
        let mut links = vec![0];
        for b in blocks {
            let chars = b.text.chars().filter(|c| !c.is_whitespace()).count();
            text.push(text[text.len() - 1] + chars);
            links.push(links[links.len() - 1] + b.link_chars.min(chars));
        }
        Self { text, links }
    }

    fn text(&self, e: &Element) -> usize {
        self.text[e.end_block] - self.text[e.first_block]
    }

    fn plain_text(&self, e: &Element) -> usize {
        self.text(e) - (self.links[e.end_block] - self.links[e.first_block])
    }

    fn link_density(&self, e: &Element) -> f64 {
        let text = self.text(e);
        if text == 0 {
            return 0.0;
        }
        (text - self.plain_text(e)) as f64 / text as f64
    }
}

/// Picks the blocks of the article body, in document order.
fn select_blocks(doc: &Document) -> Vec<usize> {
    let totals = Totals::new(&doc.blocks);
    let scores = score_elements(doc, &totals);
    let best = scores
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let Some((top, top_score)) = best else {
        return (0..doc.blocks.len()).collect();
    };
    let mut chosen = vec![top];
    match preferred_article(doc, &totals, top) {
        Some(article) => chosen = vec![article],
        None => {
            if let Some(parent) = doc.elements[top].parent {
                let threshold = (top_score * 0.2).max(10.0);
                for (i, e) in doc.elements.iter().enumerate() {
                    if i == top || e.parent != Some(parent) || e.skipped {
                        continue;
                    }
                    let good_score = scores[i].is_some_and(|s| s >= threshold);
                    let text = totals.text(e);
                    let density = totals.link_density(e);
                    let good_paragraph = &*e.tag == "p"
                        && (text > 80 && density < 0.25 || text > 0 && density == 0.0);
                    if good_score || good_paragraph {
                        chosen.push(i);
                    }
                }
            }
        }
    }
    let mut out: Vec<usize> = chosen
        .iter()
        .flat_map(|&i| doc.elements[i].first_block..doc.elements[i].end_block)
        .collect();
    out.sort_unstable();
    out.dedup();
    let in_widget_form = widget_form_blocks(doc, &chosen);
    out.retain(|&b| !in_widget_form[b]);
    out
}

/// Blocks inside forms that do not wrap the chosen content (sign-up boxes, search, comment
/// forms). Forms are not dropped outright because some sites wrap the whole page, article
/// included, in one.
fn widget_form_blocks(doc: &Document, chosen: &[usize]) -> Vec<bool> {
    let mut marked = vec![false; doc.blocks.len()];
    for (i, e) in doc.elements.iter().enumerate() {
        if &*e.tag == "form" && !chosen.iter().any(|&c| is_inside(doc, c, i)) {
            for flag in &mut marked[e.first_block..e.end_block] {
                *flag = true;
            }
        }
    }
    marked
}

/// Readability's scoring: each paragraph of real text credits its container fully, the
/// container's parent by half and the grandparent by a third; scores are then weighted by
/// tag and class names and discounted by link density. `None` for elements never credited.
fn score_elements(doc: &Document, totals: &Totals) -> Vec<Option<f64>> {
    let mut content = vec![0.0f64; doc.elements.len()];
    let mut credited = vec![false; doc.elements.len()];
    for block in &doc.blocks {
        if matches!(block.kind, ParagraphKind::Heading(_)) {
            continue;
        }
        let text = collapse_whitespace(&block.text);
        let len = text.chars().count();
        if len < MIN_SCORED_LEN {
            continue;
        }
        let commas = text
            .chars()
            .filter(|c| matches!(c, ',' | '，' | '、'))
            .count();
        let score = 1.0 + commas as f64 + (len as f64 / 100.0).min(3.0);
        let mut node = Some(block.container);
        for level in 0..3 {
            let Some(i) = node else { break };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => 3.0 * f64::from(level),
            };
            content[i] += score / divider;
            credited[i] = true;
            node = doc.elements[i].parent;
        }
    }
    doc.elements
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (credited[i] && !e.skipped).then(|| {
                let base = tag_weight(&e.tag) + f64::from(e.class_weight) + content[i];
                let body_bonus = if e.marked_body { 30.0 } else { 0.0 };
                (base + body_bonus) * (1.0 - totals.link_density(e))
            })
        })
        .collect()
}

fn tag_weight(tag: &str) -> f64 {
    match tag {
        "article" => 10.0,
        "div" | "main" => 5.0,
        "section" | "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The page's own `<article>`, `<main>` or `itemprop="articleBody"` when it holds the text:
/// it replaces the scored candidate if the candidate sits inside it and misses much of it,
/// or contains it and is mostly it.
fn preferred_article(doc: &Document, totals: &Totals, top: usize) -> Option<usize> {
    let (article, text) = doc
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.skipped && (e.marked_body || matches!(&*e.tag, "article" | "main")))
        .map(|(i, e)| (i, totals.plain_text(e)))
        .max_by_key(|&(_, text)| text)?;
    if text < MIN_ARTICLE_LEN || article == top {
        return None;
    }
    let top_text = totals.plain_text(&doc.elements[top]);
    let keep = if is_inside(doc, top, article) {
        (top_text as f64) < 0.75 * text as f64
    } else if is_inside(doc, article, top) {
        text as f64 >= 0.5 * top_text as f64
    } else {
        text > top_text
    };
    keep.then_some(article)
}

/// Whether `inner` is `outer` or lies inside it, walking up the (depth-capped) parent chain.
fn is_inside(doc: &Document, inner: usize, outer: usize) -> bool {
    let mut node = Some(inner);
    while let Some(i) = node {
        if i == outer {
            return true;
        }
        node = doc.elements[i].parent;
    }
    false
}
