// What the Editions and Employees panels share: the session's view of the editions (history,
// draft state, who stands where with the latest edition), refreshed after every change, and
// the export flow they all use (choose a folder, ask before replacing files, say what was
// written).
import { dialogs, editionsApi, type EditionsView, type ExportOutcome } from "../api";
import type { Approval } from "../bindings/Approval";
import type { UiLang } from "./i18n";
import { app } from "./app.svelte";
import { shownDate } from "./staff";

class EditionsState {
  view = $state<EditionsView | null>(null);
  private asked = 0;

  /** Asks the session again; an answer overtaken by a newer request is dropped. */
  async refresh(): Promise<void> {
    const mine = ++this.asked;
    try {
      const view = await app.afterEdits(() => editionsApi.view());
      if (mine === this.asked) this.view = view;
    } catch {
      if (mine === this.asked) this.view = null;
    }
  }

  /** The latest edition's number (0 before the first). */
  get latest(): number {
    const list = this.view?.editions ?? [];
    return list.length > 0 ? list[list.length - 1]!.number : 0;
  }
}

export const editions = new EditionsState();

/** An approval as one line: «order No. 5-к of 02.03.2026», «stamp, A. B. Ivanov, 02.03.2026». */
export function approvalText(a: Approval, lang: UiLang): string {
  const date = shownDate(a.date);
  if (a.kind === "order") {
    return lang === "ru" ? `приказ № ${a.number} от ${date}`.trim() : `order No. ${a.number} of ${date}`.trim();
  }
  return lang === "ru" ? `гриф «Утверждаю», ${a.approver_name} ${date}`.trim() : `stamp APPROVED, ${a.approver_name} ${date}`.trim();
}

/** Asks for a folder, runs `run` into it, asks before replacing files, and says how many files
 * were written. Returns the files written (empty when cancelled). */
export async function exportInto(run: (folder: string, overwrite: boolean) => Promise<ExportOutcome>): Promise<string[]> {
  try {
    const folder = await dialogs.chooseFolder(app.t("chooseFolderTitle"), app.settings.last_export_dir);
    if (!folder) return [];
    let outcome = await app.afterEdits(() => run(folder, false));
    if (outcome.existing.length > 0) {
      const ok = await new Promise<boolean>((resolve) => {
        app.modal = { kind: "overwrite", files: outcome.existing, resolve };
      });
      app.modal = null;
      if (!ok) return [];
      outcome = await app.afterEdits(() => run(folder, true));
    }
    app.flash(app.t("filesWritten").replace("{n}", String(outcome.files.length)));
    return outcome.files;
  } catch (e) {
    app.fail(e);
    return [];
  }
}
