// Failures as the UI handles them: the Rust side's `ApiError` (branch on its generated
// `ErrorCode`, never on the text) or one of the UI's own.
import type { ApiError } from "../bindings/ApiError";
import type { ErrorCode } from "../bindings/ErrorCode";

/** A failure to show: one of the Rust side's (an `ApiError`, its message in the UI's
 * language), or one of the UI's own with `code: null` (a call Tauri itself rejected, a page
 * pdf.js could not draw). */
export type Failure = { code: ErrorCode | null; message: string };

export function isApiError(e: unknown): e is ApiError {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" && "message" in e && typeof e.message === "string";
}

/** `e` is the Rust side's failure with this code. */
export function hasCode(e: unknown, code: ErrorCode): e is ApiError {
  return isApiError(e) && e.code === code;
}

export function toFailure(e: unknown): Failure {
  if (isApiError(e)) return { code: e.code, message: e.message };
  return { code: null, message: e instanceof Error ? e.message : String(e) };
}
