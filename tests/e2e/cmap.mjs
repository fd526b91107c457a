// Which characters a TrueType/OpenType font file maps to glyphs: its `cmap` table, read with no
// dependencies (formats 4 and 12 of the Unicode subtables, which every current font has).
//
//   node tests/e2e/cmap.mjs FONT.ttf [TEXT]   prints the number of mapped characters, and those
//                                             of TEXT that the font lacks
import fs from "node:fs";
import { fileURLToPath } from "node:url";

/** The set of code points that `file` (a .ttf/.otf) maps to a glyph other than .notdef. */
export function fontCoverage(file) {
  const b = fs.readFileSync(file);
  const tag = b.toString("latin1", 0, 4);
  if (tag === "wOFF" || tag === "wOF2") throw new Error(`${file}: a WOFF file; give the TrueType file`);
  const numTables = b.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    if (b.toString("latin1", rec, rec + 4) === "cmap") cmap = b.readUInt32BE(rec + 8);
  }
  if (cmap < 0) throw new Error(`${file}: no cmap table`);
  const subtables = [];
  for (let i = 0; i < b.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    const platform = b.readUInt16BE(rec);
    const encoding = b.readUInt16BE(rec + 2);
    const offset = cmap + b.readUInt32BE(rec + 4);
    // Unicode platform, or Windows with Unicode BMP (1) / full repertoire (10).
    if (platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))) subtables.push(offset);
  }
  const covered = new Set();
  for (const at of subtables) {
    const format = b.readUInt16BE(at);
    if (format === 4) {
      const segs = b.readUInt16BE(at + 6) / 2;
      const ends = at + 14;
      const starts = ends + segs * 2 + 2;
      const deltas = starts + segs * 2;
      const ranges = deltas + segs * 2;
      for (let s = 0; s < segs; s++) {
        const end = b.readUInt16BE(ends + s * 2);
        const start = b.readUInt16BE(starts + s * 2);
        const delta = b.readInt16BE(deltas + s * 2);
        const rangeAt = ranges + s * 2;
        const range = b.readUInt16BE(rangeAt);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph;
          if (range === 0) glyph = (c + delta) & 0xffff;
          else {
            const g = b.readUInt16BE(rangeAt + range + (c - start) * 2);
            glyph = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (glyph !== 0) covered.add(c);
        }
      }
    } else if (format === 12) {
      const groups = b.readUInt32BE(at + 12);
      for (let g = 0; g < groups; g++) {
        const rec = at + 16 + g * 12;
        const start = b.readUInt32BE(rec);
        const end = b.readUInt32BE(rec + 4);
        const glyph = b.readUInt32BE(rec + 8);
        for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) covered.add(c);
      }
    }
  }
  return covered;
}

/** The characters of `text` that `covered` lacks, each once, in order, as "U+XXXX 'c'". Spaces
 * and line breaks that no font draws (controls, zero-width joiners) do not count. */
export function missingCharacters(text, covered) {
  const seen = new Set();
  const out = [];
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0x200b || c === 0x200c || c === 0x200d || c === 0xfeff) continue;
    if (covered.has(c) || seen.has(c)) continue;
    seen.add(c);
    out.push(`U+${c.toString(16).toUpperCase().padStart(4, "0")} '${ch}'`);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, text] = process.argv.slice(2);
  const covered = fontCoverage(file);
  console.log(`${file}: ${covered.size} characters`);
  if (text !== undefined) console.log(`missing: ${missingCharacters(text, covered).join(", ") || "none"}`);
}
