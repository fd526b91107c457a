//! Export to PDF and/or DOCX into a folder, and the PDF for the live preview.

use std::path::{Path, PathBuf};

use jobdoc_docx::{export_docx, DocxOptions};
use jobdoc_layout::FontSet;
use jobdoc_model::Document;
use jobdoc_pdf::{export_pdf, PdfOptions, PdfOutput};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;
use crate::names;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Pdf,
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// What the export dialog asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ExportRequest {
    pub folder: String,
    /// File-name pattern; `<position>` is replaced by the position's name.
    pub pattern: String,
    pub formats: Vec<Format>,
    /// Replace files that exist already.
    pub overwrite: bool,
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ExportOutcome {
    /// Files written.
    pub files: Vec<String>,
    /// Files that exist already: nothing was written; ask, then retry with `overwrite`.
    pub existing: Vec<String>,
    /// What the exports changed or could not represent.
    pub warnings: Vec<String>,
}

/// The PDF of `doc` (for the preview and for printing). `created`: RFC 3339.
pub fn pdf(doc: &Document, created: &str) -> Result<PdfOutput, ApiError> {
    export_pdf(
        doc,
        &PdfOptions {
            created,
            fonts: FontSet::bundled(),
        },
    )
    .map_err(|e| ApiError::new("pdf-failed", format!("the PDF could not be made: {e}")))
}

/// The files an export would write, in the order of `formats` (duplicates removed).
pub fn targets(doc: &Document, request: &ExportRequest) -> Vec<(Format, PathBuf)> {
    let base = names::export_base_name(&request.pattern, doc);
    let mut out: Vec<(Format, PathBuf)> = Vec::new();
    for &format in &request.formats {
        if out.iter().all(|(f, _)| *f != format) {
            let path = Path::new(&request.folder).join(format!("{base}.{}", format.extension()));
            out.push((format, path));
        }
    }
    out
}

/// Exports `doc` into the requested folder. Nothing is written when a target exists and
/// `overwrite` is false, or when any format fails to export. Every file is written atomically.
pub fn export(
    doc: &Document,
    request: &ExportRequest,
    created: &str,
) -> Result<ExportOutcome, ApiError> {
    if request.formats.is_empty() {
        return Err(ApiError::new("no-format", "choose PDF, DOCX or both"));
    }
    let folder = Path::new(&request.folder);
    if request.folder.trim().is_empty() || !folder.is_dir() {
        return Err(ApiError::new(
            "folder-missing",
            format!("{}: the folder does not exist", folder.display()),
        ));
    }
    let targets = targets(doc, request);
    let existing: Vec<String> = targets
        .iter()
        .filter(|(_, p)| p.exists())
        .map(|(_, p)| p.display().to_string())
        .collect();
    if !existing.is_empty() && !request.overwrite {
        return Ok(ExportOutcome {
            existing,
            ..ExportOutcome::default()
        });
    }

    // Make every file first, so that a failing format writes nothing.
    let mut outcome = ExportOutcome::default();
    let mut made: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (format, path) in targets {
        let bytes = match format {
            Format::Pdf => {
                let out = pdf(doc, created)?;
                outcome.warnings.extend(
                    out.warnings
                        .iter()
                        .map(|w| format!("PDF, {}: {}", w.location, w.message)),
                );
                out.bytes
            }
            Format::Docx => {
                let out = export_docx(doc, &DocxOptions { created }).map_err(|e| {
                    ApiError::new("docx-failed", format!("the DOCX could not be made: {e}"))
                })?;
                outcome.warnings.extend(
                    out.warnings
                        .iter()
                        .map(|w| format!("DOCX, {}: {}", w.location, w.message)),
                );
                out.bytes
            }
        };
        made.push((path, bytes));
    }
    for (path, bytes) in made {
        jobdoc_model::atomic_write(&path, &bytes).map_err(|e| {
            ApiError::new(
                "write-failed",
                format!("{}: cannot write the file: {e}", path.display()),
            )
        })?;
        outcome.files.push(path.display().to_string());
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdoc_model::templates;

    const NOW: &str = "2026-03-01T10:00:00Z";

    fn sample() -> Document {
        templates::instantiate("ru-sales-manager", "id", NOW)
            .expect("template exists")
            .expect("template parses")
    }

    fn request(folder: &Path, formats: Vec<Format>, overwrite: bool) -> ExportRequest {
        ExportRequest {
            folder: folder.display().to_string(),
            pattern: names::default_pattern(jobdoc_model::Language::Ru).to_owned(),
            formats,
            overwrite,
        }
    }

    #[test]
    fn exports_both_formats_with_safe_names_and_asks_before_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let req = request(dir.path(), vec![Format::Pdf, Format::Docx], false);
        let out = export(&sample(), &req, NOW).unwrap();
        assert_eq!(out.files.len(), 2);
        assert!(out.existing.is_empty());
        let pdf_path = dir
            .path()
            .join("Должностная инструкция — менеджер по продажам.pdf");
        let docx_path = dir
            .path()
            .join("Должностная инструкция — менеджер по продажам.docx");
        let pdf_bytes = std::fs::read(&pdf_path).unwrap();
        assert!(pdf_bytes.starts_with(b"%PDF-"));
        let docx_bytes = std::fs::read(&docx_path).unwrap();
        assert!(docx_bytes.starts_with(b"PK"));

        // A second export finds both files and writes nothing until told to overwrite.
        std::fs::write(&pdf_path, b"old").unwrap();
        let again = export(&sample(), &req, NOW).unwrap();
        assert_eq!(again.existing.len(), 2);
        assert!(again.files.is_empty());
        assert_eq!(std::fs::read(&pdf_path).unwrap(), b"old");
        let forced = export(
            &sample(),
            &request(dir.path(), vec![Format::Pdf], true),
            NOW,
        )
        .unwrap();
        assert_eq!(forced.files, vec![pdf_path.display().to_string()]);
        assert!(std::fs::read(&pdf_path).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn a_missing_folder_or_no_format_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = export(
            &sample(),
            &request(&dir.path().join("nope"), vec![Format::Pdf], false),
            NOW,
        )
        .unwrap_err();
        assert_eq!(err.code, "folder-missing");
        let err = export(&sample(), &request(dir.path(), vec![], false), NOW).unwrap_err();
        assert_eq!(err.code, "no-format");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn the_preview_pdf_is_a_pdf_with_pages() {
        let out = pdf(&sample(), NOW).unwrap();
        assert!(out.bytes.starts_with(b"%PDF-"));
        assert!(out.page_count >= 2);
    }
}
