import type { ApiError } from "./ApiError";
export type BatchFailed = { source: string, error: ApiError, };
