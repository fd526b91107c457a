//! Jobdoc's library: an organisation's job instructions in one folder (usually on a shared
//! drive), listed, searched and changed many at once. No GUI dependency; the app and the
//! command line call the same functions.
//!
//! - [`scan`]: [`Library`] lists every `.jobdoc` file under a folder as a [`LibraryRow`]
//!   (position, department, organisation, approval, revision, who has it open) and every file
//!   that cannot be read as a [`Problem`] with the reason. [`Library::refresh`] re-reads only
//!   the files whose fingerprint changed.
//! - [`ops`]: duplicate a document as a new position, rename it, move it to `archive/`;
//!   never overwriting anything.
//! - [`index`]: the search index, an SQLite FTS5 database of Snowball stems kept in the user's
//!   data folder, never beside the documents. It is a cache: missing, stale, damaged or of
//!   another schema, it is rebuilt.
//! - [`replace`]: find and replace across documents: a preview of every change, then saving
//!   only the changes the user kept, each document with its backup, skipping documents someone
//!   has open.
//! - [`text`]: the words of a text, their stems, snippets.
//! - [`find`]: find and replace inside one open document (the editor's Ctrl+F / Ctrl+H), with
//!   the same matcher as [`replace`].
//! - [`clauses`]: the editor's clause library: the clauses of the templates (and of any other
//!   documents) searched in memory by stems, section kind and position, and inserted.
//!
//! The library writes nothing into the library folder but documents (and, while saving one,
//! its lock and backup, through `jobdoc-store`). Time stamps are passed in.

pub mod clauses;
pub mod error;
pub mod find;
pub mod generate;
pub mod index;
pub mod ops;
pub mod replace;
pub mod scan;
pub mod text;

pub use error::LibraryError;
pub use index::{
    Hit, HitSource, Index, IndexProgress, Place, SearchFilter, SearchOptions, SearchResults,
};
pub use replace::{ApplyReport, Change, DocumentChanges, ReplacePlan};
pub use scan::{
    ApprovalKind, ApprovalSummary, Holder, Library, LibraryRow, Listing, LockState, OpenOptions,
    Problem,
};

/// The folder (under the library) that archived documents are moved into.
pub const ARCHIVE_FOLDER: &str = "archive";

/// A path relative to the library folder, with `/` between the parts, as rows show it.
pub(crate) fn relative(root: &std::path::Path, path: &std::path::Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// `rel` (as [`relative`] writes it) under `root`, refusing anything that leaves the folder.
pub(crate) fn resolve(root: &std::path::Path, rel: &str) -> Option<std::path::PathBuf> {
    let mut out = root.to_path_buf();
    for part in rel.split(['/', '\\']) {
        if part.is_empty() || part == "." || part == ".." {
            return None;
        }
        out.push(part);
    }
    Some(out)
}
