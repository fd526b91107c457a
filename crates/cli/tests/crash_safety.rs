//! Crash-safe writes, proven by killing `jobdoc` with SIGKILL at random moments while it writes
//! over an existing file. Afterwards the file must be the complete old or the complete new
//! version: it parses as a Jobdoc document (`jobdoc check` reads it), never torn or empty.
//!
//! The delays are drawn from a fixed-seed generator over the measured duration of a normal run,
//! so most kills land while the process is working; a kill that arrives after the process has
//! exited does not count. Killed writes may leave a hidden temporary file (`.NAME.*.tmp`) beside
//! the target; the test counts them as proof that kills landed in the middle of writes.

#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const JOBDOC: &str = env!("CARGO_BIN_EXE_jobdoc");

/// Kills (that landed on a running process) required for saving.
const SAVE_KILLS: usize = 200;

struct XorShift(u64);
impl XorShift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn jobdoc(args: &[&str]) -> std::process::Output {
    Command::new(JOBDOC)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("run jobdoc")
}

/// Runs `args` to completion a few times; the median wall time.
fn typical_duration(args: &[&str]) -> Duration {
    let mut times: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            let o = jobdoc(args);
            assert!(
                o.status.success(),
                "jobdoc {args:?} failed: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Starts `args`, kills it after a random delay of up to `window`; true if the kill landed
/// (the process died of SIGKILL rather than finishing).
fn run_and_kill(args: &[&str], rng: &mut XorShift, window: Duration) -> bool {
    let mut child = Command::new(JOBDOC)
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start jobdoc");
    std::thread::sleep(Duration::from_micros(rng.below(window.as_micros() as u64)));
    let _ = child.kill();
    let out = child.wait_with_output().expect("wait for jobdoc");
    match out.status.signal() {
        Some(9) => true,
        _ => {
            assert!(
                out.status.success(),
                "jobdoc {args:?} failed on its own: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            false
        }
    }
}

/// The file is a complete Jobdoc document made from one of `templates`.
fn assert_complete_document(path: &Path, templates: &[&str], after: usize) {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("after kill {after}: {} is gone: {e}", path.display()));
    assert!(!bytes.is_empty(), "after kill {after}: the file is empty");
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("after kill {after}: the file is torn ({e})"));
    let template = value["meta"]["template"].as_str().unwrap_or_default();
    assert!(
        templates.contains(&template),
        "after kill {after}: unexpected template {template:?}"
    );
    let o = jobdoc(&["check", path.to_str().unwrap()]);
    assert_ne!(
        o.status.code(),
        Some(2),
        "after kill {after}: jobdoc cannot read the file: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn stray_temporaries(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy();
            name.starts_with('.') && name.ends_with(".tmp")
        })
        .count()
}

#[test]
fn saving_over_an_existing_document_survives_sigkill() {
    let templates = ["ru-key-account-manager", "en-sales-manager"];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Инструкция.jobdoc");
    let f = file.to_str().unwrap();
    let args = |t: &'static str| ["new", "--template", t, "-o", f, "--force"];

    let o = jobdoc(&args(templates[0]));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let window = typical_duration(&args(templates[1])).mul_f64(1.2);

    let seed = 0x00c0_ffee_u64;
    let mut rng = XorShift(seed);
    let (mut landed, mut attempts) = (0, 0);
    let started = Instant::now();
    while landed < SAVE_KILLS {
        attempts += 1;
        assert!(
            attempts < SAVE_KILLS * 20,
            "only {landed} of {attempts} kills landed (window {window:?})"
        );
        let t = templates[attempts % 2];
        if run_and_kill(&args(t), &mut rng, window) {
            landed += 1;
        }
        assert_complete_document(&file, &templates, attempts);
    }
    let strays = stray_temporaries(dir.path());
    eprintln!(
        "save: {landed} kills landed of {attempts} attempts (seed {seed:#x}, window {window:?}), \
         {strays} interrupted writes left a temporary file, {:?}",
        started.elapsed()
    );
    assert!(
        strays > 0,
        "no kill landed inside a write: the test proves nothing"
    );
}
