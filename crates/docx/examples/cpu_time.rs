//! CPU time per export, per stage, from /proc/self/stat (user + system), for a machine too busy
//! for wall-clock benchmarks to mean much. Linux only.
//! `cargo run --release -p jobdoc-docx --example cpu_time -- [ITERATIONS]`

use jobdoc_docx::{build, package, write_docx, DocxOptions};
use jobdoc_model::resolve::resolve;

fn created() -> jobdoc_model::Timestamp {
    "2026-01-15T09:00:00Z".parse().unwrap()
}

/// User + system CPU time of this process, in seconds.
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime is field 14, stime 15.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn per_iteration(n: usize, mut f: impl FnMut()) -> f64 {
    let start = cpu();
    for _ in 0..n {
        f();
    }
    (cpu() - start) / n as f64 * 1000.0
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let doc = jobdoc_model::templates::load("ru-key-account-manager")
        .expect("template exists")
        .expect("template parses");
    let options = DocxOptions { created: created() };
    let r = resolve(&doc);
    let parts = package::parts(build::build(&r, &mut Vec::new()), &r, created()).expect("parts");
    let _ = write_docx(&resolve(&doc), &options);
    let whole = per_iteration(n, || {
        let _ = write_docx(&resolve(&doc), &options);
    });
    let resolve_ms = per_iteration(n, || {
        let _ = resolve(&doc);
    });
    let docx_rs = per_iteration(n, || {
        let _ = build::build(&r, &mut Vec::new()).build();
    });
    let parts_ms = per_iteration(n, || {
        let _ = package::parts(build::build(&r, &mut Vec::new()), &r, created());
    });
    let zip_ms = per_iteration(n, || {
        let _ = package::zip_parts(&parts);
    });
    println!("CPU ms per export of ru-key-account-manager ({n} iterations):");
    println!("  resolve + write_docx    {whole:.3}");
    println!("  resolve                {resolve_ms:.3}");
    println!("  docx-rs build          {docx_rs:.3}");
    println!("  build + corrections    {parts_ms:.3}");
    println!("  zip (deflate)          {zip_ms:.3}");
}
