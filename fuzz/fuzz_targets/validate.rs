//! Any document the reader accepts → validation, numbering and the printable form: never a
//! panic, whatever the depth, sizes or characters.
#![no_main]

use std::path::Path;

use jobdoc_model::file::from_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = from_bytes(data, Path::new("fuzz.jobdoc")) {
        let diagnostics = jobdoc_model::validate(&doc);
        for d in &diagnostics {
            assert!(d.path.starts_with('/'), "diagnostic path is a JSON pointer: {}", d.path);
        }
        let _ = jobdoc_model::has_errors(&diagnostics);
        let _ = doc.clauses();
        let _ = jobdoc_model::resolve::resolve(&doc);
    }
});
