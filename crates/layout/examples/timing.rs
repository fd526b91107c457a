//! Times the layout of a generated document in a loop (for profiling with perf):
//! `cargo run --release -p jobdoc-layout --example timing -- 1000 50`.

use std::time::Instant;

use jobdoc_layout::{layout, FontSet};
use jobdoc_model::{generate, resolve::resolve, templates, Language};

fn main() {
    let mut args = std::env::args().skip(1);
    let what = args.next().unwrap_or_else(|| "1000".into());
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(50);
    let doc = match what.parse::<usize>() {
        Ok(n) => generate::document(n, 1, Language::Ru),
        Err(_) => templates::load(&what)
            .and_then(Result::ok)
            .expect("template"),
    };
    let resolved = resolve(&doc);
    let fonts = FontSet::bundled();
    let pages = layout(&resolved, fonts);
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(layout(&resolved, fonts));
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("{} pages, {per:.3} ms per layout", pages.pages.len());
}
