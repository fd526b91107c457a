//! Deflates `data/forms.tsv` (the reviewed table of title words and their case forms) into
//! OUT_DIR; table.rs inflates it on first use. Keeps the app binary within its size budget.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let forms = manifest.join("data/forms.tsv");
    println!("cargo:rerun-if-changed={}", forms.display());
    let packed = miniz_oxide::deflate::compress_to_vec(&fs::read(&forms).unwrap(), 10);
    fs::write(
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("forms.tsv.deflate"),
        packed,
    )
    .unwrap();
}
