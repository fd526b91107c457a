// The only module that talks to Tauri. Everything else imports from here, so the rest of the
// UI can be tested without a window, and the contract with the Rust side lives in one place.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";

import type { ApiError } from "./bindings/ApiError";
import type { Document } from "./bindings/Document";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { ExportRequest } from "./bindings/ExportRequest";
import type { ExportResult } from "./bindings/ExportResult";
import type { Language } from "./bindings/Language";
import type { Opened } from "./bindings/Opened";
import type { PrintChoice } from "./bindings/PrintChoice";
import type { PrintOutcome } from "./bindings/PrintOutcome";
import type { Printers } from "./bindings/Printers";
import type { RecoveryOffer } from "./bindings/RecoveryOffer";
import type { Settings } from "./bindings/Settings";
import type { Startup } from "./bindings/Startup";
import type { State } from "./bindings/State";
import type { TemplateInfo } from "./bindings/TemplateInfo";
import { toFailure } from "./lib/failure";
import type { CatalogPosition } from "./bindings/CatalogPosition";
import type { ClauseQuery } from "./bindings/ClauseQuery";
import type { ClauseResults } from "./bindings/ClauseResults";
import type { FindResult } from "./bindings/FindResult";
import type { InsertAt } from "./bindings/InsertAt";
import type { Inserted } from "./bindings/Inserted";
import type { MatchRules } from "./bindings/MatchRules";
import type { RenameOffer } from "./bindings/RenameOffer";
import type { Replaced } from "./bindings/Replaced";

export type { CatalogPosition, ClauseQuery, ClauseResults, FindResult, InsertAt, Inserted, MatchRules, RenameOffer, Replaced };

export { hasCode, isApiError, toFailure, type Failure } from "./lib/failure";

/** A failure reported by the Rust side: branch on `code` (an `ErrorCode`), show `message` (in
 * the UI's language). What an export did (files written, files that exist already, warnings)
 * comes with the settings it changed (the last export folder): `ExportResult`. */
export type { ApiError, ErrorCode, ExportRequest, ExportResult, Opened, PrintChoice, PrintOutcome, Printers, RecoveryOffer, Settings, Startup };
/** The editor state after every command (jobdoc_session::State). */
export type SessionState = State;

export type ExportFormat = ExportRequest["formats"][number];

export interface PreviewResult {
  bytes: Uint8Array;
  /** Export time on the Rust side, in milliseconds. */
  exportMs: number;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toFailure(e);
  }
}

export const api = {
  startup: () => call<Startup>("startup"),
  getState: () => call<SessionState>("get_state"),
  listTemplates: () => call<TemplateInfo[]>("list_templates"),
  newDocument: (template: string | null, language: Language | null) =>
    call<SessionState>("new_document", { template, language }),
  openDocument: (path: string) => call<Opened>("open_document", { path }),
  closeDocument: () => call<SessionState>("close_document"),
  edit: (document: Document, key: string | null, at: number) => call<SessionState>("edit", { document, key, at }),
  seal: () => call<void>("seal"),
  undo: () => call<SessionState>("undo"),
  redo: () => call<SessionState>("redo"),
  /** Saves to `path` (from `dialogs.saveDocument`), or in place; `overwrite` replaces a file
   * that changed on disk (after asking). */
  save: (path: string | null, overwrite = false) => call<Opened>("save_document", { path, overwrite }),
  reload: () => call<SessionState>("reload_document"),
  takeOverLock: () => call<SessionState>("take_over_lock"),
  restoreRecovery: (id: string) => call<SessionState>("restore_recovery", { id }),
  discardRecovery: (id: string) => call<RecoveryOffer[]>("discard_recovery", { id }),
  removeRecent: (path: string) => call<Settings>("remove_recent", { path }),
  setUiLanguage: (language: Language) => call<Settings>("set_ui_language", { language }),
  quit: () => call<void>("quit"),
  /** The system print dialog for the prepared print pages. */
  printWindow: () => call<void>("print_window"),
  /** The system print dialog, then the exact exported PDF to the chosen printer (Linux, macOS);
   * "opened": the PDF and the system dialog are in a print window of their own (Windows);
   * "choose_here": GTK's dialog would freeze (Debian 12's libcups2): ask in Jobdoc's print
   * dialog, then `printDocumentWith`;
   * "unsupported": print the prepared pages with `printWindow` instead. */
  printDocument: (title: string) => call<PrintOutcome>("print_document", { title }),
  /** The printers CUPS lists, for Jobdoc's print dialog. */
  listPrinters: () => call<Printers>("list_printers"),
  /** The exported PDF to the printer chosen in Jobdoc's print dialog (through `lp`). */
  printDocumentWith: (choice: PrintChoice, title: string) => call<void>("print_document_with", { choice, title }),
  /** A file handed to the running app by a second launch or the system, once. */
  takeOpenedFile: () => call<string | null>("take_opened_file"),
  suggestedBaseName: (pattern: string) => call<string>("suggested_base_name", { pattern }),
  exportFiles: (request: ExportRequest) => call<ExportResult>("export_files", { request }),
  openFolder: (path: string) => call<void>("open_folder", { path }),
  async previewPdf(): Promise<PreviewResult> {
    const started = performance.now();
    const buffer = await call<ArrayBuffer>("preview_pdf");
    const bytes = new Uint8Array(buffer);
    return { bytes, exportMs: performance.now() - started };
  },
  setTitle: (title: string) => getCurrentWindow().setTitle(title),
  // Find and replace in the open document; the clause library panel.
  findInDocument: (find: string, rules: MatchRules) => call<FindResult>("find_in_document", { find, rules }),
  replaceAllInDocument: (find: string, withText: string, rules: MatchRules) =>
    call<Replaced>("replace_all_in_document", { find, with: withText, rules }),
  replaceOneInDocument: (find: string, withText: string, rules: MatchRules, index: number) =>
    call<Replaced>("replace_one_in_document", { find, with: withText, rules, index }),
  searchClauses: (query: ClauseQuery) => call<ClauseResults>("search_clauses", { query }),
  clausePositions: () => call<CatalogPosition[]>("clause_positions"),
  insertLibraryClauses: (keys: string[], at: InsertAt) => call<Inserted>("insert_library_clauses", { keys, at }),
  renamePosition: (ids: string[], offer: RenameOffer) => call<Replaced>("rename_position", { ids, offer }),
};

export function onMenu(handler: (id: string) => void): Promise<UnlistenFn> {
  return listen<string>("menu", (event) => handler(event.payload));
}

export function onCloseRequested(handler: () => void): Promise<UnlistenFn> {
  return listen("close-requested", () => handler());
}

/** A file was handed to the running app (take it with `api.takeOpenedFile`). */
export function onFileHanded(handler: () => void): Promise<UnlistenFn> {
  return listen("file-handed", () => handler());
}

export function onLockLost(handler: (error: ApiError) => void): Promise<UnlistenFn> {
  return listen<ApiError>("lock-lost", (event) => handler(event.payload));
}

// Native dialogs, shown by the Rust side: only paths chosen there (or remembered by the app)
// are accepted by the commands that read or write files. `null`: the user cancelled.
export const dialogs = {
  openDocument: (title: string, filterName: string) =>
    call<string | null>("choose_document_to_open", { title, filterName }),
  saveDocument: (title: string, filterName: string, fileName: string) =>
    call<string | null>("choose_save_path", { title, filterName, fileName }),
  chooseFolder: (title: string, current: string | null) => call<string | null>("choose_export_folder", { title, current }),
};

// Editions, comparison, employees and their copies (EditionsPanel, EmployeesPanel).
import type { Comparison } from "./bindings/Comparison";
import type { CopiesRequest } from "./bindings/CopiesRequest";
import type { EditionsView } from "./bindings/EditionsView";
import type { ExportOutcome } from "./bindings/ExportOutcome";
import type { RegisterFormat } from "./bindings/RegisterFormat";
import type { Side } from "./bindings/Side";
import type { StaffImported } from "./bindings/StaffImported";

export type { Comparison, CopiesRequest, EditionsView, ExportOutcome, RegisterFormat, Side, StaffImported };

export const editionsApi = {
  /** Freezes the current text as the next edition; `date` is ISO (typed by the user). */
  approve: (date: string, order: string | null) => call<SessionState>("approve_edition", { date, order }),
  view: () => call<EditionsView>("editions_view"),
  edition: (number: number) => call<Document>("edition_document", { number }),
  compare: (old: Side, next: Side) => call<Comparison>("compare_sides", { old, new: next }),
  exportEdition: (number: number, request: ExportRequest) => call<ExportOutcome>("export_edition", { number, request }),
  /** Prints edition `number` as approved, like `api.printDocument`. */
  printEdition: (number: number, title: string) => call<PrintOutcome>("print_edition", { number, title }),
  /** Edition `number` to the printer chosen in Jobdoc's print dialog, like `api.printDocumentWith`. */
  printEditionWith: (number: number, choice: PrintChoice, title: string) => call<void>("print_edition_with", { number, choice, title }),
  /** Edition `number`'s preview payload (for the web view's print fallback). */
  editionPreview: async (number: number) => new Uint8Array(await call<ArrayBuffer>("edition_preview", { number })),
  exportChanges: (old: Side, next: Side, folder: string, formats: ExportFormat[], overwrite: boolean) =>
    call<ExportOutcome>("export_changes", { old, new: next, folder, formats, overwrite }),
  exportRegister: (folder: string, formats: RegisterFormat[], overwrite: boolean) =>
    call<ExportOutcome>("export_register", { folder, formats, overwrite }),
  exportCopies: (request: CopiesRequest) => call<ExportOutcome>("export_copies", { request }),
  /** The open dialog for an employee list (CSV or XLSX); `null`: cancelled. */
  chooseStaffList: (title: string, filterName: string) => call<string | null>("choose_staff_list", { title, filterName }),
  importStaff: (path: string) => call<StaffImported>("import_staff", { path }),
};
// The library screen (jobdoc_session::library::Shelf). Documents are named by their path
// relative to the library folder; the folder itself comes from `libraryApi.chooseFolder` or
// the recent libraries in the settings.
import type { ApplyReport } from "./bindings/ApplyReport";
import type { BatchProgress } from "./bindings/BatchProgress";
import type { BatchReport } from "./bindings/BatchReport";
import type { BatchRequest } from "./bindings/BatchRequest";
import type { IndexProgress } from "./bindings/IndexProgress";
import type { LibraryOpened } from "./bindings/LibraryOpened";
import type { Listing } from "./bindings/Listing";
import type { ReplaceApplied } from "./bindings/ReplaceApplied";
import type { ReplacePlan } from "./bindings/ReplacePlan";
import type { RowChanged } from "./bindings/RowChanged";
import type { SearchFilter } from "./bindings/SearchFilter";
import type { SearchResults } from "./bindings/SearchResults";
import type { UpdateReport } from "./bindings/UpdateReport";

export type { ApplyReport, BatchProgress, BatchReport, BatchRequest, IndexProgress, LibraryOpened, Listing, ReplaceApplied, ReplacePlan, RowChanged, SearchResults, UpdateReport };

export const libraryApi = {
  /** The folder dialog for a library; the chosen folder and everything under it is granted. */
  chooseFolder: (title: string) => call<string | null>("choose_library_folder", { title }),
  open: (folder: string) => call<LibraryOpened>("library_open", { folder }),
  refresh: () => call<Listing>("library_refresh"),
  close: () => call<void>("library_close"),
  removeRecent: (folder: string) => call<Settings>("remove_recent_library", { folder }),
  openDocument: (path: string) => call<Opened>("library_open_document", { path }),
  duplicate: (path: string, position: string) => call<RowChanged>("library_duplicate", { path, position }),
  rename: (path: string, name: string) => call<RowChanged>("library_rename", { path, name }),
  archive: (path: string) => call<RowChanged>("library_archive", { path }),
  updateIndex: () => call<UpdateReport>("library_update_index"),
  search: (query: string, filter: SearchFilter) => call<SearchResults>("library_search", { query, filter }),
  previewReplace: (paths: string[], find: string, replacement: string) => call<ReplacePlan>("library_replace_preview", { paths, find, with: replacement }),
  applyReplace: (kept: { path: string; key: string }[]) => call<ReplaceApplied>("library_replace_apply", { kept }),
  batchExport: (request: BatchRequest) => call<BatchReport>("library_batch_export", { request }),
  cancelBatch: () => call<void>("library_cancel_batch"),
};

export function onIndexProgress(handler: (p: IndexProgress) => void): Promise<UnlistenFn> {
  return listen<IndexProgress>("library-index-progress", (event) => handler(event.payload));
}

export function onBatchProgress(handler: (p: BatchProgress) => void): Promise<UnlistenFn> {
  return listen<BatchProgress>("library-batch-progress", (event) => handler(event.payload));
}

/** The window got the focus (the library looks at its folder again). */
export function onWindowFocus(handler: () => void): Promise<UnlistenFn> {
  return getCurrentWindow().onFocusChanged(({ payload }) => {
    if (payload) handler();
  });
}

// Import (File → Import…, dropped files): the review of one file, several into a folder.
import type { ImportProgress } from "./bindings/ImportProgress";
import type { BatchSummary } from "./bindings/BatchSummary";
import type { Dropped } from "./bindings/Dropped";
import type { ImportReview } from "./bindings/ImportReview";
import type { Reassign } from "./bindings/Reassign";

export type { ImportProgress, BatchSummary, Dropped, ImportReview, Reassign };

export const importing = {
  /** The import dialog (several files may be chosen); `null`: cancelled. */
  chooseFiles: (title: string, filterName: string) => call<string[] | null>("choose_files_to_import", { title, filterName }),
  review: (path: string) => call<ImportReview>("import_review", { path }),
  reassign: (review: ImportReview, entry: number, to: Reassign) => call<ImportReview>("import_reassign", { review, entry, to }),
  /** The reviewed document becomes the open one, new and unsaved. */
  accept: (document: Document) => call<State>("accept_import", { document }),
  batch: (sources: string[], folder: string) => call<BatchSummary>("import_batch", { sources, folder }),
  cancelBatch: () => call<void>("cancel_import_batch"),
};

export function onImportProgress(handler: (progress: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>("import-progress", (event) => handler(event.payload));
}

/** Files dropped on the window, granted and sorted by the Rust side. */
export function onFilesDropped(handler: (dropped: Dropped) => void): Promise<UnlistenFn> {
  return listen<Dropped>("files-dropped", (event) => handler(event.payload));
}

/** Files are dragged over the window (true) or left it (false). */
export function onDropHover(handler: (over: boolean) => void): Promise<UnlistenFn> {
  return listen<boolean>("drop-hover", (event) => handler(event.payload));
}
