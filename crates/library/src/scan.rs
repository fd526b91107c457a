//! Listing a library folder: one row per readable document, one problem per file that is not.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::Serialize;
use ts_rs::TS;

use jobdoc_model::error::{ErrorCode, UserError};
use jobdoc_model::file::{self, FileError, MAX_FILE_BYTES};
use jobdoc_model::{Approval, Document, IsoDate, Language, Timestamp};
use jobdoc_store::lock::{self, LockInfo};
use jobdoc_store::Fingerprint;

use crate::error::LibraryError;
use crate::ARCHIVE_FOLDER;

/// How a library is opened.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// List the `archive/` subfolder too.
    pub include_archive: bool,
    /// Now (passed in): judges whether a lock's holder is still there and whether a file's
    /// time stamp is old enough to be trusted without reading the file.
    pub now: Timestamp,
    /// This machine's name, for telling a lock of a process that has exited here.
    pub machine: String,
    /// A file whose modification time is less than this many seconds before `now` is hashed
    /// again on the next refresh even if its size and time look unchanged (coarse time stamps
    /// on FAT and SMB shares).
    pub settle_secs: i64,
}

impl OpenOptions {
    /// The usual options at `now`: no archive, this machine, two seconds to settle.
    pub fn at(now: Timestamp) -> OpenOptions {
        OpenOptions {
            include_archive: false,
            now,
            machine: lock::current_machine(),
            settle_secs: 2,
        }
    }
}

/// How the document is approved, for the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ApprovalKind {
    Stamp,
    Order,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApprovalSummary {
    pub kind: ApprovalKind,
    pub date: Option<IsoDate>,
    /// The order's number (empty for a stamp).
    pub number: String,
    /// The approver's position and name (empty for an order).
    pub approver: String,
}

/// Someone who has the document open (from its lock file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Holder {
    pub user: String,
    pub machine: String,
    pub since: Timestamp,
    pub heartbeat: Timestamp,
    /// The holder seems gone (its process exited on this machine, or no heartbeat for ten
    /// minutes): the lock can be taken over after asking.
    pub stale: bool,
}

/// Whether someone has the document open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "lowercase")]
pub enum LockState {
    Free,
    Held(Holder),
    /// A lock file that cannot be read: someone may have the document open.
    Damaged,
}

/// One document of the library, as the table shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LibraryRow {
    /// Relative to the library folder, `/` between the parts.
    pub path: String,
    /// The document's id (`meta.id`).
    pub id: String,
    pub language: Language,
    pub position: String,
    pub department: String,
    pub organisation: String,
    pub approval: ApprovalSummary,
    pub revision: u32,
    /// When the document was last saved (its own time stamp).
    pub modified: Timestamp,
    /// The file's modification time, to the second.
    pub file_modified: Option<Timestamp>,
    /// Bytes (a document is at most 16 MiB).
    #[ts(type = "number")]
    pub size: u64,
    /// SHA-256 of the file's content as it was read.
    pub sha256: String,
    /// Under `archive/`.
    pub archived: bool,
    /// The file is of an older schema (it will be migrated when saved).
    pub migrated_from: Option<u32>,
    pub lock: LockState,
}

/// A file that looks like a document but cannot be listed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Problem {
    /// Relative to the library folder.
    pub path: String,
    pub code: ErrorCode,
    pub message_ru: String,
    pub message_en: String,
}

impl Problem {
    fn of(rel: String, e: &dyn UserError) -> Problem {
        Problem {
            path: rel,
            code: e.code(),
            message_ru: e.message(Language::Ru),
            message_en: e.message(Language::En),
        }
    }
}

/// What one look at the folder found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Listing {
    /// The library folder as given.
    pub root: String,
    /// Sorted by path.
    pub rows: Vec<LibraryRow>,
    /// Sorted by path.
    pub problems: Vec<Problem>,
    /// Files read this time (the others were unchanged since the last look).
    pub read: u32,
    /// Files seen.
    pub files: u32,
}

#[derive(Debug, Clone)]
enum Outcome {
    Row(Box<LibraryRow>),
    Problem(Problem),
}

#[derive(Debug, Clone)]
struct Entry {
    size: u64,
    mtime_nanos: Option<i64>,
    sha256: String,
    /// The time stamp is old enough that an unchanged one means unchanged content.
    settled: bool,
    outcome: Outcome,
}

/// A library folder and what is known of its files. Keep it while the library is shown:
/// [`Library::refresh`] then reads only what changed.
#[derive(Debug)]
pub struct Library {
    root: PathBuf,
    options: OpenOptions,
    entries: HashMap<PathBuf, Entry>,
}

/// A file found by the walk.
struct Found {
    path: PathBuf,
    size: u64,
    mtime_nanos: Option<i64>,
    /// The folder holds a lock file for it.
    locked: bool,
    archived: bool,
}

impl Library {
    /// Lists `root` for the first time.
    pub fn open(root: &Path, options: OpenOptions) -> Result<(Library, Listing), LibraryError> {
        let mut library = Library {
            root: root.to_path_buf(),
            options,
            entries: HashMap::new(),
        };
        let listing = library.refresh(None)?;
        Ok((library, listing))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn options(&self) -> &OpenOptions {
        &self.options
    }

    /// The absolute path of a row's file.
    pub fn path_of(&self, rel: &str) -> Option<PathBuf> {
        crate::resolve(&self.root, rel)
    }

    /// Looks at the folder again (at `now`, if given): files whose size or time changed, or
    /// whose time was too recent to trust, are read again; vanished ones drop out; locks are
    /// always read afresh.
    pub fn refresh(&mut self, now: Option<Timestamp>) -> Result<Listing, LibraryError> {
        if let Some(now) = now {
            self.options.now = now;
        }
        let root_meta = fs::metadata(&self.root).map_err(|source| LibraryError::Folder {
            path: self.root.clone(),
            source,
        })?;
        if !root_meta.is_dir() {
            return Err(LibraryError::Folder {
                path: self.root.clone(),
                source: jobdoc_model::error::Explained::new("it is not a folder", "это не папка")
                    .into_io(std::io::ErrorKind::NotADirectory),
            });
        }
        let mut found = Vec::new();
        let mut folder_problems = Vec::new();
        walk(
            &self.root,
            &self.root,
            self.options.include_archive,
            false,
            &mut found,
            &mut folder_problems,
        )
        .map_err(|source| LibraryError::Folder {
            path: self.root.clone(),
            source,
        })?;

        let now_secs = self.options.now.unix_seconds();
        let settle = self.options.settle_secs;
        let root = self.root.clone();
        let previous = std::mem::take(&mut self.entries);
        let results: Vec<(PathBuf, Option<Entry>, bool)> = found
            .par_iter()
            .map(|f| {
                let old = previous.get(&f.path);
                let reuse =
                    old.filter(|e| e.settled && e.size == f.size && e.mtime_nanos == f.mtime_nanos);
                if let Some(e) = reuse {
                    let mut e = e.clone();
                    if let Outcome::Row(row) = &mut e.outcome {
                        row.archived = f.archived;
                    }
                    return (f.path.clone(), Some(e), false);
                }
                (
                    f.path.clone(),
                    read_entry(&root, f, old, now_secs, settle),
                    true,
                )
            })
            .collect();

        let mut read = 0;
        let mut rows = Vec::new();
        let mut problems = folder_problems;
        let locked: HashSet<&PathBuf> =
            found.iter().filter(|f| f.locked).map(|f| &f.path).collect();
        for (path, entry, was_read) in results {
            read += u32::from(was_read);
            let Some(entry) = entry else { continue }; // vanished while listed
            match &entry.outcome {
                Outcome::Row(row) => {
                    let mut row = (**row).clone();
                    row.lock = if locked.contains(&path) {
                        self.lock_state(&path)
                    } else {
                        LockState::Free
                    };
                    rows.push(row);
                }
                Outcome::Problem(p) => problems.push(p.clone()),
            }
            self.entries.insert(path, entry);
        }
        rows.sort_by(|a, b| a.path.cmp(&b.path));
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Listing {
            root: self.root.display().to_string(),
            rows,
            problems,
            read,
            files: found.len() as u32,
        })
    }

    fn lock_state(&self, doc: &Path) -> LockState {
        match lock::read_lock(doc) {
            Ok(None) => LockState::Free,
            Ok(Some(info)) => LockState::Held(self.holder(&info)),
            Err(_) => LockState::Damaged,
        }
    }

    fn holder(&self, info: &LockInfo) -> Holder {
        let stale = lock::staleness(
            info,
            &self.options.machine,
            self.options.now,
            lock::DEFAULT_MAX_SILENCE_SECS,
        )
        .is_stale();
        Holder {
            user: info.owner.user.clone(),
            machine: info.owner.machine.clone(),
            since: info.owner.since,
            heartbeat: info.heartbeat,
            stale,
        }
    }

    /// The fingerprint of a listed document as it was read.
    pub fn fingerprint(&self, rel: &str) -> Option<Fingerprint> {
        let path = self.path_of(rel)?;
        let e = self.entries.get(&path)?;
        Some(Fingerprint {
            size: e.size,
            modified_unix_nanos: e.mtime_nanos,
            sha256: e.sha256.clone(),
        })
    }

    /// Every listed document: its path relative to the folder and the SHA-256 it was read with.
    pub fn documents(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .entries
            .iter()
            .filter(|(_, e)| matches!(e.outcome, Outcome::Row(_)))
            .map(|(p, e)| (crate::relative(&self.root, p), e.sha256.clone()))
            .collect();
        out.sort();
        out
    }

    /// Forgets what is known of `rel` (after an operation changed it).
    pub(crate) fn forget(&mut self, path: &Path) {
        self.entries.remove(path);
    }
}

/// Whether a name is one the listing passes over: hidden and temporary files (`.name`), lock
/// files (`~$name.lock`), backups and anything not `*.jobdoc`.
pub fn is_document_name(name: &str) -> bool {
    !name.starts_with('.') && !name.starts_with("~$") && name.ends_with(".jobdoc")
}

fn walk(
    root: &Path,
    dir: &Path,
    include_archive: bool,
    archived: bool,
    found: &mut Vec<Found>,
    problems: &mut Vec<Problem>,
) -> std::io::Result<()> {
    let mut names = Vec::new();
    let mut lock_names = HashSet::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name_str = name.to_string_lossy().into_owned();
        if name_str.starts_with("~$") && name_str.ends_with(".lock") {
            lock_names.insert(name);
            continue;
        }
        names.push((entry, name_str));
    }
    for (entry, name) in names {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            if name.starts_with('.') {
                continue;
            }
            let is_archive = dir == root && name == ARCHIVE_FOLDER;
            if is_archive && !include_archive {
                continue;
            }
            if let Err(e) = walk(
                root,
                &path,
                include_archive,
                archived || is_archive,
                found,
                problems,
            ) {
                let e = FileError::Read {
                    path: path.clone(),
                    source: e,
                };
                problems.push(Problem::of(crate::relative(root, &path), &e));
            }
            continue;
        }
        if !is_document_name(&name) {
            continue;
        }
        // Symbolic links to files are followed; to folders, not (no loops).
        let meta = match fs::metadata(&path) {
            Ok(m) if m.is_file() => m,
            Ok(_) => continue,
            // Gone since the folder was read; but a link to nothing is a problem to show.
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound
                    && fs::symlink_metadata(&path).is_err() =>
            {
                continue
            }
            Err(e) => {
                let e = FileError::Read {
                    path: path.clone(),
                    source: e,
                };
                problems.push(Problem::of(crate::relative(root, &path), &e));
                continue;
            }
        };
        let locked = lock_names.contains(lock::lock_path(&path).file_name().unwrap_or_default());
        found.push(Found {
            path,
            size: meta.len(),
            mtime_nanos: nanos(&meta),
            locked,
            archived,
        });
    }
    Ok(())
}

fn nanos(meta: &fs::Metadata) -> Option<i64> {
    let t = meta.modified().ok()?;
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok(),
        Err(before) => i64::try_from(before.duration().as_nanos()).ok().map(|n| -n),
    }
}

/// Reads one file: `None` if it vanished meanwhile.
fn read_entry(
    root: &Path,
    f: &Found,
    old: Option<&Entry>,
    now_secs: i64,
    settle: i64,
) -> Option<Entry> {
    let rel = crate::relative(root, &f.path);
    let read_err = |source| FileError::Read {
        path: f.path.clone(),
        source,
    };
    let mut bytes = Vec::new();
    let read = fs::File::open(&f.path).and_then(|file| {
        let meta = file.metadata()?;
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
        Ok(meta)
    });
    let meta = match read {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            let e = read_err(e);
            return Some(problem_entry(f, String::new(), false, Problem::of(rel, &e)));
        }
    };
    let size = bytes.len() as u64;
    let mtime = nanos(&meta);
    // Changed between the walk and the read: trust nothing, look again next time.
    let steady = size == meta.len() && mtime == f.mtime_nanos;
    let settled = steady && mtime.is_some_and(|m| m.div_euclid(1_000_000_000) + settle < now_secs);
    if size > MAX_FILE_BYTES {
        let e = FileError::TooLarge {
            path: f.path.clone(),
            size,
        };
        return Some(problem_entry(
            f,
            String::new(),
            settled,
            Problem::of(rel, &e),
        ));
    }
    let sha = Fingerprint::of_bytes(&bytes, None).sha256;
    // Same bytes as before (only touched): keep what was parsed.
    if let Some(old) = old.filter(|o| o.sha256 == sha) {
        let mut e = old.clone();
        e.size = size;
        e.mtime_nanos = mtime;
        e.settled = settled;
        if let Outcome::Row(row) = &mut e.outcome {
            row.file_modified = mtime.map(|n| Timestamp::from_unix(n.div_euclid(1_000_000_000)));
            row.archived = f.archived;
        }
        return Some(e);
    }
    let outcome = match file::read(&bytes, &f.path) {
        Ok(loaded) => Outcome::Row(Box::new(row_of(
            rel,
            &loaded.document,
            loaded.migrated_from,
            size,
            mtime,
            sha.clone(),
            f.archived,
        ))),
        Err(e) => Outcome::Problem(Problem::of(rel, &e)),
    };
    Some(Entry {
        size,
        mtime_nanos: mtime,
        sha256: sha,
        settled,
        outcome,
    })
}

fn problem_entry(f: &Found, sha: String, settled: bool, p: Problem) -> Entry {
    Entry {
        size: f.size,
        mtime_nanos: f.mtime_nanos,
        sha256: sha,
        settled,
        outcome: Outcome::Problem(p),
    }
}

fn row_of(
    path: String,
    doc: &Document,
    migrated_from: Option<u32>,
    size: u64,
    mtime: Option<i64>,
    sha256: String,
    archived: bool,
) -> LibraryRow {
    let approval = match &doc.approval {
        Approval::Stamp {
            approver_position,
            approver_name,
            date,
        } => ApprovalSummary {
            kind: ApprovalKind::Stamp,
            date: *date,
            number: String::new(),
            approver: [approver_position.trim(), approver_name.trim()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        },
        Approval::Order { number, date } => ApprovalSummary {
            kind: ApprovalKind::Order,
            date: *date,
            number: number.clone(),
            approver: String::new(),
        },
    };
    LibraryRow {
        path,
        id: doc.meta.id.clone(),
        language: doc.language,
        position: doc.position.name.clone(),
        department: doc.organisation.department.clone(),
        organisation: doc.organisation.name.clone(),
        approval,
        revision: doc.meta.revision,
        modified: doc.meta.modified,
        file_modified: mtime.map(|n| Timestamp::from_unix(n.div_euclid(1_000_000_000))),
        size,
        sha256,
        archived,
        migrated_from,
        lock: LockState::Free,
    }
}
