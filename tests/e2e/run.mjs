#!/usr/bin/env node
// End-to-end test of the desktop editor in a real window, driven through WebDriver
// (tauri-driver + WebKitWebDriver) under a virtual X server.
//
//   npm --prefix ui run test:e2e
//
// It builds what it needs (the UI, the app with the UI embedded, tauri-driver if missing),
// then runs one scenario: new from a template → edit a clause → add and indent a clause →
// undo/redo → save → reopen (the file on the command line) → export PDF and DOCX (and confirm an
// overwrite) → check both files with pdftotext and python-docx; plus diagnostics navigation,
// print preparation, the unsaved-changes question and the UI language switch. A screenshot of
// the editor with the preview is saved to the artifact folder (JOBDOC_E2E_ARTIFACTS, default a
// new temp folder) and its path printed, with figures.json (launch to gallery, preview refresh
// on a ten-page document). A missing tool fails the run with a clear message.
// On the start screen, the editor, the export dialog and the Russian editor, every character the
// window shows must be in the bundled UI font (its cmap, read by cmap.mjs), the font must be
// loaded and no text may be drawn in another font; a screenshot font-<where>.png is kept.
// Every process it starts is ended on any way out (harness.mjs), at the latest at the deadline.
//
// Environment: JOBDOC_E2E_PROFILE=release (use the release build), JOBDOC_E2E_SKIP_BUILD=1
// (use the binary as built), JOBDOC_E2E_ARTIFACTS=DIR, JOBDOC_E2E_TIMEOUT_MIN (the deadline of
// the scenarios, default 25, counted after the builds), JOBDOC_E2E_ONLY=NAME (only the files of
// tests/e2e/scenarios whose name contains NAME), CARGO_TARGET_DIR.
import { execFileSync, spawnSync } from "node:child_process";
import { strict as assert } from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fontCoverage, missingCharacters } from "./cmap.mjs";
import { gtkUsableLibcups, startCups } from "./cups.mjs";
import { adoptChild, builtBinary, endAllAndReport, ensureXvfb, freePort, guardRun, root, runningProcesses, sleep, startChild, stepRunning, tools, ui, waitForPort, webdriver } from "./harness.mjs";

const { fail, which, run } = tools("e2e");
const { Builder, By, Key, until } = webdriver;
// The scenario's deadline (JOBDOC_E2E_TIMEOUT_MIN overrides it); the builds come before it.
const MINUTES = 25;

for (const [tool, hint] of [
  ["WebKitWebDriver", "apt-get install webkit2gtk-driver"],
  ["pdftotext", "apt-get install poppler-utils"],
  ["pdfinfo", "apt-get install poppler-utils"],
  ["python3", "apt-get install python3"],
  ["dbus-daemon", "apt-get install dbus-daemon"],
  ["cargo", "install Rust from https://rustup.rs"],
]) {
  if (!which(tool)) fail(`${tool} is missing (${hint})`);
}
if (spawnSync("python3", ["-c", "import docx"]).status !== 0) fail("python-docx is missing (pip install python-docx)");

const cargoBin = path.join(os.homedir(), ".cargo", "bin");
process.env.PATH = `${cargoBin}:${process.env.PATH}`;

// Build the UI and the app that embeds it (outside Xvfb, before the deadline starts).
// JOBDOC_E2E_PROFILE=release tests (and measures) the release build instead of the debug one.
const release = process.env.JOBDOC_E2E_PROFILE === "release";
if (process.env.JOBDOC_E2E_SKIP_BUILD !== "1") {
  if (!which("tauri-driver")) run("cargo", ["install", "tauri-driver", "--locked", "--version", "^2"]);
  run("npm", ["run", "build"], { cwd: ui });
  run("cargo", ["build", "-p", "jobdoc-app", "--features", "custom-protocol", ...(release ? ["--release"] : [])], { cwd: root });
  run("cargo", ["build", "-p", "jobdoc-store", "--bin", "jobdoc-store-probe", ...(release ? ["--release"] : [])], { cwd: root });
}
if (!which("tauri-driver")) fail("tauri-driver is missing (cargo install tauri-driver --locked --version ^2)");
const application = builtBinary("jobdoc-app", release);
if (!fs.existsSync(application)) fail(`the app was not built: ${application}`);
// Another process holding a document's lock, and a reader of lock files.
const probe = builtBinary("jobdoc-store-probe", release);
if (!fs.existsSync(probe)) fail(`the lock probe was not built: ${probe}`);

// Re-run under a virtual X server unless already there (what is built is used as it is).
await ensureXvfb(import.meta.url, { fail, which }, { env: { JOBDOC_E2E_SKIP_BUILD: "1" }, minutes: MINUTES });
guardRun("e2e", MINUTES);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "jobdoc-e2e-"));
const artifacts = process.env.JOBDOC_E2E_ARTIFACTS ?? fs.mkdtempSync(path.join(os.tmpdir(), "jobdoc-e2e-artifacts-"));
fs.mkdirSync(artifacts, { recursive: true });
const configHome = path.join(work, "config");
fs.mkdirSync(configHome);
// The recovery journal lives in the app's data folder.
const dataHome = path.join(work, "data");
const journalDir = path.join(dataHome, "org.jobdoc.editor", "recovery");
// Answers for the native file dialogs, which WebDriver cannot reach: the app takes them from
// this file (one path per line, an empty line = Cancel) instead of showing the dialog.
const dialogAnswers = path.join(work, "dialog-answers.txt");
function answerDialogs(...answers) {
  fs.writeFileSync(dialogAnswers, answers.join("\n"));
}


// A private session bus with a stand-in file manager, so that "Open folder" can be checked: the
// app asks org.freedesktop.FileManager1 to show the exported file, and the stand-in logs it.
const fileManagerLog = path.join(work, "file-manager.log");
const bus = spawnSync("dbus-daemon", ["--session", "--fork", "--print-address=1", "--print-pid=1"], { encoding: "utf8", timeout: 20000 });
if (bus.status !== 0) fail(`dbus-daemon did not start: ${bus.stderr}`);
const [busAddress, busPid] = bus.stdout.trim().split("\n");
adoptChild("dbus-daemon", Number(busPid));
const fileManager = startChild("fake file manager", "/usr/bin/python3", [path.join(root, "tests", "e2e", "fake_file_manager.py"), fileManagerLog], {
  env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
  stdio: ["ignore", "pipe", "inherit"],
});
stepRunning("starting the stand-in file manager");
await new Promise((resolve, reject) => {
  fileManager.stdout.on("data", (d) => String(d).includes("ready") && resolve());
  fileManager.on("exit", (code) => reject(new Error(`the stand-in file manager exited with ${code} (needs python3-dbus, python3-gi)`)));
}).catch((e) => fail(e.message));

// A private CUPS scheduler with a PDF printer (tests/e2e/cups.mjs), and for the app a libcups
// whose GTK print backend lists printers (see gtkUsableLibcups).
stepRunning("starting a private CUPS scheduler");
const cups = await startCups().catch((e) => fail(e.message));
let libcupsDir = null;
try {
  libcupsDir = gtkUsableLibcups();
} catch (e) {
  fail(e.message);
}

const port = await freePort();
const nativePort = await freePort();
const appEnv = {
  ...process.env,
  XDG_CONFIG_HOME: configHome,
  XDG_DATA_HOME: dataHome,
  JOBDOC_E2E_DIALOG_ANSWERS: dialogAnswers,
  DBUS_SESSION_BUS_ADDRESS: busAddress,
  LANG: "C.UTF-8",
  LC_ALL: "C.UTF-8",
  CUPS_SERVER: cups.socket,
  ...(libcupsDir ? { LD_LIBRARY_PATH: [libcupsDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":") } : {}),
  // The web view renders as it does for users: with compositing. Under
  // WEBKIT_DISABLE_COMPOSITING_MODE=1, WebKitGTK 2.50's screenshot waits for a frame that an
  // idle page never draws, so WebDriver stalled a few seconds after the last change.
};
stepRunning("starting tauri-driver");
const driverProcess = startChild("tauri-driver (WebKitWebDriver, the app)", "tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
  env: appEnv,
  stdio: ["ignore", "inherit", "inherit"],
});
if (!(await waitForPort(port, 20000))) fail(`tauri-driver did not listen on port ${port}`);

async function session(args = []) {
  const started = Date.now();
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: "wry", "tauri:options": { application, args } })
    .build();
  return { driver, started };
}

// ---------------------------------------------------------------- scenario helpers

let step = 0;
function log(message) {
  step += 1;
  console.log(`e2e: ${String(step).padStart(2, "0")}. ${message}`);
  stepRunning(`the step after ${String(step).padStart(2, "0")} (${message.slice(0, 80)})`);
}

async function byId(driver, id, ms = 30000) {
  return driver.wait(until.elementLocated(By.css(`[id="${id}"]`)), ms, `element #${id} did not appear`);
}

/** The value of a form field, or the text of a clause editor (contenteditable; chips read as
 * the text they show). */
async function value(driver, id) {
  return driver.executeScript("const el = document.getElementById(arguments[0]); return el ? (el.isContentEditable ? el.textContent : el.value) : null;", id);
}

/** Types at the end of a clause editor: WebDriver's sendKeys on a contenteditable leaves the
 * caret wherever the engine puts it on focus (WebKit: the start). */
async function typeAtEnd(driver, id, text) {
  const el = await byId(driver, id);
  // No click: a toast may cover the clause, and a click puts the caret where it lands.
  await driver.executeScript(
    "const el = document.getElementById(arguments[0]); el.focus(); const r = document.createRange(); r.selectNodeContents(el); r.collapse(false); const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);",
    id,
  );
  await el.sendKeys(text);
}

async function exists(driver, id) {
  return driver.executeScript("return document.getElementById(arguments[0]) !== null;", id);
}

async function waitFor(driver, fn, message, ms = 30000) {
  await driver.wait(async () => Boolean(await fn()), ms, message);
}

const MODIFIERS = new Set([Key.CONTROL, Key.SHIFT, Key.ALT, Key.META]);

/** Presses a key combination: modifiers held down, the last key pressed, all released. */
async function press(driver, ...keys) {
  let a = driver.actions();
  const mods = keys.filter((k) => MODIFIERS.has(k));
  for (const m of mods) a = a.keyDown(m);
  for (const k of keys.filter((k) => !MODIFIERS.has(k))) a = a.sendKeys(k);
  for (const m of mods.reverse()) a = a.keyUp(m);
  await a.perform();
}

async function previewPages(driver) {
  return driver.executeScript(
    "const el = document.getElementById('preview-pages'); return el ? { pages: Number(el.dataset.pages), exportMs: Number(el.dataset.exportMs), renderMs: Number(el.dataset.renderMs), renders: Number(el.dataset.renders) } : null;",
  );
}

/** Waits until the preview shows pages rendered after `since` changes. */
async function waitPreview(driver, message) {
  await waitFor(driver, async () => {
    const p = await previewPages(driver);
    return p?.pages > 0 && p.renders > 0;
  }, message, 20000);
}

function pdfText(file) {
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", timeout: 60000 });
}

function docxText(file) {
  return execFileSync(
    "python3",
    ["-c", "import docx, sys\nd = docx.Document(sys.argv[1])\nprint('\\n'.join(p.text for p in d.paragraphs))", file],
    { encoding: "utf8", timeout: 60000 },
  );
}

/** Visible controls without an accessible name (label, aria-label(ledby), title or text). */
async function unnamedControls(driver) {
  return driver.executeScript(`
    const named = (el) => {
      if (el.getAttribute("aria-label")?.trim()) return true;
      const by = el.getAttribute("aria-labelledby");
      if (by && by.split(/\\s+/).some((id) => document.getElementById(id)?.textContent.trim())) return true;
      if (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')?.textContent.trim()) return true;
      if (el.closest("label")?.textContent.trim()) return true;
      if (el.getAttribute("title")?.trim()) return true;
      if ((el.tagName === "BUTTON" || el.getAttribute("role") === "button") && el.textContent.trim()) return true;
      return false;
    };
    const controls = [...document.querySelectorAll("button, input, select, textarea, [role=button], [role=img], [tabindex]")];
    return controls
      .filter((el) => el.getClientRects().length > 0 && !named(el))
      .map((el) => el.outerHTML.slice(0, 120));`);
}

// The UI's own font: every character the window shows must be in it (both weights), and the
// page must have loaded it; nothing may be drawn in a system font.
const UI_FONT = "Jobdoc UI";
const uiFontFiles = ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"].map((f) => path.join(ui, "src", "assets", "fonts", f));
const uiFontCoverage = (() => {
  const [regular, bold] = uiFontFiles.map(fontCoverage);
  return new Set([...regular].filter((c) => bold.has(c)));
})();

/** Checks the window's text against the bundled font and saves a screenshot `font-<where>.png`. */
async function checkFont(driver, where) {
  const seen = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    document.fonts.ready.then(() => {
      const visible = (el) => el.getClientRects().length > 0;
      const parts = [document.body.innerText];
      for (const el of document.querySelectorAll("button, [role=button], input, textarea, select, [aria-label], [placeholder]")) {
        if (!visible(el)) continue;
        parts.push(el.getAttribute("aria-label") ?? "", el.getAttribute("placeholder") ?? "");
        if (el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && el.type !== "checkbox" && el.type !== "radio")) parts.push(el.value);
        if (el.tagName === "SELECT") parts.push(...[...el.options].map((o) => o.text));
      }
      // Every element that draws text: the first family of its computed font must be ours.
      const families = new Set();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (el && n.textContent.trim() && visible(el)) families.add(getComputedStyle(el).fontFamily);
      }
      for (const el of document.querySelectorAll("input, textarea, select, button")) if (visible(el)) families.add(getComputedStyle(el).fontFamily);
      const faces = [...document.fonts].map((f) => ({ family: f.family.replace(/["']/g, ""), weight: ({ normal: "400", bold: "700" })[f.weight] ?? String(f.weight), status: f.status }));
      done({ text: parts.join("\\n"), families: [...families], faces, check: document.fonts.check('14px "${UI_FONT}"') });
    });`);
  const shot = path.join(artifacts, `font-${where}.png`);
  fs.writeFileSync(shot, Buffer.from(await driver.takeScreenshot(), "base64"));
  const missing = missingCharacters(seen.text, uiFontCoverage);
  assert.deepEqual(missing, [], `${where}: characters the UI font (${path.basename(uiFontFiles[0])}) lacks; they would be drawn in a system font (screenshot ${shot})`);
  const foreign = seen.families.filter((f) => f.split(",")[0].trim().replace(/["']/g, "") !== UI_FONT);
  assert.deepEqual(foreign, [], `${where}: text drawn in another font than "${UI_FONT}"`);
  const loaded = seen.faces.filter((f) => f.family === UI_FONT && f.status === "loaded").map((f) => f.weight);
  assert.ok(seen.check && loaded.includes("400") && loaded.includes("700"), `${where}: the bundled font is not loaded: ${JSON.stringify(seen.faces)}`);
  return { characters: new Set(seen.text).size, shot };
}

const flat = (s) => s.replace(/-\n\s*/g, "").replace(/\s+/g, " ");

// ---------------------------------------------------------------- the scenario

const EDITED = "The manager keeps the E2E client register up to date.";
const ADDED = "Checks the E2E register every Monday.";
const REPORTS_TO = "the E2E Sales Director";
const savedPath = path.join(work, "saved", "key account.jobdoc");
fs.mkdirSync(path.dirname(savedPath));
const exportDir = path.join(work, "export");
fs.mkdirSync(exportDir);
const figures = {};
let driver;

try {
  // JOBDOC_E2E_ONLY=NAME runs only the scenarios whose file name contains NAME (for work on
  // one of them); the main scenario runs otherwise.
  const only = process.env.JOBDOC_E2E_ONLY;
  let s;
  if (!only) {
    // 1. Start: the template gallery lists the built-in templates through the real command.
    s = await session();
    driver = s.driver;
    await driver.wait(until.elementLocated(By.css("button[data-template]")), 30000, "no template appeared");
    const cards = await driver.findElements(By.css("button[data-template]"));
    figures.launchToGalleryMs = Date.now() - s.started;
    log(`start screen: ${cards.length} templates (launch to gallery ${figures.launchToGalleryMs} ms incl. WebDriver)`);
    assert.ok(cards.length >= 60, `expected at least 60 templates, found ${cards.length}`);
    assert.equal(await driver.getTitle(), "Jobdoc");
    const startFont = await checkFont(driver, "start-screen");
    log(`start screen: ${startFont.characters} distinct characters, all in the bundled UI font, which is loaded (${startFont.shot})`);

    // The language filter and search narrow the gallery.
    await (await byId(driver, "template-search")).sendKeys("key account");
    await waitFor(driver, async () => (await driver.findElements(By.css("button[data-template]"))).length === 2, "search did not narrow to the two key-account templates");
    await (await byId(driver, "template-language")).click();
    await (await driver.findElement(By.css('#template-language option[value="en"]'))).click();
    await waitFor(driver, async () => (await driver.findElements(By.css("button[data-template]"))).length === 1, "the language filter did not narrow to one template");
    assert.deepEqual(await unnamedControls(driver), [], "start-screen controls without an accessible name");
    log("gallery search and language filter narrow to one template");

    // 2. New from a template.
    await (await driver.findElement(By.css('button[data-template="en-key-account-manager"]'))).click();
    const first = "c/sections/0/clauses/0";
    await byId(driver, first);
    await waitFor(driver, async () => (await driver.getTitle()) === "• Untitled — Jobdoc", "title is not '• Untitled — Jobdoc'");
    await waitPreview(driver, "the preview did not render");
    log(`new document from en-key-account-manager; title "${await driver.getTitle()}"; preview ${JSON.stringify(await previewPages(driver))}`);

    // 3. Edit a clause in place.
    const area = await byId(driver, first);
    await area.click();
    await press(driver, Key.CONTROL, "a");
    await area.sendKeys(EDITED);
    assert.equal(await value(driver, first), EDITED);
    log("edited clause 1.1.");

    // 4. Add a clause after it (Enter) and indent it (Alt+→).
    await area.sendKeys(Key.ENTER);
    const added = "c/sections/0/clauses/1";
    await waitFor(driver, async () => (await value(driver, added)) === "", "Enter did not add an empty clause after 1.1.");
    await (await byId(driver, added)).sendKeys(ADDED);
    await sleep(1700); // a pause ends the typing run: the indent is its own undo step
    await press(driver, Key.ALT, Key.ARROW_RIGHT);
    const indented = "c/sections/0/clauses/0/children/0";
    await waitFor(driver, async () => (await value(driver, indented)) === ADDED, "Alt+→ did not indent the new clause under 1.1.");
    const labelText = await driver.executeScript(`return document.querySelector('label[for="${indented}"]').textContent`);
    assert.equal(labelText.trim(), "1.1.1.");
    log(`added clause and indented it: now ${labelText.trim()}`);

    // 5. Undo (Ctrl+Z) takes the indent back; redo (Ctrl+Shift+Z, then the toolbar) restores it.
    await press(driver, Key.CONTROL, "z");
    await waitFor(driver, async () => (await value(driver, added)) === ADDED && !(await exists(driver, indented)), "Ctrl+Z did not undo the indent");
    await press(driver, Key.CONTROL, "z");
    await waitFor(driver, async () => (await value(driver, added)) === "", "second Ctrl+Z did not undo the typing");
    await press(driver, Key.CONTROL, Key.SHIFT, "z");
    await waitFor(driver, async () => (await value(driver, added)) === ADDED, "Ctrl+Shift+Z did not redo the typing");
    await (await byId(driver, "btn-redo")).click();
    await waitFor(driver, async () => (await value(driver, indented)) === ADDED, "the Redo button did not redo the indent");
    const unnamed = await unnamedControls(driver);
    assert.deepEqual(unnamed, [], "editor controls without an accessible name");
    log("undo/redo of indent and typing (Ctrl+Z ×2, Ctrl+Shift+Z, Redo button); every control in the start screen, editor and preview has an accessible name");

    // Drag and drop: clause 1.3 dragged onto the top half of 1.1 moves above it; Ctrl+Z puts it
    // back. The DragEvents are dispatched in the page (WebDriver cannot drive an HTML5 drag through
    // GTK), so this checks the editor's drag handling, not the toolkit's drag source.
    const third = "c/sections/0/clauses/2";
    const movedText = await value(driver, third);
    await driver.executeScript(`
      const handle = document.getElementById(arguments[0]).closest(".clause").querySelector(".drag-handle");
      const target = document.getElementById(arguments[1]).closest(".clause");
      const box = target.getBoundingClientRect();
      const init = { bubbles: true, cancelable: true, dataTransfer: new DataTransfer(), clientX: box.left + 20, clientY: box.top + 3 };
      handle.dispatchEvent(new DragEvent("dragstart", init));
      target.dispatchEvent(new DragEvent("dragover", init));
      target.dispatchEvent(new DragEvent("drop", init));
      handle.dispatchEvent(new DragEvent("dragend", init));`, third, first);
    await waitFor(driver, async () => (await value(driver, first)) === movedText, "dropping clause 1.3 above 1.1 did not move it");
    assert.equal(await value(driver, "c/sections/0/clauses/1"), EDITED, "the former 1.1 is not second after the drop");
    assert.equal(await value(driver, "c/sections/0/clauses/1/children/0"), ADDED, "the former 1.1 lost its sub-clause in the drop");
    await (await byId(driver, "btn-undo")).click();
    await waitFor(driver, async () => (await value(driver, first)) === EDITED && (await value(driver, third)) === movedText, "undo did not take the drop back");
    log("drag and drop moved clause 1.3 above 1.1 (numbering follows); undo took it back");

    // 6. Diagnostics: an empty organisation is reported; clicking the report focuses the field.
    const org = await byId(driver, "f/organisation/name");
    const orgName = await value(driver, "f/organisation/name");
    await org.click();
    await press(driver, Key.CONTROL, "a");
    await org.sendKeys(Key.BACK_SPACE);
    const diag = await driver.wait(until.elementLocated(By.css('button.diag[data-path="/organisation/name"]')), 5000, "no diagnostic for the empty organisation");
    // The editor with its toolbar, clause tools and a problem listed: all in the bundled font.
    await (await byId(driver, first)).click();
    const editorFont = await checkFont(driver, "editor");
    await (await byId(driver, first)).click();
    await diag.click();
    await waitFor(driver, async () => (await driver.executeScript("return document.activeElement.id")) === "f/organisation/name", "clicking the diagnostic did not focus the organisation field");
    await org.sendKeys(orgName);
    await waitFor(driver, async () => (await driver.findElements(By.css('button.diag[data-path="/organisation/name"]'))).length === 0, "the diagnostic did not go away");
    log(`diagnostic for the organisation appears, jumps to the field, disappears when fixed; the editor's ${editorFont.characters} distinct characters are all in the UI font (${editorFont.shot})`);

    // 6b. A field reference: "Insert field" puts a chip showing the field's text at the caret; a
    //     change of the field shows in the chip (and prints there: checked in the exported PDF).
    const functionsFirst = "c/sections/1/clauses/0";
    await (await byId(driver, functionsFirst)).click();
    await press(driver, Key.CONTROL, Key.END);
    await (await byId(driver, functionsFirst)).sendKeys(" Reports to ");
    await (await byId(driver, `insert-field-/sections/1/clauses/0`)).click();
    await (await driver.wait(until.elementLocated(By.css('.field-menu button[data-field="reports_to"]')), 5000, "no field menu")).click();
    const chipText = () => driver.executeScript(`const c = document.getElementById(arguments[0]).querySelector('.chip[data-field="reports_to"]'); return c ? c.textContent : null;`, functionsFirst);
    await waitFor(driver, async () => (await chipText()) === (await value(driver, "f/position/reports_to")), "the chip does not show the field's text");
    const reportsTo = await byId(driver, "f/position/reports_to");
    await reportsTo.click();
    await press(driver, Key.CONTROL, "a");
    await reportsTo.sendKeys(REPORTS_TO);
    await waitFor(driver, async () => (await chipText()) === REPORTS_TO, "the chip did not follow the field");
    log("inserted a 'Reports to' field into clause 2.1 as a chip; renaming the field updates the chip");

    // 7. Save (Ctrl+S on a new document asks for a file: the native dialog's answer is queued,
    //    since WebDriver cannot reach GTK dialogs).
    answerDialogs(savedPath);
    await press(driver, Key.CONTROL, "s");
    await waitFor(driver, async () => (await driver.getTitle()) === "key account.jobdoc — Jobdoc", "title after save is not 'key account.jobdoc — Jobdoc'");
    const saved = JSON.parse(fs.readFileSync(savedPath, "utf8"));
    assert.equal(saved.sections[0].clauses[0].text, EDITED);
    assert.equal(saved.sections[0].clauses[0].children[0].text, ADDED);
    assert.equal(saved.meta.revision, 1);
    assert.equal(saved.meta.template, "en-key-account-manager");
    assert.deepEqual(saved.sections[1].clauses[0].text.slice(-1), [{ field: "reports_to" }], "the reference is saved as a field, not as typed text");
    assert.equal(saved.position.reports_to, REPORTS_TO);
    log(`saved ${savedPath} (revision ${saved.meta.revision})`);

    // Unsaved changes are asked about before leaving: edit, Ctrl+N, pick a template → question.
    await typeAtEnd(driver, first, " More.");
    await waitFor(driver, async () => (await driver.getTitle()).startsWith("• "), "the unsaved mark did not appear");
    await press(driver, Key.CONTROL, "n");
    await (await driver.wait(until.elementLocated(By.css('button[data-template="ru-sales-manager"]')), 5000)).click();
    const question = await driver.wait(until.elementLocated(By.css('[role="alertdialog"]')), 5000, "no unsaved-changes question");
    assert.match(await question.getText(), /Save changes\?/);
    await (await question.findElement(By.xpath(".//button[normalize-space()='Cancel']"))).click();
    await (await driver.findElement(By.css(".start-actions button:last-child"))).click(); // back to the document
    // Quitting (Ctrl+Q, also in the native File menu) with unsaved changes asks the same question;
    // Cancel keeps the window and the document.
    await press(driver, Key.CONTROL, "q");
    const quitQuestion = await driver.wait(until.elementLocated(By.css('[role="alertdialog"]')), 5000, "no unsaved-changes question on quit");
    await (await quitQuestion.findElement(By.xpath(".//button[normalize-space()='Cancel']"))).click();
    await waitFor(driver, async () => (await driver.getTitle()).startsWith("• key account.jobdoc"), "Cancel on quit did not keep the document");
    await press(driver, Key.CONTROL, "z");
    await waitFor(driver, async () => (await driver.getTitle()) === "key account.jobdoc — Jobdoc", "undo to the saved text did not clear the unsaved mark");
    log("unsaved-changes question on New and on Quit → Cancel keeps the document; undo back to the saved text clears the mark");

    // Close the document (Ctrl+W) before quitting, as a user would: that releases its lock.
    await press(driver, Key.CONTROL, "w");
    await driver.wait(until.elementLocated(By.css("button[data-template]")), 10000, "Ctrl+W did not close the document");
    await driver.quit();
    driver = null;

    // 8. Reopen: the file passed on the command line opens directly in the editor.
    s = await session([savedPath]);
    driver = s.driver;
    await byId(driver, indented, 30000);
    assert.equal(await value(driver, first), EDITED);
    assert.equal(await value(driver, indented), ADDED);
    assert.equal(await driver.getTitle(), "key account.jobdoc — Jobdoc");
    await waitPreview(driver, "the preview did not render after reopening");
    log("reopened from the command line: text, nesting and title as saved");

    // 9. Export PDF and DOCX through the export dialog (Ctrl+E).
    await press(driver, Key.CONTROL, "e");
    answerDialogs(exportDir);
    await (await byId(driver, "export-choose-folder")).click();
    await waitFor(driver, async () => (await value(driver, "export-folder")) === exportDir, "the chosen export folder was not taken");
    assert.deepEqual(await unnamedControls(driver), [], "export-dialog controls without an accessible name");
    const exportFont = await checkFont(driver, "export-dialog");
    log(`export dialog: ${exportFont.characters} distinct characters, all in the UI font (${exportFont.shot})`);
    const pattern = await value(driver, "export-pattern");
    assert.equal(pattern, "Job description — <position>");
    await (await byId(driver, "export-run")).click();
    await byId(driver, "export-result", 30000);
    const files = fs.readdirSync(exportDir).sort();
    assert.deepEqual(files, ["Job description — key account manager.docx", "Job description — key account manager.pdf"]);
    // "Open folder" shows the exported file in the file manager.
    await (await byId(driver, "export-open-folder")).click();
    await waitFor(driver, async () => fs.existsSync(fileManagerLog) && fs.readFileSync(fileManagerLog, "utf8").trim() !== "", "Open folder did not ask the file manager", 10000);
    const shown = fs.readFileSync(fileManagerLog, "utf8").trim().split("\n");
    assert.equal(shown.length, 1, `one request expected: ${shown}`);
    const shownPath = decodeURIComponent(shown[0].replace(/^ShowItems file:\/\//, ""));
    assert.ok(shown[0].startsWith("ShowItems file://") && files.some((f) => shownPath === path.join(exportDir, f)), `the file manager was asked to show ${shown[0]}`);
    await (await driver.findElement(By.xpath("//button[normalize-space()='Close']"))).click();
    log(`exported ${files.join(", ")}; Open folder asked the file manager to show ${path.basename(shownPath)}`);

    // Exporting again asks before replacing.
    await press(driver, Key.CONTROL, "e");
    assert.equal(await value(driver, "export-folder"), exportDir, "the last export folder was not remembered");
    // This time as a КЭДО package: the PDF becomes PDF/A-1a and gets its XML description.
    await (await byId(driver, "export-kedo")).click();
    await (await byId(driver, "export-run")).click();
    await (await byId(driver, "overwrite-confirm")).click();
    await byId(driver, "export-result", 30000);
    await (await driver.findElement(By.xpath("//button[normalize-space()='Close']"))).click();
    assert.deepEqual(fs.readdirSync(exportDir).sort(), [...files, "Job description — key account manager.xml"].sort(), "the КЭДО package lacks its XML description");
    const archival = fs.readFileSync(path.join(exportDir, "Job description — key account manager.pdf"), "latin1");
    assert.ok(archival.includes("<pdfaid:conformance>A</pdfaid:conformance>"), "the КЭДО PDF is not PDF/A-1a");
    const description = fs.readFileSync(path.join(exportDir, "Job description — key account manager.xml"));
    assert.ok(description[0] === 0x3c, "the XML description must start with '<' (UTF-8, no BOM)");
    log("second export: folder remembered, overwrite confirmed; КЭДО package = PDF/A-1a + XML description");

    // 10. The files, read by real readers.
    const pdfFile = path.join(exportDir, "Job description — key account manager.pdf");
    const docxFile = path.join(exportDir, "Job description — key account manager.docx");
    const ptext = flat(pdfText(pdfFile));
    assert.ok(ptext.includes("JOB DESCRIPTION"), "PDF lacks the document kind");
    assert.ok(ptext.includes("1.1. The manager keeps the E2E client register up to date."), "PDF lacks the edited clause");
    assert.ok(ptext.includes("1.1.1. Checks the E2E register every Monday."), "PDF lacks the indented clause");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdfFile], { encoding: "utf8", timeout: 60000 }))[1]);
    const dtext = docxText(docxFile);
    assert.ok(dtext.includes(EDITED), "DOCX lacks the edited clause");
    assert.ok(dtext.includes(ADDED), "DOCX lacks the indented clause");
    assert.ok(ptext.includes(`Reports to ${REPORTS_TO}`), "PDF lacks the field's text where the chip is");
    assert.ok(dtext.includes(`Reports to ${REPORTS_TO}`), "DOCX lacks the field's text where the chip is");
    log(`pdftotext and python-docx find both clauses and the field's text at the chip (PDF ${pages} pages)`);

    // 11. Print: the exact PDF pages are prepared for the system print dialog (under WebDriver
    //     window.print() opens nothing, so the prepared pages are checked).
    await (await byId(driver, "btn-print")).click();
    await waitFor(driver, async () => Number(await driver.executeScript("return document.getElementById('print-pages').dataset.pages || 0")) === pages, "print did not prepare every PDF page", 30000);
    log(`print prepared ${pages} page images`);

    // 12. The UI language switches to Russian.
    await (await byId(driver, "ui-lang")).click();
    await (await driver.findElement(By.css('#ui-lang option[value="ru"]'))).click();
    await waitFor(driver, async () => (await (await byId(driver, "btn-save")).getText()) === "Сохранить", "the UI did not switch to Russian");
    log("UI switched to Russian");

    // 13. A screenshot of the editor with the preview.
    await (await byId(driver, first)).click();
    await sleep(800);
    // After the click: with the language menu still open, a script or screenshot waits forever.
    const ruFont = await checkFont(driver, "editor-ru");
    log(`the Russian editor's ${ruFont.characters} distinct characters are all in the UI font (${ruFont.shot})`);
    const shot = path.join(artifacts, "editor-with-preview.png");
    fs.writeFileSync(shot, Buffer.from(await driver.takeScreenshot(), "base64"));
    log(`screenshot: ${shot}`);

    // 14. Preview refresh on a ten-page document (figures for the report).
    const big = JSON.parse(fs.readFileSync(path.join(root, "templates", "sales", "ru-key-account-manager.jobdoc"), "utf8"));
    for (const section of big.sections) section.clauses = [...section.clauses, ...structuredClone(section.clauses)];
    const bigPath = path.join(work, "ten-pages.jobdoc");
    fs.writeFileSync(bigPath, JSON.stringify(big, null, 2));
    await press(driver, Key.CONTROL, "w");
    await driver.wait(until.elementLocated(By.css("button[data-template]")), 10000, "Ctrl+W did not close the document");
    await driver.quit();
    driver = null;
    s = await session([bigPath]);
    driver = s.driver;
    await byId(driver, first, 30000);
    await waitPreview(driver, "the preview of the long document did not render");
    const samples = [];
    for (let i = 0; i < 5; i++) {
      const before = await previewPages(driver);
      await (await byId(driver, first)).sendKeys("x");
      await waitFor(driver, async () => (await previewPages(driver))?.renders > before.renders, "the preview did not refresh", 30000);
      samples.push(await previewPages(driver));
      await sleep(500);
    }
    figures.tenPage = samples;
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    figures.tenPageMedian = { exportMs: median(samples.map((x) => x.exportMs)), renderMs: median(samples.map((x) => x.renderMs)) };
    log(`preview refresh on a ${samples[0].pages}-page document: ${samples.map((x) => `export+IPC ${x.exportMs} ms, render of the pages in view ${x.renderMs} ms`).join("; ")}`);
    // The typing above was never saved: it is in the recovery journal when the app goes away.
    await sleep(1500);
    assert.equal(fs.readdirSync(journalDir).filter((f) => f.endsWith(".jobdoc-recovery")).length, 1, "the unsaved ten-page document is not in the journal");

    // 15. Locks: a colleague's editor (another process) holds the file → it opens read-only,
    //     naming who and since when; no take-over while the holder lives; Save goes to Save As.
    await driver.quit();
    driver = null;
    // The colleague's heartbeat is this moment: a live lock, whatever the date of the run.
    const holder = startChild("lock probe", probe, ["hold", savedPath, "colleague-e2e", "now"], { stdio: ["pipe", "pipe", "inherit"] });
    await new Promise((resolve, reject) => {
      holder.stdout.on("data", (d) => String(d).includes("locked") && resolve());
      holder.on("exit", (code) => reject(new Error(`the lock probe exited with ${code}`)));
    });
    s = await session([savedPath]);
    driver = s.driver;
    // The ten-page document's unsaved typing is offered first; this time it is discarded.
    const leftover = await driver.wait(until.elementLocated(By.css("#recovery-list li button:not(.primary)")), 30000, "the unsaved ten-page document was not offered for recovery");
    await leftover.click();
    await waitFor(driver, async () => !(await exists(driver, "recovery-list")), "discarding the offer did not close the list");
    assert.deepEqual(fs.readdirSync(journalDir).filter((f) => f.endsWith(".jobdoc-recovery")), [], "the discarded entry is still in the journal");
    const bar = await byId(driver, "read-only-bar");
    await waitFor(driver, async () => (await bar.getText()).includes("colleague-e2e"), "the read-only bar does not name the holder");
    assert.equal(await exists(driver, "take-over"), false, "a live holder's lock must not be offered for taking over");
    assert.match(await driver.getTitle(), /^key account\.jobdoc \[(только чтение|read-only)\] — Jobdoc$/, "the title does not say read-only");
    fs.writeFileSync(path.join(artifacts, "read-only.png"), Buffer.from(await driver.takeScreenshot(), "base64"));
    const beforeReadOnlySave = fs.readFileSync(savedPath, "utf8");
    answerDialogs(""); // Save As → Cancel
    await press(driver, Key.CONTROL, "s");
    await sleep(1500);
    assert.equal(fs.readFileSync(savedPath, "utf8"), beforeReadOnlySave, "a read-only document was saved over the holder's file");
    log(`read-only while another process holds the lock: "${(await bar.getText()).split("\n")[0]}"`);
    holder.stdin.end();
    await new Promise((resolve) => holder.on("exit", resolve));
    await driver.quit();
    driver = null;

    // 16. Changed on disk: someone else's save since we opened → asked; overwrite keeps theirs
    //     in the .bak.
    s = await session([savedPath]);
    driver = s.driver;
    await byId(driver, first, 30000);
    const ourLock = JSON.parse(execFileSync(probe, ["show", savedPath], { encoding: "utf8", timeout: 60000 }));
    const me = process.env.USER || process.env.USERNAME || process.env.LOGNAME || os.userInfo().username;
    assert.equal(ourLock.user, me, "the lock does not name this user");
    await typeAtEnd(driver, first, " Ours.");
    const theirs = JSON.parse(fs.readFileSync(savedPath, "utf8"));
    theirs.organisation.name = "Theirs Ltd";
    fs.writeFileSync(savedPath, JSON.stringify(theirs, null, 2));
    await press(driver, Key.CONTROL, "s");
    await (await byId(driver, "changed-overwrite", 10000)).click();
    await waitFor(driver, async () => !(await driver.getTitle()).startsWith("• "), "the overwrite did not save");
    const ours = JSON.parse(fs.readFileSync(savedPath, "utf8"));
    assert.ok(ours.sections[0].clauses[0].text.endsWith(" Ours."), "our edit is not in the file");
    assert.equal(JSON.parse(fs.readFileSync(`${savedPath}.bak`, "utf8")).organisation.name, "Theirs Ltd", "their version is not in the backup");
    log("changed on disk: asked, overwrote, their version kept in .bak");

    // 17. Recovery: an unsaved edit reaches the journal; the app is killed (SIGKILL); the next
    //     start offers the edit, restores it, takes over the dead editor's lock and saves.
    await typeAtEnd(driver, first, " Unsaved.");
    await waitFor(driver, async () => fs.existsSync(journalDir) && fs.readdirSync(journalDir).some((f) => f.endsWith(".jobdoc-recovery")), "the unsaved edit did not reach the recovery journal", 10000);
    await sleep(1500); // the journal is written a second after the last keystroke
    const killedPid = JSON.parse(execFileSync(probe, ["show", savedPath], { encoding: "utf8", timeout: 60000 })).pid;
    process.kill(killedPid, "SIGKILL");
    await Promise.race([driver.quit().catch(() => undefined), sleep(5000)]);
    driver = null;
    s = await session([]);
    driver = s.driver;
    const offer = await driver.wait(until.elementLocated(By.css("#recovery-list li button.primary")), 30000, "no recovery offer after the kill");
    fs.writeFileSync(path.join(artifacts, "recovery.png"), Buffer.from(await driver.takeScreenshot(), "base64"));
    await offer.click();
    await waitFor(driver, async () => ((await value(driver, first)) ?? "").endsWith(" Ours. Unsaved."), "the restored document lacks the unsaved edit");
    assert.ok((await driver.getTitle()).startsWith("• "), "a restored document must show unsaved changes");
    await (await byId(driver, "take-over", 10000)).click();
    await (await byId(driver, "take-over-confirm")).click();
    await waitFor(driver, async () => !(await exists(driver, "read-only-bar")), "taking over the dead editor's lock failed");
    await press(driver, Key.CONTROL, "s");
    await waitFor(driver, async () => !(await driver.getTitle()).startsWith("• "), "saving the restored document failed");
    assert.ok(JSON.parse(fs.readFileSync(savedPath, "utf8")).sections[0].clauses[0].text.endsWith(" Ours. Unsaved."), "the restored edit is not in the file");
    assert.deepEqual(fs.readdirSync(journalDir).filter((f) => f.endsWith(".jobdoc-recovery")), [], "saving left journal entries");
    // Closing the document removes our lock.
    await press(driver, Key.CONTROL, "w");
    await driver.wait(until.elementLocated(By.css("button[data-template]")), 10000, "Ctrl+W did not close the document");
    assert.equal(execFileSync(probe, ["show", savedPath], { encoding: "utf8", timeout: 60000 }).trim(), "unlocked", "the lock was not removed on close");
    log(`recovery after SIGKILL of pid ${killedPid}: offered, restored, lock taken over, saved; lock removed on close`);

  }

  // 18+. Further scenarios (tests/e2e/scenarios/*.mjs, in name order), each with its own
  //      window: `export default async function (t)` with the helpers below; a scenario hands
  //      its driver to `t.use` so that a failure is photographed and the window is closed.
  const scenarioDir = path.join(root, "tests", "e2e", "scenarios");
  const scenarioFiles = fs.existsSync(scenarioDir) ? fs.readdirSync(scenarioDir).filter((f) => f.endsWith(".mjs") && (!only || f.includes(only))).sort() : [];
  // The driver allows one session at a time: the main scenario's window closes first.
  if (driver) {
    await Promise.race([driver.quit().catch(() => undefined), sleep(10000)]);
    driver = null;
  }
  for (const file of scenarioFiles) {
    // Each scenario starts as a new user would (settings, recent files, UI language, recovery
    // journal, search index): what one leaves behind must not change the next.
    for (const home of [configHome, dataHome]) {
      fs.rmSync(home, { recursive: true, force: true });
      fs.mkdirSync(home, { recursive: true });
    }
    const { default: scenario } = await import(path.join(scenarioDir, file));
    if (typeof scenario !== "function") throw new Error(`tests/e2e/scenarios/${file} has no default export function`);
    await scenario({
      name: file,
      session,
      use: (d) => {
        driver = d;
      },
      byId, value, typeAtEnd, exists, waitFor, press, previewPages, waitPreview, pdfText, docxText, unnamedControls, checkFont,
      log, answerDialogs, startChild, sleep, assert, By, Key, until,
      work, artifacts, probe, root, figures, journalDir, dialogAnswers, cups,
    });
    if (driver) {
      await Promise.race([driver.quit().catch(() => undefined), sleep(10000)]);
      driver = null;
    }
  }

  if (only && scenarioFiles.length === 0) throw new Error(`JOBDOC_E2E_ONLY=${only} matches no file in tests/e2e/scenarios`);
  console.log(`e2e: PASS (${step} steps). Artifacts: ${artifacts}`);
  fs.writeFileSync(path.join(artifacts, "figures.json"), JSON.stringify(figures, null, 2));
} catch (e) {
  console.error("e2e: FAIL:", e);
  const running = runningProcesses();
  console.error(`e2e: running at the failure: ${running.join(", ") || "nothing"}`);
  // A dialog answer still waiting says the app never asked for it (the click did not arrive).
  const unread = fs.existsSync(dialogAnswers) ? fs.readFileSync(dialogAnswers, "utf8") : "";
  console.error(`e2e: scripted dialog answers not taken: ${unread.trim() ? JSON.stringify(unread) : "none"}`);
  // WebKitWebDriver never answers once the page's process is gone: no screenshot then, and
  // none that takes longer than 10 s either.
  if (driver && running.some((n) => n.startsWith("WebKitWebProc"))) {
    const shot = path.join(artifacts, "failure.png");
    const taken = await Promise.race([driver.takeScreenshot().catch(() => null), sleep(10000).then(() => null)]);
    if (taken) {
      fs.writeFileSync(shot, Buffer.from(taken, "base64"));
      console.error(`e2e: failure screenshot: ${shot}`);
    }
  } else if (driver) {
    console.error("e2e: the page's WebKitWebProcess is gone (it crashed or was killed): no screenshot");
  }
  process.exitCode = 1;
} finally {
  if (driver) await Promise.race([driver.quit().catch(() => undefined), sleep(10000)]);
  // tauri-driver (and WebKitWebDriver, the app), the lock probe, the file manager, dbus-daemon.
  await endAllAndReport(Boolean(process.exitCode));
  fs.rmSync(work, { recursive: true, force: true });
  // The scheduler's folder (outside `work`, which its filters cannot enter): its log helps
  // with a failure.
  if (process.exitCode) console.error(`e2e: the private CUPS scheduler's folder is kept: ${cups.dir}`);
  else fs.rmSync(cups.dir, { recursive: true, force: true });
}
