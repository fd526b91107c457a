// Find and replace in the open document (Ctrl+F, Ctrl+H) and the clause library panel
// (Ctrl+Shift+K), in the real window: a new document from the English sales manager template,
// the count and next / previous, Replace all and one Ctrl+Z bringing every clause back, then a
// clause found by a word inserted after the clause with the caret, and undone.
import fs from "node:fs";
import path from "node:path";

/** Every clause editor's text, in order. */
async function clauseTexts(t, driver) {
  return driver.executeScript("return [...document.querySelectorAll('.clause-text')].map((el) => el.textContent);");
}

/** How many times `word` occurs (any case) in the template's typed clause texts and fields. */
function expectedCount(t, word) {
  const doc = JSON.parse(fs.readFileSync(path.join(t.root, "templates", "sales", "en-sales-manager.jobdoc"), "utf8"));
  const re = new RegExp(word, "gi");
  const count = (s) => (typeof s === "string" ? (s.match(re) ?? []).length : 0);
  const typed = (text) => (typeof text === "string" ? [text] : text.filter((p) => typeof p === "string"));
  let n = 0;
  const walk = (clauses) => clauses.forEach((c) => {
    typed(c.text).forEach((s) => (n += count(s)));
    walk(c.children);
  });
  doc.sections.forEach((s) => {
    n += count(s.title);
    walk(s.clauses);
  });
  for (const v of [...Object.values(doc.organisation), ...Object.values(doc.position)]) n += count(v);
  const a = doc.approval;
  n += count(a.approver_position) + count(a.approver_name) + count(a.number);
  n += count(doc.signatures.author.position) + count(doc.signatures.author.name);
  for (const v of doc.signatures.visas) n += count(v.position) + count(v.name);
  return n;
}

export default async function (t) {
  const { By, Key, assert, byId, waitFor, press, log } = t;
  const { driver } = await t.session();
  t.use(driver);
  const shot = async (name) => {
    const file = path.join(t.artifacts, name);
    fs.writeFileSync(file, Buffer.from(await driver.takeScreenshot(), "base64"));
    return file;
  };
  const text = async (id) => driver.executeScript("return document.getElementById(arguments[0])?.textContent.trim() ?? null;", id);

  // A new document from a template.
  await driver.wait(t.until.elementLocated(By.css('button[data-template="en-sales-manager"]')), 30000, "no sales manager template");
  await (await driver.findElement(By.css('button[data-template="en-sales-manager"]'))).click();
  await byId(driver, "f/organisation/name");
  const original = await clauseTexts(t, driver);
  log(`find: new document from en-sales-manager, ${original.length} clauses`);

  // Ctrl+F: the bar opens with the focus in the find field; the count is the template's.
  await press(driver, Key.CONTROL, "f");
  const findField = await byId(driver, "find-text");
  await waitFor(driver, async () => (await driver.executeScript("return document.activeElement?.id")) === "find-text", "Ctrl+F did not focus the find field");
  await findField.sendKeys("client");
  const expected = expectedCount(t, "client");
  assert.ok(expected > 5, `the template has only ${expected} «client»`);
  await waitFor(driver, async () => (await text("find-count")) === `1 of ${expected}`, `the count is not "1 of ${expected}"`, 10000).catch(async (e) => {
    throw new Error(`${e.message}: it reads "${await text("find-count")}"`);
  });
  const highlighted = await driver.executeScript("const h = CSS.highlights; return (h.get('find-match')?.size ?? 0) + (h.get('find-current')?.size ?? 0) + document.querySelectorAll('input.find-hit, input.find-current').length;");
  assert.equal(highlighted, expected, "not every match is highlighted");
  await findField.sendKeys(Key.ENTER);
  await waitFor(driver, async () => (await text("find-count")) === `2 of ${expected}`, "Enter did not go to the next match", 5000);
  await findField.sendKeys(Key.SHIFT, Key.ENTER, Key.SHIFT);
  await waitFor(driver, async () => (await text("find-count")) === `1 of ${expected}`, "Shift+Enter did not go back", 5000);
  await findField.sendKeys(Key.F3);
  await findField.sendKeys(Key.F3);
  await waitFor(driver, async () => (await text("find-count")) === `3 of ${expected}`, "F3 did not go to the next match", 5000);
  // The current match is in view.
  const inView = await driver.executeScript(`
    const r = CSS.highlights.get('find-current'); const range = r && [...r][0];
    if (!range) return 'input';
    const box = range.getBoundingClientRect(); const view = document.getElementById('editor-scroll').getBoundingClientRect();
    return box.top >= view.top && box.bottom <= view.bottom;`);
  assert.ok(inView, "the current match is not scrolled into view");
  // Whole words: «clients» no longer counts.
  await (await byId(driver, "find-word")).click();
  const whole = expectedCount(t, "\\bclient\\b");
  await waitFor(driver, async () => (await text("find-count"))?.endsWith(` of ${whole}`), `whole words: not ${whole}`, 5000);
  await (await byId(driver, "find-word")).click();
  await waitFor(driver, async () => (await text("find-count"))?.endsWith(` of ${expected}`), "back to any part of a word", 5000);
  assert.deepEqual(await t.unnamedControls(driver), [], "find bar controls without an accessible name");
  const fontFind = await t.checkFont(driver, "find-bar");
  log(`find: Ctrl+F «client» counts ${expected} (${whole} whole words), Enter / Shift+Enter / F3 step through them; screenshot ${fontFind.shot}`);

  // Ctrl+H: replace all, one undo step.
  await press(driver, Key.CONTROL, "h");
  const replaceField = await byId(driver, "replace-text");
  await replaceField.sendKeys("customer");
  await shot("find-replace-bar.png");
  await (await byId(driver, "replace-all")).click();
  await waitFor(driver, async () => (await text("find-count")) === "No matches", "Replace all left matches", 10000);
  const replaced = await clauseTexts(t, driver);
  assert.ok(replaced.every((s) => !/client/i.test(s)), "a clause still says client");
  assert.ok(replaced.filter((s) => /customer/i.test(s)).length > 0, "no clause says customer");
  assert.equal(replaced.length, original.length);
  await press(driver, Key.CONTROL, "z");
  await waitFor(driver, async () => JSON.stringify(await clauseTexts(t, driver)) === JSON.stringify(original), "one Ctrl+Z did not restore every clause", 10000);
  await waitFor(driver, async () => (await text("find-count"))?.endsWith(` of ${expected}`), "the matches did not come back after undo", 5000);
  log(`replace: Replace all «client» → «customer» changed ${replaced.filter((s, i) => s !== original[i]).length} clauses; one Ctrl+Z restored all`);
  await (await byId(driver, "find-text")).sendKeys(Key.ESCAPE);
  await waitFor(driver, async () => !(await t.exists(driver, "find-text")), "Esc did not close the find bar", 5000);

  // The clause library: the caret in clause 3.1, a clause found by «report» goes after it.
  const duties = await driver.executeScript("return [...document.querySelectorAll('section.section')].findIndex((s) => s.querySelectorAll('.clause-text').length === 15);");
  assert.ok(duties >= 0, "no duties section");
  const first = `c/sections/${duties}/clauses/0`;
  const second = `c/sections/${duties}/clauses/1`;
  const before = { first: await t.value(driver, first), second: await t.value(driver, second), count: original.length };
  await driver.executeScript("document.getElementById(arguments[0]).focus();", first);
  await press(driver, Key.CONTROL, Key.SHIFT, "k");
  const search = await byId(driver, "clause-search");
  await search.sendKeys("report");
  await waitFor(driver, async () => /report/i.test(await driver.executeScript("return document.querySelector('#clause-hits li .text')?.textContent ?? '';")), "no clause found for «report»", 10000);
  const hitText = await driver.executeScript("return document.querySelector('#clause-hits li .text').textContent;");
  assert.match(hitText, /report/i, "the first hit does not say report");
  await (await byId(driver, "clause-pick-0")).click();
  assert.equal(await driver.executeScript("return document.querySelector('.panel-foot span').textContent;"), `Goes after clause ${duties + 1}.1.`);
  assert.deepEqual(await t.unnamedControls(driver), [], "clause panel controls without an accessible name");
  const fontPanel = await t.checkFont(driver, "clause-panel");
  await (await byId(driver, "clause-insert")).click();
  await waitFor(driver, async () => (await clauseTexts(t, driver)).length === before.count + 1, "the clause was not inserted", 10000);
  assert.equal(await t.value(driver, first), before.first, "the clause with the caret changed");
  const inserted = await t.value(driver, second);
  assert.notEqual(inserted, before.second, "nothing new after the clause with the caret");
  assert.match(inserted, /report/i, "the inserted clause is not the one found");
  assert.equal(await t.value(driver, `c/sections/${duties}/clauses/2`), before.second, "the old next clause did not move down");
  await shot("clause-panel-inserted.png");
  if (await t.exists(driver, "rename-keep")) await (await byId(driver, "rename-keep")).click();
  await press(driver, Key.CONTROL, "z");
  await waitFor(driver, async () => JSON.stringify(await clauseTexts(t, driver)) === JSON.stringify(original), "Ctrl+Z did not remove the inserted clause", 10000);
  // A clause that names its template's position: the panel offers this document's.
  await search.clear();
  await search.sendKeys('"at least one year as a cook"');
  await waitFor(driver, async () => /as a cook/.test(await driver.executeScript("return document.querySelector('#clause-hits li .text')?.textContent ?? '';")), "the cook's clause was not found", 10000);
  await (await byId(driver, "clause-pick-0")).click();
  await (await byId(driver, "clause-insert")).click();
  await byId(driver, "rename-offer", 10000);
  const offer = await text("rename-offer");
  assert.match(offer, /«cook»/, `the offer does not name the cook: ${offer}`);
  assert.match(offer, /cook → sales manager/, `the offer does not propose the sales manager: ${offer}`);
  const offerShot = await shot("clause-panel-offer.png");
  await (await byId(driver, "rename-apply")).click();
  await waitFor(driver, async () => (await clauseTexts(t, driver)).some((s) => /at least one year as a sales manager in catering/.test(s)), "the position was not replaced in the inserted clause", 10000);
  await press(driver, Key.CONTROL, "z");
  await waitFor(driver, async () => (await clauseTexts(t, driver)).some((s) => /at least one year as a cook in catering/.test(s)), "undo did not bring the cook back", 10000);
  await press(driver, Key.CONTROL, "z");
  await waitFor(driver, async () => JSON.stringify(await clauseTexts(t, driver)) === JSON.stringify(original), "undo did not remove the cook's clause", 10000);
  log(`clause library: a cook's clause offered «cook → sales manager», replaced, and undone step by step (${offerShot})`);
  log(`clause library: «report» found ${JSON.stringify(hitText.slice(0, 60))}…, inserted after ${duties + 1}.1., Ctrl+Z removed it; screenshot ${fontPanel.shot}`);
}
