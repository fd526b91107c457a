// Moving the focus to what a JSON Pointer names: a clause, a field, or the nearest enclosing one.
import { clausePointer, parseClausePointer } from "./doc";

/** Element ids to try for a pointer, most specific first. */
export function focusCandidates(pointer: string): string[] {
  const out: string[] = [];
  const cp = parseClausePointer(pointer);
  if (cp) out.push(`c${clausePointer(cp)}`);
  let p = pointer;
  while (p.length > 0) {
    out.push(`f${p}`, `f${p}/*`, `s${p}`);
    p = p.slice(0, p.lastIndexOf("/"));
  }
  return out;
}

/** Focuses and reveals the element for `pointer`; true when one was found. */
export function focusPointer(pointer: string, root: ParentNode = document): boolean {
  for (const id of focusCandidates(pointer)) {
    const el = id.endsWith("/*")
      ? root.querySelector<HTMLElement>(`[id^="${CSS.escape(id.slice(0, -1))}"]`)
      : document.getElementById(id);
    if (el) {
      el.scrollIntoView({ block: "center", behavior: "smooth" });
      el.focus({ preventScroll: true });
      return true;
    }
  }
  return false;
}
