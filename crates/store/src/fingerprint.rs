//! "Has the file changed since I opened it?" — a fingerprint of a file taken at open and at save.

use std::fs;
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a file looked like at one moment: size, modification time and a SHA-256 of the content.
///
/// The content hash decides: a file whose bytes are unchanged counts as unchanged even if it was
/// touched (network drives and copy tools change times freely), and a file whose bytes changed
/// counts as changed even if size and time stayed equal (coarse time stamps on FAT/SMB).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Size in bytes.
    pub size: u64,
    /// Modification time in nanoseconds since 1970, if the file system reports one.
    pub modified_unix_nanos: Option<i64>,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
}

impl Fingerprint {
    /// The fingerprint of `bytes` that were just read from (or written to) a file with metadata
    /// `meta`. Taking the hash of the very bytes that were parsed avoids a window in which the
    /// file could change between reading and fingerprinting.
    pub fn of_bytes(bytes: &[u8], meta: Option<&fs::Metadata>) -> Fingerprint {
        Fingerprint {
            size: bytes.len() as u64,
            modified_unix_nanos: meta.and_then(modified_nanos),
            sha256: sha256_hex(bytes),
        }
    }

    /// Reads the file and fingerprints it.
    pub fn of_file(path: &Path) -> io::Result<Fingerprint> {
        let meta = fs::metadata(path)?;
        let bytes = fs::read(path)?;
        Ok(Fingerprint::of_bytes(&bytes, Some(&meta)))
    }
}

/// How the file on disk compares with a fingerprint taken earlier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskChange {
    /// Same content (the modification time may differ).
    Unchanged,
    /// Someone else wrote to the file; this is what it looks like now.
    Modified(Fingerprint),
    /// The file is gone (deleted or moved away).
    Deleted,
}

impl DiskChange {
    pub fn is_unchanged(&self) -> bool {
        matches!(self, DiskChange::Unchanged)
    }
}

/// Compares the file at `path` with `earlier`. A different size is a change without reading the
/// file; otherwise the content is hashed (documents are small: at most 16 MiB).
pub fn changed_since(path: &Path, earlier: &Fingerprint) -> io::Result<DiskChange> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(DiskChange::Deleted),
        Err(e) => return Err(e),
    };
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(DiskChange::Deleted),
        Err(e) => return Err(e),
    };
    let now = Fingerprint::of_bytes(&bytes, Some(&meta));
    if now.size == earlier.size && now.sha256 == earlier.sha256 {
        Ok(DiskChange::Unchanged)
    } else {
        Ok(DiskChange::Modified(now))
    }
}

fn modified_nanos(meta: &fs::Metadata) -> Option<i64> {
    let t = meta.modified().ok()?;
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_nanos()).ok(),
        Err(before) => i64::try_from(before.duration().as_nanos()).ok().map(|n| -n),
    }
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        out.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn detects_edit_same_size_and_ignores_touch() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jobdoc");
        fs::write(&path, b"version one").unwrap();
        let fp = Fingerprint::of_file(&path).unwrap();
        assert_eq!(changed_since(&path, &fp).unwrap(), DiskChange::Unchanged);

        // Rewritten with the same bytes (a "touch"): unchanged.
        fs::write(&path, b"version one").unwrap();
        assert_eq!(changed_since(&path, &fp).unwrap(), DiskChange::Unchanged);

        // Same size, different bytes: changed, whatever the time stamp says.
        fs::write(&path, b"version two").unwrap();
        match changed_since(&path, &fp).unwrap() {
            DiskChange::Modified(now) => {
                assert_eq!(now.size, fp.size);
                assert_ne!(now.sha256, fp.sha256);
            }
            other => panic!("expected Modified, got {other:?}"),
        }

        fs::remove_file(&path).unwrap();
        assert_eq!(changed_since(&path, &fp).unwrap(), DiskChange::Deleted);
    }

    #[test]
    fn fingerprint_round_trips_as_json() {
        let fp = Fingerprint::of_bytes(b"x", None);
        let json = serde_json::to_string(&fp).unwrap();
        assert_eq!(serde_json::from_str::<Fingerprint>(&json).unwrap(), fp);
    }
}
