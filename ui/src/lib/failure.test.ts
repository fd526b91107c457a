import { describe, expect, it } from "vitest";

import { hasCode, isApiError, toFailure } from "./failure";

describe("failures", () => {
  const changed = { code: "changed-on-disk", message: "/d/a.jobdoc: файл изменил кто-то другой" };

  it("keeps the Rust side's code and message", () => {
    expect(isApiError(changed)).toBe(true);
    expect(toFailure(changed)).toEqual(changed);
    expect(hasCode(changed, "changed-on-disk")).toBe(true);
    expect(hasCode(changed, "read-only")).toBe(false);
  });

  it("gives the UI's own failures no code", () => {
    // What Tauri itself rejects a call with (not one of ours), and a thrown Error.
    expect(toFailure("invalid args `path` for command `open_document`")).toEqual({
      code: null,
      message: "invalid args `path` for command `open_document`",
    });
    expect(toFailure(new Error("render failed"))).toEqual({ code: null, message: "render failed" });
    expect(isApiError({ code: 3, message: "x" })).toBe(false);
    expect(hasCode(null, "read-only")).toBe(false);
  });
});
