import { describe, expect, it } from "vitest";
import type { Document } from "../bindings/Document";
import type { FieldInfo } from "../bindings/FieldInfo";
import { fromPieces, isBlank, link, pieces, printed, referencedFields, valueAt } from "./richtext";

const fields: FieldInfo[] = [
  { field: "position", pointer: "/position/name", label_ru: "Должность", label_en: "Position" },
  { field: "reports_to", pointer: "/position/reports_to", label_ru: "Подчиняется", label_en: "Reports to" },
];

const doc = { position: { name: "менеджер", title_form: "", reports_to: "директору", substitute: "" } } as unknown as Document;

describe("rich clause text", () => {
  it("is canonical: plain strings stay strings, neighbouring texts join", () => {
    expect(fromPieces([{ text: "a" }, { text: "" }, { text: "b" }])).toBe("ab");
    expect(fromPieces([])).toBe("");
    expect(fromPieces([{ text: "x " }, { field: "position" }, { text: "" }])).toEqual(["x ", { field: "position" }]);
    expect(pieces(["a", { field: "reports_to" }])).toEqual([{ text: "a" }, { field: "reports_to" }]);
    expect(pieces("")).toEqual([]);
    expect(referencedFields(["a", { field: "reports_to" }, { field: "position" }])).toEqual(["reports_to", "position"]);
    expect(isBlank("  ")).toBe(true);
    expect(isBlank([{ field: "position" }])).toBe(false);
  });

  it("prints the fields' text, capitalised where a sentence starts", () => {
    const text = fromPieces([{ field: "position" }, { text: " подчиняется " }, { field: "reports_to" }, { text: ". " }, { field: "position" }, { text: " обязан" }]);
    expect(printed(text, doc, fields)).toBe("Менеджер подчиняется директору. Менеджер обязан");
    expect(printed([{ field: "reports_to" }], { position: { reports_to: " " } } as unknown as Document, fields)).toBe("____________");
  });

  it("links whole words only", () => {
    const r = link("Менеджер подчиняется директору; заместитель менеджера — менеджер.", "менеджер", "position");
    expect(r.count).toBe(2);
    expect(r.text).toEqual([{ field: "position" }, " подчиняется директору; заместитель менеджера — ", { field: "position" }, "."]);
    expect(link("abc", " ", "position").count).toBe(0);
  });

  it("reads values by JSON Pointer", () => {
    expect(valueAt(doc, "/position/reports_to")).toBe("директору");
    expect(valueAt(doc, "/position/nothing")).toBe("");
    expect(valueAt(doc, "/nowhere/deep")).toBe("");
  });
});
