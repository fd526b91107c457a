//! The session's file safety: locks on open, read-only second openers, taking over a stale
//! lock, the changed-on-disk check, backups, and the recovery journal — on real files in a
//! temporary folder.

use std::fs;
use std::path::{Path, PathBuf};

use jobdoc_model::{file, Clause, Document, ErrorCode, Language, Timestamp, UserError};
use jobdoc_session::{ReadOnlyReason, Session};
use jobdoc_store::lock::{self, LockOwner};
use jobdoc_store::{backup_path, RecoveryJournal};

const T0: &str = "2026-11-28T09:00:00Z";
const T1: &str = "2026-11-28T09:05:00Z";

fn t(stamp: &str) -> Timestamp {
    stamp.parse().unwrap()
}

fn owner(user: &str, pid: u32) -> LockOwner {
    LockOwner {
        user: user.into(),
        machine: lock::current_machine(),
        pid,
        since: t(T0),
    }
}

/// A session of `user`'s editor process `pid` that journals into `journal_dir`.
fn journalled(journal_dir: &Path, user: &str, pid: u32) -> Session {
    let journal = RecoveryJournal::open(journal_dir, owner(user, pid)).unwrap();
    Session::with_owner(owner(user, pid), Some(journal))
}

fn saved_document(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    let mut doc = Document::blank(Language::Ru, "doc-1", t(T0));
    doc.position.name = "менеджер".into();
    file::save(&doc, &path).unwrap();
    path
}

fn with_clause(s: &Session, text: &str) -> Document {
    let mut d = s.document().unwrap().clone();
    d.sections[0].clauses.push(Clause::new(text));
    d
}

fn last_clause(doc: &Document) -> String {
    doc.sections[0]
        .clauses
        .last()
        .map(|c| c.plain_text())
        .unwrap_or_default()
}

/// A process id that is certainly not running: a child that has exited and been reaped.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn opening_locks_the_file_and_closing_removes_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_document(dir.path(), "a.jobdoc");
    let mut s = Session::new();
    s.open(&path, t(T0)).unwrap();
    let info = lock::read_lock(&path)
        .unwrap()
        .expect("a lock file beside the document");
    assert_eq!(info.owner.pid, std::process::id());
    assert_eq!(info.owner.since, t(T0));
    assert!(s.read_only().is_none());
    s.close();
    assert!(lock::read_lock(&path).unwrap().is_none());
}

#[test]
fn a_second_editor_opens_read_only_and_names_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_document(dir.path(), "a.jobdoc");
    let original = file::load(&path).unwrap();
    // The holder is this very process (alive), but as another user: a colleague.
    let mut first = Session::with_owner(owner("ivanova", std::process::id()), None);
    first.open(&path, t(T0)).unwrap();
    let mut second = Session::with_owner(owner("petrov", std::process::id() + 1), None);
    second.open(&path, t(T1)).unwrap();
    let ro = second.read_only().expect("read-only").clone();
    assert_eq!(ro.reason, ReadOnlyReason::Locked);
    let holder = ro.holder.unwrap();
    assert_eq!(holder.user, "ivanova");
    assert_eq!(holder.since, t(T0));
    assert!(
        !ro.can_take_over,
        "a live holder's lock is not offered for taking over"
    );
    assert!(second.state().read_only.is_some());

    // Edits are allowed; saving in place is not; taking over is refused.
    second.edit(with_clause(&second, "Пункт"), None, 0).unwrap();
    let err = second.save(t(T1)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReadOnly);
    assert!(
        err.message(Language::En).contains("a.jobdoc"),
        "{}",
        err.message(Language::En)
    );
    let ru = err.message(Language::Ru);
    assert!(
        ru.contains("a.jobdoc: документ открыт пользователем ivanova на компьютере")
            && ru.ends_with("документ открыт только для чтения — сохраните его под другим именем"),
        "{ru}"
    );
    assert!(ro.message_ru.contains("ivanova") && ro.message_en.contains("ivanova"));
    assert_eq!(
        second.take_over(t(T1)).unwrap_err().code(),
        ErrorCode::LockLive
    );
    // Save As another file works and makes that file ours.
    let copy = dir.path().join("copy.jobdoc");
    second.save_as(&copy, t(T1)).unwrap();
    assert!(second.read_only().is_none());
    assert_eq!(
        lock::read_lock(&copy).unwrap().unwrap().owner.user,
        "petrov"
    );
    // Nothing of the first editor's was touched.
    assert_eq!(
        lock::read_lock(&path).unwrap().unwrap().owner.user,
        "ivanova"
    );
    assert_eq!(
        file::load(&path).unwrap(),
        original,
        "the holder's file is untouched"
    );
}

#[test]
fn a_lock_left_by_a_dead_process_is_taken_over_after_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_document(dir.path(), "a.jobdoc");
    let mut gone = owner("ivanova", dead_pid());
    gone.since = t(T0);
    std::mem::forget(lock::acquire(&path, gone).unwrap()); // the crashed editor's lock stays

    let mut s = Session::new();
    s.open(&path, t(T1)).unwrap();
    let ro = s.read_only().unwrap();
    assert!(ro.can_take_over, "{ro:?}");
    s.take_over(t(T1)).unwrap();
    assert!(s.read_only().is_none());
    assert_eq!(
        lock::read_lock(&path).unwrap().unwrap().owner.pid,
        std::process::id()
    );
    s.edit(with_clause(&s, "Пункт"), None, 0).unwrap();
    s.save(t(T1)).unwrap();
    assert_eq!(last_clause(&file::load(&path).unwrap()), "Пункт");
}

#[test]
fn a_damaged_lock_file_means_read_only_with_take_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_document(dir.path(), "a.jobdoc");
    fs::write(lock::lock_path(&path), b"garbage").unwrap();
    let mut s = Session::new();
    s.open(&path, t(T0)).unwrap();
    assert_eq!(
        s.read_only().unwrap().reason,
        ReadOnlyReason::LockUnreadable
    );
    s.take_over(t(T0)).unwrap();
    assert!(s.read_only().is_none());
}

#[test]
fn saving_over_someone_elses_change_asks_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_document(dir.path(), "a.jobdoc");
    let mut s = Session::new();
    s.open(&path, t(T0)).unwrap();
    s.edit(with_clause(&s, "Мой пункт"), None, 0).unwrap();

    // Another program (or a read-only opener who saved anyway) changes the file.
    let mut theirs = file::load(&path).unwrap();
    theirs.sections[1].clauses.push(Clause::new("Их пункт"));
    file::save(&theirs, &path).unwrap();
    // Loading gives the new clause its id; compare against what is really on disk.
    let theirs = file::load(&path).unwrap();

    let err = s.save(t(T1)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ChangedOnDisk);
    assert!(err.message(Language::En).contains("a.jobdoc"));
    assert_eq!(file::load(&path).unwrap(), theirs, "nothing was written");
    assert!(s.is_dirty());

    // Overwrite: ours on disk, theirs in the backup.
    s.save_overwrite(t(T1)).unwrap();
    assert_eq!(last_clause(&file::load(&path).unwrap()), "Мой пункт");
    assert_eq!(file::load(&backup_path(&path)).unwrap(), theirs);
    // The next save checks against what we wrote: no question.
    s.edit(with_clause(&s, "Ещё"), None, 0).unwrap();
    s.save(t(T1)).unwrap();
}

#[test]
fn reload_takes_the_version_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_document(dir.path(), "a.jobdoc");
    let mut s = Session::new();
    s.open(&path, t(T0)).unwrap();
    s.edit(with_clause(&s, "Мой пункт"), None, 0).unwrap();
    let mut theirs = file::load(&path).unwrap();
    theirs.organisation.name = "ООО «Другое»".into();
    file::save(&theirs, &path).unwrap();
    assert_eq!(s.save(t(T1)).unwrap_err().code(), ErrorCode::ChangedOnDisk);
    s.reload(t(T1)).unwrap();
    assert_eq!(s.document().unwrap(), &theirs);
    assert!(!s.is_dirty());
    assert!(
        s.read_only().is_none(),
        "our own lock is kept across a reload"
    );
    s.save(t(T1)).unwrap();
}

#[test]
fn every_save_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_document(dir.path(), "a.jobdoc");
    let before = fs::read(&path).unwrap();
    let mut s = Session::new();
    s.open(&path, t(T0)).unwrap();
    s.edit(with_clause(&s, "Пункт"), None, 0).unwrap();
    s.save(t(T1)).unwrap();
    assert_eq!(fs::read(backup_path(&path)).unwrap(), before);
}

#[test]
fn a_taken_over_lock_makes_the_document_read_only_at_the_next_heartbeat() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_document(dir.path(), "a.jobdoc");
    let mut s = Session::new();
    s.open(&path, t(T0)).unwrap();
    s.heartbeat(t(T1)).unwrap();
    // Someone decided our lock was stale and took it over.
    let seen = lock::read_lock(&path).unwrap().unwrap();
    let mut colleague = owner("petrov", std::process::id() + 7);
    colleague.since = t(T1);
    let theirs = lock::take_over(&path, colleague, Some(&seen)).unwrap();
    let err = s.heartbeat(t(T1)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::LockLost);
    let ro = s.read_only().unwrap();
    assert_eq!(ro.holder.as_ref().unwrap().user, "petrov");
    assert_eq!(s.save(t(T1)).unwrap_err().code(), ErrorCode::ReadOnly);
    // Closing must not delete the colleague's lock.
    s.close();
    assert_eq!(
        lock::read_lock(&path).unwrap().unwrap().owner.user,
        "petrov"
    );
    drop(theirs);
}

#[test]
fn unsaved_edits_survive_a_dead_editor_and_are_restored() {
    let dir = tempfile::tempdir().unwrap();
    let journal_dir = dir.path().join("recovery");
    let path = saved_document(dir.path(), "a.jobdoc");

    // An editor that will "die": its pid is a finished process.
    let pid = dead_pid();
    let mut dying = journalled(&journal_dir, "ivanova", pid);
    dying.open(&path, t(T0)).unwrap();
    assert!(
        !dying.write_recovery(t(T0)).unwrap(),
        "nothing to record before an edit"
    );
    dying
        .edit(with_clause(&dying, "Несохранённый пункт"), None, 0)
        .unwrap();
    assert!(dying.journal_due());
    assert!(dying.write_recovery(t(T0)).unwrap());
    // An untitled document of the same editor too.
    let mut untitled = journalled(&journal_dir, "ivanova", pid);
    untitled.new_blank(Language::En, "untitled-1", t(T0));
    untitled
        .edit(with_clause(&untitled, "Draft clause"), None, 0)
        .unwrap();
    untitled.write_recovery(t(T0)).unwrap();
    std::mem::forget(dying); // killed: no close, no lock release
    std::mem::forget(untitled);

    let mut s = journalled(&journal_dir, "ivanova", std::process::id());
    let offers = s.recovery_offers();
    assert_eq!(offers.len(), 2, "{offers:?}");
    let on_file = offers.iter().find(|o| o.path.is_some()).unwrap();
    assert_eq!(on_file.path.as_deref(), Some(path.to_str().unwrap()));
    assert_eq!(on_file.position, "менеджер");
    let draft = offers.iter().find(|o| o.path.is_none()).unwrap().clone();

    s.restore(&on_file.id, t(T1)).unwrap();
    let st = s.state();
    assert!(st.dirty);
    assert_eq!(st.path.as_deref(), Some(path.to_str().unwrap()));
    assert_eq!(last_clause(s.document().unwrap()), "Несохранённый пункт");
    // The dead editor's lock is stale: offered for taking over.
    assert!(s.read_only().unwrap().can_take_over);
    s.take_over(t(T1)).unwrap();
    // Our own entry now: not offered any more, even though it is still on disk.
    assert_eq!(s.recovery_offers().len(), 1);
    s.save(t(T1)).unwrap();
    assert_eq!(
        last_clause(&file::load(&path).unwrap()),
        "Несохранённый пункт"
    );

    // Declining the draft deletes it.
    s.discard_recovery(&draft.id).unwrap();
    assert!(s.recovery_offers().is_empty());
    assert_eq!(
        s.restore(&draft.id, t(T1)).unwrap_err().code(),
        ErrorCode::NoRecovery
    );
    s.close();
    let left: Vec<_> = fs::read_dir(&journal_dir).unwrap().collect();
    assert!(
        left.is_empty(),
        "saving and closing leave no journal entries: {left:?}"
    );
}

#[test]
fn undoing_back_to_the_saved_version_removes_the_journal_entry() {
    let dir = tempfile::tempdir().unwrap();
    let journal_dir = dir.path().join("recovery");
    let path = saved_document(dir.path(), "a.jobdoc");
    let mut s = journalled(&journal_dir, "ivanova", std::process::id());
    s.open(&path, t(T0)).unwrap();
    s.edit(with_clause(&s, "Пункт"), None, 0).unwrap();
    assert!(s.write_recovery(t(T0)).unwrap());
    assert_eq!(fs::read_dir(&journal_dir).unwrap().count(), 1);
    s.undo().unwrap();
    assert!(!s.write_recovery(t(T0)).unwrap());
    assert_eq!(fs::read_dir(&journal_dir).unwrap().count(), 0);
}
