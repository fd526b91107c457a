//! Find and replace across documents: the preview shows every change; applying saves only the
//! kept changes, with a backup, skipping documents someone has open or that changed since.

mod common;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use common::*;
use jobdoc_library::index::Place;
use jobdoc_library::replace::{self, apply, preview};
use jobdoc_library::Library;
use jobdoc_model::{file, Clause, ErrorCode, Field, Inline, RichText};
use jobdoc_store::lock::{self, LockOwner};
use jobdoc_store::save;

fn me() -> LockOwner {
    LockOwner {
        user: "hr-officer".into(),
        machine: "TEST-PC".into(),
        pid: std::process::id(),
        since: ts("2026-12-01T10:00:00Z"),
    }
}

fn setup(root: &Path) {
    for (rel, id) in [("a.jobdoc", "a"), ("b.jobdoc", "b"), ("c.jobdoc", "c")] {
        let mut d = doc(ru_template(), id, "кладовщик", "Склад");
        d.organisation.name = "ООО «Ромашка»".into();
        d.sections[0].clauses = vec![
            Clause::new("Работает в ООО «Ромашка» на складе."),
            Clause {
                id: String::new(),
                text: RichText::from_pieces([
                    Inline::Text("Подчиняется ".into()),
                    Inline::Field(Field::ReportsTo),
                    Inline::Text(" ООО «Ромашка».".into()),
                ]),
                children: vec![],
            },
            Clause::new("Соблюдает правила."),
        ];
        write(root, rel, &d.with_clause_ids());
    }
}

#[test]
fn preview_lists_each_change_and_apply_saves_only_the_kept_ones() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    setup(root);
    let (lib, _) = Library::open(root, options(root)).unwrap();
    let plan = preview(&lib, &[], "ООО «Ромашка»", "АО «Ромашка»");
    assert_eq!(plan.documents.len(), 3);
    let a = &plan.documents[0];
    assert_eq!(a.path, "a.jobdoc");
    let keys: Vec<&str> = a.changes.iter().map(|c| c.key.as_str()).collect();
    let on_disk = file::load(&root.join("a.jobdoc")).unwrap();
    let ids: Vec<String> = on_disk.sections[0].clauses[..2]
        .iter()
        .map(|c| format!("clause:{}", c.id))
        .collect();
    assert_eq!(
        keys,
        ["field:organisation", ids[0].as_str(), ids[1].as_str()]
    );
    let c2 = &a.changes[2];
    assert_eq!(c2.before, "Подчиняется {reports_to} ООО «Ромашка».");
    assert_eq!(c2.after, "Подчиняется {reports_to} АО «Ромашка».");
    assert!(matches!(&c2.place, Place::Clause { number, .. } if number == "1.2."));

    // Untick a's organisation field and all of c.
    let keep: HashSet<(String, String)> = plan
        .documents
        .iter()
        .flat_map(|d| {
            d.changes
                .iter()
                .map(move |c| (d.path.clone(), c.key.clone()))
        })
        .filter(|(p, k)| !(p == "a.jobdoc" && k == "field:organisation") && p != "c.jobdoc")
        .collect();
    let c_before = fs::read(root.join("c.jobdoc")).unwrap();
    let a_before = fs::read(root.join("a.jobdoc")).unwrap();
    let now = ts("2026-12-01T12:00:00Z");
    let report = apply(&lib, &plan, Some(&keep), &me(), now);
    assert_eq!(report.saved, ["a.jobdoc", "b.jobdoc"]);
    assert!(report.locked.is_empty() && report.changed.is_empty() && report.failed.is_empty());

    let a = file::load(&root.join("a.jobdoc")).unwrap();
    assert_eq!(a.organisation.name, "ООО «Ромашка»", "unticked: unchanged");
    assert_eq!(
        a.sections[0].clauses[0].plain_text(),
        "Работает в АО «Ромашка» на складе."
    );
    // The field reference is still a reference.
    assert!(a.sections[0].clauses[1]
        .text
        .fields()
        .any(|f| f == Field::ReportsTo));
    assert_eq!(a.meta.revision, 1);
    assert_eq!(a.meta.modified, now);
    // The backup is the file as it was.
    assert_eq!(
        fs::read(save::backup_path(&root.join("a.jobdoc"))).unwrap(),
        a_before
    );
    let b = file::load(&root.join("b.jobdoc")).unwrap();
    assert_eq!(b.organisation.name, "АО «Ромашка»");
    assert_eq!(fs::read(root.join("c.jobdoc")).unwrap(), c_before);
    // No lock or temporary file left behind.
    let names: Vec<String> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with("~$") && !n.ends_with(".tmp")),
        "{names:?}"
    );
}

#[test]
fn documents_open_elsewhere_or_changed_since_the_preview_are_skipped_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    setup(root);
    let (lib, _) = Library::open(root, options(root)).unwrap();
    let holder = LockOwner {
        user: "ivanova".into(),
        machine: "HR-PC-07".into(),
        pid: 4242,
        since: after_files(root),
    };
    let _open = lock::acquire(&root.join("b.jobdoc"), holder).unwrap();
    let plan = preview(&lib, &[], "склад", "склад № 2");
    assert_eq!(plan.documents.len(), 3);
    let b = plan
        .documents
        .iter()
        .find(|d| d.path == "b.jobdoc")
        .unwrap();
    assert_eq!(b.held_by.as_ref().unwrap().user, "ivanova");
    // c is edited after the preview: its preview no longer describes it.
    let mut c = file::load(&root.join("c.jobdoc")).unwrap();
    c.sections[0].clauses[2] = Clause::new("Соблюдает новые правила.");
    save::save_with_backup(&c, &root.join("c.jobdoc")).unwrap();
    let c_now = fs::read(root.join("c.jobdoc")).unwrap();
    let b_now = fs::read(root.join("b.jobdoc")).unwrap();

    let report = apply(&lib, &plan, None, &me(), ts("2026-12-01T12:00:00Z"));
    assert_eq!(report.saved, ["a.jobdoc"]);
    assert_eq!(report.locked.len(), 1);
    assert_eq!(report.locked[0].path, "b.jobdoc");
    assert!(
        report.locked[0].message_en.contains("ivanova"),
        "{:?}",
        report.locked
    );
    assert_eq!(report.changed.len(), 1);
    assert_eq!(report.changed[0].path, "c.jobdoc");
    assert_eq!(fs::read(root.join("b.jobdoc")).unwrap(), b_now);
    assert_eq!(fs::read(root.join("c.jobdoc")).unwrap(), c_now);
    // Their lock is still theirs.
    assert_eq!(
        lock::read_lock(&root.join("b.jobdoc"))
            .unwrap()
            .unwrap()
            .owner
            .user,
        "ivanova"
    );
}

#[test]
fn nothing_is_found_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    setup(root);
    let before = snapshot(root);
    let (lib, _) = Library::open(root, options(root)).unwrap();
    let plan = preview(&lib, &[], "нет такого текста", "x");
    assert!(plan.documents.is_empty());
    assert!(preview(&lib, &[], "", "x").documents.is_empty());
    let report = apply(&lib, &plan, None, &me(), ts("2026-12-01T12:00:00Z"));
    assert!(report.saved.is_empty());
    assert_eq!(snapshot(root), before);
    let _ = replace::changes_in;
}

/// Root only: a tmpfs mounted read-only. Listing and preview work; applying fails for every
/// document, listed, and nothing changes.
#[cfg(unix)]
#[test]
fn a_read_only_share_is_listed_and_nothing_half_written() {
    use std::process::Command;
    let is_root = fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let l = s.lines().find(|l| l.starts_with("Uid:"))?.to_owned();
            l.split_whitespace().nth(2).map(|e| e == "0")
        })
        .unwrap_or(false);
    if !is_root {
        eprintln!("SKIPPED replace::a_read_only_share: needs root to mount a tmpfs");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("share");
    fs::create_dir(&mnt).unwrap();
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(&mnt)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mount a tmpfs");
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _unmount = Unmount(&mnt);
    setup(&mnt);
    let ok = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&mnt)
        .status()
        .unwrap()
        .success();
    assert!(ok, "remount read-only");
    let before = snapshot(&mnt);
    let (lib, listing) = Library::open(&mnt, options(&mnt)).unwrap();
    assert_eq!(listing.rows.len(), 3);
    let plan = preview(&lib, &[], "Ромашка", "Лютик");
    assert_eq!(plan.documents.len(), 3);
    let report = apply(&lib, &plan, None, &me(), ts("2026-12-01T12:00:00Z"));
    assert!(report.saved.is_empty());
    assert_eq!(report.failed.len(), 3, "{report:?}");
    for f in &report.failed {
        assert!(f.message_en.contains(&f.path), "{f:?}");
    }
    assert_eq!(snapshot(&mnt), before);
    let _ = ErrorCode::ReadOnly;
}
