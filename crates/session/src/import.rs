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
