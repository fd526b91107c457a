//! What the DOCX tests share: running the real readers (LibreOffice, poppler, python-docx) with
//! a deadline — a child that hangs is killed and the test fails naming it, and a child is also
//! killed when the test panics — and reading their output.

#![allow(dead_code)] // Each test binary uses a part of it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jobdoc_docx::{write_docx, DocxOptions, DocxOutput};
use jobdoc_model::resolve::resolve;
use jobdoc_model::Document;

pub const CREATED: &str = "2026-01-15T09:00:00Z";
pub const MM: f64 = 72.0 / 25.4;

pub fn created() -> jobdoc_model::Timestamp {
    CREATED.parse().unwrap()
}

pub fn export(doc: &Document) -> DocxOutput {
    write_docx(&resolve(doc), &DocxOptions { created: created() }).expect("export succeeds")
}

/// A child process that is killed when dropped (the test failed, or timed out).
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

/// Runs a program with a deadline; a missing program, a failure or a timeout fails the test
/// with the package to install or the output.
pub fn run_for(program: &str, args: &[&str], package: &str, limit: Duration) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_path = dir.path().join("out");
    let err_path = dir.path().join("err");
    let child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} is required (install {package}): {e}"));
    let mut child = Reaped(child);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().expect("wait for the child") {
            break status;
        }
        if started.elapsed() > limit {
            drop(child);
            panic!("{program} {args:?} did not finish within {limit:?}; it was killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
    assert!(
        status.success(),
        "{program} {args:?} failed ({status}): {stdout}\n{stderr}"
    );
    stdout
}

pub fn run(program: &str, args: &[&str], package: &str) -> String {
    run_for(program, args, package, Duration::from_secs(120))
}

/// LibreOffice must render "Times New Roman" (what the DOCX names) with Liberation Serif (what
/// the PDF embeds), or it lays the text out with other metrics and the pages differ.
pub fn require_times_metrics() {
    let family = run(
        "fc-match",
        &["-f", "%{family}", "Times New Roman"],
        "fontconfig",
    );
    assert!(
        family.contains("Liberation Serif") || family.contains("Times New Roman"),
        "fc-match resolves \"Times New Roman\" to {family:?}, not a font with its metrics: \
         install fonts-liberation2 (scripts/setup does) so that LibreOffice lays the DOCX out \
         as the PDF"
    );
}

/// LibreOffice's hyphenation patterns: without them LibreOffice does not hyphenate while Word
/// and Jobdoc's PDF do, and lines (hence pages) break differently.
pub fn require_hyphenation_patterns() {
    for (file, package) in [
        ("/usr/share/hyphen/hyph_ru_RU.dic", "hyphen-ru"),
        ("/usr/share/hyphen/hyph_en_US.dic", "hyphen-en-us"),
    ] {
        assert!(
            Path::new(file).exists(),
            "{file} is missing: install {package} so that LibreOffice hyphenates as Word does"
        );
    }
}

/// Converts DOCX files to PDF with LibreOffice (its own profile, so that it neither waits for
/// nor hands over to another LibreOffice), 40 files per run; a file a run skipped (LibreOffice
/// occasionally drops one of a long batch) is converted once more on its own. Returns the PDFs
/// in the same order.
pub fn libreoffice_pdfs(dir: &Path, docx: &[PathBuf]) -> Vec<PathBuf> {
    require_times_metrics();
    require_hyphenation_patterns();
    let out_dir = dir.join("pdf");
    let pdf_of = |p: &PathBuf| out_dir.join(p.with_extension("pdf").file_name().unwrap());
    let convert = |files: &[PathBuf]| {
        let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.display());
        let mut args: Vec<String> = vec![
            profile,
            "--headless".into(),
            "--convert-to".into(),
            "pdf".into(),
            "--outdir".into(),
            out_dir.display().to_string(),
        ];
        args.extend(files.iter().map(|p| p.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // About a second per document on this 2-core machine; generous for a loaded one.
        let limit = Duration::from_secs(120 + 10 * files.len() as u64);
        run_for("soffice", &args, "libreoffice-writer", limit);
    };
    for chunk in docx.chunks(40) {
        convert(chunk);
    }
    let missing: Vec<PathBuf> = docx
        .iter()
        .filter(|p| !pdf_of(p).exists())
        .cloned()
        .collect();
    for p in &missing {
        convert(std::slice::from_ref(p));
    }
    docx.iter()
        .map(|p| {
            let pdf = pdf_of(p);
            assert!(pdf.exists(), "LibreOffice wrote no PDF for {}", p.display());
            pdf
        })
        .collect()
}

pub fn page_count(pdf: &Path) -> usize {
    run("pdfinfo", &[&pdf.display().to_string()], "poppler-utils")
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints the page count")
}

pub fn pdf_text(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let path = pdf.display().to_string();
    let mut args: Vec<String> = Vec::new();
    if let Some((first, last)) = pages {
        args.extend([
            "-f".into(),
            first.to_string(),
            "-l".into(),
            last.to_string(),
        ]);
    }
    args.extend(["-raw".into(), path, "-".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run("pdftotext", &args, "poppler-utils")
}

/// A word as `pdftotext -bbox` reports it, in points from the page's top left.
#[derive(Debug, Clone)]
pub struct Word {
    pub x_min: f64,
    pub y_min: f64,
    pub x_max: f64,
    pub y_max: f64,
    pub text: String,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).expect("attribute") + key.len();
    let end = start + tag[start..].find('"').expect("closing quote");
    tag[start..end].parse().expect("a number")
}

/// The words of every page.
pub fn words_by_page(pdf: &Path) -> Vec<Vec<Word>> {
    let xml = run(
        "pdftotext",
        &["-bbox", &pdf.display().to_string(), "-"],
        "poppler-utils",
    );
    let mut pages: Vec<Vec<Word>> = Vec::new();
    for line in xml.lines() {
        let line = line.trim();
        if line.starts_with("<page ") {
            pages.push(Vec::new());
        } else if line.starts_with("<word ") {
            let text_start = line.find('>').unwrap() + 1;
            let text_end = line.rfind("</word>").unwrap();
            let word = Word {
                x_min: attr(line, "xMin"),
                y_min: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
                y_max: attr(line, "yMax"),
                text: line[text_start..text_end].to_owned(),
            };
            pages.last_mut().expect("a page").push(word);
        }
    }
    pages
}

/// Text compared without layout: whitespace, hyphens (real ones and those added by
/// hyphenation) and soft hyphens removed.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{2010}' | '\u{2011}'))
        .collect()
}
