//! Writes every built-in template as DOCX (this crate) and PDF (jobdoc-pdf) into a folder, to
//! compare LibreOffice's rendering of the DOCX with Jobdoc's PDF by hand:
//! `cargo run -p jobdoc-docx --example pair -- OUT_DIR`

use jobdoc_docx::{export_docx, DocxOptions};
use jobdoc_layout::FontSet;
use jobdoc_pdf::{export_pdf, PdfOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).ok_or("usage: pair OUT_DIR")?;
    let out = std::path::Path::new(&out);
    std::fs::create_dir_all(out)?;
    let created = "2026-01-15T09:00:00Z";
    for id in jobdoc_model::templates::ids() {
        let Some(Ok(doc)) = jobdoc_model::templates::load(id) else {
            continue;
        };
        let docx = export_docx(&doc, &DocxOptions { created })?;
        std::fs::write(out.join(format!("{id}.docx")), &docx.bytes)?;
        let pdf = export_pdf(
            &doc,
            &PdfOptions {
                created,
                fonts: FontSet::bundled(),
            },
        )?;
        std::fs::write(out.join(format!("{id}.pdf")), &pdf.bytes)?;
        println!("{id}: PDF {} pages", pdf.page_count);
    }
    Ok(())
}
