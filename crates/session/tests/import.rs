//! `import::import_file`: a file on disk becomes a document and its report; a failure names
//! the file.

use jobdoc_import::Became;
use jobdoc_model::error::UserError;
use jobdoc_model::{ErrorCode, Language, SectionKind};
use jobdoc_session::import::import_file;

#[test]
fn a_text_file_imports_with_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Менеджер.txt");
    std::fs::write(
        &path,
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\nменеджера по продажам\n\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n1.1. Менеджер по продажам относится к категории специалистов.\n2. ПРАВА\n2.1. Запрашивать сведения.\n\nНачальник отдела\t____________\tИ. И. Иванов\n",
    )
    .unwrap();
    let now = "2026-12-01T09:00:00Z".parse().unwrap();
    let (doc, report) = import_file(&path, "doc-1", now, None).unwrap();
    assert_eq!(doc.meta.id, "doc-1");
    assert_eq!(doc.language, Language::Ru);
    let kinds: Vec<SectionKind> = doc.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SectionKind::General, SectionKind::Rights]);
    assert_eq!(doc.position.name, "менеджер по продажам");
    assert_eq!(doc.signatures.author.name, "И. И. Иванов");
    assert_eq!(report.file_name, "Менеджер.txt");
    assert!(report.paragraphs.iter().any(
        |e| matches!(e.became, Became::Clause { depth: 1, .. }) && e.source.starts_with("2.1.")
    ));
}

#[test]
fn a_missing_file_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("нет.docx");
    let now = "2026-12-01T09:00:00Z".parse().unwrap();
    let e = import_file(&path, "id", now, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::ReadFailed);
    assert!(e
        .message(Language::Ru)
        .contains(&path.display().to_string()));
}
