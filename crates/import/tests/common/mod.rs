//! What the import tests share: LibreOffice conversions (batched, own profile, killed on
//! timeout), the clause list of a document, and the word-set check.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jobdoc_import::{import, ImportOptions, Imported};
use jobdoc_model::{Document, SectionKind, Timestamp};

pub fn soffice() -> Option<PathBuf> {
    jobdoc_import::office::find()
}

/// Converts every file in `inputs` to `format` (an extension LibreOffice knows, or
/// `ext:Filter`) into `out`, in one LibreOffice run with its own profile. Returns the
/// converted files by input stem.
pub fn convert(soffice: &Path, inputs: &[PathBuf], format: &str, out: &Path, profile: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let url = format!("file://{}", profile.display());
    let mut child = Command::new(soffice)
        .arg(format!("-env:UserInstallation={url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(out)
        .args(inputs)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start LibreOffice");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.success(),
                "LibreOffice failed converting to {format}"
            );
            return;
        }
        if started.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("LibreOffice did not finish converting to {format} in 10 minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn options() -> ImportOptions {
    ImportOptions::new("imported", Timestamp::from_unix(1_767_225_600))
}

pub fn import_file(path: &Path) -> Imported {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    import(&bytes, &name, &options()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every clause as (section index, section kind, depth 1–3, text).
pub fn clause_list(doc: &Document) -> Vec<(usize, SectionKind, usize, String)> {
    doc.clauses()
        .into_iter()
        .map(|(path, c)| {
            (
                path[0],
                doc.sections[path[0]].kind,
                path.len() - 1,
                c.plain_text(),
            )
        })
        .collect()
}

/// Words as the word-set check compares them: lower case, ё as е, letters and digits only.
pub fn word_set(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('ё', "е"))
        .collect()
}

/// Every word in the document's text (fields, clauses, headings, signatures).
pub fn document_words(doc: &Document) -> BTreeSet<String> {
    let mut text = String::new();
    let o = &doc.organisation;
    let p = &doc.position;
    for s in [
        &o.name,
        &o.short_name,
        &o.department,
        &o.place,
        &p.name,
        &p.title_form,
        &p.reports_to,
        &p.substitute,
        &doc.registration.number,
    ] {
        text.push_str(s);
        text.push(' ');
    }
    if let jobdoc_model::Approval::Stamp {
        approver_position,
        approver_name,
        ..
    } = &doc.approval
    {
        text.push_str(approver_position);
        text.push(' ');
        text.push_str(approver_name);
        text.push(' ');
    }
    if let jobdoc_model::Approval::Order { number, .. } = &doc.approval {
        text.push_str(number);
        text.push(' ');
    }
    for s in &doc.sections {
        text.push_str(&s.title);
        text.push(' ');
    }
    for (_, c) in doc.clauses() {
        text.push_str(&c.plain_text());
        text.push(' ');
    }
    let sig = &doc.signatures;
    for s in std::iter::once(&sig.author).chain(&sig.visas) {
        text.push_str(&s.position);
        text.push(' ');
        text.push_str(&s.name);
        text.push(' ');
    }
    if let Some(sheet) = &doc.acknowledgement.sheet {
        for e in &sheet.employees {
            text.push_str(&e.name);
            text.push(' ');
            text.push_str(&e.position);
            text.push(' ');
        }
    }
    word_set(&text)
}

/// Words of the document that its source does not contain.
pub fn invented(doc: &Document, source_text: &str) -> Vec<String> {
    let source = word_set(&fold_lookalikes(source_text));
    document_words(doc)
        .into_iter()
        .filter(|w| !source.contains(w))
        .collect()
}

/// The source with Latin look-alikes inside Cyrillic words folded as the import folds them.
fn fold_lookalikes(s: &str) -> String {
    let map = |c: char| jobdoc_import::lookalike(c).unwrap_or(c);
    let mut out = String::new();
    for word in s.split_inclusive(|c: char| !c.is_alphabetic()) {
        let cyr = word.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
        if cyr {
            out.extend(word.chars().map(map));
        } else {
            out.push_str(word);
        }
    }
    out.replace('\u{ad}', "")
}
