//! Export timings: `cargo bench -p jobdoc-pdf --bench export`.
//!
//! - `export/ru-key-account-manager`: the whole export (resolve, layout, render) of the
//!   Russian key-account-manager template (≈5 pages). Target ≤ 5 ms.
//! - `export/instruction-1000`: `generate::instruction(1000, 1)`, 1,000 short duty-like clauses
//!   (≈60 pages): the 60-page document. Target ≤ 100 ms.
//! - `export/generated-1000`: `generate::document(1000, 1, Ru)`, 1,000 clauses of 5–60 random
//!   words (99 pages).
//! - `render/…`: the render stage alone on the same pages (layout done outside the loop).
//! - `export-pdfa/…`, `render-pdfa/…`: the same as PDF/A-1a (tagged, XMP, output intent).
//!   Medians at load ~6 on 2 cores: template 3.8 ms plain / 5.4 ms PDF/A (59 KB / 101 KB),
//!   instruction-1000 33.5 / 45.5 ms (235 KB / 614 KB), generated-1000 56.4 / 76.0 ms
//!   (348 KB / 741 KB). The structure elements are what the PDF/A adds most: one object each,
//!   and PDF 1.4 has no object streams to pack them.
//! - `subset/regular`: subsetting Liberation Serif Regular to the glyphs of the template.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use jobdoc_layout::{layout, FontSet, FontStyle};
use jobdoc_model::resolve::resolve;
use jobdoc_model::{generate, templates, Document, Language};
use jobdoc_pdf::{render_pdf, write_pdf, Conformance, PdfOptions};

const TEMPLATE: &str = "ru-key-account-manager";

fn documents() -> Vec<(&'static str, Document)> {
    let template = templates::load(TEMPLATE)
        .expect("template exists")
        .expect("template parses");
    vec![
        (TEMPLATE, template),
        ("instruction-1000", generate::instruction(1000, 1)),
        ("generated-1000", generate::document(1000, 1, Language::Ru)),
    ]
}

fn bench(c: &mut Criterion) {
    let fonts = FontSet::bundled();
    let options = PdfOptions {
        created: "2026-01-15T09:30:00Z".parse().unwrap(),
        fonts,
        conformance: jobdoc_pdf::Conformance::Plain,
    };
    for (name, doc) in documents() {
        let out = write_pdf(&resolve(&doc), &options).expect("export");
        eprintln!(
            "{name}: {} pages, {} bytes",
            out.page_count(),
            out.bytes.len()
        );
        c.bench_function(&format!("export/{name}"), |b| {
            b.iter(|| write_pdf(&resolve(black_box(&doc)), &options).expect("export"))
        });
        let resolved = resolve(&doc);
        let pages = layout(&resolved, fonts);
        c.bench_function(&format!("render/{name}"), |b| {
            b.iter(|| render_pdf(black_box(&pages), &resolved.info, &options).expect("render"))
        });
        let archival = PdfOptions {
            conformance: Conformance::PdfA1a,
            ..options
        };
        let out = write_pdf(&resolved, &archival).expect("export");
        eprintln!("{name} as PDF/A-1a: {} bytes", out.bytes.len());
        c.bench_function(&format!("export-pdfa/{name}"), |b| {
            b.iter(|| write_pdf(&resolve(black_box(&doc)), &archival).expect("export"))
        });
        c.bench_function(&format!("render-pdfa/{name}"), |b| {
            b.iter(|| render_pdf(black_box(&pages), &resolved.info, &archival).expect("render"))
        });
    }

    let doc = &documents()[0].1;
    let pages = layout(&resolve(doc), fonts);
    let mut remapper = subsetter::GlyphRemapper::new();
    let mut chars: Vec<char> = pages
        .pages
        .iter()
        .flat_map(|p| &p.lines)
        .flat_map(|l| &l.spans)
        .filter(|s| s.style == FontStyle::Regular)
        .flat_map(|s| s.text.chars())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    for c in &chars {
        if let Some(g) = fonts.glyph_id(FontStyle::Regular, *c) {
            remapper.remap(g);
        }
    }
    let data = fonts.data(FontStyle::Regular);
    let subset = subsetter::subset(data, 0, &remapper).expect("subset");
    eprintln!(
        "subset/regular: {} characters, {} → {} bytes",
        chars.len(),
        data.len(),
        subset.len()
    );
    c.bench_function("subset/regular", |b| {
        b.iter(|| subsetter::subset(black_box(data), 0, &remapper).expect("subset"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
