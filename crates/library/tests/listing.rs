//! Listing a library folder: rows, problems with reasons, locks, the fingerprint re-check and
//! the operations (duplicate, rename, archive).

mod common;

use std::fs;
use std::time::{Duration, UNIX_EPOCH};

use common::*;
use jobdoc_library::ops::{self, DuplicateAs};
use jobdoc_library::{ApprovalKind, Library, LibraryError, LockState};
use jobdoc_model::{file, Approval, ErrorCode, IsoDate, UserError};
use jobdoc_store::lock::{self, LockOwner};
use jobdoc_store::save;

#[test]
fn rows_list_every_document_and_skip_what_is_not_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut a = doc(ru_template(), "a", "главный бухгалтер", "Бухгалтерия");
    a.approval = Approval::Order {
        number: "12-к".into(),
        date: Some(IsoDate::new(2026, 3, 2).unwrap()),
    };
    a.meta.revision = 4;
    let a_path = write(root, "Бухгалтерия/Главный бухгалтер.jobdoc", &a);
    write(
        root,
        "Driver.jobdoc",
        &doc(en_template(), "b", "Driver", "Transport"),
    );
    write(
        root,
        "archive/Old.jobdoc",
        &doc(ru_template(), "c", "кассир", "Бухгалтерия"),
    );
    // Not documents: a backup, a lock-like name, hidden and temporary files, other types.
    save::save_with_backup(&a, &a_path).unwrap(); // makes the .bak
    fs::write(root.join(".Driver.jobdoc.Ab12Cd.tmp"), b"half").unwrap();
    fs::write(root.join("notes.txt"), b"hello").unwrap();
    fs::create_dir(root.join(".hidden")).unwrap();
    write(
        root,
        ".hidden/Secret.jobdoc",
        &doc(ru_template(), "h", "x", "y"),
    );

    let (_, listing) = Library::open(root, options(root)).unwrap();
    let paths: Vec<&str> = listing.rows.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        ["Driver.jobdoc", "Бухгалтерия/Главный бухгалтер.jobdoc"]
    );
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    let row = &listing.rows[1];
    assert_eq!(row.position, "главный бухгалтер");
    assert_eq!(row.department, "Бухгалтерия");
    assert_eq!(row.id, "a");
    assert_eq!(row.revision, 4);
    assert_eq!(row.approval.kind, ApprovalKind::Order);
    assert_eq!(row.approval.number, "12-к");
    assert_eq!(row.approval.date, Some(IsoDate::new(2026, 3, 2).unwrap()));
    assert_eq!(row.lock, LockState::Free);
    assert!(!row.archived);

    // The archive only when asked, marked as archived.
    let mut o = options(root);
    o.include_archive = true;
    let (_, listing) = Library::open(root, o).unwrap();
    let archived: Vec<&str> = listing
        .rows
        .iter()
        .filter(|r| r.archived)
        .map(|r| r.path.as_str())
        .collect();
    assert_eq!(archived, ["archive/Old.jobdoc"]);
}

#[test]
fn unreadable_truncated_newer_and_foreign_files_are_problems_beside_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let good = doc(ru_template(), "a", "юрисконсульт", "Юридический отдел");
    write(root, "good.jobdoc", &good);
    let bytes = file::to_bytes(&good);
    fs::write(root.join("truncated.jobdoc"), &bytes[..bytes.len() / 2]).unwrap();
    fs::write(root.join("newer.jobdoc"), br#"{"schema": 99, "meta": {}}"#).unwrap();
    fs::write(root.join("foreign.jobdoc"), br#"{"name": "package.json"}"#).unwrap();
    fs::write(root.join("binary.jobdoc"), [0u8, 159, 146, 150, 0xff]).unwrap();
    fs::write(root.join("empty.jobdoc"), b"").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling.jobdoc")).unwrap();

    let (_, listing) = Library::open(root, options(root)).unwrap();
    assert_eq!(listing.rows.len(), 1);
    assert_eq!(listing.rows[0].path, "good.jobdoc");
    let problems: Vec<(&str, ErrorCode)> = listing
        .problems
        .iter()
        .map(|p| (p.path.as_str(), p.code))
        .collect();
    let mut expected = vec![
        ("binary.jobdoc", ErrorCode::NotAJobdoc),
        ("empty.jobdoc", ErrorCode::EmptyFile),
        ("foreign.jobdoc", ErrorCode::NotAJobdoc),
        ("newer.jobdoc", ErrorCode::NewerSchema),
        ("truncated.jobdoc", ErrorCode::TruncatedFile),
    ];
    #[cfg(unix)]
    expected.insert(1, ("dangling.jobdoc", ErrorCode::ReadFailed));
    assert_eq!(problems, expected);
    for p in &listing.problems {
        assert!(p.message_en.contains(&p.path), "{p:?}");
        assert!(p.message_ru.contains(&p.path), "{p:?}");
    }
    let newer = listing
        .problems
        .iter()
        .find(|p| p.path == "newer.jobdoc")
        .unwrap();
    assert!(newer.message_en.contains("update Jobdoc"), "{newer:?}");
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("нет такой");
    let err = Library::open(&gone, options(dir.path())).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LibraryFolderFailed);
    assert!(err.to_string().contains("нет такой"), "{err}");
    let file = write(dir.path(), "a.jobdoc", &doc(ru_template(), "a", "x", "y"));
    let err = Library::open(&file, options(dir.path())).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LibraryFolderFailed);
}

#[test]
fn who_has_a_document_open_is_read_from_its_lock() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let a = write(
        root,
        "a.jobdoc",
        &doc(ru_template(), "a", "кладовщик", "Склад"),
    );
    let b = write(
        root,
        "b.jobdoc",
        &doc(ru_template(), "b", "водитель", "Гараж"),
    );
    let c = write(root, "c.jobdoc", &doc(ru_template(), "c", "слесарь", "Цех"));
    let now = after_files(root);
    let far = |user: &str, since| LockOwner {
        user: user.into(),
        machine: "HR-PC-07".into(),
        pid: 4242,
        since,
    };
    let _live = lock::acquire(&a, far("ivanova", now)).unwrap();
    let _old = lock::acquire(
        &b,
        far("petrov", Timestamp::from_unix(now.unix_seconds() - 3600)),
    )
    .unwrap();
    fs::write(lock::lock_path(&c), b"{not a lock").unwrap();
    let mut o = options(root);
    o.now = now;
    let (_, listing) = Library::open(root, o).unwrap();
    match &listing.rows[0].lock {
        LockState::Held(h) => {
            assert_eq!(
                (h.user.as_str(), h.machine.as_str()),
                ("ivanova", "HR-PC-07")
            );
            assert!(!h.stale);
        }
        other => panic!("{other:?}"),
    }
    match &listing.rows[1].lock {
        LockState::Held(h) => assert!(h.stale && h.user == "petrov"),
        other => panic!("{other:?}"),
    }
    assert_eq!(listing.rows[2].lock, LockState::Damaged);
    // Lock files are neither rows nor problems.
    assert_eq!(listing.rows.len(), 3);
    assert!(listing.problems.is_empty());
}

use jobdoc_model::Timestamp;

#[test]
fn a_warm_refresh_reads_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for i in 0..20 {
        write(
            root,
            &format!("d{i:02}.jobdoc"),
            &doc(
                ru_template(),
                &format!("id{i}"),
                &format!("должность {i}"),
                "Отдел",
            ),
        );
    }
    let (mut lib, first) = Library::open(root, options(root)).unwrap();
    assert_eq!((first.read, first.files, first.rows.len()), (20, 20, 20));
    let again = lib.refresh(None).unwrap();
    assert_eq!(again.read, 0, "nothing changed, nothing read");
    assert_eq!(again.rows, first.rows);

    // One changed, one deleted, one added.
    let mut changed = doc(ru_template(), "id3", "другая должность", "Отдел");
    changed.meta.revision = 9;
    write(root, "d03.jobdoc", &changed);
    fs::remove_file(root.join("d07.jobdoc")).unwrap();
    write(
        root,
        "new.jobdoc",
        &doc(ru_template(), "n", "новая", "Отдел"),
    );
    let now = after_files(root);
    let after = lib.refresh(Some(now)).unwrap();
    assert_eq!(after.rows.len(), 20);
    assert_eq!(after.read, 2, "the changed and the new file");
    let d03 = after.rows.iter().find(|r| r.path == "d03.jobdoc").unwrap();
    assert_eq!(
        (d03.position.as_str(), d03.revision),
        ("другая должность", 9)
    );
    assert!(!after.rows.iter().any(|r| r.path == "d07.jobdoc"));
}

#[test]
fn a_change_that_keeps_size_and_time_is_seen_while_the_time_is_recent() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let path = write(
        root,
        "a.jobdoc",
        &doc(ru_template(), "a", "кассир", "Касса"),
    );
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    let secs = mtime.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    // "Now" is the second the file was written: its time stamp cannot be trusted yet.
    let mut o = options(root);
    o.now = Timestamp::from_unix(secs);
    let (mut lib, first) = Library::open(root, o).unwrap();
    assert_eq!(first.rows[0].position, "кассир");
    // Same length, same modification time, other bytes (a coarse clock on a share).
    write(
        root,
        "a.jobdoc",
        &doc(ru_template(), "a", "кассис", "Касса"),
    );
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let again = lib.refresh(None).unwrap();
    assert_eq!(again.read, 1);
    assert_eq!(again.rows[0].position, "кассис");
    // Settled later: no longer read.
    let later = lib.refresh(Some(Timestamp::from_unix(secs + 60))).unwrap();
    assert_eq!(later.read, 1, "read once more to settle");
    assert_eq!(lib.refresh(None).unwrap().read, 0);
}

#[test]
fn files_vanishing_and_changing_while_listed_never_show_as_damaged() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    for i in 0..30 {
        write(
            &root,
            &format!("d{i:02}.jobdoc"),
            &doc(ru_template(), &format!("{i}"), "кладовщик", "Склад"),
        );
    }
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (root, stop) = (root.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0u32;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let mut d = doc(ru_template(), "x", &format!("должность {n}"), "Склад");
                d.meta.revision = n;
                // Saved as the editor saves (atomic, with a backup); another file comes and goes.
                save::save_with_backup(&d, &root.join("d05.jobdoc")).unwrap();
                let tmp = root.join("flicker.jobdoc");
                file::save(&d, &tmp).unwrap();
                fs::remove_file(&tmp).unwrap();
            }
            n
        })
    };
    let (mut lib, _) = Library::open(&root, options(&root)).unwrap();
    for _ in 0..40 {
        let listing = lib.refresh(Some(Timestamp::from_unix(0))).unwrap();
        assert!(listing.problems.is_empty(), "{:?}", listing.problems);
        assert!(listing.rows.len() >= 30);
    }
    stop.store(true, Ordering::Relaxed);
    assert!(writer.join().unwrap() > 0);
}

#[test]
fn duplicate_makes_a_new_position_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut a = doc(ru_template(), "a", "кладовщик", "Склад");
    a.approval = Approval::Order {
        number: "5".into(),
        date: Some(IsoDate::new(2026, 1, 10).unwrap()),
    };
    a.meta.revision = 3;
    write(root, "Склад/Кладовщик.jobdoc", &a);
    write(
        root,
        "Склад/Старший кладовщик.jobdoc",
        &doc(ru_template(), "z", "x", "y"),
    );
    let (mut lib, _) = Library::open(root, options(root)).unwrap();
    let now = ts("2026-12-01T10:00:00Z");
    let new = DuplicateAs {
        position: "старший кладовщик".into(),
        title_form: "старшего кладовщика".into(),
        id: "new-id".into(),
        file_name: None,
    };
    let rel = ops::duplicate(&mut lib, "Склад/Кладовщик.jobdoc", &new, now).unwrap();
    assert_eq!(rel, "Склад/старший кладовщик.jobdoc");
    let copy = file::load(&root.join(&rel)).unwrap();
    assert_eq!(copy.meta.id, "new-id");
    assert_eq!((copy.meta.revision, copy.meta.created), (0, now));
    assert_eq!(copy.position.title_form, "старшего кладовщика");
    assert_eq!(copy.sections, a.sections);
    assert!(
        matches!(copy.approval, Approval::Order { ref number, date: None } if number.is_empty())
    );
    // Again: the name is taken, so the next free one.
    let rel2 = ops::duplicate(&mut lib, "Склад/Кладовщик.jobdoc", &new, now).unwrap();
    assert_eq!(rel2, "Склад/старший кладовщик (2).jobdoc");
    // An explicit name that is taken is refused; the existing file is untouched.
    let before = fs::read(root.join("Склад/Старший кладовщик.jobdoc")).unwrap();
    let taken = DuplicateAs {
        file_name: Some("Старший кладовщик.jobdoc".into()),
        ..new.clone()
    };
    let err = ops::duplicate(&mut lib, "Склад/Кладовщик.jobdoc", &taken, now).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NameTaken);
    assert_eq!(
        fs::read(root.join("Склад/Старший кладовщик.jobdoc")).unwrap(),
        before
    );
    let bad = DuplicateAs {
        file_name: Some("../escape".into()),
        ..new
    };
    assert_eq!(
        ops::duplicate(&mut lib, "Склад/Кладовщик.jobdoc", &bad, now)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidName
    );
    // No temporary file left.
    let names: Vec<String> = fs::read_dir(root.join("Склад"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn rename_and_archive_move_the_backup_refuse_taken_names_and_open_documents() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let a = doc(ru_template(), "a", "кассир", "Касса");
    let path = write(root, "Касса/Кассир.jobdoc", &a);
    save::save_with_backup(&a, &path).unwrap();
    write(
        root,
        "Касса/Taken.jobdoc",
        &doc(ru_template(), "t", "x", "y"),
    );
    let (mut lib, _) = Library::open(root, options(root)).unwrap();

    let err = ops::rename(&mut lib, "Касса/Кассир.jobdoc", "Taken").unwrap_err();
    assert_eq!(err.code(), ErrorCode::NameTaken);
    assert!(path.exists());

    let rel = ops::rename(&mut lib, "Касса/Кассир.jobdoc", "Старший кассир").unwrap();
    assert_eq!(rel, "Касса/Старший кассир.jobdoc");
    assert!(!path.exists() && !save::backup_path(&path).exists());
    let moved = root.join(&rel);
    assert_eq!(file::load(&moved).unwrap(), a);
    assert!(save::backup_path(&moved).exists());

    // Open by someone: neither renamed nor archived.
    let holder = LockOwner {
        user: "ivanova".into(),
        machine: "HR-PC-07".into(),
        pid: 1,
        since: ts("2026-12-01T09:00:00Z"),
    };
    let guard = lock::acquire(&moved, holder).unwrap();
    assert_eq!(
        ops::archive(&mut lib, &rel).unwrap_err().code(),
        ErrorCode::Locked
    );
    drop(guard);

    let archived = ops::archive(&mut lib, &rel).unwrap();
    assert_eq!(archived, "archive/Касса/Старший кассир.jobdoc");
    assert!(!moved.exists());
    let listing = lib.refresh(None).unwrap();
    assert!(listing
        .rows
        .iter()
        .all(|r| r.path != rel && r.path != archived));
    // Archiving the same name again is refused rather than overwriting.
    write(root, &rel, &doc(ru_template(), "b", "кассир 2", "Касса"));
    lib.refresh(None).unwrap();
    assert_eq!(
        ops::archive(&mut lib, &rel).unwrap_err().code(),
        ErrorCode::NameTaken
    );
    assert_eq!(file::load(&root.join(&archived)).unwrap().meta.id, "a");
    let _ = Duration::ZERO;
}

#[test]
fn generated_libraries_are_deterministic_and_readable() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    jobdoc_library::generate::write_library(a.path(), 40).unwrap();
    jobdoc_library::generate::write_library(b.path(), 40).unwrap();
    let sa: Vec<(String, u64)> = snapshot(a.path())
        .into_iter()
        .map(|(k, v)| (k, v.0))
        .collect();
    let sb: Vec<(String, u64)> = snapshot(b.path())
        .into_iter()
        .map(|(k, v)| (k, v.0))
        .collect();
    assert_eq!(sa, sb);
    let (_, listing) = Library::open(a.path(), options(a.path())).unwrap();
    assert_eq!(listing.rows.len(), 40);
    assert!(listing.problems.is_empty());
    let departments: std::collections::BTreeSet<&str> =
        listing.rows.iter().map(|r| r.department.as_str()).collect();
    assert!(departments.len() >= 5, "{departments:?}");
    let _: Result<(), LibraryError> = Ok(());
}
