//! The search index: stems, phrases, prefixes, grouping, templates; a cache that is rebuilt
//! when missing, stale, damaged or of another schema; two indexers at once; nothing written
//! to the library folder.

mod common;

use std::fs;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

use common::*;
use jobdoc_library::index::{index_path, HitSource, Index, IndexProgress, Place, SearchOptions};
use jobdoc_library::{Library, LibraryError, SearchFilter};
use jobdoc_model::{Clause, ErrorCode, SectionKind, UserError};

fn library(root: &Path) -> Library {
    let mut acc = doc(ru_template(), "acc", "главный бухгалтер", "Бухгалтерия");
    acc.sections[2].clauses = vec![
        Clause::new("Главный бухгалтер обязан вести бухгалтерский учёт организации."),
        Clause::new("Составляет отчётность в установленные сроки."),
    ];
    write(root, "Бухгалтерия/Главный бухгалтер.jobdoc", &acc);
    let mut drv = doc(en_template(), "drv", "Driver", "Transport");
    drv.sections[2].clauses = vec![Clause::new("Keeps the vehicle in good working order.")];
    write(root, "Transport/Driver.jobdoc", &drv);
    let (lib, listing) = Library::open(root, options(root)).unwrap();
    assert_eq!(listing.rows.len(), 2);
    lib
}

fn opts() -> SearchOptions {
    SearchOptions::default()
}

fn documents_only() -> SearchOptions {
    SearchOptions::from(SearchFilter {
        templates: false,
        ..SearchFilter::default()
    })
}

fn no_progress() -> impl FnMut(IndexProgress) {
    |_| {}
}

fn documents(index: &mut Index, q: &str, templates: bool) -> Vec<String> {
    let o = SearchOptions::from(SearchFilter {
        templates,
        ..SearchFilter::default()
    });
    index
        .search(q, &o, &mut no_progress())
        .unwrap()
        .documents
        .into_iter()
        .map(|d| match d.source {
            HitSource::Document { path } => path,
            HitSource::Template { id } => format!("template:{id}"),
        })
        .collect()
}

#[test]
fn word_forms_phrases_and_prefixes_find_the_clause() {
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let lib = library(lib_dir.path());
    let mut index = Index::open(data.path(), lib_dir.path()).unwrap();
    let report = index.update(&lib, &mut no_progress()).unwrap();
    assert!(report.indexed >= 2);

    // «обязанности бухгалтера» finds «бухгалтер обязан».
    let r = index
        .search(
            "обязанности бухгалтера",
            &documents_only(),
            &mut no_progress(),
        )
        .unwrap();
    assert_eq!(r.documents.len(), 1);
    let d = &r.documents[0];
    assert_eq!(
        d.source,
        HitSource::Document {
            path: "Бухгалтерия/Главный бухгалтер.jobdoc".into()
        }
    );
    let hit = &d.hits[0];
    match &hit.place {
        Place::Clause {
            id,
            section,
            number,
        } => {
            assert_eq!(*section, SectionKind::Duties);
            assert_eq!(number, "3.1.");
            assert!(!id.is_empty());
        }
        other => panic!("{other:?}"),
    }
    let marked: Vec<&str> = hit
        .snippet
        .iter()
        .filter(|p| p.highlighted)
        .map(|p| p.text.as_str())
        .collect();
    // A word matches its own stem, not longer ones («бухгалтерский»); a prefix does.
    assert_eq!(marked, ["бухгалтер", "обязан"]);
    assert_eq!(documents(&mut index, "бухгалтерск*", false).len(), 1);

    // Phrase: the words next to each other only.
    assert_eq!(
        documents(&mut index, "\"бухгалтерский учет\"", false).len(),
        1
    );
    assert!(documents(&mut index, "\"учёт бухгалтерский\"", false).is_empty());
    // Prefix; English stems.
    assert_eq!(documents(&mut index, "отчётн*", false).len(), 1);
    assert_eq!(
        documents(&mut index, "vehicles", false),
        ["Transport/Driver.jobdoc"]
    );
    // A field: the department.
    assert_eq!(documents(&mut index, "транспорт", false).len(), 0);
    assert_eq!(documents(&mut index, "Transport", false).len(), 1);
    // Nothing to search for.
    let err = index
        .search(" * \"\" ", &opts(), &mut no_progress())
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::EmptyQuery);
}

#[test]
fn templates_are_searched_too() {
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let lib = library(lib_dir.path());
    let mut index = Index::open(data.path(), lib_dir.path()).unwrap();
    index.update(&lib, &mut no_progress()).unwrap();
    let found = documents(&mut index, "клиентами", true);
    assert!(
        found.iter().any(|d| d.starts_with("template:ru-")),
        "{found:?}"
    );
    assert!(documents(&mut index, "клиентами", false)
        .iter()
        .all(|d| !d.starts_with("template:")));
}

#[test]
fn the_index_follows_changes_and_deletions() {
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let root = lib_dir.path();
    let mut lib = library(root);
    let mut index = Index::open(data.path(), root).unwrap();
    index.update(&lib, &mut no_progress()).unwrap();
    let again = index.update(&lib, &mut no_progress()).unwrap();
    assert_eq!(again.indexed, 0, "nothing changed");

    let mut d = doc(en_template(), "drv", "Driver", "Transport");
    d.sections[2].clauses = vec![Clause::new("Refuels the lorry.")];
    write(root, "Transport/Driver.jobdoc", &d);
    fs::remove_file(root.join("Бухгалтерия/Главный бухгалтер.jobdoc")).unwrap();
    lib.refresh(Some(after_files(root))).unwrap();
    let r = index.update(&lib, &mut no_progress()).unwrap();
    assert_eq!((r.indexed, r.removed), (1, 1));
    assert!(documents(&mut index, "vehicle", false).is_empty());
    assert_eq!(documents(&mut index, "lorry", false).len(), 1);
    assert!(documents(&mut index, "бухгалтер", false).is_empty());
}

fn rebuilt_after(damage: impl FnOnce(&Path)) {
    rebuilt_after_saying(true, damage)
}

fn rebuilt_after_saying(says: bool, damage: impl FnOnce(&Path)) {
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let lib = library(lib_dir.path());
    {
        let mut index = Index::open(data.path(), lib_dir.path()).unwrap();
        index.update(&lib, &mut no_progress()).unwrap();
    }
    let path = index_path(data.path(), lib_dir.path());
    damage(&path);
    let mut seen = Vec::new();
    let mut index = Index::open(data.path(), lib_dir.path()).unwrap();
    let report = index.update(&lib, &mut |p| seen.push(p)).unwrap();
    let mut found = documents(&mut index, "бухгалтер", false);
    if found.is_empty() {
        // Damage found only by the query: rebuilt then, and the next update fills it.
        index.update(&lib, &mut |p| seen.push(p)).unwrap();
        found = documents(&mut index, "бухгалтер", false);
    }
    assert_eq!(found, ["Бухгалтерия/Главный бухгалтер.jobdoc"]);
    let said = report.rebuilt
        || seen
            .iter()
            .any(|p| matches!(p, IndexProgress::Rebuilding { .. }));
    assert_eq!(said, says, "{seen:?}");
    assert!(
        seen.iter()
            .any(|p| matches!(p, IndexProgress::Indexing { .. })),
        "{seen:?}"
    );
}

#[test]
fn an_index_overwritten_with_garbage_is_rebuilt() {
    rebuilt_after(|path| {
        fs::write(path, vec![0x5a; 64 * 1024]).unwrap();
        for s in ["-wal", "-shm"] {
            let _ = fs::remove_file(format!("{}{s}", path.display()));
        }
    });
}

#[test]
fn an_index_damaged_in_the_middle_is_rebuilt() {
    rebuilt_after(|path| {
        // Checkpoint first so the pages are in the main file.
        let c = rusqlite_free_checkpoint(path);
        assert!(c > 4096, "index of {c} bytes");
        let mut f = fs::OpenOptions::new().write(true).open(path).unwrap();
        f.seek(SeekFrom::Start(4096)).unwrap();
        f.write_all(&vec![0xA5; (c - 4096) as usize]).unwrap();
    });
}

/// The index file's size once its WAL has been folded in (by opening and closing it).
fn rusqlite_free_checkpoint(path: &Path) -> u64 {
    // Closing the last connection checkpoints the WAL into the main file.
    for s in ["-wal", "-shm"] {
        assert!(
            !Path::new(&format!("{}{s}", path.display())).exists()
                || fs::metadata(format!("{}{s}", path.display()))
                    .unwrap()
                    .len()
                    == 0,
            "the WAL was not folded in"
        );
    }
    fs::metadata(path).unwrap().len()
}

#[test]
fn a_missing_index_or_one_of_another_schema_is_rebuilt() {
    // Missing: simply built, nothing to say but the progress.
    rebuilt_after_saying(false, |path| fs::remove_file(path).unwrap());
    rebuilt_after(|path| {
        let c = rusqlite::Connection::open(path).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    });
    rebuilt_after(|path| {
        let c = rusqlite::Connection::open(path).unwrap();
        c.execute("UPDATE meta SET value = 'old' WHERE key = 'analyzer'", [])
            .unwrap();
    });
}

#[test]
fn nothing_but_documents_is_written_to_the_library_folder() {
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let root = lib_dir.path();
    let lib = library(root);
    let before = snapshot(root);
    let mut index = Index::open(data.path(), root).unwrap();
    index.update(&lib, &mut no_progress()).unwrap();
    documents(&mut index, "бухгалтер", true);
    drop(index);
    let (mut lib, _) = Library::open(root, options(root)).unwrap();
    lib.refresh(None).unwrap();
    assert_eq!(snapshot(root), before);
    assert!(index_path(data.path(), root).exists());
    // A data folder inside the library is refused.
    let inside = root.join("data");
    let err = Index::open(&inside, root).err().unwrap();
    assert_eq!(err.code(), ErrorCode::IndexFailed);
    assert!(!inside.exists());
    let _: Option<LibraryError> = None;
}

#[test]
fn two_indexers_at_once_leave_one_sound_index() {
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let root = lib_dir.path().to_path_buf();
    jobdoc_library::generate::write_library(&root, 150).unwrap();
    let data_dir = data.path().to_path_buf();
    // All open the new index at the same moment: SQLite's switch to WAL refuses at once
    // while another connection opens the file, which the index must wait out.
    let start = std::sync::Arc::new(std::sync::Barrier::new(4));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (root, data_dir, start) = (root.clone(), data_dir.clone(), start.clone());
            std::thread::spawn(move || {
                let (lib, _) = Library::open(&root, options(&root)).unwrap();
                start.wait();
                let mut index = Index::open(&data_dir, &root).unwrap();
                index.update(&lib, &mut |_| {}).unwrap();
                documents(&mut index, "кладовщик", false).len()
            })
        })
        .collect();
    let counts: Vec<usize> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert!(
        counts.iter().all(|&c| c == counts[0] && c > 0),
        "{counts:?}"
    );
    // Every document once, and SQLite finds the file sound.
    let c = rusqlite::Connection::open(index_path(&data_dir, &root)).unwrap();
    let docs: i64 = c
        .query_row(
            "SELECT count(*) FROM docs WHERE key LIKE 'doc:%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(docs, 150);
    let check: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let fts: i64 = c
        .query_row("SELECT count(*) FROM fts", [], |r| r.get(0))
        .unwrap();
    let chunks: i64 = c
        .query_row("SELECT count(*) FROM chunks", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fts, chunks);
}

#[test]
fn a_share_that_goes_away_mid_update_leaves_a_working_index() {
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let share = lib_dir.path().join("share");
    fs::create_dir(&share).unwrap();
    let lib = library(&share);
    let mut index = Index::open(data.path(), &share).unwrap();
    // Listed, then the share goes away before the index reads the files.
    let away = lib_dir.path().join("gone");
    fs::rename(&share, &away).unwrap();
    let report = index.update(&lib, &mut no_progress()).unwrap();
    assert_eq!(
        report.indexed as usize,
        jobdoc_model::templates::ids().count()
    );
    // The templates are still found; the library documents are not, until it is back.
    assert!(!documents(&mut index, "клиентами", true).is_empty());
    assert!(documents(&mut index, "бухгалтер", false).is_empty());
    let err = Library::open(&share, options(&away)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LibraryFolderFailed);
    fs::rename(&away, &share).unwrap();
    index.update(&lib, &mut no_progress()).unwrap();
    assert_eq!(documents(&mut index, "бухгалтер", false).len(), 1);
}

#[test]
fn a_word_in_nearly_every_clause_lists_documents_by_path_unranked() {
    // «и» is in three of four Russian clauses of the templates: thousands of matching rows.
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let root = lib_dir.path();
    jobdoc_library::generate::write_library(root, 200).unwrap();
    let (lib, _) = Library::open(root, options(root)).unwrap();
    let mut index = Index::open(data.path(), root).unwrap();
    index.update(&lib, &mut no_progress()).unwrap();
    let o = documents_only();
    let common = index.search("и", &o, &mut no_progress()).unwrap();
    assert!(!common.ranked);
    assert!(common.truncated);
    assert_eq!(common.documents.len(), o.max_documents);
    let paths: Vec<String> = common
        .documents
        .iter()
        .map(|d| match &d.source {
            HitSource::Document { path } => path.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "by path");
    assert!(common
        .documents
        .iter()
        .all(|d| !d.hits.is_empty() && d.hits.len() <= o.hits_per_document));
    let rare = index.search("отчётн*", &o, &mut no_progress()).unwrap();
    assert!(rare.ranked);
}

#[test]
fn clauses_can_be_found_by_section_and_language() {
    let (lib_dir, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let lib = library(lib_dir.path());
    let mut index = Index::open(data.path(), lib_dir.path()).unwrap();
    index.update(&lib, &mut no_progress()).unwrap();
    let only = |section, language| {
        SearchOptions::from(SearchFilter {
            section,
            language,
            ..SearchFilter::default()
        })
    };
    let all = index
        .search("клиент*", &opts(), &mut no_progress())
        .unwrap();
    let duties = index
        .search(
            "клиент*",
            &only(Some(SectionKind::Duties), None),
            &mut no_progress(),
        )
        .unwrap();
    assert!(!duties.documents.is_empty());
    let places: Vec<&Place> = duties
        .documents
        .iter()
        .flat_map(|d| d.hits.iter().map(|h| &h.place))
        .collect();
    assert!(places.iter().all(|p| matches!(
        p,
        Place::Clause {
            section: SectionKind::Duties,
            ..
        }
    )));
    let hits = |r: &jobdoc_library::SearchResults| -> usize {
        r.documents.iter().map(|d| d.hits.len()).sum()
    };
    assert!(hits(&duties) < hits(&all));
    // English only: no Russian template or document.
    let en = index
        .search(
            "client*",
            &only(None, Some(jobdoc_model::Language::En)),
            &mut no_progress(),
        )
        .unwrap();
    assert!(!en.documents.is_empty());
    assert!(en
        .documents
        .iter()
        .all(|d| d.language == jobdoc_model::Language::En));
    let ru = index
        .search(
            "client*",
            &only(None, Some(jobdoc_model::Language::Ru)),
            &mut no_progress(),
        )
        .unwrap();
    assert!(ru
        .documents
        .iter()
        .all(|d| d.language == jobdoc_model::Language::Ru));
}
