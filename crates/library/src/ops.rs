//! Duplicate, rename, archive: each either happens completely or not at all, and never
//! replaces an existing file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jobdoc_model::{file, Approval, Timestamp};
use jobdoc_store::{lock, save};

use crate::error::LibraryError;
use crate::scan::Library;
use crate::ARCHIVE_FOLDER;

/// What the copy of a document is to be.
#[derive(Debug, Clone)]
pub struct DuplicateAs {
    /// The new position in the nominative.
    pub position: String,
    /// Its title form (in Russian the genitive); the caller derives it (jobdoc-morph).
    pub title_form: String,
    /// The new document's id (the app uses a UUID).
    pub id: String,
    /// The file name (without folder); `None`: from the position, made unique.
    pub file_name: Option<String>,
}

/// A file name made from a position: characters no file system accepts replaced, spaces
/// collapsed, at most 120 bytes, `.jobdoc` added.
pub fn file_name_for(position: &str) -> String {
    let mut name = String::new();
    for c in position.chars() {
        let c = if c.is_control() || "\\/:*?\"<>|".contains(c) {
            '_'
        } else if c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && (name.is_empty() || name.ends_with(' ')) {
            continue;
        }
        if name.len() + c.len_utf8() > 120 {
            break;
        }
        name.push(c);
    }
    let name = name.trim_end_matches([' ', '.']).trim_start_matches('.');
    let name = if name.is_empty() { "document" } else { name };
    format!("{name}.jobdoc")
}

fn check_name(name: &str) -> Result<String, LibraryError> {
    let bad = name.trim().is_empty()
        || name.contains(['/', '\\', '\0'])
        || name.starts_with('.')
        || name.starts_with("~$")
        || name.len() > 240;
    if bad {
        return Err(LibraryError::InvalidName { name: name.into() });
    }
    Ok(if name.ends_with(".jobdoc") {
        name.to_owned()
    } else {
        format!("{name}.jobdoc")
    })
}

fn path_of(library: &Library, rel: &str) -> Result<PathBuf, LibraryError> {
    library
        .path_of(rel)
        .ok_or_else(|| LibraryError::InvalidName { name: rel.into() })
}

/// Writes `bytes` as a new file at `target`, complete or not at all; fails with
/// [`LibraryError::NameTaken`] if the name exists.
fn create_new(target: &Path, bytes: &[u8]) -> Result<(), LibraryError> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let write_err = |source| {
        LibraryError::File(file::FileError::Write {
            path: target.to_path_buf(),
            source,
        })
    };
    let mut b = tempfile::Builder::new();
    b.prefix(".jobdoc-new.").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = b.tempfile_in(dir).map_err(write_err)?;
    tmp.write_all(bytes).map_err(write_err)?;
    tmp.as_file().sync_all().map_err(write_err)?;
    match tmp.persist_noclobber(target) {
        Ok(_) => {
            file::sync_dir(dir);
            Ok(())
        }
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => Err(LibraryError::NameTaken {
            path: target.to_path_buf(),
        }),
        Err(e) => Err(write_err(e.error)),
    }
}

/// Moves `from` to `to` without ever replacing `to`: a hard link then removing the old name
/// (where links are not supported, a rename after checking that `to` is free).
fn move_no_clobber(from: &Path, to: &Path) -> Result<(), LibraryError> {
    let move_err = |source| LibraryError::Move {
        from: from.to_path_buf(),
        to: to.to_path_buf(),
        source,
    };
    match fs::hard_link(from, to) {
        Ok(()) => fs::remove_file(from).map_err(move_err)?,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(LibraryError::NameTaken {
                path: to.to_path_buf(),
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(move_err(e)),
        Err(_) => {
            if fs::symlink_metadata(to).is_ok() {
                return Err(LibraryError::NameTaken {
                    path: to.to_path_buf(),
                });
            }
            fs::rename(from, to).map_err(move_err)?;
        }
    }
    if let Some(dir) = to.parent() {
        file::sync_dir(dir);
    }
    Ok(())
}

/// Refuses to move a document someone has open (their next save would recreate it).
fn refuse_if_open(doc: &Path) -> Result<(), LibraryError> {
    match lock::read_lock(doc)? {
        None => Ok(()),
        Some(info) => Err(lock::LockError::HeldBy {
            doc: doc.to_path_buf(),
            info: Box::new(info),
        }
        .into()),
    }
}

/// Copies the document at `rel` as a new position beside it: a new id, revision 0, created
/// and modified `now`, no approved editions, employees or acknowledgements, approval date and
/// number cleared. Returns the new file's path relative to the library.
pub fn duplicate(
    library: &mut Library,
    rel: &str,
    new: &DuplicateAs,
    now: Timestamp,
) -> Result<String, LibraryError> {
    let from = path_of(library, rel)?;
    let mut doc = file::load(&from)?;
    doc.meta.id = new.id.clone();
    doc.meta.created = now;
    doc.meta.modified = now;
    doc.meta.revision = 0;
    doc.position.name = new.position.clone();
    doc.position.title_form = new.title_form.clone();
    doc.editions.clear();
    doc.staff.clear();
    doc.acknowledged.clear();
    doc.registration.date = None;
    doc.registration.number.clear();
    match &mut doc.approval {
        Approval::Stamp { date, .. } => *date = None,
        Approval::Order { number, date } => {
            number.clear();
            *date = None;
        }
    }
    let dir = from.parent().unwrap_or(library.root()).to_path_buf();
    let bytes = file::to_bytes(&doc);
    let target = match &new.file_name {
        Some(name) => {
            let target = dir.join(check_name(name)?);
            create_new(&target, &bytes)?;
            target
        }
        None => {
            let base = file_name_for(&new.position);
            let stem = base.trim_end_matches(".jobdoc").to_owned();
            let mut n = 1;
            loop {
                let name = if n == 1 {
                    base.clone()
                } else {
                    format!("{stem} ({n}).jobdoc")
                };
                let target = dir.join(name);
                match create_new(&target, &bytes) {
                    Ok(()) => break target,
                    Err(LibraryError::NameTaken { .. }) if n < 1000 => n += 1,
                    Err(e) => return Err(e),
                }
            }
        }
    };
    Ok(crate::relative(library.root(), &target))
}

/// Renames the document at `rel` within its folder (its backup goes along). Refused while
/// someone has it open, and when the new name is taken. Returns the new relative path.
pub fn rename(library: &mut Library, rel: &str, new_name: &str) -> Result<String, LibraryError> {
    let from = path_of(library, rel)?;
    let to = from.with_file_name(check_name(new_name)?);
    move_document(library, &from, &to)
}

/// Moves the document at `rel` into `archive/` under the library (keeping its subfolder), with
/// its backup. Refused while someone has it open, and when the name is taken there.
pub fn archive(library: &mut Library, rel: &str) -> Result<String, LibraryError> {
    let from = path_of(library, rel)?;
    let inner = from.strip_prefix(library.root()).unwrap_or(&from);
    if inner.starts_with(ARCHIVE_FOLDER) {
        return Err(LibraryError::InvalidName { name: rel.into() });
    }
    let to = library.root().join(ARCHIVE_FOLDER).join(inner);
    if let Some(dir) = to.parent() {
        fs::create_dir_all(dir).map_err(|source| LibraryError::Move {
            from: from.clone(),
            to: to.clone(),
            source,
        })?;
    }
    move_document(library, &from, &to)
}

fn move_document(library: &mut Library, from: &Path, to: &Path) -> Result<String, LibraryError> {
    if !from.is_file() {
        return Err(LibraryError::File(file::FileError::Read {
            path: from.to_path_buf(),
            source: io::Error::from(io::ErrorKind::NotFound),
        }));
    }
    refuse_if_open(from)?;
    let (bak_from, bak_to) = (save::backup_path(from), save::backup_path(to));
    if bak_from.exists() && fs::symlink_metadata(&bak_to).is_ok() {
        return Err(LibraryError::NameTaken { path: bak_to });
    }
    move_no_clobber(from, to)?;
    if bak_from.exists() {
        // The document moved; a backup that cannot follow stays where it was.
        let _ = move_no_clobber(&bak_from, &bak_to);
    }
    library.forget(from);
    Ok(crate::relative(library.root(), to))
}
