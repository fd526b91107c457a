//! [`Shelf`]: the library screen behind the window — one library folder shown as a table
//! (`jobdoc_library::Library`, refreshed on a timer and when the window gets the focus), its
//! search index in the user's data folder, the file operations on a row (duplicate as a new
//! position, rename, archive), find and replace across the ticked documents (the preview is
//! kept here, so that applying saves exactly what the user saw, minus what they unticked),
//! and batch export of the ticked documents into a folder (`jobdoc_export::batch`, the code
//! `jobdoc batch` runs).
//!
//! The folder must have been chosen in the library dialog (or be a remembered recent
//! library): it is granted as a tree, so that the editor may then open any document under it.
//! Rows name documents by their path relative to the library; a path that leaves the folder
//! is refused by the library crate.
//!
//! Locks: the library before the index; neither is held while the desk's session is locked
//! by a call from here, except where a document is opened (the library lock only).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use jobdoc_export::batch::{self, Job, Outcome, Plan};
use jobdoc_export::Format;
use jobdoc_layout::FontSet;
use jobdoc_library::index::{Index, IndexProgress, SearchOptions, UpdateReport};
use jobdoc_library::ops::{self, DuplicateAs};
use jobdoc_library::replace::{self, ApplyReport, ReplacePlan};
use jobdoc_library::{Library, LibraryError, Listing, OpenOptions, SearchFilter, SearchResults};
use jobdoc_model::error::{say, UserError};
use jobdoc_model::{Language, Timestamp};
use jobdoc_store::LockOwner;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::desk::Desk;
use crate::error::SessionError;
use crate::transport::Opened;

/// The library shown, with what is known of its files.
struct Shown {
    library: Library,
    listing: Listing,
}

/// The library screen's state (see the module documentation). Shared by the shell's commands
/// and its background tasks, so it locks inside.
pub struct Shelf {
    /// Where search indexes live (`None`: no data folder, search is unavailable).
    data_dir: Option<PathBuf>,
    shown: Mutex<Option<Shown>>,
    /// The index of the library shown, opened on the first search or update.
    index: Mutex<Option<Index>>,
    /// The last find-and-replace preview.
    plan: Mutex<Option<ReplacePlan>>,
    /// Set by [`Shelf::cancel_batch`]; the running batch stops between documents.
    cancel: AtomicBool,
}

impl std::fmt::Debug for Shelf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shelf")
            .field("data_dir", &self.data_dir)
            .finish_non_exhaustive()
    }
}

fn locked<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A change the user kept in the find-and-replace preview: the document and the change's key.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct KeptChange {
    pub path: String,
    pub key: String,
}

/// What the batch export dialog asks for.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct BatchRequest {
    /// Documents, relative to the library folder, in the order to export them.
    pub paths: Vec<String>,
    /// The output folder (chosen in the folder dialog).
    pub folder: String,
    #[ts(type = "Array<\"pdf\" | \"docx\">")]
    pub formats: Vec<Format>,
    /// Replace files that exist already.
    pub overwrite: bool,
}

/// How far a batch export is (sent to the UI as it runs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct BatchProgress {
    pub done: u32,
    pub total: u32,
}

/// Why a document of a batch was not exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum SkipReason {
    /// Its files exist in the folder (and replacing them was not asked for).
    Exists,
    /// It could not be read or exported.
    Failed,
    /// The batch was cancelled before it started.
    Cancelled,
}

/// A document of a batch that was not exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchSkip {
    /// Relative to the library folder.
    pub path: String,
    pub reason: SkipReason,
    /// Said in the UI's language (the files that exist, or what failed).
    pub message: String,
}

/// What a batch export did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct BatchReport {
    pub folder: String,
    /// Files written, in the order of the documents.
    pub written: Vec<String>,
    pub skipped: Vec<BatchSkip>,
    /// Cancel was pressed (some documents were not started).
    pub cancelled: bool,
}

/// What an operation on a row did: the row's new path (a copy's, a renamed or archived
/// document's) and the library as it is now.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RowChanged {
    pub path: String,
    pub listing: Listing,
}

/// What applying find and replace did, and the library after.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReplaceApplied {
    pub report: ApplyReport,
    pub listing: Listing,
}

/// The library shown, after it was opened (with the recent libraries it changed).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LibraryOpened {
    pub listing: Listing,
    pub settings: crate::settings::Settings,
}

impl Shelf {
    /// The library screen with indexes kept under `data_dir`.
    pub fn new(data_dir: Option<PathBuf>) -> Shelf {
        Shelf {
            data_dir,
            shown: Mutex::new(None),
            index: Mutex::new(None),
            plan: Mutex::new(None),
            cancel: AtomicBool::new(false),
        }
    }

    fn shown(&self) -> MutexGuard<'_, Option<Shown>> {
        locked(&self.shown)
    }

    fn with_library<T>(
        &self,
        f: impl FnOnce(&mut Shown) -> Result<T, SessionError>,
    ) -> Result<T, SessionError> {
        let mut shown = self.shown();
        let shown = shown.as_mut().ok_or(SessionError::NoLibrary)?;
        f(shown)
    }

    /// Opens the library folder `folder` (chosen in the library dialog, or a recent library)
    /// and lists it; it becomes the first recent library.
    pub fn open(
        &self,
        desk: &Desk,
        folder: &str,
        now: Timestamp,
    ) -> Result<LibraryOpened, SessionError> {
        let root = desk.granted_library(folder)?;
        let opened = Library::open(&root, OpenOptions::at(now));
        let (library, listing) = match opened {
            Ok(v) => v,
            Err(e) => {
                if matches!(e, LibraryError::Folder { .. }) {
                    desk.forget_recent_library(folder);
                }
                return Err(e.into());
            }
        };
        *self.shown() = Some(Shown {
            library,
            listing: listing.clone(),
        });
        *locked(&self.index) = None;
        *locked(&self.plan) = None;
        let settings = desk.remember_library(&root);
        Ok(LibraryOpened { listing, settings })
    }

    /// The library folder shown, if any.
    pub fn root(&self) -> Option<PathBuf> {
        self.shown()
            .as_ref()
            .map(|s| s.library.root().to_path_buf())
    }

    /// Every readable document of the library, for the clause library panel (searched before
    /// the templates). Files that cannot be read are left out: the table lists them as problems.
    pub fn clause_sources(
        &self,
    ) -> Vec<(jobdoc_library::index::HitSource, jobdoc_model::Document)> {
        let Some(shown) = self.shown().as_ref().map(|s| {
            let docs = s.library.documents();
            (s.library.root().to_path_buf(), docs)
        }) else {
            return Vec::new();
        };
        let (root, docs) = shown;
        docs.into_iter()
            .filter_map(|(rel, _)| {
                let doc = jobdoc_model::file::load(&root.join(&rel)).ok()?;
                Some((
                    jobdoc_library::index::HitSource::Document { path: rel },
                    doc,
                ))
            })
            .collect()
    }

    /// Looks at the folder again: changed files are read again, locks afresh.
    pub fn refresh(&self, now: Timestamp) -> Result<Listing, SessionError> {
        self.with_library(|s| {
            s.listing = s.library.refresh(Some(now))?;
            Ok(s.listing.clone())
        })
    }

    /// The listing as last read (no look at the folder).
    pub fn listing(&self) -> Result<Listing, SessionError> {
        self.with_library(|s| Ok(s.listing.clone()))
    }

    /// Leaves the library screen's folder (the index is closed; nothing is written).
    pub fn close(&self) {
        *self.shown() = None;
        *locked(&self.index) = None;
        *locked(&self.plan) = None;
    }

    /// The absolute path of the document `rel`.
    pub fn document_path(&self, rel: &str) -> Result<PathBuf, SessionError> {
        self.with_library(|s| {
            s.library
                .path_of(rel)
                .ok_or_else(|| LibraryError::InvalidName { name: rel.into() }.into())
        })
    }

    /// Opens the library's document `rel` in the editor (the desk's open flow).
    pub fn open_document(
        &self,
        desk: &Desk,
        rel: &str,
        now: Timestamp,
    ) -> Result<Opened, SessionError> {
        let path = self.document_path(rel)?;
        desk.open(&path.display().to_string(), now)
    }

    // Operations on a row

    /// Copies the document `rel` as a new position beside it (file name from the position,
    /// made unique; title form derived from the position in the document's language).
    pub fn duplicate(
        &self,
        rel: &str,
        position: &str,
        id: &str,
        now: Timestamp,
    ) -> Result<RowChanged, SessionError> {
        let position = position.trim();
        if position.is_empty() {
            return Err(LibraryError::InvalidName {
                name: position.into(),
            }
            .into());
        }
        self.with_library(|s| {
            let language = s
                .listing
                .rows
                .iter()
                .find(|r| r.path == rel)
                .map_or(Language::Ru, |r| r.language);
            let lang = match language {
                Language::Ru => jobdoc_morph::Lang::Ru,
                Language::En => jobdoc_morph::Lang::En,
            };
            let new = DuplicateAs {
                position: position.to_owned(),
                title_form: jobdoc_morph::title_form(position, lang).text,
                id: id.to_owned(),
                file_name: None,
            };
            let path = ops::duplicate(&mut s.library, rel, &new, now)?;
            s.listing = s.library.refresh(Some(now))?;
            Ok(RowChanged {
                path,
                listing: s.listing.clone(),
            })
        })
    }

    /// Renames the document `rel` within its folder (`.jobdoc` is added when missing).
    pub fn rename(
        &self,
        rel: &str,
        new_name: &str,
        now: Timestamp,
    ) -> Result<RowChanged, SessionError> {
        self.with_library(|s| {
            let path = ops::rename(&mut s.library, rel, new_name.trim())?;
            s.listing = s.library.refresh(Some(now))?;
            Ok(RowChanged {
                path,
                listing: s.listing.clone(),
            })
        })
    }

    /// Moves the document `rel` into the library's `archive/` folder.
    pub fn archive(&self, rel: &str, now: Timestamp) -> Result<RowChanged, SessionError> {
        self.with_library(|s| {
            let path = ops::archive(&mut s.library, rel)?;
            s.listing = s.library.refresh(Some(now))?;
            Ok(RowChanged {
                path,
                listing: s.listing.clone(),
            })
        })
    }

    // Search

    fn index_for<'a>(
        &self,
        index: &'a mut Option<Index>,
        root: &Path,
    ) -> Result<&'a mut Index, SessionError> {
        if index.is_none() {
            let data = self
                .data_dir
                .as_deref()
                .ok_or_else(|| LibraryError::Index {
                    path: PathBuf::new(),
                    reason: "there is no user data folder for the search index".into(),
                })?;
            *index = Some(Index::open(data, root)?);
        }
        Ok(index.as_mut().expect("opened above"))
    }

    /// Brings the index of the library shown up to date (in the background: the shell runs it
    /// off the window's thread), reporting progress.
    pub fn update_index(
        &self,
        progress: &mut dyn FnMut(IndexProgress),
    ) -> Result<UpdateReport, SessionError> {
        let shown = self.shown();
        let shown = shown.as_ref().ok_or(SessionError::NoLibrary)?;
        let mut index = locked(&self.index);
        let index = self.index_for(&mut index, shown.library.root())?;
        Ok(index.update(&shown.library, progress)?)
    }

    /// Searches the library shown and (unless `filter` leaves them out) the built-in templates.
    /// The index is brought up to date first (quick when nothing changed).
    pub fn search(
        &self,
        query: &str,
        filter: SearchFilter,
        progress: &mut dyn FnMut(IndexProgress),
    ) -> Result<SearchResults, SessionError> {
        let shown = self.shown();
        let shown = shown.as_ref().ok_or(SessionError::NoLibrary)?;
        let mut index = locked(&self.index);
        let index = self.index_for(&mut index, shown.library.root())?;
        index.update(&shown.library, progress)?;
        Ok(index.search(query, &SearchOptions::from(filter), progress)?)
    }

    // Find and replace across documents

    /// What replacing `find` by `with` would change in the documents `paths` (all when empty);
    /// kept for [`Shelf::apply_replace`].
    pub fn preview_replace(
        &self,
        paths: &[String],
        find: &str,
        with: &str,
    ) -> Result<ReplacePlan, SessionError> {
        if find.is_empty() {
            return Err(LibraryError::EmptyQuery.into());
        }
        self.with_library(|s| {
            let plan = replace::preview(&s.library, paths, find, with);
            *locked(&self.plan) = Some(plan.clone());
            Ok(plan)
        })
    }

    /// Saves the changes of the last preview that the user kept (each document atomically,
    /// with its backup; documents someone has open, or that changed since the preview, are
    /// skipped and listed), then lists the library again.
    pub fn apply_replace(
        &self,
        kept: &[KeptChange],
        me: &LockOwner,
        now: Timestamp,
    ) -> Result<ReplaceApplied, SessionError> {
        let plan = locked(&self.plan)
            .take()
            .ok_or(SessionError::NoReplacePreview)?;
        let keep: HashSet<(String, String)> = kept
            .iter()
            .map(|k| (k.path.clone(), k.key.clone()))
            .collect();
        self.with_library(|s| {
            let report = replace::apply(&s.library, &plan, Some(&keep), me, now);
            s.listing = s.library.refresh(Some(now))?;
            Ok(ReplaceApplied {
                report,
                listing: s.listing.clone(),
            })
        })
    }

    // Batch export

    /// Stops the running batch export between documents (those started finish).
    pub fn cancel_batch(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// Exports the documents of `request` into its folder (granted by the folder dialog) on
    /// every core, each file written atomically; `progress` after each document. The folder
    /// becomes the last export folder.
    pub fn batch_export(
        &self,
        desk: &Desk,
        request: &BatchRequest,
        threads: usize,
        progress: &(dyn Fn(BatchProgress) + Sync),
    ) -> Result<BatchReport, SessionError> {
        if request.formats.is_empty() {
            return Err(SessionError::NoFormat);
        }
        let folder = desk.granted(&request.folder)?;
        if !folder.is_dir() {
            return Err(SessionError::FolderMissing { folder });
        }
        let language = desk.language();
        let sources: Vec<(String, PathBuf)> = self.with_library(|s| {
            request
                .paths
                .iter()
                .map(|rel| {
                    s.library
                        .path_of(rel)
                        .map(|p| (rel.clone(), p))
                        .ok_or_else(|| LibraryError::InvalidName { name: rel.clone() }.into())
                })
                .collect()
        })?;
        self.cancel.store(false, Ordering::SeqCst);
        let mut jobs = Vec::new();
        let mut rel_of_job = Vec::new();
        let mut report = BatchReport {
            folder: folder.display().to_string(),
            ..BatchReport::default()
        };
        for (rel, path) in &sources {
            match jobdoc_model::file::load(path) {
                Ok(document) => {
                    jobs.push(Job {
                        source: path.clone(),
                        document,
                        recipient: None,
                    });
                    rel_of_job.push(rel.clone());
                }
                Err(e) => report.skipped.push(BatchSkip {
                    path: rel.clone(),
                    reason: SkipReason::Failed,
                    message: e.message(language),
                }),
            }
        }
        let plan = Plan {
            formats: request.formats.clone(),
            out_dir: folder.clone(),
            pattern: None,
            threads: threads.max(1),
            overwrite: request.overwrite,
        };
        let total = sources.len() as u32;
        let failed_early = report.skipped.len() as u32;
        let ran = batch::run(
            &jobs,
            &plan,
            FontSet::bundled(),
            &self.cancel,
            &|done, _| {
                progress(BatchProgress {
                    done: failed_early + done as u32,
                    total,
                })
            },
        );
        for (rel, (_, outcome)) in rel_of_job.iter().zip(ran.results) {
            match outcome {
                Outcome::Written(files) => {
                    for f in files {
                        desk.grant_file(&f);
                        report.written.push(f.display().to_string());
                    }
                }
                Outcome::Exists(files) => {
                    let names: Vec<String> =
                        files.iter().map(|f| f.display().to_string()).collect();
                    report.skipped.push(BatchSkip {
                        path: rel.clone(),
                        reason: SkipReason::Exists,
                        message: say(
                            language,
                            format!("файлы уже есть: {}", names.join(", ")),
                            format!("the files exist: {}", names.join(", ")),
                        ),
                    });
                }
                Outcome::Failed(why) => report.skipped.push(BatchSkip {
                    path: rel.clone(),
                    reason: SkipReason::Failed,
                    message: why,
                }),
                Outcome::Cancelled => {
                    report.cancelled = true;
                    report.skipped.push(BatchSkip {
                        path: rel.clone(),
                        reason: SkipReason::Cancelled,
                        message: say(
                            language,
                            "не начат: экспорт отменён".to_owned(),
                            "not started: the export was cancelled".to_owned(),
                        ),
                    });
                }
            }
        }
        report.skipped.sort_by_key(|s| {
            request
                .paths
                .iter()
                .position(|p| *p == s.path)
                .unwrap_or(usize::MAX)
        });
        if !report.written.is_empty() {
            desk.remember_export_folder(&folder);
        }
        Ok(report)
    }
}

// What the desk lends the library screen: the path grants and the settings.
impl Desk {
    /// `folder` as a library folder the user chose (the library dialog, a recent library).
    pub(crate) fn granted_library(&self, folder: &str) -> Result<PathBuf, SessionError> {
        self.grants.check_library(folder, &self.settings())
    }

    /// `path` if granted (a dialog's choice, or remembered).
    pub(crate) fn granted(&self, path: &str) -> Result<PathBuf, SessionError> {
        self.grants.check(path, &self.settings())
    }

    pub(crate) fn grant_file(&self, path: &Path) {
        self.grants.grant(path);
    }

    /// Makes `root` the first recent library; the settings after.
    pub(crate) fn remember_library(&self, root: &Path) -> crate::settings::Settings {
        let shown = root.display().to_string();
        self.update_settings(|s| s.add_recent_library(&shown))
    }

    pub(crate) fn forget_recent_library(&self, folder: &str) {
        self.update_settings(|s| s.remove_recent_library(folder));
    }

    pub(crate) fn remember_export_folder(&self, folder: &Path) {
        let shown = folder.display().to_string();
        self.update_settings(|s| s.last_export_dir = Some(shown));
    }

    /// Takes `folder` off the recent libraries; the settings after.
    pub fn remove_recent_library(&self, folder: &str) -> crate::settings::Settings {
        self.update_settings(|s| s.remove_recent_library(folder))
    }
}
