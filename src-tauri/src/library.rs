//! The library screen's commands: each converts, reads the clock or makes an id, and calls one
//! method of [`Shelf`] (`jobdoc_session::library`), where the decisions live. Indexing, search,
//! the replace preview and batch export run off the window's thread and report progress as
//! events (`library-index-progress`, `library-batch-progress`).

use jobdoc_library::index::{IndexProgress, UpdateReport};
use jobdoc_library::replace::ReplacePlan;
use jobdoc_library::{Listing, SearchFilter, SearchResults};
use jobdoc_session::grants::Choice;
use jobdoc_session::library::{
    BatchProgress, BatchReport, BatchRequest, KeptChange, LibraryOpened, ReplaceApplied,
    RowChanged, Shelf,
};
use jobdoc_session::settings::Settings;
use jobdoc_session::transport::Opened;
use jobdoc_session::{ApiError, Desk, SessionError};
use jobdoc_store::lock::LockOwner;
use tauri::{AppHandle, Emitter, Manager};

use crate::files::Ask;
use crate::{new_id, now};

type Shared<'a> = tauri::State<'a, Desk>;
type Library<'a> = tauri::State<'a, Shelf>;

/// Runs `job` on a blocking thread with the desk and the shelf, so that a long index build or
/// export never stalls the window.
async fn in_background<T: Send + 'static>(
    handle: &AppHandle,
    job: impl FnOnce(&AppHandle, &Desk, &Shelf) -> Result<T, SessionError> + Send + 'static,
) -> Result<T, ApiError> {
    let handle = handle.clone();
    let desk_language = handle.state::<Desk>().language();
    tauri::async_runtime::spawn_blocking(move || {
        let desk = handle.state::<Desk>();
        let shelf = handle.state::<Shelf>();
        job(&handle, &desk, &shelf).map_err(|e| desk.api_error(&e))
    })
    .await
    .map_err(|e| {
        let e = SessionError::Desktop {
            action: jobdoc_session::DesktopAction::RunInBackground,
            detail: e.to_string(),
        };
        ApiError::new(&e, desk_language)
    })?
}

fn index_progress(handle: &AppHandle) -> impl FnMut(IndexProgress) + '_ {
    move |p| {
        let _ = handle.emit("library-index-progress", p);
    }
}

/// Shows the folder dialog for a library; the chosen folder (and all under it) is granted.
#[tauri::command]
pub async fn choose_library_folder(
    handle: AppHandle,
    desk: Shared<'_>,
    title: String,
) -> Result<Option<String>, ApiError> {
    let ask = Ask::ExportFolder { folder: None };
    crate::choose_granted(
        &handle,
        &desk,
        ask,
        Choice::LibraryFolder,
        title,
        String::new(),
    )
    .await
}

// Every command that reads the library waits for an index update in progress (it holds the
// library): they all run off the window's thread.

#[tauri::command]
pub async fn library_open(handle: AppHandle, folder: String) -> Result<LibraryOpened, ApiError> {
    in_background(&handle, move |handle, desk, shelf| {
        let opened = shelf.open(desk, &folder, now())?;
        // The clause library panel finds the library's clauses too.
        handle
            .state::<jobdoc_session::docfind::ClauseLibrary>()
            .set_documents(shelf.clause_sources());
        Ok(opened)
    })
    .await
}

/// Looks at the folder again (on a timer and when the window gets the focus).
#[tauri::command]
pub async fn library_refresh(handle: AppHandle) -> Result<Listing, ApiError> {
    in_background(&handle, |_, _, shelf| shelf.refresh(now())).await
}

#[tauri::command]
pub async fn library_close(handle: AppHandle) -> Result<(), ApiError> {
    in_background(&handle, |handle, _, shelf| {
        shelf.close();
        handle
            .state::<jobdoc_session::docfind::ClauseLibrary>()
            .set_documents(Vec::new());
        Ok(())
    })
    .await
}

#[tauri::command]
pub fn remove_recent_library(desk: Shared<'_>, folder: String) -> Settings {
    desk.remove_recent_library(&folder)
}

/// Opens the library's document `path` (relative to the library) in the editor.
#[tauri::command]
pub async fn library_open_document(handle: AppHandle, path: String) -> Result<Opened, ApiError> {
    in_background(&handle, move |_, desk, shelf| {
        shelf.open_document(desk, &path, now())
    })
    .await
}

#[tauri::command]
pub async fn library_duplicate(
    handle: AppHandle,
    path: String,
    position: String,
) -> Result<RowChanged, ApiError> {
    in_background(&handle, move |_, _, shelf| {
        shelf.duplicate(&path, &position, &new_id(), now())
    })
    .await
}

#[tauri::command]
pub async fn library_rename(
    handle: AppHandle,
    path: String,
    name: String,
) -> Result<RowChanged, ApiError> {
    in_background(&handle, move |_, _, shelf| {
        shelf.rename(&path, &name, now())
    })
    .await
}

#[tauri::command]
pub async fn library_archive(handle: AppHandle, path: String) -> Result<RowChanged, ApiError> {
    in_background(&handle, move |_, _, shelf| shelf.archive(&path, now())).await
}

/// Brings the search index up to date in the background, with progress events.
#[tauri::command]
pub async fn library_update_index(handle: AppHandle) -> Result<UpdateReport, ApiError> {
    in_background(&handle, |h, _, shelf| {
        shelf.update_index(&mut index_progress(h))
    })
    .await
}

#[tauri::command]
pub async fn library_search(
    handle: AppHandle,
    query: String,
    filter: SearchFilter,
) -> Result<SearchResults, ApiError> {
    in_background(&handle, move |h, _, shelf| {
        shelf.search(&query, filter, &mut index_progress(h))
    })
    .await
}

#[tauri::command]
pub async fn library_replace_preview(
    handle: AppHandle,
    paths: Vec<String>,
    find: String,
    with: String,
) -> Result<ReplacePlan, ApiError> {
    in_background(&handle, move |_, _, shelf| {
        shelf.preview_replace(&paths, &find, &with)
    })
    .await
}

#[tauri::command]
pub async fn library_replace_apply(
    handle: AppHandle,
    kept: Vec<KeptChange>,
) -> Result<ReplaceApplied, ApiError> {
    in_background(&handle, move |_, _, shelf| {
        let now = now();
        shelf.apply_replace(&kept, &LockOwner::current(now), now)
    })
    .await
}

/// Exports the ticked documents into a folder on every core, with progress events.
#[tauri::command]
pub async fn library_batch_export(
    handle: AppHandle,
    request: BatchRequest,
) -> Result<BatchReport, ApiError> {
    in_background(&handle, move |h, desk, shelf| {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        shelf.batch_export(desk, &request, threads, &|p: BatchProgress| {
            let _ = h.emit("library-batch-progress", p);
        })
    })
    .await
}

#[tauri::command]
pub fn library_cancel_batch(shelf: Library<'_>) {
    shelf.cancel_batch();
}
