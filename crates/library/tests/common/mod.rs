//! Helpers shared by the library's tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use jobdoc_library::OpenOptions;
use jobdoc_model::{file, templates, Document, Timestamp};

pub fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// A document from a built-in template with this position and department.
pub fn doc(template: &str, id: &str, position: &str, department: &str) -> Document {
    let mut d = templates::instantiate(template, id, ts("2026-11-01T09:00:00Z"))
        .unwrap()
        .unwrap();
    d.position.name = position.into();
    d.organisation.department = department.into();
    d
}

pub fn write(dir: &Path, rel: &str, d: &Document) -> PathBuf {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, file::to_bytes(d)).unwrap();
    path
}

/// "Now" for a library test: well after every file's modification time (so that time stamps
/// count as settled), taken from the files themselves, not the clock.
pub fn after_files(dir: &Path) -> Timestamp {
    let mut latest = 0i64;
    for (_, (_, mtime)) in snapshot(dir) {
        latest = latest.max(mtime / 1_000_000_000);
    }
    Timestamp::from_unix(latest + 60)
}

pub fn options(dir: &Path) -> OpenOptions {
    let mut o = OpenOptions::at(after_files(dir));
    o.machine = "TEST-PC".into();
    o
}

/// Every file and folder under `dir`: relative path → (size, modification time in ns).
pub fn snapshot(dir: &Path) -> BTreeMap<String, (u64, i64)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, (u64, i64)>) {
        for e in fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let meta = fs::symlink_metadata(e.path()).unwrap();
            let rel = e.path().strip_prefix(root).unwrap().display().to_string();
            let mtime = meta
                .modified()
                .unwrap()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as i64;
            if meta.is_dir() {
                out.insert(format!("{rel}/"), (0, mtime));
                walk(root, &e.path(), out);
            } else {
                out.insert(rel, (meta.len(), mtime));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

pub fn ru_template() -> &'static str {
    "ru-key-account-manager"
}

pub fn en_template() -> &'static str {
    "en-key-account-manager"
}
