//! Any document the reader accepts → the one export path making a DOCX: a DOCX (a ZIP archive)
//! or a typed error, never a panic. Very large documents are skipped to keep executions fast.
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
            formats: &[Format::Docx],
            created: doc.meta.modified,
            fonts: FontSet::bundled(),
            conformance: Conformance::Plain,
        };
        if let Ok(out) = export(&doc, &options) {
            let docx = out.docx.expect("a DOCX was asked for");
            assert!(docx.starts_with(b"PK\x03\x04"), "not a ZIP archive");
        }
    }
});
