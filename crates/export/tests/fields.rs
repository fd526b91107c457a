//! Every field the user types is printed: a walk over every string of the document (as its
//! JSON holds it, so that a field added to the model later is walked too) gives each one a
//! unique marker, exports PDF and DOCX through the one export path, and reads them back with
//! poppler's `pdftotext` and python-docx. A marker missing from either file fails the test,
//! naming the field.
//!
//! Not walked, with the reason: `meta` and clause ids (bookkeeping the user does not type), enum
//! tags (`language`, `kind`), dates (typed through a date field, printed in their own form), and
//! the staff register (`staff`, `acknowledged`: printed in the acknowledgement register and the
//! per-employee copies, which have their own tests).

use std::path::Path;
use std::process::Command;

use jobdoc_export::{export, ExportOptions, Format};
use jobdoc_layout::FontSet;
use jobdoc_model::{templates, Document, Employee, Signatory};
use serde_json::Value;

/// Paths (JSON Pointers) of every string leaf to walk, in document order.
fn string_fields(value: &Value, pointer: &str, out: &mut Vec<String>) {
    match value {
        Value::String(_) => out.push(pointer.to_owned()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                string_fields(item, &format!("{pointer}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let skipped = matches!(
                    key.as_str(),
                    "meta" | "language" | "kind" | "date" | "id" | "staff" | "acknowledged"
                )
                    // A field reference inside clause text names a field, it is not typed text.
                    || (key == "field" && pointer.contains("/text/"));
                if !skipped {
                    string_fields(item, &format!("{pointer}/{key}"), out);
                }
            }
        }
        _ => {}
    }
}

/// A marker no template contains and no printing step changes: capitalised (a field starting a
/// sentence is capitalised anyway), short (never hyphenated), letters only.
fn marker(i: usize) -> String {
    let mut s = String::from("Qz");
    let mut n = i;
    loop {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    s.push('x');
    s
}

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run {tool} ({e}): install poppler-utils and python3-docx")
    });
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// All text of a DOCX as python-docx reads it: body paragraphs, tables (nested too), headers.
fn docx_text(path: &Path) -> String {
    const SCRIPT: &str = r#"
import sys, docx
d = docx.Document(sys.argv[1])
def cells(tables):
    for t in tables:
        for row in t.rows:
            for c in row.cells:
                for p in c.paragraphs:
                    print(p.text)
                cells(c.tables)
for p in d.paragraphs:
    print(p.text)
cells(d.tables)
for s in d.sections:
    for p in s.header.paragraphs:
        print(p.text)
"#;
    run("python3", &["-c", SCRIPT, path.to_str().unwrap()])
}

/// A template made to print everything a document can hold: an employee on the sheet, a
/// custom section, and `approval` as a stamp or an order.
fn full_document(id: &str, order: bool) -> Document {
    let mut doc = templates::load(id).unwrap().unwrap();
    if let Some(sheet) = &mut doc.acknowledgement.sheet {
        sheet.employees.push(Employee {
            name: "x".into(),
            position: "x".into(),
        });
    }
    doc.signatures.visas.push(Signatory {
        position: "x".into(),
        name: "x".into(),
    });
    let mut custom = doc.sections[0].clone();
    custom.kind = jobdoc_model::SectionKind::Custom;
    custom.clauses.truncate(1);
    doc.sections.push(custom);
    if order {
        doc.approval = jobdoc_model::Approval::Order {
            number: "x".into(),
            date: None,
        };
    }
    doc
}

fn check(id: &str, order: bool) -> Vec<String> {
    let doc = full_document(id, order);
    let mut json = serde_json::to_value(&doc).unwrap();
    let mut fields = Vec::new();
    string_fields(&json, "", &mut fields);
    assert!(
        fields.len() > 50,
        "{id}: only {} fields walked",
        fields.len()
    );
    for (i, f) in fields.iter().enumerate() {
        *json.pointer_mut(f).unwrap() = Value::String(marker(i));
    }
    let doc: Document = serde_json::from_value(json).unwrap();
    let out = export(
        &doc,
        &ExportOptions {
            formats: &[Format::Pdf, Format::Docx],
            created: doc.meta.modified,
            fonts: FontSet::bundled(),
            conformance: jobdoc_export::Conformance::Plain,
        },
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("doc.pdf");
    let docx = dir.path().join("doc.docx");
    std::fs::write(&pdf, out.bytes(Format::Pdf).unwrap()).unwrap();
    std::fs::write(&docx, out.bytes(Format::Docx).unwrap()).unwrap();
    let pdf_text = run("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    let docx_text = docx_text(&docx);
    let mut missing = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let m = marker(i);
        if !pdf_text.contains(&m) {
            missing.push(format!("{id} (order: {order}): {f} not in the PDF"));
        }
        if !docx_text.contains(&m) {
            missing.push(format!("{id} (order: {order}): {f} not in the DOCX"));
        }
    }
    missing
}

#[test]
fn every_string_field_of_every_template_reaches_both_exports() {
    let mut missing = Vec::new();
    for id in templates::ids() {
        missing.extend(check(id, false));
    }
    // The order's fields, once per language.
    missing.extend(check("ru-sales-manager", true));
    missing.extend(check("en-sales-manager", true));
    assert!(
        missing.is_empty(),
        "fields that print nowhere:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_walk_covers_the_fields_that_print_only_through_references() {
    let doc = full_document("ru-sales-manager", false);
    let mut fields = Vec::new();
    string_fields(&serde_json::to_value(&doc).unwrap(), "", &mut fields);
    for f in [
        "/position/name",
        "/position/reports_to",
        "/position/substitute",
        "/organisation/short_name",
        "/acknowledgement/sheet/employees/0/position",
        "/signatures/visas/1/name",
    ] {
        assert!(fields.iter().any(|x| x == f), "{f} is not walked");
    }
    assert!(fields.iter().all(|f| !f.starts_with("/meta")));
}
