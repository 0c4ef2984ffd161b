//! Jekyll (Liquid) and Hugo template tags in Markdown sources: `{{< shortcode >}}`,
//! `{{% shortcode %}}`, `{% tag %}`, `{{ variable }}`. A reader has no site to render them
//! with, so tags go and the text between paired tags stays; highlight tags become code
//! fences and Liquid comments disappear with their content. Fenced code is left untouched.

use std::borrow::Cow;

/// Removes template tags outside fenced code blocks.
pub fn strip(markdown: &str) -> Cow<'_, str> {
    // Every tag opens with a brace: most articles have none and are handed back as they are.
    if !markdown.contains('{') {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    let mut prose = String::new();
    let mut fence: Option<String> = None;
    for line in markdown.split_inclusive('\n') {
        let marker = fence_marker(line);
        match (&fence, marker) {
            (None, Some(marker)) => {
                out.push_str(&strip_tags(&std::mem::take(&mut prose)));
                out.push_str(line);
                fence = Some(marker);
            }
            (None, None) => prose.push_str(line),
            (Some(open), Some(marker)) if marker.starts_with(open.as_str()) => {
                out.push_str(line);
                fence = None;
            }
            (Some(_), _) => out.push_str(line),
        }
    }
    out.push_str(&strip_tags(&prose));
    Cow::Owned(out)
}

/// "```rust" -> "```": the fence characters of a code fence line.
fn fence_marker(line: &str) -> Option<String> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    ['`', '~'].into_iter().find_map(|c| {
        let run = trimmed.chars().take_while(|&x| x == c).count();
        (run >= 3).then(|| c.to_string().repeat(run))
    })
}

/// Each kind of tag: its opening, its closing.
const TAGS: &[(&str, &str)] = &[("{{<", ">}}"), ("{{%", "%}}"), ("{%", "%}"), ("{{", "}}")];

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let here = &rest[at..];
        let Some((open, close)) = TAGS.iter().find(|(open, _)| here.starts_with(open)) else {
            out.push('{');
            rest = &here[1..];
            continue;
        };
        let Some(end) = here[open.len()..].find(close) else {
            // An unclosed tag is text that happens to contain braces.
            out.push_str(here);
            return out;
        };
        let inner = &here[open.len()..open.len() + end];
        rest = &here[open.len() + end + close.len()..];
        let name = tag_name(inner);
        match name.as_str() {
            "highlight" | "/highlight" | "endhighlight" | "code" | "/code" => {
                out.push_str("\n```\n");
            }
            "comment" => {
                rest = skip_comment(rest);
            }
            _ => {}
        }
    }
    out.push_str(rest);
    out
}

/// The tag's name: `{{< /note >}}` -> "/note", `{%- include x.html -%}` -> "include".
fn tag_name(inner: &str) -> String {
    inner
        .trim()
        .trim_matches(['-', '*', ' '])
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Skips to just after `{% endcomment %}` (all of the rest if it never comes).
fn skip_comment(text: &str) -> &str {
    let mut rest = text;
    while let Some(at) = rest.find("{%") {
        let after = &rest[at + 2..];
        let Some(end) = after.find("%}") else {
            return "";
        };
        if tag_name(&after[..end]) == "endcomment" {
            return &after[end + 2..];
        }
        rest = &after[end + 2..];
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_shortcodes_go_and_their_content_stays() {
        assert_eq!(
            strip("A {{< youtube abc >}} B {{% note %}}kept{{% /note %}} C\n"),
            "A  B kept C\n"
        );
        assert_eq!(
            strip("{{< figure src=\"x.png\"\n   caption=\"multi line\" >}}\nText\n"),
            "\nText\n"
        );
    }

    #[test]
    fn liquid_tags_and_comments_go() {
        assert_eq!(
            strip(
                "Hi {{ page.title }} {% include ad.html %}there{% comment %}secret{% endcomment %}!\n"
            ),
            "Hi  there!\n"
        );
    }

    #[test]
    fn highlight_becomes_a_code_fence() {
        assert_eq!(
            strip("{% highlight ruby %}\nputs 1\n{% endhighlight %}\n"),
            "\n```\n\nputs 1\n\n```\n\n"
        );
    }

    #[test]
    fn fenced_code_and_lone_braces_are_left_alone() {
        let md = "```\n{{< shortcode >}}\n```\nA {b} and {{ unclosed\n";
        assert_eq!(strip(md), md);
    }
}
