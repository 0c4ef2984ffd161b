//! What HTML tags and class names say about their content: which elements break
//! paragraphs, which are page furniture, which class names mark an article or a sidebar.
//! The class rules follow Readability's, split into words so "nav" does not match "canvas".

pub fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

pub fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "col"
            | "embed"
            | "img"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "image"
    )
}

/// Elements whose start and end separate paragraphs.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "head"
            | "header"
            | "hgroup"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "caption"
            | "option"
            | "select"
            | "button"
            | "template"
            | "svg"
            | "math"
    )
}

/// Elements whose own text is one paragraph, credited to the element around them.
pub fn is_paragraph_like(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "li"
            | "dd"
            | "dt"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "a"
            | "span"
            | "b"
            | "i"
            | "em"
            | "strong"
            | "font"
            | "small"
            | "sup"
            | "sub"
            | "code"
            | "u"
            | "s"
            | "cite"
            | "q"
            | "abbr"
            | "mark"
            | "time"
            | "label"
    )
}

/// Page furniture and non-text content, dropped with everything inside.
pub fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav"
            | "header"
            | "footer"
            | "aside"
            | "button"
            | "select"
            | "option"
            | "template"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "dialog"
            | "menu"
            | "figure"
            | "head"
            | "input"
            | "label"
    )
}

pub fn is_hidden_style(style: &str) -> bool {
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    style.contains("display:none") || style.contains("visibility:hidden")
}

pub fn is_furniture_role(role: &str) -> bool {
    matches!(
        role.to_lowercase().as_str(),
        "navigation"
            | "banner"
            | "complementary"
            | "contentinfo"
            | "dialog"
            | "alert"
            | "menu"
            | "menubar"
            | "search"
            | "alertdialog"
    )
}

/// Class and id words that mark page furniture, unless the same names also say "content".
pub fn is_unlikely_class(class: &str) -> bool {
    const UNLIKELY: &[&str] = &[
        "comment",
        "disqus",
        "footer",
        "sidebar",
        "share",
        "sharing",
        "social",
        "related",
        "newsletter",
        "subscribe",
        "promo",
        "sponsor",
        "banner",
        "breadcrumb",
        "cookie",
        "gdpr",
        "popup",
        "modal",
        "pagination",
        "pager",
        "menu",
        "nav",
        "masthead",
        "skyscraper",
        "outbrain",
        "taboola",
        "advert",
        "widget",
        "signup",
        "recirc",
        "recommend",
        "toolbar",
        "shoutbox",
        "replies",
        "rss",
        "paywall",
    ];
    const EXACT: &[&str] = &["ad", "ads", "adsense", "header", "hidden", "print-only"];
    const LIKELY: &[&str] = &["article", "body", "column", "content", "main", "shadow"];
    if class.trim().is_empty() || LIKELY.iter().any(|l| class.contains(l)) {
        return false;
    }
    class
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .flat_map(|t| t.split('-'))
        .any(|t| EXACT.contains(&t) || UNLIKELY.iter().any(|u| t.starts_with(u)))
}

/// Readability's class weight: names that say "article" count for, names that say
/// "comment" or "sidebar" against.
pub fn class_weight(class: &str) -> i32 {
    const POSITIVE: &[&str] = &[
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text",
        "blog", "story",
    ];
    const NEGATIVE: &[&str] = &[
        "hidden",
        "banner",
        "combx",
        "comment",
        "com-",
        "contact",
        "foot",
        "footnote",
        "masthead",
        "media",
        "meta",
        "outbrain",
        "promo",
        "related",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "sponsor",
        "shopping",
        "tags",
        "tool",
        "widget",
        "byline",
    ];
    let mut weight = 0;
    if POSITIVE.iter().any(|p| class.contains(p)) {
        weight += 25;
    }
    if NEGATIVE.iter().any(|n| class.contains(n)) {
        weight -= 25;
    }
    weight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlikely_classes_respect_content_names() {
        assert!(is_unlikely_class("post-comments"));
        assert!(is_unlikely_class("site-nav"));
        assert!(!is_unlikely_class("article-header"));
        assert!(!is_unlikely_class("canvas-wrapper"));
        assert!(!is_unlikely_class("headline"));
    }
}
