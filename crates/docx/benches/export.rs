//! DOCX export timings, in process: the 4-page template (ru-key-account-manager, five pages
//! with the acknowledgement sheet) and a generated 1,000-clause document. Target ≤ 3 ms for the
//! template. The stages are measured too: docx-rs building the parts, the corrections, the zip.
//! `cargo bench -p jobdoc-docx --bench export`

use criterion::{criterion_group, criterion_main, Criterion};
use jobdoc_docx::{build, package, write_docx, DocxOptions};
use jobdoc_model::resolve::resolve;
use jobdoc_model::{generate, templates, Language};

fn created() -> jobdoc_model::Timestamp {
    "2026-01-15T09:00:00Z".parse().unwrap()
}

fn benches(c: &mut Criterion) {
    let template = templates::load("ru-key-account-manager")
        .expect("the template exists")
        .expect("the template parses");
    let big = generate::document(1000, 1, Language::Ru);
    let options = DocxOptions { created: created() };

    c.bench_function("export_docx ru-key-account-manager", |b| {
        b.iter(|| write_docx(&resolve(&template), &options).expect("export"))
    });
    let resolved = resolve(&template);
    c.bench_function("stage: docx-rs build + corrections (no zip)", |b| {
        b.iter(|| {
            let mut warnings = Vec::new();
            package::parts(build::build(&resolved, &mut warnings), &resolved, created())
                .expect("parts")
        })
    });
    let parts = {
        let mut warnings = Vec::new();
        package::parts(build::build(&resolved, &mut warnings), &resolved, created()).expect("parts")
    };
    c.bench_function("stage: zip with deflate", |b| {
        b.iter(|| package::zip_parts(&parts).expect("zip"))
    });
    c.bench_function("export_docx generated 1000 clauses", |b| {
        b.iter(|| write_docx(&resolve(&big), &options).expect("export"))
    });
}

criterion_group!(benches_group, benches);
criterion_main!(benches_group);
