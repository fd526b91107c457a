//! The start-up program ("runtime") of Jobdoc's AppImage.
//!
//! An AppImage (type 2) is an ELF program with a SquashFS image appended to it and the bytes
//! `AI\x02` at offset 8 of the ELF header. The usual runtime mounts the image through FUSE;
//! this one unpacks it once into the user's cache (`$XDG_CACHE_HOME/jobdoc/appimage/<key>/`,
//! the key derived from the image, so a new version unpacks beside the old one) and runs its
//! `AppRun` from there: no FUSE, which many machines lack, and a second start costs nothing
//! but a stat. It understands the runtime options tools expect: `--appimage-extract`,
//! `--appimage-offset`, `--appimage-version`, `--appimage-help`.
//!
//! The standard runtime and appimagetool are published only on GitHub, which the development
//! machine cannot reach; `scripts/appimage` builds the image with Debian's mksquashfs.

use std::fs::{self, File};
use std::io::{self, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

use backhand::{FilesystemReader, InnerNode};
use sha2::{Digest, Sha256};

/// What went wrong, named with the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0}: not a 64-bit little-endian ELF program, so no AppImage")]
    NotElf(PathBuf),
    #[error("{path}: the image inside cannot be read ({message}); the AppImage is damaged or incomplete: download it again")]
    Image { path: PathBuf, message: String },
    #[error("{path}: the image names a path outside itself: {entry}")]
    UnsafeEntry { path: PathBuf, entry: PathBuf },
}

fn io_at(path: &Path) -> impl FnOnce(io::Error) -> RuntimeError + '_ {
    move |source| RuntimeError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The magic of an AppImage of type 2, at offset 8 of the ELF header (its padding bytes).
pub const MAGIC: [u8; 3] = *b"AI\x02";

/// Where the ELF program ends and the appended image starts: the end of the section header
/// table, which the linker writes last. `header` is the first 64 bytes of the file.
pub fn elf_end(header: &[u8]) -> Option<u64> {
    let is_elf64_le = header.len() >= 64
        && header[..4] == *b"\x7fELF"
        && header[4] == 2 // ELFCLASS64
        && header[5] == 1; // little-endian
    if !is_elf64_le {
        return None;
    }
    let shoff = u64::from_le_bytes(header[0x28..0x30].try_into().ok()?);
    let shentsize = u64::from(u16::from_le_bytes(header[0x3a..0x3c].try_into().ok()?));
    let shnum = u64::from(u16::from_le_bytes(header[0x3c..0x3e].try_into().ok()?));
    shoff.checked_add(shentsize.checked_mul(shnum)?)
}

/// The offset of the image appended to the AppImage at `path`.
pub fn image_offset(path: &Path) -> Result<u64, RuntimeError> {
    let mut header = [0u8; 64];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map_err(io_at(path))?;
    elf_end(&header).ok_or_else(|| RuntimeError::NotElf(path.to_path_buf()))
}

/// How much of each end of the image the key reads: the SquashFS superblock (sizes, times,
/// table offsets) is at the start and the tables at the end, so any change of content shows.
const KEY_SPAN: u64 = 64 * 1024;

/// A short name for the image at `offset` in `path`: SHA-256 over its length and both ends.
pub fn image_key(path: &Path, offset: u64) -> Result<String, RuntimeError> {
    let mut file = File::open(path).map_err(io_at(path))?;
    let end = file.seek(SeekFrom::End(0)).map_err(io_at(path))?;
    let length = end.saturating_sub(offset);
    let mut hasher = Sha256::new();
    hasher.update(length.to_le_bytes());
    let mut buffer = vec![0u8; KEY_SPAN.min(length) as usize];
    for start in [offset, end - buffer.len() as u64] {
        file.seek(SeekFrom::Start(start)).map_err(io_at(path))?;
        file.read_exact(&mut buffer).map_err(io_at(path))?;
        hasher.update(&buffer);
    }
    Ok(hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// `entry` (an absolute path inside the image) below `dest`; `None` for the root, an error
/// for anything that would leave `dest`.
fn destination(dest: &Path, entry: &Path, image: &Path) -> Result<Option<PathBuf>, RuntimeError> {
    let mut out = dest.to_path_buf();
    let mut depth = 0;
    for component in entry.components() {
        match component {
            Component::RootDir | Component::CurDir => {}
            Component::Normal(name) => {
                out.push(name);
                depth += 1;
            }
            Component::ParentDir | Component::Prefix(_) => {
                return Err(RuntimeError::UnsafeEntry {
                    path: image.to_path_buf(),
                    entry: entry.to_path_buf(),
                })
            }
        }
    }
    Ok((depth > 0).then_some(out))
}

/// Unpacks the image at `offset` in `image` into the folder `dest` (made if missing): files
/// with their permission bits, folders and symbolic links; device nodes are skipped. Returns
/// the number of entries written.
pub fn unpack(image: &Path, offset: u64, dest: &Path) -> Result<usize, RuntimeError> {
    let reader = BufReader::new(File::open(image).map_err(io_at(image))?);
    let fs = FilesystemReader::from_reader_with_offset(reader, offset).map_err(|e| {
        RuntimeError::Image {
            path: image.to_path_buf(),
            message: e.to_string(),
        }
    })?;
    fs::create_dir_all(dest).map_err(io_at(dest))?;
    let mut written = 0;
    let mut folders = Vec::new();
    for node in fs.files() {
        let Some(out) = destination(dest, &node.fullpath, image)? else {
            continue;
        };
        let mode = u32::from(node.header.permissions) & 0o7777;
        match &node.inner {
            InnerNode::Dir(_) => {
                fs::create_dir_all(&out).map_err(io_at(&out))?;
                folders.push((out, mode));
            }
            InnerNode::File(file) => {
                let mut target = File::create(&out).map_err(io_at(&out))?;
                io::copy(&mut fs.file(file).reader(), &mut target).map_err(io_at(&out))?;
                target.flush().map_err(io_at(&out))?;
                fs::set_permissions(&out, fs::Permissions::from_mode(mode)).map_err(io_at(&out))?;
            }
            InnerNode::Symlink(link) => symlink(&link.link, &out).map_err(io_at(&out))?,
            _ => continue,
        }
        written += 1;
    }
    // Folder modes last: a read-only folder would have refused its own files.
    for (folder, mode) in folders.into_iter().rev() {
        fs::set_permissions(&folder, fs::Permissions::from_mode(mode | 0o700))
            .map_err(io_at(&folder))?;
    }
    Ok(written)
}

/// The unpacked image for `key` under `cache`, unpacking it first when it is not there. Two
/// starts at once each unpack into their own temporary folder; the first to finish renames
/// it into place and the other's is removed, so a half-unpacked folder is never run.
pub fn ensure_unpacked(
    image: &Path,
    offset: u64,
    cache: &Path,
    key: &str,
) -> Result<PathBuf, RuntimeError> {
    let ready = cache.join(key);
    if ready.join("AppRun").exists() {
        return Ok(ready);
    }
    fs::create_dir_all(cache).map_err(io_at(cache))?;
    let partial = cache.join(format!(".{key}.{}", std::process::id()));
    let _ = fs::remove_dir_all(&partial);
    let unpacked = unpack(image, offset, &partial);
    if let Err(e) = unpacked {
        let _ = fs::remove_dir_all(&partial);
        return Err(e);
    }
    if fs::rename(&partial, &ready).is_err() {
        // Another start won the race (or a stale folder without AppRun is in the way).
        if ready.join("AppRun").exists() {
            let _ = fs::remove_dir_all(&partial);
        } else {
            let _ = fs::remove_dir_all(&ready);
            fs::rename(&partial, &ready).map_err(io_at(&ready))?;
        }
    }
    Ok(ready)
}

/// Unpacked images not started for this long are removed (older versions of the app).
pub const UNUSED_FOR: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// The file whose time says when an unpacked image was last started.
const USED_MARK: &str = ".jobdoc-last-start";

/// Marks `current` as started now and removes the other unpacked images under `cache` that
/// were last started before `now - UNUSED_FOR`. Returns what was removed.
pub fn prune(cache: &Path, current: &Path, now: SystemTime) -> Vec<PathBuf> {
    let _ = File::create(current.join(USED_MARK));
    let Ok(entries) = fs::read_dir(cache) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path == current || !path.is_dir() {
            continue;
        }
        let last = fs::metadata(path.join(USED_MARK))
            .or_else(|_| fs::metadata(&path))
            .and_then(|m| m.modified());
        let stale = last
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > UNUSED_FOR);
        if stale && fs::remove_dir_all(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

/// The cache folder for unpacked images: `$XDG_CACHE_HOME/jobdoc/appimage`, else
/// `$HOME/.cache/jobdoc/appimage`.
pub fn cache_dir(xdg_cache_home: Option<&str>, home: Option<&str>) -> Option<PathBuf> {
    let base = match (xdg_cache_home, home) {
        (Some(x), _) if Path::new(x).is_absolute() => PathBuf::from(x),
        (_, Some(h)) if !h.is_empty() => Path::new(h).join(".cache"),
        _ => return None,
    };
    Some(base.join("jobdoc").join("appimage"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elf_end_is_the_end_of_the_section_headers() {
        let mut header = vec![0u8; 64];
        header[..6].copy_from_slice(b"\x7fELF\x02\x01");
        header[0x28..0x30].copy_from_slice(&1000u64.to_le_bytes());
        header[0x3a..0x3c].copy_from_slice(&64u16.to_le_bytes());
        header[0x3c..0x3e].copy_from_slice(&10u16.to_le_bytes());
        assert_eq!(elf_end(&header), Some(1640));
        header[4] = 1; // 32-bit
        assert_eq!(elf_end(&header), None);
        assert_eq!(elf_end(b"#!/bin/sh\n"), None);
    }

    #[test]
    fn entries_stay_inside_the_destination() {
        let dest = Path::new("/cache/k");
        let image = Path::new("/x.AppImage");
        assert_eq!(
            destination(dest, Path::new("/usr/bin/app"), image).unwrap(),
            Some(PathBuf::from("/cache/k/usr/bin/app"))
        );
        assert_eq!(destination(dest, Path::new("/"), image).unwrap(), None);
        assert!(matches!(
            destination(dest, Path::new("/usr/../../etc/passwd"), image),
            Err(RuntimeError::UnsafeEntry { .. })
        ));
    }

    #[test]
    fn cache_dir_follows_xdg_then_home() {
        assert_eq!(
            cache_dir(Some("/x/cache"), Some("/home/u")),
            Some(PathBuf::from("/x/cache/jobdoc/appimage"))
        );
        assert_eq!(
            cache_dir(Some("relative"), Some("/home/u")),
            Some(PathBuf::from("/home/u/.cache/jobdoc/appimage"))
        );
        assert_eq!(cache_dir(None, None), None);
    }

    #[test]
    fn prune_removes_only_long_unused_images() {
        let cache = tempfile::tempdir().unwrap();
        let current = cache.path().join("new");
        let old = cache.path().join("old");
        let recent = cache.path().join("recent");
        for dir in [&current, &old, &recent] {
            fs::create_dir_all(dir).unwrap();
            File::create(dir.join(USED_MARK)).unwrap();
        }
        // "Now" is far enough ahead that every mark is older than UNUSED_FOR, except the
        // current one, which prune touches, and `recent`, touched again below.
        let now = SystemTime::now() + UNUSED_FOR + Duration::from_secs(3600);
        let later = now - Duration::from_secs(60);
        File::options()
            .write(true)
            .open(recent.join(USED_MARK))
            .unwrap()
            .set_modified(later)
            .unwrap();
        let removed = prune(cache.path(), &current, now);
        assert_eq!(removed, vec![old.clone()]);
        assert!(current.exists() && recent.exists() && !old.exists());
    }
}
