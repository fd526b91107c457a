//! Jobdoc's DOCX export: a document as a Word-native, editable DOCX.
//!
//! The data flow is one function, [`export_docx`]:
//!
//! 1. [`jobdoc_model::resolve::resolve`] gives every printed string (labels in the document's
//!    language, the header block, the approval stamp, sections with flattened clauses, signature
//!    rows, the acknowledgement sheet) — the same strings the PDF prints.
//! 2. [`build`] places them with docx-rs: named styles for every kind of paragraph, one
//!    multi-level list for sections and clauses (so Word's numbers are our labels), borderless
//!    tables for the header block and the signature rows, a bordered acknowledgement table.
//!    Word paginates a DOCX itself, so there are no page frames here.
//! 3. [`package`] corrects what docx-rs cannot write or writes out of schema order (child order
//!    of property elements, the repeated header row of the acknowledgement table, the document
//!    language, core properties) and zips the parts with deflate and fixed time stamps, so that
//!    the same input always gives the same bytes.
//!
//! Text is cleaned on the way in ([`build::clean`]): characters XML 1.0 forbids are removed with
//! a [`DocxWarning`] naming where they were, line breaks become `w:br`, tabs stay tabs.

pub mod build;
pub mod package;
pub mod schema;
pub mod xml;

use jobdoc_model::Document;

/// What the caller passes in: nothing here reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocxOptions<'a> {
    /// Creation time for the document properties, RFC 3339 in UTC (`2026-01-15T09:00:00Z`).
    pub created: &'a str,
}

/// Something the export changed or could not represent, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxWarning {
    /// Where in the document: `clause 2.3.`, `title`, `section 4. heading`, …
    pub location: String,
    pub message: String,
}

/// The DOCX file and what was changed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxOutput {
    pub bytes: Vec<u8>,
    pub warnings: Vec<DocxWarning>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// `DocxOptions::created` is not an RFC 3339 UTC time stamp.
    #[error("creation time {0:?} is not an RFC 3339 UTC time stamp like 2026-01-15T09:00:00Z")]
    InvalidTimestamp(String),
    /// A part written by docx-rs could not be re-read for correction (a bug, not user input).
    #[error("cannot post-process {part}: {source}")]
    Xml {
        part: String,
        #[source]
        source: xml::XmlError,
    },
    /// Writing the zip archive failed.
    #[error("cannot write the DOCX archive: {0}")]
    Zip(#[from] zip::result::ZipError),
}

/// Exports a document as DOCX bytes.
pub fn export_docx(doc: &Document, options: &DocxOptions) -> Result<DocxOutput, DocxError> {
    let created = package::check_timestamp(options.created)?;
    let resolved = jobdoc_model::resolve::resolve(doc);
    let mut warnings = Vec::new();
    let built = build::build(&resolved, &mut warnings);
    let bytes = package::package(built, &resolved, created)?;
    Ok(DocxOutput { bytes, warnings })
}
