//! Export to PDF and/or DOCX into a folder, and the PDF for the live preview (with one key
//! per page, so that the preview redraws only the pages that changed).

use std::path::{Path, PathBuf};

use jobdoc_docx::{export_docx, DocxOptions};
use jobdoc_layout::{FontSet, FontStyle, Page};
use jobdoc_model::Document;
use jobdoc_pdf::{export_pdf, render_pdf, PdfError, PdfOptions, PdfOutput};
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

fn pdf_failed(e: PdfError) -> ApiError {
    ApiError::new("pdf-failed", format!("the PDF could not be made: {e}"))
}

/// The PDF of `doc` (for export and for printing). `created`: RFC 3339.
pub fn pdf(doc: &Document, created: &str) -> Result<PdfOutput, ApiError> {
    export_pdf(
        doc,
        &PdfOptions {
            created,
            fonts: FontSet::bundled(),
        },
    )
    .map_err(pdf_failed)
}

/// The PDF for the live preview, with what the preview needs to redraw only what changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    /// The PDF itself: the same bytes [`pdf`] makes.
    pub bytes: Vec<u8>,
    /// Page size in points (every page has the same size).
    pub width_pt: f32,
    pub height_pt: f32,
    /// One key per page: equal keys mean the page looks the same (same lines at the same
    /// places in the same fonts, same rules, same page size), so a drawn copy can be kept.
    pub page_keys: Vec<u64>,
}

/// The first bytes of a [`Preview::payload`]; the PDF follows the header.
pub const PREVIEW_MAGIC: &[u8; 8] = b"JDPREV1\0";

impl Preview {
    /// The preview as one byte string for the web view (one IPC response, no JSON):
    /// `PREVIEW_MAGIC`, the page count (u32), the page width and height in points (f32),
    /// one key per page (u64), then the PDF. Numbers are little-endian.
    /// `ui/src/lib/previewPayload.ts` reads it.
    pub fn payload(&self) -> Vec<u8> {
        let header = PREVIEW_MAGIC.len() + 12 + 8 * self.page_keys.len();
        let mut out = Vec::with_capacity(header + self.bytes.len());
        out.extend_from_slice(PREVIEW_MAGIC);
        // A document has far fewer than 4 billion pages; saturate rather than wrap.
        let count = u32::try_from(self.page_keys.len()).unwrap_or(u32::MAX);
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&self.width_pt.to_le_bytes());
        out.extend_from_slice(&self.height_pt.to_le_bytes());
        for key in &self.page_keys {
            out.extend_from_slice(&key.to_le_bytes());
        }
        out.extend_from_slice(&self.bytes);
        out
    }
}

/// The preview of `doc`: resolve and lay out once, key every laid-out page, write the PDF
/// from the same pages. `created`: RFC 3339.
pub fn preview(doc: &Document, created: &str) -> Result<Preview, ApiError> {
    let fonts = FontSet::bundled();
    let resolved = jobdoc_model::resolve::resolve(doc);
    let pages = jobdoc_layout::layout(&resolved, fonts);
    let bytes =
        render_pdf(&pages, &resolved.info, &PdfOptions { created, fonts }).map_err(pdf_failed)?;
    let size = PageKey::new().f32(pages.width_pt).f32(pages.height_pt);
    Ok(Preview {
        bytes,
        width_pt: pages.width_pt,
        height_pt: pages.height_pt,
        page_keys: pages.pages.iter().map(|p| page_key(size, p)).collect(),
    })
}

/// 64-bit FNV-1a over what a page shows. Not cryptographic: a collision would only keep a
/// stale picture of one page until the next edit, and needs two different page contents
/// with the same 64-bit hash.
#[derive(Debug, Clone, Copy)]
struct PageKey(u64);

impl PageKey {
    fn new() -> Self {
        PageKey(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(mut self, bytes: &[u8]) -> Self {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    fn u32(self, v: u32) -> Self {
        self.bytes(&v.to_le_bytes())
    }

    fn f32(self, v: f32) -> Self {
        self.u32(v.to_bits())
    }

    fn len(self, n: usize) -> Self {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

fn page_key(size: PageKey, page: &Page) -> u64 {
    let mut h = size.len(page.lines.len());
    for line in &page.lines {
        h = h.f32(line.y_pt).len(line.spans.len());
        for span in &line.spans {
            let style: u32 = match span.style {
                FontStyle::Regular => 0,
                FontStyle::Bold => 1,
                FontStyle::Italic => 2,
            };
            // The text's length first, so that two spans cannot run into each other.
            h = h
                .f32(span.x_pt)
                .u32(style)
                .f32(span.size_pt)
                .f32(span.width_pt)
                .len(span.text.len())
                .bytes(span.text.as_bytes());
        }
    }
    h = h.len(page.rules.len());
    for r in &page.rules {
        h = h
            .f32(r.x1_pt)
            .f32(r.y1_pt)
            .f32(r.x2_pt)
            .f32(r.y2_pt)
            .f32(r.thickness_pt);
    }
    h.0
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

    #[test]
    fn the_preview_is_the_exported_pdf_with_one_distinct_key_per_page() {
        let doc = sample();
        let exported = pdf(&doc, NOW).unwrap();
        let p = preview(&doc, NOW).unwrap();
        assert_eq!(
            p.bytes, exported.bytes,
            "the preview shows exactly what is exported"
        );
        assert_eq!(p.page_keys.len(), exported.page_count);
        assert!(
            (p.width_pt - 595.28).abs() < 1.0,
            "A4 width, got {}",
            p.width_pt
        );
        assert!(
            (p.height_pt - 841.89).abs() < 1.0,
            "A4 height, got {}",
            p.height_pt
        );
        let mut keys = p.page_keys.clone();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(
            keys.len(),
            p.page_keys.len(),
            "pages differ, so must their keys"
        );
        // Deterministic: the same document gives the same keys (and bytes).
        assert_eq!(preview(&doc, NOW).unwrap(), p);
    }

    #[test]
    fn the_payload_is_header_then_pdf() {
        let p = preview(&sample(), NOW).unwrap();
        let payload = p.payload();
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

    /// The page a clause's text is printed on, by searching the text of each page.
    fn page_of(doc: &Document, needle: &str) -> usize {
        let pages = jobdoc_layout::layout(&jobdoc_model::resolve::resolve(doc), FontSet::bundled());
        pages
            .pages
            .iter()
            .position(|p| {
                p.lines
                    .iter()
                    .flat_map(|l| &l.spans)
                    .any(|s| s.text.contains(needle))
            })
            .expect("the word is printed")
    }

    #[test]
    fn editing_one_word_changes_only_the_key_of_its_page() {
        let doc = sample();
        let before = preview(&doc, NOW).unwrap();
        assert!(before.page_keys.len() >= 2);
        // A marker word in the last clause of the last section: it lands on a later page.
        let mut edited = doc.clone();
        let section = edited.sections.last_mut().expect("sections");
        let clause = section.clauses.last_mut().expect("clauses");
        clause.text.push_str(" Zq");
        let page = page_of(&edited, "Zq");
        let after = preview(&edited, NOW).unwrap();
        assert_eq!(after.page_keys.len(), before.page_keys.len());
        for (i, (a, b)) in before.page_keys.iter().zip(&after.page_keys).enumerate() {
            if i == page {
                assert_ne!(
                    a,
                    b,
                    "page {} shows the new word: its key must change",
                    i + 1
                );
            } else {
                assert_eq!(
                    a,
                    b,
                    "page {} did not change: its key must not either",
                    i + 1
                );
            }
        }
    }
}
