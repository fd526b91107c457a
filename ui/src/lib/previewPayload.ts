// The live preview's payload from the Rust side (`preview_pdf`, see
// jobdoc_session::export::Preview::payload): a short header, then the PDF.
//
//   8 bytes  "JDPREV1\0"
//   u32      page count N
//   f32 f32  page width and height in points
//   N × u64  one key per page: equal keys, equal-looking pages
//   …        the PDF
//
// Numbers are little-endian. Bytes that start with "%PDF-" instead are a PDF without keys
// (every page then counts as changed).

export const PREVIEW_MAGIC = "JDPREV1\0";
const HEADER = PREVIEW_MAGIC.length + 12;

export interface PreviewPayload {
  /** The PDF: a view into the payload, not a copy. */
  pdf: Uint8Array;
  /** Page size in points, or null when the payload is a bare PDF. */
  widthPt: number | null;
  heightPt: number | null;
  /** One key per page (16 hex digits), or null when the payload is a bare PDF. */
  keys: string[] | null;
}

export class PreviewPayloadError extends Error {}

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, "0");
}

/** Splits a preview payload into its page keys and the PDF. Throws PreviewPayloadError on
 * bytes that are neither a payload nor a PDF, or a header that does not fit. */
export function parsePreviewPayload(bytes: Uint8Array): PreviewPayload {
  if (startsWith(bytes, "%PDF-")) return { pdf: bytes, widthPt: null, heightPt: null, keys: null };
  if (!startsWith(bytes, PREVIEW_MAGIC)) throw new PreviewPayloadError("the preview is neither a Jobdoc preview nor a PDF");
  if (bytes.length < HEADER) throw new PreviewPayloadError("the preview header is cut short");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(8, true);
  const widthPt = view.getFloat32(12, true);
  const heightPt = view.getFloat32(16, true);
  const pdfStart = HEADER + 8 * count;
  if (pdfStart > bytes.length) throw new PreviewPayloadError(`the preview header announces ${count} pages but is cut short`);
  if (!(widthPt > 0 && heightPt > 0)) throw new PreviewPayloadError(`the preview's page size ${widthPt} × ${heightPt} pt is invalid`);
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const at = HEADER + 8 * i;
    // u64 little-endian: high word second; written high first so the text reads as the number.
    keys.push(hex32(view.getUint32(at + 4, true)) + hex32(view.getUint32(at, true)));
  }
  const pdf = bytes.subarray(pdfStart);
  if (!startsWith(pdf, "%PDF-")) throw new PreviewPayloadError("the preview holds no PDF after its header");
  return { pdf, widthPt, heightPt, keys };
}

/** What a page's canvas shows now: the key of the version drawn and the scale it was drawn at. */
export interface DrawnPage {
  key: string | null;
  scale: number;
}

/** The pages (1-based) that must be drawn again for a new version with `keys` at `scale`:
 * every page whose drawn copy has another key or scale, or none at all. Without keys
 * (`null`), every page. */
export function changedPages(drawn: readonly (DrawnPage | null | undefined)[], keys: readonly string[] | null, count: number, scale: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const d = drawn[i];
    const key = keys?.[i] ?? null;
    if (!d || key === null || d.key !== key || Math.abs(d.scale - scale) > 1e-6) out.push(i + 1);
  }
  return out;
}
