import { describe, expect, it } from "vitest";
import type { Document } from "../bindings/Document";
import type { LibraryRow } from "../bindings/LibraryRow";
import type { ReplacePlan } from "../bindings/ReplacePlan";
import { around, baseName, elementIdOfPlace, filterRows, groupByDepartment, initialTicks, keptChanges, nextSort, sortRows } from "./library";

function row(path: string, position: string, department: string, extra: Partial<LibraryRow> = {}): LibraryRow {
  return {
    path,
    id: path,
    language: "ru",
    position,
    department,
    organisation: "ООО «Альфа»",
    approval: { kind: "order", date: null, number: "", approver: "" },
    revision: 1,
    modified: "2026-11-01T09:00:00Z",
    file_modified: null,
    size: 100,
    sha256: "",
    archived: false,
    migrated_from: null,
    lock: { state: "free" },
    ...extra,
  };
}

const rows = [
  row("b.jobdoc", "Бухгалтер", "Бухгалтерия", { revision: 10, modified: "2026-11-03T09:00:00Z" }),
  row("a.jobdoc", "Кассир", "Бухгалтерия", { revision: 2, lock: { state: "held", user: "ivanova", machine: "PC", since: "2026-11-01T09:00:00Z", heartbeat: "2026-11-01T09:00:00Z", stale: false } }),
  row("c.jobdoc", "аналитик", "", { revision: 3, modified: "2026-10-01T09:00:00Z" }),
];

describe("library table", () => {
  it("sorts by a column, numbers as numbers, names as people sort them, ties by path", () => {
    expect(sortRows(rows, { key: "position", descending: false }).map((r) => r.position)).toEqual(["аналитик", "Бухгалтер", "Кассир"]);
    expect(sortRows(rows, { key: "revision", descending: true }).map((r) => r.revision)).toEqual([10, 3, 2]);
    expect(sortRows(rows, { key: "modified", descending: false }).map((r) => r.path)).toEqual(["c.jobdoc", "a.jobdoc", "b.jobdoc"]);
    expect(sortRows(rows, { key: "department", descending: false }).map((r) => r.path)).toEqual(["c.jobdoc", "a.jobdoc", "b.jobdoc"]);
    expect(sortRows(rows, { key: "holder", descending: true })[0]!.path).toBe("a.jobdoc");
  });
  it("flips the direction on a second click", () => {
    expect(nextSort({ key: "position", descending: false }, "position")).toEqual({ key: "position", descending: true });
    expect(nextSort({ key: "position", descending: true }, "revision")).toEqual({ key: "revision", descending: false });
  });
  it("filters by every word, also the holder", () => {
    expect(filterRows(rows, "бухг").map((r) => r.path)).toEqual(["b.jobdoc", "a.jobdoc"]);
    expect(filterRows(rows, "бухгалтерия кассир").map((r) => r.path)).toEqual(["a.jobdoc"]);
    expect(filterRows(rows, "ivanova").map((r) => r.path)).toEqual(["a.jobdoc"]);
    expect(filterRows(rows, "  ")).toHaveLength(3);
  });
  it("groups by department keeping the order", () => {
    expect(groupByDepartment(rows).map((g) => [g.department, g.rows.length])).toEqual([
      ["Бухгалтерия", 2],
      ["", 1],
    ]);
  });
  it("names files without the extension", () => {
    expect(baseName("Бухгалтерия/Главный бухгалтер.jobdoc")).toBe("Главный бухгалтер");
  });
});

describe("search hits", () => {
  const doc = {
    sections: [
      { kind: "general", title: "", clauses: [{ id: "c1", text: [], children: [] }] },
      { kind: "duties", title: "", clauses: [{ id: "c2", text: [], children: [{ id: "c3", text: [], children: [] }] }] },
    ],
  } as unknown as Document;
  it("finds a clause by its id and a field by its pointer", () => {
    expect(elementIdOfPlace(doc, { kind: "clause", id: "c3", section: "duties", number: "2.1.1." }, [])).toBe("c/sections/1/clauses/0/children/0");
    expect(elementIdOfPlace(doc, { kind: "clause", id: "gone", section: "duties", number: "" }, [])).toBeNull();
    const fields = [{ field: "position" as const, pointer: "/position/name", label_ru: "", label_en: "" }];
    expect(elementIdOfPlace(doc, { kind: "field", field: "position" }, fields)).toBe("f/position/name");
  });
});

describe("replace preview", () => {
  const plan: ReplacePlan = {
    find: "РФ",
    with: "Российской Федерации",
    skipped: [],
    documents: [
      { path: "a.jobdoc", position: "", sha256: "", held_by: null, changes: [{ key: "clause:c1", place: { kind: "field", field: "x" }, before: "", after: "", count: 1 }, { key: "field:place", place: { kind: "field", field: "place" }, before: "", after: "", count: 1 }] },
      { path: "b.jobdoc", position: "", sha256: "", held_by: { user: "u", machine: "m", since: "", heartbeat: "", stale: false }, changes: [{ key: "clause:c1", place: { kind: "field", field: "x" }, before: "", after: "", count: 1 }] },
    ],
  };
  it("ticks every change but those of documents held open, and sends the kept ones", () => {
    const ticks = initialTicks(plan);
    expect(ticks.size).toBe(2);
    ticks.delete("a.jobdoc\u0000field:place");
    expect(keptChanges(plan, ticks)).toEqual([{ path: "a.jobdoc", key: "clause:c1" }]);
  });
  it("shows the text around the change", () => {
    expect(around("по законам РФ и края", "РФ", 5)).toEqual(["…онам ", "РФ", " и кр…"]);
    expect(around("short", "x")).toEqual(["short", "", ""]);
  });
});
