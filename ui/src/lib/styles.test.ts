import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// Style rules the app's web view (WebKitGTK 2.4x on Linux) cannot take.
const src = join(__dirname, "..");

function styleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return styleFiles(path);
    return /\.(css|svelte)$/.test(e.name) ? [path] : [];
  });
}

describe("styles", () => {
  it("use no :has() selector", () => {
    // A `.modal:has(#replace-dialog)` rule hung WebKit's web process on the library screen (the
    // next script that read computed styles never returned); give the element a class instead.
    const offenders = styleFiles(src).filter((f) => /:has\(/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
