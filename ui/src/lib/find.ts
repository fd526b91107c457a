// Find and replace in the open document: the pure part (which match is current, how the count
// reads, which key does what, where a match lies among the DOM's text nodes). The matching
// itself is done by the Rust side (`find_in_document`), so that the count, the highlights and
// "Replace all" agree. Unit-tested with vitest.
import type { TextMatch } from "../bindings/TextMatch";

/** The match after (`1`) or before (`-1`) `current`, wrapping round; -1 when there is none. */
export function step(current: number, count: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0 || current >= count) return direction > 0 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/** Which match to show after the list changed: the one at the same place if it is still there,
 * else the first one from there on (so that after "Replace" the next match is current). */
export function keepCurrent(previous: TextMatch | null, matches: TextMatch[], order: (m: TextMatch) => number = () => 0): number {
  if (matches.length === 0) return -1;
  if (!previous) return 0;
  const same = matches.findIndex((m) => m.pointer === previous.pointer && m.piece === previous.piece && m.start === previous.start);
  if (same >= 0) return same;
  const at = order(previous);
  const after = matches.findIndex((m) => order(m) > at || (order(m) === at && (m.piece > previous.piece || (m.piece === previous.piece && m.start >= previous.start))));
  return after >= 0 ? after : 0;
}

/** "3 of 12" (`template` holds `{i}` and `{n}`), or the no-match text. */
export function countLabel(current: number, count: number, template: string, none: string): string {
  if (count === 0) return none;
  return template.replace("{i}", String(current < 0 ? 0 : current + 1)).replace("{n}", String(count));
}

export type FindKey = "next" | "previous" | "close" | null;

/** What a key pressed in the find bar asks for: Enter / F3 the next match, Shift+Enter /
 * Shift+F3 the previous one, Esc closes. */
export function findKey(e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): FindKey {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === "Enter" || e.key === "F3") return e.shiftKey ? "previous" : "next";
  if (e.key === "Escape") return "close";
  return null;
}

/** A text node's share of a clause's typed text: its piece and where it starts in it. */
export interface Segment<N> {
  node: N;
  piece: number;
  /** Offset of the node's text within its piece (UTF-16 code units). */
  offset: number;
  length: number;
}

/** A clause editor's content as the walk sees it: text, a field chip, or a line break. */
export type Part<N> = { text: N; length: number } | { chip: true } | { br: true };

/** The segments of a clause editor's parts: a chip ends a piece (only a piece with text
 * counts, as the model drops empty ones); a line break is a "\n" inside the piece. */
export function segments<N>(parts: Part<N>[]): Segment<N>[] {
  const out: Segment<N>[] = [];
  let piece = 0;
  let offset = 0;
  for (const p of parts) {
    if ("chip" in p) {
      if (offset > 0) piece++;
      offset = 0;
    } else if ("br" in p) {
      offset += 1;
    } else {
      out.push({ node: p.text, piece, offset, length: p.length });
      offset += p.length;
    }
  }
  return out;
}

/** Where `start` and `end` of piece `piece` fall: a node and an offset in it, each. */
export function locate<N>(segs: Segment<N>[], piece: number, start: number, end: number): { start: [N, number]; end: [N, number] } | null {
  const inPiece = segs.filter((s) => s.piece === piece);
  const find = (at: number, isEnd: boolean): [N, number] | null => {
    const s = inPiece.find((s) => (isEnd ? at > s.offset && at <= s.offset + s.length : at >= s.offset && at < s.offset + s.length));
    return s ? [s.node, at - s.offset] : null;
  };
  const a = find(start, false);
  const b = find(end, true);
  return a && b ? { start: a, end: b } : null;
}
