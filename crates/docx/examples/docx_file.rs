//! Writes a DOCX for a `.jobdoc` file, a built-in template id, or a generated document
//! (`gen:CLAUSES:SEED:ru|en`), for looking at by hand:
//! `cargo run -p jobdoc-docx --example docx_file -- SOURCE OUT.docx`

use jobdoc_docx::{export_docx, DocxOptions};
use jobdoc_model::{generate, templates, Language};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [source, out] = args.as_slice() else {
        return Err("usage: export SOURCE OUT.docx".into());
    };
    let doc = if let Some(spec) = source.strip_prefix("gen:") {
        let parts: Vec<&str> = spec.split(':').collect();
        let lang = if parts.get(2) == Some(&"en") {
            Language::En
        } else {
            Language::Ru
        };
        generate::document(
            parts[0].parse()?,
            parts.get(1).unwrap_or(&"1").parse()?,
            lang,
        )
    } else if let Some(t) = templates::load(source) {
        t?
    } else {
        jobdoc_model::load(std::path::Path::new(source))?
    };
    let output = export_docx(
        &doc,
        &DocxOptions {
            created: "2026-01-15T09:00:00Z",
        },
    )?;
    for w in &output.warnings {
        eprintln!("warning: {}: {}", w.location, w.message);
    }
    std::fs::write(out, &output.bytes)?;
    Ok(())
}
