//! Import of a 5-page DOCX (the `ru-key-account-manager` template as Jobdoc exports it: five
//! pages in its PDF), of the same document as plain text, and of an RTF.
//! `cargo bench -p jobdoc-import`; the whole `jobdoc import` process is measured with
//! hyperfine (see the README).

use criterion::{criterion_group, criterion_main, Criterion};
use jobdoc_docx::{write_docx, DocxOptions};
use jobdoc_import::{import, ImportOptions};
use jobdoc_model::resolve::resolve;
use jobdoc_model::Timestamp;

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../templates/sales/ru-key-account-manager.jobdoc"
    );
    let doc = jobdoc_model::load(std::path::Path::new(path)).unwrap();
    let now = Timestamp::from_unix(1_767_225_600);
    let docx = write_docx(&resolve(&doc), &DocxOptions { created: now })
        .unwrap()
        .bytes;
    let options = ImportOptions::new("bench", now);
    let imported = import(&docx, "five-pages.docx", &options).unwrap();
    assert!(imported.document.clauses().len() > 50);
    c.bench_function("import 5-page DOCX", |b| {
        b.iter(|| import(std::hint::black_box(&docx), "five-pages.docx", &options).unwrap())
    });
    let mut text = String::new();
    for (i, s) in imported.document.sections.iter().enumerate() {
        text.push_str(&format!("{}. {}\n", i + 1, s.heading(doc.language)));
        for (path, cl) in imported
            .document
            .clauses()
            .into_iter()
            .filter(|(p, _)| p[0] == i)
        {
            let label: Vec<String> = std::iter::once(i + 1)
                .chain(path[1..].iter().map(|n| n + 1))
                .map(|n| n.to_string())
                .collect();
            text.push_str(&format!("{}. {}\n", label.join("."), cl.plain_text()));
        }
    }
    c.bench_function("import the same as plain text", |b| {
        b.iter(|| {
            import(
                std::hint::black_box(text.as_bytes()),
                "five-pages.txt",
                &options,
            )
            .unwrap()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
