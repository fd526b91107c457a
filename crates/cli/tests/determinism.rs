//! Same document and options → same bytes, across processes: every template and generated
//! documents are exported by two separate `jobdoc export` processes that differ in everything
//! a process can pick up by accident — working folder, temporary folder, home, locale, time
//! zone, and (in any Rust process) the random hash seeds and the address-space layout. The PDF
//! and DOCX files must be byte-identical. (Within one process the same holds trivially once it
//! holds across two.)

use std::path::Path;
use std::process::Command;

use jobdoc_model::{file, generate, templates, Language};

/// Runs `jobdoc export FILE --pdf --docx` in its own environment; returns (PDF, DOCX) bytes.
fn export_in(env: &[(&str, &str)], cwd: &Path, doc: &Path, out: &Path) -> (Vec<u8>, Vec<u8>) {
    let pdf = out.join("out.pdf");
    let docx = out.join("out.docx");
    let status = Command::new(env!("CARGO_BIN_EXE_jobdoc"))
        .args(["export", doc.to_str().unwrap(), "--pdf"])
        .arg(&pdf)
        .arg("--docx")
        .arg(&docx)
        .current_dir(cwd)
        .env_clear()
        .envs(env.iter().copied())
        .status()
        .expect("jobdoc runs");
    assert!(status.success(), "export of {} failed", doc.display());
    (std::fs::read(pdf).unwrap(), std::fs::read(docx).unwrap())
}

#[test]
fn two_processes_write_the_same_bytes() {
    let root = tempfile::tempdir().unwrap();
    let mut docs = Vec::new();
    for id in templates::ids() {
        docs.push((id.to_owned(), templates::load(id).unwrap().unwrap()));
    }
    docs.push((
        "generated-ru".into(),
        generate::document(300, 11, Language::Ru),
    ));
    docs.push((
        "generated-en".into(),
        generate::document(300, 12, Language::En),
    ));
    docs.push(("instruction".into(), generate::instruction(400, 3)));

    let a_dir = root.path().join("a");
    let b_dir = root.path().join("b");
    for d in [&a_dir, &b_dir] {
        std::fs::create_dir_all(d.join("tmp")).unwrap();
        std::fs::create_dir_all(d.join("out")).unwrap();
    }
    let (tmp_a, tmp_b) = (
        a_dir.join("tmp").display().to_string(),
        b_dir.join("tmp").display().to_string(),
    );
    let env_a = [
        ("LANG", "ru_RU.UTF-8"),
        ("TZ", "Europe/Moscow"),
        ("HOME", a_dir.to_str().unwrap()),
        ("TMPDIR", tmp_a.as_str()),
    ];
    let env_b = [
        ("LANG", "C"),
        ("TZ", "America/Los_Angeles"),
        ("HOME", b_dir.to_str().unwrap()),
        ("TMPDIR", tmp_b.as_str()),
    ];
    let mut differ = Vec::new();
    for (name, doc) in &docs {
        let path = root.path().join(format!("{name}.jobdoc"));
        file::save(doc, &path).unwrap();
        let a = export_in(&env_a, &a_dir, &path, &a_dir.join("out"));
        let b = export_in(&env_b, &b_dir, &path, &b_dir.join("out"));
        assert!(
            a.0.starts_with(b"%PDF-") && a.1.starts_with(b"PK"),
            "{name}"
        );
        if a.0 != b.0 {
            differ.push(format!("{name}: PDF"));
        }
        if a.1 != b.1 {
            differ.push(format!("{name}: DOCX"));
        }
    }
    assert!(
        differ.is_empty(),
        "bytes differ between processes: {differ:?}"
    );
}
