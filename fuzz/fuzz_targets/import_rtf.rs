//! Any bytes → the RTF reader and recognition (the `{\rtf` signature is added when missing).
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("import_common.rs");

fuzz_target!(|data: &[u8]| {
    let bytes: Vec<u8> = if data.starts_with(b"{\\rtf") {
        data.to_vec()
    } else {
        [b"{\\rtf1".as_slice(), data].concat()
    };
    if let Ok(imported) = jobdoc_import::import(&bytes, "fuzz.rtf", &options()) {
        check(imported);
    }
});
