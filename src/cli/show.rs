use std::path::Path;

use anyhow::Context;

pub fn run(path: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let article = dossier::parse_article(path, &bytes)?;
    println!("{}", article.title);
    for (i, p) in article.paragraphs.iter().enumerate() {
        println!("[{}] {}", i + 1, p.text);
    }
    Ok(())
}
