//! Which paths the web view may name.
//!
//! The web view never invents a path: it asks the shell to show a dialog, and only paths the
//! user picked there (or gave on the command line, or that the app itself remembers — recent
//! files, the last export folder, files it just exported) are accepted by the commands that
//! read or write files. A buggy or compromised page cannot make the app touch anything else.
//! The dialogs are the shell's; the policy is here, where it is tested without a window.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::SessionError;
use crate::settings::Settings;

/// Paths granted in this run.
#[derive(Debug, Default)]
pub struct Grants {
    paths: Mutex<HashSet<PathBuf>>,
    /// Library folders chosen in this run: the folder and everything under it.
    trees: Mutex<HashSet<PathBuf>>,
}

/// The same file named the same way (relative paths made absolute, `.` removed).
pub fn normalise(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// What a dialog was shown for; it decides what a chosen path becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// A `.jobdoc` file to open.
    OpenDocument,
    /// Where to save a `.jobdoc` file.
    SaveDocument,
    /// A folder for exports.
    ExportFolder,
    /// An employee list (CSV or XLSX) to import.
    StaffList,
    /// A library folder: the folder and every file under it.
    LibraryFolder,
}

/// `path` lies under `tree` (or is it), written without `..` (which could climb out).
fn under(path: &Path, tree: &Path) -> bool {
    !path
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
        && path.starts_with(tree)
}

impl Grants {
    pub fn grant(&self, path: &Path) {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(normalise(path));
    }

    /// The path the user chose in a dialog shown for `choice`, granted: a file to save gets
    /// the `.jobdoc` extension when the user typed a name without it.
    pub fn chosen(&self, choice: Choice, path: PathBuf) -> PathBuf {
        let path = match choice {
            Choice::SaveDocument => with_jobdoc_extension(path),
            Choice::OpenDocument
            | Choice::ExportFolder
            | Choice::StaffList
            | Choice::LibraryFolder => path,
        };
        if choice == Choice::LibraryFolder {
            self.grant_tree(&path);
        }
        self.grant(&path);
        path
    }

    /// Grants the folder `path` and everything under it.
    pub fn grant_tree(&self, path: &Path) {
        self.trees
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(normalise(path));
    }

    /// `folder` if it was chosen as a library folder in this run or is a recent library in
    /// `settings` (the folder itself, not one inside it).
    pub fn check_library(
        &self,
        folder: &str,
        settings: &Settings,
    ) -> Result<PathBuf, SessionError> {
        let wanted = normalise(Path::new(folder));
        let chosen = self
            .trees
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&wanted);
        let remembered = settings
            .recent_libraries
            .iter()
            .any(|p| normalise(Path::new(p)) == wanted);
        if chosen || remembered {
            self.grant_tree(&wanted);
            Ok(wanted)
        } else {
            Err(SessionError::PathNotGranted {
                path: folder.to_owned(),
            })
        }
    }

    /// `path` if the user chose it in this run or the app remembers it in `settings`.
    pub fn check(&self, path: &str, settings: &Settings) -> Result<PathBuf, SessionError> {
        let wanted = normalise(Path::new(path));
        let granted = self
            .paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&wanted)
            || self
                .trees
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .iter()
                .any(|tree| under(&wanted, tree));
        let remembered = settings
            .recent
            .iter()
            .chain(settings.last_export_dir.iter())
            .any(|p| normalise(Path::new(p)) == wanted);
        if granted || remembered {
            Ok(wanted)
        } else {
            Err(SessionError::PathNotGranted {
                path: path.to_owned(),
            })
        }
    }
}

fn with_jobdoc_extension(path: PathBuf) -> PathBuf {
    let has = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jobdoc"));
    if has {
        path
    } else {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".jobdoc");
        path.with_file_name(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobdoc_model::{ErrorCode, Language, UserError};

    #[test]
    fn only_granted_or_remembered_paths_pass() {
        let grants = Grants::default();
        let mut settings = Settings::default();
        let err = grants.check("/etc/passwd", &settings).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PathNotGranted);
        assert_eq!(
            err.message(Language::En),
            "/etc/passwd: choose this file or folder in a dialog first"
        );
        assert_eq!(
            err.message(Language::Ru),
            "/etc/passwd: сначала выберите этот файл или папку в окне выбора"
        );

        grants.grant(Path::new("/share/a.jobdoc"));
        assert_eq!(
            grants.check("/share/a.jobdoc", &settings).unwrap(),
            PathBuf::from("/share/a.jobdoc")
        );
        // The same file spelled differently is the same grant; a neighbour is not.
        assert!(grants.check("/share/./a.jobdoc", &settings).is_ok());
        assert!(grants.check("/share/b.jobdoc", &settings).is_err());
        assert!(grants.check("/share", &settings).is_err());

        // What the app itself remembers counts as chosen.
        settings.add_recent("/docs/recent.jobdoc");
        settings.last_export_dir = Some("/exports".into());
        assert!(grants.check("/docs/recent.jobdoc", &settings).is_ok());
        assert!(grants.check("/exports", &settings).is_ok());
        assert!(grants.check("/exports/other", &settings).is_err());
        assert!(grants.check("https://example.com", &settings).is_err());
    }

    #[test]
    fn a_chosen_path_is_granted_and_saved_documents_get_the_jobdoc_extension() {
        let grants = Grants::default();
        let settings = Settings::default();
        assert_eq!(
            grants.chosen(Choice::SaveDocument, PathBuf::from("/d/Менеджер")),
            PathBuf::from("/d/Менеджер.jobdoc")
        );
        assert!(grants.check("/d/Менеджер.jobdoc", &settings).is_ok());
        assert!(grants.check("/d/Менеджер", &settings).is_err());
        assert_eq!(
            grants.chosen(Choice::SaveDocument, PathBuf::from("/d/a.JOBDOC")),
            PathBuf::from("/d/a.JOBDOC")
        );
        assert_eq!(
            grants.chosen(Choice::SaveDocument, PathBuf::from("/d/v1.2")),
            PathBuf::from("/d/v1.2.jobdoc")
        );
        // A folder or a file to open stays as chosen.
        assert_eq!(
            grants.chosen(Choice::ExportFolder, PathBuf::from("/exports/v1.2")),
            PathBuf::from("/exports/v1.2")
        );
        assert_eq!(
            grants.chosen(Choice::OpenDocument, PathBuf::from("/d/notes.txt")),
            PathBuf::from("/d/notes.txt")
        );
        assert!(grants.check("/exports/v1.2", &settings).is_ok());
    }

    #[test]
    fn a_library_folder_grants_everything_under_it_and_nothing_outside() {
        let grants = Grants::default();
        let mut settings = Settings::default();
        assert!(grants.check_library("/share/lib", &settings).is_err());
        grants.chosen(Choice::LibraryFolder, PathBuf::from("/share/lib"));
        assert!(grants.check_library("/share/lib", &settings).is_ok());
        assert!(grants.check("/share/lib/HR/a.jobdoc", &settings).is_ok());
        assert!(grants
            .check("/share/lib/archive/b.jobdoc", &settings)
            .is_ok());
        assert!(grants.check("/share/library.jobdoc", &settings).is_err());
        assert!(grants
            .check("/share/lib/../secret.jobdoc", &settings)
            .is_err());
        assert!(grants.check("/share/other/a.jobdoc", &settings).is_err());
        // Only the folder itself opens as a library, not one inside it.
        assert!(grants.check_library("/share/lib/HR", &settings).is_err());

        // A recent library is as good as chosen, and opening it grants its files.
        let fresh = Grants::default();
        assert!(fresh.check("/s/old/a.jobdoc", &settings).is_err());
        settings.add_recent_library("/s/old");
        assert!(fresh.check_library("/s/old", &settings).is_ok());
        assert!(fresh.check("/s/old/a.jobdoc", &settings).is_ok());
    }
}
