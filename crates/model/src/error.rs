//! What a person is told when something fails.
//!
//! - [`ErrorCode`]: the one list of failure kinds, shared by every crate and generated into
//!   TypeScript (`ui/src/bindings/ErrorCode.ts`), so that the UI branches on a checked type and
//!   never on message text. A code exists only because some error produces it.
//! - [`UserError`]: implemented by every library error a person can see (this crate's
//!   [`FileError`](crate::FileError), the store's lock, save and journal errors, the export's
//!   errors, the session's own). It gives the code and the message in Russian or English; the
//!   message names the file where there is one and says what to do where that helps.
//! - [`io_reason`]: an operating-system failure in words of either language.
//!
//! The English message of a library error is its `Display` text; the Russian one is written
//! beside it. Technical details that exist only in English (a PDF writer's internal failure,
//! the raw text of a damaged lock file) are left out of the Russian messages rather than mixed
//! in.

use std::fmt;
use std::io;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::document::Language;
use crate::time::Timestamp;

macro_rules! error_codes {
    ($($(#[doc = $doc:literal])+ $variant:ident,)+) => {
        /// The kind of a failure: stable, machine-readable, the same in every language.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "kebab-case")]
        pub enum ErrorCode {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl ErrorCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant,)+];
        }
    };
}

error_codes! {
    // Reading and writing documents and other files.
    /// A file could not be read (missing, no permission, a network drive gone).
    ReadFailed,
    /// A file could not be written.
    WriteFailed,
    /// The file is empty.
    EmptyFile,
    /// The file is larger than any document.
    FileTooLarge,
    /// The file is not a Jobdoc document (not text, not JSON, no schema).
    NotAJobdoc,
    /// The file ends in the middle (an interrupted save or copy).
    TruncatedFile,
    /// The file was written by a newer Jobdoc.
    NewerSchema,
    /// The file is a Jobdoc document with a field that cannot be read.
    InvalidDocument,
    // Saving safely.
    /// The file changed on disk since it was opened: ask before overwriting it.
    ChangedOnDisk,
    /// The previous version could not be kept as a backup; nothing was written.
    BackupFailed,
    // Locks.
    /// Someone else has the document open.
    Locked,
    /// A lock file exists but cannot be understood.
    LockUnreadable,
    /// Our lock was taken over by someone else.
    LockLost,
    /// No lock file could be made or removed.
    LockFailed,
    /// Taking over the lock was refused: its holder is alive.
    LockLive,
    /// The document is open read-only and cannot be saved in place.
    ReadOnly,
    /// Taking over was asked for a document that is not read-only.
    NotReadOnly,
    // The recovery journal.
    /// The recovery folder cannot be used.
    RecoveryFolderFailed,
    /// Unsaved edits could not be recorded.
    RecoveryWriteFailed,
    /// Recorded edits could not be deleted.
    RecoveryDiscardFailed,
    /// The recorded edits asked for are not (or no longer) in the journal.
    NoRecovery,
    // The editor's commands.
    /// No document is open.
    NoDocument,
    /// The document has never been saved, so it has no file.
    NoPath,
    /// No built-in template has this id.
    UnknownTemplate,
    /// A file or folder the user did not choose in a dialog.
    PathNotGranted,
    // Exports.
    /// An export was asked for without a format.
    NoFormat,
    /// The export folder does not exist.
    FolderMissing,
    /// The PDF could not be made (a writer's failure, not the document's).
    PdfFailed,
    /// The DOCX could not be made (a writer's failure, not the document's).
    DocxFailed,
    // Employees.
    /// An employee list (CSV or XLSX) cannot be read or names no employee.
    InvalidEmployeeList,
    // The library.
    /// The library folder cannot be listed (missing, not a folder, no permission).
    LibraryFolderFailed,
    /// A file with the new name already exists; nothing is overwritten.
    NameTaken,
    /// A new file name is empty, names a folder or leaves the library.
    InvalidName,
    /// The search index cannot be used, even after rebuilding it.
    IndexFailed,
    /// A search query has no word to search for.
    EmptyQuery,
    /// A library command came while no library is shown.
    NoLibrary,
    /// Find and replace was applied without a preview (or twice).
    NoReplacePreview,
    // Import of existing instructions.
    /// The file to import is damaged or holds no text (a broken ZIP, XML or RTF, a ZIP bomb).
    ImportUnreadable,
    /// The file's format is read through LibreOffice, which is not installed.
    ImportNeedsLibreOffice,
    /// LibreOffice failed or timed out converting the file to import.
    ImportConversionFailed,
    /// The file is not in a format that can be imported.
    ImportUnsupported,
    /// A paragraph of the import review cannot become what was asked (a header line, a
    /// section that is not there).
    ImportReassignRefused,
    // The desktop around the editor.
    /// A native dialog could not be shown.
    DialogFailed,
    /// The native menu could not be built.
    MenuFailed,
    /// A file or folder could not be shown in the file manager.
    OpenFailed,
    /// The print dialog could not be shown, or the printing system refused the job.
    PrintFailed,
    /// The pages to print are not pages of the document.
    InvalidPageRange,
    /// No printer is set up.
    NoPrinters,
    /// The window could not be closed.
    WindowFailed,
    // Editions, employees and their copies.
    /// Nothing changed since the last edition: there is nothing to approve.
    NothingToApprove,
    /// The history of editions was changed outside Jobdoc and is not trusted.
    HistoryDamaged,
    /// The document has no edition with this number.
    NoSuchEdition,
    /// Personal copies need an acknowledgement mark or sheet to name the employee on.
    NoAcknowledgementPlace,
    /// Personal copies or a register were asked for, but the position has no employees.
    NoEmployees,
    // Find and replace, the clause library.
    /// A clause or place a command names is not (or no longer) in the document or the clause
    /// library (it changed meanwhile).
    NotThere,
    /// A background task (indexing, a batch export) ended without an answer.
    BackgroundFailed,
}

/// A failure a person sees: its kind and what to tell them.
pub trait UserError: std::error::Error {
    fn code(&self) -> ErrorCode;
    /// The whole message in `language`: it names the file where there is one and says what to
    /// do where that helps.
    fn message(&self, language: Language) -> String;
}

/// Chooses between the two wordings of one message.
pub fn say(language: Language, ru: impl Into<String>, en: impl Into<String>) -> String {
    match language {
        Language::Ru => ru.into(),
        Language::En => en.into(),
    }
}

/// A failure the program itself describes (rather than the operating system), worded in both
/// languages. Put it inside an [`io::Error`] so that [`io_reason`] can say it in Russian too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Explained {
    pub en: &'static str,
    pub ru: &'static str,
}

impl Explained {
    pub const fn new(en: &'static str, ru: &'static str) -> Explained {
        Explained { en, ru }
    }

    /// An [`io::Error`] of `kind` carrying this explanation.
    pub fn into_io(self, kind: io::ErrorKind) -> io::Error {
        io::Error::new(kind, self)
    }
}

impl fmt::Display for Explained {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.en)
    }
}

impl std::error::Error for Explained {}

/// What went wrong in an operating-system call, in `language`. English is the system's own
/// text (as `Display` shows it); Russian is said by the kind of failure.
pub fn io_reason(e: &io::Error, language: Language) -> String {
    if let Some(explained) = e.get_ref().and_then(|i| i.downcast_ref::<Explained>()) {
        return say(language, explained.ru, explained.en);
    }
    match language {
        Language::En => e.to_string(),
        Language::Ru => io_reason_ru(e),
    }
}

fn io_reason_ru(e: &io::Error) -> String {
    use io::ErrorKind as K;
    let text = match e.kind() {
        K::NotFound => "нет такого файла или папки",
        K::PermissionDenied => "нет прав доступа",
        K::AlreadyExists => "такой файл уже есть",
        K::ReadOnlyFilesystem => "диск или папка доступны только для чтения",
        K::StorageFull => "на диске нет места",
        K::QuotaExceeded => "исчерпана дисковая квота",
        K::IsADirectory => "это папка, а не файл",
        K::NotADirectory => "часть пути — не папка",
        K::DirectoryNotEmpty => "папка не пуста",
        K::InvalidFilename => "недопустимое или слишком длинное имя файла",
        K::FileTooLarge => "файл слишком большой",
        K::ResourceBusy | K::ExecutableFileBusy => "файл занят другой программой",
        K::CrossesDevices => "файл нельзя перенести на другой диск",
        K::StaleNetworkFileHandle
        | K::NetworkDown
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::ConnectionAborted
        | K::ConnectionReset
        | K::NotConnected => "сетевой диск недоступен",
        K::TimedOut => "истекло время ожидания",
        K::Interrupted => "операция прервана",
        K::UnexpectedEof => "файл закончился раньше времени",
        K::InvalidData => "данные повреждены",
        K::InvalidInput => "недопустимый путь",
        K::Unsupported => "операция не поддерживается",
        K::OutOfMemory => "не хватает памяти",
        _ => {
            return match e.raw_os_error() {
                Some(n) => format!("ошибка ввода-вывода (код {n})"),
                None => "ошибка ввода-вывода".to_owned(),
            }
        }
    };
    text.to_owned()
}

/// An instant for a message: RFC 3339 in English (as `Display`), `28.11.2026 08:00 UTC` (or
/// `UTC+03:00`) in Russian.
pub fn when(t: Timestamp, language: Language) -> String {
    match language {
        Language::En => t.to_string(),
        Language::Ru => {
            let (date, h, m, _) = t.local();
            let zone = match t.offset_minutes() {
                0 => "UTC".to_owned(),
                o => {
                    let sign = if o < 0 { '-' } else { '+' };
                    let o = o.unsigned_abs();
                    format!("UTC{sign}{:02}:{:02}", o / 60, o % 60)
                }
            };
            format!("{} {h:02}:{m:02} {zone}", date.numeric())
        }
    }
}

/// The language the system's locale asks for, from the values of `LC_ALL`, `LC_MESSAGES`
/// and `LANG` (the first one set and not empty decides): Russian for `ru…`, else English.
/// The caller reads the environment; `var` returns a variable's value.
pub fn language_from_locale(var: impl Fn(&str) -> Option<String>) -> Language {
    let russian = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| var(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| v.starts_with("ru"));
    if russian {
        Language::Ru
    } else {
        Language::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_kebab_case_and_listed_once() {
        let names: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| {
                serde_json::to_value(c)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        assert!(names.contains(&"changed-on-disk".to_owned()), "{names:?}");
        assert!(names.contains(&"not-a-jobdoc".to_owned()), "{names:?}");
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        for name in &names {
            let back: ErrorCode = serde_json::from_value(name.as_str().into()).unwrap();
            assert_eq!(serde_json::to_value(back).unwrap(), name.as_str());
        }
    }

    #[test]
    fn system_failures_are_said_in_russian_by_kind() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(io_reason(&e, Language::Ru), "нет такого файла или папки");
        assert_eq!(io_reason(&e, Language::En), e.to_string());
        let full = io::Error::from_raw_os_error(28); // ENOSPC on Linux and macOS
        if full.kind() == io::ErrorKind::StorageFull {
            assert_eq!(io_reason(&full, Language::Ru), "на диске нет места");
            assert!(io_reason(&full, Language::En).contains("No space left"));
        }
        let odd = io::Error::other("something odd");
        assert_eq!(io_reason(&odd, Language::Ru), "ошибка ввода-вывода");
    }

    #[test]
    fn explained_failures_keep_both_wordings() {
        let e = Explained::new("the file is read-only", "файл только для чтения")
            .into_io(io::ErrorKind::PermissionDenied);
        assert_eq!(e.to_string(), "the file is read-only");
        assert_eq!(io_reason(&e, Language::En), "the file is read-only");
        assert_eq!(io_reason(&e, Language::Ru), "файл только для чтения");
    }

    #[test]
    fn times_are_written_for_each_language() {
        let t: Timestamp = "2026-11-28T08:05:00Z".parse().unwrap();
        assert_eq!(when(t, Language::En), "2026-11-28T08:05:00Z");
        assert_eq!(when(t, Language::Ru), "28.11.2026 08:05 UTC");
        let moscow: Timestamp = "2026-11-28T11:05:00+03:00".parse().unwrap();
        assert_eq!(when(moscow, Language::Ru), "28.11.2026 11:05 UTC+03:00");
    }

    #[test]
    fn the_locale_decides_the_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            language_from_locale(env(&[("LANG", "ru_RU.UTF-8")])),
            Language::Ru
        );
        assert_eq!(
            language_from_locale(env(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "ru_RU.UTF-8")])),
            Language::En
        );
        // An empty LC_ALL does not count.
        assert_eq!(
            language_from_locale(env(&[("LC_ALL", ""), ("LC_MESSAGES", "ru_RU")])),
            Language::Ru
        );
        assert_eq!(language_from_locale(env(&[])), Language::En);
        assert_eq!(
            language_from_locale(env(&[("LANG", "C.UTF-8")])),
            Language::En
        );
    }
}
