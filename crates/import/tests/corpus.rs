//! The messy corpus (`corpus/make.py`: DOCX in many layouts, LibreOffice conversions to ODT,
//! RTF and DOC, hand-written RTF in three code-page styles, text, Markdown, HTML), each with
//! its expected structure. Fails when fewer than 95 % of the clauses land in the right
//! section at the right depth with the right text, when a stamp or signature line becomes a
//! clause, when any word is invented, or when a source paragraph is missing from the report.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Command;

use common::*;
use jobdoc_model::SectionKind;
use serde_json::Value;

fn kind(s: &str) -> SectionKind {
    serde_json::from_value(Value::String(s.to_owned())).unwrap()
}

fn tidy(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_corpus_imports_with_its_expected_structure() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/make.py");
    let made = Command::new("python3")
        .arg(&script)
        .arg(out)
        .output()
        .expect("run python3");
    assert!(
        made.status.success(),
        "corpus/make.py failed (python-docx is installed by scripts/setup): {}",
        String::from_utf8_lossy(&made.stderr)
    );

    let manifest: BTreeMap<String, Vec<String>> =
        serde_json::from_str(&std::fs::read_to_string(out.join("convert.json")).unwrap()).unwrap();
    let soffice = soffice().expect("LibreOffice (soffice) converts part of the corpus");
    let profile = out.join("profile");
    for (fmt, files) in &manifest {
        let inputs: Vec<_> = files.iter().map(|f| out.join(f)).collect();
        let conv = out.join(format!("conv-{fmt}"));
        convert(&soffice, &inputs, fmt, &conv, &profile);
        for f in files {
            let stem = Path::new(f)
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            std::fs::rename(
                conv.join(format!("{stem}.{fmt}")),
                out.join(format!("{stem}.{fmt}")),
            )
            .unwrap();
        }
    }

    let mut expectations: Vec<_> = std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    expectations.sort();
    assert!(
        expectations.len() >= 40,
        "only {} documents",
        expectations.len()
    );

    let (mut total, mut right) = (0usize, 0usize);
    let mut failures = Vec::new();
    let mut table = String::new();
    let mut field_hits = (0usize, 0usize);
    for exp_path in &expectations {
        let name = exp_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".expected.json", "");
        let file = out.join(&name);
        let exp: Value = serde_json::from_str(&std::fs::read_to_string(exp_path).unwrap()).unwrap();
        let imported = import_file(&file);
        let doc = &imported.document;

        // Clauses: (kind, custom title, depth, text) as a multiset.
        let sections = exp["sections"].as_array().unwrap();
        let mut got: HashMap<(SectionKind, String, usize, String), usize> = HashMap::new();
        for (path, c) in doc.clauses() {
            let s = &doc.sections[path[0]];
            let title = if s.kind == SectionKind::Custom {
                tidy(&s.title).to_lowercase()
            } else {
                String::new()
            };
            *got.entry((s.kind, title, path.len() - 1, tidy(&c.plain_text())))
                .or_default() += 1;
        }
        let mut ok = 0;
        let mut first_miss = None;
        let want = exp["clauses"].as_array().unwrap();
        for w in want {
            let sec = &sections[w[0].as_u64().unwrap() as usize];
            let k = kind(sec["kind"].as_str().unwrap());
            let title = if k == SectionKind::Custom {
                tidy(sec["title"].as_str().unwrap()).to_lowercase()
            } else {
                String::new()
            };
            let key = (
                k,
                title,
                w[1].as_u64().unwrap() as usize,
                tidy(w[2].as_str().unwrap()),
            );
            match got.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    ok += 1;
                }
                _ => {
                    if first_miss.is_none() {
                        first_miss = Some(format!("{key:?}"));
                    }
                }
            }
        }
        total += want.len();
        right += ok;

        // Stamp and signature lines never become clauses.
        let clause_texts: Vec<String> = doc
            .clauses()
            .iter()
            .map(|(_, c)| tidy(&c.plain_text()))
            .collect();
        for nc in exp["not_clauses"].as_array().unwrap() {
            let t = tidy(nc.as_str().unwrap());
            if clause_texts.contains(&t) {
                failures.push(format!("{name}: «{t}» became a clause"));
            }
        }
        // No invented word.
        let invented = invented(doc, exp["source_text"].as_str().unwrap());
        if !invented.is_empty() {
            failures.push(format!("{name}: invented words {invented:?}"));
        }
        // Nothing lost: every non-empty source paragraph is in the report.
        let bytes = std::fs::read(&file).unwrap();
        let (_, paras) = jobdoc_import::read_paragraphs(&bytes, &name, &options()).unwrap();
        for (i, p) in paras.iter().enumerate() {
            let visible = p
                .text
                .chars()
                .any(|c| !c.is_whitespace() && c != '\u{ad}' && c != '\u{200b}');
            if visible
                && !imported
                    .report
                    .paragraphs
                    .iter()
                    .any(|e| e.index as usize == i)
            {
                failures.push(format!(
                    "{name}: paragraph {i} «{}» is neither in the document nor in the report",
                    p.text
                ));
            }
        }
        // Requisites (reported, not judged: the measure is the clauses).
        for (key, got) in [
            ("organisation", &doc.organisation.name),
            ("title_form", &doc.position.title_form),
            ("author_name", &doc.signatures.author.name),
        ] {
            if let Some(w) = exp.get(key).and_then(Value::as_str) {
                field_hits.1 += 1;
                if tidy(got).to_lowercase() == tidy(w).to_lowercase() {
                    field_hits.0 += 1;
                } else {
                    table.push_str(&format!("      {name}: {key} «{got}», expected «{w}»\n"));
                }
            }
        }
        table.push_str(&format!(
            "{:>4}/{:<4} {name}{}\n",
            ok,
            want.len(),
            first_miss
                .map(|m| format!("  first miss: {m}"))
                .unwrap_or_default()
        ));
    }
    let share = right as f64 / total.max(1) as f64;
    println!(
        "{table}\nclauses right: {right} of {total} ({:.1} %) in {} documents; requisites right: {} of {}",
        share * 100.0,
        expectations.len(),
        field_hits.0,
        field_hits.1
    );
    assert!(failures.is_empty(), "{}\n{table}", failures.join("\n"));
    assert!(
        share >= 0.95,
        "only {:.1} % of clauses right\n{table}",
        share * 100.0
    );
}
