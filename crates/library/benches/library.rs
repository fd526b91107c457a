//! Criterion benches on a generated library (`JOBDOC_BENCH_DOCS`, default 1,000 documents):
//! the first listing in a process, a warm refresh, building the index from nothing, and
//! queries. `cargo bench -p jobdoc-library`.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use jobdoc_library::index::{index_path, Index, SearchOptions};
use jobdoc_library::{Library, OpenOptions};
use jobdoc_model::Timestamp;

const QUERIES: &[&str] = &[
    "обязанности",
    "бухгалтер обязан",
    "\"по работе с клиентами\"",
    "отчётн*",
    "customer",
    "руководителю",
];

fn options() -> OpenOptions {
    OpenOptions::at(Timestamp::from_unix(4_102_444_800))
}

fn benches(c: &mut Criterion) {
    let n: usize = std::env::var("JOBDOC_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let lib_dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    jobdoc_library::generate::write_library(lib_dir.path(), n).unwrap();
    let root: &Path = lib_dir.path();

    let mut g = c.benchmark_group(format!("library-{n}"));
    g.sample_size(10);
    g.bench_function("open", |b| {
        b.iter(|| Library::open(root, options()).unwrap().1.rows.len())
    });
    let (mut lib, _) = Library::open(root, options()).unwrap();
    g.bench_function("refresh-warm", |b| {
        b.iter(|| lib.refresh(None).unwrap().rows.len())
    });
    g.bench_function("index-build", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(index_path(data.path(), root));
            let mut index = Index::open(data.path(), root).unwrap();
            index.update(&lib, &mut |_| {}).unwrap().indexed
        })
    });
    g.finish();

    let mut index = Index::open(data.path(), root).unwrap();
    index.update(&lib, &mut |_| {}).unwrap();
    let mut g = c.benchmark_group(format!("search-{n}"));
    for q in QUERIES {
        g.bench_function(*q, |b| {
            b.iter(|| {
                index
                    .search(q, &SearchOptions::default(), &mut |_| {})
                    .unwrap()
                    .documents
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(library, benches);
criterion_main!(library);
