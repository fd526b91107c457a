//! The one export path: a document plus options → the requested files and one list of warnings.
//!
//! ```text
//! Document ──resolve──▶ Resolved ──write_pdf──▶ PDF bytes + pages (keyed for the preview)
//!                          └──────write_docx──▶ DOCX bytes
//! ```
//!
//! The document is resolved once, whatever the number of formats; both writers read the same
//! printed strings and the same page geometry. Warnings of every stage (page settings that had
//! to be changed, characters the font lacks, characters XML forbids) come back as one list of
//! [`Diagnostic`]s placed by JSON Pointer, in Russian and English. The editor, the CLI, batch
//! export and per-employee copies all call [`export`]; [`write_files`] puts the result on disk,
//! each file atomically, under names made safe for every file system by [`names`].

pub mod batch;
pub mod kedo;
pub mod names;

use std::path::{Path, PathBuf};

use jobdoc_docx::{write_docx, DocxError, DocxOptions};
use jobdoc_layout::{FontSet, FontStyle, Page, Pages};
use jobdoc_model::error::{io_reason, say, ErrorCode, UserError};
use jobdoc_model::resolve::{personal_copy, resolve, Recipient};
use jobdoc_model::{Diagnostic, Document, Language, Timestamp};
use jobdoc_pdf::{write_pdf, PdfError, PdfOptions};

pub use jobdoc_pdf::Conformance;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
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

/// What an export needs besides the document; passed in so that the output is reproducible.
#[derive(Debug, Clone, Copy)]
pub struct ExportOptions<'a> {
    /// The formats to make (repeats are made once).
    pub formats: &'a [Format],
    /// Written into the files' properties. Nothing here reads the clock.
    pub created: Timestamp,
    /// The typeface the PDF is measured with and embeds (the DOCX names Times New Roman, which
    /// has the same metrics).
    pub fonts: &'a FontSet,
    /// The plain PDF, or PDF/A-1a for archives and electronic HR records (same pages, tagged).
    pub conformance: Conformance,
}

/// A PDF and what the preview needs to redraw only the pages that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfFile {
    pub bytes: Vec<u8>,
    /// Page size in points (every page has the same size).
    pub width_pt: f32,
    pub height_pt: f32,
    /// One key per page: equal keys mean the page looks the same (same lines at the same
    /// places in the same fonts, same rules, same page size).
    pub page_keys: Vec<u64>,
}

impl PdfFile {
    pub fn page_count(&self) -> usize {
        self.page_keys.len()
    }
}

/// The files an export made.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub pdf: Option<PdfFile>,
    pub docx: Option<Vec<u8>>,
    /// Everything the user should be told, from every stage, each said once.
    pub warnings: Vec<Diagnostic>,
}

impl Exported {
    /// The bytes of one format, if it was made.
    pub fn bytes(&self, format: Format) -> Option<&[u8]> {
        match format {
            Format::Pdf => self.pdf.as_ref().map(|p| p.bytes.as_slice()),
            Format::Docx => self.docx.as_deref(),
        }
    }
}

/// Why an export failed (never the user's input: a writer's own failure).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the PDF could not be made: {0}")]
    Pdf(#[from] PdfError),
    #[error("the DOCX could not be made: {0}")]
    Docx(#[from] DocxError),
}

impl UserError for ExportError {
    fn code(&self) -> ErrorCode {
        match self {
            ExportError::Pdf(_) => ErrorCode::PdfFailed,
            ExportError::Docx(_) => ErrorCode::DocxFailed,
        }
    }

    /// The writers' own failures are worded in English only (they are Jobdoc's bugs, reported
    /// with the English text); the Russian message says what happened without them.
    fn message(&self, language: Language) -> String {
        let ru = match self {
            ExportError::Pdf(_) => {
                "не удалось создать PDF: это ошибка в Jobdoc, сообщите о ней разработчикам"
            }
            ExportError::Docx(_) => {
                "не удалось создать DOCX: это ошибка в Jobdoc, сообщите о ней разработчикам"
            }
        };
        say(language, ru, self.to_string())
    }
}

/// Resolves `doc` once and writes every requested format from it. Pure: the same document and
/// options give the same bytes.
pub fn export(doc: &Document, options: &ExportOptions) -> Result<Exported, ExportError> {
    export_for(doc, None, options)
}

/// [`export`], as the personal copy of `recipient` when one is given: the acknowledgement mark
/// and sheet name the employee (see [`personal_copy`]).
pub fn export_for(
    doc: &Document,
    recipient: Option<&Recipient>,
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    let resolved = match recipient {
        Some(r) => personal_copy(resolve(doc), r),
        None => resolve(doc),
    };
    export_resolved(&resolved, options)
}

/// The export of a document already resolved (and perhaps adjusted: a personal copy, a list of
/// changes with its own document kind).
pub fn export_resolved(
    resolved: &jobdoc_model::resolve::Resolved,
    options: &ExportOptions,
) -> Result<Exported, ExportError> {
    let mut warnings = resolved.notes.clone();
    let mut out = Exported {
        pdf: None,
        docx: None,
        warnings: Vec::new(),
    };
    for &format in options.formats {
        match format {
            Format::Pdf if out.pdf.is_none() => {
                let pdf = write_pdf(
                    resolved,
                    &PdfOptions {
                        created: options.created,
                        fonts: options.fonts,
                        conformance: options.conformance,
                    },
                )?;
                warnings.extend(pdf.pages.warnings.iter().cloned());
                out.pdf = Some(PdfFile {
                    page_keys: page_keys(&pdf.pages),
                    width_pt: pdf.pages.width_pt,
                    height_pt: pdf.pages.height_pt,
                    bytes: pdf.bytes,
                });
            }
            Format::Docx if out.docx.is_none() => {
                let docx = write_docx(
                    resolved,
                    &DocxOptions {
                        created: options.created,
                    },
                )?;
                warnings.extend(docx.warnings);
                out.docx = Some(docx.bytes);
            }
            _ => {}
        }
    }
    for w in warnings {
        let seen = out
            .warnings
            .iter()
            .any(|o| o.code == w.code && o.path == w.path && o.message_en == w.message_en);
        if !seen {
            out.warnings.push(w);
        }
    }
    Ok(out)
}

/// One PDF holding a personal copy for every recipient, in order, each copy starting on a
/// right-hand page when `duplex` (a blank page pads a copy of an odd page count), so that the
/// stack prints double-sided and splits into copies. Every copy numbers its own pages. Always
/// a plain PDF (a print stack, not an archival record): `options.conformance` is not used.
pub fn copies_pdf(
    doc: &Document,
    recipients: &[Recipient],
    duplex: bool,
    options: &ExportOptions,
) -> Result<PdfFile, ExportError> {
    let base = resolve(doc);
    let mut all: Option<Pages> = None;
    for r in recipients {
        let copy = personal_copy(base.clone(), r);
        let mut pages = jobdoc_layout::layout(&copy, options.fonts);
        if duplex && pages.pages.len() % 2 == 1 && recipients.len() > 1 {
            pages.pages.push(Page::default());
        }
        match &mut all {
            None => all = Some(pages),
            Some(a) => {
                a.pages.extend(pages.pages);
                a.warnings.extend(pages.warnings);
            }
        }
    }
    let pages = all.unwrap_or_else(|| jobdoc_layout::layout(&base, options.fonts));
    let bytes = jobdoc_pdf::render_pdf(
        &pages,
        &base.info,
        &PdfOptions {
            created: options.created,
            fonts: options.fonts,
            conformance: Conformance::Plain,
        },
    )?;
    Ok(PdfFile {
        page_keys: page_keys(&pages),
        width_pt: pages.width_pt,
        height_pt: pages.height_pt,
        bytes,
    })
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot write the file: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl UserError for WriteError {
    fn code(&self) -> ErrorCode {
        ErrorCode::WriteFailed
    }

    fn message(&self, language: Language) -> String {
        let ru = format!(
            "{}: не удаётся записать файл: {}",
            self.path.display(),
            io_reason(&self.source, Language::Ru)
        );
        say(language, ru, self.to_string())
    }
}

/// Writes each made format to its path, atomically (a crash leaves the old file or the new one),
/// in the order given; formats that were not made are skipped. Returns the paths written.
pub fn write_files(
    exported: &Exported,
    targets: &[(Format, PathBuf)],
) -> Result<Vec<PathBuf>, WriteError> {
    let mut written = Vec::new();
    for (format, path) in targets {
        if let Some(bytes) = exported.bytes(*format) {
            write_atomically(path, bytes)?;
            written.push(path.clone());
        }
    }
    Ok(written)
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    jobdoc_model::atomic_write(path, bytes).map_err(|source| WriteError {
        path: path.to_path_buf(),
        source,
    })
}

/// One key per laid-out page (see [`PdfFile::page_keys`]).
fn page_keys(pages: &Pages) -> Vec<u64> {
    let size = PageKey::new().f32(pages.width_pt).f32(pages.height_pt);
    pages.pages.iter().map(|p| page_key(size, p)).collect()
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

#[cfg(test)]
mod tests;
