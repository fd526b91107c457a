//! Any document the reader accepts → the whole PDF export (resolve, layout, render): a PDF or a
//! typed error, never a panic. Very large documents are skipped to keep executions fast; the
//! bad-input catalogue covers sizes.
#![no_main]

use std::path::Path;

use jobdoc_layout::FontSet;
use jobdoc_model::file::from_bytes;
use jobdoc_pdf::{export_pdf, PdfOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    if let Ok(doc) = from_bytes(data, Path::new("fuzz.jobdoc")) {
        let options = PdfOptions {
            created: "2026-01-15T09:30:00Z",
            fonts: FontSet::bundled(),
        };
        if let Ok(out) = export_pdf(&doc, &options) {
            assert!(out.bytes.starts_with(b"%PDF-"), "not a PDF");
            assert!(out.page_count > 0);
        }
    }
});
