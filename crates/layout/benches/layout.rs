//! Layout timings: the 4-page template and a generated 1,000-clause (~60-page) document.
//! `cargo bench -p jobdoc-layout --bench layout`

use criterion::{criterion_group, criterion_main, Criterion};
use jobdoc_layout::{layout, FontSet};
use jobdoc_model::resolve::resolve;
use jobdoc_model::{generate, templates, Language};

fn benches(c: &mut Criterion) {
    let fonts = FontSet::bundled();
    let template = templates::load("ru-key-account-manager")
        .and_then(Result::ok)
        .unwrap_or_else(|| generate::document(60, 1, Language::Ru));
    let big = generate::document(1000, 1, Language::Ru);
    // Load the hyphenation dictionaries once, outside the measurement.
    let _ = layout(&resolve(&template), fonts);

    let resolved = resolve(&template);
    c.bench_function("layout ru-key-account-manager", |b| {
        b.iter(|| layout(&resolved, fonts))
    });
    let resolved = resolve(&big);
    c.bench_function("layout generated 1000 clauses", |b| {
        b.iter(|| layout(&resolved, fonts))
    });
    c.bench_function("resolve+layout generated 1000 clauses", |b| {
        b.iter(|| layout(&resolve(&big), fonts))
    });
}

criterion_group!(layout_benches, benches);
criterion_main!(layout_benches);
