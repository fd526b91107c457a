import { describe, expect, it } from "vitest";
import type { Document } from "../bindings/Document";
import type { ReportEntry } from "../bindings/ReportEntry";
import { t as translate } from "./i18n";
import { becameLabel, choicesFor, counts, currentChoice, entryKind, noteLabel, reassignable, reassignOf, routeFiles } from "./importReview";

const t = (key: Parameters<typeof translate>[1]) => translate("en", key);

function doc(): Document {
  return {
    schema: 1,
    meta: { id: "x", created: "", modified: "", revision: 0, template: null },
    language: "ru",
    organisation: { name: "", short_name: "", department: "", place: "" },
    position: { name: "кассир", title_form: "", reports_to: "", substitute: "" },
    registration: { date: null, number: "" },
    approval: { kind: "stamp", approver_position: "", approver_name: "", date: null },
    sections: [
      { kind: "general", title: "", clauses: [{ id: "c1", text: "a", children: [] }] },
      { kind: "custom", title: "Особые условия", clauses: [] },
    ],
    signatures: { author: { position: "", name: "" }, visas: [] },
    acknowledgement: { mark: true, sheet: null },
  } as unknown as Document;
}

function entry(became: ReportEntry["became"], reason: ReportEntry["reason"] = "number_depth"): ReportEntry {
  return { index: 3, piece: 0, source: "1.1. a", number: "1.1.", became, reason, fixes: [] };
}

describe("import review rows", () => {
  const clause = entry({ kind: "clause", section: 0, path: [0], depth: 1 });
  const heading = entry({ kind: "heading", section: 1, section_kind: "custom" }, "heading_look");
  const dropped = entry({ kind: "dropped" }, "page_number");
  const field = entry({ kind: "field", field: "organisation" }, "header_line");
  const continuation = entry({ kind: "clause", section: 0, path: [0], depth: 1 }, "continuation");

  it("labels what a paragraph became, with the clause number and section", () => {
    expect(becameLabel(clause, doc(), t)).toBe("Clause 1.1. in «Общие положения»");
    expect(becameLabel(heading, doc(), t)).toBe("Section heading 2. Особые условия");
    expect(becameLabel(field, doc(), t)).toBe("Header: organisation");
    expect(becameLabel(dropped, doc(), t)).toBe("Dropped");
    expect(entryKind(entry({ kind: "acknowledgement" }))).toBe("signature");
  });

  it("offers re-assignment for body paragraphs only", () => {
    expect([clause, heading, dropped].every(reassignable)).toBe(true);
    expect(reassignable(field)).toBe(false);
    expect(reassignable(continuation)).toBe(false);
  });

  it("offers levels, other sections, heading and drop; the current choice is selected", () => {
    const values = choicesFor(clause, doc(), t).map((c) => c.value);
    expect(values).toEqual(["depth:1", "depth:2", "depth:3", "section:1", "heading", "drop"]);
    expect(currentChoice(clause)).toBe("depth:1");
    expect(currentChoice(heading)).toBe("heading");
    expect(currentChoice(dropped)).toBe("drop");
    expect(choicesFor(dropped, doc(), t).map((c) => c.value)).toContain("section:0");
  });

  it("turns a choice into the Rust side's Reassign", () => {
    expect(reassignOf("depth:2")).toEqual({ kind: "clause", depth: 2, section: null });
    expect(reassignOf("section:1")).toEqual({ kind: "clause", depth: 1, section: 1 });
    expect(reassignOf("heading")).toEqual({ kind: "heading" });
    expect(reassignOf("drop")).toEqual({ kind: "dropped" });
    expect(reassignOf("nonsense")).toBeNull();
  });

  it("counts and notes", () => {
    const report = { file_name: "a.docx", format: "docx", language: "ru", paragraphs: [clause, heading, dropped, field], empty_paragraphs: 0, notes: [] } as const;
    expect(counts({ ...report, paragraphs: [...report.paragraphs], notes: [] })).toEqual({ clauses: 1, headings: 1, fields: 1, dropped: 1 });
    expect(noteLabel({ kind: "missing_section", section_kind: "rights" }, doc(), t)).toBe("No section «Права» was found");
    expect(noteLabel({ kind: "folded_clauses", count: 2 }, doc(), t)).toContain("2 clauses");
  });
});

describe("dropped or chosen files", () => {
  it("opens a .jobdoc, reviews one file, imports several", () => {
    expect(routeFiles({ open: "/a.jobdoc", import: [], not_opened: [] })).toEqual({ kind: "open", path: "/a.jobdoc" });
    expect(routeFiles({ open: null, import: ["/a.docx"], not_opened: [] })).toEqual({ kind: "review", path: "/a.docx" });
    expect(routeFiles({ open: "/x.jobdoc", import: ["/a.docx", "/b.rtf"], not_opened: [] })).toEqual({ kind: "batch", paths: ["/a.docx", "/b.rtf"] });
    expect(routeFiles({ open: null, import: [], not_opened: [] })).toEqual({ kind: "nothing" });
  });
});
