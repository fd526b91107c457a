// The state of the find bar and of the clause library panel. Matching, replacing and
// inserting are done by the Rust side, in the session's order of edits (`app.enqueue`), so the
// count, the highlights and the document always agree; each change is one undo step there.
import { api, type ClauseResults, type RenameOffer } from "../api";
import type { CatalogPosition } from "../bindings/CatalogPosition";
import type { InsertAt } from "../bindings/InsertAt";
import type { Language } from "../bindings/Language";
import type { SectionKind } from "../bindings/SectionKind";
import type { TextMatch } from "../bindings/TextMatch";
import { app } from "./app.svelte";
import { label, parseClausePointer } from "./doc";
import { keepCurrent, step } from "./find";

/** Where a match's text is in the editor's order (header, sections, signatures). */
function order(m: TextMatch): number {
  return m.pointer.startsWith("/sections/") ? 1 : m.pointer.startsWith("/signatures/") ? 2 : 0;
}

export class FindState {
  open = $state(false);
  replacing = $state(false);
  query = $state("");
  replacement = $state("");
  matchCase = $state(false);
  wholeWord = $state(false);
  matches = $state<TextMatch[]>([]);
  current = $state(-1);
  /** Bumped to scroll the current match into view. */
  scrollSeq = $state(0);
  /** Bumped to put the focus into the find field. */
  focusSeq = $state(0);
  private seq = 0;

  get rules() {
    return { match_case: this.matchCase, whole_word: this.wholeWord };
  }

  show(replacing: boolean): void {
    if (!app.doc) return;
    this.open = true;
    this.replacing = replacing;
    // The selected text, if any and short, is what to find (as in Word).
    const picked = document.getSelection()?.toString() ?? "";
    if (picked && picked.length <= 100 && !picked.includes("\n")) this.query = picked;
    this.focusSeq++;
    void this.refresh(true);
  }

  close(): void {
    this.open = false;
    this.matches = [];
    this.current = -1;
  }

  /** Asks for the matches again (after the query, a rule or the document changed). */
  async refresh(scroll = false): Promise<void> {
    const seq = ++this.seq;
    if (!this.open || !app.doc || this.query === "") {
      this.matches = [];
      this.current = -1;
      return;
    }
    const previous = this.matches[this.current] ?? null;
    try {
      const result = await app.enqueue(() => api.findInDocument(this.query, this.rules));
      if (seq !== this.seq) return;
      this.matches = result.matches;
      this.current = keepCurrent(previous, result.matches, order);
      if (scroll) this.scrollSeq++;
    } catch (e) {
      app.fail(e);
    }
  }

  go(direction: 1 | -1): void {
    this.current = step(this.current, this.matches.length, direction);
    this.scrollSeq++;
  }

  async replaceOne(): Promise<void> {
    if (this.current < 0 || !this.query) return;
    const index = this.current;
    try {
      const r = await app.enqueue(() => api.replaceOneInDocument(this.query, this.replacement, this.rules, index));
      app.applyState(r.state, true);
      await this.refresh(true);
    } catch (e) {
      app.fail(e);
    }
  }

  async replaceAll(): Promise<void> {
    if (!this.query) return;
    try {
      const r = await app.enqueue(() => api.replaceAllInDocument(this.query, this.replacement, this.rules));
      app.applyState(r.state, true);
      app.flash(app.t("replacedCount").replace("{n}", String(r.count)));
      await this.refresh(false);
    } catch (e) {
      app.fail(e);
    }
  }
}

export const find = new FindState();

/** The clause that had the caret last, or the section the focus was in. */
let lastPlace: { section: number; path: number[] | null } | null = null;

if (typeof document !== "undefined") {
  document.addEventListener("focusin", (e) => {
    const el = e.target instanceof HTMLElement ? e.target : null;
    if (!el || el.closest(".clause-panel")) return;
    const clause = el.closest<HTMLElement>(".clause-text");
    const cp = clause ? parseClausePointer(clause.id.slice(1)) : null;
    if (cp) {
      lastPlace = { section: cp.section, path: cp.path };
      return;
    }
    const section = el.closest<HTMLElement>("section.section");
    const n = section ? Number(section.id.replace("s/sections/", "")) : NaN;
    if (Number.isInteger(n)) lastPlace = { section: n, path: null };
  });
}

export class ClausePanelState {
  open = $state(false);
  query = $state("");
  section = $state<SectionKind | "">("");
  position = $state("");
  language = $state<Language | "">("");
  results = $state<ClauseResults>({ hits: [], truncated: false });
  positions = $state<CatalogPosition[]>([]);
  selected = $state<string[]>([]);
  previewKey = $state<string | null>(null);
  busy = $state(false);
  /** After an insert: offers to put this document's position in place of the source's. */
  offers = $state<RenameOffer[]>([]);
  insertedIds = $state<string[]>([]);
  private seq = 0;

  toggle(): void {
    if (!app.doc && !this.open) return;
    this.open = !this.open;
    if (this.open) {
      if (this.language === "" && app.doc) this.language = app.doc.language;
      void this.loadPositions();
      void this.search();
    }
  }

  async loadPositions(): Promise<void> {
    if (this.positions.length > 0) return;
    this.positions = await api.clausePositions().catch(() => []);
  }

  async search(): Promise<void> {
    const seq = ++this.seq;
    this.busy = true;
    try {
      const results = await api.searchClauses({
        text: this.query,
        section: this.section === "" ? null : this.section,
        position: this.position === "" ? null : this.position,
        language: this.language === "" ? null : this.language,
        limit: 60,
      });
      if (seq !== this.seq) return;
      this.results = results;
      this.selected = this.selected.filter((k) => results.hits.some((h) => h.key === k));
      if (!results.hits.some((h) => h.key === this.previewKey)) this.previewKey = results.hits[0]?.key ?? null;
    } catch (e) {
      app.fail(e);
    } finally {
      if (seq === this.seq) this.busy = false;
    }
  }

  toggleSelected(key: string): void {
    this.selected = this.selected.includes(key) ? this.selected.filter((k) => k !== key) : [...this.selected, key];
  }

  /** Where the selected clauses go: after the clause with the caret, else at the end of the
   * section the focus was in, else at the end of the first section of the clauses' kind. */
  target(): InsertAt | null {
    const doc = app.doc;
    if (!doc || doc.sections.length === 0) return null;
    if (lastPlace && lastPlace.section < doc.sections.length) {
      return { section: lastPlace.section, after: lastPlace.path };
    }
    const kind = this.results.hits.find((h) => this.selected.includes(h.key))?.section;
    const same = doc.sections.findIndex((s) => s.kind === kind);
    return { section: same >= 0 ? same : 0, after: null };
  }

  /** "Goes after clause 3.2." or "at the end of section 3". */
  targetText(): string {
    const at = this.target();
    if (!at) return "";
    if (at.after) return app.t("insertWhere").replace("{n}", label({ section: at.section, path: at.after }));
    return app.t("insertAtEnd").replace("{n}", String(at.section + 1));
  }

  async insert(): Promise<void> {
    const at = this.target();
    if (!at || this.selected.length === 0) return;
    // In the order the results list them.
    const keys = this.results.hits.filter((h) => this.selected.includes(h.key)).map((h) => h.key);
    try {
      const r = await app.enqueue(() => api.insertLibraryClauses(keys, at));
      app.applyState(r.state, true);
      this.selected = [];
      this.offers = r.offers;
      this.insertedIds = r.ids;
      const last = r.pointers[r.pointers.length - 1];
      const cp = last ? parseClausePointer(last) : null;
      if (cp) lastPlace = { section: cp.section, path: cp.path };
      app.flash(app.t("clausesInserted").replace("{n}", String(r.pointers.length)));
      const first = r.pointers[0];
      if (first) app.requestFocus(`c${first}`);
    } catch (e) {
      app.fail(e);
    }
  }

  async rename(offer: RenameOffer): Promise<void> {
    try {
      const r = await app.enqueue(() => api.renamePosition(this.insertedIds, offer));
      app.applyState(r.state, true);
      app.flash(app.t("renamed").replace("{n}", String(r.count)));
    } catch (e) {
      app.fail(e);
    }
    this.dismiss(offer);
  }

  dismiss(offer: RenameOffer): void {
    this.offers = this.offers.filter((o) => o !== offer);
  }
}

export const clausePanel = new ClausePanelState();

app.actionHandlers.find = () => find.show(false);
app.actionHandlers.replace = () => find.show(true);
app.actionHandlers["toggle-clauses"] = () => clausePanel.toggle();
