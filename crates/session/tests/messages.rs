//! Every [`ErrorCode`] is said by at least one error value, in Russian and in English; the two
//! differ, both name the file where there is one, and the Russian one holds no English — only
//! file names, names from the file or the lock («quoted», or user and machine names) and the
//! words that are the same in both languages (Jobdoc, JSON, UTF-8, PDF, DOCX, UTC).
//!
//! The values are made the way the code makes them where that is cheap (reading bad bytes,
//! saving into a missing folder); the rest are built directly, as the libraries build them.

use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;

use jobdoc_docx::DocxError;
use jobdoc_export::{ExportError, WriteError};
use jobdoc_import::ImportError;
use jobdoc_library::LibraryError;
use jobdoc_model::error::UserError;
use jobdoc_model::{file, ErrorCode, FileError, Language, Timestamp};
use jobdoc_pdf::PdfError;
use jobdoc_roster::RosterError;
use jobdoc_session::{DesktopAction, ReadOnly, ReadOnlyReason, SessionError};
use jobdoc_store::lock::{LockInfo, LockOwner};
use jobdoc_store::{DiskChange, JournalError, LockError, SaveError};

const DOC: &str = "/share/Отдел кадров/Менеджер.jobdoc";
const OTHER: &str = "/share/Отдел кадров/~$Менеджер.jobdoc.lock";
const NAMES: &[&str] = &["ivanova", "HR-PC-07"];
const SAME_IN_BOTH: &[&str] = &[
    "Jobdoc",
    "JSON",
    "UTF-8",
    "PDF",
    "DOCX",
    "UTC",
    "LibreOffice",
    "ODT",
    "RTF",
    "DOC",
    "HTML",
    "Markdown",
    "ZIP",
];

fn doc() -> PathBuf {
    PathBuf::from(DOC)
}

/// The lock file's (or another file's) name, as a message must show it.
fn o() -> Option<String> {
    Some(OTHER.to_owned())
}

/// The document's name, as a message must show it.
fn d() -> Option<String> {
    Some(DOC.to_owned())
}

fn other() -> PathBuf {
    PathBuf::from(OTHER)
}

fn read(bytes: &[u8]) -> FileError {
    file::read(bytes, &doc()).unwrap_err()
}

fn lock_info() -> Box<LockInfo> {
    let t: Timestamp = "2026-11-28T08:00:00Z".parse().unwrap();
    Box::new(LockInfo {
        jobdoc_lock: 1,
        owner: LockOwner {
            user: "ivanova".into(),
            machine: "HR-PC-07".into(),
            pid: 4242,
            since: t,
        },
        heartbeat: t,
    })
}

fn read_only(e: &LockError, reason: ReadOnlyReason) -> Box<ReadOnly> {
    Box::new(ReadOnly {
        reason,
        holder: None,
        can_take_over: false,
        message_ru: e.message(Language::Ru),
        message_en: e.message(Language::En),
    })
}

fn not_found() -> io::Error {
    io::Error::from(io::ErrorKind::NotFound)
}

/// Every kind of failure, as the code makes it.
fn every_error() -> Vec<(Box<dyn UserError>, Option<String>)> {
    let held = LockError::HeldBy {
        doc: doc(),
        info: lock_info(),
    };
    let valid = String::from_utf8(file::to_bytes(&jobdoc_model::Document::blank(
        Language::Ru,
        "id",
        "2026-11-28T08:00:00Z".parse().unwrap(),
    )))
    .unwrap();
    let unknown_field = valid.replacen("\"revision\": 0,", "\"revision\": 0, \"colour\": 1,", 1);
    let wrong_type = valid.replacen("\"revision\": 0,", "\"revision\": \"один\",", 1);
    let missing = tempfile::tempdir().unwrap();
    let nowhere = missing.path().join("нет").join("Менеджер.jobdoc");
    let write_failed = file::save(
        &jobdoc_model::Document::blank(Language::Ru, "id", "2026-11-28T08:00:00Z".parse().unwrap()),
        &nowhere,
    )
    .unwrap_err();
    let nowhere_name = Some(nowhere.display().to_string());
    // (error, the file its message names)
    let mut out: Vec<(Box<dyn UserError>, Option<String>)> = vec![
        (
            Box::new(file::load(&nowhere).unwrap_err()),
            nowhere_name.clone(),
        ),
        (Box::new(write_failed), nowhere_name),
        (Box::new(read(b"")), d()),
        (
            Box::new(FileError::TooLarge {
                path: doc(),
                size: 20_000_000,
            }),
            d(),
        ),
        (Box::new(read(&[0xff, 0xfe, 0])), d()),
        (Box::new(read(b"[1]")), d()),
        (Box::new(read(b"{}")), d()),
        (Box::new(read(b"{\"schema\": \"1\"}")), d()),
        (Box::new(read(b"{\"schema\": 0}")), d()),
        (Box::new(read("Должностная инструкция".as_bytes())), d()),
        (Box::new(read(b"{\"schema\": 2, \"organisation\"")), d()),
        (Box::new(read(b"{\"schema\": 99}")), d()),
        (Box::new(read(unknown_field.as_bytes())), d()),
        (Box::new(read(wrong_type.as_bytes())), d()),
        (
            Box::new(SaveError::ChangedOnDisk {
                path: doc(),
                change: DiskChange::Deleted,
            }),
            d(),
        ),
        (
            Box::new(SaveError::Backup {
                path: doc(),
                backup: other(),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            }),
            d(),
        ),
        (
            Box::new(SaveError::Write {
                path: doc(),
                source: io::Error::from(io::ErrorKind::StorageFull),
            }),
            d(),
        ),
        (
            Box::new(SaveError::Check {
                path: doc(),
                source: not_found(),
            }),
            d(),
        ),
        (
            Box::new(LockError::Unreadable {
                doc: doc(),
                lock: other(),
                reason: "expected value at line 1 column 1".into(),
            }),
            d(),
        ),
        (
            Box::new(LockError::Lost {
                doc: doc(),
                by: Some(lock_info()),
            }),
            d(),
        ),
        (
            Box::new(LockError::Lost {
                doc: doc(),
                by: None,
            }),
            d(),
        ),
        (
            Box::new(LockError::Io {
                doc: doc(),
                lock: other(),
                source: io::Error::from(io::ErrorKind::ReadOnlyFilesystem),
            }),
            d(),
        ),
        (
            Box::new(SessionError::ReadOnly {
                path: doc(),
                read_only: read_only(&held, ReadOnlyReason::Locked),
            }),
            d(),
        ),
        (
            Box::new(SessionError::LockLive {
                path: doc(),
                read_only: read_only(&held, ReadOnlyReason::Locked),
            }),
            d(),
        ),
        (Box::new(held), d()),
        (Box::new(SessionError::NotReadOnly), None),
        (
            Box::new(JournalError::Folder {
                dir: other(),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            }),
            o(),
        ),
        (
            Box::new(JournalError::Write {
                file: other(),
                source: io::Error::from(io::ErrorKind::StorageFull),
            }),
            o(),
        ),
        (
            Box::new(JournalError::Discard {
                file: other(),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            }),
            o(),
        ),
        (Box::new(SessionError::NoJournal), None),
        (Box::new(SessionError::RecoveryGone), None),
        (Box::new(SessionError::NoDocument), None),
        (Box::new(SessionError::NoPath), None),
        (
            Box::new(SessionError::UnknownTemplate {
                id: "ru-no-such".into(),
            }),
            None,
        ),
        (
            Box::new(SessionError::PathNotGranted { path: DOC.into() }),
            d(),
        ),
        (Box::new(SessionError::NoFormat), None),
        (
            Box::new(SessionError::FolderMissing { folder: other() }),
            o(),
        ),
        (Box::new(ExportError::Pdf(PdfError::NoPages)), None),
        (
            Box::new(ExportError::Docx(DocxError::Xml {
                part: "word/document.xml".into(),
                source: jobdoc_docx::xml::XmlError {
                    offset: 7,
                    reason: "unclosed element",
                },
            })),
            None,
        ),
        (
            Box::new(WriteError {
                path: doc(),
                source: not_found(),
            }),
            d(),
        ),
        (Box::new(SessionError::NothingToShow { path: doc() }), d()),
        (
            Box::new(LibraryError::Folder {
                path: other(),
                source: not_found(),
            }),
            o(),
        ),
        (Box::new(LibraryError::NameTaken { path: doc() }), d()),
        (
            Box::new(LibraryError::InvalidName {
                name: "../Менеджер".into(),
            }),
            None,
        ),
        (
            Box::new(LibraryError::Index {
                path: other(),
                reason: "database disk image is malformed".into(),
            }),
            o(),
        ),
        (Box::new(LibraryError::EmptyQuery), None),
        (Box::new(SessionError::NoLibrary), None),
        (Box::new(SessionError::NoReplacePreview), None),
        (Box::new(RosterError::Empty { file: DOC.into() }), d()),
        (
            Box::new(LibraryError::Move {
                from: doc(),
                to: other(),
                source: io::Error::from(io::ErrorKind::PermissionDenied),
            }),
            d(),
        ),
        imported(b"PK\x03\x04 not a zip", "broken.docx"),
        imported(b"%PDF-1.7", "scan.pdf"),
        (
            Box::new(SessionError::Import {
                path: doc(),
                error: ImportError::NeedsLibreOffice {
                    format: "DOC".into(),
                },
            }),
            d(),
        ),
        (
            Box::new(SessionError::Import {
                path: doc(),
                error: ImportError::ConversionTimeout { seconds: 60 },
            }),
            d(),
        ),
    ];
    // The import review's refusals.
    for error in [
        jobdoc_import::ReassignError::NoSuchParagraph { entry: 99 },
        jobdoc_import::ReassignError::NotInBody { entry: 1 },
        jobdoc_import::ReassignError::NoSuchSection { section: 7 },
        jobdoc_import::ReassignError::Continuation { entry: 4 },
    ] {
        out.push((Box::new(SessionError::Reassign(error)), None));
    }
    for action in [
        DesktopAction::ShowDialog,
        DesktopAction::BuildMenu,
        DesktopAction::ShowInFileManager,
        DesktopAction::Print,
        DesktopAction::CloseWindow,
        DesktopAction::RunInBackground,
    ] {
        out.push((
            Box::new(SessionError::Desktop {
                action,
                detail: "GDK backend unavailable".into(),
            }),
            None,
        ));
    }
    // Printing through CUPS's commands (Jobdoc's print dialog).
    out.push((
        Box::new(SessionError::InvalidPages {
            pages: "7-9".into(),
            count: 5,
        }),
        None,
    ));
    out.push((Box::new(SessionError::NoPrinters), None));
    for missing in [true, false] {
        out.push((
            Box::new(SessionError::PrintCommand {
                detail: "lp: The printer or class does not exist.".into(),
                missing,
            }),
            None,
        ));
    }
    // The clause library: a clause or place that is gone.
    out.push((
        Box::new(SessionError::NotThere {
            what: "template:ru-accountant#c3".into(),
        }),
        None,
    ));
    // Employee lists, read the way `jobdoc batch` reads them.
    let list = "/share/Отдел кадров/Сотрудники.csv";
    for bytes in [
        &b""[..],
        "Должность;Отдел\nБухгалтер;Бухгалтерия\n".as_bytes(),
        "ФИО;Дата приёма\nИванова Анна Сергеевна;31.02.2026\n".as_bytes(),
        "ФИО\nИванова Анна Сергеевна\nИванова Анна Сергеевна\n".as_bytes(),
    ] {
        out.push((
            Box::new(jobdoc_roster::read(bytes, list).unwrap_err()),
            Some(list.to_owned()),
        ));
    }
    // Editions, employees and their copies (crates/session/src/editions.rs).
    out.push((
        Box::new(SessionError::NothingToApprove { edition: 2 }),
        None,
    ));
    out.push((Box::new(SessionError::HistoryDamaged { edition: 1 }), None));
    out.push((Box::new(SessionError::NoSuchEdition { edition: 4 }), None));
    out.push((Box::new(SessionError::NoAcknowledgementPlace), None));
    out.push((Box::new(SessionError::NoEmployees), None));
    out.push((
        Box::new(SessionError::NotWritten {
            path: doc(),
            error: "disk full".into(),
        }),
        d(),
    ));
    out
}

/// The error importing `bytes` from a file called `name` (in a temporary folder) gives.
fn imported(bytes: &[u8], name: &str) -> (Box<dyn UserError>, Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let now = "2026-11-28T08:00:00Z".parse().unwrap();
    let e = jobdoc_session::import::import_file(&path, "id", now, None).unwrap_err();
    let message = e.message(Language::Ru);
    assert!(message.contains(name), "{message}");
    (Box::new(e), Some(path.display().to_string()))
}

/// The Russian message without what may be Latin in it: file names, «quoted» names, user and
/// machine names, and the words that are the same in both languages.
fn without_names(message: &str, paths: &[String]) -> String {
    let mut rest = message.to_owned();
    for p in paths {
        rest = rest.replace(p.as_str(), "");
    }
    while let Some(start) = rest.find('«') {
        let Some(len) = rest[start..].find('»') else {
            break;
        };
        rest.replace_range(start..start + len + '»'.len_utf8(), "");
    }
    for word in NAMES.iter().chain(SAME_IN_BOTH) {
        rest = rest.replace(word, "");
    }
    rest
}

#[test]
fn every_code_has_a_russian_and_an_english_message() {
    let mut said: BTreeMap<String, usize> = BTreeMap::new();
    for (error, file) in every_error() {
        let code = error.code();
        let name = serde_json::to_value(code)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned();
        let ru = error.message(Language::Ru);
        let en = error.message(Language::En);
        assert!(
            !ru.trim().is_empty() && !en.trim().is_empty(),
            "{name}: empty message"
        );
        assert_ne!(ru, en, "{name}: the same message in both languages");
        assert_eq!(en, error.to_string(), "{name}: English is the Display text");
        let mut paths = vec![DOC.to_owned(), OTHER.to_owned()];
        if let Some(file) = file {
            assert!(
                ru.contains(&file) && en.contains(&file),
                "{name}: does not name {file}: {ru} / {en}"
            );
            paths.push(file);
        }
        let latin: String = without_names(&ru, &paths)
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        assert!(
            latin.is_empty(),
            "{name}: English in the Russian message: {ru}"
        );
        assert!(
            ru.chars()
                .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap())),
            "{name}: no Russian in {ru}"
        );
        *said.entry(name).or_default() += 1;
    }
    let missing: Vec<&ErrorCode> = ErrorCode::ALL
        .iter()
        .filter(|c| {
            let name = serde_json::to_value(c)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned();
            !said.contains_key(&name)
        })
        .collect();
    assert!(missing.is_empty(), "no error says {missing:?}");
}

#[test]
fn a_message_says_what_to_do_where_that_helps() {
    let newer = read(b"{\"schema\": 99}");
    assert!(newer
        .message(Language::Ru)
        .ends_with("обновите Jobdoc, чтобы открыть его"));
    assert!(newer
        .message(Language::En)
        .ends_with("update Jobdoc to open it"));
    let held = LockError::HeldBy {
        doc: doc(),
        info: lock_info(),
    };
    let ro = SessionError::ReadOnly {
        path: doc(),
        read_only: read_only(&held, ReadOnlyReason::Locked),
    };
    assert_eq!(
        ro.message(Language::Ru),
        format!(
            "{DOC}: документ открыт пользователем ivanova на компьютере HR-PC-07 с 28.11.2026 \
             08:00 UTC; документ открыт только для чтения — сохраните его под другим именем"
        )
    );
    let grant = SessionError::PathNotGranted { path: DOC.into() };
    assert!(grant
        .message(Language::Ru)
        .contains("сначала выберите этот файл"));
    assert_eq!(read(b"").message(Language::Ru), format!("{DOC}: файл пуст"));
}
