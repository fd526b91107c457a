import { describe, expect, it } from "vitest";

import { changedPages, parsePreviewPayload, PREVIEW_MAGIC, PreviewPayloadError } from "./previewPayload";

const PDF = new TextEncoder().encode("%PDF-1.7\n%body\n%%EOF\n");

/** A payload as the Rust side writes it (jobdoc_session::export::Preview::payload). */
function payload(keys: bigint[], width = 595.28, height = 841.89, pdf: Uint8Array = PDF, count = keys.length): Uint8Array {
  const out = new Uint8Array(20 + 8 * keys.length + pdf.length);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode(PREVIEW_MAGIC), 0);
  view.setUint32(8, count, true);
  view.setFloat32(12, width, true);
  view.setFloat32(16, height, true);
  keys.forEach((k, i) => view.setBigUint64(20 + 8 * i, k, true));
  out.set(pdf, 20 + 8 * keys.length);
  return out;
}

describe("parsePreviewPayload", () => {
  it("splits the header's page keys and size from the PDF", () => {
    const p = parsePreviewPayload(payload([0x0123456789abcdefn, 0xfedcba9876543210n, 1n]));
    expect(p.keys).toEqual(["0123456789abcdef", "fedcba9876543210", "0000000000000001"]);
    expect(p.widthPt).toBeCloseTo(595.28, 3);
    expect(p.heightPt).toBeCloseTo(841.89, 3);
    expect(new TextDecoder().decode(p.pdf)).toBe("%PDF-1.7\n%body\n%%EOF\n");
  });

  it("reads a payload that sits inside a larger buffer", () => {
    const inner = payload([42n]);
    const outer = new Uint8Array(inner.length + 7);
    outer.set(inner, 3);
    const p = parsePreviewPayload(outer.subarray(3, 3 + inner.length));
    expect(p.keys).toEqual(["000000000000002a"]);
    expect(p.pdf[0]).toBe(0x25);
    expect(p.pdf.length).toBe(PDF.length);
  });

  it("takes a bare PDF as a PDF without keys", () => {
    const p = parsePreviewPayload(PDF);
    expect(p.keys).toBeNull();
    expect(p.widthPt).toBeNull();
    expect(p.pdf).toBe(PDF);
  });

  it("refuses bytes that are neither, and headers that do not fit", () => {
    expect(() => parsePreviewPayload(new TextEncoder().encode("hello"))).toThrow(PreviewPayloadError);
    expect(() => parsePreviewPayload(new Uint8Array())).toThrow(PreviewPayloadError);
    expect(() => parsePreviewPayload(payload([1n]).subarray(0, 15))).toThrow(/cut short/);
    expect(() => parsePreviewPayload(payload([1n, 2n], 595, 842, PDF, 1000))).toThrow(/announces 1000 pages/);
    expect(() => parsePreviewPayload(payload([1n], 0, 842))).toThrow(/page size/);
    expect(() => parsePreviewPayload(payload([1n], 595, 842, new TextEncoder().encode("not a pdf")))).toThrow(/no PDF/);
  });
});

describe("changedPages", () => {
  const keys = ["a", "b", "c"];

  it("keeps pages drawn with the same key at the same scale", () => {
    const drawn = [
      { key: "a", scale: 1 },
      { key: "x", scale: 1 },
      { key: "c", scale: 1 },
    ];
    expect(changedPages(drawn, keys, 3, 1)).toEqual([2]);
  });

  it("redraws every page after a zoom change, and pages never drawn", () => {
    expect(changedPages([{ key: "a", scale: 1 }, { key: "b", scale: 1 }, null], keys, 3, 1.25)).toEqual([1, 2, 3]);
    expect(changedPages([{ key: "a", scale: 1 }], keys, 3, 1)).toEqual([2, 3]);
  });

  it("redraws everything without keys, and new pages past the old end", () => {
    const drawn = [
      { key: "a", scale: 1 },
      { key: "b", scale: 1 },
    ];
    expect(changedPages(drawn, null, 2, 1)).toEqual([1, 2]);
    expect(changedPages(drawn, ["a", "b", "c", "d"], 4, 1)).toEqual([3, 4]);
  });
});
