import type { BatchSkip } from "./BatchSkip";
export type BatchReport = { folder: string, written: Array<string>, skipped: Array<BatchSkip>, cancelled: boolean, };
