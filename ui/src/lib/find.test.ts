import { describe, expect, it } from "vitest";
import type { TextMatch } from "../bindings/TextMatch";
import { countLabel, findKey, keepCurrent, locate, segments, step, type Part } from "./find";

const m = (pointer: string, start: number, piece = 0): TextMatch => ({ pointer, piece, start, end: start + 3 });
const key = (k: string, shiftKey = false) => ({ key: k, shiftKey, ctrlKey: false, metaKey: false, altKey: false });

describe("match navigation", () => {
  it("steps forward and back, wrapping round", () => {
    expect(step(0, 3, 1)).toBe(1);
    expect(step(2, 3, 1)).toBe(0);
    expect(step(0, 3, -1)).toBe(2);
    expect(step(-1, 3, 1)).toBe(0);
    expect(step(-1, 3, -1)).toBe(2);
    expect(step(5, 3, 1)).toBe(0);
    expect(step(0, 0, 1)).toBe(-1);
  });
  it("keeps the current match, or moves to the next one after it was replaced", () => {
    const list = [m("/a", 0), m("/b", 1), m("/b", 9), m("/c", 2)];
    expect(keepCurrent(m("/b", 9), list)).toBe(2);
    expect(keepCurrent(null, list)).toBe(0);
    expect(keepCurrent(m("/x", 0), [])).toBe(-1);
    const order = (x: TextMatch) => ["/a", "/b", "/c"].indexOf(x.pointer);
    // "/b" at 1 was replaced: the next one is "/b" at 9.
    expect(keepCurrent(m("/b", 1), [m("/a", 0), m("/b", 9), m("/c", 2)], order)).toBe(1);
    // The last one was replaced: back to the first.
    expect(keepCurrent(m("/c", 2), [m("/a", 0), m("/b", 9)], order)).toBe(0);
  });
  it("says where it is", () => {
    expect(countLabel(2, 12, "{i} of {n}", "No matches")).toBe("3 of 12");
    expect(countLabel(-1, 4, "{i} из {n}", "Не найдено")).toBe("0 из 4");
    expect(countLabel(-1, 0, "{i} of {n}", "No matches")).toBe("No matches");
  });
  it("reads Enter, Shift+Enter, F3 and Esc", () => {
    expect(findKey(key("Enter"))).toBe("next");
    expect(findKey(key("Enter", true))).toBe("previous");
    expect(findKey(key("F3"))).toBe("next");
    expect(findKey(key("F3", true))).toBe("previous");
    expect(findKey(key("Escape"))).toBe("close");
    expect(findKey(key("a"))).toBeNull();
    expect(findKey({ ...key("Enter"), ctrlKey: true })).toBeNull();
  });
});

describe("matches in a clause editor", () => {
  it("map pieces between chips to text nodes", () => {
    const parts: Part<string>[] = [{ chip: true }, { text: "ab", length: 2 }, { text: "cd", length: 2 }, { chip: true }, { chip: true }, { text: "efg", length: 3 }, { br: true }, { text: "h", length: 1 }];
    const segs = segments(parts);
    expect(segs.map((s) => [s.node, s.piece, s.offset])).toEqual([
      ["ab", 0, 0],
      ["cd", 0, 2],
      ["efg", 1, 0],
      ["h", 1, 4],
    ]);
    expect(locate(segs, 0, 1, 3)).toEqual({ start: ["ab", 1], end: ["cd", 1] });
    expect(locate(segs, 0, 0, 2)).toEqual({ start: ["ab", 0], end: ["ab", 2] });
    expect(locate(segs, 1, 4, 5)).toEqual({ start: ["h", 0], end: ["h", 1] });
    expect(locate(segs, 2, 0, 1)).toBeNull();
  });
});
