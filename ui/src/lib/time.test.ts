import { describe, expect, it } from "vitest";
import { formatStamp } from "./time";

describe("formatStamp", () => {
  it("shows an RFC 3339 stamp with date and minutes", () => {
    const shown = formatStamp("2026-11-28T09:05:00Z", "ru-RU");
    expect(shown).toMatch(/28\.11\.2026/);
    expect(shown).toMatch(/\d{2}:\d{2}/);
  });

  it("keeps text that is not a time stamp", () => {
    expect(formatStamp("not a time")).toBe("not a time");
  });
});
