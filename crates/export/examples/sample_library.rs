//! Writes N different job instructions into a folder, for timing batch export:
//! `cargo run --release -p jobdoc-export --example sample_library -- DIR [N]`
//! Each is a built-in template (cycled) with its own organisation, department and position
//! name, and a few clauses of its own, so that no two documents are the same.

use jobdoc_model::{templates, Clause};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::path::PathBuf::from(args.first().ok_or("usage: sample_library DIR [N]")?);
    let n: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(100);
    std::fs::create_dir_all(&dir)?;
    let ids: Vec<&str> = templates::ids().collect();
    for i in 0..n {
        let id = ids[i % ids.len()];
        let mut doc = templates::load(id).ok_or("template")??;
        doc.meta.id = format!("sample-{i}");
        doc.organisation.department = format!("{} № {}", doc.organisation.department, i + 1);
        doc.registration.number = format!("{}", 100 + i);
        for k in 0..(i % 7) {
            doc.sections[2].clauses.push(Clause::new(format!(
                "Выполняет поручение № {} по направлению {k}.",
                i + 1
            )));
        }
        jobdoc_model::save(&doc, &dir.join(format!("doc-{i:03}.jobdoc")))?;
    }
    println!("{n} documents in {}", dir.display());
    Ok(())
}
