// The import flows of the window: File → Import… and dropped files take the same path
// (`importFiles`): a `.jobdoc` opens, one file goes to the review, several are imported into a
// folder the user chooses, with progress and a summary.
import { dialogs, importing, type ImportProgress, type BatchSummary, type Dropped, type ImportReview } from "../api";
import { app } from "./app.svelte";
import { fill, reassignOf, routeFiles, baseName } from "./importReview";

export class Importer {
  /** The review of one imported file, until accepted or cancelled. */
  review = $state<ImportReview | null>(null);
  /** A batch import in progress (`summary` null) or finished. */
  batch = $state<{ progress: ImportProgress; summary: BatchSummary | null; stopping: boolean } | null>(null);
  /** Files are dragged over the window. */
  hover = $state(false);
  /** A re-assignment is on its way (the review's controls wait). */
  busy = $state(false);

  /** File → Import…: the dialog, then the same path as a drop. */
  async choose(): Promise<void> {
    try {
      const paths = await importing.chooseFiles(app.t("importDialogTitle"), app.t("importableFiles"));
      if (!paths || paths.length === 0) return;
      await this.importFiles({ open: null, import: paths, not_opened: [] });
    } catch (e) {
      app.fail(e);
    }
  }

  /** Dropped files or chosen ones (already granted by the Rust side). */
  async importFiles(files: Dropped): Promise<void> {
    if (this.review || (this.batch && !this.batch.summary)) return;
    const route = routeFiles(files);
    const unopened = [...(route.kind === "open" ? [] : files.open ? [files.open] : []), ...files.not_opened];
    if (unopened.length > 0) app.flash(fill(app.t("importOnlyOneOpens"), { files: unopened.map(baseName).join(", ") }));
    switch (route.kind) {
      case "open":
        return app.openPath(route.path);
      case "review":
        return this.startReview(route.path);
      case "batch":
        return this.startBatch(route.paths);
      case "nothing":
        return;
    }
  }

  async startReview(path: string): Promise<void> {
    try {
      this.review = await importing.review(path);
    } catch (e) {
      app.fail(e);
    }
  }

  /** Re-assigns report entry `entry` to what the row's select says. */
  async reassign(entry: number, choice: string): Promise<void> {
    const to = reassignOf(choice);
    const review = this.review;
    // One at a time: each change applies to the review the previous one returned.
    if (!to || !review || this.busy) return;
    this.busy = true;
    try {
      this.review = await importing.reassign($state.snapshot(review) as ImportReview, entry, to);
    } catch (e) {
      app.fail(e);
    } finally {
      this.busy = false;
    }
  }

  /** The reviewed document opens in the editor as a new unsaved one (after the question about
   * unsaved changes of the current one). */
  async accept(): Promise<void> {
    const review = this.review;
    if (!review || this.busy) return;
    if (!(await app.confirmDiscard())) return;
    try {
      const state = await importing.accept($state.snapshot(review.document) as ImportReview["document"]);
      app.applyState(state, true);
      app.importedName = review.suggested_name;
      app.showStart = false;
      this.review = null;
      app.flash(fill(app.t("importImported"), { file: review.report.file_name }));
    } catch (e) {
      app.fail(e);
    }
  }

  cancelReview(): void {
    this.review = null;
  }

  async startBatch(paths: string[]): Promise<void> {
    try {
      const folder = await dialogs.chooseFolder(app.t("importFolderTitle"), app.settings.last_export_dir);
      if (!folder) return;
      this.batch = { progress: { done: 0, total: paths.length, current: null }, summary: null, stopping: false };
      const summary = await importing.batch(paths, folder);
      if (this.batch) this.batch.summary = summary;
    } catch (e) {
      this.batch = null;
      app.fail(e);
    }
  }

  progress(p: ImportProgress): void {
    if (this.batch && !this.batch.summary) this.batch.progress = p;
  }

  async stopBatch(): Promise<void> {
    if (!this.batch) return;
    this.batch.stopping = true;
    await importing.cancelBatch().catch(() => undefined);
  }

  closeBatch(): void {
    this.batch = null;
  }

  /** A written file from the summary opens in the editor. */
  async openWritten(path: string): Promise<void> {
    await app.openPath(path);
    if (app.path) this.batch = null;
  }
}

export const importer = new Importer();
