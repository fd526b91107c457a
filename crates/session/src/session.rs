//! The open document and everything the editor keeps about it: its file, lock, fingerprint,
//! undo history and recovery journal.

use std::path::{Path, PathBuf};

use jobdoc_model::{templates, validate, Diagnostic, Document, Language, Timestamp, UserError};
use jobdoc_store::lock::{self, LockError, LockGuard, LockInfo, LockOwner, Staleness};
use jobdoc_store::{save, Fingerprint, RecoveryEntry, RecoveryJournal, RecoveryKey};
use serde::Serialize;
use ts_rs::TS;

use crate::error::SessionError;
use crate::history::History;

mod editions;

/// What the UI needs after every command: the document and its bookkeeping.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct State {
    /// `None` while the start screen is showing.
    pub document: Option<Document>,
    /// The file the document was opened from or last saved to.
    pub path: Option<String>,
    /// The file name to show in the window title (`None` for a document never saved).
    pub file_name: Option<String>,
    /// The document differs from the file on disk (or was never saved).
    pub dirty: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Validation results of the current document, in document order.
    pub diagnostics: Vec<Diagnostic>,
    /// Set when the file cannot be saved in place (someone else has it open, …): edits are
    /// allowed, saving goes to another file.
    pub read_only: Option<ReadOnly>,
    /// The file was written in this older schema: it was converted on opening, and saving
    /// writes the current schema (which older Jobdoc versions cannot read). Tell the user once.
    pub migrated_from: Option<u32>,
}

/// Why a document is open read-only, and who holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReadOnly {
    pub reason: ReadOnlyReason,
    /// Who has the document open, when known.
    pub holder: Option<LockHolder>,
    /// The holder looks gone (its process ended, or it has been silent): the lock may be
    /// taken over after the user confirms. Always true for a damaged lock file.
    pub can_take_over: bool,
    /// The full explanation, naming the file, in both languages (as a [`Diagnostic`]'s): the
    /// UI shows the one of its language.
    pub message_ru: String,
    pub message_en: String,
}

impl ReadOnly {
    pub fn message(&self, language: Language) -> &str {
        match language {
            Language::Ru => &self.message_ru,
            Language::En => &self.message_en,
        }
    }
}

/// Why the document's lock could not be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum ReadOnlyReason {
    /// Someone else has it open.
    Locked,
    /// A damaged lock file.
    LockUnreadable,
    /// Our lock was taken over.
    LockLost,
    /// No lock could be made (e.g. a read-only folder).
    LockFailed,
}

impl ReadOnlyReason {
    fn of(e: &LockError) -> ReadOnlyReason {
        match e {
            LockError::HeldBy { .. } => ReadOnlyReason::Locked,
            LockError::Unreadable { .. } => ReadOnlyReason::LockUnreadable,
            LockError::Lost { .. } => ReadOnlyReason::LockLost,
            LockError::Io { .. } => ReadOnlyReason::LockFailed,
        }
    }
}

/// The person and machine holding a document's lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LockHolder {
    pub user: String,
    pub machine: String,
    /// When they opened it.
    pub since: Timestamp,
    /// Their last sign of life.
    pub heartbeat: Timestamp,
}

impl From<&LockInfo> for LockHolder {
    fn from(info: &LockInfo) -> LockHolder {
        LockHolder {
            user: info.owner.user.clone(),
            machine: info.owner.machine.clone(),
            since: info.owner.since,
            heartbeat: info.heartbeat,
        }
    }
}

/// Unsaved edits of an editor that ended without saving, offered for restoring at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecoveryOffer {
    /// Names the entry for [`Session::restore`] / [`Session::discard_recovery`].
    pub id: String,
    /// The document's file, if it had one.
    pub path: Option<String>,
    /// The position the document describes (may be empty).
    pub position: String,
    /// When the edits were last recorded.
    pub written: Timestamp,
    pub user: String,
    pub machine: String,
}

/// The editor state: at most one open document.
#[derive(Debug)]
pub struct Session {
    doc: Option<Document>,
    path: Option<PathBuf>,
    /// The document as it was last loaded or saved; `None` for a never-saved document.
    saved: Option<Document>,
    history: History,
    diagnostics: Vec<Diagnostic>,
    /// This editor as lock holder (`since` is replaced by the time of each open).
    owner: LockOwner,
    /// Our lock on `path`.
    lock: Option<LockGuard>,
    /// The lock someone else holds on `path`, as seen when opening (for taking it over).
    seen_lock: Option<LockInfo>,
    read_only: Option<ReadOnly>,
    /// The open file's older schema, until it is saved in the current one.
    migrated_from: Option<u32>,
    /// The file as we last read or wrote it: a save checks that nobody changed it since.
    opened: Option<Fingerprint>,
    journal: Option<RecoveryJournal>,
    /// The journal entry this session last wrote (to discard or move it).
    journal_written: Option<RecoveryKey>,
    /// Edits since the journal was last written.
    journal_due: bool,
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

impl Session {
    /// A session that locks the files it opens as this process, without a recovery journal.
    pub fn new() -> Session {
        Session::with_owner(LockOwner::current(Timestamp::from_unix(0)), None)
    }

    /// A session locking files as `owner` and recording unsaved edits in `journal`.
    pub fn with_owner(owner: LockOwner, journal: Option<RecoveryJournal>) -> Session {
        Session {
            doc: None,
            path: None,
            saved: None,
            history: History::default(),
            diagnostics: Vec::new(),
            owner,
            lock: None,
            seen_lock: None,
            read_only: None,
            migrated_from: None,
            opened: None,
            journal,
            journal_written: None,
            journal_due: false,
        }
    }

    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn read_only(&self) -> Option<&ReadOnly> {
        self.read_only.as_ref()
    }

    /// Unsaved changes: the document differs from the file, or was never saved.
    pub fn is_dirty(&self) -> bool {
        match (&self.doc, &self.saved) {
            (None, _) => false,
            (Some(_), None) => true,
            // Metadata (revision, time stamps) is bookkeeping, not an edit.
            (Some(d), Some(s)) => !same_content(d, s),
        }
    }

    pub fn state(&self) -> State {
        State {
            // Without the frozen editions' content (large, and not the editor's to change).
            document: self.doc.clone().map(|mut d| {
                d.editions.clear();
                d
            }),
            path: self.path.as_ref().map(|p| p.display().to_string()),
            file_name: self
                .path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned()),
            dirty: self.is_dirty(),
            can_undo: self.history.can_undo(),
            can_redo: self.history.can_redo(),
            diagnostics: self.diagnostics.clone(),
            read_only: self.read_only.clone(),
            migrated_from: self.migrated_from,
        }
    }

    /// Makes `doc` the open document. Releases the lock of the previous file unless `lock`
    /// is that same lock, and forgets the previous journal entry.
    fn replace(&mut self, doc: Document, path: Option<PathBuf>, saved: bool) {
        self.forget_journal_entry();
        self.diagnostics = validate(&doc);
        self.saved = saved.then(|| doc.clone());
        self.doc = Some(doc);
        self.path = path;
        self.history.clear();
        self.journal_due = false;
        self.migrated_from = None;
    }

    fn release_lock(&mut self) {
        if let Some(guard) = self.lock.take() {
            let _ = guard.release();
        }
        self.seen_lock = None;
        self.read_only = None;
        self.opened = None;
    }

    /// A new, never-saved document from a built-in template.
    pub fn new_from_template(
        &mut self,
        template: &str,
        id: &str,
        now: Timestamp,
    ) -> Result<(), SessionError> {
        let doc = templates::instantiate(template, id, now).ok_or_else(|| {
            SessionError::UnknownTemplate {
                id: template.to_owned(),
            }
        })??;
        self.release_lock();
        self.replace(doc, None, false);
        Ok(())
    }

    /// A new, never-saved document made by an import (the review accepted).
    pub fn new_imported(&mut self, doc: Document) {
        self.release_lock();
        self.replace(doc.with_clause_ids(), None, false);
    }

    /// A new, never-saved blank document with the six standard sections.
    pub fn new_blank(&mut self, language: Language, id: &str, now: Timestamp) {
        self.release_lock();
        self.replace(Document::blank(language, id, now), None, false);
    }

    /// Opens a `.jobdoc` file at `now` (RFC 3339): locks it, or opens it read-only when
    /// someone else has it open. On failure the current document stays open.
    pub fn open(&mut self, path: &Path, now: Timestamp) -> Result<(), SessionError> {
        // Re-opening our own file keeps our lock.
        let own = self
            .lock
            .take_if(|g| g.lock_file() == lock::lock_path(path));
        let access = match own {
            Some(guard) => Ok(guard),
            None => self.lock_file(path, now),
        };
        let (loaded, fingerprint) = match save::load_with_fingerprint(path) {
            Ok(loaded) => loaded,
            Err(e) => {
                // Keep the current document and its lock; drop the new lock.
                if let Ok(guard) = access {
                    if self.path.as_deref() == Some(path) {
                        self.lock = Some(guard);
                    }
                }
                return Err(e.into());
            }
        };
        self.release_lock();
        match access {
            Ok(guard) => self.lock = Some(guard),
            Err(denied) => self.apply_denied(&denied, now),
        }
        self.opened = Some(fingerprint);
        self.replace(loaded.document, Some(path.to_path_buf()), true);
        self.migrated_from = loaded.migrated_from;
        Ok(())
    }

    fn lock_file(&self, path: &Path, now: Timestamp) -> Result<LockGuard, LockError> {
        let mut me = self.owner.clone();
        me.since = now;
        lock::acquire(path, me)
    }

    /// Records why the lock could not be had: the document becomes read-only.
    fn apply_denied(&mut self, denied: &LockError, now: Timestamp) {
        let (holder, seen, can_take_over) = match denied {
            LockError::HeldBy { info, .. } => {
                let stale = lock::staleness(
                    info,
                    &self.owner.machine,
                    now,
                    lock::DEFAULT_MAX_SILENCE_SECS,
                );
                let ours =
                    info.owner.pid == self.owner.pid && info.owner.machine == self.owner.machine;
                (
                    Some(LockHolder::from(&**info)),
                    Some((**info).clone()),
                    stale != Staleness::Live && !ours,
                )
            }
            LockError::Lost { by, .. } => (
                by.as_deref().map(LockHolder::from),
                by.as_deref().cloned(),
                false,
            ),
            LockError::Unreadable { .. } => (None, None, true),
            LockError::Io { .. } => (None, None, false),
        };
        self.seen_lock = seen;
        self.read_only = Some(ReadOnly {
            reason: ReadOnlyReason::of(denied),
            holder,
            can_take_over,
            message_ru: denied.message(Language::Ru),
            message_en: denied.message(Language::En),
        });
    }

    /// Takes over the lock of a read-only document whose holder is gone (after the user
    /// confirmed). Fails when the lock changed meanwhile (its holder came back).
    pub fn take_over(&mut self, now: Timestamp) -> Result<(), SessionError> {
        let path = self.path.clone().ok_or(SessionError::NoPath)?;
        let read_only = self.read_only.clone().ok_or(SessionError::NotReadOnly)?;
        if !read_only.can_take_over {
            return Err(SessionError::LockLive {
                path,
                read_only: Box::new(read_only),
            });
        }
        let mut me = self.owner.clone();
        me.since = now;
        match lock::take_over(&path, me, self.seen_lock.as_ref()) {
            Ok(guard) => {
                self.lock = Some(guard);
                self.seen_lock = None;
                self.read_only = None;
                Ok(())
            }
            Err(e) => {
                self.apply_denied(&e, now);
                Err(e.into())
            }
        }
    }

    /// Back to the start screen: the lock is released and the journal entry discarded (the
    /// user saved or chose not to).
    pub fn close(&mut self) {
        self.forget_journal_entry();
        self.release_lock();
        self.doc = None;
        self.path = None;
        self.saved = None;
        self.diagnostics.clear();
        self.history.clear();
        self.journal_due = false;
        self.migrated_from = None;
    }

    /// Replaces the document with an edited copy. `key` names the edited field (a JSON
    /// Pointer) so that typing in one field within a short pause forms one undo step;
    /// structural edits pass `None`. The metadata cannot be edited this way.
    pub fn edit(
        &mut self,
        mut doc: Document,
        key: Option<&str>,
        now_ms: u64,
    ) -> Result<(), SessionError> {
        let current = self.doc.as_mut().ok_or(SessionError::NoDocument)?;
        doc.meta = current.meta.clone();
        doc.schema = current.schema;
        // Approved editions are never edited: the editor does not even see their content.
        doc.editions = current.editions.clone();
        // New clauses (and copies) get their stable ids here.
        doc.assign_clause_ids();
        jobdoc_model::staff::assign_ids(&mut doc.staff);
        if doc == *current {
            return Ok(());
        }
        self.history.record(current, key, now_ms);
        *current = doc;
        self.diagnostics = validate(current);
        self.journal_due = true;
        Ok(())
    }

    /// Ends a typing run (e.g. when a field loses focus).
    pub fn seal(&mut self) {
        self.history.seal();
    }

    pub fn undo(&mut self) -> Result<bool, SessionError> {
        self.step(true)
    }

    pub fn redo(&mut self) -> Result<bool, SessionError> {
        self.step(false)
    }

    fn step(&mut self, undo: bool) -> Result<bool, SessionError> {
        let current = self.doc.as_mut().ok_or(SessionError::NoDocument)?;
        let meta = current.meta.clone();
        let moved = if undo {
            self.history.undo(current)
        } else {
            self.history.redo(current)
        };
        // Revision and time stamps belong to the file, not to the edit history.
        current.meta = meta;
        self.keep_saved_editions();
        let current = self.doc.as_mut().ok_or(SessionError::NoDocument)?;
        self.diagnostics = validate(current);
        self.journal_due |= moved;
        Ok(moved)
    }

    /// Saves to the current file, if nobody changed it since it was opened or last saved
    /// (`changed-on-disk` otherwise: ask, then [`Session::save_overwrite`], save as a copy, or
    /// [`Session::reload`]). The previous version is kept as `name.jobdoc.bak`. Fails with
    /// `no-path` for a never-saved document and `read-only` when someone else has the file.
    pub fn save(&mut self, now: Timestamp) -> Result<(), SessionError> {
        let path = self.writable_path()?;
        let doc = self.next_revision(now)?;
        let fingerprint = save::save_checked(&doc, &path, self.opened.as_ref())?;
        self.saved_as(doc, path, fingerprint);
        Ok(())
    }

    /// Saves to the current file even though it changed on disk (the user chose to overwrite;
    /// the other version stays in the backup).
    pub fn save_overwrite(&mut self, now: Timestamp) -> Result<(), SessionError> {
        let path = self.writable_path()?;
        let doc = self.next_revision(now)?;
        let fingerprint = save::save_with_backup(&doc, &path)?;
        self.saved_as(doc, path, fingerprint);
        Ok(())
    }

    /// Saves to `path` (chosen in a Save As dialog, which has asked about replacing an
    /// existing file) and makes it the document's file: it is locked, and the lock of the
    /// previous file is released. Fails with `locked` when someone else has `path` open.
    pub fn save_as(&mut self, path: &Path, now: Timestamp) -> Result<(), SessionError> {
        if self.path.as_deref() == Some(path) && self.read_only.is_none() {
            return self.save_overwrite(now);
        }
        let doc = self.next_revision(now)?;
        let guard = match self.lock_file(path, now) {
            Ok(guard) => Some(guard),
            // No lock file can be made there: the save itself says why (a missing or
            // read-only folder) — or succeeds where only the lock failed.
            Err(LockError::Io { .. }) => None,
            Err(LockError::HeldBy { doc: p, info }) if is_ours(&info, &self.owner) => {
                // Our own stale lock (e.g. the same file open in this editor before a
                // take-over failed); replace it.
                let mut me = self.owner.clone();
                me.since = now;
                Some(lock::take_over(&p, me, Some(&info))?)
            }
            Err(e) => return Err(e.into()),
        };
        let fingerprint = save::save_with_backup(&doc, path)?;
        self.release_lock();
        self.lock = guard;
        self.forget_journal_entry();
        self.saved_as(doc, path.to_path_buf(), fingerprint);
        Ok(())
    }

    /// Reads the document's file again, dropping the edits (the user chose to reload).
    pub fn reload(&mut self, now: Timestamp) -> Result<(), SessionError> {
        let path = self.path.clone().ok_or(SessionError::NoPath)?;
        self.open(&path, now)
    }

    fn writable_path(&self) -> Result<PathBuf, SessionError> {
        let path = self.path.clone().ok_or(SessionError::NoPath)?;
        if let Some(ro) = &self.read_only {
            return Err(SessionError::ReadOnly {
                path,
                read_only: Box::new(ro.clone()),
            });
        }
        Ok(path)
    }

    fn next_revision(&self, now: Timestamp) -> Result<Document, SessionError> {
        let mut doc = self.doc.clone().ok_or(SessionError::NoDocument)?;
        doc.meta.revision = doc.meta.revision.saturating_add(1);
        doc.meta.modified = now;
        Ok(doc)
    }

    fn saved_as(&mut self, doc: Document, path: PathBuf, fingerprint: Fingerprint) {
        self.forget_journal_entry();
        self.journal_due = false;
        // Written in the current schema now.
        self.migrated_from = None;
        self.saved = Some(doc.clone());
        self.doc = Some(doc);
        self.path = Some(path);
        self.opened = Some(fingerprint);
        self.history.seal();
    }

    // Lock heartbeat

    /// Refreshes our lock's heartbeat (call it every minute or so). When the lock was taken
    /// over by someone else, the document becomes read-only and the error says by whom.
    pub fn heartbeat(&mut self, now: Timestamp) -> Result<(), SessionError> {
        let Some(guard) = self.lock.as_mut() else {
            return Ok(());
        };
        match guard.refresh(now) {
            Ok(()) => Ok(()),
            Err(lost @ LockError::Lost { .. }) => {
                if let Some(guard) = self.lock.take() {
                    // Not ours any more: dropping must not delete someone else's lock.
                    std::mem::forget(guard);
                }
                self.apply_denied(&lost, now);
                Err(lost.into())
            }
            // A network drive hiccup: keep the lock and try again next time.
            Err(_) => Ok(()),
        }
    }

    // Recovery journal

    fn recovery_key(&self) -> Option<RecoveryKey> {
        let doc = self.doc.as_ref()?;
        Some(match (&self.path, &self.read_only) {
            (Some(path), None) => RecoveryKey::Path { path: path.clone() },
            // A read-only document must not replace the holder's entry for the same file.
            (Some(path), Some(_)) => RecoveryKey::Untitled {
                id: format!("{}@{}:{}", doc.meta.id, self.owner.pid, path.display()),
            },
            (None, _) => RecoveryKey::Untitled {
                id: doc.meta.id.clone(),
            },
        })
    }

    /// Edits not yet in the journal.
    pub fn journal_due(&self) -> bool {
        self.journal_due
    }

    /// Writes the unsaved document to the recovery journal if it changed since the last
    /// write (the shell calls this a moment after edits). A document back to its saved
    /// content removes its entry. Returns whether anything was written.
    pub fn write_recovery(&mut self, now: Timestamp) -> Result<bool, SessionError> {
        if !self.journal_due {
            return Ok(false);
        }
        self.journal_due = false;
        let (Some(journal), Some(key)) = (&self.journal, self.recovery_key()) else {
            return Ok(false);
        };
        if !self.is_dirty() {
            self.forget_journal_entry();
            return Ok(false);
        }
        if let Some(old) = &self.journal_written {
            if *old != key {
                let _ = journal.discard(old);
            }
        }
        let doc = self.doc.as_ref().ok_or(SessionError::NoDocument)?;
        journal.record(&key, doc, now)?;
        self.journal_written = Some(key);
        Ok(true)
    }

    fn forget_journal_entry(&mut self) {
        if let (Some(journal), Some(key)) = (&self.journal, self.journal_written.take()) {
            let _ = journal.discard(&key);
        }
    }

    /// Unsaved edits left by editors that ended without saving (crashed, killed, power cut).
    pub fn recovery_offers(&self) -> Vec<RecoveryOffer> {
        let Some(journal) = &self.journal else {
            return Vec::new();
        };
        let Ok(listing) = journal.list_orphaned() else {
            return Vec::new();
        };
        listing
            .entries
            .iter()
            .map(|entry| RecoveryOffer {
                id: entry_id(journal, entry),
                path: match &entry.key {
                    RecoveryKey::Path { path } => Some(path.display().to_string()),
                    RecoveryKey::Untitled { .. } => None,
                },
                position: entry.document.position.name.clone(),
                written: entry.written,
                user: entry.writer.user.clone(),
                machine: entry.writer.machine.clone(),
            })
            .collect()
    }

    fn orphaned_entry(&self, id: &str) -> Result<(&RecoveryJournal, RecoveryEntry), SessionError> {
        let journal = self.journal.as_ref().ok_or(SessionError::NoJournal)?;
        let listing = journal.list_orphaned()?;
        listing
            .entries
            .into_iter()
            .find(|e| entry_id(journal, e) == id)
            .map(|e| (journal, e))
            .ok_or(SessionError::RecoveryGone)
    }

    /// Opens the unsaved edits `id` as a document with unsaved changes: on top of its file
    /// when the file still opens (locked as usual), otherwise as a new, never-saved document.
    pub fn restore(&mut self, id: &str, now: Timestamp) -> Result<(), SessionError> {
        let (journal, entry) = self.orphaned_entry(id)?;
        let old_file = journal.entry_file(&entry.key);
        let reopened = match &entry.key {
            RecoveryKey::Path { path } if path.is_file() => self.open(path, now).is_ok(),
            _ => false,
        };
        let mut doc = entry.document;
        if reopened {
            if let Some(saved) = &self.saved {
                // The file's revision and time stamps are what the next save counts from.
                doc.meta = saved.meta.clone();
            }
            self.diagnostics = validate(&doc);
            self.doc = Some(doc);
        } else {
            self.release_lock();
            self.replace(doc, None, false);
        }
        // Record the entry as ours at once, then drop the orphan if it lives elsewhere.
        self.journal_due = true;
        self.write_recovery(now)?;
        if let Some(journal) = &self.journal {
            let ours = self.journal_written.as_ref().map(|k| journal.entry_file(k));
            if ours.as_deref() != Some(old_file.as_path()) {
                let _ = std::fs::remove_file(&old_file);
            }
        }
        Ok(())
    }

    /// Deletes the unsaved edits `id` (the user declined to restore them).
    pub fn discard_recovery(&mut self, id: &str) -> Result<(), SessionError> {
        let (journal, entry) = self.orphaned_entry(id)?;
        Ok(journal.discard(&entry.key)?)
    }
}

fn entry_id(journal: &RecoveryJournal, entry: &RecoveryEntry) -> String {
    journal
        .entry_file(&entry.key)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn is_ours(info: &LockInfo, owner: &LockOwner) -> bool {
    info.owner.pid == owner.pid
        && info.owner.machine == owner.machine
        && info.owner.user == owner.user
}

/// Equal apart from metadata.
fn same_content(a: &Document, b: &Document) -> bool {
    let mut b = b.clone();
    b.meta = a.meta.clone();
    *a == b
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdoc_model::{Clause, ErrorCode};

    const NOW_TEXT: &str = "2026-03-01T10:00:00Z";

    fn now() -> Timestamp {
        NOW_TEXT.parse().unwrap()
    }

    fn session_with_blank() -> Session {
        let mut s = Session::new();
        s.new_blank(Language::Ru, "doc-1", now());
        s
    }

    fn edited(s: &Session, f: impl FnOnce(&mut Document)) -> Document {
        let mut d = s.document().unwrap().clone();
        f(&mut d);
        d
    }

    #[test]
    fn a_new_document_is_dirty_and_has_no_history() {
        let s = session_with_blank();
        let st = s.state();
        assert!(st.dirty);
        assert!(!st.can_undo && !st.can_redo);
        assert!(st.path.is_none() && st.file_name.is_none());
        assert!(
            !st.diagnostics.is_empty(),
            "a blank document has problems to report"
        );
    }

    #[test]
    fn edits_are_undone_and_redone_and_revalidated() {
        let mut s = session_with_blank();
        let before = s.state().diagnostics.len();
        let d = edited(&s, |d| d.organisation.name = "ООО «Ромашка»".into());
        s.edit(d, None, 0).unwrap();
        assert_eq!(s.document().unwrap().organisation.name, "ООО «Ромашка»");
        assert!(s.state().diagnostics.len() < before);
        assert!(s.undo().unwrap());
        assert_eq!(s.document().unwrap().organisation.name, "");
        assert_eq!(s.state().diagnostics.len(), before);
        assert!(s.redo().unwrap());
        assert_eq!(s.document().unwrap().organisation.name, "ООО «Ромашка»");
        assert!(!s.redo().unwrap());
    }

    #[test]
    fn an_unchanged_document_records_no_step() {
        let mut s = session_with_blank();
        let d = s.document().unwrap().clone();
        s.edit(d, None, 0).unwrap();
        assert!(!s.state().can_undo);
    }

    #[test]
    fn edits_cannot_change_metadata() {
        let mut s = session_with_blank();
        let d = edited(&s, |d| {
            d.meta.revision = 99;
            d.position.name = "менеджер".into();
        });
        s.edit(d, None, 0).unwrap();
        assert_eq!(s.document().unwrap().meta.revision, 0);
    }

    #[test]
    fn save_open_and_dirty_flag() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jobdoc");
        let mut s = session_with_blank();
        assert_eq!(s.save(now()).unwrap_err().code(), ErrorCode::NoPath);
        s.save_as(&path, "2026-03-02T00:00:00Z".parse().unwrap())
            .unwrap();
        let st = s.state();
        assert!(!st.dirty);
        assert_eq!(st.file_name.as_deref(), Some("a.jobdoc"));
        let doc = s.document().unwrap();
        assert_eq!(doc.meta.revision, 1);
        assert_eq!(doc.meta.modified, "2026-03-02T00:00:00Z");
        assert_eq!(doc.meta.created, now());

        // Edit, then undo back to the saved content: clean again.
        let d = edited(&s, |d| {
            d.sections[0].clauses.push(Clause::new("Новый пункт"))
        });
        s.edit(d, None, 0).unwrap();
        assert!(s.is_dirty());
        s.undo().unwrap();
        assert!(!s.is_dirty());
        s.redo().unwrap();
        s.save("2026-03-03T00:00:00Z".parse().unwrap()).unwrap();
        assert_eq!(s.document().unwrap().meta.revision, 2);

        let mut other = Session::new();
        other.open(&path, now()).unwrap();
        assert!(!other.is_dirty());
        assert_eq!(other.document(), s.document());
        assert_eq!(other.state().path, Some(path.display().to_string()));
    }

    #[test]
    fn a_failed_open_keeps_the_current_document() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.jobdoc");
        std::fs::write(&bad, b"[1, 2]").unwrap();
        let mut s = session_with_blank();
        let err = s.open(&bad, now()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NotAJobdoc);
        assert!(err.message(Language::En).contains("bad.jobdoc"));
        assert!(s.document().is_some());
        let err = s
            .open(&dir.path().join("missing.jobdoc"), now())
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::ReadFailed);
    }

    #[test]
    fn a_failed_save_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = session_with_blank();
        let err = s
            .save_as(&dir.path().join("no-such-dir").join("a.jobdoc"), now())
            .unwrap_err();
        assert_eq!(err.code(), ErrorCode::WriteFailed);
        assert_eq!(s.document().unwrap().meta.revision, 0);
        assert!(s.path().is_none());
    }

    #[test]
    fn commands_without_a_document_fail_with_a_code() {
        let mut s = Session::new();
        assert_eq!(s.undo().unwrap_err().code(), ErrorCode::NoDocument);
        assert_eq!(
            s.edit(Document::blank(Language::En, "x", now()), None, 0)
                .unwrap_err()
                .code(),
            ErrorCode::NoDocument
        );
        assert_eq!(
            s.save_as(Path::new("x.jobdoc"), now()).unwrap_err().code(),
            ErrorCode::NoDocument
        );
        assert!(s.state().document.is_none());
        assert!(!s.is_dirty());
    }

    #[test]
    fn unknown_template_is_an_error() {
        let mut s = Session::new();
        assert_eq!(
            s.new_from_template("no-such-template", "id", now())
                .unwrap_err()
                .code(),
            ErrorCode::UnknownTemplate
        );
    }

    #[test]
    fn every_template_opens_as_a_new_document() {
        for id in templates::ids() {
            let mut s = Session::new();
            s.new_from_template(id, "new-id", now()).unwrap();
            let doc = s.document().unwrap();
            assert_eq!(doc.meta.template.as_deref(), Some(id));
            assert_eq!(doc.meta.id, "new-id");
            assert!(s.is_dirty());
        }
    }
}
