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
    // A `.modal:has(#replace-dialog)` rule was in place when the library e2e stalled; the stall
    // proved to be WebDriver's screenshot without compositing (tests/e2e/run.mjs), so this is
    // caution rather than proof. A class on the element does the same job.
    const offenders = styleFiles(src).filter((f) => /:has\(/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("use no fieldset", () => {
    // WebKitGTK 2.50 first lays out a fieldset's legend too tall and corrects it on a later
    // layout: the export dialog shrank by 38 px under the pointer right after opening, so a
    // click landed beside its button (2–3 runs in 6 of the print e2e; none in 6 with
    // role="group" and a label, the `.option-group` style).
    const offenders = styleFiles(src).filter((f) => /<fieldset|<legend/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
