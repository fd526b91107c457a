//! Jobdoc's document model.
//!
//! - [`document`]: the types a `.jobdoc` file holds (TypeScript types are generated from them);
//! - [`numbering`]: clause labels (1., 1.1., 1.1.1.), derived from position;
//! - [`validate`]: every problem of a document as data;
//! - [`file`]: reading and atomically writing `.jobdoc` files;
//! - [`templates`]: the built-in templates;
//! - [`resolve`]: the printable form shared by the PDF and DOCX exports.

pub mod date;
pub mod document;
pub mod file;
pub mod generate;
pub mod numbering;
pub mod resolve;
pub mod templates;
pub mod validate;

pub use date::IsoDate;
pub use document::*;
pub use file::{atomic_write, load, save, FileError};
pub use validate::{has_errors, validate, Diagnostic, DiagnosticCode, Severity};
