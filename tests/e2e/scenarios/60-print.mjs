// Printing sends the exported PDF itself, not pictures of it, through GTK's print machinery
// (the same `GtkPrintJob` the dialog's choice creates), checked twice:
//  1. to GTK's own "Print to File" printer, which writes the job's document as it is;
//  2. to a PDF printer on a private CUPS scheduler (tests/e2e/cups.mjs), with 2 collated
//     copies of pages 1–2, two-sided: CUPS's filters apply the copies, the range and the
//     paper, and the queue's device file receives what a printer would (a PJL job around
//     the PDF);
//  3. where GTK's dialog would freeze (Debian 12's libcups2 from 2.4.2-3+deb12u10), through
//     Jobdoc's own print dialog, driven here like a user would, and `lp` to the same queue:
//     2 copies of pages 2–3, two-sided.
// Each printed file must read, look and carry fonts (embedded vectors) like the export, page
// for page, and the page pictures of the web-view fallback must not be made.
//
// The GTK dialog cannot be driven through WebDriver; the scripted answer
// `printer:NAME;key=value;…` stands for the user's choice in it (src-tauri/src/files.rs), with
// the keys the dialog writes into GtkPrintSettings (`cups-Duplex` for the PPD's duplex choice).
// `print-dialog:jobdoc` stands for a system whose libcups2 freezes GTK's dialog (the test gives
// the app a working one, see tests/e2e/cups.mjs).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { QUEUE } from "../cups.mjs";

const FILE_PRINTER = "Print to File";

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

/** The share of pixels that differ between page `pa` of `a` and page `pb` of `b`, rendered at
 * 100 dpi and blurred by σ = 2 px (0.5 mm): CUPS centres Jobdoc's A4 (595.28 × 841.89 pt) on
 * its PPD's 595 × 842 pt, moving the content by up to 0.14 pt, which changes the edges of
 * unblurred glyphs; a different page or scaled pages differ in about a quarter of the pixels. */
function rasterDifference(dir, a, pa, b, pb) {
  const one = path.join(dir, `printed-${pa}`);
  const two = path.join(dir, `exported-${pb}`);
  for (const [file, page, out] of [[a, pa, one], [b, pb, two]]) {
    sh("pdftoppm", ["-r", "100", "-gray", "-f", String(page), "-l", String(page), "-singlefile", file, out]);
    sh("convert", [`${out}.pgm`, "-blur", "0x2", `${out}-blurred.pgm`]);
  }
  // `compare` prints the differing pixel count on stderr (exit 1 when they differ).
  const r = spawnSync("compare", ["-metric", "AE", "-fuzz", "10%", `${one}-blurred.pgm`, `${two}-blurred.pgm`, "null:"], { encoding: "utf8", timeout: 60000 });
  const differing = Number.parseFloat(r.stderr);
  if (!Number.isFinite(differing)) throw new Error(`compare failed: ${r.stderr}`);
  const [w, h] = sh("identify", ["-format", "%w %h", `${one}.pgm`]).split(" ").map(Number);
  return differing / (w * h);
}

/** The PDF inside what a printer received: a PJL job header and trailer may wrap it. */
function unwrapPdf(received, into) {
  const bytes = fs.readFileSync(received);
  const start = bytes.indexOf("%PDF-");
  const end = bytes.lastIndexOf("%%EOF");
  if (start < 0 || end < start) throw new Error(`${received} holds no PDF (${bytes.length} bytes)`);
  fs.writeFileSync(into, bytes.subarray(start, end + 5));
  return into;
}

/** Checks that `printed` is the export's pages `order` (1-based) as the export has them: same
 * text, A4, the same embedded fonts, rasters within 0.1 %. Returns a summary for the log. */
function comparePrinted(t, printed, exported, order, what) {
  const { assert } = t;
  assert.equal(pages(printed), order.length, `${what}: ${pages(printed)} pages printed, expected ${order.length} (pages ${order.join(", ")} of the export)`);
  assert.match(sh("pdfinfo", [printed]), /Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts/, `${what}: the printed pages are not A4`);
  const printedFonts = fonts(printed);
  assert.ok(printedFonts.length > 0 && printedFonts.every((f) => f.embedded), `${what}: the printed file's fonts are not all embedded: ${JSON.stringify(printedFonts)}`);
  const names = [...new Set(printedFonts.map((f) => f.name))].sort();
  assert.deepEqual(names, [...new Set(fonts(exported).map((f) => f.name))].sort(), `${what}: the printed file's fonts differ from the export's`);
  const rasters = fs.mkdtempSync(path.join(t.work, "print-rasters-"));
  let worst = 0;
  order.forEach((source, i) => {
    assert.equal(pageText(printed, i + 1), pageText(exported, source), `${what}: printed page ${i + 1} does not read as page ${source} of the export`);
    worst = Math.max(worst, rasterDifference(rasters, printed, i + 1, exported, source));
  });
  assert.ok(worst < 0.001, `${what}: a printed page looks different from the export (${(worst * 100).toFixed(3)} % of pixels differ)`);
  return `${order.length} A4 pages, text as exported, fonts embedded (${names.join(", ")}), rasters differ by ≤ ${(worst * 100).toFixed(3)} %`;
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

  const n = pages(exported);
  const everyPage = Array.from({ length: n }, (_, i) => i + 1);
  const preparedPictures = () => driver.executeScript("const el = document.getElementById('print-pages'); return el ? Number(el.dataset.pages || 0) : 0;");

  // 1. GTK's "Print to File" printer: the job's document, every page.
  const output = path.join(t.work, "printed.pdf");
  t.answerDialogs(`printer:${FILE_PRINTER};output-uri=file://${output};output-file-format=pdf`);
  await (await t.byId(driver, "btn-print")).click();
  await t.waitFor(driver, async () => fs.existsSync(output) && fs.statSync(output).size > 0 && sh("tail", ["-c", "64", output]).includes("%%EOF"), "the print job did not write its document", 30000);
  assert.equal(await preparedPictures(), 0, "page pictures were prepared although the PDF itself was printed");
  const toFile = comparePrinted(t, output, exported, everyPage, `"${FILE_PRINTER}"`);
  fs.copyFileSync(output, path.join(t.artifacts, "printed.pdf"));
  log(`printed through a GTK print job ("${FILE_PRINTER}"): ${toFile}`);

  // 2. A CUPS queue: 2 collated copies of pages 1–2, two-sided (long edge), as chosen in the
  //    dialog (GTK's page ranges count from 0).
  const received = t.cups.resetOutput();
  t.answerDialogs(`printer:${QUEUE};n-copies=2;collate=true;print-pages=ranges;page-ranges=0-1;cups-Duplex=DuplexNoTumble`);
  await (await t.byId(driver, "btn-print")).click();
  await t.waitFor(driver, async () => fs.statSync(received).size > 0 && sh("tail", ["-c", "256", received]).includes("%%EOF"), `the CUPS queue received no job (scheduler log: ${t.cups.log})`, 60000);
  // The device file is complete when the job is (the PJL trailer follows the PDF).
  await t.waitFor(driver, async () => fs.readFileSync(received).toString("latin1").trimEnd().endsWith("%-12345X"), "the CUPS job did not finish", 30000);
  assert.equal(await preparedPictures(), 0, "page pictures were prepared although the PDF itself was printed");
  let attributes = null;
  await t.waitFor(driver, async () => (attributes = t.cups.lastJobAttributes()) !== null, "CUPS kept no record of the job", 30000);
  assert.ok(attributes.includes("DuplexNoTumble"), "the two-sided choice did not reach CUPS with the job");
  assert.ok(/A4/.test(attributes), "the job did not ask CUPS for A4 paper");
  const printed = unwrapPdf(received, path.join(t.work, "printed-cups.pdf"));
  const viaCups = comparePrinted(t, printed, exported, [1, 2, 1, 2], `CUPS queue ${QUEUE}`);
  fs.copyFileSync(received, path.join(t.artifacts, "printed-cups.prn"));
  log(`printed through CUPS (queue ${QUEUE}, its filters, a file as the device): 2 copies of pages 1–2 collated, two-sided sent; ${viaCups}`);

  // 3. Jobdoc's own dialog (where GTK's would freeze) and CUPS's `lp`: 2 copies of pages 2–3,
  //    two-sided, chosen in the dialog.
  const throughLp = t.cups.resetOutput();
  t.answerDialogs("print-dialog:jobdoc");
  await (await t.byId(driver, "btn-print")).click();
  await t.byId(driver, "print-printer", 30000);
  await t.waitFor(driver, async () => (await driver.findElements(By.css(`#print-printer option[value="${QUEUE}"]`))).length === 1, `Jobdoc's print dialog did not list the CUPS queue ${QUEUE}`);
  await (await t.byId(driver, "print-printer")).click();
  await (await driver.findElement(By.css(`#print-printer option[value="${QUEUE}"]`))).click();
  const copies = await t.byId(driver, "print-copies");
  await copies.click();
  await t.press(driver, t.Key.CONTROL, "a");
  await copies.sendKeys("2");
  // A page list the document does not have is refused with a message, nothing is printed.
  await (await t.byId(driver, "print-some")).click();
  await (await t.byId(driver, "print-page-list")).sendKeys(`${n + 1}`);
  await (await t.byId(driver, "print-run")).click();
  const refusal = await (await t.byId(driver, "print-error", 30000)).getText();
  assert.ok(refusal.includes(`${n + 1}`) && refusal.includes(`${n}`), `the refusal of page ${n + 1} does not name it and the page count: ${refusal}`);
  const pageList = await t.byId(driver, "print-page-list");
  await pageList.click();
  await t.press(driver, t.Key.CONTROL, "a");
  await pageList.sendKeys("2-3");
  await (await t.byId(driver, "print-two-sided")).click();
  await (await t.byId(driver, "print-run")).click();
  await t.waitFor(driver, async () => (await driver.findElements(By.id("print-run"))).length === 0, "Jobdoc's print dialog did not close after printing");
  await t.waitFor(driver, async () => fs.statSync(throughLp).size > 0 && fs.readFileSync(throughLp).toString("latin1").trimEnd().endsWith("%-12345X"), `the job from Jobdoc's print dialog did not reach the queue (scheduler log: ${t.cups.log})`, 60000);
  assert.equal(await preparedPictures(), 0, "page pictures were prepared although the PDF itself was printed");
  let lpAttributes = null;
  await t.waitFor(driver, async () => (lpAttributes = t.cups.lastJobAttributes()) !== null && lpAttributes.includes("two-sided-long-edge"), "CUPS's record of the job from Jobdoc's dialog does not ask for two sides", 30000);
  assert.ok(/iso_a4|A4/.test(lpAttributes), "the job from Jobdoc's dialog did not ask CUPS for A4 paper");
  const printedLp = unwrapPdf(throughLp, path.join(t.work, "printed-lp.pdf"));
  const viaLp = comparePrinted(t, printedLp, exported, [2, 3, 2, 3], "Jobdoc's print dialog + lp");
  log(`printed through Jobdoc's print dialog and lp (queue ${QUEUE}): 2 copies of pages 2–3 collated, two-sided; a page list past the end refused; ${viaLp}`);
}
