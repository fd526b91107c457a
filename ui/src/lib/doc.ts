// Pure operations on a Document: clause paths, numbering, and every structural edit the editor
// offers. They mutate the document passed in (the store hands them a fresh copy) and return
// where the focus should go. No Tauri, no DOM: unit-tested with vitest.
import type { Clause } from "../bindings/Clause";
import type { Document } from "../bindings/Document";
import type { Language } from "../bindings/Language";
import type { Section } from "../bindings/Section";
import type { SectionKind } from "../bindings/SectionKind";

/** Deepest clause level (1.1.1.1. under section 1), as in the model. */
export const MAX_CLAUSE_DEPTH = 3;

/** A clause's place: the section index, then indices into `clauses` and `children`. */
export interface ClausePath {
  section: number;
  path: number[];
}

export function samePath(a: ClausePath, b: ClausePath): boolean {
  return a.section === b.section && a.path.length === b.path.length && a.path.every((v, i) => v === b.path[i]);
}

/** The printed number: section 1, path [1, 0] → "1.2.1.". */
export function label(cp: ClausePath): string {
  return [cp.section, ...cp.path].map((i) => `${i + 1}.`).join("");
}

/** JSON Pointer of a clause, as diagnostics carry it. */
export function clausePointer(cp: ClausePath): string {
  let out = `/sections/${cp.section}`;
  cp.path.forEach((i, depth) => {
    out += depth === 0 ? `/clauses/${i}` : `/children/${i}`;
  });
  return out;
}

/** The clause a JSON Pointer names (or lies inside), if any. */
export function parseClausePointer(pointer: string): ClausePath | null {
  const parts = pointer.split("/").slice(1);
  if (parts[0] !== "sections" || parts.length < 4 || parts[2] !== "clauses") return null;
  const section = Number(parts[1]);
  const path = [Number(parts[3])];
  for (let i = 4; i + 1 < parts.length && parts[i] === "children"; i += 2) {
    path.push(Number(parts[i + 1]));
  }
  if (!Number.isInteger(section) || path.some((n) => !Number.isInteger(n))) return null;
  return { section, path };
}

/** The list holding the clause at `cp` (its siblings), or null when the path is stale. */
export function siblings(doc: Document, cp: ClausePath): Clause[] | null {
  const section = doc.sections[cp.section];
  if (!section) return null;
  let list = section.clauses;
  for (const i of cp.path.slice(0, -1)) {
    const clause = list[i];
    if (!clause) return null;
    list = clause.children;
  }
  return list;
}

export function clauseAt(doc: Document, cp: ClausePath): Clause | null {
  const list = siblings(doc, cp);
  const last = cp.path[cp.path.length - 1];
  return list && last !== undefined ? (list[last] ?? null) : null;
}

/** Levels in a clause's subtree, the clause itself included. */
export function subtreeDepth(clause: Clause): number {
  return 1 + Math.max(0, ...clause.children.map(subtreeDepth));
}

/** Every clause in reading order with its path. */
export function allClauses(doc: Document): { cp: ClausePath; clause: Clause }[] {
  const out: { cp: ClausePath; clause: Clause }[] = [];
  const walk = (section: number, prefix: number[], list: Clause[]) => {
    list.forEach((clause, i) => {
      const path = [...prefix, i];
      out.push({ cp: { section, path }, clause });
      walk(section, path, clause.children);
    });
  };
  doc.sections.forEach((s, i) => walk(i, [], s.clauses));
  return out;
}

/** A new clause; the session gives it its stable id. */
export function newClause(text = ""): Clause {
  return { id: "", text, children: [] };
}

/** Adds an empty clause right after `cp`, on the same level. */
export function addClauseAfter(doc: Document, cp: ClausePath): ClausePath | null {
  const list = siblings(doc, cp);
  const last = cp.path[cp.path.length - 1];
  if (!list || last === undefined) return null;
  list.splice(last + 1, 0, newClause());
  return { section: cp.section, path: [...cp.path.slice(0, -1), last + 1] };
}

/** Adds an empty clause at the end of a section. */
export function appendClause(doc: Document, section: number): ClausePath | null {
  const s = doc.sections[section];
  if (!s) return null;
  s.clauses.push(newClause());
  return { section, path: [s.clauses.length - 1] };
}

/** Deletes a clause with its sub-clauses; returns the clause to focus next. */
export function deleteClause(doc: Document, cp: ClausePath): ClausePath | null {
  const list = siblings(doc, cp);
  const last = cp.path[cp.path.length - 1];
  if (!list || last === undefined || !list[last]) return null;
  list.splice(last, 1);
  if (last > 0) return { section: cp.section, path: [...cp.path.slice(0, -1), last - 1] };
  if (list.length > 0) return cp;
  if (cp.path.length > 1) return { section: cp.section, path: cp.path.slice(0, -1) };
  return null;
}

export function canIndent(doc: Document, cp: ClausePath): boolean {
  const clause = clauseAt(doc, cp);
  const last = cp.path[cp.path.length - 1];
  return !!clause && last !== undefined && last > 0 && cp.path.length + subtreeDepth(clause) <= MAX_CLAUSE_DEPTH;
}

/** Makes the clause the last sub-clause of the clause above it. */
export function indent(doc: Document, cp: ClausePath): ClausePath | null {
  if (!canIndent(doc, cp)) return null;
  const list = siblings(doc, cp)!;
  const last = cp.path[cp.path.length - 1]!;
  const [clause] = list.splice(last, 1);
  const parent = list[last - 1]!;
  parent.children.push(clause!);
  return { section: cp.section, path: [...cp.path.slice(0, -1), last - 1, parent.children.length - 1] };
}

export function canOutdent(doc: Document, cp: ClausePath): boolean {
  return cp.path.length > 1 && clauseAt(doc, cp) !== null;
}

/** Moves the clause out of its parent, right after the parent. */
export function outdent(doc: Document, cp: ClausePath): ClausePath | null {
  if (!canOutdent(doc, cp)) return null;
  const list = siblings(doc, cp)!;
  const last = cp.path[cp.path.length - 1]!;
  const parentPath: ClausePath = { section: cp.section, path: cp.path.slice(0, -1) };
  const outer = siblings(doc, parentPath)!;
  const parentIndex = parentPath.path[parentPath.path.length - 1]!;
  const [clause] = list.splice(last, 1);
  outer.splice(parentIndex + 1, 0, clause!);
  return { section: cp.section, path: [...parentPath.path.slice(0, -1), parentIndex + 1] };
}

/** Swaps the clause with its neighbour on the same level (`delta` −1 or +1). */
export function moveClause(doc: Document, cp: ClausePath, delta: -1 | 1): ClausePath | null {
  const list = siblings(doc, cp);
  const last = cp.path[cp.path.length - 1];
  if (!list || last === undefined) return null;
  const target = last + delta;
  if (target < 0 || target >= list.length) return null;
  [list[last], list[target]] = [list[target]!, list[last]!];
  return { section: cp.section, path: [...cp.path.slice(0, -1), target] };
}

/** True when `inner` is `outer` or lies inside its subtree. */
export function isWithin(inner: ClausePath, outer: ClausePath): boolean {
  return (
    inner.section === outer.section &&
    inner.path.length >= outer.path.length &&
    outer.path.every((v, i) => inner.path[i] === v)
  );
}

/**
 * Drag and drop: moves the clause at `from` just before or after the clause at `to`, on the
 * target's level. Refused (null) when dropped into its own subtree or when it would nest too deep.
 */
export function dropClause(doc: Document, from: ClausePath, to: ClausePath, place: "before" | "after"): ClausePath | null {
  if (isWithin(to, from)) return null;
  const clause = clauseAt(doc, from);
  const target = clauseAt(doc, to);
  if (!clause || !target) return null;
  if (to.path.length - 1 + subtreeDepth(clause) > MAX_CLAUSE_DEPTH) return null;
  const fromList = siblings(doc, from)!;
  fromList.splice(from.path[from.path.length - 1]!, 1);
  // Find the target again: removing the dragged clause may have shifted it.
  const located = allClauses(doc).find((c) => c.clause === target);
  if (!located) return null;
  const toList = siblings(doc, located.cp)!;
  const index = located.cp.path[located.cp.path.length - 1]! + (place === "after" ? 1 : 0);
  toList.splice(index, 0, clause);
  return { section: located.cp.section, path: [...located.cp.path.slice(0, -1), index] };
}

/** Moves a clause to the end of another (or the same) section, on the first level. */
export function moveClauseToSection(doc: Document, from: ClausePath, section: number): ClausePath | null {
  const clause = clauseAt(doc, from);
  const s = doc.sections[section];
  if (!clause || !s) return null;
  siblings(doc, from)!.splice(from.path[from.path.length - 1]!, 1);
  s.clauses.push(clause);
  return { section, path: [s.clauses.length - 1] };
}

// Sections

export const STANDARD_KINDS: SectionKind[] = ["general", "functions", "duties", "rights", "liability", "relationships"];

const STANDARD_TITLES: Record<Language, Record<SectionKind, string>> = {
  ru: {
    general: "Общие положения",
    functions: "Функции",
    duties: "Должностные обязанности",
    rights: "Права",
    liability: "Ответственность",
    relationships: "Взаимоотношения (связи по должности)",
    custom: "Раздел",
  },
  en: {
    general: "General provisions",
    functions: "Functions",
    duties: "Duties",
    rights: "Rights",
    liability: "Liability",
    relationships: "Relationships",
    custom: "Section",
  },
};

/** The heading printed for a section (same rule as the model's `Section::heading`). */
export function sectionHeading(section: Section, language: Language): string {
  return section.title.trim() === "" ? STANDARD_TITLES[language][section.kind] : section.title;
}

/** Adds a custom section after `after` (or at the end); returns its index. */
export function addSection(doc: Document, title: string, after?: number): number {
  const index = after === undefined ? doc.sections.length : after + 1;
  doc.sections.splice(index, 0, { kind: "custom", title, clauses: [newClause()] });
  return index;
}

/** Adds a missing standard section in its usual place; returns its index. */
export function addStandardSection(doc: Document, kind: SectionKind): number {
  const order = STANDARD_KINDS.indexOf(kind);
  let index = doc.sections.findIndex((s) => STANDARD_KINDS.indexOf(s.kind) > order || s.kind === "custom");
  if (index < 0) index = doc.sections.length;
  doc.sections.splice(index, 0, { kind, title: "", clauses: [newClause()] });
  return index;
}

export function missingStandardKinds(doc: Document): SectionKind[] {
  return STANDARD_KINDS.filter((k) => !doc.sections.some((s) => s.kind === k));
}

export function moveSection(doc: Document, index: number, delta: -1 | 1): number | null {
  const target = index + delta;
  if (index < 0 || index >= doc.sections.length || target < 0 || target >= doc.sections.length) return null;
  const s = doc.sections;
  [s[index], s[target]] = [s[target]!, s[index]!];
  return target;
}

export function removeSection(doc: Document, index: number): number | null {
  if (!doc.sections[index]) return null;
  doc.sections.splice(index, 1);
  return doc.sections.length === 0 ? null : Math.min(index, doc.sections.length - 1);
}

// Approval, signatories, acknowledgement

export function setApprovalKind(doc: Document, kind: "stamp" | "order"): void {
  if (doc.approval.kind === kind) return;
  const date = doc.approval.date;
  doc.approval =
    kind === "stamp"
      ? { kind: "stamp", approver_position: "", approver_name: "", date }
      : { kind: "order", number: "", date };
}

export function addVisa(doc: Document): number {
  doc.signatures.visas.push({ position: "", name: "" });
  return doc.signatures.visas.length - 1;
}

export function removeVisa(doc: Document, index: number): void {
  doc.signatures.visas.splice(index, 1);
}

export function setSheet(doc: Document, on: boolean): void {
  if (on && !doc.acknowledgement.sheet) doc.acknowledgement.sheet = { employees: [], blank_rows: 10 };
  if (!on) doc.acknowledgement.sheet = null;
}

export function addEmployee(doc: Document): number {
  setSheet(doc, true);
  const sheet = doc.acknowledgement.sheet!;
  sheet.employees.push({ name: "", position: doc.position.name });
  return sheet.employees.length - 1;
}

export function removeEmployee(doc: Document, index: number): void {
  doc.acknowledgement.sheet?.employees.splice(index, 1);
}

/** A date typed as DD.MM.YYYY or YYYY-MM-DD, as the model stores it (YYYY-MM-DD), or null. */
export function parseDate(text: string): string | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
    if (!m) return undefined;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1) return undefined;
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
