//! [`SessionError`]: every way an editor command can fail, typed; and [`ApiError`], the
//! `{code, message}` form in which a failure reaches the UI, its message in the UI's language.

use std::path::PathBuf;

use jobdoc_export::{ExportError, WriteError};
use jobdoc_model::error::{say, ErrorCode, UserError};
use jobdoc_model::{FileError, Language};
use jobdoc_store::{JournalError, LockError, SaveError};
use serde::Serialize;
use ts_rs::TS;

use crate::session::ReadOnly;

/// Why an editor command failed. The library errors it wraps say their own message; the
/// session's and the desk's own failures are worded here, in both languages.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Write(#[from] WriteError),
    /// A file to import could not be read or recognised.
    #[error("{}: {error}", path.display())]
    Import {
        path: PathBuf,
        error: jobdoc_import::ImportError,
    },
    /// The start screen is showing.
    #[error("no document is open")]
    NoDocument,
    /// A never-saved document has no file to save in place, reload or lock.
    #[error("the document has not been saved yet")]
    NoPath,
    /// The document cannot be saved in place: someone else has the file (or took our lock).
    /// The lock's message names the file.
    #[error("{}; the document is open read-only: save it under another name", read_only.message_en)]
    ReadOnly {
        path: PathBuf,
        read_only: Box<ReadOnly>,
    },
    /// Taking over was asked for a document that is not read-only.
    #[error("the document is not read-only")]
    NotReadOnly,
    /// Taking over was refused: the lock's holder is alive. The lock's message names the file.
    #[error("{}; they are still working on it, so the lock cannot be taken over", read_only.message_en)]
    LockLive {
        path: PathBuf,
        read_only: Box<ReadOnly>,
    },
    #[error("there is no template `{id}`")]
    UnknownTemplate { id: String },
    /// The editor runs without a recovery journal (its folder could not be made).
    #[error("there is no recovery journal")]
    NoJournal,
    /// The unsaved edits asked for are gone (restored or discarded meanwhile).
    #[error("these unsaved changes are no longer in the recovery journal")]
    RecoveryGone,
    #[error("choose PDF, DOCX or both")]
    NoFormat,
    #[error("{}: the folder does not exist", folder.display())]
    FolderMissing { folder: PathBuf },
    /// A path the user did not choose in a dialog.
    #[error("{path}: choose this file or folder in a dialog first")]
    PathNotGranted { path: String },
    /// A file or folder to show in the file manager is not there.
    #[error("{}: no such file or folder", path.display())]
    NothingToShow { path: PathBuf },
    /// The desktop around the editor failed (a dialog, the menu, the file manager, printing,
    /// the window); `detail` is the platform's own text.
    #[error("{}: {detail}", action.english())]
    Desktop {
        action: DesktopAction,
        detail: String,
    },
    /// An employee list could not be read (it names the row and the column).
    #[error(transparent)]
    Roster(#[from] jobdoc_roster::RosterError),
    /// A register or a personal copy could not be made or written (`error` is the writer's
    /// own English text).
    #[error("{}: {error}", path.display())]
    NotWritten { path: PathBuf, error: String },
    #[error("nothing changed since edition {edition}; there is nothing to approve")]
    NothingToApprove { edition: u32 },
    #[error("the history of editions was changed outside Jobdoc (edition {edition}); it cannot be trusted, and no edition is approved or opened")]
    HistoryDamaged { edition: u32 },
    #[error("the document has no edition {edition}")]
    NoSuchEdition { edition: u32 },
    #[error("the document has neither an acknowledgement mark nor a sheet to name the employee on: turn one on under Acknowledgement")]
    NoAcknowledgementPlace,
    #[error("no employees are listed for the position: add them under Employees first")]
    NoEmployees,
    /// A clause of the clause library, or a place in the document to insert at, that is not
    /// there (the document or the library changed meanwhile).
    #[error("«{what}» is no longer there; search again")]
    NotThere { what: String },
    /// A library operation failed (the library says its own message).
    #[error(transparent)]
    Library(#[from] jobdoc_library::LibraryError),
    /// A library command came while no library is shown.
    #[error("no library is open: open a library folder first")]
    NoLibrary,
    /// Find and replace was applied without a preview to apply (or a second time).
    #[error("there is no find-and-replace preview to apply: preview the changes again")]
    NoReplacePreview,
    /// The import review could not re-assign a paragraph.
    #[error(transparent)]
    Reassign(#[from] jobdoc_import::ReassignError),
    /// The pages to print are not pages of the document.
    #[error("«{pages}» names no pages of this document (it has {count}): write them like 1-3, 5")]
    InvalidPages { pages: String, count: usize },
    /// CUPS lists no printer.
    #[error("no printer is set up: add one in the system's printer settings")]
    NoPrinters,
    /// `lpstat` or `lp` failed (`missing`: it is not installed); `detail` is its own
    /// (English) text.
    #[error("the printing system did not take the job: {detail}")]
    PrintCommand { detail: String, missing: bool },
}

/// What the shell asked of the desktop when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DesktopAction {
    ShowDialog,
    BuildMenu,
    ShowInFileManager,
    Print,
    CloseWindow,
    /// A background task (indexing, a batch export) ended without an answer.
    RunInBackground,
}

impl DesktopAction {
    fn english(self) -> &'static str {
        match self {
            DesktopAction::ShowDialog => "cannot show the dialog",
            DesktopAction::BuildMenu => "cannot build the menu",
            DesktopAction::ShowInFileManager => "cannot show it in the file manager",
            DesktopAction::Print => "cannot open the print dialog",
            DesktopAction::CloseWindow => "cannot close the window",
            DesktopAction::RunInBackground => "the background task ended unexpectedly",
        }
    }

    /// Said without the platform's (English) detail.
    fn russian(self) -> &'static str {
        match self {
            DesktopAction::ShowDialog => "не удалось показать окно выбора файла",
            DesktopAction::BuildMenu => "не удалось построить меню",
            DesktopAction::ShowInFileManager => "не удалось показать это в диспетчере файлов",
            DesktopAction::Print => "не удалось открыть окно печати",
            DesktopAction::CloseWindow => "не удалось закрыть окно",
            DesktopAction::RunInBackground => "фоновая задача неожиданно прервалась",
        }
    }

    fn code(self) -> ErrorCode {
        match self {
            DesktopAction::ShowDialog => ErrorCode::DialogFailed,
            DesktopAction::BuildMenu => ErrorCode::MenuFailed,
            DesktopAction::ShowInFileManager => ErrorCode::OpenFailed,
            DesktopAction::Print => ErrorCode::PrintFailed,
            DesktopAction::CloseWindow => ErrorCode::WindowFailed,
            DesktopAction::RunInBackground => ErrorCode::BackgroundFailed,
        }
    }
}

impl SessionError {
    /// The Russian message of the session's own failures (a wrapped library error says its
    /// own).
    fn russian(&self) -> String {
        match self {
            SessionError::NoDocument => "нет открытого документа".to_owned(),
            SessionError::NoPath => "документ ещё не сохранён".to_owned(),
            SessionError::ReadOnly { read_only, .. } => format!(
                "{}; документ открыт только для чтения — сохраните его под другим именем",
                read_only.message_ru
            ),
            SessionError::NotReadOnly => {
                "документ не открыт только для чтения — перехватывать нечего".to_owned()
            }
            SessionError::LockLive { read_only, .. } => format!(
                "{}; этот пользователь ещё работает с документом, перехватить блокировку нельзя",
                read_only.message_ru
            ),
            SessionError::UnknownTemplate { id } => format!("шаблона «{id}» нет"),
            SessionError::NoJournal => {
                "журнал восстановления недоступен: его папку не удалось создать".to_owned()
            }
            SessionError::RecoveryGone => {
                "этих несохранённых изменений уже нет в журнале восстановления".to_owned()
            }
            SessionError::NoFormat => "выберите PDF, DOCX или оба формата".to_owned(),
            SessionError::FolderMissing { folder } => {
                format!("{}: такой папки нет", folder.display())
            }
            SessionError::PathNotGranted { path } => {
                format!("{path}: сначала выберите этот файл или папку в окне выбора")
            }
            SessionError::NothingToShow { path } => {
                format!("{}: нет такого файла или папки", path.display())
            }
            SessionError::Desktop { action, .. } => action.russian().to_owned(),
            SessionError::Roster(e) => e.message(Language::Ru),
            SessionError::NotWritten { path, .. } => {
                format!("{}: не удалось создать или записать файл", path.display())
            }
            SessionError::NothingToApprove { edition } => {
                format!("текст не менялся после редакции {edition}; утверждать нечего")
            }
            SessionError::HistoryDamaged { edition } => format!(
                "история редакций изменена вне Jobdoc (редакция {edition}); ей нельзя доверять, новая редакция не утверждается и не открывается"
            ),
            SessionError::NoSuchEdition { edition } => format!("в документе нет редакции {edition}"),
            SessionError::NoAcknowledgementPlace => "в документе нет ни отметки, ни листа ознакомления, на которых можно указать работника: включите их в разделе «Ознакомление»".to_owned(),
            SessionError::NoEmployees => "для должности не указано ни одного работника: сначала добавьте их в разделе «Работники»".to_owned(),
            SessionError::NotThere { what } => format!("«{what}» уже нет — найдите снова"),
            SessionError::File(e) => e.message(Language::Ru),
            SessionError::Save(e) => e.message(Language::Ru),
            SessionError::Lock(e) => e.message(Language::Ru),
            SessionError::Journal(e) => e.message(Language::Ru),
            SessionError::Import { path, error } => {
                format!("{}: {}", path.display(), error.message(Language::Ru))
            }
            SessionError::Export(e) => e.message(Language::Ru),
            SessionError::Write(e) => e.message(Language::Ru),
            SessionError::Library(e) => e.message(Language::Ru),
            SessionError::NoLibrary => {
                "библиотека не открыта: сначала откройте папку библиотеки".to_owned()
            }
            SessionError::NoReplacePreview => {
                "нет просмотра замены, который можно применить: просмотрите изменения ещё раз"
                    .to_owned()
            }
            SessionError::Reassign(e) => e.message(Language::Ru),
            SessionError::InvalidPages { pages, count } => format!(
                "«{pages}» — не страницы этого документа (в нём {count}): укажите их так: 1-3, 5"
            ),
            SessionError::NoPrinters => {
                "не настроено ни одного принтера: добавьте принтер в настройках системы".to_owned()
            }
            // Said without the command's (English) detail.
            SessionError::PrintCommand { missing: true, .. } => {
                "не установлены программы системы печати: установите клиент печати из пакетов системы".to_owned()
            }
            SessionError::PrintCommand { .. } => "система печати не приняла задание".to_owned(),
        }
    }
}

impl UserError for SessionError {
    fn code(&self) -> ErrorCode {
        match self {
            SessionError::File(e) => e.code(),
            SessionError::Save(e) => e.code(),
            SessionError::Lock(e) => e.code(),
            SessionError::Journal(e) => e.code(),
            SessionError::Export(e) => e.code(),
            SessionError::Write(e) => e.code(),
            SessionError::Import { error, .. } => error.code(),
            SessionError::NoDocument => ErrorCode::NoDocument,
            SessionError::NoPath => ErrorCode::NoPath,
            SessionError::ReadOnly { .. } => ErrorCode::ReadOnly,
            SessionError::NotReadOnly => ErrorCode::NotReadOnly,
            SessionError::LockLive { .. } => ErrorCode::LockLive,
            SessionError::UnknownTemplate { .. } => ErrorCode::UnknownTemplate,
            SessionError::NoJournal | SessionError::RecoveryGone => ErrorCode::NoRecovery,
            SessionError::NoFormat => ErrorCode::NoFormat,
            SessionError::FolderMissing { .. } => ErrorCode::FolderMissing,
            SessionError::PathNotGranted { .. } => ErrorCode::PathNotGranted,
            SessionError::NothingToShow { .. } => ErrorCode::OpenFailed,
            SessionError::Desktop { action, .. } => action.code(),
            SessionError::Roster(e) => UserError::code(e),
            SessionError::NotWritten { .. } => ErrorCode::WriteFailed,
            SessionError::NothingToApprove { .. } => ErrorCode::NothingToApprove,
            SessionError::HistoryDamaged { .. } => ErrorCode::HistoryDamaged,
            SessionError::NoSuchEdition { .. } => ErrorCode::NoSuchEdition,
            SessionError::NoAcknowledgementPlace => ErrorCode::NoAcknowledgementPlace,
            SessionError::NoEmployees => ErrorCode::NoEmployees,
            SessionError::NotThere { .. } => ErrorCode::NotThere,
            SessionError::Library(e) => e.code(),
            SessionError::NoLibrary => ErrorCode::NoLibrary,
            SessionError::NoReplacePreview => ErrorCode::NoReplacePreview,
            SessionError::Reassign(e) => e.code(),
            SessionError::InvalidPages { .. } => ErrorCode::InvalidPageRange,
            SessionError::NoPrinters => ErrorCode::NoPrinters,
            SessionError::PrintCommand { .. } => ErrorCode::PrintFailed,
        }
    }

    fn message(&self, language: Language) -> String {
        match self {
            SessionError::File(e) => e.message(language),
            SessionError::Save(e) => e.message(language),
            SessionError::Lock(e) => e.message(language),
            SessionError::Journal(e) => e.message(language),
            SessionError::Export(e) => e.message(language),
            SessionError::Import { path, error } => {
                format!("{}: {}", path.display(), error.message(language))
            }
            SessionError::Write(e) => e.message(language),
            SessionError::Roster(e) => UserError::message(e, language),
            SessionError::Library(e) => e.message(language),
            SessionError::Reassign(e) => e.message(language),
            _ => say(language, self.russian(), self.to_string()),
        }
    }
}

/// A failure as the UI sees it: a stable `code` to branch on and a message for people, in the
/// UI's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
}

impl ApiError {
    /// `error` for the UI, its message in `language`.
    pub fn new(error: &dyn UserError, language: Language) -> ApiError {
        ApiError {
            code: error.code(),
            message: error.message(language),
        }
    }
}
