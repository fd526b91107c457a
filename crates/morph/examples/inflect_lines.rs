//! Reads titles (one per line) on stdin, prints `nominative<TAB>genitive<TAB>dative<TAB>source`:
//! `cargo run -p jobdoc-morph --example inflect_lines < names.txt`. Used to draft test data,
//! which is then checked by hand.

use std::io::{self, BufRead, Write};

fn main() {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    for line in io::stdin().lock().lines() {
        let name = line.expect("read stdin");
        let g = jobdoc_morph::genitive(&name);
        let d = jobdoc_morph::dative(&name);
        writeln!(out, "{name}\t{}\t{}\t{:?}", g.text, d.text, g.source).expect("write stdout");
    }
}
