// What the end-to-end test (run.mjs) and the preview benchmark (preview-bench.mjs) share:
// locating the repository, reporting failures, re-running under a virtual X server, finding the
// built binaries and talking to tauri-driver's port.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");
export const ui = path.join(root, "ui");
/** selenium-webdriver, installed with the UI's dev dependencies. */
export const webdriver = createRequire(path.join(ui, "package.json"))("selenium-webdriver");

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `fail`, `which` and `run` whose messages start with `prefix` ("e2e", "bench"). */
export function tools(prefix) {
  function fail(message) {
    console.error(`${prefix}: ${message}`);
    process.exit(1);
  }
  function which(cmd) {
    const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : null;
  }
  function run(cmd, args, opts = {}) {
    console.log(`${prefix}: $ ${cmd} ${args.join(" ")}`);
    const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
    if (r.status !== 0) fail(`${cmd} ${args.join(" ")} failed with status ${r.status}`);
  }
  return { fail, which, run };
}

/** Re-runs the script at `scriptUrl` under xvfb-run (unless already there) and exits with its status. */
export function ensureXvfb(scriptUrl, { fail, which }) {
  if (process.env.JOBDOC_E2E_IN_XVFB === "1") return;
  if (!which("xvfb-run")) fail("xvfb-run is missing (Debian/Ubuntu: apt-get install xvfb xauth)");
  const r = spawnSync("xvfb-run", ["-a", "-s", "-screen 0 1400x900x24", process.execPath, fileURLToPath(scriptUrl)], {
    stdio: "inherit",
    env: { ...process.env, JOBDOC_E2E_IN_XVFB: "1" },
  });
  process.exit(r.status ?? 1);
}

/** The path of a built binary: the debug build, or the release build when `release`. */
export function builtBinary(name, release) {
  const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, "target");
  return path.join(targetDir, release ? "release" : "debug", name);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/** Resolves once something listens on `port`; false after `ms`. */
export async function waitForPort(port, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => {
        s.end();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return true;
    await sleep(100);
  }
  return false;
}
