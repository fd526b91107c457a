//! The editor's import flows behind the window: one file into the review (granted paths only),
//! the review re-assigned and accepted as a new unsaved document, dropped files sorted and
//! granted, and several files imported into a folder — named by the position, never over an
//! existing file, failures naming the file, cancel between files.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use jobdoc_import::Reassign;
use jobdoc_model::{ErrorCode, Language, Timestamp};
use jobdoc_session::desk::Start;
use jobdoc_session::grants::Choice;
use jobdoc_session::import::{
    batch_base_name, import_into_folder, reassign, sort_dropped, suggested_name, unique_path,
};
use jobdoc_session::Desk;
use jobdoc_store::lock::LockOwner;

const T0: &str = "2026-12-02T08:00:00Z";

fn t0() -> Timestamp {
    T0.parse().unwrap()
}

fn start(data: &Path) -> Desk {
    Desk::start(Start {
        owner: LockOwner::current(t0()),
        journal_dir: Some(data.join("recovery")),
        settings_path: Some(data.join("settings.json")),
        file: None,
        system_language: Language::En,
        now: t0(),
    })
}

fn instruction(position_title: &str, duty: &str) -> String {
    format!(
        "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ\n{position_title}\n1. ОБЩИЕ ПОЛОЖЕНИЯ\n\
         1.1. Кассир относится к категории специалистов.\n\
         2. ДОЛЖНОСТНЫЕ ОБЯЗАННОСТИ\n2.1. {duty}\n2.2. Соблюдает правила внутреннего распорядка.\n"
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

fn ids() -> impl FnMut() -> String {
    let mut n = 0;
    move || {
        n += 1;
        format!("id-{n}")
    }
}

#[test]
fn names_come_from_the_position_and_never_replace_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut taken = HashSet::new();
    let first = unique_path(dir.path(), "Кассир", &taken);
    assert_eq!(first, dir.path().join("Кассир.jobdoc"));
    fs::write(&first, "x").unwrap();
    let second = unique_path(dir.path(), "Кассир", &taken);
    assert_eq!(second, dir.path().join("Кассир (2).jobdoc"));
    taken.insert(second.clone());
    assert_eq!(
        unique_path(dir.path(), "Кассир", &taken),
        dir.path().join("Кассир (3).jobdoc")
    );

    let mut doc = jobdoc_model::Document::blank(Language::Ru, "d", t0());
    doc.position.name = "менеджер / продажи".into();
    assert_eq!(
        batch_base_name(&doc, Path::new("/x/a.docx")),
        "Менеджер _ продажи"
    );
    doc.position.name.clear();
    doc.position.title_form.clear();
    assert_eq!(
        batch_base_name(&doc, Path::new("/x/Старый файл.rtf")),
        "Старый файл"
    );
    assert_eq!(
        suggested_name(Path::new("/x/Инструкция кассира.docx")),
        "Инструкция кассира.jobdoc"
    );
}

#[test]
fn several_files_go_into_a_folder_with_progress_and_failures_named() {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let a = write(
        src.path(),
        "a.txt",
        &instruction("кассира", "Принимает оплату."),
    );
    let b = write(src.path(), "b.txt", &instruction("кассира", "Выдаёт чеки."));
    let bad = write(src.path(), "пустой.docx", "");
    // Something is already there under the first name.
    fs::write(out.path().join("Кассир.jobdoc"), "не трогать").unwrap();
    let mut seen = Vec::new();
    let summary = import_into_folder(
        &[a.clone(), bad.clone(), b.clone()],
        out.path(),
        t0(),
        Language::Ru,
        ids(),
        |p| {
            seen.push((p.done, p.total, p.current.is_some()));
            true
        },
    );
    assert_eq!(
        seen,
        [(0, 3, true), (1, 3, true), (2, 3, true), (3, 3, false)]
    );
    assert!(!summary.cancelled);
    let names: Vec<String> = summary
        .written
        .iter()
        .map(|w| {
            Path::new(&w.path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["Кассир (2).jobdoc", "Кассир (3).jobdoc"]);
    assert_eq!(
        fs::read_to_string(out.path().join("Кассир.jobdoc")).unwrap(),
        "не трогать"
    );
    for w in &summary.written {
        let doc = jobdoc_model::load(Path::new(&w.path)).unwrap();
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(w.clauses, 3);
    }
    let doc = jobdoc_model::load(Path::new(&summary.written[1].path)).unwrap();
    assert_eq!(
        doc.sections[1].clauses[0].text.placeholder_text(),
        "Выдаёт чеки."
    );
    assert_eq!(summary.failed.len(), 1);
    let failed = &summary.failed[0];
    assert_eq!(failed.source, bad.display().to_string());
    assert_eq!(failed.error.code, ErrorCode::EmptyFile);
    assert!(
        failed.error.message.contains("пустой.docx"),
        "{}",
        failed.error.message
    );
}

#[test]
fn a_cancelled_batch_stops_before_the_next_file() {
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let files: Vec<PathBuf> = (0..3)
        .map(|i| {
            write(
                src.path(),
                &format!("{i}.txt"),
                &instruction("кассира", "Считает."),
            )
        })
        .collect();
    let summary = import_into_folder(&files, out.path(), t0(), Language::En, ids(), |p| {
        p.done < 1
    });
    assert!(summary.cancelled);
    assert_eq!(summary.written.len(), 1);
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 1);
}

#[test]
fn dropped_files_are_granted_and_sorted() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = start(data.path());
    let doc = write(dir.path(), "a.jobdoc", "{}");
    let other = write(dir.path(), "b.JOBDOC", "{}");
    let word = write(dir.path(), "c.docx", "");
    let text = write(dir.path(), "d.txt", "");
    let dropped = desk.dropped(vec![
        word.clone(),
        doc.clone(),
        dir.path().to_path_buf(),
        other.clone(),
        text.clone(),
    ]);
    assert_eq!(dropped.open, Some(doc.display().to_string()));
    assert_eq!(dropped.not_opened, [other.display().to_string()]);
    assert_eq!(
        dropped.import,
        [word.display().to_string(), text.display().to_string()]
    );
    // Granted: the import review accepts them (and fails only on their content).
    let e = desk
        .import_review(&word.display().to_string(), "id", t0())
        .unwrap_err();
    assert_eq!(
        jobdoc_model::UserError::code(&e),
        ErrorCode::EmptyFile,
        "{e}"
    );
    // The same sorting as the drop, without a desk.
    assert_eq!(
        sort_dropped(&[doc.clone(), word.clone()]).open,
        dropped.open
    );
}

#[test]
fn the_review_imports_only_granted_files_and_opens_as_a_new_unsaved_document() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let desk = start(data.path());
    let src = write(
        dir.path(),
        "Кассир.txt",
        &instruction("кассира", "Принимает оплату."),
    );
    let shown = src.display().to_string();
    let e = desk.import_review(&shown, "id", t0()).unwrap_err();
    assert_eq!(jobdoc_model::UserError::code(&e), ErrorCode::PathNotGranted);

    let granted = desk.chosen(Choice::OpenDocument, src.clone());
    let review = desk
        .import_review(&granted.display().to_string(), "id", t0())
        .unwrap();
    assert_eq!(review.suggested_name, "Кассир.jobdoc");
    assert_eq!(review.document.sections.len(), 2);

    // Re-assign: the duty «Соблюдает…» becomes a clause of the general provisions.
    let e = review
        .report
        .paragraphs
        .iter()
        .position(|p| p.source.starts_with("2.2."))
        .unwrap() as u32;
    let to = Reassign::Clause {
        depth: 1,
        section: Some(0),
    };
    let review = reassign(&review, e, &to).unwrap();
    assert_eq!(review.document.sections[0].clauses.len(), 2);
    assert_eq!(review.document.sections[1].clauses.len(), 1);
    assert_eq!(review.suggested_name, "Кассир.jobdoc");
    // A header line cannot be re-assigned: a typed error for the UI.
    let e = reassign(&review, 0, &to).unwrap_err();
    assert_eq!(
        jobdoc_model::UserError::code(&e),
        ErrorCode::ImportReassignRefused
    );

    let state = desk.accept_import(review.document.clone());
    assert!(state.dirty);
    assert_eq!(state.path, None);
    assert!(!state.can_undo);
    assert_eq!(
        state.document.as_ref().unwrap().sections[0].clauses.len(),
        2
    );
    // Then it saves like any new document.
    let target = desk.chosen(Choice::SaveDocument, dir.path().join("Кассир"));
    let saved = desk
        .save(Some(&target.display().to_string()), false, t0())
        .unwrap();
    assert!(!saved.state.dirty);
    assert!(dir.path().join("Кассир.jobdoc").is_file());
}

#[test]
fn a_batch_needs_granted_files_and_folder_and_grants_what_it_wrote() {
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let desk = start(data.path());
    let a = write(
        src.path(),
        "a.txt",
        &instruction("кассира", "Принимает оплату."),
    );
    let a_shown = a.display().to_string();
    let one = std::slice::from_ref(&a_shown);
    let folder = out.path().display().to_string();
    let cancel = AtomicBool::new(false);
    let e = desk
        .import_batch(one, &folder, t0(), ids(), &cancel, |_| {})
        .unwrap_err();
    assert_eq!(jobdoc_model::UserError::code(&e), ErrorCode::PathNotGranted);
    desk.chosen(Choice::ExportFolder, out.path().to_path_buf());
    let e = desk
        .import_batch(one, &folder, t0(), ids(), &cancel, |_| {})
        .unwrap_err();
    assert_eq!(jobdoc_model::UserError::code(&e), ErrorCode::PathNotGranted);
    desk.chosen(Choice::OpenDocument, a.clone());
    let mut progress = 0;
    let summary = desk
        .import_batch(one, &folder, t0(), ids(), &cancel, |_| progress += 1)
        .unwrap();
    assert_eq!(progress, 2);
    assert_eq!(summary.written.len(), 1);
    // The written file opens from the summary's link.
    let opened = desk.open(&summary.written[0].path, t0()).unwrap();
    assert_eq!(opened.state.document.unwrap().sections.len(), 2);
    // Cancelled before it starts: nothing is written.
    cancel.store(true, Ordering::SeqCst);
    let summary = desk
        .import_batch(one, &folder, t0(), ids(), &cancel, |_| {})
        .unwrap();
    assert!(summary.cancelled && summary.written.is_empty());
}
