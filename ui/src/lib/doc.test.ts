import { describe, expect, it } from "vitest";
import type { Document } from "../bindings/Document";
import * as ops from "./doc";

function doc(): Document {
  const c = (text: string, children: ReturnType<typeof ops.newClause>[] = []) => ({ id: `id-${text}`, text, children });
  return {
    schema: 1,
    meta: { id: "x", created: "", modified: "", revision: 0, template: null },
    language: "ru",
    organisation: { name: "", short_name: "", department: "", place: "" },
    position: { name: "менеджер", title_form: "", reports_to: "", substitute: "" },
    registration: { date: null, number: "" },
    approval: { kind: "stamp", approver_position: "", approver_name: "", date: null },
    sections: [
      { kind: "general", title: "", clauses: [c("a"), c("b", [c("b1"), c("b2")]), c("c")] },
      { kind: "duties", title: "", clauses: [c("d")] },
    ],
    signatures: { author: { position: "", name: "" }, visas: [] },
    acknowledgement: { mark: true, sheet: null },
    page: { font_size_pt: 14, line_spacing: 1, margins_mm: { top: 20, bottom: 20, left: 30, right: 10 } },
    staff: [],
    acknowledged: [],
  };
}

const texts = (d: Document, s = 0) => ops.allClauses(d).filter((c) => c.cp.section === s).map((c) => `${ops.label(c.cp)}${c.clause.text}`);

describe("numbering and pointers", () => {
  it("labels follow position", () => {
    expect(texts(doc())).toEqual(["1.1.a", "1.2.b", "1.2.1.b1", "1.2.2.b2", "1.3.c"]);
    expect(ops.label({ section: 1, path: [0] })).toBe("2.1.");
  });
  it("pointers round-trip", () => {
    const cp = { section: 2, path: [0, 1, 3] };
    const p = ops.clausePointer(cp);
    expect(p).toBe("/sections/2/clauses/0/children/1/children/3");
    expect(ops.parseClausePointer(p)).toEqual(cp);
    expect(ops.parseClausePointer(p + "/text")).toEqual(cp);
    expect(ops.parseClausePointer("/sections/2")).toBeNull();
    expect(ops.parseClausePointer("/organisation/name")).toBeNull();
  });
});

describe("clause edits", () => {
  it("adds after, on the same level", () => {
    const d = doc();
    expect(ops.addClauseAfter(d, { section: 0, path: [1, 0] })).toEqual({ section: 0, path: [1, 1] });
    expect(texts(d)).toEqual(["1.1.a", "1.2.b", "1.2.1.b1", "1.2.2.", "1.2.3.b2", "1.3.c"]);
  });
  it("deletes with sub-clauses and says where to focus", () => {
    const d = doc();
    expect(ops.deleteClause(d, { section: 0, path: [1] })).toEqual({ section: 0, path: [0] });
    expect(texts(d)).toEqual(["1.1.a", "1.2.c"]);
    expect(ops.deleteClause(d, { section: 1, path: [0] })).toBeNull();
    expect(d.sections[1]!.clauses).toEqual([]);
  });
  it("indents under the clause above and outdents back", () => {
    const d = doc();
    expect(ops.canIndent(d, { section: 0, path: [0] })).toBe(false);
    const cp = ops.indent(d, { section: 0, path: [2] });
    expect(cp).toEqual({ section: 0, path: [1, 2] });
    expect(texts(d)).toEqual(["1.1.a", "1.2.b", "1.2.1.b1", "1.2.2.b2", "1.2.3.c"]);
    const back = ops.outdent(d, cp!);
    expect(back).toEqual({ section: 0, path: [2] });
    expect(texts(d)).toEqual(["1.1.a", "1.2.b", "1.2.1.b1", "1.2.2.b2", "1.3.c"]);
  });
  it("never nests deeper than three levels", () => {
    const d = doc();
    let cp = ops.indent(d, { section: 0, path: [1, 1] }); // b2 under b1: depth 3
    expect(cp).toEqual({ section: 0, path: [1, 0, 0] });
    ops.addClauseAfter(d, cp!);
    expect(ops.canIndent(d, { section: 0, path: [1, 0, 1] })).toBe(false);
    expect(ops.indent(d, { section: 0, path: [1, 0, 1] })).toBeNull();
    // b (with two levels below) cannot go under a: it would reach depth 4.
    cp = ops.indent(d, { section: 0, path: [1] });
    expect(cp).toBeNull();
  });
  it("moves up and down among siblings only", () => {
    const d = doc();
    expect(ops.moveClause(d, { section: 0, path: [0] }, -1)).toBeNull();
    expect(ops.moveClause(d, { section: 0, path: [0] }, 1)).toEqual({ section: 0, path: [1] });
    expect(texts(d)).toEqual(["1.1.b", "1.1.1.b1", "1.1.2.b2", "1.2.a", "1.3.c"]);
    expect(ops.moveClause(d, { section: 0, path: [0, 1] }, 1)).toBeNull();
  });
  it("drops before or after another clause, never into itself", () => {
    const d = doc();
    expect(ops.dropClause(d, { section: 0, path: [1] }, { section: 0, path: [1, 0] }, "after")).toBeNull();
    const cp = ops.dropClause(d, { section: 0, path: [0] }, { section: 0, path: [2] }, "after");
    expect(cp).toEqual({ section: 0, path: [2] });
    expect(texts(d)).toEqual(["1.1.b", "1.1.1.b1", "1.1.2.b2", "1.2.c", "1.3.a"]);
    const cp2 = ops.dropClause(d, { section: 1, path: [0] }, { section: 0, path: [0, 0] }, "before");
    expect(cp2).toEqual({ section: 0, path: [0, 0] });
    expect(texts(d)[1]).toBe("1.1.1.d");
  });
});

describe("sections and signatories", () => {
  it("adds, moves and removes sections", () => {
    const d = doc();
    expect(ops.addSection(d, "Условия труда", 0)).toBe(1);
    expect(d.sections.map((s) => ops.sectionHeading(s, "ru"))).toEqual(["Общие положения", "Условия труда", "Должностные обязанности"]);
    expect(ops.moveSection(d, 1, 1)).toBe(2);
    expect(ops.moveSection(d, 2, 1)).toBeNull();
    expect(ops.missingStandardKinds(d)).toEqual(["functions", "rights", "liability", "relationships"]);
    expect(ops.addStandardSection(d, "functions")).toBe(1);
    expect(ops.removeSection(d, 3)).toBe(2);
    expect(d.sections.map((s) => s.kind)).toEqual(["general", "functions", "duties"]);
  });
  it("switches approval kind keeping the date", () => {
    const d = doc();
    d.approval.date = "2026-01-10";
    ops.setApprovalKind(d, "order");
    expect(d.approval).toEqual({ kind: "order", number: "", date: "2026-01-10" });
  });
  it("adds visas and employees", () => {
    const d = doc();
    expect(ops.addVisa(d)).toBe(0);
    ops.removeVisa(d, 0);
    expect(d.signatures.visas).toEqual([]);
    expect(ops.addEmployee(d)).toBe(0);
    expect(d.acknowledgement.sheet).toEqual({ employees: [{ name: "", position: "менеджер" }], blank_rows: 10 });
    ops.setSheet(d, false);
    expect(d.acknowledgement.sheet).toBeNull();
  });
  it("parses typed dates", () => {
    expect(ops.parseDate("01.02.2026")).toBe("2026-02-01");
    expect(ops.parseDate("2026-02-29")).toBeUndefined();
    expect(ops.parseDate("2028-02-29")).toBe("2028-02-29");
    expect(ops.parseDate(" ")).toBeNull();
    expect(ops.parseDate("31.04.2026")).toBeUndefined();
    expect(ops.parseDate("soon")).toBeUndefined();
  });
});
