//! Time per inflection: `cargo bench -p jobdoc-morph --bench inflect`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

const NAMES: &[&str] = &[
    "главный бухгалтер",
    "менеджер по работе с ключевыми клиентами",
    "заместитель генерального директора по финансам",
    "инженер-технолог",
    "заведующий складом",
    "старшая медицинская сестра",
    "уборщик служебных помещений",
    "SMM-менеджер",
];

fn bench(c: &mut Criterion) {
    // The table is built on first use; build it outside the measurement.
    let _ = jobdoc_morph::genitive("мастер");
    c.bench_function("genitive of 8 titles", |b| {
        b.iter(|| {
            for n in NAMES {
                black_box(jobdoc_morph::genitive(black_box(n)));
            }
        })
    });
    c.bench_function("dative of «главный бухгалтер»", |b| {
        b.iter(|| black_box(jobdoc_morph::dative(black_box("главный бухгалтер"))))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
