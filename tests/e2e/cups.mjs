// A private CUPS scheduler for the end-to-end run: its own configuration, spool and Unix socket
// in a temporary folder (never the system's cupsd or /etc/cups), and one queue, a PDF printer
// whose device is a file. CUPS runs its real filter chain (pdftopdf applies copies, page ranges
// and the paper size) and writes what a printer would receive into that file, so a test can
// read what was printed. The app reaches it through CUPS_SERVER.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { sleep, startChild } from "./harness.mjs";

export const QUEUE = "JobdocPDF";
const CUPSD = "/usr/sbin/cupsd";
// cups-filters' generic PDF printer (the job stays a PDF through pdftopdf), given the duplex
// option most office printers have, so that the dialog's two-sided choice has somewhere to go.
const GENERIC_PPD = "/usr/share/ppd/cupsfilters/Generic-PDF_Printer-PDF.ppd";
const DUPLEX_OPTION = [
  "*OpenUI *Duplex/2-Sided Printing: PickOne",
  "*OrderDependency: 10 AnySetup *Duplex",
  "*DefaultDuplex: None",
  '*Duplex None/Off: ""',
  '*Duplex DuplexNoTumble/Long Edge: ""',
  '*Duplex DuplexTumble/Short Edge: ""',
  "*CloseUI: *Duplex",
  "",
].join("\n");

/**
 * Debian 12's security update 2.4.2-3+deb12u10 of libcups2 carries the change of CUPS 2.4.15
 * that freezes GTK's print dialog (OpenPrinting/cups#1429): GTK's CUPS backend spins in
 * httpWait(0) and never lists a printer; Evince and Firefox freeze the same way. With that
 * library the app under test loads the previous build, 2.4.2-3+deb12u9, which scripts/setup
 * keeps in the cache; this returns its folder, or null when the installed library is fine.
 */
export function gtkUsableLibcups() {
  let version = "";
  try {
    version = execFileSync("dpkg-query", ["-W", "-f=${Version}", "libcups2"], { encoding: "utf8" });
  } catch {
    return null; // not a Debian system: its own libcups is used
  }
  const broken = (() => {
    try {
      execFileSync("dpkg", ["--compare-versions", version, "ge", "2.4.2-3+deb12u10"]);
      execFileSync("dpkg", ["--compare-versions", version, "lt", "2.4.3"]);
      return true;
    } catch {
      return false;
    }
  })();
  if (!broken) return null;
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  const lib = path.join(cache, "jobdoc", "libcups2-2.4.2-3+deb12u9", "usr", "lib");
  const dir = (fs.existsSync(lib) ? fs.readdirSync(lib) : []).map((arch) => path.join(lib, arch)).find((d) => fs.existsSync(path.join(d, "libcups.so.2")));
  if (!dir) {
    throw new Error(`libcups2 ${version} freezes GTK's print dialog and the earlier build is not in ${lib} (scripts/setup fetches it)`);
  }
  return dir;
}

/** Starts the scheduler and adds the queue. Returns where it listens and where jobs land. */
export async function startCups() {
  if (!fs.existsSync(CUPSD)) throw new Error(`${CUPSD} is missing (apt install cups-daemon cups-client cups-filters)`);
  // A folder of its own that CUPS's filters (user lp when the run is root) can reach.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jobdoc-cups-"));
  fs.chmodSync(dir, 0o755);
  const sub = (name, mode = 0o755) => {
    const p = path.join(dir, name);
    fs.mkdirSync(p, { recursive: true });
    fs.chmodSync(p, mode);
    return p;
  };
  const etc = sub("etc");
  sub("etc/ppd");
  const spool = sub("spool", 0o710);
  sub("spool/tmp", 0o1777);
  const [cache, state, logs, out] = [sub("cache"), sub("state"), sub("log"), sub("out", 0o777)];
  const socket = path.join(dir, "cups.sock");
  fs.writeFileSync(
    path.join(etc, "cupsd.conf"),
    [
      `Listen ${socket}`,
      "LogLevel info",
      "Browsing No",
      "WebInterface No",
      "DefaultAuthType None",
      // Jobs and their attributes stay listed after they finish (the test reads them).
      "PreserveJobHistory Yes",
      "PreserveJobFiles No",
      "<Location />\n  Order allow,deny\n  Allow all\n</Location>",
      "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>",
      "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>",
      "",
    ].join("\n"),
  );
  fs.writeFileSync(
    path.join(etc, "cups-files.conf"),
    [
      `ServerRoot ${etc}`,
      `RequestRoot ${spool}`,
      `TempDir ${path.join(spool, "tmp")}`,
      `CacheDir ${cache}`,
      `StateDir ${state}`,
      `ErrorLog ${path.join(logs, "error_log")}`,
      `AccessLog ${path.join(logs, "access_log")}`,
      `PageLog ${path.join(logs, "page_log")}`,
      // The queue's device is a file (refused by default).
      "FileDevice Yes",
      // Not the system's /run/cups/printcap.
      `Printcap ${path.join(state, "printcap")}`,
      "",
    ].join("\n"),
  );
  startChild("cupsd (private)", CUPSD, ["-f", "-c", path.join(etc, "cupsd.conf"), "-s", path.join(etc, "cups-files.conf")], {
    stdio: ["ignore", "inherit", "inherit"],
  });
  const end = Date.now() + 20000;
  while (!fs.existsSync(socket)) {
    if (Date.now() > end) throw new Error(`cupsd did not listen on ${socket} (log: ${path.join(logs, "error_log")})`);
    await sleep(100);
  }
  const output = path.join(out, "printed.pdf");
  if (!fs.existsSync(GENERIC_PPD)) throw new Error(`${GENERIC_PPD} is missing (apt install cups-filters)`);
  const ppd = path.join(dir, "jobdoc-pdf.ppd");
  fs.writeFileSync(ppd, `${fs.readFileSync(GENERIC_PPD, "latin1").trimEnd()}\n${DUPLEX_OPTION}`, "latin1");
  const env = { ...process.env, CUPS_SERVER: socket };
  execFileSync("lpadmin", ["-p", QUEUE, "-E", "-v", `file://${output}`, "-P", ppd], { env, stdio: ["ignore", "ignore", "pipe"], timeout: 30000 });
  return {
    dir,
    socket,
    log: path.join(logs, "error_log"),
    /** Empties the queue's output file (the scheduler writes into an existing file only). */
    resetOutput() {
      fs.writeFileSync(output, "");
      fs.chmodSync(output, 0o666);
      return output;
    },
    /** The IPP attributes the last job was sent with (its control file, kept by
     * PreserveJobHistory; written shortly after the job), as text, option values such as
     * `DuplexNoTumble` readable in it; null before it is written. */
    lastJobAttributes() {
      const files = fs.readdirSync(spool).filter((f) => /^c\d+$/.test(f)).sort();
      return files.length === 0 ? null : fs.readFileSync(path.join(spool, files[files.length - 1])).toString("latin1");
    },
    env,
  };
}
