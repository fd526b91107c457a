//! Exports a template or a generated document to a PDF file (for looking at the output).
//! `cargo run -p jobdoc-pdf --example pdf_file -- ru-key-account-manager /tmp/out.pdf`
//! `cargo run -p jobdoc-pdf --example pdf_file -- generate:1000 /tmp/out.pdf`
//! `cargo run -p jobdoc-pdf --example pdf_file -- instruction:1000 /tmp/out.pdf` (≈60 pages)

use jobdoc_model::{generate, templates, Language};
use jobdoc_pdf::{export_pdf, PdfOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [what, out] = args.as_slice() else {
        return Err("usage: pdf_file TEMPLATE-ID|generate:N|instruction:N OUT.pdf".into());
    };
    let doc = if let Some(n) = what.strip_prefix("generate:") {
        generate::document(n.parse()?, 1, Language::Ru)
    } else if let Some(n) = what.strip_prefix("instruction:") {
        generate::instruction(n.parse()?, 1)
    } else {
        templates::load(what).ok_or("no such template")??
    };
    let options = PdfOptions {
        created: "2026-01-15T09:30:00Z",
        fonts: jobdoc_layout::FontSet::bundled(),
    };
    let output = export_pdf(&doc, &options)?;
    for w in &output.warnings {
        eprintln!("warning [{}]: {}", w.location, w.message);
    }
    std::fs::write(out, &output.bytes)?;
    eprintln!("{} pages, {} bytes", output.page_count, output.bytes.len());
    Ok(())
}
