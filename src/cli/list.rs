use std::path::PathBuf;

use dossier::Library;

pub fn run(paths: &[PathBuf]) -> anyhow::Result<()> {
    let library = Library::open(paths);
    for article in &library.articles {
        println!("{}\t{}", article.title, article.path.display());
    }
    Ok(())
}
