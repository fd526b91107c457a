//! Every built-in template, exported to DOCX by Jobdoc, converted by LibreOffice to ODT, RTF
//! and DOC, and written as plain text, imports back with every clause in its section, at its
//! depth, with its text as printed.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::*;
use jobdoc_docx::{write_docx, DocxOptions};
use jobdoc_model::resolve::{resolve, ApprovalBlock, Resolved};
use jobdoc_model::{SectionKind, Timestamp};

fn templates() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
    let mut out = Vec::new();
    for cat in std::fs::read_dir(&root).unwrap().flatten() {
        for f in std::fs::read_dir(cat.path()).unwrap().flatten() {
            if f.path().extension().is_some_and(|e| e == "jobdoc") {
                out.push(f.path());
            }
        }
    }
    out.sort();
    assert!(!out.is_empty());
    out
}

/// The document as a person would type it into a text editor.
fn plain_text(r: &Resolved) -> String {
    let mut s = String::new();
    for line in &r.header.organisation {
        writeln!(s, "{line}").unwrap();
    }
    match &r.approval {
        ApprovalBlock::Stamp {
            heading,
            position,
            signature_line,
            name,
            date,
        } => {
            writeln!(
                s,
                "\n{heading}\n{position}\n{signature_line} {name}\n{date}\n"
            )
            .unwrap();
        }
        ApprovalBlock::Order { heading, text } => writeln!(s, "\n{heading}\n{text}\n").unwrap(),
    }
    writeln!(
        s,
        "{}\n{}\n{}\n{}\n",
        r.header.document_kind, r.title, r.header.registration, r.header.place
    )
    .unwrap();
    for sec in &r.sections {
        writeln!(s, "\n{} {}\n", sec.label, sec.heading).unwrap();
        for c in &sec.clauses {
            writeln!(s, "{} {}", c.label, c.text.replace('\n', " ")).unwrap();
        }
    }
    let a = &r.author;
    writeln!(
        s,
        "\n{}\t{}\t{}\n\t{}\t{}",
        a.position, a.signature_line, a.name, a.signature_caption, a.name_caption
    )
    .unwrap();
    for v in &r.visas {
        writeln!(
            s,
            "\n{}\n{}\t{}\t{}\n{}",
            v.heading, v.row.position, v.row.signature_line, v.row.name, v.date
        )
        .unwrap();
    }
    s
}

/// (section kind, depth, text) of every printed clause, with the section's index.
fn expected(
    doc: &jobdoc_model::Document,
    r: &Resolved,
) -> Vec<(usize, SectionKind, usize, String)> {
    let mut out = Vec::new();
    for (i, sec) in r.sections.iter().enumerate() {
        for c in &sec.clauses {
            out.push((i, doc.sections[sec.index].kind, c.level, c.text.clone()));
        }
    }
    out
}

fn compare(
    what: &str,
    doc: &jobdoc_model::Document,
    want: &[(usize, SectionKind, usize, String)],
    kinds: &[SectionKind],
) -> Vec<String> {
    let got = clause_list(doc);
    let mut problems = Vec::new();
    let got_kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
    if got_kinds != kinds {
        problems.push(format!("{what}: sections {got_kinds:?}, want {kinds:?}"));
    }
    if got.len() != want.len() {
        problems.push(format!(
            "{what}: {} clauses, want {}",
            got.len(),
            want.len()
        ));
    }
    for (g, w) in got.iter().zip(want) {
        if g != w {
            problems.push(format!(
                "{what}: got {:?}\n   want {:?}",
                (g.0, g.2, &g.3),
                (w.0, w.2, &w.3)
            ));
            break;
        }
    }
    problems
}

#[test]
fn templates_import_back_from_docx_odt_rtf_doc_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases = Vec::new();
    let mut docx_files = Vec::new();
    for path in templates() {
        let doc = jobdoc_model::load(&path).unwrap();
        let r = resolve(&doc);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let docx = write_docx(
            &r,
            &DocxOptions {
                created: Timestamp::from_unix(1_767_225_600),
            },
        )
        .unwrap();
        let docx_path = dir.path().join(format!("{stem}.docx"));
        std::fs::write(&docx_path, &docx.bytes).unwrap();
        std::fs::write(dir.path().join(format!("{stem}.txt")), plain_text(&r)).unwrap();
        docx_files.push(docx_path);
        let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
        cases.push((stem, expected(&doc, &r), kinds, doc));
    }
    let mut formats = vec!["docx", "txt"];
    if let Some(soffice) = soffice() {
        let profile = dir.path().join("profile");
        for fmt in ["odt", "rtf", "doc"] {
            convert(&soffice, &docx_files, fmt, &dir.path().join(fmt), &profile);
        }
        formats.extend(["odt", "rtf", "doc"]);
    } else {
        panic!("LibreOffice (soffice) is needed for the round trip through ODT, RTF and DOC");
    }
    let mut problems = Vec::new();
    for (stem, want, kinds, original) in &cases {
        for fmt in &formats {
            let file = match *fmt {
                "docx" | "txt" => dir.path().join(format!("{stem}.{fmt}")),
                other => dir.path().join(other).join(format!("{stem}.{other}")),
            };
            let imported = import_file(&file);
            let doc = &imported.document;
            problems.extend(compare(&format!("{stem}.{fmt}"), doc, want, kinds));
            // The requisites come back too.
            let checks = [
                (
                    "organisation",
                    &doc.organisation.name,
                    &original.organisation.name,
                ),
                (
                    "department",
                    &doc.organisation.department,
                    &original.organisation.department,
                ),
                (
                    "title form",
                    &doc.position.title_form,
                    &original.position.title_form,
                ),
                ("position", &doc.position.name, &original.position.name),
                (
                    "author",
                    &doc.signatures.author.name,
                    &original.signatures.author.name,
                ),
            ];
            for (what, got, want) in checks {
                if got != want {
                    problems.push(format!("{stem}.{fmt}: {what} «{got}», want «{want}»"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
