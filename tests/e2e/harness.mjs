// What the end-to-end test (run.mjs) and the preview benchmark (preview-bench.mjs) share:
// locating the repository, reporting failures, re-running under a virtual X server, finding the
// built binaries, talking to tauri-driver's port, and ending every process a run starts.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
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

// ---------------------------------------------------------------- every process a run starts

/** name → pid of each process started (or adopted, like a forking dbus-daemon). */
const children = new Map();
let ending = null;
let reported = false;
let prefixOf = "e2e";

/** Pids of `pid`'s descendants, from /proc (children are reparented once their parent dies,
 * so the tree is read before anything is signalled). */
function descendants(pid) {
  const parentOf = new Map();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may hold spaces: the ppid follows the last ")".
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      /* gone meanwhile */
    }
  }
  const out = [];
  let frontier = [pid];
  while (frontier.length > 0) {
    const next = [];
    for (const [p, pp] of parentOf) if (frontier.includes(pp)) next.push(p);
    out.push(...next);
    frontier = next;
  }
  return out;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const signal = (pid, sig) => {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
};

/** Starts a process that the run must end whatever happens (see `endAll`). */
export function startChild(name, cmd, args, opts = {}) {
  const child = spawn(cmd, args, opts);
  if (child.pid) children.set(name, child.pid);
  child.on("exit", () => {
    if (children.get(name) === child.pid) children.delete(name);
  });
  return child;
}

/** Registers a process the run did not spawn itself (a daemon that forked away). */
export function adoptChild(name, pid) {
  children.set(name, pid);
}

/** Ends every registered process and its descendants: SIGTERM first (tauri-driver stops
 * WebKitWebDriver on SIGTERM, not on SIGKILL), SIGKILL for whatever is left after `graceMs`.
 * Returns the names of processes that were still running. */
export function endAll(graceMs = 5000) {
  ending ??= (async () => {
    const tree = new Map();
    for (const [name, pid] of children) tree.set(name, [pid, ...descendants(pid)]);
    const running = [...tree].filter(([, pids]) => pids.some(alive)).map(([name]) => name);
    for (const [, pids] of tree) signal(pids[0], "SIGTERM");
    const end = Date.now() + graceMs;
    while (Date.now() < end && [...tree.values()].some((pids) => alive(pids[0]))) await sleep(100);
    for (const pids of tree.values()) for (const pid of pids) if (alive(pid)) signal(pid, "SIGKILL");
    children.clear();
    return running;
  })();
  return ending;
}

/** The command names of every registered process's descendants (for a failure report: a
 * WebKitWebProcess missing from it means the page's process died and WebDriver calls hang). */
export function runningProcesses() {
  const names = [];
  for (const pid of children.values()) {
    for (const p of descendants(pid)) {
      try {
        names.push(fs.readFileSync(`/proc/${p}/comm`, "utf8").trim());
      } catch {
        /* gone meanwhile */
      }
    }
  }
  return names;
}

/** `endAll`, then says (once) which processes were still running when the run failed. */
export async function endAllAndReport(failed) {
  const left = await endAll();
  if (failed && left.length > 0 && !reported) console.error(`${prefixOf}: ended ${left.join(", ")}`);
  reported = true;
  return left;
}

let currentStep = "start-up";
/** Names the step that is running, for the message when the deadline passes. */
export function stepRunning(name) {
  currentStep = name;
}

/** Ends everything and exits with `code` (once; later calls wait for the first). */
async function bail(message, code) {
  if (message) console.error(`${prefixOf}: ${message}`);
  const left = await endAll();
  if (left.length > 0 && code !== 0 && !reported) console.error(`${prefixOf}: ended ${left.join(", ")}`);
  process.exit(code);
}

/**
 * The run's safety net: a deadline (JOBDOC_E2E_TIMEOUT_MIN minutes, default `minutes`) after
 * which every process it started is ended and it exits 1 naming the running step; the same on
 * SIGINT/SIGTERM/SIGHUP and on an exception nobody caught.
 */
export function guardRun(prefix, minutes) {
  prefixOf = prefix;
  const limit = Number(process.env.JOBDOC_E2E_TIMEOUT_MIN ?? minutes) || minutes;
  const timer = setTimeout(
    () => bail(`TIMEOUT: ${limit} min passed while "${currentStep}" was running; ending every process it started`, 1),
    limit * 60_000,
  );
  timer.unref();
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, () => bail(`${sig} received while "${currentStep}" was running; ending every process it started`, 1));
  }
  process.on("uncaughtException", (e) => bail(`uncaught exception while "${currentStep}" was running: ${e?.stack ?? e}`, 1));
  process.on("unhandledRejection", (e) => bail(`unhandled rejection while "${currentStep}" was running: ${e?.stack ?? e}`, 1));
  return limit;
}

// ---------------------------------------------------------------- tools

/** `fail`, `which` and `run` whose messages start with `prefix` ("e2e", "bench"). `fail` ends
 * every process the run started before it exits. */
export function tools(prefix) {
  prefixOf = prefix;
  function fail(message) {
    if (children.size === 0) {
      console.error(`${prefix}: ${message}`);
      process.exit(1);
    }
    // Something is running: end it first (asynchronously), and stop this flow meanwhile.
    bail(message, 1);
    throw new Error(message);
  }
  function which(cmd) {
    const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
    return r.status === 0 ? r.stdout.trim() : null;
  }
  function run(cmd, args, opts = {}) {
    console.log(`${prefix}: $ ${cmd} ${args.join(" ")}`);
    const r = spawnSync(cmd, args, { stdio: "inherit", ...opts });
    if (r.status !== 0) fail(`${cmd} ${args.join(" ")} failed with status ${r.status ?? r.signal}`);
  }
  return { fail, which, run };
}

/**
 * Re-runs the script at `scriptUrl` under xvfb-run (unless already there) and exits with its
 * status. xvfb-run gets a process group of its own, so that Xvfb and anything the inner run
 * leaves behind are killed with it: on a signal, after the inner run's own deadline plus a
 * minute, and in any case once it has exited.
 */
export async function ensureXvfb(scriptUrl, { fail, which }, { env = {}, minutes = 15 } = {}) {
  if (process.env.JOBDOC_E2E_IN_XVFB === "1") return;
  if (!which("xvfb-run")) fail("xvfb-run is missing (Debian/Ubuntu: apt-get install xvfb xauth)");
  const child = spawn("xvfb-run", ["-a", "-s", "-screen 0 1400x900x24", process.execPath, fileURLToPath(scriptUrl)], {
    stdio: "inherit",
    detached: true,
    env: { ...process.env, ...env, JOBDOC_E2E_IN_XVFB: "1" },
  });
  const group = child.pid;
  const killGroup = (sig) => {
    try {
      process.kill(-group, sig);
    } catch {
      /* the group is empty */
    }
  };
  const exited = new Promise((resolve) => child.on("exit", (code, sig) => resolve(code ?? (sig ? 1 : 0))));
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(sig, () => killGroup("SIGTERM"));
  const limit = Number(process.env.JOBDOC_E2E_TIMEOUT_MIN ?? minutes) || minutes;
  // The inner run ends itself at its deadline; this is the backstop if it cannot.
  const backstop = setTimeout(() => {
    console.error(`${prefixOf}: the run under Xvfb did not end ${limit + 1} min after it started; killing it`);
    killGroup("SIGKILL");
  }, (limit + 1) * 60_000);
  const code = await exited;
  clearTimeout(backstop);
  killGroup("SIGTERM");
  await sleep(500);
  killGroup("SIGKILL");
  process.exit(code);
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
