// The import review's pure logic: what each report entry is shown as (kind, label), which
// re-assignments a row offers and how a choice becomes the `Reassign` the Rust side applies,
// and how dropped or chosen files are routed (open, review one, import several).
import type { Document } from "../bindings/Document";
import type { Dropped } from "../bindings/Dropped";
import type { ImportReport } from "../bindings/ImportReport";
import type { Note } from "../bindings/Note";
import type { Reassign } from "../bindings/Reassign";
import type { ReportEntry } from "../bindings/ReportEntry";
import { label, sectionHeading } from "./doc";
import type { Key } from "./i18n";

type T = (key: Key) => string;

/** The colour class of a row: what kind of thing the paragraph became. */
export type EntryKind = "title" | "heading" | "clause" | "field" | "signature" | "dropped";

export function entryKind(entry: ReportEntry): EntryKind {
  switch (entry.became.kind) {
    case "title":
      return "title";
    case "heading":
      return "heading";
    case "clause":
      return "clause";
    case "field":
      return "field";
    case "signature":
    case "acknowledgement":
      return "signature";
    case "dropped":
      return "dropped";
  }
}

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

/** What the paragraph became, in words («Clause 2.3.1. in «Duties»», «Dropped»). */
export function becameLabel(entry: ReportEntry, doc: Document, t: T): string {
  const b = entry.became;
  switch (b.kind) {
    case "title":
      return t("importTitleLine");
    case "heading": {
      const s = doc.sections[b.section];
      return s ? `${t("importHeading")} ${b.section + 1}. ${sectionHeading(s, doc.language)}` : t("importHeading");
    }
    case "clause": {
      const s = doc.sections[b.section];
      return fill(t("importClause"), { number: label({ section: b.section, path: b.path }), section: s ? sectionHeading(s, doc.language) : "?" });
    }
    case "field":
      return fill(t("importField"), { field: t(`field_${b.field}` as Key) });
    case "signature":
      return b.role === "author" ? t("importAuthor") : b.role === "visa" ? fill(t("importVisa"), { n: b.index + 1 }) : t("importAckMark");
    case "acknowledgement":
      return t("importAckMark");
    case "dropped":
      return t("importDropped");
  }
}

/** Why (the recogniser's reason, or «re-assigned by you»). */
export function reasonLabel(entry: ReportEntry, t: T): string {
  return t(`reason_${entry.reason}` as Key);
}

export function noteLabel(note: Note, doc: Document, t: T): string {
  switch (note.kind) {
    case "missing_section":
      return fill(t("note_missing_section"), { section: sectionHeading({ kind: note.section_kind, title: "", clauses: [] }, doc.language) });
    case "folded_clauses":
      return fill(t("note_folded_clauses"), { n: note.count });
    default:
      return t(`note_${note.kind}` as Key);
  }
}

/** Whether the row offers re-assignment: body paragraphs (headings, clauses, dropped ones);
 * a line continuing a clause moves with it; header lines are edited in the editor. */
export function reassignable(entry: ReportEntry): boolean {
  const k = entry.became.kind;
  if (k === "clause") return entry.reason !== "continuation";
  return k === "heading" || k === "dropped";
}

export interface Choice {
  value: string;
  label: string;
}

/** The choices of a row's select: a clause at each level where it stands, a clause at the end
 * of each other section, a section heading, dropped. */
export function choicesFor(entry: ReportEntry, doc: Document, t: T): Choice[] {
  const out: Choice[] = [1, 2, 3].map((n) => ({ value: `depth:${n}`, label: fill(t("importAsClause"), { n }) }));
  const own = entry.became.kind === "clause" || entry.became.kind === "heading" ? entry.became.section : -1;
  doc.sections.forEach((s, i) => {
    if (i !== own) out.push({ value: `section:${i}`, label: fill(t("importToSection"), { section: `${i + 1}. ${sectionHeading(s, doc.language)}` }) });
  });
  out.push({ value: "heading", label: t("importAsHeading") });
  out.push({ value: "drop", label: entry.became.kind === "dropped" ? t("importDropped") : t("importDrop") });
  return out;
}

/** The select's value for what the entry is now. */
export function currentChoice(entry: ReportEntry): string {
  switch (entry.became.kind) {
    case "clause":
      return `depth:${entry.became.depth}`;
    case "heading":
      return "heading";
    default:
      return "drop";
  }
}

/** A select value as the Rust side's `Reassign`; null for an unknown value. */
export function reassignOf(value: string): Reassign | null {
  if (value === "heading") return { kind: "heading" };
  if (value === "drop") return { kind: "dropped" };
  const m = /^(depth|section):(\d+)$/.exec(value);
  if (!m) return null;
  const n = Number(m[2]);
  return m[1] === "depth" ? { kind: "clause", depth: n, section: null } : { kind: "clause", depth: 1, section: n };
}

/** The counts shown above the list: clauses, headings, header and signature lines, dropped. */
export function counts(report: ImportReport): { clauses: number; headings: number; fields: number; dropped: number } {
  const c = { clauses: 0, headings: 0, fields: 0, dropped: 0 };
  for (const e of report.paragraphs) {
    const k = entryKind(e);
    if (k === "clause") c.clauses++;
    else if (k === "heading") c.headings++;
    else if (k === "dropped") c.dropped++;
    else c.fields++;
  }
  return c;
}

export function fillCounts(text: string, c: ReturnType<typeof counts>): string {
  return fill(text, c);
}

export { fill };

/** What to do with files dropped on the window or chosen in the import dialog. */
export type Route =
  | { kind: "open"; path: string }
  | { kind: "review"; path: string }
  | { kind: "batch"; paths: string[] }
  | { kind: "nothing" };

/** A dropped `.jobdoc` opens (only when nothing is to be imported beside it); one other file
 * goes to the review, several are imported into a folder. */
export function routeFiles(dropped: Dropped): Route {
  if (dropped.import.length > 1) return { kind: "batch", paths: dropped.import };
  if (dropped.import.length === 1) return { kind: "review", path: dropped.import[0]! };
  if (dropped.open) return { kind: "open", path: dropped.open };
  return { kind: "nothing" };
}

/** The file name without its folder. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
