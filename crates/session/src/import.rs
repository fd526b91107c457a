//! Import for the editor: a file chosen in File → Import… (or dropped on the window) becomes
//! a new unsaved document and the report the review screen shows beside it.
//!
//! ```text
//! let (doc, report) = jobdoc_session::import::import_file(&path, &id, now, None)?;
//! ```
//!
//! The caller passes the new document's id and the time (the session never reads the clock),
//! and the language when the user chose one (otherwise it is detected from the text). The
//! report lists every source paragraph with what it became and why (`ImportReport`, with
//! TypeScript bindings); the review screen may change the document before it is accepted.

use std::path::Path;

use jobdoc_import::{import, ImportError, ImportOptions, ImportReport, MAX_INPUT};
use jobdoc_model::{Document, Language, Timestamp};

use crate::SessionError;

/// What the review may make of a paragraph (the shell takes it from the UI).
pub use jobdoc_import::Reassign;

/// Imports the file at `path`. Errors name the file.
pub fn import_file(
    path: &Path,
    id: &str,
    now: Timestamp,
    language: Option<Language>,
) -> Result<(Document, ImportReport), SessionError> {
    let failed = |error| SessionError::Import {
        path: path.to_owned(),
        error,
    };
    let size = std::fs::metadata(path)
        .map_err(|e| failed(ImportError::Io(e)))?
        .len();
    if size > MAX_INPUT as u64 {
        return Err(failed(ImportError::TooLarge));
    }
    let bytes = std::fs::read(path).map_err(|e| failed(ImportError::Io(e)))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut options = ImportOptions::new(id, now);
    options.language = language;
    let imported = import(&bytes, &name, &options).map_err(failed)?;
    Ok((imported.document, imported.report))
}

/// What the import review shows: the document as it would open, the report beside it, and the
/// name Save As suggests (the source's name with `.jobdoc`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct ImportReview {
    pub document: Document,
    pub report: ImportReport,
    pub suggested_name: String,
}

impl ImportReview {
    pub fn new(path: &Path, document: Document, report: ImportReport) -> ImportReview {
        ImportReview {
            document,
            report,
            suggested_name: suggested_name(path),
        }
    }
}

/// The file name Save As suggests for a document imported from `source`: its own name with
/// `.jobdoc` instead of its extension.
pub fn suggested_name(source: &Path) -> String {
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{}.jobdoc", crate::names::sanitize(&stem))
}

/// Re-assigns paragraph `entry` of the review (see [`jobdoc_import::reassign`]).
pub fn reassign(
    review: &ImportReview,
    entry: u32,
    to: &jobdoc_import::Reassign,
) -> Result<ImportReview, SessionError> {
    let (document, report) = jobdoc_import::reassign(&review.document, &review.report, entry, to)?;
    Ok(ImportReview {
        document,
        report,
        suggested_name: review.suggested_name.clone(),
    })
}

/// What dropped files become: a `.jobdoc` opens (the first one; an editor has one document),
/// the others are imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Dropped {
    pub open: Option<String>,
    pub import: Vec<String>,
    /// Further `.jobdoc` files (only one opens): the UI says so.
    pub not_opened: Vec<String>,
}

/// Sorts dropped (or chosen) paths into the one `.jobdoc` to open and the files to import.
/// Folders are left out.
pub fn sort_dropped(paths: &[std::path::PathBuf]) -> Dropped {
    let mut out = Dropped::default();
    for p in paths {
        if p.is_dir() {
            continue;
        }
        let shown = p.display().to_string();
        let jobdoc = p
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("jobdoc"));
        if !jobdoc {
            out.import.push(shown);
        } else if out.open.is_none() {
            out.open = Some(shown);
        } else {
            out.not_opened.push(shown);
        }
    }
    out
}

/// The base of a batch-imported document's file name: its position as written (capitalised),
/// else the title form, else the source file's own name; made safe for every file system.
pub fn batch_base_name(doc: &Document, source: &Path) -> String {
    let position = [&doc.position.name, &doc.position.title_form]
        .into_iter()
        .map(|s| s.trim())
        .find(|s| !s.is_empty());
    let base = match position {
        Some(p) => {
            let mut chars = p.chars();
            let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
            first.unwrap_or_default() + chars.as_str()
        }
        None => source
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    crate::names::sanitize(&base)
}

/// `folder/base.jobdoc`, or `base (2).jobdoc`, `base (3).jobdoc`, … : the first name that is
/// neither on disk nor in `taken` (names already given in this batch).
pub fn unique_path(
    folder: &Path,
    base: &str,
    taken: &std::collections::HashSet<std::path::PathBuf>,
) -> std::path::PathBuf {
    let free = |p: &std::path::PathBuf| !taken.contains(p) && std::fs::symlink_metadata(p).is_err();
    let first = folder.join(format!("{base}.jobdoc"));
    if free(&first) {
        return first;
    }
    (2u32..)
        .map(|n| folder.join(format!("{base} ({n}).jobdoc")))
        .find(free)
        .expect("some number is free")
}

/// How far a batch import is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct ImportProgress {
    /// Files done (written or failed).
    pub done: u32,
    pub total: u32,
    /// The file being imported now (`None` when all are done).
    pub current: Option<String>,
}

/// One file a batch import wrote.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct BatchWritten {
    pub source: String,
    pub path: String,
    /// Clauses in the document (a quick sign of how well it was recognised).
    pub clauses: u32,
    /// Source paragraphs dropped as noise (the review lists them).
    pub dropped: u32,
}

/// One file a batch import could not import: the message names the file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct BatchFailed {
    pub source: String,
    pub error: crate::ApiError,
}

/// What a batch import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct BatchSummary {
    pub written: Vec<BatchWritten>,
    pub failed: Vec<BatchFailed>,
    /// Stopped by the user: the files after the last one done were not imported.
    pub cancelled: bool,
    pub folder: String,
}

/// Imports `sources` one after another into `folder`, each as a new `.jobdoc` named by
/// [`batch_base_name`] and never over an existing file ([`unique_path`]). `new_id` gives each
/// document its id; `progress` is told before each file and at the end, and returns `false`
/// to stop (the file in progress is finished first). Failures are collected, not fatal; their
/// messages are in `language`.
pub fn import_into_folder(
    sources: &[std::path::PathBuf],
    folder: &Path,
    now: Timestamp,
    language: Language,
    mut new_id: impl FnMut() -> String,
    mut progress: impl FnMut(ImportProgress) -> bool,
) -> BatchSummary {
    let total = sources.len() as u32;
    let mut summary = BatchSummary {
        folder: folder.display().to_string(),
        ..BatchSummary::default()
    };
    let mut taken = std::collections::HashSet::new();
    for (done, source) in sources.iter().enumerate() {
        let go_on = progress(ImportProgress {
            done: done as u32,
            total,
            current: Some(source.display().to_string()),
        });
        if !go_on {
            summary.cancelled = true;
            break;
        }
        let shown = source.display().to_string();
        let written = import_file(source, &new_id(), now, None).and_then(|(doc, report)| {
            let target = unique_path(folder, &batch_base_name(&doc, source), &taken);
            jobdoc_model::save(&doc, &target)?;
            taken.insert(target.clone());
            let (clauses, _, _, dropped) = report.summary();
            Ok(BatchWritten {
                source: shown.clone(),
                path: target.display().to_string(),
                clauses: clauses as u32,
                dropped: dropped as u32,
            })
        });
        match written {
            Ok(w) => summary.written.push(w),
            Err(e) => summary.failed.push(BatchFailed {
                source: shown,
                error: crate::ApiError::new(&e, language),
            }),
        }
    }
    let done = (summary.written.len() + summary.failed.len()) as u32;
    progress(ImportProgress {
        done,
        total,
        current: None,
    });
    summary
}
