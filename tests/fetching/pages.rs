//! Synthetic pages and feeds the tests serve.

/// A page with enough prose to be an article, naming people, a group and a country.
pub fn article_page(n: usize, title: &str) -> String {
    format!(
        "<!doctype html><html><head><title>{title}</title>\
         <meta name=\"author\" content=\"Dana Whitfield\"></head><body><nav>Home | World</nav>\
         <article><h1>{title}</h1>\
         <p>Maria Okonkwo, the finance minister of Kenya, met officials of the World Bank in \
         Nairobi on Tuesday to discuss report number {n} on grain prices and the harvest.</p>\
         <p>The talks, which ran late into the evening, covered subsidies for farmers and the \
         cost of fertiliser imports, which rose sharply over the past two years.</p>\
         <p>Okonkwo said the government would publish its full plan next month, after a review \
         by the Treasury and consultations with the farmers' unions across the country.</p>\
         </article><footer>Copyright</footer></body></html>"
    )
}

/// An RSS 2.0 feed of `count` items linking to `/item/N`; the first `summaries` items carry
/// only a short summary, the rest their full text.
pub fn rss_feed(base: &str, count: usize, summaries: usize) -> String {
    let mut items = String::new();
    for n in 0..count {
        let text = if n < summaries {
            format!("<description>Summary of item {n}.</description>")
        } else {
            let body = format!(
                "<p>Full text of item {n}: Maria Okonkwo of Kenya spoke to the World Bank about \
                 grain, subsidies and the price of fertiliser imports in the coming season.</p>\
                 <p>Officials said the review would take several weeks and that farmers' unions \
                 would be heard before any decision on item {n} was taken.</p>"
            );
            format!(
                "<description>Short.</description><content:encoded><![CDATA[{body}]]></content:encoded>"
            )
        };
        items.push_str(&format!(
            "<item><title>Item {n}: grain &amp; \"prices\"</title><link>{base}/item/{n}</link>\
             <guid>urn:item:{n}</guid><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>{text}</item>"
        ));
    }
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>Grain Desk</title><link>{base}/</link><description>d</description>{items}</channel></rss>"
    )
}
