//! Prints the layout snapshot of a template (by id) or of a generated document
//! (`gen:CLAUSES:SEED[:en]`): `cargo run -p jobdoc-layout --example snapshot -- gen:30:1`.

use jobdoc_layout::{layout, snapshot, FontSet};
use jobdoc_model::{generate, resolve::resolve, templates, Language};

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_else(|| "gen:30:1".into());
    let doc = if let Some(spec) = arg.strip_prefix("gen:") {
        let parts: Vec<&str> = spec.split(':').collect();
        let clauses = parts.first().and_then(|s| s.parse().ok()).unwrap_or(30);
        let seed = parts.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
        let lang = if parts.get(2) == Some(&"en") {
            Language::En
        } else {
            Language::Ru
        };
        generate::document(clauses, seed, lang)
    } else {
        match templates::load(&arg) {
            Some(Ok(doc)) => doc,
            Some(Err(e)) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
            None => {
                eprintln!(
                    "no template {arg}; templates: {:?}",
                    templates::ids().collect::<Vec<_>>()
                );
                std::process::exit(1)
            }
        }
    };
    print!("{}", snapshot(&layout(&resolve(&doc), FontSet::bundled())));
}
