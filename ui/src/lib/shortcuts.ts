// Keyboard shortcuts shared by the window's key handler and the native menu. Letters are matched
// by physical key (`code`), so Ctrl+Z works with a Russian layout too.
export type Action =
  | "new"
  | "open"
  | "save"
  | "save-as"
  | "export"
  | "print"
  | "undo"
  | "redo"
  | "zoom-in"
  | "zoom-out"
  | "zoom-reset"
  | "close-document"
  | "quit"
  | "toggle-preview"
  | "toggle-diagnostics"
  | "lang-ru"
  | "lang-en"
  | "shortcuts"
  | "about"
  | "find"
  | "replace"
  | "toggle-clauses"
  | "import";

export const ACTIONS: readonly Action[] = [
  "new",
  "open",
  "save",
  "save-as",
  "export",
  "print",
  "undo",
  "redo",
  "zoom-in",
  "zoom-out",
  "zoom-reset",
  "close-document",
  "quit",
  "toggle-preview",
  "toggle-diagnostics",
  "lang-ru",
  "lang-en",
  "shortcuts",
  "about",
  "find",
  "replace",
  "toggle-clauses",
  "import",
];

export function isAction(id: string): id is Action {
  return (ACTIONS as readonly string[]).includes(id);
}

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The action a key press asks for, or null. `mac`: Cmd instead of Ctrl. */
export function shortcutAction(e: KeyLike, mac: boolean): Action | null {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey) return null;
  const shift = e.shiftKey;
  // Some synthetic events carry no `code`: fall back to the Latin letter or digit typed.
  const code = e.code || (/^[a-z]$/i.test(e.key) ? `Key${e.key.toUpperCase()}` : /^[0-9]$/.test(e.key) ? `Digit${e.key}` : e.key);
  switch (code) {
    case "KeyZ":
      return shift ? "redo" : "undo";
    case "KeyY":
      return shift ? null : "redo";
    case "KeyN":
      return shift ? null : "new";
    case "KeyO":
      return shift ? null : "open";
    case "KeyS":
      return shift ? "save-as" : "save";
    case "KeyP":
      return shift ? null : "print";
    case "KeyE":
      return shift ? null : "export";
    case "KeyW":
      return shift ? null : "close-document";
    case "KeyQ":
      return shift ? null : "quit";
    case "Equal":
    case "=":
    case "+":
    case "NumpadAdd":
      return "zoom-in";
    case "Minus":
    case "-":
    case "NumpadSubtract":
      return "zoom-out";
    case "Digit0":
    case "Numpad0":
      return "zoom-reset";
    case "KeyF":
      return shift ? null : "find";
    case "KeyH":
      return shift ? null : "replace";
    case "KeyK":
      return shift ? "toggle-clauses" : null;
  }
  return null;
}

/** Shortcut texts for the help dialog. */
export function shortcutList(mac: boolean): [string, Action][] {
  const m = mac ? "⌘" : "Ctrl+";
  const s = mac ? "⇧" : "Shift+";
  return [
    [`${m}N`, "new"],
    [`${m}O`, "open"],
    [`${m}S`, "save"],
    [`${m}${s}S`, "save-as"],
    [`${m}E`, "export"],
    [`${m}W`, "close-document"],
    [`${m}P`, "print"],
    [`${m}Z`, "undo"],
    [`${m}${s}Z / ${m}Y`, "redo"],
    [`${m}+ / ${m}−`, "zoom-in"],
    [`${m}F`, "find"],
    [`${m}H`, "replace"],
    [`${m}${s}K`, "toggle-clauses"],
  ];
}

/** The window title: file name, unsaved mark, read-only mark (its label), app name. */
export function windowTitle(hasDocument: boolean, fileName: string | null, dirty: boolean, untitled: string, readOnly: string | null = null): string {
  if (!hasDocument) return "Jobdoc";
  return `${dirty ? "• " : ""}${fileName ?? untitled}${readOnly ? ` [${readOnly}]` : ""} — Jobdoc`;
}
