// Shows find matches in the editor: inside clause editors as CSS custom highlights (no DOM
// change, so the contenteditable and its caret are untouched); a text field (an <input>) that
// holds a match is marked as a whole, and the current match in it is selected.
import type { TextMatch } from "../bindings/TextMatch";
import { locate, segments, type Part } from "./find";

const ALL = "find-match";
const CURRENT = "find-current";

/** The element that shows the text at `pointer`: a clause editor or a text field. */
export function elementFor(pointer: string): HTMLElement | null {
  return document.getElementById(`c${pointer}`) ?? document.getElementById(`f${pointer}`);
}

function parts(host: Node): Part<Text>[] {
  const out: Part<Text>[] = [];
  host.childNodes.forEach((child) => {
    if (child.nodeType === Node.TEXT_NODE) {
      const text = child as Text;
      out.push({ text, length: text.data.length });
    } else if (child instanceof HTMLElement) {
      if (child.dataset.field) out.push({ chip: true });
      else if (child.tagName === "BR") out.push({ br: true });
      else out.push(...parts(child));
    }
  });
  return out;
}

function rangeOf(host: HTMLElement, m: TextMatch): Range | null {
  const where = locate(segments(parts(host)), m.piece, m.start, m.end);
  if (!where) return null;
  const r = document.createRange();
  r.setStart(where.start[0], where.start[1]);
  r.setEnd(where.end[0], where.end[1]);
  return r;
}

type Registry = { set(name: string, h: unknown): void; delete(name: string): void };
function registry(): Registry | null {
  const css = (globalThis as unknown as { CSS?: { highlights?: Registry } }).CSS;
  return css?.highlights ?? null;
}

/** Marks `matches` (the one at `current` more strongly); `scroll` brings the current one into
 * view. */
export function showMatches(matches: TextMatch[], current: number, scroll: boolean): void {
  clearMatches();
  const reg = registry();
  const HighlightCtor = (globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
  const all: Range[] = [];
  let currentRange: Range | null = null;
  matches.forEach((m, i) => {
    const el = elementFor(m.pointer);
    if (!el) return;
    if (el instanceof HTMLInputElement) {
      el.classList.add(i === current ? "find-current" : "find-hit");
      // Only when going to it: a field being typed in keeps its caret.
      if (i === current && scroll) {
        el.setSelectionRange(m.start, m.end);
        el.scrollIntoView({ block: "center" });
      }
      return;
    }
    const r = rangeOf(el, m);
    if (!r) return;
    if (i === current) currentRange = r;
    else all.push(r);
  });
  if (reg && HighlightCtor) {
    reg.set(ALL, new HighlightCtor(...all));
    if (currentRange) reg.set(CURRENT, new HighlightCtor(currentRange));
  }
  const cur = matches[current];
  if (scroll && cur && currentRange) {
    const host = elementFor(cur.pointer);
    const box = (currentRange as Range).getBoundingClientRect();
    const scroller = document.getElementById("editor-scroll");
    if (host && scroller) {
      const view = scroller.getBoundingClientRect();
      if (box.top < view.top + 60 || box.bottom > view.bottom - 20) {
        scroller.scrollBy({ top: box.top - view.top - view.height / 3 });
      }
    }
  }
}

export function clearMatches(): void {
  const reg = registry();
  reg?.delete(ALL);
  reg?.delete(CURRENT);
  document.querySelectorAll(".find-hit, .find-current").forEach((el) => el.classList.remove("find-hit", "find-current"));
}
