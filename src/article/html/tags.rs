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

/// Content that is never prose: controls, media, embedded graphics, the page head. MathML
/// is not here: formulas are part of the text (its TeX `annotation` copy is).
pub fn is_never_text(tag: &str) -> bool {
    matches!(
        tag,
        "button"
            | "select"
            | "option"
            | "template"
            | "svg"
            | "canvas"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "head"
            | "input"
            | "label"
            | "annotation"
            | "annotation-xml"
    )
}

/// Page furniture, dropped with everything inside unless the strict reading finds no body.
pub fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "header" | "footer" | "aside" | "dialog" | "menu" | "figure"
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
/// Words match whole (or with a plural "s" or a furniture suffix such as "bar" or "list"), so
/// "shared", "commented" and "promotion" are not furniture; class names that state a page
/// or post's properties ("has-header", "no-sidebars", "tag-share", "category-ads") are
/// ignored.
pub fn is_unlikely_class(class: &str) -> bool {
    const UNLIKELY: &[&str] = &[
        "comment",
        "comments",
        "disqus",
        "footer",
        "sidebar",
        "share",
        "sharing",
        "social",
        "related",
        "newsletter",
        "subscribe",
        "subscription",
        "promo",
        "sponsor",
        "sponsored",
        "banner",
        "breadcrumb",
        "breadcrumbs",
        "cookie",
        "cookies",
        "gdpr",
        "popup",
        "modal",
        "pagination",
        "pager",
        "menu",
        "nav",
        "navigation",
        "masthead",
        "skyscraper",
        "outbrain",
        "taboola",
        "advert",
        "advertisement",
        "signup",
        "recirc",
        "recommended",
        "recommendations",
        "toolbar",
        "shoutbox",
        "replies",
        "rss",
        "paywall",
        "ad",
        "ads",
        "adsense",
        "header",
    ];
    const SUFFIXES: &[&str] = &[
        "s",
        "bar",
        "list",
        "box",
        "links",
        "wrap",
        "wrapper",
        "container",
        "area",
        "block",
        "section",
        "widget",
        "module",
        "items",
    ];
    const STATE_PREFIXES: &[&str] = &[
        "has-",
        "no-",
        "with-",
        "is-",
        "tag-",
        "category-",
        "categories-",
        "format-",
        "page-template",
        "layout-",
    ];
    const LIKELY: &[&str] = &["article", "body", "column", "content", "main", "shadow"];
    if class.trim().is_empty() || LIKELY.iter().any(|l| class.contains(l)) {
        return false;
    }
    let furniture_word = |t: &str| {
        UNLIKELY.iter().any(|u| {
            t.strip_prefix(u).is_some_and(|rest| {
                rest.is_empty()
                    || SUFFIXES.contains(&rest)
                    || rest.chars().all(|c| c.is_ascii_digit())
            })
        })
    };
    class
        .split_whitespace()
        .filter(|name| !STATE_PREFIXES.iter().any(|p| name.starts_with(p)))
        .any(|name| {
            name.split(|c: char| !c.is_alphanumeric())
                .any(|t| !t.is_empty() && furniture_word(t))
        })
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
        assert!(is_unlikely_class("commentlist"));
        assert!(is_unlikely_class("navbar"));
        assert!(is_unlikely_class("sidebar-2"));
        assert!(is_unlikely_class("ad"));
    }

    #[test]
    fn unlikely_classes_match_whole_words_not_prefixes() {
        assert!(!is_unlikely_class("shared-story"));
        assert!(!is_unlikely_class("commented"));
        assert!(!is_unlikely_class("promotion"));
        assert!(!is_unlikely_class("post tag-share category-ads"));
        assert!(!is_unlikely_class("has-header no-sidebars"));
        assert!(!is_unlikely_class("advertising-policy"));
    }
}
