// Editions, compare, employees and their copies in the real window (issue #13): a new
// document from a template, approve edition 1 (the date typed, never read from the calendar),
// edit a clause, compare with edition 1, export and print edition 1 as approved (the changed clause listed with its words
// highlighted), add two employees by hand, mark one as having acknowledged edition 1, approve
// edition 2, check that both must acknowledge it again, export the register and one copy per
// employee (each PDF read back with pdftotext names its employee and no other).
import fs from "node:fs";
import path from "node:path";

const CLAUSE = "c/sections/0/clauses/0";
const ADDED = " Keeps the E2E edition log.";
const PEOPLE = ["Ivanova Anna Sergeevna", "Petrov Pyotr Petrovich"];

export default async function (t) {
  const { driver } = await t.session();
  t.use(driver);
  const shot = async (name) => {
    const file = path.join(t.artifacts, name);
    fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), "base64"));
    return file;
  };
  const scrollTo = (id) => driver.executeScript("document.getElementById(arguments[0])?.scrollIntoView({ block: 'start' });", id);
  const text = async (id) => (await driver.executeScript("return document.getElementById(arguments[0])?.textContent ?? '';", id)).replace(/\s+/g, " ");
  const click = async (id) => {
    await scrollTo(id);
    await driver.executeScript("document.getElementById(arguments[0]).click();", id);
  };
  const type = async (id, value) => {
    await scrollTo(id);
    const el = await t.byId(driver, id);
    await el.clear();
    if (value !== "") await el.sendKeys(value);
  };
  const waitFiles = (dir, n, what) =>
    t.waitFor(driver, () => fs.existsSync(dir) && fs.readdirSync(dir).filter((f) => !f.startsWith(".")).length >= n, `${what}: fewer than ${n} files in ${dir}`, 60000);

  // 1. New document from a template; no edition yet.
  await driver.wait(t.until.elementLocated(t.By.css('button[data-template="en-sales-manager"]')), 30000, "no template appeared");
  await (await driver.findElement(t.By.css('button[data-template="en-sales-manager"]'))).click();
  await t.byId(driver, CLAUSE);
  await t.byId(driver, "editions-status");
  await t.waitFor(driver, async () => (await text("editions-status")).includes("Not approved"), "the Editions panel does not say the document was never approved");
  t.log("editions: a new document from en-sales-manager has no edition");

  // 2. Approve edition 1 on a typed date.
  await type("approve-date", "02.03.2026");
  await type("approve-order", "5-k");
  await click("approve-button");
  await t.byId(driver, "edition-1");
  await t.waitFor(driver, async () => (await text("editions-status")).includes("edition 1"), "the status does not name edition 1");
  const row1 = await text("edition-1");
  t.assert.ok(row1.includes("02.03.2026") && row1.includes("5-k"), `history row: ${row1}`);
  t.log(`editions: approved edition 1 (${row1.trim()})`);

  // 3. Edit a clause: the text becomes the draft of edition 2.
  await scrollTo(CLAUSE);
  await t.typeAtEnd(driver, CLAUSE, ADDED);
  await t.waitFor(driver, async () => (await text("editions-status")).includes("draft of edition 2"), "the status does not say the text is the draft of edition 2");
  t.log("editions: the edited text is the draft of edition 2");

  // 4. Compare with edition 1: the changed clause with its added words highlighted.
  await click("compare-edition-1");
  await t.byId(driver, "compare-result");
  const changes = await driver.executeScript(
    "return [...document.querySelectorAll('#compare-result article.change')].map((a) => ({ kind: a.dataset.kind, label: a.querySelector('.label')?.textContent, ins: [...a.querySelectorAll('ins')].map((i) => i.textContent).join('') }));",
  );
  t.assert.equal(changes.length, 1, `one clause changed: ${JSON.stringify(changes)}`);
  t.assert.equal(changes[0].kind, "changed");
  t.assert.equal(changes[0].label, "1.1.");
  t.assert.ok(changes[0].ins.includes("E2E edition log"), `the added words are highlighted: ${changes[0].ins}`);
  t.assert.deepEqual(await t.unnamedControls(driver), [], "compare dialog controls without an accessible name");
  t.log(`compare: clause 1.1. changed, added words «${changes[0].ins.trim()}» (${await shot("editions-compare.png")})`);
  // The printable list of changes.
  const changesDir = path.join(t.work, "e2e-changes");
  fs.mkdirSync(changesDir);
  t.answerDialogs(changesDir);
  await click("export-changes");
  await waitFiles(changesDir, 2, "the list of changes");
  const changesPdf = fs.readdirSync(changesDir).find((f) => f.endsWith(".pdf"));
  t.assert.ok(t.pdfText(path.join(changesDir, changesPdf)).includes("LIST OF CHANGES"), "the list of changes PDF");
  t.log(`compare: list of changes exported (${fs.readdirSync(changesDir).join(", ")})`);
  await t.press(driver, t.Key.ESCAPE);
  await t.waitFor(driver, async () => !(await t.exists(driver, "compare-result")), "the compare dialog did not close");

  // Edition 1 opens read-only with its text as approved (without the draft's edit).
  await click("view-edition-1");
  await driver.wait(t.until.elementLocated(t.By.css(".edition-view")), 20000, "edition 1 did not open");
  const approvedText = (await driver.executeScript("return document.querySelector('.edition-view').textContent;")).replace(/\s+/g, " ");
  t.assert.ok(approvedText.includes("1.1.") && !approvedText.includes("E2E edition log"), "edition 1 shows the text as approved");
  t.assert.equal(await driver.executeScript("return document.querySelectorAll('.edition-view input, .edition-view [contenteditable]').length;"), 0, "the edition is read-only");
  t.log(`editions: edition 1 opens read-only, as approved (${await shot("editions-view.png")})`);
  // It exports and prints as approved: the printed document (GTK's "Print to File" printer
  // stands for the user's choice in the print dialog) reads as the edition's export, page for
  // page, without the draft's edit.
  const editionDir = path.join(t.work, "e2e-edition-1");
  fs.mkdirSync(editionDir);
  t.answerDialogs(editionDir);
  await click("export-shown-edition");
  await waitFiles(editionDir, 2, "the export of edition 1");
  const editionPdf = path.join(editionDir, fs.readdirSync(editionDir).find((f) => f.endsWith(".pdf")));
  const printed = path.join(t.work, "e2e-edition-1-printed.pdf");
  t.answerDialogs(`printer:Print to File;output-uri=file://${printed};output-file-format=pdf`);
  await click("print-edition");
  await t.waitFor(driver, () => fs.existsSync(printed) && fs.readFileSync(printed).subarray(-64).toString("latin1").includes("%%EOF"), "printing edition 1 wrote no document", 30000);
  const printedText = t.pdfText(printed);
  t.assert.equal(printedText, t.pdfText(editionPdf), "the printed edition does not read as its export");
  t.assert.ok(printedText.includes("1.1.") && !printedText.includes("E2E edition log"), "the printed edition is not the text as approved");
  t.log(`editions: edition 1 exported (${fs.readdirSync(editionDir).join(", ")}) and printed as approved`);
  await t.press(driver, t.Key.ESCAPE);
  await t.waitFor(driver, async () => !(await t.exists(driver, "edition-view-body")) && (await driver.executeScript("return document.querySelector('.edition-view') === null;")), "the edition dialog did not close");

  // 5. Two employees by hand.
  for (const [i, name] of PEOPLE.entries()) {
    await click("add-staff");
    await type(`f/staff/${i}/name`, name);
  }
  t.assert.equal(await t.value(driver, "f/staff/1/name"), PEOPLE[1]);
  t.log("employees: two added by hand");

  // 6. The first signed edition 1 on 03.03.2026 (from the signed sheet).
  await type("ack-date-0", "03.03.2026");
  await t.waitFor(driver, () => driver.executeScript("return document.getElementById('ack-0')?.checked === true;"), "typing the date did not tick the acknowledgement");
  await t.waitFor(driver, async () => (await text("staff-0")).includes("acknowledged"), "employee 1 is not shown as acknowledged");
  await t.waitFor(driver, async () => (await text("staff-pending")).includes("edition 1: 1"), "one employee must still acknowledge edition 1");
  t.log(`employees: ${PEOPLE[0]} acknowledged edition 1; ${await text("staff-pending")}`);

  // 7. Approve edition 2 (the draft has the edited clause).
  await type("approve-date", "10.03.2026");
  await type("approve-order", "");
  await click("approve-button");
  await t.byId(driver, "edition-2");
  await t.waitFor(driver, async () => (await text("editions-status")).includes("edition 2"), "the status does not name edition 2");
  t.log("editions: approved edition 2");

  // 8. Both must acknowledge edition 2: highlighted as due or overdue.
  await t.waitFor(driver, async () => (await text("staff-pending")).includes("edition 2: 2"), "both employees must acknowledge edition 2");
  const standings = await driver.executeScript("return [...document.querySelectorAll('li.member')].map((li) => li.dataset.standing);");
  t.assert.deepEqual(
    standings.map((s) => s === "due" || s === "overdue"),
    [true, true],
    `both need to acknowledge: ${standings}`,
  );
  t.assert.equal(await driver.executeScript("return document.getElementById('ack-0').checked;"), false, "edition 2 is not yet acknowledged by anyone");
  await scrollTo("s/staff");
  t.log(`employees: both must acknowledge edition 2 (${standings.join(", ")}) (${await shot("editions-employees.png")})`);
  t.assert.deepEqual(await t.unnamedControls(driver), [], "Editions and Employees controls without an accessible name");

  // 9. The register, XLSX and PDF.
  const registerDir = path.join(t.work, "e2e-register");
  fs.mkdirSync(registerDir);
  t.answerDialogs(registerDir);
  await click("export-register");
  await waitFiles(registerDir, 2, "the register");
  const registerPdf = fs.readdirSync(registerDir).find((f) => f.endsWith(".pdf"));
  const registerText = t.pdfText(path.join(registerDir, registerPdf));
  for (const name of PEOPLE) t.assert.ok(registerText.includes(name), `the register names ${name}`);
  t.log(`employees: register exported (${fs.readdirSync(registerDir).join(", ")})`);

  // 10. A copy for every employee, one PDF each, named by the pattern.
  const copiesDir = path.join(t.work, "e2e-copies");
  fs.mkdirSync(copiesDir);
  t.answerDialogs(copiesDir);
  await type("copies-pattern", "<employee> — copy");
  await click("export-copies");
  await waitFiles(copiesDir, 2, "the copies");
  const copies = fs.readdirSync(copiesDir).filter((f) => f.endsWith(".pdf")).sort();
  t.assert.equal(copies.length, 2, `two copies: ${copies}`);
  for (const [i, name] of PEOPLE.entries()) {
    const file = copies.find((f) => f.startsWith(name));
    t.assert.ok(file, `a copy named for ${name}: ${copies}`);
    const body = t.pdfText(path.join(copiesDir, file)).replace(/\s+/g, " ");
    t.assert.ok(body.includes(name), `${file} names ${name}`);
    t.assert.ok(!body.includes(PEOPLE[1 - i]), `${file} names nobody else`);
  }
  t.log(`copies: ${copies.join(", ")}, each naming its employee only`);

  await scrollTo("s/editions");
  const font = await t.checkFont(driver, "editions");
  t.log(`editions: ${font.characters} distinct characters, all in the UI font (${await shot("editions-panel.png")})`);
}
