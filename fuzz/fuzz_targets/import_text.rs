//! Any bytes → the plain-text, Markdown and HTML readers and recognition (the first byte
//! chooses which).
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("import_common.rs");

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = match first % 3 {
        0 => "fuzz.txt",
        1 => "fuzz.md",
        _ => "fuzz.html",
    };
    if let Ok(imported) = jobdoc_import::import(rest, name, &options()) {
        check(imported);
    }
});
