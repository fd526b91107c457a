//! Saving with a backup of the previous version, and opening with a fingerprint.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jobdoc_model::error::{io_reason, say, ErrorCode, Explained, UserError};
use jobdoc_model::file::{self, FileError, MAX_FILE_BYTES};
use jobdoc_model::{Document, Language};

use crate::fingerprint::{changed_since, DiskChange, Fingerprint};

/// Why a save did not happen. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file changed on disk since `expected` was taken: someone else saved it, or it was
    /// deleted or moved. Nothing was written. Ask the user: overwrite (call
    /// [`save_with_backup`]), save as a copy (a new path), or reload.
    #[error("{}: the file was changed by someone else since it was opened", path.display())]
    ChangedOnDisk { path: PathBuf, change: DiskChange },
    /// The previous version could not be kept as a backup. Nothing was written.
    #[error("{}: cannot keep a backup of the previous version in {}: {source}", path.display(), backup.display())]
    Backup {
        path: PathBuf,
        backup: PathBuf,
        source: io::Error,
    },
    /// The new version could not be written; the file on disk is the complete previous version.
    #[error("{}: cannot write the file: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    /// The file could not be read to compare it with the fingerprint.
    #[error("{}: cannot read the file to check for changes: {source}", path.display())]
    Check { path: PathBuf, source: io::Error },
}

impl UserError for SaveError {
    fn code(&self) -> ErrorCode {
        match self {
            SaveError::ChangedOnDisk { .. } => ErrorCode::ChangedOnDisk,
            SaveError::Backup { .. } => ErrorCode::BackupFailed,
            SaveError::Write { .. } => ErrorCode::WriteFailed,
            SaveError::Check { .. } => ErrorCode::ReadFailed,
        }
    }

    fn message(&self, language: Language) -> String {
        let ru = match self {
            SaveError::ChangedOnDisk { path, .. } => format!(
                "{}: файл изменил кто-то другой после того, как он был открыт",
                path.display()
            ),
            SaveError::Backup {
                path,
                backup,
                source,
            } => format!(
                "{}: не удаётся сохранить предыдущую версию в {}: {}; файл не изменён",
                path.display(),
                backup.display(),
                io_reason(source, Language::Ru)
            ),
            SaveError::Write { path, source } => format!(
                "{}: не удаётся записать файл: {}",
                path.display(),
                io_reason(source, Language::Ru)
            ),
            SaveError::Check { path, source } => format!(
                "{}: не удаётся прочитать файл, чтобы проверить, не изменился ли он: {}",
                path.display(),
                io_reason(source, Language::Ru)
            ),
        };
        say(language, ru, self.to_string())
    }
}

/// `name.jobdoc` → `name.jobdoc.bak`, in the same folder. A name so long that the backup's
/// name would pass the 255-byte limit of file systems is shortened and made unique with a
/// hash: `<first 200 bytes>.<hash>.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let file_name = path.file_name().unwrap_or_default();
    let mut name = if file_name.len() + 4 <= 255 {
        OsString::from(file_name)
    } else {
        let hash = crate::fingerprint::sha256_hex(file_name.as_encoded_bytes());
        OsString::from(format!(
            "{}.{}",
            crate::short_name(file_name, 200),
            &hash[..16]
        ))
    };
    name.push(".bak");
    path.with_file_name(name)
}

/// Reads and parses a document (migrating an older schema) and fingerprints the very bytes
/// that were parsed.
pub fn load_with_fingerprint(path: &Path) -> Result<(file::Loaded, Fingerprint), FileError> {
    let read_err = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = fs::metadata(path).map_err(read_err)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let bytes = fs::read(path).map_err(read_err)?;
    let loaded = file::read(&bytes, path)?;
    Ok((loaded, Fingerprint::of_bytes(&bytes, Some(&meta))))
}

/// Saves `doc` to `path`, keeping the previous version as `path.bak` (see [`write_with_backup`]).
/// Returns the fingerprint of the file just written: keep it for the next [`save_checked`].
pub fn save_with_backup(doc: &Document, path: &Path) -> Result<Fingerprint, SaveError> {
    write_with_backup(path, &file::to_bytes(doc))
}

/// Like [`save_with_backup`], but first checks that the file on disk is still the one described
/// by `expected` (taken at open or at the last save). If it is not, nothing is written and
/// [`SaveError::ChangedOnDisk`] says what happened. `expected = None` means "a new file or a
/// save-as the user confirmed": no check.
///
/// The check and the write are not one atomic step: a save by someone else in the instant
/// between them is not detected. The lock file ([`crate::lock`]) is what keeps two editors apart;
/// this check catches the cases the lock cannot (a read-only opener who saved anyway, another
/// program, a sync client).
pub fn save_checked(
    doc: &Document,
    path: &Path,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, SaveError> {
    if let Some(expected) = expected {
        let change = changed_since(path, expected).map_err(|source| SaveError::Check {
            path: path.to_path_buf(),
            source,
        })?;
        if !change.is_unchanged() {
            return Err(SaveError::ChangedOnDisk {
                path: path.to_path_buf(),
                change,
            });
        }
    }
    save_with_backup(doc, path)
}

/// Replaces `path` with `bytes`, keeping the previous version as `path.bak`.
///
/// Steps: (1) if `path` exists, its current content is made into `path.bak` — a hard link to
/// the same file under a temporary name (or, where links are not supported, a synced copy) which
/// is then renamed over any older `.bak`; (2) the new bytes are written to a temporary file in
/// the same folder, synced, and renamed over `path` ([`jobdoc_model::atomic_write`]).
///
/// **Guarantee**, whatever moment the process is killed or the machine loses power (on a file
/// system where rename within a folder is atomic — every local file system and SMB/NFS shares):
/// - `path` holds either the complete previous version or the complete new one, never a mix,
///   never empty;
/// - once `path` holds the new version, `path.bak` holds the complete previous version;
/// - `path.bak` is only ever replaced by a complete file (the version before the last completed
///   save, or the one before it if the process died between the two steps);
/// - a crash may leave a hidden temporary file (`.name.jobdoc.*.tmp`, `.name.jobdoc.bak.*.tmp`)
///   in the folder; it is never read by Jobdoc and can be deleted.
///
/// If step 1 fails, nothing is written ([`SaveError::Backup`]); if step 2 fails, `path` is the
/// complete previous version ([`SaveError::Write`]).
pub fn write_with_backup(path: &Path, bytes: &[u8]) -> Result<Fingerprint, SaveError> {
    let backup = backup_path(path);
    keep_backup(path, &backup).map_err(|source| SaveError::Backup {
        path: path.to_path_buf(),
        backup: backup.clone(),
        source,
    })?;
    file::atomic_write(path, bytes).map_err(|source| SaveError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    let meta = fs::metadata(path).ok();
    Ok(Fingerprint::of_bytes(bytes, meta.as_ref()))
}

/// Deletes the temporary files that interrupted saves of `path` left in its folder
/// (`.NAME.XXXXXX.tmp`, `.NAME.bak.XXXXXX.tmp`) and that were last modified more than `min_age`
/// before `now` (passed in; e.g. ten minutes, so that a save in progress elsewhere is never
/// touched). Returns what was deleted. Call it when a document is opened.
pub fn remove_stale_temporaries(
    path: &Path,
    now: std::time::SystemTime,
    min_age: std::time::Duration,
) -> io::Result<Vec<PathBuf>> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = format!(
        ".{}.",
        crate::short_name(path.file_name().unwrap_or_default(), 100)
    );
    let mut removed = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&prefix) && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= min_age);
        if meta.is_file() && old && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed.sort();
    Ok(removed)
}

/// Makes `backup` a complete copy of `path` as it is now; does nothing if `path` does not exist.
fn keep_backup(path: &Path, backup: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => {}
        Ok(_) => {
            return Err(Explained::new(
                "the path is not a regular file",
                "по этому пути не обычный файл",
            )
            .into_io(io::ErrorKind::InvalidInput))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    }
    let dir = match backup.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = format!(
        ".{}.",
        crate::short_name(backup.file_name().unwrap_or_default(), 100)
    );
    let builder = {
        let mut b = tempfile::Builder::new();
        b.prefix(&prefix).suffix(".tmp");
        b
    };
    // A hard link shares the old file's content at no cost; the save then renames a new file
    // over `path`, so the link keeps the old content.
    let linked = builder.make_in(dir, |candidate| fs::hard_link(path, candidate));
    let tmp = match linked {
        Ok(tmp) => tmp.into_temp_path(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(_) => {
            // No hard links here (FAT, some network shares): a synced copy instead.
            let mut tmp = builder.tempfile_in(dir)?;
            let content = fs::read(path)?;
            tmp.write_all(&content)?;
            tmp.as_file().sync_all()?;
            tmp.into_temp_path()
        }
    };
    tmp.persist(backup).map_err(|e| e.error)?;
    jobdoc_model::file::sync_dir(dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(stamp: &str) -> jobdoc_model::Timestamp {
        stamp.parse().unwrap()
    }
    use jobdoc_model::{Document, Language};

    fn doc(revision: u32) -> Document {
        let mut d = Document::blank(Language::Ru, "doc-1", ts("2026-11-27T22:00:00Z"));
        d.meta.revision = revision;
        d
    }

    #[test]
    fn first_save_has_no_backup_second_keeps_previous() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jobdoc");
        save_with_backup(&doc(1), &path).unwrap();
        assert!(!backup_path(&path).exists());
        save_with_backup(&doc(2), &path).unwrap();
        assert_eq!(file::load(&path).unwrap().meta.revision, 2);
        assert_eq!(file::load(&backup_path(&path)).unwrap().meta.revision, 1);
        save_with_backup(&doc(3), &path).unwrap();
        assert_eq!(file::load(&path).unwrap().meta.revision, 3);
        assert_eq!(file::load(&backup_path(&path)).unwrap().meta.revision, 2);
        // Only the document and its backup: no temporary files left behind.
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["a.jobdoc", "a.jobdoc.bak"]);
    }

    #[test]
    fn a_name_at_the_length_limit_saves_with_backup() {
        let dir = tempfile::tempdir().unwrap();
        // 255 bytes: the backup's name is shortened to stay legal.
        let path = dir.path().join(format!("{}.jobdoc", "я".repeat(124)));
        assert!(backup_path(&path).file_name().unwrap().len() <= 255);
        save_with_backup(&doc(1), &path).unwrap();
        save_with_backup(&doc(2), &path).unwrap();
        assert_eq!(file::load(&backup_path(&path)).unwrap().meta.revision, 1);
    }

    #[test]
    fn stale_temporaries_of_killed_saves_are_removed_fresh_ones_kept() {
        use std::time::{Duration, SystemTime};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jobdoc");
        save_with_backup(&doc(1), &path).unwrap();
        for name in [
            ".a.jobdoc.Xy12Ab.tmp",
            ".a.jobdoc.bak.Qw34Er.tmp",
            ".other.jobdoc.Zz99Zz.tmp",
        ] {
            fs::write(dir.path().join(name), b"half a document").unwrap();
        }
        let now = SystemTime::now();
        let ten_minutes = Duration::from_secs(600);
        // Just written: younger than ten minutes, left alone (a save may be in progress).
        assert!(remove_stale_temporaries(&path, now, ten_minutes)
            .unwrap()
            .is_empty());
        // An hour later: both leftovers of a.jobdoc go, the other document's stays.
        let later = now + Duration::from_secs(3600);
        let removed = remove_stale_temporaries(&path, later, ten_minutes).unwrap();
        assert_eq!(removed.len(), 2, "{removed:?}");
        assert!(dir.path().join(".other.jobdoc.Zz99Zz.tmp").exists());
        assert!(path.exists());
    }

    #[test]
    fn backup_path_appends_bak() {
        assert_eq!(
            backup_path(Path::new("/x/Инструкция.jobdoc")),
            Path::new("/x/Инструкция.jobdoc.bak")
        );
    }

    #[test]
    fn save_checked_refuses_foreign_edit_and_deletion() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jobdoc");
        let fp = save_with_backup(&doc(1), &path).unwrap();
        let (_, opened) = load_with_fingerprint(&path).unwrap();
        assert_eq!(opened.sha256, fp.sha256);

        // Unchanged: the save goes through and gives a new fingerprint.
        let fp2 = save_checked(&doc(2), &path, Some(&fp)).unwrap();
        assert_ne!(fp2.sha256, fp.sha256);

        // Someone else saves revision 7: our save with the old fingerprint is refused.
        file::save(&doc(7), &path).unwrap();
        let err = save_checked(&doc(3), &path, Some(&fp2)).unwrap_err();
        assert_eq!(err.code(), ErrorCode::ChangedOnDisk);
        assert!(err.to_string().contains("a.jobdoc"), "{err}");
        assert_eq!(file::load(&path).unwrap().meta.revision, 7);

        fs::remove_file(&path).unwrap();
        match save_checked(&doc(3), &path, Some(&fp2)) {
            Err(SaveError::ChangedOnDisk {
                change: DiskChange::Deleted,
                ..
            }) => {}
            other => panic!("expected a deletion to be reported, got {other:?}"),
        }
        assert!(!path.exists());
    }

    #[test]
    fn save_into_missing_folder_fails_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("a.jobdoc");
        let err = save_with_backup(&doc(1), &path).unwrap_err();
        assert_eq!(err.code(), ErrorCode::WriteFailed);
        assert!(err.to_string().contains("a.jobdoc"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn backup_keeps_old_content_and_permissions_survive() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jobdoc");
        save_with_backup(&doc(1), &path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        save_with_backup(&doc(2), &path).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        // The backup is a separate file from the new document (the link went with the old one).
        assert_eq!(file::load(&backup_path(&path)).unwrap().meta.revision, 1);
        let (bak, doc_meta) = (
            fs::metadata(backup_path(&path)).unwrap(),
            fs::metadata(&path).unwrap(),
        );
        use std::os::unix::fs::MetadataExt;
        assert_ne!(bak.ino(), doc_meta.ino());
    }

    #[test]
    fn a_directory_in_place_of_the_document_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jobdoc");
        fs::create_dir(&path).unwrap();
        let err = save_with_backup(&doc(1), &path).unwrap_err();
        assert_eq!(err.code(), ErrorCode::BackupFailed);
        assert!(path.is_dir());
    }
}
