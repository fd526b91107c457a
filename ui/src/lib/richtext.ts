// Clause text as the model stores it (jobdoc_model::RichText): a plain string, or pieces of typed
// text and references to document fields. The editor shows a reference as a chip; printing puts
// the field's current text there. Pure functions, unit-tested with vitest.
import type { Document } from "../bindings/Document";
import type { Field } from "../bindings/Field";
import type { FieldInfo } from "../bindings/FieldInfo";
import type { RichText } from "../bindings/RichText";
import type { UiLang } from "./i18n";

export type Piece = { text: string } | { field: Field };

/** The value a JSON Pointer names in a document (a string field), or "" when there is none. */
export function valueAt(doc: Document, pointer: string): string {
  let node: unknown = doc;
  for (const part of pointer.split("/").slice(1)) {
    if (node === null || typeof node !== "object") return "";
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" ? node : "";
}

/** The fields clauses can refer to, as the Rust side describes them (`Startup.fields`). */
export type Fields = FieldInfo[];

/** A field's description. */
export function info(fields: Fields, field: Field): FieldInfo | undefined {
  return fields.find((f) => f.field === field);
}

export function fieldLabel(fields: Fields, field: Field, lang: UiLang): string {
  const i = info(fields, field);
  if (!i) return field;
  return lang === "ru" ? i.label_ru : i.label_en;
}

/** The pieces of a stored text. */
export function pieces(text: RichText): Piece[] {
  if (typeof text === "string") return text === "" ? [] : [{ text }];
  return text.map((p) => (typeof p === "string" ? { text: p } : { field: p.field }));
}

/** The stored form of pieces, canonical as the model keeps it: empty texts dropped, neighbouring
 * texts joined, a plain string when there is no reference. */
export function fromPieces(list: Piece[]): RichText {
  const out: Piece[] = [];
  for (const p of list) {
    if ("text" in p) {
      if (p.text === "") continue;
      const last = out[out.length - 1];
      if (last && "text" in last) {
        out[out.length - 1] = { text: last.text + p.text };
        continue;
      }
    }
    out.push(p);
  }
  if (out.length === 0) return "";
  if (out.length === 1 && "text" in out[0]!) return out[0].text;
  return out.map((p) => ("text" in p ? p.text : { field: p.field }));
}

/** True when nothing but white space was typed and no field is referenced. */
export function isBlank(text: RichText): boolean {
  return pieces(text).every((p) => "text" in p && p.text.trim() === "");
}

export function referencedFields(text: RichText): Field[] {
  return pieces(text).flatMap((p) => ("field" in p ? [p.field] : []));
}

/** The text as it prints: references replaced by the fields' text (a line when empty), with a
 * capital letter where a field starts a sentence — the same rule as the Rust side. */
export function printed(text: RichText, doc: Document, fields: Fields): string {
  let out = "";
  for (const p of pieces(text)) {
    if ("text" in p) {
      out += p.text;
      continue;
    }
    const pointer = info(fields, p.field)?.pointer ?? "";
    const value = valueAt(doc, pointer).trim() || "____________";
    const trimmed = out.trimEnd();
    const starts = trimmed === "" || (/[.!?\n]$/.test(trimmed) && /\s$/.test(out));
    out += starts ? value.charAt(0).toUpperCase() + value.slice(1) : value;
  }
  return out;
}

/** Replaces every whole-word occurrence of `value` (the first letter's case aside) in the typed
 * text by a reference to `field`; returns the new text and how many were replaced. */
export function link(text: RichText, value: string, field: Field): { text: RichText; count: number } {
  const needle = value.trim();
  if (needle === "") return { text, count: 0 };
  const head = needle.charAt(0);
  const tail = needle.slice(1);
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  let count = 0;
  const out: Piece[] = [];
  for (const p of pieces(text)) {
    if (!("text" in p)) {
      out.push(p);
      continue;
    }
    let rest = p.text;
    let from = 0;
    for (;;) {
      let at = -1;
      for (let i = from; i + needle.length <= rest.length; i++) {
        if (rest.charAt(i).toLowerCase() === head.toLowerCase() && rest.startsWith(tail, i + 1) && !isWordChar(rest[i - 1]) && !isWordChar(rest[i + needle.length])) {
          at = i;
          break;
        }
      }
      if (at < 0) break;
      out.push({ text: rest.slice(0, at) }, { field });
      rest = rest.slice(at + needle.length);
      from = 0;
      count++;
    }
    out.push({ text: rest });
  }
  return { text: fromPieces(out), count };
}
