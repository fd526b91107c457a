//! The Editions and Employees panels behind the window ([`Desk`]): approve (one undo step; a
//! saved edition survives undo), the history and who must acknowledge, an edition read back
//! exactly as approved, compare with word-level changes, the list of changes, the register and
//! the personal copies written into a chosen folder (read back with pdftotext), and an
//! employee list imported from CSV — all or nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use jobdoc_compare::{ChangeKind, WordsKind};
use jobdoc_export::Format;
use jobdoc_model::{Acknowledged, ErrorCode, IsoDate, StaffMember, Timestamp, UserError};
use jobdoc_session::desk::Start;
use jobdoc_session::editions::{CopiesRequest, Draft, RegisterFormat, Side};
use jobdoc_session::export::ExportRequest;
use jobdoc_session::grants::Choice;
use jobdoc_session::Desk;
use jobdoc_store::lock::LockOwner;

fn t(stamp: &str) -> Timestamp {
    stamp.parse().unwrap()
}

fn d(s: &str) -> IsoDate {
    s.parse().unwrap()
}

const T0: &str = "2026-03-01T09:00:00Z";

fn desk(data: &Path) -> Desk {
    let desk = Desk::start(Start {
        owner: LockOwner::current(t(T0)),
        journal_dir: None,
        settings_path: Some(data.join("settings.json")),
        file: None,
        system_language: jobdoc_model::Language::En,
        now: t(T0),
    });
    desk.new_document(Some("ru-sales-manager"), None, "doc-1", t(T0))
        .unwrap();
    desk
}

fn member(name: &str, number: &str) -> StaffMember {
    StaffMember {
        id: String::new(),
        name: name.into(),
        personnel_number: number.into(),
        department: "Отдел продаж".into(),
        hired_on: Some(d("2020-02-03")),
    }
}

/// Edits the first clause's text as the editor would.
fn change_first_clause(desk: &Desk, text: &str) {
    let mut doc = desk.document().unwrap();
    doc.sections[0].clauses[0].text = text.into();
    desk.edit(doc, None, 1).unwrap();
}

fn pdf_text(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext").arg(path).arg("-").output().ok()?;
    assert!(out.status.success());
    Some(
        String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn folder(desk: &Desk, dir: &Path, name: &str) -> String {
    let f = dir.join(name);
    std::fs::create_dir_all(&f).unwrap();
    desk.chosen(Choice::ExportFolder, f).display().to_string()
}

#[test]
fn approving_freezes_an_edition_in_one_undo_step_and_refuses_an_unchanged_text() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    assert_eq!(
        desk.editions(d("2026-03-01")).unwrap().draft,
        Draft::NoEdition
    );
    let state = desk
        .approve(d("2026-03-02"), Some(" 5-к ".into()), t(T0), 10)
        .unwrap();
    let doc = state.document.unwrap();
    assert!(
        doc.editions.is_empty(),
        "the UI never gets the frozen content"
    );
    match &doc.approval {
        jobdoc_model::Approval::Order { number, date } => {
            assert_eq!(number, "5-к");
            assert_eq!(*date, Some(d("2026-03-02")));
        }
        other => panic!("approved by order: {other:?}"),
    }
    let view = desk.editions(d("2026-03-05")).unwrap();
    assert_eq!(view.editions.len(), 1);
    assert_eq!(view.editions[0].approved_on, d("2026-03-02"));
    assert!(!view.editions[0].damaged);
    assert_eq!(view.draft, Draft::Approved { edition: 1 });
    // The same text again: nothing to approve.
    let e = desk.approve(d("2026-03-03"), None, t(T0), 20).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NothingToApprove);
    // Undo takes the unsaved approval back.
    desk.undo().unwrap();
    assert_eq!(desk.editions(d("2026-03-05")).unwrap().editions.len(), 0);
    desk.redo().unwrap();
    assert_eq!(desk.editions(d("2026-03-05")).unwrap().editions.len(), 1);
}

#[test]
fn a_saved_edition_survives_undo_and_reloads_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let file = desk.chosen(Choice::SaveDocument, dir.path().join("doc.jobdoc"));
    desk.approve(d("2026-03-02"), None, t(T0), 10).unwrap();
    desk.save(Some(&file.display().to_string()), false, t(T0))
        .unwrap();
    let on_disk = jobdoc_model::load(&file).unwrap().editions;
    desk.undo().unwrap();
    assert_eq!(
        desk.editions(d("2026-03-05")).unwrap().editions.len(),
        1,
        "a saved edition is never taken back"
    );
    change_first_clause(&desk, "Новая формулировка пункта.");
    desk.save(None, false, t("2026-03-04T09:00:00Z")).unwrap();
    let again = jobdoc_model::load(&file).unwrap().editions;
    assert_eq!(again, on_disk, "the edition is written back unchanged");
}

#[test]
fn compare_lists_the_changed_clause_with_its_words_and_exports_the_list_of_changes() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let before = desk.document().unwrap().sections[0].clauses[0].plain_text();
    desk.approve(d("2026-03-02"), None, t(T0), 10).unwrap();
    change_first_clause(
        &desk,
        &format!("{before} Дополнительно отвечает за отчёты."),
    );
    let view = desk.editions(d("2026-03-05")).unwrap();
    assert_eq!(view.draft, Draft::Changed { since: 1 });
    let c = desk
        .compare(Side::Edition { number: 1 }, Side::Draft)
        .unwrap();
    let changed: Vec<_> = c.changes().collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].kind, ChangeKind::Changed);
    assert_eq!(changed[0].new.as_ref().unwrap().label, "1.1.");
    let added: String = changed[0]
        .words
        .iter()
        .filter(|w| w.kind == WordsKind::Added)
        .map(|w| w.text.as_str())
        .collect();
    assert!(added.contains("отчёты"), "{added}");
    // The read-only edition is the text as approved.
    let first = desk.edition_document(1).unwrap();
    assert_eq!(first.sections[0].clauses[0].plain_text(), before);
    assert_eq!(
        desk.edition_document(7).unwrap_err().code(),
        ErrorCode::NoSuchEdition
    );

    let out = folder(&desk, dir.path(), "changes");
    let written = desk
        .export_changes(
            Side::Edition { number: 1 },
            Side::Draft,
            &out,
            &[Format::Pdf, Format::Docx],
            false,
            t(T0),
        )
        .unwrap();
    assert_eq!(written.files.len(), 2, "{written:?}");
    let pdf = PathBuf::from(&written.files[0]);
    assert!(pdf
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("Лист изменений"));
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("ЛИСТ ИЗМЕНЕНИЙ"), "{text}");
        assert!(text.contains("отвечает за отчёты"), "{text}");
    }
    // Again without overwrite: nothing written, the files listed.
    let again = desk
        .export_changes(
            Side::Edition { number: 1 },
            Side::Draft,
            &out,
            &[Format::Pdf],
            false,
            t(T0),
        )
        .unwrap();
    assert!(again.files.is_empty());
    assert_eq!(again.existing.len(), 1);
    // A folder never chosen is refused.
    let e = desk
        .export_changes(
            Side::Edition { number: 1 },
            Side::Draft,
            &dir.path().join("elsewhere").display().to_string(),
            &[Format::Pdf],
            false,
            t(T0),
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PathNotGranted);
}

#[test]
fn an_edition_exports_and_prints_exactly_as_approved() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    desk.approve(d("2026-03-02"), None, t(T0), 10).unwrap();
    change_first_clause(&desk, "Черновик следующей редакции.");
    let out = folder(&desk, dir.path(), "edition");
    let request = |overwrite| ExportRequest {
        folder: out.clone(),
        pattern: "<position> — ред. 1".into(),
        formats: vec![Format::Pdf],
        overwrite,
        pdfa: false,
        kedo: false,
    };
    let first = desk.export_edition(1, request(false)).unwrap();
    let bytes = std::fs::read(&first.files[0]).unwrap();
    desk.export_edition(1, request(true)).unwrap();
    assert_eq!(std::fs::read(&first.files[0]).unwrap(), bytes, "same bytes");
    // Printing the edition sends exactly the exported file, not the draft.
    assert_eq!(
        desk.edition_pdf(1).unwrap().bytes,
        bytes,
        "printed = exported"
    );
    assert!(matches!(
        desk.edition_pdf(2),
        Err(e) if e.code() == ErrorCode::NoSuchEdition
    ));
    if let Some(text) = pdf_text(Path::new(&first.files[0])) {
        assert!(!text.contains("Черновик следующей редакции"));
    }
}

#[test]
fn who_must_acknowledge_a_new_edition_the_register_and_the_copies() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let mut doc = desk.document().unwrap();
    doc.staff = vec![
        member("Иванова Анна Сергеевна", "17"),
        member("Петров Пётр Петрович", "18"),
    ];
    let state = desk.edit(doc, None, 1).unwrap();
    let staff = state.document.unwrap().staff;
    assert_eq!(
        staff.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        ["e1", "e2"],
        "ids are given by the session"
    );
    desk.approve(d("2026-03-02"), None, t(T0), 10).unwrap();
    let mut doc = desk.document().unwrap();
    doc.acknowledged.push(Acknowledged {
        employee: "e1".into(),
        edition: 1,
        date: d("2026-03-03"),
    });
    desk.edit(doc, None, 20).unwrap();
    let view = desk.editions(d("2026-03-04")).unwrap();
    let standing: Vec<_> = view.standing.iter().map(|s| s.standing).collect();
    use jobdoc_model::staff::Standing;
    assert_eq!(standing, [Standing::Acknowledged, Standing::Due]);
    change_first_clause(&desk, "Изменённый пункт для второй редакции.");
    desk.approve(d("2026-03-10"), None, t(T0), 30).unwrap();
    let view = desk.editions(d("2026-04-01")).unwrap();
    let standing: Vec<_> = view.standing.iter().map(|s| s.standing).collect();
    assert_eq!(
        standing,
        [Standing::Overdue, Standing::Overdue],
        "both again"
    );
    assert_eq!(view.standing[0].previous_edition, Some(1));

    let out = folder(&desk, dir.path(), "register");
    let reg = desk
        .export_register(
            &out,
            &[RegisterFormat::Xlsx, RegisterFormat::Pdf],
            d("2026-04-01"),
            false,
            t(T0),
        )
        .unwrap();
    assert_eq!(reg.files.len(), 2);
    assert!(std::fs::read(&reg.files[0])
        .unwrap()
        .starts_with(b"PK\x03\x04"));
    if let Some(text) = pdf_text(Path::new(&reg.files[1])) {
        assert!(text.contains("Петров Пётр Петрович"), "{text}");
        assert!(text.contains("просрочено"), "{text}");
    }

    let out = folder(&desk, dir.path(), "copies");
    let copies = desk
        .export_copies(CopiesRequest {
            folder: out.clone(),
            pattern: "<employee>: копия".into(),
            formats: vec![Format::Pdf],
            one_pdf: false,
            overwrite: false,
        })
        .unwrap();
    assert_eq!(copies.files.len(), 2, "{copies:?}");
    for (file, (mine, other)) in copies.files.iter().zip([
        ("Иванова Анна Сергеевна", "Петров"),
        ("Петров Пётр Петрович", "Иванова"),
    ]) {
        let name = Path::new(file)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(!name.contains(':'), "safe for Windows: {name}");
        assert!(name.starts_with(mine), "{name}");
        if let Some(text) = pdf_text(Path::new(file)) {
            assert!(text.contains(mine) && !text.contains(other), "{file}");
        }
    }
    let one = desk
        .export_copies(CopiesRequest {
            folder: out,
            pattern: "Все копии".into(),
            formats: vec![],
            one_pdf: true,
            overwrite: false,
        })
        .unwrap();
    if let Some(text) = pdf_text(Path::new(&one.files[0])) {
        assert!(text.contains("Иванова Анна Сергеевна") && text.contains("Петров Пётр Петрович"));
    }
}

#[test]
fn an_employee_list_is_imported_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let desk = desk(dir.path());
    let mut doc = desk.document().unwrap();
    doc.staff = vec![member("Иванова Анна Сергеевна", "17")];
    desk.edit(doc, None, 1).unwrap();
    let good = dir.path().join("staff.csv");
    std::fs::write(
        &good,
        "ФИО;Табельный номер;Подразделение\nИванова Анна Сергеевна;17;Продажи\nСидоров Иван Ильич;19;Продажи\n",
    )
    .unwrap();
    let e = desk
        .import_staff(&good.display().to_string(), 5)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::PathNotGranted, "only a chosen file");
    let good = desk.chosen(Choice::StaffList, good);
    let imported = desk.import_staff(&good.display().to_string(), 10).unwrap();
    assert_eq!((imported.import.added, imported.import.known), (1, 1));
    let staff = imported.state.document.unwrap().staff;
    assert_eq!(staff.len(), 2);
    assert_eq!(staff[1].name, "Сидоров Иван Ильич");
    assert_eq!(staff[1].id, "e2");
    // One undo step takes the whole import back.
    desk.undo().unwrap();
    assert_eq!(desk.document().unwrap().staff.len(), 1);

    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "ФИО;Дата приёма\nСидоров Иван Ильич;01.02.2020\nКузнецова Ольга;31.02.2026\n",
    )
    .unwrap();
    let bad = desk.chosen(Choice::StaffList, bad);
    let e = desk
        .import_staff(&bad.display().to_string(), 20)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidEmployeeList);
    assert!(
        e.message(jobdoc_model::Language::Ru).contains('3'),
        "names the row"
    );
    assert_eq!(
        desk.document().unwrap().staff.len(),
        1,
        "nothing imported half"
    );
}
