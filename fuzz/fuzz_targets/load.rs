//! Any bytes → the .jobdoc reader: a typed error or a document, never a panic. A document that
//! loads must save and load back identically (no silent change of the user's text).
#![no_main]

use std::path::Path;

use jobdoc_model::file::{from_bytes, to_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.jobdoc");
    if let Ok(doc) = from_bytes(data, path) {
        let saved = to_bytes(&doc);
        let again = from_bytes(&saved, path).expect("a saved document loads again");
        assert_eq!(doc, again, "save → load changed the document");
        assert_eq!(saved, to_bytes(&again), "saving is not deterministic");
    }
});
