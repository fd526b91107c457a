//! Any bytes → the DOCX reader and recognition: the input is a whole package when it starts
//! with `PK`, else `document.xml`, `styles.xml` and `numbering.xml` separated by `\0\0`. A typed
//! error or a document, never a panic; the document saves and loads back.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("import_common.rs");

fuzz_target!(|data: &[u8]| {
    let result = if data.starts_with(b"PK") {
        jobdoc_import::import(data, "fuzz.docx", &options())
    } else {
        let p = parts(data);
        jobdoc_import::import_xml_parts(
            false,
            p[0],
            p.get(1).copied(),
            p.get(2).copied(),
            &options(),
        )
    };
    if let Ok(imported) = result {
        check(imported);
    }
});
