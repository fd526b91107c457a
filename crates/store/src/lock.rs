//! Lock files for documents on shared drives.
//!
//! Opening a document for editing creates `~$name.jobdoc.lock` beside it (the `~$` prefix is
//! what Word uses for its owner files, so HR officers recognise it). It is a small JSON file:
//!
//! ```json
//! {"jobdoc_lock":1,"user":"ivanova","machine":"HR-PC-07","pid":4242,
//!  "since":"2026-11-27T09:00:00Z","heartbeat":"2026-11-27T09:41:00Z"}
//! ```
//!
//! - It is created exclusively: the complete file is written under a temporary name and
//!   hard-linked into place (a link fails if the name exists), or, where links are not
//!   supported, created with `create_new` (O_EXCL). Two editors can never both hold it, and a
//!   reader never sees a half-written lock.
//! - The holder refreshes the heartbeat ([`LockGuard::refresh`], every minute or so) and removes
//!   the file when the document is closed (or the guard is dropped).
//! - A second instance gets [`LockError::HeldBy`] with who and since when, and opens the
//!   document read-only. [`staleness`] tells whether the holder is gone: on the same machine its
//!   process no longer exists, or (any machine) the heartbeat is older than the allowed silence.
//!   Only then, and only after the user confirms, [`take_over`] replaces the lock.
//!
//! Time stamps are RFC 3339 strings passed in by the caller; the library never reads the clock.
//! Heartbeats written on other machines are compared with this machine's clock: allow for clock
//! skew when choosing the silence (the default [`DEFAULT_MAX_SILENCE_SECS`] is 10 minutes).

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use jobdoc_model::error::{io_reason, say, when, ErrorCode, Explained, UserError};
use jobdoc_model::{Language, Timestamp};

/// A lock whose heartbeat is older than this is stale (10 minutes). Refresh well within it.
pub const DEFAULT_MAX_SILENCE_SECS: i64 = 600;

/// Lock files larger than this are not lock files.
const MAX_LOCK_BYTES: u64 = 64 * 1024;

/// Who holds (or wants) a lock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockOwner {
    /// The user name, as shown to others ("ivanova").
    pub user: String,
    /// The machine name ("HR-PC-07").
    pub machine: String,
    /// The process id of the editor on that machine.
    pub pid: u32,
    /// When the document was opened.
    pub since: Timestamp,
}

impl LockOwner {
    /// This process, this user and this machine, opened at `since` (passed in).
    pub fn current(since: Timestamp) -> LockOwner {
        LockOwner {
            user: current_user(),
            machine: current_machine(),
            pid: std::process::id(),
            since,
        }
    }
}

/// The content of a lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockInfo {
    /// Format version of the lock file (1).
    pub jobdoc_lock: u32,
    #[serde(flatten)]
    pub owner: LockOwner,
    /// The last time the holder said it is alive.
    pub heartbeat: Timestamp,
}

/// Why a lock could not be taken, refreshed or released. Every variant names the document.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Someone else has the document open. Open it read-only and show who and since when.
    #[error("{}: the document is open by {} on {} since {}", doc.display(), info.owner.user, info.owner.machine, info.owner.since)]
    HeldBy { doc: PathBuf, info: Box<LockInfo> },
    /// A lock file exists but cannot be understood (damaged, or not written by Jobdoc).
    #[error("{}: the lock file {} is damaged ({reason}); someone may have the document open", doc.display(), lock.display())]
    Unreadable {
        doc: PathBuf,
        lock: PathBuf,
        reason: String,
    },
    /// Our lock was taken over (or deleted) by someone else; `by` is the new holder, if any.
    #[error("{}: the lock was taken over{}", doc.display(), by.as_ref().map(|i| format!(" by {} on {}", i.owner.user, i.owner.machine)).unwrap_or_default())]
    Lost {
        doc: PathBuf,
        by: Option<Box<LockInfo>>,
    },
    /// The lock file could not be created, read, written or removed.
    #[error("{}: cannot use the lock file {}: {source}", doc.display(), lock.display())]
    Io {
        doc: PathBuf,
        lock: PathBuf,
        source: io::Error,
    },
}

impl UserError for LockError {
    fn code(&self) -> ErrorCode {
        match self {
            LockError::HeldBy { .. } => ErrorCode::Locked,
            LockError::Unreadable { .. } => ErrorCode::LockUnreadable,
            LockError::Lost { .. } => ErrorCode::LockLost,
            LockError::Io { .. } => ErrorCode::LockFailed,
        }
    }

    fn message(&self, language: Language) -> String {
        let ru = match self {
            LockError::HeldBy { doc, info } => format!(
                "{}: документ открыт пользователем {} на компьютере {} с {}",
                doc.display(),
                info.owner.user,
                info.owner.machine,
                when(info.owner.since, Language::Ru)
            ),
            // The reason is the lock file's own (English, technical) complaint: left out.
            LockError::Unreadable { doc, lock, .. } => format!(
                "{}: файл блокировки {} повреждён; возможно, документ кто-то открыл",
                doc.display(),
                lock.display()
            ),
            LockError::Lost { doc, by } => match by {
                Some(by) => format!(
                    "{}: блокировку документа перехватил пользователь {} на компьютере {}",
                    doc.display(),
                    by.owner.user,
                    by.owner.machine
                ),
                None => format!("{}: блокировку документа перехватили", doc.display()),
            },
            LockError::Io { doc, lock, source } => format!(
                "{}: не удаётся использовать файл блокировки {}: {}",
                doc.display(),
                lock.display(),
                io_reason(source, Language::Ru)
            ),
        };
        say(language, ru, self.to_string())
    }
}

/// `dir/name.jobdoc` → `dir/~$name.jobdoc.lock`.
///
/// A name so long that the lock's name would pass the 255-byte limit of file systems is
/// shortened and made unique with a hash: `~$<first 200 bytes>.<hash>.lock`.
pub fn lock_path(doc: &Path) -> PathBuf {
    let file_name = doc.file_name().unwrap_or_default();
    let mut name = OsString::from("~$");
    if file_name.len() + 7 <= 255 {
        name.push(file_name);
    } else {
        let hash = crate::fingerprint::sha256_hex(file_name.as_encoded_bytes());
        name.push(format!(
            "{}.{}",
            crate::short_name(file_name, 200),
            &hash[..16]
        ));
    }
    name.push(".lock");
    doc.with_file_name(name)
}

/// Reads the lock of `doc`: `Ok(None)` if there is none.
pub fn read_lock(doc: &Path) -> Result<Option<LockInfo>, LockError> {
    let lock = lock_path(doc);
    match read_lock_file(doc, &lock)? {
        None => Ok(None),
        Some(Ok(info)) => Ok(Some(info)),
        Some(Err(reason)) => Err(LockError::Unreadable {
            doc: doc.into(),
            lock,
            reason,
        }),
    }
}

/// Locks `doc` for `who`. Fails with [`LockError::HeldBy`] if anyone holds it — including a
/// stale holder: use [`staleness`] and, after the user confirms, [`take_over`].
pub fn acquire(doc: &Path, who: LockOwner) -> Result<LockGuard, LockError> {
    let lock = lock_path(doc);
    let info = LockInfo {
        jobdoc_lock: 1,
        heartbeat: who.since,
        owner: who,
    };
    if create_exclusive(doc, &lock, &info)? {
        return Ok(LockGuard {
            doc: doc.into(),
            lock,
            info,
            released: false,
        });
    }
    match read_lock_file(doc, &lock)? {
        Some(Ok(held)) => Err(LockError::HeldBy {
            doc: doc.into(),
            info: Box::new(held),
        }),
        Some(Err(reason)) => Err(LockError::Unreadable {
            doc: doc.into(),
            lock,
            reason,
        }),
        // Released between our attempt and the read: try once more.
        None => {
            if create_exclusive(doc, &lock, &info)? {
                Ok(LockGuard {
                    doc: doc.into(),
                    lock,
                    info,
                    released: false,
                })
            } else {
                Err(match read_lock(doc)? {
                    Some(held) => LockError::HeldBy {
                        doc: doc.into(),
                        info: Box::new(held),
                    },
                    None => LockError::Io {
                        doc: doc.into(),
                        lock,
                        source: Explained::new(
                            "the lock file keeps appearing and vanishing",
                            "файл блокировки то появляется, то исчезает",
                        )
                        .into_io(io::ErrorKind::Other),
                    },
                })
            }
        }
    }
}

/// Whether a lock's holder is still there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Staleness {
    /// The holder is (as far as we can tell) still editing.
    Live,
    /// The lock was written on this machine by a process that no longer exists.
    ProcessGone,
    /// No heartbeat for `silent_secs` seconds (or the heartbeat is not a time stamp).
    Silent { silent_secs: Option<i64> },
}

impl Staleness {
    pub fn is_stale(&self) -> bool {
        !matches!(self, Staleness::Live)
    }
}

/// Judges a lock seen by `here_machine` at `now`: stale if it was written on this
/// machine by a process that has exited, or if its heartbeat is older than `max_silence_secs`.
pub fn staleness(
    info: &LockInfo,
    here_machine: &str,
    now: Timestamp,
    max_silence_secs: i64,
) -> Staleness {
    if info.owner.machine == here_machine && process_alive(info.owner.pid) == Some(false) {
        return Staleness::ProcessGone;
    }
    let silent = now.unix_seconds() - info.heartbeat.unix_seconds();
    if silent > max_silence_secs {
        Staleness::Silent {
            silent_secs: Some(silent),
        }
    } else {
        Staleness::Live
    }
}

/// Replaces the lock `seen` (as returned in [`LockError::HeldBy`], or `None` for a lock that was
/// [`LockError::Unreadable`]) with a lock for `who`. Call it only after the user confirmed taking
/// over. If the lock changed since it was seen — its holder refreshed it, released it or
/// someone else took it over — nothing is taken and the current state is returned as an error
/// (or, if the lock is simply gone, it is acquired normally).
pub fn take_over(
    doc: &Path,
    who: LockOwner,
    seen: Option<&LockInfo>,
) -> Result<LockGuard, LockError> {
    let lock = lock_path(doc);
    let io_err = |source| LockError::Io {
        doc: doc.into(),
        lock: lock.clone(),
        source,
    };
    // Move the lock aside under a unique name: of several concurrent takers only one can move
    // a given file. Then check that what was moved is what the user agreed to take over.
    let aside = tempfile::Builder::new()
        .prefix(&format!(
            ".{}.stale.",
            crate::short_name(lock.file_name().unwrap_or_default(), 100)
        ))
        .suffix(".tmp")
        .make_in(lock.parent().unwrap_or(Path::new(".")), |candidate| {
            // make_in needs the candidate to not exist yet; rename refuses nothing, so check.
            if candidate.exists() {
                return Err(io::Error::from(io::ErrorKind::AlreadyExists));
            }
            fs::rename(&lock, candidate)
        });
    let aside = match aside {
        Ok(t) => t.into_temp_path(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return acquire(doc, who),
        Err(e) => return Err(io_err(e)),
    };
    let moved = match read_limited(&aside) {
        Ok(bytes) => parse_lock_bytes(&bytes),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Err(e.to_string()),
        Err(e) => return Err(io_err(e)),
    };
    let as_seen = match (&moved, seen) {
        (Ok(info), Some(seen)) => info == seen,
        (Err(_), None) => true,
        _ => false,
    };
    if !as_seen {
        // Not the lock the user saw: put it back unless someone created a new one meanwhile.
        let _ = fs::hard_link(&aside, &lock);
        drop(aside);
        return Err(match moved {
            Ok(info) => LockError::HeldBy {
                doc: doc.into(),
                info: Box::new(info),
            },
            Err(reason) => LockError::Unreadable {
                doc: doc.into(),
                lock,
                reason,
            },
        });
    }
    drop(aside); // deletes the stale lock
    acquire(doc, who)
}

/// Holds a document's lock; removes the lock file when released or dropped (if it is still ours).
#[derive(Debug)]
pub struct LockGuard {
    doc: PathBuf,
    lock: PathBuf,
    info: LockInfo,
    released: bool,
}

impl LockGuard {
    /// What the lock file says.
    pub fn info(&self) -> &LockInfo {
        &self.info
    }

    /// The lock file's path.
    pub fn lock_file(&self) -> &Path {
        &self.lock
    }

    /// Writes a new heartbeat (`now`). Fails with [`LockError::Lost`] if the lock is no
    /// longer ours (taken over after we were silent too long, or deleted): the editor should
    /// then tell the user and stop saving over the file without asking.
    pub fn refresh(&mut self, now: Timestamp) -> Result<(), LockError> {
        self.check_ours()?;
        let mut next = self.info.clone();
        next.heartbeat = now;
        let bytes = lock_bytes(&next);
        jobdoc_model::atomic_write(&self.lock, &bytes).map_err(|source| LockError::Io {
            doc: self.doc.clone(),
            lock: self.lock.clone(),
            source,
        })?;
        self.info = next;
        Ok(())
    }

    /// Removes the lock file (if it is still ours).
    pub fn release(mut self) -> Result<(), LockError> {
        self.released = true;
        self.remove_if_ours()
    }

    fn check_ours(&self) -> Result<(), LockError> {
        match read_lock_file(&self.doc, &self.lock)? {
            Some(Ok(info)) if info.owner == self.info.owner => Ok(()),
            Some(Ok(info)) => Err(LockError::Lost {
                doc: self.doc.clone(),
                by: Some(Box::new(info)),
            }),
            _ => Err(LockError::Lost {
                doc: self.doc.clone(),
                by: None,
            }),
        }
    }

    fn remove_if_ours(&self) -> Result<(), LockError> {
        match self.check_ours() {
            Ok(()) => match fs::remove_file(&self.lock) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
                Err(source) => Err(LockError::Io {
                    doc: self.doc.clone(),
                    lock: self.lock.clone(),
                    source,
                }),
            },
            // Someone else's lock now (or none): leave it alone.
            Err(LockError::Lost { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

impl Drop for LockGuard {
    fn drop(&mut self) {
        if !self.released {
            let _ = self.remove_if_ours();
        }
    }
}

fn lock_bytes(info: &LockInfo) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(info).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn parse_lock_bytes(bytes: &[u8]) -> Result<LockInfo, String> {
    if bytes.is_empty() {
        return Err("the lock file is empty".into());
    }
    let info: LockInfo = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if info.jobdoc_lock != 1 {
        return Err(format!("unknown lock format {}", info.jobdoc_lock));
    }
    Ok(info)
}

fn read_limited(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(MAX_LOCK_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_LOCK_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the lock file is too large",
        ));
    }
    Ok(bytes)
}

/// `Ok(None)`: no lock file. `Ok(Some(Err(reason)))`: a lock file that cannot be understood.
fn read_lock_file(doc: &Path, lock: &Path) -> Result<Option<Result<LockInfo, String>>, LockError> {
    match read_limited(lock) {
        Ok(bytes) => Ok(Some(parse_lock_bytes(&bytes))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::InvalidData => Ok(Some(Err(e.to_string()))),
        Err(source) => Err(LockError::Io {
            doc: doc.into(),
            lock: lock.into(),
            source,
        }),
    }
}

/// Creates the lock file with the complete content, only if no lock file exists.
/// `Ok(false)`: one exists.
fn create_exclusive(doc: &Path, lock: &Path, info: &LockInfo) -> Result<bool, LockError> {
    let io_err = |source| LockError::Io {
        doc: doc.into(),
        lock: lock.into(),
        source,
    };
    let dir = match lock.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let bytes = lock_bytes(info);
    let mut tmp = tempfile::Builder::new()
        .prefix(".jobdoc-lock.")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io_err)?;
    tmp.write_all(&bytes).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    match fs::hard_link(tmp.path(), lock) {
        Ok(()) => return Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
        Err(_) => {} // no hard links on this file system
    }
    drop(tmp);
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(lock)
    {
        Ok(mut f) => {
            f.write_all(&bytes).map_err(io_err)?;
            f.sync_all().map_err(io_err)?;
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io_err(e)),
    }
}

/// Whether process `pid` exists on this machine: `Some(true)`, `Some(false)`, or `None` where
/// that cannot be told.
pub fn process_alive(pid: u32) -> Option<bool> {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return Some(false);
        };
        if pid <= 0 {
            return Some(false);
        }
        // Signal 0 checks existence without sending anything.
        // SAFETY: kill with signal 0 has no effect on the target; pid is a positive value.
        let r = unsafe { libc::kill(pid, 0) };
        if r == 0 {
            return Some(true);
        }
        match io::Error::last_os_error().raw_os_error() {
            Some(libc::ESRCH) => Some(false),
            Some(libc::EPERM) => Some(true), // exists, owned by someone else
            _ => None,
        }
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::{
            CloseHandle, GetLastError, ERROR_ACCESS_DENIED, STILL_ACTIVE,
        };
        use windows_sys::Win32::System::Threading::{
            GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
        };
        // SAFETY: plain Win32 calls; the handle is closed before returning.
        unsafe {
            let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if handle.is_null() {
                return if GetLastError() == ERROR_ACCESS_DENIED {
                    Some(true)
                } else {
                    Some(false)
                };
            }
            let mut code: u32 = 0;
            let ok = GetExitCodeProcess(handle, &mut code);
            CloseHandle(handle);
            if ok == 0 {
                None
            } else {
                Some(code == STILL_ACTIVE as u32)
            }
        }
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = pid;
        None
    }
}

/// The user name from the environment (`USER`, `USERNAME` or `LOGNAME`), else (Unix) the
/// account's name, else "unknown".
pub fn current_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(unix)]
fn account_name() -> Option<String> {
    let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
    let mut buf = vec![0u8; 4096];
    let mut found: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer refers to live memory of the stated size; getpwuid_r writes the
    // entry's strings into `buf` and sets `found` to `&entry` or null.
    let r = unsafe {
        libc::getpwuid_r(
            libc::getuid(),
            &mut entry,
            buf.as_mut_ptr().cast(),
            buf.len(),
            &mut found,
        )
    };
    if r != 0 || found.is_null() || entry.pw_name.is_null() {
        return None;
    }
    // SAFETY: pw_name points to a NUL-terminated string inside `buf`, which is still alive.
    let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
    Some(name.to_string_lossy().into_owned()).filter(|n| !n.is_empty())
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// This machine's name, or "unknown".
pub fn current_machine() -> String {
    #[cfg(unix)]
    {
        let mut buf = [0u8; 256];
        // SAFETY: the buffer is valid for its length; gethostname writes at most that many bytes.
        let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
        if r == 0 {
            let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let name = String::from_utf8_lossy(&buf[..end]).into_owned();
            if !name.is_empty() {
                return name;
            }
        }
    }
    ["COMPUTERNAME", "HOSTNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(stamp: &str) -> jobdoc_model::Timestamp {
        stamp.parse().unwrap()
    }

    fn owner(user: &str, pid: u32, since: jobdoc_model::Timestamp) -> LockOwner {
        LockOwner {
            user: user.into(),
            machine: "HR-PC-07".into(),
            pid,
            since,
        }
    }

    #[test]
    fn lock_path_is_beside_the_document() {
        assert_eq!(
            lock_path(Path::new("/share/Менеджер.jobdoc")),
            Path::new("/share/~$Менеджер.jobdoc.lock")
        );
    }

    #[test]
    fn documents_with_names_at_the_length_limit_can_be_locked() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join(format!("{}.jobdoc", "я".repeat(124))); // 255 bytes
        let b = dir.path().join(format!("{}.jobdoc", "я".repeat(123) + "ю"));
        let (la, lb) = (lock_path(&a), lock_path(&b));
        assert_ne!(la, lb);
        assert!(la.file_name().unwrap().len() <= 255);
        let ga = acquire(&a, owner("ivanova", 2, ts("2026-11-27T09:00:00Z"))).unwrap();
        let gb = acquire(&b, owner("ivanova", 2, ts("2026-11-27T09:00:00Z"))).unwrap();
        assert!(acquire(&a, owner("petrov", 3, ts("2026-11-27T09:00:00Z"))).is_err());
        drop((ga, gb));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn second_acquire_is_refused_with_who_and_since_then_released() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.jobdoc");
        let me = LockOwner::current(ts("2026-11-27T09:00:00Z"));
        let guard = acquire(&doc, me.clone()).unwrap();
        assert!(lock_path(&doc).exists());
        let err = acquire(&doc, owner("petrov", 1, ts("2026-11-27T09:05:00Z"))).unwrap_err();
        match &err {
            LockError::HeldBy { info, .. } => {
                assert_eq!(info.owner, me);
                assert_eq!(info.heartbeat, ts("2026-11-27T09:00:00Z"));
            }
            other => panic!("expected HeldBy, got {other:?}"),
        }
        let msg = err.to_string();
        assert!(
            msg.contains("a.jobdoc")
                && msg.contains(&me.user)
                && msg.contains("2026-11-27T09:00:00Z"),
            "{msg}"
        );
        assert_eq!(err.code(), ErrorCode::Locked);
        guard.release().unwrap();
        assert!(!lock_path(&doc).exists());
        // Now free: the other user gets it; dropping the guard removes it.
        let g2 = acquire(&doc, owner("petrov", 1, ts("2026-11-27T09:06:00Z"))).unwrap();
        drop(g2);
        assert!(!lock_path(&doc).exists());
        // No temporary files left.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn heartbeat_and_silence() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.jobdoc");
        // A holder on another machine: the process check does not apply there.
        let mut far = owner("petrov", 1, ts("2026-11-27T09:00:00Z"));
        far.machine = "OTHER-PC".into();
        let mut guard = acquire(&doc, far).unwrap();
        guard.refresh(ts("2026-11-27T09:30:00Z")).unwrap();
        let info = read_lock(&doc).unwrap().unwrap();
        assert_eq!(info.heartbeat, ts("2026-11-27T09:30:00Z"));
        assert_eq!(info.owner.since, ts("2026-11-27T09:00:00Z"));
        let here = "HR-PC-07";
        assert_eq!(
            staleness(&info, here, ts("2026-11-27T09:35:00Z"), 600),
            Staleness::Live
        );
        assert_eq!(
            staleness(&info, here, ts("2026-11-27T09:45:00Z"), 600),
            Staleness::Silent {
                silent_secs: Some(900)
            }
        );
    }

    #[test]
    fn take_over_only_the_lock_that_was_seen() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.jobdoc");
        let mut far = owner("petrov", 1, ts("2026-11-27T09:00:00Z"));
        far.machine = "OTHER-PC".into();
        let mut old = acquire(&doc, far).unwrap();
        let seen = read_lock(&doc).unwrap().unwrap();

        // The holder refreshes after we looked: the take-over is refused, the lock untouched.
        old.refresh(ts("2026-11-27T09:20:00Z")).unwrap();
        let me = owner("ivanova", 2, ts("2026-11-27T09:21:00Z"));
        match take_over(&doc, me.clone(), Some(&seen)) {
            Err(LockError::HeldBy { info, .. }) => {
                assert_eq!(info.heartbeat, ts("2026-11-27T09:20:00Z"))
            }
            other => panic!("expected HeldBy, got {other:?}"),
        }
        assert_eq!(
            read_lock(&doc).unwrap().unwrap().heartbeat,
            ts("2026-11-27T09:20:00Z")
        );

        // Take over what is there now.
        let seen = read_lock(&doc).unwrap().unwrap();
        let mine = take_over(&doc, me.clone(), Some(&seen)).unwrap();
        assert_eq!(read_lock(&doc).unwrap().unwrap().owner, me);

        // The old holder notices on its next heartbeat and does not remove our lock on drop.
        match old.refresh(ts("2026-11-27T09:22:00Z")) {
            Err(LockError::Lost { by: Some(by), .. }) => assert_eq!(by.owner, me),
            other => panic!("expected Lost, got {other:?}"),
        }
        drop(old);
        assert_eq!(read_lock(&doc).unwrap().unwrap().owner, me);
        drop(mine);
        assert!(!lock_path(&doc).exists());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn damaged_lock_is_reported_and_can_be_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.jobdoc");
        fs::write(lock_path(&doc), b"").unwrap();
        let err = acquire(&doc, owner("ivanova", 2, ts("2026-11-27T09:00:00Z"))).unwrap_err();
        assert_eq!(err.code(), ErrorCode::LockUnreadable);
        assert!(err.to_string().contains("a.jobdoc"));
        fs::write(lock_path(&doc), vec![b'x'; 100_000]).unwrap();
        assert_eq!(
            read_lock(&doc).unwrap_err().code(),
            ErrorCode::LockUnreadable
        );
        let g = take_over(&doc, owner("ivanova", 2, ts("2026-11-27T09:00:00Z")), None).unwrap();
        assert_eq!(g.info().owner.user, "ivanova");
    }

    #[test]
    fn our_own_process_is_alive_and_a_reaped_child_is_not() {
        assert_eq!(process_alive(std::process::id()), Some(true));
        #[cfg(unix)]
        {
            let mut child = std::process::Command::new("true").spawn().unwrap();
            let pid = child.id();
            child.wait().unwrap();
            assert_eq!(process_alive(pid), Some(false));
        }
    }

    #[test]
    fn lock_in_missing_folder_is_an_io_error_naming_the_document() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("nope").join("a.jobdoc");
        let err = acquire(&doc, owner("ivanova", 2, ts("2026-11-27T09:00:00Z"))).unwrap_err();
        assert_eq!(err.code(), ErrorCode::LockFailed);
        assert!(err.to_string().contains("a.jobdoc"));
    }
}
