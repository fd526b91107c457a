//! `jobdoc library`, `jobdoc search` and `jobdoc replace`, run as the real binary.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const JOBDOC: &str = env!("CARGO_BIN_EXE_jobdoc");

fn jobdoc(data: &Path, args: &[&str]) -> Output {
    Command::new(JOBDOC)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("JOBDOC_DATA_DIR", data)
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run jobdoc")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir` with its size and content hash-free fingerprint (size, mtime).
fn snapshot(dir: &Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, (u64, std::time::SystemTime)>) {
        for e in fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let m = fs::symlink_metadata(e.path()).unwrap();
            let rel = e.path().strip_prefix(root).unwrap().display().to_string();
            if m.is_dir() {
                walk(root, &e.path(), out);
            }
            out.insert(rel, (m.len(), m.modified().unwrap()));
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn one_line_naming(o: &Output, what: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
    assert!(err.contains(what), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn the_table_lists_documents_and_problems() {
    let (lib, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    jobdoc_library::generate::write_library(lib.path(), 12).unwrap();
    let o = jobdoc(data.path(), &["library", lib.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("Position"), "{text}");
    assert_eq!(text.lines().count(), 1 + 12 + 1, "{text}");
    assert!(text.contains("12 document(s), 0 problem file(s)"), "{text}");

    fs::write(lib.path().join("cut.jobdoc"), b"{\"schema\": 3, \"meta\"").unwrap();
    let o = jobdoc(
        data.path(),
        &["library", lib.path().to_str().unwrap(), "--json"],
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 12);
    assert_eq!(v["problems"][0]["path"], "cut.jobdoc");
    assert_eq!(v["problems"][0]["code"], "truncated-file");

    let gone = lib.path().join("нет");
    let o = jobdoc(data.path(), &["library", gone.to_str().unwrap()]);
    one_line_naming(&o, &gone.display().to_string());
}

#[test]
fn search_finds_and_writes_nothing_into_the_library() {
    let (lib, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    jobdoc_library::generate::write_library(lib.path(), 30).unwrap();
    let before = snapshot(lib.path());
    let root = lib.path().to_str().unwrap();
    let o = jobdoc(data.path(), &["search", root, "ведёт клиентов", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "",
        "no progress lines when stderr is not a terminal"
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert!(!docs.is_empty());
    let hit = &docs[0]["hits"][0];
    assert!(hit["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["highlighted"] == true));
    assert_eq!(snapshot(lib.path()), before);

    // «CRM» is in Russian and English templates; narrowed to the duties and to English,
    // every hit is a clause of the duties of an English template.
    let o = jobdoc(
        data.path(),
        &[
            "search",
            root,
            "CRM",
            "--section",
            "duties",
            "--language",
            "en",
            "--json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert!(!docs.is_empty());
    for d in docs {
        assert_eq!(d["language"], "en", "{d}");
        for h in d["hits"].as_array().unwrap() {
            assert_eq!(h["place"]["section"], "duties", "{h}");
        }
    }
    let o = jobdoc(
        data.path(),
        &["search", root, "клиент", "--section", "nowhere"],
    );
    assert_eq!(o.status.code(), Some(2), "clap refuses an unknown section");

    let o = jobdoc(data.path(), &["search", root, "zzzzqqq"]);
    assert_eq!(o.status.code(), Some(1));
    let o = jobdoc(data.path(), &["search", root, "  \"\" "]);
    one_line_naming(&o, "no word to search for");
}

#[test]
fn a_corrupted_index_is_rebuilt_without_a_word() {
    let (lib, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    jobdoc_library::generate::write_library(lib.path(), 10).unwrap();
    let root = lib.path().to_str().unwrap();
    let first = jobdoc(data.path(), &["search", root, "клиентов"]);
    assert_eq!(first.status.code(), Some(0));
    let index = jobdoc_library::index::index_path(data.path(), lib.path());
    fs::write(&index, b"this is not a database, it is garbage".repeat(200)).unwrap();
    let again = jobdoc(data.path(), &["search", root, "клиентов"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(stdout(&again), stdout(&first));
    assert_eq!(stderr(&again), "");
}

#[test]
fn two_processes_indexing_at_once_agree() {
    let (lib, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    jobdoc_library::generate::write_library(lib.path(), 200).unwrap();
    let root = lib.path().to_str().unwrap();
    let spawn = || {
        Command::new(JOBDOC)
            .args(["search", root, "кладовщик", "--json", "--no-templates"])
            .env("JOBDOC_DATA_DIR", data.path())
            .env("LANG", "en_US.UTF-8")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    assert_eq!(a.status.code(), Some(0), "{}", stderr(&a));
    assert_eq!(b.status.code(), Some(0), "{}", stderr(&b));
    assert_eq!(stdout(&a), stdout(&b));
    let c = rusqlite_check(&jobdoc_library::index::index_path(data.path(), lib.path()));
    assert_eq!(c, (200, "ok".to_owned()));
}

/// (documents of the library in the index, SQLite's integrity check).
fn rusqlite_check(path: &Path) -> (i64, String) {
    let o = Command::new("python3")
        .arg("-c")
        .arg(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
             print(c.execute(\"select count(*) from docs where key like 'doc:%'\").fetchone()[0]); \
             print(c.execute('pragma integrity_check').fetchone()[0])",
        )
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut lines = text.lines();
    (
        lines.next().unwrap_or("0").parse().unwrap_or(0),
        lines.next().unwrap_or("").to_owned(),
    )
}

#[test]
fn replace_previews_then_saves_and_skips_what_is_open() {
    let (lib, data) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    jobdoc_library::generate::write_library(lib.path(), 30).unwrap();
    let root = lib.path().to_str().unwrap();
    let before = snapshot(lib.path());
    let o = jobdoc(
        data.path(),
        &[
            "replace",
            root,
            "--find",
            "Ромашка",
            "--with",
            "Лютик",
            "--dry-run",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("- Общество с ограниченной ответственностью «Ромашка»"),
        "{text}"
    );
    assert!(
        text.contains("+ Общество с ограниченной ответственностью «Лютик»"),
        "{text}"
    );
    assert_eq!(snapshot(lib.path()), before, "--dry-run writes nothing");

    // Someone has one of the documents open.
    let v: serde_json::Value = serde_json::from_slice(
        &jobdoc(
            data.path(),
            &[
                "replace",
                root,
                "--find",
                "Ромашка",
                "--with",
                "Лютик",
                "--dry-run",
                "--json",
            ],
        )
        .stdout,
    )
    .unwrap();
    let v_plan_docs = v["plan"]["documents"].as_array().unwrap().len();
    assert!(v_plan_docs >= 2);
    let first = v["plan"]["documents"][0]["path"]
        .as_str()
        .unwrap()
        .to_owned();
    let held = lib.path().join(&first);
    let owner = jobdoc_store::lock::LockOwner {
        user: "ivanova".into(),
        machine: "HR-PC-07".into(),
        pid: 4242,
        since: "2026-12-01T09:00:00Z".parse().unwrap(),
    };
    let guard = jobdoc_store::lock::acquire(&held, owner).unwrap();
    let held_bytes = fs::read(&held).unwrap();
    let o = jobdoc(
        data.path(),
        &["replace", root, "--find", "Ромашка", "--with", "Лютик"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains(&format!("! {first} (open by someone else)")),
        "{text}"
    );
    assert_eq!(fs::read(&held).unwrap(), held_bytes);
    drop(guard);
    let o = jobdoc(data.path(), &["library", root, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let renamed = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["organisation"].as_str().unwrap().contains("Лютик"))
        .count();
    let planned = v_plan_docs;
    assert_eq!(renamed + 1, planned, "all but the open one");

    let o = jobdoc(data.path(), &["replace", root, "--find", "", "--with", "x"]);
    one_line_naming(&o, "--find");
}
