// Printing sends the exported PDF itself, not pictures of it: the app's print job goes through
// GTK's print machinery (the same `GtkPrintJob` the dialog's choice creates) to GTK's own
// "Print to File" printer, which writes the job's document. The printed file must read, look
// and carry fonts (embedded vectors) like the export, page for page, and the page pictures the
// web-view fallback prepares must not be made.
//
// The GTK dialog cannot be driven through WebDriver; the scripted answer
// `printer:NAME;key=value;…` stands for the user's choice in it (src-tauri/src/files.rs).
// A CUPS queue is not used: GTK 3.24.38's CUPS backend connects to cupsd but never sends its
// request, spinning in httpWait(0) (a private cupsd with a cups-pdf queue that `lp` prints to;
// TCP or Unix socket, with or without a system bus; the same in a plain C GTK program).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const PRINTER = "Print to File";

function sh(cmd, args) {
  return execFileSync(cmd, args, { encoding: "utf8", timeout: 60000 });
}

function pageText(file, page) {
  return sh("pdftotext", ["-layout", "-f", String(page), "-l", String(page), file, "-"]);
}

function pages(file) {
  return Number(/^Pages:\s+(\d+)/m.exec(sh("pdfinfo", [file]))?.[1] ?? 0);
}

/** Font names (without the subset prefix) and whether each is embedded. */
function fonts(file) {
  return sh("pdffonts", [file])
    .split("\n")
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0].replace(/^[A-Z]{6}\+/, ""), embedded: cols[cols.length - 5] === "yes" };
    });
}

/** The share of pixels that differ between the same page of two files at 50 dpi. */
function rasterDifference(dir, a, b, page) {
  const one = path.join(dir, `printed-${page}`);
  const two = path.join(dir, `exported-${page}`);
  sh("pdftoppm", ["-r", "50", "-gray", "-f", String(page), "-l", String(page), "-singlefile", a, one]);
  sh("pdftoppm", ["-r", "50", "-gray", "-f", String(page), "-l", String(page), "-singlefile", b, two]);
  // `compare` prints the differing pixel count on stderr (exit 1 when they differ).
  const r = spawnSync("compare", ["-metric", "AE", "-fuzz", "10%", `${one}.pgm`, `${two}.pgm`, "null:"], { encoding: "utf8", timeout: 60000 });
  const differing = Number.parseFloat(r.stderr);
  if (!Number.isFinite(differing)) throw new Error(`compare failed: ${r.stderr}`);
  const [w, h] = sh("identify", ["-format", "%w %h", `${one}.pgm`]).split(" ").map(Number);
  return differing / (w * h);
}

export default async function print(t) {
  const { assert, By, until, log } = t;
  const { driver } = await t.session();
  t.use(driver);
  await driver.wait(until.elementLocated(By.css('button[data-template="en-key-account-manager"]')), 30000, "the template gallery did not appear");
  await (await driver.findElement(By.css('button[data-template="en-key-account-manager"]'))).click();
  await t.byId(driver, "c/sections/0/clauses/0");
  await t.waitPreview(driver, "the preview did not render");

  // The export to compare with.
  const exportDir = path.join(t.work, "print-export");
  fs.mkdirSync(exportDir, { recursive: true });
  await t.press(driver, t.Key.CONTROL, "e");
  t.answerDialogs(exportDir);
  await (await t.byId(driver, "export-choose-folder")).click();
  await t.waitFor(driver, async () => (await t.value(driver, "export-folder")) === exportDir, "the chosen export folder was not taken");
  await (await t.byId(driver, "export-run")).click();
  await t.byId(driver, "export-result", 30000);
  await (await driver.findElement(By.xpath("//button[normalize-space()='Close']"))).click();
  const exported = path.join(exportDir, fs.readdirSync(exportDir).find((f) => f.endsWith(".pdf")));

  const output = path.join(t.work, "printed.pdf");
  t.answerDialogs(`printer:${PRINTER};output-uri=file://${output};output-file-format=pdf`);
  await (await t.byId(driver, "btn-print")).click();
  await t.waitFor(driver, async () => fs.existsSync(output) && fs.statSync(output).size > 0 && sh("tail", ["-c", "64", output]).includes("%%EOF"), "the print job did not write its document", 30000);
  const prepared = await driver.executeScript("const el = document.getElementById('print-pages'); return el ? Number(el.dataset.pages || 0) : 0;");
  assert.equal(prepared, 0, "page pictures were prepared although the PDF itself was printed");

  const n = pages(exported);
  assert.equal(pages(output), n, `the printed file has ${pages(output)} pages, the export ${n}`);
  assert.match(sh("pdfinfo", [output]), /Page size:\s+595\.\d* x 841\.\d* pts/, "the printed pages are not A4");
  const printedFonts = fonts(output);
  assert.ok(printedFonts.length > 0 && printedFonts.every((f) => f.embedded), `the printed file's fonts are not all embedded: ${JSON.stringify(printedFonts)}`);
  assert.deepEqual([...new Set(printedFonts.map((f) => f.name))].sort(), [...new Set(fonts(exported).map((f) => f.name))].sort(), "the printed file's fonts differ from the export's");
  const rasters = fs.mkdtempSync(path.join(t.work, "print-rasters-"));
  let worst = 0;
  for (let page = 1; page <= n; page++) {
    assert.equal(pageText(output, page), pageText(exported, page), `printed page ${page} does not read as exported`);
    worst = Math.max(worst, rasterDifference(rasters, output, exported, page));
  }
  assert.ok(worst < 0.001, `a printed page looks different from the export (${(worst * 100).toFixed(3)} % of pixels differ)`);
  fs.copyFileSync(output, path.join(t.artifacts, "printed.pdf"));
  log(`printed through a GTK print job ("${PRINTER}"): ${n} A4 pages, text as exported, fonts embedded (${[...new Set(printedFonts.map((f) => f.name))].join(", ")}), rasters differ by ≤ ${(worst * 100).toFixed(3)} %`);
}
