import { describe, expect, it } from "vitest";
import { focusCandidates } from "./focus";

describe("diagnostic targets", () => {
  it("a clause pointer targets the clause first", () => {
    const c = focusCandidates("/sections/2/clauses/0/children/1");
    expect(c[0]).toBe("c/sections/2/clauses/0/children/1");
    expect(c).toContain("s/sections/2");
  });
  it("a field pointer targets the field, then its parents", () => {
    expect(focusCandidates("/signatures/author").slice(0, 3)).toEqual([
      "f/signatures/author",
      "f/signatures/author/*",
      "s/signatures/author",
    ]);
    expect(focusCandidates("/page/margins_mm/left")).toContain("f/page/*");
  });
});
