// The only module that talks to Tauri. Everything else imports from here, so the rest of the
// UI can be tested without a window, and the contract with the Rust side lives in one place.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import { open, save } from "@tauri-apps/plugin-dialog";

import type { Diagnostic } from "./bindings/Diagnostic";
import type { Document } from "./bindings/Document";
import type { Language } from "./bindings/Language";
import type { TemplateInfo } from "./bindings/TemplateInfo";

/** A failure reported by the Rust side: branch on `code`, show `message`. */
export interface ApiError {
  code: string;
  message: string;
}

/** The editor state after every command (jobdoc_session::State). */
export interface SessionState {
  document: Document | null;
  path: string | null;
  file_name: string | null;
  dirty: boolean;
  can_undo: boolean;
  can_redo: boolean;
  diagnostics: Diagnostic[];
}

/** Preferences kept between runs (jobdoc_session::settings::Settings). */
export interface Settings {
  recent: string[];
  last_export_dir: string | null;
  ui_language: string | null;
  export_pattern: string | null;
}

export interface Startup {
  state: SessionState;
  settings: Settings;
  error: ApiError | null;
}

export interface Opened {
  state: SessionState;
  settings: Settings;
}

export type ExportFormat = "pdf" | "docx";

export interface ExportRequest {
  folder: string;
  pattern: string;
  formats: ExportFormat[];
  overwrite: boolean;
}

export interface ExportResult {
  files: string[];
  /** Files that exist already (nothing was written; ask, then retry with `overwrite`). */
  existing: string[];
  warnings: string[];
  settings: Settings;
}

export interface PreviewResult {
  bytes: Uint8Array;
  /** Export time on the Rust side, in milliseconds. */
  exportMs: number;
}

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return { code: String(e.code), message: String(e.message) };
  return { code: "internal", message: String(e) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  startup: () => call<Startup>("startup"),
  listTemplates: () => call<TemplateInfo[]>("list_templates"),
  newDocument: (template: string | null, language: Language | null) =>
    call<SessionState>("new_document", { template, language }),
  openDocument: (path: string) => call<Opened>("open_document", { path }),
  closeDocument: () => call<SessionState>("close_document"),
  edit: (document: Document, key: string | null, at: number) => call<SessionState>("edit", { document, key, at }),
  seal: () => call<void>("seal"),
  undo: () => call<SessionState>("undo"),
  redo: () => call<SessionState>("redo"),
  save: (path: string | null) => call<Opened>("save_document", { path }),
  removeRecent: (path: string) => call<Settings>("remove_recent", { path }),
  setUiLanguage: (language: string) => call<Settings>("set_ui_language", { language }),
  quit: () => call<void>("quit"),
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
};

export function onMenu(handler: (id: string) => void): Promise<UnlistenFn> {
  return listen<string>("menu", (event) => handler(event.payload));
}

export function onCloseRequested(handler: () => void): Promise<UnlistenFn> {
  return listen("close-requested", () => handler());
}

// Native dialogs. WebDriver cannot reach GTK dialogs, so an end-to-end test may queue the
// answers in `window.__jobdocDialogAnswers` (a list of paths; an empty string means "cancel").
// Without that list (every normal run) the native dialog opens.
function scripted(): string | null | undefined {
  const queue = (globalThis as { __jobdocDialogAnswers?: string[] }).__jobdocDialogAnswers;
  if (!queue || queue.length === 0) return undefined;
  const answer = queue.shift() ?? "";
  return answer === "" ? null : answer;
}

function single(result: string | string[] | null): string | null {
  if (Array.isArray(result)) return result[0] ?? null;
  return result;
}

export const dialogs = {
  async openDocument(title: string, filterName: string): Promise<string | null> {
    const s = scripted();
    if (s !== undefined) return s;
    return single(
      await open({ title, multiple: false, filters: [{ name: filterName, extensions: ["jobdoc"] }] }),
    );
  },
  async saveDocument(title: string, filterName: string, defaultPath: string): Promise<string | null> {
    const s = scripted();
    if (s !== undefined) return s;
    const path = await save({
      title,
      defaultPath,
      filters: [{ name: filterName, extensions: ["jobdoc"] }],
    });
    if (path && !/\.jobdoc$/i.test(path)) return `${path}.jobdoc`;
    return path;
  },
  async chooseFolder(title: string, defaultPath: string | null): Promise<string | null> {
    const s = scripted();
    if (s !== undefined) return s;
    return single(await open({ title, directory: true, multiple: false, defaultPath: defaultPath ?? undefined }));
  },
};
