//! Subscriptions in and out: OPML (what every feed reader exports) through the opml crate, and
//! newsboat's `urls` file (one feed a line, then its tags; a `"~Title"` tag names it).

use super::Feed;
use super::parse::declares_entities;

/// A feed named in an imported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
}

/// Why a subscriptions file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the OPML file could not be read: {0}")]
    Opml(String),
    #[error("refused: the file declares XML entities (a DOCTYPE with <!ENTITY>)")]
    Entities,
}

/// Reads OPML or a newsboat `urls` file, whichever `text` is.
pub fn import(text: &str) -> Result<Vec<Imported>, ImportError> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('<') {
        from_opml(text)
    } else {
        Ok(from_newsboat(text))
    }
}

/// Every outline with an `xmlUrl`; the titles of the folders it sits in, and its `category`
/// attribute, become its tags.
pub fn from_opml(text: &str) -> Result<Vec<Imported>, ImportError> {
    if declares_entities(text.as_bytes()) {
        return Err(ImportError::Entities);
    }
    let document = opml::OPML::from_str(text)
        .map_err(|e| ImportError::Opml(crate::sanitize::sanitize_line(&e.to_string())))?;
    let mut out = Vec::new();
    let mut stack: Vec<(&opml::Outline, Vec<String>)> = document
        .body
        .outlines
        .iter()
        .rev()
        .map(|o| (o, Vec::new()))
        .collect();
    while let Some((outline, folders)) = stack.pop() {
        let title = outline
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .or_else(|| Some(outline.text.clone()).filter(|t| !t.trim().is_empty()));
        if let Some(url) = outline
            .xml_url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
        {
            let mut tags = folders.clone();
            for category in outline.category.iter().flat_map(|c| c.split(',')) {
                // OPML categories are often paths: "/News/World".
                for part in category.split('/').map(str::trim).filter(|p| !p.is_empty()) {
                    tags.push(part.to_string());
                }
            }
            dedup(&mut tags);
            out.push(Imported {
                url: url.to_string(),
                title,
                tags,
            });
        } else {
            let mut inner = folders.clone();
            if let Some(folder) = title {
                inner.push(folder.trim().to_string());
            }
            for child in outline.outlines.iter().rev() {
                stack.push((child, inner.clone()));
            }
        }
    }
    Ok(out)
}

/// newsboat's `urls`: `URL tag "tag with spaces" "~Title"`; `#` comments, and `query:`,
/// `exec:` and `filter:` lines (which are not feeds) skipped; a `!` tag (hidden) is dropped.
pub fn from_newsboat(text: &str) -> Vec<Imported> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = split_words(line).into_iter();
        let Some(url) = words.next() else { continue };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let mut title = None;
        let mut tags = Vec::new();
        for word in words {
            if let Some(name) = word.strip_prefix('~') {
                title = Some(name.to_string()).filter(|n| !n.is_empty());
            } else if word != "!" && !word.is_empty() {
                tags.push(word);
            }
        }
        dedup(&mut tags);
        out.push(Imported { url, title, tags });
    }
    out
}

/// Splits at spaces outside double quotes; `\"` inside quotes is a quote.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                in_word = true;
            }
            '\\' if quoted => {
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            '#' if !quoted && !in_word => break,
            c if c.is_whitespace() && !quoted => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            c => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

fn dedup(tags: &mut Vec<String>) {
    let mut seen = Vec::new();
    tags.retain(|t| {
        if seen.contains(t) {
            false
        } else {
            seen.push(t.clone());
            true
        }
    });
}

/// The feeds as OPML 2.0: one outline per feed, its tags in `category`.
pub fn to_opml(feeds: &[Feed]) -> String {
    let mut document = opml::OPML {
        version: "2.0".to_string(),
        head: Some(opml::Head {
            title: Some("dossier subscriptions".to_string()),
            date_created: Some(chrono::Utc::now().to_rfc2822()),
            ..opml::Head::default()
        }),
        ..opml::OPML::default()
    };
    for feed in feeds {
        let name = feed.title.clone().unwrap_or_else(|| feed.url.clone());
        document.body.outlines.push(opml::Outline {
            text: name.clone(),
            title: Some(name),
            r#type: Some("rss".to_string()),
            xml_url: Some(feed.url.clone()),
            category: (!feed.tags.is_empty()).then(|| feed.tags.join(",")),
            ..opml::Outline::default()
        });
    }
    let mut xml = document.to_string().unwrap_or_default();
    if !xml.starts_with("<?xml") {
        xml.insert_str(0, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    xml.push('\n');
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_newsboat_urls_with_tags_and_titles() {
        let urls = "# my feeds\nhttps://a.example/feed news \"long read\" \"~A \\\"great\\\" feed\"\n\
                    \n\"query:Unread:unread = \\\"yes\\\"\"\nhttps://b.example/rss ! tech\nexec:~/x.sh\n";
        let feeds = from_newsboat(urls);
        assert_eq!(
            feeds,
            vec![
                Imported {
                    url: "https://a.example/feed".into(),
                    title: Some("A \"great\" feed".into()),
                    tags: vec!["news".into(), "long read".into()],
                },
                Imported {
                    url: "https://b.example/rss".into(),
                    title: None,
                    tags: vec!["tech".into()],
                },
            ]
        );
    }

    #[test]
    fn opml_with_entity_declarations_is_refused() {
        let text = r#"<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;">]>
            <opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/rss"/></body></opml>"#;
        assert_eq!(import(text), Err(ImportError::Entities));
    }

    #[test]
    fn opml_folders_become_tags_and_export_reads_back() {
        let text = r#"<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
            <outline text="News"><outline text="World" title="World" type="rss" xmlUrl="https://w.example/rss" category="/daily,long"/></outline>
            <outline text="Solo" type="rss" xmlUrl="https://s.example/atom"/></body></opml>"#;
        let feeds = import(text).expect("opml");
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].url, "https://w.example/rss");
        assert_eq!(feeds[0].tags, vec!["News", "daily", "long"]);
        assert_eq!(feeds[1].title.as_deref(), Some("Solo"));
        let mut feed = Feed::new("https://w.example/rss");
        feed.title = Some("World & more".into());
        feed.tags = vec!["News".into(), "daily".into()];
        let back = import(&to_opml(&[feed])).expect("own export");
        assert_eq!(
            back,
            vec![Imported {
                url: "https://w.example/rss".into(),
                title: Some("World & more".into()),
                tags: vec!["News".into(), "daily".into()],
            }]
        );
    }
}
