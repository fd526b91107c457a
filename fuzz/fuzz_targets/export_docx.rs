//! Any document the reader accepts → the DOCX export: a DOCX (a ZIP archive) or a typed error,
//! never a panic. Very large documents are skipped to keep executions fast.
#![no_main]

use std::path::Path;

use jobdoc_docx::{export_docx, DocxOptions};
use jobdoc_model::file::from_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    if let Ok(doc) = from_bytes(data, Path::new("fuzz.jobdoc")) {
        let options = DocxOptions {
            created: "2026-01-15T09:30:00Z",
        };
        if let Ok(out) = export_docx(&doc, &options) {
            assert!(out.bytes.starts_with(b"PK\x03\x04"), "not a ZIP archive");
        }
    }
});
