// The library screen: a temporary library folder of built-in templates is opened through the
// folder dialog (scripted answer); the table's rows and sorting; a Russian stemmed search whose
// hit opens the editor on that clause; back to the library; find and replace across two
// documents with a preview, one change unticked, checked on disk (and their backups); batch
// export of two documents to PDF, read back with pdftotext. Screenshots of the table and of the
// search results go to the artifact folder.
import fs from "node:fs";
import path from "node:path";

export default async function (t) {
  const { assert, By, log } = t;
  const lib = path.join(t.work, "library-30");
  const out = path.join(t.work, "library-30-export");
  fs.mkdirSync(path.join(lib, "Бухгалтерия"), { recursive: true });
  fs.mkdirSync(out);
  const copies = [
    ["finance/ru-accountant.jobdoc", "Бухгалтерия/Бухгалтер.jobdoc"],
    ["finance/ru-chief-accountant.jobdoc", "Бухгалтерия/Главный бухгалтер.jobdoc"],
    ["finance/ru-cashier.jobdoc", "Кассир.jobdoc"],
    ["finance/en-cashier.jobdoc", "Cashier.jobdoc"],
  ];
  for (const [from, to] of copies) fs.copyFileSync(path.join(t.root, "templates", from), path.join(lib, to));

  t.answerDialogs(lib);
  const { driver } = await t.session();
  t.use(driver);
  const rowPaths = () => driver.executeScript("return [...document.querySelectorAll('#library-table tbody tr[data-path]')].map((r) => r.dataset.path);");
  const positions = () => driver.executeScript("return [...document.querySelectorAll('#library-table tbody tr[data-path] td.position button')].map((b) => b.textContent.trim());");
  const shot = (name) => driver.takeScreenshot().then((png) => fs.writeFileSync(path.join(t.artifacts, name), Buffer.from(png, "base64")));

  // 1. Open the library through the folder dialog.
  await (await t.byId(driver, "open-library")).click();
  await t.waitFor(driver, async () => (await rowPaths()).length === 4, "the library table did not list the four documents");
  const listed = await rowPaths();
  assert.deepEqual([...listed].sort(), copies.map(([, to]) => to).sort());
  await shot("library-table.png");
  log(`library opened through the dialog: ${listed.length} rows`);

  // 2. Sorting by a header click, then the other way round.
  const sortBy = async (col) => (await driver.findElement(By.css(`th[data-col="${col}"] button`))).click();
  await sortBy("position");
  const down = await positions();
  assert.equal(await driver.executeScript("return document.querySelector('th[data-col=\"position\"]').getAttribute('aria-sort');"), "descending");
  assert.deepEqual(down, [...down].sort((a, b) => b.localeCompare(a, ["ru", "en"], { sensitivity: "base" })), `not sorted descending: ${down}`);
  await sortBy("position");
  const up = await positions();
  assert.deepEqual(up, [...down].reverse(), "a second click did not reverse the order");
  assert.deepEqual(await t.unnamedControls(driver), [], "controls without an accessible name on the library screen");
  log(`sorted by position both ways: ${up.join(", ")}`);
  await t.checkFont(driver, "library");

  // A colleague adds a document: the table shows it without a reload (the folder is looked at
  // every few seconds).
  fs.copyFileSync(path.join(t.root, "templates", "finance/ru-economist.jobdoc"), path.join(lib, "Экономист.jobdoc"));
  await t.waitFor(driver, async () => (await rowPaths()).includes("Экономист.jobdoc"), "a document added to the folder did not appear", 20000);
  log("a document added by a colleague appeared in the table");

  // 3. A stemmed Russian search; a hit opens the editor on its clause.
  const search = await t.byId(driver, "library-search");
  await search.sendKeys("обязанности бухгалтера", t.Key.ENTER);
  const mine = 'article[data-source="Бухгалтерия/Бухгалтер.jobdoc"] button.hit';
  await t.waitFor(driver, async () => (await driver.findElements(By.css(mine))).length > 0, "the search found nothing in Бухгалтер.jobdoc", 60000);
  const kinds = await driver.executeScript("return [...document.querySelectorAll('#search-results article')].map((a) => a.dataset.source);");
  assert.ok(kinds.some((k) => k.startsWith("ru-")), `no template among the results: ${kinds}`);
  await shot("library-search.png");
  // Narrowed to the duties: the results follow the filter at once; cleared, they come back.
  const hitSections = () => driver.executeScript("return [...document.querySelectorAll('#search-results button.hit')].map((b) => b.dataset.section);");
  const sources = () => driver.executeScript("return [...document.querySelectorAll('#search-results article')].map((a) => a.dataset.source);");
  const choose = (id, value) => driver.executeScript(`const s = document.getElementById('${id}'); s.value = '${value}'; s.dispatchEvent(new Event('change', { bubbles: true }));`);
  const unfiltered = await hitSections();
  assert.ok(unfiltered.some((s) => s !== "duties"), `the unfiltered results are all duties: ${unfiltered}`);
  await choose("library-search-section", "duties");
  await t.waitFor(driver, async () => {
    const s = await hitSections();
    return s.length > 0 && s.every((k) => k === "duties");
  }, "the section filter did not narrow the results to the duties");
  const duties = (await hitSections()).length;
  await choose("library-search-section", "");
  await t.waitFor(driver, async () => (await hitSections()).join() === unfiltered.join(), "clearing the section filter did not bring the results back");
  // The language: «cashier» is found in the English document and templates only while
  // English is allowed.
  const searchFor = async (q) => {
    await search.clear();
    await search.sendKeys(q, t.Key.ENTER);
  };
  await searchFor("cashier");
  await t.waitFor(driver, async () => (await sources()).includes("Cashier.jobdoc"), "«cashier» did not find Cashier.jobdoc");
  await choose("library-search-language", "ru");
  await t.waitFor(driver, async () => !(await sources()).some((src) => src === "Cashier.jobdoc" || src.startsWith("en-")), "the Russian filter left English documents in the results");
  await choose("library-search-language", "en");
  await t.waitFor(driver, async () => {
    const got = await sources();
    return got.includes("Cashier.jobdoc") && got.every((src) => src === "Cashier.jobdoc" || src.startsWith("en-"));
  }, "the English filter did not list only English documents");
  await choose("library-search-language", "");
  await searchFor("обязанности бухгалтера");
  await t.waitFor(driver, async () => (await hitSections()).join() === unfiltered.join(), "the first search did not come back");
  log(`search filters: ${unfiltered.length} hits, ${duties} of them in the duties; «cashier» only in Russian documents → none of the English ones, only English → Cashier.jobdoc and English templates`);
  const hit = await driver.findElement(By.css(mine));
  const marked = await driver.executeScript("return [...arguments[0].querySelectorAll('mark')].map((m) => m.textContent.toLowerCase());", hit);
  assert.ok(marked.length > 0, "the hit has no highlighted word");
  await hit.click();
  await t.waitFor(driver, async () => String(await driver.executeScript("return document.activeElement?.id ?? '';")).startsWith("c/sections/"), "the editor did not focus the clause");
  const focused = String(await driver.executeScript("return document.activeElement.textContent.toLowerCase();"));
  assert.ok(marked.some((m) => focused.includes(m)), `the focused clause «${focused}» lacks ${marked}`);
  log(`search: ${kinds.length} documents; the hit opened the editor on «${focused.slice(0, 60)}…»`);

  // 4. Back to the library.
  await (await t.byId(driver, "btn-back-to-library")).click();
  await t.waitFor(driver, async () => (await rowPaths()).length === 5, "the way back did not show the library");
  log("back to the library");

  // 5. Find and replace across two documents, one change unticked.
  const two = ["Бухгалтерия/Главный бухгалтер.jobdoc", "Кассир.jobdoc"];
  for (const p of two) await (await driver.findElement(By.css(`tr[data-path="${p}"] td.sel input`))).click();
  await (await t.byId(driver, "library-replace")).click();
  await (await t.byId(driver, "replace-find")).sendKeys("Российской Федерации");
  await (await t.byId(driver, "replace-with")).sendKeys("РФ");
  await (await t.byId(driver, "replace-preview")).click();
  await t.waitFor(driver, async () => (await driver.findElements(By.css("#replace-plan section.doc"))).length === 2, "the preview does not list both documents");
  const firstChange = await driver.findElement(By.css(`#replace-plan section.doc[data-path="${two[0]}"] input[data-key]`));
  const untickedCount = Number(await firstChange.getAttribute("data-count"));
  await firstChange.click();
  await (await t.byId(driver, "replace-apply")).click();
  await t.waitFor(driver, async () => (await driver.findElements(By.css('#replace-report ul[data-outcome="saved"] li'))).length === 2, "the replacement did not save both documents");
  const before = (rel) => fs.readFileSync(path.join(t.root, "templates", copies.find(([, to]) => to === rel)[0]), "utf8");
  for (const p of two) {
    const now = fs.readFileSync(path.join(lib, p), "utf8");
    assert.ok(now.includes("РФ"), `${p}: not replaced`);
    assert.ok(fs.existsSync(path.join(lib, `${p}.bak`)), `${p}: no backup`);
    assert.equal(fs.readFileSync(path.join(lib, `${p}.bak`), "utf8"), before(p), `${p}: the backup is not the previous version`);
  }
  const left = fs.readFileSync(path.join(lib, two[0]), "utf8").split("Российской Федерации").length - 1;
  assert.equal(left, untickedCount, `${two[0]}: the unticked change was made too (${left} left)`);
  await (await t.byId(driver, "replace-close")).click();
  log("find and replace across two documents: saved with backups, the unticked change left alone");

  // 6. Batch export of the two ticked documents to PDF.
  await (await t.byId(driver, "library-batch")).click();
  t.answerDialogs(out);
  await (await t.byId(driver, "batch-choose")).click();
  await t.waitFor(driver, async () => (await t.value(driver, "batch-folder")) === out, "the folder dialog answer did not arrive");
  await (await t.byId(driver, "batch-start")).click();
  await t.waitFor(driver, async () => (await driver.findElements(By.css('#batch-report ul[data-outcome="written"] li'))).length === 2, "the batch did not write two files", 60000);
  const pdfs = fs.readdirSync(out).filter((f) => f.endsWith(".pdf")).sort();
  assert.equal(pdfs.length, 2, `expected two PDFs, found ${pdfs}`);
  const texts = pdfs.map((f) => t.pdfText(path.join(out, f)).replace(/\s+/g, " "));
  assert.ok(texts.some((s) => /ГЛАВНОГО БУХГАЛТЕРА|главного бухгалтера/i.test(s)), "no PDF of the chief accountant");
  assert.ok(texts.some((s) => /КАССИРА|кассира/i.test(s)), "no PDF of the cashier");
  assert.ok(texts.every((s) => s.includes("РФ")), "the exported PDFs lack the replaced text");
  await shot("library-batch.png");
  log(`batch export: ${pdfs.join(", ")}`);
  await (await t.byId(driver, "batch-close")).click();

  // 7. Duplicate a row as a new position, then move the copy to the archive.
  await (await driver.findElement(By.css('tr[data-path="Кассир.jobdoc"] button[data-action="duplicate"]'))).click();
  const position = await t.byId(driver, "library-duplicate-position");
  await position.clear();
  await position.sendKeys("старший кассир");
  await (await t.byId(driver, "library-duplicate-ok")).click();
  await t.waitFor(driver, async () => (await rowPaths()).includes("старший кассир.jobdoc"), "the copy did not appear");
  const copy = JSON.parse(fs.readFileSync(path.join(lib, "старший кассир.jobdoc"), "utf8"));
  assert.equal(copy.position.name, "старший кассир");
  assert.equal(copy.position.title_form, "старшего кассира");
  await (await driver.findElement(By.css('tr[data-path="старший кассир.jobdoc"] button[data-action="archive"]'))).click();
  await (await t.byId(driver, "library-archive-ok")).click();
  await t.waitFor(driver, async () => !(await rowPaths()).includes("старший кассир.jobdoc"), "the archived copy stayed in the table");
  assert.ok(fs.existsSync(path.join(lib, "archive", "старший кассир.jobdoc")), "the copy is not in archive/");
  log("duplicated «кассир» as «старший кассир» (title form «старшего кассира») and moved it to archive/");
}
