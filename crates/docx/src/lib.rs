//! Jobdoc's DOCX export: a document as a Word-native, editable DOCX.
//!
//! The data flow is one function, [`write_docx`], over the resolved document:
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
//! a warning naming where they were, line breaks become `w:br`, tabs stay tabs.

pub mod build;
pub mod package;
pub mod schema;
pub mod xml;

use jobdoc_model::resolve::Resolved;
use jobdoc_model::{Diagnostic, Timestamp};

/// What the caller passes in: nothing here reads a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocxOptions {
    /// Creation time for the document properties.
    pub created: Timestamp,
}

/// The DOCX file and what was changed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct DocxOutput {
    pub bytes: Vec<u8>,
    /// Characters removed (with where they were), as warnings placed by JSON Pointer.
    pub warnings: Vec<Diagnostic>,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
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

/// Writes a resolved document as DOCX bytes.
pub fn write_docx(resolved: &Resolved, options: &DocxOptions) -> Result<DocxOutput, DocxError> {
    let mut warnings = Vec::new();
    let built = build::build(resolved, &mut warnings);
    let bytes = package::package(built, resolved, options.created)?;
    Ok(DocxOutput { bytes, warnings })
}
