// The UI state: a mirror of the Rust session (document, dirty flag, history flags,
// diagnostics) plus what only the UI needs (screen, dialogs, preview). Every edit is applied
// here at once and sent to the session in order; the session keeps the undo history.
import { api, dialogs, hasCode, toFailure, type ApiError, type Failure, type PrintChoice, type PrintOutcome, type RecoveryOffer, type SessionState, type Settings } from "../api";
import type { Diagnostic } from "../bindings/Diagnostic";
import type { FieldInfo } from "../bindings/FieldInfo";
import type { Document } from "../bindings/Document";
import type { Language } from "../bindings/Language";
import type { ReadOnly } from "../bindings/ReadOnly";
import type { TemplateInfo } from "../bindings/TemplateInfo";
import { CallQueue } from "./callQueue";
import { allClauses } from "./doc";
import { langFromLocale, t, type Key, type UiLang } from "./i18n";
import { link, valueAt } from "./richtext";
import { isAction, type Action, windowTitle } from "./shortcuts";


/** What a print prints: through the system dialog where Rust can print the PDF itself, else the
 * pages of its preview payload through the web view's dialog. */
export interface PrintJob {
  viaSystem: () => Promise<PrintOutcome>;
  /** Where the system's dialog cannot be used ("choose_here"): print with Jobdoc's dialog's choice. */
  viaChoice: (choice: PrintChoice) => Promise<void>;
  payload: () => Promise<Uint8Array | null>;
}

export type Modal =
  | { kind: "confirm-save"; resolve: (answer: "save" | "discard" | "cancel") => void }
  | { kind: "overwrite"; files: string[]; resolve: (ok: boolean) => void }
  | { kind: "export" }
  | { kind: "print"; job: PrintJob }
  | { kind: "export-done"; files: string[]; folder: string; warnings: Diagnostic[] }
  | { kind: "error"; error: Failure }
  | { kind: "changed-on-disk"; message: string; resolve: (answer: "overwrite" | "copy" | "reload" | "cancel") => void }
  | { kind: "recover"; offers: RecoveryOffer[] }
  | { kind: "take-over"; resolve: (ok: boolean) => void }
  | { kind: "shortcuts" }
  | { kind: "about" };

const emptySettings: Settings = { recent: [], last_export_dir: null, ui_language: null, export_pattern: null, recent_libraries: [] };

export const PREVIEW_DELAY_MS = 300;
export const ZOOM_STEPS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2];
/** 0: fit the page to the preview column's width. */
export const DEFAULT_ZOOM = 0;

/** The next zoom step above or below `zoom`. */
export function nextZoom(zoom: number, direction: -1 | 1): number {
  if (direction > 0) return ZOOM_STEPS.find((z) => z > zoom + 1e-3) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-3) ?? ZOOM_STEPS[0]!;
}

export class AppState {
  doc = $state<Document | null>(null);
  path = $state<string | null>(null);
  fileName = $state<string | null>(null);
  dirty = $state(false);
  canUndo = $state(false);
  canRedo = $state(false);
  diagnostics = $state<Diagnostic[]>([]);
  /** Set when the file cannot be saved in place (someone else has it open, …). */
  readOnly = $state<ReadOnly | null>(null);
  /** The open file was written in this older format and converted on opening. */
  migratedFrom = $state<number | null>(null);
  /** The document fields clauses can refer to (from the Rust side). */
  fields = $state<FieldInfo[]>([]);
  settings = $state<Settings>(emptySettings);
  templates = $state<TemplateInfo[]>([]);
  lang = $state<UiLang>("en");
  /** The start screen shows (also while a document stays open behind it). */
  showStart = $state(true);
  showPreview = $state(true);
  showDiagnostics = $state(true);
  modal = $state<Modal | null>(null);
  toast = $state<string | null>(null);
  /** Preview zoom (1 = actual size); 0 fits the width. */
  zoom = $state(DEFAULT_ZOOM);
  /** The zoom the preview actually uses (the fitted one while `zoom` is 0). */
  effectiveZoom = $state(1);
  /** The PDF of the current document for the preview; bumps `previewVersion` when replaced. */
  previewBytes = $state<Uint8Array | null>(null);
  previewError = $state<Failure | null>(null);
  previewExportMs = $state(0);
  previewVersion = $state(0);
  /** The name Save As suggests for an accepted import (the source's name with .jobdoc),
   * until the document is saved or replaced. */
  importedName = $state<string | null>(null);
  /** Where the editor should move the focus next (an element id). */
  focusRequest = $state<{ id: string; seq: number } | null>(null);

  private readonly calls = new CallQueue();
  private previewTimer: ReturnType<typeof setTimeout> | null = null;
  private lastAction: { id: string; at: number; source: string } | null = null;
  private focusSeq = 0;
  readonly mac = typeof navigator !== "undefined" && /Mac/i.test(navigator.platform);

  t = (key: Key): string => t(this.lang, key);

  /** The locale for dates and times in the UI's language. */
  get locale(): string {
    return this.lang === "ru" ? "ru-RU" : "en-GB";
  }

  get title(): string {
    return windowTitle(this.doc !== null, this.fileName ?? this.importedName, this.dirty, this.t("untitled"), this.readOnly ? this.t("readOnly").toLowerCase() : null);
  }

  errorCount = $derived(this.diagnostics.filter((d) => d.severity === "error").length);
  warningCount = $derived(this.diagnostics.filter((d) => d.severity === "warning").length);

  async init(): Promise<void> {
    const [startup, templates] = await Promise.all([api.startup(), api.listTemplates()]);
    this.templates = templates;
    this.fields = startup.fields;
    this.settings = startup.settings;
    this.lang = startup.settings.ui_language ?? langFromLocale(navigator.language);
    this.applyState(startup.state, true);
    this.showStart = startup.state.document === null;
    if (startup.error) this.fail(startup.error);
    else if (startup.recovery.length > 0) this.modal = { kind: "recover", offers: startup.recovery };
    void api.setUiLanguage(this.lang).catch(() => undefined);
  }

  /** Takes the session's answer; `withDocument` replaces the local copy too. */
  applyState(state: SessionState, withDocument: boolean): void {
    if (withDocument) this.doc = state.document;
    if (withDocument || state.path !== null) this.importedName = null;
    this.path = state.path;
    this.fileName = state.file_name;
    this.dirty = state.dirty;
    this.canUndo = state.can_undo;
    this.canRedo = state.can_redo;
    this.diagnostics = state.diagnostics;
    this.readOnly = state.read_only;
    this.migratedFrom = state.migrated_from;
    if (withDocument || state.document === null) this.schedulePreview();
  }

  fail(e: unknown): void {
    this.modal = { kind: "error", error: toFailure(e) };
  }

  /** Runs session calls one after another, in the order the user made them. */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    return this.calls.enqueue(job);
  }

  /** Runs a call that reads the document once the edits on their way have reached the session
   * (compare, export, print: what was typed a moment ago must be in it). */
  afterEdits<T>(call: () => Promise<T>): Promise<T> {
    return this.calls.afterPending(call);
  }

  /** Typing in a field: the copy changes in place; `key` (the field's JSON Pointer) lets the
   * session merge a run of keystrokes into one undo step. */
  editField(key: string, mutate: (d: Document) => void): void {
    if (!this.doc) return;
    mutate(this.doc);
    this.send(key);
  }

  /** A structural edit on a fresh copy (add, delete, move…). Returns what `mutate` returns. */
  editStructure<T>(mutate: (d: Document) => T): T | undefined {
    if (!this.doc) return undefined;
    const copy = $state.snapshot(this.doc) as Document;
    const result = mutate(copy);
    this.doc = copy;
    this.send(null);
    return result;
  }

  private send(key: string | null): void {
    const snapshot = $state.snapshot(this.doc) as Document;
    const at = Date.now();
    void this.enqueue(() => api.edit(snapshot, key, at))
      .then((state) => this.applyState(state, false))
      .catch((e) => this.fail(e));
    this.schedulePreview();
  }

  /** Replaces the text of the field at `pointer` wherever a clause types it out by a reference
   * to the field (the quick fix of "filled in but printed nowhere"). One undo step. */
  linkField(pointer: string): void {
    const info = this.fields.find((f) => f.pointer === pointer);
    if (!info || !this.doc) return;
    const value = valueAt(this.doc, pointer);
    const linkAll = (d: Document) =>
      allClauses(d).reduce((n, { clause }) => {
        const r = link(clause.text, value, info.field);
        clause.text = r.text;
        return n + r.count;
      }, 0);
    // Counted on a copy first, so that nothing is sent (and no undo step made) for no change.
    const count = linkAll($state.snapshot(this.doc) as Document);
    if (count > 0) this.editStructure(linkAll);
    this.flash(count > 0 ? this.t("linked").replace("{n}", String(count)) : this.t("notFoundInClauses"));
  }

  /** A field lost focus: the next keystroke starts a new undo step. */
  seal(): void {
    void this.enqueue(() => api.seal()).catch(() => undefined);
  }

  async undo(): Promise<void> {
    await this.step(() => api.undo());
  }

  async redo(): Promise<void> {
    await this.step(() => api.redo());
  }

  private async step(call: () => Promise<SessionState>): Promise<void> {
    if (!this.doc) return;
    try {
      const state = await this.enqueue(call);
      this.applyState(state, true);
    } catch (e) {
      this.fail(e);
    }
  }

  // Files

  /** Asks what to do with unsaved changes; true when it is fine to go on. */
  async confirmDiscard(): Promise<boolean> {
    await this.afterEdits(async () => undefined);
    if (!this.doc || !this.dirty) return true;
    const answer = await new Promise<"save" | "discard" | "cancel">((resolve) => {
      this.modal = { kind: "confirm-save", resolve };
    });
    this.modal = null;
    if (answer === "cancel") return false;
    if (answer === "discard") return true;
    return this.save();
  }

  async newFromTemplate(template: string | null, language: Language | null): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    try {
      const state = await this.enqueue(() => api.newDocument(template, language));
      this.applyState(state, true);
      this.showStart = false;
      this.requestFocus("f/organisation/name");
    } catch (e) {
      this.fail(e);
    }
  }

  async openPath(path: string): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    try {
      const opened = await this.enqueue(() => api.openDocument(path));
      this.settings = opened.settings;
      this.applyState(opened.state, true);
      this.showStart = false;
    } catch (e) {
      this.fail(e);
      this.settings = await api.startup().then((s) => s.settings).catch(() => this.settings);
    }
  }

  async open(): Promise<void> {
    try {
      const path = await dialogs.openDocument(this.t("openDialogTitle"), this.t("jobdocFiles"));
      if (path) await this.openPath(path);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Saves in place, or asks for a file when the document has none. True when saved. */
  async save(): Promise<boolean> {
    if (!this.doc) return false;
    if (!this.path) return this.saveAs();
    return this.saveTo(null);
  }

  async saveAs(): Promise<boolean> {
    if (!this.doc) return false;
    const suggested = this.fileName ?? this.importedName ?? `${(this.doc.position.name || this.t("untitled")).replace(/[\\/:*?"<>|]/g, "_")}.jobdoc`;
    try {
      const path = await dialogs.saveDocument(this.t("saveDialogTitle"), this.t("jobdocFiles"), suggested);
      if (!path) return false;
      return this.saveTo(path);
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  private async saveTo(path: string | null, overwrite = false): Promise<boolean> {
    try {
      const saved = await this.enqueue(() => api.save(path, overwrite));
      this.settings = saved.settings;
      this.applyState(saved.state, true);
      this.flash(this.t("saved"));
      return true;
    } catch (e) {
      if (hasCode(e, "changed-on-disk")) return this.resolveChangedOnDisk(e);
      // Someone else has the file (or took our lock over): save under another name.
      if (hasCode(e, "read-only")) return this.saveAs();
      this.fail(e);
      return false;
    }
  }

  /** The file changed on disk since it was opened: overwrite, save a copy, or reload. */
  private async resolveChangedOnDisk(error: ApiError): Promise<boolean> {
    const answer = await new Promise<"overwrite" | "copy" | "reload" | "cancel">((resolve) => {
      this.modal = { kind: "changed-on-disk", message: error.message, resolve };
    });
    this.modal = null;
    switch (answer) {
      case "overwrite":
        return this.saveTo(null, true);
      case "copy":
        return this.saveAs();
      case "reload":
        try {
          this.applyState(await this.enqueue(() => api.reload()), true);
        } catch (e) {
          this.fail(e);
        }
        return false;
      case "cancel":
        return false;
    }
  }

  /** Takes over the lock of a read-only document whose holder is gone, after asking. */
  async takeOver(): Promise<void> {
    const ok = await new Promise<boolean>((resolve) => {
      this.modal = { kind: "take-over", resolve };
    });
    this.modal = null;
    if (!ok) return;
    try {
      this.applyState(await this.enqueue(() => api.takeOverLock()), false);
      this.flash(this.t("lockTaken"));
    } catch (e) {
      this.fail(e);
      this.applyState(await api.getState(), false);
    }
  }

  /** Someone took our lock over: the document is read-only now. */
  async lockLost(error: ApiError): Promise<void> {
    this.applyState(await api.getState(), false);
    this.fail(error);
  }

  async restoreRecovery(offer: RecoveryOffer): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    try {
      const state = await this.enqueue(() => api.restoreRecovery(offer.id));
      this.applyState(state, true);
      this.showStart = false;
      this.modal = null;
      this.flash(this.t("restored"));
    } catch (e) {
      this.fail(e);
    }
  }

  async discardRecovery(offer: RecoveryOffer): Promise<void> {
    try {
      const left = await api.discardRecovery(offer.id);
      this.modal = left.length > 0 ? { kind: "recover", offers: left } : null;
    } catch (e) {
      this.fail(e);
    }
  }

  async removeRecent(path: string): Promise<void> {
    this.settings = await api.removeRecent(path);
  }

  async closeWindow(): Promise<void> {
    if (await this.confirmDiscard()) await api.quit();
  }

  async closeDocument(): Promise<void> {
    if (!(await this.confirmDiscard())) return;
    const state = await this.enqueue(() => api.closeDocument());
    this.applyState(state, true);
    this.showStart = true;
  }

  async setLang(lang: UiLang): Promise<void> {
    this.lang = lang;
    try {
      this.settings = await api.setUiLanguage(lang);
    } catch (e) {
      this.fail(e);
    }
  }

  flash(message: string): void {
    this.toast = message;
    setTimeout(() => {
      if (this.toast === message) this.toast = null;
    }, 2500);
  }

  requestFocus(id: string): void {
    this.focusRequest = { id, seq: ++this.focusSeq };
  }

  // Preview

  schedulePreview(): void {
    if (this.previewTimer) clearTimeout(this.previewTimer);
    this.previewTimer = setTimeout(() => void this.refreshPreview(), PREVIEW_DELAY_MS);
  }

  async refreshPreview(): Promise<void> {
    this.previewTimer = null;
    if (!this.doc) {
      this.previewBytes = null;
      return;
    }
    try {
      const result = await this.enqueue(() => api.previewPdf());
      this.previewBytes = result.bytes;
      this.previewExportMs = result.exportMs;
      this.previewError = null;
      this.previewVersion++;
    } catch (e) {
      this.previewError = toFailure(e);
    }
  }

  zoomBy(direction: -1 | 0 | 1): void {
    if (direction === 0) {
      this.zoom = DEFAULT_ZOOM;
      return;
    }
    this.zoom = nextZoom(this.zoom === 0 ? this.effectiveZoom : this.zoom, direction);
  }

  // Actions from the keyboard and the native menu

  /** Runs an action. When the native menu's accelerator and the window's key handler both
   * report the same key press, the second report (from the other source) is dropped. */
  run(id: string, source: "key" | "menu" | "ui" = "ui"): void {
    if (!isAction(id)) return;
    const now = Date.now();
    const last = this.lastAction;
    if (last && last.id === id && last.source !== source && source !== "ui" && last.source !== "ui" && now - last.at < 250) return;
    this.lastAction = { id, at: now, source };
    void this.perform(id);
  }

  /** Prints `job` (default: the open document) the way this system can (set by the preview). */
  printHandler: ((job?: PrintJob) => Promise<void>) | null = null;
  /** Actions whose panels live in their own modules (find, the clause library). */
  actionHandlers: Partial<Record<Action, () => void>> = {};
  /** File → Import… (set by the import layer). */
  importHandler: (() => Promise<void>) | null = null;

  private async perform(action: Action): Promise<void> {
    switch (action) {
      case "new":
        this.showStart = true;
        return;
      case "open":
        return this.open();
      case "save":
        await this.save();
        return;
      case "save-as":
        await this.saveAs();
        return;
      case "export":
        if (this.doc) this.modal = { kind: "export" };
        return;
      case "print":
        if (this.doc && this.printHandler) await this.printHandler();
        return;
      case "undo":
        return this.undo();
      case "redo":
        return this.redo();
      case "zoom-in":
        return this.zoomBy(1);
      case "zoom-out":
        return this.zoomBy(-1);
      case "zoom-reset":
        return this.zoomBy(0);
      case "close-document":
        return this.closeDocument();
      case "quit":
        return this.closeWindow();
      case "toggle-preview":
        this.showPreview = !this.showPreview;
        return;
      case "toggle-diagnostics":
        this.showDiagnostics = !this.showDiagnostics;
        return;
      case "lang-ru":
        return this.setLang("ru");
      case "lang-en":
        return this.setLang("en");
      case "shortcuts":
        this.modal = { kind: "shortcuts" };
        return;
      case "about":
        this.modal = { kind: "about" };
        return;
      case "find":
      case "replace":
      case "toggle-clauses":
        if (!this.showStart) this.actionHandlers[action]?.();
        return;
      case "import":
        if (this.importHandler) await this.importHandler();
        return;
    }
  }

  /** A session command that changes the document itself (approve an edition, import
   * employees), queued after the edits on their way; its state replaces the local copy.
   * False when it failed (the error is shown). */
  async command(call: () => Promise<SessionState>): Promise<boolean> {
    if (!this.doc) return false;
    try {
      this.applyState(await this.enqueue(call), true);
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }
}

export const app = new AppState();
