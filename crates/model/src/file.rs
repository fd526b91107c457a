//! The `.jobdoc` file: UTF-8 JSON, pretty-printed, fields in declaration order, a `schema` number.
//!
//! Reading classifies every failure (empty, not UTF-8, not JSON, cut off, not a Jobdoc document,
//! newer schema, invalid field) into a typed error that names the file. Writing is atomic.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::document::{Document, SCHEMA_VERSION};

/// Files larger than this are refused before reading: no real instruction comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a `.jobdoc` file could not be read or written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: cannot write the file: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{}: the file is empty", path.display())]
    Empty { path: PathBuf },
    #[error("{}: the file is too large ({size} bytes; a document is at most {MAX_FILE_BYTES} bytes)", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: not a Jobdoc document: the file is not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: not a Jobdoc document: {reason}", path.display())]
    NotJobdoc { path: PathBuf, reason: String },
    #[error("{}: the file is cut off at line {line}, column {column}; it may have been saved incompletely", path.display())]
    Truncated {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: the document was written by a newer Jobdoc (schema {found}; this version reads schema {SCHEMA_VERSION}); update Jobdoc to open it", path.display())]
    NewerSchema { path: PathBuf, found: u64 },
    #[error("{}: invalid document at line {line}, column {column}: {message}", path.display())]
    Invalid {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl FileError {
    /// A stable, machine-readable name for the kind of failure (used as the UI's error code).
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Read { .. } => "read-failed",
            FileError::Write { .. } => "write-failed",
            FileError::Empty { .. } => "empty-file",
            FileError::TooLarge { .. } => "file-too-large",
            FileError::NotUtf8 { .. } | FileError::NotJobdoc { .. } => "not-a-jobdoc",
            FileError::Truncated { .. } => "truncated-file",
            FileError::NewerSchema { .. } => "newer-schema",
            FileError::Invalid { .. } => "invalid-document",
        }
    }
}

/// Parses the bytes of a `.jobdoc` file. `path` is used only in error messages.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Document, FileError> {
    let path_buf = || path.to_path_buf();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty { path: path_buf() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        if e.error_len().is_none() {
            // An incomplete character at the very end: the file was cut off mid-write.
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let last_line = valid.rsplit(|&b| b == b'\n').next().unwrap_or_default();
            let column = String::from_utf8_lossy(last_line).chars().count() + 1;
            FileError::Truncated {
                path: path_buf(),
                line,
                column,
            }
        } else {
            FileError::NotUtf8 {
                path: path_buf(),
                offset: e.valid_up_to(),
            }
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // First as untyped JSON, to tell "not JSON", "cut off" and "not ours" apart from a
    // malformed Jobdoc document, and to refuse a newer schema before reading any field.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            FileError::Truncated {
                path: path_buf(),
                line: e.line(),
                column: e.column(),
            }
        } else {
            FileError::NotJobdoc {
                path: path_buf(),
                reason: format!("it is not JSON text ({e})"),
            }
        }
    })?;
    let not_ours = |reason: &str| FileError::NotJobdoc {
        path: path_buf(),
        reason: reason.to_owned(),
    };
    let object = value
        .as_object()
        .ok_or_else(|| not_ours("the JSON text is not an object"))?;
    let schema = object
        .get("schema")
        .ok_or_else(|| not_ours("it has no \"schema\" field"))?
        .as_u64()
        .ok_or_else(|| not_ours("its \"schema\" field is not a positive whole number"))?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(FileError::NewerSchema {
            path: path_buf(),
            found: schema,
        });
    }
    if schema == 0 {
        return Err(not_ours("schema 0 is not a Jobdoc schema"));
    }
    serde_json::from_str(text).map_err(|e| FileError::Invalid {
        path: path_buf(),
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
    })
}

/// serde_json appends " at line L column C"; the error message carries the position already.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// True for an RFC 3339 UTC time stamp as Jobdoc writes them: `2026-01-15T09:30:00Z`
/// (fractional seconds allowed).
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let number = |r: std::ops::Range<usize>, max: u32| {
        b.get(r).is_some_and(|d| {
            d.iter().all(u8::is_ascii_digit)
                && d.iter().fold(0u32, |n, c| n * 10 + u32::from(c - b'0')) <= max
        })
    };
    s.is_ascii()
        && b.len() >= 20
        && s[..10].parse::<crate::IsoDate>().is_ok()
        && b[10] == b'T'
        && number(11..13, 23)
        && b[13] == b':'
        && number(14..16, 59)
        && b[16] == b':'
        && number(17..19, 59)
        && b[b.len() - 1] == b'Z'
        && (b.len() == 20
            || (b[19] == b'.' && b.len() > 21 && b[20..b.len() - 1].iter().all(u8::is_ascii_digit)))
}

/// The bytes of a `.jobdoc` file: pretty JSON, two-space indent, a final newline.
pub fn to_bytes(doc: &Document) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(doc).expect("a Document always serialises");
    out.push(b'\n');
    out
}

/// Reads a `.jobdoc` file.
pub fn load(path: &Path) -> Result<Document, FileError> {
    let read_err = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    // Read at most one byte past the limit: a device or a file growing while it is read
    // (`/dev/zero`, a log) reports a small size above but would never end.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    from_bytes(&bytes, path)
}

/// Writes a `.jobdoc` file atomically.
pub fn save(doc: &Document, path: &Path) -> Result<(), FileError> {
    atomic_write(path, &to_bytes(doc)).map_err(|source| FileError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Replaces `path` with `bytes` so that a reader (or a crash) sees either the complete old file
/// or the complete new one: a temporary file in the same folder is written, flushed and synced,
/// then renamed over the target. The old file is never truncated first.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    // The temporary name must fit the 255-byte name limit even when the target's name is
    // already near it: keep at most 100 bytes of the name.
    let name = file_name.to_string_lossy();
    let mut keep = name.len().min(100);
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    let prefix = format!(".{}.", &name[..keep]);
    let existing = fs::metadata(path).ok();
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual permissions (0666 less the umask), not the private 0600 of a
    // temporary file: colleagues on a shared drive must be able to read it.
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Keep the permissions of the file being replaced.
    if let Some(meta) = existing {
        fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename in `dir` durable. Best effort: not every file system supports syncing a
/// folder.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::is_rfc3339;

    #[test]
    fn recognises_rfc3339_utc() {
        for ok in ["2026-01-15T09:30:00Z", "2026-12-31T23:59:59.123Z"] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2026-01-15",
            "2026-01-15 09:30:00Z",
            "2026-02-30T09:30:00Z",
            "2026-01-15T24:00:00Z",
            "2026-01-15T09:30:00+03:00",
            "2026-01-15T09:30:00.Z",
            "2026-01-15T09:3ё:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
