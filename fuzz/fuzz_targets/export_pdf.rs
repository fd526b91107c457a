//! Any document the reader accepts → the one export path making a PDF (resolve, layout,
//! render): a PDF or a typed error, never a panic. Very large documents are skipped to keep
//! executions fast; the bad-input catalogue covers sizes.
#![no_main]

use std::path::Path;

use jobdoc_export::{export, Conformance, ExportOptions, Format};
use jobdoc_layout::FontSet;
use jobdoc_model::file::from_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    if let Ok(doc) = from_bytes(data, Path::new("fuzz.jobdoc")) {
        let options = ExportOptions {
            formats: &[Format::Pdf],
            created: doc.meta.modified,
            fonts: FontSet::bundled(),
            // Both writers: the plain PDF and the tagged PDF/A-1a.
            conformance: if data.len() % 2 == 0 {
                Conformance::Plain
            } else {
                Conformance::PdfA1a
            },
        };
        if let Ok(out) = export(&doc, &options) {
            let pdf = out.pdf.expect("a PDF was asked for");
            assert!(pdf.bytes.starts_with(b"%PDF-"), "not a PDF");
            assert!(pdf.page_count() > 0);
        }
    }
});
