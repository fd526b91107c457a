//! Find and replace in the open document and the clause library panel: commands that convert
//! and delegate to `jobdoc_session::docfind`.

use jobdoc_library::clauses::{CatalogPosition, ClauseQuery, ClauseResults, InsertAt};
use jobdoc_library::find::FindResult;
use jobdoc_library::replace::MatchRules;
use jobdoc_session::docfind::{ClauseLibrary, Inserted, RenameOffer, Replaced};
use jobdoc_session::ApiError;

use crate::{now_ms, reply, Shared};

type Clauses<'a> = tauri::State<'a, ClauseLibrary>;

/// Every match of `find` in the open document.
#[tauri::command]
pub fn find_in_document(
    desk: Shared<'_>,
    find: String,
    rules: MatchRules,
) -> Result<FindResult, ApiError> {
    reply(&desk, desk.find(&find, rules))
}

/// Replaces every match (one undo step).
#[tauri::command]
pub fn replace_all_in_document(
    desk: Shared<'_>,
    find: String,
    with: String,
    rules: MatchRules,
) -> Result<Replaced, ApiError> {
    reply(&desk, desk.replace_all(&find, &with, rules, now_ms()))
}

/// Replaces match number `index` of `find_in_document`'s list.
#[tauri::command]
pub fn replace_one_in_document(
    desk: Shared<'_>,
    find: String,
    with: String,
    rules: MatchRules,
    index: u32,
) -> Result<Replaced, ApiError> {
    reply(
        &desk,
        desk.replace_one(&find, &with, rules, index, now_ms()),
    )
}

/// Clauses of the templates (and added documents) matching `query`. Async: the first call
/// builds the catalogue, off the main thread.
#[tauri::command]
pub async fn search_clauses(clauses: Clauses<'_>, query: ClauseQuery) -> Result<ClauseResults, ()> {
    Ok(clauses.search(&query))
}

/// The positions the clause library's clauses come from.
#[tauri::command]
pub async fn clause_positions(clauses: Clauses<'_>) -> Result<Vec<CatalogPosition>, ()> {
    Ok(clauses.positions())
}

/// Inserts the clauses `keys` at `at` (one undo step).
#[tauri::command]
pub fn insert_library_clauses(
    desk: Shared<'_>,
    clauses: Clauses<'_>,
    keys: Vec<String>,
    at: InsertAt,
) -> Result<Inserted, ApiError> {
    reply(
        &desk,
        desk.insert_library_clauses(&clauses, &keys, &at, now_ms()),
    )
}

/// Puts the open document's position in place of the source position in the clauses `ids`.
#[tauri::command]
pub fn rename_position(
    desk: Shared<'_>,
    ids: Vec<String>,
    offer: RenameOffer,
) -> Result<Replaced, ApiError> {
    reply(&desk, desk.rename_position(&ids, &offer, now_ms()))
}
