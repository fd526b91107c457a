//! Import of existing job instructions: DOCX, ODT and RTF read directly, plain text, Markdown
//! and pasted HTML, `.doc` and other formats through LibreOffice when it is installed.
//!
//! [`import`] turns the bytes of a file into a [`Document`] and an [`ImportReport`] that lists
//! every source paragraph with what it became and why. Nothing is lost: a non-empty paragraph
//! is in the document (its text as written, without its number, bullet and extra spacing) or
//! in the report as dropped with a reason. Nothing is invented: every word of the document
//! comes from the source.
//!
//! Hostile input is bounded: ZIP parts may not inflate beyond fixed limits or ratios, XML
//! entities other than the predefined ones are never expanded, no relationship is followed,
//! RTF groups nested beyond a depth are read flat, and input above [`MAX_INPUT`] is refused.

use std::time::Duration;

use jobdoc_model::error::{say, ErrorCode, UserError};
use jobdoc_model::{Document, Language, Timestamp};

mod docx;
mod odt;
pub mod office;
pub mod para;
mod recognise;
pub mod report;
pub mod review;
mod rtf;
mod text;
mod xml;
mod zipread;

pub use para::SourcePara;
pub use recognise::lookalike;
pub use report::*;
pub use review::{reassign, Reassign, ReassignError};

/// Larger files are refused: no job instruction is anywhere near this size.
pub const MAX_INPUT: usize = 64 << 20;
/// RTF, text, Markdown and HTML larger than this are refused (they are all text; a long job
/// instruction is some tens of kilobytes).
pub const MAX_TEXT_INPUT: usize = 16 << 20;
/// Text read from a file beyond this is refused (bounds memory; see RELIABILITY.md).
pub const MAX_TEXT: usize = 8 << 20;
/// Paragraphs beyond this are refused.
pub const MAX_PARAGRAPHS: usize = 50_000;

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The document's language; detected from the text when `None`.
    pub language: Option<Language>,
    /// The new document's id (the app passes a UUID).
    pub id: String,
    /// Its creation time (passed in, never read from the clock here).
    pub now: Timestamp,
    /// LibreOffice for formats read through it: `None` looks for it where it is usually
    /// installed.
    pub soffice: Option<std::path::PathBuf>,
    /// Do not look for LibreOffice at all (tests of the "not installed" message).
    pub no_office: bool,
    /// How long a LibreOffice conversion may take.
    pub office_timeout: Duration,
}

impl ImportOptions {
    pub fn new(id: impl Into<String>, now: Timestamp) -> ImportOptions {
        ImportOptions {
            language: None,
            id: id.into(),
            now,
            soffice: None,
            no_office: false,
            office_timeout: Duration::from_secs(60),
        }
    }
}

/// A document and its report.
#[derive(Debug, Clone)]
pub struct Imported {
    pub document: Document,
    pub report: ImportReport,
}

/// Why a file cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read the file: {0}")]
    Io(std::io::Error),
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than {} MB, far more than any job instruction", MAX_INPUT >> 20)]
    TooLarge,
    #[error("the file is damaged: {detail}")]
    Malformed { detail: String },
    #[error("the file inflates far beyond its size at {part} (a ZIP bomb?); it was not read")]
    Bomb { part: String },
    #[error("{format} files are read through LibreOffice, which is not installed: install LibreOffice (https://www.libreoffice.org) or save the file as DOCX")]
    NeedsLibreOffice { format: String },
    #[error("LibreOffice could not convert the file: {detail}")]
    ConversionFailed { detail: String },
    #[error("LibreOffice did not finish converting the file within {seconds} s and was stopped")]
    ConversionTimeout { seconds: u64 },
    #[error("the file is not a document Jobdoc can import (DOCX, ODT, RTF, DOC, text, Markdown or HTML)")]
    Unsupported,
    #[error("the file holds no text")]
    NoText,
    #[error(
        "the file holds far more text than any job instruction (over 8 MB or 50 000 paragraphs)"
    )]
    TooMuchText,
}

impl UserError for ImportError {
    fn code(&self) -> ErrorCode {
        match self {
            ImportError::Io(_) => ErrorCode::ReadFailed,
            ImportError::Empty => ErrorCode::EmptyFile,
            ImportError::TooLarge | ImportError::TooMuchText => ErrorCode::FileTooLarge,
            ImportError::Malformed { .. } | ImportError::Bomb { .. } | ImportError::NoText => {
                ErrorCode::ImportUnreadable
            }
            ImportError::NeedsLibreOffice { .. } => ErrorCode::ImportNeedsLibreOffice,
            ImportError::ConversionFailed { .. } | ImportError::ConversionTimeout { .. } => {
                ErrorCode::ImportConversionFailed
            }
            ImportError::Unsupported => ErrorCode::ImportUnsupported,
        }
    }

    fn message(&self, language: Language) -> String {
        let ru = match self {
            ImportError::Io(e) => format!(
                "файл не читается: {}",
                jobdoc_model::error::io_reason(e, Language::Ru)
            ),
            ImportError::Empty => "файл пуст".to_owned(),
            ImportError::TooLarge => format!(
                "файл больше {} МБ — это не должностная инструкция",
                MAX_INPUT >> 20
            ),
            ImportError::Malformed { .. } => "файл повреждён и не читается".to_owned(),
            ImportError::Bomb { part } => format!(
                "файл распаковывается в объём, несоразмерный его размеру ({part}); он не прочитан"
            ),
            ImportError::NeedsLibreOffice { format } => format!(
                "файлы {format} читаются через LibreOffice, а он не установлен: установите LibreOffice или сохраните файл в формате DOCX"
            ),
            ImportError::ConversionFailed { .. } => {
                "LibreOffice не смог преобразовать файл".to_owned()
            }
            ImportError::ConversionTimeout { seconds } => format!(
                "LibreOffice не закончил преобразование файла за {seconds} с и был остановлен"
            ),
            ImportError::Unsupported => "это не документ, который Jobdoc умеет импортировать (DOCX, ODT, RTF, DOC, текст, Markdown или HTML)".to_owned(),
            ImportError::NoText => "в файле нет текста".to_owned(),
            ImportError::TooMuchText => "в файле намного больше текста, чем в любой должностной инструкции (больше 8 МБ или 50 000 абзацев)".to_owned(),
        };
        say(language, ru, self.to_string())
    }
}

/// How the bytes will be read.
fn detect(bytes: &[u8], file_name: &str) -> Result<SourceFormat, ImportError> {
    let ext = std::path::Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        let mut pkg = zipread::Package::open(bytes)?;
        if pkg.has("word/document.xml") {
            return Ok(SourceFormat::Docx);
        }
        if pkg.has("content.xml") {
            let mime = pkg.read("mimetype")?.unwrap_or_default();
            if mime.starts_with(b"application/vnd.oasis.opendocument.text") || mime.is_empty() {
                return Ok(SourceFormat::Odt);
            }
        }
        if pkg.has("[Content_Types].xml") || pkg.has("mimetype") {
            return Ok(SourceFormat::Office);
        }
        return Err(ImportError::Unsupported);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Ok(SourceFormat::Rtf);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(SourceFormat::Office);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(ImportError::Unsupported);
    }
    // Text: not binary (no NUL outside UTF-16).
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if !utf16 && controls * 20 > sample.len().max(1) {
        if matches!(
            ext.as_str(),
            "doc" | "wps" | "wpd" | "dot" | "docm" | "pages" | "odm"
        ) {
            return Ok(SourceFormat::Office);
        }
        return Err(ImportError::Unsupported);
    }
    let head = text::decode(sample);
    if matches!(ext.as_str(), "html" | "htm" | "xhtml") || text::looks_like_html(&head) {
        return Ok(SourceFormat::Html);
    }
    if matches!(ext.as_str(), "md" | "markdown") {
        return Ok(SourceFormat::Markdown);
    }
    Ok(SourceFormat::Text)
}

/// Reads the paragraphs of a file (no recognition): for tests and tools.
pub fn read_paragraphs(
    bytes: &[u8],
    file_name: &str,
    options: &ImportOptions,
) -> Result<(SourceFormat, Vec<SourcePara>), ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() > MAX_INPUT {
        return Err(ImportError::TooLarge);
    }
    let format = detect(bytes, file_name)?;
    let text_format = matches!(
        format,
        SourceFormat::Rtf | SourceFormat::Text | SourceFormat::Markdown | SourceFormat::Html
    );
    if text_format && bytes.len() > MAX_TEXT_INPUT {
        return Err(ImportError::TooMuchText);
    }
    let paras = match format {
        SourceFormat::Docx => docx::read(bytes)?,
        SourceFormat::Odt => odt::read(bytes)?,
        SourceFormat::Rtf => rtf::read(bytes)?,
        SourceFormat::Html => text::read_html(&text::decode(bytes)),
        SourceFormat::Markdown => text::read_markdown(&text::decode(bytes)),
        SourceFormat::Text => text::read_plain(&text::decode(bytes)),
        SourceFormat::Office => {
            let what = std::path::Path::new(file_name)
                .extension()
                .and_then(|e| e.to_str())
                .map(|e| e.to_ascii_uppercase())
                .unwrap_or_else(|| "DOC".into());
            let soffice = if options.no_office {
                None
            } else {
                options.soffice.clone().or_else(office::find)
            };
            let soffice = soffice.ok_or(ImportError::NeedsLibreOffice { format: what })?;
            let docx = office::convert_to_docx(&soffice, bytes, file_name, options.office_timeout)?;
            docx::read(&docx)?
        }
    };
    let text: usize = paras.iter().map(|p| p.text.len()).sum();
    if text > MAX_TEXT || paras.len() > MAX_PARAGRAPHS {
        return Err(ImportError::TooMuchText);
    }
    Ok((format, paras))
}

/// For the fuzz targets: the XML parts of a DOCX (`document.xml`, `styles.xml`,
/// `numbering.xml`) or of an ODT (`content.xml`, `styles.xml`), read and recognised without
/// the ZIP around them.
#[doc(hidden)]
pub fn import_xml_parts(
    odt: bool,
    main: &[u8],
    styles: Option<&[u8]>,
    numbering: Option<&[u8]>,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let paras = if odt {
        odt::read_parts(main, styles)?
    } else {
        docx::read_parts(main, styles, numbering)?
    };
    if paras.iter().all(|p| p.text.trim().is_empty()) {
        return Err(ImportError::NoText);
    }
    let (document, report) = recognise::recognise(&paras, options);
    Ok(Imported { document, report })
}

/// Imports a file: `bytes` as read, `file_name` for its extension and the report.
pub fn import(
    bytes: &[u8],
    file_name: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportError> {
    let (format, paras) = read_paragraphs(bytes, file_name, options)?;
    if paras.iter().all(|p| p.text.trim().is_empty()) {
        return Err(ImportError::NoText);
    }
    let (document, mut report) = recognise::recognise(&paras, options);
    report.file_name = file_name.to_owned();
    report.format = format;
    if format == SourceFormat::Office {
        report.notes.push(Note::ConvertedByLibreOffice);
    }
    Ok(Imported { document, report })
}
