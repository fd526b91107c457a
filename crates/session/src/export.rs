//! The editor's exports: PDF and/or DOCX into a folder the user chose, and the PDF of the live
//! preview. Both go through the one export path, [`jobdoc_export::export`].

use std::path::{Path, PathBuf};

pub use jobdoc_export::PdfFile;
use jobdoc_export::{kedo, names, Conformance, ExportOptions, Format};
use jobdoc_layout::FontSet;
use jobdoc_model::{Diagnostic, Document, Timestamp};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::SessionError;

/// What the export dialog asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ExportRequest {
    pub folder: String,
    /// File-name pattern; `<position>` is replaced by the position's name.
    pub pattern: String,
    #[ts(type = "Array<\"pdf\" | \"docx\">")]
    pub formats: Vec<Format>,
    /// Replace files that exist already.
    pub overwrite: bool,
    /// Write the PDF as PDF/A-1a (tagged, for archives). Absent means no.
    #[serde(default)]
    #[ts(optional, as = "Option<bool>")]
    pub pdfa: bool,
    /// A КЭДО package: the PDF as PDF/A-1a (made even if `formats` lacks it) and its XML
    /// description beside it, `NAME.xml` (see `jobdoc_export::kedo`). Absent means no.
    #[serde(default)]
    #[ts(optional, as = "Option<bool>")]
    pub kedo: bool,
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct ExportOutcome {
    /// Files written.
    pub files: Vec<String>,
    /// Files that exist already: nothing was written; ask, then retry with `overwrite`.
    pub existing: Vec<String>,
    /// What the exports changed or could not represent, placed in the document.
    pub warnings: Vec<Diagnostic>,
}

fn run(
    doc: &Document,
    formats: &[Format],
    created: Timestamp,
    conformance: Conformance,
) -> Result<jobdoc_export::Exported, SessionError> {
    Ok(jobdoc_export::export(
        doc,
        &ExportOptions {
            formats,
            created,
            fonts: FontSet::bundled(),
            conformance,
        },
    )?)
}

/// The PDF of `doc` (for export and for printing).
pub fn pdf(doc: &Document, created: Timestamp) -> Result<PdfFile, SessionError> {
    let exported = run(doc, &[Format::Pdf], created, Conformance::Plain)?;
    Ok(exported.pdf.expect("a PDF was asked for"))
}

/// The first bytes of a [`preview_payload`]; the PDF follows the header.
pub const PREVIEW_MAGIC: &[u8; 8] = b"JDPREV1\0";

/// The preview as one byte string for the web view (one IPC response, no JSON):
/// `PREVIEW_MAGIC`, the page count (u32), the page width and height in points (f32),
/// one key per page (u64), then the PDF. Numbers are little-endian.
/// `ui/src/lib/previewPayload.ts` reads it.
pub fn preview_payload(pdf: &PdfFile) -> Vec<u8> {
    let header = PREVIEW_MAGIC.len() + 12 + 8 * pdf.page_keys.len();
    let mut out = Vec::with_capacity(header + pdf.bytes.len());
    out.extend_from_slice(PREVIEW_MAGIC);
    // A document has far fewer than 4 billion pages; saturate rather than wrap.
    let count = u32::try_from(pdf.page_keys.len()).unwrap_or(u32::MAX);
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&pdf.width_pt.to_le_bytes());
    out.extend_from_slice(&pdf.height_pt.to_le_bytes());
    for key in &pdf.page_keys {
        out.extend_from_slice(&key.to_le_bytes());
    }
    out.extend_from_slice(&pdf.bytes);
    out
}

/// The files an export would write, in the order of `formats` (duplicates removed; a КЭДО
/// package adds the PDF when `formats` lacks it).
pub fn targets(doc: &Document, request: &ExportRequest) -> Vec<(Format, PathBuf)> {
    let base = names::export_base_name(&request.pattern, doc);
    let mut out: Vec<(Format, PathBuf)> = Vec::new();
    let kedo_pdf = request.kedo.then_some(Format::Pdf);
    for &format in request.formats.iter().chain(kedo_pdf.iter()) {
        if out.iter().all(|(f, _)| *f != format) {
            let path = Path::new(&request.folder).join(format!("{base}.{}", format.extension()));
            out.push((format, path));
        }
    }
    out
}

/// Where a КЭДО package's description goes: beside the PDF, `NAME.xml`.
fn description_path(targets: &[(Format, PathBuf)]) -> Option<PathBuf> {
    targets
        .iter()
        .find(|(f, _)| *f == Format::Pdf)
        .map(|(_, p)| p.with_extension("xml"))
}

/// Exports `doc` into the requested folder. Nothing is written when a target exists and
/// `overwrite` is false, or when any format fails to export. Every file is written atomically.
pub fn export(
    doc: &Document,
    request: &ExportRequest,
    created: Timestamp,
) -> Result<ExportOutcome, SessionError> {
    if request.formats.is_empty() {
        return Err(SessionError::NoFormat);
    }
    let folder = Path::new(&request.folder);
    if request.folder.trim().is_empty() || !folder.is_dir() {
        return Err(SessionError::FolderMissing {
            folder: folder.to_path_buf(),
        });
    }
    let targets = targets(doc, request);
    let description = request.kedo.then(|| description_path(&targets)).flatten();
    let existing: Vec<String> = targets
        .iter()
        .map(|(_, p)| p)
        .chain(description.iter())
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !request.overwrite {
        return Ok(ExportOutcome {
            existing,
            ..ExportOutcome::default()
        });
    }
    // Every format is made before anything is written, so that a failing one writes nothing.
    let formats: Vec<Format> = targets.iter().map(|(f, _)| *f).collect();
    let conformance = if request.pdfa || request.kedo {
        Conformance::PdfA1a
    } else {
        Conformance::Plain
    };
    let exported = run(doc, &formats, created, conformance)?;
    let mut written = jobdoc_export::write_files(&exported, &targets)?;
    if let (Some(path), Some(pdf)) = (description, &exported.pdf) {
        let pdf_name = targets
            .iter()
            .find(|(f, _)| *f == Format::Pdf)
            .and_then(|(_, p)| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let xml = kedo::description_xml(
            doc,
            &kedo::DescribedPdf {
                file_name: &pdf_name,
                bytes: &pdf.bytes,
                pages: pdf.page_count(),
            },
            created,
        );
        jobdoc_model::atomic_write(&path, xml.as_bytes()).map_err(|source| {
            jobdoc_export::WriteError {
                path: path.clone(),
                source,
            }
        })?;
        written.push(path);
    }
    Ok(ExportOutcome {
        files: written.iter().map(|p| p.display().to_string()).collect(),
        existing: Vec::new(),
        warnings: exported.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdoc_model::{templates, ErrorCode, UserError};

    fn now() -> Timestamp {
        "2026-03-01T10:00:00Z".parse().unwrap()
    }

    fn sample() -> Document {
        templates::instantiate("ru-sales-manager", "id", now())
            .expect("template exists")
            .expect("template parses")
    }

    fn request(folder: &Path, formats: Vec<Format>, overwrite: bool) -> ExportRequest {
        ExportRequest {
            folder: folder.display().to_string(),
            pattern: names::default_pattern(jobdoc_model::Language::Ru).to_owned(),
            formats,
            overwrite,
            pdfa: false,
            kedo: false,
        }
    }

    #[test]
    fn exports_both_formats_with_safe_names_and_asks_before_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let req = request(dir.path(), vec![Format::Pdf, Format::Docx], false);
        let out = export(&sample(), &req, now()).unwrap();
        assert_eq!(out.files.len(), 2);
        assert!(out.existing.is_empty());
        let pdf_path = dir
            .path()
            .join("Должностная инструкция — менеджер по продажам.pdf");
        let docx_path = dir
            .path()
            .join("Должностная инструкция — менеджер по продажам.docx");
        let pdf_bytes = std::fs::read(&pdf_path).unwrap();
        assert_eq!(pdf_bytes, pdf(&sample(), now()).unwrap().bytes);
        let docx_bytes = std::fs::read(&docx_path).unwrap();
        assert!(docx_bytes.starts_with(b"PK"));

        // A second export finds both files and writes nothing until told to overwrite.
        std::fs::write(&pdf_path, b"old").unwrap();
        let again = export(&sample(), &req, now()).unwrap();
        assert_eq!(again.existing.len(), 2);
        assert!(again.files.is_empty());
        assert_eq!(std::fs::read(&pdf_path).unwrap(), b"old");
        let forced = export(
            &sample(),
            &request(dir.path(), vec![Format::Pdf], true),
            now(),
        )
        .unwrap();
        assert_eq!(forced.files, vec![pdf_path.display().to_string()]);
        assert!(std::fs::read(&pdf_path).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn a_kedo_request_writes_pdf_a_and_its_description_and_asks_before_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let mut req = request(dir.path(), vec![Format::Docx], false);
        req.kedo = true;
        let out = export(&sample(), &req, now()).unwrap();
        let base = dir
            .path()
            .join("Должностная инструкция — менеджер по продажам");
        let (docx, pdf, xml) = (
            base.with_extension("docx"),
            base.with_extension("pdf"),
            base.with_extension("xml"),
        );
        assert_eq!(
            out.files,
            [&docx, &pdf, &xml]
                .map(|p| p.display().to_string())
                .to_vec()
        );
        let pdf_bytes = std::fs::read(&pdf).unwrap();
        let needle = b"<pdfaid:conformance>A</pdfaid:conformance>";
        assert!(pdf_bytes.windows(needle.len()).any(|w| w == needle));
        let text = std::fs::read_to_string(&xml).unwrap();
        assert!(text.contains("<name>Должностная инструкция — менеджер по продажам.pdf</name>"));
        assert!(!text.starts_with('\u{feff}'));
        // The description alone existing is enough to ask first.
        std::fs::remove_file(&pdf).unwrap();
        std::fs::remove_file(&docx).unwrap();
        let again = export(&sample(), &req, now()).unwrap();
        assert_eq!(again.existing, vec![xml.display().to_string()]);

        // `pdfa` alone: the PDF is PDF/A-1a, no description; without it the plain PDF.
        let other = tempfile::tempdir().unwrap();
        let mut req = request(other.path(), vec![Format::Pdf], false);
        req.pdfa = true;
        let out = export(&sample(), &req, now()).unwrap();
        assert_eq!(out.files.len(), 1);
        let archival = std::fs::read(&out.files[0]).unwrap();
        assert_eq!(archival, pdf_bytes);
        assert_ne!(archival, super::pdf(&sample(), now()).unwrap().bytes);
    }

    #[test]
    fn a_missing_folder_or_no_format_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = export(
            &sample(),
            &request(&dir.path().join("nope"), vec![Format::Pdf], false),
            now(),
        )
        .unwrap_err();
        assert_eq!(err.code(), ErrorCode::FolderMissing);
        let err = export(&sample(), &request(dir.path(), vec![], false), now()).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NoFormat);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn the_payload_is_header_then_pdf() {
        let p = pdf(&sample(), now()).unwrap();
        let payload = preview_payload(&p);
        let n = p.page_keys.len();
        assert_eq!(&payload[..8], PREVIEW_MAGIC);
        assert_eq!(
            u32::from_le_bytes(payload[8..12].try_into().unwrap()) as usize,
            n
        );
        assert_eq!(
            f32::from_le_bytes(payload[12..16].try_into().unwrap()),
            p.width_pt
        );
        assert_eq!(
            f32::from_le_bytes(payload[16..20].try_into().unwrap()),
            p.height_pt
        );
        for (i, key) in p.page_keys.iter().enumerate() {
            let at = 20 + 8 * i;
            assert_eq!(
                u64::from_le_bytes(payload[at..at + 8].try_into().unwrap()),
                *key
            );
        }
        assert_eq!(&payload[20 + 8 * n..], &p.bytes[..]);
        assert!(payload[20 + 8 * n..].starts_with(b"%PDF-"));
    }
}
