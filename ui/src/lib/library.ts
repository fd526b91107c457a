// The library table without a window: sorting, filtering, grouping by department, and where a
// search hit is in an opened document (an element id the editor can focus).
import type { Change } from "../bindings/Change";
import type { Clause } from "../bindings/Clause";
import type { Document } from "../bindings/Document";
import type { FieldInfo } from "../bindings/FieldInfo";
import type { LibraryRow } from "../bindings/LibraryRow";
import type { Place } from "../bindings/Place";
import type { ReplacePlan } from "../bindings/ReplacePlan";
import { clausePointer, type ClausePath } from "./doc";

export type SortKey = "position" | "department" | "organisation" | "approval" | "revision" | "modified" | "holder";
export const SORT_KEYS: SortKey[] = ["position", "department", "organisation", "approval", "revision", "modified", "holder"];

export interface Sort {
  key: SortKey;
  descending: boolean;
}

/** Who has the row's document open now ("" when nobody). */
export function holderOf(row: LibraryRow): string {
  return row.lock.state === "held" ? row.lock.user : "";
}

function sortValue(row: LibraryRow, key: SortKey): string | number {
  switch (key) {
    case "position":
      return row.position;
    case "department":
      return row.department;
    case "organisation":
      return row.organisation;
    case "approval":
      return row.approval.date ?? "";
    case "revision":
      return row.revision;
    case "modified":
      return row.modified;
    case "holder":
      return holderOf(row);
  }
}

const collator = new Intl.Collator(["ru", "en"], { sensitivity: "base", numeric: true });

/** The rows sorted by `sort` (ties by path, so the order is stable between refreshes). */
export function sortRows(rows: LibraryRow[], sort: Sort): LibraryRow[] {
  const sign = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    // Dates (ISO 8601, all in UTC) compare as written; names as people sort them.
    const plain = typeof x === "number" || sort.key === "approval" || sort.key === "modified";
    const c = plain ? (x < y ? -1 : x > y ? 1 : 0) : collator.compare(String(x), String(y));
    return c !== 0 ? sign * c : collator.compare(a.path, b.path);
  });
}

/** The next sort after a click on the header of `key`: the same column flips its direction. */
export function nextSort(current: Sort, key: SortKey): Sort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}

/** The rows whose visible text contains every word of `query` (case-insensitive). */
export function filterRows(rows: LibraryRow[], query: string): LibraryRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((r) => {
    const text = [r.position, r.department, r.organisation, r.path, r.approval.number, r.approval.approver, holderOf(r)].join(" ").toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export interface Group {
  /** "" for documents without a department. */
  department: string;
  rows: LibraryRow[];
}

/** The rows by department (in the order the departments first appear), keeping their order. */
export function groupByDepartment(rows: LibraryRow[]): Group[] {
  const groups = new Map<string, LibraryRow[]>();
  for (const r of rows) {
    const d = r.department.trim();
    const list = groups.get(d) ?? [];
    list.push(r);
    groups.set(d, list);
  }
  return [...groups].map(([department, rows]) => ({ department, rows }));
}

function findClause(clauses: Clause[], id: string, path: number[]): number[] | null {
  for (let i = 0; i < clauses.length; i++) {
    const c = clauses[i]!;
    if (c.id === id) return [...path, i];
    const inner = findClause(c.children, id, [...path, i]);
    if (inner) return inner;
  }
  return null;
}

/** The element id of a search hit's place in `doc`: a clause by its stable id, a field by its
 * JSON Pointer; null when the document has no such place (changed since it was indexed). */
export function elementIdOfPlace(doc: Document, place: Place, fields: FieldInfo[]): string | null {
  if (place.kind === "clause") {
    for (let s = 0; s < doc.sections.length; s++) {
      const path = findClause(doc.sections[s]!.clauses, place.id, []);
      if (path) {
        const cp: ClausePath = { section: s, path };
        return `c${clausePointer(cp)}`;
      }
    }
    return null;
  }
  const info = fields.find((f) => f.field === place.field);
  return info ? `f${info.pointer}` : null;
}

/** Every change of a plan, ticked, except those of documents someone holds open. */
export function initialTicks(plan: ReplacePlan): Set<string> {
  const out = new Set<string>();
  for (const d of plan.documents) {
    if (d.held_by) continue;
    for (const c of d.changes) out.add(tickKey(d.path, c));
  }
  return out;
}

export function tickKey(path: string, change: Change): string {
  return `${path}\u0000${change.key}`;
}

/** The kept changes as the apply command takes them. */
export function keptChanges(plan: ReplacePlan, ticks: Set<string>): { path: string; key: string }[] {
  return plan.documents.flatMap((d) => d.changes.filter((c) => ticks.has(tickKey(d.path, c))).map((c) => ({ path: d.path, key: c.key })));
}

/** The text around the first occurrence of `find` in `text` (for the preview of a long
 * clause), split so that the found text can be highlighted: [before, found, after]. */
export function around(text: string, find: string, context = 60): [string, string, string] {
  const at = find ? text.indexOf(find) : -1;
  if (at < 0) return [text.length > 2 * context ? `${text.slice(0, 2 * context)}…` : text, "", ""];
  const start = Math.max(0, at - context);
  const end = Math.min(text.length, at + find.length + context);
  return [(start > 0 ? "…" : "") + text.slice(start, at), text.slice(at, at + find.length), text.slice(at + find.length, end) + (end < text.length ? "…" : "")];
}

/** The file name of a path relative to the library, without `.jobdoc`. */
export function baseName(path: string): string {
  return (path.split("/").pop() ?? path).replace(/\.jobdoc$/i, "");
}
