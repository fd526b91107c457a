//! Any bytes → the ODT reader and recognition: a whole package when it starts with `PK`, else
//! `content.xml` and `styles.xml` separated by `\0\0`.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("import_common.rs");

fuzz_target!(|data: &[u8]| {
    let result = if data.starts_with(b"PK") {
        jobdoc_import::import(data, "fuzz.odt", &options())
    } else {
        let p = parts(data);
        jobdoc_import::import_xml_parts(true, p[0], p.get(1).copied(), None, &options())
    };
    if let Ok(imported) = result {
        check(imported);
    }
});
