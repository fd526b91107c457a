// The library screen's state: the listing (looked at again on a timer and when the window gets
// the focus), the table's sort, filter, grouping and ticked rows, the search, the index
// progress line, and the dialogs (duplicate, rename, archive, find and replace, batch export).
import { api, libraryApi, onIndexProgress, onWindowFocus, type IndexProgress, type Listing, type SearchResults } from "../api";
import type { Hit } from "../bindings/Hit";
import type { Language } from "../bindings/Language";
import type { SectionKind } from "../bindings/SectionKind";
import type { HitSource } from "../bindings/HitSource";
import { app } from "./app.svelte";
import { elementIdOfPlace, type Sort } from "./library";

/** How often the shown library looks at its folder (besides on focus). */
export const REFRESH_MS = 5000;

export type LibraryDialog =
  | { kind: "duplicate"; path: string; position: string }
  | { kind: "rename"; path: string; name: string }
  | { kind: "archive"; path: string; name: string }
  | { kind: "replace" }
  | { kind: "batch" };

export class LibraryState {
  /** The library screen shows. */
  visible = $state(false);
  listing = $state<Listing | null>(null);
  sort = $state<Sort>({ key: "position", descending: false });
  filter = $state("");
  grouped = $state(false);
  /** Ticked rows (paths relative to the library). */
  selected = $state<string[]>([]);
  query = $state("");
  withTemplates = $state(true);
  /** The search narrowed to one section kind / one language ("" = all). */
  searchSection = $state<SectionKind | "">("");
  searchLanguage = $state<Language | "">("");
  results = $state<SearchResults | null>(null);
  searching = $state(false);
  /** The index progress line; null when the index is up to date. */
  indexLine = $state<string | null>(null);
  dialog = $state<LibraryDialog | null>(null);
  /** The document in the editor was opened from the library (the toolbar offers the way back). */
  openedFromLibrary = $state(false);

  private timer: ReturnType<typeof setInterval> | null = null;
  private listening: Promise<() => void>[] = [];

  /** Starts listening to index progress and window focus (once, from App). */
  mount(): () => void {
    this.listening = [onIndexProgress((p) => (this.indexLine = this.progressLine(p))), onWindowFocus(() => void this.refresh())];
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.listening.forEach((p) => void p.then((f) => f()));
    };
  }

  progressLine(p: IndexProgress): string {
    if (p.kind === "rebuilding") return app.t("indexRebuilding");
    return app.t("indexProgress").replace("{done}", String(p.done)).replace("{total}", String(p.total));
  }

  /** Asks for a library folder, then opens it. */
  async choose(): Promise<void> {
    try {
      const folder = await libraryApi.chooseFolder(app.t("libraryDialogTitle"));
      if (folder) await this.open(folder);
    } catch (e) {
      app.fail(e);
    }
  }

  async open(folder: string): Promise<void> {
    try {
      const opened = await libraryApi.open(folder);
      app.settings = opened.settings;
      this.listing = opened.listing;
      this.selected = [];
      this.results = null;
      this.query = "";
      this.show();
      void this.updateIndex();
    } catch (e) {
      app.fail(e);
      this.listing = null;
      // A recent library that is gone has left the list.
      app.settings = await api.startup().then((s) => s.settings).catch(() => app.settings);
    }
  }

  /** Shows the library; like the start screen, it stands in front of an open document. */
  show(): void {
    this.visible = true;
    app.showStart = true;
  }

  async removeRecent(folder: string): Promise<void> {
    try {
      app.settings = await libraryApi.removeRecent(folder);
    } catch (e) {
      app.fail(e);
    }
  }

  /** Back to the start screen. */
  leave(): void {
    this.visible = false;
    this.openedFromLibrary = false;
    app.showStart = true;
  }

  /** Builds or updates the search index in the background (the progress line shows). */
  async updateIndex(): Promise<void> {
    try {
      await libraryApi.updateIndex();
    } catch (e) {
      app.fail(e);
    } finally {
      this.indexLine = null;
    }
  }

  /** Looks at the folder again while the library shows; quiet on failure (a share that went
   * away comes back), except that the listing stays as last read. */
  async refresh(): Promise<void> {
    if (!this.visible || !this.listing || this.dialog) return;
    try {
      const listing = await libraryApi.refresh();
      if (this.visible) this.setListing(listing);
    } catch {
      /* shown again on the next look */
    }
  }

  setListing(listing: Listing): void {
    this.listing = listing;
    this.selected = this.selected.filter((p) => listing.rows.some((r) => r.path === p));
  }

  isSelected(path: string): boolean {
    return this.selected.includes(path);
  }

  toggle(path: string, on: boolean): void {
    const without = this.selected.filter((p) => p !== path);
    this.selected = on ? [...without, path] : without;
  }

  // Rows

  /** Opens a row's document in the editor, focusing `elementId` when given. */
  async openRow(path: string, elementId: string | null = null): Promise<void> {
    if (!(await app.confirmDiscard())) return;
    try {
      const opened = await libraryApi.openDocument(path);
      app.settings = opened.settings;
      app.applyState(opened.state, true);
      this.visible = false;
      this.openedFromLibrary = true;
      app.showStart = false;
      if (elementId) app.requestFocus(elementId);
    } catch (e) {
      app.fail(e);
    }
  }

  /** Opens a search hit: the document (or a new document from the template) at its place. */
  async openHit(source: HitSource, hit: Hit | null): Promise<void> {
    if (source.kind === "document") {
      await this.openRow(source.path);
    } else {
      await app.newFromTemplate(source.id, null);
      this.visible = false;
      this.openedFromLibrary = true;
    }
    if (hit && app.doc) {
      const id = elementIdOfPlace(app.doc, hit.place, app.fields);
      if (id) app.requestFocus(id);
    }
  }

  /** Back from the editor to the library. */
  back(): void {
    this.show();
    void this.refresh();
  }

  async runRowAction(action: () => Promise<{ path: string; listing: Listing }>): Promise<string | null> {
    try {
      const changed = await action();
      this.setListing(changed.listing);
      this.dialog = null;
      return changed.path;
    } catch (e) {
      app.fail(e);
      return null;
    }
  }

  duplicate(path: string, position: string): Promise<string | null> {
    return this.runRowAction(() => libraryApi.duplicate(path, position));
  }

  rename(path: string, name: string): Promise<string | null> {
    return this.runRowAction(() => libraryApi.rename(path, name));
  }

  archive(path: string): Promise<string | null> {
    return this.runRowAction(() => libraryApi.archive(path));
  }

  // Search

  async search(): Promise<void> {
    const query = this.query.trim();
    if (!query) {
      this.results = null;
      return;
    }
    this.searching = true;
    try {
      this.results = await libraryApi.search(query, {
        templates: this.withTemplates,
        section: this.searchSection || null,
        language: this.searchLanguage || null,
      });
    } catch (e) {
      app.fail(e);
    } finally {
      this.searching = false;
      this.indexLine = null;
    }
  }

  clearSearch(): void {
    this.query = "";
    this.results = null;
  }
}

export const library = new LibraryState();
