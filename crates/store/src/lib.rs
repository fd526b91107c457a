//! Jobdoc's safe storage: nothing the user typed is lost, and nobody's edit is overwritten
//! silently.
//!
//! - [`save`]: saving with a backup of the previous version (`name.jobdoc.bak`), crash-safe;
//!   opening with a [`Fingerprint`]; saving only if the file is still the one that was opened.
//! - [`fingerprint`]: size + modification time + SHA-256 of a file, and [`changed_since`].
//! - [`lock`]: `~$name.jobdoc.lock` beside a document on a shared drive: who has it open since
//!   when, heartbeat, stale-lock detection, take-over on request, removal on close.
//! - [`journal`]: the recovery journal of unsaved edits in the app's data folder.
//!
//! The crate has no GUI dependency and never reads the clock: every time stamp is a
//! [`jobdoc_model::Timestamp`] passed in.
//!
//! # How the editor uses it
//!
//! ```no_run
//! use std::path::Path;
//! use jobdoc_store::{lock, journal::{RecoveryJournal, RecoveryKey}, save, SaveError, LockError};
//!
//! # fn now() -> jobdoc_model::Timestamp { "2026-11-27T09:00:00Z".parse().unwrap() }
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let me = lock::LockOwner::current(now());
//! // App start: the journal lives in the app data folder; offer to restore orphaned entries.
//! let journal = RecoveryJournal::open(Path::new("/home/u/.local/share/jobdoc/recovery"), me.clone())?;
//! for entry in journal.list_orphaned()?.entries {
//!     // "Restore unsaved changes to {entry.key} from {entry.written}?" → open entry.document
//!     // as a dirty document; then journal.discard(&entry.key) once restored or declined.
//! }
//!
//! // Open: lock first, then read. Locked by someone else → open read-only and say who/since.
//! let path = Path::new("/share/Менеджер.jobdoc");
//! let guard = match lock::acquire(path, me.clone()) {
//!     Ok(g) => Some(g),
//!     Err(LockError::HeldBy { info, .. }) => {
//!         let stale = lock::staleness(&info, &me.machine, now(), lock::DEFAULT_MAX_SILENCE_SECS);
//!         // stale.is_stale() → offer "take over" → lock::take_over(path, me.clone(), Some(&info))
//!         None // read-only
//!     }
//!     Err(other) => return Err(other.into()),
//! };
//! let (loaded, mut opened) = save::load_with_fingerprint(path)?;
//! let mut doc = loaded.document; // loaded.migrated_from: tell the user once
//! // Leftovers of saves killed long ago (crash, power cut) can go.
//! let _ = save::remove_stale_temporaries(path, std::time::SystemTime::now(),
//!     std::time::Duration::from_secs(600));
//!
//! // While editing: record to the journal (debounced); refresh the lock every minute.
//! let key = RecoveryKey::Path { path: path.into() };
//! journal.record(&key, &doc, now())?;
//! // guard.refresh(now())? — a LockError::Lost means someone took the lock over.
//!
//! // Save: only if the file is still the one we opened.
//! match save::save_checked(&doc, path, Some(&opened)) {
//!     Ok(fp) => { opened = fp; journal.discard(&key)?; }
//!     Err(SaveError::ChangedOnDisk { .. }) => {
//!         // Ask: overwrite → save::save_with_backup(&doc, path) (the other version stays in
//!         // .bak); save as a copy → save::save_checked(&doc, new_path, None); reload.
//!     }
//!     Err(e) => return Err(e.into()), // UserError: e.code(), e.message(language); the file on disk is intact
//! }
//!
//! // Close: discard the journal entry, release the lock (dropping the guard also releases it).
//! journal.discard(&key)?;
//! drop(guard);
//! # let _ = &mut doc; Ok(()) }
//! ```
//!
//! Every error here implements [`jobdoc_model::UserError`]: its [`jobdoc_model::ErrorCode`] and
//! its message in Russian or English (as `jobdoc_model::FileError` does for reading).

pub mod fingerprint;
pub mod journal;
pub mod lock;
pub mod save;

/// At most `max` bytes of a file name (cut at a character boundary), for building temporary
/// names that stay within the 255-byte limit of file systems.
pub(crate) fn short_name(name: &std::ffi::OsStr, max: usize) -> String {
    let name = name.to_string_lossy();
    let mut keep = name.len().min(max);
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    name[..keep].to_owned()
}

pub use fingerprint::{changed_since, DiskChange, Fingerprint};
pub use journal::{JournalError, RecoveryEntry, RecoveryJournal, RecoveryKey};
pub use lock::{acquire, LockError, LockGuard, LockInfo, LockOwner, Staleness};
pub use save::{
    backup_path, load_with_fingerprint, remove_stale_temporaries, save_checked, save_with_backup,
    write_with_backup, SaveError,
};
