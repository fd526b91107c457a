//! The recovery journal: unsaved edits kept in the app's data folder, so that a killed editor
//! loses nothing.
//!
//! One file per open document, `<key hash>.jobdoc-recovery`, replaced atomically on every
//! [`RecoveryJournal::record`]. A save or a close [`RecoveryJournal::discard`]s it. At start, the
//! app calls [`RecoveryJournal::list_orphaned`] and offers to restore each entry whose writer
//! process is gone.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use jobdoc_model::error::{io_reason, say, ErrorCode, UserError};
use jobdoc_model::{Document, Language, Timestamp};
use serde::{Deserialize, Serialize};

use crate::fingerprint::sha256_hex;
use crate::lock::{process_alive, LockOwner};

/// File-name extension of journal entries.
pub const ENTRY_EXTENSION: &str = "jobdoc-recovery";

/// Entries larger than this are not read (a document is at most 16 MiB; JSON in JSON doubles).
const MAX_ENTRY_BYTES: u64 = 40 * 1024 * 1024;

/// Which document an entry belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RecoveryKey {
    /// A document that has a file: keyed by its path.
    Path { path: PathBuf },
    /// A document never saved: keyed by its id (`meta.id`).
    Untitled { id: String },
}

impl RecoveryKey {
    fn file_stem(&self) -> String {
        let text = match self {
            RecoveryKey::Path { path } => format!("path:{}", path.to_string_lossy()),
            RecoveryKey::Untitled { id } => format!("id:{id}"),
        };
        sha256_hex(text.as_bytes())[..32].to_owned()
    }
}

/// One journal entry: the unsaved document and who wrote it when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryEntry {
    /// Format version of the entry (1).
    pub jobdoc_recovery: u32,
    pub key: RecoveryKey,
    /// When the entry was written (passed in).
    pub written: Timestamp,
    /// The editor process that wrote it.
    pub writer: LockOwner,
    /// The document with its unsaved edits.
    pub document: Document,
}

/// An entry file that could not be read; the app may show it and offer to delete it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedEntry {
    pub file: PathBuf,
    pub reason: String,
}

/// What [`RecoveryJournal::list`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// Readable entries, sorted by `written` then file name.
    pub entries: Vec<RecoveryEntry>,
    pub damaged: Vec<DamagedEntry>,
}

/// Why the journal could not be used. Every variant names the file or folder.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{}: cannot use the recovery folder: {source}", dir.display())]
    Folder { dir: PathBuf, source: io::Error },
    #[error("{}: cannot write the recovery file: {source}", file.display())]
    Write { file: PathBuf, source: io::Error },
    #[error("{}: cannot delete the recovery file: {source}", file.display())]
    Discard { file: PathBuf, source: io::Error },
}

impl UserError for JournalError {
    fn code(&self) -> ErrorCode {
        match self {
            JournalError::Folder { .. } => ErrorCode::RecoveryFolderFailed,
            JournalError::Write { .. } => ErrorCode::RecoveryWriteFailed,
            JournalError::Discard { .. } => ErrorCode::RecoveryDiscardFailed,
        }
    }

    fn message(&self, language: Language) -> String {
        let ru = match self {
            JournalError::Folder { dir, source } => format!(
                "{}: не удаётся использовать папку восстановления: {}",
                dir.display(),
                io_reason(source, Language::Ru)
            ),
            JournalError::Write { file, source } => format!(
                "{}: не удаётся записать файл восстановления: {}",
                file.display(),
                io_reason(source, Language::Ru)
            ),
            JournalError::Discard { file, source } => format!(
                "{}: не удаётся удалить файл восстановления: {}",
                file.display(),
                io_reason(source, Language::Ru)
            ),
        };
        say(language, ru, self.to_string())
    }
}

/// The journal in one folder (the app's data folder, e.g. `<app data>/recovery`).
#[derive(Debug, Clone)]
pub struct RecoveryJournal {
    dir: PathBuf,
    writer: LockOwner,
}

impl RecoveryJournal {
    /// Opens (creating if needed) the journal in `dir`; entries recorded through it name
    /// `writer` (usually [`LockOwner::current`] at app start).
    pub fn open(dir: &Path, writer: LockOwner) -> Result<RecoveryJournal, JournalError> {
        fs::create_dir_all(dir).map_err(|source| JournalError::Folder {
            dir: dir.into(),
            source,
        })?;
        Ok(RecoveryJournal {
            dir: dir.into(),
            writer,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that holds the entry for `key`.
    pub fn entry_file(&self, key: &RecoveryKey) -> PathBuf {
        self.dir
            .join(format!("{}.{ENTRY_EXTENSION}", key.file_stem()))
    }

    /// Writes (atomically replaces) the entry for `key` with `doc`, at `written`.
    /// Call it after edits (debounced, e.g. a second after the last keystroke).
    pub fn record(
        &self,
        key: &RecoveryKey,
        doc: &Document,
        written: Timestamp,
    ) -> Result<(), JournalError> {
        let entry = RecoveryEntry {
            jobdoc_recovery: 1,
            key: key.clone(),
            written,
            writer: self.writer.clone(),
            document: doc.clone(),
        };
        let file = self.entry_file(key);
        let bytes = serde_json::to_vec(&entry).map_err(|e| JournalError::Write {
            file: file.clone(),
            source: io::Error::other(e),
        })?;
        jobdoc_model::atomic_write(&file, &bytes)
            .map_err(|source| JournalError::Write { file, source })
    }

    /// Deletes the entry for `key` (after a save or a close without saving). No entry: no error.
    pub fn discard(&self, key: &RecoveryKey) -> Result<(), JournalError> {
        let file = self.entry_file(key);
        match fs::remove_file(&file) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(JournalError::Discard { file, source }),
        }
    }

    /// Moves the entry from `from` to `to` (after "save as", or the first save of an untitled
    /// document).
    pub fn rekey(
        &self,
        from: &RecoveryKey,
        to: &RecoveryKey,
        written: Timestamp,
    ) -> Result<(), JournalError> {
        if let Some(entry) = self.read_entry(&self.entry_file(from)).ok().flatten() {
            self.record(to, &entry.document, written)?;
        }
        self.discard(from)
    }

    /// Every entry in the folder, readable or not. Temporary files of interrupted writes are
    /// ignored.
    pub fn list(&self) -> Result<Listing, JournalError> {
        let read = fs::read_dir(&self.dir).map_err(|source| JournalError::Folder {
            dir: self.dir.clone(),
            source,
        })?;
        let mut listing = Listing::default();
        for item in read {
            let item = item.map_err(|source| JournalError::Folder {
                dir: self.dir.clone(),
                source,
            })?;
            let file = item.path();
            if file.extension() != Some(OsStr::new(ENTRY_EXTENSION)) {
                continue;
            }
            match self.read_entry(&file) {
                Ok(Some(entry)) => listing.entries.push(entry),
                Ok(None) => {}
                Err(reason) => listing.damaged.push(DamagedEntry { file, reason }),
            }
        }
        listing.entries.sort_by(|a, b| {
            a.written
                .cmp(&b.written)
                .then_with(|| a.key.file_stem().cmp(&b.key.file_stem()))
        });
        listing.damaged.sort_by(|a, b| a.file.cmp(&b.file));
        Ok(listing)
    }

    /// The entries to offer at start: those whose writer is not a running editor — written on
    /// another machine, or by a process that no longer exists — and not by this journal's own
    /// process.
    pub fn list_orphaned(&self) -> Result<Listing, JournalError> {
        let mut listing = self.list()?;
        listing.entries.retain(|e| {
            let w = &e.writer;
            if w.machine == self.writer.machine
                && w.pid == self.writer.pid
                && w.since == self.writer.since
            {
                return false;
            }
            w.machine != self.writer.machine || process_alive(w.pid) != Some(true)
        });
        Ok(listing)
    }

    /// `Ok(None)`: the file vanished meanwhile.
    fn read_entry(&self, file: &Path) -> Result<Option<RecoveryEntry>, String> {
        let mut bytes = Vec::new();
        match fs::File::open(file) {
            Ok(f) => f
                .take(MAX_ENTRY_BYTES + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| e.to_string())?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.to_string()),
        };
        if bytes.len() as u64 > MAX_ENTRY_BYTES {
            return Err("the recovery file is too large".into());
        }
        let entry: RecoveryEntry = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        if entry.jobdoc_recovery != 1 {
            return Err(format!("unknown recovery format {}", entry.jobdoc_recovery));
        }
        if entry.document.schema > jobdoc_model::SCHEMA_VERSION {
            return Err(format!(
                "written by a newer Jobdoc (schema {})",
                entry.document.schema
            ));
        }
        Ok(Some(entry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(stamp: &str) -> jobdoc_model::Timestamp {
        stamp.parse().unwrap()
    }
    use jobdoc_model::{Clause, Language};

    fn writer(pid: u32, since: jobdoc_model::Timestamp) -> LockOwner {
        LockOwner {
            user: "ivanova".into(),
            machine: "HR-PC-07".into(),
            pid,
            since,
        }
    }

    fn doc(text: &str) -> Document {
        let mut d = Document::blank(Language::Ru, "doc-1", ts("2026-11-27T09:00:00Z"));
        d.sections[0].clauses = vec![Clause::new(text)];
        d
    }

    #[test]
    fn record_list_discard() {
        let dir = tempfile::tempdir().unwrap();
        let j = RecoveryJournal::open(
            &dir.path().join("recovery"),
            writer(std::process::id(), ts("2026-11-27T08:00:00Z")),
        )
        .unwrap();
        let by_path = RecoveryKey::Path {
            path: "/share/Менеджер.jobdoc".into(),
        };
        let untitled = RecoveryKey::Untitled { id: "doc-2".into() };
        j.record(&by_path, &doc("первая правка"), ts("2026-11-27T09:01:00Z"))
            .unwrap();
        j.record(
            &by_path,
            &doc("вторая правка\u{200b}\u{ad}"),
            ts("2026-11-27T09:02:00Z"),
        )
        .unwrap();
        j.record(&untitled, &doc("new"), ts("2026-11-27T09:03:00Z"))
            .unwrap();
        let listing = j.list().unwrap();
        assert_eq!(listing.entries.len(), 2);
        assert!(listing.damaged.is_empty());
        assert_eq!(listing.entries[0].key, by_path);
        // Text comes back exactly as typed, invisible characters included.
        assert_eq!(
            listing.entries[0].document.sections[0].clauses[0].plain_text(),
            "вторая правка\u{200b}\u{ad}"
        );
        assert_eq!(listing.entries[1].key, untitled);
        // Our own live entries are not offered for recovery.
        assert!(j.list_orphaned().unwrap().entries.is_empty());

        j.discard(&by_path).unwrap();
        j.discard(&by_path).unwrap();
        assert_eq!(j.list().unwrap().entries.len(), 1);
        j.rekey(&untitled, &by_path, ts("2026-11-27T09:04:00Z"))
            .unwrap();
        let listing = j.list().unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.entries[0].key, by_path);
        assert_eq!(
            listing.entries[0].document.sections[0].clauses[0].plain_text(),
            "new"
        );
    }

    #[test]
    fn entries_of_a_dead_process_are_orphaned_damaged_ones_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--list")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let dead_pid = child.id();
        child.wait().unwrap();

        let mut dead = writer(dead_pid, ts("2026-11-27T08:00:00Z"));
        dead.machine = crate::lock::current_machine();
        let old = RecoveryJournal::open(dir.path(), dead).unwrap();
        old.record(
            &RecoveryKey::Untitled { id: "a".into() },
            &doc("x"),
            ts("2026-11-27T09:00:00Z"),
        )
        .unwrap();
        fs::write(
            dir.path().join("zz.jobdoc-recovery"),
            b"{\"jobdoc_recovery\":1,",
        )
        .unwrap();
        fs::write(dir.path().join(".x.jobdoc-recovery.abc.tmp"), b"half").unwrap();

        let mut me = writer(std::process::id(), ts("2026-11-27T08:01:00Z"));
        me.machine = crate::lock::current_machine();
        let j = RecoveryJournal::open(dir.path(), me).unwrap();
        let listing = j.list_orphaned().unwrap();
        assert_eq!(listing.entries.len(), 1);
        assert_eq!(listing.entries[0].writer.pid, dead_pid);
        assert_eq!(listing.damaged.len(), 1);
        assert!(listing.damaged[0].file.ends_with("zz.jobdoc-recovery"));
    }

    #[test]
    fn unusable_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        fs::write(&file, b"").unwrap();
        let err = RecoveryJournal::open(
            &file.join("recovery"),
            writer(1, ts("2026-11-27T08:00:00Z")),
        )
        .unwrap_err();
        assert_eq!(err.code(), ErrorCode::RecoveryFolderFailed);
        assert!(err.to_string().contains("plain-file"));
    }
}
