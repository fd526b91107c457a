//! Jobdoc's document model.
//!
//! - [`document`]: the types a `.jobdoc` file holds (TypeScript types are generated from them);
//! - [`numbering`]: clause labels (1., 1.1., 1.1.1.), derived from position;
//! - [`validate`]: every problem of a document as data;
//! - [`file`]: reading and atomically writing `.jobdoc` files;
//! - [`error`]: the one [`ErrorCode`] list and [`UserError`], what every failure a person
//!   sees tells them, in Russian and English;
//! - [`templates`]: the built-in templates;
//! - [`resolve`]: the printable form shared by the PDF and DOCX exports;
//! - [`geometry`]: the one GOST page geometry both exports read;
//! - [`text`]: clause text with references to document fields;
//! - [`time`]: [`Timestamp`], parsed once where a time enters;
//! - [`edition`]: approved editions, frozen byte for byte; [`staff`]: the employees and who
//!   acknowledged which edition.

pub mod date;
pub mod document;
pub mod edition;
pub mod error;
pub mod file;
pub mod generate;
pub mod geometry;
pub mod numbering;
pub mod resolve;
pub mod staff;
pub mod templates;
pub mod text;
pub mod time;
pub mod validate;

pub use date::IsoDate;
pub use document::*;
pub use edition::Edition;
pub use error::{ErrorCode, UserError};
pub use file::{atomic_write, load, save, FileError};
pub use geometry::PageGeometry;
pub use staff::{Acknowledged, StaffMember};
pub use text::{Field, FieldInfo, Inline, RichText};
pub use time::{Timestamp, TimestampError};
pub use validate::{has_errors, validate, Diagnostic, DiagnosticCode, Severity};
