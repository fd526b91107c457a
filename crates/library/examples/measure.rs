//! `cargo run --release -p jobdoc-library --example measure -- LIBRARY DATA_DIR [RUNS]`:
//! plain timing loops over a (generated) library, printing medians: the first listing in a
//! process (nothing known yet), a warm refresh (nothing changed), building the index from
//! nothing, an update with nothing changed, and a set of queries. Criterion's benches
//! (`cargo bench -p jobdoc-library`) measure the same on a generated library.

use std::path::Path;
use std::time::{Duration, Instant};

use jobdoc_library::index::{index_path, Index, SearchOptions};
use jobdoc_library::{Library, OpenOptions};
use jobdoc_model::Timestamp;

/// Queries a user might type: word forms, a phrase, prefixes, English.
pub const QUERIES: &[&str] = &[
    "обязанности",
    "бухгалтер обязан",
    "клиентов",
    "\"по работе с клиентами\"",
    "отчётн*",
    "трудового законодательства",
    "договор*",
    "ответственность",
    "customer",
    "\"key account\"",
    "report*",
    "руководителю",
];

/// CPU time of this thread: steadier than wall time on a machine shared with other builds.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for clock_gettime to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: measure LIBRARY DATA_DIR [RUNS]");
        std::process::exit(2);
    }
    let (root, data) = (Path::new(&args[0]), Path::new(&args[1]));
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5);
    // Far after every generated file: every time stamp counts as settled.
    let options = OpenOptions::at(Timestamp::from_unix(4_102_444_800));

    let mut cold = Vec::new();
    let mut warm = Vec::new();
    let mut rows = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let (mut lib, listing) = Library::open(root, options.clone()).expect("open");
        cold.push(t.elapsed());
        rows = listing.rows.len();
        let t = Instant::now();
        let again = lib.refresh(None).expect("refresh");
        warm.push(t.elapsed());
        assert_eq!(again.read, 0);
    }
    println!("documents: {rows}");
    println!(
        "open (first listing in a process): median {}",
        ms(median(cold))
    );
    println!(
        "refresh (warm, nothing changed): median {}",
        ms(median(warm))
    );

    let (lib, _) = Library::open(root, options).expect("open");
    let build_runs = runs.min(3);
    let mut build = Vec::new();
    for _ in 0..build_runs {
        let _ = std::fs::remove_file(index_path(data, root));
        let t = Instant::now();
        let mut index = Index::open(data, root).expect("index");
        index.update(&lib, &mut |_| {}).expect("update");
        build.push(t.elapsed());
    }
    println!("index build from nothing: median {}", ms(median(build)));
    let size = std::fs::metadata(index_path(data, root))
        .map(|m| m.len())
        .unwrap_or(0);
    println!("index size: {:.1} MB", size as f64 / 1e6);
    let mut index = Index::open(data, root).expect("index");
    let t = Instant::now();
    index.update(&lib, &mut |_| {}).expect("update");
    println!("index update, nothing changed: {}", ms(t.elapsed()));

    let mut per_query = Vec::new();
    let mut per_query_cpu = Vec::new();
    for q in QUERIES {
        let mut times = Vec::new();
        let mut cpu = Vec::new();
        let mut found = 0;
        for _ in 0..20 {
            let (t, c) = (Instant::now(), thread_cpu());
            let r = index
                .search(q, &SearchOptions::default(), &mut |_| {})
                .expect("search");
            times.push(t.elapsed());
            cpu.push(thread_cpu() - c);
            found = r.documents.len();
        }
        let (m, c) = (median(times), median(cpu));
        println!(
            "  query {q:<32} {:>10} wall {:>10} CPU  ({found} documents)",
            ms(m),
            ms(c)
        );
        per_query.push(m);
        per_query_cpu.push(c);
    }
    println!(
        "median query: {} wall, {} CPU",
        ms(median(per_query)),
        ms(median(per_query_cpu))
    );
}
