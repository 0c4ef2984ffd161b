//! HTML article extraction, whole pipeline (decode, tokenize, score, clean, sanitize) on
//! one core: a generated news page with the usual furniture around a long article, a page
//! whose furniture rules empty the strict reading (so the fallback ladder runs every step),
//! and the HTML samples bundled in `articles/`.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use dossier::parse_article;

/// A news page of about `paragraphs` paragraphs inside navigation, share boxes, a sidebar
/// of teasers, comments and a footer.
fn news_page(paragraphs: usize, wrapper_class: &str) -> String {
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Ports Brace for a Long Strike | The Ledger</title>\
         <meta property=\"og:site_name\" content=\"The Ledger\">\
         <meta name=\"author\" content=\"Mara Quint\">\
         <meta property=\"article:published_time\" content=\"2024-04-18T08:00:00Z\">\
         <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Ports Brace\"}</script>\
         <style>body{font:1em serif}</style></head><body class=\"no-sidebars ads-enabled\">\
         <nav><ul><li><a href=/>Home</a></li><li><a href=/world>World</a></li><li><a href=/biz>Business</a></li></ul></nav>",
    );
    page.push_str(&format!(
        "<div class=\"{wrapper_class}\"><article><h1>Ports Brace for a Long Strike</h1>"
    ));
    page.push_str("<div class=\"share\"><a href=#>Share</a> <a href=#>Tweet</a></div>");
    for i in 0..paragraphs {
        if i % 7 == 3 {
            page.push_str(&format!("<h2>Section {i}</h2>"));
        }
        page.push_str(&format!(
            "<p>Dock workers at the <a href=\"/p{i}\">northern terminals</a> voted on day {i} to \
             extend the stoppage, the union said, after talks with the port authority broke down \
             over pay, shift patterns and the automation of the container cranes, which managers \
             say is needed to compete with larger ports along the coast.</p>"
        ));
        if i % 11 == 5 {
            page.push_str(
                "<figure><img src=x.jpg><figcaption>Cranes stand idle.</figcaption></figure>",
            );
        }
    }
    page.push_str("</article></div><aside class=\"sidebar\"><h3>Most read</h3><ul>");
    for i in 0..20 {
        page.push_str(&format!(
            "<li><a href=\"/s{i}\">Teaser headline number {i}</a></li>"
        ));
    }
    page.push_str("</ul></aside><div id=\"comments\">");
    for i in 0..30 {
        page.push_str(&format!(
            "<div class=\"comment\"><p>Comment {i}: I agree with this.</p></div>"
        ));
    }
    page.push_str("</div><footer><p>© The Ledger</p></footer></body></html>");
    page
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("html");
    let pages = [
        ("news page, 400 paragraphs", news_page(400, "main-wrap")),
        ("news page, 40 paragraphs", news_page(40, "main-wrap")),
        // "menu-open" on the wrapper drops the article in the strict reading.
        ("fallback ladder, 3 paragraphs", news_page(3, "menu-open")),
    ];
    for (name, page) in &pages {
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| parse_article(Path::new("page.html"), black_box(page.as_bytes())))
        });
    }
    let samples: Vec<Vec<u8>> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("articles"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .filter_map(|p| std::fs::read(p).ok())
            .collect();
    let bytes: usize = samples.iter().map(Vec::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("bundled samples, {} pages", samples.len()), |b| {
        b.iter(|| {
            for page in &samples {
                let _ = parse_article(Path::new("page.html"), black_box(page));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
