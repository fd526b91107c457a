#!/usr/bin/env node
// Measures the live preview in the real app, under a virtual X server, through WebDriver
// (tauri-driver + WebKitWebDriver), on a ten-page document:
//
//   npm --prefix ui run bench:preview
//
// It opens the key-account template with every section's clauses doubled (about ten pages,
// the document the e2e test's step 14 uses), waits for the first full render, then types one
// character into the first clause N times (default 15), waiting after each for the preview to
// refresh, and prints the median and spread of: export + IPC (the Rust export and the transfer
// of the bytes), rendering (from the bytes' arrival until every page in view shows the new
// version) and their sum. Then the same for the last clause of the document, whose page is out
// of view (the preview keeps every picture and draws nothing). The figures are read from the data attributes of #preview-pages.
// The result is also written as JSON to JOBDOC_BENCH_OUT when set.
//
// Environment: JOBDOC_E2E_PROFILE=release (measure the release build; the figures to report),
// JOBDOC_E2E_SKIP_BUILD=1 (use the binary as built), JOBDOC_BENCH_RUNS=N, JOBDOC_BENCH_OUT=FILE,
// JOBDOC_BENCH_ZOOM=1 (also measure zoom changes), JOBDOC_BENCH_SHOTS=DIR (save screenshots of
// the window after the edits and after each zoom step up), CARGO_TARGET_DIR.
// A missing tool fails the run with a clear message.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { builtBinary, endAll, ensureXvfb, freePort, guardRun, root, sleep, startChild, stepRunning, tools, ui, waitForPort, webdriver } from "./harness.mjs";

const { fail, which, run } = tools("bench");
const { Builder, By, until } = webdriver;
// The measurement's deadline (JOBDOC_E2E_TIMEOUT_MIN overrides it); the builds come before it.
const MINUTES = 15;

const cargoBin = path.join(os.homedir(), ".cargo", "bin");
process.env.PATH = `${cargoBin}:${process.env.PATH}`;
for (const [tool, hint] of [
  ["WebKitWebDriver", "apt-get install webkit2gtk-driver"],
  ["tauri-driver", "cargo install tauri-driver --locked --version ^2"],
  ["cargo", "install Rust from https://rustup.rs"],
]) {
  if (!which(tool)) fail(`${tool} is missing (${hint})`);
}

const release = process.env.JOBDOC_E2E_PROFILE === "release";
if (process.env.JOBDOC_E2E_SKIP_BUILD !== "1") {
  run("npm", ["run", "build"], { cwd: ui });
  run("cargo", ["build", "-p", "jobdoc-app", "--features", "custom-protocol", ...(release ? ["--release"] : [])], { cwd: root });
}
const application = builtBinary("jobdoc-app", release);
if (!fs.existsSync(application)) fail(`the app was not built: ${application}`);

// Re-run under a virtual X server unless already there (what is built is used as it is).
await ensureXvfb(import.meta.url, { fail, which }, { env: { JOBDOC_E2E_SKIP_BUILD: "1" }, minutes: MINUTES });
guardRun("bench", MINUTES);
const runs = Math.max(3, Number(process.env.JOBDOC_BENCH_RUNS ?? 15) || 15);

const work = fs.mkdtempSync(path.join(os.tmpdir(), "jobdoc-bench-"));
// Settings, recovery copies and caches go into the temporary folder, not the user's.
const xdg = Object.fromEntries(["config", "data", "cache", "state"].map((d) => [`XDG_${d.toUpperCase()}_HOME`, path.join(work, d)]));
for (const dir of Object.values(xdg)) fs.mkdirSync(dir);



/** The preview's figures, from the data attributes of #preview-pages. */
async function figures(driver) {
  return driver.executeScript(`
    const el = document.getElementById('preview-pages');
    if (!el) return null;
    const d = el.dataset;
    return { pages: Number(d.pages), exportMs: Number(d.exportMs), renderMs: Number(d.renderMs),
      renders: Number(d.renders), drawn: Number(d.drawn ?? NaN), kept: Number(d.kept ?? NaN),
      loadMs: Number(d.loadMs ?? NaN), drawMs: Number(d.drawMs ?? NaN) };`);
}

async function waitRender(driver, since, message) {
  await driver.wait(async () => (await figures(driver))?.renders > since, 30000, message);
  return figures(driver);
}

function stats(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: at(0.5), min: s[0], p90: at(0.9), max: s[s.length - 1] };
}

const fmt = (st) => (st ? `median ${st.median.toFixed(1)} ms (min ${st.min.toFixed(1)}, p90 ${st.p90.toFixed(1)}, max ${st.max.toFixed(1)})` : "n/a");

// The ten-page document: the key-account template with every section's clauses doubled.
const big = JSON.parse(fs.readFileSync(path.join(root, "templates", "ru-key-account-manager.jobdoc"), "utf8"));
for (const section of big.sections) section.clauses = [...section.clauses, ...structuredClone(section.clauses)];
const bigPath = path.join(work, "ten-pages.jobdoc");
fs.writeFileSync(bigPath, JSON.stringify(big, null, 2));

const port = await freePort();
const nativePort = await freePort();
stepRunning("starting tauri-driver");
startChild("tauri-driver (WebKitWebDriver, the app)", "tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
  env: { ...process.env, ...xdg, LANG: "C.UTF-8", LC_ALL: "C.UTF-8" },
  stdio: ["ignore", "inherit", "inherit"],
});
if (!(await waitForPort(port, 20000))) fail(`tauri-driver did not listen on port ${port}`);

let driver;
let result;
try {
  stepRunning("opening the ten-page document");
  const started = Date.now();
  driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}/`)
    .withCapabilities({ browserName: "wry", "tauri:options": { application, args: [bigPath] } })
    .build();
  const first = "c/sections/0/clauses/0";
  await driver.wait(until.elementLocated(By.css(`[id="${first}"]`)), 30000, "the editor did not open the document");
  const opened = await waitRender(driver, 0, "the preview of the long document did not render");
  const openMs = Date.now() - started;
  console.log(`bench: ${opened.pages} pages; first render: export+IPC ${opened.exportMs} ms, render ${opened.renderMs} ms (open ${opened.loadMs}, draw ${opened.drawMs}; pages drawn ${opened.drawn}) (launch to first preview ${openMs} ms incl. WebDriver)`);
  await sleep(1000);

  /** Types one character into the clause `id` `runs` times, each time until the preview
   * has refreshed; returns the figures of each refresh. */
  async function edits(id, label) {
    const out = [];
    for (let i = 0; i < runs; i++) {
      const before = await figures(driver);
      // Found again each time: the editor may re-create the field.
      await (await driver.findElement(By.css(`[id="${id}"]`))).sendKeys("x");
      const after = await waitRender(driver, before.renders, `the preview did not refresh after an edit of ${id}`);
      out.push(after);
      console.log(
        `bench: ${label} ${String(i + 1).padStart(2)}: export+IPC ${after.exportMs} ms, render ${after.renderMs} ms` +
          ` (open ${after.loadMs}, draw ${after.drawMs}; pages drawn ${after.drawn}, kept ${after.kept})`,
      );
      await sleep(400);
    }
    return out;
  }

  // The clause being typed in is on the page in view (the first): that page must be redrawn.
  stepRunning("edits of the first clause");
  const samples = await edits(first, "edit");
  // The last clause of the last section is on a later page, out of view: nothing to draw.
  const lastSection = big.sections.length - 1;
  const offscreen = `c/sections/${lastSection}/clauses/${big.sections[lastSection].clauses.length - 1}`;
  stepRunning("edits of the last clause");
  const offSamples = await edits(offscreen, "edit off-screen");

  const shots = process.env.JOBDOC_BENCH_SHOTS;
  if (shots) {
    fs.mkdirSync(shots, { recursive: true });
    fs.writeFileSync(path.join(shots, "preview-fit.png"), Buffer.from(await driver.takeScreenshot(), "base64"));
  }
  const zoomSamples = [];
  if (process.env.JOBDOC_BENCH_ZOOM === "1") {
    stepRunning("zoom steps");
    // From the fitted zoom up four steps, then down to the smallest (50 %).
    for (const id of ["+", "+", "+", "+", "−", "−", "−", "−", "−"]) {
      const before = await figures(driver);
      const buttons = await driver.findElements(By.css(".zoom button.icon"));
      await buttons[id === "+" ? 1 : 0].click();
      const after = await waitRender(driver, before.renders, "the preview did not redraw after a zoom change");
      zoomSamples.push(after);
      console.log(`bench: zoom ${id}: render ${after.renderMs} ms (pages drawn ${after.drawn})`);
      // Screenshots on the way up only: a screenshot after the way back down has hung
      // WebKitWebDriver here (the same steps without screenshots complete).
      if (shots && id === "+") fs.writeFileSync(path.join(shots, `preview-zoom-${zoomSamples.length}.png`), Buffer.from(await driver.takeScreenshot(), "base64"));
      await sleep(400);
    }
  }

  const summary = (xs) => ({
    exportMs: stats(xs.map((x) => x.exportMs)),
    renderMs: stats(xs.map((x) => x.renderMs)),
    totalMs: stats(xs.map((x) => x.exportMs + x.renderMs)),
  });
  result = {
    build: release ? "release" : "debug",
    pages: opened.pages,
    runs,
    firstRender: { exportMs: opened.exportMs, renderMs: opened.renderMs, launchToPreviewMs: openMs },
    edit: summary(samples),
    editOffscreen: summary(offSamples),
    samples,
    offscreenSamples: offSamples,
    zoom: zoomSamples,
  };
  for (const [label, st] of [
    [`one-character edits of the first clause (its page in view)`, result.edit],
    [`one-character edits of ${offscreen} (its page out of view)`, result.editOffscreen],
  ]) {
    console.log(`bench: ${result.build} build, ${opened.pages}-page document, ${runs} ${label}:`);
    console.log(`bench:   export+IPC ${fmt(st.exportMs)}`);
    console.log(`bench:   render     ${fmt(st.renderMs)}`);
    console.log(`bench:   total      ${fmt(st.totalMs)}`);
  }
  if (process.env.JOBDOC_BENCH_OUT) fs.writeFileSync(process.env.JOBDOC_BENCH_OUT, JSON.stringify(result, null, 2));
} catch (e) {
  console.error("bench: FAIL:", e);
  process.exitCode = 1;
} finally {
  if (driver) await Promise.race([driver.quit().catch(() => undefined), sleep(10000)]);
  // tauri-driver, WebKitWebDriver and the app.
  await endAll();
  fs.rmSync(work, { recursive: true, force: true });
}
