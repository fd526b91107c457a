//! The library screen behind the window ([`Shelf`]) on a temporary library folder made of
//! built-in templates: the folder grant (and everything under it), the recent libraries, the
//! table after changes by a colleague, search with Russian stems, duplicate / rename /
//! archive, find and replace with unticked changes and a document someone holds open, and
//! batch export into a granted folder. Times are passed in.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use jobdoc_export::Format;
use jobdoc_library::{HitSource, Place, SearchFilter};
use jobdoc_model::error::UserError;
use jobdoc_model::{file, ErrorCode, Language, SectionKind, Timestamp};
use jobdoc_session::desk::Start;
use jobdoc_session::grants::Choice;
use jobdoc_session::library::{BatchRequest, KeptChange, Shelf, SkipReason};
use jobdoc_session::settings::Settings;
use jobdoc_session::{Desk, SessionError};
use jobdoc_store::lock::{self, LockOwner};

const T0: &str = "2026-11-28T09:00:00Z";

fn t(stamp: &str) -> Timestamp {
    stamp.parse().unwrap()
}

fn after(secs: i64) -> Timestamp {
    Timestamp::from_unix(t(T0).unix_seconds() + secs)
}

fn template(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../templates")
        .join(rel)
}

/// A library of three documents (two Russian in `Бухгалтерия/`, one English) and a data folder
/// beside it.
struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    data: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let data = dir.path().join("data");
    fs::create_dir_all(root.join("Бухгалтерия")).unwrap();
    for (from, to) in [
        (
            "finance/ru-accountant.jobdoc",
            "Бухгалтерия/Бухгалтер.jobdoc",
        ),
        (
            "finance/ru-chief-accountant.jobdoc",
            "Бухгалтерия/Главный бухгалтер.jobdoc",
        ),
        ("finance/en-cashier.jobdoc", "Cashier.jobdoc"),
    ] {
        fs::copy(template(from), root.join(to)).unwrap();
    }
    Fixture {
        _dir: dir,
        root,
        data,
    }
}

fn desk(data: &Path) -> Desk {
    Desk::start(Start {
        owner: LockOwner::current(t(T0)),
        journal_dir: Some(data.join("recovery")),
        settings_path: Some(data.join("settings.json")),
        file: None,
        system_language: Language::En,
        now: t(T0),
    })
}

/// Opens the fixture's library as the library dialog would.
fn opened(f: &Fixture) -> (Desk, Shelf) {
    let desk = desk(&f.data);
    let shelf = Shelf::new(Some(f.data.clone()));
    let root = desk.chosen(Choice::LibraryFolder, f.root.clone());
    shelf
        .open(&desk, &root.display().to_string(), after(10))
        .unwrap();
    (desk, shelf)
}

/// Every file under `dir` (relative, sorted).
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().display().to_string());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn a_library_opens_only_when_chosen_and_is_remembered_with_its_files_granted() {
    let f = fixture();
    let desk = desk(&f.data);
    let shelf = Shelf::new(Some(f.data.clone()));
    let folder = f.root.display().to_string();
    assert_eq!(
        shelf.open(&desk, &folder, after(10)).unwrap_err().code(),
        ErrorCode::PathNotGranted
    );
    assert_eq!(
        shelf.refresh(after(10)).unwrap_err().code(),
        ErrorCode::NoLibrary
    );
    assert!(shelf
        .preview_replace(&[], "x", "y")
        .is_err_and(|e| e.code() == ErrorCode::NoLibrary));

    desk.chosen(Choice::LibraryFolder, f.root.clone());
    let opened = shelf.open(&desk, &folder, after(10)).unwrap();
    let paths: Vec<&str> = opened
        .listing
        .rows
        .iter()
        .map(|r| r.path.as_str())
        .collect();
    assert_eq!(
        paths,
        [
            "Cashier.jobdoc",
            "Бухгалтерия/Бухгалтер.jobdoc",
            "Бухгалтерия/Главный бухгалтер.jobdoc"
        ]
    );
    assert_eq!(opened.settings.recent_libraries, [folder.as_str()]);
    assert_eq!(
        Settings::load(&f.data.join("settings.json")).recent_libraries,
        [folder.as_str()]
    );

    // Any document under the folder opens in the editor, and becomes a recent file.
    let doc = shelf
        .open_document(&desk, "Бухгалтерия/Главный бухгалтер.jobdoc", after(11))
        .unwrap();
    assert_eq!(
        doc.state.document.unwrap().position.name,
        "главный бухгалтер"
    );
    assert!(shelf
        .open_document(&desk, "../secret.jobdoc", after(11))
        .is_err());
    desk.close();

    // Next run: the recent library opens without a dialog, and its documents with it.
    let desk2 = self::desk(&f.data);
    let shelf2 = Shelf::new(Some(f.data.clone()));
    shelf2.open(&desk2, &folder, after(20)).unwrap();
    assert!(shelf2
        .open_document(&desk2, "Cashier.jobdoc", after(21))
        .is_ok());

    // A library folder that is gone fails with the library's code and leaves the list.
    let gone = f.root.with_file_name("gone");
    fs::rename(&f.root, &gone).unwrap();
    let e = shelf2.open(&desk2, &folder, after(30)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::LibraryFolderFailed);
    assert!(desk2.startup().settings.recent_libraries.is_empty());
}

#[test]
fn the_table_follows_a_colleagues_changes_and_shows_who_has_a_document_open() {
    let f = fixture();
    let (_desk, shelf) = opened(&f);
    // A colleague adds a document, deletes one and opens another.
    fs::copy(
        template("finance/ru-cashier.jobdoc"),
        f.root.join("Кассир.jobdoc"),
    )
    .unwrap();
    fs::remove_file(f.root.join("Cashier.jobdoc")).unwrap();
    let colleague = LockOwner {
        user: "ivanova".into(),
        machine: "HR-PC-07".into(),
        pid: 1,
        since: after(30),
    };
    let held = f.root.join("Бухгалтерия/Бухгалтер.jobdoc");
    let _guard = lock::acquire(&held, colleague).unwrap();
    let listing = shelf.refresh(after(40)).unwrap();
    let paths: Vec<&str> = listing.rows.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Бухгалтерия/Бухгалтер.jobdoc",
            "Бухгалтерия/Главный бухгалтер.jobdoc",
            "Кассир.jobdoc"
        ]
    );
    match &listing.rows[0].lock {
        jobdoc_library::LockState::Held(h) => assert_eq!(h.user, "ivanova"),
        other => panic!("expected the colleague's lock, got {other:?}"),
    }
}

fn documents_only() -> SearchFilter {
    SearchFilter {
        templates: false,
        ..SearchFilter::default()
    }
}

#[test]
fn search_narrowed_to_a_section_and_a_language_lists_only_those() {
    let f = fixture();
    let (_desk, shelf) = opened(&f);
    let everything = shelf
        .search("бухгалтер", SearchFilter::default(), &mut |_| {})
        .unwrap();
    let sections_of = |r: &jobdoc_library::SearchResults| -> Vec<Option<SectionKind>> {
        r.documents
            .iter()
            .flat_map(|d| &d.hits)
            .map(|h| match &h.place {
                Place::Clause { section, .. } => Some(*section),
                Place::Field { .. } => None,
            })
            .collect()
    };
    // Unfiltered, the word is found in more than one section (and in fields such as the title).
    let all = sections_of(&everything);
    assert!(
        all.iter().any(|s| *s != Some(SectionKind::Duties)),
        "{all:?}"
    );
    let duties = shelf
        .search(
            "бухгалтер",
            SearchFilter {
                section: Some(SectionKind::Duties),
                ..SearchFilter::default()
            },
            &mut |_| {},
        )
        .unwrap();
    let only = sections_of(&duties);
    assert!(!only.is_empty(), "nothing found in the duties");
    assert!(
        only.iter().all(|s| *s == Some(SectionKind::Duties)),
        "{only:?}"
    );
    // The language: «CRM» is written in Russian and in English templates alike.
    let crm = shelf
        .search("CRM", SearchFilter::default(), &mut |_| {})
        .unwrap();
    let languages: Vec<Language> = crm.documents.iter().map(|d| d.language).collect();
    assert!(
        languages.contains(&Language::Ru) && languages.contains(&Language::En),
        "{languages:?}"
    );
    for only in [Language::Ru, Language::En] {
        let filter = SearchFilter {
            language: Some(only),
            ..SearchFilter::default()
        };
        let found = shelf.search("CRM", filter, &mut |_| {}).unwrap();
        assert!(!found.documents.is_empty(), "nothing in {only:?}");
        assert!(
            found.documents.iter().all(|d| d.language == only),
            "{only:?}: {:?}",
            found.documents
        );
    }
}

#[test]
fn search_finds_stemmed_russian_words_and_keeps_its_index_out_of_the_library() {
    let f = fixture();
    let (_desk, shelf) = opened(&f);
    let before = files_under(&f.root);
    let steps = AtomicU32::new(0);
    let report = shelf
        .update_index(&mut |_| {
            steps.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();
    assert!(report.indexed >= 3, "{report:?}");
    assert!(steps.load(Ordering::SeqCst) > 0, "no progress was reported");
    let results = shelf
        .search("обязанности бухгалтера", documents_only(), &mut |_| {})
        .unwrap();
    let found: Vec<String> = results
        .documents
        .iter()
        .map(|d| match &d.source {
            HitSource::Document { path } => path.clone(),
            HitSource::Template { id } => id.clone(),
        })
        .collect();
    assert!(
        found.contains(&"Бухгалтерия/Бухгалтер.jobdoc".to_owned()),
        "{found:?}"
    );
    assert!(results.documents[0]
        .hits
        .iter()
        .any(|h| h.snippet.iter().any(|p| p.highlighted)));
    // With the templates.
    let with_templates = shelf
        .search("бухгалтер", SearchFilter::default(), &mut |_| {})
        .unwrap();
    assert!(with_templates
        .documents
        .iter()
        .any(|d| matches!(d.source, HitSource::Template { .. })));
    assert_eq!(
        shelf
            .search("  ", documents_only(), &mut |_| {})
            .unwrap_err()
            .code(),
        ErrorCode::EmptyQuery
    );
    // Nothing but documents in the library folder; the index is in the data folder.
    assert_eq!(files_under(&f.root), before);
    assert!(files_under(&f.data)
        .iter()
        .any(|p| p.starts_with("library-index")));
}

#[test]
fn duplicate_rename_and_archive_change_the_table() {
    let f = fixture();
    let (_desk, shelf) = opened(&f);
    let copy = shelf
        .duplicate(
            "Бухгалтерия/Главный бухгалтер.jobdoc",
            "  заместитель главного бухгалтера ",
            "new-id",
            after(50),
        )
        .unwrap();
    assert_eq!(
        copy.path,
        "Бухгалтерия/заместитель главного бухгалтера.jobdoc"
    );
    let row = copy
        .listing
        .rows
        .iter()
        .find(|r| r.path == copy.path)
        .unwrap();
    assert_eq!(row.position, "заместитель главного бухгалтера");
    assert_eq!(row.id, "new-id");
    assert_eq!(row.revision, 0);
    let doc = file::load(&f.root.join(&copy.path)).unwrap();
    assert_eq!(doc.position.title_form, "заместителя главного бухгалтера");
    assert_eq!(
        shelf
            .duplicate("Cashier.jobdoc", " ", "x", after(50))
            .unwrap_err()
            .code(),
        ErrorCode::InvalidName
    );

    let renamed = shelf
        .rename("Cashier.jobdoc", "Senior cashier", after(51))
        .unwrap();
    assert_eq!(renamed.path, "Senior cashier.jobdoc");
    assert!(f.root.join("Senior cashier.jobdoc").is_file());
    assert!(!f.root.join("Cashier.jobdoc").exists());
    assert_eq!(
        shelf
            .rename("Senior cashier.jobdoc", "Бухгалтерия/x", after(52))
            .unwrap_err()
            .code(),
        ErrorCode::InvalidName
    );

    let archived = shelf.archive("Senior cashier.jobdoc", after(53)).unwrap();
    assert_eq!(archived.path, "archive/Senior cashier.jobdoc");
    assert!(f.root.join("archive/Senior cashier.jobdoc").is_file());
    assert!(!archived
        .listing
        .rows
        .iter()
        .any(|r| r.path.contains("cashier")));
}

#[test]
fn replace_saves_only_kept_changes_with_backups_and_skips_documents_held_open() {
    let f = fixture();
    let (_desk, shelf) = opened(&f);
    let me = LockOwner::current(after(60));
    assert_eq!(
        shelf.apply_replace(&[], &me, after(60)).unwrap_err().code(),
        ErrorCode::NoReplacePreview
    );
    let a = "Бухгалтерия/Бухгалтер.jobdoc".to_owned();
    let b = "Бухгалтерия/Главный бухгалтер.jobdoc".to_owned();
    let plan = shelf
        .preview_replace(&[a.clone(), b.clone()], "Российской Федерации", "РФ")
        .unwrap();
    assert_eq!(plan.documents.len(), 2, "{plan:?}");
    let first = &plan.documents[0];
    assert!(first.changes.len() >= 2);
    // Keep every change of both documents but the first change of the first.
    let kept: Vec<KeptChange> = plan
        .documents
        .iter()
        .flat_map(|d| {
            d.changes.iter().map(|c| KeptChange {
                path: d.path.clone(),
                key: c.key.clone(),
            })
        })
        .filter(|k| !(k.path == first.path && k.key == first.changes[0].key))
        .collect();
    let applied = shelf.apply_replace(&kept, &me, after(61)).unwrap();
    assert_eq!(applied.report.saved, [a.clone(), b.clone()]);
    let text = fs::read_to_string(f.root.join(&a)).unwrap();
    assert_eq!(
        text.matches("Российской Федерации").count(),
        first.changes[0].count as usize,
        "the unticked change was made"
    );
    assert!(text.contains("РФ"));
    assert!(jobdoc_store::backup_path(&f.root.join(&a)).is_file());
    let row = applied.listing.rows.iter().find(|r| r.path == a).unwrap();
    assert_eq!(row.modified, after(61));
    // The preview is used once.
    assert!(shelf.apply_replace(&kept, &me, after(62)).is_err());

    // A document someone has open is skipped and listed; the other is saved.
    let plan = shelf
        .preview_replace(&[], "РФ", "Российской Федерации")
        .unwrap();
    let colleague = LockOwner {
        user: "ivanova".into(),
        machine: "HR-PC-07".into(),
        pid: 1,
        since: after(63),
    };
    let _guard = lock::acquire(&f.root.join(&b), colleague).unwrap();
    let held_before = fs::read(f.root.join(&b)).unwrap();
    let kept: Vec<KeptChange> = plan
        .documents
        .iter()
        .flat_map(|d| {
            d.changes.iter().map(|c| KeptChange {
                path: d.path.clone(),
                key: c.key.clone(),
            })
        })
        .collect();
    let applied = shelf.apply_replace(&kept, &me, after(64)).unwrap();
    assert_eq!(applied.report.saved, [a.as_str()]);
    assert_eq!(
        applied
            .report
            .locked
            .iter()
            .map(|s| s.path.as_str())
            .collect::<Vec<_>>(),
        [b.as_str()]
    );
    assert_eq!(fs::read(f.root.join(&b)).unwrap(), held_before);
}

#[test]
fn batch_export_writes_into_a_granted_folder_and_lists_what_it_skipped() {
    let f = fixture();
    let (desk, shelf) = opened(&f);
    let out = f.data.parent().unwrap().join("export");
    fs::create_dir_all(&out).unwrap();
    let request = BatchRequest {
        paths: vec![
            "Бухгалтерия/Бухгалтер.jobdoc".into(),
            "Cashier.jobdoc".into(),
        ],
        folder: out.display().to_string(),
        formats: vec![Format::Pdf, Format::Docx],
        overwrite: false,
    };
    let e = shelf.batch_export(&desk, &request, 2, &|_| {}).unwrap_err();
    assert!(matches!(e, SessionError::PathNotGranted { .. }));

    desk.chosen(Choice::ExportFolder, out.clone());
    let seen = AtomicU32::new(0);
    let report = shelf
        .batch_export(&desk, &request, 2, &|p| {
            assert_eq!(p.total, 2);
            seen.fetch_max(p.done, Ordering::SeqCst);
        })
        .unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 2);
    assert_eq!(report.written.len(), 4, "{report:?}");
    assert!(report.skipped.is_empty() && !report.cancelled);
    for written in &report.written {
        let p = Path::new(written);
        assert!(p.starts_with(&out) && p.is_file());
    }
    assert_eq!(
        desk.startup().settings.last_export_dir,
        Some(out.display().to_string())
    );

    // Again: the files exist, nothing is replaced; a vanished document fails by itself.
    fs::remove_file(f.root.join("Cashier.jobdoc")).unwrap();
    let again = shelf.batch_export(&desk, &request, 2, &|_| {}).unwrap();
    assert!(again.written.is_empty());
    let reasons: Vec<(&str, SkipReason)> = again
        .skipped
        .iter()
        .map(|s| (s.path.as_str(), s.reason))
        .collect();
    assert_eq!(
        reasons,
        [
            ("Бухгалтерия/Бухгалтер.jobdoc", SkipReason::Exists),
            ("Cashier.jobdoc", SkipReason::Failed)
        ]
    );
    assert!(again.skipped[0].message.starts_with("the files exist: "));

    let none = BatchRequest {
        formats: vec![],
        ..request
    };
    assert_eq!(
        shelf
            .batch_export(&desk, &none, 2, &|_| {})
            .unwrap_err()
            .code(),
        ErrorCode::NoFormat
    );
}

/// The clause library panel finds a library document's clause (before the templates' same
/// clause) once the library's documents are handed to it; a colleague's own wording is found
/// only in the library.
#[test]
fn the_clause_panel_searches_the_librarys_documents() {
    use jobdoc_library::clauses::ClauseQuery;
    use jobdoc_session::docfind::ClauseLibrary;
    let f = fixture();
    let path = f.root.join("Cashier.jobdoc");
    let mut doc = file::load(&path).unwrap();
    doc.sections[0].clauses[0].text = "Keeps the zebra-striped petty cash ledger.".into();
    file::save(&doc, &path).unwrap();
    let (_desk, shelf) = opened(&f);
    let sources = shelf.clause_sources();
    assert_eq!(sources.len(), 3, "every readable document is a source");
    let clauses = ClauseLibrary::new();
    let query = ClauseQuery {
        text: "zebra".into(),
        section: None,
        position: None,
        language: None,
        limit: 0,
    };
    assert!(
        clauses.search(&query).hits.is_empty(),
        "the templates do not have it"
    );
    clauses.set_documents(sources);
    let hits = clauses.search(&query).hits;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        hits[0].source,
        HitSource::Document {
            path: "Cashier.jobdoc".into()
        }
    );
    shelf.close();
    assert!(shelf.clause_sources().is_empty(), "no library, no sources");
}
