//! DOCX export timings, in process: the 4-page template (ru-key-account-manager, five pages
//! with the acknowledgement sheet) and a generated 1,000-clause document. Target ≤ 3 ms for the
//! template. The stages are measured too: docx-rs building the parts, the corrections, the zip.
//! `cargo bench -p jobdoc-docx --bench export`

use criterion::{criterion_group, criterion_main, Criterion};
use jobdoc_docx::{build, export_docx, package, DocxOptions};
use jobdoc_model::resolve::resolve;
use jobdoc_model::{generate, templates, Language};

const CREATED: &str = "2026-01-15T09:00:00Z";

fn benches(c: &mut Criterion) {
    let template = templates::load("ru-key-account-manager")
        .expect("the template exists")
        .expect("the template parses");
    let big = generate::document(1000, 1, Language::Ru);
    let options = DocxOptions { created: CREATED };

    c.bench_function("export_docx ru-key-account-manager", |b| {
        b.iter(|| export_docx(&template, &options).expect("export"))
    });
    let resolved = resolve(&template);
    c.bench_function("stage: docx-rs build + corrections (no zip)", |b| {
        b.iter(|| {
            let mut warnings = Vec::new();
            package::parts(build::build(&resolved, &mut warnings), &resolved, CREATED)
                .expect("parts")
        })
    });
    let parts = {
        let mut warnings = Vec::new();
        package::parts(build::build(&resolved, &mut warnings), &resolved, CREATED).expect("parts")
    };
    c.bench_function("stage: zip with deflate", |b| {
        b.iter(|| package::zip_parts(&parts).expect("zip"))
    });
    c.bench_function("export_docx generated 1000 clauses", |b| {
        b.iter(|| export_docx(&big, &options).expect("export"))
    });
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);
