//! Locks and saves across real processes: a child process (`jobdoc-store-probe`) holds a lock
//! or saves in a loop, and is killed with SIGKILL.

use std::io::{BufRead, BufReader, Write};
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use jobdoc_model::{file, generate, Language};
use jobdoc_store::lock::{self, Staleness};
use jobdoc_store::{backup_path, LockError, LockOwner};

const PROBE: &str = env!("CARGO_BIN_EXE_jobdoc-store-probe");

/// A child process that is killed and reaped when dropped: a failed assertion (a panic) must
/// not leave a holder waiting on its stdin or a save loop writing forever.
struct Reaped(Option<Child>);

impl Reaped {
    fn new(child: Child) -> Reaped {
        Reaped(Some(child))
    }

    /// The child, no longer guarded (for `wait_with_output`, which waits for it).
    fn into_inner(mut self) -> Child {
        self.0.take().expect("a guarded child")
    }
}

impl Deref for Reaped {
    type Target = Child;
    fn deref(&self) -> &Child {
        self.0.as_ref().expect("a guarded child")
    }
}

impl DerefMut for Reaped {
    fn deref_mut(&mut self) -> &mut Child {
        self.0.as_mut().expect("a guarded child")
    }
}

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            // Already reaped: std sends no signal then.
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn spawn_holder(doc: &Path, user: &str, since: &str) -> Reaped {
    let mut child = Command::new(PROBE)
        .args(["hold", doc.to_str().unwrap(), user, since])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map(Reaped::new)
        .expect("start jobdoc-store-probe");
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert!(
        line.starts_with("locked "),
        "the holder did not lock: {line:?}"
    );
    child
}

#[test]
fn a_second_process_is_refused_with_who_and_since_and_a_killed_holder_is_stale() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("Менеджер.jobdoc");
    let mut holder = spawn_holder(&doc, "petrov", "2026-11-27T09:00:00Z");
    let here = lock::current_machine();

    // This process is refused and told who holds the document since when.
    let me = LockOwner::current("2026-11-27T09:05:00Z".parse().unwrap());
    let info = match lock::acquire(&doc, me.clone()) {
        Err(LockError::HeldBy { info, .. }) => info,
        other => panic!("expected HeldBy, got {other:?}"),
    };
    assert_eq!(info.owner.user, "petrov");
    assert_eq!(info.owner.since, "2026-11-27T09:00:00Z");
    assert_eq!(info.owner.pid, holder.id());
    assert_eq!(info.owner.machine, here);
    assert_eq!(
        lock::staleness(&info, &here, "2026-11-27T09:05:00Z".parse().unwrap(), 600),
        Staleness::Live
    );

    // A third process is refused too (exit 3, a message naming the holder and the file).
    let third = Command::new(PROBE)
        .args([
            "hold",
            doc.to_str().unwrap(),
            "sidorov",
            "2026-11-27T09:06:00Z",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(third.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert!(
        stderr.contains("petrov")
            && stderr.contains("2026-11-27T09:00:00Z")
            && stderr.contains("Менеджер.jobdoc"),
        "{stderr}"
    );

    // Kill the holder: its lock stays behind but is now stale (same machine, process gone).
    holder.kill().unwrap();
    holder.wait().unwrap();
    let info = lock::read_lock(&doc)
        .unwrap()
        .expect("the killed holder's lock is still there");
    assert_eq!(
        lock::staleness(&info, &here, "2026-11-27T09:07:00Z".parse().unwrap(), 600),
        Staleness::ProcessGone
    );
    // A stale lock is not taken without asking ...
    assert!(matches!(
        lock::acquire(&doc, me.clone()),
        Err(LockError::HeldBy { .. })
    ));
    // ... only on explicit take-over.
    let guard = lock::take_over(&doc, me.clone(), Some(&info)).unwrap();
    assert_eq!(lock::read_lock(&doc).unwrap().unwrap().owner, me);
    guard.release().unwrap();
    assert!(!lock::lock_path(&doc).exists());
}

#[test]
fn the_lock_is_removed_when_the_holder_closes() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.jobdoc");
    let mut holder = spawn_holder(&doc, "petrov", "2026-11-27T09:00:00Z");
    let show = Command::new(PROBE)
        .args(["show", doc.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&show.stdout).contains("\"user\":\"petrov\""));
    drop(holder.stdin.take()); // close: the holder releases and exits
    let status = holder.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(!lock::lock_path(&doc).exists());
    let g = lock::acquire(
        &doc,
        LockOwner::current("2026-11-27T09:10:00Z".parse().unwrap()),
    )
    .unwrap();
    drop(g);
}

#[test]
fn two_processes_racing_for_a_lock_never_both_win() {
    let dir = tempfile::tempdir().unwrap();
    for round in 0..10 {
        let doc = dir.path().join(format!("race{round}.jobdoc"));
        let children: Vec<Reaped> = (0..4)
            .map(|i| {
                Command::new(PROBE)
                    .args([
                        "hold",
                        doc.to_str().unwrap(),
                        &format!("user{i}"),
                        "2026-11-27T09:00:00Z",
                    ])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .map(Reaped::new)
                    .unwrap()
            })
            .collect();
        let mut winners = 0;
        let mut losers = 0;
        for mut c in children {
            let mut line = String::new();
            BufReader::new(c.stdout.as_mut().unwrap())
                .read_line(&mut line)
                .unwrap();
            if line.starts_with("locked") {
                winners += 1;
                // SIGKILL leaves its lock file behind, so contenders not yet decided still lose.
                c.kill().unwrap();
                c.wait().unwrap();
            } else {
                let out = c.into_inner().wait_with_output().unwrap();
                assert_eq!(
                    out.status.code(),
                    Some(3),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
                losers += 1;
            }
        }
        assert_eq!((winners, losers), (1, 3), "round {round}");
    }
}

/// A tiny deterministic generator for kill delays (the seed is printed on failure).
struct XorShift(u64);
impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn temporaries(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with('.') && name.ends_with(".tmp")
        })
        .count()
}

/// Polls until a new save's temporary file shows up in `dir` (at most two seconds); leftovers
/// of earlier killed saves do not count.
fn wait_for_temporary(dir: &Path, before: usize) {
    let deadline = std::time::Instant::now() + Duration::from_secs(2);
    while std::time::Instant::now() < deadline && temporaries(dir) <= before {
        std::thread::yield_now();
    }
}

fn expect_exact_revision(path: &Path, clauses: usize) -> u32 {
    let doc = file::load(path).unwrap_or_else(|e| panic!("torn or unreadable file: {e}"));
    let r = doc.meta.revision;
    let mut expected = generate::document(clauses, u64::from(r), Language::Ru);
    expected.meta.revision = r;
    assert_eq!(
        doc,
        expected,
        "{} is not exactly revision {r}",
        path.display()
    );
    r
}

#[test]
fn saves_with_backup_survive_sigkill_at_random_moments() {
    const KILLS: usize = 60;
    const CLAUSES: usize = 300;
    let seed = 0x5eed_1234_u64;
    let mut rng = XorShift(seed);
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("a.jobdoc");
    let mut with_backup = 0;
    for kill in 0..KILLS {
        let leftovers = temporaries(dir.path());
        let mut child = Command::new(PROBE)
            .args(["save-loop", doc.to_str().unwrap(), &CLAUSES.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map(Reaped::new)
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(
            line.trim(),
            "saved",
            "kill {kill}: the probe failed to save"
        );
        if kill % 2 == 0 {
            std::thread::sleep(Duration::from_micros(rng.below(20_000)));
        } else {
            // Strike while a temporary file exists, i.e. inside a write: random sleeps alone
            // rarely land there on a loaded machine.
            wait_for_temporary(dir.path(), leftovers);
        }
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(
            !status.success(),
            "kill {kill} (seed {seed:#x}): the probe stopped on its own"
        );

        let r = expect_exact_revision(&doc, CLAUSES);
        let bak = backup_path(&doc);
        if bak.exists() {
            let b = expect_exact_revision(&bak, CLAUSES);
            // The backup is the previous complete version (or the current one, if the kill
            // fell between keeping the backup and writing the new version); right after a
            // restart at revision 1 it is the last version of the previous run.
            assert!(
                b <= r || r == 1,
                "kill {kill}: backup {b} is newer than {r}"
            );
            with_backup += 1;
        }
    }
    assert!(
        with_backup > KILLS / 2,
        "the backup was rarely present: {with_backup}"
    );
    // Stray temporary files of killed saves are allowed but must never look like a document.
    // They also show that kills landed in the middle of saves, not only between them.
    let mut strays = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        strays += usize::from(name.ends_with(".tmp"));
        assert!(
            name == "a.jobdoc"
                || name == "a.jobdoc.bak"
                || (name.starts_with('.') && name.ends_with(".tmp")),
            "unexpected file {name}"
        );
    }
    eprintln!("{KILLS} kills, backup present after {with_backup}, {strays} interrupted writes");
    assert!(
        strays > 0,
        "no kill landed inside a save: the test proves nothing"
    );
    let _ = std::io::stderr().flush();
}
