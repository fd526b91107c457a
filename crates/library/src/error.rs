//! The library's failures, each naming the file or folder.

use std::io;
use std::path::PathBuf;

use jobdoc_model::error::{io_reason, say, ErrorCode, UserError};
use jobdoc_model::{FileError, Language};
use jobdoc_store::{LockError, SaveError};

/// Why a library operation failed. Per-file failures while listing are not errors but
/// [`crate::Problem`]s beside the rows.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The library folder itself cannot be listed (missing, not a folder, no permission, the
    /// share gone).
    #[error("{}: cannot open the library folder: {source}", path.display())]
    Folder { path: PathBuf, source: io::Error },
    /// The target name is taken: nothing is ever overwritten.
    #[error("{}: a file with this name already exists; nothing was changed", path.display())]
    NameTaken { path: PathBuf },
    /// The new name is not a usable file name.
    #[error(
        "«{name}»: not a usable file name (it is empty, names a folder or leaves the library)"
    )]
    InvalidName { name: String },
    /// The search index in the data folder cannot be used even after rebuilding it.
    #[error("{}: the search index cannot be used: {reason}", path.display())]
    Index { path: PathBuf, reason: String },
    /// The query has no word to search for.
    #[error("the search query has no word to search for")]
    EmptyQuery,
    /// A document could not be read.
    #[error(transparent)]
    File(#[from] FileError),
    /// A document could not be saved.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// A document's lock stood in the way.
    #[error(transparent)]
    Lock(#[from] LockError),
    /// A file could not be moved or written.
    #[error("{}: cannot move the file to {}: {source}", from.display(), to.display())]
    Move {
        from: PathBuf,
        to: PathBuf,
        source: io::Error,
    },
}

impl UserError for LibraryError {
    fn code(&self) -> ErrorCode {
        match self {
            LibraryError::Folder { .. } => ErrorCode::LibraryFolderFailed,
            LibraryError::NameTaken { .. } => ErrorCode::NameTaken,
            LibraryError::InvalidName { .. } => ErrorCode::InvalidName,
            LibraryError::Index { .. } => ErrorCode::IndexFailed,
            LibraryError::EmptyQuery => ErrorCode::EmptyQuery,
            LibraryError::File(e) => e.code(),
            LibraryError::Save(e) => e.code(),
            LibraryError::Lock(e) => e.code(),
            LibraryError::Move { .. } => ErrorCode::WriteFailed,
        }
    }

    fn message(&self, language: Language) -> String {
        let ru = match self {
            LibraryError::Folder { path, source } => format!(
                "{}: не удаётся открыть папку библиотеки: {}",
                path.display(),
                io_reason(source, Language::Ru)
            ),
            LibraryError::NameTaken { path } => format!(
                "{}: файл с таким именем уже есть; ничего не изменено",
                path.display()
            ),
            LibraryError::InvalidName { name } => format!(
                "«{name}»: такое имя файла не подходит (оно пустое, называет папку или ведёт \
                 за пределы библиотеки)"
            ),
            // The reason is SQLite's own English text: left out of the Russian message.
            LibraryError::Index { path, .. } => format!(
                "{}: поисковым указателем нельзя воспользоваться даже после его пересоздания",
                path.display()
            ),
            LibraryError::EmptyQuery => "в поисковом запросе нет ни одного слова".to_owned(),
            LibraryError::File(e) => return e.message(language),
            LibraryError::Save(e) => return e.message(language),
            LibraryError::Lock(e) => return e.message(language),
            LibraryError::Move { from, to, source } => format!(
                "{}: не удаётся перенести файл в {}: {}",
                from.display(),
                to.display(),
                io_reason(source, Language::Ru)
            ),
        };
        say(language, ru, self.to_string())
    }
}
