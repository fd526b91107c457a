//! Time per inflection: `cargo bench -p jobdoc-morph --bench inflect`. Also prints how long the
//! first call takes (it parses the embedded table).

use std::time::Instant;

use criterion::{black_box, criterion_group, Criterion};

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
    c.bench_function("genitive of one title (mean over 8)", |b| {
        b.iter(|| {
            for n in NAMES {
                black_box(jobdoc_morph::genitive(black_box(n)));
            }
        })
    });
    c.bench_function("dative of «главный бухгалтер»", |b| {
        b.iter(|| black_box(jobdoc_morph::dative(black_box("главный бухгалтер"))))
    });
    c.bench_function(
        "genitive of «менеджер по работе с ключевыми клиентами»",
        |b| {
            b.iter(|| {
                black_box(jobdoc_morph::genitive(black_box(
                    "менеджер по работе с ключевыми клиентами",
                )))
            })
        },
    );
}

criterion_group!(benches, bench);

fn main() {
    let start = Instant::now();
    black_box(jobdoc_morph::genitive("главный бухгалтер"));
    println!(
        "first call (builds the table): {:.2} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    // A plain timing loop beside criterion's figures: the median of 200 batches of 100 calls.
    for name in NAMES {
        let mut batches: Vec<f64> = (0..200)
            .map(|_| {
                let t = Instant::now();
                for _ in 0..100 {
                    black_box(jobdoc_morph::genitive(black_box(name)));
                }
                t.elapsed().as_secs_f64() * 1e6 / 100.0
            })
            .collect();
        batches.sort_by(f64::total_cmp);
        println!("genitive of «{name}»: median {:.2} µs", batches[100]);
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
