import { describe, expect, it } from "vitest";
import { keysOf, langFromLocale, t } from "./i18n";
import { type KeyLike, shortcutAction, windowTitle } from "./shortcuts";

const key = (code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: "",
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("shortcuts", () => {
  it("map Ctrl on Linux/Windows and Cmd on macOS", () => {
    expect(shortcutAction(key("KeyZ", { ctrlKey: true }), false)).toBe("undo");
    expect(shortcutAction(key("KeyZ", { ctrlKey: true, shiftKey: true }), false)).toBe("redo");
    expect(shortcutAction(key("KeyY", { ctrlKey: true }), false)).toBe("redo");
    expect(shortcutAction(key("KeyS", { ctrlKey: true, shiftKey: true }), false)).toBe("save-as");
    expect(shortcutAction(key("KeyE", { ctrlKey: true }), false)).toBe("export");
    expect(shortcutAction(key("KeyW", { ctrlKey: true }), false)).toBe("close-document");
    expect(shortcutAction(key("KeyP", { ctrlKey: true }), false)).toBe("print");
    expect(shortcutAction(key("KeyN", { ctrlKey: true }), false)).toBe("new");
    expect(shortcutAction(key("KeyO", { ctrlKey: true }), false)).toBe("open");
    expect(shortcutAction(key("KeyS", { metaKey: true }), true)).toBe("save");
    expect(shortcutAction(key("KeyS", { ctrlKey: true }), true)).toBeNull();
    expect(shortcutAction(key("KeyS", { metaKey: true }), false)).toBeNull();
  });
  it("open find, replace and the clause library", () => {
    expect(shortcutAction(key("KeyF", { ctrlKey: true }), false)).toBe("find");
    expect(shortcutAction(key("KeyH", { ctrlKey: true }), false)).toBe("replace");
    expect(shortcutAction(key("KeyF", { metaKey: true }), true)).toBe("find");
    expect(shortcutAction(key("KeyK", { ctrlKey: true, shiftKey: true }), false)).toBe("toggle-clauses");
    expect(shortcutAction(key("KeyK", { ctrlKey: true }), false)).toBeNull();
    expect(shortcutAction({ ...key("KeyF", { ctrlKey: true }), key: "а" }, false)).toBe("find");
  });
  it("ignore plain keys and Alt combinations", () => {
    expect(shortcutAction(key("KeyZ"), false)).toBeNull();
    expect(shortcutAction(key("KeyZ", { ctrlKey: true, altKey: true }), false)).toBeNull();
  });
  it("work by physical key whatever the layout", () => {
    expect(shortcutAction({ ...key("KeyZ", { ctrlKey: true }), key: "я" }, false)).toBe("undo");
  });
});

describe("window title", () => {
  it("shows the file name and an unsaved mark", () => {
    expect(windowTitle(false, null, false, "Untitled")).toBe("Jobdoc");
    expect(windowTitle(true, null, true, "Untitled")).toBe("• Untitled — Jobdoc");
    expect(windowTitle(true, "a.jobdoc", false, "Untitled")).toBe("a.jobdoc — Jobdoc");
    expect(windowTitle(true, "a.jobdoc", true, "Untitled", "read-only")).toBe("• a.jobdoc [read-only] — Jobdoc");
  });
});

describe("translations", () => {
  it("have the same keys in both languages", () => {
    expect(keysOf("ru")).toEqual(keysOf("en"));
    expect(t("ru", "save")).toBe("Сохранить");
  });
  it("default from the locale", () => {
    expect(langFromLocale("ru-RU")).toBe("ru");
    expect(langFromLocale("en-US")).toBe("en");
    expect(langFromLocale(undefined)).toBe("en");
  });
});

import { nextZoom } from "./app.svelte";

describe("preview zoom", () => {
  it("steps through the zoom levels from any value", () => {
    expect(nextZoom(1, 1)).toBe(1.1);
    expect(nextZoom(1, -1)).toBe(0.9);
    expect(nextZoom(0.8, 1)).toBe(0.9);
    expect(nextZoom(0.8, -1)).toBe(0.75);
    expect(nextZoom(2, 1)).toBe(2);
    expect(nextZoom(0.5, -1)).toBe(0.5);
  });
});
