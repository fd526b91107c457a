//! Crash-safe writes, proven by killing `jobdoc` with SIGKILL at random moments while it writes
//! over existing files: 150 kills while it saves a document (`jobdoc new --force`) and 50 while
//! it exports a PDF and a DOCX (`jobdoc export`). Afterwards every file is the complete old or
//! the complete new version — a document that parses and that `jobdoc check` reads; a PDF and a
//! DOCX byte-identical to one of two reference exports that pass qpdf, unzip and python-docx —
//! never torn or empty.
//!
//! The delays are drawn from a fixed-seed generator over the measured duration of a normal run,
//! so most kills land while the process is working; for exports every other kill waits until a
//! new temporary output file appears and strikes within 3 ms, inside the write. A kill that
//! arrives after the process has exited does not count. Killed writes may leave a hidden temporary file (`.NAME.*.tmp`) beside
//! the target; the test counts them as proof that kills landed in the middle of writes.

#![cfg(unix)]

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const JOBDOC: &str = env!("CARGO_BIN_EXE_jobdoc");

/// Kills (that landed on a running process) required for saving.
const SAVE_KILLS: usize = 150;

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

fn temporaries(dir: &Path) -> std::collections::HashSet<std::ffi::OsString> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| {
            let n = n.to_string_lossy();
            n.starts_with('.') && n.ends_with(".tmp")
        })
        .collect()
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

/// Kills (that landed on a running process) required for exporting.
const EXPORT_KILLS: usize = 50;

fn tool(program: &str, args: &[&str]) -> std::process::Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test and could not run: {e}"))
}

/// The PDF passes `qpdf --check` without errors or warnings.
fn assert_complete_pdf(path: &Path) {
    let o = tool("qpdf", &["--check", path.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "qpdf --check fails on {}: {}{}",
        path.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// The DOCX is a complete ZIP archive (every entry's CRC checks) that python-docx opens.
fn assert_complete_docx(path: &Path) {
    let p = path.to_str().unwrap();
    let o = tool("unzip", &["-tqq", p]);
    assert!(
        o.status.success(),
        "{} is not a complete archive: {}{}",
        path.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let o = tool(
        "python3",
        &[
            "-c",
            "import docx, sys; d = docx.Document(sys.argv[1]); assert len(d.paragraphs) > 10",
            p,
        ],
    );
    assert!(
        o.status.success(),
        "python-docx cannot open {}: {}",
        path.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Exports are deterministic (the export time comes from the document), so "the complete old
/// or the complete new version" is checked byte for byte against reference exports of the two
/// documents, which themselves pass qpdf, unzip and python-docx.
#[test]
fn exporting_over_existing_pdf_and_docx_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let sources = [d.join("ru.jobdoc"), d.join("en.jobdoc")];
    for (path, template) in sources.iter().zip(["ru-sales-manager", "en-sales-manager"]) {
        let o = jobdoc(&["new", "--template", template, "-o", path.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let export_args = |i: usize, pdf: &Path, docx: &Path| -> Vec<String> {
        vec![
            "export".into(),
            sources[i].to_str().unwrap().into(),
            "--pdf".into(),
            pdf.to_str().unwrap().into(),
            "--docx".into(),
            docx.to_str().unwrap().into(),
        ]
    };
    let run = |args: &[String]| {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = jobdoc(&a);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };

    // Reference exports, checked by the real readers, and proof of determinism.
    let mut references = Vec::new();
    for i in 0..2 {
        let (pdf, docx) = (
            d.join(format!("ref{i}.pdf")),
            d.join(format!("ref{i}.docx")),
        );
        run(&export_args(i, &pdf, &docx));
        assert_complete_pdf(&pdf);
        assert_complete_docx(&docx);
        let bytes = (std::fs::read(&pdf).unwrap(), std::fs::read(&docx).unwrap());
        run(&export_args(i, &pdf, &docx));
        assert_eq!(
            std::fs::read(&pdf).unwrap(),
            bytes.0,
            "the PDF export is not deterministic"
        );
        assert_eq!(
            std::fs::read(&docx).unwrap(),
            bytes.1,
            "the DOCX export is not deterministic"
        );
        references.push(bytes);
    }
    assert_ne!(references[0].0, references[1].0);

    let out = d.join("out");
    std::fs::create_dir(&out).unwrap();
    let (pdf, docx) = (out.join("Инструкция.pdf"), out.join("Инструкция.docx"));
    run(&export_args(0, &pdf, &docx));
    let timing: Vec<String> = export_args(1, &pdf, &docx);
    let timing: Vec<&str> = timing.iter().map(String::as_str).collect();
    let full = typical_duration(&timing).mul_f64(1.2);

    let seed = 0x0bad_cafe_u64;
    let mut rng = XorShift(seed);
    let (mut landed, mut attempts) = (0, 0);
    let started = Instant::now();
    while landed < EXPORT_KILLS {
        attempts += 1;
        assert!(
            attempts < EXPORT_KILLS * 20,
            "only {landed} of {attempts} kills landed (window {full:?})"
        );
        // Every other kill falls at a random moment of the run; the others wait until a new
        // temporary output file appears (the write has begun) and strike within 3 ms of it.
        let aim_at_write = attempts % 2 == 1;
        let before = temporaries(&out);
        let args = export_args(attempts % 2, &pdf, &docx);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = Command::new(JOBDOC)
            .args(&args)
            .env("LANG", "en_US.UTF-8")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start jobdoc");
        if aim_at_write {
            let give_up = Instant::now() + full * 10;
            while temporaries(&out).is_subset(&before)
                && Instant::now() < give_up
                && child.try_wait().unwrap().is_none()
            {
                std::thread::sleep(Duration::from_micros(100));
            }
            std::thread::sleep(Duration::from_micros(rng.below(3_000)));
        } else {
            std::thread::sleep(Duration::from_micros(rng.below(full.as_micros() as u64)));
        }
        let _ = child.kill();
        let o = child.wait_with_output().unwrap();
        match o.status.signal() {
            Some(9) => landed += 1,
            _ => assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr)),
        }
        let now = (std::fs::read(&pdf).unwrap(), std::fs::read(&docx).unwrap());
        assert!(
            references.iter().any(|r| r.0 == now.0),
            "after kill {attempts}: the PDF is neither complete version ({} bytes)",
            now.0.len()
        );
        assert!(
            references.iter().any(|r| r.1 == now.1),
            "after kill {attempts}: the DOCX is neither complete version ({} bytes)",
            now.1.len()
        );
    }
    let strays = stray_temporaries(&out);
    eprintln!(
        "export: {landed} kills landed of {attempts} attempts (seed {seed:#x}, window {full:?}), \
         {strays} interrupted writes left a temporary file, {:?}",
        started.elapsed()
    );
    assert!(
        strays > 0,
        "no kill landed inside a write: the test proves nothing"
    );
}
