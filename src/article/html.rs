//! HTML articles: metadata from the page head, the body from the main content block, found
//! the way Readability does (score blocks by text density and commas, credit their
//! containers, prefer an explicit `<article>`/`<main>`, drop link-heavy furniture).

mod blocks;
mod meta;
mod tags;

use blocks::{Block, Document, Element, Rules};

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

/// A reading with less body text than this is tried again with relaxed furniture rules.
const ENOUGH_TEXT: usize = 500;

/// Text a reading that shows hidden or furniture markup must add to be preferred.
const MIN_HIDDEN_GAIN: usize = 200;

/// The fallback ladder: each step trusts the page's furniture markers less. Class names go
/// first (they are the least reliable), then hidden-node markers (pages hide the body until
/// a script runs), then furniture tags (some sites wrap the whole article in `<header>` or
/// `<aside>`), which leaves the densest text region of the whole page.
const RELAXED: [Rules; 3] = [
    Rules {
        classes: false,
        hidden: true,
        furniture_tags: true,
    },
    Rules {
        classes: false,
        hidden: false,
        furniture_tags: true,
    },
    Rules {
        classes: false,
        hidden: false,
        furniture_tags: false,
    },
];

/// Parses a whole page.
pub fn parse(html: &str) -> Parsed {
    let strict = blocks::build(html, Rules::STRICT);
    let mut parsed = meta::read(&strict.found);
    let mut paragraphs = extract(&strict);
    let mut length = text_length(&paragraphs);
    for rules in RELAXED {
        if length >= ENOUGH_TEXT {
            break;
        }
        let relaxed = extract(&blocks::build(html, rules));
        let relaxed_length = text_length(&relaxed);
        // Hidden and furniture markup is reliable enough that only a much longer reading
        // (the body itself, not a stray hidden line) outweighs it.
        let better = if rules.hidden {
            relaxed_length > length
        } else {
            relaxed_length >= 2 * length + MIN_HIDDEN_GAIN
        };
        if better {
            paragraphs = relaxed;
            length = relaxed_length;
        }
    }
    take_header_lines(&mut paragraphs, &mut parsed);
    cut_furniture(&mut paragraphs, &mut parsed.tags);
    parsed.paragraphs = paragraphs;
    parsed
}

/// The body paragraphs of one reading of the page.
fn extract(doc: &Document) -> Vec<Paragraph> {
    let chosen = select_blocks(doc);
    let kept: Vec<&Block> = chosen.into_iter().map(|i| &doc.blocks[i]).collect();
    join_table_rows(&kept)
        .into_iter()
        .filter(|p| !is_button_line(&p.text))
        .collect()
}

fn text_length(paragraphs: &[Paragraph]) -> usize {
    paragraphs.iter().map(|p| p.text.chars().count()).sum()
}

/// The readable text of an HTML fragment (raw HTML inside Markdown), every block kept.
pub fn fragment(html: &str) -> Vec<Paragraph> {
    let doc = blocks::build(html, Rules::STRICT);
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
    let Some(top) = top_candidate(doc, &scores) else {
        return (0..doc.blocks.len()).collect();
    };
    let top_score = scores[top].unwrap_or(0.0);
    let mut chosen = vec![top];
    match preferred_article(doc, &totals, top) {
        Some(article) => chosen = vec![article],
        None => {
            if let Some(parent) = doc.elements[top].parent {
                let threshold = (top_score * 0.2).max(10.0);
                for (i, e) in doc.elements.iter().enumerate() {
                    if i == top || e.parent != Some(parent) || e.skipped || e.flagged {
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
    let mut dropped = dropped_blocks(doc, &totals, &chosen);
    for &b in &out {
        dropped[b] |= is_teaser_link(&doc.blocks[b]);
    }
    out.retain(|&b| !dropped[b]);
    drop_orphan_headings(doc, &mut out, &dropped);
    out
}

/// Most non-link text a teaser line carries beside its link ("Read more:", "See also").
const MAX_TEASER_LABEL: usize = 15;

/// A line that is a link to another page with at most a short label: "Read more: <headline>".
fn is_teaser_link(block: &Block) -> bool {
    if block.kind == ParagraphKind::Code {
        return false;
    }
    let chars = block.text.chars().filter(|c| !c.is_whitespace()).count();
    let label = chars.saturating_sub(block.link_chars);
    block.link_chars > 0 && label <= MAX_TEASER_LABEL && block.link_chars >= 2 * label
}

/// Headings left with nothing under them once their section was dropped ("Related
/// stories" above a dropped link list), and headings that end the text.
fn drop_orphan_headings(doc: &Document, out: &mut Vec<usize>, dropped: &[bool]) {
    let level = |b: usize| match doc.blocks[b].kind {
        ParagraphKind::Heading(level) => Some(level),
        _ => None,
    };
    let mut keep = vec![true; out.len()];
    for i in (0..out.len()).rev() {
        let Some(this) = level(out[i]) else { continue };
        let next = (i + 1..out.len()).find(|&j| keep[j]);
        keep[i] = match next {
            None => false,
            Some(j) => {
                let emptied = dropped[out[i] + 1..out[j]].iter().any(|&d| d);
                !(emptied && level(out[j]).is_some_and(|l| l <= this))
            }
        };
    }
    let mut flags = keep.into_iter();
    out.retain(|_| flags.next().unwrap_or(true));
}

/// The best-scored element, promoted to the ancestor it shares with other strong candidates
/// (an article split into sibling sections), then to a parent that scores higher still, then
/// past wrappers that hold nothing but it.
fn top_candidate(doc: &Document, scores: &[Option<f64>]) -> Option<usize> {
    let mut ranked: Vec<(usize, f64)> = scores
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    let &(mut top, top_score) = ranked.first()?;
    let alternatives: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| *s >= 0.75 * top_score)
        .map(|&(i, _)| i)
        .collect();
    if alternatives.len() >= 3 {
        let mut node = doc.elements[top].parent;
        while let Some(p) = node.filter(|&p| p != 0) {
            let sharing = alternatives
                .iter()
                .filter(|&&a| is_inside(doc, a, p))
                .count();
            if sharing >= 3 {
                top = p;
                break;
            }
            node = doc.elements[p].parent;
        }
    }
    let mut last = scores[top].unwrap_or(top_score);
    let threshold = last / 3.0;
    let mut node = doc.elements[top].parent;
    while let Some(p) = node.filter(|&p| p != 0 && !is_page(doc, p)) {
        if let Some(score) = scores[p] {
            if score < threshold {
                break;
            }
            if score > last {
                top = p;
                break;
            }
            last = score;
        }
        node = doc.elements[p].parent;
    }
    while let Some(p) = doc.elements[top]
        .parent
        .filter(|&p| p != 0 && !is_page(doc, p))
    {
        let (e, parent) = (&doc.elements[top], &doc.elements[p]);
        if parent.first_block != e.first_block || parent.end_block != e.end_block {
            break;
        }
        top = p;
    }
    Some(top)
}

fn is_page(doc: &Document, i: usize) -> bool {
    matches!(&*doc.elements[i].tag, "html" | "body")
}

/// Blocks inside the chosen region that are not article text: lists and boxes that are
/// mostly links (navigation, "related" teasers), judged as containers so that a paragraph
/// made of links stays, and forms that do not wrap the chosen content (sign-up boxes,
/// search, comment forms; some sites wrap the whole page, article included, in one).
fn dropped_blocks(doc: &Document, totals: &Totals, chosen: &[usize]) -> Vec<bool> {
    let mut marked = vec![false; doc.blocks.len()];
    // The chosen elements' block ranges, nested ones merged into their outer range.
    let mut ranges: Vec<(usize, usize)> = chosen
        .iter()
        .map(|&c| (doc.elements[c].first_block, doc.elements[c].end_block))
        .filter(|(a, b)| a < b)
        .collect();
    ranges.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in ranges {
        match merged.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let range_of = |block: usize| {
        let at = merged.partition_point(|r| r.0 <= block);
        at.checked_sub(1).map(|i| merged[i]).filter(|r| block < r.1)
    };
    for e in &doc.elements {
        let (first, end) = (e.first_block, e.end_block);
        if first == end {
            continue;
        }
        // Strictly inside one chosen range: a part of the article, not the article.
        let Some(_) = range_of(first).filter(|r| end <= r.1 && (first, end) != *r) else {
            continue;
        };
        let drop = e.flagged
            || match &*e.tag {
                "form" => true,
                "ul" | "ol" | "dl" | "div" | "section" | "table" => {
                    totals.link_density(e) > MAX_LINK_DENSITY
                }
                _ => false,
            };
        if drop {
            for flag in &mut marked[first..end] {
                *flag = true;
            }
        }
    }
    marked
}

/// Readability's scoring: each paragraph of real text credits its container fully, the
/// container's parent by half and three more ancestors by a sixth, a ninth and a twelfth; scores are then weighted by
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
        for level in 0..5 {
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
