//! Batch export: many documents (or one document for many employees) to files in one folder,
//! on every core, each file written atomically — a batch stopped or killed halfway leaves only
//! complete files — with a summary of what was written, what was skipped and why.
//!
//! Names come from a pattern ([`crate::names`]): `<position>`, `<file>` (the source file's name
//! without its extension), `<department>`, `<employee>` (personal copies). Two jobs that would
//! write the same name get « (2)», « (3)», … in the order of the inputs, so the result does not
//! depend on which thread finished first.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use jobdoc_layout::FontSet;
use jobdoc_model::resolve::Recipient;
use jobdoc_model::Document;

use crate::{export_for, ExportOptions, Format};

/// One document to export, and for whom when it is a personal copy.
#[derive(Debug, Clone)]
pub struct Job {
    /// Where the document came from (for messages and `<file>`).
    pub source: PathBuf,
    pub document: Document,
    pub recipient: Option<Recipient>,
}

/// How the batch runs.
#[derive(Debug, Clone)]
pub struct Plan {
    pub formats: Vec<Format>,
    pub out_dir: PathBuf,
    /// File-name pattern without extension; `None`: the default of each document's language.
    pub pattern: Option<String>,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Replace files that exist already (otherwise they are skipped and listed).
    pub overwrite: bool,
}

/// What happened to one job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Written(Vec<PathBuf>),
    /// Nothing written: the targets exist (and `overwrite` is off).
    Exists(Vec<PathBuf>),
    /// Nothing written: the export or a write failed.
    Failed(String),
    /// Not started: the batch was cancelled.
    Cancelled,
}

/// The summary, in the order of the jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub results: Vec<(PathBuf, Outcome)>,
}

impl Report {
    pub fn written(&self) -> usize {
        self.results
            .iter()
            .map(|(_, o)| match o {
                Outcome::Written(files) => files.len(),
                _ => 0,
            })
            .sum()
    }

    pub fn skipped(&self) -> usize {
        self.results
            .iter()
            .filter(|(_, o)| !matches!(o, Outcome::Written(_)))
            .count()
    }
}

/// The base name (no extension) of each job's files, made unique in input order.
pub fn file_names(jobs: &[Job], pattern: Option<&str>) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    jobs.iter()
        .map(|job| {
            let pattern = pattern.unwrap_or_else(|| {
                if job.recipient.is_some() {
                    "<employee> — <position>"
                } else {
                    crate::names::default_pattern(job.document.language)
                }
            });
            let stem = job
                .source
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let filled = pattern
                .replace("<file>", &stem)
                .replace("<department>", job.document.organisation.department.trim())
                .replace(
                    "<employee>",
                    job.recipient.as_ref().map_or("", |r| r.name.trim()),
                );
            let base = crate::names::export_base_name(&filled, &job.document);
            let mut name = base.clone();
            let mut n = 1;
            // Windows file names ignore case.
            while used.iter().any(|u| u.to_lowercase() == name.to_lowercase()) {
                n += 1;
                name = format!("{base} ({n})");
            }
            used.push(name.clone());
            name
        })
        .collect()
}

/// Exports every job on `plan.threads` threads. `cancel` stops the batch between jobs (jobs
/// already started finish, so no file is half-written); `progress` is called with the number of
/// jobs done after each one.
pub fn run(
    jobs: &[Job],
    plan: &Plan,
    fonts: &FontSet,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Report {
    let names = file_names(jobs, plan.pattern.as_deref());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; jobs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..plan.threads.max(1).min(jobs.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= jobs.len() {
                    break;
                }
                let outcome = if cancel.load(Ordering::SeqCst) {
                    Outcome::Cancelled
                } else {
                    one(&jobs[i], &names[i], plan, fonts)
                };
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(outcome);
                let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                progress(n, jobs.len());
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    Report {
        results: jobs
            .iter()
            .zip(results)
            .map(|(job, o)| (job.source.clone(), o.unwrap_or(Outcome::Cancelled)))
            .collect(),
    }
}

fn one(job: &Job, name: &str, plan: &Plan, fonts: &FontSet) -> Outcome {
    let targets: Vec<(Format, PathBuf)> = plan
        .formats
        .iter()
        .map(|f| (*f, plan.out_dir.join(format!("{name}.{}", f.extension()))))
        .collect();
    let existing: Vec<PathBuf> = targets
        .iter()
        .filter(|(_, p)| p.exists())
        .map(|(_, p)| p.clone())
        .collect();
    if !existing.is_empty() && !plan.overwrite {
        return Outcome::Exists(existing);
    }
    let options = ExportOptions {
        formats: &plan.formats,
        // As a single export does: the same document gives the same bytes.
        created: job.document.meta.modified,
        fonts,
        conformance: crate::Conformance::Plain,
    };
    let exported = match export_for(&job.document, job.recipient.as_ref(), &options) {
        Ok(e) => e,
        Err(e) => return Outcome::Failed(format!("{}: {e}", job.source.display())),
    };
    match crate::write_files(&exported, &targets) {
        Ok(files) => Outcome::Written(files),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Every `.jobdoc` file under the given files and folders (folders searched recursively, hidden
/// and `~$` lock files left out), sorted, without repeats.
pub fn collect_inputs(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let hidden = name
                .as_deref()
                .is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
            if hidden {
                continue;
            }
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|e| e == "jobdoc") {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out)?;
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}
