//! Deflates the bundled Liberation Serif fonts and the two hyphenation dictionaries into
//! OUT_DIR: embedded that way they take about half the room (fonts.rs and text.rs inflate them
//! once, on first use), which keeps the app binary within its size budget.

use std::env;
use std::fs;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    for face in ["Regular", "Bold", "Italic"] {
        let font = manifest.join(format!("../../fonts/LiberationSerif-{face}.ttf"));
        println!("cargo:rerun-if-changed={}", font.display());
        let bytes = fs::read(&font).unwrap();
        let packed = miniz_oxide::deflate::compress_to_vec(&bytes, 10);
        fs::write(
            out.join(format!("LiberationSerif-{face}.ttf.deflate")),
            packed,
        )
        .unwrap();
    }
    for lang in ["ru", "en-us"] {
        let dictionary = manifest.join(format!("dictionaries/{lang}.standard.bincode"));
        println!("cargo:rerun-if-changed={}", dictionary.display());
        let packed = miniz_oxide::deflate::compress_to_vec(&fs::read(&dictionary).unwrap(), 10);
        fs::write(out.join(format!("{lang}.standard.bincode.deflate")), packed).unwrap();
    }
}
