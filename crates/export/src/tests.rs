use super::*;
use jobdoc_model::{templates, DiagnosticCode};

fn now() -> Timestamp {
    "2026-03-01T10:00:00Z".parse().unwrap()
}

fn sample() -> Document {
    templates::instantiate("ru-sales-manager", "id", now())
        .expect("template exists")
        .expect("template parses")
}

fn run(doc: &Document, formats: &[Format]) -> Exported {
    export(
        doc,
        &ExportOptions {
            formats,
            created: now(),
            fonts: FontSet::bundled(),
            conformance: crate::Conformance::Plain,
        },
    )
    .expect("export")
}

#[test]
fn makes_only_the_requested_formats_once() {
    let doc = sample();
    let pdf = run(&doc, &[Format::Pdf, Format::Pdf]);
    assert!(pdf.pdf.as_ref().unwrap().bytes.starts_with(b"%PDF-"));
    assert!(pdf.docx.is_none());
    let both = run(&doc, &[Format::Docx, Format::Pdf]);
    assert!(both.docx.as_ref().unwrap().starts_with(b"PK"));
    assert_eq!(
        both.pdf, pdf.pdf,
        "the PDF does not depend on what else is made"
    );
    assert!(run(&doc, &[]).bytes(Format::Pdf).is_none());
}

#[test]
fn warnings_of_every_stage_come_back_once_with_their_place() {
    let mut doc = sample();
    doc.page.margins_mm.left = 150.0;
    doc.sections[1].clauses[0] = jobdoc_model::Clause::new("Цена в ₽ и\u{1} контроль");
    let out = run(&doc, &[Format::Pdf, Format::Docx]);
    let codes: Vec<(DiagnosticCode, &str)> = out
        .warnings
        .iter()
        .map(|w| (w.code, w.path.as_str()))
        .collect();
    for expected in [
        (DiagnosticCode::PageSettingAdjusted, "/page/margins_mm/left"),
        (DiagnosticCode::MissingGlyph, "/sections/1/clauses/0"),
        (DiagnosticCode::ControlCharacter, "/sections/1/clauses/0"),
        (DiagnosticCode::CharacterRemoved, "/sections/1/clauses/0"),
    ] {
        assert_eq!(
            codes.iter().filter(|c| **c == expected).count(),
            1,
            "{expected:?} once in {codes:?}"
        );
    }
    assert!(out
        .warnings
        .iter()
        .all(|w| !w.message_ru.is_empty() && !w.message_en.is_empty()));
}

#[test]
fn files_are_written_where_asked_and_only_for_made_formats() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(&sample(), &[Format::Pdf]);
    let pdf = dir.path().join("a.pdf");
    let docx = dir.path().join("a.docx");
    let written = write_files(
        &out,
        &[(Format::Pdf, pdf.clone()), (Format::Docx, docx.clone())],
    )
    .unwrap();
    assert_eq!(written, vec![pdf.clone()]);
    assert_eq!(std::fs::read(&pdf).unwrap(), out.pdf.unwrap().bytes);
    assert!(!docx.exists());
    let err = write_files(
        &run(&sample(), &[Format::Pdf]),
        &[(Format::Pdf, dir.path().join("missing").join("a.pdf"))],
    )
    .unwrap_err();
    assert!(err.to_string().contains("missing"), "{err}");
}

#[test]
fn one_distinct_key_per_page() {
    let p = run(&sample(), &[Format::Pdf]).pdf.unwrap();
    assert!(p.page_count() >= 2);
    assert!(
        (p.width_pt - 595.28).abs() < 1.0,
        "A4 width, got {}",
        p.width_pt
    );
    assert!(
        (p.height_pt - 841.89).abs() < 1.0,
        "A4 height, got {}",
        p.height_pt
    );
    let mut keys = p.page_keys.clone();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(
        keys.len(),
        p.page_keys.len(),
        "pages differ, so must their keys"
    );
}

/// The page a word is printed on, by searching the text of each laid-out page.
fn page_of(doc: &Document, needle: &str) -> usize {
    let pages = jobdoc_layout::layout(&resolve(doc), FontSet::bundled());
    pages
        .pages
        .iter()
        .position(|p| {
            p.lines
                .iter()
                .flat_map(|l| &l.spans)
                .any(|s| s.text.contains(needle))
        })
        .expect("the word is printed")
}

#[test]
fn editing_one_word_changes_only_the_key_of_its_page() {
    let doc = sample();
    let before = run(&doc, &[Format::Pdf]).pdf.unwrap();
    // A marker word in the last clause of the last section: it lands on a later page.
    let mut edited = doc.clone();
    let section = edited.sections.last_mut().expect("sections");
    let clause = section.clauses.last_mut().expect("clauses");
    clause.text = clause.text.map_text(|t| format!("{t} Zq"));
    let page = page_of(&edited, "Zq");
    let after = run(&edited, &[Format::Pdf]).pdf.unwrap();
    assert_eq!(after.page_keys.len(), before.page_keys.len());
    for (i, (a, b)) in before.page_keys.iter().zip(&after.page_keys).enumerate() {
        if i == page {
            assert_ne!(
                a,
                b,
                "page {} shows the new word: its key must change",
                i + 1
            );
        } else {
            assert_eq!(
                a,
                b,
                "page {} did not change: its key must not either",
                i + 1
            );
        }
    }
}
